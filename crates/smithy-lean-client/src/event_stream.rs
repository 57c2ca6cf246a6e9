//! Sending an input's event stream: each message framed as it is produced
//! and, where the request is signed, signed first (SigV4's event stream
//! signing: every message wrapped in one that carries its date and its
//! signature, each signature chained from the one before and the first
//! from the request's own), then an empty signed message to end it.

use crate::clock::ClockSkew;
use aws_credential_types::Credentials;
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use futures_core::Stream;
use smithy_lean_runtime::event_stream::{BoxError, Message, MessageStream};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// What signing each message of a signed request needs.
pub(crate) struct MessageSigning {
    identity: Identity,
    region: String,
    signing_name: String,
    /// The previous message's signature; the request's, first.
    last_signature: String,
    /// Each message is dated by the service's clock as far as it is known.
    clock: Arc<ClockSkew>,
}

impl MessageSigning {
    /// Signing chained from a request signed with `authorization`; `None`
    /// when that header holds no signature.
    pub(crate) fn after_request(
        authorization: &http::HeaderValue,
        credentials: Credentials,
        region: &str,
        signing_name: &str,
        clock: Arc<ClockSkew>,
    ) -> Option<Self> {
        let header = authorization.to_str().ok()?;
        let (_, signature) = header.rsplit_once("Signature=")?;
        Some(MessageSigning {
            identity: credentials.into(),
            region: region.to_owned(),
            signing_name: signing_name.to_owned(),
            last_signature: signature.to_owned(),
            clock,
        })
    }

    /// `message` wrapped and signed; `None` for the empty message that
    /// ends the stream.
    fn sign(&mut self, message: Option<&Message>) -> Result<Message, BoxError> {
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(&self.signing_name)
            .time(self.clock.now())
            .settings(())
            .build()?;
        let signed = match message {
            Some(message) => {
                aws_sigv4::event_stream::sign_message(message, &self.last_signature, &params)?
            }
            None => aws_sigv4::event_stream::sign_empty_message(&self.last_signature, &params)?,
        };
        let (signed, signature) = signed.into_parts();
        self.last_signature = signature;
        Ok(signed)
    }
}

/// The request body of `messages`, signed with `signing` where the request is.
pub(crate) fn body(messages: MessageStream, signing: Option<MessageSigning>) -> SdkBody {
    SdkBody::from_body_1_x(EventStreamBody {
        messages,
        signing,
        ended: false,
    })
}

struct EventStreamBody {
    messages: MessageStream,
    signing: Option<MessageSigning>,
    ended: bool,
}

impl EventStreamBody {
    fn frame(&mut self, message: Option<Message>) -> Result<Bytes, BoxError> {
        let message = match (&mut self.signing, message) {
            (Some(signing), message) => signing.sign(message.as_ref())?,
            (None, Some(message)) => message,
            // The body ends there itself; nothing to frame.
            (None, None) => return Ok(Bytes::new()),
        };
        let mut framed = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&message, &mut framed)?;
        Ok(Bytes::from(framed))
    }
}

impl http_body::Body for EventStreamBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        let message = match Pin::new(&mut this.messages).poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Some(Ok(message))) => Some(message),
            Poll::Ready(Some(Err(e))) => {
                this.ended = true;
                return Poll::Ready(Some(Err(e)));
            }
            Poll::Ready(None) => {
                this.ended = true;
                // Unsigned, the end of the body is the end of the stream.
                if this.signing.is_none() {
                    return Poll::Ready(None);
                }
                None
            }
        };
        let framed = this.frame(message).inspect_err(|_| this.ended = true);
        Poll::Ready(Some(framed.map(http_body::Frame::data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::event_stream::{Header, HeaderValue};
    use http_body::Body;

    fn text(text: &'static str) -> Message {
        Message::new(text.as_bytes()).add_header(Header::new(
            ":event-type",
            HeaderValue::String("text".into()),
        ))
    }

    fn messages(items: Vec<Result<Message, BoxError>>) -> MessageStream {
        struct Ready(std::vec::IntoIter<Result<Message, BoxError>>);
        impl Stream for Ready {
            type Item = Result<Message, BoxError>;
            fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                Poll::Ready(self.get_mut().0.next())
            }
        }
        MessageStream::new(Ready(items.into_iter()))
    }

    /// Every frame of a body whose polls are all ready.
    fn frames(body: SdkBody) -> Vec<Result<Bytes, String>> {
        let mut body = body;
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut out = Vec::new();
        while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
            out.push(
                frame
                    .map(|f| f.into_data().unwrap_or_default())
                    .map_err(|e| e.to_string()),
            );
        }
        out
    }

    fn decode(bytes: &[u8]) -> Message {
        aws_smithy_eventstream::frame::read_message_from(bytes).unwrap()
    }

    fn header<'a>(message: &'a Message, name: &str) -> &'a HeaderValue {
        message
            .headers()
            .iter()
            .find(|h| h.name().as_str() == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .value()
    }

    const SEED: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn signing() -> MessageSigning {
        let authorization = http::HeaderValue::from_str(&format!(
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/transcribe/aws4_request, \
             SignedHeaders=host, Signature={SEED}"
        ))
        .unwrap();
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        MessageSigning::after_request(
            &authorization,
            credentials,
            "us-east-1",
            "transcribe",
            Arc::default(),
        )
        .unwrap()
    }

    #[test]
    fn each_message_is_signed_in_a_chain_from_the_requests_signature_then_an_empty_one_ends_it() {
        let body = body(
            messages(vec![Ok(text("a")), Ok(text("b"))]),
            Some(signing()),
        );
        let frames = frames(body);
        assert_eq!(frames.len(), 3, "two events and the end");
        let mut last = SEED.to_owned();
        let identity: Identity = Credentials::new("AKID", "secret", None, None, "test").into();
        for (frame, inner) in frames.iter().zip([Some("a"), Some("b"), None]) {
            let envelope = decode(frame.as_ref().unwrap());
            let HeaderValue::Timestamp(date) = header(&envelope, ":date") else {
                panic!(":date is a timestamp");
            };
            let HeaderValue::ByteArray(signature) = header(&envelope, ":chunk-signature") else {
                panic!(":chunk-signature is bytes");
            };
            // The oracle: the message signed again at its own date after
            // the signature before it.
            let params = v4::SigningParams::builder()
                .identity(&identity)
                .region("us-east-1")
                .name("transcribe")
                .time(std::time::SystemTime::try_from(*date).unwrap())
                .settings(())
                .build()
                .unwrap();
            let expected = match inner {
                Some(payload) => {
                    let message = decode(envelope.payload());
                    assert_eq!(message.payload().as_ref(), payload.as_bytes());
                    aws_sigv4::event_stream::sign_message(&message, &last, &params)
                }
                None => {
                    assert!(envelope.payload().is_empty(), "the end is empty");
                    aws_sigv4::event_stream::sign_empty_message(&last, &params)
                }
            }
            .unwrap();
            let (_, expected_signature) = expected.into_parts();
            let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, expected_signature);
            last = expected_signature;
        }
    }

    #[test]
    fn unsigned_messages_are_framed_as_they_are_and_end_with_the_body() {
        let frames = frames(body(messages(vec![Ok(text("a"))]), None));
        assert_eq!(frames.len(), 1);
        let message = decode(frames[0].as_ref().unwrap());
        assert_eq!(message, text("a"));
    }

    #[test]
    fn a_callers_error_ends_the_body_with_it() {
        let frames = frames(body(
            messages(vec![
                Ok(text("a")),
                Err("microphone unplugged".into()),
                Ok(text("b")),
            ]),
            Some(signing()),
        ));
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[1].as_ref().unwrap_err(), "microphone unplugged");
    }

    #[test]
    fn a_signature_must_be_there_to_chain_from() {
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let authorization = http::HeaderValue::from_static("Bearer token");
        assert!(
            MessageSigning::after_request(
                &authorization,
                credentials,
                "us-east-1",
                "transcribe",
                Arc::default()
            )
            .is_none()
        );
    }
}
