//! What a generated client tells this crate: its service, and each of its
//! operations. This crate knows no service of its own; everything that
//! differs between services and operations arrives through these two.

use smithy_lean_runtime::builders::Structure;
use smithy_lean_runtime::endpoint::{ContextValue, ResolveEndpointError};
use smithy_lean_runtime::operation::{OperationError, OperationInput, OperationOutput};

/// A service, as the generator describes it from the model.
#[derive(Debug)]
pub struct Service {
    /// The service's `sdkId`, e.g. `Chime`.
    pub sdk_id: &'static str,
    /// The generated client's version, which its requests' user agents
    /// name.
    pub client_version: &'static str,
    /// How its requests are authenticated: the first scheme of its model's
    /// that the client supports.
    pub auth: ServiceAuth,
    /// The model's endpoint rules, compiled: an endpoint from the parameters
    /// that SDKs fill from configuration, and those a call sets
    /// ([`OperationInput::endpoint_context`]), which take precedence.
    pub resolve_endpoint: ResolveEndpoint,
}

/// How a service's requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceAuth {
    /// Signed with SigV4 (`aws.auth#sigv4`) for this signing name, unless
    /// the endpoint names another, with credentials from the configured
    /// provider.
    SigV4 {
        /// The model's signing name, e.g. `chime`.
        signing_name: &'static str,
    },
    /// `Authorization: Bearer` with a token from the configured token
    /// provider (`smithy.api#httpBearerAuth`).
    Bearer,
    /// Sent as they are: the model names no scheme, or an empty `@auth`.
    Anonymous,
}

impl ServiceAuth {
    /// The SigV4 signing name, for a service that signs.
    pub fn signing_name(self) -> Option<&'static str> {
        match self {
            ServiceAuth::SigV4 { signing_name } => Some(signing_name),
            ServiceAuth::Bearer | ServiceAuth::Anonymous => None,
        }
    }
}

/// A compiled rule set: the endpoint for the built-in parameters and a
/// call's own, by their rule-set names (none, for the client's endpoint).
pub type ResolveEndpoint = fn(
    &BuiltIns,
    &[(&'static str, ContextValue)],
)
    -> Result<aws_smithy_types::endpoint::Endpoint, ResolveEndpointError>;

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
    /// The service's own parameters that the configuration sets
    /// (`smithy.rules#clientContextParams`), by their rule-set names.
    pub client_parameters: Vec<(String, ContextValue)>,
}

/// One operation, as the generator describes it from the model: its three
/// types, which say how its request is written and its responses read.
pub trait Operation: Send + Sync + 'static {
    /// The input structure.
    type Input: OperationInput;
    /// The output structure.
    type Output: OperationOutput;
    /// The operation's error enum.
    type Error: OperationError;

    /// The operation's name in the model: spans and error messages show it.
    const NAME: &'static str = <Self::Input as OperationInput>::OPERATION_NAME;

    /// Whether a status means success: the modelled one, or any other 2xx,
    /// which the AWS SDKs also read as success.
    fn is_success(status: u16) -> bool {
        status == <Self::Input as OperationInput>::HTTP_SUCCESS_STATUS
            || (200..300).contains(&status)
    }
}

/// The builder of `O`'s input, which its fluent builder fills.
pub type InputBuilder<O> = <<O as Operation>::Input as Structure>::Builder;
