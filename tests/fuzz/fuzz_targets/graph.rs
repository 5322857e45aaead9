//! The bundle graph: reading, the layered layout and the SVG drawing. The SVG must stay
//! well-formed with only its own elements and attributes whatever the Bundle's strings hold, and
//! every box must lie inside the drawing.
#![no_main]

use gom_core::graph::{graph, svg, SvgOptions, NODE_HEIGHT, NODE_WIDTH};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = data.split_first().map_or((0, &[][..]), |(a, b)| (*a, b));
    let src = String::from_utf8_lossy(rest);
    let g = graph(&src);
    for n in &g.nodes {
        assert!(n.x + NODE_WIDTH <= g.width && n.y + NODE_HEIGHT <= g.height, "node {} outside {}x{}", n.entry, g.width, g.height);
        assert!(n.span.0 <= n.span.1 && n.span.1 as usize <= src.len());
    }
    for m in &g.missing {
        assert!(m.x + NODE_WIDTH <= g.width && m.y + NODE_HEIGHT <= g.height, "placeholder outside the drawing");
    }
    for e in &g.edges {
        assert!(g.node(e.from).is_some(), "an edge from no node");
        if let Some(t) = e.to {
            assert!(g.node(t).is_some(), "an edge to no node");
        }
    }
    let opts = SvgOptions {
        selected: g.nodes.get(sel as usize % g.nodes.len().max(1)).map(|n| n.entry).filter(|_| sel & 1 == 1),
        errors: (0..g.nodes.len()).map(|i| ((i as u32).wrapping_mul(sel as u32)) % 3).collect(),
    };
    let drawn = svg(&g, &opts);
    if let Some(p) = common::svg_problem(&drawn) {
        panic!("the SVG is not safe: {p}");
    }
    let _ = serde_json::to_string(&g);
});
