//! The behaviour every generated error type has, written once.
//!
//! A generated error crate holds what its model says of each error (its
//! members, name, status and retry kind) and leaves the rest to these two
//! macros: an operation's error enum with the routing of error responses to
//! its variants, and the accessors and trait impls of each error structure.
//! The code is the same for every service, so it lives here, like the
//! behaviour behind `prost`'s derives, rather than in every generated crate
//! again.

/// Declares an operation's error enum: one variant per modelled error and
/// `Unhandled` for any other, with the routing of error responses to them,
/// accessors, predicates and the traits a client reads errors through.
///
/// Each variant names its error structure, which must provide `ERROR_NAME`,
/// `read_response` and [`ServiceError`](crate::ServiceError), as
/// [`error_structure!`](crate::error_structure) does, and the predicate
/// method that tells the variant.
///
/// ```
/// # use smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata;
/// # use smithy_lean_runtime::json::Tokens;
/// # smithy_lean_runtime::structure! {
/// #     #[builder(BusyBuilder)]
/// #     #[derive(Clone, Default)]
/// #     pub struct Busy { meta: ErrorMetadata, http_status: Option<u16>, }
/// # }
/// # smithy_lean_runtime::builder! {
/// #     #[build(Busy)]
/// #     #[derive(Clone, Default)]
/// #     pub struct BusyBuilder { meta: ErrorMetadata, http_status: Option<u16>, }
/// # }
/// # impl smithy_lean_runtime::json::JsonStructure for Busy {
/// #     fn read_member(_: &mut BusyBuilder, _: &str, _: &mut Tokens<'_>) -> Result<bool, smithy_lean_runtime::JsonError> {
/// #         Ok(false)
/// #     }
/// # }
/// # smithy_lean_runtime::error_structure!(Busy, BusyBuilder, "Busy", status = 503, retry = ThrottlingError);
/// smithy_lean_runtime::operation_error! {
///     /// Every error `Ping` can return.
///     pub enum PingError {
///         /// The service is busy.
///         #[is = is_busy]
///         Busy(Busy),
///     }
/// }
///
/// let headers = smithy_lean_runtime::http::HeaderMap::new();
/// let error = PingError::from_response(503, &headers, br#"{"__type":"Busy"}"#);
/// assert!(error.is_busy() && error.is_retryable());
/// let error = PingError::from_response(500, &headers, br#"{"__type":"Boom"}"#);
/// assert!(error.is_unhandled());
/// ```
#[macro_export]
macro_rules! operation_error {
    (
        $(#[$attribute:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $variant_doc:literal])*
                #[is = $predicate:ident]
                // A long path, as rustfmt and prettyplease lay one out,
                // ends with a comma of its own.
                $variant:ident($error:path $(,)?),
            )*
        }
    ) => {
        $(#[$attribute])*
        ///
        /// The modelled errors have a variant each; anything else, including an
        /// error name this model does not know, is [`Unhandled`](Self::Unhandled),
        /// which keeps the name, message, request id and HTTP status.
        #[non_exhaustive]
        #[derive(Debug)]
        // Each error unboxed, as the AWS SDK for Rust has them.
        #[allow(clippy::large_enum_variant)]
        pub enum $name {
            $(
                $(#[doc = $variant_doc])*
                $variant($error),
            )*
            /// An error the model does not list for this operation.
            Unhandled($crate::UnhandledError),
        }

        impl $name {
            /// Resolves an error response (any status that is not the operation's success code).
            ///
            /// The error is named by the `X-Amzn-Errortype` header, else the body's `code`,
            /// else its `__type`, sanitized with [`sanitize_error_name`]($crate::sanitize_error_name).
            /// The body's modelled members are read when it is the expected JSON; a body that
            /// is not still gives a typed error when its name is known. Never panics.
            pub fn from_response(status: u16, headers: &$crate::http::HeaderMap, body: &[u8]) -> Self {
                let response = $crate::error_response::read(headers, body);
                let Some(error_name) = response.name.as_deref() else {
                    return Self::Unhandled($crate::UnhandledError::of_response(response, status));
                };
                $(
                    if error_name == <$error>::ERROR_NAME {
                        return match <$error>::read_response(status, headers, body, response.meta) {
                            Ok(error) => Self::$variant(error),
                            Err(meta) => Self::Unhandled($crate::UnhandledError::new(meta, status)),
                        };
                    }
                )*
                Self::Unhandled($crate::UnhandledError::new(response.meta, status))
            }

            /// The variant's error, read as any error of the service: every accessor
            /// below goes through this one `match`.
            fn inner(&self) -> &dyn $crate::ServiceError {
                match self {
                    $(Self::$variant(error) => error,)*
                    Self::Unhandled(error) => error,
                }
            }

            /// Name, message and request id, as read from the response.
            pub fn meta(&self) -> &$crate::ErrorMetadata {
                self.inner().meta()
            }

            /// The error's name (sanitized), if the response gave one.
            pub fn error_name(&self) -> Option<&str> {
                self.inner().error_name()
            }

            /// The human-readable message, if any.
            pub fn error_message(&self) -> Option<&str> {
                self.inner().error_message()
            }

            /// The request id the service gave the failed request.
            pub fn request_id(&self) -> Option<&str> {
                self.inner().request_id()
            }

            /// The HTTP status of the response.
            pub fn http_status(&self) -> Option<u16> {
                self.inner().http_status()
            }

            /// Whether the model says a client should retry this error.
            pub fn is_retryable(&self) -> bool {
                self.inner().is_retryable()
            }

            $(
                #[doc = concat!("Whether this is a [`", stringify!($variant), "`](Self::", stringify!($variant), ").")]
                pub fn $predicate(&self) -> bool {
                    matches!(self, Self::$variant(_))
                }
            )*

            /// Whether this is an error the model does not list.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        // `Display` is the inner error's, so the inner error is not a cause:
        // its text would be printed twice in a chain of causes.
        impl ::std::error::Error for $name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                self.inner().source()
            }
        }

        impl $crate::ServiceError for $name {
            fn error_name(&self) -> Option<&str> {
                self.inner().error_name()
            }

            fn error_message(&self) -> Option<&str> {
                self.inner().error_message()
            }

            fn http_status(&self) -> Option<u16> {
                self.inner().http_status()
            }

            fn retryable_error_kind(&self) -> Option<$crate::aws_smithy_types::retry::ErrorKind> {
                self.inner().retryable_error_kind()
            }

            fn meta(&self) -> &$crate::ErrorMetadata {
                self.inner().meta()
            }

            fn body_excerpt(&self) -> Option<&$crate::BodyExcerpt> {
                self.inner().body_excerpt()
            }
        }

        impl $crate::operation::OperationError for $name {
            fn from_response(status: u16, headers: &$crate::http::HeaderMap, body: &[u8]) -> Self {
                $name::from_response(status, headers, body)
            }

            fn unhandled(failure: Box<dyn ::std::error::Error + Send + Sync>) -> Self {
                Self::Unhandled($crate::UnhandledError::from_failure(failure))
            }
        }

        $crate::__sdk_error_traits!($name);
    };
}

/// Gives a generated error structure its name, status and retry kind, its
/// accessors, how it is read from an error response, and the traits a
/// client reads errors through.
///
/// The structure must have the fields `meta` (an
/// [`ErrorMetadata`](crate::ErrorMetadata)) and `http_status`
/// (`Option<u16>`), be a [`JsonStructure`](crate::json::JsonStructure)
/// (its body's members), and have a builder whose `build()` cannot fail
/// unless `read = strict` is given. The arguments after its name, builder
/// and wire name, each optional but in this order:
///
/// - `bindings`: the structure implements
///   [`ResponseBindings`](crate::response::ResponseBindings) itself, for
///   members bound to headers; without it, it has none;
/// - `status = N`: its `@httpError` code;
/// - `retry = Kind`: the [`ErrorKind`](crate::aws_smithy_types::retry::ErrorKind)
///   variant of a `@retryable` error;
/// - `message = field` (an `Option<String>`, which the response's message
///   fills when the body left it unset) or `required_message = field` (a
///   `String`): the member that holds the error's message; without either,
///   the message is the one the response carries, whatever its key;
/// - `read = strict`: a body that is not this error's JSON (it lacks a
///   required member) gives the response's metadata back, for the caller to
///   report the error as unhandled; otherwise such a body makes the error
///   from the response alone;
/// - `member_request_id = request_id`: the structure has a member whose
///   accessor is `request_id()`, which then is that, not the response's
///   request id (still in `meta()`).
#[macro_export]
macro_rules! error_structure {
    (
        $name:ident, $builder:ident, $error_name:literal
        $(, status = $status:literal)?
        $(, retry = $retry:ident)?
        $(, message = $message:ident)?
        $(, required_message = $required_message:ident)?
        $(, read = $read:ident)?
        $(, member_request_id = $member_request_id:ident)?
    ) => {
        impl $crate::response::ResponseBindings for $name {}

        $crate::error_structure!(
            $name, $builder, $error_name, bindings
            $(, status = $status)?
            $(, retry = $retry)?
            $(, message = $message)?
            $(, required_message = $required_message)?
            $(, read = $read)?
            $(, member_request_id = $member_request_id)?
        );
    };
    (
        $name:ident, $builder:ident, $error_name:literal, bindings
        $(, status = $status:literal)?
        $(, retry = $retry:ident)?
        $(, message = $message:ident)?
        $(, required_message = $required_message:ident)?
        $(, read = $read:ident)?
        $(, member_request_id = $member_request_id:ident)?
    ) => {
        impl $name {
            $(
                /// The HTTP status the model gives this error (`httpError`).
                pub const HTTP_STATUS: u16 = $status;
            )?

            $crate::__error_message!($(option $message)? $(string $required_message)?);

            pub(crate) fn with_response(mut self, meta: $crate::ErrorMetadata, http_status: u16) -> Self {
                $(
                    if self.$message.is_none() {
                        self.$message = meta.message().map(ToOwned::to_owned);
                    }
                )?
                self.meta = meta;
                self.http_status = Some(http_status);
                self
            }

            $crate::__error_read_response!($builder $(, $read)?);

            /// The error's name, as services send it.
            pub const ERROR_NAME: &'static str = $error_name;

            /// Name, message and request id, as read from the response.
            pub fn meta(&self) -> &$crate::ErrorMetadata {
                &self.meta
            }

            /// The HTTP status the response had, or else the one the model gives this error.
            pub fn http_status(&self) -> Option<u16> {
                self.http_status $(.or(Some($status)))?
            }

            $crate::__error_request_id!($($member_request_id)?);

            /// Whether the model says a client should retry this error.
            pub fn is_retryable(&self) -> bool {
                $crate::ServiceError::is_retryable(self)
            }
        }

        impl $builder {
            /// Sets the metadata read from the response.
            pub fn meta(mut self, meta: $crate::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }

            /// Sets the HTTP status the response had.
            pub fn http_status(mut self, status: u16) -> Self {
                self.http_status = Some(status);
                self
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::error_response::write_error_text(f, $error_name, self.error_message())
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::ServiceError for $name {
            fn error_name(&self) -> Option<&str> {
                Some($error_name)
            }

            fn error_message(&self) -> Option<&str> {
                $name::error_message(self)
            }

            fn http_status(&self) -> Option<u16> {
                $name::http_status(self)
            }

            fn retryable_error_kind(&self) -> Option<$crate::aws_smithy_types::retry::ErrorKind> {
                $crate::__retry_kind!($($retry)?)
            }

            fn meta(&self) -> &$crate::ErrorMetadata {
                &self.meta
            }
        }

        $crate::__sdk_error_traits!($name);
    };
}

/// An error structure's `request_id()`: the response's, unless the model
/// has a member of that name (the `member_request_id` argument of
/// [`error_structure!`](crate::error_structure)), whose accessor it is, as
/// in the AWS SDK for Rust; the response's is then `meta()`'s.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_request_id {
    () => {
        /// The request id the service gave the failed request.
        pub fn request_id(&self) -> Option<&str> {
            self.meta.extra($crate::error_response::REQUEST_ID_KEY)
        }
    };
    ($member:ident) => {};
}

/// An error structure's `error_message()`, from the `message` argument of
/// [`error_structure!`](crate::error_structure).
#[doc(hidden)]
#[macro_export]
macro_rules! __error_message {
    () => {
        /// The human-readable message the response carried.
        pub fn error_message(&self) -> Option<&str> {
            self.meta.message()
        }
    };
    (option $field:ident) => {
        /// The human-readable message, from the modelled member or else the response.
        pub fn error_message(&self) -> Option<&str> {
            self.$field.as_deref().or(self.meta.message())
        }
    };
    (string $field:ident) => {
        /// The human-readable message, from the modelled member.
        pub fn error_message(&self) -> Option<&str> {
            Some(self.$field.as_str())
        }
    };
}

/// An error structure's `read_response()`, from the `read` argument of
/// [`error_structure!`](crate::error_structure).
#[doc(hidden)]
#[macro_export]
macro_rules! __error_read_response {
    ($builder:ident) => {
        /// This error from a response that names it: the body where it is
        /// this error's JSON, and the members bound to headers that hold a
        /// value of their type.
        pub(crate) fn read_response(
            status: u16,
            headers: &$crate::http::HeaderMap,
            body: &[u8],
            meta: $crate::ErrorMetadata,
        ) -> Result<Self, $crate::ErrorMetadata> {
            let mut builder = <$builder as ::std::default::Default>::default();
            if $crate::response::read_body::<Self>(&mut builder, body, Self::ERROR_NAME).is_err() {
                builder = <$builder as ::std::default::Default>::default();
            }
            // Leniently: a header that does not read leaves its member unset.
            let _ = <Self as $crate::response::ResponseBindings>::read_bindings(
                &mut builder,
                status,
                headers,
            );
            Ok(builder.build().with_response(meta, status))
        }
    };
    ($builder:ident, strict) => {
        /// This error from a response that names it, or the response's metadata
        /// back when its body lacks a required member (or a header bound to
        /// one does not hold a value of its type).
        pub(crate) fn read_response(
            status: u16,
            headers: &$crate::http::HeaderMap,
            body: &[u8],
            meta: $crate::ErrorMetadata,
        ) -> Result<Self, $crate::ErrorMetadata> {
            let mut builder = <$builder as ::std::default::Default>::default();
            let read = $crate::response::read_body::<Self>(&mut builder, body, Self::ERROR_NAME)
                .and_then(|()| {
                    <Self as $crate::response::ResponseBindings>::read_bindings(
                        &mut builder,
                        status,
                        headers,
                    )
                })
                .and_then(|()| Ok(builder.build()?));
            match read {
                Ok(parsed) => Ok(parsed.with_response(meta, status)),
                Err(_) => Err(meta),
            }
        }
    };
}

/// The AWS SDK's error traits, read through the type's `ServiceError`.
#[doc(hidden)]
#[macro_export]
macro_rules! __sdk_error_traits {
    ($name:ident) => {
        impl $crate::aws_smithy_types::error::metadata::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::ErrorMetadata {
                $crate::ServiceError::meta(self)
            }
        }

        impl $crate::aws_smithy_types::retry::ProvideErrorKind for $name {
            fn retryable_error_kind(&self) -> Option<$crate::aws_smithy_types::retry::ErrorKind> {
                $crate::ServiceError::retryable_error_kind(self)
            }

            fn code(&self) -> Option<&str> {
                $crate::ServiceError::error_name(self)
            }
        }
    };
}

/// The retry kind of a structure's `retry:` argument, none without one.
#[doc(hidden)]
#[macro_export]
macro_rules! __retry_kind {
    () => {
        None
    };
    ($kind:ident) => {
        Some($crate::aws_smithy_types::retry::ErrorKind::$kind)
    };
}

#[cfg(test)]
#[allow(dead_code)]
mod tests {
    use crate::ErrorMetadata;
    use crate::ServiceError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;
    use aws_smithy_types::retry::{ErrorKind, ProvideErrorKind};

    // Three errors as generated code declares them: one read from any
    // body, with an optional message member and a member bound to a
    // header; one whose body must hold a member, its required message; one
    // without a message member. The macros write each one's whole API, of
    // which the tests use a part.
    crate::structure! {
        #[builder(BusyBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Busy {
            #[get(Option<&str>, as_deref)]
            message: Option<String>,
            #[get(Option<i32>, copy)]
            retry_after: Option<i32>,
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    crate::builder! {
        #[build(Busy)]
        #[derive(Clone, Default, PartialEq)]
        pub struct BusyBuilder {
            #[set(into, set_message, get_message, wire = "Message")]
            message: Option<String>,
            #[set(value, set_retry_after, get_retry_after, wire = "RetryAfter")]
            retry_after: Option<i32>,
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    impl crate::json::JsonStructure for Busy {
        fn read_member(
            builder: &mut BusyBuilder,
            key: &str,
            tokens: &mut crate::json::Tokens<'_>,
        ) -> Result<bool, crate::JsonError> {
            match key {
                "Message" => builder.message = crate::json::read(tokens, key)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }
    impl crate::response::ResponseBindings for Busy {
        fn read_bindings(
            builder: &mut BusyBuilder,
            _: u16,
            headers: &http::HeaderMap,
        ) -> Result<(), crate::ResponseError> {
            builder.retry_after = crate::response::header(headers, "x-retry-after", "RetryAfter")?;
            Ok(())
        }
    }
    crate::error_structure!(
        Busy,
        BusyBuilder,
        "Busy",
        bindings,
        status = 503,
        retry = ThrottlingError,
        message = message
    );

    crate::structure! {
        #[builder(StrictBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Strict {
            #[get(&str, borrow)]
            text: String,
            /// A member named like the error's `request_id()`.
            #[get(Option<&str>, as_deref)]
            request_id: Option<String>,
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    crate::builder! {
        #[try_build(Strict)]
        #[derive(Clone, Default, PartialEq)]
        pub struct StrictBuilder {
            #[set(into, set_text, get_text, wire = "Needed", required)]
            text: Option<String>,
            #[set(into, set_request_id, get_request_id, wire = "RequestId")]
            request_id: Option<String>,
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    impl crate::json::JsonStructure for Strict {
        fn read_member(
            builder: &mut StrictBuilder,
            key: &str,
            tokens: &mut crate::json::Tokens<'_>,
        ) -> Result<bool, crate::JsonError> {
            match key {
                "Needed" => builder.text = crate::json::read(tokens, key)?,
                "RequestId" => builder.request_id = crate::json::read(tokens, key)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }
    crate::error_structure!(
        Strict,
        StrictBuilder,
        "Strict",
        required_message = text,
        read = strict,
        member_request_id = request_id
    );

    crate::structure! {
        #[builder(QuietBuilder)]
        #[derive(Clone, Default, PartialEq)]
        pub struct Quiet {
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    crate::builder! {
        #[build(Quiet)]
        #[derive(Clone, Default, PartialEq)]
        pub struct QuietBuilder {
            meta: ErrorMetadata,
            http_status: Option<u16>,
        }
    }
    impl crate::json::JsonStructure for Quiet {
        fn read_member(
            _: &mut QuietBuilder,
            _: &str,
            _: &mut crate::json::Tokens<'_>,
        ) -> Result<bool, crate::JsonError> {
            Ok(false)
        }
    }
    crate::error_structure!(Quiet, QuietBuilder, "Quiet");

    crate::operation_error! {
        /// Every error of a made-up operation.
        pub enum PingError {
            /// Busy.
            #[is = is_busy]
            Busy(Busy),
            /// Strict.
            #[is = is_strict]
            Strict(Strict),
            /// Quiet, written as a long path is laid out: with a comma.
            #[is = is_quiet]
            Quiet(
                Quiet,
            ),
        }
    }

    fn no_headers() -> http::HeaderMap {
        http::HeaderMap::new()
    }

    #[test]
    fn members_bound_to_headers_are_read_leniently_unless_strict() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-retry-after", http::HeaderValue::from_static("30"));
        let busy = Busy::read_response(503, &headers, b"{}", ErrorMetadata::default()).unwrap();
        assert_eq!(busy.retry_after(), Some(30));
        // A header that does not hold its member's type leaves it unset.
        headers.insert("x-retry-after", http::HeaderValue::from_static("soon"));
        let busy = Busy::read_response(503, &headers, b"{}", ErrorMetadata::default()).unwrap();
        assert_eq!(busy.retry_after(), None);
        let error = PingError::from_response(503, &headers, br#"{"__type":"Busy"}"#);
        assert!(error.is_busy());
    }

    fn response(status: u16, name: Option<&str>, body: &str) -> PingError {
        let mut headers = http::HeaderMap::new();
        if let Some(name) = name {
            headers.insert(
                "x-amzn-errortype",
                http::HeaderValue::from_str(name).unwrap(),
            );
        }
        headers.insert("x-amzn-requestid", http::HeaderValue::from_static("req-9"));
        PingError::from_response(status, &headers, body.as_bytes())
    }

    #[test]
    fn responses_go_to_the_variant_they_name_and_keep_what_they_said() {
        let busy = response(503, Some("Busy"), r#"{"message":"slow down"}"#);
        assert!(busy.is_busy() && !busy.is_strict() && !busy.is_unhandled());
        assert!(busy.is_retryable());
        assert_eq!(
            ProvideErrorKind::retryable_error_kind(&busy),
            Some(ErrorKind::ThrottlingError)
        );
        assert_eq!(ProvideErrorKind::code(&busy), Some("Busy"));
        assert_eq!(busy.error_message(), Some("slow down"));
        assert_eq!(busy.request_id(), Some("req-9"));
        assert_eq!(busy.http_status(), Some(503));
        assert_eq!(busy.to_string(), "Busy: slow down");
        assert_eq!(
            ProvideErrorMetadata::meta(&busy).message(),
            Some("slow down")
        );

        let strict = response(400, Some("Strict"), r#"{"Needed":"strict"}"#);
        assert!(strict.is_strict() && !strict.is_retryable());
        assert_eq!(strict.http_status(), Some(400));
        assert_eq!(ServiceError::error_name(&strict), Some("Strict"));
        // A member named `RequestId` is the structure's `request_id()`; the
        // response's stays in its metadata, and is the operation error's.
        let strict = response(
            400,
            Some("Strict"),
            r#"{"Needed":"s","RequestId":"member-1"}"#,
        );
        let PingError::Strict(structure) = &strict else {
            panic!("{strict:?}")
        };
        assert_eq!(structure.request_id(), Some("member-1"));
        assert_eq!(
            structure
                .meta()
                .extra(crate::error_response::REQUEST_ID_KEY),
            Some("req-9")
        );
        assert_eq!(strict.request_id(), Some("req-9"));
    }

    #[test]
    fn an_unknown_unnamed_or_unreadable_error_is_unhandled_with_its_metadata() {
        let unknown = response(500, Some("Boom"), r#"{"message":"m"}"#);
        assert!(unknown.is_unhandled());
        assert_eq!(unknown.error_name(), Some("Boom"));
        assert_eq!(unknown.http_status(), Some(500));
        let unnamed = response(502, None, "not json");
        assert!(unnamed.is_unhandled());
        assert_eq!(unnamed.error_name(), None);
        let unreadable = response(400, Some("Strict"), r#"{"message":"m"}"#);
        assert!(
            unreadable.is_unhandled(),
            "a body without the required member"
        );
        assert_eq!(unreadable.error_name(), Some("Strict"));
        assert_eq!(unreadable.request_id(), Some("req-9"));
    }

    #[test]
    fn the_message_comes_from_its_member_or_else_the_response() {
        let meta = || {
            ErrorMetadata::builder()
                .message("from the response")
                .build()
        };
        // An optional member the body set is kept; one it left unset, or a
        // body that is not JSON, takes the response's message.
        let own = Busy::read_response(503, &no_headers(), br#"{"Message":"own"}"#, meta()).unwrap();
        assert_eq!(own.error_message(), Some("own"));
        let unset = Busy::read_response(503, &no_headers(), b"{}", meta()).unwrap();
        assert_eq!(unset.message.as_deref(), Some("from the response"));
        let not_json = Busy::read_response(502, &no_headers(), b"<html>", meta()).unwrap();
        assert_eq!(not_json.error_message(), Some("from the response"));
        assert_eq!(not_json.http_status(), Some(502));
        // A required member is the message, whatever the response says.
        let strict =
            Strict::read_response(400, &no_headers(), br#"{"Needed":"strict"}"#, meta()).unwrap();
        assert_eq!(strict.error_message(), Some("strict"));
        assert_eq!(strict.meta().message(), Some("from the response"));
        // Without a member, the message is the response's.
        let quiet = response(418, Some("Quiet"), "");
        assert!(quiet.is_quiet() && !quiet.is_retryable());
        assert_eq!(quiet.error_message(), None);
        let quiet = Quiet::read_response(418, &no_headers(), b"", meta()).unwrap();
        assert_eq!(quiet.error_message(), Some("from the response"));
        assert_eq!(quiet.http_status(), Some(418));
        assert_eq!((Quiet::ERROR_NAME, quiet.request_id()), ("Quiet", None));
        let built = QuietBuilder::default()
            .http_status(400)
            .meta(meta())
            .build();
        assert_eq!(built.meta().message(), Some("from the response"));
        assert_eq!(built.http_status(), Some(400));
        assert!(!built.is_retryable());
        assert_eq!(Busy::HTTP_STATUS, 503);
    }

    #[test]
    fn a_structure_without_a_modelled_status_has_the_responses_alone() {
        assert_eq!(Strict::default().http_status(), None);
        assert_eq!(
            (
                Strict::default().meta().code(),
                Strict::default().request_id()
            ),
            (None, None)
        );
        assert_eq!(Busy::default().http_status(), Some(503));
        assert_eq!(Busy::ERROR_NAME, "Busy");
        let meta = ErrorMetadata::builder()
            .message("m")
            .custom(crate::error_response::REQUEST_ID_KEY, "req-1")
            .build();
        let built = BusyBuilder::default().http_status(429).meta(meta.clone());
        assert_eq!(
            (built.http_status, built.meta.message()),
            (Some(429), Some("m"))
        );
        let strict = StrictBuilder::default().http_status(400).meta(meta.clone());
        assert_eq!(
            (strict.http_status, strict.meta.message()),
            (Some(400), Some("m"))
        );
        let busy = Busy {
            message: None,
            retry_after: None,
            meta,
            http_status: None,
        };
        assert_eq!(
            (busy.meta().message(), busy.request_id()),
            (Some("m"), Some("req-1"))
        );
        assert!(busy.is_retryable() && !Strict::default().is_retryable());
        let error = PingError::Busy(busy);
        assert_eq!(error.meta().message(), Some("m"));
    }
}
