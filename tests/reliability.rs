//! Exactly once under faults: many concurrent calls against `chime-local`
//! with throttles, server errors, lost responses and slow answers, and not
//! one `AppInstance` lost or made twice.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use chime_local::{AppInstance, ErrorAnswer, Fault, LocalChime, RecordedRequest};
use chime_tests::local_client;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const CALLS: usize = 200;
const CONCURRENCY: usize = 16;
const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(150);
/// Longer than an attempt may take, so the client gives up and retries.
const SLOW_ANSWER: Duration = Duration::from_millis(400);

/// What one logical call ended with.
#[derive(Debug, Clone)]
struct Outcome {
    /// The token the call sent (on success or failure).
    token: Option<String>,
    /// The ARN, when the call succeeded.
    arn: Option<String>,
}

/// What the suite counts.
#[derive(Debug)]
struct Figures {
    calls: usize,
    succeeded: usize,
    failed: usize,
    requests: usize,
    faults: BTreeMap<String, usize>,
    instances: usize,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} calls: {} succeeded, {} failed; {} requests; {} instances; faults:",
            self.calls, self.succeeded, self.failed, self.requests, self.instances
        )?;
        for (fault, count) in &self.faults {
            write!(f, " {fault} {count},")?;
        }
        Ok(())
    }
}

/// The exactly-once properties; `Err` names the first one broken.
fn check_exactly_once(
    outcomes: &[Outcome],
    instances: &[AppInstance],
    requests: &[RecordedRequest],
) -> Result<Figures, String> {
    let mut by_token: HashMap<&str, Vec<&AppInstance>> = HashMap::new();
    for instance in instances {
        by_token
            .entry(&instance.client_request_token)
            .or_default()
            .push(instance);
    }
    if let Some((token, made)) = by_token.iter().find(|(_, made)| made.len() > 1) {
        return Err(format!("token {token} maps to {} instances", made.len()));
    }
    let reported: HashSet<&str> = outcomes.iter().filter_map(|o| o.token.as_deref()).collect();
    if let Some(orphan) = instances
        .iter()
        .find(|i| !reported.contains(i.client_request_token.as_str()))
    {
        return Err(format!(
            "{} was created under a token no call reports: a duplicate creation",
            orphan.arn
        ));
    }
    for outcome in outcomes {
        if let (Some(token), Some(arn)) = (&outcome.token, &outcome.arn) {
            match by_token.get(token.as_str()).map(Vec::as_slice) {
                Some([instance]) if &instance.arn == arn => {}
                other => {
                    return Err(format!(
                        "a call returned {arn} but its token holds {:?}",
                        other.map(|made| made.iter().map(|i| &i.arn).collect::<Vec<_>>())
                    ));
                }
            }
        }
    }
    let accepted: HashSet<String> = requests
        .iter()
        .filter(|r| {
            r.status == Some(201)
                || matches!(r.fault, Some(Fault::DropAfterCreate | Fault::MalformedBody))
        })
        .filter_map(token_of)
        .collect();
    if accepted.len() != instances.len() {
        return Err(format!(
            "{} instances for {} tokens the service accepted",
            instances.len(),
            accepted.len()
        ));
    }
    let mut faults = BTreeMap::new();
    for request in requests {
        let name = match &request.fault {
            None | Some(Fault::Delay(Duration::ZERO)) => continue,
            Some(Fault::Error(e)) => e.name().to_owned(),
            Some(Fault::Delay(_)) => "slow answer".to_owned(),
            Some(Fault::DropAfterCreate) => "lost response".to_owned(),
            Some(other) => format!("{other:?}"),
        };
        *faults.entry(name).or_insert(0) += 1;
    }
    Ok(Figures {
        calls: outcomes.len(),
        succeeded: outcomes.iter().filter(|o| o.arn.is_some()).count(),
        failed: outcomes.iter().filter(|o| o.arn.is_none()).count(),
        requests: requests.len(),
        faults,
        instances: instances.len(),
    })
}

fn token_of(request: &RecordedRequest) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(&request.body).ok()?;
    body["ClientRequestToken"].as_str().map(str::to_owned)
}

/// A deterministic fault plan: about one request in four meets a fault.
fn fault_plan(seed: u64, length: usize) -> Vec<Option<Fault>> {
    let mut state = seed;
    let mut next = move || {
        // xorshift64*: independent of the code under test.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..length)
        .map(|_| match next() % 20 {
            0 => Some(Fault::Error(ErrorAnswer::Throttled)),
            1 => Some(Fault::Error(ErrorAnswer::ServiceFailure)),
            2 => Some(Fault::Error(ErrorAnswer::ServiceUnavailable)),
            3 => Some(Fault::DropAfterCreate),
            4 => Some(Fault::Delay(SLOW_ANSWER)),
            _ => None,
        })
        .collect()
}

/// Runs the calls, `CONCURRENCY` at a time, with `call` making each one.
async fn run_calls<F, Fut>(calls: usize, call: F) -> Vec<Outcome>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Outcome> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let call = Arc::new(call);
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (next, call) = (next.clone(), call.clone());
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= calls {
                        return outcomes;
                    }
                    outcomes.push(call(index).await);
                }
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for worker in workers {
        outcomes.extend(worker.await.unwrap());
    }
    outcomes
}

fn faulty_client(local: &LocalChime, retry: RetryConfig) -> chime_lean::Client {
    local_client(local, |c| {
        c.retry_config(retry).timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .build(),
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_call_is_lost_or_duplicated_under_faults() {
    let seed = 0x5EED_C41E;
    let local = LocalChime::start().await.unwrap();
    local.inject_sequence(fault_plan(seed, CALLS * 4));
    let client = faulty_client(
        &local,
        RetryConfig::standard()
            .with_max_attempts(5)
            .with_initial_backoff(Duration::from_millis(2))
            .with_max_backoff(Duration::from_millis(20)),
    );
    let outcomes = run_calls(CALLS, move |i| {
        let client = client.clone();
        async move {
            match client
                .create_app_instance()
                .name(format!("app-{i}"))
                .send_with_token()
                .await
            {
                Ok((output, token)) => Outcome {
                    token: Some(token.into_string()),
                    arn: output.app_instance_arn().map(str::to_owned),
                },
                Err(error) => Outcome {
                    token: error.client_request_token().map(|t| t.as_str().to_owned()),
                    arn: None,
                },
            }
        }
    })
    .await;
    let figures = check_exactly_once(&outcomes, &local.instances(), &local.requests())
        .unwrap_or_else(|broken| panic!("exactly-once broken (seed {seed:#x}): {broken}"));
    println!("exactly once under faults (seed {seed:#x}): {figures}");
    assert_eq!(figures.calls, CALLS);
    assert!(
        figures.faults.len() >= 5,
        "every kind of fault occurred: {figures:?}"
    );
    assert!(figures.succeeded >= CALLS * 9 / 10, "{figures:?}");
}

/// The suite must catch a client that makes a new token on each retry.
#[tokio::test]
async fn a_client_that_retries_with_fresh_tokens_is_caught() {
    let local = LocalChime::start().await.unwrap();
    local.inject(Fault::DropAfterCreate, 1);
    let single_shot = faulty_client(&local, RetryConfig::disabled());
    let mut token = None;
    let mut arn = None;
    // Retrying by hand with a new call each time: a new token each time.
    for _ in 0..3 {
        match single_shot
            .create_app_instance()
            .name("n")
            .send_with_token()
            .await
        {
            Ok((output, used)) => {
                token = Some(used.into_string());
                arn = output.app_instance_arn().map(str::to_owned);
                break;
            }
            Err(error) => token = error.client_request_token().map(|t| t.as_str().to_owned()),
        }
    }
    let outcomes = [Outcome { token, arn }];
    let verdict = check_exactly_once(&outcomes, &local.instances(), &local.requests());
    let broken = verdict.expect_err("a duplicate creation must be caught");
    assert!(broken.contains("duplicate creation"), "{broken}");
    assert_eq!(local.instances().len(), 2);

    // The real client, same fault: one instance.
    let local = LocalChime::start().await.unwrap();
    local.inject(Fault::DropAfterCreate, 1);
    let client = faulty_client(
        &local,
        RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
    );
    let (output, token) = client
        .create_app_instance()
        .name("n")
        .send_with_token()
        .await
        .unwrap();
    let outcomes = [Outcome {
        token: Some(token.into_string()),
        arn: output.app_instance_arn().map(str::to_owned),
    }];
    check_exactly_once(&outcomes, &local.instances(), &local.requests()).unwrap();
    assert_eq!(local.instances().len(), 1);
}
