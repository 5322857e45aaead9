//! GOM-ORD: the orders-service CloudEvents of seed 004 (`clinical.orders.*.v1`).

use super::rule;
use crate::diag::Rule;

pub const UNKNOWN_TYPE: &Rule = rule!(
    "GOM-ORD-001",
    "orders-event-type",
    Error,
    CodeInvalid,
    "The orders service produces seven event types.",
    "Use one of clinical.orders.order.{created,activated,completed,cancelled,on-hold,corrected}.v1 or clinical.orders.referral.created.v1."
);
pub const ENVELOPE_REQUIRED: &Rule = rule!(
    "GOM-ORD-002",
    "orders-envelope-required",
    Error,
    Required,
    "The CloudEvents envelope must carry specversion, type, source, id, time, tenantid, datacontenttype and data.",
    "Add the missing envelope attribute."
);
pub const ENVELOPE_VALUE: &Rule = rule!(
    "GOM-ORD-003",
    "orders-envelope-value",
    Error,
    Value,
    "Envelope attributes have fixed values and types (specversion 1.0, source orders-service, JSON data).",
    "Use `specversion` \"1.0\", `source` \"orders-service\", `datacontenttype` \"application/json\" and an RFC 3339 `time`."
);
pub const DATA_REQUIRED: &Rule = rule!(
    "GOM-ORD-004",
    "orders-data-required",
    Error,
    Required,
    "Each event type's `data` has mandatory fields.",
    "Add the field the event type's schema lists."
);
pub const DATA_VALUE: &Rule = rule!(
    "GOM-ORD-005",
    "orders-data-value",
    Error,
    Value,
    "A `data` field must have its schema's type and allowed values.",
    "Fix the value to the type and vocabulary of the event schema."
);
pub const TENANT_MISMATCH: &Rule = rule!(
    "GOM-ORD-006",
    "orders-tenant-mismatch",
    Error,
    Invariant,
    "The envelope `tenantid` and `data.tenantId` name the same tenant.",
    "Publish the event with the tenant of its data."
);

pub const ALL: &[&Rule] =
    &[UNKNOWN_TYPE, ENVELOPE_REQUIRED, ENVELOPE_VALUE, DATA_REQUIRED, DATA_VALUE, TENANT_MISMATCH];
