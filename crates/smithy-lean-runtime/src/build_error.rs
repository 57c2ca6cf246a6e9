//! The error a builder returns when a required member is missing.

use std::fmt;

/// A required member was not set before `build()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// `member` of `shape` was required but not set.
    ///
    /// A raw identifier (`r#type`) is named without its `r#`, as the
    /// member's methods are.
    pub fn missing(shape: &'static str, member: &'static str) -> Self {
        let member = member.strip_prefix("r#").unwrap_or(member);
        BuildError { shape, member }
    }

    /// The Rust name of the structure that could not be built.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The Rust name of the missing member (its builder method).
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        f.write_str(self.member)?;
        f.write_str("` is required to build ")?;
        f.write_str(self.shape)?;
        f.write_str(" but was not set")
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::BuildError;

    #[test]
    fn names_the_member_and_the_shape() {
        let error = BuildError::missing("Tag", "key");
        assert_eq!(
            error.to_string(),
            "`key` is required to build Tag but was not set"
        );
        assert_eq!((error.shape(), error.member()), ("Tag", "key"));
    }

    #[test]
    fn names_a_raw_identifier_without_its_prefix() {
        let error = BuildError::missing("Membership", "r#type");
        assert_eq!(error.member(), "type");
        assert_eq!(
            error.to_string(),
            "`type` is required to build Membership but was not set"
        );
    }
}
