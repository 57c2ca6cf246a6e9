//! The operations of the official legacy Chime model that the generator
//! supports today generate into a client that builds clippy-clean on its
//! own, under crate names of the caller's choosing, and whose requests have
//! the model's method, path, literal query, host prefix and body.

mod support;

/// The operations, in the order the program below calls them.
const OPERATIONS: &str = "BatchDeletePhoneNumber,BatchUpdatePhoneNumber,CreateAppInstance,\
    CreateAppInstanceUser,CreateMeeting,CreateMeetingWithAttendees,GetMessagingSessionEndpoint";

/// Calls each operation once with a small valid input against the recording
/// listener, then prints the requests, and where each operation's calls go
/// on AWS (its endpoint with its host prefix).
const CALLER: &str = r##"
mod listener;

use chime_legacy::operation::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start().await;
    let credentials = aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test");
    let config = chime_legacy::Config::builder()
        .region(chime_legacy::Region::new("us-east-1"))
        .credentials_provider(credentials.clone())
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = chime_legacy::Client::from_conf(config);
    client.batch_delete_phone_number().phone_number_ids("+12065550100").send().await.unwrap();
    let item = chime_legacy::types::UpdatePhoneNumberRequestItem::builder()
        .phone_number_id("+12065550100")
        .calling_name("Ops")
        .build()
        .unwrap();
    client.batch_update_phone_number().update_phone_number_request_items(item).send().await.unwrap();
    client.create_app_instance().name("ops").client_request_token("token-1").send().await.unwrap();
    client
        .create_app_instance_user()
        .app_instance_arn("arn:aws:chime:us-east-1:123456789012:app-instance/a")
        .app_instance_user_id("user-1")
        .name("User")
        .client_request_token("token-2")
        .send()
        .await
        .unwrap();
    client.create_meeting().client_request_token("token-3").send().await.unwrap();
    client
        .create_meeting_with_attendees()
        .client_request_token("token-4")
        .media_region("us-east-1")
        .send()
        .await
        .unwrap();
    client.get_messaging_session_endpoint().send().await.unwrap();
    for line in log.lock().unwrap().iter() {
        println!("request: {line}");
    }
    let aws = chime_legacy::Client::from_conf(
        chime_legacy::Config::builder()
            .region(chime_legacy::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .build(),
    );
    let endpoints = [
        aws.endpoint_of::<batch_delete_phone_number::BatchDeletePhoneNumber>(),
        aws.endpoint_of::<batch_update_phone_number::BatchUpdatePhoneNumber>(),
        aws.endpoint_of::<create_app_instance::CreateAppInstance>(),
        aws.endpoint_of::<create_app_instance_user::CreateAppInstanceUser>(),
        aws.endpoint_of::<create_meeting::CreateMeeting>(),
        aws.endpoint_of::<create_meeting_with_attendees::CreateMeetingWithAttendees>(),
        aws.endpoint_of::<get_messaging_session_endpoint::GetMessagingSessionEndpoint>(),
    ];
    for endpoint in endpoints {
        println!("endpoint: {}", endpoint.unwrap().base_url);
    }
}
"##;

#[test]
fn the_supported_legacy_operations_build_clippy_clean_and_send_what_the_model_says() {
    let root = xtask::workspace_root();
    let dir = support::fresh_dir("legacy");
    // Under a name of the caller's choosing: the crates follow it.
    support::generate(
        &dir,
        &root.join("model/reference/chime-2018-05-01.json"),
        &["--operations", OPERATIONS, "--crate-prefix", "chime-legacy"],
    );
    for name in [
        "chime-legacy",
        "chime-legacy-input",
        "chime-legacy-output",
        "chime-legacy-error",
    ] {
        assert!(
            dir.join("generated").join(name).join("Cargo.toml").exists(),
            "{name}"
        );
    }
    support::workspace(
        &dir,
        Some(support::Caller {
            client: "chime-legacy",
            main: CALLER,
        }),
    );
    for features in [&[][..], &["--all-features"]] {
        let mut args = vec!["clippy", "--quiet", "--workspace", "--exclude", "caller"];
        args.extend_from_slice(features);
        args.extend(["--", "-D", "warnings"]);
        support::succeeded(&support::cargo(&dir, &args), "clippy");
    }
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let requests: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("request: "))
        .collect();
    let expected = [
        (
            "POST /phone-numbers?operation=batch-delete",
            r#"{"PhoneNumberIds":["+12065550100"]}"#,
        ),
        (
            "POST /phone-numbers?operation=batch-update",
            r#"{"UpdatePhoneNumberRequestItems":[{"PhoneNumberId":"+12065550100","CallingName":"Ops"}]}"#,
        ),
        (
            "POST /app-instances",
            r#"{"Name":"ops","ClientRequestToken":"token-1"}"#,
        ),
        (
            "POST /app-instance-users",
            r#"{"AppInstanceArn":"arn:aws:chime:us-east-1:123456789012:app-instance/a","AppInstanceUserId":"user-1","Name":"User","ClientRequestToken":"token-2"}"#,
        ),
        ("POST /meetings", r#"{"ClientRequestToken":"token-3"}"#),
        (
            "POST /meetings?operation=create-attendees",
            r#"{"ClientRequestToken":"token-4","MediaRegion":"us-east-1"}"#,
        ),
    ];
    assert_eq!(requests.len(), 7, "{stdout}");
    for (request, (target, body)) in requests.iter().zip(expected) {
        assert_eq!(
            *request,
            format!("{target} HTTP/1.1 | application/json | {body}"),
            "{stdout}"
        );
    }
    assert_eq!(
        requests[6], "GET /endpoints/messaging-session HTTP/1.1 | none | ",
        "a GET without body members sends no body"
    );
    let endpoints: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("endpoint: "))
        .collect();
    let global = "chime.us-east-1.amazonaws.com";
    assert_eq!(
        endpoints,
        [
            format!("https://{global}"),
            format!("https://{global}"),
            format!("https://identity-{global}"),
            format!("https://identity-{global}"),
            format!("https://{global}"),
            format!("https://{global}"),
            format!("https://messaging-{global}"),
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
