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
    let version = data
        .get("version")
        .and_then(Json::as_str)
        .ok_or_else(|| fail("needs a string `version`".to_owned()))?
        .to_owned();
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
        // The table is matched with regex-lite at run time: check it here.
        regex_lite::Regex::new(region_regex)
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
    Ok(PartitionData {
        version,
        partitions,
    })
}
