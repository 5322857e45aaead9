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

pub const NUMBER_OUT_OF_RANGE: &Rule = rule!(
    "GOM-JSON-006",
    "number-out-of-range",
    Error,
    Value,
    "A number must fit FHIR's types: a finite double, and at most 18 significant digits (R4 decimal precision).",
    "Write the number with fewer digits, or as a string if it is an identifier."
);
pub const STRING_TOO_LONG: &Rule = rule!(
    "GOM-JSON-007",
    "string-too-long",
    Error,
    TooCostly,
    "A FHIR string must not exceed 1 MB (R4 datatypes); only base64 `data` may be longer.",
    "Shorten the text, or send the content as an Attachment (`data` or `url`)."
);

pub const ALL: &[&Rule] =
    &[SYNTAX, NOT_A_RESOURCE, DUPLICATE_MEMBER, BYTE_ORDER_MARK, INVALID_UTF8, NUMBER_OUT_OF_RANGE, STRING_TOO_LONG];
