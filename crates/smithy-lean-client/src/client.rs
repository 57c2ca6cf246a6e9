//! The client's engine: one logical call of any operation, from its input
//! to its output or error, through the token, the endpoint, signing,
//! attempts, retries and time limits.

use crate::clock::{ClockSkew, is_clock_skew_error};
use crate::config::{Config, ConfigBuilder};
use crate::endpoint::{self, BuiltIns, ContextValue, Endpoint, Service, ServiceAuth};
use crate::error::{
    ConstructionFailure, Error, ErrorKind, InvalidInput, TimeoutError, UnreadableResponse,
};
use crate::identity::{CachedCredentials, CachedToken, LoadFailure};
use crate::interceptor::AttemptOutcome;
use crate::operation::{InputBuilder, Operation};
use crate::retry::{Retry, RetryQuota, backoff, classify_service_error};
use crate::signing::{Signer, payload_hash};
use crate::stalled_stream::{BodyFailure, GuardedBody, head_within, read_body};
use crate::token::{ClientRequestToken, IdempotencyTokenProvider, RandomUuidTokens};
use crate::user_agent::UserAgents;
use crate::{checksum, compression};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use aws_types::SdkConfig;
use http::header::{AUTHORIZATION, HOST, HeaderValue, USER_AGENT};
use smithy_lean_runtime::builders::StructureBuilder;
use smithy_lean_runtime::operation::{
    OperationAuth, OperationError, OperationInput, OperationOutput,
};
use smithy_lean_runtime::validation::Validate;
use smithy_lean_runtime::{BodyExcerpt, ServiceError, UntrustedText};
use std::borrow::Cow;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};
use tracing::{Instrument, field};

/// The largest response body read whole unless the configuration says
/// otherwise (`ConfigBuilder::max_response_body_size`): larger than any AWS
/// API's answer that is not a stream (Lambda's `Invoke` returns up to
/// 6 MiB), and a bound on what a peer can make a client hold.
pub const MAX_RESPONSE_BODY: usize = 64 << 20;

/// The engine of a generated client: it calls any [`Operation`] of its
/// [`Service`]. A generated `Client` wraps it and adds one method per
/// operation.
///
/// Cheap to clone: clones share one connection pool, one resolved endpoint
/// and one retry quota.
#[derive(Clone, Debug)]
pub struct Handle {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    service: &'static Service,
    /// The rule parameters from configuration, or why the configuration
    /// gives none (a custom endpoint URL that cannot be used).
    built_ins: Result<BuiltIns, String>,
    /// Resolved once from the built-ins, for every call that sets no rule
    /// parameters of its own. A failure is kept and reported by every
    /// such call, as the AWS SDKs do.
    endpoint: Result<Endpoint, String>,
    /// The endpoint under each host prefix calls have used, worked out once
    /// each: a service has few prefixes, and every call of an operation
    /// uses the same.
    prefixed: std::sync::RwLock<Vec<(Option<&'static str>, Arc<Prefixed>)>>,
    connector: SharedHttpConnector,
    /// Shared with the handles of calls that override the configuration.
    quota: Arc<RetryQuota>,
    signer: Signer,
    /// `None` when no provider is configured; calls then say so.
    credentials: Option<Arc<CachedCredentials>>,
    /// Bearer tokens, likewise, for a service that takes them.
    bearer_tokens: Option<Arc<CachedToken>>,
    /// The service's clock as its responses tell it, for signing (an event
    /// stream's body signs each message as it goes, so it keeps a handle).
    clock: Arc<ClockSkew>,
    /// Makes each call's `amz-sdk-invocation-id`.
    invocation_ids: RandomUuidTokens,
    /// Which client sends the requests.
    user_agents: UserAgents,
}

/// What every attempt of one call sends alike, and where it stands.
struct CallState {
    /// The `amz-sdk-invocation-id`: one per logical call, on every attempt,
    /// so that the service can tell retries from new calls.
    invocation_id: HeaderValue,
    attempt: u32,
    max_attempts: u32,
}

impl CallState {
    /// The `amz-sdk-request` header: which attempt this is, of how many.
    fn request_header(&self) -> HeaderValue {
        // Written into a buffer on the stack: it is made on every attempt,
        // and formatting through `String`s cost more than the rest of the
        // attempt's headers together.
        let mut text = [0u8; 40];
        let mut len = 0;
        for part in [
            Part::Text(b"attempt="),
            Part::Number(self.attempt),
            Part::Text(b"; max="),
            Part::Number(self.max_attempts),
        ] {
            len += part.write(&mut text[len..]);
        }
        HeaderValue::from_bytes(&text[..len]).expect("digits and ASCII punctuation")
    }
}

/// A piece of the `amz-sdk-request` header.
enum Part {
    Text(&'static [u8]),
    Number(u32),
}

impl Part {
    /// Writes the piece at the start of `out`, which has room for it, and
    /// says how long it is.
    fn write(self, out: &mut [u8]) -> usize {
        match self {
            Part::Text(text) => {
                out[..text.len()].copy_from_slice(text);
                text.len()
            }
            Part::Number(mut number) => {
                let mut digits = [0u8; 10];
                let mut start = digits.len();
                loop {
                    start -= 1;
                    digits[start] = b'0' + (number % 10) as u8;
                    number /= 10;
                    if number == 0 {
                        break;
                    }
                }
                let digits = &digits[start..];
                out[..digits.len()].copy_from_slice(digits);
                digits.len()
            }
        }
    }
}

/// The endpoint's URL with a host prefix, and the `Host` header it gives.
#[derive(Debug)]
struct Prefixed {
    base_url: String,
    host: HeaderValue,
}

/// What an operation made of a response; the typed answer stays with it.
enum Reading {
    /// Its output, read.
    Output,
    /// The service's error, read, and how to go on.
    ServiceError(Retry),
    /// The body is not what the operation expects, and why.
    Unreadable(String),
}

/// A response's body as an operation reads it.
enum ResponseBody<'a> {
    /// Read whole, within the configured limit ([`MAX_RESPONSE_BODY`] by default).
    Whole(&'a [u8]),
    /// Still arriving: a streaming output's payload, which the caller reads.
    Streaming(SdkBody),
}

/// An operation's reading of a response (status, headers, body, whether
/// its `Date` was read), type-erased so that one copy of the attempt path
/// serves every operation.
type ReadResponse<'a> =
    dyn FnMut(u16, &http::HeaderMap, ResponseBody<'_>, bool) -> Reading + Send + 'a;

/// Why the attempts failed, before the operation's error type is known.
enum Failure {
    /// The service answered with an error, which the operation kept.
    Service,
    /// Anything else.
    Kind(ErrorKind<Infallible>),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Service => f.write_str("the service's error"),
            Failure::Kind(kind) => std::fmt::Display::fmt(kind, f),
        }
    }
}

/// A failure of the attempts as the operation's error kind.
fn widen<E>(kind: ErrorKind<Infallible>) -> ErrorKind<E> {
    match kind {
        ErrorKind::InvalidInput(e) => ErrorKind::InvalidInput(e),
        ErrorKind::Construction(e) => ErrorKind::Construction(e),
        ErrorKind::Dispatch(e) => ErrorKind::Dispatch(e),
        ErrorKind::Timeout(e) => ErrorKind::Timeout(e),
        ErrorKind::Response(e) => ErrorKind::Response(e),
        ErrorKind::Service(never) => match never {},
    }
}

/// The operation's request, built once per call from the input and put
/// under the endpoint (with the operation's host prefix): every attempt
/// signs and sends the same one.
struct Prepared {
    method: http::Method,
    uri: http::Uri,
    host: HeaderValue,
    /// The operation's own headers, such as the body's content type.
    headers: http::HeaderMap,
    /// In memory, or a streaming payload; each attempt sends a copy where
    /// the body can make one (bytes, a file), else the body itself, once.
    body: SdkBody,
    /// Which statuses hand their body over unread: a streaming output's
    /// successes (`None` for an operation without one).
    streams_on: Option<fn(u16) -> bool>,
    /// Whether SigV4 leaves the body out of the signature
    /// (`aws.auth#unsignedPayload`).
    unsigned_payload: bool,
    /// How the operation's requests are authenticated.
    auth: OperationAuth,
    /// An input's event stream, which the first attempt sends as its body
    /// (signed message by message where the request is signed).
    #[cfg(feature = "event-stream")]
    events: Option<smithy_lean_runtime::event_stream::MessageStream>,
    /// Whether the request's body is an event stream, which is sent once.
    event_stream: bool,
    /// Whether a successful response's body is an event stream, read
    /// without the stalled-stream checks.
    event_stream_output: bool,
}

impl Prepared {
    /// The body for the next attempt, or `None` once a stream that cannot
    /// be read again has been sent.
    fn next_body(&mut self) -> Option<SdkBody> {
        self.body.try_clone().or_else(|| {
            match std::mem::replace(&mut self.body, SdkBody::taken()) {
                taken if taken.is_streaming() => Some(taken),
                _ => None,
            }
        })
    }

    /// Whether every attempt can send the whole body: false for a stream
    /// that can be read only once, which leaves no body for a retry.
    fn replayable(&self) -> bool {
        !self.event_stream && self.body.try_clone().is_some()
    }
}

impl Handle {
    /// An engine for `service`, configured from an [`SdkConfig`], as AWS SDK clients are.
    pub fn new(service: &'static Service, sdk_config: &SdkConfig) -> Self {
        Self::from_conf(service, Config::from_sdk_config(sdk_config))
    }

    /// An engine for `service` with this configuration.
    pub fn from_conf(service: &'static Service, config: Config) -> Self {
        let connector = config
            .http_connector
            .clone()
            .unwrap_or_else(|| default_connector(&config));
        let (built_ins, endpoint) = endpoint_of(service, &config);
        let credentials = credentials_of(&config);
        let bearer_tokens = bearer_tokens_of(&config);
        Self {
            inner: Arc::new(Inner {
                config,
                service,
                built_ins,
                endpoint,
                prefixed: Default::default(),
                connector,
                quota: Arc::default(),
                signer: Signer::default(),
                credentials,
                bearer_tokens,
                clock: Arc::default(),
                invocation_ids: RandomUuidTokens::from_os_entropy(),
                user_agents: UserAgents::of(service),
            }),
        }
    }

    /// This engine for one call whose configuration `over` overrides
    /// (`customize().config_override(..)`): what the override changes is
    /// worked out anew; the connection pool, the cached credentials, the
    /// retry quota and the service's clock are this engine's, shared.
    pub fn overridden(&self, over: ConfigBuilder) -> Handle {
        let inner = &*self.inner;
        let (config, changed) = inner.config.overridden_by(over);
        let connector = match (changed.connector, &config.http_connector) {
            (false, _) => inner.connector.clone(),
            (true, Some(connector)) => connector.clone(),
            (true, None) => default_connector(&config),
        };
        let (built_ins, endpoint) = match changed.endpoint {
            true => endpoint_of(inner.service, &config),
            false => (inner.built_ins.clone(), inner.endpoint.clone()),
        };
        let credentials = match changed.credentials {
            true => credentials_of(&config),
            false => inner.credentials.clone(),
        };
        let bearer_tokens = match changed.bearer_tokens {
            true => bearer_tokens_of(&config),
            false => inner.bearer_tokens.clone(),
        };
        Handle {
            inner: Arc::new(Inner {
                config,
                service: inner.service,
                built_ins,
                endpoint,
                prefixed: Default::default(),
                connector,
                quota: inner.quota.clone(),
                signer: Signer::default(),
                credentials,
                bearer_tokens,
                clock: inner.clock.clone(),
                invocation_ids: RandomUuidTokens::from_os_entropy(),
                user_agents: inner.user_agents.clone(),
            }),
        }
    }

    /// The client's configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// A fresh idempotency token from the configured provider, for a caller
    /// that fills the token member itself and wants to know it.
    pub fn make_idempotency_token(&self) -> String {
        self.inner.config.idempotency_tokens.make_token()
    }

    /// The service this engine calls.
    pub fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The resolved endpoint (before any operation's host prefix), or why there is none.
    pub fn endpoint(&self) -> Result<&Endpoint, &str> {
        self.inner.endpoint.as_ref().map_err(String::as_str)
    }

    /// Where calls of `O` go: the endpoint with the operation's host prefix
    /// (unless the configuration turns prefixes off), or why there is none.
    pub fn endpoint_of<O: Operation>(&self) -> Result<Endpoint, String> {
        let endpoint = self.endpoint().map_err(str::to_owned)?;
        Ok(Endpoint {
            base_url: self
                .prefixed(endpoint, O::Input::HOST_PREFIX)?
                .base_url
                .clone(),
            ..endpoint.clone()
        })
    }

    /// One call of `O` from its input's builder, as a fluent builder's
    /// `send()` makes it: the input built (a missing required member is an
    /// error naming it, before any I/O), then [`call`](Self::call).
    pub async fn send<O: Operation>(
        &self,
        builder: InputBuilder<O>,
    ) -> Result<O::Output, Error<O::Error>> {
        let input = builder
            .build_structure()
            .map_err(|e| Error::missing(O::NAME, e))?;
        Ok(self.call::<O>(input).await?.0)
    }

    /// [`send`](Self::send), returning the idempotency token the call sent
    /// with the output, to repeat the call later without the service doing
    /// its work twice. An operation without a token is an error.
    pub async fn send_with_token<O: Operation>(
        &self,
        builder: InputBuilder<O>,
    ) -> Result<(O::Output, ClientRequestToken), Error<O::Error>> {
        let input = builder
            .build_structure()
            .map_err(|e| Error::missing(O::NAME, e))?;
        match self.call::<O>(input).await? {
            (output, Some(token)) => Ok((output, token)),
            (_, None) => Err(Error::new(ErrorKind::Construction(
                ConstructionFailure::new(format!("{} has no idempotency token", O::NAME)),
            ))),
        }
    }

    /// One logical call of `O`: the idempotency token filled once (when the
    /// operation has one and the input does not), then the attempts. Returns
    /// the output with the token the call sent.
    pub async fn call<O: Operation>(
        &self,
        mut input: O::Input,
    ) -> Result<(O::Output, Option<ClientRequestToken>), Error<O::Error>> {
        let config = &self.inner.config;
        // Once per logical call, before the first attempt: every retry
        // then carries the same token and the same body.
        let token = input
            .fill_idempotency_token(&mut || config.idempotency_tokens.make_token())
            .map(ClientRequestToken::from);
        let attempts = AtomicU32::new(0);
        let span = tracing::info_span!(
            "call",
            operation = O::NAME,
            attempts = field::Empty,
            status = field::Empty,
            error = field::Empty,
            request_id = field::Empty,
        );
        let attempts_made = self
            .attempts::<O>(input, &attempts)
            .instrument(span.clone());
        let outcome = match config.timeouts.operation_timeout() {
            Some(limit) => tokio::time::timeout(limit, attempts_made)
                .await
                .unwrap_or_else(|_| Err(Error::new(ErrorKind::Timeout(TimeoutError::Call(limit))))),
            None => attempts_made.await,
        };
        let attempts = attempts.load(Ordering::Relaxed);
        span.record("attempts", attempts);
        match outcome {
            Ok(output) => Ok((output, token)),
            Err(error) => {
                if let Some(status) = error.http_status() {
                    span.record("status", status);
                }
                if let Some(service) = error.as_service_error() {
                    span.record("error", service.error_name().unwrap_or("unknown"));
                } else {
                    span.record("error", field::display(error.kind()));
                }
                if let Some(id) = error.request_id() {
                    span.record("request_id", field::display(UntrustedText(id)));
                }
                Err(error.with_call(O::NAME, token.as_ref(), attempts))
            }
        }
    }

    /// The typed side of a call: what only the operation knows (validation,
    /// mock answers, its request, how to read its responses), around the
    /// attempts, which are the same for every operation and compiled once.
    async fn attempts<O: Operation>(
        &self,
        input: O::Input,
        attempts: &AtomicU32,
    ) -> Result<O::Output, Error<O::Error>> {
        let inner = &*self.inner;
        if inner.config.validate_input {
            input
                .check_constraints()
                .map_err(|e| Error::new(ErrorKind::InvalidInput(InvalidInput::Constraints(e))))?;
        }
        let construction =
            |why: String| Error::new(ErrorKind::Construction(ConstructionFailure::new(why)));
        #[cfg(feature = "test-util")]
        if let Some(rules) = &inner.config.mock_rules {
            return match rules.iter().find_map(|rule| rule.answer::<O>(&input)) {
                Some(Ok(output)) => Ok(output),
                Some(Err(error)) => Err(Error::new(ErrorKind::Service(error))),
                None => Err(construction(format!(
                    "no mock rule answers this {} call",
                    O::NAME
                ))),
            };
        }
        // An operation that sets rule parameters of its own has an
        // endpoint of this call's.
        let context = input.endpoint_context();
        let own_endpoint = match context.is_empty() {
            true => None,
            false => {
                let built_ins = inner
                    .built_ins
                    .as_ref()
                    .map_err(|why| construction(why.clone()))?;
                Some(resolve_endpoint(inner.service, built_ins, &context).map_err(construction)?)
            }
        };
        let endpoint = match &own_endpoint {
            Some(endpoint) => endpoint,
            None => inner
                .endpoint
                .as_ref()
                .map_err(|why| construction(why.clone()))?,
        };
        let host_prefix = input
            .host_prefix()
            .map_err(|e| construction(e.message().to_owned()))?;
        let mut request = input
            .into_http_request()
            .map_err(|e| construction(e.message().to_owned()))?;
        #[cfg(feature = "event-stream")]
        let events = smithy_lean_runtime::event_stream::take_message_stream(&mut request);
        // Once a call, in this order: the checksum is of the body as sent.
        let config = &inner.config;
        let encodings = O::Input::REQUEST_COMPRESSION;
        if !encodings.is_empty() && !config.disable_request_compression {
            compression::compress(&mut request, encodings, config.request_min_compression_size)
                .map_err(|e| construction(format!("cannot compress the request body: {e}")))?;
        }
        if O::Input::CHECKSUM_REQUIRED {
            checksum::add_content_md5(&mut request, O::NAME).map_err(construction)?;
        }
        if O::Input::SHA256_TREE_HASH {
            checksum::add_tree_hash(&mut request, O::NAME).map_err(construction)?;
        }
        let streams_on = O::Output::STREAMING.then_some(O::is_success as fn(u16) -> bool);
        let mut prepared = self
            .prepare(
                endpoint,
                own_endpoint.is_some(),
                host_prefix,
                request,
                streams_on,
            )
            .map_err(construction)?;
        prepared.unsigned_payload = O::Input::UNSIGNED_PAYLOAD;
        prepared.auth = O::Input::AUTH;
        prepared.event_stream_output = O::Output::EVENT_STREAM;
        #[cfg(feature = "event-stream")]
        {
            prepared.event_stream = events.is_some();
            prepared.events = events;
        }
        // The last attempt's answer, as the operation read it.
        let mut answer: Option<Result<O::Output, O::Error>> = None;
        let mut read =
            |status: u16, headers: &http::HeaderMap, body: ResponseBody<'_>, clock_read: bool| {
                let body = match body {
                    ResponseBody::Whole(body) => body,
                    ResponseBody::Streaming(body) => {
                        let stream = ByteStream::new(body);
                        return match O::Output::from_streaming_response(status, headers, stream) {
                            Ok(output) => {
                                answer = Some(Ok(output));
                                Reading::Output
                            }
                            Err(e) => Reading::Unreadable(e.to_string()),
                        };
                    }
                };
                if O::is_success(status) {
                    return match O::Output::from_response(status, headers, body) {
                        Ok(output) => {
                            answer = Some(Ok(output));
                            Reading::Output
                        }
                        Err(e) => Reading::Unreadable(e.to_string()),
                    };
                }
                let error = O::Error::from_response(status, headers, body);
                let retry = self.service_verdict(&error, status, clock_read);
                answer = Some(Err(error));
                Reading::ServiceError(retry)
            };
        let outcome = self
            .attempts_of(endpoint, &mut prepared, attempts, &mut read)
            .await;
        let sent = |kind| Error::new(kind).sent_to(authority(&prepared.uri));
        match (outcome, answer) {
            (Ok(()), Some(Ok(output))) => Ok(output),
            (Err(Failure::Service), Some(Err(error))) => Err(sent(ErrorKind::Service(error))),
            (Err(Failure::Kind(kind)), _) => Err(sent(widen(kind))),
            // The reader keeps an answer for every reading it reports.
            _ => Err(construction(
                "the response was read but not kept".to_owned(),
            )),
        }
    }

    /// The attempts of one call, whatever the operation: `read` turns each
    /// response into the operation's answer, which it keeps.
    async fn attempts_of(
        &self,
        endpoint: &Endpoint,
        prepared: &mut Prepared,
        attempts: &AtomicU32,
        read: &mut ReadResponse<'_>,
    ) -> Result<(), Failure> {
        let inner = &*self.inner;
        // A stream that can be read only once leaves nothing to send again.
        let max_attempts = if prepared.replayable() {
            inner.config.retry.max_attempts().max(1)
        } else {
            1
        };
        let invocation_id = HeaderValue::from_str(&inner.invocation_ids.make_token())
            .expect("a UUID is a valid header value");
        let mut call = CallState {
            invocation_id,
            attempt: 1,
            max_attempts,
        };
        let mut spent = 0;
        let mut corrected_skew = false;
        loop {
            let attempt = call.attempt;
            let span = tracing::info_span!(
                "attempt",
                attempt,
                status = field::Empty,
                error = field::Empty,
                request_id = field::Empty,
            );
            let (error, mut retry) = match self
                .attempt(endpoint, prepared, &call, attempts, read)
                .instrument(span)
                .await
            {
                Ok(()) => {
                    inner.quota.release(spent);
                    return Ok(());
                }
                Err(failure) => failure,
            };
            // A new clock reading makes the next attempt differ from this
            // one; without it, it would fail the same way. Once a call.
            if retry == Retry::ClockSkew {
                if corrected_skew {
                    retry = Retry::No;
                }
                corrected_skew = true;
            }
            if attempt >= max_attempts {
                return Err(error);
            }
            let Some(cost) = inner.quota.acquire(retry) else {
                if retry != Retry::No {
                    tracing::debug!("retry quota spent; not retrying");
                }
                return Err(error);
            };
            spent += cost;
            let wait = match retry {
                // The cause is gone already: no reason to wait.
                Retry::ClockSkew => Duration::ZERO,
                _ => backoff(&inner.config.retry, attempt, fastrand::f64()),
            };
            tracing::debug!(?wait, error = %error, "retrying");
            tokio::time::sleep(wait).await;
            call.attempt += 1;
        }
    }

    /// How to go on after the service's error, whatever its operation; the
    /// attempt's span gets its name and request id.
    fn service_verdict(&self, error: &dyn ServiceError, status: u16, clock_read: bool) -> Retry {
        let span = tracing::Span::current();
        if let Some(name) = error.error_name() {
            span.record("error", name);
        }
        if let Some(id) = error.request_id() {
            span.record("request_id", field::display(UntrustedText(id)));
        }
        if clock_read && is_clock_skew_error(error.error_name(), error.error_message()) {
            tracing::debug!(
                skew_ms = self.inner.clock.get(),
                "signed outside the service's window"
            );
            Retry::ClockSkew
        } else {
            classify_service_error(error.is_retryable(), error.error_name(), status)
        }
    }

    /// The operation's request under the endpoint, with its host prefix
    /// unless the configuration turns prefixes off. `call_endpoint`: the
    /// endpoint is this call's own, not the client's, whose prefixed forms
    /// are kept.
    fn prepare(
        &self,
        endpoint: &Endpoint,
        call_endpoint: bool,
        host_prefix: Option<Cow<'static, str>>,
        request: http::Request<SdkBody>,
        streams_on: Option<fn(u16) -> bool>,
    ) -> Result<Prepared, String> {
        let host_prefix = host_prefix.filter(|_| !self.inner.config.disable_host_prefix);
        let prefixed = match host_prefix {
            _ if call_endpoint => Arc::new(Self::prefix(endpoint, host_prefix.as_deref())?),
            // The model's own prefix: the same on every call, kept.
            None => self.prefixed(endpoint, None)?,
            Some(Cow::Borrowed(prefix)) => self.prefixed(endpoint, Some(prefix))?,
            // One with the input's host labels: this call's.
            Some(Cow::Owned(prefix)) => Arc::new(Self::prefix(endpoint, Some(&prefix))?),
        };
        let (parts, body) = request.into_parts();
        let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let url = [prefixed.base_url.as_str(), path_and_query].concat();
        let uri: http::Uri = url
            .parse()
            .map_err(|e| format!("the request URL `{url}` is not valid: {e}"))?;
        Ok(Prepared {
            method: parts.method,
            uri,
            host: prefixed.host.clone(),
            headers: parts.headers,
            body,
            streams_on,
            unsigned_payload: false,
            auth: OperationAuth::Service,
            #[cfg(feature = "event-stream")]
            events: None,
            event_stream: false,
            event_stream_output: false,
        })
    }

    /// The endpoint under `host_prefix` (none when prefixes are off), from
    /// the cache or worked out and kept.
    fn prefixed(
        &self,
        endpoint: &Endpoint,
        host_prefix: Option<&'static str>,
    ) -> Result<Arc<Prefixed>, String> {
        let host_prefix = host_prefix.filter(|_| !self.inner.config.disable_host_prefix);
        let cached = |entries: &[(Option<&'static str>, Arc<Prefixed>)]| {
            entries
                .iter()
                .find(|(prefix, _)| *prefix == host_prefix)
                .map(|(_, prefixed)| prefixed.clone())
        };
        // A poisoned lock only means a panic elsewhere: the entries are
        // whole either way.
        if let Some(found) = cached(
            &self
                .inner
                .prefixed
                .read()
                .unwrap_or_else(|e| e.into_inner()),
        ) {
            return Ok(found);
        }
        let prefixed = Arc::new(Self::prefix(endpoint, host_prefix)?);
        let mut entries = self
            .inner
            .prefixed
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if cached(&entries).is_none() {
            entries.push((host_prefix, prefixed.clone()));
        }
        Ok(prefixed)
    }

    /// The endpoint under `host_prefix`, worked out.
    fn prefix(endpoint: &Endpoint, host_prefix: Option<&str>) -> Result<Prefixed, String> {
        let base_url = endpoint::with_host_prefix(&endpoint.base_url, host_prefix)
            .map_err(|e| format!("cannot resolve the endpoint: {e}"))?;
        let host = base_url
            .parse::<http::Uri>()
            .ok()
            .and_then(|uri| HeaderValue::from_str(uri.authority()?.as_str()).ok())
            .ok_or_else(|| format!("the endpoint URL `{base_url}` has no valid host"))?;
        Ok(Prefixed { base_url, host })
    }

    /// One attempt, within the attempt timeout: sign, send, read, classify.
    async fn attempt(
        &self,
        endpoint: &Endpoint,
        prepared: &mut Prepared,
        call: &CallState,
        attempts: &AtomicU32,
        read: &mut ReadResponse<'_>,
    ) -> Result<(), (Failure, Retry)> {
        let work = self.attempt_untimed(endpoint, prepared, call, attempts, read);
        let Some(limit) = self.inner.config.timeouts.operation_attempt_timeout() else {
            return work.await;
        };
        match tokio::time::timeout(limit, work).await {
            Ok(outcome) => outcome,
            Err(_) => Err(timed_out("timeout", TimeoutError::Attempt(limit))),
        }
    }

    async fn attempt_untimed(
        &self,
        endpoint: &Endpoint,
        prepared: &mut Prepared,
        call: &CallState,
        attempts: &AtomicU32,
        read: &mut ReadResponse<'_>,
    ) -> Result<(), (Failure, Retry)> {
        let inner = &*self.inner;
        let request = self.signed_request(endpoint, prepared, call).await?;
        // From here on, the attempt has reached the network.
        attempts.store(call.attempt, Ordering::Relaxed);
        let dispatch_failure = |e: ConnectorError| {
            let retry = if e.is_timeout() {
                Retry::Timeout
            } else if e.is_user() {
                Retry::No
            } else {
                Retry::Transient
            };
            tracing::Span::current().record("error", field::display(&e));
            (Failure::Kind(ErrorKind::Dispatch(e)), retry)
        };
        let stalled = |grace: Duration| timed_out("stalled", TimeoutError::NoProgress(grace));
        let grace = inner.config.stall_grace();
        let head_limit = grace.map(|grace| {
            grace.saturating_add(inner.config.timeouts.connect_timeout().unwrap_or_default())
        });
        let interceptors = &inner.config.interceptors;
        for interceptor in interceptors {
            interceptor.read_before_transmit(&request);
        }
        let after_attempt = |response: Option<&HttpResponse>| {
            let outcome = AttemptOutcome {
                attempt: call.attempt,
                response,
            };
            for interceptor in interceptors {
                interceptor.read_after_attempt(&outcome);
            }
        };
        let response = head_within(inner.connector.call(request), head_limit).await;
        let response = match response {
            Ok(Ok(response)) => response,
            Ok(Err(e)) => {
                after_attempt(None);
                return Err(dispatch_failure(e));
            }
            Err(_) => {
                after_attempt(None);
                return Err(stalled(grace.unwrap_or_default()));
            }
        };
        after_attempt(Some(&response));
        let received = SystemTime::now();
        let status = response.status().as_u16();
        let response = response
            .try_into_http1x()
            .map_err(|e| dispatch_failure(ConnectorError::other(e.into(), None)))?;
        let (parts, response_body) = response.into_parts();
        let headers = parts.headers;
        let clock_read = inner.clock.observe(&headers, received);
        tracing::Span::current().record("status", status);
        if prepared.streams_on.is_some_and(|streams| streams(status)) {
            // The caller reads it, under the same stalled-stream checks;
            // but an event stream's events come when they come, and a
            // pause between them is no stall.
            let body = match grace {
                Some(grace) if !prepared.event_stream_output => {
                    SdkBody::from_body_1_x(GuardedBody::new(response_body, grace))
                }
                _ => SdkBody::from_body_1_x(response_body),
            };
            return match read(status, &headers, ResponseBody::Streaming(body), clock_read) {
                Reading::Output => Ok(()),
                Reading::ServiceError(retry) => Err((Failure::Service, retry)),
                Reading::Unreadable(reason) => {
                    let error = UnreadableResponse::new(status, reason, None);
                    Err((Failure::Kind(ErrorKind::Response(error)), Retry::No))
                }
            };
        }
        let limit = self.inner.config.max_response_body;
        let body = match read_body(response_body, limit, grace).await {
            Ok(body) => body,
            Err(BodyFailure::TooLarge) => {
                let reason = format!("the body is larger than {limit} bytes");
                let error = UnreadableResponse::new(status, reason, None);
                return Err((Failure::Kind(ErrorKind::Response(error)), Retry::No));
            }
            Err(BodyFailure::Stalled(grace)) => return Err(stalled(grace)),
            Err(BodyFailure::Read(e)) => return Err(dispatch_failure(ConnectorError::io(e))),
        };
        match read(status, &headers, ResponseBody::Whole(&body), clock_read) {
            Reading::Output => Ok(()),
            Reading::ServiceError(retry) => Err((Failure::Service, retry)),
            Reading::Unreadable(reason) => {
                let excerpt = BodyExcerpt::of_response(&headers, &body);
                let error = UnreadableResponse::new(status, reason, Some(excerpt));
                Err((Failure::Kind(ErrorKind::Response(error)), Retry::No))
            }
        }
    }

    async fn signed_request(
        &self,
        endpoint: &Endpoint,
        prepared: &mut Prepared,
        call: &CallState,
    ) -> Result<HttpRequest, (Failure, Retry)> {
        let construction = |what: &str, source: Box<dyn std::error::Error + Send + Sync>| {
            let failure = ConstructionFailure::with_source(what, source);
            (Failure::Kind(ErrorKind::Construction(failure)), Retry::No)
        };
        // A service, or an operation, that takes anonymous requests needs
        // no identity; one that takes them optionally, none configured.
        let inner = &*self.inner;
        let has_identity = match inner.service.auth {
            ServiceAuth::SigV4 { .. } => inner.credentials.is_some(),
            ServiceAuth::Bearer => inner.bearer_tokens.is_some(),
            ServiceAuth::Anonymous => false,
        };
        let service_auth = match prepared.auth {
            OperationAuth::Anonymous => ServiceAuth::Anonymous,
            OperationAuth::Optional if !has_identity => ServiceAuth::Anonymous,
            OperationAuth::Service | OperationAuth::Optional => inner.service.auth,
        };
        let signing_name = match service_auth {
            ServiceAuth::SigV4 { .. } => endpoint.signing_name.as_ref(),
            ServiceAuth::Bearer | ServiceAuth::Anonymous => None,
        };
        let bearer = match service_auth {
            ServiceAuth::Bearer => Some(self.bearer_header().await?),
            ServiceAuth::SigV4 { .. } | ServiceAuth::Anonymous => None,
        };
        let credentials = match signing_name {
            None => None,
            Some(signing_name) => {
                let cache = self.inner.credentials.as_ref().ok_or_else(|| {
                    let failure = ConstructionFailure::new("no credentials provider is configured");
                    (Failure::Kind(ErrorKind::Construction(failure)), Retry::No)
                })?;
                let credentials = cache.get().await.map_err(|failure| match failure {
                    LoadFailure::Provider(e) => construction("cannot load credentials", e.into()),
                    LoadFailure::TimedOut(limit) => (
                        Failure::Kind(ErrorKind::Timeout(TimeoutError::Credentials(limit))),
                        Retry::No,
                    ),
                })?;
                Some((credentials, signing_name))
            }
        };
        // Room for every header the request will carry, signing's and the
        // attempt's too: a map that grows is rehashed.
        let mut headers =
            http::HeaderMap::with_capacity(prepared.headers.len() + endpoint.headers.len() + 10);
        headers.insert(HOST, prepared.host.clone());
        headers.insert(USER_AGENT, inner.user_agents.user_agent.clone());
        // Before signing, as the AWS SDKs add it: it is signed.
        headers.insert(AMZ_USER_AGENT, inner.user_agents.amz_user_agent.clone());
        for (name, value) in &prepared.headers {
            headers.append(name, value.clone());
        }
        for (name, value) in &endpoint.headers {
            let name = http::HeaderName::try_from(name.as_str()).map_err(|e| {
                construction("the endpoint names a header that cannot be sent", e.into())
            })?;
            let value = HeaderValue::try_from(value.as_str()).map_err(|e| {
                construction(
                    "the endpoint gives a header value that cannot be sent",
                    e.into(),
                )
            })?;
            headers.append(name, value);
        }
        let body = prepared.next_body().ok_or_else(|| {
            let failure = ConstructionFailure::new(
                "the request's stream was sent already, and cannot be read again",
            );
            (Failure::Kind(ErrorKind::Construction(failure)), Retry::No)
        })?;
        let mut request = http::Request::new(body);
        *request.method_mut() = prepared.method.clone();
        *request.uri_mut() = prepared.uri.clone();
        *request.headers_mut() = headers;
        // Before signing, so that what they change is signed.
        let interceptors = &inner.config.interceptors;
        if !interceptors.is_empty() {
            let mut intercepted = HttpRequest::try_from(request)
                .map_err(|e| construction("cannot build the HTTP request", e.into()))?;
            for interceptor in interceptors {
                interceptor.modify_before_signing(&mut intercepted);
            }
            request = intercepted.try_into_http1x().map_err(|e| {
                construction(
                    "an interceptor left a request that cannot be sent",
                    e.into(),
                )
            })?;
        }
        // A stream's bytes are not known before it is sent: its payload
        // goes unsigned, as the AWS SDKs send one; so does any body of an
        // operation the model signs without its payload.
        let signed_body = if prepared.unsigned_payload {
            None
        } else {
            request.body().bytes()
        };
        // An event stream's messages are signed one by one, each chained
        // from the request's signature, which covers none of them.
        let payload_hash = match credentials {
            None => None,
            Some(_) if prepared.event_stream => {
                request.headers_mut().insert(
                    CONTENT_SHA256,
                    HeaderValue::from_static(SIGNED_EVENTS_PAYLOAD),
                );
                Some(SIGNED_EVENTS_PAYLOAD.to_owned())
            }
            Some(_) => Some(payload_hash(signed_body)),
        };
        if let (Some((credentials, signing_name)), Some(payload_hash)) =
            (&credentials, payload_hash)
        {
            self.inner
                .signer
                .sign(
                    &mut request,
                    &payload_hash,
                    credentials,
                    &endpoint.signing_region,
                    signing_name,
                    self.inner.clock.now(),
                )
                .map_err(|e| construction("cannot sign the request", e))?;
        }
        #[cfg(feature = "event-stream")]
        if let Some(events) = prepared.events.take() {
            let signing = match (&credentials, request.headers().get(AUTHORIZATION)) {
                (Some((credentials, signing_name)), Some(authorization)) => Some(
                    crate::event_stream::MessageSigning::after_request(
                        authorization,
                        credentials.clone(),
                        &endpoint.signing_region,
                        signing_name,
                        self.inner.clock.clone(),
                    )
                    .ok_or_else(|| {
                        let failure = ConstructionFailure::new(
                            "the request's signature cannot start its event stream's signatures",
                        );
                        (Failure::Kind(ErrorKind::Construction(failure)), Retry::No)
                    })?,
                ),
                _ => None,
            };
            *request.body_mut() = crate::event_stream::body(events, signing);
        }
        if let Some(bearer) = bearer {
            request.headers_mut().insert(AUTHORIZATION, bearer);
        }
        // After signing, as the AWS SDK for Rust adds them: they describe
        // the attempt, not the request, and a proxy may rewrite them.
        let headers = request.headers_mut();
        headers.insert(INVOCATION_ID_HEADER, call.invocation_id.clone());
        headers.insert(REQUEST_HEADER, call.request_header());
        HttpRequest::try_from(request)
            .map_err(|e| construction("cannot build the HTTP request", e.into()))
    }
}

impl Handle {
    /// `Bearer <token>`, marked sensitive, with a token from the
    /// configured provider (cached); an error never shows the token.
    async fn bearer_header(&self) -> Result<HeaderValue, (Failure, Retry)> {
        let construction = |failure: ConstructionFailure| {
            (Failure::Kind(ErrorKind::Construction(failure)), Retry::No)
        };
        let cache = self.inner.bearer_tokens.as_ref().ok_or_else(|| {
            construction(ConstructionFailure::new(
                "no bearer token provider is configured (`token_provider`)",
            ))
        })?;
        let token = cache.get().await.map_err(|failure| match failure {
            LoadFailure::Provider(e) => construction(ConstructionFailure::with_source(
                "cannot load the bearer token",
                e,
            )),
            LoadFailure::TimedOut(limit) => (
                Failure::Kind(ErrorKind::Timeout(TimeoutError::Token(limit))),
                Retry::No,
            ),
        })?;
        let mut value =
            HeaderValue::try_from(format!("Bearer {}", token.token())).map_err(|_| {
                construction(ConstructionFailure::new(
                    "the bearer token holds characters a header cannot carry",
                ))
            })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// An attempt that ran out of time: retryable, and named so in its span.
fn timed_out(label: &'static str, timeout: TimeoutError) -> (Failure, Retry) {
    tracing::Span::current().record("error", label);
    (Failure::Kind(ErrorKind::Timeout(timeout)), Retry::Timeout)
}

/// The payload hash SigV4 signs, sent with the request where it is not the
/// body's own (an event stream's).
const CONTENT_SHA256: &str = "x-amz-content-sha256";
/// The payload hash of a signed event stream.
const SIGNED_EVENTS_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// One id per logical call, the same on each of its attempts.
const INVOCATION_ID_HEADER: &str = "amz-sdk-invocation-id";
/// `attempt=N; max=M`.
const REQUEST_HEADER: &str = "amz-sdk-request";

/// The AWS SDKs' structured user agent, which they sign.
const AMZ_USER_AGENT: http::HeaderName = http::HeaderName::from_static("x-amz-user-agent");

/// The TLS stack of every connection this crate makes: rustls with ring,
/// which builds without a C toolchain.
const TLS: Provider = Provider::Rustls(CryptoMode::Ring);

fn default_connector(config: &Config) -> SharedHttpConnector {
    let mut settings = HttpConnectorSettings::builder();
    settings.set_connect_timeout(config.timeouts.connect_timeout());
    settings.set_read_timeout(config.timeouts.read_timeout());
    let connector = aws_smithy_http_client::Connector::builder()
        .connector_settings(settings.build())
        .tls_provider(TLS)
        .build();
    SharedHttpConnector::new(connector)
}

/// An HTTPS client on the same TLS stack as this crate, for
/// `aws_config::defaults(..).http_client(..)`.
///
/// `aws-config` with its default features off has no HTTP client of its
/// own, and with them on it brings a second TLS stack; this keeps one.
///
/// ```no_run
/// # async fn example() {
/// let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
///     .http_client(smithy_lean_client::https_client())
///     .load()
///     .await;
/// # }
/// ```
pub fn https_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(TLS)
        .build_https()
}

/// The rule parameters of `config`, and the endpoint they resolve to for
/// calls that set none of their own; or why there is none.
fn endpoint_of(
    service: &Service,
    config: &Config,
) -> (Result<BuiltIns, String>, Result<Endpoint, String>) {
    let built_ins = built_ins(service, config);
    let endpoint = built_ins
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|built_ins| resolve_endpoint(service, built_ins, &[]));
    (built_ins, endpoint)
}

/// The configured credentials provider, behind a cache of its own.
fn credentials_of(config: &Config) -> Option<Arc<CachedCredentials>> {
    let provider = config.credentials.clone()?;
    Some(Arc::new(CachedCredentials::new(
        provider,
        config.credentials_load_timeout,
    )))
}

/// The configured bearer token provider, behind a cache of its own.
fn bearer_tokens_of(config: &Config) -> Option<Arc<CachedToken>> {
    let provider = config.bearer_tokens.clone()?;
    Some(Arc::new(CachedToken::new(
        provider,
        config.credentials_load_timeout,
    )))
}

/// The rule parameters the configuration fills.
fn built_ins(service: &Service, config: &Config) -> Result<BuiltIns, String> {
    let endpoint_url = config.endpoint_url_for(service);
    if let Some(url) = &endpoint_url {
        endpoint::check_custom_url(url)?;
    }
    Ok(BuiltIns {
        region: config.region.as_ref().map(|r| r.as_ref().to_owned()),
        use_fips: config.use_fips,
        use_dual_stack: config.use_dual_stack,
        endpoint: endpoint_url,
        client_parameters: config.endpoint_parameters.clone(),
    })
}

fn resolve_endpoint(
    service: &Service,
    built_ins: &BuiltIns,
    context: &[(&'static str, ContextValue)],
) -> Result<Endpoint, String> {
    endpoint::resolve(service, built_ins, context).map_err(|e| {
        let mut why = format!("cannot resolve the endpoint: {e}");
        // Without a region, that is the likeliest reason, whatever the
        // rules said: say how to set one.
        if built_ins.region.is_none() {
            why.push_str(NO_REGION_ADVICE);
        }
        why
    })
}

/// How to give a client a region, in each of the ways callers do.
const NO_REGION_ADVICE: &str = " (no region is configured: set `AWS_REGION`, or `region` in the \
     AWS profile, for `aws_config::load_defaults`; or call `.region(Region::new(\"us-east-1\"))` \
     on the config builder)";

/// `host:port` of where a request goes, the port the scheme implies where
/// the URI names none, as a connection is made to it.
fn authority(uri: &http::Uri) -> Box<str> {
    let host = uri.host().unwrap_or_default();
    let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
        Some("http") => 80,
        _ => 443,
    });
    format!("{host}:{port}").into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::CallState;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_attempt_header_is_the_attempt_and_the_most_there_can_be(attempt: u32, max_attempts: u32) {
            let invocation_id = http::HeaderValue::from_static("id");
            let call = CallState { invocation_id, attempt, max_attempts };
            let header = call.request_header();
            prop_assert_eq!(
                header.to_str().unwrap(),
                format!("attempt={attempt}; max={max_attempts}")
            );
        }
    }
}
