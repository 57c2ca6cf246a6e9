//! Waiters (`smithy.waiters#waitable`): an operation called again and
//! again until its output, or its error, shows that a resource reached the
//! state the caller waits for, or one it can never leave.
//!
//! A generated client's `wait_until_<name>()` fills the operation's input
//! as its fluent builder does, then [`Handle::wait`] polls: each poll is a
//! whole call (with the client's retries), whose result the waiter's
//! acceptors judge, in the model's order. Between polls the waiter sleeps
//! as the Smithy specification computes it: exponential backoff from the
//! waiter's `minDelay` to its `maxDelay`, with full jitter, and a last poll
//! timed to land at the caller's maximum wait rather than past it
//! ([`poll_delay`]).

mod value;

pub use value::{Comparison, JmesValue};

use crate::client::Handle;
use crate::error::Error;
use crate::operation::{InputBuilder, Operation};
pub use aws_smithy_runtime_api::client::waiters::FinalPoll;
use smithy_lean_runtime::BuildError;
use smithy_lean_runtime::ServiceError;
use smithy_lean_runtime::builders::StructureBuilder;
use std::fmt;
use std::time::Duration;

/// What an acceptor makes of a poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// The resource is in the state waited for: stop, with the poll.
    Success,
    /// The resource can never reach it: stop, failing with the poll.
    Failure,
    /// Not yet: poll again after a delay.
    Retry,
}

/// A waiter's delays between polls, as its model gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterDelays {
    /// `minDelay` (2 s unless the model says otherwise).
    pub min: Duration,
    /// `maxDelay` (120 s unless the model says otherwise).
    pub max: Duration,
}

impl Default for WaiterDelays {
    /// The specification's defaults: 2 s and 120 s.
    fn default() -> Self {
        WaiterDelays {
            min: Duration::from_secs(2),
            max: Duration::from_secs(120),
        }
    }
}

/// How one waiter judges a poll: the state of the first acceptor that
/// matches the input and the call's result, if any.
pub type Acceptors<O> = fn(
    &<O as Operation>::Input,
    &Result<<O as Operation>::Output, Error<<O as Operation>::Error>>,
) -> Option<AcceptorState>;

/// Why a waiter stopped without the state it waited for.
#[derive(Debug)]
pub enum WaiterError<O, E> {
    /// The input could not be built (a required member is missing); nothing
    /// was sent.
    ConstructionFailure(BuildError),
    /// The caller's maximum wait passed before any acceptor decided.
    ExceededMaxWait(ExceededMaxWait),
    /// An acceptor found the resource in a state it cannot leave; the poll
    /// that showed it is kept.
    FailureState(FinalPoll<O, Error<E>>),
    /// A poll failed with an error no acceptor expects.
    OperationFailed(Error<E>),
}

/// How long a waiter waited, and how often it polled, before it gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceededMaxWait {
    max_wait: Duration,
    elapsed: Duration,
    poll_count: u32,
}

impl ExceededMaxWait {
    /// The maximum wait the caller gave.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// How long the waiter waited.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// How many times it polled.
    pub fn poll_count(&self) -> u32 {
        self.poll_count
    }
}

impl<O, E: ServiceError> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::ConstructionFailure(e) => {
                write!(f, "the waiter's input could not be built: {e}")
            }
            WaiterError::ExceededMaxWait(exceeded) => write!(
                f,
                "the waiter gave up after {:?} of its maximum {:?}, and {} polls",
                exceeded.elapsed, exceeded.max_wait, exceeded.poll_count
            ),
            WaiterError::FailureState(poll) => match poll.as_result() {
                Ok(_) => f.write_str("the resource entered a state the waiter cannot succeed from"),
                Err(e) => write!(f, "the waiter failed on an error it expects: {e}"),
            },
            WaiterError::OperationFailed(e) => write!(f, "a poll failed: {e}"),
        }
    }
}

impl<O: fmt::Debug, E: ServiceError + fmt::Debug> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaiterError::ConstructionFailure(e) => Some(e),
            WaiterError::OperationFailed(e) => Some(e),
            WaiterError::FailureState(poll) => match poll.as_result() {
                Err(e) => Some(e),
                Ok(_) => None,
            },
            WaiterError::ExceededMaxWait(_) => None,
        }
    }
}

/// The delay before retry `attempt` (1 for the first), as the Smithy
/// specification computes it: `min * 2^(attempt - 1)`, capped at `max`,
/// then a random point between `min` and that (`jitter`, from 0 to 1);
/// where what would remain after it is `min` or less, the delay is all of
/// `remaining`, for one last poll at the deadline. `None` once nothing
/// remains.
pub fn poll_delay(
    delays: WaiterDelays,
    attempt: u32,
    remaining: Duration,
    jitter: f64,
) -> Option<Duration> {
    if remaining.is_zero() {
        return None;
    }
    let (min, max) = (delays.min, delays.max.max(delays.min));
    // Past the ceiling the doubling would only overflow: it is `max`.
    let ceiling = if attempt == 0 || attempt > 32 {
        max
    } else {
        min.checked_mul(1 << (attempt - 1))
            .map_or(max, |d| d.min(max))
    };
    let delay = min + (ceiling - min).mul_f64(jitter.clamp(0.0, 1.0));
    match remaining.checked_sub(delay) {
        Some(left) if left > min => Some(delay),
        _ => Some(remaining),
    }
}

impl Handle {
    /// Polls `O` with the input `builder` makes until `acceptors` decide,
    /// or `max_wait` passes: the body of a generated `wait_until_<name>()`.
    ///
    /// A poll whose result no acceptor matches is retried if it succeeded
    /// and fails the waiter if it is an error, as the specification says.
    pub async fn wait<O: Operation>(
        &self,
        builder: InputBuilder<O>,
        acceptors: Acceptors<O>,
        delays: WaiterDelays,
        max_wait: Duration,
    ) -> Result<FinalPoll<O::Output, Error<O::Error>>, WaiterError<O::Output, O::Error>>
    where
        O::Input: Clone,
    {
        let input = builder
            .build_structure()
            .map_err(WaiterError::ConstructionFailure)?;
        let started = tokio::time::Instant::now();
        let mut polls = 0;
        loop {
            polls += 1;
            let result = self
                .call::<O>(input.clone())
                .await
                .map(|(output, _token)| output);
            match (acceptors(&input, &result), result) {
                (Some(AcceptorState::Success), result) => return Ok(FinalPoll::new(result)),
                (Some(AcceptorState::Failure), result) => {
                    return Err(WaiterError::FailureState(FinalPoll::new(result)));
                }
                (None, Err(error)) => return Err(WaiterError::OperationFailed(error)),
                (Some(AcceptorState::Retry) | None, _) => {}
            }
            let elapsed = started.elapsed();
            let delay = max_wait
                .checked_sub(elapsed)
                .and_then(|remaining| poll_delay(delays, polls, remaining, fastrand::f64()));
            let Some(delay) = delay else {
                return Err(WaiterError::ExceededMaxWait(ExceededMaxWait {
                    max_wait,
                    elapsed,
                    poll_count: polls,
                }));
            };
            tracing::debug!(operation = O::NAME, polls, ?delay, "waiting to poll again");
            tokio::time::sleep(delay).await;
        }
    }
}

/// Declares a waiter's fluent builder: the operation's input setters and
/// getters (as [`fluent_builder!`](crate::fluent_builder) takes them), and
/// `wait(max_wait)`, which polls with the acceptors the builder's own
/// `acceptors` function holds (the generator writes it beside) and the
/// waiter's delays, in seconds.
#[macro_export]
macro_rules! waiter_builder {
    (
        #[wait($operation:ident, $input:ident, min = $min:literal, max = $max:literal)]
        $(#[doc = $doc:expr])*
        pub struct $fluent:ident {
            $($members:tt)*
        }
    ) => {
        $crate::__fluent_struct! {
            $(#[doc = $doc])*
            $fluent($input)
        }

        impl $fluent {
            /// Polls until the waiter's acceptors decide, or `max_wait`
            /// passes: the final poll on success, else why waiting ended.
            pub async fn wait(
                self,
                max_wait: ::std::time::Duration,
            ) -> ::core::result::Result<
                $crate::waiter::FinalPoll<
                    <$operation as $crate::Operation>::Output,
                    $crate::Error<<$operation as $crate::Operation>::Error>,
                >,
                $crate::waiter::WaiterError<
                    <$operation as $crate::Operation>::Output,
                    <$operation as $crate::Operation>::Error,
                >,
            > {
                let delays = $crate::waiter::WaiterDelays {
                    min: ::std::time::Duration::from_secs($min),
                    max: ::std::time::Duration::from_secs($max),
                };
                self.handle
                    .wait::<$operation>(self.input, Self::acceptors, delays, max_wait)
                    .await
            }
        }

        $crate::__runtime::fluent_setters! {
            struct $fluent {
                $($members)*
            }
        }
    };
}

/// Whether `result` is an error whose name is `name` (the name part of the
/// shape id an `errorType` matcher gives): for generated acceptors.
pub fn is_error_named<O, E: ServiceError>(result: &Result<O, Error<E>>, name: &str) -> bool {
    let Err(error) = result else {
        return false;
    };
    let name = name.rsplit('#').next().unwrap_or(name);
    error
        .as_service_error()
        .and_then(ServiceError::error_name)
        .is_some_and(|found| found == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn delays_double_from_the_minimum_to_the_maximum() {
        let delays = WaiterDelays::default();
        let far = secs(10_000);
        // With all the jitter, the ceiling itself.
        let ceilings: Vec<u64> = (1..=9)
            .map(|attempt| poll_delay(delays, attempt, far, 1.0).unwrap().as_secs())
            .collect();
        assert_eq!(ceilings, [2, 4, 8, 16, 32, 64, 120, 120, 120]);
        // With none, the minimum.
        assert_eq!(poll_delay(delays, 5, far, 0.0), Some(secs(2)));
        assert_eq!(poll_delay(delays, 1_000_000, far, 1.0), Some(secs(120)));
        assert_eq!(poll_delay(delays, 3, far, 0.5), Some(secs(5)));
    }

    #[test]
    fn the_last_poll_lands_at_the_deadline() {
        let delays = WaiterDelays::default();
        // 10 s left after a 4 s delay is more than the minimum: as computed.
        assert_eq!(poll_delay(delays, 2, secs(14), 1.0), Some(secs(4)));
        // 2 s left after it is not: the whole remainder.
        assert_eq!(poll_delay(delays, 2, secs(6), 1.0), Some(secs(6)));
        assert_eq!(poll_delay(delays, 2, secs(1), 1.0), Some(secs(1)));
        assert_eq!(poll_delay(delays, 2, Duration::ZERO, 1.0), None);
    }

    #[test]
    fn equal_delays_poll_at_a_fixed_rate() {
        let fixed = WaiterDelays {
            min: secs(15),
            max: secs(15),
        };
        for attempt in 1..50 {
            assert_eq!(
                poll_delay(fixed, attempt, secs(10_000), 0.7),
                Some(secs(15))
            );
        }
    }

    #[test]
    fn an_error_type_matches_the_errors_name_whether_given_absolute_or_not() {
        use crate::error::ErrorKind;
        use aws_smithy_types::error::ErrorMetadata;
        use smithy_lean_runtime::UnhandledError;
        let named = |name: &str| -> Result<(), Error<UnhandledError>> {
            let meta = ErrorMetadata::builder().code(name).build();
            Err(Error::new(ErrorKind::Service(UnhandledError::new(
                meta, 404,
            ))))
        };
        assert!(is_error_named(&named("NotFound"), "NotFound"));
        assert!(is_error_named(
            &named("NotFound"),
            "example.things#NotFound"
        ));
        assert!(!is_error_named(&named("NotFound"), "Gone"));
        assert!(!is_error_named(&named("NotFoundException"), "NotFound"));
        assert!(!is_error_named(
            &Ok::<(), Error<UnhandledError>>(()),
            "NotFound"
        ));
        let timeout: Result<(), Error<UnhandledError>> = Err(Error::new(ErrorKind::Timeout(
            crate::TimeoutError::Call(Duration::from_secs(1)),
        )));
        assert!(!is_error_named(&timeout, "NotFound"));
    }

    #[test]
    fn why_waiting_ended_is_told_and_keeps_its_cause() {
        use crate::error::ErrorKind;
        use aws_smithy_types::error::ErrorMetadata;
        use smithy_lean_runtime::UnhandledError;
        use std::error::Error as _;
        type Waited = WaiterError<&'static str, UnhandledError>;
        let exceeded = ExceededMaxWait {
            max_wait: secs(60),
            elapsed: secs(61),
            poll_count: 7,
        };
        assert_eq!(
            (
                exceeded.max_wait(),
                exceeded.elapsed(),
                exceeded.poll_count()
            ),
            (secs(60), secs(61), 7)
        );
        let gave_up: Waited = WaiterError::ExceededMaxWait(exceeded);
        assert_eq!(
            gave_up.to_string(),
            "the waiter gave up after 61s of its maximum 60s, and 7 polls"
        );
        assert!(gave_up.source().is_none());
        let error = || {
            let meta = ErrorMetadata::builder()
                .code("Boom")
                .message("down")
                .build();
            Error::new(ErrorKind::Service(UnhandledError::new(meta, 500)))
        };
        let failed: Waited = WaiterError::OperationFailed(error());
        assert!(
            failed.to_string().starts_with("a poll failed: "),
            "{failed}"
        );
        assert!(failed.source().is_some());
        let state: Waited = WaiterError::FailureState(FinalPoll::new(Ok("FAILED")));
        assert_eq!(
            state.to_string(),
            "the resource entered a state the waiter cannot succeed from"
        );
        assert!(state.source().is_none());
        let expected: Waited = WaiterError::FailureState(FinalPoll::new(Err(error())));
        assert!(
            expected
                .to_string()
                .starts_with("the waiter failed on an error it expects: "),
            "{expected}"
        );
        assert!(expected.source().is_some());
        let unbuilt: Waited =
            WaiterError::ConstructionFailure(BuildError::missing("GetThingInput", "name"));
        assert!(
            unbuilt
                .to_string()
                .starts_with("the waiter's input could not be built: "),
            "{unbuilt}"
        );
        assert!(unbuilt.source().is_some());
    }

    proptest! {
        #[test]
        fn a_delay_is_within_its_bounds_and_never_past_the_deadline(
            min in 1u64..60,
            extra in 0u64..300,
            attempt in 0u32..200,
            remaining_ms in 0u64..1_000_000,
            jitter in 0.0f64..=1.0,
        ) {
            let delays = WaiterDelays { min: secs(min), max: secs(min + extra) };
            let remaining = Duration::from_millis(remaining_ms);
            match poll_delay(delays, attempt, remaining, jitter) {
                None => prop_assert!(remaining.is_zero()),
                Some(delay) => {
                    prop_assert!(delay <= remaining);
                    prop_assert!(delay == remaining || (delay >= delays.min && delay <= delays.max));
                    prop_assert!(delay == remaining || remaining - delay > delays.min);
                }
            }
        }
    }
}
