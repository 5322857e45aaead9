//! JSON for what the portal keeps in local storage (drafts, their index, settings, criteria),
//! written by hand straight to text and read by hand with gom-core's position-keeping reader
//! (`gom_core::json::Doc`); the draft itself through gom-core's one draft reader
//! (`compose::draft_from`), the one the JS package's `composeOrder` uses. A draft is saved on
//! every keystroke, and a hand-edited 100-entry bundle makes it 100 KB: building a
//! `serde_json::Value` copy of it first and printing that took longer than validating it.
//!
//! The types also derive serde, and the stored JSON is the same as serde's (the tests check
//! byte for byte), but serde's derived readers are generic code instantiated per type and per
//! format: reading and writing these through them cost about 70 KB of the portal's Wasm
//! (November 2026, twiggy), against a few KB here.
//!
//! Reading is lenient: a missing key, a `null` or a value of the wrong type leaves the field
//! at its default, so a draft written by an older or newer portal still opens with what it has.
//! A record that is not a JSON object at all reads as absent. (A member named twice reads as its
//! first occurrence, where serde takes the last; the portal never writes one twice.)

use gom_core::compose::{
    write_json_string as string, Coded, ConditionItem, ConsentDraft, Draft, Indication, ObservationItem, Organisation,
    Participant, Person, Requester, SpecimenDraft, TestChoice, TestEntry, TestKind,
};
use gom_core::json::{Doc, Kind, Value as Node};
use gom_core::subscribe::CriteriaForm;

use super::drafts::{DraftMeta, DraftRecord, FormUi, Submission, Touched};
use super::notify::CriteriaState;
use super::settings::Settings;

/// A value the portal persists: how it is written (compact, as `serde_json::to_string` writes it).
pub trait Json {
    fn write(&self, out: &mut String);
}

/// A value the portal persists: how it is read.
pub trait FromJson: Sized {
    /// None when `v` is not of this type's JSON kind; the caller keeps its default.
    fn from_json(v: Node<'_, '_>) -> Option<Self>;
}

/// Parses stored text; None when it is not JSON or not of the type's kind.
pub fn parse<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(Doc::parse(text).ok()?.root())
}

/// Prints a value compactly, as it is stored.
pub fn print<T: Json>(value: &T) -> String {
    let mut out = String::with_capacity(256);
    value.write(&mut out);
    out
}

/// The number's text, when `v` is a number.
fn number<'a>(v: Node<'_, 'a>) -> Option<&'a str> {
    v.as_number_text()
}

impl Json for String {
    fn write(&self, out: &mut String) {
        string(out, self);
    }
}

impl FromJson for String {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        v.as_str().map(|s| s.into_owned())
    }
}

impl Json for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl FromJson for bool {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        v.as_bool()
    }
}

/// Whole non-negative numbers only (`7`, not `7.0` or `-3`), as serde's `as_u64` reads them.
impl Json for u32 {
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl FromJson for u32 {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        number(v)?.parse().ok()
    }
}

impl Json for u8 {
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl FromJson for u8 {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        number(v)?.parse().ok()
    }
}

/// As serde_json writes a double (`1.0`, `1.4`), and `null` when it is not finite.
impl Json for f64 {
    fn write(&self, out: &mut String) {
        match serde_json::Number::from_f64(*self) {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("null"),
        }
    }
}

/// Through serde_json's number reader, which the page has anyway: `str::parse::<f64>` would add
/// the standard library's own decimal-to-float code (~15 KB of Wasm) for this one field, and
/// `serde_json::from_str::<f64>` serde's error plumbing (float and `{:?}` formatting).
impl FromJson for f64 {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        number(v)?.parse::<serde_json::Number>().ok()?.as_f64()
    }
}

/// `null` for None, as serde writes it.
impl<T: Json> Json for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

/// `[a,b]`.
fn array<'a, T: Json + 'a>(out: &mut String, items: impl Iterator<Item = &'a T>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write(out);
    }
    out.push(']');
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        Some(T::from_json(v))
    }
}

/// An array; items of the wrong kind are left out.
impl<T: Json> Json for Vec<T> {
    fn write(&self, out: &mut String) {
        array(out, self.iter());
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        v.is_array().then(|| v.children().filter_map(T::from_json).collect())
    }
}

impl Json for Touched {
    fn write(&self, out: &mut String) {
        array(out, self.iter());
    }
}

impl FromJson for Touched {
    /// Inserted one by one, so the paths are sorted and unique whatever the stored order.
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        if !v.is_array() {
            return None;
        }
        Some(v.children().filter_map(String::from_json).collect())
    }
}

/// Serde's kebab-case names of the variants.
impl Json for TestKind {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            TestKind::RareDisease => "\"rare-disease\"",
            TestKind::Cancer => "\"cancer\"",
        });
    }
}

impl FromJson for TestKind {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        match v.as_str()?.as_ref() {
            "rare-disease" => Some(TestKind::RareDisease),
            "cancer" => Some(TestKind::Cancer),
            _ => None,
        }
    }
}

/// The draft, through gom-core's draft reader: what is mistyped is left at its default.
impl FromJson for Draft {
    fn from_json(v: Node<'_, '_>) -> Option<Self> {
        gom_core::compose::draft_from(v).0
    }
}

/// A JSON object of the listed fields (serde's camelCase names), written in the order listed,
/// which is the order of declaration, as serde writes a struct. Every field of the type must
/// be listed: the parity test compares with serde. `write` types are read by gom-core's draft
/// reader (as part of a [`Draft`]); the others are read here, each field with its default when
/// absent or mistyped.
macro_rules! json_object {
    (@write $t:ty { $($field:ident: $key:literal),* $(,)? }) => {
        impl Json for $t {
            fn write(&self, out: &mut String) {
                let mut sep = '{';
                $(
                    out.push(sep);
                    sep = ',';
                    out.push_str(concat!("\"", $key, "\":"));
                    self.$field.write(out);
                )*
                let _ = sep;
                out.push('}');
            }
        }
    };
    ($(write $w:ty { $($wf:ident: $wk:literal),* $(,)? })* $(read $t:ty { $($field:ident: $key:literal),* $(,)? })*) => {
        $(json_object!(@write $w { $($wf: $wk),* });)*
        $(
            json_object!(@write $t { $($field: $key),* });
            impl FromJson for $t {
                fn from_json(v: Node<'_, '_>) -> Option<Self> {
                    if v.kind() != Kind::Object {
                        return None;
                    }
                    let mut out = <$t>::default();
                    $(if let Some(x) = v.get($key).and_then(FromJson::from_json) {
                        out.$field = x;
                    })*
                    Some(out)
                }
            }
        )*
    };
}

json_object! {
    write Draft {
        local_order_id: "localOrderId", patient: "patient", requester: "requester", test: "test", reason: "reason",
        indication: "indication", specimens: "specimens", participants: "participants", consent: "consent",
        priority: "priority", performer: "performer", funding: "funding", note: "note",
    }
    write Person {
        nhs_number: "nhsNumber", local_id: "localId", given_name: "givenName", family_name: "familyName",
        birth_date: "birthDate", sex: "sex", ethnic_category: "ethnicCategory", residential_status: "residentialStatus",
    }
    write Requester {
        sds_user_id: "sdsUserId", sds_role_profile_id: "sdsRoleProfileId", name: "name", ods: "ods",
        organisation_name: "organisationName", phone: "phone", email: "email",
    }
    write TestChoice { code: "code" }
    write Indication { conditions: "conditions", observations: "observations" }
    write ConditionItem { code: "code", clinical_status: "clinicalStatus", verification_status: "verificationStatus" }
    write ObservationItem { code: "code", value: "value", effective: "effective" }
    write SpecimenDraft {
        key: "key", local_id: "localId", kind: "type", collected: "collected", status: "status", parent: "parent",
    }
    write Participant { person: "person", relationship: "relationship", specimens: "specimens", consent: "consent" }
    write ConsentDraft { status: "status", date: "date", research: "research" }
    write Organisation { ods: "ods", name: "name" }
    read Coded { system: "system", code: "code", display: "display" }
    read TestEntry {
        code: "code", name: "name", kind: "kind", dgts_test: "dgtsTest", dgts_package: "dgtsPackage",
        version: "version", max_participants: "maxParticipants",
    }
    read CriteriaForm {
        resource_type: "resourceType", statuses: "statuses", business_statuses: "businessStatuses",
        task_codes: "taskCodes", owners: "owners", requesters: "requesters", performers: "performers",
    }
    read DraftRecord {
        id: "id", created: "created", updated: "updated", form: "form", json: "json", submitted: "submitted",
        ui: "ui",
    }
    read FormUi { touched: "touched", all: "all" }
    read Submission { at: "at", base: "base", order: "order", locations: "locations" }
    read DraftMeta { id: "id", title: "title", updated: "updated", submitted: "submitted" }
    read Settings { fhir_base: "fhirBase", poll_seconds: "pollSeconds", tests: "tests" }
    read CriteriaState { form: "form", text: "text", event: "event" }
}

#[cfg(test)]
mod tests {
    //! Parity with serde: every type, filled in completely (struct literals without
    //! `..Default::default()`, so a field added to gom-core's draft fails to compile here until
    //! it is listed above), writes the same JSON as serde and reads back equal.

    use super::*;
    use serde::{de::DeserializeOwned, Serialize};

    fn coded(n: &str) -> Coded {
        Coded { system: format!("urn:sys:{n}"), code: format!("c-{n}"), display: format!("Display {n}") }
    }

    fn person(n: &str) -> Person {
        Person {
            nhs_number: format!("943 476 {n}"),
            local_id: format!("H{n}"),
            given_name: format!("Given {n}"),
            family_name: format!("Family {n}"),
            birth_date: "2019-05-01".into(),
            sex: "female".into(),
            ethnic_category: "A".into(),
            residential_status: "H".into(),
        }
    }

    fn specimen(n: &str) -> SpecimenDraft {
        SpecimenDraft {
            key: format!("s{n}"),
            local_id: format!("S-{n}"),
            kind: coded(n),
            collected: "2026-02-01".into(),
            status: "available".into(),
            parent: "s0".into(),
        }
    }

    fn consent(research: Option<bool>) -> Option<ConsentDraft> {
        Some(ConsentDraft { status: "active".into(), date: "2026-02-17".into(), research })
    }

    fn full_draft() -> Draft {
        Draft {
            local_order_id: "ORD-1".into(),
            patient: person("1"),
            requester: Requester {
                sds_user_id: "u1".into(),
                sds_role_profile_id: "r1".into(),
                name: "Dr \"Quote\" \\ Back".into(),
                ods: "RXA".into(),
                organisation_name: "Trust".into(),
                phone: "0100".into(),
                email: "a@b.example".into(),
            },
            test: TestChoice { code: "R67.2".into() },
            reason: "diagnostic".into(),
            indication: Indication {
                conditions: vec![ConditionItem {
                    code: coded("cond"),
                    clinical_status: "active".into(),
                    verification_status: "confirmed".into(),
                }],
                observations: vec![ObservationItem {
                    code: coded("obs"),
                    value: coded("val"),
                    effective: "2026-01-01".into(),
                }],
            },
            specimens: vec![specimen("1"), specimen("2")],
            participants: vec![Participant {
                person: person("2"),
                relationship: coded("NMTH"),
                specimens: vec![specimen("3")],
                consent: consent(None),
            }],
            consent: consent(Some(true)),
            priority: "urgent".into(),
            performer: Organisation { ods: "699X0".into(), name: "Lab — ünïcode".into() },
            funding: "nhs-england".into(),
            note: "line one\nline two\t<b>&</b>".into(),
        }
    }

    fn same_as_serde<T: Json + FromJson + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
        assert_eq!(print(value), serde_json::to_string(value).unwrap_or_default(), "written as serde writes it");
        let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
        assert_eq!(parse::<T>(&pretty).as_ref(), Some(value), "read back from serde's JSON");
        let text = serde_json::to_string(value).unwrap_or_default();
        assert_eq!(parse::<T>(&print(value)).as_ref(), Some(value), "round trip");
        assert_eq!(serde_json::from_str::<T>(&print(value)).ok().as_ref(), Some(value), "serde reads ours");
        assert_eq!(parse::<T>(&text).as_ref(), Some(value), "we read serde's text");
    }

    #[test]
    fn drafts_match_serde() {
        same_as_serde(&full_draft());
        same_as_serde(&Draft::default());
        same_as_serde(&DraftRecord {
            id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301".into(),
            created: "2026-03-01T10:00:00.000Z".into(),
            updated: "2026-03-01T10:05:00.000Z".into(),
            form: full_draft(),
            json: Some("{\"resourceType\":".into()),
            submitted: Some(Submission {
                at: "2026-03-01T11:00:00.000Z".into(),
                base: "/FHIR/R4".into(),
                order: Some("ServiceRequest/1".into()),
                locations: vec!["ServiceRequest/1/_history/1".into()],
            }),
            ui: FormUi { touched: ["patient.nhsNumber".to_owned(), "reason".to_owned()].into(), all: true },
        });
        same_as_serde(&DraftRecord::default());
        same_as_serde(&vec![DraftMeta { id: "x".into(), title: "T".into(), updated: "u".into(), submitted: true }]);
    }

    #[test]
    fn settings_and_criteria_match_serde() {
        same_as_serde(&Settings {
            fhir_base: "https://goms.example/FHIR/R4".into(),
            poll_seconds: 7,
            tests: vec![TestEntry {
                code: "R999".into(),
                name: "Local test".into(),
                kind: TestKind::Cancer,
                dgts_test: Some(coded("GT")),
                dgts_package: None,
                version: Some(1.4),
                max_participants: 3,
            }],
        });
        same_as_serde(&Settings::default());
        same_as_serde(&CriteriaState {
            form: CriteriaForm {
                resource_type: "Task".into(),
                statuses: vec!["ready".into()],
                business_statuses: vec!["b".into()],
                task_codes: vec!["t".into()],
                owners: vec!["o".into()],
                requesters: vec!["r".into()],
                performers: vec!["p".into()],
            },
            text: "eventType='x'".into(),
            event: "{}".into(),
        });
    }

    #[test]
    fn reading_is_lenient_and_not_objects_are_absent() {
        for text in ["", "not json", "[1,2]", "\"text\"", "null"] {
            assert_eq!(parse::<DraftRecord>(text), None, "{text:?}");
        }
        let r: Option<DraftRecord> = parse(
            r#"{"id": 5, "form": {"patient": {"givenName": "Ann", "sex": null}, "specimens": [{"key": "s1"}, 3]}}"#,
        );
        let r = r.unwrap_or_default();
        assert_eq!(r.id, "");
        assert_eq!(r.form.patient.given_name, "Ann");
        assert_eq!(r.form.specimens.len(), 1);
        assert_eq!(r.form.specimens.first().map(|s| s.key.as_str()), Some("s1"));
        let s: Option<Settings> = parse(r#"{"pollSeconds": -3}"#);
        assert_eq!(s.map(|s| (s.poll_seconds, s.fhir_base)), Some((5, "/FHIR/R4".to_owned())));
    }
}
