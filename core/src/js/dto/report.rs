//! The genomic report view at the boundary: the core's view, with its problems as issues.

use serde::Serialize;

use super::Issue;
use crate::report::{self as core, AttachmentView, CodeView, IdentifierView, NarrativeView, OrderView};
use crate::report::{OrganisationView, PatientBanner, ResultView, SpecimenView, VariantView};

/// The view the portal renders. Sub-views are the core's own plain data (elements the document
/// lacks are left out); only the problems are converted, to issues located in the text given.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportView<'a> {
    pub source: &'a str,
    pub location: Option<&'a str>,
    pub id: Option<&'a str>,
    pub identifiers: &'a [IdentifierView],
    pub status: Option<&'a str>,
    pub status_label: Option<&'a str>,
    pub test: Option<&'a CodeView>,
    pub categories: &'a [CodeView],
    pub order: Option<&'a OrderView>,
    pub patient: Option<&'a PatientBanner>,
    pub conclusion: Option<&'a str>,
    pub conclusion_codes: &'a [CodeView],
    pub variants: &'a [VariantView],
    pub other_results: &'a [ResultView],
    pub specimens: &'a [SpecimenView],
    pub performers: &'a [OrganisationView],
    pub issued: Option<&'a str>,
    pub effective: Option<&'a str>,
    pub attachments: &'a [AttachmentView],
    pub narrative: Option<&'a NarrativeView>,
    pub problems: Vec<Issue>,
}

impl<'a> ReportView<'a> {
    pub fn new(v: &'a core::ReportView, src: &str) -> ReportView<'a> {
        ReportView {
            source: &v.source,
            location: v.location.as_deref(),
            id: v.id.as_deref(),
            identifiers: &v.identifiers,
            status: v.status.as_deref(),
            status_label: v.status_label.as_deref(),
            test: v.test.as_ref(),
            categories: &v.categories,
            order: v.order.as_ref(),
            patient: v.patient.as_ref(),
            conclusion: v.conclusion.as_deref(),
            conclusion_codes: &v.conclusion_codes,
            variants: &v.variants,
            other_results: &v.other_results,
            specimens: &v.specimens,
            performers: &v.performers,
            issued: v.issued.as_deref(),
            effective: v.effective.as_deref(),
            attachments: &v.attachments,
            narrative: v.narrative.as_ref(),
            problems: super::issues_in(src, &v.problems),
        }
    }
}
