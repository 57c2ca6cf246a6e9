//! Serde types that mirror the Smithy 2.0 JSON AST.
//!
//! Nothing is interpreted here: traits stay raw JSON values until lowering
//! gives them types. Members keep their declaration order because it decides
//! the order of fields, builder methods and JSON keys in generated code.

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole model file.
#[derive(Debug, Deserialize)]
pub struct Model {
    /// The IDL version, `"2.0"` (or `"1.0"`) in practice.
    pub smithy: String,
    /// Shapes keyed by absolute shape id, sorted so that every walk is deterministic.
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// Traits of a shape or member, keyed by absolute trait shape id.
pub type Traits = IndexMap<String, serde_json::Value>;

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Target {
    /// The absolute id of the referenced shape.
    pub target: String,
}

/// A member of an aggregate shape.
#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    /// The absolute id of the member's target shape.
    pub target: String,
    /// The member's own traits.
    #[serde(default)]
    pub traits: Traits,
}

/// Any shape. Fields that a given shape type does not use stay empty.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Shape {
    /// `structure`, `string`, `operation`, `service`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Members of structures, unions and enums, in declaration order.
    #[serde(default)]
    pub members: IndexMap<String, Member>,
    /// The member of a list.
    pub member: Option<Member>,
    /// The key of a map.
    pub key: Option<Member>,
    /// The value of a map.
    pub value: Option<Member>,
    /// An operation's input structure.
    pub input: Option<Target>,
    /// An operation's output structure.
    pub output: Option<Target>,
    /// An operation's (or service's) error structures.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// A service's or resource's operations.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// A service's or resource's resources.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// A resource's lifecycle operation that creates an instance, its
    /// identifier chosen by the service.
    pub create: Option<Target>,
    /// A resource's lifecycle operation that creates or replaces an
    /// instance at an identifier the caller chose.
    pub put: Option<Target>,
    /// A resource's lifecycle operation that reads an instance.
    pub read: Option<Target>,
    /// A resource's lifecycle operation that updates an instance.
    pub update: Option<Target>,
    /// A resource's lifecycle operation that deletes an instance.
    pub delete: Option<Target>,
    /// A resource's lifecycle operation that lists instances.
    pub list: Option<Target>,
    /// A resource's operations on its collection.
    #[serde(default, rename = "collectionOperations")]
    pub collection_operations: Vec<Target>,
    /// A service's version string.
    pub version: Option<String>,
    /// A service's names for shapes whose own names collide with another's
    /// in its closure: shape id to the name the service gives it.
    #[serde(default)]
    pub rename: IndexMap<String, String>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

impl Shape {
    /// A resource's lifecycle operations that are set, in the order the
    /// specification lists them.
    pub fn lifecycle_operations(&self) -> impl Iterator<Item = &Target> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
    }
}

impl Model {
    /// Parses a model from its JSON text.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        // Mixins are flattened first (`crate::mixins`), and a 1.0 model is
        // given its 2.0 meaning (`crate::upgrade`); a 2.0 model that names
        // no mixin is read straight into the types, as most are.
        if !text.contains("\"mixins\"") {
            let model: Self = serde_json::from_str(text)?;
            if !crate::upgrade::is_v1(&model.smithy) {
                return Ok(model);
            }
        }
        let mut model: serde_json::Value = serde_json::from_str(text)?;
        crate::mixins::flatten_mixins(&mut model);
        let v1 = model.as_object().is_some_and(crate::upgrade::is_v1_model);
        if let (true, Some(serde_json::Value::Object(shapes))) = (v1, model.get_mut("shapes")) {
            let ids: Vec<String> = shapes.keys().cloned().collect();
            crate::upgrade::upgrade_v1_shapes(shapes, &ids);
        }
        serde_json::from_value(model)
    }
}

#[cfg(test)]
mod tests {
    use super::Model;

    #[test]
    fn a_1_0_json_model_is_read_with_its_1_0_meaning() {
        let members = r#""members": {"n": {"target": "smithy.api#PrimitiveInteger"}}"#;
        let text = |version: &str| {
            format!(
                r#"{{"smithy": "{version}", "shapes": {{"a#T": {{"type": "structure", {members}}}}}}}"#
            )
        };
        let v1 = Model::from_json(&text("1.0")).unwrap();
        assert_eq!(
            v1.shapes["a#T"].members["n"].traits["smithy.api#default"],
            0
        );
        let v2 = Model::from_json(&text("2.0")).unwrap();
        assert!(v2.shapes["a#T"].members["n"].traits.is_empty());
    }
}
