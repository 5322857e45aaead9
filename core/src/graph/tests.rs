use super::*;
use crate::compose::{compose, Coded, CounterIds, Draft, ObservationItem, Participant, SpecimenDraft};

const NOW: &str = "2026-03-01T10:00:00Z";

fn person(nhs: &str, given: &str) -> crate::compose::Person {
    crate::compose::Person {
        nhs_number: nhs.into(),
        given_name: given.into(),
        family_name: "Example".into(),
        birth_date: "1990-01-01".into(),
        sex: "female".into(),
        ethnic_category: "Z".into(),
        residential_status: "H".into(),
        ..Default::default()
    }
}

fn specimen(key: &str) -> SpecimenDraft {
    SpecimenDraft {
        key: key.into(),
        local_id: format!("S-{key}"),
        kind: Coded::new("http://snomed.info/sct", "445295009", "Blood specimen with EDTA"),
        collected: "2026-02-17".into(),
        ..Default::default()
    }
}

/// A Trio with `extra` observations and `specimens` specimens per person.
fn trio(extra: usize, specimens: usize) -> String {
    let mut d = Draft { patient: person("9449301042", "Robin"), ..Default::default() };
    d.test.code = "R98.2".into();
    d.reason = "diagnostic".into();
    d.requester.sds_user_id = "555012345680".into();
    d.requester.ods = "RR8".into();
    d.requester.phone = "0113 000 0000".into();
    d.performer.ods = "R0A".into();
    let mut n = 0;
    let mut key = || {
        n += 1;
        format!("s{n}")
    };
    d.specimens = (0..specimens).map(|_| specimen(&key())).collect();
    for (nhs, given, rel) in [("9449301050", "Sam", "NMTH"), ("9449301069", "Alex", "NFTH")] {
        d.participants.push(Participant {
            person: person(nhs, given),
            relationship: Coded::new("http://terminology.hl7.org/CodeSystem/v3-RoleCode", rel, rel),
            specimens: (0..specimens).map(|_| specimen(&key())).collect(),
            consent: None,
        });
    }
    d.indication.observations = (0..extra)
        .map(|i| ObservationItem {
            code: Coded::new("http://human-phenotype-ontology.org", &format!("HP:{:07}", i + 1), "Phenotype"),
            value: Coded::new("http://snomed.info/sct", "52101004", "Present"),
            effective: String::new(),
        })
        .collect();
    serde_json::to_string(&compose(&d, &mut CounterIds::new(), NOW)).unwrap_or_default()
}

fn overlaps(g: &Graph) -> bool {
    let boxes: Vec<(u32, u32)> =
        g.nodes.iter().map(|n| (n.x, n.y)).chain(g.missing.iter().map(|m| (m.x, m.y))).collect();
    boxes.iter().enumerate().any(|(i, a)| {
        boxes.iter().skip(i + 1).any(|b| a.0.abs_diff(b.0) < NODE_WIDTH && a.1.abs_diff(b.1) < NODE_HEIGHT)
    })
}

#[test]
fn a_composed_trio_is_one_connected_graph() {
    let json = trio(2, 1);
    let g = graph(&json);
    assert_eq!(g.note, None);
    assert!(g.nodes.len() >= 12, "{}", g.nodes.len());
    assert_eq!(g.orphans().count(), 0);
    assert_eq!(g.dangling().count(), 0);
    assert_eq!(
        g.nodes.iter().filter(|n| n.focal).map(|n| n.resource_type.as_str()).collect::<Vec<_>>(),
        ["ServiceRequest"]
    );
    let subject = g.links.iter().find(|l| l.link == "ServiceRequest.subject");
    assert_eq!(subject.map(|l| (l.count, l.ok())), Some((1, true)));
    assert!(g.edges.iter().any(|e| e.path == "subject" && e.kind == EdgeKind::Entry));
    assert!(!overlaps(&g));
}

#[test]
fn a_trio_of_fifty_resources_stays_readable() {
    let g = graph(&trio(32, 4));
    assert!(g.nodes.len() >= 50, "{}", g.nodes.len());
    assert!(!overlaps(&g));
    let mut per_column = std::collections::BTreeMap::new();
    for n in &g.nodes {
        *per_column.entry(n.column).or_insert(0usize) += 1;
    }
    assert!(per_column.values().all(|&c| c <= layout::MAX_ROWS), "{per_column:?}");
    assert!(g.height <= 24 * 2 + layout::MAX_ROWS as u32 * (NODE_HEIGHT + 16));
    // The focal resource leads the first column.
    let first = g.nodes.iter().find(|n| n.column == 0 && n.y == g.nodes.iter().map(|n| n.y).min().unwrap_or(0));
    assert!(g.nodes.iter().any(|n| n.focal && n.column == 0), "{first:?}");
}

#[test]
fn the_layout_is_deterministic() {
    let json = trio(5, 2);
    assert_eq!(graph(&json), graph(&json));
    let a = svg(&graph(&json), &SvgOptions::default());
    assert_eq!(a, svg(&graph(&json), &SvgOptions::default()));
}

const BROKEN: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000001","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order",
   "subject":{"reference":"urn:uuid:00000000-0000-4000-8000-000000000002"},
   "specimen":[{"reference":"urn:uuid:00000000-0000-4000-8000-0000000000ff"}]},"request":{"method":"POST","url":"ServiceRequest"}},
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000002","resource":{"resourceType":"Patient","name":[{"given":["<script>"],"family":"\"&'"}]},"request":{"method":"POST","url":"Patient"}},
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000003","resource":{"resourceType":"Practitioner","id":"lonely"},"request":{"method":"POST","url":"Practitioner"}},
 {"fullUrl":"urn:uuid:00000000-0000-4000-8000-000000000004","resource":{"resourceType":"Specimen","subject":{"reference":"urn:uuid:00000000-0000-4000-8000-000000000002"},
   "request":[{"reference":"urn:uuid:00000000-0000-4000-8000-000000000001"}]},"request":{"method":"POST","url":"Specimen"}}
]}"#;

#[test]
fn orphans_and_dangling_references_are_flagged() {
    let g = graph(BROKEN);
    let orphans: Vec<(u32, &str)> = g.orphans().map(|n| (n.entry, n.resource_type.as_str())).collect();
    assert_eq!(orphans, [(2, "Practitioner")]);
    let dangling: Vec<&str> = g.dangling().map(|e| e.path.as_str()).collect();
    assert_eq!(dangling, ["specimen"]);
    assert_eq!(g.missing.len(), 1);
    // The Specimen is attached through its `request` back-link, so it is no orphan.
    assert_eq!(g.node(3).map(|n| n.orphan), Some(false));
    let requester = g.links.iter().find(|l| l.link == "ServiceRequest.requester");
    assert_eq!(requester.map(|l| (l.count, l.ok(), l.cardinality())), Some((0, false, "1..1".to_owned())));
    assert!(!overlaps(&g));
}

#[test]
fn svg_text_is_escaped() {
    let g = graph(BROKEN);
    let out = svg(&g, &SvgOptions { selected: Some(1), errors: vec![0, 2] });
    assert!(!out.contains("<script"), "{out}");
    assert!(out.contains("&lt;script&gt; &quot;&amp;&#39;"));
    assert!(out.contains(r#"data-entry="1""#) && out.contains("gom-selected"));
    assert!(out.contains("gom-orphan") && out.contains("gom-edge-dangling"));
    assert!(out.starts_with("<svg") && out.ends_with("</svg>"));
    assert_eq!(out.matches("<g").count(), out.matches("</g>").count());
}

#[test]
fn what_is_not_a_bundle_gives_an_empty_graph_with_a_note() {
    for (src, note) in
        [("{", "cannot be read"), (r#"{"resourceType":"Patient"}"#, "not a Bundle"), ("[]", "not a Bundle")]
    {
        let g = graph(src);
        assert!(g.nodes.is_empty());
        assert!(g.note.as_deref().is_some_and(|n| n.contains(note)), "{src}: {:?}", g.note);
        assert!(svg(&g, &SvgOptions::default()).starts_with("<svg"));
    }
    let g = graph(r#"{"resourceType":"Bundle","type":"searchset"}"#);
    assert!(g.nodes.is_empty() && g.note.is_none());
}

#[test]
fn escape_covers_markup_and_control_characters() {
    assert_eq!(svg::esc("a<b>&\"'\u{1}\n"), "a&lt;b&gt;&amp;&quot;&#39;\u{fffd}\n");
    // XML 1.0 allows neither noncharacter (found by tests/tests/xss_renderers.rs).
    assert_eq!(svg::esc("\u{fffe}x\u{ffff}\u{fffd}"), "\u{fffd}x\u{fffd}\u{fffd}");
}
