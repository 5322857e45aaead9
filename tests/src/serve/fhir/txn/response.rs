//! The `transaction-response` Bundles: a failed one (seed 002: one OperationOutcome per
//! submitted entry, nothing stored) and a successful one (locations and versions).

use gom_core::outcome::STATUS_UNPROCESSABLE;
use gom_core::rules::server as r;
use gom_core::{Diagnostic, Report};
use serde_json::{json, Value};

use crate::serve::fhir::reply::Reply;

/// The HTTP status line a finding gives its entry: precondition and identity clashes keep their
/// FHIR statuses, everything else is 422.
fn status_of(d: &Diagnostic) -> &'static str {
    match d.code {
        c if c == r::VERSION_CONFLICT.code || c == r::IF_NONE_EXIST_MULTIPLE.code => "412 Precondition Failed",
        c if c == r::OVERLAPPING_IDENTITIES.code => "409 Conflict",
        c if c == r::UPDATE_TARGET_MISSING.code => "404 Not Found",
        _ => STATUS_UNPROCESSABLE,
    }
}

/// A failed transaction, rendered by gom-core's `Report::to_transaction_response_with`: one
/// entry per submitted entry, each with an OperationOutcome of its own findings plus the
/// Bundle-level ones; an entry with no error gets `200 OK` and nothing is stored. The broker
/// adds each entry's `fullUrl` and the Bundle's `timestamp`. The HTTP status is 422 when any
/// entry is unprocessable, otherwise that of the first failing entry (412, 409 or 404). Without
/// entries, a bare OperationOutcome.
pub fn failure(diags: &[Diagnostic], bundle: &Value) -> Reply {
    let items = bundle["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
    let now = crate::serve::fhir::now();
    let report = Report::new(diags.to_vec());
    let mut out = report.to_transaction_response_with(items.len(), Some(&now), &status_of);
    let mut statuses = Vec::with_capacity(items.len());
    if let Some(entries) = out["entry"].as_array_mut() {
        for (e, item) in entries.iter_mut().zip(items) {
            let line = e["response"]["status"].as_str().unwrap_or_default();
            statuses.push(line.get(..3).and_then(|c| c.parse::<u16>().ok()).unwrap_or(422));
            if let Some(f) = item["fullUrl"].as_str() {
                e["fullUrl"] = json!(f);
            }
        }
    }
    if let Some(o) = out.as_object_mut().filter(|o| o.get("resourceType") == Some(&json!("Bundle"))) {
        o.insert("timestamp".into(), json!(now));
    }
    let overall =
        if statuses.contains(&422) { 422 } else { statuses.iter().copied().find(|s| *s != 200).unwrap_or(422) };
    Reply::json(overall, out)
}

pub fn response_bundle(entries: Vec<Value>) -> Value {
    json!({
        "resourceType": "Bundle",
        "type": "transaction-response",
        "timestamp": crate::serve::fhir::now(),
        "entry": entries
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::fhir::txn::entries::at;

    fn bundle(n: usize) -> Value {
        json!({"entry": (0..n).map(|i| json!({"fullUrl": format!("urn:uuid:{i}")})).collect::<Vec<_>>()})
    }

    fn statuses(reply: &Reply) -> Vec<String> {
        reply.body["entry"]
            .as_array()
            .map(|es| es.iter().map(|e| e["response"]["status"].as_str().unwrap_or("").to_owned()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn one_outcome_per_entry_and_the_right_overall_status() {
        let conflict = at(r::VERSION_CONFLICT, 1, "request.ifMatch", "stale");
        let dangling = at(r::UNRESOLVED_SERVER_REFERENCE, 2, "resource.subject.reference", "no such patient");
        let reply = failure(std::slice::from_ref(&conflict), &bundle(3));
        assert_eq!(reply.status, 412);
        assert_eq!(statuses(&reply), ["200 OK", "412 Precondition Failed", "200 OK"]);
        let reply = failure(&[conflict, dangling], &bundle(3));
        assert_eq!(reply.status, 422);
        assert_eq!(statuses(&reply), ["200 OK", "412 Precondition Failed", "422 Unprocessable Entity"]);
        assert_eq!(
            reply.body["entry"][2]["response"]["outcome"]["issue"][0]["details"]["coding"][0]["code"],
            "GOM-SRV-001"
        );
        let bundle_level = Diagnostic::new(gom_core::rules::bundle::ENTRY_MISSING, "bad");
        let reply = failure(std::slice::from_ref(&bundle_level), &bundle(2));
        assert_eq!(statuses(&reply), ["422 Unprocessable Entity", "422 Unprocessable Entity"]);
        let reply = failure(&[bundle_level], &bundle(0));
        assert_eq!((reply.status, reply.body["resourceType"].as_str()), (422, Some("OperationOutcome")));
    }
}
