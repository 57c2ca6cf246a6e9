//! Event streams: an operation payload that is a `@streaming` union, sent
//! or read as a series of messages rather than one body.
//!
//! Each message (the `application/vnd.amazon.eventstream` framing, which
//! `aws-smithy-eventstream` reads and writes) carries one member of the
//! union: an event (`:message-type` `event`, the member's name in
//! `:event-type`), or one of the union's `@error` members (`exception`,
//! the name in `:exception-type`). A service may also end a stream with an
//! error the model does not name (`error`, with `:error-code` and
//! `:error-message`). Within a message, the members marked `@eventHeader`
//! are headers of their own type, and the payload is the `@eventPayload`
//! member (a blob's bytes, a string's text, a structure's or union's JSON),
//! or else the JSON object of the members that are neither.
//!
//! - [`EventStreamSender`] is an input's stream: the caller's events, which
//!   the generated [`MarshallEvent`] turns into [`Message`]s. The request
//!   carries them as a [`MessageStream`], which the client's engine signs
//!   message by message and frames as it sends them.
//! - [`EventReceiver`] is an output's stream: the response body read
//!   message by message, each turned back into an event by the generated
//!   [`UnmarshallEvent`], or into a [`ReceiveError`].

mod headers;
mod receive;
mod send;

pub use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
pub use headers::EventHeaderValue;
pub use receive::{
    EventReceiver, IncomingMessage, MAX_MESSAGE_LENGTH, ReceiveError, UnmarshallEvent,
};
pub use send::{
    EventStreamSender, MarshallEvent, MessageStream, OutgoingMessage, build_event_stream,
    take_message_stream,
};

/// The content type of a request or response body that is an event stream.
pub const CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";

/// Any error a caller's stream of events may end with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why an event could not be written as a message, or a message read as an
/// event: names the event and the member or header, and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    message: String,
}

impl EventError {
    /// An error that says which event, which member and why.
    pub fn new(message: impl Into<String>) -> Self {
        EventError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for EventError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EventError {}

impl From<crate::json::WriteError> for EventError {
    fn from(error: crate::json::WriteError) -> Self {
        EventError::new(error.to_string())
    }
}

impl From<crate::JsonError> for EventError {
    fn from(error: crate::JsonError) -> Self {
        EventError::new(error.to_string())
    }
}

impl From<crate::BuildError> for EventError {
    fn from(error: crate::BuildError) -> Self {
        EventError::new(error.to_string())
    }
}
