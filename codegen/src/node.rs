//! Smithy node values that mean more than their JSON: timestamps given as
//! epoch seconds, blobs given as base64 text, and a `range` bound as the
//! whole numbers it admits.

use serde_json::Value as Json;

/// Seconds since the epoch as written in a node value, split into whole
/// seconds and nanoseconds without passing through a float.
pub(crate) fn epoch_seconds(node: &Json) -> Option<(i64, u32)> {
    let Json::Number(number) = node else {
        return None;
    };
    let text = number.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = whole.parse().ok()?;
    let nanos: u32 = format!("{fraction:0<9}").parse().ok()?;
    if nanos == 0 || seconds >= 0 {
        return Some((seconds, nanos));
    }
    // -1.5 is one and a half seconds before the epoch: -2 s plus 0.5 s.
    Some((seconds - 1, 1_000_000_000 - nanos))
}

/// The bytes of base64 text (RFC 4648's standard alphabet, padded), as
/// node values give blobs; `None` for text that is not base64.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0);
    for &byte in &bytes[..bytes.len() - padding] {
        let sextet = ALPHABET.iter().position(|&a| a == byte)?;
        bits = (bits << 6) | sextet as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    // Padding stands for bits that must be zero.
    (bits == 0).then_some(out)
}

/// A `range` bound, rounded to the whole numbers it admits.
#[derive(Debug, PartialEq, Eq)]
pub enum WholeBound {
    /// This 64-bit integer.
    Within(i64),
    /// Beyond every 64-bit integer on the side it bounds: no bound at all.
    Beyond,
    /// Beyond every 64-bit integer on the other side: nothing is admitted.
    Unreachable,
}

/// The decimal text of a `range` bound as a whole-number bound: rounded
/// up for a minimum (`up`), down for a maximum.
pub fn whole_bound(text: &str, up: bool) -> WholeBound {
    let whole = text.strip_prefix('-').unwrap_or(text);
    let rounded = if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) {
        // Exact, however long: past `i128` it is past `i64` too.
        text.parse::<i128>().unwrap_or(if text.starts_with('-') {
            i128::MIN
        } else {
            i128::MAX
        })
    } else {
        match text.parse::<f64>() {
            Ok(number) if up => number.ceil().clamp(-1e30, 1e30) as i128,
            Ok(number) => number.floor().clamp(-1e30, 1e30) as i128,
            // Not a number: lowering reads bounds from JSON numbers only.
            Err(_) => return WholeBound::Unreachable,
        }
    };
    match i64::try_from(rounded) {
        Ok(n) => WholeBound::Within(n),
        // Below every i64: a minimum bounds nothing, a maximum admits nothing.
        Err(_) if rounded.is_negative() == up => WholeBound::Beyond,
        Err(_) => WholeBound::Unreachable,
    }
}

#[cfg(test)]
mod tests {
    use super::{WholeBound, base64_decode, epoch_seconds, whole_bound};
    use serde_json::json;

    #[test]
    fn range_bounds_round_inwards_and_past_i64_bound_nothing_or_admit_nothing() {
        use WholeBound::*;
        for (text, up, expected) in [
            ("5", true, Within(5)),
            ("-5", false, Within(-5)),
            ("0.5", true, Within(1)),
            ("0.5", false, Within(0)),
            ("-0.5", true, Within(0)),
            ("-0.5", false, Within(-1)),
            ("1e3", true, Within(1000)),
            ("9223372036854775807", false, Within(i64::MAX)),
            ("9223372036854775808", false, Beyond),
            ("9223372036854775808", true, Unreachable),
            ("-9223372036854775809", true, Beyond),
            ("-9223372036854775809", false, Unreachable),
            ("123456789012345678901234567890123456789012", false, Beyond),
            ("-1e400", true, Beyond),
            ("1e400", true, Unreachable),
        ] {
            assert_eq!(whole_bound(text, up), expected, "{text} up={up}");
        }
    }

    #[test]
    fn epoch_seconds_keep_every_digit_of_their_fraction() {
        assert_eq!(epoch_seconds(&json!(1576540098)), Some((1576540098, 0)));
        let fractional: serde_json::Value = serde_json::from_str("1576540098.123").unwrap();
        assert_eq!(epoch_seconds(&fractional), Some((1576540098, 123_000_000)));
        let before: serde_json::Value = serde_json::from_str("-1.5").unwrap();
        assert_eq!(epoch_seconds(&before), Some((-2, 500_000_000)));
        assert_eq!(epoch_seconds(&json!("1")), None);
        let too_fine: serde_json::Value = serde_json::from_str("1.0000000001").unwrap();
        assert_eq!(epoch_seconds(&too_fine), None);
    }

    #[test]
    fn base64_text_decodes_and_anything_else_is_refused() {
        assert_eq!(base64_decode("YWJj").as_deref(), Some(&b"abc"[..]));
        assert_eq!(base64_decode("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_decode("").as_deref(), Some(&b""[..]));
        for bad in ["YWJ", "Y===", "YW J", "YR==", "a=bc"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_encoded_decode_back(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            let text = aws_smithy_types::base64::encode(&bytes);
            proptest::prop_assert_eq!(base64_decode(&text), Some(bytes));
        }
    }
}
