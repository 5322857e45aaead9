//! The portal's one state store, provided through context. Persisted fields (what the user
//! typed) are kept apart from derived ones and saved to local storage on every change, so
//! nothing is lost on reload.

use gom_core::{validate, Options, Report};
use leptos::prelude::*;

/// Local storage key of the validator page's text.
const KEY_BUNDLE_TEXT: &str = "gom.validator.text";

#[derive(Clone, Copy)]
pub struct AppState {
    /// The bundle JSON on the validator page (persisted).
    pub bundle_text: RwSignal<String>,
    /// The verdict on `bundle_text`, recomputed on every edit.
    pub report: Memo<Report>,
}

impl AppState {
    pub fn new() -> AppState {
        let bundle_text = RwSignal::new(load(KEY_BUNDLE_TEXT).unwrap_or_default());
        let report = Memo::new(move |_| bundle_text.with(|t| check(t)));
        Effect::new(move |_| bundle_text.with(|t| save(KEY_BUNDLE_TEXT, t)));
        AppState { bundle_text, report }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Validates the text; an empty box has nothing to report yet.
fn check(text: &str) -> Report {
    if text.trim().is_empty() {
        Report::default()
    } else {
        validate(text, &Options::default())
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        // A full quota must not break typing: the text stays in memory.
        let _ = s.set_item(key, value);
    }
}

/// Replaces the bundle text (typing, pasting, opening or dropping a file).
pub fn handle_bundle_text(state: AppState, text: String) {
    state.bundle_text.set(text);
}
