//! An error response that the model does not list for the operation.

use crate::{BoundedDebug, UntrustedText};
use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};
use std::fmt;

/// An error response whose name the model does not list, or that had no name.
///
/// It keeps everything the response said: the name (if any), message,
/// request id and HTTP status.
#[derive(Clone)]
pub struct UnhandledError {
    meta: ErrorMetadata,
    http_status: u16,
}

impl UnhandledError {
    /// The error of a response with this status, described by `meta`.
    pub fn new(meta: ErrorMetadata, http_status: u16) -> Self {
        UnhandledError { meta, http_status }
    }

    /// Name, message and request id, as read from the response.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// The HTTP status of the response.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

impl fmt::Debug for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnhandledError")
            .field("meta", &BoundedDebug(&self.meta))
            .field("http_status", &self.http_status)
            .finish()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.meta.code() {
            Some(code) => fmt::Display::fmt(&UntrustedText(code), f)?,
            None => f.write_str("unnamed error")?,
        }
        if let Some(message) = self.meta.message() {
            f.write_str(": ")?;
            fmt::Display::fmt(&UntrustedText(message), f)?;
        }
        f.write_fmt(format_args!(" (HTTP {})", self.http_status))
    }
}

impl std::error::Error for UnhandledError {}

impl ProvideErrorMetadata for UnhandledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}
