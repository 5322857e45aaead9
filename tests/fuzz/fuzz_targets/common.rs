//! Helpers shared by the fuzz targets (included with `#[path]`, not a module of gom-core).
#![allow(dead_code)]

use gom_core::{Mode, Options, Report};

/// Options chosen by one input byte, so every mode and strictness is fuzzed.
pub fn options(b: u8) -> Options {
    let mode = match b % 4 {
        0 => Mode::Auto,
        1 => Mode::Order,
        2 => Mode::Result,
        _ => Mode::Inspect,
    };
    Options { mode, strict: b & 4 != 0 }
}

/// The invariants every report keeps on any input: a span lies inside the text, every finding
/// with a span has a line and column, the OperationOutcome renders.
pub fn check_report(report: &Report, len: usize) {
    for d in &report.diagnostics {
        if let Some((s, e)) = d.span {
            assert!(s <= e && e as usize <= len, "span {s}..{e} outside a text of {len} bytes: {d:?}");
            assert!(d.line.is_some() && d.column.is_some(), "a span without a line: {d:?}");
        }
        assert!(!d.message.is_empty());
    }
    let _ = report.to_operation_outcome();
}

/// Splits a fuzz input into `n` parts at NUL bytes (missing parts are empty).
pub fn parts(data: &[u8], n: usize) -> Vec<String> {
    let mut out: Vec<String> = data.splitn(n, |b| *b == 0).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    out.resize(n, String::new());
    out
}

/// Elements the graph's SVG may hold.
pub const SVG_ELEMENTS: &[&str] = &["svg", "defs", "marker", "path", "g", "title", "rect", "text", "circle"];
/// Attributes it may hold (no `on*`, no `href`, no `style`).
pub const SVG_ATTRIBUTES: &[&str] = &[
    "xmlns", "class", "viewBox", "width", "height", "role", "aria-label", "aria-pressed", "aria-hidden",
    "font-family", "id", "refX", "refY", "markerWidth", "markerHeight", "orient", "d", "fill", "transform",
    "rx", "stroke", "stroke-width", "stroke-dasharray", "x", "y", "font-size", "font-weight", "data-entry",
    "tabindex", "marker-end", "data-from", "text-anchor", "paint-order", "cx", "cy", "r",
];

/// A small strict XML check for the graph's SVG: one root, balanced tags, element and attribute
/// names from the allow-lists, double-quoted values without `<`, only the five escapes (and
/// nothing else after `&`), no comments, CDATA or processing instructions. Returns what is wrong.
pub fn svg_problem(s: &str) -> Option<String> {
    if let Some(c) = s.chars().find(|c| matches!(c, '\u{fffe}' | '\u{ffff}') || (c.is_control() && *c < ' ' && !c.is_whitespace())) {
        return Some(format!("a character XML 1.0 does not allow: {c:?}"));
    }
    let b = s.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut roots = 0;
    let entity = |at: usize| ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| s[at..].starts_with(e));
    while i < b.len() {
        match b[i] {
            b'&' if !entity(i) => return Some(format!("a bare `&` at {i}")),
            b'>' => return Some(format!("a bare `>` at {i}")),
            b'<' => {
                let close = b.get(i + 1) == Some(&b'/');
                let start = i + 1 + close as usize;
                let end = start + s[start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))?;
                let name = &s[start..end];
                if !SVG_ELEMENTS.contains(&name) {
                    return Some(format!("element `{name}` at {i}"));
                }
                i = end;
                if close {
                    if b.get(i) != Some(&b'>') || stack.pop() != Some(name) {
                        return Some(format!("a stray `</{name}>` at {i}"));
                    }
                    i += 1;
                    continue;
                }
                if stack.is_empty() {
                    roots += 1;
                }
                loop {
                    while b.get(i) == Some(&b' ') {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(b'>') => {
                            stack.push(name);
                            i += 1;
                            break;
                        }
                        Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                            i += 2;
                            break;
                        }
                        Some(_) => {
                            let eq = i + s[i..].find('=')?;
                            let attr = &s[i..eq];
                            if !SVG_ATTRIBUTES.contains(&attr) || b.get(eq + 1) != Some(&b'"') {
                                return Some(format!("attribute `{attr}` at {i}"));
                            }
                            let vstart = eq + 2;
                            let vend = vstart + s[vstart..].find('"')?;
                            let value = &s[vstart..vend];
                            if value.contains('<') || value.contains('>') {
                                return Some(format!("`<` or `>` in the value of `{attr}` at {vstart}"));
                            }
                            if let Some(p) = value.find('&').filter(|p| !entity(vstart + p)) {
                                return Some(format!("a bare `&` at {}", vstart + p));
                            }
                            i = vend + 1;
                        }
                        None => return Some("an unterminated tag".to_owned()),
                    }
                }
            }
            _ => {
                if stack.is_empty() && !b[i].is_ascii_whitespace() {
                    return Some(format!("text outside the root at {i}"));
                }
                i += 1;
            }
        }
    }
    if roots != 1 || !stack.is_empty() {
        return Some(format!("{roots} roots, {} unclosed", stack.len()));
    }
    None
}
