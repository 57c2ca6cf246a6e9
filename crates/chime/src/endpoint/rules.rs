//! A rules engine for Smithy endpoint rule sets (`smithy.rules#endpointRuleSet`).
//!
//! The rule set is read once, into a typed tree, when a client is built, so
//! an unsupported function or a malformed rule is reported then and not on a
//! request. Resolution walks the tree with the client's parameters and is
//! done once per client: the parameters of this service (region, FIPS,
//! dual-stack, endpoint URL) do not change between calls.

use super::document::Document as Json;
use super::partition::Partitions;
use std::collections::BTreeMap;
use std::fmt;

/// A value the rules compute with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    Array(Vec<Value>),
    /// A record, such as a partition or a parsed URL.
    Object(BTreeMap<String, Value>),
}

impl Value {
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// A resolved endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// The endpoint's URL.
    pub url: String,
    /// Properties such as `authSchemes`.
    pub properties: BTreeMap<String, Value>,
    /// Headers to send with every request to the endpoint.
    pub headers: BTreeMap<String, Vec<String>>,
}

/// Why a rule set could not be read or could not resolve an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesError {
    /// The rule set is malformed or uses what this engine does not support.
    Invalid(String),
    /// A parameter is missing, or has the wrong type.
    Parameter(String),
    /// An error rule matched: the parameters describe no endpoint.
    NoEndpoint(String),
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesError::Invalid(why) => write!(f, "invalid endpoint rule set: {why}"),
            RulesError::Parameter(why) => write!(f, "endpoint parameter: {why}"),
            RulesError::NoEndpoint(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for RulesError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParameterType {
    String,
    Boolean,
}

#[derive(Debug)]
struct Parameter {
    name: String,
    kind: ParameterType,
    required: bool,
    default: Option<Value>,
}

#[derive(Debug)]
enum Rule {
    Endpoint {
        conditions: Vec<Condition>,
        endpoint: EndpointTemplate,
    },
    Error {
        conditions: Vec<Condition>,
        message: Expr,
    },
    Tree {
        conditions: Vec<Condition>,
        rules: Vec<Rule>,
    },
}

#[derive(Debug)]
struct EndpointTemplate {
    url: Expr,
    properties: Vec<(String, Expr)>,
    headers: Vec<(String, Vec<Expr>)>,
}

#[derive(Debug)]
struct Condition {
    call: Call,
    assign: Option<String>,
}

#[derive(Debug)]
struct Call {
    function: Function,
    args: Vec<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr,
    Partition,
    ParseUrl,
    Substring,
    IsValidHostLabel,
    UriEncode,
}

impl Function {
    fn from_name(name: &str) -> Option<(Self, usize)> {
        Some(match name {
            "isSet" => (Function::IsSet, 1),
            "not" => (Function::Not, 1),
            "booleanEquals" => (Function::BooleanEquals, 2),
            "stringEquals" => (Function::StringEquals, 2),
            "getAttr" => (Function::GetAttr, 2),
            "aws.partition" => (Function::Partition, 1),
            "parseURL" => (Function::ParseUrl, 1),
            "substring" => (Function::Substring, 4),
            "isValidHostLabel" => (Function::IsValidHostLabel, 2),
            "uriEncode" => (Function::UriEncode, 1),
            _ => return None,
        })
    }
}

#[derive(Debug)]
enum Expr {
    Template(Vec<TemplatePart>),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Object(Vec<(String, Expr)>),
    Ref(String),
    Call(Box<Call>),
}

#[derive(Debug)]
enum TemplatePart {
    Text(String),
    Ref(String, Vec<PathStep>),
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

/// A rule set, read and checked, ready to resolve endpoints.
///
/// ```
/// use chime::endpoint::{partition::Partitions, rules::{RuleSet, Value}};
/// use std::collections::BTreeMap;
///
/// let rules = RuleSet::from_json(chime_input::ENDPOINT_RULE_SET).unwrap();
/// let params = BTreeMap::from([("Region".to_owned(), Value::String("us-west-2".into()))]);
/// let endpoint = rules.resolve(&params, &Partitions::embedded()).unwrap();
/// assert_eq!(endpoint.url, "https://chime.us-east-1.amazonaws.com");
/// ```
#[derive(Debug)]
pub struct RuleSet {
    parameters: Vec<Parameter>,
    rules: Vec<Rule>,
}

impl RuleSet {
    /// Reads a rule set from its JSON form.
    pub fn from_json(json: &str) -> Result<Self, RulesError> {
        let root = Json::parse(json).map_err(|e| RulesError::Invalid(format!("not JSON: {e}")))?;
        let version = root.get("version").and_then(Json::as_str).unwrap_or("");
        if !version.starts_with("1.") {
            return Err(RulesError::Invalid(format!(
                "version `{version}` is not supported (1.x is)"
            )));
        }
        let mut parameters = Vec::new();
        for (name, spec) in object(&root, "parameters", "the rule set")? {
            let kind = match spec.get("type").and_then(Json::as_str) {
                Some(t) if t.eq_ignore_ascii_case("string") => ParameterType::String,
                Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterType::Boolean,
                other => {
                    return Err(RulesError::Invalid(format!(
                        "parameter `{name}` has unsupported type {other:?}"
                    )));
                }
            };
            let default = match spec.get("default") {
                None => None,
                Some(Json::String(s)) if kind == ParameterType::String => {
                    Some(Value::String(s.clone()))
                }
                Some(Json::Bool(b)) if kind == ParameterType::Boolean => Some(Value::Bool(*b)),
                Some(other) => {
                    return Err(RulesError::Invalid(format!(
                        "parameter `{name}` has a default of the wrong type: {other}"
                    )));
                }
            };
            parameters.push(Parameter {
                name: name.clone(),
                kind,
                required: spec.get("required").and_then(Json::as_bool) == Some(true),
                default,
            });
        }
        let rules = array(&root, "rules", "the rule set")?
            .iter()
            .map(parse_rule)
            .collect::<Result<_, _>>()?;
        Ok(Self { parameters, rules })
    }

    /// Resolves an endpoint from parameter values keyed by parameter name.
    ///
    /// Unknown parameter names are refused, so that a misspelt name does not
    /// silently fall back to a default.
    pub fn resolve(
        &self,
        params: &BTreeMap<String, Value>,
        partitions: &Partitions,
    ) -> Result<ResolvedEndpoint, RulesError> {
        for name in params.keys() {
            if !self.parameters.iter().any(|p| &p.name == name) {
                return Err(RulesError::Parameter(format!(
                    "`{name}` is not a parameter of the rule set"
                )));
            }
        }
        let mut scope = Scope {
            bindings: Vec::new(),
            partitions,
        };
        for parameter in &self.parameters {
            let value = params
                .get(&parameter.name)
                .cloned()
                .or_else(|| parameter.default.clone());
            match (&value, parameter.kind) {
                (None, _) if parameter.required => {
                    return Err(RulesError::Parameter(format!(
                        "`{}` is required",
                        parameter.name
                    )));
                }
                (None, _)
                | (Some(Value::String(_)), ParameterType::String)
                | (Some(Value::Bool(_)), ParameterType::Boolean) => {}
                (Some(other), kind) => {
                    return Err(RulesError::Parameter(format!(
                        "`{}` must be a {kind:?}, not {other:?}",
                        parameter.name
                    )));
                }
            }
            if let Some(value) = value {
                scope.bindings.push((parameter.name.clone(), value));
            }
        }
        match scope.rules(&self.rules)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(RulesError::NoEndpoint(
                "no endpoint rule matched the parameters".to_owned(),
            )),
        }
    }
}

fn object<'a>(json: &'a Json, key: &str, owner: &str) -> Result<&'a [(String, Json)], RulesError> {
    json.get(key)
        .and_then(Json::as_object)
        .ok_or_else(|| RulesError::Invalid(format!("{owner} needs an object `{key}`")))
}

fn array<'a>(json: &'a Json, key: &str, owner: &str) -> Result<&'a [Json], RulesError> {
    json.get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| RulesError::Invalid(format!("{owner} needs an array `{key}`")))
}

fn parse_rule(json: &Json) -> Result<Rule, RulesError> {
    let conditions = match json.get("conditions") {
        None => Vec::new(),
        Some(_) => array(json, "conditions", "a rule")?
            .iter()
            .map(parse_condition)
            .collect::<Result<_, _>>()?,
    };
    match json.get("type").and_then(Json::as_str) {
        Some("endpoint") => {
            let spec = json
                .get("endpoint")
                .ok_or_else(|| RulesError::Invalid("an endpoint rule needs `endpoint`".into()))?;
            let url = parse_expr(
                spec.get("url")
                    .ok_or_else(|| RulesError::Invalid("an endpoint needs a `url`".into()))?,
            )?;
            let properties = match spec.get("properties") {
                None => Vec::new(),
                Some(_) => object(spec, "properties", "an endpoint")?
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), parse_expr(v)?)))
                    .collect::<Result<_, RulesError>>()?,
            };
            let headers = match spec.get("headers") {
                None => Vec::new(),
                Some(_) => object(spec, "headers", "an endpoint")?
                    .iter()
                    .map(|(name, values)| {
                        let values = values
                            .as_array()
                            .ok_or_else(|| {
                                RulesError::Invalid(format!("header `{name}` needs an array"))
                            })?
                            .iter()
                            .map(parse_expr)
                            .collect::<Result<_, _>>()?;
                        Ok((name.clone(), values))
                    })
                    .collect::<Result<_, RulesError>>()?,
            };
            Ok(Rule::Endpoint {
                conditions,
                endpoint: EndpointTemplate {
                    url,
                    properties,
                    headers,
                },
            })
        }
        Some("error") => Ok(Rule::Error {
            conditions,
            message: parse_expr(
                json.get("error")
                    .ok_or_else(|| RulesError::Invalid("an error rule needs `error`".into()))?,
            )?,
        }),
        Some("tree") => Ok(Rule::Tree {
            conditions,
            rules: array(json, "rules", "a tree rule")?
                .iter()
                .map(parse_rule)
                .collect::<Result<_, _>>()?,
        }),
        other => Err(RulesError::Invalid(format!("unknown rule type {other:?}"))),
    }
}

fn parse_condition(json: &Json) -> Result<Condition, RulesError> {
    Ok(Condition {
        call: parse_call(json)?,
        assign: json.get("assign").and_then(Json::as_str).map(str::to_owned),
    })
}

fn parse_call(json: &Json) -> Result<Call, RulesError> {
    let name = json
        .get("fn")
        .and_then(Json::as_str)
        .ok_or_else(|| RulesError::Invalid(format!("a function call needs `fn`: {json}")))?;
    let (function, arity) = Function::from_name(name)
        .ok_or_else(|| RulesError::Invalid(format!("function `{name}` is not supported")))?;
    let argv = array(json, "argv", "a function call")?;
    if argv.len() != arity {
        return Err(RulesError::Invalid(format!(
            "`{name}` takes {arity} arguments, not {}",
            argv.len()
        )));
    }
    let mut args: Vec<Expr> = argv.iter().map(parse_expr).collect::<Result<_, _>>()?;
    if function == Function::GetAttr {
        // The path is a literal, split once here instead of on every call.
        let Some(Json::String(path)) = argv.get(1) else {
            return Err(RulesError::Invalid("getAttr needs a literal path".into()));
        };
        args[1] = Expr::Template(vec![TemplatePart::Text(path.clone())]);
        parse_path(path)?;
    }
    Ok(Call { function, args })
}

fn parse_expr(json: &Json) -> Result<Expr, RulesError> {
    Ok(match json {
        Json::String(s) => Expr::Template(parse_template(s)?),
        Json::Bool(b) => Expr::Bool(*b),
        Json::Int(n) => Expr::Int(*n),
        Json::Float(n) => {
            return Err(RulesError::Invalid(format!("number {n} is not an integer")));
        }
        Json::Array(items) => Expr::Array(items.iter().map(parse_expr).collect::<Result<_, _>>()?),
        Json::Object(members) => {
            if let Some(Json::String(name)) = json.get("ref") {
                Expr::Ref(name.clone())
            } else if json.get("fn").is_some() {
                Expr::Call(Box::new(parse_call(json)?))
            } else {
                Expr::Object(
                    members
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), parse_expr(v)?)))
                        .collect::<Result<_, RulesError>>()?,
                )
            }
        }
        Json::Null => return Err(RulesError::Invalid("null is not an expression".into())),
    })
}

/// Splits `"https://{Region}.{PartitionResult#dnsSuffix}"` into text and
/// references; `{{` and `}}` stand for literal braces.
fn parse_template(template: &str) -> Result<Vec<TemplatePart>, RulesError> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut reference = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => reference.push(c),
                        None => {
                            return Err(RulesError::Invalid(format!(
                                "template `{template}` has an unclosed `{{`"
                            )));
                        }
                    }
                }
                if !text.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut text)));
                }
                let (name, path) = match reference.split_once('#') {
                    Some((name, path)) => (name.to_owned(), parse_path(path)?),
                    None => (reference, Vec::new()),
                };
                parts.push(TemplatePart::Ref(name, path));
            }
            '}' => {
                return Err(RulesError::Invalid(format!(
                    "template `{template}` has a lone `}}`"
                )));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() || parts.is_empty() {
        parts.push(TemplatePart::Text(text));
    }
    Ok(parts)
}

/// Splits a `getAttr` path such as `authSchemes[0].name`.
fn parse_path(path: &str) -> Result<Vec<PathStep>, RulesError> {
    let mut steps = Vec::new();
    for segment in path.split('.') {
        let (key, mut rest) = match segment.find('[') {
            Some(at) => segment.split_at(at),
            None => (segment, ""),
        };
        if !key.is_empty() {
            steps.push(PathStep::Key(key.to_owned()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let (index, after) = inner
                .split_once(']')
                .ok_or_else(|| RulesError::Invalid(format!("path `{path}` has an unclosed `[`")))?;
            steps.push(PathStep::Index(index.parse().map_err(|_| {
                RulesError::Invalid(format!("path `{path}` has a bad index `{index}`"))
            })?));
            rest = after;
        }
        if !rest.is_empty() || (key.is_empty() && steps.is_empty()) {
            return Err(RulesError::Invalid(format!("path `{path}` is malformed")));
        }
    }
    Ok(steps)
}

fn walk_path(value: &Value, path: &[PathStep]) -> Option<Value> {
    let mut current = value;
    for step in path {
        current = match (step, current) {
            (PathStep::Key(key), Value::Object(members)) => members.get(key)?,
            (PathStep::Index(index), Value::Array(items)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(current.clone())
}

/// Variables in force while the rules are walked.
struct Scope<'a> {
    bindings: Vec<(String, Value)>,
    partitions: &'a Partitions,
}

impl Scope<'_> {
    fn lookup(&self, name: &str) -> Option<&Value> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// The first rule that matches decides; `None` means none matched.
    fn rules(&mut self, rules: &[Rule]) -> Result<Option<ResolvedEndpoint>, RulesError> {
        for rule in rules {
            let mark = self.bindings.len();
            let outcome = self.rule(rule);
            self.bindings.truncate(mark);
            if let Some(decided) = outcome? {
                return Ok(Some(decided));
            }
        }
        Ok(None)
    }

    fn rule(&mut self, rule: &Rule) -> Result<Option<ResolvedEndpoint>, RulesError> {
        let conditions = match rule {
            Rule::Endpoint { conditions, .. }
            | Rule::Error { conditions, .. }
            | Rule::Tree { conditions, .. } => conditions,
        };
        for condition in conditions {
            let value = self.call(&condition.call)?;
            let holds = matches!(&value, Some(v) if *v != Value::Bool(false));
            if !holds {
                return Ok(None);
            }
            if let (Some(name), Some(value)) = (&condition.assign, value) {
                self.bindings.push((name.clone(), value));
            }
        }
        match rule {
            Rule::Endpoint { endpoint, .. } => Ok(Some(self.endpoint(endpoint)?)),
            Rule::Error { message, .. } => Err(RulesError::NoEndpoint(self.string(message)?)),
            Rule::Tree { rules, .. } => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                // A tree whose conditions held is a commitment: falling out of
                // it means the rule set has a gap.
                None => Err(RulesError::Invalid(
                    "a tree rule matched but none of its rules did".into(),
                )),
            },
        }
    }

    fn endpoint(&mut self, template: &EndpointTemplate) -> Result<ResolvedEndpoint, RulesError> {
        let url = self.string(&template.url)?;
        let mut properties = BTreeMap::new();
        for (name, expr) in &template.properties {
            properties.insert(name.clone(), self.required(expr)?);
        }
        let mut headers = BTreeMap::new();
        for (name, values) in &template.headers {
            let values = values
                .iter()
                .map(|v| self.string(v))
                .collect::<Result<_, _>>()?;
            headers.insert(name.clone(), values);
        }
        Ok(ResolvedEndpoint {
            url,
            properties,
            headers,
        })
    }

    fn string(&mut self, expr: &Expr) -> Result<String, RulesError> {
        match self.required(expr)? {
            Value::String(s) => Ok(s),
            other => Err(RulesError::Invalid(format!(
                "expected a string, got {other:?}"
            ))),
        }
    }

    fn required(&mut self, expr: &Expr) -> Result<Value, RulesError> {
        self.eval(expr)?
            .ok_or_else(|| RulesError::Invalid(format!("{expr:?} is not set where it is used")))
    }

    fn eval(&mut self, expr: &Expr) -> Result<Option<Value>, RulesError> {
        Ok(match expr {
            Expr::Bool(b) => Some(Value::Bool(*b)),
            Expr::Int(i) => Some(Value::Int(*i)),
            Expr::Ref(name) => self.lookup(name).cloned(),
            Expr::Call(call) => self.call(call)?,
            Expr::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|item| self.required(item))
                    .collect::<Result<_, _>>()?,
            )),
            Expr::Object(members) => Some(Value::Object(
                members
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.required(v)?)))
                    .collect::<Result<_, RulesError>>()?,
            )),
            Expr::Template(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        TemplatePart::Text(text) => out.push_str(text),
                        TemplatePart::Ref(name, path) => {
                            let value = self
                                .lookup(name)
                                .and_then(|v| walk_path(v, path))
                                .ok_or_else(|| {
                                    RulesError::Invalid(format!(
                                        "template reference `{name}` is not set where it is used"
                                    ))
                                })?;
                            match value {
                                Value::String(s) => out.push_str(&s),
                                other => {
                                    return Err(RulesError::Invalid(format!(
                                        "template reference `{name}` is not a string: {other:?}"
                                    )));
                                }
                            }
                        }
                    }
                }
                Some(Value::String(out))
            }
        })
    }

    fn call(&mut self, call: &Call) -> Result<Option<Value>, RulesError> {
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            args.push(self.eval(arg)?);
        }
        let string = |i: usize| args[i].as_ref().and_then(Value::as_str);
        let boolean = |i: usize| args[i].as_ref().and_then(Value::as_bool);
        Ok(match call.function {
            Function::IsSet => Some(Value::Bool(args[0].is_some())),
            Function::Not => boolean(0).map(|b| Value::Bool(!b)),
            Function::BooleanEquals => match (boolean(0), boolean(1)) {
                (Some(a), Some(b)) => Some(Value::Bool(a == b)),
                _ => None,
            },
            Function::StringEquals => match (string(0), string(1)) {
                (Some(a), Some(b)) => Some(Value::Bool(a == b)),
                _ => None,
            },
            Function::GetAttr => {
                let path = parse_path(string(1).unwrap_or_default())?;
                args[0].as_ref().and_then(|v| walk_path(v, &path))
            }
            Function::Partition => string(0)
                .and_then(|region| self.partitions.lookup(region))
                .map(|p| {
                    let mut members = BTreeMap::new();
                    members.insert("name".to_owned(), Value::String(p.name));
                    members.insert("dnsSuffix".to_owned(), Value::String(p.dns_suffix));
                    members.insert(
                        "dualStackDnsSuffix".to_owned(),
                        Value::String(p.dual_stack_dns_suffix),
                    );
                    members.insert("supportsFIPS".to_owned(), Value::Bool(p.supports_fips));
                    members.insert(
                        "supportsDualStack".to_owned(),
                        Value::Bool(p.supports_dual_stack),
                    );
                    if let Some(region) = p.implicit_global_region {
                        members.insert("implicitGlobalRegion".to_owned(), Value::String(region));
                    }
                    Value::Object(members)
                }),
            Function::ParseUrl => string(0).and_then(parse_url),
            Function::Substring => {
                let (Some(input), Some(Value::Int(start)), Some(Value::Int(stop)), Some(reverse)) =
                    (string(0), &args[1], &args[2], boolean(3))
                else {
                    return Ok(None);
                };
                substring(input, *start, *stop, reverse).map(Value::String)
            }
            Function::IsValidHostLabel => match (string(0), boolean(1)) {
                (Some(label), Some(allow_subdomains)) => {
                    Some(Value::Bool(is_valid_host_label(label, allow_subdomains)))
                }
                _ => None,
            },
            Function::UriEncode => string(0).map(|s| Value::String(uri_encode(s))),
        })
    }
}

/// `parseURL`: the parts of an absolute URL without query, or nothing.
fn parse_url(url: &str) -> Option<Value> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") || url.contains('?') || url.contains('#') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return None;
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split_once(']')?.0
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let is_ip = host.parse::<std::net::IpAddr>().is_ok();
    let normalized = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    let mut members = BTreeMap::new();
    members.insert("scheme".to_owned(), Value::String(scheme.to_owned()));
    members.insert("authority".to_owned(), Value::String(authority.to_owned()));
    members.insert("path".to_owned(), Value::String(path.to_owned()));
    members.insert("normalizedPath".to_owned(), Value::String(normalized));
    members.insert("isIp".to_owned(), Value::Bool(is_ip));
    Some(Value::Object(members))
}

/// `substring`: ASCII only; `reverse` counts from the end.
fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start < 0 || stop <= start {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    if stop > input.len() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    Some(input[from..to].to_owned())
}

/// `isValidHostLabel`: 1 to 63 letters, digits and hyphens, not starting
/// with a hyphen; with `allow_subdomains`, dot-separated labels.
fn is_valid_host_label(label: &str, allow_subdomains: bool) -> bool {
    let one = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if allow_subdomains {
        label.split('.').all(one)
    } else {
        one(label)
    }
}

/// `uriEncode`: percent-encodes all but RFC 3986's unreserved characters.
fn uri_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_references_and_unescape_braces() {
        let parts = parse_template("a{{b}}{X}c{P#d.e[1]}").unwrap();
        assert_eq!(parts.len(), 4);
        assert!(matches!(&parts[0], TemplatePart::Text(t) if t == "a{b}"));
        assert!(matches!(&parts[1], TemplatePart::Ref(n, p) if n == "X" && p.is_empty()));
        assert!(matches!(&parts[3], TemplatePart::Ref(n, p) if n == "P" && p.len() == 3));
        assert!(parse_template("{open").is_err());
        assert!(parse_template("lone}").is_err());
    }

    #[test]
    fn parse_url_reports_ip_hosts_and_refuses_queries() {
        let Some(Value::Object(url)) = parse_url("http://127.0.0.1:4566/base") else {
            panic!("should parse");
        };
        assert_eq!(url["isIp"], Value::Bool(true));
        assert_eq!(url["authority"], Value::String("127.0.0.1:4566".into()));
        assert_eq!(url["normalizedPath"], Value::String("/base/".into()));
        let Some(Value::Object(url)) = parse_url("https://[::1]:8443") else {
            panic!("should parse");
        };
        assert_eq!(url["isIp"], Value::Bool(true));
        assert_eq!(parse_url("https://example.com/?q=1"), None);
        assert_eq!(parse_url("example.com"), None);
    }

    #[test]
    fn substring_host_label_and_uri_encode() {
        assert_eq!(substring("abcdef", 0, 2, false).as_deref(), Some("ab"));
        assert_eq!(substring("abcdef", 0, 2, true).as_deref(), Some("ef"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("äbc", 0, 1, false), None);
        assert!(is_valid_host_label("us-east-1", false));
        assert!(!is_valid_host_label("-bad", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert_eq!(uri_encode("a b/c~"), "a%20b%2Fc~");
    }

    #[test]
    fn an_unsupported_function_is_refused_when_the_rule_set_is_read() {
        let json = r#"{"version":"1.0","parameters":{},"rules":[
            {"type":"error","conditions":[{"fn":"aws.parseArn","argv":["x"]}],"error":"e"}]}"#;
        let err = RuleSet::from_json(json).unwrap_err();
        assert_eq!(
            err,
            RulesError::Invalid("function `aws.parseArn` is not supported".into())
        );
    }

    #[test]
    fn unknown_and_mistyped_parameters_are_refused() {
        let json = r#"{"version":"1.0","parameters":{"Region":{"type":"String"}},"rules":[
            {"type":"endpoint","conditions":[],"endpoint":{"url":"https://x"}}]}"#;
        let rules = RuleSet::from_json(json).unwrap();
        let partitions = Partitions::embedded();
        let mut params = BTreeMap::new();
        params.insert("Regoin".to_owned(), Value::String("x".into()));
        assert!(matches!(
            rules.resolve(&params, &partitions),
            Err(RulesError::Parameter(_))
        ));
        let mut params = BTreeMap::new();
        params.insert("Region".to_owned(), Value::Bool(true));
        assert!(matches!(
            rules.resolve(&params, &partitions),
            Err(RulesError::Parameter(_))
        ));
    }
}
