//! The transition check: `(resource type, from, to, workflow, role)` → allowed, with issues that
//! name the from, the to and the statuses allowed from there.

use serde::Serialize;

use super::demands::demands_of;
use super::machine::Machine;
use super::tables::machine;
use super::{list_codes, ResourceType, Role, Workflow};
use crate::diag::Diagnostic;
use crate::rules::workflow as r;

/// The answer to "may this status change happen?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub allowed: bool,
    /// Why not (errors), or what the target status asks for (information).
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks one status change. An unchanged status is no transition and is allowed, unless the
/// workflow does not use it. When allowed, information issues say what the target status asks
/// of the resource (e.g. a `statusReason` for `on-hold`).
pub fn check_transition(
    resource: ResourceType,
    from: &str,
    to: &str,
    workflow: Workflow,
    role: Option<Role>,
) -> Verdict {
    let m = machine(resource, workflow);
    let expr = format!("{resource}.status");
    let mut diagnostics: Vec<Diagnostic> =
        transition_issues(m, workflow, from, to, role).into_iter().map(|d| d.with_expression(expr.clone())).collect();
    let allowed = !diagnostics.iter().any(|d| d.severity.is_error());
    if allowed && from != to {
        for d in demands_of(resource, to) {
            let msg = format!("Moving a {resource} to `{to}` {}", d.ask);
            diagnostics
                .push(Diagnostic::new(r::STATUS_DEMANDS, msg).with_expression(format!("{resource}.{}", d.element)));
        }
    }
    Verdict { allowed, diagnostics }
}

/// The error issues of a status change (no location: callers place them). Empty when allowed.
pub(crate) fn transition_issues(
    m: &Machine,
    workflow: Workflow,
    from: &str,
    to: &str,
    role: Option<Role>,
) -> Vec<Diagnostic> {
    let label = m.label(workflow);
    let rt = m.resource;
    let unknown = |code: &str| {
        Diagnostic::new(
            r::STATUS_UNKNOWN,
            format!("`{code}` is not a {rt} status; the R4 codes are {}", list_codes(&m.codes(), "and")),
        )
    };
    let (Some(f), Some(t)) = (m.status(from), m.status(to)) else {
        return [from, to].into_iter().filter(|c| m.status(c).is_none()).map(unknown).collect();
    };
    if !t.used {
        return vec![Diagnostic::new(r::STATUS_NOT_USED, format!("{label} does not use `{to}` {}", t.why_unused()))];
    }
    if from == to {
        return Vec::new();
    }
    if !f.used {
        return vec![Diagnostic::new(
            r::STATUS_NOT_USED,
            format!("{label} does not use `{from}` {}, so nothing moves from it to `{to}`", f.why_unused()),
        )
        .with_help(format!("Correct the stored status to one of {}.", list_codes(&m.start_codes(), "or")))];
    }
    let Some(edge) = m.edge(from, to) else {
        let next = m.next_codes(from);
        let msg = if f.terminal {
            format!(
                "{label} cannot move from `{from}` to `{to}`: `{from}` is terminal and may only move to {}",
                list_codes(&next, "or")
            )
        } else {
            format!(
                "{label} cannot move from `{from}` to `{to}`; from `{from}` it may move to {}",
                list_codes(&next, "or")
            )
        };
        let d = Diagnostic::new(r::TRANSITION_NOT_ALLOWED, msg);
        return vec![match shortest_path(m, from, to) {
            Some(path) => d.with_help(format!("Go step by step: {}.", path_text(&path))),
            None if f.terminal => {
                d.with_help(format!("A {rt} that is `{from}` is closed; create a new {rt} for new work."))
            }
            None => d.with_help(format!("`{to}` cannot be reached from `{from}`; check which status you meant.")),
        }];
    };
    match role {
        Some(role) if !edge.by.contains(role) => vec![Diagnostic::new(
            r::ROLE_NOT_ALLOWED,
            format!(
                "In {label}, only {} may move from `{from}` to `{to}`, not the {role}: {}",
                edge.by.describe(),
                edge.note
            ),
        )],
        _ => Vec::new(),
    }
}

/// The shortest legal path of statuses from `from` to `to` (both included), ignoring roles.
pub fn shortest_path(m: &Machine, from: &str, to: &str) -> Option<Vec<&'static str>> {
    let start = m.status(from)?.code;
    let goal = m.status(to)?.code;
    // Breadth-first over at most one visit per status: bounded by the table size.
    let mut prev: Vec<(&'static str, &'static str)> = Vec::new();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen = vec![start];
    while let Some(cur) = queue.pop_front() {
        if cur == goal && cur != start {
            break;
        }
        for e in m.edges_from(cur) {
            if !seen.contains(&e.to) {
                seen.push(e.to);
                prev.push((e.to, cur));
                queue.push_back(e.to);
            }
        }
    }
    if start == goal || !seen.contains(&goal) {
        return None;
    }
    let mut path = vec![goal];
    let mut cur = goal;
    while let Some(&(_, p)) = prev.iter().find(|(n, _)| *n == cur) {
        path.push(p);
        cur = p;
        if p == start {
            break;
        }
    }
    path.reverse();
    Some(path)
}

fn path_text(path: &[&str]) -> String {
    path.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" → ")
}
