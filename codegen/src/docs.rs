//! Smithy documentation (an HTML subset) to rustdoc Markdown lines.
//!
//! Rustdoc reads `[text]` as an intra-doc link, and `<tag>` as HTML, so both
//! are escaped unless they came from a real link in the source. Whitespace is
//! folded as HTML folds it, so the output does not depend on how the model
//! was indented.

/// Converts one documentation string into Markdown lines (empty lines separate paragraphs).
pub fn to_markdown(html: &str) -> Vec<String> {
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
                "plain [bracketed] text_with *stars*",
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
}
