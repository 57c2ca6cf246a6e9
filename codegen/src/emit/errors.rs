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

/// The `retry` argument of `error_structure!`, none for an error that is
/// not retryable.
fn retry_argument(retry: Option<RetryKind>) -> TokenStream {
    let kind = match retry {
        None => return TokenStream::new(),
        Some(RetryKind::Throttling) => quote! { ThrottlingError },
        Some(RetryKind::Server) => quote! { ServerError },
        Some(RetryKind::Transient) => quote! { TransientError },
    };
    quote! { , retry = #kind }
}

pub(super) fn emit_error_structure(structure: &Structure, error: &ErrorTraits) -> TokenStream {
    let name = ident(&structure.name);
    let builder = ident(&structure.builder);
    let error_name = &structure.wire_name;
    let status_argument = error.http_status.map(|status| {
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote! { , status = #status }
    });
    let retry = retry_argument(error.retry);
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
            pub(crate) fn read_response(body: &[u8], meta: rt::ErrorMetadata, status: u16) -> Result<Self, rt::ErrorMetadata> {
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
            pub(crate) fn read_response(body: &[u8], meta: rt::ErrorMetadata, status: u16) -> Result<Self, rt::ErrorMetadata> {
                let parsed = Self::from_json(body).unwrap_or_else(|_| Self::builder().build());
                Ok(parsed.with_response(meta, status))
            }
        }
    };
    quote! {
        rt::error_structure!(#name, #builder, #error_name #status_argument #retry);

        impl #name {
            #status_constant

            /// The human-readable message, from the modelled member or else the response.
            pub fn error_message(&self) -> Option<&str> {
                #message
            }

            pub(crate) fn with_response(mut self, meta: rt::ErrorMetadata, http_status: u16) -> Self {
                #fill_message
                self.meta = meta;
                self.http_status = Some(http_status);
                self
            }

            #read_response
        }
    }
}

pub(super) fn emit_operation_error(operation: &Operation, types: &Types) -> TokenStream {
    let name = ident(&operation.error_enum);
    let variants = operation.errors.iter().map(|e| {
        let structure = types
            .structures
            .iter()
            .find(|s| &s.name == e)
            .expect("lowering put every error in the error crate");
        let variant = ident(&structure.name);
        let predicate = ident(&structure.predicate);
        let docs = super::doc_attrs(&structure.docs, None);
        quote! { #docs #[is = #predicate] #variant(crate::#variant), }
    });
    let enum_doc = format!(" Every error `{}` can return.", operation.name);
    quote! {
        #[rt::operation_error]
        #[doc = #enum_doc]
        pub enum #name {
            #(#variants)*
        }
    }
}
