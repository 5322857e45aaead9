use leptos::prelude::*;

use crate::state::AppState;

/// The footer: version, and how long the last check of the open draft took.
#[component]
pub fn Footer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let timing = move || {
        state.checked.track();
        format!("{:.1}", state.check_ms.get_value())
    };
    view! {
        <footer role="contentinfo" class="nhsuk-footer">
            <div class="nhsuk-width-container">
                <p class="nhsuk-body-s">
                    {format!("gom {} · every check runs in this page. ", gom_core::version())}
                    "Last check: "<span id="gom-check-ms">{timing}</span>" ms."
                </p>
            </div>
        </footer>
    }
}
