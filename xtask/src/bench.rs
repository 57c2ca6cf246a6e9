//! `cargo xtask bench-codegen` and `cargo xtask bench`: measurements, run
//! on this machine, side by side in one run, written to `docs/`.

use smithy_lean_codegen::{Options, generate};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How many times each client's own crates are built; the median counts.
const OWN_BUILD_RUNS: usize = 5;

/// The most dependencies ours may have, relative to the SDK's.
const DEPENDENCY_TARGET: f64 = 0.8;

/// Median of `iterations` timings of `run`.
fn median_time(iterations: usize, mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..iterations.max(1))
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// What generation of one model must take at most.
#[derive(Clone, Copy)]
pub enum CodegenTarget {
    /// This many times the bare parse of the same file.
    TimesTheParse(f64),
    /// This long, whatever the model's size.
    Within(Duration),
}

impl CodegenTarget {
    fn met(self, figure: &CodegenFigure) -> bool {
        match self {
            CodegenTarget::TimesTheParse(times) => figure.ratio() <= times,
            CodegenTarget::Within(limit) => figure.generate <= limit,
        }
    }

    fn text(self) -> String {
        match self {
            CodegenTarget::TimesTheParse(times) => format!("≤ {times}x"),
            CodegenTarget::Within(limit) => format!("≤ {} s", limit.as_secs_f64()),
        }
    }
}

/// Generation against a bare parse, for one model file.
pub struct CodegenFigure {
    /// What was measured.
    pub label: String,
    /// What generation must take at most.
    pub target: CodegenTarget,
    /// The model's size.
    pub kib: usize,
    /// A bare `serde_json` parse into a `Value`.
    pub parse: Duration,
    /// Generating every file.
    pub generate: Duration,
    /// How much Rust source generation lays out.
    pub laid_out_kib: usize,
    /// The `syn` parse and `prettyplease` print of that output alone, on one
    /// core: the floor of the emit pipeline the design prescribes.
    pub layout_pass: Duration,
}

impl CodegenFigure {
    /// Generation time over parse time.
    pub fn ratio(&self) -> f64 {
        self.generate.as_secs_f64() / self.parse.as_secs_f64()
    }
}

/// Times generation from `model/`, from the official model, and of the
/// compliance models' `RestJson` service, each beside a bare parse of the
/// same model.
pub fn codegen_figures(iterations: usize) -> Result<Vec<CodegenFigure>, String> {
    let root = xtask::workspace_root();
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let legacy = read(root.join("model/reference/chime-2018-05-01.json"))?;
    // As `cargo xtask codegen` does, so that the partition table counts.
    let partitions = Some(read(root.join("model/partitions.json"))?);
    let one = vec!["CreateAppInstance".to_owned()];
    let rest_json = RestJsonService::new(&root)?;
    let cases = [
        (
            "model/chime.json".to_owned(),
            read(root.join("model/chime.json"))?,
            Options {
                operations: one.clone(),
                partitions: partitions.clone(),
                ..Options::default()
            },
            CodegenTarget::TimesTheParse(10.0),
        ),
        (
            "official legacy model (CreateAppInstance only)".to_owned(),
            legacy.clone(),
            Options {
                operations: one,
                partitions: partitions.clone(),
                ..Options::default()
            },
            CodegenTarget::TimesTheParse(10.0),
        ),
        (
            "official legacy model, all 191 operations".to_owned(),
            legacy,
            Options {
                partitions,
                ..Options::default()
            },
            CodegenTarget::Within(Duration::from_millis(500)),
        ),
        (
            rest_json.label(),
            rest_json.model.clone(),
            rest_json.options(),
            CodegenTarget::Within(Duration::from_millis(100)),
        ),
    ];
    let mut figures = Vec::new();
    for (label, text, options, target) in cases {
        generate(&text, &options).map_err(|e| format!("{label}: {e}"))?;
        let parse = median_time(iterations, || {
            let value: Result<serde_json::Value, _> = serde_json::from_str(&text);
            std::hint::black_box(value.is_ok());
        });
        let generation = median_time(iterations, || {
            std::hint::black_box(generate(&text, &options).is_ok());
        });
        let files = generate(&text, &options)
            .map_err(|e| format!("{label}: {e}"))?
            .files;
        let (laid_out_kib, layout_pass) = layout_pass(&files, iterations)?;
        figures.push(CodegenFigure {
            label,
            target,
            kib: text.len() / 1024,
            parse,
            generate: generation,
            laid_out_kib,
            layout_pass,
        });
    }
    Ok(figures)
}

/// The compliance models' `RestJson` service (the vendored copy, as
/// `cargo xtask protocol-tests` reads it), with every operation the
/// generator writes a client for.
pub struct RestJsonService {
    /// The assembled model, as JSON AST text.
    pub model: String,
    /// The operations that generate.
    pub operations: Vec<String>,
    /// How many operations the service has.
    pub of: usize,
}

impl RestJsonService {
    const ID: &'static str = "aws.protocoltests.restjson#RestJson";

    fn new(root: &Path) -> Result<Self, String> {
        let models = root.join("xtask/protocol-tests");
        let model = xtask::model::assembled(&[models.join("models"), root.join("codegen/traits")])?;
        let ast: serde_json::Value = serde_json::from_str(&model).map_err(|e| e.to_string())?;
        let listed: Vec<String> = ast["shapes"][Self::ID]["operations"]
            .as_array()
            .ok_or("the compliance models have no RestJson service")?
            .iter()
            .filter_map(|target| target["target"].as_str())
            .map(|id| id.rsplit_once('#').map_or(id, |(_, name)| name).to_owned())
            .collect();
        // Every operation that generates (all of them, since event streams
        // do); one the generator refused would be left out, and counted.
        let operations: Vec<String> = listed
            .iter()
            .filter(|operation| {
                let options = Options {
                    service: Some(Self::ID.to_owned()),
                    operations: vec![(*operation).clone()],
                    ..Options::default()
                };
                generate(&model, &options).is_ok()
            })
            .cloned()
            .collect();
        Ok(RestJsonService {
            model,
            of: listed.len(),
            operations,
        })
    }

    fn options(&self) -> Options {
        Options {
            service: Some(Self::ID.to_owned()),
            operations: self.operations.clone(),
            ..Options::default()
        }
    }

    fn label(&self) -> String {
        format!(
            "compliance `RestJson` service, {} of {} operations",
            self.operations.len(),
            self.of
        )
    }
}

/// How long the IDL reader takes over the legacy model written as IDL,
/// against `serde_json` over the same model's JSON AST.
pub struct IdlFigure {
    /// The IDL text's size.
    pub kib: usize,
    /// A bare `serde_json` parse of the JSON AST.
    pub json_parse: Duration,
    /// `idl::read` of the IDL the writer makes of it.
    pub idl_read: Duration,
}

/// The target: reading the IDL within this many times the JSON parse.
pub const IDL_READ_TARGET: f64 = 3.0;

impl IdlFigure {
    /// The IDL read over the JSON parse.
    pub fn ratio(&self) -> f64 {
        self.idl_read.as_secs_f64() / self.json_parse.as_secs_f64()
    }

    /// Whether the read is within its target.
    pub fn met(&self) -> bool {
        self.ratio() <= IDL_READ_TARGET
    }
}

/// Times the IDL reader over the whole legacy model, written as IDL by the
/// writer, against a bare `serde_json` parse of its JSON AST.
pub fn idl_figure(iterations: usize) -> Result<IdlFigure, String> {
    let path = xtask::workspace_root().join("model/reference/chime-2018-05-01.json");
    let json = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let model: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
    let idl = smithy_lean_codegen::idl::write(&model)?;
    smithy_lean_codegen::idl::read(&idl).map_err(|e| format!("the written IDL: {e}"))?;
    let json_parse = median_time(iterations, || {
        let value: Result<serde_json::Value, _> = serde_json::from_str(&json);
        std::hint::black_box(value.is_ok());
    });
    let idl_read = median_time(iterations, || {
        std::hint::black_box(smithy_lean_codegen::idl::read(&idl).is_ok());
    });
    Ok(IdlFigure {
        kib: idl.len() / 1024,
        json_parse,
        idl_read,
    })
}

/// Prints the IDL reading figure.
pub fn print_idl(figure: &IdlFigure) {
    println!(
        "IDL read of the legacy model ({} KiB as IDL): {:.2} ms, against {:.2} ms for serde_json over its JSON AST: {:.2}x, target <= {IDL_READ_TARGET}x ({})",
        figure.kib,
        figure.idl_read.as_secs_f64() * 1e3,
        figure.json_parse.as_secs_f64() * 1e3,
        figure.ratio(),
        if figure.met() { "met" } else { "missed" }
    );
}

/// Times `syn::parse2` and `prettyplease::unparse` over the Rust files that
/// generation lays out, on one core. The token streams are lexed from the
/// output beforehand, standing in for the ones `quote` builds.
fn layout_pass(
    files: &BTreeMap<PathBuf, String>,
    iterations: usize,
) -> Result<(usize, Duration), String> {
    let laid_out: Vec<&String> = files
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"))
        .map(|(_, text)| text)
        .collect();
    let streams = laid_out
        .iter()
        .map(|text| text.parse::<proc_macro2::TokenStream>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("generated code does not lex: {e}"))?;
    let pass = median_time(iterations, || {
        for stream in &streams {
            let file: syn::File = syn::parse2(stream.clone()).expect("generated code parses");
            std::hint::black_box(prettyplease::unparse(&file));
        }
    });
    let bytes: usize = laid_out.iter().map(|text| text.len()).sum();
    Ok((bytes / 1024, pass))
}

/// Prints codegen figures as a table.
pub fn print_codegen(figures: &[CodegenFigure], iterations: usize) {
    println!(
        "{:<48} {:>7} {:>12} {:>12} {:>7} {:>14} {:>12}",
        "model", "KiB", "parse", "generate", "ratio", "laid-out KiB", "layout pass"
    );
    for f in figures {
        println!(
            "{:<48} {:>7} {:>10.2}ms {:>10.2}ms {:>6.2}x {:>14} {:>10.2}ms",
            f.label,
            f.kib,
            f.parse.as_secs_f64() * 1e3,
            f.generate.as_secs_f64() * 1e3,
            f.ratio(),
            f.laid_out_kib,
            f.layout_pass.as_secs_f64() * 1e3,
        );
    }
    for f in figures {
        println!(
            "{}: target {} ({})",
            f.label,
            f.target.text(),
            if f.target.met(f) { "met" } else { "missed" }
        );
    }
    println!(
        "median of {iterations} runs each\n\
         layout pass: syn::parse2 + prettyplease::unparse alone over the laid-out files, one core"
    );
}

/// One of the two clients compared.
struct Peer {
    name: &'static str,
    /// The bench workspace.
    dir: PathBuf,
    /// The client crate, for its dependency graph and its own build.
    client_crate: &'static str,
    /// The crates counted as "its own" for the incremental build.
    own_crates: &'static [&'static str],
    /// Runtime crates the project's design prescribes, with what each is
    /// for: their graphs together are the least the client can depend on.
    prescribed: &'static [(&'static str, &'static str)],
    binary: &'static str,
    /// The host in the endpoint URL the binary is given. The SDK puts the
    /// `identity-` prefix on any host name, so its bench binary resolves
    /// every name to loopback and gets a name; ours is given the address.
    endpoint_host: &'static str,
}

/// What was measured of one client.
#[derive(Default)]
struct PeerFigures {
    version: String,
    dependencies: usize,
    /// The crates counted.
    crates: Vec<String>,
    /// The crates in the graphs of the prescribed runtime crates.
    prescribed: Vec<String>,
    /// How many dependencies there would be without `h2` and what only it
    /// brings, where `h2` is in the graph.
    without_h2: Option<usize>,
    /// Seconds per crate of the own-crates build.
    own_units: Vec<(String, f64)>,
    clean_build: Duration,
    own_build: Duration,
    /// CPU time (user and system) of the own-crates builds, the median,
    /// where the system tells it.
    own_cpu: Option<Duration>,
    instructions_per_call: f64,
    /// Instructions per call with the input validated first (ours only).
    validated_instructions_per_call: Option<f64>,
    calls_per_second: f64,
}

fn cargo(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR");
    command
}

fn run(mut command: Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn timed(command: Command) -> Result<Duration, String> {
    let start = Instant::now();
    run(command)?;
    Ok(start.elapsed())
}

/// The CPU time (user and system) that this process's finished children,
/// and theirs, have used, where the system tells it: Linux's `/proc`.
fn children_cpu(ticks_per_second: u64) -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let ticks = children_ticks(&stat)?;
    Some(Duration::from_secs_f64(
        ticks as f64 / ticks_per_second as f64,
    ))
}

/// `cutime` plus `cstime` of a `/proc/<pid>/stat` line, in clock ticks.
fn children_ticks(stat: &str) -> Option<u64> {
    // The command name is in parentheses and may hold spaces and
    // parentheses itself: the fields are counted after its last `)`.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // Fields 16 and 17 of proc(5); the first after the name is field 3.
    let user: u64 = fields.get(16 - 3)?.parse().ok()?;
    let system: u64 = fields.get(17 - 3)?.parse().ok()?;
    Some(user + system)
}

/// The system's clock ticks per second, which `/proc` counts CPU time in.
fn clock_ticks_per_second() -> Option<u64> {
    let text = run({
        let mut c = Command::new("getconf");
        c.arg("CLK_TCK");
        c
    })
    .ok()?;
    text.trim().parse().ok().filter(|&ticks| ticks > 0)
}

/// Unique crates (name and version) in a crate's normal dependency graph,
/// the crate included, and the crate's own version.
/// With `prune`, the graph as it would be without those crates and what
/// only they bring.
fn dependency_graph(
    dir: &Path,
    krate: &str,
    prune: &[String],
) -> Result<(Vec<String>, String), String> {
    let mut args = vec![
        "tree", "-p", krate, "-e", "normal", "--prefix", "none", "-f", "{p}",
    ];
    for pruned in prune {
        args.extend(["--prune", pruned.as_str()]);
    }
    let tree = run(cargo(dir, &args))?;
    let mut crates: Vec<String> = tree
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect();
    let version = crates
        .first()
        .and_then(|c| c.split_whitespace().nth(1))
        .unwrap_or("?")
        .to_owned();
    crates.sort();
    crates.dedup();
    Ok((crates, version))
}

/// Times the build of each client's own crates, dependencies built: the
/// median of [`OWN_BUILD_RUNS`] builds, each from clean own crates.
///
/// The clients take turns, one build each per round, so that both see the
/// same spells of a shared machine's load; a build of a few seconds swings
/// by tenths between spells.
fn own_builds(peers: &[Peer], figures: &mut [PeerFigures]) -> Result<(), String> {
    let ticks = clock_ticks_per_second();
    let mut times = vec![Vec::new(); peers.len()];
    let mut cpu_times = vec![Vec::new(); peers.len()];
    for round in 1..=OWN_BUILD_RUNS {
        for ((peer, peer_times), peer_cpu) in peers.iter().zip(&mut times).zip(&mut cpu_times) {
            eprintln!(
                "== {}: build of its own crates ({round}/{OWN_BUILD_RUNS})",
                peer.name
            );
            let mut clean_own = vec!["clean", "-q", "--release"];
            for name in peer.own_crates {
                clean_own.extend(["-p", name]);
            }
            run(cargo(&peer.dir, &clean_own))?;
            let cpu_before = ticks.and_then(children_cpu);
            // The client's crates alone, not the bench binary that uses them.
            peer_times.push(timed(cargo(
                &peer.dir,
                &[
                    "build",
                    "--release",
                    "-q",
                    "--timings",
                    "-p",
                    peer.client_crate,
                ],
            ))?);
            if let (Some(before), Some(after)) = (cpu_before, ticks.and_then(children_cpu)) {
                peer_cpu.push(after.saturating_sub(before));
            }
        }
    }
    for (((peer, mut peer_times), mut peer_cpu), f) in
        peers.iter().zip(times).zip(cpu_times).zip(figures)
    {
        peer_times.sort();
        f.own_build = peer_times[peer_times.len() / 2];
        peer_cpu.sort();
        f.own_cpu = (peer_cpu.len() == peer_times.len()).then(|| peer_cpu[peer_cpu.len() / 2]);
        f.own_units = unit_times(&peer.dir)?;
    }
    Ok(())
}

/// Seconds each crate took in the last `cargo build --timings` of `dir`,
/// read from the report cargo writes, longest first.
fn unit_times(dir: &Path) -> Result<Vec<(String, f64)>, String> {
    let report = dir.join("target/cargo-timings/cargo-timing.html");
    let html = std::fs::read_to_string(&report)
        .map_err(|e| format!("cannot read {}: {e}", report.display()))?;
    let data = html
        .split_once("const UNIT_DATA = ")
        .and_then(|(_, rest)| rest.split_once(";\n"))
        .map(|(json, _)| json)
        .ok_or("cargo's timing report has no UNIT_DATA")?;
    let units: serde_json::Value =
        serde_json::from_str(data).map_err(|e| format!("cargo's timing data: {e}"))?;
    let mut times: Vec<(String, f64)> = units
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|unit| {
            let name = unit["name"].as_str()?;
            let target = unit["target"].as_str().unwrap_or_default();
            Some((format!("{name}{target}"), unit["duration"].as_f64()?))
        })
        .filter(|(_, seconds)| *seconds >= 0.05)
        .collect();
    times.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(times)
}

/// A running `chime-local` for the per-call measurements.
struct LocalService {
    child: Child,
    port: u16,
}

impl Drop for LocalService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ACCESS_KEY: &str = "AKIDBENCH";
const SECRET_KEY: &str = "bench-secret";

fn start_local_service(root: &Path) -> Result<LocalService, String> {
    run(cargo(
        root,
        &["build", "--release", "-q", "-p", "chime-local"],
    ))?;
    let mut child = Command::new(root.join("target/release/chime-local"))
        .args([
            "--port",
            "0",
            "--quota",
            "1000000000",
            "--access-key",
            ACCESS_KEY,
            "--secret-key",
            SECRET_KEY,
        ])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start chime-local: {e}"))?;
    let stdout = child.stdout.take().ok_or("chime-local has no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let mut port = None;
    for line in lines.by_ref() {
        let line = line.map_err(|e| e.to_string())?;
        if let Some(url) = line.strip_prefix("export AWS_ENDPOINT_URL=") {
            port = url.rsplit(':').next().and_then(|p| p.parse().ok());
            break;
        }
    }
    // Keep reading, so that the service never writes into a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let port = port.ok_or("chime-local did not print its endpoint")?;
    Ok(LocalService { child, port })
}

fn calls_command(peer: &Peer, port: u16, calls: usize, under: Option<&[&str]>) -> Command {
    calls_command_with(peer, port, calls, under, &[])
}

/// [`calls_command`] with `extra` arguments for the bench binary.
fn calls_command_with(
    peer: &Peer,
    port: u16,
    calls: usize,
    under: Option<&[&str]>,
    extra: &[&str],
) -> Command {
    let binary = peer.dir.join("target/release").join(peer.binary);
    let mut command = match under {
        Some(wrapper) => {
            let mut command = Command::new(wrapper[0]);
            command.args(&wrapper[1..]).arg(&binary);
            command
        }
        None => Command::new(&binary),
    };
    command.args([
        "--endpoint",
        &format!("http://{}:{port}", peer.endpoint_host),
        "--access-key",
        ACCESS_KEY,
        "--secret-key",
        SECRET_KEY,
        "--calls",
        &calls.to_string(),
    ]);
    command.args(extra);
    command
}

/// Instructions for `calls` calls, counted by callgrind.
fn instructions(peer: &Peer, port: u16, calls: usize) -> Result<u64, String> {
    instructions_with(peer, port, calls, &[])
}

/// [`instructions`] with `extra` arguments for the bench binary.
fn instructions_with(peer: &Peer, port: u16, calls: usize, extra: &[&str]) -> Result<u64, String> {
    let out = std::env::temp_dir().join(format!("chime-bench-{}-{calls}.callgrind", peer.binary));
    let out_arg = format!("--callgrind-out-file={}", out.display());
    let wrapper = ["valgrind", "--tool=callgrind", out_arg.as_str()];
    run(calls_command_with(peer, port, calls, Some(&wrapper), extra))?;
    let profile = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&out);
    profile
        .lines()
        .find_map(|l| l.strip_prefix("summary: "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| "callgrind wrote no summary".to_owned())
}

/// Sequential calls per second: the median of three runs.
fn calls_per_second(peer: &Peer, port: u16, calls: usize) -> Result<f64, String> {
    let mut rates = Vec::new();
    for _ in 0..3 {
        let output = run(calls_command(peer, port, calls, None))?;
        let seconds: f64 = output
            .split_whitespace()
            .nth(3)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("unexpected output: {output}"))?;
        rates.push(calls as f64 / seconds);
    }
    rates.sort_by(f64::total_cmp);
    Ok(rates[1])
}

const PER_CALL_BATCH: usize = 100;
const RATE_CALLS: usize = 3000;

/// `cargo xtask bench`: everything, written to `docs/`.
/// The two clients: ours first, then the AWS SDK for Rust.
fn peers(root: &Path) -> [Peer; 2] {
    [
        Peer {
            name: "chime-lean (this project)",
            dir: root.join("benches/ours"),
            client_crate: "chime-lean",
            own_crates: &[
                "chime-lean",
                "chime-lean-input",
                "chime-lean-output",
                "chime-lean-error",
                "smithy-lean-client",
                "smithy-lean-runtime",
            ],
            prescribed: &[
                (
                    "aws-smithy-http-client",
                    "the aws-smithy-runtime HTTP stack on hyper 1, rustls and tokio",
                ),
                ("aws-sigv4", "SigV4 signing"),
                ("aws-credential-types", "credentials providers"),
                ("aws-smithy-runtime-api", "the HTTP client interface"),
                ("aws-smithy-types", "error metadata and retry kinds"),
                ("aws-smithy-json", "restJson1 bodies"),
            ],
            binary: "bench-ours",
            endpoint_host: "127.0.0.1",
        },
        Peer {
            name: "AWS SDK for Rust",
            dir: root.join("benches/sdk"),
            client_crate: "aws-sdk-chimesdkidentity",
            own_crates: &["aws-sdk-chimesdkidentity"],
            prescribed: &[],
            binary: "bench-sdk",
            endpoint_host: "bench.local",
        },
    ]
}

/// Our client of the whole legacy model against `aws-sdk-chime` 1.60.0,
/// the AWS SDK for Rust's last release with all of its operations.
#[derive(Default)]
struct WholeModel {
    operations: usize,
    ours_lines: usize,
    sdk_lines: usize,
    ours_build: Duration,
    sdk_build: Duration,
}

/// The crates of ours counted in the whole model's build, the hand-written ones included.
const WHOLE_OWN_CRATES: [&str; 6] = [
    "chime-legacy",
    "chime-legacy-input",
    "chime-legacy-output",
    "chime-legacy-error",
    "smithy-lean-client",
    "smithy-lean-runtime",
];

/// Lines of the `.rs` files under `dir`, and below.
fn rust_lines(dir: &Path) -> Result<usize, String> {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            lines += rust_lines(&path)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            lines += text.lines().count();
        }
    }
    Ok(lines)
}

/// A workspace in `dir` of the generated crates `files`, written afresh
/// under `generated/`, on the lock file `lock`.
fn generated_workspace(
    dir: &Path,
    files: &BTreeMap<PathBuf, String>,
    what: &str,
    lock: &Path,
) -> Result<(), String> {
    let generated = dir.join("generated");
    let _ = std::fs::remove_dir_all(&generated);
    std::fs::create_dir_all(&generated).map_err(|e| e.to_string())?;
    xtask::write(files, &generated).map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "# Written by `cargo xtask bench`: {what}, generated.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\"generated/*\"]\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::copy(lock, dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

/// Generates the whole legacy model into `benches/whole-ours` (a workspace
/// made here, which git ignores), then times the build of each client's
/// own crates, dependencies built, the two taking turns as in
/// [`own_builds`], and counts each one's generated lines.
fn whole_model(root: &Path) -> Result<WholeModel, String> {
    let ours = root.join("benches/whole-ours");
    let generated = ours.join("generated");
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let model = read(root.join("model/reference/chime-2018-05-01.json"))?;
    let options = Options {
        crate_prefix: Some("chime-legacy".to_owned()),
        partitions: Some(read(root.join("model/partitions.json"))?),
        runtime_dir: Some(
            xtask::path_from_generated_crate(&generated, &root.join("crates"))
                .map_err(|e| e.to_string())?,
        ),
        package: xtask::repository_package_metadata(root).map_err(|e| e.to_string())?,
        ..Options::default()
    };
    let files = generate(&model, &options)
        .map_err(|e| format!("whole legacy model: {e}"))?
        .files;
    // The versions of the per-operation bench, so that both clients build
    // on the same runtime crates.
    let lock = root.join("benches/ours/Cargo.lock");
    generated_workspace(&ours, &files, "the whole legacy model", &lock)?;
    let operations = files
        .keys()
        .filter(|path| path.starts_with("chime-legacy/src/operation/"))
        .count();
    let ours_lines = files
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
    let sdk = root.join("benches/sdk-chime");
    let metadata = run(cargo(&sdk, &["metadata", "--format-version", "1"]))?;
    let metadata: serde_json::Value = serde_json::from_str(&metadata).map_err(|e| e.to_string())?;
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == "aws-sdk-chime"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("benches/sdk-chime has no aws-sdk-chime")?;
    let sdk_lines = rust_lines(&Path::new(manifest).with_file_name("src"))?;
    let peers = [
        (&ours, "chime-legacy", &WHOLE_OWN_CRATES[..]),
        (&sdk, "aws-sdk-chime", &["aws-sdk-chime"][..]),
    ];
    for (dir, client, _) in &peers {
        eprintln!("== whole legacy model: dependencies of {client}");
        run(cargo(dir, &["build", "--release", "-q", "-p", client]))?;
    }
    let mut times = [Vec::new(), Vec::new()];
    for round in 1..=OWN_BUILD_RUNS {
        for ((dir, client, own), peer_times) in peers.iter().zip(&mut times) {
            eprintln!(
                "== whole legacy model: build of {client}'s own crates ({round}/{OWN_BUILD_RUNS})"
            );
            let mut clean = vec!["clean", "-q", "--release"];
            for name in *own {
                clean.extend(["-p", name]);
            }
            run(cargo(dir, &clean))?;
            peer_times.push(timed(cargo(
                dir,
                &["build", "--release", "-q", "-p", client],
            ))?);
        }
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let [ours_times, sdk_times] = &mut times;
    Ok(WholeModel {
        operations,
        ours_lines,
        sdk_lines,
        ours_build: median(ours_times),
        sdk_build: median(sdk_times),
    })
}

/// The client of the compliance models' `RestJson` service: how much is
/// generated, and how long its own crates take to build.
#[derive(Clone, Copy, Default)]
struct RestJsonFigure {
    operations: usize,
    of: usize,
    lines: usize,
    build: Duration,
}

/// How many times the `RestJson` client's own crates are built.
const REST_JSON_BUILD_RUNS: usize = 3;

/// Generates the `RestJson` service's client into `benches/rest-json` (a
/// workspace made here, which git ignores), counts its lines, and times a
/// release build of its four crates with their dependencies built.
fn rest_json(root: &Path) -> Result<RestJsonFigure, String> {
    let service = RestJsonService::new(root)?;
    let dir = root.join("benches/rest-json");
    let generated = dir.join("generated");
    let mut options = service.options();
    options.runtime_dir = Some(
        xtask::path_from_generated_crate(&generated, &root.join("crates"))
            .map_err(|e| e.to_string())?,
    );
    let files = generate(&service.model, &options)
        .map_err(|e| format!("RestJson: {e}"))?
        .files;
    let lock = root.join("Cargo.lock");
    generated_workspace(&dir, &files, "the compliance RestJson service", &lock)?;
    let lines = files
        .iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
    const CLIENT: &str = "rest-json-protocol";
    let own = [
        "rest-json-protocol",
        "rest-json-protocol-input",
        "rest-json-protocol-output",
        "rest-json-protocol-error",
    ];
    eprintln!("== RestJson: dependencies");
    run(cargo(&dir, &["build", "--release", "-q", "-p", CLIENT]))?;
    let mut times = Vec::new();
    for round in 1..=REST_JSON_BUILD_RUNS {
        eprintln!("== RestJson: build of its own crates ({round}/{REST_JSON_BUILD_RUNS})");
        let mut clean = vec!["clean", "-q", "--release"];
        for name in own {
            clean.extend(["-p", name]);
        }
        run(cargo(&dir, &clean))?;
        times.push(timed(cargo(
            &dir,
            &["build", "--release", "-q", "-p", CLIENT],
        ))?);
    }
    times.sort();
    Ok(RestJsonFigure {
        operations: service.operations.len(),
        of: service.of,
        lines,
        build: times[times.len() / 2],
    })
}

/// `cargo xtask bench --rest-json`: the `RestJson` client's figures alone,
/// with its generation time, as `cargo xtask bench` reports them.
pub fn run_rest_json() -> Result<(), String> {
    let root = xtask::workspace_root();
    let figure = rest_json(&root)?;
    let codegen = codegen_figures(20)?;
    let mut md = String::new();
    rest_json_section(&figure, codegen.last(), &mut md);
    print!("{md}");
    Ok(())
}

/// The section on the `RestJson` client, with its generation figure.
fn rest_json_section(r: &RestJsonFigure, generation: Option<&CodegenFigure>, md: &mut String) {
    if r.operations == 0 {
        return;
    }
    let _ = writeln!(
        md,
        "## The compliance `RestJson` service: {} operations\n\n\
         The client of Smithy's restJson1 compliance service (the vendored models that \
         `cargo xtask protocol-tests` runs), with the {} of its {} operations that generate, \
         into `benches/rest-json`.\n\n\
         | measure | figure | target | met |\n|---|---|---|---|",
        r.operations, r.operations, r.of
    );
    if let Some(g) = generation {
        let _ = writeln!(
            md,
            "| generation (median of the runs above) | {:.1} ms | {} | {} |",
            g.generate.as_secs_f64() * 1e3,
            g.target.text(),
            if g.target.met(g) { "yes" } else { "**no**" }
        );
    }
    let _ = writeln!(
        md,
        "| generated lines per operation | {:.0} ({} in all) | | |\n\
         | release build of its four crates, dependencies built (median of {REST_JSON_BUILD_RUNS}) | {:.1} s | | |\n",
        r.lines as f64 / r.operations as f64,
        r.lines,
        r.build.as_secs_f64()
    );
}

pub fn run_all() -> Result<(), String> {
    let root = xtask::workspace_root();
    run({
        let mut c = Command::new("valgrind");
        c.arg("--version");
        c
    })
    .map_err(|_| "valgrind is needed: apt-get install valgrind".to_owned())?;
    let peers = peers(&root);
    let mut figures: Vec<PeerFigures> = Vec::new();
    for peer in &peers {
        eprintln!("== {}: dependencies", peer.name);
        let (crates, version) = dependency_graph(&peer.dir, peer.client_crate, &[])?;
        // Only for ours: what the upstream change drafted in docs/upstream
        // would leave. Every version of h2 in the graph is pruned.
        let h2_versions: Vec<String> = crates
            .iter()
            .filter_map(|c| c.strip_prefix("h2 v"))
            .map(|version| format!("h2@{version}"))
            .collect();
        let without_h2 = if peer.prescribed.is_empty() || h2_versions.is_empty() {
            None
        } else {
            Some(
                dependency_graph(&peer.dir, peer.client_crate, &h2_versions)?
                    .0
                    .len(),
            )
        };
        let mut prescribed = Vec::new();
        for (krate, _) in peer.prescribed {
            prescribed.extend(dependency_graph(&peer.dir, krate, &[])?.0);
        }
        prescribed.sort();
        prescribed.dedup();
        eprintln!("== {}: clean build", peer.name);
        run(cargo(&peer.dir, &["clean", "-q"]))?;
        let clean_build = timed(cargo(&peer.dir, &["build", "--release", "-q"]))?;
        figures.push(PeerFigures {
            version,
            dependencies: crates.len(),
            crates,
            prescribed,
            without_h2,
            clean_build,
            ..PeerFigures::default()
        });
    }
    own_builds(&peers, &mut figures)?;
    let local = start_local_service(&root)?;
    for (peer, f) in peers.iter().zip(&mut figures) {
        eprintln!("== {}: instructions per call", peer.name);
        let one = instructions(peer, local.port, 1)?;
        let many = instructions(peer, local.port, 1 + PER_CALL_BATCH)?;
        f.instructions_per_call = many.saturating_sub(one) as f64 / PER_CALL_BATCH as f64;
        // What `validate_input(true)` adds: the model's constraints, its
        // patterns by `regress`, checked before each call.
        if peer.binary == "bench-ours" {
            let one = instructions_with(peer, local.port, 1, &["--validate"])?;
            let many = instructions_with(peer, local.port, 1 + PER_CALL_BATCH, &["--validate"])?;
            f.validated_instructions_per_call =
                Some(many.saturating_sub(one) as f64 / PER_CALL_BATCH as f64);
        }
        eprintln!("== {}: calls per second", peer.name);
        f.calls_per_second = calls_per_second(peer, local.port, RATE_CALLS)?;
    }
    drop(local);
    let whole = whole_model(&root)?;
    let rest_json = rest_json(&root)?;
    eprintln!("== code generation");
    let codegen = codegen_figures(50)?;
    eprintln!("== reading the IDL");
    let idl = idl_figure(50)?;
    let date = run({
        let mut c = Command::new("date");
        c.args(["-u", "+%Y-%m-%d"]);
        c
    })?;
    let rustc = run({
        let mut c = Command::new("rustc");
        c.arg("--version");
        c
    })?;
    let report = Report {
        date: date.trim(),
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        rustc: rustc.trim(),
        peers: &peers,
        figures: &figures,
        codegen: &codegen,
        idl: Some(&idl),
        whole: &whole,
        rest_json: &rest_json,
    };
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    std::fs::write(docs.join("benchmarks.md"), report.markdown()).map_err(|e| e.to_string())?;
    std::fs::write(docs.join("benchmarks.svg"), report.svg()).map_err(|e| e.to_string())?;
    print!("{}", report.markdown());
    Ok(())
}

struct Report<'a> {
    date: &'a str,
    /// The cores builds could use.
    cores: usize,
    rustc: &'a str,
    peers: &'a [Peer],
    figures: &'a [PeerFigures],
    codegen: &'a [CodegenFigure],
    idl: Option<&'a IdlFigure>,
    whole: &'a WholeModel,
    rest_json: &'a RestJsonFigure,
}

/// A comparison row: ours over theirs, and the target for that ratio.
struct Ratio {
    measure: &'static str,
    ours: String,
    theirs: String,
    ratio: f64,
    target: f64,
}

impl Report<'_> {
    fn ratios(&self) -> Vec<Ratio> {
        let (ours, theirs) = (&self.figures[0], &self.figures[1]);
        let seconds = |d: Duration| format!("{:.1} s", d.as_secs_f64());
        vec![
            Ratio {
                measure: "build of its own crates",
                ours: seconds(ours.own_build),
                theirs: seconds(theirs.own_build),
                ratio: ours.own_build.as_secs_f64() / theirs.own_build.as_secs_f64(),
                target: 0.1,
            },
            Ratio {
                measure: "full clean build",
                ours: seconds(ours.clean_build),
                theirs: seconds(theirs.clean_build),
                ratio: ours.clean_build.as_secs_f64() / theirs.clean_build.as_secs_f64(),
                target: 0.6,
            },
            Ratio {
                measure: "dependencies",
                ours: ours.dependencies.to_string(),
                theirs: theirs.dependencies.to_string(),
                ratio: ours.dependencies as f64 / theirs.dependencies as f64,
                target: DEPENDENCY_TARGET,
            },
            Ratio {
                measure: "instructions per call",
                ours: format!("{:.0}", ours.instructions_per_call),
                theirs: format!("{:.0}", theirs.instructions_per_call),
                ratio: ours.instructions_per_call / theirs.instructions_per_call,
                target: 0.5,
            },
        ]
    }

    fn markdown(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# Benchmarks: this client against the AWS SDK for Rust\n"
        );
        let _ = writeln!(
            md,
            "Written by `cargo xtask bench` on {}, on this project's 2-core machine, with {}. \
             Every figure comes from that one run; none is edited by hand.\n",
            self.date, self.rustc
        );
        let _ = writeln!(md, "| client | crate | version |\n|---|---|---|");
        for (peer, f) in self.peers.iter().zip(self.figures) {
            let _ = writeln!(
                md,
                "| {} | `{}` | {} |",
                peer.name, peer.client_crate, f.version
            );
        }
        let _ = writeln!(md, "\n![ratios](benchmarks.svg)\n");
        let _ = writeln!(
            md,
            "| measure | ours | AWS SDK | ours / SDK | target | met |\n|---|---|---|---|---|---|"
        );
        for r in self.ratios() {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.2} | ≤ {} | {} |",
                r.measure,
                r.ours,
                r.theirs,
                r.ratio,
                r.target,
                if r.ratio <= r.target { "yes" } else { "**no**" }
            );
        }
        let (ours, theirs) = (&self.figures[0], &self.figures[1]);
        let _ = writeln!(
            md,
            "\nSequential calls per second against the same `chime-local` (median of 3 runs of {RATE_CALLS}): \
             ours {:.0}, the SDK {:.0}.\n",
            ours.calls_per_second, theirs.calls_per_second
        );
        let _ = writeln!(md, "## How each figure is taken\n");
        let _ = writeln!(
            md,
            "- **Build of its own crates:** in the peer's bench workspace (`benches/ours`, \
             `benches/sdk`) with every dependency built, `cargo clean --release -p` the client's \
             own crates (ours: `chime`, `chime-lean-input`, `chime-lean-output`, `chime-lean-error`, \
             `smithy-lean-client`, `smithy-lean-runtime`; the SDK: \
             `aws-sdk-chimesdkidentity`), then time `cargo build --release -p <client>`, which \
             builds them and not the bench binary; the median of {OWN_BUILD_RUNS} such builds, \
             the two clients taking turns so that both meet the same load on a shared machine.\n\
             - **Full clean build:** `cargo clean`, then time `cargo build --release` of a binary \
             that makes calls with the client.\n\
             - **Dependencies:** unique crates (name and version) in \
             `cargo tree -p <client> -e normal`, the client included, default features.\n\
             - **Instructions per call:** `valgrind --tool=callgrind` counts the bench binary's \
             instructions for 1 call and for {} calls against `chime-local` (another process); \
             the difference over {PER_CALL_BATCH} is one call, without start-up. Both clients \
             send the same signed `POST /app-instances` over plain HTTP on loopback; the SDK's \
             binary resolves its host-prefixed name to 127.0.0.1.\n",
            1 + PER_CALL_BATCH
        );
        if let Some(validated) = ours.validated_instructions_per_call {
            let _ = writeln!(
                md,
                "- **Validation:** with `validate_input(true)`, which checks each input against \
                 the model's constraints before the call (`Name`'s `@pattern` by `regress`, \
                 compiled at its first use), a call takes {validated:.0} instructions: \
                 {:.0} more than without.\n",
                validated - ours.instructions_per_call
            );
        }
        self.explain_misses(&mut md);
        self.whole_model_section(&mut md);
        rest_json_section(self.rest_json, self.codegen.last(), &mut md);
        let _ = writeln!(md, "## Code generation\n");
        let _ = writeln!(
            md,
            "| model | KiB | bare `serde_json` parse | generation | ratio | target | laid-out output | layout pass alone, 1 core |\n|---|---|---|---|---|---|---|---|"
        );
        for c in self.codegen {
            let _ = writeln!(
                md,
                "| {} | {} | {:.2} ms | {:.2} ms | {:.1}x | {} ({}) | {} KiB | {:.2} ms ({:.0}x the parse) |",
                c.label,
                c.kib,
                c.parse.as_secs_f64() * 1e3,
                c.generate.as_secs_f64() * 1e3,
                c.ratio(),
                c.target.text(),
                if c.target.met(c) { "met" } else { "**missed**" },
                c.laid_out_kib,
                c.layout_pass.as_secs_f64() * 1e3,
                c.layout_pass.as_secs_f64() / c.parse.as_secs_f64(),
            );
        }
        let _ = writeln!(
            md,
            "\nThe layout pass is `syn::parse2` and `prettyplease::unparse` alone over the files \
             generation lays out: the part of the \
             quote → syn → prettyplease pipeline that no change to the generator's own work can \
             remove. Generation spreads it over both cores, so it can at best halve it. Where \
             that floor is above the target, only a smaller output can meet it.\n"
        );
        if let Some(idl) = self.idl {
            let _ = writeln!(
                md,
                "## Reading the IDL\n\n| model | IDL | `serde_json` over its JSON AST | `idl::read` | ratio | target |\n|---|---|---|---|---|---|\n| official legacy model, written as IDL by `idl::write` | {} KiB | {:.2} ms | {:.2} ms | {:.1}x | ≤ {IDL_READ_TARGET}x ({}) |\n",
                idl.kib,
                idl.json_parse.as_secs_f64() * 1e3,
                idl.idl_read.as_secs_f64() * 1e3,
                idl.ratio(),
                if idl.met() { "met" } else { "**missed**" },
            );
        }
        md
    }

    /// Our client of the whole legacy model against `aws-sdk-chime` 1.60.0.
    fn whole_model_section(&self, md: &mut String) {
        let w = self.whole;
        if w.operations == 0 {
            return;
        }
        let _ = writeln!(
            md,
            "## The whole legacy model: {} operations\n\n\
             Our client generated from the whole official legacy model \
             (`model/reference/chime-2018-05-01.json`, into `benches/whole-ours`) against \
             `aws-sdk-chime` 1.60.0 (`benches/sdk-chime`), the last AWS SDK for Rust \
             release with all of its operations.\n",
            w.operations
        );
        let _ = writeln!(
            md,
            "| measure | ours | AWS SDK | ours / SDK | target | met |\n|---|---|---|---|---|---|"
        );
        let per_op = |lines: usize| lines as f64 / w.operations as f64;
        let rows = [
            (
                "generated lines per operation",
                format!("{:.0}", per_op(w.ours_lines)),
                format!("{:.0}", per_op(w.sdk_lines)),
                w.ours_lines as f64 / w.sdk_lines as f64,
                0.3,
            ),
            (
                "build of its own crates",
                format!("{:.1} s", w.ours_build.as_secs_f64()),
                format!("{:.1} s", w.sdk_build.as_secs_f64()),
                w.ours_build.as_secs_f64() / w.sdk_build.as_secs_f64(),
                0.25,
            ),
        ];
        for (measure, ours, theirs, ratio, target) in rows {
            let met = if ratio <= target { "yes" } else { "**no**" };
            let _ = writeln!(
                md,
                "| {measure} | {ours} | {theirs} | {ratio:.2} | ≤ {target} | {met} |"
            );
        }
        let _ = writeln!(
            md,
            "\n- **Generated lines:** every line of the `.rs` files of our four generated \
             crates ({} in all), against those of the SDK crate's `src/` ({}).\n\
             - **Build of its own crates:** as for the one-operation clients above: ours \
             counts the four generated crates and `smithy-lean-client` and \
             `smithy-lean-runtime`; the SDK, `aws-sdk-chime` alone. Median of {OWN_BUILD_RUNS}, \
             taking turns.\n",
            w.ours_lines, w.sdk_lines
        );
    }

    /// What the CPU time of the own-crates builds says: the least wall
    /// time any schedule on this machine's cores could reach.
    fn work_floor(&self) -> Option<String> {
        let (ours, theirs) = (&self.figures[0], &self.figures[1]);
        let (ours_cpu, theirs_cpu) = (ours.own_cpu?.as_secs_f64(), theirs.own_cpu?.as_secs_f64());
        let target = self
            .ratios()
            .into_iter()
            .find(|r| r.measure == "build of its own crates")?
            .target;
        let cores = self.cores.max(1);
        let floor = ours_cpu / cores as f64;
        let floor_ratio = floor / theirs.own_build.as_secs_f64();
        let verdict = if floor_ratio > target {
            format!(
                "above the target of {target}: the target asks for less work, not for more \
                 parallel work"
            )
        } else {
            format!("within the target of {target}: a better overlap of the crates could meet it")
        };
        Some(format!(
            "CPU time of those builds (user and system, of cargo and every rustc; median): \
             ours {ours_cpu:.1} s, the SDK's {theirs_cpu:.1} s, {:.2} of it. Crates and their \
             code generation run side by side, but {cores} cores take at least {floor:.1} s \
             for {ours_cpu:.1} s of work: {floor_ratio:.2} of the SDK's build time, {verdict}.",
            ours_cpu / theirs_cpu
        ))
    }

    /// For each missed target, the figures that show where the cost goes.
    fn explain_misses(&self, md: &mut String) {
        let ratios = self.ratios();
        let missed = |measure: &str| {
            ratios
                .iter()
                .any(|r| r.measure == measure && r.ratio > r.target)
        };
        let (ours, theirs) = (&self.figures[0], &self.figures[1]);
        if missed("build of its own crates") {
            let _ = writeln!(md, "## Where the own-crates build time goes\n");
            let _ = writeln!(
                md,
                "Seconds per crate in the last of those builds (`cargo build --timings`), longest first. \
                 Crates build in parallel where their dependencies allow, on 2 cores.\n"
            );
            for (peer, f) in self.peers.iter().zip(self.figures) {
                let units: Vec<String> = f
                    .own_units
                    .iter()
                    .map(|(name, seconds)| format!("{name} {seconds:.1} s"))
                    .collect();
                let _ = writeln!(md, "- {}: {}", peer.name, units.join(", "));
            }
            if let Some(text) = self.work_floor() {
                let _ = writeln!(md, "\n{text}");
            }
            let _ = writeln!(
                md,
                "\nEach crate's time follows the code it holds (`cargo llvm-lines --release -p \
                 <crate>` in `benches/ours` shows it), on top of what rustc does for any \
                 crate. Done already: the object walks of JSON reading and writing, a \
                 whole body's included, compiled once in the runtime (a structure's own code \
                 is its match from key to member), messages written in pieces rather than by \
                 many-argument `write!`, validation checks compiled once. Tried and dropped: \
                 one module per generated crate (fewer codegen units to ThinLTO), within the \
                 noise. What is left is the code each crate needs (readers, writers, error \
                 types; the client's signing, retries, timeouts and endpoints), in which no \
                 function stands out, and the standard-library code every crate compiles for \
                 itself (allocation, hashing, formatting): fewer crates would help most, but \
                 the generator's design fixes three.\n"
            );
        }
        if missed("dependencies") {
            let only = |a: &PeerFigures, b: &PeerFigures| -> Vec<String> {
                a.crates
                    .iter()
                    .filter(|c| !b.crates.contains(c))
                    .cloned()
                    .collect()
            };
            let shared = ours
                .crates
                .iter()
                .filter(|c| theirs.crates.contains(c))
                .count();
            let _ = writeln!(md, "## Where the dependency count goes\n");
            let ours_only = only(ours, theirs);
            let _ = writeln!(
                md,
                "{shared} crates are in both graphs: the AWS Rust runtime, hyper 1, rustls, tokio \
                 and what they need.\n\n- Only ours: {}\n- Only the SDK's: {}\n",
                ours_only.join(", "),
                only(theirs, ours).join(", ")
            );
            let peer = &self.peers[0];
            if !peer.prescribed.is_empty() {
                let floor = ours.prescribed.len() + peer.own_crates.len();
                let beyond: Vec<&str> = ours
                    .crates
                    .iter()
                    .filter(|c| !ours.prescribed.contains(c))
                    .filter(|c| {
                        !peer
                            .own_crates
                            .iter()
                            .any(|o| c.starts_with(&format!("{o} v")))
                    })
                    .map(String::as_str)
                    .collect();
                let uses: Vec<String> = peer
                    .prescribed
                    .iter()
                    .map(|(krate, what)| format!("`{krate}` ({what})"))
                    .collect();
                let _ = writeln!(
                    md,
                    "**The floor.** The project's design prescribes these runtime crates: {}. \
                     Their normal dependency graphs hold {} crates together. With our {} own \
                     crates, no client built on them can have fewer than {floor} dependencies, \
                     {:.2} of the SDK's {}: the target of {} is out of reach while the design \
                     prescribes them. Ours has {} more than that floor: {}.\n",
                    uses.join(", "),
                    ours.prescribed.len(),
                    peer.own_crates.len(),
                    floor as f64 / theirs.dependencies as f64,
                    theirs.dependencies,
                    DEPENDENCY_TARGET,
                    beyond.len(),
                    if beyond.is_empty() {
                        "none".to_owned()
                    } else {
                        beyond.join(", ")
                    }
                );
                if let Some(without_h2) = ours.without_h2 {
                    let _ = writeln!(
                        md,
                        "`aws-smithy-http-client` depends on `h2` unconditionally: its \
                         connector offers HTTP/2 by ALPN, which a client content with HTTP/1.1 \
                         (as every Chime operation is) does without. Without `h2` and the crates only it \
                         brings (`cargo tree --prune h2`), ours would have {without_h2} \
                         dependencies, {:.2} of the SDK's, within the target. The change that \
                         needs is upstream, in smithy-rs: HTTP/2 behind a feature of that \
                         crate. The request is drafted in \
                         [upstream/aws-smithy-http-client-optional-h2.md](upstream/aws-smithy-http-client-optional-h2.md). \
                         A connector of our own on hyper would leave `h2` out too, but it would \
                         write again what the runtime does well, and compile hyper's client into \
                         `chime`, against the build-time target.\n",
                        without_h2 as f64 / theirs.dependencies as f64
                    );
                }
            }
        }
    }

    fn svg(&self) -> String {
        let ratios = self.ratios();
        let (width, left, bar_width, row) = (960.0, 230.0, 440.0, 56.0);
        let height = 70.0 + row * ratios.len() as f64;
        // The axis runs to 1.0 (as costly as the SDK) or the largest ratio.
        let scale_max = ratios.iter().map(|r| r.ratio).fold(1.0_f64, f64::max);
        let x = |ratio: f64| left + bar_width * ratio / scale_max;
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">"#
        );
        let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
        let _ = writeln!(
            svg,
            r#"<text x="{left}" y="22" font-size="15" font-weight="bold">Ours as a fraction of the AWS SDK for Rust (shorter is better)</text>"#
        );
        for (i, r) in ratios.iter().enumerate() {
            let y = 44.0 + row * i as f64;
            let colour = if r.ratio <= r.target {
                "#2e7d32"
            } else {
                "#c62828"
            };
            let _ = writeln!(
                svg,
                r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
                left - 10.0,
                y + 18.0,
                r.measure
            );
            let _ = writeln!(
                svg,
                r#"<rect x="{left}" y="{y}" width="{:.1}" height="26" fill="{colour}"/>"#,
                x(r.ratio) - left
            );
            let _ = writeln!(
                svg,
                r#"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="black" stroke-width="2" stroke-dasharray="4 3"/>"#,
                x(r.target),
                y - 4.0,
                y + 30.0
            );
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{}">{:.2} ({} vs {}; target ≤ {})</text>"#,
                x(r.ratio.max(r.target)) + 8.0,
                y + 18.0,
                r.ratio,
                r.ours,
                r.theirs,
                r.target
            );
        }
        let axis_y = height - 14.0;
        let _ = writeln!(
            svg,
            r#"<line x1="{left}" y1="{0}" x2="{1:.1}" y2="{0}" stroke="black"/><text x="{left}" y="{2}">0</text><text x="{1:.1}" y="{2}" text-anchor="end">{3:.1} (as costly as the SDK = 1.0; dashed: target)</text>"#,
            axis_y - 12.0,
            x(scale_max),
            axis_y + 4.0,
            scale_max
        );
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(own_build: f64, dependencies: usize, crates: &[&str]) -> PeerFigures {
        PeerFigures {
            version: "v1.0.0".into(),
            dependencies,
            crates: crates.iter().map(|c| c.to_string()).collect(),
            own_units: vec![("chime-lean-error".into(), 1.9), ("chime".into(), 1.2)],
            clean_build: Duration::from_secs_f64(own_build * 40.0),
            own_build: Duration::from_secs_f64(own_build),
            instructions_per_call: 1000.0,
            calls_per_second: 100.0,
            ..PeerFigures::default()
        }
    }

    /// A report of the given figures, without code generation's.
    fn test_report<'a>(
        peers: &'a [Peer],
        figures: &'a [PeerFigures],
        idl: Option<&'a IdlFigure>,
        whole: &'a WholeModel,
    ) -> Report<'a> {
        Report {
            date: "2026-12-02",
            cores: 2,
            rustc: "rustc 1.95.0",
            peers,
            figures,
            codegen: &[],
            idl,
            whole,
            rest_json: &NO_REST_JSON,
        }
    }

    const NO_REST_JSON: RestJsonFigure = RestJsonFigure {
        operations: 0,
        of: 0,
        lines: 0,
        build: Duration::ZERO,
    };

    #[test]
    fn the_rest_json_section_gives_generation_lines_per_operation_and_build() {
        let figure = RestJsonFigure {
            operations: 100,
            of: 107,
            lines: 25_000,
            build: Duration::from_secs_f64(12.34),
        };
        let generation = CodegenFigure {
            label: "RestJson".to_owned(),
            target: CodegenTarget::Within(Duration::from_millis(100)),
            kib: 800,
            parse: Duration::from_millis(3),
            generate: Duration::from_millis(150),
            laid_out_kib: 1000,
            layout_pass: Duration::from_millis(30),
        };
        let mut md = String::new();
        rest_json_section(&figure, Some(&generation), &mut md);
        assert!(
            md.starts_with("## The compliance `RestJson` service: 100 operations"),
            "{md}"
        );
        assert!(md.contains("the 100 of its 107 operations"), "{md}");
        assert!(
            md.contains("| generation (median of the runs above) | 150.0 ms | ≤ 0.1 s | **no** |"),
            "{md}"
        );
        assert!(
            md.contains("| generated lines per operation | 250 (25000 in all) | | |"),
            "{md}"
        );
        assert!(md.contains("| 12.3 s | | |"), "{md}");
        let mut none = String::new();
        rest_json_section(&NO_REST_JSON, None, &mut none);
        assert!(none.is_empty());
    }

    fn markdown(ours: PeerFigures, theirs: PeerFigures) -> (String, String) {
        let peers = peers(Path::new("/nowhere"));
        let figures = [ours, theirs];
        let whole = WholeModel::default();
        let report = test_report(&peers, &figures, None, &whole);
        (report.markdown(), report.svg())
    }

    fn row<'a>(md: &'a str, measure: &str) -> &'a str {
        md.lines()
            .find(|line| line.starts_with(&format!("| {measure} |")))
            .unwrap_or_else(|| panic!("no row for {measure} in:\n{md}"))
    }

    #[test]
    fn each_ratio_is_met_or_missed_against_its_target() {
        let mut ours = figures(2.5, 97, &["chime v0.1.0", "tokio v1.0.0"]);
        ours.instructions_per_call = 600.0;
        let theirs = figures(
            30.0,
            114,
            &["aws-sdk-chimesdkidentity v1.0.0", "tokio v1.0.0"],
        );
        let (md, _) = markdown(ours, theirs);
        assert_eq!(
            row(&md, "build of its own crates"),
            "| build of its own crates | 2.5 s | 30.0 s | 0.08 | ≤ 0.1 | yes |"
        );
        assert_eq!(
            row(&md, "dependencies"),
            "| dependencies | 97 | 114 | 0.85 | ≤ 0.8 | **no** |"
        );
        assert_eq!(
            row(&md, "instructions per call"),
            "| instructions per call | 600 | 1000 | 0.60 | ≤ 0.5 | **no** |"
        );
    }

    #[test]
    fn the_whole_model_rows_are_per_operation_and_against_their_targets() {
        let peers = peers(Path::new("/nowhere"));
        let figures = [figures(2.5, 97, &[]), figures(30.0, 114, &[])];
        let whole = WholeModel {
            operations: 191,
            ours_lines: 191 * 300,
            sdk_lines: 191 * 1200,
            ours_build: Duration::from_secs(30),
            sdk_build: Duration::from_secs(100),
        };
        let report = test_report(&peers, &figures, None, &whole);
        let md = report.markdown();
        assert_eq!(
            row(&md, "generated lines per operation"),
            "| generated lines per operation | 300 | 1200 | 0.25 | ≤ 0.3 | yes |"
        );
        assert_eq!(
            row(&md, "build of its own crates"),
            "| build of its own crates | 2.5 s | 30.0 s | 0.08 | ≤ 0.1 | yes |",
            "the first row of that name is the one-operation clients'"
        );
        assert!(
            md.contains("| build of its own crates | 30.0 s | 100.0 s | 0.30 | ≤ 0.25 | **no** |"),
            "{md}"
        );
    }

    #[test]
    fn the_idl_row_compares_the_read_with_the_json_parse_against_its_target() {
        let peers = peers(Path::new("/nowhere"));
        let figures = [figures(2.5, 97, &[]), figures(30.0, 114, &[])];
        let row_for = |idl_ms: u64| {
            let idl = IdlFigure {
                kib: 437,
                json_parse: Duration::from_millis(4),
                idl_read: Duration::from_millis(idl_ms),
            };
            let whole = WholeModel::default();
            let report = test_report(&peers, &figures, Some(&idl), &whole);
            row(
                &report.markdown(),
                "official legacy model, written as IDL by `idl::write`",
            )
            .to_owned()
        };
        assert_eq!(
            row_for(10),
            "| official legacy model, written as IDL by `idl::write` | 437 KiB | 4.00 ms | 10.00 ms | 2.5x | ≤ 3x (met) |"
        );
        assert!(
            row_for(13).ends_with("| 3.2x | ≤ 3x (**missed**) |"),
            "{}",
            row_for(13)
        );
    }

    #[test]
    fn only_a_missed_target_gets_its_explanation() {
        let crates = ["chime v0.1.0", "h2 v0.4.0", "tokio v1.0.0"];
        let sdk = ["aws-sdk-chimesdkidentity v1.0.0", "tokio v1.0.0"];
        let (met, _) = markdown(figures(2.5, 80, &crates), figures(30.0, 114, &sdk));
        assert!(!met.contains("## Where the own-crates build time goes"));
        assert!(!met.contains("## Where the dependency count goes"));

        let mut ours = figures(3.5, 97, &crates);
        ours.prescribed = vec!["h2 v0.4.0".into(), "tokio v1.0.0".into()];
        ours.without_h2 = Some(89);
        let (missed, _) = markdown(ours, figures(30.0, 114, &sdk));
        assert!(missed.contains("## Where the own-crates build time goes"));
        assert!(
            missed.contains("- chime-lean (this project): chime-lean-error 1.9 s, chime 1.2 s")
        );
        assert!(missed.contains("## Where the dependency count goes"));
        assert!(missed.contains("- Only ours: chime v0.1.0, h2 v0.4.0"));
        // Two prescribed crates and six own ones.
        assert!(missed.contains("no client built on them can have fewer than 8 dependencies"));
        assert!(missed.contains("ours would have 89 dependencies, 0.78 of the SDK's"));
    }

    #[test]
    fn a_missed_build_target_is_set_against_the_least_time_its_cpu_time_allows() {
        let with_cpu = |own_build: f64, cpu: Option<f64>| {
            let mut f = figures(own_build, 97, &[]);
            f.own_cpu = cpu.map(Duration::from_secs_f64);
            f
        };
        // 4.0 s of work on 2 cores takes 2.0 s at least: 0.125 of 16 s.
        let (md, _) = markdown(with_cpu(2.3, Some(4.0)), with_cpu(16.0, Some(27.0)));
        assert!(
            md.contains(
                "ours 4.0 s, the SDK's 27.0 s, 0.15 of it. Crates and their code generation \
                 run side by side, but 2 cores take at least 2.0 s for 4.0 s of work: 0.12 of \
                 the SDK's build time, above the target of 0.1: the target asks for less work"
            ),
            "{md}"
        );
        // 2.4 s of work could fit in 1.2 s: only the overlap is missing.
        let (md, _) = markdown(with_cpu(2.3, Some(2.4)), with_cpu(16.0, Some(27.0)));
        assert!(
            md.contains("0.07 of the SDK's build time, within the target of 0.1: a better overlap"),
            "{md}"
        );
        // Without the CPU time of both, nothing is claimed.
        let (md, _) = markdown(with_cpu(2.3, Some(4.0)), with_cpu(16.0, None));
        assert!(md.contains("## Where the own-crates build time goes"));
        assert!(!md.contains("CPU time of those builds"));
    }

    #[test]
    fn cpu_time_of_children_is_read_after_the_command_name() {
        // pid (comm) state ppid ... utime stime cutime cstime ...; a name
        // may hold spaces and parentheses.
        let stat = "4242 (cargo (x) y) S 1 4242 4242 0 -1 4194304 100 200 0 0 7 3 \
                    1250 375 20 0 1 0 12345 1000 100";
        assert_eq!(children_ticks(stat), Some(1250 + 375));
        assert_eq!(children_ticks("4242 (cargo) S 1 2 3"), None);
        assert_eq!(children_ticks("no name at all"), None);
        if cfg!(target_os = "linux") {
            let own = children_ticks(&std::fs::read_to_string("/proc/self/stat").unwrap());
            assert!(own.is_some(), "this process's own stat line reads");
        }
    }

    #[test]
    fn the_chart_has_a_bar_per_measure_coloured_by_its_target() {
        let (_, svg) = markdown(
            figures(2.5, 97, &["chime v0.1.0"]),
            figures(30.0, 114, &["aws-sdk-chimesdkidentity v1.0.0"]),
        );
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
        let green = svg.matches(r##"fill="#2e7d32""##).count();
        let red = svg.matches(r##"fill="#c62828""##).count();
        // Both builds met; dependencies and instructions (the same count on
        // both sides) missed.
        assert_eq!((green, red), (2, 2), "{svg}");
    }

    #[test]
    fn unit_times_come_from_cargos_timing_report_longest_first() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        let timings = dir.join("target/cargo-timings");
        std::fs::create_dir_all(&timings).unwrap();
        std::fs::write(
            timings.join("cargo-timing.html"),
            "<script>\nconst UNIT_DATA = [\
             {\"name\":\"chime\",\"target\":\"\",\"duration\":1.25},\
             {\"name\":\"itoa\",\"target\":\"\",\"duration\":0.0},\
             {\"name\":\"chime-lean-error\",\"target\":\"\",\"duration\":1.9},\
             {\"name\":\"bench-ours\",\"target\":\" (bin)\",\"duration\":0.3}];\n</script>",
        )
        .unwrap();
        let times = unit_times(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let expected = [
            ("chime-lean-error", 1.9),
            ("chime", 1.25),
            ("bench-ours (bin)", 0.3),
        ];
        let expected: Vec<(String, f64)> = expected
            .iter()
            .map(|(name, seconds)| (name.to_string(), *seconds))
            .collect();
        assert_eq!(times.unwrap(), expected);
    }
}
