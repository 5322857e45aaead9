//! FHIR R4 and GOMS facts as data: resource types, required code lists, GOMS code systems,
//! identifier systems and which elements may reference which types.
//!
//! Hand-written from the R4 specification (4.0.1) and the NHS England Genomics IG as summarised
//! in `docs/domain.md`; nothing here is generated from upstream JSON. Public so the portal can
//! offer the same lists the validator checks against.

pub mod codes;
pub mod systems;
pub mod targets;

/// Every concrete resource type of FHIR R4 (4.0.1; 146), sorted for binary search.
pub const RESOURCE_TYPES: &[&str] = &[
    "Account",
    "ActivityDefinition",
    "AdverseEvent",
    "AllergyIntolerance",
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "Basic",
    "Binary",
    "BiologicallyDerivedProduct",
    "BodyStructure",
    "Bundle",
    "CapabilityStatement",
    "CarePlan",
    "CareTeam",
    "CatalogEntry",
    "ChargeItem",
    "ChargeItemDefinition",
    "Claim",
    "ClaimResponse",
    "ClinicalImpression",
    "CodeSystem",
    "Communication",
    "CommunicationRequest",
    "CompartmentDefinition",
    "Composition",
    "ConceptMap",
    "Condition",
    "Consent",
    "Contract",
    "Coverage",
    "CoverageEligibilityRequest",
    "CoverageEligibilityResponse",
    "DetectedIssue",
    "Device",
    "DeviceDefinition",
    "DeviceMetric",
    "DeviceRequest",
    "DeviceUseStatement",
    "DiagnosticReport",
    "DocumentManifest",
    "DocumentReference",
    "EffectEvidenceSynthesis",
    "Encounter",
    "Endpoint",
    "EnrollmentRequest",
    "EnrollmentResponse",
    "EpisodeOfCare",
    "EventDefinition",
    "Evidence",
    "EvidenceVariable",
    "ExampleScenario",
    "ExplanationOfBenefit",
    "FamilyMemberHistory",
    "Flag",
    "Goal",
    "GraphDefinition",
    "Group",
    "GuidanceResponse",
    "HealthcareService",
    "ImagingStudy",
    "Immunization",
    "ImmunizationEvaluation",
    "ImmunizationRecommendation",
    "ImplementationGuide",
    "InsurancePlan",
    "Invoice",
    "Library",
    "Linkage",
    "List",
    "Location",
    "Measure",
    "MeasureReport",
    "Media",
    "Medication",
    "MedicationAdministration",
    "MedicationDispense",
    "MedicationKnowledge",
    "MedicationRequest",
    "MedicationStatement",
    "MedicinalProduct",
    "MedicinalProductAuthorization",
    "MedicinalProductContraindication",
    "MedicinalProductIndication",
    "MedicinalProductIngredient",
    "MedicinalProductInteraction",
    "MedicinalProductManufactured",
    "MedicinalProductPackaged",
    "MedicinalProductPharmaceutical",
    "MedicinalProductUndesirableEffect",
    "MessageDefinition",
    "MessageHeader",
    "MolecularSequence",
    "NamingSystem",
    "NutritionOrder",
    "Observation",
    "ObservationDefinition",
    "OperationDefinition",
    "OperationOutcome",
    "Organization",
    "OrganizationAffiliation",
    "Parameters",
    "Patient",
    "PaymentNotice",
    "PaymentReconciliation",
    "Person",
    "PlanDefinition",
    "Practitioner",
    "PractitionerRole",
    "Procedure",
    "Provenance",
    "Questionnaire",
    "QuestionnaireResponse",
    "RelatedPerson",
    "RequestGroup",
    "ResearchDefinition",
    "ResearchElementDefinition",
    "ResearchStudy",
    "ResearchSubject",
    "RiskAssessment",
    "RiskEvidenceSynthesis",
    "Schedule",
    "SearchParameter",
    "ServiceRequest",
    "Slot",
    "Specimen",
    "SpecimenDefinition",
    "StructureDefinition",
    "StructureMap",
    "Subscription",
    "Substance",
    "SubstanceNucleicAcid",
    "SubstancePolymer",
    "SubstanceProtein",
    "SubstanceReferenceInformation",
    "SubstanceSourceMaterial",
    "SubstanceSpecification",
    "SupplyDelivery",
    "SupplyRequest",
    "Task",
    "TerminologyCapabilities",
    "TestReport",
    "TestScript",
    "ValueSet",
    "VerificationResult",
    "VisionPrescription",
];

/// True when `name` is a concrete R4 resource type (case-sensitive, as FHIR is). The validator
/// asks this several times per entry: the types starting with `name`'s first letter are compared
/// by length first (a handful of bytes each), not the whole table binary-searched.
pub fn is_resource_type(name: &str) -> bool {
    same_letter(RESOURCE_TYPES, &BY_LETTER, name).iter().any(|t| eq_short(t, name))
}

/// For each letter `A`..`Z`, the range of [`RESOURCE_TYPES`] whose names start with it.
const BY_LETTER: [(u8, u8); 26] = by_letter!(RESOURCE_TYPES, |t| t);

/// The ranges of a sorted table (at most 255 rows, every key starting with `A`..`Z`) whose keys
/// start with each letter, computed at compile time: `by_letter!(TABLE, |row| key)`.
macro_rules! by_letter {
    ($table:expr, |$row:ident| $key:expr) => {{
        let mut out = [(0u8, 0u8); 26];
        let mut i = 0;
        while i < $table.len() {
            let $row = &$table[i];
            let letter = ($key.as_bytes()[0] - b'A') as usize;
            if out[letter].1 == 0 {
                out[letter].0 = i as u8;
            }
            out[letter].1 = i as u8 + 1;
            i += 1;
        }
        out
    }};
}
pub(crate) use by_letter;

/// The rows of `table` whose keys start with `name`'s first letter (empty for any other byte).
pub(crate) fn same_letter<'t, T>(table: &'t [T], by_letter: &[(u8, u8); 26], name: &str) -> &'t [T] {
    let range = name.as_bytes().first().and_then(|&c| by_letter.get(c.wrapping_sub(b'A') as usize));
    range.and_then(|&(start, end)| table.get(start as usize..end as usize)).unwrap_or_default()
}

/// Byte order of two short strings, compared inline: for names of a few dozen bytes a loop beats
/// a call to `memcmp`, and the validator compares many of them.
pub(crate) fn cmp_short(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Eight bytes at a time while both have them: the tables searched with this (element paths,
    // type names) share long prefixes such as `ServiceRequest.`. A big-endian word compares in
    // byte order.
    let (mut ca, mut cb) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut ca).zip(&mut cb) {
        let (Ok(x), Ok(y)) = (<[u8; 8]>::try_from(x), <[u8; 8]>::try_from(y)) else { break };
        let (x, y) = (u64::from_be_bytes(x), u64::from_be_bytes(y));
        if x != y {
            return x.cmp(&y);
        }
    }
    let done = a.len().min(b.len()) / 8 * 8;
    let (a, b) = (a.get(done..).unwrap_or_default(), b.get(done..).unwrap_or_default());
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// Equality of two short strings: lengths first, then inline word compares ([`crate::json::eq_bytes`]).
pub(crate) fn eq_short(a: &str, b: &str) -> bool {
    crate::json::eq_bytes(a.as_bytes(), b.as_bytes())
}

/// The R4 resource type closest to a misspelt `name` (one edit, or a case difference), for
/// "did you mean" help. Cheap: only called on an unknown type.
pub fn suggest_resource_type(name: &str) -> Option<&'static str> {
    RESOURCE_TYPES.iter().copied().find(|t| t.eq_ignore_ascii_case(name) || within_one_edit(t, name))
}

/// True when `a` and `b` differ by at most one insertion, deletion or substitution.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short.get(prefix + 1..) == long.get(prefix + 1..)
    } else {
        short.get(prefix..) == long.get(prefix + 1..)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_comparisons_agree_with_str_order() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ServiceRequest",
            "ServiceRequest.",
            "ServiceRequest.subject",
            "ServiceRequest.supportingInfo",
            "ServiceRequestX",
            "Servicerequest",
            "Task.focus",
            "Task.for",
            "12345678",
            "123456789",
            "12345679",
            "\u{e9}t\u{e9}",
        ];
        for a in words {
            for b in words {
                assert_eq!(cmp_short(a, b), a.cmp(b), "{a} vs {b}");
                assert_eq!(eq_short(a, b), a == b, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn resource_types_are_sorted_unique_and_complete() {
        assert!(RESOURCE_TYPES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(RESOURCE_TYPES.len(), 146);
        assert!(is_resource_type("ServiceRequest"));
        assert!(!is_resource_type("ServieRequest"));
        assert!(!is_resource_type("serviceRequest"));
        // The per-letter table finds every type, and nothing that is not one.
        assert!(RESOURCE_TYPES.iter().all(|t| is_resource_type(t)));
        for not in ["", "A", "Z", "Zzz", "[", "\u{e9}", "Patient ", "Patien", "Patients", "VisionPrescriptio"] {
            assert!(!is_resource_type(not), "{not}");
        }
    }

    #[test]
    fn suggestions_catch_one_typo() {
        assert_eq!(suggest_resource_type("ServieRequest"), Some("ServiceRequest"));
        assert_eq!(suggest_resource_type("patient"), Some("Patient"));
        assert_eq!(suggest_resource_type("Xyzzy"), None);
        assert!(within_one_edit("abc", "abd") && within_one_edit("abc", "ab") && !within_one_edit("abc", "a"));
    }
}
