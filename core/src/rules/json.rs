//! GOM-JSON: reading the document.

use super::rule;
use crate::diag::Rule;

pub const SYNTAX: &Rule = rule!(
    "GOM-JSON-001",
    "json-syntax",
    Fatal,
    Structure,
    "The document must be well-formed JSON (RFC 8259).",
    "Fix the JSON at the position given; an editor with JSON highlighting shows the break."
);
pub const NOT_A_RESOURCE: &Rule = rule!(
    "GOM-JSON-002",
    "not-a-resource",
    Fatal,
    Structure,
    "The document must be a JSON object with a `resourceType`.",
    "Send one FHIR resource as a JSON object, with `resourceType` naming its type."
);
pub const DUPLICATE_MEMBER: &Rule = rule!(
    "GOM-JSON-003",
    "duplicate-member",
    Error,
    Duplicate,
    "A JSON object must not name a member twice.",
    "Remove one of the two members; FHIR readers disagree on which one wins."
);
pub const BYTE_ORDER_MARK: &Rule = rule!(
    "GOM-JSON-004",
    "byte-order-mark",
    Error,
    Structure,
    "JSON text must not begin with a byte order mark (RFC 8259 §8.1).",
    "Save the file as UTF-8 without a BOM."
);
pub const INVALID_UTF8: &Rule =
    rule!("GOM-JSON-005", "invalid-utf8", Fatal, Structure, "JSON text must be UTF-8.", "Re-encode the file as UTF-8.");

pub const ALL: &[&Rule] = &[SYNTAX, NOT_A_RESOURCE, DUPLICATE_MEMBER, BYTE_ORDER_MARK, INVALID_UTF8];
