//! The owned, validated form of the model that emitters read.
//!
//! Every trait that changes generated behaviour is a typed field here, and
//! every Rust name is already decided, so emitters make no naming or
//! interpretation decisions of their own.

/// The service and the operations selected from it.
#[derive(Debug, Clone)]
pub struct Service {
    /// Absolute shape id, e.g. `com.amazonaws.chime#UCBuzzConsoleService`.
    pub id: String,
    /// `aws.api#service` `sdkId`, e.g. `Chime`.
    pub sdk_id: String,
    /// The names of the four generated crates.
    pub crates: CrateNames,
    /// The service version, e.g. `2018-05-01`.
    pub version: String,
    /// The protocol its requests and responses follow.
    pub protocol: Protocol,
    /// How its requests are authenticated: the first scheme of the
    /// model's that generated clients support.
    pub auth: ServiceAuth,
    /// The `aws.api#service` `endpointPrefix`.
    pub endpoint_prefix: String,
    /// The `smithy.rules#endpointRuleSet`, checked and typed.
    pub endpoint_rules: Option<EndpointRules>,
    /// Partition data, where the rules call `aws.partition` and it was given.
    pub partitions: Option<PartitionData>,
    /// The partition data the endpoint tests were written against, where
    /// it was given apart from `partitions` (see
    /// [`crate::Options::test_partitions`]).
    pub test_partitions: Option<PartitionData>,
    /// The `smithy.api#title`: the service's name in words, e.g. `Amazon Chime`.
    pub title: Option<String>,
    /// Documentation lines, already converted to Markdown.
    pub docs: Docs,
    /// The `deprecated` trait's message, if the service is deprecated.
    pub deprecated: Option<Deprecation>,
    /// Selected operations, in the order the service lists them.
    pub operations: Vec<Operation>,
    /// Types of the input crate.
    pub input: Types,
    /// Types of the output crate.
    pub output: Types,
    /// Types of the error crate (error structures and what they reach).
    pub errors: Types,
    /// What generation went on without: unknown traits, and known ones
    /// whose additions are not generated yet, one message a trait.
    pub warnings: Vec<String>,
}

/// The package names of the generated crates: the client crate's (the
/// `sdkId` in kebab case, or the prefix given), which the type crates' extend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateNames {
    /// The client, e.g. `chime`.
    pub client: String,
    /// The input crate, e.g. `chime-lean-input`.
    pub input: String,
    /// The output crate, e.g. `chime-lean-output`.
    pub output: String,
    /// The error crate, e.g. `chime-lean-error`.
    pub errors: String,
}

impl CrateNames {
    /// The names for a client crate named `client`.
    pub fn new(client: &str) -> Self {
        CrateNames {
            client: client.to_owned(),
            input: format!("{client}-input"),
            output: format!("{client}-output"),
            errors: format!("{client}-error"),
        }
    }

    /// How Rust code names the crate of a package: `chime-lean-input` -> `chime_lean_input`.
    pub fn rust_name(package: &str) -> String {
        package.replace('-', "_")
    }
}

/// How a service's requests are authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceAuth {
    /// `aws.auth#sigv4`, with its signing name.
    SigV4 {
        /// The signing name, e.g. `chime`.
        signing_name: String,
    },
    /// `smithy.api#httpBearerAuth`: a token from the client's token provider.
    Bearer,
    /// No scheme: requests are anonymous.
    Anonymous,
}

impl Service {
    /// The SigV4 signing name, for a service that signs.
    pub fn signing_name(&self) -> Option<&str> {
        match &self.auth {
            ServiceAuth::SigV4 { signing_name } => Some(signing_name),
            ServiceAuth::Bearer | ServiceAuth::Anonymous => None,
        }
    }
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Absolute shape id, e.g. `com.amazonaws.chime#CreateAppInstance`.
    pub id: String,
    /// The Smithy name, e.g. `CreateAppInstance`.
    pub name: String,
    /// Its module in the client crate, and the client method that starts a
    /// call of it, e.g. `create_app_instance`.
    pub module: String,
    /// The client crate's type that names the operation, e.g. `CreateAppInstance`.
    pub marker: String,
    /// The client crate's fluent builder, e.g. `CreateAppInstanceFluentBuilder`.
    pub fluent_builder: String,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// The `http` trait.
    pub http: Http,
    /// The `endpoint` trait's host prefix (without labels).
    pub host_prefix: Option<String>,
    /// The `endpoint` trait's host prefix when it has `@hostLabel` members
    /// (and [`host_prefix`](Self::host_prefix) is then `None`).
    pub host_labels: Option<Vec<HostPart>>,
    /// `@httpChecksumRequired`: requests carry their body's MD5.
    pub checksum_required: bool,
    /// `aws.auth#unsignedPayload`: SigV4 signs the request without its body.
    pub unsigned_payload: bool,
    /// How its requests are authenticated: as the service's, or not at
    /// all (`@auth([])`), or where the client has credentials
    /// (`@optionalAuth`).
    pub auth: OperationAuth,
    /// Headers every request carries, a service customization: `(name in
    /// lower case, value)`.
    pub request_headers: Vec<(String, String)>,
    /// Requests carry their body's SHA-256 and SHA-256 tree hash, a
    /// service customization (Glacier's uploads).
    pub tree_hash: bool,
    /// `@requestCompression`'s encodings, in the model's order; empty
    /// without the trait.
    pub request_compression: Vec<String>,
    /// Rust name of the input structure (in the input crate).
    pub input: String,
    /// Rust name of the output structure (in the output crate).
    pub output: String,
    /// Rust names of the error structures (in the error crate), in model order.
    pub errors: Vec<String>,
    /// Rust name of the operation's error enum, e.g. `CreateAppInstanceError`.
    pub error_enum: String,
    /// The error crate's module of the enum, e.g. `create_app_instance_error`.
    pub error_module: String,
    /// The `paginated` trait, merged with the service's, resolved to members.
    pub pagination: Option<Pagination>,
    /// `smithy.waiters#waitable`: the waiters polling this operation.
    pub waiters: Vec<Waiter>,
    /// The endpoint-rule parameters each call sets, each once:
    /// `@contextParam` members and `@staticContextParams` (which take
    /// precedence over a member of the same parameter); where there are
    /// any, each call resolves its own endpoint.
    pub endpoint_context: Vec<ContextBinding>,
}

/// A waiter: the operation polled until an acceptor decides.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// Its name in the model, e.g. `ThingExists`.
    pub name: String,
    /// The client's method, e.g. `wait_until_thing_exists`.
    pub method: String,
    /// Its fluent builder, e.g. `WaitUntilThingExistsFluentBuilder`.
    pub fluent_builder: String,
    /// Documentation.
    pub docs: Docs,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `minDelay`, in seconds.
    pub min_delay: u64,
    /// `maxDelay`, in seconds.
    pub max_delay: u64,
    /// In the model's order: the first that matches decides.
    pub acceptors: Vec<Acceptor>,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone)]
pub struct Acceptor {
    /// Where a match takes the waiter.
    pub state: AcceptorState,
    /// What it matches.
    pub matcher: Matcher,
}

/// A waiter's state after an acceptor matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// Done: the resource is in the state waited for.
    Success,
    /// Done: it never will be.
    Failure,
    /// Poll again.
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// `success: true` matches any output, `false` any error.
    Success(bool),
    /// An error of this name.
    ErrorType(String),
    /// A path expression over the output (or the input and output, for
    /// `inputOutput`, whose paths start at either), compared with
    /// `expected`.
    Path {
        /// The expression, typed.
        expression: WaiterExpr,
        /// How its value is compared.
        comparator: Comparator,
        /// The expected value, as the model writes it.
        expected: String,
    },
}

/// A `PathMatcher`'s comparator.
// The variants are the specification's names, which all end in `Equals`.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// `stringEquals`.
    StringEquals,
    /// `booleanEquals`.
    BooleanEquals,
    /// `allStringEquals`.
    AllStringEquals,
    /// `anyStringEquals`.
    AnyStringEquals,
}

/// A JMESPath expression of an acceptor, resolved against the input and
/// output types.
#[derive(Debug, Clone, PartialEq)]
pub enum WaiterExpr {
    /// A literal: `'text'`, or a JSON literal that is a scalar.
    Literal(WaiterLiteral),
    /// A path from the output (or the input).
    Path(WaiterPath),
    /// `!e`.
    Not(Box<WaiterExpr>),
    /// `a && b`.
    And(Box<WaiterExpr>, Box<WaiterExpr>),
    /// `a || b`.
    Or(Box<WaiterExpr>, Box<WaiterExpr>),
    /// `a == b`, `a != b`, `a < b`, ...
    Compare(CompareOp, Box<WaiterExpr>, Box<WaiterExpr>),
    /// `length(e)`.
    Length(Box<WaiterExpr>),
}

/// A literal of a waiter's expression.
#[derive(Debug, Clone, PartialEq)]
pub enum WaiterLiteral {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

/// A path: accessors from its root, then where it ends.
#[derive(Debug, Clone, PartialEq)]
pub struct WaiterPath {
    /// Whether it starts at the input (`inputOutput`'s `input.`), else the
    /// output, or for a projection's rest, at each item.
    pub root: PathRoot,
    /// Accessors through structures.
    pub steps: Vec<PathStep>,
    /// Where it ends.
    pub end: PathEnd,
}

/// Where a waiter's path starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRoot {
    /// The operation's input.
    Input,
    /// The operation's output.
    Output,
    /// Each item of a projection.
    Item,
}

/// What a waiter's path ends at.
#[derive(Debug, Clone, PartialEq)]
pub enum PathEnd {
    /// A value: a string, enum, boolean, number or timestamp, or a list of
    /// them.
    Value(Kind),
    /// The number of items of the list or map the steps reach: what
    /// `length()` of such a path gives, whatever the items are.
    Count,
    /// A projection (`[]` or `[*]`) over the list the steps reach: the
    /// rest of the path from each item, the `null`s left out.
    Projection {
        /// The rest of the path, from each item.
        rest: Box<WaiterPath>,
    },
}

/// An endpoint-rule parameter an operation sets on each call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextBinding {
    /// `@contextParam`: an input member's value, where it is set.
    Member {
        /// The rule set's parameter.
        parameter: String,
        /// The input member, by its name in the model.
        member: String,
    },
    /// `@staticContextParams`: a value of the model's.
    Static {
        /// The rule set's parameter.
        parameter: String,
        /// Its value.
        value: Literal,
    },
    /// `@operationContextParams`: what a JMESPath path selects from the
    /// input, where it selects anything.
    Path {
        /// The rule set's parameter.
        parameter: String,
        /// The path as the model writes it.
        expression: String,
        /// The path, resolved against the input's types once they are
        /// lowered (empty until then).
        steps: Vec<ContextStep>,
        /// What the path selects.
        selects: ContextSelection,
    },
}

/// A step of an `@operationContextParams` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextStep {
    /// A member of a structure, by its Rust field.
    Field {
        /// The field.
        name: String,
        /// Whether the field is an `Option`.
        optional: bool,
        /// Whether it holds its value boxed.
        boxed: bool,
    },
    /// Each item of a list (`[*]`): the steps after it apply to every
    /// item, and the items they select are collected.
    EachItem,
    /// The keys of a map (`keys(..)`), last.
    Keys,
}

/// What an `@operationContextParams` path selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContextSelection {
    /// Not resolved yet.
    #[default]
    Unresolved,
    /// A string.
    String,
    /// An enum, sent as its value.
    Enum,
    /// A boolean.
    Boolean,
    /// A list member of strings, or of enums (`enums`).
    List {
        /// Whether the items are enums.
        enums: bool,
    },
    /// Strings (or enums) collected by a `[*]` projection.
    Projected {
        /// Whether the items are enums.
        enums: bool,
    },
    /// A map's keys, sorted.
    Keys {
        /// Whether the keys are enums.
        enums: bool,
    },
}

impl ContextBinding {
    /// The rule set's name of the parameter it sets.
    pub fn parameter(&self) -> &str {
        match self {
            ContextBinding::Member { parameter, .. }
            | ContextBinding::Static { parameter, .. }
            | ContextBinding::Path { parameter, .. } => parameter,
        }
    }
}

/// A protocol the generator writes clients for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
}

/// A piece of a host prefix with labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPart {
    /// Text as the model writes it.
    Literal(String),
    /// An input member's value (`@hostLabel`).
    Label {
        /// The Rust field.
        field: String,
        /// The member's name in the model.
        member: String,
    },
}

/// How a `@paginated` operation's pages follow each other, in Rust names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The input member that carries the token (`inputToken`), a string.
    pub input_token: PaginationMember,
    /// The accessors from the output to its next token (`outputToken`), a string.
    pub output_token: Vec<PathStep>,
    /// The input member that bounds a page (`pageSize`), an integer.
    pub page_size: Option<(PaginationMember, Kind)>,
    /// The accessors from the output to its items (`items`), and the list
    /// or map that holds them.
    pub items: Option<(Vec<PathStep>, Value)>,
}

/// An input member a paginator sets, by its builder's methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationMember {
    /// The setter taking a value, e.g. `max_results`.
    pub setter: String,
    /// The setter taking an `Option`, e.g. `set_next_token`.
    pub set_method: String,
    /// The getter, e.g. `get_next_token`.
    pub get_method: String,
}

/// One step of a member path (`outputToken`, `items`): an accessor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The accessor, e.g. `next_token`.
    pub accessor: String,
    /// Whether it returns an `Option`.
    pub optional: bool,
}

/// How an operation's requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationAuth {
    /// As the service's: signed where it signs.
    Service,
    /// Never: the operation names no scheme.
    Anonymous,
    /// Signed where the client has credentials, else not.
    Optional,
}

/// The `http` trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// Method, e.g. `POST`.
    pub method: String,
    /// The URI pattern as the model writes it, e.g. `/phone-numbers?operation=batch-delete`.
    pub uri: String,
    /// The same pattern, parsed.
    pub template: UriTemplate,
    /// Success status code.
    pub code: u16,
}

/// A parsed `http` URI pattern: the path's segments, then the literal query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    /// The path's segments, without their `/`; empty for `/`.
    pub segments: Vec<PathSegment>,
    /// Whether the path ends with a `/` after its last segment.
    pub trailing_slash: bool,
    /// Literal query parameters, sent as they are with every request.
    pub query: Vec<LiteralQuery>,
}

impl UriTemplate {
    /// The path part of the pattern, labels written `{Name}` or `{Name+}`.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.segments {
            path.push('/');
            match segment {
                PathSegment::Literal(text) => path.push_str(text),
                PathSegment::Label { member, greedy } => {
                    path.push('{');
                    path.push_str(member);
                    if *greedy {
                        path.push('+');
                    }
                    path.push('}');
                }
            }
        }
        if path.is_empty() || self.trailing_slash {
            path.push('/');
        }
        path
    }
}

/// One segment of a URI pattern's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// A member's value (`@httpLabel`), percent-encoded.
    Label {
        /// The Smithy member name.
        member: String,
        /// `{Name+}`: the value may span segments, and its `/` are kept.
        greedy: bool,
    },
}

/// A literal query parameter of a URI pattern: `operation=batch-delete`, or a bare key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralQuery {
    /// The key, as written.
    pub key: String,
    /// The value, as written; `None` for a key without `=`.
    pub value: Option<String>,
}

/// The `deprecated` trait.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// Documentation as Markdown lines, ready for one `#[doc]` attribute each.
pub type Docs = Vec<String>;

/// The named types that one generated crate holds, sorted by Rust name.
#[derive(Debug, Clone, Default)]
pub struct Types {
    /// Structures.
    pub structures: Vec<Structure>,
    /// Open enums.
    pub enums: Vec<Enum>,
    /// Unions.
    pub unions: Vec<Union>,
}

/// A union shape: a value that is exactly one of its members.
#[derive(Debug, Clone)]
pub struct Union {
    /// Absolute shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// The module (and file) it is written to.
    pub module: String,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Its members, in declaration order; a response may also hold one the
    /// model does not know, the Rust enum's `Unknown`.
    pub variants: Vec<UnionVariant>,
    /// A `@streaming` union: an operation's payload sent or read as a
    /// series of messages, each one member (every member a structure, its
    /// fields bound as [`Binding::EventHeader`], [`Binding::EventPayload`]
    /// or in the JSON payload), not a JSON object.
    pub event_stream: bool,
}

/// One member of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The Smithy member name.
    pub member: String,
    /// The key on the JSON wire (`jsonName`, else the member name).
    pub json_name: String,
    /// The Rust variant, e.g. `StringValue`.
    pub name: String,
    /// The method that tells whether the union holds it, e.g. `is_string_value`.
    pub is_method: String,
    /// The method that borrows its value, e.g. `as_string_value`.
    pub as_method: String,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// What it holds; `None` for a member that targets `smithy.api#Unit`.
    pub value: Option<Value>,
    /// For an event stream's member, whether it targets an `@error`
    /// structure: an exception message, which ends the stream.
    pub error: bool,
}

/// A structure shape.
#[derive(Debug, Clone)]
pub struct Structure {
    /// Absolute shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// The Rust name of its builder, e.g. `TagBuilder`.
    pub builder: String,
    /// The module (and file) it is written to, e.g. `tag`.
    pub module: String,
    /// For an error structure, the predicate of the error enums it is a
    /// variant of, e.g. `is_conflict_exception`.
    pub predicate: String,
    /// The shape's own name, which is what the wire carries: an error
    /// response names its error by it, whatever Rust casing makes of it
    /// (`KMSDisabledException`, not `KmsDisabledException`).
    pub wire_name: String,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Members in declaration order.
    pub fields: Vec<Field>,
    /// Set for `@error` structures.
    pub error: Option<ErrorTraits>,
}

impl Structure {
    /// The member that is a streaming payload (`@streaming`), which only an
    /// operation's input or output has.
    pub fn stream_payload(&self) -> Option<&Field> {
        self.fields.iter().find(|field| field.is_stream())
    }
}

/// What the `error`, `httpError` and `retryable` traits say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorTraits {
    /// Whose fault the error is.
    pub fault: Fault,
    /// The HTTP status code the service answers with.
    pub http_status: Option<u16>,
    /// How a client should retry it, if at all.
    pub retry: Option<RetryKind>,
}

/// The `error` trait's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `@error("client")`.
    Client,
    /// `@error("server")`.
    Server,
}

/// Why an error is retryable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// Throttling (HTTP 429 or `@retryable(throttling: true)`).
    Throttling,
    /// A server-side fault (`@error("server")`).
    Server,
    /// `@retryable` on a client error.
    Transient,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Smithy member name.
    pub member: String,
    /// The key on the JSON wire (`jsonName`, else the member name).
    pub json_name: String,
    /// The Rust field, accessor and builder setter name (possibly raw, like `r#type`).
    pub name: String,
    /// The builder method that sets or clears it, e.g. `set_type`.
    pub set_method: String,
    /// The builder method that reads it, e.g. `get_type`.
    pub get_method: String,
    /// For the `@idempotencyToken` member, the method that fills it when unset.
    pub ensure_method: Option<String>,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// `@required`. The builder refuses to build without it, unless it is the idempotency token.
    pub required: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// Where the member travels in an HTTP message.
    pub binding: Binding,
    /// `@default`, where the generator honours it: the member is then
    /// never absent (a builder that was not given it holds the default).
    pub default: Option<DefaultValue>,
    /// An empty value is sent as the default (a service customization:
    /// Glacier's account id, `-` for the caller's own).
    pub empty_takes_default: bool,
    /// The value's type and constraints.
    pub value: Value,
}

/// Where a member travels in an HTTP request or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON body, under [`Field::json_name`].
    Body,
    /// `@httpLabel`: a segment of the path.
    Label,
    /// `@httpQuery`: a query parameter with this key.
    Query(String),
    /// `@httpHeader`: a header with this name.
    Header(String),
    /// `@httpResponseCode`: an output's member that holds the response's status.
    ResponseCode,
    /// `@httpPrefixHeaders`: a map whose entries are headers named this
    /// prefix followed by the key (every header, for an empty prefix).
    PrefixHeaders(String),
    /// `@httpQueryParams`: a map whose entries are query parameters.
    QueryParams,
    /// `@httpPayload`: the whole body (a structure's JSON, or a blob's,
    /// string's or enum's bytes); the structure has no other body members.
    Payload,
    /// `@eventHeader`: a member of an event, sent as a header of the
    /// event's message, of the member's own type.
    EventHeader,
    /// `@eventPayload`: the member of an event that is its message's whole
    /// payload (a blob's bytes, a string's text, a structure's or union's
    /// JSON); every other member of the event is a header.
    EventPayload,
}

impl Field {
    /// Whether the built structure holds this member without an `Option`.
    pub fn always_present(&self) -> bool {
        (self.required && !self.idempotency_token) || self.default.is_some()
    }

    /// Whether the member's accessor gives a slice, empty where the member
    /// is absent: an optional list of a structure read from responses
    /// (`received`), as the AWS SDK for Rust's outputs give lists.
    pub fn reads_as_slice(&self, received: bool) -> bool {
        received
            && !self.always_present()
            && matches!(self.value.kind, Kind::List(_))
            && !self.value.boxed
    }

    /// Whether the member's accessor returns an `Option`, in a structure
    /// read from responses (`received`) or not.
    pub fn accessor_is_optional(&self, received: bool) -> bool {
        !self.always_present() && !self.reads_as_slice(received)
    }

    /// Whether the member is a streaming payload (`@streaming`): a blob's
    /// bytes or an event stream.
    pub fn is_stream(&self) -> bool {
        matches!(
            self.value.kind,
            Kind::Stream { .. } | Kind::EventStream { .. }
        )
    }

    /// Whether building fails without this member: a required member
    /// that has no default and is not filled in by the client.
    pub fn needed_to_build(&self) -> bool {
        self.required && !self.idempotency_token && self.default.is_none()
    }
}

/// A member's `@default` value, for the kinds the generator honours it on.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Boolean(bool),
    /// An integer (for `byte`, `short`, `integer` and `long`), within the member's type.
    Integer(i64),
    /// A `bigInteger` or `bigDecimal`, as the model writes the number.
    BigNumber(String),
    /// A number of a `float` or `double` member.
    Float(f64),
    /// A string.
    String(String),
    /// A value of an enum, by the string it stands for.
    Enum(String),
    /// A point in time, as seconds and nanoseconds since the epoch.
    Timestamp(i64, u32),
    /// Bytes.
    Blob(Vec<u8>),
    /// An empty list (the only list default Smithy allows).
    EmptyList,
    /// An empty map (the only map default Smithy allows).
    EmptyMap,
    /// A document: any node value but `null`.
    Document(serde_json::Value),
    /// An empty stream: a `@streaming` payload's, whatever the model says.
    EmptyStream,
}

/// A value's type, with the constraints and sensitivity that apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The type.
    pub kind: Kind,
    /// `@sensitive` on the target (or on a structure that holds it).
    pub sensitive: bool,
    /// `@length`.
    pub length: Option<Length>,
    /// `@pattern`.
    pub pattern: Option<Pattern>,
    /// `@range`, on integers.
    pub range: Option<Range>,
    /// `@uniqueItems`, on lists: no item may equal another.
    pub unique_items: bool,
    /// An item of a `@sparse` list or map: it may be `null`, and is held
    /// as an `Option`.
    pub nullable: bool,
    /// A member that closes a cycle of structures and unions: held in a
    /// `Box`, since a type cannot hold itself.
    pub boxed: bool,
    /// `@mediaType`, on blobs and strings: the content type of a payload,
    /// and, for a string in a header, that it travels as base64.
    pub media_type: Option<String>,
    /// `@timestampFormat`, on timestamps; `None` takes the default of
    /// where the value travels (see [`TimestampFormat::default_for`]).
    pub timestamp_format: Option<TimestampFormat>,
}

/// The `range` trait, by the kind of number it bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Range {
    /// On `byte`, `short`, `integer` (and `intEnum`) and `long`: the
    /// whole numbers within the model's bounds, a fractional bound
    /// rounded inwards, a bound beyond `i64` none.
    Integer {
        /// Inclusive minimum.
        min: Option<i64>,
        /// Inclusive maximum.
        max: Option<i64>,
    },
    /// On floats, doubles and big numbers: the model's bounds as it
    /// writes them, compared as decimals.
    Decimal {
        /// Inclusive minimum.
        min: Option<String>,
        /// Inclusive maximum.
        max: Option<String>,
    },
}

/// How a timestamp is written: the `timestampFormat` trait's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`, in UTC: `1985-04-12T23:20:50.52Z`.
    DateTime,
    /// RFC 7231 IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch, with an optional fraction.
    EpochSeconds,
}

impl TimestampFormat {
    /// The format restJson1 uses where a value travels, unless the model says otherwise:
    /// epoch seconds in bodies, an HTTP date in headers, a `date-time` in labels and queries.
    pub fn default_for(binding: &Binding) -> Self {
        match binding {
            // An event header is a timestamp header: its format is fixed.
            Binding::Body | Binding::Payload | Binding::EventHeader | Binding::EventPayload => {
                TimestampFormat::EpochSeconds
            }
            Binding::Header(_) | Binding::PrefixHeaders(_) => TimestampFormat::HttpDate,
            Binding::Label | Binding::Query(_) | Binding::QueryParams | Binding::ResponseCode => {
                TimestampFormat::DateTime
            }
        }
    }
}

/// The type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    String,
    /// A boolean.
    Boolean,
    /// An 8-bit integer (`byte`).
    Byte,
    /// A 16-bit integer (`short`).
    Short,
    /// A 32-bit integer.
    Integer,
    /// A 64-bit integer.
    Long,
    /// A 32-bit IEEE 754 number (`float`).
    Float,
    /// A 64-bit IEEE 754 number (`double`).
    Double,
    /// A whole number of any size (`bigInteger`), kept as its digits.
    BigInteger,
    /// A decimal number of any size and precision (`bigDecimal`), kept as its digits.
    BigDecimal,
    /// An open enum, by Rust type name.
    Enum(String),
    /// A structure, by Rust type name.
    Structure(String),
    /// A union, by Rust type name.
    Union(String),
    /// A point in time.
    Timestamp,
    /// Bytes (`blob`): base64 text in JSON bodies, headers and queries.
    Blob,
    /// Any JSON value (`document`).
    Document,
    /// A `@streaming` blob: an operation's whole payload, sent and read as
    /// it goes, as a `ByteStream`. With `requires_length`
    /// (`@requiresLength`), its length must be known before it is sent.
    Stream {
        /// `@requiresLength`.
        requires_length: bool,
    },
    /// An event stream (a `@streaming` union), by the union's Rust type
    /// name: an operation's whole payload, a series of the union's members.
    /// `sent`: the input's stream, which the caller produces, rather than
    /// the output's, which the caller receives.
    EventStream {
        /// The union's Rust type name.
        union: String,
        /// Whether the client sends it.
        sent: bool,
    },
    /// A list of values.
    List(Box<Value>),
    /// A map from strings, or from the model's enums, to values.
    Map {
        /// The keys: a string or an enum, without constraints.
        key: Box<Value>,
        /// The values.
        value: Box<Value>,
    },
}

impl Kind {
    /// `byte`, `short`, `integer` or `long`.
    pub fn is_integer(&self) -> bool {
        matches!(self, Kind::Byte | Kind::Short | Kind::Integer | Kind::Long)
    }

    /// `float` or `double`.
    pub fn is_float(&self) -> bool {
        matches!(self, Kind::Float | Kind::Double)
    }

    /// A value held by copy: a boolean or a number.
    pub fn is_copy(&self) -> bool {
        *self == Kind::Boolean || self.is_integer() || self.is_float()
    }
}

/// The `length` trait. For strings it counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    /// Inclusive minimum.
    pub min: Option<u64>,
    /// Inclusive maximum.
    pub max: Option<u64>,
}

/// The `pattern` trait, as written and as translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The ECMA-262 pattern from the model.
    pub ecma: String,
    /// What `regress` compiles: `ecma`, but for Annex B forms it reads
    /// otherwise (see `crate::pattern`).
    pub source: String,
    /// Whether it is read in Unicode mode (the `u` flag), else with Annex B.
    pub unicode: bool,
}

/// An open enum shape.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Absolute shape id.
    pub id: String,
    /// Rust type name.
    pub name: String,
    /// The module (and file) it is written to.
    pub module: String,
    /// Documentation.
    pub docs: Docs,
    /// Variants in declaration order.
    pub variants: Vec<Variant>,
}

/// One enum member.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// The string on the wire.
    pub value: String,
    /// Documentation.
    pub docs: Docs,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
}

/// A service's endpoint rule set, checked and typed: every reference is
/// resolved to a parameter or a bound local and every value's type is known,
/// so the emitter only prints.
#[derive(Debug, Clone)]
pub struct EndpointRules {
    /// The parameters, in the rule set's order.
    pub parameters: Vec<EndpointParameter>,
    /// The top-level rules; the first that matches decides.
    pub rules: Vec<EndpointRule>,
    /// Whether any rule calls `aws.partition`.
    pub uses_partitions: bool,
    /// The model's own cases (`smithy.rules#endpointTests`), written as
    /// tests of the input crate; empty where the model has none or they
    /// were not asked for.
    pub tests: Vec<EndpointTestCase>,
    /// The parameters a client's configuration sets
    /// (`smithy.rules#clientContextParams`), each with its setter.
    pub client_parameters: Vec<ClientParameter>,
}

/// A rule-set parameter that a client's configuration sets.
#[derive(Debug, Clone)]
pub struct ClientParameter {
    /// The rule set's name.
    pub name: String,
    /// Its setter on the configuration's builder, e.g. `force_path_style`.
    pub method: String,
    /// Its type.
    pub kind: ParameterKind,
    /// Documentation.
    pub docs: Docs,
}

/// One case of `smithy.rules#endpointTests`: parameters, and what the
/// rules must resolve them to.
#[derive(Debug, Clone)]
pub struct EndpointTestCase {
    /// The test function's name, unique in the file.
    pub name: String,
    /// The case's `documentation`, where it has one.
    pub documentation: Option<String>,
    /// Each parameter the case sets, with its value.
    pub params: Vec<(EndpointParameter, Literal)>,
    /// The endpoint or the error the case expects.
    pub expect: EndpointExpectation,
}

/// What an endpoint test case expects of resolution.
#[derive(Debug, Clone)]
pub enum EndpointExpectation {
    /// An endpoint, to the byte.
    Endpoint {
        /// The URL.
        url: String,
        /// Each header with its values, in the case's order.
        headers: Vec<(String, Vec<String>)>,
        /// Each property (`authSchemes` among them) as the case writes it.
        properties: Vec<(String, serde_json::Value)>,
    },
    /// An error, with this message.
    Error(String),
}

/// One rule-set parameter.
#[derive(Debug, Clone)]
pub struct EndpointParameter {
    /// The rule set's name, e.g. `UseFIPS`.
    pub name: String,
    /// The Rust field, e.g. `use_fips`.
    pub field: String,
    /// String or boolean.
    pub kind: ParameterKind,
    /// The default, which makes the parameter always set.
    pub default: Option<Literal>,
    /// Whether resolution needs a value (from the caller or the default).
    pub required: bool,
    /// The built-in the SDKs fill it from, e.g. `AWS::Region`.
    pub built_in: Option<String>,
    /// Documentation.
    pub docs: Docs,
}

impl EndpointParameter {
    /// Whether the parameter always has a value, so that its field is not an `Option`.
    pub fn always_set(&self) -> bool {
        self.required || self.default.is_some()
    }
}

/// The type of a rule-set parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    /// A string.
    String,
    /// A boolean.
    Boolean,
    /// A list of strings (`stringArray`).
    StringArray,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// A string.
    String(String),
    /// A boolean.
    Boolean(bool),
    /// A list of strings.
    StringArray(Vec<String>),
}

/// A rule: conditions, then what it decides when they all hold.
#[derive(Debug, Clone)]
pub struct EndpointRule {
    /// Tested in order; the rule is skipped at the first that fails.
    pub conditions: Vec<RuleCondition>,
    /// What the rule decides.
    pub outcome: RuleOutcome,
}

/// A condition of a rule.
#[derive(Debug, Clone)]
pub enum RuleCondition {
    /// The value may be unset: the rule needs it set, and binds it to
    /// `local` for the rest of the rule.
    Bind {
        /// The local's Rust name.
        local: String,
        /// An optional value.
        value: RuleExpr,
    },
    /// The rule needs this boolean to hold.
    Holds(RuleExpr),
    /// A value that is always set, bound to `local` for the rest of the
    /// rule (an `assign` of, say, `uriEncode`).
    Let {
        /// The local's Rust name.
        local: String,
        /// A string or boolean value.
        value: RuleExpr,
    },
}

/// What a rule decides.
#[derive(Debug, Clone)]
pub enum RuleOutcome {
    /// This endpoint.
    Endpoint(EndpointOutcome),
    /// No endpoint, with this message.
    Error(Vec<StringPart>),
    /// The first of these rules that matches; if none does, resolution fails.
    Tree(Vec<EndpointRule>),
}

/// An endpoint a rule resolves to.
#[derive(Debug, Clone)]
pub struct EndpointOutcome {
    /// The URL.
    pub url: Vec<StringPart>,
    /// Properties such as `authSchemes`, in the rule set's order.
    pub properties: Vec<(String, RuleValue)>,
    /// Headers to send, in the rule set's order.
    pub headers: Vec<(String, Vec<Vec<StringPart>>)>,
}

/// A property value of an endpoint.
#[derive(Debug, Clone)]
pub enum RuleValue {
    /// A string.
    String(Vec<StringPart>),
    /// A boolean.
    Boolean(bool),
    /// A list.
    Array(Vec<RuleValue>),
    /// A record.
    Object(Vec<(String, RuleValue)>),
}

/// A piece of a string template: text, or a string-valued expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringPart {
    /// Literal text.
    Text(String),
    /// A string value that is always set where it is used.
    Value(RuleExpr),
    /// A string value that may be unset (an optional parameter, a
    /// partition's `implicitGlobalRegion`): where it is, resolution fails
    /// naming it, as `name` in the template.
    Optional {
        /// The value: a parameter or a partition attribute.
        value: RuleExpr,
        /// How the template names it, e.g. `PartitionResult#implicitGlobalRegion`.
        name: String,
    },
}

/// A typed expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleExpr {
    /// A boolean literal.
    Boolean(bool),
    /// A string built from literal text and values.
    String(Vec<StringPart>),
    /// A parameter, by Rust field. Lowering has checked how it is used: an
    /// `Option` where it may be unset, the value where it is always set.
    Parameter {
        /// The field.
        field: String,
        /// Its type.
        kind: ParameterKind,
    },
    /// A local bound by an earlier condition; always set.
    Local {
        /// The local's Rust name.
        name: String,
        /// What it holds.
        kind: LocalKind,
    },
    /// Whether an optional value is set.
    IsSet(Box<RuleExpr>),
    /// Boolean negation.
    Not(Box<RuleExpr>),
    /// Boolean equality.
    BooleanEquals(Box<RuleExpr>, Box<RuleExpr>),
    /// String equality.
    StringEquals(Box<RuleExpr>, Box<RuleExpr>),
    /// `aws.partition`: the partition of a region; optional.
    Partition(Box<RuleExpr>),
    /// An attribute of a partition bound to a local.
    PartitionAttribute {
        /// The local holding the partition.
        local: String,
        /// Which attribute.
        attribute: PartitionAttribute,
    },
    /// A call of another function of the rules' library, its arguments
    /// typed as it takes them.
    Call {
        /// Which function.
        function: RuleFunction,
        /// Its arguments that are values.
        args: Vec<RuleExpr>,
    },
    /// An element of a list of strings (`getAttr(list, "[i]")`): a string
    /// that may be unset.
    Element {
        /// The list.
        list: Box<RuleExpr>,
        /// Whether the list itself may be unset (a parameter not narrowed
        /// by `isSet`).
        list_optional: bool,
        /// The index.
        index: usize,
    },
    /// An attribute of a parsed URL or ARN bound to a local.
    Attribute {
        /// The local holding the URL or ARN.
        local: String,
        /// Which attribute.
        attribute: RecordAttribute,
    },
}

/// The functions of the rules' library beside `aws.partition` and the
/// operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFunction {
    /// `isValidHostLabel(value, allowSubDomains)`: a boolean.
    IsValidHostLabel,
    /// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: a boolean.
    IsVirtualHostableS3Bucket,
    /// `substring(input, start, stop, reverse)`, its bounds literal: a
    /// string that may be unset.
    Substring {
        /// The first character.
        start: usize,
        /// The character after the last.
        stop: usize,
    },
    /// `uriEncode(value)`: a string.
    UriEncode,
    /// `parseURL(value)`: a URL that may be unset.
    ParseUrl,
    /// `aws.parseArn(value)`: an ARN that may be unset.
    ParseArn,
}

/// The attributes of a parsed URL or ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAttribute {
    /// A string field of the runtime's `Url` or `Arn`, by its Rust name.
    Text(&'static str),
    /// `isIp` of a URL.
    IsIp,
    /// `resourceId[index]` of an ARN: a string that may be unset.
    ResourceId(usize),
}

/// What a bound local holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    /// A string (`&str`).
    String,
    /// A list of strings (`&[String]`): a `stringArray` parameter.
    StringArray,
    /// A boolean.
    Boolean,
    /// A partition.
    Partition,
    /// A parsed URL.
    Url,
    /// A parsed ARN.
    Arn,
}

/// The attributes `aws.partition` results have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionAttribute {
    /// `name`.
    Name,
    /// `dnsSuffix`.
    DnsSuffix,
    /// `dualStackDnsSuffix`.
    DualStackDnsSuffix,
    /// `supportsFIPS`.
    SupportsFips,
    /// `supportsDualStack`.
    SupportsDualStack,
    /// `implicitGlobalRegion`, which partition data may leave out.
    ImplicitGlobalRegion,
}

impl PartitionAttribute {
    /// The attribute for a `getAttr` path, if partitions have it.
    pub fn from_path(path: &str) -> Option<Self> {
        Some(match path {
            "name" => Self::Name,
            "dnsSuffix" => Self::DnsSuffix,
            "dualStackDnsSuffix" => Self::DualStackDnsSuffix,
            "supportsFIPS" => Self::SupportsFips,
            "supportsDualStack" => Self::SupportsDualStack,
            "implicitGlobalRegion" => Self::ImplicitGlobalRegion,
            _ => return None,
        })
    }

    /// The field of the generated `Partition` type.
    pub fn field(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::DnsSuffix => "dns_suffix",
            Self::DualStackDnsSuffix => "dual_stack_dns_suffix",
            Self::SupportsFips => "supports_fips",
            Self::SupportsDualStack => "supports_dual_stack",
            Self::ImplicitGlobalRegion => "implicit_global_region",
        }
    }
}

/// Partition data (botocore's `partitions.json`) for the rules' `aws.partition`.
#[derive(Debug, Clone)]
pub struct PartitionData {
    /// The partitions, in the data's order: the first whose pattern matches
    /// an unlisted region is its partition.
    pub partitions: Vec<PartitionSpec>,
}

/// One partition.
#[derive(Debug, Clone)]
pub struct PartitionSpec {
    /// The partition's id, e.g. `aws`.
    pub id: String,
    /// The pattern of region names it claims beyond its listed regions.
    pub region_regex: String,
    /// Its listed regions.
    pub regions: Vec<String>,
    /// `outputs.name`.
    pub name: String,
    /// `outputs.dnsSuffix`.
    pub dns_suffix: String,
    /// `outputs.dualStackDnsSuffix`.
    pub dual_stack_dns_suffix: String,
    /// `outputs.supportsFIPS`.
    pub supports_fips: bool,
    /// `outputs.supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `outputs.implicitGlobalRegion`, where given.
    pub implicit_global_region: Option<String>,
}
