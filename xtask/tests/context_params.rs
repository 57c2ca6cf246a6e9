//! Endpoint parameters that operations set (`@contextParam` members and
//! `@staticContextParams`) reach the rules on each call of a generated
//! client, over real HTTP on loopback: the rules here put the parameters
//! in the endpoint's path, and the listener records where each request
//! went.

mod support;

use serde_json::{Value as Json, json};

/// A service whose endpoint is `{Endpoint}/{Plane}`, with `/{Tenant}`
/// after it where a tenant is set and `/verbose` in front of the rest
/// where `Verbose` is true. `Plane` is `data` by default.
fn model() -> Json {
    let endpoint =
        |url: &str| json!({"type": "endpoint", "conditions": [], "endpoint": {"url": url}});
    let rules = json!({
        "version": "1.0",
        "parameters": {
            "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint"},
            "Region": {"type": "String", "builtIn": "AWS::Region"},
            "Tenant": {"type": "String"},
            "Plane": {"type": "String", "required": true, "default": "data"},
            "Verbose": {"type": "Boolean"},
            "Zones": {"type": "stringArray"}
        },
        "rules": [
            {"type": "tree",
             "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
             "rules": [
                {"type": "tree",
                 "conditions": [
                    {"fn": "isSet", "argv": [{"ref": "Verbose"}]},
                    {"fn": "booleanEquals", "argv": [{"ref": "Verbose"}, true]}
                 ],
                 "rules": [endpoint("{Endpoint}/verbose/{Plane}")]},
                {"type": "tree",
                 "conditions": [
                    {"fn": "isSet", "argv": [{"ref": "Zones"}]},
                    {"fn": "getAttr", "argv": [{"ref": "Zones"}, "[0]"], "assign": "FirstZone"}
                 ],
                 "rules": [endpoint("{Endpoint}/{Plane}/zone/{FirstZone}")]},
                {"type": "tree",
                 "conditions": [{"fn": "isSet", "argv": [{"ref": "Tenant"}]}],
                 "rules": [endpoint("{Endpoint}/{Plane}/{Tenant}")]},
                endpoint("{Endpoint}/{Plane}")
             ]},
            {"type": "error", "conditions": [], "error": "set an endpoint URL"}
        ]
    });
    let with_paths = |uri: &str, paths: Json| {
        json!({
            "type": "operation",
            "input": {"target": "example.ctx#RouteInput"},
            "output": {"target": "example.ctx#Empty"},
            "traits": {
                "smithy.api#http": {"method": "POST", "uri": uri, "code": 200},
                "smithy.rules#operationContextParams": paths
            }
        })
    };
    let operation = |uri: &str, input: &str, statics: Option<Json>| {
        let mut traits = json!({"smithy.api#http": {"method": "GET", "uri": uri, "code": 200}});
        if let Some(statics) = statics {
            traits["smithy.rules#staticContextParams"] = statics;
        }
        json!({
            "type": "operation",
            "input": {"target": format!("example.ctx#{input}")},
            "output": {"target": "example.ctx#Empty"},
            "traits": traits
        })
    };
    let context = |name: &str, header: &str| json!({"smithy.rules#contextParam": {"name": name}, "smithy.api#httpHeader": header});
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.ctx#Things": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [
                    {"target": "example.ctx#Ping"},
                    {"target": "example.ctx#GetThing"},
                    {"target": "example.ctx#GetKind"},
                    {"target": "example.ctx#ListControl"},
                    {"target": "example.ctx#RouteByList"},
                    {"target": "example.ctx#RouteByItems"},
                    {"target": "example.ctx#RouteByTags"},
                    {"target": "example.ctx#RouteByName"},
                    {"target": "example.ctx#RouteBySlots"}
                ],
                "traits": {
                    "aws.api#service": {"sdkId": "Things", "endpointPrefix": "things"},
                    "aws.auth#sigv4": {"name": "things"},
                    "aws.protocols#restJson1": {},
                    "smithy.rules#endpointRuleSet": rules,
                    "smithy.rules#clientContextParams": {
                        "Plane": {"type": "string", "documentation": "Which plane calls go to."},
                        "Verbose": {"type": "boolean"},
                        "Region": {"type": "string"}
                    }
                }
            },
            "example.ctx#Ping": operation("/ping", "Empty", None),
            "example.ctx#GetThing": operation("/thing", "GetThingInput", None),
            "example.ctx#GetKind": operation("/kind", "GetKindInput", None),
            "example.ctx#ListControl": operation(
                "/control",
                "GetThingInput",
                Some(json!({"Plane": {"value": "control"}, "Verbose": {"value": false}}))
            ),
            "example.ctx#RouteByList": with_paths("/by-list", json!({"Zones": {"path": "Placement.Zones"}})),
            "example.ctx#RouteByItems": with_paths("/by-items", json!({"Zones": {"path": "Items[*].Zone"}})),
            "example.ctx#RouteByTags": with_paths("/by-tags", json!({"Zones": {"path": "keys(Tags)"}})),
            "example.ctx#RouteByName": with_paths("/by-name", json!({"Tenant": {"path": "Placement.Name"}})),
            "example.ctx#RouteBySlots": with_paths("/by-slots", json!({"Zones": {"path": "Slots[*].Name"}})),
            "example.ctx#RouteInput": {"type": "structure", "members": {
                "Placement": {"target": "example.ctx#Placement"},
                "Items": {"target": "example.ctx#Items"},
                "Tags": {"target": "example.ctx#Tags"},
                "Slots": {"target": "example.ctx#Slots"}
            }},
            "example.ctx#Slots": {"type": "list", "member": {"target": "example.ctx#Slot"}},
            "example.ctx#Slot": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}
            }},
            "example.ctx#Placement": {"type": "structure", "members": {
                "Name": {"target": "smithy.api#String"},
                "Zones": {"target": "example.ctx#Names"}
            }},
            "example.ctx#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "example.ctx#Items": {"type": "list", "member": {"target": "example.ctx#Item"}},
            "example.ctx#Item": {"type": "structure", "members": {"Zone": {"target": "smithy.api#String"}}},
            "example.ctx#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
            "example.ctx#Empty": {"type": "structure", "members": {}},
            "example.ctx#GetThingInput": {"type": "structure", "members": {
                "Tenant": {"target": "smithy.api#String", "traits": context("Tenant", "x-tenant")},
                "Verbose": {"target": "smithy.api#Boolean", "traits": context("Verbose", "x-verbose")}
            }},
            "example.ctx#GetKindInput": {"type": "structure", "members": {
                "Kind": {
                    "target": "example.ctx#Kind",
                    "traits": {
                        "smithy.rules#contextParam": {"name": "Tenant"},
                        "smithy.api#httpHeader": "x-kind",
                        "smithy.api#required": {}
                    }
                }
            }},
            "example.ctx#Kind": {"type": "enum", "members": {
                "Small": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "small-things"}}
            }}
        }
    })
}

const CALLER: &str = r##"
mod listener;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (port, log) = listener::start().await;
    let config = things::Config::builder()
        .region(things::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .build();
    let client = things::Client::from_conf(config);
    client.ping().send().await.unwrap();
    client.get_thing().send().await.unwrap();
    client.get_thing().tenant("acme").send().await.unwrap();
    client.get_thing().tenant("acme").verbose(true).send().await.unwrap();
    client.get_thing().tenant("globex").verbose(false).send().await.unwrap();
    client.get_kind().kind(things::types::Kind::Small).send().await.unwrap();
    // The static `Plane` and `Verbose` of this operation take precedence
    // over its members' `Verbose`.
    client.list_control().tenant("acme").verbose(true).send().await.unwrap();
    // Paths into the input (`@operationContextParams`).
    use things::types::{Item, Placement};
    let placement = Placement::builder().zones("b").zones("a").name("acme").build();
    client.route_by_list().placement(placement.clone()).send().await.unwrap();
    client.route_by_list().send().await.unwrap();
    client
        .route_by_items()
        .items(Item::builder().zone("c").build())
        .items(Item::builder().build())
        .items(Item::builder().zone("d").build())
        .send()
        .await
        .unwrap();
    client.route_by_items().items(Item::builder().build()).send().await.unwrap();
    client.route_by_tags().tags("z", "1").tags("m", "2").send().await.unwrap();
    client.route_by_name().placement(placement).send().await.unwrap();
    let slot = things::types::Slot::builder().name("s1").build().unwrap();
    client.route_by_slots().slots(slot).send().await.unwrap();
    // The service's own settings (`@clientContextParams`), under each call's.
    use things::config::EndpointParameters;
    let configured = things::Client::from_conf(
        client.config().to_builder().plane("edge").verbose(true).region_parameter("eu-west-1").build(),
    );
    configured.ping().send().await.unwrap();
    configured.get_thing().verbose(false).send().await.unwrap();
    configured.list_control().send().await.unwrap();
    for line in log.lock().unwrap().iter() {
        println!("request: {}", line.split(" HTTP/1.1").next().unwrap());
    }
}
"##;

#[test]
fn each_call_reaches_the_endpoint_its_parameters_resolve_to() {
    let dir = support::fresh_dir("context-params");
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model().to_string()).unwrap();
    support::generate(&dir, &model_path, &["--crate-prefix", "things"]);
    support::workspace(
        &dir,
        Some(support::Caller {
            client: "things",
            main: CALLER,
            writes_outputs: false,
            dependencies: "",
        }),
    );
    let clippy = support::cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "-p",
            "things",
            "-p",
            "things-input",
            "--",
            "-D",
            "warnings",
        ],
    );
    support::succeeded(&clippy, "clippy on the generated crates");
    let run = support::cargo(&dir, &["run", "--quiet", "-p", "caller"]);
    let stdout = support::succeeded(&run, "the caller");
    let requests: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("request: "))
        .collect();
    assert_eq!(
        requests,
        [
            "GET /data/ping",
            "GET /data/thing",
            "GET /data/acme/thing",
            "GET /verbose/data/thing",
            "GET /data/globex/thing",
            "GET /data/small-things/kind",
            "GET /control/acme/control",
            "POST /data/zone/b/by-list",
            "POST /data/by-list",
            "POST /data/zone/c/by-items",
            "POST /data/by-items",
            "POST /data/zone/m/by-tags",
            "POST /data/acme/by-name",
            "POST /data/zone/s1/by-slots",
            "GET /verbose/edge/ping",
            "GET /edge/thing",
            "GET /control/control",
        ],
        "{stdout}"
    );
}
