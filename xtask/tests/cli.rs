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
fn generating_prints_a_summary_and_each_file_only_when_asked() {
    let out = std::env::temp_dir().join(format!("xtask-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let output = xtask(&["codegen", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // A summary: what was generated, how many files were written, and what
    // to run next; not one line per file.
    assert!(lines.len() <= 3, "{stdout}");
    assert!(
        stdout.contains("generated chime-lean and its 3 type crates: 1 operation, "),
        "{stdout}"
    );
    assert!(stdout.contains(" written, 0 unchanged"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "next: cargo build --manifest-path {}",
            out.join("chime-lean/Cargo.toml").display()
        )),
        "{stdout}"
    );
    assert!(
        !stdout.contains("written: chime-lean-input/src/lib.rs"),
        "{stdout}"
    );
    // Again, verbose: every file, each unchanged now.
    let output = xtask(&["codegen", "--verbose", "--out", out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("unchanged: chime-lean-input/src/lib.rs"),
        "{stdout}"
    );
    assert!(stdout.contains("(0 written, "), "{stdout}");
    let check = xtask(&["codegen", "--check", "--out", out.to_str().unwrap()]);
    assert!(check.status.success());
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn crates_generated_outside_this_workspace_depend_on_the_runtime_by_version() {
    let out = std::env::temp_dir().join(format!("xtask-cli-versions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let manifest = |args: &[&str]| {
        let _ = std::fs::remove_dir_all(&out);
        let mut all = vec!["codegen", "--client-only", "--out", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = xtask(&all);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read_to_string(out.join("chime-lean/Cargo.toml")).unwrap()
    };
    let version = smithy_lean_codegen::RUNTIME_VERSION;
    let published = manifest(&[]);
    assert!(
        published.contains(&format!("smithy-lean-client = \"{version}\"")),
        "{published}"
    );
    let runtime_lines = |manifest: &str| -> Vec<String> {
        manifest
            .lines()
            .filter(|line| line.starts_with("smithy-lean-"))
            .map(str::to_owned)
            .collect()
    };
    assert!(
        runtime_lines(&published)
            .iter()
            .all(|line| !line.contains("path")),
        "{published}"
    );
    // `--runtime DIR`: a local path, as asked.
    let local = manifest(&[
        "--runtime",
        xtask::workspace_root().join("crates").to_str().unwrap(),
    ]);
    let local = runtime_lines(&local);
    assert!(
        local.len() == 2 && local.iter().all(|line| line.contains("path = ")),
        "{local:?}"
    );
    std::fs::remove_dir_all(&out).unwrap();
    // Inside this workspace (the default `crates/`), paths: what
    // `cargo xtask codegen` keeps fresh there.
    let committed =
        std::fs::read_to_string(xtask::workspace_root().join("crates/chime-lean/Cargo.toml"))
            .unwrap();
    assert!(
        committed.contains("path = \"../smithy-lean-client\""),
        "{committed}"
    );
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
}

/// The service's side of the wire is written for the embedded model, which
/// `chime-local` serves from, and for another model only when asked.
#[test]
fn the_service_side_is_written_for_the_embedded_model_and_where_asked() {
    let root = xtask::workspace_root();
    let model = root.join("model/chime.json");
    let model = model.to_str().unwrap();
    let cases: [(&[&str], bool); 4] = [
        (&[], true),
        (&["--client-only"], false),
        (&["--model", model], false),
        (&["--model", model, "--server"], true),
    ];
    for (index, (args, server_side)) in cases.into_iter().enumerate() {
        let out = support::fresh_dir(&format!("service-side-{index}"));
        let mut all = vec!["codegen", "--out", out.to_str().unwrap()];
        all.extend(args);
        let output = xtask(&all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let manifest = std::fs::read_to_string(out.join("chime-lean-output/Cargo.toml")).unwrap();
        assert_eq!(manifest.contains("server = []"), server_side, "{args:?}");
        let output_structure = std::fs::read_to_string(
            out.join("chime-lean-output/src/create_app_instance_output.rs"),
        )
        .unwrap();
        assert_eq!(
            output_structure.contains("pub fn to_json"),
            server_side,
            "{args:?}: {output_structure}"
        );
        let input_structure =
            std::fs::read_to_string(out.join("chime-lean-input/src/create_app_instance_input.rs"))
                .unwrap();
        assert_eq!(
            input_structure.contains("pub fn from_json"),
            server_side,
            "{args:?}"
        );
        assert!(input_structure.contains("pub fn to_json"), "{args:?}");
    }
}

#[test]
fn model_to_json_prints_the_model_of_idl_and_json_files_together() {
    let dir = support::fresh_dir("to-json");
    let idl = dir.join("a.smithy");
    std::fs::write(
        &idl,
        "$version: \"2\"\nnamespace ex.a\n\n/// Who.\n@length(min: 1)\nstring Name\n",
    )
    .unwrap();
    let ast = dir.join("b.json");
    std::fs::write(
        &ast,
        r#"{"smithy": "2.0", "shapes": {"ex.b#Id": {"type": "string"}}}"#,
    )
    .unwrap();
    let output = xtask(&[
        "model",
        "--to-json",
        idl.to_str().unwrap(),
        ast.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        model,
        serde_json::json!({"smithy": "2.0", "shapes": {
            "ex.a#Name": {"type": "string", "traits": {
                "smithy.api#documentation": "Who.",
                "smithy.api#length": {"min": 1}
            }},
            "ex.b#Id": {"type": "string"}
        }})
    );
    // A directory holds the same files.
    let output = xtask(&["model", "--to-json", dir.to_str().unwrap()]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap(),
        model
    );
}

#[test]
fn model_to_json_names_the_file_line_and_column_it_refuses_and_exits_1() {
    let dir = support::fresh_dir("to-json-refused");
    let idl = dir.join("broken.smithy");
    std::fs::write(
        &idl,
        "$version: \"2\"\nnamespace ex\n\nstructure S {\n  a String\n}\n",
    )
    .unwrap();
    let output = xtask(&["model", "--to-json", idl.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "{}:5:5: Expected COLON(':') but found IDENTIFIER('String')",
            idl.display()
        )
    );
    assert!(output.stdout.is_empty());
    let output = xtask(&["model", "--to-json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
}

#[test]
fn codegen_reads_a_directory_of_model_files_as_one_model() {
    // The embedded model, in a directory of its own, generates exactly the
    // committed crates.
    let dir = support::fresh_dir("model-dir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    std::fs::copy(root.join("model/chime.json"), dir.join("chime.json")).unwrap();
    let test_partitions = root.join(xtask::EMBEDDED_MODEL_TEST_PARTITIONS);
    let output = xtask(&[
        "codegen",
        "--check",
        "--server",
        "--test-partitions",
        test_partitions.to_str().unwrap(),
        "--model",
        dir.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // A file the reader refuses stops generation, named.
    std::fs::write(dir.join("extra.smithy"), "namespace x\nstring\n").unwrap();
    let output = xtask(&["codegen", "--check", "--model", dir.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("extra.smithy:2:7: Expected SPACE but found NEWLINE"),
        "{stderr}"
    );
}

#[test]
fn model_to_idl_writes_a_model_that_reads_back_the_same() {
    let dir = support::fresh_dir("to-idl");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let json = root.join("model/chime.json");
    let output = xtask(&["model", "--to-idl", json.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let idl = String::from_utf8(output.stdout).unwrap();
    assert!(idl.starts_with("$version: \"2.0\"\n"), "{idl}");
    assert!(idl.contains("\nnamespace com.amazonaws.chime\n"), "{idl}");
    let written = dir.join("chime.smithy");
    std::fs::write(&written, &idl).unwrap();
    let back = xtask(&["model", "--to-json", written.to_str().unwrap()]);
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(back, original);
    // The generator reads the IDL file as the model it came from.
    let test_partitions = root.join(xtask::EMBEDDED_MODEL_TEST_PARTITIONS);
    let output = xtask(&[
        "codegen",
        "--check",
        "--server",
        "--test-partitions",
        test_partitions.to_str().unwrap(),
        "--model",
        written.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn corpus_generates_each_service_whole_or_each_operation_alone_and_says_how_far_it_got() {
    let dir = support::fresh_dir("corpus");
    let root = xtask::workspace_root();
    std::fs::copy(
        root.join("model/corpus/rbin/service/2021-06-15/rbin-2021-06-15.json"),
        dir.join("rbin.json"),
    )
    .unwrap();
    // A service one of whose two operations the generator refuses.
    let model = serde_json::json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Good"}, {"target": "ex#Bad"}],
            "traits": {"aws.api#service": {"sdkId": "Ex"}, "aws.protocols#restJson1": {}}},
        "ex#Good": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/good"}}},
        "ex#Bad": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/bad"}, "aws.api#clientDiscoveredEndpoint": {"required": true}}}
    }});
    std::fs::create_dir(dir.join("nested")).unwrap();
    std::fs::write(dir.join("nested/partly.json"), model.to_string()).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a model").unwrap();
    let json = dir.join("results.json");
    let output = xtask(&[
        "corpus",
        dir.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with("partly: 1/2 operations, ") && lines[0].ends_with(
            ", 0 warnings, 1 refusals: ex#Bad: trait `aws.api#clientDiscoveredEndpoint`: not supported by this generator: endpoint discovery is not generated yet"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("rbin: 10/10 operations (whole), ")
            && lines[1].ends_with(", 9 warnings, 0 refusals"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        "2 services: 1 whole; 11 of 12 operations generate; 9 warnings, 1 refusals"
    );
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(results[0]["generated"], 1);
    assert_eq!(results[0]["whole"], false);
    assert_eq!(results[1]["service"], "com.amazonaws.rbin#AmazonRecycleBin");
    // Asked to expect every service whole, the run fails naming the one that is not.
    let output = xtask(&["corpus", dir.to_str().unwrap(), "--expect-whole"]);
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "--expect-whole: partly did not generate whole"
    );
}
