//! The bundle graph of each composed order under `fixtures/compose/valid/` and of the reference
//! fixtures under `fixtures/graph/`: nodes with their place, the references drawn, and the
//! GraphDefinition links whose count is outside min..max. Snapshots, one per fixture.

use std::fmt::Write;

use gom_core::compose::{compose, CounterIds, Draft};
use gom_core::graph::{graph, svg, EdgeKind, Graph, SvgOptions};

const NOW: &str = "2026-03-02T10:00:00Z";

/// A compact, reviewable text form of a graph.
fn describe(g: &Graph) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "size {}x{}", g.width, g.height);
    for n in &g.nodes {
        let flags =
            [(n.focal, " focal"), (n.orphan, " ORPHAN")].iter().filter(|f| f.0).map(|f| f.1).collect::<String>();
        let _ = writeln!(
            s,
            "node {} {} «{}» col {} at {},{}{flags}",
            n.entry, n.resource_type, n.label, n.column, n.x, n.y
        );
    }
    for e in &g.edges {
        let to = match (e.kind, e.to) {
            (EdgeKind::Entry, Some(t)) => t.to_string(),
            (kind, _) => format!("{kind:?} {}", e.reference),
        };
        let _ = writeln!(s, "edge {} -{}-> {to}", e.from, e.path);
    }
    for l in g.links.iter().filter(|l| !l.ok()) {
        let _ =
            writeln!(s, "link {} from {} {}: {} (wants {})", l.definition, l.from, l.link, l.count, l.cardinality());
    }
    s
}

fn check(json: &str) -> String {
    let g = graph(json);
    let drawn = svg(&g, &SvgOptions::default());
    assert!(drawn.starts_with("<svg") && drawn.ends_with("</svg>"));
    assert_eq!(g, graph(json), "the same bundle gives the same graph");
    describe(&g)
}

#[test]
fn composed_orders() {
    insta::glob!("../fixtures/compose/valid", "*.json", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let draft: Draft = serde_json::from_str(&text).expect("fixture is a draft");
        let bundle = serde_json::to_string(&compose(&draft, &mut CounterIds::new(), NOW)).expect("serialises");
        let out = check(&bundle);
        assert!(!out.contains("ORPHAN"), "a composed order has no orphan");
        insta::assert_snapshot!(out);
    });
}

#[test]
fn reference_fixtures() {
    insta::glob!("../fixtures/graph", "*.json", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        insta::assert_snapshot!(check(&text));
    });
}
