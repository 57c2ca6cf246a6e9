//! Open enums: every modelled value, plus one that keeps unknown values.

use super::{doc_attrs_or, ident, type_docs};
use crate::ir::Enum;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(enumeration: &Enum) -> TokenStream {
    let name = ident(&enumeration.name);
    let docs = type_docs(&enumeration.docs, &enumeration.id, None);
    let variants = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let fallback = format!("`{}`", variant.value);
        let docs = doc_attrs_or(&variant.docs, variant.deprecated.as_ref(), fallback);
        quote! { #docs #variant_name, }
    });
    let to_str = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = &variant.value;
        quote! { #name::#variant_name => #value, }
    });
    let from_str = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = &variant.value;
        quote! { #value => #name::#variant_name, }
    });
    let values = enumeration.variants.iter().map(|variant| &variant.value);
    quote! {
        #docs
        #[doc = ""]
        #[doc = " The enum is open: a value this model does not list is kept as `Unknown`."]
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value that this version of the model does not list.
            Unknown(rt::UnknownVariantValue),
        }

        impl #name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #name::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #name::Unknown(rt::UnknownVariantValue::new(other)),
                }
            }
        }

        rt::string_enum!(#name);
    }
}
