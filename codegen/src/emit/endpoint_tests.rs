//! The input crate's `tests/endpoint_rules.rs`: each case of the model's
//! `smithy.rules#endpointTests` as a test of the generated resolver, which
//! compares the whole outcome: the URL, the headers and the properties of
//! an endpoint, or the message of an error.

use super::{document_expr, ident};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// Where the tests find `aws.partition`'s data.
#[derive(Clone, Copy)]
pub enum TestPartitions<'a> {
    /// The rules do not call `aws.partition`.
    Unused,
    /// The input crate's own `partition_of`.
    Crate,
    /// A table of the data the cases were written against, in the file.
    Own(&'a PartitionData),
}

/// The test file's items.
pub fn emit(rules: &EndpointRules, input_crate: &str, partitions: TestPartitions) -> TokenStream {
    let input = ident(input_crate);
    let runtime = ident(&crate::emit::RUNTIME_CRATE.replace('-', "_"));
    let (partition_use, partition_table, partition_arg) = match partitions {
        TestPartitions::Unused => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
        TestPartitions::Crate => (
            quote! { use #input::partition_of; },
            TokenStream::new(),
            quote! { , &partition_of },
        ),
        TestPartitions::Own(data) => (
            TokenStream::new(),
            super::partitions::emit(data),
            quote! { , &partition_of },
        ),
    };
    let expected_endpoints = rules.tests.iter().filter_map(|case| match &case.expect {
        EndpointExpectation::Endpoint { properties, .. } => Some(properties),
        EndpointExpectation::Error(_) => None,
    });
    let (mut any_endpoint, mut any_property) = (false, false);
    for properties in expected_endpoints {
        any_endpoint = true;
        any_property |= !properties.is_empty();
    }
    let document_use = any_property.then(|| quote! { use #runtime::aws_smithy_types::Document; });
    let map_use = any_endpoint.then(|| quote! { use std::collections::{BTreeMap, HashMap}; });
    let tests = rules
        .tests
        .iter()
        .map(|case| test(case, rules, &partition_arg));
    quote! {
        use #input::{EndpointParams, resolve_endpoint};
        use #runtime as rt;
        #partition_use
        #document_use
        #map_use

        #partition_table

        #(#tests)*
    }
}

fn test(
    case: &EndpointTestCase,
    rules: &EndpointRules,
    partition_arg: &TokenStream,
) -> TokenStream {
    let name = ident(&case.name);
    let doc = case.documentation.as_ref().map(|doc| {
        let doc = format!(" {}", doc.trim());
        quote! { #[doc = #doc] }
    });
    let params = params(case, rules);
    let resolve = quote! { resolve_endpoint(&params #partition_arg) };
    let checks = match &case.expect {
        EndpointExpectation::Endpoint {
            url,
            headers,
            properties,
        } => {
            // What the assertions compare is bound first: a macro's
            // arguments are laid out as tokens, not as code.
            let (expected_headers, headers_check) = match headers.is_empty() {
                true => (
                    TokenStream::new(),
                    quote! { assert_eq!(headers, BTreeMap::new()); },
                ),
                false => {
                    let headers = headers.iter().map(|(name, values)| {
                        quote! { (#name.to_owned(), Vec::from([#(#values.to_owned()),*])) }
                    });
                    (
                        quote! { let expected_headers = BTreeMap::from([#(#headers),*]); },
                        quote! { assert_eq!(headers, expected_headers); },
                    )
                }
            };
            let (expected_properties, properties_check) = match properties.is_empty() {
                true => (
                    TokenStream::new(),
                    quote! { assert_eq!(properties, HashMap::new()); },
                ),
                false => {
                    let properties = properties.iter().map(|(name, value)| {
                        let value = document(value);
                        quote! { (#name.to_owned(), #value) }
                    });
                    (
                        quote! { let expected_properties = HashMap::from([#(#properties),*]); },
                        quote! { assert_eq!(properties, expected_properties); },
                    )
                }
            };
            quote! {
                let endpoint = #resolve.expect("the case expects an endpoint");
                let headers = rt::endpoint::headers_of(&endpoint);
                let properties = rt::endpoint::properties_of(&endpoint);
                #expected_headers
                #expected_properties
                assert_eq!(endpoint.url(), #url);
                #headers_check
                #properties_check
            }
        }
        EndpointExpectation::Error(message) => quote! {
            let error = #resolve.expect_err("the case expects an error");
            assert_eq!(error.message(), #message);
        },
    };
    quote! {
        #doc
        #[test]
        fn #name() {
            #params
            #checks
        }
    }
}

/// A property's value as a `Document`, in calls rather than macros (which
/// are laid out as tokens, on as few lines as they fit).
fn document(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value as Json;
    match value {
        Json::Array(items) => {
            let items = items.iter().map(document);
            quote! { Document::Array(Vec::from([#(#items),*])) }
        }
        Json::Object(members) => {
            let members = members.iter().map(|(name, value)| {
                let value = document(value);
                quote! { (#name.to_owned(), #value) }
            });
            quote! { Document::Object(HashMap::from([#(#members),*])) }
        }
        scalar => document_expr(
            scalar,
            &quote! { Document },
            &quote! { rt::aws_smithy_types::Number },
        ),
    }
}

/// `let params = EndpointParams { ... };` with the case's values, the
/// rest from `Default`.
fn params(case: &EndpointTestCase, rules: &EndpointRules) -> TokenStream {
    if case.params.is_empty() {
        return quote! { let params = EndpointParams::default(); };
    }
    let fields = case.params.iter().map(|(parameter, value)| {
        let field = ident(&parameter.field);
        let value = match value {
            Literal::String(text) => quote! { #text.to_owned() },
            Literal::Boolean(flag) => quote! { #flag },
            Literal::StringArray(items) => quote! { vec![#(#items.to_owned()),*] },
        };
        match parameter.always_set() {
            true => quote! { #field: #value },
            false => quote! { #field: Some(#value) },
        }
    });
    // Clippy refuses a `..Default::default()` that sets nothing.
    let rest = (case.params.len() < rules.parameters.len())
        .then(|| quote! { ..EndpointParams::default() });
    quote! {
        let params = EndpointParams {
            #(#fields,)*
            #rest
        };
    }
}
