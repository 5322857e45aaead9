//! GOM-CRIT: MNS subscription criteria for `genomic-order-event-1` (seed 000, domain.md §3.4–4).

use super::rule;
use crate::diag::Rule;

pub const SYNTAX: &Rule = rule!(
    "GOM-CRIT-001",
    "criteria-syntax",
    Fatal,
    Invalid,
    "The criteria must be a well-formed MNS criteria expression.",
    "Fix the criteria at the column given, e.g. `eventType='genomic-order-event-1' AND resourceType='Task'`."
);
pub const START: &Rule = rule!(
    "GOM-CRIT-010",
    "criteria-start",
    Error,
    Invalid,
    "MNS accepts only a criteria that starts with `eventType=` (subscription schema pattern).",
    "Begin the criteria with `eventType='genomic-order-event-1'`, no space before `=`."
);
pub const UNKNOWN_EVENT_TYPE: &Rule = rule!(
    "GOM-CRIT-011",
    "unknown-event-type",
    Error,
    CodeInvalid,
    "The event type must be one MNS publishes.",
    "Use `eventType='genomic-order-event-1'` for Genomic Order Management events."
);
pub const UNKNOWN_FILTER: &Rule = rule!(
    "GOM-CRIT-020",
    "unknown-filter",
    Error,
    NotSupported,
    "Only the filters listed for `genomic-order-event-1` can be used.",
    "Use one of eventType, resourceType, consentStatus, diagnosticReportStatus, serviceRequestStatus, requestGroupStatus, specimenStatus, taskStatus, taskBusinessStatus, taskCode, requester, performer, owner."
);
pub const FILTER_CASE: &Rule = rule!(
    "GOM-CRIT-021",
    "filter-name-case",
    Warning,
    Error,
    Value,
    "A filter name should be spelt as MNS lists it.",
    "Write the filter name exactly as listed, e.g. `resourceType`, not `resourcetype`."
);
pub const NOT_APPLICABLE: &Rule = rule!(
    "GOM-CRIT-022",
    "filter-not-applicable",
    Error,
    BusinessRule,
    "A resource-specific filter only applies to its resource type.",
    "Constrain `resourceType` to the filter's resource type, or drop the filter."
);
pub const VALUE_NOT_ALLOWED: &Rule = rule!(
    "GOM-CRIT-030",
    "value-not-allowed",
    Error,
    CodeInvalid,
    "A filter value must be one of the filter's possible values.",
    "Use one of the values the event catalogue lists for this filter; values are case-sensitive."
);
pub const BUSINESS_STATUS_IS_TASK_CODE: &Rule = rule!(
    "GOM-CRIT-031",
    "business-status-is-task-code",
    Warning,
    Error,
    CodeInvalid,
    "`interpretation` and `produce-final-report` are Task codes, not business statuses (the event page lists them by mistake).",
    "Filter on `taskCode` for the kind of Task, or use a code from the business-status CodeSystem."
);
pub const BUSINESS_STATUS_UNLISTED: &Rule = rule!(
    "GOM-CRIT-032",
    "business-status-unlisted",
    Warning,
    Error,
    CodeInvalid,
    "A `taskBusinessStatus` value should come from the business-status CodeSystem.",
    "Use a code of `https://fhir.nhs.uk/CodeSystem/business-status-genomics`, e.g. `sample-received`."
);
pub const MIXED_AND_OR: &Rule = rule!(
    "GOM-CRIT-040",
    "and-or-without-parentheses",
    Warning,
    Error,
    Invariant,
    "AND and OR mixed without parentheses read differently in SQL, the CESQL spec and the CESQL grammar.",
    "Add parentheses to say which you mean: `a AND (b OR c)` or `(a AND b) OR c`."
);
pub const DOUBLE_QUOTED: &Rule = rule!(
    "GOM-CRIT-041",
    "double-quoted-literal",
    Warning,
    Value,
    "MNS criteria use single-quoted string literals.",
    "Write the value in single quotes: `performer='LABA'`."
);
pub const NEVER_MATCHES: &Rule = rule!(
    "GOM-CRIT-050",
    "never-matches",
    Error,
    BusinessRule,
    "A conjunction that no event can satisfy makes a subscription that never delivers.",
    "Use OR (or IN) for alternatives: `(performer='A' OR performer='B')`."
);
pub const NO_RESOURCE_TYPE: &Rule = rule!(
    "GOM-CRIT-060",
    "no-resource-type",
    Warning,
    Error,
    TooCostly,
    "A criteria without `resourceType` receives every kind of event (filters must not be wider than required).",
    "Add `AND resourceType='…'` for the resources you act on."
);
pub const NO_ORGANISATION: &Rule = rule!(
    "GOM-CRIT-061",
    "no-organisation",
    Warning,
    Error,
    TooCostly,
    "A criteria with neither requester, performer nor owner receives events for every organisation.",
    "Add `AND performer='<your ODS code>'` (or requester, or owner for Tasks)."
);
pub const OR_OF_ORGANISATIONS: &Rule = rule!(
    "GOM-CRIT-070",
    "or-of-organisations",
    Information,
    Informational,
    "Events for several organisations on one subscription arrive on one stream.",
    "If you must tell them apart before retrieving the resource, create one subscription per organisation and route by X-MNS-Subscription-ID (SQS) or the MESH subject."
);
pub const UNKNOWN_FUNCTION: &Rule = rule!(
    "GOM-CRIT-080",
    "unknown-function",
    Error,
    NotSupported,
    "A function must be a CESQL built-in with the right number of arguments.",
    "Use LENGTH, CONCAT, CONCAT_WS, LOWER, UPPER, TRIM, LEFT, RIGHT, SUBSTRING, ABS, INT, BOOL or STRING."
);

pub const ALL: &[&Rule] = &[
    SYNTAX,
    START,
    UNKNOWN_EVENT_TYPE,
    UNKNOWN_FILTER,
    FILTER_CASE,
    NOT_APPLICABLE,
    VALUE_NOT_ALLOWED,
    BUSINESS_STATUS_IS_TASK_CODE,
    BUSINESS_STATUS_UNLISTED,
    MIXED_AND_OR,
    DOUBLE_QUOTED,
    NEVER_MATCHES,
    NO_RESOURCE_TYPE,
    NO_ORGANISATION,
    OR_OF_ORGANISATIONS,
    UNKNOWN_FUNCTION,
];
