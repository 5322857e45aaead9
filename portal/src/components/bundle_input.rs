use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{handle_bundle_text, AppState};

/// The JSON box: type or paste, open a file, or drop one on it.
#[component]
pub fn BundleInput() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let on_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    handle_bundle_text(state, text);
                }
            }
        });
    };
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-label--m" for="bundle-json">"Bundle JSON"</label>
            <div class="nhsuk-hint" id="bundle-json-hint">
                "Paste a FHIR transaction Bundle, open a file or drop one here. It is checked as you type."
            </div>
            <textarea
                class="nhsuk-textarea gom-json"
                class:gom-dragging=move || dragging.get()
                id="bundle-json"
                name="bundle-json"
                rows="18"
                spellcheck="false"
                aria-describedby="bundle-json-hint"
                prop:value=move || state.bundle_text.get()
                on:input=move |ev| handle_bundle_text(state, event_target_value(&ev))
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        on_file(file);
                    }
                }
            ></textarea>
        </div>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="bundle-file">"Open a file"</label>
            <input
                class="nhsuk-file-upload"
                id="bundle-file"
                name="bundle-file"
                type="file"
                accept=".json,application/json,application/fhir+json"
                on:change=move |ev| {
                    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                    if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
                        on_file(file);
                    }
                }
            />
        </div>
    }
}
