//! Partition data: botocore's `partitions.json`, read and checked so that
//! the generator can write it into the input crate as a static table.

use crate::error::Error;
use crate::ir::{PartitionData, PartitionSpec};
use serde_json::Value as Json;

/// Reads partition data. Every problem names the partition and the field.
pub fn lower(text: &str) -> Result<PartitionData, Error> {
    let fail = |problem: String| Error::new(format!("partition data: {problem}"));
    let data: Json =
        serde_json::from_str(text).map_err(|e| fail(format!("not valid JSON: {e}")))?;
    // The version is the format's, which later data may change.
    let version = data
        .get("version")
        .and_then(Json::as_str)
        .ok_or_else(|| fail("needs a string `version`".to_owned()))?;
    if !version.starts_with("1.") {
        return Err(fail(format!(
            "format version `{version}` is not supported (1.x is)"
        )));
    }
    let listed = data
        .get("partitions")
        .and_then(Json::as_array)
        .ok_or_else(|| fail("needs an array `partitions`".to_owned()))?;
    let mut partitions = Vec::new();
    for partition in listed {
        let id = partition
            .get("id")
            .and_then(Json::as_str)
            .ok_or_else(|| fail("a partition needs a string `id`".to_owned()))?;
        let at =
            |field: &str, problem: &str| fail(format!("partition `{id}`: `{field}` {problem}"));
        let outputs = partition
            .get("outputs")
            .ok_or_else(|| at("outputs", "is missing"))?;
        let string = |field: &str| {
            outputs
                .get(field)
                .and_then(Json::as_str)
                .map(str::to_owned)
                .ok_or_else(|| at(&format!("outputs.{field}"), "must be a string"))
        };
        let boolean = |field: &str| {
            outputs
                .get(field)
                .and_then(Json::as_bool)
                .ok_or_else(|| at(&format!("outputs.{field}"), "must be a boolean"))
        };
        let region_regex = partition
            .get("regionRegex")
            .and_then(Json::as_str)
            .ok_or_else(|| at("regionRegex", "must be a string"))?;
        // The table is matched with regress at run time: check it here.
        regress::Regex::new(region_regex)
            .map_err(|e| at("regionRegex", &format!("does not compile: {e}")))?;
        let regions = partition
            .get("regions")
            .and_then(Json::as_object)
            .ok_or_else(|| at("regions", "must be an object"))?;
        for (region, overrides) in regions {
            // Per-region overrides of the outputs would need the table to
            // carry them; no botocore release has had one, so refuse rather
            // than drop one silently.
            if let Some((field, _)) = overrides
                .as_object()
                .and_then(|o| o.iter().find(|(field, _)| *field != "description"))
            {
                return Err(at(
                    &format!("regions.{region}.{field}"),
                    "overrides the partition's outputs, which is not supported",
                ));
            }
        }
        partitions.push(PartitionSpec {
            id: id.to_owned(),
            region_regex: region_regex.to_owned(),
            regions: regions.keys().cloned().collect(),
            name: string("name")?,
            dns_suffix: string("dnsSuffix")?,
            dual_stack_dns_suffix: string("dualStackDnsSuffix")?,
            supports_fips: boolean("supportsFIPS")?,
            supports_dual_stack: boolean("supportsDualStack")?,
            implicit_global_region: outputs
                .get("implicitGlobalRegion")
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| at("outputs.implicitGlobalRegion", "must be a string"))
                })
                .transpose()?,
        });
    }
    if !partitions.iter().any(|p| p.id == "aws") {
        return Err(fail(
            "has no `aws` partition, which unlisted regions fall back to".to_owned(),
        ));
    }
    Ok(PartitionData { partitions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn aws(outputs: Json) -> Json {
        json!({"id": "aws", "regionRegex": "^us\\-", "regions": {"us-east-1": {}}, "outputs": outputs})
    }

    fn outputs() -> Json {
        json!({
            "name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
            "supportsFIPS": true, "supportsDualStack": true
        })
    }

    fn refused(data: Json, why: &str) {
        let error = lower(&data.to_string()).unwrap_err().to_string();
        assert!(
            error.starts_with("partition data: ") && error.contains(why),
            "{error}"
        );
    }

    #[test]
    fn partition_data_is_read_as_its_format_says() {
        let data =
            lower(&json!({"version": "1.1", "partitions": [aws(outputs())]}).to_string()).unwrap();
        let aws = &data.partitions[0];
        assert_eq!(
            (
                aws.id.as_str(),
                aws.regions.as_slice(),
                aws.dns_suffix.as_str()
            ),
            ("aws", ["us-east-1".to_owned()].as_slice(), "amazonaws.com")
        );
        assert_eq!(aws.implicit_global_region, None);
        assert!(aws.supports_fips && aws.supports_dual_stack);
    }

    #[test]
    fn partition_data_the_table_cannot_hold_is_refused_naming_the_field() {
        refused(json!({"partitions": []}), "needs a string `version`");
        refused(
            json!({"version": "2.0", "partitions": [aws(outputs())]}),
            "format version `2.0` is not supported",
        );
        refused(json!({"version": "1.1"}), "needs an array `partitions`");
        refused(
            json!({"version": "1.1", "partitions": []}),
            "has no `aws` partition",
        );
        let mut bad = outputs();
        bad["supportsFIPS"] = json!("yes");
        refused(
            json!({"version": "1.1", "partitions": [aws(bad)]}),
            "partition `aws`: `outputs.supportsFIPS` must be a boolean",
        );
        let mut overridden = aws(outputs());
        overridden["regions"]["us-east-1"] = json!({"dnsSuffix": "example.com"});
        refused(
            json!({"version": "1.1", "partitions": [overridden]}),
            "`regions.us-east-1.dnsSuffix` overrides the partition's outputs",
        );
    }
}
