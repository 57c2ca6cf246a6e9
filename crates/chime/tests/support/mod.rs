//! A small HTTP/1.1 server on 127.0.0.1 for the client's tests.
//!
//! It records every request, checks its SigV4 signature with an
//! implementation of its own (so a signing bug cannot hide behind the
//! library that made it), and answers from a script. It stops when the
//! test's runtime does.

#![allow(dead_code)] // Each test file uses a different part.

use aws_credential_types::Credentials;
use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const ACCESS_KEY: &str = "AKIDTESTCHIME";
pub const SECRET_KEY: &str = "test-secret-key-that-must-never-be-printed";
pub const SESSION_TOKEN: &str = "test-session-token-that-must-never-be-printed";

/// Credentials with a session token, as the server expects them.
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
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `None` when the signature checked out; otherwise why not.
    pub signature_problem: Option<String>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

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
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn created(arn: &str) -> Self {
        Self::json(201, &format!(r#"{{"AppInstanceArn":"{arn}"}}"#))
    }

    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// A modelled error the way Chime sends them: the name in
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

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

struct State {
    script: VecDeque<Reply>,
    /// Given when the script runs out.
    fallback: Reply,
    requests: Vec<Recorded>,
}

/// The server; dropped with the test's runtime.
#[derive(Clone)]
pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Starts a server that gives `script` in order, then `fallback` forever.
    pub async fn start(script: Vec<Reply>, fallback: Reply) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            script: script.into(),
            fallback,
            requests: Vec::new(),
        }));
        let server = Self { addr, state };
        let accepting = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = accepting.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let server = server.clone();
                        async move { Ok::<_, hyper::Error>(server.answer(request).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        server
    }

    /// Answers every request with `reply`.
    pub async fn always(reply: Reply) -> Self {
        Self::start(Vec::new(), reply).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// A client for this server with test credentials, fast retries and
    /// the given changes.
    pub fn client(
        &self,
        configure: impl FnOnce(chime::ConfigBuilder) -> chime::ConfigBuilder,
    ) -> chime::Client {
        let config = chime::Config::builder()
            .region(chime::Region::new("us-east-1"))
            .credentials_provider(credentials())
            .endpoint_url(self.url())
            .retry_config(
                aws_smithy_types::retry::RetryConfig::standard()
                    .with_initial_backoff(Duration::from_millis(1))
                    .with_max_backoff(Duration::from_millis(5)),
            );
        chime::Client::from_conf(configure(config).build())
    }

    async fn answer(&self, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
        let (parts, body) = request.into_parts();
        let body = body
            .collect()
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
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
        let mut recorded = Recorded {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            headers,
            body,
            signature_problem: None,
        };
        recorded.signature_problem = verify_signature(&recorded).err();
        let reply = {
            let mut state = self.state.lock().unwrap();
            let bad_signature = recorded.signature_problem.is_some();
            state.requests.push(recorded);
            if bad_signature {
                Reply::json(
                    403,
                    r#"{"Code":"Forbidden","Message":"signature mismatch"}"#,
                )
                .header("x-amzn-errortype", "InvalidSignatureException")
            } else {
                let fallback = state.fallback.clone();
                state.script.pop_front().unwrap_or(fallback)
            }
        };
        tokio::time::sleep(reply.delay).await;
        let mut response = hyper::Response::builder().status(reply.status);
        for (name, value) in &reply.headers {
            response = response.header(name, value);
        }
        response.body(Full::new(Bytes::from(reply.body))).unwrap()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Recomputes the SigV4 signature of a request from the test secret.
pub fn verify_signature(request: &Recorded) -> Result<(), String> {
    let authorization = request
        .header("authorization")
        .ok_or("no authorization header")?;
    let rest = authorization
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or("not AWS4-HMAC-SHA256")?;
    let field = |name: &str| {
        rest.split(", ")
            .find_map(|part| part.strip_prefix(name))
            .ok_or(format!("no {name} in authorization"))
    };
    let credential = field("Credential=")?;
    let signed_headers = field("SignedHeaders=")?;
    let signature = field("Signature=")?;
    let scope_parts: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, "aws4_request"] = scope_parts[..] else {
        return Err(format!("malformed credential scope {credential}"));
    };
    if access_key != ACCESS_KEY {
        return Err(format!("unknown access key {access_key}"));
    }
    if (region, service) != ("us-east-1", "chime") {
        return Err(format!(
            "signed for {region}/{service}, not us-east-1/chime"
        ));
    }
    if request.header("x-amz-security-token") != Some(SESSION_TOKEN) {
        return Err("the session token is missing".into());
    }
    let amz_date = request.header("x-amz-date").ok_or("no x-amz-date")?;
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        let values: Vec<&str> = request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        if values.is_empty() {
            return Err(format!("signed header {name} was not sent"));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    for required in ["host", "x-amz-date", "content-type", "x-amz-security-token"] {
        if !signed_headers.split(';').any(|h| h == required) {
            return Err(format!("{required} is not signed"));
        }
    }
    let canonical_request = format!(
        "{}\n{}\n\n{}\n{}\n{}",
        request.method,
        request.path,
        canonical_headers,
        signed_headers,
        hex(&Sha256::digest(&request.body))
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{date}/{region}/{service}/aws4_request\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let key = hmac(format!("AWS4{SECRET_KEY}").as_bytes(), date);
    let key = hmac(&key, region);
    let key = hmac(&key, service);
    let key = hmac(&key, "aws4_request");
    let expected = hex(&hmac(&key, &string_to_sign));
    if expected == signature {
        Ok(())
    } else {
        Err(format!("signature {signature} != recomputed {expected}"))
    }
}
