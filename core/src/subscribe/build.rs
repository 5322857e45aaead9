//! From the builder's form to a criteria string.

use serde::{Deserialize, Serialize};

use crate::criteria::goms;

/// The builder's form: which resources, and which values of their filters; a list left empty
/// does not filter. Organisation lists hold ODS codes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CriteriaForm {
    /// `Task`, `ServiceRequest` …; empty for every type.
    pub resource_type: String,
    /// Values of the resource type's status filter (`taskStatus` for a Task …).
    pub statuses: Vec<String>,
    /// Task only.
    pub business_statuses: Vec<String>,
    /// Task only.
    pub task_codes: Vec<String>,
    /// Task only: the owning organisations.
    pub owners: Vec<String>,
    pub requesters: Vec<String>,
    pub performers: Vec<String>,
}

/// A string literal, with `'` doubled as the language writes it and `\` doubled too: the
/// language reads a backslash as an escape, so a value ending in `\` would otherwise escape the
/// closing quote and let the rest of the value be read as criteria (found by fuzzing).
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// `name='v'`, or `name IN ('a','b')`; nothing for an empty list. No spaces around `=`: MNS
/// wants the criteria to begin `eventType='…'` exactly, and the rest follows suit.
fn test(name: &str, values: &[String]) -> Option<String> {
    let values: Vec<String> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).map(quote).collect();
    match values.as_slice() {
        [] => None,
        [one] => Some(format!("{name}={one}")),
        many => Some(format!("{name} IN ({})", many.join(","))),
    }
}

/// The criteria of a form: the GOMS event type, then each filter given, joined by `AND`.
/// Filters that do not apply to the chosen resource type are left out.
pub fn build(form: &CriteriaForm) -> String {
    let ty = form.resource_type.trim();
    let mut parts = vec![format!("eventType={}", quote(goms::EVENT_TYPE))];
    if !ty.is_empty() {
        parts.push(format!("resourceType={}", quote(ty)));
        if let Some(status) = goms::status_filter(ty) {
            parts.extend(test(status, &form.statuses));
        }
    }
    if ty == "Task" {
        parts.extend(test("taskBusinessStatus", &form.business_statuses));
        parts.extend(test("taskCode", &form.task_codes));
        parts.extend(test("owner", &form.owners));
    }
    parts.extend(test("requester", &form.requesters));
    parts.extend(test("performer", &form.performers));
    parts.join(" AND ")
}
