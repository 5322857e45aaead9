//! The bundle graph at the boundary: nodes and edges for a host that draws its own picture.

use serde::{Deserialize, Serialize};

use crate::graph;

/// `renderGraphSvg` options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SvgOptions {
    /// The entry drawn as chosen.
    pub selected: Option<u32>,
    /// Error counts by entry index (e.g. from `validate`'s issues), drawn as badges.
    pub errors: Vec<u32>,
}

impl From<SvgOptions> for graph::SvgOptions {
    fn from(o: SvgOptions) -> graph::SvgOptions {
        graph::SvgOptions { selected: o.selected, errors: o.errors }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub entry: u32,
    pub resource_type: String,
    pub label: String,
    pub full_url: Option<String>,
    /// UTF-16 offsets of the entry in the JSON text given.
    pub start: u32,
    pub end: u32,
    pub focal: bool,
    pub orphan: bool,
    pub column: u32,
    pub x: u32,
    pub y: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub from: u32,
    pub to: Option<u32>,
    pub path: String,
    pub expression: String,
    pub reference: String,
    pub kind: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkCount {
    pub definition: &'static str,
    pub from: u32,
    pub link: &'static str,
    pub min: u32,
    pub max: Option<u32>,
    pub count: u32,
    /// The count lies within min..max.
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placeholder {
    pub reference: String,
    pub from: u32,
    pub x: u32,
    pub y: u32,
}

/// The graph of a Bundle: nodes with their layout, references as edges, GraphDefinition links
/// counted, placeholders for dangling references.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub links: Vec<LinkCount>,
    pub missing: Vec<Placeholder>,
    pub width: u32,
    pub height: u32,
    /// Why the graph is empty, when it is.
    pub note: Option<String>,
}

impl Graph {
    /// The core's graph, its byte spans turned into UTF-16 offsets in `src`.
    pub fn new(g: &graph::Graph, src: &str) -> Graph {
        let spans: Vec<usize> = g.nodes.iter().flat_map(|n| [n.span.0 as usize, n.span.1 as usize]).collect();
        let mut units = super::utf16_offsets(src, &spans).into_iter();
        let nodes = g
            .nodes
            .iter()
            .map(|n| Node {
                entry: n.entry,
                resource_type: n.resource_type.clone(),
                label: n.label.clone(),
                full_url: n.full_url.clone(),
                start: units.next().unwrap_or(0),
                end: units.next().unwrap_or(0),
                focal: n.focal,
                orphan: n.orphan,
                column: n.column,
                x: n.x,
                y: n.y,
            })
            .collect();
        let edges = g
            .edges
            .iter()
            .map(|e| Edge {
                from: e.from,
                to: e.to,
                path: e.path.clone(),
                expression: e.expression.clone(),
                reference: e.reference.clone(),
                kind: match e.kind {
                    graph::EdgeKind::Entry => "entry",
                    graph::EdgeKind::Dangling => "dangling",
                    graph::EdgeKind::Outside => "outside",
                },
            })
            .collect();
        let links = g
            .links
            .iter()
            .map(|l| LinkCount {
                definition: l.definition,
                from: l.from,
                link: l.link,
                min: l.min,
                max: l.max,
                count: l.count,
                ok: l.ok(),
            })
            .collect();
        let missing = g
            .missing
            .iter()
            .map(|p| Placeholder { reference: p.reference.clone(), from: p.from, x: p.x, y: p.y })
            .collect();
        Graph { nodes, edges, links, missing, width: g.width, height: g.height, note: g.note.clone() }
    }
}
