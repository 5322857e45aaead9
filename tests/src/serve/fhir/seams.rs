//! The three places where gom-core's workflow and notification rules plug into the broker.
//! Each is one function (or one small type) called from exactly one place in the commit path
//! (`commit.rs`) or the router, so wiring a rule in means editing this file only.
//!
//! Until gom-core has them, each seam does nothing (or, for `/events`, answers 501):
//! - [`check_update`]: the Task state machine and the update rules, on every PUT (direct or in a
//!   transaction). Error findings reject the update with 422.
//! - [`derive`]: broker behaviour, i.e. the planner spinning up Tasks when a ServiceRequest
//!   becomes active, and the cascades when it is revoked or entered in error. Its resources are
//!   written in the same atomic commit as the change that caused them.
//! - [`Events`]: publication of `genomic-order-event-1` for every committed create and update,
//!   and `GET /events?criteria=…` over what was published.

use std::sync::Arc;

use gom_core::rules::server as r;
use gom_core::Diagnostic;
use serde_json::Value;

use super::reply::Reply;
use super::store::Store;

/// A resource about to be committed (or just committed), with the version it replaces.
#[derive(Clone, Debug)]
pub struct Change {
    /// The new version; `meta.versionId` is set once the commit is final.
    pub resource: Arc<Value>,
    /// The current version before this commit, `None` for a create.
    pub previous: Option<Arc<Value>>,
}

/// SEAM 1 — workflow and update rules for a PUT of `new` over `old` (same type and id).
/// Findings with error severity reject the update (422); warnings are returned to the client.
pub fn check_update(old: &Value, new: &Value) -> Vec<Diagnostic> {
    let _ = (old, new);
    Vec::new()
}

/// SEAM 2 — broker behaviour. Given the store before the commit, the changes the client asked
/// for, and the commit time, returns further resources the broker writes in the same commit:
/// without `id` they are created (the broker assigns the id), with an `id` they update the
/// resource of that id (or replace a change to it in this commit).
pub fn derive(store: &Store, changes: &[Change], now: &str) -> Vec<Value> {
    let _ = (store, changes, now);
    Vec::new()
}

/// SEAM 3 — published events, in commit order.
#[derive(Debug, Default)]
pub struct Events {}

impl Events {
    /// Called once per commit, after it is durable and applied, with the commit's changes
    /// (client writes first, then derived ones), under the writer lock so order is total.
    pub fn publish(&self, committed: &[Change]) {
        let _ = committed;
    }

    /// `GET /events?criteria=…`: the published events the criteria matches.
    pub fn query(&self, criteria: Option<&str>) -> Reply {
        let _ = criteria;
        Reply::issue(501, r::NOT_IMPLEMENTED, "Event publication and `GET /events` are not available yet")
    }
}
