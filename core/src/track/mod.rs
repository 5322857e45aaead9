//! Following an order: the Tasks GOMS and the labs keep on it, read from a `searchset` Bundle,
//! each with the statuses it may move to next (the workflow rules, [`crate::workflow`]), and a
//! timeline of what changed, read from the Tasks' `_history`.
//!
//! Polling is the interim way to follow an order where events are not available (seed 001); the
//! caller fetches, this module reads. Reading never fails: what is missing is left out.

mod timeline;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value as J;

use crate::workflow::{resource_view, StatusView, Workflow};

pub use timeline::{timeline, Change};

/// One Task as the tracker lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRow {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `Task.code`: its code, and a label to show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub label: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// The owner's ODS code, else its display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<String>,
    /// `Task.partOf`, when this is a sub-task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Where the status may go next, and who may move it; `None` for a status the workflow
    /// does not know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<StatusView>,
}

/// The Tasks of a search result (a `searchset` Bundle, or a single Task) in the order of the
/// genomic test process (request, sample, processing, interpretation, report), then oldest first.
pub fn tasks(json: &str) -> Vec<TaskRow> {
    let Some(v) = crate::jsonvalue::parse(json) else { return Vec::new() };
    let mut rows: Vec<TaskRow> = resources(&v).filter(|r| type_is(r, "Task")).map(row).collect();
    let stage = |r: &TaskRow| {
        let codes = crate::criteria::goms::TASK_CODES;
        r.code.as_deref().and_then(|c| codes.iter().position(|x| *x == c)).unwrap_or(codes.len())
    };
    crate::sort::sort_by(&mut rows, |a, b| (stage(a), &a.authored_on, &a.id).cmp(&(stage(b), &b.authored_on, &b.id)));
    rows
}

/// An order held by the server, for choosing which to follow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRow {
    /// `ServiceRequest/<id>`.
    pub reference: String,
    pub status: String,
    /// The test asked for.
    pub test: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<String>,
}

/// The ServiceRequests of a search result, in the order the server gave.
pub fn orders(json: &str) -> Vec<OrderRow> {
    let Some(v) = crate::jsonvalue::parse(json) else { return Vec::new() };
    resources(&v)
        .filter(|r| type_is(r, "ServiceRequest"))
        .filter_map(|r| {
            let id = text(r.get("id"))?;
            Some(OrderRow {
                reference: format!("ServiceRequest/{id}"),
                status: text(r.get("status")).unwrap_or_default(),
                test: concept(r.get("code")).1.unwrap_or_default(),
                authored_on: text(r.get("authoredOn")),
            })
        })
        .collect()
}

/// The ids of the DiagnosticReports in a search result, in the order given.
pub fn report_ids(json: &str) -> Vec<String> {
    let Some(v) = crate::jsonvalue::parse(json) else { return Vec::new() };
    resources(&v).filter(|r| type_is(r, "DiagnosticReport")).filter_map(|r| text(r.get("id"))).collect()
}

/// The tracker's view of an order's ServiceRequest (as read from the server).
pub fn order_view(json: &str) -> Option<StatusView> {
    let v = crate::jsonvalue::parse(json)?;
    let sr = resources(&v).find(|r| type_is(r, "ServiceRequest"))?;
    resource_view(sr, Workflow::Gms, None)
}

/// The resources of a Bundle's entries, or the document itself when it is a resource.
pub(crate) fn resources(v: &J) -> Box<dyn Iterator<Item = &J> + '_> {
    match v.get("resourceType").and_then(J::as_str) {
        Some("Bundle") => {
            Box::new(v.get("entry").and_then(J::as_array).into_iter().flatten().filter_map(|e| e.get("resource")))
        }
        Some(_) => Box::new(std::iter::once(v)),
        None => Box::new(std::iter::empty()),
    }
}

fn type_is(r: &J, ty: &str) -> bool {
    r.get("resourceType").and_then(J::as_str) == Some(ty)
}

fn text(v: Option<&J>) -> Option<String> {
    v.and_then(J::as_str).map(str::to_owned)
}

/// A CodeableConcept's first code and a label (text, display or code).
pub(crate) fn concept(c: Option<&J>) -> (Option<String>, Option<String>) {
    let Some(c) = c else { return (None, None) };
    let coding = c.get("coding").and_then(J::as_array).and_then(|a| a.first());
    let code = text(coding.and_then(|c| c.get("code")));
    let label = text(c.get("text")).or_else(|| text(coding.and_then(|c| c.get("display")))).or_else(|| code.clone());
    (code, label)
}

/// A Reference's identifier value, else its display, else its reference.
pub(crate) fn who(r: Option<&J>) -> Option<String> {
    let r = r?;
    text(r.get("identifier").and_then(|i| i.get("value")))
        .or_else(|| text(r.get("display")))
        .or_else(|| text(r.get("reference")))
}

fn row(t: &J) -> TaskRow {
    let (code, label) = concept(t.get("code"));
    let (business_code, business_label) = concept(t.get("businessStatus"));
    TaskRow {
        id: text(t.get("id")).unwrap_or_default(),
        version: text(t.get("meta").and_then(|m| m.get("versionId"))),
        label: text(t.get("description")).or(label).or_else(|| code.clone()).unwrap_or_else(|| "Task".to_owned()),
        code,
        status: text(t.get("status")).unwrap_or_default(),
        business_status: business_label.or(business_code),
        status_reason: concept(t.get("statusReason")).1,
        owner: who(t.get("owner")),
        last_modified: text(t.get("lastModified")),
        authored_on: text(t.get("authoredOn")),
        part_of: t.get("partOf").and_then(J::as_array).and_then(|a| a.first()).and_then(|r| who(Some(r))),
        view: resource_view(t, Workflow::Gms, None),
    }
}
