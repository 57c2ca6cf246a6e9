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
