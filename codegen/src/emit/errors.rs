//! Error structures' extra behaviour, and each operation's error enum.

use super::ident;
use crate::ir::{ErrorTraits, Field, Kind, Operation, RetryKind, Structure, Types};
use proc_macro2::TokenStream;
use quote::quote;

/// The modelled message member, if the error has one.
fn message_field(structure: &Structure) -> Option<&Field> {
    structure
        .fields
        .iter()
        .find(|f| f.member.eq_ignore_ascii_case("message") && f.value.kind == Kind::String)
}

fn retry_kind(retry: Option<RetryKind>) -> TokenStream {
    match retry {
        None => quote! { None },
        Some(RetryKind::Throttling) => {
            quote! { Some(::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind::ThrottlingError) }
        }
        Some(RetryKind::Server) => {
            quote! { Some(::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind::ServerError) }
        }
        Some(RetryKind::Transient) => {
            quote! { Some(::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind::TransientError) }
        }
    }
}

pub(super) fn emit_error_structure(structure: &Structure, error: &ErrorTraits) -> TokenStream {
    let name = ident(&structure.name);
    let builder = ident(&structure.builder);
    let error_name = &structure.wire_name;
    let modelled_status = match error.http_status {
        Some(status) => quote! { Some(#status) },
        None => quote! { None },
    };
    let retry = retry_kind(error.retry);
    // restJson1 error bodies carry the message under `message`, `Message`
    // or `errorMessage`, whatever the member's own JSON name: the shared
    // reader found it, and an unset member takes it.
    let fill_message = match message_field(structure) {
        Some(field) if !field.always_present() => {
            let field_name = ident(&field.name);
            quote! {
                if self.#field_name.is_none() {
                    self.#field_name = meta.message().map(ToOwned::to_owned);
                }
            }
        }
        _ => TokenStream::new(),
    };
    let message = match message_field(structure) {
        Some(field) => {
            let field_name = ident(&field.name);
            if field.always_present() {
                quote! { Some(self.#field_name.as_str()) }
            } else {
                quote! { self.#field_name.as_deref().or(self.meta.message()) }
            }
        }
        None => quote! { self.meta.message() },
    };
    let fault = match error.fault {
        crate::ir::Fault::Client => "the caller's",
        crate::ir::Fault::Server => "the service's",
    };
    let status_doc = format!(
        " The HTTP status the response had, or else the modelled one ({}).",
        error
            .http_status
            .map_or("none".to_owned(), |s| s.to_string())
    );
    let retry_doc = format!(
        " Whether a client should retry: {}. The fault is {fault}.",
        if error.retry.is_some() { "yes" } else { "no" }
    );
    let status_constant = error.http_status.map(|status| {
        quote! {
            /// The HTTP status the model gives this error (`httpError`).
            pub const HTTP_STATUS: u16 = #status;
        }
    });
    // A body that is not this error's JSON still names it: the error is
    // then made of the response alone, unless members are required.
    let read_response = if structure.fields.iter().any(Field::needed_to_build) {
        quote! {
            /// This error from a response that names it, or the response's metadata
            /// back when its body lacks a required member.
            pub(crate) fn read_response(body: &[u8], meta: ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata, status: u16) -> Result<Self, ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata> {
                match Self::from_json(body) {
                    Ok(parsed) => Ok(parsed.with_response(meta, status)),
                    Err(_) => Err(meta),
                }
            }
        }
    } else {
        quote! {
            /// This error from a response that names it, from the body where it is
            /// this error's JSON.
            pub(crate) fn read_response(body: &[u8], meta: ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata, status: u16) -> Result<Self, ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata> {
                let parsed = Self::from_json(body).unwrap_or_else(|_| Self::builder().build());
                Ok(parsed.with_response(meta, status))
            }
        }
    };
    quote! {
        impl #name {
            /// The error's name, as services send it.
            pub const ERROR_NAME: &'static str = #error_name;
            #status_constant

            /// Name, message and request id, as read from the response.
            pub fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
                &self.meta
            }

            #[doc = #status_doc]
            pub fn http_status(&self) -> Option<u16> {
                self.http_status.or(#modelled_status)
            }

            /// The request id the service gave the failed request.
            pub fn request_id(&self) -> Option<&str> {
                self.meta.extra(::smithy_lean_runtime::error_response::REQUEST_ID_KEY)
            }

            /// The human-readable message, from the modelled member or else the response.
            pub fn error_message(&self) -> Option<&str> {
                #message
            }

            #[doc = #retry_doc]
            pub fn is_retryable(&self) -> bool {
                ::smithy_lean_runtime::aws_smithy_types::retry::ProvideErrorKind::retryable_error_kind(self).is_some()
            }

            pub(crate) fn with_response(mut self, meta: ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata, http_status: u16) -> Self {
                #fill_message
                self.meta = meta;
                self.http_status = Some(http_status);
                self
            }

            #read_response
        }

        impl #builder {
            /// Sets the metadata read from the response.
            pub fn meta(mut self, meta: ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }

            /// Sets the HTTP status the response had.
            pub fn http_status(mut self, status: u16) -> Self {
                self.http_status = Some(status);
                self
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#error_name)?;
                if let Some(message) = self.error_message() {
                    f.write_str(": ")?;
                    ::std::fmt::Display::fmt(&::smithy_lean_runtime::UntrustedText(message), f)?;
                }
                Ok(())
            }
        }

        impl ::std::error::Error for #name {}

        impl ::smithy_lean_runtime::aws_smithy_types::error::metadata::ProvideErrorMetadata for #name {
            fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
                &self.meta
            }
        }

        impl ::smithy_lean_runtime::aws_smithy_types::retry::ProvideErrorKind for #name {
            fn retryable_error_kind(&self) -> Option<::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind> {
                #retry
            }

            fn code(&self) -> Option<&str> {
                Some(#error_name)
            }
        }

        impl ::smithy_lean_runtime::ServiceError for #name {
            fn error_name(&self) -> Option<&str> {
                Some(#error_name)
            }

            fn error_message(&self) -> Option<&str> {
                #name::error_message(self)
            }

            fn http_status(&self) -> Option<u16> {
                #name::http_status(self)
            }

            fn retryable_error_kind(&self) -> Option<::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind> {
                #retry
            }

            fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
                &self.meta
            }
        }
    }
}

pub(super) fn emit_operation_error(operation: &Operation, types: &Types) -> TokenStream {
    let name = ident(&operation.error_enum);
    let structures: Vec<&Structure> = operation
        .errors
        .iter()
        .map(|e| {
            types
                .structures
                .iter()
                .find(|s| &s.name == e)
                .expect("lowering put every error in the error crate")
        })
        .collect();
    let variants = structures.iter().map(|s| {
        let variant = ident(&s.name);
        let docs = super::doc_attrs(&s.docs, None);
        quote! { #docs #variant(crate::#variant), }
    });
    let resolve = structures.iter().map(|s| {
        let variant = ident(&s.name);
        let error_name = &s.wire_name;
        quote! {
            #error_name => crate::#variant::read_response(body, response.meta, status)
                .map_or_else(|meta| Self::unhandled(meta, status), Self::#variant),
        }
    });
    let inner_arms = structures.iter().map(|s| {
        let variant = ident(&s.name);
        quote! { #name::#variant(error) => error, }
    });
    let predicates = structures.iter().map(|s| {
        let variant = ident(&s.name);
        let predicate = ident(&s.predicate);
        let doc = format!(" Whether this is a [`{}`](crate::{}).", s.name, s.name);
        quote! {
            #[doc = #doc]
            pub fn #predicate(&self) -> bool {
                matches!(self, #name::#variant(_))
            }
        }
    });
    let enum_doc = format!(" Every error `{}` can return.", operation.name);
    quote! {
        #[doc = #enum_doc]
        ///
        /// The modelled errors have a variant each; anything else, including an
        /// error name this model does not know, is [`Unhandled`](Self::Unhandled),
        /// which keeps the name, message, request id and HTTP status.
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not list for this operation.
            Unhandled(::smithy_lean_runtime::UnhandledError),
        }

        impl #name {
            /// Resolves an error response (any status that is not the operation's success code).
            ///
            /// The error is named by the `X-Amzn-Errortype` header, else the body's `code`,
            /// else its `__type`, sanitized with [`sanitize_error_name`](::smithy_lean_runtime::sanitize_error_name).
            /// The body's modelled members are read when it is the expected JSON; a body that
            /// is not still gives a typed error when its name is known. Never panics.
            pub fn from_response(status: u16, headers: &::smithy_lean_runtime::http::HeaderMap, body: &[u8]) -> Self {
                let response = ::smithy_lean_runtime::error_response::read(headers, body);
                let Some(error_name) = response.name.as_deref() else {
                    return #name::Unhandled(::smithy_lean_runtime::UnhandledError::new(response.meta, status));
                };
                match error_name {
                    #(#resolve)*
                    _ => #name::Unhandled(::smithy_lean_runtime::UnhandledError::new(response.meta, status)),
                }
            }

            fn unhandled(meta: ::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata, status: u16) -> Self {
                #name::Unhandled(::smithy_lean_runtime::UnhandledError::new(meta, status))
            }

            /// The variant's error, read as any error of the service: every accessor
            /// below goes through this one `match`.
            fn inner(&self) -> &dyn ::smithy_lean_runtime::ServiceError {
                match self {
                    #(#inner_arms)*
                    #name::Unhandled(error) => error,
                }
            }

            /// Name, message and request id, as read from the response.
            pub fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
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

            #(#predicates)*

            /// Whether this is an error the model does not list.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, #name::Unhandled(_))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        // `Display` is the inner error's, so the inner error is not a cause:
        // its text would be printed twice in a chain of causes.
        impl ::std::error::Error for #name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                self.inner().source()
            }
        }

        impl ::smithy_lean_runtime::aws_smithy_types::error::metadata::ProvideErrorMetadata for #name {
            fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
                self.inner().meta()
            }
        }

        impl ::smithy_lean_runtime::ServiceError for #name {
            fn error_name(&self) -> Option<&str> {
                self.inner().error_name()
            }

            fn error_message(&self) -> Option<&str> {
                self.inner().error_message()
            }

            fn http_status(&self) -> Option<u16> {
                self.inner().http_status()
            }

            fn retryable_error_kind(&self) -> Option<::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind> {
                self.inner().retryable_error_kind()
            }

            fn meta(&self) -> &::smithy_lean_runtime::aws_smithy_types::error::metadata::ErrorMetadata {
                self.inner().meta()
            }
        }

        impl ::smithy_lean_runtime::aws_smithy_types::retry::ProvideErrorKind for #name {
            fn retryable_error_kind(&self) -> Option<::smithy_lean_runtime::aws_smithy_types::retry::ErrorKind> {
                self.inner().retryable_error_kind()
            }

            fn code(&self) -> Option<&str> {
                self.inner().error_name()
            }
        }
    }
}
