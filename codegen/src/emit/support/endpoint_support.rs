//! What the compiled endpoint rules share with their callers: the partition
//! facts `aws.partition` returns, and the error when no endpoint resolves.

use std::fmt;

/// The facts about a region's partition that endpoint rules use.
///
/// Clients fill it from partition data such as botocore's
/// `partitions.json`, overridden per region where the data says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// The partition's name, e.g. `aws`.
    pub name: String,
    /// The DNS suffix of its endpoints, e.g. `amazonaws.com`.
    pub dns_suffix: String,
    /// The DNS suffix of its dual-stack endpoints, e.g. `api.aws`.
    pub dual_stack_dns_suffix: String,
    /// Whether it has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether it has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region that its global endpoints are signed for, where the data
    /// gives one.
    pub implicit_global_region: Option<String>,
}

/// Why no endpoint resolved: an error rule matched (its message says why),
/// or no rule did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveEndpointError {
    message: String,
}

impl ResolveEndpointError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResolveEndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveEndpointError {}
