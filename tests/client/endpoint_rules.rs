//! Every `smithy.rules#endpointTests` case of the models runs against the
//! resolver the generator compiled from the rule set, with the partition
//! data of the cases' vintage: our `model/chime.json`'s cases, and the
//! official legacy model's (the generator compiles its rule set to the same
//! code, which `tests/model.rs` checks).

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use aws_smithy_types::Document;
use chime_lean_input::{EndpointParams, Partition, ResolveEndpointError};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    chime_tests::workspace_root()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn service_traits(model: &str) -> Json {
    let model: Json = serde_json::from_str(model).unwrap();
    model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .find(|shape| shape["type"] == "service")
        .expect("the model has a service")["traits"]
        .clone()
}

/// A property value as JSON, as the test cases write expected properties.
fn to_json(value: &Document) -> Json {
    match value {
        Document::String(s) => Json::String(s.clone()),
        Document::Bool(b) => Json::Bool(*b),
        Document::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Document::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        other => panic!("the rules make no {other:?}"),
    }
}

/// A test case's parameters, by their rule-set names.
fn params(name: &str, case: &Json) -> EndpointParams {
    let mut params = EndpointParams::default();
    for (key, value) in case["params"].as_object().into_iter().flatten() {
        match (key.as_str(), value) {
            ("Region", Json::String(s)) => params.region = Some(s.clone()),
            ("Endpoint", Json::String(s)) => params.endpoint = Some(s.clone()),
            ("UseFIPS", Json::Bool(b)) => params.use_fips = *b,
            ("UseDualStack", Json::Bool(b)) => params.use_dual_stack = *b,
            _ => panic!("{name}: unexpected parameter {key} = {value}"),
        }
    }
    params
}

/// A partition lookup over botocore's `partitions.json`, written here from
/// the format's rules and independently of the generated table: the listed
/// region's partition, else the first whose pattern matches, else `aws`.
struct PartitionOracle {
    data: Json,
}

impl PartitionOracle {
    fn read(path: &Path) -> Self {
        Self {
            data: serde_json::from_str(&read(path)).unwrap(),
        }
    }

    fn lookup(&self, region: &str) -> Option<Partition> {
        let partitions = self.data["partitions"].as_array().unwrap();
        let found = partitions
            .iter()
            .find(|p| p["regions"].get(region).is_some())
            .or_else(|| {
                partitions.iter().find(|p| {
                    regex_lite::Regex::new(p["regionRegex"].as_str().unwrap())
                        .unwrap()
                        .is_match(region)
                })
            })
            .or_else(|| partitions.iter().find(|p| p["id"] == "aws"))?;
        let outputs = &found["outputs"];
        let text = |key: &str| outputs[key].as_str().unwrap().to_owned();
        Some(Partition {
            name: text("name"),
            dns_suffix: text("dnsSuffix"),
            dual_stack_dns_suffix: text("dualStackDnsSuffix"),
            supports_fips: outputs["supportsFIPS"].as_bool().unwrap(),
            supports_dual_stack: outputs["supportsDualStack"].as_bool().unwrap(),
            implicit_global_region: outputs["implicitGlobalRegion"].as_str().map(str::to_owned),
        })
    }
}

/// botocore 1.37.1's partitions, of the same vintage as the models' cases.
fn vintage_partitions() -> PartitionOracle {
    PartitionOracle::read(&workspace_root().join("model/reference/partitions-botocore-1.37.1.json"))
}

fn empty_object() -> Json {
    Json::Object(serde_json::Map::new())
}

/// Runs every test case and returns how many there were.
fn run_cases(traits: &Json, partitions: &PartitionOracle) -> usize {
    let cases = traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .expect("the model has endpoint tests");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["documentation"].as_str().unwrap_or("(undocumented)");
        let outcome = chime_lean_input::resolve_endpoint(&params(name, case), &|region| {
            partitions.lookup(region)
        });
        let expect = &case["expect"];
        match (&outcome, expect.get("endpoint"), expect.get("error")) {
            (Ok(endpoint), Some(want), None) => {
                if endpoint.url() != want["url"] {
                    failures.push(format!("{name}: url {} != {}", endpoint.url(), want["url"]));
                }
                let mut properties: serde_json::Map<String, Json> = endpoint
                    .properties()
                    .iter()
                    .map(|(k, v)| (k.to_string(), to_json(v)))
                    .collect();
                // The generator writes `authSchemes` as typed auth schemes.
                let schemes = endpoint.auth_schemes();
                if !schemes.is_empty() {
                    let schemes = schemes.iter().map(|s| to_json(&s.as_document())).collect();
                    properties.insert("authSchemes".to_owned(), Json::Array(schemes));
                }
                let properties = Json::Object(properties);
                let want_properties = want.get("properties").cloned().unwrap_or_else(empty_object);
                if properties != want_properties {
                    failures.push(format!(
                        "{name}: properties {properties} != {want_properties}"
                    ));
                }
                let headers = Json::Object(
                    endpoint
                        .headers()
                        .map(|(k, v)| (k.to_owned(), v.map(Json::from).collect()))
                        .collect(),
                );
                let want_headers = want.get("headers").cloned().unwrap_or_else(empty_object);
                if headers != want_headers {
                    failures.push(format!("{name}: headers {headers} != {want_headers}"));
                }
            }
            (Err(error), None, Some(want)) => {
                let message = ResolveEndpointError::message(error);
                if want != message {
                    failures.push(format!("{name}: error `{message}` != {want}"));
                }
            }
            (outcome, _, _) => {
                failures.push(format!("{name}: got {outcome:?}, expected {expect}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn the_generated_resolver_passes_our_models_endpoint_tests() {
    // The cases date from 2023: since then the iso partitions gained
    // dual-stack, so they need the partition data of their time.
    let traits = service_traits(&read(&workspace_root().join("model/chime.json")));
    assert_eq!(run_cases(&traits, &vintage_partitions()), 26);
}

#[test]
fn the_generated_resolver_passes_the_official_models_endpoint_tests() {
    let official = workspace_root().join("model/reference/chime-2018-05-01.json");
    let traits = service_traits(&read(&official));
    assert_eq!(run_cases(&traits, &vintage_partitions()), 26);
}

#[test]
fn the_generated_partition_table_agrees_with_the_data_it_was_made_from() {
    let oracle = PartitionOracle::read(&workspace_root().join("model/partitions.json"));
    let mut regions: Vec<String> = oracle.data["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["regions"].as_object().unwrap().keys().cloned())
        .collect();
    assert!(regions.len() > 40, "{} regions listed", regions.len());
    // Regions no data lists: matched by pattern, or falling back to `aws`.
    regions.extend(
        [
            "us-east-9",
            "cn-south-7",
            "us-gov-central-3",
            "us-iso-north-4",
            "us-isob-west-9",
            "eu-isoe-east-2",
            "us-isof-west-5",
            "eusc-de-south-1",
            "not-a-region",
            "",
        ]
        .map(str::to_owned),
    );
    for region in &regions {
        assert_eq!(
            chime_lean_input::partition_of(region),
            oracle.lookup(region),
            "region {region:?}"
        );
    }
}

proptest::proptest! {
    /// The table matches region patterns with regress, the oracle with
    /// regex-lite: on names shaped like regions, and on any text, they agree.
    #[test]
    fn the_partition_table_and_the_oracle_agree_on_any_region(
        shaped in "(us|eu|cn|ap|me|il|mx|xx)(-(gov|iso|isob|isoe|isof|east|west|central|south))?-[a-z]{1,8}-[0-9]{1,2}",
        any in "\\PC{0,24}",
    ) {
        let oracle = PartitionOracle::read(&workspace_root().join("model/partitions.json"));
        for region in [shaped, any] {
            proptest::prop_assert_eq!(
                chime_lean_input::partition_of(&region),
                oracle.lookup(&region),
                "region {:?}",
                region
            );
        }
    }
}

#[test]
fn the_generated_table_resolves_todays_endpoints() {
    let resolve = |region: Option<&str>, use_fips: bool, use_dual_stack: bool| {
        let params = EndpointParams {
            region: region.map(str::to_owned),
            use_fips,
            use_dual_stack,
            endpoint: None,
        };
        chime_lean_input::resolve_endpoint(&params, &chime_lean_input::partition_of)
            .map(|e| e.url().to_owned())
            .map_err(|e| e.message().to_owned())
    };
    assert_eq!(
        resolve(Some("us-east-1"), false, false).unwrap(),
        "https://chime.us-east-1.amazonaws.com"
    );
    assert_eq!(
        resolve(Some("us-iso-east-1"), false, true).unwrap(),
        "https://chime.us-iso-east-1.api.aws.ic.gov",
        "the iso partitions have dual-stack now"
    );
    assert_eq!(
        resolve(None, false, false).unwrap_err(),
        "Invalid Configuration: Missing Region",
    );
}

#[test]
fn the_partition_data_is_botocore_1_43_11_without_descriptions() {
    let source = workspace_root().join("model/reference/partitions-botocore-1.43.11.json");
    let mut official: Json = serde_json::from_str(&read(&source)).unwrap();
    for partition in official["partitions"].as_array_mut().unwrap() {
        for region in partition["regions"].as_object_mut().unwrap().values_mut() {
            region.as_object_mut().unwrap().remove("description");
        }
    }
    let embedded: Json =
        serde_json::from_str(&read(&workspace_root().join("model/partitions.json"))).unwrap();
    assert_eq!(embedded, official);
}

/// A client with this configuration, and where its `CreateAppInstance`
/// calls go (base URL, signing region and name), or why nowhere. This goes
/// through the generated client's mapping of the engine's built-in
/// parameters (region, FIPS, dual-stack, custom URL) to the rules'.
fn client_endpoint(
    configure: impl FnOnce(chime_lean::ConfigBuilder) -> chime_lean::ConfigBuilder,
) -> Result<(String, String, String), String> {
    let client = chime_lean::Client::from_conf(configure(chime_lean::Config::builder()).build());
    client
        .endpoint_of::<chime_lean::operation::create_app_instance::CreateAppInstance>()
        .map(|e| {
            (
                e.base_url,
                e.signing_region,
                e.signing_name.unwrap_or_default(),
            )
        })
}

#[test]
fn every_aws_region_reaches_the_global_endpoint_with_the_operations_prefix() {
    for region in ["us-east-1", "eu-west-1", "ap-southeast-2", "aws-global"] {
        let endpoint = client_endpoint(|c| c.region(chime_lean::Region::new(region))).unwrap();
        assert_eq!(
            endpoint,
            (
                "https://identity-chime.us-east-1.amazonaws.com".to_owned(),
                "us-east-1".to_owned(),
                "chime".to_owned()
            ),
            "{region}"
        );
    }
}

#[test]
fn fips_dual_stack_and_other_partitions_reach_the_rules() {
    let cases = [
        (
            "us-east-1",
            true,
            false,
            "https://identity-chime-fips.us-east-1.amazonaws.com",
        ),
        (
            "us-east-1",
            false,
            true,
            "https://identity-chime.us-east-1.api.aws",
        ),
        (
            "us-east-1",
            true,
            true,
            "https://identity-chime-fips.us-east-1.api.aws",
        ),
        (
            "cn-north-1",
            false,
            false,
            "https://identity-chime.cn-north-1.amazonaws.com.cn",
        ),
    ];
    for (region, fips, dual_stack, url) in cases {
        let (base_url, signing_region, _) = client_endpoint(|c| {
            c.region(chime_lean::Region::new(region))
                .use_fips(fips)
                .use_dual_stack(dual_stack)
        })
        .unwrap();
        assert_eq!(
            base_url, url,
            "{region} fips={fips} dual-stack={dual_stack}"
        );
        assert_eq!(signing_region, region);
    }
    let refused = client_endpoint(|c| {
        c.region(chime_lean::Region::new("us-east-1"))
            .use_fips(true)
            .endpoint_url("https://example.com")
    })
    .unwrap_err();
    assert_eq!(
        refused,
        "cannot resolve the endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    let no_region = client_endpoint(|c| c).unwrap_err();
    assert!(
        no_region.starts_with(
            "cannot resolve the endpoint: Invalid Configuration: Missing Region (no region is \
             configured: set `AWS_REGION`"
        ),
        "{no_region}"
    );
}

#[test]
fn an_empty_custom_endpoint_is_an_error_not_a_panic() {
    let error = client_endpoint(|c| {
        c.region(chime_lean::Region::new("us-east-1"))
            .endpoint_url("")
    })
    .unwrap_err();
    assert!(error.contains("the endpoint URL"), "{error}");
}
