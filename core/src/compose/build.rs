//! Turning a draft into the resources of a transaction Bundle.
//!
//! Every resource is built through [`Res`], which records, for each element it may set, the
//! draft field behind it, whether or not the field was filled in: a finding about a *missing*
//! element (`Bundle.entry[1].resource.birthDate`) then still lands on the right field.

use serde_json::{json, Map, Value as J};

use super::catalogue::{Catalogue, TestEntry};
use super::draft::{Coded, ConsentDraft, Draft, Person, SpecimenDraft};
use super::fieldmap::{EntryFields, FieldMap, FieldRef};
use super::systems as sys;
use super::IdGen;

/// The trimmed text, or `None` when it is empty.
fn given(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

fn or<'a>(s: &'a str, default: &'a str) -> &'a str {
    given(s).unwrap_or(default)
}

fn reference(url: &str) -> J {
    json!({ "reference": url })
}

fn coding(c: &Coded) -> Option<J> {
    let mut m = Map::new();
    for (k, v) in [("system", &c.system), ("code", &c.code), ("display", &c.display)] {
        if let Some(v) = given(v) {
            m.insert(k.into(), json!(v));
        }
    }
    (m.contains_key("code")).then_some(J::Object(m))
}

/// A CodeableConcept: the coding when there is a code, the display alone as `text` otherwise.
fn concept(c: &Coded) -> Option<J> {
    match coding(c) {
        Some(cd) => Some(json!({ "coding": [cd] })),
        None => given(&c.display).map(|t| json!({ "text": t })),
    }
}

fn system_code(system: &str, code: &str, display: Option<&str>) -> J {
    let mut cd = json!({ "system": system, "code": code });
    if let (Some(d), Some(o)) = (display, cd.as_object_mut()) {
        o.insert("display".into(), json!(d));
    }
    json!({ "coding": [cd] })
}

fn ods_ref(code: &str) -> J {
    json!({ "identifier": { "system": sys::ODS, "value": code } })
}

/// An identifier with a local system and the requesting organisation as assigner.
fn local_identifier(system: &str, value: &str, assigner: Option<&str>) -> J {
    let mut id = json!({ "system": system, "value": value });
    if let (Some(a), Some(o)) = (assigner, id.as_object_mut()) {
        o.insert("assigner".into(), ods_ref(a));
    }
    id
}

/// One resource under construction, with the draft fields behind its elements.
pub(super) struct Res {
    body: Map<String, J>,
    section: String,
    fields: Vec<FieldRef>,
}

impl Res {
    fn new(resource_type: &str, section: impl Into<String>) -> Res {
        let mut body = Map::new();
        body.insert("resourceType".into(), json!(resource_type));
        Res { body, section: section.into(), fields: Vec::new() }
    }

    /// Records that the element at `path` comes from `field`.
    fn map(&mut self, path: impl Into<String>, field: impl Into<String>) {
        self.fields.push(FieldRef { path: path.into(), field: field.into() });
    }

    /// Sets `key` when there is a value; records its field either way.
    fn set(&mut self, key: &str, value: Option<J>, field: impl Into<String>) {
        self.map(key, field);
        if let Some(v) = value {
            self.body.insert(key.into(), v);
        }
    }

    /// Appends to the array `key`, recording the item's field.
    fn push(&mut self, key: &str, value: J, field: impl Into<String>) {
        let items = self.body.entry(key.to_owned()).or_insert_with(|| J::Array(Vec::new()));
        if let J::Array(a) = items {
            let path = format!("{key}[{}]", a.len());
            a.push(value);
            self.fields.push(FieldRef { path, field: field.into() });
        }
    }
}

/// The fullUrls of one person's resources, allocated before any is built (they refer to each other).
struct PersonUrls {
    patient: String,
    specimens: Vec<String>,
    consent: Option<String>,
}

pub(super) struct Builder<'a> {
    catalogue: &'a Catalogue,
    ids: &'a mut dyn IdGen,
    entries: Vec<J>,
    map: FieldMap,
}

impl<'a> Builder<'a> {
    pub fn new(catalogue: &'a Catalogue, ids: &'a mut dyn IdGen) -> Builder<'a> {
        Builder { catalogue, ids, entries: Vec::new(), map: FieldMap::default() }
    }

    fn url(&mut self) -> String {
        format!("urn:uuid:{}", self.ids.next_id())
    }

    fn person_urls(&mut self, specimens: &[SpecimenDraft], consent: Option<&ConsentDraft>) -> PersonUrls {
        let patient = self.url();
        let specimens = specimens.iter().map(|_| self.url()).collect();
        let consent = consent.map(|_| self.url());
        PersonUrls { patient, specimens, consent }
    }

    fn add(&mut self, url: &str, res: Res) {
        let ty = res.body.get("resourceType").cloned().unwrap_or(J::Null);
        // Built by hand: `json!` would copy the whole resource through its serializer.
        let mut entry = Map::new();
        entry.insert("fullUrl".into(), json!(url));
        entry.insert("resource".into(), J::Object(res.body));
        entry.insert("request".into(), json!({ "method": "POST", "url": ty }));
        self.entries.push(J::Object(entry));
        self.map.entries.push(EntryFields { section: res.section, fields: res.fields });
    }

    /// Builds the whole transaction: the ServiceRequest first, then the proband's resources, then
    /// each participant's.
    pub fn compose(mut self, d: &Draft, now: &str) -> (J, FieldMap) {
        let sr = self.url();
        let role = self.url();
        let conditions: Vec<String> = d.indication.conditions.iter().map(|_| self.url()).collect();
        let observations: Vec<String> = d.indication.observations.iter().map(|_| self.url()).collect();
        let proband = self.person_urls(&d.specimens, d.consent.as_ref());
        let mut participants = Vec::new();
        for p in &d.participants {
            let related = self.url();
            participants.push((related, self.person_urls(&p.specimens, p.consent.as_ref())));
        }
        let test = self.catalogue.test(&d.test.code);
        let ods = given(&d.requester.ods);

        let sr_res = service_request(d, test, now, &sr, &role, &conditions, &observations, &proband, &participants);
        self.add(&sr, sr_res);
        self.add(&proband.patient, patient(&d.patient, "patient", ods, &[]));
        self.add(&role, practitioner_role(d));
        for (i, (c, url)) in d.indication.conditions.iter().zip(&conditions).enumerate() {
            self.add(url, condition(c, i, &proband.patient));
        }
        for (i, (o, url)) in d.indication.observations.iter().zip(&observations).enumerate() {
            self.add(url, observation(o, i, &proband.patient));
        }
        self.person_resources("", &d.specimens, d.consent.as_ref(), &proband, &sr, ods);
        for (i, (p, (related, urls))) in d.participants.iter().zip(&participants).enumerate() {
            let prefix = format!("participants[{i}]");
            self.add(related, related_person(p, &prefix, &proband.patient));
            let person = format!("{prefix}.person");
            self.add(&urls.patient, patient(&p.person, &person, ods, &[(related.clone(), prefix.clone())]));
            self.person_resources(&format!("{prefix}."), &p.specimens, p.consent.as_ref(), urls, &sr, ods);
        }
        let mut bundle = Map::new();
        bundle.insert("resourceType".into(), json!("Bundle"));
        bundle.insert("type".into(), json!("transaction"));
        bundle.insert("entry".into(), J::Array(self.entries));
        (J::Object(bundle), self.map)
    }

    /// A person's specimens and consent; `prefix` is `` for the proband, `participants[i].` else.
    fn person_resources(
        &mut self,
        prefix: &str,
        specimens: &[SpecimenDraft],
        consent: Option<&ConsentDraft>,
        urls: &PersonUrls,
        sr: &str,
        ods: Option<&str>,
    ) {
        for (j, (s, url)) in specimens.iter().zip(&urls.specimens).enumerate() {
            let parent = given(&s.parent)
                .and_then(|key| specimens.iter().position(|o| o.key.trim() == key))
                .filter(|&k| k != j)
                .and_then(|k| urls.specimens.get(k));
            let res = specimen(s, &format!("{prefix}specimens[{j}]"), &urls.patient, sr, parent, ods);
            self.add(url, res);
        }
        if let (Some(c), Some(url)) = (consent, &urls.consent) {
            let section = if prefix.is_empty() { "consent".to_owned() } else { format!("{prefix}consent") };
            let patient_field = if prefix.is_empty() { "patient".to_owned() } else { format!("{prefix}person") };
            self.add(url, consent_res(c, &section, &patient_field, &urls.patient, sr));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn service_request(
    d: &Draft,
    test: Option<&TestEntry>,
    now: &str,
    sr: &str,
    role: &str,
    conditions: &[String],
    observations: &[String],
    proband: &PersonUrls,
    participants: &[(String, PersonUrls)],
) -> Res {
    let mut r = Res::new("ServiceRequest", "order");
    let funding = or(&d.funding, "nhs-england");
    let coverage =
        json!({ "url": sys::EXT_COVERAGE, "valueCodeableConcept": system_code(sys::FUNDING, funding, None) });
    r.push("extension", coverage, "funding");
    let ods = given(&d.requester.ods);
    let order_id = given(&d.local_order_id).unwrap_or_else(|| sr.trim_start_matches("urn:uuid:"));
    if !participants.is_empty() {
        let role = system_code(sys::PATIENT_ROLE, "proband", Some("Proband"));
        r.push("extension", json!({ "url": sys::EXT_PATIENT_ROLE, "valueCodeableConcept": role }), "participants");
        let count = json!({ "url": sys::EXT_PARTICIPANT_COUNT, "valueInteger": participants.len() + 1 });
        r.push("extension", count, "participants");
        r.set("requisition", Some(local_identifier(sys::LOCAL_ORDER, order_id, ods)), "localOrderId");
    }
    r.push("identifier", local_identifier(sys::LOCAL_ORDER, order_id, ods), "localOrderId");
    r.set("status", Some(json!("active")), "order");
    r.set("intent", Some(json!("order")), "order");
    let category = given(&d.reason).map(|reason| {
        let kind = test.map(|t| t.kind).unwrap_or_default();
        let display = kind.reasons().iter().find(|(c, _)| *c == reason).map(|(_, d)| *d);
        vec![system_code(kind.reason_system(), reason, display)]
    });
    r.set("category", category.map(J::Array), "reason");
    r.set("priority", Some(json!(or(&d.priority, "routine"))), "priority");
    r.set("code", test_code(d, test), "test.code");
    r.set("subject", Some(reference(&proband.patient)), "patient");
    r.set("authoredOn", given(now).map(|n| json!(n)), "order");
    r.set("requester", Some(reference(role)), "requester");
    let performer = given(&d.performer.ods).map(|code| {
        let mut p = ods_ref(code);
        if let (Some(name), Some(o)) = (given(&d.performer.name), p.as_object_mut()) {
            o.insert("display".into(), json!(name));
        }
        json!([p])
    });
    r.set("performer", performer, "performer.ods");
    let package = test.and_then(|t| t.dgts_package.as_ref().map(|p| versioned(p, t.version)));
    r.set("reasonCode", package.map(|p| json!([{ "coding": [p] }])), "test.code");
    if let Some(first) = conditions.first() {
        r.push("reasonReference", reference(first), "indication.conditions[0]");
    }
    for (i, url) in conditions.iter().enumerate().skip(1) {
        r.push("supportingInfo", reference(url), format!("indication.conditions[{i}]"));
    }
    for (i, url) in observations.iter().enumerate() {
        r.push("supportingInfo", reference(url), format!("indication.observations[{i}]"));
    }
    if let Some(url) = &proband.consent {
        r.push("supportingInfo", reference(url), "consent");
    }
    for (i, (related, urls)) in participants.iter().enumerate() {
        r.push("supportingInfo", reference(related), format!("participants[{i}]"));
        if let Some(url) = &urls.consent {
            r.push("supportingInfo", reference(url), format!("participants[{i}].consent"));
        }
    }
    r.map("specimen", "specimens");
    for (j, url) in proband.specimens.iter().enumerate() {
        r.push("specimen", reference(url), format!("specimens[{j}]"));
    }
    for (i, (_, urls)) in participants.iter().enumerate() {
        for (j, url) in urls.specimens.iter().enumerate() {
            r.push("specimen", reference(url), format!("participants[{i}].specimens[{j}]"));
        }
    }
    r.set("note", given(&d.note).map(|n| json!([{ "text": n }])), "note");
    r
}

fn versioned(c: &Coded, version: Option<f64>) -> J {
    let mut cd = coding(c).unwrap_or_else(|| json!({}));
    if let (Some(v), Some(o)) = (version, cd.as_object_mut()) {
        o.insert("extension".into(), json!([{ "url": sys::EXT_TEST_VERSION, "valueDecimal": v }]));
    }
    cd
}

/// `ServiceRequest.code`: the directory entry, and the DGTS test when the catalogue has one. A
/// code the catalogue does not know is still sent as a directory code, for the validator to judge.
fn test_code(d: &Draft, test: Option<&TestEntry>) -> Option<J> {
    match test {
        Some(t) => {
            let mut codings = vec![json!({ "system": sys::NGTD, "code": t.code, "display": t.name })];
            if let Some(gt) = &t.dgts_test {
                codings.push(versioned(gt, t.version));
            }
            Some(json!({ "coding": codings, "text": t.name }))
        }
        None => given(&d.test.code).map(|c| system_code(sys::NGTD, c, None)),
    }
}

/// A Patient; `field` is `patient` or `participants[i].person`. A participant's Patient links to
/// the RelatedPerson that is the same person (`Patient.link`, `seealso`): the GraphDefinition's
/// reverse link from RelatedPerson to Patient, which keeps the Patient reachable from the order
/// even before any of their specimens is listed.
fn patient(p: &Person, field: &str, ods: Option<&str>, links: &[(String, String)]) -> Res {
    let mut r = Res::new("Patient", field);
    r.map("extension", format!("{field}.ethnicCategory"));
    if let Some(code) = given(&p.ethnic_category) {
        let display = sys::ETHNIC_CATEGORIES.iter().find(|(c, _)| *c == code).map(|(_, d)| *d);
        let ext = json!({ "url": sys::EXT_ETHNIC, "valueCodeableConcept": system_code(sys::ETHNIC, code, display) });
        r.push("extension", ext, format!("{field}.ethnicCategory"));
    }
    if let Some(code) = given(&p.residential_status) {
        let display = sys::RESIDENTIAL_STATUSES.iter().find(|(c, _)| *c == code).map(|(_, d)| *d);
        let concept = system_code(sys::RESIDENTIAL, code, display);
        let ext = json!({ "url": sys::EXT_RESIDENTIAL, "valueCodeableConcept": concept });
        r.push("extension", ext, format!("{field}.residentialStatus"));
    }
    r.map("identifier", format!("{field}.nhsNumber"));
    if let Some(n) = given(&p.nhs_number) {
        let digits: String = n.chars().filter(|c| !c.is_whitespace()).collect();
        r.push("identifier", json!({ "system": sys::NHS_NUMBER, "value": digits }), format!("{field}.nhsNumber"));
    }
    if let Some(local) = given(&p.local_id) {
        r.push("identifier", local_identifier(sys::LOCAL_PATIENT, local, ods), format!("{field}.localId"));
    }
    let mut name = Map::new();
    name.insert("use".into(), json!("official"));
    if let Some(f) = given(&p.family_name) {
        name.insert("family".into(), json!(f));
    }
    if let Some(g) = given(&p.given_name) {
        name.insert("given".into(), json!([g]));
    }
    r.set("name", Some(json!([name])), format!("{field}.familyName"));
    r.map("name[0].family", format!("{field}.familyName"));
    r.map("name[0].given", format!("{field}.givenName"));
    r.set("gender", given(&p.sex).map(|s| json!(s)), format!("{field}.sex"));
    r.set("birthDate", given(&p.birth_date).map(|b| json!(b)), format!("{field}.birthDate"));
    for (url, section) in links {
        r.push("link", json!({ "other": reference(url), "type": "seealso" }), section.clone());
    }
    r
}

fn practitioner_role(d: &Draft) -> Res {
    let q = &d.requester;
    let mut r = Res::new("PractitionerRole", "requester");
    r.map("identifier", "requester.sdsRoleProfileId");
    if let Some(role) = given(&q.sds_role_profile_id) {
        r.push("identifier", json!({ "system": sys::SDS_ROLE, "value": role }), "requester.sdsRoleProfileId");
    }
    let mut practitioner = json!({ "identifier": { "system": sys::SDS_USER, "value": q.sds_user_id.trim() } });
    if let (Some(name), Some(o)) = (given(&q.name), practitioner.as_object_mut()) {
        o.insert("display".into(), json!(name));
    }
    r.set("practitioner", given(&q.sds_user_id).map(|_| practitioner), "requester.sdsUserId");
    let organisation = given(&q.ods).map(|code| {
        let mut o = ods_ref(code);
        if let (Some(name), Some(m)) = (given(&q.organisation_name), o.as_object_mut()) {
            m.insert("display".into(), json!(name));
        }
        o
    });
    r.set("organization", organisation, "requester.ods");
    r.map("telecom", "requester.phone");
    if let Some(phone) = given(&q.phone) {
        r.push("telecom", json!({ "system": "phone", "value": phone }), "requester.phone");
    }
    if let Some(email) = given(&q.email) {
        r.push("telecom", json!({ "system": "email", "value": email }), "requester.email");
    }
    r
}

fn condition(c: &super::draft::ConditionItem, i: usize, patient: &str) -> Res {
    let f = format!("indication.conditions[{i}]");
    let mut r = Res::new("Condition", f.clone());
    let clinical = system_code(sys::CONDITION_CLINICAL, or(&c.clinical_status, "active"), None);
    r.set("clinicalStatus", Some(clinical), format!("{f}.clinicalStatus"));
    let verification = system_code(sys::CONDITION_VERIFICATION, or(&c.verification_status, "confirmed"), None);
    r.set("verificationStatus", Some(verification), format!("{f}.verificationStatus"));
    r.set("code", concept(&c.code), format!("{f}.code"));
    r.set("subject", Some(reference(patient)), "patient");
    r
}

fn observation(o: &super::draft::ObservationItem, i: usize, patient: &str) -> Res {
    let f = format!("indication.observations[{i}]");
    let mut r = Res::new("Observation", f.clone());
    r.set("status", Some(json!("final")), f.clone());
    r.set("code", concept(&o.code), format!("{f}.code"));
    r.set("subject", Some(reference(patient)), "patient");
    r.set("effectiveDateTime", given(&o.effective).map(|e| json!(e)), format!("{f}.effective"));
    r.set("valueCodeableConcept", concept(&o.value), format!("{f}.value"));
    r
}

fn specimen(s: &SpecimenDraft, f: &str, patient: &str, sr: &str, parent: Option<&String>, ods: Option<&str>) -> Res {
    let mut r = Res::new("Specimen", f);
    r.map("identifier", format!("{f}.localId"));
    if let Some(id) = given(&s.local_id) {
        r.push("identifier", local_identifier(sys::LOCAL_SPECIMEN, id, ods), format!("{f}.localId"));
    }
    r.set("status", Some(json!(or(&s.status, "available"))), format!("{f}.status"));
    r.set("type", concept(&s.kind), format!("{f}.type"));
    let person = f.rsplit_once(".specimens").map_or("patient".to_owned(), |(p, _)| format!("{p}.person"));
    r.set("subject", Some(reference(patient)), person);
    r.set("request", Some(json!([reference(sr)])), "order");
    r.set("parent", parent.map(|p| json!([reference(p)])), format!("{f}.parent"));
    let collection = given(&s.collected).map(|c| json!({ "collectedDateTime": c }));
    r.set("collection", collection, format!("{f}.collected"));
    r
}

fn consent_res(c: &ConsentDraft, f: &str, patient_field: &str, patient: &str, sr: &str) -> Res {
    let mut r = Res::new("Consent", f);
    r.set("status", given(&c.status).map(|s| json!(s)), format!("{f}.status"));
    let scope = system_code(sys::CONSENT_SCOPE, "patient-privacy", Some("Privacy Consent"));
    r.set("scope", Some(scope), f.to_owned());
    let category = system_code(sys::V3_ACT_CODE, "RESEARCH", Some("research information access"));
    r.set("category", Some(json!([category])), f.to_owned());
    r.set("patient", Some(reference(patient)), patient_field.to_owned());
    r.set("dateTime", given(&c.date).map(|d| json!(d)), format!("{f}.date"));
    r.set("policy", Some(json!([{ "authority": sys::ROD_AUTHORITY, "uri": sys::ROD_POLICY }])), f.to_owned());
    let mut provision = json!({ "data": [{ "meaning": "instance", "reference": reference(sr) }] });
    if let (Some(agreed), Some(o)) = (c.research, provision.as_object_mut()) {
        let purpose = json!([{ "system": sys::V3_ACT_REASON, "code": "HRESCH", "display": "health research" }]);
        let kind = if agreed { "permit" } else { "deny" };
        o.insert("provision".into(), json!([{ "type": kind, "purpose": purpose }]));
    }
    r.set("provision", Some(provision), f.to_owned());
    r.map("provision.provision", format!("{f}.research"));
    r
}

fn related_person(p: &super::draft::Participant, f: &str, proband: &str) -> Res {
    let mut r = Res::new("RelatedPerson", f);
    let person = format!("{f}.person");
    r.map("identifier", format!("{person}.nhsNumber"));
    if let Some(n) = given(&p.person.nhs_number) {
        let digits: String = n.chars().filter(|c| !c.is_whitespace()).collect();
        r.push("identifier", json!({ "system": sys::NHS_NUMBER, "value": digits }), format!("{person}.nhsNumber"));
    } else if let Some(local) = given(&p.person.local_id) {
        r.push("identifier", json!({ "system": sys::LOCAL_PATIENT, "value": local }), format!("{person}.localId"));
    }
    r.set("patient", Some(reference(proband)), "patient");
    r.set("relationship", concept(&p.relationship).map(|c| json!([c])), format!("{f}.relationship"));
    r
}
