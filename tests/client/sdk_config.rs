//! A client built from `aws_config`, which reads region, endpoint URL and
//! credentials from environment variables.
//!
//! Setting environment variables in a running test is unsound (other threads
//! may read them), so the test runs a child copy of this test binary with
//! the variables set, and checks what the child sent to a server here.

mod support;

use std::process::Command;
use support::{Reply, Server};

const CHILD_MARKER: &str = "CHIME_TEST_SDK_CONFIG_CHILD";

#[test]
fn a_client_from_aws_config_uses_the_environments_credentials() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::always(Reply::Handle));
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_sends_one_call",
            "--ignored",
            "--nocapture",
        ])
        .env_clear()
        .env(CHILD_MARKER, "1")
        .env("AWS_ACCESS_KEY_ID", support::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", support::SECRET_KEY)
        .env("AWS_SESSION_TOKEN", support::SESSION_TOKEN)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", server.url())
        // Nothing else may be consulted: no profile files, no IMDS.
        .env("AWS_CONFIG_FILE", "/nonexistent")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "child failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "the child made one call");
    // The server's own check proves the environment's secret signed it.
    assert_eq!(requests[0].signature_problem, None);
    assert_eq!(requests[0].json()["Name"], "from-env");
    assert_eq!(server.local.instances().len(), 1);
}

/// Runs only as the child of the test above.
#[tokio::test]
#[ignore = "run by a_client_from_aws_config_uses_the_environments_credentials"]
async fn child_sends_one_call() {
    if std::env::var_os(CHILD_MARKER).is_none() {
        return;
    }
    // aws-config without its default features (which would pull a second
    // TLS stack) needs an HTTP client for the providers that make requests.
    let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(chime::https_client())
        .load()
        .await;
    let client = chime::Client::new(&sdk_config);
    // aws-config has no default region: this one came from AWS_REGION.
    assert_eq!(client.config().region().unwrap().as_ref(), "us-east-1");
    let output = client
        .create_app_instance()
        .name("from-env")
        .send()
        .await
        .unwrap();
    assert!(
        output
            .app_instance_arn()
            .is_some_and(|arn| arn.starts_with("arn:aws:chime:us-east-1:"))
    );
}
