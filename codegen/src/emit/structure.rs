//! A structure, its accessors, its builder and their redacting `Debug`.

use super::{doc_attrs, ident, redacted_in_debug, rust_type, type_docs};
use crate::ir::{DefaultValue, Field, Kind, Structure, Value};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A structure; `response` marks an operation's output, which also holds
/// the request id of the response it was read from; `received`, a
/// structure read from responses (an output's or an error's), whose lists
/// read as slices, empty where absent, as the AWS SDK for Rust's do.
pub(super) fn emit(structure: &Structure, response: bool, received: bool) -> TokenStream {
    let name = ident(&structure.name);
    let builder = ident(&structure.builder);
    let docs = type_docs(
        &structure.docs,
        &structure.id,
        structure.deprecated.as_ref(),
    );
    let is_error = structure.error.is_some();
    // The macros make every field crate-visible and write `Debug`, which
    // hides sensitive members and bounds an error's, which come from the
    // network.
    let extra_fields = if is_error {
        quote! {
            #[debug(bounded)]
            meta: rt::aws_smithy_types::error::metadata::ErrorMetadata,
            http_status: Option<u16>,
        }
    } else if response {
        quote! { _request_id: Option<String>, }
    } else {
        quote! {}
    };
    let fields = structure
        .fields
        .iter()
        .map(|field| member(field, is_error, received));
    let builder_fields = structure.fields.iter().map(|field| {
        let shown = debug_attr(field, is_error);
        builder_member(field, &quote! { crate }, shown)
    });
    let token_fillers: Vec<_> = structure
        .fields
        .iter()
        .filter(|f| f.idempotency_token)
        .map(token_filler)
        .collect();
    let token_fillers = (!token_fillers.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#token_fillers)*
            }
        }
    });
    let build = if structure.fields.iter().any(Field::needed_to_build) {
        quote! { #[try_build(#name)] }
    } else {
        quote! { #[build(#name)] }
    };
    let default_functions = default_functions(structure);
    let stream_taker = structure.stream_payload().map(|field| {
        let field_name = ident(&field.name);
        let into = ident(&crate::naming::into_method(&field.name));
        let stream_type = super::rust_type(&field.value);
        let doc = format!(
            " Takes `{}`, the stream, to read; the other members are read first.",
            crate::naming::unraw(&field.name)
        );
        quote! {
            impl #name {
                #[doc = #doc]
                pub fn #into(self) -> #stream_type {
                    self.#field_name
                }
            }
        }
    });
    // A stream can be read once, and says nothing of its bytes until it is:
    // a structure that holds one is neither copied nor compared.
    let streams = structure.stream_payload().is_some();
    let derives = if streams {
        quote! {}
    } else if structure.fields.iter().any(|f| f.always_present()) {
        quote! { #[derive(Clone, PartialEq)] }
    } else {
        quote! { #[derive(Clone, Default, PartialEq)] }
    };
    let builder_derives = if streams {
        quote! { #[derive(Default)] }
    } else {
        quote! { #[derive(Clone, Default, PartialEq)] }
    };
    quote! {
        #[rt::structure]
        #[builder(#builder)]
        #docs
        #derives
        pub struct #name {
            #(#fields)*
            #extra_fields
        }

        #token_fillers
        #stream_taker

        #[rt::builder]
        #build
        #builder_derives
        pub struct #builder {
            #(#builder_fields)*
            #extra_fields
        }

        #default_functions
    }
}

/// How the macros' `Debug` shows a member: its value hidden where it is
/// sensitive, a stream by its length, bounded where it came from the
/// network in an error, and as it is otherwise.
fn debug_attr(field: &Field, is_error: bool) -> TokenStream {
    if redacted_in_debug(&field.value) {
        quote! { #[debug(redacted)] }
    } else if matches!(field.value.kind, Kind::Stream { .. }) {
        // An event stream's `Debug` shows nothing of its events itself.
        quote! { #[debug(stream)] }
    } else if is_error {
        quote! { #[debug(bounded)] }
    } else {
        TokenStream::new()
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
    if value.boxed {
        // What the `Box` holds: the box is how it is stored, not what it is.
        let held = rust_type(&Value {
            boxed: false,
            ..value.clone()
        });
        return quote! { &#held };
    }
    match &value.kind {
        Kind::String => quote! { &str },
        kind if kind.is_copy() => rust_type(value),
        Kind::List(item) => {
            let item = rust_type(item);
            quote! { &[#item] }
        }
        _ => {
            let ty = rust_type(value);
            quote! { &#ty }
        }
    }
}

/// A member as the runtime's `structure!` takes it: its documentation, the
/// `#[get]` that says what its accessor returns and how, and its field.
fn member(field: &Field, is_error: bool, received: bool) -> TokenStream {
    let name = ident(&field.name);
    let docs = doc_attrs(&field.docs, field.deprecated.as_ref());
    let stored = stored_type(field);
    let borrowed = borrowed_type(&field.value);
    let copy = field.value.kind.is_copy();
    let derefs = matches!(field.value.kind, Kind::String | Kind::List(_)) || field.value.boxed;
    // `&String` and `&Vec<T>` coerce to the `&str` and `&[T]` returned.
    let (returns, how) = match (field.always_present(), copy, derefs) {
        _ if field.reads_as_slice(received) => (borrowed, quote! { slice }),
        (true, true, _) => (borrowed, quote! { copy }),
        (true, false, _) => (borrowed, quote! { borrow }),
        (false, true, _) => (quote! { Option<#borrowed> }, quote! { copy }),
        (false, false, true) => (quote! { Option<#borrowed> }, quote! { as_deref }),
        (false, false, false) => (quote! { Option<#borrowed> }, quote! { as_ref }),
    };
    let shown = debug_attr(field, is_error);
    quote! {
        #docs
        #[get(#returns, #how)]
        #shown
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
/// model's named types in `krate`, and `shown`, how `Debug` shows it.
pub(super) fn builder_member(
    field: &Field,
    krate: &TokenStream,
    shown: TokenStream,
) -> TokenStream {
    let name = ident(&field.name);
    let (set, get) = (ident(&field.set_method), ident(&field.get_method));
    let docs = doc_attrs(&field.docs, field.deprecated.as_ref());
    let ty = super::rust_type_in(&field.value, krate);
    let kind = match &field.value.kind {
        Kind::List(item) => {
            let item_type = super::rust_type_in(item, krate);
            if item.kind == Kind::String && !item.nullable {
                quote! { push_into = #item_type }
            } else {
                quote! { push = #item_type }
            }
        }
        Kind::Map { key, value } => {
            let value_type = super::rust_type_in(value, krate);
            // String keys are taken as `impl Into<String>`; enum keys as themselves.
            let setter = if value.kind == Kind::String && !value.nullable {
                quote! { insert_into }
            } else {
                quote! { insert }
            };
            if key.kind == Kind::String {
                quote! { #setter = #value_type }
            } else {
                let key_type = super::rust_type_in(key, krate);
                quote! { #setter(#key_type, #value_type) }
            }
        }
        // A boxed member's setter takes the value itself, or its box.
        // An event stream's setter takes any stream of events.
        Kind::String | Kind::Stream { .. } | Kind::EventStream { .. } => quote! { into },
        _ if field.value.boxed => quote! { into },
        _ => quote! { value },
    };
    let wire = &field.json_name;
    let presence = match &field.default {
        _ if field.needed_to_build() => quote! { , required },
        Some(DefaultValue::Boolean(b)) => quote! { , default = #b },
        Some(DefaultValue::Integer(n)) => {
            let n = Literal::i64_unsuffixed(*n);
            quote! { , default = #n }
        }
        Some(DefaultValue::Float(n)) => {
            let n = Literal::f64_unsuffixed(*n);
            quote! { , default = #n }
        }
        Some(DefaultValue::String(text)) => quote! { , default = #text },
        // What has no literal is made by an expression; the documentation
        // shows it as the model writes it.
        Some(default) => {
            let shown = default_shown(default, &field.value.kind);
            let make = ident(&default_function(field));
            quote! { , default = #shown with #make() }
        }
        None => quote! {},
    };
    quote! {
        #docs
        #[set(#kind, #set, #get, wire = #wire #presence)]
        #shown
        #name: Option<#ty>,
    }
}

/// The module's function that makes a member's default, for the defaults
/// that no literal spells.
fn default_function(field: &Field) -> String {
    format!("{}_default", crate::naming::unraw(&field.name))
}

/// The functions that make the defaults no literal spells, which the
/// builder's `build()` calls for members left unset.
fn default_functions(structure: &Structure) -> TokenStream {
    structure
        .fields
        .iter()
        .filter_map(|field| {
            let default = field.default.as_ref()?;
            if matches!(
                default,
                DefaultValue::Boolean(_)
                    | DefaultValue::Integer(_)
                    | DefaultValue::Float(_)
                    | DefaultValue::String(_)
            ) {
                return None;
            }
            let function = ident(&default_function(field));
            let ty = rust_type(&field.value);
            let make = default_expr(default, &field.value);
            let doc = format!(" The model's default of `{}`.", field.member);
            Some(quote! {
                #[doc = #doc]
                fn #function() -> #ty {
                    #make
                }
            })
        })
        .collect()
}

/// A default as the model writes it, for documentation.
fn default_shown(default: &DefaultValue, kind: &Kind) -> String {
    match default {
        DefaultValue::Boolean(b) => b.to_string(),
        DefaultValue::Integer(n) => n.to_string(),
        DefaultValue::BigNumber(text) => text.clone(),
        DefaultValue::Float(n) => n.to_string(),
        DefaultValue::String(text) | DefaultValue::Enum(text) => format!("{text:?}"),
        DefaultValue::Timestamp(seconds, 0) => format!("{seconds} (seconds since the epoch)"),
        DefaultValue::Timestamp(seconds, nanos) => {
            let fraction = format!("{nanos:09}");
            format!(
                "{seconds}.{} (seconds since the epoch)",
                fraction.trim_end_matches('0')
            )
        }
        DefaultValue::Blob(bytes) => format!("{} bytes", bytes.len()),
        DefaultValue::EmptyList => "[]".to_owned(),
        DefaultValue::EmptyMap => "{}".to_owned(),
        DefaultValue::Document(node) => node.to_string(),
        DefaultValue::EmptyStream => format!("{}::default()", stream_type(kind)),
    }
}

/// A member's default as an expression of its Rust type.
fn default_expr(default: &DefaultValue, value: &Value) -> TokenStream {
    match (default, &value.kind) {
        (DefaultValue::Boolean(b), _) => quote! { #b },
        (DefaultValue::Integer(n), kind) => {
            let fits = "lowering checked that the default fits";
            let n = match kind {
                Kind::Byte => Literal::i8_suffixed(i8::try_from(*n).expect(fits)),
                Kind::Short => Literal::i16_suffixed(i16::try_from(*n).expect(fits)),
                Kind::Integer => Literal::i32_suffixed(i32::try_from(*n).expect(fits)),
                _ => Literal::i64_suffixed(*n),
            };
            quote! { #n }
        }
        (DefaultValue::Float(n), Kind::Float) => {
            // The nearest `f32`, as the model's number is read into one.
            let n = Literal::f32_suffixed(*n as f32);
            quote! { #n }
        }
        (DefaultValue::Float(n), _) => {
            let n = Literal::f64_suffixed(*n);
            quote! { #n }
        }
        // The text was the model's number, which both types read; the
        // zero they default to is never reached.
        (DefaultValue::BigNumber(text), _) => {
            quote! { ::std::str::FromStr::from_str(#text).unwrap_or_default() }
        }
        (DefaultValue::String(text), _) => quote! { String::from(#text) },
        (DefaultValue::Enum(text), Kind::Enum(name)) => {
            let name = ident(name);
            quote! { crate::#name::from(#text) }
        }
        (DefaultValue::Enum(text), _) => quote! { String::from(#text) },
        (DefaultValue::Timestamp(seconds, nanos), _) => {
            quote! { rt::aws_smithy_types::DateTime::from_secs_and_nanos(#seconds, #nanos) }
        }
        (DefaultValue::Blob(bytes), _) => {
            let bytes = Literal::byte_string(bytes);
            quote! { rt::aws_smithy_types::Blob::new(#bytes) }
        }
        (DefaultValue::EmptyStream, kind) => {
            let path: syn::Path = syn::parse_str(&format!("rt::{}", stream_path(kind)))
                .expect("a stream type's path parses");
            quote! { #path::default() }
        }
        (DefaultValue::EmptyList, _) => quote! { Vec::new() },
        (DefaultValue::EmptyMap, _) => quote! { ::std::collections::HashMap::new() },
        (DefaultValue::Document(node), _) => {
            let document = super::document_expr(node, &quote! { Document }, &quote! { Number });
            quote! {
                use rt::aws_smithy_types::{Document, Number};
                #document
            }
        }
    }
}

/// A stream member's type, as its default is shown: the bytes' or the
/// events' stream, without the events' type.
fn stream_type(kind: &Kind) -> &'static str {
    stream_path(kind).rsplit("::").next().unwrap_or_default()
}

/// The path under the runtime of a stream member's type.
fn stream_path(kind: &Kind) -> &'static str {
    match kind {
        Kind::EventStream { sent: true, .. } => "event_stream::EventStreamSender",
        Kind::EventStream { sent: false, .. } => "event_stream::EventReceiver",
        _ => "ByteStream",
    }
}
