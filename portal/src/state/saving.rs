//! When the open draft is written to local storage.
//!
//! A keystroke changes the draft in memory at once, and the write follows shortly: writing a
//! hand-edited 100-entry bundle (about 130 KB) to local storage cost more per keystroke than
//! validating it (November 2026 profile: `setItem` ~1.8 ms, printing the record ~0.6 ms). So typing
//! coalesces its writes: the draft is written once typing pauses for [`IDLE_MS`], and at least
//! every [`MAX_WAIT_MS`] while it goes on. Nothing typed is lost on the way out: a pending write
//! is made at once when the page is hidden or left (`visibilitychange`, `pagehide`: a reload, a
//! closed tab, another site), before another draft is opened, created or deleted, before the
//! stored drafts are read, and on every change of page. Every other change (a new draft, a
//! visit of a field, a submission) is written before its handler returns, as before.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;

use super::edit::write_open as write;
use super::{clock_ms, AppState};

/// How long typing must pause before the draft is written.
pub const IDLE_MS: f64 = 300.0;
/// The longest an edit waits to be written while typing goes on.
pub const MAX_WAIT_MS: f64 = 1000.0;

/// An edit not yet written: whose, since when, the latest, and which timer watches it.
struct Pending {
    state: AppState,
    first: f64,
    last: f64,
    timer: u32,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    static TIMERS: Cell<u32> = const { Cell::new(0) };
    static HOOKED: Cell<bool> = const { Cell::new(false) };
}

/// Notes an edit of the open draft, to be written later (see the module notes).
pub(super) fn soon(state: AppState) {
    hook_page_events();
    let now = clock_ms();
    let other = PENDING.with_borrow_mut(|p| match p {
        Some(p) if p.state.draft == state.draft => {
            p.last = now;
            None
        }
        _ => {
            let timer = next_timer();
            let old = p.replace(Pending { state, first: now, last: now, timer });
            arm(timer, IDLE_MS);
            old
        }
    });
    // A pending edit of an earlier state store (only in tests, which mount one after another).
    if let Some(old) = other {
        write(old.state);
    }
}

/// Writes a pending edit now, if there is one.
pub(super) fn flush() {
    if let Some(p) = PENDING.take() {
        write(p.state);
    }
}

/// Drops a pending edit of `state` without writing it (its draft is being deleted).
pub(super) fn forget(state: AppState) {
    PENDING.with_borrow_mut(|p| {
        if p.as_ref().is_some_and(|p| p.state.draft == state.draft) {
            *p = None;
        }
    });
}

fn next_timer() -> u32 {
    TIMERS.with(|t| {
        t.set(t.get().wrapping_add(1));
        t.get()
    })
}

/// Checks on a pending edit after `ms`: written when typing has paused long enough or the edit
/// has waited too long, else looked at again when it will have.
fn arm(timer: u32, ms: f64) {
    set_timeout(
        move || {
            let now = clock_ms();
            let due = PENDING.with_borrow(|p| match p {
                Some(p) if p.timer == timer => Some((p.last + IDLE_MS).min(p.first + MAX_WAIT_MS) - now),
                _ => None,
            });
            match due {
                Some(wait) if wait >= 1.0 => arm(timer, wait),
                Some(_) => flush(),
                None => {}
            }
        },
        Duration::from_millis(ms.clamp(1.0, MAX_WAIT_MS) as u64),
    );
}

/// Writes a pending edit before the page is hidden or left. Listens once per page.
fn hook_page_events() {
    if HOOKED.replace(true) {
        return;
    }
    for event in ["pagehide", "visibilitychange"] {
        // The handles are dropped without removing the listeners: they live as long as the page.
        let _ = window_event_listener_untyped(event, |_| flush());
    }
}
