//! `chime-local`: runs the local CreateAppInstance service until Ctrl-C.

use chime_local::{ErrorAnswer, Fault, LocalChime};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: chime-local [options]

  --port N                 TCP port (default 4566; 0 picks a free one)
  --bind-all               listen on every interface, not only 127.0.0.1
  --account ID             account id (default 123456789012)
  --access-key KEY         access key id (default AKIDLOCALCHIME)
  --secret-key SECRET      secret access key (default chime-local-secret, a public test value)
  --quota N                app instances per account (default 1000)
  --rate PER_SECOND        throttle above this sustained request rate
  --burst N                requests allowed at once above the rate (default 1)
  --clock-offset SECONDS   run the service's clock ahead (behind, if negative) of this machine's

Limits (each has a default that bounds it):
  --header-read-timeout MS a request's head, then its body, must arrive within this (default 10000)
  --idle-timeout MS        close a kept-alive connection idle this long (default 20000)
  --max-connections N      open connections at once (default: what the file limit leaves room for)
  --log-limit N            requests kept in the log, the newest (default 1000; 0 keeps none)

Faults for the next requests, applied in the order given:
  --fail-next N:WHAT       WHAT is an error name (ThrottledClientException, ...) or an HTTP status
  --delay-next N:MILLIS    wait before handling
  --drop-next N            create, then close the connection without answering
  --malformed-next N       create, then answer with a truncated body";

#[tokio::main]
async fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let mut builder = LocalChime::builder().port(chime_local::STANDALONE_PORT);
    let (mut account, mut access_key, mut secret_key) = (
        "123456789012".to_owned(),
        chime_local::STANDALONE_ACCESS_KEY.to_owned(),
        None::<String>,
    );
    let mut rate = None;
    let mut burst = 1;
    let mut faults: Vec<(Fault, usize)> = Vec::new();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match flag.as_str() {
            "--port" => builder = builder.port(parse(&flag, &value()?)?),
            "--bind-all" => builder = builder.bind_all_interfaces(true),
            "--account" => account = value()?,
            "--access-key" => access_key = value()?,
            "--secret-key" => secret_key = Some(value()?),
            "--quota" => builder = builder.quota(parse(&flag, &value()?)?),
            "--rate" => rate = Some(parse::<f64>(&flag, &value()?)?),
            "--burst" => burst = parse(&flag, &value()?)?,
            "--clock-offset" => builder = builder.clock_offset_seconds(parse(&flag, &value()?)?),
            "--header-read-timeout" => {
                let millis = parse(&flag, &value()?)?;
                builder = builder.header_read_timeout(Duration::from_millis(millis));
            }
            "--idle-timeout" => {
                builder = builder.idle_timeout(Duration::from_millis(parse(&flag, &value()?)?));
            }
            "--max-connections" => builder = builder.max_connections(parse(&flag, &value()?)?),
            "--log-limit" => builder = builder.request_log_limit(parse(&flag, &value()?)?),
            "--fail-next" => {
                let spec = value()?;
                let (times, what) = split_times(&flag, &spec)?;
                let fault = match ErrorAnswer::from_name(what) {
                    Some(error) => Fault::Error(error),
                    None => Fault::Status(parse(&flag, what).map_err(|_| {
                        format!(
                            "{flag}: `{what}` is neither a modelled error name nor a status\n\n{USAGE}"
                        )
                    })?),
                };
                faults.push((fault, times));
            }
            "--delay-next" => {
                let spec = value()?;
                let (times, millis) = split_times(&flag, &spec)?;
                let delay = Duration::from_millis(parse(&flag, millis)?);
                faults.push((Fault::Delay(delay), times));
            }
            "--drop-next" => faults.push((Fault::DropAfterCreate, parse(&flag, &value()?)?)),
            "--malformed-next" => faults.push((Fault::MalformedBody, parse(&flag, &value()?)?)),
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
        }
    }
    if let Some(rate) = rate {
        builder = builder.rate_limit(rate, burst);
    }
    let secret_given = secret_key.is_some();
    let secret = secret_key.unwrap_or_else(|| chime_local::STANDALONE_SECRET_KEY.to_owned());
    let local = builder
        .account(account, access_key.clone(), secret)
        .start()
        .await
        .map_err(|e| format!("cannot listen: {e}"))?;
    for (fault, times) in faults {
        local.inject(fault, times);
    }
    let mut banner = format!(
        "chime-local listening on {url}\nexport AWS_ENDPOINT_URL={url}\nexport AWS_REGION={}\nexport AWS_ACCESS_KEY_ID={access_key}\n",
        local.region(),
        url = local.endpoint_url()
    );
    if !secret_given {
        banner.push_str(&format!(
            "export AWS_SECRET_ACCESS_KEY={}\n",
            chime_local::STANDALONE_SECRET_KEY
        ));
    }
    say(&banner);
    tokio::select! {
        () = local.serve_forever() => {}
        _ = tokio::signal::ctrl_c() => say("stopping\n"),
    }
    Ok(())
}

/// Writes to standard output, ignoring a reader that went away: the
/// service must keep serving when whoever started it stops listening.
fn say(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn parse<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: `{value}` is not a valid value\n\n{USAGE}"))
}

/// `N:REST` into the count and the rest.
fn split_times<'a>(flag: &str, value: &'a str) -> Result<(usize, &'a str), String> {
    let (times, rest) = value
        .split_once(':')
        .ok_or_else(|| format!("{flag} takes N:VALUE, not `{value}`"))?;
    Ok((parse(flag, times)?, rest))
}
