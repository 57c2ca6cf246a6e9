//! The names a relative shape id may resolve to in Smithy's prelude
//! (`smithy.api#`): its public shapes and traits, as Smithy's
//! `prelude.smithy` defines them (its `@private` shapes are left out, since
//! no other namespace may refer to them).

/// The prelude's namespace.
pub(crate) const NAMESPACE: &str = "smithy.api";

/// Every public shape of the prelude, sorted.
const NAMES: [&str; 100] = [
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

#[cfg(test)]
mod tests {
    use super::{NAMES, defines};

    #[test]
    fn names_are_sorted_so_that_a_search_finds_them() {
        assert!(NAMES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(defines("String") && defines("required") && defines("Unit"));
        assert!(!defines("NonEmptyString") && !defines("string"));
    }
}
