use gom_core::compose::Draft;
use leptos::prelude::*;

use super::When;

use super::DraftRow;
use super::TableHead;
use crate::examples;
use crate::state::{handle_new_draft, AppState};

/// The home page: start an order, or carry on with a draft.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move || state.drafts.with(Vec::len);
    view! {
        <h1 class="nhsuk-heading-l">"Your draft orders"</h1>
        <p class="nhsuk-body">
            "Compose a genomic test order, check it as you type, then submit it to GOMS and follow it to the report. "
            "Drafts are kept in this browser only, and survive closing it."
        </p>
        <div class="gom-button-row">
            <button class="nhsuk-button" id="gom-new-draft" type="button" on:click=move |_| handle_new_draft(state, Draft::default())>
                "Start a new order"
            </button>
            <button
                class="nhsuk-button nhsuk-button--secondary"
                id="gom-example-draft"
                type="button"
                on:click=move |_| handle_new_draft(state, examples::trio())
            >
                "Start from an example Trio"
            </button>
        </div>
        <When
            when=move || { count() > 0 }
            fallback=|| view! { <p class="nhsuk-body" id="gom-no-drafts">"You have no drafts yet."</p> }
        >
            <table class="nhsuk-table" id="gom-drafts">
                <caption class="nhsuk-table__caption">{move || format!("Drafts ({})", count())}</caption>
                <TableHead cols=&["Order", "Last changed", "Status", "Actions"]/>
                <tbody class="nhsuk-table__body">
                    // Not Leptos's keyed `For`: its diffing (an IndexSet of keys, hashing) was the
                    // portal's only use, and a row's key was its whole content anyway, so a
                    // changed draft rebuilt its row either way. A short list, rebuilt in place.
                    {move || state.drafts.get().into_iter().map(|meta| view! { <DraftRow meta=meta/> }).collect_view()}
                </tbody>
            </table>
        </When>
    }
}
