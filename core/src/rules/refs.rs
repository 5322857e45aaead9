//! GOM-REF: references between the Bundle's resources (seed 002 "Bundle referencing"; R4
//! bundle.html#references).

use super::rule;
use crate::diag::Rule;

pub const DANGLING: &Rule = rule!(
    "GOM-REF-001",
    "reference-dangling",
    Error,
    NotFound,
    "A `urn:uuid:` or `urn:oid:` reference must name the `fullUrl` of an entry in the Bundle.",
    "Point the reference at an entry's `fullUrl`, or add the missing resource as an entry."
);
pub const INVALID: &Rule = rule!(
    "GOM-REF-002",
    "reference-invalid",
    Error,
    Invalid,
    "`reference` must be a `urn:uuid:`, `Type/id`, an absolute URL or `#id`, with an R4 resource type.",
    "Write the reference as `urn:uuid:<fullUrl uuid>` for an entry, or `Type/id` for a resource on the server."
);
pub const TO_SERVER: &Rule = rule!(
    "GOM-REF-003",
    "reference-to-server",
    Information,
    Informational,
    "A relative reference that names no entry is resolved on the GOMS server, which rejects the transaction (422) if the resource does not exist.",
    "Nothing to do if the resource is on the server; otherwise add it as an entry and reference its `urn:uuid:` fullUrl."
);
pub const TO_ENTRY_BY_ID: &Rule = rule!(
    "GOM-REF-004",
    "reference-to-entry-by-id",
    Warning,
    Error,
    Invalid,
    "A relative `Type/id` names an entry whose fullUrl is not `[base]Type/id`; FHIR resolves it on the server, not in the Bundle.",
    "Reference the entry by its `fullUrl` (`urn:uuid:…`)."
);
pub const CONTAINED: &Rule = rule!(
    "GOM-REF-005",
    "contained-resource",
    Warning,
    BusinessRule,
    "Resources in a GOMS Bundle should not use contained resources (seed 002).",
    "Move the contained resource to its own entry with a `urn:uuid:` fullUrl and reference that."
);
pub const CONTAINED_DANGLING: &Rule = rule!(
    "GOM-REF-006",
    "contained-reference-dangling",
    Error,
    NotFound,
    "A `#id` reference must name a resource in the same resource's `contained` (ref-1).",
    "Add the contained resource with that `id`, or correct the reference."
);
pub const IDENTIFIER_NOT_ALLOWED: &Rule = rule!(
    "GOM-REF-007",
    "identifier-reference-not-allowed",
    Error,
    NotSupported,
    "Identifier-only references are accepted only for national registers (Patient by NHS number, organisations by ODS code, SDS and professional registers) and a PractitionerRole's practitioner and organization.",
    "Reference the resource by `urn:uuid:` (in the Bundle) or `Type/id` (on the server); GOMS does not resolve other identifiers."
);
pub const TARGET_TYPE: &Rule = rule!(
    "GOM-REF-008",
    "reference-target-type",
    Error,
    Invalid,
    "A reference must point to a resource type its element allows (R4).",
    "Point the reference at a resource of an allowed type."
);
pub const TYPE_MISMATCH: &Rule = rule!(
    "GOM-REF-009",
    "reference-type-mismatch",
    Error,
    Invalid,
    "`Reference.type` must match the type of the resource the reference points to.",
    "Correct `type`, or remove it: the reference already says what it points to."
);

pub const ALL: &[&Rule] = &[
    DANGLING,
    INVALID,
    TO_SERVER,
    TO_ENTRY_BY_ID,
    CONTAINED,
    CONTAINED_DANGLING,
    IDENTIFIER_NOT_ALLOWED,
    TARGET_TYPE,
    TYPE_MISMATCH,
];
