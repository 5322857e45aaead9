//! The one path every write takes: derive (seam 2), version, log (fsync), apply, publish
//! (seam 3). Callers hold the writer lock from their checks through this call, so a commit
//! sees no concurrent change and readers see all of it or none of it. The commit time is read
//! under the lock, so commit times increase in commit order.

use std::sync::Arc;

use gom_core::rules::server as r;
use gom_core::Diagnostic;
use serde_json::{json, Value};

use super::reply::Reply;
use super::seams::{self, Change};
use super::{new_id, now, Broker, Inner};

/// A write a handler has checked: the resource with its type and id set, and the current
/// version it replaces (`None` to create).
#[derive(Debug)]
pub struct Pending {
    pub resource: Value,
    pub previous: Option<Arc<Value>>,
}

/// Why nothing was committed.
#[derive(Debug)]
pub enum Refused {
    /// The broker's own rules refuse what the writes would cause (a cascade gom-core forbids),
    /// each finding with the index of the write that caused it.
    Rules(Vec<(usize, Diagnostic)>),
    /// The commit could not be made durable.
    Failed(Reply),
}

impl Broker {
    /// Commits `writes` (distinct resources) atomically. Returns the committed versions in the
    /// order given, followed by the ones the broker derived.
    pub(super) fn commit(&self, inner: &mut Inner, writes: Vec<Pending>) -> Result<Vec<Arc<Value>>, Refused> {
        let now = now();
        let mut all = writes;
        let asked: Vec<Change> = all
            .iter()
            .map(|p| Change { resource: Arc::new(p.resource.clone()), previous: p.previous.clone() })
            .collect();
        let derived = seams::derive(&inner.store, &asked, &now, &mut new_id);
        if !derived.refused.is_empty() {
            return Err(Refused::Rules(derived.refused));
        }
        for d in derived.resources {
            add_derived(&inner.store, &mut all, d);
        }
        let mut committed = Vec::with_capacity(all.len());
        for mut p in all {
            let version = p.previous.as_deref().map_or(0, version_of) + 1;
            set_meta(&mut p.resource, version, &now);
            committed.push(Arc::new(p.resource));
        }
        if let Some(wal) = inner.wal.as_mut() {
            if let Err(e) = wal.append(&committed) {
                eprintln!("gom-harness: cannot write {}: {e}", wal.path().display());
                let msg = format!("The commit could not be written: {e}");
                return Err(Refused::Failed(Reply::issue(500, r::INTERNAL_ERROR, msg)));
            }
        }
        inner.store.apply(&committed);
        self.events.publish(&inner.store, &committed);
        Ok(committed)
    }
}

/// Merges a resource the broker derived into the commit: a change to a resource already in it
/// replaces that change; otherwise it updates the stored resource of its id, or creates one.
fn add_derived(store: &super::store::Store, all: &mut Vec<Pending>, mut resource: Value) {
    let rtype = resource["resourceType"].as_str().unwrap_or_default().to_owned();
    if !super::store::is_type(&rtype) {
        return;
    }
    let id = resource["id"].as_str().filter(|id| super::store::is_id(id)).map(str::to_owned);
    let Some(id) = id else {
        resource["id"] = json!(new_id());
        all.push(Pending { resource, previous: None });
        return;
    };
    let same = |p: &Pending| p.resource["resourceType"] == rtype.as_str() && p.resource["id"] == id.as_str();
    if let Some(p) = all.iter_mut().find(|p| same(p)) {
        p.resource = resource;
        return;
    }
    let previous = store.current(&rtype, &id).cloned();
    all.push(Pending { resource, previous });
}

/// `meta.versionId` as a number (1 when absent or malformed).
pub fn version_of(resource: &Value) -> u64 {
    resource["meta"]["versionId"].as_str().and_then(|v| v.parse().ok()).unwrap_or(1)
}

fn set_meta(resource: &mut Value, version: u64, now: &str) {
    if !resource["meta"].is_object() {
        resource["meta"] = json!({});
    }
    resource["meta"]["versionId"] = json!(version.to_string());
    resource["meta"]["lastUpdated"] = json!(now);
}
