//! Renders findings as FHIR R4: an `OperationOutcome`, one issue per finding.

use serde_json::{json, Map, Value as J};

use crate::diag::{Diagnostic, Report};

/// The code system of gom-core's rule codes in `issue.details.coding`.
pub const RULE_SYSTEM: &str = "urn:gom:rules";
/// Standard extensions for the position of an issue (used by the HL7 validator too).
pub const EXT_LINE: &str = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line";
pub const EXT_COL: &str = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col";

/// One `OperationOutcome.issue` for a finding.
pub fn issue(d: &Diagnostic) -> J {
    let mut o = Map::new();
    let mut ext = Vec::new();
    if let Some(l) = d.line {
        ext.push(json!({"url": EXT_LINE, "valueInteger": l}));
    }
    if let Some(c) = d.column {
        ext.push(json!({"url": EXT_COL, "valueInteger": c}));
    }
    if !ext.is_empty() {
        o.insert("extension".into(), J::Array(ext));
    }
    o.insert("severity".into(), json!(d.severity.as_str()));
    o.insert("code".into(), json!(d.issue_type.as_str()));
    let display = crate::rules::find(d.code).map(|r| r.name).unwrap_or(d.code);
    o.insert(
        "details".into(),
        json!({"coding": [{"system": RULE_SYSTEM, "code": d.code, "display": display}], "text": d.message}),
    );
    o.insert("diagnostics".into(), json!(d.help));
    if let Some(e) = &d.expression {
        o.insert("location".into(), json!([e]));
        o.insert("expression".into(), json!([e]));
    }
    J::Object(o)
}

/// An R4 `OperationOutcome` for a set of findings. R4 needs at least one issue, so an empty
/// set becomes a single `information` issue saying so.
pub fn operation_outcome<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> J {
    let mut issues: Vec<J> = diags.into_iter().map(issue).collect();
    if issues.is_empty() {
        issues.push(json!({
            "severity": "information",
            "code": "informational",
            "details": {"text": "No issues found"}
        }));
    }
    json!({"resourceType": "OperationOutcome", "issue": issues})
}

impl Report {
    /// The report as an R4 `OperationOutcome`.
    pub fn to_operation_outcome(&self) -> J {
        operation_outcome(&self.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, Options};

    #[test]
    fn outcome_carries_code_position_and_expression() {
        let r = validate(r#"{"resourceType":"Bundle","type":"batch"}"#, &Options::default());
        let oo = r.to_operation_outcome();
        let issues = oo["issue"].as_array().unwrap();
        let i = issues.iter().find(|i| i["details"]["coding"][0]["code"] == "GOM-BDL-002").unwrap();
        assert_eq!(i["severity"], "error");
        assert_eq!(i["code"], "not-supported");
        assert_eq!(i["details"]["coding"][0]["code"], "GOM-BDL-002");
        assert_eq!(i["expression"][0], "Bundle.type");
        assert_eq!(i["extension"][1]["valueInteger"], 33);
    }

    #[test]
    fn empty_outcome_has_one_information_issue() {
        let oo = operation_outcome([]);
        assert_eq!(oo["issue"].as_array().unwrap().len(), 1);
        assert_eq!(oo["issue"][0]["severity"], "information");
    }
}
