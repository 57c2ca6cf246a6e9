//! restJson1 bodies: writing and reading a structure's members.

use super::{ident, rust_type, timestamp_format};
use crate::ir::{Binding, Kind, Structure, Value};
use proc_macro2::TokenStream;
use quote::quote;

/// Which way a structure crosses the wire from a client's side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// A request: the client writes it; reading it is the service's side.
    Sent,
    /// A response or error body: the client reads it; writing it is the
    /// service's side.
    Received,
}

/// Writers and readers of a structure's restJson1 body. The side a client
/// never runs is written only where `server_side`, and compiled only with
/// the crate's `server` feature.
///
/// `nested`: whether some structure has a member of this one.
/// `same_members_as`: an earlier error structure with the same members,
/// whose reader this one uses.
pub(super) fn emit(
    structure: &Structure,
    direction: Direction,
    nested: bool,
    same_members_as: Option<&str>,
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
    let writes = body_fields().map(|field| {
        let field_name = ident(&field.name);
        let key = &field.json_name;
        let write = write_value(
            &field.value,
            quote! { object.key(#key) },
            quote! { value },
            key,
        );
        match &field.default {
            // A client leaves out a default it was not told to send, so
            // that the service's own default applies; a service, which
            // owns the default, always writes it.
            Some(default) if !field.required && direction == Direction::Sent => {
                let default = super::structure::default_expr(default, &field.value);
                quote! { { let value = &self.#field_name; if *value != #default { #write } } }
            }
            _ if field.always_present() => quote! { { let value = &self.#field_name; #write } },
            _ => {
                quote! { if let Some(value) = &self.#field_name { #write } }
            }
        }
    });
    // The builder lives in the same module, so its fields are set in place
    // rather than moving the whole builder through each setter.
    let reads = body_fields().map(|field| {
        let field_name = ident(&field.name);
        let key = &field.json_name;
        let read = read_value(&field.value, key);
        quote! { #key => builder.#field_name = #read?, }
    });
    let build = if structure.fields.iter().any(|f| f.needed_to_build()) {
        quote! { builder.build()? }
    } else {
        quote! { builder.build() }
    };
    let shape = &structure.name;
    // `shape` names the structure in errors: a reader shared by structures
    // with the same members is told which one it reads.
    let read_members = match same_members_as {
        Some(reader) => {
            let reader = ident(reader);
            let moved = structure.fields.iter().map(|field| {
                let field_name = ident(&field.name);
                quote! { #field_name: same.#field_name, }
            });
            // Every field moves, the error's response fields too (still
            // unset here): nothing is built only to be dropped.
            quote! {
                /// Reads the members with the reader of a structure that has the same
                /// members, so that its code is compiled once.
                pub(crate) fn read_members(tokens: &mut rt::json::Tokens<'_>, started: bool, shape: &str) -> Result<Self, rt::JsonError> {
                    let same = crate::#reader::read_members(tokens, started, shape)?;
                    Ok(Self { #(#moved)* meta: same.meta, http_status: same.http_status })
                }
            }
        }
        None => {
            // A structure without body members skips every key it is sent.
            let read_key = if body_fields().next().is_none() {
                quote! { rt::json::skip(tokens)?; }
            } else {
                quote! {
                    match key.as_ref() {
                        #(#reads)*
                        _ => rt::json::skip(tokens)?,
                    }
                }
            };
            let key = if body_fields().next().is_none() {
                quote! { _key }
            } else {
                quote! { key }
            };
            quote! {
                #[allow(unused_mut)]
                pub(crate) fn read_members(tokens: &mut rt::json::Tokens<'_>, started: bool, shape: &str) -> Result<Self, rt::JsonError> {
                    let mut builder = Self::builder();
                    if started {
                        while let Some(#key) = rt::json::next_key(tokens, shape)? {
                            #read_key
                        }
                    }
                    Ok(#build)
                }
            }
        }
    };
    // Only a structure that is a member of another is read at a cursor.
    let read_json = nested.then(|| {
        quote! {
            /// Reads the structure at the cursor; `None` for `null`.
            pub(crate) fn read_json(tokens: &mut rt::json::Tokens<'_>, member: &str) -> Result<Option<Self>, rt::JsonError> {
                if !rt::json::start_object(tokens, member)? {
                    return Ok(None);
                }
                Self::read_members(tokens, true, #shape).map(Some)
            }
        }
    });
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
    let server = super::server_feature();
    let (writer_gate, writer_note, reader_gate, reader_note) = match direction {
        Direction::Sent => (TokenStream::new(), TokenStream::new(), server, server_note),
        Direction::Received => (server, server_note, TokenStream::new(), TokenStream::new()),
    };
    let writer = quote! {
        #writer_gate
        impl #name {
            #[doc = #to_doc]
            #writer_note
            #[doc = ""]
            #[doc = " Fails only for a timestamp its format cannot show (a `date-time` or HTTP date outside the years 1 to 9999)."]
            pub fn to_json(&self) -> Result<String, rt::json::WriteError> {
                rt::json::write_body(&|object| self.write_json(object))
            }

            pub(crate) fn write_json(&self, #object: &mut rt::json::JsonObjectWriter<'_>) -> Result<(), rt::json::WriteError> {
                #(#writes)*
                Ok(())
            }
        }
    };
    let reader = quote! {
        #reader_gate
        impl #name {
            #[doc = #from_doc]
            #reader_note
            pub fn from_json(body: &[u8]) -> Result<Self, rt::JsonError> {
                let mut value = None;
                rt::json::read_body(body, #shape, &mut |tokens, started| {
                    value = Some(Self::read_members(tokens, started, #shape)?);
                    Ok(())
                })?;
                value.ok_or_else(|| rt::JsonError::new("the body held no structure"))
            }

            #read_json

            #read_members
        }
    };
    match (direction, server_side) {
        (_, true) => quote! { #writer #reader },
        (Direction::Sent, false) => writer,
        (Direction::Received, false) => reader,
    }
}

/// Writes `binding` (a reference) with the value writer `writer`;
/// `member` names it in an error.
fn write_value(
    value: &Value,
    writer: TokenStream,
    binding: TokenStream,
    member: &str,
) -> TokenStream {
    match &value.kind {
        Kind::String => quote! { #writer.string(#binding); },
        Kind::Boolean => quote! { #writer.boolean(*#binding); },
        Kind::Integer => quote! {
            rt::json::write_integer(#writer, i64::from(*#binding));
        },
        Kind::Long => quote! {
            rt::json::write_integer(#writer, *#binding);
        },
        Kind::Enum(_) => quote! { #writer.string(#binding.as_str()); },
        Kind::Timestamp => {
            let format = timestamp_format(value, &Binding::Body);
            quote! { rt::json::write_timestamp(#writer, #binding, #format, #member)?; }
        }
        Kind::Structure(_) => quote! {
            let mut nested = #writer.start_object();
            #binding.write_json(&mut nested)?;
            nested.finish();
        },
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
        Kind::Map(item) => {
            let write_item = write_value(item, quote! { map.key(key) }, quote! { item }, member);
            quote! {
                let mut map = #writer.start_object();
                for (key, item) in #binding {
                    #write_item
                }
                map.finish();
            }
        }
    }
}

/// An expression of type `Result<Option<T>, JsonError>` that reads the value at the cursor of `tokens`.
fn read_value(value: &Value, member: &str) -> TokenStream {
    match &value.kind {
        Kind::String => quote! { rt::json::read_string(tokens, #member) },
        Kind::Boolean => quote! { rt::json::read_bool(tokens, #member) },
        Kind::Integer | Kind::Long => {
            quote! { rt::json::read_integer(tokens, #member) }
        }
        Kind::Enum(_) => {
            let ty = rust_type(value);
            quote! { rt::json::read_string(tokens, #member).map(|value| value.map(|value| #ty::from(value.as_str()))) }
        }
        Kind::Timestamp => {
            let format = timestamp_format(value, &Binding::Body);
            quote! { rt::json::read_timestamp(tokens, #member, #format) }
        }
        Kind::Structure(_) => {
            let ty = rust_type(value);
            quote! { #ty::read_json(tokens, #member) }
        }
        Kind::List(item) => {
            let read_item = read_value(item, member);
            quote! { rt::json::read_list(tokens, #member, |tokens| #read_item) }
        }
        Kind::Map(item) => {
            let read_item = read_value(item, member);
            quote! { rt::json::read_map(tokens, #member, |tokens| #read_item) }
        }
    }
}
