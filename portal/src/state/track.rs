//! Following the open order by polling (seed 001's interim where events are not available):
//! the ServiceRequest, its Tasks and their history, fetched together; gom-core reads them.

use gom_core::track::{order_view, orders, tasks, timeline, Change, OrderRow, TaskRow};
use gom_core::workflow::StatusView;
use leptos::prelude::*;

use super::{now_iso, server, AppState};

/// What the tracker last saw (runtime only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tracking {
    /// The order it is about, `ServiceRequest/<id>`.
    pub order: Option<String>,
    pub order_view: Option<StatusView>,
    pub tasks: Vec<TaskRow>,
    pub timeline: Vec<Change>,
    /// When the last poll finished.
    pub checked_at: Option<String>,
    /// Why the last poll failed, if it did.
    pub error: Option<String>,
    /// A poll is under way (a slow server is never asked twice at once).
    pub busy: bool,
}

/// Follows another order.
pub fn handle_track(state: AppState, order: String) {
    let order = order.trim().to_owned();
    let order = if order.contains('/') { order } else { format!("ServiceRequest/{order}") };
    state.track_order.set(Some(order));
    state.tracking.set(Tracking::default());
    handle_poll(state);
}

/// Fetches the order, its Tasks and their history once.
pub fn handle_poll(state: AppState) {
    let Some(order) = state.track_order.get_untracked() else { return };
    if state.tracking.with_untracked(|t| t.busy) {
        return;
    }
    state.tracking.update(|t| t.busy = true);
    leptos::task::spawn_local(async move {
        let result = poll(state, &order).await;
        // The user may have switched orders meanwhile: keep only what is still wanted.
        if state.track_order.get_untracked().as_deref() != Some(order.as_str()) {
            state.tracking.update(|t| t.busy = false);
            return;
        }
        state.tracking.update(|t| {
            t.busy = false;
            t.order = Some(order.clone());
            t.checked_at = Some(now_iso());
            match result {
                Ok((view, rows, changes)) => {
                    t.order_view = view;
                    t.tasks = rows;
                    t.timeline = changes;
                    t.error = None;
                }
                Err(e) => t.error = Some(e),
            }
        });
    });
}

async fn poll(state: AppState, order: &str) -> Result<(Option<StatusView>, Vec<TaskRow>, Vec<Change>), String> {
    let sr = server::get(state, &encode_path(order)).await?;
    if sr.status == 404 {
        return Err(format!("The server has no {order}."));
    }
    if !(200..300).contains(&sr.status) {
        return Err(format!("The server answered HTTP {} for {order}.", sr.status));
    }
    let found = server::get(state, &format!("Task?focus={}", encode(order))).await?;
    if !(200..300).contains(&found.status) {
        return Err(format!("The server answered HTTP {} to the Task search.", found.status));
    }
    let rows = tasks(&found.body);
    let mut histories = Vec::with_capacity(rows.len());
    for r in &rows {
        let h = server::get(state, &format!("Task/{}/_history", encode(&r.id))).await?;
        if (200..300).contains(&h.status) {
            histories.push(h.body);
        }
    }
    let refs: Vec<&str> = histories.iter().map(String::as_str).collect();
    Ok((order_view(&sr.body), rows, timeline(&refs)))
}

/// Lists the orders the server holds, newest first, to choose one to follow.
pub fn handle_list_orders(state: AppState) {
    leptos::task::spawn_local(async move {
        let listed = match server::get(state, "ServiceRequest?_sort=-_lastUpdated&_count=20").await {
            Ok(f) if (200..300).contains(&f.status) => Ok(orders(&f.body)),
            Ok(f) => Err(format!("The server answered HTTP {} to the order search.", f.status)),
            Err(e) => Err(e),
        };
        state.server_orders.set(Some(listed));
    });
}

/// Encodes one query value or path segment.
pub fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

/// `Type/id` with each segment encoded.
fn encode_path(reference: &str) -> String {
    reference.split('/').map(encode).collect::<Vec<_>>().join("/")
}

pub type OrderList = Option<Result<Vec<OrderRow>, String>>;
