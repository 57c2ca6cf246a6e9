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
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

const MIXIN: &str = "smithy.api#mixin";
const ENUM_VALUE: &str = "smithy.api#enumValue";
const DEFAULT: &str = "smithy.api#default";

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
    let model = Model::new(shapes);
    model.prelude_shapes_kept()?;
    model.applied_traits_reach_something()?;
    model.references_resolve_and_fit()?;
    model.traits_resolve_and_fit()?;
    model.mixins_are_sound()?;
    model.enum_values_fit()?;
    model.defaults_fit()?;
    model.names_differ_beyond_case()?;
    Ok(())
}

struct Model<'a> {
    shapes: &'a Map<String, Value>,
    /// What is known of each shape id asked about: a model names the same
    /// shapes and traits many times, and each is looked up once.
    facts: RefCell<foldhash::HashMap<&'a str, Facts<'a>>>,
}

/// What a shape id names.
#[derive(Clone, Copy)]
struct Facts<'a> {
    /// The shape's definition, the model's or the library's.
    shape: Option<&'a Value>,
    /// Whether a model may name it: the model's, a public prelude shape, or
    /// the library's.
    defined: bool,
    is_trait: bool,
    is_error: bool,
    /// Marked `@mixin` (only the model's shapes are).
    is_mixin: bool,
    /// A string shape without an enum or constraints, which any string fits
    /// (`@documentation`, the trait on nearly every shape).
    any_string: bool,
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

/// The value of the trait `id` applied to a shape or member.
fn trait_value<'v>(shape: &'v Value, id: &str) -> Option<&'v Value> {
    shape.get("traits")?.get(id)
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

/// Where a trait is applied: a shape, or one of its members.
#[derive(Clone, Copy)]
struct Holder<'a> {
    shape: &'a str,
    member: Option<&'a str>,
}

impl Holder<'_> {
    /// The shape's or member's id (`Shape$member`).
    fn id(self) -> String {
        match self.member {
            Some(member) => format!("{}${member}", self.shape),
            None => self.shape.to_owned(),
        }
    }
}

/// Every trait applied to a shape or to one of its members, with its value.
fn trait_applications<'a>(
    id: &'a str,
    shape: &'a Value,
) -> impl Iterator<Item = (Holder<'a>, &'a String, &'a Value)> {
    let on_shape = std::iter::once((
        Holder {
            shape: id,
            member: None,
        },
        shape,
    ));
    let on_members = members(shape).into_iter().map(move |(name, member)| {
        let holder = Holder {
            shape: id,
            member: Some(name),
        };
        (holder, member)
    });
    on_shape.chain(on_members).flat_map(|(holder, value)| {
        let traits = value.get("traits").and_then(Value::as_object);
        traits
            .into_iter()
            .flatten()
            .map(move |(trait_id, trait_value)| (holder, trait_id, trait_value))
    })
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

    fn new(shapes: &'a Map<String, Value>) -> Self {
        Model {
            shapes,
            facts: RefCell::default(),
        }
    }

    /// What `id` names, worked out the first time it is asked.
    fn facts(&self, id: &'a str) -> Facts<'a> {
        if let Some(facts) = self.facts.borrow().get(id) {
            return *facts;
        }
        // The shape's traits are looked up once, and a shape without any
        // (most are) costs nothing more.
        let (shape, defined, ours) = match self.shape(id) {
            Some(shape) => (Some(shape), true, true),
            None => {
                let shape = library::shape(id);
                // A private prelude shape is the library's, but no model's to name.
                let defined = match id.strip_prefix("smithy.api#") {
                    Some(name) => idl::prelude_defines(name),
                    None => shape.is_some(),
                };
                (shape, defined, false)
            }
        };
        let traits = shape
            .and_then(|shape| shape.get("traits"))
            .and_then(Value::as_object);
        let has = |trait_id: &str| traits.is_some_and(|traits| traits.contains_key(trait_id));
        let facts = Facts {
            shape,
            defined,
            is_trait: defined && has("smithy.api#trait"),
            is_error: defined && has("smithy.api#error"),
            // Only the model's shapes may be mixins.
            is_mixin: ours && has(MIXIN),
            any_string: shape.is_some_and(|shape| kind(shape) == "string")
                && !["smithy.api#enum", "smithy.api#length", "smithy.api#pattern"]
                    .into_iter()
                    .any(has),
        };
        self.facts.borrow_mut().insert(id, facts);
        facts
    }

    /// Whether `id` names a shape of the model, the prelude (a public one)
    /// or the library.
    fn is_defined(&self, id: &'a str) -> bool {
        self.facts(id).defined
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

    /// A shape of the prelude that the model defines again is defined as
    /// the prelude defines it: Smithy loads the prelude with every model,
    /// and two definitions of one shape must agree.
    fn prelude_shapes_kept(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            if id.starts_with("smithy.api#")
                && let Some(prelude) = library::shape(id)
                && prelude != shape
            {
                return Err(LoadError {
                    site: Site::Shape(id.clone()),
                    message: format!(
                        "Conflicting shape definition for `{id}`: the prelude defines it otherwise"
                    ),
                });
            }
        }
        Ok(())
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

    /// Each shape id a shape names is defined, and of the kind its place
    /// takes ([`Model::misfit`]).
    fn references_resolve_and_fit(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            for reference in references(id, shape) {
                let facts = self.facts(reference.target);
                let message = if !facts.defined {
                    let why = if reference.target.contains('$') {
                        "a member: shapes name shapes, not members"
                    } else {
                        "which is defined nowhere: not in the model, the prelude or the trait library"
                    };
                    format!("{reference}, {why}")
                } else if let Some(misfit) = self.misfit(&reference, facts) {
                    misfit
                } else {
                    continue;
                };
                return Err(LoadError {
                    site: reference.site(),
                    message,
                });
            }
        }
        Ok(())
    }

    /// Why the shape a reference names is not of the kind its place takes,
    /// if it is not: a member targets neither a trait nor an operation,
    /// resource or service; an operation takes and gives structures and
    /// lists error structures; a service or resource binds operations and
    /// resources; a resource's identifiers are strings. Mixins are checked
    /// with the mixins.
    fn misfit(&self, reference: &Reference<'a>, facts: Facts<'a>) -> Option<String> {
        let found = kind(facts.shape?);
        let is_error = facts.is_error;
        let is_data = !matches!(found, "operation" | "resource" | "service") && !facts.is_trait;
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
            How::InList("identifiers") if !matches!(found, "string" | "enum") => "a string shape",
            _ => return None,
        };
        Some(format!(
            "{reference}, a shape of type `{found}`, where it must name {wanted}"
        ))
    }

    /// Each trait applied is a trait the model, the prelude or the library
    /// defines, and its value one the trait's shape takes.
    fn traits_resolve_and_fit(&self) -> Result<(), LoadError> {
        let shape_of = |id: &str| self.shape(id).or_else(|| library::shape(id));
        let values = TraitValues {
            shape_of: &shape_of,
            zero_passes_range: false,
        };
        // Marker traits (`@required`, `@input`, ...) are given `{}` many
        // times over; whether `{}` fits a trait is worked out once.
        let mut empty_fits: HashMap<&str, Result<(), String>> = HashMap::new();
        for (id, shape) in self.shapes {
            for (on, trait_id, value) in trait_applications(id, shape) {
                let facts = self.facts(trait_id);
                let empty = value.as_object().is_some_and(Map::is_empty);
                let message = if !facts.defined {
                    format!(
                        "Unable to resolve trait `{trait_id}`. If this is a custom trait, then it must be defined before it can be used in a model"
                    )
                } else if !facts.is_trait {
                    format!(
                        "`{trait_id}` is applied as a trait, but its shape is not marked `@trait`"
                    )
                } else if facts.any_string && value.is_string() {
                    continue;
                } else if let Err(why) = if empty {
                    empty_fits
                        .entry(trait_id)
                        .or_insert_with(|| values.fits(value, trait_id))
                        .clone()
                } else {
                    values.fits(value, trait_id)
                } {
                    format!("Error creating trait `{trait_id}`: {why}")
                } else {
                    continue;
                };
                return Err(LoadError {
                    message,
                    site: Site::Trait {
                        on: on.id(),
                        id: trait_id.clone(),
                    },
                });
            }
        }
        Ok(())
    }

    fn mixins_are_sound(&self) -> Result<(), LoadError> {
        // Most models have no mixin, and nothing here to check.
        let mixins_anywhere = self
            .shapes
            .values()
            .any(|shape| has_trait(shape, MIXIN) || shape.get("mixins").is_some());
        if !mixins_anywhere {
            return Ok(());
        }
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
            if let Some(cycle) = mixins_of(shape).next().and_then(|_| self.mixin_cycle(id)) {
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
            if mixins_of(shape).next().is_some() {
                self.inherited_members_agree(id, shape)?;
            }
        }
        // A mixin is never a target, an input, an output or an error.
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            for reference in references(id, shape) {
                if matches!(reference.how, How::InList("mixins")) {
                    continue;
                }
                if self.facts(reference.target).is_mixin {
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

    /// Each member of an enum or intEnum has a value of its shape's kind,
    /// its own or its mixin's (an enum member without one has its name,
    /// [`name_enum_members`]), and no two members of a shape, its mixins'
    /// included, share a value.
    fn enum_values_fit(&self) -> Result<(), LoadError> {
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            let int = match kind(shape) {
                "enum" => false,
                "intEnum" => true,
                _ => continue,
            };
            // Each member by name, in order: its value, and whether the
            // shape writes the member itself.
            let mut order: Vec<(String, Option<&Value>, bool)> = Vec::new();
            let mut index: HashMap<String, usize> = HashMap::new();
            let mut set = |name: &str, value: Option<&'a Value>, local: bool| match index.get(name)
            {
                Some(&at) => {
                    let entry = &mut order[at];
                    entry.1 = value.or(entry.1);
                    entry.2 |= local;
                }
                None => {
                    index.insert(name.to_owned(), order.len());
                    order.push((name.to_owned(), value, local));
                }
            };
            if shape.get("mixins").is_some() {
                for (name, member, _) in self.inherited_members(id) {
                    set(&name, trait_value(member, ENUM_VALUE), false);
                    // A value `apply` gives a member the mixin brings.
                    if let Some(applied) = self.shapes.get(&format!("{id}${name}")) {
                        set(&name, trait_value(applied, ENUM_VALUE), false);
                    }
                }
            }
            for (name, member) in members(shape) {
                set(name, trait_value(member, ENUM_VALUE), true);
            }
            if order.is_empty() {
                return Err(LoadError {
                    site: Site::Shape(id.clone()),
                    message: format!("{id}: {} shapes must have at least one member", kind(shape)),
                });
            }
            let mut seen: HashMap<String, &str> = HashMap::new();
            for (name, value, local) in &order {
                let member_id = format!("{id}${name}");
                let at_member = || {
                    if *local {
                        Site::Member(member_id.clone())
                    } else {
                        Site::Shape(id.clone())
                    }
                };
                let refusal = match value {
                    None if int => Some((
                        at_member(),
                        "intEnum members require a value (`NAME = 1` or `@enumValue(1)`)"
                            .to_owned(),
                    )),
                    None => None,
                    Some(value) => enum_value_refusal(value, int).map(|why| {
                        let site = Site::Trait {
                            on: member_id.clone(),
                            id: ENUM_VALUE.to_owned(),
                        };
                        (site, why)
                    }),
                };
                if let Some((site, why)) = refusal {
                    return Err(LoadError {
                        site,
                        message: format!("{member_id}: {why}"),
                    });
                }
                let key = value.map_or_else(
                    || Value::String(name.clone()).to_string(),
                    ToString::to_string,
                );
                if let Some(first) = seen.insert(key.clone(), name) {
                    return Err(LoadError {
                        site: at_member(),
                        message: format!(
                            "Multiple enum members found with duplicate value {key}: `{first}` and `{name}` of `{id}`"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Each `@default` fits what it is on, as Smithy's default validation
    /// holds it: a member's fits the member and its target (a zero may fall
    /// outside a `@range`), only a member's may be `null`, a list's is `[]`,
    /// a map's `{}`, a document's no non-empty list or object; and a
    /// structure member whose target has a default gives it again, or `null`.
    fn defaults_fit(&self) -> Result<(), LoadError> {
        let shape_of = |id: &str| self.shape(id).or_else(|| library::shape(id));
        let values = TraitValues {
            shape_of: &shape_of,
            zero_passes_range: true,
        };
        let refuse = |on: String, why: String| {
            Err(LoadError {
                message: format!("Error validating @default trait of `{on}`: {why}"),
                site: Site::Trait {
                    on,
                    id: DEFAULT.to_owned(),
                },
            })
        };
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            if let Some(value) = trait_value(shape, DEFAULT) {
                let why = if value.is_null() {
                    Some("The @default trait can be set to null only on members".to_owned())
                } else {
                    // As a member targeting the shape, so that the shape's
                    // own constraints are held too.
                    let as_member = serde_json::json!({ "target": id });
                    values
                        .member_value_fits(value, &as_member)
                        .err()
                        .or_else(|| default_shape_refusal(value, kind(shape)))
                };
                if let Some(why) = why {
                    return refuse(id.clone(), why);
                }
            }
            for (name, member) in members(shape) {
                let member_id = || format!("{id}${name}");
                let target = target(member).and_then(|target| self.facts(target).shape);
                let target_default = target.and_then(|target| trait_value(target, DEFAULT));
                let Some(value) = trait_value(member, DEFAULT) else {
                    if let Some(wanted) = target_default
                        && kind(shape) == "structure"
                        && !wanted.is_null()
                    {
                        return Err(LoadError {
                            site: Site::Member(member_id()),
                            message: format!(
                                "Member targets {}, which requires that the member defines the same default of `{wanted}` or `null`",
                                target_of(member)
                            ),
                        });
                    }
                    continue;
                };
                if value.is_null() {
                    continue;
                }
                let why = values.member_value_fits(value, member).err().or_else(|| {
                    let kind = target.map_or("", kind);
                    default_shape_refusal(value, kind)
                });
                if let Some(why) = why {
                    return refuse(member_id(), why);
                }
                if let Some(wanted) = target_default
                    && kind(shape) == "structure"
                    && wanted != value
                {
                    return refuse(
                        member_id(),
                        format!(
                            "the member's default, `{value}`, differs from the default of its target {}, `{wanted}`",
                            target_of(member)
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// Member names of one shape (its mixins' included), and the shape ids
    /// of the model, must differ other than in case.
    fn names_differ_beyond_case(&self) -> Result<(), LoadError> {
        let mut ids: HashMap<String, &str> = HashMap::new();
        for (id, shape) in self.shapes.iter().filter(|(_, s)| is_definition(s)) {
            if let Some(other) = ids.insert(id.to_ascii_lowercase(), id) {
                return Err(LoadError {
                    site: Site::Shape(id.clone()),
                    message: format!(
                        "Shape id `{id}` conflicts with `{other}`: shape ids of a model must differ other than in case"
                    ),
                });
            }
            // Member names are identifiers, ASCII: two are compared as they
            // are, without a copy of each in lower case.
            let inherited = if mixins_of(shape).next().is_some() {
                self.inherited_members(id)
            } else {
                Vec::new()
            };
            let names: Vec<&str> = inherited
                .iter()
                .map(|(name, _, _)| name.as_str())
                .chain(members(shape).into_iter().map(|(name, _)| name))
                .collect();
            if let Some((name, other)) = first_case_conflict(&names) {
                return Err(LoadError {
                    site: Site::Member(format!("{id}${name}")),
                    message: format!(
                        "Member `{name}` of `{id}` conflicts with member `{other}`: member names of a shape must differ other than in case"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// The first of `names` (in their order) that differs from an earlier one
/// only in case, with that earlier one. Names are sorted, not compared
/// pairwise, so that a shape with very many members is checked quickly.
fn first_case_conflict<'n>(names: &[&'n str]) -> Option<(&'n str, &'n str)> {
    fn folded(name: &str) -> impl Iterator<Item = u8> + '_ {
        name.bytes().map(|b| b.to_ascii_lowercase())
    }
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_unstable_by(|&a, &b| folded(names[a]).cmp(folded(names[b])).then(a.cmp(&b)));
    // In each run of names equal but for case, in their order, the first
    // to differ from the run's first conflicts with it.
    let mut found: Option<(usize, usize)> = None;
    for run in order.chunk_by(|&a, &b| names[a].eq_ignore_ascii_case(names[b])) {
        let first = run[0];
        if let Some(&later) = run.iter().find(|&&index| names[index] != names[first])
            && found.is_none_or(|(earliest, _)| later < earliest)
        {
            found = Some((later, first));
        }
    }
    found.map(|(later, first)| (names[later], names[first]))
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
    let model = Model::new(shapes);
    model
        .inherited_members(shape_id)
        .into_iter()
        .find_map(|(name, inherited, _)| (name == member).then(|| target(inherited))?)
        .map(str::to_owned)
}

/// Whether `shape_id` has the member `member` through its mixins.
pub(crate) fn inherits_member(shapes: &Map<String, Value>, shape_id: &str, member: &str) -> bool {
    Model::new(shapes)
        .inherited_members(shape_id)
        .iter()
        .any(|(name, _, _)| name == member)
}

/// Why an enum member's value (`smithy.api#enumValue`) is not one its
/// shape takes: an `enum`'s is a string, an `intEnum`'s a 32-bit integer.
pub(crate) fn enum_value_refusal(value: &Value, int: bool) -> Option<String> {
    if !int {
        return (!value.is_string())
            .then(|| format!("enum members require string values, but found: {value}"));
    }
    match value.as_i64() {
        Some(int) if i32::try_from(int).is_ok() => None,
        Some(_) => Some(format!(
            "intEnum values must be 32-bit integers, but found: {value}"
        )),
        None if value.is_number() => {
            Some("intEnum members do not support floating point values".to_owned())
        }
        None => Some(format!(
            "intEnum members require integer values, but found: {value}"
        )),
    }
}

/// Gives each member of an `enum` without a value its name as its value,
/// as Smithy does once a model's `apply` statements are in and its mixins
/// known: a member a mixin brings keeps the mixin's value. A shape whose
/// mixins are not all among `shapes` (another file's) is left for the
/// assembled model.
pub(crate) fn name_enum_members(shapes: &mut Map<String, Value>) {
    let unnamed: Vec<(String, String)> = shapes
        .iter()
        .filter(|(_, shape)| kind(shape) == "enum")
        .filter(|(_, shape)| mixins_of(shape).all(|mixin| shapes.contains_key(mixin)))
        .flat_map(|(id, shape)| {
            members(shape)
                .into_iter()
                .filter(|(_, member)| !has_trait(member, ENUM_VALUE))
                .map(|(name, _)| (id.clone(), name.to_owned()))
        })
        .filter(|(id, name)| {
            let mixed = shapes
                .get(id)
                .is_some_and(|shape| mixins_of(shape).next().is_some());
            !(mixed && inherits_member(shapes, id, name))
        })
        .collect();
    for (id, name) in unnamed {
        let Some(Value::Object(member)) = shapes
            .get_mut(&id)
            .and_then(|shape| shape.get_mut("members")?.get_mut(&name))
        else {
            continue;
        };
        if let Value::Object(traits) = member
            .entry("traits")
            .or_insert_with(|| Value::Object(Map::new()))
        {
            traits.insert(ENUM_VALUE.to_owned(), Value::String(name));
        }
    }
}

/// Whether `id` (or, for `Shape$member`, its shape) is a shape of the
/// model, a public one of the prelude, or the trait library's.
pub(crate) fn names_a_shape(shapes: &Map<String, Value>, id: &str) -> bool {
    let root = id.split_once('$').map_or(id, |(root, _)| root);
    Model::new(shapes).is_defined(root)
}

/// Why `value` cannot be the default of a shape of type `kind`, beyond its
/// type: a collection's default is empty.
fn default_shape_refusal(value: &Value, kind: &str) -> Option<String> {
    let non_empty_list = value.as_array().is_some_and(|items| !items.is_empty());
    let non_empty_object = value.as_object().is_some_and(|entries| !entries.is_empty());
    let why = match kind {
        "list" | "set" if non_empty_list => "The @default value of a list must be an empty list",
        "map" if non_empty_object => "The @default value of a map must be an empty map",
        "document" if non_empty_list || non_empty_object => {
            "The @default value of a document cannot be a non-empty array or object"
        }
        _ => return None,
    };
    Some(why.to_owned())
}

/// A member's target, for an error.
fn target_of(member: &Value) -> &str {
    target(member).unwrap_or("")
}

/// Why an elided member has no target.
pub(crate) fn elision_refusal(shape_id: &str, member: &str) -> String {
    format!(
        "{shape_id}${member}: Member target was elided, but no bound resource or mixin contained a matching identifier or member name"
    )
}

/// One shape id a shape names, and how it names it.
pub(crate) struct Reference<'a> {
    /// The shape (or its member) that names it.
    from: Holder<'a>,
    /// How: `targets`, or the property (`errors`, `input`, ...) that lists it.
    how: How<'a>,
    pub(crate) target: &'a str,
}

#[derive(Clone)]
enum How<'a> {
    Targets,
    InList(&'a str),
    As(&'a str),
}

impl Reference<'_> {
    fn site(&self) -> Site {
        match self.from.member {
            Some(_) => Site::Member(self.from.id()),
            None => Site::Shape(self.from.id()),
        }
    }
}

impl fmt::Display for Reference<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Reference { from, how, target } = self;
        let from = from.id();
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
    let from = Holder {
        shape: id,
        member: None,
    };
    let member_targets = members(shape)
        .into_iter()
        .filter_map(move |(name, member)| {
            Some(Reference {
                from: Holder {
                    shape: id,
                    member: Some(name),
                },
                how: How::Targets,
                target: target(member)?,
            })
        });
    // The shape's own properties, walked once rather than looked up by name.
    let properties = shape.as_object().into_iter().flatten();
    let named = properties.flat_map(move |(key, value)| {
        let key = key.as_str();
        let (how, items): (How<'a>, Vec<&'a Value>) = match (key, value) {
            (
                "mixins" | "errors" | "operations" | "collectionOperations" | "resources",
                Value::Array(items),
            ) => (How::InList(key), items.iter().collect()),
            ("identifiers" | "properties", Value::Object(items)) => {
                (How::InList(key), items.values().collect())
            }
            (
                "input" | "output" | "create" | "put" | "read" | "update" | "delete" | "list",
                item @ Value::Object(_),
            ) => (How::As(key), vec![item]),
            _ => (How::Targets, Vec::new()),
        };
        items.into_iter().filter_map(move |item| {
            Some(Reference {
                from,
                how: how.clone(),
                target: target(item)?,
            })
        })
    });
    member_targets.chain(named)
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

    #[test]
    fn an_enum_value_is_refused_unless_of_its_enums_kind() {
        assert!(
            enum_value_refusal(&json!(1.5), true)
                .unwrap()
                .contains("floating point")
        );
        assert!(
            enum_value_refusal(&json!("1"), true)
                .unwrap()
                .contains("require integer values")
        );
        assert!(
            enum_value_refusal(&json!(2_147_483_648_i64), true)
                .unwrap()
                .contains("32-bit")
        );
        assert!(
            enum_value_refusal(&json!(1), false)
                .unwrap()
                .contains("require string values")
        );
        assert_eq!(enum_value_refusal(&json!(-2_147_483_648_i64), true), None);
        assert_eq!(enum_value_refusal(&json!("a"), false), None);
    }

    #[test]
    fn the_first_member_differing_only_in_case_is_found_with_its_earlier_twin() {
        assert_eq!(first_case_conflict(&["a", "b", "A"]), Some(("A", "a")));
        assert_eq!(first_case_conflict(&["b", "A", "a", "B"]), Some(("a", "A")));
        // A name given again as it is (a member redefined over its mixin's)
        // is no conflict.
        assert_eq!(first_case_conflict(&["a", "a", "b"]), None);
        assert_eq!(first_case_conflict(&["a", "a", "A"]), Some(("A", "a")));
        // Of two pairs, the one whose second name comes first, whichever
        // sorts first.
        assert_eq!(first_case_conflict(&["b", "B", "a", "A"]), Some(("B", "b")));
        assert_eq!(first_case_conflict(&[]), None);
        // Many members are checked without comparing each pair.
        let many: Vec<String> = (0..20_000).map(|i| format!("m{i}")).collect();
        let mut names: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(first_case_conflict(&names), None);
        names.push("M7");
        assert_eq!(first_case_conflict(&names), Some(("M7", "m7")));
    }

    /// Reads an IDL 2.0 file of namespace `ex` whose body is `body`; the
    /// refusal's line and column and message, if it is refused.
    fn refusal(body: &str) -> Option<(u32, u32, String)> {
        let source = format!("$version: \"2\"\nnamespace ex\n{body}");
        crate::idl::read(&source)
            .err()
            .map(|error| (error.position.line, error.position.column, error.message))
    }

    /// The message `body` is refused with, empty if it is read.
    fn refused_with(body: &str) -> String {
        refusal(body)
            .map(|(_, _, message)| message)
            .unwrap_or_default()
    }

    #[test]
    fn a_redefined_enum_member_that_repeats_a_value_is_refused_at_itself() {
        let (line, column, message) = refusal(
            "@mixin\nenum Base {\n    A = \"x\"\n    B = \"y\"\n}\nenum Level with [Base] {\n    B = \"x\"\n}\n",
        )
        .unwrap();
        assert_eq!((line, column), (9, 5), "{message}");
        assert!(
            message.contains("duplicate value \"x\": `A` and `B`"),
            "{message}"
        );
    }

    #[test]
    fn defaults_of_maps_documents_and_members_are_held_to_their_rules() {
        assert!(
            refused_with("structure S {\n    m: M = {a: \"b\"}\n}\nmap M {\n    key: String\n    value: String\n}\n")
                .contains("a map must be an empty map")
        );
        for value in ["[1]", "{a: 1}"] {
            assert!(
                refused_with(&format!("structure S {{\n    d: Document = {value}\n}}\n"))
                    .contains("a document cannot be a non-empty"),
                "{value}"
            );
        }
        for value in ["[]", "{}", "\"text\"", "1"] {
            assert_eq!(
                refusal(&format!("structure S {{\n    d: Document = {value}\n}}\n")),
                None,
                "{value}"
            );
        }
        // A structure member whose target has a default repeats it; a union
        // member need not.
        assert!(
            refused_with("@default(0)\ninteger Count\nstructure S {\n    c: Count = 1\n}\n")
                .contains("differs from the default of its target ex#Count, `0`")
        );
        assert_eq!(
            refusal("@default(0)\ninteger Count\nunion U {\n    c: Count\n}\n"),
            None
        );
    }

    #[test]
    fn a_string_trait_with_constraints_is_checked_and_only_a_zero_default_may_miss_its_range() {
        // A string trait with `@enum` is held to it; one without takes any string.
        let picks = "@trait\n@enum([{value: \"a\"}])\nstring pick\n@trait\nstring note\n";
        assert!(
            refusal(&format!(
                "{picks}@pick(\"b\")\n@note(\"anything\")\nstring S\n"
            ))
            .is_some()
        );
        assert_eq!(
            refusal(&format!(
                "{picks}@pick(\"a\")\n@note(\"anything\")\nstring S\n"
            )),
            None
        );
        // A default outside its member's range is refused unless it is zero;
        // a trait value of zero outside its range is refused.
        assert!(
            refused_with("structure S {\n    @range(max: 3)\n    n: Integer = 5\n}\n")
                .contains("outside the @range")
        );
        assert_eq!(
            refusal("structure S {\n    @range(min: 1)\n    n: Integer = 0\n}\n"),
            None
        );
        assert!(
            refused_with("@trait\n@range(min: 1)\ninteger level\nstructure S {\n    @level(0)\n    n: Integer\n}\n")
                .contains("outside the @range")
        );
    }
}
