//! Paths shared by the workspace-level tests.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// The vendored official data files (see `model/reference/README.md`).
pub fn reference_data() -> PathBuf {
    workspace_root().join("model/reference")
}

/// Reads a file relative to the workspace root.
pub fn read(relative: &str) -> String {
    let path = workspace_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Reads the official legacy Chime model.
pub fn official_chime_model() -> String {
    let path = reference_data().join("chime-2018-05-01.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A client for a local service, with fast retries and the given changes.
pub fn local_client(
    local: &chime_local::LocalChime,
    configure: impl FnOnce(chime_lean::ConfigBuilder) -> chime_lean::ConfigBuilder,
) -> chime_lean::Client {
    let config = chime_lean::Config::builder()
        .region(chime_lean::Region::new(local.region().to_owned()))
        .credentials_provider(local.credentials())
        .endpoint_url(local.endpoint_url())
        .retry_config(
            aws_smithy_types::retry::RetryConfig::standard()
                .with_initial_backoff(std::time::Duration::from_millis(1))
                .with_max_backoff(std::time::Duration::from_millis(10)),
        );
    chime_lean::Client::from_conf(configure(config).build())
}
