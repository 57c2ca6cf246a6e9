//! The standalone server, as `cargo run -p chime-local` starts it.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the server when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the server and reads the `export NAME=value` lines it prints.
fn start(args: &[&str]) -> (Running, HashMap<String, String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_chime-local"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let stdout = BufReader::new(running.0.stdout.take().unwrap());
    let mut exports = HashMap::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some((name, value)) = line.strip_prefix("export ").and_then(|l| l.split_once('=')) {
            exports.insert(name.to_owned(), value.to_owned());
        }
        if exports.contains_key("AWS_SECRET_ACCESS_KEY") {
            break;
        }
    }
    (running, exports)
}

/// A client configured from what the server printed, as a user would.
fn client_of(
    exports: &HashMap<String, String>,
    retry: aws_smithy_types::retry::RetryConfig,
) -> chime_lean::Client {
    let credentials = aws_credential_types::Credentials::new(
        &exports["AWS_ACCESS_KEY_ID"],
        &exports["AWS_SECRET_ACCESS_KEY"],
        None,
        None,
        "cli",
    );
    chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .region(chime_lean::Region::new(exports["AWS_REGION"].clone()))
            .endpoint_url(&exports["AWS_ENDPOINT_URL"])
            .credentials_provider(credentials)
            .retry_config(retry)
            .build(),
    )
}

#[tokio::test]
async fn the_command_line_server_applies_its_scripted_faults_then_creates() {
    let (_running, exports) = start(&["--port", "0", "--fail-next", "2:ThrottledClientException"]);
    let client = client_of(&exports, aws_smithy_types::retry::RetryConfig::disabled());
    for _ in 0..2 {
        let error = client
            .create_app_instance()
            .name("cli")
            .send()
            .await
            .unwrap_err();
        let throttled = error
            .as_service_error()
            .map(|e| e.is_throttled_client_exception());
        assert_eq!(throttled, Some(true), "{error}");
    }
    let output = client
        .create_app_instance()
        .name("cli")
        .send()
        .await
        .unwrap();
    assert!(
        output
            .app_instance_arn()
            .unwrap()
            .starts_with("arn:aws:chime:")
    );
}

#[test]
fn bad_options_are_refused_with_the_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_chime-local"))
        .args(["--fail-next", "2:NoSuchError"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("NoSuchError") && stderr.contains("usage"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_command_line_sets_the_clock_and_the_connection_limits() {
    let (_running, exports) = start(&[
        "--port",
        "0",
        "--clock-offset",
        "1200",
        "--idle-timeout",
        "200",
        "--max-connections",
        "4",
        "--log-limit",
        "0",
    ]);
    let client = client_of(&exports, aws_smithy_types::retry::RetryConfig::standard());
    // Twenty minutes apart: one refusal, then signed by the service's clock.
    let output = client
        .create_app_instance()
        .name("cli")
        .send()
        .await
        .unwrap();
    assert!(output.app_instance_arn().is_some());
    // An idle connection is closed.
    let address = exports["AWS_ENDPOINT_URL"]
        .trim_start_matches("http://")
        .to_owned();
    let mut idle = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut buffer = [0u8; 16];
    let closed = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tokio::io::AsyncReadExt::read(&mut idle, &mut buffer),
    )
    .await;
    assert!(matches!(closed, Ok(Ok(0)) | Ok(Err(_))), "{closed:?}");
}
