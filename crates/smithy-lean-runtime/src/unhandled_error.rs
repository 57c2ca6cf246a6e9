//! An error response that the model does not list for the operation.

use crate::error_response::ErrorResponse;
use crate::{BodyExcerpt, BoundedDebug, UntrustedText};
use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};
use std::fmt;
use std::sync::Arc;

/// An error response whose name the model does not list, or that had no name.
///
/// It keeps everything the response said: the name (if any), message,
/// request id and HTTP status; and of a response that is no AWS error at
/// all (neither name nor message), the start of its body.
#[derive(Clone)]
pub struct UnhandledError {
    meta: ErrorMetadata,
    /// `None` for a failure that was not the service's answer.
    http_status: Option<u16>,
    body: Option<BodyExcerpt>,
    /// A failure that was not the service's answer, which this stands for.
    failure: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl UnhandledError {
    /// The error of a response with this status, described by `meta`.
    pub fn new(meta: ErrorMetadata, http_status: u16) -> Self {
        UnhandledError {
            meta,
            http_status: Some(http_status),
            body: None,
            failure: None,
        }
    }

    /// An error that stands for a failure that was not the service's
    /// answer (a refused connection, a timeout): `Display` is the
    /// failure's, and its causes are this error's.
    pub fn from_failure(failure: Box<dyn std::error::Error + Send + Sync>) -> Self {
        UnhandledError {
            meta: ErrorMetadata::builder().build(),
            http_status: None,
            body: None,
            failure: Some(Arc::from(failure)),
        }
    }

    /// The error of a response with this status, as [`read`] found it:
    /// its metadata, and its body's excerpt if it is no AWS error.
    ///
    /// [`read`]: crate::error_response::read
    pub fn of_response(response: ErrorResponse, http_status: u16) -> Self {
        UnhandledError {
            meta: response.meta,
            http_status: Some(http_status),
            body: response.body,
            failure: None,
        }
    }

    /// The content type and start of the body of a response that is no
    /// AWS error response (it had neither an error name nor a message).
    pub fn body_excerpt(&self) -> Option<&BodyExcerpt> {
        self.body.as_ref()
    }

    /// Name, message and request id, as read from the response.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// The HTTP status of the response; `None` where no response came.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }
}

impl fmt::Debug for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnhandledError")
            .field("meta", &BoundedDebug(&self.meta))
            .field("http_status", &self.http_status)
            .field("body", &self.body)
            .field("failure", &self.failure)
            .finish()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(failure) = &self.failure {
            return fmt::Display::fmt(failure, f);
        }
        if let (Some(body), Some(status)) = (&self.body, self.http_status) {
            f.write_fmt(format_args!("HTTP {status}"))?;
            f.write_str(", not an AWS error response: ")?;
            return fmt::Display::fmt(body, f);
        }
        match self.meta.code() {
            Some(code) => fmt::Display::fmt(&UntrustedText(code), f)?,
            None => f.write_str("unnamed error")?,
        }
        if let Some(message) = self.meta.message() {
            f.write_str(": ")?;
            fmt::Display::fmt(&UntrustedText(message), f)?;
        }
        match self.http_status {
            Some(status) => f.write_fmt(format_args!(" (HTTP {status})")),
            None => Ok(()),
        }
    }
}

/// The causes of the failure it stands for (its `Display` is the
/// failure's own text already); none for the service's answer.
impl std::error::Error for UnhandledError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.failure.as_deref()?.source()
    }
}

impl ProvideErrorMetadata for UnhandledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

/// An unhandled error is a service error like any other, just unnamed by the model.
impl crate::ServiceError for UnhandledError {
    fn error_name(&self) -> Option<&str> {
        self.meta.code()
    }

    fn error_message(&self) -> Option<&str> {
        self.meta.message()
    }

    fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// None: the model says nothing of an error it does not list. A client
    /// still retries it by its code or status, as the AWS SDKs do.
    fn retryable_error_kind(&self) -> Option<aws_smithy_types::retry::ErrorKind> {
        None
    }

    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    fn body_excerpt(&self) -> Option<&BodyExcerpt> {
        self.body.as_ref()
    }
}

/// An operation that names no errors of its own reads every error response
/// as unhandled: its name, message and request id kept.
impl crate::operation::OperationError for UnhandledError {
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self {
        UnhandledError::of_response(crate::error_response::read(headers, body), status)
    }

    fn unhandled(failure: Box<dyn std::error::Error + Send + Sync>) -> Self {
        UnhandledError::from_failure(failure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceError;

    #[test]
    fn it_reads_as_any_service_error_and_shows_untrusted_text_escaped() {
        let response = crate::error_response::read(
            &[("x-amzn-requestid", "req-1")]
                .into_iter()
                .map(|(k, v)| {
                    (
                        http::HeaderName::from_static(k),
                        http::HeaderValue::from_static(v),
                    )
                })
                .collect(),
            br#"{"code":"Odd","message":"line\nbreak"}"#,
        );
        let error = UnhandledError::new(response.meta, 418);
        assert_eq!(ServiceError::error_name(&error), Some("Odd"));
        assert_eq!(ServiceError::error_message(&error), Some("line\nbreak"));
        assert_eq!(ServiceError::request_id(&error), Some("req-1"));
        assert_eq!(ServiceError::http_status(&error), Some(418));
        assert!(!ServiceError::is_retryable(&error));
        assert_eq!(error.to_string(), "Odd: line\\nbreak (HTTP 418)");
    }

    #[test]
    fn an_operation_without_errors_of_its_own_reads_any_error_response_as_unhandled() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "x-amzn-errortype",
            http::HeaderValue::from_static("Throttled"),
        );
        let error = <UnhandledError as crate::operation::OperationError>::from_response(
            429,
            &headers,
            br#"{"message":"slow down"}"#,
        );
        assert_eq!(ServiceError::error_name(&error), Some("Throttled"));
        assert_eq!(ServiceError::error_message(&error), Some("slow down"));
        assert_eq!(error.http_status(), Some(429));
        assert_eq!(error.body_excerpt(), None);
    }

    #[test]
    fn its_accessors_debug_and_metadata_say_what_the_response_did() {
        let mut headers = http::HeaderMap::new();
        headers.insert("content-type", http::HeaderValue::from_static("text/plain"));
        let page = <UnhandledError as crate::operation::OperationError>::from_response(
            502,
            &headers,
            b"bad gateway",
        );
        assert_eq!(
            page.body_excerpt().map(BodyExcerpt::text),
            Some("bad gateway")
        );
        let named = <UnhandledError as crate::operation::OperationError>::from_response(
            418,
            &http::HeaderMap::new(),
            br#"{"code":"Teapot","message":"short"}"#,
        );
        assert_eq!(named.meta().code(), Some("Teapot"));
        assert_eq!(ProvideErrorMetadata::meta(&named).message(), Some("short"));
        assert_eq!(named.body_excerpt(), None);
        let shown = format!("{page:?}");
        assert!(
            shown.starts_with("UnhandledError { meta: ")
                && shown.contains("http_status: Some(502)"),
            "{shown}"
        );
        assert!(shown.contains("bad gateway"), "{shown}");
    }

    #[test]
    fn a_failure_that_was_not_the_services_speaks_for_itself() {
        #[derive(Debug)]
        struct Refused(std::io::Error);
        impl fmt::Display for Refused {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("connection failed to h:443")
            }
        }
        impl std::error::Error for Refused {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let error = <UnhandledError as crate::operation::OperationError>::unhandled(Box::new(
            Refused(std::io::Error::other("refused")),
        ));
        assert_eq!(error.to_string(), "connection failed to h:443");
        assert_eq!(
            std::error::Error::source(&error).map(ToString::to_string),
            Some("refused".to_owned())
        );
        assert_eq!(error.http_status(), None);
        assert_eq!(ServiceError::error_name(&error), None);
        assert_eq!(ServiceError::request_id(&error), None);
    }

    #[test]
    fn a_response_that_is_no_aws_error_shows_its_type_and_start() {
        let mut headers = http::HeaderMap::new();
        headers.insert("content-type", http::HeaderValue::from_static("text/html"));
        let error = <UnhandledError as crate::operation::OperationError>::from_response(
            404,
            &headers,
            b"<h1>Not Found</h1>",
        );
        assert_eq!(
            error.to_string(),
            r#"HTTP 404, not an AWS error response: text/html; body starts "<h1>Not Found</h1>""#
        );
        assert_eq!(
            ServiceError::body_excerpt(&error).map(BodyExcerpt::text),
            Some("<h1>Not Found</h1>")
        );
        assert_eq!(ServiceError::error_name(&error), None);
    }
}
