//! Composing an order at the boundary.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::Issue;
use crate::compose::FieldMap;

/// `checkDraft` options: the instant dates are compared with (default: the host's clock).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct DraftOptions {
    pub now: Option<String>,
}

/// `composeOrder` options. `ids` (a function returning fresh UUIDs) is read by the binding
/// itself; here it is only allowed to be present.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ComposeOptions {
    pub now: Option<String>,
    pub ids: Option<IgnoredAny>,
}

/// A composed order: the transaction Bundle, where its elements came from in the draft, and the
/// findings on the draft and on the bundle, each with the draft field to show it beside.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComposeResult {
    /// True when neither the draft nor the bundle has an error: the order may be submitted.
    pub valid: bool,
    /// `null` when the draft could not be read.
    pub bundle: Option<serde_json::Value>,
    pub fields: Option<FieldMap>,
    /// Findings of the field checks on the draft.
    pub issues: Vec<Issue>,
    /// Findings of the validator on the composed bundle, as GOMS would answer it.
    pub bundle_issues: Vec<Issue>,
}
