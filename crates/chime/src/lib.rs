//! A client for Amazon Chime's `CreateAppInstance`, built on types generated
//! from the Smithy model (`chime-input`, `chime-output`, `chime-error`).
//!
//! What the client adds to the generated types is what a real call needs:
//!
//! - the idempotency token, filled in once per call when the caller set
//!   none, and kept across retries ([`token`]);
//! - the endpoint, resolved from the model's own rule set ([`endpoint`]);
//! - SigV4 signing with credentials from any `aws-credential-types` provider;
//! - HTTPS through the AWS Rust runtime's hyper 1 and rustls connector;
//! - the standard retry strategy, which also retries throttling (429);
//! - connect, read, per-attempt and whole-call timeouts, and stalled-stream
//!   protection, so that no call waits forever by default;
//! - signing with the service's clock, as its responses tell it;
//! - one [`Error`] type that tells the failures apart.
//!
//! ```no_run
//! # async fn example() -> Result<(), chime::Error> {
//! use aws_credential_types::Credentials;
//!
//! let config = chime::Config::builder()
//!     .region(chime::Region::new("us-east-1"))
//!     .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "example"))
//!     .build();
//! let client = chime::Client::from_conf(config);
//! let created = client
//!     .create_app_instance()
//!     .name("ops")
//!     .metadata("team=operations")
//!     .tags(chime::Tag::builder().key("team").value("ops").build()?)
//!     .send()
//!     .await?;
//! println!("created {}", created.app_instance_arn().unwrap_or_default());
//! # Ok(())
//! # }
//! ```

mod client;
mod clock;
mod config;
mod credentials;
pub mod endpoint;
mod error;
mod fluent;
mod retry;
mod signing;
mod stalled_stream;
pub mod token;

pub use aws_types::region::Region;
pub use chime_error::CreateAppInstanceError;
pub use chime_input::{CreateAppInstanceInput, Tag};
pub use chime_output::CreateAppInstanceOutput;
pub use client::{Client, MAX_RESPONSE_BODY, https_client};
pub use config::{Config, ConfigBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STALL_GRACE_PERIOD};
pub use credentials::DEFAULT_CREDENTIALS_LOAD_TIMEOUT;
pub use error::{
    ConstructionFailure, Error, ErrorKind, InvalidInput, TimeoutError, UnreadableResponse,
};
pub use fluent::CreateAppInstanceFluentBuilder;
pub use stalled_stream::MIN_BODY_THROUGHPUT;
pub use token::ClientRequestToken;
