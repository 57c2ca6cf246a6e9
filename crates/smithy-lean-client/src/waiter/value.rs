//! Values as JMESPath sees them, for the path expressions of waiters'
//! acceptors: the generator compiles each expression to calls on these,
//! reading the input and output through their accessors.
//!
//! Only what acceptors ask of a value is here: JMESPath's truthiness, its
//! `&&`, `||` and `!`, equality and ordering, `length`, and the four
//! comparators a matcher ends with. A structure is never a value: paths
//! that end at one are refused by the generator.

use aws_smithy_types::DateTime;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A JMESPath value.
#[derive(Debug, Clone, PartialEq)]
pub enum JmesValue<'a> {
    /// `null`: what a path to an unset member gives.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number; JMESPath has one kind.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<JmesValue<'a>>),
}

/// An ordering comparison: `<`, `<=`, `>` or `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

impl<'a> JmesValue<'a> {
    /// JMESPath's truthiness: `null`, `false`, `""` and `[]` are false.
    pub fn is_truthy(&self) -> bool {
        match self {
            JmesValue::Null => false,
            JmesValue::Bool(flag) => *flag,
            JmesValue::Number(_) => true,
            JmesValue::String(text) => !text.is_empty(),
            JmesValue::Array(items) => !items.is_empty(),
        }
    }

    /// `self && other`: `self` where it is false, else `other`.
    pub fn and(self, other: JmesValue<'a>) -> JmesValue<'a> {
        if self.is_truthy() { other } else { self }
    }

    /// `self || other`: `self` where it is true, else `other`.
    pub fn or(self, other: JmesValue<'a>) -> JmesValue<'a> {
        if self.is_truthy() { self } else { other }
    }

    /// `!self`.
    pub fn not(&self) -> JmesValue<'static> {
        JmesValue::Bool(!self.is_truthy())
    }

    /// `self == other` (deep equality, numbers by value).
    pub fn equals(&self, other: &JmesValue<'_>) -> JmesValue<'static> {
        JmesValue::Bool(self.same(other))
    }

    /// `self != other`.
    pub fn not_equals(&self, other: &JmesValue<'_>) -> JmesValue<'static> {
        JmesValue::Bool(!self.same(other))
    }

    fn same(&self, other: &JmesValue<'_>) -> bool {
        match (self, other) {
            (JmesValue::Null, JmesValue::Null) => true,
            (JmesValue::Bool(a), JmesValue::Bool(b)) => a == b,
            (JmesValue::Number(a), JmesValue::Number(b)) => a == b,
            (JmesValue::String(a), JmesValue::String(b)) => a == b,
            (JmesValue::Array(a), JmesValue::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.same(b))
            }
            _ => false,
        }
    }

    /// An ordering comparison: a boolean between numbers, `null` otherwise,
    /// as JMESPath orders only numbers.
    pub fn compare(&self, other: &JmesValue<'_>, comparison: Comparison) -> JmesValue<'static> {
        let (JmesValue::Number(a), JmesValue::Number(b)) = (self, other) else {
            return JmesValue::Null;
        };
        let Some(order) = a.partial_cmp(b) else {
            return JmesValue::Bool(false);
        };
        JmesValue::Bool(match comparison {
            Comparison::Less => order == Ordering::Less,
            Comparison::LessOrEqual => order != Ordering::Greater,
            Comparison::Greater => order == Ordering::Greater,
            Comparison::GreaterOrEqual => order != Ordering::Less,
        })
    }

    /// `length(self)`: the characters of a string, the items of an array;
    /// `null` for anything else, which JMESPath makes an error, so that no
    /// comparator matches it.
    pub fn length(&self) -> JmesValue<'static> {
        match self {
            JmesValue::String(text) => JmesValue::Number(text.chars().count() as f64),
            JmesValue::Array(items) => JmesValue::Number(items.len() as f64),
            _ => JmesValue::Null,
        }
    }

    /// The `stringEquals` comparator.
    pub fn string_equals(&self, expected: &str) -> bool {
        matches!(self, JmesValue::String(text) if text == expected)
    }

    /// The `booleanEquals` comparator.
    pub fn boolean_equals(&self, expected: bool) -> bool {
        matches!(self, JmesValue::Bool(flag) if *flag == expected)
    }

    /// The `allStringEquals` comparator: an array of at least one item, each
    /// a string equal to `expected`.
    pub fn all_string_equals(&self, expected: &str) -> bool {
        matches!(self, JmesValue::Array(items)
            if !items.is_empty() && items.iter().all(|item| item.string_equals(expected)))
    }

    /// The `anyStringEquals` comparator: an array with a string equal to
    /// `expected` among its items.
    pub fn any_string_equals(&self, expected: &str) -> bool {
        matches!(self, JmesValue::Array(items)
            if items.iter().any(|item| item.string_equals(expected)))
    }

    /// A projection's result: its items that are not `null`.
    pub fn projection(items: impl IntoIterator<Item = JmesValue<'a>>) -> JmesValue<'a> {
        JmesValue::Array(
            items
                .into_iter()
                .filter(|item| *item != JmesValue::Null)
                .collect(),
        )
    }
}

impl<'a> From<&'a str> for JmesValue<'a> {
    fn from(text: &'a str) -> Self {
        JmesValue::String(Cow::Borrowed(text))
    }
}

impl From<bool> for JmesValue<'_> {
    fn from(flag: bool) -> Self {
        JmesValue::Bool(flag)
    }
}

macro_rules! numbers {
    ($($number:ty),*) => {
        $(
            impl From<$number> for JmesValue<'_> {
                fn from(number: $number) -> Self {
                    JmesValue::Number(number as f64)
                }
            }
        )*
    };
}

numbers!(i8, i16, i32, i64, f32, f64);

/// A timestamp is its epoch seconds, with their fraction.
impl From<&DateTime> for JmesValue<'_> {
    fn from(time: &DateTime) -> Self {
        JmesValue::Number(time.as_secs_f64())
    }
}

impl<'a, T: Into<JmesValue<'a>>> From<Option<T>> for JmesValue<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(JmesValue::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> JmesValue<'_> {
        JmesValue::from(text)
    }

    #[test]
    fn truthiness_and_the_boolean_operators_are_jmespaths() {
        for falsy in [
            JmesValue::Null,
            false.into(),
            s(""),
            JmesValue::Array(vec![]),
        ] {
            assert!(!falsy.is_truthy(), "{falsy:?}");
            assert_eq!(falsy.not(), JmesValue::Bool(true));
        }
        for truthy in [
            true.into(),
            0.into(),
            s("x"),
            JmesValue::Array(vec![JmesValue::Null]),
        ] {
            assert!(truthy.is_truthy(), "{truthy:?}");
        }
        // `&&` and `||` give one of their operands, not a boolean.
        assert_eq!(s("").and(s("b")), s(""));
        assert_eq!(s("a").and(s("b")), s("b"));
        assert_eq!(s("a").or(s("b")), s("a"));
        assert_eq!(JmesValue::Null.or(s("b")), s("b"));
    }

    #[test]
    fn equality_is_deep_and_ordering_is_for_numbers_only() {
        assert_eq!(s("a").equals(&s("a")), JmesValue::Bool(true));
        assert_eq!(s("a").not_equals(&s("b")), JmesValue::Bool(true));
        assert_eq!(
            JmesValue::from(1i32).equals(&JmesValue::from(1.0f64)),
            JmesValue::Bool(true)
        );
        assert_eq!(s("1").equals(&1.into()), JmesValue::Bool(false));
        let array = |items: Vec<JmesValue<'static>>| JmesValue::Array(items);
        assert_eq!(
            array(vec![s("a"), 1.into()]).equals(&array(vec![s("a"), 1.into()])),
            JmesValue::Bool(true)
        );
        assert_eq!(
            array(vec![s("a")]).equals(&array(vec![])),
            JmesValue::Bool(false)
        );
        assert_eq!(
            JmesValue::Null.equals(&JmesValue::Null),
            JmesValue::Bool(true)
        );
        let (yes, no) = (JmesValue::from(true), JmesValue::from(false));
        assert_eq!(yes.equals(&yes), JmesValue::Bool(true));
        assert_eq!(yes.equals(&no), JmesValue::Bool(false));
        assert_eq!(no.not_equals(&no), JmesValue::Bool(false));
        let (one, two) = (JmesValue::from(1i64), JmesValue::from(2i64));
        assert_eq!(one.compare(&two, Comparison::Less), JmesValue::Bool(true));
        assert_eq!(
            one.compare(&one, Comparison::LessOrEqual),
            JmesValue::Bool(true)
        );
        assert_eq!(
            one.compare(&two, Comparison::Greater),
            JmesValue::Bool(false)
        );
        assert_eq!(
            two.compare(&two, Comparison::GreaterOrEqual),
            JmesValue::Bool(true)
        );
        assert_eq!(
            one.compare(&two, Comparison::GreaterOrEqual),
            JmesValue::Bool(false)
        );
        assert_eq!(s("a").compare(&s("b"), Comparison::Less), JmesValue::Null);
        let nan = JmesValue::from(f64::NAN);
        assert_eq!(nan.compare(&one, Comparison::Less), JmesValue::Bool(false));
    }

    #[test]
    fn length_counts_characters_and_items() {
        assert_eq!(s("héllo").length(), JmesValue::Number(5.0));
        assert_eq!(
            JmesValue::Array(vec![s("a"), s("b")]).length(),
            JmesValue::Number(2.0)
        );
        assert_eq!(JmesValue::from(3i32).length(), JmesValue::Null);
        assert_eq!(JmesValue::Null.length(), JmesValue::Null);
    }

    #[test]
    fn the_four_comparators_as_the_waiters_specification_defines_them() {
        assert!(s("ok").string_equals("ok"));
        assert!(!s("ok").string_equals("OK"));
        assert!(!JmesValue::Null.string_equals(""));
        assert!(JmesValue::from(true).boolean_equals(true));
        assert!(!s("true").boolean_equals(true));
        let all = JmesValue::Array(vec![s("ok"), s("ok")]);
        let mixed = JmesValue::Array(vec![s("ok"), s("no")]);
        let empty = JmesValue::Array(vec![]);
        assert!(all.all_string_equals("ok"));
        assert!(!mixed.all_string_equals("ok"));
        assert!(
            !empty.all_string_equals("ok"),
            "an empty array has no item that equals"
        );
        assert!(mixed.any_string_equals("no"));
        assert!(!empty.any_string_equals("ok"));
        assert!(!s("ok").any_string_equals("ok"), "not an array");
    }

    #[test]
    fn values_come_from_what_accessors_return() {
        assert_eq!(JmesValue::from(None::<&str>), JmesValue::Null);
        assert_eq!(JmesValue::from(Some(2i32)), JmesValue::Number(2.0));
        assert_eq!(JmesValue::from(1.5f32), JmesValue::Number(1.5));
        let time = DateTime::from_secs_and_nanos(10, 500_000_000);
        assert_eq!(JmesValue::from(&time), JmesValue::Number(10.5));
        assert_eq!(
            JmesValue::projection([s("a"), JmesValue::Null, s("b")]),
            JmesValue::Array(vec![s("a"), s("b")])
        );
    }
}
