//! GOM-GRAPH: the shape of an order or a result: orphans, the GraphDefinitions' links, Duo/Trio
//! participants (seed 002; domain.md §1.1–1.2, §1.8–1.9).

use super::rule;
use crate::diag::Rule;

pub const ORPHAN: &Rule = rule!(
    "GOM-GRAPH-001",
    "orphan-entry",
    Warning,
    Error,
    BusinessRule,
    "Every entry must be reachable from a focal ServiceRequest (order) or DiagnosticReport (result) by references or the GraphDefinitions' reverse links (seed 002: orphans SHALL be excluded).",
    "Reference the resource from the order (e.g. `ServiceRequest.supportingInfo`), or send it in a separate transaction."
);
pub const LINK_MISSING: &Rule = rule!(
    "GOM-GRAPH-002",
    "graph-link-missing",
    Error,
    Required,
    "A link the GraphDefinition requires (min ≥ 1) must be present.",
    "Add the reference the GraphDefinition requires, e.g. `ServiceRequest.subject` to the Patient."
);
pub const LINK_TOO_MANY: &Rule = rule!(
    "GOM-GRAPH-003",
    "graph-link-too-many",
    Error,
    Structure,
    "A link must not occur more often than the GraphDefinition's max.",
    "Keep only as many references as the GraphDefinition allows."
);
pub const LINK_TARGET_TYPE: &Rule = rule!(
    "GOM-GRAPH-004",
    "graph-link-target-type",
    Error,
    Invalid,
    "A link must point to a type the GraphDefinition lists for it.",
    "Point the reference at a resource of the type the GraphDefinition names."
);
pub const LINK_DISPUTED: &Rule = rule!(
    "GOM-GRAPH-005",
    "graph-link-disputed",
    Warning,
    Required,
    "A link required only by the GraphDefinition, where the profile allows it to be absent (the IG disagrees with itself).",
    "Add the link: GOMS's `$graph` expects it, though the profile does not require it."
);
pub const REVERSE_LINK_MISSING: &Rule = rule!(
    "GOM-GRAPH-006",
    "graph-reverse-link-missing",
    Warning,
    Required,
    "A reverse link the GraphDefinition requires has no source in the Bundle (it may exist on the server).",
    "Add the resource that links here, or check it exists on the server."
);
pub const NO_FOCAL: &Rule = rule!(
    "GOM-GRAPH-007",
    "no-focal-resource",
    Warning,
    BusinessRule,
    "An order Bundle should contain a ServiceRequest, a result Bundle a DiagnosticReport; without one the graph checks cannot run.",
    "Add the ServiceRequest (order) or DiagnosticReport (result), or validate in inspect mode."
);
pub const PARTICIPANT_SPECIMEN: &Rule = rule!(
    "GOM-GRAPH-008",
    "participant-specimen-subject",
    Error,
    Invalid,
    "In a Duo or Trio test each participant's Specimen must have that participant's Patient as `subject` (seed 002).",
    "Set the Specimen's `subject` to the Patient of the ServiceRequest it belongs to."
);
pub const PARTICIPANT_TASK_INPUTS: &Rule = rule!(
    "GOM-GRAPH-009",
    "participant-task-inputs",
    Warning,
    Error,
    BusinessRule,
    "In a Duo or Trio test the Task's `input` references the Specimens of every participant (seed 002).",
    "Add a `Task.input` with `valueReference` to each participant's Specimen."
);

pub const LINK_EXTRA_TYPE: &Rule = rule!(
    "GOM-GRAPH-010",
    "graph-link-extra-type",
    Warning,
    BusinessRule,
    "An open link (`supportingInfo`) points to a type its GraphDefinition does not list; GOMS accepts additional clinical information.",
    "Check the resource belongs with the order; the GraphDefinition lists the types GOMS expects."
);

pub const ALL: &[&Rule] = &[
    ORPHAN,
    LINK_MISSING,
    LINK_TOO_MANY,
    LINK_TARGET_TYPE,
    LINK_DISPUTED,
    REVERSE_LINK_MISSING,
    NO_FOCAL,
    PARTICIPANT_SPECIMEN,
    PARTICIPANT_TASK_INPUTS,
    LINK_EXTRA_TYPE,
];
