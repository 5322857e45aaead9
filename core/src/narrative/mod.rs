//! The R4 narrative rules (txt-1, txt-2) over a `text.div` string, as a positioned checker.
//!
//! The portal renders a narrative as HTML only when [`Narrative::is_safe`] says so, and the
//! validator reports the same findings (rule 7 of the validator). The div is read as XML, the way
//! FHIR defines it; wherever an HTML parser would read the same text differently (CDATA,
//! `<!-->`, HTML-only entities, upper-case tag names) the checker refuses it, so what passes here
//! means the same to the browser.
//!
//! Offsets are bytes within the div string as decoded from JSON; a caller that holds the JSON
//! source maps them through the string's escapes itself.

mod entities;
mod lexer;
mod safety;
mod text;

use serde::Serialize;

use crate::diag::{capitalise, Diagnostic, Rule, Severity};
use crate::rules::narrative as r;
use entities::EntityError;
use lexer::{Attr, Lexer, Span, Token};
use safety::UrlVerdict;

pub use text::plain_text;

/// The XHTML namespace the root `div` must declare.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// Deepest element nesting accepted.
pub const MAX_DEPTH: usize = 64;
/// Most findings kept for one narrative (a hostile div could otherwise yield one per byte). An
/// error is always kept if no error is kept yet, so the verdict stays right.
pub const MAX_FINDINGS: usize = 200;
/// Most attributes accepted on one tag.
pub const MAX_ATTRIBUTES: usize = 64;

/// One finding in a narrative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The rule's code, `GOM-TXT-…`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the div string.
    pub start: u32,
    pub end: u32,
    #[serde(skip)]
    rule: &'static Rule,
}

impl Finding {
    fn new(rule: &'static Rule, (start, end): Span, message: impl Into<String>) -> Finding {
        Finding {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            start: start as u32,
            end: end as u32,
            rule,
        }
    }

    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The finding as a diagnostic placed at its byte range of the div string. The validator
    /// re-places it in the JSON document.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.rule, self.message.clone()).at_span(self.start as usize, self.end as usize)
    }
}

/// The result of checking one narrative.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Narrative {
    /// Sorted by position, then code.
    pub findings: Vec<Finding>,
}

impl Narrative {
    /// True when nothing at error level was found: the div may be given to a browser as HTML.
    pub fn is_safe(&self) -> bool {
        !self.findings.iter().any(|f| f.severity.is_error())
    }
}

/// Checks a narrative `div` against txt-1 and txt-2.
pub fn check(div: &str) -> Narrative {
    let mut c = Checker {
        findings: Vec::new(),
        has_error: false,
        stack: Vec::new(),
        overflow: 0,
        root_seen: false,
        content: false,
    };
    c.scan_chars(div);
    for token in Lexer::new(div) {
        match token {
            Err(e) => c.push(r::NOT_WELL_FORMED, e.span, capitalise(&e.message)),
            Ok(t) => c.token(t),
        }
    }
    c.finish(div)
}

struct Open<'a> {
    name: &'a str,
    span: Span,
}

struct Checker<'a> {
    findings: Vec<Finding>,
    has_error: bool,
    /// Open elements, at most [`MAX_DEPTH`]; deeper ones are only counted in `overflow`.
    stack: Vec<Open<'a>>,
    overflow: usize,
    root_seen: bool,
    /// txt-2: some non-whitespace text or an image was seen inside the root.
    content: bool,
}

impl<'a> Checker<'a> {
    fn push(&mut self, rule: &'static Rule, span: Span, message: impl Into<String>) {
        let error = rule.severity.is_error();
        if self.findings.len() < MAX_FINDINGS || (error && !self.has_error) {
            self.has_error |= error;
            self.findings.push(Finding::new(rule, span, message));
        }
    }

    /// Characters XML never allows, wherever they are.
    fn scan_chars(&mut self, div: &str) {
        for (i, ch) in div.char_indices().filter(|(_, ch)| !entities::is_xml_char(*ch)) {
            let msg = format!("The character U+{:04X} is not allowed in XML", ch as u32);
            self.push(r::NOT_WELL_FORMED, (i, i + ch.len_utf8()), msg);
        }
    }

    fn decode(&mut self, raw: &str, base: usize) -> String {
        let mut errors = Vec::new();
        let out = entities::decode(raw, base, &mut errors);
        for e in errors {
            match e {
                EntityError::Malformed(span) => self.push(
                    r::NOT_WELL_FORMED,
                    span,
                    "A bare `&` must be written `&amp;`, and a reference ends with `;`",
                ),
                EntityError::BadChar(span) => {
                    self.push(r::NOT_WELL_FORMED, span, "The character reference names a character XML does not allow")
                }
                EntityError::Undefined(name, span) => {
                    self.push(r::UNDEFINED_ENTITY, span, format!("The entity `&{name};` is not defined in XML"))
                }
            }
        }
        out
    }

    fn token(&mut self, t: Token<'a>) {
        match t {
            Token::Text { raw, span } => {
                let text = self.decode(raw, span.0);
                if raw.contains("]]>") {
                    self.push(r::NOT_WELL_FORMED, span, "`]]>` must be written `]]&gt;` in text");
                }
                if !text.trim().is_empty() {
                    if self.stack.is_empty() {
                        self.push(r::ROOT, span, "Text outside the root `div`");
                    } else {
                        self.content = true;
                    }
                }
            }
            Token::Comment { content, span } => {
                if content.contains("--") || content.ends_with('-') {
                    self.push(r::NOT_WELL_FORMED, span, "A comment must not contain `--` or end with `-`");
                }
                if content.starts_with('>') || content.starts_with("->") {
                    // HTML ends the comment at `<!-->`, so what follows would be live markup.
                    self.push(
                        r::MARKUP_DECLARATION,
                        span,
                        "A comment beginning `<!-->` or `<!--->` ends early in HTML",
                    );
                }
            }
            Token::Cdata { span, .. } => {
                self.push(r::MARKUP_DECLARATION, span, "A CDATA section is read as markup by HTML parsers")
            }
            Token::Declaration { span } => {
                self.push(r::MARKUP_DECLARATION, span, "DOCTYPE and processing instructions are not allowed")
            }
            Token::Start { name, attrs, self_closing, span } => self.start(name, &attrs, self_closing, span),
            Token::End { name, span } => self.end(name, span),
        }
    }

    fn start(&mut self, name: &'a str, attrs: &[Attr<'a>], self_closing: bool, span: Span) {
        if self.stack.is_empty() {
            self.root(name, attrs, span);
        } else if let Some(ns) = attrs.iter().find(|a| a.name == "xmlns") {
            let v = self.decode(ns.raw, ns.value_span.0);
            if v != XHTML_NS {
                self.push(r::ROOT, ns.span, format!("The element `{name}` is in the namespace `{v}`, not XHTML"));
            }
        }
        if let Some(rule) = safety::dangerous_element(name) {
            self.push(rule, span, format!("The element `{name}` is not allowed in a narrative"));
        } else if !safety::element_allowed(name) {
            self.push(r::ELEMENT_NOT_ALLOWED, span, format!("The element `{name}` is not allowed in a narrative"));
        }
        self.attributes(name, attrs);
        if name == "img" {
            self.content = true;
        }
        if self_closing {
            return;
        }
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(Open { name, span });
        } else {
            if self.overflow == 0 {
                self.push(r::TOO_DEEP, span, format!("Elements are nested more than {MAX_DEPTH} levels deep"));
            }
            self.overflow += 1;
        }
    }

    fn root(&mut self, name: &str, attrs: &[Attr<'a>], span: Span) {
        if self.root_seen {
            self.push(r::ROOT, span, "A second element after the root `div`");
            return;
        }
        self.root_seen = true;
        if name != "div" {
            self.push(r::ROOT, span, format!("The root element is `{name}`, not `div`"));
        }
        match attrs.iter().find(|a| a.name == "xmlns") {
            None => self.push(r::ROOT, span, format!("The root `div` does not declare `xmlns=\"{XHTML_NS}\"`")),
            Some(a) => {
                let v = self.decode(a.raw, a.value_span.0);
                if v != XHTML_NS {
                    self.push(r::ROOT, a.span, format!("The root's namespace is `{v}`, not `{XHTML_NS}`"));
                }
            }
        }
    }

    fn attributes(&mut self, element: &str, attrs: &[Attr<'a>]) {
        // A linear scan over the names seen so far: real tags have a handful of attributes, and a
        // tag with more than MAX_ATTRIBUTES is refused before the scan can grow quadratic.
        if attrs.len() > MAX_ATTRIBUTES {
            let span = (attrs.first().map_or(0, |a| a.span.0), attrs.last().map_or(0, |a| a.span.1));
            self.push(r::NOT_WELL_FORMED, span, format!("A tag has more than {MAX_ATTRIBUTES} attributes"));
        }
        let mut seen: Vec<&str> = Vec::with_capacity(attrs.len().min(MAX_ATTRIBUTES));
        for a in attrs {
            if seen.len() < MAX_ATTRIBUTES {
                if seen.contains(&a.name) {
                    self.push(r::NOT_WELL_FORMED, a.span, format!("The attribute `{}` appears twice", a.name));
                } else {
                    seen.push(a.name);
                }
            }
            let value = self.decode(a.raw, a.value_span.0);
            let lower = a.name.to_ascii_lowercase();
            let local = lower.rsplit(':').next().unwrap_or(&lower);
            if local.starts_with("on") && !a.name.starts_with("xmlns") {
                self.push(r::EVENT_HANDLER, a.span, format!("The event-handler attribute `{}` runs script", a.name));
            } else if !safety::attribute_allowed(element, a.name) {
                self.push(
                    r::ATTRIBUTE_NOT_ALLOWED,
                    a.span,
                    format!("The attribute `{}` is not allowed on `{element}`", a.name),
                );
            } else if a.name == "style" {
                if let Some(why) = safety::check_style(&value) {
                    self.push(r::UNSAFE_STYLE, a.value_span, capitalise(&why));
                }
            } else if safety::is_url_attribute(element, a.name) {
                self.url(element, a, &value);
            }
        }
    }

    fn url(&mut self, element: &str, a: &Attr<'a>, value: &str) {
        match safety::check_url(element, a.name, value) {
            UrlVerdict::Fine => {}
            UrlVerdict::Unsafe(why) => self.push(r::UNSAFE_URL, a.value_span, format!("`{element}.{}`: {why}", a.name)),
            UrlVerdict::External => self.push(
                r::EXTERNAL_IMAGE,
                a.value_span,
                "The image is loaded from another site when the narrative is shown",
            ),
            UrlVerdict::UnknownScheme(s) => {
                self.push(r::UNKNOWN_SCHEME, a.value_span, format!("`{s}:` is not a URL scheme readers can open"))
            }
        }
    }

    fn end(&mut self, name: &str, span: Span) {
        if self.overflow > 0 {
            // Beyond the depth limit, end tags are taken to match (already an error).
            self.overflow -= 1;
            return;
        }
        match self.stack.iter().rposition(|o| o.name == name) {
            Some(at) => {
                // The innermost element left open is reported at its start.
                if let Some(open) = self.stack.last().filter(|_| at + 1 < self.stack.len()) {
                    let msg = format!("`<{}>` is not closed before `</{name}>`", open.name);
                    let open_span = open.span;
                    self.push(r::NOT_WELL_FORMED, open_span, msg);
                }
                self.stack.truncate(at);
            }
            None => self.push(r::NOT_WELL_FORMED, span, format!("`</{name}>` closes no open element")),
        }
    }

    fn finish(mut self, div: &str) -> Narrative {
        let unclosed = self.stack.len() + self.overflow;
        if let Some(open) = self.stack.first() {
            let msg = match unclosed {
                1 => format!("`<{}>` is never closed", open.name),
                n => format!("`<{}>` is never closed, nor {} elements inside it", open.name, n - 1),
            };
            let open_span = open.span;
            self.push(r::NOT_WELL_FORMED, open_span, msg);
        }
        let whole = (0, div.len());
        if !self.root_seen {
            self.push(r::ROOT, whole, format!("The narrative has no root `<div xmlns=\"{XHTML_NS}\">`"));
        }
        if !self.content {
            self.push(r::NO_CONTENT, whole, "The narrative has no text (txt-2)");
        }
        let mut findings = self.findings;
        crate::sort::sort_by(&mut findings, |a, b| (a.start, a.code, a.end).cmp(&(b.start, b.code, b.end)));
        Narrative { findings }
    }
}

#[cfg(test)]
mod tests;
