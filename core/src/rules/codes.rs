//! GOM-CODE: identifiers and codes (domain.md §1.3, §1.7, §2.3).

use super::rule;
use crate::diag::Rule;

pub const NHS_NUMBER: &Rule = rule!(
    "GOM-CODE-001",
    "nhs-number-invalid",
    Warning,
    Value,
    "An NHS number is ten digits whose last is a Modulus-11 check digit over the other nine.",
    "Check the number against PDS; a typo usually breaks the check digit. Write it without spaces."
);
pub const SYSTEM_NEAR_MISS: &Rule = rule!(
    "GOM-CODE-002",
    "identifier-system-near-miss",
    Warning,
    Value,
    "An identifier system that differs from a known NHS system only in case, scheme, a trailing slash or one character is almost certainly a typo.",
    "Use the system exactly as published."
);
pub const GMS_MISPLACED: &Rule = rule!(
    "GOM-CODE-003",
    "gms-identifier-misplaced",
    Warning,
    Value,
    "GMSOrder numbers identify ServiceRequests, GMSSpecimen numbers Specimens and GMSReport numbers DiagnosticReports.",
    "Use the GMS system that matches the resource type, or a local identifier system."
);
pub const REQUIRED_CODE: &Rule = rule!(
    "GOM-CODE-004",
    "required-code-invalid",
    Error,
    CodeInvalid,
    "A code bound with strength `required` in R4 (statuses, intents, priorities) must come from its value set.",
    "Use one of the value set's codes, exactly as spelt there."
);
pub const TASK_CODE: &Rule = rule!(
    "GOM-CODE-005",
    "task-code-unknown",
    Warning,
    CodeInvalid,
    "`Task.code` should carry a code of `https://fhir.nhs.uk/CodeSystem/task-code-genomics` (preferred binding).",
    "Use one of the ten GOMS task codes, e.g. `sample-processing`."
);
pub const BUSINESS_STATUS: &Rule = rule!(
    "GOM-CODE-006",
    "business-status-unknown",
    Warning,
    CodeInvalid,
    "`Task.businessStatus` should carry a code of `https://fhir.nhs.uk/CodeSystem/business-status-genomics` (preferred binding).",
    "Use one of the GOMS business statuses, e.g. `sample-received`."
);
pub const STATUS_REASON: &Rule = rule!(
    "GOM-CODE-007",
    "status-reason-unknown",
    Warning,
    CodeInvalid,
    "`Task.statusReason` should carry a code of `https://fhir.nhs.uk/CodeSystem/task-statusReason-genomics` (preferred binding).",
    "Use one of the GOMS status reasons, e.g. `awaiting-sample`."
);

pub const REASON_FOR_TESTING: &Rule = rule!(
    "GOM-CODE-008",
    "reason-for-testing-invalid",
    Error,
    CodeInvalid,
    "A `ServiceRequest.category` coding from a reason-for-testing code system must carry one of its codes (required binding to `https://fhir.nhs.uk/ValueSet/genomics-reasonfortesting`).",
    "Use a code of that system, e.g. `diagnostic` of `https://fhir.nhs.uk/CodeSystem/rare-diseaseTesting-genomics`."
);

pub const REASON_FOR_TESTING_MISSING: &Rule = rule!(
    "GOM-CODE-009",
    "reason-for-testing-missing",
    Warning,
    Error,
    Required,
    "NHSEngland-ServiceRequest-Genomics requires one `category` from the reason-for-testing value set (slice `reasonForTesting`, 1..1).",
    "Add a category coding from `https://fhir.nhs.uk/CodeSystem/rare-diseaseTesting-genomics` or `https://fhir.nhs.uk/CodeSystem/cancer-testing-genomics` (or clinical-utility / test-associationReason)."
);

pub const PATIENT_ROLE: &Rule = rule!(
    "GOM-CODE-010",
    "patient-role-invalid",
    Error,
    CodeInvalid,
    "The `genomicPatientRole` extension must hold a code of `https://fhir.nhs.uk/CodeSystem/patient-role-genomics` (required binding to `https://fhir.nhs.uk/ValueSet/genomics-patient-role`).",
    "Write `valueCodeableConcept.coding` with that system and `proband` or `consultand`."
);

pub const TEST_CODE_VERSION: &Rule = rule!(
    "GOM-CODE-011",
    "test-code-version-invalid",
    Error,
    Structure,
    "The `genomicTestCodeVersion` extension (the test directory version of a DGTS or panel code) holds a `valueDecimal` and nothing else.",
    "Write the directory version as a number: `\"valueDecimal\": 7.1`."
);

pub const CONSENT_PURPOSE: &Rule = rule!(
    "GOM-CODE-012",
    "consent-purpose-invalid",
    Error,
    CodeInvalid,
    "A nested `Consent.provision.provision.purpose` must be one of the profile's purpose slices: `http://terminology.hl7.org/CodeSystem/v3-ActReason` `TREAT`, `HRESCH`, `POPHLTH`, `HOPERAT` or `FAMRQT` (required binding).",
    "Use the v3-ActReason code of the purpose, e.g. `HRESCH` for research."
);

pub const ALL: &[&Rule] = &[
    NHS_NUMBER,
    SYSTEM_NEAR_MISS,
    GMS_MISPLACED,
    REQUIRED_CODE,
    TASK_CODE,
    BUSINESS_STATUS,
    STATUS_REASON,
    REASON_FOR_TESTING,
    REASON_FOR_TESTING_MISSING,
    PATIENT_ROLE,
    TEST_CODE_VERSION,
    CONSENT_PURPOSE,
];
