//! Regenerating reaches the whole client: a model with one more input
//! member and one more operation, generated into a fresh workspace, gives a
//! client whose fluent API has both, and whose requests carry them, with no
//! hand edits anywhere.
//!
//! The test writes a small program against the generated client, runs it
//! with `cargo run` in that workspace, and reads what it printed. The
//! program answers its own calls from a loopback listener that records each
//! request (`support/listener.rs`).

mod support;

use serde_json::{Value as Json, json};
use std::path::Path;

/// The model of `model/chime.json`, with an optional `Description` (and two
/// patterned members) on the input of CreateAppInstance and a second
/// operation: `DescribeLimits`, a `GET` with no body whose output has one
/// integer member.
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
    // Two members whose pattern checks once had the same static's name
    // (`CODES_ITEM_PATTERN`): a list's items, and a member named like them.
    let members = shapes["com.amazonaws.chime#CreateAppInstanceRequest"]["members"]
        .as_object_mut()
        .unwrap();
    members.insert(
        "Codes".to_owned(),
        json!({"target": "com.amazonaws.chime#Codes"}),
    );
    members.insert(
        "CodesItem".to_owned(),
        json!({"target": "com.amazonaws.chime#Code"}),
    );
    // Ranged numbers the official models do not have: a float, whose
    // bounds are compared as the decimal it prints, and a big decimal.
    members.insert(
        "Ratio".to_owned(),
        json!({"target": "smithy.api#Float", "traits": {"smithy.api#range": {"min": 0.1, "max": 1}}}),
    );
    members.insert(
        "Budget".to_owned(),
        json!({"target": "smithy.api#BigDecimal", "traits": {"smithy.api#range": {"max": 1e30}}}),
    );
    // A map whose keys have a pattern of their own.
    members.insert(
        "Labels".to_owned(),
        json!({"target": "com.amazonaws.chime#Labels"}),
    );
    shapes.insert(
        "com.amazonaws.chime#Labels".to_owned(),
        json!({"type": "map", "key": {"target": "com.amazonaws.chime#Code"}, "value": {"target": "smithy.api#String"}}),
    );
    // An enum with a length of its own, and a union whose variant has a
    // pattern that no structure's member has.
    let members = shapes["com.amazonaws.chime#CreateAppInstanceRequest"]["members"]
        .as_object_mut()
        .unwrap();
    members.insert(
        "Mode".to_owned(),
        json!({"target": "com.amazonaws.chime#Mode", "traits": {"smithy.api#length": {"max": 3}}}),
    );
    members.insert(
        "Pick".to_owned(),
        json!({"target": "com.amazonaws.chime#Pick"}),
    );
    shapes.insert(
        "com.amazonaws.chime#Mode".to_owned(),
        json!({"type": "enum", "members": {
            "SHORT": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "ab"}},
            "LONG": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "abcdef"}}
        }}),
    );
    shapes.insert(
        "com.amazonaws.chime#Pick".to_owned(),
        json!({"type": "union", "members": {"Digits": {"target": "com.amazonaws.chime#Digits"}}}),
    );
    shapes.insert(
        "com.amazonaws.chime#Digits".to_owned(),
        json!({"type": "string", "traits": {"smithy.api#pattern": "^[0-9]+$"}}),
    );
    shapes.insert(
        "com.amazonaws.chime#Code".to_owned(),
        json!({"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}}),
    );
    shapes.insert(
        "com.amazonaws.chime#Codes".to_owned(),
        json!({"type": "list", "member": {"target": "com.amazonaws.chime#Code"}}),
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
    // A paginated GET whose token is nested in the output and whose pages
    // hold items; the input token comes from the service's defaults.
    shapes["com.amazonaws.chime#UCBuzzConsoleService"]["operations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"target": "com.amazonaws.chime#ListLimits"}));
    shapes["com.amazonaws.chime#UCBuzzConsoleService"]["traits"]["smithy.api#paginated"] =
        json!({"inputToken": "NextToken"});
    shapes.insert(
        "com.amazonaws.chime#ListLimits".to_owned(),
        json!({
            "type": "operation",
            "input": {"target": "com.amazonaws.chime#ListLimitsRequest"},
            "output": {"target": "com.amazonaws.chime#ListLimitsResponse"},
            "traits": {
                "smithy.api#http": {"method": "GET", "uri": "/limits/list", "code": 200},
                "smithy.api#paginated": {"outputToken": "Page.Token", "pageSize": "MaxResults", "items": "Limits"}
            }
        }),
    );
    shapes.insert(
        "com.amazonaws.chime#ListLimitsRequest".to_owned(),
        json!({"type": "structure", "members": {
            "NextToken": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "next-token"}},
            "MaxResults": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "max-results"}},
            // Lists in the query and in a header, and a timestamp header,
            // which the official models do not have.
            "Kinds": {"target": "com.amazonaws.chime#Codes", "traits": {"smithy.api#httpQuery": "kind"}},
            "Filters": {"target": "com.amazonaws.chime#Codes", "traits": {"smithy.api#httpHeader": "X-Amz-Chime-Filters"}},
            "Since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "X-Amz-Chime-Since"}}
        }}),
    );
    shapes.insert(
        "com.amazonaws.chime#ListLimitsResponse".to_owned(),
        json!({"type": "structure", "members": {
            "Page": {"target": "com.amazonaws.chime#Page"},
            "Limits": {"target": "com.amazonaws.chime#Limits"}
        }}),
    );
    shapes.insert(
        "com.amazonaws.chime#Page".to_owned(),
        json!({"type": "structure", "members": {"Token": {"target": "smithy.api#String"}}}),
    );
    shapes.insert(
        "com.amazonaws.chime#Limits".to_owned(),
        json!({"type": "list", "member": {"target": "com.amazonaws.chime#Limit"}}),
    );
    shapes.insert(
        "com.amazonaws.chime#Limit".to_owned(),
        json!({"type": "structure", "members": {"Name": {"target": "smithy.api#String"}}}),
    );
    // Types named like the runtime's re-exports (`validation::Rule`,
    // `BuildError`): the model's take the crate roots.
    let shapes = model["shapes"].as_object_mut().unwrap();
    let members = shapes["com.amazonaws.chime#CreateAppInstanceRequest"]["members"]
        .as_object_mut()
        .unwrap();
    members.insert(
        "Rule".to_owned(),
        json!({"target": "com.amazonaws.chime#Rule"}),
    );
    members.insert(
        "Failure".to_owned(),
        json!({"target": "com.amazonaws.chime#BuildError"}),
    );
    shapes.insert(
        "com.amazonaws.chime#Rule".to_owned(),
        json!({"type": "structure", "members": {"Name": {"target": "smithy.api#String"}}}),
    );
    shapes.insert(
        "com.amazonaws.chime#BuildError".to_owned(),
        json!({"type": "structure", "members": {"Why": {"target": "smithy.api#String"}}}),
    );
    // A paginator whose items are a map's entries.
    let shapes = model["shapes"].as_object_mut().unwrap();
    shapes["com.amazonaws.chime#UCBuzzConsoleService"]["operations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"target": "com.amazonaws.chime#ListQuotas"}));
    shapes.insert(
        "com.amazonaws.chime#ListQuotas".to_owned(),
        json!({
            "type": "operation",
            "input": {"target": "com.amazonaws.chime#ListQuotasRequest"},
            "output": {"target": "com.amazonaws.chime#ListQuotasResponse"},
            "traits": {
                "smithy.api#http": {"method": "GET", "uri": "/quotas", "code": 200},
                "smithy.api#paginated": {"outputToken": "NextToken", "items": "Quotas"}
            }
        }),
    );
    shapes.insert(
        "com.amazonaws.chime#ListQuotasRequest".to_owned(),
        json!({"type": "structure", "members": {
            "NextToken": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "next-token"}}
        }}),
    );
    shapes.insert(
        "com.amazonaws.chime#ListQuotasResponse".to_owned(),
        json!({"type": "structure", "members": {
            "NextToken": {"target": "smithy.api#String"},
            "Quotas": {"target": "com.amazonaws.chime#Quotas"}
        }}),
    );
    shapes.insert(
        "com.amazonaws.chime#Quotas".to_owned(),
        json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}}),
    );
    serde_json::to_string_pretty(&model).unwrap()
}

/// The program that calls both operations through the fluent API against
/// the recording listener, and prints what was sent and answered.
const CALLER: &str = r##"
// The legacy namespace's CreateAppInstance is deprecated in its model.
#![allow(deprecated)]

mod listener;

const ANSWERS: listener::Answers = &[
    ("/quotas?next-token=q2", "200 OK", r#"{"Quotas":{"c":3}}"#),
    ("/quotas", "200 OK", r#"{"Quotas":{"a":1,"b":2},"NextToken":"q2"}"#),
    ("/limits/list?next-token=n2&max-results=2", "200 OK", r#"{"Limits":[{"Name":"c"}]}"#),
    ("/limits/list?max-results=2", "200 OK", r#"{"Limits":[{"Name":"a"},{"Name":"b"}],"Page":{"Token":"n2"}}"#),
];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start_with(ANSWERS).await;
    let config = chime_lean::Config::builder()
        .region(chime_lean::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = chime_lean::Client::from_conf(config);
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
    let items = client
        .list_limits()
        .kinds("a b")
        .kinds("c")
        .filters("x,y")
        .filters("z")
        .since(chime_lean::primitives::DateTime::from_secs(1515531081))
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    println!("items: {:?}", items.iter().map(|limit| limit.name()).collect::<Vec<_>>());
    let ranged = |ratio: f32, budget: &str| {
        chime_lean::operation::create_app_instance::CreateAppInstanceInput::builder()
            .name("ops")
            .ratio(ratio)
            .budget(budget.parse().unwrap())
            .labels(if ratio > 0.099 { "ok" } else { "Bad" }, "x")
            .build()
            .unwrap()
            .validate()
    };
    println!("within: {:?}", ranged(0.1, "1e30").map_err(|e| e.to_string()));
    println!("outside: {:?}", ranged(0.099, "1000000000000000000000000000000.1").map_err(|e| e.to_string()));
    let mut quotas = client.list_quotas().into_paginator().items().send().try_collect().await.unwrap();
    quotas.sort();
    println!("quotas: {quotas:?}");
    let picked = |mode: chime_lean::types::Mode, digits: &str| {
        chime_lean::operation::create_app_instance::CreateAppInstanceInput::builder()
            .name("ops")
            .mode(mode)
            .pick(chime_lean::types::Pick::Digits(digits.to_owned()))
            .build()
            .unwrap()
            .validate()
    };
    println!("picked: {:?}", picked(chime_lean::types::Mode::Short, "42").map_err(|e| e.to_string()));
    println!("mispicked: {:?}", picked(chime_lean::types::Mode::Long, "4x").map_err(|e| e.to_string()));
    for line in log.lock().unwrap().iter() {
        println!("request: {line}");
    }
}
"##;

#[test]
fn an_added_member_and_operation_reach_the_fluent_api_and_the_wire() {
    let root = xtask::workspace_root();
    let dir = support::fresh_dir("regenerate");
    let model = dir.join("model.json");
    std::fs::write(&model, extended_model(&root)).unwrap();
    support::generate(&dir, &model, &[]);
    support::workspace(
        &dir,
        Some(support::Caller {
            client: "chime-lean",
            main: CALLER,
            writes_outputs: false,
            dependencies: "",
        }),
    );
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..8],
        [
            "created: arn:aws:chime:us-east-1:123456789012:app-instance/regenerated",
            "limits: Some(42)",
            r#"items: [Some("a"), Some("b"), Some("c")]"#,
            "within: Ok(())",
            "outside: Err(\"3 constraint violations: `Ratio`: must be 0.1 to 1; `Budget`: must be at most 1e+30; `Labels key \\\"Bad\\\"`: must match the pattern ^[a-z]+$\")",
            r#"quotas: [("a", 1), ("b", 2), ("c", 3)]"#,
            "picked: Ok(())",
            "mispicked: Err(\"2 constraint violations: `Mode`: length must be at most 3 characters, but it has 6; `Pick.Digits`: must match the pattern ^[0-9]+$\")",
        ],
        "{stdout}"
    );
    let create = lines[8];
    assert!(
        create.starts_with("request: POST /app-instances HTTP/1.1 | application/json | {"),
        "{create}"
    );
    assert!(
        create.contains(r#""Description":"made by a regenerated client""#),
        "{create}"
    );
    assert!(create.contains(r#""ClientRequestToken":""#), "{create}");
    let headers =
        r#"x-amz-chime-filters: "x,y", z | x-amz-chime-since: Tue, 09 Jan 2018 20:51:21 GMT | "#;
    assert_eq!(
        lines[9..],
        [
            "request: GET /limits?scope=account HTTP/1.1 | none | ".to_owned(),
            format!(
                "request: GET /limits/list?max-results=2&kind=a%20b&kind=c HTTP/1.1 | none | {headers}"
            ),
            format!(
                "request: GET /limits/list?next-token=n2&max-results=2&kind=a%20b&kind=c HTTP/1.1 | none | {headers}"
            ),
            "request: GET /quotas HTTP/1.1 | none | ".to_owned(),
            "request: GET /quotas?next-token=q2 HTTP/1.1 | none | ".to_owned(),
        ],
        "a GET with no body members sends no body and no content type; a query list repeats its key, \
         a header list is joined with the item holding a comma quoted, a timestamp header is an HTTP \
         date; pages follow the nested token"
    );
}
