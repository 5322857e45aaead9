//! GOM-EVT: GOMS `genomic-order-event-1` notifications, CloudEvent and FHIR forms (seed 000,
//! domain.md §3.2–3.3).

use super::rule;
use crate::diag::Rule;

pub const FORM: &Rule = rule!(
    "GOM-EVT-001",
    "event-form",
    Fatal,
    Structure,
    "An MNS event is a CloudEvent (with `specversion`) or a FHIR `history` Bundle notification.",
    "Send a CloudEvent object or the FHIR notification Bundle as MNS delivers it."
);
pub const REQUIRED: &Rule = rule!(
    "GOM-EVT-002",
    "event-required",
    Error,
    Required,
    "Every mandatory attribute of the event must be present.",
    "Add the attribute; seed 000 lists id, source, type, time and subject as mandatory."
);
pub const VALUE: &Rule = rule!(
    "GOM-EVT-003",
    "event-value",
    Error,
    Value,
    "An event attribute must have the type and fixed value the format defines.",
    "Use the value the format fixes, e.g. `specversion` \"1.0\", Bundle `type` \"history\"."
);
pub const TIMESTAMP: &Rule = rule!(
    "GOM-EVT-004",
    "event-timestamp",
    Error,
    Value,
    "Event times must be RFC 3339 / FHIR instants with a time zone.",
    "Write the time as `2026-05-02T15:42:10Z` or with an offset such as `+00:00`."
);
pub const ATTRIBUTE_NAME: &Rule = rule!(
    "GOM-EVT-005",
    "event-attribute-name",
    Warning,
    Value,
    "CloudEvents attribute names use lowercase letters and digits only, and should be at most 20 characters.",
    "Rename the attribute to lowercase letters and digits."
);
pub const ID_FORMAT: &Rule = rule!(
    "GOM-EVT-006",
    "event-id-format",
    Warning,
    Error,
    Value,
    "GOMS event ids and order subjects are GUIDs.",
    "Use a lowercase hyphenated UUID, e.g. `8c2f9e44-2e51-4c3e-9e5a-3b9f7c1d2002`."
);
pub const SOURCE: &Rule = rule!(
    "GOM-EVT-007",
    "event-source",
    Warning,
    Value,
    "GOMS publishes `genomic-order-event-1` with source `uk.nhs.genomic-order-management-service`.",
    "Set `source` to `uk.nhs.genomic-order-management-service`."
);
pub const DATAREF: &Rule = rule!(
    "GOM-EVT-008",
    "event-dataref",
    Warning,
    Value,
    "`dataref` (FHIR `focus`) points at the GOMS FHIR resource that changed.",
    "Point `dataref` at `…/FHIR/R4/<ResourceType>/<id>` of a Consent, DiagnosticReport, RequestGroup, ServiceRequest, Specimen or Task."
);
pub const UNEXPECTED: &Rule = rule!(
    "GOM-EVT-009",
    "event-unexpected-member",
    Warning,
    Structure,
    "MNS disallows additional context attributes; subscribers never receive `filtering`.",
    "Remove the attribute, or move it into `filtering` when publishing."
);
pub const TIMES_DIFFER: &Rule = rule!(
    "GOM-EVT-010",
    "event-timestamps-differ",
    Warning,
    Invariant,
    "`Bundle.timestamp` and the notification-event `timestamp` both carry the event time.",
    "Give both the same instant."
);

pub const ALL: &[&Rule] =
    &[FORM, REQUIRED, VALUE, TIMESTAMP, ATTRIBUTE_NAME, ID_FORMAT, SOURCE, DATAREF, UNEXPECTED, TIMES_DIFFER];
