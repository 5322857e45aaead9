use leptos::prelude::*;

use super::When;

use super::compose_sections::SECTIONS;
use super::{
    ComposeTaskList, ConsentFields, FormErrorSummary, IndicationSection, NavLink, ParticipantList, PerformerSection,
    PersonFields, RequesterSection, SpecimenList, TestSection,
};
use crate::form::Who;
use crate::state::{dom_id, handle_discard_json, handle_navigate, handle_reveal, AppState, Route};

/// The order form: a task list of sections beside the sections themselves, every finding
/// beside its field, and an error summary whose links move the focus to the field.
#[component]
pub fn ComposePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hand_edited = move || state.draft.with(|r| r.json.is_some());
    let title = move || state.draft.with(|r| r.title());
    let section = |anchor: &'static str| -> AnyView {
        match anchor {
            "patient" => view! { <PersonFields who=Who::Patient/> }.into_any(),
            "requester" => view! { <RequesterSection/> }.into_any(),
            "test" => view! { <TestSection/> }.into_any(),
            "indication" => view! { <IndicationSection/> }.into_any(),
            "specimens" => view! { <SpecimenList who=Who::Patient/> }.into_any(),
            "consent" => view! { <ConsentFields who=Who::Patient/> }.into_any(),
            "participants" => view! { <ParticipantList/> }.into_any(),
            _ => view! { <PerformerSection/> }.into_any(),
        }
    };
    view! {
        <span class="nhsuk-caption-l" id="gom-draft-title">{move || title()}</span>
        <h1 class="nhsuk-heading-l">"Compose an order"</h1>
        <When when=hand_edited>
            <div class="nhsuk-warning-callout" id="gom-hand-edited">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Edited by hand"</span>
                </h2>
                <p>"This draft's bundle was edited in the JSON view, so the form no longer drives it."</p>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| handle_discard_json(state)>
                    "Discard the hand edits and use the form"
                </button>
            </div>
        </When>
        <FormErrorSummary/>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-third gom-sticky">
                <ComposeTaskList/>
            </div>
            <div class="nhsuk-grid-column-two-thirds">
                <form novalidate on:submit=|ev| ev.prevent_default()>
                    {SECTIONS
                        .iter()
                        .map(|(anchor, heading, _)| view! {
                            <section class="gom-section" id=format!("section-{anchor}") aria-labelledby=format!("heading-{anchor}")>
                                <h2 class="nhsuk-heading-m" id=format!("heading-{anchor}")>{*heading}</h2>
                                {section(anchor)}
                            </section>
                        }.into_any())
                        .collect_view()}
                    <div class="gom-button-row">
                        <button type="button" class="nhsuk-button" id="gom-check" on:click=move |_| {
                            handle_reveal(state);
                            focus_summary();
                        }>
                            "Check the order"
                        </button>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| handle_navigate(state, Route::Submit)>
                            "Continue to submit"
                        </button>
                    </div>
                    <p class="nhsuk-body-s">
                        "See the bundle this form makes: "<NavLink route=Route::Json>"JSON"</NavLink>" or "<NavLink route=Route::Graph>"graph"</NavLink>"."
                    </p>
                </form>
            </div>
        </div>
    }
}

/// After "Check the order": the summary if there is one, else the first section.
fn focus_summary() {
    request_animation_frame(|| {
        let doc = document();
        let target =
            doc.get_element_by_id("gom-form-errors").or_else(|| doc.get_element_by_id(&dom_id("patient.nhsNumber")));
        if let Some(el) = target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    });
}
