//! The partition table: `partition_of`, for the endpoint rules' `aws.partition`.

use crate::ir::PartitionData;
use proc_macro2::TokenStream;
use quote::quote;

/// The items of the input crate's `partition_table` module.
pub fn emit(data: &PartitionData) -> TokenStream {
    let count = proc_macro2::Literal::usize_unsuffixed(data.partitions.len());
    let specs = data.partitions.iter().map(|p| {
        let (id, regex, name, dns, dual) = (
            &p.id,
            &p.region_regex,
            &p.name,
            &p.dns_suffix,
            &p.dual_stack_dns_suffix,
        );
        let (fips, dual_stack) = (p.supports_fips, p.supports_dual_stack);
        let regions = &p.regions;
        let global = match &p.implicit_global_region {
            Some(region) => quote! { ::std::option::Option::Some(#region) },
            None => quote! { ::std::option::Option::None },
        };
        quote! {
            PartitionSpec {
                id: #id,
                region_regex: #regex,
                regions: &[#(#regions),*],
                name: #name,
                dns_suffix: #dns,
                dual_stack_dns_suffix: #dual,
                supports_fips: #fips,
                supports_dual_stack: #dual_stack,
                implicit_global_region: #global,
            }
        }
    });
    let doc = format!(
        " The partition of `region`, from botocore's partition data (version {}): the\n partition that lists it, else the first whose pattern matches it, else `aws`,\n so that a region launched after the data was written still resolves.",
        data.version
    );
    quote! {
        /// One partition, as the data gives it.
        struct PartitionSpec {
            id: &'static str,
            region_regex: &'static str,
            regions: &'static [&'static str],
            name: &'static str,
            dns_suffix: &'static str,
            dual_stack_dns_suffix: &'static str,
            supports_fips: bool,
            supports_dual_stack: bool,
            implicit_global_region: ::std::option::Option<&'static str>,
        }

        static PARTITIONS: [PartitionSpec; #count] = [#(#specs),*];

        #[doc = #doc]
        pub fn partition_of(region: &str) -> ::std::option::Option<crate::Partition> {
            // The generator checked that every pattern compiles.
            static PATTERNS: ::std::sync::LazyLock<::std::vec::Vec<::std::option::Option<::regex_lite::Regex>>> =
                ::std::sync::LazyLock::new(|| {
                    PARTITIONS.iter().map(|p| ::regex_lite::Regex::new(p.region_regex).ok()).collect()
                });
            let spec = PARTITIONS
                .iter()
                .find(|p| p.regions.contains(&region))
                .or_else(|| {
                    PARTITIONS
                        .iter()
                        .zip(PATTERNS.iter())
                        .find(|(_, pattern)| pattern.as_ref().is_some_and(|p| p.is_match(region)))
                        .map(|(spec, _)| spec)
                })
                .or_else(|| PARTITIONS.iter().find(|p| p.id == "aws"))?;
            ::std::option::Option::Some(crate::Partition {
                name: spec.name.to_owned(),
                dns_suffix: spec.dns_suffix.to_owned(),
                dual_stack_dns_suffix: spec.dual_stack_dns_suffix.to_owned(),
                supports_fips: spec.supports_fips,
                supports_dual_stack: spec.supports_dual_stack,
                implicit_global_region: spec.implicit_global_region.map(str::to_owned),
            })
        }
    }
}
