//! The bundle graph: resources as nodes, references as edges labelled by element path, laid out
//! for reading and drawn as SVG text.
//!
//! The portal's graph view and any embedder read the same model: [`graph`] builds it from a
//! Bundle's JSON over the reference index ([`crate::refs`]), flags orphans (entries the focal
//! resource does not reach) and dangling references, counts each GraphDefinition link
//! ([`crate::graphdef`]) against its min..max, and places every node with a deterministic
//! layered layout; [`svg`] draws it with every string from the document escaped.
//!
//! Reading never fails: text that is not a Bundle gives an empty graph with a note.

mod describe;
mod layout;
mod links;
mod reach;
pub mod svg;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::json::{Doc, Limits};
use crate::refs::{BundleIndex, Resolution};

pub use layout::{COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH};
pub use svg::{svg, SvgOptions};

/// One entry of the Bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// Position in `Bundle.entry`.
    pub entry: u32,
    /// `resourceType`, or `(no resource)`.
    pub resource_type: String,
    /// A short description: a name, a code's display, an identifier.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    /// Byte range of the entry in the JSON text, to show it there.
    pub span: (u32, u32),
    /// A focal resource (the ServiceRequest of an order, the DiagnosticReport of a result).
    pub focal: bool,
    /// Reached from no focal resource.
    pub orphan: bool,
    /// Layout: column and place in it (top left corner, in SVG units).
    pub column: u32,
    pub x: u32,
    pub y: u32,
}

/// Where a reference leads, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// To an entry of the Bundle.
    Entry,
    /// A `urn:` or `#id` that names nothing: drawn to a placeholder.
    Dangling,
    /// To the server, an external URL, an identifier or a contained resource: not drawn, listed.
    Outside,
}

/// One reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    pub from: u32,
    /// The entry it resolves to (for [`EdgeKind::Entry`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    /// The element path without the type: `subject`, `specimen`, `extension.valueReference`.
    pub path: String,
    /// FHIRPath of the Reference in the document.
    pub expression: String,
    /// The `reference` string (or `identifier` for a logical reference).
    pub reference: String,
    pub kind: EdgeKind,
}

/// One GraphDefinition link from one entry, counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkCount {
    pub definition: &'static str,
    pub from: u32,
    /// The link's path or slice name: `ServiceRequest.subject`, `request`.
    pub link: &'static str,
    pub min: u32,
    pub max: Option<u32>,
    pub count: u32,
}

impl LinkCount {
    pub fn ok(&self) -> bool {
        self.count >= self.min && self.max.is_none_or(|m| self.count <= m)
    }

    /// `1..1`, `0..*`.
    pub fn cardinality(&self) -> String {
        format!("{}..{}", self.min, self.max.map_or("*".to_owned(), |m| m.to_string()))
    }
}

/// The whole graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub links: Vec<LinkCount>,
    /// Placeholders for dangling references, one per reference string, in edge order; each
    /// drawn below the nodes of the column after its first referrer.
    pub missing: Vec<Placeholder>,
    pub width: u32,
    pub height: u32,
    /// Why the graph is empty, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a dangling reference would have led.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    pub reference: String,
    /// The first entry that refers to it; it is drawn in the column after that entry's.
    pub from: u32,
    pub x: u32,
    pub y: u32,
}

impl Graph {
    pub fn node(&self, entry: u32) -> Option<&Node> {
        self.nodes.iter().find(|n| n.entry == entry)
    }

    pub fn orphans(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.orphan)
    }

    pub fn dangling(&self) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(|e| e.kind == EdgeKind::Dangling)
    }

    /// References from and to an entry.
    pub fn edges_of(&self, entry: u32) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.from == entry || e.to == Some(entry))
    }
}

/// Builds the graph of a Bundle given as JSON text.
pub fn graph(json: &str) -> Graph {
    let doc = match Doc::parse_with(json, Limits::default()) {
        Ok(doc) => doc,
        Err(e) => return Graph { note: Some(format!("The JSON cannot be read: {e}")), ..Graph::default() },
    };
    let root = doc.root();
    if root.get_str("resourceType").is_none_or(|t| t != "Bundle") {
        return Graph { note: Some("The document is not a Bundle".to_owned()), ..Graph::default() };
    }
    let ix = BundleIndex::build(root);
    let roots = reach::roots(&ix);
    let reached = reach::reached(&ix, &roots);
    let mut nodes: Vec<Node> = ix
        .entries()
        .iter()
        .map(|e| Node {
            entry: e.index,
            resource_type: e.resource_type.as_deref().unwrap_or("(no resource)").to_owned(),
            label: e.resource.map(describe::label).unwrap_or_default(),
            full_url: e.full_url.as_deref().map(str::to_owned),
            span: {
                let (a, b) = e.value.span();
                (a as u32, b as u32)
            },
            focal: roots.contains(&e.index),
            orphan: !roots.is_empty() && !reached.get(e.index as usize).copied().unwrap_or(false),
            column: 0,
            x: 0,
            y: 0,
        })
        .collect();
    let edges: Vec<Edge> = ix
        .references()
        .iter()
        .filter_map(|r| {
            let from = r.source()?;
            let element = ix.element(r);
            let path = element.split_once('.').map_or(element, |(_, p)| p).to_owned();
            let kind = match r.resolution {
                Resolution::Entry | Resolution::EntryById if r.target().is_some() => EdgeKind::Entry,
                Resolution::Dangling => EdgeKind::Dangling,
                _ => EdgeKind::Outside,
            };
            let reference = match (r.literal(), r.identifier()) {
                (Some(l), _) => l.as_str().map(|s| s.into_owned()).unwrap_or_default(),
                (None, Some(i)) => {
                    let system = i.get_str("system").unwrap_or_default();
                    let value = i.get_str("value").unwrap_or_default();
                    format!("{system}|{value}")
                }
                (None, None) => String::new(),
            };
            Some(Edge {
                from,
                to: if kind == EdgeKind::Entry { r.target() } else { None },
                path,
                expression: r.expression(),
                reference,
                kind,
            })
        })
        .collect();
    let links = links::count(&ix, &roots);
    let mut missing: Vec<Placeholder> = Vec::new();
    for e in edges.iter().filter(|e| e.kind == EdgeKind::Dangling) {
        if !missing.iter().any(|m| m.reference == e.reference) {
            missing.push(Placeholder { reference: e.reference.clone(), from: e.from, x: 0, y: 0 });
        }
    }
    let (width, height) = layout::place(&mut nodes, &edges, &mut missing);
    Graph { nodes, edges, links, missing, width, height, note: None }
}
