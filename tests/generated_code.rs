//! The generator as a whole: committed code is fresh, output is
//! deterministic, the official model gives the same code, and what the
//! generator cannot honour is refused by name.

use smithy_lean_codegen::{Options, generate};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The options `cargo xtask codegen` uses by default.
fn as_xtask_codegen() -> Options {
    Options {
        partitions: Some(chime_tests::read("model/partitions.json")),
        test_partitions: Some(chime_tests::read(xtask::EMBEDDED_MODEL_TEST_PARTITIONS)),
        crate_prefix: Some(xtask::REPOSITORY_CRATE_PREFIX.to_owned()),
        package: xtask::repository_package_metadata(&chime_tests::workspace_root())
            .expect("the licence files"),
        // chime-local serves from the workspace's crates.
        server: true,
        deprecation_advice: Some(xtask::EMBEDDED_MODEL_DEPRECATION_ADVICE.to_owned()),
        ..Options::default()
    }
}

fn create_app_instance() -> Options {
    Options {
        operations: vec!["CreateAppInstance".to_owned()],
        ..as_xtask_codegen()
    }
}

#[test]
fn committed_generated_code_is_fresh() {
    let files = generate(&chime_tests::read("model/chime.json"), &as_xtask_codegen())
        .expect("model/ generates")
        .files;
    let drift = xtask::check(&files, &chime_tests::workspace_root().join("crates"))
        .expect("crates/ is readable");
    let listed: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(
        drift.is_empty(),
        "generated code is stale; run `cargo xtask codegen` and commit:\n{}",
        listed.join("\n")
    );
}

#[test]
fn the_json_model_is_the_idl_model_it_is_written_from() {
    let idl = chime_tests::workspace_root().join("model/chime.smithy");
    let assembled = xtask::model::assembled(&[idl]).expect("model/chime.smithy reads");
    assert!(
        assembled == chime_tests::read("model/chime.json"),
        "model/chime.json is stale; run `cargo xtask codegen` and commit"
    );
}

#[test]
fn generation_is_deterministic() {
    let model = chime_tests::read("model/chime.json");
    let first = generate(&model, &as_xtask_codegen())
        .expect("generates")
        .files;
    for _ in 0..3 {
        assert_eq!(
            generate(&model, &as_xtask_codegen())
                .expect("generates")
                .files,
            first
        );
    }
}

/// Drops documentation lines, which are the only thing allowed to differ,
/// and the names of the endpoint tests, which are made from the cases'
/// documentation.
fn without_docs(files: BTreeMap<PathBuf, String>) -> BTreeMap<PathBuf, String> {
    files
        .into_iter()
        .map(|(path, text)| {
            let endpoint_tests = path.ends_with("tests/endpoint_rules/cases.rs");
            let code: Vec<&str> = text
                .lines()
                .filter(|line| {
                    !line.trim_start().starts_with("///") && !line.trim_start().starts_with("//!")
                })
                .map(|line| match line.starts_with("fn ") && endpoint_tests {
                    true => "fn (named from its documentation)",
                    false => line,
                })
                .collect();
            (path, code.join("\n"))
        })
        .collect()
}

#[test]
fn the_full_official_model_restricted_to_create_app_instance_gives_the_same_code() {
    let ours = generate(
        &chime_tests::read("model/chime.json"),
        &create_app_instance(),
    )
    .expect("model/ generates")
    .files;
    let official = generate(&chime_tests::official_chime_model(), &create_app_instance())
        .expect("the official model generates")
        .files;
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        official.keys().collect::<Vec<_>>()
    );
    let (ours, official) = (without_docs(ours), without_docs(official));
    for (path, text) in &ours {
        assert_eq!(
            text,
            &official[path],
            "{} differs beyond documentation",
            path.display()
        );
    }
}

#[test]
fn the_generated_crates_are_named_after_the_sdk_id() {
    // Without a prefix, the model names them; this repository gives one.
    let options = Options {
        crate_prefix: None,
        ..as_xtask_codegen()
    };
    let files = generate(&chime_tests::read("model/chime.json"), &options)
        .expect("generates")
        .files;
    let crates: std::collections::BTreeSet<_> = files
        .keys()
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        crates.into_iter().collect::<Vec<_>>(),
        ["chime", "chime-error", "chime-input", "chime-output"]
    );
    for (path, text) in &files {
        // Licence files are the repository's, as they are.
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE-"))
        {
            assert_eq!(
                *text,
                chime_tests::read(&path.file_name().unwrap().to_string_lossy())
            );
            continue;
        }
        let header = text.lines().next().unwrap_or_default();
        assert!(
            header.contains("Generated by `cargo xtask codegen`") && header.contains("Do not edit"),
            "{} lacks the header",
            path.display()
        );
    }
}

/// What every generated crate has in common comes from the runtime crate:
/// each file is built from the model, and each type crate's manifest needs
/// nothing but the runtime, found where the options say; the client crate
/// adds the three type crates and the engine.
#[test]
fn generated_crates_hold_only_the_model_and_depend_only_on_the_runtime() {
    let model = chime_tests::read("model/chime.json");
    let files = generate(&model, &as_xtask_codegen())
        .expect("generates")
        .files;
    let model_header = format!("// {}", smithy_lean_codegen::HEADER);
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            assert!(text.starts_with(&model_header), "{}", path.display());
        }
    }
    for module in [
        "build_error",
        "json",
        "validation",
        "error_response",
        "unknown_variant",
    ] {
        assert!(
            !files.keys().any(|p| p.ends_with(format!("{module}.rs"))),
            "{module}.rs is the runtime's"
        );
    }
    let manifest = &files[&PathBuf::from("chime-lean-input/Cargo.toml")];
    let dependencies = manifest
        .split("[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a dependencies table");
    assert_eq!(
        dependencies,
        r#"smithy-lean-runtime = { version = "0.1.0", path = "../smithy-lean-runtime" }"#
    );
    assert!(
        !manifest.contains(".workspace"),
        "nothing is inherited:\n{manifest}"
    );
    // What crates.io asks for, and the files it names.
    for line in [
        "license = \"MIT OR Apache-2.0\"\n",
        "readme = \"README.md\"\n",
        "keywords = [\"aws\", \"smithy\", \"chime\"]\n",
        "categories = [\"api-bindings\"]\n",
    ] {
        assert!(manifest.contains(line), "{line} in\n{manifest}");
    }
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(
            files.contains_key(&PathBuf::from("chime-lean-input").join(file)),
            "{file}"
        );
    }
    assert!(!manifest.contains("publish"), "publishable:\n{manifest}");
    let client = &files[&PathBuf::from("chime-lean/Cargo.toml")];
    for dependency in [
        r#"chime-lean-error = { version = "0.1.0", path = "../chime-lean-error" }"#,
        r#"chime-lean-input = { version = "0.1.0", path = "../chime-lean-input" }"#,
        r#"chime-lean-output = { version = "0.1.0", path = "../chime-lean-output" }"#,
        r#"smithy-lean-client = { version = "0.1.0", path = "../smithy-lean-client" }"#,
        r#"smithy-lean-runtime = { version = "0.1.0", path = "../smithy-lean-runtime" }"#,
    ] {
        assert!(client.contains(dependency), "{dependency} in\n{client}");
    }
    let elsewhere = Options {
        runtime_dir: Some(r#"C:\runtime "quoted"/"#.to_owned()),
        ..as_xtask_codegen()
    };
    let files = generate(&model, &elsewhere).expect("generates").files;
    assert!(
        files[&PathBuf::from("chime-lean-error/Cargo.toml")]
            .contains(r#"path = "C:\\runtime \"quoted\"/smithy-lean-runtime" }"#)
    );
    let registry = Options {
        runtime_dir: None,
        ..as_xtask_codegen()
    };
    let files = generate(&model, &registry).expect("generates").files;
    assert!(
        files[&PathBuf::from("chime-lean-output/Cargo.toml")]
            .contains("\nsmithy-lean-runtime = \"0.1.0\"\n")
    );
}

#[test]
fn check_names_stale_missing_and_extra_files() {
    let files = generate(&chime_tests::read("model/chime.json"), &as_xtask_codegen())
        .expect("generates")
        .files;
    let dir =
        std::env::temp_dir().join(format!("smithy-lean-codegen-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    xtask::write(&files, &dir).expect("writes");
    assert_eq!(xtask::check(&files, &dir).expect("reads"), vec![]);
    assert!(
        xtask::write(&files, &dir).expect("writes").is_empty(),
        "a second run changes nothing"
    );

    let stale = PathBuf::from("chime-lean-input/src/tag.rs");
    let missing = PathBuf::from("chime-lean-output/src/lib.rs");
    let extra = PathBuf::from("chime-lean-error/src/left_over.rs");
    std::fs::write(dir.join(&stale), "// edited by hand\n").expect("writes");
    std::fs::remove_file(dir.join(&missing)).expect("removes");
    std::fs::write(dir.join(&extra), "// old\n").expect("writes");
    let drift = xtask::check(&files, &dir).expect("reads");
    assert_eq!(
        drift,
        vec![
            xtask::Drift::Stale(stale.clone()),
            xtask::Drift::Missing(missing),
            xtask::Drift::Extra(extra)
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Rule sets the endpoint-rules compiler refuses, each with the words its
/// error must contain: the trait, where in the rule set, and why.
fn endpoint_rule_cases() -> Vec<(String, String)> {
    let with_rules = |parameters: serde_json::Value, rules: serde_json::Value| {
        let mut model: serde_json::Value =
            serde_json::from_str(&synthetic(serde_json::json!({}), serde_json::json!({})))
                .expect("JSON");
        model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#endpointRuleSet"] =
            serde_json::json!({"version": "1.0", "parameters": parameters, "rules": rules});
        model.to_string()
    };
    let region = serde_json::json!({"Region": {"type": "String"}, "Flag": {"type": "Boolean"}});
    let error_rule = |conditions: serde_json::Value| serde_json::json!([{"type": "error", "conditions": conditions, "error": "no"}]);
    // `1` is a version of the 1.x format; `2.0` is not.
    let version_one = with_rules(region.clone(), error_rule(serde_json::json!([])))
        .replace(r#""version":"1.0""#, r#""version":"1""#);
    assert!(version_one.contains(r#""version":"1""#));
    generate(&version_one, &Options::default()).expect("version 1 reads");
    let cases = [
        (
            with_rules(region.clone(), error_rule(serde_json::json!([])))
                .replace(r#""version":"1.0""#, r#""version":"2.0""#),
            "example.test#Svc: trait `smithy.rules#endpointRuleSet`: version `2.0` is not supported (1.x is)",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(
                    serde_json::json!([{"fn": "aws.unknownFunction", "argv": [{"ref": "Region"}]}]),
                ),
            ),
            "example.test#Svc: trait `smithy.rules#endpointRuleSet`: at `rules[0].conditions[0]`: function `aws.unknownFunction` is not supported",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(serde_json::json!([{"fn": "substring", "argv": ["abc", -1, 2, false]}])),
            ),
            "at `rules[0].conditions[0].substring.argv[1]`: `substring` needs a non-negative whole number here",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(serde_json::json!([
                    {"fn": "parseURL", "argv": ["https://x"], "assign": "U"},
                    {"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "U"}, "port"]}, "1"]}
                ])),
            ),
            "at `rules[0].conditions[1].stringEquals.argv[0].getAttr`: a URL has no attribute `port`",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(
                    serde_json::json!([{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, true]}]),
                ),
            ),
            "`isValidHostLabel` needs a string here, not a string that may be unset: test it with isSet first",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(
                    serde_json::json!([{"fn": "stringEquals", "argv": [{"ref": "Region"}, "x"]}]),
                ),
            ),
            "at `rules[0].conditions[0].stringEquals.argv[0]`: `stringEquals` needs a string here, not a string that may be unset: test it with isSet first",
        ),
        (
            with_rules(
                region.clone(),
                serde_json::json!([{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Flag}.example"}}]),
            ),
            "`{Flag}` in a template must be a string, not a boolean",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(
                    serde_json::json!([{"fn": "booleanEquals", "argv": [{"ref": "Nope"}, true]}]),
                ),
            ),
            "`Nope` is neither a parameter nor an assigned value",
        ),
        (
            with_rules(
                region.clone(),
                error_rule(serde_json::json!([
                    {"fn": "isSet", "argv": [{"ref": "Region"}]},
                    {"fn": "getAttr", "argv": [{"ref": "Region"}, "name"]}
                ])),
            ),
            "`Region` is a string, which has no attributes",
        ),
        (
            with_rules(
                serde_json::json!({"Names": {"type": "list"}}),
                serde_json::json!([]),
            ),
            "at `parameters.Names`: type `list` is not one of the rules' (String, Boolean, StringArray)",
        ),
        (
            with_rules(
                serde_json::json!({"Names": {"type": "stringArray", "default": ["a", 1]}}),
                serde_json::json!([]),
            ),
            "at `parameters.Names`: a default list must hold strings",
        ),
        (
            with_rules(
                serde_json::json!({"Names": {"type": "stringArray"}}),
                error_rule(
                    serde_json::json!([{"fn": "getAttr", "argv": [{"ref": "Names"}, "first"]}]),
                ),
            ),
            "a list of strings has no attribute `first`: only elements, `[i]`",
        ),
        (
            with_rules(
                serde_json::json!({"Names": {"type": "stringArray", "required": true, "default": []}}),
                error_rule(
                    serde_json::json!([{"fn": "stringEquals", "argv": [{"ref": "Names"}, "x"]}]),
                ),
            ),
            "`stringEquals` needs a string here, not a list of strings",
        ),
        (
            with_rules(
                region,
                error_rule(
                    serde_json::json!([{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}]),
                ),
            ),
            "`booleanEquals` needs a boolean here, not a boolean that may be unset",
        ),
    ];
    cases
        .into_iter()
        .map(|(model, expected)| (model, expected.to_owned()))
        .collect()
}

/// A model with one service and one operation whose input is `input_shape`, plus `extra` shapes.
fn synthetic(input_members: serde_json::Value, extra: serde_json::Value) -> String {
    let mut shapes = serde_json::json!({
        "example.test#Svc": {
            "type": "service", "version": "2024-01-01", "operations": [{"target": "example.test#DoThing"}],
            "traits": {"aws.api#service": {"sdkId": "Example Svc", "endpointPrefix": "example"}, "aws.auth#sigv4": {"name": "example"}, "aws.protocols#restJson1": {}}
        },
        "example.test#DoThing": {
            "type": "operation", "input": {"target": "example.test#DoThingRequest"}, "output": {"target": "example.test#DoThingResponse"},
            "traits": {"smithy.api#http": {"method": "POST", "uri": "/things", "code": 200}}
        },
        "example.test#DoThingRequest": {"type": "structure", "members": input_members},
        "example.test#DoThingResponse": {"type": "structure", "members": {}}
    });
    for (id, shape) in extra.as_object().expect("an object") {
        shapes[id] = shape.clone();
    }
    serde_json::json!({"smithy": "2.0", "shapes": shapes}).to_string()
}

#[test]
fn unsupported_traits_and_shapes_are_refused_by_name() {
    let cases = [
        (
            synthetic(
                serde_json::json!({"Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Id: `@httpLabel`, but the URI pattern `/things` has no such label",
        ),
        (
            synthetic(
                serde_json::json!({"Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}}}}),
                serde_json::json!({}),
            )
            .replace("\"/things\"", "\"/things/{Id}\""),
            "example.test#DoThingRequest$Id: an `@httpLabel` member must be `@required`",
        ),
        (
            synthetic(serde_json::json!({}), serde_json::json!({}))
                .replace("\"/things\"", "\"/things/{Id}\""),
            "example.test#DoThing: trait `smithy.api#http`: the label `Id` names no `@httpLabel` member of example.test#DoThingRequest",
        ),
        (
            synthetic(
                serde_json::json!({"Inner": {"target": "example.test#Inner", "traits": {"smithy.api#httpHeader": "X-Inner"}}}),
                serde_json::json!({"example.test#Inner": {"type": "structure", "members": {}}}),
            ),
            "example.test#DoThingRequest$Inner: an `@httpQuery` or `@httpHeader` member must be a string, enum, boolean, number or timestamp, or a list of them",
        ),
        (
            synthetic(
                serde_json::json!({"Ids": {"target": "example.test#Ids", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}),
                serde_json::json!({"example.test#Ids": {"type": "list", "member": {"target": "smithy.api#String"}}}),
            )
            .replace("\"/things\"", "\"/things/{Ids}\""),
            "example.test#DoThingRequest$Ids: an `@httpLabel` member must be a string, enum, boolean, number or timestamp",
        ),
        (
            synthetic(
                serde_json::json!({"Q": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "q", "smithy.api#httpHeader": "X-Q"}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Q: a member can have only one of `@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`, `@httpPayload`, `@httpResponseCode`, `@eventHeader` and `@eventPayload`",
        ),
        (
            synthetic(
                serde_json::json!({"Q": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": ""}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Q: trait `smithy.api#httpQuery`: must be a non-empty string",
        ),
        (
            synthetic(serde_json::json!({}), serde_json::json!({}))
                .replace("\"/things\"", "\"/things//x\""),
            "example.test#DoThing: trait `smithy.api#http`: the URI pattern `/things//x` must not have an empty segment",
        ),
        (
            synthetic(serde_json::json!({}), serde_json::json!({}))
                .replace("\"POST\"", "\"PO ST\""),
            "example.test#DoThing: trait `smithy.api#http`: `method` \"PO ST\" is not an HTTP method",
        ),
        (
            synthetic(
                serde_json::json!({"When": {"target": "example.test#Stamp"}}),
                serde_json::json!({"example.test#Stamp": {"type": "resource"}}),
            ),
            "example.test#Stamp: shapes of type `resource` are not supported",
        ),
        (
            synthetic(
                serde_json::json!({"Token": {"target": "smithy.api#String"}}),
                serde_json::json!({}),
            )
            .replace(
                "\"smithy.api#http\":{",
                "\"smithy.api#paginated\": {\"inputToken\": \"Nope\", \"outputToken\": \"Next\"}, \"smithy.api#http\":{",
            ),
            "example.test#DoThing: trait `smithy.api#paginated`: `inputToken` names no input member `Nope`",
        ),
        (
            synthetic(
                serde_json::json!({"Token": {"target": "smithy.api#String"}}),
                serde_json::json!({"example.test#DoThingResponse": {"type": "structure", "members": {"Next": {"target": "smithy.api#Integer"}}}}),
            )
            .replace(
                "\"smithy.api#http\":{",
                "\"smithy.api#paginated\": {\"inputToken\": \"Token\", \"outputToken\": \"Next\"}, \"smithy.api#http\":{",
            ),
            "example.test#DoThing: trait `smithy.api#paginated`: `outputToken` must name a string",
        ),
        (
            synthetic(
                serde_json::json!({"Token": {"target": "smithy.api#String"}}),
                serde_json::json!({"example.test#DoThingResponse": {"type": "structure", "members": {"Page": {"target": "smithy.api#String"}}}}),
            )
            .replace(
                "\"smithy.api#http\":{",
                "\"smithy.api#paginated\": {\"inputToken\": \"Token\", \"outputToken\": \"Page.Next\"}, \"smithy.api#http\":{",
            ),
            "example.test#DoThing: trait `smithy.api#paginated`: `outputToken` path `Page.Next`: `Page` is not a structure",
        ),
        (
            synthetic(
                serde_json::json!({"Ratio": {"target": "smithy.api#Unit"}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Ratio: its target, the prelude's `Unit`, is not supported",
        ),
        (
            synthetic(
                serde_json::json!({"When": {"target": "smithy.api#String", "traits": {"smithy.api#timestampFormat": "date-time"}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$When: trait `smithy.api#timestampFormat`: applies to timestamps only",
        ),
        (
            synthetic(
                serde_json::json!({"When": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "unix"}}}),
                serde_json::json!({}),
            ),
            "trait `smithy.api#timestampFormat`: must be \"date-time\", \"http-date\" or \"epoch-seconds\"",
        ),
        (
            synthetic(
                serde_json::json!({"N": {"target": "example.test#Name"}}),
                serde_json::json!({"example.test#Name": {"type": "string", "traits": {"smithy.api#range": {"min": 1}}}}),
            ),
            "example.test#DoThingRequest$N: trait `smithy.api#range`: applies to numbers only (byte, short, integer, long, float, double, bigInteger, bigDecimal)",
        ),
        (
            synthetic(
                serde_json::json!({"N": {"target": "example.test#Count"}}),
                serde_json::json!({"example.test#Count": {"type": "integer", "traits": {"smithy.api#range": {"min": "1"}}}}),
            ),
            "trait `smithy.api#range`: `min` must be a number",
        ),
        (
            synthetic(
                serde_json::json!({"N": {"target": "example.test#Count"}}),
                serde_json::json!({"example.test#Count": {"type": "long", "traits": {"smithy.api#range": {"min": 1e19}}}}),
            ),
            "example.test#DoThingRequest$N: trait `smithy.api#range`: no 64-bit integer is within its bounds",
        ),
        (
            synthetic(
                serde_json::json!({"N": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 3000000000u64}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$N: trait `smithy.api#default`: must be a whole number the member's type can hold",
        ),
        (
            synthetic(
                serde_json::json!({"Flag": {"target": "smithy.api#Boolean", "traits": {"smithy.api#default": "yes"}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Flag: trait `smithy.api#default`: does not match the member's type",
        ),
        (
            synthetic(
                serde_json::json!({"Names": {"target": "example.test#Names", "traits": {"smithy.api#default": ["a"]}}}),
                serde_json::json!({"example.test#Names": {"type": "list", "member": {"target": "smithy.api#String"}}}),
            ),
            "example.test#DoThingRequest$Names: trait `smithy.api#default`: a list's default can only be `[]`, and a map's `{}`",
        ),
        (
            synthetic(
                serde_json::json!({"Data": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": "not base64!"}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Data: trait `smithy.api#default`: must be base64 text",
        ),
        (
            synthetic(
                serde_json::json!({"At": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": "2020-01-01T00:00:00Z"}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$At: trait `smithy.api#default`: is supported as seconds since the epoch only, not as text",
        ),
        (
            synthetic(
                serde_json::json!({"ByNumber": {"target": "example.test#ByNumber"}}),
                serde_json::json!({"example.test#ByNumber": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}}),
            ),
            "example.test#ByNumber$key: a map's keys must be strings or enums",
        ),
        (
            synthetic(
                serde_json::json!({"FooBar": {"target": "smithy.api#String"}, "foo_bar": {"target": "smithy.api#String"}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$foo_bar: its Rust name `foo_bar` collides with example.test#DoThingRequest$FooBar",
        ),
        (
            synthetic(
                serde_json::json!({"Builder": {"target": "smithy.api#String"}}),
                serde_json::json!({}),
            ),
            "its Rust name `builder` collides with a generated method",
        ),
        (
            synthetic(
                serde_json::json!({"Meta": {"target": "example.test#Counts", "traits": {"smithy.api#httpPrefixHeaders": "x-m-"}}}),
                serde_json::json!({"example.test#Counts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}}}),
            ),
            "example.test#DoThingRequest$Meta: an `@httpPrefixHeaders` member must be a map of strings",
        ),
        (
            synthetic(
                serde_json::json!({"Meta": {"target": "smithy.api#String", "traits": {"smithy.api#httpQueryParams": {}}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Meta: an `@httpQueryParams` member must be a map of strings or of lists of strings",
        ),
        (
            synthetic(
                serde_json::json!({"Meta": {"target": "example.test#Counts", "traits": {"smithy.api#httpQueryParams": {}}}}),
                serde_json::json!({"example.test#Counts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}}}),
            ),
            "example.test#DoThingRequest$Meta: an `@httpQueryParams` member must be a map of strings or of lists of strings",
        ),
        (
            synthetic(
                serde_json::json!({"Meta": {"target": "example.test#Texts", "traits": {"smithy.api#httpQueryParams": {}, "smithy.api#httpPrefixHeaders": ""}}}),
                serde_json::json!({"example.test#Texts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}}),
            ),
            "example.test#DoThingRequest$Meta: a member can have only one of",
        ),
        (
            synthetic(
                serde_json::json!({
                    "Body": {"target": "example.test#Texts", "traits": {"smithy.api#httpPayload": {}}},
                }),
                serde_json::json!({"example.test#Texts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}}),
            ),
            "example.test#DoThingRequest$Body: an `@httpPayload` member must be a structure, union, document, blob, string or enum",
        ),
        (
            synthetic(
                serde_json::json!({
                    "Body": {"target": "smithy.api#String", "traits": {"smithy.api#httpPayload": {}}},
                    "Other": {"target": "smithy.api#String"}
                }),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Other: is in the body, which the `@httpPayload` member `Body` is all of: bind it elsewhere",
        ),
        (
            synthetic(
                serde_json::json!({"Count": {"target": "example.test#Count"}}),
                serde_json::json!({"example.test#Count": {"type": "integer", "traits": {"smithy.api#mediaType": "text/plain"}}}),
            ),
            "example.test#DoThingRequest$Count: trait `smithy.api#mediaType`: must be a string, on a blob or a string",
        ),
        (
            synthetic(
                serde_json::json!({"Ids": {"target": "example.test#Ids", "traits": {"smithy.api#httpHeader": "x-ids"}}}),
                serde_json::json!({"example.test#Ids": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}}}),
            ),
            "example.test#DoThingRequest$Ids: an `@httpQuery` or `@httpHeader` member must be a string, enum, boolean, number or timestamp, or a list of them",
        ),
        (
            synthetic(
                serde_json::json!({"Ids": {"target": "smithy.api#String", "traits": {"smithy.api#uniqueItems": {}}}}),
                serde_json::json!({}),
            ),
            "example.test#DoThingRequest$Ids: trait `smithy.api#uniqueItems`: applies to lists only",
        ),
    ];
    let cases = cases
        .into_iter()
        .map(|(model, expected)| (model, expected.to_owned()))
        .chain(endpoint_rule_cases());
    for (model, expected) in cases {
        let error = generate(&model, &Options::default()).expect_err(&expected);
        assert!(
            error.to_string().contains(&expected),
            "expected {expected:?} in {error}"
        );
    }
    let error = generate(
        &chime_tests::read("model/chime.json"),
        &Options {
            operations: vec!["DeleteEverything".to_owned()],
            ..as_xtask_codegen()
        },
    )
    .expect_err("unknown operation");
    assert!(
        error
            .to_string()
            .contains("no operation named `DeleteEverything`"),
        "{error}"
    );
}

#[test]
fn partition_data_is_checked_and_only_used_where_the_rules_call_aws_partition() {
    let model = chime_tests::read("model/chime.json");
    let data = chime_tests::read("model/partitions.json");
    let with = |partitions: String| Options {
        partitions: Some(partitions),
        ..Options::default()
    };
    let cases = [
        (
            data.replacen(
                "\"regionRegex\": \"^(us|eu|ap",
                "\"regionRegex\": \"^((us|eu|ap",
                1,
            ),
            "partition data: partition `aws`: `regionRegex` does not compile",
        ),
        (
            data.replacen("\"supportsFIPS\": true", "\"supportsFIPS\": \"yes\"", 1),
            "partition data: partition `aws`: `outputs.supportsFIPS` must be a boolean",
        ),
        (
            data.replacen(
                "\"af-south-1\": {}",
                "\"af-south-1\": {\"dnsSuffix\": \"x\"}",
                1,
            ),
            "partition `aws`: `regions.af-south-1.dnsSuffix` overrides the partition's outputs",
        ),
        (
            "{\"version\": \"1.1\", \"partitions\": []}".to_owned(),
            "has no `aws` partition",
        ),
    ];
    for (partitions, expected) in cases {
        assert_ne!(partitions, data, "the case {expected:?} changes the data");
        let error = generate(&model, &with(partitions)).expect_err(expected);
        assert!(error.to_string().contains(expected), "{error}");
    }
    // Rules that never call aws.partition get no table.
    let mut model: serde_json::Value =
        serde_json::from_str(&synthetic(serde_json::json!({}), serde_json::json!({})))
            .expect("JSON");
    model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#endpointRuleSet"] = serde_json::json!({
        "version": "1.0",
        "parameters": {"Region": {"type": "String"}},
        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://example.com"}}]
    });
    let files = generate(&model.to_string(), &with(data))
        .expect("generates")
        .files;
    assert!(files.keys().any(|p| p.ends_with("endpoint_resolver.rs")));
    assert!(files.keys().all(|p| !p.ends_with("partition_table.rs")));
}

/// A model whose operation sets endpoint parameters: `input_members` on
/// its input, `statics` as its `@staticContextParams`, against a rule set
/// with a string `Tenant` and a boolean `Verbose`.
fn with_context(input_members: serde_json::Value, statics: Option<serde_json::Value>) -> String {
    let mut model: serde_json::Value = serde_json::from_str(&synthetic(
        input_members,
        serde_json::json!({"example.test#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}}}),
    ))
    .expect("JSON");
    model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#endpointRuleSet"] = serde_json::json!({
        "version": "1.0",
        "parameters": {"Tenant": {"type": "String"}, "Verbose": {"type": "Boolean"}},
        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://example.com"}}]
    });
    if let Some(statics) = statics {
        model["shapes"]["example.test#DoThing"]["traits"]["smithy.rules#staticContextParams"] =
            statics;
    }
    model.to_string()
}

/// [`with_context`]'s model with these `@clientContextParams`.
fn with_client(parameters: serde_json::Value) -> String {
    let mut model: serde_json::Value =
        serde_json::from_str(&with_context(serde_json::json!({}), None)).expect("JSON");
    model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#clientContextParams"] = parameters;
    model.to_string()
}

/// A path of `@operationContextParams` selects what it names, read with
/// the Rust it takes to reach it, or is refused saying why.
#[test]
fn operation_context_paths_select_what_they_name() {
    let model = |parameter: &str, path: &str| {
        let mut model: serde_json::Value = serde_json::from_str(&synthetic(
            serde_json::json!({
                "Nested": {"target": "example.test#Nested"},
                "Kind": {"target": "example.test#Kind"},
                "On": {"target": "smithy.api#Boolean"},
                "Items": {"target": "example.test#Items"},
                "Tags": {"target": "example.test#Tags"},
                "Counts": {"target": "example.test#Counts"},
                "Sparse": {"target": "example.test#Sparse"},
                "Kinds": {"target": "example.test#Kinds"}
            }),
            serde_json::json!({
                "example.test#Nested": {"type": "structure", "members": {
                    "Name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                    "Zones": {"target": "example.test#Names"}
                }},
                "example.test#Kind": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}}},
                "example.test#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
                "example.test#Kinds": {"type": "list", "member": {"target": "example.test#Kind"}},
                "example.test#Counts": {"type": "list", "member": {"target": "smithy.api#Integer"}},
                "example.test#Sparse": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
                "example.test#Items": {"type": "list", "member": {"target": "example.test#Nested"}},
                "example.test#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}
            }),
        ))
        .unwrap();
        model["shapes"]["example.test#Svc"]["traits"]["smithy.rules#endpointRuleSet"] = serde_json::json!({
            "version": "1.0",
            "parameters": {
                "Tenant": {"type": "String"},
                "Verbose": {"type": "Boolean"},
                "Zones": {"type": "stringArray"}
            },
            "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://example.com"}}]
        });
        model["shapes"]["example.test#DoThing"]["traits"]["smithy.rules#operationContextParams"] =
            serde_json::json!({parameter: {"path": path}});
        model.to_string()
    };
    let selected = |parameter: &str, path: &str| -> String {
        let files = generate(&model(parameter, path), &Options::default())
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .files;
        let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
        let start = input.find("fn endpoint_context").expect("endpoint_context");
        let end = start + input[start..].find("\n    }\n").expect("its end");
        input[start..end].split_whitespace().collect::<String>()
    };
    for (parameter, path, reads) in [
        (
            "Tenant",
            "Nested.Name",
            "self.nested.as_ref().map(|value| &value.name).map(|value| rt::endpoint::ContextValue::String(value.clone()))",
        ),
        (
            "Tenant",
            "Kind",
            "self.kind.as_ref().map(|value| rt::endpoint::ContextValue::String(value.as_str().to_owned()))",
        ),
        (
            "Verbose",
            "On",
            "self.on.as_ref().map(|value| rt::endpoint::ContextValue::Boolean(*value))",
        ),
        (
            "Zones",
            "Nested.Zones",
            "self.nested.as_ref().and_then(|value| value.zones.as_ref()).map(|value| rt::endpoint::ContextValue::StringArray(value.clone()))",
        ),
        (
            "Zones",
            "Kinds",
            "rt::endpoint::ContextValue::StringArray( value.iter().map(|item| item.as_str().to_owned()).collect(), )",
        ),
        (
            "Zones",
            "Items[*].Name",
            "self.items.as_ref().map(|items| items.iter().map(|item| &item.name).collect::<Vec<_>>())",
        ),
        (
            "Zones",
            "Kinds[*]",
            "self.kinds.as_ref().map(|items| items.iter().collect::<Vec<_>>())",
        ),
        (
            "Zones",
            "keys(Tags)",
            "self.tags.as_ref().map(|map| map.keys().collect::<Vec<_>>())",
        ),
    ] {
        let code = selected(parameter, path);
        let reads: String = reads.split_whitespace().collect();
        assert!(code.contains(&reads), "{path}: {code}");
    }
    for (parameter, path, why) in [
        (
            "Zones",
            "Counts",
            "it selects no string, enum, boolean or list of strings or enums",
        ),
        (
            "Zones",
            "Sparse",
            "it selects no string, enum, boolean or list of strings or enums",
        ),
        ("Zones", "Sparse[*]", "`[*]` of a sparse list is not read"),
        (
            "Zones",
            "Counts[*]",
            "it selects no string, enum, boolean or list of strings or enums",
        ),
        ("Zones", "Items[*].Zones[*]", "one `[*]` at most"),
        (
            "Zones",
            "keys(Items)",
            "`keys(..)` must select a map's keys",
        ),
        (
            "Tenant",
            "Nested",
            "it selects no string, enum, boolean or list of strings or enums",
        ),
        (
            "Tenant",
            "Nested.Nope",
            "`example.test#Nested` has no member `Nope`",
        ),
        (
            "Tenant",
            "Zones",
            "`example.test#DoThingRequest` has no member `Zones`",
        ),
        ("Tenant", "Nested.Zones", "`Tenant` is a string parameter"),
    ] {
        let error = generate(&model(parameter, path), &Options::default()).expect_err(path);
        assert!(error.to_string().contains(why), "{path}: {error}");
    }
}

/// The generator's list of the engine's `ConfigBuilder` methods, which a
/// service's own endpoint setting must not be named like, is the engine's.
#[test]
fn the_config_builders_methods_are_the_engines() {
    let source = chime_tests::read("crates/smithy-lean-client/src/config.rs");
    let builder = source
        .split("\nimpl ConfigBuilder {")
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .expect("config.rs has `impl ConfigBuilder`");
    let mut methods: Vec<&str> = builder
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("pub fn "))
        .filter_map(|rest| rest.split(['(', '<']).next())
        .collect();
    methods.sort_unstable();
    assert_eq!(methods, smithy_lean_codegen::CONFIG_BUILDER_METHODS);
}

/// [`with_context`]'s model with `Name`, `Count` and a `@sensitive` `Key`
/// on the input, and these `@operationContextParams`.
fn with_paths(paths: serde_json::Value) -> String {
    let members = serde_json::json!({
        "Name": {"target": "smithy.api#String"},
        "Count": {"target": "smithy.api#Integer"},
        "Key": {"target": "example.test#Secret"}
    });
    let mut model: serde_json::Value =
        serde_json::from_str(&with_context(members, None)).expect("JSON");
    model["shapes"]["example.test#DoThing"]["traits"]["smithy.rules#operationContextParams"] =
        paths;
    model.to_string()
}

#[test]
fn endpoint_parameters_an_operation_sets_must_be_the_rule_sets_and_of_its_types() {
    let member = |target: &str, name: &str| serde_json::json!({"M": {"target": target, "traits": {"smithy.rules#contextParam": {"name": name}}}});
    let cases = [
        (
            with_context(member("smithy.api#String", "Nope"), None),
            "example.test#DoThing: trait `smithy.rules#contextParam`: input member `M`: `Nope` is not a parameter of the service's endpoint rules",
        ),
        (
            with_context(member("smithy.api#Integer", "Tenant"), None),
            "example.test#DoThing: trait `smithy.rules#contextParam`: input member `M`: `Tenant` is a string parameter: its value must be a string or an enum",
        ),
        (
            with_context(member("smithy.api#String", "Verbose"), None),
            "input member `M`: `Verbose` is a boolean parameter: its value must be a boolean",
        ),
        (
            with_context(member("example.test#Secret", "Tenant"), None),
            "input member `M`: a `@sensitive` member cannot choose the endpoint",
        ),
        (
            with_context(
                serde_json::json!({"M": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {}}}}),
                None,
            ),
            "example.test#DoThingRequest$M: trait `smithy.rules#contextParam`: needs a string `name`",
        ),
        (
            with_context(
                serde_json::json!({}),
                Some(serde_json::json!({"Verbose": {"value": "yes"}})),
            ),
            "example.test#DoThing: trait `smithy.rules#staticContextParams`: `Verbose` is a boolean parameter: its value must be a boolean",
        ),
        (
            with_context(
                serde_json::json!({}),
                Some(serde_json::json!({"Nope": {"value": "x"}})),
            ),
            "trait `smithy.rules#staticContextParams`: `Nope` is not a parameter of the service's endpoint rules",
        ),
        (
            with_context(
                serde_json::json!({}),
                Some(serde_json::json!({"Tenant": {"value": 1}})),
            ),
            "trait `smithy.rules#staticContextParams`: `Tenant` needs a string, boolean or list of strings `value`",
        ),
        (
            with_context(serde_json::json!({}), Some(serde_json::json!(["Tenant"]))),
            "trait `smithy.rules#staticContextParams`: must be an object",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "Nope"}})),
            "example.test#DoThing: trait `smithy.rules#operationContextParams`: `Tenant`: the path `Nope`: `example.test#DoThingRequest` has no member `Nope`",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "Count"}})),
            "`smithy.rules#operationContextParams`: `Tenant`: the path `Count`: it selects no string, enum, boolean or list of strings or enums",
        ),
        (
            with_paths(serde_json::json!({"Verbose": {"path": "Name"}})),
            "`smithy.rules#operationContextParams`: the path `Name`: `Verbose` is a boolean parameter: its value must be a boolean",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "Key"}})),
            "the path `Key`: `Key` is `@sensitive`, and cannot choose the endpoint",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "keys(Name)"}})),
            "the path `keys(Name)`: `keys(..)` must select a map's keys",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "Name[*]"}})),
            "the path `Name[*]`: `[*]` must follow a list",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "Name.Inner"}})),
            "the path `Name.Inner`: `Inner` is not a member: what comes before it is no structure",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {"path": "length(Name)"}})),
            "the path `length(Name)`: expected `.` or `[*]` at `(Name)`",
        ),
        (
            with_paths(serde_json::json!({"Tenant": {}})),
            "trait `smithy.rules#operationContextParams`: `Tenant` needs a string `path`",
        ),
        (
            with_client(serde_json::json!({"Nope": {"type": "string"}})),
            "example.test#Svc: trait `smithy.rules#clientContextParams`: `Nope`: is not a parameter of the endpoint rules",
        ),
        (
            with_client(serde_json::json!({"Tenant": {"type": "boolean"}})),
            "trait `smithy.rules#clientContextParams`: `Tenant`: its type is not the rule set's for the parameter",
        ),
        (
            with_client(serde_json::json!({"Tenant": {"type": "integer"}})),
            "trait `smithy.rules#clientContextParams`: `Tenant`: type Some(\"integer\") is not `string` or `boolean`",
        ),
        (
            {
                let mut model: serde_json::Value = serde_json::from_str(&with_client(
                    serde_json::json!({"Tenant": {"type": "string"}}),
                ))
                .unwrap();
                let traits = model["shapes"]["example.test#Svc"]["traits"]
                    .as_object_mut()
                    .unwrap();
                traits.remove("smithy.rules#endpointRuleSet");
                model.to_string()
            },
            "trait `smithy.rules#clientContextParams`: the service has no endpoint rules for its parameters",
        ),
    ];
    for (model, expected) in cases {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert!(error.to_string().contains(expected), "{error}");
    }
    // Without a rule set, no parameter is the rule set's.
    let mut model: serde_json::Value =
        serde_json::from_str(&with_context(member("smithy.api#String", "Tenant"), None)).unwrap();
    model["shapes"]["example.test#Svc"]["traits"]
        .as_object_mut()
        .unwrap()
        .remove("smithy.rules#endpointRuleSet");
    let error = generate(&model.to_string(), &Options::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`Tenant` is not a parameter of the service's endpoint rules"),
        "{error}"
    );
}

#[test]
fn a_static_endpoint_parameter_takes_precedence_over_a_members() {
    let model = with_context(
        serde_json::json!({
            "Tenant": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {"name": "Tenant"}}},
            "Verbose": {"target": "smithy.api#Boolean", "traits": {"smithy.rules#contextParam": {"name": "Verbose"}}}
        }),
        Some(serde_json::json!({"Tenant": {"value": "fixed"}})),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let method = input
        .split("fn endpoint_context")
        .nth(1)
        .and_then(|rest| rest.split("\n    }\n").next())
        .expect("the input sets endpoint parameters");
    assert!(
        method.contains(r#"("Tenant", rt::endpoint::ContextValue::String("fixed".to_owned()))"#),
        "{method}"
    );
    assert!(!method.contains("self.tenant"), "{method}");
    assert!(
        method.contains("if let Some(value) = &self.verbose"),
        "{method}"
    );
    // An operation that sets none leaves the method to its default.
    let plain = generate(
        &with_context(serde_json::json!({}), None),
        &Options::default(),
    )
    .expect("generates")
    .files;
    assert!(
        !plain[&PathBuf::from("example-svc-input/src/do_thing_input.rs")]
            .contains("fn endpoint_context")
    );
}

#[test]
fn selecting_an_operation_keeps_only_what_it_reaches() {
    let files = generate(&chime_tests::official_chime_model(), &create_app_instance())
        .expect("generates")
        .files;
    let input_files: Vec<_> = files
        .keys()
        .filter(|p| p.starts_with("chime-lean-input/src"))
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        input_files,
        [
            "chime-lean-input/src/create_app_instance_input.rs",
            "chime-lean-input/src/endpoint_resolver.rs",
            "chime-lean-input/src/lib.rs",
            "chime-lean-input/src/partition_table.rs",
            "chime-lean-input/src/tag.rs"
        ]
    );
}

/// Naming edge cases, docs with HTML and brackets, sensitive members and
/// enum values that are not identifiers, as the generator writes them.
#[test]
fn naming_edge_cases_snapshot() {
    let model = synthetic(
        serde_json::json!({
            "type": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "<p>The <code>type</code> of thing: see\n   <a href=\"https://example.com/t\">the list</a> [not a link].</p>\n<p>Second paragraph with <i>emphasis</i>.</p>"}},
            "self": {"target": "example.test#Secret", "traits": {"smithy.api#required": {}}},
            "gen": {"target": "example.test#Region"},
            "Items": {"target": "example.test#SecretList"}
        }),
        serde_json::json!({
            "example.test#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}, "smithy.api#length": {"min": 1, "max": 8}}},
            "example.test#SecretList": {"type": "list", "member": {"target": "example.test#Secret"}},
            "example.test#Region": {"type": "enum", "members": {
                "US_EAST_1": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "us-east-1"}},
                "Unknown": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "UNKNOWN"}},
                "self": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "3des:v1"}}
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "edge_case_input",
        files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")]
    );
    insta::assert_snapshot!(
        "edge_case_enum",
        files[&PathBuf::from("example-svc-input/src/region.rs")]
    );
}

/// `synthetic`, with `errors` as the operation's errors.
fn synthetic_with_errors(errors: &[&str], extra: serde_json::Value) -> String {
    let mut model: serde_json::Value =
        serde_json::from_str(&synthetic(serde_json::json!({}), extra)).unwrap();
    model["shapes"]["example.test#DoThing"]["errors"] = errors
        .iter()
        .map(|id| serde_json::json!({"target": id}))
        .collect();
    model.to_string()
}

#[test]
fn errors_are_matched_by_their_shape_names_whatever_rust_casing_makes_of_them() {
    let model = synthetic_with_errors(
        &["example.test#KMSDisabledException"],
        serde_json::json!({
            "example.test#KMSDisabledException": {
                "type": "structure",
                "members": {"KMSKeyARN": {"target": "smithy.api#String"}, "message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}
            }
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let structure = &files[&PathBuf::from("example-svc-error/src/kms_disabled_exception.rs")];
    assert!(
        structure.contains("pub struct KmsDisabledException"),
        "the Rust name follows Rust casing"
    );
    assert!(
        structure.contains(r#"KmsDisabledExceptionBuilder, "KMSDisabledException""#),
        "the error's name is its shape name: {structure}"
    );
    assert!(
        structure.contains(r#""KMSKeyARN" =>"#),
        "the member keeps its wire name: {structure}"
    );
    let resolver = &files[&PathBuf::from("example-svc-error/src/do_thing_error.rs")];
    assert!(
        resolver.contains("KmsDisabledException(crate::KmsDisabledException),"),
        "the enum routes through the structure's name: {resolver}"
    );
    assert!(
        !resolver.contains(r#""KmsDisabledException""#),
        "{resolver}"
    );
}

#[test]
fn a_shape_whose_module_or_name_is_the_generators_is_refused_naming_both() {
    let member_of = |shape: &str| {
        synthetic(
            serde_json::json!({"Thing": {"target": format!("example.test#{shape}")}}),
            serde_json::json!({ format!("example.test#{shape}"): {"type": "structure", "members": {}} }),
        )
    };
    let cases = [
        (
            "EndpointResolver",
            "example.test#EndpointResolver: its Rust module `endpoint_resolver` is already used by the generated module `endpoint_resolver`",
        ),
        (
            "PartitionTable",
            "example.test#PartitionTable: its Rust module `partition_table` is already used by the generated module `partition_table`",
        ),
        (
            "Lib",
            "example.test#Lib: its Rust module `lib` is already used by the generated module `lib`",
        ),
        (
            "RT",
            "example.test#RT: its Rust module `rt` is already used by the runtime's alias in generated code",
        ),
    ];
    for (shape, expected) in cases {
        let error = generate(&member_of(shape), &Options::default()).expect_err(shape);
        assert!(
            error.to_string().contains(expected),
            "expected {expected:?} in {error}"
        );
    }
    // Two shapes of one Rust name: the second is refused, naming the first.
    let model = synthetic(
        serde_json::json!({
            "A": {"target": "example.test#ThingID"},
            "B": {"target": "other.test#ThingId"}
        }),
        serde_json::json!({
            "example.test#ThingID": {"type": "structure", "members": {}},
            "other.test#ThingId": {"type": "structure", "members": {}}
        }),
    );
    let error = generate(&model, &Options::default()).expect_err("one name, two shapes");
    assert!(error.to_string().contains("is already used by"), "{error}");
    // An error structure named like the operation's error enum.
    let model = synthetic_with_errors(
        &["example.test#DoThingError"],
        serde_json::json!({
            "example.test#DoThingError": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}}
        }),
    );
    let error = generate(&model, &Options::default()).expect_err("error enum name");
    assert!(
        error
            .to_string()
            .contains("example.test#DoThingError: its Rust type `DoThingError` is already used by the error enum of DoThing"),
        "{error}"
    );
    // Error structures whose variant or predicate the error enum has already.
    for (shape, variant, predicate) in [
        ("Unhandled", "Unhandled", "is_unhandled"),
        ("Retryable", "Retryable", "is_retryable"),
    ] {
        let id = format!("example.test#{shape}");
        let model = synthetic_with_errors(
            &[&id],
            serde_json::json!({
                id.clone(): {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}}
            }),
        );
        let error = generate(&model, &Options::default()).expect_err(shape);
        assert!(
            error.to_string().contains(&format!(
                "{id}: its variant `{variant}` and predicate `{predicate}` of DoThing's error enum collide"
            )),
            "{error}"
        );
    }
    // An operation named like one of the client's own methods.
    let model =
        synthetic(serde_json::json!({}), serde_json::json!({})).replace("DoThing", "Config");
    let error = generate(&model, &Options::default()).expect_err("Client::config");
    assert!(
        error.to_string().contains(
            "operation Config: its client method and module `config` are already used by the client's own method `config`"
        ),
        "{error}"
    );
}

#[test]
fn a_shape_named_like_a_keyword_gets_a_module_it_can_use() {
    let model = synthetic(
        serde_json::json!({"T": {"target": "example.test#Type"}}),
        serde_json::json!({"example.test#Type": {"type": "structure", "members": {}}}),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    assert!(files.contains_key(&PathBuf::from("example-svc-input/src/type_.rs")));
    let lib = &files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(lib.contains("mod type_;"), "{lib}");
    assert!(lib.contains("pub use crate::type_::Type;"), "{lib}");
}

#[test]
fn the_crate_prefix_names_every_crate_and_must_make_valid_crate_names() {
    let model = chime_tests::read("model/chime.json");
    let files = generate(
        &model,
        &Options {
            crate_prefix: Some("acme-chime".to_owned()),
            ..as_xtask_codegen()
        },
    )
    .expect("generates")
    .files;
    let crates: std::collections::BTreeSet<_> = files
        .keys()
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        crates.into_iter().collect::<Vec<_>>(),
        [
            "acme-chime",
            "acme-chime-error",
            "acme-chime-input",
            "acme-chime-output"
        ]
    );
    let client = &files[&PathBuf::from("acme-chime/src/operation/create_app_instance.rs")];
    assert!(
        client.contains("::acme_chime_input::CreateAppInstanceInput"),
        "{client}"
    );
    for bad in ["", "1chime", "chime lean", "chime/x", &"c".repeat(58)] {
        let error = generate(
            &model,
            &Options {
                crate_prefix: Some(bad.to_owned()),
                ..as_xtask_codegen()
            },
        )
        .expect_err(bad);
        assert!(
            error
                .to_string()
                .contains("a crate name starts with an ASCII letter"),
            "{bad:?}: {error}"
        );
    }
    let longest = "c".repeat(57);
    generate(
        &model,
        &Options {
            crate_prefix: Some(longest),
            ..as_xtask_codegen()
        },
    )
    .expect("57 + `-output` is 64");
}

/// Two operations may share an input or an output structure: each gets a
/// type of its own, as in the AWS SDKs (this panicked in lowering before).
#[test]
fn operations_that_share_an_input_and_an_output_each_get_their_own() {
    let model = synthetic(
        serde_json::json!({"name": {"target": "smithy.api#String"}}),
        serde_json::json!({
            "example.test#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [{"target": "example.test#DoThing"}, {"target": "example.test#DoOther"}],
                "traits": {"aws.api#service": {"sdkId": "Example Svc", "endpointPrefix": "example"}, "aws.auth#sigv4": {"name": "example"}, "aws.protocols#restJson1": {}}
            },
            "example.test#DoOther": {
                "type": "operation", "input": {"target": "example.test#DoThingRequest"}, "output": {"target": "example.test#DoThingResponse"},
                "traits": {"smithy.api#http": {"method": "PUT", "uri": "/other", "code": 200}}
            }
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    for (path, type_name) in [
        (
            "example-svc-input/src/do_thing_input.rs",
            "pub struct DoThingInput",
        ),
        (
            "example-svc-input/src/do_other_input.rs",
            "pub struct DoOtherInput",
        ),
        (
            "example-svc-output/src/do_thing_output.rs",
            "pub struct DoThingOutput",
        ),
        (
            "example-svc-output/src/do_other_output.rs",
            "pub struct DoOtherOutput",
        ),
    ] {
        let text = files
            .get(&PathBuf::from(path))
            .unwrap_or_else(|| panic!("{path} is not generated"));
        assert!(text.contains(type_name), "{path}");
        // Both name the one shape they come from.
        assert!(
            text.contains("Smithy shape: `example.test#DoThing"),
            "{path}"
        );
    }
    let other = &files[&PathBuf::from("example-svc-input/src/do_other_input.rs")];
    assert!(other.contains("Input of the `DoOther` operation."));
    assert!(other.contains("const HTTP_METHOD: &'static str = \"PUT\";"));
}

/// Bytes, shorts, floats and doubles: their Rust types, defaults, accessors,
/// validation of integer ranges, and their text in queries and headers.
#[test]
fn numbers_of_every_width_snapshot() {
    let member = |target: &str, traits: serde_json::Value| serde_json::json!({"target": target, "traits": traits});
    let model = synthetic(
        serde_json::json!({
            "tiny": member("smithy.api#Byte", serde_json::json!({"smithy.api#httpQuery": "tiny", "smithy.api#range": {"min": -5, "max": 5}})),
            "small": member("smithy.api#Short", serde_json::json!({"smithy.api#default": 300})),
            "ratio": member("smithy.api#Float", serde_json::json!({"smithy.api#httpHeader": "X-Ratio"})),
            "precise": member("smithy.api#Double", serde_json::json!({"smithy.api#default": 2.5})),
            "samples": member("example.test#Samples", serde_json::json!({"smithy.api#httpQuery": "sample"}))
        }),
        serde_json::json!({
            "example.test#Samples": {"type": "list", "member": {"target": "smithy.api#Double"}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "numbers_input",
        files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")]
    );
}

/// HTTP binding traits mean something only on an operation's input, output
/// or error: a nested structure's bound member is in the body, as is an
/// output's query parameter, while an output's header and status members
/// are read from the response.
#[test]
fn bindings_apply_where_the_structure_is_used() {
    let model = synthetic(
        serde_json::json!({"Inner": {"target": "example.test#Inner"}}),
        serde_json::json!({
            "example.test#Inner": {"type": "structure", "members": {
                "Since": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Since"}}
            }},
            "example.test#DoThingResponse": {"type": "structure", "members": {
                "Query": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "q"}},
                "Header": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpHeader": "X-Count"}},
                "Status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}}
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let inner = &files[&PathBuf::from("example-svc-input/src/inner.rs")];
    assert!(inner.contains("rt::json::write(object, \"Since\", self.since.as_ref())?;"));
    insta::assert_snapshot!(
        "bound_output",
        files[&PathBuf::from("example-svc-output/src/do_thing_output.rs")]
    );
}

/// `@uniqueItems` lists are checked by `validate()`: by hashing where the
/// items are `Hash` (strings, nested lists of them), by comparison where
/// they are structures.
#[test]
fn unique_items_lists_snapshot() {
    let member = |target: &str| serde_json::json!({"target": target});
    let model = synthetic(
        serde_json::json!({
            "names": member("example.test#NameSet"),
            "groups": member("example.test#GroupSet"),
            "pairs": member("example.test#PairSet")
        }),
        serde_json::json!({
            "example.test#NameSet": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#uniqueItems": {}, "smithy.api#length": {"max": 10}}},
            "example.test#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "example.test#GroupSet": {"type": "list", "member": {"target": "example.test#Names"}, "traits": {"smithy.api#uniqueItems": {}}},
            "example.test#PairSet": {"type": "list", "member": {"target": "example.test#Pair"}, "traits": {"smithy.api#uniqueItems": {}}},
            "example.test#Pair": {"type": "structure", "members": {"left": member("smithy.api#Double")}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let start = input
        .find("impl rt::validation::Validate")
        .expect("validates");
    let end = input
        .find("impl rt::json::JsonMembers")
        .expect("writes JSON");
    let validation = &input[start..end];
    insta::assert_snapshot!("unique_items_validation", validation);
}

/// An `intEnum` is an open set of named integers: members hold an `i32`,
/// as in the AWS SDK for Rust, and their documentation names the values.
#[test]
fn an_int_enum_member_is_an_i32_documented_with_its_values() {
    let model = synthetic(
        serde_json::json!({"level": {"target": "example.test#Level", "traits": {"smithy.api#httpHeader": "X-Level"}}}),
        serde_json::json!({
            "example.test#Level": {"type": "intEnum", "members": {
                "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
                "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10}}
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let docs = "        ///\n        /// One of the values of `Level`:\n        /// - `1`: `LOW`\n        /// - `10`: `HIGH`\n        #[get(Option<i32>, copy)]\n        level: Option<i32>,";
    assert!(input.contains(docs), "{input}");
    assert!(input.contains("&value.to_string(),"), "{input}");
}

/// `@httpPrefixHeaders` and `@httpQueryParams` maps are sent after the
/// members bound to single headers and parameters, which take precedence;
/// an output's prefixed headers are read back into its map.
#[test]
fn prefix_headers_and_query_params_snapshot() {
    let member = |target: &str, traits: serde_json::Value| serde_json::json!({"target": target, "traits": traits});
    let model = synthetic(
        serde_json::json!({
            "meta": member("example.test#Meta", serde_json::json!({"smithy.api#httpPrefixHeaders": "x-meta-"})),
            "color": member("smithy.api#String", serde_json::json!({"smithy.api#httpHeader": "x-meta-color"})),
            "filters": member("example.test#Filters", serde_json::json!({"smithy.api#httpQueryParams": {}})),
            "extra": member("example.test#Meta", serde_json::json!({"smithy.api#httpQueryParams": {}})),
            "page": member("smithy.api#Integer", serde_json::json!({"smithy.api#httpQuery": "page"}))
        }),
        serde_json::json!({
            "example.test#Meta": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
            "example.test#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "example.test#Filters": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "example.test#Names"}},
            "example.test#DoThingResponse": {"type": "structure", "members": {
                "meta": member("example.test#Meta", serde_json::json!({"smithy.api#httpPrefixHeaders": "x-meta-"}))
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let request = &input[input
        .find("impl rt::operation::OperationInput")
        .expect("a request")..];
    insta::assert_snapshot!("prefix_headers_and_query_params_request", request);
    let output = &files[&PathBuf::from("example-svc-output/src/do_thing_output.rs")];
    let response = &output[output
        .find("impl rt::response::ResponseBindings")
        .expect("bindings")..];
    insta::assert_snapshot!("prefix_headers_response", response);
}

/// Blobs hold `aws_smithy_types::Blob`, as in the AWS SDK for Rust: base64
/// text in the body, queries and headers, their `@length` in bytes.
#[test]
fn blobs_snapshot() {
    let member = |target: &str, traits: serde_json::Value| serde_json::json!({"target": target, "traits": traits});
    let model = synthetic(
        serde_json::json!({
            "data": member("example.test#Data", serde_json::json!({})),
            "token": member("smithy.api#Blob", serde_json::json!({"smithy.api#httpHeader": "x-token"})),
            "keys": member("example.test#Keys", serde_json::json!({"smithy.api#httpQuery": "key"}))
        }),
        serde_json::json!({
            "example.test#Data": {"type": "blob", "traits": {"smithy.api#length": {"min": 1, "max": 1024}}},
            "example.test#Keys": {"type": "list", "member": {"target": "smithy.api#Blob"}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "blobs_input",
        files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")]
    );
}

/// An `@httpPayload` member is the whole body: a structure's JSON (`{}`
/// unset), a blob's bytes with its `@mediaType` (no body unset), read back
/// the same way; a `@mediaType` string in a header is base64.
#[test]
fn payloads_snapshot() {
    let member = |target: &str, traits: serde_json::Value| serde_json::json!({"target": target, "traits": traits});
    let model = synthetic(
        serde_json::json!({
            "config": member("example.test#Config", serde_json::json!({"smithy.api#httpPayload": {}})),
            "meta": member("example.test#Json", serde_json::json!({"smithy.api#httpHeader": "x-meta"}))
        }),
        serde_json::json!({
            "example.test#Config": {"type": "structure", "members": {"depth": member("smithy.api#Integer", serde_json::json!({}))}},
            "example.test#Json": {"type": "string", "traits": {"smithy.api#mediaType": "application/json"}},
            "example.test#Jpeg": {"type": "blob", "traits": {"smithy.api#mediaType": "image/jpeg"}},
            "example.test#DoThingResponse": {"type": "structure", "members": {
                "image": member("example.test#Jpeg", serde_json::json!({"smithy.api#httpPayload": {}})),
                "meta": member("example.test#Json", serde_json::json!({"smithy.api#httpHeader": "x-meta"}))
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let request = &input[input
        .find("impl rt::operation::OperationInput")
        .expect("a request")..];
    insta::assert_snapshot!("payload_request", request);
    let output = &files[&PathBuf::from("example-svc-output/src/do_thing_output.rs")];
    let response = &output[output
        .find("impl rt::response::ResponseBindings")
        .expect("bindings")..];
    insta::assert_snapshot!("payload_response", response);
    // A blob payload in a request: its bytes, under its media type.
    let blob_input = model.replace(
        "\"config\":{\"target\":\"example.test#Config\"",
        "\"config\":{\"target\":\"example.test#Jpeg\"",
    );
    assert_ne!(blob_input, model);
    let files = generate(&blob_input, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains(".map(|value| (\"image/jpeg\", value.as_ref().to_vec()))"),
        "{input}"
    );
}

/// A structure that is an operation's input and also a member's target
/// (as Smithy's `GreetingStruct` is in the compliance models) is two
/// types: the operation's input, and the structure the member holds,
/// each in the crates that use it.
#[test]
fn an_operation_input_that_a_member_also_targets_is_both_types() {
    let model = synthetic(
        serde_json::json!({"greeting": {"target": "example.test#Greeting"}}),
        serde_json::json!({
            "example.test#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [{"target": "example.test#DoThing"}, {"target": "example.test#Greet"}],
                "traits": {"aws.api#service": {"sdkId": "Example Svc", "endpointPrefix": "example"}, "aws.auth#sigv4": {"name": "example"}, "aws.protocols#restJson1": {}}
            },
            "example.test#Greet": {
                "type": "operation", "input": {"target": "example.test#Greeting"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/greet", "code": 200}}
            },
            "example.test#Greeting": {"type": "structure", "members": {"hi": {"target": "smithy.api#String"}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let file = |path: &str| {
        files
            .get(&PathBuf::from(path))
            .unwrap_or_else(|| panic!("{path} is not generated"))
    };
    assert!(file("example-svc-input/src/greet_input.rs").contains("pub struct GreetInput"));
    assert!(file("example-svc-input/src/greeting.rs").contains("pub struct Greeting "));
    let do_thing = file("example-svc-input/src/do_thing_input.rs");
    assert!(
        do_thing.contains("greeting: Option<crate::Greeting>"),
        "{do_thing}"
    );
}

/// A service of another protocol is refused for its protocol, naming the
/// ones it has, before any of that protocol's traits could be refused as
/// unknown; a protocol the model defines itself counts as one.
#[test]
fn a_service_of_another_protocol_is_refused_naming_its_protocols() {
    let with_traits = |traits: serde_json::Value, extra: serde_json::Value| {
        let mut model: serde_json::Value =
            serde_json::from_str(&synthetic(serde_json::json!({}), extra)).unwrap();
        model["shapes"]["example.test#Svc"]["traits"] = traits;
        model.to_string()
    };
    let service = serde_json::json!({"sdkId": "Example Svc", "endpointPrefix": "example"});
    let cases = [
        (
            with_traits(
                serde_json::json!({"aws.api#service": service, "aws.protocols#awsJson1_1": {}, "aws.api#clientEndpointDiscovery": {}}),
                serde_json::json!({}),
            ),
            "example.test#Svc: only the `aws.protocols#restJson1` protocol is supported, and its protocols are aws.protocols#awsJson1_1",
        ),
        (
            with_traits(
                serde_json::json!({"aws.api#service": service, "example.test#myProtocol": {}}),
                serde_json::json!({"example.test#myProtocol": {"type": "structure", "members": {}, "traits": {"smithy.api#trait": {}, "smithy.api#protocolDefinition": {}}}}),
            ),
            "and its protocols are example.test#myProtocol",
        ),
        (
            with_traits(
                serde_json::json!({"aws.api#service": service}),
                serde_json::json!({}),
            ),
            "only the `aws.protocols#restJson1` protocol is supported, and it names no protocol",
        ),
    ];
    for (model, expected) in cases {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "{expected:?} in {error}"
        );
    }
}

/// A string with the IDL 1.0 `enum` trait is the enum shape Smithy 2.0
/// makes of it: a variant per definition, named by its `name` or by its
/// value, its documentation and deprecation kept; a map may be keyed by
/// it. The trait's own rules are checked. (What such enums send and read
/// is proven by `xtask/protocol-tests/own/enum-trait.smithy`.)
#[test]
fn the_idl_1_enum_trait_is_an_enum() {
    let model = |definitions: serde_json::Value| {
        synthetic(
            serde_json::json!({
                "size": {"target": "example.test#Size"},
                "bySize": {"target": "example.test#BySize"}
            }),
            serde_json::json!({
                "example.test#Size": {"type": "string", "traits": {"smithy.api#enum": definitions}},
                "example.test#BySize": {"type": "map", "key": {"target": "example.test#Size"}, "value": {"target": "smithy.api#Integer"}}
            }),
        )
    };
    let named = serde_json::json!([
        {"value": "t2.micro", "name": "T2_MICRO", "documentation": "The <b>smallest</b>."},
        {"value": "old", "name": "OLD", "deprecated": true, "tags": ["legacy"]}
    ]);
    let files = generate(&model(named), &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "enum_trait",
        &files[&PathBuf::from("example-svc-input/src/size.rs")]
    );
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("by_size: Option<::std::collections::HashMap<crate::Size, i32>>"),
        "{input}"
    );
    assert!(
        input.contains("#[set(insert(crate::Size, i32), set_by_size"),
        "{input}"
    );
    let unnamed = serde_json::json!([{"value": "us-east-1"}, {"value": "a b  c"}]);
    let files = generate(&model(unnamed), &Options::default())
        .expect("generates")
        .files;
    let size = &files[&PathBuf::from("example-svc-input/src/size.rs")];
    for expected in ["UsEast1", r#""us-east-1""#, "ABC", r#""a b  c""#] {
        assert!(size.contains(expected), "{expected} in {size}");
    }
    let refused = [
        (
            serde_json::json!([]),
            "must be a non-empty list of enum definitions",
        ),
        (
            serde_json::json!([{"value": "a", "name": "A"}, {"value": "b"}]),
            "either every definition has a `name` or none does",
        ),
        (
            serde_json::json!([{"value": "a"}, {"value": "a"}]),
            "the value \"a\" is defined twice",
        ),
        (
            serde_json::json!([{"value": "a", "name": "X"}, {"value": "b", "name": "X"}]),
            "the name `X` is given twice",
        ),
        (
            serde_json::json!([{"value": "a", "name": "1A"}]),
            "the `name` of \"a\" must be an identifier",
        ),
        (
            serde_json::json!([{"value": "*"}]),
            "the value \"*\" has no `name`, and no identifier can be made of it",
        ),
        (
            serde_json::json!([{"value": ""}]),
            "definition 0 needs a `value`, a non-empty string",
        ),
        (
            serde_json::json!([{"value": "a", "colour": "red"}]),
            "definition 0 has an unknown key `colour`",
        ),
        (
            serde_json::json!([{"value": "a", "deprecated": "yes"}]),
            "the `deprecated` of \"a\" must be a boolean",
        ),
    ];
    for (definitions, expected) in refused {
        let error = generate(&model(definitions), &Options::default()).expect_err(expected);
        let expected = format!("example.test#Size: trait `smithy.api#enum`: {expected}");
        assert!(
            error.to_string().contains(&expected),
            "{expected:?} in {error}"
        );
    }
}

/// A map's keys with `@length` or `@pattern` are checked by validation,
/// each at its own path, the pattern in the crate's table.
#[test]
fn constrained_map_keys_are_validated() {
    let model = synthetic(
        serde_json::json!({"labels": {"target": "example.test#Labels"}}),
        serde_json::json!({
            "example.test#Labels": {"type": "map", "key": {"target": "example.test#LabelKey"}, "value": {"target": "smithy.api#String"}},
            "example.test#LabelKey": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 8}, "smithy.api#pattern": "^[a-z]+$"}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(input.contains(".map_keys("), "{input}");
    assert!(
        input.contains("|here, key| here.string(Some(key), 1..=8, Some(&crate::PATTERNS[0]))"),
        "{input}"
    );
    let lib = &files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(lib.contains("^[a-z]+$"), "{lib}");
}

/// `@range` on every kind of number: whole numbers against an `i64`
/// range, a fractional bound rounded inwards and one beyond `i64` left
/// out; floats and big numbers against the model's decimal text. (The
/// runtime's tests prove the comparisons; `xtask/tests/regenerate.rs`
/// runs them in a generated client.)
#[test]
fn ranges_of_every_kind_of_number() {
    let model = synthetic(
        serde_json::json!({
            "Count": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"min": 0.5, "max": 10.5}}},
            "Huge": {"target": "smithy.api#Long", "traits": {"smithy.api#range": {"min": -1e300, "max": 7}}},
            "Ratio": {"target": "smithy.api#Double", "traits": {"smithy.api#range": {"min": 0.25}}},
            "Ratios": {"target": "example.test#Ratios"},
            "Budget": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#range": {"max": 12345678901234567890u64}}}
        }),
        serde_json::json!({
            "example.test#Ratios": {"type": "list", "member": {"target": "example.test#Ratio"}},
            "example.test#Ratio": {"type": "float", "traits": {"smithy.api#range": {"max": 1}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    for expected in [
        r#"check.member("Count").integer(self.count.map(i64::from), 1..=10);"#,
        // A long is an `i64` already: no conversion.
        r#"check.member("Huge").integer(self.huge, ..=7);"#,
        r#"check.member("Ratio").float(self.ratio.as_ref(), Some("0.25"), None);"#,
        r#"|here, value| here.float(Some(value), None, Some("1"))"#,
        "self.budget.as_ref().map(AsRef::as_ref),\n                None,\n                Some(\"12345678901234567890\"),",
    ] {
        assert!(input.contains(expected), "{expected} in {input}");
    }
}

/// Big numbers are the AWS runtime's `BigInteger` and `BigDecimal`, read
/// and written through the same generic helpers as every other type; a
/// default keeps the model's digits; a bigInteger default must be whole.
/// (What they send and read is proven by the runner's own cases in
/// `xtask/protocol-tests/own/big-numbers.smithy`.)
#[test]
fn big_numbers_snapshot() {
    let model = |default: serde_json::Value| {
        synthetic(
            serde_json::json!({
                "count": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#httpHeader": "X-Count"}},
                "measure": {"target": "example.test#Measure"}
            }),
            serde_json::json!({
                "example.test#Ratio": {"type": "bigDecimal"},
                "example.test#Measure": {"type": "structure", "members": {
                    "ratio": {"target": "example.test#Ratio", "traits": {"smithy.api#default": default}}
                }}
            }),
        )
    };
    let files = generate(
        &model(serde_json::from_str("12345678901234567890.5").unwrap()),
        &Options::default(),
    )
    .expect("generates")
    .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    insta::assert_snapshot!("big_numbers", input);
    let lib = &files[&PathBuf::from("example-svc/src/lib.rs")];
    assert!(
        lib.contains("pub use rt::aws_smithy_types::BigInteger;"),
        "{lib}"
    );
    let measure = &files[&PathBuf::from("example-svc-input/src/measure.rs")];
    insta::assert_snapshot!("big_number_default", measure);
    let whole =
        model(serde_json::json!(1.5)).replace(r#""type":"bigDecimal""#, r#""type":"bigInteger""#);
    let error = generate(&whole, &Options::default()).expect_err("a fraction");
    assert!(
        error.to_string().contains(
            "example.test#Measure$ratio: trait `smithy.api#default`: must be a whole number"
        ),
        "{error}"
    );
}

/// Recursive shapes: a member that closes a cycle of structures and
/// unions is boxed (its accessor still gives the value, its setter takes
/// it); one whose cycle goes through a list or map is not, since the
/// collection holds its items elsewhere.
#[test]
fn recursive_shapes_snapshot() {
    let model = synthetic(
        serde_json::json!({"tree": {"target": "example.test#Tree"}, "choice": {"target": "example.test#Choice"}}),
        serde_json::json!({
            "example.test#Tree": {"type": "structure", "members": {
                "label": {"target": "smithy.api#String"},
                "left": {"target": "example.test#Tree"},
                "children": {"target": "example.test#Forest"}
            }},
            "example.test#Forest": {"type": "list", "member": {"target": "example.test#Tree"}},
            "example.test#Choice": {"type": "union", "members": {
                "leaf": {"target": "smithy.api#String"},
                "nested": {"target": "example.test#Choice"}
            }},
            "example.test#DoThingResponse": {"type": "structure", "members": {"choice": {"target": "example.test#Choice"}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let tree = &files[&PathBuf::from("example-svc-input/src/tree.rs")];
    insta::assert_snapshot!("recursive_structure", tree);
    assert!(
        tree.contains("children: Option<Vec<crate::Tree>>"),
        "{tree}"
    );
    let choice = &files[&PathBuf::from("example-svc-input/src/choice.rs")];
    assert!(choice.contains("Nested(Box<crate::Choice>)"), "{choice}");
    assert!(choice.contains("&**value,"), "{choice}");
    let read = &files[&PathBuf::from("example-svc-output/src/choice.rs")];
    assert!(read.contains("rt::json::read_boxed(tokens, key)"), "{read}");
}

/// A hostile model's long chain of structures, closed into a cycle at its
/// end, is walked without exhausting the generator's stack: one member
/// boxed, the rest as they are.
#[test]
fn a_long_cycle_of_structures_is_boxed_once_without_exhausting_the_stack() {
    const LENGTH: usize = 10_000;
    let mut extra = serde_json::Map::new();
    for i in 0..LENGTH {
        let next = format!("example.test#S{}", (i + 1) % LENGTH);
        extra.insert(
            format!("example.test#S{i}"),
            serde_json::json!({"type": "structure", "members": {"next": {"target": next}}}),
        );
    }
    let model = synthetic(
        serde_json::json!({"first": {"target": "example.test#S0"}}),
        serde_json::Value::Object(extra),
    );
    let files = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || generate(&model, &Options::default()).map_err(|e| e.to_string()))
        .unwrap()
        .join()
        .expect("no stack overflow")
        .expect("generates")
        .files;
    let boxed: Vec<_> = files
        .values()
        .filter(|text| text.contains("next: Option<Box<"))
        .collect();
    assert_eq!(boxed.len(), 1);
}

/// A host prefix with `@hostLabel` members is made from each input, its
/// labels checked; a prefix and members that do not match are refused,
/// naming the rule.
#[test]
fn host_prefixes_with_labels() {
    let with = |prefix: &str, members: serde_json::Value| {
        let mut model: serde_json::Value =
            serde_json::from_str(&synthetic(members, serde_json::json!({}))).unwrap();
        model["shapes"]["example.test#DoThing"]["traits"]["smithy.api#endpoint"] =
            serde_json::json!({"hostPrefix": prefix});
        model.to_string()
    };
    let label = |traits: serde_json::Value| serde_json::json!({"Bucket": {"target": "smithy.api#String", "traits": traits}});
    let both = serde_json::json!({"smithy.api#hostLabel": {}, "smithy.api#required": {}});
    let files = generate(
        &with("{Bucket}-data.", label(both.clone())),
        &Options::default(),
    )
    .expect("generates")
    .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    for expected in [
        "const HOST_PREFIX: Option<&'static str> = None;",
        r#"rt::request::push_host_label(&mut prefix, "Bucket", &self.bucket)?;"#,
        r#"prefix.push_str("-data.");"#,
    ] {
        assert!(input.contains(expected), "{expected} in {input}");
    }
    let cases = [
        (
            with("{Other}.", label(both.clone())),
            "example.test#DoThing: trait `smithy.api#endpoint`: the host label `Other` names no member of example.test#DoThingRequest",
        ),
        (
            with("{Bucket.", label(both.clone())),
            "the host prefix `{Bucket.` has a `{` without its `}`",
        ),
        (
            with("}x.", label(both.clone())),
            "the host prefix `}x.` has a `}` without its `{`",
        ),
        (
            with(
                "{Bucket}.",
                label(serde_json::json!({"smithy.api#required": {}})),
            ),
            "example.test#DoThingRequest$Bucket: a host label's member must have `@hostLabel` and be `@required`",
        ),
        (
            with("static.", label(both.clone())),
            "example.test#DoThingRequest$Bucket: `@hostLabel`, but the operation's host prefix has no such label",
        ),
        (
            with(
                "{Bucket}.",
                serde_json::json!({"Bucket": {"target": "smithy.api#Integer", "traits": both}}),
            ),
            "example.test#DoThingRequest$Bucket: a host label's member must be a string",
        ),
    ];
    for (model, expected) in cases {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "expected {expected:?} in {error}"
        );
    }
}

/// The AWS SDKs' customizations of Glacier and API Gateway, keyed by the
/// service's shape id: headers on every request, Glacier's account id
/// (`-` when unset or empty) and its uploads' tree hash; other services
/// get none of them.
#[test]
fn services_the_aws_sdks_customize_are_customized_alike() {
    let glacier = synthetic(
        serde_json::json!({"accountId": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}),
        serde_json::json!({}),
    )
    .replace("\"/things\"", "\"/{accountId}/things\"")
    .replace("example.test#Svc", "com.amazonaws.glacier#Glacier")
    .replace("example.test#DoThing\"", "example.test#UploadArchive\"");
    let files = generate(&glacier, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/upload_archive_input.rs")];
    for expected in [
        "const SHA256_TREE_HASH: bool = true;",
        "rt::http::HeaderName::from_static(\"x-amz-glacier-version\")",
        "rt::http::HeaderValue::from_static(\"2024-01-01\")",
        "String::from(\"-\")",
        "default = \"-\"",
    ] {
        assert!(input.contains(expected), "{expected} in {input}");
    }
    let api_gateway = synthetic(serde_json::json!({}), serde_json::json!({})).replace(
        "example.test#Svc",
        "com.amazonaws.apigateway#BackplaneControlService",
    );
    let files = generate(&api_gateway, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("rt::http::HeaderValue::from_static(\"application/json\")"),
        "{input}"
    );
    let plain = generate(
        &synthetic(serde_json::json!({}), serde_json::json!({})),
        &Options::default(),
    )
    .unwrap()
    .files;
    let input = &plain[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        !input.contains("from_static") && !input.contains("SHA256_TREE_HASH"),
        "{input}"
    );
}

/// A service without an authentication trait takes anonymous requests:
/// its client is told so, and its input crate has no signing name.
#[test]
fn a_service_without_authentication_is_anonymous() {
    let model = synthetic(serde_json::json!({}), serde_json::json!({}))
        .replace(r#","aws.auth#sigv4":{"name":"example"}"#, "");
    assert!(!model.contains("sigv4"));
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let client = &files[&PathBuf::from("example-svc/src/client.rs")];
    assert!(
        client.contains("auth: ::smithy_lean_client::ServiceAuth::Anonymous,"),
        "{client}"
    );
    let input = &files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(!input.contains("SIGNING_NAME"), "{input}");
    let signed = generate(
        &synthetic(serde_json::json!({}), serde_json::json!({})),
        &Options::default(),
    )
    .unwrap()
    .files;
    assert!(
        signed[&PathBuf::from("example-svc/src/client.rs")]
            .contains("auth: ::smithy_lean_client::ServiceAuth::SigV4 {\n        signing_name: \"example\",\n    },")
    );
    assert!(
        signed[&PathBuf::from("example-svc-input/src/lib.rs")]
            .contains(r#"pub const SIGNING_NAME: &str = "example";"#)
    );
}

/// `@httpChecksumRequired` and `@requestCompression` become constants of
/// the input's `OperationInput`, which the engine acts on; a malformed
/// `@requestCompression` is refused, naming the rule.
#[test]
fn checksums_and_compression_are_the_operations_constants() {
    let with_traits = |traits: serde_json::Value| {
        let mut model: serde_json::Value = serde_json::from_str(&synthetic(
            serde_json::json!({"data": {"target": "smithy.api#String"}}),
            serde_json::json!({}),
        ))
        .unwrap();
        for (id, value) in traits.as_object().unwrap() {
            model["shapes"]["example.test#DoThing"]["traits"][id] = value.clone();
        }
        model.to_string()
    };
    let model = with_traits(serde_json::json!({
        "smithy.api#httpChecksumRequired": {},
        "smithy.api#requestCompression": {"encodings": ["gzip", "br"]},
        "aws.auth#unsignedPayload": {}
    }));
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("const CHECKSUM_REQUIRED: bool = true;"),
        "{input}"
    );
    assert!(
        input.contains(r#"const REQUEST_COMPRESSION: &'static [&'static str] = &["gzip", "br"];"#),
        "{input}"
    );
    assert!(
        input.contains("const UNSIGNED_PAYLOAD: bool = true;"),
        "{input}"
    );
    // The client builds the engine with what its operations need, and
    // only that: gzip and MD5 are features of smithy-lean-client.
    let manifest = &files[&PathBuf::from("example-svc/Cargo.toml")];
    assert!(
        manifest.contains(r#"features = ["request-compression", "content-md5"]"#),
        "{manifest}"
    );
    let plain = generate(&with_traits(serde_json::json!({})), &Options::default())
        .unwrap()
        .files;
    let input = &plain[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    for constant in [
        "CHECKSUM_REQUIRED",
        "REQUEST_COMPRESSION",
        "UNSIGNED_PAYLOAD",
    ] {
        assert!(!input.contains(constant), "{constant}: {input}");
    }
    let manifest = &plain[&PathBuf::from("example-svc/Cargo.toml")];
    assert!(!manifest.contains("features = ["), "{manifest}");
    for (compression, expected) in [
        (
            serde_json::json!({"encodings": []}),
            "`encodings` must name at least one encoding",
        ),
        (
            serde_json::json!({"encodings": ["gzip", "GZIP"]}),
            "`GZIP` is named twice",
        ),
        (
            serde_json::json!({"encodings": "gzip"}),
            "`encodings` must be a list of strings",
        ),
        (
            serde_json::json!({}),
            "`encodings` must be a list of strings",
        ),
    ] {
        let model = with_traits(serde_json::json!({"smithy.api#requestCompression": compression}));
        let error = generate(&model, &Options::default()).expect_err(expected);
        let expected =
            format!("example.test#DoThing: trait `smithy.api#requestCompression`: {expected}");
        assert!(
            error.to_string().contains(&expected),
            "expected {expected:?} in {error}"
        );
    }
}

/// A `@streaming` payload: a `ByteStream` that is never absent, sent with
/// its content type (`@requiresLength` checked), taken by `into_<member>`,
/// read from the response as it arrives; the structures that hold one are
/// neither `Clone` nor `PartialEq`, and `Debug` shows the stream's length.
#[test]
fn streaming_payloads_snapshot() {
    let member = |target: &str, traits: serde_json::Value| serde_json::json!({"target": target, "traits": traits});
    let streamed = |media: Option<&str>, requires_length: bool| {
        let mut traits = serde_json::json!({"smithy.api#streaming": {}});
        if let Some(media) = media {
            traits["smithy.api#mediaType"] = media.into();
        }
        if requires_length {
            traits["smithy.api#requiresLength"] = serde_json::json!({});
        }
        serde_json::json!({"type": "blob", "traits": traits})
    };
    let model = synthetic(
        serde_json::json!({
            "body": member("example.test#Upload", serde_json::json!({"smithy.api#httpPayload": {}, "smithy.api#required": {}})),
            "name": member("smithy.api#String", serde_json::json!({"smithy.api#httpHeader": "x-name"}))
        }),
        serde_json::json!({
            "example.test#Upload": streamed(None, true),
            "example.test#Download": streamed(Some("text/plain"), false),
            "example.test#DoThingResponse": {"type": "structure", "members": {
                "body": member("example.test#Download", serde_json::json!({"smithy.api#httpPayload": {}, "smithy.api#default": ""})),
                "etag": member("smithy.api#String", serde_json::json!({"smithy.api#httpHeader": "ETag"}))
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    insta::assert_snapshot!("streaming_input", input);
    let output = &files[&PathBuf::from("example-svc-output/src/do_thing_output.rs")];
    insta::assert_snapshot!("streaming_output", output);
}

/// Event streams and their events that the specification forbids, each
/// refused naming the member and the rule.
fn event_stream_refusals() -> Vec<(String, &'static str)> {
    // An input whose `Events` is the stream of `example.test#Events`,
    // with `traits` on the member, of these events (and more shapes).
    let stream = |traits: serde_json::Value,
                  events: serde_json::Value,
                  shapes: serde_json::Value| {
        let mut all = serde_json::json!({
            "example.test#Events": {"type": "union", "members": events, "traits": {"smithy.api#streaming": {}}}
        });
        all.as_object_mut()
            .unwrap()
            .extend(shapes.as_object().unwrap().clone());
        synthetic(
            serde_json::json!({"Events": {"target": "example.test#Events", "traits": traits}}),
            all,
        )
    };
    let payload = serde_json::json!({"smithy.api#httpPayload": {}});
    let event = |members: serde_json::Value| serde_json::json!({"example.test#A": {"type": "structure", "members": members}});
    let one_event = serde_json::json!({"a": {"target": "example.test#A"}});
    vec![
        (
            stream(
                serde_json::json!({}),
                one_event.clone(),
                event(serde_json::json!({})),
            ),
            "example.test#DoThingRequest$Events: an event stream (a `@streaming` union) can only be the `@httpPayload` member of an operation's input or output",
        ),
        (
            stream(
                serde_json::json!({"smithy.api#httpPayload": {}, "smithy.api#default": {}}),
                one_event.clone(),
                event(serde_json::json!({})),
            ),
            "example.test#DoThingRequest$Events: trait `smithy.api#default`: an event stream has no default",
        ),
        (
            stream(
                payload.clone(),
                serde_json::json!({"a": {"target": "smithy.api#String"}}),
                serde_json::json!({}),
            ),
            "example.test#Events$a: a member of an event stream (a `@streaming` union) must target a structure",
        ),
        (
            stream(
                payload.clone(),
                one_event.clone(),
                serde_json::json!({
                    "example.test#A": {"type": "structure", "members": {"H": {"target": "example.test#Names", "traits": {"smithy.api#eventHeader": {}}}}},
                    "example.test#Names": {"type": "list", "member": {"target": "smithy.api#String"}}
                }),
            ),
            "example.test#A$H: an `@eventHeader` member must be a boolean, byte, short, integer, long, blob, string, enum or timestamp",
        ),
        (
            stream(
                payload.clone(),
                one_event.clone(),
                event(
                    serde_json::json!({"P": {"target": "smithy.api#Integer", "traits": {"smithy.api#eventPayload": {}}}}),
                ),
            ),
            "example.test#A$P: an `@eventPayload` member must be a blob, string, enum, structure or union",
        ),
        (
            stream(
                payload.clone(),
                one_event.clone(),
                event(serde_json::json!({
                    "P": {"target": "smithy.api#Blob", "traits": {"smithy.api#eventPayload": {}}},
                    "Q": {"target": "smithy.api#String", "traits": {"smithy.api#eventPayload": {}}}
                })),
            ),
            "example.test#A$Q: an event has one `@eventPayload` member at most, and `P` is one already",
        ),
        (
            stream(
                payload.clone(),
                one_event,
                event(serde_json::json!({
                    "P": {"target": "smithy.api#Blob", "traits": {"smithy.api#eventPayload": {}}},
                    "Loose": {"target": "smithy.api#String"}
                })),
            ),
            "example.test#A$Loose: is in the event's payload, which the `@eventPayload` member `P` is all of: make it an `@eventHeader`",
        ),
    ]
}

#[test]
fn streams_where_the_specification_allows_none_are_refused_by_name() {
    let stream = serde_json::json!({"type": "blob", "traits": {"smithy.api#streaming": {}}});
    let cases = [
        (
            synthetic(
                serde_json::json!({"Body": {"target": "example.test#Stream", "traits": {"smithy.api#required": {}}}}),
                serde_json::json!({"example.test#Stream": stream}),
            ),
            "example.test#DoThingRequest$Body: a `@streaming` blob can only be the `@httpPayload` member of an operation's input or output",
        ),
        (
            synthetic(
                serde_json::json!({"Inner": {"target": "example.test#Inner"}}),
                serde_json::json!({
                    "example.test#Stream": stream,
                    "example.test#Inner": {"type": "structure", "members": {"Body": {"target": "example.test#Stream", "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}}}
                }),
            ),
            "example.test#Inner$Body: a `@streaming` blob can only be the `@httpPayload` member of an operation's input or output",
        ),
        (
            synthetic(
                serde_json::json!({"Body": {"target": "example.test#Stream", "traits": {"smithy.api#httpPayload": {}}}}),
                serde_json::json!({"example.test#Stream": stream}),
            ),
            "example.test#DoThingRequest$Body: a member that targets a `@streaming` blob must be `@required` or have a `@default`",
        ),
        (
            synthetic(
                serde_json::json!({"Body": {"target": "example.test#Stream", "traits": {"smithy.api#httpPayload": {}, "smithy.api#default": "AAAA"}}}),
                serde_json::json!({"example.test#Stream": stream}),
            ),
            "example.test#DoThingRequest$Body: trait `smithy.api#default`: a stream's default can only be empty",
        ),
        (
            synthetic(
                serde_json::json!({"Body": {"target": "example.test#Bytes", "traits": {"smithy.api#httpPayload": {}}}}),
                serde_json::json!({"example.test#Bytes": {"type": "blob", "traits": {"smithy.api#requiresLength": {}}}}),
            ),
            "example.test#Bytes: trait `smithy.api#requiresLength`: applies to `@streaming` blobs only",
        ),
    ];
    let cases = cases.into_iter().chain(event_stream_refusals());
    for (model, expected) in cases {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "expected {expected:?} in {error}"
        );
    }
    // The service's side of a stream is not written yet: said, not skipped.
    let model = synthetic(
        serde_json::json!({"Body": {"target": "example.test#Stream", "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}}),
        serde_json::json!({"example.test#Stream": stream}),
    );
    generate(&model, &Options::default()).expect("a client generates");
    let server = Options {
        server: true,
        ..Options::default()
    };
    let error = generate(&model, &server).expect_err("no server side");
    assert!(
        error
            .to_string()
            .contains("example.test#DoThingRequest$Body: the service's side (`--server`) of a streaming payload is not supported yet"),
        "{error}"
    );
    // Nor of any payload: its body is not the JSON object of members that
    // the service's side reads and writes.
    let model = synthetic(
        serde_json::json!({"Text": {"target": "smithy.api#String", "traits": {"smithy.api#httpPayload": {}}}}),
        serde_json::json!({}),
    );
    generate(&model, &Options::default()).expect("a client generates");
    let error = generate(&model, &server).expect_err("no server side");
    assert!(
        error
            .to_string()
            .contains("example.test#DoThingRequest$Text: the service's side (`--server`) of an `@httpPayload` member is not supported yet"),
        "{error}"
    );
}

/// `@sparse` lists and maps hold `Option` items, `null` kept on the wire,
/// and `validate()` checks only the items that are there.
#[test]
fn sparse_collections_snapshot() {
    let member = |target: &str| serde_json::json!({"target": target});
    let model = synthetic(
        serde_json::json!({
            "names": member("example.test#Names"),
            "stamps": member("example.test#Stamps"),
            "pairs": member("example.test#Pairs")
        }),
        serde_json::json!({
            "example.test#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
            "example.test#Names": {"type": "list", "member": {"target": "example.test#Name"}, "traits": {"smithy.api#sparse": {}}},
            "example.test#Stamps": {"type": "list", "member": {"target": "smithy.api#Timestamp"}, "traits": {"smithy.api#sparse": {}}},
            "example.test#Pairs": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "example.test#Pair"}, "traits": {"smithy.api#sparse": {}}},
            "example.test#Pair": {"type": "structure", "members": {"left": {"target": "example.test#Name"}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    let end = input
        .find("impl rt::operation::OperationInput")
        .expect("a request");
    insta::assert_snapshot!("sparse_input", &input[..end]);
}

/// The service's `rename` names a shape whose own name another shape of
/// the closure has; without it, the collision is refused naming both.
#[test]
fn the_service_renames_a_shape_whose_name_collides() {
    let model = synthetic(
        serde_json::json!({
            "mine": {"target": "example.test#Greeting"},
            "theirs": {"target": "example.other#Greeting"}
        }),
        serde_json::json!({
            "example.test#Greeting": {"type": "structure", "members": {"hi": {"target": "smithy.api#String"}}},
            "example.other#Greeting": {"type": "structure", "members": {"hello": {"target": "smithy.api#String"}}}
        }),
    );
    let error = generate(&model, &Options::default()).expect_err("the names collide");
    assert!(
        error.to_string().contains("example.test#Greeting")
            && error.to_string().contains("example.other#Greeting"),
        "{error}"
    );
    let renamed = model.replace(
        "\"version\":\"2024-01-01\"",
        "\"version\":\"2024-01-01\",\"rename\":{\"example.other#Greeting\":\"OtherGreeting\"}",
    );
    assert_ne!(renamed, model);
    let files = generate(&renamed, &Options::default())
        .expect("generates")
        .files;
    let other = &files[&PathBuf::from("example-svc-input/src/other_greeting.rs")];
    assert!(other.contains("pub struct OtherGreeting {"), "{other}");
    assert!(
        other.contains("Smithy shape: `example.other#Greeting`."),
        "{other}"
    );
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("theirs: Option<crate::OtherGreeting>"),
        "{input}"
    );
}

/// A union is an enum with one variant per member (a `Unit` member holds
/// nothing) and `Unknown`; it reads and writes an object with one member
/// set, checks the member it holds, and hides a sensitive one in `Debug`.
#[test]
fn unions_snapshot() {
    let model = synthetic(
        serde_json::json!({"action": {"target": "example.test#Action"}}),
        serde_json::json!({
            "example.test#Action": {"type": "union", "members": {
                "quit": {"target": "smithy.api#Unit", "traits": {"smithy.api#documentation": "Leave."}},
                "say": {"target": "example.test#Words", "traits": {"smithy.api#jsonName": "SAY"}},
                "at": {"target": "smithy.api#Timestamp"},
                "secret": {"target": "example.test#Secret"}
            }},
            "example.test#Words": {"type": "string", "traits": {"smithy.api#length": {"max": 20}}},
            "example.test#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "union_input",
        files[&PathBuf::from("example-svc-input/src/action.rs")]
    );
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("check.member(\"action\").structure(self.action.as_ref());"),
        "{input}"
    );
    let client_types = &files[&PathBuf::from("example-svc/src/types.rs")];
    assert!(
        client_types.contains("pub use ::example_svc_input::Action;"),
        "{client_types}"
    );
}

/// Documents hold `aws_smithy_types::Document`, as in the AWS SDK for
/// Rust; as a payload, a set document is the whole JSON body and an unset
/// one sends no body.
#[test]
fn documents_are_aws_smithy_types_documents() {
    let model = synthetic(
        serde_json::json!({"doc": {"target": "example.test#Doc", "traits": {"smithy.api#httpPayload": {}}}}),
        serde_json::json!({"example.test#Doc": {"type": "document"}}),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("doc: Option<rt::aws_smithy_types::Document>,"),
        "{input}"
    );
    assert!(
        input.contains("Some(value) => {\n                    Some((\n                        \"application/json\",\n                        rt::json::write_value_body(value, \"doc\")?.into_bytes(),"),
        "{input}"
    );
    assert!(input.contains("None => None,"), "{input}");
    let lib = &files[&PathBuf::from("example-svc/src/lib.rs")];
    assert!(
        lib.contains("pub use rt::aws_smithy_types::Document;"),
        "{lib}"
    );
}

/// A default fills a member that was not set, and is sent, except where
/// the member is optional to its caller: every member of an operation's
/// input, and a `@clientOptional` one. Defaults of every type are written
/// as the model gives them.
#[test]
fn defaults_snapshot() {
    let member = |target: &str, default: serde_json::Value| serde_json::json!({"target": target, "traits": {"smithy.api#default": default}});
    let model = synthetic(
        serde_json::json!({
            "settings": {"target": "example.test#Settings"},
            "level": member("smithy.api#Integer", serde_json::json!(3))
        }),
        serde_json::json!({
            "example.test#Settings": {"type": "structure", "members": {
                "name": member("smithy.api#String", serde_json::json!("hi")),
                "color": member("example.test#Color", serde_json::json!("RED")),
                "since": member("smithy.api#Timestamp", serde_json::json!(1.5)),
                "key": member("smithy.api#Blob", serde_json::json!("YWJj")),
                "tags": member("example.test#Tags", serde_json::json!([])),
                "labels": member("example.test#Labels", serde_json::json!({})),
                "extra": member("example.test#Doc", serde_json::json!({"a": [1, -2, 0.5, null, true]})),
                "optional": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0, "smithy.api#clientOptional": {}}}
            }},
            "example.test#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "RED"}}}},
            "example.test#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
            "example.test#Labels": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
            "example.test#Doc": {"type": "document"}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    insta::assert_snapshot!(
        "defaults_nested",
        files[&PathBuf::from("example-svc-input/src/settings.rs")]
    );
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(input.contains("level: Option<i32>,"), "{input}");
    assert!(
        input.contains("rt::json::write(object, \"level\", self.level.as_ref())?;"),
        "{input}"
    );
}

/// A union member named `unknown` cannot be the variant that holds what
/// the model does not name: it becomes `UnknownValue`, as in enums; two
/// members whose Rust names collide are refused naming both.
#[test]
fn union_members_get_names_that_do_not_collide() {
    let union = |members: serde_json::Value| {
        synthetic(
            serde_json::json!({"choice": {"target": "example.test#Choice"}}),
            serde_json::json!({"example.test#Choice": {"type": "union", "members": members}}),
        )
    };
    let files = generate(
        &union(serde_json::json!({"unknown": {"target": "smithy.api#String"}})),
        &Options::default(),
    )
    .expect("generates")
    .files;
    let choice = &files[&PathBuf::from("example-svc-input/src/choice.rs")];
    assert!(choice.contains("UnknownValue(String),"), "{choice}");
    assert!(
        choice.contains("pub fn is_unknown_value(&self) -> bool"),
        "{choice}"
    );
    let error = generate(
        &union(serde_json::json!({"aB": {"target": "smithy.api#String"}, "a_b": {"target": "smithy.api#String"}})),
        &Options::default(),
    )
    .expect_err("the names collide");
    assert!(
        error
            .to_string()
            .contains("example.test#Choice$a_b: its Rust name")
            && error
                .to_string()
                .contains("collides with example.test#Choice$aB"),
        "{error}"
    );
}

/// A sensitive `@httpPrefixHeaders` map tells the runtime so, which then
/// shows neither its keys nor its values in an error.
#[test]
fn a_sensitive_prefix_header_map_is_marked_sensitive_for_the_runtime() {
    let model = synthetic(
        serde_json::json!({"secrets": {"target": "example.test#Secrets", "traits": {"smithy.api#httpPrefixHeaders": "x-s-"}}}),
        serde_json::json!({
            "example.test#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
            "example.test#Secrets": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "example.test#Secret"}},
            "example.test#DoThingResponse": {"type": "structure", "members": {
                "secrets": {"target": "example.test#Secrets", "traits": {"smithy.api#httpPrefixHeaders": "x-s-"}}
            }}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("(key.as_str(), value.as_ref())),\n                true,\n"),
        "{input}"
    );
    let output = &files[&PathBuf::from("example-svc-output/src/do_thing_output.rs")];
    assert!(
        output.contains("\"x-s-\",\n            \"secrets\",\n            true,"),
        "{output}"
    );
}

/// `synthetic` with `traits` added to the shape `id`'s own.
fn with_traits_on(model: &str, id: &str, traits: serde_json::Value) -> String {
    let mut model: serde_json::Value = serde_json::from_str(model).unwrap();
    for (trait_id, value) in traits.as_object().unwrap() {
        model["shapes"][id]["traits"][trait_id] = value.clone();
    }
    model.to_string()
}

/// The trait table decides: a trait with no effect on a client is taken
/// silently, an unknown one and one whose additions are not generated yet
/// are warnings naming the trait and the first shape that has it (once a
/// trait), and one whose behaviour a client would need is refused.
#[test]
fn traits_are_applied_ignored_warned_of_or_refused_as_the_table_says() {
    let plain = synthetic(
        serde_json::json!({"Name": {"target": "smithy.api#String", "traits": {"aws.iam#conditionKeys": ["x:y"]}}}),
        serde_json::json!({}),
    );
    let quiet = with_traits_on(
        &plain,
        "example.test#Svc",
        serde_json::json!({"smithy.api#cors": {}, "aws.api#tagEnabled": {}}),
    );
    assert_eq!(
        generate(&quiet, &Options::default()).unwrap().warnings,
        Vec::<String>::new()
    );

    let unknown = with_traits_on(
        &with_traits_on(
            &plain,
            "example.test#DoThing",
            serde_json::json!({"example.custom#audited": {}, "smithy.waiters#waitable": {}}),
        ),
        "example.test#DoThingRequest",
        serde_json::json!({"example.custom#audited": {}}),
    );
    let generated = generate(&unknown, &Options::default()).unwrap();
    assert_eq!(
        generated.warnings,
        [
            "example.test#DoThing (and 1 more shapes): trait `example.custom#audited`: not known to this generator, which ignores it",
        ]
    );
    assert!(
        generated
            .files
            .contains_key(&PathBuf::from("example-svc/src/client.rs"))
    );

    // A trait the table refuses is refused, with the table's reason.
    let (id, trait_id) = ("example.test#Svc", "aws.api#clientEndpointDiscovery");
    let model = with_traits_on(&plain, id, serde_json::json!({trait_id: {}}));
    let error = generate(&model, &Options::default()).expect_err(trait_id);
    assert_eq!(
        error.message(),
        format!(
            "{id}: trait `{trait_id}`: not supported by this generator: endpoint discovery is not generated yet"
        )
    );
}

/// The README's table of traits is the generator's own (`CHIME_BLESS=1`
/// writes it).
#[test]
fn the_readme_lists_every_trait_the_generator_knows_as_it_treats_it() {
    let readme = chime_tests::read("README.md");
    let (start, end) = ("<!-- traits: start -->\n", "<!-- traits: end -->");
    let section = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .expect("the README has the traits section");
    let expected = smithy_lean_codegen::traits::markdown_table();
    if std::env::var_os("CHIME_BLESS").is_some() && section != expected {
        let path = chime_tests::workspace_root().join("README.md");
        std::fs::write(path, readme.replacen(section, &expected, 1)).expect("writes the README");
        return;
    }
    assert!(
        section == expected,
        "the README's table of traits is stale: rerun this test with CHIME_BLESS=1 and review the diff"
    );
}

/// Authentication as the model orders it: the service's `@auth` list, else
/// its auth traits by shape id; SigV4 first signs, an empty list is
/// anonymous, another scheme first is refused; an operation's own `@auth`
/// must pick what its service picks.
#[test]
fn authentication_follows_the_order_of_the_schemes() {
    let signed = synthetic(serde_json::json!({}), serde_json::json!({}));
    let auth = |model: &str| {
        let files = generate(model, &Options::default())
            .expect("generates")
            .files;
        let client = &files[&PathBuf::from("example-svc/src/client.rs")];
        client
            .lines()
            .find(|line| line.contains("auth:"))
            .unwrap()
            .trim()
            .to_owned()
    };
    let sigv4 = "auth: ::smithy_lean_client::ServiceAuth::SigV4 {";
    let bearer = "auth: ::smithy_lean_client::ServiceAuth::Bearer,";
    let service = "example.test#Svc";
    let operation = "example.test#DoThing";
    // SigV4 before bearer tokens by shape id, without `@auth`; in `@auth`'s
    // order with it.
    let both = with_traits_on(
        &signed,
        service,
        serde_json::json!({"smithy.api#httpBearerAuth": {}}),
    );
    assert_eq!(auth(&both), sigv4);
    let ordered = with_traits_on(
        &both,
        service,
        serde_json::json!({"smithy.api#auth": ["aws.auth#sigv4", "smithy.api#httpBearerAuth"]}),
    );
    assert_eq!(auth(&ordered), sigv4);
    let bearer_first = with_traits_on(
        &both,
        service,
        serde_json::json!({"smithy.api#auth": ["smithy.api#httpBearerAuth", "aws.auth#sigv4"]}),
    );
    assert_eq!(auth(&bearer_first), bearer);
    // A scheme the client lacks is passed over for the next, as the AWS
    // SDKs choose.
    let sigv4a_first = with_traits_on(
        &signed,
        service,
        serde_json::json!({"aws.auth#sigv4a": {"name": "example"}, "smithy.api#auth": ["aws.auth#sigv4a", "aws.auth#sigv4"]}),
    );
    assert_eq!(auth(&sigv4a_first), sigv4);
    let none = with_traits_on(&signed, service, serde_json::json!({"smithy.api#auth": []}));
    assert_eq!(
        auth(&none),
        "auth: ::smithy_lean_client::ServiceAuth::Anonymous,"
    );
    let same = with_traits_on(
        &signed,
        operation,
        serde_json::json!({"smithy.api#auth": ["aws.auth#sigv4"]}),
    );
    assert_eq!(auth(&same), sigv4);
    // A bearer service exports the token type where SDK users look for it.
    let files = generate(&bearer_first, &Options::default()).unwrap().files;
    assert!(
        files[&PathBuf::from("example-svc/src/config.rs")]
            .contains("pub use ::smithy_lean_client::Token;")
    );
    let files = generate(&signed, &Options::default()).unwrap().files;
    assert!(!files[&PathBuf::from("example-svc/src/config.rs")].contains("Token"));
    // An operation's own: none is anonymous, `@optionalAuth` signs where
    // the client can; each a constant of its input.
    let auth_of = |model: &str| {
        let files = generate(model, &Options::default())
            .expect("generates")
            .files;
        let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
        input
            .lines()
            .find(|line| line.contains("const AUTH"))
            .map(|line| line.trim().to_owned())
    };
    assert_eq!(auth_of(&same), None);
    let none = with_traits_on(
        &signed,
        operation,
        serde_json::json!({"smithy.api#auth": []}),
    );
    assert_eq!(
        auth_of(&none).as_deref(),
        Some("const AUTH: rt::operation::OperationAuth = rt::operation::OperationAuth::Anonymous;")
    );
    let optional = with_traits_on(
        &signed,
        operation,
        serde_json::json!({"smithy.api#optionalAuth": {}}),
    );
    assert_eq!(
        auth_of(&optional).as_deref(),
        Some("const AUTH: rt::operation::OperationAuth = rt::operation::OperationAuth::Optional;")
    );
    let bearer_op = with_traits_on(
        &bearer_first,
        operation,
        serde_json::json!({"smithy.api#auth": ["smithy.api#httpBearerAuth"], "smithy.api#optionalAuth": {}}),
    );
    assert_eq!(
        auth_of(&bearer_op).as_deref(),
        Some("const AUTH: rt::operation::OperationAuth = rt::operation::OperationAuth::Optional;")
    );

    let unsigned = signed.replace(r#","aws.auth#sigv4":{"name":"example"}"#, "");
    let refusals = [
        (
            with_traits_on(
                &unsigned,
                service,
                serde_json::json!({"aws.auth#sigv4a": {"name": "example"}}),
            ),
            "example.test#Svc: trait `aws.auth#sigv4a`: authentication other than SigV4 and bearer tokens is not supported by this generator",
        ),
        (
            with_traits_on(
                &unsigned,
                service,
                serde_json::json!({"smithy.api#auth": ["aws.auth#sigv4"]}),
            ),
            "example.test#Svc: trait `smithy.api#auth`: names `aws.auth#sigv4`, which the service does not have",
        ),
        (
            with_traits_on(
                &unsigned,
                operation,
                serde_json::json!({"smithy.api#auth": ["aws.auth#sigv4"]}),
            ),
            "example.test#DoThing: trait `smithy.api#auth`: an operation authenticated with `aws.auth#sigv4` where its service uses none is not supported by this generator",
        ),
        (
            with_traits_on(
                &both,
                operation,
                serde_json::json!({"smithy.api#auth": ["smithy.api#httpBearerAuth"]}),
            ),
            "example.test#DoThing: trait `smithy.api#auth`: an operation authenticated with `smithy.api#httpBearerAuth` where its service uses `aws.auth#sigv4` is not supported by this generator",
        ),
        (
            with_traits_on(
                &both,
                operation,
                serde_json::json!({"smithy.api#auth": ["smithy.api#httpBasicAuth"]}),
            ),
            "example.test#DoThing: trait `smithy.api#httpBasicAuth`: authentication other than SigV4 and bearer tokens is not supported by this generator",
        ),
        (
            with_traits_on(
                &signed,
                service,
                serde_json::json!({"smithy.api#auth": "aws.auth#sigv4"}),
            ),
            "example.test#Svc: trait `smithy.api#auth`: must be a list of shape ids",
        ),
    ];
    for (model, expected) in refusals {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert_eq!(error.message(), expected);
    }
}

/// A pattern that only a union's variant uses is in the crate's table of
/// patterns too: generation once panicked looking it up.
#[test]
fn a_pattern_only_a_union_variant_uses_is_checked_by_validation() {
    let model = synthetic(
        serde_json::json!({"Choice": {"target": "example.test#Choice"}}),
        serde_json::json!({
            "example.test#Choice": {"type": "union", "members": {
                "Code": {"target": "example.test#Code"},
                "Items": {"target": "example.test#Codes"}
            }},
            "example.test#Codes": {"type": "list", "member": {"target": "example.test#Other"}},
            "example.test#Code": {"type": "string", "traits": {"smithy.api#pattern": "^[A-F]+$"}},
            "example.test#Other": {"type": "string", "traits": {"smithy.api#pattern": "^[0-9]+$"}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let lib = &files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(
        lib.contains(r#"Pattern::new("^[A-F]+$""#) && lib.contains(r#"Pattern::new("^[0-9]+$""#),
        "{lib}"
    );
}

/// Operations bound to resources, nested ones too, are the client's, as in
/// the AWS SDKs: the service's own first, then each resource's, depth
/// first; `--operations` finds them; a resource that is not one, or that
/// is bound twice, is refused by name.
#[test]
fn operations_bound_to_resources_are_operations_of_the_client() {
    let operation = |name: &str, method: &str| {
        serde_json::json!({
            "type": "operation",
            "input": {"target": "example.test#DoThingRequest"},
            "traits": {"smithy.api#http": {"method": method, "uri": format!("/{name}"), "code": 200}}
        })
    };
    let resources = |forest: serde_json::Value| {
        let mut model: serde_json::Value = serde_json::from_str(&synthetic(
            serde_json::json!({}),
            serde_json::json!({
                "example.test#CreateForest": operation("CreateForest", "POST"),
                "example.test#GetForest": operation("GetForest", "GET"),
                "example.test#ListForests": operation("ListForests", "GET"),
                "example.test#BurnForest": operation("BurnForest", "POST"),
                "example.test#CountForests": operation("CountForests", "GET"),
                "example.test#PlantTree": operation("PlantTree", "PUT"),
                "example.test#Forest": forest,
                "example.test#Tree": {"type": "resource", "put": {"target": "example.test#PlantTree"}},
            }),
        ))
        .unwrap();
        model["shapes"]["example.test#Svc"]["resources"] =
            serde_json::json!([{"target": "example.test#Forest"}]);
        model.to_string()
    };
    let model = resources(serde_json::json!({
        "type": "resource",
        "list": {"target": "example.test#ListForests"},
        "create": {"target": "example.test#CreateForest"},
        "read": {"target": "example.test#GetForest"},
        "operations": [{"target": "example.test#BurnForest"}],
        "collectionOperations": [{"target": "example.test#CountForests"}],
        "resources": [{"target": "example.test#Tree"}]
    }));
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let client = &files[&PathBuf::from("example-svc/src/client.rs")];
    let methods: Vec<&str> = client
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub fn "))
        .filter_map(|rest| rest.split_once('(').map(|(name, _)| name))
        .filter(|name| {
            !name.starts_with("endpoint") && !["new", "from_conf", "config"].contains(name)
        })
        .collect();
    assert_eq!(
        methods,
        [
            "do_thing",
            "create_forest",
            "get_forest",
            "list_forests",
            "burn_forest",
            "count_forests",
            "plant_tree"
        ],
        "{client}"
    );
    // A resource's paginated operation keeps its paginator, as the
    // service's own do.
    let mut paginated: serde_json::Value = serde_json::from_str(&model).unwrap();
    paginated["shapes"]["example.test#CountForests"]["traits"]["smithy.api#paginated"] =
        serde_json::json!({"inputToken": "Token", "outputToken": "Next"});
    paginated["shapes"]["example.test#CountForests"]["input"] =
        serde_json::json!({"target": "example.test#CountInput"});
    paginated["shapes"]["example.test#CountInput"] = serde_json::json!({"type": "structure", "members": {
        "Token": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "token"}}
    }});
    paginated["shapes"]["example.test#CountForests"]["output"] =
        serde_json::json!({"target": "example.test#Page"});
    paginated["shapes"]["example.test#Page"] = serde_json::json!({"type": "structure", "members": {"Next": {"target": "smithy.api#String"}}});
    let files = generate(&paginated.to_string(), &Options::default())
        .expect("generates")
        .files;
    let count = &files[&PathBuf::from("example-svc/src/operation/count_forests.rs")];
    assert!(count.contains("paginated"), "{count}");
    let options = Options {
        operations: vec!["PlantTree".to_owned()],
        ..Options::default()
    };
    let files = generate(&model, &options).expect("generates").files;
    assert!(files.contains_key(&PathBuf::from("example-svc/src/operation/plant_tree.rs")));
    assert!(!files.contains_key(&PathBuf::from("example-svc/src/operation/do_thing.rs")));

    let refusals = [
        (
            resources(serde_json::json!({"type": "structure", "members": {}})),
            "example.test#Svc: its resource example.test#Forest is a structure",
        ),
        (
            resources(
                serde_json::json!({"type": "resource", "resources": [{"target": "example.test#Forest"}]}),
            ),
            "example.test#Forest: the resource is bound more than once, or inside itself",
        ),
    ];
    for (model, expected) in refusals {
        let error = generate(&model, &Options::default()).expect_err(expected);
        assert_eq!(error.message(), expected);
    }
}

/// A pattern with lookaround is checked; one that ECMA-262 refuses is a
/// warning naming the member, and `validate()` does not check it.
#[test]
fn patterns_ecma_262_reads_are_checked_and_others_are_warnings() {
    let with_pattern = |pattern: &str| {
        synthetic(
            serde_json::json!({"P": {"target": "example.test#Look"}}),
            serde_json::json!({"example.test#Look": {"type": "string", "traits": {"smithy.api#pattern": pattern}}}),
        )
    };
    let generated = generate(&with_pattern("^(?!aws:)\\p{L}+$"), &Options::default()).unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let lib = &generated.files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(
        lib.contains(r#"Pattern::new("^(?!aws:)\\p{L}+$")"#),
        "{lib}"
    );
    // The legacy grammar, with `\x` that is the letter x: respelled.
    let generated = generate(&with_pattern("[\\x{60}\\-]"), &Options::default()).unwrap();
    let lib = &generated.files[&PathBuf::from("example-svc-input/src/lib.rs")];
    assert!(
        lib.contains(r#"Pattern::respelled("[\\x{60}\\-]", "[x{60}\\-]", false)"#),
        "{lib}"
    );

    let generated = generate(&with_pattern("[0-9]{11}{0,1011}"), &Options::default()).unwrap();
    assert_eq!(
        generated.warnings,
        [
            "example.test#DoThingRequest$P: trait `smithy.api#pattern`: \"[0-9]{11}{0,1011}\" is not an ECMA-262 regular expression (Invalid braced quantifier), so `validate()` does not check it"
        ]
    );
    let input = &generated.files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(!input.contains("PATTERNS"), "{input}");
}

/// An error structure with a `RequestId` member, as some AWS models have:
/// its accessor is the member's, as in the AWS SDK for Rust, and the
/// response's request id stays in `meta()` (`RequestId` of aws-types).
#[test]
fn an_error_member_named_request_id_is_the_accessor_of_that_name() {
    let model = synthetic_with_errors(
        &["example.test#Conflict"],
        serde_json::json!({
            "example.test#Conflict": {
                "type": "structure",
                "members": {"Message": {"target": "smithy.api#String"}, "RequestId": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": 409}
            }
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let error = &files[&PathBuf::from("example-svc-error/src/conflict.rs")];
    assert!(error.contains("request_id: Option<String>"), "{error}");
    assert!(error.contains("member_request_id = request_id"), "{error}");
}

/// A model type named like one of the runtime's items that a crate
/// re-exports at its root takes the root; the re-export is left out, and
/// the runtime's item stays at its own path.
#[test]
fn a_model_type_named_like_a_runtime_re_export_takes_the_crate_root() {
    let model = synthetic_with_errors(
        &["example.test#ErrorKind"],
        serde_json::json!({
            "example.test#ErrorKind": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
            "example.test#DoThingRequest": {"type": "structure", "members": {
                "Rule": {"target": "example.test#Rule"},
                "Failure": {"target": "example.test#BuildError"}
            }},
            "example.test#Rule": {"type": "structure", "members": {}},
            "example.test#BuildError": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let input = &files[&PathBuf::from("example-svc-input/src/lib.rs")];
    for name in ["Rule", "BuildError"] {
        assert!(input.contains(&format!("::{name};")), "{name}: {input}");
        assert!(
            !input.contains(&format!("pub use rt::validation::{name};")),
            "{input}"
        );
        assert!(!input.contains(&format!("pub use rt::{name};")), "{input}");
    }
    assert!(input.contains("pub use rt::JsonError;"), "{input}");
    let errors = &files[&PathBuf::from("example-svc-error/src/lib.rs")];
    assert!(
        errors.contains("pub use crate::error_kind::ErrorKind;"),
        "{errors}"
    );
    assert!(!errors.contains("retry::ErrorKind;"), "{errors}");
}

/// A shape named like an operation's input or output type (`DoThingInput`
/// for `DoThing`'s), which the AWS SDK for Rust keeps apart in another
/// module, is renamed with `Shape` after its name, whichever is reached
/// first, and its documentation says why.
#[test]
fn a_shape_named_like_an_operations_input_or_output_is_renamed_and_says_so() {
    let model = synthetic(
        serde_json::json!({"Payload": {"target": "example.test#DoThingInput"}}),
        serde_json::json!({
            "example.test#DoThingInput": {"type": "structure", "members": {"Name": {"target": "smithy.api#String"}}},
            "example.test#DoThingResponse": {"type": "structure", "members": {"Echo": {"target": "example.test#DoThingOutput"}}},
            "example.test#DoThingOutput": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}
        }),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let renamed = &files[&PathBuf::from("example-svc-input/src/do_thing_input_shape.rs")];
    assert!(
        renamed.contains("pub struct DoThingInputShape {"),
        "{renamed}"
    );
    assert!(
        renamed.contains(
            "Named `DoThingInputShape`: `DoThingInput` is the input of the operation `DoThing`."
        ),
        "{renamed}"
    );
    let input = &files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")];
    assert!(
        input.contains("payload: Option<crate::DoThingInputShape>")
            || input.contains("payload: Option<DoThingInputShape>"),
        "{input}"
    );
    let output = &files[&PathBuf::from("example-svc-output/src/lib.rs")];
    assert!(output.contains("DoThingOutputShape"), "{output}");
    // So is a shape named like a type of Rust's prelude.
    let model = synthetic(
        serde_json::json!({"Outcome": {"target": "example.test#Result"}}),
        serde_json::json!({"example.test#Result": {"type": "structure", "members": {}}}),
    );
    let files = generate(&model, &Options::default())
        .expect("generates")
        .files;
    let renamed = &files[&PathBuf::from("example-svc-input/src/result_shape.rs")];
    assert!(
        renamed.contains(
            "Named `ResultShape`: `Result` is a type of Rust's prelude, which generated code uses."
        ),
        "{renamed}"
    );
}

/// `@deprecated` becomes `#[deprecated]`: its `since` an attribute where it
/// is a version, as Rust requires, and part of the note where it is a date,
/// as AWS models write it.
#[test]
fn a_deprecation_since_a_date_is_in_the_note() {
    let model = |since: &str| {
        synthetic(
            serde_json::json!({"Old": {"target": "smithy.api#String", "traits": {
                "smithy.api#deprecated": {"message": "use New", "since": since}
            }}}),
            serde_json::json!({}),
        )
    };
    let input = |since: &str| {
        let files = generate(&model(since), &Options::default())
            .expect("generates")
            .files;
        files[&PathBuf::from("example-svc-input/src/do_thing_input.rs")].clone()
    };
    let dated = input("2022-01-01");
    assert!(
        dated.contains(r#"#[deprecated(note = "use New (since 2022-01-01)")]"#),
        "{dated}"
    );
    let versioned = input("1.2.3");
    assert!(
        versioned.contains(r#"#[deprecated(since = "1.2.3", note = "use New")]"#),
        "{versioned}"
    );
}

/// Every public item is documented (`missing_docs`), the model's
/// documentation or else a line of the generator's: an error the model
/// leaves undocumented, as its variant of an operation's error enum, and a
/// union's member.
#[test]
fn items_the_model_leaves_undocumented_are_documented() {
    let mut model: serde_json::Value = serde_json::from_str(&synthetic_with_errors(
        &["example.test#Oops"],
        serde_json::json!({
            "example.test#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
            "example.test#Pick": {"type": "union", "members": {"Plain": {"target": "smithy.api#String"}}}
        }),
    ))
    .unwrap();
    model["shapes"]["example.test#DoThingRequest"]["members"] =
        serde_json::json!({"Choice": {"target": "example.test#Pick"}});
    let files = generate(&model.to_string(), &Options::default())
        .expect("generates")
        .files;
    let errors = &files[&PathBuf::from("example-svc-error/src/do_thing_error.rs")];
    assert!(errors.contains("/// The `Oops` error.\n"), "{errors}");
    let union = &files[&PathBuf::from("example-svc-input/src/pick.rs")];
    assert!(union.contains("/// The `Plain` member.\n"), "{union}");
}

/// A list or map that holds itself with no structure or union between has
/// no Rust type: refused by name, where it once overflowed the stack.
#[test]
fn a_collection_that_holds_itself_is_refused_not_overflowed() {
    for (shape, expected) in [
        (
            serde_json::json!({"type": "list", "member": {"target": "example.test#Nest"}}),
            "example.test#Nest: a list or map that holds itself with no structure or union between has no Rust type",
        ),
        (
            serde_json::json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "example.test#Nest"}}),
            "example.test#Nest: a list or map that holds itself with no structure or union between has no Rust type",
        ),
    ] {
        let model = synthetic(
            serde_json::json!({"N": {"target": "example.test#Nest"}}),
            serde_json::json!({"example.test#Nest": shape}),
        );
        // On a thread of its own: an overflow would abort only that thread's test.
        let error = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || {
                generate(&model, &Options::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .unwrap()
            .join()
            .expect("no panic")
            .expect_err(expected);
        assert_eq!(error, expected);
    }
}

/// A waiter the generator cannot write is left out with a warning that
/// names it and says why; the rest of the client, and the other waiters,
/// are generated.
#[test]
fn a_waiter_that_cannot_be_written_is_a_warning_naming_it() {
    let model_with = |waiters: serde_json::Value| {
        let model = synthetic(
            serde_json::json!({"Name": {"target": "smithy.api#String"}}),
            serde_json::json!({
                "example.test#DoThingResponse": {"type": "structure", "members": {
                    "Status": {"target": "smithy.api#String"},
                    "Inner": {"target": "example.test#Inner"},
                    "Tags": {"target": "example.test#Tags"}
                }},
                "example.test#Inner": {"type": "structure", "members": {"Flag": {"target": "smithy.api#Boolean"}}},
                "example.test#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}
            }),
        );
        with_traits_on(
            &model,
            "example.test#DoThing",
            serde_json::json!({"smithy.waiters#waitable": waiters}),
        )
    };
    let ok = serde_json::json!({"state": "success", "matcher": {"success": true}});
    let path = |path: &str, comparator: &str, expected: &str| serde_json::json!({"state": "success", "matcher": {"output": {"path": path, "comparator": comparator, "expected": expected}}});
    let cases = [
        (
            serde_json::json!({"lowerCase": {"acceptors": [ok]}}),
            "`lowerCase` is not generated: a waiter's name must be UpperCamelCase letters and digits",
        ),
        (
            serde_json::json!({"Slow": {"minDelay": 10, "maxDelay": 5, "acceptors": [ok]}}),
            "`Slow` is not generated: `minDelay` (10) must not be more than `maxDelay` (5)",
        ),
        (
            serde_json::json!({"Zero": {"minDelay": 0, "acceptors": [ok]}}),
            "`minDelay` must be a whole number of seconds, at least 1",
        ),
        (
            serde_json::json!({"Never": {"acceptors": [{"state": "retry", "matcher": {"success": true}}]}}),
            "`Never` is not generated: no acceptor has the `success` state",
        ),
        (
            serde_json::json!({"Odd": {"acceptors": [{"state": "maybe", "matcher": {"success": true}}]}}),
            "acceptor 1: `state` Some(\"maybe\") is not success, failure or retry",
        ),
        (
            serde_json::json!({"Two": {"acceptors": [{"state": "success", "matcher": {"success": true, "errorType": "X"}}]}}),
            "a matcher sets exactly one of",
        ),
        (
            serde_json::json!({"Deep": {"acceptors": [path("Inner", "stringEquals", "x")]}}),
            "the path `Inner`: a path that ends at a structure or union is not supported",
        ),
        (
            serde_json::json!({"Tagged": {"acceptors": [path("Tags", "stringEquals", "x")]}}),
            "a path that ends at a map is not supported",
        ),
        (
            serde_json::json!({"Missing": {"acceptors": [path("Nope", "stringEquals", "x")]}}),
            "has no member `Nope`",
        ),
        (
            serde_json::json!({"Filter": {"acceptors": [path("Status[?x]", "stringEquals", "x")]}}),
            "only the projections `[]` and `[*]` are supported",
        ),
        (
            serde_json::json!({"Yes": {"acceptors": [path("Inner.Flag", "booleanEquals", "yes")]}}),
            "`booleanEquals` expects \"true\" or \"false\", not \"yes\"",
        ),
        (
            serde_json::json!({"Cmp": {"acceptors": [path("Status", "numberEquals", "1")]}}),
            "the comparator `numberEquals` is not one Smithy defines",
        ),
        (
            serde_json::json!({"Io": {"acceptors": [{"state": "success", "matcher": {"inputOutput": {"path": "Status", "comparator": "stringEquals", "expected": "x"}}}]}}),
            "an `inputOutput` path starts at `input` or `output`",
        ),
        (
            serde_json::json!({"Proj": {"acceptors": [path("Status[]", "stringEquals", "x")]}}),
            "a projection of something not a list is not supported",
        ),
    ];
    for (waiters, expected) in cases {
        let generated = generate(&model_with(waiters), &Options::default()).expect(expected);
        assert_eq!(
            generated.warnings.len(),
            1,
            "{expected}: {:?}",
            generated.warnings
        );
        let warning = &generated.warnings[0];
        assert!(
            warning
                .starts_with("example.test#DoThing: trait `smithy.waiters#waitable`: the waiter `")
                && warning.contains(expected),
            "{warning}"
        );
        let client = &generated.files[&PathBuf::from("example-svc/src/client.rs")];
        assert!(!client.contains("wait_until_"), "{client}");
    }
    // Names are unique in a service, case aside: the second is left out.
    let generated = generate(
        &model_with(
            serde_json::json!({"Ready": {"acceptors": [ok]}, "READY": {"acceptors": [ok]}}),
        ),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        generated.warnings,
        [
            "example.test#DoThing: trait `smithy.waiters#waitable`: the waiter `READY` is not generated: another waiter of the service has its name"
        ]
    );
    let client = &generated.files[&PathBuf::from("example-svc/src/client.rs")];
    assert!(client.contains("pub fn wait_until_ready("), "{client}");
    let lib = &generated.files[&PathBuf::from("example-svc/src/lib.rs")];
    assert!(
        lib.contains("pub use ::smithy_lean_client::waiter;"),
        "{lib}"
    );
    // A streaming input cannot be sent again.
    let streaming = with_traits_on(
        &synthetic(
            serde_json::json!({"Body": {"target": "example.test#Stream", "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}}),
            serde_json::json!({"example.test#Stream": {"type": "blob", "traits": {"smithy.api#streaming": {}}}}),
        ),
        "example.test#DoThing",
        serde_json::json!({"smithy.waiters#waitable": {"Up": {"acceptors": [ok]}}}),
    );
    let generated = generate(&streaming, &Options::default()).unwrap();
    assert_eq!(
        generated.warnings,
        [
            "example.test#DoThing: trait `smithy.waiters#waitable`: the waiter `Up` is not generated: its operation's input is a stream, which cannot be sent again"
        ]
    );
}

/// rustdoc puts a re-export's own documentation before the item's, so a
/// re-export that describes its item shows the description twice: no
/// generated `pub use` has documentation of its own. Checked over models
/// that reach every kind of re-export: the embedded one, Chime SDK
/// Identity, event streams and streaming blobs (Bedrock Runtime), bearer
/// tokens (CodeCatalyst), waiters and endpoint parameters (Neptune Graph).
#[test]
fn no_re_export_repeats_its_items_description() {
    let models = [
        ("model/chime.json", as_xtask_codegen()),
        (
            "model/reference/chime-sdk-identity-2021-04-20.json",
            Options::default(),
        ),
        (
            "model/corpus/bedrock-runtime/service/2023-09-30/bedrock-runtime-2023-09-30.json",
            Options::default(),
        ),
        (
            "model/corpus/codecatalyst/service/2022-09-28/codecatalyst-2022-09-28.json",
            Options::default(),
        ),
        (
            "model/corpus/neptune-graph/service/2023-11-29/neptune-graph-2023-11-29.json",
            Options::default(),
        ),
    ];
    let mut found = Vec::new();
    for (model, options) in models {
        let files = generate(&chime_tests::read(model), &options)
            .unwrap_or_else(|e| panic!("{model}: {e}"))
            .files;
        for (path, text) in files
            .iter()
            .filter(|(p, _)| p.extension() == Some("rs".as_ref()))
        {
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for (index, line) in lines.iter().enumerate() {
                if !line.starts_with("pub use ") {
                    continue;
                }
                // What comes before the re-export, attributes skipped.
                let before = lines[..index].iter().rev().find(|l| !l.starts_with("#["));
                if before.is_some_and(|l| l.starts_with("///")) {
                    found.push(format!("{model}: {}: {line}", path.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "re-exports with documentation of their own:\n{}",
        found.join("\n")
    );
}

/// What a newcomer reads first: the crate's page names the service in
/// words and opens with a complete program (a doc test of `chime-lean`);
/// each operation's method lists its members, output and error; a
/// deprecation says where to go and how to get there.
#[test]
fn the_client_crates_page_and_methods_say_what_a_newcomer_needs() {
    let files = generate(&chime_tests::read("model/chime.json"), &as_xtask_codegen())
        .expect("model/ generates")
        .files;
    let file = |path: &str| files[&PathBuf::from(path)].clone();
    let lib = file("chime-lean/src/lib.rs");
    assert!(
        lib.contains("//! A client for Amazon Chime (`Chime` in the AWS SDKs), generated from"),
        "{lib}"
    );
    assert!(
        !lib.starts_with("//! A client for the Chime service"),
        "{lib}"
    );
    for line in [
        "//! ```no_run",
        "//! let client = chime_lean::Client::from_conf(config);",
        r#"//! let output = client.create_app_instance().name("example").send().await?;"#,
        "operation::create_app_instance::{CreateAppInstanceInput, CreateAppInstanceOutput, CreateAppInstanceError}",
        "**Deprecated service:** This namespace has been deprecated. Use Amazon Chime SDK Identity",
    ] {
        assert!(lib.contains(line), "{line} in\n{lib}");
    }
    let client = file("chime-lean/src/client.rs");
    for line in [
        "/// - `name` (required): A name for the new `AppInstance`.",
        "/// - `metadata`: Free-form metadata",
        "/// - `client_request_token` (filled in when unset): ",
        "/// **Output:** [`CreateAppInstanceOutput`](crate::operation::create_app_instance::CreateAppInstanceOutput), with `app_instance_arn`.",
        "/// **Error:** [`Error`](crate::Error)`<`[`CreateAppInstanceError`]",
    ] {
        assert!(client.contains(line), "{line} in\n{client}");
    }
    let operation = file("chime-lean/src/operation/create_app_instance.rs");
    assert!(
        operation.contains("generate its client with `cargo xtask codegen --model model/reference/chime-sdk-identity-2021-04-20.json"),
        "{operation}"
    );
    // A model without a title is named by its sdkId; without deprecation
    // advice, the model's words stand alone.
    let identity = generate(
        &chime_tests::read("model/reference/chime-sdk-identity-2021-04-20.json"),
        &Options::default(),
    )
    .unwrap()
    .files;
    let lib = &identity[&PathBuf::from("chime-sdk-identity/src/lib.rs")];
    assert!(
        lib.contains(
            "//! A client for Amazon Chime SDK Identity (`Chime SDK Identity` in the AWS SDKs)"
        ),
        "{lib}"
    );
    // A reading operation, with every member it needs, opens the example.
    assert!(lib.contains("//! let output = client.describe_app_instance().app_instance_arn(\"example\").send().await?;"), "{lib}");
}
