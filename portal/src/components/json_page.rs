use leptos::prelude::*;

use super::When;

use super::{BundleInput, IssueList, NavLink};
use crate::state::{handle_discard_json, AppState, Route};

/// The bundle as JSON: the one the form makes, or edited here by hand (typed, pasted, opened or
/// dropped), checked as it changes, and downloadable.
#[component]
pub fn JsonPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hand_edited = move || state.checked.with(|c| c.hand_edited);
    view! {
        <span class="nhsuk-caption-l">{move || state.draft.with(|r| r.title())}</span>
        <h1 class="nhsuk-heading-l">"Order bundle JSON"</h1>
        <When
            when=hand_edited
            fallback=|| view! {
                <p class="nhsuk-body" id="gom-json-source">
                    "This is the FHIR transaction Bundle the "<NavLink route=Route::Compose>"form"</NavLink>
                    " makes. Editing it here detaches it from the form."
                </p>
            }
        >
            <div class="nhsuk-inset-text" id="gom-json-source">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>"This bundle is edited by hand; the form no longer drives it."</p>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| handle_discard_json(state)>
                    "Discard the hand edits and use the form"
                </button>
            </div>
        </When>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half"><BundleInput/></div>
            <div class="nhsuk-grid-column-one-half"><IssueList/></div>
        </div>
    }
}
