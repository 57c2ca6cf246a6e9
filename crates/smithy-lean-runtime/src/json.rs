//! restJson1 bodies: the reader helpers that generated readers share, and
//! the writer they fill.
//!
//! Reading is lenient where restJson1 says to be (unknown members are
//! skipped, `null` is an absent value) and strict about types: a member of
//! the wrong JSON type is an error that names the member, never a panic.

use aws_smithy_json::deserialize::token::skip_value;
use aws_smithy_json::deserialize::{JsonTokenIterator, Token};
use aws_smithy_types::Number;
use std::borrow::Cow;
use std::fmt;

pub use aws_smithy_json::serialize::{JsonObjectWriter, JsonValueWriter};

/// A cursor over the tokens of a body.
pub type Tokens<'a> = std::iter::Peekable<JsonTokenIterator<'a>>;

/// A body that is not the JSON this structure expects.
#[derive(Debug)]
pub struct JsonError {
    message: Cow<'static, str>,
}

impl JsonError {
    /// An error that says what was wrong, naming the member where there is one.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        JsonError {
            message: message.into(),
        }
    }

    fn expected(what: &'static str, member: &str) -> Self {
        JsonError::new(format!("`{member}`: expected {what}"))
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid JSON body: ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

impl From<aws_smithy_json::deserialize::error::DeserializeError> for JsonError {
    fn from(error: aws_smithy_json::deserialize::error::DeserializeError) -> Self {
        JsonError::new(error.to_string())
    }
}

impl From<aws_smithy_json::deserialize::EscapeError> for JsonError {
    fn from(error: aws_smithy_json::deserialize::EscapeError) -> Self {
        JsonError::new(error.to_string())
    }
}

impl From<crate::BuildError> for JsonError {
    fn from(error: crate::BuildError) -> Self {
        JsonError::new(error.to_string())
    }
}

/// A cursor at the start of `body`.
pub fn tokens(body: &[u8]) -> Tokens<'_> {
    aws_smithy_json::deserialize::json_token_iter(body).peekable()
}

fn next<'a>(tokens: &mut Tokens<'a>, member: &str) -> Result<Token<'a>, JsonError> {
    tokens
        .next()
        .transpose()?
        .ok_or_else(|| JsonError::new(format!("`{member}`: unexpected end of body")))
}

/// Fails unless nothing but whitespace follows the top-level value.
pub fn expect_end(tokens: &mut Tokens<'_>) -> Result<(), JsonError> {
    match tokens.next().transpose()? {
        None => Ok(()),
        Some(_) => Err(JsonError::new("unexpected data after the top-level value")),
    }
}

/// Reads a whole body whose value is a structure. `read_members` is told
/// whether an object was started: an empty body is an empty structure, and
/// `null` is refused. Nothing may follow the structure.
///
/// It takes a `dyn` reader so that this code is compiled once, not once
/// per structure.
pub fn read_body(
    body: &[u8],
    shape: &str,
    read_members: &mut dyn FnMut(&mut Tokens<'_>, bool) -> Result<(), JsonError>,
) -> Result<(), JsonError> {
    let mut tokens = tokens(body);
    let started = tokens.peek().is_some();
    if started && !start_object(&mut tokens, shape)? {
        return Err(JsonError::new("the body is `null`, not an object"));
    }
    read_members(&mut tokens, started)?;
    expect_end(&mut tokens)
}

/// Consumes the start of an object; `false` for `null`.
pub fn start_object(tokens: &mut Tokens<'_>, member: &str) -> Result<bool, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(false),
        Token::StartObject { .. } => Ok(true),
        _ => Err(JsonError::expected("an object", member)),
    }
}

/// The next key of an object whose start was consumed; `None` at its end.
pub fn next_key<'a>(
    tokens: &mut Tokens<'a>,
    member: &str,
) -> Result<Option<Cow<'a, str>>, JsonError> {
    match next(tokens, member)? {
        Token::EndObject { .. } => Ok(None),
        Token::ObjectKey { key, .. } => Ok(Some(key.to_unescaped()?)),
        _ => Err(JsonError::expected("an object key", member)),
    }
}

/// Skips the value of a member this model does not know.
pub fn skip(tokens: &mut Tokens<'_>) -> Result<(), JsonError> {
    Ok(skip_value(tokens)?)
}

/// Reads a string; `None` for `null`.
pub fn read_string(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<String>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(None),
        Token::ValueString { value, .. } => Ok(Some(value.to_unescaped()?.into_owned())),
        _ => Err(JsonError::expected("a string", member)),
    }
}

/// Reads a boolean; `None` for `null`.
pub fn read_bool(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<bool>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(None),
        Token::ValueBool { value, .. } => Ok(Some(value)),
        _ => Err(JsonError::expected("a boolean", member)),
    }
}

/// Reads an integer that must fit `T`; `None` for `null`.
pub fn read_integer<T: TryFrom<i64> + TryFrom<u64>>(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> Result<Option<T>, JsonError> {
    let converted = match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(None),
        Token::ValueNumber {
            value: Number::PosInt(v),
            ..
        } => T::try_from(v).ok(),
        Token::ValueNumber {
            value: Number::NegInt(v),
            ..
        } => T::try_from(v).ok(),
        _ => return Err(JsonError::expected("an integer", member)),
    };
    converted
        .map(Some)
        .ok_or_else(|| JsonError::expected("an integer in range", member))
}

/// Reads a list, skipping `null` items as restJson1 does for non-sparse lists.
pub fn read_list<'a, T>(
    tokens: &mut Tokens<'a>,
    member: &str,
    mut item: impl FnMut(&mut Tokens<'a>) -> Result<Option<T>, JsonError>,
) -> Result<Option<Vec<T>>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(None),
        Token::StartArray { .. } => {}
        _ => return Err(JsonError::expected("a list", member)),
    }
    let mut items = Vec::new();
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

/// Writes an integer member or item.
pub fn write_integer(writer: JsonValueWriter<'_>, value: i64) {
    writer.number(match u64::try_from(value) {
        Ok(positive) => Number::PosInt(positive),
        Err(_) => Number::NegInt(value),
    });
}

/// Writes the body of a structure whose members `write_members` writes.
///
/// It takes a `dyn` writer so that this code is compiled once, not once
/// per structure.
pub fn write_body(write_members: &dyn Fn(&mut JsonObjectWriter<'_>)) -> String {
    let mut out = String::new();
    let mut object = JsonObjectWriter::new(&mut out);
    write_members(&mut object);
    object.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one<T>(
        body: &str,
        read: impl FnOnce(&mut Tokens<'_>, &str) -> Result<Option<T>, JsonError>,
    ) -> Result<Option<T>, JsonError> {
        let mut tokens = tokens(body.as_bytes());
        read(&mut tokens, "Member")
    }

    #[test]
    fn values_of_the_wrong_type_name_the_member() {
        let error = read_one(r#"true"#, read_string).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Member`: expected a string"
        );
        let error = read_one(r#""x""#, read_bool).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Member`: expected a boolean"
        );
        let error = read_one(r#"1.5"#, read_integer::<i32>).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Member`: expected an integer"
        );
        let error =
            read_one(r#"{}"#, |t, m| read_list(t, m, |t| read_string(t, "item"))).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Member`: expected a list"
        );
    }

    #[test]
    fn integers_must_fit_their_type() {
        assert_eq!(
            read_one("-2147483648", read_integer::<i32>).unwrap(),
            Some(i32::MIN)
        );
        let error = read_one("2147483648", read_integer::<i32>).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Member`: expected an integer in range"
        );
        assert!(read_one("18446744073709551615", read_integer::<i64>).is_err());
    }

    #[test]
    fn null_is_an_unset_value_and_null_items_are_dropped() {
        assert_eq!(read_one("null", read_integer::<i64>).unwrap(), None);
        assert_eq!(
            read_one("null", |t, m| read_list(t, m, |t| read_string(t, "item"))).unwrap(),
            None::<Vec<String>>
        );
        assert_eq!(read_one("true", read_bool).unwrap(), Some(true));
        assert_eq!(read_one("false", read_bool).unwrap(), Some(false));
        assert_eq!(read_one("null", read_string).unwrap(), None);
        assert_eq!(read_one("null", read_bool).unwrap(), None);
        let list = read_one(r#"["a", null, "b"]"#, |t, m| {
            read_list(t, m, |t| read_string(t, "item"))
        });
        assert_eq!(list.unwrap(), Some(vec!["a".to_owned(), "b".to_owned()]));
    }

    #[test]
    fn a_body_is_one_object_or_empty() {
        let mut started = None;
        read_body(b"", "Shape", &mut |_, s| {
            started = Some(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(started, Some(false));
        let error = read_body(b"null", "Shape", &mut |_, _| Ok(())).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: the body is `null`, not an object"
        );
        let error = read_body(b"{} {}", "Shape", &mut |t, _| {
            while next_key(t, "Shape")?.is_some() {
                skip(t)?;
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: unexpected data after the top-level value"
        );
    }

    #[test]
    fn integers_are_written_with_their_sign() {
        let body = write_body(&|object| {
            write_integer(object.key("Min"), i64::MIN);
            write_integer(object.key("Max"), i64::MAX);
            write_integer(object.key("Zero"), 0);
        });
        assert_eq!(
            body,
            r#"{"Min":-9223372036854775808,"Max":9223372036854775807,"Zero":0}"#
        );
    }
}
