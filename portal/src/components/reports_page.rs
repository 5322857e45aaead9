use leptos::prelude::*;

use super::error_summary;
use wasm_bindgen::JsCast;

use super::{OrderPicker, ReportDoc};
use crate::state::{handle_fetch_reports, handle_report_file, AppState, ReportSource};

/// Reading results: the reports on the followed order, from the server, or a report file.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Fetch for the followed order when this page opens, unless a file is on show.
    let wanted = state.track_order.get_untracked();
    let showing = state.reports.with_untracked(|r| r.source.clone());
    if let Some(order) = wanted {
        if showing != ReportSource::Server(order) && !matches!(showing, ReportSource::File(_)) {
            handle_fetch_reports(state);
        }
    }
    let on_file = move |ev: web_sys::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
            let name = file.name();
            leptos::task::spawn_local(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    handle_report_file(state, name, text.as_string().unwrap_or_default());
                }
            });
        }
    };
    let r = state.reports;
    view! {
        <h1 class="nhsuk-heading-l">"Read a report"</h1>
        <div class="gom-no-print">
            <p class="nhsuk-body" id="gom-report-source">
                {move || match r.with(|r| r.source.clone()) {
                    ReportSource::Nothing => "No report open yet. Follow an order that has a result, or open a report file.".to_owned(),
                    ReportSource::Server(order) => format!("Reports on {order}, from the server."),
                    ReportSource::File(name) => format!("From the file {name}."),
                }}
            </p>
            <div class="gom-button-row">
                <button
                    type="button"
                    class="nhsuk-button nhsuk-button--secondary"
                    id="gom-fetch-reports"
                    disabled=move || state.track_order.with(Option::is_none).then(String::new)
                    on:click=move |_| handle_fetch_reports(state)
                >
                    "Get the reports on the followed order"
                </button>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="gom-report-file">"Or open a report file"</label>
                <div class="nhsuk-hint" id="gom-report-file-hint">"A DiagnosticReport, or any Bundle that holds one (JSON)"</div>
                <input
                    class="nhsuk-file-upload"
                    id="gom-report-file"
                    name="gom-report-file"
                    type="file"
                    accept=".json,application/json,application/fhir+json"
                    aria-describedby="gom-report-file-hint"
                    on:change=on_file
                />
            </div>
            <OrderPicker/>
        </div>
        {move || {
            let rep = r.get();
            if rep.loading {
                return view! { <p class="nhsuk-body" aria-live="polite">"Getting the reports…"</p> }.into_any();
            }
            if let Some(e) = rep.error {
                return error_summary(
                    "gom-reports-error",
                    "gom-reports-error-heading",
                    false,
                    "The reports could not be read".to_owned().into_any(),
                    view! { <p>{e}</p> }.into_any());
            }
            if rep.views.is_empty() && matches!(rep.source, ReportSource::Server(_)) {
                return view! { <p class="nhsuk-body" id="gom-no-reports">"There is no report on this order yet."</p> }.into_any();
            }
            rep.views.into_iter().map(|v| view! { <ReportDoc view=v/> }).collect_view().into_any()
        }}
    }
}
