//! The resources of a document, indexed once, and FHIR's rules for resolving a reference among
//! them (R4 bundle.html §"Resolving references in Bundles").

use std::collections::HashMap;

use super::V;
use crate::diag::Diagnostic;
use crate::json::Doc;
use crate::rules::report as r;

/// What a reference led to.
pub(super) enum Resolved<'d, 'a> {
    Found(V<'d, 'a>),
    /// A reference string naming nothing in the document.
    Missing(String),
    /// No `reference` string (identifier or display only).
    Absent,
}

pub(super) struct Index<'d, 'a> {
    /// `DiagnosticReport`, or the Bundle's type.
    pub source: String,
    resources: Vec<V<'d, 'a>>,
    by_full_url: HashMap<String, usize>,
    by_type_id: HashMap<(String, String), usize>,
}

impl<'d, 'a> Index<'d, 'a> {
    pub fn build(doc: &'d Doc<'a>, problems: &mut Vec<Diagnostic>) -> Index<'d, 'a> {
        let root = doc.root();
        let mut ix = Index {
            source: String::new(),
            resources: Vec::new(),
            by_full_url: HashMap::new(),
            by_type_id: HashMap::new(),
        };
        let root_type = root.get_str("resourceType").map(|t| t.into_owned()).unwrap_or_default();
        if root_type != "Bundle" {
            ix.source = root_type;
            if root.is_object() {
                ix.add(root, None);
            }
            return ix;
        }
        ix.source = root.get_str("type").map(|t| t.into_owned()).unwrap_or_else(|| "Bundle".into());
        let mut warned = false;
        for entry in root.get("entry").into_iter().flat_map(|e| e.items()) {
            let resource = match entry.get("resource") {
                Some(res) => res,
                // Some published searchsets list resources directly as entries.
                None if entry.get("resourceType").is_some() => {
                    if !warned {
                        let msg = "The entry is a resource itself, not `{\"resource\": …}`";
                        problems.push(Diagnostic::new(r::ENTRY_NOT_WRAPPED, msg).at(entry));
                        warned = true;
                    }
                    entry
                }
                None => continue,
            };
            if resource.is_object() {
                ix.add(resource, entry.get_str("fullUrl").map(|u| u.into_owned()));
            }
        }
        ix
    }

    fn add(&mut self, resource: V<'d, 'a>, full_url: Option<String>) {
        let i = self.resources.len();
        self.resources.push(resource);
        let ty = resource.get_str("resourceType").map(|t| t.into_owned()).unwrap_or_default();
        if let Some(id) = resource.get_str("id") {
            self.by_type_id.entry((ty.clone(), id.into_owned())).or_insert(i);
        }
        if let Some(url) = full_url {
            if let Some((t, id)) = type_and_id(&url) {
                self.by_type_id.entry((t.to_owned(), id.to_owned())).or_insert(i);
            }
            self.by_full_url.entry(url).or_insert(i);
        }
    }

    /// The DiagnosticReports of the document, in order.
    pub fn reports(&self) -> Vec<V<'d, 'a>> {
        self.resources
            .iter()
            .copied()
            .filter(|v| v.get("resourceType").is_some_and(|t| t.str_is("DiagnosticReport")))
            .collect()
    }

    /// Resolves the Reference object `reference`, held by the resource `from`.
    pub fn resolve(&self, from: V<'d, 'a>, reference: V<'d, 'a>) -> Resolved<'d, 'a> {
        let Some(target) = reference.get_str("reference") else {
            return Resolved::Absent;
        };
        let target = target.trim();
        let found = if let Some(local) = target.strip_prefix('#') {
            from.get("contained")
                .into_iter()
                .flat_map(|c| c.items())
                .find(|c| c.get_str("id").as_deref() == Some(local))
        } else if let Some(&i) = self.by_full_url.get(target) {
            self.resources.get(i).copied()
        } else if target.contains("://") || target.starts_with("urn:") {
            None
        } else {
            type_and_id(target)
                .and_then(|(t, id)| self.by_type_id.get(&(t.to_owned(), id.to_owned())))
                .and_then(|&i| self.resources.get(i).copied())
        };
        match found {
            Some(v) => Resolved::Found(v),
            None => Resolved::Missing(target.to_owned()),
        }
    }
}

/// `Patient/123`, `…/fhir/Patient/123` or `Patient/123/_history/2` → (`Patient`, `123`).
fn type_and_id(url: &str) -> Option<(&str, &str)> {
    let url = match url.find("/_history/") {
        Some(h) => url.get(..h)?,
        None => url,
    };
    let (rest, id) = url.rsplit_once('/')?;
    let ty = rest.rsplit('/').next()?;
    let is_type =
        ty.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && ty.chars().all(|c| c.is_ascii_alphanumeric());
    (is_type && !id.is_empty()).then_some((ty, id))
}

#[cfg(test)]
mod tests {
    use super::type_and_id;

    #[test]
    fn type_and_id_of_urls() {
        assert_eq!(type_and_id("Patient/123"), Some(("Patient", "123")));
        assert_eq!(type_and_id("http://example.org/fhir/Patient/p-1"), Some(("Patient", "p-1")));
        assert_eq!(type_and_id("Patient/123/_history/2"), Some(("Patient", "123")));
        assert_eq!(type_and_id("urn:uuid:1234"), None);
        assert_eq!(type_and_id("ServiceRequest-X"), None);
        assert_eq!(type_and_id("patient/1"), None);
        assert_eq!(type_and_id("Patient/"), None);
    }
}
