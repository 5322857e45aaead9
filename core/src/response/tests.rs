use super::*;

fn check(status: u16, body: &str, want_kind: AnswerKind, want_accepted: bool, want_order: Option<&str>) -> Answer {
    let a = read_answer(status, body);
    assert_eq!(a.kind, want_kind, "{body}");
    assert_eq!(a.accepted(), want_accepted, "{body}");
    assert_eq!(a.order().as_deref(), want_order, "{body}");
    a
}

const CREATED: &str = r#"{"resourceType":"Bundle","type":"transaction-response","entry":[
 {"response":{"status":"201 Created","location":"ServiceRequest/sr1/_history/1","etag":"W/\"1\"","lastModified":"2026-03-01T10:00:00Z"}},
 {"response":{"status":"201 Created","location":"http://h/FHIR/R4/Patient/p1/_history/1"}}]}"#;

#[test]
fn an_accepted_transaction_names_its_order() {
    let a = check(200, CREATED, AnswerKind::TransactionResponse, true, Some("ServiceRequest/sr1"));
    let refs: Vec<_> = a.entries.iter().map(|e| e.reference()).collect();
    assert_eq!(refs, [Some("ServiceRequest/sr1".to_owned()), Some("Patient/p1".to_owned())]);
    assert_eq!(a.entries.first().and_then(|e| e.etag.as_deref()), Some("W/\"1\""));
    assert_eq!(a.entries.get(1).and_then(|e| e.resource_type.as_deref()), Some("Patient"));
}

#[test]
fn a_rejected_transaction_carries_each_entry_outcome() {
    let body = r#"{"resourceType":"Bundle","type":"transaction-response","entry":[
     {"response":{"status":"422 Unprocessable Entity","outcome":{"resourceType":"OperationOutcome","issue":[
       {"severity":"error","code":"business-rule","details":{"coding":[{"system":"urn:gom:rules","code":"GOM-BDL-012","display":"x"}],"text":"`DELETE` is not supported"},
        "diagnostics":"Use POST or PUT.","expression":["Bundle.entry[0].request.method"]}]}}},
     {"response":{"status":"200 OK","outcome":{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational","diagnostics":"No issues","location":["Bundle.entry[1]"]}]}}}]}"#;
    let a = check(422, body, AnswerKind::TransactionResponse, false, None);
    let issues: Vec<(Option<u32>, &str, Option<&str>, bool)> =
        a.all_issues().map(|(e, i)| (e, i.text(), i.rule.as_deref(), i.is_error())).collect();
    assert_eq!(
        issues,
        [(Some(0), "`DELETE` is not supported", Some("GOM-BDL-012"), true), (Some(1), "No issues", None, false)]
    );
    assert_eq!(a.all_issues().nth(1).map(|(_, i)| i.expression.clone()), Some(vec!["Bundle.entry[1]".to_owned()]));
}

#[test]
fn other_answers_are_read_for_what_they_are() {
    let oo = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"fatal","code":"security","diagnostics":"Bearer token expired"}]}"#;
    let a = check(401, oo, AnswerKind::OperationOutcome, false, None);
    assert_eq!(a.issues.first().map(IssueView::text), Some("Bearer token expired"));
    check(200, r#"{"resourceType":"Patient"}"#, AnswerKind::Other("Patient".into()), false, None);
    check(502, "<html>Bad gateway</html>", AnswerKind::Unreadable, false, None);
    check(200, "", AnswerKind::Unreadable, false, None);
    check(
        200,
        r#"{"resourceType":"Bundle","type":"transaction-response","entry":[]}"#,
        AnswerKind::TransactionResponse,
        false,
        None,
    );
    // A 2xx status outside the HTTP status of the response does not make it accepted.
    check(500, CREATED, AnswerKind::TransactionResponse, false, Some("ServiceRequest/sr1"));
}

#[test]
fn locations_without_a_type_give_no_reference() {
    for (loc, want) in [
        ("ServiceRequest/1", Some("ServiceRequest/1")),
        ("https://x/FHIR/R4/Task/t9/_history/3", Some("Task/t9")),
        ("t9", None),
        ("/1", None),
        ("foo/bar", None),
        // A bare `_history` is cut too; an id must be a FHIR id (found by the `response` fuzz target).
        ("Task/T9/_history", Some("Task/T9")),
        ("ServiceRequest/_historyp1", None),
        ("Service Request/1", None),
        ("Task/t9?_format=json", Some("Task/t9")),
    ] {
        let e = EntryAnswer { location: Some(loc.into()), ..Default::default() };
        assert_eq!(e.reference().as_deref(), want, "{loc}");
    }
}
