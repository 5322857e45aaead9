//! The shape of a state machine: statuses and edges, as static data.

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use super::{ResourceType, Role, Workflow};

/// The sides allowed to take an edge, as a small set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Actors(u8);

impl Actors {
    pub const NONE: Actors = Actors(0);
    pub const PLACER: Actors = Actors(1);
    pub const FILLER: Actors = Actors(2);
    pub const BROKER: Actors = Actors(4);
    pub const PLACER_FILLER: Actors = Actors(1 | 2);
    pub const ANY: Actors = Actors(1 | 2 | 4);

    pub const fn union(self, other: Actors) -> Actors {
        Actors(self.0 | other.0)
    }

    pub fn contains(self, role: Role) -> bool {
        self.0 & Actors::of(role).0 != 0
    }

    pub fn of(role: Role) -> Actors {
        match role {
            Role::Placer => Actors::PLACER,
            Role::Filler => Actors::FILLER,
            Role::Broker => Actors::BROKER,
        }
    }

    pub fn roles(self) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| self.contains(*r)).collect()
    }

    /// "placer or filler", for messages.
    pub fn describe(self) -> String {
        let names: Vec<&str> = self.roles().into_iter().map(Role::as_str).collect();
        match names.as_slice() {
            [] => "nobody".to_owned(),
            [one] => format!("the {one}"),
            [a, b] => format!("the {a} or the {b}"),
            _ => "the placer, the filler or the broker".to_owned(),
        }
    }
}

impl Serialize for Actors {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let roles = self.roles();
        let mut seq = s.serialize_seq(Some(roles.len()))?;
        for r in roles {
            seq.serialize_element(r.as_str())?;
        }
        seq.end()
    }
}

/// One status code of the resource's R4 value set and its place in the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StatusDef {
    pub code: &'static str,
    /// A resource may be created in this status.
    pub start: bool,
    /// Nothing leaves this status except an edge marked as an exception.
    pub terminal: bool,
    /// False for codes of the value set that this workflow does not use.
    pub used: bool,
    /// What the status means here, one line.
    pub meaning: &'static str,
}

/// A legal move from one status to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: &'static str,
    pub to: &'static str,
    /// Who may take it.
    pub by: Actors,
    /// Why the edge exists, with its source.
    pub note: &'static str,
    /// Set on edges that leave a terminal status: the rule that allows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<&'static str>,
}

/// A state machine: one resource type under one or more workflows.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Machine {
    pub resource: ResourceType,
    pub workflows: &'static [Workflow],
    pub title: &'static str,
    pub source: &'static str,
    /// Every code of the R4 value set, in value-set order.
    pub statuses: &'static [StatusDef],
    pub edges: &'static [Edge],
}

impl StatusDef {
    /// Why an unused status is not used, as a parenthesis for messages: "(there is no auto-accept)".
    pub fn why_unused(&self) -> String {
        // The meanings start with an ASCII letter: ASCII case keeps Unicode's tables out of the Wasm.
        let m = self.meaning.trim_end_matches('.');
        if m.is_empty() {
            return String::new();
        }
        let mut out = format!("({m})");
        if let Some(first) = out.get_mut(1..2) {
            first.make_ascii_lowercase();
        }
        out
    }
}

impl Machine {
    pub fn status(&self, code: &str) -> Option<&'static StatusDef> {
        self.statuses.iter().find(|s| s.code == code)
    }

    /// Every code of the value set, for messages that name the valid ones.
    pub fn codes(&self) -> Vec<&'static str> {
        self.statuses.iter().map(|s| s.code).collect()
    }

    pub fn start_codes(&self) -> Vec<&'static str> {
        self.statuses.iter().filter(|s| s.start).map(|s| s.code).collect()
    }

    pub fn edge(&self, from: &str, to: &str) -> Option<&'static Edge> {
        self.edges.iter().find(|e| e.from == from && e.to == to)
    }

    /// The edges leaving `from`, in table order.
    pub fn edges_from<'m>(&'m self, from: &'m str) -> impl Iterator<Item = &'static Edge> + 'm {
        self.edges.iter().filter(move |e| e.from == from)
    }

    /// The statuses reachable in one step from `from`.
    pub fn next_codes(&self, from: &str) -> Vec<&'static str> {
        self.edges_from(from).map(|e| e.to).collect()
    }

    pub fn applies_to(&self, workflow: Workflow) -> bool {
        self.workflows.contains(&workflow)
    }

    /// "Task (GMS workflow)" or "ServiceRequest", for messages.
    pub fn label(&self, workflow: Workflow) -> String {
        if self.workflows.len() > 1 {
            self.resource.as_str().to_owned()
        } else {
            format!("{} ({} workflow)", self.resource, workflow.label())
        }
    }
}

/// Table builders, so the tables read as rows.
pub(crate) const fn start(code: &'static str, meaning: &'static str) -> StatusDef {
    StatusDef { code, start: true, terminal: false, used: true, meaning }
}
pub(crate) const fn mid(code: &'static str, meaning: &'static str) -> StatusDef {
    StatusDef { code, start: false, terminal: false, used: true, meaning }
}
pub(crate) const fn terminal(code: &'static str, meaning: &'static str) -> StatusDef {
    StatusDef { code, start: false, terminal: true, used: true, meaning }
}
pub(crate) const fn unused(code: &'static str, meaning: &'static str) -> StatusDef {
    StatusDef { code, start: false, terminal: false, used: false, meaning }
}
pub(crate) const fn edge(from: &'static str, to: &'static str, by: Actors, note: &'static str) -> Edge {
    Edge { from, to, by, note, exception: None }
}
/// An edge out of a terminal status, allowed by the rule `why`.
pub(crate) const fn exception(from: &'static str, to: &'static str, by: Actors, why: &'static str) -> Edge {
    Edge { from, to, by, note: why, exception: Some(why) }
}
