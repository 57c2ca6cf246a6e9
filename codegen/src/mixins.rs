//! Mixins flattened into the shapes that use them, as Smithy builds a
//! model: the generator reads shapes whole, so a structure must hold the
//! members and traits its mixins give it.
//!
//! A shape `with [M, N]` gets M's members, then N's (each flattened first),
//! then its own; a member it writes again keeps its place and target and
//! adds its traits to the inherited ones. It also gets its mixins' traits,
//! except `@mixin` itself and the traits a mixin marks `localTraits`, its
//! own traits winning. An `apply` entry on an inherited member (`S$m`)
//! adds to that member's traits, and so to what shapes mixing `S` in get.
//! Mixin shapes and the `apply` entries used are then gone.

use serde_json::{Map, Value};
use std::collections::HashMap;

const MIXIN: &str = "smithy.api#mixin";

/// Flattens every mixin of the model in place; a model without mixins is
/// left as it is.
pub fn flatten_mixins(model: &mut Value) {
    let Some(Value::Object(shapes)) = model.get_mut("shapes") else {
        return;
    };
    if !shapes.values().any(|shape| shape.get("mixins").is_some()) {
        return;
    }
    // Traits that `apply` entries add to inherited members, by shape id and
    // member name.
    let mut applied: HashMap<String, Map<String, Value>> = HashMap::new();
    shapes.retain(|id, shape| {
        let is_apply = shape.get("type").and_then(Value::as_str) == Some("apply");
        if is_apply && id.contains('$') {
            if let Some(Value::Object(traits)) = shape.get("traits") {
                applied.insert(id.clone(), traits.clone());
            }
            return false;
        }
        true
    });
    let mut flattened: HashMap<String, Map<String, Value>> = HashMap::new();
    let ids: Vec<String> = shapes.keys().cloned().collect();
    for id in &ids {
        flatten(id, shapes, &applied, &mut flattened, 0);
    }
    shapes.retain(|_, shape| {
        shape
            .get("traits")
            .and_then(|traits| traits.get(MIXIN))
            .is_none()
    });
    for (id, shape) in shapes.iter_mut() {
        if let Some(done) = flattened.remove(id) {
            *shape = Value::Object(done);
        }
    }
}

/// The shape `id` with its mixins flattened, memoized; a cycle (which a
/// valid model has not) stops at a depth no model needs.
fn flatten(
    id: &str,
    shapes: &Map<String, Value>,
    applied: &HashMap<String, Map<String, Value>>,
    flattened: &mut HashMap<String, Map<String, Value>>,
    depth: usize,
) -> Option<Map<String, Value>> {
    if let Some(done) = flattened.get(id) {
        return Some(done.clone());
    }
    let Some(Value::Object(shape)) = shapes.get(id) else {
        return None;
    };
    let mut shape = shape.clone();
    let mixins = match shape.remove("mixins") {
        Some(Value::Array(mixins)) if depth < 32 => mixins,
        _ => {
            let shape = with_applied(id, shape, applied);
            flattened.insert(id.to_owned(), shape.clone());
            return Some(shape);
        }
    };
    let mut members = Map::new();
    let mut traits = Map::new();
    let mut inherited_properties = Map::new();
    for mixin in mixins.iter().filter_map(|m| m.get("target")?.as_str()) {
        let Some(mixin_shape) = flatten(mixin, shapes, applied, flattened, depth + 1) else {
            continue;
        };
        if let Some(Value::Object(inherited)) = mixin_shape.get("members") {
            for (name, member) in inherited {
                // From two mixins: one member, with the traits of both.
                match (members.get_mut(name), member.get("traits")) {
                    (Some(Value::Object(first)), Some(Value::Object(more))) => {
                        traits_of(first).extend(more.clone());
                    }
                    (Some(_), _) => {}
                    (None, _) => {
                        members.insert(name.clone(), member.clone());
                    }
                }
            }
        }
        // An operation's, service's or resource's properties: lists (errors,
        // operations, resources) are the mixin's then the shape's own; any
        // other property the shape does not set is the mixin's.
        for (key, value) in &mixin_shape {
            if matches!(key.as_str(), "type" | "members" | "traits" | "mixins") {
                continue;
            }
            match (inherited_properties.get_mut(key), value) {
                (Some(Value::Array(items)), Value::Array(more)) => items.extend(more.clone()),
                (Some(_), _) => {}
                (None, value) => {
                    inherited_properties.insert(key.clone(), value.clone());
                }
            }
        }
        let local: Vec<&str> = mixin_shape
            .get("traits")
            .and_then(|t| t.get(MIXIN))
            .and_then(|m| m.get("localTraits"))
            .and_then(Value::as_array)
            .map(|ids| ids.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(Value::Object(inherited)) = mixin_shape.get("traits") {
            for (trait_id, value) in inherited {
                if trait_id != MIXIN && !local.contains(&trait_id.as_str()) {
                    traits.insert(trait_id.clone(), value.clone());
                }
            }
        }
    }
    if let Some(Value::Object(own)) = shape.get("members") {
        for (name, member) in own {
            match members.get_mut(name) {
                // Written again: the inherited member, with more traits.
                Some(Value::Object(inherited)) => {
                    if let Some(Value::Object(more)) = member.get("traits") {
                        traits_of(inherited).extend(more.clone());
                    }
                }
                _ => {
                    members.insert(name.clone(), member.clone());
                }
            }
        }
    }
    if let Some(Value::Object(own)) = shape.get("traits") {
        traits.extend(own.clone());
    }
    for (key, inherited) in inherited_properties {
        match (shape.get_mut(&key), inherited) {
            (Some(Value::Array(own)), Value::Array(mut items)) => {
                items.extend(std::mem::take(own));
                *own = items;
            }
            (Some(_), _) => {}
            (None, inherited) => {
                shape.insert(key, inherited);
            }
        }
    }
    if !members.is_empty() || shape.contains_key("members") {
        shape.insert("members".to_owned(), Value::Object(members));
    }
    if traits.is_empty() {
        shape.remove("traits");
    } else {
        shape.insert("traits".to_owned(), Value::Object(traits));
    }
    let shape = with_applied(id, shape, applied);
    flattened.insert(id.to_owned(), shape.clone());
    Some(shape)
}

/// The traits `apply` entries add to the shape's members.
fn with_applied(
    id: &str,
    mut shape: Map<String, Value>,
    applied: &HashMap<String, Map<String, Value>>,
) -> Map<String, Value> {
    if let Some(Value::Object(members)) = shape.get_mut("members") {
        for (name, member) in members.iter_mut() {
            if let (Some(more), Value::Object(member)) =
                (applied.get(&format!("{id}${name}")), member)
            {
                traits_of(member).extend(more.clone());
            }
        }
    }
    shape
}

/// A member's or shape's traits, made if it has none.
fn traits_of(map: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let slot = map
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut().expect("made an object")
}

#[cfg(test)]
mod tests {
    use super::flatten_mixins;
    use serde_json::json;

    #[test]
    fn members_and_traits_come_from_the_mixins_in_order_and_the_mixins_go() {
        let mut model = json!({"shapes": {
            "ex#A": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#mixin": {"localTraits": ["smithy.api#private"]},
                                "smithy.api#private": {}, "smithy.api#sensitive": {}}},
            "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}],
                     "members": {"b": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#mixin": {}, "smithy.api#documentation": "B"}},
            "ex#B$a": {"type": "apply", "traits": {"smithy.api#required": {}}},
            "ex#C": {"type": "structure", "mixins": [{"target": "ex#B"}],
                     "members": {"c": {"target": "smithy.api#Integer"},
                                 "a": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "again"}}},
                     "traits": {"smithy.api#documentation": "C"}}
        }});
        flatten_mixins(&mut model);
        assert_eq!(
            model,
            json!({"shapes": {"ex#C": {"type": "structure",
                "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#documentation": "again"}},
                    "b": {"target": "smithy.api#String"},
                    "c": {"target": "smithy.api#Integer"}
                },
                "traits": {"smithy.api#sensitive": {}, "smithy.api#documentation": "C"}
            }}})
        );
        let members: Vec<&String> = model["shapes"]["ex#C"]["members"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(members, ["a", "b", "c"]);
    }

    #[test]
    fn the_generator_reads_a_model_with_its_mixins_flattened() {
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#Named": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}},
                         "traits": {"smithy.api#mixin": {}}},
            "ex#Thing": {"type": "structure", "mixins": [{"target": "ex#Named"}],
                         "members": {"size": {"target": "smithy.api#Integer"}}}
        }}"#;
        let model = crate::ast::Model::from_json(text).unwrap();
        assert!(!model.shapes.contains_key("ex#Named"));
        let members: Vec<&String> = model.shapes["ex#Thing"].members.keys().collect();
        assert_eq!(members, ["name", "size"]);
    }

    #[test]
    fn a_shape_without_members_of_its_own_gets_its_mixins_and_an_apply_on_a_shape_stays() {
        let mut model = json!({"shapes": {
            "ex#M": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#mixin": {}}},
            "ex#S": {"type": "structure", "mixins": [{"target": "ex#M"}]},
            "other#T": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
        }});
        flatten_mixins(&mut model);
        assert_eq!(
            model,
            json!({"shapes": {
                "ex#S": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}}},
                "other#T": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
            }})
        );
    }

    #[test]
    fn mixins_that_mix_each_other_in_do_not_recurse_forever() {
        let mut model = json!({"shapes": {
            "ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "members": {},
                     "traits": {"smithy.api#mixin": {}}},
            "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}], "members": {},
                     "traits": {"smithy.api#mixin": {}}},
            "ex#C": {"type": "structure", "mixins": [{"target": "ex#A"}], "members": {}}
        }});
        flatten_mixins(&mut model);
        assert_eq!(model["shapes"]["ex#C"]["members"], json!({}));
    }

    #[test]
    fn a_model_without_mixins_is_left_as_it_is() {
        let model =
            json!({"shapes": {"ex#A": {"type": "string", "traits": {"smithy.api#mixin": {}}}}});
        let mut flattened = model.clone();
        flatten_mixins(&mut flattened);
        assert_eq!(flattened, model);
    }
}
