//! Streaming payloads through the engine, over real HTTP on 127.0.0.1:
//! an upload sent as it is read (chunked when its length is unknown), sent
//! again on a retry only when the stream can make a copy, and a download
//! handed to the caller before the service has finished sending it.

mod support;

use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use aws_smithy_types::retry::RetryConfig;
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use smithy_lean_client::{BuiltIns, Config, ContextValue, Handle, Operation, Service, ServiceAuth};
use smithy_lean_runtime::endpoint::ResolveEndpointError;
use smithy_lean_runtime::operation::{OperationInput, OperationOutput};
use smithy_lean_runtime::request::{self, RequestError};
use smithy_lean_runtime::{ResponseError, UnhandledError};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// `PUT /objects`: the body up, the service's answer down, both streams.
struct PutObject;

#[derive(Debug, Default)]
struct Input {
    body: Option<ByteStream>,
}

#[derive(Debug)]
struct Output {
    etag: Option<String>,
    body: ByteStream,
}

impl Operation for PutObject {
    type Input = Input;
    type Output = Output;
    type Error = UnhandledError;
}

support::input_builds_itself!(Input);

impl OperationInput for Input {
    const OPERATION_NAME: &'static str = "PutObject";
    const HTTP_METHOD: &'static str = "PUT";
    const HTTP_PATH: &'static str = "/objects";
    const HTTP_SUCCESS_STATUS: u16 = 200;
    const HOST_PREFIX: Option<&'static str> = None;

    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError> {
        request::build_streaming(
            Self::HTTP_METHOD,
            Self::HTTP_PATH.to_owned(),
            request::Headers::new(),
            ("application/octet-stream", self.body.unwrap_or_default()),
            "Body",
            false,
        )
    }
}

impl OperationOutput for Output {
    const STREAMING: bool = true;

    fn from_response(
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, ResponseError> {
        Self::from_streaming_response(status, headers, ByteStream::from(body.to_vec()))
    }

    fn from_streaming_response(
        _: u16,
        headers: &http::HeaderMap,
        body: ByteStream,
    ) -> Result<Self, ResponseError> {
        let etag = headers
            .get("etag")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        Ok(Output { etag, body })
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
    sdk_id: "Objects",
    client_version: "1.0.0",
    auth: ServiceAuth::SigV4 {
        signing_name: "objects",
    },
    resolve_endpoint: resolve,
};

/// A request as the service received it.
#[derive(Debug, Clone)]
struct Received {
    headers: http::HeaderMap,
    body: Vec<u8>,
}

/// How the service answers the requests that reach it, in turn.
#[derive(Clone, Copy)]
enum Answer {
    /// A 500, which the client retries.
    Fail,
    /// A 200 whose body is the request's, sent back in two parts: the
    /// second only once the test says so.
    EchoInTwoParts,
    /// A 200 whose body is this many bytes.
    Large(usize),
}

struct LocalService {
    received: Arc<Mutex<Vec<Received>>>,
    handle: Handle,
}

/// The largest body these tests' clients read whole: small, so that a
/// streaming output can be shown to pass it without sending megabytes.
const BODY_LIMIT: usize = 64 << 10;

/// Serves `answers` (the last one for every request after) on a loopback
/// port; `release` lets the second half of an echo go.
async fn serve(
    answers: &'static [Answer],
    release: Option<mpsc::Receiver<()>>,
    retries: u32,
) -> LocalService {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received: Arc<Mutex<Vec<Received>>> = Arc::default();
    let log = received.clone();
    let release = Arc::new(tokio::sync::Mutex::new(release));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let log = log.clone();
            let release = release.clone();
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let log = log.clone();
                let release = release.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let body = body
                        .collect()
                        .await
                        .map(|b| b.to_bytes().to_vec())
                        .unwrap_or_default();
                    let turn = {
                        let mut log = log.lock().unwrap();
                        log.push(Received {
                            headers: parts.headers,
                            body: body.clone(),
                        });
                        log.len() - 1
                    };
                    let answer = answers[turn.min(answers.len() - 1)];
                    let (frames_tx, frames_rx) =
                        mpsc::channel::<Result<Frame<Bytes>, Infallible>>(4);
                    let status = match answer {
                        Answer::Fail => 500,
                        Answer::EchoInTwoParts | Answer::Large(_) => 200,
                    };
                    tokio::spawn(async move {
                        match answer {
                            Answer::Fail => {}
                            Answer::EchoInTwoParts => {
                                let middle = body.len() / 2;
                                let _ = frames_tx
                                    .send(Ok(Frame::data(Bytes::copy_from_slice(&body[..middle]))))
                                    .await;
                                if let Some(release) = release.lock().await.as_mut() {
                                    release.recv().await;
                                }
                                let _ = frames_tx
                                    .send(Ok(Frame::data(Bytes::copy_from_slice(&body[middle..]))))
                                    .await;
                            }
                            Answer::Large(size) => {
                                let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
                                let mut left = size;
                                while left > 0 {
                                    let part = chunk.slice(..left.min(chunk.len()));
                                    left -= part.len();
                                    if frames_tx.send(Ok(Frame::data(part))).await.is_err() {
                                        return;
                                    }
                                }
                            }
                        }
                    });
                    let body = ChannelBody(frames_rx);
                    let response = hyper::Response::builder()
                        .status(status)
                        .header("etag", "\"v1\"")
                        .body(body)
                        .unwrap();
                    Ok::<_, Infallible>(response)
                }
            });
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let config = Config::builder()
        .region(smithy_lean_client::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::for_tests())
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .max_response_body_size(BODY_LIMIT)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(retries + 1)
                .with_initial_backoff(std::time::Duration::from_millis(1)),
        )
        .build();
    LocalService {
        received,
        handle: Handle::from_conf(&SERVICE, config),
    }
}

/// A body whose frames come from a channel, and which ends when the
/// channel closes: its length is not known up front.
struct ChannelBody(mpsc::Receiver<Result<Frame<Bytes>, Infallible>>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx)
    }
}

/// A stream that does not know its length and cannot be read twice, as a
/// caller's channel or socket is: its chunks come from `chunks`.
fn one_shot_stream(chunks: mpsc::Receiver<Result<Frame<Bytes>, Infallible>>) -> ByteStream {
    ByteStream::new(SdkBody::from_body_1_x(ChannelBody(chunks)))
}

fn input(body: ByteStream) -> Input {
    Input { body: Some(body) }
}

#[tokio::test]
async fn a_stream_of_unknown_length_goes_chunked_unsigned_and_once() {
    let service = serve(&[Answer::Fail], None, 2).await;
    let (chunks_tx, chunks_rx) = mpsc::channel(4);
    tokio::spawn(async move {
        for chunk in [&b"blobby "[..], b"blob ", b"blob"] {
            let _ = chunks_tx
                .send(Ok(Frame::data(Bytes::from_static(chunk))))
                .await;
        }
    });
    let error = service
        .handle
        .send::<PutObject>(input(one_shot_stream(chunks_rx)))
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(500));
    let received = service.received.lock().unwrap().clone();
    // Retries were allowed, but the stream had nothing left to send again.
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.body, b"blobby blob blob");
    assert_eq!(sent.headers["transfer-encoding"], "chunked");
    assert!(!sent.headers.contains_key("content-length"));
    assert_eq!(sent.headers["content-type"], "application/octet-stream");
    assert!(sent.headers.contains_key("authorization"));
}

#[tokio::test]
async fn a_stream_that_can_make_a_copy_is_sent_whole_on_every_attempt() {
    let (release_tx, release_rx) = mpsc::channel(1);
    release_tx.send(()).await.unwrap();
    let service = serve(&[Answer::Fail, Answer::EchoInTwoParts], Some(release_rx), 2).await;
    let output = service
        .handle
        .send::<PutObject>(input(ByteStream::from(b"blobby blob blob".to_vec())))
        .await
        .unwrap();
    assert_eq!(output.etag.as_deref(), Some("\"v1\""));
    let echoed = output.body.collect().await.unwrap().to_vec();
    assert_eq!(echoed, b"blobby blob blob");
    let received = service.received.lock().unwrap().clone();
    assert_eq!(received.len(), 2);
    for sent in &received {
        assert_eq!(sent.body, b"blobby blob blob");
        assert_eq!(sent.headers["content-length"], "16");
    }
}

#[tokio::test]
async fn a_streaming_output_is_handed_over_before_its_body_has_arrived() {
    let (release_tx, release_rx) = mpsc::channel(1);
    let service = serve(&[Answer::EchoInTwoParts], Some(release_rx), 0).await;
    // The call returns with the first half sent and the second held back.
    let output = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        service
            .handle
            .send::<PutObject>(input(ByteStream::from(b"first half|second half".to_vec()))),
    )
    .await
    .expect("the output comes before the whole body")
    .unwrap();
    release_tx.send(()).await.unwrap();
    let body = output.body.collect().await.unwrap().to_vec();
    assert_eq!(body, b"first half|second half");
}

#[tokio::test]
async fn a_streaming_output_is_not_bound_by_the_limit_on_bodies_read_whole() {
    const SIZE: usize = 3 * BODY_LIMIT + 7;
    let service = serve(&[Answer::Large(SIZE)], None, 0).await;
    let output = service
        .handle
        .send::<PutObject>(input(ByteStream::default()))
        .await
        .unwrap();
    let mut body = output.body;
    let mut read = 0;
    while let Some(chunk) = body.try_next().await.unwrap() {
        read += chunk.len();
    }
    assert_eq!(read, SIZE);
    // An empty stream is no body at all.
    let sent = service.received.lock().unwrap()[0].clone();
    assert!(sent.body.is_empty());
    assert!(!sent.headers.contains_key("content-type"));
}
