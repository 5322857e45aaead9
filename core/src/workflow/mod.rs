//! Status workflows: state machines as data, and the checks built on them.
//!
//! GOMS fulfils an order through Tasks that move between organisations, and its broker answers an
//! illegal move with "unsupported state transition". These rules let the portal, EPRs and the
//! local broker know the answer before a request is sent.
//!
//! Every machine is a table ([`tables`]): the R4 codes of the resource's status value set, which
//! are start, terminal or unused, and each edge with the sides that may take it. All checks read
//! the tables; no check carries its own idea of which move is legal.
//!
//! - [`check_transition`]: `(resource type, from, to, workflow, role)` → allowed, with issues.
//! - [`check_update`]: two versions of one resource → issues (transition, immutable elements,
//!   `lastModified`, owner changes).
//! - [`check_resource`]: one version on its own (status known and used, status demands, inv-1).
//! - [`plan_cascade`]: a ServiceRequest's status change and its Tasks → the Task updates GOMS makes.
//! - [`plan_spin_up`]: the Tasks GOMS creates when a ServiceRequest becomes active.
//! - [`check_conversation`]: a sequence of versions as one placer/filler conversation.
//! - [`status_view`]: what the portal's task tracker shows for a status.
//!
//! Pure: ids and times are passed in by the caller.

mod cascade;
mod conversation;
mod demands;
mod machine;
mod owner;
mod spinup;
pub mod tables;
mod time;
mod transition;
mod update;
mod view;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use cascade::{plan_cascade, request_group_status, tasks_of, CascadeAction, CascadePlan, TaskUpdate};
pub use conversation::{check_conversation, ConversationReport, StepResult};
pub use demands::{check_resource, demands_of, Demand};
pub use machine::{Actors, Edge, Machine, StatusDef};
pub use spinup::{
    add_participant_inputs, due_for_request, plan_spin_up, specimens_for, task_codes, Cardinality, PlannedTask, SpinUp,
    TaskCodeDef, Variant,
};
pub use time::{compare_datetimes, FhirTime};
pub use transition::{check_transition, shortest_path, Verdict};
pub use update::{check_update, check_update_values, UpdateFindings, UpdateOptions};
pub use view::{resource_view, status_view, Closed, Next, StatusView};

/// The resource types that have a status workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceType {
    Task,
    ServiceRequest,
    RequestGroup,
    DiagnosticReport,
    Specimen,
    Consent,
}

impl ResourceType {
    pub const ALL: [ResourceType; 6] = [
        ResourceType::Task,
        ResourceType::ServiceRequest,
        ResourceType::RequestGroup,
        ResourceType::DiagnosticReport,
        ResourceType::Specimen,
        ResourceType::Consent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::Task => "Task",
            ResourceType::ServiceRequest => "ServiceRequest",
            ResourceType::RequestGroup => "RequestGroup",
            ResourceType::DiagnosticReport => "DiagnosticReport",
            ResourceType::Specimen => "Specimen",
            ResourceType::Consent => "Consent",
        }
    }

    /// The type named exactly as FHIR spells it.
    pub fn parse(s: &str) -> Option<ResourceType> {
        ResourceType::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rulebook a machine follows: plain FHIR R4, or the GMS use of it (domain.md §1.4–1.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Workflow {
    R4,
    /// The default: gom is for GOMS.
    #[default]
    Gms,
}

impl Workflow {
    pub fn as_str(self) -> &'static str {
        match self {
            Workflow::R4 => "r4",
            Workflow::Gms => "gms",
        }
    }

    pub fn parse(s: &str) -> Option<Workflow> {
        match s {
            "r4" => Some(Workflow::R4),
            "gms" => Some(Workflow::Gms),
            _ => None,
        }
    }

    /// How messages name the workflow.
    pub fn label(self) -> &'static str {
        match self {
            Workflow::R4 => "FHIR R4",
            Workflow::Gms => "GMS",
        }
    }
}

/// The side of the conversation making a change (seed 001). The placer orders, the filler (the
/// Task's owner) performs; the broker is GOMS itself, which creates Tasks and cascades changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Placer,
    Filler,
    Broker,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Placer, Role::Filler, Role::Broker];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Placer => "placer",
            Role::Filler => "filler",
            Role::Broker => "broker",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// "`a`, `b` or `c`": how messages list codes.
pub(crate) fn list_codes<S: AsRef<str>>(codes: &[S], conj: &str) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("`{}`", c.as_ref())).collect();
    match quoted.len() {
        0 => "nothing".to_owned(),
        1 => quoted.concat(),
        n => format!("{} {conj} {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}
