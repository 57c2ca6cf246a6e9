//! A client built from `aws_config`, which reads region, credentials and
//! the endpoint URL (the service's own, `AWS_ENDPOINT_URL_CHIME`, before the
//! global one, and the profile's `services` section) from the environment.
//!
//! Setting environment variables in a running test is unsound (other threads
//! may read them), so the test runs a child copy of this test binary with
//! the variables set, and checks what the child sent to a server here.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use std::process::Command;
use support::{Reply, Server};

const CHILD_MARKER: &str = "CHIME_TEST_SDK_CONFIG_CHILD";

/// Runs the child below with these variables (and credentials and a
/// region) against `server`, and checks that its one call reached it,
/// signed with the environment's secret.
fn child_call_reaches(server: &Server, variables: &[(&str, String)]) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
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
        // Nothing else may be consulted: no other profile files, no IMDS.
        .env("AWS_CONFIG_FILE", "/nonexistent")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (name, value) in variables {
        command.env(name, value);
    }
    let output = command.output().unwrap();
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

/// An address where nothing listens: a call sent there fails.
const NOWHERE: &str = "http://127.0.0.1:9";

#[test]
fn a_client_from_aws_config_uses_the_environments_credentials_and_endpoint() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::always(Reply::Handle));
    child_call_reaches(&server, &[("AWS_ENDPOINT_URL", server.url())]);
}

#[test]
fn the_services_own_endpoint_variable_wins_over_the_global_one() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::always(Reply::Handle));
    child_call_reaches(
        &server,
        &[
            ("AWS_ENDPOINT_URL", NOWHERE.to_owned()),
            ("AWS_ENDPOINT_URL_CHIME", server.url()),
        ],
    );
}

#[test]
fn the_profiles_service_section_gives_the_endpoint() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::always(Reply::Handle));
    let dir = std::env::temp_dir().join(format!("chime-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config_file = dir.join("config");
    std::fs::write(
        &config_file,
        format!(
            "[default]\nendpoint_url = {NOWHERE}\nservices = local\n\n\
             [services local]\nchime =\n  endpoint_url = {}\n",
            server.url()
        ),
    )
    .unwrap();
    child_call_reaches(
        &server,
        &[("AWS_CONFIG_FILE", config_file.display().to_string())],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs only as the child of the tests above.
#[tokio::test]
#[ignore = "run by the tests above, with the environment they set"]
async fn child_sends_one_call() {
    if std::env::var_os(CHILD_MARKER).is_none() {
        return;
    }
    // aws-config without its default features (which would pull a second
    // TLS stack) needs an HTTP client for the providers that make requests.
    let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(chime_lean::https_client())
        .load()
        .await;
    let client = chime_lean::Client::new(&sdk_config);
    // The SDK's other way in reaches the same endpoint.
    let built =
        chime_lean::Client::from_conf(chime_lean::config::Builder::from(&sdk_config).build());
    assert_eq!(built.endpoint(), client.endpoint());
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
