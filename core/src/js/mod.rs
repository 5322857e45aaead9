//! The JS/TypeScript API (feature `js`), for trusts embedding the validator in their EPR web UI.
//!
//! Verdicts are data: every function returns plain objects (no `.free()` needed) and never
//! throws for bad input; a JS `Error` is thrown only when a call cannot run (unusable options).

mod dto;

use wasm_bindgen::prelude::*;

use crate::validate::Options;

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not convert the result: {e}")))
}

fn options(opts: JsValue) -> Result<Options, JsError> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(opts).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Validates a GOMS bundle given as JSON text: `{ valid, issues }`.
#[wasm_bindgen]
pub fn validate(json: &str, options_js: JsValue) -> Result<JsValue, JsError> {
    let opts = options(options_js)?;
    let report = crate::validate::validate(json, &opts);
    to_js(&dto::ValidationResult::from(&report))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}
