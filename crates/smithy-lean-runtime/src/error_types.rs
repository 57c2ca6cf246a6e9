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
/// # #[derive(Debug, Default)]
/// # pub struct Busy { meta: ErrorMetadata, http_status: Option<u16> }
/// # #[derive(Default)]
/// # pub struct BusyBuilder { meta: ErrorMetadata, http_status: Option<u16> }
/// # impl Busy {
/// #     fn from_json(_: &[u8]) -> Result<Self, ()> { Ok(Busy::default()) }
/// #     fn builder() -> BusyBuilder { BusyBuilder::default() }
/// # }
/// # impl BusyBuilder {
/// #     fn build(self) -> Busy { Busy { meta: self.meta, http_status: self.http_status } }
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
                $variant:ident($error:path),
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
                    return Self::Unhandled($crate::UnhandledError::new(response.meta, status));
                };
                $(
                    if error_name == <$error>::ERROR_NAME {
                        return match <$error>::read_response(body, response.meta, status) {
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
        }

        impl $crate::operation::OperationError for $name {
            fn from_response(status: u16, headers: &$crate::http::HeaderMap, body: &[u8]) -> Self {
                $name::from_response(status, headers, body)
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
/// (`Option<u16>`), a `from_json(&[u8])` function that reads its body, and
/// a `builder()` whose `build()` cannot fail unless `read = strict` is
/// given. The arguments after its name, builder and wire name, each
/// optional but in this order:
///
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
///   from the response alone.
#[macro_export]
macro_rules! error_structure {
    (
        $name:ident, $builder:ident, $error_name:literal
        $(, status = $status:literal)?
        $(, retry = $retry:ident)?
        $(, message = $message:ident)?
        $(, required_message = $required_message:ident)?
        $(, read = $read:ident)?
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

            $crate::__error_read_response!($($read)?);

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

            /// The request id the service gave the failed request.
            pub fn request_id(&self) -> Option<&str> {
                self.meta.extra($crate::error_response::REQUEST_ID_KEY)
            }

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
    () => {
        /// This error from a response that names it, from the body where it is
        /// this error's JSON.
        pub(crate) fn read_response(
            body: &[u8],
            meta: $crate::ErrorMetadata,
            status: u16,
        ) -> Result<Self, $crate::ErrorMetadata> {
            let parsed = Self::from_json(body).unwrap_or_else(|_| Self::builder().build());
            Ok(parsed.with_response(meta, status))
        }
    };
    (strict) => {
        /// This error from a response that names it, or the response's metadata
        /// back when its body lacks a required member.
        pub(crate) fn read_response(
            body: &[u8],
            meta: $crate::ErrorMetadata,
            status: u16,
        ) -> Result<Self, $crate::ErrorMetadata> {
            match Self::from_json(body) {
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
mod tests {
    use crate::ErrorMetadata;
    use crate::ServiceError;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;
    use aws_smithy_types::retry::{ErrorKind, ProvideErrorKind};

    /// Three errors as generated code declares them: one read from any
    /// body, with an optional message member; one whose body must hold a
    /// member, with a required message; one without a message member. Their
    /// `from_json` stand in for the generated readers: a body that starts
    /// `{"Message":"` has that message, `{"Needed"` holds the required
    /// member, and any other object is empty.
    #[derive(Debug, Default)]
    pub struct Busy {
        message: Option<String>,
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    #[derive(Default)]
    pub struct BusyBuilder {
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    /// Not a JSON object, as the stand-in readers see it.
    #[derive(Debug)]
    pub struct NotJson;

    impl Busy {
        fn builder() -> BusyBuilder {
            BusyBuilder::default()
        }

        fn from_json(body: &[u8]) -> Result<Self, NotJson> {
            let body = std::str::from_utf8(body).map_err(|_| NotJson)?;
            if !body.starts_with('{') {
                return Err(NotJson);
            }
            let message = body
                .strip_prefix(r#"{"Message":""#)
                .and_then(|rest| rest.split_once('"'))
                .map(|(message, _)| message.to_owned());
            Ok(Busy {
                message,
                ..Busy::default()
            })
        }
    }

    impl BusyBuilder {
        fn build(self) -> Busy {
            Busy {
                message: None,
                meta: self.meta,
                http_status: self.http_status,
            }
        }
    }

    crate::error_structure!(
        Busy,
        BusyBuilder,
        "Busy",
        status = 503,
        retry = ThrottlingError,
        message = message
    );

    #[derive(Debug, Default)]
    pub struct Strict {
        text: String,
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    #[derive(Default)]
    pub struct StrictBuilder {
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    impl Strict {
        fn from_json(body: &[u8]) -> Result<Self, NotJson> {
            if body.starts_with(b"{\"Needed\"") {
                Ok(Strict {
                    text: "strict".to_owned(),
                    ..Strict::default()
                })
            } else {
                Err(NotJson)
            }
        }
    }

    crate::error_structure!(
        Strict,
        StrictBuilder,
        "Strict",
        required_message = text,
        read = strict
    );

    #[derive(Debug, Default)]
    pub struct Quiet {
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    #[derive(Default)]
    pub struct QuietBuilder {
        meta: ErrorMetadata,
        http_status: Option<u16>,
    }

    impl Quiet {
        fn builder() -> QuietBuilder {
            QuietBuilder::default()
        }

        fn from_json(_: &[u8]) -> Result<Self, NotJson> {
            Err(NotJson)
        }
    }

    impl QuietBuilder {
        fn build(self) -> Quiet {
            Quiet {
                meta: self.meta,
                http_status: self.http_status,
            }
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
            /// Quiet.
            #[is = is_quiet]
            Quiet(Quiet),
        }
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

        let strict = response(400, Some("Strict"), r#"{"Needed":1}"#);
        assert!(strict.is_strict() && !strict.is_retryable());
        assert_eq!(strict.http_status(), Some(400));
        assert_eq!(ServiceError::error_name(&strict), Some("Strict"));
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
        let own = Busy::read_response(br#"{"Message":"own"}"#, meta(), 503).unwrap();
        assert_eq!(own.error_message(), Some("own"));
        let unset = Busy::read_response(b"{}", meta(), 503).unwrap();
        assert_eq!(unset.message.as_deref(), Some("from the response"));
        let not_json = Busy::read_response(b"<html>", meta(), 502).unwrap();
        assert_eq!(not_json.error_message(), Some("from the response"));
        assert_eq!(not_json.http_status(), Some(502));
        // A required member is the message, whatever the response says.
        let strict = Strict::read_response(br#"{"Needed":1}"#, meta(), 400).unwrap();
        assert_eq!(strict.error_message(), Some("strict"));
        assert_eq!(strict.meta().message(), Some("from the response"));
        // Without a member, the message is the response's.
        let quiet = response(418, Some("Quiet"), "");
        assert!(quiet.is_quiet() && !quiet.is_retryable());
        assert_eq!(quiet.error_message(), None);
        let quiet = Quiet::read_response(b"", meta(), 418).unwrap();
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
