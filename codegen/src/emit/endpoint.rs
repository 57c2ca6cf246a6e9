//! The endpoint rule set, compiled: `EndpointParams` and `resolve_endpoint`.
//!
//! Each rule becomes a labelled block; a failing condition breaks out of it
//! to the next rule, and a matching rule returns. A rule without conditions
//! always matches, so nothing after it is emitted. The code reads like what
//! a person would write for the same rules: `if !params.use_fips`, not
//! `if params.use_fips == false`, so that clippy passes on it.

use super::{doc_attrs, ident};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The items of the input crate's `endpoint_resolver` module.
pub fn emit(rules: &EndpointRules) -> TokenStream {
    let params = params_struct(&rules.parameters);
    let partition_arg = rules.uses_partitions.then(|| {
        quote! { , partition_of: &dyn Fn(&str) -> Option<rt::endpoint::Partition> }
    });
    let partition_doc = rules.uses_partitions.then(|| {
        quote! {
            ///
            /// `partition_of` gives the partition of a region, for the rules'
            /// `aws.partition` function: the crate's generated `partition_of`
            /// where the generator was given partition data, or a caller's own.
        }
    });
    let body = rule_list(&rules.rules, &[], true);
    quote! {
        #params

        /// Resolves the endpoint for `params` with the service's endpoint rules.
        ///
        /// The rules come from the model's `smithy.rules#endpointRuleSet`,
        /// compiled by the generator: the first rule whose conditions hold
        /// decides, with an endpoint or with an error.
        #partition_doc
        pub fn resolve_endpoint(
            params: &EndpointParams #partition_arg
        ) -> Result<rt::aws_smithy_types::endpoint::Endpoint, rt::endpoint::ResolveEndpointError> {
            #body
        }
    }
}

/// The input's `endpoint_context()`, for an operation that sets
/// endpoint-rule parameters: the static values and the members that are
/// always set in one list, then each optional member that is set.
pub fn context_method(operation: &Operation, input: &Structure) -> Option<TokenStream> {
    if operation.endpoint_context.is_empty() {
        return None;
    }
    let mut always = Vec::new();
    let mut optional = Vec::new();
    for binding in &operation.endpoint_context {
        match binding {
            ContextBinding::Member { parameter, member } => {
                let field = input
                    .fields
                    .iter()
                    .find(|field| &field.member == member)
                    .expect("lowering checked that the member is the input's");
                let name = ident(&field.name);
                let value = |value: TokenStream| match &field.value.kind {
                    Kind::Boolean => quote! { rt::endpoint::ContextValue::Boolean(*#value) },
                    Kind::Enum(_) => {
                        quote! { rt::endpoint::ContextValue::String(#value.as_str().to_owned()) }
                    }
                    Kind::List(item) if matches!(item.kind, Kind::Enum(_)) => quote! {
                        rt::endpoint::ContextValue::StringArray(
                            #value.iter().map(|item| item.as_str().to_owned()).collect(),
                        )
                    },
                    Kind::List(_) => {
                        quote! { rt::endpoint::ContextValue::StringArray(#value.clone()) }
                    }
                    _ => quote! { rt::endpoint::ContextValue::String(#value.clone()) },
                };
                match field.always_present() {
                    true => {
                        let value = value(quote! { self.#name });
                        always.push(quote! { (#parameter, #value) });
                    }
                    false => {
                        let value = value(quote! { value });
                        optional.push(quote! {
                            if let Some(value) = &self.#name {
                                context.push((#parameter, #value));
                            }
                        });
                    }
                }
            }
            ContextBinding::Path {
                parameter,
                steps,
                selects,
                ..
            } => {
                let value = path_value(steps, *selects);
                optional.push(quote! {
                    if let Some(value) = #value {
                        context.push((#parameter, value));
                    }
                });
            }
            ContextBinding::Static { parameter, value } => {
                let value = match value {
                    Literal::String(text) => {
                        quote! { rt::endpoint::ContextValue::String(#text.to_owned()) }
                    }
                    Literal::Boolean(flag) => quote! { rt::endpoint::ContextValue::Boolean(#flag) },
                    Literal::StringArray(items) => quote! {
                        rt::endpoint::ContextValue::StringArray(vec![#(#items.to_owned()),*])
                    },
                };
                always.push(quote! { (#parameter, #value) });
            }
        }
    }
    let body = match optional.is_empty() {
        true => quote! { Vec::from([#(#always),*]) },
        false => {
            let start = match always.is_empty() {
                true => quote! { Vec::new() },
                false => quote! { Vec::from([#(#always),*]) },
            };
            quote! {
                let mut context = #start;
                #(#optional)*
                context
            }
        }
    };
    Some(quote! {
        fn endpoint_context(&self) -> Vec<(&'static str, rt::endpoint::ContextValue)> {
            #body
        }
    })
}

/// The value an `@operationContextParams` path selects from `self`, as an
/// `Option<ContextValue>`: `None` where a member on the way is unset.
fn path_value(steps: &[ContextStep], selects: ContextSelection) -> TokenStream {
    let selected = path_steps(steps, quote! { self });
    let value = match selects {
        ContextSelection::String => quote! { rt::endpoint::ContextValue::String(value.clone()) },
        ContextSelection::Enum => {
            quote! { rt::endpoint::ContextValue::String(value.as_str().to_owned()) }
        }
        ContextSelection::Boolean => quote! { rt::endpoint::ContextValue::Boolean(*value) },
        ContextSelection::List { enums: false } => {
            quote! { rt::endpoint::ContextValue::StringArray(value.clone()) }
        }
        ContextSelection::List { enums: true } => quote! {
            rt::endpoint::ContextValue::StringArray(
                value.iter().map(|item| item.as_str().to_owned()).collect(),
            )
        },
        ContextSelection::Projected { enums: false } => quote! {
            rt::endpoint::ContextValue::StringArray(value.into_iter().cloned().collect())
        },
        ContextSelection::Projected { enums: true } | ContextSelection::Keys { enums: true } => {
            let sort =
                matches!(selects, ContextSelection::Keys { .. }).then(|| quote! { items.sort(); });
            quote! {{
                let mut items: Vec<String> =
                    value.into_iter().map(|item| item.as_str().to_owned()).collect();
                #sort
                rt::endpoint::ContextValue::StringArray(items)
            }}
        }
        // A map's keys come in no order: sorted, every call sends them alike.
        ContextSelection::Keys { enums: false } => quote! {{
            let mut keys: Vec<String> = value.into_iter().cloned().collect();
            keys.sort();
            rt::endpoint::ContextValue::StringArray(keys)
        }},
        ContextSelection::Unresolved => unreachable!("lowering resolved every path"),
    };
    quote! { #selected.map(|value| #value) }
}

/// `steps` from `from` (a reference: `self`, or a list's item) as an
/// `Option` of a reference to what they select.
fn path_steps(steps: &[ContextStep], from: TokenStream) -> TokenStream {
    if steps.is_empty() {
        return quote! { Some(#from) };
    }
    let mut selected = from;
    for (at, step) in steps.iter().enumerate() {
        let wrapped = at > 0;
        selected = match step {
            ContextStep::Field {
                name,
                optional,
                boxed,
            } => {
                let name = ident(name);
                match (wrapped, optional, boxed) {
                    (false, true, false) => quote! { #selected.#name.as_ref() },
                    (false, true, true) => quote! { #selected.#name.as_deref() },
                    (false, false, false) => quote! { Some(&#selected.#name) },
                    (false, false, true) => quote! { Some(&*#selected.#name) },
                    (true, true, false) => {
                        quote! { #selected.and_then(|value| value.#name.as_ref()) }
                    }
                    (true, true, true) => {
                        quote! { #selected.and_then(|value| value.#name.as_deref()) }
                    }
                    (true, false, false) => quote! { #selected.map(|value| &value.#name) },
                    (true, false, true) => quote! { #selected.map(|value| &*value.#name) },
                }
            }
            ContextStep::EachItem if at + 1 == steps.len() => {
                return quote! { #selected.map(|items| items.iter().collect::<Vec<_>>()) };
            }
            // Members every item has: each item's, no `Option` between.
            ContextStep::EachItem
                if steps[at + 1..].iter().all(|step| {
                    matches!(
                        step,
                        ContextStep::Field {
                            optional: false,
                            ..
                        }
                    )
                }) =>
            {
                let fields = steps[at + 1..].iter().filter_map(|step| match step {
                    ContextStep::Field { name, .. } => Some(ident(name)),
                    _ => None,
                });
                return quote! {
                    #selected.map(|items| items.iter().map(|item| &item #(.#fields)*).collect::<Vec<_>>())
                };
            }
            ContextStep::EachItem => {
                let each = path_steps(&steps[at + 1..], quote! { item });
                return quote! {
                    #selected.map(|items| items.iter().filter_map(|item| #each).collect::<Vec<_>>())
                };
            }
            ContextStep::Keys => quote! { #selected.map(|map| map.keys().collect::<Vec<_>>()) },
        };
    }
    selected
}

fn params_struct(parameters: &[EndpointParameter]) -> TokenStream {
    let mut fields = TokenStream::new();
    let mut defaults = TokenStream::new();
    let mut derivable = true;
    for parameter in parameters {
        let field = ident(&parameter.field);
        let mut docs = parameter.docs.clone();
        if !docs.is_empty() {
            docs.push(String::new());
        }
        let mut origin = format!("The rule set's `{}`", parameter.name);
        if let Some(built_in) = &parameter.built_in {
            origin.push_str(&format!(", which SDKs fill from `{built_in}`"));
        }
        match &parameter.default {
            Some(Literal::String(s)) => origin.push_str(&format!("; `{s:?}` by default")),
            Some(Literal::Boolean(b)) => origin.push_str(&format!("; `{b}` by default")),
            Some(Literal::StringArray(items)) => {
                origin.push_str(&format!("; `{items:?}` by default"))
            }
            None if parameter.required => origin.push_str("; required"),
            None => {}
        }
        origin.push('.');
        docs.push(origin);
        let docs = doc_attrs(&docs, None);
        let (ty, default) = match (parameter.kind, &parameter.default, parameter.always_set()) {
            (ParameterKind::String, Some(Literal::String(s)), _) => {
                derivable &= s.is_empty();
                (quote! { String }, quote! { #s.to_owned() })
            }
            (ParameterKind::Boolean, Some(Literal::Boolean(b)), _) => {
                derivable &= !*b;
                (quote! { bool }, quote! { #b })
            }
            (ParameterKind::StringArray, Some(Literal::StringArray(items)), _) => {
                derivable &= items.is_empty();
                (
                    quote! { Vec<String> },
                    quote! { vec![#(#items.to_owned()),*] },
                )
            }
            (ParameterKind::StringArray, _, true) => {
                (quote! { Vec<String> }, quote! { Vec::new() })
            }
            (ParameterKind::StringArray, _, false) => {
                (quote! { Option<Vec<String>> }, quote! { None })
            }
            // The rule set checked that a default has its parameter's type.
            (_, Some(_), _) => unreachable!("a default of another type than its parameter"),
            (ParameterKind::String, _, true) => (quote! { String }, quote! { String::new() }),
            (ParameterKind::Boolean, _, true) => (quote! { bool }, quote! { false }),
            (ParameterKind::String, _, false) => (quote! { Option<String> }, quote! { None }),
            (ParameterKind::Boolean, _, false) => (quote! { Option<bool> }, quote! { None }),
        };
        fields.extend(quote! { #docs pub #field: #ty, });
        defaults.extend(quote! { #field: #default, });
    }
    let (derive_default, default_impl) = if derivable {
        (quote! { Default, }, TokenStream::new())
    } else {
        (
            TokenStream::new(),
            quote! {
                impl Default for EndpointParams {
                    fn default() -> Self {
                        Self { #defaults }
                    }
                }
            },
        )
    };
    quote! {
        /// The parameters of the service's endpoint rules.
        ///
        /// `Default` gives each parameter the rule set's default, and leaves
        /// the others unset (or empty, where the rule set requires them).
        #[derive(Debug, Clone, #derive_default PartialEq, Eq)]
        pub struct EndpointParams {
            #fields
        }
        #default_impl
    }
}

/// The rules of one list, each in its own labelled block. At the function's
/// tail the last, unconditional outcome is the tail expression.
fn rule_list(rules: &[EndpointRule], label: &[usize], at_tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, rule) in rules.iter().enumerate() {
        let mut label = label.to_vec();
        label.push(i + 1);
        let unconditional = rule
            .conditions
            .iter()
            .all(|c| matches!(c, RuleCondition::Holds(RuleExpr::Boolean(true))));
        if unconditional {
            // It always matches: what follows could never run.
            out.extend(outcome(&rule.outcome, &label, at_tail));
            return out;
        }
        let name = syn::Lifetime::new(
            &format!(
                "'rule_{}",
                label
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("_")
            ),
            proc_macro2::Span::call_site(),
        );
        let mut block = TokenStream::new();
        for condition in &rule.conditions {
            block.extend(match condition {
                RuleCondition::Holds(RuleExpr::Boolean(true)) => TokenStream::new(),
                RuleCondition::Holds(test) => {
                    let fails = negated(test);
                    quote! { if #fails { break #name; } }
                }
                RuleCondition::Bind { local, value } => {
                    let local = ident(local);
                    let value = optional(value);
                    quote! { let Some(#local) = #value else { break #name; }; }
                }
                // An encoded string is owned: the local borrows it.
                RuleCondition::Let {
                    local,
                    value:
                        RuleExpr::Call {
                            function: RuleFunction::UriEncode,
                            args,
                        },
                } => {
                    let local = ident(local);
                    let arg = expr(&args[0]);
                    quote! {
                        let #local = rt::endpoint::uri_encode(#arg);
                        let #local = &*#local;
                    }
                }
                RuleCondition::Let { local, value } => {
                    let local = ident(local);
                    let value = expr(value);
                    quote! { let #local = #value; }
                }
            });
        }
        block.extend(outcome(&rule.outcome, &label, false));
        out.extend(quote! { #name: { #block } });
    }
    let message = match label.is_empty() {
        true => "no endpoint rule matched the parameters",
        false => "a tree of endpoint rules matched the parameters, but none of the rules in it did",
    };
    let error = quote! { Err(rt::endpoint::ResolveEndpointError::new(#message)) };
    out.extend(match at_tail {
        true => error,
        false => quote! { return #error; },
    });
    out
}

fn outcome(outcome: &RuleOutcome, label: &[usize], at_tail: bool) -> TokenStream {
    let result = match outcome {
        RuleOutcome::Tree(rules) => return rule_list(rules, label, at_tail),
        RuleOutcome::Error(message) => {
            let message = static_or_owned(message);
            quote! { Err(rt::endpoint::ResolveEndpointError::new(#message)) }
        }
        RuleOutcome::Endpoint(endpoint) => {
            // The builder panics on an empty URL, which only values with no
            // text around them can make (a caller's `Endpoint` of "", say).
            let only_values = endpoint
                .url
                .iter()
                .all(|part| matches!(part, StringPart::Value(_) | StringPart::Optional { .. }));
            let (check, url) = match only_values {
                true => {
                    let url = owned_string(&endpoint.url);
                    let check = quote! {
                        let url = #url;
                        if url.is_empty() {
                            return Err(rt::endpoint::ResolveEndpointError::new("the endpoint URL is empty"));
                        }
                    };
                    (check, quote! { url })
                }
                false => (TokenStream::new(), static_or_owned(&endpoint.url)),
            };
            let mut builder =
                quote! { rt::aws_smithy_types::endpoint::Endpoint::builder().url(#url) };
            for (name, values) in &endpoint.headers {
                for value in values {
                    let value = static_or_owned(value);
                    builder.extend(quote! { .header(#name, #value) });
                }
            }
            for (name, value) in &endpoint.properties {
                if name == "authSchemes"
                    && let Some(schemes) = auth_schemes(value)
                {
                    for scheme in schemes {
                        builder.extend(quote! { .auth_scheme(#scheme) });
                    }
                    continue;
                }
                let value = document(value);
                builder.extend(quote! { .property(#name, #value) });
            }
            let result = quote! { Ok(#builder.build()) };
            return match at_tail {
                true => quote! { #check #result },
                false => quote! { #check return #result; },
            };
        }
    };
    match at_tail {
        true => result,
        false => quote! { return #result; },
    }
}

/// The `authSchemes` property as typed auth schemes, where it is the usual
/// list of records that each have a `name`: the runtime's own type for
/// them, which clients read without walking documents.
fn auth_schemes(value: &RuleValue) -> Option<Vec<TokenStream>> {
    let RuleValue::Array(schemes) = value else {
        return None;
    };
    schemes
        .iter()
        .map(|scheme| {
            let RuleValue::Object(members) = scheme else {
                return None;
            };
            let name = members.iter().find_map(|(key, value)| match value {
                RuleValue::String(name) if key == "name" => Some(static_or_owned(name)),
                _ => None,
            })?;
            let others: Vec<_> = members.iter().filter(|(key, _)| key != "name").collect();
            let capacity = proc_macro2::Literal::usize_unsuffixed(others.len());
            let mut scheme = quote! {
                rt::aws_smithy_types::endpoint::EndpointAuthScheme::with_capacity(#name, #capacity)
            };
            for (key, value) in others {
                let value = document(value);
                scheme.extend(quote! { .put(#key, #value) });
            }
            Some(scheme)
        })
        .collect()
}

fn document(value: &RuleValue) -> TokenStream {
    match value {
        RuleValue::Boolean(b) => {
            quote! { rt::aws_smithy_types::Document::Bool(#b) }
        }
        RuleValue::String(parts) => {
            let value = owned_string(parts);
            quote! { rt::aws_smithy_types::Document::String(#value) }
        }
        RuleValue::Array(items) => {
            let items = items.iter().map(document);
            quote! { rt::aws_smithy_types::Document::Array(Vec::from([#(#items),*])) }
        }
        RuleValue::Object(members) => {
            let members = members.iter().map(|(name, value)| {
                let value = document(value);
                quote! { (#name.to_owned(), #value) }
            });
            quote! {
                rt::aws_smithy_types::Document::Object(::std::collections::HashMap::from([#(#members),*]))
            }
        }
    }
}

/// A string literal where the template is plain text, else an owned `String`:
/// for arguments that take `Into<String>` or `Into<Cow<'static, str>>`.
fn static_or_owned(parts: &[StringPart]) -> TokenStream {
    match parts {
        [StringPart::Text(text)] => quote! { #text },
        _ => owned_string(parts),
    }
}

/// A Rust expression of an owned `String` for a string template.
fn owned_string(parts: &[StringPart]) -> TokenStream {
    match parts {
        [StringPart::Text(text)] => quote! { #text.to_owned() },
        [StringPart::Value(RuleExpr::Parameter { field, .. })] => {
            let field = ident(field);
            quote! { params.#field.clone() }
        }
        [StringPart::Value(value)] => {
            let value = expr(value);
            quote! { #value.to_owned() }
        }
        [StringPart::Optional { value, name }] => {
            let value = checked_text(value, name);
            quote! { #value.to_owned() }
        }
        _ => format_string(parts),
    }
}

/// `format!` for a template; plain locals are inlined, as clippy asks.
fn format_string(parts: &[StringPart]) -> TokenStream {
    let mut pattern = String::new();
    let mut args = Vec::new();
    for part in parts {
        match part {
            StringPart::Text(text) => pattern.push_str(&text.replace('{', "{{").replace('}', "}}")),
            StringPart::Value(RuleExpr::Local { name, .. }) if !name.starts_with("r#") => {
                pattern.push_str(&format!("{{{name}}}"));
            }
            // `String` fields themselves: `Display` needs no `as_str()`.
            StringPart::Value(RuleExpr::PartitionAttribute { local, attribute }) => {
                let (local, field) = (ident(local), format_ident!("{}", attribute.field()));
                pattern.push_str("{}");
                args.push(quote! { #local.#field });
            }
            StringPart::Value(RuleExpr::Parameter { field, .. }) => {
                let field = ident(field);
                pattern.push_str("{}");
                args.push(quote! { params.#field });
            }
            StringPart::Value(value) => {
                pattern.push_str("{}");
                args.push(expr(value));
            }
            StringPart::Optional { value, name } => {
                pattern.push_str("{}");
                args.push(checked_text(value, name));
            }
        }
    }
    quote! { ::std::format!(#pattern #(, #args)*) }
}

/// The `&str` of a value that may be unset, or an early return of the
/// error that names it.
fn checked_text(value: &RuleExpr, name: &str) -> TokenStream {
    let value = optional_text(value);
    let why = format!("`{name}` is not set, and this endpoint needs it");
    quote! { #value.ok_or_else(|| rt::endpoint::ResolveEndpointError::new(#why))? }
}

/// An `Option<&str>` of a string value that may be unset: an optional
/// parameter or a partition attribute, the only ones lowering types so.
fn optional_text(value: &RuleExpr) -> TokenStream {
    match value {
        RuleExpr::Parameter { field, .. } => {
            let field = ident(field);
            quote! { params.#field.as_deref() }
        }
        RuleExpr::PartitionAttribute { local, attribute } => {
            let (local, field) = (ident(local), format_ident!("{}", attribute.field()));
            quote! { #local.#field.as_deref() }
        }
        // Functions and attributes whose value may be unset: an `Option`
        // of themselves.
        other @ (RuleExpr::Call { .. } | RuleExpr::Attribute { .. } | RuleExpr::Element { .. }) => {
            expr(other)
        }
        other => {
            let value = expr(other);
            quote! { Some(#value) }
        }
    }
}

/// A Rust expression that is true when `test` fails.
fn negated(test: &RuleExpr) -> TokenStream {
    boolean(test, false)
}

/// A Rust expression that is true when the boolean `value` is `want`,
/// simplified as a person would write it: `!x` rather than `x == false`.
fn boolean(value: &RuleExpr, want: bool) -> TokenStream {
    match value {
        RuleExpr::Not(inner) => boolean(inner, !want),
        RuleExpr::BooleanEquals(a, b) => match (a.as_ref(), b.as_ref()) {
            (RuleExpr::Boolean(literal), x) | (x, RuleExpr::Boolean(literal)) => {
                boolean(x, *literal == want)
            }
            _ => compare(a, b, want),
        },
        RuleExpr::StringEquals(a, b) => compare(a, b, want),
        RuleExpr::IsSet(value) => {
            let value = optional_unconverted(value);
            match want {
                true => quote! { #value.is_some() },
                false => quote! { #value.is_none() },
            }
        }
        other => {
            let value = expr(other);
            match (want, is_atom(other)) {
                (true, _) => value,
                (false, true) => quote! { !#value },
                (false, false) => quote! { !(#value) },
            }
        }
    }
}

/// `a == b`, or `a != b` when `equal` is false; a comparison with the
/// empty string is `is_empty()`, as clippy asks.
fn compare(a: &RuleExpr, b: &RuleExpr, equal: bool) -> TokenStream {
    let is_empty_text = |value: &RuleExpr| matches!(value, RuleExpr::String(parts) if parts.iter().all(|part| matches!(part, StringPart::Text(text) if text.is_empty())));
    let other = match (is_empty_text(a), is_empty_text(b)) {
        (true, false) => Some(b),
        (false, true) => Some(a),
        _ => None,
    };
    if let Some(other) = other {
        let value = match other {
            // A record's text field and a parameter are `String`s, which
            // have `is_empty` themselves.
            RuleExpr::Attribute {
                local,
                attribute: RecordAttribute::Text(field),
            } => {
                let (local, field) = (ident(local), format_ident!("{}", field));
                quote! { #local.#field }
            }
            RuleExpr::Parameter { field, .. } => {
                let field = ident(field);
                quote! { params.#field }
            }
            other => operand(other),
        };
        return match equal {
            true => quote! { #value.is_empty() },
            false => quote! { !#value.is_empty() },
        };
    }
    let (a, b) = (operand(a), operand(b));
    match equal {
        true => quote! { #a == #b },
        false => quote! { #a != #b },
    }
}

/// Whether the expression prints as a path, field or method call, which
/// needs no parentheses under `!`.
fn is_atom(value: &RuleExpr) -> bool {
    matches!(
        value,
        RuleExpr::Boolean(_)
            | RuleExpr::Parameter { .. }
            | RuleExpr::Local { .. }
            | RuleExpr::PartitionAttribute { .. }
            | RuleExpr::IsSet(_)
            | RuleExpr::Attribute { .. }
    ) || matches!(value, RuleExpr::Call { function, .. } if *function != RuleFunction::UriEncode)
}

/// An operand of `==` or `!=`, parenthesised unless it is an atom, since
/// comparisons do not chain.
fn operand(value: &RuleExpr) -> TokenStream {
    let printed = expr(value);
    if is_atom(value) || matches!(value, RuleExpr::String(_)) {
        printed
    } else {
        quote! { (#printed) }
    }
}

/// An `Option` to test for `Some`, without converting a parameter's
/// `Option<String>` to `Option<&str>` first.
fn optional_unconverted(value: &RuleExpr) -> TokenStream {
    match value {
        RuleExpr::Parameter { field, .. } => {
            let field = ident(field);
            quote! { params.#field }
        }
        other => optional(other),
    }
}

/// An expression of a value that may be unset, as an `Option`.
fn optional(value: &RuleExpr) -> TokenStream {
    match value {
        RuleExpr::Parameter {
            field,
            kind: ParameterKind::String | ParameterKind::StringArray,
            ..
        } => {
            let field = ident(field);
            quote! { params.#field.as_deref() }
        }
        RuleExpr::Parameter { field, .. } => {
            let field = ident(field);
            quote! { params.#field }
        }
        RuleExpr::PartitionAttribute { local, attribute } => {
            let (local, field) = (ident(local), format_ident!("{}", attribute.field()));
            quote! { #local.#field.as_deref() }
        }
        RuleExpr::Partition(region) => {
            let region = expr(region);
            quote! { partition_of(#region) }
        }
        other => expr(other),
    }
}

/// A Rust expression of a value that is set: `bool`, `&str` or a partition.
fn expr(value: &RuleExpr) -> TokenStream {
    match value {
        RuleExpr::Boolean(b) => quote! { #b },
        RuleExpr::String(parts) => match parts.as_slice() {
            [StringPart::Text(text)] => quote! { #text },
            [StringPart::Value(value)] => expr(value),
            [StringPart::Optional { value, name }] => checked_text(value, name),
            _ => {
                let formatted = format_string(parts);
                quote! { #formatted.as_str() }
            }
        },
        RuleExpr::Parameter { field, kind, .. } => {
            let field = ident(field);
            match kind {
                ParameterKind::String => quote! { params.#field.as_str() },
                ParameterKind::Boolean => quote! { params.#field },
                ParameterKind::StringArray => quote! { params.#field.as_slice() },
            }
        }
        RuleExpr::Element {
            list,
            list_optional,
            index,
        } => {
            // Clippy asks for `first()` over `get(0)`.
            let element = match index {
                0 => quote! { first() },
                index => {
                    let index = proc_macro2::Literal::usize_unsuffixed(*index);
                    quote! { get(#index) }
                }
            };
            match list_optional {
                true => {
                    let list = optional(list);
                    quote! { #list.and_then(|list| list.#element).map(String::as_str) }
                }
                false => {
                    let list = expr(list);
                    quote! { #list.#element.map(String::as_str) }
                }
            }
        }
        RuleExpr::Local { name, .. } => {
            let name = ident(name);
            quote! { #name }
        }
        RuleExpr::IsSet(_)
        | RuleExpr::Not(_)
        | RuleExpr::BooleanEquals(..)
        | RuleExpr::StringEquals(..) => boolean(value, true),
        RuleExpr::Partition(region) => {
            let region = expr(region);
            quote! { partition_of(#region) }
        }
        RuleExpr::PartitionAttribute { local, attribute } => {
            let (local, field) = (ident(local), format_ident!("{}", attribute.field()));
            match attribute {
                PartitionAttribute::SupportsFips | PartitionAttribute::SupportsDualStack => {
                    quote! { #local.#field }
                }
                _ => quote! { #local.#field.as_str() },
            }
        }
        RuleExpr::Call { function, args } => call(*function, args),
        RuleExpr::Attribute { local, attribute } => {
            let local = ident(local);
            match attribute {
                RecordAttribute::Text(field) => {
                    let field = format_ident!("{}", field);
                    quote! { #local.#field.as_str() }
                }
                RecordAttribute::IsIp => quote! { #local.is_ip },
                // Clippy asks for `first()` over `get(0)`.
                RecordAttribute::ResourceId(0) => {
                    quote! { #local.resource_id.first().map(String::as_str) }
                }
                RecordAttribute::ResourceId(index) => {
                    let index = proc_macro2::Literal::usize_unsuffixed(*index);
                    quote! { #local.resource_id.get(#index).map(String::as_str) }
                }
            }
        }
    }
}

/// A call of a library function: a boolean, a string, or, for the
/// functions whose result may be unset, an `Option`.
fn call(function: RuleFunction, args: &[RuleExpr]) -> TokenStream {
    let args: Vec<TokenStream> = args.iter().map(expr).collect();
    match function {
        RuleFunction::IsValidHostLabel => {
            let (value, subdomains) = (&args[0], &args[1]);
            quote! { rt::endpoint::is_valid_host_label(#value, #subdomains) }
        }
        RuleFunction::IsVirtualHostableS3Bucket => {
            let (value, subdomains) = (&args[0], &args[1]);
            quote! { rt::endpoint::is_virtual_hostable_s3_bucket(#value, #subdomains) }
        }
        RuleFunction::Substring { start, stop } => {
            let (input, reverse) = (&args[0], &args[1]);
            let (start, stop) = (
                proc_macro2::Literal::usize_unsuffixed(start),
                proc_macro2::Literal::usize_unsuffixed(stop),
            );
            quote! { rt::endpoint::substring(#input, #start, #stop, #reverse) }
        }
        RuleFunction::UriEncode => {
            let value = &args[0];
            quote! { &*rt::endpoint::uri_encode(#value) }
        }
        RuleFunction::ParseUrl => {
            let value = &args[0];
            quote! { rt::endpoint::parse_url(#value) }
        }
        RuleFunction::ParseArn => {
            let value = &args[0];
            quote! { rt::endpoint::parse_arn(#value) }
        }
    }
}
