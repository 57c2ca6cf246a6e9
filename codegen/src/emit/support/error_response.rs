//! Reading the parts of a restJson1 error response that every error shares:
//! its name, message and request id; and showing them, since they come
//! from the network, bounded and with control characters escaped.

use ::aws_smithy_json::deserialize::Token;

/// The header that names the error, read before the body.
const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";
/// Request id headers, in the order they are tried.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-requestid", "x-amz-request-id"];
/// Where the request id is kept in the error metadata: the key the AWS SDK
/// for Rust uses, so that `aws_types::request_id::RequestId` finds it too.
pub(crate) const REQUEST_ID_KEY: &str = "aws_request_id";

/// At most this many bytes of a text from the network reach `Display` or
/// `Debug`; the accessors still give the whole text.
pub const UNTRUSTED_TEXT_LIMIT: usize = 512;

/// The longest error name taken as a name: no shape name is longer.
const MAX_ERROR_NAME: usize = 255;

/// Text from the network, for `Display` and `Debug`: cut after
/// [`UNTRUSTED_TEXT_LIMIT`] bytes, with control and bidirectional-override
/// characters escaped, so that a peer can neither flood a log nor forge
/// lines in it.
///
/// ```
/// use __CRATE__::UntrustedText;
/// assert_eq!(UntrustedText("ok\n[ERROR] forged").to_string(), "ok\\n[ERROR] forged");
/// let long = "x".repeat(600);
/// assert_eq!(UntrustedText(&long).to_string(), format!("{}… (88 more bytes)", "x".repeat(512)));
/// ```
#[derive(Clone, Copy)]
pub struct UntrustedText<'a>(pub &'a str);

impl UntrustedText<'_> {
    fn write(&self, f: &mut ::std::fmt::Formatter<'_>, quoted: bool) -> ::std::fmt::Result {
        let mut end = self.0.len().min(UNTRUSTED_TEXT_LIMIT);
        while !self.0.is_char_boundary(end) {
            end -= 1;
        }
        let (shown, rest) = self.0.split_at(end);
        if quoted {
            f.write_str("\"")?;
        }
        for c in shown.chars() {
            let escape = c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || (quoted && matches!(c, '"' | '\\'));
            if escape {
                ::std::fmt::Display::fmt(&c.escape_default(), f)?;
            } else {
                ::std::fmt::Write::write_char(f, c)?;
            }
        }
        if quoted {
            f.write_str("\"")?;
        }
        if !rest.is_empty() {
            f.write_str("… (")?;
            ::std::fmt::Display::fmt(&rest.len(), f)?;
            f.write_str(" more bytes)")?;
        }
        ::std::result::Result::Ok(())
    }
}

impl ::std::fmt::Display for UntrustedText<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.write(f, false)
    }
}

impl ::std::fmt::Debug for UntrustedText<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.write(f, true)
    }
}

/// The `Debug` of a value that holds text from the network, cut after
/// [`UNTRUSTED_TEXT_LIMIT`] bytes (`Debug` of strings escapes control
/// characters already). It takes a `dyn Debug`, so one copy of it serves
/// every field of every error.
pub(crate) struct BoundedDebug<'a>(pub(crate) &'a dyn ::std::fmt::Debug);

impl ::std::fmt::Debug for BoundedDebug<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let mut bounded = Bounded {
            out: f,
            left: UNTRUSTED_TEXT_LIMIT,
            cut: false,
        };
        ::std::fmt::Write::write_fmt(&mut bounded, format_args!("{:?}", self.0))?;
        if bounded.cut {
            f.write_str("…")?;
        }
        ::std::result::Result::Ok(())
    }
}

/// Passes on at most `left` bytes, cut at a character boundary.
struct Bounded<'a, 'f> {
    out: &'a mut ::std::fmt::Formatter<'f>,
    left: usize,
    cut: bool,
}

impl ::std::fmt::Write for Bounded<'_, '_> {
    fn write_str(&mut self, text: &str) -> ::std::fmt::Result {
        if self.cut {
            return ::std::result::Result::Ok(());
        }
        let mut end = text.len().min(self.left);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.out.write_str(&text[..end])?;
        self.left -= end;
        self.cut = end < text.len();
        ::std::result::Result::Ok(())
    }
}

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
/// use __CRATE__::sanitize_error_name;
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

/// The resolved name and the shared metadata of an error response.
pub(crate) struct ErrorResponse {
    pub(crate) name: ::std::option::Option<::std::string::String>,
    pub(crate) meta: ::aws_smithy_types::error::metadata::ErrorMetadata,
}

/// Resolves the error name from the `X-Amzn-Errortype` header, then the
/// body's `code`, then its `__type`; and the message from the body's
/// `message`, `Message` or `errorMessage`. A body that is not a JSON object
/// just yields no name or message from the body.
pub(crate) fn read(headers: &::http::HeaderMap, body: &[u8]) -> ErrorResponse {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let envelope = Envelope::read(body);
    let raw_name = header(ERROR_TYPE_HEADER)
        .map(str::to_owned)
        .or(envelope.code)
        .or(envelope.type_);
    let name = raw_name
        .map(|raw| sanitize_error_name(&raw).to_owned())
        .filter(|name| is_plausible_name(name));
    let mut meta = ::aws_smithy_types::error::metadata::ErrorMetadata::builder();
    if let Some(name) = &name {
        meta = meta.code(name.clone());
    }
    if let Some(message) = envelope.message {
        meta = meta.message(message);
    }
    if let Some(request_id) = REQUEST_ID_HEADERS.iter().find_map(|name| header(name)) {
        meta = meta.custom(REQUEST_ID_KEY, request_id);
    }
    ErrorResponse {
        name,
        meta: meta.build(),
    }
}

#[derive(Default)]
struct Envelope {
    code: ::std::option::Option<::std::string::String>,
    type_: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
}

impl Envelope {
    fn read(body: &[u8]) -> Self {
        let mut envelope = Envelope::default();
        // A body that stops being a well-formed object keeps what was read before.
        let _ = envelope.read_object(body);
        envelope
    }

    fn read_object(&mut self, body: &[u8]) -> ::std::result::Result<(), crate::JsonError> {
        let mut tokens = crate::json::tokens(body);
        if !matches!(tokens.next().transpose()?, Some(Token::StartObject { .. })) {
            return Ok(());
        }
        while let Some(key) = crate::json::next_key(&mut tokens, "error body")? {
            let slot = match key.as_ref() {
                "code" => &mut self.code,
                "__type" => &mut self.type_,
                "message" | "Message" | "errorMessage" if self.message.is_none() => {
                    &mut self.message
                }
                _ => {
                    crate::json::skip(&mut tokens)?;
                    continue;
                }
            };
            match tokens.peek() {
                Some(Ok(Token::ValueString { .. })) => {
                    *slot = crate::json::read_string(&mut tokens, "error body")?
                }
                _ => crate::json::skip(&mut tokens)?,
            }
        }
        Ok(())
    }
}
