//! `new Validator(options)`: options read once, then `validate`, `toOperationOutcome` and
//! `toTransactionResponse` on as many documents as the host likes.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, options, text, to_js};
use crate::validate::Options;

/// A bundle validator with fixed options.
#[wasm_bindgen]
pub struct Validator {
    opts: Options,
}

#[wasm_bindgen]
impl Validator {
    /// Reads the options once; unusable options throw an `Error`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "ValidateOptions")] options_js: Option<
            JsValue,
        >,
    ) -> Result<Validator, JsError> {
        let o: dto::ValidateOptions = options(&options_js.unwrap_or(JsValue::UNDEFINED))?;
        Ok(Validator { opts: o.into() })
    }

    /// The options in force, defaults filled in.
    #[wasm_bindgen(getter, unchecked_return_type = "Required<ValidateOptions>")]
    pub fn options(&self) -> Result<JsValue, JsError> {
        to_js(&self.opts)
    }

    /// Validates a bundle given as JSON text.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(&self, #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue) -> Result<JsValue, JsError> {
        to_js(&api::validate(&text(&json, "json")?, &self.opts))
    }

    /// The findings on a bundle as an R4 `OperationOutcome` (one issue saying so when there are none).
    #[wasm_bindgen(js_name = toOperationOutcome, unchecked_return_type = "OperationOutcome")]
    pub fn to_operation_outcome(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&api::operation_outcome(&text(&json, "json")?, &self.opts))
    }
}

/// Validates a bundle with one-off options (prefer a `Validator` for many documents).
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(js_name = options, unchecked_optional_param_type = "ValidateOptions")] options_js: Option<JsValue>,
) -> Result<JsValue, JsError> {
    Validator::new(options_js)?.validate(json)
}
