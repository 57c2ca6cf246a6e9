//! The tokens of the Smithy IDL, each with the line and column where it
//! starts, as Smithy's own tokenizer splits a file.
//!
//! Whitespace, commas and comments are tokens too: the IDL's grammar cares
//! where newlines are (a statement ends at one), and documentation comments
//! become the `@documentation` trait. A token's text is a slice of the
//! file; what a string or text block means is [`string_value`]'s and
//! [`text_block_value`]'s to say.

use std::fmt;

/// A place in a file: 1-based line and column, the column counted in
/// characters, as Smithy reports positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in characters.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces and tabs.
    Space,
    /// One line break (`\n` or `\r\n`).
    Newline,
    /// `,`, which the IDL treats as whitespace.
    Comma,
    /// `// ...` to the end of the line.
    Comment,
    /// `/// ...` to the end of the line.
    DocComment,
    /// `@`
    At,
    /// `$`
    Dollar,
    /// `:`
    Colon,
    /// `:=`
    Walrus,
    /// `.`
    Dot,
    /// `#`
    Pound,
    /// `=`
    Equal,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// A name: a letter or `_` and then letters, digits and `_`.
    Identifier,
    /// A JSON number: `-`, digits, fraction, exponent.
    Number,
    /// A quoted string, quotes included.
    String,
    /// A `"""` text block, quotes included.
    TextBlock,
    /// The end of the file.
    Eof,
}

impl TokenKind {
    /// The token's name in Smithy's error messages, with its text where it
    /// has one fixed text.
    pub fn describe(self) -> &'static str {
        match self {
            TokenKind::Space => "SPACE",
            TokenKind::Newline => "NEWLINE",
            TokenKind::Comma => "COMMA(',')",
            TokenKind::Comment => "COMMENT",
            TokenKind::DocComment => "DOC_COMMENT",
            TokenKind::At => "AT('@')",
            TokenKind::Dollar => "DOLLAR('$')",
            TokenKind::Colon => "COLON(':')",
            TokenKind::Walrus => "WALRUS(':=')",
            TokenKind::Dot => "DOT('.')",
            TokenKind::Pound => "POUND('#')",
            TokenKind::Equal => "EQUAL('=')",
            TokenKind::LBrace => "LBRACE('{')",
            TokenKind::RBrace => "RBRACE('}')",
            TokenKind::LBracket => "LBRACKET('[')",
            TokenKind::RBracket => "RBRACKET(']')",
            TokenKind::LParen => "LPAREN('(')",
            TokenKind::RParen => "RPAREN(')')",
            TokenKind::Identifier => "IDENTIFIER",
            TokenKind::Number => "NUMBER",
            TokenKind::String => "STRING('\"')",
            TokenKind::TextBlock => "TEXT_BLOCK('\"\"\"')",
            TokenKind::Eof => "EOF",
        }
    }
}

/// One token: its kind, its text in the file and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// Its text, exactly as in the file (empty at the end).
    pub text: &'a str,
    /// Where its first character is.
    pub start: Position,
}

/// Why an IDL file cannot be read, and where: the line and column
/// Smithy's own loader reports for the same file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdlError {
    /// Where the file is refused.
    pub position: Position,
    /// What was expected and what was found, or which rule the file breaks.
    pub message: String,
}

impl fmt::Display for IdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

impl std::error::Error for IdlError {}

/// Splits a file into tokens, ending with one [`TokenKind::Eof`]; the
/// tests' view of [`tokenize_until_error`].
#[cfg(test)]
pub fn tokenize(source: &str) -> Result<Vec<Token<'_>>, IdlError> {
    let (tokens, error) = tokenize_until_error(source);
    match error {
        Some(error) => Err(error),
        None => Ok(tokens),
    }
}

/// The tokens up to the first that cannot be read, and why that one
/// cannot: a reader that stops earlier, on a grammar error, reports that
/// one instead, as Smithy (which reads tokens as it parses) does. Without
/// an error the tokens end with [`TokenKind::Eof`].
pub fn tokenize_until_error(source: &str) -> (Vec<Token<'_>>, Option<IdlError>) {
    let mut lexer = Lexer {
        source,
        offset: 0,
        position: Position { line: 1, column: 1 },
    };
    let mut tokens = Vec::new();
    loop {
        match lexer.next_token() {
            Ok(token) => {
                tokens.push(token);
                if token.kind == TokenKind::Eof {
                    return (tokens, None);
                }
            }
            Err(error) => return (tokens, Some(error)),
        }
    }
}

struct Lexer<'a> {
    source: &'a str,
    offset: usize,
    position: Position,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.source[self.offset..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    /// Moves past one character, keeping the position; `\r\n` is one line
    /// break, as is a lone `\n` or `\r`.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.offset += c.len_utf8();
        match c {
            '\r' if self.peek() == Some('\n') => {
                self.offset += 1;
                self.new_line();
            }
            '\n' | '\r' => self.new_line(),
            _ => self.position.column += 1,
        }
        Some(c)
    }

    fn new_line(&mut self) {
        self.position.line += 1;
        self.position.column = 1;
    }

    fn bump_while(&mut self, keep: impl Fn(char) -> bool) {
        loop {
            // Most of a model is ASCII other than line breaks: one byte, one
            // column, without decoding a character.
            let bytes = &self.source.as_bytes()[self.offset..];
            let run = bytes
                .iter()
                .take_while(|&&b| b.is_ascii() && b != b'\n' && b != b'\r' && keep(char::from(b)))
                .count();
            self.offset += run;
            self.position.column = self
                .position
                .column
                .saturating_add(u32::try_from(run).unwrap_or(u32::MAX));
            if !self.peek().is_some_and(&keep) {
                return;
            }
            self.bump();
        }
    }

    fn error(&self, position: Position, message: impl Into<String>) -> IdlError {
        IdlError {
            position,
            message: message.into(),
        }
    }

    fn next_token(&mut self) -> Result<Token<'a>, IdlError> {
        let (start, begin) = (self.position, self.offset);
        let Some(c) = self.bump() else {
            return Ok(Token {
                kind: TokenKind::Eof,
                text: "",
                start,
            });
        };
        let kind = match c {
            ' ' | '\t' => {
                self.bump_while(|c| c == ' ' || c == '\t');
                TokenKind::Space
            }
            '\n' | '\r' => TokenKind::Newline,
            ',' => TokenKind::Comma,
            '/' if self.peek() == Some('/') => {
                self.bump();
                let doc = self.peek() == Some('/');
                self.bump_while(|c| c != '\n' && c != '\r');
                if doc {
                    TokenKind::DocComment
                } else {
                    TokenKind::Comment
                }
            }
            '@' => TokenKind::At,
            '$' => TokenKind::Dollar,
            ':' if self.peek() == Some('=') => {
                self.bump();
                TokenKind::Walrus
            }
            ':' => TokenKind::Colon,
            '.' => TokenKind::Dot,
            '#' => TokenKind::Pound,
            '=' => TokenKind::Equal,
            '{' => TokenKind::LBrace,
            '}' => TokenKind::RBrace,
            '[' => TokenKind::LBracket,
            ']' => TokenKind::RBracket,
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            '"' if self.peek() == Some('"') && self.peek_second() == Some('"') => {
                self.bump();
                self.bump();
                self.quoted(true)?;
                TokenKind::TextBlock
            }
            '"' => {
                self.quoted(false)?;
                TokenKind::String
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                // Leading underscores must lead to a letter or a digit.
                if c == '_' {
                    self.bump_while(|c| c == '_');
                    if !self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                        let found = self.peek().map_or("[EOF]".to_owned(), shown);
                        return Err(self.error(
                            self.position,
                            format!("Expected a valid identifier character, but found '{found}'"),
                        ));
                    }
                }
                self.bump_while(|c| c == '_' || c.is_ascii_alphanumeric());
                TokenKind::Identifier
            }
            c if c == '-' || c.is_ascii_digit() => {
                self.number(c, start, begin)?;
                TokenKind::Number
            }
            other => {
                return Err(self.error(start, format!("Unexpected character: '{}'", shown(other))));
            }
        };
        Ok(Token {
            kind,
            text: &self.source[begin..self.offset],
            start,
        })
    }

    /// The rest of a string or text block after its opening quotes: up to
    /// the closing quote (or three), escapes skipped whole.
    fn quoted(&mut self, block: bool) -> Result<(), IdlError> {
        loop {
            match self.bump() {
                None => {
                    let expected = if block { "\"\"\"" } else { "\"" };
                    return Err(self.error(
                        self.position,
                        format!("Expected: '{expected}', but found '[EOF]'"),
                    ));
                }
                Some('\\') => {
                    // What the escape means is checked when the value is read;
                    // here it only must not end the string.
                    self.bump();
                }
                Some('"') if !block => return Ok(()),
                Some('"') if self.rest().starts_with("\"\"") => {
                    self.bump();
                    self.bump();
                    return Ok(());
                }
                Some(_) => {}
            }
        }
    }

    /// The rest of a number whose first character was `first`: digits, a
    /// fraction and an exponent, each with at least one digit.
    fn number(&mut self, first: char, start: Position, begin: usize) -> Result<(), IdlError> {
        let digits = |lexer: &mut Self| {
            let before = lexer.offset;
            lexer.bump_while(|c| c.is_ascii_digit());
            lexer.offset > before
        };
        let invalid = |lexer: &Self, why: &str| {
            let text = &lexer.source[begin..lexer.offset];
            lexer.error(start, format!("Invalid number '{text}': {why}"))
        };
        if first == '-' && !digits(self) {
            return Err(invalid(self, "'-' must be followed by a digit"));
        }
        if first != '-' {
            self.bump_while(|c| c.is_ascii_digit());
        }
        if self.peek() == Some('.') {
            self.bump();
            if !digits(self) {
                return Err(invalid(self, "'.' must be followed by a digit"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !digits(self) {
                return Err(invalid(
                    self,
                    "'e', '+', and '-' must be followed by a digit",
                ));
            }
        }
        Ok(())
    }
}

/// What a quoted string token (quotes included) says: its escapes
/// resolved, its line breaks as `\n`. `start` is where the token begins,
/// for errors.
pub fn string_value(token: &str, start: Position) -> Result<String, IdlError> {
    let inner = token
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(token);
    unescape(inner, start)
}

/// What a text block token (`"""` included) says: the line break after the
/// opening quotes dropped, the indentation its lines share removed, spaces
/// at line ends removed, then escapes resolved, as the IDL specifies.
pub fn text_block_value(token: &str, start: Position) -> Result<String, IdlError> {
    let inner = token
        .strip_prefix("\"\"\"")
        .and_then(|rest| rest.strip_suffix("\"\"\""))
        .unwrap_or(token);
    let normalized = inner.replace("\r\n", "\n").replace('\r', "\n");
    let Some(body) = normalized.strip_prefix('\n') else {
        let message = if normalized.is_empty() {
            "Text block is empty: it holds at least the line break after its opening `\"\"\"`"
        } else {
            "A text block must start with a line break after its opening `\"\"\"`"
        };
        return Err(IdlError {
            position: start,
            message: message.to_owned(),
        });
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    // Blank lines do not set the indentation, but the closing line does,
    // even when it holds nothing but spaces.
    let indentation = lines
        .iter()
        .enumerate()
        .filter(|(index, line)| *index == last || !line.trim_matches([' ', '\t']).is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut text = String::with_capacity(body.len());
    for (index, line) in lines.iter().enumerate() {
        let kept = line.get(indentation..).unwrap_or("");
        // A closing line of spaces only sets the indentation and is gone.
        let kept = kept.trim_end_matches([' ', '\t']);
        text.push_str(kept);
        if index != last {
            text.push('\n');
        }
    }
    // Line ends are trimmed before escapes are resolved, so that an escape
    // at a line's end keeps what it stands for.
    unescape(&text, start)
}

/// Resolves the IDL's escapes in a string's content: `\"`, `\\`, `\/`,
/// `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` (surrogate pairs joined), and a
/// backslash before a line break, which removes both; a line break itself
/// reads as `\n`. An error is reported at the token's start, as Smithy does.
fn unescape(content: &str, start: Position) -> Result<String, IdlError> {
    let fail = |why: String| IdlError {
        position: start,
        message: format!("Error parsing quoted string: {why}"),
    };
    let mut text = String::with_capacity(content.len());
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                text.push('\n');
            }
            '\\' => match chars.next() {
                None => return Err(fail("a string cannot end with a lone `\\`".to_owned())),
                Some(escaped @ ('"' | '\\' | '/')) => text.push(escaped),
                Some('b') => text.push('\u{8}'),
                Some('f') => text.push('\u{c}'),
                Some('n') => text.push('\n'),
                Some('r') => text.push('\r'),
                Some('t') => text.push('\t'),
                Some('\n') => {}
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                Some('u') => {
                    let unit = hex4(&mut chars).map_err(fail)?;
                    let decoded = if (0xD800..0xDC00).contains(&unit) {
                        let low = match (chars.next(), chars.next()) {
                            (Some('\\'), Some('u')) => hex4(&mut chars).map_err(fail)?,
                            _ => 0,
                        };
                        if !(0xDC00..0xE000).contains(&low) {
                            return Err(fail(
                                "a high surrogate escape must be followed by a low one".to_owned(),
                            ));
                        }
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        char::from_u32(unit)
                    };
                    let decoded = decoded
                        .ok_or_else(|| fail(format!("`\\u{unit:04X}` is not a character")))?;
                    text.push(decoded);
                }
                Some(other) => {
                    return Err(fail(format!(
                        "Invalid escape found in string: `\\{}`",
                        shown(other)
                    )));
                }
            },
            // Tabs and line breaks may be written as they are; other
            // control characters only as escapes.
            c if c < ' ' && c != '\t' && c != '\n' => {
                return Err(fail(format!(
                    "Invalid string character: `{}`; write it as a `\\u` escape",
                    shown(c)
                )));
            }
            c => text.push(c),
        }
    }
    Ok(text)
}

/// A character as an error message shows it: control characters escaped,
/// so that a message cannot move a terminal's cursor.
fn shown(c: char) -> String {
    if c.is_control() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

/// Four hexadecimal digits after `\u`.
fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<u32, String> {
    let mut unit = 0;
    for _ in 0..4 {
        let digit = match chars.next() {
            None => return Err("Invalid unclosed unicode escape found in string".to_owned()),
            Some(c) => c
                .to_digit(16)
                .ok_or_else(|| format!("Invalid unicode escape character: `{}`", shown(c)))?,
        };
        unit = unit * 16 + digit;
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idl::conformance::{conformance_files, smithy_error_position};
    use proptest::prelude::*;

    fn kinds(source: &str) -> Vec<TokenKind> {
        tokenize(source).unwrap().iter().map(|t| t.kind).collect()
    }

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn splits_a_statement_into_tokens_with_their_positions() {
        let tokens = tokenize("@length(min: -1.5e+3)\r\nstring A // c\n/// d").unwrap();
        let shown: Vec<(TokenKind, &str, Position)> =
            tokens.iter().map(|t| (t.kind, t.text, t.start)).collect();
        use TokenKind::*;
        assert_eq!(
            shown,
            vec![
                (At, "@", at(1, 1)),
                (Identifier, "length", at(1, 2)),
                (LParen, "(", at(1, 8)),
                (Identifier, "min", at(1, 9)),
                (Colon, ":", at(1, 12)),
                (Space, " ", at(1, 13)),
                (Number, "-1.5e+3", at(1, 14)),
                (RParen, ")", at(1, 21)),
                (Newline, "\r\n", at(1, 22)),
                (Identifier, "string", at(2, 1)),
                (Space, " ", at(2, 7)),
                (Identifier, "A", at(2, 8)),
                (Space, " ", at(2, 9)),
                (Comment, "// c", at(2, 10)),
                (Newline, "\n", at(2, 14)),
                (DocComment, "/// d", at(3, 1)),
                (Eof, "", at(3, 6)),
            ]
        );
    }

    #[test]
    fn a_run_of_spaces_and_tabs_is_one_token() {
        let tokens = tokenize("a \t  b").unwrap();
        assert_eq!(tokens[1].kind, TokenKind::Space);
        assert_eq!(tokens[1].text, " \t  ");
        assert_eq!(tokens[2].text, "b");
    }

    #[test]
    fn tells_every_punctuation_apart() {
        use TokenKind::*;
        assert_eq!(
            kinds("$:=:.#={}[](),"),
            vec![
                Dollar, Walrus, Colon, Dot, Pound, Equal, LBrace, RBrace, LBracket, RBracket,
                LParen, RParen, Comma, Eof
            ]
        );
        assert_eq!(
            kinds("\"\"\"\na\"\"\" \"b\""),
            vec![TextBlock, Space, String, Eof]
        );
        assert_eq!(kinds("\"\""), vec![String, Eof]);
        assert_eq!(
            kinds("_a1 a_b __c __1"),
            vec![
                Identifier, Space, Identifier, Space, Identifier, Space, Identifier, Eof
            ]
        );
        for (source, found, column) in [("_ {}", "' '", 2), ("__-", "'-'", 3), ("_", "'[EOF]'", 2)]
        {
            let error = tokenize(source).unwrap_err();
            let message = format!("Expected a valid identifier character, but found {found}");
            assert_eq!(
                (error.position, error.message),
                (at(1, column), message),
                "{source}"
            );
        }
    }

    #[test]
    fn numbers_need_a_digit_after_a_sign_a_point_or_an_exponent() {
        for (source, message) in [
            (
                "(1.)",
                "Invalid number '1.': '.' must be followed by a digit",
            ),
            (
                "(1.0e)",
                "Invalid number '1.0e': 'e', '+', and '-' must be followed by a digit",
            ),
            ("(-)", "Invalid number '-': '-' must be followed by a digit"),
            (
                "(2E+)",
                "Invalid number '2E+': 'e', '+', and '-' must be followed by a digit",
            ),
        ] {
            let error = tokenize(source).unwrap_err();
            assert_eq!(
                (error.position, error.message.as_str()),
                (at(1, 2), message),
                "{source}"
            );
        }
        // Shown, an error starts with its line and column.
        assert_eq!(
            tokenize("\n(-)").unwrap_err().to_string(),
            "2:2: Invalid number '-': '-' must be followed by a digit"
        );
        assert_eq!(
            kinds(".1"),
            vec![TokenKind::Dot, TokenKind::Number, TokenKind::Eof]
        );
        assert_eq!(tokenize("0 -0 10e5 3.25E-2").unwrap().len(), 8);
    }

    #[test]
    fn an_unclosed_string_is_reported_where_the_file_ends() {
        let error = tokenize("namespace a\n@foo(\"\n").unwrap_err();
        assert_eq!(error.position, at(3, 1));
        assert_eq!(error.message, "Expected: '\"', but found '[EOF]'");
        let error = tokenize("\"\"\"\nabc\"\"").unwrap_err();
        assert_eq!(
            (error.position, error.message.as_str()),
            (at(2, 6), "Expected: '\"\"\"', but found '[EOF]'")
        );
        // An escaped quote does not close it.
        assert!(tokenize("\"a\\\"").is_err());
    }

    #[test]
    fn an_unexpected_character_is_named_where_it_is() {
        let error = tokenize("string A\n  ?").unwrap_err();
        assert_eq!(
            (error.position, error.message.as_str()),
            (at(2, 3), "Unexpected character: '?'")
        );
        let error = tokenize("/ x").unwrap_err();
        assert_eq!(error.position, at(1, 1));
    }

    #[test]
    fn strings_resolve_their_escapes() {
        let value = |text: &str| string_value(text, at(1, 1));
        assert_eq!(value(r#""a\"b\\c\/d'e""#).unwrap(), "a\"b\\c/d'e");
        assert_eq!(value(r#""\b\f\n\r\t""#).unwrap(), "\u{8}\u{c}\n\r\t");
        assert_eq!(value(r#""\u00e9\uD83D\uDE00""#).unwrap(), "é😀");
        assert_eq!(value("\"a\\\nb\"").unwrap(), "ab");
        assert_eq!(value("\"a\\\r\nb\"").unwrap(), "ab");
        assert_eq!(value("\"a\r\nb\"").unwrap(), "a\nb");
        // Errors are reported where the string starts, as Smithy does.
        for (text, why) in [
            (r#""ok\x""#, "Invalid escape found in string: `\\x`"),
            (r#""\'""#, "Invalid escape found in string: `\\'`"),
            (r#""\ ""#, "Invalid escape found in string: `\\ `"),
            (
                r#""\uaa""#,
                "Invalid unclosed unicode escape found in string",
            ),
            (r#""\u00tt""#, "Invalid unicode escape character: `t`"),
        ] {
            let error = string_value(text, at(4, 16)).unwrap_err();
            let message = format!("Error parsing quoted string: {why}");
            assert_eq!(
                (error.position, error.message),
                (at(4, 16), message),
                "{text}"
            );
        }
        assert!(value(r#""\uD83D""#).is_err());
        assert!(value(r#""\uDE00""#).is_err());
    }

    #[test]
    fn text_blocks_lose_their_shared_indentation_and_line_end_spaces() {
        let value = |text: &str| text_block_value(text, at(1, 1));
        assert_eq!(
            value("\"\"\"\n    a  \n      b\n    \"\"\"").unwrap(),
            "a\n  b\n"
        );
        assert_eq!(value("\"\"\"\n    a\n\n    b\"\"\"").unwrap(), "a\n\nb");
        // The closing line counts, even when it is only spaces.
        assert_eq!(value("\"\"\"\n    a\n  \"\"\"").unwrap(), "  a\n");
        assert_eq!(value("\"\"\"\n  a\\n\\\"\"\"\"").unwrap(), "a\n\"");
        assert_eq!(value("\"\"\"\r\n  a\r\n  \"\"\"").unwrap(), "a\n");
        assert!(value("\"\"\"a\"\"\"").is_err());
    }

    #[test]
    fn every_valid_conformance_file_splits_into_tokens_whose_strings_read() {
        for (path, text) in conformance_files("valid") {
            let tokens = tokenize(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for token in tokens {
                let value = match token.kind {
                    TokenKind::String => string_value(token.text, token.start),
                    TokenKind::TextBlock => text_block_value(token.text, token.start),
                    _ => continue,
                };
                if let Err(e) = value {
                    panic!("{}: {e}", path.display());
                }
            }
        }
    }

    /// Where the tokens alone refuse an invalid file, they refuse it where
    /// Smithy does, or after a place where Smithy's grammar stops first
    /// (Smithy reads tokens as it parses). The rest are the grammar's.
    #[test]
    fn an_invalid_file_the_tokens_refuse_is_refused_at_smithys_position() {
        let mut refused = 0;
        for (path, text) in conformance_files("invalid") {
            let error = match tokenize(&text) {
                Err(error) => error,
                Ok(tokens) => match tokens.iter().find_map(|token| match token.kind {
                    TokenKind::String => string_value(token.text, token.start).err(),
                    TokenKind::TextBlock => text_block_value(token.text, token.start).err(),
                    _ => None,
                }) {
                    Some(error) => error,
                    None => continue,
                },
            };
            let expected = smithy_error_position(&text).unwrap_or_else(|| {
                panic!(
                    "{}: refused ({error}), but Smithy names no syntax error",
                    path.display()
                )
            });
            assert!(
                error.position >= expected,
                "{}: {error}, before Smithy's {expected}",
                path.display()
            );
            refused += usize::from(error.position == expected);
        }
        assert!(
            refused >= 18,
            "only {refused} files refused by their tokens where Smithy does"
        );
    }

    proptest! {
        #[test]
        fn no_input_makes_it_panic_and_tokens_cover_the_whole_file(source in any::<String>()) {
            if let Ok(tokens) = tokenize(&source) {
                let joined: String = tokens.iter().map(|t| t.text).collect();
                prop_assert_eq!(&joined, &source);
                for token in &tokens {
                    match token.kind {
                        TokenKind::String => { let _ = string_value(token.text, token.start); }
                        TokenKind::TextBlock => { let _ = text_block_value(token.text, token.start); }
                        _ => {}
                    }
                }
            }
        }

        #[test]
        fn idl_like_text_never_panics(source in r#"[ \n\r\t,a-z_0-9@$:=.#{}\[\]()"\\/-]{0,64}"#) {
            if let Ok(tokens) = tokenize(&source) {
                prop_assert_eq!(tokens.last().map(|t| t.kind), Some(TokenKind::Eof));
                for token in &tokens {
                    match token.kind {
                        TokenKind::String => { let _ = string_value(token.text, token.start); }
                        TokenKind::TextBlock => { let _ = text_block_value(token.text, token.start); }
                        _ => {}
                    }
                }
            }
        }
    }
}
