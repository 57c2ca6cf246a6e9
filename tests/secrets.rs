//! No secret key, session token or `@sensitive` value (name, metadata,
//! token, tag keys and values) appears in `Debug`, `Display` or `tracing`
//! output, of calls that succeed and of calls that fail. The spans still
//! say what a person debugging needs.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use chime_local::{ErrorAnswer, Fault, LocalChime};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

const SECRET_KEY: &str = "secret-access-key-0e";
const SESSION_TOKEN: &str = "session-token-4f";
const SENSITIVE: [&str; 6] = [
    "secret-name-7c",
    "secret-metadata-3a",
    "secret-token-5e",
    "secret-key-1d",
    "secret-value-2b",
    "generated-token-6a",
];

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn sensitive_call(
    client: &chime_lean::Client,
) -> chime_lean::operation::create_app_instance::CreateAppInstanceFluentBuilder {
    client
        .create_app_instance()
        .name(SENSITIVE[0])
        .metadata(SENSITIVE[1])
        .client_request_token(SENSITIVE[2])
        .tags(
            chime_lean::types::Tag::builder()
                .key(SENSITIVE[3])
                .value(SENSITIVE[4])
                .build()
                .unwrap(),
        )
}

/// Runs calls that succeed and fail in every way, and returns everything
/// they showed: tracing output, then `Debug` and `Display` of every value.
async fn show_everything() -> String {
    let local = LocalChime::builder()
        .account("123456789012", "AKIDSECRETS", SECRET_KEY)
        .session_token(SESSION_TOKEN)
        .start()
        .await
        .unwrap();
    let credentials = aws_credential_types::Credentials::new(
        "AKIDSECRETS",
        SECRET_KEY,
        Some(SESSION_TOKEN.to_owned()),
        None,
        "secrets-test",
    );
    let client = chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .region(chime_lean::Region::new("us-east-1"))
            .endpoint_url(local.endpoint_url())
            .credentials_provider(credentials)
            .idempotency_token_provider(chime_lean::token::FixedToken::new(SENSITIVE[5]))
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_attempt_timeout(Duration::from_millis(100))
                    .build(),
            )
            .build(),
    );
    let mut shown = Vec::new();

    // Succeeds after a retry.
    local.inject(Fault::Error(ErrorAnswer::ServiceUnavailable), 1);
    let (output, token) = sensitive_call(&client).send_with_token().await.unwrap();
    shown.push(format!("{output:?} {token:?}"));

    // Succeeds with a generated token, after a lost response.
    local.inject(Fault::DropAfterCreate, 1);
    let (output, token) = client
        .create_app_instance()
        .name(SENSITIVE[0])
        .send_with_token()
        .await
        .unwrap();
    shown.push(format!("{output:?} {token:?}"));

    // Fails: refused by the service, timed out, unreadable, invalid input.
    let faults = [
        Fault::Error(ErrorAnswer::Conflict),
        Fault::Delay(Duration::from_millis(300)),
        Fault::MalformedBody,
    ];
    for fault in faults {
        local.clear_faults();
        local.set_standing_fault(Some(fault));
        let error = sensitive_call(&client).send().await.unwrap_err();
        shown.push(format!("{error} {error:?} {:?}", error.kind()));
    }
    local.clear_faults();
    let validating =
        chime_lean::Client::from_conf(client.config().to_builder().validate_input(true).build());
    let error = sensitive_call(&validating)
        .name(format!("{}\u{1}", SENSITIVE[0]))
        .send()
        .await
        .unwrap_err();
    shown.push(format!("{error} {error:?}"));

    let input = chime_lean::operation::create_app_instance::CreateAppInstanceInput::builder()
        .name(SENSITIVE[0])
        .metadata(SENSITIVE[1])
        .client_request_token(SENSITIVE[2])
        .build()
        .unwrap();
    shown.push(format!("{input:?} {client:?} {:?}", client.config()));
    shown.push(format!(
        "{local:?} {:?} {:?}",
        local.instances(),
        local.requests()
    ));
    shown.join("\n")
}

#[test]
fn nothing_sensitive_is_shown_or_logged_and_spans_say_what_happened() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let shown = tracing::subscriber::with_default(subscriber, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(show_everything())
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for secret in SENSITIVE.iter().chain(&[SECRET_KEY, SESSION_TOKEN]) {
        assert!(!log.contains(secret), "{secret} logged:\n{log}");
        assert!(!shown.contains(secret), "{secret} shown:\n{shown}");
    }
    for expected in [
        "attempt{attempt=1 status=503 error=\"ServiceUnavailableException\"",
        "attempt{attempt=2 status=201}",
        "call{operation=\"CreateAppInstance\" attempts=2}",
        "call{operation=\"CreateAppInstance\" attempts=1 status=409 error=\"ConflictException\"",
        "attempt{attempt=1 error=\"timeout\"}",
    ] {
        assert!(log.contains(expected), "`{expected}` missing from:\n{log}");
    }
}
