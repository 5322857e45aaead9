//! gom-core's workflow rules in the broker: Task spin-up, the state machines on every PUT for
//! the caller's role and organisation, stage-by-stage promotion, and the cascades of a revoked
//! or entered-in-error order.

use gom_harness::serve::fhir::now;
use serde_json::{json, Value};

use crate::client::{serve, Resp, Server};
use crate::order;

const LAB: [(&str, &str); 3] =
    [("Content-Type", "application/fhir+json"), ("X-Gom-Role", "filler"), ("X-Gom-Actor", "RJ1")];
const PLACER: [(&str, &str); 3] =
    [("Content-Type", "application/fhir+json"), ("X-Gom-Role", "placer"), ("X-Gom-Actor", "RGT01")];

/// A refused change: the Task sent, the caller's headers, the rule, words the message must hold.
type Case<'a> = (Value, &'a [(&'a str, &'a str)], &'a str, Vec<&'a str>);

fn put_as(s: &Server, path: &str, body: &Value, headers: &[(&str, &str)]) -> Resp {
    s.request("PUT", path, headers, Some(&serde_json::to_vec(body).unwrap()))
}

/// The Tasks of an order in creation order: (code, status, specimen input).
fn tasks(s: &Server, sr: &str) -> Vec<(String, String, Option<String>)> {
    s.get(&format!("Task?focus={sr}&_count=100"))
        .resources()
        .iter()
        .map(|t| {
            let code = t["code"]["coding"][0]["code"].as_str().unwrap().to_owned();
            let specimen = t["input"][0]["valueReference"]["reference"].as_str().map(str::to_owned);
            (code, t["status"].as_str().unwrap().to_owned(), specimen)
        })
        .collect()
}

/// The order's Task of `code` (the first, for per-specimen codes).
fn task(s: &Server, sr: &str, code: &str) -> Value {
    s.get(&format!("Task?focus={sr}&code={code}")).resources()[0].clone()
}

fn moved(t: &Value, status: &str) -> Value {
    let mut t = t.clone();
    t["status"] = json!(status);
    t["lastModified"] = json!(now());
    t
}

/// An order (or any resource without `lastModified`) with another status.
fn with_status(v: &Value, status: &str) -> Value {
    let mut v = v.clone();
    v["status"] = json!(status);
    v
}

fn issue_texts(r: &Resp) -> Vec<String> {
    let mut out = Vec::new();
    let mut outcomes = vec![&r.body];
    if let Some(es) = r.body["entry"].as_array() {
        outcomes.extend(es.iter().map(|e| &e["response"]["outcome"]));
    }
    for oo in outcomes {
        for i in oo["issue"].as_array().into_iter().flatten().filter(|i| i["severity"] == "error") {
            out.push(i["details"]["text"].as_str().unwrap_or_default().to_owned());
        }
    }
    out
}

/// Order `n` with `specimens` Specimens, all referenced by the ServiceRequest.
fn order_with_specimens(n: u64, specimens: usize) -> Value {
    let mut o = order(n);
    let template = o["entry"][3].clone();
    let entries = o["entry"].as_array_mut().unwrap();
    entries.truncate(3);
    let mut refs = Vec::new();
    for k in 0..specimens {
        let mut e = template.clone();
        let url = format!("urn:uuid:5f0c1e2a-0000-4000-8000-{k:012}");
        e["fullUrl"] = json!(url);
        e["resource"]["identifier"][0]["value"] = json!(format!("ORD-{n}-S{k}"));
        entries.push(e);
        refs.push(json!({"reference": url}));
    }
    if specimens == 0 {
        entries[2]["resource"].as_object_mut().unwrap().remove("specimen");
    } else {
        entries[2]["resource"]["specimen"] = json!(refs);
    }
    o
}

const LIBRARY: [&str; 10] = [
    "process-genomic-test-request",
    "request-sample-alignment",
    "sample-preparation",
    "sample-processing",
    "genetic-genomic-data-processing",
    "interpretation",
    "produce-interim-report",
    "genomic-mdt",
    "produce-final-report",
    "distribute-report",
];
const PER_SPECIMEN: [&str; 3] = ["request-sample-alignment", "sample-preparation", "sample-processing"];

#[test]
fn an_active_order_spins_up_its_task_library_per_specimen() {
    let s = serve();
    for specimens in [0, 1, 2, 3] {
        let r = s.post("", &order_with_specimens(10 + specimens as u64, specimens));
        assert_eq!(r.status, 200, "{}", r.body);
        let sr = r.location_of("ServiceRequest");
        let specimen_ids: Vec<String> = r.locations().into_iter().filter(|l| l.starts_with("Specimen/")).collect();
        let mut want = Vec::new();
        for code in LIBRARY {
            let status = if want.is_empty() { "requested" } else { "draft" };
            if PER_SPECIMEN.contains(&code) && specimens > 0 {
                want.extend(specimen_ids.iter().map(|sp| (code.to_owned(), status.to_owned(), Some(sp.clone()))));
            } else {
                want.push((code.to_owned(), status.to_owned(), None));
            }
        }
        assert_eq!(tasks(&s, &sr), want, "{specimens} specimen(s)");
        assert_eq!(want.len(), 10 + 3 * specimens.saturating_sub(1));
        let srv = s.get(&sr).body;
        for t in s.get(&format!("Task?focus={sr}&_count=100")).resources() {
            assert_eq!(t["for"], srv["subject"]);
            assert_eq!(t["requester"], srv["requester"]);
            assert_eq!(t["owner"]["identifier"]["value"], "RJ1");
            assert_eq!(
                (t["meta"]["versionId"].as_str(), t["authoredOn"].as_str()),
                (Some("1"), srv["meta"]["lastUpdated"].as_str())
            );
        }
    }
    // A draft order gets nothing until the placer submits it.
    let mut draft = order(20);
    draft["entry"][2]["resource"]["status"] = json!("draft");
    let sr = s.post("", &draft).location_of("ServiceRequest");
    assert!(tasks(&s, &sr).is_empty());
    let submitted = put_as(&s, &sr, &with_status(&s.get(&sr).body, "active"), &PLACER);
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(tasks(&s, &sr).len(), 10);
    // Re-activating an order that has Tasks does not spin up a second library.
    let held = put_as(&s, &sr, &with_status(&s.get(&sr).body, "on-hold"), &PLACER);
    assert_eq!(held.status, 200, "{}", held.body);
    assert_eq!(put_as(&s, &sr, &with_status(&s.get(&sr).body, "active"), &PLACER).status, 200);
    assert_eq!(tasks(&s, &sr).len(), 10);
}

#[test]
fn an_illegal_task_change_is_refused_with_422() {
    let s = serve();
    let sr = s.post("", &order(1)).location_of("ServiceRequest");
    let other = s.post("", &order(9)).location_of("ServiceRequest");
    let t = task(&s, &sr, "process-genomic-test-request");
    let path = format!("Task/{}", t["id"].as_str().unwrap());
    let mut refocused = moved(&t, "accepted");
    refocused["focus"] = json!({"reference": other});
    let mut stale = moved(&t, "accepted");
    stale["lastModified"] = t["lastModified"].clone();
    let cases: Vec<Case> = vec![
        (
            moved(&t, "completed"),
            &LAB,
            "GOM-WF-001",
            vec!["Unsupported state transition", "`requested`", "`completed`"],
        ),
        (moved(&t, "in-progress"), &LAB, "GOM-WF-001", vec!["from `requested` to `in-progress`"]),
        (moved(&t, "ready"), &LAB, "GOM-WF-003", vec!["`ready`"]),
        (moved(&t, "accepted"), &PLACER, "GOM-WF-004", vec!["Unsupported state transition", "not the placer"]),
        (refocused, &LAB, "GOM-WF-021", vec!["`focus` changed"]),
        (stale, &LAB, "GOM-WF-022", vec!["`lastModified`"]),
    ];
    for (body, headers, code, words) in cases {
        let r = put_as(&s, &path, &body, headers);
        assert_eq!(r.status, 422, "{code}: {}", r.body);
        assert_eq!(r.codes(), [code], "{}", r.body);
        let text = issue_texts(&r).concat();
        for w in words {
            assert!(text.contains(w), "{code}: `{w}` not in {text}");
        }
        let issue = &r.body["issue"][0];
        let line = issue["extension"]
            .as_array()
            .and_then(|e| e.iter().find(|x| x["url"].as_str().unwrap().ends_with("-line")));
        assert!(line.is_some(), "{code}: the issue has no line: {issue}");
        assert!(issue["expression"][0].as_str().unwrap().starts_with("Task."), "{issue}");
    }
    // The same change in a transaction: one outcome for the entry, placed in the Bundle.
    let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": format!("http://localhost/FHIR/R4/{path}"), "resource": moved(&t, "completed"),
         "request": {"method": "PUT", "url": path}}
    ]});
    let r = s.request("POST", "", &LAB, Some(&serde_json::to_vec(&bundle).unwrap()));
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_codes(), ["GOM-WF-001"], "{}", r.body);
    let issue = r.entry_error(0);
    assert_eq!(
        (issue["details"]["coding"][0]["code"].as_str(), issue["expression"][0].as_str()),
        (Some("GOM-WF-001"), Some("Bundle.entry[0].resource.status"))
    );
    // Nothing changed, and the draft Tasks are the broker's to request.
    assert_eq!(s.get(&path).etag.as_deref(), Some("W/\"1\""));
    let draft = task(&s, &sr, "request-sample-alignment");
    let r = put_as(&s, &format!("Task/{}", draft["id"].as_str().unwrap()), &moved(&draft, "requested"), &LAB);
    assert_eq!((r.status, r.codes()), (422, vec!["GOM-WF-004".to_owned()]));
}

#[test]
fn the_labs_legal_sequence_passes_and_requests_the_next_stage() {
    let s = serve();
    let sr = s.post("", &order(2)).location_of("ServiceRequest");
    let mut t = task(&s, &sr, "process-genomic-test-request");
    let path = format!("Task/{}", t["id"].as_str().unwrap());
    for (n, status) in ["accepted", "in-progress", "completed"].into_iter().enumerate() {
        t = moved(&t, status);
        let r = put_as(&s, &path, &t, &LAB);
        assert_eq!(r.status, 200, "{status}: {}", r.body);
        assert_eq!(r.etag, Some(format!("W/\"{}\"", n + 2)));
        t = r.body;
    }
    // Completing the first stage moves the next one to `requested`, in the same commit.
    let next = task(&s, &sr, "request-sample-alignment");
    assert_eq!((next["status"].as_str(), next["meta"]["versionId"].as_str()), (Some("requested"), Some("2")));
    assert_eq!(next["meta"]["lastUpdated"], t["meta"]["lastUpdated"]);
    assert!(tasks(&s, &sr).iter().skip(2).all(|(_, status, _)| status == "draft"));
    // Without the headers the role is unchecked, but the move must still exist.
    let unchecked = put_as(&s, &format!("Task/{}", next["id"].as_str().unwrap()), &moved(&next, "accepted"), &LAB[..1]);
    assert_eq!(unchecked.status, 200, "{}", unchecked.body);
}

#[test]
fn a_revoked_order_cancels_the_tasks_not_started() {
    let s = serve();
    let sr = s.post("", &order(3)).location_of("ServiceRequest");
    let id = sr.trim_start_matches("ServiceRequest/");
    for _ in 0..2 {
        assert_eq!(s.request("POST", &format!("/lab/step?order={id}"), &[], None).status, 200);
    }
    let r = put_as(&s, &sr, &with_status(&s.get(&sr).body, "revoked"), &PLACER);
    assert_eq!(r.status, 200, "{}", r.body);
    let after = tasks(&s, &sr);
    assert_eq!(after[0].1, "in-progress", "a started Task is left for its lab to close");
    assert!(after[1..].iter().all(|(_, status, _)| status == "cancelled"), "{after:?}");
    let cancelled = task(&s, &sr, "genomic-mdt");
    assert_eq!(cancelled["statusReason"]["coding"][0]["code"], "task-no-longer-required");
    assert_eq!(cancelled["meta"]["versionId"], "2");
    // The lab simulator leaves a revoked order alone.
    assert_eq!(s.request("POST", &format!("/lab/step?order={id}"), &[], None).status, 404);
}

#[test]
fn entered_in_error_is_refused_once_a_task_started() {
    let s = serve();
    let started = s.post("", &order(4)).location_of("ServiceRequest");
    for _ in 0..2 {
        assert_eq!(s.request("POST", "/lab/step", &[], None).status, 200);
    }
    let fresh = s.post("", &order(5)).location_of("ServiceRequest");
    let before = tasks(&s, &started);
    let r = put_as(&s, &started, &with_status(&s.get(&started).body, "entered-in-error"), &PLACER);
    assert_eq!((r.status, r.codes()), (422, vec!["GOM-WF-030".to_owned()]), "{}", r.body);
    assert!(issue_texts(&r).concat().contains("have started"));
    assert_eq!(r.body["issue"][0]["expression"][0], "ServiceRequest.status");
    // In a transaction the refusal is the entry's.
    let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": format!("http://localhost/FHIR/R4/{started}"), "resource": with_status(&s.get(&started).body, "entered-in-error"),
         "request": {"method": "PUT", "url": started}}
    ]});
    let r = s.request("POST", "", &PLACER, Some(&serde_json::to_vec(&bundle).unwrap()));
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_codes(), ["GOM-WF-030"], "{}", r.body);
    assert_eq!(r.entry_error(0)["expression"][0], "Bundle.entry[0].resource.status");
    assert_eq!((s.get(&started).body["status"].as_str(), tasks(&s, &started)), (Some("active"), before));
    // Before any Task starts, every Task goes with the order.
    let r = put_as(&s, &fresh, &with_status(&s.get(&fresh).body, "entered-in-error"), &PLACER);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(tasks(&s, &fresh).iter().all(|(_, status, _)| status == "entered-in-error"));
}
