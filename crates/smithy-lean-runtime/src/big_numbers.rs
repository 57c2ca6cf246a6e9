//! `bigInteger` and `bigDecimal` values: the AWS runtime's
//! [`BigInteger`] and [`BigDecimal`], which keep a number as its decimal
//! text. restJson1 writes them as JSON numbers, so their text is put in
//! the one form RFC 8259 allows; `@range` compares them with the model's
//! bounds exactly, digit by digit, with no rounding through a float.

use aws_smithy_types::{BigDecimal, BigInteger};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A number that restJson1 writes as the text of a JSON number.
pub trait BigNumber: AsRef<str> + std::str::FromStr {
    /// What its text must be, for an error.
    const EXPECTED: &'static str;
}

impl BigNumber for BigInteger {
    const EXPECTED: &'static str = "a whole number";
}

impl BigNumber for BigDecimal {
    const EXPECTED: &'static str = "a decimal number";
}

/// `text`, a [`BigInteger`]'s or [`BigDecimal`]'s, as an RFC 8259 JSON
/// number: a `+` sign, leading zeros, and a point with no digit on one
/// side are all allowed in their text but not in JSON.
pub fn json_number(text: &str) -> Cow<'_, str> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => unsigned.split_at(at),
        None => (unsigned, ""),
    };
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let trimmed = integer.trim_start_matches('0');
    let integer_part = if trimmed.is_empty() { "0" } else { trimmed };
    let already_json = !text.starts_with('+')
        && integer_part == integer
        && (fraction.is_empty() != mantissa.contains('.'));
    if already_json {
        return Cow::Borrowed(text);
    }
    let mut json = String::with_capacity(text.len() + 1);
    if negative {
        json.push('-');
    }
    json.push_str(integer_part);
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    json.push_str(exponent);
    Cow::Owned(json)
}

/// A decimal number's text (a [`BigDecimal`]'s grammar, which every
/// [`BigInteger`] and every JSON number also follows) as a sign, its
/// significant digits and where its decimal point falls among them.
#[derive(Debug, PartialEq, Eq)]
struct Decimal<'a> {
    negative: bool,
    /// The digits of `0.d₁d₂…`, no leading or trailing zeros; empty for zero.
    integer: &'a str,
    fraction: &'a str,
    /// The value is `0.digits × 10^point`.
    point: i128,
}

impl<'a> Decimal<'a> {
    /// Reads a decimal's text; `None` unless it follows the grammar.
    fn parse(text: &'a str) -> Option<Self> {
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
            // A sign and digits, as `i64` reads them; beyond `i64` an
            // exponent means no number anyone can write.
            Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().ok()?),
            None => (unsigned, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (integer.is_empty() && fraction.is_empty())
            || !digits_only(integer)
            || !digits_only(fraction)
        {
            return None;
        }
        let integer = integer.trim_start_matches('0');
        let (integer, fraction, point) = if integer.is_empty() {
            let significant = fraction.trim_start_matches('0');
            let zeros = (fraction.len() - significant.len()) as i128;
            ("", significant, -zeros)
        } else {
            (integer, fraction, integer.len() as i128)
        };
        // Trailing zeros say nothing of the value.
        let (integer, fraction) = match fraction.trim_end_matches('0') {
            "" => (integer.trim_end_matches('0'), ""),
            fraction => (integer, fraction),
        };
        if integer.is_empty() && fraction.is_empty() {
            return Some(Decimal {
                negative: false,
                integer: "",
                fraction: "",
                point: 0,
            });
        }
        Some(Decimal {
            negative,
            integer,
            fraction,
            point: point + i128::from(exponent),
        })
    }

    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.integer.bytes().chain(self.fraction.bytes())
    }

    fn is_zero(&self) -> bool {
        self.integer.is_empty() && self.fraction.is_empty()
    }

    /// How this value compares with `other`'s.
    fn value_cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
        }
    }

    fn magnitude_cmp(&self, other: &Self) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Both have a first digit that is not zero: the one whose point
        // falls further right is larger, and then the digits decide, a
        // missing digit being a zero.
        self.point.cmp(&other.point).then_with(|| {
            let (mut a, mut b) = (self.digits(), other.digits());
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return Ordering::Equal,
                    (x, y) => match x.unwrap_or(b'0').cmp(&y.unwrap_or(b'0')) {
                        Ordering::Equal => {}
                        unequal => return unequal,
                    },
                }
            }
        })
    }
}

/// How decimal text `a` compares with `b`, exactly; `None` if either is
/// not a decimal number.
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    Some(Decimal::parse(a)?.value_cmp(&Decimal::parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn json_numbers_lose_the_plus_the_leading_zeros_and_a_bare_point() {
        for (text, json) in [
            ("0", "0"),
            ("-12", "-12"),
            ("00123", "123"),
            ("-000", "-0"),
            ("+5", "5"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("5.", "5"),
            ("5.e3", "5e3"),
            ("1.23E-10", "1.23E-10"),
            ("007.50e+2", "7.50e+2"),
        ] {
            assert_eq!(json_number(text), json, "{text}");
        }
        assert!(matches!(json_number("123.45e6"), Cow::Borrowed(_)));
    }

    #[test]
    fn decimals_compare_by_value_not_by_spelling() {
        use Ordering::*;
        for (a, b, expected) in [
            ("1", "1.0", Equal),
            ("100", "1e2", Equal),
            ("-0", "0.000", Equal),
            ("0.1", "0.09", Greater),
            ("-0.1", "-0.09", Less),
            ("-1", "0", Less),
            ("0", "-1e-400", Greater),
            ("0", "0.001", Less),
            ("-0.0", "1e-5", Less),
            ("99999999999999999999999", "1e23", Less),
            ("1e23", "100000000000000000000001", Less),
            ("123.456", "123.4560001", Less),
            ("5e-1", ".5", Equal),
            ("1e9223372036854775807", "9e9223372036854775806", Greater),
        ] {
            assert_eq!(compare(a, b), Some(expected), "{a} vs {b}");
            assert_eq!(compare(b, a), Some(expected.reverse()), "{b} vs {a}");
        }
        for bad in [
            "", "-", ".", "1e", "e1", "1.2.3", "--1", "0x10", "1e+", "1e+-1", "1e1x", "NaN",
        ] {
            assert_eq!(compare(bad, "0"), None, "{bad:?}");
        }
    }

    fn decimal_text() -> impl Strategy<Value = String> {
        (
            "[+-]?",
            "[0-9]{0,30}",
            proptest::option::of("[0-9]{0,30}"),
            proptest::option::of("[eE][+-]?[0-9]{1,4}"),
        )
            .prop_filter_map("a decimal needs a digit", |(sign, int, frac, exp)| {
                let has_digit = !int.is_empty() || frac.as_deref().is_some_and(|f| !f.is_empty());
                has_digit.then(|| {
                    let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
                    format!("{sign}{int}{frac}{}", exp.unwrap_or_default())
                })
            })
    }

    proptest! {
        #[test]
        fn every_decimal_is_written_as_a_json_number_of_the_same_value(text in decimal_text()) {
            let json = json_number(&text);
            if let Err(part) = rfc8259_number(&json) {
                return Err(TestCaseError::fail(format!("{text:?} became {json:?}: its {part} is not JSON's")));
            }
            prop_assert_eq!(compare(&json, &text), Some(Ordering::Equal));
            // The AWS runtime's own equality agrees.
            prop_assert_eq!(BigDecimal::from_str(&json).ok(), BigDecimal::from_str(&text).ok());
        }

        #[test]
        fn comparison_agrees_with_f64_where_f64_is_exact(a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000, scale in 0u32..4) {
            let (a_text, b_text) = (format_scaled(a, scale), format_scaled(b, scale));
            prop_assert_eq!(compare(&a_text, &b_text), Some(a.cmp(&b)));
        }

        #[test]
        fn comparison_is_antisymmetric_and_spelling_blind(a in decimal_text(), b in decimal_text()) {
            let forward = compare(&a, &b);
            prop_assert_eq!(forward.map(Ordering::reverse), compare(&b, &a));
            prop_assert_eq!(forward, compare(&json_number(&a), &b));
        }

        #[test]
        fn whole_numbers_compare_as_integers(a: i64, b: i64) {
            prop_assert_eq!(compare(&a.to_string(), &b.to_string()), Some(a.cmp(&b)));
            let big = BigInteger::from_str(&a.to_string()).unwrap();
            prop_assert_eq!(json_number(big.as_ref()), a.to_string());
        }
    }

    /// `n / 10^scale` as decimal text.
    fn format_scaled(n: i64, scale: u32) -> String {
        let sign = if n < 0 { "-" } else { "" };
        let digits = format!("{:0>width$}", n.unsigned_abs(), width = scale as usize + 1);
        let (int, frac) = digits.split_at(digits.len() - scale as usize);
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        }
    }

    /// RFC 8259's number grammar, checked strictly: the part that breaks it.
    fn rfc8259_number(text: &str) -> Result<(), &'static str> {
        let text = text.strip_prefix('-').unwrap_or(text);
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
            None => (text, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mantissa, None),
        };
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || (int.len() > 1 && int.starts_with('0')) {
            return Err("integer part");
        }
        if frac.is_some_and(|f| !digits(f)) {
            return Err("fraction");
        }
        if exponent.is_some_and(|e| !digits(e)) {
            return Err("exponent");
        }
        Ok(())
    }
}
