//! Each operation's error enum: a variant per modelled error it can return.

use super::ident;
use crate::ir::{Operation, Types};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_operation_error(operation: &Operation, types: &Types) -> TokenStream {
    let name = ident(&operation.error_enum);
    let variants = operation.errors.iter().map(|e| {
        let structure = types
            .structures
            .iter()
            .find(|s| &s.name == e)
            .expect("lowering put every error in the error crate");
        let variant = ident(&structure.name);
        let predicate = ident(&structure.predicate);
        let fallback = format!("The `{}` error.", structure.wire_name);
        let docs = super::doc_attrs_or(&structure.docs, None, fallback);
        quote! { #docs #[is = #predicate] #variant(crate::#variant), }
    });
    let enum_doc = format!(" Every error `{}` can return.", operation.name);
    quote! {
        #[rt::operation_error]
        #[doc = #enum_doc]
        pub enum #name {
            #(#variants)*
        }
    }
}
