use gom_core::Diagnostic;
use leptos::prelude::*;

use super::IssueRow;
use super::TableHead;

/// The validator's findings as an NHS.UK table: severity, position and FHIRPath, message and
/// help. The JSON page lists them all; a graph node lists its entry's.
#[component]
pub fn IssueTable(
    caption: &'static str,
    /// Keep the caption for screen readers only (where a heading above already says it).
    #[prop(optional)]
    hidden_caption: bool,
    #[prop(into)] diags: Signal<Vec<Diagnostic>>,
) -> impl IntoView {
    let caption_class = if hidden_caption { "nhsuk-u-visually-hidden" } else { "nhsuk-table__caption" };
    view! {
        <table class="nhsuk-table gom-issues">
            <caption class=caption_class>{caption}</caption>
            <TableHead cols=&["Severity", "Where", "Finding"]/>
            <tbody class="nhsuk-table__body">
                {move || diags.get().into_iter().map(|d| view! { <IssueRow diag=d/> }).collect_view()}
            </tbody>
        </table>
    }
}
