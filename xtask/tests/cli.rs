//! `cargo xtask` as a person runs it.

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
        stdout.contains("written: chime-input/src/lib.rs"),
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

/// Generated crates written outside this workspace build there: their
/// manifests inherit nothing, and reach the runtime by the path `--runtime`
/// resolves. The temporary workspace borrows this one's lock file, so no
/// version is resolved anew and nothing is downloaded.
#[test]
fn crates_generated_into_a_fresh_directory_build_there() {
    let root = xtask::workspace_root();
    let dir = std::env::temp_dir().join(format!("xtask-standalone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("generated");
    let output = xtask(&[
        "codegen",
        "--out",
        out.to_str().unwrap(),
        "--runtime",
        root.join("crates").to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("chime-input/Cargo.toml")).unwrap();
    assert!(!manifest.contains("workspace"), "{manifest}");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"generated/*\"]\n",
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let check = Command::new(env!("CARGO"))
        .args([
            "check",
            "--offline",
            "--quiet",
            "--workspace",
            "--all-features",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "the generated crates do not build on their own:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
