//! restJson1 bodies: writing and reading a structure's members.

use crate::emit::protocol::Direction;
use crate::emit::{ident, timestamp_format};
use crate::ir::{Binding, Kind, Structure, Union, Value};
use proc_macro2::TokenStream;
use quote::quote;

/// Writers and readers of a structure's restJson1 body. The side a client
/// never runs is written only where `server_side`, and compiled only with
/// the crate's `server` feature.
///
/// `top_level`: whether the structure is a whole body (an operation's
/// input or output, or an error), which gets `from_json`.
pub(super) fn emit(
    structure: &Structure,
    direction: Direction,
    top_level: bool,
    server_side: bool,
) -> TokenStream {
    let name = ident(&structure.name);
    // Members bound to the path, query or headers are not in the body.
    let body_fields = || {
        structure
            .fields
            .iter()
            .filter(|field| field.binding == Binding::Body)
    };
    let writes: Vec<TokenStream> = body_fields()
        .map(|field| {
            let field_name = ident(&field.name);
            let key = &field.json_name;
            // A member with a default holds it when unset, and sends it: only
            // an operation's input, whose members are all optional, leaves
            // out what its caller did not set.
            write_member(&field.value, key, &field_name, field.always_present())
        })
        .collect();
    // The builder lives in the same module, so its fields are set in place
    // rather than moving the whole builder through each setter.
    let reads: Vec<TokenStream> = body_fields()
        .map(|field| {
            let field_name = ident(&field.name);
            let key = &field.json_name;
            let read = read_value(&field.value);
            quote! { #key => builder.#field_name = #read?, }
        })
        .collect();
    let shape = &structure.name;
    let builder_type = ident(&structure.builder);
    // A structure without body members knows no key.
    let read_member = if reads.is_empty() {
        quote! {
            fn read_member(_: &mut #builder_type, _: &str, _: &mut rt::json::Tokens<'_>) -> Result<bool, rt::JsonError> {
                Ok(false)
            }
        }
    } else {
        quote! {
            fn read_member(builder: &mut #builder_type, key: &str, tokens: &mut rt::json::Tokens<'_>) -> Result<bool, rt::JsonError> {
                match key {
                    #(#reads)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
    let to_doc = format!(
        " The restJson1 body for this [`{}`]: model member names as keys, unset members left out.",
        structure.name
    );
    let from_doc = format!(
        " Reads a [`{}`] from a restJson1 body. Unknown members are skipped, `null` is an unset member, and an empty body is an empty structure.",
        structure.name
    );
    // The side a client never runs says which feature brings it.
    let server_note = quote! {
        #[doc = ""]
        #[doc = " With the crate's `server` feature only: it is the service's side of the wire."]
    };
    // A structure without body members writes nothing into its object.
    let object = if body_fields().next().is_none() {
        quote! { _object }
    } else {
        quote! { object }
    };
    let server = crate::emit::server_feature();
    let (writer_gate, writer_note, reader_gate, reader_note) = match direction {
        Direction::Sent => (TokenStream::new(), TokenStream::new(), server, server_note),
        Direction::Received => (server, server_note, TokenStream::new(), TokenStream::new()),
    };
    let to_json = top_level.then(|| {
        quote! {
            #writer_gate
            impl #name {
                #[doc = #to_doc]
                #writer_note
                #[doc = ""]
                #[doc = " Fails only for a timestamp its format cannot show (a `date-time` or HTTP date outside the years 1 to 9999)."]
                pub fn to_json(&self) -> Result<String, rt::json::WriteError> {
                    rt::json::write_body(self)
                }
            }
        }
    });
    let writer = quote! {
        #writer_gate
        impl rt::json::JsonMembers for #name {
            fn write_members(&self, #object: &mut rt::json::JsonObjectWriter<'_>) -> Result<(), rt::json::WriteError> {
                #(#writes)*
                Ok(())
            }
        }

        #to_json
    };
    let from_json = top_level.then(|| {
        quote! {
            #reader_gate
            impl #name {
                #[doc = #from_doc]
                #reader_note
                pub fn from_json(body: &[u8]) -> Result<Self, rt::JsonError> {
                    rt::json::read_body(body, #shape)
                }
            }
        }
    });
    let reader = quote! {
        #reader_gate
        impl rt::json::JsonStructure for #name {
            #read_member
        }

        #from_json
    };
    match (direction, server_side) {
        (_, true) => quote! { #writer #reader },
        (Direction::Sent, false) => writer,
        (Direction::Received, false) => reader,
    }
}

/// Writes a member, given as an expression of an `Option` of a reference,
/// under `key` in `object`: [`rt::json::write`] by its type, unless a
/// timestamp inside needs its format said.
fn write_member(value: &Value, key: &str, field: &syn::Ident, always_present: bool) -> TokenStream {
    if !holds_timestamp(value) {
        let member = match (always_present, value.boxed) {
            (true, false) => quote! { Some(&self.#field) },
            (true, true) => quote! { Some(&*self.#field) },
            (false, false) => quote! { self.#field.as_ref() },
            (false, true) => quote! { self.#field.as_deref() },
        };
        return quote! { rt::json::write(object, #key, #member)?; };
    }
    let write = write_value(value, quote! { object.key(#key) }, quote! { value }, key);
    if always_present {
        quote! { { let value = &self.#field; #write } }
    } else {
        quote! { if let Some(value) = &self.#field { #write } }
    }
}

/// Writes `binding` (a reference) with the value writer `writer`, a value
/// that holds a timestamp; `member` names it in an error.
pub(super) fn write_value(
    value: &Value,
    writer: TokenStream,
    binding: TokenStream,
    member: &str,
) -> TokenStream {
    if value.nullable {
        // An item of a sparse list or map: `null` where it is `None`.
        let held = Value {
            nullable: false,
            ..value.clone()
        };
        let write_held = write_value(&held, writer.clone(), quote! { held }, member);
        return quote! {
            match #binding {
                Some(held) => { #write_held }
                None => #writer.null(),
            }
        };
    }
    match &value.kind {
        Kind::Timestamp => {
            let format = timestamp_format(value, &Binding::Body);
            quote! { rt::json::write_timestamp(#writer, #binding, #format, #member)?; }
        }
        Kind::List(item) => {
            let write_item = write_value(item, quote! { array.value() }, quote! { item }, member);
            quote! {
                let mut array = #writer.start_array();
                for item in #binding {
                    #write_item
                }
                array.finish();
            }
        }
        Kind::Map { value: item, .. } => {
            let write_item = write_value(
                item,
                quote! { map.key(key.as_str()) },
                quote! { item },
                member,
            );
            quote! {
                let mut map = #writer.start_object();
                for (key, item) in #binding {
                    #write_item
                }
                map.finish();
            }
        }
        // What a `Box` holds, written as itself.
        _ if value.boxed => {
            quote! { rt::json::WriteJson::write_json(&**#binding, #writer, #member)?; }
        }
        _ => quote! { rt::json::WriteJson::write_json(#binding, #writer, #member)?; },
    }
}

/// An expression of type `Result<Option<T>, JsonError>` that reads the
/// value at the cursor of `tokens`, the member's `key` naming it in errors:
/// [`rt::json::read`] by its type, unless a timestamp inside needs its
/// format said.
pub(super) fn read_value(value: &Value) -> TokenStream {
    if value.boxed {
        return quote! { rt::json::read_boxed(tokens, key) };
    }
    if value.nullable {
        // An item of a sparse list or map: `null` is kept, as `None`.
        let held = read_value(&Value {
            nullable: false,
            ..value.clone()
        });
        return quote! { #held.map(Some) };
    }
    match &value.kind {
        Kind::Timestamp => {
            let format = timestamp_format(value, &Binding::Body);
            quote! { rt::json::read_timestamp(tokens, key, #format) }
        }
        Kind::List(item) if holds_timestamp(item) => {
            let read_item = read_value(item);
            quote! { rt::json::read_list(tokens, key, |tokens| #read_item) }
        }
        Kind::Map { value: item, .. } if holds_timestamp(item) => {
            let read_item = read_value(item);
            quote! { rt::json::read_map(tokens, key, |tokens| #read_item) }
        }
        _ => quote! { rt::json::read(tokens, key) },
    }
}

/// Whether a value is a timestamp, or a list or map that holds one.
fn holds_timestamp(value: &Value) -> bool {
    match &value.kind {
        Kind::Timestamp => true,
        Kind::List(item) | Kind::Map { value: item, .. } => holds_timestamp(item),
        _ => false,
    }
}

/// A union's restJson1 writer and reader: the side a client never runs
/// only where `server_side`, behind the `server` feature.
pub(super) fn union(union: &Union, direction: Direction, server_side: bool) -> TokenStream {
    let server = crate::emit::server_feature();
    let (writer_gate, reader_gate) = match direction {
        Direction::Sent => (TokenStream::new(), server),
        Direction::Received => (server, TokenStream::new()),
    };
    let writer = union_writer(union, &writer_gate);
    let reader = union_reader(union, &reader_gate);
    match (direction, server_side) {
        (_, true) => quote! { #writer #reader },
        (Direction::Sent, false) => writer,
        (Direction::Received, false) => reader,
    }
}

/// The union as a JSON object with its one member; a `Unit` member's
/// value is `{}`.
fn union_writer(union: &Union, gate: &TokenStream) -> TokenStream {
    let name = ident(&union.name);
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let key = &variant.json_name;
        match &variant.value {
            Some(value) => {
                let write = write_value(value, quote! { object.key(#key) }, quote! { value }, key);
                quote! { #name::#variant_name(value) => { #write } }
            }
            None => quote! {
                #name::#variant_name => object.key(#key).start_object().finish(),
            },
        }
    });
    quote! {
        #gate
        impl rt::json::WriteJson for #name {
            fn write_json(&self, writer: rt::json::JsonValueWriter<'_>, member: &str) -> Result<(), rt::json::WriteError> {
                let mut object = writer.start_object();
                match self {
                    #(#arms)*
                    #name::Unknown => return Err(rt::json::unknown_union_variant(member)),
                }
                object.finish();
                Ok(())
            }
        }
    }
}

/// The union from a JSON object with one member set (`null` members left
/// out); a member the model does not have is `Unknown`.
fn union_reader(union: &Union, gate: &TokenStream) -> TokenStream {
    let name = ident(&union.name);
    let arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let key = &variant.json_name;
        match &variant.value {
            Some(value) => {
                let read = read_value(value);
                // `read_union` never hands over a `null`.
                quote! {
                    #key => match #read? {
                        Some(value) => #name::#variant_name(value),
                        None => #name::Unknown,
                    },
                }
            }
            None => quote! {
                #key => {
                    rt::json::skip(tokens)?;
                    #name::#variant_name
                }
            },
        }
    });
    quote! {
        #gate
        impl rt::json::ReadJson for #name {
            fn read_json(tokens: &mut rt::json::Tokens<'_>, member: &str) -> Result<Option<Self>, rt::JsonError> {
                rt::json::read_union(tokens, member, |key, tokens| {
                    Ok(match key {
                        #(#arms)*
                        _ => {
                            rt::json::skip(tokens)?;
                            #name::Unknown
                        }
                    })
                })
            }
        }
    }
}
