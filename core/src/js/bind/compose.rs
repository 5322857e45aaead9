//! Composing an order from a form's draft. The clock and the ids come from the host (or the
//! caller's options); the core composes purely.

use wasm_bindgen::prelude::*;

use super::super::inject::{self, CallerIds, RandomIds};
use super::super::{api, dto, json_text, options, to_js, validation_to_js};
use crate::diag::Diagnostic;
use crate::rules::json as rj;

/// The draft as JSON text; a value with no JSON form gives a result holding that finding.
// The finding is large, but it is the rare path and goes straight into a result.
#[allow(clippy::result_large_err)]
fn draft_text(v: &JsValue) -> Result<String, dto::Issue> {
    json_text(v).map_err(|e| dto::Issue::from(&Diagnostic::new(rj::SYNTAX, format!("The draft cannot be read: {e}"))))
}

/// The field checks of a draft, each with the field it belongs to: `{ valid, issues }`.
#[wasm_bindgen(js_name = checkDraft, unchecked_return_type = "ValidationResult")]
pub fn check_draft(
    #[wasm_bindgen(unchecked_param_type = "Draft | string")] draft: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "DraftOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::DraftOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    dto::check_instant("now", o.now.as_deref()).map_err(|e| JsError::new(&e))?;
    let now = o.now.unwrap_or_else(inject::now);
    match draft_text(&draft) {
        Ok(src) => validation_to_js(&api::check_draft(&src, &now)),
        Err(i) => validation_to_js(&dto::ValidationResult::from_issues(vec![i])),
    }
}

/// Composes a draft into a GOMS transaction Bundle, with the findings on the draft and on the
/// bundle, each mapped to the draft field to show it beside.
#[wasm_bindgen(js_name = composeOrder, unchecked_return_type = "ComposeResult")]
pub fn compose_order(
    #[wasm_bindgen(unchecked_param_type = "Draft | string")] draft: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "ComposeOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let options_js = options_js.unwrap_or(JsValue::UNDEFINED);
    let o: dto::ComposeOptions = options(&options_js)?;
    dto::check_instant("now", o.now.as_deref()).map_err(|e| JsError::new(&e))?;
    let now = o.now.unwrap_or_else(inject::now);
    let ids = if options_js.is_object() {
        js_sys::Reflect::get(&options_js, &JsValue::from_str("ids")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let src = match draft_text(&draft) {
        Ok(s) => s,
        Err(i) => {
            let r =
                dto::ComposeResult { valid: false, bundle: None, fields: None, issues: vec![i], bundle_issues: vec![] };
            return to_js(&r);
        }
    };
    if ids.is_undefined() || ids.is_null() {
        return to_js(&api::compose_order(&src, &now, &mut RandomIds));
    }
    let f =
        ids.dyn_into::<js_sys::Function>().map_err(|_| JsError::new("invalid options: `ids` must be a function"))?;
    let mut caller = CallerIds { f, error: None };
    let out = api::compose_order(&src, &now, &mut caller);
    match caller.error {
        Some(e) => Err(JsError::new(&e)),
        None => to_js(&out),
    }
}
