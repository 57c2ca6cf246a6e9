//! A request case (`smithy.test#httpRequestTests`) and how a sent request
//! is compared with it.

use crate::capture::SentRequest;
use crate::json::json_equal;

/// What a request case says the client must send, as the case writes it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExpectedRequest<'a> {
    /// The method, e.g. `POST`.
    pub method: &'a str,
    /// The request target as it goes on the wire: its path, and pairs
    /// after a `?` that the query must hold, as `query_params`.
    pub uri: &'a str,
    /// The host the client must send to (`resolvedHost`), if the case says.
    pub resolved_host: Option<&'a str>,
    /// `key=value` pairs, percent-encoded, each of which the query must hold.
    pub query_params: &'a [&'a str],
    /// Keys the query must not hold.
    pub forbid_query_params: &'a [&'a str],
    /// Keys the query must hold, with any value.
    pub require_query_params: &'a [&'a str],
    /// Headers and their values as they go on the wire.
    pub headers: &'a [(&'a str, &'a str)],
    /// Header names the request must not carry.
    pub forbid_headers: &'a [&'a str],
    /// Header names the request must carry, with any value.
    pub require_headers: &'a [&'a str],
    /// The body: `None` asserts nothing, `Some("")` that there is none.
    pub body: Option<&'a str>,
    /// How to compare the body: JSON media types as values, any other
    /// byte for byte.
    pub body_media_type: Option<&'a str>,
}

impl ExpectedRequest<'_> {
    /// Every way `sent` differs from this case, in the order the case's
    /// properties are listed; empty when it matches.
    pub fn mismatches(&self, sent: &SentRequest) -> Vec<String> {
        let mut found = Vec::new();
        if sent.method != self.method {
            found.push(format!(
                "method: expected {}, sent {}",
                self.method, sent.method
            ));
        }
        let path = self.uri.split_once('?').map_or(self.uri, |(path, _)| path);
        if sent.path() != path {
            found.push(format!("uri: expected {path}, sent {}", sent.path()));
        }
        if let Some(host) = self.resolved_host
            && sent.host() != Some(host)
        {
            found.push(format!(
                "host: expected {host}, sent {}",
                sent.host().unwrap_or("none")
            ));
        }
        self.query_mismatches(sent, &mut found);
        self.header_mismatches(sent, &mut found);
        if let Some(body) = self.body {
            self.body_mismatch(body, &sent.body, &mut found);
        }
        found
    }

    fn query_mismatches(&self, sent: &SentRequest, found: &mut Vec<String>) {
        let mut unclaimed: Vec<&str> = sent.query_pairs();
        let in_uri = self
            .uri
            .split_once('?')
            .map(|(_, query)| query.split('&').filter(|pair| !pair.is_empty()));
        for pair in in_uri
            .into_iter()
            .flatten()
            .chain(self.query_params.iter().copied())
        {
            match unclaimed.iter().position(|sent| *sent == pair) {
                Some(at) => {
                    unclaimed.remove(at);
                }
                None => found.push(format!(
                    "query: expected `{pair}`, sent `{}`",
                    sent.query().unwrap_or_default()
                )),
            }
        }
        let has_key = |key: &str| sent.query_pairs().iter().any(|pair| query_key(pair) == key);
        for key in self.forbid_query_params {
            if has_key(key) {
                found.push(format!("query: `{key}` is forbidden, but was sent"));
            }
        }
        for key in self.require_query_params {
            if !has_key(key) {
                found.push(format!("query: `{key}` is required, but was not sent"));
            }
        }
    }

    fn header_mismatches(&self, sent: &SentRequest, found: &mut Vec<String>) {
        for (name, value) in self.headers {
            match sent.header(name) {
                Some(sent) if sent == *value => {}
                Some(sent) => found.push(format!(
                    "header `{name}`: expected `{value}`, sent `{sent}`"
                )),
                None => found.push(format!("header `{name}`: expected `{value}`, not sent")),
            }
        }
        for name in self.forbid_headers {
            if let Some(value) = sent.header(name) {
                found.push(format!(
                    "header `{name}` is forbidden, but was sent as `{value}`"
                ));
            }
        }
        for name in self.require_headers {
            if sent.header(name).is_none() {
                found.push(format!("header `{name}` is required, but was not sent"));
            }
        }
    }

    fn body_mismatch(&self, expected: &str, sent: &[u8], found: &mut Vec<String>) {
        let shown = String::from_utf8_lossy(sent);
        if expected.is_empty() {
            if !sent.is_empty() {
                found.push(format!("body: expected none, sent `{shown}`"));
            }
            return;
        }
        let same = if self.body_media_type.is_some_and(is_json) {
            std::str::from_utf8(sent).is_ok_and(|sent| json_equal(expected, sent))
        } else {
            expected.as_bytes() == sent
        };
        if !same {
            found.push(format!("body: expected `{expected}`, sent `{shown}`"));
        }
    }
}

/// `application/json` and any `+json` or `-json-` media type, such as
/// `application/x-amz-json-1.1`, without its parameters.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json") || essence.contains("-json")
}

/// The key of a `key=value` query pair (the whole pair when it has no `=`).
fn query_key(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(key, _)| key)
}

#[cfg(test)]
mod tests {
    use super::{ExpectedRequest, is_json};
    use crate::capture::SentRequest;
    use proptest::prelude::*;

    fn sent(uri: &str, headers: &[(&str, &str)], body: &str) -> SentRequest {
        SentRequest {
            method: "POST".to_owned(),
            uri: uri.to_owned(),
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn case() -> ExpectedRequest<'static> {
        ExpectedRequest {
            method: "POST",
            uri: "/path/a%20b",
            ..ExpectedRequest::default()
        }
    }

    #[test]
    fn method_path_and_host_must_match() {
        let request = sent("https://prefix.example.com/path/a%20b?x=1", &[], "");
        assert!(case().mismatches(&request).is_empty());
        let other = ExpectedRequest {
            method: "PUT",
            uri: "/path/a b",
            resolved_host: Some("example.com"),
            ..case()
        };
        assert_eq!(
            other.mismatches(&request),
            [
                "method: expected PUT, sent POST",
                "uri: expected /path/a b, sent /path/a%20b",
                "host: expected example.com, sent prefix.example.com",
            ]
        );
        let host = ExpectedRequest {
            resolved_host: Some("prefix.example.com"),
            ..case()
        };
        assert!(host.mismatches(&request).is_empty());
    }

    /// A case's `uri` is a request target: where it has a query, its path
    /// is compared with the path, and its pairs must be in the query.
    #[test]
    fn a_uri_with_a_query_holds_pairs_the_query_must_have() {
        let with_query = ExpectedRequest {
            uri: "/path/a%20b?def=efg",
            ..case()
        };
        let request = sent("https://h/path/a%20b?x=1&def=efg", &[], "");
        assert!(with_query.mismatches(&request).is_empty());
        let without = sent("https://h/path/a%20b?x=1", &[], "");
        assert_eq!(
            with_query.mismatches(&without),
            ["query: expected `def=efg`, sent `x=1`"]
        );
        let elsewhere = sent("https://h/path/other?def=efg", &[], "");
        assert_eq!(
            with_query.mismatches(&elsewhere),
            ["uri: expected /path/a%20b, sent /path/other"]
        );
    }

    #[test]
    fn each_expected_query_pair_is_sent_as_often_as_it_is_listed() {
        let request = sent("https://h/path/a%20b?list=a&list=a&flag&k=v%2Fw", &[], "");
        let expected = ExpectedRequest {
            query_params: &["list=a", "list=a", "flag", "k=v%2Fw"],
            require_query_params: &["flag", "list"],
            forbid_query_params: &["missing"],
            ..case()
        };
        assert!(expected.mismatches(&request).is_empty());
        let three = ExpectedRequest {
            query_params: &["list=a", "list=a", "list=a"],
            ..case()
        };
        assert_eq!(
            three.mismatches(&request),
            ["query: expected `list=a`, sent `list=a&list=a&flag&k=v%2Fw`"]
        );
        let wrong = ExpectedRequest {
            query_params: &["k=v/w"],
            forbid_query_params: &["flag"],
            require_query_params: &["other"],
            ..case()
        };
        assert_eq!(
            wrong.mismatches(&request),
            [
                "query: expected `k=v/w`, sent `list=a&list=a&flag&k=v%2Fw`",
                "query: `flag` is forbidden, but was sent",
                "query: `other` is required, but was not sent",
            ]
        );
    }

    #[test]
    fn headers_are_named_in_any_case_and_repeated_ones_are_joined() {
        let request = sent(
            "https://h/path/a%20b",
            &[
                ("X-List", "a"),
                ("x-list", "b"),
                ("Content-Type", "application/json"),
            ],
            "",
        );
        let expected = ExpectedRequest {
            headers: &[("x-list", "a, b"), ("content-type", "application/json")],
            require_headers: &["X-LIST"],
            forbid_headers: &["x-other"],
            ..case()
        };
        assert!(expected.mismatches(&request).is_empty());
        let wrong = ExpectedRequest {
            headers: &[("x-list", "a"), ("x-missing", "1")],
            require_headers: &["x-missing"],
            forbid_headers: &["content-type"],
            ..case()
        };
        assert_eq!(
            wrong.mismatches(&request),
            [
                "header `x-list`: expected `a`, sent `a, b`",
                "header `x-missing`: expected `1`, not sent",
                "header `content-type` is forbidden, but was sent as `application/json`",
                "header `x-missing` is required, but was not sent",
            ]
        );
    }

    #[test]
    fn bodies_compare_by_media_type_and_an_empty_one_means_none() {
        let json = sent("https://h/path/a%20b", &[], r#"{"b": 2, "a": 1}"#);
        let as_json = ExpectedRequest {
            body: Some(r#"{"a":1,"b":2}"#),
            body_media_type: Some("application/json"),
            ..case()
        };
        assert!(as_json.mismatches(&json).is_empty());
        let as_bytes = ExpectedRequest {
            body_media_type: Some("application/octet-stream"),
            ..as_json
        };
        assert_eq!(
            as_bytes.mismatches(&json),
            [r#"body: expected `{"a":1,"b":2}`, sent `{"b": 2, "a": 1}`"#]
        );
        let untyped = ExpectedRequest {
            body_media_type: None,
            ..as_json
        };
        assert_eq!(untyped.mismatches(&json).len(), 1);
        let none = ExpectedRequest {
            body: Some(""),
            ..case()
        };
        assert_eq!(
            none.mismatches(&json),
            [r#"body: expected none, sent `{"b": 2, "a": 1}`"#]
        );
        assert!(
            none.mismatches(&sent("https://h/path/a%20b", &[], ""))
                .is_empty()
        );
        // No body in the case asserts nothing about it.
        assert!(case().mismatches(&json).is_empty());
    }

    #[test]
    fn json_media_types_are_recognised_without_their_parameters() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/vnd.api+json"));
        assert!(is_json("application/x-amz-json-1.1"));
        assert!(!is_json("application/octet-stream"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/xml"));
    }

    proptest! {
        /// A request built from any case matches it, and a query pair
        /// that was not sent is always reported.
        #[test]
        fn a_request_made_from_a_case_matches_it(
            path in "(/[a-z0-9%]{0,6}){1,3}",
            pairs in prop::collection::vec("[a-z]{1,3}(=[a-z0-9%]{0,3})?", 0..5),
            headers in prop::collection::vec(("x-[a-z]{1,4}", "[ -~]{0,6}"), 0..4),
        ) {
            let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
            let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.trim())).collect();
            let distinct: Vec<(&str, &str)> = header_refs
                .iter()
                .filter(|(name, _)| header_refs.iter().filter(|(other, _)| other == name).count() == 1)
                .copied()
                .collect();
            let request = sent(&format!("https://example.com{path}{query}"), &header_refs, "");
            let pair_refs: Vec<&str> = pairs.iter().map(String::as_str).collect();
            let expected = ExpectedRequest {
                method: "POST",
                uri: &path,
                resolved_host: Some("example.com"),
                query_params: &pair_refs,
                headers: &distinct,
                ..ExpectedRequest::default()
            };
            prop_assert!(expected.mismatches(&request).is_empty(), "{:?}", expected.mismatches(&request));
            let missing = ExpectedRequest { query_params: &["zzzz=1"], ..expected };
            prop_assert_eq!(missing.mismatches(&request).len(), 1);
        }
    }
}
