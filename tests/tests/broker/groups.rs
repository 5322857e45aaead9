//! The broker's group-level workflow: a RequestGroup follows the orders it lists (domain.md
//! §1.5), and each order gets the Task library its test calls for: re-analysis, DNA storage,
//! and a Duo or Trio with an input set per participant.

use gom_core::compose::{compose, Coded, CounterIds, Draft, Participant, Person, SpecimenDraft};
use serde_json::{json, Value};

use crate::client::{serve, Server};
use crate::order;

const PLACER: [(&str, &str); 3] =
    [("Content-Type", "application/fhir+json"), ("X-Gom-Role", "placer"), ("X-Gom-Actor", "RGT01")];

fn put_status(s: &Server, path: &str, status: &str) {
    let mut v = s.get(path).body;
    v["status"] = json!(status);
    let r = s.request("PUT", path, &PLACER, Some(&serde_json::to_vec(&v).unwrap()));
    assert_eq!(r.status, 200, "{path} → {status}: {}", r.body);
}

/// A RequestGroup listing `orders`, as a client would post it.
fn request_group(orders: &[&str], subject: &Value) -> Value {
    json!({
        "resourceType": "RequestGroup", "status": "active", "intent": "order",
        "identifier": [{"system": "https://fhir.nhs.uk/local-identifier/requisition", "value": "REQ-1"}],
        "subject": subject,
        "action": orders.iter().map(|o| json!({"resource": {"reference": o}})).collect::<Vec<_>>()
    })
}

/// Creates a RequestGroup through a transaction; its `RequestGroup/id`.
fn post_group(s: &Server, rg: &Value) -> String {
    let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [{
        "fullUrl": "urn:uuid:7a1c0d9e-0000-4000-8000-000000000001", "resource": rg,
        "request": {"method": "POST", "url": "RequestGroup"}}]});
    let r = s.post("", &bundle);
    assert_eq!(r.status, 200, "{}", r.body);
    r.location_of("RequestGroup")
}

fn tasks(s: &Server, sr: &str) -> Vec<Value> {
    s.get(&format!("Task?focus={sr}&_count=100")).resources()
}

fn codes(tasks: &[Value]) -> Vec<String> {
    tasks.iter().map(|t| t["code"]["coding"][0]["code"].as_str().unwrap_or_default().to_owned()).collect()
}

/// One order (0 or 1) moved to a status.
type Step = (usize, &'static str);

#[test]
fn a_request_group_follows_its_orders() {
    // (what happens to each order in turn, the group's status after each step)
    let cases: &[(&[Step], &[&str])] = &[
        (&[(0, "revoked"), (1, "completed")], &["active", "completed"]),
        (&[(0, "revoked"), (1, "revoked")], &["active", "revoked"]),
        (
            &[(0, "completed"), (1, "on-hold"), (1, "active"), (1, "completed")],
            &["active", "active", "active", "completed"],
        ),
    ];
    for (n, (steps, want)) in cases.iter().enumerate() {
        let s = serve();
        let a = s.post("", &order(60 + 2 * n as u64)).location_of("ServiceRequest");
        let b = s.post("", &order(61 + 2 * n as u64)).location_of("ServiceRequest");
        let lone = s.post("", &order(90 + n as u64)).location_of("ServiceRequest");
        let subject = s.get(&a).body["subject"].clone();
        let rg = post_group(&s, &request_group(&[&a, &b], &subject));
        let lone_rg = post_group(&s, &request_group(&[&lone], &subject));
        let mut versions = 1;
        let mut last = "active".to_owned();
        for ((who, status), want) in steps.iter().zip(want.iter()) {
            put_status(&s, [&a, &b][*who], status);
            let now = s.get(&rg).body;
            if now["status"] != last {
                versions += 1;
            }
            assert_eq!(now["status"], *want, "case {n}: order {who} → {status}");
            assert_eq!(now["meta"]["versionId"], versions.to_string(), "case {n}: one version per move");
            last = want.to_string();
        }
        // A revoked order's Tasks were cancelled in the same commit that moved the group.
        if steps.iter().any(|(_, st)| *st == "revoked") {
            let revoked = [&a, &b][steps.iter().position(|(_, st)| *st == "revoked").unwrap_or(0)];
            assert!(tasks(&s, revoked).iter().all(|t| t["status"] == "cancelled"));
        }
        assert_eq!(s.get(&lone_rg).body["meta"]["versionId"], "1", "a group that lists none of them stays");
    }
}

#[test]
fn task_changes_leave_a_group_whose_orders_are_open() {
    let s = serve();
    let a = s.post("", &order(70)).location_of("ServiceRequest");
    let subject = s.get(&a).body["subject"].clone();
    let rg = post_group(&s, &request_group(&[&a], &subject));
    let id = a.trim_start_matches("ServiceRequest/");
    for _ in 0..3 {
        assert_eq!(s.request("POST", &format!("/lab/step?order={id}"), &[], None).status, 200);
    }
    let g = s.get(&rg).body;
    assert_eq!((g["status"].as_str(), g["meta"]["versionId"].as_str()), (Some("active"), Some("1")));
    // A draft group moves to active as soon as one of its orders changes.
    let mut draft = request_group(&[&a], &subject);
    draft["status"] = json!("draft");
    let rg2 = post_group(&s, &draft);
    put_status(&s, &a, "on-hold");
    assert_eq!(s.get(&rg2).body["status"], "active");
    put_status(&s, &a, "active");
    assert_eq!(s.get(&rg2).body["meta"]["versionId"], "2", "no new version when the status stays");
    put_status(&s, &a, "completed");
    assert_eq!(
        (s.get(&rg).body["status"].as_str(), s.get(&rg2).body["status"].as_str()),
        (Some("completed"), Some("completed"))
    );
}

/// Order `n` with its ServiceRequest's test and reason for testing replaced.
fn order_for(n: u64, code: Value, category: Option<Value>) -> Value {
    let mut o = order(n);
    let sr = &mut o["entry"][2]["resource"];
    assert_eq!(sr["resourceType"], "ServiceRequest");
    sr["code"] = code;
    if let Some(c) = category {
        sr["category"] = c;
    }
    o
}

#[test]
fn each_order_gets_the_library_its_test_calls_for() {
    let s = serve();
    let reanalysis = json!({"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/England-GenomicTestDirectory", "code": "R387", "display": "Re-analysis"}]});
    let storage = json!([{"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/rare-diseaseTesting-genomics", "code": "sample-storage"}]}]);
    let general = s.post("", &order(80)).location_of("ServiceRequest");
    let plain_code = s.get(&general).body["code"].clone();
    let cases = [
        (
            order_for(81, reanalysis, None),
            vec![
                "process-genomic-test-request",
                "request-sample-alignment",
                "interpretation",
                "produce-interim-report",
                "genomic-mdt",
                "produce-final-report",
                "distribute-report",
            ],
        ),
        (
            order_for(82, plain_code, Some(storage)),
            vec![
                "process-genomic-test-request",
                "request-sample-alignment",
                "sample-preparation",
                "produce-final-report",
                "distribute-report",
            ],
        ),
    ];
    assert_eq!(tasks(&s, &general).len(), 10);
    for (bundle, want) in cases {
        let r = s.post("", &bundle);
        assert_eq!(r.status, 200, "{}", r.body);
        let sr = r.location_of("ServiceRequest");
        let got = tasks(&s, &sr);
        assert_eq!(codes(&got), want, "{}", s.get(&sr).body["code"]);
        assert_eq!(got[0]["status"], "requested");
        assert!(got[1..].iter().all(|t| t["status"] == "draft"));
    }
}

fn person(nhs: &str, given: &str) -> Person {
    Person {
        nhs_number: nhs.into(),
        given_name: given.into(),
        family_name: "Example".into(),
        birth_date: "1990-01-01".into(),
        sex: "female".into(),
        ethnic_category: "Z".into(),
        residential_status: "H".into(),
        ..Default::default()
    }
}

fn specimen(key: &str) -> SpecimenDraft {
    SpecimenDraft {
        key: key.into(),
        local_id: format!("S-{key}"),
        kind: Coded::new("http://snomed.info/sct", "445295009", "Blood specimen with EDTA"),
        collected: "2026-02-17".into(),
        ..Default::default()
    }
}

/// A Trio order as the portal composes it: one ServiceRequest with a requisition, the
/// proband's and each parent's Specimens (two for the proband).
fn trio() -> Value {
    let mut d = Draft { patient: person("9449301042", "Robin"), ..Default::default() };
    d.test.code = "R98.2".into();
    d.reason = "diagnostic".into();
    d.requester.sds_user_id = "555012345680".into();
    d.requester.ods = "RR8".into();
    d.requester.phone = "0113 000 0000".into();
    d.performer.ods = "R0A".into();
    d.specimens = vec![specimen("p1"), specimen("p2")];
    for (nhs, given, rel, key) in [("9449301050", "Sam", "NMTH", "m1"), ("9449301069", "Alex", "NFTH", "f1")] {
        d.participants.push(Participant {
            person: person(nhs, given),
            relationship: Coded::new("http://terminology.hl7.org/CodeSystem/v3-RoleCode", rel, rel),
            specimens: vec![specimen(key)],
            consent: None,
        });
    }
    compose(&d, &mut CounterIds::new(), "2026-03-01T10:00:00Z")
}

#[test]
fn a_trio_gets_one_library_with_an_input_set_per_participant() {
    let s = serve();
    let r = s.post("", &trio());
    assert_eq!(r.status, 200, "{}", r.body);
    let sr = r.location_of("ServiceRequest");
    let specimens: Vec<Value> =
        r.locations().iter().filter(|l| l.starts_with("Specimen/")).map(|l| s.get(l).body).collect();
    assert_eq!(specimens.len(), 4);
    let whose = |sp: &str| {
        specimens
            .iter()
            .find(|x| sp.ends_with(x["id"].as_str().unwrap_or("?")))
            .map(|x| x["subject"]["reference"].clone())
    };
    let got = tasks(&s, &sr);
    // Four specimens: four Tasks for each per-specimen stage, one for the rest.
    let per_code = |c: &str| got.iter().filter(|t| t["code"]["coding"][0]["code"] == c).count();
    assert_eq!(
        ["request-sample-alignment", "sample-preparation", "sample-processing", "interpretation"].map(per_code),
        [4, 4, 4, 1]
    );
    assert_eq!(got.len(), 7 + 3 * 4);
    for t in &got {
        let inputs: Vec<&str> = t["input"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["valueReference"]["reference"].as_str())
            .collect();
        if per_code(t["code"]["coding"][0]["code"].as_str().unwrap()) == 4 {
            assert_eq!(inputs.len(), 1, "{t}");
            continue;
        }
        // Every Specimen, grouped by person: the proband's two, then the mother's, the father's.
        assert_eq!(inputs.len(), 4, "{t}");
        let people: Vec<Value> = inputs.iter().filter_map(|i| whose(i)).collect();
        assert_eq!(people.len(), 4);
        assert_eq!(people[0], people[1]);
        assert!(people[1] != people[2] && people[2] != people[3] && people[0] != people[3], "{people:?}");
        assert_eq!(people[0], s.get(&sr).body["subject"]["reference"]);
    }
}

#[test]
fn a_duo_of_two_orders_gets_one_library_on_the_probands_order() {
    let s = serve();
    let (mut proband, mut relative) = (order(110), order(111));
    let requisition = json!({"system": "https://fhir.nhs.uk/local-identifier/requisition", "value": "REQ-DUO-1"});
    // Both orders share the requisition; only the proband's carries the role (the required value
    // set `genomics-patient-role` has `proband` and `consultand`, nothing for a relative).
    for o in [&mut proband, &mut relative] {
        o["entry"][2]["resource"]["requisition"] = requisition.clone();
    }
    proband["entry"][2]["resource"]["extension"].as_array_mut().unwrap().push(json!({
        "url": "https://fhir.nhs.uk/England/StructureDefinition/Extension-Genomic-Patient-Role",
        "valueCodeableConcept": {"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/patient-role-genomics", "code": "proband"}]}
    }));
    // The relative's order comes first in the transaction: the library still goes to the proband.
    let mut entries = relative["entry"].as_array().unwrap().clone();
    entries.extend(proband["entry"].as_array().unwrap().iter().cloned());
    let duo = json!({"resourceType": "Bundle", "type": "transaction", "entry": entries});
    let r = s.post("", &duo);
    assert_eq!(r.status, 200, "{}", r.body);
    let orders: Vec<String> = r.locations().into_iter().filter(|l| l.starts_with("ServiceRequest/")).collect();
    let specimens: Vec<String> = r.locations().into_iter().filter(|l| l.starts_with("Specimen/")).collect();
    assert_eq!((orders.len(), specimens.len()), (2, 2));
    let (mother_sr, proband_sr) = (&orders[0], &orders[1]);
    assert!(tasks(&s, mother_sr).is_empty(), "the relative's order has no library of its own");
    let got = tasks(&s, proband_sr);
    assert_eq!(got.len(), 10 + 3, "one library, the per-specimen stages twice");
    for t in &got {
        let inputs: Vec<&str> = t["input"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["valueReference"]["reference"].as_str())
            .collect();
        let per_specimen = ["request-sample-alignment", "sample-preparation", "sample-processing"]
            .contains(&t["code"]["coding"][0]["code"].as_str().unwrap());
        if per_specimen {
            assert_eq!(inputs.len(), 1, "{t}");
        } else {
            // The proband's Specimen, then the mother's.
            assert_eq!(inputs, [specimens[1].as_str(), specimens[0].as_str()], "{t}");
        }
    }
}

#[test]
fn the_same_order_sent_twice_gets_a_library_each_time() {
    // A resubmitted draft: same patient, same requisition. It is a second order, not a relative's
    // order joining the first one's Duo/Trio, so it must get its own Tasks.
    let s = serve();
    let mut o = order(130);
    o["entry"][2]["resource"]["requisition"] =
        json!({"system": "https://fhir.nhs.uk/local-identifier/requisition", "value": "REQ-AGAIN-1"});
    let first = s.post("", &o);
    assert_eq!(first.status, 200, "{}", first.body);
    let second = s.post("", &o);
    assert_eq!(second.status, 200, "{}", second.body);
    let (a, b) = (first.location_of("ServiceRequest"), second.location_of("ServiceRequest"));
    assert_ne!(a, b);
    assert_eq!(tasks(&s, &a).len(), 10, "the first order's library");
    assert_eq!(tasks(&s, &b).len(), 10, "the second order gets its own library");
}
