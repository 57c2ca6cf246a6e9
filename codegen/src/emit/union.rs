//! Unions: a Rust enum with one variant per member, plus `Unknown` for a
//! member the service sent that the model does not have, and their
//! constraint checks. How they travel is their protocol's.

use super::validation::{PatternTable, value_checks};
use super::{doc_attrs_or, ident, redacted_in_debug, rust_type, type_docs};
use crate::ir::{Union, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// The union's type and accessors, its protocol's `body` (its writer and
/// reader), and, where `validation` says, its `Validate` behind the gate.
pub(super) fn emit(
    union: &Union,
    body: TokenStream,
    validation: Option<(&TokenStream, &PatternTable)>,
) -> TokenStream {
    let name = ident(&union.name);
    let docs = type_docs(&union.docs, &union.id, union.deprecated.as_ref());
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let fallback = format!("The `{}` member.", variant.member);
        let docs = doc_attrs_or(&variant.docs, variant.deprecated.as_ref(), fallback);
        match &variant.value {
            Some(value) => {
                let ty = rust_type(value);
                quote! { #docs #variant_name(#ty), }
            }
            None => quote! { #docs #variant_name, },
        }
    });
    let accessors = union
        .variants
        .iter()
        .map(|variant| accessors(&name, variant));
    let redacted = union
        .variants
        .iter()
        .any(|variant| variant.value.as_ref().is_some_and(redacted_in_debug));
    let (derives, debug) = if redacted {
        (
            quote! { #[derive(Clone, PartialEq)] },
            redacted_debug(union),
        )
    } else {
        (
            quote! { #[derive(Clone, Debug, PartialEq)] },
            TokenStream::new(),
        )
    };
    let validate = validation.map(|(gate, patterns)| validate(union, gate, patterns));
    quote! {
        #docs
        #[doc = ""]
        #[doc = " Exactly one member is set. A response may hold a member this version of the model does not have: `Unknown`."]
        #[non_exhaustive]
        // The members unboxed, as the AWS SDK for Rust has them: a caller
        // matches on the values themselves.
        #[allow(clippy::large_enum_variant)]
        #derives
        pub enum #name {
            #(#variants)*
            /// A member that this version of the model does not have, read
            /// from a response. A request cannot carry it.
            Unknown,
        }

        impl #name {
            #(#accessors)*

            /// Whether this is a member that this version of the model does not have.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #name::Unknown)
            }
        }

        #debug
        #body
        #validate
    }
}

/// `is_x` and `as_x` of one variant, as the AWS SDK for Rust has them.
fn accessors(name: &syn::Ident, variant: &UnionVariant) -> TokenStream {
    let variant_name = ident(&variant.name);
    let (is_method, as_method) = (ident(&variant.is_method), ident(&variant.as_method));
    let is_doc = format!(" Whether the union holds its `{}` member.", variant.member);
    let as_doc = format!(
        " The `{}` member's value, or the union itself when it holds another member.",
        variant.member
    );
    match &variant.value {
        Some(value) => {
            let ty = rust_type(value);
            quote! {
                #[doc = #is_doc]
                pub fn #is_method(&self) -> bool {
                    matches!(self, #name::#variant_name(_))
                }

                #[doc = #as_doc]
                pub fn #as_method(&self) -> Result<&#ty, &Self> {
                    match self {
                        #name::#variant_name(value) => Ok(value),
                        _ => Err(self),
                    }
                }
            }
        }
        None => quote! {
            #[doc = #is_doc]
            pub fn #is_method(&self) -> bool {
                matches!(self, #name::#variant_name)
            }

            #[doc = #as_doc]
            pub fn #as_method(&self) -> Result<(), &Self> {
                match self {
                    #name::#variant_name => Ok(()),
                    _ => Err(self),
                }
            }
        },
    }
}

/// `Debug` that names the variant and hides a sensitive value.
fn redacted_debug(union: &Union) -> TokenStream {
    let name = ident(&union.name);
    let prefix = format!("{}::", union.name);
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let shown = &variant.name;
        match &variant.value {
            Some(value) if redacted_in_debug(value) => quote! {
                #name::#variant_name(_) => f
                    .debug_tuple(#shown)
                    .field(&format_args!("{}", rt::builders::REDACTED))
                    .finish(),
            },
            Some(_) => quote! {
                #name::#variant_name(value) => f.debug_tuple(#shown).field(value).finish(),
            },
            None => quote! { #name::#variant_name => f.write_str(#shown), },
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#prefix)?;
                match self {
                    #(#arms)*
                    #name::Unknown => f.write_str("Unknown"),
                }
            }
        }
    }
}

/// The union's `Validate`: the checks of the member it holds, at the
/// member's path.
fn validate(union: &Union, gate: &TokenStream, patterns: &PatternTable) -> TokenStream {
    let name = ident(&union.name);
    let arms: Vec<(TokenStream, TokenStream)> = union
        .variants
        .iter()
        .filter_map(|variant| {
            let value = variant.value.as_ref()?;
            let variant_name = ident(&variant.name);
            let label = &variant.json_name;
            let checks = value_checks(
                value,
                quote! { check.member(#label) },
                super::validation::item_value(value),
                patterns,
            )?;
            Some((quote! { #name::#variant_name(value) }, checks))
        })
        .collect();
    let collect = match arms.as_slice() {
        [] => quote! {
            fn collect_violations(&self, _: &str, _: &mut Vec<rt::ConstraintViolation>) {}
        },
        [(pattern, checks)] => quote! {
            fn collect_violations(&self, path: &str, out: &mut Vec<rt::ConstraintViolation>) {
                if let #pattern = self {
                    let mut check = rt::validation::Checks::new(path, out);
                    #checks;
                }
            }
        },
        _ => {
            let arms = arms
                .iter()
                .map(|(pattern, checks)| quote! { #pattern => #checks, });
            quote! {
                fn collect_violations(&self, path: &str, out: &mut Vec<rt::ConstraintViolation>) {
                    let mut check = rt::validation::Checks::new(path, out);
                    match self {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        }
    };
    quote! {
        #gate
        impl rt::validation::Validate for #name {
            #collect
        }
    }
}
