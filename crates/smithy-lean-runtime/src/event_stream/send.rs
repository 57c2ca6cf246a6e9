//! An input's event stream: the caller's events, as messages.

use super::{BoxError, CONTENT_TYPE, EventError, EventHeaderValue, Header, HeaderValue, Message};
use crate::request::{Headers, RequestError};
use aws_smithy_types::Blob;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::str_bytes::StrBytes;
use futures_core::Stream;
use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// A boxed stream of `T` or the error that ends it.
type Boxed<T> = Pin<Box<dyn Stream<Item = Result<T, BoxError>> + Send>>;

/// The events a call sends, in order, as the caller produces them: any
/// [`Stream`] of `Result<T, E>` converts into one (`.into()`, which the
/// input builder's setter does), and [`from_events`](Self::from_events)
/// makes one of events known up front. An error from the stream ends the
/// request's body there, and the call fails with it.
pub struct EventStreamSender<T> {
    /// In a mutex only to make the input `Sync`; it is polled through
    /// `&mut`, never locked.
    events: Mutex<Boxed<T>>,
}

impl<T: Send + 'static> EventStreamSender<T> {
    /// A stream of these events, then its end.
    pub fn from_events<I>(events: I) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: Send + 'static,
    {
        Self::from(Iter(events.into_iter()))
    }

    /// The messages of these events, for the request's body.
    pub fn into_messages(self) -> MessageStream
    where
        T: MarshallEvent,
    {
        let events = self.events.into_inner().unwrap_or_else(|e| e.into_inner());
        MessageStream::new(Marshalled(events))
    }
}

impl<T, E, S> From<S> for EventStreamSender<T>
where
    S: Stream<Item = Result<T, E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn from(stream: S) -> Self {
        EventStreamSender {
            events: Mutex::new(Box::pin(ErrorsBoxed(Box::pin(stream)))),
        }
    }
}

impl<T: Send + 'static> Default for EventStreamSender<T> {
    /// No events: the request's body is the stream's end alone.
    fn default() -> Self {
        Self::from_events(Vec::new())
    }
}

impl<T> fmt::Debug for EventStreamSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The events are not sent yet, and may be sensitive.
        f.write_str("EventStreamSender(..)")
    }
}

/// An event of an input's stream, written as a message: generated for each
/// event stream union an input sends.
pub trait MarshallEvent: Sized + Send + 'static {
    /// The message of this event; an error names the event and member that
    /// cannot be written (the union's `Unknown`, a timestamp out of range).
    fn marshall(self) -> Result<Message, EventError>;
}

/// The messages of a request's event stream, before signing and framing:
/// what the client's engine sends, one message at a time.
pub struct MessageStream {
    messages: Mutex<Boxed<Message>>,
}

impl MessageStream {
    /// The messages of `stream`.
    pub fn new(stream: impl Stream<Item = Result<Message, BoxError>> + Send + 'static) -> Self {
        MessageStream {
            messages: Mutex::new(Box::pin(stream)),
        }
    }
}

impl Stream for MessageStream {
    type Item = Result<Message, BoxError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let messages = self
            .get_mut()
            .messages
            .get_mut()
            .unwrap_or_else(|e| e.into_inner());
        messages.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for MessageStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MessageStream(..)")
    }
}

/// Where a request keeps its event stream until the engine sends it: the
/// message stream rides in the request's extensions, which must be `Clone`;
/// whoever takes it first has it.
#[derive(Clone)]
struct PendingMessages(Arc<Mutex<Option<MessageStream>>>);

/// The request of an input whose payload, `events`, is an event stream:
/// its headers, the event stream's content type, and no body yet. The
/// messages wait in the request for the client's engine, which takes them
/// with [`take_message_stream`] and sends each as it is produced.
pub fn build_event_stream(
    method: &'static str,
    path_and_query: String,
    mut headers: Headers,
    events: MessageStream,
) -> Result<http::Request<SdkBody>, RequestError> {
    headers.push((
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(CONTENT_TYPE),
    ));
    let mut request = crate::request::build(method, path_and_query, headers, None)?;
    request
        .extensions_mut()
        .insert(PendingMessages(Arc::new(Mutex::new(Some(events)))));
    Ok(request)
}

/// The event stream that [`build_event_stream`] left in `request`, taken
/// out; `None` for a request without one.
pub fn take_message_stream<B>(request: &mut http::Request<B>) -> Option<MessageStream> {
    let pending = request.extensions_mut().remove::<PendingMessages>()?;
    let mut slot = pending.0.lock().unwrap_or_else(|e| e.into_inner());
    slot.take()
}

/// A message under construction, for generated [`MarshallEvent`]s: its
/// type headers first, then the payload's content type, then the members'
/// headers, as the AWS SDKs order them.
#[derive(Debug)]
pub struct OutgoingMessage {
    headers: Vec<Header>,
    payload: Vec<u8>,
}

impl OutgoingMessage {
    /// An event, the union member `event_type`.
    pub fn event(event_type: &'static str) -> Self {
        Self::typed("event", ":event-type", event_type)
    }

    /// An error, the union's `@error` member `exception_type`.
    pub fn exception(exception_type: &'static str) -> Self {
        Self::typed("exception", ":exception-type", exception_type)
    }

    fn typed(message_type: &'static str, type_header: &'static str, name: &'static str) -> Self {
        OutgoingMessage {
            headers: vec![
                Header::new(":message-type", static_string(message_type)),
                Header::new(type_header, static_string(name)),
            ],
            payload: Vec::new(),
        }
    }

    /// The payload, if any: the JSON `body`.
    pub fn json(self, body: Option<String>) -> Self {
        self.payload("application/json", body.map(String::into_bytes))
    }

    /// The payload, if any: a blob's bytes.
    pub fn blob(self, blob: Option<Blob>) -> Self {
        self.payload("application/octet-stream", blob.map(Blob::into_inner))
    }

    /// The payload, if any: a string's UTF-8 text.
    pub fn text(self, text: Option<String>) -> Self {
        self.payload("text/plain", text.map(String::into_bytes))
    }

    /// An unset payload member leaves the message without payload and
    /// without content type.
    fn payload(mut self, content_type: &'static str, payload: Option<Vec<u8>>) -> Self {
        if let Some(payload) = payload {
            self.headers
                .push(Header::new(":content-type", static_string(content_type)));
            self.payload = payload;
        }
        self
    }

    /// An `@eventHeader` member, if it is set.
    pub fn header<V: EventHeaderValue>(mut self, name: &'static str, value: Option<V>) -> Self {
        if let Some(value) = value {
            self.headers
                .push(Header::new(name, value.into_header_value()));
        }
        self
    }

    /// The message.
    pub fn build(self) -> Message {
        self.headers
            .into_iter()
            .fold(Message::new(self.payload), Message::add_header)
    }
}

fn static_string(text: &'static str) -> HeaderValue {
    HeaderValue::String(StrBytes::from(text))
}

/// A stream of the items of an iterator, ready at once.
struct Iter<I>(I);

// An iterator is never pinned: the stream only calls `next` through `&mut`.
impl<I> Unpin for Iter<I> {}

impl<I: Iterator> Stream for Iter<I> {
    type Item = Result<I::Item, BoxError>;

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.get_mut().0.next().map(Ok))
    }
}

/// A caller's stream (pinned where it is, since it may not move) with its
/// error boxed.
struct ErrorsBoxed<S>(Pin<Box<S>>);

impl<T, E: Into<BoxError>, S: Stream<Item = Result<T, E>>> Stream for ErrorsBoxed<S> {
    type Item = Result<T, BoxError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .0
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|result| result.map_err(Into::into)))
    }
}

/// Events as they are marshalled into messages.
struct Marshalled<T>(Boxed<T>);

impl<T: MarshallEvent> Stream for Marshalled<T> {
    type Item = Result<Message, BoxError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().0.as_mut().poll_next(cx).map(|item| {
            item.map(|event| event.and_then(|event| event.marshall().map_err(BoxError::from)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event that is its message's payload.
    struct Text(&'static str);

    impl MarshallEvent for Text {
        fn marshall(self) -> Result<Message, EventError> {
            match self.0 {
                "unknown" => Err(EventError::new("the union's `Unknown` cannot be sent")),
                text => Ok(OutgoingMessage::event("text")
                    .text(Some(text.to_owned()))
                    .build()),
            }
        }
    }

    fn drain(mut messages: MessageStream) -> Vec<Result<Message, String>> {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut out = Vec::new();
        while let Poll::Ready(Some(item)) = Pin::new(&mut messages).poll_next(&mut cx) {
            out.push(item.map_err(|e| e.to_string()));
        }
        out
    }

    fn payload_of(message: &Message) -> &[u8] {
        message.payload()
    }

    #[test]
    fn events_become_messages_in_order() {
        let messages =
            drain(EventStreamSender::from_events([Text("a"), Text("b")]).into_messages());
        let payloads: Vec<&[u8]> = messages
            .iter()
            .map(|m| payload_of(m.as_ref().unwrap()))
            .collect();
        assert_eq!(payloads, [b"a", b"b"]);
    }

    #[test]
    fn an_event_that_cannot_be_written_is_the_streams_error() {
        let messages =
            drain(EventStreamSender::from_events([Text("a"), Text("unknown")]).into_messages());
        assert_eq!(
            messages[1].as_ref().unwrap_err(),
            "the union's `Unknown` cannot be sent"
        );
    }

    #[test]
    fn a_callers_error_ends_the_stream_with_it() {
        let items: Vec<Result<Text, std::io::Error>> = vec![
            Ok(Text("a")),
            Err(std::io::Error::other("microphone unplugged")),
        ];
        let messages = drain(EventStreamSender::from(Results(items.into_iter())).into_messages());
        assert_eq!(messages[1].as_ref().unwrap_err(), "microphone unplugged");
    }

    #[test]
    fn the_headers_come_in_the_sdks_order() {
        let message = OutgoingMessage::event("headers")
            .json(Some("{}".to_owned()))
            .blob(None)
            .header("flag", Some(true))
            .header::<i32>("unset", None)
            .build();
        let names: Vec<&str> = message
            .headers()
            .iter()
            .map(|h| h.name().as_str())
            .collect();
        assert_eq!(
            names,
            [":message-type", ":event-type", ":content-type", "flag"]
        );
        let exception = OutgoingMessage::exception("Oops").build();
        assert_eq!(
            exception.headers()[0].value(),
            &HeaderValue::String("exception".into())
        );
        assert_eq!(exception.headers()[1].name().as_str(), ":exception-type");
    }

    #[test]
    fn debug_shows_no_events() {
        let sender = EventStreamSender::from_events([Text("secret")]);
        assert_eq!(format!("{sender:?}"), "EventStreamSender(..)");
        assert_eq!(format!("{:?}", sender.into_messages()), "MessageStream(..)");
        let empty = EventStreamSender::<Text>::default();
        assert!(drain(empty.into_messages()).is_empty());
    }

    #[test]
    fn the_request_carries_its_messages_until_taken_once() {
        let mut request = build_event_stream(
            "POST",
            "/stream".to_owned(),
            Vec::new(),
            EventStreamSender::from_events([Text("a")]).into_messages(),
        )
        .unwrap();
        assert_eq!(request.headers()["content-type"], CONTENT_TYPE);
        let messages = take_message_stream(&mut request).expect("the stream is there");
        assert!(take_message_stream(&mut request).is_none());
        assert_eq!(drain(messages).len(), 1);
    }

    /// A caller's stream: results, ready at once.
    struct Results<I>(I);

    impl<T, I: Iterator<Item = Result<T, std::io::Error>> + Unpin> Stream for Results<I> {
        type Item = Result<T, std::io::Error>;

        fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.get_mut().0.next())
        }
    }
}
