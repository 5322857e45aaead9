//! Submitting the open draft's bundle as a transaction. The draft itself is never changed by a
//! failed submit; an accepted one records the server's ids beside it, so the order can be tracked.

use gom_core::response::{read_answer, Answer};
use leptos::prelude::*;

use super::drafts::{DraftRecord, Submission};
use super::persist::{self, draft_key};
use super::{now_iso, server, AppState};

/// Where the last submit stands (runtime only).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SubmitState {
    #[default]
    Idle,
    Sending,
    /// The server answered (accepted or not).
    Answered {
        answer: Answer,
        body: String,
    },
    /// No answer: the network or the URL failed.
    Unreachable(String),
}

/// Sends the bundle shown for the open draft. Does nothing while the form still has errors
/// (it asks for the whole check instead) or while a submit is under way.
pub fn handle_submit(state: AppState) {
    if state.submit.with_untracked(|s| matches!(s, SubmitState::Sending)) {
        return;
    }
    if state.checked.with_untracked(|c| c.error_count() > 0) {
        super::handle_reveal(state);
        return;
    }
    let (text, id) = (state.checked.with_untracked(|c| c.text.clone()), state.draft.with_untracked(|r| r.id.clone()));
    let base = state.settings.with_untracked(|s| s.base());
    state.submit.set(SubmitState::Sending);
    leptos::task::spawn_local(async move {
        let outcome = match server::post_transaction(state, text).await {
            Err(why) => SubmitState::Unreachable(why),
            Ok(f) => {
                let answer = read_answer(f.status, &f.body);
                if answer.accepted() {
                    record(state, &id, &base, &answer);
                }
                SubmitState::Answered { answer, body: f.body }
            }
        };
        state.submit.set(outcome);
    });
}

/// Writes the accepted submission beside the draft it was made from, open or not.
fn record(state: AppState, id: &str, base: &str, answer: &Answer) {
    let submission = Submission {
        at: now_iso(),
        base: base.to_owned(),
        order: answer.order(),
        locations: answer.entries.iter().filter_map(|e| e.location.clone()).collect(),
    };
    if state.draft.with_untracked(|r| r.id == id) {
        state.draft.update(|r| r.submitted = Some(submission));
        super::edit::save_open(state);
    } else if let Some(mut r) = persist::load::<DraftRecord>(&draft_key(id)) {
        r.submitted = Some(submission);
        state.storage_ok.set(persist::save(&draft_key(id), &r));
    }
    state.track_order.set(answer.order());
}
