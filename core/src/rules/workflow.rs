//! GOM-WF: status transitions and workflow rules (seed 003, seed 001, domain.md §1.3–1.5, §2.1–2.3).

use super::rule;
use crate::diag::Rule;

pub const TRANSITION_NOT_ALLOWED: &Rule = rule!(
    "GOM-WF-001",
    "transition-not-allowed",
    Error,
    BusinessRule,
    "A status may only change along an edge of the resource's state machine.",
    "Move through the statuses the message lists, or correct the status you set."
);
pub const STATUS_UNKNOWN: &Rule = rule!(
    "GOM-WF-002",
    "status-unknown",
    Error,
    CodeInvalid,
    "A status must be a code of the resource's R4 status value set.",
    "Use one of the codes the message lists; R5 codes are not valid in R4."
);
pub const STATUS_NOT_USED: &Rule = rule!(
    "GOM-WF-003",
    "status-not-used",
    Error,
    BusinessRule,
    "The GMS workflow does not use every R4 status (Task `received` and `ready` are unused).",
    "Use `requested` for a Task awaiting its owner and `accepted` once the owner has claimed it."
);
pub const ROLE_NOT_ALLOWED: &Rule = rule!(
    "GOM-WF-004",
    "role-not-allowed",
    Error,
    BusinessRule,
    "Each transition is made by a given side of the conversation: placer, filler or broker (seed 001).",
    "Let the side the message names make this change, or use an exception path open to your side."
);
pub const STATUS_DEMANDS: &Rule = rule!(
    "GOM-WF-005",
    "status-demands",
    Information,
    Informational,
    "Some statuses ask for more data on the resource when it moves there.",
    "Fill in the elements the message names in the same update."
);
pub const STATUS_MISSING: &Rule = rule!(
    "GOM-WF-006",
    "status-missing",
    Error,
    Required,
    "A workflow resource must carry its `status` as a string.",
    "Set `status` to a code of the resource's status value set."
);
pub const NO_STATE_MACHINE: &Rule = rule!(
    "GOM-WF-007",
    "no-state-machine",
    Information,
    NotSupported,
    "Workflow rules cover Task, ServiceRequest, RequestGroup, DiagnosticReport, Specimen and Consent.",
    "Nothing to do: other resource types have no status rules here."
);
pub const START_STATUS_NOT_ALLOWED: &Rule = rule!(
    "GOM-WF-008",
    "start-status-not-allowed",
    Error,
    BusinessRule,
    "A resource is created in one of its machine's start statuses.",
    "Create the resource in a start status and move it on with updates."
);
pub const STATUS_REASON_MISSING: &Rule = rule!(
    "GOM-WF-010",
    "status-reason-missing",
    Warning,
    Required,
    "A Task moved to on-hold, rejected, cancelled or failed should say why in `statusReason` (seed 003).",
    "Add `statusReason` with a code from `https://fhir.nhs.uk/CodeSystem/task-statusReason-genomics`, or `other` with text."
);
pub const EXECUTION_START_MISSING: &Rule = rule!(
    "GOM-WF-011",
    "execution-start-missing",
    Information,
    Required,
    "A Task moved to in-progress is expected to record `executionPeriod.start` (seed 003).",
    "Set `executionPeriod.start` to the time work began."
);
pub const EXECUTION_END_MISSING: &Rule = rule!(
    "GOM-WF-012",
    "execution-end-missing",
    Information,
    Required,
    "A Task moved to completed is expected to record `executionPeriod.end` (seed 003).",
    "Set `executionPeriod.end` to the time work finished."
);
pub const LAST_MODIFIED_BEFORE_AUTHORED: &Rule = rule!(
    "GOM-WF-013",
    "last-modified-before-authored",
    Error,
    Invariant,
    "A Task's `lastModified` must not be earlier than its `authoredOn` (R4 inv-1).",
    "Set `lastModified` to the time of this change, which is after the Task was authored."
);
pub const DATETIME_UNREADABLE: &Rule = rule!(
    "GOM-WF-014",
    "datetime-unreadable",
    Warning,
    Value,
    "Workflow times (`authoredOn`, `lastModified`) must be FHIR dateTimes to be compared.",
    "Write the time as `YYYY-MM-DDThh:mm:ss+zz:zz` (or a shorter date)."
);
pub const UPDATE_RESOURCE_MISMATCH: &Rule = rule!(
    "GOM-WF-020",
    "update-resource-mismatch",
    Fatal,
    Invalid,
    "An update compares two versions of one resource: same `resourceType`, same `id`.",
    "Compare the stored version with its update, not two different resources."
);
pub const IMMUTABLE_CHANGED: &Rule = rule!(
    "GOM-WF-021",
    "immutable-element-changed",
    Error,
    BusinessRule,
    "Task `focus`, `for`, `code`, `authoredOn`, `requester` and ServiceRequest `subject` are set once (seed 003).",
    "Keep the stored value; to change what a Task is for, cancel it and create a new one."
);
pub const LAST_MODIFIED_NOT_ADVANCED: &Rule = rule!(
    "GOM-WF-022",
    "last-modified-not-advanced",
    Error,
    BusinessRule,
    "A Task's `lastModified` SHALL be updated on every change (seed 003).",
    "Set `lastModified` to the time of this change, later than the stored value."
);
pub const OWNER_CHANGE_NOT_ALLOWED: &Rule = rule!(
    "GOM-WF-023",
    "owner-change-not-allowed",
    Error,
    BusinessRule,
    "Only the current owner reassigns a Task, and a Task in a terminal status is not reassigned (seed 003).",
    "Ask the current owner to reassign the Task, or create a new Task for new work."
);
pub const OWNER_CHANGE_UNCHECKED: &Rule = rule!(
    "GOM-WF-024",
    "owner-change-unchecked",
    Information,
    Informational,
    "Whether an owner change is allowed depends on who makes it.",
    "Pass the acting organisation's ODS code (`--actor`) to check that only the current owner reassigns."
);
pub const PROCESS_TASK_OWNER_CHANGED: &Rule = rule!(
    "GOM-WF-025",
    "process-task-owner-changed",
    Warning,
    BusinessRule,
    "The Home GLH SHOULD remain the owner of the `process-genomic-test-request` Task throughout (seed 003).",
    "Reassign the follow-on Task instead and keep the managing GLH as owner of this one."
);
pub const ENTERED_IN_ERROR_AFTER_START: &Rule = rule!(
    "GOM-WF-030",
    "entered-in-error-after-start",
    Error,
    BusinessRule,
    "A ServiceRequest may be marked entered-in-error only while none of its Tasks has started (§1.5).",
    "Revoke the ServiceRequest instead: its Tasks not yet in progress are cancelled and the lab closes the rest."
);
pub const LAB_CLOSURE_NEEDED: &Rule = rule!(
    "GOM-WF-031",
    "lab-closure-needed",
    Warning,
    BusinessRule,
    "Revoking a ServiceRequest does not cancel Tasks already in progress: lab processes close them (seed 003).",
    "Have the owning lab complete or fail the Task and settle reimbursement."
);
pub const TASKS_FOR_DRAFT_REQUEST: &Rule = rule!(
    "GOM-WF-032",
    "tasks-for-draft-request",
    Warning,
    BusinessRule,
    "The broker creates no Tasks for a draft ServiceRequest (§1.5).",
    "Submit the ServiceRequest (`active`) before creating Tasks, or remove the Tasks."
);
pub const TASK_OF_OTHER_REQUEST: &Rule = rule!(
    "GOM-WF-033",
    "task-of-other-request",
    Information,
    Informational,
    "A cascade only touches Tasks whose `focus` is the ServiceRequest that changed.",
    "Pass only the Tasks of this ServiceRequest."
);
pub const SPIN_UP_NOT_POSSIBLE: &Rule = rule!(
    "GOM-WF-034",
    "spin-up-not-possible",
    Error,
    Required,
    "Tasks are spun up for an active ServiceRequest with an `id`, a `subject` and a `requester`.",
    "Spin Tasks up once the stored ServiceRequest is active and complete."
);
pub const CONVERSATION_INPUT: &Rule = rule!(
    "GOM-WF-040",
    "conversation-input",
    Fatal,
    Structure,
    "A conversation is a JSON array of steps, each a resource or `{role, actor, resource}`.",
    "List the versions of one resource oldest first, each with the side that made it."
);

pub const ALL: &[&Rule] = &[
    TRANSITION_NOT_ALLOWED,
    STATUS_UNKNOWN,
    STATUS_NOT_USED,
    ROLE_NOT_ALLOWED,
    STATUS_DEMANDS,
    STATUS_MISSING,
    NO_STATE_MACHINE,
    START_STATUS_NOT_ALLOWED,
    STATUS_REASON_MISSING,
    EXECUTION_START_MISSING,
    EXECUTION_END_MISSING,
    LAST_MODIFIED_BEFORE_AUTHORED,
    DATETIME_UNREADABLE,
    UPDATE_RESOURCE_MISMATCH,
    IMMUTABLE_CHANGED,
    LAST_MODIFIED_NOT_ADVANCED,
    OWNER_CHANGE_NOT_ALLOWED,
    OWNER_CHANGE_UNCHECKED,
    PROCESS_TASK_OWNER_CHANGED,
    ENTERED_IN_ERROR_AFTER_START,
    LAB_CLOSURE_NEEDED,
    TASKS_FOR_DRAFT_REQUEST,
    TASK_OF_OTHER_REQUEST,
    SPIN_UP_NOT_POSSIBLE,
    CONVERSATION_INPUT,
];
