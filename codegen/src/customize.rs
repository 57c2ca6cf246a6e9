//! What the AWS SDKs do for particular services beyond their models: the
//! customizations that the services' compliance cases check, keyed by the
//! service's shape id, so that the same model gives the same wire as the
//! SDKs. Each is small and named here; the rest of the generator reads
//! the model alone.

/// The customizations of one service.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Customizations {
    /// Headers every request carries: `(name in lower case, value)`.
    pub request_headers: Vec<(String, String)>,
    /// An input member that stands for the caller's own account, and the
    /// value sent when it is unset or empty.
    pub account_id: Option<(&'static str, &'static str)>,
    /// The operations whose requests carry the SHA-256 of their body and
    /// its SHA-256 tree hash (`x-amz-content-sha256`,
    /// `x-amz-sha256-tree-hash`).
    pub tree_hash_operations: &'static [&'static str],
}

/// Amazon S3 Glacier: every request names the API version; the account id
/// may be left to `-`, the caller's own; uploads carry their body's
/// checksums, which the service requires.
const GLACIER: &str = "com.amazonaws.glacier#Glacier";

/// Amazon API Gateway: every request accepts JSON, which its service
/// otherwise answers with another media type.
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";

/// The customizations of the service `id` at API version `version`.
pub fn for_service(id: &str, version: &str) -> Customizations {
    match id {
        GLACIER => Customizations {
            request_headers: vec![("x-amz-glacier-version".to_owned(), version.to_owned())],
            account_id: Some(("accountId", "-")),
            tree_hash_operations: &["UploadArchive", "UploadMultipartPart"],
        },
        API_GATEWAY => Customizations {
            request_headers: vec![("accept".to_owned(), "application/json".to_owned())],
            ..Customizations::default()
        },
        _ => Customizations::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_services_are_customized() {
        let glacier = for_service(GLACIER, "2012-06-01");
        assert_eq!(
            glacier.request_headers,
            [("x-amz-glacier-version".to_owned(), "2012-06-01".to_owned())]
        );
        assert_eq!(glacier.account_id, Some(("accountId", "-")));
        assert!(glacier.tree_hash_operations.contains(&"UploadArchive"));
        let api_gateway = for_service(API_GATEWAY, "2015-07-09");
        assert_eq!(
            api_gateway.request_headers,
            [("accept".to_owned(), "application/json".to_owned())]
        );
        assert_eq!(
            for_service("com.amazonaws.chime#UCBuzzConsoleService", "1"),
            Customizations::default()
        );
    }
}
