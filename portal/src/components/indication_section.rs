use leptos::prelude::*;

use super::{draft_count, ConditionFields, ObservationFields, SectionMessages};
use crate::form::Who;
use crate::state::{handle_edit, AppState};

/// The clinical indication: coded conditions (the first is the order's main reason) and
/// observations such as phenotypes present or absent.
#[component]
pub fn IndicationSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let conditions = draft_count(state, Who::Patient, |d, _| d.indication.conditions.len());
    let observations = draft_count(state, Who::Patient, |d, _| d.indication.observations.len());
    view! {
        <SectionMessages path="indication".to_owned()/>
        <h3 class="nhsuk-heading-s">"Conditions"</h3>
        {move || (0..conditions.get()).map(|i| view! { <ConditionFields index=i/> }).collect_view()}
        <button
            type="button"
            class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            id="gom-add-condition"
            on:click=move |_| handle_edit(state, "indication.conditions", |d| d.indication.conditions.push(Default::default()))
        >
            "Add a condition"
        </button>
        <h3 class="nhsuk-heading-s">"Observations"</h3>
        {move || (0..observations.get()).map(|i| view! { <ObservationFields index=i/> }).collect_view()}
        <button
            type="button"
            class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            id="gom-add-observation"
            on:click=move |_| handle_edit(state, "indication.observations", |d| d.indication.observations.push(Default::default()))
        >
            "Add an observation"
        </button>
    }
}
