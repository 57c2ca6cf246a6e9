//! `validate()`: one check per constraint trait, walking nested values.

use super::ident;
use crate::ir::{Kind, Length, Range, Structure, Value};
use proc_macro2::TokenStream;
use quote::quote;

/// `gate` goes on every item: empty, or the `server` feature's `cfg`.
pub(super) fn emit(structure: &Structure, gate: &TokenStream) -> TokenStream {
    let name = ident(&structure.name);
    let checks: Vec<TokenStream> = structure
        .fields
        .iter()
        .map(|field| {
            let field_name = ident(&field.name);
            // Named as on the wire, which callers of every SDK send and
            // AWS names in its own messages.
            let label = &field.json_name;
            let path = quote! { rt::validation::member_path(path, #label) };
            let check = check_value(&field.value, quote! { value }, path);
            if check.is_empty() {
                quote! {}
            } else if field.always_present() {
                quote! { { let value = &self.#field_name; #check } }
            } else {
                quote! { if let Some(value) = &self.#field_name { #check } }
            }
        })
        .collect();
    let doc = format!(
        " Checks every `length`, `pattern` and `range` constraint of the model on this [`{}`] and its members, and reports all violations.",
        structure.name
    );
    quote! {
        #gate
        impl #name {
            #[doc = #doc]
            #[doc = ""]
            #[doc = " The service checks these constraints too; call this to fail before sending."]
            pub fn validate(&self) -> Result<(), rt::ValidationError> {
                let mut violations = Vec::new();
                self.collect_violations("", &mut violations);
                rt::ValidationError::check(violations)
            }

            // One signature for every structure, whether or not it has constraints to check.
            #[allow(unused_variables, clippy::ptr_arg)]
            pub(crate) fn collect_violations(&self, path: &str, out: &mut Vec<rt::ConstraintViolation>) {
                #(#checks)*
            }
        }
    }
}

fn bound(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

/// Checks on one value, bound as `value` (a reference); `path` is an expression that builds its path.
fn check_value(value: &Value, binding: TokenStream, path: TokenStream) -> TokenStream {
    let mut checks = TokenStream::new();
    match &value.kind {
        Kind::String => {
            if let Some(Length { min, max }) = value.length {
                let (min, max) = (bound(min), bound(max));
                checks.extend(quote! { rt::validation::check_string_length(out, #binding, #min, #max, &|| #path); });
            }
            if let Some(pattern) = &value.pattern {
                let regex = &pattern.regex;
                let ecma = &pattern.ecma;
                let doc = format!(
                    " The model's pattern `{}`, translated to `regex-lite` syntax.",
                    ecma.replace('`', "'")
                );
                // In a block of its own, so that every pattern's static has
                // the same name and no member's name can make two collide.
                checks.extend(quote! {
                    {
                        #[doc = #doc]
                        static PATTERN: rt::validation::Pattern = rt::validation::Pattern::new(#ecma, #regex);
                        rt::validation::check_pattern(out, #binding, &PATTERN, &|| #path);
                    }
                });
            }
        }
        Kind::List(item) => {
            if let Some(Length { min, max }) = value.length {
                let (min, max) = (bound(min), bound(max));
                checks.extend(quote! { rt::validation::check_list_length(out, #binding, #min, #max, &|| #path); });
            }
            let item_checks = check_value(
                item,
                quote! { item },
                quote! { rt::validation::item_path(&list_path, index) },
            );
            if !item_checks.is_empty() {
                checks.extend(quote! {
                    let list_path = #path;
                    for (index, item) in #binding.iter().enumerate() {
                        #item_checks
                    }
                });
            }
        }
        Kind::Map(item) => {
            if let Some(Length { min, max }) = value.length {
                let (min, max) = (bound(min), bound(max));
                checks.extend(quote! { rt::validation::check_map_length(out, #binding.len(), #min, #max, &|| #path); });
            }
            // A sensitive entry's key is not shown in the path either.
            let sensitive = item.sensitive;
            let item_checks = check_value(
                item,
                quote! { item },
                quote! { rt::validation::entry_path(&map_path, key, #sensitive) },
            );
            if !item_checks.is_empty() {
                checks.extend(quote! {
                    let map_path = #path;
                    for (key, item) in #binding.iter() {
                        #item_checks
                    }
                });
            }
        }
        Kind::Integer | Kind::Long => {
            if let Some(Range { min, max }) = value.range {
                let bound = |value: Option<i64>| match value {
                    Some(v) => quote! { Some(#v) },
                    None => quote! { None },
                };
                let (min, max) = (bound(min), bound(max));
                checks.extend(quote! { rt::validation::check_range(out, i64::from(*#binding), #min, #max, &|| #path); });
            }
        }
        Kind::Structure(_) => {
            checks.extend(quote! { #binding.collect_violations(&#path, out); });
        }
        Kind::Enum(_) | Kind::Boolean | Kind::Timestamp => {}
    }
    checks
}
