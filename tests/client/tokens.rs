//! Properties of idempotency tokens, over the wire to a server on 127.0.0.1.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

mod support;

use chime_lean::token::{IdempotencyTokenProvider, RandomUuidTokens, format_uuid_v4};
use chime_lean::types::Tag;
use proptest::prelude::*;
use std::collections::HashSet;
use support::{Reply, Server};

/// Checks the RFC 9562 layout without using the code under test.
fn assert_uuid_v4(token: &str) {
    let groups: Vec<&str> = token.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    assert_eq!(lengths, [8, 4, 4, 4, 12], "{token}");
    assert!(
        groups
            .iter()
            .all(|g| g.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))),
        "{token}"
    );
    assert!(groups[2].starts_with('4'), "version nibble of {token}");
    assert!(
        matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
        "variant bits of {token}"
    );
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #[test]
    fn any_random_bits_format_as_a_version_4_uuid(bits in any::<u128>()) {
        let token = format_uuid_v4(bits);
        assert_uuid_v4(&token);
        // Exactly the six fixed bits are overwritten.
        let hex: String = token.chars().filter(|c| *c != '-').collect();
        let kept = u128::from_str_radix(&hex, 16).unwrap();
        let fixed = (0xF_u128 << 76) | (0b11_u128 << 62);
        prop_assert_eq!(kept & !fixed, bits & !fixed);
    }

    #[test]
    fn seeded_generators_give_distinct_valid_tokens(seed in any::<u64>()) {
        let provider = RandomUuidTokens::from_seed(seed);
        let tokens: Vec<String> = (0..256).map(|_| provider.make_token()).collect();
        tokens.iter().for_each(|t| assert_uuid_v4(t));
        let distinct: HashSet<&String> = tokens.iter().collect();
        prop_assert_eq!(distinct.len(), tokens.len());
    }
}

#[test]
fn every_call_sends_a_fresh_valid_token() {
    runtime().block_on(async {
        let server = Server::always(Reply::Handle).await;
        let client = server.client(|c| c);
        let mut returned = HashSet::new();
        for _ in 0..200 {
            let (_, token) = client
                .create_app_instance()
                .name("n")
                .send_with_token()
                .await
                .unwrap();
            returned.insert(token.into_string());
        }
        let sent: HashSet<String> = server.requests().iter().map(|r| r.token()).collect();
        assert_eq!(sent.len(), 200);
        assert_eq!(sent, returned);
        sent.iter().for_each(|t| assert_uuid_v4(t));
    });
}

fn tag() -> impl Strategy<Value = Tag> {
    ("[a-z]{1,8}", "\\PC{1,12}").prop_map(|(k, v)| Tag::builder().key(k).value(v).build().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_callers_token_is_sent_unchanged(token in "\\PC{0,40}") {
        runtime().block_on(async {
            let server = Server::always(Reply::accepted()).await;
            let client = server.client(|c| c);
            let (_, used) = client
                .create_app_instance()
                .name("n")
                .client_request_token(token.clone())
                .send_with_token()
                .await
                .unwrap();
            assert_eq!(used.as_str(), token);
            assert_eq!(server.requests()[0].token(), token);
        });
    }

    #[test]
    fn retries_resend_the_first_attempts_body_byte_for_byte(
        name in "\\PC{1,30}",
        metadata in proptest::option::of("\\PC{0,40}"),
        tags in proptest::collection::vec(tag(), 0..4),
    ) {
        runtime().block_on(async {
            let server = Server::start(
                vec![
                    Reply::error(500, "ServiceFailureException", "oops"),
                    Reply::error(429, "ThrottledClientException", "slow"),
                ],
                Reply::accepted(),
            )
            .await;
            let client = server.client(|c| c);
            let (_, token) = client
                .create_app_instance()
                .name(name.clone())
                .set_metadata(metadata.clone())
                .set_tags((!tags.is_empty()).then(|| tags.clone()))
                .send_with_token()
                .await
                .unwrap();
            let requests = server.requests();
            assert_eq!(requests.len(), 3);
            for request in &requests {
                assert_eq!(&request.body, &requests[0].body);
                assert_eq!(request.signature_problem, None);
            }
            let body = requests[0].json();
            assert_eq!(body["ClientRequestToken"], token.as_str());
            assert_eq!(body["Name"], name.as_str());
        });
    }
}
