//! The standard retry strategy: which failures to retry, how long to wait,
//! and a quota that stops retries from multiplying load during an outage.

use aws_smithy_types::retry::RetryConfig;
use std::sync::Mutex;
use std::time::Duration;

/// The quota's size, and what retries cost from it, as in the AWS SDKs'
/// standard mode: 100 ordinary retries (50 after timeouts) drain a full
/// quota, and every successful first attempt earns one unit back.
const QUOTA_CAPACITY: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const SUCCESS_REWARD: u32 = 1;

/// Whether a failed attempt may be tried again, and at what cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Do not retry: the next attempt would fail the same way.
    No,
    /// A throttling or server error, or a connection error.
    Transient,
    /// The attempt timed out.
    Timeout,
    /// The request was signed outside the service's time window, and the
    /// response told the service's time: retried once a call, at once.
    ClockSkew,
}

/// HTTP statuses worth another attempt whatever the body says.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Error codes that mean "slow down", whatever the status: the list of the
/// AWS SDKs' standard retry mode, which many services send with a 400.
const THROTTLING_CODES: [&str; 14] = [
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that another attempt may not meet, whatever
/// the status, from the same list.
const TRANSIENT_CODES: [&str; 2] = ["RequestTimeout", "RequestTimeoutException"];

/// Whether a service error is worth another attempt: the model says so,
/// its code is a throttling or transient one, or its status is retryable.
pub(crate) fn classify_service_error(
    modelled_retryable: bool,
    code: Option<&str>,
    status: u16,
) -> Retry {
    let listed = code
        .is_some_and(|code| THROTTLING_CODES.contains(&code) || TRANSIENT_CODES.contains(&code));
    if modelled_retryable || listed || retryable_status(status) {
        Retry::Transient
    } else {
        Retry::No
    }
}

/// The retry quota of one client, shared by all its calls.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    available: Mutex<u32>,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self {
            available: Mutex::new(QUOTA_CAPACITY),
        }
    }
}

impl RetryQuota {
    /// Takes the cost of a retry; `None` when the quota is spent.
    pub(crate) fn acquire(&self, retry: Retry) -> Option<u32> {
        let cost = match retry {
            Retry::No => return None,
            Retry::Transient | Retry::ClockSkew => RETRY_COST,
            Retry::Timeout => TIMEOUT_RETRY_COST,
        };
        let mut available = self.lock();
        let left = available.checked_sub(cost)?;
        *available = left;
        Some(cost)
    }

    /// A call succeeded: it gives back what its retries took, or, when it
    /// needed none, earns a little.
    pub(crate) fn release(&self, spent: u32) {
        let refund = if spent == 0 { SUCCESS_REWARD } else { spent };
        let mut available = self.lock();
        *available = available.saturating_add(refund).min(QUOTA_CAPACITY);
    }

    #[cfg(test)]
    fn available(&self) -> u32 {
        *self.lock()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u32> {
        self.available
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The wait before retry number `retry` (1 for the first retry):
/// exponential, capped, with full jitter so clients spread out.
pub(crate) fn backoff(config: &RetryConfig, retry: u32, jitter: f64) -> Duration {
    let exponent = retry.saturating_sub(1).min(31);
    let ceiling = config
        .initial_backoff()
        .saturating_mul(1u32 << exponent)
        .min(config.max_backoff());
    ceiling.mul_f64(jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_quota_runs_dry_and_successes_refill_it() {
        let quota = RetryQuota::default();
        let mut retries = 0;
        while quota.acquire(Retry::Transient).is_some() {
            retries += 1;
        }
        assert_eq!(retries, QUOTA_CAPACITY / RETRY_COST);
        assert_eq!(quota.acquire(Retry::No), None);
        quota.release(RETRY_COST);
        assert_eq!(quota.available(), RETRY_COST);
        quota.release(0);
        assert_eq!(quota.available(), RETRY_COST + SUCCESS_REWARD);
        for _ in 0..1000 {
            quota.release(0);
        }
        assert_eq!(quota.available(), QUOTA_CAPACITY);
    }

    #[test]
    fn retryable_statuses() {
        for status in [429, 500, 502, 503, 504] {
            assert!(retryable_status(status), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 501] {
            assert!(!retryable_status(status), "{status}");
        }
    }

    #[test]
    fn throttling_and_transient_codes_are_retried_whatever_the_status() {
        for code in THROTTLING_CODES.iter().chain(&TRANSIENT_CODES) {
            for status in [400, 403, 404, 409] {
                assert_eq!(
                    classify_service_error(false, Some(code), status),
                    Retry::Transient,
                    "{code} with HTTP {status}"
                );
            }
        }
        // Matched exactly: a code that only contains a listed one is not listed.
        for code in ["throttling", "ThrottlingExceptionX", "NotThrottling", ""] {
            assert_eq!(
                classify_service_error(false, Some(code), 400),
                Retry::No,
                "{code}"
            );
        }
        assert_eq!(classify_service_error(false, None, 400), Retry::No);
        assert_eq!(classify_service_error(true, None, 400), Retry::Transient);
        assert_eq!(classify_service_error(false, None, 503), Retry::Transient);
        assert_eq!(
            classify_service_error(false, Some("BadRequestException"), 502),
            Retry::Transient
        );
    }

    proptest! {
        #[test]
        fn backoff_stays_under_the_exponential_ceiling(retry in 1u32..100, jitter in 0.0f64..=1.0) {
            let config = RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(100))
                .with_max_backoff(Duration::from_secs(20));
            let wait = backoff(&config, retry, jitter);
            let ceiling = Duration::from_millis(100)
                .saturating_mul(2u32.saturating_pow(retry - 1))
                .min(Duration::from_secs(20));
            prop_assert!(wait <= ceiling);
            prop_assert_eq!(backoff(&config, retry, 1.0), ceiling);
        }
    }
}
