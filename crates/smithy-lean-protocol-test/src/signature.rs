//! Whether a captured request is signed as the AWS SDKs sign it: its
//! `authorization` is what `aws-sigv4`, the AWS SDK for Rust's signer,
//! makes of the same request at the same time.

use crate::capture::SentRequest;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use std::time::SystemTime;

/// The access key id of [`Capture::config`](crate::Capture::config)'s credentials.
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";

/// The secret key of [`Capture::config`](crate::Capture::config)'s credentials.
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// The credentials [`Capture::config`](crate::Capture::config) signs with.
pub fn test_credentials() -> Credentials {
    Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        None,
        None,
        "protocol-test",
    )
}

/// Headers signing itself adds.
const ADDED_BY_SIGNING: &[&str] = &["authorization", "x-amz-date"];

/// Headers the AWS SDK for Rust adds after signing, just before each
/// attempt goes out (its invocation-id and request-info interceptors run
/// at `modify_before_transmit`), so that they are never signed.
const ADDED_AFTER_SIGNING: &[&str] = &["amz-sdk-invocation-id", "amz-sdk-request"];

impl SentRequest {
    /// Why this request's signature is not the one `aws-sigv4` gives it,
    /// signed with the [test credentials](test_credentials) in `region`
    /// for `service` at its own `x-amz-date`; `None` when they agree.
    pub fn signature_mismatch(&self, region: &str, service: &str) -> Option<String> {
        let Some(sent) = self.header("authorization") else {
            return Some("the request has no `authorization` header".to_owned());
        };
        let expected = match self.sdk_authorization(region, service) {
            Ok(expected) => expected,
            Err(why) => return Some(why),
        };
        (sent != expected)
            .then(|| format!("signed `{sent}`, where the AWS SDK's signer gives `{expected}`"))
    }

    /// The `authorization` header `aws-sigv4` writes for this request.
    fn sdk_authorization(&self, region: &str, service: &str) -> Result<String, String> {
        let time = self
            .header("x-amz-date")
            .ok_or("the request has no `x-amz-date` header")
            .and_then(|text| amz_date_time(&text).ok_or("`x-amz-date` is not a SigV4 time"))?;
        let identity: Identity = test_credentials().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(service)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| format!("signing parameters: {e}"))?
            .into();
        // The request as it was when the SDK signs it: the signer picks
        // the headers it signs from all of them, as it does for the SDK.
        let headers = self
            .headers
            .iter()
            .filter(|(name, _)| {
                !ADDED_BY_SIGNING
                    .iter()
                    .chain(ADDED_AFTER_SIGNING)
                    .any(|added| name.eq_ignore_ascii_case(added))
            })
            .map(|(name, value)| (name.as_str(), value.as_str()));
        let signable = SignableRequest::new(
            &self.method,
            &self.uri,
            headers,
            SignableBody::Bytes(&self.body),
        )
        .map_err(|e| format!("the request cannot be signed: {e}"))?;
        let (instructions, _) = sign(signable, &params)
            .map_err(|e| format!("the SDK's signer refuses the request: {e}"))?
            .into_parts();
        instructions
            .headers()
            .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
            .map(|(_, value)| value.to_owned())
            .ok_or_else(|| "the SDK's signer wrote no `authorization`".to_owned())
    }
}

/// `20150830T123600Z` as a time.
fn amz_date_time(text: &str) -> Option<SystemTime> {
    let digits = |range: std::ops::Range<usize>| {
        text.get(range)
            .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
    };
    if text.len() != 16 || text.as_bytes()[8] != b'T' || !text.ends_with('Z') {
        return None;
    }
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?
    );
    let time = DateTime::from_str(&rfc3339, Format::DateTime).ok()?;
    SystemTime::try_from(time).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AWS SigV4 test suite's `get-vanilla` case, signed as the suite says.
    fn get_vanilla() -> SentRequest {
        SentRequest {
            method: "GET".to_owned(),
            uri: "https://example.amazonaws.com/".to_owned(),
            headers: vec![
                ("host".to_owned(), "example.amazonaws.com".to_owned()),
                ("x-amz-date".to_owned(), "20150830T123600Z".to_owned()),
                (
                    "authorization".to_owned(),
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                     SignedHeaders=host;x-amz-date, \
                     Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
                        .to_owned(),
                ),
            ],
            body: Vec::new(),
        }
    }

    #[test]
    fn the_sigv4_suites_vanilla_request_is_signed_as_the_sdk_signs() {
        assert_eq!(
            get_vanilla().signature_mismatch("us-east-1", "service"),
            None
        );
        // What the SDK adds after signing is not part of what it signed.
        let mut attempt = get_vanilla();
        attempt
            .headers
            .push(("amz-sdk-invocation-id".to_owned(), "id".to_owned()));
        attempt
            .headers
            .push(("amz-sdk-request".to_owned(), "attempt=1; max=3".to_owned()));
        assert_eq!(attempt.signature_mismatch("us-east-1", "service"), None);
        // A header the SDK would have signed is.
        let mut extra = get_vanilla();
        extra
            .headers
            .push(("x-amz-meta".to_owned(), "x".to_owned()));
        assert!(extra.signature_mismatch("us-east-1", "service").is_some());
    }

    #[test]
    fn any_change_to_what_was_signed_is_a_mismatch() {
        type Change = fn(&mut SentRequest);
        let changes: [(&str, Change); 7] = [
            ("another region", |_| {}),
            ("a header value", |r| r.headers[0].1.push('x')),
            ("a body", |r| r.body.push(b'x')),
            ("a path", |r| r.uri.push('x')),
            ("a method", |r| r.method = "PUT".to_owned()),
            ("a time", |r| r.headers[1].1 = "20150830T123601Z".to_owned()),
            ("no authorization", |r| {
                r.headers.pop();
            }),
        ];
        for (what, change) in changes {
            let mut request = get_vanilla();
            change(&mut request);
            let region = if what == "another region" {
                "us-west-2"
            } else {
                "us-east-1"
            };
            assert!(
                request.signature_mismatch(region, "service").is_some(),
                "{what} went unnoticed"
            );
        }
        let mut untimed = get_vanilla();
        untimed.headers.remove(1);
        assert_eq!(
            untimed
                .signature_mismatch("us-east-1", "service")
                .as_deref(),
            Some("the request has no `x-amz-date` header")
        );
    }

    #[test]
    fn sigv4_times_read_as_the_instant_they_name() {
        let time = amz_date_time("20150830T123600Z").unwrap();
        assert_eq!(
            DateTime::from(time),
            DateTime::from_secs(1_440_938_160),
            "2015-08-30T12:36:00Z"
        );
        for bad in [
            "",
            "20150830T123600",
            "20150830 123600Z",
            "2015083OT123600Z",
            "20151330T123600Z",
            "20150830T123600Z0",
        ] {
            assert_eq!(amz_date_time(bad), None, "{bad:?}");
        }
    }
}
