//! Task: the FHIR R4 state machine (domain.md §2.1) and its GMS use (§1.4, seed 003).
//!
//! R4 draws 14 edges plus a group edge {ready, requested, received, accepted, rejected} →
//! cancelled; `entered-in-error` is not drawn and is allowed from every status [I]. Who takes an
//! edge follows seed 001: the filler accepts, rejects and does the work; either side may reject
//! or cancel in the exception paths.

use crate::workflow::machine::{edge, exception, mid, start, terminal, unused, Actors, Edge, Machine};
use crate::workflow::{ResourceType, Workflow};

const P: Actors = Actors::PLACER;
const F: Actors = Actors::FILLER;
const B: Actors = Actors::BROKER;
const PF: Actors = Actors::PLACER_FILLER;
const ANY: Actors = Actors::ANY;
const EIE_WHY: &str = "entered-in-error: the Task should never have existed (allowed from any status)";

pub const R4: Machine = Machine {
    resource: ResourceType::Task,
    workflows: &[Workflow::R4],
    title: "Task, FHIR R4 state machine",
    source: "R4 task.html state machine (images/task-state-machine.svg); domain.md §2.1",
    statuses: &[
        start("draft", "Not yet actionable; the placer is still writing it."),
        start("requested", "Ready for a filler to act on; awaits acknowledgement."),
        mid("received", "The filler has received it but not yet decided."),
        mid("accepted", "The filler has agreed to perform it."),
        terminal("rejected", "The filler will not perform it."),
        start("ready", "Ready to be performed with no acceptance step."),
        terminal("cancelled", "Abandoned before completion."),
        mid("in-progress", "Work has started."),
        mid("on-hold", "Work has started but is paused."),
        terminal("failed", "Work was attempted and could not be completed."),
        terminal("completed", "Work is done."),
        terminal("entered-in-error", "Should never have existed."),
    ],
    edges: R4_EDGES,
};

const R4_EDGES: &[Edge] = &[
    edge("draft", "requested", P, "the placer submits the request"),
    edge("draft", "ready", P, "the placer submits work that needs no acceptance"),
    edge("draft", "cancelled", P, "the placer abandons the draft"),
    edge("draft", "entered-in-error", PF, EIE_WHY),
    edge("requested", "received", F, "the filler acknowledges receipt"),
    edge("requested", "accepted", F, "the filler accepts (seed 001)"),
    edge("requested", "rejected", PF, "the filler rejects; the placer may in the exception path (seed 001)"),
    edge("requested", "cancelled", PF, "either side cancels in the exception path (group edge)"),
    edge("requested", "entered-in-error", PF, EIE_WHY),
    edge("received", "accepted", F, "the filler accepts"),
    edge("received", "rejected", PF, "the filler rejects; the placer may in the exception path"),
    edge("received", "cancelled", PF, "either side cancels (group edge)"),
    edge("received", "entered-in-error", PF, EIE_WHY),
    edge("accepted", "in-progress", F, "the filler starts work"),
    edge("accepted", "cancelled", PF, "either side cancels (group edge)"),
    edge("accepted", "entered-in-error", PF, EIE_WHY),
    exception("rejected", "cancelled", PF, "the R4 diagram's group edge to cancelled includes rejected"),
    exception("rejected", "entered-in-error", PF, EIE_WHY),
    edge("ready", "in-progress", F, "the filler starts work"),
    edge("ready", "cancelled", PF, "either side cancels (group edge)"),
    edge("ready", "entered-in-error", PF, EIE_WHY),
    exception("cancelled", "entered-in-error", PF, EIE_WHY),
    edge("in-progress", "on-hold", F, "the filler pauses work"),
    edge("in-progress", "failed", F, "the work cannot be completed"),
    edge("in-progress", "completed", F, "the filler finishes (seed 001)"),
    edge("in-progress", "entered-in-error", PF, EIE_WHY),
    edge("on-hold", "in-progress", F, "the filler resumes work"),
    edge("on-hold", "entered-in-error", PF, EIE_WHY),
    exception("failed", "entered-in-error", PF, EIE_WHY),
    exception("completed", "entered-in-error", PF, EIE_WHY),
];

pub const GMS: Machine = Machine {
    resource: ResourceType::Task,
    workflows: &[Workflow::Gms],
    title: "Task, GMS workflow",
    source: "IG NHSEngland-Task-Genomics (seed 003) and SIMP Task page; domain.md §1.4",
    statuses: &[
        start("draft", "Created by the broker; prerequisites not yet satisfied."),
        start("requested", "Prerequisites satisfied; the owner may claim it (also how a manually spun-up Task starts)."),
        unused("received", "Tasks are polled, not pushed."),
        mid("accepted", "The owner has accepted it after assignment."),
        terminal("rejected", "The assigned organisation cannot perform it; re-assign by changing owner instead, new work needs a new Task."),
        unused("ready", "There is no auto-accept."),
        terminal("cancelled", "No longer needed, e.g. its ServiceRequest was revoked (set by the broker)."),
        mid("in-progress", "Work has commenced."),
        mid("on-hold", "Work is blocked externally; `statusReason` says why (e.g. awaiting sample)."),
        terminal("failed", "Unrecoverable without intervention; a new Task is needed, the ServiceRequest may need revoking."),
        terminal("completed", "All actions done; follow-on Tasks can start."),
        terminal("entered-in-error", "A user-created duplicate, or a broker-created Task whose ServiceRequest was entered in error."),
    ],
    edges: GMS_EDGES,
};

const GMS_EDGES: &[Edge] = &[
    edge("draft", "requested", B, "the broker, once the Task's prerequisites are complete"),
    edge("draft", "cancelled", ANY, "no longer needed, e.g. the ServiceRequest was revoked"),
    edge("draft", "entered-in-error", ANY, EIE_WHY),
    edge("requested", "accepted", F, "the owner claims the Task (seed 001 accept)"),
    edge("requested", "rejected", PF, "the owner cannot perform it; the placer may in the exception path (seed 001)"),
    edge("requested", "cancelled", ANY, "the broker's cascade, or either side's exception path"),
    edge("requested", "entered-in-error", ANY, EIE_WHY),
    edge("accepted", "in-progress", F, "the owner starts work"),
    edge("accepted", "on-hold", F, "GMS: blocked before work starts, e.g. awaiting sample (IG examples)"),
    edge("accepted", "cancelled", ANY, "the broker's cascade, or either side's exception path"),
    edge("accepted", "entered-in-error", ANY, EIE_WHY),
    exception("rejected", "entered-in-error", ANY, EIE_WHY),
    exception("cancelled", "entered-in-error", ANY, EIE_WHY),
    edge("in-progress", "on-hold", F, "the owner is blocked externally"),
    edge("in-progress", "failed", F, "the work cannot be completed"),
    edge("in-progress", "completed", F, "the owner finishes (seed 001)"),
    edge("in-progress", "entered-in-error", ANY, EIE_WHY),
    edge("on-hold", "in-progress", F, "the owner resumes work"),
    edge("on-hold", "cancelled", ANY, "GMS: no longer needed while on hold [I] (domain.md §2.1)"),
    edge("on-hold", "entered-in-error", ANY, EIE_WHY),
    exception("failed", "entered-in-error", ANY, EIE_WHY),
    exception("completed", "entered-in-error", ANY, EIE_WHY),
];

/// Task statuses in which work has begun (a cascade leaves them to the lab).
pub const STARTED: &[&str] = &["in-progress", "completed", "failed"];
