//! `bench-sdk --endpoint URL --access-key K --secret-key S --calls N`:
//! N sequential CreateAppInstance calls through the AWS SDK for Rust.

use aws_sdk_chimesdkidentity::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::dns::{DnsFuture, ResolveDns};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

/// Resolves every name to 127.0.0.1: the SDK puts the operation's host
/// prefix on custom endpoints too (`identity-bench.local`), and offers no
/// switch to turn that off.
#[derive(Debug, Clone)]
struct Loopback;

impl ResolveDns for Loopback {
    fn resolve_dns<'a>(&'a self, _name: &'a str) -> DnsFuture<'a> {
        DnsFuture::ready(Ok(vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]))
    }
}

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
    let http_client = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .build_with_resolver(Loopback);
    let config = aws_sdk_chimesdkidentity::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(arg("--endpoint"))
        .credentials_provider(Credentials::new(
            arg("--access-key"),
            arg("--secret-key"),
            None,
            None,
            "bench",
        ))
        .http_client(http_client)
        .build();
    let client = aws_sdk_chimesdkidentity::Client::from_conf(config);
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
