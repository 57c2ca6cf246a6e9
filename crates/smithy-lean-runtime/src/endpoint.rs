//! What compiled endpoint rules share with their callers: the partition
//! facts `aws.partition` returns, the table they are looked up in, the
//! rules' other library functions (`library`), and the error when no
//! endpoint resolves.

use aws_smithy_types::Document;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

mod library;

pub use library::{
    Arn, Url, is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url, substring,
    uri_encode,
};

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

/// A value given to an endpoint-rule parameter other than by the SDK's
/// built-ins: by an operation (an input member's, `@contextParam` or
/// `@operationContextParams`; the model's, `@staticContextParams`) or by
/// the client's configuration (`@clientContextParams`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextValue {
    /// For a string parameter.
    String(String),
    /// For a boolean parameter.
    Boolean(bool),
    /// For a `stringArray` parameter.
    StringArray(Vec<String>),
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

/// An endpoint's properties as the rules wrote them: its own, and its
/// auth schemes back under `authSchemes`, where the generated resolver
/// sets them as typed schemes. For comparing with what a rule set's
/// tests expect, which know no such split.
pub fn properties_of(endpoint: &aws_smithy_types::endpoint::Endpoint) -> HashMap<String, Document> {
    let mut properties: HashMap<String, Document> = endpoint
        .properties()
        .iter()
        .map(|(name, value)| (name.to_string(), value.clone()))
        .collect();
    let schemes = endpoint.auth_schemes();
    if !schemes.is_empty() {
        let schemes = schemes.iter().map(|scheme| scheme.as_document()).collect();
        properties.insert("authSchemes".to_owned(), Document::Array(schemes));
    }
    properties
}

/// An endpoint's headers, each with its values in order, sorted by name.
pub fn headers_of(
    endpoint: &aws_smithy_types::endpoint::Endpoint,
) -> BTreeMap<String, Vec<String>> {
    endpoint
        .headers()
        .map(|(name, values)| (name.to_owned(), values.map(str::to_owned).collect()))
        .collect()
}

/// One partition as partition data gives it, for a [`PartitionTable`].
#[derive(Debug)]
pub struct PartitionSpec {
    /// The partition's id, e.g. `aws`.
    pub id: &'static str,
    /// The pattern of the region names it claims beyond its listed regions.
    pub region_regex: &'static str,
    /// Its listed regions.
    pub regions: &'static [&'static str],
    /// [`Partition::name`].
    pub name: &'static str,
    /// [`Partition::dns_suffix`].
    pub dns_suffix: &'static str,
    /// [`Partition::dual_stack_dns_suffix`].
    pub dual_stack_dns_suffix: &'static str,
    /// [`Partition::supports_fips`].
    pub supports_fips: bool,
    /// [`Partition::supports_dual_stack`].
    pub supports_dual_stack: bool,
    /// [`Partition::implicit_global_region`].
    pub implicit_global_region: Option<&'static str>,
}

impl PartitionSpec {
    fn partition(&self) -> Partition {
        Partition {
            name: self.name.to_owned(),
            dns_suffix: self.dns_suffix.to_owned(),
            dual_stack_dns_suffix: self.dual_stack_dns_suffix.to_owned(),
            supports_fips: self.supports_fips,
            supports_dual_stack: self.supports_dual_stack,
            implicit_global_region: self.implicit_global_region.map(str::to_owned),
        }
    }
}

/// Partition data compiled into a static table, for the rules' `aws.partition`.
///
/// ```
/// use smithy_lean_runtime::endpoint::{PartitionSpec, PartitionTable};
/// static TABLE: PartitionTable = PartitionTable::new(&[PartitionSpec {
///     id: "aws",
///     region_regex: "^(us|eu)\\-\\w+\\-\\d+$",
///     regions: &["aws-global"],
///     name: "aws",
///     dns_suffix: "amazonaws.com",
///     dual_stack_dns_suffix: "api.aws",
///     supports_fips: true,
///     supports_dual_stack: true,
///     implicit_global_region: Some("us-east-1"),
/// }]);
/// assert_eq!(TABLE.partition_of("eu-west-9").unwrap().dns_suffix, "amazonaws.com");
/// ```
#[derive(Debug)]
pub struct PartitionTable {
    specs: &'static [PartitionSpec],
    /// Each spec's `region_regex`, compiled on first use (by `regress`,
    /// the engine the constraints are checked with); `None` where it does
    /// not compile.
    patterns: OnceLock<Vec<Option<regress::Regex>>>,
}

impl PartitionTable {
    /// A table of these partitions, in the data's order.
    pub const fn new(specs: &'static [PartitionSpec]) -> Self {
        PartitionTable {
            specs,
            patterns: OnceLock::new(),
        }
    }

    /// The partition of `region`: the partition that lists it, else the
    /// first whose pattern matches it, else `aws`, so that a region launched
    /// after the data was written still resolves. `None` only for a table
    /// without an `aws` partition.
    pub fn partition_of(&self, region: &str) -> Option<Partition> {
        let patterns = self.patterns.get_or_init(|| {
            self.specs
                .iter()
                .map(|spec| regress::Regex::new(spec.region_regex).ok())
                .collect()
        });
        let spec = self
            .specs
            .iter()
            .find(|spec| spec.regions.contains(&region))
            .or_else(|| {
                self.specs
                    .iter()
                    .zip(patterns)
                    .find(|(_, pattern)| pattern.as_ref().is_some_and(|p| p.find(region).is_some()))
                    .map(|(spec, _)| spec)
            })
            .or_else(|| self.specs.iter().find(|spec| spec.id == "aws"))?;
        Some(spec.partition())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn spec(id: &'static str, region_regex: &'static str) -> PartitionSpec {
        PartitionSpec {
            id,
            region_regex,
            regions: &[],
            name: id,
            dns_suffix: "example.com",
            dual_stack_dns_suffix: "api.example",
            supports_fips: false,
            supports_dual_stack: false,
            implicit_global_region: None,
        }
    }

    #[test]
    fn an_unmatched_region_falls_back_to_aws_not_to_the_first_partition() {
        static TABLE: PartitionTable =
            PartitionTable::new(&[spec("aws-cn", "^cn\\-"), spec("aws", "^us\\-")]);
        assert_eq!(TABLE.partition_of("cn-north-1").unwrap().name, "aws-cn");
        assert_eq!(TABLE.partition_of("mars-east-1").unwrap().name, "aws");
        static NO_AWS: PartitionTable = PartitionTable::new(&[spec("aws-cn", "^cn\\-")]);
        assert_eq!(NO_AWS.partition_of("mars-east-1"), None);
    }

    #[test]
    fn properties_of_puts_typed_auth_schemes_back_under_their_rule_set_name() {
        use aws_smithy_types::endpoint::{Endpoint, EndpointAuthScheme};
        let endpoint = Endpoint::builder()
            .url("https://example.com")
            .property("backend", Document::String("S3".to_owned()))
            .auth_scheme(
                EndpointAuthScheme::with_capacity("sigv4", 1)
                    .put("signingName", Document::String("chime".to_owned())),
            )
            .header("x-a", "1")
            .header("x-a", "2")
            .header("x-b", "3")
            .build();
        let scheme = Document::Object(HashMap::from([
            ("name".to_owned(), Document::String("sigv4".to_owned())),
            (
                "signingName".to_owned(),
                Document::String("chime".to_owned()),
            ),
        ]));
        assert_eq!(
            properties_of(&endpoint),
            HashMap::from([
                ("backend".to_owned(), Document::String("S3".to_owned())),
                ("authSchemes".to_owned(), Document::Array(vec![scheme])),
            ])
        );
        assert_eq!(
            headers_of(&endpoint),
            BTreeMap::from([
                ("x-a".to_owned(), vec!["1".to_owned(), "2".to_owned()]),
                ("x-b".to_owned(), vec!["3".to_owned()]),
            ])
        );
        let bare = Endpoint::builder().url("https://example.com").build();
        assert!(properties_of(&bare).is_empty());
        assert!(headers_of(&bare).is_empty());
    }

    #[test]
    fn a_resolution_error_says_its_message() {
        let error = ResolveEndpointError::new("Invalid Configuration: Missing Region");
        assert_eq!(error.message(), "Invalid Configuration: Missing Region");
        assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
    }
}
