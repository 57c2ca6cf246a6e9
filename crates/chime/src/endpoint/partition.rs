//! Partition data for the endpoint rules' `aws.partition` function.
//!
//! The data is botocore's `partitions.json` (region descriptions removed),
//! embedded at build time. The rules may also be resolved against other
//! partition data, such as the vintage their own test cases were written for.

use super::document::Document;
use regex_lite::Regex;

/// The partition data this crate resolves endpoints with.
const EMBEDDED: &str = include_str!("../../data/partitions.json");

/// What a single region changes of its partition's outputs.
#[derive(Debug, Clone, Default)]
struct RegionOverrides {
    dns_suffix: Option<String>,
    dual_stack_dns_suffix: Option<String>,
    supports_fips: Option<bool>,
    supports_dual_stack: Option<bool>,
}

struct PartitionData {
    id: String,
    outputs: chime_input::Partition,
    region_regex: Regex,
    regions: Vec<(String, RegionOverrides)>,
}

fn string(owner: &Document, key: &str, what: &str) -> Result<String, String> {
    owner
        .get(key)
        .and_then(Document::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{what} needs a string `{key}`"))
}

fn boolean(owner: &Document, key: &str, what: &str) -> Result<bool, String> {
    owner
        .get(key)
        .and_then(Document::as_bool)
        .ok_or_else(|| format!("{what} needs a boolean `{key}`"))
}

fn read_partition(raw: &Document) -> Result<PartitionData, String> {
    let id = string(raw, "id", "a partition")?;
    let what = format!("partition `{id}`");
    let outputs = raw
        .get("outputs")
        .ok_or_else(|| format!("{what} needs `outputs`"))?;
    let outputs = chime_input::Partition {
        name: string(outputs, "name", &what)?,
        dns_suffix: string(outputs, "dnsSuffix", &what)?,
        dual_stack_dns_suffix: string(outputs, "dualStackDnsSuffix", &what)?,
        supports_fips: boolean(outputs, "supportsFIPS", &what)?,
        supports_dual_stack: boolean(outputs, "supportsDualStack", &what)?,
        implicit_global_region: string(outputs, "implicitGlobalRegion", &what).ok(),
    };
    let pattern = string(raw, "regionRegex", &what)?;
    let region_regex = Regex::new(&pattern)
        .map_err(|e| format!("{what}: regionRegex `{pattern}` does not compile: {e}"))?;
    let regions = raw
        .get("regions")
        .and_then(Document::as_object)
        .ok_or_else(|| format!("{what} needs an object `regions`"))?
        .iter()
        .map(|(name, overrides)| {
            let text = |key| {
                overrides
                    .get(key)
                    .and_then(Document::as_str)
                    .map(str::to_owned)
            };
            let flag = |key| overrides.get(key).and_then(Document::as_bool);
            let overrides = RegionOverrides {
                dns_suffix: text("dnsSuffix"),
                dual_stack_dns_suffix: text("dualStackDnsSuffix"),
                supports_fips: flag("supportsFIPS"),
                supports_dual_stack: flag("supportsDualStack"),
            };
            (name.clone(), overrides)
        })
        .collect();
    Ok(PartitionData {
        id,
        outputs,
        region_regex,
        regions,
    })
}

/// Every partition, in the data's order, ready to match regions against.
pub struct Partitions {
    partitions: Vec<PartitionData>,
}

impl std::fmt::Debug for Partitions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.partitions.iter().map(|p| &p.id))
            .finish()
    }
}

impl Partitions {
    /// The partition data embedded in this crate.
    pub fn embedded() -> Self {
        Self::from_json(EMBEDDED).expect("the embedded partition data is checked by the tests")
    }

    /// Reads partition data in botocore's `partitions.json` format.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let document =
            Document::parse(json).map_err(|e| format!("partition data is not valid: {e}"))?;
        let partitions = document
            .get("partitions")
            .and_then(Document::as_array)
            .ok_or("partition data needs an array `partitions`")?
            .iter()
            .map(read_partition)
            .collect::<Result<_, String>>()?;
        Ok(Self { partitions })
    }

    /// The partition of a region: the one that lists it, else the first
    /// whose region pattern matches it, else `aws`.
    ///
    /// Unknown regions still resolve, so that a region launched after this
    /// data was written works without an upgrade.
    pub fn lookup(&self, region: &str) -> Option<chime_input::Partition> {
        if let Some((partition, overrides)) = self.partitions.iter().find_map(|p| {
            p.regions
                .iter()
                .find(|(name, _)| name == region)
                .map(|(_, o)| (p, o))
        }) {
            let mut outputs = partition.outputs.clone();
            if let Some(v) = &overrides.dns_suffix {
                outputs.dns_suffix.clone_from(v);
            }
            if let Some(v) = &overrides.dual_stack_dns_suffix {
                outputs.dual_stack_dns_suffix.clone_from(v);
            }
            if let Some(v) = overrides.supports_fips {
                outputs.supports_fips = v;
            }
            if let Some(v) = overrides.supports_dual_stack {
                outputs.supports_dual_stack = v;
            }
            return Some(outputs);
        }
        self.partitions
            .iter()
            .find(|p| p.region_regex.is_match(region))
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"))
            .map(|p| p.outputs.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_reads_and_knows_the_main_partitions() {
        let partitions = Partitions::embedded();
        let aws = partitions.lookup("us-east-1").unwrap();
        assert_eq!(aws.name, "aws");
        assert_eq!(aws.dns_suffix, "amazonaws.com");
        assert_eq!(partitions.lookup("cn-north-1").unwrap().name, "aws-cn");
        assert_eq!(
            partitions.lookup("us-gov-west-1").unwrap().name,
            "aws-us-gov"
        );
    }

    #[test]
    fn an_unlisted_region_matches_by_pattern_then_falls_back_to_aws() {
        let partitions = Partitions::embedded();
        assert_eq!(
            partitions.lookup("us-isob-west-9").unwrap().name,
            "aws-iso-b"
        );
        assert_eq!(partitions.lookup("not-a-region").unwrap().name, "aws");
    }
}
