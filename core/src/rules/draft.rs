//! GOM-DRAFT: checks of a draft order in the portal's form, before any bundle exists. Each
//! finding's `expression` names the draft field (`patient.nhsNumber`), so the form shows it
//! beside that field.

use super::rule;
use crate::diag::Rule;

pub const REQUIRED: &Rule = rule!(
    "GOM-DRAFT-001",
    "draft-field-required",
    Error,
    Required,
    "A field the NHS England genomics profiles require must be filled in.",
    "Fill in the field; GOMS rejects an order without it."
);
pub const NHS_NUMBER: &Rule = rule!(
    "GOM-DRAFT-002",
    "draft-nhs-number-invalid",
    Error,
    Value,
    "An NHS number has 10 digits and a valid Modulus-11 check digit.",
    "Copy the NHS number again from the patient's record or PDS; a typing slip changes the check digit."
);
pub const DATE_FORMAT: &Rule = rule!(
    "GOM-DRAFT-003",
    "draft-date-invalid",
    Error,
    Value,
    "Dates are FHIR dates (`YYYY-MM-DD`), or date-times where a time is allowed, and must exist in the calendar.",
    "Enter the date as `YYYY-MM-DD`, e.g. `2024-03-01`."
);
pub const DATE_FUTURE: &Rule = rule!(
    "GOM-DRAFT-004",
    "draft-date-in-future",
    Error,
    BusinessRule,
    "A date of birth, collection or discussion cannot lie in the future.",
    "Check the date: it is later than today."
);
pub const UNKNOWN_TEST: &Rule = rule!(
    "GOM-DRAFT-005",
    "draft-test-unknown",
    Error,
    CodeInvalid,
    "The test must be one of the National Genomic Test Directory entries the portal knows.",
    "Choose the test from the list; ask the portal's administrator to add a missing directory entry."
);
pub const CODE_NOT_ALLOWED: &Rule = rule!(
    "GOM-DRAFT-006",
    "draft-code-not-allowed",
    Error,
    CodeInvalid,
    "A coded field must take one of the values its value set allows.",
    "Choose one of the values offered for the field."
);
pub const ODS_CODE: &Rule = rule!(
    "GOM-DRAFT-007",
    "draft-ods-code-invalid",
    Warning,
    Value,
    "An ODS organisation code is 3 to 10 letters and digits.",
    "Look the organisation up in the ODS directory and copy its code."
);
pub const SPECIMEN_PARENT: &Rule = rule!(
    "GOM-DRAFT-008",
    "draft-specimen-parent-invalid",
    Error,
    Invalid,
    "A child specimen's parent must be another specimen of the same person, without a cycle.",
    "Choose as parent a specimen listed for the same person, or leave the parent empty."
);
pub const TOO_MANY_PARTICIPANTS: &Rule = rule!(
    "GOM-DRAFT-009",
    "draft-too-many-participants",
    Error,
    BusinessRule,
    "A test takes at most as many participants as the directory allows (singleton 1, Duo 2, Trio 3).",
    "Remove the extra participants, or choose a test that allows a Duo or Trio."
);
pub const DUPLICATE_PERSON: &Rule = rule!(
    "GOM-DRAFT-010",
    "draft-duplicate-person",
    Error,
    Duplicate,
    "Each participant of a Duo or Trio is a different person from the patient and from each other.",
    "Check the NHS numbers: the same number is entered for two people."
);
pub const BEFORE_BIRTH: &Rule = rule!(
    "GOM-DRAFT-011",
    "draft-collected-before-birth",
    Warning,
    BusinessRule,
    "A specimen is collected on or after its person's date of birth (prenatal specimens belong to the fetus's record).",
    "Check the collection date and the date of birth."
);
pub const RECOMMENDED: &Rule = rule!(
    "GOM-DRAFT-012",
    "draft-field-recommended",
    Warning,
    Required,
    "A field the NHS England profiles expect is empty.",
    "Fill in the field if it is known; the lab may ask for it otherwise."
);
pub const DUPLICATE_KEY: &Rule = rule!(
    "GOM-DRAFT-013",
    "draft-specimen-key-duplicate",
    Error,
    Duplicate,
    "Each specimen of a draft has its own key, so parents can name it.",
    "Give the specimen a key that no other specimen in the draft uses."
);

pub const ALL: &[&Rule] = &[
    REQUIRED,
    NHS_NUMBER,
    DATE_FORMAT,
    DATE_FUTURE,
    UNKNOWN_TEST,
    CODE_NOT_ALLOWED,
    ODS_CODE,
    SPECIMEN_PARENT,
    TOO_MANY_PARTICIPANTS,
    DUPLICATE_PERSON,
    BEFORE_BIRTH,
    RECOMMENDED,
    DUPLICATE_KEY,
];
