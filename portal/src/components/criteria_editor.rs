use gom_core::criteria::lint;
use leptos::prelude::*;

use super::issue_link::select_in;
use super::{criteria_text, Message};
use crate::state::{handle_criteria_text, AppState};

/// The criteria text, linted as it is typed; choosing a finding selects its place.
#[component]
pub fn CriteriaEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = criteria_text(state, |c| &c.text);
    let report = Memo::new(move |_| text.with(|t| lint(t)));
    let errors = move || report.with(|r| r.diagnostics.iter().filter(|d| d.severity.is_error()).count());
    view! {
        <h2 class="nhsuk-heading-m">"Criteria"</h2>
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || { errors() > 0 }>
            <label class="nhsuk-label" for="gom-criteria">"Subscription criteria"</label>
            <div class="nhsuk-hint" id="gom-criteria-hint">"Built from the form, or written here. Checked as you type."</div>
            <textarea class="nhsuk-textarea gom-json gom-wrap" id="gom-criteria" name="gom-criteria" rows="6" spellcheck="false"
                aria-describedby="gom-criteria-hint gom-criteria-findings"
                prop:value=move || text.get()
                on:input=move |ev| handle_criteria_text(state, event_target_value(&ev))></textarea>
        </div>
        <div id="gom-criteria-findings">
            {move || {
                let diags = report.get().diagnostics;
                if diags.is_empty() {
                    return view! { <p class="nhsuk-body" id="gom-criteria-ok"><strong class="nhsuk-tag nhsuk-tag--green">"No finding"</strong>" MNS would accept this criteria."</p> }.into_any();
                }
                view! {
                    <ul class="nhsuk-list gom-criteria-list">
                        {diags.into_iter().map(|d| {
                            let tag = if d.severity.is_error() { "nhsuk-tag nhsuk-tag--red" } else { "nhsuk-tag nhsuk-tag--orange" };
                            let span = d.span;
                            let col = d.column.unwrap_or(1);
                            view! {
                                <li class="gom-criteria-finding" data-code=d.code>
                                    <strong class=tag>{d.severity.as_str()}</strong>" "
                                    <a href="#gom-criteria" on:click=move |ev| {
                                        ev.prevent_default();
                                        if let Some((s, e)) = span {
                                            text.with_untracked(|t| select_in("gom-criteria", t, s as usize, e as usize));
                                        }
                                    }>{format!("Column {col}: ")}<Message text=d.message/></a>
                                    <br/><span class="nhsuk-body-s gom-help"><Message text=d.help.to_string()/></span>
                                </li>
                            }.into_any()
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
