//! A trait's value against the shape that defines the trait: the value a
//! model gives `@length`, `@http`, `@aws.api#service` or a trait of its own
//! must be one that shape takes, as the specification's table of trait node
//! values says and Smithy's loader refuses otherwise ("Error creating
//! trait").
//!
//! Strings, numbers, booleans, lists, maps, structures and unions are held
//! to their node types; integers to their type's range; enums to their
//! values; structures to their members, the required ones present; unions
//! to one member; lists and maps to `@sparse` for a null; and values to the
//! `@length` and `@range` of their shapes and members. A document takes
//! anything.

use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashSet;

/// How deep a value is followed into its shape: deeper than any trait
/// shape goes, and a bound for a recursive one.
const DEPTH: usize = 64;

/// Checks values against shapes found with `shape_of` (an absolute shape id
/// to the JSON AST of the shape, wherever the model or the library defines
/// it).
pub(crate) struct TraitValues<'a> {
    pub(crate) shape_of: &'a dyn Fn(&str) -> Option<&'a Value>,
    /// Whether a zero is let through a `@range` it falls outside: Smithy
    /// lets a default of 0 through, as converting IDL 1.0 gives one to
    /// every member targeting a primitive number.
    pub(crate) zero_passes_range: bool,
}

/// Where in a trait's value a refusal is: `""` for the value itself, else
/// the keys and indexes that lead to it.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    }
}

fn child(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_owned()
    } else {
        format!("{path}.{segment}")
    }
}

/// The node type of a value, as the specification names them.
fn node_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn trait_of<'v>(shape: &'v Value, id: &str) -> Option<&'v Value> {
    shape.get("traits")?.get(id)
}

/// The bounds of a `@length` or `@range` trait, as numbers.
fn bounds(constraint: &Value) -> (Option<f64>, Option<f64>) {
    let bound = |key: &str| {
        constraint.get(key).and_then(|b| match b {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        })
    };
    (bound("min"), bound("max"))
}

impl TraitValues<'_> {
    /// Whether `value` is one the shape `shape_id` takes.
    pub(crate) fn fits(&self, value: &Value, shape_id: &str) -> Result<(), String> {
        self.shape_fits(value, shape_id, "", 0)
    }

    /// Whether `value` fits as a value of `member` (a member's JSON AST):
    /// the member's own constraints and its target's.
    pub(crate) fn member_value_fits(&self, value: &Value, member: &Value) -> Result<(), String> {
        self.member_fits(value, member, "", 0)
    }

    fn shape_fits(
        &self,
        value: &Value,
        shape_id: &str,
        path: &str,
        depth: usize,
    ) -> Result<(), String> {
        let Some(shape) = (self.shape_of)(shape_id) else {
            // A shape defined nowhere is refused where it is named.
            return Ok(());
        };
        if depth > DEPTH {
            return Ok(());
        }
        let kind = shape.get("type").and_then(Value::as_str).unwrap_or("");
        let wrong = |expected: &str| {
            Err(format!(
                "Expected {expected} value for {kind} shape `{shape_id}`{}; found {} value",
                at(path),
                node_type(value)
            ))
        };
        match (kind, value) {
            ("blob" | "string", Value::String(_)) => {}
            ("blob" | "string", _) => return wrong("string"),
            ("boolean", Value::Bool(_)) => {}
            ("boolean", _) => return wrong("boolean"),
            (
                "byte" | "short" | "integer" | "long" | "bigInteger" | "intEnum",
                Value::Number(n),
            ) => {
                self.integer_fits(n, kind, shape_id, path)?;
            }
            ("bigInteger" | "bigDecimal", Value::String(_)) => {}
            ("float" | "double", Value::String(s))
                if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => {}
            ("float" | "double" | "bigDecimal", Value::Number(_)) => {}
            (
                "byte" | "short" | "integer" | "long" | "bigInteger" | "intEnum" | "float"
                | "double" | "bigDecimal",
                _,
            ) => return wrong("number"),
            ("timestamp", Value::Number(_) | Value::String(_)) => {}
            ("timestamp", _) => return wrong("number or string"),
            ("enum", Value::String(_)) => {}
            ("enum", _) => return wrong("string"),
            ("list" | "set", Value::Array(items)) => {
                let member = shape.get("member");
                for (index, item) in items.iter().enumerate() {
                    let path = child(path, &index.to_string());
                    self.element_fits(item, shape, member, &path, depth)?;
                }
            }
            ("list" | "set", _) => return wrong("array"),
            ("map", Value::Object(entries)) => {
                for (key, item) in entries {
                    let path = child(path, key);
                    if let Some(key_member) = shape.get("key") {
                        self.member_fits(&Value::String(key.clone()), key_member, &path, depth)?;
                    }
                    self.element_fits(item, shape, shape.get("value"), &path, depth)?;
                }
            }
            ("map", _) => return wrong("object"),
            ("structure", Value::Object(entries)) => {
                let members = self.all_members(shape);
                let members = members.as_deref();
                for (key, item) in entries {
                    // A member the structure lacks is let through: Smithy
                    // only warns of one, and AWS models hold some.
                    let Some(member) = members.and_then(|members| members.get(key)) else {
                        continue;
                    };
                    // An optional member may be given as null.
                    if item.is_null() && trait_of(member, "smithy.api#required").is_none() {
                        continue;
                    }
                    self.member_fits(item, member, &child(path, key), depth)?;
                }
                for (name, member) in members.into_iter().flatten() {
                    let defaulted =
                        trait_of(member, "smithy.api#default").is_some_and(|d| !d.is_null());
                    if trait_of(member, "smithy.api#required").is_some()
                        && !defaulted
                        && !entries.contains_key(name)
                    {
                        return Err(format!(
                            "Missing required structure member `{name}` for `{shape_id}`{}",
                            at(path)
                        ));
                    }
                }
            }
            ("union", Value::Object(entries)) => {
                let members = self.all_members(shape);
                let members = members.as_deref();
                if entries.len() != 1 {
                    return Err(format!(
                        "A union value has exactly one member, and `{shape_id}`'s{} has {}",
                        at(path),
                        entries.len()
                    ));
                }
                for (key, item) in entries {
                    let Some(member) = members.and_then(|members| members.get(key)) else {
                        return Err(format!(
                            "Invalid union member `{key}` found for `{shape_id}`{}",
                            at(path)
                        ));
                    };
                    self.member_fits(item, member, &child(path, key), depth)?;
                }
            }
            ("structure" | "union", _) => return wrong("object"),
            // A document takes anything. Operations, resources and services
            // are no trait's shape, nor the target of a member.
            _ => return Ok(()),
        }
        self.values_fit(value, shape, kind, shape_id, path)?;
        // A trait shape's own `@length` is not held against its value:
        // Smithy's own compliance models apply `@httpResponseTests([])`,
        // whose shape is `@length(min: 1)`, and Smithy builds them. The
        // shapes and members inside a value are held to theirs.
        let length = depth > 0;
        self.constraints_fit(value, shape, length, Some(shape_id), path)
    }

    /// A structure's or union's members: its own, lent, when it has no
    /// mixins; else [`TraitValues::members_of`].
    fn all_members<'s>(&self, shape: &'s Value) -> Option<Cow<'s, Map<String, Value>>> {
        if shape.get("mixins").is_some() {
            return Some(Cow::Owned(self.members_of(shape, &mut HashSet::new())));
        }
        shape
            .get("members")
            .and_then(Value::as_object)
            .map(Cow::Borrowed)
    }

    /// A structure's or union's members, its mixins' first, each name once:
    /// a member the shape writes again over its mixin's is the shape's.
    fn members_of(&self, shape: &Value, seen: &mut HashSet<String>) -> Map<String, Value> {
        let mut members = Map::new();
        let mixins = shape.get("mixins").and_then(Value::as_array);
        for mixin in mixins.into_iter().flatten() {
            let Some(mixin) = mixin.get("target").and_then(Value::as_str) else {
                continue;
            };
            // A mixin reached again, by a second path or a cycle, adds
            // nothing new; the walk is bounded as deep as a value is.
            if seen.len() > DEPTH || !seen.insert(mixin.to_owned()) {
                continue;
            }
            if let Some(mixin) = (self.shape_of)(mixin) {
                members.extend(self.members_of(mixin, seen));
            }
        }
        // A member written again keeps the traits its mixin gives it that
        // it does not give again itself.
        for (name, member) in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut member = member.clone();
            let inherited = members.get(name).and_then(|m| m.get("traits")).cloned();
            if let (Some(Value::Object(inherited)), Value::Object(fields)) =
                (inherited, &mut member)
            {
                let traits = fields
                    .entry("traits")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(traits) = traits {
                    for (id, value) in inherited {
                        traits.entry(id).or_insert(value);
                    }
                }
            }
            members.insert(name.clone(), member);
        }
        members
    }

    /// A list's element or a map's value: a null only where the shape is `@sparse`.
    fn element_fits(
        &self,
        item: &Value,
        shape: &Value,
        member: Option<&Value>,
        path: &str,
        depth: usize,
    ) -> Result<(), String> {
        if item.is_null() {
            if trait_of(shape, "smithy.api#sparse").is_some() {
                return Ok(());
            }
            return Err(format!(
                "A null{} in a collection that is not `@sparse`",
                at(path)
            ));
        }
        match member {
            Some(member) => self.member_fits(item, member, path, depth),
            None => Ok(()),
        }
    }

    /// A value against a member: the member's own constraints, then its target.
    fn member_fits(
        &self,
        value: &Value,
        member: &Value,
        path: &str,
        depth: usize,
    ) -> Result<(), String> {
        self.constraints_fit(value, member, true, None, path)?;
        match member.get("target").and_then(Value::as_str) {
            Some(target) => self.shape_fits(value, target, path, depth + 1),
            None => Ok(()),
        }
    }

    /// A value against the `@length` (where `length`) and `@range` of a shape
    /// or member (`holder`: the shape `shape_id`, else a member).
    fn constraints_fit(
        &self,
        value: &Value,
        holder: &Value,
        length: bool,
        shape_id: Option<&str>,
        path: &str,
    ) -> Result<(), String> {
        // Named only when refused: most values fit.
        let what = || shape_id.map_or_else(|| "the member".to_owned(), |id| format!("`{id}`"));
        if let Some(length) = trait_of(holder, "smithy.api#length").filter(|_| length) {
            let size = match value {
                Value::String(text) => Some(text.chars().count()),
                Value::Array(items) => Some(items.len()),
                Value::Object(entries) => Some(entries.len()),
                _ => None,
            };
            if let Some(size) = size {
                let (min, max) = bounds(length);
                let size = size as f64;
                if min.is_some_and(|min| size < min) || max.is_some_and(|max| size > max) {
                    return Err(format!(
                        "{} is {size} long, outside the @length of {}{}",
                        node_type(value),
                        what(),
                        at(path)
                    ));
                }
            }
        }
        if let (Some(range), Value::Number(number)) = (trait_of(holder, "smithy.api#range"), value)
            && let Some(number) = number.as_f64()
        {
            let (min, max) = bounds(range);
            let outside =
                min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max);
            if outside && !(self.zero_passes_range && number == 0.0) {
                return Err(format!(
                    "{number} is outside the @range of {}{}",
                    what(),
                    at(path)
                ));
            }
        }
        Ok(())
    }

    fn integer_fits(
        &self,
        number: &serde_json::Number,
        kind: &str,
        shape_id: &str,
        path: &str,
    ) -> Result<(), String> {
        // With arbitrary precision, a number keeps its text: an integer is
        // one written without a fraction or an exponent.
        let text = number.to_string();
        if text.contains(['.', 'e', 'E']) {
            return Err(format!(
                "{kind} shapes must not have floating point values, but found `{text}` provided for `{shape_id}`{}",
                at(path)
            ));
        }
        let (min, max): (i128, i128) = match kind {
            "byte" => (i8::MIN.into(), i8::MAX.into()),
            "short" => (i16::MIN.into(), i16::MAX.into()),
            "integer" | "intEnum" => (i32::MIN.into(), i32::MAX.into()),
            "long" => (i64::MIN.into(), i64::MAX.into()),
            _ => return Ok(()),
        };
        match text.parse::<i128>() {
            Ok(n) if (min..=max).contains(&n) => Ok(()),
            _ => Err(format!(
                "{kind} value must be within [{min}, {max}], but found {text}{}",
                at(path)
            )),
        }
    }

    /// An enum's or intEnum's value is one of its members' values; an enum
    /// member the JSON AST gives no value has its name for one.
    fn values_fit(
        &self,
        value: &Value,
        shape: &Value,
        kind: &str,
        shape_id: &str,
        path: &str,
    ) -> Result<(), String> {
        // A string with IDL 1.0's `@enum` takes the values it lists.
        if let (Some(Value::Array(definitions)), Value::String(_)) =
            (trait_of(shape, "smithy.api#enum"), value)
        {
            if definitions.iter().any(|d| d.get("value") == Some(value)) {
                return Ok(());
            }
            return Err(format!(
                "{value} is not a value of the @enum of `{shape_id}`{}",
                at(path)
            ));
        }
        if !matches!(kind, "enum" | "intEnum") {
            return Ok(());
        }
        let members = shape.get("members").and_then(Value::as_object);
        let is_value =
            |(name, member): (&String, &Value)| match trait_of(member, "smithy.api#enumValue") {
                Some(own) => own == value,
                None => kind == "enum" && value.as_str() == Some(name.as_str()),
            };
        if members.into_iter().flatten().any(is_value) {
            return Ok(());
        }
        Err(format!(
            "{value} is not a value of {kind} `{shape_id}`{}",
            at(path)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Shapes of every type, as a model's JSON AST holds them.
    fn shapes() -> Map<String, Value> {
        let shapes = json!({
            "ex#Doc": {"type": "document"},
            "ex#Blob": {"type": "blob"},
            "ex#Text": {"type": "string"},
            "ex#Flag": {"type": "boolean"},
            "ex#Byte": {"type": "byte"},
            "ex#Short": {"type": "short"},
            "ex#Int": {"type": "integer"},
            "ex#Long": {"type": "long"},
            "ex#BigInt": {"type": "bigInteger"},
            "ex#BigDec": {"type": "bigDecimal"},
            "ex#Float": {"type": "float"},
            "ex#Double": {"type": "double"},
            "ex#When": {"type": "timestamp"},
            "ex#Suit": {"type": "enum", "members": {
                "CLUB": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "club"}},
                "HEART": {"target": "smithy.api#Unit"}
            }},
            "ex#Level": {"type": "intEnum", "members": {
                "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}
            }},
            "ex#Old": {"type": "string", "traits": {"smithy.api#enum": [{"value": "a"}, {"value": "b"}]}},
            "ex#Texts": {"type": "list", "member": {"target": "ex#Text"}},
            "ex#Sparse": {"type": "list", "member": {"target": "ex#Text"}, "traits": {"smithy.api#sparse": {}}},
            "ex#BySuit": {"type": "map", "key": {"target": "ex#Suit"}, "value": {"target": "ex#Int"}},
            "ex#Short2": {"type": "list", "member": {"target": "ex#Text",
                "traits": {"smithy.api#length": {"max": 2}}}},
            "ex#Bounded": {"type": "structure", "members": {
                "few": {"target": "ex#Texts", "traits": {"smithy.api#length": {"min": 1, "max": 2}}},
                "pairs": {"target": "ex#BySuit", "traits": {"smithy.api#length": {"min": 1}}},
                "name": {"target": "ex#Text", "traits": {"smithy.api#length": {"min": 2}}},
                "count": {"target": "ex#Int", "traits": {"smithy.api#range": {"min": 3}}}
            }},
            "ex#Small": {"type": "integer", "traits": {"smithy.api#range": {"min": "2", "max": 5}}},
            "ex#Long5": {"type": "string", "traits": {"smithy.api#length": {"min": 5}}},
            "ex#Record": {"type": "structure", "members": {
                "name": {"target": "ex#Text", "traits": {"smithy.api#required": {}}},
                "size": {"target": "ex#Int", "traits": {"smithy.api#required": {}, "smithy.api#default": 0}},
                "note": {"target": "ex#Text"}
            }},
            "ex#Either": {"type": "union", "members": {
                "left": {"target": "ex#Text"},
                "right": {"target": "ex#Int"}
            }},
        });
        shapes.as_object().cloned().unwrap()
    }

    fn fits(value: Value, shape: &str) -> Result<(), String> {
        let shapes = shapes();
        let shape_of = |id: &str| shapes.get(id);
        TraitValues {
            shape_of: &shape_of,
            zero_passes_range: false,
        }
        .fits(&value, shape)
    }

    #[test]
    fn each_shape_type_takes_its_node_type_and_no_other() {
        let cases: &[(&str, Value, Value)] = &[
            ("ex#Blob", json!("aGk="), json!(1)),
            ("ex#Text", json!("x"), json!(1)),
            ("ex#Flag", json!(true), json!("true")),
            ("ex#Byte", json!(127), json!("1")),
            ("ex#BigInt", json!("123"), json!(true)),
            ("ex#BigDec", json!("1.5"), json!(true)),
            ("ex#BigDec", json!(1.5), json!([1])),
            ("ex#Float", json!("NaN"), json!("nan")),
            ("ex#Double", json!("-Infinity"), json!(true)),
            ("ex#Double", json!("Infinity"), json!({})),
            ("ex#When", json!(1), json!(true)),
            ("ex#When", json!("1985-04-12T23:20:50.52Z"), json!([])),
            ("ex#Suit", json!("club"), json!(1)),
            ("ex#Texts", json!(["a"]), json!({})),
            ("ex#BySuit", json!({"club": 1}), json!([])),
            ("ex#Record", json!({"name": "n"}), json!([])),
            ("ex#Either", json!({"left": "l"}), json!("left")),
        ];
        for (shape, good, bad) in cases {
            assert_eq!(fits(good.clone(), shape), Ok(()), "{shape} {good}");
            let error = fits(bad.clone(), shape).unwrap_err();
            assert!(error.starts_with("Expected "), "{shape} {bad}: {error}");
        }
        // A document takes anything.
        for value in [json!(null), json!({"a": [1, "b"]}), json!(1.5)] {
            assert_eq!(fits(value, "ex#Doc"), Ok(()));
        }
    }

    #[test]
    fn integers_are_whole_and_within_their_type() {
        for (shape, max) in [
            ("ex#Byte", "127"),
            ("ex#Short", "32767"),
            ("ex#Int", "2147483647"),
            ("ex#Long", "9223372036854775807"),
        ] {
            let max: Value = serde_json::from_str(max).unwrap();
            assert_eq!(fits(max.clone(), shape), Ok(()), "{shape}");
            let over: i128 = max.to_string().parse::<i128>().unwrap() + 1;
            let over: Value = serde_json::from_str(&over.to_string()).unwrap();
            assert!(
                fits(over, shape).unwrap_err().contains("must be within"),
                "{shape}"
            );
            let under: i128 = -max.to_string().parse::<i128>().unwrap() - 2;
            let under: Value = serde_json::from_str(&under.to_string()).unwrap();
            assert!(
                fits(under, shape).unwrap_err().contains("must be within"),
                "{shape}"
            );
        }
        assert!(
            fits(json!(1.5), "ex#Int")
                .unwrap_err()
                .contains("floating point")
        );
        let huge: Value = serde_json::from_str("123456789012345678901234567890").unwrap();
        assert_eq!(fits(huge, "ex#BigInt"), Ok(()));
    }

    #[test]
    fn enums_take_their_values_and_a_valueless_members_name() {
        assert_eq!(fits(json!("HEART"), "ex#Suit"), Ok(()));
        assert!(
            fits(json!("CLUB"), "ex#Suit")
                .unwrap_err()
                .contains("not a value")
        );
        assert_eq!(fits(json!(1), "ex#Level"), Ok(()));
        assert!(
            fits(json!(2), "ex#Level")
                .unwrap_err()
                .contains("not a value")
        );
        assert_eq!(fits(json!("b"), "ex#Old"), Ok(()));
        assert!(fits(json!("c"), "ex#Old").unwrap_err().contains("@enum"));
        // A map's keys are held to its key's shape.
        assert!(fits(json!({"spade": 1}), "ex#BySuit").is_err());
        assert!(fits(json!({"club": "1"}), "ex#BySuit").is_err());
    }

    #[test]
    fn structures_unions_and_collections_hold_their_members() {
        assert!(
            fits(json!({}), "ex#Record")
                .unwrap_err()
                .contains("Missing required")
        );
        // A member the structure lacks is let through, as Smithy only warns.
        assert_eq!(fits(json!({"name": "n", "colour": 1}), "ex#Record"), Ok(()));
        // An optional member may be null; a required one with a default may be left out.
        assert_eq!(
            fits(json!({"name": "n", "note": null}), "ex#Record"),
            Ok(())
        );
        assert!(fits(json!({"name": null}), "ex#Record").is_err());
        assert!(fits(json!({"name": "n", "note": 1}), "ex#Record").is_err());
        assert!(
            fits(json!({}), "ex#Either")
                .unwrap_err()
                .contains("exactly one")
        );
        assert!(fits(json!({"left": "l", "right": 1}), "ex#Either").is_err());
        assert!(
            fits(json!({"up": 1}), "ex#Either")
                .unwrap_err()
                .contains("Invalid union member")
        );
        assert!(fits(json!({"right": "1"}), "ex#Either").is_err());
        assert!(
            fits(json!(["a", null]), "ex#Texts")
                .unwrap_err()
                .contains("@sparse")
        );
        assert_eq!(fits(json!(["a", null]), "ex#Sparse"), Ok(()));
        assert!(fits(json!({"club": null}), "ex#BySuit").is_err());
    }

    #[test]
    fn values_keep_to_length_and_range_but_a_trait_shapes_own_length_is_not_held() {
        assert_eq!(fits(json!(["ab"]), "ex#Short2"), Ok(()));
        let error = fits(json!(["abc"]), "ex#Short2").unwrap_err();
        assert!(
            error.contains("@length") && error.contains("at `0`"),
            "{error}"
        );
        assert_eq!(fits(json!(5), "ex#Small"), Ok(()));
        assert!(fits(json!(6), "ex#Small").unwrap_err().contains("@range"));
        // A bound given as a string is a number too.
        assert!(fits(json!(1), "ex#Small").unwrap_err().contains("@range"));
        assert_eq!(fits(json!("a"), "ex#Long5"), Ok(()));
        // Lists, maps and strings are measured; a bound is inclusive.
        let bounded = |field: &str, value: Value| fits(json!({ field: value }), "ex#Bounded");
        assert_eq!(bounded("few", json!(["a"])), Ok(()));
        assert_eq!(bounded("few", json!(["a", "b"])), Ok(()));
        assert!(bounded("few", json!([])).unwrap_err().contains("@length"));
        assert!(
            bounded("few", json!(["a", "b", "c"]))
                .unwrap_err()
                .contains("@length")
        );
        assert_eq!(bounded("pairs", json!({"club": 1})), Ok(()));
        assert!(bounded("pairs", json!({})).unwrap_err().contains("@length"));
        assert_eq!(bounded("name", json!("ab")), Ok(()));
        assert!(bounded("name", json!("a")).unwrap_err().contains("@length"));
        assert_eq!(bounded("count", json!(3)), Ok(()));
        assert!(bounded("count", json!(2)).unwrap_err().contains("@range"));
    }
}
