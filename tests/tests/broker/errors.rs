//! Bad requests: each gets an OperationOutcome with the right status and rule code, and the
//! server keeps serving.

use serde_json::json;

use crate::client::{config, serve_with};
use crate::order;

/// Method, path, headers, body, expected status, expected rule code.
type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, Vec<u8>, u16, &'a str);

#[test]
fn bad_requests_get_an_outcome_with_the_right_status() {
    let s = serve_with(gom_harness::serve::Config { max_body: 64 * 1024, ..config(None) });
    let sr = s.post("", &order(1)).location_of("ServiceRequest");
    let task_res = s.get(&format!("Task?focus={sr}&code=process-genomic-test-request")).resources()[0].clone();
    let task = format!("Task/{}", task_res["id"].as_str().unwrap());
    let body = |v: serde_json::Value| serde_json::to_vec(&v).unwrap();
    let mut renamed = task_res.clone();
    renamed["id"] = json!("someone-else");
    let two_puts = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": task_res, "request": {"method": "PUT", "url": task}},
        {"resource": task_res, "request": {"method": "PUT", "url": task}}
    ]});
    let mut dangling = order(2);
    dangling["entry"][2]["resource"]["requester"]["reference"] = json!("urn:uuid:00000000-0000-4000-8000-000000000000");
    let huge = json!({"resourceType": "Bundle", "type": "transaction", "note": "x".repeat(70 * 1024)});
    let json_ct = ("Content-Type", "application/fhir+json");
    let cases: Vec<Case> = vec![
        ("GET", "Task/nope".into(), vec![], vec![], 404, "GOM-SRV-020"),
        ("GET", "task/1".into(), vec![], vec![], 404, "GOM-SRV-020"),
        ("GET", "Task/1/_history/x/y".into(), vec![], vec![], 404, "GOM-SRV-020"),
        ("GET", format!("{task}/_history/abc"), vec![], vec![], 400, "GOM-SRV-027"),
        ("GET", format!("{task}/_history/0"), vec![], vec![], 404, "GOM-SRV-020"),
        ("GET", "Task?foo=bar".into(), vec![], vec![], 400, "GOM-SRV-026"),
        ("GET", "Task?_count=lots".into(), vec![], vec![], 400, "GOM-SRV-027"),
        ("GET", "Task?status=%zz".into(), vec![], vec![], 400, "GOM-SRV-027"),
        ("GET", "".into(), vec![], vec![], 405, "GOM-SRV-021"),
        ("DELETE", task.clone(), vec![], vec![], 405, "GOM-SRV-021"),
        ("PATCH", sr.clone(), vec![json_ct], b"{}".to_vec(), 405, "GOM-SRV-021"),
        ("POST", "Task".into(), vec![json_ct], b"{}".to_vec(), 405, "GOM-SRV-021"),
        ("PUT", "Patient/1".into(), vec![json_ct], b"{}".to_vec(), 405, "GOM-SRV-021"),
        ("GET", "Task/$validate".into(), vec![], vec![], 405, "GOM-SRV-021"),
        ("POST", "".into(), vec![json_ct], b"{\"resourceType\": ".to_vec(), 400, "GOM-JSON-001"),
        ("POST", "".into(), vec![json_ct], vec![0xff, 0xfe], 400, "GOM-JSON-005"),
        ("POST", "".into(), vec![json_ct], body(json!({"resourceType": "Patient"})), 400, "GOM-BDL-001"),
        ("POST", "".into(), vec![("Content-Type", "application/fhir+xml")], b"<Bundle/>".to_vec(), 415, "GOM-SRV-025"),
        ("POST", "".into(), vec![json_ct], body(huge), 413, "GOM-SRV-022"),
        ("POST", "".into(), vec![json_ct], body(two_puts), 409, "GOM-SRV-009"),
        ("POST", "".into(), vec![json_ct], body(dangling), 422, "GOM-REF-001"),
        ("PUT", task.clone(), vec![json_ct, ("If-Match", "W/\"9\"")], body(s.get(&task).body), 412, "GOM-SRV-006"),
        ("PUT", task.clone(), vec![json_ct, ("If-Match", "yesterday")], body(s.get(&task).body), 400, "GOM-SRV-024"),
        ("PUT", task.clone(), vec![json_ct], body(renamed.clone()), 400, "GOM-SRV-023"),
        ("PUT", task.clone(), vec![json_ct], b"[1, 2".to_vec(), 400, "GOM-JSON-001"),
        ("PUT", "Task/someone-else".into(), vec![json_ct], body(renamed), 404, "GOM-SRV-005"),
        ("PUT", "Task/bad id!".replace(' ', "%20"), vec![json_ct], b"{}".to_vec(), 400, "GOM-SRV-011"),
        ("PUT", task.clone(), vec![json_ct, ("X-Gom-Role", "broker")], body(s.get(&task).body), 400, "GOM-SRV-030"),
        ("PUT", task.clone(), vec![json_ct, ("X-Gom-Actor", "R J1")], body(s.get(&task).body), 400, "GOM-SRV-030"),
        ("POST", "".into(), vec![json_ct, ("X-Gom-Role", "lab")], body(order(3)), 400, "GOM-SRV-030"),
        ("GET", "/events?criteria=x".into(), vec![], vec![], 400, "GOM-CRIT-010"),
        ("GET", "/events?criteria=eventType%3D%27".into(), vec![], vec![], 400, "GOM-CRIT-001"),
        ("GET", "/events?format=xml".into(), vec![], vec![], 400, "GOM-SRV-027"),
        ("GET", "/events?_count=-1".into(), vec![], vec![], 400, "GOM-SRV-027"),
        ("GET", "/events?owner=RJ1".into(), vec![], vec![], 400, "GOM-SRV-026"),
        ("GET", "/events?since=00000000-0000-4000-8000-000000000000".into(), vec![], vec![], 410, "GOM-SRV-031"),
        ("POST", "/events".into(), vec![], vec![], 405, "GOM-SRV-021"),
        ("POST", "/lab/step?order=nope".into(), vec![], vec![], 404, "GOM-SRV-020"),
        ("GET", "/lab/step".into(), vec![], vec![], 405, "GOM-SRV-021"),
    ];
    for (method, path, headers, bytes, status, code) in cases {
        let r = s.request(method, &path, &headers, Some(&bytes));
        assert_eq!(r.status, status, "{method} {path}: {}", r.body);
        assert!(
            r.body["resourceType"] == "OperationOutcome" || r.body["type"] == "transaction-response",
            "{method} {path}: {}",
            r.body
        );
        assert!(r.codes().iter().any(|c| c == code), "{method} {path}: {:?}", r.codes());
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("application/fhir+json")));
    }
    // After all that, the server still serves and nothing changed.
    assert_eq!(s.get(&task).etag.as_deref(), Some("W/\"1\""));
    assert_eq!(s.get("ServiceRequest").total(), 1);
}
