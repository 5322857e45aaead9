//! MNS subscription criteria (and CESQL), and GOMS event notifications.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, json_text, options, text, to_js, validation_to_js};
use crate::criteria::Dialect;

/// A compiled criteria: compile once, then test as many events as the host likes. One that does
/// not parse still answers: `ok` is false, it matches nothing and `lint()` says why.
#[wasm_bindgen]
pub struct Criteria {
    inner: api::Criteria,
}

/// An event argument as JSON text; one with no JSON form reads as text that is not JSON, so it
/// matches nothing and evaluates to a finding.
fn event_text(v: &JsValue) -> String {
    json_text(v).unwrap_or_else(|e| format!("<{e}>"))
}

#[wasm_bindgen]
impl Criteria {
    /// True when the criteria parsed.
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.inner.ok()
    }

    /// The criteria text as given.
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> String {
        self.inner.source().to_owned()
    }

    #[wasm_bindgen(getter, unchecked_return_type = "Dialect")]
    pub fn dialect(&self) -> String {
        match self.inner.dialect() {
            Dialect::Mns => "mns".into(),
            Dialect::Cesql => "cesql".into(),
        }
    }

    /// True when a subscription with this criteria would deliver the event: a CloudEvent, an MNS
    /// FHIR notification Bundle, or a plain object of attribute values (as text or as an object).
    pub fn matches(&self, #[wasm_bindgen(unchecked_param_type = "string | object")] event: JsValue) -> bool {
        self.inner.matches(&event_text(&event))
    }

    /// Evaluates against an event: `{ matched, value, errors, issues }`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] event: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.inner.evaluate(&event_text(&event)))
    }

    /// What MNS would refuse, what can never match and what is wider than needed.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn lint(&self) -> Result<JsValue, JsError> {
        validation_to_js(&self.inner.lint())
    }
}

/// Compiles a criteria (MNS by default).
#[wasm_bindgen(js_name = compileCriteria)]
pub fn compile_criteria(
    #[wasm_bindgen(unchecked_param_type = "string")] src: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "CriteriaOptions")] options_js: Option<JsValue>,
) -> Result<Criteria, JsError> {
    let o: dto::CriteriaOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    Ok(Criteria { inner: api::Criteria::compile(&text(&src, "src")?, o) })
}

/// Lints a criteria: `{ valid, issues }`, issues placed in the criteria text.
#[wasm_bindgen(js_name = lintCriteria, unchecked_return_type = "ValidationResult")]
pub fn lint_criteria(
    #[wasm_bindgen(unchecked_param_type = "string")] src: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "CriteriaOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::CriteriaOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    validation_to_js(&api::lint_criteria(&text(&src, "src")?, o))
}

/// Checks an event in any form: a GOMS notification (CloudEvent or FHIR) or an orders-service event.
#[wasm_bindgen(js_name = checkEvent, unchecked_return_type = "EventResult")]
pub fn check_event(#[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<JsValue, JsError> {
    to_js(&api::check_event(&text(&json, "json")?))
}

/// Converts a GOMS notification to the other form: `to` is `"cloudevent"` or `"fhir"`.
#[wasm_bindgen(js_name = convertEvent, unchecked_return_type = "EventResult")]
pub fn convert_event(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EventForm")] to: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "EventOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::EventOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    let out = api::convert_event(&text(&json, "json")?, &text(&to, "to")?, &o).map_err(|e| JsError::new(&e))?;
    to_js(&out)
}
