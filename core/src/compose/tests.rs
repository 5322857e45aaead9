use serde_json::{json, Value as J};

use super::*;

const NOW: &str = "2026-03-02T10:00:00Z";

/// A complete singleton order that passes every field check.
fn good() -> J {
    json!({
        "localOrderId": "ORD-1",
        "patient": {
            "nhsNumber": "943 476 5919", "givenName": "Lindsay", "familyName": "Sorrell",
            "birthDate": "2011-04-12", "sex": "female", "ethnicCategory": "A", "residentialStatus": "H"
        },
        "requester": {
            "sdsUserId": "555123456789", "sdsRoleProfileId": "555987654321", "name": "Dr Hazel Smith",
            "ods": "RAX01", "organisationName": "Kingston Hospital", "phone": "020 8546 7711"
        },
        "test": { "code": "R67.2" },
        "reason": "diagnostic",
        "specimens": [{ "key": "s1", "localId": "SP-1", "type": { "system": "http://snomed.info/sct",
            "code": "119297000", "display": "Blood specimen" }, "collected": "2026-03-01" }],
        "performer": { "ods": "R0A" }
    })
}

fn draft(v: J) -> Draft {
    serde_json::from_value(v).unwrap_or_default()
}

/// Applies `patch` (a JSON merge patch, RFC 7386) to the good draft.
fn patched(patch: J) -> Draft {
    fn merge(a: &mut J, b: J) {
        match (a, b) {
            (J::Object(a), J::Object(b)) => {
                for (k, v) in b {
                    if v.is_null() {
                        a.remove(&k);
                    } else {
                        merge(a.entry(k).or_insert(J::Null), v);
                    }
                }
            }
            (a, b) => *a = b,
        }
    }
    let mut v = good();
    merge(&mut v, patch);
    draft(v)
}

/// `severity code field` per finding.
fn check(d: &Draft, expected: &[&str]) {
    let got: Vec<String> = check_draft(d, NOW)
        .iter()
        .map(|d| format!("{} {} {}", d.severity, d.code, d.expression.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_complete_draft_has_no_findings() {
    check(&draft(good()), &[]);
}

#[test]
fn an_empty_draft_names_every_required_field() {
    check(
        &Draft::default(),
        &[
            "error GOM-DRAFT-001 patient.nhsNumber",
            "error GOM-DRAFT-001 patient.givenName",
            "error GOM-DRAFT-001 patient.familyName",
            "error GOM-DRAFT-001 patient.birthDate",
            "error GOM-DRAFT-001 patient.sex",
            "warning GOM-DRAFT-012 patient.ethnicCategory",
            "warning GOM-DRAFT-012 patient.residentialStatus",
            "error GOM-DRAFT-001 requester.sdsUserId",
            "warning GOM-DRAFT-012 requester.sdsRoleProfileId",
            "error GOM-DRAFT-001 requester.ods",
            "error GOM-DRAFT-001 requester.phone",
            "error GOM-DRAFT-001 test.code",
            "error GOM-DRAFT-001 reason",
            "warning GOM-DRAFT-012 specimens",
            "error GOM-DRAFT-001 performer.ods",
        ],
    );
}

#[test]
fn field_checks() {
    for (patch, expected) in [
        (json!({"patient": {"nhsNumber": "9434765918"}}), "error GOM-DRAFT-002 patient.nhsNumber"),
        (json!({"patient": {"nhsNumber": "12345"}}), "error GOM-DRAFT-002 patient.nhsNumber"),
        (json!({"patient": {"nhsNumber": "", "localId": "RWT1"}}), ""),
        (json!({"patient": {"birthDate": "2030-01-01"}}), "error GOM-DRAFT-004 patient.birthDate|warning GOM-DRAFT-011 specimens[0].collected"),
        (json!({"patient": {"birthDate": "2023-02-29"}}), "error GOM-DRAFT-003 patient.birthDate"),
        (json!({"patient": {"birthDate": "12/04/2011"}}), "error GOM-DRAFT-003 patient.birthDate"),
        (json!({"patient": {"sex": "F"}}), "error GOM-DRAFT-006 patient.sex"),
        (json!({"patient": {"ethnicCategory": "Q"}}), "error GOM-DRAFT-006 patient.ethnicCategory"),
        (json!({"requester": {"ods": "R!"}}), "warning GOM-DRAFT-007 requester.ods"),
        (json!({"requester": {"phone": "", "email": "a@nhs.net"}}), ""),
        (json!({"test": {"code": "R999"}}), "error GOM-DRAFT-005 test.code"),
        (json!({"reason": "prognostic"}), "error GOM-DRAFT-006 reason"),
        (json!({"test": {"code": "M3"}, "reason": "prognostic"}), ""),
        (json!({"priority": "whenever"}), "error GOM-DRAFT-006 priority"),
        (json!({"priority": "urgent"}), ""),
        (json!({"specimens": [{"key": "s1", "localId": "x", "type": {"code": "1"}, "collected": "2026-03-02T09:00:00Z"}]}), ""),
        (json!({"specimens": [{"key": "s1", "localId": "x", "type": {"code": "1"}, "collected": "2026-03-02T25:00:00Z"}]}), "error GOM-DRAFT-003 specimens[0].collected"),
        (json!({"specimens": [{"key": "s1", "localId": "x", "type": {"code": "1"}, "collected": "2026-03-03"}]}), "error GOM-DRAFT-004 specimens[0].collected"),
        (json!({"specimens": [{"key": "s1", "localId": "x", "type": {"code": "1"}, "collected": "2010-01-01"}]}), "warning GOM-DRAFT-011 specimens[0].collected"),
        (json!({"specimens": [{"key": "s1", "type": {"code": "1"}, "collected": "2026-01-01", "status": "lost"}]}), "error GOM-DRAFT-001 specimens[0].localId|error GOM-DRAFT-006 specimens[0].status"),
        (json!({"consent": {"status": "active"}}), "error GOM-DRAFT-001 consent.date"),
        (json!({"consent": {"status": "draft"}}), ""),
        (json!({"consent": {"status": "yes", "date": "2026-02-01"}}), "error GOM-DRAFT-006 consent.status"),
        (json!({"indication": {"conditions": [{"code": {}}], "observations": [{"code": {"display": "Cysts"}, "effective": "2026-13-01"}]}}), "error GOM-DRAFT-001 indication.conditions[0].code|error GOM-DRAFT-003 indication.observations[0].effective"),
    ] {
        let d = patched(patch.clone());
        let got: Vec<String> = check_draft(&d, NOW)
            .iter()
            .map(|d| format!("{} {} {}", d.severity, d.code, d.expression.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.join("|"), expected, "{patch}");
    }
}

#[test]
fn specimen_parents_and_keys() {
    let sp = |key: &str, parent: &str| json!({"key": key, "localId": key, "type": {"code": "1"}, "collected": "2026-01-01", "parent": parent});
    for (specimens, expected) in [
        (json!([sp("a", ""), sp("b", "a")]), ""),
        (json!([sp("a", "zz")]), "error GOM-DRAFT-008 specimens[0].parent"),
        (json!([sp("a", "a")]), "error GOM-DRAFT-008 specimens[0].parent"),
        (
            json!([sp("a", "c"), sp("b", "a"), sp("c", "b"), sp("d", "c")]),
            "error GOM-DRAFT-008 specimens[0].parent|error GOM-DRAFT-008 specimens[1].parent|error GOM-DRAFT-008 specimens[2].parent",
        ),
        (json!([sp("a", ""), sp("a", "")]), "error GOM-DRAFT-013 specimens[1].key"),
    ] {
        let got: Vec<String> = check_draft(&patched(json!({ "specimens": specimens })), NOW)
            .iter()
            .map(|d| format!("{} {} {}", d.severity, d.code, d.expression.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.join("|"), expected, "{specimens}");
    }
}

#[test]
fn participants() {
    let person = |nhs: &str| {
        json!({"nhsNumber": nhs, "givenName": "A", "familyName": "B", "birthDate": "1980-01-01", "sex": "female",
               "ethnicCategory": "A", "residentialStatus": "H"})
    };
    let mother = json!({"person": person("9449307539"), "relationship": {"code": "NMTH"}});
    check(&patched(json!({"participants": [mother.clone()]})), &[]);
    check(
        &patched(json!({"test": {"code": "R134"}, "participants": [mother.clone()]})),
        &["error GOM-DRAFT-009 participants"],
    );
    let twin = json!({"person": person("9434765919"), "relationship": {}});
    check(
        &patched(json!({"participants": [mother, twin]})),
        &["error GOM-DRAFT-010 participants[1].person.nhsNumber", "error GOM-DRAFT-001 participants[1].relationship"],
    );
}

/// Every reference names an entry's fullUrl, and every entry is reachable from entry 0 along
/// references, or along the GraphDefinition's reverse links (`Specimen.request`, `Patient.link`).
fn assert_closed(bundle: &J) {
    let entries = bundle["entry"].as_array().cloned().unwrap_or_default();
    let urls: Vec<&str> = entries.iter().filter_map(|e| e["fullUrl"].as_str()).collect();
    let refs: Vec<Vec<(String, String)>> = entries.iter().map(|e| references(&e["resource"], "")).collect();
    let index = |r: &str| urls.iter().position(|u| *u == r);
    for (_, r) in refs.iter().flatten() {
        assert!(index(r).is_some(), "dangling {r}");
    }
    let mut reached = vec![false; entries.len()];
    reached[0] = true;
    for _ in 0..entries.len() {
        for (i, rs) in refs.iter().enumerate() {
            let ty = entries[i]["resource"]["resourceType"].as_str().unwrap_or("");
            for (via, r) in rs {
                let Some(j) = index(r) else { continue };
                if reached[i] {
                    reached[j] = true;
                } else if reached[j]
                    && matches!((ty, via.as_str()), ("Specimen", "request") | ("Patient", "link.other"))
                {
                    reached[i] = true;
                }
            }
        }
    }
    assert!(reached.iter().all(|r| *r), "orphans: {reached:?}");
}

/// Every `reference` string in `v`, with the path of the element holding it.
fn references(v: &J, via: &str) -> Vec<(String, String)> {
    match v {
        J::Object(m) => m
            .iter()
            .flat_map(|(k, v)| match (k.as_str(), v) {
                ("reference", J::String(s)) => vec![(via.to_owned(), s.clone())],
                _ => references(v, &if via.is_empty() { k.clone() } else { format!("{via}.{k}") }),
            })
            .collect(),
        J::Array(a) => a.iter().flat_map(|x| references(x, via)).collect(),
        _ => vec![],
    }
}

#[test]
fn composing_a_singleton() {
    let mut ids = CounterIds::new();
    let b = compose(&draft(good()), &mut ids, NOW);
    assert_eq!(b["type"], "transaction");
    let types: Vec<&str> =
        b["entry"].as_array().into_iter().flatten().filter_map(|e| e["resource"]["resourceType"].as_str()).collect();
    assert_eq!(types, ["ServiceRequest", "Patient", "PractitionerRole", "Specimen"]);
    let sr = &b["entry"][0]["resource"];
    assert_eq!(sr["subject"]["reference"], "urn:uuid:00000000-0000-4000-8000-000000000003");
    assert_eq!(sr["authoredOn"], NOW);
    assert_eq!(sr["code"]["coding"][1]["code"], "GT488");
    assert_eq!(sr["reasonCode"][0]["coding"][0]["code"], "TP439");
    assert_eq!(sr["performer"][0]["identifier"]["value"], "R0A");
    assert_eq!(b["entry"][1]["resource"]["identifier"][0]["value"], "9434765919");
    assert_eq!(b["entry"][3]["request"]["method"], "POST");
    assert_closed(&b);
}

#[test]
fn composing_an_empty_draft_still_gives_a_closed_bundle() {
    let b = compose(&Draft::default(), &mut CounterIds::new(), "");
    assert_eq!(b["entry"].as_array().map(Vec::len), Some(3));
    assert!(b["entry"][0]["resource"].get("authoredOn").is_none());
    assert_closed(&b);
}

#[test]
fn ids_come_from_the_generator() {
    let mut n = 0;
    let mut gen = || {
        n += 1;
        format!("id-{n}")
    };
    let b = compose(&draft(good()), &mut gen, NOW);
    assert_eq!(b["entry"][0]["fullUrl"], "urn:uuid:id-1");
    assert_eq!(CounterIds::new().next_id(), "00000000-0000-4000-8000-000000000001");
}

#[test]
fn the_field_map_points_back_at_the_form() {
    let c = compose_with(
        &patched(json!({"patient": {"birthDate": ""}})),
        &Catalogue::builtin(),
        &mut CounterIds::new(),
        NOW,
    );
    for (expr, field) in [
        ("Bundle.entry[0].resource.subject.reference", "patient"),
        ("Bundle.entry[0].resource.code.coding[0].code", "test.code"),
        ("Bundle.entry[0].resource.category[0]", "reason"),
        ("Bundle.entry[0].resource.specimen[0].reference", "specimens[0]"),
        ("Bundle.entry[0].resource.identifier[0].assigner", "localOrderId"),
        ("Bundle.entry[1].resource.identifier[0].value", "patient.nhsNumber"),
        ("Bundle.entry[1].resource.birthDate", "patient.birthDate"),
        ("Bundle.entry[1].resource.name[0].given", "patient.givenName"),
        ("Bundle.entry[2].resource.practitioner.identifier.value", "requester.sdsUserId"),
        ("Bundle.entry[2].resource.telecom[0].value", "requester.phone"),
        ("Bundle.entry[3].resource.collection.collectedDateTime", "specimens[0].collected"),
        ("Bundle.entry[3].resource.subject", "patient"),
        ("Bundle.entry[3].request.url", "specimens[0]"),
    ] {
        assert_eq!(c.fields.field_for(expr), Some(field), "{expr}");
    }
}

#[test]
fn drafts_round_trip_through_json() {
    let d = draft(good());
    let back: Draft = serde_json::from_value(serde_json::to_value(&d).unwrap_or_default()).unwrap_or_default();
    assert_eq!(back, d);
    assert_eq!(serde_json::to_value(&d).unwrap_or_default()["specimens"][0]["type"]["code"], "119297000");
    let partial: Draft = serde_json::from_str(r#"{"patient":{"givenName":"A"}}"#).unwrap_or_default();
    assert_eq!(partial.patient.given_name, "A");
}

#[test]
fn a_requester_can_add_a_test_to_the_catalogue() {
    let unknown = patched(json!({"test": {"code": "R999.1"}}));
    let codes = |c: &Catalogue| -> Vec<&str> {
        check_draft_with(&unknown, c, NOW)
            .iter()
            .filter(|d| d.expression.as_deref() == Some("test.code"))
            .map(|d| d.code)
            .collect()
    };
    assert_eq!(codes(&Catalogue::builtin()).len(), 1, "not in the built-in list");
    let local = TestEntry::local(" R999.1 ", " Local panel ", TestKind::Cancer, "", " TP999 ", 7);
    assert_eq!(local.code, "R999.1");
    assert_eq!(local.name, "Local panel");
    assert_eq!(local.max_participants, 3);
    assert_eq!(local.dgts_test, None);
    assert_eq!(
        local.dgts_package.as_ref().map(|c| (c.system.as_str(), c.code.as_str())),
        Some((systems::DGTS, "TP999"))
    );
    let extended = Catalogue::builtin_with(std::slice::from_ref(&local));
    assert_eq!(extended.tests.len(), Catalogue::builtin().tests.len() + 1);
    assert!(codes(&extended).is_empty(), "{:?}", codes(&extended));
    let bundle = compose_with(&unknown, &extended, &mut CounterIds::new(), NOW).bundle;
    let sr = &bundle["entry"][0]["resource"];
    assert_eq!(sr["reasonCode"][0]["coding"][0]["code"], "TP999");
    // An entry with a built-in code replaces the built-in one.
    let renamed = TestEntry::local("R67.2", "Hearing loss (local)", TestKind::RareDisease, "GT488", "TP439", 0);
    let c = Catalogue::builtin_with(&[renamed]);
    assert_eq!(c.tests.len(), Catalogue::builtin().tests.len());
    assert_eq!(c.test("R67.2").map(|t| (t.name.as_str(), t.max_participants)), Some(("Hearing loss (local)", 1)));
}

/// The text the portal validates is what serde_json prints for the composed value, byte for byte.
#[test]
fn composed_text_is_the_pretty_printed_bundle() {
    let person = json!({"nhsNumber": "944 930 7539", "givenName": "A\"\\\n\u{1}é", "familyName": "B",
        "localId": "L-1", "birthDate": "1980-01-01", "sex": "female"});
    let participant = json!({"person": person, "relationship": {"code": "NMTH", "display": "mother"},
        "specimens": [{"key": "m1", "type": {"display": "Saliva"}, "collected": "2026-01-01"}],
        "consent": {"status": "active", "date": "2026-01-01", "research": false}});
    let full = json!({
        "participants": [participant.clone(), participant],
        "consent": {"status": "active", "research": true}, "note": "tab\there", "funding": "private",
        "indication": {"conditions": [{"code": {"code": "C1", "display": "d"}}, {"code": {"display": "text only"}}],
            "observations": [{"code": {"code": "O1"}, "value": {"code": "V", "system": "s"}, "effective": "2026"}]},
        "specimens": [{"key": "a", "localId": "A"}, {"key": "b", "parent": "a", "status": "unavailable"}],
        "performer": {"ods": "R0A", "name": "Lab"}, "requester": {"email": "a@b", "organisationName": "Org"}
    });
    let local = TestEntry::local("R999.1", "Local", TestKind::Cancer, "GT1", "TP999", 3);
    let versioned =
        TestEntry { version: Some(2.5), ..TestEntry::local("R998.1", "V", TestKind::Cancer, "GT2", "TP2", 1) };
    let catalogue = Catalogue::builtin_with(&[local, versioned]);
    for (d, now) in [
        (draft(good()), NOW),
        (Draft::default(), ""),
        (patched(full.clone()), NOW),
        (patched(json!({"test": {"code": "R999.1"}})), NOW),
        (patched(json!({"test": {"code": "R998.1"}})), NOW),
        (patched(json!({"test": {"code": "unknown"}, "reason": "x"})), NOW),
    ] {
        let value = compose_with(&d, &catalogue, &mut CounterIds::new(), now);
        let text = compose_text(&d, &catalogue, &mut CounterIds::new(), now);
        assert_eq!(text.text, serde_json::to_string_pretty(&value.bundle).unwrap_or_default());
        assert_eq!(text.fields, value.fields);
    }
}
