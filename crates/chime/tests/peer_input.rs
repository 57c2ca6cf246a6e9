//! Whatever a server sends back, the client returns a value: it never
//! panics, and what it returns can always be shown.

mod support;

use aws_smithy_types::retry::RetryConfig;
use proptest::prelude::*;
use support::{Reply, Server};

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "\\PC{0,100}".prop_map(String::into_bytes),
        // Near-misses of real bodies.
        (any::<bool>(), "\\PC{0,20}", "\\PC{0,20}").prop_map(|(arn, a, b)| {
            let key = if arn { "AppInstanceArn" } else { "Message" };
            format!(r#"{{"{key}":"{a}","Code":"{b}","__type":{a:?}}}"#).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_response_becomes_an_output_or_an_error(
        status in 200u16..600,
        body in body(),
        error_type in proptest::option::of("[ -~]{0,40}"),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mut reply = Reply::json(status, "").with_body(body);
            if let Some(name) = &error_type {
                reply = reply.header("x-amzn-errortype", name);
            }
            let server = Server::always(reply).await;
            let client = server.client(|c| c.retry_config(RetryConfig::disabled()));
            match client.create_app_instance().name("n").send().await {
                Ok(output) => {
                    assert!((200..300).contains(&status));
                    let _ = format!("{output:?}");
                }
                Err(error) => {
                    assert!(!error.to_string().is_empty());
                    let _ = format!("{error:?}");
                    if !(200..300).contains(&status) {
                        assert_eq!(error.http_status(), Some(status));
                    }
                }
            }
        });
    }
}
