//! Reading the parts of a restJson1 error response that every error shares:
//! its name, message and request id.

use crate::BodyExcerpt;
use crate::json::{self, JsonError};
use aws_smithy_json::deserialize::Token;
use aws_smithy_types::error::metadata::ErrorMetadata;

/// The header that names the error, read before the body.
const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";
/// Request id headers, in the order they are tried.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-requestid", "x-amz-request-id"];
/// The longest request id kept from a successful response: longer is no id.
const MAX_REQUEST_ID: usize = 256;

/// Where the request id is kept in the error metadata: the key the AWS SDK
/// for Rust uses, so that `aws_types::request_id::RequestId` finds it too.
pub const REQUEST_ID_KEY: &str = "aws_request_id";

/// The longest error name taken as a name: no shape name is longer.
const MAX_ERROR_NAME: usize = 255;

/// Whether a name can be a shape's: a Smithy identifier of a sane length.
/// Anything else (kilobytes, spaces, control characters) is no name.
fn is_plausible_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= MAX_ERROR_NAME
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Reduces a raw error name to the shape name: drops everything from the
/// first `:` (a URI some services append), then keeps what follows the
/// first `#` (the namespace).
///
/// ```
/// use smithy_lean_runtime::sanitize_error_name;
/// assert_eq!(sanitize_error_name("aws.chime#BadRequestException:http://internal/"), "BadRequestException");
/// assert_eq!(sanitize_error_name("ConflictException"), "ConflictException");
/// ```
pub fn sanitize_error_name(raw: &str) -> &str {
    let without_uri = raw.split_once(':').map_or(raw, |(name, _)| name);
    let name = without_uri
        .split_once('#')
        .map_or(without_uri, |(_, name)| name);
    name.trim()
}

/// The request id of a response, from `x-amzn-requestid` (or
/// `x-amz-request-id`); an implausible one (not visible ASCII, or over 256
/// bytes) is left out, on success and on failure alike.
pub fn request_id(headers: &http::HeaderMap) -> Option<String> {
    plausible_request_id(headers).map(str::to_owned)
}

fn plausible_request_id(headers: &http::HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|value| value.to_str().ok())
        .filter(|id| id.len() <= MAX_REQUEST_ID)
}

/// Writes an error's text: its name, then `: ` and its message if it has
/// one, the message bounded and escaped since it came from the network.
pub fn write_error_text(
    f: &mut std::fmt::Formatter<'_>,
    error_name: &str,
    message: Option<&str>,
) -> std::fmt::Result {
    f.write_str(error_name)?;
    if let Some(message) = message {
        f.write_str(": ")?;
        std::fmt::Display::fmt(&crate::UntrustedText(message), f)?;
    }
    Ok(())
}

/// The resolved name and the shared metadata of an error response.
#[derive(Debug)]
pub struct ErrorResponse {
    /// The error's shape name, if the response gave a plausible one.
    pub name: Option<String>,
    /// Name, message and request id, for the error that is built from it.
    pub meta: ErrorMetadata,
    /// For a response with neither a name (plausible or not) nor a
    /// message, which is no AWS error response (a proxy's page, a wrong host): the start of its
    /// body and its content type, to show what answered instead.
    pub body: Option<BodyExcerpt>,
}

/// Resolves the error name from the `X-Amzn-Errortype` header, then the
/// body's `code`, then its `__type`; and the message from the body's
/// `message`, `Message` or `errorMessage`. A body that is not a JSON object
/// just yields no name or message from the body.
pub fn read(headers: &http::HeaderMap, body: &[u8]) -> ErrorResponse {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let envelope = Envelope::read(body);
    let raw_name = header(ERROR_TYPE_HEADER)
        .map(str::to_owned)
        .or(envelope.code)
        .or(envelope.type_);
    // Nothing that names an error, however implausibly, and no message:
    // no AWS service wrote this.
    let body = (raw_name.is_none() && envelope.message.is_none())
        .then(|| BodyExcerpt::of_response(headers, body));
    let name = raw_name
        .map(|raw| sanitize_error_name(&raw).to_owned())
        .filter(|name| is_plausible_name(name));
    let mut meta = ErrorMetadata::builder();
    if let Some(name) = &name {
        meta = meta.code(name.clone());
    }
    if let Some(message) = envelope.message {
        meta = meta.message(message);
    }
    if let Some(request_id) = plausible_request_id(headers) {
        meta = meta.custom(REQUEST_ID_KEY, request_id);
    }
    ErrorResponse {
        name,
        meta: meta.build(),
        body,
    }
}

#[derive(Default)]
struct Envelope {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
}

impl Envelope {
    fn read(body: &[u8]) -> Self {
        let mut envelope = Envelope::default();
        // A body that stops being a well-formed object keeps what was read before.
        let _ = envelope.read_object(body);
        envelope
    }

    fn read_object(&mut self, body: &[u8]) -> Result<(), JsonError> {
        let mut tokens = json::tokens(body);
        if !matches!(tokens.next().transpose()?, Some(Token::StartObject { .. })) {
            return Ok(());
        }
        while let Some(key) = json::next_key(&mut tokens, "error body")? {
            let slot = match key.as_ref() {
                "code" => &mut self.code,
                "__type" => &mut self.type_,
                "message" | "Message" | "errorMessage" if self.message.is_none() => {
                    &mut self.message
                }
                _ => {
                    json::skip(&mut tokens)?;
                    continue;
                }
            };
            match tokens.peek() {
                Some(Ok(Token::ValueString { .. })) => {
                    *slot = json::read_string(&mut tokens, "error body")?
                }
                _ => json::skip(&mut tokens)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    http::HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn the_header_names_the_error_before_the_body() {
        let response = read(
            &headers(&[("x-amzn-errortype", "ConflictException:http://x/")]),
            br#"{"code":"BadRequestException","message":"taken"}"#,
        );
        assert_eq!(response.name.as_deref(), Some("ConflictException"));
        assert_eq!(response.meta.message(), Some("taken"));
        let response = read(&HeaderMap::new(), br#"{"__type":"aws#ForbiddenException"}"#);
        assert_eq!(response.name.as_deref(), Some("ForbiddenException"));
    }

    #[test]
    fn implausible_names_are_no_names() {
        for raw in ["", "two words", "1abc", &"x".repeat(MAX_ERROR_NAME + 1)] {
            let body = format!(r#"{{"code":{raw:?}}}"#);
            assert_eq!(
                read(&HeaderMap::new(), body.as_bytes()).name,
                None,
                "{raw:?}"
            );
        }
        let longest = "x".repeat(MAX_ERROR_NAME);
        let body = format!(r#"{{"code":"{longest}"}}"#);
        assert_eq!(read(&HeaderMap::new(), body.as_bytes()).name, Some(longest));
    }

    #[test]
    fn the_first_message_key_wins_and_non_strings_are_skipped() {
        let response = read(
            &HeaderMap::new(),
            br#"{"message":7,"Message":"second","errorMessage":"third"}"#,
        );
        assert_eq!(response.meta.message(), Some("second"));
    }

    #[test]
    fn a_broken_body_keeps_what_came_before_the_break() {
        let response = read(
            &HeaderMap::new(),
            br#"{"code":"ConflictException","message":"#,
        );
        assert_eq!(response.name.as_deref(), Some("ConflictException"));
        assert_eq!(read(&HeaderMap::new(), b"<html>").name, None);
    }

    #[test]
    fn request_ids_come_from_either_header_and_are_bounded() {
        let response = read(&headers(&[("x-amz-request-id", "r-2")]), b"");
        assert_eq!(response.meta.extra(REQUEST_ID_KEY), Some("r-2"));
        let both = headers(&[("x-amzn-requestid", "r-1"), ("x-amz-request-id", "r-2")]);
        assert_eq!(request_id(&both).as_deref(), Some("r-1"));
        let longest = "r".repeat(MAX_REQUEST_ID);
        assert_eq!(
            request_id(&headers(&[("x-amzn-requestid", &longest)])),
            Some(longest.clone())
        );
        let too_long = "r".repeat(MAX_REQUEST_ID + 1);
        assert_eq!(
            request_id(&headers(&[("x-amzn-requestid", &too_long)])),
            None
        );
        // An error's too: one bound for both.
        let error = read(&headers(&[("x-amzn-requestid", &too_long)]), b"{}");
        assert_eq!(error.meta.extra(REQUEST_ID_KEY), None);
        let error = read(&headers(&[("x-amzn-requestid", &longest)]), b"{}");
        assert_eq!(error.meta.extra(REQUEST_ID_KEY), Some(longest.as_str()));
    }

    #[test]
    fn only_a_response_with_neither_name_nor_message_keeps_its_body() {
        let html = headers(&[("content-type", "text/html")]);
        let page = read(&html, b"<h1>Not Found</h1>");
        assert_eq!(
            page.body,
            Some(BodyExcerpt::new(Some("text/html"), b"<h1>Not Found</h1>"))
        );
        assert_eq!(read(&html, br#"{"message":"gone"}"#).body, None);
        assert_eq!(read(&html, br#"{"code":"NotFound"}"#).body, None);
        let named = headers(&[("x-amzn-errortype", "NotFound")]);
        assert_eq!(read(&named, b"<h1>").body, None);
        // A name too odd to be one still says an AWS service meant an error.
        let odd = headers(&[("x-amzn-errortype", "Not Found")]);
        assert_eq!(read(&odd, b"<h1>").body, None);
    }
}
