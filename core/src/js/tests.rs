//! The native half of the parity check. Every fixture of the native suites (ours under
//! `tests/fixtures/`, the bench bundles and the upstream examples under `../shared`) goes through
//! the same [`api`](super::api) functions the Wasm exports call, and the calls with their native
//! answers are written to `target/parity/cases.json`. `tests/js/parity.test.mjs` (Node) and
//! `tests/browser/embed-parity.test.mjs` (Chromium) replay each call on the Wasm package and
//! compare the answers value for value.

use std::path::{Path, PathBuf};

use serde_json::{json, Value as J};

use super::api;
use super::dto::{self, read_options};
use crate::compose::CounterIds;
use crate::workflow::{tables, ResourceType, Role, Workflow};

const NOW: &str = "2026-03-02T10:00:00Z";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Files under `dir` whose names end with one of `exts`, sorted, at any depth.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if exts.iter().any(|x| p.to_string_lossy().ends_with(x)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

/// The path from the repository root (`tests/fixtures/…`, `../shared/…`).
fn name(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).to_string_lossy().into_owned()
}

/// The calls and their native answers.
struct Cases(Vec<J>);

impl Cases {
    fn add(&mut self, name: String, call: &str, args: Vec<J>, expected: J) {
        self.0.push(json!({"name": name, "call": call, "args": args, "expected": expected}));
    }
}

fn v<T: serde::Serialize>(x: &T) -> J {
    // The Wasm build writes results with the boundary's own serializer: byte for byte serde_json's.
    assert_eq!(super::ser::to_string(x).ok(), serde_json::to_string(x).ok(), "the boundary's JSON text");
    serde_json::to_value(x).unwrap_or(J::Null)
}

fn opts<T: Default + for<'de> serde::Deserialize<'de>>(o: &J) -> T {
    read_options(Some(&o.to_string())).unwrap_or_default()
}

fn documents(c: &mut Cases, docs: &[PathBuf]) {
    let validate_options = [json!(null), json!({"mode": "order", "strict": true})];
    for p in docs {
        let (n, text) = (name(p), read(p));
        for o in &validate_options {
            let options: dto::ValidateOptions = opts(o);
            let r = api::validate(&text, &options.into());
            c.add(format!("validate {n} {o}"), "validate", vec![json!(text), o.clone()], v(&r));
        }
        let oo = api::operation_outcome(&text, &Default::default());
        c.add(format!("toOperationOutcome {n}"), "toOperationOutcome", vec![json!(text), json!(null)], oo);
        let tr = api::transaction_response(&text, &Default::default(), Some(NOW));
        let args = vec![json!(text), json!(null), json!(NOW)];
        c.add(format!("toTransactionResponse {n}"), "toTransactionResponse", args, tr);
        let view = crate::report::report_view(&text);
        c.add(format!("reportView {n}"), "reportView", vec![json!(text)], v(&dto::ReportView::new(&view, &text)));
        c.add(format!("checkEvent {n}"), "checkEvent", vec![json!(text)], v(&api::check_event(&text)));
        c.add(format!("bundleGraph {n}"), "bundleGraph", vec![json!(text)], v(&api::bundle_graph(&text)));
        let svg_options = json!({"selected": 0, "errors": [1, 0, 2]});
        let svg = api::render_graph_svg(&text, opts(&svg_options));
        c.add(format!("renderGraphSvg {n}"), "renderGraphSvg", vec![json!(text), svg_options], json!(svg));
    }
}

fn drafts(c: &mut Cases, dir: &Path) {
    for p in files(dir, &[".json"]) {
        let (n, text, o) = (name(&p), read(&p), json!({"now": NOW}));
        c.add(format!("checkDraft {n}"), "checkDraft", vec![json!(text), o.clone()], v(&api::check_draft(&text, NOW)));
        let composed = api::compose_order(&text, NOW, &mut CounterIds::new());
        c.add(format!("composeOrder {n}"), "composeOrder", vec![json!(text), o], v(&composed));
    }
}

fn updates(c: &mut Cases, dir: &Path) {
    for p in files(dir, &[".json"]) {
        let case: J = serde_json::from_str(&read(&p)).unwrap_or(J::Null);
        let (before, after) = (case["before"].to_string(), case["after"].to_string());
        let o = case.get("options").cloned().unwrap_or(J::Null);
        let r = api::check_update(&before, &after, opts(&o));
        c.add(format!("checkUpdate {}", name(&p)), "checkUpdate", vec![json!(before), json!(after), o], v(&r));
    }
}

fn cascades(c: &mut Cases, dir: &Path) {
    let f = |n: &str| read(&dir.join(n));
    let tasks = f("tasks.json");
    for (from, to) in [("sr-active.json", "sr-revoked.json"), ("sr-active.json", "sr-entered-in-error.json")] {
        let o = json!({"now": NOW});
        let plan = api::plan_cascade(&f(from), &f(to), &tasks, NOW);
        c.add(
            format!("planCascade {from} {to}"),
            "planCascade",
            vec![json!(f(from)), json!(f(to)), json!(tasks), o],
            v(&plan),
        );
    }
}

/// Every pair of statuses of every machine, under both workflows, for no role and each role.
fn transitions(c: &mut Cases) {
    for rt in ResourceType::ALL {
        for wf in [Workflow::R4, Workflow::Gms] {
            let codes = tables::machine(rt, wf).codes();
            let roles = std::iter::once(None).chain(Role::ALL.into_iter().map(Some));
            for role in roles {
                let o = json!({"workflow": wf.as_str(), "role": role.map(Role::as_str)});
                let to: dto::TransitionOptions = opts(&o);
                for from in codes.iter().chain(["bogus"].iter()) {
                    let view = api::status_view(rt.as_str(), from, to).ok().flatten();
                    c.add(
                        format!("statusView {rt} {from} {o}"),
                        "statusView",
                        vec![json!(rt.as_str()), json!(from), o.clone()],
                        v(&view),
                    );
                    for target in &codes {
                        let r = api::check_transition(rt.as_str(), from, target, to).ok();
                        let args = vec![json!(rt.as_str()), json!(from), json!(target), o.clone()];
                        c.add(format!("checkTransition {rt} {from} {target} {o}"), "checkTransition", args, v(&r));
                    }
                }
            }
        }
    }
}

const CRITERIA: &[(&str, &str)] = &[
    ("eventType='genomic-order-event-1' AND owner='LABB'", "mns"),
    ("eventType='genomic-order-event-1' AND resourceType='ServiceRequest' AND (performer='LABA' OR performer='LABB')", "mns"),
    ("eventType='genomic-order-event-1' AND resourceType='Task' AND owner != 'LABA'", "mns"),
    ("eventType='genomic-order-event-1' and resourceType='Task' AND consentStatus='active'", "mns"),
    ("eventType='genomic-order-event-1' AND (performer='A'", "mns"),
    ("owner = 'LABB'", "mns"),
    ("performer IN ('LABA', 'LABC') AND NOT serviceRequestStatus = 'draft'", "mns"),
    ("CONCAT(taskCode, '/', eventType)", "cesql"),
    ("EXISTS subject AND subject LIKE '0dfd%'", "cesql"),
    ("1 / 0 = 1", "cesql"),
    ("taskstatus = 'in-progress'", "cesql"),
];

fn criteria(c: &mut Cases, events_dir: &Path) {
    let mut events: Vec<String> = read(&events_dir.join("events.ndjson")).lines().map(str::to_owned).collect();
    events.extend(files(events_dir, &[".json"]).iter().map(|p| read(p)));
    events.push(r#"{"eventType":"genomic-order-event-1","owner":"LABB","performer":null}"#.into());
    for (src, dialect) in CRITERIA {
        let o = json!({"dialect": dialect});
        let compiled = api::Criteria::compile(src, opts(&o));
        c.add(format!("lintCriteria {src}"), "lintCriteria", vec![json!(src), o.clone()], v(&compiled.lint()));
        for (i, e) in events.iter().enumerate() {
            let args = vec![json!(src), o.clone(), json!(e)];
            c.add(format!("evaluate {src} #{i}"), "evaluate", args.clone(), v(&compiled.evaluate(e)));
            c.add(format!("matches {src} #{i}"), "matches", args, json!(compiled.matches(e)));
        }
    }
    for (i, e) in events.iter().enumerate() {
        c.add(format!("checkEvent event #{i}"), "checkEvent", vec![json!(e)], v(&api::check_event(e)));
        for to in ["fhir", "cloudevent"] {
            let r = api::convert_event(e, to, &dto::EventOptions::default()).ok();
            c.add(format!("convertEvent #{i} {to}"), "convertEvent", vec![json!(e), json!(to), json!(null)], v(&r));
        }
    }
}

fn narratives(c: &mut Cases, dir: &Path) {
    for p in files(dir, &[".xhtml"]) {
        let div = read(&p);
        c.add(
            format!("checkNarrative {}", name(&p)),
            "checkNarrative",
            vec![json!(div)],
            v(&api::check_narrative(&div)),
        );
    }
}

fn all_cases() -> Vec<J> {
    let fixtures = root().join("tests/fixtures");
    let shared = root().join("../shared");
    let mut docs = files(&fixtures, &[".json"]);
    docs.extend(files(&shared.join("bench/bundles"), &[".json"]));
    docs.extend(files(&shared.join("research/fixtures"), &[".json"]));
    let mut c = Cases(Vec::new());
    documents(&mut c, &docs);
    drafts(&mut c, &fixtures.join("compose"));
    updates(&mut c, &fixtures.join("workflow/update"));
    cascades(&mut c, &fixtures.join("workflow/cli"));
    transitions(&mut c);
    criteria(&mut c, &fixtures.join("events"));
    narratives(&mut c, &fixtures.join("narrative"));
    c.0
}

#[test]
fn parity_cases_are_written_for_the_wasm_build() {
    let cases = all_cases();
    let count = |call: &str| cases.iter().filter(|c| c["call"] == call).count();
    assert!(count("validate") >= 2 * 45, "every fixture and bench bundle: {}", count("validate"));
    for call in ["composeOrder", "checkUpdate", "planCascade", "checkTransition", "evaluate", "checkNarrative"] {
        assert!(count(call) > 0, "{call}");
    }
    let valid = cases.iter().find(|c| {
        c["name"].as_str().is_some_and(|n| n.starts_with("validate ../shared/bench/bundles/valid.json null"))
    });
    if let Some(valid) = valid {
        assert_eq!(valid["expected"]["valid"], true, "the bench's valid bundle has no error");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let dir = target.join("parity");
    std::fs::create_dir_all(&dir).expect("target/parity is writable");
    std::fs::write(dir.join("cases.json"), serde_json::to_string(&cases).unwrap_or_default()).expect("cases written");
}

/// planCascade's arguments are read by the `Doc` reader: a syntax error names the argument and
/// has its line and column; a number beyond a double's range is a finding too.
#[test]
fn cascade_arguments_that_are_not_json_are_findings_with_positions() {
    let plan = api::plan_cascade("{\n  \"status\": ,\n}", "{}", "[]", NOW);
    assert_eq!(plan.issues.len(), 1, "{:?}", plan.issues.iter().map(|i| &i.message).collect::<Vec<_>>());
    let i = &plan.issues[0];
    assert_eq!((i.code, i.line, i.column), ("GOM-JSON-001", Some(2), Some(13)));
    assert!(i.message.starts_with("The stored ServiceRequest is not JSON: "), "{}", i.message);
    let big = api::plan_cascade("{}", "{\"n\": 1e400}", "[]", NOW);
    assert_eq!(big.issues.iter().map(|i| i.code).collect::<Vec<_>>(), vec!["GOM-JSON-001"]);
    assert!(big.issues[0].message.contains("updated ServiceRequest"), "{}", big.issues[0].message);
}
