//! What the portal's task tracker shows for a resource: its status, the statuses it may move to
//! and by whom, and why every other status is closed. Serializable, so the portal and the JS API
//! render it as it is.

use serde::Serialize;
use serde_json::Value as J;

use super::demands::demands_of;
use super::tables::machine;
use super::transition::shortest_path;
use super::{ResourceType, Role, Workflow};

/// A status the resource may move to next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Next {
    pub status: &'static str,
    pub by: Vec<Role>,
    /// Why the edge exists.
    pub note: &'static str,
    /// What moving there asks of the resource.
    pub demands: Vec<&'static str>,
}

/// A status the resource may not move to now, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Closed {
    pub status: &'static str,
    pub reason: String,
}

/// The tracker's view of one status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    pub resource_type: ResourceType,
    pub workflow: Workflow,
    pub status: &'static str,
    pub meaning: &'static str,
    pub terminal: bool,
    pub used: bool,
    /// The side looking, when given: moves open to other sides are then closed for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    pub next: Vec<Next>,
    pub closed: Vec<Closed>,
}

/// The view of `status`; `None` when it is not a code of the resource's value set.
pub fn status_view(resource: ResourceType, workflow: Workflow, status: &str, role: Option<Role>) -> Option<StatusView> {
    let m = machine(resource, workflow);
    let here = m.status(status)?;
    let mut next = Vec::new();
    let mut closed = Vec::new();
    for s in m.statuses.iter().filter(|s| s.code != here.code) {
        let edge = m.edge(here.code, s.code);
        let reason = match edge {
            _ if !s.used => format!("not used in the {} workflow {}", workflow.label(), s.why_unused()),
            Some(e) => match role {
                Some(role) if !e.by.contains(role) => {
                    format!("only {} may make this move, not the {role}", e.by.describe())
                }
                _ => {
                    let demands = demands_of(resource, s.code).map(|d| d.ask).collect();
                    next.push(Next { status: s.code, by: e.by.roles(), note: e.note, demands });
                    continue;
                }
            },
            None if !here.used => format!("`{}` is not used in the {} workflow", here.code, workflow.label()),
            None if here.terminal => format!("`{}` is terminal", here.code),
            None => match shortest_path(m, here.code, s.code) {
                Some(path) => format!("not directly: go {}", path.join(" → ")),
                None => format!("cannot be reached from `{}`", here.code),
            },
        };
        closed.push(Closed { status: s.code, reason });
    }
    Some(StatusView {
        resource_type: resource,
        workflow,
        status: here.code,
        meaning: here.meaning,
        terminal: here.terminal,
        used: here.used,
        role,
        next,
        closed,
    })
}

/// The view of a resource's current status; `None` when it has no workflow or no known status.
pub fn resource_view(resource: &J, workflow: Workflow, role: Option<Role>) -> Option<StatusView> {
    let rt = resource.get("resourceType").and_then(J::as_str).and_then(ResourceType::parse)?;
    let status = resource.get("status").and_then(J::as_str)?;
    status_view(rt, workflow, status, role)
}
