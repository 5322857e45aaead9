//! Diagnostics: what every rule of gom-core reports, as data.
//!
//! A diagnostic maps 1:1 to an `OperationOutcome.issue`. Its message text is data too (sentence
//! case, values in backticks); the help line comes from the rule's registry entry unless the
//! rule supplies a more specific one.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

use crate::json::{LineIndex, Value};

/// How bad a finding is; the order is fatal < error < warning < information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Fatal,
    Error,
    Warning,
    Information,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Fatal => "fatal",
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }

    /// Fatal and error findings make a submission fail.
    pub fn is_error(self) -> bool {
        matches!(self, Severity::Fatal | Severity::Error)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// FHIR R4 `IssueType` codes that gom-core uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueType {
    Invalid,
    Structure,
    Required,
    Value,
    Invariant,
    Security,
    NotSupported,
    Duplicate,
    NotFound,
    BusinessRule,
    CodeInvalid,
    Processing,
    TooCostly,
    Informational,
    /// A version or identity clash (HTTP 409/412 from the broker).
    Conflict,
    /// The server failed (HTTP 500).
    Exception,
}

impl IssueType {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueType::Invalid => "invalid",
            IssueType::Structure => "structure",
            IssueType::Required => "required",
            IssueType::Value => "value",
            IssueType::Invariant => "invariant",
            IssueType::Security => "security",
            IssueType::NotSupported => "not-supported",
            IssueType::Duplicate => "duplicate",
            IssueType::NotFound => "not-found",
            IssueType::BusinessRule => "business-rule",
            IssueType::CodeInvalid => "code-invalid",
            IssueType::Processing => "processing",
            IssueType::TooCostly => "too-costly",
            IssueType::Informational => "informational",
            IssueType::Conflict => "conflict",
            IssueType::Exception => "exception",
        }
    }
}

/// One rule of the registry ([`crate::rules`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, `GOM-<FAMILY>-<NNN>`; never reused.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// Severity in strict mode (the same as `severity` for most rules).
    pub strict: Severity,
    pub issue_type: IssueType,
    /// What the rule checks, one sentence.
    pub summary: &'static str,
    /// How to fix a finding, one sentence.
    pub help: &'static str,
}

/// A single finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub issue_type: IssueType,
    pub message: String,
    pub help: Cow<'static, str>,
    /// FHIRPath of the offending element, e.g. `Bundle.entry[3].resource.subject.reference`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// RFC 6901 pointer of the offending value in the JSON document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 1-based line and column (columns count Unicode characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Byte range in the source text (the JSON document, or a criteria string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
    /// Index of the `Bundle.entry` the finding belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<u32>,
}

impl Diagnostic {
    /// A finding of `rule` with the rule's default severity and help, and no location yet.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            issue_type: rule.issue_type,
            message: clip(message.into()),
            help: Cow::Borrowed(rule.help),
            expression: None,
            pointer: None,
            line: None,
            column: None,
            span: None,
            entry: None,
        }
    }

    /// Locates the finding at a JSON value: its FHIRPath, pointer, span and Bundle entry.
    /// Line and column are filled in by [`Report::locate`], once for all findings.
    pub fn at(mut self, v: Value<'_, '_>) -> Diagnostic {
        let (s, e) = v.span();
        let (expression, pointer, entry) = v.locations();
        self.expression = Some(expression);
        self.pointer = Some(pointer);
        self.span = Some((s as u32, e as u32));
        self.entry = entry;
        self
    }

    /// Locates a finding about a missing member `name` of the object `parent`: the expression
    /// names the missing element, the position is the object's.
    pub fn at_missing(self, parent: Value<'_, '_>, name: &str) -> Diagnostic {
        self.at(parent).with_missing(name)
    }

    /// [`Diagnostic::at`] with the value's locations already worked out (`Value::locations`):
    /// a rule reporting several findings at one value computes them once.
    pub fn at_located(
        mut self,
        v: Value<'_, '_>,
        expression: String,
        pointer: String,
        entry: Option<u32>,
    ) -> Diagnostic {
        let (s, e) = v.span();
        self.expression = Some(expression);
        self.pointer = Some(pointer);
        self.span = Some((s as u32, e as u32));
        self.entry = entry;
        self
    }

    /// Appends the missing member `name` to the expression and the pointer (`at_missing`).
    pub(crate) fn with_missing(mut self, name: &str) -> Diagnostic {
        if let Some(e) = self.expression.as_mut() {
            e.push('.');
            e.push_str(name);
        }
        if let Some(p) = self.pointer.as_mut() {
            p.push('/');
            p.push_str(name);
        }
        self
    }

    /// Places the finding at a byte range of a text with no JSON structure (a criteria string).
    pub fn at_span(mut self, start: usize, end: usize) -> Diagnostic {
        self.span = Some((start as u32, end as u32));
        self
    }

    pub fn with_expression(mut self, expression: impl Into<String>) -> Diagnostic {
        self.expression = Some(expression.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = help.into();
        self
    }
}

/// Longest quoted value a message keeps whole; longer ones keep their ends around an ellipsis, so
/// a 20 MB string in the input never becomes a 20 MB message.
const MAX_QUOTED: usize = 120;

/// `s` with its first character in upper case when it is an ASCII letter: messages and codes
/// start with ASCII, and ASCII case keeps Unicode's case tables out of the Wasm (the one
/// capitaliser of gom-core and the portal).
pub fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Shortens over-long `backticked` values in a message.
pub fn clip(message: String) -> String {
    if message.len() <= MAX_QUOTED * 2 {
        return message;
    }
    let mut out = String::with_capacity(MAX_QUOTED * 4);
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && part.chars().count() > MAX_QUOTED {
            let head: String = part.chars().take(MAX_QUOTED * 2 / 3).collect();
            let tail: Vec<char> = part.chars().rev().take(MAX_QUOTED / 4).collect();
            let omitted = part.chars().count() - head.chars().count() - tail.len();
            out.push_str(&head);
            out.push_str(&format!("…({omitted} characters)…"));
            out.extend(tail.into_iter().rev());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The findings of one run, in a deterministic order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(diagnostics: Vec<Diagnostic>) -> Report {
        Report { diagnostics }
    }

    /// True when any finding is an error or fatal.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity.is_error())
    }

    /// Counts per severity: (fatal, error, warning, information).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for d in &self.diagnostics {
            match d.severity {
                Severity::Fatal => c.0 += 1,
                Severity::Error => c.1 += 1,
                Severity::Warning => c.2 += 1,
                Severity::Information => c.3 += 1,
            }
        }
        c
    }

    /// Fills line and column from the spans, in one pass over the text.
    pub fn locate(&mut self, src: &str) {
        let offsets: Vec<usize> = self.diagnostics.iter().map(|d| d.span.map_or(0, |s| s.0 as usize)).collect();
        let pos = LineIndex::locate_many(src, &offsets);
        for (d, (l, c)) in self.diagnostics.iter_mut().zip(pos) {
            if d.span.is_some() {
                d.line = Some(l);
                d.column = Some(c);
            }
        }
    }

    /// Sorts by position (findings without one first), then code, then message.
    pub fn sort(&mut self) {
        crate::sort::sort_by(&mut self.diagnostics, |a, b| {
            (a.span.map(|s| s.0), a.code, &a.message).cmp(&(b.span.map(|s| s.0), b.code, &b.message))
        });
    }
}

/// `format!` for finding messages: one allocation of a typical message's size (they run to
/// 100–250 bytes), where `format!`'s estimate from the literal pieces grows the string two or
/// three times.
macro_rules! msg {
    ($($arg:tt)*) => {{
        let mut s = String::with_capacity(256);
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}
pub(crate) use msg;
