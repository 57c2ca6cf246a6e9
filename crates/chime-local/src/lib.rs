//! A local Amazon Chime `CreateAppInstance` service, for tests and demos.
//!
//! It behaves like the real operation where a client can tell: it checks
//! SigV4 signatures (401 for an unknown access key, 403 for a bad
//! signature), validates input against the model's constraints (400),
//! deduplicates by `ClientRequestToken` (the same ARN again, or 409 when the
//! parameters differ), enforces a per-account quota and a request rate, and
//! answers with AWS-style ARNs, `x-amzn-RequestId` and `x-amzn-ErrorType`
//! headers, and Chime-style error bodies. Faults can be injected for the
//! next requests: modelled errors, statuses, delays, malformed bodies, raw
//! answers, and the lost response (created, then the connection dropped).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! use chime_local::{ErrorAnswer, Fault, LocalChime};
//!
//! let local = LocalChime::start().await?;
//! // Give a client `local.endpoint_url()`, `local.region()` and `local.credentials()`.
//! local.inject(Fault::Error(ErrorAnswer::Throttled), 2);
//! assert!(local.instances().is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! Standalone: `cargo run -p chime-local -- --port 4566` (see `--help`).

mod server;
mod service;
pub mod sigv4;

pub use server::{Fault, LocalChime, LocalChimeBuilder, MAX_REQUEST_BODY, RecordedRequest};
pub use service::{AppInstance, ErrorAnswer};
