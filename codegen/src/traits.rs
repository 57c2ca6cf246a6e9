//! Every trait the generator knows, and what it does with each.
//!
//! A model may hold any trait: Smithy's own, the AWS ones, and traits that
//! tools other than SDKs read (IAM, CloudFormation, API Gateway). Lowering
//! looks each one up here. A trait that is applied or that has no effect
//! on a client is accepted; one whose behaviour a client would need and
//! this generator does not have yet refuses the shape, because a client
//! without it would be wrong; and one this table does not list is ignored
//! with a warning that names it, since a model may define traits of its own.
//! The README's table of traits is rendered from this one
//! ([`markdown_table`]), and a test keeps the two the same.

/// What the generator does with a trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// The generated code follows it.
    Applied,
    /// It changes nothing in a client's requests, responses or types.
    NoEffect,
    /// Accepted with a warning: it would add to a client, and the
    /// generated client is correct without it.
    Warned,
    /// A shape that has it is refused: a client without its behaviour
    /// would send or read the wrong thing.
    Refused,
}

impl Treatment {
    fn label(self) -> &'static str {
        match self {
            Treatment::Applied => "applied",
            Treatment::NoEffect => "no effect on a client",
            Treatment::Warned => "accepted, with a warning",
            Treatment::Refused => "refused",
        }
    }
}

/// One trait of the table.
#[derive(Debug, Clone, Copy)]
pub struct KnownTrait {
    /// The trait's absolute shape id, e.g. `smithy.api#jsonName`.
    pub id: &'static str,
    /// What the generator does with it.
    pub treatment: Treatment,
    /// How, or why: one line.
    pub what: &'static str,
}

const fn applied(id: &'static str, what: &'static str) -> KnownTrait {
    KnownTrait {
        id,
        treatment: Treatment::Applied,
        what,
    }
}

const fn no_effect(id: &'static str, what: &'static str) -> KnownTrait {
    KnownTrait {
        id,
        treatment: Treatment::NoEffect,
        what,
    }
}

const fn refused(id: &'static str, what: &'static str) -> KnownTrait {
    KnownTrait {
        id,
        treatment: Treatment::Refused,
        what,
    }
}

const DEFINES_MODELS: &str = "shapes the model defines traits and protocols with";
const IAM: &str = "IAM's policy metadata";
const CLOUDFORMATION: &str = "CloudFormation's resource metadata";
const API_GATEWAY: &str = "API Gateway's import of a model";
const RESOURCE_PROPERTY: &str = "resource metadata for tools";
const XML_ONLY: &str = "XML protocols' alone";
const COMPLIANCE: &str = "compliance cases, which `cargo xtask protocol-tests` runs";
const ENDPOINT_METADATA: &str = "describes endpoints to tools; the rule set decides them";
const OTHER_PROTOCOL: &str =
    "a service that also has `restJson1` speaks that; else refused, naming its protocols";
const ENDPOINT_DISCOVERY: &str = "endpoint discovery is not generated yet";
const OTHER_AUTH: &str = "a scheme `@auth` may name; passed over for the next the client supports (SigV4, bearer tokens), refused where there is none";

/// Every trait the generator knows, by namespace and then name.
pub const KNOWN_TRAITS: &[KnownTrait] = &[
    // aws.api
    no_effect("aws.api#arn", "the ARN template of a resource"),
    no_effect("aws.api#arnReference", "says a string holds an ARN"),
    refused(
        "aws.api#awsChunked",
        "`aws-chunked` bodies are not generated yet",
    ),
    refused("aws.api#clientDiscoveredEndpoint", ENDPOINT_DISCOVERY),
    refused("aws.api#clientEndpointDiscovery", ENDPOINT_DISCOVERY),
    refused("aws.api#clientEndpointDiscoveryId", ENDPOINT_DISCOVERY),
    no_effect("aws.api#controlPlane", "classifies the operation for tools"),
    no_effect("aws.api#data", "classifies the data a shape holds"),
    no_effect("aws.api#dataPlane", "classifies the operation for tools"),
    applied(
        "aws.api#service",
        "`sdkId` names the crates, `endpointPrefix` (else `arnNamespace`, else the service's name) the endpoints",
    ),
    no_effect("aws.api#tagEnabled", "tagging metadata"),
    no_effect("aws.api#taggable", "tagging metadata"),
    // aws.apigateway
    no_effect("aws.apigateway#apiKeySource", API_GATEWAY),
    no_effect("aws.apigateway#authorizer", API_GATEWAY),
    no_effect("aws.apigateway#authorizers", API_GATEWAY),
    no_effect("aws.apigateway#integration", API_GATEWAY),
    no_effect("aws.apigateway#mockIntegration", API_GATEWAY),
    no_effect("aws.apigateway#requestValidator", API_GATEWAY),
    // aws.auth
    applied("aws.auth#cognitoUserPools", OTHER_AUTH),
    no_effect(
        "aws.auth#cognitoUserPoolsScopes",
        "scopes of `cognitoUserPools`, which is refused",
    ),
    applied(
        "aws.auth#sigv4",
        "requests are signed with SigV4 under its `name`",
    ),
    applied("aws.auth#sigv4a", OTHER_AUTH),
    applied(
        "aws.auth#unsignedPayload",
        "SigV4 signs the request as `UNSIGNED-PAYLOAD`, without its body",
    ),
    // aws.cloudformation
    no_effect("aws.cloudformation#cfnAdditionalIdentifier", CLOUDFORMATION),
    no_effect("aws.cloudformation#cfnDefaultValue", CLOUDFORMATION),
    no_effect("aws.cloudformation#cfnExcludeProperty", CLOUDFORMATION),
    no_effect("aws.cloudformation#cfnMutability", CLOUDFORMATION),
    no_effect("aws.cloudformation#cfnName", CLOUDFORMATION),
    no_effect("aws.cloudformation#cfnResource", CLOUDFORMATION),
    // aws.customizations
    no_effect("aws.customizations#s3UnwrappedXmlOutput", XML_ONLY),
    // aws.endpoints
    no_effect("aws.endpoints#dualStackOnlyEndpoints", ENDPOINT_METADATA),
    no_effect("aws.endpoints#endpointsModifier", DEFINES_MODELS),
    no_effect("aws.endpoints#rulesBasedEndpoints", ENDPOINT_METADATA),
    no_effect(
        "aws.endpoints#standardPartitionalEndpoints",
        ENDPOINT_METADATA,
    ),
    no_effect("aws.endpoints#standardRegionalEndpoints", ENDPOINT_METADATA),
    // aws.iam
    no_effect("aws.iam#actionName", IAM),
    no_effect("aws.iam#actionPermissionDescription", IAM),
    no_effect("aws.iam#conditionKeyValue", IAM),
    no_effect("aws.iam#conditionKeys", IAM),
    no_effect("aws.iam#defineConditionKeys", IAM),
    no_effect("aws.iam#disableConditionKeyInference", IAM),
    no_effect("aws.iam#iamAction", IAM),
    no_effect("aws.iam#iamResource", IAM),
    no_effect("aws.iam#requiredActions", IAM),
    no_effect("aws.iam#serviceResolvedConditionKeys", IAM),
    no_effect("aws.iam#supportedPrincipalTypes", IAM),
    // aws.protocols
    applied("aws.protocols#awsJson1_0", OTHER_PROTOCOL),
    applied("aws.protocols#awsJson1_1", OTHER_PROTOCOL),
    applied("aws.protocols#awsQuery", OTHER_PROTOCOL),
    refused(
        "aws.protocols#awsQueryCompatible",
        "error codes from `x-amzn-query-error` are not read yet",
    ),
    no_effect(
        "aws.protocols#awsQueryError",
        "read only by `awsQueryCompatible` services, which are refused",
    ),
    applied("aws.protocols#ec2Query", OTHER_PROTOCOL),
    no_effect(
        "aws.protocols#ec2QueryName",
        "the EC2 query protocol's alone",
    ),
    refused(
        "aws.protocols#httpChecksum",
        "flexible checksums are not generated yet",
    ),
    applied(
        "aws.protocols#restJson1",
        "the protocol every request and response follows",
    ),
    applied("aws.protocols#restXml", OTHER_PROTOCOL),
    // smithy.api
    applied(
        "smithy.api#addedDefault",
        "the default applies as `@default` says; the trait only dates it",
    ),
    applied(
        "smithy.api#auth",
        "the schemes in order: SigV4 first, or none (unsigned), the service's or an operation's own",
    ),
    no_effect("smithy.api#authDefinition", DEFINES_MODELS),
    applied(
        "smithy.api#box",
        "IDL 1.0: the member is optional (`@default(null)` in 2.0)",
    ),
    applied(
        "smithy.api#clientOptional",
        "the member stays an `Option` whatever its default",
    ),
    no_effect(
        "smithy.api#cors",
        "what a browser's preflight may do; a client sends no preflight",
    ),
    applied(
        "smithy.api#default",
        "the member holds and sends its default when unset (inputs' members stay optional)",
    ),
    applied(
        "smithy.api#deprecated",
        "`#[deprecated]` with the model's message",
    ),
    applied("smithy.api#documentation", "rustdoc, as Markdown"),
    applied(
        "smithy.api#endpoint",
        "the host prefix, with `@hostLabel` members",
    ),
    applied(
        "smithy.api#enum",
        "IDL 1.0: the string is the enum Smithy 2.0 makes of it",
    ),
    applied("smithy.api#enumValue", "an enum variant's value"),
    applied(
        "smithy.api#error",
        "an error structure: a variant of each operation's error",
    ),
    applied(
        "smithy.api#eventHeader",
        "an event's member sent as a header of its message, of the member's type",
    ),
    applied(
        "smithy.api#eventPayload",
        "the event's member that is its message's whole payload",
    ),
    no_effect("smithy.api#examples", "examples for documentation tools"),
    no_effect(
        "smithy.api#externalDocumentation",
        "links for documentation tools",
    ),
    applied("smithy.api#hostLabel", "the member fills the host prefix"),
    applied(
        "smithy.api#http",
        "the method, URI pattern and success code",
    ),
    applied("smithy.api#httpApiKeyAuth", OTHER_AUTH),
    applied("smithy.api#httpBasicAuth", OTHER_AUTH),
    applied(
        "smithy.api#httpBearerAuth",
        "requests carry `Authorization: Bearer` with a token from the client's `token_provider`",
    ),
    applied(
        "smithy.api#httpChecksumRequired",
        "`Content-MD5` of the body as sent",
    ),
    applied("smithy.api#httpDigestAuth", OTHER_AUTH),
    applied("smithy.api#httpError", "the error's status code"),
    applied("smithy.api#httpHeader", "the member is a header"),
    applied("smithy.api#httpLabel", "the member fills a URI label"),
    applied("smithy.api#httpPayload", "the member is the whole body"),
    applied(
        "smithy.api#httpPrefixHeaders",
        "the map's entries are headers under the prefix",
    ),
    applied("smithy.api#httpQuery", "the member is a query parameter"),
    applied(
        "smithy.api#httpQueryParams",
        "the map's entries are query parameters",
    ),
    applied(
        "smithy.api#httpResponseCode",
        "the member holds the response's status code",
    ),
    no_effect("smithy.api#idRef", DEFINES_MODELS),
    applied(
        "smithy.api#idempotencyToken",
        "a UUID v4 fills the member when unset",
    ),
    no_effect(
        "smithy.api#idempotent",
        "the AWS SDKs retry by error, not by operation",
    ),
    no_effect(
        "smithy.api#input",
        "marks the operation's own input structure",
    ),
    no_effect("smithy.api#internal", "visibility for tools"),
    applied("smithy.api#jsonName", "the member's name in JSON bodies"),
    applied(
        "smithy.api#length",
        "checked by `validate()`, in bytes for blobs",
    ),
    no_effect(
        "smithy.api#longPoll",
        "the call's timeouts are the caller's to set",
    ),
    applied(
        "smithy.api#mediaType",
        "the payload's `Content-Type`; a header value in base64",
    ),
    no_effect("smithy.api#metadata", DEFINES_MODELS),
    no_effect("smithy.api#mixin", DEFINES_MODELS),
    no_effect("smithy.api#nestedProperties", RESOURCE_PROPERTY),
    no_effect("smithy.api#noReplace", RESOURCE_PROPERTY),
    no_effect("smithy.api#notProperty", RESOURCE_PROPERTY),
    applied(
        "smithy.api#optionalAuth",
        "the operation is signed where the client has credentials, sent unsigned where not",
    ),
    no_effect(
        "smithy.api#output",
        "marks the operation's own output structure",
    ),
    applied(
        "smithy.api#paginated",
        "`into_paginator()` on the operation's fluent builder",
    ),
    applied(
        "smithy.api#pattern",
        "checked by `validate()` as an ECMAScript pattern",
    ),
    no_effect("smithy.api#private", DEFINES_MODELS),
    no_effect("smithy.api#property", RESOURCE_PROPERTY),
    no_effect("smithy.api#protocolDefinition", DEFINES_MODELS),
    applied("smithy.api#range", "checked by `validate()`"),
    no_effect(
        "smithy.api#readonly",
        "the AWS SDKs retry by error, not by operation",
    ),
    no_effect(
        "smithy.api#recommended",
        "advice to callers, in the documentation",
    ),
    no_effect("smithy.api#references", "links between resources for tools"),
    applied(
        "smithy.api#requestCompression",
        "bodies of 10 KiB or more are gzipped",
    ),
    applied(
        "smithy.api#required",
        "the builder refuses an unset member; checked by `validate()`",
    ),
    applied(
        "smithy.api#requiresLength",
        "a stream of unknown length is refused before any I/O",
    ),
    no_effect("smithy.api#resourceIdentifier", RESOURCE_PROPERTY),
    applied(
        "smithy.api#retryable",
        "the error is retried (throttling ones as throttling)",
    ),
    applied("smithy.api#sensitive", "redacted in `Debug` and error text"),
    no_effect("smithy.api#since", "dates a shape for tools"),
    applied("smithy.api#sparse", "items are `Option`s, `null` kept"),
    applied(
        "smithy.api#streaming",
        "a blob is a `ByteStream`; a union is an event stream, sent (`EventStreamSender`) or received (`EventReceiver`) message by message",
    ),
    no_effect("smithy.api#suppress", "silences validators of the model"),
    no_effect("smithy.api#tags", "groups shapes for tools"),
    applied(
        "smithy.api#timestampFormat",
        "the timestamp's form on the wire",
    ),
    applied(
        "smithy.api#title",
        "names the service in words on the client crate's page",
    ),
    no_effect("smithy.api#trait", DEFINES_MODELS),
    no_effect("smithy.api#traitValidators", DEFINES_MODELS),
    applied("smithy.api#uniqueItems", "checked by `validate()`"),
    no_effect("smithy.api#unitType", DEFINES_MODELS),
    no_effect(
        "smithy.api#unstable",
        "a warning to callers, in the documentation",
    ),
    no_effect("smithy.api#xmlAttribute", XML_ONLY),
    no_effect("smithy.api#xmlFlattened", XML_ONLY),
    no_effect("smithy.api#xmlName", XML_ONLY),
    no_effect("smithy.api#xmlNamespace", XML_ONLY),
    // smithy.rules
    applied(
        "smithy.rules#clientContextParams",
        "an endpoint parameter the configuration sets: a setter of the client's `config::EndpointParameters`",
    ),
    applied(
        "smithy.rules#contextParam",
        "the member's value sets the endpoint parameter; such calls resolve their own endpoint",
    ),
    refused(
        "smithy.rules#endpointBdd",
        "endpoint decision diagrams are not generated yet",
    ),
    applied(
        "smithy.rules#endpointRuleSet",
        "compiled into the input crate's `resolve_endpoint`",
    ),
    applied(
        "smithy.rules#endpointTests",
        "each case a test of the input crate's resolver (`tests/endpoint_rules`)",
    ),
    applied(
        "smithy.rules#operationContextParams",
        "an endpoint parameter set from the input by a path (members, `[*]`, `keys(..)`)",
    ),
    applied(
        "smithy.rules#staticContextParams",
        "the operation's calls set the endpoint parameters, and resolve their own endpoint",
    ),
    // smithy.test
    no_effect("smithy.test#eventStreamTests", COMPLIANCE),
    no_effect("smithy.test#httpMalformedRequestTests", COMPLIANCE),
    no_effect("smithy.test#httpRequestTests", COMPLIANCE),
    no_effect("smithy.test#httpResponseTests", COMPLIANCE),
    no_effect(
        "smithy.test#smokeTests",
        "calls to a live service, for the service's own checks",
    ),
    // smithy.waiters
    applied(
        "smithy.waiters#waitable",
        "`client.wait_until_<name>()`: acceptors, delays and JMESPath paths; a waiter it cannot write is a warning",
    ),
];

/// The table's entry for `id`, if the generator knows the trait.
pub fn lookup(id: &str) -> Option<&'static KnownTrait> {
    KNOWN_TRAITS
        .binary_search_by(|known| known.id.cmp(id))
        .ok()
        .map(|index| &KNOWN_TRAITS[index])
}

/// The table as Markdown, one row a trait, as the README shows it.
pub fn markdown_table() -> String {
    let mut table = String::from("| trait | treatment | how, or why |\n|---|---|---|\n");
    for known in KNOWN_TRAITS {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            known.id,
            known.treatment.label(),
            known.what
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_by_id_without_repeats_so_lookups_find_every_trait() {
        for pair in KNOWN_TRAITS.windows(2) {
            assert!(
                pair[0].id < pair[1].id,
                "{} before {}",
                pair[0].id,
                pair[1].id
            );
        }
        for known in KNOWN_TRAITS {
            assert_eq!(lookup(known.id).map(|found| found.id), Some(known.id));
        }
        assert!(lookup("smithy.api#nothing").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn every_trait_of_the_prelude_is_known() {
        // The trait definitions of Smithy's prelude, as the IDL reader
        // knows them: a model may use any of them.
        let traits = crate::idl::prelude::NAMES
            .iter()
            .filter(|name| name.starts_with(|c: char| c.is_ascii_lowercase()));
        for name in traits {
            let id = format!("smithy.api#{name}");
            assert!(lookup(&id).is_some(), "{id} is not in the table");
        }
    }
}
