//! How a Smithy `@pattern` (an ECMA-262 regular expression, written without
//! flags or delimiters) is read, for `regress` to match at run time.
//!
//! ECMA-262 has two grammars for a pattern. Unicode mode (the `u` flag) is
//! the strict one: it has Unicode property escapes (`\p{L}`) and matches
//! code points. The other, with Annex B's additions, takes the legacy forms
//! that many models hold (`\-` and `\_` outside a class, a `{` or `]` that
//! is a literal) and matches UTF-16 code units. A pattern is read in Unicode
//! mode when that grammar accepts it, as its author meant `\p{..}` and
//! astral characters; else with Annex B, where it means exactly what
//! JavaScript's `new RegExp(pattern)` makes of it.
//!
//! `regress` implements both grammars. Where it departs from ECMA-262 the
//! reading here makes up for it, and the tests against answers recorded
//! from node's `RegExp` (`tests/fixtures/pattern_oracle.json`) hold it to
//! that:
//! - Annex B reads `\x` that two hex digits do not follow as the letter
//!   `x`, where `regress` reads `\x{..}` as a code point; and a decimal
//!   escape with no group of its number as an octal escape or a digit,
//!   where `regress` makes it a back-reference to a group that does not
//!   exist. The source given to `regress` spells what Annex B reads.
//! - An assertion `\b` or `\B` cannot be repeated in either grammar; it is
//!   refused here, as `regress` accepts it.
//! - `regress` reads a `\u` escape that follows a `\u` escape of a high
//!   surrogate as the second half of a pair, and, when it is not a low
//!   surrogate, its digits as literal text; such a high surrogate is
//!   written `\u{..}`, which Unicode mode reads the same and `regress`
//!   does not pair.
//! - Outside Unicode mode an astral character is two UTF-16 code units,
//!   and `regress` pairs an escaped high surrogate with a low one that
//!   follows it into one code point, so a pattern with either is refused
//!   there (no AWS model has one; Unicode mode reads them exactly).

use std::fmt;

/// Why a pattern is not a regular expression ECMA-262 accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A pattern as `regress` is to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternReading {
    /// The source to compile: the pattern as written, but for Annex B
    /// forms `regress` reads otherwise.
    pub source: String,
    /// Whether it is read in Unicode mode (the `u` flag), matching code
    /// points; else with Annex B, matching UTF-16 code units.
    pub unicode: bool,
}

/// Reads `ecma` as ECMA-262 does: in Unicode mode where it is valid there,
/// else with Annex B.
pub fn read(ecma: &str) -> Result<PatternReading, PatternError> {
    if let Some(offset) = repeated_word_boundary(ecma) {
        return Err(PatternError {
            message: format!(
                "the assertion at character {offset} cannot be repeated (nothing to repeat)"
            ),
        });
    }
    if regress::Regex::with_flags(ecma, "u").is_ok() {
        return Ok(PatternReading {
            source: unpaired_high_surrogates_braced(ecma),
            unicode: true,
        });
    }
    let source = annex_b_source(ecma);
    if let Err(error) = regress::Regex::with_flags(&source, "") {
        return Err(PatternError {
            message: error.to_string(),
        });
    }
    if let Some(offset) = surrogate_unit(ecma) {
        return Err(PatternError {
            message: format!(
                "outside Unicode mode, which this pattern's grammar needs, the UTF-16 code unit at character {offset} (an astral character or a surrogate escape) is not supported"
            ),
        });
    }
    Ok(PatternReading {
        source,
        unicode: false,
    })
}

/// The character offset of the first astral character or `\u` escape of
/// a surrogate in `ecma`. Outside Unicode mode a pattern matches them as
/// UTF-16 code units, which `regress` pairs up where ECMA-262 does not.
fn surrogate_unit(ecma: &str) -> Option<usize> {
    let chars: Vec<char> = ecma.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        if u32::from(chars[index]) > 0xFFFF {
            return Some(index);
        }
        if chars[index] == '\\' {
            let escape = chars.get(index + 1..index + 6);
            let surrogate = escape.is_some_and(|escape| {
                escape[0] == 'u'
                    && escape[1..].iter().all(char::is_ascii_hexdigit)
                    && matches!(escape[1], 'd' | 'D')
                    && !matches!(escape[2], '0'..='7')
            });
            if surrogate {
                return Some(index);
            }
            index += 1;
        }
        index += 1;
    }
    None
}

/// The character offset of a `\b` or `\B` that a quantifier follows.
fn repeated_word_boundary(ecma: &str) -> Option<usize> {
    let chars: Vec<char> = ecma.chars().collect();
    let mut in_class = false;
    let mut index = 0;
    while index < chars.len() {
        match chars[index] {
            '\\' => {
                let next = chars.get(index + 1).copied();
                if !in_class
                    && matches!(next, Some('b' | 'B'))
                    && starts_quantifier(&chars[index + 2..])
                {
                    return Some(index);
                }
                index += 2;
                continue;
            }
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        index += 1;
    }
    None
}

/// Whether `rest` begins with a quantifier: `*`, `+`, `?`, or a brace that
/// is one (`{n}`, `{n,}`, `{n,m}`), not a literal `{`.
fn starts_quantifier(rest: &[char]) -> bool {
    match rest.first() {
        Some('*' | '+' | '?') => true,
        Some('{') => {
            let digits = |from: usize| {
                rest[from..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
            };
            let first = digits(1);
            if first == 0 {
                return false;
            }
            let after = 1 + first;
            match rest.get(after) {
                Some('}') => true,
                Some(',') => rest.get(after + 1 + digits(after + 1)) == Some(&'}'),
                _ => false,
            }
        }
        _ => false,
    }
}

/// `ecma` (valid in Unicode mode) with each `\uXXXX` escape of a high
/// surrogate that another `\u` escape, not of a low surrogate, follows
/// written `\u{XXXX}`: `regress` reads the `\u` that follows as the start
/// of a pair and, finding none, takes its hex digits for literal text.
fn unpaired_high_surrogates_braced(ecma: &str) -> String {
    let chars: Vec<char> = ecma.chars().collect();
    let hex4 = |at: usize| -> Option<u32> {
        let digits: String = chars.get(at..at + 4)?.iter().collect();
        if digits.chars().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(&digits, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::with_capacity(ecma.len() + 4);
    let mut index = 0;
    while index < chars.len() {
        if chars[index] != '\\' {
            out.push(chars[index]);
            index += 1;
            continue;
        }
        let high = (chars.get(index + 1) == Some(&'u'))
            .then(|| hex4(index + 2))
            .flatten()
            .filter(|unit| (0xD800..=0xDBFF).contains(unit));
        if let Some(high) = high {
            let next_is_escape =
                chars.get(index + 6) == Some(&'\\') && chars.get(index + 7) == Some(&'u');
            let next_is_low = next_is_escape
                && hex4(index + 8).is_some_and(|unit| (0xDC00..=0xDFFF).contains(&unit));
            if next_is_escape && !next_is_low {
                out.push_str(&format!("\\u{{{high:X}}}"));
            } else {
                out.extend(&chars[index..index + 6]);
            }
            index += 6;
            continue;
        }
        out.extend(chars.get(index..index + 2).unwrap_or(&chars[index..]));
        index += 2;
    }
    out
}

/// How many capturing groups `ecma` has: `(` that neither `?:` nor a
/// lookaround follows, `(?<name>` included.
fn capturing_groups(chars: &[char]) -> usize {
    let mut count = 0;
    let mut in_class = false;
    let mut index = 0;
    while index < chars.len() {
        match chars[index] {
            '\\' => index += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let named = chars.get(index + 1) == Some(&'?')
                    && chars.get(index + 2) == Some(&'<')
                    && !matches!(chars.get(index + 3), Some('=' | '!'));
                if chars.get(index + 1) != Some(&'?') || named {
                    count += 1;
                }
            }
            _ => {}
        }
        index += 1;
    }
    count
}

/// `ecma` spelled as `regress` reads Annex B's legacy escapes:
/// - `\x` that two hex digits do not follow is the letter `x`;
/// - a decimal escape above the number of capturing groups (and any in a
///   class) is not a back-reference: `\8` and `\9` are the digits, and
///   `\1` to `\7` begin an octal escape of up to three digits below 0o400.
fn annex_b_source(ecma: &str) -> String {
    let chars: Vec<char> = ecma.chars().collect();
    let groups = capturing_groups(&chars);
    let mut out = String::with_capacity(ecma.len());
    let mut in_class = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c != '\\' {
            match c {
                '[' => in_class = true,
                ']' => in_class = false,
                _ => {}
            }
            out.push(c);
            index += 1;
            continue;
        }
        let rest = &chars[index + 1..];
        match rest.first() {
            Some('x')
                if !rest
                    .get(1..3)
                    .is_some_and(|hex| hex.iter().all(char::is_ascii_hexdigit)) =>
            {
                out.push('x');
                index += 2;
            }
            Some(&digit @ '1'..='9') => {
                let decimal: String = rest.iter().take_while(|c| c.is_ascii_digit()).collect();
                let back_reference =
                    !in_class && decimal.parse::<usize>().is_ok_and(|group| group <= groups);
                if back_reference {
                    out.push('\\');
                    out.push_str(&decimal);
                    index += 1 + decimal.len();
                } else if matches!(digit, '8' | '9') {
                    out.push(digit);
                    index += 2;
                } else {
                    let octal = legacy_octal(rest);
                    let value = u32::from_str_radix(&octal, 8).unwrap_or(0);
                    out.push_str(&format!("\\x{value:02X}"));
                    index += 1 + octal.len();
                }
            }
            Some(&escaped) => {
                out.push('\\');
                out.push(escaped);
                index += 2;
            }
            None => {
                out.push('\\');
                index += 1;
            }
        }
    }
    out
}

/// The octal digits of a legacy octal escape that starts `rest`: up to
/// three, while the value stays below 0o400.
fn legacy_octal(rest: &[char]) -> String {
    let digits: String = rest
        .iter()
        .take(3)
        .take_while(|c| matches!(c, '0'..='7'))
        .collect();
    if digits.len() == 3 && digits.as_bytes()[0] > b'3' {
        digits[..2].to_owned()
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unicode(ecma: &str) -> bool {
        read(ecma)
            .unwrap_or_else(|e| panic!("{ecma:?}: {e}"))
            .unicode
    }

    #[test]
    fn unicode_mode_where_its_grammar_accepts_the_pattern() {
        for ecma in ["^[a-z]+$", "\\p{L}", "(?<!aws:)x", "\\u{1F600}", "[\\-]"] {
            assert!(unicode(ecma), "{ecma:?}");
        }
        // Identity escapes of characters that are not syntax, a lone `{`,
        // or a class range from a class escape are Annex B's alone.
        for ecma in ["\\-", "\\_", "[\\w-.]", "a{,3}", "x]", "\\c", "\\8"] {
            assert!(!unicode(ecma), "{ecma:?}");
        }
    }

    #[test]
    fn annex_b_hex_escapes_without_two_digits_are_the_letter_x() {
        let read_source = |ecma: &str| read(ecma).unwrap().source;
        assert_eq!(read_source("[\\x{60}\\-]"), "[x{60}\\-]");
        assert_eq!(read_source("\\x4\\-"), "x4\\-");
        assert_eq!(read_source("\\x41\\-"), "\\x41\\-");
        assert_eq!(read_source("\\\\x\\-"), "\\\\x\\-");
        assert_eq!(read_source("\\-\\x"), "\\-x");
        // In Unicode mode `\x` must have its digits: nothing is rewritten.
        assert_eq!(read_source("\\x41"), "\\x41");
    }

    #[test]
    fn a_high_surrogate_escape_that_no_low_one_follows_is_braced() {
        let read_source = |ecma: &str| read(ecma).unwrap().source;
        assert_eq!(read_source("[\\uD83D\\u0041]"), "[\\u{D83D}\\u0041]");
        assert_eq!(
            read_source("\\uD83D\\uDE00\\uD83D"),
            "\\uD83D\\uDE00\\uD83D"
        );
        assert_eq!(read_source("\\\\uD83D\\u0041"), "\\\\uD83D\\u0041");
        assert_eq!(read_source("\\uDBFF\\uD800"), "\\u{DBFF}\\uD800");
    }

    #[test]
    fn astral_characters_and_surrogate_escapes_are_refused_outside_unicode_mode_only() {
        let refusal = |ecma: &str| read(ecma).map(|_| ()).map_err(|e| e.to_string());
        // `\-` outside a class needs Annex B's grammar.
        for (ecma, at) in [
            ("\\uD83D\\-", 0),
            ("a\\ud800\\-", 1),
            ("ab\\uDC00\\-", 2),
            ("\u{1F600}\\-", 0),
        ] {
            let error = refusal(ecma).expect_err(ecma);
            assert_eq!(
                error,
                format!(
                    "outside Unicode mode, which this pattern's grammar needs, the UTF-16 code unit at character {at} (an astral character or a surrogate escape) is not supported"
                ),
                "{ecma:?}"
            );
        }
        // Not surrogates: code units below them and the last of the plane,
        // or an escaped backslash.
        for ecma in ["a\\uD7FF\\-", "\u{FFFF}\\-", "\\\\uD83D\\-", "\\x41\\-"] {
            assert_eq!(refusal(ecma), Ok(()), "{ecma:?}");
        }
        // In Unicode mode they are characters as any other.
        assert!(unicode("\\uD83D\\uDE00|\u{1F600}"));
    }

    #[test]
    fn annex_b_decimal_escapes_are_back_references_only_to_groups_that_exist() {
        let read_source = |ecma: &str| read(ecma).unwrap().source;
        // `\-` makes each of these need Annex B's grammar.
        assert_eq!(read_source("(a)\\1\\-"), "(a)\\1\\-");
        assert_eq!(read_source("(?<n>a)\\1\\-"), "(?<n>a)\\1\\-");
        assert_eq!(read_source("(a)(b)\\2\\3\\-"), "(a)(b)\\2\\x03\\-");
        // No capturing group: an octal escape, or the digit 8 or 9.
        assert_eq!(read_source("\\1\\-"), "\\x01\\-");
        assert_eq!(
            read_source("(?:a)(?=b)(?!c)(?<=d)(?<!e)\\1\\-"),
            "(?:a)(?=b)(?!c)(?<=d)(?<!e)\\x01\\-"
        );
        assert_eq!(read_source("\\101\\-"), "\\x41\\-");
        assert_eq!(read_source("\\400\\-"), "\\x200\\-");
        assert_eq!(read_source("\\8\\-"), "8\\-");
        // In a class a decimal escape is never a back-reference.
        assert_eq!(read_source("(a)[\\1]\\-"), "(a)[\\x01]\\-");
        // A `(` in a class or escaped opens no group.
        assert_eq!(read_source("[(]\\(\\1\\-"), "[(]\\(\\x01\\-");
    }

    #[test]
    fn what_no_grammar_accepts_is_refused() {
        for ecma in ["*a", "a{3,2}", "[z-a]", "(a", "a)", "[a", "a\\", "x{1}{2}"] {
            assert!(read(ecma).is_err(), "{ecma:?}");
        }
        for ecma in ["\\b+", "a\\B*", "\\b{2}", "\\b{1,}", "\\B{1,2}", "[a]\\b+"] {
            let error = read(ecma).expect_err(ecma);
            assert!(
                error.to_string().contains("cannot be repeated"),
                "{ecma:?}: {error}"
            );
        }
        // Not quantifiers: a brace that is a literal, and assertions in classes.
        for ecma in ["\\b{", "\\b{x}", "\\b{1", "[\\b+]", "\\\\b+"] {
            assert!(read(ecma).is_ok(), "{ecma:?}");
        }
    }
}
