//! restJson1 event streams: each member of a `@streaming` union as one
//! message. `:event-type` (or, for an `@error` member, `:exception-type`)
//! is the member's name; `@eventHeader` members are headers; the payload
//! is the `@eventPayload` member (a blob's bytes, a string's text, a
//! structure's or union's JSON), else the JSON object of the members in
//! the body, if the event has any.

use crate::emit::ident;
use crate::emit::protocol::Direction;
use crate::ir::{Binding, Field, Kind, Structure, Types, Union, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// The union's `MarshallEvent` (an input's stream, which the client
/// sends) or `UnmarshallEvent` (an output's, which it reads).
pub(super) fn emit(union: &Union, direction: Direction, types: &Types) -> TokenStream {
    let events: Vec<(&UnionVariant, &Structure)> = union
        .variants
        .iter()
        .filter_map(|variant| {
            let Some(Kind::Structure(name)) = variant.value.as_ref().map(|v| &v.kind) else {
                return None;
            };
            let structure = types.structures.iter().find(|s| &s.name == name)?;
            Some((variant, structure))
        })
        .collect();
    match direction {
        Direction::Sent => marshall(union, &events),
        Direction::Received => unmarshall(union, &events),
    }
}

fn marshall(union: &Union, events: &[(&UnionVariant, &Structure)]) -> TokenStream {
    let name = ident(&union.name);
    let arms = events.iter().map(|(variant, structure)| {
        let variant_name = ident(&variant.name);
        let member = &variant.member;
        let start = if variant.error {
            quote! { rt::event_stream::OutgoingMessage::exception(#member) }
        } else {
            quote! { rt::event_stream::OutgoingMessage::event(#member) }
        };
        let payload = written_payload(structure);
        let headers = structure
            .fields
            .iter()
            .filter(|f| f.binding == Binding::EventHeader)
            .map(|field| {
                let wire = &field.member;
                let value = header_value_written(field);
                quote! { .header(#wire, #value) }
            });
        quote! {
            #name::#variant_name(event) => #start #payload #(#headers)* .build(),
        }
    });
    let unknown = format!(
        "`{}::Unknown` is no member of the model's union: it cannot be sent",
        union.name
    );
    quote! {
        impl rt::event_stream::MarshallEvent for #name {
            fn marshall(self) -> Result<rt::event_stream::Message, rt::event_stream::EventError> {
                Ok(match self {
                    #(#arms)*
                    #name::Unknown => return Err(rt::event_stream::EventError::new(#unknown)),
                })
            }
        }
    }
}

/// The `.json(..)`, `.blob(..)` or `.text(..)` of an event's payload, or
/// nothing for an event that is all headers.
fn written_payload(structure: &Structure) -> TokenStream {
    if let Some(field) = structure
        .fields
        .iter()
        .find(|f| f.binding == Binding::EventPayload)
    {
        let field_name = ident(&field.name);
        let member = &field.member;
        let value = if field.always_present() {
            quote! { Some(event.#field_name) }
        } else {
            quote! { event.#field_name }
        };
        return match &field.value.kind {
            Kind::Blob => quote! { .blob(#value) },
            Kind::String => quote! { .text(#value) },
            Kind::Enum(_) => quote! { .text(#value.map(|value| value.as_str().to_owned())) },
            _ => quote! {
                .json(#value.map(|value| rt::json::write_value_body(&value, #member)).transpose()?)
            },
        };
    }
    if structure.fields.iter().any(|f| f.binding == Binding::Body) {
        quote! { .json(Some(rt::json::write_body(&event)?)) }
    } else {
        TokenStream::new()
    }
}

/// A header member's value as `OutgoingMessage::header` takes it: an
/// `Option` of a header type (an enum as its text).
fn header_value_written(field: &Field) -> TokenStream {
    let field_name = ident(&field.name);
    let value = if field.always_present() {
        quote! { Some(event.#field_name) }
    } else {
        quote! { event.#field_name }
    };
    match field.value.kind {
        Kind::Enum(_) => quote! { #value.map(|value| value.as_str().to_owned()) },
        _ => value,
    }
}

fn unmarshall(union: &Union, events: &[(&UnionVariant, &Structure)]) -> TokenStream {
    let name = ident(&union.name);
    let arms = |errors: bool| {
        events
            .iter()
            .filter(move |(variant, _)| variant.error == errors)
            .map(|(variant, structure)| {
                let variant_name = ident(&variant.name);
                let member = &variant.member;
                let read = read_event(member, structure);
                quote! { #member => #name::#variant_name(#read), }
            })
            .collect::<Vec<_>>()
    };
    let (event_arms, error_arms) = (arms(false), arms(true));
    let errors: Vec<_> = events.iter().filter(|(variant, _)| variant.error).collect();
    let (exception_type, message) = if errors.is_empty() {
        (quote! { _ }, quote! { _ })
    } else {
        (quote! { exception_type }, quote! { message })
    };
    let exceptions = if errors.is_empty() {
        quote! { Ok(None) }
    } else {
        quote! {
            Ok(Some(match exception_type {
                #(#error_arms)*
                _ => return Ok(None),
            }))
        }
    };
    let error_accessors = (!errors.is_empty()).then(|| {
        let names = errors.iter().map(|(variant, _)| {
            let variant_name = ident(&variant.name);
            let member = &variant.member;
            quote! { #name::#variant_name(_) => Some(#member), }
        });
        let messages = errors.iter().filter_map(|(variant, structure)| {
            let variant_name = ident(&variant.name);
            // A `@sensitive` message is never shown, so never handed out
            // for `Display`.
            let field = structure.fields.iter().find(|f| {
                f.member.eq_ignore_ascii_case("message")
                    && f.value.kind == Kind::String
                    && !f.value.sensitive
            })?;
            let accessor = ident(&field.name);
            let message = if field.always_present() {
                quote! { Some(error.#accessor()) }
            } else {
                quote! { error.#accessor() }
            };
            Some(quote! { #name::#variant_name(error) => #message, })
        });
        quote! {
            fn error_name(&self) -> Option<&'static str> {
                match self {
                    #(#names)*
                    _ => None,
                }
            }

            fn error_message(&self) -> Option<&str> {
                match self {
                    #(#messages)*
                    _ => None,
                }
            }
        }
    });
    let message_param = if event_arms.is_empty() {
        quote! { _ }
    } else {
        quote! { message }
    };
    quote! {
        impl rt::event_stream::UnmarshallEvent for #name {
            fn unmarshall_event(
                event_type: &str,
                #message_param: &rt::event_stream::IncomingMessage<'_>,
            ) -> Result<Self, rt::event_stream::EventError> {
                Ok(match event_type {
                    #(#event_arms)*
                    _ => #name::Unknown,
                })
            }

            fn unmarshall_exception(
                #exception_type: &str,
                #message: &rt::event_stream::IncomingMessage<'_>,
            ) -> Result<Option<Self>, rt::event_stream::EventError> {
                #exceptions
            }

            #error_accessors
        }
    }
}

/// An event's structure built from `message`: its JSON members, its
/// payload member, its headers.
fn read_event(member: &str, structure: &Structure) -> TokenStream {
    let structure_name = ident(&structure.name);
    let mut steps = Vec::new();
    if structure.fields.iter().any(|f| f.binding == Binding::Body) {
        steps.push(quote! {
            message.json_members::<crate::#structure_name>(&mut builder, #member)?;
        });
    }
    for field in &structure.fields {
        let set = ident(&field.set_method);
        let wire = &field.member;
        let value = match (&field.binding, &field.value.kind) {
            (Binding::EventPayload, Kind::Blob) => quote! { Some(message.blob()) },
            (Binding::EventPayload, Kind::String) => quote! { Some(message.text(#member)?) },
            (Binding::EventPayload, Kind::Enum(name)) => {
                let name = ident(name);
                quote! { Some(crate::#name::from(message.text(#member)?.as_str())) }
            }
            (Binding::EventPayload, _) => quote! { message.json(#wire)? },
            (Binding::EventHeader, Kind::Enum(name)) => {
                let name = ident(name);
                quote! {
                    message
                        .header::<String>(#member, #wire)?
                        .map(|value| crate::#name::from(value.as_str()))
                }
            }
            (Binding::EventHeader, _) => quote! { message.header(#member, #wire)? },
            _ => continue,
        };
        let value = if field.value.boxed {
            quote! { #value.map(Box::new) }
        } else {
            value
        };
        steps.push(quote! { builder = builder.#set(#value); });
    }
    let builder_start = if steps.is_empty() {
        quote! { let builder = crate::#structure_name::builder(); }
    } else {
        quote! { let mut builder = crate::#structure_name::builder(); }
    };
    quote! {{
        #builder_start
        #(#steps)*
        rt::builders::StructureBuilder::build_structure(builder)?
    }}
}
