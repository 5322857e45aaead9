//! Realistic GOMS payloads built in code (the upstream examples stay in `../shared`): a test
//! order transaction and a result transaction
//! with variant Observations and a PDF. Used by `--demo`, the lab simulator and the tests.

use base64::Engine;
use serde_json::{json, Value};

use super::pdf;

pub const REQUESTER_ODS: &str = "RGT01";
pub const LAB_ODS: &str = "RJ1";
pub const ODS_SYSTEM: &str = "https://fhir.nhs.uk/Id/ods-organization-code";
/// The spelling the IG fixes for `Task.owner` and `DiagnosticReport.performer`.
pub const ODS_SYSTEM_S: &str = "https://fhir.nhs.uk/Id/ods-organisation-code";
pub const NHS_NUMBER: &str = "https://fhir.nhs.uk/Id/nhs-number";
pub const LOCAL_ORDER: &str = "https://fhir.nhs.uk/local-identifier/servicerequest";
pub const BUSINESS_STATUS: &str = "https://fhir.nhs.uk/CodeSystem/business-status-genomics";
const LOINC: &str = "http://loinc.org";

/// A valid NHS number (Modulus 11) derived from `seed`, in the 999 test range.
pub fn nhs_number(seed: u64) -> String {
    // Bounded: at most 11 candidates before a check digit other than 10 comes up.
    for k in 0..11u64 {
        let body = format!("999{:06}", (seed + k) % 1_000_000);
        let sum: u32 = body.chars().zip((2..=10).rev()).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
        let check = (11 - sum % 11) % 11;
        if check != 10 {
            return format!("{body}{check}");
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
    /// National Genomic Test Directory code and display, e.g. `R67.2`.
    pub test: (String, String),
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
        const TESTS: &[(&str, &str)] = &[
            ("R67.2", "Monogenic hearing loss"),
            ("R208.1", "Inherited breast and ovarian cancer"),
            ("R29.4", "Intellectual disability - microarray and fragile X"),
            ("R21", "Fetal anomalies with a likely genetic cause"),
        ];
        let (family, given, birth, gender) = PEOPLE[(n % PEOPLE.len() as u64) as usize];
        let (code, display) = TESTS[(n % TESTS.len() as u64) as usize];
        OrderSpec {
            local_id: format!("ORD-{n:06}"),
            nhs_number: nhs_number(n * 7 + 1),
            family: family.into(),
            given: given.into(),
            birth_date: birth.into(),
            gender: gender.into(),
            test: (code.into(), display.into()),
            authored_on: "2026-05-01".into(),
        }
    }
}

fn uuid() -> String {
    format!("urn:uuid:{}", uuid::Uuid::new_v4())
}

/// A test order transaction: PractitionerRole, Patient (created once per NHS number through
/// `ifNoneExist`), an active ServiceRequest and its Specimen, linked by `urn:uuid:` fullUrls.
pub fn order_bundle(o: &OrderSpec) -> Value {
    let (pr, pat, sr, sp) = (uuid(), uuid(), uuid(), uuid());
    json!({
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"fullUrl": pr, "request": {"method": "POST", "url": "PractitionerRole"}, "resource": {
                "resourceType": "PractitionerRole",
                "practitioner": {"identifier": {"system": "https://fhir.nhs.uk/Id/sds-user-id", "value": "555000111222"}, "display": "Dr Gene Smith"},
                "organization": {"identifier": {"system": ODS_SYSTEM, "value": REQUESTER_ODS}, "display": "Addenbrooke's Hospital"},
                "telecom": [{"system": "email", "value": "gene.smith@nhs.net"}]
            }},
            {"fullUrl": pat, "request": {"method": "POST", "url": "Patient", "ifNoneExist": format!("identifier={NHS_NUMBER}|{}", o.nhs_number)}, "resource": {
                "resourceType": "Patient",
                "identifier": [{"system": NHS_NUMBER, "value": o.nhs_number}],
                "name": [{"family": o.family, "given": [o.given]}],
                "gender": o.gender,
                "birthDate": o.birth_date
            }},
            {"fullUrl": sr, "request": {"method": "POST", "url": "ServiceRequest"}, "resource": {
                "resourceType": "ServiceRequest",
                "extension": [{"url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-Coverage",
                    "valueCodeableConcept": {"coding": [{"system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-FundingCategory", "code": "nhs", "display": "NHS"}]}}],
                "identifier": [{"system": LOCAL_ORDER, "value": o.local_id,
                    "assigner": {"identifier": {"system": ODS_SYSTEM, "value": REQUESTER_ODS}}}],
                "status": "active",
                "intent": "order",
                "category": [{"coding": [{"system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-GenomeSequencingCategory", "code": "rare-disease-non-wgs", "display": "Rare Disease - Non-WGS"}]}],
                "priority": "routine",
                "code": {"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/England-GenomicTestDirectory", "code": o.test.0, "display": o.test.1}]},
                "subject": {"reference": pat},
                "authoredOn": o.authored_on,
                "requester": {"reference": pr},
                "performer": [{"identifier": {"system": ODS_SYSTEM, "value": LAB_ODS}, "display": "Guy's and St Thomas' Genomic Laboratory Hub"}],
                "specimen": [{"reference": sp}],
                "note": [{"text": "Sample sent with this request."}]
            }},
            {"fullUrl": sp, "request": {"method": "POST", "url": "Specimen"}, "resource": {
                "resourceType": "Specimen",
                "identifier": [{"system": "https://fhir.nhs.uk/local-identifier/specimen", "value": format!("{}-S1", o.local_id)}],
                "status": "available",
                "type": {"coding": [{"system": "http://snomed.info/sct", "code": "122555007", "display": "Venous blood specimen"}]},
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

    #[test]
    fn nhs_numbers_pass_modulus_11() {
        for seed in [0, 1, 7, 123_456, 999_999] {
            let n = nhs_number(seed);
            assert_eq!(n.len(), 10);
            let d: Vec<u32> = n.chars().filter_map(|c| c.to_digit(10)).collect();
            let sum: u32 = d.iter().take(9).zip((2..=10).rev()).map(|(a, w)| a * w).sum();
            assert_eq!((11 - sum % 11) % 11, d[9], "{n}");
        }
    }
}
