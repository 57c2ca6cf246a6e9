//! The start of a response body the client could not make sense of, kept
//! so that a person can tell what answered: a proxy's HTML page, a load
//! balancer's plain text, another service's JSON.

use crate::UntrustedText;
use std::fmt;

/// At most this many bytes of a body are kept.
pub const BODY_EXCERPT_LIMIT: usize = 256;

/// A response body's content type and its first [`BODY_EXCERPT_LIMIT`]
/// bytes, decoded lossily; shown bounded and escaped, since both came from
/// the network.
///
/// ```
/// use smithy_lean_runtime::BodyExcerpt;
/// let excerpt = BodyExcerpt::new(Some("text/html"), b"<h1>Bad Gateway</h1>\n");
/// assert_eq!(excerpt.to_string(), r#"text/html; body starts "<h1>Bad Gateway</h1>\n""#);
/// assert_eq!(BodyExcerpt::new(None, b"").to_string(), "no content type; empty body");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyExcerpt {
    content_type: Option<String>,
    text: String,
}

impl BodyExcerpt {
    /// The excerpt of `body`, sent with `content_type`.
    pub fn new(content_type: Option<&str>, body: &[u8]) -> Self {
        let cut = body.len().min(BODY_EXCERPT_LIMIT);
        let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
        if body.len() > cut {
            text.push('…');
        }
        Self {
            content_type: content_type.map(|t| {
                let mut end = t.len().min(BODY_EXCERPT_LIMIT);
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t[..end].to_owned()
            }),
            text,
        }
    }

    /// The excerpt of a response's body, with the response's content type.
    pub fn of_response(headers: &http::HeaderMap, body: &[u8]) -> Self {
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        Self::new(content_type, body)
    }

    /// The `content-type` the body came with, if any (at most 256 bytes of it).
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The body's first 256 bytes, lossily decoded, ending in `…` when the
    /// body goes on.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for BodyExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.content_type {
            Some(content_type) => fmt::Display::fmt(&UntrustedText(content_type), f)?,
            None => f.write_str("no content type")?,
        }
        if self.text.is_empty() {
            return f.write_str("; empty body");
        }
        f.write_str("; body starts ")?;
        fmt::Debug::fmt(&UntrustedText(&self.text), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_long_body_is_cut_on_a_character_boundary_and_says_so() {
        let body = format!("{}é and more", "x".repeat(BODY_EXCERPT_LIMIT - 1));
        let excerpt = BodyExcerpt::new(None, body.as_bytes());
        // The é straddles the cut: its first byte is kept, lossily.
        assert_eq!(
            excerpt.text(),
            format!("{}\u{fffd}…", "x".repeat(BODY_EXCERPT_LIMIT - 1))
        );
        let exact = "y".repeat(BODY_EXCERPT_LIMIT);
        assert_eq!(BodyExcerpt::new(None, exact.as_bytes()).text(), exact);
    }

    #[test]
    fn the_content_type_comes_from_the_headers_bounded() {
        let mut headers = http::HeaderMap::new();
        let long_type = format!("text/{}", "h".repeat(1000));
        headers.insert("content-type", long_type.parse().unwrap());
        let excerpt = BodyExcerpt::of_response(&headers, b"<p>");
        assert_eq!(excerpt.content_type().unwrap().len(), BODY_EXCERPT_LIMIT);
        assert_eq!(
            BodyExcerpt::of_response(&http::HeaderMap::new(), b"").content_type(),
            None
        );
    }

    #[test]
    fn what_it_shows_is_escaped() {
        let excerpt = BodyExcerpt::new(Some("text/plain\u{1b}[2J"), b"say \"hi\"\r\n\x1b[31m");
        assert_eq!(
            excerpt.to_string(),
            r#"text/plain\u{1b}[2J; body starts "say \"hi\"\r\n\u{1b}[31m""#
        );
    }

    proptest! {
        #[test]
        fn any_body_shows_bounded_and_without_control_characters(
            content_type in proptest::option::of(any::<String>()),
            body in proptest::collection::vec(any::<u8>(), 0..2048),
        ) {
            let shown = BodyExcerpt::new(content_type.as_deref(), &body).to_string();
            prop_assert!(!shown.chars().any(char::is_control));
            // Each byte kept may take up to 10 bytes escaped (`\u{10ffff}`).
            prop_assert!(shown.len() <= 2 * BODY_EXCERPT_LIMIT * 10 + 64, "{}", shown.len());
        }
    }
}
