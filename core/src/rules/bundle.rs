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
    "Each entry of a batch, transaction or history must have a `request` (bdl-3).",
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

pub const TYPE_NOT_INSPECTABLE: &Rule = rule!(
    "GOM-BDL-003",
    "bundle-type-inspect",
    Error,
    NotSupported,
    "In inspect mode `Bundle.type` must be one GOMS exchanges: transaction, transaction-response, searchset, history, document or message.",
    "Inspect responses, search results, `$graph` results, documents and notifications; GOMS exchanges no batch or collection Bundles."
);
pub const REQUEST_URL_FORM: &Rule = rule!(
    "GOM-BDL-014",
    "request-url-form",
    Error,
    Invalid,
    "`request.url` must be the resource type for POST and `Type/id` for PUT (no conditional operations in alpha).",
    "Write `\"url\": \"Patient\"` for a POST and `\"url\": \"Patient/<id>\"` for a PUT."
);
pub const REQUEST_URL_TYPE: &Rule = rule!(
    "GOM-BDL-015",
    "request-url-type",
    Error,
    Invalid,
    "The type in `request.url` must be the entry resource's type.",
    "Make `request.url` name the same type as `resource.resourceType`."
);
pub const PUT_ID_MISMATCH: &Rule = rule!(
    "GOM-BDL-016",
    "put-id-mismatch",
    Error,
    Invalid,
    "A PUT's resource must have an `id` equal to the id in `request.url` (FHIR update).",
    "Set `resource.id` to the id in `request.url`, or correct the url."
);
pub const IF_NONE_EXIST: &Rule = rule!(
    "GOM-BDL-017",
    "if-none-exist",
    Warning,
    NotSupported,
    "Conditional create (`request.ifNoneExist`) is not supported by GOMS in alpha.",
    "Remove `ifNoneExist`; search for the resource first and reference it by `Type/id` if it exists."
);
pub const ENTRY_RESOURCE_MISSING: &Rule = rule!(
    "GOM-BDL-018",
    "entry-resource-missing",
    Error,
    Required,
    "A POST or PUT entry must carry the resource to create or update.",
    "Add `resource` to the entry, or remove the entry."
);
pub const TOTAL_NOT_ALLOWED: &Rule = rule!(
    "GOM-BDL-020",
    "bdl-1-total",
    Error,
    Invariant,
    "`Bundle.total` is only allowed in a searchset or history (bdl-1).",
    "Remove `total`."
);
pub const SEARCH_NOT_ALLOWED: &Rule = rule!(
    "GOM-BDL-021",
    "bdl-2-search",
    Error,
    Invariant,
    "`entry.search` is only allowed in a searchset (bdl-2).",
    "Remove `search` from the entry."
);
pub const REQUEST_NOT_ALLOWED: &Rule = rule!(
    "GOM-BDL-022",
    "bdl-3-request-prohibited",
    Error,
    Invariant,
    "`entry.request` is only allowed in a batch, transaction or history (bdl-3).",
    "Remove `request` from the entry, or change `Bundle.type`."
);
pub const RESPONSE_MISSING: &Rule = rule!(
    "GOM-BDL-023",
    "bdl-4-response-missing",
    Error,
    Invariant,
    "Each entry of a batch-response, transaction-response or history must have a `response` (bdl-4).",
    "Add `response` with at least `status` to the entry."
);
pub const RESPONSE_NOT_ALLOWED: &Rule = rule!(
    "GOM-BDL-024",
    "bdl-4-response-prohibited",
    Error,
    Invariant,
    "`entry.response` is only allowed in a batch-response, transaction-response or history (bdl-4).",
    "Remove `response` from the entry, or change `Bundle.type`."
);
pub const ENTRY_EMPTY: &Rule = rule!(
    "GOM-BDL-025",
    "bdl-5-entry-empty",
    Error,
    Invariant,
    "An entry must be an object with a `resource`, a `request` or a `response` (bdl-5).",
    "Give the entry its resource, or remove it."
);
pub const FULL_URL_DUPLICATE: &Rule = rule!(
    "GOM-BDL-026",
    "bdl-7-full-url-unique",
    Error,
    Duplicate,
    "Two entries must not share a `fullUrl` unless they are versions of one resource (bdl-7).",
    "Give each entry its own `fullUrl`, e.g. a fresh `urn:uuid:`."
);
pub const FULL_URL_VERSIONED: &Rule = rule!(
    "GOM-BDL-027",
    "bdl-8-full-url-version",
    Error,
    Invariant,
    "`fullUrl` must not be version-specific (bdl-8).",
    "Remove the `/_history/…` part of the `fullUrl`."
);
pub const DOCUMENT_IDENTIFIER: &Rule = rule!(
    "GOM-BDL-028",
    "bdl-9-document-identifier",
    Error,
    Invariant,
    "A document Bundle must have an `identifier` with `system` and `value` (bdl-9).",
    "Add `identifier` with a `system` and a unique `value`."
);
pub const DOCUMENT_DATE: &Rule = rule!(
    "GOM-BDL-029",
    "bdl-10-document-date",
    Error,
    Invariant,
    "A document Bundle must have a `timestamp` (bdl-10).",
    "Add `timestamp` with the date and time the document was assembled."
);
pub const DOCUMENT_COMPOSITION: &Rule = rule!(
    "GOM-BDL-030",
    "bdl-11-document-composition",
    Error,
    Invariant,
    "The first entry of a document Bundle must be a Composition (bdl-11).",
    "Move the Composition to `entry[0]`."
);
pub const MESSAGE_HEADER: &Rule = rule!(
    "GOM-BDL-031",
    "bdl-12-message-header",
    Error,
    Invariant,
    "The first entry of a message Bundle must be a MessageHeader (bdl-12).",
    "Move the MessageHeader to `entry[0]`."
);
pub const ENTRY_MISSING: &Rule = rule!(
    "GOM-BDL-032",
    "bundle-entry-missing",
    Error,
    Required,
    "A Bundle submitted to GOMS must have at least one entry.",
    "Add the order's or the result's resources as entries."
);
pub const RESPONSE_LOCATION: &Rule = rule!(
    "GOM-BDL-033",
    "response-outcome-location",
    Warning,
    Invalid,
    "In a transaction-response, each entry's OperationOutcome should locate its issues in the request entry it answers.",
    "Make `issue.expression` (and `location`) of entry N start with `Bundle.entry[N]`."
);
pub const RESOURCE_TYPE_UNKNOWN: &Rule = rule!(
    "GOM-BDL-034",
    "entry-resource-type-unknown",
    Error,
    Value,
    "An entry's `resource.resourceType` must name a FHIR R4 resource type, spelt exactly.",
    "Spell the type as FHIR does (ASCII letters, case-sensitive); a look-alike such as a Cyrillic `а` or a zero-width space makes it another name."
);

pub const ALL: &[&Rule] = &[
    NOT_A_BUNDLE,
    TYPE_NOT_TRANSACTION,
    TYPE_NOT_INSPECTABLE,
    ENTRY_REQUEST_MISSING,
    METHOD_GET_IGNORED,
    METHOD_NOT_SUPPORTED,
    METHOD_INVALID,
    REQUEST_URL_FORM,
    REQUEST_URL_TYPE,
    PUT_ID_MISMATCH,
    IF_NONE_EXIST,
    ENTRY_RESOURCE_MISSING,
    TOTAL_NOT_ALLOWED,
    SEARCH_NOT_ALLOWED,
    REQUEST_NOT_ALLOWED,
    RESPONSE_MISSING,
    RESPONSE_NOT_ALLOWED,
    ENTRY_EMPTY,
    FULL_URL_DUPLICATE,
    FULL_URL_VERSIONED,
    DOCUMENT_IDENTIFIER,
    DOCUMENT_DATE,
    DOCUMENT_COMPOSITION,
    MESSAGE_HEADER,
    ENTRY_MISSING,
    RESPONSE_LOCATION,
    RESOURCE_TYPE_UNKNOWN,
];
