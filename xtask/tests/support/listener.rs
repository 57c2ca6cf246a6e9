//! A recording HTTP/1.1 listener on loopback, for the programs these tests
//! write against generated clients: it is copied into each program as its
//! `listener` module, and compiled there, not in this crate.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub type Log = Arc<Mutex<Vec<String>>>;

/// What to answer requests whose target starts with `.0`: status line and body.
pub type Answers = &'static [(&'static str, &'static str, &'static str)];

/// Answers every request on a connection: as the first of `answers` whose
/// target prefix it has says (where several give the same prefix, each in
/// turn, the last one from then on), else 201 with an ARN for a POST and
/// 200 with a limit for anything else; records method, target, content
/// type, the `x-amz-chime-*` headers and the body.
pub async fn serve(listener: tokio::net::TcpListener, log: Log, answers: Answers) {
    let used = Arc::new(Mutex::new(vec![false; answers.len()]));
    loop {
        let Ok((mut stream, _)) = listener.accept().await else { return };
        let log = log.clone();
        let used = used.clone();
        tokio::spawn(async move {
            let mut buffer = Vec::new();
            loop {
                let head_end = loop {
                    if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        break end + 4;
                    }
                    let mut chunk = [0u8; 4096];
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
                let header = |name: &str| {
                    head.lines()
                        .find_map(|line| {
                            let (key, value) = line.split_once(':')?;
                            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
                        })
                };
                let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
                while buffer.len() < head_end + length {
                    let mut chunk = [0u8; 4096];
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned();
                buffer.drain(..head_end + length);
                let request_line = head.lines().next().unwrap_or_default().to_owned();
                let content_type = header("content-type").unwrap_or_else(|| "none".to_owned());
                let mut chime_headers = String::new();
                for line in head.lines().skip(1) {
                    if let Some((key, value)) = line.split_once(':')
                        && key.to_ascii_lowercase().starts_with("x-amz-chime-")
                    {
                        chime_headers.push_str(&format!("{}: {} | ", key.to_ascii_lowercase(), value.trim()));
                    }
                }
                log.lock().unwrap().push(format!("{request_line} | {content_type} | {chime_headers}{body}"));
                let target = request_line.split(' ').nth(1).unwrap_or_default();
                let chosen = {
                    let mut used = used.lock().unwrap();
                    let first = answers.iter().position(|(prefix, _, _)| target.starts_with(prefix));
                    first.map(|first| {
                        let same: Vec<usize> = (first..answers.len())
                            .filter(|&i| answers[i].0 == answers[first].0)
                            .collect();
                        let next = same.iter().copied().find(|&i| !used[i]).unwrap_or(*same.last().unwrap());
                        used[next] = true;
                        next
                    })
                };
                let (status, answer) = match chosen.map(|i| &answers[i]) {
                    Some((_, status, answer)) => (*status, *answer),
                    None if request_line.starts_with("POST ") => {
                        ("201 Created", r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:123456789012:app-instance/regenerated"}"#)
                    }
                    None => ("200 OK", r#"{"MaxInstances":42}"#),
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-amzn-requestid: req-1\r\n\r\n{answer}",
                    answer.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// Starts answering on a free loopback port: the port, and the log of what
/// was asked.
#[allow(dead_code)]
pub async fn start() -> (u16, Log) {
    start_with(&[]).await
}

/// [`start`], answering as `answers` say where they match.
pub async fn start_with(answers: Answers) -> (u16, Log) {
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = tcp.local_addr().unwrap().port();
    let log = Log::default();
    tokio::spawn(serve(tcp, log.clone(), answers));
    (port, log)
}
