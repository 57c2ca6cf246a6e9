//! An output's event stream: the response body, read message by message.

use super::{BoxError, EventError, EventHeaderValue, HeaderValue, Message};
use crate::json::{JsonStructure, ReadJson};
use crate::{ByteStream, UntrustedText};
use aws_smithy_types::Blob;
use std::fmt;
use std::marker::PhantomData;

/// The longest message a stream may send, 16 MiB: AWS services send
/// messages far smaller, and the prelude of a hostile one could otherwise
/// announce 4 GiB for the reader to wait for and hold.
pub const MAX_MESSAGE_LENGTH: usize = 16 * 1024 * 1024;

/// The prelude (total length, headers' length, prelude checksum): the
/// least a message is, with the message checksum after it.
const PRELUDE_LENGTH: usize = 12;
const SHORTEST_MESSAGE: usize = PRELUDE_LENGTH + 4;

/// The events of a response, as they arrive: [`recv`](Self::recv) returns
/// the next, `None` once the service has ended the stream.
///
/// ```no_run
/// # async fn example<T: smithy_lean_runtime::event_stream::UnmarshallEvent + std::fmt::Debug>(
/// #     mut events: smithy_lean_runtime::event_stream::EventReceiver<T>,
/// # ) -> Result<(), Box<dyn std::error::Error>> {
/// while let Some(event) = events.recv().await? {
///     println!("{event:?}");
/// }
/// # Ok(()) }
/// ```
pub struct EventReceiver<T> {
    body: ByteStream,
    /// What has arrived of the messages not read yet.
    buffered: Vec<u8>,
    /// Set by the end of the body, or by an error: nothing follows.
    ended: bool,
    events: PhantomData<fn() -> T>,
}

impl<T> From<ByteStream> for EventReceiver<T> {
    /// The events of a response body.
    fn from(body: ByteStream) -> Self {
        EventReceiver {
            body,
            buffered: Vec::new(),
            ended: false,
            events: PhantomData,
        }
    }
}

impl<T> Default for EventReceiver<T> {
    /// A stream that has ended: no events.
    fn default() -> Self {
        EventReceiver::from(ByteStream::default())
    }
}

impl<T> fmt::Debug for EventReceiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventReceiver(..)")
    }
}

impl<T: UnmarshallEvent> EventReceiver<T> {
    /// The next event; `None` once the stream has ended. An error message
    /// of the service, one the protocol does not allow, a broken frame or a
    /// broken connection is an error, after which the stream has ended.
    pub async fn recv(&mut self) -> Result<Option<T>, ReceiveError<T>> {
        if self.ended {
            return Ok(None);
        }
        let read = self.next_event().await;
        if !matches!(read, Ok(Some(_))) {
            self.ended = true;
        }
        read
    }

    async fn next_event(&mut self) -> Result<Option<T>, ReceiveError<T>> {
        loop {
            if let Some(message) = self.next_message()? {
                return read_message(&message).map(Some);
            }
            match self.body.next().await {
                Some(Ok(bytes)) => self.buffered.extend_from_slice(&bytes),
                Some(Err(e)) => return Err(ReceiveError::Transport(e.into())),
                None if self.buffered.is_empty() => return Ok(None),
                None => {
                    return Err(ReceiveError::Malformed(format!(
                        "the stream ended {} bytes into a message",
                        self.buffered.len()
                    )));
                }
            }
        }
    }

    /// The first whole message of what has arrived, taken out of it.
    fn next_message(&mut self) -> Result<Option<Message>, ReceiveError<T>> {
        let Some(length) = self.buffered.first_chunk::<4>() else {
            return Ok(None);
        };
        let length = u32::from_be_bytes(*length) as usize;
        if !(SHORTEST_MESSAGE..=MAX_MESSAGE_LENGTH).contains(&length) {
            return Err(ReceiveError::Malformed(format!(
                "a message says it is {length} bytes long; a message is {SHORTEST_MESSAGE} to \
                 {MAX_MESSAGE_LENGTH} bytes"
            )));
        }
        if self.buffered.len() < length {
            return Ok(None);
        }
        let message = aws_smithy_eventstream::frame::read_message_from(&self.buffered[..length])
            .map_err(|e| ReceiveError::Malformed(format!("a message cannot be read: {e}")))?;
        self.buffered.drain(..length);
        Ok(Some(message))
    }
}

/// What one message says: an event, or an error.
fn read_message<T: UnmarshallEvent>(message: &Message) -> Result<T, ReceiveError<T>> {
    let incoming = IncomingMessage(message);
    let malformed = |e: EventError| ReceiveError::Malformed(e.to_string());
    let message_type = incoming.type_header(":message-type").map_err(malformed)?;
    match message_type.as_str() {
        "event" => {
            let event_type = incoming.type_header(":event-type").map_err(malformed)?;
            T::unmarshall_event(&event_type, &incoming).map_err(malformed)
        }
        "exception" => {
            let exception_type = incoming.type_header(":exception-type").map_err(malformed)?;
            match T::unmarshall_exception(&exception_type, &incoming).map_err(malformed)? {
                Some(error) => Err(ReceiveError::Modeled(error)),
                // An error the model does not know: its name, and the
                // message its JSON payload holds, if any.
                None => Err(ReceiveError::Unmodeled {
                    code: exception_type,
                    message: crate::error_response::read(
                        &http::HeaderMap::new(),
                        message.payload(),
                    )
                    .meta
                    .message()
                    .map(str::to_owned),
                }),
            }
        }
        "error" => Err(ReceiveError::Unmodeled {
            code: incoming
                .optional_string(":error-code")
                .unwrap_or_else(|| "(no :error-code)".to_owned()),
            message: incoming.optional_string(":error-message"),
        }),
        other => Err(ReceiveError::Malformed(format!(
            "a message's `:message-type` is {:?}, not `event`, `exception` or `error`",
            UntrustedText(other)
        ))),
    }
}

/// A union that an output's event stream carries, read from its messages:
/// generated for each event stream union an output receives.
pub trait UnmarshallEvent: Sized + Send + 'static {
    /// The event `event_type`, the member of that name; a type the model
    /// does not know is the union's `Unknown`. An error names the event and
    /// the header or member that cannot be read.
    fn unmarshall_event(
        event_type: &str,
        message: &IncomingMessage<'_>,
    ) -> Result<Self, EventError>;

    /// The `@error` member `exception_type`, or `None` when the union has
    /// no such member.
    fn unmarshall_exception(
        exception_type: &str,
        message: &IncomingMessage<'_>,
    ) -> Result<Option<Self>, EventError>;

    /// The name of the `@error` member this is, for errors' `Display`.
    fn error_name(&self) -> Option<&'static str> {
        None
    }

    /// The message of the `@error` member this is, if it has one.
    fn error_message(&self) -> Option<&str> {
        None
    }
}

/// A message as generated [`UnmarshallEvent`]s read it.
#[derive(Clone, Copy)]
pub struct IncomingMessage<'a>(&'a Message);

impl<'a> IncomingMessage<'a> {
    /// The message.
    pub fn message(&self) -> &'a Message {
        self.0
    }

    fn find(&self, name: &str) -> Option<&'a HeaderValue> {
        self.0
            .headers()
            .iter()
            .find(|header| header.name().as_str() == name)
            .map(|header| header.value())
    }

    /// A string header the protocol requires, such as `:event-type`.
    fn type_header(&self, name: &str) -> Result<String, EventError> {
        match self.find(name) {
            Some(HeaderValue::String(value)) => Ok(value.as_str().to_owned()),
            Some(_) => Err(EventError::new(format!(
                "a message's `{name}` header is not a string"
            ))),
            None => Err(EventError::new(format!("a message has no `{name}` header"))),
        }
    }

    fn optional_string(&self, name: &str) -> Option<String> {
        match self.find(name)? {
            HeaderValue::String(value) => Some(value.as_str().to_owned()),
            _ => None,
        }
    }

    /// The `@eventHeader` member `name` of the event `event`: `None` when
    /// the message has no such header, an error when it has one of another
    /// type.
    pub fn header<V: EventHeaderValue>(
        &self,
        event: &str,
        name: &str,
    ) -> Result<Option<V>, EventError> {
        let Some(value) = self.find(name) else {
            return Ok(None);
        };
        V::from_header_value(value).map(Some).ok_or_else(|| {
            EventError::new(format!(
                "the `{event}` event's header `{name}` is not a {}",
                V::TYPE
            ))
        })
    }

    /// The payload's bytes, for a blob `@eventPayload`.
    pub fn blob(&self) -> Blob {
        Blob::new(self.0.payload().to_vec())
    }

    /// The payload as text, for a string `@eventPayload`.
    pub fn text(&self, event: &str) -> Result<String, EventError> {
        String::from_utf8(self.0.payload().to_vec()).map_err(|_| {
            EventError::new(format!("the `{event}` event's payload is not UTF-8 text"))
        })
    }

    /// The payload as the JSON value of a structure or union
    /// `@eventPayload`, `member` naming it in errors; `None` for an empty
    /// payload or `null`.
    pub fn json<V: ReadJson>(&self, member: &'static str) -> Result<Option<V>, EventError> {
        crate::response::payload_json(self.0.payload(), member)
            .map_err(|e| EventError::new(e.to_string()))
    }

    /// The payload as the JSON object of the event's members that are not
    /// headers, read into `builder`.
    pub fn json_members<S: JsonStructure>(
        &self,
        builder: &mut S::Builder,
        event: &str,
    ) -> Result<(), EventError> {
        Ok(crate::json::read_body_into::<S>(
            builder,
            self.0.payload(),
            event,
        )?)
    }
}

/// Why an event stream ended in error.
#[non_exhaustive]
pub enum ReceiveError<T> {
    /// The service's error, one the union models: its `@error` member.
    Modeled(T),
    /// An error the model does not name: its code and message, as the
    /// service sent them (shown bounded and escaped).
    Unmodeled {
        /// `:error-code`, or the `:exception-type` the union does not have.
        code: String,
        /// `:error-message`, or the message of the exception's payload.
        message: Option<String>,
    },
    /// A message the protocol does not allow, or a frame that fails its
    /// length or checksum: what was wrong.
    Malformed(String),
    /// The body could not be read on: the connection failed or stalled.
    Transport(BoxError),
}

impl<T> ReceiveError<T> {
    /// The modelled error, if it is one.
    pub fn as_modeled(&self) -> Option<&T> {
        match self {
            ReceiveError::Modeled(error) => Some(error),
            _ => None,
        }
    }

    /// The modelled error, if it is one.
    pub fn into_modeled(self) -> Option<T> {
        match self {
            ReceiveError::Modeled(error) => Some(error),
            _ => None,
        }
    }
}

impl<T: UnmarshallEvent> fmt::Display for ReceiveError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiveError::Modeled(error) => {
                let name = error.error_name().unwrap_or("(unnamed)");
                write!(
                    f,
                    "the event stream ended with the service's error `{name}`"
                )?;
                if let Some(message) = error.error_message() {
                    write!(f, ": {}", UntrustedText(message))?;
                }
                Ok(())
            }
            ReceiveError::Unmodeled { code, message } => {
                write!(
                    f,
                    "the event stream ended with an error the model does not name: {}",
                    UntrustedText(code)
                )?;
                if let Some(message) = message {
                    write!(f, ": {}", UntrustedText(message))?;
                }
                Ok(())
            }
            ReceiveError::Malformed(why) => write!(f, "the event stream is malformed: {why}"),
            // The cause is the client's own account of the connection.
            ReceiveError::Transport(e) => write!(f, "the event stream could not be read on: {e}"),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for ReceiveError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiveError::Modeled(error) => f.debug_tuple("Modeled").field(error).finish(),
            ReceiveError::Unmodeled { code, message } => f
                .debug_struct("Unmodeled")
                .field("code", &UntrustedText(code))
                .field("message", &message.as_deref().map(UntrustedText))
                .finish(),
            ReceiveError::Malformed(why) => f.debug_tuple("Malformed").field(why).finish(),
            ReceiveError::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
        }
    }
}

impl<T: UnmarshallEvent + fmt::Debug> std::error::Error for ReceiveError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReceiveError::Transport(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_stream::{Header, OutgoingMessage};
    use aws_smithy_types::body::SdkBody;
    use proptest::prelude::*;
    use std::collections::VecDeque;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// A union with one event, one error, and what a newer model may add.
    #[derive(Debug, PartialEq)]
    enum Event {
        Text(String),
        Oops(Option<String>),
        Unknown,
    }

    impl UnmarshallEvent for Event {
        fn unmarshall_event(
            event_type: &str,
            message: &IncomingMessage<'_>,
        ) -> Result<Self, EventError> {
            Ok(match event_type {
                "text" => Event::Text(message.text("text")?),
                _ => Event::Unknown,
            })
        }

        fn unmarshall_exception(
            exception_type: &str,
            message: &IncomingMessage<'_>,
        ) -> Result<Option<Self>, EventError> {
            Ok(match exception_type {
                "oops" => Some(Event::Oops(message.header("oops", "why")?)),
                _ => None,
            })
        }

        fn error_name(&self) -> Option<&'static str> {
            matches!(self, Event::Oops(_)).then_some("oops")
        }

        fn error_message(&self) -> Option<&str> {
            match self {
                Event::Oops(why) => why.as_deref(),
                _ => None,
            }
        }
    }

    fn framed(messages: &[Message]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for message in messages {
            aws_smithy_eventstream::frame::write_message_to(message, &mut bytes).unwrap();
        }
        bytes
    }

    fn text(text: &str) -> Message {
        OutgoingMessage::event("text")
            .text(Some(text.to_owned()))
            .build()
    }

    /// A body that arrives in these pieces.
    struct Pieces(VecDeque<Vec<u8>>);

    impl http_body::Body for Pieces {
        type Data = bytes::Bytes;
        type Error = std::io::Error;

        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
            Poll::Ready(
                self.get_mut()
                    .0
                    .pop_front()
                    .map(|piece| Ok(http_body::Frame::data(piece.into()))),
            )
        }
    }

    fn receiver(pieces: Vec<Vec<u8>>) -> EventReceiver<Event> {
        let body = SdkBody::from_body_1_x(Pieces(pieces.into()));
        EventReceiver::from(ByteStream::new(body))
    }

    /// Every poll of these bodies is ready: one poll finishes a call.
    fn ready<F: std::future::Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("an in-memory body is always ready"),
        }
    }

    fn all(mut events: EventReceiver<Event>) -> (Vec<Event>, Option<ReceiveError<Event>>) {
        let mut received = Vec::new();
        loop {
            match ready(events.recv()) {
                Ok(Some(event)) => received.push(event),
                Ok(None) => return (received, None),
                Err(e) => {
                    // Nothing follows an error.
                    assert!(matches!(ready(events.recv()), Ok(None)));
                    return (received, Some(e));
                }
            }
        }
    }

    proptest! {
        #[test]
        fn events_arrive_whole_however_the_body_is_cut(
            texts in proptest::collection::vec(".{0,40}", 0..5),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
        ) {
            let messages: Vec<Message> = texts.iter().map(|t| text(t)).collect();
            let bytes = framed(&messages);
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            let mut pieces = Vec::new();
            let mut start = 0;
            for end in at.into_iter().chain([bytes.len()]) {
                pieces.push(bytes[start..end].to_vec());
                start = end;
            }
            let (events, error) = all(receiver(pieces));
            prop_assert!(error.is_none());
            let expected: Vec<Event> = texts.into_iter().map(Event::Text).collect();
            prop_assert_eq!(events, expected);
        }

        #[test]
        fn any_bytes_end_in_events_or_an_error_never_a_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            let _ = all(receiver(vec![bytes]));
        }
    }

    #[test]
    fn an_error_the_union_models_ends_the_stream_as_that_error() {
        let oops = OutgoingMessage::exception("oops")
            .header("why", Some("out of\ncoffee".to_owned()))
            .build();
        let (events, error) = all(receiver(vec![framed(&[text("a"), oops, text("b")])]));
        assert_eq!(events, [Event::Text("a".into())]);
        let error = error.unwrap();
        assert_eq!(
            error.as_modeled(),
            Some(&Event::Oops(Some("out of\ncoffee".into())))
        );
        assert_eq!(
            error.to_string(),
            "the event stream ended with the service's error `oops`: out of\\ncoffee"
        );
    }

    #[test]
    fn an_error_the_union_does_not_model_keeps_its_code_and_message() {
        let exception = OutgoingMessage::exception("Throttled")
            .json(Some(r#"{"message":"slow down"}"#.to_owned()))
            .build();
        let (_, error) = all(receiver(vec![framed(&[exception])]));
        assert_eq!(
            error.unwrap().to_string(),
            "the event stream ended with an error the model does not name: Throttled: slow down"
        );
        let long = "x".repeat(5_000);
        let unmodeled = Message::new(Vec::new())
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("error".into()),
            ))
            .add_header(Header::new(
                ":error-code",
                HeaderValue::String("internal-error".into()),
            ))
            .add_header(Header::new(
                ":error-message",
                HeaderValue::String(long.clone().into()),
            ));
        let (_, error) = all(receiver(vec![framed(&[unmodeled])]));
        let error = error.unwrap();
        let ReceiveError::Unmodeled { code, message } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            (code.as_str(), message.as_deref()),
            ("internal-error", Some(long.as_str()))
        );
        let shown = error.to_string();
        assert!(
            shown.len() < 1_000 && shown.contains("more bytes"),
            "{shown}"
        );
        assert!(format!("{error:?}").len() < 1_000);
    }

    #[test]
    fn a_message_without_its_type_headers_is_malformed() {
        let cases = [
            (
                Message::new(&b"x"[..]),
                "a message has no `:message-type` header",
            ),
            (
                Message::new(&b"x"[..]).add_header(Header::new(
                    ":message-type",
                    HeaderValue::ByteArray("event".into()),
                )),
                "a message's `:message-type` header is not a string",
            ),
            (
                Message::new(&b"x"[..]).add_header(Header::new(
                    ":message-type",
                    HeaderValue::String("event".into()),
                )),
                "a message has no `:event-type` header",
            ),
            (
                Message::new(&b"x"[..])
                    .add_header(Header::new(
                        ":message-type",
                        HeaderValue::String("event".into()),
                    ))
                    .add_header(Header::new(":event-type", HeaderValue::Int32(1))),
                "a message's `:event-type` header is not a string",
            ),
            (
                Message::new(&b"x"[..]).add_header(Header::new(
                    ":message-type",
                    HeaderValue::String("gossip\n".into()),
                )),
                "a message's `:message-type` is \"gossip\\n\", not `event`, `exception` or `error`",
            ),
            (
                Message::new(&b"x"[..]).add_header(Header::new(
                    ":message-type",
                    HeaderValue::String("exception".into()),
                )),
                "a message has no `:exception-type` header",
            ),
        ];
        for (message, why) in cases {
            let (_, error) = all(receiver(vec![framed(&[message])]));
            match error {
                Some(ReceiveError::Malformed(shown)) => assert_eq!(shown, why),
                other => panic!("{why}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_header_of_the_wrong_type_names_the_event_and_header() {
        let oops = Message::new(Vec::new())
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("exception".into()),
            ))
            .add_header(Header::new(
                ":exception-type",
                HeaderValue::String("oops".into()),
            ))
            .add_header(Header::new("why", HeaderValue::Int64(1)));
        let (_, error) = all(receiver(vec![framed(&[oops])]));
        assert_eq!(
            error.unwrap().to_string(),
            "the event stream is malformed: the `oops` event's header `why` is not a string"
        );
    }

    #[test]
    fn an_event_the_model_does_not_know_is_the_unions_unknown() {
        let (events, error) = all(receiver(vec![framed(&[
            OutgoingMessage::event("newer").build()
        ])]));
        assert!(error.is_none());
        assert_eq!(events, [Event::Unknown]);
    }

    #[test]
    fn frames_that_lie_are_refused_without_waiting_for_them() {
        let mut huge = framed(&[text("a")]);
        huge[..4].copy_from_slice(&(MAX_MESSAGE_LENGTH as u32 + 1).to_be_bytes());
        let (_, error) = all(receiver(vec![huge]));
        let shown = error.unwrap().to_string();
        assert!(shown.contains("says it is 16777217 bytes long"), "{shown}");

        let mut flipped = framed(&[text("abc")]);
        let last = flipped.len() - 5;
        flipped[last] ^= 1;
        let (_, error) = all(receiver(vec![flipped]));
        assert!(
            matches!(&error, Some(ReceiveError::Malformed(why)) if why.contains("checksum")),
            "{error:?}"
        );

        let whole = framed(&[text("abc")]);
        let (_, error) = all(receiver(vec![whole[..whole.len() - 1].to_vec()]));
        assert_eq!(
            error.unwrap().to_string(),
            format!(
                "the event stream is malformed: the stream ended {} bytes into a message",
                whole.len() - 1
            )
        );
    }

    #[test]
    fn a_frame_shorter_than_any_message_is_refused_by_its_length() {
        let mut short = framed(&[text("abc")]);
        short[..4].copy_from_slice(&15u32.to_be_bytes());
        let (_, error) = all(receiver(vec![short]));
        assert_eq!(
            error.unwrap().to_string(),
            "the event stream is malformed: a message says it is 15 bytes long; a message is 16 to 16777216 bytes"
        );
    }

    /// A union without errors, which keeps the trait's defaults.
    #[derive(Debug, PartialEq)]
    struct Plain;

    impl UnmarshallEvent for Plain {
        fn unmarshall_event(_: &str, _: &IncomingMessage<'_>) -> Result<Self, EventError> {
            Ok(Plain)
        }

        fn unmarshall_exception(
            _: &str,
            _: &IncomingMessage<'_>,
        ) -> Result<Option<Self>, EventError> {
            Ok(Some(Plain))
        }
    }

    #[test]
    fn an_error_without_a_name_or_message_says_so() {
        assert_eq!((Plain.error_name(), Plain.error_message()), (None, None));
        let error = ReceiveError::Modeled(Plain);
        assert_eq!(
            error.to_string(),
            "the event stream ended with the service's error `(unnamed)`"
        );
        assert_eq!(format!("{error:?}"), "Modeled(Plain)");
        assert_eq!(error.into_modeled(), Some(Plain));
        let malformed = ReceiveError::<Plain>::Malformed("why".into());
        assert_eq!(format!("{malformed:?}"), r#"Malformed("why")"#);
        assert!(malformed.as_modeled().is_none() && malformed.into_modeled().is_none());
    }

    #[test]
    fn a_transport_error_is_the_source() {
        let error = ReceiveError::<Plain>::Transport("reset by peer".into());
        let source = std::error::Error::source(&error).map(|e| e.to_string());
        assert_eq!(source.as_deref(), Some("reset by peer"));
        assert_eq!(
            error.to_string(),
            "the event stream could not be read on: reset by peer"
        );
        assert!(std::error::Error::source(&ReceiveError::<Plain>::Malformed("x".into())).is_none());
    }

    /// A structure of one member, `n`, for the JSON readers.
    #[derive(Debug, Default, PartialEq)]
    struct Counted {
        n: Option<i32>,
    }

    impl crate::builders::StructureBuilder for Counted {
        type Structure = Counted;
        fn build_structure(self) -> Result<Counted, crate::BuildError> {
            Ok(self)
        }
    }

    impl crate::builders::Structure for Counted {
        type Builder = Counted;
    }

    impl JsonStructure for Counted {
        fn read_member(
            builder: &mut Counted,
            key: &str,
            tokens: &mut crate::json::Tokens<'_>,
        ) -> Result<bool, crate::JsonError> {
            if key != "n" {
                return Ok(false);
            }
            builder.n = crate::json::read(tokens, "n")?;
            Ok(true)
        }
    }

    #[test]
    fn payloads_read_as_bytes_text_and_json() {
        let message = Message::new(&br#"{"n":3}"#[..]);
        let incoming = IncomingMessage(&message);
        assert_eq!(incoming.blob(), Blob::new(&br#"{"n":3}"#[..]));
        assert_eq!(incoming.text("e").unwrap(), r#"{"n":3}"#);
        assert_eq!(
            incoming.json::<Counted>("p").unwrap(),
            Some(Counted { n: Some(3) })
        );
        let mut builder = Counted::default();
        incoming.json_members::<Counted>(&mut builder, "e").unwrap();
        assert_eq!(builder.n, Some(3));
        let broken = Message::new(&b"{"[..]);
        assert!(IncomingMessage(&broken).json::<Counted>("p").is_err());
        assert!(
            IncomingMessage(&broken)
                .json_members::<Counted>(&mut Counted::default(), "e")
                .is_err()
        );
        let not_text = Message::new(&[0xff][..]);
        assert_eq!(
            IncomingMessage(&not_text)
                .text("e")
                .unwrap_err()
                .to_string(),
            "the `e` event's payload is not UTF-8 text"
        );
        assert!(std::ptr::eq(IncomingMessage(&message).message(), &message));
    }

    #[test]
    fn a_default_receiver_has_ended() {
        let mut events = EventReceiver::<Event>::default();
        assert!(matches!(ready(events.recv()), Ok(None)));
        assert_eq!(format!("{events:?}"), "EventReceiver(..)");
    }
}
