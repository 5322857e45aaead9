//! `genomic-order-event-1` publication and `GET /events`: one event per committed change in
//! both forms, filtered by MNS criteria, paged with `since`, rebuilt from the log on restart.

use gom_harness::serve::fhir::now;
use serde_json::{json, Value};

use crate::client::{config, serve, serve_with, temp_dir, Server};
use crate::order;

const GOMS: &str = "eventType='genomic-order-event-1'";

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The CloudEvents matching `criteria` (all without it).
fn events(s: &Server, criteria: Option<&str>, extra: &str) -> Vec<Value> {
    let q = criteria.map_or_else(String::new, |c| format!("criteria={}", enc(c)));
    let r = s.get(&format!("/events?{q}{extra}"));
    assert_eq!(r.status, 200, "{criteria:?}: {}", r.body);
    assert_eq!(r.header("content-type"), Some("application/cloudevents-batch+json"));
    r.body.as_array().cloned().unwrap_or_default()
}

/// `Type/id` of each event's dataref.
fn targets(evs: &[Value]) -> Vec<String> {
    evs.iter()
        .map(|e| {
            let d = e["dataref"].as_str().unwrap();
            d.split("/FHIR/R4/").nth(1).unwrap_or(d).to_owned()
        })
        .collect()
}

/// The order's resources that announce events, in commit order: ServiceRequest, Specimen,
/// then its ten Tasks (Patient and PractitionerRole are not event types).
fn announced(s: &Server, r: &crate::client::Resp) -> Vec<String> {
    let sr = r.location_of("ServiceRequest");
    let mut want = vec![sr.clone(), r.location_of("Specimen")];
    let tasks = s.get(&format!("Task?focus={sr}&_count=100")).resources();
    want.extend(tasks.iter().map(|t| format!("Task/{}", t["id"].as_str().unwrap())));
    want
}

#[test]
fn every_change_publishes_an_event_in_both_forms() {
    let s = serve();
    let r = s.post("", &order(1));
    let sr = r.location_of("ServiceRequest");
    let all = events(&s, None, "");
    assert_eq!(targets(&all), announced(&s, &r));
    let srv = s.get(&sr).body;
    let gms = srv["identifier"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["system"] == "https://fhir.nhs.uk/Id/GMSOrder")
        .unwrap()["value"]
        .clone();
    for e in &all {
        assert_eq!(
            (e["type"].as_str(), e["source"].as_str()),
            (Some("genomic-order-event-1"), Some("uk.nhs.genomic-order-management-service"))
        );
        assert_eq!(e["subject"], gms, "every event of the order carries its GMSOrder number");
        assert!(e.get("filtering").is_none(), "subscribers never see the filtering attributes");
        assert!(e["dataref"].as_str().unwrap().starts_with(&format!("{}/FHIR/R4/", s.base)));
        let target = s.get(&targets(std::slice::from_ref(e))[0]).body;
        assert_eq!(e["time"], target["meta"]["lastUpdated"]);
        let checked = gom_core::events::check(&e.to_string());
        assert!(!checked.report.has_errors(), "{e}: {:?}", checked.report.diagnostics);
    }
    let fhir = s.get("/events?format=fhir");
    assert_eq!((fhir.status, fhir.body["type"].as_str()), (200, Some("collection")));
    let bundles = fhir.resources();
    assert_eq!(bundles.len(), all.len());
    for (b, e) in bundles.iter().zip(&all) {
        let checked = gom_core::events::check(&b.to_string());
        assert!(!checked.report.has_errors(), "{b}: {:?}", checked.report.diagnostics);
        let read = checked.event.unwrap();
        assert_eq!(
            (read.id.as_str(), read.dataref.as_deref(), read.subject.as_deref()),
            (e["id"].as_str().unwrap(), e["dataref"].as_str(), e["subject"].as_str())
        );
    }
    // An update publishes one more event; completing a stage also announces the Task the broker
    // moves to `requested`.
    let mut t = s.get(&targets(&all)[2]).body;
    for status in ["accepted", "in-progress", "completed"] {
        t["status"] = json!(status);
        t["lastModified"] = json!(now());
        let put = s.put(&format!("Task/{}", t["id"].as_str().unwrap()), &t, None);
        assert_eq!(put.status, 200, "{}", put.body);
        t = put.body;
    }
    let later = events(&s, None, &format!("&since={}", all.last().unwrap()["id"].as_str().unwrap()));
    assert_eq!(
        targets(&later),
        [targets(&all)[2].clone(), targets(&all)[2].clone(), targets(&all)[2].clone(), targets(&all)[3].clone()]
    );
    let ids: std::collections::HashSet<&str> = all.iter().chain(&later).map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len() + later.len(), "event ids are unique");
}

#[test]
fn criteria_filter_the_events() {
    let s = serve();
    let rj1 = s.post("", &order(1));
    let mut other = order(2);
    other["entry"][2]["resource"]["performer"][0]["identifier"]["value"] = json!("LAB1");
    let lab1 = s.post("", &other);
    let (rj1_all, lab1_all) = (announced(&s, &rj1), announced(&s, &lab1));
    let sr = |all: &[String]| all[..1].to_vec();
    let tasks = |all: &[String]| all[2..].to_vec();
    let cases: Vec<(String, Vec<String>)> = vec![
        (format!("{GOMS} AND resourceType='Task' AND owner='LAB1'"), tasks(&lab1_all)),
        (format!("{GOMS} AND resourceType='Task' AND owner='RJ1'"), tasks(&rj1_all)),
        (format!("{GOMS} AND resourceType='ServiceRequest' AND performer='LAB1'"), sr(&lab1_all)),
        (
            format!("{GOMS} AND resourceType='ServiceRequest' AND requester='RGT01' and serviceRequestStatus='active'"),
            [sr(&rj1_all), sr(&lab1_all)].concat(),
        ),
        (
            format!("{GOMS} AND resourceType='Specimen' AND (performer='LABA' OR performer='LAB1')"),
            lab1_all[1..2].to_vec(),
        ),
        (
            format!("{GOMS} AND resourceType='Task' AND taskStatus='requested'"),
            vec![rj1_all[2].clone(), lab1_all[2].clone()],
        ),
        (
            format!("{GOMS} AND resourceType='Task' AND taskCode='genomic-mdt' AND requester='RGT01'"),
            vec![rj1_all[9].clone(), lab1_all[9].clone()],
        ),
        (format!("{GOMS} AND resourceType='DiagnosticReport'"), vec![]),
    ];
    for (criteria, want) in cases {
        assert_eq!(targets(&events(&s, Some(&criteria), "")), want, "{criteria}");
    }
    // Paging: `_count` and `since` walk the matches.
    let c = format!("{GOMS} AND resourceType='Task' AND owner='LAB1'");
    let first = events(&s, Some(&c), "&_count=4");
    let rest = events(&s, Some(&c), &format!("&since={}", first[3]["id"].as_str().unwrap()));
    assert_eq!([targets(&first), targets(&rest)].concat(), tasks(&lab1_all));
}

#[test]
fn bad_criteria_get_400_with_the_position() {
    let s = serve();
    // Criteria, rule, column of the first error.
    for (criteria, code, column) in [
        ("eventType='genomic-order-event-1' AND (owner='X'", "GOM-CRIT-001", 49),
        ("eventType='genomic-order-event-1' AND owner=='X'", "GOM-CRIT-001", 45),
        ("resourceType='Task'", "GOM-CRIT-010", 1),
        ("eventType='genomic-order-event-1' AND resourceType='Task' AND colour='red'", "GOM-CRIT-020", 63),
    ] {
        let r = s.get(&format!("/events?criteria={}", enc(criteria)));
        assert_eq!(r.status, 400, "{criteria}: {}", r.body);
        let issue = r.body["issue"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["severity"] == "error" || i["severity"] == "fatal")
            .unwrap()
            .clone();
        assert_eq!(issue["details"]["coding"][0]["code"], code, "{criteria}: {issue}");
        let col = issue["extension"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["url"].as_str().unwrap().ends_with("-col"))
            .unwrap();
        assert_eq!(col["valueInteger"], column, "{criteria}: {issue}");
    }
}

#[test]
fn events_are_rebuilt_from_the_log_on_restart() {
    let dir = temp_dir("events");
    let s = serve_with(config(Some(&dir)));
    assert_eq!(s.post("", &order(1)).status, 200);
    assert_eq!(s.request("POST", "/lab/step", &[], None).status, 200);
    let before = s.get("/events?format=fhir");
    let ce_before = events(&s, None, "");
    assert_eq!(ce_before.len(), 13, "the order's 12 and the accepted Task's");
    let old_base = s.base.clone();
    s.stop();
    let s = serve_with(config(Some(&dir)));
    // The same events under the same ids (the address differs: it comes from the request).
    let strip = |v: &Value, base: &str| v.to_string().replace(base, "BASE");
    assert_eq!(strip(&json!(events(&s, None, "")), &s.base), strip(&json!(ce_before), &old_base));
    let after = s.get("/events?format=fhir");
    assert_eq!(strip(&after.body["entry"], &s.base), strip(&before.body["entry"], &old_base));
    let last = ce_before.last().unwrap()["id"].as_str().unwrap();
    assert!(events(&s, None, &format!("&since={last}")).is_empty(), "a cursor from before the restart still works");
    s.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
