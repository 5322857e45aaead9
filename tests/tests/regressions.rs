//! Fuzz regressions: every input in tests/fixtures/regressions/<target>/ goes through the same
//! calls and checks as that cargo-fuzz target (tests/fuzz/fuzz_targets/<target>.rs). See the
//! folder's README for what each one found.

use std::path::PathBuf;

use gom_core::criteria::{Attributes, Dialect};
use gom_core::events::{self, CloudEvent};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/regressions").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("readable")))
        .collect();
    out.sort();
    out
}

fn check_spans(report: &gom_core::Report, len: usize, name: &str) {
    for d in &report.diagnostics {
        if let Some((s, e)) = d.span {
            assert!(s <= e && e as usize <= len, "{name}: span {s}..{e} outside {len} bytes");
            assert!(d.line.is_some(), "{name}: a span without a line");
        }
    }
}

#[test]
fn events_regressions_keep_their_properties() {
    let cases = inputs("events");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let src = String::from_utf8_lossy(&bytes);
        let checked = events::check(&src);
        check_spans(&checked.report, src.len(), &name);
        let ce = checked.event.as_ref().unwrap_or_else(|| panic!("{name}: no event read"));
        let attrs = ce.attributes();
        // The event's own attributes are what criteria see, whatever `filtering` holds.
        assert_eq!(attrs.get("id").and_then(|v| v.as_str()), Some(ce.id.as_str()), "{name}");
        assert_eq!(attrs.get("eventType").and_then(|v| v.as_str()), Some(ce.type_.as_str()), "{name}");
        assert_eq!(attrs.get("subject").and_then(|v| v.as_str()), ce.subject.as_deref(), "{name}");
        let back = events::check(&events::to_fhir(ce, None).to_string());
        let back = back.event.as_ref().map(CloudEvent::attributes).unwrap_or_default();
        for k in ["specversion", "id", "source", "type", "eventType", "time", "subject", "dataref"] {
            assert_eq!(back.get(k), attrs.get(k), "{name}: the FHIR round trip changed `{k}`");
        }
    }
}

/// A spoofed `eventType` in `filtering` cannot make a subscription match another event type.
#[test]
fn filtering_cannot_spoof_the_event_type_a_criteria_sees() {
    let src = r#"{"specversion":"1.0","id":"e1","source":"uk.nhs.genomic-order-management-service",
        "type":"other-event-1","time":"2026-05-19T17:26:11Z",
        "filtering":{"eventType":"genomic-order-event-1","EVENTTYPE":"genomic-order-event-1","resourceType":"Task"}}"#;
    let ce = events::check(src).event.expect("an event");
    let program =
        gom_core::criteria::compile("eventType='genomic-order-event-1' AND resourceType='Task'", Dialect::Mns)
            .expect("compiles");
    assert!(!program.matches(&ce.attributes()));
    let mut honest = Attributes::new();
    honest.set_str("eventType", "genomic-order-event-1");
    honest.set_str("resourceType", "Task");
    assert!(program.matches(&honest));
}

/// The `graph` target's checks: the SVG parses as XML with only its own elements, and every box
/// lies inside the drawing.
#[test]
fn graph_regressions_keep_their_properties() {
    let cases = inputs("graph");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let src = String::from_utf8_lossy(&bytes);
        let g = gom_core::graph::graph(&src);
        assert!(!g.nodes.is_empty(), "{name}: no nodes");
        let drawn = gom_core::graph::svg(&g, &gom_core::graph::SvgOptions::default());
        let doc = roxmltree::Document::parse(&drawn).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
        let allowed = ["svg", "defs", "marker", "path", "g", "title", "rect", "text", "circle"];
        assert!(doc.descendants().filter(|n| n.is_element()).all(|n| allowed.contains(&n.tag_name().name())), "{name}");
        assert!(drawn.contains('\u{fffd}') && !drawn.contains(['\u{fffe}', '\u{ffff}']), "{name}");
        for n in &g.nodes {
            let (w, h) = (gom_core::graph::NODE_WIDTH, gom_core::graph::NODE_HEIGHT);
            assert!(n.x + w <= g.width && n.y + h <= g.height, "{name}: node {} outside the drawing", n.entry);
        }
    }
}

/// The `subscribe` target's checks (`form \0 value \0 bundle-or-event`): the criteria a form
/// builds compiles, and a quoted value stays one literal that matches exactly that value.
#[test]
fn subscribe_regressions_keep_their_properties() {
    use gom_core::subscribe::{build, quote, try_bundle, CriteriaForm};
    let cases = inputs("subscribe");
    assert!(cases.len() >= 2);
    for (name, bytes) in cases {
        let p: Vec<String> = bytes.splitn(3, |b| *b == 0).map(|x| String::from_utf8_lossy(x).into_owned()).collect();
        let form: CriteriaForm = serde_json::from_str(&p[0]).unwrap_or_default();
        let built = build(&form);
        let program = gom_core::criteria::compile(&built, Dialect::Mns)
            .unwrap_or_else(|e| panic!("{name}: {built:?} does not compile: {e:?}"));
        // Every owner the form names matches, and nothing else does.
        for owner in &form.owners {
            let mut a = Attributes::new();
            let first = |l: &[String]| l.first().map(|v| v.trim().to_owned()).unwrap_or_default();
            let (requester, performer) = (first(&form.requesters), first(&form.performers));
            for (k, v) in [
                ("eventType", "genomic-order-event-1"),
                ("resourceType", "Task"),
                ("owner", owner.trim()),
                ("requester", requester.as_str()),
                ("performer", performer.as_str()),
            ] {
                a.set_str(k, v);
            }
            assert!(program.matches(&a), "{name}: {built:?} misses owner {owner:?}");
            a.set_str("owner", "RGT");
            assert!(!program.matches(&a), "{name}: {built:?} matches another owner");
        }
        let criteria = format!("owner = {}", quote(&p[1]));
        let one = gom_core::criteria::compile(&criteria, Dialect::Mns)
            .unwrap_or_else(|e| panic!("{name}: {criteria:?} does not compile: {e:?}"));
        let mut a = Attributes::new();
        a.set_str("owner", p[1].as_str());
        assert!(one.matches(&a), "{name}: {criteria:?} does not match its own value");
        let _ = try_bundle(&criteria, p.get(2).map_or("", String::as_str));
    }
}

/// The `response` target's checks (`status (2 bytes, little-endian) body`): the answer keeps the
/// HTTP status, and an entry's reference never carries a version or a non-FHIR id.
#[test]
fn response_regressions_keep_their_properties() {
    let cases = inputs("response");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let (status, body) = match bytes.as_slice() {
            [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
            _ => (0, bytes.as_slice()),
        };
        let body = String::from_utf8_lossy(body);
        let a = gom_core::response::read_answer(status, &body);
        assert_eq!(a.http_status, status, "{name}");
        assert!(!a.entries.is_empty(), "{name}: no entries read");
        for e in &a.entries {
            if let Some(r) = e.reference() {
                assert!(!r.contains("/_history"), "{name}: a reference with its version: {r}");
            }
        }
    }
}
