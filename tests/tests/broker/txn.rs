//! Transactions: success, failure, atomicity, id rewriting, ifNoneExist, PUT entries.

use serde_json::{json, Value};

use crate::client::serve;
use crate::{order, strings};

#[test]
fn an_order_is_stored_with_server_ids_in_every_reference() {
    let s = serve();
    let r = s.post("", &order(1));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["type"], "transaction-response");
    let statuses: Vec<&str> =
        r.body["entry"].as_array().unwrap().iter().map(|e| e["response"]["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["201 Created"; 4]);
    for e in r.body["entry"].as_array().unwrap() {
        let loc = e["response"]["location"].as_str().unwrap();
        assert!(loc.ends_with("/_history/1"), "{loc}");
        assert_eq!(e["response"]["etag"], "W/\"1\"");
        assert!(e["fullUrl"].as_str().unwrap().starts_with("urn:uuid:"));
    }
    let (pat, sr, sp, pr) = (
        r.location_of("Patient"),
        r.location_of("ServiceRequest"),
        r.location_of("Specimen"),
        r.location_of("PractitionerRole"),
    );
    let srv = s.get(&sr);
    assert_eq!(srv.status, 200);
    assert_eq!(srv.etag.as_deref(), Some("W/\"1\""));
    assert_eq!(srv.body["subject"]["reference"], pat.as_str());
    assert_eq!(srv.body["requester"]["reference"], pr.as_str());
    assert_eq!(srv.body["specimen"][0]["reference"], sp.as_str());
    assert_eq!(srv.body["meta"]["versionId"], "1");
    let gms: Vec<&Value> = srv.body["identifier"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["system"] == "https://fhir.nhs.uk/Id/GMSOrder")
        .collect();
    assert_eq!(gms.len(), 1, "the broker assigns one GMS order number");
    let spv = s.get(&sp);
    assert_eq!(spv.body["request"][0]["reference"], sr.as_str());
    assert_eq!(spv.body["subject"]["reference"], pat.as_str());
    for loc in [pat, sr, sp, pr] {
        let res = s.get(&loc).body;
        assert!(strings(&res).iter().all(|s| !s.starts_with("urn:uuid:")), "{loc} keeps a urn:uuid: {res}");
    }
}

#[test]
fn if_none_exist_reuses_the_patient_of_an_earlier_order() {
    let s = serve();
    let mut first = order(3);
    // The samples create their Patient outright (GOMS alpha has no conditional create); the
    // broker supports `ifNoneExist`, so both orders ask for it here.
    let nhs = first["entry"][1]["resource"]["identifier"][0]["value"].as_str().unwrap().to_owned();
    first["entry"][1]["request"]["ifNoneExist"] = json!(format!("identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}"));
    let mut second = order(7);
    // Same patient (NHS number) as the first order: identical ifNoneExist and identifier.
    second["entry"][1] = first["entry"][1].clone();
    second["entry"][1]["fullUrl"] = json!("urn:uuid:7b7c8a9e-1111-4c57-8d6b-1d5a0e6c9b21");
    second["entry"][2]["resource"]["subject"]["reference"] = json!("urn:uuid:7b7c8a9e-1111-4c57-8d6b-1d5a0e6c9b21");
    second["entry"][3]["resource"]["subject"]["reference"] = json!("urn:uuid:7b7c8a9e-1111-4c57-8d6b-1d5a0e6c9b21");
    let a = s.post("", &first);
    let b = s.post("", &second);
    assert_eq!((a.status, b.status), (200, 200), "{}", b.body);
    assert_eq!(b.body["entry"][1]["response"]["status"], "200 OK");
    assert_eq!(a.location_of("Patient"), b.location_of("Patient"));
    assert_eq!(s.get(&format!("Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}")).total(), 1);
    assert_eq!(s.get(&b.location_of("ServiceRequest")).body["subject"]["reference"], a.location_of("Patient").as_str());
}

#[test]
fn a_failed_transaction_answers_per_entry_and_stores_nothing() {
    let s = serve();
    let mut bad = order(2);
    bad["entry"][3]["resource"]["subject"]["reference"] = json!("Patient/does-not-exist");
    let r = s.post("", &bad);
    assert_eq!(r.status, 422);
    let entries = r.body["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 4, "one response per submitted entry");
    let st: Vec<&str> = entries.iter().map(|e| e["response"]["status"].as_str().unwrap()).collect();
    assert_eq!(st, ["200 OK", "200 OK", "200 OK", "422 Unprocessable Entity"]);
    for e in entries {
        assert_eq!(e["response"]["outcome"]["resourceType"], "OperationOutcome");
        assert!(e["response"].get("location").is_none());
    }
    // The validator notes that the reference is left to the server (GOM-REF-003, information);
    // the broker finds nothing there.
    assert_eq!(r.error_codes(), ["GOM-SRV-001"]);
    let issue = r.entry_error(3);
    assert_eq!(issue["details"]["coding"][0]["code"], "GOM-SRV-001");
    assert_eq!(issue["expression"][0], "Bundle.entry[3].resource.subject.reference");
    for t in ["Patient", "ServiceRequest", "Specimen", "PractitionerRole"] {
        assert_eq!(s.get(t).total(), 0, "{t} was stored by a failed transaction");
    }
}

#[test]
fn validator_errors_fail_the_transaction_with_422() {
    let s = serve();
    let mut batch = order(4);
    batch["type"] = json!("batch");
    let r = s.post("", &batch);
    assert_eq!(r.status, 422);
    assert_eq!(r.body["entry"].as_array().unwrap().len(), 4);
    assert!(r.codes().iter().all(|c| c == "GOM-BDL-002"), "{:?}", r.codes());
    let mut delete = order(4);
    delete["entry"][0]["request"]["method"] = json!("DELETE");
    let r = s.post("", &delete);
    assert_eq!(r.status, 422);
    assert_eq!(r.body["entry"][0]["response"]["status"], "422 Unprocessable Entity");
    assert_eq!(r.body["entry"][1]["response"]["status"], "200 OK");
    assert_eq!(s.get("ServiceRequest").total(), 0);
}

#[test]
fn put_entries_bump_the_version_and_honour_if_match() {
    let s = serve();
    let sr = s.post("", &order(5)).location_of("ServiceRequest");
    let mut res = s.get(&sr).body;
    res["priority"] = json!("urgent");
    let put = |res: &Value, if_match: &str| {
        json!({"resourceType": "Bundle", "type": "transaction", "entry": [{
            "fullUrl": format!("http://localhost/FHIR/R4/{sr}"),
            "resource": res,
            "request": {"method": "PUT", "url": sr, "ifMatch": if_match}
        }]})
    };
    let r = s.post("", &put(&res, "W/\"1\""));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["entry"][0]["response"]["location"], format!("{sr}/_history/2"));
    assert_eq!(r.body["entry"][0]["response"]["etag"], "W/\"2\"");
    res["priority"] = json!("asap");
    let stale = s.post("", &put(&res, "W/\"1\""));
    assert_eq!(stale.status, 412);
    assert_eq!(stale.body["entry"][0]["response"]["status"], "412 Precondition Failed");
    assert_eq!(stale.error_codes(), ["GOM-SRV-006"]);
    // Besides the refusal, only the notes that the stored resource's references are the server's.
    assert!(stale.codes().iter().all(|c| c == "GOM-SRV-006" || c == "GOM-REF-003"), "{:?}", stale.codes());
    let now = s.get(&sr);
    assert_eq!((now.body["priority"].as_str(), now.etag.as_deref()), (Some("urgent"), Some("W/\"2\"")));
}

#[test]
fn relative_references_resolve_against_restful_full_urls_and_sent_ids() {
    let s = serve();
    // A bare order (the profiles' warnings aside): the GraphDefinition needs its requester.
    let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "http://example.org/fhir/Patient/P1", "request": {"method": "POST", "url": "Patient"},
         "resource": {"resourceType": "Patient", "id": "P1"}},
        {"fullUrl": "http://example.org/fhir/ServiceRequest/S1", "request": {"method": "POST", "url": "ServiceRequest"},
         "resource": {"resourceType": "ServiceRequest", "id": "S1", "status": "active", "intent": "order",
                      "subject": {"reference": "Patient/P1"},
                      "requester": {"reference": "http://example.org/fhir/PractitionerRole/R1"}}},
        {"fullUrl": "http://example.org/fhir/PractitionerRole/R1", "request": {"method": "POST", "url": "PractitionerRole"},
         "resource": {"resourceType": "PractitionerRole", "id": "R1",
                      "organization": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RGT01"}}}},
        {"fullUrl": "urn:uuid:0a6c2bd0-7c1f-4d43-9b8e-2f1b5b0c7f11", "request": {"method": "POST", "url": "Specimen"},
         "resource": {"resourceType": "Specimen", "subject": {"reference": "Patient/P1"},
                      "request": [{"reference": "http://example.org/fhir/ServiceRequest/S1"}]}}
    ]});
    let r = s.post("", &bundle);
    assert_eq!(r.status, 200, "{}", r.body);
    let (pat, sr, sp) = (r.location_of("Patient"), r.location_of("ServiceRequest"), r.location_of("Specimen"));
    assert_ne!(pat, "Patient/P1", "POST ignores the sent id");
    let srv = s.get(&sr).body;
    assert_eq!(srv["subject"]["reference"], pat.as_str());
    assert_eq!(srv["requester"]["reference"], r.location_of("PractitionerRole").as_str());
    let spv = s.get(&sp).body;
    assert_eq!(spv["subject"]["reference"], pat.as_str(), "`Patient/P1` names the entry sent with that id");
    assert_eq!(spv["request"][0]["reference"], sr.as_str());
}

#[test]
fn upstream_goms_order_examples_are_accepted() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared is absent; skipping the upstream GOMS examples");
        return;
    };
    let dir = shared.join("research/fixtures/goms-oas");
    let s = serve();
    let mut seen = 0;
    // Expected refusals, each (error code, words of its text), with the reason:
    // - the re-analysis example points at an earlier order by its id on the upstream server
    //   (`ServiceRequest/ServiceRequest-NonWGSTestOrderForm-Example`), which this broker never
    //   holds under that id: seed 002's referential integrity rejects it;
    // - the WGS example's Consent (entry 16) has no `patient`, which the genomics-test-order
    //   GraphDefinition requires (1..1): the validator rejects it before the broker looks at
    //   its reference to the earlier order.
    let cases: [(&str, Option<(&str, &str)>); 3] = [
        ("POST-FHIR-R4-request__Non-WGS-Test-Request-Rare-Disease.json", None),
        ("POST-FHIR-R4-request__WGS-Test-Request-Rare-Disease.json", Some(("GOM-GRAPH-002", "`Consent.patient`"))),
        ("POST-FHIR-R4-request__Re-analysis-R387.json", Some(("GOM-SRV-001", "`ServiceRequest/"))),
    ];
    for (name, refusal) in cases {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else { continue };
        seen += 1;
        let bundle: Value = serde_json::from_str(&text).unwrap();
        let r = s.post("", &bundle);
        if let Some((code, words)) = refusal {
            assert_eq!(r.status, 422, "{name}");
            let errors: Vec<&Value> = r.issues().filter(|i| i["severity"] == "error").collect();
            assert!(!errors.is_empty(), "{name}");
            for i in errors {
                let text = i["details"]["text"].as_str().unwrap();
                assert_eq!(i["details"]["coding"][0]["code"], code, "{name}: {text}");
                assert!(text.contains(words), "{name}: {text}");
            }
            continue;
        }
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        let n = bundle["entry"].as_array().unwrap().len();
        assert_eq!(r.locations().len(), n);
        for loc in r.locations() {
            let res = s.get(&loc).body;
            let left: Vec<String> =
                crate::strings(&res).into_iter().filter(|x| x.starts_with("http://example.org")).collect();
            assert!(left.is_empty(), "{name}: {loc} keeps in-bundle URLs {left:?}");
        }
    }
    assert!(seen > 0, "no upstream example found in {}", dir.display());
}
