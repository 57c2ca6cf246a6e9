//! SigV4 signing, with the signing key derived once a day instead of once
//! a request.
//!
//! `aws_sigv4::http_request::sign` derives the signing key (four HMACs) on
//! every call, a quarter of this client's CPU per request, although the key
//! only changes with the date, region, service and secret. This module keeps
//! the key and builds the canonical request for this client's requests,
//! whose shape is fixed: a `POST` with no query and a handful of headers.
//! The key derivation is `aws_sigv4`'s; the signature is the HMAC of the
//! string to sign under that key, whose keyed state (the key's two padded
//! blocks, compressed) is kept with it, so that a request hashes only its
//! own bytes. A path
//! that would need SigV4's encoding or normalization rules (a custom
//! endpoint's base path with unusual characters) goes to `aws_sigv4` whole.
//! A property test checks that both ways give the same headers.

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use hmac::{Hmac, KeyInit, Mac};
use http::HeaderValue;
use sha2::{Digest, Sha256};
use std::sync::Mutex;
use std::time::SystemTime;

/// Headers SigV4 leaves unsigned, as `aws_sigv4` does by default: proxies
/// and HTTP stacks may change them.
const UNSIGNED_HEADERS: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Signs requests, remembering the day's signing key.
#[derive(Default)]
pub(crate) struct Signer {
    key: Mutex<Option<DayKey>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is as good as the secret for a day.
        f.write_str("Signer { .. }")
    }
}

/// A signing key, as the HMAC keyed with it, and what it was derived from.
struct DayKey {
    date: String,
    region: String,
    service: String,
    secret: String,
    mac: Hmac<Sha256>,
}

/// Why a request could not be signed.
pub(crate) type SigningError = Box<dyn std::error::Error + Send + Sync>;

impl Signer {
    /// Adds `x-amz-date`, the session token if any, and `authorization`.
    pub(crate) fn sign(
        &self,
        request: &mut http::Request<impl Sized>,
        payload_hash: &str,
        credentials: &Credentials,
        region: &str,
        service: &str,
        now: SystemTime,
    ) -> Result<(), SigningError> {
        if request.uri().query().is_some() || !is_plain_path(request.uri().path()) {
            let body = SignableBody::Precomputed(payload_hash.to_owned());
            return sign_with_aws_sigv4(request, body, credentials, region, service, now);
        }
        let (date, date_time) = amz_date(now)?;
        {
            let headers = request.headers_mut();
            headers.insert("x-amz-date", HeaderValue::from_str(&date_time)?);
            if let Some(token) = credentials.session_token() {
                let mut token = HeaderValue::from_str(token)?;
                token.set_sensitive(true);
                headers.insert("x-amz-security-token", token);
            }
        }
        let headers = request.headers();
        let mut names: Vec<&str> = headers
            .keys()
            .map(http::HeaderName::as_str)
            .filter(|name| !UNSIGNED_HEADERS.contains(name))
            .collect();
        names.sort_unstable();
        let mut signed_names = String::with_capacity(names.iter().map(|n| n.len() + 1).sum());
        for name in &names {
            if !signed_names.is_empty() {
                signed_names.push(';');
            }
            signed_names.push_str(name);
        }
        // The canonical request goes straight into its hash, piece by
        // piece: written out whole first, it would be copied once more.
        let mut canonical = Sha256::new();
        canonical.update(request.method().as_str());
        canonical.update(b"\n");
        canonical.update(request.uri().path());
        canonical.update(b"\n\n");
        let mut value = String::new();
        for name in &names {
            value.clear();
            for (i, v) in headers.get_all(*name).iter().enumerate() {
                if i > 0 {
                    value.push(',');
                }
                push_collapsed(&mut value, header_text(name, v)?);
            }
            canonical.update(name);
            canonical.update(b":");
            canonical.update(&value);
            canonical.update(b"\n");
        }
        canonical.update(b"\n");
        canonical.update(&signed_names);
        canonical.update(b"\n");
        canonical.update(payload_hash);
        let canonical_hash = hex(&canonical.finalize());
        // Joined by hand: `format!` would cost more than the rest of it.
        let scope = [date.as_str(), region, service, "aws4_request"].join("/");
        let signature = {
            let mut cached = self.key.lock().unwrap_or_else(|e| e.into_inner());
            let fresh = cached.as_ref().is_some_and(|k| {
                k.date == date
                    && k.region == region
                    && k.service == service
                    && k.secret == credentials.secret_access_key()
            });
            if !fresh {
                let key =
                    v4::generate_signing_key(credentials.secret_access_key(), now, region, service);
                *cached = Some(DayKey {
                    date,
                    region: region.to_owned(),
                    service: service.to_owned(),
                    secret: credentials.secret_access_key().to_owned(),
                    mac: Hmac::new_from_slice(key.as_ref())?,
                });
            }
            // The string to sign, straight into the signature's HMAC.
            let mut mac = cached.as_ref().expect("filled above").mac.clone();
            for part in [
                "AWS4-HMAC-SHA256\n",
                date_time.as_str(),
                "\n",
                scope.as_str(),
                "\n",
                canonical_hash.as_str(),
            ] {
                mac.update(part.as_bytes());
            }
            hex(&mac.finalize().into_bytes())
        };
        let authorization = [
            "AWS4-HMAC-SHA256 Credential=",
            credentials.access_key_id(),
            "/",
            &scope,
            ", SignedHeaders=",
            &signed_names,
            ", Signature=",
            &signature,
        ]
        .concat();
        let mut authorization = HeaderValue::from_str(&authorization)?;
        authorization.set_sensitive(true);
        request.headers_mut().insert("authorization", authorization);
        Ok(())
    }
}

/// The reference way, for requests outside the fast path's shape.
fn sign_with_aws_sigv4(
    request: &mut http::Request<impl Sized>,
    body: SignableBody<'_>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    now: SystemTime,
) -> Result<(), SigningError> {
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(now)
        .settings(SigningSettings::default())
        .build()?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), header_text(name.as_str(), value)?)))
        .collect::<Result<Vec<_>, SigningError>>()?;
    let signable = SignableRequest::new(
        request.method().as_str(),
        request.uri().to_string(),
        headers.into_iter(),
        body,
    )?;
    let (instructions, _) = aws_sigv4::http_request::sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// A header's value as the text SigV4 signs: its bytes, which are UTF-8
/// wherever a generated input set them (beyond ASCII too, as the AWS SDKs
/// send and sign them); a value of other bytes (set by hand) is an error
/// naming the header.
fn header_text<'a>(name: &str, value: &'a HeaderValue) -> Result<&'a str, SigningError> {
    std::str::from_utf8(value.as_bytes()).map_err(|_| {
        format!("the value of header `{name}` is not UTF-8 text, which SigV4 signs").into()
    })
}

/// Whether SigV4's path encoding and normalization leave `path` as it is.
fn is_plain_path(path: &str) -> bool {
    path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'/' | b'.'))
        // A byte scan rather than `str::contains`, whose substring search
        // would be compiled into this crate for one two-byte needle.
        && !path.as_bytes().windows(2).any(|pair| pair == b"//")
        && path
            .split('/')
            .all(|segment| segment != "." && segment != "..")
}

/// A header value trimmed, with runs of spaces made one, as SigV4 asks.
fn push_collapsed(out: &mut String, value: &str) {
    // Most values have nothing to collapse: they go as they are.
    if !value.starts_with(' ') && !value.ends_with(' ') && !value.contains("  ") {
        out.push_str(value);
        return;
    }
    let mut words = value.split(' ').filter(|w| !w.is_empty());
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
}

/// What SigV4 signs of a body: the SHA-256 of its bytes, or, for a stream
/// (`None`), whose bytes are not known until it is sent, that it is unsigned.
pub(crate) fn payload_hash(body: Option<&[u8]>) -> String {
    body.map_or_else(|| UNSIGNED_PAYLOAD.to_owned(), hex_sha256)
}

/// The payload hash of a body SigV4 leaves unsigned.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

fn hex_sha256(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Lowercase hexadecimal, as SigV4 writes digests and signatures.
fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits: Vec<u8> = bytes
        .iter()
        .flat_map(|byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]])
        .collect();
    String::from_utf8(digits).expect("hexadecimal digits are ASCII")
}

/// `YYYYMMDD` and `YYYYMMDD'T'HHMMSS'Z'` of a time, in UTC.
fn amz_date(time: SystemTime) -> Result<(String, String), SigningError> {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| "the clock is before 1970")?
        .as_secs();
    let days = i64::try_from(seconds / 86_400)?;
    let (year, month, day) = civil_from_days(days);
    let year = u64::try_from(year)
        .ok()
        .filter(|year| *year <= 9999)
        .ok_or("the clock is past the year 9999")?;
    let second_of_day = seconds % 86_400;
    let mut date = String::with_capacity(8);
    push_digits(&mut date, year, 4);
    push_digits(&mut date, u64::from(month), 2);
    push_digits(&mut date, u64::from(day), 2);
    let mut date_time = String::with_capacity(16);
    date_time.push_str(&date);
    date_time.push('T');
    push_digits(&mut date_time, second_of_day / 3600, 2);
    push_digits(&mut date_time, second_of_day / 60 % 60, 2);
    push_digits(&mut date_time, second_of_day % 60, 2);
    date_time.push('Z');
    Ok((date, date_time))
}

/// The last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u64, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u64.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * month_index + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    })
    .unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Duration;

    fn request(path: &str, extra: &[(String, String)]) -> http::Request<()> {
        let mut builder = http::Request::builder()
            .method("POST")
            .uri(format!(
                "https://identity-chime.us-east-1.amazonaws.com{path}"
            ))
            .header("host", "identity-chime.us-east-1.amazonaws.com")
            .header("content-type", "application/json")
            .header("user-agent", "chime-rs/test");
        for (name, value) in extra {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(()).unwrap()
    }

    fn signed_headers(request: &http::Request<()>) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(n, v)| {
                let value = std::str::from_utf8(v.as_bytes()).unwrap();
                (n.as_str().to_owned(), value.to_owned())
            })
            .collect();
        headers.sort();
        headers
    }

    #[test]
    fn dates_past_9999_are_refused_not_misformatted() {
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_800); // 10000-01-01
        assert!(amz_date(far).is_err());
        let last = SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_799);
        assert_eq!(amz_date(last).unwrap().1, "99991231T235959Z");
    }

    #[test]
    fn dates_format_in_utc() {
        let at = |s: u64| amz_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s)).unwrap();
        assert_eq!(at(0), ("19700101".into(), "19700101T000000Z".into()));
        assert_eq!(
            at(1_440_938_160),
            ("20150830".into(), "20150830T123600Z".into())
        );
        assert_eq!(
            at(1_709_251_199),
            ("20240229".into(), "20240229T235959Z".into())
        );
        assert_eq!(
            at(4_102_444_800),
            ("21000101".into(), "21000101T000000Z".into())
        );
    }

    #[test]
    fn unusual_paths_take_the_reference_way() {
        assert!(is_plain_path("/app-instances"));
        assert!(is_plain_path("/base/app-instances"));
        assert!(!is_plain_path("/a%20b/app-instances"));
        assert!(!is_plain_path("/a//app-instances"));
        assert!(!is_plain_path("/a/../app-instances"));
    }

    fn header_value() -> impl Strategy<Value = String> {
        // Printable text with runs of spaces, which SigV4 collapses, and
        // characters beyond ASCII, which go as their UTF-8 bytes.
        "[ -~é€ü漢]{0,20}".prop_map(|v| v.trim().to_owned())
    }

    proptest! {
        #[test]
        fn collapsing_keeps_the_words_and_one_space_between_them(value in "[ ab]{0,12}") {
            let mut out = String::new();
            push_collapsed(&mut out, &value);
            let words: Vec<&str> = value.split(' ').filter(|w| !w.is_empty()).collect();
            prop_assert_eq!(out, words.join(" "));
        }
    }

    proptest! {
        #[test]
        fn the_fast_path_signs_exactly_as_aws_sigv4(
            body in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
            seconds in 0u64..4_000_000_000,
            session in proptest::option::of("[A-Za-z0-9/+=]{1,40}"),
            extra in proptest::collection::vec(("x-extra-[a-c]", header_value()), 0..3),
            path in prop_oneof![Just("/app-instances"), Just("/base/app-instances"), Just("/a%20b/app-instances")],
        ) {
            let credentials = Credentials::new("AKIDTEST", "secret/key+1", session, None, "test");
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
            let signer = Signer::default();
            // Twice: the second time with the remembered key.
            for _ in 0..2 {
                let mut ours = request(path, &extra);
                let hash = payload_hash(body.as_deref());
                signer.sign(&mut ours, &hash, &credentials, "us-east-1", "chime", now).unwrap();
                let mut reference = request(path, &extra);
                let signable = body.as_deref().map_or(SignableBody::UnsignedPayload, SignableBody::Bytes);
                sign_with_aws_sigv4(&mut reference, signable, &credentials, "us-east-1", "chime", now).unwrap();
                prop_assert_eq!(signed_headers(&ours), signed_headers(&reference));
            }
        }
    }

    #[test]
    fn a_value_that_is_not_utf8_is_refused_naming_its_header() {
        let credentials = Credentials::new("AKIDTEST", "secret", None, None, "test");
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        for path in ["/app-instances", "/a%20b/app-instances"] {
            let mut request = request(path, &[]);
            request.headers_mut().insert(
                "x-amz-chime-bearer",
                HeaderValue::from_bytes(b"arn:\xff").unwrap(),
            );
            let error = Signer::default()
                .sign(
                    &mut request,
                    "UNSIGNED-PAYLOAD",
                    &credentials,
                    "us-east-1",
                    "chime",
                    now,
                )
                .unwrap_err();
            assert_eq!(
                error.to_string(),
                "the value of header `x-amz-chime-bearer` is not UTF-8 text, which SigV4 signs",
                "{path}"
            );
        }
    }

    #[test]
    fn a_new_day_or_secret_derives_a_new_key() {
        let signer = Signer::default();
        let day = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let sign = |secret: &str, now: SystemTime| {
            let credentials = Credentials::new("AKIDTEST", secret, None, None, "test");
            let mut ours = request("/app-instances", &[]);
            signer
                .sign(
                    &mut ours,
                    &payload_hash(Some(b"{}")),
                    &credentials,
                    "us-east-1",
                    "chime",
                    now,
                )
                .unwrap();
            let mut reference = request("/app-instances", &[]);
            sign_with_aws_sigv4(
                &mut reference,
                SignableBody::Bytes(b"{}"),
                &credentials,
                "us-east-1",
                "chime",
                now,
            )
            .unwrap();
            assert_eq!(signed_headers(&ours), signed_headers(&reference));
        };
        sign("first", day);
        sign("second", day);
        sign("second", day + Duration::from_secs(86_400));
    }
}
