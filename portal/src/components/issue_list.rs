use leptos::prelude::*;

use super::{IssueLink, IssueRow};
use crate::state::AppState;

/// The findings: an NHS.UK error summary when there are errors, then every finding with its
/// position. Choosing one moves the focus to its place in the JSON box.
#[component]
pub fn IssueList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let diags = move || state.checked.with(|c| c.report.diagnostics.clone());
    let errors = move || diags().into_iter().filter(|d| d.severity.is_error()).count();
    view! {
        <Show when=move || !state.checked.with(|c| c.text.trim().is_empty())>
            <Show
                when=move || { errors() > 0 }
                fallback=move || view! {
                    <div class="nhsuk-inset-text" id="gom-verdict">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"No errors: GOMS would accept this bundle."</p>
                    </div>
                }
            >
                <div class="nhsuk-error-summary" id="gom-verdict" aria-labelledby="error-summary-title">
                    <h2 class="nhsuk-error-summary__heading" id="error-summary-title">
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
