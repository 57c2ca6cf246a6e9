//! JSON bodies compared as values.

use serde_json::Value;
use smithy_lean_runtime::big_numbers::compare;
use std::cmp::Ordering;

/// Whether two JSON documents hold the same value: objects equal whatever
/// the order of their keys, numbers equal by value (`1`, `1.0` and `1e0`
/// are one number), everything else as written.
///
/// Text that is not JSON is equal to nothing.
pub fn json_equal(expected: &str, actual: &str) -> bool {
    match (
        serde_json::from_str::<Value>(expected),
        serde_json::from_str::<Value>(actual),
    ) {
        (Ok(expected), Ok(actual)) => values_equal(&expected, &actual),
        _ => false,
    }
}

fn values_equal(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => numbers_equal(a, b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| values_equal(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| values_equal(a, b)))
        }
        (a, b) => a == b,
    }
}

/// Numbers by value, digit for digit; or, where both have a fraction or
/// an exponent and neither has more digits than an `f64` holds, as the
/// same `f64` (a `float` member's number is written through one).
fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    let (a, b) = (a.to_string(), b.to_string());
    if compare(&a, &b) == Some(Ordering::Equal) {
        return true;
    }
    let within_f64 = |text: &str| text.contains(['.', 'e', 'E']) && significant_digits(text) <= 17;
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => within_f64(&a) && within_f64(&b) && x == y,
        _ => false,
    }
}

/// How many digits of a number's text count, leading zeros not.
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .count()
}

#[cfg(test)]
mod tests {
    use super::json_equal;
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    #[test]
    fn key_order_whitespace_and_number_spelling_do_not_matter() {
        assert!(json_equal(
            r#"{"a": 1, "b": [true, null]}"#,
            r#"{"b":[true,null],"a":1.0}"#
        ));
        assert!(json_equal("1e2", "100"));
        assert!(json_equal("{}", " { } "));
    }

    #[test]
    fn values_keys_lengths_and_order_of_lists_do() {
        assert!(!json_equal(r#"{"a": 1}"#, r#"{"a": 2}"#));
        assert!(!json_equal(r#"{"a": 1}"#, r#"{"a": 1, "b": 1}"#));
        assert!(!json_equal(r#"{"a": 1, "b": 1}"#, r#"{"a": 1}"#));
        assert!(!json_equal(r#"{"a": 1}"#, r#"{"b": 1}"#));
        assert!(!json_equal("[1, 2]", "[2, 1]"));
        assert!(!json_equal("[1]", "[1, 1]"));
        assert!(!json_equal(r#""1""#, "1"));
        assert!(!json_equal("1.5", "1.25"));
        assert!(!json_equal("9007199254740993", "9007199254740992"));
        // Beyond an `f64`'s digits, every digit counts.
        assert!(!json_equal(
            "123456789012345678901234567890.5",
            "123456789012345678901234567890.6"
        ));
        assert!(json_equal(
            "123456789012345678901234567890.50",
            "1234567890123456789012345678905e-1"
        ));
        assert!(!json_equal("{}", ""));
        assert!(!json_equal("not json", "not json"));
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
                .prop_map(Value::from),
            ".{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(".{0,4}", inner, 0..4)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    /// The same value with every object's keys in reverse order.
    fn reordered(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut reversed = Map::new();
                for (key, value) in map.iter().rev() {
                    reversed.insert(key.clone(), reordered(value));
                }
                Value::Object(reversed)
            }
            Value::Array(items) => Value::Array(items.iter().map(reordered).collect()),
            other => other.clone(),
        }
    }

    proptest! {
        #[test]
        fn a_value_equals_itself_however_it_is_laid_out(value in any_json()) {
            let compact = value.to_string();
            let pretty = serde_json::to_string_pretty(&reordered(&value)).unwrap();
            prop_assert!(json_equal(&compact, &pretty), "{compact} vs {pretty}");
        }

        #[test]
        fn a_value_differs_from_itself_wrapped(value in any_json()) {
            let wrapped = json!([value.clone()]).to_string();
            prop_assert!(!json_equal(&value.to_string(), &wrapped));
        }
    }
}
