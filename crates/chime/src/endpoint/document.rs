//! JSON documents (the rule set, the partition data), read with
//! `aws-smithy-json`'s tokenizer, which the generated crates already use,
//! so that the client needs no second JSON library.

use aws_smithy_json::deserialize::{Token, json_token_iter};
use aws_smithy_types::Number;

/// A JSON value. Object members keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits an `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Document>),
    /// An object, members in document order.
    Object(Vec<(String, Document)>),
}

impl Document {
    /// Reads a whole document; anything after it is an error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut tokens = json_token_iter(text.as_bytes()).peekable();
        let document = read(&mut tokens)?;
        match tokens.next() {
            None => Ok(document),
            Some(_) => Err("unexpected data after the JSON document".to_owned()),
        }
    }

    /// An object's member.
    pub fn get(&self, key: &str) -> Option<&Document> {
        match self {
            Document::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Document)]> {
        match self {
            Document::Object(members) => Some(members),
            _ => None,
        }
    }
}

impl std::fmt::Display for Document {
    /// Compact JSON, for error messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Document::Null => f.write_str("null"),
            Document::Bool(b) => write!(f, "{b}"),
            Document::Int(i) => write!(f, "{i}"),
            Document::Float(x) => write!(f, "{x}"),
            Document::String(s) => write!(f, "{s:?}"),
            Document::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Document::Object(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{key:?}:{value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

type Tokens<'a> = std::iter::Peekable<aws_smithy_json::deserialize::JsonTokenIterator<'a>>;

fn read(tokens: &mut Tokens<'_>) -> Result<Document, String> {
    let token = tokens
        .next()
        .ok_or("the JSON document ends early")?
        .map_err(|e| format!("invalid JSON: {e}"))?;
    Ok(match token {
        Token::ValueNull { .. } => Document::Null,
        Token::ValueBool { value, .. } => Document::Bool(value),
        Token::ValueNumber { value, .. } => match value {
            Number::PosInt(n) => i64::try_from(n).map_or(Document::Float(n as f64), Document::Int),
            Number::NegInt(n) => Document::Int(n),
            Number::Float(x) => Document::Float(x),
        },
        Token::ValueString { value, .. } => Document::String(
            value
                .to_unescaped()
                .map_err(|e| format!("invalid JSON string: {e}"))?
                .into_owned(),
        ),
        Token::StartArray { .. } => {
            let mut items = Vec::new();
            loop {
                if let Some(Ok(Token::EndArray { .. })) = tokens.peek() {
                    tokens.next();
                    break Document::Array(items);
                }
                items.push(read(tokens)?);
            }
        }
        Token::StartObject { .. } => {
            let mut members = Vec::new();
            loop {
                match tokens.next() {
                    Some(Ok(Token::EndObject { .. })) => break Document::Object(members),
                    Some(Ok(Token::ObjectKey { key, .. })) => {
                        let key = key
                            .to_unescaped()
                            .map_err(|e| format!("invalid JSON key: {e}"))?
                            .into_owned();
                        members.push((key, read(tokens)?));
                    }
                    Some(Err(e)) => return Err(format!("invalid JSON: {e}")),
                    _ => return Err("invalid JSON object".to_owned()),
                }
            }
        }
        Token::EndArray { .. } | Token::EndObject { .. } | Token::ObjectKey { .. } => {
            return Err("invalid JSON: a value was expected".to_owned());
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_read_with_order_escapes_and_numbers() {
        let doc = Document::parse(r#"{"b":[1,-2,2.5,true,null],"a":"x\"\u00e9"}"#).unwrap();
        let Document::Object(members) = &doc else {
            panic!("an object");
        };
        assert_eq!(members[0].0, "b");
        assert_eq!(
            doc.get("b").unwrap().as_array().unwrap(),
            [
                Document::Int(1),
                Document::Int(-2),
                Document::Float(2.5),
                Document::Bool(true),
                Document::Null
            ]
        );
        assert_eq!(doc.get("a").unwrap().as_str(), Some("x\"é"));
        assert_eq!(doc.to_string(), r#"{"b":[1,-2,2.5,true,null],"a":"x\"é"}"#);
    }

    #[test]
    fn broken_documents_are_errors() {
        for bad in ["", "{", "[1,", r#"{"a" 1}"#, "[1] 2", "nul"] {
            assert!(Document::parse(bad).is_err(), "{bad}");
        }
    }
}
