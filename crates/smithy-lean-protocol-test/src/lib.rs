//! Smithy's HTTP protocol compliance cases, run against a client that
//! smithy-lean generated.
//!
//! Smithy's protocol test models describe, for each operation, requests a
//! client must send for given input parameters (`smithy.test#httpRequestTests`)
//! and responses it must read (`smithy.test#httpResponseTests`). `cargo
//! xtask protocol-tests` turns each case into a Rust test that uses this
//! crate:
//!
//! - [`Capture`] is an HTTP connector for the client's [`Config`]: it keeps
//!   each request the client sends, after signing, exactly as the engine
//!   hands it to the network, and answers with a canned response;
//! - [`ExpectedRequest`] holds a request case, and [`ExpectedRequest::mismatches`]
//!   compares a sent request with it as the compliance-test specification
//!   says (method, path, host, query, headers, body by its media type);
//! - [`CannedResponse`] holds a response case's status, headers and body,
//!   for the operation's readers;
//! - [`assert_same`] compares what a reader read with a case's `params`,
//!   a NaN matching a NaN;
//! - [`ExpectedEvent`] holds one message of an event stream case
//!   (`smithy.test#eventStreamTests`), [`assert_sent_events`] compares the
//!   messages a request sent (out of their signing envelopes) with them,
//!   and [`event_bytes`] and [`receive_all`] feed a case's messages to a
//!   client and read its events back;
//! - [`SentRequest::signature_mismatch`] tells whether a request is signed
//!   as `aws-sigv4`, the AWS SDK for Rust's signer, signs it.
//!
//! [`Config`]: smithy_lean_client::Config

mod capture;
mod events;
mod json;
mod request;
mod response;
mod same;
mod signature;

pub use capture::{Capture, SentRequest};
pub use events::{
    EventHeader, ExpectedEvent, ReadFailure, assert_sent_events, event_bytes, receive_all,
    sent_messages,
};
pub use json::json_equal;
pub use request::ExpectedRequest;
pub use response::CannedResponse;
pub use same::{assert_same, assert_same_stream, same_value};
pub use signature::{ACCESS_KEY_ID, SECRET_ACCESS_KEY, test_credentials};

/// The timestamps of generated types, for the values of a case's `params`.
pub use aws_smithy_types::DateTime;

/// The blobs of generated types, for the values of a case's `params`.
pub use aws_smithy_types::Blob;

/// The streaming payloads of generated types, for the values of a case's `params`.
pub use aws_smithy_types::byte_stream::ByteStream;

/// The event streams of generated types, for the events a case sends.
pub use smithy_lean_runtime::event_stream::{EventStreamSender, ReceiveError, UnmarshallEvent};

/// How a case's timestamps given as text are read.
pub use aws_smithy_types::date_time::Format as DateTimeFormat;

/// The big numbers of generated types, for the values of a case's `params`.
pub use aws_smithy_types::{BigDecimal, BigInteger};

/// The documents of generated types and their numbers, for the values of a case's `params`.
pub use aws_smithy_types::{Document, Number};

/// The idempotency token a compliance case expects a client to fill in
/// where its input leaves one unset.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";
