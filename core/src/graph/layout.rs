//! A deterministic layered layout, read left to right: the focal resources in the first column,
//! then each resource one column after the nearest resource it is linked with (either way).
//! Within a column, nodes are grouped by type (orders, people, specimens, clinical findings …),
//! then sit near the ones they link to in the previous column (barycentre), then by entry. A
//! column is one tall list rather than wrapped: wrapped columns make edges cross boxes, and a
//! tall picture scrolls; only past [`MAX_ROWS`] does it wrap. Resources linked to nothing drawn
//! come next; a placeholder for a dangling reference sits at the foot of the column after the
//! resource that refers to it. No floating point beyond the barycentres, no randomness: the
//! same Bundle always gets the same picture.

use super::{Edge, EdgeKind, Node, Placeholder};

pub const NODE_WIDTH: u32 = 220;
pub const NODE_HEIGHT: u32 = 48;
/// Room between columns for edge labels.
pub const COLUMN_GAP: u32 = 140;
const ROW_GAP: u32 = 16;
const MARGIN: u32 = 24;
/// Most nodes in one column before it wraps.
pub const MAX_ROWS: usize = 60;

/// Reading order of types within a column.
const TYPE_ORDER: &[&str] = &[
    "ServiceRequest",
    "RequestGroup",
    "DiagnosticReport",
    "Task",
    "Patient",
    "RelatedPerson",
    "PractitionerRole",
    "Practitioner",
    "Organization",
    "Specimen",
    "Condition",
    "Observation",
    "FamilyMemberHistory",
    "Consent",
    "QuestionnaireResponse",
    "DocumentReference",
    "Provenance",
];

fn type_rank(t: &str) -> usize {
    TYPE_ORDER.iter().position(|x| *x == t).unwrap_or(TYPE_ORDER.len())
}

/// Sets every node's column and position and every placeholder's position; returns the size.
pub fn place(nodes: &mut [Node], edges: &[Edge], missing: &mut [Placeholder]) -> (u32, u32) {
    let n = nodes.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges.iter().filter(|e| e.kind == EdgeKind::Entry) {
        let (a, Some(b)) = (e.from as usize, e.to.map(|t| t as usize)) else { continue };
        if a < n && b < n && a != b {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    for list in &mut adj {
        crate::sort::sort(list);
        list.dedup();
    }
    // Layers by breadth-first distance from the focal nodes (entry 0 when there is none).
    let mut layer: Vec<Option<u32>> = vec![None; n];
    let mut queue: Vec<usize> = nodes.iter().enumerate().filter(|(_, nd)| nd.focal).map(|(i, _)| i).collect();
    if queue.is_empty() && n > 0 {
        queue.push(0);
    }
    for &q in &queue {
        layer[q] = Some(0);
    }
    let mut next = 0;
    while let Some(&i) = queue.get(next) {
        next += 1;
        let d = layer[i].unwrap_or(0);
        for &j in &adj[i] {
            if layer[j].is_none() {
                layer[j] = Some(d + 1);
                queue.push(j);
            }
        }
    }
    let deepest = layer.iter().flatten().copied().max().unwrap_or(0);
    // Indexed by layer (a BFS depth, so below `n + 1`); empty layers take no column. A Vec, not a
    // BTreeMap: the map's node code was a few KB of the portal's Wasm.
    let mut by_layer: Vec<Vec<usize>> = Vec::new();
    for (i, l) in layer.iter().enumerate() {
        // Unconnected nodes get a layer of their own after the rest.
        let l = l.unwrap_or(deepest + 1) as usize;
        if by_layer.len() <= l {
            by_layer.resize_with(l + 1, Vec::new);
        }
        if let Some(members) = by_layer.get_mut(l) {
            members.push(i);
        }
    }
    // Order each layer by the rows of its neighbours in the layer before.
    let mut row_of: Vec<f64> = vec![0.0; n];
    let mut column = 0u32;
    let mut tallest = 0usize;
    for (l, members) in by_layer.iter_mut().enumerate() {
        let key = |i: usize| -> (usize, i64, u32) {
            let prev: Vec<f64> = adj[i]
                .iter()
                .filter(|&&j| layer[j].is_some_and(|lj| lj as usize + 1 == l))
                .map(|&j| row_of[j])
                .collect();
            let bary = if prev.is_empty() { f64::MAX } else { prev.iter().sum::<f64>() / prev.len() as f64 };
            let bary = if bary == f64::MAX { i64::MAX } else { (bary * 1000.0) as i64 };
            (type_rank(&nodes[i].resource_type), bary, nodes[i].entry)
        };
        let mut keyed: Vec<((usize, i64, u32), usize)> = members.iter().map(|&i| (key(i), i)).collect();
        crate::sort::sort(&mut keyed);
        *members = keyed.into_iter().map(|(_, i)| i).collect();
        for (row, &i) in members.iter().enumerate() {
            row_of[i] = row as f64;
        }
        for chunk in members.chunks(MAX_ROWS) {
            for (row, &i) in chunk.iter().enumerate() {
                let nd = &mut nodes[i];
                nd.column = column;
                nd.x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP);
                nd.y = MARGIN + row as u32 * (NODE_HEIGHT + ROW_GAP);
            }
            tallest = tallest.max(chunk.len());
            column += 1;
        }
    }
    // A placeholder goes below the nodes of the column after its referrer's.
    // Boxes per column, indexed by column (at most one past the last).
    let mut rows: Vec<usize> = vec![0; column as usize + 1];
    for nd in nodes.iter() {
        if let Some(r) = rows.get_mut(nd.column as usize) {
            *r += 1;
        }
    }
    let mut spare = 0;
    for m in missing.iter_mut() {
        let col = nodes.iter().find(|nd| nd.entry == m.from).map_or(0, |nd| nd.column + 1);
        let row = rows.get_mut(col as usize).unwrap_or(&mut spare);
        m.x = MARGIN + col * (NODE_WIDTH + COLUMN_GAP);
        m.y = MARGIN + *row as u32 * (NODE_HEIGHT + ROW_GAP);
        *row += 1;
        tallest = tallest.max(*row);
        column = column.max(col + 1);
    }
    let width = if column == 0 { 2 * MARGIN } else { 2 * MARGIN + column * NODE_WIDTH + (column - 1) * COLUMN_GAP };
    let height = 2 * MARGIN + tallest as u32 * (NODE_HEIGHT + ROW_GAP);
    (width, height)
}
