//! The functions of the rules engine's standard library and of its AWS
//! library that compiled endpoint rules call, beside `aws.partition`.
//!
//! Each takes what a rule set can pass (strings, booleans) and answers as
//! the specification says, `None` where a function's result is unset. They
//! read values from callers and from inputs, so none panics on any text.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

/// `isValidHostLabel`: whether `value` is one DNS label (1 to 63 letters,
/// digits and hyphens, not starting with a hyphen), or, where `subdomains`
/// allows, labels of that kind joined by dots.
pub fn is_valid_host_label(value: &str, subdomains: bool) -> bool {
    if subdomains {
        value
            .split('.')
            .all(|label| is_valid_host_label(label, false))
    } else {
        (1..=63).contains(&value.len())
            && !value.starts_with('-')
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }
}

/// `aws.isVirtualHostableS3Bucket`: whether `value` can be the first label
/// (or labels, where `subdomains` allows) of a virtual-hosted-style S3
/// host: 3 to 63 lower-case letters, digits and hyphens (and dots), each
/// label a host label that starts and ends with a letter or digit, and not
/// an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, subdomains: bool) -> bool {
    let lower_label = |label: &str| {
        is_valid_host_label(label, false)
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let labels_valid = if subdomains {
        value.split('.').all(lower_label)
    } else {
        lower_label(value)
    };
    (3..=63).contains(&value.len()) && labels_valid && value.parse::<Ipv4Addr>().is_err()
}

/// `substring`: the characters of `input` from `start` to `stop` (not
/// included), counted from the end where `reverse`; unset where the range
/// is empty or past the end, or where `input` is not ASCII.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if start >= stop || input.len() < stop || !input.is_ascii() {
        return None;
    }
    let (from, to) = match reverse {
        true => (input.len() - stop, input.len() - start),
        false => (start, stop),
    };
    input.get(from..to)
}

/// `uriEncode`: `value` with every byte but the unreserved characters of
/// RFC 3986 (letters, digits, `-`, `.`, `_`, `~`) percent-encoded.
pub fn uri_encode(value: &str) -> Cow<'_, str> {
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if value.bytes().all(unreserved) {
        return Cow::Borrowed(value);
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    Cow::Owned(out)
}

/// What `parseURL` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// The host, with its port where the URL gives one.
    pub authority: String,
    /// The path as the URL writes it, empty where it has none.
    pub path: String,
    /// The path with a `/` at its start and end.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// `parseURL`: the parts of an `http` or `https` URL; unset for anything
/// else, a URL with a query or fragment among them.
pub fn parse_url(value: &str) -> Option<Url> {
    let (scheme, rest) = value.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains(['@', ' ']) {
        return None;
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        let (address, after) = bracketed.split_once(']')?;
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        if !port_ok || address.parse::<Ipv6Addr>().is_err() {
            return None;
        }
        authority
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if is_port(port) => host,
            Some(_) => return None,
            None => authority,
        }
    };
    let is_ip = host.starts_with('[') || host.parse::<Ipv4Addr>().is_ok();
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// Whether `digits` is a port number.
fn is_port(digits: &str) -> bool {
    !digits.is_empty() && digits.parse::<u16>().is_ok()
}

/// What `aws.parseArn` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// The partition, e.g. `aws`.
    pub partition: String,
    /// The service, e.g. `s3`.
    pub service: String,
    /// The region, empty for a global resource.
    pub region: String,
    /// The account, empty where the resource has none.
    pub account_id: String,
    /// The resource, split at each `:` and `/`.
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: the parts of `arn:partition:service:region:account:resource`;
/// unset where `value` is no ARN (the partition, service or resource empty).
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn host_labels() {
        for valid in ["a", "a-b", "0abc", "abc-", &"x".repeat(63)] {
            assert!(is_valid_host_label(valid, false), "{valid}");
        }
        for invalid in ["", "-a", "a.b", "a_b", &"x".repeat(64), "é"] {
            assert!(!is_valid_host_label(invalid, false), "{invalid}");
        }
        assert!(is_valid_host_label("a.b-c.d", true));
        for invalid in ["a..b", ".a", "a.", "a.-b"] {
            assert!(!is_valid_host_label(invalid, true), "{invalid}");
        }
    }

    #[test]
    fn virtual_hostable_buckets() {
        for valid in ["abc", "my-bucket-1", "a1b"] {
            assert!(is_virtual_hostable_s3_bucket(valid, false), "{valid}");
        }
        for invalid in [
            "ab",
            "ABC",
            "abc-",
            "-abc",
            "a.bc",
            "192.168.0.1",
            &"x".repeat(64),
        ] {
            assert!(!is_virtual_hostable_s3_bucket(invalid, false), "{invalid}");
        }
        assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
        assert!(!is_virtual_hostable_s3_bucket("my..bucket", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.0.1", true));
    }

    #[test]
    fn substrings_from_either_end() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
        assert_eq!(substring("abcd", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abé", 0, 1, false), None);
    }

    #[test]
    fn uri_encoding_keeps_unreserved_characters_only() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("a b/c?d=é"), "a%20b%2Fc%3Fd%3D%C3%A9");
        assert!(matches!(uri_encode("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn urls_and_their_parts() {
        let url = parse_url("https://example.com:8443/a/b").unwrap();
        assert_eq!(
            (
                url.scheme.as_str(),
                url.authority.as_str(),
                url.path.as_str()
            ),
            ("https", "example.com:8443", "/a/b")
        );
        assert_eq!(url.normalized_path, "/a/b/");
        assert!(!url.is_ip);
        let bare = parse_url("http://example.com").unwrap();
        assert_eq!(
            (bare.path.as_str(), bare.normalized_path.as_str()),
            ("", "/")
        );
        assert!(parse_url("http://127.0.0.1:80/").unwrap().is_ip);
        assert!(parse_url("http://[::1]:80").unwrap().is_ip);
        for refused in [
            "ftp://example.com",
            "https://example.com?x=1",
            "https://example.com/#f",
            "example.com",
            "https://",
            "https://host:port",
            "https://[nope]",
            "https://user@host",
        ] {
            assert_eq!(parse_url(refused), None, "{refused}");
        }
    }

    #[test]
    fn arns_and_their_resources() {
        let arn = parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/my:ap").unwrap();
        assert_eq!(
            (
                arn.partition.as_str(),
                arn.service.as_str(),
                arn.region.as_str(),
                arn.account_id.as_str()
            ),
            ("aws", "s3", "us-west-2", "123456789012")
        );
        assert_eq!(arn.resource_id, ["accesspoint", "my", "ap"]);
        let global = parse_arn("arn:aws:iam:::role/x").unwrap();
        assert_eq!(
            (global.region.as_str(), global.account_id.as_str()),
            ("", "")
        );
        for refused in [
            "arn:aws:s3:::",
            "arn::s3:r:a:res",
            "arn:aws::r:a:res",
            "nope:aws:s3:r:a:b",
            "arn:aws:s3",
        ] {
            assert_eq!(parse_arn(refused), None, "{refused}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_answered_without_panicking(text in "\\PC{0,40}", flag in any::<bool>(), a in 0usize..50, b in 0usize..50) {
            let _ = is_valid_host_label(&text, flag);
            let _ = is_virtual_hostable_s3_bucket(&text, flag);
            let _ = substring(&text, a, b, flag);
            let _ = parse_url(&text);
            let _ = parse_arn(&text);
            // What encoding gives is unreserved characters and escapes alone.
            let encoded = uri_encode(&text);
            prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        }
    }
}
