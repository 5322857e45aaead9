//! Reading results: the genomic report view, and the narrative check behind its HTML.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, text, to_js};

/// The structured view of the first DiagnosticReport in a document (a report alone, or any
/// Bundle holding one), as the portal renders it.
#[wasm_bindgen(js_name = reportView, unchecked_return_type = "ReportView")]
pub fn report_view(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<JsValue, JsError> {
    let src = text(&json, "json")?;
    let view = crate::report::report_view(&src);
    to_js(&dto::ReportView::new(&view, &src))
}

/// Checks a narrative `div` (R4 txt-1, txt-2): `valid` when it is safe to show as HTML.
#[wasm_bindgen(js_name = checkNarrative, unchecked_return_type = "ValidationResult")]
pub fn check_narrative(#[wasm_bindgen(unchecked_param_type = "string")] div: JsValue) -> Result<JsValue, JsError> {
    to_js(&api::check_narrative(&text(&div, "div")?))
}
