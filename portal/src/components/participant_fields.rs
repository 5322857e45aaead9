use gom_core::compose::{Catalogue, Coded};
use leptos::prelude::*;

use super::{ConsentFields, PersonFields, SectionMessages, SelectField, SpecimenList};
use crate::form::{Choices, Field, Who};
use crate::state::{dom_id, handle_edit, AppState};

/// One Duo/Trio participant: relationship, person, specimens, record of discussion.
#[component]
pub fn ParticipantFields(index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let who = Who::Participant(index);
    let path = format!("participants[{index}]");
    let relationships = Catalogue::builtin().relationships;
    let choices: Choices = relationships.iter().map(|c| (c.code.clone(), c.display.clone())).collect();
    let relationship = Field::new(
        format!("{path}.relationship"),
        move |d| d.participants.get(index).map(|p| p.relationship.code.clone()),
        move |d, v| {
            let coded = Catalogue::builtin()
                .relationships
                .into_iter()
                .find(|c| c.code == v)
                .unwrap_or_else(|| Coded::new(gom_core::compose::systems::V3_ROLE, &v, ""));
            if let Some(p) = d.participants.get_mut(index) {
                p.relationship = if v.is_empty() { Coded::default() } else { coded };
            }
        },
    );
    view! {
        <fieldset class="nhsuk-fieldset gom-item gom-participant" id=dom_id(&path) tabindex="-1">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{format!("Family member {}", index + 1)}</legend>
            <SectionMessages path=path.clone()/>
            <SelectField field=relationship label="Relationship to the patient" choices=choices/>
            <PersonFields who=who/>
            <h4 class="nhsuk-heading-xs">"Their specimens"</h4>
            <SpecimenList who=who/>
            <h4 class="nhsuk-heading-xs">"Their record of discussion"</h4>
            <ConsentFields who=who/>
            <button
                type="button"
                class="gom-link-button"
                on:click=move |_| handle_edit(state, "participants", move |d| {
                    if index < d.participants.len() {
                        d.participants.remove(index);
                    }
                })
            >
                {format!("Remove family member {}", index + 1)}
            </button>
        </fieldset>
    }
}
