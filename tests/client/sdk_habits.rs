//! Code written the way AWS SDK for Rust users write it compiles and does
//! what it does there: the names where SDK code looks for them,
//! `.customize()`, interceptors, `into_service_error()`, user agents.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use chime_lean::config::retry::RetryConfig;
use chime_lean::config::timeout::TimeoutConfig;
use chime_lean::config::{
    BehaviorVersion, Credentials, Region, SharedCredentialsProvider, StalledStreamProtectionConfig,
};
use chime_lean::error::DisplayErrorContext;
use chime_lean::operation::create_app_instance::CreateAppInstanceError;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{Reply, Server};

/// A service that is busy once (a retryable 503), then handles requests.
async fn busy_once() -> Server {
    Server::start(
        vec![Reply::error(503, "ServiceUnavailableException", "busy")],
        Reply::Handle,
    )
    .await
}

/// A URL where nothing listens: connections to it are refused.
fn refusing_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// A call of `client` with a name, expected to fail.
async fn failing_call(client: &chime_lean::Client) -> chime_lean::Error<CreateAppInstanceError> {
    client
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap_err()
}

/// A configuration as SDK code writes one, every name from `chime_lean::config`.
fn sdk_style_config(url: String) -> chime_lean::Config {
    chime_lean::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            support::ACCESS_KEY,
            support::SECRET_KEY,
            Some(support::SESSION_TOKEN.to_owned()),
            None,
            "sdk-habits",
        )))
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(Duration::from_secs(10))
                .build(),
        )
        .stalled_stream_protection(StalledStreamProtectionConfig::enabled().build())
        .endpoint_url(url)
        .build()
}

#[tokio::test]
async fn a_configuration_written_with_the_sdks_names_works() {
    let server = Server::always(Reply::Handle).await;
    let config = sdk_style_config(server.url());
    assert_eq!(config.behavior_version(), Some(BehaviorVersion::latest()));
    let client = chime_lean::Client::from_conf(config);
    client
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests()[0].signature_problem, None);
}

#[tokio::test]
async fn into_service_error_is_the_operations_error_whatever_failed() {
    let server = Server::always(Reply::error(409, "ConflictException", "taken")).await;
    let client = chime_lean::Client::from_conf(sdk_style_config(server.url()));
    let error = failing_call(&client).await;
    let printed = DisplayErrorContext(&error).to_string();
    assert!(printed.contains("ConflictException: taken"), "{printed}");
    match error.into_service_error() {
        CreateAppInstanceError::ConflictException(e) => assert_eq!(e.message(), Some("taken")),
        other => panic!("expected a conflict, got {other:?}"),
    }

    // A failure that is not the service's is its `Unhandled` variant, which
    // says what happened, as the SDK's does.
    let client = support::client_for(refusing_url(), |c| c.retry_config(RetryConfig::disabled()));
    let error = failing_call(&client).await;
    let said = error.to_string();
    let service_error = error.into_service_error();
    assert!(service_error.is_unhandled(), "{service_error:?}");
    assert_eq!(service_error.http_status(), None);
    let text = service_error.to_string();
    assert!(
        said.ends_with(&text) && text.starts_with("connection failed to 127.0.0.1:"),
        "{text} / {said}"
    );
}

#[tokio::test]
async fn customize_overrides_the_configuration_for_one_call() {
    let server = busy_once().await;
    let client = support::client_for("http://127.0.0.1:9", |c| {
        c.retry_config(RetryConfig::disabled())
    });
    // The client's own endpoint is nothing; this call's is the server, with
    // two attempts: the 503 is retried.
    let output = client
        .create_app_instance()
        .name("ops")
        .customize()
        .config_override(
            chime_lean::Config::builder()
                .endpoint_url(server.url())
                .retry_config(RetryConfig::standard().with_max_attempts(2)),
        )
        .send()
        .await
        .unwrap();
    assert!(output.app_instance_arn().is_some());
    assert_eq!(server.requests().len(), 2);
    // The client keeps its own configuration.
    assert_eq!(client.config().retry_config().max_attempts(), 1);
    let error = failing_call(&client).await;
    assert!(error.to_string().contains("127.0.0.1:9"), "{error}");
}

#[tokio::test]
async fn mutate_request_changes_the_request_before_it_is_signed() {
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c);
    client
        .create_app_instance()
        .name("ops")
        .customize()
        .mutate_request(|request| {
            request
                .headers_mut()
                .insert("x-trace-note", "from-customize");
        })
        .send()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-trace-note"), Some("from-customize"));
    // Signed with it: the service checked the signature over it.
    assert_eq!(request.signature_problem, None);
    let authorization = request.header("authorization").unwrap();
    assert!(authorization.contains("x-trace-note"), "{authorization}");
}

/// What an interceptor saw, hook by hook.
#[derive(Default, Clone)]
struct Seen(Arc<Mutex<Vec<String>>>);

impl chime_lean::config::Interceptor for Seen {
    fn modify_before_signing(&self, request: &mut chime_lean::config::HttpRequest) {
        request.headers_mut().insert("x-tenant", "blue");
        self.0.lock().unwrap().push("modify_before_signing".into());
    }

    fn read_before_transmit(&self, request: &chime_lean::config::HttpRequest) {
        let signed = request.headers().get("authorization").is_some();
        self.0
            .lock()
            .unwrap()
            .push(format!("read_before_transmit signed={signed}"));
    }

    fn read_after_attempt(&self, attempt: &chime_lean::config::AttemptOutcome<'_>) {
        self.0.lock().unwrap().push(format!(
            "read_after_attempt {} status={:?}",
            attempt.attempt(),
            attempt.response().map(|r| r.status().as_u16())
        ));
    }
}

#[tokio::test]
async fn an_interceptor_sees_each_attempt_and_can_change_the_request() {
    let server = busy_once().await;
    let seen = Seen::default();
    let client = server.client(|c| c.interceptor(seen.clone()));
    client
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap();
    assert_eq!(
        *seen.0.lock().unwrap(),
        [
            "modify_before_signing",
            "read_before_transmit signed=true",
            "read_after_attempt 1 status=Some(503)",
            "modify_before_signing",
            "read_before_transmit signed=true",
            "read_after_attempt 2 status=Some(201)",
        ]
    );
    for request in server.requests() {
        assert_eq!(request.header("x-tenant"), Some("blue"));
        assert_eq!(request.signature_problem, None);
    }
    // A connection that fails is an attempt without a response.
    let seen = Seen::default();
    let client = support::client_for(refusing_url(), |c| {
        c.interceptor(seen.clone())
            .retry_config(RetryConfig::disabled())
    });
    failing_call(&client).await;
    assert_eq!(
        seen.0.lock().unwrap().last().map(String::as_str),
        Some("read_after_attempt 1 status=None")
    );
}

#[tokio::test]
async fn every_request_says_which_client_sent_it() {
    let server = Server::always(Reply::Handle).await;
    server
        .client(|c| c)
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap();
    let request = &server.requests()[0];
    let version = env!("CARGO_PKG_VERSION");
    let os = std::env::consts::OS;
    assert_eq!(
        request.header("user-agent"),
        Some(format!("smithy-lean/{version} api/chime/{version} os/{os} lang/rust").as_str())
    );
    assert_eq!(
        request.header("x-amz-user-agent"),
        Some(
            format!("smithy-lean/{version} ua/2.1 api/chime#{version} os/{os} lang/rust").as_str()
        )
    );
    // Signed, as the SDKs sign it.
    assert_eq!(request.signature_problem, None);
    let authorization = request.header("authorization").unwrap();
    assert!(
        authorization.contains("x-amz-user-agent"),
        "{authorization}"
    );
}
