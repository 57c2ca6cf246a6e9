//! The one error type of a call, and what it tells apart.

use crate::token::ClientRequestToken;
use aws_smithy_runtime_api::client::result::ConnectorError;
use chime_error::{CreateAppInstanceError, UntrustedText};
use std::fmt;
use std::time::Duration;

/// At most this many bytes of an unreadable response body are kept.
pub(crate) const BODY_EXCERPT_LIMIT: usize = 256;

/// Why a `CreateAppInstance` call failed.
///
/// [`kind`](Error::kind) says what went wrong. Whatever it was, the error
/// keeps the idempotency token the call sent, if it got that far, so the
/// caller can repeat the same logical call later without risking a second
/// `AppInstance`.
///
/// ```no_run
/// # async fn example(client: &chime::Client) {
/// use chime::ErrorKind;
///
/// if let Err(error) = client.create_app_instance().name("ops").send().await {
///     match error.kind() {
///         ErrorKind::Service(e) if e.is_conflict_exception() => println!("exists already"),
///         ErrorKind::Service(e) => println!("{:?}: {:?}", e.error_name(), e.error_message()),
///         ErrorKind::InvalidInput(_) => println!("fix the input: {error}"),
///         _ => println!("{error}"),
///     }
/// }
/// # }
/// ```
pub struct Error {
    // Boxed: a service error with its metadata is large, and every
    // `Result` of the call would otherwise carry its size.
    kind: Box<ErrorKind>,
    client_request_token: Option<ClientRequestToken>,
    attempts: u32,
}

/// What went wrong in a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input was refused before any I/O: a required member is missing,
    /// or (with validation on) a constraint is broken.
    InvalidInput(InvalidInput),
    /// The request could not be built or signed: no endpoint, no
    /// credentials, or a signing failure.
    Construction(ConstructionFailure),
    /// The request could not be sent, or its response not received.
    Dispatch(ConnectorError),
    /// A time limit ran out.
    Timeout(TimeoutError),
    /// A response arrived that this client cannot read.
    Response(UnreadableResponse),
    /// The service answered with an error.
    Service(CreateAppInstanceError),
}

/// Input refused before any I/O.
#[derive(Debug)]
#[non_exhaustive]
pub enum InvalidInput {
    /// A required member is missing.
    Missing(chime_input::BuildError),
    /// Constraint violations found by the opt-in validation.
    Constraints(chime_input::ValidationError),
}

/// A failure to build or sign the request.
#[derive(Debug)]
pub struct ConstructionFailure {
    what: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ConstructionFailure {
    pub(crate) fn new(what: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(
        what: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            what: what.into(),
            source: Some(source.into()),
        }
    }
}

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutError {
    /// One attempt took longer than the per-attempt limit.
    Attempt(Duration),
    /// The whole call, retries included, took longer than its limit.
    Call(Duration),
    /// The response made no progress for this grace period (stalled-stream
    /// protection).
    NoProgress(Duration),
    /// The credentials provider took longer than its limit.
    Credentials(Duration),
}

/// A response this client cannot read.
#[derive(Debug, Clone)]
pub struct UnreadableResponse {
    status: u16,
    reason: String,
    excerpt: String,
}

impl UnreadableResponse {
    pub(crate) fn new(status: u16, reason: impl Into<String>, body: &[u8]) -> Self {
        let cut = body.len().min(BODY_EXCERPT_LIMIT);
        let mut excerpt = String::from_utf8_lossy(&body[..cut]).into_owned();
        if body.len() > cut {
            excerpt.push('…');
        }
        Self {
            status,
            reason: reason.into(),
            excerpt,
        }
    }

    /// The response's HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Why it could not be read.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The start of the body (at most 256 bytes, lossily decoded).
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Self {
            kind: Box::new(kind),
            client_request_token: None,
            attempts: 0,
        }
    }

    pub(crate) fn with_call(mut self, token: Option<&ClientRequestToken>, attempts: u32) -> Self {
        self.client_request_token = token.cloned();
        self.attempts = attempts;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Consumes the error into what went wrong.
    pub fn into_kind(self) -> ErrorKind {
        *self.kind
    }

    /// The idempotency token the call used, if it got as far as choosing one.
    ///
    /// Repeating the call with this token (set with
    /// `client_request_token(..)`) cannot create a second `AppInstance`.
    pub fn client_request_token(&self) -> Option<&ClientRequestToken> {
        self.client_request_token.as_ref()
    }

    /// How many attempts reached the network (0 when none did).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The service's error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&CreateAppInstanceError> {
        match &*self.kind {
            ErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The request id the service gave (`x-amzn-requestid`), if any.
    pub fn request_id(&self) -> Option<&str> {
        self.as_service_error()
            .and_then(CreateAppInstanceError::request_id)
    }

    /// The HTTP status of the response, if one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match &*self.kind {
            ErrorKind::Service(e) => e.http_status(),
            ErrorKind::Response(r) => Some(r.status),
            _ => None,
        }
    }

    /// Whether any time limit ran out, including the connector's own.
    pub fn is_timeout(&self) -> bool {
        match &*self.kind {
            ErrorKind::Timeout(_) => true,
            ErrorKind::Dispatch(e) => e.is_timeout(),
            _ => false,
        }
    }
}

// The messages are written piece by piece, each inner value in its own
// `format_args!`: the text is what one `write!` per message would give, the
// caller's width or precision still reaches no inner value, and the crate
// compiles a fraction of the code.
impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::InvalidInput(InvalidInput::Missing(e)) => {
                f.write_str("invalid input: ")?;
                f.write_fmt(format_args!("{e}"))
            }
            ErrorKind::InvalidInput(InvalidInput::Constraints(e)) => {
                f.write_str("invalid input: ")?;
                f.write_fmt(format_args!("{e}"))
            }
            ErrorKind::Construction(c) => {
                f.write_str("cannot build the request: ")?;
                f.write_str(&c.what)?;
                if let Some(source) = &c.source {
                    f.write_str(": ")?;
                    f.write_fmt(format_args!("{source}"))?;
                }
                Ok(())
            }
            ErrorKind::Dispatch(e) => {
                f.write_str(if e.is_timeout() {
                    "timed out: "
                } else if e.is_io() {
                    "connection failed: "
                } else {
                    "cannot send the request: "
                })?;
                let text = innermost_words(e);
                fmt::Display::fmt(&UntrustedText(&text), f)
            }
            ErrorKind::Timeout(timeout) => {
                let (what, limit) = match timeout {
                    TimeoutError::Attempt(limit) => ("an attempt", limit),
                    TimeoutError::Call(limit) => ("the call", limit),
                    TimeoutError::Credentials(limit) => ("loading credentials", limit),
                    TimeoutError::NoProgress(grace) => {
                        f.write_str("the response made no progress for ")?;
                        return f.write_fmt(format_args!("{grace:?}"));
                    }
                };
                f.write_str(what)?;
                f.write_str(" took longer than its limit of ")?;
                f.write_fmt(format_args!("{limit:?}"))
            }
            ErrorKind::Response(r) => {
                f.write_str("unreadable response (HTTP ")?;
                f.write_fmt(format_args!("{}", r.status))?;
                f.write_str("): ")?;
                fmt::Display::fmt(&UntrustedText(&r.reason), f)?;
                f.write_str("; body starts: ")?;
                f.write_fmt(format_args!("{:?}", r.excerpt))
            }
            ErrorKind::Service(e) => {
                // From the accessors rather than the error's own `Display`,
                // which for an unmodelled error holds the status already.
                match e.error_name() {
                    Some(name) => fmt::Display::fmt(&UntrustedText(name), f)?,
                    None => f.write_str("unnamed error")?,
                }
                if let Some(message) = e.error_message() {
                    f.write_str(": ")?;
                    fmt::Display::fmt(&UntrustedText(message), f)?;
                }
                let status = e.http_status();
                let request_id = e.request_id();
                if status.is_none() && request_id.is_none() {
                    return Ok(());
                }
                f.write_str(" (")?;
                if let Some(status) = status {
                    f.write_fmt(format_args!("HTTP {status}"))?;
                }
                if let Some(id) = request_id {
                    f.write_str(if status.is_some() {
                        ", request id "
                    } else {
                        "request id "
                    })?;
                    fmt::Display::fmt(&UntrustedText(id), f)?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CreateAppInstance failed: ")?;
        fmt::Display::fmt(&*self.kind, f)?;
        if self.attempts > 1 {
            f.write_fmt(format_args!(" [after {} attempts]", self.attempts))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("client_request_token", &self.client_request_token)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// The request id as the AWS SDK for Rust reports it, for code written
/// against its `RequestId` trait.
impl aws_types::request_id::RequestId for Error {
    fn request_id(&self) -> Option<&str> {
        Error::request_id(self)
    }
}

impl From<chime_input::BuildError> for Error {
    /// A missing required member, such as a [`Tag`](crate::Tag)'s key.
    fn from(error: chime_input::BuildError) -> Self {
        Error::new(ErrorKind::InvalidInput(InvalidInput::Missing(error)))
    }
}

/// Texts of causes that only name a kind, and say nothing the prefix of a
/// dispatch failure does not.
const GENERIC_CAUSES: [&str; 5] = ["timed out", "timeout", "io error", "other", "user error"];

/// What a dispatch failure's causes say that a person can act on: the
/// innermost one that says more than its kind (`Connection refused (os
/// error 111)`, `HTTP connect timeout occurred after 100ms`). The
/// connector's own text is only its kind.
fn innermost_words(error: &ConnectorError) -> String {
    let mut words = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !GENERIC_CAUSES.contains(&text.as_str()) {
            words = text;
        }
        cause = inner.source();
    }
    words
}

/// `Display` already writes what each kind holds (the service's error, the
/// invalid input, the innermost cause of a dispatch failure), so `source()`
/// gives only what it does not: each cause appears once in a chain printed
/// with `{:#}` (anyhow) or `DisplayErrorContext`. What the kind holds is
/// still there, typed, through [`Error::kind`].
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::InvalidInput(InvalidInput::Missing(e)) => e.source(),
            ErrorKind::InvalidInput(InvalidInput::Constraints(e)) => e.source(),
            ErrorKind::Construction(c) => c.source.as_deref().and_then(|s| s.source()),
            ErrorKind::Dispatch(_)
            | ErrorKind::Service(_)
            | ErrorKind::Timeout(_)
            | ErrorKind::Response(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn message(kind: ErrorKind, attempts: u32) -> String {
        Error::new(kind).with_call(None, attempts).to_string()
    }

    fn service_error(headers: &[(&'static str, &str)]) -> CreateAppInstanceError {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        CreateAppInstanceError::from_response(400, &map, br#"{"Message":"no such thing"}"#)
    }

    #[test]
    fn every_kind_has_its_whole_message() {
        let missing = chime_input::Tag::builder().value("v").build().unwrap_err();
        let invalid = chime_input::CreateAppInstanceInput::builder()
            .name("")
            .build()
            .unwrap()
            .validate()
            .unwrap_err();
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let cases = [
            (
                ErrorKind::InvalidInput(InvalidInput::Missing(missing)),
                "CreateAppInstance failed: invalid input: `key` is required to build Tag but was not set",
            ),
            (
                ErrorKind::InvalidInput(InvalidInput::Constraints(invalid)),
                "CreateAppInstance failed: invalid input: 1 constraint violation: \
                 `Name`: length must be between 1 and 256 characters, but it has 0",
            ),
            (
                ErrorKind::Construction(ConstructionFailure::new("no credentials")),
                "CreateAppInstance failed: cannot build the request: no credentials",
            ),
            (
                ErrorKind::Construction(ConstructionFailure::with_source("signing", "bad key")),
                "CreateAppInstance failed: cannot build the request: signing: bad key",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::io(io.into())),
                "CreateAppInstance failed: connection failed: refused",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::timeout("no answer after 2s".into())),
                "CreateAppInstance failed: timed out: no answer after 2s",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::other(
                    "message head is too large".into(),
                    None,
                )),
                "CreateAppInstance failed: cannot send the request: message head is too large",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Attempt(Duration::from_millis(1500))),
                "CreateAppInstance failed: an attempt took longer than its limit of 1.5s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Call(Duration::from_secs(30))),
                "CreateAppInstance failed: the call took longer than its limit of 30s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::NoProgress(Duration::from_secs(5))),
                "CreateAppInstance failed: the response made no progress for 5s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Credentials(Duration::from_secs(5))),
                "CreateAppInstance failed: loading credentials took longer than its limit of 5s",
            ),
            (
                ErrorKind::Response(UnreadableResponse::new(200, "not JSON", b"<html>\"x\"")),
                "CreateAppInstance failed: unreadable response (HTTP 200): not JSON; \
                 body starts: \"<html>\\\"x\\\"\"",
            ),
            (
                ErrorKind::Service(service_error(&[
                    ("x-amzn-errortype", "BadRequestException"),
                    ("x-amzn-requestid", "req-1"),
                ])),
                "CreateAppInstance failed: BadRequestException: no such thing (HTTP 400, request id req-1)",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(message(kind, 1), expected);
        }
    }

    #[test]
    fn service_details_and_attempts_appear_only_when_known() {
        let modelled = || service_error(&[("x-amzn-errortype", "BadRequestException")]);
        assert_eq!(
            message(ErrorKind::Service(modelled()), 3),
            "CreateAppInstance failed: BadRequestException: no such thing (HTTP 400) [after 3 attempts]"
        );
        // An unmodelled error's own `Display` holds the status: it is not repeated.
        assert_eq!(
            message(ErrorKind::Service(service_error(&[])), 1),
            "CreateAppInstance failed: unnamed error: no such thing (HTTP 400)"
        );
    }

    #[test]
    fn a_caller_width_or_precision_reaches_no_inner_value() {
        let error = Error::new(ErrorKind::Timeout(TimeoutError::Attempt(
            Duration::from_millis(1500),
        )));
        assert_eq!(
            format!("{error:>90.0}"),
            "CreateAppInstance failed: an attempt took longer than its limit of 1.5s"
        );
    }
}
