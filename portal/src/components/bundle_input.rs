use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use super::issue_link::select_in_box;
use crate::download::download_text;
use crate::state::{handle_json_text, AppState};

/// The JSON box: type or paste, open a file, or drop one on it; download what is there.
#[component]
pub fn BundleInput() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    // The box's text is set from the verdict only when it differs from what the box holds: a
    // keystroke's own text (100 KB for a 100-entry bundle) is not sent back to the page.
    let holds = StoredValue::new(String::new());
    Effect::new(move |_| {
        state.checked.with(|c| {
            let el = document().get_element_by_id("bundle-json");
            if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                if holds.with_value(|h| *h != c.text) {
                    el.set_value(&c.text);
                    holds.set_value(c.text.clone());
                }
            }
        });
    });
    // A selection asked for by another page (a graph node, a finding) is made once the box is drawn.
    if let Some((start, end)) = state.pending_selection.get_value() {
        state.pending_selection.set_value(None);
        request_animation_frame(move || {
            state.checked.with_untracked(|c| select_in_box(&c.text, start as usize, end as usize));
        });
    }
    let on_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    handle_json_text(state, text);
                }
            }
        });
    };
    let download = move |_| {
        let name = state.draft.with_untracked(|r| {
            let id = r.id.get(..8).unwrap_or("draft").to_owned();
            format!("gom-order-{id}.json")
        });
        state.checked.with_untracked(|c| download_text(&name, "application/fhir+json", &c.text));
    };
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-label--s" for="bundle-json">"Bundle JSON"</label>
            <div class="nhsuk-hint" id="bundle-json-hint">
                "Edit, paste, open a file or drop one here. It is checked as you type."
            </div>
            <textarea
                class="nhsuk-textarea gom-json"
                class:gom-dragging=move || dragging.get()
                id="bundle-json"
                name="bundle-json"
                rows="24"
                spellcheck="false"
                aria-describedby="bundle-json-hint"
                on:input=move |ev: web_sys::Event| {
                    let Some(text) = box_text(&ev) else { return };
                    holds.set_value(text.clone());
                    handle_json_text(state, text);
                }
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
        <button type="button" class="nhsuk-button nhsuk-button--secondary" id="gom-download" on:click=download>
            "Download the JSON"
        </button>
    }
}

#[wasm_bindgen]
extern "C" {
    /// The browser's UTF-8 encoder (declared here: web-sys has it behind a feature of its own).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &wasm_bindgen::JsValue) -> js_sys::Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// The text of the box an input event came from. A 100-entry bundle is ~130 KB: wasm-bindgen
/// copies a string into Wasm one character at a time in JS (~0.5 ms per keystroke for this
/// text, November 2026), the browser's encoder does it natively (~0.15 ms) and one copy moves
/// the bytes across.
fn box_text(ev: &web_sys::Event) -> Option<String> {
    // The box's text as a JS string, not yet copied into Rust.
    let target: wasm_bindgen::JsValue = ev.target()?.into();
    let text = js_sys::Reflect::get(&target, &wasm_bindgen::JsValue::from_str("value")).ok()?;
    if !text.is_string() {
        return None;
    }
    let bytes = ENCODER.with(|e| e.encode(&text)).to_vec();
    String::from_utf8(bytes).ok()
}
