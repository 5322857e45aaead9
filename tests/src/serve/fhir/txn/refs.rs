//! Reference resolution inside a transaction (R4 bundle rules, seed 002): `urn:uuid:` fullUrls
//! and in-bundle URLs become the server's `Type/id`, consistently in every reference (and in any
//! other string equal to a `urn:uuid:` fullUrl, such as an attachment URL); `Type/id` references
//! that stay must name a resource the broker holds.

use std::collections::HashMap;

use gom_core::rules::server as r;
use gom_core::Diagnostic;
use serde_json::Value;

use crate::serve::fhir::store::{is_id, is_type, split_reference, Store};

/// Where each in-bundle name of a resource points on the server.
#[derive(Debug, Default)]
pub struct Targets {
    map: HashMap<String, String>,
}

impl Targets {
    pub fn insert(&mut self, key: &str, target: String) {
        self.map.insert(key.to_owned(), target);
    }

    /// Adds a name only if no entry claimed it already (the lenient `Type/<resource.id>` alias
    /// must never shadow a fullUrl).
    pub fn insert_alias(&mut self, key: &str, target: String) {
        self.map.entry(key.to_owned()).or_insert(target);
    }

    /// The server `Type/id` a reference made inside the entry with `full_url` resolves to, when
    /// it names an entry of the bundle: by exact fullUrl, by a relative reference against an
    /// absolute RESTful fullUrl's base, or by the type and id the resource was sent with.
    pub fn lookup(&self, reference: &str, full_url: Option<&str>) -> Option<&str> {
        if let Some(t) = self.map.get(reference) {
            return Some(t);
        }
        let (rtype, id, _) = split_reference(reference)?;
        let base = full_url.and_then(restful_base)?;
        self.map.get(&format!("{base}{rtype}/{id}")).map(String::as_str)
    }
}

/// `http://host/fhir/` of `http://host/fhir/Patient/123`.
pub fn restful_base(full_url: &str) -> Option<&str> {
    if !(full_url.starts_with("http://") || full_url.starts_with("https://")) {
        return None;
    }
    let mut parts = full_url.rsplitn(3, '/');
    let id = parts.next()?;
    let rtype = parts.next()?;
    let base = parts.next()?;
    if is_type(rtype) && is_id(id) {
        full_url.get(..base.len() + 1)
    } else {
        None
    }
}

/// Rewrites every reference of a resource in place, reporting those that resolve nowhere. With
/// an entry `index` findings are located in the Bundle, without one in the resource itself (a
/// direct PUT).
pub fn rewrite(
    resource: &mut Value,
    index: Option<usize>,
    full_url: Option<&str>,
    targets: &Targets,
    store: &Store,
    diags: &mut Vec<Diagnostic>,
) {
    let (root, ptr) = match index {
        Some(i) => (format!("Bundle.entry[{i}].resource"), format!("/entry/{i}/resource")),
        None => (resource["resourceType"].as_str().unwrap_or("Resource").to_owned(), String::new()),
    };
    let mut stack: Vec<(&mut Value, String, String, bool)> = vec![(resource, root, ptr, false)];
    // Bounded: every node is pushed once, and serde_json caps nesting at 128.
    while let Some((v, path, pointer, is_reference)) = stack.pop() {
        match v {
            Value::String(s) if is_reference => {
                if let Some(t) = targets.lookup(s, full_url) {
                    *s = t.to_owned();
                } else if let Some(d) = unresolved(s, store) {
                    let mut d = d.with_expression(path);
                    d.pointer = Some(pointer);
                    d.entry = index.map(|i| i as u32);
                    diags.push(d);
                }
            }
            Value::String(s) if s.starts_with("urn:uuid:") => {
                if let Some(t) = targets.lookup(s, None) {
                    *s = t.to_owned();
                }
            }
            Value::Object(o) => {
                for (k, c) in o.iter_mut() {
                    let p = format!("{path}.{k}");
                    let ptr = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                    stack.push((c, p, ptr, k == "reference"));
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter_mut().enumerate() {
                    stack.push((c, format!("{path}[{i}]"), format!("{pointer}/{i}"), false));
                }
            }
            _ => {}
        }
    }
}

/// Why a reference that names no entry of the bundle is an error, if it is.
fn unresolved(reference: &str, store: &Store) -> Option<Diagnostic> {
    if reference.starts_with("urn:uuid:") || reference.starts_with("urn:oid:") {
        // The validator's reference rule (which has refused such a transaction already); the
        // broker's own GOM-SRV-002 is retired.
        return Some(Diagnostic::new(
            gom_core::rules::refs::DANGLING,
            format!("`{reference}` is the `fullUrl` of no entry in the Bundle"),
        ));
    }
    if split_reference(reference).is_some() && store.resolve(reference).is_none() {
        return Some(Diagnostic::new(
            r::UNRESOLVED_SERVER_REFERENCE,
            format!("The reference `{reference}` names neither a resource the broker holds nor an entry of this transaction"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_full_urls_relative_references_and_aliases() {
        let mut t = Targets::default();
        t.insert("urn:uuid:1", "Patient/a".into());
        t.insert("http://example.org/fhir/Specimen/S1", "Specimen/b".into());
        t.insert_alias("Practitioner/P", "Practitioner/c".into());
        t.insert_alias("urn:uuid:1", "Patient/zzz".into());
        let in_example = Some("http://example.org/fhir/ServiceRequest/SR1");
        assert_eq!(t.lookup("urn:uuid:1", None), Some("Patient/a"));
        assert_eq!(t.lookup("Specimen/S1", in_example), Some("Specimen/b"));
        assert_eq!(t.lookup("Specimen/S1", Some("urn:uuid:9")), None);
        assert_eq!(t.lookup("Practitioner/P", None), Some("Practitioner/c"));
        assert_eq!(restful_base("https://h/R4/Task/1"), Some("https://h/R4/"));
        assert_eq!(restful_base("urn:uuid:1"), None);
        assert_eq!(restful_base("http://h/x"), None);
    }

    #[test]
    fn rewrites_every_reference_and_reports_dangling_ones() {
        let mut t = Targets::default();
        t.insert("urn:uuid:1", "Patient/a".into());
        let mut res = json!({
            "resourceType": "ServiceRequest",
            "subject": {"reference": "urn:uuid:1"},
            "supportingInfo": [{"reference": "urn:uuid:2"}, {"reference": "Observation/none"}],
            "note": [{"text": "urn:uuid:1"}],
            "performer": [{"identifier": {"value": "699X0"}}, {"reference": "https://elsewhere/Organization/1"}]
        });
        let mut diags = Vec::new();
        rewrite(&mut res, Some(3), None, &t, &Store::default(), &mut diags);
        assert_eq!(res["subject"]["reference"], "Patient/a");
        assert_eq!(res["note"][0]["text"], "Patient/a");
        diags.sort_by(|a, b| a.expression.cmp(&b.expression));
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.expression.clone().unwrap_or_default())).collect();
        assert_eq!(
            got,
            [
                ("GOM-REF-001", "Bundle.entry[3].resource.supportingInfo[0].reference".to_owned()),
                ("GOM-SRV-001", "Bundle.entry[3].resource.supportingInfo[1].reference".to_owned()),
            ]
        );
        assert_eq!(diags[0].pointer.as_deref(), Some("/entry/3/resource/supportingInfo/0/reference"));
        assert_eq!(diags[1].entry, Some(3));
    }
}
