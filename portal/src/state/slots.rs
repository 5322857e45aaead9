//! What each widget of the form shows, kept in one place and updated by one effect.
//!
//! A widget could derive its value and findings itself (a memo over the draft, a memo over the
//! verdict), but then every widget is woken on every keystroke: on a 100-entry order the form
//! has ~700 controls, and waking their effects costs far more than the check itself. Instead each
//! widget registers a slot (its draft path, how to read its value, two signals), and one effect,
//! run after each edit or verdict, sets only the signals whose content changed. A keystroke
//! then wakes the field typed into and those whose findings changed, nothing else.

use std::sync::Arc;

use gom_core::compose::Draft;
use gom_core::Diagnostic;
use leptos::prelude::*;

use super::{shown_at, AppState};

type Getter = Arc<dyn Fn(&Draft) -> String + Send + Sync>;

struct Slot {
    path: String,
    /// None for a section's own messages (no value; "required" findings wait for a visit).
    get: Option<Getter>,
    value: RwSignal<String>,
    shown: RwSignal<Vec<Diagnostic>>,
}

/// The registered slots; a freed one is `None` until reused.
#[derive(Clone, Copy)]
pub struct Slots(StoredValue<Vec<Option<Slot>>>);

impl Default for Slots {
    fn default() -> Self {
        Slots(StoredValue::new(Vec::new()))
    }
}

/// A widget's view of the draft: its value and the findings shown beside it.
#[derive(Clone, Copy)]
pub struct Bound {
    pub value: ReadSignal<String>,
    pub shown: ReadSignal<Vec<Diagnostic>>,
}

/// Registers a slot for the current component; it is freed when the component is.
pub fn bind(state: AppState, path: &str, get: Option<Getter>) -> Bound {
    let value = state.draft.with_untracked(|r| get.as_ref().map(|g| g(&r.form)).unwrap_or_default());
    let filled = !value.trim().is_empty();
    let shown = state.checked.with_untracked(|c| state.ui.with_untracked(|u| shown_at(c, u, path, filled)));
    let slot = Slot { path: path.to_owned(), get, value: RwSignal::new(value), shown: RwSignal::new(shown) };
    let bound = Bound { value: slot.value.read_only(), shown: slot.shown.read_only() };
    let slots = state.slots.0;
    let index = slots
        .try_update_value(|v| match v.iter().position(Option::is_none) {
            Some(i) => {
                v[i] = Some(slot);
                i
            }
            None => {
                v.push(Some(slot));
                v.len() - 1
            }
        })
        .unwrap_or(usize::MAX);
    on_cleanup(move || {
        slots.try_update_value(|v| {
            if let Some(s) = v.get_mut(index) {
                *s = None;
            }
        });
    });
    bound
}

/// The one effect: after an edit, a new verdict or a change of what is shown yet, updates the
/// slots whose value or findings changed.
pub fn sync(state: AppState) {
    Effect::new(move |_| {
        state.draft.track();
        state.checked.track();
        state.ui.track();
        state.draft.with_untracked(|r| {
            state.checked.with_untracked(|c| {
                state.ui.with_untracked(|u| {
                    state.slots.0.with_value(|v| {
                        for s in v.iter().flatten() {
                            let value = s.get.as_ref().map(|g| g(&r.form)).unwrap_or_default();
                            let shown = shown_at(c, u, &s.path, !value.trim().is_empty());
                            if s.value.try_with_untracked(|x| *x != value) == Some(true) {
                                s.value.set(value);
                            }
                            if s.shown.try_with_untracked(|x| *x != shown) == Some(true) {
                                s.shown.set(shown);
                            }
                        }
                    })
                })
            })
        })
    });
}
