//! SEAM 2: what GOMS does on its own when the client's changes land (domain.md §1.3–1.5,
//! seed 003), planned by gom-core and written in the same commit:
//! - a ServiceRequest created `active`, or moved from `draft` to `active`, gets its Task library
//!   ([`plan_spin_up`]); the Tasks whose prerequisites are already met start `requested`;
//! - a Task whose status changed may complete a stage: the draft Tasks now due move to
//!   `requested` ([`due_for_request`]), while the order is active;
//! - a ServiceRequest whose status changed cascades to its Tasks ([`plan_cascade`]): revoked
//!   cancels those not started, entered-in-error marks them all, and is refused once one started.

use std::collections::{HashMap, HashSet};

use gom_core::workflow::{due_for_request, plan_cascade, plan_spin_up, specimens_for, Variant};
use gom_core::Diagnostic;
use serde_json::{json, Value};

use super::Change;
use crate::serve::fhir::search::{self, reference_matches};
use crate::serve::fhir::store::Store;

/// The broker's own changes for one commit.
#[derive(Debug, Default)]
pub struct Derived {
    /// Resources to write: with an `id` the broker assigned (a spun-up Task) or of a resource it
    /// holds or the commit writes (a promoted or cancelled Task).
    pub resources: Vec<Value>,
    /// Why the commit cannot happen, each with the index of the client change that caused it.
    pub refused: Vec<(usize, Diagnostic)>,
}

/// Plans the broker's changes for the client's `changes`, given the store before the commit.
/// `next_id` makes ids for new Tasks; `now` is the commit time.
pub fn derive(store: &Store, changes: &[Change], now: &str, next_id: &mut dyn FnMut() -> String) -> Derived {
    let mut w =
        Work { store, now, latest: HashMap::new(), order: Vec::new(), derived: Vec::new(), refused: Vec::new() };
    for c in changes {
        w.put(Value::clone(&c.resource), false);
    }
    let mut stages_moved: Vec<String> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let r = &*c.resource;
        let status = r["status"].as_str();
        let before = c.previous.as_ref().and_then(|p| p["status"].as_str());
        match (r["resourceType"].as_str(), &c.previous) {
            (Some("ServiceRequest"), _) if status == Some("active") && matches!(before, None | Some("draft")) => {
                w.spin_up(r, next_id);
            }
            (Some("ServiceRequest"), Some(prev)) if before != status => w.cascade(i, prev, r),
            (Some("Task"), _) if before != status => {
                let focus = r["focus"]["reference"].as_str().map(search::relative);
                if let Some(sr) = focus.filter(|f| f.starts_with("ServiceRequest/")) {
                    if !stages_moved.contains(&sr) {
                        stages_moved.push(sr);
                    }
                }
            }
            _ => {}
        }
    }
    for sr in &stages_moved {
        w.promote(sr);
    }
    let mut seen = HashSet::new();
    let resources = w
        .derived
        .iter()
        .filter(|k| seen.insert(k.as_str()))
        .filter_map(|k| w.latest.get(k.as_str()).cloned())
        .collect();
    Derived { resources, refused: w.refused }
}

/// The commit as it stands: every resource it writes, at its latest version.
struct Work<'s> {
    store: &'s Store,
    now: &'s str,
    latest: HashMap<String, Value>,
    /// Keys of `latest` in the order first written.
    order: Vec<String>,
    /// Keys the broker wrote, in order.
    derived: Vec<String>,
    refused: Vec<(usize, Diagnostic)>,
}

fn key(r: &Value) -> String {
    format!("{}/{}", r["resourceType"].as_str().unwrap_or_default(), r["id"].as_str().unwrap_or_default())
}

impl Work<'_> {
    fn put(&mut self, r: Value, by_broker: bool) {
        let k = key(&r);
        if self.latest.insert(k.clone(), r).is_none() {
            self.order.push(k.clone());
        }
        if by_broker {
            self.derived.push(k);
        }
    }

    /// The current version of `Type/id`, as this commit leaves it so far.
    fn current(&self, reference: &str) -> Option<Value> {
        self.latest.get(reference).cloned().or_else(|| self.store.resolve(reference).map(|r| Value::clone(r)))
    }

    /// The Tasks of an order (`ServiceRequest/id`): those held, as this commit leaves them, in
    /// creation order, then those this commit creates.
    fn tasks_of(&self, sr: &str) -> Vec<Value> {
        let held = self.store.referring("Task", &[sr]);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in held {
            let k = key(t);
            out.push(self.latest.get(&k).cloned().unwrap_or_else(|| Value::clone(t)));
            seen.insert(k);
        }
        for k in &self.order {
            let Some(t) = self.latest.get(k) else { continue };
            let mine = t["focus"]["reference"].as_str().is_some_and(|f| reference_matches(f, sr));
            if t["resourceType"] == "Task" && mine && !seen.contains(k) {
                out.push(t.clone());
            }
        }
        out
    }

    fn spin_up(&mut self, sr: &Value, next_id: &mut dyn FnMut() -> String) {
        let sr_ref = key(sr);
        // Tasks the client brought along (or an order re-activated) are not doubled.
        if !self.tasks_of(&sr_ref).is_empty() {
            return;
        }
        let mut candidates: Vec<Value> =
            self.store.referring("Specimen", &[&sr_ref]).into_iter().map(|s| Value::clone(s)).collect();
        let listed = sr["specimen"].as_array().into_iter().flatten().filter_map(|s| s["reference"].as_str());
        candidates.extend(listed.filter_map(|r| self.current(&search::relative(r))));
        candidates.extend(
            self.order.iter().filter_map(|k| self.latest.get(k)).filter(|r| r["resourceType"] == "Specimen").cloned(),
        );
        let refs: Vec<&Value> = candidates.iter().collect();
        let specimens = specimens_for(sr, &refs);
        let mut plan = plan_spin_up(sr, &specimens, Variant::General, next_id, self.now);
        let due = due_for_request(&plan.resources.iter().collect::<Vec<_>>());
        for i in due {
            if let Some(t) = plan.resources.get_mut(i) {
                t["status"] = json!("requested");
            }
        }
        for t in plan.resources {
            self.put(t, true);
        }
    }

    fn cascade(&mut self, change: usize, before: &Value, after: &Value) {
        let tasks = self.tasks_of(&key(after));
        let plan = plan_cascade(before, after, &tasks.iter().collect::<Vec<_>>());
        let errors: Vec<Diagnostic> = plan.diagnostics.into_iter().filter(|d| d.severity.is_error()).collect();
        if !errors.is_empty() {
            self.refused.extend(errors.into_iter().map(|d| (change, d)));
            return;
        }
        for u in &plan.updates {
            if let Some(t) = tasks.get(u.index).and_then(|t| u.apply(t, self.now)) {
                self.put(t, true);
            }
        }
    }

    /// Moves the draft Tasks of an active order whose prerequisites are complete to `requested`.
    fn promote(&mut self, sr: &str) {
        if self.current(sr).is_none_or(|o| o["status"] != "active") {
            return;
        }
        let tasks = self.tasks_of(sr);
        for i in due_for_request(&tasks.iter().collect::<Vec<_>>()) {
            if let Some(mut t) = tasks.get(i).cloned() {
                t["status"] = json!("requested");
                t["lastModified"] = json!(self.now);
                self.put(t, true);
            }
        }
    }
}
