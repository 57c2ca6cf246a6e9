//! What a client needs from an operation's error, whatever the service.

use aws_smithy_types::error::metadata::ErrorMetadata;
use aws_smithy_types::retry::ErrorKind;

/// A service's error, as a generic client reads it: generated error crates
/// implement it for each error structure and each operation's error enum,
/// whose accessors read their variant through it, so that the code behind
/// them is each structure's once rather than every enum's again.
pub trait ServiceError: std::error::Error + Send + Sync + 'static {
    /// The error's name (sanitized), if the response gave one.
    fn error_name(&self) -> Option<&str>;
    /// The human-readable message, if any.
    fn error_message(&self) -> Option<&str>;
    /// The HTTP status of the response.
    fn http_status(&self) -> Option<u16>;
    /// How the model says a client should retry it, if at all.
    fn retryable_error_kind(&self) -> Option<ErrorKind>;
    /// Name, message and request id, as read from the response.
    fn meta(&self) -> &ErrorMetadata;

    /// The request id the service gave the failed request.
    fn request_id(&self) -> Option<&str> {
        self.meta().extra(crate::error_response::REQUEST_ID_KEY)
    }

    /// Whether the model says a client should retry it.
    fn is_retryable(&self) -> bool {
        self.retryable_error_kind().is_some()
    }

    /// For a response that is no AWS error response (neither an error name
    /// nor a message), its content type and the start of its body.
    fn body_excerpt(&self) -> Option<&crate::BodyExcerpt> {
        None
    }
}

/// No service error at all: for what a client handles before it knows an
/// operation's error type.
impl ServiceError for std::convert::Infallible {
    fn error_name(&self) -> Option<&str> {
        match *self {}
    }

    fn error_message(&self) -> Option<&str> {
        match *self {}
    }

    fn http_status(&self) -> Option<u16> {
        match *self {}
    }

    fn retryable_error_kind(&self) -> Option<ErrorKind> {
        match *self {}
    }

    fn meta(&self) -> &ErrorMetadata {
        match *self {}
    }
}
