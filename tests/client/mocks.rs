//! A caller's own tests fake calls with rules (feature `test-util`): no
//! network, no credentials, no region; the fluent API as in production.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_lean::ErrorKind;
use chime_lean::mock;
use chime_lean::operation::create_app_instance::{
    CreateAppInstance, CreateAppInstanceError, CreateAppInstanceOutput,
};
use chime_lean::types::ErrorCode;
use chime_lean::types::error::ConflictException;

fn client(rules: impl IntoIterator<Item = mock::Rule>) -> chime_lean::Client {
    chime_lean::Client::from_conf(chime_lean::Config::builder().mock_rules(rules).build())
}

#[tokio::test]
async fn the_first_rule_that_matches_the_input_answers() {
    let ops = mock::rule::<CreateAppInstance>()
        .match_requests(|input| input.name() == "ops")
        .then_output(|| {
            CreateAppInstanceOutput::builder()
                .app_instance_arn("arn:aws:chime:us-east-1:123456789012:app-instance/ops")
                .build()
        });
    let taken = mock::rule::<CreateAppInstance>().then_error(|| {
        CreateAppInstanceError::ConflictException(
            ConflictException::builder()
                .code(ErrorCode::Conflict)
                .message("the name is taken")
                .build(),
        )
    });
    let client = client([ops.clone(), taken.clone()]);

    let created = client
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.app_instance_arn(),
        Some("arn:aws:chime:us-east-1:123456789012:app-instance/ops")
    );
    let refused = client
        .create_app_instance()
        .name("dev")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(refused.kind(), ErrorKind::Service(e) if e.is_conflict_exception()),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        "CreateAppInstance failed: ConflictException: the name is taken (HTTP 409)"
    );
    assert_eq!((ops.calls(), taken.calls()), (1, 1));
}

#[tokio::test]
async fn the_token_is_filled_and_the_input_checked_as_in_a_real_call() {
    let any = mock::rule::<CreateAppInstance>()
        .match_requests(|input| input.client_request_token().is_some())
        .then_output(|| CreateAppInstanceOutput::builder().build());
    let client = chime_lean::Client::from_conf(
        chime_lean::Config::builder()
            .mock_rules([any.clone()])
            .validate_input(true)
            .build(),
    );
    let (_, token) = client
        .create_app_instance()
        .name("ops")
        .send_with_token()
        .await
        .unwrap();
    assert_eq!(token.as_str().len(), 36, "a fresh UUID");
    let invalid = client
        .create_app_instance()
        .name("")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(invalid.kind(), ErrorKind::InvalidInput(_)),
        "{invalid:?}"
    );
    assert_eq!(any.calls(), 1, "the invalid input reached no rule");
}

#[tokio::test]
async fn a_call_no_rule_answers_fails_saying_so() {
    let never = mock::rule::<CreateAppInstance>()
        .match_requests(|_| false)
        .then_output(|| CreateAppInstanceOutput::builder().build());
    let error = client([never.clone()])
        .create_app_instance()
        .name("ops")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "CreateAppInstance failed: cannot build the request: no mock rule answers this CreateAppInstance call"
    );
    assert_eq!(error.attempts(), 0);
    assert_eq!(never.calls(), 0);
    assert_eq!(
        format!("{never:?}"),
        "Rule { operation: \"CreateAppInstance\", calls: 0 }"
    );
}
