//! What Smithy's loader refuses when it puts a model together, after its
//! files are read and before any validator runs, checked on the JSON AST
//! of one IDL file ([`crate::idl::read`]) or of several
//! ([`crate::assemble::assemble`]):
//!
//! - every shape id a shape names resolves to a shape of the model, of the
//!   prelude or of the trait library ([`crate::library`]);
//! - every trait applied is a trait the model, the prelude or the library
//!   defines, and its value is one the trait's shape takes
//!   ([`crate::trait_values`]);
//! - each shape a shape names is of the kind that place takes (a member
//!   targets data, an operation's errors are `@error` structures, ...);
//! - an `apply` reaches a shape or member the model has (a member a mixin
//!   brings included);
//! - a mixin is a shape marked `@mixin` of the mixing shape's type, mixins
//!   do not cycle, members two mixins bring agree on their target as must
//!   a member a shape writes again, a mixin is named only as a mixin, and
//!   a resource mixin defines no properties;
//! - no two members of a shape, nor two shapes of the model, have names
//!   that differ only in case.
//!
//! An error names the [`Site`] at fault; the caller knows where it is
//! written.

use crate::idl;
use crate::library;
use crate::trait_values::TraitValues;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;

const MIXIN: &str = "smithy.api#mixin";

/// The shape, member or trait application an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Site {
    Shape(String),
    /// `Shape$member`.
    Member(String),
    /// A trait (`id`) applied to a shape or member (`on`).
    Trait {
        on: String,
        id: String,
    },
}

/// Why the model cannot be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LoadError {
    pub(crate) site: Site,
    pub(crate) message: String,
}

/// Checks the shapes of a model (the JSON AST's `shapes`) as Smithy's
/// loader does.
pub(crate) fn check(shapes: &Map<String, Value>) -> Result<(), LoadError> {
    let model = Model { shapes };
    model.applied_traits_reach_something()?;
    model.references_resolve()?;
    model.references_fit()?;
    model.traits_resolve()?;
    model.trait_values_fit()?;
    model.mixins_are_sound()?;
    model.names_differ_beyond_case()?;
    Ok(())
}

struct Model<'a> {
    shapes: &'a Map<String, Value>,
}

/// A shape of the JSON AST that defines something (not an `apply` entry).
fn is_definition(shape: &Value) -> bool {
    shape.get("type").and_then(Value::as_str) != Some("apply")
}

fn kind(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("")
}

fn has_trait(shape: &Value, id: &str) -> bool {
    shape
        .get("traits")
        .and_then(|traits| traits.get(id))
        .is_some()
}

/// A shape's members, by name, with their definitions: a structure's,
/// union's or enum's `members`, a list's `member`, a map's `key` and `value`.
fn members(shape: &Value) -> Vec<(&str, &Value)> {
    if let Some(Value::Object(members)) = shape.get("members") {
        return members.iter().map(|(name, m)| (name.as_str(), m)).collect();
    }
    if matches!(kind(shape), "list" | "set" | "map") {
        return ["member", "key", "value"]
            .into_iter()
            .filter_map(|name| Some((name, shape.get(name)?)))
            .collect();
    }
    Vec::new()
}

fn target(member: &Value) -> Option<&str> {
    member.get("target")?.as_str()
}

fn mixins_of(shape: &Value) -> impl Iterator<Item = &str> {
    shape
        .get("mixins")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(target)
}

/// The most mixins one shape's mixins are followed through, directly or
/// not: more than any model has, and a bound on how deep a walk of them
/// goes, so that a hostile chain cannot exhaust the stack.
const MIXIN_SHAPES: usize = 64;

impl<'a> Model<'a> {
    /// The model's definition of `id`.
    fn shape(&self, id: &str) -> Option<&'a Value> {
        self.shapes.get(id).filter(|shape| is_definition(shape))
    }

    /// Whether `id` names a shape of the model, the prelude (a public one)
    /// or the library.
    fn is_defined(&self, id: &str) -> bool {
        self.shape(id).is_some()
            || match id.strip_prefix("smithy.api#") {
                Some(name) => idl::prelude_defines(name),
                None => library::shape_type(id).is_some(),
            }
    }

    /// Whether `id` names a trait of the model, the prelude or the library.
    fn is_trait(&self, id: &str) -> bool {
        match self.shape(id) {
            Some(shape) => has_trait(shape, "smithy.api#trait"),
            None => self.is_defined(id) && library::is_trait(id),
        }
    }

    /// Every member `id` has through its mixins, in order (a mixin's own
    /// mixins' before its own), each with the mixin it comes from. A mixin
    /// reached again, by a second path or a cycle, is not walked again.
    fn inherited_members(&self, id: &str) -> Vec<(String, &'a Value, String)> {
        fn walk<'a>(
            model: &Model<'a>,
            id: &str,
            seen: &mut HashSet<String>,
            found: &mut Vec<(String, &'a Value, String)>,
        ) {
            let Some(shape) = model.shape(id) else {
                return;
            };
            for mixin in mixins_of(shape) {
                if seen.len() > MIXIN_SHAPES || !seen.insert(mixin.to_owned()) {
                    continue;
                }
                walk(model, mixin, seen, found);
                if let Some(mixin_shape) = model.shape(mixin) {
                    for (name, member) in members(mixin_shape) {
                        found.push((name.to_owned(), member, mixin.to_owned()));
                    }
                }
            }
        }
        let mut seen = HashSet::from([id.to_owned()]);
        let mut found = Vec::new();
        walk(self, id, &mut seen, &mut found);
        found
    }

    /// An `apply` entry must reach a shape or a member the model has; in
    /// one file's model, a member its shape has through a mixin.
    fn applied_traits_reach_something(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes {
            if is_definition(shape) || self.is_defined(id) {
                continue;
            }
            if let Some((root, member)) = id.split_once('$')
                && inherits_member(self.shapes, root, member)
            {
                continue;
            }
            let trait_id = shape
                .get("traits")
                .and_then(Value::as_object)
                .and_then(|traits| traits.keys().next())
                .cloned()
                .unwrap_or_default();
            return Err(LoadError {
                message: format!("Trait `{trait_id}` applied to unknown shape `{id}`"),
                site: Site::Trait {
                    on: id.clone(),
                    id: trait_id,
                },
            });
        }
        Ok(())
    }

    fn references_resolve(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            if let Some(missing) = references(id, shape).find(|r| !self.is_defined(&r.target)) {
                let why = if missing.target.contains('$') {
                    "a member: shapes name shapes, not members"
                } else {
                    "which is defined nowhere: not in the model, the prelude or the trait library"
                };
                return Err(LoadError {
                    site: missing.site(),
                    message: format!("{missing}, {why}"),
                });
            }
        }
        Ok(())
    }

    /// The type of the defined shape `id`, and whether it is an error
    /// structure.
    fn kind_of(&self, id: &str) -> Option<(&'a str, bool)> {
        if let Some(shape) = self.shape(id) {
            return Some((kind(shape), has_trait(shape, "smithy.api#error")));
        }
        if !self.is_defined(id) {
            return None;
        }
        library::shape_type(id).map(|kind| (kind, library::is_error(id)))
    }

    /// Each shape a shape names is of a kind that place takes: a member
    /// targets neither a trait nor an operation, resource or service; an
    /// operation takes and gives structures and lists error structures; a
    /// service or resource binds operations and resources; a resource's
    /// identifiers are strings.
    fn references_fit(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            for reference in references(id, shape) {
                let Some((found, is_error)) = self.kind_of(&reference.target) else {
                    continue;
                };
                let is_data = !matches!(found, "operation" | "resource" | "service")
                    && !self.is_trait(&reference.target);
                // Mixins are checked with the mixins.
                let wanted = match &reference.how {
                    How::Targets | How::InList("properties") if !is_data => {
                        "a simple or aggregate shape that is not a trait"
                    }
                    How::As("input" | "output") if found != "structure" => "a structure",
                    How::InList("errors") if found != "structure" || !is_error => {
                        "a structure marked `@error`"
                    }
                    How::InList("operations" | "collectionOperations")
                    | How::As("create" | "put" | "read" | "update" | "delete" | "list")
                        if found != "operation" =>
                    {
                        "an operation"
                    }
                    How::InList("resources") if found != "resource" => "a resource",
                    How::InList("identifiers") if !matches!(found, "string" | "enum") => {
                        "a string shape"
                    }
                    _ => continue,
                };
                return Err(LoadError {
                    site: reference.site(),
                    message: format!(
                        "{reference}, a shape of type `{found}`, where it must name {wanted}"
                    ),
                });
            }
        }
        Ok(())
    }

    fn traits_resolve(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes {
            let on_members = members(shape)
                .into_iter()
                .map(|(name, member)| (format!("{id}${name}"), member));
            for (on, holder) in std::iter::once((id.clone(), shape)).chain(on_members) {
                let traits = holder.get("traits").and_then(Value::as_object);
                for trait_id in traits.into_iter().flat_map(Map::keys) {
                    let message = if !self.is_defined(trait_id) {
                        format!(
                            "Unable to resolve trait `{trait_id}`. If this is a custom trait, then it must be defined before it can be used in a model"
                        )
                    } else if !self.is_trait(trait_id) {
                        format!(
                            "`{trait_id}` is applied as a trait, but its shape is not marked `@trait`"
                        )
                    } else {
                        continue;
                    };
                    return Err(LoadError {
                        message,
                        site: Site::Trait {
                            on,
                            id: trait_id.clone(),
                        },
                    });
                }
            }
        }
        Ok(())
    }

    /// Each trait's value is one the trait's shape takes.
    fn trait_values_fit(&self) -> Result<(), LoadError> {
        let shape_of = |id: &str| self.shape(id).or_else(|| library::shape(id));
        let values = TraitValues {
            shape_of: &shape_of,
        };
        for (id, shape) in self.shapes {
            let on_members = members(shape)
                .into_iter()
                .map(|(name, member)| (format!("{id}${name}"), member));
            for (on, holder) in std::iter::once((id.clone(), shape)).chain(on_members) {
                let traits = holder.get("traits").and_then(Value::as_object);
                for (trait_id, value) in traits.into_iter().flatten() {
                    if let Err(why) = values.fits(value, trait_id) {
                        return Err(LoadError {
                            message: format!("Error creating trait `{trait_id}`: {why}"),
                            site: Site::Trait {
                                on,
                                id: trait_id.clone(),
                            },
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn mixins_are_sound(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            let refuse = |message: String| {
                Err(LoadError {
                    site: Site::Shape(id.clone()),
                    message,
                })
            };
            for mixin in mixins_of(shape) {
                let Some(mixin_shape) = self.shape(mixin) else {
                    // The prelude and the library have no mixins.
                    return refuse(format!(
                        "`{id}` mixes in `{mixin}`, which is not a mixin: a mixin is marked `@mixin`"
                    ));
                };
                if !has_trait(mixin_shape, MIXIN) {
                    return refuse(format!(
                        "`{id}` mixes in `{mixin}`, which is not a mixin: a mixin is marked `@mixin`"
                    ));
                }
                if kind(mixin_shape) != kind(shape) {
                    return refuse(format!(
                        "Mixins may only be mixed into shapes of the same type: `{id}` is a {} shape and its mixin `{mixin}` a {} shape",
                        kind(shape),
                        kind(mixin_shape)
                    ));
                }
            }
            if let Some(cycle) = self.mixin_cycle(id) {
                return refuse(format!(
                    "Mixins MUST NOT form a cycle, and `{id}`'s do: {}",
                    cycle.join(" -> ")
                ));
            }
            if has_trait(shape, MIXIN) && kind(shape) == "resource" {
                const PROPERTIES: [&str; 11] = [
                    "identifiers",
                    "properties",
                    "create",
                    "put",
                    "read",
                    "update",
                    "delete",
                    "list",
                    "operations",
                    "collectionOperations",
                    "resources",
                ];
                if let Some(property) = PROPERTIES.iter().find(|p| shape.get(**p).is_some()) {
                    return refuse(format!(
                        "Resource shapes with the mixin trait may not define any properties, and the resource mixin `{id}` defines `{property}`"
                    ));
                }
            }
            self.inherited_members_agree(id, shape)?;
        }
        // A mixin is never a target, an input, an output or an error.
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            for reference in references(id, shape) {
                if matches!(reference.how, How::InList("mixins")) {
                    continue;
                }
                if self
                    .shape(&reference.target)
                    .is_some_and(|target| has_trait(target, MIXIN))
                {
                    return Err(LoadError {
                        site: reference.site(),
                        message: format!(
                            "{reference}, a mixin: a mixin may only be mixed into other shapes"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// The mixins of `id` that lead back to it, if they do. A mixin found
    /// not to lead back is not walked again.
    fn mixin_cycle(&self, id: &str) -> Option<Vec<String>> {
        fn walk(
            model: &Model<'_>,
            at: &str,
            path: &mut Vec<String>,
            cleared: &mut HashSet<String>,
        ) -> bool {
            let Some(shape) = model.shape(at) else {
                return false;
            };
            for mixin in mixins_of(shape) {
                if mixin == path[0] {
                    path.push(mixin.to_owned());
                    return true;
                }
                if path.len() > MIXIN_SHAPES || cleared.contains(mixin) {
                    continue;
                }
                path.push(mixin.to_owned());
                if walk(model, mixin, path, cleared) {
                    return true;
                }
                path.pop();
                cleared.insert(mixin.to_owned());
            }
            false
        }
        let mut path = vec![id.to_owned()];
        walk(self, id, &mut path, &mut HashSet::new()).then_some(path)
    }

    /// Members two mixins bring under one name must target one shape, and
    /// a member the shape writes itself must target what its mixin's does.
    fn inherited_members_agree(&self, id: &str, shape: &Value) -> Result<(), LoadError> {
        let mut seen: HashMap<String, (&Value, String)> = HashMap::new();
        for (name, member, mixin) in self.inherited_members(id) {
            match seen.get(&name) {
                Some((earlier, earlier_mixin)) if target(earlier) != target(member) => {
                    return Err(LoadError {
                        site: Site::Shape(id.to_owned()),
                        message: format!(
                            "Member conflicts with an inherited mixin member: `{mixin}${name}` targets `{}` and `{earlier_mixin}${name}` targets `{}`",
                            target(member).unwrap_or(""),
                            target(earlier).unwrap_or("")
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(name, (member, mixin));
                }
            }
        }
        for (name, member) in members(shape) {
            if let Some((inherited, mixin)) = seen.get(name)
                && target(inherited) != target(member)
            {
                return Err(LoadError {
                    site: Site::Member(format!("{id}${name}")),
                    message: format!(
                        "{id}${name}: Member conflicts with an inherited mixin member: `{mixin}${name}`"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Member names of one shape (its mixins' included), and the shape ids
    /// of the model, must differ other than in case.
    fn names_differ_beyond_case(&self) -> Result<(), LoadError> {
        let mut ids: HashMap<String, &str> = HashMap::new();
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            if let Some(other) = ids.insert(id.to_lowercase(), id) {
                return Err(LoadError {
                    site: Site::Shape(id.clone()),
                    message: format!(
                        "Shape id `{id}` conflicts with `{other}`: shape ids of a model must differ other than in case"
                    ),
                });
            }
            let mut names: HashMap<String, String> = HashMap::new();
            let inherited = self.inherited_members(id).into_iter().map(|(n, _, _)| n);
            let own = members(shape).into_iter().map(|(name, _)| name.to_owned());
            for name in inherited.chain(own) {
                match names.get(&name.to_lowercase()) {
                    Some(other) if *other != name => {
                        return Err(LoadError {
                            site: Site::Member(format!("{id}${name}")),
                            message: format!(
                                "Member `{name}` of `{id}` conflicts with member `{other}`: member names of a shape must differ other than in case"
                            ),
                        });
                    }
                    _ => {
                        names.insert(name.to_lowercase(), name);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The target of the elided member `member` of `shape_id` (`$member`):
/// the identifier or property of that name of the bound `resource`, else
/// the member of that name its mixins have (their mixins' too).
pub(crate) fn elided_target(
    shapes: &Map<String, Value>,
    shape_id: &str,
    member: &str,
    resource: Option<&str>,
) -> Option<String> {
    let from_resource = resource.and_then(|resource| {
        let resource = shapes.get(resource)?;
        ["identifiers", "properties"]
            .iter()
            .find_map(|key| target(resource.get(key)?.get(member)?))
    });
    if let Some(found) = from_resource {
        return Some(found.to_owned());
    }
    let model = Model { shapes };
    model
        .inherited_members(shape_id)
        .into_iter()
        .find_map(|(name, inherited, _)| (name == member).then(|| target(inherited))?)
        .map(str::to_owned)
}

/// Whether `shape_id` has the member `member` through its mixins.
pub(crate) fn inherits_member(shapes: &Map<String, Value>, shape_id: &str, member: &str) -> bool {
    Model { shapes }
        .inherited_members(shape_id)
        .iter()
        .any(|(name, _, _)| name == member)
}

/// Why an elided member has no target.
pub(crate) fn elision_refusal(shape_id: &str, member: &str) -> String {
    format!(
        "{shape_id}${member}: Member target was elided, but no bound resource or mixin contained a matching identifier or member name"
    )
}

/// One shape id a shape names, and how it names it.
pub(crate) struct Reference<'a> {
    /// The shape (or `Shape$member`) that names it.
    pub(crate) from: String,
    /// How: `targets`, or the property (`errors`, `input`, ...) that lists it.
    how: How<'a>,
    pub(crate) target: String,
}

enum How<'a> {
    Targets,
    InList(&'a str),
    As(&'a str),
}

impl Reference<'_> {
    fn site(&self) -> Site {
        if self.from.contains('$') {
            Site::Member(self.from.clone())
        } else {
            Site::Shape(self.from.clone())
        }
    }
}

impl fmt::Display for Reference<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Reference { from, how, target } = self;
        match how {
            How::Targets => write!(f, "`{from}` targets `{target}`"),
            How::InList(property) => write!(f, "`{from}` names `{target}` in its {property}"),
            How::As(property) => write!(f, "`{from}` names `{target}` as its {property}"),
        }
    }
}

/// Every shape id a shape of the JSON AST names: its mixins, its members'
/// targets, an operation's input, output and errors, a service's and a
/// resource's operations, resources and lifecycle operations, a
/// resource's identifiers and properties.
pub(crate) fn references<'a>(id: &'a str, shape: &'a Value) -> impl Iterator<Item = Reference<'a>> {
    let from = move |how, target| Reference {
        from: id.to_owned(),
        how,
        target,
    };
    let member_targets = members(shape)
        .into_iter()
        .filter_map(move |(name, member)| {
            Some(Reference {
                from: format!("{id}${name}"),
                how: How::Targets,
                target: target(member)?.to_owned(),
            })
        });
    let lists = [
        "mixins",
        "errors",
        "operations",
        "collectionOperations",
        "resources",
    ]
    .into_iter()
    .filter_map(|key| Some((key, shape.get(key)?.as_array()?)))
    .flat_map(move |(key, items)| {
        items
            .iter()
            .filter_map(move |item| Some(from(How::InList(key), target(item)?.to_owned())))
    });
    let maps = ["identifiers", "properties"]
        .into_iter()
        .filter_map(|key| Some((key, shape.get(key)?.as_object()?)))
        .flat_map(move |(key, items)| {
            items
                .values()
                .filter_map(move |item| Some(from(How::InList(key), target(item)?.to_owned())))
        });
    let single = [
        "input", "output", "create", "put", "read", "update", "delete", "list",
    ]
    .into_iter()
    .filter_map(move |key| Some(from(How::As(key), target(shape.get(key)?)?.to_owned())));
    member_targets.chain(lists).chain(maps).chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shapes(model: Value) -> Map<String, Value> {
        model.as_object().cloned().unwrap()
    }

    /// Mixins that share mixins (a diamond, each level mixing in both
    /// shapes of the level below) are walked once each: a walk of every
    /// path would take 2^40 steps here.
    #[test]
    fn a_lattice_of_mixins_is_checked_without_walking_every_path() {
        let mut model = Map::new();
        let mixin = |mixins: Vec<String>| {
            let mixins: Vec<Value> = mixins.into_iter().map(|m| json!({"target": m})).collect();
            json!({"type": "structure", "mixins": mixins, "members": {},
                "traits": {"smithy.api#mixin": {}}})
        };
        model.insert(
            "ex#A0".to_owned(),
            json!({"type": "structure", "members": {"id": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#mixin": {}}}),
        );
        model.insert("ex#B0".to_owned(), mixin(vec!["ex#A0".to_owned()]));
        for level in 1..40 {
            let below = vec![format!("ex#A{}", level - 1), format!("ex#B{}", level - 1)];
            model.insert(format!("ex#A{level}"), mixin(below.clone()));
            model.insert(format!("ex#B{level}"), mixin(below));
        }
        model.insert(
            "ex#Top".to_owned(),
            json!({"type": "structure", "mixins": [{"target": "ex#A39"}], "members": {}}),
        );
        model.insert(
            "ex#Top$id".to_owned(),
            json!({"type": "apply", "traits": {"smithy.api#required": {}}}),
        );
        // A trait whose shape has the lattice for mixins, and a value for it.
        model.insert(
            "ex#tagged".to_owned(),
            json!({"type": "structure", "mixins": [{"target": "ex#A39"}], "members": {},
                "traits": {"smithy.api#trait": {}}}),
        );
        model.insert(
            "ex#Labelled".to_owned(),
            json!({"type": "string", "traits": {"ex#tagged": {"id": "x"}}}),
        );
        assert_eq!(check(&model), Ok(()));
        assert_eq!(
            elided_target(&model, "ex#Top", "id", None).as_deref(),
            Some("smithy.api#String")
        );
    }

    /// Mixins that mix each other in are refused, whatever check meets
    /// them first, and no walk of them goes on forever.
    #[test]
    fn cyclic_mixins_are_refused_and_every_walk_of_them_ends() {
        let cyclic = shapes(json!({
            "ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "members": {},
                "traits": {"smithy.api#mixin": {}}},
            "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}], "members": {},
                "traits": {"smithy.api#mixin": {}}},
            "ex#A$missing": {"type": "apply", "traits": {"smithy.api#required": {}}},
        }));
        let error = check(&cyclic).unwrap_err();
        assert!(
            error.message.contains("applied to unknown shape"),
            "{error:?}"
        );
        assert!(!inherits_member(&cyclic, "ex#A", "missing"));
        assert_eq!(elided_target(&cyclic, "ex#A", "missing", None), None);
        let mut without_apply = cyclic.clone();
        without_apply.remove("ex#A$missing");
        let error = check(&without_apply).unwrap_err();
        assert!(error.message.contains("MUST NOT form a cycle"), "{error:?}");
    }
}
