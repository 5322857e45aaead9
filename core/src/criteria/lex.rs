//! Stage 1: text → tokens. Hand-written (no `regex` in gom-core), one pass, no recursion.

use super::ast::Span;
use super::ParseError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Ident,
    Int,
    /// A quoted string; `double` for `"…"`.
    Str {
        double: bool,
    },
    LParen,
    RParen,
    Comma,
    Eq,
    Ne,
    LtGt,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    And,
    Or,
    Xor,
    Not,
    Like,
    In,
    Exists,
    True,
    False,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

impl Tok {
    /// How a message names the token.
    pub fn describe(self) -> &'static str {
        match self {
            Tok::Ident => "a name",
            Tok::Int => "a number",
            Tok::Str { .. } => "a string",
            Tok::LParen => "`(`",
            Tok::RParen => "`)`",
            Tok::Comma => "`,`",
            Tok::Eq => "`=`",
            Tok::Ne => "`!=`",
            Tok::LtGt => "`<>`",
            Tok::Lt => "`<`",
            Tok::Le => "`<=`",
            Tok::Gt => "`>`",
            Tok::Ge => "`>=`",
            Tok::Plus => "`+`",
            Tok::Minus => "`-`",
            Tok::Star => "`*`",
            Tok::Slash => "`/`",
            Tok::Percent => "`%`",
            Tok::And => "`AND`",
            Tok::Or => "`OR`",
            Tok::Xor => "`XOR`",
            Tok::Not => "`NOT`",
            Tok::Like => "`LIKE`",
            Tok::In => "`IN`",
            Tok::Exists => "`EXISTS`",
            Tok::True => "`TRUE`",
            Tok::False => "`FALSE`",
            Tok::Eof => "the end of the criteria",
        }
    }
}

fn keyword(word: &str) -> Option<Tok> {
    const KW: [(&str, Tok); 9] = [
        ("AND", Tok::And),
        ("OR", Tok::Or),
        ("XOR", Tok::Xor),
        ("NOT", Tok::Not),
        ("LIKE", Tok::Like),
        ("IN", Tok::In),
        ("EXISTS", Tok::Exists),
        ("TRUE", Tok::True),
        ("FALSE", Tok::False),
    ];
    KW.iter().find(|(k, _)| k.eq_ignore_ascii_case(word)).map(|(_, t)| *t)
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Splits `src` into tokens, ending with [`Tok::Eof`].
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 + 1);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let single = |t: Tok| Token { tok: t, span: Span::new(start, start + 1) };
        let double = |t: Tok| Token { tok: t, span: Span::new(start, start + 2) };
        let next = b.get(i + 1).copied();
        let token = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'(' => single(Tok::LParen),
            b')' => single(Tok::RParen),
            b',' => single(Tok::Comma),
            b'=' => single(Tok::Eq),
            b'+' => single(Tok::Plus),
            b'-' => single(Tok::Minus),
            b'*' => single(Tok::Star),
            b'/' => single(Tok::Slash),
            b'%' => single(Tok::Percent),
            b'!' if next == Some(b'=') => double(Tok::Ne),
            b'<' if next == Some(b'>') => double(Tok::LtGt),
            b'<' if next == Some(b'=') => double(Tok::Le),
            b'<' => single(Tok::Lt),
            b'>' if next == Some(b'=') => double(Tok::Ge),
            b'>' => single(Tok::Gt),
            b'\'' | b'"' => {
                let end = string_end(b, i).ok_or_else(|| {
                    ParseError::new("The string is never closed", start, b.len()).with_help(if c == b'\'' {
                        "Close the string with `'`; write a quote inside it as `\\'`."
                    } else {
                        "Close the string with `\"`; write a quote inside it as `\\\"`."
                    })
                })?;
                Token { tok: Tok::Str { double: c == b'"' }, span: Span::new(start, end) }
            }
            b'0'..=b'9' => {
                let mut j = i;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                Token { tok: Tok::Int, span: Span::new(start, j) }
            }
            c if is_ident_start(c) => {
                let mut j = i;
                while j < b.len() && is_ident_char(b[j]) {
                    j += 1;
                }
                let tok = keyword(&src[start..j]).unwrap_or(Tok::Ident);
                Token { tok, span: Span::new(start, j) }
            }
            b'&' => {
                let end = if next == Some(b';') { start + 2 } else { start + 1 };
                return Err(ParseError::new("`&` is not an operator", start, end)
                    .with_help("MNS replaced the old `&;` separator with ` AND `: write `a='x' AND b='y'`."));
            }
            _ => {
                let ch = src[start..].chars().next().unwrap_or('\u{fffd}');
                let end = start + ch.len_utf8();
                let msg = if ch.is_control() {
                    format!("Unexpected control character `{}`", ch.escape_default())
                } else {
                    format!("Unexpected character `{ch}`")
                };
                return Err(ParseError::new(msg, start, end));
            }
        };
        i = token.span.end as usize;
        out.push(token);
    }
    out.push(Token { tok: Tok::Eof, span: Span::new(b.len(), b.len()) });
    Ok(out)
}

/// The end (exclusive) of the string literal opening at `start`, if it is closed. A backslash
/// escapes the next byte; a doubled quote stands for one quote.
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let q = b[start];
    let mut j = start + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == q => {
                if b.get(j + 1) == Some(&q) {
                    j += 2;
                } else {
                    return Some(j + 1);
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// The value of a string token (`raw` includes the quotes): `\q` → `q` for the quote `q`,
/// `\\` → `\`, a doubled quote → one quote; any other backslash is kept with the character
/// after it, so LIKE patterns see their own escapes (`\%`, `\_`).
pub fn unescape(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let q = bytes.first().copied().unwrap_or(b'\'') as char;
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek().copied() {
                Some(n) if n == q || n == '\\' => {
                    out.push(n);
                    chars.next();
                }
                _ => out.push('\\'),
            }
        } else if c == q {
            // A doubled quote: keep one, skip its twin.
            out.push(q);
            if chars.peek() == Some(&q) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes `value` as a literal in quotes `q` that [`unescape`] reads back unchanged.
pub fn quote(value: &str, double: bool) -> String {
    let q = if double { '"' } else { '\'' };
    let mut s = String::with_capacity(value.len() + 2);
    s.push(q);
    for c in value.chars() {
        if c == q || c == '\\' {
            s.push('\\');
        }
        s.push(c);
    }
    s.push(q);
    s
}
