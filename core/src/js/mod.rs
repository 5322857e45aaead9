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
//! - `types.d.ts`: the TypeScript declarations of every input and output.
//!
//! Results cross as JSON text and one `JSON.parse`: the core already carries serde_json, so no
//! second serializer is compiled in, and V8 builds objects from JSON faster than from one
//! property call per field.

pub mod api;
mod bind;
pub mod dto;
mod inject;

#[cfg(test)]
mod tests;

pub use bind::*;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// A result as a plain JS object.
fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(v).map_err(|e| JsError::new(&format!("could not convert the result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("could not convert the result"))
}

/// Options given as a JS object (or `undefined`/`null` for the defaults), read strictly.
fn options<T: Default + for<'de> serde::Deserialize<'de>>(v: &JsValue) -> Result<T, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("invalid options: expected a plain object"))?;
    dto::read_options(Some(&text)).map_err(|e| JsError::new(&e))
}

/// A string argument; anything else cannot be read as text and the call cannot run.
fn text(v: &JsValue, name: &str) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| JsError::new(&format!("`{name}` must be a string")))
}

/// A JSON argument given as text or as a JS value (turned into JSON text with `JSON.stringify`).
/// A value that has no JSON form (a cycle, a BigInt, a function) is an `Err` with the reason.
fn json_text(v: &JsValue) -> Result<String, String> {
    if let Some(s) = v.as_string() {
        return Ok(s);
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
