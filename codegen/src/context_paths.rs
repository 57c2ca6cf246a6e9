//! `smithy.rules#operationContextParams` paths: the JMESPath an operation
//! gives to select an endpoint-rule parameter's value from its input,
//! read and resolved against the input's types.
//!
//! The paths read as the AWS SDKs read them: members (`A.B`), a list's
//! items (`A[*].B`, one projection), and a map's keys (`keys(A)`). What a
//! path selects must have its parameter's type: a string or enum for a
//! string parameter, a boolean for a boolean one, strings or enums for a
//! `stringArray`.

use crate::ir::{ContextSelection, ContextStep, Kind, Structure, Types, Value};

/// One element of a path as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    Member(String),
    EachItem,
}

/// A path as written: its elements, and whether `keys(..)` wraps it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    elements: Vec<Element>,
    keys: bool,
}

/// Reads a path; an error says what is wrong with it.
fn read(expression: &str) -> Result<Written, String> {
    let trimmed = expression.trim();
    let (inner, keys) = match trimmed.strip_prefix("keys(") {
        Some(rest) => (
            rest.strip_suffix(')')
                .ok_or("`keys(` is not closed")?
                .trim(),
            true,
        ),
        None => (trimmed, false),
    };
    let mut elements = Vec::new();
    let mut rest = inner;
    let mut expect_member = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[*]") {
            if expect_member {
                return Err("`[*]` must follow a member".to_owned());
            }
            elements.push(Element::EachItem);
            rest = after;
            continue;
        }
        if !expect_member {
            rest = rest
                .strip_prefix('.')
                .ok_or_else(|| format!("expected `.` or `[*]` at `{rest}`"))?;
            expect_member = true;
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(format!(
                "expected a member name at `{rest}` (this generator reads members, `[*]` and `keys(..)`)"
            ));
        }
        elements.push(Element::Member(name.to_owned()));
        rest = &rest[end..];
        expect_member = false;
    }
    if elements.is_empty() || expect_member {
        return Err("the path ends where a member name must come".to_owned());
    }
    Ok(Written { elements, keys })
}

/// The path `expression` resolved from the structure `input` (of the
/// crate's `types`): its steps and what it selects, or why it cannot be.
pub(crate) fn resolve(
    expression: &str,
    input: &Structure,
    types: &Types,
) -> Result<(Vec<ContextStep>, ContextSelection), String> {
    let written = read(expression)?;
    let mut steps = Vec::new();
    let mut structure = Some(input);
    let mut current: Option<&Value> = None;
    let mut projected = false;
    for element in &written.elements {
        match element {
            Element::Member(name) => {
                let owner = structure.ok_or_else(|| {
                    format!("`{name}` is not a member: what comes before it is no structure")
                })?;
                let field = owner
                    .fields
                    .iter()
                    .find(|field| &field.member == name)
                    .ok_or_else(|| format!("`{}` has no member `{name}`", owner.id))?;
                if field.value.sensitive {
                    return Err(format!(
                        "`{name}` is `@sensitive`, and cannot choose the endpoint, which URLs and logs show"
                    ));
                }
                steps.push(ContextStep::Field {
                    name: field.name.clone(),
                    optional: !field.always_present(),
                    boxed: field.value.boxed,
                });
                current = Some(&field.value);
            }
            Element::EachItem => {
                if projected {
                    return Err("one `[*]` at most: the items of items are not read".to_owned());
                }
                let Some(Value {
                    kind: Kind::List(item),
                    ..
                }) = current
                else {
                    return Err("`[*]` must follow a list".to_owned());
                };
                if item.nullable {
                    return Err("`[*]` of a sparse list is not read".to_owned());
                }
                steps.push(ContextStep::EachItem);
                projected = true;
                current = Some(item);
            }
        }
        structure = match current.map(|value| &value.kind) {
            Some(Kind::Structure(name)) => types.structures.iter().find(|s| &s.name == name),
            _ => None,
        };
    }
    let value = current.ok_or("the path selects nothing")?;
    let selects = match (&value.kind, written.keys, projected) {
        (Kind::Map { key, .. }, true, false) => {
            steps.push(ContextStep::Keys);
            ContextSelection::Keys {
                enums: matches!(key.kind, Kind::Enum(_)),
            }
        }
        (_, true, _) => return Err("`keys(..)` must select a map's keys".to_owned()),
        (Kind::String, false, false) => ContextSelection::String,
        (Kind::Enum(_), false, false) => ContextSelection::Enum,
        (Kind::Boolean, false, false) => ContextSelection::Boolean,
        (Kind::String | Kind::Enum(_), false, true) => ContextSelection::Projected {
            enums: matches!(value.kind, Kind::Enum(_)),
        },
        (Kind::List(item), false, false)
            if matches!(item.kind, Kind::String | Kind::Enum(_)) && !item.nullable =>
        {
            ContextSelection::List {
                enums: matches!(item.kind, Kind::Enum(_)),
            }
        }
        _ => {
            return Err(
                "it selects no string, enum, boolean or list of strings or enums".to_owned(),
            );
        }
    };
    Ok((steps, selects))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> Element {
        Element::Member(name.to_owned())
    }

    #[test]
    fn paths_read_as_members_items_and_keys() {
        assert_eq!(
            read("A.B").unwrap(),
            Written {
                elements: vec![member("A"), member("B")],
                keys: false
            }
        );
        assert_eq!(
            read("Items[*].Name").unwrap(),
            Written {
                elements: vec![member("Items"), Element::EachItem, member("Name")],
                keys: false
            }
        );
        assert_eq!(
            read("keys( Tags )").unwrap(),
            Written {
                elements: vec![member("Tags")],
                keys: true
            }
        );
        assert_eq!(
            read("Names[*]").unwrap().elements,
            [member("Names"), Element::EachItem]
        );
    }

    #[test]
    fn what_the_generator_does_not_read_is_named() {
        for (path, why) in [
            ("", "the path ends where a member name must come"),
            ("A.", "the path ends where a member name must come"),
            ("[*].A", "`[*]` must follow a member"),
            ("A[0]", "expected `.` or `[*]` at `[0]`"),
            ("A || B", "expected `.` or `[*]` at ` || B`"),
            ("length(A)", "expected `.` or `[*]` at `(A)`"),
            ("keys(A", "`keys(` is not closed"),
            (
                "A.1",
                "expected a member name at `1` (this generator reads members, `[*]` and `keys(..)`)",
            ),
        ] {
            assert_eq!(read(path).unwrap_err(), why, "{path:?}");
        }
    }
}
