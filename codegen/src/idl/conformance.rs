//! Smithy's loader conformance files (`codegen/tests/smithy-loader`), as
//! the reader's tests walk them.

use super::lexer::Position;

/// Every `.smithy` file under `dir` of the vendored conformance set,
/// with its text.
pub(super) fn conformance_files(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smithy-loader");
    let mut files = Vec::new();
    walk(&root.join(dir), &mut files);
    assert!(!files.is_empty(), "no conformance files in {dir}");
    files
}

/// The line and column of Smithy's `Syntax error at line L, column C`
/// in an invalid file's first line, if it names a syntax error.
pub(super) fn smithy_error_position(text: &str) -> Option<Position> {
    let rest = text.lines().next()?.split("Syntax error at line ").nth(1)?;
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Position {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// Each shape's id and its members' names in order, the shapes sorted: the
/// member order that comparing JSON values (whose maps are unordered) misses.
pub(super) fn member_orders(model: &serde_json::Value) -> Vec<Vec<String>> {
    let mut orders: Vec<Vec<String>> = model["shapes"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(id, shape)| {
            let members = shape.get("members")?.as_object()?;
            Some(
                std::iter::once(id.clone())
                    .chain(members.keys().cloned())
                    .collect(),
            )
        })
        .collect();
    orders.sort();
    orders
}

/// A valid case read as Smithy's runner reads it: the file with the
/// shapes of `valid/__shared.json` beside it, which some cases name.
pub(super) fn read_valid_case(text: &str) -> Result<serde_json::Value, super::IdlError> {
    let (model, notes) = super::read_with_notes(text)?;
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/smithy-loader/valid/__shared.json");
    let shared: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared).unwrap()).unwrap();
    let mut shapes = model["shapes"].as_object().cloned().unwrap_or_default();
    for (id, shape) in shared["shapes"].as_object().into_iter().flatten() {
        shapes.entry(id.clone()).or_insert_with(|| shape.clone());
    }
    crate::loading::check(&shapes).map_err(|error| super::IdlError {
        position: notes.position_of(&error.site),
        message: error.message,
    })?;
    Ok(model)
}
