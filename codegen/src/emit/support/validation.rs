//! Constraint validation: the model's `length` and `pattern` traits.
//!
//! Services enforce these constraints, and the Smithy specification asks
//! clients not to refuse a request because of them, so validation runs only
//! when it is asked for. When it runs, it is exact: lengths count Unicode
//! scalar values, and patterns keep their ECMA-262 meaning.
//!
//! A violation names where it happened and the rule it broke, never the
//! value, because the value may be `@sensitive`.

// Every generated crate gets the same helpers; not every crate uses each one.
#![allow(dead_code)]

/// The constraint a value broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A string's length, counted in Unicode scalar values, is out of bounds.
    StringLength {
        /// Inclusive minimum, if any.
        min: ::std::option::Option<u64>,
        /// Inclusive maximum, if any.
        max: ::std::option::Option<u64>,
        /// The length the value has.
        actual: u64,
    },
    /// A list's number of items is out of bounds.
    ListLength {
        /// Inclusive minimum, if any.
        min: ::std::option::Option<u64>,
        /// Inclusive maximum, if any.
        max: ::std::option::Option<u64>,
        /// The number of items the list has.
        actual: u64,
    },
    /// A string does not match the model's ECMA-262 pattern (a search, not anchored unless it says so).
    Pattern {
        /// The pattern as the model writes it.
        pattern: &'static str,
    },
}

impl ::std::fmt::Display for Rule {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // Plain writes rather than `write!` with many arguments: the message
        // is the same and the crate compiles less code for it.
        match self {
            Rule::StringLength { min, max, actual } => {
                write_bounds(f, "length", *min, *max, "characters", *actual)
            }
            Rule::ListLength { min, max, actual } => {
                write_bounds(f, "number of items", *min, *max, "items", *actual)
            }
            Rule::Pattern { pattern } => {
                f.write_str("must match the pattern ")?;
                f.write_str(pattern)
            }
        }
    }
}

fn write_bounds(
    f: &mut ::std::fmt::Formatter<'_>,
    what: &str,
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
    unit: &str,
    actual: u64,
) -> ::std::fmt::Result {
    f.write_str(what)?;
    match (min, max) {
        (Some(min), Some(max)) => {
            f.write_str(" must be between ")?;
            write_number(f, min)?;
            f.write_str(" and ")?;
            write_number(f, max)?;
        }
        (Some(min), None) => {
            f.write_str(" must be at least ")?;
            write_number(f, min)?;
        }
        (None, Some(max)) => {
            f.write_str(" must be at most ")?;
            write_number(f, max)?;
        }
        (None, None) => f.write_str(" is unconstrained")?,
    }
    if min.is_some() || max.is_some() {
        f.write_str(" ")?;
        f.write_str(unit)?;
    }
    f.write_str(", but it has ")?;
    write_number(f, actual)
}

/// Writes a number as part of a message, untouched by the width or fill
/// the message itself may be formatted with.
fn write_number(f: &mut ::std::fmt::Formatter<'_>, number: u64) -> ::std::fmt::Result {
    f.write_fmt(format_args!("{number}"))
}

/// One broken constraint, with the path of the member that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintViolation {
    path: ::std::string::String,
    rule: Rule,
}

impl ConstraintViolation {
    /// Where the violation is, as on the wire: `Name`, `Tags[3].Key`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule that was broken, with its limit.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl ::std::fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("`")?;
        f.write_str(&self.path)?;
        f.write_str("`: ")?;
        ::std::fmt::Display::fmt(&self.rule, f)
    }
}

/// Every constraint violation found in a value, in member order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: ::std::vec::Vec<ConstraintViolation>,
}

impl ValidationError {
    pub(crate) fn check(
        violations: ::std::vec::Vec<ConstraintViolation>,
    ) -> ::std::result::Result<(), Self> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }

    /// The violations; never empty.
    pub fn violations(&self) -> &[ConstraintViolation] {
        &self.violations
    }
}

impl ::std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let count = self.violations.len();
        write_number(f, count as u64)?;
        f.write_str(if count == 1 {
            " constraint violation: "
        } else {
            " constraint violations: "
        })?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            ::std::fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ValidationError {}

/// The path of member `member` inside the value at `parent` (empty at the top).
pub(crate) fn member_path(parent: &str, member: &str) -> ::std::string::String {
    let mut path = ::std::string::String::with_capacity(parent.len() + 1 + member.len());
    if !parent.is_empty() {
        path.push_str(parent);
        path.push('.');
    }
    path.push_str(member);
    path
}

/// The path of item `index` of the list at `list`.
pub(crate) fn item_path(list: &str, index: usize) -> ::std::string::String {
    format!("{list}[{index}]")
}

fn out_of_bounds(
    actual: u64,
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
) -> bool {
    min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max)
}

// The checks take the path as a `dyn` closure, built only on a violation,
// so that each is compiled once per crate rather than once per call site.

pub(crate) fn check_string_length(
    out: &mut ::std::vec::Vec<ConstraintViolation>,
    value: &str,
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
    path: &dyn Fn() -> ::std::string::String,
) {
    let actual = value.chars().count() as u64;
    if out_of_bounds(actual, min, max) {
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::StringLength { min, max, actual },
        });
    }
}

pub(crate) fn check_list_length<T>(
    out: &mut ::std::vec::Vec<ConstraintViolation>,
    value: &[T],
    min: ::std::option::Option<u64>,
    max: ::std::option::Option<u64>,
    path: &dyn Fn() -> ::std::string::String,
) {
    let actual = value.len() as u64;
    if out_of_bounds(actual, min, max) {
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::ListLength { min, max, actual },
        });
    }
}

pub(crate) fn check_pattern(
    out: &mut ::std::vec::Vec<ConstraintViolation>,
    value: &str,
    regex: &::regex_lite::Regex,
    pattern: &'static str,
    path: &dyn Fn() -> ::std::string::String,
) {
    if !regex.is_match(value) {
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::Pattern { pattern },
        });
    }
}

/// Compiles a pattern that the generator translated and compiled already.
pub(crate) fn compile(regex: &str) -> ::regex_lite::Regex {
    ::regex_lite::Regex::new(regex)
        .expect("the generator compiles every translated pattern before writing it")
}
