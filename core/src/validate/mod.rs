//! The GOMS bundle validator.
//!
//! `validate` never fails: unreadable input becomes a fatal diagnostic with its position. Each
//! rule family lives in its own file and adds findings to a shared [`Ctx`].

mod bundle;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Report, Rule, Severity};
use crate::json::{Doc, Limits, ParseErrorKind, Value};
use crate::rules::json as rj;

/// What the document is expected to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Decide from the document: a transaction with a ServiceRequest is an order, with a
    /// DiagnosticReport a result; anything else is inspected.
    #[default]
    Auto,
    /// A test order transaction to submit.
    Order,
    /// A result (report) transaction to submit.
    Result,
    /// Check and render without submitting: responses, searchsets, `$graph` results, documents.
    Inspect,
}

/// Validation options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    pub mode: Mode,
    /// Raise the rules that have a stricter severity (e.g. orphans become errors).
    pub strict: bool,
}

/// Validates a JSON document given as text.
pub fn validate(src: &str, opts: &Options) -> Report {
    let mut diags = Vec::new();
    if src.starts_with('\u{feff}') {
        diags.push(Diagnostic::new(rj::BYTE_ORDER_MARK, "The document begins with a byte order mark").at_span(0, 3));
    }
    match Doc::parse_with(src, Limits::default()) {
        Err(e) => {
            let end = if matches!(e.kind, ParseErrorKind::TooLarge { .. }) { 0 } else { e.offset + 1 };
            diags.push(Diagnostic::new(rj::SYNTAX, capitalise(&e.to_string())).at_span(e.offset, end.min(src.len())));
        }
        Ok(doc) => {
            let mut ctx = Ctx { opts: *opts, out: diags };
            check_document(&doc, &mut ctx);
            diags = ctx.out;
        }
    }
    finish(diags, src)
}

/// Validates raw bytes (a file or request body): invalid UTF-8 is a fatal finding with its position.
pub fn validate_bytes(bytes: &[u8], opts: &Options) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(src) => validate(src, opts),
        Err(e) => {
            let at = e.valid_up_to();
            // Everything before the bad byte is valid UTF-8, so it can be located as text.
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let d = Diagnostic::new(rj::INVALID_UTF8, format!("Byte {at} is not valid UTF-8")).at_span(at, at);
            finish(vec![d], prefix)
        }
    }
}

fn finish(diags: Vec<Diagnostic>, src: &str) -> Report {
    let mut report = Report::new(diags);
    report.locate(src);
    report.sort();
    report
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Shared state of one validation run.
pub(crate) struct Ctx {
    pub opts: Options,
    pub out: Vec<Diagnostic>,
}

impl Ctx {
    /// The severity a rule has under the current options.
    pub fn severity(&self, rule: &'static Rule) -> Severity {
        if self.opts.strict {
            rule.strict
        } else {
            rule.severity
        }
    }

    /// Reports `rule` at the value `at`.
    pub fn emit(&mut self, rule: &'static Rule, at: Value<'_, '_>, message: impl Into<String>) {
        let sev = self.severity(rule);
        self.out.push(Diagnostic::new(rule, message).with_severity(sev).at(at));
    }

    /// Reports `rule` about the missing member `name` of the object `parent`.
    pub fn emit_missing(&mut self, rule: &'static Rule, parent: Value<'_, '_>, name: &str, message: impl Into<String>) {
        let sev = self.severity(rule);
        self.out.push(Diagnostic::new(rule, message).with_severity(sev).at_missing(parent, name));
    }
}

fn check_document(doc: &Doc<'_>, ctx: &mut Ctx) {
    for dup in doc.duplicate_members() {
        let name = dup.key().unwrap_or_default().into_owned();
        ctx.emit(rj::DUPLICATE_MEMBER, dup, format!("The member `{name}` appears more than once in this object"));
    }
    let root = doc.root();
    if !root.is_object() {
        ctx.emit(
            rj::NOT_A_RESOURCE,
            root,
            format!("The document is {}, not a FHIR resource object", root.kind().article_name()),
        );
        return;
    }
    let Some(rt) = root.get("resourceType") else {
        ctx.emit_missing(
            rj::NOT_A_RESOURCE,
            root,
            "resourceType",
            "The object has no `resourceType`, so it is not a FHIR resource",
        );
        return;
    };
    if !rt.str_is("Bundle") {
        let shown = rt.as_str().map(|s| format!("`{s}`")).unwrap_or_else(|| rt.kind().article_name().to_owned());
        ctx.emit(crate::rules::bundle::NOT_A_BUNDLE, rt, format!("The resource is a {shown}, not a Bundle"));
        return;
    }
    bundle::check(root, ctx);
}

#[cfg(test)]
mod tests;
