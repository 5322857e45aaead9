//! The draft of a genomic test order, as the portal's form holds it.
//!
//! Every field is plain data with a default, so a half-filled form round-trips through JSON
//! (local storage, the JS API) unchanged. Text fields are `String`s where empty means "not given":
//! a form has no `null`. Field names are camelCase in JSON; a diagnostic names a field by its JSON
//! path, e.g. `participants[0].specimens[1].collected`.

use serde::{Deserialize, Serialize};

/// A code from a code system, as chosen in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Coded {
    pub system: String,
    pub code: String,
    pub display: String,
}

impl Coded {
    pub fn new(system: &str, code: &str, display: &str) -> Coded {
        Coded { system: system.to_owned(), code: code.to_owned(), display: display.to_owned() }
    }

    pub fn is_empty(&self) -> bool {
        self.code.trim().is_empty() && self.display.trim().is_empty()
    }
}

/// The whole order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Draft {
    /// The requesting system's own order number (ServiceRequest local identifier). When empty,
    /// the order's generated id is used, so the bundle still carries an identifier.
    pub local_order_id: String,
    /// The proband: the person the test is for.
    pub patient: Person,
    pub requester: Requester,
    pub test: TestChoice,
    /// Reason for testing: a code of the rare-disease or cancer testing code system, matching the
    /// test's kind (e.g. `diagnostic`, `predictive`, `prenatal-diagnosis`).
    pub reason: String,
    pub indication: Indication,
    /// The proband's specimens.
    pub specimens: Vec<SpecimenDraft>,
    /// The other people tested with the proband in a Duo or Trio.
    pub participants: Vec<Participant>,
    /// The proband's record of discussion.
    pub consent: Option<ConsentDraft>,
    /// `routine`, `urgent`, `asap` or `stat`; empty means routine.
    pub priority: String,
    /// The genomic laboratory asked to perform the test.
    pub performer: Organisation,
    /// The funding category (UKCore-FundingCategory); empty means `nhs-england`.
    pub funding: String,
    /// Free text for the lab: family history, phenotype details, anything not coded.
    pub note: String,
}

/// A person tested: the proband or a Duo/Trio participant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Person {
    /// 10 digits; spaces are allowed and removed.
    pub nhs_number: String,
    /// A hospital number, used where there is no NHS number yet (e.g. a fetus).
    pub local_id: String,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Administrative gender: `male`, `female`, `other` or `unknown`.
    pub sex: String,
    /// NHS ethnic category code (`A` … `Z`), which the Patient profile requires.
    pub ethnic_category: String,
    /// UKCore residential status (`H` UK resident, `O` overseas), which the Patient profile requires.
    pub residential_status: String,
}

/// The requesting clinician in their role at an organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Requester {
    /// Spine Directory Service user id of the clinician.
    pub sds_user_id: String,
    /// SDS role profile id of the clinician's role.
    pub sds_role_profile_id: String,
    pub name: String,
    /// ODS code of the requesting organisation.
    pub ods: String,
    pub organisation_name: String,
    pub phone: String,
    pub email: String,
}

/// The test asked for, by its National Genomic Test Directory code (`R67.2`, `M3` …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TestChoice {
    pub code: String,
}

/// The clinical picture that supports the request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Indication {
    /// Conditions; the first is the order's main reason (`ServiceRequest.reasonReference`).
    pub conditions: Vec<ConditionItem>,
    /// Observations such as phenotypes (HPO terms) present or absent.
    pub observations: Vec<ObservationItem>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConditionItem {
    pub code: Coded,
    /// R4 condition-clinical code; empty means `active`.
    pub clinical_status: String,
    /// R4 condition-ver-status code; empty means `confirmed`.
    pub verification_status: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObservationItem {
    pub code: Coded,
    /// E.g. SNOMED `52101004` Present / `2667000` Absent.
    pub value: Coded,
    /// `YYYY-MM-DD`, when observed.
    pub effective: String,
}

/// A specimen of one person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SpecimenDraft {
    /// The form's handle for the specimen, unique in the draft, so a child can name its parent.
    pub key: String,
    /// The requester's specimen number (Specimen local identifier).
    pub local_id: String,
    /// SNOMED CT specimen type.
    #[serde(rename = "type")]
    pub kind: Coded,
    /// `YYYY-MM-DD` or a date-time.
    pub collected: String,
    /// `available` or `unavailable` (not yet collected); empty means available.
    pub status: String,
    /// The `key` of the specimen this one was derived from (e.g. DNA from blood); empty if none.
    pub parent: String,
}

/// Another person in a Duo or Trio: how they relate to the proband, their own record and specimens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Participant {
    pub person: Person,
    /// v3 RoleCode relationship to the proband, e.g. `NMTH` natural mother.
    pub relationship: Coded,
    pub specimens: Vec<SpecimenDraft>,
    pub consent: Option<ConsentDraft>,
}

/// The record of discussion (NHS GMS RoD form) for one person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConsentDraft {
    /// `active` (discussion held), `proposed` (held, form to follow) or `draft` (not yet held).
    pub status: String,
    /// When the discussion took place, `YYYY-MM-DD`.
    pub date: String,
    /// Whether the person agreed to take part in research; `None` when not asked.
    pub research: Option<bool>,
}

/// An organisation by its ODS code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Organisation {
    pub ods: String,
    pub name: String,
}
