//! A machine whose clock is off: the client learns the service's time from
//! its `Date` headers and signs by it. The service here is `chime-local`
//! with its clock offset, so the machine's own clock is never touched.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use chime_local::LocalChime;
use support::{ACCESS_KEY, ACCOUNT, Reply, SECRET_KEY, Server};

/// Sends a call that is expected to fail.
async fn failing_call(
    client: &chime_lean::Client,
) -> chime_lean::Error<chime_lean::operation::create_app_instance::CreateAppInstanceError> {
    client
        .create_app_instance()
        .name("n")
        .send()
        .await
        .expect_err("the call should fail")
}

/// A signature refusal with this message, as AWS's front end sends one.
fn signature_refusal(message: &str) -> Reply {
    Reply::json(403, &format!(r#"{{"message":"{message}"}}"#))
        .header("x-amzn-errortype", "InvalidSignatureException")
}

/// A service whose clock is `offset` seconds ahead of this machine's.
async fn offset_service(offset: i64) -> LocalChime {
    LocalChime::builder()
        .account(ACCOUNT, ACCESS_KEY, SECRET_KEY)
        .session_token(support::SESSION_TOKEN)
        .log_unauthenticated(true)
        .clock_offset_seconds(offset)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_skewed_clock_costs_one_retry_then_calls_are_signed_by_the_services_time() {
    for offset in [20 * 60, -20 * 60, 3 * 3600] {
        let local = offset_service(offset).await;
        let client = support::client_for(local.endpoint_url(), |c| c);
        let (_, token) = client
            .create_app_instance()
            .name("first")
            .send_with_token()
            .await
            .unwrap_or_else(|e| panic!("offset {offset}: {e}"));
        let requests = local.requests();
        assert_eq!(requests.len(), 2, "offset {offset}: one refusal, one retry");
        assert!(!requests[0].authorized);
        assert_eq!(
            requests[0].error_type.as_deref(),
            Some("InvalidSignatureException")
        );
        assert!(requests[1].authorized);
        // The retry is the same logical call.
        for request in &requests {
            let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(body["ClientRequestToken"], token.as_str());
        }
        for _ in 0..3 {
            client
                .create_app_instance()
                .name("next")
                .send()
                .await
                .unwrap();
        }
        assert_eq!(
            local.requests().len(),
            5,
            "offset {offset}: later calls need no retry"
        );
        assert!(local.requests()[2..].iter().all(|r| r.authorized));
    }
}

#[tokio::test]
async fn a_skew_refusal_is_retried_once_a_call_not_until_attempts_run_out() {
    let server = Server::always(signature_refusal(
        "Signature expired: 20261201T100000Z is now earlier than 20261201T102500Z \
         (20261201T104000Z - 15 min.)",
    ))
    .await;
    let error = failing_call(&server.client(|c| c)).await;
    assert_eq!(server.requests().len(), 2);
    assert_eq!(error.attempts(), 2);
    assert_eq!(
        error.as_service_error().unwrap().error_name(),
        Some("InvalidSignatureException")
    );
}

#[tokio::test]
async fn a_signature_refusal_that_is_not_about_time_is_not_retried() {
    let server = Server::always(signature_refusal(
        "The request signature we calculated does not match the signature you provided.",
    ))
    .await;
    failing_call(&server.client(|c| c)).await;
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn without_a_date_the_skew_cannot_be_measured_and_nothing_is_retried() {
    // A service that names the skew but does not say its time: another
    // attempt would be signed the same way and fail the same way.
    let local = offset_service(20 * 60).await;
    let client = support::client_for(local.endpoint_url(), |c| c);
    // chime-local always sends a `Date`; an unreadable one stands for none.
    local.set_standing_fault(Some(chime_local::Fault::Raw {
        status: 403,
        headers: vec![
            ("x-amzn-errortype".into(), "RequestTimeTooSkewed".into()),
            ("date".into(), "not a date".into()),
        ],
        body: b"{}".to_vec(),
    }));
    let error = failing_call(&client).await;
    // The first request is refused by the signature check, which answers
    // with a `Date`; faults apply only to authorized requests, so the
    // retry, signed by the service's time, meets the fault, without a date.
    assert_eq!(local.requests().len(), 2);
    assert_eq!(error.attempts(), 2);
    assert_eq!(
        error.as_service_error().unwrap().error_name(),
        Some("RequestTimeTooSkewed")
    );
}
