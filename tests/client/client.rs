//! The client against a real HTTP server on 127.0.0.1.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use chime_lean::ErrorKind;
use chime_lean::error::{InvalidInput, TimeoutError};
use chime_lean::operation::create_app_instance::{CreateAppInstance, CreateAppInstanceError};
use chime_lean::types::Tag;
use std::time::Duration;
use support::{Reply, Server};

/// Sends a minimal call that is expected to fail.
async fn send_failing(client: &chime_lean::Client) -> chime_lean::Error<CreateAppInstanceError> {
    send_failing_named(client, "n").await
}

async fn send_failing_named(
    client: &chime_lean::Client,
    name: &str,
) -> chime_lean::Error<CreateAppInstanceError> {
    client
        .create_app_instance()
        .name(name)
        .send()
        .await
        .expect_err("the call should fail")
}

/// The request as the service sees it, with what changes per run blanked.
fn wire(request: &support::Recorded) -> String {
    let authorization = request.header("authorization").unwrap_or_default();
    let signed_headers = authorization
        .split(", ")
        .find_map(|p| p.strip_prefix("SignedHeaders="))
        .unwrap_or_default();
    let mut body = request.json();
    if body.get("ClientRequestToken").is_some() {
        body["ClientRequestToken"] = "<token>".into();
    }
    format!(
        "{} {}\ncontent-type: {}\nsigned headers: {}\nbody: {}",
        request.method,
        request.path,
        request.header("content-type").unwrap_or_default(),
        signed_headers,
        serde_json::to_string_pretty(&body).unwrap()
    )
}

fn is_uuid_v4(token: &str) -> bool {
    let bytes = token.as_bytes();
    token.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && token
            .bytes()
            .enumerate()
            .all(|(i, b)| [8, 13, 18, 23].contains(&i) || matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

#[tokio::test]
async fn a_call_is_signed_carries_a_fresh_token_and_returns_the_arn() {
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c);
    let tag = Tag::builder().key("team").value("ops").build().unwrap();
    let (output, token) = client
        .create_app_instance()
        .name("ops")
        .metadata("team=operations")
        .tags(tag)
        .send_with_token()
        .await
        .unwrap();
    let instances = server.local.instances();
    assert_eq!(instances.len(), 1);
    assert_eq!(output.app_instance_arn(), Some(instances[0].arn.as_str()));
    assert!(
        instances[0]
            .arn
            .starts_with("arn:aws:chime:us-east-1:123456789012:app-instance/")
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.signature_problem, None);
    assert_eq!(request.token(), token.as_str());
    assert!(is_uuid_v4(token.as_str()), "{}", token.as_str());
    insta::assert_snapshot!(wire(request));
}

#[tokio::test]
async fn an_ip_endpoint_gets_no_host_prefix_and_a_name_endpoint_does() {
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c);
    client.create_app_instance().name("n").send().await.unwrap();
    let host = server.requests()[0].header("host").unwrap().to_owned();
    assert_eq!(host, server.url().trim_start_matches("http://"));

    let named = server.client(|c| c.endpoint_url("https://example.com"));
    assert_eq!(
        named.endpoint_of::<CreateAppInstance>().unwrap().base_url,
        "https://identity-example.com"
    );
    let unprefixed = server.client(|c| {
        c.endpoint_url("https://example.com")
            .disable_host_prefix(true)
    });
    assert_eq!(
        unprefixed
            .endpoint_of::<CreateAppInstance>()
            .unwrap()
            .base_url,
        "https://example.com"
    );
}

#[tokio::test]
async fn the_default_endpoint_is_the_global_one_with_the_identity_prefix() {
    for region in ["us-east-1", "eu-central-1", "ap-northeast-1"] {
        let client = chime_lean::Client::from_conf(
            chime_lean::Config::builder()
                .region(chime_lean::Region::new(region))
                .credentials_provider(support::credentials())
                .build(),
        );
        let endpoint = client.endpoint_of::<CreateAppInstance>().unwrap();
        assert_eq!(
            endpoint.base_url,
            "https://identity-chime.us-east-1.amazonaws.com"
        );
        assert_eq!(
            client.endpoint().unwrap().base_url,
            "https://chime.us-east-1.amazonaws.com",
            "the client's own endpoint has no operation's prefix"
        );
        assert_eq!(endpoint.signing_region, "us-east-1");
        assert_eq!(endpoint.signing_name.as_deref(), Some("chime"));
    }
}

#[tokio::test]
async fn a_callers_token_is_never_replaced_not_even_an_empty_one() {
    let server = Server::always(Reply::accepted()).await;
    let client = server.client(|c| c);
    for token in ["caller-token-1", ""] {
        let (_, used) = client
            .create_app_instance()
            .name("n")
            .client_request_token(token)
            .send_with_token()
            .await
            .unwrap();
        assert_eq!(used.as_str(), token);
    }
    let sent: Vec<String> = server.requests().iter().map(|r| r.token()).collect();
    assert_eq!(sent, ["caller-token-1", ""]);
}

/// Each modelled error: its mapping, and how often it is sent.
#[tokio::test]
async fn every_modelled_error_maps_and_retries_as_the_model_says() {
    let cases = [
        ("BadRequestException", 400, false),
        ("ConflictException", 409, false),
        ("ForbiddenException", 403, false),
        ("ResourceLimitExceededException", 400, false),
        ("ThrottledClientException", 429, true),
        ("UnauthorizedClientException", 401, false),
        ("ServiceUnavailableException", 503, true),
        ("ServiceFailureException", 500, true),
    ];
    for (name, status, retryable) in cases {
        let server = Server::always(Reply::error(status, name, "it went wrong")).await;
        let client = server.client(|c| c);
        let error = send_failing(&client).await;
        let expected_attempts = if retryable { 3 } else { 1 };
        assert_eq!(server.requests().len(), expected_attempts, "{name}");
        assert_eq!(error.attempts(), expected_attempts as u32, "{name}");
        let service = error.as_service_error().expect("a service error");
        assert_eq!(service.error_name(), Some(name));
        assert_eq!(service.error_message(), Some("it went wrong"));
        assert_eq!(error.request_id(), Some("req-1234"));
        // Where the AWS SDK for Rust keeps it, for code written against it.
        use aws_types::request_id::RequestId;
        assert_eq!(RequestId::request_id(&error), Some("req-1234"));
        assert_eq!(service.meta().request_id(), Some("req-1234"));
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(service.is_retryable(), retryable, "{name}");
        let after = if retryable { " [after 3 attempts]" } else { "" };
        assert_eq!(
            error.to_string(),
            format!(
                "CreateAppInstance failed: {name}: it went wrong (HTTP {status}, request id req-1234){after}"
            )
        );
        assert!(error.client_request_token().is_some());
    }
}

#[tokio::test]
async fn unmodelled_gateway_errors_are_retried_and_other_4xx_are_not() {
    for (status, attempts) in [(502, 3), (504, 3), (404, 1)] {
        let server = Server::always(Reply::json(status, "<html>gateway</html>")).await;
        let client = server.client(|c| c);
        let error = send_failing(&client).await;
        assert_eq!(server.requests().len(), attempts, "HTTP {status}");
        assert!(error.as_service_error().unwrap().is_unhandled());
        assert_eq!(error.http_status(), Some(status));
    }
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_is_retried_and_the_call_limit_stops_it_all() {
    let server = Server::always(Reply::HandleAfter(Duration::from_millis(400))).await;
    let timeouts = aws_smithy_types::timeout::TimeoutConfig::builder()
        .operation_attempt_timeout(Duration::from_millis(30))
        .build();
    let client = server.client(|c| c.timeout_config(timeouts));
    let error = send_failing(&client).await;
    assert!(matches!(
        error.kind(),
        ErrorKind::Timeout(TimeoutError::Attempt(_))
    ));
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 3);

    let timeouts = aws_smithy_types::timeout::TimeoutConfig::builder()
        .operation_timeout(Duration::from_millis(50))
        .build();
    let client = server.client(|c| c.timeout_config(timeouts));
    let error = send_failing(&client).await;
    assert!(matches!(
        error.kind(),
        ErrorKind::Timeout(TimeoutError::Call(_))
    ));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_dispatch_failure_after_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = support::client_for(url, |c| c);
    let error = send_failing(&client).await;
    assert!(matches!(error.kind(), ErrorKind::Dispatch(_)), "{error:?}");
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn an_unreadable_success_body_reports_status_and_a_bounded_excerpt() {
    let junk = format!("not json {}", "x".repeat(5000));
    let server = Server::always(Reply::json(201, &junk)).await;
    let client = server.client(|c| c);
    let error = send_failing(&client).await;
    let ErrorKind::Response(response) = error.kind() else {
        panic!("expected an unreadable response, got {error:?}");
    };
    assert_eq!(response.status(), 201);
    assert!(response.excerpt().starts_with("not json"));
    assert!(response.excerpt().len() <= 256 + '…'.len_utf8());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn invalid_input_is_refused_before_any_io() {
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c.validate_input(true));
    let error = client.create_app_instance().send().await.unwrap_err();
    assert!(matches!(
        error.kind(),
        ErrorKind::InvalidInput(InvalidInput::Missing(_))
    ));
    assert!(error.to_string().contains("name"), "{error}");

    let error = client
        .create_app_instance()
        .name("")
        .tags(Tag::builder().key("").value("v").build().unwrap())
        .send()
        .await
        .unwrap_err();
    let ErrorKind::InvalidInput(InvalidInput::Constraints(violations)) = error.kind() else {
        panic!("expected constraint violations, got {error:?}");
    };
    let paths: Vec<&str> = violations.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["Name", "Tags[0].Key"]);
    assert!(server.requests().is_empty());

    // Validation is off by default: the service decides.
    let lenient = server.client(|c| c);
    let error = send_failing_named(&lenient, "").await;
    let refused = error.as_service_error().expect("the service refuses it");
    assert!(refused.is_bad_request_exception(), "{error}");
    assert!(error.to_string().contains("`Name`"), "{error}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn without_credentials_the_call_fails_to_construct() {
    let server = Server::always(Reply::Handle).await;
    let client = chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .region(chime_lean::Region::new("us-east-1"))
            .endpoint_url(server.url())
            .build(),
    );
    let error = send_failing(&client).await;
    assert!(matches!(error.kind(), ErrorKind::Construction(_)));
    assert!(error.to_string().contains("credentials"), "{error}");
    assert!(server.requests().is_empty());
    assert_eq!(error.attempts(), 0, "nothing reached the network");
}

#[tokio::test]
async fn without_a_region_or_endpoint_every_call_says_why() {
    let client = chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .credentials_provider(support::credentials())
            .build(),
    );
    let error = send_failing(&client).await;
    assert!(matches!(error.kind(), ErrorKind::Construction(_)));
    let text = error.to_string();
    assert!(text.contains("Missing Region"), "{text}");
    // And how to set one, in each of the ways callers do.
    for way in ["AWS_REGION", "profile", ".region("] {
        assert!(text.contains(way), "{way} in {text}");
    }
}

#[tokio::test]
async fn a_connection_that_is_never_accepted_hits_the_connect_timeout() {
    // A listener whose accept queue is full drops further connection
    // attempts unanswered, so connecting hangs as it does to a dead host.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match tokio::time::timeout(
            Duration::from_millis(100),
            tokio::net::TcpStream::connect(addr),
        )
        .await
        {
            Ok(Ok(stream)) => fillers.push(stream),
            _ => break,
        }
    }
    let timeouts = aws_smithy_types::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_millis(100))
        .build();
    let client = support::client_for(format!("http://{addr}"), |c| c.timeout_config(timeouts));
    let error = send_failing(&client).await;
    assert!(matches!(error.kind(), ErrorKind::Dispatch(_)), "{error:?}");
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.attempts(), 3);
    // Says what timed out, where to, and after how long.
    let text = error.to_string();
    assert!(
        text.starts_with(&format!(
            "CreateAppInstance failed: timed out talking to {addr}: "
        )) && text.contains("100ms"),
        "{text}"
    );
    drop(listener);
}

#[tokio::test]
async fn a_response_head_too_large_to_read_says_so() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = vec![0u8; 16 * 1024];
                let _ = stream.read(&mut request).await;
                let huge = format!("HTTP/1.1 200 OK\r\nx-padding: {}\r\n", "a".repeat(2 << 20));
                let _ = stream.write_all(huge.as_bytes()).await;
            });
        }
    });
    let client = support::client_for(url, |c| {
        c.retry_config(aws_smithy_types::retry::RetryConfig::disabled())
    });
    let error = send_failing(&client).await;
    let text = error.to_string();
    assert!(text.contains("too large"), "{text}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_not_buffered() {
    // The limit is the configuration's: by default larger than any AWS
    // response (Lambda's `Invoke` answers up to 6 MiB), and bounded.
    let default = chime_lean::Config::builder().build();
    assert_eq!(
        default.max_response_body_size(),
        chime_lean::MAX_RESPONSE_BODY
    );
    assert!((6 << 20..=256 << 20).contains(&chime_lean::MAX_RESPONSE_BODY));
    let limit = 4096;
    let huge = format!(r#"{{"AppInstanceArn":"{}"}}"#, "a".repeat(limit));
    let server = Server::always(Reply::json(201, &huge)).await;
    let client = server.client(|c| c.max_response_body_size(limit));
    let error = send_failing(&client).await;
    let ErrorKind::Response(response) = error.kind() else {
        panic!("expected an unreadable response, got {error:?}");
    };
    assert_eq!(response.status(), 201);
    assert!(
        response.reason().contains("larger than"),
        "{}",
        response.reason()
    );
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn sequential_calls_reuse_one_kept_alive_connection() {
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c);
    for _ in 0..5 {
        client.create_app_instance().name("n").send().await.unwrap();
    }
    let peers: std::collections::HashSet<_> = server.requests().iter().map(|r| r.peer).collect();
    assert_eq!(peers.len(), 1, "one connection for five calls: {peers:?}");
}

#[tokio::test]
async fn during_an_outage_the_retry_quota_stops_retries_multiplying_load() {
    let server = Server::always(Reply::error(503, "ServiceUnavailableException", "down")).await;
    let client = server.client(|c| c);
    let calls = 200;
    for _ in 0..calls {
        send_failing(&client).await;
    }
    let requests = server.requests().len();
    // Without a quota: 3 attempts each, 600 requests. The quota allows
    // 100 retries (500 units at 5 each), then each call is sent once.
    assert_eq!(
        requests,
        calls + 100,
        "{requests} requests for {calls} calls"
    );
    // A new client has a fresh quota.
    let fresh = server.client(|c| c);
    assert_eq!(send_failing(&fresh).await.attempts(), 3);
}

#[tokio::test]
async fn credentials_are_fetched_once_for_many_calls() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let fetches = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = fetches.clone();
    let provider = aws_credential_types::provider::future::ProvideCredentials::ready;
    let counting = aws_credential_types::credential_fn::provide_credentials_fn(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        provider(Ok(support::credentials()))
    });
    let server = Server::always(Reply::Handle).await;
    let client = server.client(|c| c.credentials_provider(counting));
    for _ in 0..5 {
        client.create_app_instance().name("n").send().await.unwrap();
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.signature_problem.is_none())
    );
}

/// Credentials that expire inside the refresh margin, from a provider that
/// counts its fetches.
fn short_lived_credentials() -> (
    impl aws_credential_types::provider::ProvideCredentials,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let fetches = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = fetches.clone();
    let provider = aws_credential_types::credential_fn::provide_credentials_fn(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let expiry = std::time::SystemTime::now() + Duration::from_secs(4 * 60);
        let credentials = aws_credential_types::Credentials::new(
            support::ACCESS_KEY,
            support::SECRET_KEY,
            Some(support::SESSION_TOKEN.to_owned()),
            Some(expiry),
            "short-lived",
        );
        aws_credential_types::provider::future::ProvideCredentials::ready(Ok(credentials))
    });
    (provider, fetches)
}

#[tokio::test]
async fn credentials_inside_the_refresh_margin_are_used_until_they_expire() {
    let (provider, fetches) = short_lived_credentials();
    let server = Server::always(Reply::accepted()).await;
    let client = server.client(|c| c.credentials_provider(provider));
    for _ in 0..200 {
        client.create_app_instance().name("n").send().await.unwrap();
    }
    assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_provider_that_never_answers_is_bounded_by_the_attempt_timeout_then_its_own() {
    let never = aws_credential_types::credential_fn::provide_credentials_fn(|| {
        std::future::pending::<aws_credential_types::provider::Result>()
    });
    let server = Server::always(Reply::Handle).await;
    let timeouts = aws_smithy_types::timeout::TimeoutConfig::builder()
        .operation_attempt_timeout(Duration::from_millis(50))
        .build();
    let client = server.client(|c| c.credentials_provider(never).timeout_config(timeouts));
    let error = send_failing(&client).await;
    assert!(
        matches!(error.kind(), ErrorKind::Timeout(TimeoutError::Attempt(_))),
        "{error:?}"
    );
    // Nothing reached the network.
    assert_eq!(error.attempts(), 0);
    // Without an attempt timeout, the load timeout ends the wait.
    let client = server.client(|c| {
        c.credentials_provider(never)
            .credentials_load_timeout(Duration::from_millis(50))
    });
    let error = send_failing(&client).await;
    assert!(
        matches!(
            error.kind(),
            ErrorKind::Timeout(TimeoutError::Credentials(limit)) if *limit == Duration::from_millis(50)
        ),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 0);
    assert!(server.requests().is_empty());
    assert_eq!(
        chime_lean::Config::builder()
            .build()
            .credentials_load_timeout(),
        chime_lean::DEFAULT_CREDENTIALS_LOAD_TIMEOUT
    );
}

/// The AWS standard retry mode's throttling and transient codes, whatever
/// the status they come with.
#[tokio::test]
async fn throttling_and_transient_codes_are_retried_whatever_their_status() {
    let cases = [
        ("ThrottlingException", 400),
        ("Throttling", 400),
        ("TooManyRequestsException", 400),
        ("RequestLimitExceeded", 403),
        ("SlowDown", 400),
        ("RequestTimeout", 400),
        ("RequestTimeoutException", 408),
    ];
    for (code, status) in cases {
        let server =
            Server::always(Reply::json(status, "{}").header("x-amzn-errortype", code)).await;
        let client = server.client(|c| c);
        let error = send_failing(&client).await;
        assert_eq!(server.requests().len(), 3, "{code}");
        assert_eq!(error.attempts(), 3, "{code}");
        assert_eq!(error.as_service_error().unwrap().error_name(), Some(code));
    }
    // Named in the body's `__type` rather than the header: the same.
    let server = Server::always(Reply::json(
        400,
        r#"{"__type":"com.amazonaws#ThrottlingException","message":"slow"}"#,
    ))
    .await;
    send_failing(&server.client(|c| c)).await;
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn every_attempt_carries_the_calls_invocation_id_and_its_number() {
    let server = Server::start(
        vec![Reply::json(503, "{}"), Reply::json(503, "{}")],
        Reply::Handle,
    )
    .await;
    let client = server.client(|c| c);
    client.create_app_instance().name("n").send().await.unwrap();
    client.create_app_instance().name("m").send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    let ids: Vec<&str> = requests
        .iter()
        .map(|r| r.header("amz-sdk-invocation-id").unwrap())
        .collect();
    assert!(ids.iter().all(|id| is_uuid_v4(id)), "{ids:?}");
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[1], ids[2]);
    assert_ne!(ids[2], ids[3], "each logical call has its own id");
    let numbered: Vec<&str> = requests
        .iter()
        .map(|r| r.header("amz-sdk-request").unwrap())
        .collect();
    assert_eq!(
        numbered,
        [
            "attempt=1; max=3",
            "attempt=2; max=3",
            "attempt=3; max=3",
            "attempt=1; max=3"
        ]
    );
    // Sent unsigned, as the AWS SDK for Rust sends them: added after signing.
    for request in &requests {
        assert!(request.signature_problem.is_none());
        let authorization = request.header("authorization").unwrap();
        assert!(!authorization.contains("amz-sdk"), "{authorization}");
    }
}

/// The chain of causes as `{:#}` (anyhow) and `DisplayErrorContext` print it.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[tokio::test]
async fn a_chain_of_causes_prints_each_once() {
    let server = Server::always(Reply::error(400, "BadRequestException", "name taken")).await;
    let error = send_failing(&server.client(|c| c)).await;
    let printed = chain(&error);
    assert_eq!(printed.matches("name taken").count(), 1, "{printed}");
    assert_eq!(
        printed,
        "CreateAppInstance failed: BadRequestException: name taken (HTTP 400, request id req-1234)"
    );
    // `DisplayErrorContext` writes the chain, then the `Debug` in brackets.
    let context = aws_smithy_types::error::display::DisplayErrorContext(&error).to_string();
    let (context_chain, _debug) = context.split_once(" (Error {").unwrap();
    assert_eq!(context_chain, printed);

    let error = client_without_io()
        .create_app_instance()
        .send()
        .await
        .unwrap_err();
    let source = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        source
            .as_deref()
            .is_none_or(|s| !error.to_string().contains(s)),
        "{error} / {source:?}"
    );
}

/// A client whose calls fail before any I/O.
fn client_without_io() -> chime_lean::Client {
    support::client_for("http://127.0.0.1:9", |c| c)
}

#[tokio::test]
async fn a_refused_connection_says_so() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = send_failing(&support::client_for(url.clone(), |c| {
        c.retry_config(aws_smithy_types::retry::RetryConfig::disabled())
    }))
    .await;
    let text = error.to_string();
    let target = url.trim_start_matches("http://");
    assert!(
        text.starts_with(&format!(
            "CreateAppInstance failed: connection failed to {target}: "
        )) && text.to_ascii_lowercase().contains("connection refused"),
        "{text}"
    );
    assert_eq!(chain(&error), text);
}

#[tokio::test]
async fn a_host_without_a_port_is_named_with_its_schemes_port() {
    // Nothing listens on localhost's port 80 here, or if something does,
    // it is not a Chime service: either way the call fails, naming where.
    let error = send_failing(&support::client_for("http://localhost", |c| {
        c.retry_config(aws_smithy_types::retry::RetryConfig::disabled())
    }))
    .await;
    let text = error.to_string();
    assert!(text.contains("localhost:80"), "{text}");
}

#[tokio::test]
async fn a_response_that_is_not_an_aws_error_shows_status_host_type_and_a_bounded_excerpt() {
    let page = format!(
        "<html>\n<h1>Not Found</h1>\x1b[31m{}</html>",
        "padding ".repeat(10_000)
    );
    let server = Server::always(Reply::Raw {
        status: 404,
        headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
        body: page.into_bytes(),
    })
    .await;
    let error = send_failing(&server.client(|c| c)).await;
    let text = error.to_string();
    let host = server.url().trim_start_matches("http://").to_owned();
    let expected_start = format!(
        "CreateAppInstance failed: HTTP 404 from {host}, not an AWS error response: \
         text/html; charset=utf-8; body starts \"<html>\\n<h1>Not Found</h1>\\u{{1b}}[31mpadding "
    );
    assert!(text.starts_with(&expected_start), "{text}");
    assert!(text.len() < 600, "bounded: {} bytes", text.len());
    // Still the service's error, as the SDK has it: unhandled, with the body kept.
    let unhandled = error.as_service_error().expect("a service error");
    assert!(unhandled.is_unhandled());
    assert_eq!(unhandled.http_status(), Some(404));
}

#[tokio::test]
async fn a_credentials_providers_own_reason_is_in_the_message_bounded() {
    use aws_credential_types::provider::error::CredentialsError;
    let reasons = [
        "the profile `ops` has no `aws_access_key_id`".to_owned(),
        format!("line\nbreak {}", "x".repeat(100_000)),
    ];
    for reason in reasons {
        let failing = aws_credential_types::credential_fn::provide_credentials_fn(move || {
            let reason = reason.clone();
            async move {
                Err(CredentialsError::provider_error(std::io::Error::other(
                    reason,
                )))
            }
        });
        let server = Server::always(Reply::Handle).await;
        let error = send_failing(&server.client(|c| c.credentials_provider(failing))).await;
        let text = error.to_string();
        assert!(
            text.starts_with(
                "CreateAppInstance failed: cannot build the request: cannot load credentials: "
            ),
            "{text}"
        );
        assert!(
            text.contains("the profile `ops` has no `aws_access_key_id`")
                || text.contains("line\\nbreak xxx"),
            "{text}"
        );
        assert!(text.len() < 1_000, "bounded: {} bytes", text.len());
        assert_eq!(
            chain(&error).matches("aws_access_key_id").count(),
            text.matches("aws_access_key_id").count()
        );
        assert!(server.requests().is_empty());
    }
}

#[tokio::test]
async fn a_failed_calls_request_id_is_bounded_as_a_successful_ones() {
    let long_id = "r".repeat(60_000);
    let server = Server::always(
        Reply::json(400, r#"{"Code":"BadRequestException","Message":"no"}"#)
            .header("x-amzn-errortype", "BadRequestException")
            .header("x-amzn-requestid", &long_id),
    )
    .await;
    let error = send_failing(&server.client(|c| c)).await;
    assert_eq!(error.request_id(), None, "an implausible id is no id");
    assert!(error.to_string().len() < 200, "{error}");
}

#[tokio::test]
async fn endpoint_urls_with_user_information_or_another_scheme_are_refused_before_any_io() {
    let server = Server::always(Reply::Handle).await;
    let with_password = server.url().replace("http://", "http://admin:hunter2@");
    for url in [with_password, "ftp://127.0.0.1:21".to_owned()] {
        let client = support::client_for(url.clone(), |c| c);
        let error = send_failing(&client).await;
        assert!(
            matches!(error.kind(), ErrorKind::Construction(_)),
            "{error:?}"
        );
        assert_eq!(error.attempts(), 0, "{url}");
        for shown in [
            error.to_string(),
            format!("{error:?}"),
            format!("{client:?}"),
        ] {
            assert!(!shown.contains("hunter2"), "{shown}");
        }
        assert!(client.endpoint().is_err());
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_output_carries_its_request_id_where_sdk_code_looks_for_it() {
    use aws_types::request_id::RequestId;
    async fn request_id_of(reply: Reply) -> Option<String> {
        let server = Server::always(reply).await;
        let client = server.client(|c| c);
        let output = client.create_app_instance().name("n").send().await.unwrap();
        RequestId::request_id(&output).map(str::to_owned)
    }
    let scripted = Reply::accepted().header("x-amzn-RequestId", "req-ok-1");
    assert_eq!(request_id_of(scripted).await.as_deref(), Some("req-ok-1"));
    // chime-local gives every answer one of its own.
    assert_eq!(
        request_id_of(Reply::Handle).await.map(|id| id.len()),
        Some(36)
    );
}
