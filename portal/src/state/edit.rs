//! Changing drafts: open, create, delete, edit a field, edit the JSON by hand. Typing is written
//! to local storage shortly after (and at once when the page is hidden or left, see
//! [`super::saving`]); every other change before the handler returns.

use gom_core::compose::{Draft, TestEntry};
use leptos::prelude::*;

pub use super::drafts::FormUi;
use super::drafts::{DraftMeta, DraftRecord};
use super::persist::{self, draft_key, KEY_LEGACY_TEXT, KEY_OPEN, KEY_SETTINGS};
use super::saving;
use super::{now_iso, random_uuid, AppState, Route, Settings};

/// Reads every stored draft (the list is rebuilt from the drafts themselves, so it can never
/// disagree with them) and the one that was open.
pub fn load_book() -> (Vec<DraftMeta>, DraftRecord) {
    let mut records: Vec<DraftRecord> = stored_ids().iter().filter_map(|id| persist::load(&draft_key(id))).collect();
    if records.is_empty() {
        // The thin slice kept one JSON box; it becomes the first draft.
        if let Some(text) = persist::load_text(KEY_LEGACY_TEXT).filter(|t| !t.trim().is_empty()) {
            let mut r = fresh_record();
            r.json = Some(text);
            if persist::save(&draft_key(&r.id), &r) {
                persist::remove(KEY_LEGACY_TEXT);
                persist::save_text(KEY_OPEN, &r.id);
            }
            records.push(r);
        }
    }
    let open_id = persist::load_text(KEY_OPEN).unwrap_or_default();
    let open = records.iter().find(|r| r.id == open_id).cloned().unwrap_or_default();
    (sorted_metas(records.iter().map(DraftRecord::meta).collect()), open)
}

/// Every stored draft (for trying a criteria on the orders the requester holds), with any
/// pending edit of the open one written first.
pub fn stored_drafts() -> Vec<DraftRecord> {
    saving::flush();
    stored_ids().iter().filter_map(|id| persist::load(&draft_key(id))).collect()
}

fn stored_ids() -> Vec<String> {
    let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix("gom.draft.").map(str::to_owned))
        .collect()
}

fn sorted_metas(mut metas: Vec<DraftMeta>) -> Vec<DraftMeta> {
    gom_core::sort::sort_by(&mut metas, |a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    metas
}

fn fresh_record() -> DraftRecord {
    let now = now_iso();
    DraftRecord { id: random_uuid(), created: now.clone(), updated: now, ..DraftRecord::default() }
}

/// Writes the open draft (with its form UI) now, and refreshes its line in the list.
pub(super) fn save_open(state: AppState) {
    saving::forget(state);
    write_open(state);
}

/// Writes the open draft as it is in memory (without copying it: a hand-edited bundle makes it
/// 100 KB), with its form UI, and refreshes its line in the list. The state store may be gone
/// when a late write comes (a component test unmounted): then there is nothing to write.
pub(super) fn write_open(state: AppState) {
    let Some(ui) = state.ui.try_get_untracked() else { return };
    let written = state.draft.try_update_untracked(|r| {
        if !r.is_saved() {
            return None;
        }
        r.ui = ui;
        let ok = persist::save(&draft_key(&r.id), &*r) && persist::save_text(KEY_OPEN, &r.id);
        Some((ok, r.meta()))
    });
    let Some(Some((ok, meta))) = written else { return };
    state.storage_ok.set(ok);
    state.drafts.update(|list| {
        list.retain(|m| m.id != meta.id);
        list.push(meta);
        *list = sorted_metas(std::mem::take(list));
    });
}

/// Gives the blank draft an id the first time something is typed into it.
fn ensure_saved(state: AppState) {
    if !state.draft.with_untracked(DraftRecord::is_saved) {
        let fresh = fresh_record();
        state.draft.update(|r| {
            r.id = fresh.id;
            r.created = fresh.created;
        });
    }
}

/// Starts a new draft (empty, or from an example) and opens the form.
pub fn handle_new_draft(state: AppState, form: Draft) {
    saving::flush();
    let mut r = fresh_record();
    r.form = form;
    state.submit.set(super::SubmitState::Idle);
    state.ui.set(FormUi::default());
    state.draft.set(r);
    state.now.set(now_iso());
    save_open(state);
    super::handle_navigate(state, Route::Compose);
}

/// Opens a stored draft.
pub fn handle_open_draft(state: AppState, id: &str, then: Route) {
    saving::flush();
    if let Some(r) = persist::load::<DraftRecord>(&draft_key(id)) {
        state.ui.set(r.ui.clone());
        if let Some(order) = r.submitted.as_ref().and_then(|s| s.order.clone()) {
            state.track_order.set(Some(order));
        }
        state.submit.set(super::SubmitState::Idle);
        state.draft.set(r);
        persist::save_text(KEY_OPEN, id);
        super::handle_navigate(state, then);
    }
}

/// Deletes a stored draft; deleting the open one leaves a blank draft open.
pub fn handle_delete_draft(state: AppState, id: &str) {
    saving::flush();
    persist::remove(&draft_key(id));
    state.drafts.update(|list| list.retain(|m| m.id != id));
    if state.draft.with_untracked(|r| r.id == id) {
        state.draft.set(DraftRecord::default());
        state.ui.set(FormUi::default());
        persist::remove(KEY_OPEN);
    }
}

/// Applies an edit of the form to the open draft. `path` is the draft field it changes.
pub fn handle_edit(state: AppState, path: &str, edit: impl FnOnce(&mut Draft)) {
    ensure_saved(state);
    state.draft.update(|r| {
        edit(&mut r.form);
        r.updated = now_iso();
    });
    mark_touched(state, path);
    saving::soon(state);
}

/// Marks a field as visited (on leaving it), so its "required" findings show.
pub fn handle_touch(state: AppState, path: &str) {
    if !state.ui.with_untracked(|u| u.touched.contains(path)) {
        mark_touched(state, path);
        save_open(state);
    }
}

fn mark_touched(state: AppState, path: &str) {
    if !state.ui.with_untracked(|u| u.touched.contains(path)) {
        state.ui.update(|u| {
            u.touched.insert(path.to_owned());
        });
    }
}

/// Shows every finding of the form.
pub fn handle_reveal(state: AppState) {
    state.ui.update(|u| u.all = true);
    save_open(state);
}

/// Replaces the bundle with hand-edited JSON (typing, pasting, opening or dropping a file).
pub fn handle_json_text(state: AppState, text: String) {
    ensure_saved(state);
    state.draft.update(|r| {
        r.json = Some(text);
        r.updated = now_iso();
    });
    saving::soon(state);
}

/// Drops the hand edits: the form drives the bundle again.
pub fn handle_discard_json(state: AppState) {
    state.draft.update(|r| {
        r.json = None;
        r.updated = now_iso();
    });
    save_open(state);
}

/// Saves changed settings.
pub fn handle_settings(state: AppState, edit: impl FnOnce(&mut Settings)) {
    state.settings.update(edit);
    let ok = state.settings.with_untracked(|s| persist::save(KEY_SETTINGS, s));
    state.storage_ok.set(ok);
}

/// Adds a test of the requester's own to the catalogue (replacing one with the same code) and
/// chooses it for the open draft.
pub fn handle_add_test(state: AppState, entry: TestEntry) {
    let code = entry.code.clone();
    handle_settings(state, move |s| {
        s.tests.retain(|t| t.code != entry.code);
        s.tests.push(entry);
    });
    handle_edit(state, "test.code", move |d| d.test.code = code);
}

/// Removes a test the requester added. A draft that names it keeps the code (shown as not in
/// the list) and the draft checks say so.
pub fn handle_remove_test(state: AppState, code: &str) {
    handle_settings(state, |s| s.tests.retain(|t| t.code != code));
}
