//! Reading reference strings and fullUrls. Hand-written: no regex in gom-core.

use super::RefKind;
use crate::fhir::is_resource_type;

/// A RESTful URL `[base]Type/id[/_history/v]` split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Restful<'s> {
    /// Everything before `Type`, ending in `/`.
    pub base: &'s str,
    pub ty: &'s str,
    pub id: &'s str,
    pub version: Option<&'s str>,
}

/// A FHIR id: 1–64 of `[A-Za-z0-9-.]`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Looks like a type name (the caller decides whether R4 knows it).
fn is_type_like(s: &str) -> bool {
    let mut b = s.bytes();
    b.next().is_some_and(|c| c.is_ascii_uppercase()) && b.all(|c| c.is_ascii_alphanumeric())
}

/// Splits off a trailing `/_history/v`.
fn strip_history(s: &str) -> (&str, Option<&str>) {
    match s.rfind("/_history/") {
        Some(i) => (&s[..i], Some(&s[i + "/_history/".len()..])),
        None => (s, None),
    }
}

/// `Type/id` or `Type/id/_history/v` → (Type, id). The type is only checked for shape.
pub fn parse_relative(s: &str) -> Option<(&str, &str)> {
    let (s, _) = strip_history(s);
    let (ty, id) = s.split_once('/')?;
    (is_type_like(ty) && is_id(id)).then_some((ty, id))
}

/// Parses an absolute `http(s)://…/Type/id` URL whose type is an R4 resource type.
pub fn parse_restful(url: &str) -> Option<Restful<'_>> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let (path, version) = strip_history(url);
    let slash = path.rfind('/')?;
    let id = &path[slash + 1..];
    let head = &path[..slash];
    let slash2 = head.rfind('/')?;
    let ty = &head[slash2 + 1..];
    let host_start = url.find("://")? + 3;
    if !is_id(id) || !is_resource_type(ty) || slash2 <= host_start {
        return None;
    }
    Some(Restful { base: &path[..slash2 + 1], ty, id, version })
}

/// True for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex (either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// True for an OID: digits separated by single dots, at least two arcs.
fn is_oid(s: &str) -> bool {
    !s.is_empty()
        && s.contains('.')
        && s.split('.').all(|arc| !arc.is_empty() && arc.bytes().all(|c| c.is_ascii_digit()))
}

/// True when `s` starts with a URI scheme (`letter *(letter / digit / + - .) ":"`).
fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else { return false };
    let scheme = &s[..colon];
    let mut b = scheme.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && !s[..colon].contains('/')
}

/// The form of a `reference` string.
pub fn classify(s: &str) -> RefKind {
    if s.is_empty() {
        RefKind::Invalid
    } else if s.starts_with('#') {
        RefKind::Contained
    } else if let Some(u) = s.strip_prefix("urn:uuid:") {
        if is_uuid(u) {
            RefKind::Uuid
        } else {
            RefKind::Invalid
        }
    } else if let Some(o) = s.strip_prefix("urn:oid:") {
        if is_oid(o) {
            RefKind::Oid
        } else {
            RefKind::Invalid
        }
    } else if has_scheme(s) {
        RefKind::Absolute
    } else if conditional(s).is_some() {
        RefKind::Relative
    } else {
        match parse_relative(s) {
            Some((ty, _)) if is_resource_type(ty) => RefKind::Relative,
            _ => RefKind::Invalid,
        }
    }
}

/// A conditional reference `Type?query` (resolved by the server searching): its type.
pub fn conditional(s: &str) -> Option<&str> {
    let (ty, q) = s.split_once('?')?;
    (is_resource_type(ty) && !q.is_empty()).then_some(ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_reference_forms() {
        for (s, k) in [
            ("urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e01", RefKind::Uuid),
            ("urn:uuid:3B1E8F0A-6C3D-4A57-9D0E-0A1B2C3D4E01", RefKind::Uuid),
            ("urn:uuid:not-a-uuid", RefKind::Invalid),
            ("urn:oid:2.16.840.1", RefKind::Oid),
            ("urn:oid:2..1", RefKind::Invalid),
            ("Patient/abc-1.2", RefKind::Relative),
            ("Patient/abc/_history/2", RefKind::Relative),
            ("Patient?identifier=x|1", RefKind::Relative),
            ("ServieRequest/1", RefKind::Invalid),
            ("Patient/", RefKind::Invalid),
            ("Patient/a b", RefKind::Invalid),
            ("https://example.org/fhir/Patient/1", RefKind::Absolute),
            ("mailto:someone@example.org", RefKind::Absolute),
            ("#p1", RefKind::Contained),
            ("", RefKind::Invalid),
            ("just text", RefKind::Invalid),
        ] {
            assert_eq!(classify(s), k, "{s}");
        }
    }

    #[test]
    fn splits_restful_urls() {
        let r = parse_restful("http://example.org/fhir/Patient/p1/_history/3").unwrap();
        assert_eq!((r.base, r.ty, r.id, r.version), ("http://example.org/fhir/", "Patient", "p1", Some("3")));
        assert_eq!(parse_restful("https://x.org/Patient/p1").map(|r| r.base), Some("https://x.org/"));
        assert!(parse_restful("https://x.org/ehr/LabOrder123456").is_none());
        assert!(parse_restful("urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e01").is_none());
        assert!(parse_restful("https://Patient/1").is_none());
        assert_eq!(parse_relative("Task/t1/_history/1"), Some(("Task", "t1")));
    }
}
