//! Creates an `AppInstance`.
//!
//! ```text
//! cargo run -p chime --example create_app_instance -- NAME [METADATA]
//! ```
//!
//! Region, credentials and an optional endpoint URL come from the usual AWS
//! environment variables and profile files, through `aws-config`
//! (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, ...).

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(name) = args.next() else {
        eprintln!("usage: create_app_instance NAME [METADATA]");
        return ExitCode::FAILURE;
    };
    let metadata = args.next();

    // aws-config's own default HTTP client would bring a second TLS stack;
    // give it the one this crate already uses.
    let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(chime::https_client())
        .load()
        .await;
    let client = chime::Client::new(&sdk_config);

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
