//! What a response gives an output or an error beyond its JSON body:
//! members bound to headers (`@httpHeader`, `@httpPrefixHeaders`), to the
//! status code (`@httpResponseCode`), and to the whole body
//! (`@httpPayload`), read as restJson1 writes them.
//!
//! Header values come from the network: an error names the header and the
//! member, and shows the value only bounded and escaped.

use crate::builders::Structure;
use crate::json::JsonError;
use crate::untrusted::UntrustedText;
use aws_smithy_types::date_time::{DateTime, Format};
use std::fmt;

/// A response that does not read as its structure: its body, or a header
/// bound to one of its members.
#[derive(Debug)]
pub enum ResponseError {
    /// The body is not the structure's JSON.
    Body(JsonError),
    /// The body of a member bound to it (`@httpPayload`) does not hold a
    /// value of its type.
    Payload {
        /// The member.
        member: &'static str,
        /// What the member's type needs, and what the body held.
        why: String,
    },
    /// A header bound to a member does not hold a value of its type.
    Header {
        /// The header's name.
        header: &'static str,
        /// The member it is bound to.
        member: &'static str,
        /// What the member's type needs, and what the header held.
        why: String,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Body(error) => error.fmt(f),
            ResponseError::Header {
                header,
                member,
                why,
            } => write!(f, "invalid `{header}` header (member `{member}`): {why}"),
            ResponseError::Payload { member, why } => {
                write!(f, "invalid body (member `{member}`, bound to it): {why}")
            }
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Body(error) => Some(error),
            ResponseError::Header { .. } | ResponseError::Payload { .. } => None,
        }
    }
}

impl From<JsonError> for ResponseError {
    fn from(error: JsonError) -> Self {
        ResponseError::Body(error)
    }
}

impl From<crate::BuildError> for ResponseError {
    fn from(error: crate::BuildError) -> Self {
        ResponseError::Body(error.into())
    }
}

/// The members of an operation's output or of an error that the response's
/// status and headers carry. A structure without any has nothing to read:
/// the runtime's macros give it the empty implementation.
pub trait ResponseBindings: Structure {
    /// Whether one member is the whole body (`@httpPayload`), which
    /// [`read_payload`](Self::read_payload) reads, rather than the body
    /// being the structure's JSON object.
    const PAYLOAD: bool = false;

    /// Fills the member bound to the body into `builder`, where [`PAYLOAD`](Self::PAYLOAD).
    fn read_payload(builder: &mut Self::Builder, body: &[u8]) -> Result<(), ResponseError> {
        let _ = (builder, body);
        Ok(())
    }

    /// Fills the bound members into `builder` from the response.
    fn read_bindings(
        builder: &mut Self::Builder,
        status: u16,
        headers: &http::HeaderMap,
    ) -> Result<(), ResponseError> {
        let _ = (builder, status, headers);
        Ok(())
    }
}

/// Reads the body into `builder`: one member's payload where the
/// structure has one, else the structure's JSON object (`shape` names it
/// in errors).
pub fn read_body<T: crate::json::JsonStructure + ResponseBindings>(
    builder: &mut T::Builder,
    body: &[u8],
    shape: &str,
) -> Result<(), ResponseError> {
    if T::PAYLOAD {
        T::read_payload(builder, body)
    } else {
        Ok(crate::json::read_body_into::<T>(builder, body, shape)?)
    }
}

/// A structure (or other JSON value) that is the whole body; `None` for
/// an empty body or `null`.
pub fn payload_json<T: crate::json::ReadJson>(
    body: &[u8],
    member: &'static str,
) -> Result<Option<T>, ResponseError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let mut tokens = crate::json::tokens(body);
    let value = T::read_json(&mut tokens, member)?;
    crate::json::expect_end(&mut tokens)?;
    Ok(value)
}

/// A blob that is the whole body, as it is; `None` for an empty body.
pub fn payload_blob(body: &[u8]) -> Option<aws_smithy_types::Blob> {
    (!body.is_empty()).then(|| aws_smithy_types::Blob::new(body))
}

/// A string or enum that is the whole body, as UTF-8 text; `None` for an
/// empty body.
pub fn payload_text<T: FromHeaderText>(
    body: &[u8],
    member: &'static str,
) -> Result<Option<T>, ResponseError> {
    if body.is_empty() {
        return Ok(None);
    }
    let text = std::str::from_utf8(body).map_err(|_| ResponseError::Payload {
        member,
        why: "the body is not UTF-8".to_owned(),
    })?;
    T::from_header_text(text)
        .map(Some)
        .ok_or_else(|| ResponseError::Payload {
            member,
            why: format!("expected {}, found `{}`", T::EXPECTED, UntrustedText(text)),
        })
}

/// A value a header can hold: its text as restJson1 writes it.
pub trait FromHeaderText: Sized {
    /// What the text must be, for an error.
    const EXPECTED: &'static str;

    /// The value the text spells, if it spells one.
    fn from_header_text(text: &str) -> Option<Self>;
}

impl FromHeaderText for String {
    const EXPECTED: &'static str = "text";

    fn from_header_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromHeaderText for bool {
    const EXPECTED: &'static str = "`true` or `false`";

    fn from_header_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! integer_from_header {
    ($($ty:ty),*) => {$(
        impl FromHeaderText for $ty {
            const EXPECTED: &'static str = concat!("an integer within `", stringify!($ty), "`");

            fn from_header_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
        }
    )*};
}

integer_from_header!(i8, i16, i32, i64);

/// A big number in a header is its decimal text.
impl<T: crate::big_numbers::BigNumber> FromHeaderText for T {
    const EXPECTED: &'static str = T::EXPECTED;

    fn from_header_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// A blob in a header is its base64 text.
impl FromHeaderText for aws_smithy_types::Blob {
    const EXPECTED: &'static str = "base64 text";

    fn from_header_text(text: &str) -> Option<Self> {
        aws_smithy_types::base64::decode(text)
            .ok()
            .map(aws_smithy_types::Blob::new)
    }
}

/// `NaN`, `Infinity` and `-Infinity` as restJson1 spells them, or a number.
fn float_from_header(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        // Rust also reads `inf` and `nan`, which restJson1 does not write.
        _ if text
            .bytes()
            .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E')) =>
        {
            None
        }
        _ => text.parse().ok(),
    }
}

impl FromHeaderText for f64 {
    const EXPECTED: &'static str = "a number, `NaN`, `Infinity` or `-Infinity`";

    fn from_header_text(text: &str) -> Option<Self> {
        float_from_header(text)
    }
}

impl FromHeaderText for f32 {
    const EXPECTED: &'static str = "a number, `NaN`, `Infinity` or `-Infinity`";

    fn from_header_text(text: &str) -> Option<Self> {
        // The nearest `f32`, as a JSON number is read into one.
        float_from_header(text).map(|value| value as f32)
    }
}

/// The header's value, its repetitions joined with `, `; `None` when the
/// response has no such header.
fn joined(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
) -> Result<Option<String>, ResponseError> {
    joined_values(headers, header).map_err(|NotUtf8| ResponseError::Header {
        header,
        member,
        why: "the value is not UTF-8".to_owned(),
    })
}

/// A header value that is not UTF-8: RFC 9110 allows any octet, but a
/// member's text must be UTF-8.
struct NotUtf8;

fn joined_values(headers: &http::HeaderMap, name: &str) -> Result<Option<String>, NotUtf8> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = std::str::from_utf8(value.as_bytes()).map_err(|_| NotUtf8)?;
        match &mut joined {
            Some(joined) => {
                joined.push_str(", ");
                joined.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
    }
    Ok(joined)
}

fn invalid(
    header: &'static str,
    member: &'static str,
    expected: &str,
    text: &str,
) -> ResponseError {
    ResponseError::Header {
        header,
        member,
        why: format!("expected {expected}, found `{}`", UntrustedText(text)),
    }
}

/// A member bound to `header`; `None` when the response does not carry it.
pub fn header<T: FromHeaderText>(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
) -> Result<Option<T>, ResponseError> {
    let Some(text) = joined(headers, header, member)? else {
        return Ok(None);
    };
    let value = text.trim();
    T::from_header_text(value)
        .map(Some)
        .ok_or_else(|| invalid(header, member, T::EXPECTED, value))
}

/// An `@httpPrefixHeaders` member: every header whose name starts with
/// `prefix` (as header names are compared, without regard to case), keyed
/// by the rest of its name in lower case, its repetitions joined with
/// `, `; `None` when the response has no such header. An error names the
/// header and shows its value, unless the member is `sensitive`.
pub fn prefix_headers<T: FromHeaderText>(
    headers: &http::HeaderMap,
    prefix: &'static str,
    member: &'static str,
    sensitive: bool,
) -> Result<Option<std::collections::HashMap<String, T>>, ResponseError> {
    let mut map = std::collections::HashMap::new();
    for name in headers.keys() {
        let name = name.as_str();
        let Some(key) = name
            .get(..prefix.len())
            .filter(|start| start.eq_ignore_ascii_case(prefix))
            .and_then(|_| name.get(prefix.len()..))
        else {
            continue;
        };
        let prefixed = |why: String| ResponseError::Header {
            header: prefix,
            member,
            why: if sensitive {
                format!("a header, not shown as the member is sensitive: {why}")
            } else {
                format!("`{}`: {why}", UntrustedText(name))
            },
        };
        let text = joined_values(headers, name)
            .map_err(|NotUtf8| prefixed("the value is not UTF-8".to_owned()))?
            .unwrap_or_default();
        let text = text.trim();
        let value = T::from_header_text(text).ok_or_else(|| {
            prefixed(if sensitive {
                format!("expected {}", T::EXPECTED)
            } else {
                format!("expected {}, found `{}`", T::EXPECTED, UntrustedText(text))
            })
        })?;
        map.insert(key.to_owned(), value);
    }
    Ok((!map.is_empty()).then_some(map))
}

/// A `@mediaType` string bound to `header`, which travels as base64:
/// the UTF-8 text it encodes; `None` when the response does not carry it.
pub fn header_base64_text(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
) -> Result<Option<String>, ResponseError> {
    let Some(blob) = self::header::<aws_smithy_types::Blob>(headers, header, member)? else {
        return Ok(None);
    };
    String::from_utf8(blob.into_inner())
        .map(Some)
        .map_err(|_| ResponseError::Header {
            header,
            member,
            why: "the base64 value does not encode UTF-8 text".to_owned(),
        })
}

/// A list member bound to `header`: the items of its comma-separated
/// value, a quoted item (RFC 9110) unquoted; `None` when the response does
/// not carry it.
pub fn header_list<T: FromHeaderText>(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
) -> Result<Option<Vec<T>>, ResponseError> {
    let Some(text) = joined(headers, header, member)? else {
        return Ok(None);
    };
    split_list(&text)
        .iter()
        .map(|item| {
            T::from_header_text(item).ok_or_else(|| invalid(header, member, T::EXPECTED, item))
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

/// A timestamp member bound to `header`, in `format`.
pub fn header_timestamp(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
    format: Format,
) -> Result<Option<DateTime>, ResponseError> {
    let Some(text) = joined(headers, header, member)? else {
        return Ok(None);
    };
    timestamp(text.trim(), format, header, member).map(Some)
}

/// A list of timestamps bound to `header`, in `format`. An HTTP date holds
/// a comma of its own (`Mon, 16 Dec 2019 23:48:18 GMT`), so a list of them
/// splits at every other comma.
pub fn header_timestamp_list(
    headers: &http::HeaderMap,
    header: &'static str,
    member: &'static str,
    format: Format,
) -> Result<Option<Vec<DateTime>>, ResponseError> {
    let Some(text) = joined(headers, header, member)? else {
        return Ok(None);
    };
    let pieces: Vec<&str> = text.split(',').map(str::trim).collect();
    let items: Vec<String> = if format == Format::HttpDate {
        pieces.chunks(2).map(|pair| pair.join(", ")).collect()
    } else {
        pieces.iter().map(|piece| (*piece).to_owned()).collect()
    };
    items
        .iter()
        .map(|item| timestamp(item, format, header, member))
        .collect::<Result<_, _>>()
        .map(Some)
}

fn timestamp(
    text: &str,
    format: Format,
    header: &'static str,
    member: &'static str,
) -> Result<DateTime, ResponseError> {
    let parse_as = match format {
        // RFC 3339 allows offsets; readers accept them.
        Format::DateTime => Format::DateTimeWithOffset,
        other => other,
    };
    DateTime::from_str(text, parse_as).map_err(|_| {
        let expected = match format {
            Format::EpochSeconds => "epoch seconds",
            Format::HttpDate => "an HTTP date",
            _ => "an RFC 3339 date-time",
        };
        invalid(header, member, expected, text)
    })
}

/// The items of a comma-separated header value, each trimmed; an item in
/// double quotes is unquoted, its backslash escapes undone, and may hold
/// commas. A value of only whitespace is an empty list.
pub fn split_list(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    // Whether the item began with a quote, and whether it is still open.
    let (mut quoted, mut open) = (false, false);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if open => item.extend(chars.next()),
            '"' if open => open = false,
            _ if open => item.push(c),
            ',' => {
                items.push(finished(&item, quoted));
                item.clear();
                quoted = false;
            }
            '"' if !quoted && item.trim().is_empty() => {
                item.clear();
                (quoted, open) = (true, true);
            }
            // What follows a closing quote before the comma is not the item's.
            _ if quoted => {}
            _ => item.push(c),
        }
    }
    items.push(finished(&item, quoted));
    items
}

fn finished(item: &str, quoted: bool) -> String {
    if quoted {
        item.to_owned()
    } else {
        item.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, http::HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn scalars_read_as_restjson1_writes_them() {
        let map = headers(&[
            ("x-bool", "true"),
            ("x-int", " -12 "),
            ("x-float", "NaN"),
            ("x-double", "-Infinity"),
            ("x-byte", "300"),
            ("x-text", "a, b"),
        ]);
        assert_eq!(header::<bool>(&map, "x-bool", "b").unwrap(), Some(true));
        assert_eq!(header::<i32>(&map, "x-int", "i").unwrap(), Some(-12));
        assert!(
            header::<f32>(&map, "x-float", "f")
                .unwrap()
                .unwrap()
                .is_nan()
        );
        assert_eq!(
            header::<f64>(&map, "x-double", "d").unwrap(),
            Some(f64::NEG_INFINITY)
        );
        assert_eq!(
            header::<String>(&map, "x-text", "t").unwrap().as_deref(),
            Some("a, b")
        );
        assert_eq!(header::<bool>(&map, "x-missing", "m").unwrap(), None);
        assert_eq!(
            header::<i8>(&map, "x-byte", "tiny")
                .unwrap_err()
                .to_string(),
            "invalid `x-byte` header (member `tiny`): expected an integer within `i8`, found `300`"
        );
        assert!(header::<f64>(&headers(&[("x", "inf")]), "x", "m").is_err());
        assert!(header::<bool>(&headers(&[("x", "TRUE")]), "x", "m").is_err());
    }

    /// Each spelling a header may have, one at a time: the two booleans,
    /// every float restJson1 writes (and only those: Rust's own `inf`
    /// spellings are refused), and big numbers digit for digit.
    #[test]
    fn each_scalar_spelling_reads_as_its_value() {
        let read_bool = |text| bool::from_header_text(text);
        assert_eq!(
            (read_bool("true"), read_bool("false"), read_bool("False")),
            (Some(true), Some(false), None)
        );
        let read_float = |text| <f64 as FromHeaderText>::from_header_text(text);
        assert_eq!(read_float("Infinity"), Some(f64::INFINITY));
        assert_eq!(read_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(read_float("12.5"), Some(12.5));
        assert_eq!(read_float("-1.5E3"), Some(-1500.0));
        assert_eq!(read_float("2e-2"), Some(0.02));
        for refused in ["infinity", "+inf", "nan", "1x", ""] {
            assert_eq!(read_float(refused), None, "{refused}");
        }
        let digits = "123456789012345678901234567890";
        let big = aws_smithy_types::BigInteger::from_header_text(digits).unwrap();
        assert_eq!(big.as_ref(), digits);
        assert!(aws_smithy_types::BigDecimal::from_header_text("1.5x").is_none());
    }

    #[test]
    fn an_invalid_body_is_the_error_s_source() {
        use std::error::Error as _;
        let body = ResponseError::from(JsonError::new("bad"));
        assert_eq!(
            body.source().map(ToString::to_string),
            Some(body.to_string())
        );
        let header = invalid("x-h", "m", "a number", "z");
        assert!(header.source().is_none());
    }

    #[test]
    fn a_repeated_header_is_one_list() {
        let map = headers(&[("x-list", "1, 2"), ("x-list", "3")]);
        assert_eq!(
            header_list::<i64>(&map, "x-list", "l").unwrap(),
            Some(vec![1, 2, 3])
        );
        let map = headers(&[("x-list", r#"a, "b,c", "say \"hi\"" , d"#)]);
        assert_eq!(
            header_list::<String>(&map, "x-list", "l").unwrap(),
            Some(vec![
                "a".to_owned(),
                "b,c".to_owned(),
                "say \"hi\"".to_owned(),
                "d".to_owned()
            ])
        );
        assert_eq!(
            header_list::<String>(&headers(&[("x", " ")]), "x", "l").unwrap(),
            Some(vec![])
        );
        // A quote inside an item that did not begin with one is the item's.
        assert_eq!(split_list(r#"a"b, c"#), ["a\"b", "c"]);
        assert_eq!(split_list(r#" "x" , y"z""#), ["x", "y\"z\""]);
    }

    #[test]
    fn timestamps_read_in_their_format_and_http_dates_split_at_every_other_comma() {
        let map = headers(&[
            (
                "x-date",
                "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
            ),
            ("x-epoch", "1576540098.5"),
            ("x-iso", "2019-12-16T23:48:18+01:00"),
        ]);
        let dates = header_timestamp_list(&map, "x-date", "d", Format::HttpDate)
            .unwrap()
            .unwrap();
        assert_eq!(
            dates.iter().map(DateTime::secs).collect::<Vec<_>>(),
            [1576540098, 1576626498]
        );
        let epoch = header_timestamp(&map, "x-epoch", "e", Format::EpochSeconds)
            .unwrap()
            .unwrap();
        assert_eq!(
            (epoch.secs(), epoch.subsec_nanos()),
            (1576540098, 500_000_000)
        );
        let iso = header_timestamp(&map, "x-iso", "i", Format::DateTime)
            .unwrap()
            .unwrap();
        assert_eq!(iso.secs(), 1576536498);
        assert_eq!(
            header_timestamp(&map, "x-iso", "when", Format::EpochSeconds)
                .unwrap_err()
                .to_string(),
            "invalid `x-iso` header (member `when`): expected epoch seconds, found `2019-12-16T23:48:18+01:00`"
        );
        assert_eq!(
            header_timestamp(&map, "x-epoch", "when", Format::HttpDate)
                .unwrap_err()
                .to_string(),
            "invalid `x-epoch` header (member `when`): expected an HTTP date, found `1576540098.5`"
        );
    }

    #[test]
    fn a_value_that_is_not_utf8_is_refused_naming_the_header() {
        let mut map = http::HeaderMap::new();
        map.insert("x-text", http::HeaderValue::from_bytes(b"caf\xe9").unwrap());
        assert_eq!(
            header::<String>(&map, "x-text", "t")
                .unwrap_err()
                .to_string(),
            "invalid `x-text` header (member `t`): the value is not UTF-8"
        );
    }

    #[test]
    fn shown_values_are_bounded_and_escaped() {
        let long = format!("x\u{7}{}", "y".repeat(5000));
        let error = invalid("x-h", "m", "a number", &long).to_string();
        assert!(error.len() < 1000, "{}", error.len());
        assert!(!error.contains('\u{7}'));
    }

    proptest! {
        /// Items joined as a request writes them (quoted where they hold a
        /// comma or a quote) split back into the same items.
        #[test]
        fn a_written_list_splits_into_its_items(items in prop::collection::vec("[ -~]{0,8}", 1..6)) {
            let mut headers = crate::request::Headers::new();
            crate::request::push_header_list(&mut headers, "x-list", "l", &items, true).unwrap();
            let text = headers[0].1.to_str().unwrap().to_owned();
            let expected: Vec<String> = items.iter().map(|item| {
                // A request sends unquoted items as they are; the reader trims them.
                if item.contains([',', '"']) || item.starts_with([' ', '\t']) || item.ends_with([' ', '\t']) {
                    item.clone()
                } else {
                    item.trim().to_owned()
                }
            }).collect();
            if expected.len() == 1 && expected[0].is_empty() {
                prop_assert!(split_list(&text).is_empty());
            } else {
                prop_assert_eq!(split_list(&text), expected);
            }
        }

        #[test]
        fn any_header_text_reads_without_panicking(text in "\\PC{0,40}") {
            let _ = split_list(&text);
            let _ = float_from_header(&text);
            let _ = <i64 as FromHeaderText>::from_header_text(&text);
        }
    }

    #[test]
    fn prefix_headers_are_keyed_by_the_rest_of_their_name() {
        let map = headers(&[
            ("x-foo", "Foo"),
            ("x-foo-abc", "Abc value"),
            ("X-Foo-Def", "1"),
            ("x-foo-def", "2"),
        ]);
        let found = prefix_headers::<String>(&map, "x-foo-", "FooMap", false)
            .unwrap()
            .unwrap();
        let mut found: Vec<(&str, &str)> = found
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        found.sort_unstable();
        assert_eq!(found, [("abc", "Abc value"), ("def", "1, 2")]);
        // A prefix matches whatever its case; the empty prefix takes every header.
        let every = prefix_headers::<String>(&map, "X-FOO", "All", false)
            .unwrap()
            .unwrap();
        assert_eq!(every.len(), 3);
        assert_eq!(every[""], "Foo");
        assert_eq!(
            prefix_headers::<String>(&map, "", "All", false)
                .unwrap()
                .unwrap()
                .len(),
            3
        );
        assert_eq!(
            prefix_headers::<String>(&map, "x-bar-", "None", false).unwrap(),
            None
        );
    }

    #[test]
    fn a_prefix_header_that_does_not_read_names_the_header_and_member() {
        let map = headers(&[("x-n-count", "many")]);
        assert_eq!(
            prefix_headers::<i32>(&map, "x-n-", "Counts", false)
                .unwrap_err()
                .to_string(),
            "invalid `x-n-` header (member `Counts`): `x-n-count`: expected an integer within `i32`, found `many`"
        );
        let mut map = http::HeaderMap::new();
        map.insert(
            "x-n-text",
            http::HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        );
        assert_eq!(
            prefix_headers::<String>(&map, "x-n-", "Texts", false)
                .unwrap_err()
                .to_string(),
            "invalid `x-n-` header (member `Texts`): `x-n-text`: the value is not UTF-8"
        );
    }

    #[test]
    fn a_sensitive_prefix_header_that_does_not_read_is_not_named() {
        let mut map = http::HeaderMap::new();
        map.insert(
            "x-n-token",
            http::HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        );
        let error = prefix_headers::<String>(&map, "x-n-", "Secrets", true)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid `x-n-` header (member `Secrets`): a header, not shown as the member is sensitive: the value is not UTF-8"
        );
        let map = headers(&[("x-n-token", "many")]);
        let error = prefix_headers::<i32>(&map, "x-n-", "Secrets", true)
            .unwrap_err()
            .to_string();
        assert!(
            !error.contains("token") && !error.contains("many"),
            "{error}"
        );
    }

    proptest! {
        #[test]
        fn any_headers_read_as_prefix_headers_without_panicking(
            pairs in prop::collection::vec(("[a-z-]{1,8}", prop::collection::vec(any::<u8>(), 0..12)), 0..8),
            prefix in "[a-zA-Z-]{0,3}",
        ) {
            let mut map = http::HeaderMap::new();
            for (name, value) in &pairs {
                if let Ok(value) = http::HeaderValue::from_bytes(value) {
                    map.append(http::HeaderName::from_bytes(name.as_bytes()).unwrap(), value);
                }
            }
            let prefix: &'static str = Box::leak(prefix.into_boxed_str());
            if let Ok(Some(found)) = prefix_headers::<String>(&map, prefix, "m", false) {
                for key in found.keys() {
                    let name = format!("{}{key}", prefix.to_ascii_lowercase());
                    prop_assert!(map.contains_key(name.as_str()));
                }
            }
        }
    }

    #[test]
    fn a_payload_is_the_whole_body_and_an_empty_body_is_none() {
        assert_eq!(
            payload_blob(b"\x00\xffbytes"),
            Some(aws_smithy_types::Blob::new(&b"\x00\xffbytes"[..]))
        );
        assert_eq!(payload_blob(b""), None);
        assert_eq!(
            payload_text::<String>(b" text ", "Text")
                .unwrap()
                .as_deref(),
            Some(" text ")
        );
        assert_eq!(payload_text::<String>(b"", "Text").unwrap(), None);
        assert_eq!(
            payload_text::<String>(b"caf\xe9", "Text")
                .unwrap_err()
                .to_string(),
            "invalid body (member `Text`, bound to it): the body is not UTF-8"
        );
        assert_eq!(
            payload_json::<Vec<i32>>(b" [1, 2] ", "Items").unwrap(),
            Some(vec![1, 2])
        );
        assert_eq!(payload_json::<Vec<i32>>(b"  ", "Items").unwrap(), None);
        assert_eq!(payload_json::<Vec<i32>>(b"null", "Items").unwrap(), None);
        assert!(payload_json::<Vec<i32>>(b"[1] [2]", "Items").is_err());
    }

    #[test]
    fn a_media_type_string_in_a_header_is_base64_of_utf8() {
        let map = headers(&[("x-json", "eyJhIjoxfQ=="), ("x-bad", "/w==")]);
        assert_eq!(
            header_base64_text(&map, "x-json", "Json")
                .unwrap()
                .as_deref(),
            Some(r#"{"a":1}"#)
        );
        assert_eq!(header_base64_text(&map, "x-none", "Json").unwrap(), None);
        assert_eq!(
            header_base64_text(&map, "x-bad", "Json")
                .unwrap_err()
                .to_string(),
            "invalid `x-bad` header (member `Json`): the base64 value does not encode UTF-8 text"
        );
        assert!(header_base64_text(&headers(&[("x", "not base64!")]), "x", "m").is_err());
    }

    proptest! {
        #[test]
        fn any_body_read_as_a_payload_does_not_panic(body in prop::collection::vec(any::<u8>(), 0..48)) {
            let _ = payload_text::<String>(&body, "m");
            let _ = payload_json::<std::collections::HashMap<String, Vec<i64>>>(&body, "m");
            prop_assert_eq!(payload_blob(&body).map(|b| b.into_inner()).unwrap_or_default(), body);
        }
    }
}
