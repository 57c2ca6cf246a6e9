//! Lowering: from the raw AST to the typed IR.
//!
//! Walks out from the selected operations, resolves every target (including
//! the `smithy.api#` prelude), types every behaviour-changing trait, decides
//! every Rust name, and refuses whatever the generator cannot honour. Each
//! trait is looked up in the generator's table ([`crate::traits`]): one a
//! client would need and the generator lacks is an error; one the table
//! does not know is a warning, since a model may define traits of its own.

use crate::ast::{self, Traits};
use crate::error::Error;
use crate::ir::*;
use crate::traits::{self, Treatment};
use crate::{docs, endpoint_tests, naming, pattern, rules, uri, waiters};
use heck::ToKebabCase;
use indexmap::{IndexMap, IndexSet};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

/// The protocols AWS services use, which their models name without
/// defining: the generator tells a service of one of them that it is not
/// supported rather than that its trait is unknown.
const KNOWN_PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
];

/// The auth schemes Smithy and AWS define, which models apply without
/// defining them.
const KNOWN_AUTH_SCHEMES: &[&str] = &[
    "aws.auth#cognitoUserPools",
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The service to generate, by absolute shape id, for a model that has
    /// several; `None` takes the model's one service.
    pub service: Option<String>,
    /// Operation names (like `CreateAppInstance`) to keep; empty keeps every operation.
    pub operations: Vec<String>,
    /// Partition data in botocore's `partitions.json` format. Where the
    /// endpoint rules call `aws.partition`, it becomes the input crate's
    /// `partition_of`; without it, callers bring their own.
    pub partitions: Option<String>,
    /// Where the generated manifests find the hand-written crates they
    /// depend on (`smithy-lean-runtime`, `smithy-lean-client`): the
    /// directory that holds them, relative to each generated crate's own,
    /// with `/` separators; `None` takes them from the registry.
    pub runtime_dir: Option<String>,
    /// The name of the client crate, which the type crates' names extend
    /// (`<prefix>-input`, ...); `None` takes the service's `sdkId` in
    /// kebab case (`chime`).
    pub crate_prefix: Option<String>,
    /// What the generated crates' manifests say for crates.io.
    pub package: PackageMetadata,
    /// Whether to write the service's side of the wire as well (reading
    /// requests, writing responses and errors, checking outputs), behind
    /// each crate's `server` feature: for local services and test doubles.
    /// A client needs none of it.
    pub server: bool,
    /// Whether to write the model's `smithy.rules#endpointTests` cases as
    /// tests of the input crate (`tests/endpoint_rules.rs`), each case a
    /// test of the generated resolver.
    pub endpoint_tests: bool,
    /// Partition data (botocore's `partitions.json` format) for the
    /// endpoint tests alone, where they were written against other data
    /// than `partitions`: a model's cases expect the partitions of their
    /// time, and a client is better served by today's. `None` runs them
    /// on the input crate's own `partition_of`.
    pub test_partitions: Option<String>,
    /// Said after the model's own words wherever the service or an
    /// operation is deprecated: what to use instead and how to get it,
    /// where the model does not say (a frozen model's generator knows).
    pub deprecation_advice: Option<String>,
}

/// The crates.io metadata of the generated crates: whoever generates them
/// decides their licence and where they live.
#[derive(Debug, Clone, Default)]
pub struct PackageMetadata {
    /// The SPDX licence expression, e.g. `MIT OR Apache-2.0`; `None` writes none.
    pub license: Option<String>,
    /// Licence files, by file name, written into every generated crate.
    pub license_files: Vec<(String, String)>,
    /// The repository URL, if any.
    pub repository: Option<String>,
}

impl Default for Options {
    /// Every operation, no partition data, the client's side of the wire
    /// only, and the hand-written crates beside the generated ones, as in
    /// this repository's `crates/`.
    fn default() -> Self {
        Options {
            service: None,
            operations: Vec::new(),
            partitions: None,
            runtime_dir: Some("..".to_owned()),
            crate_prefix: None,
            package: PackageMetadata::default(),
            server: false,
            endpoint_tests: true,
            test_partitions: None,
            deprecation_advice: None,
        }
    }
}

impl From<crate::emit::CrateKind> for Home {
    fn from(kind: crate::emit::CrateKind) -> Self {
        match kind {
            crate::emit::CrateKind::Input => Home::Input,
            crate::emit::CrateKind::Output => Home::Output,
            crate::emit::CrateKind::Errors => Home::Errors,
        }
    }
}

/// Which generated crate a type lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Home {
    Input,
    Output,
    Errors,
    /// The client crate, whose `Client` has a method (and a module) per operation.
    Client,
}

/// Lowers a parsed model into the IR.
pub fn lower(model: &ast::Model, options: &Options) -> Result<Service, Error> {
    if !model.smithy.starts_with("2.") && !model.smithy.starts_with("1.") {
        return Err(Error::new(format!(
            "unsupported Smithy IDL version {:?}",
            model.smithy
        )));
    }
    let (service_id, service) = select_service(model, options.service.as_deref())?;
    let mut lowered = Lowerer {
        model,
        names: BTreeMap::new(),
        queue: Vec::new(),
        done: BTreeSet::new(),
        operation_inputs: BTreeSet::new(),
        operation_outputs: BTreeSet::new(),
        units: BTreeSet::new(),
        operation_roots: BTreeSet::new(),
        member_targets: member_targets(model),
        copies: BTreeMap::new(),
        renames: &service.rename,
        boxed: BTreeSet::new(),
        walked: BTreeSet::new(),
        customizations: Default::default(),
        warnings: Warnings::default(),
        service_schemes: Vec::new(),
        operation_of_type: BTreeMap::new(),
        renamed: BTreeMap::new(),
        open_collections: Vec::new(),
    }
    .service(service_id, service, options)?;
    // Partition data is read, checked and typed like the model, but only
    // where the rules call `aws.partition`: elsewhere it has no use.
    let uses_partitions = lowered
        .endpoint_rules
        .as_ref()
        .is_some_and(|rules| rules.uses_partitions);
    if uses_partitions && let Some(text) = &options.partitions {
        lowered.partitions = Some(crate::partitions::lower(text)?);
    }
    if uses_partitions && let Some(text) = &options.test_partitions {
        lowered.test_partitions = Some(crate::partitions::lower(text)?);
    }
    // Without partition data the tests have no `aws.partition` to run on.
    if let Some(rules) = &mut lowered.endpoint_rules
        && uses_partitions
        && !rules.tests.is_empty()
        && lowered.partitions.is_none()
        && lowered.test_partitions.is_none()
    {
        rules.tests.clear();
        lowered.warnings.push(format!(
            "smithy.rules#endpointTests on {}: the cases are not written as tests: the rules call `aws.partition`, and no partition data was given",
            lowered.id
        ));
    }
    Ok(lowered)
}

/// The service's `@clientContextParams`: each a parameter of its rule
/// set, of the type the trait gives, with a setter on the configuration's
/// builder (named after it, unless the builder has a method of that name).
fn client_parameters(
    id: &str,
    traits: &Traits,
    rules: Option<&mut EndpointRules>,
) -> Result<(), Error> {
    const TRAIT: &str = "smithy.rules#clientContextParams";
    let Some(declared) = traits.get(TRAIT) else {
        return Ok(());
    };
    let declared = declared
        .as_object()
        .ok_or_else(|| Error::on_trait(id, TRAIT, "must be an object"))?;
    let Some(rules) = rules else {
        return Err(Error::on_trait(
            id,
            TRAIT,
            "the service has no endpoint rules for its parameters",
        ));
    };
    let mut methods = BTreeSet::new();
    for (name, definition) in declared {
        let refuse = |why: String| Error::on_trait(id, TRAIT, format!("`{name}`: {why}"));
        let kind = match definition.get("type").and_then(Json::as_str) {
            Some(t) if t.eq_ignore_ascii_case("string") => ParameterKind::String,
            Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterKind::Boolean,
            other => {
                return Err(refuse(format!(
                    "type {other:?} is not `string` or `boolean`"
                )));
            }
        };
        let parameter = rules
            .parameters
            .iter()
            .find(|p| &p.name == name)
            .ok_or_else(|| refuse("is not a parameter of the endpoint rules".to_owned()))?;
        if parameter.kind != kind {
            return Err(refuse(
                "its type is not the rule set's for the parameter".to_owned(),
            ));
        }
        let mut method = naming::unraw(&naming::field_name(name)).to_owned();
        if crate::CONFIG_BUILDER_METHODS.contains(&method.as_str()) {
            method.push_str("_parameter");
        }
        if !methods.insert(method.clone()) {
            return Err(refuse(format!(
                "its setter `{method}` is another parameter's"
            )));
        }
        let mut docs = definition
            .get("documentation")
            .and_then(Json::as_str)
            .map(docs::to_markdown)
            .unwrap_or_default();
        if docs.is_empty() {
            docs = parameter.docs.clone();
        }
        rules.client_parameters.push(ClientParameter {
            name: name.clone(),
            method,
            kind,
            docs,
        });
    }
    Ok(())
}

/// Resolves the operation's `@operationContextParams` paths against its
/// input's types, now that they are lowered.
fn resolve_context_paths(operation: &mut Operation, input: &Types) -> Result<(), Error> {
    let Some(structure) = input.structures.iter().find(|s| s.name == operation.input) else {
        return Ok(());
    };
    for binding in &mut operation.endpoint_context {
        if let ContextBinding::Path {
            parameter,
            expression,
            steps,
            selects,
        } = binding
        {
            (*steps, *selects) = crate::context_paths::resolve(expression, structure, input)
                .map_err(|why| {
                    Error::on_trait(
                        &operation.id,
                        "smithy.rules#operationContextParams",
                        format!("`{parameter}`: the path `{expression}`: {why}"),
                    )
                })?;
        }
    }
    Ok(())
}

/// Each endpoint-rule parameter `operation` sets is one of the rule set's,
/// of its type: a string parameter from a string or enum member, a boolean
/// one from a boolean member; and a member that sets one is not
/// `@sensitive`, since endpoints are shown in URLs and logs.
fn check_endpoint_context(
    operation: &Operation,
    rules: Option<&EndpointRules>,
    input: &Types,
) -> Result<(), Error> {
    for binding in &operation.endpoint_context {
        let (parameter_name, trait_id) = match binding {
            ContextBinding::Member { parameter, .. } => (parameter, "smithy.rules#contextParam"),
            ContextBinding::Static { parameter, .. } => {
                (parameter, "smithy.rules#staticContextParams")
            }
            ContextBinding::Path { parameter, .. } => {
                (parameter, "smithy.rules#operationContextParams")
            }
        };
        let refuse = |why: String| {
            let why = match binding {
                ContextBinding::Member { member, .. } => format!("input member `{member}`: {why}"),
                ContextBinding::Path { expression, .. } => {
                    format!("the path `{expression}`: {why}")
                }
                ContextBinding::Static { .. } => why,
            };
            Error::on_trait(&operation.id, trait_id, why)
        };
        let parameter = rules
            .and_then(|rules| rules.parameters.iter().find(|p| &p.name == parameter_name))
            .ok_or_else(|| {
                refuse(format!(
                    "`{parameter_name}` is not a parameter of the service's endpoint rules"
                ))
            })?;
        let matches = match binding {
            ContextBinding::Static { value, .. } => matches!(
                (parameter.kind, value),
                (ParameterKind::String, Literal::String(_))
                    | (ParameterKind::Boolean, Literal::Boolean(_))
                    | (ParameterKind::StringArray, Literal::StringArray(_))
            ),
            ContextBinding::Member { member, .. } => {
                let field = input
                    .structures
                    .iter()
                    .find(|s| s.name == operation.input)
                    .and_then(|s| s.fields.iter().find(|f| &f.member == member))
                    .ok_or_else(|| refuse(format!("the input has no member `{member}`")))?;
                if field.value.sensitive {
                    return Err(refuse(
                        "a `@sensitive` member cannot choose the endpoint, which URLs and logs show"
                            .to_owned(),
                    ));
                }
                match (parameter.kind, &field.value.kind) {
                    (ParameterKind::String, Kind::String | Kind::Enum(_))
                    | (ParameterKind::Boolean, Kind::Boolean) => true,
                    (ParameterKind::StringArray, Kind::List(item)) => {
                        matches!(item.kind, Kind::String | Kind::Enum(_)) && !item.nullable
                    }
                    _ => false,
                }
            }
            ContextBinding::Path { selects, .. } => matches!(
                (parameter.kind, selects),
                (
                    ParameterKind::String,
                    ContextSelection::String | ContextSelection::Enum
                ) | (ParameterKind::Boolean, ContextSelection::Boolean)
                    | (
                        ParameterKind::StringArray,
                        ContextSelection::List { .. }
                            | ContextSelection::Projected { .. }
                            | ContextSelection::Keys { .. }
                    )
            ),
        };
        if !matches {
            let kind = match parameter.kind {
                ParameterKind::String => "a string",
                ParameterKind::Boolean => "a boolean",
                ParameterKind::StringArray => "a list of strings",
            };
            return Err(refuse(format!(
                "`{parameter_name}` is {kind} parameter: its value must be {kind}{}",
                match (binding, parameter.kind) {
                    (ContextBinding::Member { .. }, ParameterKind::String) => " or an enum",
                    (ContextBinding::Member { .. }, ParameterKind::StringArray) => {
                        " (of strings or enums, without nulls)"
                    }
                    _ => "",
                }
            )));
        }
    }
    Ok(())
}

/// Every shape that a member of some shape targets.
fn member_targets(model: &ast::Model) -> BTreeSet<&str> {
    model
        .shapes
        .values()
        .flat_map(|shape| {
            let named = shape.members.values();
            let unnamed = [&shape.member, &shape.key, &shape.value]
                .into_iter()
                .flatten();
            named.chain(unnamed).map(|member| member.target.as_str())
        })
        .collect()
}

/// Every operation of the service: its own, then those of each of its
/// resources, depth first in the order the model lists them (a
/// resource's lifecycle operations, its operations, its collection
/// operations, then its resources'), each once, as the AWS SDKs take
/// them all.
pub(crate) fn bound_operations<'m>(
    model: &'m ast::Model,
    id: &str,
    shape: &'m ast::Shape,
) -> Result<Vec<&'m str>, Error> {
    let mut operations: IndexSet<&'m str> = IndexSet::new();
    operations.extend(shape.operations.iter().map(|op| op.target.as_str()));
    let mut pending: Vec<(&str, &'m str)> = shape
        .resources
        .iter()
        .rev()
        .map(|resource| (id, resource.target.as_str()))
        .collect();
    let mut seen: BTreeSet<&'m str> = BTreeSet::new();
    while let Some((owner, resource_id)) = pending.pop() {
        let resource = model.shapes.get(resource_id).ok_or_else(|| {
            Error::new(format!("shape {resource_id} is referenced but not defined"))
        })?;
        if resource.kind != "resource" {
            return Err(Error::on_shape(
                owner,
                format!("its resource {resource_id} is a {}", resource.kind),
            ));
        }
        // Resources form a tree; a model that closes a loop is refused
        // rather than walked for ever.
        if !seen.insert(resource_id) {
            return Err(Error::on_shape(
                resource_id,
                "the resource is bound more than once, or inside itself",
            ));
        }
        let bound = resource
            .lifecycle_operations()
            .chain(&resource.operations)
            .chain(&resource.collection_operations);
        operations.extend(bound.map(|op| op.target.as_str()));
        pending.extend(
            resource
                .resources
                .iter()
                .rev()
                .map(|child| (resource_id, child.target.as_str())),
        );
    }
    Ok(operations.into_iter().collect())
}

/// The service asked for by id, or the model's only one.
pub(crate) fn select_service<'a>(
    model: &'a ast::Model,
    wanted: Option<&str>,
) -> Result<(&'a String, &'a ast::Shape), Error> {
    let mut services = model.shapes.iter().filter(|(_, s)| s.kind == "service");
    if let Some(wanted) = wanted {
        return services.find(|(id, _)| *id == wanted).ok_or_else(|| {
            let known: Vec<&str> = model
                .shapes
                .iter()
                .filter(|(_, s)| s.kind == "service")
                .map(|(id, _)| id.as_str())
                .collect();
            Error::new(format!(
                "the model has no service `{wanted}` (its services: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ))
        });
    }
    let found = services
        .next()
        .ok_or_else(|| Error::new("the model has no service shape"))?;
    if let Some((other, _)) = services.next() {
        return Err(Error::new(format!(
            "the model has more than one service ({}, {other}); choose one",
            found.0
        )));
    }
    Ok(found)
}

struct Lowerer<'a> {
    model: &'a ast::Model,
    /// Rust type names taken in each crate, with the shape that took them.
    names: BTreeMap<(Home, String), String>,
    /// Shapes reached but not yet lowered.
    queue: Vec<(Home, String, String)>,
    done: BTreeSet<(Home, String)>,
    /// The operations' input structures: the only ones whose members can
    /// be bound to the path, the query or headers.
    operation_inputs: BTreeSet<String>,
    /// The operations' output structures, whose members can be bound to
    /// the response's headers and status.
    operation_outputs: BTreeSet<String>,
    /// The ids of the empty structures that stand for `smithy.api#Unit`
    /// inputs and outputs, one per operation and role.
    units: BTreeSet<String>,
    /// The structures that are an operation's input or output.
    operation_roots: BTreeSet<String>,
    /// Every shape some member targets, anywhere in the model.
    member_targets: BTreeSet<&'a str>,
    /// Each operation's own copy of an input or output structure that an
    /// earlier operation already has, by the copy's id, with the shape it
    /// copies: as in the AWS SDKs, every operation has types of its own.
    copies: BTreeMap<String, String>,
    /// The service's `rename` property: the names it gives shapes in
    /// place of their own.
    renames: &'a IndexMap<String, String>,
    /// The members (`Shape$member`, as the model names them) whose values
    /// are boxed, because they close a cycle of structures and unions.
    boxed: BTreeSet<String>,
    /// The shapes [`Lowerer::box_cycles`] has walked whole.
    walked: BTreeSet<String>,
    /// What the AWS SDKs do for this service beyond its model.
    customizations: crate::customize::Customizations,
    /// The traits generation goes on without, for the caller to report.
    warnings: Warnings,
    /// The service's auth schemes, in the order it prefers them.
    service_schemes: Vec<&'a str>,
    /// Each operation's input and output type (by the id lowering gives
    /// it), with the operation's name and which of the two it is.
    operation_of_type: BTreeMap<String, (String, &'static str)>,
    /// The shapes given another name than their own in a crate, with the
    /// sentence their documentation gives the reason in.
    renamed: BTreeMap<(Home, String), String>,
    /// The lists and maps being lowered, outermost first: one that holds
    /// itself with no named type between would be lowered for ever.
    open_collections: Vec<String>,
}

/// A shape on the path of [`Lowerer::box_cycles`]'s walk: the targets of
/// its members (member name, target), and how many have been followed.
struct WalkStep {
    shape: String,
    edges: Vec<(String, String)>,
    next: usize,
}

/// The shape of every structure in [`Lowerer::units`]: no members, no traits.
static EMPTY_STRUCTURE: std::sync::LazyLock<ast::Shape> = std::sync::LazyLock::new(|| ast::Shape {
    kind: "structure".to_owned(),
    ..ast::Shape::default()
});

/// The prelude's shape for "no input" or "no output".
const UNIT: &str = "smithy.api#Unit";

impl<'a> Lowerer<'a> {
    fn shape(&self, id: &str) -> Result<&'a ast::Shape, Error> {
        let original = self.copies.get(id).map_or(id, String::as_str);
        self.model
            .shapes
            .get(original)
            .or_else(|| self.units.contains(id).then(|| &*EMPTY_STRUCTURE))
            .ok_or_else(|| Error::new(format!("shape {id} is referenced but not defined")))
    }

    /// The structure an operation's input or output is: the model's, or
    /// for `smithy.api#Unit` (or none at all) an empty one of the
    /// operation's own, as the AWS SDKs have.
    fn operation_structure(
        &mut self,
        id: &str,
        target: Option<&ast::Target>,
        role: &str,
    ) -> String {
        match target {
            Some(target) if target.target != UNIT => {
                // A structure that a member also targets is a type of its
                // own there: the operation's is then a copy, as it is for a
                // second operation.
                if !self.member_targets.contains(target.target.as_str())
                    && self.operation_roots.insert(target.target.clone())
                {
                    return target.target.clone();
                }
                let copy = format!("{} (as the {role} of {id})", target.target);
                self.copies.insert(copy.clone(), target.target.clone());
                copy
            }
            _ => {
                let unit_id = format!("{id}${role} ({UNIT})");
                self.units.insert(unit_id.clone());
                unit_id
            }
        }
    }

    fn service(
        mut self,
        id: &str,
        shape: &'a ast::Shape,
        options: &Options,
    ) -> Result<Service, Error> {
        // The protocol first: another one's traits would otherwise be
        // refused as unknown before the reason that matters.
        let protocol = self.protocol(id, shape)?;
        check_traits(id, &shape.traits, &mut self.warnings)?;
        let aws_service = shape
            .traits
            .get("aws.api#service")
            .ok_or_else(|| Error::on_shape(id, "the `aws.api#service` trait is required"))?;
        let sdk_id = string_field(id, "aws.api#service", aws_service, "sdkId")?;
        let endpoint_prefix = endpoint_prefix(id, aws_service)?;
        // The first scheme of the service's that the client supports
        // decides, as the AWS SDKs choose; a service that names none takes
        // anonymous requests.
        let service_schemes = self.auth_schemes(id, shape)?;
        let auth = match supported_scheme(id, &service_schemes)? {
            None => ServiceAuth::Anonymous,
            Some(scheme) => {
                let definition = shape.traits.get(scheme).ok_or_else(|| {
                    Error::on_trait(
                        id,
                        AUTH,
                        format!("names `{scheme}`, which the service does not have"),
                    )
                })?;
                match scheme {
                    SIGV4 => ServiceAuth::SigV4 {
                        signing_name: string_field(id, SIGV4, definition, "name")?,
                    },
                    _ => ServiceAuth::Bearer,
                }
            }
        };
        self.service_schemes = service_schemes;

        let version = shape.version.clone().unwrap_or_default();
        self.customizations = crate::customize::for_service(id, &version);
        for (name, value) in &self.customizations.request_headers {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
                return Err(Error::on_shape(
                    id,
                    format!(
                        "the `{name}` header every request carries would be `{value}`, which must be visible ASCII"
                    ),
                ));
            }
        }
        let bound = bound_operations(self.model, id, shape)?;
        for wanted in &options.operations {
            if !bound.iter().any(|op| local_name(op) == wanted) {
                return Err(Error::on_shape(
                    id,
                    format!("the service has no operation named `{wanted}`"),
                ));
            }
        }
        let mut operations = Vec::new();
        for op in bound {
            if options.operations.is_empty()
                || options.operations.iter().any(|w| w == local_name(op))
            {
                operations.push(self.operation(op, &shape.errors)?);
            }
        }
        if operations.is_empty() {
            return Err(Error::on_shape(id, "no operation selected"));
        }
        let mut endpoint_rules = shape
            .traits
            .get("smithy.rules#endpointRuleSet")
            .map(|rule_set| rules::lower(id, rule_set))
            .transpose()?;
        if let Some(rules) = &mut endpoint_rules
            && options.endpoint_tests
            && let Some(tests) = shape.traits.get("smithy.rules#endpointTests")
        {
            let (cases, warnings) = endpoint_tests::lower(id, tests, rules)?;
            rules.tests = cases;
            for warning in warnings {
                self.warnings.note_message(warning);
            }
        }
        client_parameters(id, &shape.traits, endpoint_rules.as_mut())?;
        self.reserve_support_names(&operations, endpoint_rules.is_some())?;
        let (mut input, mut output, errors) = self.drain()?;
        // Each operation's own traits, resources' operations included.
        for operation in operations.iter_mut() {
            let traits = &self.shape(&operation.id)?.traits;
            if let Some(waitable) = traits.get(WAITABLE) {
                let streaming_input = input
                    .structures
                    .iter()
                    .filter(|s| s.name == operation.input)
                    .any(|s| s.fields.iter().any(Field::is_stream));
                let (waiters, warnings) =
                    waiters::lower(operation, waitable, &input, &output, streaming_input);
                operation.waiters = waiters;
                for warning in warnings {
                    self.warnings.note_message(warning);
                }
            }
            if let Some(paginated) = traits.get("smithy.api#paginated") {
                operation.pagination = Some(pagination(
                    &operation.id,
                    paginated,
                    shape.traits.get("smithy.api#paginated"),
                    operation,
                    &input,
                    &output,
                )?);
            }
        }
        self.check_waiter_names(&mut operations);
        for operation in &mut operations {
            resolve_context_paths(operation, &input)?;
            check_endpoint_context(operation, endpoint_rules.as_ref(), &input)?;
        }
        for operation in &mut operations {
            describe_operation_structure(&mut input, &operation.input, operation, "Input");
            describe_operation_structure(&mut output, &operation.output, operation, "Output");
            operation.deprecated = advised(operation.deprecated.take(), options);
        }
        Ok(Service {
            id: id.to_owned(),
            crates: CrateNames::new(&match &options.crate_prefix {
                Some(prefix) => crate_prefix(prefix)?,
                None => sdk_id.to_kebab_case(),
            }),
            sdk_id,
            version,
            protocol,
            auth,
            endpoint_prefix,
            endpoint_rules,
            partitions: None,
            test_partitions: None,
            title: shape
                .traits
                .get("smithy.api#title")
                .and_then(Json::as_str)
                .map(str::to_owned),
            docs: documentation(&shape.traits),
            deprecated: advised(deprecation(id, &shape.traits)?, options),
            operations,
            input,
            output,
            errors,
            warnings: self.warnings.into_messages(),
        })
    }

    fn operation(&mut self, id: &str, service_errors: &[ast::Target]) -> Result<Operation, Error> {
        let shape = self.shape(id)?;
        if shape.kind != "operation" {
            return Err(Error::on_shape(
                id,
                format!("expected an operation, found a {}", shape.kind),
            ));
        }
        check_traits(id, &shape.traits, &mut self.warnings)?;
        // An operation may name its own schemes: none makes its requests
        // anonymous; the service's scheme authenticates them as the
        // service's do; `@optionalAuth` only where the client has an
        // identity for it.
        let schemes = match shape.traits.get(AUTH) {
            Some(schemes) => scheme_list(id, schemes)?,
            None => self.service_schemes.clone(),
        };
        let service_scheme = supported_scheme(id, &self.service_schemes)?;
        let auth = match supported_scheme(id, &schemes)? {
            None if self.service_schemes.is_empty() => OperationAuth::Service,
            None => OperationAuth::Anonymous,
            Some(scheme) if Some(scheme) != service_scheme => {
                return Err(Error::on_trait(
                    id,
                    AUTH,
                    format!(
                        "an operation authenticated with `{scheme}` where its service uses {} is not supported by this generator",
                        service_scheme.map_or("none".to_owned(), |s| format!("`{s}`"))
                    ),
                ));
            }
            Some(_) if shape.traits.contains_key(OPTIONAL_AUTH) => OperationAuth::Optional,
            Some(_) => OperationAuth::Service,
        };
        let name = naming::type_name(local_name(id));
        let http_trait = shape
            .traits
            .get("smithy.api#http")
            .ok_or_else(|| Error::on_shape(id, "the `smithy.api#http` trait is required"))?;
        let uri = string_field(id, "smithy.api#http", http_trait, "uri")?;
        let template =
            uri::parse(&uri).map_err(|why| Error::on_trait(id, "smithy.api#http", why))?;
        let method = string_field(id, "smithy.api#http", http_trait, "method")?;
        // An HTTP token, so that the request builder's method cannot fail.
        if method.is_empty()
            || !method
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            return Err(Error::on_trait(
                id,
                "smithy.api#http",
                format!("`method` {method:?} is not an HTTP method"),
            ));
        }
        let http = Http {
            method,
            uri,
            template,
            code: match http_trait.get("code") {
                None => 200,
                Some(code) => code
                    .as_u64()
                    .and_then(|c| u16::try_from(c).ok())
                    .ok_or_else(|| {
                        Error::on_trait(id, "smithy.api#http", "`code` must be an HTTP status")
                    })?,
            },
        };
        let host_prefix = match shape.traits.get("smithy.api#endpoint") {
            None => None,
            Some(endpoint) => Some(string_field(
                id,
                "smithy.api#endpoint",
                endpoint,
                "hostPrefix",
            )?),
        };
        let request_compression = match shape.traits.get("smithy.api#requestCompression") {
            None => Vec::new(),
            Some(compression) => request_compression(id, compression)?,
        };
        for (role, target) in [("input", &shape.input), ("output", &shape.output)] {
            let Some(target) = target.as_ref().filter(|t| t.target != UNIT) else {
                continue;
            };
            match self.model.shapes.get(&target.target) {
                Some(structure) if structure.kind == "structure" => {}
                Some(other) => {
                    return Err(Error::on_shape(
                        id,
                        format!(
                            "its {role} {} is {}, not a structure",
                            target.target,
                            naming::with_article(&other.kind)
                        ),
                    ));
                }
                None => {
                    return Err(Error::on_shape(
                        id,
                        format!(
                            "its {role} {} is not a structure of the model",
                            target.target
                        ),
                    ));
                }
            }
        }
        let input_id = &self.operation_structure(id, shape.input.as_ref(), "input");
        let output_id = &self.operation_structure(id, shape.output.as_ref(), "output");
        self.operation_inputs.insert(input_id.clone());
        self.operation_outputs.insert(output_id.clone());
        self.check_labels(id, &http.template, input_id)?;
        let host_labels = self.host_labels(id, host_prefix.as_deref(), input_id)?;
        // A prefix with labels is this call's, made from the input.
        let host_prefix = host_prefix.filter(|_| host_labels.is_none());
        for root in [input_id, output_id]
            .into_iter()
            .chain(shape.errors.iter().chain(service_errors).map(|e| &e.target))
        {
            self.box_cycles(root);
        }
        let endpoint_context = self.endpoint_context(id, &shape.traits, input_id)?;
        let input = format!("{name}Input");
        let output = format!("{name}Output");
        self.reach(Home::Input, input_id, &input)?;
        self.reach(Home::Output, output_id, &output)?;
        for (type_id, role) in [(input_id, "input"), (output_id, "output")] {
            self.operation_of_type
                .insert(type_id.clone(), (name.clone(), role));
        }
        let mut errors = Vec::new();
        for error in shape.errors.iter().chain(service_errors) {
            let error_name = self.type_name(&error.target);
            if !self
                .shape(&error.target)?
                .traits
                .contains_key("smithy.api#error")
            {
                return Err(Error::on_shape(
                    &error.target,
                    "listed as an error but has no `smithy.api#error` trait",
                ));
            }
            // Each error is a variant of the operation's error enum, with a
            // predicate: neither may be one the enum has already.
            let predicate = naming::predicate_name(&error_name);
            if error_name == "Unhandled"
                || ["is_unhandled", "is_retryable"].contains(&predicate.as_str())
            {
                return Err(Error::on_shape(
                    &error.target,
                    format!(
                        "its variant `{error_name}` and predicate `{predicate}` of {name}'s error enum collide with the enum's own `Unhandled` and `is_unhandled`/`is_retryable`"
                    ),
                ));
            }
            self.reach(Home::Errors, &error.target, &error_name)?;
            if !errors.contains(&error_name) {
                errors.push(error_name);
            }
        }
        errors.sort();
        Ok(Operation {
            module: naming::module_name(&name),
            error_module: naming::module_name(&format!("{name}Error")),
            pagination: None,
            marker: name.clone(),
            fluent_builder: format!("{name}FluentBuilder"),
            docs: documentation(&shape.traits),
            deprecated: deprecation(id, &shape.traits)?,
            http,
            host_prefix,
            host_labels,
            checksum_required: shape.traits.contains_key("smithy.api#httpChecksumRequired"),
            unsigned_payload: shape.traits.contains_key("aws.auth#unsignedPayload"),
            auth,
            request_headers: self.customizations.request_headers.clone(),
            tree_hash: self
                .customizations
                .tree_hash_operations
                .contains(&local_name(id)),
            request_compression,
            input,
            output,
            errors,
            error_enum: format!("{name}Error"),
            endpoint_context,
            waiters: Vec::new(),
            id: id.to_owned(),
            name,
        })
    }

    /// Waiter names are unique in a service, case aside, as the
    /// specification requires, and a waiter's method is no operation's: a
    /// waiter that breaks either is left out with a warning.
    fn check_waiter_names(&mut self, operations: &mut [Operation]) {
        let methods: BTreeSet<String> = operations.iter().map(|op| op.module.clone()).collect();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for operation in operations.iter_mut() {
            let id = operation.id.clone();
            let warnings = &mut self.warnings;
            operation.waiters.retain(|waiter| {
                let why = if !seen.insert(waiter.name.to_ascii_lowercase()) {
                    "another waiter of the service has its name"
                } else if methods.contains(&waiter.method) {
                    "its method is an operation's"
                } else {
                    return true;
                };
                warnings.note_message(format!(
                    "{id}: trait `{WAITABLE}`: the waiter `{}` is not generated: {why}",
                    waiter.name
                ));
                false
            });
        }
    }

    /// The endpoint-rule parameters the operation `id` sets, as the model
    /// writes them: its input's `@contextParam` members, then its
    /// `@staticContextParams`, each parameter once (a static value takes
    /// precedence). [`check_endpoint_context`] holds them to the rule set
    /// once it is lowered.
    fn endpoint_context(
        &self,
        id: &str,
        traits: &Traits,
        input_id: &str,
    ) -> Result<Vec<ContextBinding>, Error> {
        const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
        const STATIC: &str = "smithy.rules#staticContextParams";
        const PATHS: &str = "smithy.rules#operationContextParams";
        let mut bindings = Vec::new();
        for (member, shape) in &self.shape(input_id)?.members {
            let Some(context) = shape.traits.get(CONTEXT_PARAM) else {
                continue;
            };
            let parameter = context.get("name").and_then(Json::as_str).ok_or_else(|| {
                Error::on_trait(
                    &format!("{input_id}${member}"),
                    CONTEXT_PARAM,
                    "needs a string `name`",
                )
            })?;
            bindings.push(ContextBinding::Member {
                parameter: parameter.to_owned(),
                member: member.clone(),
            });
        }
        if let Some(statics) = traits.get(STATIC) {
            let statics = statics
                .as_object()
                .ok_or_else(|| Error::on_trait(id, STATIC, "must be an object"))?;
            for (parameter, definition) in statics {
                let value = match definition.get("value") {
                    Some(Json::String(text)) => Literal::String(text.clone()),
                    Some(Json::Bool(flag)) => Literal::Boolean(*flag),
                    Some(Json::Array(items)) if items.iter().all(Json::is_string) => {
                        Literal::StringArray(
                            items
                                .iter()
                                .filter_map(|item| item.as_str().map(str::to_owned))
                                .collect(),
                        )
                    }
                    _ => {
                        return Err(Error::on_trait(
                            id,
                            STATIC,
                            format!(
                                "`{parameter}` needs a string, boolean or list of strings `value`"
                            ),
                        ));
                    }
                };
                bindings.push(ContextBinding::Static {
                    parameter: parameter.clone(),
                    value,
                });
            }
        }
        if let Some(paths) = traits.get(PATHS) {
            let paths = paths
                .as_object()
                .ok_or_else(|| Error::on_trait(id, PATHS, "must be an object"))?;
            for (parameter, definition) in paths {
                let expression =
                    definition
                        .get("path")
                        .and_then(Json::as_str)
                        .ok_or_else(|| {
                            Error::on_trait(
                                id,
                                PATHS,
                                format!("`{parameter}` needs a string `path`"),
                            )
                        })?;
                bindings.push(ContextBinding::Path {
                    parameter: parameter.clone(),
                    expression: expression.to_owned(),
                    steps: Vec::new(),
                    selects: Default::default(),
                });
            }
        }
        // A static value takes precedence over a member's, and a member's
        // over a path's: a weaker binding of the same parameter has no
        // effect.
        let strength = |binding: &ContextBinding| match binding {
            ContextBinding::Static { .. } => 2,
            ContextBinding::Member { .. } => 1,
            ContextBinding::Path { .. } => 0,
        };
        let strongest = bindings.clone();
        bindings.retain(|binding| {
            !strongest.iter().any(|other| {
                other.parameter() == binding.parameter() && strength(other) > strength(binding)
            })
        });
        Ok(bindings)
    }

    /// Every label of the URI pattern names a required `@httpLabel` member
    /// of the input, and every such member has its label.
    fn check_labels(&self, id: &str, template: &UriTemplate, input_id: &str) -> Result<(), Error> {
        let input = self.shape(input_id)?;
        let labels: Vec<&str> = template
            .segments
            .iter()
            .filter_map(|segment| match segment {
                PathSegment::Label { member, .. } => Some(member.as_str()),
                PathSegment::Literal(_) => None,
            })
            .collect();
        for label in &labels {
            let member = input
                .members
                .get(*label)
                .filter(|member| member.traits.contains_key("smithy.api#httpLabel"));
            let Some(member) = member else {
                return Err(Error::on_trait(
                    id,
                    "smithy.api#http",
                    format!("the label `{label}` names no `@httpLabel` member of {input_id}"),
                ));
            };
            if !member.traits.contains_key("smithy.api#required") {
                return Err(Error::on_shape(
                    &format!("{input_id}${label}"),
                    "an `@httpLabel` member must be `@required`",
                ));
            }
        }
        for (name, member) in &input.members {
            if member.traits.contains_key("smithy.api#httpLabel")
                && !labels.contains(&name.as_str())
            {
                return Err(Error::on_shape(
                    &format!("{input_id}${name}"),
                    format!(
                        "`@httpLabel`, but the URI pattern `{}` has no such label",
                        template.path()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Refuses shapes that contain themselves: their readers would recurse as
    /// deep as a peer's JSON nests, so a hostile body could exhaust the stack.
    /// Walks the shapes `root` reaches and marks, in [`Lowerer::boxed`],
    /// the members that close a cycle of structures and unions: their
    /// values are boxed, since a type cannot hold itself. A cycle through a
    /// list or a map needs none (a `Vec` or `HashMap` holds its items
    /// elsewhere). Marking the edges that close a cycle in a depth-first
    /// walk leaves none: the walk is iterative, so a long chain of shapes
    /// in a hostile model cannot exhaust the stack.
    fn box_cycles(&mut self, root: &str) {
        let root = self
            .copies
            .get(root)
            .map_or(root, String::as_str)
            .to_owned();
        if self.walked.contains(&root) {
            return;
        }
        let mut path: Vec<WalkStep> = Vec::new();
        let edges = |id: &str| -> Vec<(String, String)> {
            let Some(shape) = self.model.shapes.get(id) else {
                return Vec::new();
            };
            let named = [
                ("member", &shape.member),
                ("key", &shape.key),
                ("value", &shape.value),
            ];
            shape
                .members
                .iter()
                .map(|(name, member)| (name.clone(), member.target.clone()))
                .chain(named.into_iter().filter_map(|(name, member)| {
                    member.as_ref().map(|m| (name.to_owned(), m.target.clone()))
                }))
                .collect()
        };
        path.push(WalkStep {
            edges: edges(&root),
            shape: root,
            next: 0,
        });
        while let Some(step) = path.last_mut() {
            let Some((member, target)) = step.edges.get(step.next).cloned() else {
                let done = path.pop().expect("the loop sees a last entry");
                self.walked.insert(done.shape);
                continue;
            };
            step.next += 1;
            let id = step.shape.clone();
            if let Some(at) = path.iter().position(|on_path| on_path.shape == target) {
                let through_collection = path[at..].iter().any(|on_path| {
                    self.model
                        .shapes
                        .get(&on_path.shape)
                        .is_some_and(|shape| matches!(shape.kind.as_str(), "list" | "set" | "map"))
                });
                if !through_collection {
                    self.boxed.insert(format!("{id}${member}"));
                }
                continue;
            }
            if !self.walked.contains(&target) {
                path.push(WalkStep {
                    edges: edges(&target),
                    shape: target,
                    next: 0,
                });
            }
        }
    }

    /// The service's protocol, from its protocol traits: the AWS ones, and
    /// any the model defines with `@protocolDefinition`.
    fn protocol(&self, id: &str, shape: &ast::Shape) -> Result<Protocol, Error> {
        if shape.traits.contains_key("aws.protocols#restJson1") {
            return Ok(Protocol::RestJson1);
        }
        let protocols: Vec<&str> = shape
            .traits
            .keys()
            .map(String::as_str)
            .filter(|trait_id| {
                KNOWN_PROTOCOLS.contains(trait_id)
                    || self.model.shapes.get(*trait_id).is_some_and(|definition| {
                        definition
                            .traits
                            .contains_key("smithy.api#protocolDefinition")
                    })
            })
            .collect();
        let has = if protocols.is_empty() {
            "it names no protocol".to_owned()
        } else {
            format!("its protocols are {}", protocols.join(", "))
        };
        Err(Error::on_shape(
            id,
            format!("only the `aws.protocols#restJson1` protocol is supported, and {has}"),
        ))
    }

    /// The auth schemes of the service, in the order it prefers them: its
    /// `@auth` list, else every auth trait it has, by shape id, as the
    /// specification orders them.
    fn auth_schemes(&self, id: &str, shape: &'a ast::Shape) -> Result<Vec<&'a str>, Error> {
        if let Some(schemes) = shape.traits.get(AUTH) {
            return scheme_list(id, schemes);
        }
        let mut schemes: Vec<&str> = shape
            .traits
            .keys()
            .map(String::as_str)
            .filter(|trait_id| {
                KNOWN_AUTH_SCHEMES.contains(trait_id)
                    || self.model.shapes.get(*trait_id).is_some_and(|definition| {
                        definition.traits.contains_key("smithy.api#authDefinition")
                    })
            })
            .collect();
        schemes.sort_unstable();
        Ok(schemes)
    }

    /// The `endpoint` trait's host prefix as literal text and `@hostLabel`
    /// members, when it has labels: each must name a `@required` string
    /// member of the input with `@hostLabel`, and each such member must
    /// be named.
    fn host_labels(
        &self,
        id: &str,
        prefix: Option<&str>,
        input_id: &str,
    ) -> Result<Option<Vec<HostPart>>, Error> {
        let refuse = |why: String| Error::on_trait(id, "smithy.api#endpoint", why);
        let input = self.shape(input_id)?;
        let labelled: Vec<&String> = input
            .members
            .iter()
            .filter(|(_, member)| member.traits.contains_key("smithy.api#hostLabel"))
            .map(|(name, _)| name)
            .collect();
        let Some(prefix) = prefix.filter(|prefix| prefix.contains(['{', '}'])) else {
            if let Some(name) = labelled.first() {
                return Err(Error::on_shape(
                    &format!("{input_id}${name}"),
                    "`@hostLabel`, but the operation's host prefix has no such label",
                ));
            }
            return Ok(None);
        };
        let mut parts = Vec::new();
        let mut rest = prefix;
        while !rest.is_empty() {
            let Some(open) = rest.find(['{', '}']) else {
                parts.push(HostPart::Literal(rest.to_owned()));
                break;
            };
            if rest[open..].starts_with('}') {
                return Err(refuse(format!(
                    "the host prefix `{prefix}` has a `}}` without its `{{`"
                )));
            }
            if open > 0 {
                parts.push(HostPart::Literal(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}') else {
                return Err(refuse(format!(
                    "the host prefix `{prefix}` has a `{{` without its `}}`"
                )));
            };
            let name = &rest[open + 1..open + close];
            let member = input.members.get(name).ok_or_else(|| {
                refuse(format!(
                    "the host label `{name}` names no member of {input_id}"
                ))
            })?;
            let member_id = format!("{input_id}${name}");
            if !member.traits.contains_key("smithy.api#hostLabel")
                || !member.traits.contains_key("smithy.api#required")
            {
                return Err(Error::on_shape(
                    &member_id,
                    "a host label's member must have `@hostLabel` and be `@required`",
                ));
            }
            let is_string = member.target == "smithy.api#String"
                || self
                    .model
                    .shapes
                    .get(&member.target)
                    .is_some_and(|target| target.kind == "string");
            if !is_string {
                return Err(Error::on_shape(
                    &member_id,
                    "a host label's member must be a string",
                ));
            }
            parts.push(HostPart::Label {
                field: naming::field_name(name),
                member: name.to_owned(),
            });
            rest = &rest[open + close + 1..];
        }
        if let Some(unnamed) = labelled.iter().find(|name| {
            !parts
                .iter()
                .any(|part| matches!(part, HostPart::Label { member, .. } if member == **name))
        }) {
            return Err(Error::on_shape(
                &format!("{input_id}${unnamed}"),
                "`@hostLabel`, but the operation's host prefix has no such label",
            ));
        }
        Ok(Some(parts))
    }

    /// Whether the member `member` of shape `id` (or of the shape it is a
    /// copy of) closes a cycle, and so is boxed.
    fn is_boxed(&self, id: &str, member: &str) -> bool {
        let id = self.copies.get(id).map_or(id, String::as_str);
        self.boxed.contains(&format!("{id}${member}"))
    }

    /// The Rust type name of shape `id`: from the service's `rename`
    /// where it has one, else from the shape's own name.
    fn type_name(&self, id: &str) -> String {
        let name = self.renames.get(id).map_or(local_name(id), String::as_str);
        naming::type_name(name)
    }

    /// The Rust name of `target`, a shape a member reaches in `home`: its
    /// own, unless that is a type of Rust's prelude (`Result`), or an
    /// operation's input or output type holds it there (`DoThingInput`,
    /// say, which the AWS SDK for Rust keeps in another module than the
    /// shape): then the name with `Shape` after it, whichever the walk
    /// reaches first, since every operation's types are claimed before any
    /// shape a member reaches.
    fn nested_type_name(&mut self, home: Home, target: &str) -> String {
        let name = self.type_name(target);
        // Generated code names the prelude's types as the prelude has them.
        if crate::emit::PRELUDE_NAMES.contains(&name.as_str()) {
            let renamed = format!("{name}Shape");
            let why = format!(
                "Named `{renamed}`: `{name}` is a type of Rust's prelude, which generated code uses."
            );
            self.renamed.insert((home, target.to_owned()), why);
            return renamed;
        }
        let holder = self.names.get(&(home, name.clone()));
        let operation = holder.and_then(|holder| self.operation_of_type.get(holder));
        match operation {
            Some((operation, role)) if holder.map(String::as_str) != Some(target) => {
                let renamed = format!("{name}Shape");
                let why = format!(
                    "Named `{renamed}`: `{name}` is the {role} of the operation `{operation}`."
                );
                self.renamed.insert((home, target.to_owned()), why);
                renamed
            }
            _ => name,
        }
    }

    /// Notes that the list or map `id` is being lowered, refusing it when
    /// it already is: it holds itself with no structure or union between,
    /// which no Rust type can be. The caller pops it when done.
    fn open_collection(&mut self, id: &str) -> Result<(), Error> {
        if self.open_collections.iter().any(|open| open == id) {
            return Err(Error::on_shape(
                id,
                "a list or map that holds itself with no structure or union between has no Rust type",
            ));
        }
        self.open_collections.push(id.to_owned());
        Ok(())
    }

    /// Adds why `id` has another name than its own in `home`, if it has.
    fn note_rename(&self, home: Home, id: &str, docs: &mut Docs) {
        if let Some(why) = self.renamed.get(&(home, id.to_owned())) {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(why.clone());
        }
    }

    /// Records that `id` is needed in `home` under `name`, claiming the name.
    fn reach(&mut self, home: Home, id: &str, name: &str) -> Result<(), Error> {
        if self.done.contains(&(home, id.to_owned())) {
            return Ok(());
        }
        self.claim(home, name, id)?;
        self.claim_module(home, name, id)?;
        let shape = self.shape(id)?;
        if shape.kind == "structure" {
            self.claim(home, &naming::builder_name(name), id)?;
        }
        self.done.insert((home, id.to_owned()));
        self.queue.push((home, id.to_owned(), name.to_owned()));
        Ok(())
    }

    fn claim(&mut self, home: Home, name: &str, by: &str) -> Result<(), Error> {
        self.take(home, name.to_owned(), "type", name, by)
    }

    /// Claims the module (and file) a type is written to: two names that
    /// differ only in case or underscores would share it.
    fn claim_module(&mut self, home: Home, type_name: &str, by: &str) -> Result<(), Error> {
        let module = naming::module_name(type_name);
        self.take(home, format!("mod {module}"), "module", &module, by)
    }

    /// Takes `key` for shape `by`, refusing it when another holds it.
    fn take(
        &mut self,
        home: Home,
        key: String,
        kind: &str,
        name: &str,
        by: &str,
    ) -> Result<(), Error> {
        match self.names.get(&(home, key.clone())) {
            Some(owner) if owner != by => Err(Error::on_shape(
                by,
                format!("its Rust {kind} `{name}` is already used by {owner}"),
            )),
            _ => {
                self.names.insert((home, key), by.to_owned());
                Ok(())
            }
        }
    }

    /// Names the generated support code uses, so that no shape can take
    /// them. Shapes are reached first, so a shape holding one is refused here.
    fn reserve_support_names(
        &mut self,
        operations: &[Operation],
        endpoint_rules: bool,
    ) -> Result<(), Error> {
        // The runtime's items re-exported at a crate's root are not
        // reserved: a model type of the same name takes the root, and the
        // re-export is left out (`emit::runtime_exports`).
        if endpoint_rules {
            self.reserve(
                Home::Input,
                "EndpointParams".to_owned(),
                "type",
                "EndpointParams",
                "the endpoint rules' parameters",
            )?;
        }
        for op in operations {
            let what = format!("the error enum of {}", op.name);
            self.reserve(
                Home::Errors,
                op.error_enum.clone(),
                "type",
                &op.error_enum,
                &what,
            )?;
            let module = naming::module_name(&op.error_enum);
            self.reserve(
                Home::Errors,
                format!("mod {module}"),
                "module",
                &module,
                &what,
            )?;
        }
        // `Client` has its own methods beside one per operation, each
        // named like the operation's module.
        for method in [
            "new",
            "from_conf",
            "config",
            "endpoint",
            "endpoint_of",
            "call",
        ] {
            let what = format!("the client's own method `{method}`");
            self.reserve(
                Home::Client,
                format!("mod {method}"),
                "method",
                method,
                &what,
            )?;
        }
        for home in [Home::Input, Home::Output, Home::Errors, Home::Client] {
            let alias = crate::emit::RUNTIME_ALIAS;
            let what = "the runtime's alias in generated code";
            self.reserve(home, format!("mod {alias}"), "module", alias, what)?;
        }
        for op in operations {
            let what = format!("the operation {}", op.name);
            if let Some(owner) = self
                .names
                .get(&(Home::Client, format!("mod {}", op.module)))
            {
                return Err(Error::new(format!(
                    "operation {}: its client method and module `{}` are already used by {owner}",
                    op.name, op.module
                )));
            }
            self.names
                .insert((Home::Client, format!("mod {}", op.module)), what);
        }
        // Generated code names these as the prelude has them: a type of
        // the same name would shadow them.
        for home in [Home::Input, Home::Output, Home::Errors] {
            for name in crate::emit::PRELUDE_NAMES {
                self.reserve(home, (*name).to_owned(), "type", name, "Rust's prelude")?;
            }
        }
        for op in operations {
            if crate::emit::PRELUDE_NAMES.contains(&op.marker.as_str()) {
                return Err(Error::new(format!(
                    "operation {}: its Rust type `{}` would shadow Rust's prelude",
                    op.name, op.marker
                )));
            }
        }
        for home in [Home::Input, Home::Output, Home::Errors] {
            for module in crate::emit::GENERATOR_MODULES {
                let what = format!("the generated module `{module}`");
                self.reserve(home, format!("mod {module}"), "module", module, &what)?;
            }
        }
        Ok(())
    }

    /// Takes `key` for generated code; a shape that holds it is refused,
    /// naming both.
    fn reserve(
        &mut self,
        home: Home,
        key: String,
        kind: &str,
        name: &str,
        what: &str,
    ) -> Result<(), Error> {
        if let Some(owner) = self.names.get(&(home, key.clone())) {
            return Err(Error::on_shape(
                owner,
                format!("its Rust {kind} `{name}` is already used by {what}"),
            ));
        }
        self.names.insert((home, key), what.to_owned());
        Ok(())
    }

    fn drain(&mut self) -> Result<(Types, Types, Types), Error> {
        let mut types: BTreeMap<Home, Types> = BTreeMap::new();
        while let Some((home, id, name)) = self.queue.pop() {
            let shape = self.shape(&id)?;
            match shape.kind.as_str() {
                "structure" => {
                    let mut structure = self.structure(home, &id, shape, name)?;
                    self.note_rename(home, &id, &mut structure.docs);
                    types.entry(home).or_default().structures.push(structure);
                }
                "enum" | "string" => {
                    let mut enumeration = enumeration(&id, shape, name, &mut self.warnings)?;
                    self.note_rename(home, &id, &mut enumeration.docs);
                    types.entry(home).or_default().enums.push(enumeration);
                }
                "union" => {
                    let mut union = self.union(home, &id, shape, name)?;
                    self.note_rename(home, &id, &mut union.docs);
                    types.entry(home).or_default().unions.push(union);
                }
                other => {
                    return Err(Error::on_shape(
                        &id,
                        format!("a {other} cannot be a named type here"),
                    ));
                }
            }
        }
        let mut take = |home| {
            let mut t = types.remove(&home).unwrap_or_default();
            t.structures.sort_by(|a, b| a.name.cmp(&b.name));
            t.enums.sort_by(|a, b| a.name.cmp(&b.name));
            t.unions.sort_by(|a, b| a.name.cmp(&b.name));
            t
        };
        Ok((take(Home::Input), take(Home::Output), take(Home::Errors)))
    }

    fn structure(
        &mut self,
        home: Home,
        id: &str,
        shape: &ast::Shape,
        name: String,
    ) -> Result<Structure, Error> {
        check_traits(id, &shape.traits, &mut self.warnings)?;
        let structure_sensitive = shape.traits.contains_key("smithy.api#sensitive");
        let mut fields: Vec<Field> = Vec::new();
        let mut reserved = vec!["builder", "validate", "to_json", "from_json", "build"];
        if shape.traits.contains_key("smithy.api#error") {
            // `request_id` is not among them: a member of that name takes
            // the accessor, as in the AWS SDK for Rust.
            reserved.extend([
                "meta",
                "http_status",
                "error_message",
                "is_retryable",
                "with_response",
            ]);
        }
        let mut methods: BTreeMap<String, String> = reserved
            .into_iter()
            .map(|m| (m.to_owned(), "a generated method".to_owned()))
            .collect();
        for (member_name, member) in &shape.members {
            let member_id = format!("{id}${member_name}");
            check_traits(&member_id, &member.traits, &mut self.warnings)?;
            let field_name = naming::field_name(member_name);
            let bare = naming::unraw(&field_name);
            let (set_method, get_method) = naming::builder_methods(&field_name);
            for method in [bare.to_owned(), set_method.clone(), get_method.clone()] {
                if let Some(owner) = methods.insert(method.clone(), member_id.clone()) {
                    return Err(Error::on_shape(
                        &member_id,
                        format!("its Rust name `{method}` collides with {owner}"),
                    ));
                }
            }
            let mut value = self.value(home, &member_id, &member.target, &member.traits)?;
            value.sensitive |= structure_sensitive;
            value.boxed = self.is_boxed(id, member_name);
            let json_name = json_name(&member_id, member_name, &member.traits)?;
            let idempotency_token = member.traits.contains_key("smithy.api#idempotencyToken");
            let ensure_method = idempotency_token.then(|| naming::ensure_method(&field_name));
            // A streaming payload is read by value: `into_x` hands it over.
            let into_method = matches!(value.kind, Kind::Stream { .. } | Kind::EventStream { .. })
                .then(|| naming::into_method(&field_name));
            if let Some(ensure) = ensure_method.as_ref().or(into_method.as_ref())
                && let Some(owner) = methods.insert(ensure.clone(), member_id.clone())
            {
                return Err(Error::on_shape(
                    &member_id,
                    format!("its Rust name `{ensure}` collides with {owner}"),
                ));
            }
            if idempotency_token && value.kind != Kind::String {
                return Err(Error::on_trait(
                    &member_id,
                    "smithy.api#idempotencyToken",
                    "only a string member can be an idempotency token",
                ));
            }
            let role = if self.operation_inputs.contains(id) {
                Role::Input
            } else if self.operation_outputs.contains(id) {
                Role::Output
            } else if shape.traits.contains_key("smithy.api#error") {
                Role::Error
            } else {
                Role::Nested
            };
            let binding = role.applies(binding(&member_id, &member.traits)?);
            if binding != Binding::Body {
                check_bound_member(&member_id, &binding, &value)?;
            }
            if let Kind::Stream { .. } | Kind::EventStream { .. } = value.kind {
                check_stream_member(&member_id, role, &binding, &member.traits, &value.kind)?;
            }
            let default = default_value(&member_id, &member.traits, &value)?;
            // Every member of an operation's input is optional to its
            // caller (as `@input` makes it), and so is a `@clientOptional`
            // one: unset, it is not sent, and the service, which owns the
            // default, applies it.
            let input = matches!(role, Role::Input);
            let optional = input || member.traits.contains_key("smithy.api#clientOptional");
            let required =
                member.traits.contains_key("smithy.api#required") && !(input && default.is_some());
            // The service's customization: an account id left unset or
            // empty is the caller's own, as the AWS SDKs send it.
            let account_default = match self.customizations.account_id {
                Some((name, value))
                    if input && binding == Binding::Label && member_name == name =>
                {
                    Some(value)
                }
                _ => None,
            };
            let default = match value.kind {
                // Never absent: unset, it is an empty stream, which sends no
                // body (and reads from one), as the AWS SDKs have it; an
                // event stream without events sends only its end.
                Kind::Stream { .. } | Kind::EventStream { .. } => Some(DefaultValue::EmptyStream),
                _ if account_default.is_some() => {
                    account_default.map(|v| DefaultValue::String(v.to_owned()))
                }
                _ if optional => None,
                _ => default,
            };
            let required = required && account_default.is_none();
            fields.push(Field {
                member: member_name.clone(),
                json_name,
                name: field_name,
                set_method,
                get_method,
                ensure_method,
                docs: {
                    let mut docs = match documentation(&member.traits) {
                        docs if docs.is_empty() => vec![format!("The `{member_name}` member.")],
                        docs => docs,
                    };
                    docs.extend(self.int_enum_docs(&member.target));
                    docs
                },
                deprecated: deprecation(&member_id, &member.traits)?,
                required,
                idempotency_token,
                binding,
                default,
                empty_takes_default: account_default.is_some(),
                value,
            });
        }
        // The payload is the whole body: nothing else can be in it.
        if let Some(payload) = fields.iter().find(|f| f.binding == Binding::Payload)
            && let Some(other) = fields.iter().find(|f| f.binding == Binding::Body)
        {
            return Err(Error::on_shape(
                &format!("{id}${}", other.member),
                format!(
                    "is in the body, which the `@httpPayload` member `{}` is all of: bind it elsewhere",
                    payload.member
                ),
            ));
        }
        // An event's payload member is its message's whole payload: every
        // other member is a header.
        let event_payloads: Vec<&Field> = fields
            .iter()
            .filter(|f| f.binding == Binding::EventPayload)
            .collect();
        if let Some(second) = event_payloads.get(1) {
            return Err(Error::on_shape(
                &format!("{id}${}", second.member),
                format!(
                    "an event has one `@eventPayload` member at most, and `{}` is one already",
                    event_payloads[0].member
                ),
            ));
        }
        if let Some(payload) = event_payloads.first()
            && let Some(other) = fields
                .iter()
                .find(|f| f.binding != Binding::EventHeader && f.binding != Binding::EventPayload)
        {
            return Err(Error::on_shape(
                &format!("{id}${}", other.member),
                format!(
                    "is in the event's payload, which the `@eventPayload` member `{}` is all of: make it an `@eventHeader`",
                    payload.member
                ),
            ));
        }
        let error = match shape.traits.get("smithy.api#error") {
            None => None,
            Some(fault) => Some(error_traits(id, fault, &shape.traits)?),
        };
        // A copy for another operation names the shape it copies.
        let id = self.copies.get(id).map_or(id, String::as_str);
        Ok(Structure {
            id: id.to_owned(),
            predicate: naming::predicate_name(&name),
            builder: naming::builder_name(&name),
            module: naming::module_name(&name),
            name,
            wire_name: local_name(id).to_owned(),
            docs: documentation(&shape.traits),
            deprecated: deprecation(id, &shape.traits)?,
            fields,
            error,
        })
    }

    /// For a member that targets an `intEnum`, the lines that name its
    /// values, which the `i32` it holds does not.
    fn int_enum_docs(&self, target: &str) -> Docs {
        let Some(shape) = self
            .model
            .shapes
            .get(target)
            .filter(|s| s.kind == "intEnum")
        else {
            return Docs::new();
        };
        let mut docs = vec![
            String::new(),
            format!("One of the values of `{}`:", local_name(target)),
        ];
        for (name, member) in &shape.members {
            match member
                .traits
                .get("smithy.api#enumValue")
                .and_then(Json::as_i64)
            {
                Some(value) => docs.push(format!("- `{value}`: `{name}`")),
                None => docs.push(format!("- `{name}`")),
            }
        }
        docs
    }

    /// A union shape: one variant per member, a `smithy.api#Unit` member
    /// holding nothing.
    fn union(
        &mut self,
        home: Home,
        id: &str,
        shape: &ast::Shape,
        name: String,
    ) -> Result<Union, Error> {
        check_traits(id, &shape.traits, &mut self.warnings)?;
        let sensitive = shape.traits.contains_key("smithy.api#sensitive");
        let event_stream = shape.traits.contains_key("smithy.api#streaming");
        let mut taken: BTreeMap<String, String> = ["Unknown", "is_unknown"]
            .into_iter()
            .map(|name| (name.to_owned(), "a generated variant".to_owned()))
            .collect();
        let mut variants = Vec::new();
        for (member_name, member) in &shape.members {
            let member_id = format!("{id}${member_name}");
            check_traits(&member_id, &member.traits, &mut self.warnings)?;
            let mut variant = naming::type_name(member_name);
            let mut field = naming::unraw(&naming::field_name(member_name)).to_owned();
            // `Unknown` holds what the model does not name, as in enums.
            if variant == "Unknown" {
                variant = "UnknownValue".to_owned();
                field = "unknown_value".to_owned();
            }
            let (is_method, as_method) = (format!("is_{field}"), format!("as_{field}"));
            for taken_name in [&variant, &is_method, &as_method] {
                if let Some(owner) = taken.insert(taken_name.clone(), member_id.clone()) {
                    return Err(Error::on_shape(
                        &member_id,
                        format!("its Rust name `{taken_name}` collides with {owner}"),
                    ));
                }
            }
            let value = if member.target == "smithy.api#Unit" {
                None
            } else {
                let mut value = self.value(home, &member_id, &member.target, &member.traits)?;
                value.boxed = self.is_boxed(id, member_name);
                value.sensitive |= sensitive;
                Some(value)
            };
            // Each message of an event stream is one of its members: an
            // event, or an error, each a structure.
            let error = if event_stream {
                if !value
                    .as_ref()
                    .is_some_and(|v| matches!(v.kind, Kind::Structure(_)))
                {
                    return Err(Error::on_shape(
                        &member_id,
                        "a member of an event stream (a `@streaming` union) must target a structure",
                    ));
                }
                self.shape(&member.target)?
                    .traits
                    .contains_key("smithy.api#error")
            } else {
                false
            };
            let json_name = json_name(&member_id, member_name, &member.traits)?;
            variants.push(UnionVariant {
                member: member_name.clone(),
                json_name,
                name: variant,
                is_method,
                as_method,
                docs: match documentation(&member.traits) {
                    docs if docs.is_empty() => vec![format!("The `{member_name}` member.")],
                    docs => docs,
                },
                deprecated: deprecation(&member_id, &member.traits)?,
                value,
                error,
            });
        }
        Ok(Union {
            id: id.to_owned(),
            module: naming::module_name(&name),
            name,
            docs: documentation(&shape.traits),
            deprecated: deprecation(id, &shape.traits)?,
            variants,
            event_stream,
        })
    }

    /// The value a member holds: its target's type, with the member's traits over the target's.
    fn value(
        &mut self,
        home: Home,
        member_id: &str,
        target: &str,
        member_traits: &Traits,
    ) -> Result<Value, Error> {
        let (kind, target_traits) = match prelude(target) {
            Some(kind) => (kind, None),
            None if target.starts_with("smithy.api#")
                && !self.model.shapes.contains_key(target) =>
            {
                return Err(Error::on_shape(
                    member_id,
                    format!(
                        "its target, the prelude's `{}`, is not supported",
                        local_name(target)
                    ),
                ));
            }
            None => {
                let shape = self.shape(target)?;
                check_traits(target, &shape.traits, &mut self.warnings)?;
                let kind = match shape.kind.as_str() {
                    // An IDL 1.0 enum: the enum shape Smithy 2.0 makes of it.
                    "string" if shape.traits.contains_key(ENUM_TRAIT) => {
                        let name = self.nested_type_name(home, target);
                        self.reach(home, target, &name)?;
                        Kind::Enum(name)
                    }
                    "string" => Kind::String,
                    "boolean" => Kind::Boolean,
                    "byte" => Kind::Byte,
                    "short" => Kind::Short,
                    // An open set of named integers: an `i32`, as the AWS SDK
                    // for Rust has it, the names in the member's documentation.
                    "integer" | "intEnum" => Kind::Integer,
                    "long" => Kind::Long,
                    "float" => Kind::Float,
                    "double" => Kind::Double,
                    "bigInteger" => Kind::BigInteger,
                    "bigDecimal" => Kind::BigDecimal,
                    "timestamp" => Kind::Timestamp,
                    "blob" if shape.traits.contains_key("smithy.api#streaming") => Kind::Stream {
                        requires_length: shape.traits.contains_key("smithy.api#requiresLength"),
                    },
                    "blob" if shape.traits.contains_key("smithy.api#requiresLength") => {
                        return Err(Error::on_trait(
                            target,
                            "smithy.api#requiresLength",
                            "applies to `@streaming` blobs only",
                        ));
                    }
                    "union" if shape.traits.contains_key("smithy.api#streaming") => {
                        let name = self.nested_type_name(home, target);
                        self.reach(home, target, &name)?;
                        Kind::EventStream {
                            union: name,
                            sent: home == Home::Input,
                        }
                    }
                    "blob" => Kind::Blob,
                    "document" => Kind::Document,
                    "map" => {
                        let (Some(key), Some(value)) = (&shape.key, &shape.value) else {
                            return Err(Error::on_shape(target, "a map needs a key and a value"));
                        };
                        self.open_collection(target)?;
                        let key_id = format!("{target}$key");
                        check_traits(&key_id, &key.traits, &mut self.warnings)?;
                        let key_value = self.value(home, &key_id, &key.target, &key.traits)?;
                        // Keys are read and written as the JSON object's own
                        // keys: strings (`@length` and `@pattern` checked by
                        // validation) and enums are.
                        if !matches!(key_value.kind, Kind::String | Kind::Enum(_)) {
                            return Err(Error::on_shape(
                                &key_id,
                                "a map's keys must be strings or enums",
                            ));
                        }
                        let value_id = format!("{target}$value");
                        check_traits(&value_id, &value.traits, &mut self.warnings)?;
                        let mut value =
                            self.value(home, &value_id, &value.target, &value.traits)?;
                        self.open_collections.pop();
                        // A sensitive key makes every entry sensitive.
                        value.sensitive |= key_value.sensitive;
                        value.nullable = shape.traits.contains_key("smithy.api#sparse");
                        Kind::Map {
                            key: Box::new(key_value),
                            value: Box::new(value),
                        }
                    }
                    "enum" => {
                        let name = self.nested_type_name(home, target);
                        self.reach(home, target, &name)?;
                        Kind::Enum(name)
                    }
                    "structure" => {
                        let name = self.nested_type_name(home, target);
                        self.reach(home, target, &name)?;
                        Kind::Structure(name)
                    }
                    "union" => {
                        let name = self.nested_type_name(home, target);
                        self.reach(home, target, &name)?;
                        Kind::Union(name)
                    }
                    "list" => {
                        let member = shape
                            .member
                            .as_ref()
                            .ok_or_else(|| Error::on_shape(target, "a list needs a member"))?;
                        let element_id = format!("{target}$member");
                        check_traits(&element_id, &member.traits, &mut self.warnings)?;
                        self.open_collection(target)?;
                        let mut item =
                            self.value(home, &element_id, &member.target, &member.traits)?;
                        self.open_collections.pop();
                        item.nullable = shape.traits.contains_key("smithy.api#sparse");
                        Kind::List(Box::new(item))
                    }
                    other => {
                        return Err(Error::on_shape(
                            target,
                            format!("shapes of type `{other}` are not supported"),
                        ));
                    }
                };
                (kind, Some(&shape.traits))
            }
        };
        let lookup = |trait_id: &str| {
            member_traits
                .get(trait_id)
                .or_else(|| target_traits.and_then(|t| t.get(trait_id)))
        };
        let sensitive = lookup("smithy.api#sensitive").is_some();
        let length = match lookup("smithy.api#length") {
            None => None,
            Some(length) => {
                // An enum is a string: its value's length is checked.
                if !matches!(
                    kind,
                    Kind::String | Kind::Enum(_) | Kind::Blob | Kind::List(_) | Kind::Map { .. }
                ) {
                    return Err(Error::on_trait(
                        member_id,
                        "smithy.api#length",
                        "only strings, enums, blobs, lists and maps are supported",
                    ));
                }
                let (min, max) = bounds(
                    member_id,
                    "smithy.api#length",
                    length,
                    Json::as_u64,
                    "a non-negative integer",
                )?;
                Some(Length { min, max })
            }
        };
        let pattern = match lookup("smithy.api#pattern") {
            None => None,
            Some(Json::String(ecma)) => {
                if !matches!(kind, Kind::String | Kind::Enum(_)) {
                    return Err(Error::on_trait(
                        member_id,
                        "smithy.api#pattern",
                        "only strings and enums are supported",
                    ));
                }
                // A pattern no grammar of ECMA-262 accepts checks nothing:
                // the service still checks its own, so the client is not
                // wrong without it, and the warning says so.
                match pattern::read(ecma) {
                    Ok(reading) => Some(Pattern {
                        ecma: ecma.clone(),
                        source: reading.source,
                        unicode: reading.unicode,
                    }),
                    Err(e) => {
                        self.warnings.note_message(format!(
                            "{member_id}: trait `smithy.api#pattern`: {ecma:?} is not an ECMA-262 regular expression ({e}), so `validate()` does not check it"
                        ));
                        None
                    }
                }
            }
            Some(_) => {
                return Err(Error::on_trait(
                    member_id,
                    "smithy.api#pattern",
                    "must be a string",
                ));
            }
        };
        let range = match lookup("smithy.api#range") {
            None => None,
            Some(range) => Some(range_of(member_id, &kind, range)?),
        };
        let media_type = match lookup("smithy.api#mediaType") {
            None => None,
            Some(Json::String(media_type))
                if matches!(kind, Kind::String | Kind::Blob | Kind::Stream { .. }) =>
            {
                Some(media_type.clone())
            }
            Some(_) => {
                return Err(Error::on_trait(
                    member_id,
                    "smithy.api#mediaType",
                    "must be a string, on a blob or a string",
                ));
            }
        };
        // A list shape's own trait (a member cannot carry it).
        let unique_items = lookup("smithy.api#uniqueItems").is_some();
        if unique_items && !matches!(kind, Kind::List(_)) {
            return Err(Error::on_trait(
                member_id,
                "smithy.api#uniqueItems",
                "applies to lists only",
            ));
        }
        let timestamp_format = match lookup("smithy.api#timestampFormat") {
            None => None,
            Some(format) => {
                if kind != Kind::Timestamp {
                    return Err(Error::on_trait(
                        member_id,
                        "smithy.api#timestampFormat",
                        "applies to timestamps only",
                    ));
                }
                Some(match format.as_str() {
                    Some("date-time") => TimestampFormat::DateTime,
                    Some("http-date") => TimestampFormat::HttpDate,
                    Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                    _ => {
                        return Err(Error::on_trait(
                            member_id,
                            "smithy.api#timestampFormat",
                            "must be \"date-time\", \"http-date\" or \"epoch-seconds\"",
                        ));
                    }
                })
            }
        };
        Ok(Value {
            kind,
            sensitive,
            length,
            pattern,
            range,
            unique_items,
            nullable: false,
            boxed: false,
            media_type,
            timestamp_format,
        })
    }
}

/// Says of an operation's input or output structure whose it is. The
/// operation's own documentation is the client method's and the
/// operation type's, not repeated here.
fn describe_operation_structure(types: &mut Types, name: &str, operation: &Operation, role: &str) {
    let Some(structure) = types.structures.iter_mut().find(|s| s.name == name) else {
        return;
    };
    let mut docs = vec![format!("{role} of the `{}` operation.", operation.name)];
    if !structure.docs.is_empty() {
        docs.push(String::new());
        docs.extend(structure.docs.iter().cloned());
    }
    structure.docs = docs;
    if structure.deprecated.is_none() {
        structure.deprecated = operation.deprecated.clone();
    }
}

/// The IDL 1.0 trait that makes a string an enum.
const ENUM_TRAIT: &str = "smithy.api#enum";

fn enumeration(
    id: &str,
    shape: &ast::Shape,
    name: String,
    warnings: &mut Warnings,
) -> Result<Enum, Error> {
    check_traits(id, &shape.traits, warnings)?;
    // An enum shape's own members; a 1.0 enum's made from its trait.
    let members = match shape.traits.get(ENUM_TRAIT) {
        Some(definitions) if shape.kind == "string" => {
            std::borrow::Cow::Owned(enum_trait_members(id, definitions)?)
        }
        _ => std::borrow::Cow::Borrowed(&shape.members),
    };
    let mut variants: Vec<Variant> = Vec::new();
    for (member_name, member) in members.iter() {
        let member_id = format!("{id}${member_name}");
        check_traits(&member_id, &member.traits, warnings)?;
        let value = match member.traits.get("smithy.api#enumValue") {
            None => member_name.clone(),
            Some(Json::String(value)) => value.clone(),
            Some(_) => {
                return Err(Error::on_trait(
                    &member_id,
                    "smithy.api#enumValue",
                    "must be a string",
                ));
            }
        };
        let mut variant = naming::type_name(member_name);
        // `Unknown` is the catch-all for values the model does not list.
        if variant == "Unknown" {
            variant = "UnknownValue".to_owned();
        }
        if let Some(other) = variants.iter().find(|v| v.name == variant) {
            return Err(Error::on_shape(
                &member_id,
                format!(
                    "its Rust name `{variant}` collides with the member for {:?}",
                    other.value
                ),
            ));
        }
        variants.push(Variant {
            name: variant,
            value,
            docs: documentation(&member.traits),
            deprecated: deprecation(&member_id, &member.traits)?,
        });
    }
    Ok(Enum {
        id: id.to_owned(),
        module: naming::module_name(&name),
        name,
        docs: documentation(&shape.traits),
        variants,
    })
}

/// The members of the enum shape Smithy 2.0 makes of a string with the
/// IDL 1.0 `enum` trait, checked as the trait defines it: each definition
/// a non-empty, unique `value`, with a `name` (an identifier, unique) on
/// all definitions or on none; where there are none, a name is made of the
/// value as Smithy makes one (runs of `-`, `.`, `:`, `/` and white space
/// become `_`), and a value that makes no identifier is refused. A
/// definition's `documentation`, `tags` and `deprecated` become the
/// member's traits.
fn enum_trait_members(
    id: &str,
    definitions: &Json,
) -> Result<IndexMap<String, ast::Member>, Error> {
    let refuse = |why: String| Error::on_trait(id, ENUM_TRAIT, why);
    let definitions = match definitions.as_array() {
        Some(definitions) if !definitions.is_empty() => definitions,
        _ => {
            return Err(refuse(
                "must be a non-empty list of enum definitions".to_owned(),
            ));
        }
    };
    let is_identifier = |text: &str| {
        let mut chars = text.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let named = definitions
        .iter()
        .filter(|d| d.get("name").is_some())
        .count();
    if named != 0 && named != definitions.len() {
        return Err(refuse(
            "either every definition has a `name` or none does".to_owned(),
        ));
    }
    let mut members: IndexMap<String, ast::Member> = IndexMap::new();
    let mut values = BTreeSet::new();
    for (index, definition) in definitions.iter().enumerate() {
        let Some(fields) = definition.as_object() else {
            return Err(refuse(format!("definition {index} must be an object")));
        };
        if let Some(key) = fields.keys().find(|key| {
            !matches!(
                key.as_str(),
                "value" | "name" | "documentation" | "tags" | "deprecated"
            )
        }) {
            return Err(refuse(format!(
                "definition {index} has an unknown key `{key}`"
            )));
        }
        let value = match fields.get("value") {
            Some(Json::String(value)) if !value.is_empty() => value,
            _ => {
                return Err(refuse(format!(
                    "definition {index} needs a `value`, a non-empty string"
                )));
            }
        };
        if !values.insert(value.as_str()) {
            return Err(refuse(format!("the value {value:?} is defined twice")));
        }
        let name = match fields.get("name") {
            Some(Json::String(name)) if is_identifier(name) => name.clone(),
            Some(_) => {
                return Err(refuse(format!(
                    "the `name` of {value:?} must be an identifier (letters, digits and `_`, not first a digit)"
                )));
            }
            None => {
                let mut name = String::new();
                let mut in_run = false;
                for c in value.chars() {
                    let separator = matches!(c, '-' | '.' | ':' | '/') || c.is_whitespace();
                    if !separator {
                        name.push(c);
                    } else if !in_run {
                        name.push('_');
                    }
                    in_run = separator;
                }
                if !is_identifier(&name) {
                    return Err(refuse(format!(
                        "the value {value:?} has no `name`, and no identifier can be made of it"
                    )));
                }
                name
            }
        };
        let mut traits = Traits::new();
        traits.insert(
            "smithy.api#enumValue".to_owned(),
            Json::String(value.clone()),
        );
        match fields.get("documentation") {
            None => {}
            Some(docs @ Json::String(_)) => {
                traits.insert("smithy.api#documentation".to_owned(), docs.clone());
            }
            Some(_) => {
                return Err(refuse(format!(
                    "the `documentation` of {value:?} must be a string"
                )));
            }
        }
        match fields.get("tags") {
            None => {}
            Some(Json::Array(tags)) if tags.iter().all(Json::is_string) => {
                traits.insert("smithy.api#tags".to_owned(), Json::Array(tags.clone()));
            }
            Some(_) => {
                return Err(refuse(format!(
                    "the `tags` of {value:?} must be a list of strings"
                )));
            }
        }
        match fields.get("deprecated") {
            None | Some(Json::Bool(false)) => {}
            Some(Json::Bool(true)) => {
                traits.insert(
                    "smithy.api#deprecated".to_owned(),
                    Json::Object(Default::default()),
                );
            }
            Some(_) => {
                return Err(refuse(format!(
                    "the `deprecated` of {value:?} must be a boolean"
                )));
            }
        }
        if members.contains_key(&name) {
            return Err(refuse(format!("the name `{name}` is given twice")));
        }
        members.insert(
            name,
            ast::Member {
                target: "smithy.api#Unit".to_owned(),
                traits,
            },
        );
    }
    Ok(members)
}

fn error_traits(id: &str, fault: &Json, traits: &Traits) -> Result<ErrorTraits, Error> {
    let fault = match fault.as_str() {
        Some("client") => Fault::Client,
        Some("server") => Fault::Server,
        _ => {
            return Err(Error::on_trait(
                id,
                "smithy.api#error",
                "must be \"client\" or \"server\"",
            ));
        }
    };
    let http_status = match traits.get("smithy.api#httpError") {
        None => None,
        Some(code) => Some(
            code.as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| {
                    Error::on_trait(id, "smithy.api#httpError", "must be an HTTP status")
                })?,
        ),
    };
    let throttling_trait = traits
        .get("smithy.api#retryable")
        .map(|r| r.get("throttling").and_then(Json::as_bool).unwrap_or(false));
    let retry = if throttling_trait == Some(true) || http_status == Some(429) {
        Some(RetryKind::Throttling)
    } else if fault == Fault::Server {
        Some(RetryKind::Server)
    } else if throttling_trait.is_some() {
        Some(RetryKind::Transient)
    } else {
        None
    };
    Ok(ErrorTraits {
        fault,
        http_status,
        retry,
    })
}

fn prelude(id: &str) -> Option<Kind> {
    match id {
        "smithy.api#String" => Some(Kind::String),
        "smithy.api#Boolean" | "smithy.api#PrimitiveBoolean" => Some(Kind::Boolean),
        "smithy.api#Byte" | "smithy.api#PrimitiveByte" => Some(Kind::Byte),
        "smithy.api#Short" | "smithy.api#PrimitiveShort" => Some(Kind::Short),
        "smithy.api#Integer" | "smithy.api#PrimitiveInteger" => Some(Kind::Integer),
        "smithy.api#Long" | "smithy.api#PrimitiveLong" => Some(Kind::Long),
        "smithy.api#Float" | "smithy.api#PrimitiveFloat" => Some(Kind::Float),
        "smithy.api#Double" | "smithy.api#PrimitiveDouble" => Some(Kind::Double),
        "smithy.api#BigInteger" => Some(Kind::BigInteger),
        "smithy.api#BigDecimal" => Some(Kind::BigDecimal),
        "smithy.api#Timestamp" => Some(Kind::Timestamp),
        "smithy.api#Blob" => Some(Kind::Blob),
        "smithy.api#Document" => Some(Kind::Document),
        _ => None,
    }
}

const AUTH: &str = "smithy.api#auth";
const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
const SIGV4: &str = "aws.auth#sigv4";
const WAITABLE: &str = "smithy.waiters#waitable";
const BEARER: &str = "smithy.api#httpBearerAuth";

/// The auth schemes an `@auth` trait names, in order.
fn scheme_list<'m>(id: &str, value: &'m Json) -> Result<Vec<&'m str>, Error> {
    value
        .as_array()
        .and_then(|schemes| schemes.iter().map(Json::as_str).collect::<Option<Vec<_>>>())
        .ok_or_else(|| Error::on_trait(id, AUTH, "must be a list of shape ids"))
}

/// The schemes a generated client authenticates with.
const SUPPORTED_SCHEMES: [&str; 2] = [SIGV4, BEARER];

/// The first of `schemes` that a generated client supports; `None` where
/// there are none; an error, naming the first, where none is supported.
fn supported_scheme<'m>(id: &str, schemes: &[&'m str]) -> Result<Option<&'m str>, Error> {
    match schemes
        .iter()
        .find(|scheme| SUPPORTED_SCHEMES.contains(scheme))
    {
        Some(scheme) => Ok(Some(scheme)),
        None => match schemes.first() {
            None => Ok(None),
            Some(first) => Err(Error::on_trait(
                id,
                first,
                "authentication other than SigV4 and bearer tokens is not supported by this generator",
            )),
        },
    }
}

/// Checks each trait of `id` against the generator's table: a refused one
/// is an error naming it; an unknown or warned one is noted in `warnings`.
fn check_traits(id: &str, traits: &Traits, warnings: &mut Warnings) -> Result<(), Error> {
    for trait_id in traits.keys() {
        match traits::lookup(trait_id).map(|known| known.treatment) {
            Some(Treatment::Applied | Treatment::NoEffect) => {}
            Some(Treatment::Warned) | None => warnings.note(trait_id, id),
            Some(Treatment::Refused) => {
                let why = traits::lookup(trait_id).map_or("", |known| known.what);
                return Err(Error::on_trait(
                    id,
                    trait_id,
                    format!("not supported by this generator: {why}"),
                ));
            }
        }
    }
    Ok(())
}

/// What generation goes on without: traits, each with the first shape
/// that has it and how many do (one warning a trait), and other messages.
#[derive(Debug, Default)]
struct Warnings {
    traits: BTreeMap<String, (String, usize)>,
    messages: Vec<String>,
}

impl Warnings {
    fn note(&mut self, trait_id: &str, shape: &str) {
        self.traits
            .entry(trait_id.to_owned())
            .or_insert_with(|| (shape.to_owned(), 0))
            .1 += 1;
    }

    fn note_message(&mut self, message: String) {
        self.messages.push(message);
    }

    fn into_messages(self) -> Vec<String> {
        let by_trait = self.traits.into_iter().map(|(trait_id, (first, count))| {
            let why = match traits::lookup(&trait_id) {
                Some(known) => known.what,
                None => "not known to this generator, which ignores it",
            };
            let more = match count {
                1 => String::new(),
                n => format!(" (and {} more shapes)", n - 1),
            };
            format!("{first}{more}: trait `{trait_id}`: {why}")
        });
        by_trait.chain(self.messages).collect()
    }
}

/// The `aws.api#service` trait's `endpointPrefix`; where the model leaves
/// it out, the trait's definition defaults it to `arnNamespace`, and that to
/// the service shape's own name in lower case.
fn endpoint_prefix(id: &str, aws_service: &Json) -> Result<String, Error> {
    for key in ["endpointPrefix", "arnNamespace"] {
        if aws_service.get(key).is_some() {
            return string_field(id, "aws.api#service", aws_service, key);
        }
    }
    Ok(local_name(id).to_lowercase())
}

fn string_field(id: &str, trait_id: &str, value: &Json, field: &str) -> Result<String, Error> {
    value
        .get(field)
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::on_trait(id, trait_id, format!("`{field}` must be a string")))
}

fn documentation(traits: &Traits) -> Docs {
    traits
        .get("smithy.api#documentation")
        .and_then(Json::as_str)
        .map(docs::to_markdown)
        .unwrap_or_default()
}

/// A service's or operation's deprecation, with the generator's advice
/// after the model's words.
fn advised(deprecation: Option<Deprecation>, options: &Options) -> Option<Deprecation> {
    let mut deprecation = deprecation?;
    if let Some(advice) = &options.deprecation_advice {
        deprecation.message = Some(match deprecation.message.as_deref().map(str::trim_end) {
            None | Some("") => advice.clone(),
            Some(said) if said.ends_with(['.', '!', '?']) => format!("{said} {advice}"),
            Some(said) => format!("{said}. {advice}"),
        });
    }
    Some(deprecation)
}

fn deprecation(id: &str, traits: &Traits) -> Result<Option<Deprecation>, Error> {
    let Some(value) = traits.get("smithy.api#deprecated") else {
        return Ok(None);
    };
    let text = |key| match value.get(key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::on_trait(
            id,
            "smithy.api#deprecated",
            format!("`{key}` must be a string"),
        )),
    };
    Ok(Some(Deprecation {
        message: text("message")?,
        since: text("since")?,
    }))
}

fn local_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// Where a structure is used, which decides which of its members' HTTP
/// binding traits mean anything.
#[derive(Clone, Copy)]
enum Role {
    /// An operation's input: labels, query parameters and headers.
    Input,
    /// An operation's output: headers and the status code.
    Output,
    /// An error: headers.
    Error,
    /// Inside another structure, a list or a map, where binding traits
    /// have no meaning and every member is in the body.
    Nested,
}

impl Role {
    /// Where a member bound as `binding` travels in a structure used so:
    /// a binding that has no meaning here leaves the member in the body,
    /// as the HTTP binding traits specify (a query parameter of an output
    /// is read from the output's JSON).
    fn applies(self, binding: Binding) -> Binding {
        match (self, &binding) {
            (
                Role::Input,
                Binding::Label
                | Binding::Query(_)
                | Binding::QueryParams
                | Binding::Header(_)
                | Binding::PrefixHeaders(_)
                | Binding::Payload,
            )
            | (
                Role::Output,
                Binding::Header(_)
                | Binding::PrefixHeaders(_)
                | Binding::ResponseCode
                | Binding::Payload,
            )
            | (Role::Error, Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::Payload)
            // An event's members, wherever the event is: what its message
            // carries in headers and payload.
            | (_, Binding::EventHeader | Binding::EventPayload) => binding,
            _ => Binding::Body,
        }
    }
}

/// Where a member travels, from its `httpLabel`, `httpQuery`,
/// `httpQueryParams`, `httpHeader`, `httpPrefixHeaders`, `httpPayload` and
/// `httpResponseCode` traits; at most one of them.
fn binding(member_id: &str, traits: &Traits) -> Result<Binding, Error> {
    let mut bindings = Vec::new();
    if traits.contains_key("smithy.api#httpLabel") {
        bindings.push(Binding::Label);
    }
    if traits.contains_key("smithy.api#httpResponseCode") {
        bindings.push(Binding::ResponseCode);
    }
    if traits.contains_key("smithy.api#httpQueryParams") {
        bindings.push(Binding::QueryParams);
    }
    if traits.contains_key("smithy.api#httpPayload") {
        bindings.push(Binding::Payload);
    }
    if traits.contains_key("smithy.api#eventHeader") {
        bindings.push(Binding::EventHeader);
    }
    if traits.contains_key("smithy.api#eventPayload") {
        bindings.push(Binding::EventPayload);
    }
    match traits.get("smithy.api#httpPrefixHeaders") {
        None => {}
        // The empty prefix is allowed: it binds every header.
        Some(Json::String(prefix)) => bindings.push(Binding::PrefixHeaders(prefix.clone())),
        Some(_) => {
            return Err(Error::on_trait(
                member_id,
                "smithy.api#httpPrefixHeaders",
                "must be a string",
            ));
        }
    }
    for (trait_id, make) in [
        (
            "smithy.api#httpQuery",
            Binding::Query as fn(String) -> Binding,
        ),
        ("smithy.api#httpHeader", Binding::Header),
    ] {
        match traits.get(trait_id) {
            None => {}
            Some(Json::String(name)) if !name.is_empty() => bindings.push(make(name.clone())),
            Some(_) => {
                return Err(Error::on_trait(
                    member_id,
                    trait_id,
                    "must be a non-empty string",
                ));
            }
        }
    }
    match bindings.len() {
        0 => Ok(Binding::Body),
        1 => Ok(bindings.remove(0)),
        _ => Err(Error::on_shape(
            member_id,
            "a member can have only one of `@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`, `@httpPrefixHeaders`, `@httpPayload`, `@httpResponseCode`, `@eventHeader` and `@eventPayload`",
        )),
    }
}

/// A member's key on the JSON wire: its `jsonName`, else its own name.
fn json_name(member_id: &str, member_name: &str, traits: &Traits) -> Result<String, Error> {
    match traits.get("smithy.api#jsonName") {
        Some(Json::String(json_name)) => Ok(json_name.clone()),
        Some(_) => Err(Error::on_trait(
            member_id,
            "smithy.api#jsonName",
            "must be a string",
        )),
        None => Ok(member_name.to_owned()),
    }
}

/// The `min` and `max` of a `length` or `range` trait, each read with `read`.
fn bounds<T>(
    member_id: &str,
    trait_id: &str,
    value: &Json,
    read: fn(&Json) -> Option<T>,
    what: &str,
) -> Result<(Option<T>, Option<T>), Error> {
    let bound = |key| match value.get(key) {
        None => Ok(None),
        Some(v) => read(v)
            .map(Some)
            .ok_or_else(|| Error::on_trait(member_id, trait_id, format!("`{key}` must be {what}"))),
    };
    Ok((bound("min")?, bound("max")?))
}

/// The `range` trait of a member of kind `kind`: its bounds are numbers
/// (decimal, any size); a number type's own.
fn range_of(member_id: &str, kind: &Kind, range: &Json) -> Result<Range, Error> {
    const TRAIT: &str = "smithy.api#range";
    let (min, max) = bounds(
        member_id,
        TRAIT,
        range,
        |bound| match bound {
            Json::Number(number) => Some(number.to_string()),
            _ => None,
        },
        "a number",
    )?;
    if kind.is_integer() {
        let whole = |bound: &Option<String>, up: bool| -> Result<Option<i64>, Error> {
            match bound
                .as_deref()
                .map(|text| crate::node::whole_bound(text, up))
            {
                None | Some(crate::node::WholeBound::Beyond) => Ok(None),
                Some(crate::node::WholeBound::Within(n)) => Ok(Some(n)),
                Some(crate::node::WholeBound::Unreachable) => Err(Error::on_trait(
                    member_id,
                    TRAIT,
                    "no 64-bit integer is within its bounds",
                )),
            }
        };
        return Ok(Range::Integer {
            min: whole(&min, true)?,
            max: whole(&max, false)?,
        });
    }
    if kind.is_float() || matches!(kind, Kind::BigInteger | Kind::BigDecimal) {
        return Ok(Range::Decimal { min, max });
    }
    Err(Error::on_trait(
        member_id,
        TRAIT,
        "applies to numbers only (byte, short, integer, long, float, double, bigInteger, bigDecimal)",
    ))
}

/// The `paginated` trait of operation `id`, its members defaulting to the
/// service's, resolved against the lowered input and output structures.
fn pagination(
    id: &str,
    paginated: &Json,
    service_defaults: Option<&Json>,
    operation: &Operation,
    input: &Types,
    output: &Types,
) -> Result<Pagination, Error> {
    const TRAIT: &str = "smithy.api#paginated";
    let refuse = |why: String| Error::on_trait(id, TRAIT, why);
    let setting = |key: &str| -> Result<Option<&str>, Error> {
        match paginated
            .get(key)
            .or_else(|| service_defaults.and_then(|d| d.get(key)))
        {
            None => Ok(None),
            Some(Json::String(value)) => Ok(Some(value.as_str())),
            Some(_) => Err(refuse(format!("`{key}` must be a string"))),
        }
    };
    let structure = |types: &'_ Types, name: &str| {
        types
            .structures
            .iter()
            .find(|s| s.name == name)
            .cloned()
            .ok_or_else(|| refuse(format!("its structure {name} was not lowered")))
    };
    let input_structure = structure(input, &operation.input)?;
    let input_member = |key: &str, want: &dyn Fn(&Kind) -> bool, what: &str| {
        let Some(member) = setting(key)? else {
            return Ok(None);
        };
        let field = input_structure
            .fields
            .iter()
            .find(|f| f.member == member)
            .ok_or_else(|| refuse(format!("`{key}` names no input member `{member}`")))?;
        if !want(&field.value.kind) {
            return Err(refuse(format!("`{key}` member `{member}` must be {what}")));
        }
        Ok(Some((
            PaginationMember {
                setter: field.name.clone(),
                set_method: field.set_method.clone(),
                get_method: field.get_method.clone(),
            },
            field.value.kind.clone(),
        )))
    };
    let (input_token, _) = input_member("inputToken", &|k| *k == Kind::String, "a string")?
        .ok_or_else(|| refuse("`inputToken` is required".to_owned()))?;
    let page_size = input_member(
        "pageSize",
        &|k| matches!(k, Kind::Integer | Kind::Long),
        "an integer",
    )?;
    // A path of members from the output: structures, then the value.
    let walk = |key: &str| -> Result<Option<(Vec<PathStep>, Value)>, Error> {
        let Some(path) = setting(key)? else {
            return Ok(None);
        };
        let mut current = structure(output, &operation.output)?;
        let mut steps = Vec::new();
        let mut segments = path.split('.').peekable();
        while let Some(segment) = segments.next() {
            let field = current
                .fields
                .iter()
                .find(|f| f.member == segment)
                .cloned()
                .ok_or_else(|| refuse(format!("`{key}` path `{path}`: no member `{segment}`")))?;
            steps.push(PathStep {
                accessor: field.name.clone(),
                optional: field.accessor_is_optional(true),
            });
            if segments.peek().is_none() {
                return Ok(Some((steps, field.value)));
            }
            let Kind::Structure(name) = &field.value.kind else {
                return Err(refuse(format!(
                    "`{key}` path `{path}`: `{segment}` is not a structure"
                )));
            };
            current = structure(output, name)?;
        }
        Err(refuse(format!("`{key}` path is empty")))
    };
    let output_token = match walk("outputToken")? {
        Some((steps, value)) if value.kind == Kind::String => steps,
        Some(_) => return Err(refuse("`outputToken` must name a string".to_owned())),
        None => return Err(refuse("`outputToken` is required".to_owned())),
    };
    let items = match walk("items")? {
        None => None,
        Some((steps, value)) => match value.kind {
            Kind::List(_) | Kind::Map { .. } => Some((steps, value)),
            _ => return Err(refuse("`items` must name a list or a map".to_owned())),
        },
    };
    Ok(Pagination {
        input_token,
        output_token,
        page_size,
        items,
    })
}

/// The encodings of a `@requestCompression` trait, as the specification
/// requires them: at least one, each named once, in any case.
fn request_compression(id: &str, compression: &Json) -> Result<Vec<String>, Error> {
    let refuse = |why: &str| Error::on_trait(id, "smithy.api#requestCompression", why);
    let encodings = compression
        .get("encodings")
        .and_then(Json::as_array)
        .ok_or_else(|| refuse("`encodings` must be a list of strings"))?;
    let mut named: Vec<String> = Vec::new();
    for encoding in encodings {
        let encoding = encoding
            .as_str()
            .ok_or_else(|| refuse("`encodings` must be a list of strings"))?;
        if named.iter().any(|seen| seen.eq_ignore_ascii_case(encoding)) {
            return Err(refuse(&format!("`{encoding}` is named twice")));
        }
        named.push(encoding.to_owned());
    }
    if named.is_empty() {
        return Err(refuse("`encodings` must name at least one encoding"));
    }
    Ok(named)
}

/// Whether a member that targets a `@streaming` blob is where the
/// specification allows one: the payload of an operation's input or output,
/// which is never absent (`@required` or `@default`).
fn check_stream_member(
    member_id: &str,
    role: Role,
    binding: &Binding,
    traits: &Traits,
    kind: &Kind,
) -> Result<(), Error> {
    let what = match kind {
        Kind::EventStream { .. } => "an event stream (a `@streaming` union)",
        _ => "a `@streaming` blob",
    };
    if !matches!(role, Role::Input | Role::Output) || *binding != Binding::Payload {
        return Err(Error::on_shape(
            member_id,
            format!(
                "{what} can only be the `@httpPayload` member of an operation's input or output"
            ),
        ));
    }
    // An event stream may be left out: it is then a stream without events.
    if matches!(kind, Kind::Stream { .. })
        && !traits.contains_key("smithy.api#required")
        && !traits.contains_key("smithy.api#default")
    {
        return Err(Error::on_shape(
            member_id,
            "a member that targets a `@streaming` blob must be `@required` or have a `@default`",
        ));
    }
    Ok(())
}

/// Whether a member bound to the path, the query, a header or the status
/// can be: a label holds one value, a query parameter or header one value
/// or a list of them, and the status an integer.
fn check_bound_member(member_id: &str, binding: &Binding, value: &Value) -> Result<(), Error> {
    if *binding == Binding::ResponseCode {
        if value.kind == Kind::Integer {
            return Ok(());
        }
        return Err(Error::on_shape(
            member_id,
            "an `@httpResponseCode` member must be an integer",
        ));
    }
    let scalar = |value: &Value| {
        value.kind.is_copy()
            || matches!(
                value.kind,
                Kind::String
                    | Kind::Enum(_)
                    | Kind::Timestamp
                    | Kind::Blob
                    | Kind::BigInteger
                    | Kind::BigDecimal
            )
    };
    let text = |value: &Value| matches!(value.kind, Kind::String | Kind::Enum(_));
    match (binding, &value.kind) {
        (
            Binding::EventHeader,
            Kind::Boolean
            | Kind::Byte
            | Kind::Short
            | Kind::Integer
            | Kind::Long
            | Kind::Blob
            | Kind::String
            | Kind::Enum(_)
            | Kind::Timestamp,
        )
        | (
            Binding::EventPayload,
            Kind::Blob | Kind::String | Kind::Enum(_) | Kind::Structure(_) | Kind::Union(_),
        ) => return Ok(()),
        (Binding::EventHeader, _) => {
            return Err(Error::on_shape(
                member_id,
                "an `@eventHeader` member must be a boolean, byte, short, integer, long, blob, string, enum or timestamp",
            ));
        }
        (Binding::EventPayload, _) => {
            return Err(Error::on_shape(
                member_id,
                "an `@eventPayload` member must be a blob, string, enum, structure or union",
            ));
        }
        (
            Binding::Payload,
            Kind::Structure(_)
            | Kind::Union(_)
            | Kind::Document
            | Kind::Blob
            | Kind::Stream { .. }
            | Kind::EventStream { .. }
            | Kind::String
            | Kind::Enum(_),
        ) => {
            return Ok(());
        }
        (Binding::Payload, _) => {
            return Err(Error::on_shape(
                member_id,
                "an `@httpPayload` member must be a structure, union, document, blob, string or enum",
            ));
        }
        (Binding::Header(_), Kind::List(item)) if item.media_type.is_some() => {
            return Err(Error::on_shape(
                member_id,
                "a header list of `@mediaType` strings is not supported",
            ));
        }
        // A header's or query parameter's name is the key itself: a string.
        (Binding::PrefixHeaders(_) | Binding::QueryParams, Kind::Map { key, .. })
            if key.kind != Kind::String =>
        {
            return Err(Error::on_shape(
                member_id,
                "the keys of an `@httpPrefixHeaders` or `@httpQueryParams` map must be strings",
            ));
        }
        (Binding::PrefixHeaders(_), Kind::Map { value: entry, .. }) if text(entry) => return Ok(()),
        (Binding::PrefixHeaders(_), _) => {
            return Err(Error::on_shape(
                member_id,
                "an `@httpPrefixHeaders` member must be a map of strings",
            ));
        }
        (Binding::QueryParams, Kind::Map { value: entry, .. }) => match &entry.kind {
            Kind::List(item) if text(item) => return Ok(()),
            _ if text(entry) => return Ok(()),
            _ => {}
        },
        _ => {}
    }
    if *binding == Binding::QueryParams {
        return Err(Error::on_shape(
            member_id,
            "an `@httpQueryParams` member must be a map of strings or of lists of strings",
        ));
    }
    let supported = match (binding, &value.kind) {
        (Binding::Label, _) => scalar(value),
        (_, Kind::List(item)) => scalar(item) && !item.nullable,
        _ => scalar(value),
    };
    if supported {
        Ok(())
    } else {
        let what = match binding {
            Binding::Label => {
                "an `@httpLabel` member must be a string, enum, boolean, number or timestamp"
            }
            _ => {
                "an `@httpQuery` or `@httpHeader` member must be a string, enum, boolean, number or timestamp, or a list of them"
            }
        };
        Err(Error::on_shape(member_id, what))
    }
}

/// A member's `@default`, checked against its type; `@default(null)` is
/// no default.
fn default_value(
    member_id: &str,
    traits: &Traits,
    value: &Value,
) -> Result<Option<DefaultValue>, Error> {
    let Some(default) = traits.get("smithy.api#default") else {
        return Ok(None);
    };
    let refuse = |why: &str| Err(Error::on_trait(member_id, "smithy.api#default", why));
    Ok(Some(match (&value.kind, default) {
        (_, Json::Null) => return Ok(None),
        (Kind::Boolean, Json::Bool(b)) => DefaultValue::Boolean(*b),
        (kind, Json::Number(n)) if kind.is_integer() => match n.as_i64() {
            Some(n) if integer_fits(kind, n) => DefaultValue::Integer(n),
            _ => return refuse("must be a whole number the member's type can hold"),
        },
        // The model's digits, kept whole.
        (Kind::BigInteger, Json::Number(n))
            if n.to_string()
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            DefaultValue::BigNumber(n.to_string())
        }
        (Kind::BigInteger, _) => return refuse("must be a whole number"),
        (Kind::BigDecimal, Json::Number(n)) => DefaultValue::BigNumber(n.to_string()),
        (kind, Json::Number(n)) if kind.is_float() => match n.as_f64() {
            Some(n) if n.is_finite() => DefaultValue::Float(n),
            _ => return refuse("must be a number"),
        },
        (Kind::String, Json::String(text)) => DefaultValue::String(text.clone()),
        (Kind::Enum(_), Json::String(text)) => DefaultValue::Enum(text.clone()),
        (Kind::Timestamp, number @ Json::Number(_)) => match crate::node::epoch_seconds(number) {
            Some((seconds, nanos)) => DefaultValue::Timestamp(seconds, nanos),
            None => return refuse("must be seconds since the epoch, to the nanosecond"),
        },
        (Kind::Timestamp, _) => {
            return refuse("is supported as seconds since the epoch only, not as text");
        }
        (Kind::Stream { .. }, Json::String(text)) if text.is_empty() => DefaultValue::EmptyStream,
        (Kind::Stream { .. }, _) => return refuse("a stream's default can only be empty, `\"\"`"),
        (Kind::EventStream { .. }, _) => return refuse("an event stream has no default"),
        (Kind::Blob, Json::String(text)) => match crate::node::base64_decode(text) {
            Some(bytes) => DefaultValue::Blob(bytes),
            None => return refuse("must be base64 text"),
        },
        (Kind::List(_), Json::Array(items)) if items.is_empty() => DefaultValue::EmptyList,
        (Kind::Map { .. }, Json::Object(entries)) if entries.is_empty() => DefaultValue::EmptyMap,
        (Kind::List(_) | Kind::Map { .. }, _) => {
            return refuse("a list's default can only be `[]`, and a map's `{}`");
        }
        (Kind::Document, document) => DefaultValue::Document(document.clone()),
        (Kind::Structure(_) | Kind::Union(_), _) => {
            return refuse("structures and unions have no default");
        }
        _ => return refuse("does not match the member's type"),
    }))
}

/// Whether an integer kind's Rust type holds `n`.
fn integer_fits(kind: &Kind, n: i64) -> bool {
    match kind {
        Kind::Byte => i8::try_from(n).is_ok(),
        Kind::Short => i16::try_from(n).is_ok(),
        Kind::Integer => i32::try_from(n).is_ok(),
        _ => true,
    }
}

/// A crate-name prefix as given: it must make valid crate names, on
/// crates.io too (ASCII letters, digits, `-` and `_`, a letter first, and
/// room for the longest suffix within 64 characters).
fn crate_prefix(prefix: &str) -> Result<String, Error> {
    const LONGEST_SUFFIX: usize = "-output".len();
    let mut chars = prefix.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && prefix.len() + LONGEST_SUFFIX <= 64;
    if valid {
        Ok(prefix.to_owned())
    } else {
        Err(Error::new(format!(
            "crate prefix {prefix:?}: a crate name starts with an ASCII letter, has only ASCII \
             letters, digits, `-` and `_`, and with `-output` is at most 64 characters"
        )))
    }
}
