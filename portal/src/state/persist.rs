//! Local storage: what the user typed survives reload and browser restart.
//!
//! Each draft is saved under its own key (never the whole book; typing is written once it pauses,
//! see `saving.rs`); the index of drafts, the open draft's id and the settings have keys of their
//! own.
//! A failed write (storage full or disabled) never loses the text in memory: the caller shows a
//! warning and keeps going.

use super::codec::{self, FromJson, Json};

pub const KEY_OPEN: &str = "gom.open";
pub const KEY_SETTINGS: &str = "gom.settings";
pub const KEY_CRITERIA: &str = "gom.criteria";
/// The thin slice's single text box, adopted as a draft on first start.
pub const KEY_LEGACY_TEXT: &str = "gom.validator.text";

/// The key of one draft.
pub fn draft_key(id: &str) -> String {
    format!("gom.draft.{id}")
}

thread_local! {
    /// Looked up once: finding the window and its storage through the JS boundary on every
    /// keystroke's save showed in the keystroke profile.
    static STORAGE: Option<web_sys::Storage> = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
}

fn storage() -> Option<web_sys::Storage> {
    STORAGE.with(Clone::clone)
}

pub fn load_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Reads a JSON value; an unreadable one counts as absent (and is left in place, untouched).
pub fn load<T: FromJson>(key: &str) -> Option<T> {
    codec::parse(&load_text(key)?)
}

/// Writes text; false when the browser refused.
pub fn save_text(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn save<T: Json>(key: &str, value: &T) -> bool {
    save_text(key, &codec::print(value))
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
