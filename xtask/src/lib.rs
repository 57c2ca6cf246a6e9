//! Writing generated files, and checking that committed ones are fresh.
//!
//! The generator owns each crate directory it emits whole: a file there that
//! it did not produce is reported as extra, so a renamed shape cannot leave a
//! stale module behind.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
/// removes extra files. Returns what it changed.
pub fn write(files: &BTreeMap<PathBuf, String>, out_dir: &Path) -> io::Result<Vec<Drift>> {
    let drift = check(files, out_dir)?;
    for item in &drift {
        match item {
            Drift::Stale(path) | Drift::Missing(path) => {
                let full = out_dir.join(path);
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(full, &files[path])?;
            }
            Drift::Extra(path) => std::fs::remove_file(out_dir.join(path))?,
        }
    }
    Ok(drift)
}

/// The workspace root (the parent of the `xtask` crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}
