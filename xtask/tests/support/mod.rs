//! Generating into a fresh workspace outside this one, and building and
//! running programs against what was generated there.
//!
//! Each workspace borrows this one's lock file, so no version is resolved
//! anew and nothing is downloaded, and all of them share one target
//! directory under this crate's test scratch space, so the dependencies
//! are built once for every test.

// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty directory for one test, removed when the test passes and
/// kept, to be looked at, when it fails.
pub fn fresh_dir(name: &str) -> ScratchDir {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    ScratchDir(dir)
}

/// A test's own directory: see [`fresh_dir`].
pub struct ScratchDir(PathBuf);

impl std::ops::Deref for ScratchDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Runs `cargo xtask codegen` on `model` into `dir/generated`, against this
/// repository's hand-written crates, with `options` (such as `--operations`),
/// and returns what it wrote to standard error (its warnings).
pub fn generate(dir: &Path, model: &Path, options: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(["codegen", "--model"])
        .arg(model)
        .arg("--out")
        .arg(dir.join("generated"))
        .arg("--runtime")
        .arg(xtask::workspace_root().join("crates"));
    command.args(options);
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "codegen failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A program against the generated client crate `client`: its `main.rs`.
pub struct Caller<'a> {
    pub client: &'a str,
    pub main: &'a str,
    /// Whether the program also depends on the output crate with its
    /// `server` feature, to write outputs back as JSON.
    pub writes_outputs: bool,
    /// More of the program's dependencies, as manifest lines.
    pub dependencies: &'a str,
}

/// Makes `dir` a workspace of the generated crates and, if `caller` is
/// given, of that program, with the recording listener as its `listener`
/// module.
pub fn workspace(dir: &Path, caller: Option<Caller>) {
    let mut members = "\"generated/*\"".to_owned();
    if let Some(Caller {
        client,
        main,
        writes_outputs,
        dependencies,
    }) = caller
    {
        members.push_str(", \"caller\"");
        std::fs::create_dir_all(dir.join("caller/src")).unwrap();
        let outputs = if writes_outputs {
            format!(
                "{client}-output = {{ path = \"../generated/{client}-output\", features = [\"server\"] }}\n"
            )
        } else {
            String::new()
        };
        std::fs::write(
            dir.join("caller/Cargo.toml"),
            format!(
                "[package]\nname = \"caller\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{client} = {{ path = \"../generated/{client}\" }}\n{outputs}aws-credential-types = \"1\"\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"net\", \"io-util\", \"time\"] }}\n{dependencies}"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("caller/src/main.rs"), main).unwrap();
        std::fs::write(
            dir.join("caller/src/listener.rs"),
            include_str!("listener.rs"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{members}]\n"),
    )
    .unwrap();
    std::fs::copy(
        xtask::workspace_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
}

/// Runs cargo with `args` in the workspace `dir`, offline, on the shared
/// target directory.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .arg("--offline")
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("standalone"),
        )
        .output()
        .unwrap()
}

/// Fails with cargo's own words unless it succeeded.
pub fn succeeded(output: &Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
