//! GOM-BDL: the Bundle and its entries' requests (seed 002, R4 bdl-*).

use super::rule;
use crate::diag::Rule;

pub const NOT_A_BUNDLE: &Rule = rule!(
    "GOM-BDL-001",
    "not-a-bundle",
    Fatal,
    Invalid,
    "GOMS accepts orders and results as a Bundle.",
    "Wrap the resources in a Bundle of type `transaction`, one entry per resource."
);
pub const TYPE_NOT_TRANSACTION: &Rule = rule!(
    "GOM-BDL-002",
    "bundle-type-transaction",
    Error,
    NotSupported,
    "A Bundle submitted to GOMS must be of type `transaction`.",
    "Set `Bundle.type` to `transaction`; GOMS rejects other Bundle types on submission."
);
pub const ENTRY_REQUEST_MISSING: &Rule = rule!(
    "GOM-BDL-010",
    "entry-request-missing",
    Error,
    Required,
    "Each entry of a transaction must have a `request` (bdl-3).",
    "Add `request` with `method` POST (create) or PUT (update) and `url`."
);
pub const METHOD_GET_IGNORED: &Rule = rule!(
    "GOM-BDL-011",
    "entry-method-get",
    Warning,
    Informational,
    "GOMS ignores GET entries in a transaction.",
    "Remove the GET entry and search or read the resource separately."
);
pub const METHOD_NOT_SUPPORTED: &Rule = rule!(
    "GOM-BDL-012",
    "entry-method-not-supported",
    Error,
    NotSupported,
    "GOMS supports only POST and PUT in a transaction; DELETE, PATCH and HEAD are not supported.",
    "Use POST to create or PUT to update; GOMS has no plans to support DELETE."
);
pub const METHOD_INVALID: &Rule = rule!(
    "GOM-BDL-013",
    "entry-method-invalid",
    Error,
    Value,
    "`request.method` must be one of GET, HEAD, POST, PUT, DELETE or PATCH (R4 http-verb).",
    "Use POST to create or PUT to update."
);

pub const ALL: &[&Rule] = &[
    NOT_A_BUNDLE,
    TYPE_NOT_TRANSACTION,
    ENTRY_REQUEST_MISSING,
    METHOD_GET_IGNORED,
    METHOD_NOT_SUPPORTED,
    METHOD_INVALID,
];
