//! Every operation of both official models puts on the wire what botocore,
//! the AWS SDK for Python, puts there for the same input.
//!
//! `xtask/oracle/botocore_requests.py` builds two inputs per operation
//! (every member set, and only the required ones) and records the request
//! botocore's own serializer makes of each; its output is committed beside
//! it, and `.ci/run` checks that it is still what botocore says. This test
//! generates each model whole, writes a program that builds the same inputs
//! with the generated builders (from the recorded values, walking the
//! Smithy model), sends each through the generated client to a connector
//! that keeps what it is handed (signed, as it would go on the wire), and
//! compares that with botocore's: method, path, query, the headers that
//! carry members (values beyond ASCII as their UTF-8 bytes), body and host
//! prefix; and the signature with what `aws-sigv4`, the AWS SDK for Rust's
//! signer, makes of the same request. Every difference is reported, not
//! only the first.
//!
//! Responses too: for every operation, a body with every output member set
//! (written by botocore) is read with the generated output's
//! `from_response` and written back with its `to_json`; that must be the
//! JSON botocore writes back from what its own parser read.

mod support;

use serde_json::Value as Json;
use smithy_lean_codegen::naming;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One recorded botocore request.
struct Expected {
    operation: String,
    case: String,
    params: Json,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: Option<Json>,
    host_prefix: Option<String>,
}

/// One recorded response: its body, and what reading it must keep.
struct Response {
    operation: String,
    body: String,
    expected: Option<Json>,
}

/// The JSON lines of a committed oracle file.
fn oracle_lines(file: &str) -> Vec<Json> {
    let path = xtask::workspace_root().join("xtask/oracle").join(file);
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn responses(file: &str) -> Vec<Response> {
    oracle_lines(file)
        .into_iter()
        .map(|line| Response {
            operation: line["operation"].as_str().unwrap().to_owned(),
            body: line["body"].as_str().unwrap().to_owned(),
            expected: Some(line["expected"].clone()).filter(|e| !e.is_null()),
        })
        .collect()
}

fn expected(file: &str) -> Vec<Expected> {
    oracle_lines(file)
        .into_iter()
        .map(|line| {
            let text = |key: &str| line[key].as_str().unwrap().to_owned();
            Expected {
                operation: text("operation"),
                case: text("case"),
                params: line["params"].clone(),
                method: text("method"),
                path: text("path"),
                query: line["query"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|pair| {
                        (
                            pair[0].as_str().unwrap().to_owned(),
                            pair[1].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect(),
                headers: line["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect(),
                body: Some(line["body"].clone()).filter(|b| !b.is_null()),
                host_prefix: line["host_prefix"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// Writes Rust expressions for recorded values, by the Smithy model's shapes.
struct Writer<'a> {
    shapes: &'a serde_json::Map<String, Json>,
    krate: String,
}

impl Writer<'_> {
    fn shape(&self, id: &str) -> &Json {
        &self.shapes[id]
    }

    fn kind(&self, id: &str) -> String {
        match id {
            "smithy.api#String" => "string".to_owned(),
            "smithy.api#Integer" | "smithy.api#PrimitiveInteger" => "integer".to_owned(),
            "smithy.api#Long" | "smithy.api#PrimitiveLong" => "long".to_owned(),
            "smithy.api#Boolean" | "smithy.api#PrimitiveBoolean" => "boolean".to_owned(),
            "smithy.api#Timestamp" => "timestamp".to_owned(),
            _ => self.shape(id)["type"].as_str().unwrap().to_owned(),
        }
    }

    fn type_path(&self, id: &str) -> String {
        let name = naming::type_name(id.rsplit('#').next().unwrap());
        format!("{}::types::{name}", self.krate)
    }

    /// An owned value of shape `id`.
    fn value(&self, id: &str, value: &Json) -> String {
        match self.kind(id).as_str() {
            "string" => format!("{:?}.to_owned()", value.as_str().unwrap()),
            "enum" => format!(
                "{}::from({:?})",
                self.type_path(id),
                value.as_str().unwrap()
            ),
            "integer" | "long" => value.as_i64().unwrap().to_string(),
            "boolean" => value.as_bool().unwrap().to_string(),
            "timestamp" => format!(
                "{}::primitives::DateTime::from_secs({})",
                self.krate, value["$timestamp"]
            ),
            "list" => {
                let item = self.shape(id)["member"]["target"].as_str().unwrap();
                let items: Vec<String> = value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| self.value(item, v))
                    .collect();
                format!("vec![{}]", items.join(", "))
            }
            "map" => {
                let target = self.shape(id)["value"]["target"].as_str().unwrap();
                let entries: Vec<String> = value
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| format!("({k:?}.to_owned(), {})", self.value(target, v)))
                    .collect();
                format!(
                    "::std::collections::HashMap::from([{}])",
                    entries.join(", ")
                )
            }
            "structure" => {
                let builder = format!("{}::builder()", self.type_path(id));
                self.built(id, builder, value)
            }
            other => panic!("no value of a {other} ({id})"),
        }
    }

    /// `builder` with every member of `value` set, then built.
    fn built(&self, id: &str, builder: String, value: &Json) -> String {
        let mut code = builder;
        let members = self.shape(id)["members"].as_object();
        for (member, value) in value.as_object().unwrap() {
            let target = members.unwrap()[member]["target"].as_str().unwrap();
            let setter = naming::field_name(member);
            match self.kind(target).as_str() {
                // One call per item or entry, as a caller writes them.
                "list" => {
                    let item = self.shape(target)["member"]["target"].as_str().unwrap();
                    for v in value.as_array().unwrap() {
                        let _ = write!(code, ".{setter}({})", self.value(item, v));
                    }
                }
                "map" => {
                    let entry = self.shape(target)["value"]["target"].as_str().unwrap();
                    for (k, v) in value.as_object().unwrap() {
                        let _ = write!(code, ".{setter}({k:?}, {})", self.value(entry, v));
                    }
                }
                _ => {
                    let _ = write!(code, ".{setter}({})", self.value(target, value));
                }
            }
        }
        // Building fails only where a required member has no default.
        let fallible = members.is_some_and(|members| {
            members.values().any(|m| {
                let traits = &m["traits"];
                traits.get("smithy.api#required").is_some()
                    && traits.get("smithy.api#default").is_none()
                    && traits.get("smithy.api#idempotencyToken").is_none()
            })
        });
        code.push_str(if fallible {
            ".build().unwrap()"
        } else {
            ".build()"
        });
        code
    }
}

/// A program that sends each recorded input through the generated client,
/// signed, to a connector that keeps it, and prints what reached the
/// connector as a tab-separated line: operation, case, method, path and
/// query, content type, the `x-amz-chime-bearer` header, host prefix,
/// whether the signature is what the AWS SDK's signer gives (`signed`, or
/// why not), body (`-` for none); then per recorded response, `response`,
/// the operation, and the output it read written back as JSON.
fn program(model: &Json, krate: &str, cases: &[Expected], answers: &[Response]) -> String {
    let shapes = model["shapes"].as_object().unwrap();
    let writer = Writer {
        shapes,
        krate: naming::unraw(&krate.replace('-', "_")).to_owned(),
    };
    let service = shapes
        .iter()
        .find(|(_, s)| s["type"] == "service")
        .map(|(id, _)| id.split('#').next().unwrap().to_owned())
        .unwrap();
    let signing_name = shapes
        .values()
        .find_map(|s| s["traits"]["aws.auth#sigv4"]["name"].as_str())
        .unwrap();
    // A macro, so that the program needs no name for the engine's types.
    let mut main = format!(
        "#![allow(deprecated)]\n\nuse smithy_lean_protocol_test::{{Capture, SentRequest}};\n\n\
         const SIGNING_NAME: &str = {signing_name:?};\n\n"
    );
    main.push_str(
        r#"macro_rules! send {
    ($operation:expr, $case:expr, $client:ident, $capture:ident, $kind:ty, $input:expr) => {{
        let before = $capture.sent().len();
        // Only what was sent matters here, not what the canned answer reads as.
        let _ = $client.call::<$kind>($input).await;
        let sent = $capture.sent();
        match &sent[before..] {
            [request] => print($operation, $case, request),
            other => println!("{}	{}	sent {} requests", $operation, $case, other.len()),
        }
    }};
}

fn print(operation: &str, case: &str, request: &SentRequest) {
    let header = |name: &str| request.header(name).unwrap_or("-".to_owned());
    let target = match request.query() {
        Some(query) => format!("{}?{query}", request.path()),
        None => request.path().to_owned(),
    };
    let host = request.host().unwrap_or_default();
    let prefix = host.strip_suffix("example.com").filter(|p| !p.is_empty()).unwrap_or("-");
    let signature = request
        .signature_mismatch("us-east-1", SIGNING_NAME)
        .unwrap_or("signed as aws-sigv4 signs".to_owned());
    let body = match &request.body[..] {
        [] => "-".to_owned(),
        bytes => String::from_utf8_lossy(bytes).into_owned(),
    };
    println!(
        "{operation}\t{case}\t{}\t{target}\t{}\t{}\t{prefix}\t{signature}\t{body}",
        request.method,
        header("content-type"),
        header("x-amz-chime-bearer"),
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let capture = Capture::answering_bytes(200, &[], b"{}".to_vec());
"#,
    );
    let _ = writeln!(
        main,
        "    let client = {}::Client::from_conf(capture.config(None));",
        writer.krate
    );
    for case in cases {
        let operation_id = format!("{service}#{}", case.operation);
        let input = &shapes[&operation_id]["input"]["target"];
        let name = naming::type_name(&case.operation);
        let module = format!(
            "{}::operation::{}",
            writer.krate,
            naming::module_name(&name)
        );
        let builder = format!("{module}::{name}Input::builder()");
        let built = match input.as_str() {
            Some(id) if id != "smithy.api#Unit" => writer.built(id, builder, &case.params),
            _ => format!("{builder}.build()"),
        };
        let _ = writeln!(
            main,
            "    send!({:?}, {:?}, client, capture, {module}::{name}, {built});",
            case.operation, case.case
        );
    }
    for answer in answers {
        let name = naming::type_name(&answer.operation);
        let _ = writeln!(
            main,
            "    let output = {}::operation::{}::{name}Output::from_response(200, &Default::default(), {:?}.as_bytes()).unwrap();\n    \
             println!(\"response\\t{}\\t{{}}\", output.to_json().unwrap());",
            writer.krate,
            naming::module_name(&name),
            answer.body,
            answer.operation,
        );
    }
    main.push_str("}\n");
    main
}

/// The token `smithy_lean_protocol_test::Capture`'s configuration fills
/// (that crate's `IDEMPOTENCY_TOKEN`, which this crate does not depend on).
const FILLED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// The AWS SDKs fill an idempotency token the caller left unset; the
/// oracle records botocore's serializer, which comes before botocore's
/// client fills it. So where a case leaves a body-bound token unset, the
/// request carries the token the capturing client's configuration fills.
fn fill_idempotency_tokens(model: &Json, case: &mut Expected) {
    let shapes = model["shapes"].as_object().unwrap();
    let Some((_, operation)) = shapes
        .iter()
        .find(|(id, s)| s["type"] == "operation" && id.ends_with(&format!("#{}", case.operation)))
    else {
        return;
    };
    let Some(input) = operation["input"]["target"].as_str() else {
        return;
    };
    let Some(members) = shapes.get(input).and_then(|s| s["members"].as_object()) else {
        return;
    };
    for (name, member) in members {
        let traits = &member["traits"];
        let in_body = ["httpHeader", "httpQuery", "httpLabel", "httpPayload"]
            .iter()
            .all(|t| traits.get(format!("smithy.api#{t}")).is_none());
        if traits.get("smithy.api#idempotencyToken").is_some()
            && in_body
            && case.params.get(name).is_none()
        {
            let key = traits["smithy.api#jsonName"].as_str().unwrap_or(name);
            let body = case
                .body
                .get_or_insert_with(|| Json::Object(Default::default()));
            body[key] = Json::from(FILLED_TOKEN);
        }
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Only RFC 3986's unreserved characters, `/` (and `=`, `&` in the query) and `%XX`.
fn strictly_encoded(text: &str, extra: &str) -> bool {
    text.bytes().all(|b| {
        b.is_ascii_alphanumeric() || b"-._~/%".contains(&b) || extra.as_bytes().contains(&b)
    })
}

/// What differs between a printed request and botocore's.
fn differences(line: &str, expected: &Expected) -> Vec<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [
        _,
        _,
        method,
        uri,
        content_type,
        bearer,
        prefix,
        signature,
        body,
    ] = fields[..]
    else {
        return vec![format!("unreadable line {line:?}")];
    };
    let mut found = Vec::new();
    let mut check = |what: &str, ours: String, theirs: String| {
        if ours != theirs {
            found.push(format!("{what}: ours {ours:?}, botocore {theirs:?}"));
        }
    };
    check("method", method.to_owned(), expected.method.clone());
    check(
        "signature",
        signature.to_owned(),
        "signed as aws-sigv4 signs".to_owned(),
    );
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    if !strictly_encoded(path, "") || !strictly_encoded(query, "=&") {
        check(
            "encoding",
            uri.to_owned(),
            "RFC 3986 percent-encoding".to_owned(),
        );
    }
    check("path", decode(path), decode(&expected.path));
    let mut ours: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect();
    let mut theirs = expected.query.clone();
    ours.sort();
    theirs.sort();
    check("query", format!("{ours:?}"), format!("{theirs:?}"));
    let header = |name: &str| {
        expected
            .headers
            .get(name)
            .cloned()
            .unwrap_or("-".to_owned())
    };
    check(
        "content-type",
        content_type.to_owned(),
        header("content-type"),
    );
    check(
        "x-amz-chime-bearer",
        bearer.to_owned(),
        header("x-amz-chime-bearer"),
    );
    check(
        "host prefix",
        prefix.to_owned(),
        expected.host_prefix.clone().unwrap_or("-".to_owned()),
    );
    // As JSON values: members in any order are the same object.
    let ours = (body != "-").then(|| serde_json::from_str::<Json>(body).unwrap());
    if ours != expected.body {
        let show = |body: &Option<Json>| body.as_ref().map_or("none".to_owned(), Json::to_string);
        found.push(format!(
            "body: ours {}, botocore {}",
            show(&ours),
            show(&expected.body)
        ));
    }
    found
}

fn compare_with_botocore(name: &str, model_file: &str, prefix: &str) {
    let stem = model_file.trim_end_matches(".json");
    let answers = responses(&format!("{stem}.responses.jsonl"));
    let model_path = xtask::workspace_root()
        .join("model/reference")
        .join(model_file);
    let model: Json = serde_json::from_str(&std::fs::read_to_string(&model_path).unwrap()).unwrap();
    let mut cases = expected(&format!("{stem}.requests.jsonl"));
    for case in &mut cases {
        fill_idempotency_tokens(&model, case);
    }
    let dir = support::fresh_dir(name);
    // The caller writes outputs back as JSON: the service's side.
    support::generate(&dir, &model_path, &["--crate-prefix", prefix, "--server"]);
    let main = program(&model, prefix, &cases, &answers);
    let protocol_test = format!(
        "smithy-lean-protocol-test = {{ path = {:?} }}\n",
        xtask::workspace_root().join("crates/smithy-lean-protocol-test")
    );
    support::workspace(
        &dir,
        Some(support::Caller {
            client: prefix,
            main: &main,
            writes_outputs: true,
            dependencies: &protocol_test,
        }),
    );
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let (read, sent): (Vec<&str>, Vec<&str>) = stdout
        .lines()
        .partition(|line| line.starts_with("response\t"));
    assert_eq!(sent.len(), cases.len(), "one request per recorded input");
    assert_eq!(
        read.len(),
        answers.len(),
        "one output per recorded response"
    );
    let mut report = String::new();
    for (line, case) in sent.iter().zip(&cases) {
        for difference in differences(line, case) {
            let _ = writeln!(report, "{} ({}): {difference}", case.operation, case.case);
        }
    }
    for (line, answer) in read.iter().zip(&answers) {
        let written = line.splitn(3, '\t').nth(2).unwrap();
        let ours: Json = serde_json::from_str(written).unwrap();
        // A Unit output reads as an empty structure, written `{}`.
        let theirs = answer
            .expected
            .clone()
            .unwrap_or(Json::Object(Default::default()));
        if ours != theirs {
            let _ = writeln!(
                report,
                "{} (response): ours {ours}, botocore {theirs}",
                answer.operation
            );
        }
    }
    assert!(
        report.is_empty(),
        "what differs from botocore:
{report}"
    );
    let operations: std::collections::BTreeSet<&str> =
        cases.iter().map(|c| c.operation.as_str()).collect();
    let modelled = model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .filter(|s| s["type"] == "operation")
        .count();
    assert_eq!(
        operations.len(),
        modelled,
        "botocore has every operation of the model"
    );
}

#[test]
fn every_legacy_operation_sends_and_reads_what_botocore_does() {
    compare_with_botocore("oracle-legacy", "chime-2018-05-01.json", "chime-legacy");
}

#[test]
fn every_identity_operation_sends_and_reads_what_botocore_does() {
    compare_with_botocore(
        "oracle-identity",
        "chime-sdk-identity-2021-04-20.json",
        "chime-identity",
    );
}
