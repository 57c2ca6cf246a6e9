//! The one error type of a call, and what it tells apart.

use crate::token::ClientRequestToken;
use aws_smithy_runtime_api::client::result::ConnectorError;
use smithy_lean_runtime::operation::OperationError;
use smithy_lean_runtime::{BodyExcerpt, BuildError, ServiceError, UntrustedText, ValidationError};
use std::fmt;
use std::time::Duration;

/// Why a call failed; `E` is the operation's error enum.
///
/// [`kind`](Error::kind) says what went wrong. Whatever it was, the error
/// keeps the idempotency token the call sent, if it got that far, so the
/// caller can repeat the same logical call later without risking that the
/// service does its work twice.
///
/// A generated client's fluent builders return it; matching on the kind:
///
/// ```ignore
/// match error.kind() {
///     ErrorKind::Service(e) if e.is_conflict_exception() => println!("exists already"),
///     ErrorKind::Service(e) => println!("{:?}: {:?}", e.error_name(), e.error_message()),
///     ErrorKind::InvalidInput(_) => println!("fix the input: {error}"),
///     _ => println!("{error}"),
/// }
/// ```
pub struct Error<E> {
    // Boxed: a service error with its metadata is large, and every
    // `Result` of the call would otherwise carry its size.
    kind: Box<ErrorKind<E>>,
    /// The operation's name in the model, for the message; `None` for an
    /// error made before any call, such as a builder's.
    operation: Option<&'static str>,
    client_request_token: Option<ClientRequestToken>,
    attempts: u32,
    /// Where the attempts went, `host:port`, once the call got as far as
    /// sending; for the message, so that a mistyped region or host shows.
    authority: Option<Box<str>>,
}

/// What went wrong in a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind<E> {
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
    Service(E),
}

/// Input refused before any I/O.
#[derive(Debug)]
#[non_exhaustive]
pub enum InvalidInput {
    /// A required member is missing.
    Missing(BuildError),
    /// Constraint violations found by the opt-in validation.
    Constraints(ValidationError),
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
    /// The bearer token provider took longer than its limit (the
    /// credentials' load timeout).
    Token(Duration),
}

/// A response this client cannot read.
#[derive(Debug, Clone)]
pub struct UnreadableResponse {
    status: u16,
    reason: String,
    body: Option<BodyExcerpt>,
}

impl UnreadableResponse {
    /// `body` is `None` where it was not read: a stream left to the
    /// caller, or one too large to keep.
    pub(crate) fn new(status: u16, reason: impl Into<String>, body: Option<BodyExcerpt>) -> Self {
        Self {
            status,
            reason: reason.into(),
            body,
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

    /// The start of the body (at most 256 bytes, lossily decoded); empty
    /// where the body was not read.
    pub fn excerpt(&self) -> &str {
        self.body.as_ref().map_or("", BodyExcerpt::text)
    }

    /// The body's content type and its start, where the body was read.
    pub fn body(&self) -> Option<&BodyExcerpt> {
        self.body.as_ref()
    }
}

impl<E> Error<E> {
    pub(crate) fn new(kind: ErrorKind<E>) -> Self {
        Self {
            kind: Box::new(kind),
            operation: None,
            client_request_token: None,
            attempts: 0,
            authority: None,
        }
    }

    /// The error of a call whose attempts went to `authority` (`host:port`).
    pub(crate) fn sent_to(mut self, authority: Box<str>) -> Self {
        self.authority = Some(authority);
        self
    }

    pub(crate) fn with_call(
        mut self,
        operation: &'static str,
        token: Option<&ClientRequestToken>,
        attempts: u32,
    ) -> Self {
        self.operation = Some(operation);
        self.client_request_token = token.cloned();
        self.attempts = attempts;
        self
    }

    /// A call of `operation` that could not start: a required member of
    /// its input is missing.
    pub fn missing(operation: &'static str, error: BuildError) -> Self {
        Self::new(ErrorKind::InvalidInput(InvalidInput::Missing(error)))
            .with_call(operation, None, 0)
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind<E> {
        &self.kind
    }

    /// Consumes the error into what went wrong.
    pub fn into_kind(self) -> ErrorKind<E> {
        *self.kind
    }

    /// The operation that failed, by its name in the model.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The idempotency token the call used, if it got as far as choosing one.
    ///
    /// Repeating the call with this token (set with the token member's
    /// setter) cannot make the service do its work twice.
    pub fn client_request_token(&self) -> Option<&ClientRequestToken> {
        self.client_request_token.as_ref()
    }

    /// How many attempts reached the network (0 when none did).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Where the call's requests went, as `host:port` (the port the
    /// scheme implies where the endpoint names none); `None` when the call
    /// failed before it had a request to send.
    pub fn authority(&self) -> Option<&str> {
        self.authority.as_deref()
    }

    /// The service's error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match &*self.kind {
            ErrorKind::Service(e) => Some(e),
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

impl<E: OperationError> Error<E> {
    /// The operation's error, as the AWS SDK for Rust gives it: the
    /// service's, or for any other failure (a refused connection, a
    /// timeout) the error's unhandled kind, which says what happened; its
    /// `http_status()` is then `None`. [`kind`](Self::kind) tells the
    /// failures apart without consuming the error.
    pub fn into_service_error(self) -> E {
        match *self.kind {
            ErrorKind::Service(e) => e,
            kind => E::unhandled(Box::new(Error {
                kind: Box::new(kind),
                // The operation is the error type's own: its name would repeat.
                operation: None,
                client_request_token: self.client_request_token,
                attempts: self.attempts,
                authority: self.authority,
            })),
        }
    }
}

impl<E: ServiceError> Error<E> {
    /// The request id the service gave (`x-amzn-requestid`), if any.
    pub fn request_id(&self) -> Option<&str> {
        self.as_service_error().and_then(E::request_id)
    }

    /// The HTTP status of the response, if one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match &*self.kind {
            ErrorKind::Service(e) => e.http_status(),
            ErrorKind::Response(r) => Some(r.status),
            _ => None,
        }
    }
}

// The messages are written piece by piece, each inner value in its own
// `format_args!`: the text is what one `write!` per message would give, the
// caller's width or precision still reaches no inner value, and the crate
// compiles a fraction of the code. Each part has its own `Display`, and a
// service error is written through `dyn ServiceError`, so that the generic
// impl below is a dispatch and the writing is compiled once, not once for
// every operation's error type.
impl<E: ServiceError> fmt::Display for ErrorKind<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_kind(self, None, f)
    }
}

/// What went wrong, naming where the request went (`authority`) where that
/// tells a person something: a connection, an answer that is no AWS
/// service's, an attempt that ran out of time.
fn write_kind<E: ServiceError>(
    kind: &ErrorKind<E>,
    authority: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match kind {
        ErrorKind::InvalidInput(invalid) => fmt::Display::fmt(invalid, f),
        ErrorKind::Construction(failure) => fmt::Display::fmt(failure, f),
        ErrorKind::Dispatch(error) => write_dispatch_failure(error, authority, f),
        ErrorKind::Timeout(TimeoutError::Attempt(limit)) => {
            f.write_str("an attempt")?;
            write_destination(" to ", authority, f)?;
            f.write_str(" took longer than its limit of ")?;
            f.write_fmt(format_args!("{limit:?}"))
        }
        ErrorKind::Timeout(timeout) => fmt::Display::fmt(timeout, f),
        ErrorKind::Response(response) => write_unreadable(response, authority, f),
        ErrorKind::Service(error) => write_service_error(error, authority, f),
    }
}

/// ` to host:port` (with `joint` for ` to `), if known; bounded and escaped,
/// since a caller's endpoint can hold anything.
fn write_destination(
    joint: &str,
    authority: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match authority {
        Some(authority) => {
            f.write_str(joint)?;
            fmt::Display::fmt(&UntrustedText(authority), f)
        }
        None => Ok(()),
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid input: ")?;
        match self {
            InvalidInput::Missing(e) => f.write_fmt(format_args!("{e}")),
            InvalidInput::Constraints(e) => f.write_fmt(format_args!("{e}")),
        }
    }
}

impl fmt::Display for ConstructionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot build the request: ")?;
        f.write_str(&self.what)?;
        if let Some(source) = &self.source {
            f.write_str(": ")?;
            let causes = causes_in_words(&**source);
            fmt::Display::fmt(&UntrustedText(&causes), f)?;
        }
        Ok(())
    }
}

/// An error's text and its causes', each once, joined by `: `: a
/// credentials provider's own reason sits under a generic "an error
/// occurred while loading credentials". Bounded by the caller: a
/// provider's words can be anything.
fn causes_in_words(error: &(dyn std::error::Error + 'static)) -> String {
    let mut words = error.to_string();
    for inner in causes(error) {
        let text = inner.to_string();
        if !words.contains(&text) {
            words.push_str(": ");
            words.push_str(&text);
        }
    }
    words
}

/// The most causes walked under an error: a chain may not end (an error
/// that is its own source), and no person reads further.
const MAX_CAUSES: usize = 16;

/// The causes under `error`, nearest first, at most [`MAX_CAUSES`].
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(error.source(), |cause| cause.source()).take(MAX_CAUSES)
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, limit) = match self {
            TimeoutError::Attempt(limit) => ("an attempt", limit),
            TimeoutError::Call(limit) => ("the call", limit),
            TimeoutError::Credentials(limit) => ("loading credentials", limit),
            TimeoutError::Token(limit) => ("loading the bearer token", limit),
            TimeoutError::NoProgress(grace) => {
                f.write_str("the response made no progress for ")?;
                return f.write_fmt(format_args!("{grace:?}"));
            }
        };
        f.write_str(what)?;
        f.write_str(" took longer than its limit of ")?;
        f.write_fmt(format_args!("{limit:?}"))
    }
}

impl fmt::Display for UnreadableResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_unreadable(self, None, f)
    }
}

fn write_unreadable(
    response: &UnreadableResponse,
    authority: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    f.write_str("unreadable response (HTTP ")?;
    f.write_fmt(format_args!("{}", response.status))?;
    f.write_str(")")?;
    write_destination(" from ", authority, f)?;
    f.write_str(": ")?;
    fmt::Display::fmt(&UntrustedText(&response.reason), f)?;
    match &response.body {
        Some(body) => {
            f.write_str("; ")?;
            fmt::Display::fmt(body, f)
        }
        None => Ok(()),
    }
}

/// A dispatch failure: its kind and where it was going, then the innermost
/// words of its causes.
fn write_dispatch_failure(
    error: &ConnectorError,
    authority: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let (kind, joint) = if error.is_timeout() {
        ("timed out", " talking to ")
    } else if error.is_io() {
        ("connection failed", " to ")
    } else {
        ("cannot send the request", " to ")
    };
    f.write_str(kind)?;
    write_destination(joint, authority, f)?;
    f.write_str(": ")?;
    let text = innermost_words(error);
    fmt::Display::fmt(&UntrustedText(&text), f)
}

/// A service error, from its accessors rather than its own `Display`,
/// which for an unmodelled error holds the status already. An answer that
/// is no AWS error response at all says where it came from and what it was.
fn write_service_error(
    error: &dyn ServiceError,
    authority: Option<&str>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    if let (Some(body), Some(status)) = (error.body_excerpt(), error.http_status()) {
        f.write_fmt(format_args!("HTTP {status}"))?;
        write_destination(" from ", authority, f)?;
        f.write_str(", not an AWS error response: ")?;
        fmt::Display::fmt(body, f)?;
        if let Some(id) = error.request_id() {
            f.write_str(" (request id ")?;
            fmt::Display::fmt(&UntrustedText(id), f)?;
            f.write_str(")")?;
        }
        return Ok(());
    }
    match error.error_name() {
        Some(name) => fmt::Display::fmt(&UntrustedText(name), f)?,
        None => f.write_str("unnamed error")?,
    }
    if let Some(message) = error.error_message() {
        f.write_str(": ")?;
        fmt::Display::fmt(&UntrustedText(message), f)?;
    }
    let status = error.http_status();
    let request_id = error.request_id();
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

impl<E: ServiceError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = self.operation {
            f.write_str(operation)?;
            f.write_str(" failed: ")?;
        }
        write_kind(&self.kind, self.authority.as_deref(), f)?;
        if self.attempts > 1 {
            f.write_fmt(format_args!(" [after {} attempts]", self.attempts))?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("operation", &self.operation)
            .field("client_request_token", &self.client_request_token)
            .field("attempts", &self.attempts)
            .field("authority", &self.authority)
            .finish()
    }
}

/// The request id as the AWS SDK for Rust reports it, for code written
/// against its `RequestId` trait.
impl<E: ServiceError> aws_types::request_id::RequestId for Error<E> {
    fn request_id(&self) -> Option<&str> {
        Error::request_id(self)
    }
}

/// The name, message and request id of the service's error, as AWS SDK
/// for Rust users read them; none for a failure with no service error.
impl<E: ServiceError> aws_smithy_types::error::metadata::ProvideErrorMetadata for Error<E> {
    fn meta(&self) -> &aws_smithy_types::error::metadata::ErrorMetadata {
        static NONE: std::sync::OnceLock<aws_smithy_types::error::metadata::ErrorMetadata> =
            std::sync::OnceLock::new();
        match self.as_service_error() {
            Some(e) => e.meta(),
            None => NONE.get_or_init(|| {
                aws_smithy_types::error::metadata::ErrorMetadata::builder().build()
            }),
        }
    }
}

impl<E> From<BuildError> for Error<E> {
    /// A missing required member, such as a nested structure's.
    fn from(error: BuildError) -> Self {
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
    for inner in causes(error) {
        let text = inner.to_string();
        if !GENERIC_CAUSES.contains(&text.as_str()) {
            words = text;
        }
    }
    words
}

/// `Display` already writes what each kind holds (the service's error, the
/// invalid input, the innermost cause of a dispatch failure), so `source()`
/// gives only what it does not: each cause appears once in a chain printed
/// with `{:#}` (anyhow) or `DisplayErrorContext`. What the kind holds is
/// still there, typed, through [`Error::kind`].
impl<E: ServiceError> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::InvalidInput(InvalidInput::Missing(e)) => e.source(),
            ErrorKind::InvalidInput(InvalidInput::Constraints(e)) => e.source(),
            // Its `Display` writes every cause's words.
            ErrorKind::Construction(_) => None,
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

    use smithy_lean_runtime::UnhandledError;

    /// Any service error does: the engine reads it through `ServiceError`.
    type ServiceFailure = UnhandledError;

    fn message(kind: ErrorKind<ServiceFailure>, attempts: u32) -> String {
        Error::new(kind)
            .with_call("CreateThing", None, attempts)
            .to_string()
    }

    fn service_error(headers: &[(&'static str, &str)]) -> ServiceFailure {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        let response =
            smithy_lean_runtime::error_response::read(&map, br#"{"Message":"no such thing"}"#);
        UnhandledError::new(response.meta, 400)
    }

    fn name_too_short() -> ValidationError {
        let mut violations = Vec::new();
        smithy_lean_runtime::validation::check_string_length(
            &mut violations,
            "",
            Some(1),
            Some(256),
            &|| "Name".to_owned(),
        );
        ValidationError::check(violations).unwrap_err()
    }

    #[test]
    fn every_kind_has_its_whole_message() {
        let missing = BuildError::missing("Tag", "key");
        let invalid = name_too_short();
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let cases = [
            (
                ErrorKind::InvalidInput(InvalidInput::Missing(missing)),
                "CreateThing failed: invalid input: `key` is required to build Tag but was not set",
            ),
            (
                ErrorKind::InvalidInput(InvalidInput::Constraints(invalid)),
                "CreateThing failed: invalid input: 1 constraint violation: \
                 `Name`: length must be between 1 and 256 characters, but it has 0",
            ),
            (
                ErrorKind::Construction(ConstructionFailure::new("no credentials")),
                "CreateThing failed: cannot build the request: no credentials",
            ),
            (
                ErrorKind::Construction(ConstructionFailure::with_source("signing", "bad key")),
                "CreateThing failed: cannot build the request: signing: bad key",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::io(io.into())),
                "CreateThing failed: connection failed: refused",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::timeout("no answer after 2s".into())),
                "CreateThing failed: timed out: no answer after 2s",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::other(
                    "message head is too large".into(),
                    None,
                )),
                "CreateThing failed: cannot send the request: message head is too large",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Attempt(Duration::from_millis(1500))),
                "CreateThing failed: an attempt took longer than its limit of 1.5s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Call(Duration::from_secs(30))),
                "CreateThing failed: the call took longer than its limit of 30s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::NoProgress(Duration::from_secs(5))),
                "CreateThing failed: the response made no progress for 5s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Credentials(Duration::from_secs(5))),
                "CreateThing failed: loading credentials took longer than its limit of 5s",
            ),
            (
                ErrorKind::Response(UnreadableResponse::new(
                    200,
                    "not JSON",
                    Some(BodyExcerpt::new(Some("text/html"), b"<html>\"x\"")),
                )),
                "CreateThing failed: unreadable response (HTTP 200): not JSON; \
                 text/html; body starts \"<html>\\\"x\\\"\"",
            ),
            (
                ErrorKind::Response(UnreadableResponse::new(200, "too large", None)),
                "CreateThing failed: unreadable response (HTTP 200): too large",
            ),
            (
                ErrorKind::Service(service_error(&[
                    ("x-amzn-errortype", "BadRequestException"),
                    ("x-amzn-requestid", "req-1"),
                ])),
                "CreateThing failed: BadRequestException: no such thing (HTTP 400, request id req-1)",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(message(kind, 1), expected);
        }
    }

    #[test]
    fn where_the_request_went_is_named_where_it_tells_something() {
        let sent = |kind: ErrorKind<ServiceFailure>| {
            Error::new(kind)
                .sent_to("chime.eu-cental-1.amazonaws.com:443".into())
                .with_call("CreateThing", None, 1)
                .to_string()
        };
        let io = std::io::Error::other("failed to lookup address information");
        let page = |status: u16| {
            let mut headers = http::HeaderMap::new();
            headers.insert("content-type", "text/html".parse().unwrap());
            headers.insert("x-amzn-requestid", "req-9".parse().unwrap());
            <ServiceFailure as smithy_lean_runtime::operation::OperationError>::from_response(
                status,
                &headers,
                b"<h1>Not Found</h1>",
            )
        };
        let cases = [
            (
                ErrorKind::Dispatch(ConnectorError::io(io.into())),
                "CreateThing failed: connection failed to chime.eu-cental-1.amazonaws.com:443: \
                 failed to lookup address information",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::timeout("no answer after 2s".into())),
                "CreateThing failed: timed out talking to chime.eu-cental-1.amazonaws.com:443: \
                 no answer after 2s",
            ),
            (
                ErrorKind::Dispatch(ConnectorError::other("head too large".into(), None)),
                "CreateThing failed: cannot send the request to \
                 chime.eu-cental-1.amazonaws.com:443: head too large",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Attempt(Duration::from_secs(2))),
                "CreateThing failed: an attempt to chime.eu-cental-1.amazonaws.com:443 \
                 took longer than its limit of 2s",
            ),
            (
                ErrorKind::Timeout(TimeoutError::Call(Duration::from_secs(2))),
                "CreateThing failed: the call took longer than its limit of 2s",
            ),
            (
                ErrorKind::Response(UnreadableResponse::new(200, "not JSON", None)),
                "CreateThing failed: unreadable response (HTTP 200) from \
                 chime.eu-cental-1.amazonaws.com:443: not JSON",
            ),
            (
                ErrorKind::Service(page(404)),
                "CreateThing failed: HTTP 404 from chime.eu-cental-1.amazonaws.com:443, \
                 not an AWS error response: text/html; body starts \"<h1>Not Found</h1>\" \
                 (request id req-9)",
            ),
            (
                ErrorKind::Service(service_error(&[("x-amzn-errortype", "Throttled")])),
                "CreateThing failed: Throttled: no such thing (HTTP 400)",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(sent(kind), expected);
        }
        // Without a destination, the same words without it.
        assert_eq!(
            message(ErrorKind::Service(page(502)), 1),
            "CreateThing failed: HTTP 502, not an AWS error response: text/html; \
             body starts \"<h1>Not Found</h1>\" (request id req-9)"
        );
        let error = Error::<ServiceFailure>::new(ErrorKind::Timeout(TimeoutError::Call(
            Duration::from_secs(1),
        )))
        .sent_to("h:1".into());
        assert_eq!(error.authority(), Some("h:1"));
    }

    #[test]
    fn a_construction_failure_says_each_cause_once_bounded() {
        #[derive(Debug)]
        struct Wrapper(std::io::Error);
        impl fmt::Display for Wrapper {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error occurred while loading credentials")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let reason = std::io::Error::other("no `aws_access_key_id` in profile `ops`");
        let error = Error::<ServiceFailure>::new(ErrorKind::Construction(
            ConstructionFailure::with_source("cannot load credentials", Wrapper(reason)),
        ));
        assert_eq!(
            error.to_string(),
            "cannot build the request: cannot load credentials: an error occurred while \
             loading credentials: no `aws_access_key_id` in profile `ops`"
        );
        assert!(std::error::Error::source(&error).is_none(), "said already");
        let flood = std::io::Error::other(format!("a\nb{}", "x".repeat(10_000)));
        let error = Error::<ServiceFailure>::new(ErrorKind::Construction(
            ConstructionFailure::with_source("cannot load credentials", Wrapper(flood)),
        ));
        let text = error.to_string();
        assert!(text.contains("credentials: a\\nbxxx"), "{text}");
        assert!(
            text.len() < smithy_lean_runtime::UNTRUSTED_TEXT_LIMIT + 150,
            "{}",
            text.len()
        );
    }

    /// An error that is its own cause: a chain without end.
    #[derive(Debug)]
    struct OwnCause;

    impl fmt::Display for OwnCause {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("looping")
        }
    }

    impl std::error::Error for OwnCause {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(self)
        }
    }

    /// Three errors, each the cause of the one before.
    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn a_chain_of_causes_without_end_is_walked_only_so_far() {
        let looping = Error::<ServiceFailure>::new(ErrorKind::Construction(
            ConstructionFailure::with_source("cannot load credentials", OwnCause),
        ));
        assert_eq!(
            looping.to_string(),
            "cannot build the request: cannot load credentials: looping"
        );
        let dispatch = Error::<ServiceFailure>::new(ErrorKind::Dispatch(ConnectorError::io(
            Box::new(OwnCause),
        )));
        assert_eq!(dispatch.to_string(), "connection failed: looping");
        let layers = Layer(
            "outer",
            Some(Box::new(Layer(
                "middle",
                Some(Box::new(Layer("inner", None))),
            ))),
        );
        let layered = Error::<ServiceFailure>::new(ErrorKind::Construction(
            ConstructionFailure::with_source("cannot load credentials", layers),
        ));
        assert_eq!(
            layered.to_string(),
            "cannot build the request: cannot load credentials: outer: middle: inner"
        );
    }

    #[test]
    fn service_details_and_attempts_appear_only_when_known() {
        let modelled = || service_error(&[("x-amzn-errortype", "BadRequestException")]);
        assert_eq!(
            message(ErrorKind::Service(modelled()), 3),
            "CreateThing failed: BadRequestException: no such thing (HTTP 400) [after 3 attempts]"
        );
        // An unmodelled error's own `Display` holds the status: it is not repeated.
        assert_eq!(
            message(ErrorKind::Service(service_error(&[])), 1),
            "CreateThing failed: unnamed error: no such thing (HTTP 400)"
        );
    }

    #[test]
    fn an_error_from_before_any_call_names_no_operation() {
        let missing = BuildError::missing("Tag", "key");
        let error: Error<ServiceFailure> = missing.into();
        assert_eq!(
            error.to_string(),
            "invalid input: `key` is required to build Tag but was not set"
        );
        assert_eq!(error.operation(), None);
    }

    #[test]
    fn a_caller_width_or_precision_reaches_no_inner_value() {
        let error = Error::<ServiceFailure>::new(ErrorKind::Timeout(TimeoutError::Attempt(
            Duration::from_millis(1500),
        )))
        .with_call("CreateThing", None, 1);
        assert_eq!(
            format!("{error:>90.0}"),
            "CreateThing failed: an attempt took longer than its limit of 1.5s"
        );
    }
}
