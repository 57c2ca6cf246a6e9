//! Every `smithy.rules#endpointTests` case of the models runs against the
//! rules engine: our `model/chime.json`, and the official legacy model with
//! the partition data of the same vintage.

use chime::endpoint::partition::Partitions;
use chime::endpoint::rules::{RuleSet, RulesError, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn service_traits(model: &str) -> Json {
    let model: Json = serde_json::from_str(model).unwrap();
    model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .find(|shape| shape["type"] == "service")
        .expect("the model has a service")["traits"]
        .clone()
}

/// A rules value as JSON, as the test cases write expected properties.
fn to_json(value: &Value) -> Json {
    match value {
        Value::String(s) => Json::String(s.clone()),
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// botocore 1.37.1's partitions, of the same vintage as the models' cases.
fn vintage_partitions() -> Partitions {
    let path = workspace_root().join("../shared/models/botocore/partitions-botocore-1.37.1.json");
    Partitions::from_json(&read(&path)).unwrap()
}

fn empty_object() -> Json {
    Json::Object(serde_json::Map::new())
}

/// Runs every test case and returns how many there were.
fn run_cases(traits: &Json, rules: &RuleSet, partitions: &Partitions) -> usize {
    let cases = traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .expect("the model has endpoint tests");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["documentation"].as_str().unwrap_or("(undocumented)");
        let mut params = BTreeMap::new();
        for (key, value) in case["params"].as_object().into_iter().flatten() {
            let value = match value {
                Json::String(s) => Value::String(s.clone()),
                Json::Bool(b) => Value::Bool(*b),
                other => panic!("{name}: unexpected parameter value {other}"),
            };
            params.insert(key.clone(), value);
        }
        let outcome = rules.resolve(&params, partitions);
        let expect = &case["expect"];
        match (&outcome, expect.get("endpoint"), expect.get("error")) {
            (Ok(endpoint), Some(want), None) => {
                if endpoint.url != want["url"] {
                    failures.push(format!("{name}: url {} != {}", endpoint.url, want["url"]));
                }
                let properties = Json::Object(
                    endpoint
                        .properties
                        .iter()
                        .map(|(k, v)| (k.clone(), to_json(v)))
                        .collect(),
                );
                let want_properties = want.get("properties").cloned().unwrap_or_else(empty_object);
                if properties != want_properties {
                    failures.push(format!(
                        "{name}: properties {properties} != {want_properties}"
                    ));
                }
                let headers = serde_json::to_value(&endpoint.headers).unwrap();
                let want_headers = want.get("headers").cloned().unwrap_or_else(empty_object);
                if headers != want_headers {
                    failures.push(format!("{name}: headers {headers} != {want_headers}"));
                }
            }
            (Err(RulesError::NoEndpoint(message)), None, Some(want)) => {
                if want != message.as_str() {
                    failures.push(format!("{name}: error `{message}` != {want}"));
                }
            }
            (outcome, _, _) => {
                failures.push(format!("{name}: got {outcome:?}, expected {expect}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn our_model_passes_its_endpoint_tests_with_the_generated_rule_set() {
    let traits = service_traits(&read(&workspace_root().join("model/chime.json")));
    // The client resolves with the generated constant, so that is what the
    // model's cases must hold for. The cases date from 2023: since then the
    // iso partitions gained dual-stack, so they need the data of their time.
    let rules = RuleSet::from_json(chime_input::ENDPOINT_RULE_SET).unwrap();
    assert_eq!(run_cases(&traits, &rules, &vintage_partitions()), 26);
}

#[test]
fn the_official_model_passes_its_endpoint_tests_with_partitions_of_its_vintage() {
    let shared = workspace_root().join("../shared/models");
    let traits = service_traits(&read(&shared.join("chime-2018-05-01.json")));
    let rules = RuleSet::from_json(&traits["smithy.rules#endpointRuleSet"].to_string()).unwrap();
    assert_eq!(run_cases(&traits, &rules, &vintage_partitions()), 26);
}

#[test]
fn the_embedded_partition_data_is_botocore_1_43_11_without_descriptions() {
    let shared =
        workspace_root().join("../shared/models/botocore/partitions-botocore-1.43.11.json");
    let mut official: Json = serde_json::from_str(&read(&shared)).unwrap();
    for partition in official["partitions"].as_array_mut().unwrap() {
        for region in partition["regions"].as_object_mut().unwrap().values_mut() {
            region.as_object_mut().unwrap().remove("description");
        }
    }
    let embedded: Json = serde_json::from_str(&read(
        &workspace_root().join("crates/chime/data/partitions.json"),
    ))
    .unwrap();
    assert_eq!(embedded, official);
}
