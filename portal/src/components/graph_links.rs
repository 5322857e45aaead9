use leptos::prelude::*;

use super::cell;

use super::graph_page::GraphSelection;
use super::TableHead;

/// GraphDefinition links: those out of their min..max first, then those present.
#[component]
pub fn GraphLinks() -> impl IntoView {
    let sel = expect_context::<GraphSelection>();
    let rows = move || {
        sel.model.with(|g| {
            let mut links: Vec<_> = g.links.iter().filter(|l| !l.ok() || l.count > 0).cloned().collect();
            gom_core::sort::sort_by_key(&mut links, |l| (l.ok(), l.from));
            links
        })
    };
    view! {
        <table class="nhsuk-table" id="gom-graph-links">
            <caption class="nhsuk-table__caption nhsuk-table__caption--m">"GraphDefinition links"</caption>
            <TableHead cols=&["From", "Link", "Count", "Expected"]/>
            <tbody class="nhsuk-table__body">
                {move || rows().into_iter().map(|l| {
                    let ok = l.ok();
                    view! {
                        <tr class=if ok { "nhsuk-table__row" } else { "nhsuk-table__row gom-link-bad" }>
                            {cell("nhsuk-table__cell", format!("entry {}", l.from))}
                            <td class="nhsuk-table__cell"><code class="gom-value">{l.link}</code><br/><span class="nhsuk-body-s">{l.definition}</span></td>
                            <td class="nhsuk-table__cell">
                                {l.count}" "
                                {if ok {
                                    view! { <strong class="nhsuk-tag nhsuk-tag--green">"In range"</strong> }
                                } else {
                                    view! { <strong class="nhsuk-tag nhsuk-tag--red">"Out of range"</strong> }
                                }}
                            </td>
                            {cell("nhsuk-table__cell", l.cardinality())}
                        </tr>
                    }
                    .into_any()
                }).collect_view()}
            </tbody>
        </table>
    }
}
