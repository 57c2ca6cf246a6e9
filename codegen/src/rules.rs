//! Lowering of `smithy.rules#endpointRuleSet`: from the trait's JSON to the
//! typed rules in [`crate::ir::EndpointRules`], which the emitter compiles
//! into a Rust function.
//!
//! Checking happens here so that a rule set the generated code could not
//! honour fails generation, naming the rule: every reference must name a
//! parameter or an assigned value, every function must be one the generator
//! compiles, and a value that may be unset must be tested with `isSet` (or
//! bound by `assign`) before it is used. An `isSet` on a parameter narrows it
//! for the rest of the rule, as the rules language specifies.

use crate::docs;
use crate::error::Error;
use crate::ir::*;
use crate::naming;
use serde_json::Value as Json;

const TRAIT: &str = "smithy.rules#endpointRuleSet";

/// The functions the generator compiles.
const SUPPORTED_FUNCTIONS: &str = "isSet, not, booleanEquals, stringEquals, getAttr, \
     isValidHostLabel, substring, uriEncode, parseURL, aws.partition, aws.parseArn, \
     aws.isVirtualHostableS3Bucket";

/// Names the generated function gives its own parameters, which locals must not shadow.
const RESERVED_LOCALS: &[&str] = &["params", "partition_of"];

/// Lowers the rule set of the service `service_id`.
pub fn lower(service_id: &str, rule_set: &Json) -> Result<EndpointRules, Error> {
    let mut checker = Checker {
        service_id,
        parameters: Vec::new(),
        scope: Vec::new(),
        uses_partitions: false,
    };
    let version = rule_set.get("version").and_then(Json::as_str).unwrap_or("");
    if version != "1" && !version.starts_with("1.") {
        return Err(checker.error("", format!("version `{version}` is not supported (1.x is)")));
    }
    checker.parameters = checker.parameters(rule_set)?;
    let rules = checker.rules(rule_set, "")?;
    Ok(EndpointRules {
        client_parameters: Vec::new(),
        parameters: checker.parameters,
        rules,
        uses_partitions: checker.uses_partitions,
        tests: Vec::new(),
    })
}

/// The static type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Type {
    kind: LocalKind,
    optional: bool,
}

impl Type {
    const BOOLEAN: Type = Type {
        kind: LocalKind::Boolean,
        optional: false,
    };
    const STRING: Type = Type {
        kind: LocalKind::String,
        optional: false,
    };

    fn describe(self) -> String {
        let kind = match self.kind {
            LocalKind::String => "a string",
            LocalKind::StringArray => "a list of strings",
            LocalKind::Boolean => "a boolean",
            LocalKind::Partition => "a partition",
            LocalKind::Url => "a URL",
            LocalKind::Arn => "an ARN",
        };
        match self.optional {
            true => format!("{kind} that may be unset"),
            false => kind.to_owned(),
        }
    }
}

/// A name in scope: an assigned value or a parameter narrowed by `isSet`.
struct Binding {
    /// The rule set's name for it.
    name: String,
    local: String,
    kind: LocalKind,
    used: bool,
}

struct Checker<'a> {
    service_id: &'a str,
    parameters: Vec<EndpointParameter>,
    scope: Vec<Binding>,
    uses_partitions: bool,
}

impl Checker<'_> {
    fn error(&self, path: &str, problem: impl std::fmt::Display) -> Error {
        let at = if path.is_empty() {
            String::new()
        } else {
            format!("at `{path}`: ")
        };
        Error::on_trait(self.service_id, TRAIT, format!("{at}{problem}"))
    }

    fn parameters(&self, rule_set: &Json) -> Result<Vec<EndpointParameter>, Error> {
        let Some(specs) = rule_set.get("parameters").and_then(Json::as_object) else {
            return Err(self.error("parameters", "needs an object of parameters"));
        };
        let mut parameters: Vec<EndpointParameter> = Vec::new();
        for (name, spec) in specs {
            let path = format!("parameters.{name}");
            let kind = match spec.get("type").and_then(Json::as_str) {
                Some(t) if t.eq_ignore_ascii_case("string") => ParameterKind::String,
                Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterKind::Boolean,
                Some(t) if t.eq_ignore_ascii_case("stringArray") => ParameterKind::StringArray,
                other => {
                    return Err(self.error(
                        &path,
                        format!(
                            "type `{}` is not one of the rules' (String, Boolean, StringArray)",
                            other.unwrap_or("(none)")
                        ),
                    ));
                }
            };
            let default = match (spec.get("default"), kind) {
                (None, _) => None,
                (Some(Json::String(s)), ParameterKind::String) => Some(Literal::String(s.clone())),
                (Some(Json::Bool(b)), ParameterKind::Boolean) => Some(Literal::Boolean(*b)),
                (Some(Json::Array(items)), ParameterKind::StringArray) => {
                    Some(Literal::StringArray(
                        items
                            .iter()
                            .map(|item| item.as_str().map(str::to_owned))
                            .collect::<Option<_>>()
                            .ok_or_else(|| self.error(&path, "a default list must hold strings"))?,
                    ))
                }
                (Some(other), _) => {
                    return Err(self.error(&path, format!("default {other} does not fit its type")));
                }
            };
            let field = local_name(name);
            if let Some(clash) = parameters.iter().find(|p| p.field == field) {
                return Err(self.error(
                    &path,
                    format!("its Rust name `{field}` is also `{}`'s", clash.name),
                ));
            }
            parameters.push(EndpointParameter {
                name: name.clone(),
                field,
                kind,
                default,
                required: spec.get("required").and_then(Json::as_bool) == Some(true),
                built_in: spec
                    .get("builtIn")
                    .and_then(Json::as_str)
                    .map(str::to_owned),
                docs: spec
                    .get("documentation")
                    .and_then(Json::as_str)
                    .map(docs::to_markdown)
                    .unwrap_or_default(),
            });
        }
        Ok(parameters)
    }

    fn rules(&mut self, owner: &Json, path: &str) -> Result<Vec<EndpointRule>, Error> {
        let rules_path = join(path, "rules");
        let Some(rules) = owner.get("rules").and_then(Json::as_array) else {
            return Err(self.error(&rules_path, "needs an array of rules"));
        };
        rules
            .iter()
            .enumerate()
            .map(|(i, rule)| self.rule(rule, &format!("{rules_path}[{i}]")))
            .collect()
    }

    fn rule(&mut self, json: &Json, path: &str) -> Result<EndpointRule, Error> {
        let mark = self.scope.len();
        let mut conditions = Vec::new();
        // Which binding each `Bind` condition made, to drop the binding
        // again if nothing reads it.
        let mut bound: Vec<(usize, usize)> = Vec::new();
        let empty = Vec::new();
        let listed = match json.get("conditions") {
            None => &empty,
            Some(Json::Array(items)) => items,
            Some(_) => return Err(self.error(path, "`conditions` must be an array")),
        };
        for (i, condition) in listed.iter().enumerate() {
            let path = format!("{path}.conditions[{i}]");
            let lowered = self.condition(condition, &path)?;
            if matches!(
                lowered,
                RuleCondition::Bind { .. } | RuleCondition::Let { .. }
            ) {
                bound.push((conditions.len(), self.scope.len() - 1));
            }
            conditions.push(lowered);
        }
        let outcome = match json.get("type").and_then(Json::as_str) {
            Some("endpoint") => {
                let Some(endpoint) = json.get("endpoint") else {
                    return Err(self.error(path, "an endpoint rule needs `endpoint`"));
                };
                RuleOutcome::Endpoint(self.endpoint(endpoint, &join(path, "endpoint"))?)
            }
            Some("error") => {
                let Some(message) = json.get("error") else {
                    return Err(self.error(path, "an error rule needs `error`"));
                };
                RuleOutcome::Error(self.string(message, &join(path, "error"))?)
            }
            Some("tree") => RuleOutcome::Tree(self.rules(json, path)?),
            other => {
                return Err(self.error(
                    path,
                    format!("rule type {other:?} is not one of endpoint, error, tree"),
                ));
            }
        };
        for (condition, binding) in bound {
            if self.scope[binding].used {
                continue;
            }
            // Nothing reads it: a value that may be unset is still tested,
            // one that is always set needs nothing.
            conditions[condition] = match &conditions[condition] {
                RuleCondition::Bind { value, .. } => {
                    RuleCondition::Holds(RuleExpr::IsSet(Box::new(value.clone())))
                }
                _ => RuleCondition::Holds(RuleExpr::Boolean(true)),
            };
        }
        self.scope.truncate(mark);
        Ok(EndpointRule {
            conditions,
            outcome,
        })
    }

    fn condition(&mut self, json: &Json, path: &str) -> Result<RuleCondition, Error> {
        if json.get("fn").and_then(Json::as_str) == Some("isSet")
            && json.get("assign").is_none()
            && let Some([Json::Object(arg)]) =
                json.get("argv").and_then(Json::as_array).map(Vec::as_slice)
            && let Some(Json::String(name)) = arg.get("ref")
        {
            // `isSet` on a name narrows it: later uses in the rule read the bound local.
            let (value, ty) = self.reference(name, path)?;
            if ty.optional {
                return Ok(self.bind(name, ty.kind, value));
            }
            return Ok(RuleCondition::Holds(RuleExpr::Boolean(true)));
        }
        let (value, ty) = self.call(json, path)?;
        if let Some(assign) = json.get("assign") {
            let Some(name) = assign.as_str() else {
                return Err(self.error(path, "`assign` must be a string"));
            };
            if !ty.optional {
                // Always set: bound for the rest of the rule, and the
                // condition holds.
                if !matches!(ty.kind, LocalKind::String | LocalKind::Boolean) {
                    return Err(self.error(
                        path,
                        format!(
                            "assigning {}, which is always set, is not supported",
                            ty.describe()
                        ),
                    ));
                }
                let local = self.push_binding(name, ty.kind);
                return Ok(RuleCondition::Let { local, value });
            }
            return Ok(self.bind(name, ty.kind, value));
        }
        match ty {
            Type::BOOLEAN => Ok(RuleCondition::Holds(value)),
            Type { optional: true, .. } => {
                Ok(RuleCondition::Holds(RuleExpr::IsSet(Box::new(value))))
            }
            other => Err(self.error(
                path,
                format!("a condition must be a boolean, not {}", other.describe()),
            )),
        }
    }

    /// Binds a value that may be unset to a local named after `name`, for
    /// the rest of the rule.
    fn bind(&mut self, name: &str, kind: LocalKind, value: RuleExpr) -> RuleCondition {
        let local = self.push_binding(name, kind);
        RuleCondition::Bind { local, value }
    }

    /// Puts `name` in scope for the rest of the rule: its local's name.
    fn push_binding(&mut self, name: &str, kind: LocalKind) -> String {
        let local = local_name(name);
        self.scope.push(Binding {
            name: name.to_owned(),
            local: local.clone(),
            kind,
            used: false,
        });
        local
    }

    /// A function call.
    fn call(&mut self, json: &Json, path: &str) -> Result<(RuleExpr, Type), Error> {
        let Some(function) = json.get("fn").and_then(Json::as_str) else {
            return Err(self.error(path, "expected a function call (`fn`)"));
        };
        let args = json
            .get("argv")
            .and_then(Json::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let arity = match function {
            "isSet" | "not" | "aws.partition" | "uriEncode" | "parseURL" | "aws.parseArn" => 1,
            "booleanEquals"
            | "stringEquals"
            | "getAttr"
            | "isValidHostLabel"
            | "aws.isVirtualHostableS3Bucket" => 2,
            "substring" => 4,
            other => {
                return Err(self.error(
                    path,
                    format!("function `{other}` is not supported (the generator compiles {SUPPORTED_FUNCTIONS})"),
                ));
            }
        };
        if args.len() != arity {
            return Err(self.error(
                path,
                format!("`{function}` takes {arity} arguments, not {}", args.len()),
            ));
        }
        let path = format!("{path}.{function}");
        if function == "getAttr" {
            return self.get_attr(&args[0], &args[1], &path);
        }
        if function == "substring" {
            return self.substring(args, &path);
        }
        let mut typed = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            typed.push(self.expr(arg, &format!("{path}.argv[{i}]"))?);
        }
        let need = |checker: &Self, (expr, ty): (RuleExpr, Type), want: Type, i: usize| {
            if ty == want {
                Ok(Box::new(expr))
            } else {
                Err(checker.error(
                    &format!("{path}.argv[{i}]"),
                    format!(
                        "`{function}` needs {} here, not {}{}",
                        want.describe(),
                        ty.describe(),
                        if ty.optional {
                            ": test it with isSet first"
                        } else {
                            ""
                        }
                    ),
                ))
            }
        };
        let mut typed = typed.into_iter();
        let mut next = || typed.next().expect("arity checked");
        Ok(match function {
            "isSet" => {
                let (expr, ty) = next();
                if ty.optional {
                    (RuleExpr::IsSet(Box::new(expr)), Type::BOOLEAN)
                } else {
                    (RuleExpr::Boolean(true), Type::BOOLEAN)
                }
            }
            "not" => (
                RuleExpr::Not(need(self, next(), Type::BOOLEAN, 0)?),
                Type::BOOLEAN,
            ),
            "booleanEquals" => (
                RuleExpr::BooleanEquals(
                    need(self, next(), Type::BOOLEAN, 0)?,
                    need(self, next(), Type::BOOLEAN, 1)?,
                ),
                Type::BOOLEAN,
            ),
            "stringEquals" => (
                RuleExpr::StringEquals(
                    need(self, next(), Type::STRING, 0)?,
                    need(self, next(), Type::STRING, 1)?,
                ),
                Type::BOOLEAN,
            ),
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                let value = need(self, next(), Type::STRING, 0)?;
                let subdomains = need(self, next(), Type::BOOLEAN, 1)?;
                let function = match function {
                    "isValidHostLabel" => RuleFunction::IsValidHostLabel,
                    _ => RuleFunction::IsVirtualHostableS3Bucket,
                };
                (
                    RuleExpr::Call {
                        function,
                        args: vec![*value, *subdomains],
                    },
                    Type::BOOLEAN,
                )
            }
            "uriEncode" => (
                RuleExpr::Call {
                    function: RuleFunction::UriEncode,
                    args: vec![*need(self, next(), Type::STRING, 0)?],
                },
                Type::STRING,
            ),
            "parseURL" | "aws.parseArn" => {
                let (function, kind) = match function {
                    "parseURL" => (RuleFunction::ParseUrl, LocalKind::Url),
                    _ => (RuleFunction::ParseArn, LocalKind::Arn),
                };
                (
                    RuleExpr::Call {
                        function,
                        args: vec![*need(self, next(), Type::STRING, 0)?],
                    },
                    Type {
                        kind,
                        optional: true,
                    },
                )
            }
            _ => {
                self.uses_partitions = true;
                (
                    RuleExpr::Partition(need(self, next(), Type::STRING, 0)?),
                    Type {
                        kind: LocalKind::Partition,
                        optional: true,
                    },
                )
            }
        })
    }

    /// `substring(input, start, stop, reverse)`: its bounds are literal
    /// numbers, as every rule set writes them.
    fn substring(&mut self, args: &[Json], path: &str) -> Result<(RuleExpr, Type), Error> {
        let (input, ty) = self.expr(&args[0], &format!("{path}.argv[0]"))?;
        if ty != Type::STRING {
            return Err(self.error(
                &format!("{path}.argv[0]"),
                format!("`substring` needs a string here, not {}", ty.describe()),
            ));
        }
        let bound = |i: usize| {
            args[i]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| {
                    self.error(
                        &format!("{path}.argv[{i}]"),
                        "`substring` needs a non-negative whole number here",
                    )
                })
        };
        let (start, stop) = (bound(1)?, bound(2)?);
        let (reverse, ty) = self.expr(&args[3], &format!("{path}.argv[3]"))?;
        if ty != Type::BOOLEAN {
            return Err(self.error(
                &format!("{path}.argv[3]"),
                format!("`substring` needs a boolean here, not {}", ty.describe()),
            ));
        }
        Ok((
            RuleExpr::Call {
                function: RuleFunction::Substring { start, stop },
                args: vec![input, reverse],
            },
            Type {
                kind: LocalKind::String,
                optional: true,
            },
        ))
    }

    fn get_attr(
        &mut self,
        target: &Json,
        attribute: &Json,
        path: &str,
    ) -> Result<(RuleExpr, Type), Error> {
        let Some(Json::String(name)) = target.get("ref") else {
            return Err(self.error(
                path,
                "getAttr is supported on a named aws.partition result only",
            ));
        };
        let Some(attribute) = attribute.as_str() else {
            return Err(self.error(path, "getAttr needs a string path"));
        };
        self.attribute(name, attribute, path)
    }

    /// An attribute of the partition, URL or ARN bound to `name`.
    fn attribute(
        &mut self,
        name: &str,
        attribute: &str,
        path: &str,
    ) -> Result<(RuleExpr, Type), Error> {
        let (target, ty) = self.reference(name, path)?;
        if ty.kind == LocalKind::StringArray {
            // A list's attributes are its elements, `[i]`.
            let Some(index) = attribute
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|index| index.parse().ok())
            else {
                return Err(self.error(
                    path,
                    format!(
                        "a list of strings has no attribute `{attribute}`: only elements, `[i]`"
                    ),
                ));
            };
            let element = RuleExpr::Element {
                list: Box::new(target),
                list_optional: ty.optional,
                index,
            };
            let ty = Type {
                kind: LocalKind::String,
                optional: true,
            };
            return Ok((element, ty));
        }
        let RuleExpr::Local { name: local, kind } = target else {
            return Err(self.error(
                path,
                format!("`{name}` is {}, which has no attributes", ty.describe()),
            ));
        };
        let record = match (kind, attribute) {
            (LocalKind::Partition, _) => None,
            (LocalKind::Url, "scheme") => Some(RecordAttribute::Text("scheme")),
            (LocalKind::Url, "authority") => Some(RecordAttribute::Text("authority")),
            (LocalKind::Url, "path") => Some(RecordAttribute::Text("path")),
            (LocalKind::Url, "normalizedPath") => Some(RecordAttribute::Text("normalized_path")),
            (LocalKind::Url, "isIp") => Some(RecordAttribute::IsIp),
            (LocalKind::Url, _) => None,
            (LocalKind::Arn, "partition") => Some(RecordAttribute::Text("partition")),
            (LocalKind::Arn, "service") => Some(RecordAttribute::Text("service")),
            (LocalKind::Arn, "region") => Some(RecordAttribute::Text("region")),
            (LocalKind::Arn, "accountId") => Some(RecordAttribute::Text("account_id")),
            (LocalKind::Arn, other) => other
                .strip_prefix("resourceId[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|index| index.parse().ok())
                .map(RecordAttribute::ResourceId),
            _ => {
                return Err(self.error(
                    path,
                    format!("`{name}` is {}, which has no attributes", ty.describe()),
                ));
            }
        };
        if kind != LocalKind::Partition {
            let Some(attribute) = record else {
                return Err(self.error(
                    path,
                    format!("{} has no attribute `{attribute}`", ty.describe()),
                ));
            };
            let ty = match attribute {
                RecordAttribute::IsIp => Type::BOOLEAN,
                RecordAttribute::Text(_) => Type::STRING,
                RecordAttribute::ResourceId(_) => Type {
                    kind: LocalKind::String,
                    optional: true,
                },
            };
            return Ok((RuleExpr::Attribute { local, attribute }, ty));
        }
        let Some(attribute) = PartitionAttribute::from_path(attribute) else {
            return Err(self.error(path, format!("partitions have no attribute `{attribute}`")));
        };
        let ty = match attribute {
            PartitionAttribute::SupportsFips | PartitionAttribute::SupportsDualStack => {
                Type::BOOLEAN
            }
            PartitionAttribute::ImplicitGlobalRegion => Type {
                kind: LocalKind::String,
                optional: true,
            },
            _ => Type::STRING,
        };
        Ok((RuleExpr::PartitionAttribute { local, attribute }, ty))
    }

    /// What a name refers to: the innermost binding, else a parameter.
    fn reference(&mut self, name: &str, path: &str) -> Result<(RuleExpr, Type), Error> {
        if let Some(binding) = self.scope.iter_mut().rev().find(|b| b.name == name) {
            binding.used = true;
            let expr = RuleExpr::Local {
                name: binding.local.clone(),
                kind: binding.kind,
            };
            return Ok((
                expr,
                Type {
                    kind: binding.kind,
                    optional: false,
                },
            ));
        }
        let Some(parameter) = self.parameters.iter().find(|p| p.name == name) else {
            return Err(self.error(
                path,
                format!("`{name}` is neither a parameter nor an assigned value"),
            ));
        };
        let kind = match parameter.kind {
            ParameterKind::String => LocalKind::String,
            ParameterKind::Boolean => LocalKind::Boolean,
            ParameterKind::StringArray => LocalKind::StringArray,
        };
        let expr = RuleExpr::Parameter {
            field: parameter.field.clone(),
            kind: parameter.kind,
        };
        Ok((
            expr,
            Type {
                kind,
                optional: !parameter.always_set(),
            },
        ))
    }

    fn expr(&mut self, json: &Json, path: &str) -> Result<(RuleExpr, Type), Error> {
        match json {
            Json::Bool(b) => Ok((RuleExpr::Boolean(*b), Type::BOOLEAN)),
            Json::String(_) => Ok((RuleExpr::String(self.string(json, path)?), Type::STRING)),
            Json::Object(members) => match members.get("ref") {
                Some(Json::String(name)) => self.reference(name, path),
                Some(_) => Err(self.error(path, "`ref` must be a string")),
                None => self.call(json, path),
            },
            other => Err(self.error(path, format!("expected a value, got {other}"))),
        }
    }

    /// A string-valued expression: a template, or a reference or call that
    /// gives a string that is always set.
    fn string(&mut self, json: &Json, path: &str) -> Result<Vec<StringPart>, Error> {
        if let Json::String(template) = json {
            return self.template(template, path);
        }
        let (expr, ty) = self.expr(json, path)?;
        if ty != Type::STRING {
            return Err(self.error(path, format!("expected a string, not {}", ty.describe())));
        }
        Ok(vec![StringPart::Value(expr)])
    }

    /// A template: text with `{Name}` and `{Name#attribute}` holes, `{{` and
    /// `}}` for literal braces.
    fn template(&mut self, template: &str, path: &str) -> Result<Vec<StringPart>, Error> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        while let Some(at) = rest.find(['{', '}']) {
            text.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                text.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) else {
                return Err(self.error(
                    path,
                    format!("template `{template}` has an unmatched brace"),
                ));
            };
            let hole = &tail[1..close];
            let (expr, ty) = match hole.split_once('#') {
                Some((name, attribute)) => self.attribute(name, attribute, path)?,
                None => self.reference(hole, path)?,
            };
            if ty.kind != LocalKind::String {
                return Err(self.error(
                    path,
                    format!(
                        "`{{{hole}}}` in a template must be a string, not {}",
                        ty.describe()
                    ),
                ));
            }
            if !text.is_empty() {
                parts.push(StringPart::Text(std::mem::take(&mut text)));
            }
            // A value that may be unset fails resolution where it is.
            parts.push(if ty.optional {
                StringPart::Optional {
                    value: expr,
                    name: hole.to_owned(),
                }
            } else {
                StringPart::Value(expr)
            });
            rest = &tail[close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() || parts.is_empty() {
            parts.push(StringPart::Text(text));
        }
        Ok(parts)
    }

    fn endpoint(&mut self, json: &Json, path: &str) -> Result<EndpointOutcome, Error> {
        let Some(url) = json.get("url") else {
            return Err(self.error(path, "an endpoint needs a `url`"));
        };
        let url = self.string(url, &join(path, "url"))?;
        let mut properties = Vec::new();
        if let Some(listed) = json.get("properties") {
            let Some(listed) = listed.as_object() else {
                return Err(self.error(path, "`properties` must be an object"));
            };
            for (name, value) in listed {
                let path = format!("{path}.properties.{name}");
                properties.push((name.clone(), self.value(value, &path)?));
            }
        }
        let mut headers = Vec::new();
        if let Some(listed) = json.get("headers") {
            let Some(listed) = listed.as_object() else {
                return Err(self.error(path, "`headers` must be an object"));
            };
            for (name, values) in listed {
                let path = format!("{path}.headers.{name}");
                let Some(values) = values.as_array() else {
                    return Err(self.error(&path, "a header needs an array of values"));
                };
                let values = values
                    .iter()
                    .map(|value| self.string(value, &path))
                    .collect::<Result<_, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        Ok(EndpointOutcome {
            url,
            properties,
            headers,
        })
    }

    /// A property value: literals, with strings as templates, and records.
    fn value(&mut self, json: &Json, path: &str) -> Result<RuleValue, Error> {
        Ok(match json {
            Json::Bool(b) => RuleValue::Boolean(*b),
            Json::String(_) => RuleValue::String(self.string(json, path)?),
            Json::Array(items) => RuleValue::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(members) if members.contains_key("ref") || members.contains_key("fn") => {
                RuleValue::String(self.string(json, path)?)
            }
            Json::Object(members) => RuleValue::Object(
                members
                    .iter()
                    .map(|(name, value)| Ok((name.clone(), self.value(value, &join(path, name))?)))
                    .collect::<Result<_, Error>>()?,
            ),
            other => {
                return Err(self.error(path, format!("property value {other} is not supported")));
            }
        })
    }
}

/// The Rust name of a parameter or local: snake_case, never one of the
/// generated function's own parameter names.
fn local_name(name: &str) -> String {
    let field = naming::field_name(name);
    if RESERVED_LOCALS.contains(&naming::unraw(&field)) {
        format!("{field}_value")
    } else {
        field
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
