//! The ServiceRequest and Consent bindings the profile data of [`crate::profiles`] cannot say:
//! `category:reasonForTesting` (required), the `genomicPatientRole` extension (required), the
//! test directory version extension on DGTS and panel codes, and the nested Consent provision's
//! purposes (required, one slice per v3-ActReason code). Code lists from the IG's CodeSystems
//! (domain.md §1.6).

use super::{extensions_with, Ctx};
use crate::diag::msg;
use crate::json::{Kind, Value};
use crate::refs::BundleIndex;
use crate::rules::codes as r;

/// The code systems of `https://fhir.nhs.uk/ValueSet/genomics-reasonfortesting`, each with its codes.
const REASON_FOR_TESTING: &[(&str, &[&str])] = &[
    (
        "https://fhir.nhs.uk/CodeSystem/rare-diseaseTesting-genomics",
        &[
            "sample-storage",
            "diagnostic",
            "carrier",
            "predictive",
            "prenatal-diagnosis",
            "family-member-to-aid-interpretation",
            "reanalysis",
            "pharmacogenomics",
            "other",
        ],
    ),
    (
        "https://fhir.nhs.uk/CodeSystem/cancer-testing-genomics",
        &[
            "sample-storage",
            "diagnostic",
            "differential-diagnosis",
            "prognostic",
            "treatment-determining",
            "disease-monitoring",
            "relapse-recurrence",
            "remission",
            "transformation",
            "research-trial-eligibility",
            "pharmacogenomics",
            "other",
        ],
    ),
    (
        "https://fhir.nhs.uk/CodeSystem/clinical-utility-genomics",
        &["patient-management", "reproductive-decision-making", "unaffected-relatives-seeking-predictive-testing"],
    ),
    (
        "https://fhir.nhs.uk/CodeSystem/test-associationReason-genomics",
        &["reanalysis", "reinterpretation", "retest", "follow-on-test", "family-associated", "germline-later"],
    ),
];
const REASON_FOR_TESTING_VS: &str = "https://fhir.nhs.uk/ValueSet/genomics-reasonfortesting";

pub use crate::compose::systems::EXT_PATIENT_ROLE;
use crate::compose::systems::PATIENT_ROLE as PATIENT_ROLE_SYSTEM;
const PATIENT_ROLES: &[&str] = &["proband", "consultand"];

pub const EXT_TEST_CODE_VERSION: &str =
    "https://fhir.nhs.uk/England/StructureDefinition/Extension-GenomicTestCode-Version";

use crate::compose::systems::V3_ACT_REASON as ACT_REASON;
const CONSENT_PURPOSES: &[&str] = &["TREAT", "HRESCH", "POPHLTH", "HOPERAT", "FAMRQT"];

pub(super) fn check(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    for e in ix.entries() {
        let (Some(res), Some(ty)) = (e.resource, e.resource_type.as_deref()) else { continue };
        match ty {
            "ServiceRequest" => {
                reason_for_testing(res, ctx);
                patient_role(res, ctx);
                for el in ["code", "reasonCode", "orderDetail"] {
                    for cc in res.get(el).into_iter().flat_map(|v| v.items()) {
                        for coding in cc.get("coding").into_iter().flat_map(|c| c.items()) {
                            test_code_versions(coding, ctx);
                        }
                    }
                }
            }
            "Consent" => consent_purposes(res, ctx),
            _ => {}
        }
    }
}

fn str_of<'a>(v: Value<'_, 'a>, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    v.get_str(name)
}

/// Every category coding from a system of the value set must carry one of its codes; and one
/// category must come from the value set (the slice is 1..1; a missing `category` is the
/// profile's own finding).
fn reason_for_testing(res: Value<'_, '_>, ctx: &mut Ctx) {
    let Some(categories) = res.get("category") else { return };
    let mut found = false;
    for cc in categories.items() {
        for coding in cc.get("coding").into_iter().flat_map(|c| c.items()) {
            let Some(system) = str_of(coding, "system") else { continue };
            let Some(&(_, codes)) = REASON_FOR_TESTING.iter().find(|(s, _)| *s == system) else { continue };
            found = true;
            match coding.get("code") {
                Some(c) if c.as_str().is_some_and(|c| codes.contains(&c.as_ref())) => {}
                Some(c) => {
                    let shown = c.as_str().map_or_else(|| c.kind().article_name().to_owned(), |s| msg!("`{s}`"));
                    ctx.emit(
                        r::REASON_FOR_TESTING,
                        c,
                        msg!("`ServiceRequest.category` code {shown} is not a code of `{system}` ({REASON_FOR_TESTING_VS})"),
                    );
                }
                None => ctx.emit_missing(
                    r::REASON_FOR_TESTING,
                    coding,
                    "code",
                    msg!("`ServiceRequest.category` has a `{system}` coding without a code"),
                ),
            }
        }
    }
    if !found && categories.items().next().is_some() {
        ctx.emit(
            r::REASON_FOR_TESTING_MISSING,
            categories,
            msg!("`ServiceRequest.category` has no coding from `{REASON_FOR_TESTING_VS}` (slice `reasonForTesting`, 1..1)"),
        );
    }
}

/// `extension:genomicPatientRole`: a CodeableConcept with a patient-role code.
fn patient_role(res: Value<'_, '_>, ctx: &mut Ctx) {
    for x in extensions_with(res.get("extension"), EXT_PATIENT_ROLE) {
        let Some(cc) = x.get("valueCodeableConcept") else {
            let at = x.members().find(|(k, _)| k.starts_with("value")).map(|(_, v)| v);
            let what = at.and_then(|v| v.key()).map_or("no value".to_owned(), |k| msg!("`{k}`"));
            ctx.emit(
                r::PATIENT_ROLE,
                at.unwrap_or(x),
                msg!("The `genomicPatientRole` extension has {what}, not a `valueCodeableConcept`"),
            );
            continue;
        };
        let codings: Vec<Value<'_, '_>> = cc.get("coding").into_iter().flat_map(|c| c.items()).collect();
        let ok = codings.iter().any(|c| {
            c.get("system").is_some_and(|s| s.str_is(PATIENT_ROLE_SYSTEM))
                && c.get("code").and_then(|v| v.as_str()).is_some_and(|v| PATIENT_ROLES.contains(&v.as_ref()))
        });
        if ok {
            continue;
        }
        let first = codings.first().copied();
        let shown = first
            .map(|c| {
                let system = str_of(c, "system").unwrap_or_default();
                let code = str_of(c, "code").unwrap_or_default();
                msg!("`{system}#{code}`")
            })
            .unwrap_or_else(|| "no coding".to_owned());
        let at = first.and_then(|c| c.get("code")).or(first).unwrap_or(cc);
        ctx.emit(
            r::PATIENT_ROLE,
            at,
            msg!("The `genomicPatientRole` extension holds {shown}, not `proband` or `consultand` of `{PATIENT_ROLE_SYSTEM}`"),
        );
    }
}

/// `extension:genomicTestCodeVersion` on a coding: a `valueDecimal` number, no nested extension.
fn test_code_versions(coding: Value<'_, '_>, ctx: &mut Ctx) {
    for x in extensions_with(coding.get("extension"), EXT_TEST_CODE_VERSION) {
        if let Some(nested) = x.get("extension") {
            ctx.emit(
                r::TEST_CODE_VERSION,
                nested,
                "The `genomicTestCodeVersion` extension has nested extensions; the profile allows none (0..0)",
            );
        }
        match x.get("valueDecimal") {
            Some(v) if v.kind() == Kind::Number => {}
            Some(v) => ctx.emit(
                r::TEST_CODE_VERSION,
                v,
                msg!("The test directory version is {}, not a decimal number", v.kind().article_name()),
            ),
            None => {
                let other = x.members().find(|(k, _)| k.starts_with("value")).map(|(_, v)| v);
                let what = other.and_then(|v| v.key()).map_or("no value".to_owned(), |k| msg!("`{k}`"));
                ctx.emit(
                    r::TEST_CODE_VERSION,
                    other.unwrap_or(x),
                    msg!("The `genomicTestCodeVersion` extension has {what}, not a `valueDecimal`"),
                );
            }
        }
    }
}

/// The nested provision of the UGR consents (slice `provisionUGR`, told apart by its `purpose`:
/// the Data Access and Data Sharing consents nest provisions with actors and no purpose, which the
/// slice's rules do not fit): each purpose a v3-ActReason code of one of the purpose slices, each
/// slice at most once, `type` 1..1, and no period, action, securityLabel, code or dataPeriod.
fn consent_purposes(res: Value<'_, '_>, ctx: &mut Ctx) {
    use crate::rules::profile as rp;
    const PROFILE: &str = "NHSEngland-Consent-GenomicsPCF";
    let outer = res.get("provision").into_iter().flat_map(|p| p.items());
    let nested = outer.flat_map(|p| p.get("provision").into_iter().flat_map(|n| n.items()));
    for p in nested.filter(|p| p.get("purpose").is_some()) {
        let mut seen = [0u32; CONSENT_PURPOSES.len()];
        for purpose in p.get("purpose").into_iter().flat_map(|x| x.items()) {
            let system_ok = purpose.get("system").is_some_and(|s| s.str_is(ACT_REASON));
            let code = purpose.get("code").and_then(|c| c.as_str());
            let slot = code.as_deref().and_then(|c| CONSENT_PURPOSES.iter().position(|k| *k == c));
            if let (true, Some(i)) = (system_ok, slot) {
                if let Some(n) = seen.get_mut(i) {
                    *n += 1;
                    if *n == 2 {
                        let msg = msg!(
                            "`Consent.provision.provision.purpose` has `{}` twice; {PROFILE} allows each purpose slice 0..1",
                            code.as_deref().unwrap_or_default()
                        );
                        ctx.emit(rp::TOO_MANY, purpose, msg);
                    }
                }
                continue;
            }
            let system = str_of(purpose, "system").unwrap_or_default();
            let at = purpose.get("code").unwrap_or(purpose);
            ctx.emit(
                r::CONSENT_PURPOSE,
                at,
                msg!(
                    "The provision purpose `{system}#{}` is none of the profile's purposes (`TREAT`, `HRESCH`, `POPHLTH`, `HOPERAT`, `FAMRQT` of `{ACT_REASON}`)",
                    code.unwrap_or_default()
                ),
            );
        }
        if p.get("type").is_none() {
            let msg = msg!("`Consent.provision.provision.type` is missing; {PROFILE} requires 1..1");
            ctx.emit_missing(rp::REQUIRED, p, "type", msg);
        }
        for m in ["period", "action", "securityLabel", "code", "dataPeriod"] {
            if let Some(v) = p.get(m) {
                let msg = msg!("`Consent.provision.provision.{m}` is not used by GOMS: {PROFILE} removes it (0..0)");
                ctx.emit(rp::PROHIBITED, v, msg);
            }
        }
    }
}
