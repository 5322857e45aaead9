//! The NHS England Genomics profiles as data, hand-written from the differentials (domain.md
//! §1.6; the Task profile from seed 003). No StructureDefinition engine: each profile is a short
//! list of checks over dotted element paths, which the validator evaluates.
//!
//! Paths are relative to the resource; arrays are flattened; `x[x]` matches any `xType` member.
//! A cardinality's min applies per instance of its parent path: `owner.identifier` 1.. means
//! "every `owner` has an `identifier`", not "the Task has an owner".

use crate::fhir::systems::{GMS_ORDER, GMS_REPORT, GMS_SPECIMEN, ODS, ODS_S};

/// One constraint of a profile.
#[derive(Debug)]
pub enum Check {
    /// `min..max` of the element at `path`; `max: Some(0)` removes it.
    Card { path: &'static str, min: u32, max: Option<u32> },
    /// `min..max` of the extensions with `url` on the element at `path` (`""` is the resource).
    Ext { path: &'static str, name: &'static str, url: &'static str, min: u32, max: Option<u32> },
    /// `min..max` of the items at `path` whose `on` member equals `value` (a slice by pattern).
    Slice { path: &'static str, name: &'static str, on: &'static str, value: &'static str, min: u32, max: Option<u32> },
    /// `min..max` of `member` within each item of a slice.
    SliceMember {
        path: &'static str,
        name: &'static str,
        on: &'static str,
        value: &'static str,
        member: &'static str,
        min: u32,
        max: Option<u32>,
    },
    /// Every value at `path` equals `value`.
    Fixed { path: &'static str, value: &'static str },
    /// An invariant written in Rust (see the validator); `key` is the profile's constraint key.
    Invariant { key: &'static str },
}

/// A profile: its canonical URL, the type it constrains and its checks (in groups, so slices
/// shared by several profiles are written once).
#[derive(Debug)]
pub struct Profile {
    pub url: &'static str,
    pub name: &'static str,
    pub ty: &'static str,
    pub checks: &'static [&'static [Check]],
}

impl Profile {
    /// Every check, in order.
    pub fn all_checks(&self) -> impl Iterator<Item = &'static Check> {
        self.checks.iter().flat_map(|g| g.iter())
    }
}

const fn card(path: &'static str, min: u32, max: Option<u32>) -> Check {
    Check::Card { path, min, max }
}
const fn req(path: &'static str) -> Check {
    card(path, 1, None)
}
const fn one(path: &'static str) -> Check {
    card(path, 1, Some(1))
}
const fn no(path: &'static str) -> Check {
    card(path, 0, Some(0))
}
const fn at_most_one(path: &'static str) -> Check {
    card(path, 0, Some(1))
}
const fn member(
    path: &'static str,
    name: &'static str,
    value: &'static str,
    member: &'static str,
    min: u32,
    max: Option<u32>,
) -> Check {
    Check::SliceMember { path, name, on: "system", value, member, min, max }
}

/// The members of an `identifierGMS…` slice: a broker-assigned number with nothing else.
macro_rules! gms_identifier {
    ($name:literal, $system:expr) => {
        [
            Check::Slice { path: "identifier", name: $name, on: "system", value: $system, min: 0, max: Some(1) },
            member("identifier", $name, $system, "use", 0, Some(0)),
            member("identifier", $name, $system, "type", 0, Some(0)),
            member("identifier", $name, $system, "value", 1, None),
            member("identifier", $name, $system, "period", 0, Some(0)),
            member("identifier", $name, $system, "assigner", 0, Some(0)),
        ]
    };
}

/// The members of a `localIdentifier` slice: value and an assigning organisation by ODS code.
macro_rules! local_identifier {
    ($system:literal) => {
        [
            member("identifier", "localIdentifier", $system, "value", 1, None),
            member("identifier", "localIdentifier", $system, "assigner", 1, None),
            member("identifier", "localIdentifier", $system, "assigner.reference", 0, Some(0)),
            member("identifier", "localIdentifier", $system, "assigner.identifier", 1, None),
        ]
    };
}

pub const DGTS: &str = "https://fhir.nhs.uk/CodeSystem/England-DigitalGenomicTestService";
pub const EXT_COVERAGE: &str = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-Coverage";
pub const EXT_PARTICIPANT_COUNT: &str =
    "https://fhir.nhs.uk/England/StructureDefinition/Extension-GenomicTest-ParticipantCount";
pub const EXT_ETHNIC_CATEGORY: &str = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
pub const EXT_RESIDENTIAL_STATUS: &str =
    "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ResidentialStatus";
pub const EXT_NHS_NUMBER_UNAVAILABLE: &str =
    "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberUnavailableReason";

const GMS_ORDER_SLICE: [Check; 6] = gms_identifier!("identifierGMSOrder", GMS_ORDER);
const SR_LOCAL: [Check; 4] = local_identifier!("https://fhir.nhs.uk/local-identifier/servicerequest");
const GMS_SPECIMEN_SLICE: [Check; 6] = gms_identifier!("identifierGMSSpecimen", GMS_SPECIMEN);
const SPECIMEN_LOCAL: [Check; 4] = local_identifier!("https://fhir.nhs.uk/local-identifier/specimen");
const GMS_REPORT_SLICE: [Check; 6] = gms_identifier!("identifierGMSReport", GMS_REPORT);
const REPORT_LOCAL: [Check; 4] = local_identifier!("https://fhir.nhs.uk/local-identifier/diagnosticreport");

pub const TASK: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Task-Genomics",
    name: "NHSEngland-Task-Genomics",
    ty: "Task",
    checks: &[&[
        no("basedOn"),
        one("code"),
        no("description"),
        one("focus"),
        one("for"),
        no("encounter"),
        one("authoredOn"),
        one("requester"),
        no("performerType"),
        no("owner.reference"),
        card("owner.identifier", 1, Some(1)),
        Check::Fixed { path: "owner.identifier.system", value: ODS_S },
        no("location"),
        no("reasonCode"),
        no("reasonReference"),
        no("insurance"),
        no("relevantHistory"),
        no("restriction"),
    ]],
};

pub const SERVICE_REQUEST: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-ServiceRequest-Genomics",
    name: "NHSEngland-ServiceRequest-Genomics",
    ty: "ServiceRequest",
    checks: &[
        &[
            Check::Ext { path: "", name: "coverage", url: EXT_COVERAGE, min: 1, max: Some(1) },
            Check::Ext { path: "", name: "genomicParticipantCount", url: EXT_PARTICIPANT_COUNT, min: 0, max: Some(1) },
            req("identifier"),
        ],
        &GMS_ORDER_SLICE,
        &SR_LOCAL,
        &[
            at_most_one("replaces"),
            req("category"),
            no("doNotPerform"),
            one("code"),
            Check::Slice { path: "code.coding", name: "DGTSCode", on: "system", value: DGTS, min: 0, max: Some(1) },
            no("quantity[x]"),
            no("asNeeded[x]"),
            one("authoredOn"),
            one("requester"),
            no("performerType"),
            at_most_one("performer"),
            card("performer.identifier", 1, Some(1)),
            Check::Fixed { path: "performer.identifier.system", value: ODS },
            no("locationCode"),
            no("locationReference"),
            Check::Slice {
                path: "reasonCode",
                name: "DGTSTestPackage",
                on: "coding.system",
                value: DGTS,
                min: 1,
                max: Some(1),
            },
            no("insurance"),
            no("bodySite"),
            no("patientInstruction"),
            no("relevantHistory"),
        ],
    ],
};

pub const SPECIMEN: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Specimen-Genomics",
    name: "NHSEngland-Specimen-Genomics",
    ty: "Specimen",
    checks: &[
        &[req("identifier")],
        &GMS_SPECIMEN_SLICE,
        &SPECIMEN_LOCAL,
        &[
            no("accessionIdentifier"),
            one("status"),
            one("type"),
            one("subject"),
            at_most_one("parent"),
            card("request", 1, Some(1)),
            one("collection.collected[x]"),
            at_most_one("container"),
            at_most_one("condition"),
        ],
    ],
};

pub const DIAGNOSTIC_REPORT: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-DiagnosticReport-GenomicReport",
    name: "NHSEngland-DiagnosticReport-GenomicReport",
    ty: "DiagnosticReport",
    checks: &[
        &[req("identifier")],
        &GMS_REPORT_SLICE,
        &REPORT_LOCAL,
        &[
            at_most_one("basedOn"),
            one("subject"),
            one("issued"),
            no("performer.reference"),
            card("performer.identifier", 1, Some(1)),
            Check::Fixed { path: "performer.identifier.system", value: ODS_S },
            req("specimen"),
            no("imagingStudy"),
            req("presentedForm"),
        ],
    ],
};

pub const PATIENT: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Patient-Genomics",
    name: "NHSEngland-Patient-Genomics",
    ty: "Patient",
    checks: &[&[
        Check::Ext { path: "", name: "ethnicCategory", url: EXT_ETHNIC_CATEGORY, min: 1, max: None },
        Check::Ext { path: "", name: "residentialStatus", url: EXT_RESIDENTIAL_STATUS, min: 1, max: None },
        Check::Ext {
            path: "",
            name: "birthPlace",
            url: "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
            min: 0,
            max: Some(0),
        },
        Check::Ext {
            path: "",
            name: "cadavericDonor",
            url: "http://hl7.org/fhir/StructureDefinition/patient-cadavericDonor",
            min: 0,
            max: Some(0),
        },
        Check::Ext {
            path: "",
            name: "contactPreference",
            url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference",
            min: 0,
            max: Some(0),
        },
        Check::Ext {
            path: "",
            name: "deathNotificationStatus",
            url: "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus",
            min: 0,
            max: Some(0),
        },
        Check::Ext {
            path: "",
            name: "patientInterpreterRequired",
            url: "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired",
            min: 0,
            max: Some(0),
        },
        req("identifier"),
        card("name", 1, Some(1)),
        one("name.family"),
        card("name.given", 1, Some(1)),
        no("maritalStatus"),
        no("photo"),
        no("communication"),
        no("generalPractitioner"),
        Check::Invariant { key: "gen-2" },
    ]],
};

pub const PRACTITIONER_ROLE: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-PractitionerRole-Genomics",
    name: "NHSEngland-PractitionerRole-Genomics",
    ty: "PractitionerRole",
    checks: &[&[
        one("practitioner"),
        no("practitioner.reference"),
        req("practitioner.identifier"),
        one("organization"),
        no("organization.reference"),
        req("organization.identifier"),
        no("location"),
        at_most_one("healthcareService"),
        req("telecom"),
        no("availableTime"),
        no("notAvailable"),
        no("availabilityExceptions"),
    ]],
};

pub const CONSENT: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Consent-GenomicsPCF",
    name: "NHSEngland-Consent-GenomicsPCF",
    ty: "Consent",
    checks: &[&[
        Check::Slice {
            path: "category",
            name: "categoryRoD",
            on: "coding.code",
            value: "RESEARCH",
            min: 0,
            max: Some(1),
        },
        Check::Slice {
            path: "category",
            name: "categoryUGRDataAccess",
            on: "coding.code",
            value: "INFA",
            min: 0,
            max: Some(1),
        },
        Check::Slice {
            path: "category",
            name: "categoryUGRDataSharing",
            on: "coding.code",
            value: "IDSCL",
            min: 0,
            max: Some(1),
        },
        Check::Slice {
            path: "organization",
            name: "organizationUGR",
            on: "identifier.value",
            value: "X26",
            min: 0,
            max: Some(1),
        },
    ]],
};

/// The Bundle profile's rules (transaction, transaction-response or searchset; POST or PUT with
/// `url` = the type) are the GOM-BDL rules, so it has no checks of its own here.
pub const BUNDLE: Profile = Profile {
    url: "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Bundle-Genomics",
    name: "NHSEngland-Bundle-Genomics",
    ty: "Bundle",
    checks: &[],
};

/// Every profile gom-core checks.
pub const ALL: &[&Profile] =
    &[&TASK, &SERVICE_REQUEST, &SPECIMEN, &DIAGNOSTIC_REPORT, &PATIENT, &PRACTITIONER_ROLE, &CONSENT, &BUNDLE];

/// The profile a resource claims by URL (a `|version` suffix is ignored).
pub fn by_url(url: &str) -> Option<&'static Profile> {
    let url = url.split('|').next().unwrap_or(url);
    ALL.iter().copied().find(|p| p.url == url)
}

/// The profile the CapabilityStatement `genomics-application` names for a resource type.
pub fn for_type(ty: &str) -> Option<&'static Profile> {
    ALL.iter().copied().find(|p| p.ty == ty)
}

/// Elements FHIR R4 itself makes mandatory, for the types GOMS exchanges.
pub const BASE_REQUIRED: &[(&str, &[&str])] = &[
    ("Composition", &["status", "type", "date", "author", "title"]),
    ("Condition", &["subject"]),
    ("Consent", &["status", "scope", "category"]),
    ("DiagnosticReport", &["status", "code"]),
    ("FamilyMemberHistory", &["status", "patient", "relationship"]),
    ("Observation", &["status", "code"]),
    ("Procedure", &["status", "subject"]),
    ("QuestionnaireResponse", &["status"]),
    ("RelatedPerson", &["patient"]),
    ("RequestGroup", &["status", "intent"]),
    ("ServiceRequest", &["status", "intent", "subject"]),
    ("Task", &["status", "intent"]),
];

/// The mandatory R4 elements of a type.
pub fn base_required(ty: &str) -> &'static [&'static str] {
    BASE_REQUIRED.iter().find(|(t, _)| *t == ty).map_or(&[], |(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_found_by_url_and_type() {
        assert_eq!(
            by_url("https://fhir.nhs.uk/StructureDefinition/NHSEngland-Task-Genomics|0.3.0").map(|p| p.ty),
            Some("Task")
        );
        assert_eq!(for_type("Consent").map(|p| p.name), Some("NHSEngland-Consent-GenomicsPCF"));
        assert!(for_type("Observation").is_none());
        assert_eq!(ALL.len(), 8);
        // seed 003: the Task differential has 10 removed elements besides owner.reference.
        let removed = TASK.all_checks().filter(|c| matches!(c, Check::Card { max: Some(0), .. })).count();
        assert_eq!(removed, 11);
        assert_eq!(base_required("Task"), ["status", "intent"]);
        assert!(BASE_REQUIRED.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
