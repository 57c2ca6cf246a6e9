//! restJson1 (`aws.protocols#restJson1`): HTTP bindings on every member,
//! JSON bodies keyed by `@jsonName`, and errors named by the body's
//! `code` or `__type`, or by `X-Amzn-Errortype`.

mod body;
mod errors;
mod event_stream;
mod request;
mod response;

use super::{Direction, ProtocolGenerator};
use crate::ir::{ErrorTraits, Operation, Structure, Types, Union};
use proc_macro2::TokenStream;

/// The restJson1 generator.
pub(super) struct RestJson1;

impl ProtocolGenerator for RestJson1 {
    fn structure_body(
        &self,
        structure: &Structure,
        direction: Direction,
        top_level: bool,
        server_side: bool,
    ) -> TokenStream {
        body::emit(structure, direction, top_level, server_side)
    }

    fn union_body(
        &self,
        union: &Union,
        direction: Direction,
        server_side: bool,
        types: &Types,
    ) -> TokenStream {
        if union.event_stream {
            event_stream::emit(union, direction, types)
        } else {
            body::union(union, direction, server_side)
        }
    }

    fn request(&self, operation: &Operation, input: &Structure) -> TokenStream {
        request::operation_request(operation, input)
    }

    fn response(&self, output: &Structure) -> TokenStream {
        response::response_reading(output)
    }

    fn error_structure(&self, structure: &Structure, error: &ErrorTraits) -> TokenStream {
        errors::error_structure(structure, error)
    }
}
