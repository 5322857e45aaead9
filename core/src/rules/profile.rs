//! GOM-PRF: the R4 base cardinalities and the NHS England Genomics profiles (domain.md §1.6,
//! seed 003), hand-written.
//!
//! A profile applies to a resource that claims it in `meta.profile`, or otherwise the one the
//! CapabilityStatement names for its type. The profile rules are warnings when the profile is
//! only implied (upstream examples and the bench `valid.json` claim nothing and fail several
//! profile constraints) and errors when the resource claims the profile or in strict mode.

use super::rule;
use crate::diag::Rule;

pub const BASE_REQUIRED: &Rule = rule!(
    "GOM-PRF-001",
    "base-element-required",
    Error,
    Required,
    "An element FHIR R4 makes mandatory (min 1) must be present.",
    "Add the element; every FHIR server rejects the resource without it."
);
pub const REQUIRED: &Rule = rule!(
    "GOM-PRF-002",
    "profile-element-required",
    Warning,
    Error,
    Required,
    "An element the NHS England Genomics profile makes mandatory must be present (an error when the resource claims the profile).",
    "Add the element the profile requires."
);
pub const TOO_MANY: &Rule = rule!(
    "GOM-PRF-003",
    "profile-element-too-many",
    Warning,
    Error,
    Structure,
    "An element must not repeat more often than the profile allows (an error when the resource claims the profile).",
    "Keep only as many repetitions as the profile allows."
);
pub const PROHIBITED: &Rule = rule!(
    "GOM-PRF-004",
    "profile-element-prohibited",
    Warning,
    Error,
    Structure,
    "An element the profile removes (0..0) must be absent (an error when the resource claims the profile).",
    "Remove the element; GOMS does not use it."
);
pub const FIXED_VALUE: &Rule = rule!(
    "GOM-PRF-005",
    "profile-fixed-value",
    Warning,
    Error,
    Value,
    "An element the profile fixes must have the fixed value (an error when the resource claims the profile).",
    "Use the value the profile fixes."
);
pub const REFERENCE_TARGET: &Rule = rule!(
    "GOM-PRF-006",
    "profile-reference-target",
    Warning,
    Error,
    Invalid,
    "A reference must point to a type the profile allows, which may be narrower than R4 (an error when the resource claims the profile).",
    "Point the reference at the type the profile names, e.g. `Task.focus` at the ServiceRequest."
);
pub const UNKNOWN_PROFILE: &Rule = rule!(
    "GOM-PRF-007",
    "profile-unknown",
    Information,
    Informational,
    "`meta.profile` names a profile gom-core does not check; the resource is checked against the profile the CapabilityStatement names for its type.",
    "Nothing to do, unless you expected GOMS to check that profile."
);
pub const ODS_SPELLING: &Rule = rule!(
    "GOM-PRF-008",
    "ods-system-spelling",
    Warning,
    Value,
    "The ODS system is `https://fhir.nhs.uk/Id/ods-organization-code` ('z'); the 's' spelling is only fixed by the Task and DiagnosticReport profiles for the owner and performer.",
    "Spell the system `https://fhir.nhs.uk/Id/ods-organization-code`."
);
pub const ODS_PROFILE_SPELLING: &Rule = rule!(
    "GOM-PRF-009",
    "ods-system-profile-spelling",
    Information,
    Informational,
    "The Task and DiagnosticReport profiles fix `ods-organisation-code` ('s') for the owner and performer, a spelling no real instance uses; gom-core accepts the 'z' spelling there too.",
    "Nothing to do: GOMS searches owners with the 'z' spelling; use 's' only if a validator that enforces the fixed value rejects the resource."
);
pub const INVARIANT: &Rule = rule!(
    "GOM-PRF-010",
    "profile-invariant",
    Warning,
    Error,
    Invariant,
    "A profile invariant must hold, e.g. gen-2: a Patient has an NHS number or says why not (an error when the resource claims the profile).",
    "Add the NHS number identifier, or the `Extension-UKCore-NHSNumberUnavailableReason` extension."
);

pub const ALL: &[&Rule] = &[
    BASE_REQUIRED,
    REQUIRED,
    TOO_MANY,
    PROHIBITED,
    FIXED_VALUE,
    REFERENCE_TARGET,
    UNKNOWN_PROFILE,
    ODS_SPELLING,
    ODS_PROFILE_SPELLING,
    INVARIANT,
];
