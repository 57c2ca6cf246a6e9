//! `chime-local` behaves like CreateAppInstance, seen through the client and
//! through raw HTTP.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use aws_smithy_types::retry::RetryConfig;
use chime_lean::ErrorKind;
use chime_lean::operation::create_app_instance::{CreateAppInstanceError, CreateAppInstanceOutput};
use chime_lean::types::Tag;
use chime_local::{ErrorAnswer, Fault, LocalChime};
use chime_tests::local_client;
use std::io::{Read, Write};
use std::time::Duration;

/// A call with nothing but a name.
async fn create(
    client: &chime_lean::Client,
) -> Result<CreateAppInstanceOutput, chime_lean::Error<CreateAppInstanceError>> {
    client.create_app_instance().name("n").send().await
}

fn service_error(error: &chime_lean::Error<CreateAppInstanceError>) -> &CreateAppInstanceError {
    error
        .as_service_error()
        .unwrap_or_else(|| panic!("expected a service error, got {error:?}"))
}

#[tokio::test]
async fn it_creates_with_an_aws_style_arn() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c);
    let output = client
        .create_app_instance()
        .name("ops")
        .tags(Tag::builder().key("team").value("ops").build().unwrap())
        .send()
        .await
        .unwrap();
    let arn = output.app_instance_arn().unwrap();
    let prefix = format!(
        "arn:aws:chime:us-east-1:{}:app-instance/",
        local.account_id()
    );
    let id = arn.strip_prefix(&prefix).expect("the ARN has the account");
    assert_eq!(id.len(), 36, "{arn}");
    let instances = local.instances();
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].arn, arn);
    assert_eq!(instances[0].name, "ops");
    assert_eq!(instances[0].tags, [("team".to_owned(), "ops".to_owned())]);
}

#[tokio::test]
async fn unknown_keys_are_unauthorized_and_bad_signatures_forbidden() {
    let local = LocalChime::start().await.unwrap();
    let stranger = local_client(&local, |c| {
        c.credentials_provider(aws_credential_types::Credentials::new(
            "AKIDSTRANGER",
            "whatever",
            None,
            None,
            "test",
        ))
    });
    let error = stranger
        .create_app_instance()
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert!(
        service_error(&error).is_unauthorized_client_exception(),
        "{error}"
    );
    assert_eq!(error.http_status(), Some(401));

    let forger = local_client(&local, |c| {
        let real = local.credentials();
        c.credentials_provider(aws_credential_types::Credentials::new(
            real.access_key_id(),
            "not-the-secret",
            None,
            None,
            "test",
        ))
    });
    let error = forger
        .create_app_instance()
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert!(service_error(&error).is_forbidden_exception(), "{error}");
    assert_eq!(error.http_status(), Some(403));
    assert!(local.instances().is_empty());
    // Refused before authentication: counted, not kept.
    assert!(local.requests().is_empty());
    assert_eq!(local.unauthenticated_requests(), 2);
    assert_eq!(local.requests_received(), 2);
}

#[tokio::test]
async fn a_reused_token_returns_the_same_arn_or_a_conflict() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c);
    let send = |name: &'static str| {
        client
            .create_app_instance()
            .name(name)
            .client_request_token("token-1")
            .send()
    };
    let first = send("ops").await.unwrap();
    let again = send("ops").await.unwrap();
    assert_eq!(first.app_instance_arn(), again.app_instance_arn());
    let error = send("other").await.unwrap_err();
    assert!(service_error(&error).is_conflict_exception(), "{error}");
    assert_eq!(error.http_status(), Some(409));
    assert_eq!(local.instances().len(), 1);
}

#[tokio::test]
async fn the_quota_refuses_instances_beyond_it() {
    let local = LocalChime::builder().quota(2).start().await.unwrap();
    let client = local_client(&local, |c| c);
    for _ in 0..2 {
        create(&client).await.unwrap();
    }
    let error = create(&client).await.unwrap_err();
    assert!(
        service_error(&error).is_resource_limit_exceeded_exception(),
        "{error}"
    );
    assert_eq!(error.attempts(), 1, "a quota error is not retried");
    assert_eq!(local.instances().len(), 2);
}

#[tokio::test]
async fn requests_above_the_rate_are_throttled() {
    let local = LocalChime::builder()
        .rate_limit(0.001, 2)
        .start()
        .await
        .unwrap();
    let client = local_client(&local, |c| c.retry_config(RetryConfig::disabled()));
    for _ in 0..2 {
        create(&client).await.unwrap();
    }
    let error = create(&client).await.unwrap_err();
    assert!(
        service_error(&error).is_throttled_client_exception(),
        "{error}"
    );
    assert_eq!(error.http_status(), Some(429));
    assert!(error.as_service_error().unwrap().is_retryable());
}

#[tokio::test]
async fn invalid_input_gets_a_bad_request_naming_the_member_and_rule() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c);
    let error = client
        .create_app_instance()
        .name("n")
        .client_request_token("has spaces")
        .send()
        .await
        .unwrap_err();
    let refused = service_error(&error);
    assert!(refused.is_bad_request_exception(), "{error}");
    let message = refused.error_message().unwrap();
    assert!(
        message.contains("ClientRequestToken") && message.contains("pattern"),
        "{message}"
    );
    assert!(local.instances().is_empty());
}

#[tokio::test]
async fn injected_faults_apply_to_the_next_requests_in_order() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c);
    local.inject(Fault::Error(ErrorAnswer::ServiceUnavailable), 1);
    local.inject(Fault::DropAfterCreate, 1);
    let output = create(&client).await.unwrap();
    let requests = local.requests();
    let faults: Vec<_> = requests.iter().map(|r| r.fault.clone()).collect();
    assert_eq!(
        faults,
        [
            Some(Fault::Error(ErrorAnswer::ServiceUnavailable)),
            Some(Fault::DropAfterCreate),
            None
        ]
    );
    assert_eq!(
        requests[1].status, None,
        "the second connection was dropped"
    );
    // The dropped answer's instance is the one the retry got back.
    let instances = local.instances();
    assert_eq!(instances.len(), 1);
    assert_eq!(output.app_instance_arn(), Some(instances[0].arn.as_str()));

    local.inject(Fault::MalformedBody, 1);
    let error = create(&client).await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Response(_)), "{error:?}");
    assert_eq!(error.http_status(), Some(201));
    assert_eq!(local.instances().len(), 2, "created, then answered badly");

    local.inject(Fault::Delay(Duration::from_millis(50)), 1);
    create(&client).await.unwrap();
    assert_eq!(
        local.requests().last().unwrap().fault,
        Some(Fault::Delay(Duration::from_millis(50)))
    );
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_errors_their_type() {
    let local = LocalChime::start().await.unwrap();
    let addr = local.addr();
    // An unsigned request, over a plain socket: no client to hide anything.
    let response = tokio::task::spawn_blocking(move || {
        let request = format!(
            "POST /app-instances HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{{}}"
        );
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    })
    .await
    .unwrap();
    let lower = response.to_ascii_lowercase();
    assert!(lower.starts_with("http/1.1 401"), "{response}");
    assert!(lower.contains("x-amzn-requestid: "), "{response}");
    assert!(
        lower.contains("x-amzn-errortype: unauthorizedclientexception"),
        "{response}"
    );
    assert!(response.contains(r#""Code":"Unauthorized""#), "{response}");
}

/// The README's configuration without `aws-config` points at a standalone
/// `chime-local` with the credentials that one accepts, and a call made
/// with them goes through; and the README says truly where the example
/// runs its `chime-local`.
#[tokio::test]
async fn the_readmes_local_snippet_and_example_are_what_chime_local_does() {
    let readme = chime_tests::read("README.md");
    let snippet = readme
        .split("Or without `aws-config`:")
        .nth(1)
        .and_then(|rest| rest.split("```rust").nth(1))
        .and_then(|rest| rest.split("```").next())
        .expect("the README's second snippet");
    let credentials = format!(
        "Credentials::new({:?}, {:?}, None, None, \"chime-local\")",
        chime_local::STANDALONE_ACCESS_KEY,
        chime_local::STANDALONE_SECRET_KEY
    );
    let endpoint = format!(
        ".endpoint_url(\"http://127.0.0.1:{}\")",
        chime_local::STANDALONE_PORT
    );
    assert!(snippet.contains(&credentials), "{credentials} in {snippet}");
    assert!(snippet.contains(&endpoint), "{endpoint} in {snippet}");

    // Those credentials, against a chime-local that takes them (on a free
    // port rather than the standalone one, which may be in use).
    let local = LocalChime::builder()
        .account(
            "123456789012",
            chime_local::STANDALONE_ACCESS_KEY,
            chime_local::STANDALONE_SECRET_KEY,
        )
        .start()
        .await
        .unwrap();
    let config = chime_lean::Config::builder()
        .region(chime_lean::config::Region::new("us-east-1"))
        .credentials_provider(chime_lean::config::Credentials::new(
            chime_local::STANDALONE_ACCESS_KEY,
            chime_local::STANDALONE_SECRET_KEY,
            None,
            None,
            "chime-local",
        ))
        .endpoint_url(local.endpoint_url())
        .validate_input(true)
        .build();
    create(&chime_lean::Client::from_conf(config))
        .await
        .unwrap();

    // The example starts chime-local as a task of its own process.
    let example = chime_tests::read("examples/create_app_instance.rs");
    assert!(example.contains("chime_local::LocalChime::start()"));
    assert!(!example.contains("std::process::Command"));
    assert!(
        readme.contains("The example runs `chime-local` inside the example's own process"),
        "the README says how the example runs chime-local"
    );
}
