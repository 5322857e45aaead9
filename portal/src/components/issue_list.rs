use leptos::prelude::*;

use super::error_summary;

use super::When;

use super::{IssueLink, IssueTable};
use crate::state::AppState;

/// The findings: an NHS.UK error summary when there are errors, then every finding with its
/// position. Choosing one moves the focus to its place in the JSON box.
#[component]
pub fn IssueList() -> impl IntoView {
    let state = expect_context::<AppState>();
    // One copy of the findings per verdict, shared by the summary and the table; unchanged
    // findings (a keystroke that moves none) re-render nothing.
    let diags = Memo::new(move |_| state.checked.with(|c| c.report.diagnostics.clone()));
    let errors = move || diags.with(|ds| ds.iter().filter(|d| d.severity.is_error()).count());
    view! {
        <When when=move || !state.checked.with(|c| c.text.trim().is_empty())>
            <When
                when=move || { errors() > 0 }
                fallback=move || view! {
                    <div class="nhsuk-inset-text" id="gom-verdict">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"No errors: GOMS would accept this bundle."</p>
                    </div>
                }
            >
                {error_summary(
                    "gom-verdict",
                    "error-summary-title",
                    false,
                    view! { {move || format!("There {} {} {} to fix", if errors() == 1 { "is" } else { "are" }, errors(), if errors() == 1 { "problem" } else { "problems" })} }.into_any(),
                    view! { <ul class="nhsuk-list nhsuk-error-summary__list">
                            {move || diags.with(|ds| ds.iter().filter(|d| d.severity.is_error()).map(|d| view! { <li><IssueLink diag=d.clone()/></li> }.into_any()).collect_view())}
                        </ul> }.into_any())}
            </When>
            <IssueTable caption="All findings" diags=diags/>
        </When>
    }
}
