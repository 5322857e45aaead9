//! Lenses from the form's widgets into gom-core's draft: which person, which specimen list,
//! which text field. Widgets are generic; these say where their value lives.

use std::sync::Arc;

use gom_core::compose::{ConsentDraft, Draft, Person, SpecimenDraft};
use gom_core::diag::capitalise;

use crate::state::{bind, handle_edit, AppState, Bound};

/// The person a group of fields is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The proband.
    Patient,
    /// A Duo or Trio participant, by index.
    Participant(usize),
}

impl Who {
    /// The draft path of the person's own fields.
    pub fn person_path(self) -> String {
        match self {
            Who::Patient => "patient".to_owned(),
            Who::Participant(i) => format!("participants[{i}].person"),
        }
    }

    pub fn specimens_path(self) -> String {
        match self {
            Who::Patient => "specimens".to_owned(),
            Who::Participant(i) => format!("participants[{i}].specimens"),
        }
    }

    pub fn consent_path(self) -> String {
        match self {
            Who::Patient => "consent".to_owned(),
            Who::Participant(i) => format!("participants[{i}].consent"),
        }
    }

    pub fn person(self, d: &Draft) -> Option<&Person> {
        match self {
            Who::Patient => Some(&d.patient),
            Who::Participant(i) => d.participants.get(i).map(|p| &p.person),
        }
    }

    pub fn person_mut(self, d: &mut Draft) -> Option<&mut Person> {
        match self {
            Who::Patient => Some(&mut d.patient),
            Who::Participant(i) => d.participants.get_mut(i).map(|p| &mut p.person),
        }
    }

    pub fn specimens(self, d: &Draft) -> Option<&Vec<SpecimenDraft>> {
        match self {
            Who::Patient => Some(&d.specimens),
            Who::Participant(i) => d.participants.get(i).map(|p| &p.specimens),
        }
    }

    pub fn specimens_mut(self, d: &mut Draft) -> Option<&mut Vec<SpecimenDraft>> {
        match self {
            Who::Patient => Some(&mut d.specimens),
            Who::Participant(i) => d.participants.get_mut(i).map(|p| &mut p.specimens),
        }
    }

    pub fn consent(self, d: &Draft) -> Option<&Option<ConsentDraft>> {
        match self {
            Who::Patient => Some(&d.consent),
            Who::Participant(i) => d.participants.get(i).map(|p| &p.consent),
        }
    }

    pub fn consent_mut(self, d: &mut Draft) -> Option<&mut Option<ConsentDraft>> {
        match self {
            Who::Patient => Some(&mut d.consent),
            Who::Participant(i) => d.participants.get_mut(i).map(|p| &mut p.consent),
        }
    }

    /// A specimen of this person.
    pub fn specimen(self, d: &Draft, j: usize) -> Option<&SpecimenDraft> {
        self.specimens(d)?.get(j)
    }

    pub fn specimen_mut(self, d: &mut Draft, j: usize) -> Option<&mut SpecimenDraft> {
        self.specimens_mut(d)?.get_mut(j)
    }
}

type Getter = Arc<dyn Fn(&Draft) -> String + Send + Sync>;
type Setter = Arc<dyn Fn(&mut Draft, String) + Send + Sync>;

/// One text value of the draft, with its path.
#[derive(Clone)]
pub struct Field {
    pub path: String,
    get: Getter,
    set: Setter,
}

impl Field {
    pub fn new(
        path: impl Into<String>,
        get: impl Fn(&Draft) -> Option<String> + Send + Sync + 'static,
        set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    ) -> Field {
        Field { path: path.into(), get: Arc::new(move |d| get(d).unwrap_or_default()), set: Arc::new(set) }
    }

    /// The value and the findings shown beside it, updated only when they change (see
    /// `state::slots`).
    pub fn bind(&self, state: AppState) -> Bound {
        bind(state, &self.path, Some(Arc::clone(&self.get)))
    }

    pub fn write(&self, state: AppState, value: String) {
        let set = Arc::clone(&self.set);
        handle_edit(state, &self.path, move |d| set(d, value));
    }
}

/// A field of a person: `person_field(who, "givenName", |p| &p.given_name, |p| &mut p.given_name)`.
pub fn person_field(who: Who, name: &str, get: fn(&Person) -> &String, set: fn(&mut Person) -> &mut String) -> Field {
    Field::new(
        format!("{}.{name}", who.person_path()),
        move |d| who.person(d).map(|p| get(p).clone()),
        move |d, v| {
            if let Some(p) = who.person_mut(d) {
                *set(p) = v;
            }
        },
    )
}

/// A field of a specimen.
pub fn specimen_field(
    who: Who,
    j: usize,
    name: &str,
    get: fn(&SpecimenDraft) -> &String,
    set: fn(&mut SpecimenDraft) -> &mut String,
) -> Field {
    Field::new(
        format!("{}[{j}].{name}", who.specimens_path()),
        move |d| who.specimen(d, j).map(|s| get(s).clone()),
        move |d, v| {
            if let Some(s) = who.specimen_mut(d, j) {
                *set(s) = v;
            }
        },
    )
}

/// A field of a record of discussion; writing one creates the record.
pub fn consent_field(
    who: Who,
    name: &str,
    get: fn(&ConsentDraft) -> &String,
    set: fn(&mut ConsentDraft) -> &mut String,
) -> Field {
    Field::new(
        format!("{}.{name}", who.consent_path()),
        move |d| who.consent(d).and_then(|c| c.as_ref()).map(|c| get(c).clone()),
        move |d, v| {
            if let Some(c) = who.consent_mut(d) {
                *set(c.get_or_insert_with(ConsentDraft::default)) = v;
            }
        },
    )
}

/// A specimen key not used anywhere in the draft: `s1`, `s2` …
pub fn next_specimen_key(d: &Draft) -> String {
    let all = d.specimens.iter().chain(d.participants.iter().flat_map(|p| p.specimens.iter()));
    let max = all.filter_map(|s| s.key.strip_prefix('s').and_then(|n| n.parse::<u32>().ok())).max().unwrap_or(0);
    format!("s{}", max.saturating_add(1))
}

/// Options of a select: (value, label).
pub type Choices = Vec<(String, String)>;

/// Choices from gom-core's (code, display) tables, labelled "display (code)".
pub fn coded_choices(table: &[(&str, &str)]) -> Choices {
    table.iter().map(|(c, d)| ((*c).to_owned(), format!("{d} ({c})"))).collect()
}

/// Choices from plain codes, labelled by the code with its first letter capitalised.
pub fn plain_choices(codes: &[&str]) -> Choices {
    codes.iter().map(|c| ((*c).to_owned(), capitalise(&c.replace('-', " ")))).collect()
}

/// The parts of a `YYYY-MM-DD` date as typed (`2019-5-` → `("2019", "5", "")`), and any time
/// that follows it (kept as it is: the date boxes edit the date only).
pub fn split_date(value: &str) -> (String, String, String, String) {
    let (date, time) = match value.find('T') {
        Some(i) => (value.get(..i).unwrap_or(""), value.get(i..).unwrap_or("")),
        None => (value, ""),
    };
    let mut parts = date.splitn(3, '-').map(str::to_owned);
    let y = parts.next().unwrap_or_default();
    let m = parts.next().unwrap_or_default();
    let d = parts.next().unwrap_or_default();
    (y, m, d, time.to_owned())
}

/// The draft's value for the date boxes: empty when all are, else `Y-M-D` as typed.
pub fn join_date(y: &str, m: &str, d: &str, time: &str) -> String {
    let clean = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (y, m, d) = (clean(y), clean(m), clean(d));
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return String::new();
    }
    format!("{y}-{m}-{d}{time}")
}

/// On leaving the boxes: `2019-5-1` becomes `2019-05-01`; anything else stays as typed.
pub fn pad_date(value: &str) -> String {
    let (y, m, d, time) = split_date(value);
    let pad = |s: &str| if s.len() == 1 { format!("0{s}") } else { s.to_owned() };
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return value.to_owned();
    }
    format!("{y}-{}-{}{time}", pad(&m), pad(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenses_reach_the_right_person() {
        let mut d = Draft::default();
        d.participants.push(Default::default());
        let f = person_field(Who::Participant(0), "givenName", |p| &p.given_name, |p| &mut p.given_name);
        assert_eq!(f.path, "participants[0].person.givenName");
        (f.set)(&mut d, "Alice".into());
        assert_eq!((f.get)(&d), "Alice");
        assert_eq!(d.participants.first().map(|p| p.person.given_name.as_str()), Some("Alice"));
        assert_eq!(d.patient.given_name, "");
        let missing = person_field(Who::Participant(3), "givenName", |p| &p.given_name, |p| &mut p.given_name);
        (missing.set)(&mut d, "nobody".into());
        assert_eq!((missing.get)(&d), "");
    }

    #[test]
    fn writing_a_consent_field_creates_the_record() {
        let mut d = Draft::default();
        let f = consent_field(Who::Patient, "date", |c| &c.date, |c| &mut c.date);
        assert_eq!(f.path, "consent.date");
        assert_eq!((f.get)(&d), "");
        (f.set)(&mut d, "2026-02-17".into());
        assert_eq!(d.consent.as_ref().map(|c| c.date.as_str()), Some("2026-02-17"));
    }

    #[test]
    fn specimen_paths_follow_the_draft() {
        let f = specimen_field(Who::Participant(1), 2, "collected", |s| &s.collected, |s| &mut s.collected);
        assert_eq!(f.path, "participants[1].specimens[2].collected");
        let f = specimen_field(Who::Patient, 0, "localId", |s| &s.local_id, |s| &mut s.local_id);
        assert_eq!(f.path, "specimens[0].localId");
    }

    #[test]
    fn new_specimen_keys_are_unused() {
        let mut d = Draft::default();
        assert_eq!(next_specimen_key(&d), "s1");
        d.specimens.push(SpecimenDraft { key: "s4".into(), ..Default::default() });
        d.participants.push(Default::default());
        if let Some(p) = d.participants.first_mut() {
            p.specimens.push(SpecimenDraft { key: "s7".into(), ..Default::default() });
            p.specimens.push(SpecimenDraft { key: "blood".into(), ..Default::default() });
        }
        assert_eq!(next_specimen_key(&d), "s8");
    }

    #[test]
    fn dates_split_join_and_pad() {
        assert_eq!(split_date(""), (String::new(), String::new(), String::new(), String::new()));
        assert_eq!(split_date("2019-5-"), ("2019".into(), "5".into(), String::new(), String::new()));
        assert_eq!(split_date("2026-02-17T10:30:00Z").3, "T10:30:00Z");
        assert_eq!(join_date("", "", "", ""), "");
        assert_eq!(join_date("2019", "5", "", ""), "2019-5-");
        assert_eq!(join_date("2019", "0x5", "1", ""), "2019-05-1");
        assert_eq!(join_date("", "", "3", ""), "--3");
        assert_eq!(split_date("--3").2, "3");
        assert_eq!(pad_date("2019-5-1"), "2019-05-01");
        assert_eq!(pad_date("2026-2-17T10:30:00Z"), "2026-02-17T10:30:00Z");
        assert_eq!(pad_date(""), "");
    }

    #[test]
    fn choices_read_well() {
        assert_eq!(coded_choices(&[("H", "UK Resident")]), vec![("H".to_owned(), "UK Resident (H)".to_owned())]);
        assert_eq!(
            plain_choices(&["entered-in-error"]),
            vec![("entered-in-error".to_owned(), "Entered in error".to_owned())]
        );
    }
}
