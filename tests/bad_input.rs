//! Bad input: with validation on, refused before any I/O with the member
//! path and the rule; with it off, sent, and refused by the service with a
//! typed `BadRequestException`.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_lean::ErrorKind;
use chime_lean::error::InvalidInput;
use chime_lean::operation::create_app_instance::{
    CreateAppInstance, CreateAppInstanceError, CreateAppInstanceInput,
};
use chime_lean::types::Tag;
use chime_lean_input::Rule;
use chime_local::LocalChime;
use chime_tests::local_client;
use proptest::prelude::*;

/// Which kind of rule a violation broke, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    Length(Option<u64>, Option<u64>, u64),
    Items(Option<u64>, Option<u64>, u64),
    Pattern,
}

fn broken(rule: &Rule) -> Broken {
    match rule {
        Rule::StringLength { min, max, actual } => Broken::Length(*min, *max, *actual),
        Rule::ListLength { min, max, actual } => Broken::Items(*min, *max, *actual),
        Rule::Pattern { .. } => Broken::Pattern,
        other => panic!("a rule this test does not know: {other:?}"),
    }
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

/// An input and the one violation it must be refused for.
struct Case {
    what: &'static str,
    input: CreateAppInstanceInput,
    path: String,
    rule: Broken,
}

fn case(
    what: &'static str,
    build: impl FnOnce(
        chime_lean_input::CreateAppInstanceInputBuilder,
    ) -> chime_lean_input::CreateAppInstanceInputBuilder,
    path: &str,
    rule: Broken,
) -> Case {
    let builder = CreateAppInstanceInput::builder()
        .name("valid-name")
        .client_request_token("valid-token");
    Case {
        what,
        input: build(builder).build().unwrap(),
        path: path.to_owned(),
        rule,
    }
}

/// Every constraint of the model, broken once.
fn every_violation() -> Vec<Case> {
    let some = |n: u64| Some(n);
    vec![
        case(
            "empty name",
            |b| b.name(""),
            "Name",
            Broken::Length(some(1), some(256), 0),
        ),
        case(
            "long name",
            |b| b.name("n".repeat(257)),
            "Name",
            Broken::Length(some(1), some(256), 257),
        ),
        case(
            "name with a control character",
            |b| b.name("bad\u{1}name"),
            "Name",
            Broken::Pattern,
        ),
        case(
            "long metadata",
            |b| b.metadata("m".repeat(1025)),
            "Metadata",
            Broken::Length(some(0), some(1024), 1025),
        ),
        case(
            "short token",
            |b| b.client_request_token("t"),
            "ClientRequestToken",
            Broken::Length(some(2), some(64), 1),
        ),
        case(
            "long token",
            |b| b.client_request_token("t".repeat(65)),
            "ClientRequestToken",
            Broken::Length(some(2), some(64), 65),
        ),
        case(
            "token with a space",
            |b| b.client_request_token("has space"),
            "ClientRequestToken",
            Broken::Pattern,
        ),
        case(
            "empty tag list",
            |b| b.set_tags(Some(Vec::new())),
            "Tags",
            Broken::Items(some(1), some(50), 0),
        ),
        case(
            "51 tags",
            |b| b.set_tags(Some(vec![tag("k", "v"); 51])),
            "Tags",
            Broken::Items(some(1), some(50), 51),
        ),
        case(
            "empty tag key",
            |b| b.tags(tag("k", "v")).tags(tag("", "v")),
            "Tags[1].Key",
            Broken::Length(some(1), some(128), 0),
        ),
        case(
            "long tag key",
            |b| b.tags(tag(&"k".repeat(129), "v")),
            "Tags[0].Key",
            Broken::Length(some(1), some(128), 129),
        ),
        case(
            "empty tag value",
            |b| b.tags(tag("k", "")),
            "Tags[0].Value",
            Broken::Length(some(1), some(256), 0),
        ),
        case(
            "long tag value",
            |b| {
                b.tags(tag("k", "v"))
                    .tags(tag("k", "v"))
                    .tags(tag("k", &"v".repeat(257)))
            },
            "Tags[2].Value",
            Broken::Length(some(1), some(256), 257),
        ),
    ]
}

fn assert_refused_for(
    error: &chime_lean::Error<CreateAppInstanceError>,
    path: &str,
    rule: Broken,
    what: &str,
) {
    let ErrorKind::InvalidInput(InvalidInput::Constraints(violations)) = error.kind() else {
        panic!("{what}: expected constraint violations, got {error:?}");
    };
    let found: Vec<(&str, Broken)> = violations
        .violations()
        .iter()
        .map(|v| (v.path(), broken(v.rule())))
        .collect();
    assert_eq!(found, [(path, rule)], "{what}");
    let shown = error.to_string();
    assert!(shown.contains(path), "{what}: {shown}");
}

#[tokio::test]
async fn with_validation_on_every_violation_is_refused_before_any_io() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c.validate_input(true));
    for Case {
        what,
        input,
        path,
        rule,
    } in every_violation()
    {
        let error = client.call::<CreateAppInstance>(input).await.unwrap_err();
        assert_refused_for(&error, &path, rule, what);
        assert_eq!(error.attempts(), 0, "{what}");
    }
    assert!(local.requests().is_empty(), "the service saw no request");
}

#[tokio::test]
async fn with_validation_off_the_service_refuses_with_a_typed_bad_request() {
    let local = LocalChime::start().await.unwrap();
    let client = local_client(&local, |c| c);
    let cases = every_violation();
    for Case {
        what, input, path, ..
    } in &cases
    {
        let error = client
            .call::<CreateAppInstance>(input.clone())
            .await
            .unwrap_err();
        let refused = error
            .as_service_error()
            .unwrap_or_else(|| panic!("{what}: expected the service's answer, got {error:?}"));
        assert!(refused.is_bad_request_exception(), "{what}: {error}");
        assert_eq!(error.http_status(), Some(400), "{what}");
        let message = refused.error_message().unwrap_or_default();
        assert!(message.contains(path.as_str()), "{what}: {message}");
        assert_eq!(error.attempts(), 1, "{what}: a bad request is not retried");
    }
    assert_eq!(local.requests().len(), cases.len());
    assert!(local.instances().is_empty());
}

/// A tag list with one broken tag at a random place.
fn tags_with_one_broken() -> impl Strategy<Value = (Vec<Tag>, usize, bool)> {
    (1usize..20, any::<prop::sample::Index>(), any::<bool>()).prop_map(|(len, at, break_key)| {
        let at = at.index(len);
        let tags = (0..len)
            .map(|i| match (i == at, break_key) {
                (true, true) => tag("", "v"),
                (true, false) => tag("k", ""),
                _ => tag(&format!("key{i}"), "value"),
            })
            .collect();
        (tags, at, break_key)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_broken_tag_anywhere_is_reported_at_its_path(
        (tags, at, broke_key) in tags_with_one_broken(),
        name_len in 1usize..300,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let local = LocalChime::start().await.unwrap();
            let client = local_client(&local, |c| c.validate_input(true));
            let error = client
                .create_app_instance()
                .name("n".repeat(name_len))
                .set_tags(Some(tags))
                .send()
                .await
                .unwrap_err();
            let ErrorKind::InvalidInput(InvalidInput::Constraints(violations)) = error.kind() else {
                panic!("expected violations, got {error:?}");
            };
            let mut expected = vec![format!("Tags[{at}].{}", if broke_key { "Key" } else { "Value" })];
            if name_len > 256 {
                expected.insert(0, "Name".to_owned());
            }
            let paths: Vec<&str> = violations.violations().iter().map(|v| v.path()).collect();
            assert_eq!(paths, expected);
            assert!(local.requests().is_empty());
        });
    }
}
