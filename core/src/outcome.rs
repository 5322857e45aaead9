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
    let display = crate::rules::name_of(d.code).unwrap_or(d.code);
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

/// HTTP statuses of a transaction-response entry.
pub const STATUS_OK: &str = "200 OK";
pub const STATUS_UNPROCESSABLE: &str = "422 Unprocessable Entity";

impl Report {
    /// The report as an R4 `OperationOutcome`.
    pub fn to_operation_outcome(&self) -> J {
        operation_outcome(&self.diagnostics)
    }

    /// What the GOMS broker answers a transaction of `entries` request entries (seed 002): a
    /// `transaction-response` Bundle with one entry per request entry, each carrying an
    /// `OperationOutcome` of its own findings plus the Bundle-level ones (which concern every
    /// entry), and status `422 Unprocessable Entity` when that outcome has an error or
    /// `200 OK` when not. When the transaction has any error nothing is created, and entries
    /// without findings say so, as the IG's `Bundle-TransactionResponseError-Example` does;
    /// without errors the Bundle reads as a dry run (200 for every entry).
    ///
    /// `last_updated` (an instant, injected: gom-core reads no clock) becomes `meta.lastUpdated`
    /// of the Bundle and of each outcome. When `entries` is 0 (the document is no Bundle or has
    /// no entries) there is no entry to carry the findings, and the `OperationOutcome` itself is
    /// returned, as the broker answers such a request with a plain 400.
    pub fn to_transaction_response(&self, entries: usize, last_updated: Option<&str>) -> J {
        self.to_transaction_response_with(entries, last_updated, &|_| STATUS_UNPROCESSABLE)
    }

    /// [`Report::to_transaction_response`] with the status line of each error finding given by
    /// `status` (a broker answers a stale `ifMatch` with `412 Precondition Failed`, a missing
    /// update target with `404 Not Found`). An entry takes `422 Unprocessable Entity` when any of
    /// its errors does (so it is never reported milder than it is), otherwise the status of its
    /// first error. A finding whose entry index is past the last entry counts as Bundle-level.
    pub fn to_transaction_response_with(
        &self,
        entries: usize,
        last_updated: Option<&str>,
        status: &dyn Fn(&Diagnostic) -> &'static str,
    ) -> J {
        let mut oo_meta = Map::new();
        if let Some(t) = last_updated {
            oo_meta.insert("lastUpdated".into(), json!(t));
        }
        let with_meta = |mut oo: J| {
            if !oo_meta.is_empty() {
                if let Some(o) = oo.as_object_mut() {
                    o.insert("meta".into(), J::Object(oo_meta.clone()));
                }
            }
            oo
        };
        if entries == 0 {
            return with_meta(self.to_operation_outcome());
        }
        let failed = self.has_errors();
        let bundle_level: Vec<&Diagnostic> =
            self.diagnostics.iter().filter(|d| d.entry.is_none_or(|e| e as usize >= entries)).collect();
        let mut per_entry: Vec<Vec<&Diagnostic>> = vec![Vec::new(); entries];
        for d in &self.diagnostics {
            if let Some(slot) = d.entry.and_then(|e| per_entry.get_mut(e as usize)) {
                slot.push(d);
            }
        }
        let out: Vec<J> = per_entry
            .into_iter()
            .enumerate()
            .map(|(i, own)| {
                let mut all: Vec<&Diagnostic> = own;
                all.extend(bundle_level.iter().copied());
                let errors: Vec<&'static str> =
                    all.iter().filter(|d| d.severity.is_error()).map(|d| status(d)).collect();
                let status = match errors.first() {
                    None => STATUS_OK,
                    Some(_) if errors.contains(&STATUS_UNPROCESSABLE) => STATUS_UNPROCESSABLE,
                    Some(first) => first,
                };
                let oo = if all.is_empty() {
                    let text = if failed {
                        "No issues detected during validation. Resource not created as the transaction contains an error"
                    } else {
                        "No issues detected during validation"
                    };
                    json!({"resourceType": "OperationOutcome", "issue": [{
                        "severity": "information",
                        "code": "informational",
                        "diagnostics": text,
                        "location": [format!("Bundle.entry[{i}]")],
                        "expression": [format!("Bundle.entry[{i}]")]
                    }]})
                } else {
                    operation_outcome(all)
                };
                json!({"response": {"status": status, "outcome": with_meta(oo)}})
            })
            .collect();
        let mut b = Map::new();
        b.insert("resourceType".into(), json!("Bundle"));
        if let Some(t) = last_updated {
            b.insert("meta".into(), json!({"lastUpdated": t}));
        }
        b.insert("type".into(), json!("transaction-response"));
        b.insert("entry".into(), J::Array(out));
        J::Object(b)
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

    /// (request entries, findings per entry as `status:codes`) for a source.
    fn response(src: &str) -> Vec<String> {
        let r = validate(src, &Options::default());
        let n = crate::json::Doc::parse(src).ok().and_then(|d| d.root().get("entry").map(|e| e.len())).unwrap_or(0);
        let b = r.to_transaction_response(n, Some("2026-05-02T16:00:00Z"));
        assert_eq!(b["type"], "transaction-response");
        assert_eq!(b["meta"]["lastUpdated"], "2026-05-02T16:00:00Z");
        b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let codes: Vec<String> = e["response"]["outcome"]["issue"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| {
                        i["details"]["coding"][0]["code"].as_str().unwrap_or(i["severity"].as_str().unwrap()).to_owned()
                    })
                    .collect();
                format!("{}:{}", &e["response"]["status"].as_str().unwrap()[..3], codes.join(","))
            })
            .collect()
    }

    const U: &str = "urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e0";

    #[test]
    fn transaction_response_has_one_outcome_per_entry() {
        let src = format!(
            r#"{{"resourceType":"Bundle","type":"transaction","entry":[
            {{"fullUrl":"{U}1","resource":{{"resourceType":"Observation","status":"final","code":{{}},"subject":{{"reference":"{U}9"}}}},"request":{{"method":"POST","url":"Observation"}}}},
            {{"fullUrl":"{U}2","resource":{{"resourceType":"Group","type":"person","actual":true}},"request":{{"method":"POST","url":"Group"}}}}]}}"#
        );
        // Entry 0 has a dangling reference; entry 1 is fine but nothing is created. The Bundle
        // has no ServiceRequest (a Bundle-level warning every entry carries).
        assert_eq!(response(&src), ["422:GOM-REF-001,GOM-GRAPH-007", "200:GOM-GRAPH-007"]);
        let ok = src.replace(&format!("{U}9"), &format!("{U}2"));
        assert_eq!(response(&ok), ["200:GOM-GRAPH-007", "200:GOM-GRAPH-007"]);
        let r = validate(&src, &Options::default());
        let b = r.to_transaction_response(2, None);
        assert!(b.get("meta").is_none());
        let issue = &b["entry"][0]["response"]["outcome"]["issue"][0];
        assert_eq!(issue["expression"][0], "Bundle.entry[0].resource.subject.reference");
    }

    #[test]
    fn transaction_response_with_caller_statuses() {
        use crate::rules::{bundle as rb, refs as rr};
        let at = |rule, entry| {
            let mut d = Diagnostic::new(rule, "x");
            d.entry = entry;
            d
        };
        let conflict = |d: &Diagnostic| {
            if d.code == rb::PUT_ID_MISMATCH.code {
                "412 Precondition Failed"
            } else {
                STATUS_UNPROCESSABLE
            }
        };
        let statuses = |r: &Report, n| -> Vec<String> {
            let b = r.to_transaction_response_with(n, None, &conflict);
            b["entry"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["response"]["status"].as_str().unwrap().to_owned())
                .collect()
        };
        let r = Report::new(vec![at(rb::PUT_ID_MISMATCH, Some(1))]);
        assert_eq!(statuses(&r, 2), ["200 OK", "412 Precondition Failed"]);
        // 422 outranks the caller's status; a finding past the last entry concerns them all.
        let r =
            Report::new(vec![at(rb::PUT_ID_MISMATCH, Some(1)), at(rr::DANGLING, Some(1)), at(rr::TO_SERVER, Some(5))]);
        assert_eq!(statuses(&r, 2), ["200 OK", STATUS_UNPROCESSABLE]);
        let b = r.to_transaction_response_with(2, None, &conflict);
        assert_eq!(b["entry"][0]["response"]["outcome"]["issue"][0]["details"]["coding"][0]["code"], "GOM-REF-003");
    }

    #[test]
    fn transaction_response_of_a_clean_bundle_and_of_no_bundle() {
        let src = r#"{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Basic","code":{}},"request":{"method":"POST","url":"Basic"}}]}"#;
        let r = Report::default();
        let b = r.to_transaction_response(1, None);
        assert_eq!(b["entry"][0]["response"]["status"], "200 OK");
        assert_eq!(
            b["entry"][0]["response"]["outcome"]["issue"][0]["diagnostics"],
            "No issues detected during validation"
        );
        assert_eq!(response(src).len(), 1);
        let fatal = validate("[", &Options::default()).to_transaction_response(0, Some("2026-05-02T16:00:00Z"));
        assert_eq!(fatal["resourceType"], "OperationOutcome");
        assert_eq!(fatal["meta"]["lastUpdated"], "2026-05-02T16:00:00Z");
        assert_eq!(fatal["issue"][0]["severity"], "fatal");
    }

    #[test]
    fn empty_outcome_has_one_information_issue() {
        let oo = operation_outcome([]);
        assert_eq!(oo["issue"].as_array().unwrap().len(), 1);
        assert_eq!(oo["issue"][0]["severity"], "information");
    }
}
