//! What a status asks of the resource that enters it, and the check of one resource version on
//! its own (status known and used, demands met, R4 inv-1).

use serde::Serialize;

use super::tables::machine;
use super::time::{compare_datetimes, FhirTime};
use super::{list_codes, ResourceType, Workflow};
use crate::diag::{Diagnostic, Rule};
use crate::json::Value;
use crate::rules::json as rj;
use crate::rules::workflow as r;

/// One demand of a target status.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Demand {
    #[serde(rename = "resourceType")]
    pub resource: ResourceType,
    pub status: &'static str,
    /// The element expected, as a dotted path from the resource (`executionPeriod.start`).
    pub element: &'static str,
    /// How the reminder words it, after "Moving a Task to `x` …".
    pub ask: &'static str,
    /// The rule reported when the element is missing; `None` when it is not on the resource
    /// (a Provenance), so only the reminder applies.
    #[serde(skip)]
    pub rule: Option<&'static Rule>,
}

const REASON: &str = "needs a `statusReason` saying why (a warning when missing)";

/// Every demand, as data.
pub const DEMANDS: &[Demand] = &[
    Demand {
        resource: ResourceType::Task,
        status: "on-hold",
        element: "statusReason",
        ask: REASON,
        rule: Some(r::STATUS_REASON_MISSING),
    },
    Demand {
        resource: ResourceType::Task,
        status: "rejected",
        element: "statusReason",
        ask: REASON,
        rule: Some(r::STATUS_REASON_MISSING),
    },
    Demand {
        resource: ResourceType::Task,
        status: "cancelled",
        element: "statusReason",
        ask: REASON,
        rule: Some(r::STATUS_REASON_MISSING),
    },
    Demand {
        resource: ResourceType::Task,
        status: "failed",
        element: "statusReason",
        ask: REASON,
        rule: Some(r::STATUS_REASON_MISSING),
    },
    Demand {
        resource: ResourceType::Task,
        status: "in-progress",
        element: "executionPeriod.start",
        ask: "is expected to set `executionPeriod.start`",
        rule: Some(r::EXECUTION_START_MISSING),
    },
    Demand {
        resource: ResourceType::Task,
        status: "completed",
        element: "executionPeriod.end",
        ask: "is expected to set `executionPeriod.end`",
        rule: Some(r::EXECUTION_END_MISSING),
    },
    Demand {
        resource: ResourceType::ServiceRequest,
        status: "revoked",
        element: "Provenance",
        ask:
            "SHALL be accompanied by a Provenance in the same transaction; its Tasks not yet in progress are cancelled",
        rule: None,
    },
    Demand {
        resource: ResourceType::ServiceRequest,
        status: "entered-in-error",
        element: "Provenance",
        ask: "is allowed only while none of its Tasks has started, and SHALL be accompanied by a Provenance",
        rule: None,
    },
];

/// The demands of `status` for `resource`.
pub fn demands_of(resource: ResourceType, status: &str) -> impl Iterator<Item = &'static Demand> + '_ {
    DEMANDS.iter().filter(move |d| d.resource == resource && d.status == status)
}

/// Checks one version of a resource on its own: its status is a known, used code; the
/// elements its status asks for are present; a Task's `lastModified` is not before `authoredOn`.
pub fn check_resource(root: Value<'_, '_>, workflow: Workflow) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(rt) = resource_type(root, &mut out) else { return out };
    if let Some(status) = status_of(root, rt, workflow, true, &mut out) {
        check_demands(root, rt, status, &mut out);
    }
    if rt == ResourceType::Task {
        check_inv1(root, &mut out);
    }
    out
}

/// The workflow resource type of `root`, or a finding saying why there is none.
pub(crate) fn resource_type(root: Value<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<ResourceType> {
    let Some(name) = root.get("resourceType").and_then(|v| v.as_str()) else {
        out.push(
            Diagnostic::new(rj::NOT_A_RESOURCE, "The value is not a FHIR resource object with a `resourceType`")
                .at(root),
        );
        return None;
    };
    let rt = ResourceType::parse(&name);
    if rt.is_none() {
        let at = root.get("resourceType").unwrap_or(root);
        out.push(Diagnostic::new(r::NO_STATE_MACHINE, format!("`{name}` has no status workflow here")).at(at));
    }
    rt
}

/// The resource's status when it is a known code of its machine and used by the workflow.
pub(crate) fn status_of(
    root: Value<'_, '_>,
    rt: ResourceType,
    workflow: Workflow,
    report_unused: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<&'static str> {
    let m = machine(rt, workflow);
    let Some(v) = root.get("status") else {
        out.push(Diagnostic::new(r::STATUS_MISSING, format!("The {rt} has no `status`")).at_missing(root, "status"));
        return None;
    };
    let Some(code) = v.as_str() else {
        let kind = v.kind().article_name();
        out.push(Diagnostic::new(r::STATUS_MISSING, format!("The {rt}'s `status` is {kind}, not a code")).at(v));
        return None;
    };
    let Some(s) = m.status(&code) else {
        let msg = format!("`{code}` is not a {rt} status; the R4 codes are {}", list_codes(&m.codes(), "and"));
        out.push(Diagnostic::new(r::STATUS_UNKNOWN, msg).at(v));
        return None;
    };
    if !s.used && report_unused {
        out.push(
            Diagnostic::new(
                r::STATUS_NOT_USED,
                format!("{} does not use `{code}` {}", m.label(workflow), s.why_unused()),
            )
            .at(v),
        );
    }
    Some(s.code)
}

/// Reports each element the status asks for that the resource lacks.
pub(crate) fn check_demands(root: Value<'_, '_>, rt: ResourceType, status: &str, out: &mut Vec<Diagnostic>) {
    for d in demands_of(rt, status) {
        let Some(rule) = d.rule else { continue };
        let mut parent = root;
        let mut missing: Option<&str> = None;
        for name in d.element.split('.') {
            match parent.get(name).filter(|v| !v.is_null()) {
                Some(v) => parent = v,
                None => {
                    missing = Some(name);
                    break;
                }
            }
        }
        if let Some(name) = missing {
            let msg = format!("The {rt} is `{status}` but has no `{}`", d.element);
            out.push(Diagnostic::new(rule, msg).at_missing(parent, name));
        }
    }
}

/// R4 Task inv-1: `lastModified` ≥ `authoredOn` when both are present.
pub(crate) fn check_inv1(root: Value<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (Some(lm), Some(ao)) = (readable_time(root, "lastModified", out), readable_time(root, "authoredOn", out))
    else {
        return;
    };
    if compare_datetimes(&lm.1, &ao.1) == Some(std::cmp::Ordering::Less) {
        let msg = format!("`lastModified` `{}` is earlier than `authoredOn` `{}`", lm.1, ao.1);
        out.push(Diagnostic::new(r::LAST_MODIFIED_BEFORE_AUTHORED, msg).at(lm.0));
    }
}

/// A time member that reads as a FHIR dateTime; an unreadable one is reported.
pub(crate) fn readable_time<'d, 'a>(
    root: Value<'d, 'a>,
    name: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<(Value<'d, 'a>, String)> {
    let v = root.get(name)?;
    match v.as_str() {
        Some(s) if FhirTime::parse(&s).is_some() => Some((v, s.into_owned())),
        _ => {
            let shown = v.as_str().map(|s| format!("`{s}`")).unwrap_or_else(|| v.kind().article_name().to_owned());
            out.push(
                Diagnostic::new(r::DATETIME_UNREADABLE, format!("`{name}` is {shown}, not a FHIR dateTime")).at(v),
            );
            None
        }
    }
}
