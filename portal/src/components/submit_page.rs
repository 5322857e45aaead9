use leptos::prelude::*;

use super::When;

use super::{NavLink, ServerSettings, SubmitResult};
use crate::state::{handle_submit, AppState, Route, SubmitState};

/// Sending the order: where to, what, and what the server said.
#[component]
pub fn SubmitPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = move || state.checked.with(|c| c.error_count());
    let sending = move || state.submit.with(|s| matches!(s, SubmitState::Sending));
    let entries = move || {
        state.checked.with(|c| {
            let doc = gom_core::json::Doc::parse(&c.text).ok();
            doc.and_then(|d| d.root().get("entry").filter(|e| e.is_array()).map(|e| e.len())).unwrap_or(0)
        })
    };
    let submitted = move || state.draft.with(|r| r.submitted.clone());
    view! {
        <span class="nhsuk-caption-l">{move || state.draft.with(|r| r.title())}</span>
        <h1 class="nhsuk-heading-l">"Submit the order"</h1>
        <ServerSettings/>
        <When
            when=move || { errors() == 0 }
            fallback=move || view! {
                <div class="nhsuk-warning-callout" id="gom-not-ready">
                    <h2 class="nhsuk-warning-callout__label">
                        <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Not ready to send"</span>
                    </h2>
                    <p>
                        {move || match errors() { 1 => "The order has 1 problem to fix first: ".to_owned(), n => format!("The order has {n} problems to fix first: ") }}
                        <NavLink route=Route::Compose>"go to the form"</NavLink>"."
                    </p>
                </div>
            }
        >
            <dl class="nhsuk-summary-list" id="gom-submit-summary">
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Order"</dt>
                    <dd class="nhsuk-summary-list__value">{move || state.draft.with(|r| r.title())}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Bundle"</dt>
                    <dd class="nhsuk-summary-list__value">{move || format!("A transaction of {} entries", entries())}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Sent to"</dt>
                    <dd class="nhsuk-summary-list__value"><code class="gom-value">{move || state.settings.with(|s| s.base())}</code></dd>
                </div>
                <When when=move || submitted().is_some()>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Already submitted"</dt>
                        <dd class="nhsuk-summary-list__value">
                            {move || submitted().map(|s| format!("{} as {}", crate::time::local_time(&s.at), s.order.unwrap_or_default())).unwrap_or_default()}
                        </dd>
                    </div>
                </When>
            </dl>
            <button
                type="button"
                class="nhsuk-button"
                id="gom-submit"
                disabled=move || sending().then(String::new)
                aria-disabled=move || sending().then(|| "true".to_owned())
                on:click=move |_| handle_submit(state)
            >
                {move || if sending() { "Sending…" } else { "Submit the order" }.to_owned()}
            </button>
        </When>
        <SubmitResult/>
    }
}
