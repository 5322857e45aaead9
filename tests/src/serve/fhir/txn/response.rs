//! The `transaction-response` Bundles: a failed one (seed 002: one OperationOutcome per
//! submitted entry, nothing stored) and a successful one (locations and versions).

use gom_core::outcome::operation_outcome;
use gom_core::rules::server as r;
use gom_core::Diagnostic;
use serde_json::{json, Value};

use crate::serve::fhir::reply::{status_line, Reply};

/// The HTTP status a finding gives its entry: precondition and identity clashes keep their
/// FHIR statuses, everything else is 422.
fn status_of(d: &Diagnostic) -> u16 {
    if !d.severity.is_error() {
        return 200;
    }
    match d.code {
        c if c == r::VERSION_CONFLICT.code || c == r::IF_NONE_EXIST_MULTIPLE.code => 412,
        c if c == r::OVERLAPPING_IDENTITIES.code => 409,
        c if c == r::UPDATE_TARGET_MISSING.code => 404,
        _ => 422,
    }
}

/// A failed transaction: one entry per submitted entry, each with an OperationOutcome of its
/// own findings plus the Bundle-level ones; an entry with no error gets `200 OK` and nothing is
/// stored. The HTTP status is 422 when any entry is unprocessable, otherwise that of the first
/// failing entry (412, 409 or 404). Without entries, a bare OperationOutcome.
///
/// This is the single place to swap for gom-core's `Report::to_transaction_response` once it
/// lands; the broker calls nothing else to render a failure.
pub fn failure(diags: &[Diagnostic], bundle: &Value) -> Reply {
    let items = bundle["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
    let entries = items.len();
    let bundle_level: Vec<&Diagnostic> =
        diags.iter().filter(|d| d.entry.is_none_or(|e| e as usize >= entries)).collect();
    if entries == 0 {
        return Reply::json(422, operation_outcome(bundle_level));
    }
    let mut statuses = Vec::with_capacity(entries);
    let mut out = Vec::with_capacity(entries);
    for i in 0..entries {
        let mut issues: Vec<&Diagnostic> = diags.iter().filter(|d| d.entry == Some(i as u32)).collect();
        issues.extend(bundle_level.iter().copied());
        // 422 outranks the specific statuses, so an entry is never reported milder than it is.
        let rank = |s: &u16| if *s == 422 { 1000 } else { *s };
        let status = issues.iter().map(|d| status_of(d)).max_by_key(rank).unwrap_or(200);
        statuses.push(status);
        let outcome = if issues.is_empty() {
            json!({"resourceType": "OperationOutcome", "issue": [{
                "severity": "information",
                "code": "informational",
                "diagnostics": "This entry is valid; nothing was stored because the transaction failed."
            }]})
        } else {
            operation_outcome(issues)
        };
        let mut entry = json!({"response": {"status": status_line(status), "outcome": outcome}});
        if let Some(f) = items.get(i).and_then(|e| e["fullUrl"].as_str()) {
            entry["fullUrl"] = json!(f);
        }
        out.push(entry);
    }
    let overall =
        if statuses.contains(&422) { 422 } else { statuses.iter().copied().find(|s| *s != 200).unwrap_or(422) };
    Reply::json(overall, response_bundle(out))
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
        let bundle_level = Diagnostic::new(r::ENTRY_RESOURCE_MISSING, "bad");
        let reply = failure(std::slice::from_ref(&bundle_level), &bundle(2));
        assert_eq!(statuses(&reply), ["422 Unprocessable Entity", "422 Unprocessable Entity"]);
        let reply = failure(&[bundle_level], &bundle(0));
        assert_eq!((reply.status, reply.body["resourceType"].as_str()), (422, Some("OperationOutcome")));
    }
}
