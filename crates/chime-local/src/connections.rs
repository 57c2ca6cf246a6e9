//! Connections: how many may be open, and how long one may sit idle or
//! take to send a request, so that slow or idle peers cannot starve the
//! service of connections or file descriptors.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Instant;

/// How long a peer may take to send a request's head, and then its body.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a kept-alive connection may wait for its next request.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(20);

/// The limits on connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConnectionLimits {
    pub(crate) header_read_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: default_max_connections(),
        }
    }
}

/// As many connections as the process may open files, less room for the
/// listener, logs and whatever else it needs; 1024 where that is unknown.
pub fn default_max_connections() -> usize {
    const RESERVED: usize = 32;
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
            line.split_whitespace().nth(3)?.parse::<usize>().ok()
        })
        .map_or(1024, |soft| soft.saturating_sub(RESERVED).clamp(16, 4096))
}

/// What one connection is doing, as its watcher and the accept loop see it.
#[derive(Debug)]
pub(crate) struct Activity {
    /// Requests being answered.
    in_flight: AtomicUsize,
    /// Bytes read from the peer so far.
    received: AtomicU64,
    /// When the last request ended (or the connection opened), and how
    /// many bytes had been read then: bytes since mean a request is coming.
    boundary: Mutex<(Instant, u64)>,
    /// Asks the connection to close once it is idle.
    close: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            in_flight: AtomicUsize::new(0),
            received: AtomicU64::new(0),
            boundary: Mutex::new((Instant::now(), 0)),
            close: Notify::new(),
        }
    }

    /// Marks a request begun; dropping the guard marks it ended.
    pub(crate) fn begin(self: &Arc<Self>) -> RequestGuard {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        RequestGuard(self.clone())
    }

    fn boundary(&self) -> (Instant, u64) {
        *self
            .boundary
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether the connection is between requests with nothing received.
    fn is_idle(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) == 0
            && self.received.load(Ordering::SeqCst) == self.boundary().1
    }
}

/// A request in progress on a connection.
pub(crate) struct RequestGuard(Arc<Activity>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        let activity = &self.0;
        *activity
            .boundary
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            (Instant::now(), activity.received.load(Ordering::SeqCst));
        activity.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The open connections.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    open: Mutex<HashMap<u64, Arc<Activity>>>,
    next_id: AtomicU64,
}

/// A connection's place in the registry; dropping it gives the place back.
pub(crate) struct Registration {
    registry: Arc<Registry>,
    id: u64,
    pub(crate) activity: Arc<Activity>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.registry.lock().remove(&self.id);
    }
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Activity>>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Makes room for a new connection: under the cap it is admitted; at
    /// the cap, the longest-idle connection is asked to close and the new
    /// one admitted; with none idle, the new one is refused (`None`).
    pub(crate) fn admit(self: &Arc<Self>, max: usize) -> Option<Registration> {
        let mut open = self.lock();
        if open.len() >= max {
            let idle = open
                .iter()
                .filter(|(_, activity)| activity.is_idle())
                .min_by_key(|(_, activity)| activity.boundary().0)
                .map(|(id, _)| *id)?;
            if let Some(activity) = open.remove(&idle) {
                activity.close.notify_one();
            }
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let activity = Arc::new(Activity::new());
        open.insert(id, activity.clone());
        Some(Registration {
            registry: self.clone(),
            id,
            activity,
        })
    }

    /// How many connections are open.
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

/// Why a connection is to be closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Close {
    /// No request for the idle timeout.
    Idle,
    /// Evicted to make room for a new connection.
    Evicted,
    /// A request's head took longer than the header-read timeout: the
    /// connection is dropped at once, not let finish.
    HeadTooSlow,
}

/// Resolves when the connection should close, and says why.
pub(crate) async fn close_wanted(activity: &Activity, limits: &ConnectionLimits) -> Close {
    let tick = (limits.header_read_timeout.min(limits.idle_timeout) / 8)
        .clamp(Duration::from_millis(5), Duration::from_millis(500));
    let mut head_started: Option<(Instant, u64)> = None;
    let evicted = activity.close.notified();
    tokio::pin!(evicted);
    loop {
        tokio::select! {
            () = &mut evicted => return Close::Evicted,
            () = tokio::time::sleep(tick) => {}
        }
        if activity.in_flight.load(Ordering::SeqCst) > 0 {
            head_started = None;
            continue;
        }
        let (ended, bytes_then) = activity.boundary();
        let received = activity.received.load(Ordering::SeqCst);
        if received == bytes_then {
            head_started = None;
            if ended.elapsed() >= limits.idle_timeout {
                return Close::Idle;
            }
            continue;
        }
        // Bytes of a request whose head is not complete yet.
        let (started, _) = *head_started.get_or_insert((Instant::now(), bytes_then));
        if started.elapsed() >= limits.header_read_timeout {
            return Close::HeadTooSlow;
        }
    }
}

/// A stream that counts what it reads into its connection's activity.
pub(crate) struct Counted<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S> Counted<S> {
    pub(crate) fn new(inner: S, activity: Arc<Activity>) -> Self {
        Self { inner, activity }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        let read = buf.filled().len() - before;
        self.activity
            .received
            .fetch_add(read as u64, Ordering::SeqCst);
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cap_leaves_room_under_the_file_limit() {
        let cap = default_max_connections();
        assert!((16..=4096).contains(&cap), "{cap}");
    }

    #[tokio::test]
    async fn at_the_cap_the_longest_idle_connection_makes_room() {
        let registry = Arc::new(Registry::default());
        let first = registry.admit(2).unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        let second = registry.admit(2).unwrap();
        let _busy = second.activity.begin();
        let _third = registry.admit(2).expect("the idle first one makes room");
        assert_eq!(registry.len(), 2);
        tokio::time::timeout(Duration::from_secs(1), first.activity.close.notified())
            .await
            .expect("the evicted connection is asked to close");
        drop(first);
        assert_eq!(registry.len(), 2);
    }

    #[tokio::test]
    async fn with_every_connection_busy_a_new_one_is_refused() {
        let registry = Arc::new(Registry::default());
        let only = registry.admit(1).unwrap();
        let _busy = only.activity.begin();
        assert!(registry.admit(1).is_none());
        assert_eq!(registry.len(), 1);
    }
}
