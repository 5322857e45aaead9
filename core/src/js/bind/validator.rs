//! `new Validator(options)`: options read once, then `validate`, `toOperationOutcome` and
//! `toTransactionResponse` on as many documents as the host likes, each reusing the working
//! memory of the last (the node arena and index rows, [`crate::validate::Validator`]), so Wasm's
//! allocator is not asked for tens of megabytes per large bundle; and `checkNarrative`, the
//! check an EPR runs before showing a resource's narrative as HTML.

use wasm_bindgen::prelude::*;

use super::super::{api, dto, inject, options_text, outcome_to_js, parse, result_to_js, text, to_js, validation_to_js};
use crate::validate::Options;

/// A bundle validator with fixed options, keeping its buffers between documents.
#[wasm_bindgen]
pub struct Validator {
    inner: crate::validate::Validator,
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
        let text = options_text(&options_js.unwrap_or(JsValue::UNDEFINED))?;
        let o = dto::read::<dto::ValidateOptions>(text.as_deref()).map_err(|e| JsError::new(&e))?;
        let opts: Options = o.into();
        Ok(Validator { inner: crate::validate::Validator::new(opts) })
    }

    /// The options in force, defaults filled in (`{ mode, strict }`, written by hand: the
    /// validator family links no serde serializer of its own).
    #[wasm_bindgen(getter, unchecked_return_type = "Required<ValidateOptions>")]
    pub fn options(&self) -> Result<JsValue, JsError> {
        let opts = self.inner.options();
        let mode = dto::mode_name(opts.mode);
        let strict = if opts.strict { "true" } else { "false" };
        parse(&format!("{{\"mode\":\"{mode}\",\"strict\":{strict}}}"))
    }

    /// Validates a bundle given as JSON text.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsValue, JsError> {
        let src = text(&json, "json")?;
        result_to_js(&self.inner.validate(&src), &src)
    }

    /// The findings on a bundle as an R4 `OperationOutcome` (one issue saying so when there are none).
    #[wasm_bindgen(js_name = toOperationOutcome, unchecked_return_type = "OperationOutcome")]
    pub fn to_operation_outcome(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsValue, JsError> {
        outcome_to_js(&self.inner.validate(&text(&json, "json")?))
    }

    /// What the GOMS broker would answer the bundle as a transaction: a `transaction-response`
    /// Bundle with one OperationOutcome per entry, `422` where it has an error and `200` where
    /// not (nothing is created when any entry fails). `lastUpdated` (RFC 3339) becomes
    /// `meta.lastUpdated`: the host's clock when left out, none when `null`. A document with no
    /// entries is answered with the OperationOutcome alone.
    #[wasm_bindgen(js_name = toTransactionResponse, unchecked_return_type = "TransactionResponse | OperationOutcome")]
    pub fn to_transaction_response(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        #[wasm_bindgen(js_name = lastUpdated, unchecked_optional_param_type = "string | null")] last_updated: JsValue,
    ) -> Result<JsValue, JsError> {
        let at = if last_updated.is_undefined() {
            Some(inject::now())
        } else if last_updated.is_null() {
            None
        } else {
            let t = text(&last_updated, "lastUpdated")?;
            dto::check_instant("lastUpdated", Some(&t)).map_err(|e| JsError::new(&e))?;
            Some(t)
        };
        let src = text(&json, "json")?;
        to_js(&api::transaction_response_of(&self.inner.validate(&src), &src, at.as_deref()))
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

/// Checks a narrative `div` (R4 txt-1, txt-2): `valid` when it is safe to show as HTML.
#[wasm_bindgen(js_name = checkNarrative, unchecked_return_type = "ValidationResult")]
pub fn check_narrative(#[wasm_bindgen(unchecked_param_type = "string")] div: JsValue) -> Result<JsValue, JsError> {
    validation_to_js(&api::check_narrative(&text(&div, "div")?))
}
