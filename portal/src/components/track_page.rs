use leptos::prelude::*;

use super::error_summary;

use super::When;

use super::TableHead;
use super::{NavLink, OrderPicker, StatusTag, TaskCard};
use crate::state::{handle_poll, AppState, Route};
use crate::time::local_time;

/// Following an order: polled while this page is open, every few seconds.
#[component]
pub fn TrackPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    handle_poll(state);
    let every = state.settings.with_untracked(|s| s.poll_millis());
    let timer =
        set_interval_with_handle(move || handle_poll(state), std::time::Duration::from_millis(u64::from(every)));
    on_cleanup(move || {
        if let Ok(t) = timer {
            t.clear();
        }
    });
    let t = state.tracking;
    view! {
        <h1 class="nhsuk-heading-l">"Track the order"</h1>
        <When
            when=move || state.track_order.with(Option::is_some)
            fallback=move || view! {
                <p class="nhsuk-body" id="gom-no-order">
                    "No order is followed yet. "<NavLink route=Route::Submit>"Submit one"</NavLink>", or choose one the server holds."
                </p>
            }
        >
            <p class="nhsuk-body" id="gom-track-order">
                {move || state.track_order.get().unwrap_or_default()}
                " "
                {move || t.with(|t| t.order_view.as_ref().map_or_else(|| ().into_any(), |v| view! { <StatusTag status=v.status.to_owned()/> }.into_any()))}
            </p>
            <p class="nhsuk-body-s" id="gom-track-checked">
                {move || format!("Checked every {} seconds", every / 1000)}
                {move || t.with(|t| t.checked_at.as_deref().map(|c| format!("; last at {}.", local_time(c))).unwrap_or_default())}
            </p>
            <When when=move || t.with(|t| t.error.is_some())>
                {error_summary(
                    "gom-track-error",
                    "gom-track-error-heading",
                    false,
                    "The order could not be checked".to_owned().into_any(),
                    view! { <p>{move || t.with(|t| t.error.clone().unwrap_or_default())}</p> }.into_any())}
            </When>
            <h2 class="nhsuk-heading-m">"Tasks"</h2>
            {move || {
                let tasks = t.with(|t| t.tasks.clone());
                if tasks.is_empty() {
                    view! { <p class="nhsuk-body" id="gom-no-tasks">"No Task for this order yet: GOMS creates them when the order is active."</p> }.into_any()
                } else {
                    view! {
                        <table class="nhsuk-table gom-task-table" id="gom-tasks">
                            <caption class="nhsuk-u-visually-hidden">"Tasks of the order, in process order"</caption>
                            <TableHead cols=&["Task", "Status", "Business status", "Owner", "Last changed", "May move to"]/>
                            <tbody class="nhsuk-table__body">
                                {tasks.into_iter().map(|task| view! { <TaskCard task=task/> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
            <h2 class="nhsuk-heading-m">"Timeline"</h2>
            <ol class="nhsuk-list nhsuk-list--number" id="gom-timeline">
                {move || t.with(|t| t.timeline.clone()).into_iter().map(|c| view! {
                    <li>
                        <strong>{local_time(&c.at)}</strong>" · "{c.label}": "{c.what.join("; ")}
                    </li>
                }.into_any()).collect_view()}
            </ol>
        </When>
        <OrderPicker/>
    }
}
