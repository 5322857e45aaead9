//! The three places where gom-core's workflow and notification rules plug into the broker.
//! Each is called from exactly one place in the write path, so the broker's behaviour is read
//! here and in gom-core, nowhere else:
//! - [`check_update`] (SEAM 1): the GMS state machines and update rules on every PUT of a Task or
//!   ServiceRequest, direct or in a transaction, as the caller's role and organisation
//!   ([`Caller`]). Error findings reject the update with 422.
//! - [`derive`] (SEAM 2): what GOMS itself does: spin up Tasks when a ServiceRequest becomes
//!   active, move draft Tasks to `requested` as the stage before them completes, and cascade a
//!   revoked or entered-in-error ServiceRequest to its Tasks. Its changes are written in the same
//!   atomic commit as the change that caused them; a cascade gom-core refuses fails the commit.
//! - [`Events`] (SEAM 3): a `genomic-order-event-1` for every committed create and update, kept
//!   in a bounded ring and served by `GET /events?criteria=…` as a polling stand-in for MNS.

mod caller;
mod derive;
mod events;
mod update;

use std::sync::Arc;

use serde_json::Value;

pub use caller::Caller;
pub use derive::{derive, Derived};
pub use events::{announced, Events, EVENT_CAPACITY};
pub use update::check_update;

/// A resource about to be committed, with the version it replaces.
#[derive(Clone, Debug)]
pub struct Change {
    /// The new version; `meta.versionId` is set once the commit is final.
    pub resource: Arc<Value>,
    /// The current version before this commit, `None` for a create.
    pub previous: Option<Arc<Value>>,
}
