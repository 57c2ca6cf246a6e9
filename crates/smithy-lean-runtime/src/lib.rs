//! The runtime of the crates that `smithy-lean` generates from a Smithy model.
//!
//! Generated crates hold only what comes from the model: shapes, their
//! builders, and the code that reads and writes each one. Everything that
//! is the same for every service lives here, compiled once however many
//! generated crates a program links:
//!
//! - [`json`]: reading restJson1 bodies leniently and strictly typed, and
//!   the writer generated code fills;
//! - [`big_numbers`]: `bigInteger` and `bigDecimal` as JSON numbers and
//!   against `@range` bounds;
//! - [`validation`]: the `length` and `pattern` checks behind `validate()`;
//! - [`error_response`]: the name, message and request id every restJson1
//!   error response carries, and [`UnhandledError`] for the ones a model
//!   does not list;
//! - [`UntrustedText`]: text from the network, bounded and escaped before it
//!   reaches `Display`, `Debug` or a log, and [`BodyExcerpt`], the start of
//!   a body the client could not read, shown the same way;
//! - [`request`]: building an operation's HTTP request, with encoded labels
//!   and query parameters, and a streaming payload's [`ByteStream`];
//! - [`operation`]: what an operation's input, output and error tell a
//!   client, and [`operation_output!`];
//! - [`endpoint`]: what compiled endpoint rules share with their callers;
//! - `event_stream` (feature `event-stream`): a payload that is a stream
//!   of events, sent and read message by message;
//! - [`ServiceError`]: what a generic client reads from any operation's errors,
//!   and [`error_types`]: the macros behind every generated error type;
//! - [`builders`]: the macros behind every generated builder's setters;
//! - [`BuildError`] and [`UnknownVariantValue`], and [`string_enum!`], what
//!   every generated enum has beside its values.
//!
//! The crates it re-exports ([`aws_smithy_types`], [`aws_smithy_json`],
//! [`aws_types`], [`http`]) are the ones generated code names, so that a
//! generated crate needs no dependency but this one.

pub mod big_numbers;
mod body_excerpt;
mod build_error;
pub mod builders;
pub mod endpoint;
mod enums;
pub mod error_response;
pub mod error_types;
#[cfg(feature = "event-stream")]
pub mod event_stream;
pub mod json;
pub mod operation;
pub mod request;
pub mod response;
mod service_error;
mod unhandled_error;
mod unknown_variant;
mod untrusted;
pub mod validation;

pub use aws_smithy_types::body::SdkBody;
pub use aws_smithy_types::byte_stream::ByteStream;
pub use aws_smithy_types::error::metadata::ErrorMetadata;
pub use body_excerpt::{BODY_EXCERPT_LIMIT, BodyExcerpt};
pub use build_error::BuildError;
pub use error_response::sanitize_error_name;
pub use json::JsonError;
pub use response::ResponseError;
pub use service_error::ServiceError;
pub use unhandled_error::UnhandledError;
pub use unknown_variant::UnknownVariantValue;
pub use untrusted::{BoundedDebug, UNTRUSTED_TEXT_LIMIT, UntrustedText};
pub use validation::{ConstraintViolation, Rule, ValidationError};

pub use aws_smithy_json;
pub use aws_smithy_types;
pub use aws_types;
pub use http;
