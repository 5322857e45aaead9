//! The `genomic-order-event-1` filters of seed 000: names, the resource type each applies to,
//! and their allowed values.

/// The GOMS event type.
pub const EVENT_TYPE: &str = "genomic-order-event-1";

/// The resource types GOMS publishes events for.
pub const RESOURCE_TYPES: &[&str] =
    &["Consent", "DiagnosticReport", "RequestGroup", "ServiceRequest", "Specimen", "Task"];

/// MNS event types other than GOMS's, seen in the MNS repository's signal examples: a criteria
/// for one of these is not checked against the GOMS filters.
pub const OTHER_MNS_EVENT_TYPES: &[&str] = &[
    "pds-change-of-gp-2",
    "pds-death-notification-2",
    "pds-record-change-2",
    "nhs-number-change-2",
    "gpreg-change-gp-req-1",
    "patientflags-change-1",
    "vrs-proxy-role-created-1",
    "vrs-proxy-role-changed-1",
    "vrs-proxy-role-deleted-1",
    "nhshco-hc-complete-1",
    "pdm-resource-change-1",
    "pathology-laboratory-reporting-test-result-stored-1",
    "imms-vaccination-record-change-1",
];

/// Task codes (`https://fhir.nhs.uk/CodeSystem/task-code-genomics`).
pub const TASK_CODES: &[&str] = &[
    "process-genomic-test-request",
    "request-sample-alignment",
    "sample-preparation",
    "sample-processing",
    "genetic-genomic-data-processing",
    "interpretation",
    "produce-interim-report",
    "genomic-mdt",
    "produce-final-report",
    "distribute-report",
];

/// Task business statuses (`https://fhir.nhs.uk/CodeSystem/business-status-genomics` v0.4.1).
/// Seed 000 lists "interpretation" and "produce-final-report" among them: those are Task codes
/// (domain.md §1.3), so the linter says so instead of accepting them.
pub const BUSINESS_STATUSES: &[&str] = &[
    "determining-test-recoverability",
    "test-recoverable",
    "notifying-requester-of-failure",
    "sample-requested",
    "sample-availability-confirmed",
    "sample-booked-into-lab",
    "variants-priorities-list-required",
    "variants-priorities-list-retrieved",
    "previous-genomic-sequence-data-required",
    "previous-genomic-sequence-data-retrieved",
    "remote-sample-prep-required",
    "sample-sent",
    "sample-received",
    "sample-stored",
    "further-sample-prep-required",
    "remote-processing-required",
    "remote-genomic-data-processing-required",
    "remote-interpretation-required",
    "further-clinical-details-required",
    "further-clinical-details-provided",
    "reflex-confirmatory-test-required",
    "reflex-confirmatory-test-complete",
    "other",
];

/// A filter of `genomic-order-event-1`.
#[derive(Debug, PartialEq, Eq)]
pub struct Filter {
    pub name: &'static str,
    /// The only resource type it applies to, if restricted.
    pub resource: Option<&'static str>,
    /// Allowed values; empty for free values (ODS codes).
    pub values: &'static [&'static str],
    /// "String or null" in seed 000.
    pub nullable: bool,
    /// An organisation (ODS code) filter.
    pub organisation: bool,
}

const fn f(
    name: &'static str,
    resource: Option<&'static str>,
    values: &'static [&'static str],
    nullable: bool,
    organisation: bool,
) -> Filter {
    Filter { name, resource, values, nullable, organisation }
}

pub const FILTERS: &[Filter] = &[
    f("eventType", None, &[EVENT_TYPE], false, false),
    f("resourceType", None, RESOURCE_TYPES, false, false),
    f("consentStatus", Some("Consent"), &["proposed", "active", "draft"], true, false),
    f(
        "diagnosticReportStatus",
        Some("DiagnosticReport"),
        &["final", "amended", "cancelled", "entered-in-error", "preliminary"],
        true,
        false,
    ),
    f(
        "serviceRequestStatus",
        Some("ServiceRequest"),
        &["draft", "active", "on-hold", "revoked", "completed", "entered-in-error"],
        true,
        false,
    ),
    f("requestGroupStatus", Some("RequestGroup"), &["draft", "active", "revoked", "completed"], true, false),
    f(
        "specimenStatus",
        Some("Specimen"),
        &["available", "unavailable", "unsatisfactory", "entered-in-error"],
        true,
        false,
    ),
    f(
        "taskStatus",
        Some("Task"),
        &[
            "draft",
            "requested",
            "received",
            "accepted",
            "rejected",
            "ready",
            "cancelled",
            "in-progress",
            "on-hold",
            "failed",
            "completed",
            "entered-in-error",
        ],
        true,
        false,
    ),
    f("taskBusinessStatus", Some("Task"), BUSINESS_STATUSES, true, false),
    f("taskCode", Some("Task"), TASK_CODES, true, false),
    f("requester", None, &[], false, true),
    f("performer", None, &[], false, true),
    f("owner", Some("Task"), &[], true, true),
];

/// The filter named `name`, compared case-insensitively.
pub fn filter(name: &str) -> Option<&'static Filter> {
    FILTERS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// The status filter of a resource type (`Task` → `taskStatus`).
pub fn status_filter(resource_type: &str) -> Option<&'static str> {
    FILTERS
        .iter()
        .find(|f| f.resource == Some(resource_type) && f.name.ends_with("Status") && f.name != "taskBusinessStatus")
        .map(|f| f.name)
}
