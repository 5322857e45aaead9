//! The cascade planner (domain.md §1.5, seed 003): a ServiceRequest's status change and its
//! Tasks → the Task updates GOMS makes; a RequestGroup's status from its ServiceRequests.
//!
//! It takes `serde_json` values because its caller, the broker, holds resources that way and
//! the plan points at Tasks by index and id rather than by text position.

use serde::Serialize;
use serde_json::{json, Value as J};

use super::tables::{machine, TASK_GMS};
use super::transition::transition_issues;
use super::{list_codes, ResourceType, Workflow};
use crate::diag::Diagnostic;
use crate::rules::json as rj;
use crate::rules::workflow as r;

/// The code system of the statusReason the broker sets when it cancels a Task.
pub const STATUS_REASON_SYSTEM: &str = "https://fhir.nhs.uk/CodeSystem/task-statusReason-genomics";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CascadeAction {
    /// Move the Task to `cancelled`.
    Cancel,
    /// Move the Task to `entered-in-error`.
    EnteredInError,
    /// Leave the status; the owning lab closes the Task (it is already in progress).
    LabClosure,
}

/// One planned change to one Task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskUpdate {
    /// Position of the Task in the list given.
    pub index: usize,
    pub id: Option<String>,
    pub code: Option<String>,
    pub from: String,
    pub action: CascadeAction,
    /// The status to set; `None` for lab closure.
    pub to: Option<&'static str>,
    /// The statusReason code to set (system [`STATUS_REASON_SYSTEM`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<&'static str>,
    pub reason: String,
}

impl TaskUpdate {
    /// The updated Task (status, statusReason, lastModified = `now`), or `None` when the update
    /// changes no status (lab closure).
    pub fn apply(&self, task: &J, now: &str) -> Option<J> {
        let to = self.to?;
        let mut t = task.clone();
        let o = t.as_object_mut()?;
        o.insert("status".into(), json!(to));
        if let Some(code) = self.status_reason {
            o.insert("statusReason".into(), json!({"coding": [{"system": STATUS_REASON_SYSTEM, "code": code}]}));
        }
        o.insert("lastModified".into(), json!(now));
        Some(t)
    }
}

/// The plan for one ServiceRequest change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CascadePlan {
    pub service_request: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub updates: Vec<TaskUpdate>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The Tasks in a JSON value: an array of resources, a Bundle's entries, or one Task.
pub fn tasks_of(v: &J) -> Vec<&J> {
    let is_task = |t: &&J| t.get("resourceType").and_then(J::as_str) == Some("Task");
    match v {
        J::Array(a) => a.iter().filter(is_task).collect(),
        J::Object(o) if o.get("resourceType").and_then(J::as_str) == Some("Bundle") => o
            .get("entry")
            .and_then(J::as_array)
            .map(|es| es.iter().filter_map(|e| e.get("resource")).filter(is_task).collect())
            .unwrap_or_default(),
        other => [other].into_iter().filter(is_task).collect(),
    }
}

/// Plans the Task updates for a ServiceRequest changing from `before` to `after`.
pub fn plan_cascade(before: &J, after: &J, tasks: &[&J]) -> CascadePlan {
    let mut plan = CascadePlan { service_request: str_of(after, "id"), ..CascadePlan::default() };
    let (Some(from), Some(to)) = (sr_status(before, "stored", &mut plan), sr_status(after, "updated", &mut plan))
    else {
        return plan;
    };
    plan.from = Some(from.to_owned());
    plan.to = Some(to.to_owned());
    let m = machine(ResourceType::ServiceRequest, Workflow::Gms);
    let illegal = transition_issues(m, Workflow::Gms, from, to, None);
    if !illegal.is_empty() || from == to {
        plan.diagnostics.extend(illegal.into_iter().map(|d| d.with_expression("ServiceRequest.status")));
        return plan;
    }
    let mut mine = Vec::new();
    for (index, task) in tasks.iter().enumerate() {
        let id = str_of(task, "id");
        let focus = task.pointer("/focus/reference").and_then(J::as_str);
        if let (Some(sr), Some(focus)) = (&plan.service_request, focus) {
            if !refers_to(focus, sr) {
                let msg =
                    format!("Task {} is for `{focus}`, not `ServiceRequest/{sr}`; it is left alone", shown(index, &id));
                plan.diagnostics.push(Diagnostic::new(r::TASK_OF_OTHER_REQUEST, msg).with_expression(task_expr(index)));
                continue;
            }
        }
        let status = task.get("status").and_then(J::as_str).unwrap_or_default();
        let Some(s) = TASK_GMS.status(status) else {
            let msg = format!(
                "Task {} has status `{status}`, not a Task status ({}); it is left alone",
                shown(index, &id),
                list_codes(&TASK_GMS.codes(), "or")
            );
            plan.diagnostics
                .push(Diagnostic::new(r::STATUS_UNKNOWN, msg).with_expression(task_expr(index) + ".status"));
            continue;
        };
        mine.push(Mine {
            index,
            id,
            code: task_code(task),
            status: s.code,
            terminal: s.terminal,
            started: started(task),
        });
    }
    match to {
        "revoked" => revoke(&mine, &mut plan),
        "entered-in-error" => entered_in_error(&mine, &mut plan),
        "draft" if !mine.is_empty() => {
            let msg = format!("The ServiceRequest is `draft` but has {} Task(s)", mine.len());
            plan.diagnostics
                .push(Diagnostic::new(r::TASKS_FOR_DRAFT_REQUEST, msg).with_expression("ServiceRequest.status"));
        }
        _ => {}
    }
    plan
}

/// A Task of this ServiceRequest, as the cascade sees it.
struct Mine {
    index: usize,
    id: Option<String>,
    code: Option<String>,
    status: &'static str,
    terminal: bool,
    started: bool,
}

fn revoke(tasks: &[Mine], plan: &mut CascadePlan) {
    for t in tasks.iter().filter(|t| !t.terminal) {
        let (action, to, status_reason, reason) = if t.started {
            let msg = format!(
                "Task {} is `{}`: revoking does not cancel it, its lab closes it",
                shown(t.index, &t.id),
                t.status
            );
            plan.diagnostics.push(Diagnostic::new(r::LAB_CLOSURE_NEEDED, msg).with_expression(task_expr(t.index)));
            (
                CascadeAction::LabClosure,
                None,
                None,
                "work has started: the lab closes the Task and settles reimbursement",
            )
        } else {
            (
                CascadeAction::Cancel,
                Some("cancelled"),
                Some("task-no-longer-required"),
                "the ServiceRequest was revoked before work started",
            )
        };
        plan.updates.push(update(t, action, to, status_reason, reason));
    }
}

fn entered_in_error(tasks: &[Mine], plan: &mut CascadePlan) {
    let started: Vec<String> = tasks.iter().filter(|t| t.started).map(|t| shown(t.index, &t.id)).collect();
    if !started.is_empty() {
        let msg = format!("The ServiceRequest cannot be entered in error: Task(s) {} have started", started.join(", "));
        plan.diagnostics
            .push(Diagnostic::new(r::ENTERED_IN_ERROR_AFTER_START, msg).with_expression("ServiceRequest.status"));
        return;
    }
    for t in tasks.iter().filter(|t| !t.terminal) {
        let reason = "the ServiceRequest was entered in error, so the Task should never have existed";
        plan.updates.push(update(t, CascadeAction::EnteredInError, Some("entered-in-error"), None, reason));
    }
}

fn update(
    t: &Mine,
    action: CascadeAction,
    to: Option<&'static str>,
    status_reason: Option<&'static str>,
    reason: &str,
) -> TaskUpdate {
    TaskUpdate {
        index: t.index,
        id: t.id.clone(),
        code: t.code.clone(),
        from: t.status.to_owned(),
        action,
        to,
        status_reason,
        reason: reason.to_owned(),
    }
}

/// Work has begun: in progress, done or failed, on hold after starting (an `executionPeriod.start`
/// tells an on-hold Task blocked mid-work from one blocked before it began).
fn started(task: &J) -> bool {
    let status = task.get("status").and_then(J::as_str).unwrap_or_default();
    super::tables::TASK_STARTED.contains(&status)
        || task.pointer("/executionPeriod/start").is_some_and(|v| !v.is_null())
}

fn sr_status(sr: &J, which: &str, plan: &mut CascadePlan) -> Option<&'static str> {
    let rt = sr.get("resourceType").and_then(J::as_str);
    if rt != Some("ServiceRequest") {
        let msg = format!("The {which} version is not a ServiceRequest");
        plan.diagnostics.push(Diagnostic::new(rj::NOT_A_RESOURCE, msg).with_expression("ServiceRequest"));
        return None;
    }
    let m = machine(ResourceType::ServiceRequest, Workflow::Gms);
    let Some(code) = sr.get("status").and_then(J::as_str) else {
        let msg = format!("The {which} ServiceRequest has no `status`");
        plan.diagnostics.push(Diagnostic::new(r::STATUS_MISSING, msg).with_expression("ServiceRequest.status"));
        return None;
    };
    let s = m.status(code);
    if s.is_none() {
        let msg =
            format!("`{code}` is not a ServiceRequest status; the R4 codes are {}", list_codes(&m.codes(), "and"));
        plan.diagnostics.push(Diagnostic::new(r::STATUS_UNKNOWN, msg).with_expression("ServiceRequest.status"));
    }
    s.map(|s| s.code)
}

/// True when a reference names `ServiceRequest/{id}` (relative, absolute or versioned).
fn refers_to(reference: &str, id: &str) -> bool {
    let needle = format!("ServiceRequest/{id}");
    reference == needle
        || reference.ends_with(&format!("/{needle}"))
        || reference.starts_with(&format!("{needle}/_history/"))
        || reference.contains(&format!("/{needle}/_history/"))
}

fn str_of(v: &J, name: &str) -> Option<String> {
    v.get(name).and_then(J::as_str).map(str::to_owned)
}

fn task_code(task: &J) -> Option<String> {
    task.pointer("/code/coding/0/code").and_then(J::as_str).map(str::to_owned)
}

fn shown(index: usize, id: &Option<String>) -> String {
    match id {
        Some(id) => format!("`{id}`"),
        None => format!("#{index}"),
    }
}

fn task_expr(index: usize) -> String {
    format!("Task[{index}]")
}

/// The RequestGroup status its ServiceRequests imply (§1.5): `active` while any is open;
/// `revoked` when all are revoked; `completed` when all are completed or revoked; entered in
/// error only when all are. ServiceRequests entered in error otherwise do not count. `None`
/// for no ServiceRequests or unknown codes.
pub fn request_group_status(sr_statuses: &[&str]) -> Option<&'static str> {
    let m = machine(ResourceType::ServiceRequest, Workflow::Gms);
    if sr_statuses.is_empty() || sr_statuses.iter().any(|s| m.status(s).is_none()) {
        return None;
    }
    let live: Vec<&str> = sr_statuses.iter().copied().filter(|s| *s != "entered-in-error").collect();
    Some(if live.is_empty() {
        "entered-in-error"
    } else if live.iter().any(|s| !matches!(*s, "completed" | "revoked")) {
        "active"
    } else if live.iter().all(|s| *s == "revoked") {
        "revoked"
    } else {
        "completed"
    })
}
