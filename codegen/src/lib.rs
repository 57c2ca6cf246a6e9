//! A pure-Rust code generator from Smithy 2.0 JSON AST models to typed Rust
//! crates for AWS `restJson1` operations.
//!
//! [`generate`] takes the model's text and returns every generated file keyed
//! by its path relative to the output directory. It performs no I/O: writing,
//! and checking that committed files are fresh, is the caller's job (see the
//! `xtask` crate). [`naming`] says how a Smithy name becomes the Rust name
//! the generated code uses, for code written against generated crates.

mod assemble;
mod ast;
mod context_paths;
mod customize;
mod docs;
mod emit;
mod endpoint_tests;
mod error;
pub mod idl;
mod ir;
mod library;
mod loading;
mod lower;
mod mixins;
pub mod naming;
mod node;
mod partitions;
pub mod pattern;
mod rules;
mod trait_values;
pub mod traits;
mod upgrade;
mod uri;
mod waiters;

pub use assemble::{AssembleError, ModelFile, assemble};
pub use emit::protocol_tests::{CaseKind, ProtocolCase, ProtocolTests};
pub use emit::{CLIENT_CRATE, ENDPOINT_TESTS, HEADER, RUNTIME_CRATE, RUNTIME_VERSION};
pub use error::Error;
pub use lower::{Options, PackageMetadata};

/// The methods of the engine's `ConfigBuilder` (`smithy-lean-client`): a
/// service's own endpoint parameter whose setter would have one of these
/// names gets `_parameter` after it instead, since the builder's own method
/// would hide it. A test holds this list to the engine's source.
pub const CONFIG_BUILDER_METHODS: &[&str] = &[
    "apply_sdk_config",
    "behavior_version",
    "build",
    "credentials_load_timeout",
    "credentials_provider",
    "disable_host_prefix",
    "disable_request_compression",
    "endpoint_parameter",
    "endpoint_url",
    "http_connector",
    "idempotency_token_provider",
    "interceptor",
    "max_response_body_size",
    "mock_rules",
    "region",
    "request_min_compression_size_bytes",
    "retry_config",
    "stalled_stream_protection",
    "timeout_config",
    "token_provider",
    "use_dual_stack",
    "use_fips",
    "validate_input",
];
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What [`generate`] writes, and what it went on without.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Each file's path, relative to the directory that holds the crates,
    /// with its full contents; deterministic to the byte.
    pub files: BTreeMap<PathBuf, String>,
    /// One message a trait that generation went on without: a trait the
    /// generator does not know (which it ignores), or a known one whose
    /// additions are not generated yet ([`traits::Treatment::Warned`]).
    /// Each names the trait and the first shape that has it.
    pub warnings: Vec<String>,
    /// The client crate's package name, e.g. `chime-lean`.
    pub client_crate: String,
    /// How many operations the client has.
    pub operations: usize,
}

/// Generates the input, output, error and client crates for the selected operations.
pub fn generate(model_json: &str, options: &Options) -> Result<Generated, Error> {
    generate_from(&Model::parse(model_json)?, options)
}

/// [`generate`] from a model read once, for callers that generate from it
/// several times.
pub fn generate_from(model: &Model, options: &Options) -> Result<Generated, Error> {
    let service = lower::lower(&model.0, options)?;
    let files = emit::emit(&service, options)?;
    Ok(Generated {
        files,
        client_crate: service.crates.client.clone(),
        operations: service.operations.len(),
        warnings: service.warnings,
    })
}

/// A Smithy model, read from its JSON AST.
#[derive(Debug)]
pub struct Model(ast::Model);

impl Model {
    /// Reads the JSON AST `model_json`.
    pub fn parse(model_json: &str) -> Result<Self, Error> {
        ast::Model::from_json(model_json)
            .map(Model)
            .map_err(|e| Error::new(format!("the model is not a valid Smithy JSON AST: {e}")))
    }

    /// The absolute ids of the model's services.
    pub fn services(&self) -> Vec<&str> {
        let services = self.0.shapes.iter().filter(|(_, s)| s.kind == "service");
        services.map(|(id, _)| id.as_str()).collect()
    }

    /// The names of every operation of `service` (or of the model's only
    /// service), its resources' included, as `Options::operations` takes
    /// them, in the order the client has them.
    pub fn operations(&self, service: Option<&str>) -> Result<Vec<String>, Error> {
        let (id, shape) = lower::select_service(&self.0, service)?;
        let bound = lower::bound_operations(&self.0, id, shape)?;
        Ok(bound
            .into_iter()
            .map(|op| op.rsplit_once('#').map_or(op, |(_, name)| name).to_owned())
            .collect())
    }
}

/// Every compliance case (`smithy.test#httpRequestTests` and
/// `httpResponseTests`) of the service's operations and their errors that
/// applies to a client of its protocol, read from the model's traits.
pub fn protocol_cases(model_json: &str, service_id: &str) -> Result<Vec<ProtocolCase>, Error> {
    let model = ast::Model::from_json(model_json)
        .map_err(|e| Error::new(format!("the model is not a valid Smithy JSON AST: {e}")))?;
    emit::protocol_tests::cases(&model, service_id)
}

/// The compliance cases of the selected operations as one Rust test file
/// against the crates [`generate`] writes with the same options; it needs
/// `smithy-lean-protocol-test` and `tokio` beside those crates.
pub fn protocol_tests(model_json: &str, options: &Options) -> Result<ProtocolTests, Error> {
    let model = ast::Model::from_json(model_json)
        .map_err(|e| Error::new(format!("the model is not a valid Smithy JSON AST: {e}")))?;
    let service = lower::lower(&model, options)?;
    emit::protocol_tests::emit(&model, &service)
}
