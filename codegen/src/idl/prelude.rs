//! The names a relative shape id may resolve to in Smithy's prelude
//! (`smithy.api#`): its public shapes and traits, as Smithy's
//! `prelude.smithy` defines them (its `@private` shapes are left out, since
//! no other namespace may refer to them).

/// The prelude's namespace.
pub(crate) const NAMESPACE: &str = "smithy.api";

/// Every public shape of the prelude, sorted.
pub(crate) const NAMES: [&str; 100] = [
    "BigDecimal",
    "BigInteger",
    "Blob",
    "Boolean",
    "Byte",
    "Document",
    "Double",
    "Float",
    "Integer",
    "Long",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveDouble",
    "PrimitiveFloat",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveShort",
    "Short",
    "String",
    "Timestamp",
    "Unit",
    "addedDefault",
    "auth",
    "authDefinition",
    "box",
    "clientOptional",
    "cors",
    "default",
    "deprecated",
    "documentation",
    "endpoint",
    "enum",
    "enumValue",
    "error",
    "eventHeader",
    "eventPayload",
    "examples",
    "externalDocumentation",
    "hostLabel",
    "http",
    "httpApiKeyAuth",
    "httpBasicAuth",
    "httpBearerAuth",
    "httpChecksumRequired",
    "httpDigestAuth",
    "httpError",
    "httpHeader",
    "httpLabel",
    "httpPayload",
    "httpPrefixHeaders",
    "httpQuery",
    "httpQueryParams",
    "httpResponseCode",
    "idRef",
    "idempotencyToken",
    "idempotent",
    "input",
    "internal",
    "jsonName",
    "length",
    "longPoll",
    "mediaType",
    "metadata",
    "mixin",
    "nestedProperties",
    "noReplace",
    "notProperty",
    "optionalAuth",
    "output",
    "paginated",
    "pattern",
    "private",
    "property",
    "protocolDefinition",
    "range",
    "readonly",
    "recommended",
    "references",
    "requestCompression",
    "required",
    "requiresLength",
    "resourceIdentifier",
    "retryable",
    "sensitive",
    "since",
    "sparse",
    "streaming",
    "suppress",
    "tags",
    "timestampFormat",
    "title",
    "trait",
    "traitValidators",
    "uniqueItems",
    "unitType",
    "unstable",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
];

/// Whether the prelude has a public shape of this name.
pub(crate) fn defines(name: &str) -> bool {
    NAMES.binary_search(&name).is_ok()
}

/// The traits of Smithy's own trait files (the prelude, `smithy.test`,
/// `aws.auth`) whose shape is a list, so that one written without a value
/// reads as an empty list, as Smithy's loader, which knows them, reads it.
const LIST_TRAITS: [&str; 11] = [
    "aws.auth#cognitoUserPoolsScopes",
    "smithy.api#auth",
    "smithy.api#enum",
    "smithy.api#examples",
    "smithy.api#references",
    "smithy.api#suppress",
    "smithy.api#tags",
    "smithy.test#eventStreamTests",
    "smithy.test#httpMalformedRequestTests",
    "smithy.test#httpRequestTests",
    "smithy.test#httpResponseTests",
];

/// Whether `id` (absolute) is a trait of Smithy's trait files whose shape is a list.
pub(crate) fn is_known_list_trait(id: &str) -> bool {
    LIST_TRAITS.binary_search(&id).is_ok()
}

#[cfg(test)]
mod tests {
    use super::{LIST_TRAITS, NAMES, defines, is_known_list_trait};

    #[test]
    fn names_are_sorted_so_that_a_search_finds_them() {
        assert!(NAMES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(defines("String") && defines("required") && defines("Unit"));
        assert!(!defines("NonEmptyString") && !defines("string"));
    }

    #[test]
    fn list_traits_are_sorted_so_that_a_search_finds_them() {
        assert!(LIST_TRAITS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(
            is_known_list_trait("smithy.api#tags") && !is_known_list_trait("smithy.api#required")
        );
    }
}
