//! The generator's error type.

use std::fmt;

/// Why generation failed. Every message names the shape (and the trait, where one is at fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
        }
    }

    /// An unsupported or malformed trait on a shape or member.
    pub(crate) fn on_trait(shape: &str, trait_id: &str, problem: impl fmt::Display) -> Self {
        Error::new(format!("{shape}: trait `{trait_id}`: {problem}"))
    }

    /// A problem with a shape as a whole.
    pub(crate) fn on_shape(shape: &str, problem: impl fmt::Display) -> Self {
        Error::new(format!("{shape}: {problem}"))
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
