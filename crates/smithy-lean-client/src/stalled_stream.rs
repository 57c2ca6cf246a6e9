//! Bounds on a response that stops coming: the stalled-stream protection of
//! the AWS SDKs, applied to the response head and body.
//!
//! Without it, a peer that accepts the connection and then sends nothing,
//! or drips a byte a second, would hold a call for as long as it likes
//! when no attempt or call timeout is set. With it, an attempt fails as a
//! retryable timeout when:
//!
//! - the response head has not arrived one grace period after the
//!   connection could have been made (the connect timeout, then the grace);
//! - no body bytes arrive for a grace period;
//! - the body comes slower than [`MIN_BODY_THROUGHPUT`]: after the grace
//!   period, each further second must have brought that many bytes.

use bytes::{Bytes, BytesMut};
use http_body::Body;
use http_body_util::BodyExt;
use std::future::Future;
use std::task::Poll;
use std::time::Duration;
use tokio::time::Instant;

/// The slowest body that is still making progress, in bytes a second.
pub const MIN_BODY_THROUGHPUT: u64 = 1024;

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum BodyFailure {
    /// It went over the size limit.
    TooLarge,
    /// It stopped making progress for the grace period, or came slower
    /// than the minimum throughput.
    Stalled(Duration),
    /// The connection failed while reading it.
    Read(Box<dyn std::error::Error + Send + Sync>),
}

/// Waits for `head` for at most `limit` (`None`: as long as it takes);
/// `Err` with the limit when it runs out.
pub(crate) async fn head_within<T>(
    head: impl Future<Output = T>,
    limit: Option<Duration>,
) -> Result<T, Duration> {
    match limit {
        None => Ok(head.await),
        Some(limit) => tokio::time::timeout(limit, head).await.map_err(|_| limit),
    }
}

/// Reads a whole body of at most `max_len` bytes; with `grace` set, fails
/// once it stops making progress.
pub(crate) async fn read_body<B>(
    body: B,
    max_len: usize,
    grace: Option<Duration>,
) -> Result<Bytes, BodyFailure>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut body = body;
    let started = Instant::now();
    let mut collected = BytesMut::new();
    loop {
        let mut next = std::pin::pin!(body.frame());
        // A frame that is there already needs no timer: most bodies arrive
        // with their head.
        let ready = std::future::poll_fn(|cx| Poll::Ready(next.as_mut().poll(cx))).await;
        let frame = match (ready, grace) {
            (Poll::Ready(frame), _) => frame,
            (Poll::Pending, None) => next.await,
            (Poll::Pending, Some(grace)) => {
                let limit = wait_limit(grace, started.elapsed(), collected.len());
                match tokio::time::timeout(limit, next).await {
                    Ok(frame) => frame,
                    Err(_) => return Err(BodyFailure::Stalled(grace)),
                }
            }
        };
        let Some(frame) = frame else {
            return Ok(collected.freeze());
        };
        let frame = frame.map_err(|e| BodyFailure::Read(e.into()))?;
        if let Ok(data) = frame.into_data() {
            if collected.len() + data.len() > max_len {
                return Err(BodyFailure::TooLarge);
            }
            collected.extend_from_slice(&data);
        }
    }
}

/// A streaming output's body, handed to the caller under the same checks
/// as a body read whole, with one difference: only the time its reader
/// spends waiting for bytes counts, so that a caller who pauses between
/// reads is not taken for a stalled peer. A stall ends the body with a
/// [`StalledBody`] error.
pub(crate) struct GuardedBody<B> {
    inner: B,
    grace: Duration,
    /// Time the reader has spent waiting for bytes so far.
    waited: Duration,
    received: usize,
    /// While the reader waits: when the wait began, and when it runs out.
    waiting: Option<(Instant, std::pin::Pin<Box<tokio::time::Sleep>>)>,
}

impl<B> GuardedBody<B> {
    pub(crate) fn new(inner: B, grace: Duration) -> Self {
        GuardedBody {
            inner,
            grace,
            waited: Duration::ZERO,
            received: 0,
            waiting: None,
        }
    }
}

/// A streaming response body that stopped making progress while it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StalledBody {
    /// The grace period it went over.
    pub grace: Duration,
}

impl std::fmt::Display for StalledBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the response body stalled: no progress within the {:?} grace period, or slower than {MIN_BODY_THROUGHPUT} bytes a second after it",
            self.grace
        )
    }
}

impl std::error::Error for StalledBody {}

impl<B> Body for GuardedBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        match std::pin::Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                if let Some((since, _)) = this.waiting.take() {
                    this.waited = this.waited.saturating_add(since.elapsed());
                }
                if let Some(data) = frame
                    .as_ref()
                    .and_then(|frame| frame.as_ref().ok())
                    .and_then(http_body::Frame::data_ref)
                {
                    this.received = this.received.saturating_add(data.len());
                }
                Poll::Ready(frame.map(|frame| frame.map_err(Into::into)))
            }
            Poll::Pending => {
                let limit = wait_limit(this.grace, this.waited, this.received);
                let (_, deadline) = this
                    .waiting
                    .get_or_insert_with(|| (Instant::now(), Box::pin(tokio::time::sleep(limit))));
                match deadline.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        Poll::Ready(Some(Err(Box::new(StalledBody { grace: this.grace }))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// How long the next piece of the body may take: never more than the grace
/// period, and never past the time the bytes so far have earned (the grace
/// period plus a second for each [`MIN_BODY_THROUGHPUT`] bytes).
fn wait_limit(grace: Duration, elapsed: Duration, received: usize) -> Duration {
    let received = u64::try_from(received).unwrap_or(u64::MAX);
    let earned = grace.saturating_add(Duration::from_millis(
        received.saturating_mul(1000) / MIN_BODY_THROUGHPUT,
    ));
    earned.saturating_sub(elapsed).min(grace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Frame;
    use proptest::prelude::*;
    use std::collections::VecDeque;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// A body that yields each chunk after its delay, then ends.
    struct Drip {
        chunks: VecDeque<(Duration, &'static [u8])>,
        sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    }

    impl Drip {
        fn new(chunks: impl IntoIterator<Item = (Duration, &'static [u8])>) -> Self {
            Self {
                chunks: chunks.into_iter().collect(),
                sleep: None,
            }
        }
    }

    impl Body for Drip {
        type Data = Bytes;
        type Error = std::io::Error;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
            let Some(&(delay, data)) = self.chunks.front() else {
                return Poll::Ready(None);
            };
            let sleep = self
                .sleep
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(delay)));
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.sleep = None;
            self.chunks.pop_front();
            Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(data)))))
        }
    }

    const GRACE: Option<Duration> = Some(Duration::from_secs(5));

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_keeps_coming_is_read_whole() {
        static EIGHT_KIB: [u8; 8192] = [b' '; 8192];
        // 8 KiB at 4 s earn 8 s more; the end comes 4 s later, inside them.
        let body = Drip::new([(secs(4), &EIGHT_KIB[..]), (secs(4), b"{}")]);
        assert_eq!(read_body(body, 1 << 20, GRACE).await.unwrap().len(), 8194);
        // A few bytes earn little: past the grace period, the rest is late.
        let body = Drip::new([(secs(4), &b"{\"a\":"[..]), (secs(4), b"1}")]);
        assert!(matches!(
            read_body(body, 1024, GRACE).await,
            Err(BodyFailure::Stalled(_))
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_silent_for_the_grace_period_stalls() {
        let body = Drip::new([(secs(1), &b"{"[..]), (secs(6), b"}")]);
        assert!(matches!(
            read_body(body, 1024, GRACE).await,
            Err(BodyFailure::Stalled(_))
        ));
        // Unprotected, the same body is waited for.
        let body = Drip::new([(secs(1), &b"{"[..]), (secs(6), b"}")]);
        assert_eq!(&read_body(body, 1024, None).await.unwrap()[..], b"{}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_dripping_a_byte_a_second_stalls_soon_after_the_grace_period() {
        let body = Drip::new(std::iter::repeat_n((secs(1), &b" "[..]), 1000));
        let started = Instant::now();
        assert!(matches!(
            read_body(body, 1 << 20, GRACE).await,
            Err(BodyFailure::Stalled(_))
        ));
        assert!(started.elapsed() < secs(7), "{:?}", started.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_over_the_limit_is_refused() {
        let body = Drip::new([(secs(0), &b"12345"[..]), (secs(0), b"678")]);
        assert!(matches!(
            read_body(body, 7, GRACE).await,
            Err(BodyFailure::TooLarge)
        ));
        let body = Drip::new([(secs(0), &b"12345"[..]), (secs(0), b"67")]);
        assert_eq!(read_body(body, 7, GRACE).await.unwrap().len(), 7);
    }

    /// Reads a guarded body to its end, pausing `pause` before each read.
    async fn read_guarded(body: Drip, pause: Duration) -> Result<usize, String> {
        let mut body = GuardedBody::new(body, secs(5));
        let mut read = 0;
        loop {
            tokio::time::sleep(pause).await;
            match body.frame().await {
                None => return Ok(read),
                Some(Ok(frame)) => read += frame.into_data().map_or(0, |data| data.len()),
                Some(Err(e)) => return Err(e.to_string()),
            }
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_streamed_body_stalls_only_on_the_time_its_reader_waits() {
        // Silent for six seconds while read: a stall.
        let body = Drip::new([(secs(1), &b"a"[..]), (secs(6), b"b")]);
        let error = read_guarded(body, Duration::ZERO).await.unwrap_err();
        assert!(error.starts_with("the response body stalled"), "{error}");
        // Bytes that keep coming are read whole, however long the reader
        // takes between reads: a paused reader is not a stalled peer.
        static EIGHT_KIB: [u8; 8192] = [b'x'; 8192];
        let body = Drip::new([(secs(4), &EIGHT_KIB[..]), (secs(4), b"end")]);
        assert_eq!(read_guarded(body, secs(60)).await, Ok(8195));
        // A byte a second, read as it comes: too slow after the grace period.
        let body = Drip::new(std::iter::repeat_n((secs(1), &b" "[..]), 100));
        assert!(read_guarded(body, Duration::ZERO).await.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_is_waited_for_up_to_its_limit() {
        let late = tokio::time::sleep(secs(6));
        assert_eq!(head_within(late, GRACE).await, Err(secs(5)));
        let on_time = async {
            tokio::time::sleep(secs(4)).await;
            7
        };
        assert_eq!(head_within(on_time, GRACE).await, Ok(7));
        assert_eq!(
            head_within(tokio::time::sleep(secs(60)), None).await,
            Ok(())
        );
    }

    proptest! {
        #[test]
        fn the_wait_never_exceeds_the_grace_or_what_the_bytes_earned(
            grace_ms in 1u64..60_000, elapsed_ms in 0u64..10_000_000, received in 0usize..(1 << 24)
        ) {
            let grace = Duration::from_millis(grace_ms);
            let elapsed = Duration::from_millis(elapsed_ms);
            let limit = wait_limit(grace, elapsed, received);
            prop_assert!(limit <= grace);
            let earned = grace
                + Duration::from_millis(received as u64 * 1000 / MIN_BODY_THROUGHPUT);
            prop_assert!(elapsed + limit <= earned.max(elapsed));
            if elapsed + grace <= earned {
                prop_assert_eq!(limit, grace);
            }
        }
    }
}
