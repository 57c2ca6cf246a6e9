//! The connector that keeps what a client sends and answers it.

use crate::request::ExpectedRequest;
use crate::response::CannedResponse;
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use aws_smithy_types::retry::RetryConfig;
use std::fmt;
use std::sync::{Arc, Mutex};

/// A request as the client handed it to its connector: signed, with every
/// header it would put on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentRequest {
    /// The method.
    pub method: String,
    /// The whole URI: scheme, host, path and query.
    pub uri: String,
    /// Headers in the order they were set, a repeated name once per value.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl SentRequest {
    /// The path, without the scheme, the host or the query.
    pub fn path(&self) -> &str {
        let after_scheme = self
            .uri
            .split_once("://")
            .map_or(&*self.uri, |(_, rest)| rest);
        let path_and_query = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
        path_and_query
            .split_once('?')
            .map_or(path_and_query, |(path, _)| path)
    }

    /// The host (and port, if any) the request is sent to.
    pub fn host(&self) -> Option<&str> {
        let after_scheme = self.uri.split_once("://")?.1;
        let host = after_scheme.split(['/', '?']).next()?;
        (!host.is_empty()).then_some(host)
    }

    /// The query string, without its `?`.
    pub fn query(&self) -> Option<&str> {
        self.uri.split_once('?').map(|(_, query)| query)
    }

    /// The query's `key=value` pairs as sent, still percent-encoded.
    pub fn query_pairs(&self) -> Vec<&str> {
        self.query()
            .map(|query| query.split('&').filter(|pair| !pair.is_empty()).collect())
            .unwrap_or_default()
    }

    /// The header's value, its repetitions joined with `, ` as HTTP allows;
    /// the name in any case.
    pub fn header(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(sent, _)| sent.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }
}

/// An HTTP connector that keeps every request it is given and answers each
/// with the same canned response. Cloning it shares what it kept.
#[derive(Clone)]
pub struct Capture {
    sent: Arc<Mutex<Vec<SentRequest>>>,
    answer: Arc<Answer>,
}

/// The response a [`Capture`] gives, owned.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl fmt::Debug for Capture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Capture")
            .field("sent", &self.sent().len())
            .field("answer_status", &self.answer.status)
            .finish()
    }
}

impl Capture {
    /// A connector that answers every request with `response`.
    pub fn answering(response: &CannedResponse<'_>) -> Self {
        let headers = response
            .headers
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        Capture {
            sent: Arc::default(),
            answer: Arc::new(Answer {
                status: response.code,
                headers,
                body: response.body.as_bytes().to_vec(),
            }),
        }
    }

    /// A connector that answers every request with `status`, `headers`
    /// and a body of any bytes (an event stream's messages).
    pub fn answering_bytes(status: u16, headers: &[(&str, &str)], body: Vec<u8>) -> Self {
        Capture {
            sent: Arc::default(),
            answer: Arc::new(Answer {
                status,
                headers: headers
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.to_string()))
                    .collect(),
                body,
            }),
        }
    }

    /// A client configuration that sends through this connector to
    /// `https://{host}` (`example.com` unless the case names a host), once,
    /// signed in `us-east-1` with the [test credentials](crate::test_credentials), filling idempotency
    /// tokens with [`IDEMPOTENCY_TOKEN`](crate::IDEMPOTENCY_TOKEN).
    pub fn config(&self, host: Option<&str>) -> smithy_lean_client::Config {
        smithy_lean_client::Config::builder()
            .region(smithy_lean_client::Region::new("us-east-1"))
            .credentials_provider(crate::test_credentials())
            .endpoint_url(format!("https://{}", host.unwrap_or("example.com")))
            .retry_config(RetryConfig::standard().with_max_attempts(1))
            .idempotency_token_provider(smithy_lean_client::token::FixedToken::new(
                crate::IDEMPOTENCY_TOKEN,
            ))
            .http_connector(self.clone())
            .build()
    }

    /// The requests kept so far, oldest first.
    pub fn sent(&self) -> Vec<SentRequest> {
        self.sent
            .lock()
            .map(|sent| sent.clone())
            .unwrap_or_default()
    }

    /// The one request the client sent; panics, showing `result`, when it
    /// sent none or more.
    #[track_caller]
    pub fn sent_once<T, E: fmt::Display>(&self, result: &Result<T, E>) -> SentRequest {
        let mut sent = self.sent();
        match (sent.len(), result) {
            (1, _) => sent.remove(0),
            (0, Err(error)) => panic!("the client sent no request: {error}"),
            (0, Ok(_)) => panic!("the client sent no request, and the call succeeded"),
            (many, _) => panic!("the client sent {many} requests, not one"),
        }
    }

    /// Panics, listing every mismatch, unless the client sent exactly one
    /// request and it matches `expected`; `result` is the call's, shown
    /// when nothing was sent.
    pub fn assert_sent<T, E: fmt::Display>(
        &self,
        expected: &ExpectedRequest<'_>,
        result: &Result<T, E>,
    ) {
        let request = self.sent_once(result);
        let mismatches = expected.mismatches(&request);
        assert!(
            mismatches.is_empty(),
            "the request differs from the case:\n  {}\nsent: {request:#?}",
            mismatches.join("\n  ")
        );
    }
}

impl HttpConnector for Capture {
    fn call(&self, mut request: HttpRequest) -> HttpConnectorFuture {
        let capture = self.clone();
        HttpConnectorFuture::new(async move {
            // A streaming payload is read as the network would read it.
            let body = std::mem::replace(request.body_mut(), SdkBody::taken());
            let body = match body.bytes() {
                Some(bytes) => bytes.to_vec(),
                None => ByteStream::new(body)
                    .collect()
                    .await
                    .map_err(|e| ConnectorError::io(e.into()))?
                    .to_vec(),
            };
            let sent = SentRequest {
                method: request.method().to_owned(),
                uri: request.uri().to_owned(),
                headers: request
                    .headers()
                    .iter()
                    .map(|(name, value)| (name.to_owned(), value.to_owned()))
                    .collect(),
                body,
            };
            if let Ok(mut kept) = capture.sent.lock() {
                kept.push(sent);
            }
            capture.answer()
        })
    }
}

impl Capture {
    /// The canned response, as a connector gives one.
    fn answer(&self) -> Result<HttpResponse, ConnectorError> {
        let Answer {
            status,
            headers,
            body,
        } = &*self.answer;
        let status =
            StatusCode::try_from(*status).map_err(|e| ConnectorError::other(e.into(), None))?;
        let mut response = HttpResponse::new(status, SdkBody::from(body.clone()));
        for (name, value) in headers {
            response.headers_mut().append(name.clone(), value.clone());
        }
        Ok(response)
    }
}

impl From<Capture> for SharedHttpConnector {
    fn from(capture: Capture) -> Self {
        SharedHttpConnector::new(capture)
    }
}

#[cfg(test)]
mod tests {
    use super::SentRequest;

    fn sent(uri: &str) -> SentRequest {
        SentRequest {
            method: "GET".to_owned(),
            uri: uri.to_owned(),
            headers: vec![
                ("A".to_owned(), "1".to_owned()),
                ("a".to_owned(), "2".to_owned()),
            ],
            body: Vec::new(),
        }
    }

    #[test]
    fn a_uri_splits_into_host_path_and_query() {
        let request = sent("https://example.com:8443/a/b%2F?x=1&&y");
        assert_eq!(request.host(), Some("example.com:8443"));
        assert_eq!(request.path(), "/a/b%2F");
        assert_eq!(request.query(), Some("x=1&&y"));
        assert_eq!(request.query_pairs(), ["x=1", "y"]);
        let bare = sent("https://example.com");
        assert_eq!(
            (bare.path(), bare.query(), bare.host()),
            ("/", None, Some("example.com"))
        );
        assert!(bare.query_pairs().is_empty());
        let query_only = sent("https://example.com?x");
        assert_eq!(
            (query_only.path(), query_only.host()),
            ("/", Some("example.com"))
        );
    }

    #[test]
    fn repeated_headers_are_joined_in_the_order_sent() {
        assert_eq!(sent("https://h/").header("a").as_deref(), Some("1, 2"));
        assert_eq!(sent("https://h/").header("b"), None);
    }
}
