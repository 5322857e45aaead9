//! Identifier systems of the NHS and GOMS (domain.md §1.7), and the NHS number check digit.

pub const NHS_NUMBER: &str = "https://fhir.nhs.uk/Id/nhs-number";
/// ODS organisation code as UK Core and every real instance spell it ('z').
pub const ODS: &str = "https://fhir.nhs.uk/Id/ods-organization-code";
/// The 's' spelling the Task and DiagnosticReport profiles fix, used by no real instance.
pub const ODS_S: &str = "https://fhir.nhs.uk/Id/ods-organisation-code";
/// The ODS system some UK Core examples use for GP practices.
pub const ODS_UKCORE: &str = "https://fhir.hl7.org.uk/Id/ODS-code";
pub const SDS_USER: &str = "https://fhir.nhs.uk/Id/sds-user-id";
pub const SDS_ROLE: &str = "https://fhir.nhs.uk/Id/sds-role-profile-id";
pub const GMC: &str = "https://fhir.hl7.org.uk/Id/gmc-number";
pub const GMP: &str = "https://fhir.hl7.org.uk/Id/gmp-number";
pub const GMS_ORDER: &str = "https://fhir.nhs.uk/Id/GMSOrder";
pub const GMS_SPECIMEN: &str = "https://fhir.nhs.uk/Id/GMSSpecimen";
pub const GMS_REPORT: &str = "https://fhir.nhs.uk/Id/GMSReport";
pub const PEDIGREE: &str = "https://fhir.nhs.uk/Id/genomics-pedigree-number";
pub const UGR: &str = "https://fhir.nhs.uk/Id/England-UnifiedGenomicRecord";

/// A national register whose records GOMS does not hold: references into it go by identifier
/// (seed 002: "If the resource is hosted on another NHS service … reference by identifier").
#[derive(Debug)]
pub struct National {
    pub system: &'static str,
    /// The resource type an identifier of this system names.
    pub names: &'static str,
    /// The register, for messages.
    pub register: &'static str,
}

pub const NATIONAL: &[National] = &[
    National { system: NHS_NUMBER, names: "Patient", register: "PDS (NHS number)" },
    National { system: ODS, names: "Organization", register: "ODS" },
    National { system: ODS_S, names: "Organization", register: "ODS" },
    National { system: ODS_UKCORE, names: "Organization", register: "ODS" },
    National { system: SDS_USER, names: "Practitioner", register: "SDS (user id)" },
    National { system: SDS_ROLE, names: "PractitionerRole", register: "SDS (role profile id)" },
    National { system: GMC, names: "Practitioner", register: "GMC" },
    National { system: GMP, names: "Practitioner", register: "GMP" },
];

/// The national register an identifier system belongs to, if any.
pub fn national(system: &str) -> Option<&'static National> {
    NATIONAL.iter().find(|n| n.system == system)
}

/// The GOMS business identifiers and the resource type that carries each.
pub const GMS: &[(&str, &str)] =
    &[(GMS_ORDER, "ServiceRequest"), (GMS_SPECIMEN, "Specimen"), (GMS_REPORT, "DiagnosticReport")];

/// Systems gom-core knows by name, for "did you mean" on a near miss.
const KNOWN: &[&str] =
    &[NHS_NUMBER, ODS, ODS_UKCORE, SDS_USER, SDS_ROLE, GMC, GMP, GMS_ORDER, GMS_SPECIMEN, GMS_REPORT, PEDIGREE, UGR];

/// The known system that `system` was probably meant to be: it differs only in case, in `http`
/// for `https`, in a trailing slash, or by one character. `None` for exact matches and for
/// systems that resemble nothing known. The ODS 's' spelling is handled separately.
pub fn near_miss(system: &str) -> Option<&'static str> {
    if system == ODS_S || KNOWN.contains(&system) {
        return None;
    }
    let norm = |s: &str| -> String {
        let s = s.trim_end_matches('/');
        let s = s.strip_prefix("http://").map(|r| format!("https://{r}")).unwrap_or_else(|| s.to_owned());
        s.to_ascii_lowercase()
    };
    let n = norm(system);
    // `n` is lower case, so a case-blind comparison with each known system is `kn == n`; the
    // edit distance (which needs `kn` lower-cased) is only worth it within a byte of length.
    KNOWN.iter().copied().find(|k| {
        k.eq_ignore_ascii_case(&n)
            || (n.len() > 20 && k.len().abs_diff(n.len()) <= 1 && super::within_one_edit(&k.to_ascii_lowercase(), &n))
    })
}

/// The outcome of checking an NHS number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NhsNumber {
    Valid,
    /// Not exactly ten ASCII digits.
    NotTenDigits,
    /// Ten digits whose Modulus-11 check digit is wrong (or whose check would be 10).
    BadCheckDigit,
}

/// Checks an NHS number as a FHIR identifier value: exactly ten ASCII digits (no spaces), the
/// last a Modulus-11 check digit. The check itself is `compose::nhs_number`'s, the one
/// implementation the composer and the validator share.
pub fn check_nhs_number(value: &str) -> NhsNumber {
    use crate::compose::nhs_number::{check_digits, NhsNumberError};
    match check_digits(value.as_bytes()) {
        Ok(_) => NhsNumber::Valid,
        Err(NhsNumberError::NotTenDigits) => NhsNumber::NotTenDigits,
        Err(NhsNumberError::NoCheckDigit | NhsNumberError::CheckDigit { .. }) => NhsNumber::BadCheckDigit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_numbers() {
        for (v, want) in [
            ("9449305552", NhsNumber::Valid),
            ("9449307873", NhsNumber::Valid),
            ("9999999999", NhsNumber::Valid),
            ("9999999998", NhsNumber::BadCheckDigit),
            ("9449305553", NhsNumber::BadCheckDigit),
            ("944930555", NhsNumber::NotTenDigits),
            ("944 930 5552", NhsNumber::NotTenDigits),
            ("", NhsNumber::NotTenDigits),
            ("١٢٣٤٥٦٧٨٩٠", NhsNumber::NotTenDigits),
        ] {
            assert_eq!(check_nhs_number(v), want, "{v}");
        }
    }

    #[test]
    fn near_misses() {
        assert_eq!(near_miss("https://fhir.nhs.uk/Id/GMSorder"), Some(GMS_ORDER));
        assert_eq!(near_miss("http://fhir.nhs.uk/Id/nhs-number"), Some(NHS_NUMBER));
        assert_eq!(near_miss("https://fhir.nhs.uk/Id/nhs-numbr"), Some(NHS_NUMBER));
        assert_eq!(near_miss(NHS_NUMBER), None);
        assert_eq!(near_miss(ODS_S), None);
        assert_eq!(near_miss("urn:oid:2.16.840.1.113883.2.1.3.2.4.18.24"), None);
        assert_eq!(national(ODS).map(|n| n.names), Some("Organization"));
    }
}
