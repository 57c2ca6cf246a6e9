//! restJson1 requests: an operation's HTTP bindings, attached to its
//! input type as its `OperationInput`: the method, path and labels, the
//! query, the headers, and the body or payload.

use crate::emit::{ident, redacted_in_debug, timestamp_format};
use crate::ir::{Binding, Field, Kind, Operation, PathSegment, Structure, Value};
use proc_macro2::TokenStream;
use quote::quote;

/// Appends literal path text to `uri`: one character as a `char`.
fn push_literal(literal: &str) -> TokenStream {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (Some(only), None) => quote! { uri.push(#only); },
        _ => quote! { uri.push_str(#literal); },
    }
}

/// The operation's HTTP binding, attached to its input type: constants
/// for what the model says, and the request built from an input.
pub(super) fn operation_request(operation: &Operation, input: &Structure) -> TokenStream {
    let input_ident = ident(&operation.input);
    let (name, method, code) = (&operation.name, &operation.http.method, operation.http.code);
    let path = operation.http.template.path();
    let host_prefix = match &operation.host_prefix {
        Some(prefix) => quote! { Some(#prefix) },
        None => quote! { None },
    };
    let checksum = operation
        .checksum_required
        .then(|| quote! { const CHECKSUM_REQUIRED: bool = true; });
    let unsigned_payload = operation
        .unsigned_payload
        .then(|| quote! { const UNSIGNED_PAYLOAD: bool = true; });
    let auth = match operation.auth {
        crate::ir::OperationAuth::Service => None,
        crate::ir::OperationAuth::Anonymous => Some(quote! { Anonymous }),
        crate::ir::OperationAuth::Optional => Some(quote! { Optional }),
    }
    .map(|mode| quote! { const AUTH: rt::operation::OperationAuth = rt::operation::OperationAuth::#mode; });
    let host_prefix_fn = operation.host_labels.as_ref().map(|parts| {
        let pushes = parts.iter().map(|part| match part {
            crate::ir::HostPart::Literal(text) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(only), None) => quote! { prefix.push(#only); },
                    _ => quote! { prefix.push_str(#text); },
                }
            }
            crate::ir::HostPart::Label { field, member } => {
                let field = ident(field);
                quote! { rt::request::push_host_label(&mut prefix, #member, &self.#field)?; }
            }
        });
        quote! {
            fn host_prefix(&self) -> Result<Option<::std::borrow::Cow<'static, str>>, rt::request::RequestError> {
                let mut prefix = String::new();
                #(#pushes)*
                Ok(Some(::std::borrow::Cow::Owned(prefix)))
            }
        }
    });
    let endpoint_context = crate::emit::endpoint::context_method(operation, input);
    let tree_hash = operation
        .tree_hash
        .then(|| quote! { const SHA256_TREE_HASH: bool = true; });
    let compression = (!operation.request_compression.is_empty()).then(|| {
        let encodings = &operation.request_compression;
        quote! { const REQUEST_COMPRESSION: &'static [&'static str] = &[#(#encodings),*]; }
    });
    let mut build_path = Vec::new();
    let mut literal = String::new();
    for segment in &operation.http.template.segments {
        literal.push('/');
        match segment {
            PathSegment::Literal(text) => literal.push_str(text),
            PathSegment::Label { member, greedy } => {
                let field = input
                    .fields
                    .iter()
                    .find(|field| &field.member == member)
                    .expect("lowering checked that every label names a member");
                let field_name = ident(&field.name);
                build_path.push(push_literal(&literal));
                literal.clear();
                let text = bound_text(&field.value, &field.binding, member);
                let value = match &field.default {
                    Some(crate::ir::DefaultValue::String(default)) if field.empty_takes_default => {
                        quote! {
                            &if self.#field_name.is_empty() { String::from(#default) } else { self.#field_name.clone() }
                        }
                    }
                    _ => quote! { &self.#field_name },
                };
                build_path.push(quote! {
                    {
                        let value = #value;
                        rt::request::push_label(&mut uri, #member, #text, #greedy)?;
                    }
                });
            }
        }
    }
    if operation.http.template.segments.is_empty() || operation.http.template.trailing_slash {
        literal.push('/');
    }
    if !literal.is_empty() {
        build_path.push(push_literal(&literal));
    }
    let query = operation.http.template.query.iter().map(|parameter| {
        let key = &parameter.key;
        let value = match &parameter.value {
            Some(value) => quote! { Some(#value) },
            None => quote! { None },
        };
        quote! { rt::request::push_query(&mut uri, #key, #value); }
    });
    let bound_queries = input.fields.iter().filter_map(|field| {
        let Binding::Query(key) = &field.binding else {
            return None;
        };
        let field_name = ident(&field.name);
        let push = |value: &Value| {
            let text = bound_text(value, &field.binding, &field.member);
            quote! { rt::request::push_query(&mut uri, #key, Some(#text)); }
        };
        let push = match &field.value.kind {
            Kind::List(item) => {
                let push_item = push(item);
                present(
                    field,
                    &field_name,
                    quote! { values },
                    quote! { for value in values { #push_item } },
                )
            }
            _ => present(field, &field_name, quote! { value }, push(&field.value)),
        };
        Some(push)
    });
    // After the `@httpQuery` members: the specification gives them precedence.
    let query_params = input
        .fields
        .iter()
        .filter(|field| field.binding == Binding::QueryParams)
        .map(|field| {
            let field_name = ident(&field.name);
            let Kind::Map { value: entry, .. } = &field.value.kind else {
                unreachable!("lowering checked that `@httpQueryParams` is on a map")
            };
            let values = match entry.kind {
                Kind::List(_) => quote! { values.as_slice() },
                _ => quote! { ::std::slice::from_ref(values) },
            };
            present(
                field,
                &field_name,
                quote! { map },
                quote! {
                    rt::request::push_query_params(
                        &mut uri,
                        map.iter().map(|(key, values)| (key.as_str(), #values)),
                    );
                },
            )
        });
    let header_pushes: Vec<TokenStream> = input
        .fields
        .iter()
        .filter_map(|field| {
            let Binding::Header(name) = &field.binding else {
                return None;
            };
            let field_name = ident(&field.name);
            let member = &field.member;
            let push = match &field.value.kind {
                Kind::List(item) => {
                    let text = bound_text(item, &field.binding, member);
                    let quote_items = matches!(item.kind, Kind::String | Kind::Enum(_));
                    present(field, &field_name, quote! { values }, quote! {
                        let mut items = Vec::with_capacity(values.len());
                        for value in values {
                            items.push(ToOwned::to_owned(#text));
                        }
                        rt::request::push_header_list(&mut headers, #name, #member, &items, #quote_items)?;
                    })
                }
                _ => {
                    let text = bound_text(&field.value, &field.binding, member);
                    present(field, &field_name, quote! { value }, quote! {
                        rt::request::push_header(&mut headers, #name, #member, #text)?;
                    })
                }
            };
            Some(push)
        })
        // After the `@httpHeader` members: the specification gives them precedence.
        .chain(input.fields.iter().filter_map(|field| {
            let Binding::PrefixHeaders(prefix) = &field.binding else {
                return None;
            };
            let field_name = ident(&field.name);
            let member = &field.member;
            // A sensitive map's keys are not shown in an error either.
            let sensitive = redacted_in_debug(&field.value);
            Some(present(field, &field_name, quote! { map }, quote! {
                rt::request::push_prefix_headers(
                    &mut headers,
                    #prefix,
                    #member,
                    map.iter().map(|(key, value)| (key.as_str(), value.as_ref())),
                    #sensitive,
                )?;
            }))
        }))
        .collect();
    // A service customization's headers, first: a member bound to the same
    // header adds its value after.
    let constant_headers: Vec<TokenStream> = operation
        .request_headers
        .iter()
        .map(|(name, value)| {
            quote! {
                (
                    rt::http::HeaderName::from_static(#name),
                    rt::http::HeaderValue::from_static(#value),
                )
            }
        })
        .collect();
    let headers = match (constant_headers.is_empty(), header_pushes.is_empty()) {
        (true, true) => quote! { let headers = rt::request::Headers::new(); },
        (true, false) => quote! {
            let mut headers = rt::request::Headers::new();
            #(#header_pushes)*
        },
        (false, true) => quote! {
            let headers: rt::request::Headers = vec![#(#constant_headers),*];
        },
        (false, false) => quote! {
            let mut headers: rt::request::Headers = vec![#(#constant_headers),*];
            #(#header_pushes)*
        },
    };
    // restJson1: an input with members in the body always sends a JSON
    // object, `{}` when none is set; one without sends no body at all.
    let payload = input.fields.iter().find(|f| f.binding == Binding::Payload);
    let event_stream = input
        .stream_payload()
        .filter(|field| matches!(field.value.kind, Kind::EventStream { .. }));
    let body = if let Some(field) = event_stream {
        let field_name = ident(&field.name);
        quote! { self.#field_name.into_messages() }
    } else if let Some(field) = input.stream_payload() {
        let field_name = ident(&field.name);
        let member = &field.member;
        let content_type = field
            .value
            .media_type
            .as_deref()
            .unwrap_or("application/octet-stream");
        let Kind::Stream { requires_length } = field.value.kind else {
            unreachable!("a stream payload is a stream")
        };
        quote! { (#content_type, self.#field_name), #member, #requires_length }
    } else if let Some(field) = payload {
        payload_body(field)
    } else if input.fields.iter().any(|f| f.binding == Binding::Body) {
        quote! {
            Some((
                rt::request::JSON_CONTENT_TYPE,
                self.to_json()?.into_bytes(),
            ))
        }
    } else {
        quote! { None }
    };
    let build = if event_stream.is_some() {
        quote! { rt::event_stream::build_event_stream(Self::HTTP_METHOD, uri, headers, #body) }
    } else if input.stream_payload().is_some() {
        quote! { rt::request::build_streaming(Self::HTTP_METHOD, uri, headers, #body) }
    } else {
        quote! { rt::request::build(Self::HTTP_METHOD, uri, headers, #body) }
    };
    let token_filler = input
        .fields
        .iter()
        .find(|field| field.idempotency_token)
        .and_then(|field| field.ensure_method.as_deref())
        .map(|ensure| {
            let ensure = ident(ensure);
            quote! {
                fn fill_idempotency_token(&mut self, make: &mut dyn FnMut() -> String) -> Option<String> {
                    Some(self.#ensure(make).to_owned())
                }
            }
        });
    quote! {
        impl rt::operation::OperationInput for #input_ident {
            const OPERATION_NAME: &'static str = #name;
            const HTTP_METHOD: &'static str = #method;
            const HTTP_PATH: &'static str = #path;
            const HTTP_SUCCESS_STATUS: u16 = #code;
            const HOST_PREFIX: Option<&'static str> = #host_prefix;
            #checksum
            #unsigned_payload
            #auth
            #compression
            #tree_hash
            #host_prefix_fn
            #endpoint_context

            fn into_http_request(self) -> Result<rt::http::Request<rt::SdkBody>, rt::request::RequestError> {
                let mut uri = String::new();
                #(#build_path)*
                #(#query)*
                #(#bound_queries)*
                #(#query_params)*
                #headers
                #build
            }

            #token_filler
        }
    }
}

/// The body of an input whose member `field` is its `@httpPayload`: a
/// structure's JSON (`{}` when unset, as for any JSON body), or the bytes of
/// a blob, string or enum (no body when unset), with the content type of
/// the target's `@mediaType`, else restJson1's for the type.
fn payload_body(field: &Field) -> TokenStream {
    let field_name = ident(&field.name);
    let member = &field.member;
    let content_type = |default: &str| field.value.media_type.clone().unwrap_or(default.to_owned());
    if let Kind::Structure(_) = field.value.kind {
        let json = if field.always_present() {
            quote! { rt::json::write_body(&self.#field_name)? }
        } else {
            quote! {
                self.#field_name
                    .as_ref()
                    .map_or_else(|| Ok(String::from("{}")), rt::json::write_body)?
            }
        };
        return quote! { Some((rt::request::JSON_CONTENT_TYPE, #json.into_bytes())) };
    }
    let (bytes, content_type) = match &field.value.kind {
        // A union or document has no value to send when unset: no body.
        Kind::Union(_) | Kind::Document => (
            quote! { rt::json::write_value_body(value, #member)?.into_bytes() },
            "application/json".to_owned(),
        ),
        Kind::Blob => (
            quote! { value.as_ref().to_vec() },
            content_type("application/octet-stream"),
        ),
        Kind::String | Kind::Enum(_) => (
            quote! { value.as_str().as_bytes().to_vec() },
            content_type("text/plain"),
        ),
        other => unreachable!("lowering refuses payloads of {other:?}"),
    };
    if field.always_present() {
        quote! { { let value = &self.#field_name; Some((#content_type, #bytes)) } }
    } else if let Kind::Union(_) | Kind::Document = field.value.kind {
        // Writing it can fail (an `Unknown` variant), which a closure cannot pass on.
        quote! {
            match &self.#field_name {
                Some(value) => Some((#content_type, #bytes)),
                None => None,
            }
        }
    } else {
        quote! { self.#field_name.as_ref().map(|value| (#content_type, #bytes)) }
    }
}

/// `push` run with the member bound as `binding` (a reference), if it is set.
fn present(
    field: &Field,
    field_name: &syn::Ident,
    binding: TokenStream,
    push: TokenStream,
) -> TokenStream {
    if field.always_present() {
        quote! { { let #binding = &self.#field_name; #push } }
    } else {
        quote! { if let Some(#binding) = &self.#field_name { #push } }
    }
}

/// A `&str` expression of a value bound as `value` (a reference) as the
/// path, a query or a header carries it; a timestamp that its format
/// cannot show returns an error naming `member`.
fn bound_text(value: &Value, binding: &Binding, member: &str) -> TokenStream {
    match &value.kind {
        // A `@mediaType` string in a header is base64, as its content may
        // not be header text.
        Kind::String if value.media_type.is_some() && matches!(binding, Binding::Header(_)) => {
            quote! { &rt::aws_smithy_types::base64::encode(value) }
        }
        Kind::String | Kind::Enum(_) => quote! { value.as_str() },
        Kind::Boolean => quote! { if *value { "true" } else { "false" } },
        kind if kind.is_integer() => quote! { &value.to_string() },
        // `NaN`, `Infinity` and `-Infinity` as Smithy spells them.
        Kind::Float | Kind::Double => {
            quote! { rt::aws_smithy_types::primitive::Encoder::from(*value).encode() }
        }
        Kind::Timestamp => {
            let format = timestamp_format(value, binding);
            quote! { &rt::json::timestamp_text(value, #format, #member)? }
        }
        Kind::Blob => quote! { &rt::aws_smithy_types::base64::encode(value) },
        Kind::BigInteger | Kind::BigDecimal => quote! { value.as_ref() },
        _ => {
            unreachable!("lowering refuses bindings of {:?}", value.kind)
        }
    }
}
