//! GOM-RPT: problems met while reading a genomic report for display. Reading never fails: what
//! cannot be shown is left out and said here, so the reader knows the view is incomplete.

use super::rule;
use crate::diag::Rule;

pub const UNREADABLE: &Rule = rule!(
    "GOM-RPT-001",
    "report-unreadable",
    Fatal,
    Structure,
    "A report must be a JSON FHIR resource: a DiagnosticReport or a Bundle holding one.",
    "Open the report's JSON as received from GOMS; the position shows where the text stops being JSON."
);
pub const NO_REPORT: &Rule = rule!(
    "GOM-RPT-002",
    "report-not-found",
    Error,
    NotFound,
    "The document holds no DiagnosticReport to show.",
    "Open a DiagnosticReport, or a Bundle (transaction, searchset, document, collection, message or `$graph` result) that contains one."
);
pub const SEVERAL_REPORTS: &Rule = rule!(
    "GOM-RPT-003",
    "report-several",
    Information,
    Informational,
    "The document holds more than one DiagnosticReport; each is shown on its own.",
    "Choose the report to read from the list."
);
pub const UNRESOLVED: &Rule = rule!(
    "GOM-RPT-004",
    "report-reference-unresolved",
    Information,
    NotFound,
    "A referenced resource is not included in the document, so its details cannot be shown.",
    "Fetch the report with `$graph` (genomics-test-result) to include the resources it references."
);
pub const STATUS: &Rule = rule!(
    "GOM-RPT-005",
    "report-status-unknown",
    Warning,
    CodeInvalid,
    "A DiagnosticReport's status is one of the R4 codes (registered, partial, preliminary, final, amended, corrected, appended, cancelled, entered-in-error, unknown).",
    "Ask the lab to send a report with a valid status; until then treat the result as unverified."
);
pub const ATTACHMENT_DATA: &Rule = rule!(
    "GOM-RPT-006",
    "report-attachment-data-invalid",
    Error,
    Value,
    "An attachment's `data` must be base64 (RFC 4648).",
    "Ask the lab to resend the report; the attached document is damaged."
);
pub const ATTACHMENT_URL: &Rule = rule!(
    "GOM-RPT-007",
    "report-attachment-url-unsafe",
    Error,
    Security,
    "An attachment's `url` must be an `https:` or `http:` URL, or a reference to a Binary.",
    "The link is not shown; ask the lab for the document."
);
pub const ATTACHMENT_SIZE: &Rule = rule!(
    "GOM-RPT-008",
    "report-attachment-size-mismatch",
    Warning,
    Value,
    "An attachment's `size` is the number of bytes of its data.",
    "The document may be truncated; ask the lab to resend it if it does not open."
);
pub const NO_PRESENTED_FORM: &Rule = rule!(
    "GOM-RPT-009",
    "report-presented-form-missing",
    Warning,
    Required,
    "A GOMS genomic report carries its signed-off document in `presentedForm` (NHSEngland-DiagnosticReport-GenomicReport).",
    "Ask the lab for the PDF report; the structured results alone are not the authorised report."
);
pub const NARRATIVE_UNSAFE: &Rule = rule!(
    "GOM-RPT-010",
    "report-narrative-unsafe",
    Warning,
    Security,
    "A narrative is shown formatted only when it passes the R4 narrative rules; otherwise its text is shown plain.",
    "Nothing to do to read it; the lab should fix the narrative (see the GOM-TXT findings in validation)."
);
pub const ENTRY_NOT_WRAPPED: &Rule = rule!(
    "GOM-RPT-011",
    "report-entry-not-wrapped",
    Warning,
    Structure,
    "A Bundle entry holds its resource in `entry.resource`.",
    "The resource was read anyway; the sender should wrap each resource as `{\"resource\": …}`."
);
pub const RESULT_TOO_DEEP: &Rule = rule!(
    "GOM-RPT-012",
    "report-results-too-deep",
    Warning,
    TooCostly,
    "Result Observations are grouped through `hasMember` at most 16 levels deep, without cycles.",
    "The deeper or repeated results are not shown; ask the lab to check the report's grouping."
);
pub const NOT_A_REPORT_TYPE: &Rule = rule!(
    "GOM-RPT-013",
    "report-reference-wrong-type",
    Warning,
    Invalid,
    "A report's references point at the types R4 allows (e.g. `result` at Observation, `specimen` at Specimen).",
    "The reference was not followed; the sender should correct it."
);

pub const ALL: &[&Rule] = &[
    UNREADABLE,
    NO_REPORT,
    SEVERAL_REPORTS,
    UNRESOLVED,
    STATUS,
    ATTACHMENT_DATA,
    ATTACHMENT_URL,
    ATTACHMENT_SIZE,
    NO_PRESENTED_FORM,
    NARRATIVE_UNSAFE,
    ENTRY_NOT_WRAPPED,
    RESULT_TOO_DEEP,
    NOT_A_REPORT_TYPE,
];
