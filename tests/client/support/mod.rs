//! The client's tests talk to `chime-local` on 127.0.0.1, scripted with
//! faults. `chime-local` checks every request's SigV4 signature with its
//! own implementation (independent of the signer under test) before any
//! fault applies, so every request of every test is signature-checked.

#![allow(dead_code)] // Each test file uses a different part.

use aws_credential_types::Credentials;
use chime_local::{Fault, LocalChime, RecordedRequest};
use std::time::Duration;

pub const ACCOUNT: &str = "123456789012";
pub const ACCESS_KEY: &str = "AKIDTESTCHIME";
pub const SECRET_KEY: &str = "test-secret-key-that-must-never-be-printed";
pub const SESSION_TOKEN: &str = "test-session-token-that-must-never-be-printed";

/// Credentials with a session token.
pub fn credentials() -> Credentials {
    Credentials::new(
        ACCESS_KEY,
        SECRET_KEY,
        Some(SESSION_TOKEN.to_owned()),
        None,
        "tests",
    )
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub request: RecordedRequest,
    /// `None` when the signature checked out and carried the session
    /// token; otherwise why not.
    pub signature_problem: Option<String>,
}

impl std::ops::Deref for Recorded {
    type Target = RecordedRequest;
    fn deref(&self) -> &RecordedRequest {
        &self.request
    }
}

impl Recorded {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }

    pub fn token(&self) -> String {
        self.json()["ClientRequestToken"]
            .as_str()
            .expect("the request has a token")
            .to_owned()
    }
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Let the service handle the request.
    Handle,
    /// Let the service handle it after a delay.
    HandleAfter(Duration),
    /// Answer with exactly this.
    Raw {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply::Raw {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A modelled error the way Chime sends them: the name in a decorated
    /// `x-amzn-errortype`, the `Code` and `Message` in the body.
    pub fn error(status: u16, name: &str, message: &str) -> Self {
        Self::json(
            status,
            &format!(r#"{{"Code":"Throttled","Message":"{message}"}}"#),
        )
        .header(
            "x-amzn-errortype",
            &format!("{name}:http://internal.amazon.com/"),
        )
        .header("x-amzn-requestid", "req-1234")
    }

    pub fn header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Raw {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Raw {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    pub fn with_body(self, bytes: Vec<u8>) -> Self {
        match self {
            Reply::Raw {
                status, headers, ..
            } => Reply::Raw {
                status,
                headers,
                body: bytes,
            },
            other => other,
        }
    }

    /// A 201 with an ARN, without the service validating or storing
    /// anything: for tests of what the client sends, whatever it is.
    pub fn accepted() -> Self {
        Self::json(
            201,
            r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:123456789012:app-instance/accepted"}"#,
        )
    }

    fn into_fault(self) -> Option<Fault> {
        match self {
            Reply::Handle => None,
            Reply::HandleAfter(delay) => Some(Fault::Delay(delay)),
            Reply::Raw {
                status,
                headers,
                body,
            } => Some(Fault::Raw {
                status,
                headers,
                body,
            }),
        }
    }
}

/// A `chime-local` service with the test account; dropped with the test.
pub struct Server {
    pub local: LocalChime,
}

impl Server {
    /// Answers with `script` in order, then `fallback` for every request.
    pub async fn start(script: Vec<Reply>, fallback: Reply) -> Self {
        let local = LocalChime::builder()
            .account(ACCOUNT, ACCESS_KEY, SECRET_KEY)
            .session_token(SESSION_TOKEN)
            // A signing bug shows as a refused request in `requests()`.
            .log_unauthenticated(true)
            .start()
            .await
            .unwrap();
        local.inject_sequence(script.into_iter().map(Reply::into_fault));
        local.set_standing_fault(fallback.into_fault());
        Self { local }
    }

    /// Answers every request with `reply`.
    pub async fn always(reply: Reply) -> Self {
        Self::start(Vec::new(), reply).await
    }

    pub fn url(&self) -> String {
        self.local.endpoint_url()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.local
            .requests()
            .into_iter()
            .map(|request| {
                let signature_problem = if !request.authorized {
                    Some(format!("refused with {:?}", request.error_type))
                } else if request.header("x-amz-security-token") != Some(SESSION_TOKEN) {
                    Some("the session token is missing".to_owned())
                } else {
                    None
                };
                Recorded {
                    request,
                    signature_problem,
                }
            })
            .collect()
    }

    /// A client for this server with test credentials, fast retries and
    /// the given changes.
    pub fn client(
        &self,
        configure: impl FnOnce(chime_lean::ConfigBuilder) -> chime_lean::ConfigBuilder,
    ) -> chime_lean::Client {
        client_for(self.url(), configure)
    }
}

/// A client for `url` with test credentials, fast retries and the given changes.
pub fn client_for(
    url: impl Into<String>,
    configure: impl FnOnce(chime_lean::ConfigBuilder) -> chime_lean::ConfigBuilder,
) -> chime_lean::Client {
    let config = chime_lean::Config::builder()
        .region(chime_lean::Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(url)
        .retry_config(
            aws_smithy_types::retry::RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        );
    chime_lean::Client::from_conf(configure(config).build())
}
