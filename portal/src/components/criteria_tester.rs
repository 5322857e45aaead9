use gom_core::events::{genomic_order_event, to_cloudevent, ReferenceIndex};
use gom_core::subscribe::{try_bundle, try_event};
use leptos::prelude::*;

use super::TableHead;
use super::{criteria_text, Message, TrialRow};
use crate::state::{check, handle_event_text, now_iso, stored_drafts, AppState};

/// Trying the criteria: on every resource of the orders kept in this browser, and on one event.
#[component]
pub fn CriteriaTester() -> impl IntoView {
    let state = expect_context::<AppState>();
    let criteria = criteria_text(state, |c| &c.text);
    // The orders held: each stored draft's bundle (re-read when this page opens).
    let bundles: Vec<(String, String)> = {
        let now = state.now.get_untracked();
        state
            .catalogue
            .with_untracked(|c| stored_drafts().into_iter().map(|r| (r.title(), check(&r, &now, c).text)).collect())
    };
    let held = move || {
        let c = criteria.get();
        bundles.iter().map(|(title, text)| (title.clone(), try_bundle(&c, text))).collect::<Vec<_>>()
    };
    let event_result = move || {
        let c = criteria.get();
        let ev = state.criteria.with(|s| s.event.clone());
        if ev.trim().is_empty() {
            return None;
        }
        Some(try_event(&c, &ev))
    };
    let sample = move |_| {
        // An event for the open order's ServiceRequest, as GOMS would publish it on a change.
        let text = state.checked.with_untracked(|c| c.text.clone());
        let Some(bundle) = gom_core::jsonvalue::parse(&text) else { return };
        let ix = ReferenceIndex::from_bundle(&bundle);
        let sr = bundle.get("entry").and_then(|e| e.as_array()).and_then(|e| {
            e.iter()
                .filter_map(|x| x.get("resource"))
                .find(|r| r.get("resourceType").and_then(|t| t.as_str()) == Some("ServiceRequest"))
        });
        if let Some(sr) = sr {
            let ev = genomic_order_event(
                sr,
                &ix,
                &crate::state::random_uuid(),
                &now_iso(),
                &state.settings.with_untracked(|s| s.base()),
            );
            handle_event_text(state, crate::pretty::pretty(&to_cloudevent(&ev)));
        }
    };
    view! {
        <h2 class="nhsuk-heading-m">"Try it"</h2>
        <h3 class="nhsuk-heading-s">"On the orders you hold"</h3>
        <div id="gom-crit-held">
            {move || {
                let rows = held();
                if rows.is_empty() {
                    return view! { <p class="nhsuk-body">"No order is kept in this browser yet."</p> }.into_any();
                }
                rows.into_iter().map(|(title, trials)| {
                    let matched = trials.iter().filter(|t| t.matched).count();
                    view! {
                        <table class="nhsuk-table gom-trials">
                            <caption class="nhsuk-table__caption nhsuk-table__caption--s">{format!("{title}: {matched} of {} would be announced", trials.len())}</caption>
                            <TableHead cols=&["Resource", "Matched", "Attributes"]/>
                            <tbody class="nhsuk-table__body">
                                {trials.into_iter().map(|t| view! { <TrialRow trial=t/> }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }).collect_view().into_any()
            }}
        </div>
        <h3 class="nhsuk-heading-s">"On an event"</h3>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-event">"Event (CloudEvent or MNS FHIR notification)"</label>
            <textarea class="nhsuk-textarea gom-json" id="gom-event" name="gom-event" rows="8" spellcheck="false"
                prop:value=move || state.criteria.with(|c| c.event.clone())
                on:input=move |ev| handle_event_text(state, event_target_value(&ev))></textarea>
        </div>
        <button type="button" class="nhsuk-button nhsuk-button--secondary" id="gom-sample-event" on:click=sample>
            "Use a sample event from the open order"
        </button>
        <div id="gom-event-result" aria-live="polite">
            {move || match event_result() {
                None => ().into_any(),
                Some(Ok(Some(t))) => {
                    let (tag, text) = if t.matched { ("nhsuk-tag nhsuk-tag--green", "Delivered") } else { ("nhsuk-tag nhsuk-tag--grey", "Not delivered") };
                    view! { <p class="nhsuk-body"><strong class=tag id="gom-event-verdict">{text}</strong>{format!(" {}", t.errors.join(", "))}</p> }.into_any()
                }
                Some(Ok(None)) => view! { <p class="nhsuk-body">"Fix the criteria first."</p> }.into_any(),
                Some(Err(report)) => view! {
                    <ul class="nhsuk-list" id="gom-event-problems">
                        {report.diagnostics.into_iter().map(|d| view! { <li><Message text=d.message/></li> }.into_any()).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}
