//! A node's one-line description: what a reader recognises a resource by.

use crate::json::Value;

/// Longest label, in characters; longer ones end in `…`.
const MAX: usize = 28;

pub fn label(r: Value<'_, '_>) -> String {
    let ty = r.get_str("resourceType").unwrap_or_default();
    let text = match ty.as_ref() {
        "Patient" | "Practitioner" | "RelatedPerson" if name(r).is_some() => name(r),
        "Patient" => identifier(r),
        "RelatedPerson" => concept(r.get("relationship").and_then(|v| v.children().next())),
        "Organization" => r.get_str("name").map(|s| s.into_owned()).or_else(|| identifier(r)),
        "PractitionerRole" => {
            r.get("practitioner").and_then(|p| p.get_str("display")).map(|s| s.into_owned()).or_else(|| identifier(r))
        }
        "Specimen" => concept(r.get("type")).or_else(|| identifier(r)),
        "Task" => {
            let code = r.get("code").and_then(|c| c.path(&["coding"])).and_then(|c| c.children().next());
            let code = code.and_then(|c| c.get_str("code")).map(|s| s.into_owned());
            match (code, r.get_str("status")) {
                (Some(c), Some(s)) => Some(format!("{c} ({s})")),
                (c, s) => c.or(s.map(|s| s.into_owned())),
            }
        }
        "Consent" | "DiagnosticReport" => {
            let what = concept(r.get("code")).or_else(|| concept(r.get("scope")));
            match (what, r.get_str("status")) {
                (Some(w), Some(s)) => Some(format!("{w} ({s})")),
                (w, s) => w.or(s.map(|s| s.into_owned())),
            }
        }
        _ => concept(r.get("code")),
    };
    let text = text.or_else(|| r.get_str("id").map(|s| s.into_owned())).unwrap_or_default();
    shorten(text.trim())
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX - 1).collect();
    out.push('…');
    out
}

/// `name[0]`: text, else given names then family.
fn name(r: Value<'_, '_>) -> Option<String> {
    let n = r.get("name")?.children().next()?;
    if let Some(t) = n.get_str("text") {
        return Some(t.into_owned());
    }
    let mut parts: Vec<String> = n
        .get("given")
        .map(|g| g.children().filter_map(|v| v.as_str().map(|s| s.into_owned())).collect())
        .unwrap_or_default();
    if let Some(f) = n.get_str("family") {
        parts.push(f.into_owned());
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A CodeableConcept's text, else its first coding's display, else its code.
fn concept(c: Option<Value<'_, '_>>) -> Option<String> {
    let c = c?;
    if let Some(t) = c.get_str("text") {
        return Some(t.into_owned());
    }
    let coding = c.get("coding")?.children().next()?;
    coding.get_str("display").or_else(|| coding.get_str("code")).map(|s| s.into_owned())
}

fn identifier(r: Value<'_, '_>) -> Option<String> {
    let i = r.get("identifier")?.children().next()?;
    i.get_str("value").map(|s| s.into_owned())
}
