//! The partition table: `partition_of`, for the endpoint rules' `aws.partition`.

use crate::ir::PartitionData;
use proc_macro2::TokenStream;
use quote::quote;

/// The items of the input crate's `partition_table` module.
pub fn emit(data: &PartitionData) -> TokenStream {
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
            Some(region) => quote! { Some(#region) },
            None => quote! { None },
        };
        quote! {
            rt::endpoint::PartitionSpec {
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
    // The data's `version` is its format's (1.1), not the data's age, so
    // it is not named here.
    let doc = super::doc_attrs(
        &vec![
            "The partition of `region`, from botocore's partition data: the partition".to_owned(),
            "that lists it, else the first whose pattern matches it, else `aws`, so".to_owned(),
            "that a region launched after the data was written still resolves.".to_owned(),
        ],
        None,
    );
    quote! {
        static PARTITIONS: rt::endpoint::PartitionTable =
            rt::endpoint::PartitionTable::new(&[#(#specs),*]);

        #doc
        pub fn partition_of(region: &str) -> Option<rt::endpoint::Partition> {
            PARTITIONS.partition_of(region)
        }
    }
}
