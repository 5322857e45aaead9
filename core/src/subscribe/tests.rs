use super::*;
use crate::compose::{compose, CounterIds, Draft};

fn check(form: CriteriaForm, want: &str) {
    let got = build(&form);
    assert_eq!(got, want);
    let lint = crate::criteria::lint(&got);
    assert!(!lint.has_errors(), "{got}: {:?}", lint.diagnostics);
}

#[test]
fn forms_become_criteria() {
    check(CriteriaForm::default(), "eventType='genomic-order-event-1'");
    check(
        CriteriaForm {
            resource_type: "Task".into(),
            statuses: vec!["accepted".into(), "completed".into()],
            owners: vec![" R0A ".into(), String::new()],
            requesters: vec!["RR8".into()],
            ..Default::default()
        },
        "eventType='genomic-order-event-1' AND resourceType='Task' AND taskStatus IN ('accepted','completed') AND owner='R0A' AND requester='RR8'",
    );
    // Task-only filters are dropped for another resource type.
    check(
        CriteriaForm {
            resource_type: "DiagnosticReport".into(),
            statuses: vec!["final".into()],
            owners: vec!["R0A".into()],
            ..Default::default()
        },
        "eventType='genomic-order-event-1' AND resourceType='DiagnosticReport' AND diagnosticReportStatus='final'",
    );
    assert_eq!(quote("O'Brien"), "'O''Brien'");
    assert_eq!(quote(r"a\b"), r"'a\\b'");
}

/// A value cannot end its literal early and add criteria of its own, whatever backslashes and
/// quotes it holds: each compiles to one literal that matches exactly that value.
#[test]
fn quoted_values_stay_one_literal() {
    use crate::criteria::{compile, Attributes, Dialect};
    let values = [r"x\' OR owner<>'", r"\", r"\'", r"'\", r"a\''b", r"\\'' OR 1=1 OR ''", "O'Brien", ""];
    for v in values {
        let criteria = format!("owner={}", quote(v));
        let program = compile(&criteria, Dialect::Mns).unwrap_or_else(|e| panic!("{criteria}: {e:?}"));
        let mut a = Attributes::new();
        a.set_str("owner", v);
        assert!(program.matches(&a), "{criteria} does not match {v:?}");
        a.set_str("owner", "someone else");
        assert!(!program.matches(&a), "{criteria} matches another owner");
    }
}

/// A singleton order with a specimen and a record of discussion.
fn order() -> String {
    let draft = serde_json::json!({
        "patient": {"nhsNumber": "9449301042", "givenName": "Robin", "familyName": "Example", "birthDate": "2020-03-09", "sex": "female"},
        "requester": {"sdsUserId": "555012345680", "ods": "RR8", "phone": "0113 000 0000"},
        "test": {"code": "R98.2"}, "reason": "diagnostic",
        "specimens": [{"key": "s1", "type": {"system": "http://snomed.info/sct", "code": "445295009", "display": "Blood"}, "collected": "2026-02-17"}],
        "consent": {"status": "active", "date": "2026-02-17"},
        "performer": {"ods": "R0A"}
    });
    let d: Draft = serde_json::from_value(draft).unwrap_or_default();
    serde_json::to_string(&compose(&d, &mut CounterIds::new(), "2026-03-01T10:00:00Z")).unwrap_or_default()
}

#[test]
fn a_criteria_is_tried_on_a_bundle() {
    let bundle = order();
    let trials = try_bundle("resourceType = 'ServiceRequest' AND serviceRequestStatus = 'active'", &bundle);
    assert!(trials.len() >= 3, "{trials:?}");
    let matched: Vec<&str> = trials.iter().filter(|t| t.matched).map(|t| t.label.as_str()).collect();
    assert_eq!(matched, ["entry 0 (ServiceRequest)"]);
    let sr = trials.first().map(|t| t.attributes.clone()).unwrap_or_default();
    assert!(sr.contains(&("requester".to_owned(), "RR8".to_owned())), "{sr:?}");
    assert!(try_bundle("resourceType = ", &bundle).is_empty());
    assert!(try_bundle("true", "not json").is_empty());
}

#[test]
fn a_criteria_is_tried_on_an_event() {
    let event = serde_json::json!({
        "specversion": "1.0", "id": "5f1b8c6e-0c1a-4b5e-9a55-1d1c1b1a1f10", "source": "uk.nhs.genomic-order-management-service",
        "type": "genomic-order-event-1", "time": "2026-03-01T10:00:00Z",
        "filtering": {"resourceType": "Task", "taskStatus": "accepted", "owner": "R0A"}
    })
    .to_string();
    let t = try_event("owner = 'R0A' AND taskStatus = 'accepted'", &event);
    assert_eq!(t.map(|t| t.map(|t| t.matched)), Ok(Some(true)));
    let t = try_event("owner = 'RR8'", &event);
    assert_eq!(t.map(|t| t.map(|t| t.matched)), Ok(Some(false)));
    assert!(try_event("true", "{").is_err());
}
