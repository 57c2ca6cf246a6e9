//! Hostile and broken responses: none may panic, and each becomes a typed
//! error that keeps the HTTP status.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use aws_smithy_types::retry::RetryConfig;
use chime_lean::ErrorKind;
use chime_local::{Fault, LocalChime};
use chime_tests::local_client;
use proptest::prelude::*;

fn raw(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Fault {
    Fault::Raw {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_vec(),
    }
}

/// Sends one call (no retries) against a service that answers with `fault`.
async fn answered_with(
    fault: Fault,
) -> Result<
    chime_lean::operation::create_app_instance::CreateAppInstanceOutput,
    chime_lean::Error<chime_lean::operation::create_app_instance::CreateAppInstanceError>,
> {
    let local = LocalChime::start().await.unwrap();
    local.set_standing_fault(Some(fault));
    let client = local_client(&local, |c| c.retry_config(RetryConfig::disabled()));
    client.create_app_instance().name("n").send().await
}

/// What kind of error a case must give.
#[derive(Debug)]
enum Expect {
    /// An unreadable response.
    Unreadable,
    /// A service error that could not be named.
    Unhandled,
    /// A service error with this name.
    Named(&'static str),
}

#[tokio::test]
async fn broken_answers_become_typed_errors_with_their_status() {
    let json = [("content-type", "application/json")];
    let html = [("content-type", "text/html")];
    let ten_megabytes = vec![b'x'; 10 << 20];
    let cases: Vec<(&str, Fault, u16, Expect)> = vec![
        (
            "truncated JSON",
            raw(201, &json, br#"{"AppInstanceArn":"arn:aws:ch"#),
            201,
            Expect::Unreadable,
        ),
        (
            "wrong JSON type for the ARN",
            raw(201, &json, br#"{"AppInstanceArn":42}"#),
            201,
            Expect::Unreadable,
        ),
        (
            "a 201 that is not JSON",
            raw(201, &html, b"<html>ok</html>"),
            201,
            Expect::Unreadable,
        ),
        (
            "invalid UTF-8 in a 201",
            raw(201, &json, b"{\"AppInstanceArn\":\"\xff\xfe\"}"),
            201,
            Expect::Unreadable,
        ),
        (
            "a 10 MB body",
            raw(201, &json, &ten_megabytes),
            201,
            Expect::Unreadable,
        ),
        (
            "an HTML 502 from a proxy",
            raw(502, &html, b"<html><body>Bad Gateway</body></html>"),
            502,
            Expect::Unhandled,
        ),
        (
            "an empty body with an error status",
            raw(500, &[], b""),
            500,
            Expect::Unhandled,
        ),
        (
            "wrong JSON types in an error",
            raw(400, &json, br#"{"Code":7,"Message":["no"]}"#),
            400,
            Expect::Unhandled,
        ),
        (
            "invalid UTF-8 in an error",
            raw(400, &json, b"\xff\xfe\xfd"),
            400,
            Expect::Unhandled,
        ),
        (
            "an unknown error name",
            raw(
                418,
                &[("x-amzn-errortype", "TeapotException")],
                br#"{"Message":"short and stout"}"#,
            ),
            418,
            Expect::Unhandled,
        ),
        (
            "an error type header in odd case with decorations",
            raw(
                409,
                &[(
                    "X-AMZN-ERRORTYPE",
                    "aws.chime#ConflictException:http://internal.amazon.com/coral/",
                )],
                br#"{"Code":"Conflict","Message":"taken"}"#,
            ),
            409,
            Expect::Named("ConflictException"),
        ),
        (
            "the name only in the body's __type",
            raw(
                403,
                &json,
                br#"{"__type":"com.amazonaws.chime#ForbiddenException","Message":"no"}"#,
            ),
            403,
            Expect::Named("ForbiddenException"),
        ),
    ];
    for (what, fault, status, expect) in cases {
        let error = answered_with(fault).await.expect_err(what);
        assert_eq!(error.http_status(), Some(status), "{what}: {error}");
        assert!(!error.to_string().is_empty());
        match (expect, error.kind()) {
            (Expect::Unreadable, ErrorKind::Response(response)) => {
                assert!(response.excerpt().len() <= 256 + '…'.len_utf8(), "{what}");
            }
            (Expect::Unhandled, ErrorKind::Service(service)) if service.is_unhandled() => {}
            (Expect::Named(name), ErrorKind::Service(service)) => {
                assert_eq!(service.error_name(), Some(name), "{what}");
            }
            (expect, _) => panic!("{what}: expected {expect:?}, got {error:?}"),
        }
    }
}

#[tokio::test]
async fn a_201_with_an_empty_object_is_a_valid_empty_output() {
    let output = answered_with(raw(201, &[], b"{}")).await.unwrap();
    assert_eq!(output.app_instance_arn(), None);
    let output = answered_with(raw(201, &[], b"")).await.unwrap();
    assert_eq!(output.app_instance_arn(), None);
}

fn header_value() -> impl Strategy<Value = String> {
    "[ -~]{0,60}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_status_headers_and_body_give_an_output_or_an_error_keeping_the_status(
        status in 200u16..600,
        error_type in proptest::option::of(header_value()),
        request_id in proptest::option::of(header_value()),
        body in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mut headers = Vec::new();
            if let Some(name) = &error_type {
                headers.push(("x-amzn-errortype", name.as_str()));
            }
            if let Some(id) = &request_id {
                headers.push(("x-amzn-requestid", id.as_str()));
            }
            match answered_with(raw(status, &headers, &body)).await {
                Ok(_) => assert!((200..300).contains(&status)),
                Err(error) => {
                    assert!(!format!("{error} {error:?}").is_empty());
                    if !(200..300).contains(&status) {
                        assert_eq!(error.http_status(), Some(status));
                    }
                }
            }
        });
    }
}

/// Every line of `text` with what a log reader would trip on: a newline,
/// an escape sequence, a NUL or a bidirectional override.
fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

#[tokio::test]
async fn a_servers_text_reaches_display_and_debug_bounded_and_escaped() {
    let forged = "slow down\n2026-12-01T00:00:00Z ERROR admin logged in\u{1b}[2J\0\u{202e}";
    let huge = "m".repeat(1_000_000);
    let request_id = "r".repeat(8000);
    for message in [forged, huge.as_str()] {
        let body = format!(
            r#"{{"Message":{}}}"#,
            serde_json::to_string(message).unwrap()
        );
        let fault = raw(
            400,
            &[
                ("x-amzn-errortype", "BadRequestException"),
                ("x-amzn-requestid", &request_id),
            ],
            body.as_bytes(),
        );
        let error = answered_with(fault).await.unwrap_err();
        let service = error.as_service_error().unwrap();
        // The accessors keep everything the server said, but an id no
        // service gives (over 256 bytes), as on success.
        assert_eq!(service.error_message(), Some(message));
        assert_eq!(error.request_id(), None);
        for shown in [
            error.to_string(),
            format!("{error:?}"),
            format!("{service:?}"),
            format!("{:?}", error.kind()),
        ] {
            assert!(!has_raw_control(&shown), "{shown:?}");
            assert!(shown.len() < 4 * 1024, "{} bytes shown", shown.len());
        }
    }
}

#[tokio::test]
async fn an_implausible_error_name_is_no_name() {
    let long = "E".repeat(10 * 1024);
    for name in [
        long.as_str(),
        "Bad Request",
        "Bad\tRequest",
        "1Error",
        "Bad-Request",
    ] {
        let fault = raw(400, &[("x-amzn-errortype", name)], b"{}");
        let error = answered_with(fault).await.unwrap_err();
        let service = error.as_service_error().unwrap();
        assert!(service.is_unhandled(), "{name:?}");
        assert_eq!(service.error_name(), None, "{name:?}");
        assert!(error.to_string().contains("unnamed error"), "{error}");
    }
    // A name in the body is held to the same rule.
    let fault = raw(400, &[], br#"{"__type":"aws#Not A Name"}"#);
    let error = answered_with(fault).await.unwrap_err();
    assert_eq!(error.as_service_error().unwrap().error_name(), None);
}
