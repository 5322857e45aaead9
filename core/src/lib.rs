//! gom-core: the rules of NHS England's Genomic Order Management Service (GOMS), pure and
//! portable.
//!
//! One crate serves the browser portal, the embeddable JS package and the native harness, so a
//! clinician, an EPR and a lab's CI get the same verdicts. It does no I/O and reads no clock or
//! randomness: whatever it needs of those is passed in.

pub mod compose;
pub mod criteria;
pub mod diag;
pub mod events;
pub mod fhir;
pub mod graph;
pub mod graphdef;
mod hash;
pub mod json;
pub mod jsonvalue;
pub mod narrative;
pub mod outcome;
pub mod profiles;
pub mod refs;
pub mod report;
pub mod response;
pub mod rules;
pub mod sort;
pub mod subscribe;
pub mod track;
pub mod validate;
pub mod workflow;

#[cfg(feature = "js-base")]
pub mod js;

pub use diag::{Diagnostic, IssueType, Report, Rule, Severity};
pub use validate::{validate, validate_bytes, Mode, Options, Validator};

/// The crate version, as the JS API and the CLI report it.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
