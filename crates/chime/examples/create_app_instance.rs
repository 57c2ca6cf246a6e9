//! Creates an `AppInstance`.
//!
//! ```text
//! cargo run -p chime --example create_app_instance -- [--aws] [NAME [METADATA]]
//! ```
//!
//! By default it starts `chime-local` in this process and creates the
//! instance there, so it works on any machine, with no AWS account. With
//! `--aws` it calls the real service, with region, credentials and an
//! optional endpoint URL from the usual AWS environment variables and
//! profile files, through `aws-config`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let use_aws = args.first().is_some_and(|a| a == "--aws");
    if use_aws {
        args.remove(0);
    }
    let mut args = args.into_iter();
    let name = args.next().unwrap_or_else(|| "example".to_owned());
    let metadata = args.next();

    // Kept alive until the end of `main`: dropping it stops the service.
    let mut _local = None;
    let client = if use_aws {
        let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            // aws-config's own default HTTP client would bring a second TLS
            // stack; give it the one this crate already uses.
            .http_client(chime::https_client())
            .load()
            .await;
        chime::Client::new(&sdk_config)
    } else {
        let local = match chime_local::LocalChime::start().await {
            Ok(local) => local,
            Err(error) => {
                eprintln!("cannot start chime-local: {error}");
                return ExitCode::FAILURE;
            }
        };
        println!("using chime-local at {}", local.endpoint_url());
        let config = chime::Config::builder()
            .region(chime::Region::new(local.region().to_owned()))
            .endpoint_url(local.endpoint_url())
            .credentials_provider(local.credentials())
            .build();
        _local = Some(local);
        chime::Client::from_conf(config)
    };

    match client
        .create_app_instance()
        .name(name)
        .set_metadata(metadata)
        .send_with_token()
        .await
    {
        Ok((output, token)) => {
            println!(
                "created {}",
                output.app_instance_arn().unwrap_or("(no ARN returned)")
            );
            println!("idempotency token: {}", token.as_str());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            if let Some(token) = error.client_request_token() {
                // The service may have created the instance before the
                // failure; repeating with this token cannot create a second.
                eprintln!(
                    "to retry safely, reuse idempotency token {}",
                    token.as_str()
                );
            }
            ExitCode::FAILURE
        }
    }
}
