//! SEAM 2: what GOMS does on its own when the client's changes land (domain.md §1.3–1.5,
//! seed 003), planned by gom-core and written in the same commit:
//! - a ServiceRequest created `active`, or moved from `draft` to `active`, gets its Task library
//!   ([`plan_spin_up`]); the Tasks whose prerequisites are already met start `requested`;
//! - a Task whose status changed may complete a stage: the draft Tasks now due move to
//!   `requested` ([`due_for_request`]), while the order is active;
//! - a ServiceRequest whose status changed cascades to its Tasks ([`plan_cascade`]): revoked
//!   cancels those not started, entered-in-error marks them all, and is refused once one started;
//! - a RequestGroup that lists an order (`action.resource`) whose status, or whose Tasks'
//!   status, changed takes the status its ServiceRequests imply ([`request_group_status`],
//!   domain.md §1.5): `completed` or `revoked` once every order in it is, `active` while any is
//!   open.
//!
//! The Task library is the one the order's test calls for ([`Variant::of_request`]). A Duo or
//! Trio (ServiceRequests sharing a `requisition`, or one order whose Specimens belong to several
//! people) gets one library for the group, on the proband's order: a Task per Specimen of every
//! participant for the per-specimen stages, and on every other Task an input set per participant
//! ([`add_participant_inputs`]).

use std::collections::{HashMap, HashSet};

use gom_core::workflow::{
    add_participant_inputs, check_transition, due_for_request, plan_cascade, plan_spin_up, request_group_status,
    specimens_for, ResourceType, Variant, Workflow,
};
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
    // Orders whose status, or whose Tasks' status, this commit changes: their RequestGroups.
    let mut orders_moved: Vec<String> = Vec::new();
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
        if r["resourceType"] == "ServiceRequest" && before != status {
            orders_moved.push(key(r));
        }
    }
    for sr in &stages_moved {
        w.promote(sr);
    }
    orders_moved.extend(stages_moved);
    w.request_groups(&orders_moved);
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

    /// The ServiceRequests of the order's Duo/Trio group (those sharing its `requisition`), the
    /// proband's first, then in creation order; the order alone when it has no requisition.
    fn group_of(&self, sr: &Value) -> Vec<Value> {
        let req = |r: &Value| {
            let q = &r["requisition"];
            q["value"].as_str().map(|v| (q["system"].as_str().unwrap_or_default().to_owned(), v.to_owned()))
        };
        let Some(mine) = req(sr) else { return vec![sr.clone()] };
        // The person an order is for: the subject's NHS number when the broker holds the Patient,
        // else the reference. A Duo/Trio is orders for *different* people sharing a requisition;
        // another order for the same person with the same requisition is the order sent again
        // (a resubmitted draft), which is an order in its own right, not a member of this group.
        let person = |r: &Value| -> String {
            let subject = r["subject"]["reference"].as_str().map(search::relative).unwrap_or_default();
            let nhs = self.current(&subject).and_then(|p| {
                p["identifier"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|i| i["system"] == gom_core::fhir::systems::NHS_NUMBER)
                    .and_then(|i| i["value"].as_str().map(str::to_owned))
            });
            nhs.unwrap_or(subject)
        };
        let (me, my_person) = (key(sr), person(sr));
        let mut seen = HashSet::new();
        let mut group: Vec<Value> = Vec::new();
        let held = self.store.of_type("ServiceRequest").into_iter().map(|r| key(r));
        let written = self.order.iter().filter(|k| k.starts_with("ServiceRequest/")).cloned();
        for k in held.chain(written) {
            let Some(r) = self.current(&k) else { continue };
            let same_person_again = k != me && person(&r) == my_person;
            if req(&r).as_ref() == Some(&mine) && !same_person_again && seen.insert(k) {
                group.push(r);
            }
        }
        if group.is_empty() {
            group.push(sr.clone());
        }
        let proband = |r: &Value| {
            r["extension"].as_array().into_iter().flatten().any(|e| {
                // `…/Extension-Genomic-Patient-Role` (spellings vary: compare without dashes).
                e["url"]
                    .as_str()
                    .is_some_and(|u| u.replace('-', "").to_ascii_lowercase().ends_with("genomicpatientrole"))
                    && e["valueCodeableConcept"]["coding"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|c| c["code"] == "proband")
            })
        };
        group.sort_by_key(|r| !proband(r));
        group
    }

    /// The Specimens an order's Tasks act on, without parents (see [`specimens_for`]).
    fn specimens_of(&self, sr: &Value) -> Vec<String> {
        let sr_ref = key(sr);
        let mut candidates: Vec<Value> =
            self.store.referring("Specimen", &[&sr_ref]).into_iter().map(|s| Value::clone(s)).collect();
        let listed = sr["specimen"].as_array().into_iter().flatten().filter_map(|s| s["reference"].as_str());
        candidates.extend(listed.filter_map(|r| self.current(&search::relative(r))));
        candidates.extend(
            self.order.iter().filter_map(|k| self.latest.get(k)).filter(|r| r["resourceType"] == "Specimen").cloned(),
        );
        let refs: Vec<&Value> = candidates.iter().collect();
        specimens_for(sr, &refs)
    }

    fn spin_up(&mut self, sr: &Value, next_id: &mut dyn FnMut() -> String) {
        let group = self.group_of(sr);
        // Tasks the client brought along, an order re-activated, or a Duo/Trio whose library
        // another order of the group holds: not doubled.
        if group.iter().any(|g| !self.tasks_of(&key(g)).is_empty()) {
            return;
        }
        // The group's library hangs on the proband's order when it is active, else on the first
        // active order of the group.
        let focal = group.iter().find(|g| g["status"] == "active").unwrap_or(sr).clone();
        // Every participant's Specimens, grouped by the person they were taken from (the
        // Specimen's subject, else the subject of the order that lists it).
        let mut specimens: Vec<String> = Vec::new();
        let mut participants: Vec<(String, Vec<String>)> = Vec::new();
        for g in &group {
            let orders_subject = g["subject"]["reference"].as_str().map(search::relative).unwrap_or_default();
            for sp in self.specimens_of(g) {
                if specimens.contains(&sp) {
                    continue;
                }
                let held = self.current(&search::relative(&sp));
                let whose = held.and_then(|s| s["subject"]["reference"].as_str().map(search::relative));
                let whose = whose.unwrap_or_else(|| orders_subject.clone());
                match participants.iter_mut().find(|(p, _)| *p == whose) {
                    Some((_, list)) => list.push(sp.clone()),
                    None => participants.push((whose, vec![sp.clone()])),
                }
                specimens.push(sp);
            }
        }
        let mut plan = plan_spin_up(&focal, &specimens, Variant::of_request(&focal), next_id, self.now);
        let sets: Vec<Vec<String>> = participants.into_iter().map(|(_, list)| list).collect();
        add_participant_inputs(&mut plan, &sets);
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

    /// Moves each RequestGroup that lists one of `orders` to the status its ServiceRequests imply,
    /// where the RequestGroup state machine allows it.
    fn request_groups(&mut self, orders: &[String]) {
        if orders.is_empty() {
            return;
        }
        let lists = |rg: &Value, sr: &str| {
            rg["action"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["resource"]["reference"].as_str().is_some_and(|r| reference_matches(r, sr)))
        };
        let held = self.store.of_type("RequestGroup").into_iter().map(|r| key(r));
        let written = self.order.iter().filter(|k| k.starts_with("RequestGroup/")).cloned().collect::<Vec<_>>();
        let mut seen = HashSet::new();
        let keys: Vec<String> = held.chain(written).filter(|k| seen.insert(k.clone())).collect();
        for k in keys {
            let Some(mut rg) = self.current(&k) else { continue };
            if !orders.iter().any(|o| lists(&rg, o)) {
                continue;
            }
            let members: Vec<Value> = rg["action"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a["resource"]["reference"].as_str())
                .filter(|r| search::relative(r).starts_with("ServiceRequest/"))
                .filter_map(|r| self.current(&search::relative(r)))
                .collect();
            let statuses: Vec<&str> = members.iter().filter_map(|m| m["status"].as_str()).collect();
            let (Some(now), Some(was)) = (request_group_status(&statuses), rg["status"].as_str()) else { continue };
            if now == was || !check_transition(ResourceType::RequestGroup, was, now, Workflow::Gms, None).allowed {
                continue;
            }
            rg["status"] = json!(now);
            self.put(rg, true);
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
