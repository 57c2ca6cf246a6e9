//! Peers that attack the server rather than call it: dripping heads and
//! bodies, idle connections by the hundred, garbage bytes, floods of
//! unauthenticated requests. The server must stay up, bounded and able to
//! answer the next valid caller, and its limits must not touch callers that
//! behave. Every peer here is on 127.0.0.1, and every wait is bounded.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_local::LocalChime;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The longest any connection here may take to be closed by the server:
/// far above the limits the tests set, so that only a missing limit fails.
const CLOSED_WITHIN: Duration = Duration::from_secs(10);

/// Waits until the server closes `stream` (EOF or reset), draining what it
/// sends; `false` if it is still open after [`CLOSED_WITHIN`].
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buffer = [0u8; 1024];
    let drained = async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(CLOSED_WITHIN, drained).await.is_ok()
}

/// A client of `local` with its credentials and no retries.
fn client(local: &LocalChime) -> chime_lean::Client {
    chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .region(chime_lean::Region::new(local.region().to_owned()))
            .endpoint_url(local.endpoint_url())
            .credentials_provider(local.credentials())
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .build(),
    )
}

async fn a_valid_call_succeeds(local: &LocalChime) {
    client(local)
        .create_app_instance()
        .name("still-here")
        .send()
        .await
        .expect("the service answers a valid caller");
}

#[tokio::test]
async fn heads_dripped_a_byte_at_a_time_are_cut_off() {
    let local = LocalChime::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let mut drippers = Vec::new();
    for _ in 0..20 {
        let mut stream = TcpStream::connect(local.addr()).await.unwrap();
        drippers.push(tokio::spawn(async move {
            let head = b"POST /app-instances HTTP/1.1\r\nhost: local\r\nx-padding: ";
            let _ = stream.write_all(head).await;
            let dripping = async {
                loop {
                    if stream.write_all(b"a").await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            };
            tokio::time::timeout(CLOSED_WITHIN, dripping).await.is_ok()
        }));
    }
    for dripper in drippers {
        assert!(dripper.await.unwrap(), "a dripping head was never cut off");
    }
    a_valid_call_succeeds(&local).await;
}

#[tokio::test]
async fn a_body_dripped_a_byte_at_a_time_is_refused() {
    let local = LocalChime::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let mut stream = TcpStream::connect(local.addr()).await.unwrap();
    stream
        .write_all(b"POST /app-instances HTTP/1.1\r\nhost: local\r\ncontent-length: 1000\r\n\r\n{")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let reading = async {
        let mut buffer = [0u8; 1024];
        loop {
            tokio::select! {
                read = stream.read(&mut buffer) => match read {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        answer.extend_from_slice(&buffer[..n]);
                        if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                            return;
                        }
                    }
                },
                () = tokio::time::sleep(Duration::from_millis(50)) => {
                    let _ = stream.write_all(b" ").await;
                }
            }
        }
    };
    assert!(tokio::time::timeout(CLOSED_WITHIN, reading).await.is_ok());
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: badrequestexception")
    );
}

#[tokio::test]
async fn idle_connections_are_closed() {
    let local = LocalChime::builder()
        .idle_timeout(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let mut idle = Vec::new();
    for _ in 0..10 {
        idle.push(TcpStream::connect(local.addr()).await.unwrap());
    }
    for stream in &mut idle {
        assert!(
            closed_by_server(stream).await,
            "an idle connection stayed open"
        );
    }
    // The server forgets a connection just after closing it.
    assert!(all_connections_closed(&local).await);
    a_valid_call_succeeds(&local).await;
}

#[tokio::test]
async fn idle_connections_past_the_cap_cannot_starve_a_valid_caller() {
    let local = LocalChime::builder()
        .max_connections(8)
        .idle_timeout(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let mut idle = Vec::new();
    for _ in 0..40 {
        idle.push(TcpStream::connect(local.addr()).await.unwrap());
    }
    // Let the server accept them all: each one past the cap closes the
    // longest-idle one.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        local.open_connections() <= 8,
        "{}",
        local.open_connections()
    );
    a_valid_call_succeeds(&local).await;
    assert!(local.open_connections() <= 8);
}

#[tokio::test]
async fn garbage_on_the_wire_is_answered_or_dropped_and_the_service_stays_up() {
    let local = LocalChime::start().await.unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..64 {
        let mut stream = TcpStream::connect(local.addr()).await.unwrap();
        let len = rng.usize(1..4096);
        let mut garbage: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        if round % 2 == 0 {
            // Half start like a request, so the parser gets further.
            let mut head = b"POST /app-instances HTTP/1.1\r\n".to_vec();
            head.append(&mut garbage);
            garbage = head;
        }
        let _ = stream.write_all(&garbage).await;
        let _ = stream.shutdown().await;
        assert!(closed_by_server(&mut stream).await, "round {round}");
    }
    a_valid_call_succeeds(&local).await;
}

/// A POST as a stranger would send it: no signature.
async fn unsigned_post(local: &LocalChime, body_len: usize) {
    let mut stream = TcpStream::connect(local.addr()).await.unwrap();
    let head = format!(
        "POST /app-instances HTTP/1.1\r\nhost: local\r\ncontent-type: application/json\r\ncontent-length: {body_len}\r\nconnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let _ = stream.write_all(&vec![b' '; body_len]).await;
    assert!(closed_by_server(&mut stream).await);
}

#[tokio::test]
async fn unauthenticated_floods_are_counted_not_kept() {
    let local = LocalChime::start().await.unwrap();
    for _ in 0..30 {
        unsigned_post(&local, 1 << 20).await;
    }
    assert_eq!(local.unauthenticated_requests(), 30);
    assert_eq!(local.requests_received(), 30);
    assert!(local.requests().is_empty());
}

#[tokio::test]
async fn the_log_keeps_the_newest_requests_and_the_start_of_their_bodies() {
    let local = LocalChime::builder()
        .request_log_limit(5)
        .request_log_body_limit(16)
        .start()
        .await
        .unwrap();
    let client = client(&local);
    for i in 0..12 {
        client
            .create_app_instance()
            .name(format!("instance-{i}"))
            .send()
            .await
            .unwrap();
    }
    let kept = local.requests();
    assert_eq!(kept.len(), 5);
    assert_eq!(local.requests_received(), 12);
    assert_eq!(local.instances().len(), 12);
    for request in &kept {
        assert_eq!(request.body.len(), 16);
        assert!(request.body_len > 16);
        assert_eq!(request.status, Some(201));
    }
    let off = LocalChime::builder()
        .request_log_limit(0)
        .start()
        .await
        .unwrap();
    a_valid_call_succeeds(&off).await;
    assert!(off.requests().is_empty());
    assert_eq!(off.requests_received(), 1);
}

/// Waits, bounded, until the server has no connection open.
async fn all_connections_closed(local: &LocalChime) -> bool {
    let forgotten = async {
        while local.open_connections() > 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    tokio::time::timeout(CLOSED_WITHIN, forgotten).await.is_ok()
}

#[tokio::test]
async fn a_connection_that_served_a_call_is_closed_once_idle() {
    let local = LocalChime::builder()
        .idle_timeout(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    // The client is kept, and with it its pooled connection: the server
    // is the one to close it.
    let client = client(&local);
    client.create_app_instance().name("n").send().await.unwrap();
    assert!(all_connections_closed(&local).await);
    drop(client);
}

#[tokio::test]
async fn a_kept_alive_connection_is_reused_well_within_the_idle_timeout() {
    let local = LocalChime::start().await.unwrap();
    let client = client(&local);
    client.create_app_instance().name("a").send().await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    client.create_app_instance().name("b").send().await.unwrap();
    let peers: Vec<_> = local.requests().iter().map(|r| r.peer).collect();
    assert_eq!(peers.len(), 2);
    assert_eq!(
        peers[0], peers[1],
        "the second call found its connection closed"
    );
}

#[tokio::test]
async fn a_request_answered_slower_than_the_idle_timeout_is_still_answered() {
    let local = LocalChime::builder()
        .idle_timeout(Duration::from_millis(100))
        .header_read_timeout(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    local.inject(chime_local::Fault::Delay(Duration::from_millis(600)), 1);
    a_valid_call_succeeds(&local).await;
}

#[tokio::test]
async fn a_head_that_arrives_in_pieces_within_the_timeout_is_answered() {
    let local = LocalChime::builder()
        .header_read_timeout(Duration::from_secs(5))
        .start()
        .await
        .unwrap();
    let mut stream = TcpStream::connect(local.addr()).await.unwrap();
    let request: &[&[u8]] = &[
        b"POST /app-ins",
        b"tances HTTP/1.1\r\nhost: lo",
        b"cal\r\ncontent-length: 2\r\n",
        b"connection: close\r\n\r\n",
        b"{}",
    ];
    // Slower than the server's checks on a connection come round, so that
    // they see a head under way, but well within its timeout.
    for piece in request {
        stream.write_all(piece).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(CLOSED_WITHIN, stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok());
    let answer = String::from_utf8_lossy(&answer);
    // Unsigned, so refused: but answered, not cut off.
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer:?}");
}

#[tokio::test]
async fn temporary_credentials_are_accepted_with_their_token_only() {
    let local = LocalChime::builder()
        .session_token("the-token")
        .start()
        .await
        .unwrap();
    assert_eq!(local.credentials().session_token(), Some("the-token"));
    a_valid_call_succeeds(&local).await;
    let real = local.credentials();
    for token in [None, Some("another-token".to_owned())] {
        let credentials = aws_credential_types::Credentials::new(
            real.access_key_id(),
            real.secret_access_key(),
            token.clone(),
            None,
            "test",
        );
        let error = chime_lean::Client::from_conf(
            chime_lean::Config::builder()
                .region(chime_lean::Region::new(local.region().to_owned()))
                .endpoint_url(local.endpoint_url())
                .credentials_provider(credentials)
                .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
                .build(),
        )
        .create_app_instance()
        .name("n")
        .send()
        .await
        .unwrap_err();
        assert_eq!(error.http_status(), Some(401), "{token:?}: {error}");
    }
}
