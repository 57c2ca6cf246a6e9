//! `cargo xtask codegen [--check] [--model PATH] [--out DIR] [--runtime DIR] [--operations A,B] [--server]`,
//! `cargo xtask model --to-json|--to-idl FILE...`, `cargo xtask corpus DIR...`,
//! `cargo xtask bench-codegen` and
//! `cargo xtask bench`.

mod bench;
mod corpus;
mod protocol_tests;

use smithy_lean_codegen::{Options, generate};
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--verbose] [--model PATH] [--partitions PATH] [--out DIR] [--runtime DIR]
                      [--service ID] [--operations A,B] [--crate-prefix NAME]
                      [--test-partitions PATH] [--no-endpoint-tests] [--server | --client-only]
      Generates the input, output and error crates from the Smithy model.
      --model       the Smithy model: a JSON AST file, an IDL (.smithy) file, or a
                    directory of either (default: model/chime.smithy, whose JSON AST
                    is then written to model/chime.json too, and checked with --check)
      --partitions  botocore partition data for aws.partition (default: model/partitions.json)
      --test-partitions
                    partition data for the model's endpoint tests alone, which expect the
                    data of their time (default: for the embedded model, whose cases date
                    from 2023, model/reference/partitions-botocore-1.37.1.json; with
                    --model, the client's own)
      --no-endpoint-tests
                    do not write the model's smithy.rules#endpointTests cases as the input
                    crate's tests/endpoint_rules.rs
      --out         the directory that holds the crates (default: crates)
      --runtime     the directory that holds smithy-lean-runtime and smithy-lean-client,
                    which generated crates then depend on by path (default: inside this
                    repository, its crates; elsewhere, none: the published crates, by version)
      --service     the service to generate, by absolute shape id, where the model has
                    several (default: the model's only service)
      --operations  operation names to keep (default: every operation of the service)
      --crate-prefix
                    the client crate's name, which the type crates' extend (default:
                    chime-lean; the generator's own default is the sdkId in kebab case)
      --server      also write the service's side of the wire (reading requests, writing
                    responses), behind each crate's `server` feature, for local services
                    and test doubles (default: only for the embedded model, which
                    chime-local serves; with --model, only if asked)
      --client-only write the client's side only, even for the embedded model
      --check       write nothing; fail naming every stale, missing or extra file
      --verbose     list every file, written or unchanged, before the summary
  cargo xtask model --to-json FILE...
  cargo xtask model --to-idl FILE...
      Prints the model of the IDL (.smithy) and JSON AST files given (directories
      too) as one JSON AST, or as one IDL 2.0 file; a file that cannot be read is
      named with its line and column on standard error, and the command exits 1.
  cargo xtask protocol-tests [--models DIR] [--json FILE] [--known-failures FILE]
      Runs Smithy's protocol compliance cases (smithy.test#httpRequestTests and
      httpResponseTests that apply to clients) of every restJson1 service of the
      models against a client generated from them, one Rust test per case, and
      prints one line per case and `N passed, M failed, K skipped`.
      --models      the compliance models (default: xtask/protocol-tests/models,
                    read with the trait definitions in codegen/traits)
      --json        also write the results, one object per case, to FILE
      --known-failures
                    cases (`Service Operation id request|response`, one a line) that may fail; any
                    other failure, or a listed case that passes, fails the run
  cargo xtask corpus DIR... [--build] [--json FILE] [--partitions PATH] [--expect-whole]
      Generates every service of every JSON AST model under the directories (the
      client alone), each whole, else each operation alone, and prints one line
      per service: operations generated of all, seconds, warnings and refusals
      (the first of them), then a summary.
      --build       also builds what generated, clippy-clean, in a workspace of its own,
                    and runs the model's endpoint tests there
      --partitions  botocore partition data for the clients and their endpoint tests
                    (default: model/partitions.json)
      --json        also write the results, one object per service, to FILE
      --expect-whole
                    fail unless every service generates whole (and, with --build, builds
                    and passes its endpoint tests)
  cargo xtask bench-codegen [--iterations N]
      Times generation against a bare serde_json parse of the same model, and the
      IDL reader over the legacy model written as IDL against serde_json over its
      JSON AST.
  cargo xtask bench [--rest-json]
      Compares this client with the AWS SDK for Rust (build time, dependencies,
      instructions and calls per call) and code generation, and measures the client
      of the compliance RestJson service; writes docs/benchmarks.md and
      docs/benchmarks.svg. Takes several minutes.
      --rest-json   prints the RestJson client's section alone, writing nothing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("codegen") => codegen(&args[1..]),
        Some("model") => model(&args[1..]),
        Some("corpus") => corpus::Args::parse(&args[1..]).and_then(|args| corpus::run(&args)),
        Some("protocol-tests") => {
            protocol_tests::Args::parse(&args[1..]).and_then(|args| protocol_tests::run(&args))
        }
        Some("bench-codegen") => in_release(&args).unwrap_or_else(|| bench_codegen(&args[1..])),
        Some("bench") if args.len() == 1 => in_release(&args).unwrap_or_else(bench::run_all),
        Some("bench") if args.len() == 2 && args[1] == "--rest-json" => {
            in_release(&args).unwrap_or_else(bench::run_rest_json)
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// What the client of `service`'s `operations` (all where none are named)
/// is generated with: the client's side alone, as a new user would.
pub(crate) fn client_options(service: &str, operations: Vec<String>) -> Options {
    Options {
        service: Some(service.to_owned()),
        operations,
        server: false,
        ..Options::default()
    }
}

/// Runs this command again from an optimised build when this one is not:
/// `cargo xtask` builds without optimisations, and timing the generator
/// so would measure the compiler's debug build of it, not the generator.
/// `None` when this build is the optimised one.
fn in_release(args: &[String]) -> Option<Result<(), String>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(xtask::workspace_root())
        .status();
    Some(match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("the optimised build of xtask failed: {status}")),
        Err(e) => Err(format!(
            "cannot run cargo for the optimised build of xtask: {e}"
        )),
    })
}

/// What `cargo xtask codegen` was asked for.
enum CodegenRequest {
    Help,
    // Boxed: the options are large, and `Help` carries nothing.
    Run(Box<CodegenArgs>),
}

struct CodegenArgs {
    check: bool,
    model: PathBuf,
    /// Where the model's JSON AST is kept beside it: the embedded model's.
    json_beside: Option<PathBuf>,
    partitions: PathBuf,
    test_partitions: Option<PathBuf>,
    out: PathBuf,
    /// `--runtime`, where given.
    runtime: Option<PathBuf>,
    verbose: bool,
    options: Options,
}

fn parse_codegen_args(args: &[String]) -> Result<CodegenRequest, String> {
    let root = xtask::workspace_root();
    let mut parsed = CodegenArgs {
        check: false,
        model: root.join("model/chime.smithy"),
        json_beside: Some(root.join("model/chime.json")),
        partitions: root.join("model/partitions.json"),
        test_partitions: None,
        out: root.join("crates"),
        runtime: None,
        verbose: false,
        options: Options {
            crate_prefix: Some(xtask::REPOSITORY_CRATE_PREFIX.to_owned()),
            ..Options::default()
        },
    };
    let mut server = None;
    let mut model_given = false;
    let mut test_partitions = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n\n{USAGE}"))
        };
        match arg.as_str() {
            "--help" | "-h" => return Ok(CodegenRequest::Help),
            "--check" => parsed.check = true,
            "--verbose" => parsed.verbose = true,
            "--model" => {
                parsed.model = PathBuf::from(value("--model")?);
                parsed.json_beside = None;
                model_given = true;
            }
            "--server" => server = Some(true),
            "--client-only" => server = Some(false),
            "--partitions" => parsed.partitions = PathBuf::from(value("--partitions")?),
            "--test-partitions" => {
                test_partitions = Some(PathBuf::from(value("--test-partitions")?));
            }
            "--no-endpoint-tests" => parsed.options.endpoint_tests = false,
            "--out" => parsed.out = PathBuf::from(value("--out")?),
            "--runtime" => parsed.runtime = Some(PathBuf::from(value("--runtime")?)),
            "--crate-prefix" => parsed.options.crate_prefix = Some(value("--crate-prefix")?),
            "--service" => parsed.options.service = Some(value("--service")?),
            "--operations" => {
                parsed.options.operations = value("--operations")?
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    parsed.options.server = server.unwrap_or(!model_given);
    parsed.test_partitions = match (test_partitions, model_given) {
        (Some(given), _) => Some(given),
        (None, false) => Some(root.join(xtask::EMBEDDED_MODEL_TEST_PARTITIONS)),
        (None, true) => None,
    };
    Ok(CodegenRequest::Run(Box::new(parsed)))
}

fn codegen(args: &[String]) -> Result<(), String> {
    let args = match parse_codegen_args(args)? {
        CodegenRequest::Help => {
            println!("{USAGE}");
            return Ok(());
        }
        CodegenRequest::Run(args) => args,
    };
    let model = xtask::model::model_text(&args.model)?;
    let mut options = args.options;
    // The legacy namespace's model cannot say where to go: from whichever
    // file it comes, its deprecations carry this repository's advice.
    if xtask::is_embedded_service(&model) {
        options.deprecation_advice = Some(xtask::EMBEDDED_MODEL_DEPRECATION_ADVICE.to_owned());
    }
    options.package = xtask::repository_package_metadata(&xtask::workspace_root())
        .map_err(|e| format!("cannot read the licence files: {e}"))?;
    options.partitions = Some(std::fs::read_to_string(&args.partitions).map_err(|e| {
        format!(
            "cannot read the partition data {}: {e}",
            args.partitions.display()
        )
    })?);
    if let Some(path) = &args.test_partitions {
        options.test_partitions = Some(std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read the endpoint tests' partition data {}: {e}",
                path.display()
            )
        })?);
    }
    // Inside this workspace, the hand-written crates beside the generated
    // ones; elsewhere, the published ones, unless `--runtime` says where.
    let root = xtask::workspace_root();
    let runtime = args.runtime.clone().or_else(|| {
        std::path::absolute(&args.out)
            .is_ok_and(|out| out.starts_with(&root))
            .then(|| root.join("crates"))
    });
    options.runtime_dir = match &runtime {
        Some(dir) => Some(
            xtask::path_from_generated_crate(&args.out, dir)
                .map_err(|e| format!("cannot resolve {}: {e}", dir.display()))?,
        ),
        None => None,
    };
    let generated =
        generate(&model, &options).map_err(|e| format!("code generation failed: {e}"))?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let files = &generated.files;
    if let Some(json) = &args.json_beside {
        let committed = std::fs::read_to_string(json).unwrap_or_default();
        if committed != model {
            if args.check {
                return Err(format!(
                    "{} is not the JSON AST of {}: run `cargo xtask codegen` and commit the result",
                    json.display(),
                    args.model.display()
                ));
            }
            std::fs::write(json, &model)
                .map_err(|e| format!("cannot write {}: {e}", json.display()))?;
            println!("updated: {}", json.display());
        }
    }
    if args.check {
        let drift = xtask::check(files, &args.out)
            .map_err(|e| format!("cannot read {}: {e}", args.out.display()))?;
        if drift.is_empty() {
            println!("generated code is fresh ({} files)", files.len());
            return Ok(());
        }
        let list: Vec<String> = drift.iter().map(|d| format!("  {d}")).collect();
        return Err(format!(
            "generated code in {} is out of date:\n{}\nrun `cargo xtask codegen` and commit the result",
            args.out.display(),
            list.join("\n")
        ));
    }
    let changed = xtask::write(files, &args.out)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    if args.verbose {
        for item in &changed {
            println!("{item}");
        }
        let touched: std::collections::BTreeSet<&std::path::Path> =
            changed.iter().map(xtask::Written::path).collect();
        for path in files
            .keys()
            .filter(|path| !touched.contains(path.as_path()))
        {
            println!("unchanged: {}", path.display());
        }
    }
    let written = changed
        .iter()
        .filter(|item| !matches!(item, xtask::Written::Removed(_)))
        .count();
    let removed = changed.len() - written;
    let operations = match generated.operations {
        1 => "1 operation".to_owned(),
        n => format!("{n} operations"),
    };
    let removed = match removed {
        0 => String::new(),
        n => format!(", {n} removed"),
    };
    println!(
        "generated {} and its 3 type crates: {operations}, {} files ({written} written, {} unchanged{removed}) in {}",
        generated.client_crate,
        files.len(),
        files.len() - written,
        args.out.display()
    );
    let manifest = args.out.join(&generated.client_crate).join("Cargo.toml");
    match std::path::absolute(&manifest).is_ok_and(|m| m.starts_with(&root)) {
        true => println!("next: cargo build -p {}", generated.client_crate),
        false => println!("next: cargo build --manifest-path {}", manifest.display()),
    }
    Ok(())
}

fn bench_codegen(args: &[String]) -> Result<(), String> {
    let iterations = match args {
        [] => 20,
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return Ok(());
        }
        [flag, n] if flag == "--iterations" => n
            .parse()
            .map_err(|_| format!("--iterations takes a number\n\n{USAGE}"))?,
        _ => return Err(USAGE.to_owned()),
    };
    let figures = bench::codegen_figures(iterations)?;
    bench::print_codegen(&figures, iterations);
    bench::print_idl(&bench::idl_figure(iterations)?);
    Ok(())
}

/// `cargo xtask model --to-json FILE...` and `--to-idl FILE...`: the
/// merged model on standard output, as the JSON AST or as IDL.
fn model(args: &[String]) -> Result<(), String> {
    let Some((flag, paths)) = args.split_first().filter(|(_, paths)| !paths.is_empty()) else {
        return Err(format!(
            "model needs --to-json or --to-idl and at least one file\n\n{}",
            USAGE
        ));
    };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    match flag.as_str() {
        "--to-json" => print!("{}", xtask::model::assembled(&paths)?),
        "--to-idl" => {
            let model: serde_json::Value = serde_json::from_str(&xtask::model::assembled(&paths)?)
                .expect("assembled JSON reads back");
            print!("{}", smithy_lean_codegen::idl::write(&model)?);
        }
        other => return Err(format!("unknown argument {other:?}\n\n{}", USAGE)),
    }
    Ok(())
}
