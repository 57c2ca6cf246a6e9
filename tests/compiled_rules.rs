//! The endpoint-rules compiler on a rule set that uses every construct it
//! compiles (`tests/fixtures/rules_model.json`), beyond what the Chime model
//! needs: the generated resolver is committed as a fixture, kept fresh by a
//! test here, and compiled into this test crate, so its behaviour is tested
//! and not only its text.

// The legacy namespace's CreateAppInstance is deprecated in its model, in
// favour of Chime SDK Identity's; this crate calls it on purpose.
#![allow(deprecated)]

use chime_lean_input::Partition;
use smithy_lean_codegen::{Options, generate};
use std::path::PathBuf;

// The fixture is written for a generated crate, whose root names the
// runtime `rt`.
extern crate smithy_lean_runtime as rt;

include!("fixtures/endpoint_resolver.rs");

const FIXTURE: &str = "tests/fixtures/endpoint_resolver.rs";

#[test]
fn the_fixture_is_what_the_generator_writes() {
    let model = chime_tests::read("tests/fixtures/rules_model.json");
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let generated = &files[&PathBuf::from("example-svc-input/src/endpoint_resolver.rs")];
    let path = chime_tests::workspace_root().join(FIXTURE);
    if std::env::var_os("CHIME_BLESS").is_some() {
        std::fs::write(&path, generated).expect("writes the fixture");
    }
    assert!(
        *generated == chime_tests::read(FIXTURE),
        "{FIXTURE} is stale: rerun this test with CHIME_BLESS=1 and review the diff"
    );
}

fn partition_of(region: &str) -> Option<Partition> {
    let (name, dns_suffix, implicit_global_region) = match region {
        r if r.starts_with("cn-") => ("aws-cn", "amazonaws.com.cn", Some("cn-northwest-1")),
        r if r.starts_with("xx-") => return None,
        // Partition data older than `implicitGlobalRegion`.
        r if r.starts_with("old-") => ("aws-old", "old.example", None),
        _ => ("aws", "amazonaws.com", Some("us-east-1")),
    };
    Some(Partition {
        name: name.to_owned(),
        dns_suffix: dns_suffix.to_owned(),
        dual_stack_dns_suffix: "api.aws".to_owned(),
        supports_fips: name == "aws",
        supports_dual_stack: true,
        implicit_global_region: implicit_global_region.map(str::to_owned),
    })
}

fn resolve(params: EndpointParams) -> Result<aws_smithy_types::endpoint::Endpoint, String> {
    resolve_endpoint(&params, &partition_of).map_err(|e| e.message().to_owned())
}

fn params() -> EndpointParams {
    EndpointParams {
        tenant: "acme".to_owned(),
        ..EndpointParams::default()
    }
}

#[test]
fn defaults_come_from_the_rule_set() {
    let defaults = EndpointParams::default();
    assert_eq!(defaults.stage, "prod");
    assert!(!defaults.use_fips);
    assert_eq!(defaults.tenant, "", "required without a default: empty");
    assert_eq!(
        (defaults.region, defaults.verbose, defaults.endpoint),
        (None, None, None)
    );
}

#[test]
fn a_custom_endpoint_fills_its_template_and_headers() {
    let endpoint = resolve(EndpointParams {
        endpoint: Some("https://custom.example".to_owned()),
        ..params()
    })
    .unwrap();
    assert_eq!(endpoint.url(), "https://custom.example/acme");
    let headers: Vec<(String, Vec<String>)> = endpoint
        .headers()
        .map(|(name, values)| (name.to_owned(), values.map(str::to_owned).collect()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    assert_eq!(
        headers,
        [
            (
                "x-literal".to_owned(),
                vec!["a{b}".to_owned(), "second".to_owned()]
            ),
            ("x-tenant".to_owned(), vec!["acme".to_owned()]),
        ]
    );
}

#[test]
fn negation_falls_through_to_an_error_rule_with_a_template() {
    let error = resolve(EndpointParams {
        endpoint: Some("https://custom.example".to_owned()),
        use_fips: true,
        stage: "gamma".to_owned(),
        ..params()
    })
    .unwrap_err();
    assert_eq!(error, "custom endpoints cannot be FIPS (gamma)");
}

#[test]
fn a_url_made_only_of_values_may_be_empty_and_is_then_an_error() {
    let no_stage = EndpointParams {
        stage: String::new(),
        ..params()
    };
    assert_eq!(resolve(no_stage.clone()).unwrap().url(), "acme");
    let nothing = EndpointParams {
        tenant: String::new(),
        ..no_stage
    };
    assert_eq!(resolve(nothing).unwrap_err(), "the endpoint URL is empty");
}

#[test]
fn string_equality_on_partition_attributes_and_templates() {
    let china_beta = EndpointParams {
        region: Some("cn-north-1".to_owned()),
        stage: "beta".to_owned(),
        ..params()
    };
    assert_eq!(resolve(china_beta).unwrap_err(), "no beta in aws-cn");
}

#[test]
fn optional_booleans_and_comparisons_of_two_values() {
    let verbose = EndpointParams {
        region: Some("us-west-2".to_owned()),
        verbose: Some(true),
        ..params()
    };
    // `supportsFIPS` (true for aws) must equal `UseFIPS` (false): it does not.
    let endpoint = resolve(verbose.clone()).unwrap();
    assert_eq!(endpoint.url(), "https://global.amazonaws.com/us-east-1");
    let endpoint = resolve(EndpointParams {
        use_fips: true,
        ..verbose
    })
    .unwrap();
    assert_eq!(endpoint.url(), "https://us-west-2.verbose.amazonaws.com");
    let [scheme] = endpoint.auth_schemes() else {
        panic!("one auth scheme: {:?}", endpoint.auth_schemes());
    };
    assert_eq!(scheme.name(), "sigv4");
    assert_eq!(
        scheme.get("signingRegion"),
        Some(&aws_smithy_types::Document::String("us-west-2".to_owned()))
    );
    assert_eq!(
        scheme.get("disableDoubleEncoding"),
        Some(&aws_smithy_types::Document::Bool(true))
    );
    assert_eq!(
        endpoint.properties()["stage"],
        aws_smithy_types::Document::String("prod".to_owned())
    );
}

#[test]
fn an_assigned_optional_attribute_and_tree_exhaustion() {
    let in_global_region = EndpointParams {
        region: Some("us-east-1".to_owned()),
        ..params()
    };
    assert_eq!(
        resolve(in_global_region).unwrap_err(),
        "a tree of endpoint rules matched the parameters, but none of the rules in it did"
    );
}

#[test]
fn no_rule_matching_is_an_error_and_so_is_an_unknown_partition() {
    assert_eq!(
        resolve(params()).unwrap_err(),
        "no endpoint rule matched the parameters"
    );
    let unknown = EndpointParams {
        region: Some("xx-nowhere-1".to_owned()),
        ..params()
    };
    assert_eq!(
        resolve(unknown).unwrap_err(),
        "no endpoint rule matched the parameters"
    );
}

/// A value that may be unset in a template (the partition's
/// `implicitGlobalRegion`, which older partition data lacks) fills it
/// where set; where not, resolution fails naming it.
#[test]
fn an_optional_value_in_a_template_is_used_where_set_and_an_error_where_not() {
    let global = |region: &str| {
        resolve(EndpointParams {
            region: Some(region.to_owned()),
            stage: "global".to_owned(),
            ..params()
        })
    };
    let endpoint = global("eu-west-1").unwrap();
    assert_eq!(endpoint.url(), "https://global.amazonaws.com");
    let [scheme] = endpoint.auth_schemes() else {
        panic!("one auth scheme: {:?}", endpoint.auth_schemes());
    };
    assert_eq!(
        scheme.get("signingRegion"),
        Some(&aws_smithy_types::Document::String("us-east-1".to_owned()))
    );
    assert_eq!(
        global("old-east-1").unwrap_err(),
        "`PartitionResult#implicitGlobalRegion` is not set, and this endpoint needs it"
    );
}

/// The library's other functions (`aws.parseArn` with `resourceId[1]`,
/// `isValidHostLabel`, `uriEncode`, `substring`, `parseURL` with `isIp`,
/// `aws.isVirtualHostableS3Bucket`), and values always set bound by
/// `assign`.
#[test]
fn arns_urls_host_labels_and_encodings_as_the_library_defines_them() {
    let resolve_resource = |resource: &str, tenant: &str| {
        resolve(EndpointParams {
            resource: Some(resource.to_owned()),
            tenant: tenant.to_owned(),
            ..params()
        })
    };
    let endpoint =
        resolve_resource("arn:aws:s3:us-west-2:123456789012:bucket/my bucket", "acme").unwrap();
    assert_eq!(
        endpoint.url(),
        "https://123456789012.us.example/my%20bucket"
    );
    assert_eq!(
        resolve_resource("arn:aws:s3:us-west-2:bad_acct:bucket/x", "acme").unwrap_err(),
        "invalid account in arn:aws:s3:us-west-2:bad_acct:bucket/x"
    );
    let endpoint = resolve_resource("https://example.com:8443/base", "acme").unwrap();
    assert_eq!(endpoint.url(), "https://acme.example.com:8443/base/");
    for unhosted in [
        // An address, not a host name.
        ("http://10.0.0.1/x", "acme"),
        // A tenant S3 could not put in a host name.
        ("https://example.com", "Not_A_Bucket"),
        // An ARN without a second resource part, which is no URL either.
        ("arn:aws:s3:us-west-2:123:bucket", "acme"),
    ] {
        assert_eq!(
            resolve_resource(unhosted.0, unhosted.1).unwrap_err(),
            format!("{} is neither an ARN nor a URL of a host", unhosted.0)
        );
    }
}

#[test]
fn list_parameters_give_their_elements_where_they_have_them() {
    let zones = |zones: &[&str]| EndpointParams {
        zones: Some(zones.iter().map(|z| (*z).to_owned()).collect()),
        ..params()
    };
    // A second zone, and the first tier of the default list.
    assert_eq!(
        resolve(zones(&["a", "b"])).unwrap().url(),
        "https://b.gold.zones.example"
    );
    let tiers = EndpointParams {
        tiers: vec!["bronze".to_owned()],
        ..zones(&["a", "b"])
    };
    assert_eq!(
        resolve(tiers).unwrap().url(),
        "https://b.bronze.zones.example"
    );
    // No second zone: the next rule takes the first.
    assert_eq!(
        resolve(zones(&["a"])).unwrap().url(),
        "https://a.one.example"
    );
    // An empty list has no element at all: the rules after those.
    let empty = EndpointParams {
        tiers: Vec::new(),
        ..zones(&[])
    };
    let url = |params| resolve(params).map(|endpoint| endpoint.url().to_owned());
    assert_eq!(url(empty), url(params()));
    // No tiers: the zones' rule finds no first tier.
    let no_tiers = EndpointParams {
        tiers: Vec::new(),
        ..zones(&["a", "b"])
    };
    assert_eq!(resolve(no_tiers).unwrap().url(), "https://a.one.example");
    assert_eq!(
        EndpointParams::default().tiers,
        ["gold".to_owned(), "silver".to_owned()]
    );
}
