//! The in-memory resource store: every version of every resource, in commit order.
//!
//! Versions of one resource are contiguous from 1, so `versionId` N is `versions[N-1]`. Each
//! resource remembers when it was first created (`seq`), which is the order searches return.
//!
//! The links from an order's parts to the order ([`LINKS`]: a Task's `focus`, a Specimen's
//! `request`, a DiagnosticReport's `basedOn`) are indexed, so finding an order's Tasks, which
//! the broker does on every Task change, does not scan every Task held.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::Value;

/// One resource and its history.
#[derive(Debug, Default)]
pub struct Stored {
    /// Creation order across the whole store.
    pub seq: u64,
    pub versions: Vec<Arc<Value>>,
}

impl Stored {
    pub fn current(&self) -> Option<&Arc<Value>> {
        self.versions.last()
    }

    pub fn version(&self) -> u64 {
        self.versions.len() as u64
    }
}

/// The indexed links: resource type and the element that references its order.
pub const LINKS: &[(&str, &str)] = &[("Task", "focus"), ("Specimen", "request"), ("DiagnosticReport", "basedOn")];

#[derive(Debug, Default)]
pub struct Store {
    types: HashMap<String, BTreeMap<String, Stored>>,
    /// (type, `Type/id` of the target) → ids of the resources of that type that have linked to
    /// it in some version (checked against the current version on lookup).
    links: HashMap<(String, String), Vec<String>>,
    next_seq: u64,
    commits: u64,
}

impl Store {
    pub fn get(&self, rtype: &str, id: &str) -> Option<&Stored> {
        self.types.get(rtype)?.get(id)
    }

    pub fn current(&self, rtype: &str, id: &str) -> Option<&Arc<Value>> {
        self.get(rtype, id)?.current()
    }

    /// The resource a reference such as `Task/123` or `Task/123/_history/2` names.
    pub fn resolve(&self, reference: &str) -> Option<&Arc<Value>> {
        let (rtype, id, version) = split_reference(reference)?;
        let stored = self.get(rtype, id)?;
        match version {
            Some(v) => stored.versions.get(v.checked_sub(1)? as usize),
            None => stored.current(),
        }
    }

    /// Current versions of every resource of a type, in creation order.
    pub fn of_type(&self, rtype: &str) -> Vec<&Arc<Value>> {
        let Some(map) = self.types.get(rtype) else { return Vec::new() };
        let mut v: Vec<&Stored> = map.values().collect();
        v.sort_by_key(|s| s.seq);
        v.into_iter().filter_map(Stored::current).collect()
    }

    /// The element of `rtype` that [`Store::referring`] follows, if it is indexed.
    pub fn link_of(rtype: &str) -> Option<&'static str> {
        LINKS.iter().find(|(t, _)| *t == rtype).map(|(_, path)| *path)
    }

    /// Current resources of `rtype` whose indexed link names one of `targets` (`Type/id`), in
    /// creation order. Empty when `rtype` has no indexed link.
    pub fn referring(&self, rtype: &str, targets: &[&str]) -> Vec<&Arc<Value>> {
        let Some(path) = Store::link_of(rtype) else { return Vec::new() };
        let mut found: Vec<&Stored> = Vec::new();
        for target in targets {
            let ids = self.links.get(&(rtype.to_owned(), (*target).to_owned()));
            for id in ids.into_iter().flatten() {
                let Some(stored) = self.get(rtype, id) else { continue };
                let links_now = stored.current().is_some_and(|r| link_targets(r, path).iter().any(|t| t == target));
                if links_now && !found.iter().any(|f| f.seq == stored.seq) {
                    found.push(stored);
                }
            }
        }
        found.sort_by_key(|s| s.seq);
        found.into_iter().filter_map(Stored::current).collect()
    }

    /// Resources held, counting each once whatever its number of versions.
    pub fn len(&self) -> usize {
        self.types.values().map(BTreeMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Commits applied since start (replayed ones included).
    pub fn commits(&self) -> u64 {
        self.commits
    }

    /// Applies one commit: each resource carries its type, id and `meta.versionId`. A version
    /// the store already has (a commit replayed twice) is skipped, so applying is idempotent.
    pub fn apply(&mut self, resources: &[Arc<Value>]) {
        for r in resources {
            let (Some(rtype), Some(id)) = (r["resourceType"].as_str(), r["id"].as_str()) else { continue };
            let version = r["meta"]["versionId"].as_str().and_then(|v| v.parse::<u64>().ok()).unwrap_or(1);
            let map = self.types.entry(rtype.to_owned()).or_default();
            let stored = map.entry(id.to_owned()).or_insert_with(|| {
                self.next_seq += 1;
                Stored { seq: self.next_seq, versions: Vec::new() }
            });
            if version > stored.version() {
                stored.versions.push(Arc::clone(r));
                if let Some(path) = Store::link_of(rtype) {
                    for target in link_targets(r, path) {
                        let ids = self.links.entry((rtype.to_owned(), target)).or_default();
                        if !ids.iter().any(|i| i == id) {
                            ids.push(id.to_owned());
                        }
                    }
                }
            }
        }
        self.commits += 1;
    }
}

/// The `Type/id` targets of the references at `path` (an object or an array of them).
fn link_targets(r: &Value, path: &str) -> Vec<String> {
    let refs: Vec<&Value> = match &r[path] {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    refs.iter().filter_map(|x| x["reference"].as_str()).map(super::search::relative).collect()
}

/// `Type/id` or `Type/id/_history/n`, relative, into its parts.
pub fn split_reference(reference: &str) -> Option<(&str, &str, Option<u64>)> {
    let mut parts = reference.split('/');
    let rtype = parts.next()?;
    let id = parts.next()?;
    let version = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => None,
        (Some("_history"), Some(v), None) => Some(v.parse().ok()?),
        _ => return None,
    };
    (is_type(rtype) && is_id(id)).then_some((rtype, id, version))
}

/// A FHIR resource type name: an upper-case ASCII letter, then letters.
pub fn is_type(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase()) && s.len() <= 64 && c.all(|c| c.is_ascii_alphabetic())
}

/// An R4 `id`: 1 to 64 of `[A-Za-z0-9\-\.]`.
pub fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn res(v: Value) -> Arc<Value> {
        Arc::new(v)
    }

    #[test]
    fn keeps_versions_in_order_and_skips_replays() {
        let mut s = Store::default();
        let v1 = res(json!({"resourceType": "Task", "id": "a", "meta": {"versionId": "1"}, "status": "requested"}));
        let v2 = res(json!({"resourceType": "Task", "id": "a", "meta": {"versionId": "2"}, "status": "accepted"}));
        let b = res(json!({"resourceType": "Task", "id": "b", "meta": {"versionId": "1"}}));
        s.apply(std::slice::from_ref(&v1));
        s.apply(&[b]);
        s.apply(std::slice::from_ref(&v2));
        s.apply(&[v2]);
        assert_eq!(s.get("Task", "a").map(Stored::version), Some(2));
        assert_eq!(s.resolve("Task/a").map(|r| r["status"].clone()), Some(json!("accepted")));
        assert_eq!(s.resolve("Task/a/_history/1").map(|r| r["status"].clone()), Some(json!("requested")));
        assert!(s.resolve("Task/a/_history/3").is_none());
        assert!(s.resolve("Task/a/_history/0").is_none());
        let ids: Vec<_> = s.of_type("Task").iter().map(|r| r["id"].clone()).collect();
        assert_eq!(ids, [json!("a"), json!("b")]);
        assert_eq!((s.len(), s.commits()), (2, 4));
    }

    #[test]
    fn indexes_the_links_to_an_order() {
        let mut s = Store::default();
        let task = |id: &str, v: &str, focus: &str| {
            res(json!({"resourceType": "Task", "id": id, "meta": {"versionId": v}, "focus": {"reference": focus}}))
        };
        s.apply(&[task("b", "1", "ServiceRequest/1"), task("a", "1", "http://x/FHIR/R4/ServiceRequest/1")]);
        s.apply(&[task("c", "1", "ServiceRequest/2"), task("b", "2", "ServiceRequest/2")]);
        let ids = |v: Vec<&Arc<Value>>| v.iter().map(|r| r["id"].as_str().unwrap_or("").to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(s.referring("Task", &["ServiceRequest/1"])), ["a"]);
        assert_eq!(ids(s.referring("Task", &["ServiceRequest/2"])), ["b", "c"]);
        assert_eq!(ids(s.referring("Task", &["ServiceRequest/2", "ServiceRequest/1"])), ["b", "a", "c"]);
        assert!(s.referring("Patient", &["ServiceRequest/1"]).is_empty());
    }

    #[test]
    fn splits_only_relative_references() {
        assert_eq!(split_reference("Task/1"), Some(("Task", "1", None)));
        assert_eq!(split_reference("Task/1/_history/4"), Some(("Task", "1", Some(4))));
        for bad in ["urn:uuid:1", "http://x/Task/1", "Task", "task/1", "Task/1/x", "Task/a b", "Task/1/_history/x"] {
            assert_eq!(split_reference(bad), None, "{bad}");
        }
    }
}
