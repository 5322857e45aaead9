//! GOM-SRV: what a GOMS broker checks against its own store and the HTTP request (seed 002,
//! the GOMS OpenAPI error codes). The pure validator cannot see the store; the broker reports
//! these, and they live here so every issue a client meets has one registry and one help line.
//! 001–019 are transaction entries, 020 onwards the HTTP request. A retired rule stays listed
//! (its summary says "Retired:" and what reports it now) so its code is never reused.

use super::rule;
use crate::diag::Rule;

pub const UNRESOLVED_SERVER_REFERENCE: &Rule = rule!(
    "GOM-SRV-001",
    "unresolved-server-reference",
    Error,
    NotFound,
    "A reference of the form `Type/id` must name a resource the broker holds or an entry of the same transaction.",
    "Create the target first, include it in the transaction with a matching `fullUrl`, or correct the id."
);
pub const UNRESOLVED_BUNDLE_REFERENCE: &Rule = rule!(
    "GOM-SRV-002",
    "unresolved-bundle-reference",
    Error,
    NotFound,
    "Retired: the validator's GOM-REF-001 (reference-dangling) reports a `urn:uuid:` reference that matches no entry's `fullUrl`.",
    "Add the referenced resource as an entry with that `fullUrl`, or correct the uuid."
);
pub const REQUEST_URL_MISMATCH: &Rule = rule!(
    "GOM-SRV-003",
    "request-url-mismatch",
    Error,
    Invalid,
    "`request.url` must be the resource type for POST and `Type/id` of the resource for PUT.",
    "Set `request.url` to `ServiceRequest` (POST) or `ServiceRequest/<id>` with the same `id` in the resource (PUT)."
);
pub const ENTRY_RESOURCE_MISSING: &Rule = rule!(
    "GOM-SRV-004",
    "entry-malformed",
    Error,
    Required,
    "Retired: the validator's GOM-BDL-032, GOM-BDL-025 and GOM-BDL-018 report a `Bundle.entry` that is no array, an entry that is no object and an entry without its resource.",
    "Put the resource to create or update in `entry.resource`."
);
pub const UPDATE_TARGET_MISSING: &Rule = rule!(
    "GOM-SRV-005",
    "update-target-missing",
    Error,
    NotFound,
    "A PUT must update a resource the broker holds; the broker does not create resources on update.",
    "Create the resource with POST, or correct the id in `request.url`."
);
pub const VERSION_CONFLICT: &Rule = rule!(
    "GOM-SRV-006",
    "version-conflict",
    Error,
    Conflict,
    "`If-Match` (or `request.ifMatch`) must name the current version of the resource.",
    "Read the resource again, reapply your change to the current version and send its ETag."
);
pub const IF_NONE_EXIST_MULTIPLE: &Rule = rule!(
    "GOM-SRV-007",
    "if-none-exist-multiple",
    Error,
    Duplicate,
    "An `ifNoneExist` query must match at most one resource.",
    "Make the query more selective, for example with both the identifier system and value."
);
pub const IF_NONE_EXIST_INVALID: &Rule = rule!(
    "GOM-SRV-008",
    "if-none-exist-invalid",
    Error,
    Invalid,
    "An `ifNoneExist` query must use search parameters the broker supports for that type.",
    "Use a query such as `identifier=https://fhir.nhs.uk/Id/GMSOrder|<value>`; see the CapabilityStatement."
);
pub const OVERLAPPING_IDENTITIES: &Rule = rule!(
    "GOM-SRV-009",
    "overlapping-identities",
    Error,
    Conflict,
    "Two entries of one transaction must not write the same resource.",
    "Merge the two changes into one entry."
);
pub const CONDITIONAL_UPDATE_UNSUPPORTED: &Rule = rule!(
    "GOM-SRV-010",
    "conditional-update-unsupported",
    Error,
    NotSupported,
    "The broker does not support conditional update (a PUT whose `request.url` is a search).",
    "Search for the resource, then PUT it by id with `ifMatch`."
);
pub const ID_INVALID: &Rule = rule!(
    "GOM-SRV-011",
    "id-invalid",
    Error,
    Value,
    "A resource id must be 1 to 64 letters, digits, `-` or `.` (R4 id).",
    "Use an id such as `3f2c0a6e-9f0b-4c57-8d6b-1d5a0e6c9b21`."
);
pub const DUPLICATE_FULL_URL: &Rule = rule!(
    "GOM-SRV-012",
    "duplicate-full-url",
    Error,
    Duplicate,
    "Each entry of a transaction must have its own `fullUrl`.",
    "Give every entry a fresh `urn:uuid:` fullUrl."
);
pub const NOT_FOUND: &Rule = rule!(
    "GOM-SRV-020",
    "not-found",
    Error,
    NotFound,
    "The URL must name a resource, a version or an interaction the broker has.",
    "Check the resource type, id and version; the CapabilityStatement at `metadata` lists the interactions."
);
pub const METHOD_NOT_ALLOWED: &Rule = rule!(
    "GOM-SRV-021",
    "method-not-allowed",
    Error,
    NotSupported,
    "The HTTP method must be one the URL supports.",
    "Create and update through a transaction (POST to the base URL); only Task and ServiceRequest take a direct PUT."
);
pub const BODY_TOO_LARGE: &Rule = rule!(
    "GOM-SRV-022",
    "body-too-large",
    Error,
    TooCostly,
    "A request body must not exceed the broker's size limit.",
    "Split the submission, or send large documents by URL instead of inline base64."
);
pub const BODY_INVALID: &Rule = rule!(
    "GOM-SRV-023",
    "body-invalid",
    Error,
    Structure,
    "A request body must be one FHIR resource in JSON of the type and id the URL names.",
    "Send JSON with the `resourceType` (and for PUT the `id`) of the URL."
);
pub const IF_MATCH_INVALID: &Rule = rule!(
    "GOM-SRV-024",
    "if-match-invalid",
    Error,
    Value,
    "`If-Match` must be a version ETag such as `W/\"3\"`.",
    "Send back the `ETag` header of the read you based the change on."
);
pub const MEDIA_TYPE_UNSUPPORTED: &Rule = rule!(
    "GOM-SRV-025",
    "media-type-unsupported",
    Error,
    NotSupported,
    "The broker reads and writes FHIR JSON only.",
    "Send `Content-Type: application/fhir+json`."
);
pub const SEARCH_PARAMETER_UNKNOWN: &Rule = rule!(
    "GOM-SRV-026",
    "search-parameter-unknown",
    Error,
    NotSupported,
    "A search must use only the parameters the broker supports for that type.",
    "Remove the parameter or use one listed in the CapabilityStatement at `metadata`."
);
pub const SEARCH_VALUE_INVALID: &Rule = rule!(
    "GOM-SRV-027",
    "search-value-invalid",
    Error,
    Value,
    "A search or operation parameter must have a well-formed value.",
    "Use `[system|]code` for tokens and `Type/id` for references."
);
pub const INTERNAL_ERROR: &Rule = rule!(
    "GOM-SRV-028",
    "internal-error",
    Fatal,
    Exception,
    "The broker failed to process a request it should have handled.",
    "Retry; if it persists, report it with the request that caused it."
);
pub const NOT_IMPLEMENTED: &Rule = rule!(
    "GOM-SRV-029",
    "not-implemented",
    Error,
    NotSupported,
    "The interaction is planned but not yet available in this broker.",
    "See the CapabilityStatement at `metadata` for what the broker supports today."
);

pub const CALLER_HEADER_INVALID: &Rule = rule!(
    "GOM-SRV-030",
    "caller-header-invalid",
    Error,
    Value,
    "`X-Gom-Role` must be `placer` or `filler`, and `X-Gom-Actor` an ODS code (letters and digits).",
    "Send `X-Gom-Role: placer|filler` and `X-Gom-Actor: <ODS code>`, or leave them out to have the role unchecked."
);
pub const EVENT_NOT_HELD: &Rule = rule!(
    "GOM-SRV-031",
    "event-not-held",
    Error,
    NotFound,
    "`since` must name an event the broker still holds (it keeps the most recent ones only).",
    "Poll again without `since` and carry on from the newest event id you receive."
);

pub const ALL: &[&Rule] = &[
    UNRESOLVED_SERVER_REFERENCE,
    UNRESOLVED_BUNDLE_REFERENCE,
    REQUEST_URL_MISMATCH,
    ENTRY_RESOURCE_MISSING,
    UPDATE_TARGET_MISSING,
    VERSION_CONFLICT,
    IF_NONE_EXIST_MULTIPLE,
    IF_NONE_EXIST_INVALID,
    OVERLAPPING_IDENTITIES,
    CONDITIONAL_UPDATE_UNSUPPORTED,
    ID_INVALID,
    DUPLICATE_FULL_URL,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    BODY_TOO_LARGE,
    BODY_INVALID,
    IF_MATCH_INVALID,
    MEDIA_TYPE_UNSUPPORTED,
    SEARCH_PARAMETER_UNKNOWN,
    SEARCH_VALUE_INVALID,
    INTERNAL_ERROR,
    NOT_IMPLEMENTED,
    CALLER_HEADER_INVALID,
    EVENT_NOT_HELD,
];
