//! The rules of the Smithy IDL and of loading a model, each proven by two
//! small files of this project's own under `tests/idl-rules/`: one the
//! rule accepts and one it refuses, at a stated line and column.
//!
//! A rule is named by its path without the suffix, `section/rule`:
//! - `section/rule.accept.smithy` must read; where a `section/rule.accept.json`
//!   sits beside it, it must read as that JSON AST model;
//! - `section/rule.refuse.smithy` must be refused, and its first line says
//!   where and why: `// refused at L:C: words the error message holds`.
//!
//! A rule has a file it accepts and either one it refuses or, for a rule
//! about what a file means rather than whether it is read, the JSON it
//! must read as.
//!
//! The codegen README lists every rule in a table whose first column is the
//! rule's name; the test fails when the table and the files differ, so the
//! list shows what is covered and nothing is listed that is not.

use serde_json::Value;
use smithy_lean_codegen::idl::read;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl-rules")
}

/// Every file under `dir`, with its path relative to `root`.
fn files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(root, &path, out);
        } else {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy();
            out.push((relative.replace('\\', "/"), path));
        }
    }
}

/// The rules the files prove, by name, with the files each has.
fn rules() -> Vec<(String, Vec<&'static str>)> {
    let root = rules_dir();
    let mut all = Vec::new();
    files(&root, &root, &mut all);
    let mut by_rule: std::collections::BTreeMap<String, Vec<&'static str>> = Default::default();
    for (relative, _) in all {
        let Some((rule, kind)) = ["accept.smithy", "refuse.smithy", "accept.json"]
            .iter()
            .find_map(|suffix| Some((relative.strip_suffix(&format!(".{suffix}"))?, *suffix)))
        else {
            panic!(
                "{relative}: not a rule's file (`.accept.smithy`, `.refuse.smithy` or `.accept.json`)"
            );
        };
        by_rule.entry(rule.to_owned()).or_default().push(kind);
    }
    by_rule.into_iter().collect()
}

/// `// refused at L:C: words` → (L, C, words).
fn expectation(first_line: &str) -> Option<(u32, u32, &str)> {
    let rest = first_line.strip_prefix("// refused at ")?;
    let (place, words) = rest.split_once(": ")?;
    let (line, column) = place.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?, words.trim()))
}

#[test]
fn every_rule_has_a_file_it_accepts_and_one_it_refuses_or_a_meaning() {
    let rules = rules();
    assert!(!rules.is_empty());
    for (rule, kinds) in &rules {
        assert!(
            kinds.contains(&"accept.smithy")
                && (kinds.contains(&"refuse.smithy") || kinds.contains(&"accept.json")),
            "{rule}: needs `{rule}.accept.smithy` and `{rule}.refuse.smithy` or `{rule}.accept.json`, has {kinds:?}"
        );
    }
}

#[test]
fn each_accepting_file_reads_and_means_what_its_json_says() {
    let mut failures = Vec::new();
    for (rule, kinds) in rules() {
        let path = rules_dir().join(format!("{rule}.accept.smithy"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        match read(&text) {
            Err(error) => failures.push(format!("{rule}: refused: {error}")),
            Ok(model) if kinds.contains(&"accept.json") => {
                let json = std::fs::read_to_string(rules_dir().join(format!("{rule}.accept.json")))
                    .unwrap();
                let expected: Value = serde_json::from_str(&json).unwrap();
                if model != expected {
                    failures.push(format!(
                        "{rule}: read as\n{}",
                        serde_json::to_string_pretty(&model).unwrap()
                    ));
                }
            }
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_refusing_file_is_refused_where_and_why_it_says() {
    let mut failures = Vec::new();
    for (rule, _) in rules() {
        let path = rules_dir().join(format!("{rule}.refuse.smithy"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some((line, column, words)) = expectation(text.lines().next().unwrap_or("")) else {
            failures.push(format!(
                "{rule}: the first line must be `// refused at L:C: words`"
            ));
            continue;
        };
        match read(&text) {
            Ok(_) => failures.push(format!("{rule}: read, not refused")),
            Err(error) => {
                let at = (error.position.line, error.position.column);
                if at != (line, column) || !error.message.contains(words) {
                    failures.push(format!(
                        "{rule}: refused at {}:{}: {}; expected {line}:{column}: {words}",
                        at.0, at.1, error.message
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_readme_lists_every_rule_and_only_those() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    // A row of the rules table: `| `section/rule` | ... |`.
    let listed: BTreeSet<String> = readme
        .lines()
        .filter_map(|line| {
            let cell = line.strip_prefix("| `")?;
            let (name, _) = cell.split_once('`')?;
            name.contains('/').then(|| name.to_owned())
        })
        .collect();
    let proven: BTreeSet<String> = rules().into_iter().map(|(rule, _)| rule).collect();
    let unlisted: Vec<_> = proven.difference(&listed).collect();
    let unproven: Vec<_> = listed.difference(&proven).collect();
    assert!(
        unlisted.is_empty() && unproven.is_empty(),
        "rules with files but not in the README: {unlisted:?}; in the README without files: {unproven:?}"
    );
}
