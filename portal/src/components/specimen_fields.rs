use gom_core::compose::systems::SPECIMEN_STATUSES;
use gom_core::compose::{Catalogue, Coded};
use leptos::prelude::*;

use super::{DateField, SectionMessages, SelectField, TextField};
use crate::form::{plain_choices, specimen_field, Choices, Field, Who};
use crate::state::{dom_id, handle_edit, AppState};

/// One specimen: number, type, collection date, status, and the specimen it was derived from.
#[component]
pub fn SpecimenFields(
    who: Who,
    index: usize,
    /// Every specimen of this person, in order: (key, label), from [`specimen_labels`].
    labels: Memo<Choices>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let j = index;
    let path = format!("{}[{j}]", who.specimens_path());
    let types = Catalogue::builtin().specimen_types;
    let type_choices: Choices = types.iter().map(|c| (c.code.clone(), c.display.clone())).collect();
    let kind = Field::new(
        format!("{path}.type"),
        move |d| who.specimen(d, j).map(|s| s.kind.code.clone()),
        move |d, v| {
            let coded = Catalogue::builtin()
                .specimen_types
                .into_iter()
                .find(|c| c.code == v)
                .unwrap_or_else(|| Coded::new(gom_core::compose::systems::SNOMED, &v, ""));
            if let Some(s) = who.specimen_mut(d, j) {
                s.kind = if v.is_empty() { Coded::default() } else { coded };
            }
        },
    );
    // The other specimens of this person, by key, as possible parents: a filter of the list's
    // shared labels, so a keystroke elsewhere recomputes nothing here.
    let parents = Memo::new(move |_| {
        labels.with(|all| {
            all.iter()
                .enumerate()
                .filter(|(k, (key, _))| *k != j && !key.is_empty())
                .map(|(_, c)| c.clone())
                .collect::<Choices>()
        })
    });
    let path_remove = who.specimens_path();
    view! {
        <fieldset class="nhsuk-fieldset gom-item" id=dom_id(&path) tabindex="-1">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{format!("Specimen {}", j + 1)}</legend>
            <SectionMessages path=path.clone()/>
            <TextField field=specimen_field(who, j, "localId", |s| &s.local_id, |s| &mut s.local_id) label="Specimen number" width=20/>
            <SelectField field=kind label="Specimen type" choices=type_choices/>
            <DateField field=specimen_field(who, j, "collected", |s| &s.collected, |s| &mut s.collected) legend="Date collected"/>
            <SelectField
                field=specimen_field(who, j, "status", |s| &s.status, |s| &mut s.status)
                label="Status (optional)"
                choices=plain_choices(SPECIMEN_STATUSES)
                hint="Unavailable: not collected yet"
                placeholder="Available (default)"
            />
            {move || view! {
                <SelectField
                    field=specimen_field(who, j, "parent", |s| &s.parent, |s| &mut s.parent)
                    label="Derived from (optional)"
                    choices=parents.get()
                    hint="For example, DNA extracted from a blood sample"
                    placeholder="None"
                />
            }}
            <button
                type="button"
                class="gom-link-button"
                on:click=move |_| handle_edit(state, &path_remove, move |d| {
                    if let Some(list) = who.specimens_mut(d) {
                        if j < list.len() {
                            list.remove(j);
                        }
                    }
                })
            >
                {format!("Remove specimen {}", j + 1)}
            </button>
        </fieldset>
    }
}

/// The specimens of one person as (key, label), in order (a blank key: not yet a possible
/// parent). One memo per list: it is recomputed on every edit but compares equal unless a
/// specimen's key, type or number changed, so the "Derived from" choices are not rebuilt on
/// every keystroke.
pub fn specimen_labels(state: AppState, who: Who) -> Memo<Choices> {
    Memo::new(move |_| {
        state.draft.with(|r| {
            who.specimens(&r.form)
                .map(|list| {
                    list.iter()
                        .enumerate()
                        .map(|(k, s)| {
                            let what = if s.kind.display.is_empty() { "specimen" } else { s.kind.display.as_str() };
                            let num = if s.local_id.is_empty() { String::new() } else { format!(", {}", s.local_id) };
                            (s.key.clone(), format!("Specimen {} ({what}{num})", k + 1))
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}
