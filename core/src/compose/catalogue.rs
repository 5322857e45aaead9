//! The tests a requester can choose, with the codes an order carries for each.
//!
//! The built-in entries are a small, illustrative selection: their DGTS test and test-package
//! codes are those the upstream IG examples use (e.g. `GT488`/`TP439` monogenic hearing loss);
//! the rare-disease R-codes are the ones those examples cite, the cancer M-codes are stand-ins.
//! They are not the live National Genomic Test Directory: a deployment extends or replaces them
//! with [`Catalogue::extend`].

use serde::{Deserialize, Serialize};

use super::draft::Coded;
use super::systems as sys;

/// Which family of testing a test belongs to; it decides the reason-for-testing code system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TestKind {
    #[default]
    RareDisease,
    Cancer,
}

impl TestKind {
    /// The code system of `ServiceRequest.category` (reason for testing) for this kind.
    pub fn reason_system(self) -> &'static str {
        match self {
            TestKind::RareDisease => sys::RARE_DISEASE,
            TestKind::Cancer => sys::CANCER,
        }
    }

    /// The reason-for-testing codes of that system, with their displays.
    pub fn reasons(self) -> &'static [(&'static str, &'static str)] {
        match self {
            TestKind::RareDisease => RARE_DISEASE_REASONS,
            TestKind::Cancer => CANCER_REASONS,
        }
    }
}

const RARE_DISEASE_REASONS: &[(&str, &str)] = &[
    ("sample-storage", "Sample storage"),
    ("diagnostic", "Diagnostic"),
    ("carrier", "Carrier"),
    ("predictive", "Predictive"),
    ("prenatal-diagnosis", "Prenatal diagnosis"),
    ("family-member-to-aid-interpretation", "Family member to aid interpretation of a relative's result/variant"),
    ("reanalysis", "Reanalysis"),
    ("pharmacogenomics", "Pharmacogenomics"),
    ("other", "Other"),
];

const CANCER_REASONS: &[(&str, &str)] = &[
    ("sample-storage", "Sample storage"),
    ("diagnostic", "Diagnostic"),
    ("differential-diagnosis", "Differential diagnosis"),
    ("prognostic", "Prognostic"),
    ("treatment-determining", "Treatment determining"),
    ("disease-monitoring", "Disease monitoring"),
    ("relapse-recurrence", "Relapse or recurrence"),
    ("remission", "Remission"),
    ("transformation", "Transformation"),
    ("research-trial-eligibility", "Research or trial eligibility"),
    ("pharmacogenomics", "Pharmacogenomics"),
    ("other", "Other"),
];

/// One orderable test.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TestEntry {
    /// National Genomic Test Directory code, e.g. `R67.2`; the key a draft names.
    pub code: String,
    pub name: String,
    pub kind: TestKind,
    /// DGTS genomic test (`GT…`), carried in `ServiceRequest.code`.
    pub dgts_test: Option<Coded>,
    /// DGTS test package (`TP…`), carried in `ServiceRequest.reasonCode` (1..1 in the profile).
    pub dgts_package: Option<Coded>,
    /// Version of the DGTS codes (Extension-GenomicTestCode-Version).
    pub version: Option<f64>,
    /// 1 for a singleton test, 2 for up to a Duo, 3 for up to a Trio.
    pub max_participants: u8,
}

impl TestEntry {
    /// A test the requester adds to the list (one newer than the built-in selection, or a local
    /// one): the directory code and name, and the DGTS genomic test (`GT…`) and test package
    /// (`TP…`) codes when known (blank ones are left out). Text is trimmed; the number of people
    /// tested is kept between 1 (singleton) and 3 (Trio). Whether the codes are right is for the
    /// draft checks and the validator to say, as for any other test.
    pub fn local(code: &str, name: &str, kind: TestKind, dgts_test: &str, dgts_package: &str, people: u8) -> TestEntry {
        let name = name.trim();
        let coded = |c: &str| {
            let c = c.trim();
            (!c.is_empty()).then(|| Coded::new(sys::DGTS, c, name))
        };
        TestEntry {
            code: code.trim().to_owned(),
            name: name.to_owned(),
            kind,
            dgts_test: coded(dgts_test),
            dgts_package: coded(dgts_package),
            version: None,
            max_participants: people.clamp(1, 3),
        }
    }
}

/// The tests and pick-lists the form offers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Catalogue {
    pub tests: Vec<TestEntry>,
    /// SNOMED CT specimen types.
    pub specimen_types: Vec<Coded>,
    /// v3 RoleCode relationships of a participant to the proband.
    pub relationships: Vec<Coded>,
}

/// A built-in test: directory code, name, kind, DGTS test and package (code, display), most
/// participants. Data, not a `vec!` of constructor calls: each call was inlined into
/// `Catalogue::builtin`, several KB of Wasm for what is a table.
type Row = (
    &'static str,
    &'static str,
    TestKind,
    Option<(&'static str, &'static str)>,
    Option<(&'static str, &'static str)>,
    u8,
);

const TESTS: &[Row] = {
    use TestKind::*;
    &[
        (
            "R67.2",
            "Monogenic hearing loss",
            RareDisease,
            Some(("GT488", "Monogenic hearing loss - Panel sequencing")),
            Some(("TP439", "Monogenic hearing loss")),
            3,
        ),
        (
            "R98.2",
            "Likely inborn error of metabolism",
            RareDisease,
            Some(("GT317", "Likely inborn error of metabolism - WGS")),
            Some(("TP229", "Likely inborn error of metabolism")),
            3,
        ),
        (
            "R193.4",
            "Cystic renal disease",
            RareDisease,
            Some(("GT497", "Cystic renal disease - WGS")),
            Some(("TP171", "Cystic renal disease")),
            3,
        ),
        (
            "R21",
            "Fetal anomalies with a likely genetic cause",
            RareDisease,
            Some(("GT1133", "Common aneuploidy testing")),
            Some(("TP289", "Common aneuploidy testing - prenatal")),
            3,
        ),
        (
            "R134",
            "Familial hypercholesterolaemia",
            RareDisease,
            None,
            Some(("TP442", "Familial hypercholesterolaemia")),
            1,
        ),
        ("M3", "Breast cancer", Cancer, None, Some(("TP580", "Breast Cancer")), 1),
        (
            "M215",
            "Paediatric tumours",
            Cancer,
            Some(("GT1046", "Paediatric Tumour Differential Diagnosis - NGS Panel SNV and CNV")),
            Some(("TP550", "Paediatric Tumours")),
            1,
        ),
        (
            "M226",
            "High grade ovarian carcinoma",
            Cancer,
            Some(("GT469", "High Grade Ovarian Carcinoma WGS")),
            Some(("TP589", "Ovarian Carcinoma - Merged")),
            1,
        ),
    ]
};

const SPECIMEN_TYPES: &[(&str, &str)] = &[
    ("119297000", "Blood specimen"),
    ("445295009", "Blood specimen with EDTA"),
    ("119342007", "Saliva specimen"),
    ("258565009", "Chorionic villi specimen"),
    ("364611000000101", "Tissue resection sample"),
    ("396997002", "Specimen from bone marrow obtained by aspiration"),
    ("24851008", "Deoxyribonucleic acid"),
];

const RELATIONSHIPS: &[(&str, &str)] = &[
    ("NMTH", "natural mother"),
    ("NFTH", "natural father"),
    ("NMTHF", "natural mother of fetus"),
    ("NFTHF", "natural father of fetus"),
    ("NSIS", "natural sister"),
    ("NBRO", "natural brother"),
    ("NCHILD", "natural child"),
];

fn dgts(code: &str, display: &str) -> Option<Coded> {
    Some(Coded::new(sys::DGTS, code, display))
}

fn entry(
    code: &str,
    name: &str,
    kind: TestKind,
    test: Option<Coded>,
    package: Option<Coded>,
    max_participants: u8,
) -> TestEntry {
    TestEntry {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        dgts_test: test,
        dgts_package: package,
        version: Some(1.0),
        max_participants,
    }
}

impl Catalogue {
    /// The built-in selection (see the module documentation for what it is and is not).
    pub fn builtin() -> Catalogue {
        let tests = TESTS
            .iter()
            .map(|&(code, name, kind, test, package, max)| {
                let dgts = |c: Option<(&str, &str)>| c.and_then(|(c, d)| dgts(c, d));
                entry(code, name, kind, dgts(test), dgts(package), max)
            })
            .collect();
        let snomed = |c, d| Coded::new(sys::SNOMED, c, d);
        let role = |c, d| Coded::new(sys::V3_ROLE, c, d);
        Catalogue {
            tests,
            specimen_types: SPECIMEN_TYPES.iter().map(|&(c, d)| snomed(c, d)).collect(),
            relationships: RELATIONSHIPS.iter().map(|&(c, d)| role(c, d)).collect(),
        }
    }

    /// The entry for a directory code, if the catalogue has it.
    pub fn test(&self, code: &str) -> Option<&TestEntry> {
        let code = code.trim();
        self.tests.iter().find(|t| t.code == code)
    }

    /// The built-in selection extended with a requester's own entries (see [`TestEntry::local`]).
    pub fn builtin_with(extra: &[TestEntry]) -> Catalogue {
        let mut c = Catalogue::builtin();
        c.extend(extra.iter().cloned());
        c
    }

    /// Adds entries; an entry with a code already present replaces the old one.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = TestEntry>) {
        for e in entries {
            match self.tests.iter_mut().find(|t| t.code == e.code) {
                Some(old) => *old = e,
                None => self.tests.push(e),
            }
        }
    }
}
