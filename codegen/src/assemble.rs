//! Several model files, IDL or JSON AST, as one model: what `cargo xtask
//! model --to-json` prints and what `cargo xtask codegen --model` reads
//! when it is given `.smithy` files or a directory.
//!
//! Shapes of all files are put together; a shape defined in two files must
//! be defined the same way in both. An `apply` entry (an `apply` statement
//! of a file that does not define its target) adds its traits to the shape
//! or member another file defines. Metadata keys merge: lists under the
//! same key are concatenated, other values must be equal. The shapes of
//! IDL 1.0 files are given their 2.0 meaning (`crate::upgrade`), so the
//! model is 2.0 throughout. Shapes come out in id order.

use crate::idl::{self, ValuelessTrait};
use crate::loading::Site;
use crate::upgrade;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// A model file to assemble: its name (for errors) and its text.
#[derive(Clone, Copy, Debug)]
pub struct ModelFile<'a> {
    /// The file's name as the user gave it; a name ending in `.json` is
    /// read as the JSON AST, any other as the IDL.
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// Why the files cannot be one model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssembleError {
    /// The file at fault.
    pub file: String,
    /// The line and column, where the error has one.
    pub position: Option<idl::Position>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for AssembleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = Place {
            file: &self.file,
            position: self.position,
        };
        write!(f, "{place}: {}", self.message)
    }
}

impl std::error::Error for AssembleError {}

/// Reads every file and merges them into one JSON AST model, Smithy 2.0.
pub fn assemble(files: &[ModelFile<'_>]) -> Result<Value, AssembleError> {
    let mut shapes = Map::new();
    let mut applied: Vec<ApplyEntry<'_>> = Vec::new();
    // Where each shape and metadata key is first given, for the error when
    // another file gives it differently.
    let mut defined_in: HashMap<String, Place<'_>> = HashMap::new();
    let mut metadata_in: HashMap<String, Place<'_>> = HashMap::new();
    // Where members and traits are written, for the errors of loading.
    let mut member_in: HashMap<String, Place<'_>> = HashMap::new();
    let mut trait_in: HashMap<(String, String), Place<'_>> = HashMap::new();
    let mut metadata = Map::new();
    let mut from_v1 = Vec::new();
    let mut valueless = Vec::new();
    let mut elided: Vec<(&str, idl::ElidedMember)> = Vec::new();
    let mut unquoted: Vec<(&str, idl::UnquotedId)> = Vec::new();
    for file in files {
        let fail = |position, message: String| AssembleError {
            file: file.name.to_owned(),
            position,
            message,
        };
        // A JSON AST does not say where its shapes and metadata are written.
        let mut notes = idl::ReadNotes::default();
        let model = if file.name.ends_with(".json") {
            serde_json::from_str::<Value>(file.text).map_err(|e| {
                let position = idl::Position {
                    line: u32::try_from(e.line()).unwrap_or(u32::MAX),
                    column: u32::try_from(e.column()).unwrap_or(u32::MAX),
                };
                fail(Some(position), format!("not a JSON AST model: {e}"))
            })?
        } else {
            let (model, file_notes) =
                idl::read_with_notes(file.text).map_err(|e| fail(Some(e.position), e.message))?;
            notes = file_notes;
            valueless.append(&mut notes.valueless);
            elided.extend(notes.elided.drain(..).map(|member| (file.name, member)));
            unquoted.extend(notes.unquoted.drain(..).map(|id| (file.name, id)));
            for (id, position) in std::mem::take(&mut notes.members) {
                let position = Some(position);
                member_in.entry(id).or_insert(Place {
                    file: file.name,
                    position,
                });
            }
            for place in std::mem::take(&mut notes.traits) {
                trait_in.entry((place.on, place.trait_id)).or_insert(Place {
                    file: file.name,
                    position: Some(place.position),
                });
            }
            model
        };
        let Value::Object(mut model) = model else {
            return Err(fail(None, "a model is a JSON object".to_owned()));
        };
        let v1 = upgrade::is_v1_model(&model);
        if let Some(Value::Object(file_metadata)) = model.remove("metadata") {
            for (key, value) in file_metadata {
                let here = Place {
                    file: file.name,
                    position: notes.metadata.get(&key).copied(),
                };
                let first = *metadata_in.entry(key.clone()).or_insert(here);
                idl::merge_metadata(&mut metadata, key, value)
                    .map_err(|why| fail(here.position, format!("{why} than in {first}")))?;
            }
        }
        let Some(Value::Object(file_shapes)) = model.remove("shapes") else {
            continue;
        };
        for (id, shape) in file_shapes {
            if shape.get("type").and_then(Value::as_str) == Some("apply") {
                let traits = match shape.get("traits") {
                    Some(Value::Object(traits)) => traits.clone(),
                    _ => Map::new(),
                };
                applied.push(ApplyEntry {
                    file: file.name,
                    position: notes.applied.get(&id).copied(),
                    target: id,
                    traits,
                });
                continue;
            }
            let here = Place {
                file: file.name,
                position: notes.shapes.get(&id).copied(),
            };
            match shapes.get(&id) {
                Some(existing) if *existing != shape => {
                    let first = defined_in[&id];
                    return Err(fail(
                        here.position,
                        format!("`{id}` is defined again, differently than in {first}"),
                    ));
                }
                Some(_) => {}
                None => {
                    if v1 {
                        from_v1.push(id.clone());
                    }
                    defined_in.insert(id.clone(), here);
                    shapes.insert(id, shape);
                }
            }
        }
    }
    // Members whose targets their files elided and could not give: the
    // resource or mixin is another file's.
    for (file, member) in elided {
        let (shape_id, name) = member
            .member
            .split_once('$')
            .unwrap_or((&member.member, ""));
        let Some(target) =
            crate::loading::elided_target(&shapes, shape_id, name, member.resource.as_deref())
        else {
            return Err(AssembleError {
                file: file.to_owned(),
                position: Some(member.position),
                message: crate::loading::elision_refusal(shape_id, name),
            });
        };
        if let Some(Value::Object(slot)) = shape_or_member(&mut shapes, &member.member) {
            // The target first, as the JSON AST writes a member.
            let traits = slot.remove("traits");
            slot.insert("target".to_owned(), Value::String(target));
            if let Some(traits) = traits {
                slot.insert("traits".to_owned(), traits);
            }
        }
    }
    for ApplyEntry {
        file,
        position,
        target: id,
        traits,
    } in applied
    {
        // A member a mixin brings keeps its traits in an `apply` entry until
        // the mixins are flattened, as one file's model keeps it.
        let inherited = id
            .split_once('$')
            .is_some_and(|(shape, member)| crate::loading::inherits_member(&shapes, shape, member));
        let defined = shape_or_member(&mut shapes, &id).is_some();
        let target = if !defined && inherited {
            Some(
                shapes
                    .entry(id.clone())
                    .or_insert_with(|| serde_json::json!({ "type": "apply" })),
            )
        } else {
            shape_or_member(&mut shapes, &id)
        };
        let Some(Value::Object(target)) = target else {
            return Err(AssembleError {
                file: file.to_owned(),
                position,
                message: format!(
                    "`apply` targets `{id}`, which is defined nowhere: not in the model, the prelude or the trait library"
                ),
            });
        };
        if let Value::Object(existing) = target
            .entry("traits")
            .or_insert_with(|| Value::Object(Map::new()))
        {
            idl::merge_traits(existing, &id, traits).map_err(|message| AssembleError {
                file: file.to_owned(),
                position,
                message,
            })?;
        }
    }
    // An enum member whose file could not see its mixins gets its value now.
    crate::loading::name_enum_members(&mut shapes);
    // A trait written without a value is an empty list if its shape is one,
    // which only the whole model tells when another file defines it.
    for ValuelessTrait {
        applied_to,
        trait_id,
    } in valueless
    {
        let is_list = shapes
            .get(&trait_id)
            .and_then(|shape| shape.get("type"))
            .is_some_and(|kind| kind == "list" || kind == "set");
        if let Some(value) = shape_or_member(&mut shapes, &applied_to)
            .and_then(|target| target.get_mut("traits")?.get_mut(&trait_id))
            && is_list
            && value.as_object().is_some_and(Map::is_empty)
        {
            *value = Value::Array(Vec::new());
        }
    }
    // After `apply`, so that a default another file applies is kept, and
    // before the checks, which hold a 1.0 shape to what it means in 2.0.
    upgrade::upgrade_v1_shapes(&mut shapes, &from_v1);
    crate::loading::check(&shapes).map_err(|error| {
        let root = |id: &str| id.split_once('$').map_or(id, |(root, _)| root).to_owned();
        let place = match &error.site {
            Site::Shape(id) => defined_in.get(id).copied(),
            Site::Member(id) => member_in
                .get(id)
                .copied()
                .or_else(|| defined_in.get(&root(id)).copied()),
            Site::Trait { on, id } => trait_in
                .get(&(on.clone(), id.clone()))
                .copied()
                .or_else(|| defined_in.get(&root(on)).copied()),
        };
        AssembleError {
            file: place.map_or_else(
                || files.first().map_or("", |f| f.name).to_owned(),
                |p| p.file.to_owned(),
            ),
            position: place.and_then(|p| p.position),
            message: error.message,
        }
    })?;
    for (file, id) in &unquoted {
        if let Some(message) = id.refusal(&shapes) {
            return Err(AssembleError {
                file: (*file).to_owned(),
                position: Some(id.position),
                message,
            });
        }
    }
    // Smithy's own serializer lists shapes by id, and so does this: the JSON
    // then does not change when an IDL file is reorganised.
    shapes.sort_keys();
    let mut model = Map::new();
    model.insert("smithy".to_owned(), Value::String("2.0".to_owned()));
    if !metadata.is_empty() {
        model.insert("metadata".to_owned(), Value::Object(metadata));
    }
    model.insert("shapes".to_owned(), Value::Object(shapes));
    Ok(Value::Object(model))
}

/// Where something is written: a file, and in an IDL file the line and
/// column.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    position: Option<idl::Position>,
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(position) => write!(f, "{}:{position}", self.file),
            None => f.write_str(self.file),
        }
    }
}

/// An `apply` entry of one file: traits for a shape or member that file
/// does not define.
struct ApplyEntry<'a> {
    file: &'a str,
    /// Where the `apply` statement is written (unknown in a JSON AST).
    position: Option<idl::Position>,
    /// The shape or member (`Shape$member`).
    target: String,
    traits: Map<String, Value>,
}

/// The shape or member (`Shape$member`) with that id, if the model has it;
/// a list's or map's members are properties of the shape.
fn shape_or_member<'a>(shapes: &'a mut Map<String, Value>, id: &str) -> Option<&'a mut Value> {
    let (shape_id, member) = match id.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (id, None),
    };
    let shape = shapes.get_mut(shape_id)?;
    match member {
        None => Some(shape),
        Some(member) if shape.get("members").is_none() => shape.get_mut(member),
        Some(member) => shape.get_mut("members")?.get_mut(member),
    }
}

#[cfg(test)]
mod tests {
    use super::{ModelFile, assemble};
    use serde_json::json;

    fn file<'a>(name: &'a str, text: &'a str) -> ModelFile<'a> {
        ModelFile { name, text }
    }

    #[test]
    fn idl_and_json_files_make_one_model_with_traits_applied_across_files() {
        let idl = "$version: \"2\"\nmetadata tags = [\"x\"]\nnamespace a.b\n\n/// A name.\nstring Name\n\napply c.d#Thing$id @required\n";
        let ast = r#"{"smithy":"2.0","metadata":{"tags":["y"]},"shapes":{"c.d#Thing":{"type":"structure","members":{"id":{"target":"a.b#Name"}}}}}"#;
        let model = assemble(&[file("a.smithy", idl), file("b.json", ast)]).unwrap();
        assert_eq!(
            model,
            json!({
                "smithy": "2.0",
                "metadata": {"tags": ["x", "y"]},
                "shapes": {
                    "a.b#Name": {"type": "string", "traits": {"smithy.api#documentation": "A name."}},
                    "c.d#Thing": {"type": "structure", "members": {"id": {
                        "target": "a.b#Name",
                        "traits": {"smithy.api#required": {}}
                    }}}
                }
            })
        );
    }

    #[test]
    fn apply_reaches_the_members_of_lists_and_maps_in_another_file() {
        let defines = "$version: \"2\"\nnamespace a\nlist L { member: String }\nmap M { key: String, value: String }\n";
        let applies = "$version: \"2\"\nnamespace b\napply a#L$member @sensitive\napply a#M$value @sensitive\n";
        let model = assemble(&[file("d.smithy", defines), file("a.smithy", applies)]).unwrap();
        let sensitive = json!({"smithy.api#sensitive": {}});
        assert_eq!(model["shapes"]["a#L"]["member"]["traits"], sensitive);
        assert_eq!(model["shapes"]["a#M"]["value"]["traits"], sensitive);
        assert_eq!(model["shapes"]["a#M"]["key"].get("traits"), None);
    }

    #[test]
    fn a_list_trait_applied_again_concatenates_and_other_traits_must_agree() {
        // Within one file and across files, in the order the statements are read.
        let defines = "$version: \"2\"\nnamespace a\n@tags([\"one\"])\n@documentation(\"Same.\")\nstring S\napply S @tags([\"two\"])\n";
        let applies = "$version: \"2\"\nnamespace b\napply a#S @tags([\"three\"])\napply a#S @documentation(\"Same.\")\n";
        let model = assemble(&[file("d.smithy", defines), file("a.smithy", applies)]).unwrap();
        assert_eq!(
            model["shapes"]["a#S"]["traits"],
            json!({"smithy.api#tags": ["one", "two", "three"], "smithy.api#documentation": "Same."})
        );
        // Two apply entries of other files add up too.
        let more = "$version: \"2\"\nnamespace c\napply a#S @tags([\"four\"])\n";
        let model = assemble(&[
            file("d.smithy", defines),
            file("a.smithy", applies),
            file("m.smithy", more),
        ])
        .unwrap();
        assert_eq!(
            model["shapes"]["a#S"]["traits"]["smithy.api#tags"],
            json!(["one", "two", "three", "four"])
        );
        // A trait that is not a list may be given again only with the same value.
        let differs = "$version: \"2\"\nnamespace b\n\napply a#S @documentation(\"Other.\")\n";
        let error = assemble(&[file("d.smithy", defines), file("x.smithy", differs)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.smithy:4:7: Conflicting `smithy.api#documentation` trait: given again with another value on `a#S`"
        );
        let in_one_file = "$version: \"2\"\nnamespace a\n@documentation(\"One.\")\nstring S\napply S @documentation(\"Two.\")\n";
        let error = assemble(&[file("one.smithy", in_one_file)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "one.smithy:5:7: Conflicting `smithy.api#documentation` trait: given again with another value on `a#S`"
        );
    }

    #[test]
    fn a_valueless_list_trait_applied_with_a_list_is_that_list() {
        // The file that gives `@names` no value cannot see its list shape,
        // so it reads `{}` there: the empty list it is, not a conflict.
        let defines = "$version: \"2\"\nnamespace a\n@trait\nlist names { member: String }\n";
        let then_list = "$version: \"2\"\nnamespace b\nuse a#names\n@names\nstring S\napply S @names([\"x\"])\n";
        let list_then = "$version: \"2\"\nnamespace b\nuse a#names\n@names([\"x\"])\nstring S\napply S @names\n";
        for text in [then_list, list_then] {
            let model = assemble(&[file("d.smithy", defines), file("u.smithy", text)]).unwrap();
            assert_eq!(
                model["shapes"]["b#S"]["traits"]["a#names"],
                json!(["x"]),
                "{text}"
            );
        }
    }

    #[test]
    fn an_elided_member_takes_its_target_from_another_files_mixin_or_resource() {
        let defines = "$version: \"2\"\nnamespace a\n@mixin\nstructure Base {\n    id: String\n}\nresource City {\n    identifiers: { cityId: String }\n}\n";
        let elides = "$version: \"2\"\nnamespace b\nuse a#Base\nuse a#City\nstructure Thing with [Base] {\n    @required\n    $id\n}\nstructure Summary for City {\n    $cityId\n}\n";
        let model = assemble(&[file("e.smithy", elides), file("d.smithy", defines)]).unwrap();
        assert_eq!(
            model["shapes"]["b#Thing"]["members"]["id"],
            json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}})
        );
        assert_eq!(
            model["shapes"]["b#Summary"]["members"]["cityId"],
            json!({"target": "smithy.api#String"})
        );
        // Without the other file, the target is nowhere.
        let error = assemble(&[file("e.smithy", elides)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "e.smithy:7:6: b#Thing$id: Member target was elided, but no bound resource or mixin contained a matching identifier or member name"
        );
    }

    #[test]
    fn an_enum_member_takes_its_value_from_another_files_mixin() {
        let defines = "$version: \"2\"\nnamespace a\n@mixin\nenum Base {\n    LOW = \"low\"\n}\n@mixin\nintEnum Codes {\n    OK = 200\n}\n";
        let mixes = "$version: \"2\"\nnamespace b\nuse a#Base\nuse a#Codes\nenum Level with [Base] {\n    LOW\n    HIGH\n}\nintEnum Code with [Codes] {\n    OK\n}\n";
        let model = assemble(&[file("m.smithy", mixes), file("d.smithy", defines)]).unwrap();
        assert_eq!(
            model["shapes"]["b#Level"]["members"],
            json!({
                "LOW": {"target": "smithy.api#Unit"},
                "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "HIGH"}},
            })
        );
        assert_eq!(
            model["shapes"]["b#Code"]["members"]["OK"],
            json!({"target": "smithy.api#Unit"})
        );
        // Without the other file, nothing gives the intEnum member a value.
        let alone = "$version: \"2\"\nnamespace b\nintEnum Code {\n    OK\n}\n";
        let error = assemble(&[file("m.smithy", alone)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.smithy:4:5: b#Code$OK: intEnum members require a value (`NAME = 1` or `@enumValue(1)`)"
        );
    }

    #[test]
    fn an_unquoted_shape_id_may_name_another_files_shape_but_must_name_one() {
        let defines = "$version: \"2\"\nnamespace a\nstring Other\n";
        let names = "$version: \"2\"\nnamespace b\nuse a#Other\n@tags([Other])\nstring Thing\n";
        let model = assemble(&[file("n.smithy", names), file("d.smithy", defines)]).unwrap();
        assert_eq!(
            model["shapes"]["b#Thing"]["traits"]["smithy.api#tags"],
            json!(["a#Other"])
        );
        let error = assemble(&[file("n.smithy", names)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "n.smithy:4:8: Syntactic shape ID `Other` does not resolve to a valid shape ID: `a#Other`; a string that names no shape is quoted"
        );
    }

    #[test]
    fn apply_reaches_a_member_that_another_files_mixin_brings() {
        let defines = "$version: \"2\"\nnamespace a\n@mixin\nstructure Base {\n    id: String\n}\n";
        let applies = "$version: \"2\"\nnamespace b\nuse a#Base\nstructure Thing with [Base] {}\napply Thing$id @required\napply Thing$id @documentation(\"Id.\")\n";
        let model = assemble(&[file("d.smithy", defines), file("u.smithy", applies)]).unwrap();
        assert_eq!(
            model["shapes"]["b#Thing$id"],
            json!({"type": "apply", "traits": {"smithy.api#required": {}, "smithy.api#documentation": "Id."}})
        );
        let nothing = "$version: \"2\"\nnamespace b\nuse a#Base\nstructure Thing with [Base] {}\napply Thing$name @required\n";
        let error = assemble(&[file("d.smithy", defines), file("u.smithy", nothing)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "u.smithy:5:7: `apply` targets `b#Thing$name`, which is defined nowhere: not in the model, the prelude or the trait library"
        );
    }

    #[test]
    fn a_reference_to_a_shape_no_file_defines_is_refused_naming_it() {
        let refuse = |text: &str| assemble(&[file("r.smithy", text)]).unwrap_err().to_string();
        let header = "$version: \"2\"\nnamespace a\n";
        assert_eq!(
            refuse(&format!("{header}structure S {{\n    m: Missing\n}}\n")),
            "r.smithy:4:5: `a#S$m` targets `a#Missing`, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        assert_eq!(
            refuse(&format!(
                "{header}operation Op {{\n    errors: [other#Gone]\n}}\n"
            )),
            "r.smithy:3:11: `a#Op` names `other#Gone` in its errors, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        assert_eq!(
            refuse(&format!("{header}list L {{ member: Nope }}\n")),
            "r.smithy:3:10: `a#L$member` targets `a#Nope`, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        assert_eq!(
            refuse(&format!(
                "{header}service Svc {{\n    operations: [Op]\n}}\n"
            )),
            "r.smithy:3:9: `a#Svc` names `a#Op` in its operations, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        assert_eq!(
            refuse(&format!(
                "{header}resource R {{\n    identifiers: {{ id: Id }}\n}}\n"
            )),
            "r.smithy:3:10: `a#R` names `a#Id` in its identifiers, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        assert_eq!(
            refuse(&format!("{header}resource R {{\n    read: Get\n}}\n")),
            "r.smithy:3:10: `a#R` names `a#Get` as its read, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        // Another file may define it, and the prelude defines its own.
        let other = r#"{"smithy":"2.0","shapes":{"a#Missing":{"type":"string"}}}"#;
        let uses =
            format!("{header}structure S {{\n    m: Missing\n    n: String\n    u: Unit\n}}\n");
        assert!(assemble(&[file("r.smithy", &uses), file("o.json", other)]).is_ok());
        // A JSON AST has no positions, so the file alone is named.
        let json =
            r#"{"smithy":"2.0","shapes":{"a#O":{"type":"operation","input":{"target":"a#In"}}}}"#;
        assert_eq!(
            assemble(&[file("m.json", json)]).unwrap_err().to_string(),
            "m.json: `a#O` names `a#In` as its input, which is defined nowhere: not in the model, the prelude or the trait library"
        );
    }

    #[test]
    fn shapes_are_listed_by_id_whatever_order_the_files_define_them_in() {
        let idl = "$version: \"2\"\nnamespace z\nstring B\nstring A\n";
        let ast = r#"{"smithy":"2.0","shapes":{"a#Y":{"type":"string"},"a#X":{"type":"string"}}}"#;
        let model = assemble(&[file("m.smithy", idl), file("n.json", ast)]).unwrap();
        let ids: Vec<&String> = model["shapes"].as_object().unwrap().keys().collect();
        assert_eq!(ids, ["a#X", "a#Y", "z#A", "z#B"]);
    }

    #[test]
    fn shapes_of_1_0_files_mean_in_the_model_what_they_meant_in_1_0() {
        let v1 = "namespace a\nstructure Thing { count: Count, flag: PrimitiveBoolean, @box maybe: Count, total: b#Total }\ninteger Count\n";
        let v2 = "$version: \"2\"\nnamespace b\ninteger Total\nstructure Other {\n    n: a#Count = 0\n}\n";
        let model = assemble(&[file("one.smithy", v1), file("two.smithy", v2)]).unwrap();
        let members = &model["shapes"]["a#Thing"]["members"];
        assert_eq!(members["count"]["traits"], json!({"smithy.api#default": 0}));
        assert_eq!(
            members["flag"]["traits"],
            json!({"smithy.api#default": false})
        );
        assert_eq!(
            members["maybe"]["traits"],
            json!({"smithy.api#default": null})
        );
        assert_eq!(members["total"].get("traits"), None);
        assert_eq!(
            model["shapes"]["a#Count"]["traits"],
            json!({"smithy.api#default": 0})
        );
        // A 2.0 member is left as written, even when its target is a 1.0
        // shape; and, as any 2.0 member whose target has a default, it must
        // give that default or `null`.
        assert_eq!(
            model["shapes"]["b#Other"]["members"]["n"],
            json!({"target": "a#Count", "traits": {"smithy.api#default": 0}})
        );
        assert_eq!(model["smithy"], "2.0");
        let without =
            "$version: \"2\"\nnamespace b\ninteger Total\nstructure Other { n: a#Count }\n";
        let error = assemble(&[file("one.smithy", v1), file("two.smithy", without)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "two.smithy:4:19: Member targets a#Count, which requires that the member defines the same default of `0` or `null`"
        );
    }

    #[test]
    fn a_trait_without_a_value_is_an_empty_list_when_another_file_defines_it_as_one() {
        let definitions = "$version: \"2\"\nnamespace a\n@trait\nlist names { member: String }\n@trait\nstructure marker {}\n";
        let same_namespace = "$version: \"2\"\nnamespace a\n@names @marker\nstructure S {\n    @names\n    m: String\n}\nenum E {\n    @names\n    ONE\n}\napply S$m @marker\n";
        let other_namespace = "$version: \"2\"\nnamespace b\nuse a#names\n@names string T\napply a#S @names\noperation Op {\n    input := @names {}\n}\n";
        let model = assemble(&[
            file("uses.smithy", same_namespace),
            file("other.smithy", other_namespace),
            file("defines.smithy", definitions),
        ])
        .unwrap();
        let shapes = &model["shapes"];
        assert_eq!(
            shapes["a#S"]["traits"],
            json!({"a#names": [], "a#marker": {}})
        );
        assert_eq!(
            shapes["a#S"]["members"]["m"]["traits"],
            json!({"a#names": [], "a#marker": {}})
        );
        assert_eq!(
            shapes["a#E"]["members"]["ONE"]["traits"]["a#names"],
            json!([])
        );
        assert_eq!(shapes["b#T"]["traits"], json!({"a#names": []}));
        assert_eq!(shapes["b#OpInput"]["traits"]["a#names"], json!([]));
        // Without the file that defines it, the trait is defined nowhere.
        let alone = "$version: \"2\"\nnamespace b\nuse a#names\n@names string T\n";
        let error = assemble(&[file("alone.smithy", alone)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "alone.smithy:4:1: Unable to resolve trait `a#names`. If this is a custom trait, then it must be defined before it can be used in a model"
        );
    }

    #[test]
    fn a_refusal_names_the_file_and_where() {
        let error = assemble(&[file("m.smithy", "namespace a\nstring\n")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.smithy:2:7: Expected SPACE but found NEWLINE"
        );
        let error = assemble(&[file("m.json", "{\n  \"shapes\": [,]\n}")]).unwrap_err();
        assert!(error.to_string().starts_with("m.json:2:"), "{error}");
    }

    #[test]
    fn conflicts_between_files_are_refused() {
        let one = "$version: \"2\"\nnamespace a\nstring S\n";
        let other = "$version: \"2\"\nnamespace a\ninteger S\n";
        let error = assemble(&[file("1.smithy", one), file("2.smithy", other)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2.smithy:3:9: `a#S` is defined again, differently than in 1.smithy:3:8"
        );
        // A JSON AST does not say where.
        let json = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"long"}}}"#;
        let error = assemble(&[file("1.json", json), file("2.smithy", other)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2.smithy:3:9: `a#S` is defined again, differently than in 1.json"
        );
        let error = assemble(&[file("2.smithy", other), file("1.json", json)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "1.json: `a#S` is defined again, differently than in 2.smithy:3:9"
        );
        // The same definition twice is one shape.
        assert!(assemble(&[file("1.smithy", one), file("again.smithy", one)]).is_ok());
        let error = assemble(&[file(
            "x.smithy",
            "$version: \"2\"\nnamespace a\napply a#Missing @sensitive\n",
        )])
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.smithy:3:7: `apply` targets `a#Missing`, which is defined nowhere: not in the model, the prelude or the trait library"
        );
        // An operation's inline input is placed where `input` is written.
        let inline = "$version: \"2\"\nnamespace a\noperation Op {\n    input := {}\n}\n";
        let elsewhere = r#"{"smithy":"2.0","shapes":{"a#OpInput":{"type":"string"}}}"#;
        let error = assemble(&[file("e.json", elsewhere), file("op.smithy", inline)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "op.smithy:4:5: `a#OpInput` is defined again, differently than in e.json"
        );
        let meta = |value: &str| format!("$version: \"2\"\nmetadata m = {value}\n");
        let (one, two) = (meta("1"), meta("2"));
        // The same value twice is one value.
        let model = assemble(&[file("1.smithy", &one), file("again.smithy", &one)]).unwrap();
        assert_eq!(model["metadata"], json!({"m": 1}));
        let error = assemble(&[file("1.smithy", &one), file("2.smithy", &two)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2.smithy:2:10: metadata `m` is set again, differently than in 1.smithy:2:10"
        );
    }
}
