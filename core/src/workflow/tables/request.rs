//! ServiceRequest and RequestGroup: the R4 request state machine (domain.md §2.2) with the GMS
//! meanings of §1.5. The diagram's pre-R4 names map suspended → `on-hold`, cancelled → `revoked`.

use crate::workflow::machine::{edge, exception, mid, start, terminal, unused, Actors, Edge, Machine};
use crate::workflow::{ResourceType, Workflow};

const P: Actors = Actors::PLACER;
const B: Actors = Actors::BROKER;
const PF: Actors = Actors::PLACER_FILLER;
const EIE_WHY: &str = "entered-in-error: the request should never have existed (allowed from any status)";

pub const SERVICE_REQUEST: Machine = Machine {
    resource: ResourceType::ServiceRequest,
    workflows: &[Workflow::R4, Workflow::Gms],
    title: "ServiceRequest, request state machine",
    source: "R4 images/request-state-machine.svg; IG ServiceRequest status guidance; domain.md §1.5, §2.2",
    statuses: &[
        start("draft", "Saved but incomplete; the broker creates no Tasks and purges it after inactivity."),
        start("active", "Submitted; the broker spins up its Tasks."),
        mid("on-hold", "An authorisation issue, recoverable; Task statuses do not drive it."),
        terminal("revoked", "Cancelled by the requester or the lab; a Provenance SHALL accompany it."),
        terminal("completed", "Set by the requester once the report is received and reviewed."),
        terminal("entered-in-error", "Only while no Task has started; otherwise revoke."),
        unused("unknown", "Should not be used."),
    ],
    edges: SR_EDGES,
};

const SR_EDGES: &[Edge] = &[
    edge("draft", "active", P, "the placer submits the order"),
    edge("draft", "entered-in-error", P, EIE_WHY),
    edge("active", "on-hold", PF, "an authorisation issue (suspend)"),
    edge("active", "revoked", PF, "cancelled by the requester or the lab; its Tasks are cancelled (cascade)"),
    edge("active", "completed", P, "the requester has received and reviewed the report"),
    edge("active", "entered-in-error", P, "entered-in-error, only while no Task has started (cascade)"),
    edge("on-hold", "active", PF, "the authorisation issue is resolved (resume)"),
    edge(
        "on-hold",
        "revoked",
        PF,
        "withdrawn while on hold [I] (not drawn in R4; an on-hold order must be cancellable)",
    ),
    edge("on-hold", "entered-in-error", P, EIE_WHY),
    exception("revoked", "entered-in-error", P, EIE_WHY),
    exception("completed", "entered-in-error", P, EIE_WHY),
];

pub const REQUEST_GROUP: Machine = Machine {
    resource: ResourceType::RequestGroup,
    workflows: &[Workflow::R4, Workflow::Gms],
    title: "RequestGroup, request state machine driven by its ServiceRequests",
    source: "IG NHSEngland-RequestGroup-Genomics; domain.md §1.5, §2.2",
    statuses: &[
        start("draft", "Created by the broker for a requisition before any member is submitted."),
        start("active", "A ServiceRequest (draft or active) has been added."),
        unused("on-hold", "Not propagated from ServiceRequests (under review)."),
        terminal("revoked", "Every ServiceRequest of the group is revoked."),
        terminal("completed", "Every ServiceRequest is completed or revoked, at least one completed."),
        terminal("entered-in-error", "Every ServiceRequest of the group is entered in error."),
        unused("unknown", "Should not be used."),
    ],
    edges: RG_EDGES,
};

const RG_EDGES: &[Edge] = &[
    edge("draft", "active", B, "a ServiceRequest was added to the group"),
    edge("draft", "entered-in-error", B, EIE_WHY),
    edge("active", "revoked", B, "every ServiceRequest of the group is revoked"),
    edge("active", "completed", B, "every ServiceRequest is completed or revoked"),
    edge("active", "entered-in-error", B, "every ServiceRequest of the group is entered in error"),
    exception("revoked", "active", B, "a ServiceRequest added to the group makes it active again (§1.5) [I]"),
    exception("revoked", "entered-in-error", B, EIE_WHY),
    exception("completed", "active", B, "a ServiceRequest added to the group makes it active again (§1.5) [I]"),
    exception("completed", "entered-in-error", B, EIE_WHY),
];
