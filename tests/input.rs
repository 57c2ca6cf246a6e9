//! The generated input crate: builders, validation, JSON bodies and redaction.
//!
//! The oracles here (lengths and the model's patterns) are written by hand
//! from the model, independently of the generated code.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_lean_input::{CreateAppInstanceInput, OperationInput, Rule, Tag};
use proptest::prelude::*;

/// `NonEmptyResourceName`'s pattern, read as ECMA-262 reads it: the class is
/// TAB, LF, CR, U+0020-U+007E, U+0085, U+00A0-U+D7FF, U+E000-U+FFFD, U+1000 (inside the next range),
/// `0`-U+10FF and `F` (the model's `\u10000-\u10FFFF` is not an astral range).
fn name_char_allowed(c: char) -> bool {
    let c = c as u32;
    matches!(c, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x30..=0x10FF)
}

fn token_char_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn chars(
    range: std::ops::RangeInclusive<usize>,
    allowed: fn(char) -> bool,
) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        any::<char>().prop_filter("allowed", move |c| allowed(*c)),
        range,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn any_text(range: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), range).prop_map(|v| v.into_iter().collect())
}

fn valid_tag() -> impl Strategy<Value = Tag> {
    (any_text(1..=128), any_text(1..=256)).prop_map(|(key, value)| {
        Tag::builder()
            .key(key)
            .value(value)
            .build()
            .expect("both members are set")
    })
}

fn valid_input() -> impl Strategy<Value = CreateAppInstanceInput> {
    (
        chars(1..=256, name_char_allowed),
        proptest::option::of(any_text(0..=1024)),
        proptest::option::of(chars(2..=64, token_char_allowed)),
        proptest::option::of(proptest::collection::vec(valid_tag(), 1..=50)),
    )
        .prop_map(|(name, metadata, token, tags)| {
            CreateAppInstanceInput::builder()
                .name(name)
                .set_metadata(metadata)
                .set_client_request_token(token)
                .set_tags(tags)
                .build()
                .expect("name is set")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn valid_inputs_validate_and_round_trip_through_json(input in valid_input()) {
        prop_assert_eq!(input.validate(), Ok(()));
        let body = input.to_json().unwrap();
        let parsed = CreateAppInstanceInput::from_json(body.as_bytes()).expect("our own body parses");
        prop_assert_eq!(&parsed, &input);
        // The body is plain JSON that any parser reads, with the model's member names.
        let value: serde_json::Value = serde_json::from_str(&body).expect("valid JSON");
        prop_assert_eq!(value["Name"].as_str(), Some(input.name()));
        prop_assert_eq!(value.get("Metadata").and_then(|v| v.as_str()), input.metadata());
        prop_assert!(!body.contains("null"), "unset members are left out, never null");
    }

    #[test]
    fn a_bad_tag_at_any_position_is_reported_with_its_path(
        mut tags in proptest::collection::vec(valid_tag(), 1..=50),
        position in any::<prop::sample::Index>(),
        long_key in any_text(129..=140),
        bad_value_is_empty in any::<bool>(),
    ) {
        let at = position.index(tags.len());
        let (path, rule) = if bad_value_is_empty {
            tags[at] = Tag::builder().key(tags[at].key()).value("").build().expect("set");
            (format!("Tags[{at}].Value"), Rule::StringLength { min: Some(1), max: Some(256), actual: 0 })
        } else {
            let actual = long_key.chars().count() as u64;
            tags[at] = Tag::builder().key(long_key).value(tags[at].value()).build().expect("set");
            (format!("Tags[{at}].Key"), Rule::StringLength { min: Some(1), max: Some(128), actual })
        };
        let input = CreateAppInstanceInput::builder().name("ops").set_tags(Some(tags)).build().expect("set");
        let error = input.validate().expect_err("one tag is invalid");
        prop_assert_eq!(error.violations().len(), 1);
        prop_assert_eq!(error.violations()[0].path(), path.as_str());
        prop_assert_eq!(error.violations()[0].rule(), &rule);
    }

    #[test]
    fn names_follow_the_length_and_pattern_oracles(name in any_text(0..=300)) {
        let input = CreateAppInstanceInput::builder().name(name.clone()).build().expect("set");
        let length = name.chars().count();
        let expect_length = !(1..=256).contains(&length);
        let expect_pattern = !name.chars().all(name_char_allowed);
        let violations = input.validate().err().map(|e| e.violations().to_vec()).unwrap_or_default();
        let length_reported = violations.iter().any(|v| v.path() == "Name" && matches!(v.rule(), Rule::StringLength { .. }));
        let pattern_reported = violations.iter().any(|v| v.path() == "Name" && matches!(v.rule(), Rule::Pattern { .. }));
        prop_assert_eq!(length_reported, expect_length);
        prop_assert_eq!(pattern_reported, expect_pattern);
        prop_assert_eq!(violations.len(), usize::from(expect_length) + usize::from(expect_pattern));
    }

    #[test]
    fn tokens_follow_the_length_and_pattern_oracles(token in any_text(0..=70)) {
        let input = CreateAppInstanceInput::builder().name("ops").client_request_token(token.clone()).build().expect("set");
        let length = token.chars().count();
        let mut expected = Vec::new();
        if !(2..=64).contains(&length) {
            expected.push(Rule::StringLength { min: Some(2), max: Some(64), actual: length as u64 });
        }
        if !token.chars().all(token_char_allowed) {
            expected.push(Rule::Pattern { pattern: "^[-_a-zA-Z0-9]*$" });
        }
        let found: Vec<Rule> = input.validate().err().map(|e| e.violations().iter().map(|v| { assert_eq!(v.path(), "ClientRequestToken"); v.rule().clone() }).collect()).unwrap_or_default();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn debug_never_shows_sensitive_values(input in valid_input()) {
        let shown = format!("{input:?} {:?}", CreateAppInstanceInput::builder().name(input.name()));
        let mut secrets: Vec<&str> = vec![input.name()];
        secrets.extend(input.metadata());
        secrets.extend(input.client_request_token());
        for tag in input.tags().unwrap_or_default() {
            secrets.push(tag.key());
            secrets.push(tag.value());
        }
        for secret in secrets.into_iter().filter(|s| s.chars().count() >= 4) {
            prop_assert!(!shown.contains(secret), "{secret:?} appears in Debug output");
        }
    }
}

#[test]
fn every_violation_kind_is_reported_together() {
    let input = CreateAppInstanceInput::builder()
        .name("")
        .metadata("m".repeat(1025))
        .client_request_token("not a token!")
        .set_tags(Some(vec![]))
        .build()
        .expect("set");
    let error = input.validate().expect_err("invalid");
    let report: Vec<String> = error.violations().iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(report.join("\n"), @r"
    `Name`: length must be between 1 and 256 characters, but it has 0
    `Metadata`: length must be between 0 and 1024 characters, but it has 1025
    `ClientRequestToken`: must match the pattern ^[-_a-zA-Z0-9]*$
    `Tags`: number of items must be between 1 and 50 items, but it has 0
    ");
    assert!(
        error
            .to_string()
            .starts_with("4 constraint violations: `Name`")
    );
}

#[test]
fn build_refuses_a_missing_required_member_by_name() {
    let error = CreateAppInstanceInput::builder()
        .metadata("m")
        .build()
        .expect_err("no name");
    assert_eq!(
        error.to_string(),
        "`name` is required to build CreateAppInstanceInput but was not set"
    );
    let error = Tag::builder().key("k").build().expect_err("no value");
    assert_eq!((error.shape(), error.member()), ("Tag", "value"));
    // The idempotency token is required in the model but filled by the client.
    let input = CreateAppInstanceInput::builder()
        .name("ops")
        .build()
        .expect("builds without a token");
    assert_eq!(input.client_request_token(), None);
}

#[test]
fn the_token_is_filled_only_when_unset() {
    let mut input = CreateAppInstanceInput::builder()
        .name("ops")
        .build()
        .expect("set");
    assert_eq!(
        input.ensure_client_request_token(|| "generated-1".to_owned()),
        "generated-1"
    );
    assert_eq!(
        input.ensure_client_request_token(|| "generated-2".to_owned()),
        "generated-1"
    );
    let mut empty = CreateAppInstanceInput::builder()
        .name("ops")
        .client_request_token("")
        .build()
        .expect("set");
    assert_eq!(
        empty.ensure_client_request_token(|| unreachable!(
            "an empty token set by the caller is kept"
        )),
        ""
    );
}

#[test]
fn request_bodies() {
    let minimal = CreateAppInstanceInput::builder()
        .name("ops")
        .build()
        .expect("set");
    insta::assert_snapshot!(minimal.to_json().unwrap(), @r#"{"Name":"ops"}"#);
    let full = CreateAppInstanceInput::builder()
        .name("ops \"team\"\n")
        .metadata("{\"tier\":1}")
        .client_request_token("a1b2-c3")
        .tags(
            Tag::builder()
                .key("env")
                .value("prod")
                .build()
                .expect("set"),
        )
        .tags(
            Tag::builder()
                .key("ünïcode")
                .value("☃")
                .build()
                .expect("set"),
        )
        .build()
        .expect("set");
    insta::assert_snapshot!(full.to_json().unwrap(), @r#"{"Name":"ops \"team\"\n","Metadata":"{\"tier\":1}","ClientRequestToken":"a1b2-c3","Tags":[{"Key":"env","Value":"prod"},{"Key":"ünïcode","Value":"☃"}]}"#);
    assert_eq!(CreateAppInstanceInput::HTTP_METHOD, "POST");
    assert_eq!(CreateAppInstanceInput::HTTP_PATH, "/app-instances");
    assert_eq!(CreateAppInstanceInput::HTTP_SUCCESS_STATUS, 201);
    assert_eq!(CreateAppInstanceInput::HOST_PREFIX, Some("identity-"));
    assert_eq!(
        (chime_lean_input::SIGNING_NAME, chime_lean_input::SDK_ID),
        ("chime", "Chime")
    );
}

#[test]
fn output_bodies_are_read_leniently() {
    use chime_lean_output::CreateAppInstanceOutput;
    let arn = "arn:aws:chime:us-east-1:123456789012:app-instance/abc";
    let parsed = CreateAppInstanceOutput::from_json(
        format!(r#"{{"Unknown":[1,{{"x":null}}],"AppInstanceArn":"{arn}"}}"#).as_bytes(),
    )
    .expect("parses");
    assert_eq!(parsed.app_instance_arn(), Some(arn));
    assert_eq!(
        CreateAppInstanceOutput::from_json(b"").expect("empty body"),
        CreateAppInstanceOutput::builder().build()
    );
    assert_eq!(
        CreateAppInstanceOutput::from_json(b"{}")
            .expect("empty object")
            .app_instance_arn(),
        None
    );
    assert_eq!(
        CreateAppInstanceOutput::from_json(br#"{"AppInstanceArn":null}"#)
            .expect("null")
            .app_instance_arn(),
        None
    );
    for (body, needle) in [
        (
            &br#"{"AppInstanceArn":5}"#[..],
            "`AppInstanceArn`: expected a string",
        ),
        (br#"{"AppInstanceArn":"a""#, "invalid JSON body"),
        (br#"[]"#, "expected an object"),
        (br#"{} {}"#, "after the top-level value"),
        (b"\xff\xfe", "invalid JSON body"),
    ] {
        let error = CreateAppInstanceOutput::from_json(body).expect_err("invalid");
        assert!(error.to_string().contains(needle), "{body:?}: {error}");
    }
}
