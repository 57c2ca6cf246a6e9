//! The generator on random models: whatever a model file holds, generation
//! ends with the crates or with an error naming what it refuses, never a
//! panic or a hang.
//!
//! The models are built from the pieces real ones use (structures, lists,
//! maps, unions, enums, operations, resources, HTTP bindings and
//! constraints), wired at random: members target any shape, names collide
//! across namespaces and with what the generator writes, resources nest
//! and loop, and trait values are of the right and of the wrong type.

use proptest::prelude::*;
use serde_json::{Value as Json, json};
use smithy_lean_codegen::{Options, generate};

/// Names that collide with each other and with what generated code has.
const NAMES: &[&str] = &[
    "Thing",
    "thing",
    "THING",
    "Result",
    "Rule",
    "Default",
    "Type",
    "Self_",
    "DoThingInput",
    "DoThingOutput",
    "BuildError",
    "Partition",
    "Unknown",
    "Client",
    "Config",
    "ErrorKind",
];

const PRELUDE: &[&str] = &[
    "smithy.api#String",
    "smithy.api#Integer",
    "smithy.api#Long",
    "smithy.api#Float",
    "smithy.api#Boolean",
    "smithy.api#Blob",
    "smithy.api#Timestamp",
    "smithy.api#Document",
    "smithy.api#BigDecimal",
    "smithy.api#Unit",
];

/// A trait a member or shape may carry, with a value of the right type
/// or not.
fn member_trait() -> impl Strategy<Value = (String, Json)> {
    prop_oneof![
        Just(("smithy.api#required".to_owned(), json!({}))),
        Just(("smithy.api#httpLabel".to_owned(), json!({}))),
        "[a-z-]{0,6}".prop_map(|q| ("smithy.api#httpQuery".to_owned(), json!(q))),
        "[A-Za-z-]{0,6}".prop_map(|h| ("smithy.api#httpHeader".to_owned(), json!(h))),
        Just(("smithy.api#httpPayload".to_owned(), json!({}))),
        Just(("smithy.api#httpQueryParams".to_owned(), json!({}))),
        "[a-z-]{0,4}".prop_map(|p| ("smithy.api#httpPrefixHeaders".to_owned(), json!(p))),
        Just(("smithy.api#httpResponseCode".to_owned(), json!({}))),
        Just(("smithy.api#idempotencyToken".to_owned(), json!({}))),
        Just(("smithy.api#hostLabel".to_owned(), json!({}))),
        "[a-zA-Z]{0,5}".prop_map(|n| ("smithy.api#jsonName".to_owned(), json!(n))),
        (any::<i64>(), any::<i64>())
            .prop_map(|(a, b)| ("smithy.api#length".to_owned(), json!({"min": a, "max": b}))),
        (-5.0f64..5.0).prop_map(|a| ("smithy.api#range".to_owned(), json!({"min": a}))),
        "[\\[\\](){}a-z\\\\^$.*+?|-]{0,8}"
            .prop_map(|p| ("smithy.api#pattern".to_owned(), json!(p))),
        prop_oneof![
            Just(json!(0)),
            Just(json!("x")),
            Just(json!([])),
            Just(json!({}))
        ]
        .prop_map(|d| ("smithy.api#default".to_owned(), d)),
        Just(("smithy.api#sparse".to_owned(), json!({}))),
        Just(("smithy.api#uniqueItems".to_owned(), json!({}))),
        Just(("smithy.api#streaming".to_owned(), json!({}))),
        Just(("smithy.api#sensitive".to_owned(), json!({}))),
        Just((
            "smithy.api#timestampFormat".to_owned(),
            json!("epoch-seconds")
        )),
        Just(("smithy.api#mediaType".to_owned(), json!("text/plain"))),
        Just(("example.custom#mine".to_owned(), json!({"any": [1, 2]}))),
        Just(("smithy.api#clientOptional".to_owned(), json!({}))),
    ]
}

/// A structure's members, each targeting one of `targets`.
fn shape_members(targets: Vec<String>) -> impl Strategy<Value = Json> {
    let member = (any::<usize>(), prop::collection::vec(member_trait(), 0..2)).prop_map(
        move |(target, traits)| {
            let traits: serde_json::Map<String, Json> = traits.into_iter().collect();
            json!({"target": targets[target % targets.len()], "traits": traits})
        },
    );
    prop::collection::btree_map("[A-Za-z][A-Za-z0-9_]{0,6}", member, 0..5)
        .prop_map(|members| json!(members))
}

/// One shape of a random kind, whose members target `targets`.
fn shape(targets: Vec<String>) -> impl Strategy<Value = Json> {
    let pick = move |index: usize| targets[index % targets.len()].clone();
    let member = {
        let pick = pick.clone();
        (any::<usize>(), prop::collection::vec(member_trait(), 0..3))
            .prop_map(move |(target, traits)| {
                let traits: serde_json::Map<String, Json> = traits.into_iter().collect();
                json!({"target": pick(target), "traits": traits})
            })
            .boxed()
    };
    let members =
        prop::collection::btree_map("[A-Za-z][A-Za-z0-9_]{0,6}", member.clone(), 0..5).boxed();
    prop_oneof![
        4 => members.clone().prop_map(|members| json!({"type": "structure", "members": members})),
        1 => members.clone().prop_map(
            |members| json!({"type": "structure", "members": members, "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}})
        ),
        1 => members.prop_map(|members| json!({"type": "union", "members": members})),
        1 => member.clone().prop_map(|member| json!({"type": "list", "member": member})),
        1 => (member.clone(), member)
            .prop_map(|(key, value)| json!({"type": "map", "key": key, "value": value})),
        1 => prop::collection::btree_set("[A-Z]{1,4}", 0..3).prop_map(|values| {
            let members: serde_json::Map<String, Json> = values
                .into_iter()
                .map(|v| (v, json!({"target": "smithy.api#Unit"})))
                .collect();
            json!({"type": "enum", "members": members})
        }),
        1 => Just(json!({"type": "string", "traits": {"smithy.api#enum": [{"value": "a"}, {"value": "a"}]}})),
        1 => Just(json!({"type": "integer"})),
    ]
}

/// A whole model: a service, a few operations and resources, and shapes.
fn model() -> impl Strategy<Value = String> {
    (1usize..8)
        .prop_flat_map(|count| {
            let ids: Vec<String> = (0..count)
                .map(|i| {
                    let namespace = if i % 3 == 2 { "other.ns" } else { "ex" };
                    format!("{namespace}#{}", NAMES[i % NAMES.len()])
                })
                .collect();
            let targets: Vec<String> = ids
                .iter()
                .cloned()
                .chain(PRELUDE.iter().map(|p| (*p).to_owned()))
                .chain(["ex#Missing".to_owned()])
                .collect();
            let shapes = prop::collection::vec(shape(targets.clone()), count);
            let operations = prop::collection::vec(
                (
                    any::<usize>(),
                    any::<usize>(),
                    shape_members(targets.clone()),
                    shape_members(targets.clone()),
                    prop_oneof![
                        16 => Just("/things"),
                        1 => Just("/things/{Id}"),
                        1 => Just("/{Thing+}/x?y=z"),
                        1 => Just("//"),
                        1 => Just("things")
                    ],
                    prop_oneof![Just("GET"), Just("POST"), Just("PUT")],
                ),
                1..4,
            );
            let resources = prop::collection::vec((any::<usize>(), 0u8..8), 0..3);
            (Just(ids), Just(targets), shapes, operations, resources)
        })
        .prop_map(|(ids, targets, shapes, operations, resources)| {
            let mut model = serde_json::Map::new();
            for (id, shape) in ids.iter().zip(shapes) {
                model.insert(id.clone(), shape);
            }
            let mut operation_targets = Vec::new();
            model.insert(
                "ex#Oops".to_owned(),
                json!({"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#error": "server"}}),
            );
            for (index, (input, output, input_members, output_members, uri, method)) in
                operations.into_iter().enumerate()
            {
                let id = format!("ex#Op{index}");
                // Mostly a structure of the operation's own; now and then
                // any shape, a prelude one, or one that is not there.
                let mut io = |role: &str, pick: usize, members: Json| {
                    if pick.is_multiple_of(5) {
                        return targets[pick % targets.len()].clone();
                    }
                    let own = format!("ex#Op{index}{role}");
                    model.insert(own.clone(), json!({"type": "structure", "members": members}));
                    own
                };
                let input = io("Input", input, input_members);
                let output = io("Output", output, output_members);
                let errors = if index % 4 == 3 { &ids[0] } else { "ex#Oops" };
                model.insert(
                    id.clone(),
                    json!({
                        "type": "operation",
                        "input": {"target": input},
                        "output": {"target": output},
                        "errors": [{"target": errors}],
                        "traits": {"smithy.api#http": {"method": method, "uri": uri, "code": 200}}
                    }),
                );
                operation_targets.push(json!({"target": id}));
            }
            // Each resource of the service has a child, which binds an
            // operation and may have a child of its own.
            let mut service_resources = Vec::new();
            for (index, (operation, nested)) in resources.iter().enumerate() {
                let id = format!("ex#Res{index}");
                let child = format!("ex#Child{index}");
                model.insert(
                    id.clone(),
                    json!({
                        "type": "resource",
                        "read": operation_targets[operation % operation_targets.len()],
                        "resources": [{"target": child}]
                    }),
                );
                // Now and then a loop, else a resource of its own or none.
                let grandchild = match nested {
                    0 => vec![json!({"target": format!("ex#Child{index}")})],
                    1 => {
                        let grand = format!("ex#Grand{index}");
                        model.insert(grand.clone(), json!({"type": "resource", "list": operation_targets[0]}));
                        vec![json!({"target": grand})]
                    }
                    _ => Vec::new(),
                };
                model.insert(
                    child,
                    json!({
                        "type": "resource",
                        "operations": [operation_targets[(operation + 1) % operation_targets.len()]],
                        "resources": grandchild
                    }),
                );
                service_resources.push(json!({"target": id}));
            }
            model.insert(
                "ex#Svc".to_owned(),
                json!({
                    "type": "service", "version": "1",
                    "operations": operation_targets,
                    "resources": service_resources,
                    "traits": {
                        "aws.api#service": {"sdkId": "Random"},
                        "aws.auth#sigv4": {"name": "random"},
                        "aws.protocols#restJson1": {}
                    }
                }),
            );
            json!({"smithy": "2.0", "shapes": model}).to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn any_model_generates_or_is_refused_with_a_message(model in model()) {
        match generate(&model, &Options::default()) {
            Ok(generated) => prop_assert!(!generated.files.is_empty()),
            Err(error) => prop_assert!(!error.message().is_empty()),
        }
    }
}
