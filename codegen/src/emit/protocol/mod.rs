//! The protocol seam: everything a protocol decides about the generated
//! code, behind one trait.
//!
//! A protocol says how an operation's input becomes an HTTP request (the
//! bindings of its members to the path, query, headers and body), how the
//! members that travel in a body are written and read, how an output is
//! read from a response beyond its body, and how an error response names
//! its error. The rest of `emit` (types, builders, validation, enums,
//! the client and its fluent builders, endpoints) is the same whatever the
//! protocol, and asks [`ProtocolGenerator`] for these pieces.
//!
//! restJson1 (`rest_json1/`) is the one implemented. awsJson1_0 and
//! awsJson1_1 would be a sibling module: the same JSON bodies
//! (`rest_json1::body`), but every request a `POST /` with an
//! `X-Amz-Target` header and no HTTP bindings, and the error named by
//! `__type` alone.

mod rest_json1;

use crate::ir::{ErrorTraits, Operation, Protocol, Structure, Types, Union};
use proc_macro2::TokenStream;

/// Which way a structure crosses the wire from a client's side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// A request: the client writes it; reading it is the service's side.
    Sent,
    /// A response or error body: the client reads it; writing it is the
    /// service's side.
    Received,
}

/// What one protocol writes into the generated crates. Each piece is a
/// token stream of items that the emitter places in the type's file.
pub(super) trait ProtocolGenerator: Sync {
    /// How a structure's members that travel in a body are written and
    /// read: the side a client never runs only where `server_side`, behind
    /// the `server` feature. `top_level`: the structure is a whole body (an
    /// operation's input or output, or an error).
    fn structure_body(
        &self,
        structure: &Structure,
        direction: Direction,
        top_level: bool,
        server_side: bool,
    ) -> TokenStream;

    /// How a union is written and read, as for a structure; an event
    /// stream's, message by message, reads its events' structures in
    /// `types`, the crate's.
    fn union_body(
        &self,
        union: &Union,
        direction: Direction,
        server_side: bool,
        types: &Types,
    ) -> TokenStream;

    /// The operation's request, made from its input: its `OperationInput`.
    fn request(&self, operation: &Operation, input: &Structure) -> TokenStream;

    /// How an operation's output is read from a whole response.
    fn response(&self, output: &Structure) -> TokenStream;

    /// How an error structure is told apart in an error response and read.
    fn error_structure(&self, structure: &Structure, error: &ErrorTraits) -> TokenStream;
}

/// The generator of a service's protocol.
pub(super) fn generator(protocol: Protocol) -> &'static dyn ProtocolGenerator {
    match protocol {
        Protocol::RestJson1 => &rest_json1::RestJson1,
    }
}
