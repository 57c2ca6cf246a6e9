//! `Handle::wait`, the loop under every generated waiter: polls until an
//! acceptor decides, sleeps between polls as the specification computes,
//! stops at the caller's maximum wait, and fails on an error no acceptor
//! expects. Time is tokio's paused clock, so the delays cost nothing and
//! their sum is exact.

mod support;

use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorFuture};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_types::body::SdkBody;
use smithy_lean_client::waiter::{self, AcceptorState, WaiterDelays, WaiterError};
use smithy_lean_client::{
    BuiltIns, Config, ContextValue, Error, Handle, Operation, Service, ServiceAuth,
};
use smithy_lean_runtime::endpoint::ResolveEndpointError;
use smithy_lean_runtime::operation::{OperationInput, OperationOutput};
use smithy_lean_runtime::request::{self, RequestError};
use smithy_lean_runtime::{ResponseError, UnhandledError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// `GET /thing`, whose output is its body's text: the thing's status.
struct GetThing;

#[derive(Debug, Default, Clone)]
struct Input;

#[derive(Debug)]
struct Output(String);

impl Operation for GetThing {
    type Input = Input;
    type Output = Output;
    type Error = UnhandledError;
}

support::input_builds_itself!(Input);

impl OperationInput for Input {
    const OPERATION_NAME: &'static str = "GetThing";
    const HTTP_METHOD: &'static str = "GET";
    const HTTP_PATH: &'static str = "/thing";
    const HTTP_SUCCESS_STATUS: u16 = 200;
    const HOST_PREFIX: Option<&'static str> = None;

    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError> {
        request::build(
            Self::HTTP_METHOD,
            Self::HTTP_PATH.to_owned(),
            request::Headers::new(),
            None,
        )
    }
}

impl OperationOutput for Output {
    fn from_response(_: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        Ok(Output(String::from_utf8_lossy(body).into_owned()))
    }
}

fn resolve(
    _: &BuiltIns,
    _: &[(&'static str, ContextValue)],
) -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError> {
    Ok(aws_smithy_types::endpoint::Endpoint::builder()
        .url("https://things.example")
        .build())
}

static SERVICE: Service = Service {
    sdk_id: "Things",
    client_version: "1.0.0",
    auth: ServiceAuth::Anonymous,
    resolve_endpoint: resolve,
};

/// Answers each request with the next of its answers, the last one from
/// then on, and notes when each came.
#[derive(Clone, Debug)]
struct Answers {
    answers: &'static [(u16, &'static str)],
    asked_at: Arc<Mutex<Vec<tokio::time::Instant>>>,
}

impl HttpConnector for Answers {
    fn call(&self, _: HttpRequest) -> HttpConnectorFuture {
        let mut asked_at = self.asked_at.lock().unwrap();
        let (status, body) = self.answers[asked_at.len().min(self.answers.len() - 1)];
        asked_at.push(tokio::time::Instant::now());
        HttpConnectorFuture::ready(Ok(HttpResponse::new(
            status.try_into().unwrap(),
            SdkBody::from(body),
        )))
    }
}

/// Success on `READY`, failure on `FAILED`, another poll on `NotFound`.
fn acceptors(_: &Input, result: &Result<Output, Error<UnhandledError>>) -> Option<AcceptorState> {
    match result {
        Ok(Output(status)) if status == "READY" => Some(AcceptorState::Success),
        Ok(Output(status)) if status == "FAILED" => Some(AcceptorState::Failure),
        _ if waiter::is_error_named(result, "NotFound") => Some(AcceptorState::Retry),
        _ => None,
    }
}

const NOT_FOUND: (u16, &str) = (404, r#"{"__type":"NotFound"}"#);

/// Waits with delays of `delays` seconds at most `max_wait` seconds on
/// `answers`; the outcome, and the seconds from the start of each poll.
async fn wait(
    answers: &'static [(u16, &'static str)],
    delays: (u64, u64),
    max_wait: u64,
) -> (
    Result<String, WaiterError<Output, UnhandledError>>,
    Vec<f64>,
) {
    let connector = Answers {
        answers,
        asked_at: Arc::default(),
    };
    let config = Config::builder().http_connector(connector.clone()).build();
    let handle = Handle::from_conf(&SERVICE, config);
    let started = tokio::time::Instant::now();
    let delays = WaiterDelays {
        min: Duration::from_secs(delays.0),
        max: Duration::from_secs(delays.1),
    };
    let outcome = handle
        .wait::<GetThing>(Input, acceptors, delays, Duration::from_secs(max_wait))
        .await
        .map(|poll| poll.into_result().unwrap().0);
    let at = connector
        .asked_at
        .lock()
        .unwrap()
        .iter()
        .map(|at| (*at - started).as_secs_f64())
        .collect();
    (outcome, at)
}

#[tokio::test(start_paused = true)]
async fn an_expected_error_and_an_undecided_output_are_polled_again_until_success() {
    let (outcome, at) = wait(&[NOT_FOUND, (200, "PENDING"), (200, "READY")], (3, 3), 60).await;
    assert_eq!(outcome.unwrap(), "READY");
    assert_eq!(at, [0.0, 3.0, 6.0]);
}

#[tokio::test(start_paused = true)]
async fn a_failure_state_keeps_its_poll_and_an_unexpected_error_ends_the_wait() {
    let (outcome, at) = wait(&[(200, "PENDING"), (200, "FAILED")], (1, 1), 60).await;
    match outcome {
        Err(WaiterError::FailureState(poll)) => {
            assert_eq!(poll.into_result().unwrap().0, "FAILED")
        }
        other => panic!("expected a failure state, got {other:?}"),
    }
    assert_eq!(at.len(), 2);
    let (outcome, at) = wait(&[(400, r#"{"__type":"Boom"}"#)], (1, 1), 60).await;
    assert!(
        matches!(outcome, Err(WaiterError::OperationFailed(_))),
        "{outcome:?}"
    );
    assert_eq!(at, [0.0]);
}

#[tokio::test(start_paused = true)]
async fn the_last_poll_comes_at_the_maximum_wait_and_then_the_waiter_gives_up() {
    // Every 2 s, until what would remain after a delay is 2 s or less:
    // then the whole remainder, for one last poll at 10 s.
    let (outcome, at) = wait(&[(200, "PENDING")], (2, 2), 10).await;
    match outcome {
        Err(WaiterError::ExceededMaxWait(exceeded)) => {
            assert_eq!(exceeded.poll_count(), 5);
            assert_eq!(exceeded.max_wait(), Duration::from_secs(10));
            assert_eq!(exceeded.elapsed(), Duration::from_secs(10));
        }
        other => panic!("expected the maximum wait, got {other:?}"),
    }
    assert_eq!(at, [0.0, 2.0, 4.0, 6.0, 10.0]);
}
