//! `model/chime.json` must agree with the official model on every shape,
//! member, target and trait, apart from documentation text.

use serde_json::{Map, Value};
use std::collections::BTreeSet;

const SERVICE: &str = "com.amazonaws.chime#UCBuzzConsoleService";
const OPERATION: &str = "com.amazonaws.chime#CreateAppInstance";

/// Removes documentation everywhere: `smithy.api#documentation` traits and the
/// `documentation` fields of endpoint rule parameters and test cases.
fn strip_docs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("smithy.api#documentation");
            map.remove("documentation");
            for (_, v) in map.iter_mut() {
                strip_docs(v);
            }
            // A members' trait map left empty by the removal equals one that was never there.
            if map
                .get("traits")
                .is_some_and(|t| t.as_object().is_some_and(Map::is_empty))
            {
                map.remove("traits");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_docs),
        _ => {}
    }
}

/// Every shape id the operation reaches in `shapes` (the prelude excluded).
fn closure(shapes: &Map<String, Value>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_owned()];
    while let Some(id) = stack.pop() {
        if id.starts_with("smithy.api#") || !seen.insert(id.clone()) {
            continue;
        }
        let shape = &shapes[&id];
        let mut push = |target: &Value| {
            stack.push(
                target["target"]
                    .as_str()
                    .expect("targets are strings")
                    .to_owned(),
            )
        };
        for key in ["input", "output", "member"] {
            if let Some(target) = shape.get(key) {
                push(target);
            }
        }
        for error in shape
            .get("errors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            push(error);
        }
        for member in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
        {
            push(member);
        }
    }
    seen
}

fn load(text: &str) -> Map<String, Value> {
    let mut model: Value = serde_json::from_str(text).expect("models are JSON");
    assert_eq!(model["smithy"], "2.0");
    strip_docs(&mut model);
    model["shapes"]
        .as_object()
        .expect("shapes is an object")
        .clone()
}

#[test]
fn the_model_agrees_with_the_official_model_apart_from_documentation() {
    let ours = load(&chime_tests::read("model/chime.json"));
    let official = load(&chime_tests::official_chime_model());

    let reached = closure(&official, OPERATION);
    let mut expected: BTreeSet<String> = reached.clone();
    expected.insert(SERVICE.to_owned());
    let present: BTreeSet<String> = ours.keys().cloned().collect();
    assert_eq!(
        present, expected,
        "model/ must hold exactly the service and the shapes CreateAppInstance reaches"
    );

    for id in &reached {
        assert_eq!(
            ours[id], official[id],
            "shape {id} differs from the official model"
        );
    }

    let mut our_service = ours[SERVICE].clone();
    let mut official_service = official[SERVICE].clone();
    assert_eq!(
        our_service["operations"],
        serde_json::json!([{ "target": OPERATION }])
    );
    assert!(
        official_service["operations"]
            .as_array()
            .expect("a list")
            .contains(&serde_json::json!({ "target": OPERATION }))
    );
    for service in [&mut our_service, &mut official_service] {
        service
            .as_object_mut()
            .expect("an object")
            .remove("operations");
    }
    assert_eq!(
        our_service, official_service,
        "the service shape differs beyond its operation list"
    );
}

#[test]
fn the_model_has_its_own_documentation() {
    let ours: Value = serde_json::from_str(&chime_tests::read("model/chime.json")).expect("JSON");
    let official: Value = serde_json::from_str(&chime_tests::official_chime_model()).expect("JSON");
    let doc = |model: &Value, id: &str| {
        model["shapes"][id]["traits"]["smithy.api#documentation"]
            .as_str()
            .map(str::to_owned)
    };
    for id in [
        OPERATION,
        "com.amazonaws.chime#Tag",
        "com.amazonaws.chime#BadRequestException",
        SERVICE,
    ] {
        let ours = doc(&ours, id).unwrap_or_else(|| panic!("{id} has no documentation in model/"));
        assert_ne!(
            Some(ours),
            doc(&official, id),
            "{id}: the documentation must be written in our own words"
        );
    }
}
