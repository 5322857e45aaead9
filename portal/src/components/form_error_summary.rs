use gom_core::Diagnostic;
use leptos::prelude::*;

use super::error_summary;

use super::When;
use wasm_bindgen::JsCast;

use super::Message;
use crate::state::{dom_id, handle_navigate, handle_show_in_json, parent_path, visible, AppState, Route};

/// The NHS.UK error summary of the form: every error shown so far, each linking to its field.
/// Findings that belong to no field of the form link to the JSON view.
#[component]
pub fn FormErrorSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors: Memo<Vec<(Option<String>, Diagnostic)>> = Memo::new(move |_| {
        state.checked.with(|c| {
            state.ui.with(|u| {
                c.all()
                    .filter(|(_, d, _)| d.severity.is_error())
                    .filter(|(f, d, s)| f.is_none_or(|f| visible(d, *s, u, f, false)))
                    .map(|(f, d, _)| (f.map(str::to_owned), d.clone()))
                    .collect()
            })
        })
    });
    let heading = move || match errors.with(Vec::len) {
        1 => "There is a problem".to_owned(),
        n => format!("There are {n} problems"),
    };
    view! {
        <When when=move || !errors.with(Vec::is_empty)>
            {error_summary(
                "gom-form-errors",
                "gom-form-errors-heading",
                true,
                view! { {move || heading()} }.into_any(),
                view! { <ul class="nhsuk-list nhsuk-error-summary__list">
                        {move || errors.get().into_iter().map(|(field, d): (Option<String>, Diagnostic)| {
                            let href = match field.as_deref() {
                                Some(f) => format!("#{}", dom_id(f)),
                                None => Route::Json.path().to_owned(),
                            };
                            view! {
                                <li>
                                    <a href=href data-code=d.code on:click={
                                        let span = d.span;
                                        move |ev| {
                                        ev.prevent_default();
                                        match (field.as_deref(), span) {
                                            (Some(f), _) => focus_field(f),
                                            (None, Some(span)) => handle_show_in_json(state, span),
                                            (None, None) => handle_navigate(state, Route::Json),
                                        }
                                    }}>
                                        <Message text=d.message/>
                                    </a>
                                </li>
                            }.into_any()
                        }).collect_view()}
                    </ul> }.into_any())}
        </When>
    }
}

/// Focuses the element of a field, or of the nearest section that has one, and scrolls it into view.
pub fn focus_field(path: &str) {
    let doc = document();
    let mut p = Some(path);
    while let Some(cur) = p {
        let id = dom_id(cur);
        let el = doc.get_element_by_id(&id).or_else(|| doc.get_element_by_id(&format!("{id}-section")));
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.scroll_into_view();
            let _ = el.focus();
            return;
        }
        p = parent_path(cur);
    }
}
