use gom_core::{Diagnostic, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::AppState;

/// The findings: an NHS.UK error summary when there are errors, then every finding with its
/// position. Choosing one moves the focus to its place in the JSON box.
#[component]
pub fn IssueList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let diags = move || state.report.get().diagnostics;
    let errors = move || diags().into_iter().filter(|d| d.severity.is_error()).count();
    view! {
        <Show when=move || !state.bundle_text.with(|t| t.trim().is_empty())>
            <Show
                when=move || { errors() > 0 }
                fallback=move || view! {
                    <div class="nhsuk-inset-text" id="gom-verdict">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"No errors: GOMS would accept this bundle."</p>
                    </div>
                }
            >
                <div class="nhsuk-error-summary" id="gom-verdict" aria-labelledby="error-summary-title" role="alert">
                    <h2 class="nhsuk-error-summary__title" id="error-summary-title">
                        {move || format!("There {} {} {} to fix", if errors() == 1 { "is" } else { "are" }, errors(), if errors() == 1 { "problem" } else { "problems" })}
                    </h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {move || diags().into_iter().filter(|d| d.severity.is_error()).map(|d| view! { <li><IssueLink diag=d/></li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
            <table class="nhsuk-table gom-issues">
                <caption class="nhsuk-table__caption">"All findings"</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Severity"</th>
                        <th scope="col" class="nhsuk-table__header">"Where"</th>
                        <th scope="col" class="nhsuk-table__header">"Finding"</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {move || diags().into_iter().map(|d| view! { <IssueRow diag=d/> }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn IssueRow(diag: Diagnostic) -> impl IntoView {
    let tag = match diag.severity {
        Severity::Fatal | Severity::Error => "nhsuk-tag nhsuk-tag--red",
        Severity::Warning => "nhsuk-tag nhsuk-tag--orange",
        Severity::Information => "nhsuk-tag nhsuk-tag--blue",
    };
    let where_ = format!("{}:{}", diag.line.unwrap_or(1), diag.column.unwrap_or(1));
    let expr = diag.expression.clone().unwrap_or_default();
    let help = diag.help.to_string();
    let code = diag.code;
    view! {
        <tr class="nhsuk-table__row gom-issue" data-code=code>
            <td class="nhsuk-table__cell"><strong class=tag>{diag.severity.as_str()}</strong></td>
            <td class="nhsuk-table__cell"><span class="gom-pos">{where_}</span><br/><code class="gom-expr">{expr}</code></td>
            <td class="nhsuk-table__cell">
                <IssueLink diag=diag/>
                <p class="nhsuk-body-s gom-help">{help}" "<span class="gom-code">{code}</span></p>
            </td>
        </tr>
    }
}

/// A link that selects the finding's place in the JSON box.
#[component]
fn IssueLink(diag: Diagnostic) -> impl IntoView {
    let span = diag.span;
    let state = expect_context::<AppState>();
    view! {
        <a href="#bundle-json" on:click=move |ev| {
            ev.prevent_default();
            if let Some((start, end)) = span {
                state.bundle_text.with_untracked(|t| select_in_box(t, start as usize, end as usize));
            }
        }>{diag.message}</a>
    }
}

/// Focuses the JSON box and selects a byte range of its text (converted to UTF-16 offsets).
fn select_in_box(text: &str, start: usize, end: usize) {
    let utf16 = |b: usize| text.get(..b.min(text.len())).map_or(0, |s| s.encode_utf16().count()) as u32;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("bundle-json"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        let _ = el.set_selection_range(utf16(start), utf16(end.max(start)));
    }
}
