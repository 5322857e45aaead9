use leptos::prelude::*;

use super::When;

use super::{summary_row, NavLink, ServerSettings, SubmitResult};
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
                {summary_row("Order", view! { {move || state.draft.with(|r| r.title())} }.into_any())}
                {summary_row("Bundle", view! { {move || format!("A transaction of {} entries", entries())} }.into_any())}
                {summary_row("Sent to", view! { <code class="gom-value">{move || state.settings.with(|s| s.base())}</code> }.into_any())}
                <When when=move || submitted().is_some()>
                    {summary_row("Already submitted", view! { {move || submitted().map(|s| format!("{} as {}", crate::time::local_time(&s.at), s.order.unwrap_or_default())).unwrap_or_default()} }.into_any())}
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
