//! Lowering of `smithy.rules#endpointTests`: the cases a model's authors
//! wrote for its rule set, checked against the rule set's parameters and
//! typed, so that the emitter writes each as a test of the generated
//! resolver.
//!
//! A case that names a parameter the rule set lacks, gives one a value of
//! the wrong type, or expects neither an endpoint nor an error is a broken
//! model, and refuses generation as Smithy's validators do. A case that
//! leaves out a required parameter without a default cannot be written
//! (the generated parameters have no "unset" for it): it is left out
//! with a warning that names it.

use crate::error::Error;
use crate::ir::*;
use serde_json::Value as Json;
use std::collections::BTreeSet;

const TRAIT: &str = "smithy.rules#endpointTests";

/// The longest test name made from a case's documentation, in characters.
const MAX_NAME: usize = 80;

/// The cases of `tests`, the service `service_id`'s `endpointTests` trait,
/// with a warning for each that cannot be written.
pub fn lower(
    service_id: &str,
    tests: &Json,
    rules: &EndpointRules,
) -> Result<(Vec<EndpointTestCase>, Vec<String>), Error> {
    let refuse = |problem: String| Error::on_trait(service_id, TRAIT, problem);
    let version = tests.get("version").and_then(Json::as_str).unwrap_or("");
    if version != "1" && !version.starts_with("1.") {
        return Err(refuse(format!(
            "version `{version}` is not supported (1.x is)"
        )));
    }
    let cases = match tests.get("testCases") {
        None => return Ok((Vec::new(), Vec::new())),
        Some(Json::Array(cases)) => cases,
        Some(_) => return Err(refuse("`testCases` is not a list".to_owned())),
    };
    let mut names = BTreeSet::new();
    let mut lowered = Vec::new();
    let mut warnings = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let number = index + 1;
        let documentation = case
            .get("documentation")
            .and_then(Json::as_str)
            .map(str::to_owned);
        let which = match &documentation {
            Some(doc) => format!("case {number} ({doc:?})"),
            None => format!("case {number}"),
        };
        let refuse_case = |problem: String| refuse(format!("{which}: {problem}"));
        let params = params(case, rules).map_err(refuse_case)?;
        let expect = expectation(case).map_err(refuse_case)?;
        if let Some(missing) = rules.parameters.iter().find(|p| {
            p.required && p.default.is_none() && !params.iter().any(|(set, _)| set.name == p.name)
        }) {
            warnings.push(format!(
                "{TRAIT} on {service_id}: {which} is not written as a test: it leaves out `{}`, which the rule set requires and gives no default",
                missing.name
            ));
            continue;
        }
        let name = unique_name(&mut names, documentation.as_deref(), number);
        lowered.push(EndpointTestCase {
            name,
            documentation,
            params,
            expect,
        });
    }
    Ok((lowered, warnings))
}

/// The case's `params`, each matched to the rule set's parameter.
fn params(case: &Json, rules: &EndpointRules) -> Result<Vec<(EndpointParameter, Literal)>, String> {
    let given = match case.get("params") {
        None => return Ok(Vec::new()),
        Some(Json::Object(given)) => given,
        Some(_) => return Err("`params` is not an object".to_owned()),
    };
    let mut params = given
        .iter()
        .map(|(name, value)| {
            let parameter = rules
                .parameters
                .iter()
                .find(|p| &p.name == name)
                .ok_or_else(|| format!("`{name}` is not a parameter of the rule set"))?;
            let literal = match (parameter.kind, value) {
                (ParameterKind::String, Json::String(text)) => Literal::String(text.clone()),
                (ParameterKind::Boolean, Json::Bool(flag)) => Literal::Boolean(*flag),
                (ParameterKind::StringArray, Json::Array(items))
                    if items.iter().all(Json::is_string) =>
                {
                    Literal::StringArray(
                        items
                            .iter()
                            .filter_map(|item| item.as_str().map(str::to_owned))
                            .collect(),
                    )
                }
                (ParameterKind::String, _) => {
                    return Err(format!("`{name}` is a string parameter, not {value}"));
                }
                (ParameterKind::Boolean, _) => {
                    return Err(format!("`{name}` is a boolean parameter, not {value}"));
                }
                (ParameterKind::StringArray, _) => {
                    return Err(format!(
                        "`{name}` is a list-of-strings parameter, not {value}"
                    ));
                }
            };
            Ok((parameter.clone(), literal))
        })
        .collect::<Result<Vec<_>, String>>()?;
    // In the rule set's order, as the parameters' structure lists them.
    params.sort_by_key(|(parameter, _)| {
        rules
            .parameters
            .iter()
            .position(|p| p.name == parameter.name)
    });
    Ok(params)
}

/// The case's `expect`: an endpoint or an error, not both.
fn expectation(case: &Json) -> Result<EndpointExpectation, String> {
    let expect = case
        .get("expect")
        .and_then(Json::as_object)
        .ok_or("`expect` is missing or not an object")?;
    match (expect.get("endpoint"), expect.get("error")) {
        (Some(endpoint), None) => {
            let url = endpoint
                .get("url")
                .and_then(Json::as_str)
                .ok_or("the expected endpoint has no `url` string")?
                .to_owned();
            let headers = match endpoint.get("headers") {
                None => Vec::new(),
                Some(Json::Object(headers)) => headers
                    .iter()
                    .map(|(name, values)| {
                        let values = values
                            .as_array()
                            .and_then(|values| {
                                values
                                    .iter()
                                    .map(|v| v.as_str().map(str::to_owned))
                                    .collect::<Option<Vec<_>>>()
                            })
                            .ok_or_else(|| {
                                format!("the values of header `{name}` are not a list of strings")
                            })?;
                        Ok((name.clone(), values))
                    })
                    .collect::<Result<_, String>>()?,
                Some(_) => return Err("the expected `headers` are not an object".to_owned()),
            };
            let properties = match endpoint.get("properties") {
                None => Vec::new(),
                Some(Json::Object(properties)) => properties
                    .iter()
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect(),
                Some(_) => return Err("the expected `properties` are not an object".to_owned()),
            };
            Ok(EndpointExpectation::Endpoint {
                url,
                headers,
                properties,
            })
        }
        (None, Some(Json::String(message))) => Ok(EndpointExpectation::Error(message.clone())),
        (None, Some(_)) => Err("the expected `error` is not a string".to_owned()),
        (Some(_), Some(_)) => Err("`expect` has both an `endpoint` and an `error`".to_owned()),
        (None, None) => Err("`expect` has neither an `endpoint` nor an `error`".to_owned()),
    }
}

/// A test name from the case's documentation (`For region us-east-1 with
/// FIPS enabled` is `for_region_us_east_1_with_fips_enabled`), else
/// `case_<number>`; a number is added where the name is taken.
fn unique_name(taken: &mut BTreeSet<String>, documentation: Option<&str>, number: usize) -> String {
    let mut slug = String::new();
    for c in documentation.unwrap_or("").chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    if slug.len() > MAX_NAME {
        slug.truncate(MAX_NAME);
        // End on a whole word where there is one to end on.
        if let Some(cut) = slug.rfind('_') {
            slug.truncate(cut);
        }
    }
    let slug = slug.trim_end_matches('_');
    // A name must start with a letter, and may not be a keyword.
    let base = if slug.starts_with(|c: char| c.is_ascii_lowercase())
        && syn::parse_str::<syn::Ident>(slug).is_ok()
    {
        slug.to_owned()
    } else if slug.is_empty() {
        format!("case_{number}")
    } else {
        format!("case_{slug}")
    };
    let mut name = base.clone();
    let mut suffix = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{suffix}");
        suffix += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> EndpointRules {
        let parameter = |name: &str, field: &str, kind, required, default| EndpointParameter {
            name: name.to_owned(),
            field: field.to_owned(),
            kind,
            default,
            required,
            built_in: None,
            docs: Vec::new(),
        };
        EndpointRules {
            client_parameters: Vec::new(),
            parameters: vec![
                parameter("Region", "region", ParameterKind::String, false, None),
                parameter(
                    "UseFIPS",
                    "use_fips",
                    ParameterKind::Boolean,
                    true,
                    Some(Literal::Boolean(false)),
                ),
                parameter("Bucket", "bucket", ParameterKind::String, true, None),
            ],
            rules: Vec::new(),
            uses_partitions: false,
            tests: Vec::new(),
        }
    }

    fn lower_cases(cases: Json) -> Result<(Vec<EndpointTestCase>, Vec<String>), String> {
        lower(
            "a#S",
            &json!({"version": "1.0", "testCases": cases}),
            &rules(),
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn each_case_becomes_a_named_test_with_typed_parameters() {
        let (cases, warnings) = lower_cases(json!([
            {
                "documentation": "For region us-east-1 with FIPS enabled",
                "params": {"Region": "us-east-1", "UseFIPS": true, "Bucket": "b"},
                "expect": {"endpoint": {
                    "url": "https://a.example",
                    "headers": {"x-a": ["1", "2"]},
                    "properties": {"authSchemes": [{"name": "sigv4"}]}
                }}
            },
            {
                "params": {"Bucket": ""},
                "expect": {"error": "Invalid Configuration"}
            }
        ]))
        .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].name, "for_region_us_east_1_with_fips_enabled");
        assert_eq!(
            cases[0].documentation.as_deref(),
            Some("For region us-east-1 with FIPS enabled")
        );
        let params: Vec<(&str, &Literal)> = cases[0]
            .params
            .iter()
            .map(|(p, value)| (p.field.as_str(), value))
            .collect();
        assert_eq!(
            params,
            [
                ("region", &Literal::String("us-east-1".to_owned())),
                ("use_fips", &Literal::Boolean(true)),
                ("bucket", &Literal::String("b".to_owned())),
            ]
        );
        let EndpointExpectation::Endpoint {
            url,
            headers,
            properties,
        } = &cases[0].expect
        else {
            panic!("an endpoint is expected");
        };
        assert_eq!(url, "https://a.example");
        assert_eq!(
            headers,
            &[("x-a".to_owned(), vec!["1".to_owned(), "2".to_owned()])]
        );
        assert_eq!(properties[0].0, "authSchemes");
        assert_eq!(cases[1].name, "case_2");
        assert!(
            matches!(&cases[1].expect, EndpointExpectation::Error(m) if m == "Invalid Configuration")
        );
    }

    #[test]
    fn names_are_unique_valid_and_bounded() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_name(&mut taken, Some("Same name"), 1), "same_name");
        assert_eq!(
            unique_name(&mut taken, Some("same  NAME!"), 2),
            "same_name_2"
        );
        assert_eq!(unique_name(&mut taken, Some("same name"), 3), "same_name_3");
        assert_eq!(
            unique_name(&mut taken, Some("1 region"), 4),
            "case_1_region"
        );
        assert_eq!(unique_name(&mut taken, Some("type"), 5), "case_type");
        assert_eq!(unique_name(&mut taken, Some("-- é --"), 6), "case_6");
        assert_eq!(unique_name(&mut taken, None, 7), "case_7");
        // A name of the longest length is kept whole.
        let longest = format!("{} four", "x".repeat(MAX_NAME - 5));
        let name = unique_name(&mut taken, Some(&longest), 9);
        assert_eq!(name.len(), MAX_NAME);
        assert!(name.ends_with("_four"), "{name}");
        let long = "word ".repeat(40);
        let name = unique_name(&mut taken, Some(&long), 8);
        assert!(name.len() <= MAX_NAME, "{name}");
        assert!(name.ends_with("word"), "{name}");
    }

    #[test]
    fn a_case_that_leaves_out_a_required_parameter_is_a_warning_not_a_test() {
        let (cases, warnings) = lower_cases(json!([
            {"documentation": "no bucket", "params": {}, "expect": {"error": "x"}}
        ]))
        .unwrap();
        assert!(cases.is_empty());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("case 1 (\"no bucket\")") && warnings[0].contains("`Bucket`"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn a_broken_case_refuses_generation_naming_the_case_and_the_rule() {
        let refused = |case: Json, why: &str| {
            let error = lower_cases(json!([case])).unwrap_err();
            assert!(
                error.contains("smithy.rules#endpointTests")
                    && error.contains("case 1")
                    && error.contains(why),
                "{error}"
            );
        };
        let expect = json!({"error": "x"});
        refused(
            json!({"params": {"Bucket": "b", "Nope": "x"}, "expect": expect}),
            "`Nope` is not a parameter of the rule set",
        );
        refused(
            json!({"params": {"Bucket": true}, "expect": expect}),
            "`Bucket` is a string parameter, not true",
        );
        refused(
            json!({"params": {"Bucket": "b", "UseFIPS": "yes"}, "expect": expect}),
            "`UseFIPS` is a boolean parameter, not \"yes\"",
        );
        refused(json!({"params": []}), "`params` is not an object");
        refused(json!({"params": {"Bucket": "b"}}), "`expect` is missing");
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {}}),
            "neither an `endpoint` nor an `error`",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"error": "x", "endpoint": {"url": "u"}}}),
            "both an `endpoint` and an `error`",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"error": 1}}),
            "the expected `error` is not a string",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"endpoint": {}}}),
            "no `url` string",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"endpoint": {"url": "u", "headers": {"h": [1]}}}}),
            "header `h` are not a list of strings",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"endpoint": {"url": "u", "headers": []}}}),
            "`headers` are not an object",
        );
        refused(
            json!({"params": {"Bucket": "b"}, "expect": {"endpoint": {"url": "u", "properties": 1}}}),
            "`properties` are not an object",
        );
        let error = lower("a#S", &json!({"version": "2.0", "testCases": []}), &rules())
            .unwrap_err()
            .to_string();
        assert!(error.contains("version `2.0` is not supported"), "{error}");
        // `1` is a version of the 1.x format too (CodeCatalyst's cases say so).
        assert!(lower("a#S", &json!({"version": "1", "testCases": []}), &rules()).is_ok());
        let error = lower(
            "a#S",
            &json!({"version": "10.0", "testCases": []}),
            &rules(),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("version `10.0` is not supported"), "{error}");
        let error = lower("a#S", &json!({"version": "1.0", "testCases": {}}), &rules())
            .unwrap_err()
            .to_string();
        assert!(error.contains("`testCases` is not a list"), "{error}");
    }
}
