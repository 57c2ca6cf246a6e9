//! Event stream cases (`smithy.test#eventStreamTests`): the messages a
//! client must send for given events, and the events it must read from
//! given messages.

use crate::capture::SentRequest;
use crate::json::json_equal;
use aws_smithy_types::event_stream::{HeaderValue, Message};
use smithy_lean_runtime::event_stream::{EventReceiver, ReceiveError, UnmarshallEvent};

/// A header value as a case writes it (`{ boolean: true }`, `{ blob: ".." }`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventHeader<'a> {
    /// `boolean`.
    Boolean(bool),
    /// `byte`.
    Byte(i8),
    /// `short`.
    Short(i16),
    /// `integer`.
    Integer(i32),
    /// `long`.
    Long(i64),
    /// `blob`, decoded.
    Blob(&'a [u8]),
    /// `string`.
    String(&'a str),
    /// `timestamp`, in milliseconds since the epoch.
    Timestamp(i64),
    /// `timestamp`, as RFC 3339 text.
    TimestampText(&'a str),
}

impl EventHeader<'_> {
    fn matches(&self, value: &HeaderValue) -> bool {
        match (self, value) {
            (EventHeader::Boolean(a), HeaderValue::Bool(b)) => a == b,
            (EventHeader::Byte(a), HeaderValue::Byte(b)) => a == b,
            (EventHeader::Short(a), HeaderValue::Int16(b)) => a == b,
            (EventHeader::Integer(a), HeaderValue::Int32(b)) => a == b,
            (EventHeader::Long(a), HeaderValue::Int64(b)) => a == b,
            (EventHeader::Blob(a), HeaderValue::ByteArray(b)) => *a == b.as_ref(),
            (EventHeader::String(a), HeaderValue::String(b)) => *a == b.as_str(),
            (EventHeader::Timestamp(a), HeaderValue::Timestamp(b)) => {
                b.to_millis().is_ok_and(|b| *a == b)
            }
            (EventHeader::TimestampText(a), HeaderValue::Timestamp(b)) => {
                aws_smithy_types::DateTime::from_str(
                    a,
                    aws_smithy_types::date_time::Format::DateTime,
                )
                .is_ok_and(|a| a.to_millis().ok() == b.to_millis().ok())
            }
            _ => false,
        }
    }
}

/// What an event case says one message must be, as the case writes it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExpectedEvent<'a> {
    /// Headers and their values.
    pub headers: &'a [(&'a str, EventHeader<'a>)],
    /// Header names the message must not carry.
    pub forbid_headers: &'a [&'a str],
    /// Header names the message must carry, with any value.
    pub require_headers: &'a [&'a str],
    /// The payload, if the case says.
    pub body: Option<&'a str>,
    /// How to compare the payload: JSON media types as values, any other
    /// byte for byte.
    pub body_media_type: Option<&'a str>,
    /// The whole message as the case encodes it, in base64.
    pub bytes: Option<&'a str>,
}

impl ExpectedEvent<'_> {
    /// Every way `message` differs from this case; empty when it matches.
    pub fn mismatches(&self, message: &Message) -> Vec<String> {
        let mut found = Vec::new();
        let header = |name: &str| {
            message
                .headers()
                .iter()
                .find(|header| header.name().as_str() == name)
                .map(|header| header.value())
        };
        for (name, expected) in self.headers {
            match header(name) {
                Some(value) if expected.matches(value) => {}
                Some(value) => found.push(format!(
                    "header `{name}`: expected {expected:?}, sent {value:?}"
                )),
                None => found.push(format!("header `{name}`: expected {expected:?}, not sent")),
            }
        }
        for name in self.forbid_headers {
            if let Some(value) = header(name) {
                found.push(format!(
                    "header `{name}` is forbidden, but was sent as {value:?}"
                ));
            }
        }
        for name in self.require_headers {
            if header(name).is_none() {
                found.push(format!("header `{name}` is required, but was not sent"));
            }
        }
        let payload = message.payload();
        if let Some(body) = self.body {
            let same = if self.body_media_type.is_some_and(|t| t.contains("json")) {
                std::str::from_utf8(payload).is_ok_and(|sent| json_equal(body, sent))
            } else {
                body.as_bytes() == payload.as_ref()
            };
            if !same {
                found.push(format!(
                    "payload: expected `{body}`, sent `{}`",
                    String::from_utf8_lossy(payload)
                ));
            }
        }
        // The whole message, as the case encodes it: the same headers
        // (in any order, which carries no meaning) and the same payload.
        if let Some(bytes) = self.bytes {
            let expected = aws_smithy_types::base64::decode(bytes)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    aws_smithy_eventstream::frame::read_message_from(&bytes[..])
                        .map_err(|e| e.to_string())
                });
            match expected {
                Ok(expected) if same_message(&expected, message) => {}
                Ok(expected) => found.push(format!(
                    "the message: expected {expected:?}, sent {message:?}"
                )),
                Err(e) => found.push(format!("the case's bytes are not a message: {e}")),
            }
        }
        found
    }
}

/// Whether two messages have the same headers, in any order, and the same
/// payload.
fn same_message(a: &Message, b: &Message) -> bool {
    let sorted = |message: &Message| {
        let mut headers: Vec<_> = message.headers().to_vec();
        headers.sort_by(|x, y| x.name().as_str().cmp(y.name().as_str()));
        headers
    };
    a.payload() == b.payload() && sorted(a) == sorted(b)
}

/// The messages a request's body holds, each taken out of its signing
/// envelope (`:date`, `:chunk-signature`); the empty envelope that ends a
/// signed stream is left out. An error says what cannot be read.
pub fn sent_messages(sent: &SentRequest) -> Result<Vec<Message>, String> {
    let mut messages = Vec::new();
    let mut rest = sent.body.as_slice();
    while !rest.is_empty() {
        let length = rest
            .first_chunk::<4>()
            .map(|length| u32::from_be_bytes(*length) as usize)
            .filter(|length| *length <= rest.len())
            .ok_or_else(|| format!("the body ends in a partial message: {rest:?}"))?;
        let message = aws_smithy_eventstream::frame::read_message_from(&rest[..length])
            .map_err(|e| format!("a message of the body does not read: {e}"))?;
        rest = &rest[length..];
        let signed = message
            .headers()
            .iter()
            .any(|header| header.name().as_str() == ":chunk-signature");
        if !signed {
            messages.push(message);
        } else if !message.payload().is_empty() {
            let inner = aws_smithy_eventstream::frame::read_message_from(&message.payload()[..])
                .map_err(|e| format!("a signed message's payload does not read: {e}"))?;
            messages.push(inner);
        }
    }
    Ok(messages)
}

/// Panics, listing every mismatch, unless `sent` carries exactly the
/// `expected` messages, in order.
#[track_caller]
pub fn assert_sent_events(sent: &SentRequest, expected: &[ExpectedEvent<'_>]) {
    let messages = sent_messages(sent).unwrap_or_else(|why| panic!("{why}"));
    assert_eq!(
        messages.len(),
        expected.len(),
        "the client sent {} messages, the case has {}: {messages:#?}",
        messages.len(),
        expected.len()
    );
    for (at, (message, expected)) in messages.iter().zip(expected).enumerate() {
        let mismatches = expected.mismatches(message);
        assert!(
            mismatches.is_empty(),
            "message {at} differs from the case:\n  {}\nsent: {message:#?}",
            mismatches.join("\n  ")
        );
    }
}

/// The case's messages, each given in base64, framed one after another: a
/// response body.
pub fn event_bytes(messages: &[&str]) -> Vec<u8> {
    messages
        .iter()
        .flat_map(|message| {
            aws_smithy_types::base64::decode(message)
                .unwrap_or_else(|e| panic!("the case's bytes are not base64: {e}"))
        })
        .collect()
}

/// Why a response a case gives could not be read as the operation's
/// output: it does not read, or it is the service's error.
pub enum ReadFailure<E> {
    /// The output's reader refused it: why.
    Unreadable(String),
    /// An error response, read as the operation's error.
    Service(E),
}

impl<E> ReadFailure<E> {
    /// The operation's error, for an error response.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            ReadFailure::Service(error) => Some(error),
            ReadFailure::Unreadable(_) => None,
        }
    }
}

impl<E: std::fmt::Debug> std::fmt::Debug for ReadFailure<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::Unreadable(why) => write!(f, "Unreadable({why})"),
            ReadFailure::Service(error) => write!(f, "Service({error:?})"),
        }
    }
}

impl<E: std::fmt::Debug> std::fmt::Display for ReadFailure<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::Unreadable(why) => write!(f, "the response does not read: {why}"),
            ReadFailure::Service(error) => write!(f, "the service's error: {error:?}"),
        }
    }
}

/// Every event of a stream, and the error it ended with, if any.
pub async fn receive_all<T: UnmarshallEvent>(
    mut events: EventReceiver<T>,
) -> (Vec<T>, Option<ReceiveError<T>>) {
    let mut received = Vec::new();
    loop {
        match events.recv().await {
            Ok(Some(event)) => received.push(event),
            Ok(None) => return (received, None),
            Err(error) => return (received, Some(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::event_stream::Header;

    fn message() -> Message {
        Message::new(&br#"{"a": 1}"#[..])
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("event".into()),
            ))
            .add_header(Header::new("flag", HeaderValue::Bool(true)))
    }

    #[test]
    fn a_message_matches_its_case_and_each_difference_is_named() {
        let matching = ExpectedEvent {
            headers: &[
                (":message-type", EventHeader::String("event")),
                ("flag", EventHeader::Boolean(true)),
            ],
            require_headers: &["flag"],
            forbid_headers: &["other"],
            body: Some(r#"{"a":1}"#),
            body_media_type: Some("application/json"),
            bytes: None,
        };
        assert_eq!(matching.mismatches(&message()), Vec::<String>::new());
        let differing = ExpectedEvent {
            headers: &[
                ("flag", EventHeader::Integer(1)),
                ("gone", EventHeader::Byte(1)),
            ],
            require_headers: &["missing"],
            forbid_headers: &["flag"],
            body: Some(r#"{"a":2}"#),
            body_media_type: Some("application/json"),
            bytes: Some("AAAA"),
        };
        assert_eq!(differing.mismatches(&message()).len(), 6);
    }

    #[test]
    fn the_messages_come_out_of_their_envelopes() {
        let mut inner = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&message(), &mut inner).unwrap();
        let envelope = Message::new(inner).add_header(Header::new(
            ":chunk-signature",
            HeaderValue::ByteArray(vec![1; 32].into()),
        ));
        let end = Message::new(Vec::new()).add_header(Header::new(
            ":chunk-signature",
            HeaderValue::ByteArray(vec![2; 32].into()),
        ));
        let mut body = Vec::new();
        for m in [&envelope, &end] {
            aws_smithy_eventstream::frame::write_message_to(m, &mut body).unwrap();
        }
        let sent = SentRequest {
            method: "POST".into(),
            uri: "https://example.com/".into(),
            headers: Vec::new(),
            body,
        };
        assert_eq!(sent_messages(&sent).unwrap(), [message()]);
        let truncated = SentRequest {
            body: sent.body[..10].to_vec(),
            ..sent
        };
        assert!(sent_messages(&truncated).is_err());
    }
}
