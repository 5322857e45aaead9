//! Order business rules: no new order for a deceased patient.

use super::Ctx;
use crate::diag::msg;
use crate::refs::{BundleIndex, Resolution};
use crate::rules::patient as r;

/// A POSTed ServiceRequest (a new order) whose subject resolves to a Patient entry with
/// `deceasedBoolean: true` or any `deceasedDateTime`. A subject on the server cannot be checked
/// here; the broker checks it against PDS.
pub(super) fn check(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    for e in ix.entries() {
        if e.resource_type.as_deref() != Some("ServiceRequest") || e.method.as_deref() != Some("POST") {
            continue;
        }
        let subject = ix.refs_from(e.index).iter().find(|re| {
            ix.element(re) == "ServiceRequest.subject"
                && matches!(re.resolution, Resolution::Entry | Resolution::EntryById)
        });
        let Some(p) = subject.and_then(|re| re.target()).and_then(|t| ix.entry(t)) else { continue };
        let Some(patient) = p.resource.filter(|_| p.resource_type.as_deref() == Some("Patient")) else { continue };
        let deceased = match (patient.get("deceasedBoolean"), patient.get("deceasedDateTime")) {
            (Some(b), _) if b.as_bool() == Some(true) => Some((b, "`deceasedBoolean` is true".to_owned())),
            (_, Some(d)) => Some((d, msg!("`deceasedDateTime` is `{}`", d.as_str().unwrap_or_default()))),
            _ => None,
        };
        if let Some((at, why)) = deceased {
            ctx.emit(
                r::DECEASED_PATIENT,
                at,
                msg!("The order in entry {} is for the Patient in entry {}, who is deceased: {why}", e.index, p.index),
            );
        }
    }
}
