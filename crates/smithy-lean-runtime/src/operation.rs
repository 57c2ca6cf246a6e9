//! What an operation's three types tell a client: the input how its
//! request is written, the output and the error how a response is read.
//!
//! The generated type crates implement these; a client's engine calls an
//! operation through them alone, so that the client crate names each
//! operation's types and nothing more.

use crate::builders::Structure;
use crate::endpoint::ContextValue;
use crate::request::RequestError;
use crate::validation::Validate;
use crate::{ResponseError, ServiceError};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use std::borrow::Cow;

/// How a client authenticates an operation's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationAuth {
    /// As the service does: signed where the service signs.
    Service,
    /// Never: the operation's `@auth` names no scheme, so its requests
    /// go unsigned, and need no credentials.
    Anonymous,
    /// Signed where the client has a credentials provider, else sent
    /// unsigned (`@optionalAuth`).
    Optional,
}

/// An operation's input: the facts of its `@http` and `@endpoint` traits,
/// and its request. Fluent builders and paginators fill its builder; the
/// model's constraints on it are its [`Validate`].
///
/// An input whose payload is a stream (`@streaming`) is neither `Clone`
/// nor its builder: the stream can be read once.
pub trait OperationInput:
    Structure<Builder: Send + Sync + 'static> + Validate + Send + Sync + 'static
{
    /// The operation's name in the model: spans and error messages show it.
    const OPERATION_NAME: &'static str;
    /// The HTTP method of the request.
    const HTTP_METHOD: &'static str;
    /// The request path as the model writes it, labels written `{Name}`,
    /// without the URI's literal query.
    const HTTP_PATH: &'static str;
    /// The modelled status of a successful response.
    const HTTP_SUCCESS_STATUS: u16;
    /// The label the `endpoint` trait puts in front of the endpoint's host,
    /// if any and if it has no `@hostLabel` members, which
    /// [`host_prefix`](Self::host_prefix) fills in.
    const HOST_PREFIX: Option<&'static str>;
    /// The host prefix of this input's request: [`HOST_PREFIX`](Self::HOST_PREFIX),
    /// or the `endpoint` trait's prefix with this input's `@hostLabel`
    /// members in it; an error names a member whose value is no host label.
    fn host_prefix(&self) -> Result<Option<Cow<'static, str>>, RequestError> {
        Ok(Self::HOST_PREFIX.map(Cow::Borrowed))
    }

    /// `@httpChecksumRequired`: the request carries its body's checksum.
    const CHECKSUM_REQUIRED: bool = false;
    /// `aws.auth#unsignedPayload`: SigV4 signs the request without its
    /// body, as `UNSIGNED-PAYLOAD`.
    const UNSIGNED_PAYLOAD: bool = false;
    /// How the operation's requests are authenticated: as the service's,
    /// unless its own `@auth` or `@optionalAuth` says otherwise.
    const AUTH: OperationAuth = OperationAuth::Service;
    /// `@requestCompression`: the encodings the service accepts a request
    /// body in, in the model's order of preference; none when it has no
    /// such trait.
    const REQUEST_COMPRESSION: &'static [&'static str] = &[];
    /// The request carries its body's SHA-256 and SHA-256 tree hash
    /// (`x-amz-content-sha256`, `x-amz-sha256-tree-hash`): a service
    /// customization, for Glacier's uploads.
    const SHA256_TREE_HASH: bool = false;

    /// The request for this input, as a path and query that the client puts
    /// under the endpoint it resolves; an error names the member that
    /// cannot be sent (an empty label, a header with a control character).
    ///
    /// The body is in memory ([`SdkBody::bytes`] has it) unless the input's
    /// payload is a stream, which the request takes over.
    fn into_http_request(self) -> Result<http::Request<SdkBody>, RequestError>;

    /// Fills the `@idempotencyToken` member with `make()` when it is unset,
    /// and returns the token the call will send; `None` when the operation
    /// has no such member.
    fn fill_idempotency_token(&mut self, make: &mut dyn FnMut() -> String) -> Option<String> {
        let _ = make;
        None
    }

    /// The endpoint-rule parameters this call sets, by their rule-set
    /// names, each once: the operation's `@staticContextParams`, and the
    /// input's `@contextParam` members that are set (of other parameters:
    /// a static value takes precedence). Empty for an operation with
    /// neither, whose endpoint is the client's; otherwise the client
    /// resolves the endpoint for each call, and these take precedence over
    /// the values from configuration.
    fn endpoint_context(&self) -> Vec<(&'static str, ContextValue)> {
        Vec::new()
    }
}

/// An operation's output, read from a successful response.
pub trait OperationOutput: Sized + Send + 'static {
    /// Whether the output's payload is a stream (`@streaming`): a client
    /// then hands it the body of a successful response as it arrives,
    /// through [`from_streaming_response`](Self::from_streaming_response),
    /// rather than reading it whole first.
    const STREAMING: bool = false;

    /// Whether the streaming payload is an event stream, whose events may
    /// come far apart: a client then lets its body wait, rather than take
    /// a pause between events for a stalled stream.
    const EVENT_STREAM: bool = false;

    /// Reads the output from a successful response: its status, headers and body.
    fn from_response(
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, ResponseError>;

    /// Reads the output from a successful response whose body is still
    /// arriving, which becomes the output's stream; only an output that is
    /// [`STREAMING`](Self::STREAMING) takes it. Any other reads the body
    /// whole, which a caller of this method has not done: it refuses.
    fn from_streaming_response(
        status: u16,
        headers: &http::HeaderMap,
        body: ByteStream,
    ) -> Result<Self, ResponseError> {
        let _ = (status, headers, body);
        Err(ResponseError::Payload {
            member: "(none)",
            why: "this output has no streaming payload: read the body whole".to_owned(),
        })
    }
}

/// An operation's error enum, resolved from an error response.
pub trait OperationError: ServiceError + Sized {
    /// Resolves an error response (any status that is not a success); never
    /// fails, since an error it does not know is still an error.
    fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self;

    /// The error's unhandled kind, holding a failure that was not the
    /// service's (a refused connection, a timeout), as the AWS SDK for
    /// Rust's `into_service_error()` gives one.
    fn unhandled(failure: Box<dyn std::error::Error + Send + Sync>) -> Self;
}

/// Makes a generated structure an operation's output: read from a whole
/// response (the body with its `from_json`, the request id from the
/// headers into its `_request_id` field), and the SDK's `RequestId`; its
/// builder gets the request id's setters, for test doubles.
///
/// `(Output, Builder)` is for an output without bound members;
/// `(Output, Builder, bindings)` for one with a `ResponseBindings` of its
/// own; `(Output, Builder, stream = member)` for one whose `member` is a
/// streaming payload, which takes the body as it arrives, and
/// `(Output, Builder, event_stream = member)` for one whose `member` is an
/// event stream's receiver, made from the body.
#[macro_export]
macro_rules! operation_output {
    ($output:ident, $builder:ident) => {
        impl $crate::response::ResponseBindings for $output {}

        $crate::operation_output!($output, $builder, bindings);
    };
    ($output:ident, $builder:ident, bindings) => {
        $crate::__output_common!($output, $builder);

        impl $output {
            /// Reads this output from a successful response: the body as
            /// [`from_json`](Self::from_json) does, the members bound to the
            /// status and headers, and the request id from `x-amzn-requestid`
            /// (or `x-amz-request-id`); an implausible one (not visible ASCII,
            /// or over 256 bytes) is left out.
            pub fn from_response(
                status: u16,
                headers: &$crate::http::HeaderMap,
                body: &[u8],
            ) -> Result<Self, $crate::ResponseError> {
                let mut builder = <$builder as ::std::default::Default>::default();
                $crate::response::read_body::<Self>(&mut builder, body, stringify!($output))?;
                <Self as $crate::response::ResponseBindings>::read_bindings(
                    &mut builder,
                    status,
                    headers,
                )?;
                builder._request_id = $crate::error_response::request_id(headers);
                Ok($crate::builders::StructureBuilder::build_structure(
                    builder,
                )?)
            }
        }

        impl $crate::operation::OperationOutput for $output {
            fn from_response(
                status: u16,
                headers: &$crate::http::HeaderMap,
                body: &[u8],
            ) -> Result<Self, $crate::ResponseError> {
                $output::from_response(status, headers, body)
            }
        }
    };
    ($output:ident, $builder:ident, event_stream = $member:ident) => {
        $crate::operation_output!(@stream $output, $builder, $member, true);
    };
    ($output:ident, $builder:ident, stream = $member:ident) => {
        $crate::operation_output!(@stream $output, $builder, $member, false);
    };
    (@stream $output:ident, $builder:ident, $member:ident, $events:literal) => {
        $crate::__output_common!($output, $builder);

        impl $output {
            #[doc = concat!(
                "Reads this output from a successful response whose body, still arriving, is `",
                stringify!($member),
                "`: the members bound to the status and headers, and the request id from \
                 `x-amzn-requestid` (or `x-amz-request-id`); an implausible one (not visible \
                 ASCII, or over 256 bytes) is left out."
            )]
            pub fn from_streaming_response(
                status: u16,
                headers: &$crate::http::HeaderMap,
                body: $crate::ByteStream,
            ) -> Result<Self, $crate::ResponseError> {
                let mut builder = <$builder as ::std::default::Default>::default();
                // The stream as the member holds it: the bytes, or the
                // events they frame.
                builder.$member = Some(::std::convert::From::from(body));
                <Self as $crate::response::ResponseBindings>::read_bindings(
                    &mut builder,
                    status,
                    headers,
                )?;
                builder._request_id = $crate::error_response::request_id(headers);
                Ok($crate::builders::StructureBuilder::build_structure(
                    builder,
                )?)
            }
        }

        impl $crate::operation::OperationOutput for $output {
            const STREAMING: bool = true;
            const EVENT_STREAM: bool = $events;

            /// A body read whole already becomes a stream of its bytes.
            fn from_response(
                status: u16,
                headers: &$crate::http::HeaderMap,
                body: &[u8],
            ) -> Result<Self, $crate::ResponseError> {
                $output::from_streaming_response(status, headers, $crate::ByteStream::from(body.to_vec()))
            }

            fn from_streaming_response(
                status: u16,
                headers: &$crate::http::HeaderMap,
                body: $crate::ByteStream,
            ) -> Result<Self, $crate::ResponseError> {
                $output::from_streaming_response(status, headers, body)
            }
        }
    };
}

/// What every output has, however its body is read: the request id's
/// setters on its builder, and the SDK's `RequestId`.
#[doc(hidden)]
#[macro_export]
macro_rules! __output_common {
    ($output:ident, $builder:ident) => {
        impl $builder {
            /// Sets the request id of the response this output was read from.
            pub fn _request_id(mut self, request_id: impl Into<String>) -> Self {
                self._request_id = Some(request_id.into());
                self
            }

            /// Sets or clears the request id of the response.
            pub fn _set_request_id(mut self, request_id: Option<String>) -> Self {
                self._request_id = request_id;
                self
            }
        }

        /// The request id, where code written for the AWS SDK for Rust looks for it.
        impl $crate::aws_types::request_id::RequestId for $output {
            fn request_id(&self) -> Option<&str> {
                self._request_id.as_deref()
            }
        }
    };
}
