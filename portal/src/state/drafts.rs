//! The drafts a requester keeps: the form (gom-core's compose [`Draft`]), any hand edits of the
//! bundle JSON, and what the server said when it was submitted.

use gom_core::compose::{Draft, IdGen};
use serde::{Deserialize, Serialize};

/// One draft order, as persisted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DraftRecord {
    /// A random version 4 UUID; empty for the blank draft no one has typed into yet.
    pub id: String,
    pub created: String,
    pub updated: String,
    pub form: Draft,
    /// The bundle as edited by hand in the JSON view. While set, it is what is checked, drawn and
    /// submitted, and the form no longer drives the bundle.
    pub json: Option<String>,
    /// The last accepted submission.
    pub submitted: Option<Submission>,
    /// Which findings the form shows yet; kept with the draft so a reload shows the same.
    pub ui: FormUi,
}

/// A form does not greet a requester with "Enter the NHS number" before they have had a chance
/// to: "required" findings wait until the field has been visited or the requester asks for the
/// whole check. Wrong values are shown at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FormUi {
    /// Draft field paths the requester has left or changed.
    pub touched: Touched,
    /// Show every finding (after "Check the order" or a submit attempt).
    pub all: bool,
}

impl FormUi {
    /// Whether `path`, or a field inside it, has been touched.
    pub fn touched(&self, path: &str) -> bool {
        self.touched.iter().any(|t| {
            t.strip_prefix(path).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

/// The field paths visited, sorted and without repeats (saved in that order, as the
/// `BTreeSet<String>` it replaced was): gom-core's small sorted set, not a B-tree, whose node code
/// for this one type was ~2 KB of the portal's Wasm.
pub type Touched = gom_core::sort::SortedSet<String>;

/// What the server answered to an accepted transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Submission {
    pub at: String,
    /// The FHIR base it went to.
    pub base: String,
    /// `ServiceRequest/<id>` of the order, from the transaction-response.
    pub order: Option<String>,
    /// Every `response.location`, in entry order.
    pub locations: Vec<String>,
}

/// A line of the drafts list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DraftMeta {
    pub id: String,
    pub title: String,
    pub updated: String,
    pub submitted: bool,
}

impl DraftRecord {
    /// Whether the draft has been given an id (and is therefore in storage).
    pub fn is_saved(&self) -> bool {
        !self.id.is_empty()
    }

    pub fn meta(&self) -> DraftMeta {
        DraftMeta {
            id: self.id.clone(),
            title: self.title(),
            updated: self.updated.clone(),
            submitted: self.submitted.is_some(),
        }
    }

    /// The patient and the test, as far as they are known.
    pub fn title(&self) -> String {
        let p = &self.form.patient;
        // Pushed, not `Vec<&str>::join`: no other code of the page joins `&str`s.
        let mut name = String::new();
        for part in [p.given_name.trim(), p.family_name.trim()].into_iter().filter(|s| !s.is_empty()) {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(part);
        }
        let test = self.form.test.code.trim();
        match (name.is_empty(), test.is_empty()) {
            (true, true) if self.json.is_some() => "Bundle edited by hand".to_owned(),
            (true, true) => "Untitled order".to_owned(),
            (false, true) => name,
            (true, false) => format!("Test {test}"),
            (false, false) => format!("{name}, test {test}"),
        }
    }

    /// The id generator for composing this draft: the same draft always gets the same ids, so
    /// the bundle does not churn on every keystroke, and ids stay unique across drafts.
    pub fn ids(&self) -> SeededIds {
        SeededIds::new(&self.id)
    }
}

/// Version 4 UUIDs that share the draft's random first 20 hex digits and count in the last 12.
#[derive(Clone, Debug)]
pub struct SeededIds {
    prefix: String,
    next: u64,
}

impl SeededIds {
    /// `seed` should be a version 4 UUID; anything else falls back to a fixed prefix (a blank
    /// draft's bundle is a preview that is never submitted before the draft gets its id).
    pub fn new(seed: &str) -> SeededIds {
        let prefix = match seed.get(..24) {
            Some(p) if is_uuid_prefix(p) => p.to_ascii_lowercase(),
            _ => "00000000-0000-4000-8000-".to_owned(),
        };
        SeededIds { prefix, next: 1 }
    }
}

fn is_uuid_prefix(p: &str) -> bool {
    p.char_indices().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

impl IdGen for SeededIds {
    fn next_id(&mut self) -> String {
        let n = self.next;
        self.next = self.next.wrapping_add(1);
        format!("{}{:012x}", self.prefix, n & 0xffff_ffff_ffff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_ids_are_stable_v4_uuids() {
        let mut a = SeededIds::new("3F2504E0-4F89-41D3-9A0C-0305E82C3301");
        let mut b = SeededIds::new("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        let ids: Vec<String> = (0..3).map(|_| a.next_id()).collect();
        assert_eq!(
            ids,
            [
                "3f2504e0-4f89-41d3-9a0c-000000000001",
                "3f2504e0-4f89-41d3-9a0c-000000000002",
                "3f2504e0-4f89-41d3-9a0c-000000000003"
            ]
        );
        assert_eq!(b.next_id(), ids[0]);
        assert!(ids.iter().all(|id| gom_core::events::is_uuid(id)));
    }

    #[test]
    fn seeded_ids_fall_back_for_a_blank_draft() {
        assert_eq!(SeededIds::new("").next_id(), "00000000-0000-4000-8000-000000000001");
        assert_eq!(SeededIds::new("not-a-uuid-at-all-nope-nope").next_id(), "00000000-0000-4000-8000-000000000001");
    }

    #[test]
    fn touched_covers_fields_inside_a_section() {
        let mut ui = FormUi::default();
        ui.touched.insert("participants[0].person.nhsNumber".into());
        ui.touched.insert("reason".into());
        assert!(ui.touched("reason"));
        assert!(ui.touched("participants[0]"));
        assert!(ui.touched("participants"));
        assert!(ui.touched("participants[0].person.nhsNumber"));
        assert!(!ui.touched("participants[0].person.givenName"));
        assert!(!ui.touched("reas"));
        assert!(!ui.touched("patient"));
    }

    #[test]
    fn titles_say_who_and_what() {
        let mut r = DraftRecord::default();
        assert_eq!(r.title(), "Untitled order");
        r.json = Some("{}".into());
        assert_eq!(r.title(), "Bundle edited by hand");
        r.form.test.code = "R67.2".into();
        assert_eq!(r.title(), "Test R67.2");
        r.form.patient.given_name = "Pheobe".into();
        r.form.patient.family_name = "Smitham".into();
        assert_eq!(r.title(), "Pheobe Smitham, test R67.2");
        r.form.test.code.clear();
        assert_eq!(r.title(), "Pheobe Smitham");
    }

    #[test]
    fn a_half_filled_record_round_trips() {
        let mut r = DraftRecord { id: "x".into(), ..Default::default() };
        r.form.patient.nhs_number = "944 930".into();
        r.json = Some("{\"resourceType\":".into());
        let text = serde_json::to_string(&r).unwrap_or_default();
        let back: DraftRecord = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, r);
    }
}
