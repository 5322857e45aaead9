//! Realistic GOMS payloads built in code (the upstream examples stay in `../shared`): a test
//! order transaction and a result transaction
//! with variant Observations and a PDF. Used by `--demo`, the lab simulator and the tests.

use base64::Engine;
use serde_json::{json, Value};

use gom_core::compose::systems as sys;
use gom_core::compose::{Catalogue, Coded};

use super::pdf;

pub const REQUESTER_ODS: &str = "RGT01";
pub const LAB_ODS: &str = "RJ1";
/// `ODS_SYSTEM_S`: the spelling the IG fixes for `Task.owner` and `DiagnosticReport.performer`.
pub use gom_core::compose::systems::LOCAL_ORDER;
pub use gom_core::fhir::systems::{NHS_NUMBER, ODS as ODS_SYSTEM, ODS_S as ODS_SYSTEM_S};
pub const BUSINESS_STATUS: &str = "https://fhir.nhs.uk/CodeSystem/business-status-genomics";
const LOINC: &str = "http://loinc.org";

/// A valid NHS number (Modulus 11, checked by gom-core) derived from `seed`, in the 999 test
/// range.
pub fn nhs_number(seed: u64) -> String {
    // Bounded: at most 11 bodies before one whose check digit is not 10, ten digits each.
    for k in 0..11u64 {
        let body = format!("999{:06}", (seed + k) % 1_000_000);
        if let Some(n) = (0..10).map(|d| format!("{body}{d}")).find(|n| gom_core::compose::nhs_number::is_valid(n)) {
            return n;
        }
    }
    "9990000018".to_owned()
}

/// Who an order is for and what it asks.
#[derive(Clone, Debug)]
pub struct OrderSpec {
    /// The requester's own order number (`localIdentifier`), unique per order.
    pub local_id: String,
    pub nhs_number: String,
    pub family: String,
    pub given: String,
    pub birth_date: String,
    pub gender: String,
    /// National Genomic Test Directory code, e.g. `R67.2`, of gom-core's built-in catalogue
    /// (which gives its name, kind and DGTS codes).
    pub test: String,
    pub authored_on: String,
}

impl OrderSpec {
    /// A plausible order, varied by `n`.
    pub fn sample(n: u64) -> OrderSpec {
        const PEOPLE: &[(&str, &str, &str, &str)] = &[
            ("Lieberman", "Meir", "2005-12-19", "male"),
            ("Okafor", "Adaeze", "1988-03-02", "female"),
            ("Nowak", "Piotr", "2016-07-21", "male"),
            ("Hughes", "Carys", "1972-11-09", "female"),
        ];
        // Directory codes of gom-core's built-in catalogue, which carries their DGTS codes.
        const TESTS: &[&str] = &["R67.2", "M3", "R98.2", "R21"];
        let (family, given, birth, gender) = PEOPLE[(n % PEOPLE.len() as u64) as usize];
        let code = TESTS[(n % TESTS.len() as u64) as usize];
        OrderSpec {
            local_id: format!("ORD-{n:06}"),
            nhs_number: nhs_number(n * 7 + 1),
            family: family.into(),
            given: given.into(),
            birth_date: birth.into(),
            gender: gender.into(),
            test: code.into(),
            authored_on: "2026-05-01".into(),
        }
    }
}

fn uuid() -> String {
    format!("urn:uuid:{}", uuid::Uuid::new_v4())
}

/// A test order transaction: PractitionerRole, Patient, an active ServiceRequest and its
/// Specimen, linked by `urn:uuid:` fullUrls, complete against the NHS England genomics profiles
/// (the validator reports nothing for it). The test's name, reason-for-testing system and DGTS
/// codes come from gom-core's built-in catalogue, as the portal's composer takes them.
pub fn order_bundle(o: &OrderSpec) -> Value {
    let (pr, pat, sr, sp) = (uuid(), uuid(), uuid(), uuid());
    let catalogue = Catalogue::builtin();
    let test = catalogue.test(&o.test);
    let name = test.map_or(o.test.as_str(), |t| t.name.as_str());
    let kind = test.map(|t| t.kind).unwrap_or_default();
    let coding = |c: &Coded| json!({"system": c.system, "code": c.code, "display": c.display});
    let mut code = vec![json!({"system": sys::NGTD, "code": o.test, "display": name})];
    code.extend(test.and_then(|t| t.dgts_test.as_ref()).map(coding));
    let package = test.and_then(|t| t.dgts_package.as_ref()).map(|p| json!([{"coding": [coding(p)]}]));
    let assigner = json!({"identifier": {"system": ODS_SYSTEM, "value": REQUESTER_ODS}});
    let mut service_request = json!({
        "resourceType": "ServiceRequest",
        "extension": [{"url": sys::EXT_COVERAGE,
            "valueCodeableConcept": {"coding": [{"system": sys::FUNDING, "code": "nhs", "display": "NHS"}]}}],
        "identifier": [{"system": LOCAL_ORDER, "value": o.local_id, "assigner": assigner}],
        "status": "active",
        "intent": "order",
        "category": [{"coding": [{"system": kind.reason_system(), "code": "diagnostic", "display": "Diagnostic"}]}],
        "priority": "routine",
        "code": {"coding": code, "text": name},
        "subject": {"reference": pat},
        "authoredOn": o.authored_on,
        "requester": {"reference": pr},
        "performer": [{"identifier": {"system": ODS_SYSTEM, "value": LAB_ODS}, "display": "Guy's and St Thomas' Genomic Laboratory Hub"}],
        "specimen": [{"reference": sp}],
        "note": [{"text": "Sample sent with this request."}]
    });
    if let (Some(p), Some(m)) = (package, service_request.as_object_mut()) {
        m.insert("reasonCode".into(), p);
    }
    json!({
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"fullUrl": pr, "request": {"method": "POST", "url": "PractitionerRole"}, "resource": {
                "resourceType": "PractitionerRole",
                "practitioner": {"identifier": {"system": sys::SDS_USER, "value": "555000111222"}, "display": "Dr Gene Smith"},
                "organization": {"identifier": {"system": ODS_SYSTEM, "value": REQUESTER_ODS}, "display": "Addenbrooke's Hospital"},
                "telecom": [{"system": "email", "value": "gene.smith@nhs.net"}]
            }},
            {"fullUrl": pat, "request": {"method": "POST", "url": "Patient"}, "resource": {
                "resourceType": "Patient",
                "extension": [
                    {"url": sys::EXT_ETHNIC, "valueCodeableConcept": {"coding": [{"system": sys::ETHNIC, "code": "A", "display": "White - British"}]}},
                    {"url": sys::EXT_RESIDENTIAL, "valueCodeableConcept": {"coding": [{"system": sys::RESIDENTIAL, "code": "H", "display": "UK Resident"}]}}
                ],
                "identifier": [{"system": NHS_NUMBER, "value": o.nhs_number}],
                "name": [{"family": o.family, "given": [o.given]}],
                "gender": o.gender,
                "birthDate": o.birth_date
            }},
            {"fullUrl": sr, "request": {"method": "POST", "url": "ServiceRequest"}, "resource": service_request},
            {"fullUrl": sp, "request": {"method": "POST", "url": "Specimen"}, "resource": {
                "resourceType": "Specimen",
                "identifier": [{"system": sys::LOCAL_SPECIMEN, "value": format!("{}-S1", o.local_id), "assigner": assigner}],
                "status": "available",
                "type": {"coding": [{"system": sys::SNOMED, "code": "122555007", "display": "Venous blood specimen"}]},
                "subject": {"reference": pat},
                "request": [{"reference": sr}],
                "collection": {"collectedDateTime": format!("{}T09:30:00Z", o.authored_on)}
            }}
        ]
    })
}

/// One variant for the report: gene (HGNC id and symbol), cDNA change, zygosity and clinical
/// significance as LOINC answer codes.
struct Variant {
    hgnc: (&'static str, &'static str),
    cdna: &'static str,
    zygosity: (&'static str, &'static str),
    significance: (&'static str, &'static str),
}

const VARIANTS: &[Variant] = &[
    Variant {
        hgnc: ("HGNC:4284", "GJB2"),
        cdna: "NM_004004.6:c.35del",
        zygosity: ("LA6705-3", "Homozygous"),
        significance: ("LA6668-3", "Pathogenic"),
    },
    Variant {
        hgnc: ("HGNC:8818", "SLC26A4"),
        cdna: "NM_000441.2:c.1246A>C",
        zygosity: ("LA6706-1", "Heterozygous"),
        significance: ("LA26333-7", "Uncertain significance"),
    },
];

fn component(code: &str, display: &str, value: Value) -> Value {
    json!({"code": {"coding": [{"system": LOINC, "code": code, "display": display}]}, "valueCodeableConcept": value})
}

fn variant_observation(v: &Variant, subject: &Value, specimen: &Value, now: &str) -> Value {
    json!({
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": "69548-6", "display": "Genetic variant assessment"}]},
        "subject": subject,
        "specimen": specimen,
        "issued": now,
        "valueCodeableConcept": {"coding": [{"system": LOINC, "code": "LA9633-4", "display": "Present"}]},
        "component": [
            component("48018-6", "Gene studied [ID]", json!({"coding": [{"system": "http://www.genenames.org/geneId", "code": v.hgnc.0, "display": v.hgnc.1}]})),
            component("48004-6", "DNA change (c.HGVS)", json!({"coding": [{"system": "http://varnomen.hgvs.org", "code": v.cdna}], "text": v.cdna})),
            component("53034-5", "Allelic state", json!({"coding": [{"system": LOINC, "code": v.zygosity.0, "display": v.zygosity.1}]})),
            component("53037-8", "Genetic variation clinical significance [Imp]", json!({"coding": [{"system": LOINC, "code": v.significance.0, "display": v.significance.1}]}))
        ]
    })
}

/// The result transaction for an order: a final DiagnosticReport based on it, with variant
/// Observations and the report as an inline PDF.
pub fn result_bundle(sr: &Value, specimen_ids: &[String], now: &str) -> Value {
    let sr_id = sr["id"].as_str().unwrap_or_default();
    let subject = sr["subject"].clone();
    let specimens: Vec<Value> = specimen_ids.iter().map(|id| json!({"reference": format!("Specimen/{id}")})).collect();
    let first_specimen = specimens.first().cloned().unwrap_or(Value::Null);
    let test = sr["code"]["coding"][0]["display"].as_str().unwrap_or("Genomic test");
    let obs: Vec<(String, Value)> = VARIANTS
        .iter()
        .map(|v| {
            let mut o = variant_observation(v, &subject, &first_specimen, now);
            if first_specimen.is_null() {
                if let Some(m) = o.as_object_mut() {
                    m.remove("specimen");
                }
            }
            (uuid(), o)
        })
        .collect();
    let mut lines = vec![
        "Genomic test report".to_owned(),
        format!("Order ServiceRequest/{sr_id}: {test}"),
        format!("Issued {now} by {LAB_ODS}"),
        String::new(),
    ];
    lines.extend(VARIANTS.iter().map(|v| {
        format!("{} {}  {}  {}", v.hgnc.1, v.cdna, v.zygosity.1.to_lowercase(), v.significance.1.to_lowercase())
    }));
    lines.push(String::new());
    lines.push("Conclusion: homozygous pathogenic GJB2 variant identified.".into());
    let pdf = base64::engine::general_purpose::STANDARD.encode(pdf::report(&lines));
    let dr = json!({
        "resourceType": "DiagnosticReport",
        "identifier": [{"system": "https://fhir.nhs.uk/Id/GMSReport", "value": uuid::Uuid::new_v4().to_string()}],
        "basedOn": [{"reference": format!("ServiceRequest/{sr_id}")}],
        "status": "final",
        "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "1236877003", "display": "Genetic pathology"}]}],
        "code": {"coding": [{"system": LOINC, "code": "51969-4", "display": "Genetic analysis report"}]},
        "subject": subject,
        "issued": now,
        "performer": [{"identifier": {"system": ODS_SYSTEM_S, "value": LAB_ODS}}],
        "specimen": specimens,
        "result": obs.iter().map(|(u, _)| json!({"reference": u})).collect::<Vec<_>>(),
        "conclusion": "Homozygous pathogenic GJB2 variant c.35del identified, consistent with the clinical presentation.",
        "presentedForm": [{"contentType": "application/pdf", "title": "Genomic test report", "creation": now, "data": pdf}]
    });
    let mut entries =
        vec![json!({"fullUrl": uuid(), "request": {"method": "POST", "url": "DiagnosticReport"}, "resource": dr})];
    entries.extend(
        obs.into_iter()
            .map(|(u, o)| json!({"fullUrl": u, "request": {"method": "POST", "url": "Observation"}, "resource": o})),
    );
    json!({"resourceType": "Bundle", "type": "transaction", "entry": entries})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(bundle: &Value) -> Vec<String> {
        let src = serde_json::to_string(bundle).unwrap_or_default();
        let report = gom_core::validate(&src, &gom_core::Options::default());
        report.diagnostics.iter().map(|d| format!("{} {} {}", d.severity, d.code, d.message)).collect()
    }

    /// The samples are what a client should send: the validator finds nothing in an order, and
    /// in a result only that its references to the order's resources are resolved on the server.
    #[test]
    fn the_samples_are_complete_against_the_profiles() {
        for n in 0..4 {
            let order = order_bundle(&OrderSpec::sample(n));
            assert_eq!(findings(&order), Vec::<String>::new(), "sample {n}");
            let mut sr = order["entry"][2]["resource"].clone();
            sr["id"] = json!("sr-1");
            sr["subject"] = json!({"reference": "Patient/p-1"});
            let result = result_bundle(&sr, &["sp-1".to_owned()], "2026-05-02T10:00:00Z");
            let f = findings(&result);
            assert!(!f.is_empty() && f.iter().all(|d| d.starts_with("information GOM-REF-003 ")), "{f:?}");
        }
    }

    #[test]
    fn nhs_numbers_pass_modulus_11() {
        for (seed, want) in [(0, "9990000018"), (1, "9990000018"), (7, "9990000077")] {
            assert_eq!(nhs_number(seed), want);
        }
        for seed in [123_456, 999_999] {
            let n = nhs_number(seed);
            assert!(n.len() == 10 && n.starts_with("999") && gom_core::compose::nhs_number::is_valid(&n), "{n}");
        }
    }
}
