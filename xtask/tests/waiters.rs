//! Waiters (`smithy.waiters#waitable`) of a generated client, over real
//! HTTP on loopback: each `wait_until_<name>()` polls until an acceptor
//! decides, an expected error retries, an unexpected one fails, a failure
//! state keeps its poll, and the caller's maximum wait ends it. The
//! listener answers each poll in turn, and records them.

mod support;

use serde_json::{Value as Json, json};

fn path(path: &str, comparator: &str, expected: &str) -> Json {
    json!({"path": path, "comparator": comparator, "expected": expected})
}

/// A service with `GetThing` (`GET /things/{Name}`), whose output has a
/// `Status`, a `Name` and `Items` with a `State` each, and these waiters,
/// all polling once a second.
fn model() -> Json {
    let waiters = json!({
        "ThingReady": {
            "documentation": "Waits until the thing is ready.",
            "minDelay": 1, "maxDelay": 1,
            "acceptors": [
                {"state": "success", "matcher": {"output": path("Status", "stringEquals", "READY")}},
                {"state": "failure", "matcher": {"output": path("Status == 'FAILED' || Status == 'GONE'", "booleanEquals", "true")}},
                {"state": "retry", "matcher": {"errorType": "example.waits#NotFound"}}
            ]
        },
        "ItemsReady": {
            "minDelay": 1, "maxDelay": 1,
            "acceptors": [
                {"state": "failure", "matcher": {"output": path("Items[].State", "anyStringEquals", "FAILED")}},
                {"state": "success", "matcher": {"output": path("Items[*].State", "allStringEquals", "READY")}}
            ]
        },
        "NameEchoed": {
            "minDelay": 1, "maxDelay": 1,
            "acceptors": [
                {"state": "success", "matcher": {"inputOutput": path("input.Name == output.Name && length(output.Items) > `1`", "booleanEquals", "true")}}
            ]
        },
        "ThingExists": {
            "minDelay": 1, "maxDelay": 1,
            "acceptors": [
                {"state": "success", "matcher": {"success": true}},
                {"state": "retry", "matcher": {"errorType": "NotFound"}}
            ]
        }
    });
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.waits#Things": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [{"target": "example.waits#GetThing"}],
                "traits": {
                    "aws.api#service": {"sdkId": "Waits", "endpointPrefix": "waits"},
                    "aws.auth#sigv4": {"name": "waits"},
                    "aws.protocols#restJson1": {}
                }
            },
            "example.waits#GetThing": {
                "type": "operation",
                "input": {"target": "example.waits#GetThingInput"},
                "output": {"target": "example.waits#GetThingOutput"},
                "errors": [{"target": "example.waits#NotFound"}],
                "traits": {
                    "smithy.api#http": {"method": "GET", "uri": "/things/{Name}", "code": 200},
                    "smithy.waiters#waitable": waiters
                }
            },
            "example.waits#GetThingInput": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}
            }},
            "example.waits#GetThingOutput": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String"},
                "Status": {"target": "example.waits#Status"},
                "Items": {"target": "example.waits#Items"}
            }},
            "example.waits#Status": {"type": "enum", "members": {
                "READY": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "READY"}},
                "PENDING": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "PENDING"}},
                "FAILED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "FAILED"}}
            }},
            "example.waits#Items": {"type": "list", "member": {"target": "example.waits#Item"}},
            "example.waits#Item": {"type": "structure", "members": {"State": {"target": "smithy.api#String"}}},
            "example.waits#NotFound": {
                "type": "structure",
                "members": {"message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}
            }
        }
    })
}

const CALLER: &str = r##"
mod listener;

use std::time::Duration;

const NOT_FOUND: &str = r#"{"__type":"NotFound","message":"not yet"}"#;

const ANSWERS: listener::Answers = &[
    // ThingReady on `a`: not found, pending, then ready.
    ("/things/a", "404 Not Found", NOT_FOUND),
    ("/things/a", "200 OK", r#"{"Status":"PENDING"}"#),
    ("/things/a", "200 OK", r#"{"Status":"READY"}"#),
    // ThingReady on `b`: pending, then failed.
    ("/things/b", "200 OK", r#"{"Status":"PENDING"}"#),
    ("/things/b", "200 OK", r#"{"Status":"FAILED"}"#),
    // ThingReady on `c`: an error no acceptor expects.
    ("/things/c", "400 Bad Request", r#"{"__type":"Boom","message":"no"}"#),
    // ItemsReady on `d`: one item pending, then both ready.
    ("/things/d", "200 OK", r#"{"Items":[{"State":"READY"},{"State":"PENDING"}]}"#),
    ("/things/d", "200 OK", r#"{"Items":[{"State":"READY"},{"State":"READY"}]}"#),
    // ItemsReady on `e`: one failed.
    ("/things/e", "200 OK", r#"{"Items":[{"State":"READY"},{"State":"FAILED"}]}"#),
    // NameEchoed on `f`: another name, then its own with two items.
    ("/things/f", "200 OK", r#"{"Name":"g","Items":[{},{}]}"#),
    ("/things/f", "200 OK", r#"{"Name":"f","Items":[{},{}]}"#),
    // ThingExists on `h`: never there.
    ("/things/h", "404 Not Found", NOT_FOUND),
];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start_with(ANSWERS).await;
    let config = waits::Config::builder()
        .region(waits::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = waits::Client::from_conf(config);
    let wait = Duration::from_secs(30);
    let ready = client.wait_until_thing_ready().name("a").wait(wait).await.unwrap();
    println!("a: {:?}", ready.as_result().unwrap().status());
    let failed = client.wait_until_thing_ready().name("b").wait(wait).await.unwrap_err();
    match &failed {
        waits::waiter::WaiterError::FailureState(poll) => {
            println!("b: failure state {:?}", poll.as_result().unwrap().status())
        }
        other => println!("b: {other}"),
    }
    let failed = client.wait_until_thing_ready().name("c").wait(wait).await.unwrap_err();
    println!("c: {}", matches!(failed, waits::waiter::WaiterError::OperationFailed(_)));
    let items = client.wait_until_items_ready().name("d").wait(wait).await.unwrap();
    println!("d: {} items", items.as_result().unwrap().items().len());
    let failed = client.wait_until_items_ready().name("e").wait(wait).await.unwrap_err();
    println!("e: {}", matches!(failed, waits::waiter::WaiterError::FailureState(_)));
    let echoed = client.wait_until_name_echoed().name("f").wait(wait).await.unwrap();
    println!("f: {:?}", echoed.as_result().unwrap().name());
    let timed_out = client.wait_until_thing_exists().name("h").wait(Duration::from_millis(2500)).await.unwrap_err();
    match timed_out {
        waits::waiter::WaiterError::ExceededMaxWait(exceeded) => println!("h: gave up after {} polls", exceeded.poll_count()),
        other => println!("h: {other}"),
    }
    let unbuilt = client.wait_until_thing_exists().wait(wait).await.unwrap_err();
    println!("unbuilt: {unbuilt}");
    for line in log.lock().unwrap().iter() {
        println!("request: {}", line.split(" HTTP/1.1").next().unwrap());
    }
}
"##;

#[test]
fn each_waiter_polls_until_its_acceptors_decide() {
    let dir = support::fresh_dir("waiters");
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model().to_string()).unwrap();
    let warnings = support::generate(&dir, &model_path, &["--crate-prefix", "waits"]);
    assert!(!warnings.contains("waitable"), "{warnings}");
    support::workspace(
        &dir,
        Some(support::Caller {
            client: "waits",
            main: CALLER,
            writes_outputs: false,
            dependencies: "",
        }),
    );
    let clippy = support::cargo(
        &dir,
        &["clippy", "--quiet", "-p", "waits", "--", "-D", "warnings"],
    );
    support::succeeded(&clippy, "clippy on the generated client");
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..9],
        [
            "a: Some(Ready)",
            "b: failure state Some(Failed)",
            "c: true",
            "d: 2 items",
            "e: true",
            r#"f: Some("f")"#,
            "h: gave up after 3 polls",
            "unbuilt: the waiter's input could not be built: `name` is required to build GetThingInput but was not set",
            "request: GET /things/a",
        ],
        "{stdout}"
    );
    let polls = |name: &str| {
        lines
            .iter()
            .filter(|line| **line == format!("request: GET /things/{name}"))
            .count()
    };
    let counted: Vec<usize> = ["a", "b", "c", "d", "e", "f", "h"].map(polls).to_vec();
    assert_eq!(counted, [3, 2, 1, 2, 1, 2, 3], "{stdout}");
}
