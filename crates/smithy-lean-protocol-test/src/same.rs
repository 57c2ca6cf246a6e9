//! Equality of read values as the compliance cases mean it: a NaN that a
//! case expects is matched by a NaN read, which `PartialEq` never says.

use std::fmt::Debug;

/// Whether `actual` is the value `expected` describes: equal, or, where
/// either holds a NaN (the only values not equal to themselves), equal
/// member by member with each NaN matching a NaN, which their `Debug`
/// forms show.
#[allow(clippy::eq_op)] // `x != x` is exactly the NaN test, for any type.
pub fn same_value<T: PartialEq + Debug + ?Sized>(expected: &T, actual: &T) -> bool {
    if expected == actual {
        return true;
    }
    let holds_nan = |value: &T| value != value;
    holds_nan(expected) && holds_nan(actual) && format!("{expected:?}") == format!("{actual:?}")
}

/// Panics, naming `what` and showing both values, unless `actual` is the
/// value `expected` describes ([`same_value`]).
#[track_caller]
pub fn assert_same<T: PartialEq + Debug + ?Sized>(expected: &T, actual: &T, what: &str) {
    assert!(
        same_value(expected, actual),
        "{what}: expected {expected:?}, read {actual:?}"
    );
}

/// Panics, naming `what`, unless the two streams hold the same bytes, or
/// either cannot be read.
pub async fn assert_same_stream(
    expected: aws_smithy_types::byte_stream::ByteStream,
    actual: aws_smithy_types::byte_stream::ByteStream,
    what: &str,
) {
    let read = |stream: aws_smithy_types::byte_stream::ByteStream, whose: &'static str| async move {
        stream
            .collect()
            .await
            .unwrap_or_else(|e| panic!("{what}: the {whose} stream does not read: {e}"))
            .to_vec()
    };
    let (expected, actual) = (read(expected, "expected").await, read(actual, "read").await);
    assert!(
        expected == actual,
        "{what}: expected {:?}, read {:?}",
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(&actual)
    );
}

#[cfg(test)]
mod tests {
    use super::same_value;

    #[test]
    fn nan_matches_nan_wherever_it_is_held() {
        assert!(same_value(&f64::NAN, &f64::NAN));
        assert!(same_value(&Some(f32::NAN), &Some(f32::NAN)));
        assert!(same_value(&vec![1.0, f64::NAN], &vec![1.0, f64::NAN]));
        assert!(same_value(&Some(1.5), &Some(1.5)));
    }

    #[test]
    fn anything_else_must_be_equal() {
        assert!(!same_value(&f64::NAN, &1.0));
        assert!(!same_value(&1.0, &f64::NAN));
        assert!(!same_value(&vec![2.0, f64::NAN], &vec![1.0, f64::NAN]));
        assert!(!same_value(&Some(f32::NAN), &None));
        assert!(!same_value(&f64::INFINITY, &f64::NEG_INFINITY));
        assert!(!same_value("a", "b"));
    }
}
