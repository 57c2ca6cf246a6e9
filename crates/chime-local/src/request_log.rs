//! The log of requests a `LocalChime` received, bounded so that no load,
//! hostile or not, grows it without end.

use crate::server::RecordedRequest;
use std::collections::VecDeque;

/// How many requests the log keeps when not told otherwise.
pub const DEFAULT_LOG_LIMIT: usize = 1000;

/// How much of each body the log keeps when not told otherwise: more than
/// the largest valid `CreateAppInstance` body (50 tags at their longest).
pub const DEFAULT_LOG_BODY_LIMIT: usize = 32 * 1024;

/// What the log keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LogLimits {
    /// Requests kept, the newest; 0 keeps none.
    pub(crate) entries: usize,
    /// Bytes of each body kept.
    pub(crate) body: usize,
    /// Whether requests refused before authentication are kept too, or
    /// only counted.
    pub(crate) keep_unauthenticated: bool,
}

impl Default for LogLimits {
    fn default() -> Self {
        Self {
            entries: DEFAULT_LOG_LIMIT,
            body: DEFAULT_LOG_BODY_LIMIT,
            keep_unauthenticated: false,
        }
    }
}

/// The newest requests, each under a sequence number that stays its own
/// when older ones are dropped.
#[derive(Debug)]
pub(crate) struct RequestLog {
    limits: LogLimits,
    entries: VecDeque<RecordedRequest>,
    /// The sequence number of `entries[0]`.
    first: u64,
    received: u64,
    unauthenticated: u64,
}

impl RequestLog {
    pub(crate) fn new(limits: LogLimits) -> Self {
        Self {
            limits,
            entries: VecDeque::new(),
            first: 0,
            received: 0,
            unauthenticated: 0,
        }
    }

    /// Records a request; its sequence number, if it is kept.
    pub(crate) fn push(&mut self, mut request: RecordedRequest) -> Option<u64> {
        self.received += 1;
        if !request.authorized {
            self.unauthenticated += 1;
            if !self.limits.keep_unauthenticated {
                return None;
            }
        }
        if self.limits.entries == 0 {
            return None;
        }
        if request.body.len() > self.limits.body {
            request.body.truncate(self.limits.body);
            request.body.shrink_to_fit();
        }
        if self.entries.len() == self.limits.entries {
            self.entries.pop_front();
            self.first += 1;
        }
        self.entries.push_back(request);
        Some(self.first + self.entries.len() as u64 - 1)
    }

    /// The request of sequence number `seq`, unless it was dropped since.
    pub(crate) fn get_mut(&mut self, seq: u64) -> Option<&mut RecordedRequest> {
        let index = usize::try_from(seq.checked_sub(self.first)?).ok()?;
        self.entries.get_mut(index)
    }

    pub(crate) fn entries(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn received(&self) -> u64 {
        self.received
    }

    pub(crate) fn unauthenticated(&self) -> u64 {
        self.unauthenticated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(authorized: bool, body_len: usize) -> RecordedRequest {
        RecordedRequest {
            peer: "127.0.0.1:1".parse().unwrap(),
            method: "POST".into(),
            path: "/app-instances".into(),
            headers: Vec::new(),
            body: vec![b'x'; body_len],
            body_len,
            authorized,
            fault: None,
            status: None,
            error_type: None,
        }
    }

    #[test]
    fn the_newest_are_kept_and_numbers_stay_their_own() {
        let mut log = RequestLog::new(LogLimits {
            entries: 3,
            ..LogLimits::default()
        });
        let seqs: Vec<_> = (0..5)
            .map(|_| log.push(request(true, 1)).unwrap())
            .collect();
        assert_eq!(seqs, [0, 1, 2, 3, 4]);
        assert_eq!(log.entries().len(), 3);
        assert!(log.get_mut(1).is_none(), "dropped");
        log.get_mut(4).unwrap().status = Some(201);
        assert_eq!(log.entries()[2].status, Some(201));
        assert_eq!(log.received(), 5);
    }

    #[test]
    fn by_default_the_largest_valid_body_is_kept_whole() {
        // 50 tags of a 128-character key and a 256-character value, with
        // the JSON around them, come to about 20 KiB.
        let mut log = RequestLog::new(LogLimits::default());
        log.push(request(true, 20 * 1024)).unwrap();
        assert_eq!(log.entries()[0].body.len(), 20 * 1024);
        log.push(request(true, 40 * 1024)).unwrap();
        assert_eq!(log.entries()[1].body.len(), DEFAULT_LOG_BODY_LIMIT);
    }

    #[test]
    fn unauthenticated_requests_are_counted_and_bodies_cut() {
        let mut log = RequestLog::new(LogLimits {
            body: 10,
            ..LogLimits::default()
        });
        assert_eq!(log.push(request(false, 1 << 20)), None);
        assert!(log.entries().is_empty());
        assert_eq!(log.unauthenticated(), 1);
        log.push(request(true, 100)).unwrap();
        let kept = &log.entries()[0];
        assert_eq!((kept.body.len(), kept.body_len), (10, 100));

        let mut keeping = RequestLog::new(LogLimits {
            keep_unauthenticated: true,
            ..LogLimits::default()
        });
        assert!(keeping.push(request(false, 1)).is_some());
        let mut off = RequestLog::new(LogLimits {
            entries: 0,
            ..LogLimits::default()
        });
        assert_eq!(off.push(request(true, 1)), None);
        assert_eq!(off.received(), 1);
    }
}
