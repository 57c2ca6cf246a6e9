//! restJson1 error structures: how a response names the error (its
//! shape name, from the body or `X-Amzn-Errortype`), where its message is,
//! and the members bound to its headers.

use crate::emit::ident;
use crate::ir::{ErrorTraits, Field, Kind, RetryKind, Structure};
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

pub(super) fn error_structure(structure: &Structure, error: &ErrorTraits) -> TokenStream {
    let name = ident(&structure.name);
    let builder = ident(&structure.builder);
    let error_name = &structure.wire_name;
    let status = error.http_status.map(|status| {
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote! { , status = #status }
    });
    let retry = retry_argument(error.retry);
    // restJson1 error bodies carry the message under `message`, `Message`
    // or `errorMessage`, whatever the member's own JSON name: the shared
    // reader found it, and an unset member takes it.
    let message = message_field(structure).map(|field| {
        let field_name = ident(&field.name);
        if field.always_present() {
            quote! { , required_message = #field_name }
        } else {
            quote! { , message = #field_name }
        }
    });
    // A body that is not this error's JSON still names it: the error is
    // then made of the response alone, unless members are required.
    let read = structure
        .fields
        .iter()
        .any(Field::needed_to_build)
        .then(|| quote! { , read = strict });
    // Members bound to headers are read by the error's own `ResponseBindings`.
    let bindings = super::response::bindings(structure);
    let bound = bindings.is_some().then(|| quote! { , bindings });
    // A member named like the error's `request_id()` takes its place, as in
    // the AWS SDK for Rust.
    let member_request_id = structure
        .fields
        .iter()
        .any(|field| field.name == "request_id")
        .then(|| quote! { , member_request_id = request_id });
    quote! {
        #bindings
        rt::error_structure!(#name, #builder, #error_name #bound #status #retry #message #read #member_request_id);
    }
}
