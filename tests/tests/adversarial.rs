//! Hostile input through `validate`: every case ends in a fatal or error finding with a position,
//! never a panic, a hang or unbounded output. Sizes are full in release builds; debug builds (the
//! default `cargo test`) use a tenth of the 50 MB bundle to keep the suite fast.

use std::time::{Duration, Instant};

use gom_core::{validate, validate_bytes, Options, Report, Severity};

const FULL: bool = !cfg!(debug_assertions);

/// The first fatal or error finding, which must have a line and column.
fn first_error(r: &Report) -> (&'static str, u32, u32) {
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.severity <= Severity::Error)
        .unwrap_or_else(|| panic!("no error among {} findings", r.diagnostics.len()));
    (d.code, d.line.expect("line"), d.column.expect("column"))
}

fn timed(src: &str) -> (Report, Duration) {
    let t = Instant::now();
    let r = validate(src, &Options::default());
    (r, t.elapsed())
}

/// A clean order entry set (4 entries) whose uuids end in `n`.
fn order_entries(n: usize) -> String {
    let u = |k: u32| format!("urn:uuid:6e1d4a40-2b7a-4c55-9b1e-{n:08x}{k:04x}");
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/rules/reference-dangling/valid/order.json"
    ))
    .expect("order fixture");
    let doc: serde_json::Value = serde_json::from_str(&base).expect("order fixture is JSON");
    let mut s = serde_json::to_string(&doc["entry"]).expect("entries");
    for k in 1..=4u32 {
        s = s.replace(&format!("urn:uuid:6e1d4a40-2b7a-4c55-9b1e-00000000000{k}"), &u(k));
    }
    s[1..s.len() - 1].to_owned()
}

#[test]
fn deep_nesting_is_fatal_at_the_depth_limit() {
    for src in
        ["[".repeat(100_000), "{\"a\":".repeat(100_000), format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))]
    {
        let (r, t) = timed(&src);
        assert_eq!(first_error(&r).0, "GOM-JSON-001");
        assert!(r.diagnostics[0].message.contains("nested deeper"), "{}", r.diagnostics[0].message);
        assert!(t < Duration::from_secs(2), "{t:?}");
    }
}

#[test]
fn a_hundred_thousand_entries_with_one_fault_at_the_end() {
    let n = 100_000;
    let mut src = String::from("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[\n");
    for i in 0..n {
        src.push_str(&format!(
            "{{\"fullUrl\":\"urn:uuid:00000000-0000-4000-8000-{i:012}\",\"resource\":{{\"resourceType\":\"Basic\",\"code\":{{\"text\":\"x\"}}}},\"request\":{{\"method\":\"POST\",\"url\":\"Basic\"}}}},\n"
        ));
    }
    src.push_str("{\"request\":{\"method\":\"DELETE\",\"url\":\"Basic/1\"}}\n]}");
    let (r, t) = timed(&src);
    assert_eq!(first_error(&r), ("GOM-BDL-012", n as u32 + 2, 22));
    assert!(r.diagnostics.len() < 10, "{} findings", r.diagnostics.len());
    assert!(t < Duration::from_secs(if FULL { 2 } else { 20 }), "{t:?}");
}

#[test]
fn a_fifty_megabyte_bundle() {
    let target = if FULL { 50 << 20 } else { 5 << 20 };
    let mut src = String::from("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
    let mut n = 0;
    while src.len() < target {
        src.push_str(&order_entries(n));
        src.push(',');
        n += 1;
    }
    src.push_str("{\"request\":{\"method\":\"DELETE\",\"url\":\"Specimen/1\"}}]}");
    let (r, t) = timed(&src);
    let (code, line, _) = first_error(&r);
    assert_eq!((code, line), ("GOM-BDL-012", 1));
    assert!(r.diagnostics.iter().filter(|d| d.severity <= Severity::Error).count() == 1, "{:?}", &r.diagnostics[..3]);
    eprintln!("{} MB bundle, {} entries: {t:?}", src.len() >> 20, n * 4 + 1);
    assert!(t < Duration::from_secs(if FULL { 10 } else { 60 }), "{t:?}");
}

#[test]
fn huge_strings_are_bounded_in_findings() {
    let huge = "x".repeat(20 << 20);
    let src = format!("{{\"resourceType\":\"Bundle\",\"type\":\"{huge}\",\"entry\":[]}}");
    let r = validate(&src, &Options::default());
    let total: usize = r.diagnostics.iter().map(|d| d.message.len()).sum();
    assert!(total < 2_000, "messages are clipped: {total} bytes");
    assert!(r.diagnostics.iter().any(|d| d.code == "GOM-JSON-007" && d.line == Some(1) && d.column == Some(33)));
    assert!(r.diagnostics.iter().any(|d| d.code == "GOM-BDL-002" && d.message.contains("characters)…")));
}

#[test]
fn duplicate_keys_are_reported_and_capped() {
    let members: String = (0..100_000).map(|_| "\"type\":\"transaction\",").collect();
    let src = format!("{{\"resourceType\":\"Bundle\",{members}\"entry\":[]}}");
    let (r, t) = timed(&src);
    let dups: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "GOM-JSON-003").collect();
    assert_eq!(dups.len(), 101);
    assert_eq!((dups[0].line, dups[0].column), (Some(1), Some(54)));
    assert!(dups[100].message.starts_with("99899 more repeated members"), "{}", dups[100].message);
    assert!(t < Duration::from_secs(if FULL { 1 } else { 10 }), "{t:?}");
}

#[test]
fn bom_trailing_garbage_empty_numbers_and_bad_bytes() {
    let cases: &[(&[u8], &str, u32, u32)] = &[
        (b"\xef\xbb\xbf{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]}", "GOM-JSON-004", 1, 1),
        (b"{\"resourceType\":\"Bundle\"}\n}}}", "GOM-JSON-001", 2, 1),
        (b"", "GOM-JSON-001", 1, 1),
        (b"   \n\t ", "GOM-JSON-001", 2, 3),
        (b"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"total\":-1e99999,\"entry\":[]}", "GOM-JSON-006", 1, 55),
        (b"{\"resourceType\":\"Bundle\",\"type\":\"trans\xc3\x28\"}", "GOM-JSON-005", 1, 39),
        (b"\xff\xfe{}", "GOM-JSON-005", 1, 1),
        (b"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"resourceType\":\"Task\",\"status\":\"\\ud800\"}}]}", "GOM-JSON-001", 1, 101),
        (b"\"just a string\"", "GOM-JSON-002", 1, 1),
        (b"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[null,1,\"x\",[]]}", "GOM-BDL-025", 1, 56),
    ];
    for &(bytes, code, line, col) in cases {
        let r = validate_bytes(bytes, &Options::default());
        first_error(&r);
        let found = r
            .diagnostics
            .iter()
            .any(|d| d.code == code && d.severity <= Severity::Error && (d.line, d.column) == (Some(line), Some(col)));
        assert!(found, "{}: {:?}", String::from_utf8_lossy(bytes), r.diagnostics);
    }
}

#[test]
fn references_scale_linearly() {
    let bundle = gom_harness::gen::bundle_with_refs;
    let n = if FULL { 100_000 } else { 20_000 };
    let (r, t) = timed(&bundle(n));
    // Every reference resolves (the requester is on the server).
    assert!(r.diagnostics.iter().all(|d| d.code != "GOM-REF-001"));
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "GOM-REF-003").count(), 1);
    eprintln!("{} references: {t:?}", 2 * n + 2);
    assert!(t < Duration::from_secs(if FULL { 1 } else { 20 }), "{t:?}");
}
