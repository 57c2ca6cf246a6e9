//! Shapes of a Smithy IDL 1.0 model file given the meaning they have in 2.0,
//! as Smithy's model assembler gives it when it loads a 1.0 file.
//!
//! In 1.0, a `boolean` or number shape had a zero value unless it carried
//! `@box`, and so did every member that targeted it; `@box` on a member made
//! that member nullable. 2.0 says the same with `@default`: a 1.0 primitive
//! shape gets `@default(false)` or `@default(0)`, a member that targets a
//! shape with a default repeats it, a boxed member targeting one gets
//! `@default(null)`, and `@box` goes. A member that targets a streaming
//! blob, which 2.0 requires to be `@required` or defaulted, gets
//! `@default("")`. Nothing else in 1.0 means something different in 2.0.

use serde_json::{Map, Value};

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";

/// Whether a model file's `smithy` version is 1.x (`"1"`, `"1.0"`).
pub(crate) fn is_v1(version: &str) -> bool {
    version == "1" || version.starts_with("1.")
}

/// Whether a JSON AST model declares itself 1.x in its `smithy` property.
pub(crate) fn is_v1_model(model: &Map<String, Value>) -> bool {
    model
        .get("smithy")
        .and_then(Value::as_str)
        .is_some_and(is_v1)
}

/// Upgrades the shapes `from_v1` names (those of 1.0 files) in place, in a
/// model whose other shapes, which they may target, are already 2.0.
pub(crate) fn upgrade_v1_shapes(shapes: &mut Map<String, Value>, from_v1: &[String]) {
    for id in from_v1 {
        let Some(Value::Object(shape)) = shapes.get_mut(id) else {
            continue;
        };
        let zero = shape
            .get("type")
            .and_then(Value::as_str)
            .and_then(zero_value);
        let traits = traits_of(shape);
        let boxed = traits.remove(BOX).is_some();
        if let (Some(zero), false) = (zero, boxed) {
            traits.entry(DEFAULT).or_insert(zero);
        }
        if traits.is_empty() {
            shape.remove("traits");
        }
    }
    // Members look at their targets' defaults, which the pass above set.
    for id in from_v1 {
        let Some(Value::Object(shape)) = shapes.get(id) else {
            continue;
        };
        let is_structure = shape.get("type").and_then(Value::as_str) == Some("structure");
        let mut upgraded = Vec::new();
        for (name, member) in members(shape) {
            let Value::Object(member) = member else {
                continue;
            };
            let mut member = member.clone();
            upgrade_member(&mut member, is_structure, shapes);
            upgraded.push((name.to_owned(), member));
        }
        let Some(Value::Object(shape)) = shapes.get_mut(id) else {
            continue;
        };
        for (name, member) in upgraded {
            let slot = match shape.get_mut("members") {
                Some(Value::Object(members)) => members.get_mut(&name),
                _ => shape.get_mut(&name),
            };
            if let Some(slot) = slot {
                *slot = Value::Object(member);
            }
        }
    }
}

/// One member: `@box` goes, and a structure member takes the default 1.0
/// implied. Union, list and map members have no defaults in 2.0.
fn upgrade_member(
    member: &mut Map<String, Value>,
    is_structure: bool,
    shapes: &Map<String, Value>,
) {
    let target = member
        .get("target")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let traits = traits_of(member);
    let boxed = traits.remove(BOX).is_some();
    if is_structure && !traits.contains_key(DEFAULT) {
        let implied = match (target_default(&target, shapes), boxed) {
            (Some(_), true) => Some(Value::Null),
            (Some(zero), false) => Some(zero),
            (None, _)
                if is_streaming_blob(&target, shapes)
                    && !traits.contains_key("smithy.api#required") =>
            {
                Some(Value::String(String::new()))
            }
            (None, _) => None,
        };
        if let Some(value) = implied {
            traits.insert(DEFAULT.to_owned(), value);
        }
    }
    if traits.is_empty() {
        member.remove("traits");
    }
}

/// A shape's or member's traits, created empty when it has none.
fn traits_of(shape: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let traits = shape
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    if !traits.is_object() {
        *traits = Value::Object(Map::new());
    }
    match traits {
        Value::Object(traits) => traits,
        _ => unreachable!("made an object just above"),
    }
}

/// An aggregate's members by name: a structure's or union's `members`, a
/// list's `member`, a map's `key` and `value`.
fn members(shape: &Map<String, Value>) -> Vec<(&str, &Value)> {
    if let Some(Value::Object(members)) = shape.get("members") {
        return members
            .iter()
            .map(|(name, member)| (name.as_str(), member))
            .collect();
    }
    ["member", "key", "value"]
        .into_iter()
        .filter_map(|name| Some((name, shape.get(name)?)))
        .collect()
}

/// The zero value 1.0 gave a shape of this type.
fn zero_value(kind: &str) -> Option<Value> {
    match kind {
        "boolean" => Some(Value::Bool(false)),
        "byte" | "short" | "integer" | "long" | "float" | "double" => Some(Value::from(0)),
        _ => None,
    }
}

/// The default of the shape `id`: its `@default`, or the prelude's for the
/// `Primitive*` shapes, which this model does not hold.
fn target_default(id: &str, shapes: &Map<String, Value>) -> Option<Value> {
    if let Some(shape) = shapes.get(id) {
        return shape
            .get("traits")?
            .get(DEFAULT)
            .filter(|value| !value.is_null())
            .cloned();
    }
    // `PrimitiveInteger` has the zero value of an `integer`.
    zero_value(
        &id.strip_prefix("smithy.api#Primitive")?
            .to_ascii_lowercase(),
    )
}

fn is_streaming_blob(id: &str, shapes: &Map<String, Value>) -> bool {
    shapes.get(id).is_some_and(|shape| {
        shape.get("type").and_then(Value::as_str) == Some("blob")
            && shape
                .get("traits")
                .is_some_and(|traits| traits.get("smithy.api#streaming").is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::{is_v1, upgrade_v1_shapes};
    use serde_json::{Value, json};

    fn upgraded(shapes: Value, from_v1: &[&str]) -> Value {
        let Value::Object(mut shapes) = shapes else {
            panic!("shapes are an object");
        };
        let from_v1: Vec<String> = from_v1.iter().map(|id| (*id).to_owned()).collect();
        upgrade_v1_shapes(&mut shapes, &from_v1);
        Value::Object(shapes)
    }

    #[test]
    fn versions() {
        assert!(is_v1("1") && is_v1("1.0") && is_v1("1.1"));
        assert!(!is_v1("2") && !is_v1("2.0") && !is_v1("10") && !is_v1(""));
    }

    #[test]
    fn primitive_shapes_get_their_zero_value_unless_boxed() {
        let shapes = json!({
            "a#Flag": {"type": "boolean"},
            "a#Count": {"type": "integer", "traits": {"smithy.api#range": {"min": 0}}},
            "a#Ratio": {"type": "double"},
            "a#Maybe": {"type": "long", "traits": {"smithy.api#box": {}}},
            "a#Set": {"type": "short", "traits": {"smithy.api#default": 7}},
            "a#Text": {"type": "string"},
        });
        let from_v1 = ["a#Flag", "a#Count", "a#Ratio", "a#Maybe", "a#Set", "a#Text"];
        assert_eq!(
            upgraded(shapes, &from_v1),
            json!({
                "a#Flag": {"type": "boolean", "traits": {"smithy.api#default": false}},
                "a#Count": {"type": "integer", "traits": {"smithy.api#range": {"min": 0}, "smithy.api#default": 0}},
                "a#Ratio": {"type": "double", "traits": {"smithy.api#default": 0}},
                "a#Maybe": {"type": "long"},
                "a#Set": {"type": "short", "traits": {"smithy.api#default": 7}},
                "a#Text": {"type": "string"},
            })
        );
    }

    #[test]
    fn structure_members_repeat_their_targets_zero_value_and_boxed_ones_opt_out() {
        let shapes = json!({
            "a#Thing": {"type": "structure", "members": {
                "plain": {"target": "smithy.api#PrimitiveInteger"},
                "needed": {"target": "smithy.api#PrimitiveBoolean", "traits": {"smithy.api#required": {}}},
                "boxed": {"target": "smithy.api#PrimitiveLong", "traits": {"smithy.api#box": {}}},
                "nullable": {"target": "smithy.api#Integer"},
                "own": {"target": "a#Count"},
                "ownBoxed": {"target": "a#MaybeCount"},
                "fromV2": {"target": "b#Amount"},
                "given": {"target": "a#Count", "traits": {"smithy.api#default": 3}},
                "body": {"target": "a#Stream"},
                "requiredBody": {"target": "a#Stream", "traits": {"smithy.api#required": {}}},
                "name": {"target": "smithy.api#String"},
            }},
            "a#Count": {"type": "integer"},
            "a#MaybeCount": {"type": "integer", "traits": {"smithy.api#box": {}}},
            "a#Stream": {"type": "blob", "traits": {"smithy.api#streaming": {}}},
            "b#Amount": {"type": "integer"},
        });
        let model = upgraded(shapes, &["a#Thing", "a#Count", "a#MaybeCount", "a#Stream"]);
        let default = |member: &str| {
            model["a#Thing"]["members"][member]["traits"]
                .get("smithy.api#default")
                .cloned()
        };
        assert_eq!(default("plain"), Some(json!(0)));
        assert_eq!(default("needed"), Some(json!(false)));
        assert_eq!(
            model["a#Thing"]["members"]["needed"]["traits"]["smithy.api#required"],
            json!({})
        );
        assert_eq!(
            model["a#Thing"]["members"]["boxed"],
            json!({"target": "smithy.api#PrimitiveLong", "traits": {"smithy.api#default": null}})
        );
        assert_eq!(
            model["a#Thing"]["members"]["nullable"],
            json!({"target": "smithy.api#Integer"})
        );
        assert_eq!(default("own"), Some(json!(0)));
        assert_eq!(
            model["a#Thing"]["members"]["ownBoxed"],
            json!({"target": "a#MaybeCount"})
        );
        // A 2.0 file's integer has no zero value unless it says so.
        assert_eq!(default("fromV2"), None);
        assert_eq!(default("given"), Some(json!(3)));
        assert_eq!(default("body"), Some(json!("")));
        assert_eq!(default("requiredBody"), None);
        assert_eq!(default("name"), None);
        assert_eq!(model["b#Amount"], json!({"type": "integer"}));
    }

    #[test]
    fn union_list_and_map_members_lose_box_and_take_no_default() {
        let shapes = json!({
            "a#Choice": {"type": "union", "members": {
                "count": {"target": "smithy.api#PrimitiveInteger", "traits": {"smithy.api#box": {}}},
                "flag": {"target": "smithy.api#PrimitiveBoolean"},
            }},
            "a#Counts": {"type": "list", "member": {"target": "smithy.api#Integer", "traits": {"smithy.api#box": {}}}},
            "a#ByName": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#PrimitiveInteger", "traits": {"smithy.api#box": {}}}},
        });
        let model = upgraded(shapes, &["a#Choice", "a#Counts", "a#ByName"]);
        assert_eq!(
            model,
            json!({
                "a#Choice": {"type": "union", "members": {
                    "count": {"target": "smithy.api#PrimitiveInteger"},
                    "flag": {"target": "smithy.api#PrimitiveBoolean"},
                }},
                "a#Counts": {"type": "list", "member": {"target": "smithy.api#Integer"}},
                "a#ByName": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#PrimitiveInteger"}},
            })
        );
    }

    #[test]
    fn shapes_of_2_0_files_are_left_as_they_are() {
        let shapes = json!({
            "b#Thing": {"type": "structure", "members": {"n": {"target": "smithy.api#PrimitiveInteger"}}},
            "b#Count": {"type": "integer"},
        });
        assert_eq!(upgraded(shapes.clone(), &[]), shapes);
    }
}
