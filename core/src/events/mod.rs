//! GOMS event notifications: the CloudEvent and FHIR forms of `genomic-order-event-1`, their
//! checks and conversion (seed 000, domain.md §3.2–3.3), the attributes criteria are evaluated
//! against — from an event, or derived from a FHIR resource the holder has — and the
//! orders-service events of seed 004.
//!
//! Every event is held as a [`CloudEvent`]: the FHIR form converts to it without loss of what
//! subscribers receive (the signal Parameters' own id is not carried).

mod cloudevent;
mod derive;
mod fhir;
pub mod orders;
pub(crate) mod text;

#[cfg(test)]
mod tests;

use crate::diag::{capitalise, Diagnostic, Report};
use crate::json::{Doc, Limits, ParseErrorKind};
use crate::rules::{events as re, json as rj};

pub use cloudevent::CloudEvent;
pub use derive::{derive_attributes, genomic_order_event, ReferenceIndex};
pub use fhir::{MNS_SUBSCRIPTIONS_URL, SIGNAL_PROFILE};
pub use text::{is_rfc3339, is_uuid};

/// The GOMS publisher, as CloudEvents `source` and FHIR `additional-context.source`.
pub const GOMS_SOURCE: &str = "uk.nhs.genomic-order-management-service";

/// Which form an event came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    CloudEvent,
    Fhir,
}

/// A checked event: its form, its CloudEvent reading (if it could be read) and the findings.
#[derive(Clone, Debug)]
pub struct Checked {
    pub form: Option<Form>,
    pub event: Option<CloudEvent>,
    pub report: Report,
}

/// Reads and checks an event in either form.
pub fn check(src: &str) -> Checked {
    let mut diags = Vec::new();
    let (form, event) = match Doc::parse_with(src, Limits::default()) {
        Err(e) => {
            let end = if matches!(e.kind, ParseErrorKind::TooLarge { .. }) { 0 } else { e.offset + 1 };
            let msg = e.to_string();
            diags.push(Diagnostic::new(rj::SYNTAX, capitalise(&msg)).at_span(e.offset, end.min(src.len())));
            (None, None)
        }
        Ok(doc) => {
            let root = doc.root();
            if root.is_object() && root.get("specversion").is_some() {
                (Some(Form::CloudEvent), cloudevent::check(root, &mut diags))
            } else if root.is_object() && root.get_str("resourceType").as_deref() == Some("Bundle") {
                (Some(Form::Fhir), fhir::check(root, &mut diags))
            } else {
                diags.push(
                    Diagnostic::new(
                        re::FORM,
                        "The document is neither a CloudEvent nor an MNS FHIR notification Bundle",
                    )
                    .at(root),
                );
                (None, None)
            }
        }
    };
    let mut report = Report::new(diags);
    report.locate(src);
    report.sort();
    Checked { form, event, report }
}

/// The FHIR notification Bundle for `ce`. `entry_id` becomes the Parameters id and the entry's
/// `urn:uuid:` fullUrl; without it the event id is used (as MNS's own examples do).
pub fn to_fhir(ce: &CloudEvent, entry_id: Option<&str>) -> serde_json::Value {
    fhir::from_cloudevent(ce, entry_id.unwrap_or(&ce.id))
}

/// The CloudEvent JSON of `ce`.
pub fn to_cloudevent(ce: &CloudEvent) -> serde_json::Value {
    ce.to_json()
}
