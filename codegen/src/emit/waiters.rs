//! Each waiter of an operation, in the client crate's operation module:
//! its fluent builder (`smithy_lean_client::waiter_builder!`: the
//! operation's setters and `wait(max_wait)`) and its acceptors, compiled
//! to a function that reads the input and output through their accessors
//! into `JmesValue`s.

use super::client::TypeCrates;
use super::{doc_attrs, ident};
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The waiter's builder and acceptors; `members` are the operation's
/// input members as its fluent builder declares them.
pub(super) fn emit(
    waiter: &Waiter,
    operation: &Operation,
    crates: &TypeCrates,
    input_builder: &syn::Ident,
    members: Vec<TokenStream>,
) -> TokenStream {
    let (input_crate, output_crate, error_crate) = (&crates.input, &crates.output, &crates.errors);
    let marker = ident(&operation.marker);
    let input_type = ident(&operation.input);
    let output_type = ident(&operation.output);
    let error_type = ident(&operation.error_enum);
    let builder = ident(&waiter.fluent_builder);
    let (min, max) = (
        Literal::u64_unsuffixed(waiter.min_delay),
        Literal::u64_unsuffixed(waiter.max_delay),
    );
    let mut docs = vec![format!(
        "Waits for the `{}` waiter of `{}`: set the operation's members, then `wait(max_wait)` polls it until its acceptors decide or `max_wait` passes.",
        waiter.name, operation.name
    )];
    if !waiter.docs.is_empty() {
        docs.push(String::new());
        docs.extend(waiter.docs.iter().cloned());
    }
    if waiter.deprecated {
        docs.push(String::new());
        docs.push("The model deprecates this waiter.".to_owned());
    }
    let docs = doc_attrs(&docs, None);
    let reads_input = waiter.acceptors.iter().any(|acceptor| {
        matches!(&acceptor.matcher, Matcher::Path { expression, .. } if reads(expression, PathRoot::Input))
    });
    let input_name = match reads_input {
        true => quote! { input },
        false => quote! { _input },
    };
    let uses_values = waiter
        .acceptors
        .iter()
        .any(|acceptor| matches!(acceptor.matcher, Matcher::Path { .. }));
    let value_use = uses_values.then(|| quote! { use ::smithy_lean_client::waiter::JmesValue; });
    let checks = waiter.acceptors.iter().map(acceptor);
    quote! {
        #[::smithy_lean_client::waiter_builder]
        #[wait(#marker, #input_builder, min = #min, max = #max)]
        #docs
        pub struct #builder {
            #(#members)*
        }

        impl #builder {
            /// The waiter's acceptors, in the model's order: the state of
            /// the first that matches the poll, if any.
            fn acceptors(
                #input_name: &#input_crate::#input_type,
                result: &Result<#output_crate::#output_type, ::smithy_lean_client::Error<#error_crate::#error_type>>,
            ) -> Option<::smithy_lean_client::waiter::AcceptorState> {
                use ::smithy_lean_client::waiter::AcceptorState;
                #value_use
                #(#checks)*
                None
            }
        }
    }
}

fn acceptor(acceptor: &Acceptor) -> TokenStream {
    let state = match acceptor.state {
        AcceptorState::Success => quote! { Success },
        AcceptorState::Failure => quote! { Failure },
        AcceptorState::Retry => quote! { Retry },
    };
    let condition = match &acceptor.matcher {
        Matcher::Success(true) => quote! { result.is_ok() },
        Matcher::Success(false) => quote! { result.is_err() },
        Matcher::ErrorType(name) => {
            quote! { ::smithy_lean_client::waiter::is_error_named(result, #name) }
        }
        Matcher::Path {
            expression,
            comparator,
            expected,
            ..
        } => {
            let value = expr(expression);
            let comparison = match comparator {
                Comparator::StringEquals => quote! { string_equals(#expected) },
                Comparator::BooleanEquals => {
                    let expected = expected == "true";
                    quote! { boolean_equals(#expected) }
                }
                Comparator::AllStringEquals => quote! { all_string_equals(#expected) },
                Comparator::AnyStringEquals => quote! { any_string_equals(#expected) },
            };
            // Matched on a successful poll only, as the specification says.
            let output = match reads(expression, PathRoot::Output) {
                true => quote! { output },
                false => quote! { _ },
            };
            quote! { let Ok(#output) = result && #value.#comparison }
        }
    };
    quote! {
        if #condition {
            return Some(AcceptorState::#state);
        }
    }
}

/// Whether the expression reads from `root`.
fn reads(expression: &WaiterExpr, root: PathRoot) -> bool {
    match expression {
        WaiterExpr::Literal(_) => false,
        WaiterExpr::Path(path) => path.root == root,
        WaiterExpr::Not(inner) | WaiterExpr::Length(inner) => reads(inner, root),
        WaiterExpr::And(a, b) | WaiterExpr::Or(a, b) | WaiterExpr::Compare(_, a, b) => {
            reads(a, root) || reads(b, root)
        }
    }
}

/// The `JmesValue` an expression gives.
fn expr(expression: &WaiterExpr) -> TokenStream {
    match expression {
        WaiterExpr::Literal(WaiterLiteral::Null) => quote! { JmesValue::Null },
        WaiterExpr::Literal(WaiterLiteral::Bool(flag)) => quote! { JmesValue::Bool(#flag) },
        WaiterExpr::Literal(WaiterLiteral::Number(number)) => {
            let number = Literal::f64_unsuffixed(*number);
            quote! { JmesValue::Number(#number) }
        }
        WaiterExpr::Literal(WaiterLiteral::String(text)) => quote! { JmesValue::from(#text) },
        WaiterExpr::Path(path) => path_value(path),
        WaiterExpr::Not(inner) => {
            let inner = expr(inner);
            quote! { #inner.not() }
        }
        WaiterExpr::And(a, b) => {
            let (a, b) = (expr(a), expr(b));
            quote! { #a.and(#b) }
        }
        WaiterExpr::Or(a, b) => {
            let (a, b) = (expr(a), expr(b));
            quote! { #a.or(#b) }
        }
        WaiterExpr::Length(inner) => {
            let inner = expr(inner);
            quote! { #inner.length() }
        }
        WaiterExpr::Compare(op, a, b) => {
            let (a, b) = (expr(a), expr(b));
            let ordering = |name: TokenStream| {
                quote! { #a.compare(&#b, ::smithy_lean_client::waiter::Comparison::#name) }
            };
            match op {
                CompareOp::Equal => quote! { #a.equals(&#b) },
                CompareOp::NotEqual => quote! { #a.not_equals(&#b) },
                CompareOp::Less => ordering(quote! { Less }),
                CompareOp::LessOrEqual => ordering(quote! { LessOrEqual }),
                CompareOp::Greater => ordering(quote! { Greater }),
                CompareOp::GreaterOrEqual => ordering(quote! { GreaterOrEqual }),
            }
        }
    }
}

/// A Rust expression for where a path has got to: certainly there, or an
/// `Option` of it.
enum Cursor {
    Certain(TokenStream),
    Maybe(TokenStream),
}

/// The `JmesValue` at the end of a path.
fn path_value(path: &WaiterPath) -> TokenStream {
    let root = match path.root {
        PathRoot::Input => quote! { input },
        PathRoot::Output => quote! { output },
        PathRoot::Item => quote! { item },
    };
    let mut cursor = Cursor::Certain(root);
    for step in &path.steps {
        let accessor = ident(&step.accessor);
        cursor = match (cursor, step.optional) {
            (Cursor::Certain(at), false) => Cursor::Certain(quote! { #at.#accessor() }),
            (Cursor::Certain(at), true) => Cursor::Maybe(quote! { #at.#accessor() }),
            (Cursor::Maybe(at), false) => Cursor::Maybe(quote! { #at.map(|v| v.#accessor()) }),
            (Cursor::Maybe(at), true) => Cursor::Maybe(quote! { #at.and_then(|v| v.#accessor()) }),
        };
    }
    // A projection's item with nothing read from it is the item itself,
    // a reference to what the list holds.
    let holds_item = path.root == PathRoot::Item && path.steps.is_empty();
    match &path.end {
        PathEnd::Value(kind) => {
            let convert = |at: TokenStream| match holds_item {
                true => item_value(kind, at),
                false => accessor_value(kind, at),
            };
            match (cursor, kind) {
                (Cursor::Certain(at), _) => convert(at),
                // `JmesValue` is made from an `Option` of what it is made
                // from: unset is `null`.
                (Cursor::Maybe(at), Kind::Enum(_)) if !holds_item => {
                    quote! { JmesValue::from(#at.map(|v| v.as_str())) }
                }
                (Cursor::Maybe(at), kind) if !holds_item && !matches!(kind, Kind::List(_)) => {
                    quote! { JmesValue::from(#at) }
                }
                (Cursor::Maybe(at), _) => {
                    let converted = convert(quote! { v });
                    quote! { #at.map_or(JmesValue::Null, |v| #converted) }
                }
            }
        }
        PathEnd::Count => match cursor {
            Cursor::Certain(at) => quote! { JmesValue::Number(#at.len() as f64) },
            Cursor::Maybe(at) => {
                quote! { #at.map_or(JmesValue::Null, |v| JmesValue::Number(v.len() as f64)) }
            }
        },
        PathEnd::Projection { rest } => {
            let items = match cursor {
                Cursor::Certain(at) => quote! { #at.iter() },
                Cursor::Maybe(at) => quote! { #at.into_iter().flatten() },
            };
            let rest = path_value(rest);
            quote! { JmesValue::projection(#items.map(|item| #rest)) }
        }
    }
}

/// A value as an accessor returns it (`&str`, `&Enum`, a number, `&[T]`).
fn accessor_value(kind: &Kind, at: TokenStream) -> TokenStream {
    match kind {
        Kind::Enum(_) => quote! { JmesValue::from(#at.as_str()) },
        Kind::List(item) => {
            let item = item_value(&item.kind, quote! { item });
            quote! { JmesValue::Array(#at.iter().map(|item| #item).collect()) }
        }
        _ => quote! { JmesValue::from(#at) },
    }
}

/// A value as a list holds it, by reference (`&String`, `&Enum`, `&i32`).
fn item_value(kind: &Kind, at: TokenStream) -> TokenStream {
    match kind {
        Kind::String | Kind::Enum(_) => quote! { JmesValue::from(#at.as_str()) },
        Kind::Timestamp => quote! { JmesValue::from(#at) },
        _ => quote! { JmesValue::from(*#at) },
    }
}
