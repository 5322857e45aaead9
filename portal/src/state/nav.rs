//! Moving between pages with the History API, so the back button and reload work.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{AppState, Route};

/// Goes to `route`, adding a history entry. A pending edit is written first, so the drafts list
/// (and anything else read from storage) shows it.
pub fn handle_navigate(state: AppState, route: Route) {
    super::saving::flush();
    if state.route.get_untracked() == route {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(route.path()));
    }
    state.route.set(route);
}

/// Follows the back and forward buttons.
pub fn handle_popstate(state: AppState) {
    super::saving::flush();
    let route = Route::parse(&location_pathname().unwrap_or_default());
    // A jump to an anchor on the same page fires popstate too: keep the page as it is.
    if state.route.get_untracked() != route {
        state.route.set(route);
    }
}

/// After a page change: names the page in the title, and moves the focus to its heading so a
/// screen reader announces the new page (the first load keeps the browser's own focus).
pub fn handle_title(route: Route, first: bool) {
    document().set_title(&route.title());
    if first {
        return;
    }
    request_animation_frame(|| {
        // The new page may have placed the focus itself (a selection in the JSON box).
        let placed = document().active_element().and_then(|a| a.closest("main").ok().flatten()).is_some();
        if placed {
            return;
        }
        let h1 = document().query_selector("main h1").ok().flatten();
        if let Some(h1) = h1.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = h1.set_attribute("tabindex", "-1");
            let _ = h1.focus();
        }
    });
}

/// Opens the JSON view with a byte range of the bundle selected.
pub fn handle_show_in_json(state: AppState, span: (u32, u32)) {
    state.pending_selection.set_value(Some(span));
    handle_navigate(state, Route::Json);
}
