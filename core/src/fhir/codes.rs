//! Code lists: R4 required bindings (an unknown code is an error) and the GOMS code systems
//! (preferred bindings: an unknown code is a warning). From domain.md §1.3 and §2.3.

/// A required R4 binding: the element, its value set, and the codes.
#[derive(Debug)]
pub struct Binding {
    /// Resource type the element belongs to.
    pub resource: &'static str,
    /// Element name within the resource.
    pub element: &'static str,
    /// The value set's canonical URL.
    pub value_set: &'static str,
    pub codes: &'static [&'static str],
}

const REQUEST_STATUS: &[&str] = &["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"];
const REQUEST_PRIORITY: &[&str] = &["routine", "urgent", "asap", "stat"];

/// The R4 required bindings gom-core checks (statuses, intents, priorities of the GOMS types).
pub const REQUIRED: &[Binding] = &[
    Binding {
        resource: "Task",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/task-status",
        codes: &[
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
    },
    Binding {
        resource: "Task",
        element: "intent",
        value_set: "http://hl7.org/fhir/ValueSet/task-intent",
        codes: &[
            "unknown",
            "proposal",
            "plan",
            "order",
            "original-order",
            "reflex-order",
            "filler-order",
            "instance-order",
            "option",
        ],
    },
    Binding {
        resource: "Task",
        element: "priority",
        value_set: "http://hl7.org/fhir/ValueSet/request-priority",
        codes: REQUEST_PRIORITY,
    },
    Binding {
        resource: "ServiceRequest",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/request-status",
        codes: REQUEST_STATUS,
    },
    Binding {
        resource: "ServiceRequest",
        element: "intent",
        value_set: "http://hl7.org/fhir/ValueSet/request-intent",
        codes: &[
            "proposal",
            "plan",
            "directive",
            "order",
            "original-order",
            "reflex-order",
            "filler-order",
            "instance-order",
            "option",
        ],
    },
    Binding {
        resource: "ServiceRequest",
        element: "priority",
        value_set: "http://hl7.org/fhir/ValueSet/request-priority",
        codes: REQUEST_PRIORITY,
    },
    Binding {
        resource: "RequestGroup",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/request-status",
        codes: REQUEST_STATUS,
    },
    Binding {
        resource: "RequestGroup",
        element: "intent",
        value_set: "http://hl7.org/fhir/ValueSet/request-intent",
        codes: &[
            "proposal",
            "plan",
            "directive",
            "order",
            "original-order",
            "reflex-order",
            "filler-order",
            "instance-order",
            "option",
        ],
    },
    Binding {
        resource: "DiagnosticReport",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/diagnostic-report-status",
        codes: &[
            "registered",
            "partial",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "appended",
            "cancelled",
            "entered-in-error",
            "unknown",
        ],
    },
    Binding {
        resource: "Specimen",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/specimen-status",
        codes: &["available", "unavailable", "unsatisfactory", "entered-in-error"],
    },
    Binding {
        resource: "Consent",
        element: "status",
        value_set: "http://hl7.org/fhir/ValueSet/consent-state-codes",
        codes: &["draft", "proposed", "active", "rejected", "inactive", "entered-in-error"],
    },
];

/// The required bindings of one resource type.
pub fn required_for(resource: &str) -> impl Iterator<Item = &'static Binding> + '_ {
    REQUIRED.iter().filter(move |b| b.resource == resource)
}

/// A GOMS code system bound with strength `preferred`.
#[derive(Debug)]
pub struct CodeSystem {
    pub url: &'static str,
    /// The value set the IG publishes for it (some profiles bind to a URL that does not exist).
    pub value_set: &'static str,
    /// Where it is bound, as `Type.element`.
    pub element: &'static str,
    pub codes: &'static [&'static str],
}

pub const TASK_CODE: CodeSystem = CodeSystem {
    url: "https://fhir.nhs.uk/CodeSystem/task-code-genomics",
    value_set: "https://fhir.nhs.uk/ValueSet/genomics-task-code",
    element: "Task.code",
    codes: &[
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
    ],
};

pub const BUSINESS_STATUS: CodeSystem = CodeSystem {
    url: "https://fhir.nhs.uk/CodeSystem/business-status-genomics",
    value_set: "https://fhir.nhs.uk/ValueSet/genomics-business-status",
    element: "Task.businessStatus",
    codes: &[
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
    ],
};

pub const STATUS_REASON: CodeSystem = CodeSystem {
    url: "https://fhir.nhs.uk/CodeSystem/task-statusReason-genomics",
    value_set: "https://fhir.nhs.uk/ValueSet/genomics-task-statusReason",
    element: "Task.statusReason",
    codes: &[
        "further-information-needed",
        "awaiting-sample",
        "awaiting-rod-and-or-sample",
        "invalid-request",
        "pipeline-error",
        "time-for-task-exceeded",
        "unable-to-interpret",
        "sample-sub-optimal",
        "task-no-longer-required",
        "no-sample-provided",
        "scheduled-delay",
        "awaiting-order-detail",
        "other",
    ],
};

/// The GOMS Task code systems, in the order their elements appear in a Task.
pub const TASK_SYSTEMS: &[&CodeSystem] = &[&STATUS_REASON, &BUSINESS_STATUS, &TASK_CODE];

/// R4 `OperationOutcome.issue.severity` (issue-severity, required).
pub const ISSUE_SEVERITY: &[&str] = &["fatal", "error", "warning", "information"];

/// R4 `OperationOutcome.issue.code` (issue-type, required).
pub const ISSUE_TYPE: &[&str] = &[
    "invalid",
    "structure",
    "required",
    "value",
    "invariant",
    "security",
    "login",
    "unknown",
    "expired",
    "forbidden",
    "suppressed",
    "processing",
    "not-supported",
    "duplicate",
    "multiple-matches",
    "not-found",
    "deleted",
    "too-long",
    "code-invalid",
    "extension",
    "too-costly",
    "business-rule",
    "conflict",
    "transient",
    "lock-error",
    "no-store",
    "exception",
    "timeout",
    "incomplete",
    "throttled",
    "informational",
];

/// R4 `Bundle.type` codes.
pub const BUNDLE_TYPES: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lists_match_the_published_counts() {
        assert_eq!(TASK_CODE.codes.len(), 10);
        assert_eq!(BUSINESS_STATUS.codes.len(), 23);
        assert_eq!(STATUS_REASON.codes.len(), 13);
        let task_status = required_for("Task").find(|b| b.element == "status").map(|b| b.codes.len());
        assert_eq!(task_status, Some(12));
        assert_eq!(required_for("Consent").count(), 1);
    }
}
