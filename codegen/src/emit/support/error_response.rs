//! Reading the parts of a restJson1 error response that every error shares:
//! its name, message and request id.

use ::aws_smithy_json::deserialize::Token;

/// The header that names the error, read before the body.
const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";
/// Request id headers, in the order they are tried.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-requestid", "x-amz-request-id"];
/// Where the request id is kept in the error metadata: the key the AWS SDK
/// for Rust uses, so that `aws_types::request_id::RequestId` finds it too.
pub(crate) const REQUEST_ID_KEY: &str = "aws_request_id";

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
        .filter(|name| !name.is_empty());
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
