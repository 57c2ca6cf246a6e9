//! `validate()`: each member's constraints as one call on the runtime's
//! `Checks`, walking into lists, maps and nested structures.

use super::ident;
use crate::ir::{Kind, Length, Pattern, Range, Structure, Types, Value};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::HashMap;

/// A crate's patterns, each once, in the order its structures first use
/// them: the crate root holds them as `PATTERNS`, so that a pattern that
/// many members share (an ARN's, say) is one static, compiled once.
#[derive(Default)]
pub(super) struct PatternTable<'a> {
    patterns: Vec<&'a Pattern>,
    index: HashMap<(&'a str, bool), usize>,
}

impl<'a> PatternTable<'a> {
    /// Every pattern of the members of `types`' structures and unions,
    /// items' included.
    pub(super) fn of(types: &'a Types) -> Self {
        fn walk<'a>(table: &mut PatternTable<'a>, value: &'a Value) {
            if let Some(pattern) = &value.pattern {
                let key = (pattern.ecma.as_str(), pattern.unicode);
                if !table.index.contains_key(&key) {
                    table.index.insert(key, table.patterns.len());
                    table.patterns.push(pattern);
                }
            }
            match &value.kind {
                Kind::List(item) => walk(table, item),
                Kind::Map { key, value } => {
                    walk(table, key);
                    walk(table, value);
                }
                _ => {}
            }
        }
        let mut table = PatternTable::default();
        for field in types.structures.iter().flat_map(|s| &s.fields) {
            walk(&mut table, &field.value);
        }
        let variants = types.unions.iter().flat_map(|u| &u.variants);
        for value in variants.filter_map(|variant| variant.value.as_ref()) {
            walk(&mut table, value);
        }
        table
    }

    fn reference(&self, pattern: &Pattern) -> TokenStream {
        let index =
            Literal::usize_unsuffixed(self.index[&(pattern.ecma.as_str(), pattern.unicode)]);
        quote! { Some(&crate::PATTERNS[#index]) }
    }

    /// The `PATTERNS` static of the crate root; nothing without patterns.
    pub(super) fn emit(&self, gate: &TokenStream) -> TokenStream {
        if self.patterns.is_empty() {
            return TokenStream::new();
        }
        let count = Literal::usize_unsuffixed(self.patterns.len());
        let patterns = self.patterns.iter().map(|pattern| {
            let (ecma, source, unicode) = (&pattern.ecma, &pattern.source, pattern.unicode);
            if unicode && source == ecma {
                quote! { rt::validation::Pattern::new(#ecma), }
            } else {
                quote! { rt::validation::Pattern::respelled(#ecma, #source, #unicode), }
            }
        });
        quote! {
            /// The model's patterns (ECMA-262 regular expressions), each
            /// compiled at its first use. (Laid out by the generator, as the
            /// modules are, not by `cargo fmt`.)
            #gate
            #[rustfmt::skip]
            pub(crate) static PATTERNS: [rt::validation::Pattern; #count] = [#(#patterns)*];
        }
    }
}

/// `gate` goes on every item: empty, or the `server` feature's `cfg`.
pub(super) fn emit(
    structure: &Structure,
    gate: &TokenStream,
    patterns: &PatternTable,
) -> TokenStream {
    let name = ident(&structure.name);
    let checks: Vec<TokenStream> = structure
        .fields
        .iter()
        .filter_map(|field| {
            let field_name = ident(&field.name);
            // Named as on the wire, which callers of every SDK send and
            // AWS names in its own messages.
            let label = &field.json_name;
            let value = member_value(&field.value, &field_name, field.always_present());
            let checks = value_checks(
                &field.value,
                quote! { check.member(#label) },
                value,
                patterns,
            )?;
            Some(quote! { #checks; })
        })
        .collect();
    let collect = if checks.is_empty() {
        quote! {
            fn collect_violations(&self, _: &str, _: &mut Vec<rt::ConstraintViolation>) {}
        }
    } else {
        quote! {
            fn collect_violations(&self, path: &str, out: &mut Vec<rt::ConstraintViolation>) {
                let mut check = rt::validation::Checks::new(path, out);
                #(#checks)*
            }
        }
    };
    let doc = format!(
        " Checks every `length`, `pattern`, `range` and `uniqueItems` constraint of the model on this [`{}`] and its members, and reports all violations.",
        structure.name
    );
    quote! {
        #gate
        impl #name {
            #[doc = #doc]
            #[doc = ""]
            #[doc = " The service checks these constraints too; call this to fail before sending."]
            pub fn validate(&self) -> Result<(), rt::ValidationError> {
                rt::validation::Validate::check_constraints(self)
            }
        }

        #gate
        impl rt::validation::Validate for #name {
            #collect
        }
    }
}

/// A member's value as `Checks` takes it: an `Option` of a borrowed string,
/// slice, map or structure, or of an `i64`.
fn member_value(value: &Value, field: &syn::Ident, always_present: bool) -> TokenStream {
    match (&value.kind, always_present) {
        (Kind::String, true) => quote! { Some(self.#field.as_str()) },
        (Kind::Blob, true) => quote! { Some(self.#field.as_ref()) },
        (Kind::Blob, false) => quote! { self.#field.as_ref().map(AsRef::as_ref) },
        (Kind::String | Kind::List(_), false) => quote! { self.#field.as_deref() },
        (Kind::List(_), true) => quote! { Some(self.#field.as_slice()) },
        (Kind::BigInteger | Kind::BigDecimal, true) => quote! { Some(self.#field.as_ref()) },
        (Kind::BigInteger | Kind::BigDecimal, false) => {
            quote! { self.#field.as_ref().map(AsRef::as_ref) }
        }
        // A long is an `i64` already.
        (Kind::Long, true) => quote! { Some(self.#field) },
        (Kind::Long, false) => quote! { self.#field },
        (kind, true) if kind.is_integer() => quote! { Some(i64::from(self.#field)) },
        (kind, false) if kind.is_integer() => quote! { self.#field.map(i64::from) },
        (_, true) => quote! { Some(&self.#field) },
        (_, false) => quote! { self.#field.as_ref() },
    }
}

/// The same for an item of a list or map, bound as `value` (a reference).
pub(super) fn item_value(value: &Value) -> TokenStream {
    match &value.kind {
        Kind::String => quote! { Some(value.as_str()) },
        Kind::Blob => quote! { Some(value.as_ref()) },
        Kind::List(_) => quote! { Some(value.as_slice()) },
        Kind::Long => quote! { Some(*value) },
        kind if kind.is_integer() => quote! { Some(i64::from(*value)) },
        Kind::BigInteger | Kind::BigDecimal => quote! { Some(value.as_ref()) },
        _ => quote! { Some(value) },
    }
}

/// Whether a value's Rust type is `Hash` and `Eq`, so that a
/// `uniqueItems` list of it is checked by hashing rather than by comparing
/// each pair. (`uniqueItems` lists never hold floats; structures and maps
/// are only `PartialEq`.)
fn hashable(value: &Value) -> bool {
    match &value.kind {
        Kind::List(item) => hashable(item),
        Kind::Structure(_)
        | Kind::Union(_)
        | Kind::Map { .. }
        | Kind::Document
        | Kind::Float
        | Kind::Double => false,
        _ => true,
    }
}

fn length(length: Option<Length>) -> TokenStream {
    let Length { min, max } = length.unwrap_or(Length {
        min: None,
        max: None,
    });
    let (min, max) = (
        min.map(Literal::u64_unsuffixed),
        max.map(Literal::u64_unsuffixed),
    );
    match (min, max) {
        (Some(min), Some(max)) => quote! { #min..=#max },
        (Some(min), None) => quote! { #min.. },
        (None, Some(max)) => quote! { ..=#max },
        (None, None) => quote! { .. },
    }
}

/// The checks of a number within a `range`: whole numbers as a Rust
/// range of `i64`; floats as the decimals they print as, and big numbers
/// as their digits, against the model's decimal bounds.
fn range_checks(value: &Value, here: TokenStream, value_expr: TokenStream) -> Option<TokenStream> {
    Some(match value.range.as_ref()? {
        Range::Integer { min, max } => {
            let (min, max) = (
                min.map(Literal::i64_unsuffixed),
                max.map(Literal::i64_unsuffixed),
            );
            let range = match (min, max) {
                (Some(min), Some(max)) => quote! { #min..=#max },
                (Some(min), None) => quote! { #min.. },
                (None, Some(max)) => quote! { ..=#max },
                (None, None) => quote! { .. },
            };
            quote! { #here.integer(#value_expr, #range) }
        }
        Range::Decimal { min, max } => {
            let bound = |bound: &Option<String>| match bound {
                Some(text) => quote! { Some(#text) },
                None => quote! { None },
            };
            let (min, max) = (bound(min), bound(max));
            if value.kind.is_float() {
                quote! { #here.float(#value_expr, #min, #max) }
            } else {
                quote! { #here.decimal(#value_expr, #min, #max) }
            }
        }
    })
}

/// The checks of `value` (an expression of what `Checks` takes) at `here`
/// (an expression of a `Checks`), or none where the value has no
/// constraints. Nested structures are always walked: they may have some.
pub(super) fn value_checks(
    value: &Value,
    here: TokenStream,
    value_expr: TokenStream,
    patterns: &PatternTable,
) -> Option<TokenStream> {
    match &value.kind {
        Kind::String | Kind::Enum(_) if value.length.is_some() || value.pattern.is_some() => {
            let length = length(value.length);
            let pattern = match &value.pattern {
                Some(pattern) => patterns.reference(pattern),
                None => quote! { None },
            };
            // An enum's value is its text: checked as a string.
            let text = match &value.kind {
                Kind::Enum(_) => quote! { #value_expr.map(|value| value.as_str()) },
                _ => value_expr,
            };
            Some(quote! { #here.string(#text, #length, #pattern) })
        }
        Kind::Blob => {
            let length = length(Some(value.length?));
            Some(quote! { #here.blob(#value_expr, #length) })
        }
        kind if kind.is_integer()
            || kind.is_float()
            || matches!(kind, Kind::BigInteger | Kind::BigDecimal) =>
        {
            range_checks(value, here, value_expr)
        }
        Kind::Structure(_) | Kind::Union(_) => Some(quote! { #here.structure(#value_expr) }),
        Kind::List(item) | Kind::Map { value: item, .. } => {
            let each = match (&item.kind, item.nullable) {
                (Kind::Structure(_) | Kind::Union(_), false) => {
                    Some(quote! { rt::validation::structure_item })
                }
                (Kind::Structure(_) | Kind::Union(_), true) => {
                    Some(quote! { |here, value| here.structure(value.as_ref()) })
                }
                // A `null` item of a sparse list or map has nothing to check.
                (_, true) => value_checks(item, quote! { here }, item_value(item), patterns)
                    .map(|checks| quote! { |here, value| if let Some(value) = value { #checks } }),
                (_, false) => value_checks(item, quote! { here }, item_value(item), patterns)
                    .map(|checks| quote! { |here, value| #checks }),
            };
            // A key with `@length` or `@pattern` is checked as a string.
            let key_checks = match &value.kind {
                Kind::Map { key, .. } => {
                    value_checks(key, quote! { here }, quote! { Some(key) }, patterns)
                }
                _ => None,
            };
            if value.length.is_none()
                && each.is_none()
                && !value.unique_items
                && key_checks.is_none()
            {
                return None;
            }
            let each = each.unwrap_or_else(|| quote! { rt::validation::unchecked });
            let length = length(value.length);
            Some(match &value.kind {
                Kind::Map { .. } => {
                    // A sensitive entry's key is not shown in the path either.
                    let sensitive = item.sensitive;
                    let map = quote! { #here.map(#value_expr, #length, #sensitive, #each) };
                    match key_checks {
                        Some(checks) => quote! {{
                            #here.map_keys(#value_expr, #sensitive, |here, key| #checks);
                            #map
                        }},
                        None => map,
                    }
                }
                _ if value.unique_items && hashable(item) => {
                    quote! { #here.set(#value_expr, #length, #each) }
                }
                _ if value.unique_items => {
                    quote! { #here.set_by_equality(#value_expr, #length, #each) }
                }
                _ => quote! { #here.list(#value_expr, #length, #each) },
            })
        }
        // Nothing else is constrained.
        _ => None,
    }
}
