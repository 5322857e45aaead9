//! From a place in a composed bundle back to the draft field it came from.
//!
//! The validator speaks FHIRPath (`Bundle.entry[0].resource.subject.reference`); the form speaks
//! draft fields (`patient`). While composing, each entry records which section of the draft it
//! renders and which of its elements come from which field, so a finding on the bundle can be
//! shown beside the field a clinician can change.

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// One element of an entry's resource and the draft field behind it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRef {
    /// Path within the resource, as FHIRPath writes it: `identifier[0]`, `name[0].family`.
    pub path: String,
    /// The draft field: `patient.nhsNumber`, `specimens[1].collected`.
    pub field: String,
}

/// What one entry of the bundle renders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryFields {
    /// The draft section the entry renders as a whole: `patient`, `participants[0].specimens[1]`,
    /// or `order` for the ServiceRequest.
    pub section: String,
    pub fields: Vec<FieldRef>,
}

/// The map of a composed bundle, one item per entry in entry order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMap {
    pub entries: Vec<EntryFields>,
}

impl FieldMap {
    /// The draft field for a FHIRPath expression on the composed bundle: the field recorded for
    /// the longest matching element path, else the entry's section. `None` for expressions outside
    /// any entry (e.g. `Bundle.type`).
    pub fn field_for(&self, expression: &str) -> Option<&str> {
        let (index, rest) = split_entry(expression)?;
        let entry = self.entries.get(index)?;
        let path = resource_path(rest);
        let best = path.and_then(|path| {
            entry.fields.iter().filter(|f| covers(&f.path, path)).max_by_key(|f| f.path.len()).map(|f| f.field.as_str())
        });
        Some(best.unwrap_or(&entry.section))
    }

    /// The draft field for a validator finding: by its expression, else by its entry index.
    pub fn field_for_diagnostic(&self, d: &Diagnostic) -> Option<&str> {
        if let Some(field) = d.expression.as_deref().and_then(|e| self.field_for(e)) {
            return Some(field);
        }
        d.entry.and_then(|i| self.entries.get(i as usize)).map(|e| e.section.as_str())
    }

    /// The draft section rendered by entry `index`.
    pub fn section(&self, index: usize) -> Option<&str> {
        self.entries.get(index).map(|e| e.section.as_str())
    }
}

/// `Bundle.entry[3].resource.x` → (3, `.resource.x`).
fn split_entry(expression: &str) -> Option<(usize, &str)> {
    let rest = expression.strip_prefix("Bundle.entry[")?;
    let close = rest.find(']')?;
    let index = rest.get(..close)?.parse().ok()?;
    Some((index, rest.get(close + 1..)?))
}

/// `.resource.ofType(Patient).name[0]` → `name[0]`; `None` when the expression is about the
/// entry itself (`.request.method`, `.fullUrl`) or the whole resource.
fn resource_path(rest: &str) -> Option<&str> {
    let mut path = rest.strip_prefix(".resource")?;
    if let Some(after) = path.strip_prefix(".ofType(") {
        path = after.get(after.find(')')? + 1..)?;
    }
    path.strip_prefix('.').filter(|p| !p.is_empty())
}

/// True when `recorded` is `path` or an ancestor of it.
fn covers(recorded: &str, path: &str) -> bool {
    match path.strip_prefix(recorded) {
        Some("") => true,
        Some(tail) => tail.starts_with('.') || tail.starts_with('['),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> FieldMap {
        let f = |path: &str, field: &str| FieldRef { path: path.into(), field: field.into() };
        FieldMap {
            entries: vec![
                EntryFields { section: "order".into(), fields: vec![f("subject", "patient"), f("code", "test.code")] },
                EntryFields {
                    section: "patient".into(),
                    fields: vec![
                        f("identifier[0]", "patient.nhsNumber"),
                        f("name[0]", "patient.familyName"),
                        f("name[0].given", "patient.givenName"),
                    ],
                },
            ],
        }
    }

    #[test]
    fn expressions_map_to_fields() {
        let m = map();
        for (expr, want) in [
            ("Bundle.entry[0].resource.subject.reference", Some("patient")),
            ("Bundle.entry[0].resource.code.coding[1].code", Some("test.code")),
            ("Bundle.entry[0].resource.codeX", Some("order")),
            ("Bundle.entry[0].resource.status", Some("order")),
            ("Bundle.entry[0].request.method", Some("order")),
            ("Bundle.entry[1].resource", Some("patient")),
            ("Bundle.entry[1].resource.ofType(Patient).identifier[0].value", Some("patient.nhsNumber")),
            ("Bundle.entry[1].resource.identifier[1].value", Some("patient")),
            ("Bundle.entry[1].resource.name[0].given[0]", Some("patient.givenName")),
            ("Bundle.entry[1].resource.name[0].family", Some("patient.familyName")),
            ("Bundle.entry[2].resource.name", None),
            ("Bundle.type", None),
            ("Bundle.entry[x].resource", None),
        ] {
            assert_eq!(m.field_for(expr), want, "{expr}");
        }
    }

    #[test]
    fn diagnostics_map_by_expression_or_entry() {
        let rule = crate::rules::draft::REQUIRED;
        let m = map();
        let d = Diagnostic::new(rule, "x").with_expression("Bundle.entry[1].resource.name[0].family");
        assert_eq!(m.field_for_diagnostic(&d), Some("patient.familyName"));
        let mut d = Diagnostic::new(rule, "x");
        d.entry = Some(0);
        assert_eq!(m.field_for_diagnostic(&d), Some("order"));
        assert_eq!(m.field_for_diagnostic(&Diagnostic::new(rule, "x")), None);
        assert_eq!(m.section(1), Some("patient"));
    }
}
