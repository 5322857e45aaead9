use leptos::prelude::*;

use super::When;

use crate::state::{handle_list_orders, handle_track, AppState};

/// Choosing the order to follow: the open draft's, one the server holds, or one typed in.
#[component]
pub fn OrderPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let typed = RwSignal::new(String::new());
    if state.server_orders.with_untracked(Option::is_none) {
        handle_list_orders(state);
    }
    let listed = move || match state.server_orders.get() {
        None => view! { <p class="nhsuk-body-s">"Looking for orders on the server…"</p> }.into_any(),
        Some(Err(why)) => view! { <p class="nhsuk-body-s" id="gom-orders-error">{why}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="nhsuk-body-s">"The server holds no orders yet."</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="nhsuk-list" id="gom-server-orders">
                {list.into_iter().map(|o| {
                    let reference = o.reference.clone();
                    let current = {
                        let reference = reference.clone();
                        move || state.track_order.with(|t| t.as_deref() == Some(reference.as_str()))
                    };
                    view! {
                        <li>
                            <button type="button" class="gom-link-button gom-order-choice" data-order=reference.clone()
                                on:click=move |_| handle_track(state, reference.clone())>
                                {format!("{} ({}, {})", o.test, o.status, o.reference)}
                            </button>
                            <When when=current.clone()>" "<span class="nhsuk-body-s">"(followed)"</span></When>
                        </li>
                    }.into_any()
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <details class="nhsuk-details" id="gom-order-picker">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Follow another order"</span></summary>
            <div class="nhsuk-details__text">
                {move || listed()}
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| handle_list_orders(state)>
                    "Refresh the list"
                </button>
                <form novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let v = typed.get_untracked();
                    if !v.trim().is_empty() {
                        handle_track(state, v);
                    }
                }>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="gom-order-id">"ServiceRequest id"</label>
                        <input class="nhsuk-input nhsuk-input--width-30" id="gom-order-id" name="gom-order-id" type="text" spellcheck="false"
                            prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small">"Follow this order"</button>
                </form>
            </div>
        </details>
    }
}
