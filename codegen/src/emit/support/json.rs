//! Reading restJson1 bodies: helpers that the generated readers share.
//!
//! Everything here is lenient where restJson1 says to be (unknown members
//! are skipped, `null` is an absent value) and strict about types: a member
//! of the wrong JSON type is an error that names the member, never a panic.

// Every generated crate gets the same helpers; not every crate uses each one.
#![allow(dead_code)]

use ::aws_smithy_json::deserialize::token::skip_value;
use ::aws_smithy_json::deserialize::{JsonTokenIterator, Token};

pub(crate) type Tokens<'a> = ::std::iter::Peekable<JsonTokenIterator<'a>>;

/// A body that is not the JSON this structure expects.
#[derive(Debug)]
pub struct JsonError {
    message: ::std::borrow::Cow<'static, str>,
}

impl JsonError {
    pub(crate) fn new(message: impl Into<::std::borrow::Cow<'static, str>>) -> Self {
        JsonError {
            message: message.into(),
        }
    }

    fn expected(what: &'static str, member: &str) -> Self {
        JsonError::new(format!("`{member}`: expected {what}"))
    }
}

impl ::std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("invalid JSON body: ")?;
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for JsonError {}

impl From<::aws_smithy_json::deserialize::error::DeserializeError> for JsonError {
    fn from(error: ::aws_smithy_json::deserialize::error::DeserializeError) -> Self {
        JsonError::new(error.to_string())
    }
}

impl From<::aws_smithy_json::deserialize::EscapeError> for JsonError {
    fn from(error: ::aws_smithy_json::deserialize::EscapeError) -> Self {
        JsonError::new(error.to_string())
    }
}

impl From<crate::BuildError> for JsonError {
    fn from(error: crate::BuildError) -> Self {
        JsonError::new(error.to_string())
    }
}

pub(crate) fn tokens(body: &[u8]) -> Tokens<'_> {
    ::aws_smithy_json::deserialize::json_token_iter(body).peekable()
}

fn next<'a>(tokens: &mut Tokens<'a>, member: &str) -> ::std::result::Result<Token<'a>, JsonError> {
    tokens
        .next()
        .transpose()?
        .ok_or_else(|| JsonError::new(format!("`{member}`: unexpected end of body")))
}

/// Fails unless nothing but whitespace follows the top-level value.
pub(crate) fn expect_end(tokens: &mut Tokens<'_>) -> ::std::result::Result<(), JsonError> {
    match tokens.next().transpose()? {
        None => Ok(()),
        Some(_) => Err(JsonError::new("unexpected data after the top-level value")),
    }
}

/// Reads a whole body whose value is a structure. `read_members` is told
/// whether an object was started: an empty body is an empty structure, and
/// `null` is refused. Nothing may follow the structure.
///
/// It takes a `dyn` reader so that this code is compiled once per crate,
/// not once per structure.
pub(crate) fn read_body(
    body: &[u8],
    shape: &str,
    read_members: &mut dyn FnMut(&mut Tokens<'_>, bool) -> ::std::result::Result<(), JsonError>,
) -> ::std::result::Result<(), JsonError> {
    let mut tokens = tokens(body);
    let started = tokens.peek().is_some();
    if started && !start_object(&mut tokens, shape)? {
        return Err(JsonError::new("the body is `null`, not an object"));
    }
    read_members(&mut tokens, started)?;
    expect_end(&mut tokens)
}

/// Consumes the start of an object; `false` for `null`.
pub(crate) fn start_object(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> ::std::result::Result<bool, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(false),
        Token::StartObject { .. } => Ok(true),
        _ => Err(JsonError::expected("an object", member)),
    }
}

/// The next key of an object whose start was consumed; `None` at its end.
pub(crate) fn next_key<'a>(
    tokens: &mut Tokens<'a>,
    member: &str,
) -> ::std::result::Result<::std::option::Option<::std::borrow::Cow<'a, str>>, JsonError> {
    match next(tokens, member)? {
        Token::EndObject { .. } => Ok(None),
        Token::ObjectKey { key, .. } => Ok(Some(key.to_unescaped()?)),
        _ => Err(JsonError::expected("an object key", member)),
    }
}

/// Skips the value of a member this model does not know.
pub(crate) fn skip(tokens: &mut Tokens<'_>) -> ::std::result::Result<(), JsonError> {
    Ok(skip_value(tokens)?)
}

pub(crate) fn read_string(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> ::std::result::Result<::std::option::Option<::std::string::String>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(None),
        Token::ValueString { value, .. } => Ok(Some(value.to_unescaped()?.into_owned())),
        _ => Err(JsonError::expected("a string", member)),
    }
}

pub(crate) fn read_bool(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> ::std::result::Result<::std::option::Option<bool>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(None),
        Token::ValueBool { value, .. } => Ok(Some(value)),
        _ => Err(JsonError::expected("a boolean", member)),
    }
}

pub(crate) fn read_integer<T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64>>(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> ::std::result::Result<::std::option::Option<T>, JsonError> {
    let converted = match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(None),
        Token::ValueNumber {
            value: ::aws_smithy_types::Number::PosInt(v),
            ..
        } => T::try_from(v).ok(),
        Token::ValueNumber {
            value: ::aws_smithy_types::Number::NegInt(v),
            ..
        } => T::try_from(v).ok(),
        _ => return Err(JsonError::expected("an integer", member)),
    };
    converted
        .map(Some)
        .ok_or_else(|| JsonError::expected("an integer in range", member))
}

/// Reads a list, skipping `null` items as restJson1 does for non-sparse lists.
pub(crate) fn read_list<'a, T>(
    tokens: &mut Tokens<'a>,
    member: &str,
    mut item: impl FnMut(&mut Tokens<'a>) -> ::std::result::Result<::std::option::Option<T>, JsonError>,
) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<T>>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(None),
        Token::StartArray { .. } => {}
        _ => return Err(JsonError::expected("a list", member)),
    }
    let mut items = ::std::vec::Vec::new();
    loop {
        if let Some(Ok(Token::EndArray { .. })) = tokens.peek() {
            tokens.next();
            return Ok(Some(items));
        }
        if let Some(value) = item(tokens)? {
            items.push(value);
        }
    }
}
