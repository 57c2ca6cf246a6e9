//! Regenerating reaches the whole client: a model with one more input
//! member and one more operation, generated into a fresh workspace, gives a
//! client whose fluent API has both, and whose requests carry them, with no
//! hand edits anywhere.
//!
//! The test writes a small program against the generated client, runs it
//! with `cargo run` in that workspace (which borrows this one's lock file,
//! so nothing is resolved anew or downloaded), and reads what it printed.
//! The program answers its own calls from a loopback listener that records
//! each request.

use serde_json::{Value as Json, json};
use std::path::Path;
use std::process::Command;

/// The model of `model/chime.json`, with an optional `Description` on the
/// input of CreateAppInstance and a second operation: `DescribeLimits`, a
/// `GET` with no body whose output has one integer member.
fn extended_model(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("model/chime.json")).unwrap();
    let mut model: Json = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object_mut().unwrap();
    shapes["com.amazonaws.chime#CreateAppInstanceRequest"]["members"]
        .as_object_mut()
        .unwrap()
        .insert(
            "Description".to_owned(),
            json!({"target": "smithy.api#String"}),
        );
    shapes["com.amazonaws.chime#UCBuzzConsoleService"]["operations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"target": "com.amazonaws.chime#DescribeLimits"}));
    shapes.insert(
        "com.amazonaws.chime#DescribeLimits".to_owned(),
        json!({
            "type": "operation",
            "input": {"target": "com.amazonaws.chime#DescribeLimitsRequest"},
            "output": {"target": "com.amazonaws.chime#DescribeLimitsResponse"},
            "errors": [{"target": "com.amazonaws.chime#BadRequestException"}],
            "traits": {"smithy.api#http": {"method": "GET", "uri": "/limits?scope=account", "code": 200}}
        }),
    );
    shapes.insert(
        "com.amazonaws.chime#DescribeLimitsRequest".to_owned(),
        json!({"type": "structure", "members": {}}),
    );
    shapes.insert(
        "com.amazonaws.chime#DescribeLimitsResponse".to_owned(),
        json!({"type": "structure", "members": {"MaxInstances": {"target": "smithy.api#Integer"}}}),
    );
    serde_json::to_string_pretty(&model).unwrap()
}

/// The program that calls both operations through the fluent API against
/// its own recording listener, and prints what was sent and answered.
const CALLER: &str = r##"
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

type Log = Arc<Mutex<Vec<String>>>;

/// Answers every request on a connection: 201 with an ARN for a POST, 200
/// with a limit for anything else; records method, target, content type
/// and body.
async fn serve(listener: tokio::net::TcpListener, log: Log) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else { return };
        let log = log.clone();
        tokio::spawn(async move {
            let mut buffer = Vec::new();
            loop {
                let head_end = loop {
                    if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        break end + 4;
                    }
                    let mut chunk = [0u8; 4096];
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
                let header = |name: &str| {
                    head.lines()
                        .find_map(|line| {
                            let (key, value) = line.split_once(':')?;
                            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
                        })
                };
                let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
                while buffer.len() < head_end + length {
                    let mut chunk = [0u8; 4096];
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned();
                buffer.drain(..head_end + length);
                let request_line = head.lines().next().unwrap_or_default().to_owned();
                let content_type = header("content-type").unwrap_or_else(|| "none".to_owned());
                log.lock().unwrap().push(format!("{request_line} | {content_type} | {body}"));
                let (status, answer) = if request_line.starts_with("POST ") {
                    ("201 Created", r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:123456789012:app-instance/regenerated"}"#)
                } else {
                    ("200 OK", r#"{"MaxInstances":42}"#)
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-amzn-requestid: req-1\r\n\r\n{answer}",
                    answer.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Log = Arc::default();
    tokio::spawn(serve(listener, log.clone()));
    let config = chime::Config::builder()
        .region(chime::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = chime::Client::from_conf(config);
    let created = client
        .create_app_instance()
        .name("ops")
        .description("made by a regenerated client")
        .send()
        .await
        .unwrap();
    println!("created: {}", created.app_instance_arn().unwrap_or_default());
    let limits = client.describe_limits().send().await.unwrap();
    println!("limits: {:?}", limits.max_instances());
    for line in log.lock().unwrap().iter() {
        println!("request: {line}");
    }
}
"##;

#[test]
fn an_added_member_and_operation_reach_the_fluent_api_and_the_wire() {
    let root = xtask::workspace_root();
    let dir = std::env::temp_dir().join(format!("xtask-regenerate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("caller/src")).unwrap();
    let model = dir.join("model.json");
    std::fs::write(&model, extended_model(&root)).unwrap();
    let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--model", model.to_str().unwrap(), "--out"])
        .arg(dir.join("generated"))
        .arg("--runtime")
        .arg(root.join("crates"))
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"generated/*\", \"caller\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("caller/Cargo.toml"),
        "[package]\nname = \"caller\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nchime = { path = \"../generated/chime\" }\naws-credential-types = \"1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\", \"net\", \"io-util\"] }\n",
    )
    .unwrap();
    std::fs::write(dir.join("caller/src/main.rs"), CALLER).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let run = Command::new(env!("CARGO"))
        .args(["run", "--offline", "--quiet", "-p", "caller"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the caller failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "created: arn:aws:chime:us-east-1:123456789012:app-instance/regenerated",
            "limits: Some(42)"
        ],
        "{stdout}"
    );
    let create = lines[2];
    assert!(
        create.starts_with("request: POST /app-instances HTTP/1.1 | application/json | {"),
        "{create}"
    );
    assert!(
        create.contains(r#""Description":"made by a regenerated client""#),
        "{create}"
    );
    assert!(create.contains(r#""ClientRequestToken":""#), "{create}");
    assert_eq!(
        lines[3], "request: GET /limits?scope=account HTTP/1.1 | none | ",
        "a GET with no body members sends no body and no content type"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
