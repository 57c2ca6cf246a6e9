//! restJson1 bodies: the reader helpers that generated readers share, and
//! the writer they fill.
//!
//! Reading is lenient where restJson1 says to be (unknown members are
//! skipped, `null` is an absent value) and strict about types: a member of
//! the wrong JSON type is an error that names the member, never a panic.

use crate::builders::{Structure, StructureBuilder};
use aws_smithy_json::deserialize::error::DeserializeError;
use aws_smithy_json::deserialize::token::skip_value;
use aws_smithy_json::deserialize::{JsonTokenIterator, Token};
use aws_smithy_types::Number;
use aws_smithy_types::date_time::{DateTime, Format};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

pub use aws_smithy_json::serialize::{JsonObjectWriter, JsonValueWriter};

/// A cursor over the tokens of a body, which keeps the body for the
/// values a token does not hold whole (a big number's digits), and counts
/// how deep the arrays and objects it has entered nest: past
/// [`MAX_NESTING_DEPTH`], the next token is an error. Readers of
/// recursive shapes and documents call themselves once a level, and a
/// peer chooses the levels, so the count bounds the stack they use.
pub struct Tokens<'a> {
    body: &'a [u8],
    tokens: std::iter::Peekable<JsonTokenIterator<'a>>,
    depth: usize,
}

/// How deeply the arrays and objects of a body read from the network may
/// nest: deeper is refused rather than risking the stack.
pub const MAX_NESTING_DEPTH: usize = 128;

impl<'a> Tokens<'a> {
    /// The next token, without moving past it.
    pub fn peek(&mut self) -> Option<&Result<Token<'a>, DeserializeError>> {
        self.tokens.peek()
    }

    /// The text of the number that starts at `offset`, as the body spells it.
    fn number_text(&self, offset: usize) -> &'a str {
        let rest = self.body.get(offset..).unwrap_or_default();
        let end = rest
            .iter()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .unwrap_or(rest.len());
        // Only ASCII was taken.
        std::str::from_utf8(&rest[..end]).unwrap_or_default()
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Result<Token<'a>, DeserializeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let token = self.tokens.next();
        match &token {
            Some(Ok(Token::StartObject { .. } | Token::StartArray { .. })) => {
                self.depth += 1;
                if self.depth > MAX_NESTING_DEPTH {
                    return Some(Err(DeserializeError::custom(format!(
                        "the body nests deeper than {MAX_NESTING_DEPTH} levels"
                    ))));
                }
            }
            Some(Ok(Token::EndObject { .. } | Token::EndArray { .. })) => {
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
        token
    }
}

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

impl From<DeserializeError> for JsonError {
    fn from(error: DeserializeError) -> Self {
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
    Tokens {
        body,
        tokens: aws_smithy_json::deserialize::json_token_iter(body).peekable(),
        depth: 0,
    }
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

/// A value that restJson1 reads at a cursor, `None` for `null`: strings,
/// booleans, integers, lists and maps of them, the model's enums and
/// structures. Generated readers read every member through
/// [`read`], so that what differs between members is only their type.
pub trait ReadJson: Sized {
    /// Reads the value at the cursor; `member` names it in an error.
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError>;
}

/// Reads the value at the cursor as a `T`; `None` for `null`.
pub fn read<T: ReadJson>(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<T>, JsonError> {
    T::read_json(tokens, member)
}

impl ReadJson for String {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        read_string(tokens, member)
    }
}

impl ReadJson for bool {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        read_bool(tokens, member)
    }
}

/// The integer types, each read through [`read_integer`] and written
/// through [`write_integer`].
macro_rules! integer_json {
    ($($ty:ty),*) => {$(
        impl ReadJson for $ty {
            fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
                read_integer(tokens, member)
            }
        }

        impl WriteJson for $ty {
            fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
                write_integer(writer, i64::from(*self));
                Ok(())
            }
        }
    )*};
}

integer_json!(i8, i16, i32, i64);

impl ReadJson for f64 {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        read_float(tokens, member)
    }
}

impl ReadJson for f32 {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        // The nearest `f32`, as the AWS SDKs read one.
        Ok(read_float(tokens, member)?.map(|value| value as f32))
    }
}

impl WriteJson for f64 {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        // The writer spells NaN and the infinities as the strings restJson1 uses.
        writer.number(Number::Float(*self));
        Ok(())
    }
}

impl WriteJson for f32 {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        writer.number(Number::Float(f64::from(*self)));
        Ok(())
    }
}

/// The big numbers, each a JSON number as the body spells it (or, as
/// the AWS SDKs also accept, a string of one), written back as the JSON
/// number their text stands for.
macro_rules! big_number_json {
    ($($ty:ty),*) => {$(
        impl ReadJson for $ty {
            fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
                read_big_number(tokens, member)
            }
        }

        impl WriteJson for $ty {
            fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
                writer.write_raw_value(&crate::big_numbers::json_number(self.as_ref()));
                Ok(())
            }
        }
    )*};
}

big_number_json!(aws_smithy_types::BigInteger, aws_smithy_types::BigDecimal);

/// Reads a big number from a JSON number, or from a string that spells
/// one; `None` for `null`.
pub fn read_big_number<T: crate::big_numbers::BigNumber>(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> Result<Option<T>, JsonError> {
    let parsed = match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(None),
        Token::ValueNumber { offset, .. } => tokens.number_text(offset.0).parse().ok(),
        Token::ValueString { value, .. } => value.as_escaped_str().parse().ok(),
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| JsonError::expected(T::EXPECTED, member))
}

/// A blob is a base64 string in a JSON body (RFC 4648, with padding).
impl ReadJson for aws_smithy_types::Blob {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        match read_string(tokens, member)? {
            None => Ok(None),
            Some(text) => aws_smithy_types::base64::decode(&text)
                .map(|bytes| Some(aws_smithy_types::Blob::new(bytes)))
                .map_err(|_| JsonError::expected("base64 text", member)),
        }
    }
}

impl WriteJson for aws_smithy_types::Blob {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        writer.string(&aws_smithy_types::base64::encode(self));
        Ok(())
    }
}

/// A document is any JSON value; `null` (a document's own null) is read
/// as an unset member, as for every type. How deep it nests is bounded by
/// the cursor's count ([`MAX_NESTING_DEPTH`]).
impl ReadJson for aws_smithy_types::Document {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        match read_document(tokens, member)? {
            aws_smithy_types::Document::Null => Ok(None),
            document => Ok(Some(document)),
        }
    }
}

fn read_document(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> Result<aws_smithy_types::Document, JsonError> {
    use aws_smithy_types::Document;
    Ok(match next(tokens, member)? {
        Token::ValueNull { .. } => Document::Null,
        Token::ValueBool { value, .. } => Document::Bool(value),
        Token::ValueNumber { value, .. } => Document::Number(value),
        Token::ValueString { value, .. } => Document::String(value.to_unescaped()?.into_owned()),
        Token::StartArray { .. } => {
            let mut items = Vec::new();
            loop {
                if let Some(Ok(Token::EndArray { .. })) = tokens.peek() {
                    tokens.next();
                    break Document::Array(items);
                }
                items.push(read_document(tokens, member)?);
            }
        }
        Token::StartObject { .. } => {
            let mut entries = HashMap::new();
            while let Some(key) = next_key(tokens, member)? {
                let key = key.into_owned();
                entries.insert(key, read_document(tokens, member)?);
            }
            Document::Object(entries)
        }
        _ => return Err(JsonError::expected("a JSON value", member)),
    })
}

impl WriteJson for aws_smithy_types::Document {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        writer.document(self);
        Ok(())
    }
}

/// An item of a `@sparse` list or map: `null` is read as `None` and kept,
/// where a dense list or map leaves it out.
impl<T: ReadJson> ReadJson for Option<T> {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        T::read_json(tokens, member).map(Some)
    }
}

/// An item of a `@sparse` list or map: `None` is written as `null`.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, writer: JsonValueWriter<'_>, member: &str) -> Result<(), WriteError> {
        match self {
            Some(value) => value.write_json(writer, member),
            None => {
                writer.null();
                Ok(())
            }
        }
    }
}

/// Reads the value at the cursor into a `Box`: a member that closes a
/// cycle of structures and unions; `None` for `null`.
pub fn read_boxed<T: ReadJson>(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> Result<Option<Box<T>>, JsonError> {
    Ok(T::read_json(tokens, member)?.map(Box::new))
}

/// How deep a body's arrays and objects may nest: deeper than any model's
/// shapes go, short of what would exhaust the stack of a reader that
/// follows a recursive shape into itself.
impl<T: ReadJson> ReadJson for Vec<T> {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        read_list(tokens, member, |tokens| T::read_json(tokens, member))
    }
}

/// What a map's keys can be: strings, and the model's enums (whose
/// `string_enum!` implements this), read from and written as the JSON
/// object's keys.
pub trait MapKey: Eq + std::hash::Hash + AsRef<str> {
    /// The key an object's key spells.
    fn from_key(key: String) -> Self;
}

impl MapKey for String {
    fn from_key(key: String) -> Self {
        key
    }
}

impl<K: MapKey, T: ReadJson> ReadJson for HashMap<K, T> {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        read_map(tokens, member, |tokens| T::read_json(tokens, member))
    }
}

/// A structure as restJson1 reads it: an object whose members fill its
/// builder, key by key, which then builds it (an error names a required
/// member the body lacked). Every `JsonStructure` is [`ReadJson`].
pub trait JsonStructure: Structure {
    /// Reads the member `key` at the cursor into `builder`; `false` for a
    /// key the model does not know, whose value is then skipped.
    fn read_member(
        builder: &mut Self::Builder,
        key: &str,
        tokens: &mut Tokens<'_>,
    ) -> Result<bool, JsonError>;
}

impl<T: JsonStructure> ReadJson for T {
    fn read_json(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<Self>, JsonError> {
        let mut builder = T::Builder::default();
        let present = read_object(tokens, member, &mut |key, tokens| {
            T::read_member(&mut builder, key, tokens)
        })?;
        Ok(if present {
            Some(builder.build_structure()?)
        } else {
            None
        })
    }
}

/// Walks an object, handing each key and the cursor at its value to
/// `member`, and skipping the value where it says the key is unknown;
/// `false` for `null`. A `dyn` walk, so that it is compiled once rather
/// than once per structure.
fn read_object(
    tokens: &mut Tokens<'_>,
    member: &str,
    read_member: &mut dyn FnMut(&str, &mut Tokens<'_>) -> Result<bool, JsonError>,
) -> Result<bool, JsonError> {
    if !start_object(tokens, member)? {
        return Ok(false);
    }
    while let Some(key) = next_key(tokens, member)? {
        if !read_member(&key, tokens)? {
            skip(tokens)?;
        }
    }
    Ok(true)
}

/// Reads a model enum from its string; a value the model does not list
/// is the enum's unknown variant, not an error.
pub fn read_enum<T: for<'a> From<&'a str>>(
    tokens: &mut Tokens<'_>,
    member: &str,
) -> Result<Option<T>, JsonError> {
    Ok(read_string(tokens, member)?.map(|value| T::from(value.as_str())))
}

/// Reads a whole body whose value is the structure `T`, which `shape`
/// names in errors: an empty body is an empty structure, and `null` is
/// refused. Nothing may follow the structure.
pub fn read_body<T: JsonStructure>(body: &[u8], shape: &str) -> Result<T, JsonError> {
    let mut builder = T::Builder::default();
    read_body_into::<T>(&mut builder, body, shape)?;
    Ok(builder.build_structure()?)
}

/// Reads a whole body into `builder`, as [`read_body`] does, for a caller
/// that sets more members (from the response's headers) before building.
pub fn read_body_into<T: JsonStructure>(
    builder: &mut T::Builder,
    body: &[u8],
    shape: &str,
) -> Result<(), JsonError> {
    read_body_object(body, shape, &mut |key, tokens| {
        T::read_member(builder, key, tokens)
    })
}

/// The body's walk, compiled once rather than once per structure, as
/// [`read_object`] is.
fn read_body_object(
    body: &[u8],
    shape: &str,
    read_member: &mut dyn FnMut(&str, &mut Tokens<'_>) -> Result<bool, JsonError>,
) -> Result<(), JsonError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let mut tokens = tokens(body);
    if !read_object(&mut tokens, shape, read_member)? {
        return Err(JsonError::new("the body is `null`, not an object"));
    }
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

/// Reads a union: an object with exactly one member set. `variant` reads
/// the value of member `key` at the cursor (never `null`), and for a key
/// the model does not know skips it and returns the union's unknown
/// variant. Members set to `null`, and `__type`, which some services add,
/// are left out; `None` for `null`.
pub fn read_union<'a, T>(
    tokens: &mut Tokens<'a>,
    member: &str,
    mut variant: impl FnMut(&str, &mut Tokens<'a>) -> Result<T, JsonError>,
) -> Result<Option<T>, JsonError> {
    if !start_object(tokens, member)? {
        return Ok(None);
    }
    let mut set: Option<(T, String)> = None;
    while let Some(key) = next_key(tokens, member)? {
        if let Some(Ok(Token::ValueNull { .. })) = tokens.peek() {
            tokens.next();
            continue;
        }
        if key == "__type" {
            skip(tokens)?;
            continue;
        }
        let value = variant(&key, tokens)?;
        if let Some((_, first)) = &set {
            return Err(JsonError::new(format!(
                "`{member}`: a union has one member set, but `{}` and `{}` are",
                crate::UntrustedText(first),
                crate::UntrustedText(&key)
            )));
        }
        set = Some((value, key.into_owned()));
    }
    match set {
        Some((value, _)) => Ok(Some(value)),
        None => Err(JsonError::new(format!(
            "`{member}`: a union has one member set, but none is"
        ))),
    }
}

/// The error of writing a union's unknown variant, which holds nothing a
/// request could carry.
pub fn unknown_union_variant(member: &str) -> WriteError {
    WriteError::new(
        member,
        "it is the union's `Unknown` variant, which only a response can hold",
    )
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

/// Reads a number as an `f64`: any JSON number, or one of the strings
/// `NaN`, `Infinity` and `-Infinity`, which restJson1 uses for the values
/// JSON cannot write; `None` for `null`.
pub fn read_float(tokens: &mut Tokens<'_>, member: &str) -> Result<Option<f64>, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => Ok(None),
        Token::ValueNumber { value, .. } => Ok(Some(value.to_f64_lossy())),
        Token::ValueString { value, .. } => match value.as_escaped_str() {
            "NaN" => Ok(Some(f64::NAN)),
            "Infinity" => Ok(Some(f64::INFINITY)),
            "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
            _ => Err(JsonError::expected(
                "a number, `NaN`, `Infinity` or `-Infinity`",
                member,
            )),
        },
        _ => Err(JsonError::expected("a number", member)),
    }
}

/// Reads a list, skipping `null` items as restJson1 does for non-sparse lists.
///
/// The walk over the array is compiled once, in this crate; what is
/// compiled for each item type is only the push.
pub fn read_list<'a, T>(
    tokens: &mut Tokens<'a>,
    member: &str,
    mut item: impl FnMut(&mut Tokens<'a>) -> Result<Option<T>, JsonError>,
) -> Result<Option<Vec<T>>, JsonError> {
    let mut items = Vec::new();
    let present = read_items(tokens, member, &mut |tokens| {
        if let Some(value) = item(tokens)? {
            items.push(value);
        }
        Ok(())
    })?;
    Ok(present.then_some(items))
}

/// Walks an array, calling `item` at each item; `false` for `null`.
fn read_items<'a>(
    tokens: &mut Tokens<'a>,
    member: &str,
    item: &mut dyn FnMut(&mut Tokens<'a>) -> Result<(), JsonError>,
) -> Result<bool, JsonError> {
    match next(tokens, member)? {
        Token::ValueNull { .. } => return Ok(false),
        Token::StartArray { .. } => {}
        _ => return Err(JsonError::expected("a list", member)),
    }
    loop {
        if let Some(Ok(Token::EndArray { .. })) = tokens.peek() {
            tokens.next();
            return Ok(true);
        }
        item(tokens)?;
    }
}

/// Reads a map, skipping `null` values as restJson1 does for non-sparse maps.
///
/// The walk over the object is compiled once, in this crate.
pub fn read_map<'a, K: MapKey, T>(
    tokens: &mut Tokens<'a>,
    member: &str,
    mut value: impl FnMut(&mut Tokens<'a>) -> Result<Option<T>, JsonError>,
) -> Result<Option<HashMap<K, T>>, JsonError> {
    let mut entries = HashMap::new();
    let present = read_entries(tokens, member, &mut |key, tokens| {
        if let Some(value) = value(tokens)? {
            entries.insert(K::from_key(key), value);
        }
        Ok(())
    })?;
    Ok(present.then_some(entries))
}

/// Walks an object, calling `entry` with each key at its value; `false` for `null`.
fn read_entries<'a>(
    tokens: &mut Tokens<'a>,
    member: &str,
    entry: &mut dyn FnMut(String, &mut Tokens<'a>) -> Result<(), JsonError>,
) -> Result<bool, JsonError> {
    if !start_object(tokens, member)? {
        return Ok(false);
    }
    while let Some(key) = next_key(tokens, member)? {
        entry(key.into_owned(), tokens)?;
    }
    Ok(true)
}

/// Reads a timestamp written in `format`: a number of epoch seconds
/// (whole or with a fraction), or a string for the other formats, a
/// `date-time` with any offset; `None` for `null`.
pub fn read_timestamp(
    tokens: &mut Tokens<'_>,
    member: &str,
    format: Format,
) -> Result<Option<DateTime>, JsonError> {
    match (next(tokens, member)?, format) {
        (Token::ValueNull { .. }, _) => Ok(None),
        (Token::ValueNumber { value, .. }, Format::EpochSeconds) => epoch_seconds(value)
            .map(Some)
            .ok_or_else(|| JsonError::expected("a number of epoch seconds in range", member)),
        (Token::ValueString { value, .. }, Format::DateTime | Format::HttpDate) => {
            let text = value.to_unescaped()?;
            // RFC 3339 allows offsets; restJson1 writes `Z` but readers accept either.
            let parse_as = match format {
                Format::DateTime => Format::DateTimeWithOffset,
                other => other,
            };
            DateTime::from_str(&text, parse_as)
                .map(Some)
                .map_err(|_| JsonError::expected(timestamp_format_name(format), member))
        }
        _ => Err(JsonError::expected(timestamp_format_name(format), member)),
    }
}

/// Epoch seconds as a timestamp: exact for whole numbers, to the
/// microsecond for fractions; `None` for fractional numbers too large for
/// that precision (beyond 30 million years).
fn epoch_seconds(number: Number) -> Option<DateTime> {
    match number {
        Number::PosInt(secs) => i64::try_from(secs).ok().map(DateTime::from_secs),
        Number::NegInt(secs) => Some(DateTime::from_secs(secs)),
        Number::Float(secs) if secs.is_finite() && secs.abs() < 1e15 => {
            // Rounded to the microsecond: a binary fraction is rarely the
            // decimal one that was sent (`.123` arrives as `.12299999…`).
            let whole = secs.floor();
            let micros = ((secs - whole) * 1e6).round();
            let (whole, micros) = if micros >= 1e6 {
                (whole + 1.0, 0.0)
            } else {
                (whole, micros)
            };
            Some(DateTime::from_secs_and_nanos(
                whole as i64,
                micros as u32 * 1000,
            ))
        }
        Number::Float(_) => None,
    }
}

fn timestamp_format_name(format: Format) -> &'static str {
    match format {
        Format::EpochSeconds => "a number of epoch seconds",
        Format::HttpDate => "an HTTP date",
        _ => "an RFC 3339 date-time",
    }
}

/// A value that cannot be written in its wire format, such as a
/// timestamp outside the years a `date-time` or HTTP date can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    message: String,
}

impl WriteError {
    /// An error naming the member whose value cannot be written, and why.
    pub fn new(member: &str, why: impl fmt::Display) -> Self {
        WriteError {
            message: format!("`{member}` cannot be written: {why}"),
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WriteError {}

/// A timestamp as text in `format`, or an error naming `member`.
pub fn timestamp_text(
    value: &DateTime,
    format: Format,
    member: &str,
) -> Result<String, WriteError> {
    value.fmt(format).map_err(|e| WriteError::new(member, e))
}

/// Writes a timestamp member or item in `format`: a number for epoch
/// seconds, a string otherwise.
pub fn write_timestamp(
    writer: JsonValueWriter<'_>,
    value: &DateTime,
    format: Format,
    member: &str,
) -> Result<(), WriteError> {
    writer
        .date_time(value, format)
        .map_err(|e| WriteError::new(member, e))
}

/// Writes an integer member or item.
pub fn write_integer(writer: JsonValueWriter<'_>, value: i64) {
    writer.number(match u64::try_from(value) {
        Ok(positive) => Number::PosInt(positive),
        Err(_) => Number::NegInt(value),
    });
}

/// A value that restJson1 writes: strings, booleans, integers, lists and
/// maps of them, the model's enums and structures. Generated writers write
/// every member through [`write`](fn@write), so that what differs between members
/// is only their type.
pub trait WriteJson {
    /// Writes the value; `member` names it in an error.
    fn write_json(&self, writer: JsonValueWriter<'_>, member: &str) -> Result<(), WriteError>;
}

/// Writes `value` under `key` in `object`, if it is set.
pub fn write<T: WriteJson + ?Sized>(
    object: &mut JsonObjectWriter<'_>,
    key: &str,
    value: Option<&T>,
) -> Result<(), WriteError> {
    match value {
        Some(value) => value.write_json(object.key(key), key),
        None => Ok(()),
    }
}

impl WriteJson for String {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        writer.string(self);
        Ok(())
    }
}

impl WriteJson for bool {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        writer.boolean(*self);
        Ok(())
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, writer: JsonValueWriter<'_>, member: &str) -> Result<(), WriteError> {
        let mut array = writer.start_array();
        for item in self {
            item.write_json(array.value(), member)?;
        }
        array.finish();
        Ok(())
    }
}

impl<K: MapKey, T: WriteJson> WriteJson for HashMap<K, T> {
    fn write_json(&self, writer: JsonValueWriter<'_>, member: &str) -> Result<(), WriteError> {
        let mut object = writer.start_object();
        for (key, value) in self {
            value.write_json(object.key(key.as_ref()), member)?;
        }
        object.finish();
        Ok(())
    }
}

/// A structure as restJson1 writes it: an object of its set members.
/// Every `JsonMembers` is [`WriteJson`].
pub trait JsonMembers {
    /// Writes the members into `object`, which is open.
    fn write_members(&self, object: &mut JsonObjectWriter<'_>) -> Result<(), WriteError>;
}

impl<T: JsonMembers> WriteJson for T {
    fn write_json(&self, writer: JsonValueWriter<'_>, _: &str) -> Result<(), WriteError> {
        let mut object = writer.start_object();
        self.write_members(&mut object)?;
        object.finish();
        Ok(())
    }
}

/// The body of a structure: its members as an object.
pub fn write_body(structure: &impl JsonMembers) -> Result<String, WriteError> {
    write_object(&|object| structure.write_members(object))
}

/// A whole body of any value (a union, as an `@httpPayload`), `member`
/// naming it in errors.
pub fn write_value_body<T: WriteJson + ?Sized>(
    value: &T,
    member: &str,
) -> Result<String, WriteError> {
    let mut text = String::new();
    value.write_json(JsonValueWriter::new(&mut text), member)?;
    Ok(text)
}

/// Writes an object whose members `write_members` writes: a `dyn` writer,
/// so that this is compiled once, not once per structure.
fn write_object(
    write_members: &dyn Fn(&mut JsonObjectWriter<'_>) -> Result<(), WriteError>,
) -> Result<String, WriteError> {
    let mut out = String::new();
    let mut object = JsonObjectWriter::new(&mut out);
    write_members(&mut object)?;
    object.finish();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BuildError;

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

    /// A structure as generated code declares it: `name` required, the
    /// rest optional, `inner` nested.
    #[derive(Debug, Default, PartialEq)]
    struct Pair {
        name: Option<String>,
        count: Option<i32>,
        inner: Option<Vec<Pair>>,
        tags: Option<HashMap<String, bool>>,
    }

    impl Structure for Pair {
        type Builder = Pair;
    }

    impl StructureBuilder for Pair {
        type Structure = Pair;

        fn build_structure(self) -> Result<Pair, BuildError> {
            match self.name {
                Some(_) => Ok(self),
                None => Err(BuildError::missing("Pair", "name")),
            }
        }
    }

    impl JsonStructure for Pair {
        fn read_member(
            builder: &mut Pair,
            key: &str,
            tokens: &mut Tokens<'_>,
        ) -> Result<bool, JsonError> {
            match key {
                "Name" => builder.name = read(tokens, key)?,
                "Count" => builder.count = read(tokens, key)?,
                "Inner" => builder.inner = read(tokens, key)?,
                "Tags" => builder.tags = read(tokens, key)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    /// Reading without the required member: what an empty body is read as.
    #[derive(Debug, Default, PartialEq)]
    struct Loose(Pair);

    #[derive(Default)]
    struct LooseBuilder(Pair);

    impl Structure for Loose {
        type Builder = LooseBuilder;
    }

    impl StructureBuilder for LooseBuilder {
        type Structure = Loose;

        fn build_structure(self) -> Result<Loose, BuildError> {
            Ok(Loose(self.0))
        }
    }

    impl JsonStructure for Loose {
        fn read_member(
            builder: &mut LooseBuilder,
            key: &str,
            tokens: &mut Tokens<'_>,
        ) -> Result<bool, JsonError> {
            Pair::read_member(&mut builder.0, key, tokens)
        }
    }

    impl JsonMembers for Pair {
        fn write_members(&self, object: &mut JsonObjectWriter<'_>) -> Result<(), WriteError> {
            write(object, "Name", self.name.as_ref())?;
            write(object, "Count", self.count.as_ref())?;
            write(object, "Inner", self.inner.as_ref())?;
            write(object, "Tags", self.tags.as_ref())?;
            Ok(())
        }
    }

    #[test]
    fn a_structure_writes_its_set_members_by_type_and_reads_back_the_same() {
        let pair = Pair {
            name: Some("a \"q\"".to_owned()),
            count: Some(-7),
            inner: Some(vec![
                Pair {
                    name: Some("b".to_owned()),
                    ..Pair::default()
                },
                Pair {
                    name: Some("c".to_owned()),
                    tags: Some(HashMap::from([("t".to_owned(), false)])),
                    ..Pair::default()
                },
            ]),
            tags: None,
        };
        let body = write_body(&pair).unwrap();
        assert_eq!(
            body,
            r#"{"Name":"a \"q\"","Count":-7,"Inner":[{"Name":"b"},{"Name":"c","Tags":{"t":false}}]}"#
        );
        assert_eq!(read_body::<Pair>(body.as_bytes(), "Pair").unwrap(), pair);
        assert_eq!(write_body(&Pair::default()).unwrap(), "{}");
    }

    #[test]
    fn longs_are_read_and_written_whole_by_their_type() {
        let mut tokens = tokens(b"-9007199254740993");
        assert_eq!(
            read::<i64>(&mut tokens, "Big").unwrap(),
            Some(-9_007_199_254_740_993)
        );
        let mut tokens = tokens_of_null();
        assert_eq!(read::<i64>(&mut tokens, "Big").unwrap(), None);
        let body = write_object(&|object| write(object, "Big", Some(&i64::MAX))).unwrap();
        assert_eq!(body, r#"{"Big":9223372036854775807}"#);
    }

    fn tokens_of_null() -> Tokens<'static> {
        tokens(b"null")
    }

    #[test]
    fn a_body_is_one_object_or_empty() {
        assert_eq!(read_body::<Loose>(b"", "Shape").unwrap(), Loose::default());
        assert_eq!(
            read_body::<Loose>(b" \n", "Shape").unwrap(),
            Loose::default()
        );
        let error = read_body::<Loose>(b"null", "Shape").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: the body is `null`, not an object"
        );
        let error = read_body::<Loose>(b"{} {}", "Shape").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: unexpected data after the top-level value"
        );
        let error = read_body::<Loose>(b"[]", "Shape").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Shape`: expected an object"
        );
    }

    #[test]
    fn a_structure_reads_its_members_by_type_skips_unknown_ones_and_builds_once() {
        let body = br#"{"Name":"a","Unknown":{"deep":[1,{"x":null}]},"Count":-3,
            "Inner":[{"Name":"b"},null,{"Name":"c","Tags":{"t":true,"u":null}}]}"#;
        let pair = read_body::<Pair>(body, "Pair").unwrap();
        assert_eq!(pair.name.as_deref(), Some("a"));
        assert_eq!(pair.count, Some(-3));
        let inner = pair.inner.unwrap();
        assert_eq!(inner.len(), 2, "a null item is skipped");
        assert_eq!(inner[1].tags, Some(HashMap::from([("t".to_owned(), true)])));
        let error = read_body::<Pair>(br#"{"Count":1}"#, "Pair").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `name` is required to build Pair but was not set"
        );
        let error = read_body::<Pair>(br#"{"Name":"a","Inner":[{"Name":1}]}"#, "Pair").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: `Name`: expected a string"
        );
    }

    #[test]
    fn integers_are_written_with_their_sign() {
        let body = write_object(&|object| {
            write_integer(object.key("Min"), i64::MIN);
            write_integer(object.key("Max"), i64::MAX);
            write_integer(object.key("Zero"), 0);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"Min":-9223372036854775808,"Max":9223372036854775807,"Zero":0}"#
        );
    }

    fn timestamp(body: &str, format: Format) -> Result<Option<DateTime>, JsonError> {
        read_timestamp(&mut tokens(body.as_bytes()), "At", format)
    }

    #[test]
    fn timestamps_are_read_in_their_format() {
        let at = |secs, nanos| Some(DateTime::from_secs_and_nanos(secs, nanos));
        assert_eq!(
            timestamp("1515531081", Format::EpochSeconds).unwrap(),
            at(1515531081, 0)
        );
        assert_eq!(
            timestamp("1515531081.123", Format::EpochSeconds).unwrap(),
            at(1515531081, 123_000_000)
        );
        assert_eq!(timestamp("-1", Format::EpochSeconds).unwrap(), at(-1, 0));
        assert_eq!(timestamp("null", Format::EpochSeconds).unwrap(), None);
        assert_eq!(
            timestamp(r#""2018-01-09T20:51:21Z""#, Format::DateTime).unwrap(),
            at(1515531081, 0)
        );
        assert_eq!(
            timestamp(r#""2018-01-09T20:51:21.5Z""#, Format::DateTime).unwrap(),
            at(1515531081, 500_000_000)
        );
        // An offset is allowed by RFC 3339, and names the same instant.
        assert_eq!(
            timestamp(r#""2018-01-09T22:51:21+02:00""#, Format::DateTime).unwrap(),
            at(1515531081, 0)
        );
        assert_eq!(
            timestamp(r#""Tue, 09 Jan 2018 20:51:21 GMT""#, Format::HttpDate).unwrap(),
            at(1515531081, 0)
        );
    }

    #[test]
    fn epoch_fractions_round_to_the_microsecond_and_carry_into_the_second() {
        let at = |secs, nanos| Some(DateTime::from_secs_and_nanos(secs, nanos));
        assert_eq!(
            timestamp("1515531080.9999999", Format::EpochSeconds).unwrap(),
            at(1515531081, 0)
        );
        assert_eq!(
            timestamp("-0.0000004", Format::EpochSeconds).unwrap(),
            at(0, 0)
        );
        assert_eq!(
            timestamp("-1.5", Format::EpochSeconds).unwrap(),
            at(-2, 500_000_000)
        );
        // Below 1e15 seconds a fraction keeps its microseconds; from there on
        // a float cannot, and is refused rather than read wrong.
        assert_eq!(
            timestamp("99999999999.25", Format::EpochSeconds).unwrap(),
            at(99_999_999_999, 250_000_000)
        );
        for too_far in ["1e15", "-1e15", "1.5e15"] {
            assert!(
                timestamp(too_far, Format::EpochSeconds).is_err(),
                "{too_far}"
            );
        }
    }

    #[test]
    fn a_timestamp_of_the_wrong_form_names_the_member_and_the_format() {
        for (body, format, expected) in [
            (
                r#""1515531081""#,
                Format::EpochSeconds,
                "`At`: expected a number of epoch seconds",
            ),
            (
                "1515531081",
                Format::DateTime,
                "`At`: expected an RFC 3339 date-time",
            ),
            (
                r#""yesterday""#,
                Format::DateTime,
                "`At`: expected an RFC 3339 date-time",
            ),
            (
                r#""2018-01-09""#,
                Format::HttpDate,
                "`At`: expected an HTTP date",
            ),
            (
                "1e300",
                Format::EpochSeconds,
                "`At`: expected a number of epoch seconds in range",
            ),
        ] {
            let error = timestamp(body, format).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("invalid JSON body: {expected}"),
                "{body}"
            );
        }
    }

    #[test]
    fn timestamps_are_written_in_their_format() {
        let at = DateTime::from_secs_and_nanos(1515531081, 500_000_000);
        let body = write_object(&|object| {
            write_timestamp(object.key("Epoch"), &at, Format::EpochSeconds, "Epoch")?;
            write_timestamp(object.key("Iso"), &at, Format::DateTime, "Iso")?;
            write_timestamp(object.key("Http"), &at, Format::HttpDate, "Http")
        })
        .unwrap();
        assert_eq!(
            body,
            r#"{"Epoch":1515531081.5,"Iso":"2018-01-09T20:51:21.5Z","Http":"Tue, 09 Jan 2018 20:51:21 GMT"}"#
        );
    }

    #[test]
    fn a_timestamp_no_date_time_can_show_is_an_error_naming_the_member() {
        let far = DateTime::from_secs(i64::MAX / 2);
        let error =
            write_object(&|object| write_timestamp(object.key("At"), &far, Format::DateTime, "At"))
                .unwrap_err();
        assert!(
            error.to_string().starts_with("`At` cannot be written: "),
            "{error}"
        );
        assert!(timestamp_text(&far, Format::HttpDate, "At").is_err());
    }

    #[test]
    fn maps_skip_null_values_and_refuse_what_is_not_an_object() {
        let read = |body: &str| {
            read_map::<String, _>(&mut tokens(body.as_bytes()), "Headers", |tokens| {
                read_string(tokens, "Headers")
            })
        };
        let map = read(r#"{"a":"1","b":null,"c":"3"}"#).unwrap().unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map["a"], "1");
        assert_eq!(map["c"], "3");
        assert_eq!(read("null").unwrap(), None);
        assert_eq!(
            read(r#"["a"]"#).unwrap_err().to_string(),
            "invalid JSON body: `Headers`: expected an object"
        );
        assert!(read(r#"{"a":1}"#).is_err());
    }

    /// A value written as a member and read back.
    fn round_trip<T: WriteJson + ReadJson>(value: &T) -> (String, Option<T>) {
        let mut text = String::new();
        let mut object = JsonObjectWriter::new(&mut text);
        write(&mut object, "m", Some(value)).unwrap();
        object.finish();
        let mut tokens = tokens(text.as_bytes());
        assert!(start_object(&mut tokens, "m").unwrap());
        assert!(next_key(&mut tokens, "m").unwrap().is_some());
        let read = read::<T>(&mut tokens, "m").unwrap();
        (text, read)
    }

    #[test]
    fn floats_that_json_cannot_write_are_the_strings_restjson1_names() {
        assert_eq!(round_trip(&f64::NAN).0, r#"{"m":"NaN"}"#);
        assert_eq!(round_trip(&f64::INFINITY).0, r#"{"m":"Infinity"}"#);
        assert_eq!(round_trip(&f32::NEG_INFINITY).0, r#"{"m":"-Infinity"}"#);
        assert!(round_trip(&f32::NAN).1.unwrap().is_nan());
        assert_eq!(round_trip(&1.5f64), (r#"{"m":1.5}"#.to_owned(), Some(1.5)));
        assert_eq!(read_one("2", read::<f64>).unwrap(), Some(2.0));
        assert_eq!(read_one("-7", read::<f32>).unwrap(), Some(-7.0));
        assert_eq!(read_one("null", read::<f64>).unwrap(), None);
        assert_eq!(
            read_one(r#""nan""#, read::<f64>).unwrap_err().to_string(),
            "invalid JSON body: `Member`: expected a number, `NaN`, `Infinity` or `-Infinity`"
        );
        assert_eq!(
            read_one("true", read::<f32>).unwrap_err().to_string(),
            "invalid JSON body: `Member`: expected a number"
        );
    }

    #[test]
    fn bytes_and_shorts_must_fit_their_type() {
        assert_eq!(read_one("-128", read::<i8>).unwrap(), Some(-128));
        assert_eq!(read_one("32767", read::<i16>).unwrap(), Some(32767));
        for (body, error) in [
            ("128", read_one("128", read::<i8>).unwrap_err()),
            ("-32769", read_one("-32769", read::<i16>).unwrap_err()),
        ] {
            assert_eq!(
                error.to_string(),
                "invalid JSON body: `Member`: expected an integer in range",
                "{body}"
            );
        }
        assert_eq!(round_trip(&-5i8), (r#"{"m":-5}"#.to_owned(), Some(-5)));
        assert_eq!(round_trip(&300i16).1, Some(300));
    }

    #[test]
    fn a_blob_is_base64_text() {
        let blob = aws_smithy_types::Blob::new("hi?");
        let (text, read_back) = round_trip(&blob);
        assert_eq!(text, r#"{"m":"aGk/"}"#);
        assert_eq!(read_back, Some(blob));
        let mut tokens = tokens(br#""not base64!""#);
        assert_eq!(
            read::<aws_smithy_types::Blob>(&mut tokens, "Data")
                .unwrap_err()
                .to_string(),
            "invalid JSON body: `Data`: expected base64 text"
        );
    }

    #[test]
    fn sparse_items_keep_null_and_dense_ones_leave_it_out() {
        let mut sparse = tokens(br#"[1, null, 3]"#);
        assert_eq!(
            read::<Vec<Option<i32>>>(&mut sparse, "Sparse").unwrap(),
            Some(vec![Some(1), None, Some(3)])
        );
        let mut dense = tokens(br#"[1, null, 3]"#);
        assert_eq!(
            read::<Vec<i32>>(&mut dense, "Dense").unwrap(),
            Some(vec![1, 3])
        );
        let mut entries = tokens(br#"{"a": null, "b": "x"}"#);
        let map = read::<HashMap<String, Option<String>>>(&mut entries, "Sparse")
            .unwrap()
            .unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map["a"], None);
        let (text, _) = round_trip(&vec![None, Some(true)]);
        assert_eq!(text, r#"{"m":[null,true]}"#);
    }

    /// A union of a string `s` and a number `n`, as generated code reads one.
    fn read_test_union(body: &[u8]) -> Result<Option<String>, JsonError> {
        read_union(&mut tokens(body), "U", |key, tokens| {
            Ok(match key {
                "s" => format!("s={}", read_string(tokens, key)?.unwrap_or_default()),
                "n" => format!(
                    "n={}",
                    read_integer::<i64>(tokens, key)?.unwrap_or_default()
                ),
                _ => {
                    skip(tokens)?;
                    "unknown".to_owned()
                }
            })
        })
    }

    #[test]
    fn a_union_has_one_member_set() {
        let read = |body: &str| read_test_union(body.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(read(r#"{"s": "x"}"#), Ok(Some("s=x".to_owned())));
        assert_eq!(read("null"), Ok(None));
        // `null` members and `__type` are left out; an unknown member is one.
        assert_eq!(
            read(r#"{"s": null, "__type": "a#U", "n": 7}"#),
            Ok(Some("n=7".to_owned()))
        );
        assert_eq!(
            read(r#"{"later": {"a": [1]}}"#),
            Ok(Some("unknown".to_owned()))
        );
        assert_eq!(
            read(r#"{"s": "x", "n": 1}"#),
            Err(
                "invalid JSON body: `U`: a union has one member set, but `s` and `n` are"
                    .to_owned()
            )
        );
        assert_eq!(
            read(r#"{"s": null}"#),
            Err("invalid JSON body: `U`: a union has one member set, but none is".to_owned())
        );
        assert!(read(r#"["s"]"#).is_err());
        assert_eq!(
            unknown_union_variant("Action").to_string(),
            "`Action` cannot be written: it is the union's `Unknown` variant, which only a response can hold"
        );
    }

    #[test]
    fn a_document_is_any_json_value_within_a_depth() {
        use aws_smithy_types::{Document, Number};
        let mut value = tokens(br#"{"a": [1, -2, 2.5, "x", true, null], "b": {}}"#);
        let document = read::<Document>(&mut value, "Doc").unwrap().unwrap();
        let Document::Object(entries) = &document else {
            panic!("an object: {document:?}")
        };
        assert_eq!(
            entries["a"],
            Document::Array(vec![
                Document::Number(Number::PosInt(1)),
                Document::Number(Number::NegInt(-2)),
                Document::Number(Number::Float(2.5)),
                Document::String("x".to_owned()),
                Document::Bool(true),
                Document::Null,
            ])
        );
        assert_eq!(round_trip(&document).1, Some(document));
        assert_eq!(read::<Document>(&mut tokens(b"null"), "Doc").unwrap(), None);
        let deepest = format!(
            "{}{}",
            "[".repeat(MAX_NESTING_DEPTH),
            "]".repeat(MAX_NESTING_DEPTH)
        );
        assert!(read::<Document>(&mut tokens(deepest.as_bytes()), "Doc").is_ok());
        let deeper = format!("[{deepest}]");
        assert_eq!(
            read::<Document>(&mut tokens(deeper.as_bytes()), "Doc")
                .unwrap_err()
                .to_string(),
            "invalid JSON body: failed to parse JSON: the body nests deeper than 128 levels"
        );
    }

    fn any_document() -> impl proptest::strategy::Strategy<Value = aws_smithy_types::Document> {
        use aws_smithy_types::{Document, Number};
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Document::Null),
            any::<bool>().prop_map(Document::Bool),
            any::<u64>().prop_map(|n| Document::Number(Number::PosInt(n))),
            (i64::MIN..0).prop_map(|n| Document::Number(Number::NegInt(n))),
            "\\PC{0,8}".prop_map(Document::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Document::Array),
                proptest::collection::hash_map("[a-z]{0,4}", inner, 0..4)
                    .prop_map(Document::Object),
            ]
        })
    }

    /// Whether the cursor walks the whole of `body` (skipping its one
    /// value) within the nesting bound.
    fn walks(body: &str) -> Result<(), JsonError> {
        let mut tokens = tokens(body.as_bytes());
        skip(&mut tokens)?;
        expect_end(&mut tokens)
    }

    #[test]
    fn nesting_is_counted_outside_strings_and_bounded() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(walks(&nested(MAX_NESTING_DEPTH)).is_ok());
        let error = walks(&nested(MAX_NESTING_DEPTH + 1)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON body: failed to parse JSON: the body nests deeper than 128 levels"
        );
        // Siblings do not add up: only how deep they nest counts.
        let siblings = format!("[{}]", vec![nested(MAX_NESTING_DEPTH - 1); 3].join(","));
        assert!(walks(&siblings).is_ok());
        // Brackets in strings, escaped quotes included, are text.
        let in_text = format!(r#"{{"a":"{}\"{}"}}"#, "[".repeat(500), "{".repeat(500));
        assert!(walks(&in_text).is_ok());
        // What a recursive structure's reader is given goes through it.
        let deep = format!("{}{}", r#"{"a":"#.repeat(1000), "}".repeat(1000));
        let error = read_body_object(deep.as_bytes(), "Node", &mut |_, tokens| {
            skip(tokens)?;
            Ok(true)
        })
        .unwrap_err();
        assert!(
            error.to_string().contains("nests deeper than 128"),
            "{error}"
        );
    }

    #[test]
    fn a_box_reads_as_what_it_holds() {
        let read: Option<Box<String>> = read_boxed(&mut tokens(br#""x""#), "m").unwrap();
        assert_eq!(read.as_deref().map(String::as_str), Some("x"));
        let read: Option<Box<String>> = read_boxed(&mut tokens(b"null"), "m").unwrap();
        assert!(read.is_none());
    }

    #[test]
    fn big_numbers_are_read_digit_for_digit_and_written_as_json_numbers() {
        use aws_smithy_types::{BigDecimal, BigInteger};
        use std::str::FromStr;
        let digits = "123456789012345678901234567890";
        let body = format!(r#"{{"a": -{digits}, "b": {digits}.5e-3, "c": "7", "d": null}}"#);
        let mut tokens = tokens(body.as_bytes());
        assert!(start_object(&mut tokens, "body").unwrap());
        let mut members = Vec::new();
        while let Some(key) = next_key(&mut tokens, "body").unwrap() {
            let key = key.into_owned();
            let number = read::<BigDecimal>(&mut tokens, "Member").unwrap();
            members.push((key, number.map(|number| number.as_ref().to_owned())));
        }
        assert_eq!(
            members,
            [
                ("a".to_owned(), Some(format!("-{digits}"))),
                ("b".to_owned(), Some(format!("{digits}.5e-3"))),
                ("c".to_owned(), Some("7".to_owned())),
                ("d".to_owned(), None),
            ]
        );
        assert_eq!(
            read_one("12.5", read::<BigInteger>)
                .unwrap_err()
                .to_string(),
            "invalid JSON body: `Member`: expected a whole number"
        );
        assert_eq!(
            read_one("true", read::<BigDecimal>)
                .unwrap_err()
                .to_string(),
            "invalid JSON body: `Member`: expected a decimal number"
        );
        assert!(read_one(r#""1e""#, read::<BigDecimal>).is_err());
        let written = write_value_body(&BigDecimal::from_str("+.5").unwrap(), "m").unwrap();
        assert_eq!(written, "0.5");
        let written = write_value_body(&BigInteger::from_str("-007").unwrap(), "m").unwrap();
        assert_eq!(written, "-7");
    }

    proptest::proptest! {
        #[test]
        fn any_big_number_reads_back_as_written(int in "-?[0-9]{1,60}", frac in "[0-9]{0,30}", exp in "([eE][+-]?[0-9]{1,3})?") {
            use crate::big_numbers::{compare, json_number};
            use aws_smithy_types::{BigDecimal, BigInteger};
            // The same value, and the same text when the text was already JSON's.
            let integer: BigInteger = int.parse().unwrap();
            let read = round_trip(&integer).1.unwrap();
            proptest::prop_assert_eq!(compare(read.as_ref(), &int), Some(std::cmp::Ordering::Equal));
            proptest::prop_assert_eq!(read.as_ref(), json_number(&int));
            let text = format!("{int}.{frac}{exp}");
            let decimal: BigDecimal = text.parse().unwrap();
            let read = round_trip(&decimal).1.unwrap();
            proptest::prop_assert_eq!(&read, &decimal);
            proptest::prop_assert_eq!(read.as_ref(), json_number(&text));
        }

        #[test]
        fn any_body_read_as_a_big_number_does_not_panic(body in r#"[-+.eE0-9" ,]{0,40}"#) {
            let _ = read_one(&body, read::<aws_smithy_types::BigInteger>);
            let _ = read_one(&body, read::<aws_smithy_types::BigDecimal>);
        }

        #[test]
        fn nesting_is_refused_exactly_past_the_bound(depth in 0usize..200, value in "(1|\"x\"|\\{\\}|null)") {
            let body = format!("{}{value}{}", "[".repeat(depth), "]".repeat(depth));
            let levels = depth + usize::from(value == "{}");
            proptest::prop_assert_eq!(walks(&body).is_ok(), levels <= MAX_NESTING_DEPTH);
        }

        #[test]
        fn any_bytes_are_walked_without_panicking(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let mut tokens = tokens(&body);
            while let Some(Ok(_)) = tokens.next() {}
        }

        #[test]
        fn any_document_reads_back_as_written(document in any_document()) {
            let read_back = round_trip(&document).1;
            if document == aws_smithy_types::Document::Null {
                proptest::prop_assert_eq!(read_back, None);
            } else {
                proptest::prop_assert_eq!(read_back, Some(document));
            }
        }

        #[test]
        fn any_body_read_as_a_document_does_not_panic(body in r#"[{}\[\]",: a0-9.e-]{0,64}"#) {
            let _ = read::<aws_smithy_types::Document>(&mut tokens(body.as_bytes()), "m");
        }

        #[test]
        fn any_body_read_as_a_union_does_not_panic(body in r#"[{}\[\]",: snul0-9_type]{0,48}"#) {
            let _ = read_test_union(body.as_bytes());
        }

        #[test]
        fn any_sparse_list_reads_back_as_written(items in proptest::collection::vec(proptest::option::of(proptest::num::i64::ANY), 0..12)) {
            proptest::prop_assert_eq!(round_trip(&items).1, Some(items));
        }

        #[test]
        fn any_blob_reads_back_as_written(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let blob = aws_smithy_types::Blob::new(bytes);
            proptest::prop_assert_eq!(round_trip(&blob).1, Some(blob));
        }

        #[test]
        fn any_text_read_as_a_blob_is_refused_or_read_without_panicking(text in "\\PC{0,40}") {
            let json = format!("{:?}", text);
            let _ = read::<aws_smithy_types::Blob>(&mut tokens(json.as_bytes()), "m");
        }

        #[test]
        fn any_double_reads_back_as_written(value in proptest::num::f64::ANY) {
            let read = round_trip(&value).1.unwrap();
            proptest::prop_assert!(read == value || (read.is_nan() && value.is_nan()), "{value} read as {read}");
        }

        #[test]
        fn any_float_reads_back_as_written(value in proptest::num::f32::ANY) {
            let read = round_trip(&value).1.unwrap();
            proptest::prop_assert!(read == value || (read.is_nan() && value.is_nan()), "{value} read as {read}");
        }

        #[test]
        fn any_byte_and_short_read_back_as_written(byte: i8, short: i16) {
            proptest::prop_assert_eq!(round_trip(&byte).1, Some(byte));
            proptest::prop_assert_eq!(round_trip(&short).1, Some(short));
        }

        #[test]
        fn any_number_or_string_reads_as_a_float_without_panicking(body in "(-?[0-9]{1,40}(\\.[0-9]{0,20})?(e-?[0-9]{1,4})?|\"[A-Za-z-]{0,9}\")") {
            let _ = read_one(&body, read::<f64>);
            let _ = read_one(&body, read::<f32>);
            let _ = read_one(&body, read::<i8>);
        }

        #[test]
        fn any_epoch_number_reads_without_panicking(body in "-?[0-9]{1,30}(\\.[0-9]{0,12})?(e-?[0-9]{1,3})?") {
            let _ = timestamp(&body, Format::EpochSeconds);
        }
    }
}
