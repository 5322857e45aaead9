//! The verdict on the open draft, recomputed on every edit: gom-core composes the bundle, checks
//! the form's fields and validates the bundle; this module only places each finding beside the
//! form field it concerns (through gom-core's field map) and decides which are shown yet.

use gom_core::compose::{check_draft_with, compose_text, Catalogue, FieldMap};
use gom_core::{validate, Diagnostic, Options, Report};

use super::drafts::{DraftRecord, FormUi};

/// Where a finding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// gom-core's field checks of the draft.
    Form,
    /// The validator, on the composed (or hand-edited) bundle.
    Bundle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub diag: Diagnostic,
    pub source: Source,
}

/// Everything the pages show about the open draft.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// The bundle JSON: composed from the form, or the hand-edited text.
    pub text: String,
    pub hand_edited: bool,
    pub fields: FieldMap,
    /// The validator's findings on `text` (positions are in `text`).
    pub report: Report,
    /// Findings by draft field path, form findings first, sorted by path (found by binary
    /// search). A bundle finding is left out of a field that already has a form error: fixing
    /// the form fixes it. A sorted Vec, not a `BTreeMap`: the map's node code for this one type
    /// was ~3 KB of the portal's Wasm.
    pub by_field: Vec<(String, Vec<Placed>)>,
    /// The fields of `by_field` in form order (gom-core checks fields in form order; bundle
    /// findings follow in document order).
    pub order: Vec<String>,
    /// Bundle findings that belong to no field (e.g. `Bundle.type`), and all bundle findings
    /// while the JSON is edited by hand.
    pub unplaced: Vec<Diagnostic>,
}

impl Checked {
    pub fn at(&self, field: &str) -> &[Placed] {
        find(&self.by_field, field).ok().and_then(|i| self.by_field.get(i)).map_or(&[], |(_, v)| v.as_slice())
    }

    /// Every placed finding, in form order, then the unplaced ones.
    pub fn all(&self) -> impl Iterator<Item = (Option<&str>, &Diagnostic, Source)> {
        self.order
            .iter()
            .filter_map(|f| self.by_field.get(find(&self.by_field, f).ok()?))
            .flat_map(|(f, ps)| ps.iter().map(move |p| (Some(f.as_str()), &p.diag, p.source)))
            .chain(self.unplaced.iter().map(|d| (None, d, Source::Bundle)))
    }

    pub fn error_count(&self) -> usize {
        self.all().filter(|(_, d, _)| d.severity.is_error()).count()
    }
}

/// Whether a finding at `path` is shown yet. "Required" findings, and bundle findings (mostly
/// consequences of something not filled in yet), wait until the field is filled or visited or
/// the whole check is asked for; a wrong value is shown at once.
pub fn visible(d: &Diagnostic, source: Source, ui: &FormUi, path: &str, filled: bool) -> bool {
    let quiet = source == Source::Bundle
        || d.code == gom_core::rules::draft::REQUIRED.code
        || d.code == gom_core::rules::draft::RECOMMENDED.code;
    !quiet || filled || ui.all || ui.touched(path)
}

/// The findings at `path` that are shown yet, errors first.
pub fn shown_at(c: &Checked, ui: &FormUi, path: &str, filled: bool) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> =
        c.at(path).iter().filter(|p| visible(&p.diag, p.source, ui, path, filled)).map(|p| p.diag.clone()).collect();
    gom_core::sort::sort_by_key(&mut out, |d| !d.severity.is_error());
    out
}

/// Composes, checks and validates a draft against a catalogue of tests. `now` is an R4 dateTime
/// (authoredOn, and "today" for the date checks).
pub fn check(record: &DraftRecord, now: &str, catalogue: &Catalogue) -> Checked {
    let (text, fields, hand_edited) = match &record.json {
        Some(text) => (text.clone(), FieldMap::default(), true),
        None => {
            let mut ids = record.ids();
            let composed = compose_text(&record.form, catalogue, &mut ids, now);
            (composed.text, composed.fields, false)
        }
    };
    let report = if text.trim().is_empty() { Report::default() } else { validate(&text, &Options::default()) };
    let mut by_field: Vec<(String, Vec<Placed>)> = Vec::new();
    let mut order = Vec::new();
    let mut unplaced = Vec::new();
    let mut place = |field: &str, p: Placed| {
        let at = match find(&by_field, field) {
            Ok(at) => at,
            Err(at) => {
                order.push(field.to_owned());
                by_field.insert(at, (field.to_owned(), Vec::new()));
                at
            }
        };
        let Some((_, list)) = by_field.get_mut(at) else { return };
        let covered =
            p.source == Source::Bundle && list.iter().any(|q| q.source == Source::Form && q.diag.severity.is_error());
        if !covered {
            list.push(p);
        }
    };
    if !hand_edited {
        for d in check_draft_with(&record.form, catalogue, now) {
            let field = d.expression.clone().unwrap_or_default();
            place(&field, Placed { diag: d, source: Source::Form });
        }
    }
    for d in &report.diagnostics {
        match fields.field_for_diagnostic(d) {
            Some(f) if !hand_edited => place(f, Placed { diag: d.clone(), source: Source::Bundle }),
            _ => unplaced.push(d.clone()),
        }
    }
    by_field.retain(|(_, v)| !v.is_empty());
    order.retain(|f| find(&by_field, f).is_ok());
    Checked { text, hand_edited, fields, report, by_field, order, unplaced }
}

/// Where `field` is in `by_field` (`Err`: where it would go).
fn find(by_field: &[(String, Vec<Placed>)], field: &str) -> Result<usize, usize> {
    by_field.binary_search_by(|(f, _)| f.as_str().cmp(field))
}

/// The element id of a draft field or section: `participants[0].person.nhsNumber` →
/// `f-participants-0-person-nhsNumber`.
pub fn dom_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// The path one level up: `specimens[1].collected` → `specimens[1]` → `specimens` → none.
pub fn parent_path(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    path.get(..cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gom_core::compose::Draft;

    #[test]
    fn dom_ids_are_valid_and_distinct() {
        for (path, want) in [
            ("patient.nhsNumber", "f-patient-nhsNumber"),
            ("participants[0].specimens[12].collected", "f-participants-0-specimens-12-collected"),
            ("reason", "f-reason"),
            ("a b", "f-a_b"),
        ] {
            assert_eq!(dom_id(path), want);
        }
    }

    #[test]
    fn parent_paths_climb_to_the_root() {
        let mut p = Some("participants[0].specimens[1].collected");
        let mut seen = Vec::new();
        while let Some(x) = p {
            seen.push(x);
            p = parent_path(x);
        }
        assert_eq!(
            seen,
            [
                "participants[0].specimens[1].collected",
                "participants[0].specimens[1]",
                "participants[0].specimens",
                "participants[0]",
                "participants"
            ]
        );
    }

    #[test]
    fn an_empty_draft_has_form_findings_beside_fields() {
        let c = check(&DraftRecord::default(), "2026-03-01T10:00:00Z", &Catalogue::builtin());
        assert!(!c.hand_edited);
        assert!(c.text.contains("\"transaction\""));
        let nhs = c.at("patient.nhsNumber");
        assert_eq!(nhs.first().map(|p| (p.diag.code, p.source)), Some(("GOM-DRAFT-001", Source::Form)));
        assert!(c.error_count() > 5);
    }

    #[test]
    fn findings_come_in_form_order() {
        let c = check(&DraftRecord::default(), "2026-03-01T10:00:00Z", &Catalogue::builtin());
        let fields: Vec<&str> = c.all().filter_map(|(f, _, _)| f).collect();
        let pos = |f: &str| fields.iter().position(|x| *x == f);
        assert!(pos("patient.nhsNumber") < pos("patient.familyName"));
        assert!(pos("patient.familyName") < pos("requester.ods"));
        assert!(pos("requester.ods") < pos("performer.ods"));
    }

    #[test]
    fn a_bad_nhs_number_is_placed_on_its_field() {
        let mut r = DraftRecord { form: Draft::default(), ..Default::default() };
        r.form.patient.nhs_number = "944 930 1019".into();
        let c = check(&r, "2026-03-01T10:00:00Z", &Catalogue::builtin());
        let codes: Vec<&str> = c.at("patient.nhsNumber").iter().map(|p| p.diag.code).collect();
        assert_eq!(codes.first(), Some(&"GOM-DRAFT-002"));
    }

    #[test]
    fn required_findings_wait_for_a_visit() {
        let c = check(&DraftRecord::default(), "2026-03-01T10:00:00Z", &Catalogue::builtin());
        let shown = |ui: &FormUi, filled| shown_at(&c, ui, "patient.nhsNumber", filled).len();
        let mut ui = FormUi::default();
        assert_eq!(shown(&ui, false), 0);
        assert_eq!(shown(&ui, true), 1);
        ui.touched.insert("patient.nhsNumber".into());
        assert_eq!(shown(&ui, false), 1);
        let ui = FormUi { all: true, ..FormUi::default() };
        assert_eq!(shown(&ui, false), 1);
        let mut r = DraftRecord::default();
        r.form.patient.nhs_number = "944 930 1019".into();
        let c = check(&r, "2026-03-01T10:00:00Z", &Catalogue::builtin());
        let wrong = shown_at(&c, &FormUi::default(), "patient.nhsNumber", false);
        assert_eq!(wrong.first().map(|d| d.code), Some("GOM-DRAFT-002"));
    }

    #[test]
    fn hand_edited_json_is_validated_as_it_is() {
        let r = DraftRecord {
            json: Some("{\"resourceType\": \"Bundle\", \"type\": \"batch\"}".into()),
            ..Default::default()
        };
        let c = check(&r, "2026-03-01T10:00:00Z", &Catalogue::builtin());
        assert!(c.hand_edited);
        assert!(c.by_field.is_empty());
        assert!(!c.unplaced.is_empty());
        assert!(c.unplaced.iter().all(|d| d.span.is_some()));
    }
}
