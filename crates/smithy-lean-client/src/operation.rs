//! What a generated client tells this crate: its service, and each of its
//! operations. This crate knows no service of its own; everything that
//! differs between services and operations arrives through these two.

use smithy_lean_runtime::endpoint::ResolveEndpointError;
use smithy_lean_runtime::request::RequestError;
use smithy_lean_runtime::{JsonError, ServiceError, ValidationError};

/// A service, as the generator describes it from the model.
#[derive(Debug)]
pub struct Service {
    /// The service's `sdkId`, e.g. `Chime`.
    pub sdk_id: &'static str,
    /// The SigV4 signing name (`aws.auth#sigv4`), unless the endpoint says otherwise.
    pub signing_name: &'static str,
    /// The model's endpoint rules, compiled: an endpoint from the parameters
    /// that SDKs fill from configuration.
    pub resolve_endpoint:
        fn(&BuiltIns) -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError>,
}

/// The endpoint-rule parameters that AWS SDKs fill from configuration
/// (`AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`).
/// A generated resolver maps them to its own rule set's parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuiltIns {
    /// The region.
    pub region: Option<String>,
    /// Whether to use a FIPS endpoint.
    pub use_fips: bool,
    /// Whether to use a dual-stack endpoint.
    pub use_dual_stack: bool,
    /// A custom endpoint URL.
    pub endpoint: Option<String>,
}

/// One operation, as the generator describes it from the model: its types,
/// and how its requests are written and its responses read.
pub trait Operation: Send + Sync + 'static {
    /// The input structure.
    type Input: Send + Sync + 'static;
    /// The output structure.
    type Output: Send + 'static;
    /// The operation's error enum.
    type Error: ServiceError;

    /// The operation's name in the model: spans and error messages show it.
    const NAME: &'static str;
    /// The `endpoint` trait's host prefix, put in front of the endpoint's host.
    const HOST_PREFIX: Option<&'static str>;
    /// The modelled status of a successful response.
    const SUCCESS_STATUS: u16;

    /// Fills the `@idempotencyToken` member with `make()` when it is unset,
    /// and returns the token the call will send; `None` when the operation
    /// has no such member.
    fn fill_idempotency_token(
        input: &mut Self::Input,
        make: &mut dyn FnMut() -> String,
    ) -> Option<String>;

    /// Checks the model's constraints on the input.
    fn validate(input: &Self::Input) -> Result<(), ValidationError>;

    /// The request, with a path and query but no scheme or host.
    fn request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Reads a successful response.
    fn read_output(headers: &http::HeaderMap, body: &[u8]) -> Result<Self::Output, JsonError>;

    /// Reads an error response.
    fn read_error(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self::Error;

    /// Whether a status means success: the modelled one, or any other 2xx,
    /// which the AWS SDKs also read as success.
    fn is_success(status: u16) -> bool {
        status == Self::SUCCESS_STATUS || (200..300).contains(&status)
    }
}
