//! Conversations (seed 001): the placer requests, the filler accepts or rejects, then completes;
//! either side may reject or cancel in the exception paths. A conversation is the sequence of
//! versions of one resource, each made by one side; it is checked step by step and the first
//! illegal step is reported.
//!
//! Input is one JSON text, an array of steps oldest first, each either a resource or
//! `{"role": "placer"|"filler"|"broker", "actor": "ODS code", "resource": {...}}`; findings point
//! into that text.

use serde::Serialize;

use super::demands::check_resource;
use super::tables::machine;
use super::update::{check_update_values, UpdateOptions};
use super::{list_codes, ResourceType, Role, Workflow};
use crate::diag::{Diagnostic, Report};
use crate::json::{Doc, Limits, Value};
use crate::rules::json as rj;
use crate::rules::workflow as r;

/// The findings of one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepResult {
    pub index: usize,
    pub status: Option<String>,
    pub role: Option<Role>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A conversation checked up to its first illegal step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationReport {
    /// The steps checked, up to and including the first illegal one.
    pub steps: Vec<StepResult>,
    /// The index of the first step with an error, if any.
    pub first_illegal: Option<usize>,
    /// Problems with the input as a whole (not JSON, not an array, empty).
    pub diagnostics: Vec<Diagnostic>,
}

impl ConversationReport {
    pub fn is_legal(&self) -> bool {
        self.first_illegal.is_none() && !self.diagnostics.iter().any(|d| d.severity.is_error())
    }
}

/// Checks a conversation given as JSON text.
pub fn check_conversation(src: &str, workflow: Workflow) -> ConversationReport {
    let mut report = ConversationReport::default();
    let doc = match Doc::parse_with(src, Limits::default()) {
        Ok(doc) => doc,
        Err(e) => {
            let end = (e.offset + 1).min(src.len());
            let d = Diagnostic::new(rj::SYNTAX, format!("The conversation is not JSON: {e}")).at_span(e.offset, end);
            report.diagnostics = located(vec![d], src);
            return report;
        }
    };
    let root = doc.root();
    if !root.is_array() || root.is_empty() {
        let d =
            Diagnostic::new(r::CONVERSATION_INPUT, "The conversation must be a non-empty JSON array of steps").at(root);
        report.diagnostics = located(vec![d], src);
        return report;
    }
    let mut prev: Option<Value<'_, '_>> = None;
    for (index, item) in root.children().enumerate() {
        let mut diags = Vec::new();
        let step = read_step(item, &mut diags);
        let (role, actor, resource) = step.unwrap_or((None, None, item));
        if diags.is_empty() {
            diags = match prev {
                None => first_step(resource, workflow),
                Some(p) => {
                    let opts = UpdateOptions { workflow, role, actor };
                    check_update_values(p, resource, &opts).updated
                }
            };
        }
        let status = resource.get_str("status").map(|s| s.into_owned());
        let diagnostics = located(diags, src);
        let illegal = diagnostics.iter().any(|d| d.severity.is_error());
        report.steps.push(StepResult { index, status, role, diagnostics });
        if illegal {
            report.first_illegal = Some(index);
            break;
        }
        prev = Some(resource);
    }
    report
}

type Step<'d, 'a> = (Option<Role>, Option<String>, Value<'d, 'a>);

/// Splits a step into role, actor and resource; `None` (with findings) when it is malformed.
fn read_step<'d, 'a>(item: Value<'d, 'a>, out: &mut Vec<Diagnostic>) -> Option<Step<'d, 'a>> {
    if item.get("resourceType").is_some() {
        return Some((None, None, item));
    }
    let Some(resource) = item.get("resource").filter(|v| v.is_object()) else {
        out.push(
            Diagnostic::new(r::CONVERSATION_INPUT, "A step must be a resource or an object with `resource`").at(item),
        );
        return None;
    };
    let role = match item.get("role") {
        None => None,
        Some(v) => match v.as_str().as_deref().and_then(Role::parse) {
            Some(role) => Some(role),
            None => {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                let msg = format!("A step's `role` is one of {}", list_codes(&names, "or"));
                out.push(Diagnostic::new(r::CONVERSATION_INPUT, msg).at(v));
                return None;
            }
        },
    };
    let actor = item.get_str("actor").map(|a| a.into_owned());
    Some((role, actor, resource))
}

/// The first version stands alone: a checkable resource created in a start status.
fn first_step(resource: Value<'_, '_>, workflow: Workflow) -> Vec<Diagnostic> {
    let mut out = check_resource(resource, workflow);
    let rt = resource.get_str("resourceType").and_then(|n| ResourceType::parse(&n));
    if let (Some(rt), Some(v)) = (rt, resource.get("status")) {
        let m = machine(rt, workflow);
        let s = v.as_str().and_then(|c| m.status(&c));
        if let Some(s) = s.filter(|s| s.used && !s.start) {
            let msg = format!(
                "The conversation starts with the {rt} `{}`; {} begins in {}",
                s.code,
                m.label(workflow),
                list_codes(&m.start_codes(), "or")
            );
            out.push(Diagnostic::new(r::START_STATUS_NOT_ALLOWED, msg).at(v));
        }
    }
    out
}

fn located(diags: Vec<Diagnostic>, src: &str) -> Vec<Diagnostic> {
    let mut rep = Report::new(diags);
    rep.locate(src);
    rep.sort();
    rep.diagnostics
}
