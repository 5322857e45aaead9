use gom_core::report::ReportView;
use leptos::prelude::*;

use super::{cell, summary_row};

use super::TableHead;
use super::{Message, PatientBanner, ReportAttachment, StatusTag, VariantsTable};
use crate::time::local_time;

/// One genomic report, laid out for reading and printing. Every value is text; the lab's own
/// narrative is shown as markup only when gom-core's narrative rules passed it.
#[component]
pub fn ReportDoc(view: ReportView) -> impl IntoView {
    let v = view;
    let title = v.test.as_ref().map(|t| t.label.clone()).unwrap_or_else(|| "Genomic test report".to_owned());
    let status = v.status.clone().unwrap_or_default();
    let status_label = v.status_label.clone().unwrap_or_else(|| status.clone());
    let labs: Vec<String> = v
        .performers
        .iter()
        .map(|p| match (&p.name, &p.ods) {
            (Some(n), Some(o)) => format!("{n} ({o})"),
            (Some(n), None) => n.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    let order =
        v.order.as_ref().and_then(|o| o.reference.clone().or_else(|| o.identifiers.first().map(|i| i.value.clone())));
    let row = |key: &'static str, value: Option<String>| {
        value.filter(|s| !s.is_empty()).map(|value| summary_row(key, value.into_any()))
    };
    let narrative = v.narrative.clone();
    let problems = v.problems.clone();
    let specimens = v.specimens.clone();
    let others = v.other_results.clone();
    let conclusion_codes: Vec<String> = v.conclusion_codes.iter().map(|c| c.label.clone()).collect();
    view! {
        <article class="gom-report" data-report=v.id.clone().unwrap_or_default() aria-labelledby=format!("report-{}", v.id.clone().unwrap_or_default())>
            {v.patient.clone().map(|p| view! { <PatientBanner patient=p/> })}
            <h2 class="nhsuk-heading-m gom-report-title" id=format!("report-{}", v.id.clone().unwrap_or_default())>
                {title}" "<StatusTag status=status.clone()/>
            </h2>
            <p class="nhsuk-body-s gom-status-label">{format!("Status: {status_label}")}</p>
            <dl class="nhsuk-summary-list">
                {row("Issued", v.issued.as_deref().map(local_time))}
                {row("Effective", v.effective.clone())}
                {row("Performing laboratory", (!labs.is_empty()).then(|| labs.join("; ")))}
                {row("Order", order)}
                {row("Ordered test", v.order.as_ref().and_then(|o| o.test.as_ref()).map(|t| t.label.clone()))}
                {row("Report id", v.id.clone())}
            </dl>
            <h3 class="nhsuk-heading-s">"Conclusion"</h3>
            <p class="nhsuk-body gom-conclusion">{v.conclusion.clone().unwrap_or_else(|| "The report gives no conclusion.".to_owned())}</p>
            {(!conclusion_codes.is_empty()).then(|| view! { <p class="nhsuk-body-s">{format!("Coded: {}", conclusion_codes.join("; "))}</p> }.into_any())}
            <VariantsTable variants=v.variants.clone()/>
            {(!others.is_empty()).then(|| view! {
                <h3 class="nhsuk-heading-s">"Other results"</h3>
                <ul class="nhsuk-list nhsuk-list--bullet gom-other-results">
                    {others.into_iter().map(|o| view! {
                        <li>
                            <strong>{o.label}</strong>{o.value.map(|x| format!(": {x}"))}
                            {(!o.components.is_empty()).then(|| view! { <br/><span class="nhsuk-body-s">{o.components.join("; ")}</span> }.into_any())}
                            {(!o.notes.is_empty()).then(|| view! { <br/><span class="nhsuk-body-s">{o.notes.join(" ")}</span> }.into_any())}
                        </li>
                    }.into_any()).collect_view()}
                </ul>
            }.into_any())}
            {(!specimens.is_empty()).then(|| view! {
                <table class="nhsuk-table gom-specimens">
                    <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Specimens"</caption>
                    <TableHead cols=&["Type", "Collected", "Identifiers", "Whose"]/>
                    <tbody class="nhsuk-table__body">
                        {specimens.into_iter().map(|s| view! {
                            <tr class="nhsuk-table__row">
                                {cell("nhsuk-table__cell", s.kind.unwrap_or_default())}
                                {cell("nhsuk-table__cell", s.collected.unwrap_or_default())}
                                {cell("nhsuk-table__cell", s.identifiers.join(", "))}
                                {cell("nhsuk-table__cell", s.subject.unwrap_or_else(|| "The patient".to_owned()))}
                            </tr>
                        }.into_any()).collect_view()}
                    </tbody>
                </table>
            }.into_any())}
            {v.attachments.clone().into_iter().map(|a| view! { <ReportAttachment attachment=a/> }).collect_view()}
            {narrative.map(|n| view! {
                <h3 class="nhsuk-heading-s">"The laboratory's own summary"</h3>
                {match n.html {
                    // Passed gom-core's narrative rules (no script, no event handler, no unsafe
                    // URL, XHTML only): shown as the lab wrote it.
                    Some(html) => view! { <div class="gom-narrative" inner_html=html></div> }.into_any(),
                    None => view! { <div class="gom-narrative gom-narrative-text">{n.text}</div> }.into_any(),
                }}
            }.into_any())}
            {(!problems.is_empty()).then(|| view! {
                <details class="nhsuk-details gom-no-print">
                    <summary class="nhsuk-details__summary">
                        <span class="nhsuk-details__summary-text">{format!("What could not be read ({})", problems.len())}</span>
                    </summary>
                    <div class="nhsuk-details__text">
                        <ul class="nhsuk-list gom-report-problems">
                            {problems.into_iter().map(|d| view! { <li data-code=d.code><Message text=d.message/></li> }.into_any()).collect_view()}
                        </ul>
                    </div>
                </details>
            }.into_any())}
            <button type="button" class="nhsuk-button nhsuk-button--secondary gom-no-print" on:click=|_| {
                let _ = window().print();
            }>"Print the report"</button>
        </article>
    }
}
