//! The vendored reference data is what its README says it is, and nothing
//! the project builds or tests reads from outside the repository.

use chime_tests::workspace_root;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The `sha256  file` lines of the digest block of `dir`'s README.
fn listed_digests(dir: &str) -> BTreeMap<String, String> {
    let readme = chime_tests::read(&format!("{dir}/README.md"));
    let block = readme
        .split("```")
        .nth(1)
        .expect("the README has a fenced block of digests");
    block
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (digest, file) = line
                .split_once("  ")
                .unwrap_or_else(|| panic!("not a `digest  file` line: {line:?}"));
            (file.to_owned(), digest.to_owned())
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of every `.json` file under `dir`, by its path from `dir`.
fn present_digests(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            present_digests(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(name, hex(&Sha256::digest(&bytes)));
        }
    }
}

#[test]
fn every_vendored_file_has_the_digest_its_readme_gives() {
    for dir in ["model/reference", "model/corpus"] {
        let root = workspace_root().join(dir);
        let mut present = BTreeMap::new();
        present_digests(&root, &root, &mut present);
        assert_eq!(
            present,
            listed_digests(dir),
            "{dir} holds files whose digests differ from its README, or files it does not list"
        );
    }
}

/// Source and build files, where a path out of the repository would be read.
fn build_inputs(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            if name != "target" && name != ".git" {
                build_inputs(&path, found);
            }
        } else if name.ends_with(".rs") || name.ends_with(".toml") || name == "run" {
            found.push(path);
        }
    }
}

#[test]
fn nothing_reads_the_reference_folder_beside_the_checkout() {
    // Spelled in pieces so that this file does not match itself.
    let sibling = concat!("..", "/", "shared");
    let parent = concat!("join(", "\"..\"", ")");
    let mut files = Vec::new();
    build_inputs(&workspace_root(), &mut files);
    assert!(
        files.len() > 50,
        "the walk found the sources: {}",
        files.len()
    );
    let offending: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            text.contains(sibling) || text.contains(parent)
        })
        .map(|path| {
            path.strip_prefix(workspace_root())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert!(
        offending.is_empty(),
        "these files reach outside the repository: {offending:?}"
    );
}
