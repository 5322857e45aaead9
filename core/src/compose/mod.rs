//! Composing a genomic test order: the portal's draft model, its field checks, and the FHIR R4
//! `transaction` Bundle it becomes.
//!
//! The bundle follows seed 002 and the NHS England genomics profiles (domain.md §1.6–1.8): one
//! ServiceRequest (entry 0) from which every other entry is reachable, `urn:uuid` fullUrls and
//! references, identifiers by the NHS systems (NHS number, ODS, SDS), and for a Duo or Trio one
//! RelatedPerson plus a Patient of their own per participant, with their specimens under the same
//! order (each Specimen's subject its own Patient). Ids come from an injected [`IdGen`], so the
//! core reads no randomness and tests are deterministic.

mod build;
mod catalogue;
mod check;
mod draft;
mod fieldmap;
pub mod nhs_number;
mod node;
mod read;
pub mod systems;

pub use catalogue::{Catalogue, TestEntry, TestKind};
pub use check::{check_draft, check_draft_with};
pub use draft::{
    Coded, ConditionItem, ConsentDraft, Draft, Indication, ObservationItem, Organisation, Participant, Person,
    Requester, SpecimenDraft, TestChoice,
};
pub use fieldmap::{EntryFields, FieldMap, FieldRef};
pub use node::string as write_json_string;
pub use read::{draft_from, read_draft};

use serde::Serialize;

/// A source of resource ids (UUIDs, without the `urn:uuid:` prefix). The browser passes one backed
/// by `crypto.randomUUID()`; tests use [`CounterIds`]. Ids must be unique within a bundle.
pub trait IdGen {
    fn next_id(&mut self) -> String;
}

/// Any closure returning a fresh id is a generator.
impl<F: FnMut() -> String> IdGen for F {
    fn next_id(&mut self) -> String {
        self()
    }
}

/// Deterministic ids for tests and snapshots: `00000000-0000-4000-8000-000000000001`, then `…02`,
/// well-formed version 4 UUIDs.
#[derive(Clone, Debug)]
pub struct CounterIds {
    next: u64,
}

impl CounterIds {
    pub fn new() -> CounterIds {
        CounterIds { next: 1 }
    }
}

impl Default for CounterIds {
    fn default() -> Self {
        CounterIds::new()
    }
}

impl IdGen for CounterIds {
    fn next_id(&mut self) -> String {
        let n = self.next;
        self.next = self.next.wrapping_add(1);
        format!("00000000-0000-4000-8000-{:012x}", n & 0xffff_ffff_ffff)
    }
}

/// A composed order: the bundle, and where each of its elements came from in the draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Composed {
    pub bundle: serde_json::Value,
    pub fields: FieldMap,
}

/// Composes the draft into a transaction Bundle with the built-in test catalogue. `now` (an R4
/// dateTime) becomes `ServiceRequest.authoredOn`.
pub fn compose(draft: &Draft, ids: &mut dyn IdGen, now: &str) -> serde_json::Value {
    compose_with(draft, &Catalogue::builtin(), ids, now).bundle
}

/// Composes with a caller's catalogue, and returns the field map beside the bundle. Composing
/// never fails: fields left empty leave their elements out, for the checks to report.
pub fn compose_with(draft: &Draft, catalogue: &Catalogue, ids: &mut dyn IdGen, now: &str) -> Composed {
    let (bundle, fields) = build::Builder::new(catalogue, ids).compose(draft, now);
    Composed { bundle: bundle.into_value(), fields }
}

/// A composed order as JSON text: what [`compose_with`] gives, pretty-printed as
/// `serde_json::to_string_pretty` prints it (byte for byte), with no `serde_json::Value` built.
/// The portal composes on every keystroke and hands the text to the validator and the JSON view.
#[derive(Clone, Debug, PartialEq)]
pub struct ComposedText {
    pub text: String,
    pub fields: FieldMap,
}

/// Composes the draft straight to pretty-printed JSON text (see [`ComposedText`]).
pub fn compose_text(draft: &Draft, catalogue: &Catalogue, ids: &mut dyn IdGen, now: &str) -> ComposedText {
    let (bundle, fields) = build::Builder::new(catalogue, ids).compose(draft, now);
    ComposedText { text: bundle.to_pretty(), fields }
}

#[cfg(test)]
mod tests;
