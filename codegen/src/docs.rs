//! Smithy documentation to rustdoc Markdown lines.
//!
//! The `documentation` trait is CommonMark, but AWS models write it as HTML
//! (every string starts with a tag), and there `*`, `_` and `[` are literal
//! text. So a string with an HTML tag outside code spans is read as HTML:
//! tags become Markdown, and text that rustdoc would read as markup
//! (`[text]` as an intra-doc link, `<tag>` as HTML) is escaped. Whitespace is
//! folded as HTML folds it, so the output does not depend on how the model
//! was indented. A string without a tag is CommonMark already and keeps its
//! lines and markup; only brackets that do not form a link are escaped,
//! because rustdoc would otherwise resolve them as intra-doc links.

/// Converts one documentation string into Markdown lines (empty lines separate paragraphs).
pub fn to_markdown(documentation: &str) -> Vec<String> {
    if has_html_tag(documentation) {
        html_to_markdown(documentation)
    } else {
        commonmark_lines(documentation)
    }
}

fn html_to_markdown(html: &str) -> Vec<String> {
    let mut out = Markdown::default();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.text(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            out.text(&rest[start..]);
            rest = "";
            break;
        };
        out.tag(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out.text(rest);
    out.finish()
}

/// Whether `text` holds `<name ...>`, `<name/>` or `</name>` outside a code
/// span. An autolink such as `<https://example.com>` is not a tag.
fn has_html_tag(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => i = skip_code_span(bytes, i),
            b'<' => {
                let name_start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
                let name_len = bytes[name_start.min(bytes.len())..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                    .count();
                let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
                let after = bytes.get(name_start + name_len);
                if starts_with_letter
                    && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

/// The index just past the code span that starts with the backtick run at
/// `start`, or past the run itself when no run of the same length closes it
/// (CommonMark then reads the backticks as literal text).
fn skip_code_span(bytes: &[u8], start: usize) -> usize {
    let run = bytes[start..].iter().take_while(|b| **b == b'`').count();
    let mut i = start + run;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let closing = bytes[i..].iter().take_while(|b| **b == b'`').count();
            if closing == run {
                return i + closing;
            }
            i += closing;
        } else {
            i += 1;
        }
    }
    start + run
}

/// A CommonMark string as rustdoc lines: trailing spaces, blank lines at the
/// ends and runs of blank lines go; fenced code blocks stay untouched.
fn commonmark_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim_end();
        let indented = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| indented.starts_with(m));
        match (fence, marker) {
            (None, Some(marker)) => {
                fence = Some(marker);
                lines.push(line.to_owned());
            }
            (Some(open), Some(marker)) if open == marker => {
                fence = None;
                lines.push(line.to_owned());
            }
            (Some(_), _) => lines.push(line.to_owned()),
            (None, None) if line.is_empty() => {
                if lines.last().is_some_and(|last| !last.is_empty()) {
                    lines.push(String::new());
                }
            }
            (None, None) => lines.push(escape_stray_brackets(line)),
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Escapes `[` and `]` unless they are an inline link's `[text](`, inside a
/// code span, or escaped already.
fn escape_stray_brackets(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut link_ends = Vec::new();
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => i = skip_code_span(bytes, i),
            b'[' => {
                match matching_bracket(bytes, i) {
                    Some(end) if bytes.get(end + 1) == Some(&b'(') => link_ends.push(end),
                    _ => {
                        out.push_str(&line[copied..i]);
                        out.push('\\');
                        copied = i;
                    }
                }
                i += 1;
            }
            b']' => {
                if let Some(at) = link_ends.iter().position(|end| *end == i) {
                    link_ends.swap_remove(at);
                } else {
                    out.push_str(&line[copied..i]);
                    out.push('\\');
                    copied = i;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&line[copied..]);
    out
}

/// The index of the `]` that closes the `[` at `open`, skipping escapes and
/// code spans.
fn matching_bracket(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => i = skip_code_span(bytes, i),
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

#[derive(Default)]
struct Markdown {
    paragraphs: Vec<String>,
    current: String,
    link: Option<String>,
    list_depth: usize,
    /// A list marker or label that starts the next non-empty paragraph.
    prefix: String,
}

impl Markdown {
    fn text(&mut self, text: &str) {
        let text = unescape_entities(text);
        if text.trim().is_empty() && self.current.is_empty() {
            return;
        }
        self.start_paragraph();
        for (i, word) in text.split_whitespace().enumerate() {
            if (i > 0 || text.starts_with(char::is_whitespace))
                && !self.current.is_empty()
                && !self.current.ends_with(' ')
            {
                self.current.push(' ');
            }
            for c in word.chars() {
                match c {
                    '[' | ']' | '<' | '>' | '*' | '_' | '`' | '\\' => {
                        self.current.push('\\');
                        self.current.push(c);
                    }
                    _ => self.current.push(c),
                }
            }
        }
        if text.ends_with(char::is_whitespace)
            && !self.current.is_empty()
            && !self.current.ends_with(' ')
        {
            self.current.push(' ');
        }
    }

    fn raw(&mut self, markup: &str) {
        self.start_paragraph();
        self.current.push_str(markup);
    }

    fn start_paragraph(&mut self) {
        if self.current.is_empty() {
            self.current = std::mem::take(&mut self.prefix);
        }
    }

    fn break_paragraph(&mut self) {
        let paragraph = self.current.trim_end().to_owned();
        if !paragraph.trim().is_empty() {
            self.paragraphs.push(paragraph);
        }
        self.current.clear();
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "div" | "br", _) => self.break_paragraph(),
            ("ul" | "ol", false) => {
                self.break_paragraph();
                self.list_depth += 1;
            }
            ("ul" | "ol", true) => {
                self.break_paragraph();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            ("li", false) => {
                self.break_paragraph();
                self.prefix = format!("{}- ", "  ".repeat(self.list_depth.saturating_sub(1)));
            }
            ("li", true) => self.break_paragraph(),
            ("code", _) => self.raw("`"),
            ("b" | "strong", _) => self.raw("**"),
            ("i" | "em", _) => self.raw("*"),
            ("important" | "note", false) => {
                self.break_paragraph();
                self.prefix = if name == "important" {
                    "**Important:** "
                } else {
                    "**Note:** "
                }
                .to_owned();
            }
            ("important" | "note", true) => self.break_paragraph(),
            ("a", false) => {
                self.link = attribute(tag, "href");
                if self.link.is_some() {
                    self.raw("[");
                }
            }
            ("a", true) => {
                if let Some(href) = self.link.take() {
                    self.raw(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.break_paragraph();
        let mut lines = Vec::new();
        for (i, paragraph) in self.paragraphs.into_iter().enumerate() {
            let is_item = paragraph.trim_start().starts_with("- ");
            if i > 0 && !is_item {
                lines.push(String::new());
            }
            lines.push(paragraph);
        }
        lines
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[start..].find('"')?;
    Some(unescape_entities(&tag[start..start + len]))
}

fn unescape_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn conversions() {
        let table: [(&str, &[&str]); 6] = [
            (
                "<p>The name of the <code>AppInstance</code>.</p>",
                &["The name of the `AppInstance`."],
            ),
            (
                "<p>plain [bracketed] text_with *stars*</p>",
                &["plain \\[bracketed\\] text\\_with \\*stars\\*"],
            ),
            (
                "<p>One.</p>\n   <p>Two\n   lines.</p>",
                &["One.", "", "Two lines."],
            ),
            (
                "See <a href=\"https://example.com/x\">the guide</a>.",
                &["See [the guide](https://example.com/x)."],
            ),
            ("<ul><li><p>a</p></li><li>b</li></ul>", &["- a", "- b"]),
            (
                "<important><p><b>Stop.</b> Now &amp; here &lt;x&gt;</p></important>",
                &["**Important:** **Stop.** Now & here \\<x\\>"],
            ),
        ];
        for (html, markdown) in table {
            assert_eq!(to_markdown(html), markdown, "{html:?}");
        }
    }

    #[test]
    fn documentation_without_html_is_commonmark_and_keeps_its_markup() {
        let table: [(&str, &[&str]); 5] = [
            (
                "The namespace `chime`, with *emphasis* and **strength**.",
                &["The namespace `chime`, with *emphasis* and **strength**."],
            ),
            (
                "First paragraph\nwraps here.\n\nSecond one.\n",
                &["First paragraph", "wraps here.", "", "Second one."],
            ),
            (
                "- one\n- two\n\n```\nlet x = [1];\n```",
                &["- one", "- two", "", "```", "let x = [1];", "```"],
            ),
            (
                "See [the guide](https://example.com/x) or <https://example.com>.",
                &["See [the guide](https://example.com/x) or <https://example.com>."],
            ),
            (
                "A [bracket] is not a link, `[in code]` stays, \\[escaped\\] too.",
                &["A \\[bracket\\] is not a link, `[in code]` stays, \\[escaped\\] too."],
            ),
        ];
        for (commonmark, markdown) in table {
            assert_eq!(to_markdown(commonmark), markdown, "{commonmark:?}");
        }
    }

    #[test]
    fn a_tag_inside_a_code_span_or_an_autolink_leaves_the_string_commonmark() {
        assert_eq!(
            to_markdown("Returns `Vec<u8>` bytes."),
            ["Returns `Vec<u8>` bytes."]
        );
        assert_eq!(
            to_markdown("At <https://a.example>."),
            ["At <https://a.example>."]
        );
        assert_eq!(
            to_markdown("When a < b and c > d."),
            ["When a < b and c > d."]
        );
        assert_eq!(to_markdown("a <br/> b"), ["a", "", "b"]);
        // A closing tag alone makes the string HTML too.
        assert_eq!(to_markdown("One.</p>Two."), ["One.", "", "Two."]);
    }

    /// The text with each escaped bracket (`\[`, `\]`) made plain, read
    /// left to right as CommonMark reads escapes: in `\\[` the backslash
    /// is the escaped one, and the bracket is not.
    fn without_bracket_escapes(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match (c, chars.clone().next()) {
                ('\\', Some(bracket @ ('[' | ']'))) => {
                    out.push(bracket);
                    chars.next();
                }
                ('\\', Some(escaped)) => {
                    out.push('\\');
                    out.push(escaped);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn an_escaped_backslash_before_a_stray_bracket_keeps_both_escapes() {
        assert_eq!(to_markdown("\\\\["), ["\\\\\\["]);
        assert_eq!(
            without_bracket_escapes("\\\\\\["),
            without_bracket_escapes("\\\\[")
        );
    }

    proptest::proptest! {
        #[test]
        fn commonmark_only_gains_backslashes_before_brackets(text in "[ -~\n]{0,80}") {
            proptest::prop_assume!(!super::has_html_tag(&text));
            let lines = to_markdown(&text);
            let unescaped = without_bracket_escapes(&lines.join("\n"));
            let original = without_bracket_escapes(&text);
            let kept: Vec<&str> = original.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
            let got: Vec<&str> = unescaped.lines().filter(|l| !l.is_empty()).collect();
            proptest::prop_assert_eq!(got, kept);
        }

        #[test]
        fn any_documentation_converts_without_panicking(text in "\\PC{0,200}") {
            let _ = to_markdown(&text);
        }
    }
}
