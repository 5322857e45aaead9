use leptos::prelude::*;

use super::{draft_count, ParticipantFields, SectionMessages};
use crate::form::Who;
use crate::state::{dom_id, handle_edit, AppState};

/// The other people tested with the patient in a Duo or Trio.
#[component]
pub fn ParticipantList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = draft_count(state, Who::Patient, |d, _| d.participants.len());
    view! {
        <div id=dom_id("participants") tabindex="-1" class="gom-list">
            <p class="nhsuk-body">"For a Duo or Trio, add the relatives tested with the patient, each with their own specimens and record of discussion."</p>
            <SectionMessages path="participants".to_owned()/>
            {move || (0..count.get()).map(|i| view! { <ParticipantFields index=i/> }).collect_view()}
            <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                id="gom-add-participant"
                on:click=move |_| handle_edit(state, "participants", |d| d.participants.push(Default::default()))
            >
                "Add a family member"
            </button>
        </div>
    }
}
