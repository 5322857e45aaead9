use gom_core::track::TaskRow;
use leptos::prelude::*;

use super::cell;

use super::StatusTag;
use crate::time::local_time;

/// One Task as a row of the tracker's table: status (with its meaning), business status,
/// owner, when it last changed, and where it may go next and by whom.
#[component]
pub fn TaskCard(task: TaskRow) -> impl IntoView {
    let next = task.view.as_ref().map(|v| v.next.clone()).unwrap_or_default();
    let meaning = task.view.as_ref().map(|v| v.meaning.to_owned()).unwrap_or_default();
    let terminal = task.view.as_ref().is_some_and(|v| v.terminal);
    view! {
        <tr class="nhsuk-table__row gom-task" data-task=task.id.clone()>
            <th scope="row" class="nhsuk-table__header gom-task-name">{task.label.clone()}</th>
            <td class="nhsuk-table__cell">
                <StatusTag status=task.status.clone()/>
                <span class="nhsuk-body-s gom-meaning">{meaning}</span>
            </td>
            {cell("nhsuk-table__cell gom-business-status", task.business_status.clone().unwrap_or_else(|| "–".to_owned()))}
            {cell("nhsuk-table__cell gom-owner", task.owner.clone().unwrap_or_else(|| "–".to_owned()))}
            {cell("nhsuk-table__cell", task.last_modified.as_deref().map(local_time).unwrap_or_default())}
            <td class="nhsuk-table__cell gom-next">
                {if terminal {
                    view! { <span class="nhsuk-body-s">"Final"</span> }.into_any()
                } else {
                    view! {
                        <ul class="nhsuk-list gom-next-list">
                            {next.into_iter().map(|n| {
                                // Pushed, not `Vec<&str>::join`: no other code joins `&str`s.
                                let mut by = String::from(" by the ");
                                for (i, r) in n.by.iter().enumerate() {
                                    by.push_str(if i == 0 { "" } else { " or " });
                                    by.push_str(r.as_str());
                                }
                                view! { <li><StatusTag status=n.status.to_owned()/><span class="gom-by">{by}</span></li> }.into_any()
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
