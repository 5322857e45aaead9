//! A small XML tokenizer for narrative `div`s: tags with their attributes, text, comments and
//! declarations, each with its byte span.
//!
//! It is hand-written (no `regex` in gom-core) and recovers after an error by skipping to the next
//! `<`, so one slip does not hide the findings after it. Every step consumes at least one byte, so
//! it always ends.

/// A byte range `[start, end)` in the div string.
pub(crate) type Span = (usize, usize);

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Attr<'a> {
    pub name: &'a str,
    /// The value as written, entity references not yet decoded.
    pub raw: &'a str,
    /// The whole attribute, `name="value"`.
    pub span: Span,
    /// The value between its quotes.
    pub value_span: Span,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Start {
        name: &'a str,
        attrs: Vec<Attr<'a>>,
        self_closing: bool,
        span: Span,
    },
    End {
        name: &'a str,
        span: Span,
    },
    /// Character data as written (entity references not yet decoded).
    Text {
        raw: &'a str,
        span: Span,
    },
    /// `<!-- … -->`; `content` is what lies between the delimiters.
    Comment {
        content: &'a str,
        span: Span,
    },
    /// `<![CDATA[ … ]]>`.
    Cdata {
        content: &'a str,
        span: Span,
    },
    /// `<!DOCTYPE …>`, `<? … ?>` and other `<!…>` declarations.
    Declaration {
        span: Span,
    },
}

/// A place where the text stops being well-formed XML.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct LexError {
    pub message: String,
    pub span: Span,
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

fn is_name_char(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer { src, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.bytes().get(self.pos..).is_some_and(|b| b.starts_with(s.as_bytes()))
    }

    /// Offset of the next `needle` at or after `from`, if any.
    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.src.get(from..).and_then(|s| s.find(needle)).map(|i| from + i)
    }

    fn skip_space(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn name(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if !self.peek().is_some_and(is_name_start) {
            return None;
        }
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        // Names stop at ASCII bytes, so the slice falls on character boundaries.
        self.src.get(start..self.pos)
    }

    /// After an error: skip past the next `>` when it comes before the next `<` (the end of the
    /// broken tag), else to that `<`; always at least one byte on, so lexing resumes.
    fn recover(&mut self, from: usize, message: impl Into<String>) -> LexError {
        let lt = self.find_from(from + 1, "<").unwrap_or(self.src.len());
        // Look for `>` only before that `<`, so recovery stays linear in the input.
        let gt = self.src.get(from + 1..lt).and_then(|s| s.find('>')).map(|i| from + 1 + i);
        let next = gt.map_or(lt, |gt| gt + 1);
        self.pos = next.max(from + 1).min(self.src.len());
        LexError { message: message.into(), span: (from, self.pos) }
    }

    fn text(&mut self) -> Token<'a> {
        let start = self.pos;
        let end = self.find_from(start, "<").unwrap_or(self.src.len());
        self.pos = end;
        Token::Text { raw: self.src.get(start..end).unwrap_or(""), span: (start, end) }
    }

    fn delimited(&mut self, open: &str, close: &str) -> Result<(&'a str, Span), LexError> {
        let start = self.pos;
        let body = start + open.len();
        match self.find_from(body, close) {
            Some(end) => {
                self.pos = end + close.len();
                Ok((self.src.get(body..end).unwrap_or(""), (start, self.pos)))
            }
            None => {
                self.pos = self.src.len();
                Err(LexError { message: format!("`{open}` is never closed by `{close}`"), span: (start, self.pos) })
            }
        }
    }

    fn end_tag(&mut self) -> Result<Token<'a>, LexError> {
        let start = self.pos;
        self.pos += 2;
        let Some(name) = self.name() else {
            return Err(self.recover(start, "`</` must be followed by an element name"));
        };
        self.skip_space();
        if self.peek() != Some(b'>') {
            return Err(self.recover(start, format!("the end tag `</{name}` must close with `>`")));
        }
        self.pos += 1;
        Ok(Token::End { name, span: (start, self.pos) })
    }

    fn start_tag(&mut self) -> Result<Token<'a>, LexError> {
        let start = self.pos;
        self.pos += 1;
        let Some(name) = self.name() else {
            return Err(self.recover(start, "a `<` in text must be written `&lt;`"));
        };
        let mut attrs = Vec::new();
        loop {
            let spaced = self.skip_space();
            match self.peek() {
                Some(b'>') => {
                    self.pos += 1;
                    return Ok(Token::Start { name, attrs, self_closing: false, span: (start, self.pos) });
                }
                Some(b'/') if self.starts_with("/>") => {
                    self.pos += 2;
                    return Ok(Token::Start { name, attrs, self_closing: true, span: (start, self.pos) });
                }
                Some(b) if is_name_start(b) && spaced => attrs.push(self.attribute(start)?),
                Some(_) => {
                    return Err(self.recover(start, format!("unexpected character in the tag `<{name}`")));
                }
                None => return Err(self.recover(start, format!("the tag `<{name}` is never closed with `>`"))),
            }
        }
    }

    fn attribute(&mut self, tag_start: usize) -> Result<Attr<'a>, LexError> {
        let start = self.pos;
        let name = self.name().unwrap_or("");
        self.skip_space();
        if self.peek() != Some(b'=') {
            return Err(self.recover(tag_start, format!("the attribute `{name}` needs a quoted value")));
        }
        self.pos += 1;
        self.skip_space();
        let quote = match self.peek() {
            Some(q @ (b'"' | b'\'')) => q,
            _ => return Err(self.recover(tag_start, format!("the value of `{name}` must be in quotes"))),
        };
        let vstart = self.pos + 1;
        let close = if quote == b'"' { "\"" } else { "'" };
        let Some(vend) = self.find_from(vstart, close) else {
            return Err(self.recover(tag_start, format!("the value of `{name}` is never closed")));
        };
        let raw = self.src.get(vstart..vend).unwrap_or("");
        if let Some(lt) = raw.find('<') {
            self.pos = vend + 1;
            let at = vstart + lt;
            return Err(self.recover(at, format!("`<` must be written `&lt;` in the value of `{name}`")));
        }
        self.pos = vend + 1;
        Ok(Attr { name, raw, span: (start, self.pos), value_span: (vstart, vend) })
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<Token<'a>, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.src.len() {
            return None;
        }
        if self.peek() != Some(b'<') {
            return Some(Ok(self.text()));
        }
        Some(if self.starts_with("<!--") {
            self.delimited("<!--", "-->").map(|(content, span)| Token::Comment { content, span })
        } else if self.starts_with("<![CDATA[") {
            self.delimited("<![CDATA[", "]]>").map(|(content, span)| Token::Cdata { content, span })
        } else if self.starts_with("<?") {
            self.delimited("<?", "?>").map(|(_, span)| Token::Declaration { span })
        } else if self.starts_with("<!") {
            self.delimited("<!", ">").map(|(_, span)| Token::Declaration { span })
        } else if self.starts_with("</") {
            self.end_tag()
        } else {
            self.start_tag()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per token: enough to see how the text was cut.
    fn check(src: &str, expected: &[&str]) {
        let got: Vec<String> = Lexer::new(src)
            .map(|t| match t {
                Ok(Token::Start { name, attrs, self_closing, span }) => {
                    let a: Vec<String> = attrs.iter().map(|a| format!("{}={}", a.name, a.raw)).collect();
                    format!("start {name} [{}]{} {span:?}", a.join(" "), if self_closing { " /" } else { "" })
                }
                Ok(Token::End { name, span }) => format!("end {name} {span:?}"),
                Ok(Token::Text { raw, .. }) => format!("text {raw:?}"),
                Ok(Token::Comment { content, .. }) => format!("comment {content:?}"),
                Ok(Token::Cdata { content, .. }) => format!("cdata {content:?}"),
                Ok(Token::Declaration { span }) => format!("decl {span:?}"),
                Err(e) => format!("error {} {:?}", e.message, e.span),
            })
            .collect();
        assert_eq!(got, expected, "{src}");
    }

    #[test]
    fn tags_attributes_and_text() {
        check(
            r#"<div xmlns="x"><p class='a b'>Hi &amp; bye</p><br/></div>"#,
            &[
                "start div [xmlns=x] (0, 15)",
                "start p [class=a b] (15, 30)",
                "text \"Hi &amp; bye\"",
                "end p (42, 46)",
                "start br [] / (46, 51)",
                "end div (51, 57)",
            ],
        );
    }

    #[test]
    fn comments_cdata_and_declarations() {
        check(
            "<!-- c --><![CDATA[<b>]]><?pi x?><!DOCTYPE html>",
            &["comment \" c \"", "cdata \"<b>\"", "decl (25, 33)", "decl (33, 48)"],
        );
    }

    #[test]
    fn errors_recover_at_the_next_tag() {
        check(
            "<p a=b>x</p><p a=\"<\">y</p>< z<i>",
            &[
                "error the value of `a` must be in quotes (0, 7)",
                "text \"x\"",
                "end p (8, 12)",
                "error `<` must be written `&lt;` in the value of `a` (18, 21)",
                "text \"y\"",
                "end p (22, 26)",
                "error a `<` in text must be written `&lt;` (26, 29)",
                "start i [] (29, 32)",
            ],
        );
        check("<p", &["error the tag `<p` is never closed with `>` (0, 2)"]);
        check("<p a=\"1\"b=\"2\">", &["error unexpected character in the tag `<p` (0, 14)"]);
        check("</p x>", &["error the end tag `</p` must close with `>` (0, 6)"]);
        check("<!-- open", &["error `<!--` is never closed by `-->` (0, 9)"]);
        check("<p é=\"1\">", &["start p [é=1] (0, 10)"]);
    }
}
