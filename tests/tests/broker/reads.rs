//! Reads, history, search, `$graph`, `$validate`, metadata and the lab simulator.

use base64::Engine;
use serde_json::{json, Value};

use gom_harness::serve::fhir::now;

use crate::client::{config, serve, serve_with, Server};
use crate::order;

/// An order and its coordinating Task (the first the broker spins up), after the lab has taken
/// `steps` steps on the order.
fn order_with_task(s: &Server, n: u64, steps: usize) -> (String, String) {
    let sr = s.post("", &order(n)).location_of("ServiceRequest");
    let id = sr.trim_start_matches("ServiceRequest/");
    for _ in 0..steps {
        let r = s.request("POST", &format!("/lab/step?order={id}"), &[], None);
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let tasks = s.get(&format!("Task?focus={sr}&code=process-genomic-test-request"));
    assert_eq!(tasks.total(), 1);
    let task = format!("Task/{}", tasks.resources()[0]["id"].as_str().unwrap());
    (sr, task)
}

#[test]
fn put_with_if_match_versions_reads_history_and_vread() {
    let s = serve();
    let (_, task) = order_with_task(&s, 1, 0);
    let v1 = s.get(&task);
    assert_eq!((v1.body["status"].as_str(), v1.etag.as_deref()), (Some("requested"), Some("W/\"1\"")));
    assert!(v1.header("last-modified").is_some_and(|d| d.ends_with(" GMT")));
    let mut t = v1.body.clone();
    t["status"] = json!("accepted");
    t["lastModified"] = json!(now());
    let r = s.put(&task, &t, Some("W/\"1\""));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.etag.as_deref(), Some("W/\"2\""));
    assert_eq!(r.header("content-location"), Some(format!("{task}/_history/2").as_str()));
    t["status"] = json!("in-progress");
    t["lastModified"] = json!(now());
    let stale = s.put(&task, &t, Some("W/\"1\""));
    assert_eq!(stale.status, 412);
    assert_eq!(stale.codes(), ["GOM-SRV-006"]);
    let h = s.get(&format!("{task}/_history"));
    assert_eq!((h.body["type"].as_str(), h.total()), (Some("history"), 2));
    let statuses: Vec<Value> = h.resources().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, [json!("accepted"), json!("requested")], "newest first");
    assert_eq!(s.get(&format!("{task}/_history/1")).body["status"], "requested");
    assert_eq!(s.get(&format!("{task}/_history/2")).body["status"], "accepted");
    assert_eq!(s.get(&format!("{task}/_history/3")).status, 404);
    // Without If-Match the update is unconditional.
    assert_eq!(s.put(&task, &t, None).etag.as_deref(), Some("W/\"3\""));
}

#[test]
fn search_finds_orders_tasks_reports_and_specimens() {
    let s = serve();
    // Order 1 is carried through all ten stages (three lab steps each) and reported; order 2
    // has its coordinating Task accepted and its other nine Tasks waiting in draft.
    let (sr1, task1) = order_with_task(&s, 1, 30);
    let (sr2, task2) = order_with_task(&s, 2, 1);
    let nhs = order(1)["entry"][1]["resource"]["identifier"][0]["value"].as_str().unwrap().to_owned();
    let ods = "https://fhir.nhs.uk/Id/ods-organization-code";
    let ids = |path: &str| -> Vec<String> {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_eq!(r.body["type"], "searchset");
        r.resources()
            .iter()
            .map(|x| format!("{}/{}", x["resourceType"].as_str().unwrap(), x["id"].as_str().unwrap()))
            .collect()
    };
    for (path, want) in [
        ("ServiceRequest?identifier=ORD-000001".to_owned(), vec![sr1.clone()]),
        (
            "ServiceRequest?identifier=https://fhir.nhs.uk/local-identifier/servicerequest|ORD-000002".into(),
            vec![sr2.clone()],
        ),
        (format!("ServiceRequest?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}"), vec![sr1.clone()]),
        (format!("ServiceRequest?patient.identifier={nhs}"), vec![sr1.clone()]),
        ("ServiceRequest?status=active".into(), vec![sr1.clone(), sr2.clone()]),
        ("ServiceRequest?status=revoked,draft".into(), vec![]),
        ("Task?owner:identifier=RGT01".into(), vec![]),
        ("Task?status=accepted".into(), vec![task2.clone()]),
        ("Task?code=process-genomic-test-request&status=completed,accepted".into(), vec![task1.clone(), task2.clone()]),
        ("Task?business-status=sample-received&status=completed".into(), vec![task1.clone()]),
        ("Task?business-status=sample-received&status=accepted".into(), vec![]),
        (
            format!("Specimen?request={sr2}"),
            vec![s.get(&sr2).body["specimen"][0]["reference"].as_str().unwrap().to_owned()],
        ),
        (
            format!("Specimen?patient:identifier={nhs}&status=available"),
            vec![s.get(&sr1).body["specimen"][0]["reference"].as_str().unwrap().to_owned()],
        ),
        (format!("DiagnosticReport?based-on={sr2}"), vec![]),
    ] {
        assert_eq!(ids(&path), want, "{path}");
    }
    for (path, count, first) in [
        (format!("Task?focus={sr1}&_count=100"), 10, Some(&task1)),
        (format!("Task?focus={}&_count=100", sr2.trim_start_matches("ServiceRequest/")), 10, Some(&task2)),
        ("Task?owner:identifier=RJ1&_count=100".into(), 20, Some(&task1)),
        (format!("Task?owner:identifier={ods}|RJ1&_count=100"), 20, Some(&task1)),
        (
            "Task?owner:identifier=https://fhir.nhs.uk/Id/ods-organisation-code|RJ1&status=completed&_count=100".into(),
            10,
            Some(&task1),
        ),
        ("Task?status=draft&_count=100".into(), 9, None),
    ] {
        let got = ids(&path);
        assert_eq!(got.len(), count, "{path}");
        if let Some(first) = first {
            assert_eq!(&got[0], first, "{path}");
        }
    }
    let dr = s.get(&format!("DiagnosticReport?based-on={sr1}"));
    assert_eq!(dr.total(), 1);
    let report = &dr.resources()[0];
    assert_eq!(report["status"], "final");
    assert_eq!(report["basedOn"][0]["reference"], sr1.as_str());
    // Paging: one per page, with a next link while more remain.
    let page = s.get("ServiceRequest?_count=1");
    assert_eq!((page.total(), page.resources().len()), (2, 1));
    let next = page.body["link"].as_array().unwrap().iter().find(|l| l["relation"] == "next").unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let page2 = s.get(&next);
    assert_eq!(page2.resources()[0]["id"].as_str(), sr2.strip_prefix("ServiceRequest/"));
    assert!(page2.body["link"].as_array().unwrap().iter().all(|l| l["relation"] != "next"));
}

#[test]
fn graph_follows_references_and_the_reverse_links_of_an_order() {
    let s = serve();
    let (sr, task) = order_with_task(&s, 1, 1);
    let g = s.get(&format!("{sr}/$graph"));
    assert_eq!(g.status, 200, "{}", g.body);
    let mut kinds: Vec<String> = g.resources().iter().map(|r| r["resourceType"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds.first().map(String::as_str), Some("ServiceRequest"));
    assert_eq!(g.body["entry"][0]["search"]["mode"], "match");
    kinds.sort();
    assert_eq!(kinds.iter().filter(|k| *k == "Task").count(), 10, "the ten spun-up Tasks");
    kinds.dedup();
    assert_eq!(kinds, ["Patient", "PractitionerRole", "ServiceRequest", "Specimen", "Task"]);
    assert!(g.resources().iter().any(|r| format!("Task/{}", r["id"].as_str().unwrap()) == task));
    assert_eq!(s.get(&format!("{sr}/$graph?graph=genomics-test-order")).status, 200);
    assert_eq!(s.get(&format!("{sr}/$graph?graph=genomics-test-result")).status, 400);
    assert_eq!(s.get("ServiceRequest/nope/$graph").status, 404);
}

#[test]
fn validate_operation_answers_with_an_outcome_and_stores_nothing() {
    let s = serve();
    let ok = s.post("Bundle/$validate", &order(1));
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body["resourceType"], "OperationOutcome");
    assert!(ok.body["issue"].as_array().unwrap().iter().all(|i| i["severity"] != "error"), "{}", ok.body);
    let mut batch = order(1);
    batch["type"] = json!("batch");
    let wrapped = json!({"resourceType": "Parameters", "parameter": [{"name": "resource", "resource": batch}]});
    let bad = s.post("Bundle/$validate", &wrapped);
    assert_eq!((bad.status, bad.codes()), (200, vec!["GOM-BDL-002".to_owned()]));
    let task = s.post("Task/$validate", &json!({"resourceType": "Task", "status": "draft"}));
    assert_eq!((task.status, task.body["issue"][0]["severity"].as_str()), (200, Some("information")));
    assert_eq!(s.post("Task/$validate", &json!({"resourceType": "Patient"})).status, 400);
    assert_eq!(s.get("ServiceRequest").total(), 0);
}

#[test]
fn metadata_describes_the_searches_and_operations_served() {
    let s = serve();
    let cs = s.get("metadata");
    assert_eq!((cs.status, cs.body["resourceType"].as_str()), (200, Some("CapabilityStatement")));
    assert_eq!(cs.body["fhirVersion"], "4.0.1");
    let res = cs.body["rest"][0]["resource"].as_array().unwrap();
    let task = res.iter().find(|r| r["type"] == "Task").unwrap();
    let params: Vec<&str> =
        task["searchParam"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for p in ["focus", "owner:identifier", "status", "code", "business-status"] {
        assert!(params.contains(&p), "{p} missing from {params:?}");
    }
    // Every advertised parameter is accepted by the search.
    for r in res.iter().filter(|r| r["searchParam"].is_array()) {
        let t = r["type"].as_str().unwrap();
        for p in r["searchParam"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            let got = s.get(&format!("{t}?{name}=x"));
            assert_eq!(got.status, 200, "{t}?{name}: {}", got.body);
        }
    }
    let sr = res.iter().find(|r| r["type"] == "ServiceRequest").unwrap();
    assert!(sr["operation"].as_array().unwrap().iter().any(|o| o["name"] == "graph"));
    assert!(sr["interaction"].as_array().unwrap().iter().any(|i| i["code"] == "update"));
}

#[test]
fn demo_seeds_a_reported_order_and_one_in_progress() {
    let s = serve_with(gom_harness::serve::Config { demo: true, ..config(None) });
    let orders = s.get("ServiceRequest");
    assert_eq!(orders.total(), 2);
    let first = format!("ServiceRequest/{}", orders.resources()[0]["id"].as_str().unwrap());
    let second = format!("ServiceRequest/{}", orders.resources()[1]["id"].as_str().unwrap());
    let statuses = |sr: &str| -> Vec<String> {
        let tasks = s.get(&format!("Task?focus={sr}&_count=100")).resources();
        tasks.iter().map(|t| t["status"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(statuses(&first), vec!["completed"; 10], "the reported order is finished");
    let mut want = vec!["completed", "in-progress"];
    want.extend(["draft"; 8]);
    assert_eq!(statuses(&second), want, "the other has its first stage done and the second started");
    let reports = s.get("DiagnosticReport");
    assert_eq!(reports.total(), 1);
    let dr = &reports.resources()[0];
    assert_eq!(
        dr["basedOn"][0]["reference"],
        format!("ServiceRequest/{}", orders.resources()[0]["id"].as_str().unwrap())
    );
    let form = &dr["presentedForm"][0];
    assert_eq!(form["contentType"], "application/pdf");
    let pdf = base64::engine::general_purpose::STANDARD.decode(form["data"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4") && pdf.ends_with(b"%%EOF\n"));
    let results = dr["result"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        let obs = s.get(r["reference"].as_str().unwrap()).body;
        assert_eq!(obs["code"]["coding"][0]["code"], "69548-6");
        let codes: Vec<&str> = obs["component"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"]["coding"][0]["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["48018-6", "48004-6", "53034-5", "53037-8"]);
    }
    // The next lab step moves the other order on a stage; nothing more happens to the first.
    let step = s.request("POST", "/lab/step", &[], None);
    assert_eq!(step.status, 200);
    let mut want = vec!["completed", "completed", "requested"];
    want.extend(["draft"; 7]);
    assert_eq!(statuses(&second), want);
    assert_eq!(statuses(&first), vec!["completed"; 10]);
    assert_eq!(s.get("DiagnosticReport").total(), 1);
    assert_eq!(s.get(&format!("DiagnosticReport?based-on={first}")).total(), 1);
}
