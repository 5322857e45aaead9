//! Which entries the focal resources reach. The same walk as the validator's orphan rule
//! (GOM-GRAPH): forward along every resolved reference, backward along the links that attach
//! an entry to what it is about, and across ServiceRequests sharing a requisition.

use crate::refs::BundleIndex;

/// Back-links that attach an entry to the one it references.
const REVERSE_LINKS: &[&str] =
    &["Specimen.request", "RelatedPerson.patient", "Task.focus", "Provenance.target", "DiagnosticReport.basedOn"];

/// The focal entries: the ServiceRequests of an order, else the DiagnosticReports of a result,
/// else the RequestGroups; none for any other Bundle.
pub fn roots(ix: &BundleIndex<'_, '_>) -> Vec<u32> {
    for ty in ["ServiceRequest", "DiagnosticReport", "RequestGroup"] {
        let found: Vec<u32> =
            ix.entries().iter().filter(|e| e.resource_type.as_deref() == Some(ty)).map(|e| e.index).collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// `reached[i]` for every entry, breadth first from `roots` (each entry is visited once).
pub fn reached(ix: &BundleIndex<'_, '_>, roots: &[u32]) -> Vec<bool> {
    let n = ix.entries().len();
    let mut seen = vec![false; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for &r in roots {
        if let Some(s) = seen.get_mut(r as usize) {
            *s = true;
            queue.push(r);
        }
    }
    let requisition = |e: u32| {
        let req = ix.entry(e)?.resource?.get("requisition")?;
        Some((req.get_str("system").unwrap_or_default(), req.get_str("value")?))
    };
    let mut next = 0;
    while let Some(&e) = queue.get(next) {
        next += 1;
        let mut found: Vec<u32> = ix.refs_from(e).iter().filter_map(|r| r.target()).collect();
        found.extend(ix.refs_to(e).filter(|r| REVERSE_LINKS.contains(&ix.element(r))).filter_map(|r| r.source()));
        if let Some(key) = requisition(e) {
            found.extend(
                ix.entries()
                    .iter()
                    .filter(|o| {
                        o.resource_type.as_deref() == Some("ServiceRequest")
                            && requisition(o.index) == Some(key.clone())
                    })
                    .map(|o| o.index),
            );
        }
        for t in found {
            if let Some(s) = seen.get_mut(t as usize) {
                if !*s {
                    *s = true;
                    queue.push(t);
                }
            }
        }
    }
    seen
}
