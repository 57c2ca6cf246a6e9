//! The hand-written, service-agnostic half of a client that `smithy-lean`
//! generates: what any call of any AWS restJson1 operation needs, which the
//! model does not say.
//!
//! A generated client crate describes its [`Service`] and each
//! [`Operation`]; this crate does the rest:
//!
//! - the idempotency token, filled in once per call when the caller set
//!   none, and kept across retries ([`token`]);
//! - the endpoint, resolved from the model's own rule set ([`endpoint`]),
//!   with each operation's host prefix;
//! - SigV4 signing with credentials from any `aws-credential-types` provider;
//! - HTTPS through the AWS Rust runtime's hyper 1 and rustls connector;
//! - the standard retry strategy, which also retries throttling (429);
//! - connect, read, per-attempt and whole-call timeouts, and stalled-stream
//!   protection, so that no call waits forever by default;
//! - signing with the service's clock, as its responses tell it;
//! - one [`Error`] type that tells the failures apart;
//! - paginators, which follow a `@paginated` operation's tokens ([`paginator`]).
//!
//! It names no service and no operation: the same code serves every
//! generated client.

mod checksum;
mod client;
mod clock;
mod compression;
mod config;
mod customize;
pub mod endpoint;
mod error;
#[cfg(feature = "event-stream")]
mod event_stream;
mod fluent;
mod identity;
mod interceptor;
#[cfg(feature = "test-util")]
pub mod mock;
pub mod operation;
pub mod paginator;
mod retry;
mod signing;
mod stalled_stream;
pub mod token;
mod user_agent;
pub mod waiter;

/// A bearer token, for services that authenticate with one; a token is
/// its own provider ([`ConfigBuilder::token_provider`]).
pub use aws_credential_types::Token;
pub use aws_types::SdkConfig;
pub use aws_types::region::Region;
pub use client::{Handle, MAX_RESPONSE_BODY, https_client};
pub use compression::DEFAULT_MIN_COMPRESSION_SIZE;
pub use config::{Config, ConfigBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STALL_GRACE_PERIOD};
pub use customize::CustomizableOperation;
pub use error::{
    ConstructionFailure, Error, ErrorKind, InvalidInput, TimeoutError, UnreadableResponse,
};
pub use identity::DEFAULT_CREDENTIALS_LOAD_TIMEOUT;
pub use interceptor::{AttemptOutcome, Interceptor};
pub use operation::{BuiltIns, Operation, ResolveEndpoint, Service, ServiceAuth};
pub use paginator::{Paginated, PaginatedItems, Paginator, PaginatorItems};
pub use smithy_lean_runtime::endpoint::ContextValue;
pub use stalled_stream::{MIN_BODY_THROUGHPUT, StalledBody};
pub use token::ClientRequestToken;

// Names AWS SDK for Rust code looks for in a client's `config` and
// `error` modules, from the AWS Rust runtime crates this one uses.
pub use aws_credential_types::Credentials;
pub use aws_credential_types::provider::SharedCredentialsProvider;
pub use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
pub use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
pub use aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig;
pub use aws_smithy_types::error::display::DisplayErrorContext;
pub use aws_smithy_types::retry::RetryConfig;
pub use aws_smithy_types::timeout::TimeoutConfig;

// What `fluent_builder!` expands to calls the runtime's setters.
#[doc(hidden)]
pub use smithy_lean_runtime as __runtime;
