//! Creates an `AppInstance`.
//!
//! ```text
//! cargo run -p chime-examples --example create_app_instance -- [--aws] [NAME [METADATA]]
//! ```
//!
//! By default it starts `chime-local` in this process and creates the
//! instance there, so it works on any machine, with no AWS account. With
//! `--aws` it calls the real service, with region, credentials and an
//! optional endpoint URL from the usual AWS environment variables and
//! profile files, through `aws-config`.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use std::process::ExitCode;

const USAGE: &str = "usage: create_app_instance [--aws] [NAME [METADATA]]

  Creates an AppInstance named NAME (default: example) with METADATA, in
  chime-local started in this process, or with --aws in the real service,
  configured from the AWS environment variables and profile files.";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Request {
    Help,
    Create {
        use_aws: bool,
        name: String,
        metadata: Option<String>,
    },
}

/// Reads the arguments: options first, then at most a name and metadata.
/// Anything else that looks like an option is refused, so that no instance
/// is ever named `--help` or `--verbose`.
fn parse(args: &[String]) -> Result<Request, String> {
    let mut use_aws = false;
    let mut positional = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--help" | "-h" => return Ok(Request::Help),
            "--aws" if positional.is_empty() => use_aws = true,
            option if option.starts_with('-') && positional.is_empty() => {
                return Err(format!("unknown option `{option}`\n\n{USAGE}"));
            }
            value => positional.push(value.to_owned()),
        }
    }
    if positional.len() > 2 {
        return Err(format!("too many arguments\n\n{USAGE}"));
    }
    let mut positional = positional.into_iter();
    Ok(Request::Create {
        use_aws,
        name: positional.next().unwrap_or_else(|| "example".to_owned()),
        metadata: positional.next(),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (use_aws, name, metadata) = match parse(&args) {
        Ok(Request::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Request::Create {
            use_aws,
            name,
            metadata,
        }) => (use_aws, name, metadata),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };

    // Kept alive until the end of `main`: dropping it stops the service.
    let mut _local = None;
    let client = if use_aws {
        let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            // aws-config's own default HTTP client would bring a second TLS
            // stack; give it the one this crate already uses.
            .http_client(chime_lean::https_client())
            .load()
            .await;
        chime_lean::Client::new(&sdk_config)
    } else {
        let local = match chime_local::LocalChime::start().await {
            Ok(local) => local,
            Err(error) => {
                eprintln!("cannot start chime-local: {error}");
                return ExitCode::FAILURE;
            }
        };
        println!("using chime-local at {}", local.endpoint_url());
        let config = chime_lean::Config::builder()
            .region(chime_lean::Region::new(local.region().to_owned()))
            .endpoint_url(local.endpoint_url())
            .credentials_provider(local.credentials())
            .build();
        _local = Some(local);
        chime_lean::Client::from_conf(config)
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
            if let Some(advice) = retry_advice(&error) {
                eprintln!("{advice}");
            }
            ExitCode::FAILURE
        }
    }
}

/// What to say of retrying after `error`: to reuse its idempotency token,
/// where a request reached the network, since the service may have created
/// the instance before the failure, and repeating with that token cannot
/// create a second. A call that sent nothing created nothing: a new call
/// is as safe, and the token is no advice.
fn retry_advice<E>(error: &chime_lean::Error<E>) -> Option<String> {
    let token = error.client_request_token()?;
    (error.attempts() > 0).then(|| {
        format!(
            "to retry safely, reuse idempotency token {}",
            token.as_str()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client_of(local: &chime_local::LocalChime, endpoint: String) -> chime_lean::Client {
        chime_lean::Client::from_conf(
            chime_lean::Config::builder()
                .region(chime_lean::Region::new(local.region().to_owned()))
                .endpoint_url(endpoint)
                .credentials_provider(local.credentials())
                .build(),
        )
    }

    async fn failed_call(
        client: &chime_lean::Client,
    ) -> chime_lean::Error<chime_lean::operation::create_app_instance::CreateAppInstanceError> {
        client
            .create_app_instance()
            .name("n")
            .send()
            .await
            .unwrap_err()
    }

    #[tokio::test]
    async fn the_token_is_advice_only_after_a_request_went_out() {
        let local = chime_local::LocalChime::start().await.unwrap();
        // The service answers with an error: the request went out.
        local.inject(chime_local::Fault::Status(400), 1);
        let error = failed_call(&client_of(&local, local.endpoint_url())).await;
        let token = error.client_request_token().unwrap().as_str().to_owned();
        assert_eq!(
            retry_advice(&error),
            Some(format!("to retry safely, reuse idempotency token {token}"))
        );
        // An endpoint that is no URL: the call fails before sending.
        let error = failed_call(&client_of(&local, "ftp://127.0.0.1:21".to_owned())).await;
        assert_eq!(error.attempts(), 0);
        assert!(error.client_request_token().is_some(), "chosen, never sent");
        assert_eq!(retry_advice(&error), None);
    }

    fn parsed(args: &[&str]) -> Result<Request, String> {
        parse(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn help_is_help_and_unknown_options_are_refused() {
        assert_eq!(parsed(&["--help"]), Ok(Request::Help));
        assert_eq!(parsed(&["-h"]), Ok(Request::Help));
        assert_eq!(parsed(&["--aws", "--help"]), Ok(Request::Help));
        for bad in [
            &["--verbose"][..],
            &["--aws", "--nme", "x"],
            &["a", "b", "c"],
        ] {
            let message = parsed(bad).unwrap_err();
            assert!(message.contains("usage:"), "{message}");
        }
    }

    #[test]
    fn names_and_metadata_follow_the_options() {
        assert_eq!(
            parsed(&[]),
            Ok(Request::Create {
                use_aws: false,
                name: "example".into(),
                metadata: None
            })
        );
        assert_eq!(
            parsed(&["--aws", "ops", "team=ops"]),
            Ok(Request::Create {
                use_aws: true,
                name: "ops".into(),
                metadata: Some("team=ops".into())
            })
        );
        // After the name, a value may start with a dash.
        assert_eq!(
            parsed(&["ops", "-x"]),
            Ok(Request::Create {
                use_aws: false,
                name: "ops".into(),
                metadata: Some("-x".into())
            })
        );
    }
}
