use leptos::prelude::*;

use super::cell;

use super::graph_page::GraphSelection;
use super::TableHead;

/// The graph's resources as a table: the same content as the drawing, for screen readers and
/// keyboards, with a button to choose each.
#[component]
pub fn GraphNodeTable() -> impl IntoView {
    let sel = expect_context::<GraphSelection>();
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"The resources as a table"</span>
            </summary>
            <div class="nhsuk-details__text">
                <table class="nhsuk-table" id="gom-graph-nodes">
                    <caption class="nhsuk-u-visually-hidden">"Resources of the bundle"</caption>
                    <TableHead cols=&["Entry", "Resource", "Linked to the order"]/>
                    <tbody class="nhsuk-table__body">
                        {move || sel.model.with(|g| g.nodes.clone()).into_iter().map(|n| {
                            let entry = n.entry;
                            view! {
                                <tr class="nhsuk-table__row">
                                    <td class="nhsuk-table__cell">
                                        <button type="button" class="gom-link-button" on:click=move |_| sel.selected.set(Some(entry))>
                                            {format!("Entry {entry}")}
                                        </button>
                                    </td>
                                    {cell("nhsuk-table__cell", format!("{} {}", n.resource_type, n.label))}
                                    <td class="nhsuk-table__cell">{if n.orphan { "No" } else { "Yes" }}</td>
                                </tr>
                            }.into_any()
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
