//! The graph as SVG text. Every string from the document passes [`esc`]; the markup around it
//! is fixed, so the result is safe to insert into a page as it is.

use std::fmt::Write;

use super::layout::{NODE_HEIGHT, NODE_WIDTH};
use super::{EdgeKind, Graph, Node};

/// What the drawing highlights.
#[derive(Clone, Debug, Default)]
pub struct SvgOptions {
    /// The chosen node.
    pub selected: Option<u32>,
    /// Error counts by entry index (from the validator's findings), drawn as a badge.
    pub errors: Vec<u32>,
}

/// Escapes text for SVG/XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 does not allow (C0 controls but tab and line ends, and the
            // noncharacters U+FFFE and U+FFFF) become a replacement character.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Fill and stroke by family of resource type: light fills under dark text (contrast ≥ 7:1).
fn colours(ty: &str) -> (&'static str, &'static str) {
    match ty {
        "ServiceRequest" | "RequestGroup" | "Task" => ("#e8f1f8", "#005eb8"),
        "Patient" | "RelatedPerson" => ("#e6f4ea", "#007f3b"),
        "Specimen" => ("#f1e9f7", "#330072"),
        "PractitionerRole" | "Practitioner" | "Organization" => ("#fff4e0", "#8a4b00"),
        "Condition" | "Observation" | "FamilyMemberHistory" => ("#fdecf2", "#7c2855"),
        "DiagnosticReport" => ("#e0f4f2", "#00665c"),
        _ => ("#f0f4f5", "#425563"),
    }
}

/// Draws the graph.
pub fn svg(g: &Graph, opts: &SvgOptions) -> String {
    let mut s = String::with_capacity(512 + g.nodes.len() * 700 + g.edges.len() * 300);
    let (w, h) = (g.width.max(1), g.height.max(1));
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="gom-graph-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" aria-label="{}" font-family="Arial, sans-serif">"##,
        esc(&summary(g))
    );
    s.push_str(concat!(
        r##"<defs><marker id="gom-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#425563"/></marker>"##,
        r##"<marker id="gom-arrow-missing" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#d5281b"/></marker></defs>"##
    ));
    s.push_str(r#"<g class="gom-edges">"#);
    for line in lines(g) {
        edge(&mut s, &line);
    }
    s.push_str("</g>");
    s.push_str(r#"<g class="gom-nodes">"#);
    for n in &g.nodes {
        let errors = opts.errors.get(n.entry as usize).copied().unwrap_or(0);
        node(&mut s, n, opts.selected == Some(n.entry), errors);
    }
    for m in &g.missing {
        let _ = write!(
            s,
            r##"<g class="gom-missing" transform="translate({},{})"><title>{}</title><rect width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6" fill="#ffffff" stroke="#d5281b" stroke-width="2" stroke-dasharray="6 4"/><text x="10" y="19" font-size="13" font-weight="bold" fill="#8f1c11">Not in the bundle</text><text x="10" y="38" font-size="12" fill="#212b32">{}</text></g>"##,
            m.x,
            m.y,
            esc(&format!("Dangling reference: {}", m.reference)),
            esc(&shorten(&m.reference, 30))
        );
    }
    s.push_str("</g></svg>");
    s
}

fn summary(g: &Graph) -> String {
    let orphans = g.orphans().count();
    let dangling = g.dangling().count();
    let drawn = g.edges.iter().filter(|e| e.kind != EdgeKind::Outside).count();
    format!(
        "Bundle graph: {} resources, {drawn} references in the bundle, {orphans} not linked to the focal resource, {dangling} dangling references",
        g.nodes.len()
    )
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let keep = max.saturating_sub(1);
    let tail: String = s.chars().rev().take(keep).collect::<Vec<_>>().into_iter().rev().collect();
    format!("…{tail}")
}

fn node(s: &mut String, n: &Node, selected: bool, errors: u32) {
    let (fill, stroke) = colours(&n.resource_type);
    let (stroke, width, dash) = match (selected, n.orphan) {
        (true, _) => ("#212b32", 4, ""),
        (false, true) => ("#d5281b", 3, r#" stroke-dasharray="6 4""#),
        (false, false) => (stroke, 2, ""),
    };
    let fill = if selected { "#fff9c4" } else { fill };
    // The name starts with the text the box shows (WCAG 2.5.3), then says what the marks mean.
    // (The space ending the first line keeps the two lines apart in the text content.)
    let mut label = format!("{} · {}", n.entry, n.resource_type);
    if !n.label.is_empty() {
        label.push(' ');
        label.push_str(&n.label);
    }
    if n.orphan {
        label.push_str(", not linked to the focal resource");
    }
    if errors > 0 {
        let _ = write!(label, ", {errors} {}", if errors == 1 { "error" } else { "errors" });
    }
    let classes = format!(
        "gom-node{}{}{}",
        if n.orphan { " gom-orphan" } else { "" },
        if n.focal { " gom-focal" } else { "" },
        if selected { " gom-selected" } else { "" }
    );
    let _ = write!(
        s,
        r##"<g transform="translate({},{})"><g class="{classes}" data-entry="{}" tabindex="0" role="button" aria-pressed="{selected}" aria-label="{}"><rect width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/><text x="10" y="19" font-size="13" font-weight="bold" fill="#212b32">{} </text><text x="10" y="38" font-size="12" fill="#212b32">{}</text></g>"##,
        n.x,
        n.y,
        n.entry,
        esc(&label),
        esc(&format!("{} · {}", n.entry, n.resource_type)),
        esc(&n.label),
    );
    // Marks drawn over the box, outside the button: its name already says them.
    s.push_str(r#"<g aria-hidden="true">"#);
    if n.orphan {
        let _ = write!(
            s,
            r##"<text x="{}" y="19" font-size="11" text-anchor="end" fill="#8f1c11">not linked</text>"##,
            NODE_WIDTH - 8
        );
    }
    if errors > 0 {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="0" r="11" fill="#d5281b"/><text x="{x}" y="4" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">{errors}</text>"##,
            x = NODE_WIDTH - 4
        );
    }
    s.push_str("</g></g>");
}

/// One drawn line: every reference between the same two boxes, either way, in one.
struct Line<'g> {
    from: &'g Node,
    /// Top left of the target box.
    to: (u32, u32),
    /// Element paths, in edge order, without repeats.
    paths: Vec<&'g str>,
    /// `path → reference` lines for the tooltip.
    titles: Vec<String>,
    missing: bool,
    /// Between boxes of the same column, or across more than one: drawn faint, unlabelled.
    faint: bool,
}

fn lines(g: &Graph) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut index: std::collections::BTreeMap<(u32, Option<u32>, String), usize> = std::collections::BTreeMap::new();
    for e in &g.edges {
        let Some(from) = g.node(e.from) else { continue };
        let (key, to, missing, to_column) = match e.kind {
            EdgeKind::Entry => match e.to.and_then(|t| g.node(t)) {
                Some(n) => {
                    let pair = if e.from <= n.entry { (e.from, Some(n.entry)) } else { (n.entry, Some(e.from)) };
                    ((pair.0, pair.1, String::new()), (n.x, n.y), false, Some(n.column))
                }
                None => continue,
            },
            EdgeKind::Dangling => match g.missing.iter().find(|m| m.reference == e.reference) {
                Some(m) => ((e.from, None, e.reference.clone()), (m.x, m.y), true, None),
                None => continue,
            },
            EdgeKind::Outside => continue,
        };
        let title = format!("{} {} → {}", from.resource_type, e.path, e.reference);
        match index.get(&key).and_then(|&i| out.get_mut(i)) {
            Some(line) => {
                if !line.paths.contains(&e.path.as_str()) {
                    line.paths.push(&e.path);
                }
                line.titles.push(title);
            }
            None => {
                let faint = to_column.is_some_and(|c| c == from.column || c.abs_diff(from.column) > 1);
                index.insert(key, out.len());
                out.push(Line { from, to, paths: vec![&e.path], titles: vec![title], missing, faint });
            }
        }
    }
    // Faint lines first, so the labelled ones are drawn over them.
    crate::sort::sort_by_key(&mut out, |l| !l.faint);
    out
}

/// A curve from the right side of one box to the left side of the other (or around, within a
/// column), with its element paths written near the arrowhead.
fn edge(s: &mut String, line: &Line<'_>) {
    let (from, to, missing) = (line.from, line.to, line.missing);
    let (fx, fy) = (from.x as i64, from.y as i64 + NODE_HEIGHT as i64 / 2);
    let (tx, ty) = (to.0 as i64, to.1 as i64 + NODE_HEIGHT as i64 / 2);
    let w = NODE_WIDTH as i64;
    let (x1, x2, c1, c2) = if tx > fx {
        let (a, b) = (fx + w, tx);
        let bend = ((b - a) / 2).max(30);
        (a, b, a + bend, b - bend)
    } else if tx < fx {
        let (a, b) = (fx, tx + w);
        let bend = ((a - b) / 2).max(30);
        (a, b, a - bend, b + bend)
    } else {
        let (a, b) = (fx + w, tx + w);
        let bend = 40 + (fy - ty).abs() / 8;
        (a, b, a + bend, b + bend)
    };
    // The label ends just before the arrowhead when the line runs left to right (the point at
    // t = 0.75 of the curve otherwise).
    let at = |p0: i64, p1: i64, p2: i64, p3: i64| (p0 + 9 * p1 + 27 * p2 + 27 * p3) / 64;
    let (lx, ly, anchor) =
        if tx > fx { (x2 - 10, ty, "end") } else { (at(x1, c1, c2, x2), at(fy, fy, ty, ty), "middle") };
    let (colour, width, marker, dash, class) = match (missing, line.faint) {
        (true, _) => {
            ("#d5281b", "1.5", "gom-arrow-missing", r#" stroke-dasharray="6 4""#, "gom-edge gom-edge-dangling")
        }
        (false, true) => ("#aeb7bd", "1", "gom-arrow", "", "gom-edge gom-edge-faint"),
        (false, false) => ("#425563", "1.5", "gom-arrow", "", "gom-edge"),
    };
    let _ = write!(
        s,
        r##"<g class="{class}" data-from="{}"><title>{}</title><path d="M{x1},{fy} C{c1},{fy} {c2},{ty} {x2},{ty}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{marker})"/>"##,
        from.entry,
        esc(&line.titles.join("\n")),
    );
    if !line.faint {
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{}" font-size="11" text-anchor="{anchor}" fill="#212b32" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            ly - 4,
            esc(&line.paths.join(", ")),
        );
    }
    s.push_str("</g>");
}
