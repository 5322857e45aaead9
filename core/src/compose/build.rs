//! Turning a draft into the resources of a transaction Bundle.
//!
//! Every resource is built through [`Res`], which records, for each element it may set, the
//! draft field behind it, whether or not the field was filled in: a finding about a *missing*
//! element (`Bundle.entry[1].resource.birthDate`) then still lands on the right field.

use super::node::{decimal, int, obj, s, Node as J};

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
    obj(vec![("reference", s(url))])
}

fn arr(items: Vec<J>) -> J {
    J::Arr(items)
}

fn coding(c: &Coded) -> Option<J> {
    let mut m = obj(vec![]);
    for (k, v) in [("system", &c.system), ("code", &c.code), ("display", &c.display)] {
        if let Some(v) = given(v) {
            m.insert(k, s(v));
        }
    }
    m.get("code").is_some().then_some(m)
}

/// A CodeableConcept: the coding when there is a code, the display alone as `text` otherwise.
fn concept(c: &Coded) -> Option<J> {
    match coding(c) {
        Some(cd) => Some(obj(vec![("coding", arr(vec![cd]))])),
        None => given(&c.display).map(|t| obj(vec![("text", s(t))])),
    }
}

fn system_code(system: &str, code: &str, display: Option<&str>) -> J {
    let mut cd = obj(vec![("system", s(system)), ("code", s(code))]);
    if let Some(d) = display {
        cd.insert("display", s(d));
    }
    obj(vec![("coding", arr(vec![cd]))])
}

fn ods_ref(code: &str) -> J {
    obj(vec![("identifier", obj(vec![("system", s(sys::ODS)), ("value", s(code))]))])
}

/// An identifier with a local system and the requesting organisation as assigner.
fn local_identifier(system: &str, value: &str, assigner: Option<&str>) -> J {
    let mut id = obj(vec![("system", s(system)), ("value", s(value))]);
    if let Some(a) = assigner {
        id.insert("assigner", ods_ref(a));
    }
    id
}

/// One resource under construction, with the draft fields behind its elements.
pub(super) struct Res {
    body: J,
    section: String,
    fields: Vec<FieldRef>,
}

impl Res {
    fn new(resource_type: &str, section: impl Into<String>) -> Res {
        let body = obj(vec![("resourceType", s(resource_type))]);
        Res { body, section: section.into(), fields: Vec::new() }
    }

    /// Records that the element at `path` comes from `field`.
    fn map(&mut self, path: impl Into<String>, field: impl Into<String>) {
        self.fields.push(FieldRef { path: path.into(), field: field.into() });
    }

    /// Sets `key` when there is a value; records its field either way.
    fn set(&mut self, key: &'static str, value: Option<J>, field: impl Into<String>) {
        self.map(key, field);
        if let Some(v) = value {
            self.body.insert(key, v);
        }
    }

    /// Appends to the array `key`, recording the item's field.
    fn push(&mut self, key: &'static str, value: J, field: impl Into<String>) {
        if let Some(a) = self.body.array_at(key) {
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
        let ty = res.body.get("resourceType").cloned().unwrap_or_else(|| J::Num("null".into()));
        let request = obj(vec![("method", s("POST")), ("url", ty)]);
        self.entries.push(obj(vec![("fullUrl", s(url)), ("resource", res.body), ("request", request)]));
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
        let bundle = obj(vec![("resourceType", s("Bundle")), ("type", s("transaction")), ("entry", arr(self.entries))]);
        (bundle, self.map)
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
        obj(vec![("url", s(sys::EXT_COVERAGE)), ("valueCodeableConcept", system_code(sys::FUNDING, funding, None))]);
    r.push("extension", coverage, "funding");
    let ods = given(&d.requester.ods);
    let order_id = given(&d.local_order_id).unwrap_or_else(|| sr.trim_start_matches("urn:uuid:"));
    if !participants.is_empty() {
        let role = system_code(sys::PATIENT_ROLE, "proband", Some("Proband"));
        r.push(
            "extension",
            obj(vec![("url", s(sys::EXT_PATIENT_ROLE)), ("valueCodeableConcept", role)]),
            "participants",
        );
        let count = obj(vec![("url", s(sys::EXT_PARTICIPANT_COUNT)), ("valueInteger", int(participants.len() + 1))]);
        r.push("extension", count, "participants");
        r.set("requisition", Some(local_identifier(sys::LOCAL_ORDER, order_id, ods)), "localOrderId");
    }
    r.push("identifier", local_identifier(sys::LOCAL_ORDER, order_id, ods), "localOrderId");
    r.set("status", Some(s("active")), "order");
    r.set("intent", Some(s("order")), "order");
    let category = given(&d.reason).map(|reason| {
        let kind = test.map(|t| t.kind).unwrap_or_default();
        let display = kind.reasons().iter().find(|(c, _)| *c == reason).map(|(_, d)| *d);
        vec![system_code(kind.reason_system(), reason, display)]
    });
    r.set("category", category.map(J::Arr), "reason");
    r.set("priority", Some(s(or(&d.priority, "routine"))), "priority");
    r.set("code", test_code(d, test), "test.code");
    r.set("subject", Some(reference(&proband.patient)), "patient");
    r.set("authoredOn", given(now).map(s), "order");
    r.set("requester", Some(reference(role)), "requester");
    let performer = given(&d.performer.ods).map(|code| {
        let mut p = ods_ref(code);
        if let Some(name) = given(&d.performer.name) {
            p.insert("display", s(name));
        }
        arr(vec![p])
    });
    r.set("performer", performer, "performer.ods");
    let package = test.and_then(|t| t.dgts_package.as_ref().map(|p| versioned(p, t.version)));
    r.set("reasonCode", package.map(|p| arr(vec![obj(vec![("coding", arr(vec![p]))])])), "test.code");
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
    r.set("note", given(&d.note).map(|n| arr(vec![obj(vec![("text", s(n))])])), "note");
    r
}

fn versioned(c: &Coded, version: Option<f64>) -> J {
    let mut cd = coding(c).unwrap_or_else(|| obj(vec![]));
    if let Some(v) = version {
        cd.insert("extension", arr(vec![obj(vec![("url", s(sys::EXT_TEST_VERSION)), ("valueDecimal", decimal(v))])]));
    }
    cd
}

/// `ServiceRequest.code`: the directory entry, and the DGTS test when the catalogue has one. A
/// code the catalogue does not know is still sent as a directory code, for the validator to judge.
fn test_code(d: &Draft, test: Option<&TestEntry>) -> Option<J> {
    match test {
        Some(t) => {
            let mut codings = vec![obj(vec![("system", s(sys::NGTD)), ("code", s(&t.code)), ("display", s(&t.name))])];
            if let Some(gt) = &t.dgts_test {
                codings.push(versioned(gt, t.version));
            }
            Some(obj(vec![("coding", arr(codings)), ("text", s(&t.name))]))
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
        let concept = system_code(sys::ETHNIC, code, display);
        let ext = obj(vec![("url", s(sys::EXT_ETHNIC)), ("valueCodeableConcept", concept)]);
        r.push("extension", ext, format!("{field}.ethnicCategory"));
    }
    if let Some(code) = given(&p.residential_status) {
        let display = sys::RESIDENTIAL_STATUSES.iter().find(|(c, _)| *c == code).map(|(_, d)| *d);
        let concept = system_code(sys::RESIDENTIAL, code, display);
        let ext = obj(vec![("url", s(sys::EXT_RESIDENTIAL)), ("valueCodeableConcept", concept)]);
        r.push("extension", ext, format!("{field}.residentialStatus"));
    }
    r.map("identifier", format!("{field}.nhsNumber"));
    if let Some(n) = given(&p.nhs_number) {
        let digits: String = n.chars().filter(|c| !c.is_whitespace()).collect();
        let id = obj(vec![("system", s(sys::NHS_NUMBER)), ("value", J::Str(digits))]);
        r.push("identifier", id, format!("{field}.nhsNumber"));
    }
    if let Some(local) = given(&p.local_id) {
        r.push("identifier", local_identifier(sys::LOCAL_PATIENT, local, ods), format!("{field}.localId"));
    }
    let mut name = obj(vec![("use", s("official"))]);
    if let Some(f) = given(&p.family_name) {
        name.insert("family", s(f));
    }
    if let Some(g) = given(&p.given_name) {
        name.insert("given", arr(vec![s(g)]));
    }
    r.set("name", Some(arr(vec![name])), format!("{field}.familyName"));
    r.map("name[0].family", format!("{field}.familyName"));
    r.map("name[0].given", format!("{field}.givenName"));
    r.set("gender", given(&p.sex).map(s), format!("{field}.sex"));
    r.set("birthDate", given(&p.birth_date).map(s), format!("{field}.birthDate"));
    for (url, section) in links {
        r.push("link", obj(vec![("other", reference(url)), ("type", s("seealso"))]), section.clone());
    }
    r
}

fn practitioner_role(d: &Draft) -> Res {
    let q = &d.requester;
    let mut r = Res::new("PractitionerRole", "requester");
    r.map("identifier", "requester.sdsRoleProfileId");
    if let Some(role) = given(&q.sds_role_profile_id) {
        let id = obj(vec![("system", s(sys::SDS_ROLE)), ("value", s(role))]);
        r.push("identifier", id, "requester.sdsRoleProfileId");
    }
    let user = obj(vec![("system", s(sys::SDS_USER)), ("value", s(q.sds_user_id.trim()))]);
    let mut practitioner = obj(vec![("identifier", user)]);
    if let Some(name) = given(&q.name) {
        practitioner.insert("display", s(name));
    }
    r.set("practitioner", given(&q.sds_user_id).map(|_| practitioner), "requester.sdsUserId");
    let organisation = given(&q.ods).map(|code| {
        let mut o = ods_ref(code);
        if let Some(name) = given(&q.organisation_name) {
            o.insert("display", s(name));
        }
        o
    });
    r.set("organization", organisation, "requester.ods");
    r.map("telecom", "requester.phone");
    if let Some(phone) = given(&q.phone) {
        r.push("telecom", obj(vec![("system", s("phone")), ("value", s(phone))]), "requester.phone");
    }
    if let Some(email) = given(&q.email) {
        r.push("telecom", obj(vec![("system", s("email")), ("value", s(email))]), "requester.email");
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
    r.set("status", Some(s("final")), f.clone());
    r.set("code", concept(&o.code), format!("{f}.code"));
    r.set("subject", Some(reference(patient)), "patient");
    r.set("effectiveDateTime", given(&o.effective).map(s), format!("{f}.effective"));
    r.set("valueCodeableConcept", concept(&o.value), format!("{f}.value"));
    r
}

fn specimen(sp: &SpecimenDraft, f: &str, patient: &str, sr: &str, parent: Option<&String>, ods: Option<&str>) -> Res {
    let mut r = Res::new("Specimen", f);
    r.map("identifier", format!("{f}.localId"));
    if let Some(id) = given(&sp.local_id) {
        r.push("identifier", local_identifier(sys::LOCAL_SPECIMEN, id, ods), format!("{f}.localId"));
    }
    r.set("status", Some(s(or(&sp.status, "available"))), format!("{f}.status"));
    r.set("type", concept(&sp.kind), format!("{f}.type"));
    let person = f.rsplit_once(".specimens").map_or("patient".to_owned(), |(p, _)| format!("{p}.person"));
    r.set("subject", Some(reference(patient)), person);
    r.set("request", Some(arr(vec![reference(sr)])), "order");
    r.set("parent", parent.map(|p| arr(vec![reference(p)])), format!("{f}.parent"));
    let collection = given(&sp.collected).map(|c| obj(vec![("collectedDateTime", s(c))]));
    r.set("collection", collection, format!("{f}.collected"));
    r
}

fn consent_res(c: &ConsentDraft, f: &str, patient_field: &str, patient: &str, sr: &str) -> Res {
    let mut r = Res::new("Consent", f);
    r.set("status", given(&c.status).map(s), format!("{f}.status"));
    let scope = system_code(sys::CONSENT_SCOPE, "patient-privacy", Some("Privacy Consent"));
    r.set("scope", Some(scope), f.to_owned());
    let category = system_code(sys::V3_ACT_CODE, "RESEARCH", Some("research information access"));
    r.set("category", Some(arr(vec![category])), f.to_owned());
    r.set("patient", Some(reference(patient)), patient_field.to_owned());
    r.set("dateTime", given(&c.date).map(s), format!("{f}.date"));
    let policy = obj(vec![("authority", s(sys::ROD_AUTHORITY)), ("uri", s(sys::ROD_POLICY))]);
    r.set("policy", Some(arr(vec![policy])), f.to_owned());
    let data = obj(vec![("meaning", s("instance")), ("reference", reference(sr))]);
    let mut provision = obj(vec![("data", arr(vec![data]))]);
    if let Some(agreed) = c.research {
        let purpose =
            obj(vec![("system", s(sys::V3_ACT_REASON)), ("code", s("HRESCH")), ("display", s("health research"))]);
        let kind = if agreed { "permit" } else { "deny" };
        provision.insert("provision", arr(vec![obj(vec![("type", s(kind)), ("purpose", arr(vec![purpose]))])]));
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
        let id = obj(vec![("system", s(sys::NHS_NUMBER)), ("value", J::Str(digits))]);
        r.push("identifier", id, format!("{person}.nhsNumber"));
    } else if let Some(local) = given(&p.person.local_id) {
        let id = obj(vec![("system", s(sys::LOCAL_PATIENT)), ("value", s(local))]);
        r.push("identifier", id, format!("{person}.localId"));
    }
    r.set("patient", Some(reference(proband)), "patient");
    r.set("relationship", concept(&p.relationship).map(|c| arr(vec![c])), format!("{f}.relationship"));
    r
}
