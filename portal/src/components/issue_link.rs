use gom_core::Diagnostic;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Message;
use crate::state::AppState;

/// A link that selects the finding's place in the JSON box.
#[component]
pub fn IssueLink(diag: Diagnostic) -> impl IntoView {
    let span = diag.span;
    let state = expect_context::<AppState>();
    view! {
        <a href="#bundle-json" on:click=move |ev| {
            ev.prevent_default();
            if let Some((start, end)) = span {
                state.checked.with_untracked(|c| select_in_box(&c.text, start as usize, end as usize));
            }
        }><Message text=diag.message/></a>
    }
}

/// Focuses the JSON box and selects a byte range of its text.
pub fn select_in_box(text: &str, start: usize, end: usize) {
    select_in("bundle-json", text, start, end);
}

/// Focuses a text box and selects a byte range of its text (converted to UTF-16 offsets).
pub fn select_in(id: &str, text: &str, start: usize, end: usize) {
    let utf16 = |b: usize| text.get(..b.min(text.len())).map_or(0, |s| s.encode_utf16().count()) as u32;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        let _ = el.set_selection_range(utf16(start), utf16(end.max(start)));
    }
}
