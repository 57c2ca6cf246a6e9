//! The call's tracing spans: what they say, and what they never say.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use support::{Reply, Server};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

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

#[test]
fn spans_record_attempts_statuses_and_errors_but_no_sensitive_values() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = Server::start(
                vec![Reply::error(503, "ServiceUnavailableException", "busy")],
                Reply::Handle,
            )
            .await;
            let client = server.client(|c| c);
            client
                .create_app_instance()
                .name("secret-name-7c")
                .metadata("secret-metadata-3a")
                .client_request_token("secret-token-5e")
                .tags(
                    chime::Tag::builder()
                        .key("secret-key-1d")
                        .value("secret-value-2b")
                        .build()
                        .unwrap(),
                )
                .send()
                .await
                .unwrap();

            let refusing = Server::always(Reply::error(400, "BadRequestException", "bad")).await;
            refusing
                .client(|c| c)
                .create_app_instance()
                .name("secret-name-7c")
                .send()
                .await
                .unwrap_err();
        });
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "attempt{attempt=1 status=503 error=\"ServiceUnavailableException\" request_id=\"req-1234\"}",
        "attempt{attempt=2 status=201}",
        "CreateAppInstance{attempts=2}",
        "CreateAppInstance{attempts=1 status=400 error=\"BadRequestException\" request_id=\"req-1234\"}",
    ] {
        assert!(log.contains(expected), "`{expected}` missing from:\n{log}");
    }
    for secret in [
        support::SECRET_KEY,
        support::SESSION_TOKEN,
        "secret-name-7c",
        "secret-metadata-3a",
        "secret-token-5e",
        "secret-key-1d",
        "secret-value-2b",
    ] {
        assert!(!log.contains(secret), "{secret} logged:\n{log}");
    }
}
