// The model this repository generates its crates from: CreateAppInstance of the
// legacy Amazon Chime service and every shape it reaches, documented in our own
// words. `cargo xtask codegen` reads it and writes model/chime.json, its JSON AST,
// beside it for the tools and tests that read that form.
//
// Layout: the service, the operation with its input and output, the shapes those
// members target, the errors, and last the endpoint rules, applied to the service
// from the end of the file because they are long and only machines read them.

$version: "2.0"

// The official model suppresses these validation events; they stay so that a
// Smithy build validates this model as it validates the official one.
metadata suppressions = [
    { id: "HttpMethodSemantics", namespace: "*" }
    { id: "HttpResponseCodeSemantics", namespace: "*" }
    { id: "PaginatedTrait", namespace: "*" }
    { id: "HttpHeaderTrait", namespace: "*" }
    { id: "HttpUriConflict", namespace: "*" }
    { id: "Service", namespace: "*" }
]

namespace com.amazonaws.chime

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1
use smithy.rules#endpointRuleSet
use smithy.rules#endpointTests

// ---------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------

/// The legacy Amazon Chime API (namespace `chime`). This model keeps only the operation that
/// creates an Amazon Chime SDK app instance. The operation now belongs to the Chime SDK Identity
/// API, which accepts the same request at its regional endpoints; this namespace is frozen.
@service(
    sdkId: "Chime"
    arnNamespace: "chime"
    cloudFormationName: "Chime"
    cloudTrailEventSource: "chime.amazonaws.com"
    endpointPrefix: "chime"
)
@sigv4(name: "chime")
@restJson1
@deprecated(message: "This namespace has been deprecated")
@title("Amazon Chime")
service UCBuzzConsoleService {
    version: "2018-05-01"
    operations: [CreateAppInstance]
}

// ---------------------------------------------------------------------------
// CreateAppInstance: POST /app-instances on the identity- host
// ---------------------------------------------------------------------------

/// Creates an `AppInstance`, the container that holds Amazon Chime SDK messaging users, channels
/// and settings, in the caller's account.
///
/// The call is idempotent: repeating it with the same `ClientRequestToken` and the same
/// parameters returns the app instance that the first call created.
@deprecated(message: "Replaced by CreateAppInstance in the Amazon Chime SDK Identity Namespace")
@endpoint(hostPrefix: "identity-")
@http(method: "POST", uri: "/app-instances", code: 201)
operation CreateAppInstance {
    input: CreateAppInstanceRequest
    output: CreateAppInstanceResponse
    errors: [
        BadRequestException
        ConflictException
        ForbiddenException
        ResourceLimitExceededException
        ServiceFailureException
        ServiceUnavailableException
        ThrottledClientException
        UnauthorizedClientException
    ]
}

@input
structure CreateAppInstanceRequest {
    /// A name for the new `AppInstance`.
    @required
    Name: NonEmptyResourceName

    /// Free-form metadata to store with the `AppInstance`, up to 1,024 characters.
    Metadata: Metadata

    /// A unique string that makes the request idempotent. When the caller leaves it out, the
    /// client generates one.
    @idempotencyToken
    @required
    ClientRequestToken: ClientRequestToken

    /// Key-value pairs to attach to the new `AppInstance`.
    Tags: TagList
}

@output
structure CreateAppInstanceResponse {
    /// The Amazon Resource Name (ARN) of the `AppInstance` that was created.
    AppInstanceArn: ChimeArn
}

// ---------------------------------------------------------------------------
// Shapes the members target
// ---------------------------------------------------------------------------

// Text of the characters XML 1.0 allows, less DEL and the C1 controls other
// than U+0085 (next line).
@length(min: 1, max: 256)
@pattern("^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]*$")
@sensitive
string NonEmptyResourceName

@length(min: 0, max: 1024)
@pattern(".*")
@sensitive
string Metadata

// Callers pick their own tokens; the client's generated ones fit these rules.
@length(min: 2, max: 64)
@pattern("^[-_a-zA-Z0-9]*$")
@sensitive
string ClientRequestToken

@length(min: 1, max: 50)
list TagList {
    member: Tag
}

/// A key-value pair attached to a resource.
structure Tag {
    /// The name of the tag.
    @required
    Key: TagKey

    /// The value stored under the tag's key.
    @required
    Value: TagValue
}

@length(min: 1, max: 128)
@sensitive
string TagKey

@length(min: 1, max: 256)
@sensitive
string TagValue

// An ARN in any partition: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
@length(min: 5, max: 1600)
@pattern("^arn:[a-z0-9-\\.]{1,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[^/].{0,1023}$")
string ChimeArn

// The model names its own String rather than smithy.api#String, as the
// official model does; both are plain strings.
string String

// ---------------------------------------------------------------------------
// Errors: every one carries a Code and a Message
// ---------------------------------------------------------------------------

/// The request is malformed or breaks one of the service's constraints.
@error("client")
@httpError(400)
structure BadRequestException {
    Code: ErrorCode
    Message: String
}

/// The request conflicts with the current state of a resource, for example an idempotency token
/// reused with different parameters.
@error("client")
@httpError(409)
structure ConflictException {
    Code: ErrorCode
    Message: String
}

/// The caller is authenticated but may not perform this action.
@error("client")
@httpError(403)
structure ForbiddenException {
    Code: ErrorCode
    Message: String
}

/// The request would exceed a quota of the account.
@error("client")
@httpError(400)
structure ResourceLimitExceededException {
    Code: ErrorCode
    Message: String
}

/// The service failed while handling the request.
@error("server")
@httpError(500)
structure ServiceFailureException {
    Code: ErrorCode
    Message: String
}

/// The service is temporarily unable to handle the request.
@error("server")
@httpError(503)
structure ServiceUnavailableException {
    Code: ErrorCode
    Message: String
}

/// The caller sent requests faster than its allowed rate.
@error("client")
@httpError(429)
structure ThrottledClientException {
    Code: ErrorCode
    Message: String
}

/// The caller could not be authenticated.
@error("client")
@httpError(401)
structure UnauthorizedClientException {
    Code: ErrorCode
    Message: String
}

// The codes the service puts in an error's Code member. A code that is not
// listed here still reads, as an unknown value.
enum ErrorCode {
    BadRequest
    Conflict
    Forbidden
    NotFound
    PreconditionFailed
    ResourceLimitExceeded
    ServiceFailure
    AccessDenied
    ServiceUnavailable
    Throttled
    Throttling
    Unauthorized
    Unprocessable
    VoiceConnectorGroupAssociationsExist
    PhoneNumberAssociationsExist
}

// ---------------------------------------------------------------------------
// Endpoint rules: the global endpoint in the aws partition (us-east-1), regional
// endpoints elsewhere, FIPS and dual-stack variants, or a caller's own URL; the
// tests are the cases the generated resolver is checked against
// ---------------------------------------------------------------------------

apply UCBuzzConsoleService {
    @endpointRuleSet(
        version: "1.0"
        parameters: {
            Region: {
                builtIn: "AWS::Region"
                required: false
                documentation: "The region the request is sent to."
                type: "String"
            }
            UseDualStack: {
                builtIn: "AWS::UseDualStack"
                required: true
                default: false
                documentation: "Send the request to an endpoint that accepts both IPv4 and IPv6. Resolution fails where no such endpoint exists."
                type: "Boolean"
            }
            UseFIPS: {
                builtIn: "AWS::UseFIPS"
                required: true
                default: false
                documentation: "Send the request to an endpoint that uses FIPS 140 validated cryptography. Resolution fails where no such endpoint exists."
                type: "Boolean"
            }
            Endpoint: {
                builtIn: "SDK::Endpoint"
                required: false
                documentation: "A caller-supplied endpoint URL that replaces the resolved one."
                type: "String"
            }
        }
        rules: [
            {
                conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }]
                rules: [
                    {
                        conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }]
                        error: "Invalid Configuration: FIPS and custom endpoint are not supported"
                        type: "error"
                    }
                    {
                        conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseDualStack" }, true] }]
                        error: "Invalid Configuration: Dualstack and custom endpoint are not supported"
                        type: "error"
                    }
                    {
                        conditions: []
                        endpoint: { url: { ref: "Endpoint" }, properties: {}, headers: {} }
                        type: "endpoint"
                    }
                ]
                type: "tree"
            }
            {
                conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }]
                rules: [
                    {
                        conditions: [{ fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" }]
                        rules: [
                            {
                                conditions: [
                                    {
                                        fn: "stringEquals"
                                        argv: [
                                            {
                                                fn: "getAttr"
                                                argv: [{ ref: "PartitionResult" }, "name"]
                                            }
                                            "aws"
                                        ]
                                    }
                                    { fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, false] }
                                    { fn: "booleanEquals", argv: [{ ref: "UseDualStack" }, false] }
                                ]
                                endpoint: {
                                    url: "https://chime.us-east-1.amazonaws.com"
                                    properties: {
                                        authSchemes: [
                                            {
                                                name: "sigv4"
                                                signingName: "chime"
                                                signingRegion: "us-east-1"
                                            }
                                        ]
                                    }
                                    headers: {}
                                }
                                type: "endpoint"
                            }
                            {
                                conditions: [
                                    { fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }
                                    { fn: "booleanEquals", argv: [{ ref: "UseDualStack" }, true] }
                                ]
                                rules: [
                                    {
                                        conditions: [
                                            {
                                                fn: "booleanEquals"
                                                argv: [
                                                    true
                                                    {
                                                        fn: "getAttr"
                                                        argv: [{ ref: "PartitionResult" }, "supportsFIPS"]
                                                    }
                                                ]
                                            }
                                            {
                                                fn: "booleanEquals"
                                                argv: [
                                                    true
                                                    {
                                                        fn: "getAttr"
                                                        argv: [
                                                            { ref: "PartitionResult" }
                                                            "supportsDualStack"
                                                        ]
                                                    }
                                                ]
                                            }
                                        ]
                                        rules: [
                                            {
                                                conditions: []
                                                endpoint: {
                                                    url: "https://chime-fips.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                    properties: {}
                                                    headers: {}
                                                }
                                                type: "endpoint"
                                            }
                                        ]
                                        type: "tree"
                                    }
                                    {
                                        conditions: []
                                        error: "FIPS and DualStack are enabled, but this partition does not support one or both"
                                        type: "error"
                                    }
                                ]
                                type: "tree"
                            }
                            {
                                conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }]
                                rules: [
                                    {
                                        conditions: [
                                            {
                                                fn: "booleanEquals"
                                                argv: [
                                                    {
                                                        fn: "getAttr"
                                                        argv: [{ ref: "PartitionResult" }, "supportsFIPS"]
                                                    }
                                                    true
                                                ]
                                            }
                                        ]
                                        rules: [
                                            {
                                                conditions: []
                                                endpoint: {
                                                    url: "https://chime-fips.{Region}.{PartitionResult#dnsSuffix}"
                                                    properties: {}
                                                    headers: {}
                                                }
                                                type: "endpoint"
                                            }
                                        ]
                                        type: "tree"
                                    }
                                    {
                                        conditions: []
                                        error: "FIPS is enabled but this partition does not support FIPS"
                                        type: "error"
                                    }
                                ]
                                type: "tree"
                            }
                            {
                                conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseDualStack" }, true] }]
                                rules: [
                                    {
                                        conditions: [
                                            {
                                                fn: "booleanEquals"
                                                argv: [
                                                    true
                                                    {
                                                        fn: "getAttr"
                                                        argv: [
                                                            { ref: "PartitionResult" }
                                                            "supportsDualStack"
                                                        ]
                                                    }
                                                ]
                                            }
                                        ]
                                        rules: [
                                            {
                                                conditions: []
                                                endpoint: {
                                                    url: "https://chime.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                    properties: {}
                                                    headers: {}
                                                }
                                                type: "endpoint"
                                            }
                                        ]
                                        type: "tree"
                                    }
                                    {
                                        conditions: []
                                        error: "DualStack is enabled but this partition does not support DualStack"
                                        type: "error"
                                    }
                                ]
                                type: "tree"
                            }
                            {
                                conditions: []
                                endpoint: {
                                    url: "https://chime.{Region}.{PartitionResult#dnsSuffix}"
                                    properties: {}
                                    headers: {}
                                }
                                type: "endpoint"
                            }
                        ]
                        type: "tree"
                    }
                ]
                type: "tree"
            }
            { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" }
        ]
    )
    @endpointTests(
        testCases: [
            {
                documentation: "aws-global: FIPS off and dual-stack off"
                expect: {
                    endpoint: {
                        properties: {
                            authSchemes: [{ name: "sigv4", signingName: "chime", signingRegion: "us-east-1" }]
                        }
                        url: "https://chime.us-east-1.amazonaws.com"
                    }
                }
                params: { Region: "aws-global", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "us-east-1: FIPS on and dual-stack on"
                expect: { endpoint: { url: "https://chime-fips.us-east-1.api.aws" } }
                params: { Region: "us-east-1", UseFIPS: true, UseDualStack: true }
            }
            {
                documentation: "us-east-1: FIPS on and dual-stack off"
                expect: { endpoint: { url: "https://chime-fips.us-east-1.amazonaws.com" } }
                params: { Region: "us-east-1", UseFIPS: true, UseDualStack: false }
            }
            {
                documentation: "us-east-1: FIPS off and dual-stack on"
                expect: { endpoint: { url: "https://chime.us-east-1.api.aws" } }
                params: { Region: "us-east-1", UseFIPS: false, UseDualStack: true }
            }
            {
                documentation: "us-east-1: FIPS off and dual-stack off"
                expect: {
                    endpoint: {
                        properties: {
                            authSchemes: [{ name: "sigv4", signingName: "chime", signingRegion: "us-east-1" }]
                        }
                        url: "https://chime.us-east-1.amazonaws.com"
                    }
                }
                params: { Region: "us-east-1", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "cn-north-1: FIPS on and dual-stack on"
                expect: { endpoint: { url: "https://chime-fips.cn-north-1.api.amazonwebservices.com.cn" } }
                params: { Region: "cn-north-1", UseFIPS: true, UseDualStack: true }
            }
            {
                documentation: "cn-north-1: FIPS on and dual-stack off"
                expect: { endpoint: { url: "https://chime-fips.cn-north-1.amazonaws.com.cn" } }
                params: { Region: "cn-north-1", UseFIPS: true, UseDualStack: false }
            }
            {
                documentation: "cn-north-1: FIPS off and dual-stack on"
                expect: { endpoint: { url: "https://chime.cn-north-1.api.amazonwebservices.com.cn" } }
                params: { Region: "cn-north-1", UseFIPS: false, UseDualStack: true }
            }
            {
                documentation: "cn-north-1: FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://chime.cn-north-1.amazonaws.com.cn" } }
                params: { Region: "cn-north-1", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "us-gov-east-1: FIPS on and dual-stack on"
                expect: { endpoint: { url: "https://chime-fips.us-gov-east-1.api.aws" } }
                params: { Region: "us-gov-east-1", UseFIPS: true, UseDualStack: true }
            }
            {
                documentation: "us-gov-east-1: FIPS on and dual-stack off"
                expect: { endpoint: { url: "https://chime-fips.us-gov-east-1.amazonaws.com" } }
                params: { Region: "us-gov-east-1", UseFIPS: true, UseDualStack: false }
            }
            {
                documentation: "us-gov-east-1: FIPS off and dual-stack on"
                expect: { endpoint: { url: "https://chime.us-gov-east-1.api.aws" } }
                params: { Region: "us-gov-east-1", UseFIPS: false, UseDualStack: true }
            }
            {
                documentation: "us-gov-east-1: FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://chime.us-gov-east-1.amazonaws.com" } }
                params: { Region: "us-gov-east-1", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "us-iso-east-1: FIPS on and dual-stack on"
                expect: {
                    error: "FIPS and DualStack are enabled, but this partition does not support one or both"
                }
                params: { Region: "us-iso-east-1", UseFIPS: true, UseDualStack: true }
            }
            {
                documentation: "us-iso-east-1: FIPS on and dual-stack off"
                expect: { endpoint: { url: "https://chime-fips.us-iso-east-1.c2s.ic.gov" } }
                params: { Region: "us-iso-east-1", UseFIPS: true, UseDualStack: false }
            }
            {
                documentation: "us-iso-east-1: FIPS off and dual-stack on"
                expect: { error: "DualStack is enabled but this partition does not support DualStack" }
                params: { Region: "us-iso-east-1", UseFIPS: false, UseDualStack: true }
            }
            {
                documentation: "us-iso-east-1: FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://chime.us-iso-east-1.c2s.ic.gov" } }
                params: { Region: "us-iso-east-1", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "us-isob-east-1: FIPS on and dual-stack on"
                expect: {
                    error: "FIPS and DualStack are enabled, but this partition does not support one or both"
                }
                params: { Region: "us-isob-east-1", UseFIPS: true, UseDualStack: true }
            }
            {
                documentation: "us-isob-east-1: FIPS on and dual-stack off"
                expect: { endpoint: { url: "https://chime-fips.us-isob-east-1.sc2s.sgov.gov" } }
                params: { Region: "us-isob-east-1", UseFIPS: true, UseDualStack: false }
            }
            {
                documentation: "us-isob-east-1: FIPS off and dual-stack on"
                expect: { error: "DualStack is enabled but this partition does not support DualStack" }
                params: { Region: "us-isob-east-1", UseFIPS: false, UseDualStack: true }
            }
            {
                documentation: "us-isob-east-1: FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://chime.us-isob-east-1.sc2s.sgov.gov" } }
                params: { Region: "us-isob-east-1", UseFIPS: false, UseDualStack: false }
            }
            {
                documentation: "custom endpoint URL, region given, FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://example.com" } }
                params: {
                    Region: "us-east-1"
                    UseFIPS: false
                    UseDualStack: false
                    Endpoint: "https://example.com"
                }
            }
            {
                documentation: "custom endpoint URL, no region, FIPS off and dual-stack off"
                expect: { endpoint: { url: "https://example.com" } }
                params: { UseFIPS: false, UseDualStack: false, Endpoint: "https://example.com" }
            }
            {
                documentation: "custom endpoint URL with FIPS on: rejected"
                expect: { error: "Invalid Configuration: FIPS and custom endpoint are not supported" }
                params: {
                    Region: "us-east-1"
                    UseFIPS: true
                    UseDualStack: false
                    Endpoint: "https://example.com"
                }
            }
            {
                documentation: "custom endpoint URL with dual-stack on: rejected"
                expect: { error: "Invalid Configuration: Dualstack and custom endpoint are not supported" }
                params: {
                    Region: "us-east-1"
                    UseFIPS: false
                    UseDualStack: true
                    Endpoint: "https://example.com"
                }
            }
            {
                documentation: "no region and no endpoint URL: rejected"
                expect: { error: "Invalid Configuration: Missing Region" }
            }
        ]
        version: "1.0"
    )
}
