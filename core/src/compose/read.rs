//! Reading a draft order from JSON, by hand with the position-keeping reader: the one reader for
//! both the JS package (`composeOrder`, `checkDraft`: strict, [`read_draft`]) and the portal's
//! drafts in local storage (lenient, [`draft_from`]).
//!
//! serde's derived reader for the draft's dozen structs cost about 50 KB of Wasm; this one is a
//! few KB, and it reports every mistyped field at once, each with the draft path a form can show
//! it beside, where serde stops at the first. Absent and `null` fields are "not given", as on a
//! form; unknown members are ignored, as serde ignores them. A field of the wrong type is left at
//! its default (an array item of the wrong type is left out) and reported: strict callers turn the
//! findings into errors, the portal opens what it can of a draft written by an older portal.

use super::{
    Coded, ConditionItem, ConsentDraft, Draft, Indication, ObservationItem, Organisation, Participant, Person,
    Requester, SpecimenDraft, TestChoice,
};
use crate::diag::{Diagnostic, Report};
use crate::json::{Doc, Limits, ParseErrorKind, Value};
use crate::rules::json as rj;

type V<'d, 'a> = Value<'d, 'a>;

/// The draft in `src`, or the findings that stop it being read (located in `src`, each with
/// the draft path as its expression).
pub fn read_draft(src: &str) -> Result<Draft, Report> {
    let mut errs = Vec::new();
    let draft = match Doc::parse_with(src, Limits::default()) {
        Err(e) => {
            let end = if matches!(e.kind, ParseErrorKind::TooLarge { .. }) { 0 } else { e.offset + 1 };
            let msg = format!("The draft cannot be read: {e}");
            errs.push(Diagnostic::new(rj::SYNTAX, msg).at_span(e.offset, end.min(src.len())));
            None
        }
        Ok(doc) => {
            let (draft, found) = draft_from(doc.root());
            errs = found;
            draft
        }
    };
    match draft {
        Some(d) if errs.is_empty() => Ok(d),
        _ => {
            let mut report = Report::new(errs);
            report.locate(src);
            report.sort();
            Err(report)
        }
    }
}

/// The draft in `v`, as much of it as has the right types, and a finding (with the draft path as
/// its expression) for each member that has not. `None` when `v` is not an object.
pub fn draft_from(v: V<'_, '_>) -> (Option<Draft>, Vec<Diagnostic>) {
    let mut errs = Vec::new();
    let mut r = Reader { errs: &mut errs };
    let draft = if v.is_object() {
        Some(r.draft(v))
    } else {
        r.wrong(v, "", "a JSON object");
        None
    };
    (draft, errs)
}

struct Reader<'e> {
    errs: &'e mut Vec<Diagnostic>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

impl Reader<'_> {
    fn wrong(&mut self, v: V<'_, '_>, path: &str, want: &str) {
        let shown = if path.is_empty() { "The draft".to_owned() } else { format!("`{path}`") };
        let msg = format!("{shown} must be {want}, not {}", v.kind().article_name());
        self.errs.push(Diagnostic::new(rj::SYNTAX, msg).at(v).with_expression(path));
    }

    /// The member `name` of `o`, unless absent or null.
    fn member<'d, 'a>(o: V<'d, 'a>, name: &str) -> Option<V<'d, 'a>> {
        o.get(name).filter(|v| !v.is_null())
    }

    fn text(&mut self, o: V<'_, '_>, name: &str, path: &str) -> String {
        match Self::member(o, name) {
            None => String::new(),
            Some(v) => match v.as_str() {
                Some(s) => s.into_owned(),
                None => {
                    self.wrong(v, &join(path, name), "a string");
                    String::new()
                }
            },
        }
    }

    fn object<'d, 'a>(&mut self, o: V<'d, 'a>, name: &str, path: &str) -> Option<V<'d, 'a>> {
        let v = Self::member(o, name)?;
        if v.is_object() {
            Some(v)
        } else {
            self.wrong(v, &join(path, name), "an object");
            None
        }
    }

    /// The items of the array `name`, each with its path (`specimens[1]`).
    fn items<'d, 'a>(&mut self, o: V<'d, 'a>, name: &str, path: &str) -> Vec<(String, V<'d, 'a>)> {
        let Some(v) = Self::member(o, name) else { return Vec::new() };
        let p = join(path, name);
        if !v.is_array() {
            self.wrong(v, &p, "an array");
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, item) in v.children().enumerate() {
            let ip = format!("{p}[{i}]");
            if item.is_object() {
                out.push((ip, item));
            } else {
                self.wrong(item, &ip, "an object");
            }
        }
        out
    }

    fn coded(&mut self, o: V<'_, '_>, name: &str, path: &str) -> Coded {
        let p = join(path, name);
        match self.object(o, name, path) {
            None => Coded::default(),
            Some(c) => Coded {
                system: self.text(c, "system", &p),
                code: self.text(c, "code", &p),
                display: self.text(c, "display", &p),
            },
        }
    }

    fn person(&mut self, o: V<'_, '_>, name: &str, path: &str) -> Person {
        let p = join(path, name);
        let Some(o) = self.object(o, name, path) else { return Person::default() };
        Person {
            nhs_number: self.text(o, "nhsNumber", &p),
            local_id: self.text(o, "localId", &p),
            given_name: self.text(o, "givenName", &p),
            family_name: self.text(o, "familyName", &p),
            birth_date: self.text(o, "birthDate", &p),
            sex: self.text(o, "sex", &p),
            ethnic_category: self.text(o, "ethnicCategory", &p),
            residential_status: self.text(o, "residentialStatus", &p),
        }
    }

    fn specimens(&mut self, o: V<'_, '_>, name: &str, path: &str) -> Vec<SpecimenDraft> {
        let items = self.items(o, name, path);
        items
            .into_iter()
            .map(|(p, s)| SpecimenDraft {
                key: self.text(s, "key", &p),
                local_id: self.text(s, "localId", &p),
                kind: self.coded(s, "type", &p),
                collected: self.text(s, "collected", &p),
                status: self.text(s, "status", &p),
                parent: self.text(s, "parent", &p),
            })
            .collect()
    }

    fn consent(&mut self, o: V<'_, '_>, name: &str, path: &str) -> Option<ConsentDraft> {
        let p = join(path, name);
        let c = self.object(o, name, path)?;
        let research = match Self::member(c, "research") {
            None => None,
            Some(v) => match v.as_bool() {
                Some(b) => Some(b),
                None => {
                    self.wrong(v, &join(&p, "research"), "true or false");
                    None
                }
            },
        };
        Some(ConsentDraft { status: self.text(c, "status", &p), date: self.text(c, "date", &p), research })
    }

    fn draft(&mut self, d: V<'_, '_>) -> Draft {
        let requester = match self.object(d, "requester", "") {
            None => Requester::default(),
            Some(r) => Requester {
                sds_user_id: self.text(r, "sdsUserId", "requester"),
                sds_role_profile_id: self.text(r, "sdsRoleProfileId", "requester"),
                name: self.text(r, "name", "requester"),
                ods: self.text(r, "ods", "requester"),
                organisation_name: self.text(r, "organisationName", "requester"),
                phone: self.text(r, "phone", "requester"),
                email: self.text(r, "email", "requester"),
            },
        };
        let test = match self.object(d, "test", "") {
            None => TestChoice::default(),
            Some(t) => TestChoice { code: self.text(t, "code", "test") },
        };
        let mut indication = Indication::default();
        if let Some(ind) = self.object(d, "indication", "") {
            for (p, c) in self.items(ind, "conditions", "indication") {
                indication.conditions.push(ConditionItem {
                    code: self.coded(c, "code", &p),
                    clinical_status: self.text(c, "clinicalStatus", &p),
                    verification_status: self.text(c, "verificationStatus", &p),
                });
            }
            for (p, c) in self.items(ind, "observations", "indication") {
                indication.observations.push(ObservationItem {
                    code: self.coded(c, "code", &p),
                    value: self.coded(c, "value", &p),
                    effective: self.text(c, "effective", &p),
                });
            }
        }
        let participants = self
            .items(d, "participants", "")
            .into_iter()
            .map(|(p, x)| Participant {
                person: self.person(x, "person", &p),
                relationship: self.coded(x, "relationship", &p),
                specimens: self.specimens(x, "specimens", &p),
                consent: self.consent(x, "consent", &p),
            })
            .collect();
        let performer = match self.object(d, "performer", "") {
            None => Organisation::default(),
            Some(o) => Organisation { ods: self.text(o, "ods", "performer"), name: self.text(o, "name", "performer") },
        };
        Draft {
            local_order_id: self.text(d, "localOrderId", ""),
            patient: self.person(d, "patient", ""),
            requester,
            test,
            reason: self.text(d, "reason", ""),
            indication,
            specimens: self.specimens(d, "specimens", ""),
            participants,
            consent: self.consent(d, "consent", ""),
            priority: self.text(d, "priority", ""),
            performer,
            funding: self.text(d, "funding", ""),
            note: self.text(d, "note", ""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every draft fixture reads the same by hand as by serde (the portal's reader).
    #[test]
    fn fixtures_read_as_serde_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/compose");
        let mut seen = 0;
        for sub in ["valid", "invalid"] {
            for e in std::fs::read_dir(dir.join(sub)).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                let by_serde: Draft = serde_json::from_str(&text).expect("fixture is a draft");
                assert_eq!(read_draft(&text).ok(), Some(by_serde), "{}", e.path().display());
                seen += 1;
            }
        }
        assert!(seen >= 6, "{seen} drafts");
    }

    #[test]
    fn mistyped_fields_are_all_reported_with_their_paths() {
        let src = r#"{"patient":{"nhsNumber":9449301018,"givenName":null},"specimens":[{"type":"blood"},3],
            "consent":{"research":"yes"},"requester":[],"unknown":{"deep":[1]}}"#;
        let Err(r) = read_draft(src) else { panic!("mistyped") };
        let got: Vec<(Option<&str>, &str)> =
            r.diagnostics.iter().map(|d| (d.expression.as_deref(), d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Some("patient.nhsNumber"), "`patient.nhsNumber` must be a string, not a number"),
                (Some("specimens[0].type"), "`specimens[0].type` must be an object, not a string"),
                (Some("specimens[1]"), "`specimens[1]` must be an object, not a number"),
                (Some("consent.research"), "`consent.research` must be true or false, not a string"),
                (Some("requester"), "`requester` must be an object, not an array"),
            ]
        );
        assert!(r.diagnostics.iter().all(|d| d.code == "GOM-JSON-001" && matches!(d.line, Some(1 | 2))));
        let Err(r) = read_draft("[]") else { panic!("not an object") };
        assert_eq!(r.diagnostics[0].message, "The draft must be a JSON object, not an array");
        let Err(r) = read_draft("{") else { panic!("not JSON") };
        assert!(r.diagnostics[0].message.starts_with("The draft cannot be read"));
    }
}
