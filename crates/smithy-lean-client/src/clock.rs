//! The service's clock, as its responses tell it.
//!
//! SigV4 signatures carry the time they were made, and AWS refuses those
//! more than a few minutes from its own clock. A machine whose clock is off
//! would then fail every call; instead, as the AWS SDKs do, the client reads
//! each response's `Date`, keeps the difference, and signs with the
//! service's time.

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use http::HeaderMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

/// How far the service's clock is ahead of this machine's (negative when
/// behind), as last measured.
#[derive(Debug, Default)]
pub(crate) struct ClockSkew {
    millis: AtomicI64,
}

impl ClockSkew {
    /// The time by the service's clock, as far as it is known.
    pub(crate) fn now(&self) -> SystemTime {
        shifted(SystemTime::now(), self.millis.load(Ordering::Relaxed))
    }

    /// The skew currently applied.
    pub(crate) fn get(&self) -> i64 {
        self.millis.load(Ordering::Relaxed)
    }

    /// Measures the skew from a response's `Date`, received at `received`
    /// by the local clock; `false` when the response has no readable one.
    pub(crate) fn observe(&self, headers: &HeaderMap, received: SystemTime) -> bool {
        match skew_of(headers, received) {
            Some(millis) => {
                self.millis.store(millis, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}

/// The `Date` header's time minus `received`, in milliseconds.
fn skew_of(headers: &HeaderMap, received: SystemTime) -> Option<i64> {
    let value = headers.get(http::header::DATE)?.to_str().ok()?;
    let server = DateTime::from_str(value.trim(), Format::HttpDate).ok()?;
    let local = DateTime::from(received);
    let millis = |t: DateTime| {
        t.secs()
            .checked_mul(1000)?
            .checked_add(i64::from(t.subsec_nanos() / 1_000_000))
    };
    millis(server)?.checked_sub(millis(local)?)
}

/// `time` moved by `millis`; unmoved if that leaves what `SystemTime` holds.
fn shifted(time: SystemTime, millis: i64) -> SystemTime {
    let by = Duration::from_millis(millis.unsigned_abs());
    let moved = if millis >= 0 {
        time.checked_add(by)
    } else {
        time.checked_sub(by)
    };
    moved.unwrap_or(time)
}

/// Error codes that always mean the request's time was outside the
/// service's window.
const SKEW_CODES: [&str; 3] = [
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
];

/// Error codes that mean a bad signature, which is a skew when the message
/// says the signature's time is the problem.
const SIGNATURE_CODES: [&str; 3] = [
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// What AWS services say in a signature error caused by the time.
const SKEW_PHRASES: [&str; 3] = ["signature expired", "signature not yet current", "skew"];

/// Whether an error response says the request was signed too far from the
/// service's clock.
pub(crate) fn is_clock_skew_error(code: Option<&str>, message: Option<&str>) -> bool {
    let Some(code) = code else {
        return false;
    };
    if SKEW_CODES.contains(&code) {
        return true;
    }
    SIGNATURE_CODES.contains(&code)
        && message.is_some_and(|message| {
            let message = message.to_ascii_lowercase();
            SKEW_PHRASES.iter().any(|phrase| message.contains(phrase))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::DATE, value.parse().unwrap());
        headers
    }

    #[test]
    fn the_skew_is_the_dates_distance_from_the_local_clock() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after the epoch.
        let at = |secs: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
        let headers = date("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(skew_of(&headers, at(784_111_777)), Some(0));
        assert_eq!(skew_of(&headers, at(784_111_777 - 1200)), Some(1_200_000));
        assert_eq!(skew_of(&headers, at(784_111_777 + 90)), Some(-90_000));
        let skew = ClockSkew::default();
        assert!(skew.observe(&headers, at(784_111_777 - 1200)));
        assert_eq!(skew.get(), 1_200_000);
        let ahead = skew.now().duration_since(SystemTime::now()).unwrap();
        assert!(ahead > Duration::from_secs(1190) && ahead <= Duration::from_secs(1200));
    }

    #[test]
    fn an_unreadable_date_leaves_the_skew_as_it_was() {
        let skew = ClockSkew::default();
        skew.observe(
            &date("Sun, 06 Nov 1994 08:49:37 GMT"),
            SystemTime::UNIX_EPOCH,
        );
        let before = skew.get();
        for bad in [
            "yesterday",
            "",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "1994-11-06T08:49:37Z",
        ] {
            assert!(!skew.observe(&date(bad), SystemTime::now()), "{bad:?}");
            assert_eq!(skew.get(), before);
        }
        assert!(!skew.observe(&HeaderMap::new(), SystemTime::now()));
    }

    #[test]
    fn skew_errors_are_told_by_code_or_by_a_signature_errors_message() {
        assert!(is_clock_skew_error(Some("RequestTimeTooSkewed"), None));
        assert!(is_clock_skew_error(Some("RequestExpired"), Some("x")));
        assert!(is_clock_skew_error(Some("RequestInTheFuture"), None));
        let expired = "Signature expired: 20261201T100000Z is now earlier than \
                       20261201T102500Z (20261201T104000Z - 15 min.)";
        assert!(is_clock_skew_error(
            Some("InvalidSignatureException"),
            Some(expired)
        ));
        assert!(is_clock_skew_error(
            Some("SignatureDoesNotMatch"),
            Some(
                "Signature not yet current: 20261201T110000Z is still later than 20261201T104500Z"
            )
        ));
        assert!(is_clock_skew_error(
            Some("AuthFailure"),
            Some("clock SKEW too large")
        ));
        assert!(!is_clock_skew_error(
            Some("InvalidSignatureException"),
            Some("The request signature we calculated does not match the signature you provided.")
        ));
        assert!(!is_clock_skew_error(
            Some("InvalidSignatureException"),
            None
        ));
        assert!(!is_clock_skew_error(
            Some("ForbiddenException"),
            Some(expired)
        ));
        assert!(!is_clock_skew_error(None, Some(expired)));
    }

    proptest! {
        #[test]
        fn any_skew_shifts_the_clock_without_panicking(millis in any::<i64>(), secs in any::<u32>()) {
            let time = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(secs));
            let moved = shifted(time, millis);
            if moved != time {
                let expected = Duration::from_millis(millis.unsigned_abs());
                let distance = match moved.duration_since(time) {
                    Ok(ahead) => ahead,
                    Err(behind) => behind.duration(),
                };
                prop_assert_eq!(distance, expected);
            }
        }

        #[test]
        fn any_date_header_is_read_or_ignored_without_panicking(value in "\\PC{0,40}") {
            if let Ok(value) = http::HeaderValue::from_str(&value) {
                let mut headers = HeaderMap::new();
                headers.insert(http::header::DATE, value);
                let _ = skew_of(&headers, SystemTime::now());
            }
        }
    }
}
