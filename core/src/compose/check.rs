//! Field-level checks of a draft, shown live beside the form's fields.
//!
//! Each finding's `expression` is the draft field's path (`patient.nhsNumber`,
//! `participants[0].specimens[1].collected`); findings come in form order. Dates are compared with
//! the injected `now` by their calendar date, so a collection time later today is not "future".

use std::collections::HashMap;

use super::catalogue::{Catalogue, TestKind};
use super::draft::{ConsentDraft, Draft, Person, SpecimenDraft};
use super::nhs_number::{self, NhsNumberError};
use super::systems as sys;
use crate::diag::{Diagnostic, Rule};
use crate::rules::draft as r;

/// Checks a draft against the built-in catalogue.
pub fn check_draft(draft: &Draft, now: &str) -> Vec<Diagnostic> {
    check_draft_with(draft, &Catalogue::builtin(), now)
}

/// Checks a draft against a caller's catalogue.
pub fn check_draft_with(draft: &Draft, catalogue: &Catalogue, now: &str) -> Vec<Diagnostic> {
    let mut c = Checks { out: Vec::new(), today: parse_date(now.get(..10).unwrap_or(now)).ok() };
    c.draft(draft, catalogue);
    c.out
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// A calendar date `(year, month, day)`.
type Date = (u32, u32, u32);

/// Why a date string is not acceptable.
enum DateError {
    Format,
    Calendar,
}

/// Parses `YYYY-MM-DD` and checks it exists in the calendar.
fn parse_date(s: &str) -> Result<Date, DateError> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(DateError::Format);
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(DateError::Format);
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(DateError::Calendar),
    };
    if y == 0 || d == 0 || d > days {
        return Err(DateError::Calendar);
    }
    Ok((y, m, d))
}

/// Checks the time part of an R4 dateTime (`Thh:mm:ss[.fff](Z|±hh:mm)`).
fn valid_time(t: &str) -> bool {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => (t.get(..i).unwrap_or(""), t.get(i..).unwrap_or("")),
        None => return false,
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    let num = |s: &str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|n| n <= max);
    let zone_ok =
        zone == "Z" || zone.get(1..).is_some_and(|z| z.split_once(':').is_some_and(|(h, m)| num(h, 14) && num(m, 59)));
    parts.len() == 3
        && parts.first().is_some_and(|h| num(h, 23))
        && parts.get(1).is_some_and(|m| num(m, 59))
        && parts.get(2).is_some_and(|s| num(s, 60))
        && !frac.is_empty()
        && frac.bytes().all(|c| c.is_ascii_digit())
        && zone_ok
}

struct Checks {
    out: Vec<Diagnostic>,
    today: Option<Date>,
}

impl Checks {
    fn push(&mut self, rule: &'static Rule, field: &str, message: String) {
        self.out.push(Diagnostic::new(rule, message).with_expression(field));
    }

    fn required(&mut self, value: &str, field: &str, what: &str) -> bool {
        if blank(value) {
            self.push(r::REQUIRED, field, format!("Enter {what}"));
            return false;
        }
        true
    }

    fn one_of(&mut self, value: &str, allowed: &[&str], field: &str, what: &str) {
        let v = value.trim();
        if !v.is_empty() && !allowed.contains(&v) {
            let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
            self.push(r::CODE_NOT_ALLOWED, field, format!("{what} `{v}` is not one of {list}"));
        }
    }

    /// A date (or, with `allow_time`, a dateTime) that is not in the future; returns its date.
    fn date(&mut self, value: &str, field: &str, allow_time: bool) -> Option<Date> {
        let v = value.trim();
        let (day, time) = match v.split_once('T') {
            Some((d, t)) if allow_time => (d, Some(t)),
            _ => (v, None),
        };
        let parsed = match parse_date(day) {
            Ok(d) if time.is_none_or(valid_time) => d,
            Ok(_) => {
                let msg = format!("`{v}` is not a date-time such as `2024-03-01T09:30:00Z`");
                self.push(r::DATE_FORMAT, field, msg);
                return None;
            }
            Err(DateError::Format) => {
                self.push(r::DATE_FORMAT, field, format!("`{v}` is not a date in the form `YYYY-MM-DD`"));
                return None;
            }
            Err(DateError::Calendar) => {
                self.push(r::DATE_FORMAT, field, format!("`{v}` is not a day of the calendar"));
                return None;
            }
        };
        if self.today.is_some_and(|today| parsed > today) {
            self.push(r::DATE_FUTURE, field, format!("`{v}` is in the future"));
        }
        Some(parsed)
    }

    fn ods(&mut self, value: &str, field: &str) {
        let v = value.trim();
        if !v.is_empty() && (!(3..=10).contains(&v.len()) || !v.chars().all(|c| c.is_ascii_alphanumeric())) {
            self.push(r::ODS_CODE, field, format!("`{v}` does not look like an ODS code"));
        }
    }

    fn draft(&mut self, d: &Draft, catalogue: &Catalogue) {
        let birth = self.person(&d.patient, "patient");
        self.requester(d);
        let test = if self.required(&d.test.code, "test.code", "the test") {
            let t = catalogue.test(&d.test.code);
            if t.is_none() {
                let msg = format!("`{}` is not a test in the catalogue", d.test.code.trim());
                self.push(r::UNKNOWN_TEST, "test.code", msg);
            }
            t
        } else {
            None
        };
        if self.required(&d.reason, "reason", "the reason for testing") {
            // Without a known test, any code of either reason-for-testing system may be meant.
            let kinds = match test {
                Some(t) => vec![t.kind],
                None => vec![TestKind::RareDisease, TestKind::Cancer],
            };
            let mut codes: Vec<&str> = kinds.iter().flat_map(|k| k.reasons().iter().map(|(c, _)| *c)).collect();
            crate::sort::sort(&mut codes);
            codes.dedup();
            self.one_of(&d.reason, &codes, "reason", "The reason for testing");
        }
        self.indication(d);
        if d.specimens.is_empty() {
            let msg = "No specimen is listed; add the sample being sent, or say in the note when it will follow".into();
            self.push(r::RECOMMENDED, "specimens", msg);
        }
        let mut keys = HashMap::new();
        self.specimens(&d.specimens, "", birth, &mut keys);
        if let Some(c) = &d.consent {
            self.consent(c, "consent");
        }
        self.participants(d, test.map(|t| t.max_participants), &mut keys);
        self.one_of(&d.priority, sys::PRIORITIES, "priority", "The priority");
        if self.required(&d.performer.ods, "performer.ods", "the ODS code of the performing laboratory") {
            self.ods(&d.performer.ods, "performer.ods");
        }
    }

    /// Checks a person; returns their date of birth when valid.
    fn person(&mut self, p: &Person, f: &str) -> Option<Date> {
        let nhs = format!("{f}.nhsNumber");
        if blank(&p.nhs_number) {
            if blank(&p.local_id) {
                self.push(r::REQUIRED, &nhs, "Enter the NHS number, or a local number where there is none".into());
            }
        } else if let Err(e) = nhs_number::parse(&p.nhs_number) {
            let v = p.nhs_number.trim();
            let msg = match e {
                NhsNumberError::NotTenDigits => format!("`{v}` is not 10 digits"),
                NhsNumberError::NoCheckDigit => format!("`{v}` cannot be an NHS number (no check digit fits)"),
                NhsNumberError::CheckDigit { expected, found } => {
                    format!("`{v}` ends in {found}, but its check digit is {expected}")
                }
            };
            self.push(r::NHS_NUMBER, &nhs, msg);
        }
        self.required(&p.given_name, &format!("{f}.givenName"), "the given name");
        self.required(&p.family_name, &format!("{f}.familyName"), "the family name");
        let birth_field = format!("{f}.birthDate");
        let birth = if self.required(&p.birth_date, &birth_field, "the date of birth") {
            self.date(&p.birth_date, &birth_field, false)
        } else {
            None
        };
        if self.required(&p.sex, &format!("{f}.sex"), "the sex") {
            self.one_of(&p.sex, sys::GENDERS, &format!("{f}.sex"), "The sex");
        }
        let ethnic = format!("{f}.ethnicCategory");
        if blank(&p.ethnic_category) {
            self.push(r::RECOMMENDED, &ethnic, "Choose the ethnic category (`Z` if not stated)".into());
        } else {
            let codes: Vec<&str> = sys::ETHNIC_CATEGORIES.iter().map(|(c, _)| *c).collect();
            self.one_of(&p.ethnic_category, &codes, &ethnic, "The ethnic category");
        }
        if blank(&p.residential_status) {
            let msg = "Choose the residential status".into();
            self.push(r::RECOMMENDED, &format!("{f}.residentialStatus"), msg);
        }
        birth
    }

    fn requester(&mut self, d: &Draft) {
        let q = &d.requester;
        self.required(&q.sds_user_id, "requester.sdsUserId", "the clinician's SDS user id");
        if blank(&q.sds_role_profile_id) {
            let msg = "Enter the SDS role profile id of the clinician's role".into();
            self.push(r::RECOMMENDED, "requester.sdsRoleProfileId", msg);
        }
        if self.required(&q.ods, "requester.ods", "the ODS code of the requesting organisation") {
            self.ods(&q.ods, "requester.ods");
        }
        if blank(&q.phone) && blank(&q.email) {
            self.push(r::REQUIRED, "requester.phone", "Enter a phone number or an email address".into());
        }
    }

    fn indication(&mut self, d: &Draft) {
        for (i, c) in d.indication.conditions.iter().enumerate() {
            let f = format!("indication.conditions[{i}]");
            if c.code.is_empty() {
                self.push(r::REQUIRED, &format!("{f}.code"), "Choose the condition".into());
            }
            self.one_of(&c.clinical_status, sys::CLINICAL_STATUSES, &format!("{f}.clinicalStatus"), "The status");
            let field = format!("{f}.verificationStatus");
            self.one_of(&c.verification_status, sys::VERIFICATION_STATUSES, &field, "The verification status");
        }
        for (i, o) in d.indication.observations.iter().enumerate() {
            let f = format!("indication.observations[{i}]");
            if o.code.is_empty() {
                self.push(r::REQUIRED, &format!("{f}.code"), "Choose what was observed".into());
            }
            if !blank(&o.effective) {
                self.date(&o.effective, &format!("{f}.effective"), true);
            }
        }
    }

    /// One person's specimens; `prefix` is `` or `participants[i].`; `keys` spans the whole draft.
    fn specimens(
        &mut self,
        specimens: &[SpecimenDraft],
        prefix: &str,
        birth: Option<Date>,
        keys: &mut HashMap<String, String>,
    ) {
        let mut own: HashMap<&str, usize> = HashMap::new();
        for (j, s) in specimens.iter().enumerate() {
            let f = format!("{prefix}specimens[{j}]");
            let key = s.key.trim();
            if !key.is_empty() {
                if let Some(first) = keys.get(key) {
                    let msg = format!("The key `{key}` is already used by `{first}`");
                    self.push(r::DUPLICATE_KEY, &format!("{f}.key"), msg);
                } else {
                    keys.insert(key.to_owned(), f.clone());
                }
                own.entry(key).or_insert(j);
            }
            self.required(&s.local_id, &format!("{f}.localId"), "the specimen number");
            if s.kind.is_empty() {
                self.push(r::REQUIRED, &format!("{f}.type"), "Choose the specimen type".into());
            }
            self.one_of(&s.status, sys::SPECIMEN_STATUSES, &format!("{f}.status"), "The specimen status");
            let collected = format!("{f}.collected");
            if self.required(&s.collected, &collected, "the collection date") {
                if let (Some(day), Some(born)) = (self.date(&s.collected, &collected, true), birth) {
                    if day < born {
                        self.push(
                            r::BEFORE_BIRTH,
                            &collected,
                            "The specimen is dated before the person's birth".into(),
                        );
                    }
                }
            }
        }
        self.parents(specimens, prefix, &own);
    }

    /// Parents name another specimen of the same person, and never lead back to the child.
    fn parents(&mut self, specimens: &[SpecimenDraft], prefix: &str, own: &HashMap<&str, usize>) {
        let parent_of: Vec<Option<usize>> =
            specimens.iter().map(|s| own.get(s.parent.trim()).copied().filter(|_| !blank(&s.parent))).collect();
        let on_cycle = cycles(&parent_of);
        for (j, s) in specimens.iter().enumerate() {
            let p = s.parent.trim();
            if p.is_empty() {
                continue;
            }
            let f = format!("{prefix}specimens[{j}].parent");
            match parent_of.get(j).copied().flatten() {
                None => self.push(r::SPECIMEN_PARENT, &f, format!("No specimen of this person has the key `{p}`")),
                Some(k) if k == j => self.push(r::SPECIMEN_PARENT, &f, "A specimen cannot be its own parent".into()),
                Some(_) if on_cycle.get(j).copied().unwrap_or(false) => {
                    self.push(r::SPECIMEN_PARENT, &f, format!("The parent `{p}` descends from this specimen"))
                }
                Some(_) => {}
            }
        }
    }

    fn consent(&mut self, c: &ConsentDraft, f: &str) {
        if self.required(&c.status, &format!("{f}.status"), "whether the discussion took place") {
            self.one_of(&c.status, sys::CONSENT_STATUSES, &format!("{f}.status"), "The consent status");
        }
        let date = format!("{f}.date");
        let held = matches!(c.status.trim(), "active" | "proposed");
        if !blank(&c.date) {
            self.date(&c.date, &date, false);
        } else if held {
            self.push(r::REQUIRED, &date, "Enter the date of the discussion".into());
        }
    }

    fn participants(&mut self, d: &Draft, max: Option<u8>, keys: &mut HashMap<String, String>) {
        let people = d.participants.len() + 1;
        if let Some(max) = max.filter(|&m| people > m as usize) {
            let msg = if max == 1 {
                format!("The test is for the patient alone; this order adds {} more", people - 1)
            } else {
                format!("The test allows at most {max} people; this order has {people}")
            };
            self.push(r::TOO_MANY_PARTICIPANTS, "participants", msg);
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        if let Ok(n) = nhs_number::parse(&d.patient.nhs_number) {
            seen.insert(n, "patient".into());
        }
        for (i, p) in d.participants.iter().enumerate() {
            let f = format!("participants[{i}]");
            let person = format!("{f}.person");
            let birth = self.person(&p.person, &person);
            if let Ok(n) = nhs_number::parse(&p.person.nhs_number) {
                if let Some(other) = seen.get(&n) {
                    let msg = format!("The NHS number `{n}` is also entered for `{other}`");
                    self.push(r::DUPLICATE_PERSON, &format!("{person}.nhsNumber"), msg);
                } else {
                    seen.insert(n, person.clone());
                }
            }
            if p.relationship.is_empty() {
                let msg = "Choose how the person is related to the patient".into();
                self.push(r::REQUIRED, &format!("{f}.relationship"), msg);
            }
            self.specimens(&p.specimens, &format!("{f}."), birth, keys);
            if let Some(c) = &p.consent {
                self.consent(c, &format!("{f}.consent"));
            }
        }
    }
}

/// Which nodes of a parent forest lie on a cycle, in linear time: each walk stops at a node seen
/// before, and a walk that meets its own path has found a cycle.
fn cycles(parent_of: &[Option<usize>]) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; parent_of.len()];
    let mut on_cycle = vec![false; parent_of.len()];
    let mut path = Vec::new();
    for start in 0..parent_of.len() {
        let mut cur = Some(start);
        while let Some(c) = cur.filter(|&c| state.get(c) == Some(&NEW)) {
            if let Some(s) = state.get_mut(c) {
                *s = ON_PATH;
            }
            path.push(c);
            cur = parent_of.get(c).copied().flatten();
        }
        if let Some(hit) = cur.filter(|&c| state.get(c) == Some(&ON_PATH)) {
            let from = path.iter().position(|&n| n == hit).unwrap_or(path.len());
            for &n in path.get(from..).unwrap_or(&[]) {
                if let Some(x) = on_cycle.get_mut(n) {
                    *x = true;
                }
            }
        }
        for n in path.drain(..) {
            if let Some(s) = state.get_mut(n) {
                *s = DONE;
            }
        }
    }
    on_cycle
}
