//! `bench-ours --endpoint URL --access-key K --secret-key S --calls N [--validate]`:
//! N sequential CreateAppInstance calls through this project's client,
//! each input checked against the model's constraints first with `--validate`.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use std::time::Instant;

fn arg(name: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .unwrap_or_else(|| panic!("missing {name}"))
        .clone()
}

fn main() {
    // Built by hand rather than with `#[tokio::main]`, so that tokio's macros
    // do not join the client's dependency graph being counted.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(calls());
}

async fn calls() {
    let calls: usize = arg("--calls").parse().expect("--calls takes a number");
    let validate = std::env::args().any(|a| a == "--validate");
    let config = chime_lean::Config::builder()
        .validate_input(validate)
        .region(chime_lean::Region::new("us-east-1"))
        .endpoint_url(arg("--endpoint"))
        .credentials_provider(aws_credential_types::Credentials::new(
            arg("--access-key"),
            arg("--secret-key"),
            None,
            None,
            "bench",
        ))
        .build();
    let client = chime_lean::Client::from_conf(config);
    let started = Instant::now();
    for _ in 0..calls {
        client
            .create_app_instance()
            .name("bench")
            .send()
            .await
            .expect("the call succeeds");
    }
    println!("{calls} calls in {:.6} s", started.elapsed().as_secs_f64());
}
