//! Which resource types each reference element may point to: the R4 base definition, and where
//! a GOMS profile narrows it, the profile's list (domain.md §1.1, §1.6; R4 resource pages).

/// Allowed targets of one reference element.
#[derive(Debug)]
pub struct Targets {
    /// Element path without indexes: `ServiceRequest.specimen`.
    pub element: &'static str,
    /// R4 base targets; empty means `Reference(Any)`.
    pub base: &'static [&'static str],
    /// The GOMS profile's narrower list, if it narrows the base.
    pub profile: &'static [&'static str],
}

const fn t(element: &'static str, base: &'static [&'static str], profile: &'static [&'static str]) -> Targets {
    Targets { element, base, profile }
}

const ANY: &[&str] = &[];
const ACTORS: &[&str] = &[
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "CareTeam",
    "HealthcareService",
    "Patient",
    "Device",
    "RelatedPerson",
];
const REQUESTERS: &[&str] = &["Practitioner", "PractitionerRole", "Organization", "Patient", "RelatedPerson", "Device"];
const REPORTERS: &[&str] = &["Practitioner", "PractitionerRole", "Organization", "CareTeam"];
const PR: &[&str] = &["PractitionerRole"];
const PATIENT: &[&str] = &["Patient"];
const ORG: &[&str] = &["Organization"];

/// Sorted by element for binary search.
pub const TARGETS: &[Targets] = &[
    t("Condition.asserter", &["Practitioner", "PractitionerRole", "Patient", "RelatedPerson"], ANY),
    t("Condition.encounter", &["Encounter"], ANY),
    t("Condition.recorder", &["Practitioner", "PractitionerRole", "Patient", "RelatedPerson"], ANY),
    t("Condition.subject", &["Patient", "Group"], ANY),
    t("Consent.organization", ORG, ANY),
    t("Consent.patient", PATIENT, ANY),
    t("Consent.performer", &["Organization", "Patient", "Practitioner", "RelatedPerson", "PractitionerRole"], ANY),
    t(
        "Consent.provision.actor.reference",
        &[
            "Device",
            "Group",
            "CareTeam",
            "Organization",
            "Patient",
            "Practitioner",
            "RelatedPerson",
            "PractitionerRole",
        ],
        ANY,
    ),
    t("Consent.sourceReference", &["Consent", "DocumentReference", "Contract", "QuestionnaireResponse"], ANY),
    t("Consent.verification.verifiedWith", &["Patient", "RelatedPerson"], ANY),
    t(
        "DiagnosticReport.basedOn",
        &["CarePlan", "ImmunizationRecommendation", "MedicationRequest", "NutritionOrder", "ServiceRequest"],
        ANY,
    ),
    t("DiagnosticReport.encounter", &["Encounter"], ANY),
    t("DiagnosticReport.imagingStudy", &["ImagingStudy"], ANY),
    t("DiagnosticReport.media.link", &["Media"], ANY),
    t("DiagnosticReport.performer", REPORTERS, ANY),
    t("DiagnosticReport.result", &["Observation"], ANY),
    t("DiagnosticReport.resultsInterpreter", REPORTERS, ANY),
    t("DiagnosticReport.specimen", &["Specimen"], ANY),
    t("DiagnosticReport.subject", &["Patient", "Group", "Device", "Location"], ANY),
    t("FamilyMemberHistory.patient", PATIENT, ANY),
    t(
        "Observation.basedOn",
        &[
            "CarePlan",
            "DeviceRequest",
            "ImmunizationRecommendation",
            "MedicationRequest",
            "NutritionOrder",
            "ServiceRequest",
        ],
        ANY,
    ),
    t(
        "Observation.derivedFrom",
        &["DocumentReference", "ImagingStudy", "Media", "QuestionnaireResponse", "Observation", "MolecularSequence"],
        ANY,
    ),
    t("Observation.encounter", &["Encounter"], ANY),
    t("Observation.hasMember", &["Observation", "QuestionnaireResponse", "MolecularSequence"], ANY),
    t(
        "Observation.performer",
        &["Practitioner", "PractitionerRole", "Organization", "CareTeam", "Patient", "RelatedPerson"],
        ANY,
    ),
    t("Observation.specimen", &["Specimen"], ANY),
    t("Observation.subject", &["Patient", "Group", "Device", "Location"], ANY),
    t("Patient.generalPractitioner", &["Organization", "Practitioner", "PractitionerRole"], ANY),
    t("Patient.link.other", &["Patient", "RelatedPerson"], ANY),
    t("Patient.managingOrganization", ORG, ANY),
    t("PractitionerRole.healthcareService", &["HealthcareService"], ANY),
    t("PractitionerRole.location", &["Location"], ANY),
    t("PractitionerRole.organization", ORG, ANY),
    t("PractitionerRole.practitioner", &["Practitioner"], ANY),
    t("Procedure.subject", &["Patient", "Group"], ANY),
    t(
        "QuestionnaireResponse.author",
        &["Device", "Practitioner", "PractitionerRole", "Patient", "RelatedPerson", "Organization"],
        ANY,
    ),
    t("QuestionnaireResponse.basedOn", &["CarePlan", "ServiceRequest"], ANY),
    t("QuestionnaireResponse.source", &["Patient", "Practitioner", "PractitionerRole", "RelatedPerson"], ANY),
    t("RelatedPerson.patient", PATIENT, ANY),
    t("RequestGroup.subject", &["Patient", "Group"], ANY),
    t("ServiceRequest.basedOn", &["CarePlan", "ServiceRequest", "MedicationRequest"], ANY),
    t("ServiceRequest.encounter", &["Encounter"], ANY),
    t("ServiceRequest.insurance", &["Coverage", "ClaimResponse"], ANY),
    t("ServiceRequest.locationReference", &["Location"], ANY),
    t("ServiceRequest.performer", ACTORS, ORG),
    t(
        "ServiceRequest.reasonReference",
        &["Condition", "Observation", "DiagnosticReport", "DocumentReference"],
        &["Condition"],
    ),
    t("ServiceRequest.relevantHistory", &["Provenance"], ANY),
    t("ServiceRequest.replaces", &["ServiceRequest"], ANY),
    t("ServiceRequest.requester", REQUESTERS, PR),
    t("ServiceRequest.specimen", &["Specimen"], ANY),
    t("ServiceRequest.subject", &["Patient", "Group", "Location", "Device"], PATIENT),
    t("Specimen.collection.collector", &["Practitioner", "PractitionerRole"], PR),
    t("Specimen.parent", &["Specimen"], ANY),
    t("Specimen.request", &["ServiceRequest"], ANY),
    t("Specimen.subject", &["Patient", "Group", "Device", "Substance", "Location"], PATIENT),
    t("Task.encounter", &["Encounter"], ANY),
    t("Task.focus", ANY, &["ServiceRequest"]),
    t("Task.insurance", &["Coverage", "ClaimResponse"], ANY),
    t("Task.location", &["Location"], ANY),
    t("Task.owner", ACTORS, ORG),
    t("Task.partOf", &["Task"], ANY),
    t("Task.relevantHistory", &["Provenance"], ANY),
    t("Task.requester", REQUESTERS, PR),
];

/// The targets of an element path (`Identifier.assigner` anywhere is `Reference(Organization)`).
pub fn targets(element: &str) -> Option<&'static Targets> {
    const ASSIGNER: Targets = t("Identifier.assigner", ORG, ANY);
    if element.ends_with(".assigner") {
        return Some(&ASSIGNER);
    }
    // The entries of the path's first letter, compared by length first (the index looks up each
    // distinct path once; a binary search compared the long shared prefixes over and over).
    super::same_letter(TARGETS, &BY_LETTER, element).iter().find(|t| super::eq_short(t.element, element))
}

/// For each letter `A`..`Z`, the range of [`TARGETS`] whose paths start with it.
const BY_LETTER: [(u8, u8); 26] = super::by_letter!(TARGETS, |t| t.element);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_lists_known_types() {
        assert!(TARGETS.windows(2).all(|w| w[0].element < w[1].element));
        for t in TARGETS {
            for ty in t.base.iter().chain(t.profile) {
                assert!(super::super::is_resource_type(ty), "{ty}");
            }
            assert!(t.profile.iter().all(|p| t.base.is_empty() || t.base.contains(p)), "{}", t.element);
        }
        assert_eq!(targets("Task.focus").map(|t| t.profile), Some(&["ServiceRequest"][..]));
        assert_eq!(targets("Patient.identifier.assigner").map(|t| t.base), Some(ORG));
        assert!(targets("Task.for").is_none());
        // The per-letter table finds every path, and nothing else.
        assert!(TARGETS.iter().all(|t| targets(t.element).is_some_and(|f| f.element == t.element && f.base == t.base)));
        for not in ["", "a.b", "Zebra.x", "Task", "Task.focu", "Task.focuss", "[.x"] {
            assert!(targets(not).is_none(), "{not}");
        }
    }
}
