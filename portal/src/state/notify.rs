//! The notifications page: the criteria builder's form, the criteria text and an event to try,
//! all persisted (they are typed, so they must not be lost).

use gom_core::subscribe::{build, CriteriaForm};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::persist::{self, KEY_CRITERIA};
use super::AppState;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CriteriaState {
    pub form: CriteriaForm,
    /// The criteria: what the form built, or edited by hand.
    pub text: String,
    /// An event (CloudEvent or MNS FHIR notification) to try the criteria on.
    pub event: String,
}

impl CriteriaState {
    pub fn load() -> CriteriaState {
        persist::load(KEY_CRITERIA).unwrap_or_else(|| {
            let form = CriteriaForm { resource_type: "Task".to_owned(), ..CriteriaForm::default() };
            CriteriaState { text: build(&form), form, event: String::new() }
        })
    }
}

fn save(state: AppState) {
    let ok = state.criteria.with_untracked(|c| persist::save(KEY_CRITERIA, c));
    state.storage_ok.set(ok);
}

/// Changes the builder's form; the criteria text is rebuilt from it.
pub fn handle_criteria_form(state: AppState, edit: impl FnOnce(&mut CriteriaForm)) {
    state.criteria.update(|c| {
        edit(&mut c.form);
        c.text = build(&c.form);
    });
    save(state);
}

/// The criteria edited by hand.
pub fn handle_criteria_text(state: AppState, text: String) {
    state.criteria.update(|c| c.text = text);
    save(state);
}

/// The event to try.
pub fn handle_event_text(state: AppState, text: String) {
    state.criteria.update(|c| c.event = text);
    save(state);
}
