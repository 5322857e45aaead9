//! Identifier systems, code systems and extension URLs of the NHS England genomics profiles
//! (domain.md §1.6–1.7) that composing an order needs.

// One home per URL: identifier systems live in `fhir::systems`, profile URLs in `profiles`.
pub use crate::fhir::systems::{NHS_NUMBER, ODS, SDS_ROLE, SDS_USER};
pub use crate::profiles::{DGTS, EXT_COVERAGE, EXT_ETHNIC_CATEGORY as EXT_ETHNIC};
/// Local patient numbers, as the upstream examples write them (with an ODS assigner).
pub const LOCAL_PATIENT: &str = "urn:oid:2.16.840.1.113883.2.1.3.2.4.18.24";
pub const LOCAL_ORDER: &str = "https://fhir.nhs.uk/local-identifier/servicerequest";
pub const LOCAL_SPECIMEN: &str = "https://fhir.nhs.uk/local-identifier/specimen";

pub const NGTD: &str = "https://fhir.nhs.uk/CodeSystem/England-GenomicTestDirectory";
pub const RARE_DISEASE: &str = "https://fhir.nhs.uk/CodeSystem/rare-diseaseTesting-genomics";
pub const CANCER: &str = "https://fhir.nhs.uk/CodeSystem/cancer-testing-genomics";
pub const PATIENT_ROLE: &str = "https://fhir.nhs.uk/CodeSystem/patient-role-genomics";
pub const FUNDING: &str = "https://fhir.hl7.org.uk/CodeSystem/UKCore-FundingCategory";
pub const ETHNIC: &str = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland";
pub const RESIDENTIAL: &str = "https://fhir.hl7.org.uk/CodeSystem/UKCore-ResidentialStatus";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const V3_ROLE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
pub const V3_ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
pub const V3_ACT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
pub const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
pub const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
pub const HPO: &str = "http://human-phenotype-ontology.org";

pub const EXT_RESIDENTIAL: &str = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ResidentialStatus";
pub const EXT_PATIENT_ROLE: &str = "https://fhir.nhs.uk/England/StructureDefinition/Extension-Genomic-Patient-Role";
pub const EXT_PARTICIPANT_COUNT: &str =
    "https://fhir.nhs.uk/England/StructureDefinition/Extension-GenomicTest-ParticipantCount";
pub const EXT_TEST_VERSION: &str = "https://fhir.nhs.uk/England/StructureDefinition/Extension-GenomicTestCode-Version";

pub const ROD_AUTHORITY: &str = "https://www.england.nhs.uk";
pub const ROD_POLICY: &str =
    "https://www.england.nhs.uk/publication/nhs-genomic-medicine-service-record-of-discussion-form";

/// NHS ethnic categories (NHS Data Dictionary), as UKCore-EthnicCategoryEngland codes them.
pub const ETHNIC_CATEGORIES: &[(&str, &str)] = &[
    ("A", "White - British"),
    ("B", "White - Irish"),
    ("C", "White - Any other White background"),
    ("D", "Mixed - White and Black Caribbean"),
    ("E", "Mixed - White and Black African"),
    ("F", "Mixed - White and Asian"),
    ("G", "Mixed - Any other mixed background"),
    ("H", "Asian or Asian British - Indian"),
    ("J", "Asian or Asian British - Pakistani"),
    ("K", "Asian or Asian British - Bangladeshi"),
    ("L", "Asian or Asian British - Any other Asian background"),
    ("M", "Black or Black British - Caribbean"),
    ("N", "Black or Black British - African"),
    ("P", "Black or Black British - Any other Black background"),
    ("R", "Other Ethnic Groups - Chinese"),
    ("S", "Other Ethnic Groups - Any other ethnic group"),
    ("Z", "Not stated"),
];

/// UKCore residential statuses the form offers.
pub const RESIDENTIAL_STATUSES: &[(&str, &str)] = &[("H", "UK Resident"), ("O", "Overseas Resident")];

/// R4 administrative-gender codes.
pub const GENDERS: &[&str] = &["male", "female", "other", "unknown"];
/// R4 request-priority codes.
pub const PRIORITIES: &[&str] = &["routine", "urgent", "asap", "stat"];
/// Consent statuses GOMS gives a meaning to (domain.md §1.5).
pub const CONSENT_STATUSES: &[&str] = &["active", "proposed", "draft"];
/// Specimen statuses a requester may set (R4 specimen-status).
pub const SPECIMEN_STATUSES: &[&str] = &["available", "unavailable", "unsatisfactory", "entered-in-error"];
pub const CLINICAL_STATUSES: &[&str] = &["active", "recurrence", "relapse", "inactive", "remission", "resolved"];
pub const VERIFICATION_STATUSES: &[&str] =
    &["unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"];
