//! Both official Chime models generate whole, with no `--operations`: all
//! 191 operations of the legacy model and all 30 of Chime SDK Identity.
//! Each client builds clippy-clean on its own, under crate names of the
//! caller's choosing, and a program sends requests through it that cover
//! every kind of binding the models use (labels, literal and bound
//! queries, headers, bodies, none), reads responses with timestamps,
//! defaults and Unit outputs, and shows where each operation's calls go.
//!
//! What each request must be is written here by hand from the model, not
//! taken from the generator.

mod support;

/// Answers of the listener that the programs need beyond its defaults.
const ANSWERS: &str = r##"
const ANSWERS: listener::Answers = &[
    (
        "/channels/c/messages/m1",
        "200 OK",
        r#"{"ChannelMessage":{"MessageId":"m1","Content":"hi","CreatedTimestamp":1515531081.5,"LastEditedTimestamp":null,"Type":"STANDARD"}}"#,
    ),
    ("/emergency-calling/address", "202 Accepted", r#"{"AddressExternalId":"e-1"}"#),
    (
        "/accounts?next-token=p2&max-results=2",
        "200 OK",
        r#"{"Accounts":[{"AwsAccountId":"1","AccountId":"a3","Name":"three"}]}"#,
    ),
    (
        "/accounts?max-results=2",
        "200 OK",
        r#"{"Accounts":[{"AwsAccountId":"1","AccountId":"a1","Name":"one"},{"AwsAccountId":"1","AccountId":"a2","Name":"two"}],"NextToken":"p2"}"#,
    ),
    // A service that answers every page with the token it was sent.
    ("/accounts/a/users", "200 OK", r#"{"Users":[],"NextToken":"same"}"#),
];
"##;

/// Calls operations of the legacy model against the recording listener,
/// then prints the requests, what it read, and where each operation's
/// calls go on AWS (its endpoint with its host prefix).
const LEGACY_CALLER: &str = r##"
// Most of the legacy namespace is deprecated in its model.
#![allow(deprecated)]

mod listener;

use chime_legacy::operation::*;
use chime_legacy::primitives::DateTime;
use chime_legacy::types::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start_with(ANSWERS).await;
    let credentials = aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test");
    let config = chime_legacy::Config::builder()
        .region(chime_legacy::Region::new("us-east-1"))
        .credentials_provider(credentials.clone())
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = chime_legacy::Client::from_conf(config);
    // A literal query, then a body.
    client.batch_delete_phone_number().phone_number_ids("+12065550100").send().await.unwrap();
    let item = UpdatePhoneNumberRequestItem::builder()
        .phone_number_id("+12065550100")
        .calling_name("Ops")
        .build()
        .unwrap();
    client.batch_update_phone_number().update_phone_number_request_items(item).send().await.unwrap();
    client.create_app_instance().name("ops").client_request_token("token-1").send().await.unwrap();
    client.create_meeting().client_request_token("token-3").send().await.unwrap();
    client.get_messaging_session_endpoint().send().await.unwrap();
    // A label that needs encoding, queries of every kind, a header.
    client
        .list_channel_messages()
        .channel_arn("arn:aws:chime:us-east-1:1:app-instance/a/channel/c d")
        .sort_order(SortOrder::Descending)
        .not_before(DateTime::from_secs(1515531081))
        .max_results(25)
        .next_token("t/=+")
        .chime_bearer("arn:aws:chime:us-east-1:1:app-instance/a/user/u")
        .send()
        .await
        .unwrap();
    // A literal query followed by bound ones.
    client.search_available_phone_numbers().area_code("206").max_results(5).send().await.unwrap();
    // DELETE with a label and no body; GET with Unit input; PUT with Unit output.
    client.delete_account().account_id("acc-1").send().await.unwrap();
    client.get_global_settings().send().await.unwrap();
    let bucket = BusinessCallingSettings::builder().cdr_bucket("b").build();
    client.update_global_settings().business_calling(bucket).send().await.unwrap();
    // Two labels and a map in the body.
    client
        .update_sip_media_application_call()
        .sip_media_application_id("sma")
        .transaction_id("tx")
        .arguments("k", "v")
        .send()
        .await
        .unwrap();
    // Responses: epoch-seconds timestamps with a fraction, `null`, a default.
    let message = client
        .get_channel_message()
        .channel_arn("c")
        .message_id("m1")
        .chime_bearer("u")
        .send()
        .await
        .unwrap();
    let message = message.channel_message().unwrap();
    println!(
        "read: {:?} {:?} {:?} redacted={}",
        message.content(),
        message.created_timestamp().map(|t| (t.secs(), t.subsec_nanos())),
        message.last_edited_timestamp(),
        message.redacted()
    );
    let validated = client
        .validate_e911_address()
        .aws_account_id("1")
        .street_number("1")
        .street_info("Main")
        .city("Seattle")
        .state("WA")
        .country("US")
        .postal_code("98101")
        .send()
        .await
        .unwrap();
    println!("read: validation_result={} {:?}", validated.validation_result(), validated.address_external_id());
    // Pages follow the token; a repeated token ends them.
    let pages = client.list_accounts().into_paginator().page_size(2).send().try_collect().await.unwrap();
    let names: Vec<Vec<&str>> = pages
        .iter()
        .map(|page| page.accounts().iter().map(|a| a.name()).collect())
        .collect();
    println!("pages: {names:?}");
    let mut users = client.list_users().account_id("a").into_paginator().page_size(1).send();
    let mut count = 0;
    while let Some(page) = users.next().await {
        page.unwrap();
        count += 1;
    }
    println!("pages: {count} until the token repeated");
    // Refused before any I/O, naming the member and the rule.
    let empty = client.delete_account().account_id("").send().await.unwrap_err();
    println!("refused: {empty}");
    let strict = chime_legacy::Client::from_conf(
        client.config().to_builder().validate_input(true).build(),
    );
    let too_many = strict.list_accounts().max_results(500).send().await.unwrap_err();
    println!("refused: {too_many}");
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
        aws.endpoint_of::<create_app_instance::CreateAppInstance>(),
        aws.endpoint_of::<create_app_instance_user::CreateAppInstanceUser>(),
        aws.endpoint_of::<list_channel_messages::ListChannelMessages>(),
        aws.endpoint_of::<get_messaging_session_endpoint::GetMessagingSessionEndpoint>(),
    ];
    for endpoint in endpoints {
        println!("endpoint: {}", endpoint.unwrap().base_url);
    }
}
"##;

/// Calls operations of Chime SDK Identity against the recording listener,
/// and shows where `CreateAppInstance` goes in eu-central-1.
const IDENTITY_CALLER: &str = r##"
mod listener;

use chime_identity::operation::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start_with(ANSWERS).await;
    let credentials = aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test");
    let config = chime_identity::Config::builder()
        .region(chime_identity::Region::new("eu-central-1"))
        .credentials_provider(credentials.clone())
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = chime_identity::Client::from_conf(config);
    let arn = "arn:aws:chime:eu-central-1:1:app-instance/a";
    client.create_app_instance().name("ops").client_request_token("token-1").send().await.unwrap();
    client.list_app_instance_users().app_instance_arn(arn).max_results(5).send().await.unwrap();
    client.delete_app_instance().app_instance_arn(arn).send().await.unwrap();
    client.describe_app_instance().app_instance_arn(arn).send().await.unwrap();
    for line in log.lock().unwrap().iter() {
        println!("request: {line}");
    }
    let aws = chime_identity::Client::from_conf(
        chime_identity::Config::builder()
            .region(chime_identity::Region::new("eu-central-1"))
            .credentials_provider(credentials)
            .build(),
    );
    let endpoint = aws.endpoint_of::<create_app_instance::CreateAppInstance>().unwrap();
    println!("endpoint: {}", endpoint.base_url);
}
"##;

/// Generates `model` whole under `prefix`, builds it clippy-clean with
/// and without its features, and runs `caller` against it: its output.
fn generate_build_and_run(
    name: &str,
    model: &str,
    prefix: &str,
    caller: &str,
) -> (support::ScratchDir, String) {
    let dir = support::fresh_dir(name);
    support::generate(
        &dir,
        &xtask::workspace_root().join("model/reference").join(model),
        &["--crate-prefix", prefix],
    );
    for suffix in ["", "-input", "-output", "-error"] {
        let crate_dir = dir.join("generated").join(format!("{prefix}{suffix}"));
        assert!(
            crate_dir.join("Cargo.toml").exists(),
            "{}",
            crate_dir.display()
        );
    }
    let main = format!("{caller}{ANSWERS}");
    support::workspace(
        &dir,
        Some(support::Caller {
            client: prefix,
            main: &main,
            writes_outputs: false,
            dependencies: "",
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
    (dir, stdout)
}

/// The lines of `stdout` that start with `prefix`, without it.
fn lines<'a>(stdout: &'a str, prefix: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .collect()
}

#[test]
fn the_whole_legacy_model_builds_clippy_clean_and_sends_what_the_model_says() {
    let (dir, stdout) = generate_build_and_run(
        "legacy",
        "chime-2018-05-01.json",
        "chime-legacy",
        LEGACY_CALLER,
    );
    let operations = std::fs::read_dir(dir.join("generated/chime-legacy/src/operation"))
        .unwrap()
        .count();
    assert_eq!(operations, 191, "one module per operation");
    let json = "application/json";
    let expected = [
        format!("POST /phone-numbers?operation=batch-delete HTTP/1.1 | {json} | {}", r#"{"PhoneNumberIds":["+12065550100"]}"#),
        format!(
            "POST /phone-numbers?operation=batch-update HTTP/1.1 | {json} | {}",
            r#"{"UpdatePhoneNumberRequestItems":[{"PhoneNumberId":"+12065550100","CallingName":"Ops"}]}"#
        ),
        format!("POST /app-instances HTTP/1.1 | {json} | {}", r#"{"Name":"ops","ClientRequestToken":"token-1"}"#),
        format!("POST /meetings HTTP/1.1 | {json} | {}", r#"{"ClientRequestToken":"token-3"}"#),
        // A GET without body members sends no body.
        "GET /endpoints/messaging-session HTTP/1.1 | none | ".to_owned(),
        // Every byte but RFC 3986's unreserved ones is encoded, in the
        // label and in the query; the timestamp is a date-time there.
        "GET /channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fc%20d/messages\
         ?sort-order=DESCENDING&not-before=2018-01-09T20%3A51%3A21Z&max-results=25&next-token=t%2F%3D%2B HTTP/1.1 | none | \
         x-amz-chime-bearer: arn:aws:chime:us-east-1:1:app-instance/a/user/u | "
            .to_owned(),
        "GET /search?type=phone-numbers&area-code=206&max-results=5 HTTP/1.1 | none | ".to_owned(),
        "DELETE /accounts/acc-1 HTTP/1.1 | none | ".to_owned(),
        "GET /settings HTTP/1.1 | none | ".to_owned(),
        format!("PUT /settings HTTP/1.1 | {json} | {}", r#"{"BusinessCalling":{"CdrBucket":"b"}}"#),
        format!("POST /sip-media-applications/sma/calls/tx HTTP/1.1 | {json} | {}", r#"{"Arguments":{"k":"v"}}"#),
        "GET /channels/c/messages/m1 HTTP/1.1 | none | x-amz-chime-bearer: u | ".to_owned(),
        format!(
            "POST /emergency-calling/address HTTP/1.1 | {json} | {}",
            r#"{"AwsAccountId":"1","StreetNumber":"1","StreetInfo":"Main","City":"Seattle","State":"WA","Country":"US","PostalCode":"98101"}"#
        ),
        "GET /accounts?max-results=2 HTTP/1.1 | none | ".to_owned(),
        "GET /accounts?next-token=p2&max-results=2 HTTP/1.1 | none | ".to_owned(),
        "GET /accounts/a/users?max-results=1 HTTP/1.1 | none | ".to_owned(),
        "GET /accounts/a/users?max-results=1&next-token=same HTTP/1.1 | none | ".to_owned(),
    ];
    assert_eq!(lines(&stdout, "request: "), expected, "{stdout}");
    assert_eq!(
        lines(&stdout, "read: "),
        [
            r#"Some("hi") Some((1515531081, 500000000)) None redacted=false"#,
            r#"validation_result=0 Some("e-1")"#,
        ],
        "{stdout}"
    );
    assert_eq!(
        lines(&stdout, "pages: "),
        [
            r#"[["one", "two"], ["three"]]"#,
            "2 until the token repeated",
        ],
        "{stdout}"
    );
    assert_eq!(
        lines(&stdout, "refused: "),
        [
            "DeleteAccount failed: cannot build the request: `AccountId` is a label of the path and must not be empty",
            "ListAccounts failed: invalid input: 1 constraint violation: `MaxResults`: must be 1 to 200",
        ],
        "{stdout}"
    );
    let global = "chime.us-east-1.amazonaws.com";
    assert_eq!(
        lines(&stdout, "endpoint: "),
        [
            format!("https://{global}"),
            format!("https://identity-{global}"),
            format!("https://identity-{global}"),
            format!("https://messaging-{global}"),
            format!("https://messaging-{global}"),
        ]
    );
}

#[test]
fn the_whole_identity_model_builds_clippy_clean_and_reaches_the_regional_endpoint() {
    let (dir, stdout) = generate_build_and_run(
        "identity",
        "chime-sdk-identity-2021-04-20.json",
        "chime-identity",
        IDENTITY_CALLER,
    );
    let operations = std::fs::read_dir(dir.join("generated/chime-identity/src/operation"))
        .unwrap()
        .count();
    assert_eq!(operations, 30, "one module per operation");
    let arn = "arn%3Aaws%3Achime%3Aeu-central-1%3A1%3Aapp-instance%2Fa";
    assert_eq!(
        lines(&stdout, "request: "),
        [
            format!(
                "POST /app-instances HTTP/1.1 | application/json | {}",
                r#"{"Name":"ops","ClientRequestToken":"token-1"}"#
            ),
            format!(
                "GET /app-instance-users?app-instance-arn={arn}&max-results=5 HTTP/1.1 | none | "
            ),
            format!("DELETE /app-instances/{arn} HTTP/1.1 | none | "),
            format!("GET /app-instances/{arn} HTTP/1.1 | none | "),
        ],
        "{stdout}"
    );
    assert_eq!(
        lines(&stdout, "endpoint: "),
        ["https://identity-chime.eu-central-1.amazonaws.com"]
    );
}
