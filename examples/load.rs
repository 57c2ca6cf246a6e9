//! A bounded load run: many `CreateAppInstance` calls through this client
//! against `chime-local` on loopback, reporting throughput, latency
//! percentiles and errors. A benchmark, not a test.
//!
//! ```text
//! cargo run --release -p chime-examples --example load -- [--calls 20000] [--concurrency 64]
//! ```
//!
//! Client and service share this machine's cores, so the figures are for
//! the pair; run it on an idle machine.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Options {
    calls: usize,
    concurrency: usize,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        calls: 20_000,
        concurrency: 64,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = value
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(format!("{flag} takes a positive number, not `{value}`"))?;
        match flag.as_str() {
            "--calls" => options.calls = number,
            "--concurrency" => options.concurrency = number,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let options = options()?;
    let local = chime_local::LocalChime::builder()
        .quota(usize::MAX)
        .start()
        .await
        .map_err(|e| format!("cannot start chime-local: {e}"))?;
    let client = chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .region(chime_lean::Region::new(local.region().to_owned()))
            .endpoint_url(local.endpoint_url())
            .credentials_provider(local.credentials())
            .build(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..options.concurrency)
        .map(|_| {
            let (client, next) = (client.clone(), next.clone());
            let calls = options.calls;
            tokio::spawn(async move {
                let (mut latencies, mut errors) = (Vec::new(), 0usize);
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    let call_started = Instant::now();
                    let outcome = client.create_app_instance().name("load").send().await;
                    latencies.push(call_started.elapsed());
                    errors += usize::from(outcome.is_err());
                }
                (latencies, errors)
            })
        })
        .collect();
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for worker in workers {
        let (worker_latencies, worker_errors) = worker.await.map_err(|e| e.to_string())?;
        latencies.extend(worker_latencies);
        errors += worker_errors;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    println!(
        "{} calls, {} at a time, in {:.2} s: {:.0} calls/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} errors; {} instances held",
        latencies.len(),
        options.concurrency,
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        errors,
        local.instances().len(),
    );
    Ok(())
}
