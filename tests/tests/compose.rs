//! Composing orders: each draft under `fixtures/compose/valid/` passes the field checks and
//! composes to a transaction Bundle whose references all resolve and whose entries are all
//! reachable from the ServiceRequest; the bundles, their field maps and the findings on the drafts
//! under `fixtures/compose/invalid/` are snapshots.

use std::collections::BTreeMap;

use gom_core::compose::{check_draft, compose_with, Catalogue, Composed, CounterIds, Draft};
use serde_json::Value as J;

/// The injected clock of every test.
const NOW: &str = "2026-03-02T10:00:00Z";

fn read_draft(path: &std::path::Path) -> Draft {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    serde_json::from_str(&text).expect("fixture is a draft")
}

fn compose(draft: &Draft) -> Composed {
    compose_with(draft, &Catalogue::builtin(), &mut CounterIds::new(), NOW)
}

/// Every `reference` inside `v`, with the element name that holds it (`subject`, `link.other` …).
fn references(v: &J, via: &str, out: &mut Vec<(String, String)>) {
    match v {
        J::Object(m) => {
            for (k, child) in m {
                match (k.as_str(), child) {
                    ("reference", J::String(s)) => out.push((via.to_owned(), s.clone())),
                    _ => {
                        let path = if via.is_empty() { k.clone() } else { format!("{via}.{k}") };
                        references(child, &path, out)
                    }
                }
            }
        }
        J::Array(a) => a.iter().for_each(|c| references(c, via, out)),
        _ => {}
    }
}

/// Seed 002's rules for a composed order: every reference is an in-bundle `urn:uuid`, and every
/// entry is reachable from the ServiceRequest along references, or along the GraphDefinition's
/// reverse links (`Specimen.request` to the order, `Patient.link` to a RelatedPerson).
fn assert_closed(bundle: &J) {
    let entries = bundle["entry"].as_array().expect("entries");
    let urls: Vec<&str> = entries.iter().map(|e| e["fullUrl"].as_str().expect("fullUrl")).collect();
    assert!(urls.iter().all(|u| u.starts_with("urn:uuid:")));
    let mut sorted = urls.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), urls.len(), "fullUrls are unique");
    let index = |r: &str| urls.iter().position(|u| *u == r);
    let mut refs = Vec::new();
    for e in entries {
        let mut out = Vec::new();
        references(&e["resource"], "", &mut out);
        for (_, r) in &out {
            assert!(index(r).is_some(), "dangling reference {r}");
        }
        refs.push(out);
    }
    assert_eq!(entries[0]["resource"]["resourceType"], "ServiceRequest");
    let mut reached = vec![false; entries.len()];
    reached[0] = true;
    let reverse = |ty: &str, via: &str| matches!((ty, via), ("Specimen", "request") | ("Patient", "link.other"));
    for _ in 0..entries.len() {
        for (i, out) in refs.iter().enumerate() {
            let ty = entries[i]["resource"]["resourceType"].as_str().unwrap_or("");
            for (via, r) in out {
                let j = index(r).expect("resolved above");
                if reached[i] {
                    reached[j] = true;
                } else if reached[j] && reverse(ty, via) {
                    reached[i] = true;
                }
            }
        }
    }
    let orphans: Vec<&str> = urls.iter().zip(&reached).filter(|(_, r)| !**r).map(|(u, _)| *u).collect();
    assert!(orphans.is_empty(), "orphaned entries: {orphans:?}");
}

/// Every leaf of the bundle as a FHIRPath, with the draft field the map gives for it.
fn field_table(c: &Composed) -> BTreeMap<String, String> {
    fn walk(v: &J, path: String, c: &Composed, out: &mut BTreeMap<String, String>) {
        match v {
            J::Object(m) => m.iter().for_each(|(k, child)| walk(child, format!("{path}.{k}"), c, out)),
            J::Array(a) => a.iter().enumerate().for_each(|(i, child)| walk(child, format!("{path}[{i}]"), c, out)),
            _ => {
                let field = c.fields.field_for(&path).unwrap_or("-").to_owned();
                out.insert(path, field);
            }
        }
    }
    let mut out = BTreeMap::new();
    for (i, e) in c.bundle["entry"].as_array().into_iter().flatten().enumerate() {
        walk(&e["resource"], format!("Bundle.entry[{i}].resource"), c, &mut out);
    }
    out
}

#[test]
fn valid_drafts_compose_to_closed_bundles() {
    insta::glob!("../fixtures", "compose/valid/*.json", |path| {
        let draft = read_draft(path);
        let findings = check_draft(&draft, NOW);
        assert!(findings.is_empty(), "{findings:#?}");
        let c = compose(&draft);
        assert_closed(&c.bundle);
        let report = gom_core::validate(&c.bundle.to_string(), &gom_core::Options::default());
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        assert_eq!(c.fields.entries.len(), c.bundle["entry"].as_array().map_or(0, Vec::len));
        insta::assert_json_snapshot!("bundle", c.bundle);
        insta::assert_json_snapshot!("fields", field_table(&c));
    });
}

#[test]
fn composing_is_deterministic() {
    insta::glob!("../fixtures", "compose/valid/*.json", |path| {
        let draft = read_draft(path);
        assert_eq!(compose(&draft), compose(&draft));
    });
}

#[test]
fn invalid_drafts_report_findings_by_field() {
    insta::glob!("../fixtures", "compose/invalid/*.json", |path| {
        let draft = read_draft(path);
        let findings: Vec<String> = check_draft(&draft, NOW)
            .iter()
            .map(|d| format!("{} {} {}: {}", d.severity, d.code, d.expression.as_deref().unwrap_or("-"), d.message))
            .collect();
        assert!(!findings.is_empty());
        insta::assert_json_snapshot!("findings", findings);
        // Even a draft full of mistakes composes to a bundle with no dangling reference or orphan.
        assert_closed(&compose(&draft).bundle);
    });
}
