//! A model's `smithy.rules#endpointTests` become the input crate's tests,
//! and those tests hold the resolver to every part of each case: run in a
//! fresh workspace, the cases that say what the rules do pass, and each
//! case that is wrong in one part (the URL, a header, a property, an
//! error's message, an endpoint for an error or the reverse) fails.
//!
//! The rule set is the one `tests/compiled_rules.rs` checks by hand
//! (`tests/fixtures/rules_model.json`), so the right cases are known right
//! independently of the generated tests.

mod support;

use serde_json::{Value as Json, json};
use std::collections::BTreeSet;

/// A case with `Tenant` (required, with no default) set to `acme`.
fn case(documentation: &str, mut params: Json, expect: Json) -> Json {
    params["Tenant"] = json!("acme");
    json!({"documentation": documentation, "params": params, "expect": expect})
}

fn custom_endpoint(headers: Json) -> Json {
    json!({"endpoint": {"url": "https://custom.example/acme", "headers": headers}})
}

fn verbose_endpoint(properties: Json) -> Json {
    json!({"endpoint": {"url": "https://us-west-2.verbose.amazonaws.com", "properties": properties}})
}

fn cases() -> Json {
    let custom = json!({"Endpoint": "https://custom.example"});
    let headers = json!({"x-tenant": ["acme"], "x-literal": ["a{b}", "second"]});
    let verbose = json!({"Region": "us-west-2", "Verbose": true, "UseFIPS": true});
    let properties = json!({
        "authSchemes": [{"name": "sigv4", "signingRegion": "us-west-2", "disableDoubleEncoding": true}],
        "stage": "prod"
    });
    let fips_custom =
        json!({"Endpoint": "https://custom.example", "UseFIPS": true, "Stage": "gamma"});
    let error = json!({"error": "custom endpoints cannot be FIPS (gamma)"});
    json!([
        case("right: custom endpoint with headers", custom.clone(), custom_endpoint(headers.clone())),
        case("right: verbose with properties", verbose.clone(), verbose_endpoint(properties.clone())),
        case("right: an error", fips_custom.clone(), error.clone()),
        // `Tenant` left out: the rule set requires it and has no default.
        {"documentation": "left out", "params": {}, "expect": error.clone()},
        case(
            "wrong: url",
            custom.clone(),
            json!({"endpoint": {"url": "https://custom.example/other", "headers": headers}}),
        ),
        case(
            "wrong: header value",
            custom.clone(),
            custom_endpoint(json!({"x-tenant": ["acme"], "x-literal": ["a{b}"]})),
        ),
        case("wrong: no headers", custom.clone(), custom_endpoint(json!({}))),
        case(
            "wrong: property",
            verbose.clone(),
            verbose_endpoint(json!({"authSchemes": properties["authSchemes"], "stage": "beta"})),
        ),
        case("wrong: no properties", verbose, json!({"endpoint": {"url": "https://us-west-2.verbose.amazonaws.com"}})),
        case("wrong: message", fips_custom.clone(), json!({"error": "custom endpoints cannot be FIPS"})),
        case("wrong: an endpoint for an error", fips_custom, json!({"endpoint": {"url": "https://custom.example/acme"}})),
        case("wrong: an error for an endpoint", custom, error),
    ])
}

/// libtest's verdicts: the names of the tests that passed, and of those that failed.
fn verdicts(stdout: &str) -> (BTreeSet<&str>, BTreeSet<&str>) {
    let mut passed = BTreeSet::new();
    let mut failed = BTreeSet::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... ok") {
                passed.insert(name);
            } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
                failed.insert(name);
            }
        }
    }
    (passed, failed)
}

#[test]
fn each_case_is_a_test_that_fails_where_any_part_of_the_outcome_differs() {
    let root = xtask::workspace_root();
    let text = std::fs::read_to_string(root.join("tests/fixtures/rules_model.json")).unwrap();
    let mut model: Json = serde_json::from_str(&text).unwrap();
    model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#endpointTests"] =
        json!({"version": "1.0", "testCases": cases()});
    let dir = support::fresh_dir("endpoint-tests");
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model.to_string()).unwrap();
    let warnings = support::generate(&dir, &model_path, &["--crate-prefix", "example-svc"]);
    assert!(
        warnings.contains("case 4 (\"left out\") is not written as a test")
            && warnings.contains("`Tenant`"),
        "{warnings}"
    );
    support::workspace(&dir, None);
    let run = support::cargo(
        &dir,
        &[
            "test",
            "-p",
            "example-svc-input",
            "--test",
            "endpoint_rules",
        ],
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    let (passed, failed) = verdicts(&stdout);
    assert_eq!(
        passed,
        BTreeSet::from([
            "cases::right_custom_endpoint_with_headers",
            "cases::right_verbose_with_properties",
            "cases::right_an_error",
        ]),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        failed,
        BTreeSet::from([
            "cases::wrong_url",
            "cases::wrong_header_value",
            "cases::wrong_no_headers",
            "cases::wrong_property",
            "cases::wrong_no_properties",
            "cases::wrong_message",
            "cases::wrong_an_endpoint_for_an_error",
            "cases::wrong_an_error_for_an_endpoint",
        ]),
        "{stdout}"
    );
    assert!(!run.status.success());
}
