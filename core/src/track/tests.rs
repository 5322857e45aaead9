use super::*;

fn task(id: &str, version: u32, status: &str, business: Option<&str>, owner: &str, at: &str) -> J {
    let mut t = serde_json::json!({
        "resourceType": "Task", "id": id, "meta": {"versionId": version.to_string(), "lastUpdated": at},
        "status": status, "intent": "order", "authoredOn": "2026-03-01T09:00:00Z", "lastModified": at,
        "code": {"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/task-code-genomics", "code": "process-genomic-test-request",
                             "display": "Process genomic test request"}]},
        "owner": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": owner}}
    });
    if let (Some(b), Some(o)) = (business, t.as_object_mut()) {
        o.insert("businessStatus".into(), serde_json::json!({"coding": [{"code": b}]}));
    }
    t
}

fn bundle(kind: &str, resources: Vec<J>) -> String {
    let entry: Vec<J> = resources.into_iter().map(|r| serde_json::json!({"resource": r})).collect();
    serde_json::json!({"resourceType": "Bundle", "type": kind, "entry": entry}).to_string()
}

#[test]
fn tasks_come_with_the_statuses_they_may_move_to() {
    let json = bundle(
        "searchset",
        vec![
            task("t2", 3, "in-progress", Some("sample-received"), "R0A", "2026-03-01T12:00:00Z"),
            serde_json::json!({"resourceType": "OperationOutcome"}),
        ],
    );
    let rows = tasks(&json);
    assert_eq!(rows.len(), 1);
    let Some(r) = rows.first() else { return };
    assert_eq!((r.id.as_str(), r.status.as_str(), r.owner.as_deref()), ("t2", "in-progress", Some("R0A")));
    assert_eq!(r.business_status.as_deref(), Some("sample-received"));
    assert_eq!(r.label, "Process genomic test request");
    assert_eq!(r.version.as_deref(), Some("3"));
    let next: Vec<&str> = r.view.as_ref().map(|v| v.next.iter().map(|n| n.status).collect()).unwrap_or_default();
    assert!(next.contains(&"completed"), "{next:?}");
    assert!(!next.contains(&"requested"), "{next:?}");
}

#[test]
fn tasks_follow_the_process_order() {
    let mut report = task("a", 1, "draft", None, "R0A", "2026-03-01T09:00:00Z");
    report["code"]["coding"][0]["code"] = "produce-final-report".into();
    let mut other = task("b", 1, "draft", None, "R0A", "2026-03-01T09:00:00Z");
    other["code"]["coding"][0]["code"] = "something-else".into();
    let first = task("z", 1, "requested", None, "R0A", "2026-03-01T09:00:00Z");
    let rows = tasks(&bundle("searchset", vec![other, report, first]));
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["z", "a", "b"]);
}

#[test]
fn an_unknown_status_has_no_view_and_bad_input_no_rows() {
    let rows = tasks(&bundle("searchset", vec![task("t", 1, "bogus", None, "X", "2026-03-01T10:00:00Z")]));
    assert_eq!(rows.first().map(|r| r.view.is_none()), Some(true));
    assert!(tasks("not json").is_empty());
    assert!(tasks(r#"{"resourceType":"Patient"}"#).is_empty());
    assert!(tasks("[1,2]").is_empty());
}

#[test]
fn the_order_view_reads_the_service_request() {
    let sr = serde_json::json!({"resourceType": "ServiceRequest", "id": "sr", "status": "active", "intent": "order"});
    let v = order_view(&sr.to_string());
    assert_eq!(v.map(|v| v.status), Some("active"));
    assert_eq!(order_view("{}"), None);
}

#[test]
fn the_timeline_says_what_changed_and_when() {
    let h1 = bundle(
        "history",
        vec![
            task("t1", 3, "in-progress", Some("sample-received"), "R0A", "2026-03-01T11:00:00Z"),
            task("t1", 1, "requested", None, "RR8", "2026-03-01T09:00:00Z"),
            task("t1", 2, "accepted", None, "R0A", "2026-03-01T10:00:00Z"),
        ],
    );
    let h2 = bundle("history", vec![task("t2", 1, "requested", None, "R0A", "2026-03-01T09:30:00Z")]);
    let changes = timeline(&[&h1, &h2, "garbage"]);
    let lines: Vec<(String, String)> = changes.iter().map(|c| (c.task.clone(), c.what.join("; "))).collect();
    assert_eq!(
        lines,
        [
            ("t1".to_owned(), "Created as requested; Owner RR8".to_owned()),
            ("t2".to_owned(), "Created as requested; Owner R0A".to_owned()),
            ("t1".to_owned(), "Status requested → accepted; Owner RR8 → R0A".to_owned()),
            ("t1".to_owned(), "Status accepted → in-progress; Business status: sample-received".to_owned()),
        ]
    );
    assert_eq!(changes.first().map(|c| c.at.as_str()), Some("2026-03-01T09:00:00Z"));
}

#[test]
fn orders_list_the_service_requests() {
    let sr = |id: &str| {
        serde_json::json!({"resourceType": "ServiceRequest", "id": id, "status": "active",
        "code": {"coding": [{"code": "R67.2", "display": "Monogenic hearing loss"}]}})
    };
    let json =
        bundle("searchset", vec![sr("a"), task("t", 1, "requested", None, "X", "2026-03-01T10:00:00Z"), sr("b")]);
    let rows = orders(&json);
    let refs: Vec<(&str, &str)> = rows.iter().map(|o| (o.reference.as_str(), o.test.as_str())).collect();
    assert_eq!(refs, [("ServiceRequest/a", "Monogenic hearing loss"), ("ServiceRequest/b", "Monogenic hearing loss")]);
    assert!(orders("nope").is_empty());
}

#[test]
fn report_ids_come_from_a_search() {
    let dr = |id: &str| serde_json::json!({"resourceType": "DiagnosticReport", "id": id, "status": "final"});
    let json =
        bundle("searchset", vec![dr("r1"), serde_json::json!({"resourceType": "Observation", "id": "o"}), dr("r2")]);
    assert_eq!(report_ids(&json), ["r1", "r2"]);
    assert_eq!(report_ids(&dr("solo").to_string()), ["solo"]);
    assert!(report_ids("").is_empty());
}
