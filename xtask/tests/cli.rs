//! `cargo xtask` as a person runs it.

mod support;

use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn help_prints_the_usage_and_succeeds() {
    for args in [
        &["--help"][..],
        &["codegen", "--help"],
        &["codegen", "-h"],
        &["bench-codegen", "--help"],
    ] {
        let output = xtask(args);
        assert!(output.status.success(), "{args:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("cargo xtask codegen [--check]"),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn an_unknown_argument_fails_with_the_usage() {
    let output = xtask(&["codegen", "--frobnicate"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--frobnicate") && stderr.contains("usage:"),
        "{stderr}"
    );
}

#[test]
fn generating_into_a_new_directory_reports_every_file_as_written() {
    let out = std::env::temp_dir().join(format!("xtask-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let output = xtask(&["codegen", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("written: chime-lean-input/src/lib.rs"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("missing:") && !stdout.contains("stale:"),
        "{stdout}"
    );
    let check = xtask(&["codegen", "--check", "--out", out.to_str().unwrap()]);
    assert!(check.status.success());
    std::fs::remove_dir_all(&out).unwrap();
}

/// Generated crates written outside this workspace build there,
/// clippy-clean: their manifests inherit nothing, and reach the
/// hand-written crates by the path `--runtime` resolves.
#[test]
fn crates_generated_into_a_fresh_directory_build_there() {
    let root = xtask::workspace_root();
    let dir = support::fresh_dir("standalone");
    support::generate(&dir, &root.join("model/chime.json"), &[]);
    let manifest =
        std::fs::read_to_string(dir.join("generated/chime-lean-input/Cargo.toml")).unwrap();
    assert!(!manifest.contains("workspace"), "{manifest}");
    support::workspace(&dir, None);
    let clippy = support::cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    support::succeeded(
        &clippy,
        "the generated crates do not build on their own: clippy",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
