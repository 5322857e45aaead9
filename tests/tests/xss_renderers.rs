//! The XSS corpus (tests/fixtures/xss/payloads.json) through every renderer outside the portal,
//! natively: the graph's SVG (`renderGraphSvg`, `bundleGraph`), the report view (`reportView`)
//! and the narrative check (`checkNarrative`). Each payload goes into every text field of a
//! bundle and of a report. The SVG must parse as XML (roxmltree, an independent parser) with only
//! its own elements and attributes, the same element structure as with harmless text, and the
//! payload present only as text; narrative HTML is handed out only when it holds no active content.
//! The same corpus runs in Chromium in tests/browser/embed-xss.test.mjs.

use std::path::PathBuf;

use gom_core::graph::{graph, svg, SvgOptions};
use gom_core::report::report_view;
use serde_json::{json, Value};

fn fixture(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn payloads() -> Vec<String> {
    let v: Value = serde_json::from_str(&fixture("xss/payloads.json")).expect("payloads.json is JSON");
    v["payloads"].as_array().expect("a list").iter().map(|p| p.as_str().expect("a string").to_owned()).collect()
}

/// The graph's SVG vocabulary: nothing that can run script, load a URL or hold HTML.
const SVG_ELEMENTS: &[&str] = &["svg", "defs", "marker", "path", "g", "title", "rect", "text", "circle"];
const SVG_ATTRIBUTES: &[&str] = &[
    "class",
    "viewBox",
    "width",
    "height",
    "role",
    "aria-label",
    "aria-pressed",
    "aria-hidden",
    "font-family",
    "id",
    "refX",
    "refY",
    "markerWidth",
    "markerHeight",
    "orient",
    "d",
    "fill",
    "transform",
    "rx",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "x",
    "y",
    "font-size",
    "font-weight",
    "data-entry",
    "tabindex",
    "marker-end",
    "data-from",
    "text-anchor",
    "paint-order",
    "cx",
    "cy",
    "r",
];

/// Parses the SVG and checks the allow-lists; returns the element names in document order and
/// all text (text nodes and attribute values, unescaped).
fn parse_svg(s: &str, what: &str) -> (Vec<String>, String) {
    let doc = roxmltree::Document::parse(s).unwrap_or_else(|e| panic!("{what}: the SVG is not well-formed XML: {e}"));
    let mut names = Vec::new();
    let mut text = String::new();
    for n in doc.descendants() {
        if n.is_element() {
            let name = n.tag_name().name();
            assert!(SVG_ELEMENTS.contains(&name), "{what}: element `{name}`");
            assert_eq!(n.tag_name().namespace(), Some("http://www.w3.org/2000/svg"), "{what}: `{name}` outside SVG");
            for a in n.attributes() {
                assert!(
                    SVG_ATTRIBUTES.contains(&a.name()) && a.namespace().is_none(),
                    "{what}: attribute `{}`",
                    a.name()
                );
                text.push_str(a.value());
                text.push('\n');
            }
            names.push(name.to_owned());
        } else if n.is_text() {
            text.push_str(n.text().unwrap_or_default());
            text.push('\n');
        }
        assert!(!n.is_pi() && !n.is_comment(), "{what}: a comment or processing instruction");
    }
    (names, text)
}

/// Every string of `v` for which `pick(key, value)` gives a replacement, replaced.
fn replace(v: &Value, key: &str, pick: &dyn Fn(&str, &str) -> Option<String>) -> Value {
    match v {
        Value::String(s) => pick(key, s).map_or_else(|| v.clone(), Value::String),
        Value::Array(a) => Value::Array(a.iter().map(|x| replace(x, key, pick)).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), replace(x, k, pick))).collect()),
        _ => v.clone(),
    }
}

/// The ways a payload reaches the drawing: every text field; every reference (drawn as a
/// placeholder and in edge tooltips); every resource type and fullUrl.
fn injected(bundle: &Value, p: &str) -> Vec<(&'static str, Value)> {
    let text = |k: &str, _: &str| (!matches!(k, "resourceType" | "reference" | "fullUrl")).then(|| p.to_owned());
    let refs = |k: &str, s: &str| {
        (k == "reference").then(|| format!("{}{p}", if s.starts_with('#') { "#" } else { "urn:uuid:" }))
    };
    let types = |k: &str, s: &str| match k {
        "resourceType" if s != "Bundle" => Some(format!("{s}{p}")),
        "fullUrl" => Some(format!("urn:uuid:{p}")),
        _ => None,
    };
    vec![
        ("text", replace(bundle, "", &text)),
        ("references", replace(bundle, "", &refs)),
        ("types", replace(bundle, "", &types)),
    ]
}

fn bundles() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for (name, path) in [("graph", "graph/orphan-and-dangling.json"), ("result", "report/graph-result.json")] {
        out.push((name, serde_json::from_str(&fixture(path)).expect("JSON")));
    }
    out
}

fn draw(json: &str) -> String {
    let g = graph(json);
    let errors = (0..g.nodes.len() as u32).map(|i| i % 3).collect();
    svg(&g, &SvgOptions { selected: g.nodes.first().map(|n| n.entry), errors })
}

#[test]
fn every_payload_in_every_bundle_field_is_only_text_in_the_svg() {
    let payloads = payloads();
    assert!(payloads.len() >= 20);
    for (name, bundle) in bundles() {
        let benign: Vec<(&str, Value)> = injected(&bundle, "benign text");
        for p in &payloads {
            for ((mode, hostile), (_, plain)) in injected(&bundle, p).into_iter().zip(&benign) {
                let what = format!("{name} / {mode} / {p:?}");
                let json = hostile.to_string();
                let drawn = draw(&json);
                let (names, text) = parse_svg(&drawn, &what);
                // Escaping never changes the picture's structure.
                let (plain_names, _) = parse_svg(&draw(&plain.to_string()), &what);
                assert_eq!(names, plain_names, "{what}: the payload changed the SVG's elements");
                // The payload is there, as text (control characters replaced; long references
                // shortened in boxes but whole in tooltips).
                let visible: String = p
                    .chars()
                    .map(|c| match c {
                        '\t' | '\n' | '\r' => c,
                        c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => '\u{fffd}',
                        c => c,
                    })
                    .collect();
                let probe: String = visible.chars().take(12).collect();
                // (A reference that is not a valid URI is listed, not drawn.)
                assert!(mode != "text" || text.contains(&probe), "{what}: the payload is not shown as text");
                if p.contains(['<', '>', '"', '&']) {
                    assert!(!drawn.contains(p.as_str()), "{what}: the payload appears unescaped");
                }
                // bundleGraph hands the same strings to a host as data, never as markup.
                let g = serde_json::to_value(graph(&json)).expect("serialises");
                assert!(g["nodes"].as_array().is_some_and(|n| !n.is_empty()), "{what}: no nodes");
            }
        }
    }
}

/// XHTML elements and attributes that can run script or load active content.
const ACTIVE: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "foreignObject",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "template",
    "animate",
    "set",
    "use",
];

/// Narrative HTML is given out only when it has no active content.
fn assert_inert(html: &str, what: &str) {
    let doc = roxmltree::Document::parse(html).unwrap_or_else(|e| panic!("{what}: passed HTML is not XML: {e}"));
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(!ACTIVE.iter().any(|a| a.eq_ignore_ascii_case(name)), "{what}: <{name}> passed");
        for a in n.attributes() {
            let (k, v) = (a.name().to_ascii_lowercase(), a.value().trim().to_ascii_lowercase());
            assert!(!k.starts_with("on"), "{what}: `{k}` passed");
            assert!(!k.contains("srcdoc"), "{what}: `{k}` passed");
            if matches!(k.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href" | "background") {
                let scheme: String = v.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                assert!(
                    !["javascript:", "vbscript:", "data:text/html", "data:image/svg"]
                        .iter()
                        .any(|s| scheme.starts_with(s)),
                    "{what}: `{k}={v}` passed"
                );
            }
        }
    }
}

fn report(p: &str, div: &str) -> Value {
    json!({
        "resourceType": "DiagnosticReport", "id": "r1", "status": "final",
        "code": {"text": p, "coding": [{"system": "http://loinc.org", "code": "51969-4", "display": p}]},
        "subject": {"display": p, "identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": p}},
        "issued": p, "conclusion": p, "conclusionCode": [{"text": p}],
        "performer": [{"display": p}], "resultsInterpreter": [{"display": p}],
        "text": {"status": "generated", "div": div},
        "presentedForm": [{"contentType": "application/pdf", "url": p, "title": p}]
    })
}

#[test]
fn every_payload_in_every_report_field_leaves_the_narrative_inert() {
    let mut passed = 0;
    let mut refused = 0;
    for p in payloads() {
        let escaped = p.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let divs = [
            format!(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>{p}</p></div>"#),
            format!(r#"<div xmlns="http://www.w3.org/1999/xhtml">{p}</div>"#),
            format!(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p title="{p}">x</p></div>"#),
            format!(r#"<div xmlns="http://www.w3.org/1999/xhtml"><a href="{p}">PDF</a></div>"#),
            format!(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>{escaped}</p></div>"#),
        ];
        for (k, div) in divs.into_iter().enumerate() {
            let what = format!("{p:?} in {div:?}");
            let checked = gom_core::narrative::check(&div);
            let view = report_view(&report(&p, &div).to_string());
            let narrative = view.narrative.as_ref().unwrap_or_else(|| panic!("{what}: no narrative view"));
            assert_eq!(narrative.html.is_some(), checked.is_safe(), "{what}: reportView and checkNarrative disagree");
            match &narrative.html {
                Some(html) => {
                    passed += 1;
                    assert_inert(html, &what);
                }
                None => refused += 1,
            }
            // The escaped form is plain text and must pass, showing the payload as text.
            if k == 4 && !p.chars().any(|c| c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}')) {
                assert!(narrative.html.is_some(), "{what}: an escaped payload was refused");
            }
        }
    }
    assert!(passed > 0 && refused > 0, "passed {passed}, refused {refused}");
}
