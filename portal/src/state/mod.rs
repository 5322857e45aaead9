//! The portal's one state store, provided through context.
//!
//! Persisted fields (what the user typed: drafts, settings, criteria) are kept apart from runtime
//! fields (the page, the token, what the server last said) and from derived ones (the verdict).
//! Every change goes through a named `handle_*` function in this module's files; components only
//! read the store and call those.

mod checked;
mod codec;
mod drafts;
mod edit;
mod nav;
mod notify;
mod persist;
mod reports;
mod route;
mod saving;
mod server;
mod settings;
mod slots;
mod submit;
mod track;

use gom_core::compose::Catalogue;
use leptos::prelude::*;

pub use checked::{check, dom_id, parent_path, shown_at, visible, Checked, Placed, Source};
pub use codec::{parse as parse_json, FromJson, Json};
pub use drafts::{DraftMeta, DraftRecord, SeededIds, Submission};
pub use edit::{
    handle_add_test, handle_delete_draft, handle_discard_json, handle_edit, handle_json_text, handle_new_draft,
    handle_open_draft, handle_remove_test, handle_reveal, handle_settings, handle_touch, stored_drafts, FormUi,
};
pub use nav::{handle_navigate, handle_popstate, handle_show_in_json, handle_title};
pub use notify::{handle_criteria_form, handle_criteria_text, handle_event_text, CriteriaState};
pub use reports::{handle_fetch_reports, handle_report_file, ReportSource, Reports};
pub use route::Route;
pub use server::{get, Fetched};
pub use settings::{Settings, DEFAULT_FHIR_BASE};
pub use slots::{bind, Bound, Slots};
pub use submit::{handle_submit, SubmitState};
pub use track::{encode, handle_list_orders, handle_poll, handle_track, OrderList, Tracking};

#[derive(Clone, Copy)]
pub struct AppState {
    // Persisted.
    /// The open draft (a blank one, not yet stored, until something is typed).
    pub draft: RwSignal<DraftRecord>,
    /// Every stored draft, most recently changed first.
    pub drafts: RwSignal<Vec<DraftMeta>>,
    pub settings: RwSignal<Settings>,
    /// The notifications page: criteria form, text and an event to try.
    pub criteria: RwSignal<CriteriaState>,
    /// Which findings the form shows yet (per draft, persisted with it).
    pub ui: RwSignal<FormUi>,

    // Runtime.
    pub route: RwSignal<Route>,
    /// The bearer token for the FHIR server. Never persisted: a token in local storage outlives
    /// the session and is readable by any script on the origin.
    pub token: RwSignal<String>,
    /// False after local storage refused a write; the page then warns that work is not saved.
    pub storage_ok: RwSignal<bool>,
    /// The time the verdict is computed for (authoredOn, "today" for date checks), an R4 dateTime.
    pub now: RwSignal<String>,
    /// Where the last submit stands.
    pub submit: RwSignal<SubmitState>,
    /// The order (`ServiceRequest/<id>`) the tracker and the reports page look at.
    pub track_order: RwSignal<Option<String>>,
    /// What the tracker last saw.
    pub tracking: RwSignal<Tracking>,
    /// The orders the server holds, once listed.
    pub server_orders: RwSignal<OrderList>,
    /// The reports on show.
    pub reports: RwSignal<Reports>,
    /// A byte range of the bundle text to select when the JSON view opens next (from a graph
    /// node or a finding elsewhere). Not reactive: the JSON view reads it once as it opens.
    pub pending_selection: StoredValue<Option<(u32, u32)>>,
    /// How long the last verdict took, in milliseconds (shown in the footer, read by the
    /// benchmark). Not reactive: it is read beside `checked`, which is.
    pub check_ms: StoredValue<f64>,
    /// What each form widget shows (see [`slots`]).
    pub slots: Slots,

    // Derived.
    /// The built-in tests and the requester's own (from the settings).
    pub catalogue: Memo<Catalogue>,
    pub checked: Memo<Checked>,
}

impl AppState {
    /// Loads what was persisted and wires the derived fields.
    pub fn new() -> AppState {
        let (drafts, open) = edit::load_book();
        let ui = open.ui.clone();
        let track_order = open.submitted.as_ref().and_then(|s| s.order.clone());
        let draft = RwSignal::new(open);
        let now = RwSignal::new(now_iso());
        let check_ms = StoredValue::new(0.0);
        let settings = RwSignal::new(persist::load::<Settings>(persist::KEY_SETTINGS).unwrap_or_default());
        let catalogue = Memo::new(move |_| settings.with(|s| Catalogue::builtin_with(&s.tests)));
        let checked = Memo::new(move |_| {
            let t0 = clock_ms();
            mark_check(false);
            let out = draft.with(|r| now.with(|n| catalogue.with(|c| check(r, n, c))));
            mark_check(true);
            check_ms.set_value(clock_ms() - t0);
            out
        });
        let state = AppState {
            draft,
            drafts: RwSignal::new(drafts),
            settings,
            catalogue,
            ui: RwSignal::new(ui),
            criteria: RwSignal::new(CriteriaState::load()),
            route: RwSignal::new(Route::parse(&location_pathname().unwrap_or_default())),
            token: RwSignal::new(String::new()),
            storage_ok: RwSignal::new(true),
            now,
            pending_selection: StoredValue::new(None),
            submit: RwSignal::new(SubmitState::Idle),
            track_order: RwSignal::new(track_order),
            tracking: RwSignal::new(Tracking::default()),
            server_orders: RwSignal::new(None),
            reports: RwSignal::new(Reports::default()),
            check_ms,
            slots: Slots::default(),
            checked,
        };
        slots::sync(state);
        state
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The current time as an R4 instant (`2026-03-01T10:00:00.000Z`).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

thread_local! {
    /// Looked up once: the verdict's timing and User Timing marks use it on every keystroke, and
    /// finding the window and its `performance` through the JS boundary each time showed in the
    /// keystroke profile (as it did for local storage).
    static PERFORMANCE: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
}

/// A monotonic clock in milliseconds, for timing the verdict.
pub fn clock_ms() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, web_sys::Performance::now))
}

/// User Timing around the verdict: the latest check is the `gom-check` measure (only the latest
/// is kept, so typing all day does not fill the timeline). Read by `make bench`
/// (tests/bench/keystroke.mjs) and visible in the browser's performance panel.
fn mark_check(done: bool) {
    PERFORMANCE.with(|p| {
        let Some(p) = p else { return };
        if done {
            p.clear_measures_with_measure_name("gom-check");
            let _ = p.measure_with_start_mark("gom-check", "gom-check-start");
        } else {
            p.clear_marks_with_mark_name("gom-check-start");
            let _ = p.mark("gom-check-start");
        }
    });
}

/// A fresh random version 4 UUID from the browser.
pub fn random_uuid() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}
