//! Smithy's event stream compliance cases (`smithy.test#eventStreamTests`)
//! as Rust tests of a generated client.
//!
//! A case gives the input's members (`initialRequestParams`), the events a
//! client sends (`type: "request"`, each a member of the input's union with
//! the message it must become), the response it gets (`initialResponse`,
//! then the messages of `type: "response"` events, each with the event it
//! must be read as), what the output's other members must be
//! (`initialResponseParams`), and whether the call ends in success or an
//! error. The test sends the call through a connector that keeps the
//! request and answers with the response, compares each message the
//! request carried with its case (taken out of its signing envelope), and
//! reads every event of the output's stream.

use super::protocol_tests::{
    Crates, TestBody, compared_with, error_structure, error_variant, expected_request,
    header_pairs, object, option_tokens, setters, status_code, string, strings, structure,
    structure_expr, value_expr,
};
use crate::ir::{Field, Kind, Operation, Service, Structure, Types, Value};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value as Json;

/// How a case says the call ends.
enum Expectation<'a> {
    Success,
    /// An error: the shape id of the one the case names, if any.
    Failure(Option<&'a str>),
}

pub(super) fn event_stream_test(
    service: &Service,
    crates: &Crates,
    operation: &Operation,
    case: &Json,
) -> Result<TestBody, String> {
    let input = structure(&service.input, &operation.input)?;
    let output = structure(&service.output, &operation.output)?;
    let events = match case.get("events") {
        None => Vec::new(),
        Some(Json::Array(events)) => events.iter().collect(),
        Some(_) => return Err("`events` must be a list".to_owned()),
    };
    let of_type = |wanted: &str| -> Result<Vec<&Json>, String> {
        let mut found = Vec::new();
        for event in &events {
            match event.get("type").and_then(Json::as_str) {
                Some(kind) if kind == wanted => found.push(*event),
                Some("request" | "response") => {}
                _ => return Err("an event's `type` must be `request` or `response`".to_owned()),
            }
        }
        Ok(found)
    };
    let (sent, received) = (of_type("request")?, of_type("response")?);
    let expectation = expectation(case)?;

    let mut input_setters = setters(
        input,
        object(case, "initialRequestParams")?,
        &crates.input,
        &service.input,
    )
    .map_err(|why| format!("`initialRequestParams.{why}"))?;
    let sent_checks = if sent.is_empty() {
        TokenStream::new()
    } else {
        let (field, union) = event_stream(input).ok_or("the input has no event stream")?;
        let values = sent
            .iter()
            .map(|event| union_value(field, union, event, &crates.input, &service.input))
            .collect::<Result<Vec<_>, String>>()?;
        let set = crate::emit::ident(&field.set_method);
        input_setters.push(quote! {
            .#set(Some(::smithy_lean_protocol_test::EventStreamSender::from_events([#(#values),*])))
        });
        let expected = sent
            .iter()
            .map(|event| expected_event(event))
            .collect::<Result<Vec<_>, String>>()?;
        quote! {
            let sent = capture.sent_once(&result);
            ::smithy_lean_protocol_test::assert_sent_events(&sent, &[#(#expected),*]);
        }
    };
    let initial_request_check = match case.get("initialRequest") {
        None => TokenStream::new(),
        Some(request) => {
            let expected = expected_request(request)?;
            quote! {
                let expected = #expected;
                capture.assert_sent(&expected, &result);
            }
        }
    };
    let (code, headers, body) = response(case, &received, event_stream(output).is_some())?;
    let sends = !sent.is_empty()
        || case.get("initialRequest").is_some()
        || case.get("initialRequestParams").is_some();
    let receives = !received.is_empty()
        || case.get("initialResponse").is_some()
        || case.get("initialResponseParams").is_some()
        || matches!(expectation, Expectation::Failure(_));
    // A case of the request alone says nothing of the response.
    let outcome = if receives {
        outcome(
            service,
            crates,
            operation,
            output,
            case,
            &received,
            expectation,
        )?
    } else {
        TokenStream::new()
    };
    let status = Literal::u16_unsuffixed(code);
    if !sends {
        // A case of the response alone reads it as the client would, with
        // no call to make up an input for.
        let output_crate = &crates.output;
        let output_name = crate::emit::ident(&output.name);
        let errors = &crates.errors;
        let enumeration = crate::emit::ident(&operation.error_enum);
        let success = operation.http.code;
        let read_output = if output.stream_payload().is_some() {
            quote! {
                #output_crate::#output_name::from_streaming_response(
                    #status,
                    &headers,
                    ::smithy_lean_protocol_test::ByteStream::from(body),
                )
            }
        } else {
            quote! { #output_crate::#output_name::from_response(#status, &headers, &body) }
        };
        // A success status is the output's, any other the operation's error.
        let read = if code == success {
            quote! {
                let result = #read_output
                    .map_err(|e| ::smithy_lean_protocol_test::ReadFailure::<#errors::#enumeration>::Unreadable(e.to_string()));
            }
        } else {
            quote! {
                let result: Result<#output_crate::#output_name, _> = Err(::smithy_lean_protocol_test::ReadFailure::Service(
                    #errors::#enumeration::from_response(#status, &headers, &body),
                ));
            }
        };
        return Ok(TestBody {
            is_async: true,
            body: quote! {
                let headers = ::smithy_lean_protocol_test::CannedResponse { code: #status, headers: &[#(#headers),*], body: "" }.header_map();
                let body: Vec<u8> = #body;
                #read
                #outcome
            },
        });
    }
    let client = &crates.client;
    let call = crate::emit::ident(&operation.module);
    Ok(TestBody {
        is_async: true,
        body: quote! {
            let capture = ::smithy_lean_protocol_test::Capture::answering_bytes(#status, &[#(#headers),*], #body);
            let client = #client::Client::from_conf(capture.config(None));
            let result = client.#call() #(#input_setters)* .send().await;
            #initial_request_check
            #sent_checks
            #outcome
        },
    })
}

fn expectation(case: &Json) -> Result<Expectation<'_>, String> {
    match case.get("expectation") {
        None => Ok(Expectation::Success),
        Some(expectation) if expectation.get("success").is_some() => Ok(Expectation::Success),
        Some(expectation) => match expectation.get("failure") {
            Some(failure) => Ok(Expectation::Failure(
                failure.get("errorId").and_then(Json::as_str),
            )),
            None => Err("`expectation` must be `success` or `failure`".to_owned()),
        },
    }
}

/// A structure's event stream member, and its union's name.
fn event_stream(structure: &Structure) -> Option<(&Field, &str)> {
    let field = structure.stream_payload()?;
    match &field.value.kind {
        Kind::EventStream { union, .. } => Some((field, union)),
        _ => None,
    }
}

/// The union value of an event's `params`.
fn union_value(
    field: &Field,
    union: &str,
    event: &Json,
    krate: &TokenStream,
    types: &Types,
) -> Result<TokenStream, String> {
    let params = event
        .get("params")
        .ok_or("an event without `params` (one the model does not have) cannot be sent")?;
    let value = Value {
        kind: Kind::Union(union.to_owned()),
        ..field.value.clone()
    };
    value_expr(&value, params, krate, types).map_err(|why| format!("an event's `params`: {why}"))
}

/// The `ExpectedEvent` of an event's message.
fn expected_event(event: &Json) -> Result<TokenStream, String> {
    let headers = match event.get("headers") {
        None => Vec::new(),
        Some(Json::Object(headers)) => headers
            .iter()
            .map(|(name, value)| {
                let value = header_value(value).map_err(|why| format!("header `{name}`: {why}"))?;
                Ok(quote! { (#name, #value) })
            })
            .collect::<Result<Vec<_>, String>>()?,
        Some(_) => return Err("an event's `headers` must be an object".to_owned()),
    };
    let forbid_headers = strings(event, "forbidHeaders")?;
    let require_headers = strings(event, "requireHeaders")?;
    let body = option_tokens(string(event, "body")?);
    let body_media_type = option_tokens(string(event, "bodyMediaType")?);
    let bytes = option_tokens(string(event, "bytes")?);
    Ok(quote! {
        ::smithy_lean_protocol_test::ExpectedEvent {
            headers: &[#(#headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            require_headers: &[#(#require_headers),*],
            body: #body,
            body_media_type: #body_media_type,
            bytes: #bytes,
        }
    })
}

/// A header value as the case writes it: an object with one member, its type.
fn header_value(value: &Json) -> Result<TokenStream, String> {
    let (kind, value) = match value.as_object().map(|o| o.iter().collect::<Vec<_>>()) {
        Some(members) if members.len() == 1 => members[0],
        _ => return Err("must be an object with one member, its type".to_owned()),
    };
    let integer = |bits: u32| {
        value
            .as_i64()
            .filter(|n| bits == 64 || (*n >= -(1 << (bits - 1)) && *n < (1 << (bits - 1))))
            .ok_or_else(|| format!("a `{kind}` must be an integer of {bits} bits"))
    };
    Ok(match kind.as_str() {
        "boolean" => {
            let flag = value.as_bool().ok_or("a `boolean` must be true or false")?;
            quote! { ::smithy_lean_protocol_test::EventHeader::Boolean(#flag) }
        }
        "byte" => {
            let n = Literal::i8_suffixed(integer(8)? as i8);
            quote! { ::smithy_lean_protocol_test::EventHeader::Byte(#n) }
        }
        "short" => {
            let n = Literal::i16_suffixed(integer(16)? as i16);
            quote! { ::smithy_lean_protocol_test::EventHeader::Short(#n) }
        }
        "integer" => {
            let n = Literal::i32_suffixed(integer(32)? as i32);
            quote! { ::smithy_lean_protocol_test::EventHeader::Integer(#n) }
        }
        "long" => {
            let n = Literal::i64_suffixed(integer(64)?);
            quote! { ::smithy_lean_protocol_test::EventHeader::Long(#n) }
        }
        "blob" => {
            let bytes = value
                .as_str()
                .and_then(crate::node::base64_decode)
                .ok_or("a `blob` must be base64 text")?;
            let bytes = Literal::byte_string(&bytes);
            quote! { ::smithy_lean_protocol_test::EventHeader::Blob(#bytes) }
        }
        "string" => {
            let text = value.as_str().ok_or("a `string` must be text")?;
            quote! { ::smithy_lean_protocol_test::EventHeader::String(#text) }
        }
        "timestamp" => match value {
            Json::String(text) => {
                quote! { ::smithy_lean_protocol_test::EventHeader::TimestampText(#text) }
            }
            number => {
                let (seconds, nanos) = crate::node::epoch_seconds(number)
                    .ok_or("a `timestamp` must be RFC 3339 text or seconds since the epoch")?;
                let millis = Literal::i64_suffixed(seconds * 1000 + i64::from(nanos / 1_000_000));
                quote! { ::smithy_lean_protocol_test::EventHeader::Timestamp(#millis) }
            }
        },
        other => return Err(format!("`{other}` is not a header type")),
    })
}

/// The case's response: the initial response's status and headers (200,
/// an event stream's content type where the output has one, unless the
/// case says otherwise), and the expression of its body with the messages
/// of the response events after it.
fn response(
    case: &Json,
    received: &[&Json],
    output_streams: bool,
) -> Result<(u16, Vec<TokenStream>, TokenStream), String> {
    let messages = received
        .iter()
        .map(|event| {
            string(event, "bytes")?
                .ok_or_else(|| "a response event must give its message's `bytes`".to_owned())
        })
        .collect::<Result<Vec<_>, String>>()?;
    let (code, headers, body) = match case.get("initialResponse") {
        Some(response) => (
            status_code(response)?,
            header_pairs(response)?,
            string(response, "body")?.unwrap_or_default(),
        ),
        None if output_streams => (
            200,
            vec![quote! { ("content-type", "application/vnd.amazon.eventstream") }],
            "",
        ),
        None => (200, Vec::new(), "{}"),
    };
    let body = quote! {
        [#body.as_bytes().to_vec(), ::smithy_lean_protocol_test::event_bytes(&[#(#messages),*])].concat()
    };
    Ok((code, headers, body))
}

/// What the test checks of the call's result.
fn outcome(
    service: &Service,
    crates: &Crates,
    operation: &Operation,
    output: &Structure,
    case: &Json,
    received: &[&Json],
    expectation: Expectation<'_>,
) -> Result<TokenStream, String> {
    let stream = event_stream(output);
    let into =
        stream.map(|(field, _)| crate::emit::ident(&crate::naming::into_method(&field.name)));
    match expectation {
        Expectation::Success => {
            let params = object(case, "initialResponseParams")?;
            let members = if params.is_empty() {
                TokenStream::new()
            } else {
                let expected = structure_expr(output, params, &crates.output, &service.output)?;
                compared_with(&expected, output)
            };
            let events = match stream {
                None => TokenStream::new(),
                Some((field, union)) => {
                    let values = received
                        .iter()
                        .map(|event| {
                            union_value(field, union, event, &crates.output, &service.output)
                        })
                        .collect::<Result<Vec<_>, String>>()?;
                    quote! {
                        let (events, error) = ::smithy_lean_protocol_test::receive_all(actual.#into()).await;
                        if let Some(error) = error {
                            panic!("the stream ended in an error: {error}");
                        }
                        ::smithy_lean_protocol_test::assert_same(&vec![#(#values),*], &events, "the events");
                    }
                }
            };
            Ok(quote! {
                let actual = result.unwrap_or_else(|e| panic!("the call failed: {e}"));
                #members
                #events
            })
        }
        Expectation::Failure(Some(error_id)) => {
            // An error member of the output's stream ends the stream; an
            // error of the operation fails the call.
            let member = stream.and_then(|(_, union)| {
                let union = service.output.unions.iter().find(|u| u.name == union)?;
                union.variants.iter().find(|variant| {
                    variant.error
                        && matches!(&variant.value, Some(Value { kind: Kind::Structure(name), .. })
                            if service.output.structures.iter().any(|s| &s.name == name && s.id == error_id))
                })
                .map(|variant| (union, variant))
            });
            if let Some((union, variant)) = member {
                let union_name = crate::emit::ident(&union.name);
                let variant = crate::emit::ident(&variant.name);
                let output_crate = &crates.output;
                return Ok(quote! {
                    let actual = result.unwrap_or_else(|e| panic!("the call failed: {e}"));
                    let (_, error) = ::smithy_lean_protocol_test::receive_all(actual.#into()).await;
                    match error {
                        Some(::smithy_lean_protocol_test::ReceiveError::Modeled(#output_crate::#union_name::#variant(_))) => {}
                        other => panic!("expected the stream's error `{}`, read {other:?}", stringify!(#variant)),
                    }
                });
            }
            let error = error_structure(service, error_id)?;
            let variant = error_variant(crates, operation, error);
            let name = crate::emit::ident(&error.name);
            Ok(quote! {
                let Err(error) = result else {
                    panic!("the call succeeded, and the case expects `{}`", stringify!(#name));
                };
                assert!(
                    matches!(error.as_service_error(), Some(#variant(_))),
                    "expected `{}`, read {error:?}",
                    stringify!(#name)
                );
            })
        }
        Expectation::Failure(None) => {
            let read_stream = match &into {
                Some(into) => quote! {
                    let (_, error) = ::smithy_lean_protocol_test::receive_all(actual.#into()).await;
                    assert!(error.is_some(), "the case expects an error, and the stream ended well");
                },
                None => quote! {
                    let _ = actual;
                    panic!("the case expects an error, and the call succeeded");
                },
            };
            Ok(quote! {
                if let Ok(actual) = result {
                    #read_stream
                }
            })
        }
    }
}
