//! DiagnosticReport, Specimen and Consent (R4 codes, domain.md §2.3). R4 draws no machine for
//! them; these edges follow the code definitions and the GMS meanings in §1.5–1.6 [I].

use crate::workflow::machine::{edge, exception, mid, start, terminal, unused, Actors, Edge, Machine};
use crate::workflow::{ResourceType, Workflow};

const P: Actors = Actors::PLACER;
const F: Actors = Actors::FILLER;
const PF: Actors = Actors::PLACER_FILLER;
const EIE_WHY: &str = "entered-in-error: the resource should never have existed (allowed from any status)";

pub const DIAGNOSTIC_REPORT: Machine = Machine {
    resource: ResourceType::DiagnosticReport,
    workflows: &[Workflow::R4, Workflow::Gms],
    title: "DiagnosticReport, report lifecycle",
    source: "R4 diagnostic-report-status (partial ⊃ preliminary, amended ⊃ corrected, appended); IG genomic report",
    statuses: &[
        start("registered", "The report exists; nothing is available yet."),
        start("partial", "Some results are available."),
        start("preliminary", "Verified early results are available; not all results are final."),
        start("final", "Complete and verified by an authorised person."),
        mid("amended", "Modified after being final."),
        mid("corrected", "Modified after being final to correct an error."),
        mid("appended", "Modified after being final by adding new content."),
        terminal("cancelled", "Unavailable because the measurement was not started or not completed."),
        terminal("entered-in-error", "Should never have existed."),
        unused("unknown", "Should not be used."),
    ],
    edges: DR_EDGES,
};

const DR_EDGES: &[Edge] = &[
    edge("registered", "partial", F, "first results are available"),
    edge("registered", "preliminary", F, "early verified results are available"),
    edge("registered", "final", F, "the report is verified"),
    edge("registered", "cancelled", F, "the test will not be done"),
    edge("registered", "entered-in-error", F, EIE_WHY),
    edge("partial", "preliminary", F, "the partial results are verified"),
    edge("partial", "final", F, "the report is verified"),
    edge("partial", "cancelled", F, "the test was not completed"),
    edge("partial", "entered-in-error", F, EIE_WHY),
    edge("preliminary", "final", F, "the report is verified"),
    edge("preliminary", "cancelled", F, "the test was not completed"),
    edge("preliminary", "entered-in-error", F, EIE_WHY),
    edge("final", "amended", F, "the final report is modified"),
    edge("final", "corrected", F, "the final report is corrected"),
    edge("final", "appended", F, "content is added to the final report"),
    edge("final", "entered-in-error", F, EIE_WHY),
    edge("amended", "corrected", F, "a further correction"),
    edge("amended", "appended", F, "further content"),
    edge("amended", "entered-in-error", F, EIE_WHY),
    edge("corrected", "amended", F, "a further amendment"),
    edge("corrected", "appended", F, "further content"),
    edge("corrected", "entered-in-error", F, EIE_WHY),
    edge("appended", "amended", F, "a further amendment"),
    edge("appended", "corrected", F, "a further correction"),
    edge("appended", "entered-in-error", F, EIE_WHY),
    exception("cancelled", "entered-in-error", F, EIE_WHY),
];

pub const SPECIMEN: Machine = Machine {
    resource: ResourceType::Specimen,
    workflows: &[Workflow::R4, Workflow::Gms],
    title: "Specimen, availability and quality",
    source: "R4 specimen-status; IG NHSEngland-Specimen-Genomics status guidance (domain.md §1.6)",
    statuses: &[
        start("available", "Collected and passed QC; can be used."),
        start("unavailable", "Not collected yet, or lost, destroyed or consumed."),
        terminal("unsatisfactory", "Failed QC; a new specimen is needed."),
        terminal("entered-in-error", "Should never have existed."),
    ],
    edges: SPECIMEN_EDGES,
};

const SPECIMEN_EDGES: &[Edge] = &[
    edge("available", "unavailable", PF, "the specimen is consumed, lost or destroyed"),
    edge("available", "unsatisfactory", F, "the lab's QC fails"),
    edge("available", "entered-in-error", PF, EIE_WHY),
    edge("unavailable", "available", PF, "the specimen is collected or found"),
    edge("unavailable", "entered-in-error", PF, EIE_WHY),
    exception("unsatisfactory", "entered-in-error", PF, EIE_WHY),
];

pub const CONSENT: Machine = Machine {
    resource: ResourceType::Consent,
    workflows: &[Workflow::R4, Workflow::Gms],
    title: "Consent (record of discussion), R4 consent-state-codes",
    source: "R4 consent-state-codes; IG NHSEngland-Consent-GenomicsPCF status guidance (domain.md §1.5)",
    statuses: &[
        start("draft", "The record-of-discussion conversation has not happened yet."),
        start("proposed", "The discussion happened but the form is not supplied."),
        start("active", "The record of discussion is complete, whatever the answers."),
        terminal("rejected", "Rejected by one of the parties."),
        terminal("inactive", "Withdrawn, expired or replaced."),
        terminal("entered-in-error", "Should never have existed."),
    ],
    edges: CONSENT_EDGES,
};

const CONSENT_EDGES: &[Edge] = &[
    edge("draft", "proposed", P, "the discussion happened; the form follows"),
    edge("draft", "active", P, "the discussion happened and the form is supplied"),
    edge("draft", "rejected", P, "a party rejects the consent"),
    edge("draft", "entered-in-error", P, EIE_WHY),
    edge("proposed", "active", P, "the form is supplied"),
    edge("proposed", "rejected", P, "a party rejects the consent"),
    edge("proposed", "entered-in-error", P, EIE_WHY),
    edge("active", "inactive", P, "the consent is withdrawn or replaced"),
    edge("active", "entered-in-error", P, EIE_WHY),
    exception("rejected", "entered-in-error", P, EIE_WHY),
    exception("inactive", "entered-in-error", P, EIE_WHY),
];
