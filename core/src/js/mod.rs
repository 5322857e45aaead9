//! The JS/TypeScript API (feature `js`), for trusts embedding the validator in their EPR web UI.
//!
//! Verdicts are data: every function returns plain objects (no `.free()` needed) and never
//! throws for bad input; a JS `Error` is thrown only when a call cannot run (unusable options,
//! an argument of the wrong JS type). Nothing here may panic: a panic in Wasm is a trap the host
//! cannot recover from.
//!
//! - [`api`]: the API as plain Rust over text, runnable natively (the parity run uses it).
//! - [`dto`]: the boundary types, converted from the core's with `From`.
//! - `bind/`: the wasm-bindgen exports, which only convert arguments and results.
//! - `inject.rs`: the clock and ids, read from JS and passed into the pure core.
//! - `ser.rs`: results as JSON text, byte for byte serde_json's, in a fraction of its code.
//! - `types.d.ts`: the TypeScript declarations of every input and output.
//! - `boundary.js`: the JS end of the boundary (input string in, `{ valid, issues }` out).
//! - `README.md`: the integrators' README, shipped in the npm package.
//! - `tests.rs`: the native half of the parity check (writes `target/parity/cases.json`).
//!
//! Results cross as JSON text and one `JSON.parse`: V8 builds objects from JSON faster than from
//! one property call per field, and the text is written by one small serializer (`ser.rs`)
//! instead of code per field per type. `{ valid, issues }`, the answer of every check, crosses
//! faster still: packed by `dto/write.rs` into one string and a `u32` array, from which
//! `boundary.js` builds the objects. That wasm-bindgen snippet, the package's only hand-written
//! JS, also encodes the input string straight into the Wasm memory. Options cross the other way
//! as `JSON.stringify` text, read by one hand-written reader for every options type
//! (`dto/options.rs`, serde_json's messages word for word) rather than a serde deserializer each.
//!
//! Each family's exports sit behind a cargo feature (`js-validator`, `js-workflow`,
//! `js-criteria`, `js-report`, `js-compose`; `js` is all of them), so a build of one family
//! leaves the others' rules out of its Wasm.

// A build of some families (`js-validator` alone) leaves some of the conversions below unused.
#![cfg_attr(not(feature = "js"), allow(dead_code))]

pub mod api;
mod bind;
pub mod dto;
mod inject;
mod ser;

#[cfg(all(test, feature = "js"))]
mod tests;

pub use bind::*;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// A result as a plain JS object: its JSON text (written by [`ser`]) and one `JSON.parse`.
fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    let text = ser::to_string(v).map_err(|e| JsError::new(&format!("could not convert the result: {e}")))?;
    parse(&text)
}

/// JSON text of a result as a plain JS object.
fn parse(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("could not convert the result"))
}

#[wasm_bindgen(module = "/src/js/boundary.js")]
extern "C" {
    /// `{ valid, issues }` built in JS from a [`dto::Packed`] result.
    #[wasm_bindgen(js_name = unpackResult)]
    fn unpack_result(valid: bool, text: &str, nums: &[u32]) -> JsValue;
    /// `s` as UTF-8 into `dest` (long enough for all of it); the bytes written.
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(s: &js_sys::JsString, dest: &mut [u8]) -> u32;
}

/// `{ valid, issues }` as a plain JS object, built by `boundary.js` from the packed result.
fn packed_to_js(p: &dto::Packed) -> JsValue {
    unpack_result(p.valid, &p.text, &p.nums)
}

/// `{ valid, issues }` as a plain JS object.
fn validation_to_js(r: &dto::ValidationResult) -> Result<JsValue, JsError> {
    Ok(packed_to_js(&r.pack()))
}

/// How many issues cross into JS per `JSON.parse`: a document with 100k entries can have half a
/// million findings, and converting them a slice at a time keeps the Wasm memory from holding
/// their JSON text (and their boundary copies) all at once.
const CHUNK: usize = 4096;

/// Items converted a slice at a time into one JS array.
fn array_in_chunks<T, U: serde::Serialize>(items: &[T], convert: impl Fn(usize, &T) -> U) -> Result<JsValue, JsError> {
    let parts = js_sys::Array::new();
    for (n, chunk) in items.chunks(CHUNK).enumerate() {
        let converted: Vec<U> = chunk.iter().enumerate().map(|(i, x)| convert(n * CHUNK + i, x)).collect();
        parts.push(&to_js(&converted)?);
    }
    Ok(parts.flat(1).into())
}

/// `{ valid, issues }` of a report located in `src`: packed at once when the issues fit in a
/// slice (the common case, where the boundary costs as much as a small bundle's validation),
/// otherwise the issues converted a slice at a time.
fn result_to_js(report: &crate::diag::Report, src: &str) -> Result<JsValue, JsError> {
    if report.diagnostics.len() <= CHUNK {
        return Ok(packed_to_js(&dto::located_packed(!report.has_errors(), src, &report.diagnostics)));
    }
    let ranges = dto::utf16_ranges(src, &report.diagnostics);
    let issues = array_in_chunks(&report.diagnostics, |i, d| dto::located(d, ranges.get(i).copied().flatten()))?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    set("valid", &JsValue::from_bool(!report.has_errors()))
        .and_then(|_| set("issues", &issues))
        .map_err(|_| JsError::new("could not convert the result"))?;
    Ok(out.into())
}

/// An R4 OperationOutcome of a report: one `JSON.parse` when its issues fit in a slice, otherwise
/// the issues converted a slice at a time.
fn outcome_to_js(report: &crate::diag::Report) -> Result<JsValue, JsError> {
    if report.diagnostics.len() <= CHUNK {
        return to_js(&report.to_operation_outcome());
    }
    let issues = array_in_chunks(&report.diagnostics, |_, d| crate::outcome::issue(d))?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    set("resourceType", &JsValue::from_str("OperationOutcome"))
        .and_then(|_| set("issue", &issues))
        .map_err(|_| JsError::new("could not convert the result"))?;
    Ok(out.into())
}

/// Options given as a JS object (or `undefined`/`null` for the defaults), read strictly.
fn options<T: dto::ReadOptions>(v: &JsValue) -> Result<T, JsError> {
    dto::read(options_text(v)?.as_deref()).map_err(|e| JsError::new(&e))
}

/// Options as JSON text (`None` for `undefined`/`null`).
fn options_text(v: &JsValue) -> Result<Option<String>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .map(Some)
        .ok_or_else(|| JsError::new("invalid options: expected a plain object"))
}

/// A string argument; anything else cannot be read as text and the call cannot run.
fn text(v: &JsValue, name: &str) -> Result<String, JsError> {
    v.dyn_ref::<js_sys::JsString>().map(utf8).ok_or_else(|| JsError::new(&format!("`{name}` must be a string")))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, s: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// Strings up to this many UTF-16 units are encoded straight into a buffer of three bytes per
/// unit (what UTF-8 can need at most); longer ones through an exact-size copy, so a hostile
/// 500-million-unit string never asks the Wasm memory for 1.5 GB.
const ENCODE_INTO_UNITS: u32 = 1 << 20;

/// A JS string as UTF-8, encoded by the engine's `TextEncoder` in one call. Most strings are
/// encoded straight into the Wasm memory (`encodeInto` in `boundary.js`); `encode` then a copy
/// costs a JS array and a second pass, and `JsValue::as_string` copies a UTF-16 unit at a time
/// in JS (a tenth of a call's time in Node for the 4.5 KB bench bundle). Lone surrogates become
/// U+FFFD either way.
fn utf8(s: &js_sys::JsString) -> String {
    let units = s.length();
    let bytes = if units <= ENCODE_INTO_UNITS {
        let mut buf = vec![0u8; units as usize * 3];
        let written = encode_into(s, &mut buf) as usize;
        buf.truncate(written);
        buf
    } else {
        Utf8Encoder::new().encode(s).to_vec()
    };
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A JSON argument given as text or as a JS value (turned into JSON text with `JSON.stringify`).
/// A value that has no JSON form (a cycle, a BigInt, a function) is an `Err` with the reason.
fn json_text(v: &JsValue) -> Result<String, String> {
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        return Ok(utf8(s));
    }
    match js_sys::JSON::stringify(v) {
        Ok(s) => s.as_string().ok_or_else(|| "the value has no JSON form".to_owned()),
        Err(e) => {
            let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            Err(format!("the value has no JSON form: {msg}"))
        }
    }
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}
