//! What a client needs from an operation's error, whatever the service.

use aws_smithy_types::error::metadata::ErrorMetadata;

/// An operation's error enum, as a generic client reads it: generated error
/// crates implement it for each operation's error.
pub trait ServiceError: std::error::Error + Send + Sync + 'static {
    /// The error's name (sanitized), if the response gave one.
    fn error_name(&self) -> Option<&str>;
    /// The human-readable message, if any.
    fn error_message(&self) -> Option<&str>;
    /// The request id the service gave the failed request.
    fn request_id(&self) -> Option<&str>;
    /// The HTTP status of the response.
    fn http_status(&self) -> Option<u16>;
    /// Whether the model says a client should retry it.
    fn is_retryable(&self) -> bool;
    /// Name, message and request id, as read from the response.
    fn meta(&self) -> &ErrorMetadata;
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

    fn request_id(&self) -> Option<&str> {
        match *self {}
    }

    fn http_status(&self) -> Option<u16> {
        match *self {}
    }

    fn is_retryable(&self) -> bool {
        match *self {}
    }

    fn meta(&self) -> &ErrorMetadata {
        match *self {}
    }
}
