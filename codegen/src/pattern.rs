//! Translation of Smithy `@pattern` values (ECMA-262 regular expressions) into
//! `regex-lite` syntax with the same meaning.
//!
//! The translation is exact for the features it accepts and refuses the rest
//! with a message, because a validator that quietly means something else than
//! the model is worse than none:
//!
//! - The pattern is a search, not anchored unless it says `^`/`$`; the
//!   generated code calls `is_match`, which searches too.
//! - Syntax is read as ECMA-262 without the `u` flag, including Annex B:
//!   `\uXXXX` takes exactly four hex digits (so `\u10000` is U+1000 then `0`),
//!   a `{` that does not start a quantifier is a literal, and so on.
//! - Matching is over Unicode scalar values (Rust `char`s), which is what the
//!   `u` flag does. An escaped surrogate pair (`\uD83D\uDE00`) is therefore
//!   one character; a lone surrogate cannot be a `char` and is refused.
//! - `.`, `\d`, `\w`, `\s` and their negations become explicit sets with their
//!   ECMA-262 meanings (`.` excludes all four line terminators; `\s` includes
//!   U+FEFF and every space separator).
//! - Every character set is computed here as ranges and written out flat, so
//!   negation and class escapes inside classes do not depend on how the
//!   regex engine treats them.
//! - Lookaround, backreferences and `\p{..}` have no `regex-lite` equivalent
//!   and are refused.

use std::fmt::{self, Write as _};

/// Why a pattern could not be translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong or unsupported.
    pub message: String,
    /// The character offset in the pattern where it was found.
    pub offset: usize,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset)
    }
}

/// Translates an ECMA-262 pattern into an equivalent `regex-lite` pattern.
pub fn translate(ecma: &str) -> Result<String, PatternError> {
    let mut parser = Parser {
        chars: ecma.chars().collect(),
        pos: 0,
        out: String::new(),
    };
    parser.disjunction()?;
    if parser.pos < parser.chars.len() {
        return Err(parser.error("unmatched `)`"));
    }
    Ok(parser.out)
}

const MAX_SCALAR: u32 = 0x10_FFFF;
const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);

/// A set of code points as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CharSet(Vec<(u32, u32)>);

impl CharSet {
    fn from_ranges(ranges: &[(u32, u32)]) -> Self {
        let mut set = CharSet::default();
        for &(lo, hi) in ranges {
            set.add(lo, hi);
        }
        set
    }

    fn add(&mut self, lo: u32, hi: u32) {
        self.0.push((lo, hi));
        self.0.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.0.len());
        for &(lo, hi) in &self.0 {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        self.0 = merged;
    }

    fn union(&mut self, other: &CharSet) {
        for &(lo, hi) in &other.0 {
            self.add(lo, hi);
        }
    }

    fn complement(&self) -> CharSet {
        let mut out = Vec::new();
        let mut next = 0u32;
        for &(lo, hi) in &self.0 {
            if lo > next {
                out.push((next, lo - 1));
            }
            next = hi + 1;
        }
        if next <= MAX_SCALAR {
            out.push((next, MAX_SCALAR));
        }
        CharSet(out)
    }

    /// Drops the surrogate block, which no `char` can be in.
    fn scalars_only(&self) -> CharSet {
        let mut out = Vec::new();
        for &(lo, hi) in &self.0 {
            if lo < SURROGATES.0 {
                out.push((lo, hi.min(SURROGATES.0 - 1)));
            }
            if hi > SURROGATES.1 {
                out.push((lo.max(SURROGATES.1 + 1), hi));
            }
        }
        CharSet(out)
    }

    fn write_to(&self, out: &mut String) {
        let set = self.scalars_only();
        if set.0.is_empty() {
            // An empty ECMA class (`[]`) matches nothing; regex-lite has no
            // empty class, and a lookahead-free "never" needs two contradictory anchors.
            out.push_str(r"(?:\b\B)");
            return;
        }
        if let [(lo, hi)] = set.0[..]
            && lo == hi
        {
            push_literal(out, lo);
            return;
        }
        out.push('[');
        for (lo, hi) in set.0 {
            push_class_char(out, lo);
            if hi > lo {
                if hi > lo + 1 {
                    out.push('-');
                }
                push_class_char(out, hi);
            }
        }
        out.push(']');
    }
}

fn digit_set() -> CharSet {
    CharSet::from_ranges(&[('0' as u32, '9' as u32)])
}

fn word_set() -> CharSet {
    CharSet::from_ranges(&[
        ('0' as u32, '9' as u32),
        ('A' as u32, 'Z' as u32),
        ('_' as u32, '_' as u32),
        ('a' as u32, 'z' as u32),
    ])
}

/// ECMA-262 `WhiteSpace` and `LineTerminator`: TAB, VT, FF, SP, NBSP, ZWNBSP,
/// every `Zs` character, LF, CR, LS and PS.
fn space_set() -> CharSet {
    CharSet::from_ranges(&[
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ])
}

/// What `.` matches without the `s` flag: anything but LF, CR, LS and PS.
fn dot_set() -> CharSet {
    CharSet::from_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]).complement()
}

fn push_class_char(out: &mut String, c: u32) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => out.push(ch),
        _ => {
            let _ = write!(out, "\\x{{{c:X}}}");
        }
    }
}

fn push_literal(out: &mut String, c: u32) {
    match char::from_u32(c) {
        Some(ch)
            if ch.is_ascii_alphanumeric()
                || matches!(
                    ch,
                    ' ' | '_'
                        | ':'
                        | '/'
                        | '@'
                        | '='
                        | ','
                        | '!'
                        | '%'
                        | '\''
                        | '"'
                        | '<'
                        | '>'
                        | ';'
                        | '`'
                ) =>
        {
            out.push(ch)
        }
        Some(ch) if ch.is_ascii_punctuation() => {
            out.push('\\');
            out.push(ch);
        }
        _ => {
            let _ = write!(out, "\\x{{{c:X}}}");
        }
    }
}

/// One thing a class or an atom escape can stand for.
enum ClassAtom {
    Char(u32),
    Set(CharSet),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    out: String,
}

impl Parser {
    fn error(&self, message: impl Into<String>) -> PatternError {
        PatternError {
            message: message.into(),
            offset: self.pos,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn disjunction(&mut self) -> Result<(), PatternError> {
        self.alternative()?;
        while self.eat('|') {
            self.out.push('|');
            self.alternative()?;
        }
        Ok(())
    }

    fn alternative(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.term()?;
        }
        Ok(())
    }

    fn term(&mut self) -> Result<(), PatternError> {
        let start = self.pos;
        let quantifiable = match self.peek() {
            Some('^') => {
                self.pos += 1;
                self.out.push('^');
                false
            }
            Some('$') => {
                self.pos += 1;
                self.out.push('$');
                false
            }
            Some('\\') if matches!(self.peek_at(1), Some('b' | 'B')) => {
                self.out.push('\\');
                self.out.push(self.chars[self.pos + 1]);
                self.pos += 2;
                false
            }
            Some('(') => {
                self.group()?;
                true
            }
            Some('*' | '+' | '?') => return Err(self.error("nothing to repeat")),
            Some('{') if self.quantifier_len().is_some() => {
                return Err(self.error("nothing to repeat"));
            }
            _ => {
                self.atom()?;
                true
            }
        };
        if let Some(len) = self.quantifier_len() {
            if !quantifiable {
                return Err(self.error("an assertion cannot be repeated"));
            }
            let quantifier: String = self.chars[self.pos..self.pos + len].iter().collect();
            self.check_bounds(&quantifier)?;
            self.out.push_str(&quantifier);
            self.pos += len;
            if self.eat('?') {
                self.out.push('?');
            }
        }
        debug_assert!(self.pos > start);
        Ok(())
    }

    /// The length of a quantifier at the cursor: `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`.
    fn quantifier_len(&self) -> Option<usize> {
        match self.peek()? {
            '*' | '+' | '?' => Some(1),
            '{' => {
                let rest = &self.chars[self.pos + 1..];
                let digits = |s: &[char]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let n = digits(rest);
                if n == 0 {
                    return None;
                }
                match rest.get(n)? {
                    '}' => Some(n + 2),
                    ',' => {
                        let m = digits(&rest[n + 1..]);
                        (rest.get(n + 1 + m)? == &'}').then_some(n + m + 3)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn check_bounds(&self, quantifier: &str) -> Result<(), PatternError> {
        let Some(inner) = quantifier
            .strip_prefix('{')
            .and_then(|q| q.strip_suffix('}'))
        else {
            return Ok(());
        };
        let (min, max) = inner.split_once(',').unwrap_or((inner, inner));
        let parse = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| self.error("repetition count is too large"))
        };
        let min = parse(min)?;
        if !max.is_empty() && parse(max)? < min {
            return Err(self.error("numbers out of order in {} quantifier"));
        }
        Ok(())
    }

    fn group(&mut self) -> Result<(), PatternError> {
        self.pos += 1;
        if self.eat('?') {
            match (self.peek(), self.peek_at(1)) {
                (Some(':'), _) => self.pos += 1,
                (Some('=' | '!'), _) | (Some('<'), Some('=' | '!')) => {
                    return Err(self.error("lookaround assertions are not supported"));
                }
                (Some('<'), _) => {
                    // Named capture: the name only matters to backreferences, which are refused.
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == '>' {
                            break;
                        }
                    }
                }
                _ => return Err(self.error("invalid group")),
            }
        }
        // Captures are never read, so every group is written non-capturing.
        self.out.push_str("(?:");
        self.disjunction()?;
        if !self.eat(')') {
            return Err(self.error("unterminated group"));
        }
        self.out.push(')');
        Ok(())
    }

    fn atom(&mut self) -> Result<(), PatternError> {
        let c = self.peek().expect("alternative checks for the end");
        self.pos += 1;
        match c {
            '.' => dot_set().write_to(&mut self.out),
            '[' => self.class()?.write_to(&mut self.out),
            '\\' => match self.escape(false)? {
                ClassAtom::Char(c) => push_literal(&mut self.out, c),
                ClassAtom::Set(set) => set.write_to(&mut self.out),
            },
            _ => push_literal(&mut self.out, c as u32),
        }
        Ok(())
    }

    fn class(&mut self) -> Result<CharSet, PatternError> {
        let negated = self.eat('^');
        let mut set = CharSet::default();
        while let Some(first) = self.class_atom()? {
            let is_range = self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']');
            if !is_range {
                add_atom(&mut set, first);
                continue;
            }
            self.pos += 1;
            let second = self
                .class_atom()?
                .ok_or_else(|| self.error("unterminated character class"))?;
            match (first, second) {
                (ClassAtom::Char(lo), ClassAtom::Char(hi)) => {
                    if lo > hi {
                        return Err(self.error("range out of order in character class"));
                    }
                    set.add(lo, hi);
                }
                // Annex B: a range with a class escape at either end is a literal `-`.
                (first, second) => {
                    add_atom(&mut set, first);
                    set.add('-' as u32, '-' as u32);
                    add_atom(&mut set, second);
                }
            }
        }
        Ok(if negated { set.complement() } else { set })
    }

    /// The next atom of a class, or `None` at its closing `]`.
    fn class_atom(&mut self) -> Result<Option<ClassAtom>, PatternError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("unterminated character class"))?;
        self.pos += 1;
        match c {
            ']' => Ok(None),
            '\\' => self.escape(true).map(Some),
            _ => Ok(Some(ClassAtom::Char(c as u32))),
        }
    }

    /// An escape, with the cursor just past its backslash.
    fn escape(&mut self, in_class: bool) -> Result<ClassAtom, PatternError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("`\\` at end of pattern"))?;
        self.pos += 1;
        let set = |s: CharSet| Ok(ClassAtom::Set(s));
        let char = |c: u32| Ok(ClassAtom::Char(c));
        match c {
            'd' => set(digit_set()),
            'D' => set(digit_set().complement()),
            'w' => set(word_set()),
            'W' => set(word_set().complement()),
            's' => set(space_set()),
            'S' => set(space_set().complement()),
            't' => char(0x09),
            'n' => char(0x0A),
            'v' => char(0x0B),
            'f' => char(0x0C),
            'r' => char(0x0D),
            'b' if in_class => char(0x08),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => char(0),
            '1'..='9' | 'k' => Err(self.error("backreferences are not supported")),
            'p' | 'P' => Err(self.error("Unicode property escapes are not supported")),
            'B' if in_class => char('B' as u32),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    char(l as u32 % 32)
                }
                // Annex B: `\c` not followed by a letter is a backslash and a `c`.
                _ => {
                    self.pos -= 1;
                    char('\\' as u32)
                }
            },
            'x' => match self.hex(2) {
                Some(v) => char(v),
                None => char('x' as u32),
            },
            'u' => {
                match self.hex(4) {
                    Some(high @ 0xD800..=0xDBFF) => {
                        let low = (self.peek() == Some('\\') && self.peek_at(1) == Some('u'))
                            .then(|| {
                                self.pos += 2;
                                let low = self.hex(4).filter(|v| (0xDC00..=0xDFFF).contains(v));
                                if low.is_none() {
                                    self.pos -= 2;
                                }
                                low
                            })
                            .flatten();
                        match low {
                            Some(low) => char(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                            None => Err(self
                                .error("a lone surrogate can never match a Unicode scalar value")),
                        }
                    }
                    Some(0xDC00..=0xDFFF) => {
                        Err(self.error("a lone surrogate can never match a Unicode scalar value"))
                    }
                    Some(v) => char(v),
                    None => char('u' as u32),
                }
            }
            other => char(other as u32),
        }
    }

    /// Exactly `digits` hex digits at the cursor, consumed only if all are there.
    fn hex(&mut self, digits: usize) -> Option<u32> {
        let text: String = self
            .chars
            .get(self.pos..self.pos + digits)?
            .iter()
            .collect();
        if !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += digits;
        u32::from_str_radix(&text, 16).ok()
    }
}

fn add_atom(set: &mut CharSet, atom: ClassAtom) {
    match atom {
        ClassAtom::Char(c) => set.add(c, c),
        ClassAtom::Set(other) => set.union(&other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(ecma: &str, text: &str) -> bool {
        let translated = translate(ecma).unwrap_or_else(|e| panic!("{ecma:?}: {e}"));
        regex_lite::Regex::new(&translated)
            .unwrap_or_else(|e| panic!("{ecma:?} -> {translated:?}: {e}"))
            .is_match(text)
    }

    #[test]
    fn translations() {
        let table = [
            ("^[-_a-zA-Z0-9]*$", "^[\\x{2D}0-9A-Z\\x{5F}a-z]*$"),
            (
                ".*",
                "[\\x{0}-\\x{9}\\x{B}\\x{C}\\x{E}-\\x{2027}\\x{202A}-\\x{D7FF}\\x{E000}-\\x{10FFFF}]*",
            ),
            ("a{2,3}?b", "a{2,3}?b"),
            ("a{,3}", "a\\{,3\\}"),
            ("x]}", "x\\]\\}"),
            ("(?:ab|cd)+", "(?:ab|cd)+"),
            ("(a)(?<n>b)", "(?:a)(?:b)"),
            ("\\d\\w", "[0-9][0-9A-Z\\x{5F}a-z]"),
            ("\\u10000", "\\x{1000}0"),
            ("\\uD83D\\uDE00", "\\x{1F600}"),
            ("[]", "(?:\\b\\B)"),
            ("[\\d-z]", "[\\x{2D}0-9z]"),
            ("\\x41\\xZ", "AxZ"),
        ];
        for (ecma, expected) in table {
            assert_eq!(translate(ecma).as_deref(), Ok(expected), "{ecma:?}");
        }
    }

    #[test]
    fn refusals_name_the_feature() {
        let table = [
            ("a(?=b)", "lookaround"),
            ("(?<!a)b", "lookaround"),
            ("(a)\\1", "backreferences"),
            ("\\p{L}", "property"),
            ("\\uD800", "lone surrogate"),
            ("*a", "nothing to repeat"),
            ("^*", "cannot be repeated"),
            ("a{3,2}", "out of order"),
            ("[z-a]", "out of order"),
            ("(a", "unterminated group"),
            ("a)", "unmatched"),
            ("[a", "unterminated character class"),
            ("a\\", "end of pattern"),
        ];
        for (ecma, needle) in table {
            let error = translate(ecma).expect_err(ecma);
            assert!(error.message.contains(needle), "{ecma:?}: {error}");
        }
    }

    #[test]
    fn ecma_meanings_are_kept() {
        // Unanchored patterns search.
        assert!(matches("b", "abc"));
        assert!(!matches("^b", "abc"));
        // `.` excludes all four ECMA line terminators, and nothing else.
        for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            assert!(!matches("^.$", terminator), "{terminator:?}");
        }
        for other in ["\u{85}", "\u{0}", "é", "😀"] {
            assert!(matches("^.$", other), "{other:?}");
        }
        // `\s` is ECMA's set: U+FEFF is in it, U+0085 is not.
        assert!(matches("^\\s$", "\u{FEFF}"));
        assert!(!matches("^\\s$", "\u{85}"));
        // `\d` is ASCII only.
        assert!(!matches("\\d", "٣"));
        // `\u10000` is U+1000 followed by `0`.
        assert!(matches("^\\u10000$", "\u{1000}0"));
        assert!(!matches("^\\u10000$", "\u{10000}"));
        // Negated classes with class escapes inside.
        assert!(matches("^[^\\d\\s]+$", "abc"));
        assert!(!matches("^[^\\d\\s]+$", "a1"));
        // `[^]` matches anything, `[]` nothing.
        assert!(matches("^[^]$", "\n"));
        assert!(!matches("[]", ""));
        assert!(!matches("[]", "abc"));
        // Annex B: `\c` without a letter is a backslash.
        assert!(matches("^\\c$", "\\c"));
        assert!(matches("^\\cJ$", "\n"));
    }

    #[test]
    fn every_ascii_character_round_trips_as_a_literal() {
        for c in (0u8..0x80).map(char::from) {
            let escaped = if "\\^$.|?*+()[]{}/".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            };
            let pattern = format!("^{escaped}$");
            assert!(matches(&pattern, &c.to_string()), "{pattern:?}");
            assert!(!matches(&pattern, "\u{1F600}"), "{pattern:?}");
        }
    }

    #[test]
    fn the_chime_patterns_translate_and_compile() {
        let name = "^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]*$";
        assert!(matches(name, "ops team"));
        assert!(matches(name, "\u{85}\u{A0}"));
        assert!(
            !matches(name, "\u{1F600}"),
            "astral characters are outside the class"
        );
        // The model's `\u10000-\u10FFFF` reads as U+1000, then the range `0`-U+10FF, then
        // `F`, `F`: so DEL (U+007F) is in the class, and U+0001 is not.
        assert!(matches(name, "\u{7F}"));
        assert!(!matches(name, "\u{1}"));
        let arn = "^arn:[a-z0-9-\\.]{1,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[^/].{0,1023}$";
        assert!(matches(
            arn,
            "arn:aws:chime:us-east-1:123456789012:app-instance/abc"
        ));
        assert!(!matches(arn, "arn:aws:chime:us-east-1:123456789012:/abc"));
    }
}
