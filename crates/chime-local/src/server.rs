//! The HTTP side: a hyper 1 server on a TCP port, a log of every request,
//! and faults injected between the network and the service.

use crate::connections::{self, ConnectionLimits, Counted, Registry};
use crate::request_log::{LogLimits, RequestLog};
use crate::service::{
    Account, Answer, AppInstance, ErrorAnswer, Request, Service, Settings, uuid_v4,
};
use crate::sigv4::{self, Signed};
use aws_credential_types::Credentials;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// Request bodies larger than this are refused unread.
pub const MAX_REQUEST_BODY: usize = 1 << 20;

/// Something to do to one request instead of, or besides, answering it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this modelled error, without handling the request.
    Error(ErrorAnswer),
    /// Answer with this status and an empty JSON object, without handling
    /// the request.
    Status(u16),
    /// Wait this long before handling the request.
    Delay(Duration),
    /// Handle the request (creating the instance), then close the
    /// connection without answering: the lost response.
    DropAfterCreate,
    /// Handle the request, then answer with its status but a truncated body.
    MalformedBody,
    /// Answer with exactly this, without handling the request.
    Raw {
        /// The status.
        status: u16,
        /// Header names and values.
        headers: Vec<(String, String)>,
        /// The body.
        body: Vec<u8>,
    },
}

/// A request as the server received it, and what became of it.
#[derive(Clone)]
pub struct RecordedRequest {
    /// The client's address: requests on one kept-alive connection share it.
    pub peer: SocketAddr,
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The body, cut at the log's body limit.
    pub body: Vec<u8>,
    /// The length of the whole body as received.
    pub body_len: usize,
    /// Whether it was for this operation and correctly signed by a known
    /// account. Faults apply only to authorized requests.
    pub authorized: bool,
    /// The fault applied, if any.
    pub fault: Option<Fault>,
    /// The status answered; `None` when the connection was dropped instead.
    pub status: Option<u16>,
    /// The error name answered, if the answer was a modelled error.
    pub error_type: Option<String>,
}

impl std::fmt::Debug for RecordedRequest {
    // The body holds `@sensitive` members and the headers a session token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("peer", &self.peer)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("body_len", &self.body_len)
            .field("authorized", &self.authorized)
            .field("fault", &self.fault)
            .field("status", &self.status)
            .field("error_type", &self.error_type)
            .finish_non_exhaustive()
    }
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) struct Shared {
    /// Seconds the service's clock is ahead of this machine's.
    clock_offset: i64,
    service: Mutex<Service>,
    faults: Mutex<Faults>,
    log: Mutex<RequestLog>,
    limits: ConnectionLimits,
    connections: Arc<Registry>,
}

/// Faults to apply: the queued ones first, then the standing one.
#[derive(Default)]
struct Faults {
    /// `None` lets its request through.
    queue: VecDeque<Option<Fault>>,
    standing: Option<Fault>,
}

impl Shared {
    /// Seconds since the Unix epoch by the service's clock.
    fn now(&self) -> i64 {
        sigv4::now().saturating_add(self.clock_offset)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A running local service. Dropping it stops accepting connections.
pub struct LocalChime {
    addr: SocketAddr,
    account: Account,
    region: String,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

impl std::fmt::Debug for LocalChime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalChime")
            .field("addr", &self.addr)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl Drop for LocalChime {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Configures a [`LocalChime`] before it starts.
#[derive(Debug, Clone)]
pub struct LocalChimeBuilder {
    port: u16,
    bind_all: bool,
    clock_offset: i64,
    settings: Settings,
    log: LogLimits,
    connections: ConnectionLimits,
}

impl Default for LocalChimeBuilder {
    fn default() -> Self {
        Self {
            port: 0,
            bind_all: false,
            clock_offset: 0,
            log: LogLimits::default(),
            connections: ConnectionLimits::default(),
            settings: Settings {
                accounts: vec![Account {
                    id: "123456789012".to_owned(),
                    access_key: "AKIDLOCALCHIME".to_owned(),
                    secret_key: format!("local-secret-{}", uuid_v4()),
                    session_token: None,
                }],
                region: "us-east-1".to_owned(),
                quota: 1000,
                rate_limit: None,
                burst: 1,
            },
        }
    }
}

impl LocalChimeBuilder {
    /// The TCP port; 0 (the default) lets the system choose.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Listens on every interface instead of 127.0.0.1 only.
    pub fn bind_all_interfaces(mut self, bind_all: bool) -> Self {
        self.bind_all = bind_all;
        self
    }

    /// The account and credentials of the first (default) account.
    /// Without this the secret is random.
    pub fn account(
        mut self,
        id: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.settings.accounts[0] = Account {
            id: id.into(),
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            session_token: None,
        };
        self
    }

    /// Makes the default account's credentials temporary ones with this
    /// session token: requests must then send it, as AWS requires.
    pub fn session_token(mut self, token: impl Into<String>) -> Self {
        self.settings.accounts[0].session_token = Some(token.into());
        self
    }

    /// Accepts another account's credentials too.
    pub fn extra_account(
        mut self,
        id: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.settings.accounts.push(Account {
            id: id.into(),
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            session_token: None,
        });
        self
    }

    /// How many instances an account may hold (default 1000).
    pub fn quota(mut self, quota: usize) -> Self {
        self.settings.quota = quota;
        self
    }

    /// Throttles above `per_second` sustained, allowing bursts of `burst`.
    pub fn rate_limit(mut self, per_second: f64, burst: u32) -> Self {
        self.settings.rate_limit = Some(per_second);
        self.settings.burst = burst;
        self
    }

    /// Runs the service's clock this many seconds ahead of the machine's
    /// (behind, when negative): it checks signatures and writes `Date`
    /// headers by that clock, as a service would whose clock the caller's
    /// machine disagrees with.
    pub fn clock_offset_seconds(mut self, offset: i64) -> Self {
        self.clock_offset = offset;
        self
    }

    /// Keeps at most this many requests in the log, the newest
    /// ([`DEFAULT_LOG_LIMIT`](crate::DEFAULT_LOG_LIMIT) by default); 0
    /// keeps none.
    pub fn request_log_limit(mut self, requests: usize) -> Self {
        self.log.entries = requests;
        self
    }

    /// Keeps at most this many bytes of each logged body
    /// ([`DEFAULT_LOG_BODY_LIMIT`](crate::DEFAULT_LOG_BODY_LIMIT) by default).
    pub fn request_log_body_limit(mut self, bytes: usize) -> Self {
        self.log.body = bytes;
        self
    }

    /// Logs requests refused before authentication too; by default they
    /// are only counted ([`LocalChime::unauthenticated_requests`]), so that
    /// anyone who can reach the port cannot fill the log.
    pub fn log_unauthenticated(mut self, keep: bool) -> Self {
        self.log.keep_unauthenticated = keep;
        self
    }

    /// How long a peer may take to send a request's head, and then its
    /// body ([`DEFAULT_HEADER_READ_TIMEOUT`](crate::DEFAULT_HEADER_READ_TIMEOUT)
    /// by default). A slower head closes the connection; a slower body is
    /// answered with a `BadRequestException`.
    pub fn header_read_timeout(mut self, limit: Duration) -> Self {
        self.connections.header_read_timeout = limit;
        self
    }

    /// How long a kept-alive connection may wait for its next request
    /// ([`DEFAULT_IDLE_TIMEOUT`](crate::DEFAULT_IDLE_TIMEOUT) by default).
    pub fn idle_timeout(mut self, limit: Duration) -> Self {
        self.connections.idle_timeout = limit;
        self
    }

    /// How many connections may be open at once (by default, what the
    /// process's file limit leaves room for: [`default_max_connections`](crate::default_max_connections)).
    /// At the cap, the longest-idle connection is closed to make room; with
    /// none idle, the new connection is closed at once.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.connections.max_connections = connections.max(1);
        self
    }

    /// Starts serving.
    pub async fn start(self) -> std::io::Result<LocalChime> {
        let host = if self.bind_all {
            [0, 0, 0, 0]
        } else {
            [127, 0, 0, 1]
        };
        let listener = TcpListener::bind(SocketAddr::from((host, self.port))).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            clock_offset: self.clock_offset,
            service: Mutex::new(Service::new(self.settings.clone())),
            faults: Mutex::new(Faults::default()),
            log: Mutex::new(RequestLog::new(self.log)),
            limits: self.connections,
            connections: Arc::new(Registry::default()),
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(LocalChime {
            addr,
            account: self.settings.accounts[0].clone(),
            region: self.settings.region.clone(),
            shared,
            accept,
        })
    }
}

impl LocalChime {
    /// Starts a service on a free port of 127.0.0.1 with default settings.
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// A builder for other settings.
    pub fn builder() -> LocalChimeBuilder {
        LocalChimeBuilder::default()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to give a client as its endpoint.
    pub fn endpoint_url(&self) -> String {
        let host = if self.addr.ip().is_unspecified() {
            "127.0.0.1".to_owned()
        } else {
            self.addr.ip().to_string()
        };
        format!("http://{host}:{}", self.addr.port())
    }

    /// The region requests must be signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The account id of the default credentials.
    pub fn account_id(&self) -> &str {
        &self.account.id
    }

    /// Credentials the service accepts.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(
            &self.account.access_key,
            &self.account.secret_key,
            self.account.session_token.clone(),
            None,
            "chime-local",
        )
    }

    /// Applies `fault` to each of the next `times` requests, after the
    /// faults already queued.
    pub fn inject(&self, fault: Fault, times: usize) {
        let mut faults = lock(&self.shared.faults);
        faults.queue.extend(std::iter::repeat_n(Some(fault), times));
    }

    /// Applies `fault` to every request once the queued faults are used up,
    /// until it is changed; `None` ends it. An outage, say.
    pub fn set_standing_fault(&self, fault: Option<Fault>) {
        lock(&self.shared.faults).standing = fault;
    }

    /// Queues one fault per request, in order; `None` lets a request through.
    pub fn inject_sequence(&self, sequence: impl IntoIterator<Item = Option<Fault>>) {
        let mut faults = lock(&self.shared.faults);
        faults.queue.extend(sequence);
    }

    /// Drops every queued fault and the standing one.
    pub fn clear_faults(&self) {
        let mut faults = lock(&self.shared.faults);
        faults.queue.clear();
        faults.standing = None;
    }

    /// The instances held, in creation order.
    pub fn instances(&self) -> Vec<AppInstance> {
        lock(&self.shared.service).instances().to_vec()
    }

    /// The requests the log keeps, in order of arrival: the newest, up to
    /// its limit, and by default only those that passed authentication.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).entries()
    }

    /// How many requests arrived, kept in the log or not.
    pub fn requests_received(&self) -> u64 {
        lock(&self.shared.log).received()
    }

    /// How many requests were refused before authentication.
    pub fn unauthenticated_requests(&self) -> u64 {
        lock(&self.shared.log).unauthenticated()
    }

    /// How many connections are open now.
    pub fn open_connections(&self) -> usize {
        self.shared.connections.len()
    }

    /// Waits until the server stops (it does not stop by itself).
    pub async fn serve_forever(self) {
        let _ = (&mut { self }.accept).await;
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            // Out of file descriptors, say: wait instead of spinning.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let Some(registration) = shared.connections.admit(shared.limits.max_connections) else {
            // Every connection is busy: this one is closed unanswered.
            drop(stream);
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let limits = shared.limits;
            let activity = registration.activity.clone();
            let in_service = activity.clone();
            let service = service_fn(move |request| {
                let shared = shared.clone();
                let guard = in_service.begin();
                async move {
                    let answered = answer(&shared, peer, request).await;
                    drop(guard);
                    answered
                }
            });
            let io = TokioIo::new(Counted::new(stream, activity.clone()));
            let connection =
                hyper::server::conn::http1::Builder::new().serve_connection(io, service);
            tokio::pin!(connection);
            let close = tokio::select! {
                _ = connection.as_mut() => return,
                close = connections::close_wanted(&activity, &limits) => close,
            };
            if close == connections::Close::HeadTooSlow {
                return;
            }
            // Closes at once when idle; a request under way may finish,
            // within the header-read timeout.
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(limits.header_read_timeout, connection).await;
            drop(registration);
        });
    }
}

/// Why the connection was closed without an answer.
#[derive(Debug)]
struct DroppedConnection;

impl std::fmt::Display for DroppedConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DroppedConnection {}

async fn answer(
    shared: &Shared,
    peer: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, DroppedConnection> {
    let (parts, body) = request.into_parts();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut recorded = RecordedRequest {
        peer,
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        headers,
        body: Vec::new(),
        body_len: 0,
        authorized: false,
        fault: None,
        status: None,
        error_type: None,
    };
    let body = tokio::time::timeout(
        shared.limits.header_read_timeout,
        Limited::new(body, MAX_REQUEST_BODY).collect(),
    )
    .await;
    let refusal = match body {
        Err(_) => Some(format!(
            "the body did not arrive within {:?}",
            shared.limits.header_read_timeout
        )),
        Ok(Err(_)) => Some(format!("the body is larger than {MAX_REQUEST_BODY} bytes")),
        Ok(Ok(collected)) => {
            recorded.body = collected.to_bytes().to_vec();
            recorded.body_len = recorded.body.len();
            None
        }
    };
    let (response, seq) = match refusal {
        Some(why) => {
            let seq = lock(&shared.log).push(recorded.clone());
            (
                Ok(http_answer(
                    Answer::error(ErrorAnswer::BadRequest, why),
                    false,
                )),
                seq,
            )
        }
        None => {
            let query = parts.uri.query().unwrap_or_default();
            respond(shared, &mut recorded, query).await
        }
    };
    let mut response = response;
    // Clients measure their clock skew against `Date`. On the machine's own
    // clock, hyper's cached one is right; on another, it is written here.
    if shared.clock_offset != 0
        && let Ok(response) = &mut response
        && let Ok(date) = http::HeaderValue::from_str(&http_date(shared.now()))
    {
        response
            .headers_mut()
            .entry(http::header::DATE)
            .or_insert(date);
    }
    if let Some(seq) = seq {
        let status = response.as_ref().ok().map(|r| r.status().as_u16());
        let error_type = response.as_ref().ok().and_then(|r| {
            r.headers()
                .get("x-amzn-errortype")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        // Unless newer requests pushed it out of the log meanwhile.
        if let Some(entry) = lock(&shared.log).get_mut(seq) {
            entry.status = status;
            entry.error_type = error_type;
        }
    }
    response
}

/// Authenticates every request first, so that each one's signature is
/// checked whatever fault is then applied to it. Returns the answer and
/// the request's place in the log, if it is kept.
async fn respond(
    shared: &Shared,
    recorded: &mut RecordedRequest,
    query: &str,
) -> (
    Result<hyper::Response<Full<Bytes>>, DroppedConnection>,
    Option<u64>,
) {
    let request = Request {
        signed: Signed {
            method: &recorded.method,
            path: &recorded.path,
            query,
            headers: &recorded.headers,
            body: &recorded.body,
        },
        now: shared.now(),
    };
    let authorized = lock(&shared.service).authorize(&request);
    let account = match authorized {
        Ok(account) => account,
        Err(refusal) => {
            let seq = lock(&shared.log).push(recorded.clone());
            return (Ok(http_answer(refusal, false)), seq);
        }
    };
    recorded.authorized = true;
    let fault = {
        let mut faults = lock(&shared.faults);
        match faults.queue.pop_front() {
            Some(queued) => queued,
            None => faults.standing.clone(),
        }
    };
    recorded.fault = fault.clone();
    // Logged before the fault applies, so that a request whose client gave
    // up during an injected delay is still counted.
    let seq = lock(&shared.log).push(recorded.clone());
    let body = recorded.body.as_slice();
    let create = || lock(&shared.service).create(&account, body);
    let response = match fault {
        None => Ok(http_answer(create(), false)),
        Some(Fault::Error(kind)) => Ok(http_answer(Answer::error(kind, "injected fault"), false)),
        Some(Fault::Status(status)) => Ok(raw(status, &[], b"{}")),
        Some(Fault::Raw {
            status,
            headers,
            body,
        }) => Ok(raw(status, &headers, &body)),
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            Ok(http_answer(create(), false))
        }
        Some(Fault::DropAfterCreate) => {
            create();
            Err(DroppedConnection)
        }
        Some(Fault::MalformedBody) => Ok(http_answer(create(), true)),
    };
    (response, seq)
}

/// Seconds since the Unix epoch as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(secs: i64) -> String {
    aws_smithy_types::DateTime::from_secs(secs)
        .fmt(aws_smithy_types::date_time::Format::HttpDate)
        .unwrap_or_default()
}

fn http_answer(answer: Answer, malformed: bool) -> hyper::Response<Full<Bytes>> {
    let mut body = answer.body.into_bytes();
    if malformed {
        body.truncate(body.len() / 2);
    }
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if let Some(error_type) = answer.error_type {
        headers.push(("x-amzn-ErrorType".to_owned(), error_type.to_owned()));
    }
    raw(answer.status, &headers, &body)
}

fn raw(status: u16, headers: &[(String, String)], body: &[u8]) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::builder().status(status);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("x-amzn-requestid"))
    {
        response = response.header("x-amzn-RequestId", uuid_v4());
    }
    for (name, value) in headers {
        response = response.header(name.as_str(), value.as_str());
    }
    response
        .body(Full::new(Bytes::copy_from_slice(body)))
        .unwrap_or_else(|_| {
            let mut fallback = hyper::Response::new(Full::new(Bytes::from_static(
                b"{\"Message\":\"chime-local could not build the scripted response\"}",
            )));
            *fallback.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}
