use gom_core::response::{Answer, AnswerKind};
use leptos::prelude::*;

use super::error_summary;

use super::cell;

use super::When;

use super::TableHead;
use super::{Message, NavLink};
use crate::state::{AppState, Route, SubmitState};

/// What the server said to the last submit: the server ids of an accepted order, or why it was
/// refused, per entry. A refused or failed submit leaves the draft as it was, and says so.
#[component]
pub fn SubmitResult() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div aria-live="polite" id="gom-submit-result">
            {move || match state.submit.get() {
                SubmitState::Idle => ().into_any(),
                SubmitState::Sending => view! { <p class="nhsuk-body">"Sending the order…"</p> }.into_any(),
                SubmitState::Unreachable(why) => error_summary(
                    "gom-submit-failed",
                    "gom-submit-failed-heading",
                    true,
                    "The order was not sent".to_owned().into_any(),
                    view! { <p>{why}</p>
                            <p>"Your draft is unchanged."</p> }.into_any()),
                SubmitState::Answered { answer, body } => answered(answer, body).into_any(),
            }}
        </div>
    }
}

fn answered(answer: Answer, body: String) -> impl IntoView {
    let accepted = answer.accepted();
    let order = answer.order();
    let status = answer.http_status;
    let kind = match &answer.kind {
        AnswerKind::TransactionResponse => "a transaction-response".to_owned(),
        AnswerKind::OperationOutcome => "an OperationOutcome".to_owned(),
        AnswerKind::Other(t) => format!("a {t}"),
        AnswerKind::Unreadable => "no FHIR resource".to_owned(),
    };
    let issues: Vec<_> =
        answer.all_issues().filter(|(_, i)| i.is_error() || !accepted).map(|(e, i)| (e, i.clone())).collect();
    let has_entries = !answer.entries.is_empty();
    let heading = if accepted {
        view! {
            <div class="nhsuk-panel" id="gom-submit-accepted">
                <h2 class="nhsuk-panel__title">"Order accepted"</h2>
                <div class="nhsuk-panel__body">
                    {format!("GOMS holds it as {}", order.clone().unwrap_or_else(|| "a new order".to_owned()))}
                </div>
            </div>
            <p class="nhsuk-body"><NavLink route=Route::Track>"Track the order"</NavLink></p>
        }
        .into_any()
    } else {
        error_summary(
            "gom-submit-refused",
            "gom-submit-refused-heading",
            true,
            format!("The server did not accept the order (HTTP {status}, {kind})").into_any(),
            view! { <ul class="nhsuk-list nhsuk-error-summary__list">
                        {issues.into_iter().map(|(entry, i)| {
                            let place = entry.map(|e| format!("Entry {e}: ")).unwrap_or_default();
                            let rule = i.rule.clone().map(|r| format!(" ({r})")).unwrap_or_default();
                            view! { <li class="gom-server-issue">{place}<Message text=i.text().to_owned()/>{rule}</li> }.into_any()
                        }).collect_view()}
                    </ul>
                    <p>"Your draft is unchanged: fix it and submit again."</p> }.into_any())
    };
    view! {
        {heading}
        <When when=move || has_entries>
            <table class="nhsuk-table" id="gom-submit-entries">
                <caption class="nhsuk-table__caption nhsuk-table__caption--m">"Entries"</caption>
                <TableHead cols=&["Entry", "Status", "Server id"]/>
                <tbody class="nhsuk-table__body">
                    {answer.entries.iter().map(|e| {
                        let tag = if e.ok() { "nhsuk-tag nhsuk-tag--green" } else { "nhsuk-tag nhsuk-tag--red" };
                        view! {
                            <tr class="nhsuk-table__row">
                                {cell("nhsuk-table__cell", format!("{} {}", e.index, e.resource_type.clone().unwrap_or_default()))}
                                <td class="nhsuk-table__cell"><strong class=tag>{e.status.clone()}</strong></td>
                                <td class="nhsuk-table__cell"><code class="gom-value">{e.location.clone().unwrap_or_default()}</code></td>
                            </tr>
                        }.into_any()
                    }).collect_view()}
                </tbody>
            </table>
        </When>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"The server's answer as JSON"</span></summary>
            <div class="nhsuk-details__text"><pre class="gom-json gom-node-json" tabindex="0" aria-label="The server's answer">{body}</pre></div>
        </details>
    }
}
