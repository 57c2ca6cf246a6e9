//! Writing generated files, and checking that committed ones are fresh.
//!
//! The generator owns each crate directory it emits whole: a file there that
//! it did not produce is reported as extra, so a renamed shape cannot leave a
//! stale module behind.

pub mod model;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The name of this repository's client crate, which its type crates'
/// extend: the model's `sdkId` would give `chime`, which an unrelated crate
/// holds on crates.io.
pub const REPOSITORY_CRATE_PREFIX: &str = "chime-lean";

/// The embedded model's service: the legacy Chime namespace, frozen.
pub const EMBEDDED_SERVICE_ID: &str = "com.amazonaws.chime#UCBuzzConsoleService";

/// Whether the JSON AST `model` holds the embedded model's service (the
/// legacy namespace, whole or cut down).
pub fn is_embedded_service(model: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(model)
        .is_ok_and(|model| model["shapes"].get(EMBEDDED_SERVICE_ID).is_some())
}

/// What the embedded model's deprecations say after its own words: the
/// legacy namespace is frozen, and its model cannot say where to go.
pub const EMBEDDED_MODEL_DEPRECATION_ADVICE: &str = "Use Amazon Chime SDK Identity \
    (`https://identity-chime.<region>.amazonaws.com`), which takes the same request: generate \
    its client with `cargo xtask codegen --model model/reference/chime-sdk-identity-2021-04-20.json \
    --out DIR` in the smithy-lean repository (its README: \"The Chime SDK Identity client\").";

/// The partition data the embedded model's endpoint tests were written
/// against, relative to the workspace: since 2023 the iso partitions gained
/// dual-stack endpoints, which some of its cases expect to be refused.
pub const EMBEDDED_MODEL_TEST_PARTITIONS: &str = "model/reference/partitions-botocore-1.37.1.json";

/// What this repository's generated manifests say for crates.io: its
/// licence, with both licence files in every crate.
pub fn repository_package_metadata(
    root: &Path,
) -> io::Result<smithy_lean_codegen::PackageMetadata> {
    let mut license_files = Vec::new();
    for name in ["LICENSE-APACHE", "LICENSE-MIT"] {
        license_files.push((name.to_owned(), std::fs::read_to_string(root.join(name))?));
    }
    Ok(smithy_lean_codegen::PackageMetadata {
        license: Some("MIT OR Apache-2.0".to_owned()),
        license_files,
        repository: None,
    })
}

/// How a file on disk differs from what the generator produces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// The file exists with other contents.
    Stale(PathBuf),
    /// The generator produces the file, but it does not exist.
    Missing(PathBuf),
    /// The file exists in a generated crate, but the generator does not produce it.
    Extra(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Stale(path) => write!(f, "stale:   {}", path.display()),
            Drift::Missing(path) => write!(f, "missing: {}", path.display()),
            Drift::Extra(path) => write!(f, "extra:   {}", path.display()),
        }
    }
}

/// What [`write()`] did to one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Written {
    /// It did not exist, and was written.
    Created(PathBuf),
    /// It existed with other contents, and was rewritten.
    Updated(PathBuf),
    /// The generator no longer produces it, and it was removed.
    Removed(PathBuf),
}

impl Written {
    /// The file's path, relative to the directory that holds the crates.
    pub fn path(&self) -> &Path {
        match self {
            Written::Created(path) | Written::Updated(path) | Written::Removed(path) => path,
        }
    }
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Written::Created(path) => write!(f, "written: {}", path.display()),
            Written::Updated(path) => write!(f, "updated: {}", path.display()),
            Written::Removed(path) => write!(f, "removed: {}", path.display()),
        }
    }
}

/// The crate directories (first path component) that the generated files live in.
fn owned_dirs(files: &BTreeMap<PathBuf, String>) -> BTreeSet<PathBuf> {
    files
        .keys()
        .filter_map(|p| p.components().next())
        .map(|c| PathBuf::from(c.as_os_str()))
        .collect()
}

fn files_under(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(full)? {
        let entry = entry?;
        let relative = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            // Build output is not ours to check.
            if entry.file_name() != "target" {
                files_under(root, &relative, out)?;
            }
        } else {
            out.push(relative);
        }
    }
    Ok(())
}

/// Compares generated files with `out_dir`, writing nothing.
pub fn check(files: &BTreeMap<PathBuf, String>, out_dir: &Path) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for (path, contents) in files {
        match std::fs::read_to_string(out_dir.join(path)) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => drift.push(Drift::Stale(path.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(path.clone()))
            }
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                drift.push(Drift::Stale(path.clone()))
            }
            Err(e) => return Err(e),
        }
    }
    let mut on_disk = Vec::new();
    for dir in owned_dirs(files) {
        files_under(out_dir, &dir, &mut on_disk)?;
    }
    for path in on_disk {
        if !files.contains_key(&path) {
            drift.push(Drift::Extra(path));
        }
    }
    drift.sort();
    Ok(drift)
}

/// Brings `out_dir` in line with the generated files: writes what changed and
/// removes extra files. Returns what it did.
pub fn write(files: &BTreeMap<PathBuf, String>, out_dir: &Path) -> io::Result<Vec<Written>> {
    let mut done = Vec::new();
    for item in check(files, out_dir)? {
        match item {
            Drift::Stale(path) | Drift::Missing(path) => {
                let full = out_dir.join(&path);
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let existed = full.exists();
                std::fs::write(full, &files[&path])?;
                done.push(if existed {
                    Written::Updated(path)
                } else {
                    Written::Created(path)
                });
            }
            Drift::Extra(path) => {
                std::fs::remove_file(out_dir.join(&path))?;
                done.push(Written::Removed(path));
            }
        }
    }
    Ok(done)
}

/// The workspace root (the parent of the `xtask` crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// The path from a crate directory inside `out` to the directory `target`,
/// as a generated manifest writes it: relative, so that the tree
/// can move, with `/` separators on every platform.
///
/// Both are made absolute against the current directory first; where they
/// share no root (two Windows drives), `target` is given absolute.
pub fn path_from_generated_crate(out: &Path, target: &Path) -> io::Result<String> {
    let from = std::path::absolute(out)?.join("crate");
    let to = std::path::absolute(target)?;
    let from: Vec<_> = normal_components(&from);
    let to: Vec<_> = normal_components(&to);
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if shared == 0 {
        return Ok(to.join("/"));
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - shared];
    parts.extend(to[shared..].iter().cloned());
    Ok(parts.join("/"))
}

/// The components of an absolute path with `.` and `..` resolved by text.
fn normal_components(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            std::path::Component::RootDir => {
                if parts.is_empty() {
                    parts.push(String::new());
                }
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_reports_each_file_as_what_happened_to_it() {
        let out = std::env::temp_dir().join(format!("xtask-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from("demo-input/src/lib.rs"), "one".to_owned());
        files.insert(PathBuf::from("demo-input/Cargo.toml"), "toml".to_owned());
        let shown = |done: Vec<Written>| done.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            shown(write(&files, &out).unwrap()),
            [
                "written: demo-input/Cargo.toml",
                "written: demo-input/src/lib.rs"
            ]
        );
        assert!(
            write(&files, &out).unwrap().is_empty(),
            "nothing to do twice"
        );
        files.insert(PathBuf::from("demo-input/src/lib.rs"), "two".to_owned());
        std::fs::write(out.join("demo-input/src/old.rs"), "gone").unwrap();
        assert_eq!(
            shown(write(&files, &out).unwrap()),
            [
                "updated: demo-input/src/lib.rs",
                "removed: demo-input/src/old.rs"
            ]
        );
        assert!(check(&files, &out).unwrap().is_empty());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn generated_manifests_reach_the_runtime_by_a_relative_path() {
        let root = Path::new("/work/repo");
        let runtime = root.join("crates");
        let from = |out: &str| path_from_generated_crate(&root.join(out), &runtime).unwrap();
        assert_eq!(from("crates"), "..");
        assert_eq!(from("target/gen"), "../../../crates");
        assert_eq!(from("crates/./x/../"), "..");
        assert_eq!(
            path_from_generated_crate(Path::new("/tmp/out"), &runtime).unwrap(),
            "../../../work/repo/crates"
        );
    }
}
