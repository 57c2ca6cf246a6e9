//! Building an operation's HTTP request: what generated `into_http_request`
//! methods share. The request has a path and query but no scheme or host;
//! the client puts it under the resolved endpoint.

use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use std::fmt;

/// The media type of restJson1 request bodies.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// Why a request could not be built from an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    message: String,
}

impl RequestError {
    /// An error that says which member broke which rule.
    pub fn new(message: impl Into<String>) -> Self {
        RequestError {
            message: message.into(),
        }
    }

    /// What was wrong, without the "cannot build the request" that
    /// `Display` puts first: for messages that say so already.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot build the request: ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for RequestError {}

impl From<crate::json::WriteError> for RequestError {
    fn from(error: crate::json::WriteError) -> Self {
        RequestError::new(error.to_string())
    }
}

/// Characters that RFC 3986 leaves unreserved: never percent-encoded.
fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends `text` percent-encoded: everything but unreserved characters
/// (and `/`, where `keep_slash` says so) becomes `%XX` of its UTF-8 bytes.
fn push_encoded(out: &mut String, text: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if unreserved(byte) || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// Appends a query parameter, `?` before the first and `&` before the
/// others, key and value percent-encoded; a key without a value is sent bare.
pub fn push_query(uri: &mut String, key: &str, value: Option<&str>) {
    uri.push(if uri.contains('?') { '&' } else { '?' });
    push_encoded(uri, key, false);
    if let Some(value) = value {
        uri.push('=');
        push_encoded(uri, value, false);
    }
}

/// Appends a label's value as a path segment, percent-encoded. A greedy
/// label keeps its `/`, so that it spans segments.
///
/// An empty value, or a greedy one with an empty segment, would make
/// another path: it is refused, naming `member`.
pub fn push_label(
    uri: &mut String,
    member: &'static str,
    value: &str,
    greedy: bool,
) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::new(format!(
            "`{member}` is a label of the path and must not be empty"
        )));
    }
    if greedy && value.split('/').any(str::is_empty) {
        return Err(RequestError::new(format!(
            "`{member}` is a greedy label of the path and must not have empty segments"
        )));
    }
    push_encoded(uri, value, greedy);
    Ok(())
}

/// Appends `value`, input member `member`'s, to a host prefix
/// (`@hostLabel`): refused unless it is a host label, 1 to 63 letters,
/// digits and hyphens, not starting with a hyphen, since it becomes part
/// of the host the request goes to. The error does not show the value,
/// which may be sensitive.
pub fn push_host_label(prefix: &mut String, member: &str, value: &str) -> Result<(), RequestError> {
    let valid = (1..=63).contains(&value.len())
        && !value.starts_with('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid {
        return Err(RequestError::new(format!(
            "`{member}` is part of the host (`@hostLabel`), so it must be 1 to 63 letters, digits \
             and hyphens, not starting with a hyphen"
        )));
    }
    prefix.push_str(value);
    Ok(())
}

/// The headers an input's `@httpHeader` members set, in the order pushed.
pub type Headers = Vec<(http::HeaderName, http::HeaderValue)>;

/// Adds header `name` with `value`, from input member `member`. A value
/// that no header can carry (a control character such as a line break)
/// is refused, naming the member: it could split the request.
pub fn push_header(
    headers: &mut Headers,
    name: &'static str,
    member: &'static str,
    value: &str,
) -> Result<(), RequestError> {
    let name = http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::new(format!("`{name}` is not an HTTP header name")))?;
    let value = http::HeaderValue::from_str(value).map_err(|_| {
        RequestError::new(format!(
            "`{member}` is sent as the `{name}` header and must not hold control characters"
        ))
    })?;
    headers.push((name, value));
    Ok(())
}

/// Adds header `name` with a list's items, comma-separated; an empty list
/// sends the header with an empty value. With `quote` (for strings), an item holding a comma or
/// a double quote, or with spaces at an end, is sent as an RFC 9110 quoted
/// string, so that a reader splits the list where it was joined.
pub fn push_header_list(
    headers: &mut Headers,
    name: &'static str,
    member: &'static str,
    items: &[String],
    quote: bool,
) -> Result<(), RequestError> {
    let mut value = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            value.push_str(", ");
        }
        let needs_quotes = quote
            && (item.contains([',', '"'])
                || item.starts_with([' ', '\t'])
                || item.ends_with([' ', '\t']));
        if needs_quotes {
            value.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    value.push('\\');
                }
                value.push(c);
            }
            value.push('"');
        } else {
            value.push_str(item);
        }
    }
    push_header(headers, name, member, &value)
}

/// Adds a header for each entry of an `@httpPrefixHeaders` map, named
/// `prefix` followed by the key, in key order. A name that an
/// `@httpHeader` member has already set is left to that member, as the
/// specification gives it precedence, so call this after those pushes.
/// A key that makes no header name, or a value no header can carry, is
/// refused, naming the member, and the key unless the member is
/// `sensitive`.
pub fn push_prefix_headers<'a>(
    headers: &mut Headers,
    prefix: &'static str,
    member: &'static str,
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    sensitive: bool,
) -> Result<(), RequestError> {
    let mut entries: Vec<(&str, &str)> = entries.into_iter().collect();
    entries.sort_unstable();
    let bound_by_members = headers.len();
    for (key, value) in entries {
        let mut name = String::with_capacity(prefix.len() + key.len());
        name.push_str(prefix);
        name.push_str(key);
        let Ok(name) = http::HeaderName::from_bytes(name.as_bytes()) else {
            let key = if sensitive {
                "a key, not shown as the member is sensitive,".to_owned()
            } else {
                format!("the key `{}`,", crate::UntrustedText(key))
            };
            return Err(RequestError::new(format!(
                "`{member}` has {key} which makes no HTTP header name with the prefix `{prefix}`"
            )));
        };
        if headers[..bound_by_members]
            .iter()
            .any(|(bound, _)| *bound == name)
        {
            continue;
        }
        let value = http::HeaderValue::from_str(value).map_err(|_| {
            let header = if sensitive {
                "a header (not shown, as the member is sensitive)".to_owned()
            } else {
                format!("the `{name}` header,")
            };
            RequestError::new(format!(
                "`{member}` sends {header} whose value must not hold control characters"
            ))
        })?;
        headers.push((name, value));
    }
    Ok(())
}

/// Adds a query parameter for each entry of an `@httpQueryParams` map, in
/// key order, a list's items as repeated parameters. A key the query
/// already has (from the URI pattern or an `@httpQuery` member) is left to
/// it, as the specification gives those precedence, so call this last.
pub fn push_query_params<'a, V: AsRef<str> + 'a>(
    uri: &mut String,
    entries: impl IntoIterator<Item = (&'a str, &'a [V])>,
) {
    let mut entries: Vec<(&str, &[V])> = entries.into_iter().collect();
    entries.sort_unstable_by_key(|(key, _)| *key);
    let taken: Vec<String> = match uri.split_once('?') {
        Some((_, query)) => query
            .split('&')
            .map(|pair| pair.split_once('=').map_or(pair, |(key, _)| key).to_owned())
            .collect(),
        None => Vec::new(),
    };
    for (key, values) in entries {
        let mut encoded = String::new();
        push_encoded(&mut encoded, key, false);
        if taken.contains(&encoded) {
            continue;
        }
        for value in values {
            push_query(uri, key, Some(value.as_ref()));
        }
    }
}

/// The request: `method` to `path_and_query` with `headers` and `body`,
/// which is sent with its content type and length, or no body and no
/// content type when `None`.
pub fn build(
    method: &'static str,
    path_and_query: String,
    headers: Headers,
    body: Option<(&'static str, Vec<u8>)>,
) -> Result<http::Request<SdkBody>, RequestError> {
    match body {
        Some((content_type, body)) => {
            let length = body.len() as u64;
            assemble(
                method,
                path_and_query,
                headers,
                Some((content_type, Some(length))),
                SdkBody::from(body),
            )
        }
        None => assemble(method, path_and_query, headers, None, SdkBody::empty()),
    }
}

/// The request of an input whose payload, the member `member`, is a
/// stream (`@streaming`): sent as it is read, with `content_type` and, when
/// the stream knows it, its length. A stream known to be empty is no body
/// at all, as an unset payload is.
///
/// With `requires_length` (`@requiresLength`), a stream whose length is not
/// known up front is refused: the service reads the length before the body.
pub fn build_streaming(
    method: &'static str,
    path_and_query: String,
    headers: Headers,
    (content_type, stream): (&'static str, ByteStream),
    member: &str,
    requires_length: bool,
) -> Result<http::Request<SdkBody>, RequestError> {
    let body = stream.into_inner();
    let length = body.content_length();
    if length == Some(0) {
        return assemble(method, path_and_query, headers, None, SdkBody::empty());
    }
    if requires_length && length.is_none() {
        return Err(RequestError::new(format!(
            "`{member}` must have a known length (`@requiresLength`), and its stream does not \
             say how long it is: give it one made from bytes or a file, or with a stated length"
        )));
    }
    assemble(
        method,
        path_and_query,
        headers,
        Some((content_type, length)),
        body,
    )
}

/// The request, with `Content-Type` and `Content-Length` for a body that
/// has them: the type unless a member bound to `Content-Type` says what its
/// payload is, and the length where it is known (a stream of unknown length
/// goes chunked).
fn assemble(
    method: &'static str,
    path_and_query: String,
    headers: Headers,
    body_type_and_length: Option<(&'static str, Option<u64>)>,
    body: SdkBody,
) -> Result<http::Request<SdkBody>, RequestError> {
    let method = http::Method::from_bytes(method.as_bytes())
        .map_err(|_| RequestError::new(format!("`{method}` is not an HTTP method")))?;
    let uri = http::Uri::try_from(path_and_query)
        .map_err(|e| RequestError::new(format!("the path is not a valid URI: {e}")))?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    let map = request.headers_mut();
    for (name, value) in headers {
        map.append(name, value);
    }
    if let Some((content_type, length)) = body_type_and_length {
        if !map.contains_key(http::header::CONTENT_TYPE) {
            let value = http::HeaderValue::from_str(content_type).map_err(|_| {
                RequestError::new(format!("`{content_type}` is not a content type"))
            })?;
            map.insert(http::header::CONTENT_TYPE, value);
        }
        // Stated, and so signed, as the AWS SDKs send it with every body
        // whose length they know.
        if let Some(length) = length {
            map.insert(
                http::header::CONTENT_LENGTH,
                http::HeaderValue::from(length),
            );
        }
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn literal_queries_are_encoded_and_joined() {
        let mut uri = "/phone-numbers".to_owned();
        push_query(&mut uri, "operation", Some("batch-delete"));
        push_query(&mut uri, "a b", Some("x&y=z/é"));
        push_query(&mut uri, "flag", None);
        assert_eq!(
            uri,
            "/phone-numbers?operation=batch-delete&a%20b=x%26y%3Dz%2F%C3%A9&flag"
        );
    }

    #[test]
    fn labels_are_one_segment_unless_greedy() {
        let mut uri = "/app-instances/".to_owned();
        push_label(&mut uri, "AppInstanceArn", "arn:aws:chime:x/y", false).unwrap();
        assert_eq!(uri, "/app-instances/arn%3Aaws%3Achime%3Ax%2Fy");
        let mut uri = "/objects/".to_owned();
        push_label(&mut uri, "Key", "a/b c/d", true).unwrap();
        assert_eq!(uri, "/objects/a/b%20c/d");
    }

    #[test]
    fn empty_labels_are_refused_by_name() {
        let error = push_label(&mut String::new(), "Id", "", false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot build the request: `Id` is a label of the path and must not be empty"
        );
        for value in ["a//b", "/a", "a/"] {
            let error = push_label(&mut String::new(), "Key", value, true).unwrap_err();
            assert!(
                error.to_string().contains("must not have empty segments"),
                "{value}"
            );
            push_label(&mut String::new(), "Id", value, false).expect("one encoded segment");
        }
    }

    #[test]
    fn a_request_has_a_content_type_only_with_a_body() {
        let request = build(
            "POST",
            "/app-instances".to_owned(),
            Headers::new(),
            Some((JSON_CONTENT_TYPE, b"{}".to_vec())),
        )
        .unwrap();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "/app-instances");
        assert_eq!(
            request.headers()[http::header::CONTENT_TYPE],
            "application/json"
        );
        assert_eq!(request.body().bytes(), Some(&b"{}"[..]));
        let request = build("GET", "/endpoint?x=1".to_owned(), Headers::new(), None).unwrap();
        assert!(request.headers().is_empty());
        assert_eq!(request.uri().query(), Some("x=1"));
        let error = build("NOT A METHOD", "/".to_owned(), Headers::new(), None).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`NOT A METHOD` is not an HTTP method")
        );
    }

    proptest! {
        #[test]
        fn any_label_or_query_value_makes_a_valid_uri_that_decodes_back(value in "\\PC{1,40}", greedy in any::<bool>()) {
            let mut uri = "/things/".to_owned();
            if push_label(&mut uri, "Id", &value, greedy).is_ok() {
                push_query(&mut uri, "q", Some(&value));
                let request = build("GET", uri, Headers::new(), None).expect("every encoded value is a valid URI");
                let path = request.uri().path().strip_prefix("/things/").unwrap();
                prop_assert_eq!(decode(path), value.clone());
                let query = request.uri().query().unwrap().strip_prefix("q=").unwrap();
                prop_assert_eq!(decode(query), value);
            }
        }
    }

    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn headers_are_sent_in_order_and_lists_are_joined_with_quotes_where_needed() {
        let mut headers = Headers::new();
        push_header(
            &mut headers,
            "X-Amz-Chime-Bearer",
            "ChimeBearer",
            "arn:aws:chime:u",
        )
        .unwrap();
        let items = ["plain", "a,b", "say \"hi\"", " padded", "back\\slash"].map(str::to_owned);
        push_header_list(&mut headers, "x-list", "Items", &items, true).unwrap();
        push_header_list(
            &mut headers,
            "x-numbers",
            "Numbers",
            &["1".to_owned(), "2".to_owned()],
            false,
        )
        .unwrap();
        // An empty list is an empty value.
        push_header_list(&mut headers, "x-empty", "Empty", &[], true).unwrap();
        let request = build("GET", "/".to_owned(), headers, None).unwrap();
        let sent: Vec<(&str, &str)> = request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
            .collect();
        assert_eq!(
            sent,
            [
                ("x-amz-chime-bearer", "arn:aws:chime:u"),
                (
                    "x-list",
                    r#"plain, "a,b", "say \"hi\"", " padded", back\slash"#
                ),
                ("x-numbers", "1, 2"),
                ("x-empty", ""),
            ]
        );
    }

    #[test]
    fn a_body_goes_with_its_type_and_length_and_no_body_with_neither() {
        let with_body = build(
            "POST",
            "/".to_owned(),
            Headers::new(),
            Some((JSON_CONTENT_TYPE, b"{}".to_vec())),
        )
        .unwrap();
        assert_eq!(with_body.headers()["content-length"], "2");
        assert_eq!(with_body.headers()["content-type"], JSON_CONTENT_TYPE);
        let without = build("GET", "/".to_owned(), Headers::new(), None).unwrap();
        assert!(without.headers().is_empty());
    }

    #[test]
    fn a_content_type_a_member_sets_is_the_bodys() {
        let mut headers = Headers::new();
        push_header(&mut headers, "Content-Type", "ContentType", "image/jpeg").unwrap();
        let request = build(
            "PUT",
            "/".to_owned(),
            headers,
            Some(("application/octet-stream", b"jpeg".to_vec())),
        )
        .unwrap();
        let types: Vec<_> = request.headers().get_all("content-type").iter().collect();
        assert_eq!(types, ["image/jpeg"]);
        assert_eq!(request.headers()["content-length"], "4");
    }

    /// A stream that does not say how long it is, as a caller's channel or
    /// socket body is.
    fn stream_of_unknown_length(chunks: &'static [&'static [u8]]) -> ByteStream {
        struct Chunks(std::collections::VecDeque<&'static [u8]>);
        impl http_body::Body for Chunks {
            type Data = bytes::Bytes;
            type Error = std::convert::Infallible;
            fn poll_frame(
                mut self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>>
            {
                let chunk = self.0.pop_front();
                std::task::Poll::Ready(
                    chunk.map(|chunk| Ok(http_body::Frame::data(bytes::Bytes::from_static(chunk)))),
                )
            }
        }
        ByteStream::new(SdkBody::from_body_1_x(Chunks(
            chunks.iter().copied().collect(),
        )))
    }

    #[test]
    fn a_stream_of_known_length_goes_with_its_type_and_length() {
        let request = build_streaming(
            "POST",
            "/upload".to_owned(),
            Headers::new(),
            (
                "application/octet-stream",
                ByteStream::from(b"blobby".to_vec()),
            ),
            "Body",
            true,
        )
        .unwrap();
        assert_eq!(
            request.headers()["content-type"],
            "application/octet-stream"
        );
        assert_eq!(request.headers()["content-length"], "6");
        assert_eq!(request.body().bytes(), Some(&b"blobby"[..]));
        assert!(
            request.body().try_clone().is_some(),
            "bytes can be sent again"
        );
    }

    #[test]
    fn an_empty_stream_is_no_body() {
        let request = build_streaming(
            "POST",
            "/upload".to_owned(),
            Headers::new(),
            ("text/plain", ByteStream::default()),
            "Body",
            true,
        )
        .unwrap();
        assert!(request.headers().is_empty());
        assert_eq!(request.body().bytes(), Some(&b""[..]));
    }

    #[test]
    fn a_stream_of_unknown_length_goes_chunked_unless_the_model_requires_a_length() {
        let request = build_streaming(
            "POST",
            "/upload".to_owned(),
            Headers::new(),
            (
                "application/octet-stream",
                stream_of_unknown_length(&[b"a", b"b"]),
            ),
            "Body",
            false,
        )
        .unwrap();
        assert_eq!(
            request.headers()["content-type"],
            "application/octet-stream"
        );
        assert!(!request.headers().contains_key("content-length"));
        assert!(request.body().bytes().is_none(), "still a stream");
        let error = build_streaming(
            "POST",
            "/upload".to_owned(),
            Headers::new(),
            (
                "application/octet-stream",
                stream_of_unknown_length(&[b"a"]),
            ),
            "Body",
            true,
        )
        .unwrap_err();
        assert!(
            error
                .message()
                .starts_with("`Body` must have a known length (`@requiresLength`)"),
            "{error}"
        );
    }

    #[test]
    fn host_labels_are_letters_digits_and_hyphens() {
        let mut prefix = "foo.".to_owned();
        push_host_label(&mut prefix, "Label", "bar-1").unwrap();
        assert_eq!(prefix, "foo.bar-1");
        for bad in [
            "",
            "-bar",
            "a.b",
            "a b",
            "é",
            "secret/../x",
            &"a".repeat(64),
        ] {
            let error = push_host_label(&mut String::new(), "Label", bad).unwrap_err();
            assert!(
                error
                    .message()
                    .starts_with("`Label` is part of the host (`@hostLabel`)"),
                "{error}"
            );
            assert!(bad.is_empty() || !error.message().contains(bad), "{error}");
        }
        push_host_label(&mut String::new(), "Label", &"a".repeat(63)).unwrap();
    }

    #[test]
    fn the_message_is_the_display_without_its_prefix() {
        let error = push_label(&mut String::new(), "AccountId", "", false).unwrap_err();
        assert_eq!(
            error.message(),
            "`AccountId` is a label of the path and must not be empty"
        );
        assert_eq!(
            error.to_string(),
            format!("cannot build the request: {}", error.message())
        );
    }

    #[test]
    fn a_header_value_beyond_ascii_goes_as_its_utf8_bytes() {
        let mut headers = Headers::new();
        let bearer = "arn:aws:chime:us-east-1:1:app-instance/café-☕";
        push_header(&mut headers, "x-amz-chime-bearer", "ChimeBearer", bearer).unwrap();
        assert_eq!(headers[0].1.as_bytes(), bearer.as_bytes());
    }

    #[test]
    fn a_header_value_that_could_split_the_request_is_refused_naming_the_member() {
        let mut headers = Headers::new();
        let error = push_header(
            &mut headers,
            "x-amz-chime-bearer",
            "ChimeBearer",
            "a\r\nX-Evil: 1",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot build the request: `ChimeBearer` is sent as the `x-amz-chime-bearer` header and must not hold control characters"
        );
        assert!(headers.is_empty());
    }

    proptest! {
        #[test]
        fn any_header_value_is_sent_or_refused_without_panicking(value in any::<String>()) {
            let mut headers = Headers::new();
            match push_header(&mut headers, "x-h", "H", &value) {
                Ok(()) => prop_assert_eq!(headers[0].1.as_bytes(), value.as_bytes()),
                Err(_) => prop_assert!(value.chars().any(|c| c.is_control() && c != '\t')),
            }
        }
    }

    #[test]
    fn prefix_headers_follow_the_members_headers_which_take_precedence() {
        let mut headers = Headers::new();
        push_header(&mut headers, "hello", "Specific", "There").unwrap();
        let entries = [("x-foo", "Foo"), ("Hello", "Hello"), ("empty", "")];
        push_prefix_headers(&mut headers, "", "Prefixed", entries, false).unwrap();
        push_prefix_headers(&mut headers, "x-meta-", "Meta", [("Color", "red")], false).unwrap();
        let sent: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
            .collect();
        assert_eq!(
            sent,
            [
                ("hello", "There"),
                ("empty", ""),
                ("x-foo", "Foo"),
                ("x-meta-color", "red"),
            ]
        );
    }

    #[test]
    fn a_prefix_header_that_cannot_be_sent_is_refused_naming_the_member_and_key() {
        let mut headers = Headers::new();
        let error =
            push_prefix_headers(&mut headers, "x-m-", "Meta", [("a b\n", "v")], false).unwrap_err();
        assert_eq!(
            error.message(),
            "`Meta` has the key `a b\\n`, which makes no HTTP header name with the prefix `x-m-`"
        );
        let error = push_prefix_headers(&mut headers, "x-m-", "Meta", [("k", "a\r\nb")], false)
            .unwrap_err();
        assert_eq!(
            error.message(),
            "`Meta` sends the `x-m-k` header, whose value must not hold control characters"
        );
        assert!(headers.is_empty());
    }

    #[test]
    fn query_params_follow_the_bound_queries_which_take_precedence() {
        let mut uri = "/things?operation=list".to_owned();
        push_query(&mut uri, "a b", Some("bound"));
        let tags = ["x".to_owned(), "y&z".to_owned()];
        let one = ["from map".to_owned()];
        let entries: [(&str, &[String]); 4] = [
            ("tag", &tags),
            ("a b", &one),
            ("operation", &one),
            ("empty", &[]),
        ];
        push_query_params(&mut uri, entries);
        assert_eq!(uri, "/things?operation=list&a%20b=bound&tag=x&tag=y%26z");
        let mut bare = "/things".to_owned();
        push_query_params(&mut bare, [("k", &["v"][..])]);
        assert_eq!(bare, "/things?k=v");
    }

    #[test]
    fn a_sensitive_prefix_header_map_is_refused_without_showing_its_keys() {
        let mut headers = Headers::new();
        let error = push_prefix_headers(&mut headers, "x-m-", "Secrets", [("tok en", "v")], true)
            .unwrap_err();
        assert!(!error.message().contains("tok en"), "{error}");
        assert_eq!(
            error.message(),
            "`Secrets` has a key, not shown as the member is sensitive, which makes no HTTP header name with the prefix `x-m-`"
        );
        let error = push_prefix_headers(&mut headers, "x-m-", "Secrets", [("token", "a\nb")], true)
            .unwrap_err();
        assert!(!error.message().contains("token"), "{error}");
        assert_eq!(
            error.message(),
            "`Secrets` sends a header (not shown, as the member is sensitive) whose value must not hold control characters"
        );
    }

    proptest! {
        #[test]
        fn any_prefix_header_map_is_sent_or_refused_without_panicking(
            entries in proptest::collection::vec((any::<String>(), any::<String>()), 0..6)
        ) {
            let mut headers = Headers::new();
            let borrowed = entries.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            if push_prefix_headers(&mut headers, "x-p-", "P", borrowed, false).is_ok() {
                for (name, _) in &headers {
                    prop_assert!(name.as_str().starts_with("x-p-"));
                }
            }
        }
    }
}
