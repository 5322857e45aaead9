use gom_core::graph::{graph, svg, Graph, SvgOptions};
use leptos::prelude::*;

use super::When;
use wasm_bindgen::JsCast;

use super::{GraphLinks, GraphNodeDetails, GraphNodeTable};
use crate::state::AppState;

/// The bundle as a graph: resources as boxes, references as labelled arrows, orphans and
/// dangling references marked; choosing a box shows its JSON and its findings.
#[component]
pub fn GraphPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Built only while this page is shown.
    let model: Memo<Graph> = Memo::new(move |_| state.checked.with(|c| graph(&c.text)));
    let selected: RwSignal<Option<u32>> = RwSignal::new(None);
    let errors = Memo::new(move |_| {
        state.checked.with(|c| {
            let n = model.with(|g| g.nodes.len());
            let mut counts = vec![0u32; n];
            for d in c.report.diagnostics.iter().filter(|d| d.severity.is_error()) {
                if let Some(slot) = d.entry.and_then(|e| counts.get_mut(e as usize)) {
                    *slot += 1;
                }
            }
            counts
        })
    });
    let drawing = move || {
        let opts = SvgOptions { selected: selected.get(), errors: errors.get() };
        model.with(|g| svg(g, &opts))
    };
    let choose = move |entry: u32| {
        selected.set(Some(entry));
        // The drawing is redrawn: give the focus back to the chosen box.
        request_animation_frame(move || {
            let el = document().query_selector(&format!(".gom-graph [data-entry=\"{entry}\"]")).ok().flatten();
            if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
                let _ = el.focus();
            }
        });
    };
    let entry_of = |ev: &web_sys::Event| -> Option<u32> {
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let node = target.closest(".gom-node").ok()??;
        node.get_attribute("data-entry")?.parse().ok()
    };
    let summary = move || {
        model.with(|g| {
            let orphans = g.orphans().count();
            let dangling = g.dangling().count();
            let broken = g.links.iter().filter(|l| !l.ok()).count();
            format!(
                "{} resources · {} not linked to the order · {} dangling references · {} GraphDefinition links out of range",
                g.nodes.len(),
                orphans,
                dangling,
                broken
            )
        })
    };
    provide_context(GraphSelection { selected, model });
    view! {
        <span class="nhsuk-caption-l">{move || state.draft.with(|r| r.title())}</span>
        <h1 class="nhsuk-heading-l">"Bundle graph"</h1>
        <When
            when=move || model.with(|g| g.note.is_none() && !g.nodes.is_empty())
            fallback=move || view! {
                <p class="nhsuk-body" id="gom-graph-note">
                    {move || model.with(|g| g.note.clone()).unwrap_or_else(|| "The bundle has no entries yet.".to_owned())}
                </p>
            }
        >
            <p class="nhsuk-body" id="gom-graph-summary">{move || summary()}</p>
            <p class="nhsuk-body-s">
                "Choose a box to see its JSON and findings. Boxes with a red dashed border are not linked to the order; "
                "a red dashed arrow is a reference to something not in the bundle. A red badge counts errors."
            </p>
            <div
                class="gom-graph"
                on:click=move |ev| {
                    if let Some(e) = entry_of(&ev) {
                        choose(e);
                    }
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        if let Some(e) = entry_of(&ev) {
                            ev.prevent_default();
                            choose(e);
                        }
                    }
                }
                inner_html=move || drawing()
            ></div>
            <GraphNodeDetails/>
            <GraphLinks/>
            <GraphNodeTable/>
        </When>
    }
}

/// What the graph's parts share: the model and the chosen entry.
#[derive(Clone, Copy)]
pub struct GraphSelection {
    pub selected: RwSignal<Option<u32>>,
    pub model: Memo<Graph>,
}
