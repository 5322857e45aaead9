//! SEAM 1: the GMS workflow and update rules on every PUT of a Task or ServiceRequest.

use gom_core::json::Doc;
use gom_core::rules::workflow as wf;
use gom_core::workflow::check_update_values;
use gom_core::{Diagnostic, Severity};
use serde_json::Value;

use super::Caller;

/// The types whose updates gom-core checks.
const CHECKED: &[&str] = &["Task", "ServiceRequest"];

/// Checks an update of `old` to `new` (same type and id, references already rewritten) made by
/// `caller`: the transition and who may take it, elements set once, `lastModified`, owner
/// changes. Findings about `new` carry an expression and pointer relative to it (for
/// [`crate::serve::fhir::locate::relocate`]); error findings reject the update with 422.
///
/// An illegal move is what GOMS answers with "unsupported state transition", and the message
/// says so in those words. Findings about the stored version (already broken before this
/// change) are warnings: the client cannot fix them with this update.
pub fn check_update(old: &Value, new: &Value, caller: &Caller) -> Vec<Diagnostic> {
    if !CHECKED.contains(&new["resourceType"].as_str().unwrap_or_default()) {
        return Vec::new();
    }
    let (before, after) = (old.to_string(), new.to_string());
    let (Ok(b), Ok(a)) = (Doc::parse(&before), Doc::parse(&after)) else { return Vec::new() };
    let found = check_update_values(b.root(), a.root(), &caller.options());
    let mut out = Vec::with_capacity(found.updated.len() + found.stored.len());
    for mut d in found.updated {
        if d.code == wf::TRANSITION_NOT_ALLOWED.code || d.code == wf::ROLE_NOT_ALLOWED.code {
            d.message = format!("Unsupported state transition: {}", d.message);
        }
        out.push(d);
    }
    for mut d in found.stored {
        if d.severity.is_error() {
            d.severity = Severity::Warning;
        }
        (d.expression, d.pointer) = (None, None);
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gom_core::workflow::Role;
    use serde_json::json;

    fn task(status: &str, modified: &str) -> Value {
        json!({"resourceType": "Task", "id": "t", "status": status, "intent": "order",
               "focus": {"reference": "ServiceRequest/s"}, "authoredOn": "2026-05-01T10:00:00Z",
               "lastModified": modified, "owner": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organisation-code", "value": "RJ1"}}})
    }

    fn check(old: &Value, new: &Value, caller: Caller, want: &[(&str, &str)]) {
        let got: Vec<(String, String)> = check_update(old, new, &caller)
            .into_iter()
            .filter(|d| d.severity.is_error())
            .map(|d| (d.code.to_owned(), d.pointer.unwrap_or_default()))
            .collect();
        let want: Vec<(String, String)> = want.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn enforces_the_gms_task_machine_for_the_caller() {
        let (t0, t1) = ("2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z");
        let lab = Caller::filler("RJ1");
        check(&task("requested", t0), &task("accepted", t1), lab.clone(), &[]);
        check(&task("requested", t0), &task("completed", t1), lab.clone(), &[("GOM-WF-001", "/status")]);
        let placer = Caller { role: Some(Role::Placer), actor: Some("RGT01".into()) };
        check(&task("requested", t0), &task("accepted", t1), placer, &[("GOM-WF-004", "/status")]);
        check(&task("requested", t0), &task("accepted", t0), lab.clone(), &[("GOM-WF-022", "/lastModified")]);
        let mut moved = task("accepted", t1);
        moved["focus"] = json!({"reference": "ServiceRequest/other"});
        check(&task("requested", t0), &moved, lab.clone(), &[("GOM-WF-021", "/focus")]);
        let d = check_update(&task("requested", t0), &task("completed", t1), &lab);
        let msg = d.iter().find(|d| d.code == "GOM-WF-001").map(|d| d.message.as_str()).unwrap_or_default();
        assert!(
            msg.starts_with(
                "Unsupported state transition: Task (GMS workflow) cannot move from `requested` to `completed`"
            ),
            "{d:?}"
        );
        let patient = json!({"resourceType": "Patient", "id": "p"});
        assert!(check_update(&patient, &patient, &lab).is_empty());
    }
}
