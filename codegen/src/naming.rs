//! Every Rust name the generator writes is decided here, once.
//!
//! Smithy names are converted with `heck`, then escaped so that the result is
//! always a valid identifier: strict and reserved keywords become raw
//! identifiers (`r#type`, `r#gen`), the four that cannot be raw (`self`,
//! `Self`, `super`, `crate`) get a trailing underscore, and a name that would
//! start with a digit gets a leading underscore (fields) or `V` (types and
//! variants, which must stay UpperCamel). Field names that collide after
//! conversion are an error instead of a silent rename, because a user could
//! not tell which builder method sets which member.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition up to 2024, strict and reserved, that can be raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const UNRAWABLE_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The snake_case field (and method) name for a Smithy member name.
///
/// The result is valid Rust source for an identifier, possibly raw (`r#type`).
pub fn field_name(member: &str) -> String {
    let snake = member.to_snake_case();
    escape(
        if snake.is_empty() {
            "_".to_owned()
        } else {
            snake
        },
        "_",
    )
}

/// The UpperCamel type (or enum variant) name for a Smithy shape or member name.
pub fn type_name(shape: &str) -> String {
    let camel = shape.to_upper_camel_case();
    escape(
        if camel.is_empty() {
            "_".to_owned()
        } else {
            camel
        },
        "V",
    )
}

/// The module (and file) name of a generated type: snake_case, with a
/// trailing underscore where that would be a keyword (`Type` -> `type_`),
/// since a raw module name would need a raw path at every use.
pub fn module_name(type_name: &str) -> String {
    let mut snake = unraw(type_name).to_snake_case();
    if RAW_KEYWORDS.contains(&snake.as_str()) || UNRAWABLE_KEYWORDS.contains(&snake.as_str()) {
        snake.push('_');
    }
    snake
}

/// The builder of a structure type: `Tag` -> `TagBuilder`.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// A builder's methods that set or clear and that read a field:
/// `r#type` -> (`set_type`, `get_type`).
pub fn builder_methods(field: &str) -> (String, String) {
    let bare = unraw(field);
    (format!("set_{bare}"), format!("get_{bare}"))
}

/// The predicate of an error enum's variant: `ConflictException` ->
/// `is_conflict_exception`.
pub fn predicate_name(type_name: &str) -> String {
    format!("is_{}", module_name(type_name))
}

/// The method that fills an idempotency token field when it is unset.
pub fn ensure_method(field: &str) -> String {
    format!("ensure_{}", unraw(field))
}

/// The method that hands a streaming payload over, taking the structure:
/// `body` -> `into_body`.
pub fn into_method(field: &str) -> String {
    format!("into_{}", unraw(field))
}

/// The bare name of a possibly raw identifier, for messages and derived names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn escape(name: String, digit_prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else if UNRAWABLE_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `word` after "a" or "an", as its first letter asks: `a map`, `an enum`.
pub(crate) fn with_article(word: &str) -> String {
    // "a union": a `u` that sounds like "you" takes "a".
    let sounds_like_you = word.starts_with("uni") || word.starts_with("use");
    let article = match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') if !sounds_like_you => "an",
        _ => "a",
    };
    format!("{article} {word}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn articles_follow_the_sound_of_the_word() {
        let words = ["map", "enum", "integer", "union", "operation", "structure"];
        let with: Vec<String> = words.iter().map(|word| super::with_article(word)).collect();
        assert_eq!(
            with,
            [
                "a map",
                "an enum",
                "an integer",
                "a union",
                "an operation",
                "a structure"
            ]
        );
    }

    use super::*;

    #[test]
    fn field_names() {
        let table = [
            ("Name", "name"),
            ("ClientRequestToken", "client_request_token"),
            ("AppInstanceArn", "app_instance_arn"),
            ("AppInstanceARN", "app_instance_arn"),
            ("ARN", "arn"),
            ("SSEKMSKeyId", "ssekms_key_id"),
            ("eTag", "e_tag"),
            ("v2Name", "v2_name"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("gen", "r#gen"),
            ("async", "r#async"),
            ("Await", "r#await"),
            ("dyn", "r#dyn"),
            ("try", "r#try"),
            ("yield", "r#yield"),
            ("match", "r#match"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "__"),
            ("3Des", "_3des"),
            ("1", "_1"),
            ("ok", "ok"),
            ("option", "option"),
            ("macro_rules", "macro_rules"),
            ("union", "union"),
            ("static", "r#static"),
            ("Self_", "self_"),
        ];
        for (smithy, rust) in table {
            assert_eq!(field_name(smithy), rust, "field name for {smithy:?}");
        }
    }

    #[test]
    fn type_names() {
        let table = [
            ("CreateAppInstanceRequest", "CreateAppInstanceRequest"),
            ("Tag", "Tag"),
            ("ErrorCode", "ErrorCode"),
            ("BadRequest", "BadRequest"),
            ("US_EAST_1", "UsEast1"),
            ("us-east-1", "UsEast1"),
            ("AES_256", "Aes256"),
            ("3DES", "V3des"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("Option", "Option"),
            ("Result", "Result"),
            ("String", "String"),
            ("type", "Type"),
        ];
        for (smithy, rust) in table {
            assert_eq!(type_name(smithy), rust, "type name for {smithy:?}");
        }
    }

    #[test]
    fn every_escaped_name_parses_as_an_identifier() {
        let words = RAW_KEYWORDS.iter().chain(UNRAWABLE_KEYWORDS).copied();
        for word in words.chain(["3x", "Self", "ok"]) {
            for name in [field_name(word), type_name(word)] {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "{word:?} -> {name:?} is not an identifier"
                );
            }
        }
    }

    #[test]
    fn unraw_strips_only_the_raw_prefix() {
        assert_eq!(unraw("r#type"), "type");
        assert_eq!(unraw("self_"), "self_");
        assert_eq!(unraw("name"), "name");
    }
}
