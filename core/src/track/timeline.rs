//! What happened to an order's Tasks: each version compared with the one before it.

use serde::Serialize;
use serde_json::Value as J;

use super::{concept, resources, who};

/// One change of one Task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// When (`meta.lastUpdated`, else `lastModified`).
    pub at: String,
    pub task: String,
    /// The Task's label (code display or code).
    pub label: String,
    /// What changed, in words: `Created as requested`, `Status requested → accepted`,
    /// `Business status: sample-received`, `Owner RR8 → R0A`.
    pub what: Vec<String>,
}

/// The changes in `_history` Bundles (one per Task, any order of versions), oldest first.
pub fn timeline(histories: &[&str]) -> Vec<Change> {
    let mut out = Vec::new();
    for h in histories {
        let Some(v) = crate::jsonvalue::parse(h) else { continue };
        let mut versions: Vec<&J> =
            resources(&v).filter(|r| r.get("resourceType").and_then(J::as_str) == Some("Task")).collect();
        crate::sort::sort_by_key(&mut versions, |t| version_number(t));
        let mut before: Option<&J> = None;
        for t in versions {
            let what = differences(before, t);
            if !what.is_empty() {
                let (code, label) = concept(t.get("code"));
                out.push(Change {
                    at: when(t),
                    task: t.get("id").and_then(J::as_str).unwrap_or_default().to_owned(),
                    label: label.or(code).unwrap_or_else(|| "Task".to_owned()),
                    what,
                });
            }
            before = Some(t);
        }
    }
    crate::sort::sort_by(&mut out, |a, b| (&a.at, &a.task).cmp(&(&b.at, &b.task)));
    out
}

fn version_number(t: &J) -> u64 {
    t.get("meta").and_then(|m| m.get("versionId")).and_then(J::as_str).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn when(t: &J) -> String {
    let s = |v: Option<&J>| v.and_then(J::as_str).map(str::to_owned);
    s(t.get("meta").and_then(|m| m.get("lastUpdated"))).or_else(|| s(t.get("lastModified"))).unwrap_or_default()
}

fn differences(before: Option<&J>, now: &J) -> Vec<String> {
    let status = |t: &J| t.get("status").and_then(J::as_str).unwrap_or_default().to_owned();
    let business = |t: &J| concept(t.get("businessStatus")).0;
    let owner = |t: &J| who(t.get("owner"));
    let mut what = Vec::new();
    match before {
        None => {
            what.push(format!("Created as {}", status(now)));
            if let Some(b) = business(now) {
                what.push(format!("Business status: {b}"));
            }
            if let Some(o) = owner(now) {
                what.push(format!("Owner {o}"));
            }
        }
        Some(b) => {
            if status(b) != status(now) {
                what.push(format!("Status {} → {}", status(b), status(now)));
            }
            if business(b) != business(now) {
                what.push(format!("Business status: {}", business(now).unwrap_or_else(|| "none".to_owned())));
            }
            if owner(b) != owner(now) {
                let name = |o: Option<String>| o.unwrap_or_else(|| "nobody".to_owned());
                what.push(format!("Owner {} → {}", name(owner(b)), name(owner(now))));
            }
        }
    }
    what
}
