//! Smithy's HTTP protocol compliance cases as Rust tests of a generated
//! client.
//!
//! Each `smithy.test#httpRequestTests` case of a selected operation becomes
//! a test that sets the case's `params` on the operation's fluent builder,
//! sends it through a connector that keeps the request
//! (`smithy_lean_protocol_test::Capture`), and compares what was sent with
//! the case. Each `smithy.test#httpResponseTests` case of the operation, or
//! of an error it can return, becomes a test that reads the case's
//! response with the operation's output or error reader and compares every
//! member with the case's `params`. The cases are read from the model's
//! traits, for the service's protocol, where they apply to clients.

use crate::Error;
use crate::ast;
use crate::ir::{Kind, Service, Structure, Types, Value};
use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value as Json;

/// The protocol whose cases a restJson1 client runs.
const PROTOCOL: &str = "aws.protocols#restJson1";

/// Whether a case is a request the client sends or a response it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    /// `smithy.test#httpRequestTests`.
    Request,
    /// `smithy.test#httpResponseTests`.
    Response,
    /// `smithy.test#eventStreamTests`: the messages of an event stream,
    /// sent or read, with the initial request or response.
    EventStream,
}

/// One compliance case of a service that applies to clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolCase {
    /// The operation's name, e.g. `JsonLists`.
    pub operation: String,
    /// The case's `id`.
    pub id: String,
    /// Request or response.
    pub kind: CaseKind,
    /// For a response case of an error, the error shape's id.
    pub error: Option<String>,
}

/// The test file for the selected operations' cases.
#[derive(Debug, Clone)]
pub struct ProtocolTests {
    /// The package name of the client crate the tests call, e.g. `rest-json-protocol`.
    pub client_crate: String,
    /// The Rust source of the test target.
    pub source: String,
    /// Each case of the selected operations, with the path of its test
    /// function in `source` (`module::function`), or why it could not be
    /// written as a test.
    pub cases: Vec<(ProtocolCase, Result<String, String>)>,
}

/// Every client case of the service's operations, in the order the service
/// lists its operations, each operation's request cases first; a response
/// case of an error comes under each operation that can return the error.
pub(crate) fn cases(model: &ast::Model, service_id: &str) -> Result<Vec<ProtocolCase>, Error> {
    Ok(raw_cases(model, service_id)?
        .into_iter()
        .map(|(case, _)| case)
        .collect())
}

/// The cases with their trait values.
fn raw_cases<'a>(
    model: &'a ast::Model,
    service_id: &str,
) -> Result<Vec<(ProtocolCase, &'a Json)>, Error> {
    let service = model
        .shapes
        .get(service_id)
        .filter(|shape| shape.kind == "service")
        .ok_or_else(|| Error::new(format!("the model has no service `{service_id}`")))?;
    let mut found = Vec::new();
    for operation_id in &service.operations {
        let Some(operation) = model.shapes.get(&operation_id.target) else {
            continue;
        };
        let name = local_name(&operation_id.target);
        let of = |shape: &'a ast::Shape, key: &str, kind: CaseKind, error: Option<&str>| {
            client_cases(&shape.traits, key)
                .map(|case| {
                    let id = case.get("id").and_then(Json::as_str).unwrap_or_default();
                    let protocol_case = ProtocolCase {
                        operation: name.to_owned(),
                        id: id.to_owned(),
                        kind,
                        error: error.map(str::to_owned),
                    };
                    (protocol_case, case)
                })
                .collect::<Vec<_>>()
        };
        found.extend(of(
            operation,
            "smithy.test#httpRequestTests",
            CaseKind::Request,
            None,
        ));
        found.extend(of(
            operation,
            "smithy.test#httpResponseTests",
            CaseKind::Response,
            None,
        ));
        found.extend(of(
            operation,
            "smithy.test#eventStreamTests",
            CaseKind::EventStream,
            None,
        ));
        for error in operation.errors.iter().chain(&service.errors) {
            if let Some(shape) = model.shapes.get(&error.target) {
                found.extend(of(
                    shape,
                    "smithy.test#httpResponseTests",
                    CaseKind::Response,
                    Some(&error.target),
                ));
            }
        }
    }
    Ok(found)
}

/// The cases of one test trait that are for this protocol and for clients.
fn client_cases<'a>(traits: &'a ast::Traits, key: &str) -> impl Iterator<Item = &'a Json> {
    traits
        .get(key)
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter(|case| {
            case.get("protocol").and_then(Json::as_str) == Some(PROTOCOL)
                && case
                    .get("appliesTo")
                    .and_then(Json::as_str)
                    .is_none_or(|applies_to| applies_to == "client")
        })
}

/// The test file of the cases of the operations `service` holds.
pub(crate) fn emit(model: &ast::Model, service: &Service) -> Result<ProtocolTests, Error> {
    let crates = Crates::of(service);
    let mut modules = Vec::new();
    let mut cases = Vec::new();
    let mut by_operation: Vec<(String, Vec<(ProtocolCase, &Json)>)> = Vec::new();
    for (case, raw) in raw_cases(model, &service.id)? {
        match by_operation.last_mut() {
            Some((operation, list)) if *operation == case.operation => list.push((case, raw)),
            _ => by_operation.push((case.operation.clone(), vec![(case, raw)])),
        }
    }
    for (operation_name, operation_cases) in by_operation {
        let Some(operation) = service
            .operations
            .iter()
            .find(|operation| operation.name == operation_name)
        else {
            continue;
        };
        let module = crate::emit::ident(&operation.module);
        let mut functions = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for (case, raw) in operation_cases {
            let mut function = test_name(&case.id);
            while taken.contains(&function) {
                function.push_str("_again");
            }
            let test = match case.kind {
                CaseKind::Request => request_test(service, &crates, operation, raw),
                CaseKind::Response => match &case.error {
                    None => output_test(service, &crates, operation, raw),
                    Some(error) => error_test(service, &crates, operation, error, raw),
                },
                CaseKind::EventStream => crate::emit::protocol_event_tests::event_stream_test(
                    service, &crates, operation, raw,
                ),
            };
            let path = test.map(|TestBody { is_async, body }| {
                let name = crate::emit::ident(&function);
                let docs = format!(" `{}`", case.id);
                let signature = if is_async {
                    quote! { #[tokio::test] async fn #name() }
                } else {
                    quote! { #[test] fn #name() }
                };
                functions.push(quote! {
                    #[doc = #docs]
                    #signature {
                        #body
                    }
                });
                taken.push(function.clone());
                format!("{}::{function}", operation.module)
            });
            cases.push((case, path));
        }
        if !functions.is_empty() {
            modules.push(quote! {
                mod #module {
                    #(#functions)*
                }
            });
        }
    }
    let tokens = quote! {
        #![allow(deprecated)]
        #(#modules)*
    };
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::new(format!("generated tests do not parse: {e}")))?;
    let source = format!(
        "// Generated by `cargo xtask protocol-tests` from the compliance cases of the Smithy model.\n\n{}",
        prettyplease::unparse(&file)
    );
    Ok(ProtocolTests {
        client_crate: service.crates.client.clone(),
        source,
        cases,
    })
}

/// The Rust paths of the four generated crates.
pub(super) struct Crates {
    pub(super) client: TokenStream,
    pub(super) input: TokenStream,
    pub(super) output: TokenStream,
    pub(super) errors: TokenStream,
}

impl Crates {
    fn of(service: &Service) -> Self {
        let path = |package: &str| {
            let name = crate::emit::ident(&crate::ir::CrateNames::rust_name(package));
            quote! { ::#name }
        };
        Crates {
            client: path(&service.crates.client),
            input: path(&service.crates.input),
            output: path(&service.crates.output),
            errors: path(&service.crates.errors),
        }
    }
}

/// A test function without its name: whether it is async, and its body.
pub(super) struct TestBody {
    pub(super) is_async: bool,
    pub(super) body: TokenStream,
}

fn request_test(
    service: &Service,
    crates: &Crates,
    operation: &crate::ir::Operation,
    case: &Json,
) -> Result<TestBody, String> {
    let input = structure(&service.input, &operation.input)?;
    let setters = setters(
        input,
        object(case, "params")?,
        &crates.input,
        &service.input,
    )
    .map_err(|why| format!("`params.{why}"))?;
    let host = option_tokens(string(case, "host")?);
    let expected = expected_request(case)?;
    let client = &crates.client;
    let call = crate::emit::ident(&operation.module);
    Ok(TestBody {
        is_async: true,
        body: quote! {
            let capture = ::smithy_lean_protocol_test::Capture::answering(
                &::smithy_lean_protocol_test::CannedResponse::OK,
            );
            let client = #client::Client::from_conf(capture.config(#host));
            let result = client.#call() #(#setters)* .send().await;
            let expected = #expected;
            capture.assert_sent(&expected, &result);
        },
    })
}

fn output_test(
    service: &Service,
    crates: &Crates,
    operation: &crate::ir::Operation,
    case: &Json,
) -> Result<TestBody, String> {
    let output = structure(&service.output, &operation.output)?;
    let response = canned_response(case)?;
    let expected = structure_expr(
        output,
        object(case, "params")?,
        &crates.output,
        &service.output,
    )?;
    let comparisons = compared_with(&expected, output);
    let output_crate = &crates.output;
    let name = crate::emit::ident(&output.name);
    if output.stream_payload().is_some() {
        // The body as the client hands it over: a stream, read here.
        return Ok(TestBody {
            is_async: true,
            body: quote! {
                let response = #response;
                let actual = #output_crate::#name::from_streaming_response(
                    response.code,
                    &response.header_map(),
                    ::smithy_lean_protocol_test::ByteStream::from(response.body().to_vec()),
                )
                .unwrap_or_else(|e| panic!("the response does not read: {e}"));
                #comparisons
            },
        });
    }
    Ok(TestBody {
        is_async: false,
        body: quote! {
            let response = #response;
            let actual = #output_crate::#name::from_response(response.code, &response.header_map(), response.body())
                .unwrap_or_else(|e| panic!("the response does not read: {e}"));
            #comparisons
        },
    })
}

fn error_test(
    service: &Service,
    crates: &Crates,
    operation: &crate::ir::Operation,
    error_id: &str,
    case: &Json,
) -> Result<TestBody, String> {
    let error = error_structure(service, error_id)?;
    let response = canned_response(case)?;
    let expected = structure_expr(
        error,
        object(case, "params")?,
        &crates.errors,
        &service.errors,
    )?;
    let comparisons = compared_with(&expected, error);
    let errors = &crates.errors;
    let enumeration = crate::emit::ident(&operation.error_enum);
    let variant = error_variant(crates, operation, error);
    let name = crate::emit::ident(&error.name);
    let code = Literal::u16_unsuffixed(status_code(case)?);
    Ok(TestBody {
        is_async: false,
        body: quote! {
            let response = #response;
            let read = #errors::#enumeration::from_response(#code, &response.header_map(), response.body());
            let #variant(actual) = read else {
                panic!("expected `{}`, read {read:?}", stringify!(#name));
            };
            #comparisons
        },
    })
}

/// The generated error structure of the shape `error_id`.
pub(super) fn error_structure<'a>(
    service: &'a Service,
    error_id: &str,
) -> Result<&'a Structure, String> {
    service
        .errors
        .structures
        .iter()
        .find(|structure| structure.id == error_id)
        .ok_or_else(|| format!("the error `{error_id}` was not generated"))
}

/// The path of `error`'s variant in the operation's error enum.
pub(super) fn error_variant(
    crates: &Crates,
    operation: &crate::ir::Operation,
    error: &Structure,
) -> TokenStream {
    let errors = &crates.errors;
    let enumeration = crate::emit::ident(&operation.error_enum);
    let variant = crate::emit::ident(&error.name);
    quote! { #errors::#enumeration::#variant }
}

/// The `ExpectedRequest` of a request case (or of an event stream case's
/// initial request), as the case writes it.
pub(super) fn expected_request(case: &Json) -> Result<TokenStream, String> {
    let method = string(case, "method")?.unwrap_or_default();
    let uri = string(case, "uri")?.unwrap_or_default();
    let resolved_host = option_tokens(string(case, "resolvedHost")?);
    let query_params = strings(case, "queryParams")?;
    let forbid_query_params = strings(case, "forbidQueryParams")?;
    let require_query_params = strings(case, "requireQueryParams")?;
    let headers = header_pairs(case)?;
    let forbid_headers = strings(case, "forbidHeaders")?;
    let require_headers = strings(case, "requireHeaders")?;
    let body = option_tokens(string(case, "body")?);
    let body_media_type = option_tokens(string(case, "bodyMediaType")?);
    Ok(quote! {
        ::smithy_lean_protocol_test::ExpectedRequest {
            method: #method,
            uri: #uri,
            resolved_host: #resolved_host,
            query_params: &[#(#query_params),*],
            forbid_query_params: &[#(#forbid_query_params),*],
            require_query_params: &[#(#require_query_params),*],
            headers: &[#(#headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            require_headers: &[#(#require_headers),*],
            body: #body,
            body_media_type: #body_media_type,
        }
    })
}

/// A response case's `code`.
pub(super) fn status_code(case: &Json) -> Result<u16, String> {
    case.get("code")
        .and_then(Json::as_u64)
        .and_then(|code| u16::try_from(code).ok())
        .ok_or_else(|| "`code` must be a status code".to_owned())
}

/// The case's response as a `CannedResponse`.
fn canned_response(case: &Json) -> Result<TokenStream, String> {
    let code = Literal::u16_unsuffixed(status_code(case)?);
    let headers = header_pairs(case)?;
    let body = string(case, "body")?.unwrap_or_default();
    Ok(quote! {
        ::smithy_lean_protocol_test::CannedResponse {
            code: #code,
            headers: &[#(#headers),*],
            body: #body,
        }
    })
}

/// `actual` against the structure `expected` builds: one assertion per
/// member, through its accessor, so that what the structure holds beyond
/// the model's members (a request id) is not compared. A structure without
/// members has nothing to compare once it has been read.
pub(super) fn compared_with(expected: &TokenStream, structure: &Structure) -> TokenStream {
    if structure.fields.is_empty() {
        return quote! { let _ = actual; };
    }
    let comparisons = structure
        .fields
        .iter()
        .filter(|field| !field.is_stream())
        .map(|field| {
            let getter = crate::emit::ident(&field.name);
            let message = format!("member `{}`", field.member);
            quote! {
                ::smithy_lean_protocol_test::assert_same(&expected.#getter(), &actual.#getter(), #message);
            }
        });
    // Last: reading a stream takes it, and the structure with it. An
    // event stream's events are the case's events, compared apart.
    let stream = structure
        .stream_payload()
        .filter(|field| matches!(field.value.kind, Kind::Stream { .. }))
        .map(|field| {
        let into = crate::emit::ident(&crate::naming::into_method(&field.name));
        let message = format!("member `{}`", field.member);
        quote! {
            ::smithy_lean_protocol_test::assert_same_stream(expected.#into(), actual.#into(), #message).await;
        }
    });
    quote! {
        let expected = #expected;
        #(#comparisons)*
        #stream
    }
}

pub(super) fn structure<'a>(types: &'a Types, name: &str) -> Result<&'a Structure, String> {
    types
        .structures
        .iter()
        .find(|structure| structure.name == name)
        .ok_or_else(|| format!("the structure `{name}` was not generated"))
}

/// One builder call per member of a node object, `.set_x(Some(value))`;
/// a member given `null` is a member left unset. An error starts with the
/// member's name and its closing backtick, for the caller to prefix.
pub(super) fn setters(
    structure: &Structure,
    params: &serde_json::Map<String, Json>,
    krate: &TokenStream,
    types: &Types,
) -> Result<Vec<TokenStream>, String> {
    params
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(member, value)| {
            let field = structure
                .fields
                .iter()
                .find(|field| field.member == *member)
                .ok_or_else(|| {
                    format!(
                        "{member}` is not a member of `{}`",
                        local_name(&structure.id)
                    )
                })?;
            let set = crate::emit::ident(&field.set_method);
            let value = value_expr(&field.value, value, krate, types)
                .map_err(|why| format!("{member}`: {why}"))?;
            Ok(quote! { .#set(Some(#value)) })
        })
        .collect()
}

/// A Rust expression that builds the structure from a node object.
pub(super) fn structure_expr(
    structure: &Structure,
    params: &serde_json::Map<String, Json>,
    krate: &TokenStream,
    types: &Types,
) -> Result<TokenStream, String> {
    let setters = setters(structure, params, krate, types).map_err(|why| format!("`{why}"))?;
    let name = crate::emit::ident(&structure.name);
    let build = if structure
        .fields
        .iter()
        .any(crate::ir::Field::needed_to_build)
    {
        quote! { .build().expect("the case's params build") }
    } else {
        quote! { .build() }
    };
    Ok(quote! { #krate::#name::builder() #(#setters)* #build })
}

/// A Rust expression of the value's type from the case's node value.
pub(super) fn value_expr(
    value: &Value,
    node: &Json,
    krate: &TokenStream,
    types: &Types,
) -> Result<TokenStream, String> {
    if value.boxed {
        let held = Value {
            boxed: false,
            ..value.clone()
        };
        let held = value_expr(&held, node, krate, types)?;
        return Ok(quote! { Box::new(#held) });
    }
    if value.nullable {
        // An item of a sparse list or map: `null` is `None`.
        if node.is_null() {
            return Ok(quote! { None });
        }
        let held = Value {
            nullable: false,
            ..value.clone()
        };
        let held = value_expr(&held, node, krate, types)?;
        return Ok(quote! { Some(#held) });
    }
    let mismatch = || format!("{node} is not a {}", kind_name(&value.kind));
    Ok(match &value.kind {
        Kind::String => {
            let text = node.as_str().ok_or_else(mismatch)?;
            quote! { #text.to_owned() }
        }
        Kind::Boolean => {
            let flag = node.as_bool().ok_or_else(mismatch)?;
            quote! { #flag }
        }
        kind @ (Kind::Byte | Kind::Short | Kind::Integer | Kind::Long) => {
            let number = node.as_i64().ok_or_else(mismatch)?;
            let out_of_range = || format!("{node} is out of range of a {}", kind_name(kind));
            let number = match kind {
                Kind::Byte => {
                    Literal::i8_suffixed(i8::try_from(number).map_err(|_| out_of_range())?)
                }
                Kind::Short => {
                    Literal::i16_suffixed(i16::try_from(number).map_err(|_| out_of_range())?)
                }
                Kind::Integer => {
                    Literal::i32_suffixed(i32::try_from(number).map_err(|_| out_of_range())?)
                }
                _ => Literal::i64_suffixed(number),
            };
            quote! { #number }
        }
        kind @ (Kind::Float | Kind::Double) => {
            let ty = if *kind == Kind::Float {
                quote! { f32 }
            } else {
                quote! { f64 }
            };
            // Node values spell the IEEE 754 specials as strings.
            match node {
                Json::String(special) => match special.as_str() {
                    "NaN" => quote! { #ty::NAN },
                    "Infinity" => quote! { #ty::INFINITY },
                    "-Infinity" => quote! { #ty::NEG_INFINITY },
                    _ => return Err(mismatch()),
                },
                _ => {
                    let number = node.as_f64().ok_or_else(mismatch)?;
                    let number = Literal::f64_unsuffixed(number);
                    quote! { #number as #ty }
                }
            }
        }
        kind @ (Kind::BigInteger | Kind::BigDecimal) => {
            let Json::Number(number) = node else {
                return Err(mismatch());
            };
            let text = number.to_string();
            let ty = if *kind == Kind::BigInteger {
                quote! { BigInteger }
            } else {
                quote! { BigDecimal }
            };
            quote! { #text.parse::<::smithy_lean_protocol_test::#ty>().expect(#text) }
        }
        Kind::Enum(name) => {
            let text = node.as_str().ok_or_else(mismatch)?;
            let name = crate::emit::ident(name);
            quote! { #krate::#name::from(#text) }
        }
        // Also as RFC 3339 text, as event stream cases give them.
        Kind::Timestamp if node.is_string() => {
            let text = node.as_str().unwrap_or_default();
            quote! {
                ::smithy_lean_protocol_test::DateTime::from_str(
                    #text,
                    ::smithy_lean_protocol_test::DateTimeFormat::DateTime,
                )
                .expect(#text)
            }
        }
        Kind::Timestamp => {
            let (seconds, nanos) = crate::node::epoch_seconds(node).ok_or_else(mismatch)?;
            let seconds = Literal::i64_suffixed(seconds);
            let nanos = Literal::u32_suffixed(nanos);
            quote! { ::smithy_lean_protocol_test::DateTime::from_secs_and_nanos(#seconds, #nanos) }
        }
        Kind::Blob => {
            // Node values give blobs as their text.
            let text = node.as_str().ok_or_else(mismatch)?;
            quote! { ::smithy_lean_protocol_test::Blob::new(#text) }
        }
        Kind::Stream { .. } => {
            let text = node.as_str().ok_or_else(mismatch)?;
            quote! { ::smithy_lean_protocol_test::ByteStream::from_static(#text.as_bytes()) }
        }
        // A case gives an event stream's messages as its events, not as a
        // parameter.
        Kind::EventStream { .. } => return Err(mismatch()),
        Kind::List(item) => {
            let items = node
                .as_array()
                .ok_or_else(mismatch)?
                .iter()
                .map(|node| value_expr(item, node, krate, types))
                .collect::<Result<Vec<_>, _>>()?;
            quote! { vec![#(#items),*] }
        }
        Kind::Map {
            key: key_value,
            value: entry,
        } => {
            let entries = node
                .as_object()
                .ok_or_else(mismatch)?
                .iter()
                .map(|(key, node)| {
                    let key = value_expr(key_value, &Json::String(key.clone()), krate, types)?;
                    let value = value_expr(entry, node, krate, types)?;
                    Ok(quote! { (#key, #value) })
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote! { ::std::collections::HashMap::from([#(#entries),*]) }
        }
        Kind::Document => crate::emit::document_expr(
            node,
            &quote! { ::smithy_lean_protocol_test::Document },
            &quote! { ::smithy_lean_protocol_test::Number },
        ),
        Kind::Union(name) => {
            let union = types
                .unions
                .iter()
                .find(|union| union.name == *name)
                .ok_or_else(|| format!("the union `{name}` was not generated"))?;
            let (member, node) = match node
                .as_object()
                .map(|object| object.iter().collect::<Vec<_>>())
            {
                Some(members) if members.len() == 1 => members[0],
                _ => {
                    return Err(format!(
                        "{node} is not a union value: an object with one member"
                    ));
                }
            };
            let variant = union
                .variants
                .iter()
                .find(|variant| variant.member == *member)
                .ok_or_else(|| format!("the union `{name}` has no member `{member}`"))?;
            let (union_name, variant_name) = (
                crate::emit::ident(&union.name),
                crate::emit::ident(&variant.name),
            );
            match &variant.value {
                Some(value) => {
                    let value = value_expr(value, node, krate, types)?;
                    quote! { #krate::#union_name::#variant_name(#value) }
                }
                None => quote! { #krate::#union_name::#variant_name },
            }
        }
        Kind::Structure(name) => {
            let structure = structure(types, name)?;
            structure_expr(
                structure,
                node.as_object().ok_or_else(mismatch)?,
                krate,
                types,
            )?
        }
    })
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::String | Kind::Enum(_) => "string",
        Kind::Boolean => "boolean",
        Kind::Byte => "8-bit integer",
        Kind::Short => "16-bit integer",
        Kind::Integer => "32-bit integer",
        Kind::Long => "64-bit integer",
        Kind::Float | Kind::Double => "number",
        Kind::BigInteger => "whole number",
        Kind::BigDecimal => "decimal number",
        Kind::Timestamp => "timestamp (seconds since the epoch)",
        Kind::Blob | Kind::Stream { .. } => "blob (its text)",
        Kind::EventStream { .. } => "parameter (an event stream is given by the case's events)",
        Kind::List(_) => "list",
        Kind::Map { .. } => "map",
        Kind::Structure(_) => "structure",
        Kind::Union(_) => "union",
        Kind::Document => "document",
    }
}

pub(super) fn object<'a>(
    case: &'a Json,
    key: &str,
) -> Result<&'a serde_json::Map<String, Json>, String> {
    static EMPTY: std::sync::LazyLock<serde_json::Map<String, Json>> =
        std::sync::LazyLock::new(serde_json::Map::new);
    match case.get(key) {
        None => Ok(&EMPTY),
        Some(Json::Object(object)) => Ok(object),
        Some(_) => Err(format!("`{key}` must be an object")),
    }
}

pub(super) fn string<'a>(case: &'a Json, key: &str) -> Result<Option<&'a str>, String> {
    match case.get(key) {
        None => Ok(None),
        Some(Json::String(text)) => Ok(Some(text)),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

pub(super) fn strings<'a>(case: &'a Json, key: &str) -> Result<Vec<&'a str>, String> {
    match case.get(key) {
        None => Ok(Vec::new()),
        Some(Json::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .ok_or_else(|| format!("`{key}` must hold strings"))
            })
            .collect(),
        Some(_) => Err(format!("`{key}` must be a list")),
    }
}

pub(super) fn header_pairs(case: &Json) -> Result<Vec<TokenStream>, String> {
    let Some(headers) = case.get("headers") else {
        return Ok(Vec::new());
    };
    let headers = headers
        .as_object()
        .ok_or_else(|| "`headers` must be an object".to_owned())?;
    headers
        .iter()
        .map(|(name, value)| {
            let value = value
                .as_str()
                .ok_or_else(|| format!("`headers.{name}` must be a string"))?;
            Ok(quote! { (#name, #value) })
        })
        .collect()
}

pub(super) fn option_tokens(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

/// The test function's name: the case id in snake case, made an identifier.
fn test_name(id: &str) -> String {
    let name = id.to_snake_case();
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    match name.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => name,
        _ => format!("case_{name}"),
    }
}

fn local_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::test_name;
    use serde_json::json;

    #[test]
    fn test_names_are_snake_case_identifiers() {
        assert_eq!(
            test_name("RestJsonListsSerializeNull"),
            "rest_json_lists_serialize_null"
        );
        assert_eq!(test_name("1st-case"), "case_1st_case");
    }

    /// A service with one operation and one error, each with a case, and
    /// cases that do not apply to clients or to this protocol.
    fn model() -> String {
        let case = |id: &str, extra: serde_json::Value| {
            let mut case = json!({"id": id, "protocol": "aws.protocols#restJson1"});
            case.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            case
        };
        json!({
            "smithy": "2.0",
            "shapes": {
                "t#Svc": {"type": "service", "version": "1", "operations": [{"target": "t#Put"}],
                    "traits": {"aws.api#service": {"sdkId": "T"}, "aws.auth#sigv4": {"name": "t"}, "aws.protocols#restJson1": {}}},
                "t#Put": {"type": "operation", "input": {"target": "t#PutInput"}, "output": {"target": "t#PutOutput"},
                    "errors": [{"target": "t#Oops"}],
                    "traits": {
                        "smithy.api#http": {"method": "PUT", "uri": "/put/{id}", "code": 200},
                        "smithy.test#httpRequestTests": [
                            case("PutsIt", json!({"method": "PUT", "uri": "/put/a", "params": {"id": "a", "when": 1.5, "tags": ["x"], "gone": null},
                                "headers": {"Content-Type": "application/json"}, "body": "{\"when\":1.5,\"tags\":[\"x\"]}", "bodyMediaType": "application/json"})),
                            case("ForServers", json!({"method": "PUT", "uri": "/put/a", "appliesTo": "server"})),
                            {"id": "OtherProtocol", "protocol": "aws.protocols#restXml", "method": "PUT", "uri": "/"}
                        ],
                        "smithy.test#httpResponseTests": [case("ReadsIt", json!({"code": 200, "body": "{\"n\":2}", "params": {"n": 2}}))]
                    }},
                "t#PutInput": {"type": "structure", "members": {
                    "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                    "when": {"target": "smithy.api#Timestamp"},
                    "tags": {"target": "t#Tags"},
                    "gone": {"target": "smithy.api#String"}}},
                "t#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
                "t#PutOutput": {"type": "structure", "members": {"n": {"target": "smithy.api#Integer"}}},
                "t#Oops": {"type": "structure", "members": {"message": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400,
                        "smithy.test#httpResponseTests": [case("OopsRead", json!({"code": 400, "headers": {"X-Amzn-Errortype": "Oops"}, "body": "{\"message\":\"no\"}", "params": {"message": "no"}}))]}}
            }
        })
        .to_string()
    }

    #[test]
    fn the_client_cases_of_the_protocol_become_tests() {
        let model = model();
        let options = crate::Options::default();
        let cases = crate::protocol_cases(&model, "t#Svc").unwrap();
        let ids: Vec<&str> = cases.iter().map(|case| case.id.as_str()).collect();
        assert_eq!(ids, ["PutsIt", "ReadsIt", "OopsRead"]);
        assert_eq!(cases[2].error.as_deref(), Some("t#Oops"));
        let suite = crate::protocol_tests(&model, &options).unwrap();
        let paths: Vec<_> = suite.cases.iter().map(|(_, path)| path.clone()).collect();
        assert_eq!(
            paths,
            [
                Ok("put::puts_it".to_owned()),
                Ok("put::reads_it".to_owned()),
                Ok("put::oops_read".to_owned())
            ]
        );
        insta::assert_snapshot!(suite.source);
    }

    #[test]
    fn params_the_input_cannot_hold_fail_the_case_naming_the_member() {
        let unknown = model().replace("\"gone\":null", "\"missing\":1");
        let suite = crate::protocol_tests(&unknown, &crate::Options::default()).unwrap();
        assert_eq!(
            suite.cases[0].1,
            Err("`params.missing` is not a member of `PutInput`".to_owned())
        );
        let mistyped = model().replace("\"tags\":[\"x\"],\"gone\"", "\"tags\":\"x\",\"gone\"");
        let suite = crate::protocol_tests(&mistyped, &crate::Options::default()).unwrap();
        assert_eq!(
            suite.cases[0].1,
            Err("`params.tags`: \"x\" is not a list".to_owned())
        );
    }
}
