//! The value of an open enum that this version of the model does not list.

/// A value the service sent that the model does not (yet) list.
///
/// Enums are open: a new value from the service is kept, not an error.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Keeps a value that no variant of its enum has.
    pub fn new(value: impl Into<String>) -> Self {
        UnknownVariantValue(value.into())
    }

    /// The value as it was received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
