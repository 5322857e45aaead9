//! The MNS subscription builder and tester behind the portal's notifications page: a small form
//! of `genomic-order-event-1` filters becomes a criteria string ([`build`]), and a criteria is
//! tried against the resources of a bundle the requester holds ([`try_bundle`], attributes
//! derived as GOMS derives them) or against an event pasted in either form ([`try_event`]).
//! The language itself — parsing, linting, evaluation — is [`crate::criteria`].

mod build;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value as J;

use crate::criteria::{compile, goms, Attributes, Dialect};
use crate::diag::Report;
use crate::events::{self, derive_attributes, ReferenceIndex};

pub use build::{build, quote, CriteriaForm};

/// One try of a criteria.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trial {
    /// What was tried: `entry 3 (Task)`, or `the event`.
    pub label: String,
    /// The filter attributes, `name = value`, as the criteria saw them.
    pub attributes: Vec<(String, String)>,
    pub matched: bool,
    /// Why it could not be evaluated cleanly (`missing-attribute` …), when it could not.
    pub errors: Vec<String>,
}

fn attrs_list(a: &Attributes) -> Vec<(String, String)> {
    a.iter()
        .map(|(k, v)| {
            let shown = match v.to_json() {
                J::Null => "null".to_owned(),
                J::String(s) => s,
                other => other.to_string(),
            };
            (k.to_owned(), shown)
        })
        .collect()
}

fn evaluate(criteria: &str, label: String, a: &Attributes) -> Option<Trial> {
    let program = compile(criteria, Dialect::Mns).ok()?;
    let e = program.evaluate(a);
    Some(Trial {
        label,
        attributes: attrs_list(a),
        matched: e.matched(),
        errors: e.errors.names().into_iter().map(str::to_owned).collect(),
    })
}

/// Tries `criteria` on every resource of a Bundle that GOMS publishes events for (ServiceRequest,
/// Task, Specimen, Consent, DiagnosticReport, RequestGroup). Empty when the criteria does not
/// parse (the linter says why) or the text is not a Bundle.
pub fn try_bundle(criteria: &str, bundle_json: &str) -> Vec<Trial> {
    let Some(bundle) = crate::jsonvalue::parse(bundle_json) else { return Vec::new() };
    let ix = ReferenceIndex::from_bundle(&bundle);
    let entries = bundle.get("entry").and_then(J::as_array).map(Vec::as_slice).unwrap_or(&[]);
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let r = e.get("resource")?;
            let ty = r.get("resourceType").and_then(J::as_str)?;
            if !goms::RESOURCE_TYPES.contains(&ty) {
                return None;
            }
            evaluate(criteria, format!("entry {i} ({ty})"), &derive_attributes(r, &ix))
        })
        .collect()
}

/// Tries `criteria` on an event (CloudEvent or MNS FHIR notification). `Err` carries the event's
/// own findings when it cannot be read.
pub fn try_event(criteria: &str, event_json: &str) -> Result<Option<Trial>, Report> {
    let checked = events::check(event_json);
    match checked.event {
        Some(ev) => Ok(evaluate(criteria, "the event".to_owned(), &ev.attributes())),
        None => Err(checked.report),
    }
}
