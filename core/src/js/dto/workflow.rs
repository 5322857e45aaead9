//! The workflow rules at the boundary: transitions, updates, cascades and the tracker's view.

use serde::{Deserialize, Serialize};

use super::Issue;
use crate::workflow::{self, Role, Workflow};

/// `checkTransition` and `statusView` options: under which rulebook, and who is moving.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TransitionOptions {
    pub workflow: Workflow,
    pub role: Option<Role>,
}

/// `checkUpdate` options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct UpdateOptions {
    pub workflow: Workflow,
    pub role: Option<Role>,
    /// ODS code of the organisation making the change.
    pub actor: Option<String>,
}

impl From<UpdateOptions> for workflow::UpdateOptions {
    fn from(o: UpdateOptions) -> workflow::UpdateOptions {
        workflow::UpdateOptions { workflow: o.workflow, role: o.role, actor: o.actor }
    }
}

/// `planCascade` options: the instant written into the updated Tasks' `lastModified`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CascadeOptions {
    pub now: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TransitionResult {
    pub allowed: bool,
    pub issues: Vec<Issue>,
}

/// One Task change GOMS makes when its ServiceRequest changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskUpdate {
    pub index: usize,
    pub id: Option<String>,
    pub code: Option<String>,
    pub from: String,
    pub action: &'static str,
    pub to: Option<&'static str>,
    pub status_reason: Option<&'static str>,
    pub reason: String,
    /// The Task as updated (status, statusReason, lastModified); `null` for a lab closure.
    pub task: Option<serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CascadePlan {
    pub service_request: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub updates: Vec<TaskUpdate>,
    pub issues: Vec<Issue>,
}

impl CascadePlan {
    /// The plan, with each update applied to its Task at `now`.
    pub fn new(plan: &workflow::CascadePlan, tasks: &[&serde_json::Value], now: &str) -> CascadePlan {
        let updates = plan
            .updates
            .iter()
            .map(|u| TaskUpdate {
                index: u.index,
                id: u.id.clone(),
                code: u.code.clone(),
                from: u.from.clone(),
                action: match u.action {
                    workflow::CascadeAction::Cancel => "cancel",
                    workflow::CascadeAction::EnteredInError => "entered-in-error",
                    workflow::CascadeAction::LabClosure => "lab-closure",
                },
                to: u.to,
                status_reason: u.status_reason,
                reason: u.reason.clone(),
                task: tasks.get(u.index).and_then(|t| u.apply(t, now)),
            })
            .collect();
        CascadePlan {
            service_request: plan.service_request.clone(),
            from: plan.from.clone(),
            to: plan.to.clone(),
            updates,
            issues: super::issues(&plan.diagnostics),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextStatus {
    pub status: &'static str,
    pub by: Vec<&'static str>,
    pub note: &'static str,
    pub demands: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClosedStatus {
    pub status: &'static str,
    pub reason: String,
}

/// What a task tracker shows for a status.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    pub resource_type: &'static str,
    pub workflow: &'static str,
    pub status: &'static str,
    pub meaning: &'static str,
    pub terminal: bool,
    pub used: bool,
    pub role: Option<&'static str>,
    pub next: Vec<NextStatus>,
    pub closed: Vec<ClosedStatus>,
}

impl From<&workflow::StatusView> for StatusView {
    fn from(v: &workflow::StatusView) -> StatusView {
        StatusView {
            resource_type: v.resource_type.as_str(),
            workflow: v.workflow.as_str(),
            status: v.status,
            meaning: v.meaning,
            terminal: v.terminal,
            used: v.used,
            role: v.role.map(Role::as_str),
            next: v
                .next
                .iter()
                .map(|n| NextStatus {
                    status: n.status,
                    by: n.by.iter().map(|r| r.as_str()).collect(),
                    note: n.note,
                    demands: n.demands.clone(),
                })
                .collect(),
            closed: v.closed.iter().map(|c| ClosedStatus { status: c.status, reason: c.reason.clone() }).collect(),
        }
    }
}
