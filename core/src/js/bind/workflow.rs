//! The status workflows: may this change happen, what does an update break, what does a
//! ServiceRequest change do to its Tasks, and what may happen next.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, inject, options, text, to_js, validation_to_js};

/// May a resource move from status `from` to `to`? `{ allowed, issues }`.
#[wasm_bindgen(js_name = checkTransition, unchecked_return_type = "TransitionResult")]
pub fn check_transition(
    #[wasm_bindgen(js_name = resourceType, unchecked_param_type = "WorkflowResourceType")] resource_type: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] to: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "TransitionOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::TransitionOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    let (rt, from, to) = (text(&resource_type, "resourceType")?, text(&from, "from")?, text(&to, "to")?);
    to_js(&api::check_transition(&rt, &from, &to, o).map_err(|e| JsError::new(&e))?)
}

/// What a task tracker shows for a status: where it may go next and by whom, and why every
/// other status is closed. `null` when `status` is not a code of the resource's value set.
#[wasm_bindgen(js_name = statusView, unchecked_return_type = "StatusView | null")]
pub fn status_view(
    #[wasm_bindgen(js_name = resourceType, unchecked_param_type = "WorkflowResourceType")] resource_type: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] status: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "TransitionOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::TransitionOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    let (rt, status) = (text(&resource_type, "resourceType")?, text(&status, "status")?);
    to_js(&api::status_view(&rt, &status, o).map_err(|e| JsError::new(&e))?)
}

/// Checks an update: the stored version and the update, as JSON text. `{ valid, issues }`.
#[wasm_bindgen(js_name = checkUpdate, unchecked_return_type = "ValidationResult")]
pub fn check_update(
    #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "UpdateOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::UpdateOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    validation_to_js(&api::check_update(&text(&before, "before")?, &text(&after, "after")?, o))
}

/// The Task updates GOMS makes when a ServiceRequest changes from `before` to `after`; `tasks`
/// is a JSON array of Tasks, a Bundle, or one Task.
#[wasm_bindgen(js_name = planCascade, unchecked_return_type = "CascadePlan")]
pub fn plan_cascade(
    #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] tasks: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "CascadeOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let o: dto::CascadeOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
    dto::check_instant("now", o.now.as_deref()).map_err(|e| JsError::new(&e))?;
    let now = o.now.unwrap_or_else(inject::now);
    let (b, a, t) = (text(&before, "before")?, text(&after, "after")?, text(&tasks, "tasks")?);
    to_js(&api::plan_cascade(&b, &a, &t, &now))
}
