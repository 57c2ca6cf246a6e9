//! Constraint validation: the model's `length`, `pattern` and `range` traits.
//!
//! Services enforce these constraints, and the Smithy specification asks
//! clients not to refuse a request because of them, so validation runs only
//! when it is asked for. When it runs, it is exact: lengths count Unicode
//! scalar values, and patterns keep their ECMA-262 meaning.
//!
//! A violation names where it happened and the rule it broke, never the
//! value, because the value may be `@sensitive`.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeBounds;
use std::sync::OnceLock;

/// The constraint a value broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A string's length, counted in Unicode scalar values, is out of bounds.
    StringLength {
        /// Inclusive minimum, if any.
        min: Option<u64>,
        /// Inclusive maximum, if any.
        max: Option<u64>,
        /// The length the value has.
        actual: u64,
    },
    /// A blob's size in bytes is out of bounds.
    BlobLength {
        /// Inclusive minimum, if any.
        min: Option<u64>,
        /// Inclusive maximum, if any.
        max: Option<u64>,
        /// The number of bytes the value has.
        actual: u64,
    },
    /// A list's number of items is out of bounds.
    ListLength {
        /// Inclusive minimum, if any.
        min: Option<u64>,
        /// Inclusive maximum, if any.
        max: Option<u64>,
        /// The number of items the list has.
        actual: u64,
    },
    /// A map's number of entries is out of bounds.
    MapLength {
        /// Inclusive minimum, if any.
        min: Option<u64>,
        /// Inclusive maximum, if any.
        max: Option<u64>,
        /// The number of entries the map has.
        actual: u64,
    },
    /// A number is out of the model's `range`. The value itself is not
    /// kept, as with every rule: it may be `@sensitive`.
    Range {
        /// Inclusive minimum, if any, in decimal.
        min: Option<Cow<'static, str>>,
        /// Inclusive maximum, if any, in decimal.
        max: Option<Cow<'static, str>>,
    },
    /// A string does not match the model's ECMA-262 pattern (a search, not anchored unless it says so).
    Pattern {
        /// The pattern as the model writes it.
        pattern: &'static str,
    },
    /// An item of a `uniqueItems` list equals an earlier one. The later
    /// item is the one reported; this is the index of the first.
    UniqueItems {
        /// The index of the earlier, equal item.
        first: u64,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Plain writes rather than `write!` with many arguments: the message
        // is the same and less code is compiled for it.
        match self {
            Rule::StringLength { min, max, actual } => {
                write_bounds(f, "length", *min, *max, "characters", *actual)
            }
            Rule::BlobLength { min, max, actual } => {
                write_bounds(f, "size", *min, *max, "bytes", *actual)
            }
            Rule::ListLength { min, max, actual } => {
                write_bounds(f, "number of items", *min, *max, "items", *actual)
            }
            Rule::MapLength { min, max, actual } => {
                write_bounds(f, "number of entries", *min, *max, "entries", *actual)
            }
            Rule::Range { min, max } => {
                f.write_str("must be ")?;
                match (min, max) {
                    (Some(min), Some(max)) => {
                        f.write_str(min)?;
                        f.write_str(" to ")?;
                        f.write_str(max)
                    }
                    (Some(min), None) => {
                        f.write_str("at least ")?;
                        f.write_str(min)
                    }
                    (None, Some(max)) => {
                        f.write_str("at most ")?;
                        f.write_str(max)
                    }
                    (None, None) => f.write_str("any number"),
                }
            }
            Rule::Pattern { pattern } => {
                f.write_str("must match the pattern ")?;
                f.write_str(pattern)
            }
            Rule::UniqueItems { first } => {
                f.write_str("must differ from every other item of its list, but it equals item ")?;
                write_number(f, *first)
            }
        }
    }
}

fn write_bounds(
    f: &mut fmt::Formatter<'_>,
    what: &str,
    min: Option<u64>,
    max: Option<u64>,
    unit: &str,
    actual: u64,
) -> fmt::Result {
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
fn write_number(f: &mut fmt::Formatter<'_>, number: u64) -> fmt::Result {
    f.write_fmt(format_args!("{number}"))
}

/// One broken constraint, with the path of the member that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintViolation {
    path: String,
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

impl fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        f.write_str(&self.path)?;
        f.write_str("`: ")?;
        fmt::Display::fmt(&self.rule, f)
    }
}

/// Every constraint violation found in a value, in member order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<ConstraintViolation>,
}

impl ValidationError {
    /// `Ok` when nothing was violated, else the error that holds every violation.
    pub fn check(violations: Vec<ConstraintViolation>) -> Result<(), Self> {
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

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A model's `pattern`, an ECMA-262 regular expression, compiled by
/// `regress` on first use.
///
/// ECMA-262 reads a pattern with one of two grammars: Unicode mode (the
/// `u` flag), which has `\p{..}` and matches code points, and the one with
/// Annex B's legacy forms, which matches UTF-16 code units. The generator
/// picks one for each pattern (Unicode mode where that grammar accepts it)
/// and compiles it before writing it, so compiling it here cannot fail.
pub struct Pattern {
    ecma: &'static str,
    source: &'static str,
    unicode: bool,
    compiled: OnceLock<regress::Regex>,
}

impl Pattern {
    /// The pattern `ecma` as the model writes it, read in Unicode mode.
    pub const fn new(ecma: &'static str) -> Self {
        Pattern {
            ecma,
            source: ecma,
            unicode: true,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern `ecma` as the model writes it, compiled from `source`:
    /// `ecma` spelled as `regress` reads what ECMA-262 means by it, in
    /// Unicode mode or else with Annex B's grammar.
    pub const fn respelled(ecma: &'static str, source: &'static str, unicode: bool) -> Self {
        Pattern {
            ecma,
            source,
            unicode,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as the model writes it.
    pub fn ecma(&self) -> &'static str {
        self.ecma
    }

    /// Whether `value` has a match (a search, as ECMA-262's `test`).
    pub fn is_match(&self, value: &str) -> bool {
        let regex = self.compiled.get_or_init(|| {
            let flags = if self.unicode { "u" } else { "" };
            regress::Regex::with_flags(self.source, flags)
                .expect("the generator compiles every pattern before writing it")
        });
        if self.unicode {
            return regex.find(value).is_some();
        }
        // Outside Unicode mode a pattern sees UTF-16 code units, so that
        // `.` is half of an astral character.
        let units: Vec<u16> = value.encode_utf16().collect();
        regex.find_from_ucs2(&units, 0).next().is_some()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.ecma).finish()
    }
}

/// The path of member `member` inside the value at `parent` (empty at the top).
pub fn member_path(parent: &str, member: &str) -> String {
    let mut path = String::with_capacity(parent.len() + 1 + member.len());
    if !parent.is_empty() {
        path.push_str(parent);
        path.push('.');
    }
    path.push_str(member);
    path
}

/// The path of item `index` of the list at `list`.
pub fn item_path(list: &str, index: usize) -> String {
    format!("{list}[{index}]")
}

/// The path of a map's entry: `SipHeaders["X-Trace"]`, or
/// `SipHeaders[…]` when the entry is sensitive, its key included.
pub fn entry_path(map: &str, key: &str, sensitive: bool) -> String {
    if sensitive {
        format!("{map}[…]")
    } else {
        format!("{map}[{:?}]", crate::UntrustedText(key))
    }
}

/// The path of the key of the entry `key` of the map at `map`:
/// `map key "k"`, or `map key …` for a `sensitive` one.
pub fn key_path(map: &str, key: &str, sensitive: bool) -> String {
    if sensitive {
        format!("{map} key …")
    } else {
        format!("{map} key {:?}", crate::UntrustedText(key))
    }
}

fn out_of_bounds(actual: u64, min: Option<u64>, max: Option<u64>) -> bool {
    min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max)
}

// The checks take the path as a `dyn` closure, built only on a violation,
// so that each is compiled once rather than once per call site.

/// Records a violation when `value`'s length in Unicode scalar values is out of bounds.
pub fn check_string_length(
    out: &mut Vec<ConstraintViolation>,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    path: &dyn Fn() -> String,
) {
    let actual = value.chars().count() as u64;
    if out_of_bounds(actual, min, max) {
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::StringLength { min, max, actual },
        });
    }
}

/// Records a violation when the number of items of `value` is out of bounds.
pub fn check_list_length<T>(
    out: &mut Vec<ConstraintViolation>,
    value: &[T],
    min: Option<u64>,
    max: Option<u64>,
    path: &dyn Fn() -> String,
) {
    check_count(out, value.len(), min, max, path, |min, max, actual| {
        Rule::ListLength { min, max, actual }
    });
}

/// Records a violation when the number of entries of a map (`len`) is out of bounds.
pub fn check_map_length(
    out: &mut Vec<ConstraintViolation>,
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
    path: &dyn Fn() -> String,
) {
    check_count(out, len, min, max, path, |min, max, actual| {
        Rule::MapLength { min, max, actual }
    });
}

/// Records the rule `broken` makes when a count is out of bounds.
fn check_count(
    out: &mut Vec<ConstraintViolation>,
    count: usize,
    min: Option<u64>,
    max: Option<u64>,
    path: &dyn Fn() -> String,
    broken: fn(Option<u64>, Option<u64>, u64) -> Rule,
) {
    let actual = count as u64;
    if out_of_bounds(actual, min, max) {
        out.push(ConstraintViolation {
            path: path(),
            rule: broken(min, max, actual),
        });
    }
}

/// Records a violation when `value` is outside the inclusive `min` and `max`.
pub fn check_range(
    out: &mut Vec<ConstraintViolation>,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
    path: &dyn Fn() -> String,
) {
    if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
        let shown = |bound: Option<i64>| bound.map(|bound| Cow::Owned(bound.to_string()));
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::Range {
                min: shown(min),
                max: shown(max),
            },
        });
    }
}

/// Whether decimal text `value` is within the inclusive decimal bounds,
/// compared exactly.
fn within_decimal(value: &str, min: Option<&str>, max: Option<&str>) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let compare = crate::big_numbers::compare;
    min.is_none_or(|min| matches!(compare(value, min), Some(Greater | Equal)))
        && max.is_none_or(|max| matches!(compare(value, max), Some(Less | Equal)))
}

/// Records a violation when `value` does not match `pattern`.
pub fn check_pattern(
    out: &mut Vec<ConstraintViolation>,
    value: &str,
    pattern: &Pattern,
    path: &dyn Fn() -> String,
) {
    if !pattern.is_match(value) {
        out.push(ConstraintViolation {
            path: path(),
            rule: Rule::Pattern {
                pattern: pattern.ecma,
            },
        });
    }
}

/// One of the two uniqueness checks, by hashing or by comparison.
type UniquenessCheck<T> = fn(&mut Vec<ConstraintViolation>, &[T], &dyn Fn(usize) -> String);

/// Records a violation for each item of a `uniqueItems` list that equals
/// an earlier one, found by hashing; `item_path` names the later item.
pub fn check_unique_items<T: std::hash::Hash + Eq>(
    out: &mut Vec<ConstraintViolation>,
    value: &[T],
    item_path: &dyn Fn(usize) -> String,
) {
    let mut first_of = std::collections::HashMap::with_capacity(value.len());
    for (index, item) in value.iter().enumerate() {
        if let Some(&first) = first_of.get(item) {
            out.push(duplicate(item_path(index), first));
        } else {
            first_of.insert(item, index);
        }
    }
}

/// The same for items that can only be compared (structures, maps): each
/// item against every earlier one.
pub fn check_unique_items_by_equality<T: PartialEq>(
    out: &mut Vec<ConstraintViolation>,
    value: &[T],
    item_path: &dyn Fn(usize) -> String,
) {
    for (index, item) in value.iter().enumerate() {
        if let Some(first) = value[..index].iter().position(|earlier| earlier == item) {
            out.push(duplicate(item_path(index), first));
        }
    }
}

fn duplicate(path: String, first: usize) -> ConstraintViolation {
    ConstraintViolation {
        path,
        rule: Rule::UniqueItems {
            first: first as u64,
        },
    }
}

/// A structure that `validate()` walks: it checks its own members, and
/// nested structures check theirs.
pub trait Validate {
    /// Pushes onto `out` every violation in this structure, its members'
    /// paths under `path` (empty at the top).
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>);

    /// Every violation of the model's constraints in this structure and
    /// its members, or `Ok`.
    fn check_constraints(&self) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.collect_violations("", &mut violations);
        ValidationError::check(violations)
    }
}

/// A member that closes a cycle of structures and unions, held in a `Box`.
impl<T: Validate + ?Sized> Validate for Box<T> {
    fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
        (**self).collect_violations(path, out);
    }
}

/// A value's place in what `validate()` walks, and where its violations
/// go. Generated checks name a member, then say what its value must be:
///
/// ```
/// use smithy_lean_runtime::validation::{Checks, Pattern};
/// static DIGITS: Pattern = Pattern::new("^[0-9]+$");
/// let mut out = Vec::new();
/// let mut check = Checks::new("", &mut out);
/// check.member("Name").string(Some(""), 1..=8, None);
/// check.member("Ids").list(Some(&["7", "x"][..]), ..=10, |item, id| {
///     item.string(Some(id), .., Some(&DIGITS))
/// });
/// check.member("Size").integer(Some(0), 1..);
/// let shown: Vec<&str> = out.iter().map(|v| v.path()).collect();
/// assert_eq!(shown, ["Name", "Ids[1]", "Size"]);
/// ```
///
/// A member's path is written out only when something needs it: a
/// violation, or a value inside it that has checks of its own. A valid
/// string or number costs no allocation.
pub struct Checks<'a> {
    /// The path of the structure, list item or map entry here…
    parent: Cow<'a, str>,
    /// …or of its member `member`.
    member: Option<&'a str>,
    out: &'a mut Vec<ConstraintViolation>,
}

impl<'a> Checks<'a> {
    /// The checks of a structure at `path` (empty at the top).
    pub fn new(path: &'a str, out: &'a mut Vec<ConstraintViolation>) -> Self {
        Checks {
            parent: Cow::Borrowed(path),
            member: None,
            out,
        }
    }

    /// The member `name` of the structure here.
    pub fn member<'m>(&'m mut self, name: &'m str) -> Checks<'m> {
        let parent = match self.member {
            None => Cow::Borrowed(&*self.parent),
            Some(_) => Cow::Owned(self.path()),
        };
        Checks {
            parent,
            member: Some(name),
            out: self.out,
        }
    }

    /// Where the value here is, as violations name it.
    fn path(&self) -> String {
        path_of(&self.parent, self.member)
    }

    /// The checks of a value at `path`, inside the one here.
    fn inside(&mut self, path: String) -> Checks<'_> {
        Checks {
            parent: Cow::Owned(path),
            member: None,
            out: self.out,
        }
    }

    /// A string here, if set: its length in Unicode scalar values within
    /// `length`, and a match of `pattern` if it has one.
    pub fn string(
        &mut self,
        value: Option<&str>,
        length: impl RangeBounds<u64>,
        pattern: Option<&Pattern>,
    ) {
        let Some(value) = value else { return };
        let (min, max) = bounds(&length);
        let path = || path_of(&self.parent, self.member);
        if min.is_some() || max.is_some() {
            check_string_length(self.out, value, min, max, &path);
        }
        if let Some(pattern) = pattern {
            check_pattern(self.out, value, pattern, &path);
        }
    }

    /// A blob here, if set: its size in bytes within `length`.
    pub fn blob(&mut self, value: Option<&[u8]>, length: impl RangeBounds<u64>) {
        let Some(value) = value else { return };
        let (min, max) = bounds(&length);
        check_count(
            self.out,
            value.len(),
            min,
            max,
            &|| path_of(&self.parent, self.member),
            |min, max, actual| Rule::BlobLength { min, max, actual },
        );
    }

    /// A number here, if set, within `range`.
    pub fn integer(&mut self, value: Option<i64>, range: impl RangeBounds<i64>) {
        let Some(value) = value else { return };
        let (min, max) = bounds(&range);
        check_range(self.out, value, min, max, &|| {
            path_of(&self.parent, self.member)
        });
    }

    /// A `float` or `double` here, if set, within the model's bounds
    /// (decimal text): compared as the decimal it prints as, so that a
    /// value written `0.1` is at most `0.1`. NaN is within no bounds; an
    /// infinity is within those that do not bound its side.
    pub fn float(
        &mut self,
        value: Option<impl fmt::LowerExp>,
        min: Option<&'static str>,
        max: Option<&'static str>,
    ) {
        let Some(value) = value else { return };
        // The shortest text that reads back as the value.
        let text = format!("{value:e}");
        let within = match text.as_str() {
            "NaN" => min.is_none() && max.is_none(),
            "inf" => max.is_none(),
            "-inf" => min.is_none(),
            finite => within_decimal(finite, min, max),
        };
        self.range_checked(within, min, max);
    }

    /// A `bigInteger` or `bigDecimal` here (its text), if set, within the
    /// model's bounds (decimal text), compared digit for digit.
    pub fn decimal(
        &mut self,
        value: Option<&str>,
        min: Option<&'static str>,
        max: Option<&'static str>,
    ) {
        let Some(value) = value else { return };
        let within = within_decimal(value, min, max);
        self.range_checked(within, min, max);
    }

    fn range_checked(
        &mut self,
        within: bool,
        min: Option<&'static str>,
        max: Option<&'static str>,
    ) {
        if !within {
            self.out.push(ConstraintViolation {
                path: self.path(),
                rule: Rule::Range {
                    min: min.map(Cow::Borrowed),
                    max: max.map(Cow::Borrowed),
                },
            });
        }
    }

    /// A structure here, if set, which checks its own members.
    pub fn structure(&mut self, value: Option<&impl Validate>) {
        if let Some(value) = value {
            value.collect_violations(&self.path(), self.out);
        }
    }

    /// A list here, if set: its number of items within `length`, and each
    /// item, at `path[index]`, as `item` checks it.
    pub fn list<T>(
        &mut self,
        value: Option<&[T]>,
        length: impl RangeBounds<u64>,
        mut item: impl FnMut(&mut Checks<'_>, &T),
    ) {
        let Some(value) = value else { return };
        let (min, max) = bounds(&length);
        let path = self.path();
        check_list_length(self.out, value, min, max, &|| path.clone());
        for (index, value) in value.iter().enumerate() {
            item(&mut self.inside(item_path(&path, index)), value);
        }
    }

    /// A `uniqueItems` list here, if set: checked as [`Checks::list`]
    /// checks it, and no item equal to an earlier one.
    pub fn set<T: std::hash::Hash + Eq>(
        &mut self,
        value: Option<&[T]>,
        length: impl RangeBounds<u64>,
        item: impl FnMut(&mut Checks<'_>, &T),
    ) {
        self.unique_list(value, length, item, check_unique_items);
    }

    /// The same for items that can only be compared, not hashed.
    pub fn set_by_equality<T: PartialEq>(
        &mut self,
        value: Option<&[T]>,
        length: impl RangeBounds<u64>,
        item: impl FnMut(&mut Checks<'_>, &T),
    ) {
        self.unique_list(value, length, item, check_unique_items_by_equality);
    }

    fn unique_list<T>(
        &mut self,
        value: Option<&[T]>,
        length: impl RangeBounds<u64>,
        item: impl FnMut(&mut Checks<'_>, &T),
        check_unique: UniquenessCheck<T>,
    ) {
        let Some(value) = value else { return };
        self.list(Some(value), length, item);
        let path = self.path();
        check_unique(self.out, value, &|index| item_path(&path, index));
    }

    /// A map here, if set: its number of entries within `length`, and each
    /// value, at `path["key"]` (or `path[…]` for `sensitive` entries), as
    /// `value_checks` checks it.
    pub fn map<K: AsRef<str>, T>(
        &mut self,
        value: Option<&std::collections::HashMap<K, T>>,
        length: impl RangeBounds<u64>,
        sensitive: bool,
        mut value_checks: impl FnMut(&mut Checks<'_>, &T),
    ) {
        let Some(value) = value else { return };
        let (min, max) = bounds(&length);
        let path = self.path();
        check_map_length(self.out, value.len(), min, max, &|| path.clone());
        for (key, value) in value {
            let entry = entry_path(&path, key.as_ref(), sensitive);
            value_checks(&mut self.inside(entry), value);
        }
    }

    /// The keys of a map here, if set, each as `key_checks` checks it, at
    /// `path key "k"` (or `path key …` for `sensitive` entries).
    pub fn map_keys<K: AsRef<str>, T>(
        &mut self,
        value: Option<&std::collections::HashMap<K, T>>,
        sensitive: bool,
        mut key_checks: impl FnMut(&mut Checks<'_>, &str),
    ) {
        let Some(value) = value else { return };
        let path = self.path();
        for key in value.keys() {
            let key = key.as_ref();
            key_checks(&mut self.inside(key_path(&path, key, sensitive)), key);
        }
    }
}

/// What an item of a list or map without constraints of its own needs.
pub fn unchecked<T>(_: &mut Checks<'_>, _: &T) {}

/// The path of `member` of the value at `parent`, or of that value.
fn path_of(parent: &str, member: Option<&str>) -> String {
    match member {
        Some(member) => member_path(parent, member),
        None => parent.to_owned(),
    }
}

/// An item that is a structure, checking its own members.
pub fn structure_item<T: Validate>(here: &mut Checks<'_>, item: &T) {
    here.structure(Some(item));
}

/// The inclusive bounds of a range, as the rules report them. (An
/// exclusive bound that has no inclusive one, like `..0` for `u64`, is
/// none.)
fn bounds<T: Copy + Into<i128> + TryFrom<i128>>(
    range: &impl RangeBounds<T>,
) -> (Option<T>, Option<T>) {
    use std::ops::Bound;
    let shifted = |bound: &T, by: i128| T::try_from((*bound).into() + by).ok();
    let min = match range.start_bound() {
        Bound::Included(&min) => Some(min),
        Bound::Excluded(min) => shifted(min, 1),
        Bound::Unbounded => None,
    };
    let max = match range.end_bound() {
        Bound::Included(&max) => Some(max),
        Bound::Excluded(max) => shifted(max, -1),
        Bound::Unbounded => None,
    };
    (min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violations(check: impl FnOnce(&mut Vec<ConstraintViolation>)) -> Vec<String> {
        let mut out = Vec::new();
        check(&mut out);
        out.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn lengths_count_scalar_values_and_bounds_are_inclusive() {
        let path = || "Name".to_owned();
        assert!(
            violations(|out| check_string_length(out, "é", Some(1), Some(1), &path)).is_empty()
        );
        assert_eq!(
            violations(|out| check_string_length(out, "", Some(1), Some(256), &path)),
            ["`Name`: length must be between 1 and 256 characters, but it has 0"]
        );
        assert_eq!(
            violations(|out| check_list_length(out, &[1, 2, 3], None, Some(2), &path)),
            ["`Name`: number of items must be at most 2 items, but it has 3"]
        );
        assert_eq!(
            violations(|out| check_list_length::<u8>(out, &[], Some(1), None, &path)),
            ["`Name`: number of items must be at least 1 items, but it has 0"]
        );
    }

    #[test]
    fn patterns_search_and_report_the_model_text() {
        static DIGITS: Pattern = Pattern::new("[0-9]+");
        let path = || "Tags[0].Key".to_owned();
        assert!(violations(|out| check_pattern(out, "ab1", &DIGITS, &path)).is_empty());
        assert_eq!(
            violations(|out| check_pattern(out, "ab", &DIGITS, &path)),
            ["`Tags[0].Key`: must match the pattern [0-9]+"]
        );
        assert_eq!(format!("{DIGITS:?}"), "Pattern(\"[0-9]+\")");
    }

    #[test]
    fn paths_are_dotted_and_indexed() {
        assert_eq!(member_path("", "Tags"), "Tags");
        assert_eq!(member_path(&item_path("Tags", 3), "Key"), "Tags[3].Key");
    }

    #[test]
    fn an_error_counts_its_violations() {
        static LOWER: Pattern = Pattern::new("^[a-z]+$");
        assert_eq!(LOWER.ecma(), "^[a-z]+$");
        let mut one = Vec::new();
        check_pattern(&mut one, "ABC", &LOWER, &|| "Tags[1].Key".to_owned());
        assert_eq!(one[0].path(), "Tags[1].Key");
        assert_eq!(
            one[0].rule(),
            &Rule::Pattern {
                pattern: "^[a-z]+$"
            }
        );
        assert_eq!(ValidationError::check(Vec::new()), Ok(()));
        let path = || "Name".to_owned();
        let mut out = Vec::new();
        check_string_length(&mut out, "", Some(1), None, &path);
        check_string_length(&mut out, "", Some(2), None, &path);
        let error = ValidationError::check(out).unwrap_err();
        assert_eq!(error.violations().len(), 2);
        assert_eq!(
            error.to_string(),
            "2 constraint violations: `Name`: length must be at least 1 characters, but it has 0; \
             `Name`: length must be at least 2 characters, but it has 0"
        );
    }

    #[test]
    fn a_map_entry_is_named_by_its_key_unless_the_entry_is_sensitive() {
        assert_eq!(
            entry_path("SipHeaders", "X-Trace", false),
            r#"SipHeaders["X-Trace"]"#
        );
        assert_eq!(entry_path("SipHeaders", "X-Secret", true), "SipHeaders[…]");
        // A key is escaped, as any text that reaches a message.
        assert_eq!(entry_path("M", "a\"\n", false), r#"M["a\"\n"]"#);
    }

    #[test]
    fn ranges_and_map_lengths_are_inclusive_and_name_no_value() {
        let found = violations(|out| {
            check_range(out, 0, Some(1), Some(50), &|| "MaxResults".to_owned());
            check_range(out, 1, Some(1), Some(50), &|| "unused".to_owned());
            check_range(out, 50, Some(1), Some(50), &|| "unused".to_owned());
            check_range(out, 51, Some(1), None, &|| "unused".to_owned());
            check_range(out, -7, Some(0), None, &|| "Port".to_owned());
            check_range(out, 70000, None, Some(65535), &|| "Port".to_owned());
            check_map_length(out, 21, Some(0), Some(20), &|| "SipHeaders".to_owned());
            check_map_length(out, 20, Some(0), Some(20), &|| "unused".to_owned());
        });
        assert_eq!(
            found,
            [
                "`MaxResults`: must be 1 to 50",
                "`Port`: must be at least 0",
                "`Port`: must be at most 65535",
                "`SipHeaders`: number of entries must be between 0 and 20 entries, but it has 21",
            ]
        );
    }

    #[test]
    fn map_keys_are_checked_at_their_own_path_and_sensitive_ones_are_not_shown() {
        let map = std::collections::HashMap::from([("ab".to_owned(), 1), ("abc".to_owned(), 2)]);
        let pattern = Pattern::new("^a");
        let found = violations(|out| {
            let mut check = Checks::new("", out);
            check
                .member("Tags")
                .map_keys(Some(&map), false, |here, key| {
                    here.string(Some(key), 3.., Some(&pattern))
                });
            check
                .member("Secrets")
                .map_keys(Some(&map), true, |here, key| {
                    here.string(Some(key), ..=2, None)
                });
            check.member("Unset").map_keys(
                None::<&std::collections::HashMap<String, i32>>,
                false,
                |here, key| here.string(Some(key), 10.., None),
            );
        });
        assert_eq!(
            found,
            [
                "`Tags key \"ab\"`: length must be at least 3 characters, but it has 2",
                "`Secrets key …`: length must be at most 2 characters, but it has 3",
            ]
        );
    }

    #[test]
    fn floats_and_big_numbers_are_ranged_as_the_decimals_they_are() {
        let found = violations(|out| {
            let mut check = Checks::new("", out);
            // Within, at the bounds as written: 0.1 is at most 0.1, in
            // either width, though neither is exactly 0.1.
            check
                .member("Ok")
                .float(Some(0.1f32), Some("0.1"), Some("0.1"));
            check
                .member("Ok")
                .float(Some(0.1f64), Some("0.1"), Some("1e-1"));
            check
                .member("Ok")
                .float(Some(f64::INFINITY), Some("0"), None);
            check.member("Ok").float(Some(f64::NAN), None, None);
            check.member("Ok").float(None::<f64>, Some("1"), None);
            check
                .member("Ok")
                .decimal(Some("-0.000"), Some("0"), Some("0"));
            check.member("Ok").decimal(
                Some("123456789012345678901234567890"),
                None,
                Some("123456789012345678901234567890.0"),
            );
            // Outside, each the smallest step beyond.
            check
                .member("Small")
                .float(Some(0.099_999_994f32), Some("0.1"), None);
            check
                .member("Large")
                .float(Some(2.000_000_000_000_000_4f64), None, Some("2"));
            check.member("NaN").float(Some(f32::NAN), Some("0"), None);
            check
                .member("Up")
                .float(Some(f64::INFINITY), None, Some("1e308"));
            check
                .member("Down")
                .float(Some(f64::NEG_INFINITY), Some("-1e308"), None);
            check.member("Big").decimal(
                Some("123456789012345678901234567891"),
                Some("0"),
                Some("123456789012345678901234567890.9"),
            );
        });
        assert_eq!(
            found,
            [
                "`Small`: must be at least 0.1",
                "`Large`: must be at most 2",
                "`NaN`: must be at least 0",
                "`Up`: must be at most 1e308",
                "`Down`: must be at least -1e308",
                "`Big`: must be 0 to 123456789012345678901234567890.9",
            ]
        );
    }

    proptest::proptest! {
        /// Where a bound is a number both the decimal and the float spell
        /// exactly, the decimal comparison is the float's own.
        #[test]
        fn a_float_is_within_bounds_as_its_value_is(value: f64, narrow: f32, min in -1000i32..1000, span in 0i32..2000) {
            let max = min + span;
            let (min_text, max_text) = (min.to_string().leak(), max.to_string().leak());
            let within = |value: f64| value >= f64::from(min) && value <= f64::from(max);
            let found = violations(|out| {
                Checks::new("", out).member("V").float(Some(value), Some(min_text), Some(max_text));
                Checks::new("", out).member("N").float(Some(narrow), Some(min_text), Some(max_text));
            });
            let expected: Vec<String> = [("V", within(value)), ("N", within(f64::from(narrow)))]
                .into_iter()
                .filter(|(_, within)| !within)
                .map(|(member, _)| format!("`{member}`: must be {min} to {max}"))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn checks_name_members_items_and_entries_and_hide_sensitive_keys() {
        let shown = violations(|out| {
            let mut check = Checks::new("Outer", out);
            check.member("Count").integer(Some(-1), 0..=10);
            check.member("Count").integer(Some(11), 0..11);
            check.member("Count").integer(Some(5), 0..=10);
            check.member("Count").integer(None, 0..=10);
            let plain = std::collections::HashMap::from([("k".to_owned(), "".to_owned())]);
            check
                .member("Plain")
                .map(Some(&plain), ..=1, false, |here, value: &String| {
                    here.string(Some(value), 1.., None)
                });
            check
                .member("Secret")
                .map(Some(&plain), 2.., true, |here, value: &String| {
                    here.string(Some(value), 1.., None)
                });
            check.member("Free").list(Some(&[1, 2][..]), .., unchecked);
        });
        assert_eq!(
            shown,
            [
                "`Outer.Count`: must be 0 to 10",
                "`Outer.Count`: must be 0 to 10",
                "`Outer.Plain[\"k\"]`: length must be at least 1 characters, but it has 0",
                "`Outer.Secret`: number of entries must be at least 2 entries, but it has 1",
                "`Outer.Secret[…]`: length must be at least 1 characters, but it has 0",
            ]
        );
    }

    #[test]
    fn exclusive_and_open_bounds_become_inclusive_ones() {
        assert_eq!(bounds::<u64>(&(1..5)), (Some(1), Some(4)));
        assert_eq!(bounds::<u64>(&(..0)), (None, None));
        assert_eq!(bounds::<i64>(&(-3..)), (Some(-3), None));
        assert_eq!(bounds::<i64>(&(..=i64::MAX)), (None, Some(i64::MAX)));
        assert_eq!(bounds::<u64>(&(..)), (None, None));
    }

    /// Structures as generated code declares them: one nested, once alone
    /// and in a list.
    struct Leaf(&'static str);

    impl Validate for Leaf {
        fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
            Checks::new(path, out)
                .member("Name")
                .string(Some(self.0), 1..=3, None);
        }
    }

    struct Root {
        leaf: Option<Leaf>,
        leaves: Vec<Leaf>,
    }

    impl Validate for Root {
        fn collect_violations(&self, path: &str, out: &mut Vec<ConstraintViolation>) {
            let mut check = Checks::new(path, out);
            check.member("Leaf").structure(self.leaf.as_ref());
            check
                .member("Leaves")
                .list(Some(self.leaves.as_slice()), .., structure_item);
        }
    }

    #[test]
    fn nested_structures_check_their_own_members_under_their_paths() {
        let valid = Root {
            leaf: Some(Leaf("ok")),
            leaves: vec![Leaf("a")],
        };
        assert!(valid.check_constraints().is_ok());
        let invalid = Root {
            leaf: Some(Leaf("")),
            leaves: vec![Leaf("a"), Leaf("long")],
        };
        let error = invalid.check_constraints().unwrap_err();
        let paths: Vec<&str> = error.violations().iter().map(|v| v.path()).collect();
        assert_eq!(paths, ["Leaf.Name", "Leaves[1].Name"]);
        let unset = Root {
            leaf: None,
            leaves: Vec::new(),
        };
        assert!(unset.check_constraints().is_ok());
    }

    #[test]
    fn a_blob_is_measured_in_bytes() {
        let mut out = Vec::new();
        let mut check = Checks::new("", &mut out);
        check.member("Data").blob(Some("é".as_bytes()), 1..=1);
        check.member("Fits").blob(Some(b"ab"), 1..=2);
        check.member("Unset").blob(None, 1..);
        let shown: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["`Data`: size must be between 1 and 1 bytes, but it has 2"]
        );
    }

    #[test]
    fn a_unique_items_list_names_each_repeat_and_the_item_it_repeats() {
        let mut out = Vec::new();
        let mut check = Checks::new("", &mut out);
        check
            .member("Ids")
            .set(Some(&["a", "b", "a", "a"][..]), ..=3, unchecked);
        check
            .member("Pairs")
            .set_by_equality(Some(&[[1.0], [2.0], [1.0]][..]), .., unchecked);
        check.member("Unset").set::<u8>(None, 1.., unchecked);
        let shown: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "`Ids`: number of items must be at most 3 items, but it has 4",
                "`Ids[2]`: must differ from every other item of its list, but it equals item 0",
                "`Ids[3]`: must differ from every other item of its list, but it equals item 0",
                "`Pairs[2]`: must differ from every other item of its list, but it equals item 0",
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn both_uniqueness_checks_report_each_repeat_against_its_first_occurrence(
            items in proptest::collection::vec(0u8..6, 0..24)
        ) {
            let expected: Vec<(usize, u64)> = items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| {
                    let first = items.iter().position(|other| other == item)?;
                    (first < index).then_some((index, first as u64))
                })
                .collect();
            let found = |out: Vec<ConstraintViolation>| -> Vec<(usize, u64)> {
                out.into_iter()
                    .map(|v| match v.rule {
                        Rule::UniqueItems { first } => (v.path.parse().unwrap(), first),
                        other => panic!("unexpected rule {other:?}"),
                    })
                    .collect()
            };
            let mut hashed = Vec::new();
            check_unique_items(&mut hashed, &items, &|index| index.to_string());
            let mut compared = Vec::new();
            check_unique_items_by_equality(&mut compared, &items, &|index| index.to_string());
            proptest::prop_assert_eq!(found(hashed), expected.clone());
            proptest::prop_assert_eq!(found(compared), expected);
        }
    }
}
