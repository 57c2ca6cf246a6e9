//! The JSON AST written as an IDL 2.0 file, laid out as `smithy format`
//! lays one out: control statement, metadata, namespace, `use` imports,
//! then each shape with its documentation as `///` comments, its traits,
//! and its members in order; `apply` statements for traits a file adds to
//! shapes it does not define.
//!
//! What it writes reads back as the same model: every string is quoted (an
//! unquoted one would be read as a shape id and resolved), and a shape id
//! is written relative only where reading it resolves it to the same shape.

use super::prelude;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// How wide a node value may be laid out on one line.
const LINE_WIDTH: usize = 100;

/// Writes a model (one namespace, apart from the prelude and the `use`d
/// shapes it refers to) as IDL; an error says why it cannot be one file.
pub fn write(model: &Value) -> Result<String, String> {
    let empty = Map::new();
    let shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut namespaces: Vec<&str> = shapes
        .keys()
        .filter_map(|id| id.split_once('#').map(|(namespace, _)| namespace))
        .collect();
    namespaces.sort_unstable();
    namespaces.dedup();
    let namespace = match namespaces.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => {
            return Err(format!(
                "an IDL file has one namespace, and this model has {}: {}",
                many.len(),
                many.join(", ")
            ));
        }
    };
    let local: HashSet<&str> = shapes
        .keys()
        .filter_map(|id| id.split_once('#').map(|(_, name)| name))
        .collect();
    let mut writer = Writer {
        namespace: namespace.unwrap_or(""),
        local,
        imports: BTreeMap::new(),
        text: String::new(),
    };
    writer.plan_imports(shapes);
    let mut body = String::new();
    for (id, shape) in shapes {
        std::mem::swap(&mut writer.text, &mut body);
        writer.text.push('\n');
        writer.shape(id, shape)?;
        std::mem::swap(&mut writer.text, &mut body);
    }
    let mut text = String::from("$version: \"2.0\"\n");
    if let Some(Value::Object(metadata)) = model.get("metadata") {
        text.push('\n');
        for (key, value) in metadata {
            let _ = writeln!(
                text,
                "metadata {} = {}",
                key_text(key),
                writer.node(value, 0)
            );
        }
    }
    if let Some(namespace) = namespace {
        let _ = writeln!(text, "\nnamespace {namespace}");
    }
    if !writer.imports.is_empty() {
        text.push('\n');
        for id in writer.imports.values() {
            let _ = writeln!(text, "use {id}");
        }
    }
    text.push_str(&body);
    Ok(text)
}

struct Writer<'a> {
    namespace: &'a str,
    /// The names of the file's own shapes.
    local: HashSet<&'a str>,
    /// `use` imports: name to absolute id.
    imports: BTreeMap<String, String>,
    text: String,
}

impl Writer<'_> {
    /// Imports the shapes of other namespaces the model refers to (traits
    /// and targets), where the name is not the file's own, not the
    /// prelude's and not another import's.
    fn plan_imports(&mut self, shapes: &Map<String, Value>) {
        let mut seen: BTreeMap<String, HashSet<String>> = BTreeMap::new();
        let mut note = |id: &str| {
            if let Some((namespace, name)) = id.split_once('#')
                && namespace != self.namespace
                && namespace != prelude::NAMESPACE
                && !name.contains('$')
            {
                seen.entry(name.to_owned())
                    .or_default()
                    .insert(id.to_owned());
            }
        };
        fn walk_targets(value: &Value, note: &mut dyn FnMut(&str)) {
            match value {
                Value::Object(map) => {
                    for (key, value) in map {
                        match (key.as_str(), value) {
                            ("target", Value::String(id)) => note(id),
                            // Trait ids are imported; their values are
                            // written with every string quoted.
                            ("traits", Value::Object(traits)) => {
                                traits.keys().for_each(|id| note(id))
                            }
                            _ => walk_targets(value, note),
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| walk_targets(item, note)),
                _ => {}
            }
        }
        for shape in shapes.values() {
            walk_targets(shape, &mut note);
        }
        for (name, ids) in seen {
            if ids.len() == 1 && !self.local.contains(name.as_str()) && !prelude::defines(&name) {
                let id = ids.into_iter().next().expect("one id");
                self.imports.insert(name, id);
            }
        }
    }

    /// A shape id as the file can write it: by name where reading the
    /// name resolves to this id, else absolute.
    fn id(&self, id: &str) -> String {
        let (shape, member) = match id.split_once('$') {
            Some((shape, member)) => (shape, Some(member)),
            None => (id, None),
        };
        let written = match shape.split_once('#') {
            Some((namespace, name)) => {
                let resolves = if self.imports.get(name).is_some_and(|import| import == shape) {
                    true
                } else if self.imports.contains_key(name) {
                    false
                } else if namespace == self.namespace {
                    true
                } else {
                    namespace == prelude::NAMESPACE
                        && !self.local.contains(name)
                        && prelude::defines(name)
                };
                if resolves {
                    name.to_owned()
                } else {
                    shape.to_owned()
                }
            }
            None => shape.to_owned(),
        };
        match member {
            Some(member) => format!("{written}${member}"),
            None => written,
        }
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.text.push_str("    ");
        }
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// Documentation as `///` lines, then the other traits, one a line.
    fn traits(&mut self, traits: Option<&Value>, indent: usize, skip: &[&str]) {
        let Some(Value::Object(traits)) = traits else {
            return;
        };
        if let Some(Value::String(docs)) = traits.get("smithy.api#documentation") {
            for line in docs.split('\n') {
                let comment = if line.is_empty() {
                    "///".to_owned()
                } else {
                    format!("/// {line}")
                };
                self.line(indent, &comment);
            }
        }
        for (id, value) in traits {
            let documentation = id == "smithy.api#documentation" && value.is_string();
            if documentation || skip.contains(&id.as_str()) {
                continue;
            }
            let text = self.trait_text(id, value, indent);
            self.line(indent, &text);
        }
    }

    fn trait_text(&self, id: &str, value: &Value, indent: usize) -> String {
        let name = self.id(id);
        match value {
            Value::Object(map) if map.is_empty() => format!("@{name}"),
            // An object's members are the trait's body: `@http(method: ...)`.
            Value::Object(map) => {
                let inline = self.inline_entries(map);
                if inline.len() + indent * 4 + name.len() + 3 <= LINE_WIDTH
                    && !inline.contains('\n')
                {
                    return format!("@{name}({inline})");
                }
                let mut text = format!("@{name}(\n");
                for (key, value) in map {
                    let _ = writeln!(
                        text,
                        "{}{}: {}",
                        "    ".repeat(indent + 1),
                        key_text(key),
                        self.node(value, indent + 1)
                    );
                }
                let _ = write!(text, "{})", "    ".repeat(indent));
                text
            }
            value => format!("@{name}({})", self.node(value, indent)),
        }
    }

    fn inline_entries(&self, map: &Map<String, Value>) -> String {
        map.iter()
            .map(|(key, value)| format!("{}: {}", key_text(key), self.node(value, 0)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A node value, on one line where it fits, else laid out over lines
    /// indented from `indent`.
    fn node(&self, value: &Value, indent: usize) -> String {
        let inline = inline_node(value);
        if inline.len() + indent * 4 <= LINE_WIDTH {
            return inline;
        }
        let pad = "    ".repeat(indent + 1);
        let close = "    ".repeat(indent);
        match value {
            Value::Array(items) => {
                let mut text = String::from("[\n");
                for item in items {
                    let _ = writeln!(text, "{pad}{}", self.node(item, indent + 1));
                }
                let _ = write!(text, "{close}]");
                text
            }
            Value::Object(map) => {
                let mut text = String::from("{\n");
                for (key, value) in map {
                    let _ = writeln!(
                        text,
                        "{pad}{}: {}",
                        key_text(key),
                        self.node(value, indent + 1)
                    );
                }
                let _ = write!(text, "{close}}}");
                text
            }
            _ => inline,
        }
    }

    fn shape(&mut self, id: &str, shape: &Value) -> Result<(), String> {
        let kind = shape.get("type").and_then(Value::as_str).unwrap_or("");
        let name = id.split_once('#').map_or(id, |(_, name)| name);
        if kind == "apply" {
            let target = self.id(id);
            self.text.push_str(&format!("apply {target} {{\n"));
            self.traits(shape.get("traits"), 1, &[]);
            self.text.push_str("}\n");
            return Ok(());
        }
        // IDL 2.0 has no set shape: Smithy 2.0 models a set as a list with
        // `@uniqueItems`, a different JSON AST, so a set is not written as one.
        if kind == "set" {
            return Err(format!(
                "`{id}` is a set shape, which IDL 2.0 does not have: make it a list with @uniqueItems"
            ));
        }
        let is_enum = matches!(kind, "enum" | "intEnum");
        self.traits(shape.get("traits"), 0, &[]);
        let mixins = match shape.get("mixins") {
            Some(Value::Array(mixins)) if !mixins.is_empty() => {
                let ids: Vec<String> = mixins
                    .iter()
                    .filter_map(|m| m.get("target")?.as_str())
                    .map(|m| self.id(m))
                    .collect();
                format!(" with [{}]", ids.join(", "))
            }
            _ => String::new(),
        };
        match kind {
            "list" | "map" => {
                self.line(0, &format!("{kind} {name}{mixins} {{"));
                for member in ["member", "key", "value"] {
                    if let Some(value) = shape.get(member) {
                        self.member(member, value, false, false);
                    }
                }
                self.line(0, "}");
            }
            "structure" | "union" | "enum" | "intEnum" => {
                let members = shape.get("members").and_then(Value::as_object);
                if members.is_none_or(Map::is_empty) {
                    self.line(0, &format!("{kind} {name}{mixins} {{}}"));
                    return Ok(());
                }
                self.line(0, &format!("{kind} {name}{mixins} {{"));
                for (index, (member, value)) in members.into_iter().flatten().enumerate() {
                    if index > 0 && is_enum {
                        self.text.push('\n');
                    }
                    self.member(member, value, is_enum, kind == "intEnum");
                }
                self.line(0, "}");
            }
            "service" | "resource" | "operation" => {
                let body: Vec<(String, String)> = shape
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(key, _)| !matches!(key.as_str(), "type" | "traits" | "mixins"))
                    .map(|(key, value)| (key.clone(), self.entity_value(value)))
                    .collect();
                if body.is_empty() {
                    self.line(0, &format!("{kind} {name}{mixins} {{}}"));
                    return Ok(());
                }
                self.line(0, &format!("{kind} {name}{mixins} {{"));
                for (key, value) in body {
                    self.line(1, &format!("{key}: {value}"));
                }
                self.line(0, "}");
            }
            simple if !simple.is_empty() => self.line(0, &format!("{simple} {name}{mixins}")),
            _ => return Err(format!("`{id}` has no type")),
        }
        Ok(())
    }

    fn member(&mut self, name: &str, member: &Value, is_enum: bool, is_int: bool) {
        let traits = member.get("traits");
        let enum_value = traits.and_then(|t| t.get("smithy.api#enumValue"));
        let default = traits.and_then(|t| t.get("smithy.api#default"));
        self.traits(traits, 1, &["smithy.api#enumValue", "smithy.api#default"]);
        let mut text = if is_enum {
            name.to_owned()
        } else {
            let target = member
                .get("target")
                .and_then(Value::as_str)
                .unwrap_or("smithy.api#Unit");
            format!("{name}: {}", self.id(target))
        };
        // An enum member's value is its name unless it says otherwise.
        let assigned = match enum_value {
            Some(Value::String(value)) if !is_int && value == name => None,
            Some(value) => Some(value),
            None => default,
        };
        if let Some(value) = assigned {
            let _ = write!(text, " = {}", self.node(value, 1));
        }
        self.line(1, &text);
    }

    /// A service's, resource's or operation's property: targets as shape
    /// ids, lists and maps of them, other values as nodes.
    fn entity_value(&self, value: &Value) -> String {
        match value {
            Value::Object(map)
                if map.len() == 1 && map.get("target").is_some_and(Value::is_string) =>
            {
                self.id(map["target"].as_str().unwrap_or(""))
            }
            Value::Array(items) if items.iter().all(|item| item.get("target").is_some()) => {
                let ids: Vec<String> = items.iter().map(|item| self.entity_value(item)).collect();
                let inline = format!("[{}]", ids.join(", "));
                if inline.len() + 4 <= LINE_WIDTH {
                    return inline;
                }
                let mut text = String::from("[\n");
                for id in ids {
                    let _ = writeln!(text, "        {id}");
                }
                text.push_str("    ]");
                text
            }
            Value::Object(map)
                if !map.is_empty() && map.values().all(|v| v.get("target").is_some()) =>
            {
                let entries: Vec<String> = map
                    .iter()
                    .map(|(key, value)| format!("{}: {}", key_text(key), self.entity_value(value)))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }
            other => self.node(other, 1),
        }
    }
}

/// A node value on one line: strings quoted, keys as identifiers where
/// they are ones.
fn inline_node(value: &Value) -> String {
    match value {
        Value::String(text) => quoted(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline_node).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(key, value)| format!("{}: {}", key_text(key), inline_node(value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// An object key: bare where it is an identifier, else quoted.
fn key_text(key: &str) -> String {
    let mut chars = key.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .trim_start_matches('_')
            .starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let keyword = matches!(key, "true" | "false" | "null");
    if identifier && !keyword {
        key.to_owned()
    } else {
        quoted(key)
    }
}

/// A string as the IDL quotes it, escaped so that it reads back the same.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::write;
    use crate::idl::conformance::member_orders;
    use crate::idl::read;
    use serde_json::{Value, json};

    /// Members in the same order, as well as equal models.
    fn same_with_member_order(a: &Value, b: &Value) -> bool {
        a == b && member_orders(a) == member_orders(b)
    }

    /// The model written and read back. The writer's models may name
    /// shapes of other files, so the file is read as one file of a model.
    fn round_trip(model: &Value) -> Value {
        let text = write(model).unwrap();
        crate::idl::read_with_notes(&text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
            .0
    }

    #[test]
    fn a_small_model_is_laid_out_as_smithy_format_would_and_reads_back() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Size": {"type": "enum", "members": {
                "SMALL": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "SMALL"}},
                "LARGE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "big"}}
            }},
            "ex#Thing": {"type": "structure", "members": {
                "name": {"target": "smithy.api#String", "traits": {
                    "smithy.api#documentation": "The name.\n\nSecond \"line\".",
                    "smithy.api#required": {},
                    "smithy.api#length": {"min": 1, "max": 10}
                }},
                "size": {"target": "ex#Size", "traits": {"smithy.api#default": "big"}},
                "tags": {"target": "aws.api#Tags"}
            }, "traits": {"smithy.api#documentation": "A thing.", "smithy.api#tags": ["a b"]}},
            "ex#Get": {"type": "operation", "input": {"target": "ex#Thing"}, "output": {"target": "smithy.api#Unit"}, "errors": [{"target": "ex#Thing"}]}
        }});
        let text = write(&model).unwrap();
        assert_eq!(
            text,
            "$version: \"2.0\"\n\nnamespace ex\n\nuse aws.api#Tags\n\nenum Size {\n    SMALL\n\n    LARGE = \"big\"\n}\n\n/// A thing.\n@tags([\"a b\"])\nstructure Thing {\n    /// The name.\n    ///\n    /// Second \"line\".\n    @required\n    @length(min: 1, max: 10)\n    name: String\n    size: Size = \"big\"\n    tags: Tags\n}\n\noperation Get {\n    input: Thing\n    output: Unit\n    errors: [Thing]\n}\n"
        );
        assert!(same_with_member_order(&round_trip(&model), &model));
    }

    #[test]
    fn shapes_of_other_namespaces_in_lists_of_targets_are_imported() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Get": {"type": "operation", "errors": [{"target": "other#Oops"}]},
            "ex#S": {"type": "structure", "mixins": [{"target": "other#Base"}], "members": {}}
        }});
        let text = write(&model).unwrap();
        assert!(text.contains("use other#Base\nuse other#Oops\n"), "{text}");
        assert!(text.contains("errors: [Oops]"), "{text}");
        assert!(text.contains("structure S with [Base]"), "{text}");
        assert_eq!(round_trip(&model), model);
    }

    #[test]
    fn only_names_that_stay_unambiguous_are_imported() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Local": {"type": "string"},
            "ex#S": {"type": "structure", "members": {
                // Another namespace's trait, imported like a target.
                "a": {"target": "ex#Local", "traits": {"other#marker": {}}},
                // Same name as a shape of the file, as the prelude's, and in
                // two other namespaces: none of them can be imported.
                "b": {"target": "other#Local"},
                "c": {"target": "other#String"},
                "d": {"target": "one#Twice"},
                "e": {"target": "two#Twice"}
            }}
        }});
        let text = write(&model).unwrap();
        assert!(text.contains("use other#marker\n"), "{text}");
        assert!(text.contains("@marker\n    a: Local\n"), "{text}");
        assert!(
            text.contains(
                "b: other#Local\n    c: other#String\n    d: one#Twice\n    e: two#Twice\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("use ").count(), 1, "{text}");
        assert_eq!(round_trip(&model), model);
    }

    #[test]
    fn a_name_the_file_defines_is_written_absolute_where_it_means_the_prelude() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#String": {"type": "string"},
            "ex#S": {"type": "structure", "members": {
                "a": {"target": "smithy.api#String"},
                "b": {"target": "ex#String"}
            }}
        }});
        let text = write(&model).unwrap();
        assert!(
            text.contains("a: smithy.api#String\n    b: String\n"),
            "{text}"
        );
        assert_eq!(round_trip(&model), model);
    }

    #[test]
    fn every_valid_conformance_case_reads_back_the_same_after_writing() {
        let mut round_trips = 0;
        for (path, text) in crate::idl::conformance::conformance_files("valid") {
            // What the reader refuses is the reader's tests' concern, and
            // a case of two namespaces cannot be one file.
            let Ok(model) = read(&text) else {
                continue;
            };
            let Ok(written) = write(&model) else {
                continue;
            };
            let mut again =
                read(&written).unwrap_or_else(|e| panic!("{}: {e}\n{written}", path.display()));
            // The writer states version 2.0, which a case may write as "2".
            again["smithy"] = model["smithy"].clone();
            assert!(
                same_with_member_order(&again, &model),
                "{}\n{written}",
                path.display()
            );
            round_trips += 1;
        }
        assert!(
            round_trips >= 45,
            "only {round_trips} cases written and read back"
        );
    }

    /// Both official models: JSON AST -> IDL -> JSON AST is the identity,
    /// and writing the model read back gives the same text.
    #[test]
    fn the_official_models_read_back_the_same_after_writing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/reference");
        for name in [
            "chime-2018-05-01.json",
            "chime-sdk-identity-2021-04-20.json",
        ] {
            let model: Value =
                serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap();
            let text = write(&model).unwrap();
            let again = read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            if !same_with_member_order(&again, &model) {
                let shapes = model["shapes"].as_object().unwrap();
                let differs = shapes
                    .iter()
                    .find(|(id, shape)| again["shapes"].get(id.as_str()) != Some(shape))
                    .map(|(id, shape)| format!("{id}:\n{shape}\n{}", again["shapes"][id.as_str()]));
                panic!(
                    "{name}: {}",
                    differs.unwrap_or_else(|| "member order".to_owned())
                );
            }
            assert_eq!(write(&again).unwrap(), text, "{name}");
        }
    }

    #[test]
    fn a_model_of_two_namespaces_is_refused_naming_them() {
        let model = json!({"shapes": {"a#X": {"type": "string"}, "b#Y": {"type": "string"}}});
        assert_eq!(
            write(&model).unwrap_err(),
            "an IDL file has one namespace, and this model has 2: a, b"
        );
    }
}
