//! `OperationOutcome.issue` as the portal lists it.

use serde::Serialize;
use serde_json::Value as J;

use crate::outcome::RULE_SYSTEM;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueView {
    /// `fatal`, `error`, `warning` or `information`.
    pub severity: String,
    /// The FHIR IssueType code.
    pub code: String,
    /// `details.text`, else the first coding's display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<String>,
    /// A gom rule code (`GOM-BDL-012`) when the server is a gom broker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// `expression`, else `location`.
    pub expression: Vec<String>,
}

impl IssueView {
    pub fn is_error(&self) -> bool {
        matches!(self.severity.as_str(), "fatal" | "error")
    }

    /// What to show: the details, else the diagnostics, else the code.
    pub fn text(&self) -> &str {
        self.details.as_deref().or(self.diagnostics.as_deref()).unwrap_or(&self.code)
    }
}

/// The issues of an OperationOutcome.
pub fn issues(oo: &J) -> Vec<IssueView> {
    oo.get("issue").and_then(J::as_array).map(|list| list.iter().map(one).collect()).unwrap_or_default()
}

fn one(i: &J) -> IssueView {
    let s = |k: &str| i.get(k).and_then(J::as_str).map(str::to_owned);
    let details = i.get("details");
    let codings = details.and_then(|d| d.get("coding")).and_then(J::as_array);
    let rule = codings
        .and_then(|c| c.iter().find(|c| c.get("system").and_then(J::as_str) == Some(RULE_SYSTEM)))
        .and_then(|c| c.get("code"))
        .and_then(J::as_str)
        .map(str::to_owned);
    let text = details.and_then(|d| d.get("text")).and_then(J::as_str).map(str::to_owned).or_else(|| {
        codings.and_then(|c| c.first()).and_then(|c| c.get("display")).and_then(J::as_str).map(str::to_owned)
    });
    let strings = |k: &str| -> Vec<String> {
        i.get(k)
            .and_then(J::as_array)
            .map(|a| a.iter().filter_map(J::as_str).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let mut expression = strings("expression");
    if expression.is_empty() {
        expression = strings("location");
    }
    IssueView {
        severity: s("severity").unwrap_or_default(),
        code: s("code").unwrap_or_default(),
        details: text,
        diagnostics: s("diagnostics"),
        rule,
        expression,
    }
}
