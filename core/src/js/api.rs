//! The JS API as plain Rust: text and typed options in, boundary types out. The wasm-bindgen
//! layer only converts arguments and results, so everything here runs natively too, and the
//! native parity run produces exactly what the Wasm build must.

use serde_json::Value as J;

use super::dto::{self, Issue, ValidationResult};
use crate::compose::{self, Catalogue, IdGen};
use crate::criteria::{self, AttrValue, Attributes, Dialect, Program};
use crate::diag::{Diagnostic, Report, Severity};
use crate::events;
use crate::json::{Doc, Limits};
use crate::rules::json as rj;
use crate::validate::{Mode, Options};
use crate::workflow::{self, ResourceType};

/// Validates a bundle: `{ valid, issues }`, issues placed in `src`.
pub fn validate(src: &str, opts: &Options) -> ValidationResult {
    ValidationResult::located(&crate::validate::validate(src, opts), src)
}

/// The findings on a bundle as an R4 OperationOutcome.
pub fn operation_outcome(src: &str, opts: &Options) -> J {
    crate::validate::validate(src, opts).to_operation_outcome()
}

/// What the GOMS broker answers the bundle as a transaction: a `transaction-response` with one
/// OperationOutcome per entry (or the OperationOutcome alone when the document has no entries).
pub fn transaction_response(src: &str, opts: &Options, last_updated: Option<&str>) -> J {
    transaction_response_of(&crate::validate::validate(src, opts), src, last_updated)
}

/// [`transaction_response`] from the report on `src` already made (by a reused `Validator`).
pub fn transaction_response_of(report: &Report, src: &str, last_updated: Option<&str>) -> J {
    let entries = Doc::parse_with(src, Limits::default())
        .ok()
        .and_then(|d| d.root().get("entry").filter(|e| e.is_array()).map(|e| e.len()))
        .unwrap_or(0);
    report.to_transaction_response(entries, last_updated)
}

fn resource_type(name: &str) -> Result<ResourceType, String> {
    ResourceType::parse(name).ok_or_else(|| {
        let names: Vec<&str> = ResourceType::ALL.iter().map(|r| r.as_str()).collect();
        format!("`{name}` has no status workflow; use one of {}", names.join(", "))
    })
}

/// May a resource move from `from` to `to`? Err only for a resource type with no workflow.
pub fn check_transition(
    rt: &str,
    from: &str,
    to: &str,
    opts: dto::TransitionOptions,
) -> Result<dto::TransitionResult, String> {
    let v = workflow::check_transition(resource_type(rt)?, from, to, opts.workflow, opts.role);
    Ok(dto::TransitionResult { allowed: v.allowed, issues: dto::issues(&v.diagnostics) })
}

/// The tracker's view of a status; `None` when the status is not a code of the resource's.
pub fn status_view(rt: &str, status: &str, opts: dto::TransitionOptions) -> Result<Option<dto::StatusView>, String> {
    let v = workflow::status_view(resource_type(rt)?, opts.workflow, status, opts.role);
    Ok(v.as_ref().map(dto::StatusView::from))
}

/// Checks an update of a resource: issues placed in the updated text (stored-version findings
/// carry their line and column in the stored text).
pub fn check_update(before: &str, after: &str, opts: dto::UpdateOptions) -> ValidationResult {
    let report = workflow::check_update(before, after, &opts.into());
    ValidationResult::located(&report, after)
}

/// A JSON value of an argument, or a fatal finding saying which argument is not JSON, with its
/// line and column. Read with the `Doc` reader (`jsonvalue`), so no serde deserializer, and the
/// float formatting its error messages bring, is in the Wasm.
// The finding is large, but it is the rare path and goes straight into a result: boxing it would
// only add an allocation and code.
#[allow(clippy::result_large_err)]
fn parse_json(src: &str, what: &str) -> Result<J, Diagnostic> {
    let fail = |offset: usize, msg: String| {
        let (line, column) = crate::json::LineIndex::new(src).locate(src, offset);
        let mut d = Diagnostic::new(rj::SYNTAX, msg);
        d.line = Some(line);
        d.column = Some(column);
        d
    };
    match Doc::parse_with(src, Limits { max_depth: crate::jsonvalue::MAX_DEPTH, ..Limits::default() }) {
        Err(e) => Err(fail(e.offset, format!("The {what} is not JSON: {e}"))),
        Ok(doc) => crate::jsonvalue::convert(&doc.root())
            .ok_or_else(|| fail(0, format!("The {what} has a number outside the range of a double"))),
    }
}

/// Plans the Task updates for a ServiceRequest change; each update's Task is applied at `now`.
pub fn plan_cascade(before: &str, after: &str, tasks: &str, now: &str) -> dto::CascadePlan {
    let parsed = (
        parse_json(before, "stored ServiceRequest"),
        parse_json(after, "updated ServiceRequest"),
        parse_json(tasks, "list of Tasks"),
    );
    match parsed {
        (Ok(b), Ok(a), Ok(t)) => {
            let tasks = workflow::tasks_of(&t);
            dto::CascadePlan::new(&workflow::plan_cascade(&b, &a, &tasks), &tasks, now)
        }
        (b, a, t) => {
            let diags: Vec<Diagnostic> = [b.err(), a.err(), t.err()].into_iter().flatten().collect();
            let plan = workflow::CascadePlan { diagnostics: diags, ..workflow::CascadePlan::default() };
            dto::CascadePlan::new(&plan, &[], now)
        }
    }
}

/// A compiled criteria. One that does not parse still answers: it matches nothing, evaluates
/// to a `parse` error and lints to its syntax error.
pub struct Criteria {
    src: String,
    dialect: Dialect,
    program: Option<Program>,
}

impl Criteria {
    pub fn compile(src: &str, opts: dto::CriteriaOptions) -> Criteria {
        let program = criteria::compile(src, opts.dialect).ok();
        Criteria { src: src.to_owned(), dialect: opts.dialect, program }
    }

    pub fn source(&self) -> &str {
        &self.src
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// True when the criteria parsed.
    pub fn ok(&self) -> bool {
        self.program.is_some()
    }

    /// Lints the criteria: the syntax error, or what MNS would refuse and what can never match.
    pub fn lint(&self) -> ValidationResult {
        lint_criteria(&self.src, dto::CriteriaOptions { dialect: self.dialect })
    }

    /// True when a subscription with this criteria would deliver the event.
    pub fn matches(&self, event: &str) -> bool {
        match (&self.program, event_attributes(event)) {
            (Some(p), Ok(attrs)) => p.matches(&attrs),
            _ => false,
        }
    }

    /// Evaluates against an event: its value, CESQL errors, and any finding reading the event.
    pub fn evaluate(&self, event: &str) -> dto::Evaluation {
        let (attrs, issues) = match event_attributes(event) {
            Ok(a) => (a, Vec::new()),
            Err(issues) => (Attributes::new(), issues),
        };
        let e = match &self.program {
            Some(p) => p.evaluate(&attrs),
            None => criteria::Evaluation::parse_error(),
        };
        let mut out = dto::Evaluation::from(&e);
        out.matched &= issues.is_empty();
        out.issues = issues;
        out
    }
}

/// The attributes of an event (a CloudEvent, an MNS FHIR notification, or a plain object of
/// attribute values), or the fatal findings of reading it.
pub fn event_attributes(src: &str) -> Result<Attributes, Vec<Issue>> {
    if let Ok(doc) = Doc::parse_with(src, Limits::default()) {
        let root = doc.root();
        let is_event = root.get("specversion").is_some() || root.get_str("resourceType").as_deref() == Some("Bundle");
        if root.is_object() && !is_event {
            let mut a = Attributes::new();
            for (k, v) in root.members() {
                a.set(&k, AttrValue::from_json(&v.to_serde()));
            }
            return Ok(a);
        }
    }
    let checked = events::check(src);
    let fatal = |r: &Report| r.diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    match checked.event {
        Some(ev) if !fatal(&checked.report) => Ok(ev.attributes()),
        _ => {
            let mut r = checked.report;
            r.diagnostics.retain(|d| d.severity.is_error());
            Err(dto::issues_in(src, &r.diagnostics))
        }
    }
}

/// Lints a criteria; issues are placed in the criteria text.
pub fn lint_criteria(src: &str, opts: dto::CriteriaOptions) -> ValidationResult {
    ValidationResult::located(&criteria::lint_with(src, opts.dialect), src)
}

fn is_orders_event(src: &str) -> bool {
    Doc::parse_with(src, Limits::default())
        .ok()
        .and_then(|d| d.root().get_str("type").map(|t| t.starts_with("clinical.orders.")))
        .unwrap_or(false)
}

/// Checks an event in any form; `event` is its CloudEvent reading.
pub fn check_event(src: &str) -> dto::EventCheck {
    if is_orders_event(src) {
        let r = events::orders::check(src);
        return dto::EventCheck {
            valid: !r.has_errors(),
            form: Some("orders"),
            event: None,
            issues: dto::issues_in(src, &r.diagnostics),
        };
    }
    convert(src, Some("cloudevent"), None)
}

/// Converts an event to the form `to` (`cloudevent` or `fhir`); Err for any other `to`.
pub fn convert_event(src: &str, to: &str, opts: &dto::EventOptions) -> Result<dto::EventCheck, String> {
    if to != "cloudevent" && to != "fhir" {
        return Err(format!("`to` must be \"cloudevent\" or \"fhir\", not `{to}`"));
    }
    Ok(convert(src, Some(to), opts.entry_id.as_deref()))
}

fn convert(src: &str, to: Option<&str>, entry_id: Option<&str>) -> dto::EventCheck {
    let c = events::check(src);
    let fatal = c.report.diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    let event = c.event.as_ref().filter(|_| !fatal).and_then(|ev| match to {
        Some("fhir") => Some(events::to_fhir(ev, entry_id)),
        Some(_) => Some(events::to_cloudevent(ev)),
        None => None,
    });
    dto::EventCheck {
        valid: !c.report.has_errors(),
        form: c.form.map(|f| match f {
            events::Form::CloudEvent => "cloudevent",
            events::Form::Fhir => "fhir",
        }),
        event,
        issues: dto::issues_in(src, &c.report.diagnostics),
    }
}

/// The graph of a Bundle, with UTF-16 offsets of its entries in `src`.
pub fn bundle_graph(src: &str) -> dto::Graph {
    dto::Graph::new(&crate::graph::graph(src), src)
}

/// The graph of a Bundle as SVG text.
pub fn render_graph_svg(src: &str, opts: dto::SvgOptions) -> String {
    crate::graph::svg(&crate::graph::graph(src), &opts.into())
}

/// Checks a narrative `div` (R4 txt-1, txt-2): `valid` when it is safe to show as HTML.
pub fn check_narrative(div: &str) -> ValidationResult {
    let n = crate::narrative::check(div);
    let mut r = Report::new(n.findings.iter().map(|f| f.to_diagnostic()).collect());
    r.locate(div);
    ValidationResult { valid: n.is_safe(), issues: dto::issues_in(div, &r.diagnostics) }
}

/// Each finding with its draft field (the expression of a draft check is the field's path).
fn draft_issues(diags: &[Diagnostic]) -> Vec<Issue> {
    let mut out = dto::issues(diags);
    for i in &mut out {
        i.field = i.expression.clone();
    }
    out
}

/// Findings on reading the draft text, placed in it, each with its field.
fn draft_issues_in(src: &str, diags: &[Diagnostic]) -> Vec<Issue> {
    let mut out = dto::issues_in(src, diags);
    for i in &mut out {
        i.field = i.expression.clone().filter(|e| !e.is_empty());
    }
    out
}

/// The field checks of a draft, at `now`.
pub fn check_draft(src: &str, now: &str) -> ValidationResult {
    match dto::read_draft(src) {
        Ok(d) => ValidationResult::from_issues(draft_issues(&compose::check_draft(&d, now))),
        Err(r) => ValidationResult::from_issues(draft_issues_in(src, &r.diagnostics)),
    }
}

/// Composes a draft into a transaction Bundle, with the draft's checks and the validator's
/// findings on the bundle, each mapped to the draft field to show it beside.
pub fn compose_order(src: &str, now: &str, ids: &mut dyn IdGen) -> dto::ComposeResult {
    let draft = match dto::read_draft(src) {
        Ok(d) => d,
        Err(r) => {
            let issues = draft_issues_in(src, &r.diagnostics);
            return dto::ComposeResult { valid: false, bundle: None, fields: None, issues, bundle_issues: Vec::new() };
        }
    };
    let issues = draft_issues(&compose::check_draft(&draft, now));
    let composed = compose::compose_with(&draft, &Catalogue::builtin(), ids, now);
    let text = serde_json::to_string(&composed.bundle).unwrap_or_default();
    let report = crate::validate::validate(&text, &Options { mode: Mode::Order, strict: false });
    let mut bundle_issues = dto::issues_in(&text, &report.diagnostics);
    for (i, d) in bundle_issues.iter_mut().zip(&report.diagnostics) {
        i.field = composed.fields.field_for_diagnostic(d).map(str::to_owned);
    }
    let valid = !report.has_errors() && !issues.iter().any(|i| matches!(i.severity, "fatal" | "error"));
    dto::ComposeResult { valid, bundle: Some(composed.bundle), fields: Some(composed.fields), issues, bundle_issues }
}
