//! Peers that accept a connection and then stall: silent, or dripping the
//! response a byte at a time. Each must end the attempt as a retryable
//! timeout, by default and with the limits a caller sets.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig;
use chime_lean::ErrorKind;
use chime_lean::error::TimeoutError;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the peer does once it has read a request.
#[derive(Clone, Copy, Debug)]
enum Stall {
    /// Sends nothing, and keeps the connection open.
    Silent,
    /// Sends a valid response head one byte every `interval`.
    DripHead(Duration),
    /// Sends the head at once, then a 400-byte body one byte every `interval`.
    DripBody(Duration),
}

/// A peer on 127.0.0.1 that stalls every connection; it counts them, and
/// stops with the test's runtime.
struct StallingPeer {
    url: String,
    connections: Arc<AtomicUsize>,
}

impl StallingPeer {
    async fn start(stall: Stall) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, stall));
            }
        });
        Self { url, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Writes `bytes` one at a time, `interval` apart.
async fn drip(stream: &mut TcpStream, bytes: &[u8], interval: Duration) {
    for byte in bytes {
        if stream.write_all(&[*byte]).await.is_err() {
            return;
        }
        tokio::time::sleep(interval).await;
    }
}

async fn serve(mut stream: TcpStream, stall: Stall) {
    // Reads the request head; the body is small enough to come with it.
    let mut buffer = vec![0u8; 16 * 1024];
    let _ = stream.read(&mut buffer).await;
    let head =
        b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n";
    match stall {
        Stall::Silent => {}
        Stall::DripHead(interval) => drip(&mut stream, head, interval).await,
        Stall::DripBody(interval) => {
            if stream.write_all(head).await.is_err() {
                return;
            }
            drip(&mut stream, &[b' '; 400], interval).await;
        }
    }
    // Holds the connection until the client gives up on it.
    let _ = stream.read(&mut buffer).await;
}

fn protection(grace: Duration) -> StalledStreamProtectionConfig {
    StalledStreamProtectionConfig::enabled()
        .grace_period(grace)
        .build()
}

/// A short connect timeout keeps the head's limit (connect + grace) short.
fn short_timeouts() -> aws_smithy_types::timeout::TimeoutConfig {
    aws_smithy_types::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_millis(100))
        .build()
}

async fn send(
    client: &chime_lean::Client,
) -> chime_lean::Error<chime_lean::operation::create_app_instance::CreateAppInstanceError> {
    client
        .create_app_instance()
        .name("n")
        .send()
        .await
        .expect_err("a stalled peer cannot answer")
}

#[tokio::test]
async fn stalled_peers_fail_each_attempt_as_a_retryable_no_progress_timeout() {
    let cases = [
        Stall::Silent,
        Stall::DripHead(Duration::from_millis(100)),
        Stall::DripBody(Duration::from_millis(100)),
    ];
    for stall in cases {
        let peer = StallingPeer::start(stall).await;
        let client = support::client_for(peer.url.clone(), |c| {
            c.stalled_stream_protection(protection(Duration::from_millis(300)))
                .timeout_config(short_timeouts())
        });
        let error = send(&client).await;
        assert!(
            matches!(
                error.kind(),
                ErrorKind::Timeout(TimeoutError::NoProgress(grace)) if *grace == Duration::from_millis(300)
            ),
            "{stall:?}: {error:?}"
        );
        assert!(error.is_timeout(), "{stall:?}");
        assert_eq!(error.attempts(), 3, "{stall:?}: retried as a timeout");
        assert_eq!(
            peer.connections(),
            3,
            "{stall:?}: a stalled connection is not reused"
        );
        assert_eq!(
            error.to_string(),
            "CreateAppInstance failed: the response made no progress for 300ms [after 3 attempts]"
        );
    }
}

#[tokio::test]
async fn the_default_configuration_protects_against_stalls() {
    let config = chime_lean::Config::builder().build();
    let protection = config.stalled_stream_protection();
    assert!(protection.download_enabled());
    assert_eq!(
        protection.grace_period(),
        chime_lean::DEFAULT_STALL_GRACE_PERIOD
    );
    assert_eq!(
        chime_lean::DEFAULT_STALL_GRACE_PERIOD,
        Duration::from_secs(5)
    );
}

#[tokio::test]
async fn the_read_timeout_bounds_the_wait_for_a_head_without_stall_protection() {
    let peer = StallingPeer::start(Stall::Silent).await;
    let timeouts = aws_smithy_types::timeout::TimeoutConfig::builder()
        .read_timeout(Duration::from_millis(200))
        .build();
    let client = support::client_for(peer.url.clone(), |c| {
        c.stalled_stream_protection(StalledStreamProtectionConfig::disabled())
            .timeout_config(timeouts)
    });
    let error = send(&client).await;
    assert!(matches!(error.kind(), ErrorKind::Dispatch(_)), "{error:?}");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn with_protection_off_a_slow_but_steady_body_is_waited_for() {
    // 400 bytes at 5 ms each: 2 s, slower than the throughput floor, but
    // protection is off and no other limit is set.
    let peer = StallingPeer::start(Stall::DripBody(Duration::from_millis(5))).await;
    let client = support::client_for(peer.url.clone(), |c| {
        c.stalled_stream_protection(StalledStreamProtectionConfig::disabled())
    });
    // The body is 400 spaces, which read as an empty output.
    let output = client.create_app_instance().name("n").send().await.unwrap();
    assert_eq!(output.app_instance_arn(), None);
}
