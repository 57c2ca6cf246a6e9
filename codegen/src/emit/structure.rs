//! A structure, its accessors, its builder and their redacting `Debug`.

use super::{doc_attrs, ident, redacted_in_debug, rust_type, type_docs};
use crate::ir::{DefaultValue, Field, Kind, Structure, Value};
use proc_macro2::TokenStream;
use quote::quote;

/// What `Debug` shows instead of a `@sensitive` value.
const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A structure; `response` marks an operation's output, which also holds
/// the request id of the response it was read from.
pub(super) fn emit(structure: &Structure, response: bool) -> TokenStream {
    let name = ident(&structure.name);
    let builder = ident(&structure.builder);
    let docs = type_docs(
        &structure.docs,
        &structure.id,
        structure.deprecated.as_ref(),
    );
    let is_error = structure.error.is_some();
    let extra_fields = |visibility: TokenStream| {
        if is_error {
            quote! {
                #visibility meta: rt::aws_smithy_types::error::metadata::ErrorMetadata,
                #visibility http_status: Option<u16>,
            }
        } else if response {
            quote! { #visibility _request_id: Option<String>, }
        } else {
            quote! {}
        }
    };
    // The macro makes every field crate-visible.
    let struct_extra_fields = extra_fields(quote! {});
    let builder_extra_fields = extra_fields(quote! {});
    let fields = structure.fields.iter().map(member);
    let builder_fields = structure
        .fields
        .iter()
        .map(|field| builder_member(field, &quote! { crate }));
    let token_fillers = structure
        .fields
        .iter()
        .filter(|f| f.idempotency_token)
        .map(token_filler);
    // `Debug` is written out only where it must hide something: a
    // sensitive member, or an error's members, which come from the network
    // and are shown bounded. Elsewhere the derived one shows the same.
    let derived_debug = !is_error && !structure.fields.iter().any(|f| redacted_in_debug(&f.value));
    let (debug, builder_debug, debug_derive) = if derived_debug {
        (TokenStream::new(), TokenStream::new(), quote! { Debug, })
    } else {
        (
            debug_impl(&structure.name, &structure.fields, is_error, response),
            debug_impl(&structure.builder, &structure.fields, is_error, response),
            TokenStream::new(),
        )
    };
    let build = if structure.fields.iter().any(Field::needed_to_build) {
        quote! { #[try_build(#name)] }
    } else {
        quote! { #[build(#name)] }
    };
    let create_doc = format!(" Starts a builder for [`{}`].", structure.name);
    let derives = if structure.fields.iter().any(|f| f.always_present()) {
        quote! { #[derive(Clone, #debug_derive PartialEq)] }
    } else {
        quote! { #[derive(Clone, #debug_derive Default, PartialEq)] }
    };
    quote! {
        #[rt::structure]
        #docs
        #derives
        pub struct #name {
            #(#fields)*
            #struct_extra_fields
        }

        impl #name {
            #[doc = #create_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }

            #(#token_fillers)*
        }

        #debug

        #[rt::builder]
        #build
        #[derive(Clone, #debug_derive Default, PartialEq)]
        pub struct #builder {
            #(#builder_fields)*
            #builder_extra_fields
        }

        #builder_debug
    }
}

/// The type a built structure stores a member as.
fn stored_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.value);
    if field.always_present() {
        ty
    } else {
        quote! { Option<#ty> }
    }
}

/// The type an accessor returns.
fn borrowed_type(value: &Value) -> TokenStream {
    match &value.kind {
        Kind::String => quote! { &str },
        Kind::Boolean | Kind::Integer | Kind::Long => rust_type(value),
        Kind::List(item) => {
            let item = rust_type(item);
            quote! { &[#item] }
        }
        Kind::Enum(_) | Kind::Structure(_) | Kind::Timestamp | Kind::Map(_) => {
            let ty = rust_type(value);
            quote! { &#ty }
        }
    }
}

/// A member as the runtime's `structure!` takes it: its documentation, the
/// `#[get]` that says what its accessor returns and how, and its field.
fn member(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let docs = doc_attrs(&field.docs, field.deprecated.as_ref());
    let stored = stored_type(field);
    let borrowed = borrowed_type(&field.value);
    let copy = matches!(field.value.kind, Kind::Boolean | Kind::Integer | Kind::Long);
    let derefs = matches!(field.value.kind, Kind::String | Kind::List(_));
    // `&String` and `&Vec<T>` coerce to the `&str` and `&[T]` returned.
    let (returns, how) = match (field.always_present(), copy, derefs) {
        (true, true, _) => (borrowed, quote! { copy }),
        (true, false, _) => (borrowed, quote! { borrow }),
        (false, true, _) => (quote! { Option<#borrowed> }, quote! { copy }),
        (false, false, true) => (quote! { Option<#borrowed> }, quote! { as_deref }),
        (false, false, false) => (quote! { Option<#borrowed> }, quote! { as_ref }),
    };
    quote! {
        #docs
        #[get(#returns, #how)]
        #name: #stored,
    }
}

/// For an `@idempotencyToken` member: fills it only if the caller left it unset.
fn token_filler(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let method = ident(
        field
            .ensure_method
            .as_deref()
            .expect("called for the idempotency token only"),
    );
    let doc = format!(
        " Sets the idempotency token `{}` to `generate()` if, and only if, it is unset, and returns the token the request will carry.",
        crate::naming::unraw(&field.name)
    );
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = " A token the caller set, even an empty one, is never replaced."]
        pub fn #method(&mut self, generate: impl FnOnce() -> String) -> &str {
            self.#name.get_or_insert_with(generate).as_str()
        }
    }
}

/// A member as the runtime's builder macros take it: its documentation,
/// the `#[set]` attribute that chooses its setter, and its field, with the
/// model's named types in `krate`.
pub(super) fn builder_member(field: &Field, krate: &TokenStream) -> TokenStream {
    let name = ident(&field.name);
    let (set, get) = (ident(&field.set_method), ident(&field.get_method));
    let docs = doc_attrs(&field.docs, field.deprecated.as_ref());
    let ty = super::rust_type_in(&field.value, krate);
    let kind = match &field.value.kind {
        Kind::List(item) => {
            let item_type = super::rust_type_in(item, krate);
            if item.kind == Kind::String {
                quote! { push_into = #item_type }
            } else {
                quote! { push = #item_type }
            }
        }
        Kind::Map(value) => {
            let value_type = super::rust_type_in(value, krate);
            if value.kind == Kind::String {
                quote! { insert_into = #value_type }
            } else {
                quote! { insert = #value_type }
            }
        }
        Kind::String => quote! { into },
        _ => quote! { value },
    };
    let wire = &field.json_name;
    let presence = match &field.default {
        _ if field.needed_to_build() => quote! { , required },
        Some(DefaultValue::Boolean(b)) => quote! { , default = #b },
        Some(DefaultValue::Integer(n)) => {
            let n = proc_macro2::Literal::i64_unsuffixed(*n);
            quote! { , default = #n }
        }
        Some(DefaultValue::String(text)) => quote! { , default = #text },
        None => quote! {},
    };
    quote! {
        #docs
        #[set(#kind, #set, #get, wire = #wire #presence)]
        #name: Option<#ty>,
    }
}

/// A member's default as an expression of its Rust type.
pub(super) fn default_expr(default: &DefaultValue, value: &Value) -> TokenStream {
    match (default, &value.kind) {
        (DefaultValue::Boolean(b), _) => quote! { #b },
        (DefaultValue::Integer(n), Kind::Integer) => {
            let n = i32::try_from(*n).expect("lowering checked that the default fits");
            quote! { #n }
        }
        (DefaultValue::Integer(n), _) => quote! { #n },
        (DefaultValue::String(text), _) => quote! { String::from(#text) },
    }
}

fn debug_impl(type_name: &str, fields: &[Field], is_error: bool, response: bool) -> TokenStream {
    let ty = ident(type_name);
    let shown = fields.iter().map(|field| {
        let name = ident(&field.name);
        let label = crate::naming::unraw(&field.name);
        if redacted_in_debug(&field.value) {
            quote! { .field(#label, &#REDACTED) }
        } else if is_error {
            // Error members come from the network.
            quote! { .field(#label, &rt::BoundedDebug(&self.#name)) }
        } else {
            quote! { .field(#label, &self.#name) }
        }
    });
    let extra = if is_error {
        quote! {
            .field("meta", &rt::BoundedDebug(&self.meta))
            .field("http_status", &self.http_status)
        }
    } else if response {
        quote! { .field("_request_id", &self._request_id) }
    } else {
        quote! {}
    };
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#shown)* #extra .finish()
            }
        }
    }
}
