//! What the engine does to a request before it is sent: for the
//! operation's traits, in order, `@requestCompression` gzips the body
//! (unless the configuration says not to), then `@httpChecksumRequired`
//! puts the MD5 of the body as sent in `Content-MD5`; then SigV4 signs it,
//! or a bearer token authenticates it, unless the service takes anonymous
//! requests.
// Every call here needs compression or a checksum: the workspace's tests
// build the engine with both features (tests/Cargo.toml asks for them).
#![cfg(all(feature = "request-compression", feature = "content-md5"))]

mod support;

use aws_sigv4::http_request::SignableBody;
use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorFuture};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use md5::{Digest, Md5};
use smithy_lean_client::{
    BuiltIns, Config, ConfigBuilder, ContextValue, ErrorKind, Handle, Operation, Service,
    ServiceAuth,
};
use smithy_lean_runtime::builders::{Structure, StructureBuilder};
use smithy_lean_runtime::endpoint::ResolveEndpointError;
use smithy_lean_runtime::operation::{OperationAuth, OperationInput, OperationOutput};
use smithy_lean_runtime::request::{self, RequestError};
use smithy_lean_runtime::validation::Validate;
use smithy_lean_runtime::{BuildError, ConstraintViolation, ResponseError, UnhandledError};
use std::io::Read;
use std::sync::{Arc, Mutex};

/// `POST /text`: a body the service takes gzipped, with its checksum.
struct PutText;

#[derive(Debug, Default)]
struct Input {
    text: Vec<u8>,
    /// Sent as a stream of unknown length instead.
    streamed: bool,
    /// A host label, as a `@hostLabel` member gives one.
    host_label: Option<&'static str>,
}

#[derive(Debug)]
struct Output;

impl Operation for PutText {
    type Input = Input;
    type Output = Output;
    type Error = UnhandledError;
}

support::input_builds_itself!(Input);

impl OperationInput for Input {
    const OPERATION_NAME: &'static str = "PutText";
    const HTTP_METHOD: &'static str = "POST";
    const HTTP_PATH: &'static str = "/text";
    const HTTP_SUCCESS_STATUS: u16 = 200;
    const HOST_PREFIX: Option<&'static str> = None;
    const CHECKSUM_REQUIRED: bool = true;
    const REQUEST_COMPRESSION: &'static [&'static str] = &["zstd", "gzip"];

    fn host_prefix(&self) -> Result<Option<std::borrow::Cow<'static, str>>, RequestError> {
        let Some(label) = self.host_label else {
            return Ok(None);
        };
        let mut prefix = "text.".to_owned();
        request::push_host_label(&mut prefix, "Label", label)?;
        prefix.push('.');
        Ok(Some(prefix.into()))
    }

    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError> {
        if !self.streamed {
            return request::build(
                Self::HTTP_METHOD,
                Self::HTTP_PATH.to_owned(),
                request::Headers::new(),
                Some(("text/plain", self.text)),
            );
        }
        let stream = SdkBody::from_body_1_x(UnknownLength(Some(bytes::Bytes::from(self.text))));
        request::build_streaming(
            Self::HTTP_METHOD,
            Self::HTTP_PATH.to_owned(),
            request::Headers::new(),
            ("text/plain", ByteStream::new(stream)),
            "Text",
            false,
        )
    }
}

/// Bytes as a body that does not say how long it is.
struct UnknownLength(Option<bytes::Bytes>);

impl http_body::Body for UnknownLength {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
        std::task::Poll::Ready(self.0.take().map(|bytes| Ok(http_body::Frame::data(bytes))))
    }
}

impl OperationOutput for Output {
    fn from_response(_: u16, _: &http::HeaderMap, _: &[u8]) -> Result<Self, ResponseError> {
        Ok(Output)
    }
}

fn resolve(
    built_ins: &BuiltIns,
    _context: &[(&'static str, ContextValue)],
) -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError> {
    let url = built_ins.endpoint.clone().expect("the tests set one");
    Ok(aws_smithy_types::endpoint::Endpoint::builder()
        .url(url)
        .build())
}

static SERVICE: Service = Service {
    sdk_id: "Text",
    client_version: "1.0.0",
    auth: ServiceAuth::SigV4 {
        signing_name: "text",
    },
    resolve_endpoint: resolve,
};

/// The same service, authenticated with bearer tokens (`@httpBearerAuth`).
static BEARER: Service = Service {
    sdk_id: "Text",
    client_version: "1.0.0",
    auth: ServiceAuth::Bearer,
    resolve_endpoint: resolve,
};

/// The same service, without an authentication trait in its model.
static ANONYMOUS: Service = Service {
    sdk_id: "Text",
    client_version: "1.0.0",
    auth: ServiceAuth::Anonymous,
    resolve_endpoint: resolve,
};

/// Keeps each request's headers and body, and answers 200.
#[derive(Clone, Debug, Default)]
struct Keep(Arc<Mutex<Vec<Sent>>>);

/// A request's headers and body, as the connector was given them.
type Sent = (http::HeaderMap, Vec<u8>);

impl HttpConnector for Keep {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = request.try_into_http1x().expect("an HTTP/1 request");
        let body = request.body().bytes().unwrap_or_default().to_vec();
        self.0
            .lock()
            .unwrap()
            .push((request.headers().clone(), body));
        HttpConnectorFuture::ready(Ok(HttpResponse::new(
            200.try_into().unwrap(),
            SdkBody::empty(),
        )))
    }
}

fn client(configure: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> (Handle, Keep) {
    let keep = Keep::default();
    let config = Config::builder()
        .region(smithy_lean_client::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::for_tests())
        .endpoint_url("https://text.example")
        .http_connector(keep.clone());
    (Handle::from_conf(&SERVICE, configure(config).build()), keep)
}

fn md5_base64(bytes: &[u8]) -> String {
    aws_smithy_types::base64::encode(Md5::digest(bytes).as_slice())
}

fn text(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 7) as u8).collect()
}

#[tokio::test]
async fn a_large_body_is_gzipped_then_checksummed_then_signed() {
    let (handle, keep) = client(|config| config);
    let body = text(20_000);
    handle
        .send::<PutText>(Input {
            text: body.clone(),
            streamed: false,
            ..Input::default()
        })
        .await
        .unwrap();
    let (headers, sent) = keep.0.lock().unwrap().pop().unwrap();
    assert_eq!(headers["content-encoding"], "gzip");
    assert_eq!(headers["content-length"], sent.len().to_string().as_str());
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&sent[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, body);
    assert_eq!(headers["content-md5"], md5_base64(&sent).as_str());
    let authorization = headers["authorization"].to_str().unwrap();
    assert!(
        authorization.contains("content-encoding;content-length;content-md5;content-type"),
        "{authorization}"
    );
}

#[tokio::test]
async fn small_bodies_and_a_configuration_that_turns_it_off_go_uncompressed() {
    for (configure, len) in [
        (
            (|config: ConfigBuilder| config) as fn(ConfigBuilder) -> ConfigBuilder,
            smithy_lean_client::DEFAULT_MIN_COMPRESSION_SIZE as usize - 1,
        ),
        (|config| config.disable_request_compression(true), 20_000),
    ] {
        let (handle, keep) = client(configure);
        let body = text(len);
        handle
            .send::<PutText>(Input {
                text: body.clone(),
                streamed: false,
                ..Input::default()
            })
            .await
            .unwrap();
        let (headers, sent) = keep.0.lock().unwrap().pop().unwrap();
        assert!(!headers.contains_key("content-encoding"));
        assert_eq!(sent, body);
        assert_eq!(headers["content-md5"], md5_base64(&body).as_str());
    }
    let (handle, keep) = client(|config| config.request_min_compression_size_bytes(1));
    handle
        .send::<PutText>(Input {
            text: b"ab".to_vec(),
            streamed: false,
            ..Input::default()
        })
        .await
        .unwrap();
    assert_eq!(keep.0.lock().unwrap()[0].0["content-encoding"], "gzip");
}

/// The call failed before its request was made, saying `why`.
fn assert_not_constructed<E: smithy_lean_runtime::ServiceError + std::fmt::Debug>(
    error: &smithy_lean_client::Error<E>,
    why: &str,
) {
    assert!(
        matches!(error.kind(), ErrorKind::Construction(_)),
        "{error:?}"
    );
    assert!(error.to_string().contains(why), "{why:?} in {error}");
}

#[tokio::test]
async fn a_stream_cannot_carry_a_required_checksum_and_nothing_is_sent() {
    let (handle, keep) = client(|config| config);
    let error = handle
        .send::<PutText>(Input {
            text: b"abc".to_vec(),
            streamed: true,
            ..Input::default()
        })
        .await
        .unwrap_err();
    assert_not_constructed(
        &error,
        "PutText requires a checksum of its body (`@httpChecksumRequired`)",
    );
    assert!(keep.0.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_service_without_authentication_sends_unsigned_requests_without_credentials() {
    let keep = Keep::default();
    let config = Config::builder()
        .endpoint_url("https://text.example")
        .http_connector(keep.clone())
        .build();
    let handle = Handle::from_conf(&ANONYMOUS, config);
    assert_eq!(handle.endpoint().unwrap().signing_name, None);
    handle
        .send::<PutText>(Input {
            text: b"abc".to_vec(),
            streamed: false,
            ..Input::default()
        })
        .await
        .unwrap();
    let (headers, sent) = keep.0.lock().unwrap().pop().unwrap();
    assert_eq!(sent, b"abc");
    for signed in ["authorization", "x-amz-date", "x-amz-security-token"] {
        assert!(!headers.contains_key(signed), "{signed} in {headers:?}");
    }
    assert_eq!(headers["content-md5"], md5_base64(b"abc").as_str());
    // The same call of a signed service, with no credentials: refused.
    let unsigned = Config::builder()
        .region(smithy_lean_client::Region::new("us-east-1"))
        .endpoint_url("https://text.example")
        .http_connector(Keep::default())
        .build();
    let error = Handle::from_conf(&SERVICE, unsigned)
        .send::<PutText>(Input::default())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no credentials provider is configured"),
        "{error}"
    );
}

#[tokio::test]
async fn a_host_prefix_with_labels_is_each_calls_own_and_refused_before_any_io_when_invalid() {
    let (handle, keep) = client(|config| config);
    for label in ["one", "two"] {
        handle
            .send::<PutText>(Input {
                host_label: Some(label),
                ..Input::default()
            })
            .await
            .unwrap();
    }
    let hosts: Vec<_> = keep
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|(headers, _)| headers["host"].clone())
        .collect();
    assert_eq!(hosts, ["text.one.text.example", "text.two.text.example"]);
    let error = handle
        .send::<PutText>(Input {
            host_label: Some("evil.example/"),
            ..Input::default()
        })
        .await
        .unwrap_err();
    assert_not_constructed(&error, "`Label` is part of the host (`@hostLabel`)");
    assert_eq!(keep.0.lock().unwrap().len(), 2);
    // Turned off, no prefix at all.
    let (handle, keep) = client(|config| config.disable_host_prefix(true));
    handle
        .send::<PutText>(Input {
            host_label: Some("one"),
            ..Input::default()
        })
        .await
        .unwrap();
    assert_eq!(keep.0.lock().unwrap()[0].0["host"], "text.example");
}

/// `POST /text` of an operation whose signing the model sets apart: `M`
/// says how (`aws.auth#unsignedPayload`, its own `@auth`, `@optionalAuth`).
struct PutWith<M>(std::marker::PhantomData<M>);

/// How an operation of [`PutWith`] is signed.
trait Signing: Send + Sync + 'static {
    const UNSIGNED_PAYLOAD: bool = false;
    const AUTH: OperationAuth = OperationAuth::Service;
}

/// `aws.auth#unsignedPayload`.
#[derive(Debug)]
struct UnsignedPayload;
impl Signing for UnsignedPayload {
    const UNSIGNED_PAYLOAD: bool = true;
}

/// `@auth([])` on the operation of a signed service.
#[derive(Debug)]
struct NoAuth;
impl Signing for NoAuth {
    const AUTH: OperationAuth = OperationAuth::Anonymous;
}

/// `@optionalAuth`.
#[derive(Debug)]
struct OptionalAuth;
impl Signing for OptionalAuth {
    const AUTH: OperationAuth = OperationAuth::Optional;
}

#[derive(Debug)]
struct InputWith<M>(Vec<u8>, std::marker::PhantomData<M>);

impl<M> Default for InputWith<M> {
    fn default() -> Self {
        InputWith(Vec::new(), std::marker::PhantomData)
    }
}

fn input_with<M>(text: &[u8]) -> InputWith<M> {
    InputWith(text.to_vec(), std::marker::PhantomData)
}

impl<M: Signing + std::fmt::Debug> Operation for PutWith<M> {
    type Input = InputWith<M>;
    type Output = Output;
    type Error = UnhandledError;
}

impl<M: Signing + std::fmt::Debug> Structure for InputWith<M> {
    type Builder = InputWith<M>;
}

impl<M: Signing + std::fmt::Debug> StructureBuilder for InputWith<M> {
    type Structure = InputWith<M>;

    fn build_structure(self) -> Result<InputWith<M>, BuildError> {
        Ok(self)
    }
}

impl<M> Validate for InputWith<M> {
    fn collect_violations(&self, _: &str, _: &mut Vec<ConstraintViolation>) {}
}

impl<M: Signing + std::fmt::Debug> OperationInput for InputWith<M> {
    const OPERATION_NAME: &'static str = "PutWith";
    const HTTP_METHOD: &'static str = "POST";
    const HTTP_PATH: &'static str = "/text";
    const HTTP_SUCCESS_STATUS: u16 = 200;
    const HOST_PREFIX: Option<&'static str> = None;
    const UNSIGNED_PAYLOAD: bool = M::UNSIGNED_PAYLOAD;
    const AUTH: OperationAuth = M::AUTH;

    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError> {
        request::build(
            Self::HTTP_METHOD,
            Self::HTTP_PATH.to_owned(),
            request::Headers::new(),
            Some(("text/plain", self.0)),
        )
    }
}

/// The signature SigV4 gives the request that was sent to
/// `https://text.example/text`, signing `body` for its body: recomputed
/// with `aws-sigv4` from the headers the request signed.
fn recomputed_signature(headers: &http::HeaderMap, body: SignableBody<'_>) -> String {
    use aws_sigv4::http_request::{SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;
    use aws_smithy_runtime_api::client::identity::Identity;
    let authorization = headers["authorization"].to_str().unwrap();
    let signed_names = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap();
    // `aws-sigv4` writes the date (and a session token) itself.
    let signed: Vec<(&str, &str)> = signed_names
        .split(';')
        .filter(|name| *name != "x-amz-date")
        .map(|name| (name, headers[name].to_str().unwrap()))
        .collect();
    let date = headers["x-amz-date"].to_str().unwrap();
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    );
    let time = aws_smithy_types::DateTime::from_str(
        &rfc3339,
        aws_smithy_types::date_time::Format::DateTime,
    )
    .unwrap();
    let identity: Identity = aws_credential_types::Credentials::for_tests().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("text")
        .time(std::time::SystemTime::try_from(time).unwrap())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        "POST",
        "https://text.example/text",
        signed.into_iter(),
        body,
    )
    .unwrap();
    let (_, signature) = aws_sigv4::http_request::sign(signable, &params)
        .unwrap()
        .into_parts();
    signature
}

fn sent_signature(headers: &http::HeaderMap) -> &str {
    let authorization = headers["authorization"].to_str().unwrap();
    authorization.rsplit("Signature=").next().unwrap()
}

#[tokio::test]
async fn an_operation_signed_without_its_payload_signs_unsigned_payload() {
    let (handle, keep) = client(|config| config);
    handle
        .send::<PutWith<UnsignedPayload>>(input_with(b"abc"))
        .await
        .unwrap();
    let (headers, sent) = keep.0.lock().unwrap().pop().unwrap();
    assert_eq!(sent, b"abc");
    assert_eq!(
        sent_signature(&headers),
        recomputed_signature(&headers, SignableBody::UnsignedPayload)
    );
    // Any other operation signs the body's bytes.
    handle
        .send::<PutText>(Input {
            text: b"abc".to_vec(),
            ..Input::default()
        })
        .await
        .unwrap();
    let (headers, sent) = keep.0.lock().unwrap().pop().unwrap();
    assert_eq!(
        sent_signature(&headers),
        recomputed_signature(&headers, SignableBody::Bytes(&sent))
    );
}

/// One call of each kind, with these bodies: `@auth([])`, then `@optionalAuth`.
async fn send_no_auth_then_optional(handle: &Handle, first: &[u8], second: &[u8]) {
    handle
        .send::<PutWith<NoAuth>>(input_with(first))
        .await
        .unwrap();
    handle
        .send::<PutWith<OptionalAuth>>(input_with(second))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_operation_with_no_auth_scheme_is_unsigned_and_an_optional_one_signed_where_it_can_be() {
    let unsigned = |headers: &http::HeaderMap| {
        ["authorization", "x-amz-date"]
            .iter()
            .all(|name| !headers.contains_key(*name))
    };
    // With credentials: `@auth([])` goes unsigned, `@optionalAuth` signed.
    let (handle, keep) = client(|config| config);
    send_no_auth_then_optional(&handle, b"a", b"b").await;
    let sent = keep.0.lock().unwrap().clone();
    assert!(unsigned(&sent[0].0), "{:?}", sent[0].0);
    assert_eq!(
        sent_signature(&sent[1].0),
        recomputed_signature(&sent[1].0, SignableBody::Bytes(b"b"))
    );
    // Without a credentials provider: both go unsigned, where an operation
    // of the service's own scheme is refused before any I/O.
    let keep = Keep::default();
    let config = Config::builder()
        .region(smithy_lean_client::Region::new("us-east-1"))
        .endpoint_url("https://text.example")
        .http_connector(keep.clone())
        .build();
    let handle = Handle::from_conf(&SERVICE, config);
    send_no_auth_then_optional(&handle, b"a", b"b").await;
    let error = handle
        .send::<PutWith<UnsignedPayload>>(input_with(b"c"))
        .await
        .unwrap_err();
    assert_not_constructed(&error, "no credentials provider is configured");
    let sent = keep.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|(headers, _)| unsigned(headers)));
}

/// Hands out `token-N`, expiring after `lifetime`, and counts the calls;
/// `hang` makes it never answer.
#[derive(Debug, Default)]
struct CountingTokens {
    calls: std::sync::atomic::AtomicUsize,
    token: Option<&'static str>,
    hang: bool,
}

impl aws_credential_types::provider::token::ProvideToken for CountingTokens {
    fn provide_token<'a>(&'a self) -> aws_credential_types::provider::future::ProvideToken<'a>
    where
        Self: 'a,
    {
        let n = self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if self.hang {
            return aws_credential_types::provider::future::ProvideToken::new(
                std::future::pending(),
            );
        }
        let token = self
            .token
            .map_or_else(|| format!("token-{n}"), str::to_owned);
        let expiry = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        aws_credential_types::provider::future::ProvideToken::ready(Ok(
            smithy_lean_client::Token::new(token, Some(expiry)),
        ))
    }
}

fn bearer_client(tokens: Option<CountingTokens>) -> (Handle, Keep, Option<Arc<CountingTokens>>) {
    let keep = Keep::default();
    let tokens = tokens.map(Arc::new);
    let mut config = Config::builder()
        .endpoint_url("https://text.example")
        .credentials_provider(aws_credential_types::Credentials::for_tests())
        .credentials_load_timeout(std::time::Duration::from_secs(2))
        .http_connector(keep.clone());
    if let Some(tokens) = &tokens {
        config = config.token_provider(SharedProvider(tokens.clone()));
    }
    (Handle::from_conf(&BEARER, config.build()), keep, tokens)
}

/// A provider the test keeps a handle on.
#[derive(Debug)]
struct SharedProvider(Arc<CountingTokens>);

impl aws_credential_types::provider::token::ProvideToken for SharedProvider {
    fn provide_token<'a>(&'a self) -> aws_credential_types::provider::future::ProvideToken<'a>
    where
        Self: 'a,
    {
        self.0.provide_token()
    }
}

#[tokio::test]
async fn a_bearer_service_sends_the_providers_token_cached_and_never_signs() {
    let (handle, keep, tokens) = bearer_client(Some(CountingTokens::default()));
    assert_eq!(handle.endpoint().unwrap().signing_name, None);
    for text in [&b"a"[..], b"b"] {
        handle
            .send::<PutWith<UnsignedPayload>>(input_with(text))
            .await
            .unwrap();
    }
    let sent = keep.0.lock().unwrap().clone();
    for (headers, _) in &sent {
        assert_eq!(headers["authorization"], "Bearer token-0");
        assert!(headers["authorization"].is_sensitive());
        assert!(!headers.contains_key("x-amz-date"), "{headers:?}");
    }
    let calls = tokens
        .unwrap()
        .calls
        .load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(calls, 1, "the token is cached while fresh");
    // `@auth([])` goes without it; `@optionalAuth` with it, as there is a provider.
    send_no_auth_then_optional(&handle, b"c", b"d").await;
    let sent = keep.0.lock().unwrap().clone();
    assert!(!sent[2].0.contains_key("authorization"));
    assert_eq!(sent[3].0["authorization"], "Bearer token-0");
}

#[tokio::test]
async fn a_bearer_service_without_a_usable_token_fails_before_sending_and_never_shows_it() {
    // No provider: the service's own operations are refused, an optional
    // one goes without.
    let (handle, keep, _) = bearer_client(None);
    let error = handle
        .send::<PutWith<UnsignedPayload>>(input_with(b"a"))
        .await
        .unwrap_err();
    assert_not_constructed(
        &error,
        "no bearer token provider is configured (`token_provider`)",
    );
    handle
        .send::<PutWith<OptionalAuth>>(input_with(b"b"))
        .await
        .unwrap();
    assert!(!keep.0.lock().unwrap()[0].0.contains_key("authorization"));
    // A token no header can carry: refused without its text.
    let (handle, keep, _) = bearer_client(Some(CountingTokens {
        token: Some("secret\nline"),
        ..CountingTokens::default()
    }));
    let error = handle
        .send::<PutWith<UnsignedPayload>>(input_with(b"a"))
        .await
        .unwrap_err();
    assert_not_constructed(
        &error,
        "the bearer token holds characters a header cannot carry",
    );
    assert!(
        !format!("{error} {error:?}").contains("secret"),
        "{error:?}"
    );
    assert!(keep.0.lock().unwrap().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_token_provider_that_never_answers_times_out() {
    let (handle, keep, _) = bearer_client(Some(CountingTokens {
        hang: true,
        ..CountingTokens::default()
    }));
    let error = handle
        .send::<PutWith<UnsignedPayload>>(input_with(b"a"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error.kind(),
            ErrorKind::Timeout(smithy_lean_client::TimeoutError::Token(limit))
                if *limit == std::time::Duration::from_secs(2)
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("loading the bearer token took longer than its limit of 2s"),
        "{error}"
    );
    assert!(keep.0.lock().unwrap().is_empty());
}
