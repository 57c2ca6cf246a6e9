//! Text from the network, made safe to show: bounded, and with the
//! characters that could forge or hide log lines escaped.

use std::fmt::{self, Write as _};

/// At most this many bytes of a text from the network reach `Display` or
/// `Debug`; the accessors still give the whole text.
pub const UNTRUSTED_TEXT_LIMIT: usize = 512;

/// Text from the network, for `Display` and `Debug`: cut after
/// [`UNTRUSTED_TEXT_LIMIT`] bytes, with control and bidirectional-override
/// characters escaped, so that a peer can neither flood a log nor forge
/// lines in it.
///
/// ```
/// use smithy_lean_runtime::UntrustedText;
/// assert_eq!(UntrustedText("ok\n[ERROR] forged").to_string(), "ok\\n[ERROR] forged");
/// let long = "x".repeat(600);
/// assert_eq!(UntrustedText(&long).to_string(), format!("{}… (88 more bytes)", "x".repeat(512)));
/// ```
#[derive(Clone, Copy)]
pub struct UntrustedText<'a>(pub &'a str);

impl UntrustedText<'_> {
    fn write(&self, f: &mut fmt::Formatter<'_>, quoted: bool) -> fmt::Result {
        let mut end = self.0.len().min(UNTRUSTED_TEXT_LIMIT);
        while !self.0.is_char_boundary(end) {
            end -= 1;
        }
        let (shown, rest) = self.0.split_at(end);
        if quoted {
            f.write_str("\"")?;
        }
        for c in shown.chars() {
            let escape = c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || (quoted && matches!(c, '"' | '\\'));
            if escape {
                fmt::Display::fmt(&c.escape_default(), f)?;
            } else {
                f.write_char(c)?;
            }
        }
        if quoted {
            f.write_str("\"")?;
        }
        if !rest.is_empty() {
            f.write_str("… (")?;
            fmt::Display::fmt(&rest.len(), f)?;
            f.write_str(" more bytes)")?;
        }
        Ok(())
    }
}

impl fmt::Display for UntrustedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl fmt::Debug for UntrustedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, true)
    }
}

/// The `Debug` of a value that holds text from the network, cut after
/// [`UNTRUSTED_TEXT_LIMIT`] bytes (`Debug` of strings escapes control
/// characters already). It takes a `dyn Debug`, so one copy of it serves
/// every field of every error.
///
/// ```
/// use smithy_lean_runtime::BoundedDebug;
/// let shown = format!("{:?}", BoundedDebug(&"x".repeat(600)));
/// assert_eq!(shown, format!("\"{}…", "x".repeat(511)));
/// ```
pub struct BoundedDebug<'a>(pub &'a dyn fmt::Debug);

impl fmt::Debug for BoundedDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut bounded = Bounded {
            out: f,
            left: UNTRUSTED_TEXT_LIMIT,
            cut: false,
        };
        write!(bounded, "{:?}", self.0)?;
        if bounded.cut {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// Passes on at most `left` bytes, cut at a character boundary.
struct Bounded<'a, 'f> {
    out: &'a mut fmt::Formatter<'f>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Ok(());
        }
        let mut end = text.len().min(self.left);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.out.write_str(&text[..end])?;
        self.left -= end;
        self.cut = end < text.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn shown_text_is_bounded_and_has_no_control_characters(text in any::<String>()) {
            for shown in [UntrustedText(&text).to_string(), format!("{:?}", UntrustedText(&text))] {
                prop_assert!(!shown.chars().any(|c| c.is_control()));
                // Each byte shown may take up to 10 bytes escaped (`\u{10ffff}`),
                // plus the note of what was cut.
                prop_assert!(shown.len() <= UNTRUSTED_TEXT_LIMIT * 10 + 32);
            }
            let debug = format!("{:?}", BoundedDebug(&text));
            prop_assert!(debug.len() <= UNTRUSTED_TEXT_LIMIT + "…".len());
        }
    }

    #[test]
    fn bidirectional_overrides_and_quotes_are_escaped() {
        assert_eq!(UntrustedText("a\u{202e}b").to_string(), "a\\u{202e}b");
        assert_eq!(
            format!("{:?}", UntrustedText("say \"hi\"")),
            "\"say \\\"hi\\\"\""
        );
        assert_eq!(UntrustedText("say \"hi\"").to_string(), "say \"hi\"");
    }

    #[test]
    fn a_cut_falls_on_a_character_boundary() {
        // The cut of a bounded `Debug` falls on a boundary too.
        let straddling = format!("{}é", "x".repeat(UNTRUSTED_TEXT_LIMIT - 2));
        assert_eq!(
            format!("{:?}", BoundedDebug(&straddling)),
            format!("\"{}…", "x".repeat(UNTRUSTED_TEXT_LIMIT - 2))
        );
        // A value written in many pieces is bounded over all of them.
        let pieces = vec!["x".repeat(300); 3];
        let shown = format!("{:?}", BoundedDebug(&pieces));
        assert_eq!(shown.len(), UNTRUSTED_TEXT_LIMIT + "…".len(), "{shown}");
        assert!(
            shown.starts_with("[\"xxx") && shown.ends_with("x…"),
            "{shown}"
        );
        let text = format!("{}é", "x".repeat(UNTRUSTED_TEXT_LIMIT - 1));
        assert_eq!(
            UntrustedText(&text).to_string(),
            format!("{}… (2 more bytes)", "x".repeat(UNTRUSTED_TEXT_LIMIT - 1))
        );
    }
}
