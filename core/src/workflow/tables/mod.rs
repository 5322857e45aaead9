//! Every state machine, as data. Checks look machines up here and never decide legality elsewhere.

mod other;
mod request;
mod task;

pub use other::{CONSENT, DIAGNOSTIC_REPORT, SPECIMEN};
pub use request::{REQUEST_GROUP, SERVICE_REQUEST};
pub use task::{GMS as TASK_GMS, R4 as TASK_R4, STARTED as TASK_STARTED};

use super::machine::Machine;
use super::{ResourceType, Workflow};

/// Every machine, in the order the snapshot lists them.
pub const ALL: &[&Machine] =
    &[&TASK_R4, &TASK_GMS, &SERVICE_REQUEST, &REQUEST_GROUP, &DIAGNOSTIC_REPORT, &SPECIMEN, &CONSENT];

/// The machine of a resource type under a workflow (non-Task machines serve both workflows).
pub fn machine(resource: ResourceType, workflow: Workflow) -> &'static Machine {
    match resource {
        ResourceType::Task => match workflow {
            Workflow::R4 => &TASK_R4,
            Workflow::Gms => &TASK_GMS,
        },
        ResourceType::ServiceRequest => &SERVICE_REQUEST,
        ResourceType::RequestGroup => &REQUEST_GROUP,
        ResourceType::DiagnosticReport => &DIAGNOSTIC_REPORT,
        ResourceType::Specimen => &SPECIMEN,
        ResourceType::Consent => &CONSENT,
    }
}

/// Renders every machine as plain text: the table a reviewer reads (and the snapshot tests hold).
pub fn render_all() -> String {
    let mut out = String::new();
    for m in ALL {
        render(m, &mut out);
    }
    out
}

fn render(m: &Machine, out: &mut String) {
    use std::fmt::Write;
    let wfs: Vec<&str> = m.workflows.iter().map(|w| w.as_str()).collect();
    let _ = writeln!(out, "== {} [{}] ({})", m.title, m.resource, wfs.join(", "));
    let _ = writeln!(out, "   source: {}", m.source);
    for s in m.statuses {
        let kind = match (s.used, s.start, s.terminal) {
            (false, _, _) => "unused",
            (_, true, _) => "start",
            (_, _, true) => "terminal",
            _ => "",
        };
        let _ = writeln!(out, "   {:<17}{:<9} {}", s.code, kind, s.meaning);
    }
    for e in m.edges {
        let by: Vec<&str> = e.by.roles().into_iter().map(|r| r.as_str()).collect();
        let mark = if e.exception.is_some() { "!" } else { " " };
        let _ = writeln!(out, "  {mark}{:>16} -> {:<17}{:<22} {}", e.from, e.to, by.join("|"), e.note);
    }
    out.push('\n');
}
