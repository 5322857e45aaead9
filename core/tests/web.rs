//! The JS API in a real browser (`wasm-pack test --headless --chrome core --features js`):
//! verdicts come back as plain objects, bad options throw an `Error`, hostile input never traps.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use gom_core::js;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("readable property")
}

fn issues(v: &JsValue) -> Vec<JsValue> {
    get(v, "issues").dyn_into::<Array>().expect("issues is an array").iter().collect()
}

const DELETE_ENTRY: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient"},"request":{"method":"DELETE","url":"Patient/1"}}]}"#;

#[wasm_bindgen_test]
fn validate_returns_plain_objects() {
    let r = js::validate(DELETE_ENTRY, JsValue::UNDEFINED).expect("validate runs");
    assert!(r.is_instance_of::<Object>());
    assert_eq!(get(&r, "valid").as_bool(), Some(false));
    let all = issues(&r);
    let codes: Vec<String> = all.iter().filter_map(|i| get(i, "code").as_string()).collect();
    assert!(codes.contains(&"GOM-BDL-012".to_owned()), "{codes:?}");
    let first = all.iter().find(|i| get(i, "code").as_string().as_deref() == Some("GOM-BDL-012")).unwrap();
    assert_eq!(get(first, "severity").as_string().as_deref(), Some("error"));
    assert_eq!(get(first, "line").as_f64(), Some(2.0));
    assert_eq!(get(first, "expression").as_string().as_deref(), Some("Bundle.entry[0].request.method"));
}

#[wasm_bindgen_test]
fn a_clean_bundle_is_valid() {
    let ok = DELETE_ENTRY.replace("DELETE", "POST").replace("Patient/1", "Patient");
    let r = js::validate(&ok, JsValue::NULL).expect("validate runs");
    assert_eq!(get(&r, "valid").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error() {
    let opts = js_sys::JSON::parse(r#"{"mode":"sideways"}"#).unwrap();
    let err = js::validate(DELETE_ENTRY, opts).expect_err("bad options are refused");
    let err: JsValue = err.into();
    assert!(err.is_instance_of::<js_sys::Error>());
    let msg = err.dyn_into::<js_sys::Error>().unwrap().message().as_string().unwrap();
    assert!(msg.starts_with("invalid options"), "{msg}");
}

#[wasm_bindgen_test]
fn hostile_input_gives_diagnostics_not_traps() {
    let deep = "[".repeat(100_000);
    let r = js::validate(&deep, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&issues(&r)[0], "code").as_string().as_deref(), Some("GOM-JSON-001"));
    let huge = format!("{{\"resourceType\":\"Bundle\",\"type\":\"{}\"}}", "x".repeat(5_000_000));
    let r = js::validate(&huge, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "valid").as_bool(), Some(false));
    let r = js::validate("", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&issues(&r)[0], "severity").as_string().as_deref(), Some("fatal"));
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(js::version(), env!("CARGO_PKG_VERSION"));
}
