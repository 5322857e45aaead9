//! Boundary types: what JS receives, converted from the core's types.

use serde::Serialize;

use crate::diag::{Diagnostic, Report};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub code: &'static str,
    pub severity: &'static str,
    pub issue_type: &'static str,
    pub message: String,
    pub help: String,
    pub expression: Option<String>,
    pub pointer: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub entry: Option<u32>,
}

impl From<&Diagnostic> for Issue {
    fn from(d: &Diagnostic) -> Issue {
        Issue {
            code: d.code,
            severity: d.severity.as_str(),
            issue_type: d.issue_type.as_str(),
            message: d.message.clone(),
            help: d.help.to_string(),
            expression: d.expression.clone(),
            pointer: d.pointer.clone(),
            line: d.line,
            column: d.column,
            entry: d.entry,
        }
    }
}

#[derive(Serialize)]
pub struct ValidationResult {
    pub valid: bool,
    pub issues: Vec<Issue>,
}

impl From<&Report> for ValidationResult {
    fn from(r: &Report) -> ValidationResult {
        ValidationResult { valid: !r.has_errors(), issues: r.diagnostics.iter().map(Issue::from).collect() }
    }
}
