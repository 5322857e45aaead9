use serde_json::{json, Value as J};

use super::{task, with};
use crate::workflow::{check_resource, check_update, Role, UpdateOptions, Workflow};

/// `CODE@pointer` per finding of the update (`@-` when it has no pointer).
fn check(before: &J, after: &J, opts: &UpdateOptions, expected: &[&str]) {
    let b = serde_json::to_string_pretty(before).unwrap();
    let a = serde_json::to_string_pretty(after).unwrap();
    let r = check_update(&b, &a, opts);
    let got: Vec<String> =
        r.diagnostics.iter().map(|d| format!("{}@{}", d.code, d.pointer.as_deref().unwrap_or("-"))).collect();
    assert_eq!(got, expected, "{:#?}", r.diagnostics);
}

fn filler() -> UpdateOptions {
    UpdateOptions { role: Some(Role::Filler), actor: Some("RJ1".into()), ..UpdateOptions::default() }
}

#[test]
fn legal_accept_is_silent() {
    let after = with(&task(), json!({"status": "accepted", "lastModified": "2023-08-06T09:00:00Z"}));
    check(&task(), &after, &filler(), &[]);
}

#[test]
fn illegal_transition_and_wrong_role() {
    let after = with(&task(), json!({"status": "completed", "lastModified": "2023-08-06T09:00:00Z"}));
    check(&task(), &after, &filler(), &["GOM-WF-001@/status"]);
    let placer = UpdateOptions { role: Some(Role::Placer), ..filler() };
    let accepted = with(&task(), json!({"status": "accepted", "lastModified": "2023-08-06T09:00:00Z"}));
    check(&task(), &accepted, &placer, &["GOM-WF-004@/status"]);
}

#[test]
fn target_status_demands() {
    let before = with(&task(), json!({"status": "in-progress", "executionPeriod": {"start": "2023-08-06T09:00:00Z"}}));
    let hold = with(&before, json!({"status": "on-hold", "lastModified": "2023-08-07T09:00:00Z"}));
    check(&before, &hold, &filler(), &["GOM-WF-010@/statusReason"]);
    let done = with(&before, json!({"status": "completed", "lastModified": "2023-08-07T09:00:00Z"}));
    check(&before, &done, &filler(), &["GOM-WF-012@/executionPeriod/end"]);
    let started = with(&task(), json!({"status": "accepted"}));
    let no_start = with(&started, json!({"status": "in-progress", "lastModified": "2023-08-07T09:00:00Z"}));
    check(&started, &no_start, &filler(), &["GOM-WF-011@/executionPeriod"]);
}

#[test]
fn immutable_elements() {
    let after = with(
        &task(),
        json!({"focus": {"reference": "ServiceRequest/other"}, "for": null, "lastModified": "2023-08-06T09:00:00Z"}),
    );
    check(&task(), &after, &filler(), &["GOM-WF-021@/for", "GOM-WF-021@/focus"]);
    let sr = json!({"resourceType": "ServiceRequest", "id": "sr1", "status": "active", "subject": {"reference": "Patient/a"}});
    let sr2 = with(&sr, json!({"subject": {"reference": "Patient/b"}}));
    check(&sr, &sr2, &UpdateOptions::default(), &["GOM-WF-021@/subject"]);
}

#[test]
fn last_modified_must_advance() {
    let after = with(&task(), json!({"status": "accepted"}));
    check(&task(), &after, &filler(), &["GOM-WF-022@/lastModified"]);
    let earlier = with(&task(), json!({"status": "accepted", "lastModified": "2023-08-05T09:00:00Z"}));
    check(&task(), &earlier, &filler(), &["GOM-WF-013@/lastModified", "GOM-WF-022@/lastModified"]);
    let removed = with(&task(), json!({"status": "accepted", "lastModified": null}));
    check(&task(), &removed, &filler(), &["GOM-WF-022@/lastModified"]);
    let unreadable = with(&task(), json!({"status": "accepted", "lastModified": "yesterday"}));
    check(&task(), &unreadable, &filler(), &["GOM-WF-014@/lastModified"]);
    // Only meta changed: nothing to advance.
    let meta = with(&task(), json!({"meta": {"versionId": "2"}}));
    check(&task(), &meta, &filler(), &[]);
}

#[test]
fn owner_changes() {
    let moved = |ods: &str| {
        with(
            &task(),
            json!({"owner": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organisation-code", "value": ods}},
                   "lastModified": "2023-08-06T09:00:00Z"}),
        )
    };
    // The current owner reassigns (the system spelling differs but names the same ODS code).
    check(&task(), &moved("RJ1"), &filler(), &[]);
    check(&task(), &moved("RH8"), &filler(), &[]);
    let other = UpdateOptions { actor: Some("RH8".into()), ..filler() };
    check(&task(), &moved("RH8"), &other, &["GOM-WF-023@/owner"]);
    let anonymous = UpdateOptions { actor: None, ..filler() };
    check(&task(), &moved("RH8"), &anonymous, &["GOM-WF-024@/owner"]);
    let broker = UpdateOptions { role: Some(Role::Broker), actor: None, ..filler() };
    check(&task(), &moved("RH8"), &broker, &[]);
    // An unowned Task is claimed by its new owner.
    let unowned = with(&task(), json!({"owner": null}));
    let claim = UpdateOptions { actor: Some("RH8".into()), ..filler() };
    check(&unowned, &moved("RH8"), &claim, &[]);
    check(&unowned, &moved("RH8"), &filler(), &["GOM-WF-023@/owner"]);
    // Terminal Tasks are not reassigned; the process Task should keep its Home GLH.
    let rejected = with(&task(), json!({"status": "rejected"}));
    let re = with(&moved("RH8"), json!({"status": "rejected"}));
    check(&rejected, &re, &filler(), &["GOM-WF-023@/owner"]);
    let pgtr = json!({"code": {"coding": [{"code": "process-genomic-test-request"}]}});
    check(&with(&task(), pgtr.clone()), &with(&moved("RH8"), pgtr), &filler(), &["GOM-WF-025@/owner"]);
}

#[test]
fn mismatches_and_bad_input() {
    let other = with(&task(), json!({"id": "t2", "status": "accepted"}));
    check(&task(), &other, &filler(), &["GOM-WF-020@/id"]);
    let patient = json!({"resourceType": "Patient", "id": "t1"});
    check(&task(), &patient, &filler(), &["GOM-WF-007@/resourceType"]);
    check(&patient, &patient, &filler(), &["GOM-WF-007@/resourceType", "GOM-WF-007@/resourceType"]);
    let no_status = with(&task(), json!({"status": null, "lastModified": "2023-08-06T09:00:00Z"}));
    check(&task(), &no_status, &filler(), &["GOM-WF-006@/status"]);
    // The stored version's own problems say so and carry its position.
    let r = check_update("{\"resourceType\":\"Task\"}", "[", &UpdateOptions::default());
    assert_eq!(r.diagnostics.len(), 1);
    assert!(r.diagnostics[0].message.starts_with("The updated version (after) is not JSON"));
    let r = check_update(
        "{\n\"resourceType\": \"Task\", \"status\": \"done\"}",
        &task().to_string(),
        &UpdateOptions::default(),
    );
    let d = &r.diagnostics[0];
    assert_eq!((d.code, d.line, d.column, d.span), ("GOM-WF-002", Some(2), Some(35), None));
    assert!(d.message.starts_with("Stored version: `done` is not a Task status"), "{}", d.message);
}

#[test]
fn one_version_on_its_own() {
    let check_one = |v: &J, wf: Workflow| -> Vec<&'static str> {
        let src = v.to_string();
        let doc = crate::json::Doc::parse(&src).unwrap();
        check_resource(doc.root(), wf).into_iter().map(|d| d.code).collect()
    };
    assert_eq!(check_one(&task(), Workflow::Gms), Vec::<&str>::new());
    assert_eq!(check_one(&with(&task(), json!({"status": "ready"})), Workflow::Gms), ["GOM-WF-003"]);
    assert_eq!(check_one(&with(&task(), json!({"status": "ready"})), Workflow::R4), Vec::<&str>::new());
    assert_eq!(check_one(&with(&task(), json!({"status": 3})), Workflow::Gms), ["GOM-WF-006"]);
    let early = with(&task(), json!({"lastModified": "2023-08-04"}));
    assert_eq!(check_one(&early, Workflow::Gms), ["GOM-WF-013"]);
    assert_eq!(check_one(&json!([1]), Workflow::Gms), ["GOM-JSON-002"]);
}
