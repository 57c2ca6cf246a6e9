//! The generated error crate: restJson1 error resolution, metadata and retryability.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_lean_error::{CreateAppInstanceError, ErrorCode, ProvideErrorKind, sanitize_error_name};
use http::HeaderMap;
use proptest::prelude::*;

/// Header name and value pairs of a response.
type Headers<'a> = &'a [(&'static str, &'a str)];

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                http::HeaderName::from_static(name),
                value.parse().expect("a header value"),
            )
        })
        .collect()
}

/// The eight modelled errors: name, status, retryable.
const MODELLED: [(&str, u16, bool); 8] = [
    ("BadRequestException", 400, false),
    ("ConflictException", 409, false),
    ("ForbiddenException", 403, false),
    ("ResourceLimitExceededException", 400, false),
    ("ThrottledClientException", 429, true),
    ("UnauthorizedClientException", 401, false),
    ("ServiceUnavailableException", 503, true),
    ("ServiceFailureException", 500, true),
];

#[test]
fn each_modelled_error_resolves_with_its_metadata() {
    for (name, status, retryable) in MODELLED {
        let body = format!(r#"{{"Code":"Throttled","Message":"{name} happened"}}"#);
        let error = CreateAppInstanceError::from_response(
            status,
            &headers(&[("x-amzn-errortype", name), ("x-amzn-requestid", "req-1")]),
            body.as_bytes(),
        );
        assert!(!error.is_unhandled(), "{name}");
        assert_eq!(error.error_name(), Some(name));
        assert_eq!(
            error.error_message(),
            Some(format!("{name} happened").as_str())
        );
        assert_eq!(error.request_id(), Some("req-1"));
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(error.is_retryable(), retryable, "{name}");
        assert_eq!(error.to_string(), format!("{name}: {name} happened"));
        assert_eq!(error.meta().code(), Some(name));
        // `Display` is the inner error's: no cause may repeat it.
        assert!(std::error::Error::source(&error).is_none());
    }
}

#[test]
fn retry_kinds_follow_the_model() {
    use chime_lean_error::ErrorKind;
    let kind = |name: &str, status| {
        CreateAppInstanceError::from_response(
            status,
            &headers(&[("x-amzn-errortype", name)]),
            b"{}",
        )
        .retryable_error_kind()
    };
    assert_eq!(
        kind("ThrottledClientException", 429),
        Some(ErrorKind::ThrottlingError)
    );
    assert_eq!(
        kind("ServiceFailureException", 500),
        Some(ErrorKind::ServerError)
    );
    assert_eq!(
        kind("ServiceUnavailableException", 503),
        Some(ErrorKind::ServerError)
    );
    assert_eq!(kind("ConflictException", 409), None);
}

#[test]
fn the_name_comes_from_the_header_then_code_then_type() {
    let resolve = |pairs: &[(&'static str, &str)], body: &str| {
        CreateAppInstanceError::from_response(400, &headers(pairs), body.as_bytes())
            .error_name()
            .map(str::to_owned)
    };
    assert_eq!(
        resolve(
            &[("x-amzn-errortype", "ConflictException")],
            r#"{"code":"ForbiddenException"}"#
        )
        .as_deref(),
        Some("ConflictException")
    );
    assert_eq!(
        resolve(
            &[],
            r#"{"code":"ForbiddenException","__type":"ConflictException"}"#
        )
        .as_deref(),
        Some("ForbiddenException")
    );
    assert_eq!(
        resolve(&[], r#"{"__type":"com.amazonaws.chime#ConflictException"}"#).as_deref(),
        Some("ConflictException")
    );
    // The capital `Code` of Chime bodies is the ErrorCode member, not the error's name.
    assert_eq!(resolve(&[], r#"{"Code":"BadRequest","Message":"m"}"#), None);
}

#[test]
fn decorated_names_are_sanitized() {
    for raw in [
        "ConflictException",
        "aws.chime#ConflictException",
        "ConflictException:http://internal.example/",
        "aws.chime#ConflictException:http://x#y",
    ] {
        assert_eq!(sanitize_error_name(raw), "ConflictException", "{raw}");
        let error =
            CreateAppInstanceError::from_response(409, &headers(&[("x-amzn-errortype", raw)]), b"");
        assert!(error.is_conflict_exception(), "{raw}");
    }
}

#[test]
fn error_responses_snapshot() {
    let cases: [(u16, Headers<'_>, &[u8]); 6] = [
        (
            400,
            &[
                ("x-amzn-errortype", "BadRequestException"),
                ("x-amzn-requestid", "r-1"),
            ],
            br#"{"Code":"BadRequest","Message":"Name is too long"}"#,
        ),
        (
            429,
            &[],
            br#"{"__type":"ThrottledClientException","Code":"Throttled","message":"slow down"}"#,
        ),
        (
            409,
            &[("x-amzn-errortype", "ConflictException")],
            br#"{"Code":"SomethingNew","Message":"token reused"}"#,
        ),
        (502, &[], b"<html><body>Bad Gateway</body></html>"),
        (
            418,
            &[("x-amzn-errortype", "TeapotException")],
            br#"{"Message":"short and stout"}"#,
        ),
        (
            500,
            &[("x-amzn-errortype", "ServiceFailureException")],
            br#"{"Code": 7"#,
        ),
    ];
    let rendered: Vec<String> = cases
        .iter()
        .map(|(status, pairs, body)| {
            let error = CreateAppInstanceError::from_response(*status, &headers(pairs), body);
            let code = match &error {
                CreateAppInstanceError::BadRequestException(e) => format!("{:?}", e.code()),
                CreateAppInstanceError::ConflictException(e) => format!("{:?}", e.code()),
                CreateAppInstanceError::ThrottledClientException(e) => format!("{:?}", e.code()),
                _ => "-".to_owned(),
            };
            format!(
                "{status} => {error} | retryable={} request_id={:?} code={code}",
                error.is_retryable(),
                error.request_id()
            )
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n"), @r#"
    400 => BadRequestException: Name is too long | retryable=false request_id=Some("r-1") code=Some(BadRequest)
    429 => ThrottledClientException: slow down | retryable=true request_id=None code=Some(Throttled)
    409 => ConflictException: token reused | retryable=false request_id=None code=Some(Unknown(UnknownVariantValue("SomethingNew")))
    502 => HTTP 502, not an AWS error response: no content type; body starts "<html><body>Bad Gateway</body></html>" | retryable=false request_id=None code=-
    418 => TeapotException: short and stout (HTTP 418) | retryable=false request_id=None code=-
    500 => ServiceFailureException | retryable=true request_id=None code=-
    "#);
}

#[test]
fn error_codes_are_an_open_enum() {
    assert_eq!(ErrorCode::from("Throttling"), ErrorCode::Throttling);
    assert_eq!(ErrorCode::from("Throttling").as_str(), "Throttling");
    let unknown = ErrorCode::from("BrandNew");
    assert_eq!(unknown.as_str(), "BrandNew");
    assert!(matches!(unknown, ErrorCode::Unknown(_)));
    assert_eq!(ErrorCode::values().len(), 15);
    for value in ErrorCode::values() {
        assert_eq!(ErrorCode::from(*value).as_str(), *value);
        assert!(!matches!(ErrorCode::from(*value), ErrorCode::Unknown(_)));
    }
}

proptest! {
    #[test]
    fn no_response_panics_and_the_status_is_kept(
        status in 100u16..600,
        error_type in proptest::option::of("[ -~]{0,40}"),
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut map = HeaderMap::new();
        if let Some(value) = &error_type {
            map.insert("x-amzn-errortype", value.parse().expect("printable ASCII is a valid header value"));
        }
        let error = CreateAppInstanceError::from_response(status, &map, &body);
        let _ = (error.to_string(), format!("{error:?}"));
        prop_assert_eq!(error.http_status(), Some(status));
    }

    #[test]
    fn json_error_bodies_with_any_message_resolve(message in any::<String>(), index in 0usize..8) {
        let (name, status, _) = MODELLED[index];
        let body = serde_json::json!({"__type": format!("aws.chime#{name}"), "Message": message}).to_string();
        let error = CreateAppInstanceError::from_response(status, &HeaderMap::new(), body.as_bytes());
        prop_assert_eq!(error.error_name(), Some(name));
        prop_assert_eq!(error.error_message(), Some(message.as_str()));
    }
}

/// Error structures with the same members share one reader; each still
/// reads its own members and names itself when its body is broken.
#[test]
fn errors_that_share_a_reader_read_their_own_members_and_name_themselves() {
    let body = br#"{"Code": "Conflict", "Message": "taken", "Other": [1, {"a": null}]}"#;
    let conflict = chime_lean_error::ConflictException::from_json(body).expect("parses");
    assert_eq!(conflict.code(), Some(&ErrorCode::Conflict));
    assert_eq!(conflict.message(), Some("taken"));
    let throttled = chime_lean_error::ThrottledClientException::from_json(body).expect("parses");
    assert_eq!(throttled.message(), Some("taken"));
    let broken = chime_lean_error::ConflictException::from_json(br#"{"Code": "Conflict""#)
        .expect_err("a truncated body");
    assert_eq!(
        broken.to_string(),
        "invalid JSON body: `ConflictException`: unexpected end of body"
    );
}

/// restJson1 services put the message under any of three keys; the
/// modelled `Message` member is filled from whichever came.
#[test]
fn the_message_member_is_filled_from_any_of_the_message_keys() {
    for key in ["Message", "message", "errorMessage"] {
        let body = format!(r#"{{"{key}":"it broke","Code":"BadRequest"}}"#);
        let error = CreateAppInstanceError::from_response(
            400,
            &headers(&[("x-amzn-errortype", "BadRequestException")]),
            body.as_bytes(),
        );
        let CreateAppInstanceError::BadRequestException(bad) = &error else {
            panic!("{key}: {error:?}");
        };
        assert_eq!(bad.message(), Some("it broke"), "{key}");
        assert_eq!(bad.error_message(), Some("it broke"), "{key}");
        assert_eq!(bad.code(), Some(&ErrorCode::BadRequest), "{key}");
    }
    // The modelled key wins over the others when both come.
    let error = CreateAppInstanceError::from_response(
        400,
        &headers(&[("x-amzn-errortype", "BadRequestException")]),
        br#"{"message":"lower","Message":"modelled"}"#,
    );
    let CreateAppInstanceError::BadRequestException(bad) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(bad.message(), Some("modelled"));
}
