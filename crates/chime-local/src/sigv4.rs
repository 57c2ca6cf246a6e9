//! SigV4 verification, written from the specification and independent of
//! the `aws-sigv4` signer, so a client's signing bug cannot hide behind the
//! library that made it.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// Requests signed more than this far from the server's clock are refused,
/// as AWS refuses them.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 15 * 60;

/// What a request must be signed for.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    /// The region of the credential scope.
    pub region: &'a str,
    /// The service of the credential scope.
    pub service: &'a str,
    /// Seconds since the Unix epoch, now.
    pub now: i64,
    /// The session token of the caller's credentials: temporary credentials
    /// must send theirs, long-term ones none.
    pub session_token: Option<&'a str>,
}

/// A request as it arrived: what a signature covers.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path, as sent.
    pub path: &'a str,
    /// The query string, as sent (empty for none).
    pub query: &'a str,
    /// Header names and values, as sent.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

impl Signed<'_> {
    fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Why a request's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No usable `Authorization` header, or no access key the server knows:
    /// the caller is not identified.
    Unidentified(String),
    /// The caller is identified, but the signature does not prove it.
    Forbidden(String),
    /// The signature was made too far from the server's clock; the message
    /// is the one AWS gives.
    Skewed(String),
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The access key id.
    pub access_key: &'a str,
    /// The date of the credential scope (`YYYYMMDD`).
    pub date: &'a str,
    /// The region of the credential scope.
    pub region: &'a str,
    /// The service of the credential scope.
    pub service: &'a str,
    /// The signed header names, lower case, `;`-separated.
    pub signed_headers: &'a str,
    /// The hex signature.
    pub signature: &'a str,
}

/// Reads the `Authorization` header.
pub fn parse_authorization(value: &str) -> Result<Authorization<'_>, Refusal> {
    let rest = value
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or_else(|| Refusal::Unidentified("the authorization is not AWS4-HMAC-SHA256".into()))?;
    let field = |name: &str| {
        rest.split(',')
            .map(str::trim)
            .find_map(|part| part.strip_prefix(name))
            .ok_or_else(|| Refusal::Unidentified(format!("the authorization has no {name}")))
    };
    let credential = field("Credential=")?;
    let signed_headers = field("SignedHeaders=")?;
    let signature = field("Signature=")?;
    let parts: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, "aws4_request"] = parts[..] else {
        return Err(Refusal::Unidentified(format!(
            "the credential scope `{credential}` is malformed"
        )));
    };
    Ok(Authorization {
        access_key,
        date,
        region,
        service,
        signed_headers,
        signature,
    })
}

/// Checks a request's signature with the secret of its access key.
pub fn verify(
    request: &Signed<'_>,
    authorization: &Authorization<'_>,
    secret_key: &str,
    expected: &Expected<'_>,
) -> Result<(), Refusal> {
    let forbidden = |why: String| Err(Refusal::Forbidden(why));
    if (authorization.region, authorization.service) != (expected.region, expected.service) {
        return forbidden(format!(
            "the credential is scoped to {}/{}, not {}/{}",
            authorization.region, authorization.service, expected.region, expected.service
        ));
    }
    let [amz_date] = request.header("x-amz-date")[..] else {
        return forbidden("the request needs exactly one x-amz-date header".into());
    };
    let Some(signed_at) = parse_amz_date(amz_date) else {
        return forbidden(format!(
            "x-amz-date `{amz_date}` is not YYYYMMDD'T'HHMMSS'Z'"
        ));
    };
    if amz_date.get(..8) != Some(authorization.date) {
        return forbidden(format!(
            "the credential scope's date `{}` is not the date of x-amz-date `{amz_date}`",
            authorization.date
        ));
    }
    if let Some(message) = skew_message(amz_date, signed_at, expected.now) {
        return Err(Refusal::Skewed(message));
    }
    let signed: Vec<&str> = authorization.signed_headers.split(';').collect();
    // The canonical request lists them sorted, once each, in lower case:
    // a list in any other form was not made by a correct signer.
    let canonical = signed.iter().all(|name| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
    }) && signed.windows(2).all(|pair| pair[0] < pair[1]);
    if !canonical {
        return forbidden(format!(
            "SignedHeaders `{}` is not a sorted list of distinct lower-case names",
            authorization.signed_headers
        ));
    }
    check_session_token(request, expected.session_token)?;
    for required in ["host", "x-amz-date"] {
        if !signed.contains(&required) {
            return forbidden(format!("the `{required}` header is not signed"));
        }
    }
    if !request.header("x-amz-security-token").is_empty()
        && !signed.contains(&"x-amz-security-token")
    {
        return forbidden("the session token is not signed".into());
    }
    let mut canonical_headers = String::new();
    for name in &signed {
        let values = request.header(name);
        if values.is_empty() {
            return forbidden(format!("the signed header `{name}` was not sent"));
        }
        let values: Vec<String> = values.iter().map(|v| collapse_spaces(v)).collect();
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        request.path,
        canonical_query(request.query),
        canonical_headers,
        authorization.signed_headers,
        hex(&Sha256::digest(request.body))
    );
    let scope = format!(
        "{}/{}/{}/aws4_request",
        authorization.date, authorization.region, authorization.service
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let key = hmac(format!("AWS4{secret_key}").as_bytes(), authorization.date);
    let key = hmac(&key, authorization.region);
    let key = hmac(&key, authorization.service);
    let key = hmac(&key, "aws4_request");
    let expected_signature = hex(&hmac(&key, &string_to_sign));
    // Not constant-time: this server is for tests, and its secrets are too.
    if expected_signature == authorization.signature {
        Ok(())
    } else {
        forbidden("the signature does not match the request".into())
    }
}

/// Long-term credentials send no session token; temporary ones send theirs.
fn check_session_token(request: &Signed<'_>, expected: Option<&str>) -> Result<(), Refusal> {
    let invalid =
        || Refusal::Unidentified("the security token included in the request is invalid".into());
    match (expected, &request.header("x-amz-security-token")[..]) {
        (None, []) => Ok(()),
        (Some(_), []) => Err(Refusal::Unidentified(
            "temporary credentials need their session token (x-amz-security-token)".into(),
        )),
        (Some(token), [sent]) if *sent == token => Ok(()),
        _ => Err(invalid()),
    }
}

/// AWS's words for a signature outside the window, `None` inside it.
fn skew_message(amz_date: &str, signed_at: i64, now: i64) -> Option<String> {
    let minutes = MAX_CLOCK_SKEW_SECONDS / 60;
    if signed_at < now - MAX_CLOCK_SKEW_SECONDS {
        Some(format!(
            "Signature expired: {amz_date} is now earlier than {} ({} - {minutes} min.)",
            format_amz_date(now - MAX_CLOCK_SKEW_SECONDS),
            format_amz_date(now)
        ))
    } else if signed_at > now + MAX_CLOCK_SKEW_SECONDS {
        Some(format!(
            "Signature not yet current: {amz_date} is still later than {} ({} + {minutes} min.)",
            format_amz_date(now + MAX_CLOCK_SKEW_SECONDS),
            format_amz_date(now)
        ))
    } else {
        None
    }
}

/// Seconds since the Unix epoch as `YYYYMMDDTHHMMSSZ`.
pub fn format_amz_date(secs: i64) -> String {
    let iso = aws_smithy_types::DateTime::from_secs(secs)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default();
    // `2015-08-30T12:36:00Z` without its separators.
    iso.chars().filter(|c| !matches!(c, '-' | ':')).collect()
}

/// `YYYYMMDDTHHMMSSZ` as seconds since the Unix epoch.
pub fn parse_amz_date(value: &str) -> Option<i64> {
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = value.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    // Bytes, not string slices: a multi-byte character must not meet a
    // slice boundary.
    let bytes = value.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The seconds since the Unix epoch now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    pairs.sort_unstable();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates_convert_to_epoch_seconds() {
        assert_eq!(parse_amz_date("19700101T000000Z"), Some(0));
        assert_eq!(parse_amz_date("20150830T123600Z"), Some(1_440_938_160));
        assert_eq!(parse_amz_date("20240229T235959Z"), Some(1_709_251_199));
        for bad in [
            "2015083T123600Z",
            "20151330T123600Z",
            "20150830 123600Z",
            "２0150830T123600Z",
            // 16 bytes, but a character spans bytes 7 and 8.
            "2026120é123000Z",
            "20261201T12300éZ",
            // Each field out of its range, alone.
            "20150800T123600Z",
            "20150832T123600Z",
            "20150830T243600Z",
            "20150830T126000Z",
            "20150830T123661Z",
        ] {
            assert_eq!(parse_amz_date(bad), None, "{bad}");
        }
        // A leap second is a time.
        assert_eq!(parse_amz_date("20150830T123660Z"), Some(1_440_938_220));
    }

    /// The worked example of AWS's SigV4 documentation (IAM `ListUsers`),
    /// whose signature is published.
    #[test]
    fn the_published_example_verifies() {
        let headers = vec![
            (
                "content-type".to_owned(),
                "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
            ),
            ("host".to_owned(), "iam.amazonaws.com".to_owned()),
            ("x-amz-date".to_owned(), "20150830T123600Z".to_owned()),
        ];
        let request = Signed {
            method: "GET",
            path: "/",
            query: "Action=ListUsers&Version=2010-05-08",
            headers: &headers,
            body: b"",
        };
        let authorization = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
        )
        .unwrap();
        let expected = Expected {
            region: "us-east-1",
            service: "iam",
            now: parse_amz_date("20150830T123600Z").unwrap(),
            session_token: None,
        };
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        assert_eq!(verify(&request, &authorization, secret, &expected), Ok(()));
        assert!(matches!(
            verify(&request, &authorization, "other", &expected),
            Err(Refusal::Forbidden(_))
        ));
        let late = Expected {
            now: expected.now + MAX_CLOCK_SKEW_SECONDS + 1,
            ..expected.clone()
        };
        assert_eq!(
            verify(&request, &authorization, secret, &late),
            Err(Refusal::Skewed(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z \
                 (20150830T125101Z - 15 min.)"
                    .into()
            ))
        );
        let early = Expected {
            now: expected.now - MAX_CLOCK_SKEW_SECONDS - 1,
            ..expected.clone()
        };
        assert_eq!(
            verify(&request, &authorization, secret, &early),
            Err(Refusal::Skewed(
                "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z \
                 (20150830T122059Z + 15 min.)"
                    .into()
            ))
        );
        for edge in [MAX_CLOCK_SKEW_SECONDS, -MAX_CLOCK_SKEW_SECONDS] {
            let at_the_edge = Expected {
                now: expected.now + edge,
                ..expected.clone()
            };
            assert_eq!(
                verify(&request, &authorization, secret, &at_the_edge),
                Ok(())
            );
        }
    }

    /// A request the AWS SDK's signer signed, with header values beyond
    /// ASCII (sent as their UTF-8 bytes, as the SDKs send them), verifies;
    /// the same request with one of those values changed does not.
    #[test]
    fn values_beyond_ascii_verify_as_the_sdk_signs_them() {
        use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
        let now = parse_amz_date("20260101T000000Z").unwrap();
        let bearer = "arn:aws:chime:us-east-1:111122223333:app-instance/café-☕";
        let credentials = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        );
        let identity: aws_smithy_runtime_api::client::identity::Identity = credentials.into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("chime")
            .time(std::time::UNIX_EPOCH + std::time::Duration::from_secs(now as u64))
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let unsigned = [
            ("host", "identity-chime.us-east-1.amazonaws.com"),
            ("x-amz-chime-bearer", bearer),
        ];
        let signable = SignableRequest::new(
            "POST",
            "https://identity-chime.us-east-1.amazonaws.com/app-instances",
            unsigned.into_iter(),
            SignableBody::Bytes(b"{}"),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut headers: Vec<(String, String)> = unsigned
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        let mut authorization = String::new();
        for (name, value) in instructions.headers() {
            if name == "authorization" {
                authorization = value.to_owned();
            } else {
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        let expected = Expected {
            region: "us-east-1",
            service: "chime",
            now,
            session_token: None,
        };
        let verified = |headers: &[(String, String)]| {
            let request = Signed {
                method: "POST",
                path: "/app-instances",
                query: "",
                headers,
                body: b"{}",
            };
            verify(
                &request,
                &parse_authorization(&authorization).unwrap(),
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                &expected,
            )
        };
        assert_eq!(verified(&headers), Ok(()));
        for (name, value) in &mut headers {
            if name == "x-amz-chime-bearer" {
                *value = value.replace('é', "e");
            }
        }
        assert!(matches!(verified(&headers), Err(Refusal::Forbidden(_))));
    }

    /// The published example's request, with `authorization` as its header.
    fn example_with(
        headers: &[(String, String)],
        authorization: &str,
        session_token: Option<&str>,
    ) -> Result<(), Refusal> {
        let request = Signed {
            method: "GET",
            path: "/",
            query: "Action=ListUsers&Version=2010-05-08",
            headers,
            body: b"",
        };
        let authorization = parse_authorization(authorization)?;
        let expected = Expected {
            region: "us-east-1",
            service: "iam",
            now: parse_amz_date("20150830T123600Z").unwrap(),
            session_token,
        };
        verify(
            &request,
            &authorization,
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            &expected,
        )
    }

    fn example_headers() -> Vec<(String, String)> {
        vec![
            (
                "content-type".to_owned(),
                "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
            ),
            ("host".to_owned(), "iam.amazonaws.com".to_owned()),
            ("x-amz-date".to_owned(), "20150830T123600Z".to_owned()),
        ]
    }

    fn forbidden_because(outcome: Result<(), Refusal>, why: &str) {
        match outcome {
            Err(Refusal::Forbidden(message)) => assert!(message.contains(why), "{message}"),
            other => panic!("expected a refusal naming {why:?}, got {other:?}"),
        }
    }

    const SIGNATURE: &str =
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    #[test]
    fn the_scope_date_must_be_the_requests_date_exactly() {
        for date in ["2015", "", "2015083", "201508300", "20150831"] {
            let authorization = format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/iam/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date, {SIGNATURE}"
            );
            forbidden_because(
                example_with(&example_headers(), &authorization, None),
                "is not the date of x-amz-date",
            );
        }
    }

    #[test]
    fn signed_headers_must_be_sorted_distinct_and_lower_case() {
        for list in [
            "host;content-type;x-amz-date",
            "content-type;host;host;x-amz-date",
            "content-type;Host;x-amz-date",
            "content-type;;host;x-amz-date",
            "content-type;host;x-amz-date;",
            // Sorted, but not lower case, or with an empty name first.
            "content-type;host;x-Amz-date",
            ";content-type;host;x-amz-date",
        ] {
            let authorization = format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
                 SignedHeaders={list}, {SIGNATURE}"
            );
            forbidden_because(
                example_with(&example_headers(), &authorization, None),
                "is not a sorted list of distinct lower-case names",
            );
        }
    }

    #[test]
    fn a_session_token_must_be_the_credentials_own() {
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, {SIGNATURE}"
        );
        assert_eq!(
            example_with(&example_headers(), &authorization, None),
            Ok(())
        );
        let unidentified = |outcome: Result<(), Refusal>, why: &str| match outcome {
            Err(Refusal::Unidentified(message)) => assert!(message.contains(why), "{message}"),
            other => panic!("expected a refusal naming {why:?}, got {other:?}"),
        };
        // Temporary credentials without their token.
        unidentified(
            example_with(&example_headers(), &authorization, Some("token")),
            "temporary credentials need their session token",
        );
        // A token that long-term credentials do not have, or the wrong one.
        let mut with_token = example_headers();
        with_token.push(("x-amz-security-token".to_owned(), "forged".to_owned()));
        let invalid = "the security token included in the request is invalid";
        unidentified(example_with(&with_token, &authorization, None), invalid);
        unidentified(
            example_with(&with_token, &authorization, Some("token")),
            invalid,
        );
    }

    #[test]
    fn amz_dates_format_back() {
        for date in ["20150830T123600Z", "19700101T000000Z", "20261201T235959Z"] {
            assert_eq!(format_amz_date(parse_amz_date(date).unwrap()), date);
        }
    }
}
