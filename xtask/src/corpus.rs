//! `cargo xtask corpus DIR... [--build] [--json FILE]`: the generator on
//! every model of a corpus, as a new user would point it at models AWS
//! publishes.
//!
//! Each service is generated whole (its client alone). Where that is
//! refused, each operation is generated alone, so that the line says how
//! much of the service generates and every distinct refusal. `--build`
//! also builds what generated, clippy-clean, in a workspace of its own,
//! and runs the model's endpoint tests (`smithy.rules#endpointTests`,
//! which the generator writes as the input crate's tests).

use crate::client_options as options;
use smithy_lean_codegen::{ENDPOINT_TESTS, Model, generate_from};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What `cargo xtask corpus` was asked for.
pub struct Args {
    dirs: Vec<PathBuf>,
    /// Partition data for the clients, and so for their endpoint tests.
    partitions: PathBuf,
    build: bool,
    json: Option<PathBuf>,
    /// Fail unless every service generates whole (and, with `--build`,
    /// builds clippy-clean): for CI, on models known to.
    expect_whole: bool,
}

impl Args {
    /// Reads the command's arguments (after `corpus`).
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut parsed = Args {
            dirs: Vec::new(),
            partitions: xtask::workspace_root().join("model/partitions.json"),
            build: false,
            json: None,
            expect_whole: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--build" => parsed.build = true,
                "--expect-whole" => parsed.expect_whole = true,
                "--json" => {
                    let file = args.next().ok_or("--json needs a file")?;
                    parsed.json = Some(PathBuf::from(file));
                }
                "--partitions" => {
                    let file = args.next().ok_or("--partitions needs a file")?;
                    parsed.partitions = PathBuf::from(file);
                }
                flag if flag.starts_with("--") => {
                    return Err(format!("corpus: unknown option {flag}\n\n{}", crate::USAGE));
                }
                dir => parsed.dirs.push(PathBuf::from(dir)),
            }
        }
        if parsed.dirs.is_empty() {
            return Err(format!(
                "corpus needs at least one directory\n\n{}",
                crate::USAGE
            ));
        }
        Ok(parsed)
    }
}

/// One service of the corpus, as far as the generator took it.
struct ServiceResult {
    /// The model file's name, without `.json`.
    model: String,
    service: String,
    operations: usize,
    /// The operations that generate, each alone (all of them where `whole`).
    generated: Vec<String>,
    whole: bool,
    seconds: f64,
    warnings: BTreeSet<String>,
    refusals: BTreeSet<String>,
    /// With `--build`: `Ok` if what generated built clippy-clean, else why not.
    build: Option<Result<(), String>>,
    /// With `--build`, where it built: how many endpoint tests passed, else
    /// which failed.
    endpoint_tests: Option<Result<usize, String>>,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<(), String> {
    let mut files = Vec::new();
    for dir in &args.dirs {
        model_files(dir, &mut files).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    }
    files.sort();
    let partitions = std::fs::read_to_string(&args.partitions).map_err(|e| {
        format!(
            "cannot read the partition data {}: {e}",
            args.partitions.display()
        )
    })?;
    let work = std::env::temp_dir().join(format!("xtask-corpus-{}", std::process::id()));
    let mut results = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let name = file
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let model = match Model::parse(&text) {
            Ok(model) => model,
            Err(e) => {
                println!("{name}: not read: {e}");
                continue;
            }
        };
        for service in model.services() {
            let mut result = generate_service(&model, &name, service, &partitions);
            if args.build && !result.generated.is_empty() {
                let dir = work.join(&name);
                let built = build(&model, &result, &dir, &partitions);
                if built.is_ok() {
                    result.endpoint_tests = Some(endpoint_tests(&dir));
                }
                result.build = Some(built);
            }
            println!("{}", line(&result));
            results.push(result);
        }
    }
    // A failed build's workspace is kept, for a look at what clippy said.
    if results
        .iter()
        .any(|r| matches!(r.build, Some(Err(_))) || matches!(r.endpoint_tests, Some(Err(_))))
    {
        println!("failed builds are in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    println!("{}", summary(&results));
    if let Some(json) = &args.json {
        std::fs::write(json, results_json(&results))
            .map_err(|e| format!("cannot write {}: {e}", json.display()))?;
    }
    if args.expect_whole {
        let short: Vec<&str> = results
            .iter()
            .filter(|r| {
                !r.whole
                    || matches!(r.build, Some(Err(_)))
                    || matches!(r.endpoint_tests, Some(Err(_)))
            })
            .map(|r| r.model.as_str())
            .collect();
        if !short.is_empty() {
            return Err(format!(
                "--expect-whole: {} did not generate whole{}",
                short.join(", "),
                if args.build {
                    " or build clippy-clean and pass its endpoint tests"
                } else {
                    ""
                }
            ));
        }
    }
    Ok(())
}

/// Every `.json` file under `dir`, or `dir` itself if it is a file.
fn model_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_owned());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            model_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The service generated whole, else each operation alone.
fn generate_service(model: &Model, name: &str, service: &str, partitions: &str) -> ServiceResult {
    let started = Instant::now();
    let mut result = ServiceResult {
        model: name.to_owned(),
        service: service.to_owned(),
        operations: 0,
        generated: Vec::new(),
        whole: false,
        seconds: 0.0,
        warnings: BTreeSet::new(),
        refusals: BTreeSet::new(),
        build: None,
        endpoint_tests: None,
    };
    let operations = match model.operations(Some(service)) {
        Ok(operations) => operations,
        Err(e) => {
            result.refusals.insert(e.to_string());
            result.seconds = started.elapsed().as_secs_f64();
            return result;
        }
    };
    result.operations = operations.len();
    let options = |operations| {
        let mut options = options(service, operations);
        options.partitions = Some(partitions.to_owned());
        options
    };
    match generate_from(model, &options(Vec::new())) {
        Ok(generated) => {
            result.whole = true;
            result.generated = operations;
            result.warnings.extend(generated.warnings);
        }
        Err(whole) => {
            for operation in operations {
                match generate_from(model, &options(vec![operation.clone()])) {
                    Ok(generated) => {
                        result.generated.push(operation);
                        result.warnings.extend(generated.warnings);
                    }
                    Err(e) => {
                        result.refusals.insert(e.to_string());
                    }
                }
            }
            // Every operation alone, but not all together: the reason is
            // the whole service's.
            if result.refusals.is_empty() {
                result.refusals.insert(format!("together: {whole}"));
            }
        }
    }
    result.seconds = started.elapsed().as_secs_f64();
    result
}

/// Builds the client of the operations that generated, clippy-clean.
fn build(
    model: &Model,
    result: &ServiceResult,
    dir: &Path,
    partitions: &str,
) -> Result<(), String> {
    // Where the service generates whole, every operation (none named).
    let operations = if result.whole {
        Vec::new()
    } else {
        result.generated.clone()
    };
    let runtime = xtask::workspace_root().join("crates");
    let generated_dir = dir.join("generated");
    let mut options = options(&result.service, operations);
    options.partitions = Some(partitions.to_owned());
    options.runtime_dir = Some(
        xtask::path_from_generated_crate(&generated_dir, &runtime)
            .map_err(|e| format!("cannot resolve {}: {e}", runtime.display()))?,
    );
    let generated = generate_from(model, &options)
        .map_err(|e| format!("the operations that generate alone do not together: {e}"))?;
    let io = |e: std::io::Error| format!("cannot write {}: {e}", dir.display());
    xtask::write(&generated.files, &generated_dir).map_err(io)?;
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"generated/*\"]\n",
    )
    .map_err(io)?;
    let lock = std::fs::read_to_string(xtask::workspace_root().join("Cargo.lock")).map_err(io)?;
    std::fs::write(dir.join("Cargo.lock"), lock).map_err(io)?;
    let output = cargo_in(dir)
        .args([
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--quiet",
        ])
        .args(["--", "-D", "warnings"])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error") || line.starts_with("warning"))
        .take(3)
        .collect();
    Err(first.join(" / "))
}

/// Cargo, run in the workspace `dir` with this repository's target
/// directory: the runtime and its dependencies are built once for every
/// service. Without incremental builds, whose state for hundreds of
/// crates built once would fill the disk.
fn cargo_in(dir: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", xtask::workspace_root().join("target"))
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// Runs the workspace's endpoint tests: how many passed, else which failed.
fn endpoint_tests(dir: &Path) -> Result<usize, String> {
    // A model without cases has no test target, which cargo would refuse.
    let has_tests = std::fs::read_dir(dir.join("generated"))
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .any(|krate| krate.path().join("tests").join(ENDPOINT_TESTS).is_dir());
    if !has_tests {
        return Ok(0);
    }
    let output = cargo_in(dir)
        .args(["test", "--offline", "--workspace", "--test", ENDPOINT_TESTS])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (passed, failed) = test_counts(&stdout);
    if output.status.success() {
        return Ok(passed);
    }
    if failed.is_empty() {
        // Not a failed case: the tests did not build or run.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error"))
            .take(3)
            .collect();
        return Err(format!(
            "the endpoint tests did not run: {}",
            first.join(" / ")
        ));
    }
    Err(format!(
        "{} of {} endpoint tests failed: {}",
        failed.len(),
        passed + failed.len(),
        failed.join(", ")
    ))
}

/// From libtest's output: how many tests passed, and the name of each that failed.
fn test_counts(stdout: &str) -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failed = Vec::new();
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.strip_suffix(" ... FAILED"))
        {
            failed.push(name.to_owned());
        } else if line.starts_with("test ") && line.ends_with(" ... ok") {
            passed += 1;
        }
    }
    (passed, failed)
}

/// `name: generated/total operations, seconds, warnings, refusals`, and
/// the first refusal where there is one.
fn line(result: &ServiceResult) -> String {
    let mut line = format!(
        "{}: {}/{} operations{}, {:.2} s, {} warnings, {} refusals",
        result.model,
        result.generated.len(),
        result.operations,
        if result.whole { " (whole)" } else { "" },
        result.seconds,
        result.warnings.len(),
        result.refusals.len(),
    );
    if let Some(first) = result.refusals.first() {
        line.push_str(&format!(": {}", shortened(first)));
    }
    match &result.build {
        Some(Ok(())) => line.push_str("; built clippy-clean"),
        Some(Err(why)) => line.push_str(&format!("; build failed: {}", shortened(why))),
        None => {}
    }
    match &result.endpoint_tests {
        Some(Ok(0)) => line.push_str("; no endpoint tests"),
        Some(Ok(passed)) => line.push_str(&format!("; {passed} endpoint tests pass")),
        Some(Err(why)) => line.push_str(&format!("; {}", shortened(why))),
        None => {}
    }
    line
}

/// At most 200 characters of `text`, on one line.
fn shortened(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    match one_line.char_indices().nth(200) {
        Some((at, _)) => format!("{}...", &one_line[..at]),
        None => one_line,
    }
}

fn summary(results: &[ServiceResult]) -> String {
    let whole = results.iter().filter(|r| r.whole).count();
    let operations: usize = results.iter().map(|r| r.operations).sum();
    let generated: usize = results.iter().map(|r| r.generated.len()).sum();
    let warnings: usize = results.iter().map(|r| r.warnings.len()).sum();
    let refusals: usize = results.iter().map(|r| r.refusals.len()).sum();
    let mut summary = format!(
        "{} services: {whole} whole; {generated} of {operations} operations generate; {warnings} warnings, {refusals} refusals",
        results.len()
    );
    let built: Vec<&Result<(), String>> = results.iter().filter_map(|r| r.build.as_ref()).collect();
    if !built.is_empty() {
        let clean = built.iter().filter(|b| b.is_ok()).count();
        summary.push_str(&format!("; {clean} of {} built clippy-clean", built.len()));
    }
    let tested: Vec<&Result<usize, String>> = results
        .iter()
        .filter_map(|r| r.endpoint_tests.as_ref())
        .collect();
    if !tested.is_empty() {
        let passing = tested.iter().filter(|t| t.is_ok()).count();
        let cases: usize = tested.iter().filter_map(|t| t.as_ref().ok()).sum();
        summary.push_str(&format!(
            "; {passing} of {} pass their endpoint tests ({cases} cases)",
            tested.len()
        ));
    }
    summary
}

fn results_json(results: &[ServiceResult]) -> String {
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "model": r.model,
                "service": r.service,
                "operations": r.operations,
                "generated": r.generated.len(),
                "whole": r.whole,
                "seconds": r.seconds,
                "warnings": r.warnings,
                "refusals": r.refusals,
                "build": r.build.as_ref().map(|b| match b {
                    Ok(()) => serde_json::json!("clean"),
                    Err(why) => serde_json::json!(why),
                }),
                "endpoint_tests": r.endpoint_tests.as_ref().map(|t| match t {
                    Ok(passed) => serde_json::json!({ "passed": passed }),
                    Err(why) => serde_json::json!({ "failed": why }),
                }),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("JSON values serialize")
}
