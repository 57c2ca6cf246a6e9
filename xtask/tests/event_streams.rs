//! Event streams of a generated client, over real HTTP on loopback: an
//! output's events read as they arrive (every payload kind, headers, an
//! event the model does not know, the modelled error that ends the stream,
//! an error the model does not name, a broken frame), and an input's
//! events sent as signed messages, each in its `:date` and
//! `:chunk-signature` envelope, ended by the empty signed message.

mod support;

use serde_json::{Value as Json, json};

fn member(target: &str, traits: Json) -> Json {
    json!({"target": target, "traits": traits})
}

/// `Publish` (`POST /publish/{Channel}`) sends `Outgoing` events;
/// `Subscribe` (`GET /subscribe/{Channel}`) receives `Incoming` ones.
fn model() -> Json {
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.streams#Streams": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [
                    {"target": "example.streams#Publish"},
                    {"target": "example.streams#Subscribe"}
                ],
                "traits": {
                    "aws.api#service": {"sdkId": "Streams", "endpointPrefix": "streams"},
                    "aws.auth#sigv4": {"name": "streams"},
                    "aws.protocols#restJson1": {}
                }
            },
            "example.streams#Publish": {
                "type": "operation",
                "input": {"target": "example.streams#PublishInput"},
                "output": {"target": "example.streams#PublishOutput"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/publish/{Channel}", "code": 200}}
            },
            "example.streams#PublishInput": {"type": "structure", "members": {
                "Channel": member("smithy.api#String", json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}})),
                "Events": member("example.streams#Outgoing", json!({"smithy.api#httpPayload": {}}))
            }},
            "example.streams#PublishOutput": {"type": "structure", "members": {
                "Accepted": member("smithy.api#Integer", json!({}))
            }},
            "example.streams#Outgoing": {
                "type": "union",
                "members": {
                    "text": member("example.streams#TextEvent", json!({})),
                    "tick": member("example.streams#TickEvent", json!({})),
                    "oops": member("example.streams#Oops", json!({}))
                },
                "traits": {"smithy.api#streaming": {}}
            },
            "example.streams#Subscribe": {
                "type": "operation",
                "input": {"target": "example.streams#SubscribeInput"},
                "output": {"target": "example.streams#SubscribeOutput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/subscribe/{Channel}", "code": 200}}
            },
            "example.streams#SubscribeInput": {"type": "structure", "members": {
                "Channel": member("smithy.api#String", json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}}))
            }},
            "example.streams#SubscribeOutput": {"type": "structure", "members": {
                "Session": member("smithy.api#String", json!({"smithy.api#httpHeader": "x-session"})),
                "Events": member("example.streams#Incoming", json!({"smithy.api#httpPayload": {}, "smithy.api#required": {}}))
            }},
            "example.streams#Incoming": {
                "type": "union",
                "members": {
                    "text": member("example.streams#TextEvent", json!({})),
                    "blob": member("example.streams#BlobEvent", json!({})),
                    "meta": member("example.streams#MetaEvent", json!({})),
                    "tick": member("example.streams#TickEvent", json!({})),
                    "throttled": member("example.streams#Throttled", json!({})),
                    "denied": member("example.streams#Denied", json!({}))
                },
                "traits": {"smithy.api#streaming": {}}
            },
            "example.streams#TextEvent": {"type": "structure", "members": {
                "body": member("smithy.api#String", json!({"smithy.api#eventPayload": {}}))
            }},
            "example.streams#BlobEvent": {"type": "structure", "members": {
                "data": member("smithy.api#Blob", json!({"smithy.api#eventPayload": {}}))
            }},
            "example.streams#MetaEvent": {"type": "structure", "members": {
                "kind": member("example.streams#Loudness", json!({"smithy.api#eventHeader": {}})),
                "meta": member("example.streams#Meta", json!({"smithy.api#eventPayload": {}}))
            }},
            "example.streams#Meta": {"type": "structure", "members": {
                "level": member("smithy.api#Integer", json!({}))
            }},
            "example.streams#Loudness": {"type": "enum", "members": {
                "LOUD": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "LOUD"}},
                "QUIET": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "QUIET"}}
            }},
            "example.streams#TickEvent": {"type": "structure", "members": {
                "at": member("smithy.api#Timestamp", json!({"smithy.api#eventHeader": {}})),
                "count": member("smithy.api#Integer", json!({"smithy.api#eventHeader": {}, "smithy.api#required": {}})),
                "note": member("smithy.api#String", json!({}))
            }},
            "example.streams#Oops": {
                "type": "structure",
                "members": {"message": member("smithy.api#String", json!({}))},
                "traits": {"smithy.api#error": "client"}
            },
            "example.streams#Denied": {
                "type": "structure",
                "members": {"message": member("example.streams#Secret", json!({}))},
                "traits": {"smithy.api#error": "client"}
            },
            "example.streams#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
            "example.streams#Throttled": {
                "type": "structure",
                "members": {"message": member("smithy.api#String", json!({}))},
                "traits": {"smithy.api#error": "client"}
            }
        }
    })
}

const CALLER: &str = r##"
use aws_smithy_types::event_stream::{HeaderValue, Message};
use std::time::Duration;
use streams::primitives::event_stream::{EventStreamSender, ReceiveError};
use streams::types::{Incoming, Outgoing, TextEvent, TickEvent};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn frame(message: &Message) -> Vec<u8> {
    let mut bytes = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(message, &mut bytes).unwrap();
    bytes
}

fn header(name: &'static str, value: &'static str) -> aws_smithy_types::event_stream::Header {
    aws_smithy_types::event_stream::Header::new(name, HeaderValue::String(value.into()))
}

fn event(event_type: &'static str, payload: &'static [u8]) -> Message {
    Message::new(payload)
        .add_header(header(":message-type", "event"))
        .add_header(header(":event-type", event_type))
}

/// What `GET /subscribe/{name}` streams: the messages, each sent as one
/// chunk after a pause.
fn stream_of(channel: &str) -> Vec<Vec<u8>> {
    match channel {
        "news" => vec![
            frame(&event("text", b"hello")),
            frame(&event("blob", &[1, 2, 3])),
            frame(
                &event("meta", br#"{"level":3}"#)
                    .add_header(header(":content-type", "application/json"))
                    .add_header(header("kind", "LOUD")),
            ),
            frame(
                &event("tick", br#"{"note":"on time"}"#)
                    .add_header(aws_smithy_types::event_stream::Header::new("count", HeaderValue::Int32(7)))
                    .add_header(aws_smithy_types::event_stream::Header::new(
                        "at",
                        HeaderValue::Timestamp(aws_smithy_types::DateTime::from_secs(1_700_000_000)),
                    )),
            ),
            frame(&event("future", b"?")),
            frame(
                &Message::new(&br#"{"message":"slow down"}"#[..])
                    .add_header(header(":message-type", "exception"))
                    .add_header(header(":exception-type", "throttled")),
            ),
            frame(&event("text", b"never read")),
        ],
        // Events far apart: a stream that waits for its next event has not
        // stalled.
        "slow" => vec![frame(&event("text", b"one")), frame(&event("text", b"two"))],
        "denied" => vec![frame(
            &Message::new(&br#"{"message":"the key is hunter2"}"#[..])
                .add_header(header(":message-type", "exception"))
                .add_header(header(":exception-type", "denied")),
        )],
        "broken" => {
            let mut broken = frame(&event("text", b"abc"));
            let last = broken.len() - 1;
            broken[last] ^= 0xff;
            vec![frame(&event("text", b"first")), broken]
        }
        _ => vec![frame(
            &Message::new(&b""[..])
                .add_header(header(":message-type", "error"))
                .add_header(header(":error-code", "InternalFailure"))
                .add_header(header(":error-message", "try\nlater")),
        )],
    }
}

/// Reads a chunked body whole.
async fn read_chunked(stream: &mut tokio::net::TcpStream, mut buffer: Vec<u8>) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        while !buffer.windows(2).any(|w| w == b"\r\n") {
            read_more(stream, &mut buffer).await;
        }
        let line_end = buffer.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&buffer[..line_end]).unwrap().trim(), 16).unwrap();
        buffer.drain(..line_end + 2);
        while buffer.len() < size + 2 {
            read_more(stream, &mut buffer).await;
        }
        body.extend_from_slice(&buffer[..size]);
        buffer.drain(..size + 2);
        if size == 0 {
            return body;
        }
    }
}

async fn read_more(stream: &mut tokio::net::TcpStream, buffer: &mut Vec<u8>) {
    let mut chunk = [0u8; 4096];
    let n = stream.read(&mut chunk).await.unwrap();
    assert!(n > 0, "the connection closed early");
    buffer.extend_from_slice(&chunk[..n]);
}

fn shown(value: &HeaderValue) -> String {
    match value {
        HeaderValue::String(text) => text.as_str().to_owned(),
        HeaderValue::Int32(n) => n.to_string(),
        HeaderValue::Timestamp(t) => t.secs().to_string(),
        other => format!("{other:?}"),
    }
}

/// Prints what a published body holds: each envelope's signing headers,
/// then the message inside.
fn print_published(body: &[u8]) {
    let mut rest = body;
    while !rest.is_empty() {
        let length = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
        let envelope = aws_smithy_eventstream::frame::read_message_from(&rest[..length]).unwrap();
        rest = &rest[length..];
        let names: Vec<&str> = envelope.headers().iter().map(|h| h.name().as_str()).collect();
        let signature = envelope.headers().iter().find(|h| h.name().as_str() == ":chunk-signature").unwrap();
        let HeaderValue::ByteArray(signature) = signature.value() else { panic!() };
        if envelope.payload().is_empty() {
            println!("published: end {names:?} {} signature bytes", signature.len());
            continue;
        }
        let inner = aws_smithy_eventstream::frame::read_message_from(&envelope.payload()[..]).unwrap();
        let headers: Vec<String> = inner
            .headers()
            .iter()
            .map(|h| format!("{}={}", h.name().as_str(), shown(h.value())))
            .collect();
        println!(
            "published: {names:?} {} | {}",
            headers.join(" "),
            String::from_utf8_lossy(inner.payload())
        );
    }
}

async fn serve(listener: tokio::net::TcpListener) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else { return };
        tokio::spawn(async move {
            let mut buffer = Vec::new();
            while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
                read_more(&mut stream, &mut buffer).await;
            }
            let head_end = buffer.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            let head = String::from_utf8_lossy(&buffer[..head_end]).to_lowercase();
            let target = head.split(' ').nth(1).unwrap().to_owned();
            buffer.drain(..head_end);
            if let Some(channel) = target.strip_prefix("/subscribe/") {
                let mut answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\nx-session: s-1\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
                stream.write_all(&answer).await.unwrap();
                let pause = if channel == "slow" { 1_500 } else { 20 };
                for message in stream_of(channel) {
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                    answer = format!("{:x}\r\n", message.len()).into_bytes();
                    answer.extend_from_slice(&message);
                    answer.extend_from_slice(b"\r\n");
                    if stream.write_all(&answer).await.is_err() {
                        return;
                    }
                }
                let _ = stream.write_all(b"0\r\n\r\n").await;
                return;
            }
            for name in ["content-type", "x-amz-content-sha256", "transfer-encoding"] {
                let value = head
                    .lines()
                    .find_map(|line| line.strip_prefix(&format!("{name}: ")))
                    .unwrap_or("(none)");
                println!("request header {name}: {value}");
            }
            let body = read_chunked(&mut stream, buffer).await;
            print_published(&body);
            let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 14\r\n\r\n{\"Accepted\":2}";
            stream.write_all(answer.as_bytes()).await.unwrap();
        });
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve(listener));
    let config = streams::Config::builder()
        .region(streams::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = streams::Client::from_conf(config);

    let output = client.subscribe().channel("news").send().await.unwrap();
    println!("session: {:?}", output.session());
    let mut events = output.into_events();
    loop {
        match events.recv().await {
            Ok(Some(Incoming::Text(text))) => println!("text: {:?}", text.body()),
            Ok(Some(Incoming::Blob(blob))) => println!("blob: {:?}", blob.data().map(|d| d.as_ref().to_vec())),
            Ok(Some(Incoming::Meta(meta))) => println!("meta: {:?} {:?}", meta.kind(), meta.meta().and_then(|m| m.level())),
            Ok(Some(Incoming::Tick(tick))) => println!("tick: {} {:?} {:?}", tick.count(), tick.at().map(|t| t.secs()), tick.note()),
            Ok(Some(other)) => println!("other: {other:?}"),
            Ok(None) => { println!("end"); break; }
            Err(error) => {
                println!("error: {error}");
                if let ReceiveError::Modeled(Incoming::Throttled(throttled)) = &error {
                    println!("modelled: {:?}", throttled.message());
                }
                println!("after the error: {:?}", events.recv().await.map(|e| e.is_none()));
                break;
            }
        }
    }
    // Under a stall grace shorter than the pauses between its events.
    let impatient = streams::Client::from_conf(
        client
            .config()
            .to_builder()
            .stalled_stream_protection(
                aws_smithy_runtime_api::client::stalled_stream_protection::StalledStreamProtectionConfig::enabled()
                    .grace_period(Duration::from_millis(500))
                    .build(),
            )
            .build(),
    );
    let slow = impatient.subscribe().channel("slow").send().await.unwrap().into_events();
    println!("slow: {}", drain("slow", slow).await);
    let denied = client.subscribe().channel("denied").send().await.unwrap().into_events();
    let shown = drain("denied", denied).await;
    println!("denied: {shown}, secret shown: {}", shown.contains("hunter2"));
    for channel in ["broken", "other"] {
        let events = client.subscribe().channel(channel).send().await.unwrap().into_events();
        println!("{channel}: {}", drain(channel, events).await);
    }

    let published = client
        .publish()
        .channel("news")
        .events(EventStreamSender::from_events([
            Outgoing::Text(TextEvent::builder().body("hi").build()),
            Outgoing::Tick(
                TickEvent::builder()
                    .count(2)
                    .at(aws_smithy_types::DateTime::from_secs(1_700_000_001))
                    .note("late")
                    .build()
                    .unwrap(),
            ),
        ]))
        .send()
        .await
        .unwrap();
    println!("accepted: {:?}", published.accepted());
    let unknown = client
        .publish()
        .channel("news")
        .events(EventStreamSender::from_events([Outgoing::Unknown]))
        .send()
        .await
        .unwrap_err();
    let mut chain = vec![unknown.to_string()];
    let mut source = std::error::Error::source(&unknown);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    // The port is this run's: shown as `PORT`.
    let said = chain.join(" / ").replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT");
    println!("unknown: {said}");
}

/// Prints each event, and returns how the stream ended.
async fn drain(channel: &str, mut events: streams::primitives::event_stream::EventReceiver<Incoming>) -> String {
    loop {
        match events.recv().await {
            Ok(Some(event)) => println!("{channel} event: {event:?}"),
            Ok(None) => return "ended".to_owned(),
            Err(error) => return format!("{error} / {error:?}"),
        }
    }
}
"##;

#[test]
fn events_are_received_and_sent_message_by_message() {
    let dir = support::fresh_dir("event_streams");
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model().to_string()).unwrap();
    let warnings = support::generate(&dir, &model_path, &["--crate-prefix", "streams"]);
    assert!(warnings.trim().is_empty(), "{warnings}");
    support::workspace(
        &dir,
        Some(support::Caller {
            client: "streams",
            main: CALLER,
            writes_outputs: false,
            dependencies: "aws-smithy-eventstream = \"0.61\"\naws-smithy-types = \"1\"\n\
                aws-smithy-runtime-api = { version = \"1\", default-features = false, features = [\"client\"] }\n",
        }),
    );
    let clippy = support::cargo(
        &dir,
        &["clippy", "--quiet", "-p", "streams", "--", "-D", "warnings"],
    );
    support::succeeded(&clippy, "clippy on the generated client");
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            r#"session: Some("s-1")"#,
            r#"text: Some("hello")"#,
            "blob: Some([1, 2, 3])",
            "meta: Some(Loud) Some(3)",
            r#"tick: 7 Some(1700000000) Some("on time")"#,
            "other: Unknown",
            "error: the event stream ended with the service's error `throttled`: slow down",
            r#"modelled: Some("slow down")"#,
            "after the error: Ok(true)",
            r#"slow event: Text(TextEvent { body: Some("one") })"#,
            r#"slow event: Text(TextEvent { body: Some("two") })"#,
            "slow: ended",
            "denied: the event stream ended with the service's error `denied` / Modeled(Denied(Denied { message: \"*** Sensitive Data Redacted ***\", meta: ErrorMetadata { code: None, message: None, extras: None }, http_status: None })), secret shown: false",
            r#"broken event: Text(TextEvent { body: Some("first") })"#,
            "broken: the event stream is malformed: a message cannot be read: message checksum 0xC9734B77 didn't match expected checksum 0xC9734B88 / Malformed(\"a message cannot be read: message checksum 0xC9734B77 didn't match expected checksum 0xC9734B88\")",
            r#"other: the event stream ended with an error the model does not name: InternalFailure: try\nlater / Unmodeled { code: "InternalFailure", message: Some("try\nlater") }"#,
            "request header content-type: application/vnd.amazon.eventstream",
            "request header x-amz-content-sha256: streaming-aws4-hmac-sha256-events",
            "request header transfer-encoding: chunked",
            r#"published: [":chunk-signature", ":date"] :message-type=event :event-type=text :content-type=text/plain | hi"#,
            r#"published: [":chunk-signature", ":date"] :message-type=event :event-type=tick :content-type=application/json at=1700000001 count=2 | {"note":"late"}"#,
            r#"published: end [":chunk-signature", ":date"] 32 signature bytes"#,
            "accepted: Some(2)",
            "unknown: Publish failed: cannot send the request to 127.0.0.1:PORT: `Outgoing::Unknown` is no member of the model's union: it cannot be sent",
        ],
        "{stdout}"
    );
}
