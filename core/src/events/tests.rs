use serde_json::{json, Value as J};

use super::orders::consumer::*;
use super::orders::{check as check_order, fhir_status, fhir_status_after};
use super::*;
use crate::criteria::{compile, Dialect};

/// `CODE@line:col` of each finding of `event check`.
fn codes(src: &str) -> Vec<String> {
    check(src)
        .report
        .diagnostics
        .iter()
        .map(|d| format!("{}@{}:{}", d.code, d.line.unwrap_or(0), d.column.unwrap_or(0)))
        .collect()
}

fn order_codes(v: &J) -> Vec<&'static str> {
    check_order(&v.to_string()).diagnostics.iter().map(|d| d.code).collect()
}

const CE: &str = r#"{
  "specversion": "1.0",
  "id": "8c2f9e44-2e51-4c3e-9e5a-3b9f7c1d2002",
  "source": "uk.nhs.genomic-order-management-service",
  "type": "genomic-order-event-1",
  "time": "2026-05-02T15:42:10Z",
  "dataref": "https://int.api.service.nhs.uk/genomic-order-management-service/FHIR/R4/ServiceRequest/sr-987654",
  "subject": "0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a"
}"#;

#[test]
fn a_goms_cloudevent_checks_clean_and_round_trips_through_fhir() {
    assert_eq!(codes(CE), Vec::<String>::new());
    let ce = check(CE).event.expect("read");
    let fhir = to_fhir(&ce, Some("be276804-3852-46c6-aa7a-a4371794259a")).to_string();
    assert_eq!(codes(&fhir), Vec::<String>::new());
    let back = check(&fhir);
    assert_eq!(back.form, Some(Form::Fhir));
    assert_eq!(back.event.as_ref(), Some(&ce));
    assert_eq!(to_cloudevent(&ce), serde_json::from_str::<J>(CE).expect("json"));
}

#[test]
fn cloudevent_findings_are_positioned() {
    let bad = CE
        .replace("\"1.0\"", "\"0.3\"")
        .replace("2026-05-02T15:42:10Z", "2026-05-02 15:42")
        .replace("\"subject\": \"0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a\"", "\"subject\": \"ORDER1\", \"Weird_Name\": 1");
    assert_eq!(codes(&bad), ["GOM-EVT-003@2:18", "GOM-EVT-004@6:11", "GOM-EVT-006@8:14", "GOM-EVT-005@8:38"]);
    let missing = r#"{"specversion":"1.0","id":"x","type":"genomic-order-event-1","data":{}}"#;
    // No source, time or subject; no dataref; id not a GUID; GOMS events carry no data.
    assert_eq!(
        codes(missing),
        [
            "GOM-EVT-002@1:1",
            "GOM-EVT-002@1:1",
            "GOM-EVT-002@1:1",
            "GOM-EVT-008@1:1",
            "GOM-EVT-006@1:27",
            "GOM-EVT-009@1:69"
        ]
    );
    assert_eq!(codes("{\"a\":1}"), ["GOM-EVT-001@1:1"]);
    assert_eq!(codes("[1,"), ["GOM-JSON-001@1:4"]);
}

#[test]
fn fhir_findings_are_positioned() {
    let ce = check(CE).event.expect("read");
    let mut b = to_fhir(&ce, None);
    b["type"] = json!("transaction");
    b["entry"][0]["resource"]["parameter"][1]["valueCode"] = json!("off");
    b["entry"][0]["resource"]["parameter"][3]["part"][1]["valueInstant"] = json!("2026-05-02T15:42:11Z");
    let src = serde_json::to_string_pretty(&b).expect("json");
    let got: Vec<_> =
        check(&src).report.diagnostics.iter().map(|d| (d.code, d.pointer.clone().unwrap_or_default())).collect();
    // serde_json writes members in name order, so `entry` comes before `type`.
    assert_eq!(
        got,
        [
            ("GOM-EVT-003", "/entry/0/resource/parameter/1/valueCode".to_owned()),
            ("GOM-EVT-010", "/entry/0/resource/parameter/3".to_owned()),
            ("GOM-EVT-003", "/type".to_owned()),
        ]
    );
}

fn order_bundle() -> J {
    json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:sr", "resource": {"resourceType": "ServiceRequest", "id": "sr-1", "status": "active",
            "identifier": [{"system": "https://fhir.nhs.uk/Id/GMSOrder", "value": "0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a"}],
            "requester": {"reference": "urn:uuid:role"},
            "performer": [{"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "LAB456"}}]}},
        {"fullUrl": "urn:uuid:role", "resource": {"resourceType": "PractitionerRole", "id": "role-1",
            "organization": {"reference": "Organization/trust"}}},
        {"fullUrl": "urn:uuid:org", "resource": {"resourceType": "Organization", "id": "trust",
            "identifier": [{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "TRUST001"}]}},
        {"fullUrl": "urn:uuid:task", "resource": {"resourceType": "Task", "id": "task-1", "status": "in-progress",
            "code": {"coding": [{"code": "sample-processing"}]},
            "businessStatus": {"coding": [{"code": "sample-received"}]},
            "focus": {"reference": "urn:uuid:sr"},
            "owner": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organisation-code", "value": "LABB"}}}},
        {"fullUrl": "urn:uuid:dr", "resource": {"resourceType": "DiagnosticReport", "id": "dr-1", "status": "final",
            "basedOn": [{"reference": "ServiceRequest/sr-1"}]}},
        {"fullUrl": "urn:uuid:consent", "resource": {"resourceType": "Consent", "id": "c-1"}}
    ]})
}

#[test]
fn attributes_derive_from_resources() {
    let b = order_bundle();
    let ix = ReferenceIndex::from_bundle(&b);
    let attrs = |i: usize| derive_attributes(&b["entry"][i]["resource"], &ix).to_json();
    assert_eq!(
        attrs(0),
        json!({"eventType": "genomic-order-event-1", "resourceType": "ServiceRequest",
        "requester": "TRUST001", "performer": "LAB456", "serviceRequestStatus": "active"})
    );
    assert_eq!(
        attrs(3),
        json!({"eventType": "genomic-order-event-1", "resourceType": "Task", "requester": "TRUST001",
        "performer": "LAB456", "owner": "LABB", "taskStatus": "in-progress", "taskBusinessStatus": "sample-received",
        "taskCode": "sample-processing"})
    );
    assert_eq!(attrs(4)["diagnosticReportStatus"], "final");
    assert_eq!(attrs(4)["performer"], "LAB456");
    assert_eq!(
        attrs(5),
        json!({"eventType": "genomic-order-event-1", "resourceType": "Consent", "consentStatus": null})
    );
}

#[test]
fn a_resource_change_becomes_an_event_criteria_can_match() {
    let b = order_bundle();
    let ix = ReferenceIndex::from_bundle(&b);
    let base = "https://int.api.service.nhs.uk/genomic-order-management-service/FHIR/R4/";
    let ce = genomic_order_event(
        &b["entry"][3]["resource"],
        &ix,
        "9dcb3cc7-b6eb-43e1-9f5e-85de47266c08",
        "2026-05-19T17:26:11Z",
        base,
    );
    assert_eq!(ce.dataref.as_deref(), Some(format!("{base}Task/task-1").as_str()));
    assert_eq!(ce.subject.as_deref(), Some("0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a"));
    assert_eq!(codes(&to_cloudevent(&ce).to_string()), Vec::<String>::new());
    assert_eq!(codes(&to_fhir(&ce, None).to_string()), Vec::<String>::new());
    let p = compile(
        "eventType='genomic-order-event-1' AND resourceType='Task' AND owner='LABB' AND taskStatus='in-progress'",
        Dialect::Mns,
    )
    .expect("parses");
    assert!(p.matches(&ce.attributes()));
    // What subscribers receive has no `filtering`, so the FHIR form no longer matches.
    let delivered = check(&to_fhir(&ce, None).to_string()).event.expect("read");
    assert!(!p.matches(&delivered.attributes()));
}

fn created() -> J {
    json!({"specversion": "1.0", "type": "clinical.orders.order.created.v1", "source": "orders-service",
        "id": "evt_1", "time": "2026-04-18T09:00:00Z", "tenantid": "tenant_1", "datacontenttype": "application/json",
        "data": {"orderId": "ord_1", "patientId": "pat_1", "stablePatientId": "550e8400-e29b-41d4-a716-446655440000",
            "encounterId": "enc_1", "orderType": "medication",
            "orderCode": {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1049502", "display": "Amoxicillin 500mg"},
            "status": "draft", "priority": "routine", "orderedBy": "usr_1", "cdsAlertCount": 0, "tenantId": "tenant_1"}})
}

#[test]
fn orders_events_are_checked() {
    assert_eq!(order_codes(&created()), Vec::<&str>::new());
    let mut e = created();
    e["type"] = json!("clinical.orders.order.deleted.v1");
    assert_eq!(order_codes(&e), ["GOM-ORD-001"]);
    let mut e = created();
    e["source"] = json!("other");
    e["data"]["status"] = json!("active");
    e["data"]["tenantId"] = json!("tenant_2");
    e["data"].as_object_mut().expect("object").remove("orderedBy");
    e["data"]["cdsAlertCount"] = json!("none");
    assert_eq!(order_codes(&e), ["GOM-ORD-004", "GOM-ORD-005", "GOM-ORD-005", "GOM-ORD-006", "GOM-ORD-003"]);
    let mut act = created();
    act["type"] = json!("clinical.orders.order.activated.v1");
    act["data"]["status"] = json!("active");
    assert_eq!(order_codes(&act), ["GOM-ORD-004"]);
    assert_eq!(fhir_status("cancelled"), Some("revoked"));
    assert_eq!(fhir_status("corrected"), Some("entered-in-error"));
    assert_eq!(fhir_status_after("clinical.orders.order.on-hold.v1"), Some("on-hold"));
    assert_eq!(fhir_status_after("clinical.orders.referral.created.v1"), None);
}

#[test]
fn consumer_policy() {
    let mut d = Deduplicator::new();
    assert_eq!(d.accept("evt_1", 0), Delivery::New);
    assert_eq!(d.accept("evt_1", 1000), Delivery::Duplicate);
    assert_eq!(d.accept("evt_1", RETENTION_MILLIS + 1), Delivery::New);
    let mut o = PatientOrdering::new();
    let ev = |t: &str| json!({"time": t, "data": {"patientId": "pat_1"}});
    assert_eq!(o.observe("clinical.orders.pat_1", &ev("2026-04-18T10:00:00+01:00")), Ordering::InOrder);
    assert_eq!(o.observe("clinical.orders.pat_1", &ev("2026-04-18T09:00:01Z")), Ordering::InOrder);
    assert_eq!(
        o.observe("clinical.orders.pat_1", &ev("2026-04-18T08:59:59Z")),
        Ordering::OutOfOrder { last_time: "2026-04-18T09:00:01Z".into() }
    );
    assert_eq!(
        o.observe("clinical.orders.pat_2", &ev("2026-04-18T10:00:00Z")),
        Ordering::WrongSubject { expected: "clinical.orders.pat_1".into() }
    );
    assert_eq!(after_failed_ack(1), Retry::Redeliver { attempt: 2 });
    assert_eq!(after_failed_ack(2), Retry::Redeliver { attempt: 3 });
    assert_eq!(after_failed_ack(3), Retry::DeadLetter { subject: "clinical.orders.dlq" });
}

#[test]
fn a_deceased_patient_blocks_and_cancels() {
    let order = |id: &str, status: &str| OrderSummary {
        order_id: id.into(),
        patient_id: "pat_1".into(),
        stable_patient_id: "550e8400-e29b-41d4-a716-446655440000".into(),
        order_type: "laboratory".into(),
        status: status.into(),
        tenant_id: "tenant_1".into(),
    };
    let orders = [order("ord_1", "active"), order("ord_2", "completed"), order("ord_3", "on-hold")];
    let ev =
        json!({"type": VITAL_STATUS_CHANGED, "id": "evt_9", "data": {"patientId": "pat_1", "vitalStatus": "deceased"}});
    let mut n = 0;
    let out = on_vital_status_changed(
        &ev,
        &orders,
        || {
            n += 1;
            format!("evt_c{n}")
        },
        "2026-04-18T12:00:00Z",
    )
    .expect("handled");
    assert!(out.block_new_orders && !may_place_order(Some(&out)));
    assert_eq!(out.cancellations.len(), 2);
    assert_eq!(out.audit[1]["orderId"], "ord_3");
    assert_eq!(
        out.cancellations[0]["data"]["cancelReason"],
        "Patient deceased (REGISTRATION.patient.vital-status-changed.v1 evt_9)"
    );
    for c in &out.cancellations {
        assert_eq!(order_codes(c), Vec::<&str>::new());
    }
    let alive =
        json!({"type": VITAL_STATUS_CHANGED, "id": "evt_8", "data": {"patientId": "pat_1", "vitalStatus": "alive"}});
    let out = on_vital_status_changed(&alive, &orders, String::new, "2026-04-18T12:00:00Z").expect("handled");
    assert!(out.cancellations.is_empty() && may_place_order(Some(&out)));
    assert!(on_vital_status_changed(&json!({"type": "x"}), &orders, String::new, "t").is_err());
}

#[test]
fn time_and_id_formats() {
    for (t, ok) in [
        ("2026-05-19T17:26:11.426858+00:00", true),
        ("2026-02-29T00:00:00Z", false),
        ("2024-02-29T00:00:00Z", true),
        ("2026-05-19T17:26:11", false),
        ("2026-05-19", false),
        ("2026-13-01T00:00:00Z", false),
    ] {
        assert_eq!(is_rfc3339(t), ok, "{t}");
    }
    assert_eq!(text::epoch_millis("1970-01-01T01:00:00.5+01:00"), Some(500));
    assert_eq!(text::epoch_millis("2000-03-01T00:00:00Z"), Some(951_868_800_000));
    assert!(is_uuid("0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a") && !is_uuid("sr-987654"));
}
