//! The 41 upstream Task examples of the NHS England Genomics IG, checked as single versions
//! against the GMS workflow. Where an example contradicts the written rules, the finding is
//! listed below with the reason; any other error or warning fails the suite. Information
//! findings (e.g. no `executionPeriod.start` on an in-progress Task) are in the snapshot only.

use gom_core::json::Doc;
use gom_core::workflow::{check_resource, check_update_values, Role, UpdateOptions, Workflow};
use gom_core::{Report, Severity};

/// (file, rule code, why the example contradicts the rules).
const EXPECTED: &[(&str, &str, &str)] = &[(
    "Task-WGSRareDiseaseTestOrderForwarded-Example.json",
    "GOM-WF-003",
    "uses `ready`, which the GMS Task page marks NOT USED (no auto-accept); domain.md §1.4 notes this example",
)];

#[test]
fn ig_task_examples_follow_the_gms_workflow() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared not found; skipping the IG Task examples");
        return;
    };
    let dir = shared.join("research/fixtures/genomics-ig/Task");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("Task folder").flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert_eq!(files.len(), 41, "the IG has 41 Task examples");
    let mut table = String::new();
    let mut unexpected = Vec::new();
    let mut seen_expected = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(path).unwrap();
        let doc = Doc::parse(&src).expect("upstream example is JSON");
        let mut report = Report::new(check_resource(doc.root(), Workflow::Gms));
        report.locate(&src);
        report.sort();
        let status = doc.root().get_str("status").unwrap_or_default().into_owned();
        let codes: Vec<String> = report.diagnostics.iter().map(|d| format!("{}({})", d.code, d.severity)).collect();
        table.push_str(format!("{name:<72} {status:<12} {}", codes.join(" ")).trim_end());
        table.push('\n');
        for d in report.diagnostics.iter().filter(|d| d.severity <= Severity::Warning) {
            match EXPECTED.iter().find(|(f, c, _)| *f == name && *c == d.code) {
                Some(e) => seen_expected.push(e.0),
                None => unexpected.push(format!("{name}: {} {}", d.code, d.message)),
            }
        }
    }
    assert!(unexpected.is_empty(), "examples contradict the GMS workflow:\n{}", unexpected.join("\n"));
    for (file, code, _) in EXPECTED {
        assert!(seen_expected.contains(file), "expected exception {file} {code} no longer occurs: remove it");
    }
    insta::assert_snapshot!(table);
}

/// Examples that are versions of one Task (the same `id`) are checked as updates, oldest first:
/// the IG has one such pair (DPYD minimal `requested` → update `accepted`).
#[test]
fn ig_task_versions_are_legal_updates() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared not found; skipping the IG Task examples");
        return;
    };
    let dir = shared.join("research/fixtures/genomics-ig/Task");
    let mut by_id: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for path in std::fs::read_dir(&dir).expect("Task folder").flatten().map(|e| e.path()) {
        let src = std::fs::read_to_string(&path).unwrap();
        let v: serde_json::Value = serde_json::from_str(&src).unwrap();
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let at = v["lastModified"].as_str().unwrap_or_default().to_owned();
        by_id.entry(id).or_default().push((at, src));
    }
    let mut pairs = 0;
    for (id, mut versions) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
        versions.sort();
        for w in versions.windows(2) {
            let (b, a) = (Doc::parse(&w[0].1).unwrap(), Doc::parse(&w[1].1).unwrap());
            let opts = UpdateOptions { role: Some(Role::Filler), ..UpdateOptions::default() };
            let found = check_update_values(b.root(), a.root(), &opts);
            let bad: Vec<_> =
                found.updated.iter().chain(&found.stored).filter(|d| d.severity <= Severity::Warning).collect();
            assert!(bad.is_empty(), "{id}: {bad:#?}");
            pairs += 1;
        }
    }
    assert_eq!(pairs, 1);
}
