use gom_core::compose::SpecimenDraft;
use leptos::prelude::*;

use super::specimen_fields::specimen_labels;
use super::{draft_count, SectionMessages, SpecimenFields};
use crate::form::{next_specimen_key, Who};
use crate::state::{dom_id, handle_edit, AppState};

/// The specimens of one person, with a button to add one.
#[component]
pub fn SpecimenList(who: Who) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = who.specimens_path();
    let count = draft_count(state, who, |d, who| who.specimens(d).map_or(0, Vec::len));
    let labels = specimen_labels(state, who);
    let add_path = path.clone();
    let button_id = format!("{}-add", dom_id(&path));
    view! {
        <div id=dom_id(&path) tabindex="-1" class="gom-list">
            <SectionMessages path=path.clone()/>
            {move || (0..count.get()).map(|j| view! { <SpecimenFields who=who index=j labels=labels/> }).collect_view()}
            <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                id=button_id
                on:click=move |_| handle_edit(state, &add_path, move |d: &mut gom_core::compose::Draft| {
                    let key = next_specimen_key(d);
                    if let Some(list) = who.specimens_mut(d) {
                        list.push(SpecimenDraft { key, ..Default::default() });
                    }
                })
            >
                "Add a specimen"
            </button>
        </div>
    }
}
