//! The JS API in a real browser (`wasm-pack test --headless --chrome core --features js`): every
//! export with valid and invalid input; verdicts come back as plain objects, unusable options
//! and arguments of the wrong JS type throw an `Error`, hostile input never traps.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use gom_core::js;
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: &str = "2026-03-02T10:00:00Z";

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, key| match key.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap_or(JsValue::UNDEFINED),
        Err(_) => Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED),
    })
}

fn s(v: &JsValue, path: &str) -> Option<String> {
    get(v, path).as_string()
}

fn b(v: &JsValue, path: &str) -> Option<bool> {
    get(v, path).as_bool()
}

fn list(v: &JsValue, path: &str) -> Vec<JsValue> {
    get(v, path).dyn_into::<Array>().map(|a| a.iter().collect()).unwrap_or_default()
}

fn codes(v: &JsValue, path: &str) -> Vec<String> {
    list(v, path).iter().filter_map(|i| s(i, "code")).collect()
}

fn obj(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn st(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// The message of the `Error` a call threw; fails when it threw anything else.
fn error_message<T>(r: Result<T, wasm_bindgen::JsError>) -> String {
    let Err(err) = r else { panic!("the call throws") };
    let err: JsValue = err.into();
    let e = err.dyn_into::<js_sys::Error>().expect("a JS Error, never a string");
    e.message().as_string().unwrap_or_default()
}

/// Deep nesting and huge strings, as every JSON argument must survive them.
fn hostile() -> Vec<String> {
    vec![
        "[".repeat(100_000),
        format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)),
        format!("{{\"resourceType\":\"Bundle\",\"type\":\"{}\"}}", "x".repeat(5_000_000)),
        String::new(),
        "\u{feff}\u{0}\u{ffff}\"".to_owned(),
    ]
}

const DELETE_ENTRY: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient"},"request":{"method":"DELETE","url":"Patient/1"}}]}"#;

#[wasm_bindgen_test]
fn validator_returns_plain_objects_with_positions() {
    let mut v = js::Validator::new(None).expect("default options");
    let r = v.validate(st(DELETE_ENTRY)).expect("validate runs");
    assert!(r.is_instance_of::<Object>());
    assert_eq!(b(&r, "valid"), Some(false));
    let issues = list(&r, "issues");
    let i = issues.iter().find(|i| s(i, "code").as_deref() == Some("GOM-BDL-012")).expect("the DELETE finding");
    assert_eq!(s(i, "severity").as_deref(), Some("error"));
    assert_eq!(get(i, "line").as_f64(), Some(2.0));
    assert_eq!(s(i, "expression").as_deref(), Some("Bundle.entry[0].request.method"));
    let (start, end) = (get(i, "start").as_f64().unwrap() as usize, get(i, "end").as_f64().unwrap() as usize);
    assert_eq!(&DELETE_ENTRY[start..end], "\"DELETE\"");
    assert!(get(i, "field").is_null(), "absent values are null");
    let ok = DELETE_ENTRY.replace("DELETE", "POST").replace("Patient/1", "Patient");
    assert_eq!(b(&v.validate(st(&ok)).unwrap(), "valid"), Some(true));
    assert_eq!(b(&js::validate(st(&ok), None).unwrap(), "valid"), Some(true));
}

#[wasm_bindgen_test]
fn validator_options_are_read_once_and_shown() {
    let v = js::Validator::new(Some(obj(r#"{"mode":"order","strict":true}"#))).unwrap();
    let o = v.options().unwrap();
    assert_eq!((s(&o, "mode").as_deref(), b(&o, "strict")), (Some("order"), Some(true)));
    let d = js::Validator::new(Some(JsValue::NULL)).unwrap().options().unwrap();
    assert_eq!((s(&d, "mode").as_deref(), b(&d, "strict")), (Some("auto"), Some(false)));
}

#[wasm_bindgen_test]
fn many_findings_cross_in_slices_without_loss() {
    let entry = r#"{"fullUrl":"urn:uuid:x","resource":{"resourceType":"Patient"},"request":{"method":"DELETE","url":"Patient/1"}}"#;
    let entries = vec![entry; 9_000].join(",\n");
    let text = format!("{{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[\n{entries}]}}");
    let mut v = js::Validator::new(None).unwrap();
    let r = v.validate(st(&text)).unwrap();
    let deletes: Vec<JsValue> =
        list(&r, "issues").into_iter().filter(|i| s(i, "code").as_deref() == Some("GOM-BDL-012")).collect();
    assert_eq!(deletes.len(), 9_000, "one finding per entry, across slice boundaries");
    let lines: Vec<f64> = deletes.iter().filter_map(|i| get(i, "line").as_f64()).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "in document order");
    let oo = v.to_operation_outcome(st(&text)).unwrap();
    assert_eq!(list(&oo, "issue").len(), list(&r, "issues").len());
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &st("self"), &cyclic).unwrap();
    for (opts, want) in [
        (obj(r#"{"mode":"sideways"}"#), "invalid options: unknown variant `sideways`"),
        (obj(r#"{"strickt":true}"#), "invalid options: unknown field `strickt`"),
        (obj(r#"{"strict":"yes"}"#), "invalid options: invalid type: string"),
        (st("strict"), "invalid options: invalid type: string"),
        (JsValue::from_f64(1.0), "invalid options: invalid type: integer"),
        (cyclic.into(), "invalid options: expected a plain object"),
        (Function::new_no_args("return 1").into(), "invalid options: expected a plain object"),
    ] {
        let msg = error_message(js::Validator::new(Some(opts)));
        assert!(msg.starts_with(want), "{msg}");
    }
    let msg = error_message(js::validate(st(DELETE_ENTRY), Some(obj(r#"{"mode":1}"#))));
    assert!(msg.starts_with("invalid options"), "{msg}");
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_throw_an_error() {
    let mut v = js::Validator::new(None).unwrap();
    assert_eq!(error_message(v.validate(JsValue::UNDEFINED)), "`json` must be a string");
    assert_eq!(error_message(v.validate(obj("{}"))), "`json` must be a string");
    assert_eq!(error_message(js::report_view(JsValue::from_f64(3.0))), "`json` must be a string");
}

#[wasm_bindgen_test]
fn operation_outcome_is_r4() {
    let mut v = js::Validator::new(None).unwrap();
    let batch = DELETE_ENTRY.replace("DELETE", "POST").replace("Patient/1", "Patient").replace("transaction", "batch");
    let oo = v.to_operation_outcome(st(&batch)).unwrap();
    assert_eq!(s(&oo, "resourceType").as_deref(), Some("OperationOutcome"));
    let type_issue = list(&oo, "issue")
        .into_iter()
        .find(|i| s(i, "details.coding.0.code").as_deref() == Some("GOM-BDL-002"))
        .expect("the batch type is reported");
    assert_eq!(s(&type_issue, "expression.0").as_deref(), Some("Bundle.type"));
    assert_eq!(s(&type_issue, "severity").as_deref(), Some("error"));
    // Every issue carries an R4 IssueSeverity and an IssueType code.
    for issue in list(&oo, "issue") {
        let sev = s(&issue, "severity").unwrap_or_default();
        assert!(["fatal", "error", "warning", "information"].contains(&sev.as_str()), "{sev}");
        assert!(s(&issue, "code").is_some_and(|c| !c.is_empty()));
    }
    assert_eq!(s(&type_issue, "details.coding.0.system").as_deref(), Some("urn:gom:rules"));
    let clean = DELETE_ENTRY.replace("DELETE", "POST").replace("Patient/1", "Patient");
    let oo = v.to_operation_outcome(st(&clean)).unwrap();
    let found = list(&v.validate(st(&clean)).unwrap(), "issues").len();
    assert_eq!(list(&oo, "issue").len(), found.max(1), "one issue per finding, or one saying there are none");
}

#[wasm_bindgen_test]
fn transaction_responses_answer_each_entry() {
    let mut v = js::Validator::new(None).unwrap();
    let r = v.to_transaction_response(st(DELETE_ENTRY), st(NOW)).unwrap();
    assert_eq!(s(&r, "type").as_deref(), Some("transaction-response"));
    assert_eq!(s(&r, "meta.lastUpdated").as_deref(), Some(NOW));
    assert_eq!(s(&r, "entry.0.response.status").as_deref(), Some("422 Unprocessable Entity"));
    assert_eq!(s(&r, "entry.0.response.outcome.resourceType").as_deref(), Some("OperationOutcome"));
    let clock = v.to_transaction_response(st(DELETE_ENTRY), JsValue::UNDEFINED).unwrap();
    assert_eq!(s(&clock, "meta.lastUpdated").map(|t| t.len()), Some(20), "the host clock");
    let none = v.to_transaction_response(st(DELETE_ENTRY), JsValue::NULL).unwrap();
    assert!(get(&none, "meta").is_undefined());
    let not_a_bundle = v.to_transaction_response(st("[]"), JsValue::NULL).unwrap();
    assert_eq!(s(&not_a_bundle, "resourceType").as_deref(), Some("OperationOutcome"));
    let msg = error_message(v.to_transaction_response(st(DELETE_ENTRY), st("yesterday")));
    assert!(msg.starts_with("invalid options: `lastUpdated`"), "{msg}");
}

#[wasm_bindgen_test]
fn hostile_input_gives_diagnostics_not_traps() {
    let mut v = js::Validator::new(None).unwrap();
    let want = ["GOM-JSON-001", "GOM-JSON-001", "", "GOM-JSON-001", "GOM-JSON-001"];
    for (text, code) in hostile().iter().zip(want) {
        let r = v.validate(st(text)).unwrap();
        assert_eq!(b(&r, "valid"), Some(false));
        if !code.is_empty() {
            assert!(codes(&r, "issues").contains(&code.to_owned()), "{:?}", codes(&r, "issues"));
        }
        v.to_operation_outcome(st(text)).unwrap();
        v.to_transaction_response(st(text), JsValue::NULL).unwrap();
        js::report_view(st(text)).unwrap();
        js::check_event(st(text)).unwrap();
        js::check_narrative(st(text)).unwrap();
        js::bundle_graph(st(text)).unwrap();
        js::render_graph_svg(st(text), None).unwrap();
        js::check_update(st(text), st(text), None).unwrap();
        js::plan_cascade(st(text), st(text), st(text), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
        js::lint_criteria(st(text), None).unwrap();
        let c = js::compile_criteria(st(text), None).unwrap();
        assert!(!c.matches(st(text)));
        c.evaluate(st(text)).unwrap();
        js::check_draft(st(text), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
        js::compose_order(st(text), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
    }
    let deep_criteria = format!("{}a = 'b'{}", "(".repeat(100_000), ")".repeat(100_000));
    let lint = js::lint_criteria(st(&deep_criteria), None).unwrap();
    assert_eq!(codes(&lint, "issues"), vec!["GOM-CRIT-001".to_owned()]);
}

#[wasm_bindgen_test]
fn transitions_are_verdicts() {
    let placer = obj(r#"{"role":"placer"}"#);
    let ok = js::check_transition(st("Task"), st("requested"), st("accepted"), None).unwrap();
    assert_eq!(b(&ok, "allowed"), Some(true));
    let no = js::check_transition(st("Task"), st("requested"), st("accepted"), Some(placer)).unwrap();
    assert_eq!(b(&no, "allowed"), Some(false));
    assert_eq!(s(&no, "issues.0.expression").as_deref(), Some("Task.status"));
    let unknown = js::check_transition(st("Task"), st("requested"), st("bogus"), None).unwrap();
    assert_eq!(b(&unknown, "allowed"), Some(false));
    let msg = error_message(js::check_transition(st("Patient"), st("a"), st("b"), None));
    assert!(msg.starts_with("`Patient` has no status workflow"), "{msg}");
    let msg = error_message(js::check_transition(st("Task"), st("a"), st("b"), Some(obj(r#"{"role":"lab"}"#))));
    assert!(msg.starts_with("invalid options: unknown variant `lab`"), "{msg}");
}

#[wasm_bindgen_test]
fn status_views_say_what_is_next() {
    let v = js::status_view(st("Task"), st("requested"), Some(obj(r#"{"role":"filler"}"#))).unwrap();
    assert_eq!(s(&v, "resourceType").as_deref(), Some("Task"));
    assert_eq!(s(&v, "role").as_deref(), Some("filler"));
    assert!(list(&v, "next").iter().any(|n| s(n, "status").as_deref() == Some("accepted")));
    assert!(js::status_view(st("Task"), st("bogus"), None).unwrap().is_null());
    assert!(!error_message(js::status_view(st("Observation"), st("final"), None)).is_empty());
}

#[wasm_bindgen_test]
fn updates_are_checked_against_the_stored_version() {
    let case = obj(include_str!("../../tests/fixtures/workflow/update/invalid/placer-accepts.json"));
    let text = |k: &str| JSON::stringify(&get(&case, k)).unwrap();
    let r = js::check_update(text("before").into(), text("after").into(), Some(get(&case, "options"))).unwrap();
    assert_eq!(b(&r, "valid"), Some(false));
    assert!(codes(&r, "issues").contains(&"GOM-WF-004".to_owned()), "{:?}", codes(&r, "issues"));
    let ok = js::check_update(text("before").into(), text("after").into(), None).unwrap();
    assert_eq!(b(&ok, "valid"), Some(true));
    let broken = js::check_update(st("{"), text("after").into(), None).unwrap();
    assert_eq!(codes(&broken, "issues"), vec!["GOM-JSON-001".to_owned()]);
    assert!(!error_message(js::check_update(st("{}"), st("{}"), Some(obj(r#"{"actor":7}"#)))).is_empty());
}

#[wasm_bindgen_test]
fn cascades_plan_task_updates() {
    let sr = include_str!("../../tests/fixtures/workflow/cli/sr-active.json");
    let revoked = include_str!("../../tests/fixtures/workflow/cli/sr-revoked.json");
    let tasks = include_str!("../../tests/fixtures/workflow/cli/tasks.json");
    let p = js::plan_cascade(st(sr), st(revoked), st(tasks), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
    assert_eq!((s(&p, "from").as_deref(), s(&p, "to").as_deref()), (Some("active"), Some("revoked")));
    let updates = list(&p, "updates");
    assert!(!updates.is_empty());
    let cancelled = updates.iter().find(|u| s(u, "action").as_deref() == Some("cancel")).expect("a cancel");
    assert_eq!(s(cancelled, "task.status").as_deref(), Some("cancelled"));
    assert_eq!(s(cancelled, "task.lastModified").as_deref(), Some(NOW));
    let clock = js::plan_cascade(st(sr), st(revoked), st(tasks), None).unwrap();
    let stamped = list(&clock, "updates").iter().find_map(|u| s(u, "task.lastModified")).unwrap();
    assert!(stamped.len() == 20 && stamped.ends_with('Z'), "the host clock, to the second: {stamped}");
    let bad = js::plan_cascade(st("nope"), st(revoked), st(tasks), None).unwrap();
    assert_eq!(codes(&bad, "issues"), vec!["GOM-JSON-001".to_owned()]);
    let msg = error_message(js::plan_cascade(st(sr), st(revoked), st(tasks), Some(obj(r#"{"now":"today"}"#))));
    assert!(msg.starts_with("invalid options: `now`"), "{msg}");
}

const CE: &str = include_str!("../../tests/fixtures/events/task-cloudevent.json");

#[wasm_bindgen_test]
fn criteria_compile_once_and_match_events() {
    let c = js::compile_criteria(st("eventType='genomic-order-event-1' AND owner='LABB'"), None).unwrap();
    assert!(c.ok());
    assert_eq!(c.dialect(), "mns");
    assert!(c.matches(st(CE)));
    assert!(c.matches(obj(CE)), "an event object, not only text");
    assert!(c.matches(obj(r#"{"eventType":"genomic-order-event-1","owner":"LABB"}"#)), "plain attributes");
    assert!(!c.matches(obj(r#"{"eventType":"genomic-order-event-1","owner":"LABA"}"#)));
    let e = c.evaluate(st(CE)).unwrap();
    assert_eq!((b(&e, "matched"), get(&e, "value").as_bool()), (Some(true), Some(true)));
    let unreadable = c.evaluate(st(r#"{"specversion":"1.0","filtering":[}"#)).unwrap();
    assert_eq!(b(&unreadable, "matched"), Some(false));
    assert_eq!(codes(&unreadable, "issues"), vec!["GOM-JSON-001".to_owned()]);
    assert!(!c.matches(JsValue::from(js_sys::BigInt::from(1u32))));
    assert_eq!(b(&c.lint().unwrap(), "valid"), Some(true));
}

#[wasm_bindgen_test]
fn a_broken_criteria_still_answers() {
    let c = js::compile_criteria(st("owner = "), None).unwrap();
    assert!(!c.ok());
    assert!(!c.matches(st(CE)));
    assert_eq!(s(&c.evaluate(st(CE)).unwrap(), "errors.0").as_deref(), Some("parse"));
    let lint = c.lint().unwrap();
    assert_eq!(codes(&lint, "issues"), vec!["GOM-CRIT-001".to_owned()]);
    assert_eq!(get(&lint, "issues.0.start").as_f64(), Some(8.0));
    let cesql = js::compile_criteria(st("1 + 1 = 2"), Some(obj(r#"{"dialect":"cesql"}"#))).unwrap();
    assert_eq!((cesql.ok(), cesql.dialect()), (true, "cesql".to_owned()));
    assert!(error_message(js::compile_criteria(st("a"), Some(obj(r#"{"dialect":"sql"}"#)))).contains("`sql`"));
}

#[wasm_bindgen_test]
fn criteria_lint_finds_what_mns_refuses() {
    let r = js::lint_criteria(st("owner = 'LABB'"), None).unwrap();
    assert_eq!(b(&r, "valid"), Some(false));
    assert!(codes(&r, "issues").iter().all(|c| c.starts_with("GOM-CRIT-")));
    assert!(!error_message(js::lint_criteria(st("a"), Some(st("mns")))).is_empty());
}

#[wasm_bindgen_test]
fn events_are_checked_and_converted() {
    let c = js::check_event(st(CE)).unwrap();
    assert_eq!((b(&c, "valid"), s(&c, "form").as_deref()), (Some(true), Some("cloudevent")));
    let fhir = js::convert_event(st(CE), st("fhir"), None).unwrap();
    assert_eq!(s(&fhir, "event.resourceType").as_deref(), Some("Bundle"));
    let back =
        js::convert_event(JSON::stringify(&get(&fhir, "event")).unwrap().into(), st("cloudevent"), None).unwrap();
    assert_eq!(s(&back, "form").as_deref(), Some("fhir"));
    assert_eq!(s(&back, "event.id"), s(&c, "event.id"));
    let entry = js::convert_event(st(CE), st("fhir"), Some(obj(r#"{"entryId":"e-1"}"#))).unwrap();
    assert_eq!(s(&entry, "event.entry.0.fullUrl").as_deref(), Some("urn:uuid:e-1"));
    let bad = js::check_event(st(include_str!("../../tests/fixtures/events/bad-cloudevent.json"))).unwrap();
    assert_eq!(b(&bad, "valid"), Some(false));
    let orders = js::check_event(st(include_str!("../../tests/fixtures/events/orders-created.json"))).unwrap();
    assert_eq!(s(&orders, "form").as_deref(), Some("orders"));
    assert!(error_message(js::convert_event(st(CE), st("xml"), None)).contains("`xml`"));
}

#[wasm_bindgen_test]
fn report_views_read_genomic_reports() {
    let v = js::report_view(st(include_str!("../../tests/fixtures/report/variant-result.json"))).unwrap();
    assert!(s(&v, "source").is_some());
    assert!(!list(&v, "variants").is_empty());
    assert!(list(&v, "variants").iter().all(|x| s(x, "location").is_some()));
    let none = js::report_view(st(r#"{"resourceType":"Patient"}"#)).unwrap();
    assert_eq!(codes(&none, "problems").len(), 1);
    assert!(get(&none, "patient").is_null());
}

const ORDER_WITH_ORPHAN: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000001","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order","subject":{"reference":"urn:uuid:00000000-0000-4000-8000-000000000002"}},"request":{"method":"POST","url":"ServiceRequest"}},
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000002","resource":{"resourceType":"Patient","name":[{"family":"<Sorrell>"}]},"request":{"method":"POST","url":"Patient"}},
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000003","resource":{"resourceType":"Specimen"},"request":{"method":"POST","url":"Specimen"}}]}"#;

#[wasm_bindgen_test]
fn bundle_graphs_are_data_and_svg() {
    let g = js::bundle_graph(st(ORDER_WITH_ORPHAN)).unwrap();
    let nodes = list(&g, "nodes");
    assert_eq!(nodes.len(), 3);
    assert_eq!(b(&nodes[0], "focal"), Some(true));
    assert_eq!(b(&nodes[2], "orphan"), Some(true));
    let (start, end) =
        (get(&nodes[1], "start").as_f64().unwrap() as usize, get(&nodes[1], "end").as_f64().unwrap() as usize);
    assert!(ORDER_WITH_ORPHAN[start..end].starts_with("{\"fullUrl\""));
    let edge = list(&g, "edges").into_iter().find(|e| s(e, "path").as_deref() == Some("subject")).unwrap();
    assert_eq!((s(&edge, "kind").as_deref(), get(&edge, "to").as_f64()), (Some("entry"), Some(1.0)));
    assert!(get(&g, "note").is_null());
    let svg = js::render_graph_svg(st(ORDER_WITH_ORPHAN), Some(obj(r#"{"selected":0,"errors":[0,1]}"#))).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(!svg.contains("<Sorrell>"), "document text is escaped");
    let not_a_bundle = js::bundle_graph(st("[1]")).unwrap();
    assert_eq!(list(&not_a_bundle, "nodes").len(), 0);
    assert!(s(&not_a_bundle, "note").is_some());
    assert!(!error_message(js::render_graph_svg(st("{}"), Some(obj(r#"{"selected":"x"}"#)))).is_empty());
}

#[wasm_bindgen_test]
fn narratives_are_checked_before_shown() {
    let safe = js::check_narrative(st(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>Fine</p></div>"#)).unwrap();
    assert_eq!(b(&safe, "valid"), Some(true));
    let bad = r#"<div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div>"#;
    let r = js::check_narrative(st(bad)).unwrap();
    assert_eq!(b(&r, "valid"), Some(false));
    assert!(codes(&r, "issues").iter().all(|c| c.starts_with("GOM-TXT-")));
}

const SINGLETON: &str = include_str!("../../tests/fixtures/compose/valid/singleton.json");

fn counter() -> Function {
    Function::new_no_args(
        "this.n = (this.n || 0) + 1; return '00000000-0000-4000-8000-' + this.n.toString(16).padStart(12, '0');",
    )
}

#[wasm_bindgen_test]
fn drafts_are_checked_field_by_field() {
    let ok = js::check_draft(obj(SINGLETON), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
    assert_eq!(b(&ok, "valid"), Some(true), "{:?}", codes(&ok, "issues"));
    let bad = SINGLETON.replace("944 930 1018", "944 930 1019");
    let r = js::check_draft(st(&bad), Some(obj(r#"{"now":"2026-03-02T10:00:00Z"}"#))).unwrap();
    assert_eq!(b(&r, "valid"), Some(false));
    let i = list(&r, "issues").into_iter().find(|i| s(i, "code").as_deref() == Some("GOM-DRAFT-002")).unwrap();
    assert_eq!(s(&i, "field").as_deref(), Some("patient.nhsNumber"));
    let mistyped = js::check_draft(obj(r#"{"patient":{"nhsNumber":9449301018}}"#), None).unwrap();
    assert_eq!(codes(&mistyped, "issues"), vec!["GOM-JSON-001".to_owned()]);
    assert!(!error_message(js::check_draft(obj("{}"), Some(obj(r#"{"now":"2026-03-02"}"#)))).is_empty());
}

#[wasm_bindgen_test]
fn orders_compose_with_injected_ids_and_clock() {
    let opts = Object::new();
    Reflect::set(&opts, &st("now"), &st(NOW)).unwrap();
    Reflect::set(&opts, &st("ids"), &counter()).unwrap();
    let r = js::compose_order(obj(SINGLETON), Some(opts.into())).unwrap();
    assert_eq!(b(&r, "valid"), Some(true), "{:?} {:?}", codes(&r, "issues"), codes(&r, "bundleIssues"));
    assert_eq!(s(&r, "bundle.type").as_deref(), Some("transaction"));
    assert_eq!(s(&r, "bundle.entry.0.fullUrl").as_deref(), Some("urn:uuid:00000000-0000-4000-8000-000000000001"));
    assert_eq!(s(&r, "bundle.entry.0.resource.authoredOn").as_deref(), Some(NOW));
    assert_eq!(s(&r, "fields.entries.0.section").as_deref(), Some("order"));
    let random = js::compose_order(obj(SINGLETON), None).unwrap();
    let url = s(&random, "bundle.entry.0.fullUrl").unwrap();
    assert!(url.len() == 45 && url.as_bytes().get(23) == Some(&b'4'), "a v4 UUID from crypto: {url}");
    let empty = js::compose_order(obj("{}"), None).unwrap();
    assert_eq!(b(&empty, "valid"), Some(false));
    let fields: Vec<String> = list(&empty, "issues").iter().filter_map(|i| s(i, "field")).collect();
    assert!(fields.contains(&"patient.nhsNumber".to_owned()), "{fields:?}");
    let placed = list(&empty, "bundleIssues").into_iter().filter(|i| !get(i, "entry").is_null());
    assert!(placed.into_iter().all(|i| s(&i, "field").is_some()), "a finding in an entry maps to a draft field");
    let cyclic = Object::new();
    Reflect::set(&cyclic, &st("self"), &cyclic).unwrap();
    let unreadable = js::compose_order(cyclic.into(), None).unwrap();
    assert!(get(&unreadable, "bundle").is_null());
}

#[wasm_bindgen_test]
fn bad_id_functions_throw_an_error() {
    for (f, want) in [
        (Function::new_no_args("throw new Error('no ids today')"), "invalid options: `ids` threw: no ids today"),
        (Function::new_no_args("return 42"), "invalid options: `ids` must return a non-empty string"),
    ] {
        let opts = Object::new();
        Reflect::set(&opts, &st("ids"), &f).unwrap();
        assert_eq!(error_message(js::compose_order(obj(SINGLETON), Some(opts.into()))), want);
    }
    let msg = error_message(js::compose_order(obj(SINGLETON), Some(obj(r#"{"ids":"abc"}"#))));
    assert_eq!(msg, "invalid options: `ids` must be a function");
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(js::version(), env!("CARGO_PKG_VERSION"));
}
