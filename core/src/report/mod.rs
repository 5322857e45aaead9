//! A genomic report made readable: the view the portal renders from a DiagnosticReport.
//!
//! The report may arrive alone or inside any Bundle GOMS or a lab produces (transaction,
//! searchset, document, collection, message, or a `$graph` result); the resources it references
//! are looked up in the same document by FHIR's bundle rules. Reading never fails and never
//! panics: what is missing is simply absent from the view, and anything surprising becomes a
//! diagnostic (`GOM-RPT-…`) with its position.
//!
//! Variants are read from the result Observations by the LOINC component codes genomics-reporting
//! uses (gene studied 48018-6, DNA change 48004-6, amino-acid change 48005-3, allelic state
//! 53034-5, clinical significance 53037-8 …), following `hasMember` groupings and taking the
//! classification from a diagnostic-implication Observation `derivedFrom` the variant when the
//! variant itself has none.

mod attach;
mod index;
mod read;
mod results;

use serde::Serialize;

use crate::diag::{Diagnostic, Report};
use crate::json::{Doc, Limits, Value};
use crate::rules::report as r;
use index::Index;

/// A code as a reader sees it: a label, and the coding behind it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeView {
    /// What to show: the concept's text, else the first coding's display, else its code.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifierView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub value: String,
}

/// The patient banner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatientBanner {
    /// Given names then family name, as one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhs_number: Option<String>,
    /// False when the NHS number fails its Modulus-11 check (upstream examples often do).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhs_number_valid: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// Whether the Patient resource itself was in the document (else the banner comes from the
    /// reference's identifier and display only).
    pub resolved: bool,
}

/// The order the report answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<IdentifierView>,
    /// The test as ordered (`ServiceRequest.code`), when the order is in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<CodeView>,
}

/// One genomic variant, from a variant Observation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariantView {
    /// Gene symbol (48018-6), e.g. `SLC52A2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gene: Option<String>,
    /// Gene identifier, e.g. `HGNC:30224`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gene_id: Option<String>,
    /// cDNA change in HGVS (48004-6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdna_change: Option<String>,
    /// Protein change in HGVS (48005-3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protein_change: Option<String>,
    /// Genomic change in HGVS (81290-9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genomic_change: Option<String>,
    /// DNA change type, e.g. missense_variant (48019-4, or a Sequence Ontology value of 81252-9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_type: Option<String>,
    /// Variant identifier such as a ClinVar id (81252-9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<String>,
    /// Zygosity / allelic state (53034-5), e.g. homozygous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zygosity: Option<String>,
    /// Clinical significance (53037-8), e.g. Pathogenic; from a diagnostic implication if need be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Condition the classification is about (81259-4 associated phenotype).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// Germline or somatic (48002-0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genomic_source: Option<String>,
    /// Variant allele frequency (81258-6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allele_frequency: Option<String>,
    /// The Observation's value: Present / Absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// FHIRPath of the Observation in the document.
    pub location: String,
}

/// Any other result Observation, as a line of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultView {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Component lines, `label: value`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub location: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecimenView {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collected: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Whose specimen it is, when that is not the report's patient (Duo and Trio).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub resolved: bool,
}

/// The performing laboratory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ods: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A document attached to the report (`presentedForm`): the signed-off PDF in GOMS.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation: Option<String>,
    /// The size the sender declared, in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The size of `data` once decoded, in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_size: Option<u64>,
    /// Base64 content, as sent (only when it is valid base64).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Where to fetch it: `https:`/`http:` or a `Binary` reference; unsafe URLs are left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The report's own narrative.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NarrativeView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The XHTML, only when it passed the narrative rules ([`crate::narrative`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The narrative as plain text, always: what to show when `html` is absent.
    pub text: String,
}

/// Everything the portal shows of one DiagnosticReport.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportView {
    /// What the document was: `DiagnosticReport`, or the Bundle's type (`searchset`, `document` …).
    pub source: String,
    /// FHIRPath of the DiagnosticReport in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<IdentifierView>,
    /// The R4 status code, e.g. `final`, `amended`, `preliminary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The status for a reader, e.g. `Final`, `Entered in error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_label: Option<String>,
    /// The report's code (`DiagnosticReport.code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<CodeView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CodeView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient: Option<PatientBanner>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conclusion_codes: Vec<CodeView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_results: Vec<ResultView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub specimens: Vec<SpecimenView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub performers: Vec<OrganisationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative: Option<NarrativeView>,
    /// What could not be read or shown, by position; sorted.
    pub problems: Vec<Diagnostic>,
}

/// The view of the first DiagnosticReport in the document (with a note when there are more).
/// When there is none, the view is empty apart from its problems.
pub fn report_view(json: &str) -> ReportView {
    let mut views = report_views(json);
    let more = views.len().saturating_sub(1);
    let mut first = if views.is_empty() { ReportView::default() } else { views.swap_remove(0) };
    if more > 0 {
        let msg = format!("The document holds {} DiagnosticReports; this view shows the first", more + 1);
        first.problems.insert(0, Diagnostic::new(r::SEVERAL_REPORTS, msg));
    }
    first
}

/// One view per DiagnosticReport in the document, in document order; a single view with the
/// problems when the document holds none or cannot be read.
pub fn report_views(json: &str) -> Vec<ReportView> {
    let doc = match Doc::parse_with(json, Limits::default()) {
        Ok(doc) => doc,
        Err(e) => {
            let at = e.offset.min(json.len());
            let msg = format!("The report cannot be read: {e}");
            let d = Diagnostic::new(r::UNREADABLE, msg).at_span(at, (at + 1).min(json.len()));
            return vec![finish(ReportView::default(), vec![d], json)];
        }
    };
    let mut problems = Vec::new();
    let index = Index::build(&doc, &mut problems);
    let source = index.source.clone();
    let reports = index.reports();
    if reports.is_empty() {
        let root = doc.root();
        let what = root.get_str("resourceType").map(|t| format!("a `{t}`")).unwrap_or_else(|| "not a resource".into());
        problems
            .push(Diagnostic::new(r::NO_REPORT, format!("The document is {what} with no DiagnosticReport")).at(root));
        return vec![finish(ReportView { source, ..ReportView::default() }, problems, json)];
    }
    reports
        .into_iter()
        .map(|dr| {
            let mut own = problems.clone();
            let view = read::read_report(&index, dr, &mut own);
            finish(view, own, json)
        })
        .collect()
}

/// Places and orders the problems, and attaches them to the view.
fn finish(mut view: ReportView, problems: Vec<Diagnostic>, src: &str) -> ReportView {
    let mut report = Report::new(problems);
    report.locate(src);
    report.sort();
    view.problems = report.diagnostics;
    view
}

/// Shared shape of the helpers: a value of the document being read.
type V<'d, 'a> = Value<'d, 'a>;

#[cfg(test)]
mod tests;
