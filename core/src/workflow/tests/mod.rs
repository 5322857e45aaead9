//! Unit tests of the workflow rules: one `check` helper per concern, cases as data.

mod cascade;
mod conversation;
mod spinup;
mod transition;
mod update;
mod view;

use serde_json::{json, Value as J};

/// A GMS Task as the broker stores it; tests change members with `with`.
pub(super) fn task() -> J {
    json!({
        "resourceType": "Task",
        "id": "t1",
        "status": "requested",
        "intent": "order",
        "code": {"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/task-code-genomics", "code": "sample-processing"}]},
        "focus": {"reference": "ServiceRequest/sr1"},
        "for": {"reference": "Patient/p1"},
        "authoredOn": "2023-08-05T10:00:00Z",
        "lastModified": "2023-08-05T10:00:00Z",
        "requester": {"reference": "PractitionerRole/pr1"},
        "owner": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RJ1"}}
    })
}

/// `base` with members set (a `null` removes the member).
pub(super) fn with(base: &J, changes: J) -> J {
    let mut out = base.clone();
    if let (Some(o), Some(c)) = (out.as_object_mut(), changes.as_object()) {
        for (k, v) in c {
            if v.is_null() {
                o.remove(k);
            } else {
                o.insert(k.clone(), v.clone());
            }
        }
    }
    out
}
