//! Task ownership (seed 003, `Task.owner`): the current owner routes and reassigns; the broker
//! auto-populates; an unowned Task is claimed by the organisation that becomes its owner; a Task
//! in a terminal status is not reassigned; the Home GLH SHOULD keep the process Task.
//!
//! The acting organisation is passed in as an ODS code ([`UpdateOptions::actor`]): gom-core has
//! no session, and in GOMS the caller's identity comes from its access token, outside FHIR.

use super::machine::StatusDef;
use super::update::UpdateOptions;
use super::{Role, Workflow};
use crate::diag::Diagnostic;
use crate::json::Value;
use crate::rules::workflow as r;

/// Both spellings of the ODS system occur (the IG fixes 's', the examples use 'z').
const ODS_SYSTEMS: &[&str] =
    &["https://fhir.nhs.uk/Id/ods-organisation-code", "https://fhir.nhs.uk/Id/ods-organization-code"];

/// A Task owner: how it compares and how a message shows it.
#[derive(Debug, PartialEq, Eq)]
struct Owner {
    key: String,
    shown: String,
}

fn owner_of(task: Value<'_, '_>) -> Option<Owner> {
    let o = task.get("owner")?;
    let ident = o.get("identifier");
    if let Some(value) = ident.and_then(|i| i.get_str("value")) {
        let system = ident.and_then(|i| i.get_str("system"));
        let key = match system.as_deref() {
            None => value.to_ascii_uppercase(),
            Some(s) if ODS_SYSTEMS.contains(&s) => value.to_ascii_uppercase(),
            Some(s) => format!("{s}|{value}"),
        };
        return Some(Owner { key, shown: value.into_owned() });
    }
    if let Some(reference) = o.get_str("reference") {
        return Some(Owner { key: reference.to_string(), shown: reference.into_owned() });
    }
    let raw = o.to_serde().to_string();
    Some(Owner { key: raw.clone(), shown: o.get_str("display").map(|d| d.into_owned()).unwrap_or(raw) })
}

pub(crate) fn check_owner(
    before: Value<'_, '_>,
    after: Value<'_, '_>,
    before_status: Option<&StatusDef>,
    opts: &UpdateOptions,
    out: &mut Vec<Diagnostic>,
) {
    let (old, new) = (owner_of(before), owner_of(after));
    if old.as_ref().map(|o| &o.key) == new.as_ref().map(|o| &o.key) {
        return;
    }
    let at = |d: Diagnostic| match after.get("owner") {
        Some(v) => d.at(v),
        None => d.at_missing(after, "owner"),
    };
    let shown = |o: &Option<Owner>| o.as_ref().map_or_else(|| "nobody".to_owned(), |o| format!("`{}`", o.shown));
    let change = format!("from {} to {}", shown(&old), shown(&new));
    if let Some(s) = before_status.filter(|s| s.terminal) {
        let help = if s.code == "rejected" && opts.workflow == Workflow::Gms {
            "In the GMS workflow a Task is reassigned by changing its owner instead of rejecting it; once rejected, new work needs a new Task."
        } else {
            "A closed Task keeps its owner; create a new Task for new work."
        };
        let msg = format!("The owner changes {change}, but the Task is `{}`, a terminal status", s.code);
        out.push(at(Diagnostic::new(r::OWNER_CHANGE_NOT_ALLOWED, msg)).with_help(help));
        return;
    }
    if opts.workflow == Workflow::Gms && old.is_some() && is_process_task(after) {
        let msg = format!("The owner of the `process-genomic-test-request` Task changes {change}");
        out.push(at(Diagnostic::new(r::PROCESS_TASK_OWNER_CHANGED, msg)));
    }
    if opts.role == Some(Role::Broker) {
        return;
    }
    let Some(actor) = opts.actor.as_deref() else {
        let msg = format!("The owner changes {change}; who made the change was not given, so it is not checked");
        out.push(at(Diagnostic::new(r::OWNER_CHANGE_UNCHECKED, msg)));
        return;
    };
    let is = |o: &Option<Owner>| o.as_ref().is_some_and(|o| o.shown.eq_ignore_ascii_case(actor));
    let msg = match &old {
        Some(o) if !is(&old) => {
            format!("Only the current owner `{}` may reassign this Task; `{actor}` changed it {change}", o.shown)
        }
        None if !is(&new) => format!(
            "An unowned Task is claimed by the organisation that becomes its owner, or assigned by the broker; `{actor}` changed it {change}"
        ),
        _ => return,
    };
    out.push(at(Diagnostic::new(r::OWNER_CHANGE_NOT_ALLOWED, msg)));
}

fn is_process_task(task: Value<'_, '_>) -> bool {
    task.path(&["code", "coding"])
        .is_some_and(|c| c.items().any(|c| c.get("code").is_some_and(|v| v.str_is("process-genomic-test-request"))))
}
