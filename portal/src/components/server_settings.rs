use leptos::prelude::*;

use crate::state::{handle_settings, AppState, DEFAULT_FHIR_BASE};

/// The FHIR server to talk to: base URL (kept), bearer token (this page only).
#[component]
pub fn ServerSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-fhir-base">"FHIR base URL"</label>
            <div class="nhsuk-hint" id="gom-fhir-base-hint">
                {format!("Where GOMS is. {DEFAULT_FHIR_BASE} is the local server this page came from.")}
            </div>
            <input
                class="nhsuk-input nhsuk-input--width-30"
                id="gom-fhir-base"
                name="gom-fhir-base"
                type="url"
                spellcheck="false"
                autocomplete="url"
                aria-describedby="gom-fhir-base-hint"
                prop:value=move || state.settings.with(|s| s.fhir_base.clone())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    handle_settings(state, move |s| s.fhir_base = v);
                }
            />
        </div>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-token">"Bearer token (optional)"</label>
            <div class="nhsuk-hint" id="gom-token-hint">
                "Sent as an Authorization header. It is kept only while this page is open, never saved."
            </div>
            <input
                class="nhsuk-input nhsuk-input--width-30"
                id="gom-token"
                name="gom-token"
                type="password"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="gom-token-hint"
                prop:value=move || state.token.get()
                on:input=move |ev| state.token.set(event_target_value(&ev))
            />
        </div>
    }
}
