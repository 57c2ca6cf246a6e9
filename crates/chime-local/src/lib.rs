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
//! It holds up as a server: a request's head and body must arrive within
//! the header-read timeout, idle connections are closed, the number of
//! connections is capped below the process's file limit (the longest-idle
//! one makes room for a new one), and the request log is bounded.
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

mod connections;
mod request_log;
mod server;
mod service;
pub mod sigv4;

/// The port `chime-local` listens on when run standalone without `--port`.
pub const STANDALONE_PORT: u16 = 4566;

/// The access key id the standalone `chime-local` accepts without `--access-key`.
pub const STANDALONE_ACCESS_KEY: &str = "AKIDLOCALCHIME";

/// The secret key the standalone `chime-local` accepts without
/// `--secret-key`: printed at start, so it is a public test value, never
/// a real one.
pub const STANDALONE_SECRET_KEY: &str = "chime-local-secret";

pub use connections::{DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT, default_max_connections};
pub use request_log::{DEFAULT_LOG_BODY_LIMIT, DEFAULT_LOG_LIMIT};
pub use server::{Fault, LocalChime, LocalChimeBuilder, MAX_REQUEST_BODY, RecordedRequest};
pub use service::{AppInstance, ErrorAnswer};
