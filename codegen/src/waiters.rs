//! Lowering of `smithy.waiters#waitable`: each waiter of an operation,
//! its acceptors, and their JMESPath expressions parsed and resolved
//! against the operation's input and output types, so that the emitter
//! writes them as accessor calls.
//!
//! The expressions read are the part of JMESPath that waiters use:
//! identifiers (bare or quoted) joined by `.`, projections (`[]`, `[*]`),
//! literals (`'raw'` and scalar JSON `` `...` ``), `==`, `!=`, `<`, `<=`,
//! `>`, `>=`, `&&`, `||`, `!`, parentheses and `length()`. A waiter this
//! generator cannot write (another JMESPath construct, a path that ends at
//! a structure, an invalid model) is left out with a warning naming it and
//! why: the client is correct without it, and nothing is dropped silently.

use crate::ir::*;
use crate::naming;
use serde_json::Value as Json;

const TRAIT: &str = "smithy.waiters#waitable";

/// The waiters of `operation` (whose input and output structures are in
/// `input` and `output`), and a warning for each one left out.
pub fn lower(
    operation: &Operation,
    waitable: &Json,
    input: &Types,
    output: &Types,
    streaming_input: bool,
) -> (Vec<Waiter>, Vec<String>) {
    let mut waiters = Vec::new();
    let mut warnings = Vec::new();
    let Some(entries) = waitable.as_object() else {
        warnings.push(format!(
            "{}: trait `{TRAIT}`: must be an object of waiters; no waiter is generated",
            operation.id
        ));
        return (waiters, warnings);
    };
    for (name, definition) in entries {
        let lowered = if streaming_input {
            Err("its operation's input is a stream, which cannot be sent again".to_owned())
        } else {
            waiter(name, definition, operation, input, output)
        };
        match lowered {
            Ok(waiter) => waiters.push(waiter),
            Err(why) => warnings.push(format!(
                "{}: trait `{TRAIT}`: the waiter `{name}` is not generated: {why}",
                operation.id
            )),
        }
    }
    (waiters, warnings)
}

fn waiter(
    name: &str,
    definition: &Json,
    operation: &Operation,
    input: &Types,
    output: &Types,
) -> Result<Waiter, String> {
    let mut chars = name.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_uppercase())
        || !chars.all(|c| c.is_ascii_alphanumeric())
    {
        return Err("a waiter's name must be UpperCamelCase letters and digits".to_owned());
    }
    let delay = |key: &str, default: u64| match definition.get(key) {
        None => Ok(default),
        Some(value) => value
            .as_u64()
            .filter(|&seconds| seconds >= 1)
            .ok_or_else(|| format!("`{key}` must be a whole number of seconds, at least 1")),
    };
    let (min_delay, max_delay) = (delay("minDelay", 2)?, delay("maxDelay", 120)?);
    if min_delay > max_delay {
        return Err(format!(
            "`minDelay` ({min_delay}) must not be more than `maxDelay` ({max_delay})"
        ));
    }
    let acceptors = definition
        .get("acceptors")
        .and_then(Json::as_array)
        .ok_or("`acceptors` must be a list")?
        .iter()
        .enumerate()
        .map(|(index, acceptor)| {
            lower_acceptor(acceptor, operation, input, output)
                .map_err(|why| format!("acceptor {}: {why}", index + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !acceptors.iter().any(|a| a.state == AcceptorState::Success) {
        return Err("no acceptor has the `success` state".to_owned());
    }
    let docs = definition
        .get("documentation")
        .and_then(Json::as_str)
        .map(crate::docs::to_markdown)
        .unwrap_or_default();
    let snake = naming::field_name(name);
    let snake = naming::unraw(&snake);
    Ok(Waiter {
        name: name.to_owned(),
        method: format!("wait_until_{snake}"),
        fluent_builder: format!("WaitUntil{name}FluentBuilder"),
        docs,
        deprecated: definition.get("deprecated").and_then(Json::as_bool) == Some(true),
        min_delay,
        max_delay,
        acceptors,
    })
}

fn lower_acceptor(
    acceptor: &Json,
    operation: &Operation,
    input: &Types,
    output: &Types,
) -> Result<Acceptor, String> {
    let state = match acceptor.get("state").and_then(Json::as_str) {
        Some("success") => AcceptorState::Success,
        Some("failure") => AcceptorState::Failure,
        Some("retry") => AcceptorState::Retry,
        other => {
            return Err(format!(
                "`state` {other:?} is not success, failure or retry"
            ));
        }
    };
    let matcher = acceptor
        .get("matcher")
        .and_then(Json::as_object)
        .ok_or("`matcher` must be an object")?;
    if matcher.len() != 1 {
        return Err(
            "a matcher sets exactly one of output, inputOutput, success and errorType".to_owned(),
        );
    }
    let (kind, value) = matcher.iter().next().expect("one entry");
    let matcher = match kind.as_str() {
        "success" => Matcher::Success(value.as_bool().ok_or("`success` must be a boolean")?),
        "errorType" => {
            let name = value.as_str().ok_or("`errorType` must be a string")?;
            // An absolute shape id matches by its name.
            Matcher::ErrorType(name.rsplit('#').next().unwrap_or(name).to_owned())
        }
        "output" | "inputOutput" => {
            let field = |key: &str| {
                value
                    .get(key)
                    .and_then(Json::as_str)
                    .ok_or_else(|| format!("`{kind}.{key}` must be a string"))
            };
            let (path, expected) = (field("path")?, field("expected")?);
            let comparator = match field("comparator")? {
                "stringEquals" => Comparator::StringEquals,
                "booleanEquals" => Comparator::BooleanEquals,
                "allStringEquals" => Comparator::AllStringEquals,
                "anyStringEquals" => Comparator::AnyStringEquals,
                other => {
                    return Err(format!(
                        "the comparator `{other}` is not one Smithy defines"
                    ));
                }
            };
            if comparator == Comparator::BooleanEquals && !["true", "false"].contains(&expected) {
                return Err(format!(
                    "`booleanEquals` expects \"true\" or \"false\", not {expected:?}"
                ));
            }
            let input_output = kind == "inputOutput";
            let parsed = Parser::new(path)
                .parse()
                .map_err(|why| format!("the path `{path}`: {why}"))?;
            let typer = Typer {
                operation,
                input,
                output,
                input_output,
            };
            let expression = typer
                .expr(&parsed)
                .map_err(|why| format!("the path `{path}`: {why}"))?;
            Matcher::Path {
                expression,
                comparator,
                expected: expected.to_owned(),
            }
        }
        other => return Err(format!("the matcher `{other}` is not one Smithy defines")),
    };
    Ok(Acceptor { state, matcher })
}

/// A parsed expression, before its paths are resolved.
#[derive(Debug, Clone, PartialEq)]
enum Ast {
    Literal(WaiterLiteral),
    /// Identifiers and projections, in order.
    Path(Vec<Segment>),
    Not(Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Compare(CompareOp, Box<Ast>, Box<Ast>),
    Length(Box<Ast>),
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Field(String),
    /// `[]` (`flatten`) or `[*]`.
    Project {
        flatten: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    /// An identifier followed by `(`.
    Function(String),
    Literal(WaiterLiteral),
    Dot,
    Flatten,
    Wildcard,
    Open,
    Close,
    Comma,
    Not,
    And,
    Or,
    Compare(CompareOp),
}

/// A recursive-descent reader of the JMESPath subset, with JMESPath's
/// precedence: `||`, then `&&`, then comparisons, then `!`, then paths.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
    error: Option<String>,
}

impl Parser {
    fn new(text: &str) -> Self {
        match tokenize(text) {
            Ok(tokens) => Parser {
                tokens,
                at: 0,
                error: None,
            },
            Err(why) => Parser {
                tokens: Vec::new(),
                at: 0,
                error: Some(why),
            },
        }
    }

    fn parse(mut self) -> Result<Ast, String> {
        if let Some(why) = self.error.take() {
            return Err(why);
        }
        let expression = self.or()?;
        match self.tokens.get(self.at) {
            None => Ok(expression),
            Some(token) => Err(format!("unexpected {token:?}")),
        }
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self) -> Result<Ast, String> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            left = Ast::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Ast, String> {
        let mut left = self.comparison()?;
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            left = Ast::And(Box::new(left), Box::new(self.comparison()?));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Ast, String> {
        let left = self.not()?;
        if let Some(Token::Compare(op)) = self.peek().cloned() {
            self.at += 1;
            let right = self.not()?;
            return Ok(Ast::Compare(op, Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Ast, String> {
        if self.peek() == Some(&Token::Not) {
            self.at += 1;
            return Ok(Ast::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Ast, String> {
        match self.next() {
            Some(Token::Literal(literal)) => Ok(Ast::Literal(literal)),
            Some(Token::Open) => {
                let inner = self.or()?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err("a `(` is not closed".to_owned()),
                }
            }
            Some(Token::Function(name)) => {
                if name != "length" {
                    return Err(format!("the function `{name}` is not supported"));
                }
                let argument = self.or()?;
                match self.next() {
                    Some(Token::Close) => Ok(Ast::Length(Box::new(argument))),
                    _ => Err("`length` takes one argument".to_owned()),
                }
            }
            Some(Token::Identifier(first)) => {
                let mut segments = vec![Segment::Field(first)];
                loop {
                    match self.peek() {
                        Some(Token::Dot) => {
                            self.at += 1;
                            match self.next() {
                                Some(Token::Identifier(name)) => {
                                    segments.push(Segment::Field(name))
                                }
                                _ => return Err("a `.` must be followed by a name".to_owned()),
                            }
                        }
                        Some(Token::Flatten) => {
                            self.at += 1;
                            segments.push(Segment::Project { flatten: true });
                        }
                        Some(Token::Wildcard) => {
                            self.at += 1;
                            segments.push(Segment::Project { flatten: false });
                        }
                        _ => return Ok(Ast::Path(segments)),
                    }
                }
            }
            Some(token) => Err(format!("unexpected {token:?}")),
            None => Err("the expression ends early".to_owned()),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => continue,
            '.' => Token::Dot,
            '(' => Token::Open,
            ')' => Token::Close,
            ',' => Token::Comma,
            '[' => {
                let rest = &text[at..];
                if rest.starts_with("[]") {
                    chars.next();
                    Token::Flatten
                } else if rest.starts_with("[*]") {
                    chars.next();
                    chars.next();
                    Token::Wildcard
                } else {
                    return Err("only the projections `[]` and `[*]` are supported".to_owned());
                }
            }
            '!' if chars.peek().is_some_and(|(_, c)| *c == '=') => {
                chars.next();
                Token::Compare(CompareOp::NotEqual)
            }
            '!' => Token::Not,
            '=' if chars.peek().is_some_and(|(_, c)| *c == '=') => {
                chars.next();
                Token::Compare(CompareOp::Equal)
            }
            '<' | '>' => {
                let equal = chars.peek().is_some_and(|(_, c)| *c == '=');
                if equal {
                    chars.next();
                }
                Token::Compare(match (c, equal) {
                    ('<', false) => CompareOp::Less,
                    ('<', true) => CompareOp::LessOrEqual,
                    ('>', false) => CompareOp::Greater,
                    _ => CompareOp::GreaterOrEqual,
                })
            }
            '&' if chars.peek().is_some_and(|(_, c)| *c == '&') => {
                chars.next();
                Token::And
            }
            '|' if chars.peek().is_some_and(|(_, c)| *c == '|') => {
                chars.next();
                Token::Or
            }
            '\'' => {
                // A raw string: `\'` is a quote, any other `\` is itself.
                let mut value = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a raw string is not closed".to_owned()),
                        Some((_, '\'')) => break,
                        Some((_, '\\')) if chars.peek().is_some_and(|(_, c)| *c == '\'') => {
                            chars.next();
                            value.push('\'');
                        }
                        Some((_, other)) => value.push(other),
                    }
                }
                Token::Literal(WaiterLiteral::String(value))
            }
            '`' => {
                let mut json = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a JSON literal is not closed".to_owned()),
                        Some((_, '`')) => break,
                        Some((_, '\\')) if chars.peek().is_some_and(|(_, c)| *c == '`') => {
                            chars.next();
                            json.push('`');
                        }
                        Some((_, other)) => json.push(other),
                    }
                }
                let value: Json = serde_json::from_str(json.trim())
                    .map_err(|e| format!("the JSON literal `{json}` is not JSON: {e}"))?;
                Token::Literal(match value {
                    Json::Null => WaiterLiteral::Null,
                    Json::Bool(flag) => WaiterLiteral::Bool(flag),
                    Json::String(text) => WaiterLiteral::String(text),
                    Json::Number(number) => {
                        WaiterLiteral::Number(number.as_f64().ok_or("a JSON number out of range")?)
                    }
                    _ => {
                        return Err(
                            "JSON literals that are arrays or objects are not supported".to_owned()
                        );
                    }
                })
            }
            '"' => {
                let mut quoted = String::from('"');
                loop {
                    match chars.next() {
                        None => return Err("a quoted name is not closed".to_owned()),
                        Some((_, '"')) => {
                            quoted.push('"');
                            break;
                        }
                        Some((_, '\\')) => {
                            quoted.push('\\');
                            if let Some((_, escaped)) = chars.next() {
                                quoted.push(escaped);
                            }
                        }
                        Some((_, other)) => quoted.push(other),
                    }
                }
                let name: String = serde_json::from_str(&quoted)
                    .map_err(|e| format!("the quoted name {quoted} is not valid: {e}"))?;
                Token::Identifier(name)
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                while let Some(&(_, next)) = chars.peek() {
                    if next.is_ascii_alphanumeric() || next == '_' {
                        name.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                // A name right before `(` calls a function.
                let rest = text[at + name.len()..].trim_start();
                if rest.starts_with('(') {
                    let skipped = text[at + name.len()..].len() - rest.len();
                    for _ in 0..=skipped {
                        chars.next();
                    }
                    Token::Function(name)
                } else {
                    Token::Identifier(name)
                }
            }
            other => return Err(format!("`{other}` is not supported")),
        };
        tokens.push(token);
    }
    Ok(tokens)
}

/// Resolves a parsed expression's paths against the operation's types.
struct Typer<'a> {
    operation: &'a Operation,
    input: &'a Types,
    output: &'a Types,
    input_output: bool,
}

impl Typer<'_> {
    fn expr(&self, ast: &Ast) -> Result<WaiterExpr, String> {
        let boxed = |ast: &Ast| self.expr(ast).map(Box::new);
        Ok(match ast {
            Ast::Literal(literal) => WaiterExpr::Literal(literal.clone()),
            Ast::Not(inner) => WaiterExpr::Not(boxed(inner)?),
            Ast::And(a, b) => WaiterExpr::And(boxed(a)?, boxed(b)?),
            Ast::Or(a, b) => WaiterExpr::Or(boxed(a)?, boxed(b)?),
            Ast::Compare(op, a, b) => WaiterExpr::Compare(*op, boxed(a)?, boxed(b)?),
            Ast::Length(inner) => match &**inner {
                // The length of a list or map is counted, whatever it holds.
                Ast::Path(segments) => {
                    let path = self.root_path(segments, true)?;
                    match path.end == PathEnd::Count {
                        true => WaiterExpr::Path(path),
                        false => WaiterExpr::Length(Box::new(WaiterExpr::Path(path))),
                    }
                }
                other => WaiterExpr::Length(boxed(other)?),
            },
            Ast::Path(segments) => WaiterExpr::Path(self.root_path(segments, false)?),
        })
    }

    /// The path `segments` from the input or output; `counted`: it is
    /// `length()`'s argument, so it may end at any list or map.
    fn root_path(&self, segments: &[Segment], counted: bool) -> Result<WaiterPath, String> {
        // `received`: the output's structures, whose lists read as slices.
        let (root, structure, segments, received) = if self.input_output {
            match segments.first() {
                Some(Segment::Field(name)) if name == "input" => (
                    PathRoot::Input,
                    structure(self.input, &self.operation.input)?,
                    &segments[1..],
                    false,
                ),
                Some(Segment::Field(name)) if name == "output" => (
                    PathRoot::Output,
                    structure(self.output, &self.operation.output)?,
                    &segments[1..],
                    true,
                ),
                _ => return Err("an `inputOutput` path starts at `input` or `output`".to_owned()),
            }
        } else {
            (
                PathRoot::Output,
                structure(self.output, &self.operation.output)?,
                segments,
                true,
            )
        };
        if segments.is_empty() {
            return Err("a path that ends at a structure is not supported".to_owned());
        }
        self.path(
            root,
            Kind::Structure(structure.name.clone()),
            segments,
            counted,
            received,
        )
    }

    /// The path `segments` from a value of `kind` at `root`.
    fn path(
        &self,
        root: PathRoot,
        kind: Kind,
        segments: &[Segment],
        counted: bool,
        received: bool,
    ) -> Result<WaiterPath, String> {
        let mut steps = Vec::new();
        let mut kind = kind;
        for (index, segment) in segments.iter().enumerate() {
            match segment {
                Segment::Field(name) => {
                    let Kind::Structure(type_name) = &kind else {
                        return Err(format!("`{name}` is read from something not a structure"));
                    };
                    let structure = self.structure_named(type_name, received)?;
                    let field = structure
                        .fields
                        .iter()
                        .find(|f| &f.member == name)
                        .ok_or_else(|| format!("{} has no member `{name}`", structure.name))?;
                    if field.value.boxed {
                        return Err(format!(
                            "`{name}` closes a cycle, which paths do not follow"
                        ));
                    }
                    steps.push(PathStep {
                        accessor: field.name.clone(),
                        optional: field.accessor_is_optional(received),
                    });
                    kind = field.value.kind.clone();
                }
                Segment::Project { flatten } => {
                    let Kind::List(item) = &kind else {
                        return Err(
                            "a projection of something not a list is not supported".to_owned()
                        );
                    };
                    if *flatten && matches!(item.kind, Kind::List(_)) {
                        return Err("flattening a list of lists is not supported".to_owned());
                    }
                    if item.nullable {
                        return Err("a projection of a sparse list is not supported".to_owned());
                    }
                    let rest = &segments[index + 1..];
                    let rest = match rest.is_empty() {
                        true => WaiterPath {
                            root: PathRoot::Item,
                            steps: Vec::new(),
                            end: PathEnd::Value(leaf(&item.kind)?),
                        },
                        false => {
                            self.path(PathRoot::Item, item.kind.clone(), rest, false, received)?
                        }
                    };
                    return Ok(WaiterPath {
                        root,
                        steps,
                        end: PathEnd::Projection {
                            rest: Box::new(rest),
                        },
                    });
                }
            }
        }
        let end = match kind {
            Kind::List(_) | Kind::Map { .. } if counted && !steps.is_empty() => PathEnd::Count,
            kind => PathEnd::Value(leaf(&kind)?),
        };
        Ok(WaiterPath { root, steps, end })
    }

    /// The structure `name` of the crate a path reads: the output's
    /// (`received`) or the input's.
    fn structure_named(&self, name: &str, received: bool) -> Result<&Structure, String> {
        match received {
            true => structure(self.output, name),
            false => structure(self.input, name),
        }
    }
}

fn structure<'t>(types: &'t Types, name: &str) -> Result<&'t Structure, String> {
    types
        .structures
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| format!("no structure `{name}`"))
}

/// A kind a path may end at: a scalar JMESPath can compare, or a list of
/// them.
fn leaf(kind: &Kind) -> Result<Kind, String> {
    let scalar = |kind: &Kind| {
        matches!(kind, Kind::String | Kind::Enum(_) | Kind::Timestamp) || kind.is_copy()
    };
    match kind {
        kind if scalar(kind) => Ok(kind.clone()),
        Kind::List(item) if scalar(&item.kind) && !item.nullable => Ok(kind.clone()),
        other => Err(format!(
            "a path that ends at {} is not supported",
            match other {
                Kind::Structure(_) | Kind::Union(_) => "a structure or union",
                Kind::Map { .. } => "a map",
                Kind::List(_) => "a list of structures, lists or maps",
                _ => "a blob, document or big number",
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Ast, String> {
        Parser::new(text).parse()
    }

    fn path(names: &[&str]) -> Ast {
        Ast::Path(
            names
                .iter()
                .map(|n| Segment::Field((*n).to_owned()))
                .collect(),
        )
    }

    fn text(value: &str) -> Ast {
        Ast::Literal(WaiterLiteral::String(value.to_owned()))
    }

    #[test]
    fn paths_literals_and_operators_parse_with_jmespaths_precedence() {
        assert_eq!(
            parse("Configuration.State"),
            Ok(path(&["Configuration", "State"]))
        );
        assert_eq!(
            parse("status != 'CANCELLING' && status != 'CANCELLED'"),
            Ok(Ast::And(
                Box::new(Ast::Compare(
                    CompareOp::NotEqual,
                    Box::new(path(&["status"])),
                    Box::new(text("CANCELLING"))
                )),
                Box::new(Ast::Compare(
                    CompareOp::NotEqual,
                    Box::new(path(&["status"])),
                    Box::new(text("CANCELLED"))
                )),
            ))
        );
        // `!` binds tighter than `==`, `&&` tighter than `||`.
        assert_eq!(
            parse("!a == b || c && d"),
            Ok(Ast::Or(
                Box::new(Ast::Compare(
                    CompareOp::Equal,
                    Box::new(Ast::Not(Box::new(path(&["a"])))),
                    Box::new(path(&["b"]))
                )),
                Box::new(Ast::And(Box::new(path(&["c"])), Box::new(path(&["d"])))),
            ))
        );
        assert_eq!(
            parse("length(input.groups) == length(output.groups)"),
            Ok(Ast::Compare(
                CompareOp::Equal,
                Box::new(Ast::Length(Box::new(path(&["input", "groups"])))),
                Box::new(Ast::Length(Box::new(path(&["output", "groups"])))),
            ))
        );
        assert_eq!(
            parse("Items[].State"),
            Ok(Ast::Path(vec![
                Segment::Field("Items".to_owned()),
                Segment::Project { flatten: true },
                Segment::Field("State".to_owned()),
            ]))
        );
        assert_eq!(
            parse("a[*]"),
            Ok(Ast::Path(vec![
                Segment::Field("a".to_owned()),
                Segment::Project { flatten: false }
            ]))
        );
        assert_eq!(parse(r#""quoted name".x"#), Ok(path(&["quoted name", "x"])));
        assert_eq!(parse(r"'it\'s'"), Ok(text("it's")));
        assert_eq!(parse("`true`"), Ok(Ast::Literal(WaiterLiteral::Bool(true))));
        assert_eq!(parse("`1.5`"), Ok(Ast::Literal(WaiterLiteral::Number(1.5))));
        assert_eq!(parse(r#"`"x"`"#), Ok(text("x")));
        assert_eq!(parse("`null`"), Ok(Ast::Literal(WaiterLiteral::Null)));
        assert_eq!(parse("(a)"), Ok(path(&["a"])));
        for (text, op) in [
            ("a < b", CompareOp::Less),
            ("a <= b", CompareOp::LessOrEqual),
            ("a > b", CompareOp::Greater),
            ("a >= b", CompareOp::GreaterOrEqual),
            ("a == b", CompareOp::Equal),
            ("a != b", CompareOp::NotEqual),
        ] {
            assert_eq!(
                parse(text),
                Ok(Ast::Compare(
                    op,
                    Box::new(path(&["a"])),
                    Box::new(path(&["b"]))
                )),
                "{text}"
            );
        }
        // Escapes: `\'` in a raw string and `\`` in a JSON literal are
        // the quote; any other backslash is the raw string's own, and the
        // JSON's escape.
        assert_eq!(parse(r"'a\b'"), Ok(text(r"a\b")));
        assert_eq!(parse(r#"`"a\`b"`"#), Ok(text("a`b")));
        assert_eq!(parse(r#"`"a\nb"`"#), Ok(text("a\nb")));
        assert_eq!(
            parse("a >= `2`"),
            Ok(Ast::Compare(
                CompareOp::GreaterOrEqual,
                Box::new(path(&["a"])),
                Box::new(Ast::Literal(WaiterLiteral::Number(2.0)))
            ))
        );
    }

    #[test]
    fn what_is_not_supported_is_refused_saying_what() {
        for (expression, why) in [
            (
                "a[?b == 'c']",
                "only the projections `[]` and `[*]` are supported",
            ),
            ("a[0]", "only the projections"),
            (
                "contains(a, 'b')",
                "the function `contains` is not supported",
            ),
            ("a | b", "`|` is not supported"),
            ("a = b", "`=` is not supported"),
            ("a & b", "`&` is not supported"),
            ("`[1]`", "arrays or objects are not supported"),
            ("'open", "a raw string is not closed"),
            ("a.", "a `.` must be followed by a name"),
            ("(a", "a `(` is not closed"),
            ("a b", "unexpected"),
            ("", "the expression ends early"),
            ("`{`", "is not JSON"),
        ] {
            let error = parse(expression).expect_err(expression);
            assert!(error.contains(why), "{expression}: {error}");
        }
    }
}
