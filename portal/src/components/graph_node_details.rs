use leptos::prelude::*;

use super::When;

use super::graph_page::GraphSelection;
use super::{summary_row, IssueTable, Message};
use crate::state::{handle_show_in_json, AppState};

/// The chosen resource: what it is, its references out and in, its findings and its JSON.
#[component]
pub fn GraphNodeDetails() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sel = expect_context::<GraphSelection>();
    let details = move || {
        let entry = sel.selected.get()?;
        let node = sel.model.with(|g| g.node(entry).cloned())?;
        let (out, incoming) = sel.model.with(|g| {
            let out: Vec<_> = g.edges.iter().filter(|e| e.from == entry).cloned().collect();
            let incoming: Vec<_> = g.edges.iter().filter(|e| e.to == Some(entry) && e.from != entry).cloned().collect();
            (out, incoming)
        });
        let findings: Vec<_> =
            state.checked.with(|c| c.report.diagnostics.iter().filter(|d| d.entry == Some(entry)).cloned().collect());
        let json = state.checked.with(|c| {
            let (a, b) = node.span;
            c.text.get(a as usize..b as usize).map(pretty).unwrap_or_default()
        });
        let span = node.span;
        Some(view! {
            <div class="nhsuk-card" id="gom-node-details">
                <div class="nhsuk-card__content">
                    <h2 class="nhsuk-card__heading nhsuk-heading-m">
                        {format!("Entry {}: {}", node.entry, node.resource_type)}
                    </h2>
                    <dl class="nhsuk-summary-list">
                        {summary_row("Description", node.label.clone().into_any())}
                        {summary_row("Full URL", view! { <code class="gom-value">{node.full_url.clone().unwrap_or_default()}</code> }.into_any())}
                        {summary_row("Linked to the order", if node.orphan { "No: nothing links it to the order" } else { "Yes" }.to_owned().into_any())}
                        {summary_row("References", view! { <ul class="nhsuk-list">
                                    {out.into_iter().map(|e| view! {
                                        <li><code class="gom-value">{e.path}</code>" → "{e.reference}{match e.to {
                                            Some(t) => format!(" (entry {t})"),
                                            None => format!(" ({})", describe_kind(e.kind)),
                                        }}</li>
                                    }.into_any()).collect_view()}
                                </ul> }.into_any())}
                        {summary_row("Referred to by", view! { <ul class="nhsuk-list">
                                    {incoming.into_iter().map(|e| view! {
                                        <li>{format!("entry {} ", e.from)}<code class="gom-value">{e.path}</code></li>
                                    }.into_any()).collect_view()}
                                </ul> }.into_any())}
                    </dl>
                    <h3 class="nhsuk-heading-s">{format!("Findings ({})", findings.len())}</h3>
                    {if findings.is_empty() {
                        view! { <p class="nhsuk-body-s">"No finding on this entry."</p> }.into_any()
                    } else {
                        view! {
                            <IssueTable caption="Findings on this entry" hidden_caption=true diags=Signal::stored(findings)/>
                        }.into_any()
                    }}
                    <h3 class="nhsuk-heading-s">"JSON"</h3>
                    <pre class="gom-json gom-node-json" tabindex="0" aria-label="JSON of the entry">{json}</pre>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| handle_show_in_json(state, span)>
                        "Show it in the JSON view"
                    </button>
                </div>
            </div>
        }.into_any())
    };
    view! {
        <div aria-live="polite">
            {move || details().unwrap_or_else(|| ().into_any())}
            <When when=move || sel.selected.get().is_none()>
                <p class="nhsuk-body-s" id="gom-node-hint"><Message text="No box chosen yet.".to_owned()/></p>
            </When>
        </div>
    }
}

fn describe_kind(kind: gom_core::graph::EdgeKind) -> &'static str {
    match kind {
        gom_core::graph::EdgeKind::Entry => "in the bundle",
        gom_core::graph::EdgeKind::Dangling => "not in the bundle",
        gom_core::graph::EdgeKind::Outside => "outside the bundle",
    }
}

/// The entry's text re-indented for reading (as it is, when it cannot be read).
fn pretty(raw: &str) -> String {
    gom_core::jsonvalue::parse(raw).map_or_else(|| raw.to_owned(), |v| crate::pretty::pretty(&v))
}
