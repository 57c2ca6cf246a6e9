//! What an output or an error reads from a response beyond its body: the
//! members bound to headers, to prefixed headers and to the status code.

use crate::emit::{ident, redacted_in_debug, timestamp_format};
use crate::ir::{Binding, Kind, Structure};
use proc_macro2::TokenStream;
use quote::quote;

/// The structure's `ResponseBindings`, if it has members bound to the
/// response's headers or status; the runtime's macros give the others an
/// empty one.
pub(super) fn bindings(structure: &Structure) -> Option<TokenStream> {
    let builder_name = ident(&structure.builder);
    let mut reads_status = false;
    let mut reads_headers = false;
    let reads: Vec<TokenStream> = structure
        .fields
        .iter()
        .filter_map(|field| {
            let field_name = ident(&field.name);
            let member = &field.member;
            let read = match &field.binding {
                Binding::ResponseCode => {
                    reads_status = true;
                    quote! { Some(i32::from(status)) }
                }
                Binding::Header(name) => {
                    reads_headers = true;
                    match &field.value.kind {
                        Kind::Timestamp => {
                            let format = timestamp_format(&field.value, &field.binding);
                            quote! { rt::response::header_timestamp(headers, #name, #member, #format)? }
                        }
                        Kind::List(item) if item.kind == Kind::Timestamp => {
                            let format = timestamp_format(item, &field.binding);
                            quote! { rt::response::header_timestamp_list(headers, #name, #member, #format)? }
                        }
                        Kind::List(_) => quote! { rt::response::header_list(headers, #name, #member)? },
                        Kind::String if field.value.media_type.is_some() => {
                            quote! { rt::response::header_base64_text(headers, #name, #member)? }
                        }
                        _ => quote! { rt::response::header(headers, #name, #member)? },
                    }
                }
                Binding::PrefixHeaders(prefix) => {
                    reads_headers = true;
                    // A sensitive map's header names and values are not shown in an error.
                    let sensitive = redacted_in_debug(&field.value);
                    quote! { rt::response::prefix_headers(headers, #prefix, #member, #sensitive)? }
                }
                _ => return None,
            };
            Some(quote! { builder.#field_name = #read; })
        })
        .collect();
    let payload = structure
        .fields
        .iter()
        // A stream is not read here: the output takes it as it arrives.
        .find(|field| field.binding == Binding::Payload && !field.is_stream())
        .map(|field| {
            let field_name = ident(&field.name);
            let member = &field.member;
            let read = match &field.value.kind {
                Kind::Structure(_) | Kind::Union(_) | Kind::Document => {
                    quote! { rt::response::payload_json(body, #member)? }
                }
                Kind::Blob => quote! { rt::response::payload_blob(body) },
                _ => quote! { rt::response::payload_text(body, #member)? },
            };
            quote! {
                const PAYLOAD: bool = true;

                fn read_payload(builder: &mut #builder_name, body: &[u8]) -> Result<(), rt::ResponseError> {
                    builder.#field_name = #read;
                    Ok(())
                }
            }
        });
    if reads.is_empty() && payload.is_none() {
        return None;
    }
    let name = ident(&structure.name);
    let builder = &builder_name;
    let status = if reads_status {
        quote! { status }
    } else {
        quote! { _ }
    };
    let headers = if reads_headers {
        quote! { headers }
    } else {
        quote! { _ }
    };
    let read_bindings = (!reads.is_empty()).then(|| {
        quote! {
            fn read_bindings(
                builder: &mut #builder,
                #status: u16,
                #headers: &rt::http::HeaderMap,
            ) -> Result<(), rt::ResponseError> {
                #(#reads)*
                Ok(())
            }
        }
    });
    Some(quote! {
        impl rt::response::ResponseBindings for #name {
            #payload
            #read_bindings
        }
    })
}

/// How an operation's output is read from a whole response: the body, the
/// members bound to the status and headers, and the request id from the
/// headers, as the AWS SDK for Rust keeps it.
pub(super) fn response_reading(structure: &Structure) -> TokenStream {
    let (name, builder) = (ident(&structure.name), ident(&structure.builder));
    if let Some(field) = structure.stream_payload() {
        // The body is the stream: only the status and headers are read.
        let stream = ident(&field.name);
        let kind = if matches!(field.value.kind, crate::ir::Kind::EventStream { .. }) {
            quote! { event_stream }
        } else {
            quote! { stream }
        };
        let bindings = bindings(structure).unwrap_or_else(|| {
            quote! { impl rt::response::ResponseBindings for #name {} }
        });
        return quote! {
            #bindings
            rt::operation_output!(#name, #builder, #kind = #stream);
        };
    }
    match bindings(structure) {
        Some(bindings) => quote! {
            #bindings
            rt::operation_output!(#name, #builder, bindings);
        },
        None => quote! { rt::operation_output!(#name, #builder); },
    }
}
