//! Reports to read: fetched from the server for the followed order, or opened from a file.
//! gom-core turns each into a [`ReportView`]; nothing here reads FHIR itself.

use gom_core::report::{report_views, ReportView};
use leptos::prelude::*;

use super::{encode, server, AppState};

/// Where the reports on show came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ReportSource {
    #[default]
    Nothing,
    /// The DiagnosticReports `based-on` this order.
    Server(String),
    /// A file, by name.
    File(String),
}

/// The reports page's state (runtime only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reports {
    pub source: ReportSource,
    pub loading: bool,
    pub error: Option<String>,
    pub views: Vec<ReportView>,
}

/// Fetches every report on the followed order, each with the resources it links to (the
/// server's `$graph` of the result GraphDefinition).
pub fn handle_fetch_reports(state: AppState) {
    let Some(order) = state.track_order.get_untracked() else { return };
    state.reports.set(Reports { source: ReportSource::Server(order.clone()), loading: true, ..Reports::default() });
    leptos::task::spawn_local(async move {
        let result = fetch(state, &order).await;
        if state.reports.with_untracked(|r| r.source != ReportSource::Server(order.clone())) {
            return;
        }
        state.reports.update(|r| {
            r.loading = false;
            match result {
                Ok(views) => r.views = views,
                Err(e) => r.error = Some(e),
            }
        });
    });
}

async fn fetch(state: AppState, order: &str) -> Result<Vec<ReportView>, String> {
    let found = server::get(state, &format!("DiagnosticReport?based-on={}", encode(order))).await?;
    if !(200..300).contains(&found.status) {
        return Err(format!("The server answered HTTP {} to the report search.", found.status));
    }
    let ids: Vec<String> = gom_core::track::report_ids(&found.body);
    let mut views = Vec::new();
    for id in ids {
        let tail = format!("DiagnosticReport/{}/$graph?graph=genomics-test-result", encode(&id));
        let g = server::get(state, &tail).await?;
        // A server without `$graph` still returns the report itself from the search.
        let body = if (200..300).contains(&g.status) { g.body } else { found.body.clone() };
        if let Some(v) = report_views(&body).into_iter().find(|v| v.id.as_deref() == Some(id.as_str())) {
            views.push(v);
        }
    }
    Ok(views)
}

/// Shows the reports in a file the user opened (a DiagnosticReport, or any Bundle holding one).
pub fn handle_report_file(state: AppState, name: String, text: String) {
    state.reports.set(Reports { source: ReportSource::File(name), views: report_views(&text), ..Reports::default() });
}
