//! Malformed and hostile transactions: each is refused with a 4xx and an outcome naming the
//! rule, nothing is stored, and the server keeps serving.

use serde_json::{json, Value};

use crate::client::serve;
use crate::order;

fn txn(entries: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"resourceType": "Bundle", "type": "transaction", "entry": entries})).unwrap()
}

fn post(url: &str, resource: Value) -> Value {
    json!({"fullUrl": format!("urn:uuid:{}", uuid_like(url)), "request": {"method": "POST", "url": url}, "resource": resource})
}

/// A Task with what R4 requires (the validator refuses less before the broker sees it).
fn task(id: &str) -> Value {
    json!({"resourceType": "Task", "id": id, "status": "requested", "intent": "order"})
}

fn uuid_like(seed: &str) -> String {
    format!("6f1d2c3b-0000-4000-8000-{:012x}", seed.len() * 7919 + seed.bytes().map(usize::from).sum::<usize>())
}

#[test]
fn malformed_transactions_are_refused_and_the_server_keeps_serving() {
    let s = serve();
    let nhs = json!([{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018"}]);
    // Two patients with one NHS number, so an ifNoneExist on it is ambiguous.
    let twins = txn(json!([
        post("Patient", json!({"resourceType": "Patient", "identifier": nhs})),
        {"fullUrl": "urn:uuid:6f1d2c3b-0000-4000-8000-00000000aaaa", "request": {"method": "POST", "url": "Patient"},
         "resource": {"resourceType": "Patient", "identifier": nhs}}
    ]));
    assert_eq!(s.request("POST", "", &[], Some(&twins)).status, 200);
    let before = s.get("Patient").total();
    let deep = format!(
        "{{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"x\":{}1{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("empty body", Vec::new(), 400, "GOM-JSON-001"),
        ("null", b"null".to_vec(), 400, "GOM-JSON-002"),
        ("nesting deeper than serde_json reads", deep.into_bytes(), 400, "GOM-SRV-023"),
        (
            "a number out of range",
            b"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"n\":1e999999}".to_vec(),
            400,
            "GOM-JSON-006",
        ),
        (
            "entry is a string",
            serde_json::to_vec(&json!({"resourceType": "Bundle", "type": "transaction", "entry": "x"})).unwrap(),
            422,
            "GOM-BDL-032",
        ),
        ("entries that are not objects", txn(json!([1, null, "x"])), 422, "GOM-BDL-025"),
        (
            "resource is an array",
            txn(json!([{"request": {"method": "POST", "url": "Task"}, "resource": [1]}])),
            422,
            "GOM-BDL-018",
        ),
        (
            "POST url names another type",
            txn(json!([post("Task", json!({"resourceType": "Patient"}))])),
            422,
            "GOM-BDL-015",
        ),
        (
            "PUT url with extra segments",
            txn(json!([{"request": {"method": "PUT", "url": "Task/a/b"}, "resource": {"resourceType": "Task"}}])),
            422,
            "GOM-BDL-014",
        ),
        (
            "PUT url and id disagree",
            txn(
                json!([{"request": {"method": "PUT", "url": "Task/a"}, "resource": {"resourceType": "Task", "id": "b"}}]),
            ),
            422,
            "GOM-BDL-016",
        ),
        (
            "conditional update",
            txn(
                json!([{"request": {"method": "PUT", "url": "Task?identifier=x"}, "resource": {"resourceType": "Task"}}]),
            ),
            422,
            "GOM-BDL-014",
        ),
        (
            "PUT id not an R4 id",
            txn(json!([{"request": {"method": "PUT", "url": "Task/a_b"}, "resource": {"resourceType": "Task"}}])),
            422,
            "GOM-BDL-014",
        ),
        (
            "PUT of nothing held",
            txn(json!([{"request": {"method": "PUT", "url": "Task/nobody"}, "resource": task("nobody")}])),
            404,
            "GOM-SRV-005",
        ),
        (
            "ifMatch not an ETag",
            txn(json!([{"request": {"method": "PUT", "url": "Task/a", "ifMatch": "soon"}, "resource": task("a")}])),
            422,
            "GOM-SRV-024",
        ),
        (
            "ifNoneExist with an unknown parameter",
            txn(
                json!([{"request": {"method": "POST", "url": "Patient", "ifNoneExist": "colour=blue"}, "resource": {"resourceType": "Patient"}}]),
            ),
            422,
            "GOM-SRV-008",
        ),
        (
            "ifNoneExist matching two",
            txn(
                json!([{"request": {"method": "POST", "url": "Patient", "ifNoneExist": "identifier=9990000018"}, "resource": {"resourceType": "Patient"}}]),
            ),
            412,
            "GOM-SRV-007",
        ),
        (
            "the same fullUrl twice",
            txn(json!([
                post("Patient", json!({"resourceType": "Patient"})),
                post("Patient", json!({"resourceType": "Patient"}))
            ])),
            422,
            "GOM-BDL-026",
        ),
        (
            "a reference to no entry",
            txn(json!([post(
                "Specimen",
                json!({"resourceType": "Specimen", "subject": {"reference": "urn:uuid:6f1d2c3b-0000-4000-8000-000000000000"}})
            )])),
            422,
            "GOM-REF-001",
        ),
    ];
    // Every case is tried, and every mismatch reported at once.
    let mut wrong = Vec::new();
    for (what, body, status, code) in cases {
        let r = s.request("POST", "", &[("Content-Type", "application/fhir+json")], Some(&body));
        if r.status != status || !r.error_codes().iter().any(|c| c == code) {
            wrong.push(format!("{what}: want {status} {code}, got {} {:?}", r.status, r.error_codes()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(s.get("Patient").total(), before, "a refused transaction stored something");
    // A GOMS submission needs at least one entry (GOM-BDL-032): with no entry to answer for,
    // the refusal is a bare OperationOutcome. The server still takes real orders.
    let empty = s.request("POST", "", &[], Some(&txn(json!([]))));
    assert_eq!((empty.status, empty.body["resourceType"].as_str()), (422, Some("OperationOutcome")));
    assert_eq!(empty.error_codes(), ["GOM-BDL-032"]);
    assert_eq!(s.post("", &order(1)).status, 200);
}

#[test]
fn search_bundles_carry_absolute_full_urls_and_escaped_paths_route() {
    let s = serve();
    let sr = s.post("", &order(1)).location_of("ServiceRequest");
    let found = s.get("ServiceRequest");
    assert_eq!(found.body["entry"][0]["fullUrl"], format!("{}/FHIR/R4/{sr}", s.base));
    let g = s.get(&format!("{sr}/%24graph"));
    assert_eq!(g.status, 200, "{}", g.body);
    assert_eq!(g.body["entry"][0]["fullUrl"], format!("{}/FHIR/R4/{sr}", s.base));
    let h = s.get(&format!("{sr}/_history"));
    assert_eq!(h.body["entry"][0]["fullUrl"], format!("{}/FHIR/R4/{sr}", s.base));
}
