//! `cargo xtask protocol-tests`: Smithy's protocol compliance cases, run
//! against clients generated from the compliance models.
//!
//! For every restJson1 service of the models, the runner generates a client
//! of the operations that have cases (an operation the generator refuses
//! fails its cases with the refusal), writes each case as a Rust test
//! (`smithy_lean_codegen::protocol_tests`), builds and runs them in a
//! workspace under `target/protocol-tests/`, and reports one line per case
//! and a summary.

use crate::client_options as options;
use smithy_lean_codegen::{CaseKind, ProtocolCase};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The restJson1 protocol trait, which marks the services whose cases run.
const PROTOCOL: &str = "aws.protocols#restJson1";

/// The package of the test target in each service's workspace.
const CASES_PACKAGE: &str = "protocol-cases";

/// What the command was asked for.
pub struct Args {
    /// The compliance models' folder.
    pub models: PathBuf,
    /// Where to write the results as JSON.
    pub json: Option<PathBuf>,
    /// Cases (`Service Operation id` lines) that are known to fail.
    pub known_failures: Option<PathBuf>,
}

impl Args {
    /// Reads `[--models DIR] [--json FILE] [--known-failures FILE]`.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = xtask::workspace_root();
        let mut parsed = Args {
            models: root.join("xtask/protocol-tests/models"),
            json: None,
            known_failures: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--models" => parsed.models = value("--models")?,
                "--json" => parsed.json = Some(value("--json")?),
                "--known-failures" => parsed.known_failures = Some(value("--known-failures")?),
                "--help" | "-h" => return Err(crate::USAGE.to_owned()),
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(parsed)
    }
}

/// How one case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The client did what the case says.
    Passed,
    /// It did not, or it could not be tried: why.
    Failed(String),
}

/// One case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The service's shape name, e.g. `RestJson`.
    pub service: String,
    /// The case.
    pub case: ProtocolCase,
    /// How it ended.
    pub outcome: Outcome,
}

impl CaseResult {
    /// `Service Operation id kind`: how a case is named in the report and
    /// in the list of known failures (a request and a response case may
    /// share an id).
    fn key(&self) -> String {
        let kind = match self.case.kind {
            CaseKind::Request => "request",
            CaseKind::Response => "response",
            CaseKind::EventStream => "event-stream",
        };
        format!(
            "{} {} {} {kind}",
            self.service, self.case.operation, self.case.id
        )
    }
}

/// Runs every case and reports; fails when a case fails that is not listed
/// as a known failure, or a listed one passes.
pub fn run(args: &Args) -> Result<(), String> {
    let root = xtask::workspace_root();
    let model = xtask::model::assembled(&[args.models.clone(), root.join("codegen/traits")])?;
    let services = services_of(&model, PROTOCOL)?;
    if services.is_empty() {
        return Err(format!(
            "{} holds no service with the {PROTOCOL} protocol",
            args.models.display()
        ));
    }
    let work = root.join("target/protocol-tests");
    let mut results = Vec::new();
    for service in &services {
        results.extend(run_service(&model, service, &work)?);
    }
    for result in &results {
        match &result.outcome {
            Outcome::Passed => println!("passed  {}", result.key()),
            Outcome::Failed(why) => println!("FAILED  {}: {}", result.key(), first_line(why)),
        }
    }
    if let Some(path) = &args.json {
        std::fs::write(path, results_json(&results))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let passed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Passed)
        .count();
    let failed = results.len() - passed;
    let verdict = match &args.known_failures {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            judge_against_known_failures(&results, &text)
        }
        None if failed > 0 => Err(format!("{failed} cases failed")),
        None => Ok(()),
    };
    if let Err(why) = &verdict {
        eprintln!("{why}");
    }
    println!("{passed} passed, {failed} failed, 0 skipped");
    verdict.map_err(|_| "protocol tests failed".to_owned())
}

/// Every case that failed must be listed, and every listed case must
/// still fail, so that the list only ever shrinks.
fn judge_against_known_failures(results: &[CaseResult], listed: &str) -> Result<(), String> {
    let listed: BTreeSet<&str> = listed
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let mut problems = Vec::new();
    for result in results {
        let key = result.key();
        match (&result.outcome, listed.contains(key.as_str())) {
            (Outcome::Failed(why), false) => {
                problems.push(format!(
                    "failed, and not a known failure: {key}: {}",
                    first_line(why)
                ));
            }
            (Outcome::Passed, true) => {
                problems.push(format!(
                    "passes now: remove it from the known failures: {key}"
                ));
            }
            _ => {}
        }
    }
    let run: BTreeSet<String> = results.iter().map(CaseResult::key).collect();
    for key in listed {
        if !run.contains(key) {
            problems.push(format!(
                "listed as a known failure, but no such case ran: {key}"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// The ids of the services that have the protocol trait, in id order.
fn services_of(model: &str, protocol: &str) -> Result<Vec<String>, String> {
    let model: serde_json::Value =
        serde_json::from_str(model).map_err(|e| format!("the assembled model: {e}"))?;
    let shapes = model
        .get("shapes")
        .and_then(serde_json::Value::as_object)
        .ok_or("the assembled model has no shapes")?;
    Ok(shapes
        .iter()
        .filter(|(_, shape)| {
            shape.get("type").and_then(serde_json::Value::as_str) == Some("service")
                && shape
                    .get("traits")
                    .and_then(|traits| traits.get(protocol))
                    .is_some()
        })
        .map(|(id, _)| id.clone())
        .collect())
}

/// Generates the service's client and tests, builds and runs them.
fn run_service(model: &str, service_id: &str, work: &Path) -> Result<Vec<CaseResult>, String> {
    let service = service_id
        .rsplit_once('#')
        .map_or(service_id, |(_, name)| name)
        .to_owned();
    let cases =
        smithy_lean_codegen::protocol_cases(model, service_id).map_err(|e| e.to_string())?;
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let mut operations: Vec<String> = Vec::new();
    for case in &cases {
        if operations.contains(&case.operation) || refused.contains_key(&case.operation) {
            continue;
        }
        let options = options(service_id, vec![case.operation.clone()]);
        match smithy_lean_codegen::generate(model, &options) {
            Ok(_) => operations.push(case.operation.clone()),
            Err(e) => {
                refused.insert(
                    case.operation.clone(),
                    format!("the generator refuses it: {e}"),
                );
            }
        }
    }
    let fail_all = |why: &str| -> Vec<CaseResult> {
        cases
            .iter()
            .map(|case| CaseResult {
                service: service.clone(),
                case: case.clone(),
                outcome: Outcome::Failed(
                    refused
                        .get(&case.operation)
                        .cloned()
                        .unwrap_or_else(|| why.to_owned()),
                ),
            })
            .collect()
    };
    if operations.is_empty() {
        return Ok(fail_all("no operation generates"));
    }
    let dir = work.join(&service);
    let runtime = xtask::workspace_root().join("crates");
    let mut options = options(service_id, operations);
    options.runtime_dir = Some(
        xtask::path_from_generated_crate(&dir.join("generated"), &runtime)
            .map_err(|e| format!("cannot resolve {}: {e}", runtime.display()))?,
    );
    let generated = match smithy_lean_codegen::generate(model, &options) {
        Ok(generated) => generated.files,
        Err(e) => {
            return Ok(fail_all(&format!(
                "the operations do not generate together: {e}"
            )));
        }
    };
    let suite = smithy_lean_codegen::protocol_tests(model, &options).map_err(|e| e.to_string())?;
    write_workspace(&dir, &generated, &suite.client_crate, &suite.source)?;
    let test_outcomes = cargo_test(&dir, work)?;
    // In the order of the service's cases; those of a refused operation
    // are not in the suite.
    let written = |case: &ProtocolCase| {
        suite
            .cases
            .iter()
            .find(|(written, _)| written == case)
            .map(|(_, path)| path)
    };
    Ok(cases
        .iter()
        .map(|case| {
            let outcome = match (refused.get(&case.operation), written(case)) {
                (Some(why), _) => Outcome::Failed(why.clone()),
                (None, None) => Outcome::Failed("the generator wrote no test for it".to_owned()),
                (None, Some(Err(why))) => {
                    Outcome::Failed(format!("cannot be written as a test: {why}"))
                }
                (None, Some(Ok(path))) => match &test_outcomes {
                    Err(build) => {
                        Outcome::Failed(format!("the generated client does not build: {build}"))
                    }
                    Ok(outcomes) => outcomes.get(path).cloned().unwrap_or_else(|| {
                        Outcome::Failed(format!("the test `{path}` did not run"))
                    }),
                },
            };
            CaseResult {
                service: service.clone(),
                case: case.clone(),
                outcome,
            }
        })
        .collect())
}

/// The generated crates under `generated/`, and the test package beside
/// them, as one workspace on this repository's lock file.
fn write_workspace(
    dir: &Path,
    generated: &BTreeMap<PathBuf, String>,
    client: &str,
    tests: &str,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write {}: {e}", dir.display());
    xtask::write(generated, &dir.join("generated")).map_err(io)?;
    let cases = dir.join(CASES_PACKAGE);
    std::fs::create_dir_all(cases.join("tests")).map_err(io)?;
    // The test package is a crate directory inside `dir`, as each generated one is in `generated/`.
    let support = xtask::path_from_generated_crate(
        dir,
        &xtask::workspace_root().join("crates/smithy-lean-protocol-test"),
    )
    .map_err(io)?;
    let manifest = format!(
        "[package]\nname = \"{CASES_PACKAGE}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dev-dependencies]\n\
         {client} = {{ path = \"../generated/{client}\" }}\n\
         {client}-input = {{ path = \"../generated/{client}-input\" }}\n\
         {client}-output = {{ path = \"../generated/{client}-output\" }}\n\
         {client}-error = {{ path = \"../generated/{client}-error\" }}\n\
         smithy-lean-protocol-test = {{ path = \"{support}\" }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n"
    );
    write_if_changed(&cases.join("Cargo.toml"), &manifest).map_err(io)?;
    write_if_changed(
        &cases.join("src/lib.rs"),
        "//! Smithy's compliance cases, in `tests/`.\n",
    )
    .map_err(io)?;
    write_if_changed(&cases.join("tests/cases.rs"), tests).map_err(io)?;
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\"generated/*\", \"{CASES_PACKAGE}\"]\n"
        ),
    )
    .map_err(io)?;
    let lock = std::fs::read_to_string(xtask::workspace_root().join("Cargo.lock")).map_err(io)?;
    write_if_changed(&dir.join("Cargo.lock"), &lock).map_err(io)
}

/// Writes only a changed file, so that cargo rebuilds only what changed.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Builds and runs the cases; each test's outcome by its path, or why the
/// tests did not build.
fn cargo_test(
    dir: &Path,
    work: &Path,
) -> Result<Result<BTreeMap<String, Outcome>, String>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--offline", "--no-fail-fast", "-p", CASES_PACKAGE])
        .args(["--test", "cases", "--", "--test-threads", "2"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let outcomes = test_outcomes(&stdout);
    if outcomes.is_empty() && !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error"))
            .take(3)
            .collect();
        return Ok(Err(if errors.is_empty() {
            stderr.lines().take(5).collect::<Vec<_>>().join(" / ")
        } else {
            errors.join(" / ")
        }));
    }
    Ok(Ok(outcomes))
}

/// Each test's outcome from libtest's output: `test PATH ... ok` or
/// `FAILED`, and for a failure the message of its panic.
fn test_outcomes(stdout: &str) -> BTreeMap<String, Outcome> {
    let mut outcomes = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        if let Some(path) = rest.strip_suffix(" ... ok") {
            outcomes.insert(path.to_owned(), Outcome::Passed);
        } else if let Some(path) = rest.strip_suffix(" ... FAILED") {
            outcomes.insert(path.to_owned(), Outcome::Failed(String::new()));
        }
    }
    // `---- PATH stdout ----` opens each failure's captured output.
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(path) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            current = Some(path.to_owned());
            continue;
        }
        if line == "failures:" || line.starts_with("test result:") {
            current = None;
        }
        let Some(path) = &current else { continue };
        if line.starts_with("thread '") && line.contains("panicked at") {
            continue;
        }
        if let Some(Outcome::Failed(message)) = outcomes.get_mut(path)
            && !line.trim().is_empty()
            && !line.starts_with("note: run with `RUST_BACKTRACE")
        {
            if !message.is_empty() {
                message.push('\n');
            }
            message.push_str(line);
        }
    }
    for outcome in outcomes.values_mut() {
        if let Outcome::Failed(message) = outcome
            && message.is_empty()
        {
            message.push_str("the test failed");
        }
    }
    outcomes
}

/// The results as a JSON array, one object per case.
fn results_json(results: &[CaseResult]) -> String {
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|result| {
            let (outcome, message) = match &result.outcome {
                Outcome::Passed => ("passed", String::new()),
                Outcome::Failed(why) => ("failed", why.clone()),
            };
            serde_json::json!({
                "service": result.service,
                "operation": result.case.operation,
                "id": result.case.id,
                "kind": match result.case.kind {
                    CaseKind::Request => "request",
                    CaseKind::Response => "response",
                    CaseKind::EventStream => "event-stream",
                },
                "result": outcome,
                "message": message,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("JSON values print");
    text.push('\n');
    text
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{CaseResult, Outcome, judge_against_known_failures, test_outcomes};
    use smithy_lean_codegen::{CaseKind, ProtocolCase};

    fn result(id: &str, outcome: Outcome) -> CaseResult {
        CaseResult {
            service: "S".to_owned(),
            case: ProtocolCase {
                operation: "Op".to_owned(),
                id: id.to_owned(),
                kind: CaseKind::Request,
                error: None,
            },
            outcome,
        }
    }

    #[test]
    fn libtest_output_gives_each_test_its_outcome_and_panic_message() {
        let stdout = "\nrunning 3 tests\ntest op::a ... ok\ntest op::b ... FAILED\ntest op::c ... FAILED\n\nfailures:\n\n---- op::b stdout ----\n\nthread 'op::b' (12) panicked at tests/cases.rs:3:5:\nthe request differs from the case:\n  uri: expected /a, sent /b\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    op::b\n    op::c\n\ntest result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n";
        let outcomes = test_outcomes(stdout);
        assert_eq!(outcomes["op::a"], Outcome::Passed);
        assert_eq!(
            outcomes["op::b"],
            Outcome::Failed(
                "the request differs from the case:\n  uri: expected /a, sent /b".to_owned()
            )
        );
        assert_eq!(
            outcomes["op::c"],
            Outcome::Failed("the test failed".to_owned())
        );
        assert_eq!(outcomes.len(), 3);
    }

    #[test]
    fn known_failures_must_fail_and_be_the_only_failures() {
        let results = [
            result("Passes", Outcome::Passed),
            result("Fails", Outcome::Failed("why".to_owned())),
        ];
        assert!(judge_against_known_failures(&results, "# header\nS Op Fails request\n").is_ok());
        let unlisted = judge_against_known_failures(&results, "").unwrap_err();
        assert_eq!(
            unlisted,
            "failed, and not a known failure: S Op Fails request: why"
        );
        let listed = "S Op Fails request\nS Op Passes request\nS Op Gone request\n";
        let stale = judge_against_known_failures(&results, listed).unwrap_err();
        assert_eq!(
            stale,
            "passes now: remove it from the known failures: S Op Passes request\nlisted as a known failure, but no such case ran: S Op Gone request"
        );
    }
}
