//! The error a builder returns when a required member is missing.

// Every generated crate gets the same helpers; not every crate uses each one.
#![allow(dead_code)]

/// A required member was not set before `build()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    pub(crate) const fn missing(shape: &'static str, member: &'static str) -> Self {
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

impl ::std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("`")?;
        f.write_str(self.member)?;
        f.write_str("` is required to build ")?;
        f.write_str(self.shape)?;
        f.write_str(" but was not set")
    }
}

impl ::std::error::Error for BuildError {}
