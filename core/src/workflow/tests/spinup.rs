use serde_json::{json, Value as J};

use crate::workflow::{due_for_request, plan_spin_up, specimens_for, task_codes, SpinUp, Variant};

fn sr() -> J {
    json!({
        "resourceType": "ServiceRequest", "id": "sr1", "status": "active",
        "subject": {"reference": "Patient/p1"},
        "requester": {"reference": "PractitionerRole/pr1"},
        "performer": [{"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RJ1"}}]
    })
}

fn plan(sr: &J, specimens: &[&str], variant: Variant) -> SpinUp {
    let mut n = 0;
    let mut ids = || {
        n += 1;
        format!("t{n}")
    };
    let specimens: Vec<String> = specimens.iter().map(|s| s.to_string()).collect();
    plan_spin_up(sr, &specimens, variant, &mut ids, "2023-08-05T10:00:00Z")
}

/// `code[xN]` per code in order (abbreviated to its first two words).
fn check(specimens: &[&str], variant: Variant, expected: &str) {
    let p = plan(&sr(), specimens, variant);
    let mut got: Vec<String> = Vec::new();
    for def in task_codes() {
        let n = p.tasks.iter().filter(|t| t.code == def.code).count();
        if n > 0 {
            let short = def.code.split('-').take(2).collect::<Vec<_>>().join("-");
            got.push(if n == 1 { short } else { format!("{short}x{n}") });
        }
    }
    assert_eq!(got.join(" "), expected, "{variant:?} {specimens:?}");
}

#[test]
fn the_library_per_variant_and_specimen() {
    let all =
        "process-genomic request-samplex2 sample-preparationx2 sample-processingx2 genetic-genomic interpretation \
               produce-interim genomic-mdt produce-final distribute-report";
    check(&["Specimen/a", "Specimen/b"], Variant::General, all);
    check(
        &[],
        Variant::General,
        "process-genomic request-sample sample-preparation sample-processing genetic-genomic interpretation \
         produce-interim genomic-mdt produce-final distribute-report",
    );
    check(
        &["Specimen/a", "Specimen/b"],
        Variant::Reanalysis,
        "process-genomic request-sample interpretation produce-interim genomic-mdt produce-final distribute-report",
    );
    check(
        &["Specimen/a", "Specimen/b"],
        Variant::DnaStorage,
        "process-genomic request-samplex2 sample-preparationx2 produce-final distribute-report",
    );
    assert_eq!(plan(&sr(), &[], Variant::General).tasks.len(), 10);
}

#[test]
fn tasks_are_draft_resources_with_prerequisites_along_the_ngtp() {
    let p = plan(&sr(), &["Specimen/a", "Specimen/b"], Variant::General);
    assert!(p.diagnostics.is_empty());
    let by_id = |id: &str| p.tasks.iter().find(|t| t.id == id).unwrap();
    assert_eq!(by_id("t1").code, "process-genomic-test-request");
    assert!(by_id("t1").prerequisites.is_empty());
    // Alignment per specimen waits for the process Task; preparation for its own specimen's alignment.
    assert_eq!(by_id("t2").prerequisites, ["t1"]);
    assert_eq!((by_id("t4").code, by_id("t4").specimen.as_deref()), ("sample-preparation", Some("Specimen/a")));
    assert_eq!(by_id("t4").prerequisites, ["t2"]);
    // Data processing waits for every sample-processing Task.
    assert_eq!(by_id("t8").code, "genetic-genomic-data-processing");
    assert_eq!(by_id("t8").prerequisites, ["t6", "t7"]);
    let r = &p.resources[3];
    assert_eq!(r["status"], "draft");
    assert_eq!(r["focus"]["reference"], "ServiceRequest/sr1");
    assert_eq!(r["for"]["reference"], "Patient/p1");
    assert_eq!(r["owner"]["identifier"]["value"], "RJ1");
    assert_eq!(r["input"][0]["valueReference"]["reference"], "Specimen/a");
    assert_eq!(r["authoredOn"], "2023-08-05T10:00:00Z");
    assert_eq!(p.resources.len(), p.tasks.len());
}

#[test]
fn no_tasks_for_a_request_that_is_not_active_or_incomplete() {
    for (change, word) in [
        (json!({"status": "draft"}), "`draft`"),
        (json!({"id": null}), "`id`"),
        (json!({"subject": null, "requester": null}), "`subject` or `requester`"),
    ] {
        let sr = super::with(&sr(), change);
        let p = plan(&sr, &[], Variant::General);
        assert!(p.tasks.is_empty());
        assert_eq!(p.diagnostics[0].code, "GOM-WF-034");
        assert!(p.diagnostics[0].message.contains(word), "{}", p.diagnostics[0].message);
    }
}

/// Moves the due Tasks to `requested` and returns their codes (with specimen).
fn promote(tasks: &mut [J]) -> Vec<String> {
    let due = due_for_request(&tasks.iter().collect::<Vec<_>>());
    let mut out = Vec::new();
    for i in due {
        tasks[i]["status"] = json!("requested");
        let sp = tasks[i]["input"][0]["valueReference"]["reference"].as_str().unwrap_or("");
        out.push(format!(
            "{}{}",
            tasks[i]["code"]["coding"][0]["code"].as_str().unwrap(),
            sp.trim_start_matches("Specimen/")
        ));
    }
    out
}

fn finish(tasks: &mut [J], code: &str, status: &str) {
    let t = tasks.iter_mut().find(|t| t["code"]["coding"][0]["code"] == code && t["status"] == "requested");
    t.expect("a requested Task with this code")["status"] = json!(status);
}

#[test]
fn promotion_follows_completion() {
    let mut tasks = plan(&sr(), &["Specimen/a", "Specimen/b"], Variant::General).resources;
    assert_eq!(promote(&mut tasks), ["process-genomic-test-request"]);
    assert_eq!(promote(&mut tasks), Vec::<String>::new());
    finish(&mut tasks, "process-genomic-test-request", "completed");
    assert_eq!(promote(&mut tasks), ["request-sample-alignmenta", "request-sample-alignmentb"]);
    finish(&mut tasks, "request-sample-alignment", "completed");
    assert_eq!(promote(&mut tasks), ["sample-preparationa"]);
    // A failed Task blocks its stage until a replacement completes.
    finish(&mut tasks, "request-sample-alignment", "failed");
    assert_eq!(promote(&mut tasks), Vec::<String>::new());
    let mut again = tasks[2].clone();
    again["status"] = json!("completed");
    tasks.push(again);
    assert_eq!(promote(&mut tasks), ["sample-preparationb"]);
}

#[test]
fn specimens_referenced_both_ways_without_parents() {
    let sr = super::with(
        &sr(),
        json!({"specimen": [{"reference": "Specimen/a"}, {"reference": "Specimen/child"}, {"reference": "Specimen/a"}]}),
    );
    let a = json!({"resourceType": "Specimen", "id": "a", "request": [{"reference": "ServiceRequest/sr1"}]});
    let child = json!({"resourceType": "Specimen", "id": "child", "parent": [{"reference": "Specimen/a"}]});
    let b = json!({"resourceType": "Specimen", "id": "b", "request": [{"reference": "ServiceRequest/sr1"}]});
    let c = json!({"resourceType": "Specimen", "id": "c", "request": [{"reference": "ServiceRequest/other"}]});
    assert_eq!(specimens_for(&sr, &[&a, &child, &b, &c]), ["Specimen/a", "Specimen/b"]);
}

#[test]
fn the_variant_a_request_calls_for() {
    let cases = [
        (json!({"code": {"coding": [{"code": "R387", "display": "Re-analysis"}]}}), Variant::Reanalysis),
        (
            json!({"code": {"coding": [{"code": "R59"}], "text": "Re-interpretation of a WGS result"}}),
            Variant::Reanalysis,
        ),
        (json!({"category": [{"coding": [{"code": "reanalysis"}]}]}), Variant::Reanalysis),
        (json!({"category": [{"coding": [{"code": "sample-storage"}]}]}), Variant::DnaStorage),
        (json!({"code": {"coding": [{"code": "R346", "display": "DNA storage"}]}}), Variant::DnaStorage),
        (json!({"code": {"coding": [{"code": "R67.2", "display": "Monogenic hearing loss"}]}}), Variant::General),
        (json!({"code": "R387", "category": [{"coding": "x"}]}), Variant::General),
        (json!({}), Variant::General),
    ];
    for (sr, want) in cases {
        assert_eq!(Variant::of_request(&sr), want, "{sr}");
    }
}

#[test]
fn a_trio_gives_every_whole_test_task_each_participants_specimens() {
    let mut p = plan(&sr(), &["Specimen/a", "Specimen/m", "Specimen/f"], Variant::General);
    let people = vec![vec!["Specimen/a".to_owned()], vec!["Specimen/m".to_owned()], vec!["Specimen/f".to_owned()]];
    crate::workflow::add_participant_inputs(&mut p, &people);
    for (t, r) in p.tasks.iter().zip(&p.resources) {
        let inputs: Vec<&str> = r["input"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["valueReference"]["reference"].as_str())
            .collect();
        match &t.specimen {
            Some(sp) => assert_eq!(inputs, [sp.as_str()], "{}", t.code),
            None => assert_eq!(inputs, ["Specimen/a", "Specimen/m", "Specimen/f"], "{}", t.code),
        }
    }
    // The whole-test Tasks still wait for every specimen's processing, not the first one's.
    let mut tasks = p.resources.clone();
    let processing: Vec<usize> = (0..tasks.len()).filter(|&i| p.tasks[i].code == "sample-processing").collect();
    for &i in &processing[..2] {
        tasks[i]["status"] = json!("completed");
    }
    for t in tasks.iter_mut().filter(|t| t["code"]["coding"][0]["code"] != "sample-processing") {
        if t["status"] == "draft" && t["code"]["coding"][0]["code"] != "genetic-genomic-data-processing" {
            t["status"] = json!("completed");
        }
    }
    let due = due_for_request(&tasks.iter().collect::<Vec<_>>());
    assert!(due.iter().all(|&i| p.tasks[i].code != "genetic-genomic-data-processing"), "due before the third sample");
    tasks[processing[2]]["status"] = json!("completed");
    let due = due_for_request(&tasks.iter().collect::<Vec<_>>());
    assert!(due.iter().any(|&i| p.tasks[i].code == "genetic-genomic-data-processing"));
    // A singleton order is left as it is.
    let before = plan(&sr(), &["Specimen/a"], Variant::General);
    let mut after = before.clone();
    crate::workflow::add_participant_inputs(&mut after, &people[..1]);
    assert_eq!(before, after);
}
