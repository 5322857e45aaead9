//! A reused `gom_core::Validator` (buffers kept between documents) gives every document the
//! report a fresh `gom_core::validate` gives it, byte for byte, whatever it validated before:
//! the rule fixtures, the bench bundles and upstream examples (where ../shared is present),
//! generated large bundles, unreadable JSON, invalid UTF-8 and non-Bundles, in several orders
//! and under every option set.

use std::path::{Path, PathBuf};

use gom_core::{validate_bytes, Mode, Options, Validator};

/// Every `.json` file under `dir`, recursively, sorted.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut here: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    here.sort();
    for p in here {
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// (name, bytes) of the documents the suite validates: small and large, valid and not.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    json_files(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut files);
    match gom_harness::shared_dir() {
        Some(d) => {
            json_files(&d.join("bench/bundles"), &mut files);
            json_files(&d.join("research/fixtures/genomics-ig/Bundle"), &mut files);
        }
        None => eprintln!("notice: ../shared is absent; the bench bundles and upstream examples are skipped"),
    }
    let mut out: Vec<(String, Vec<u8>)> =
        files.iter().filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?))).collect();
    assert!(out.len() > 100, "the fixtures are missing: {} files", out.len());
    out.push(("generated 10k refs".into(), gom_harness::gen::bundle_with_refs(5_000).into_bytes()));
    out.push(("generated 2k refs".into(), gom_harness::gen::bundle_with_refs(1_000).into_bytes()));
    for (name, text) in [
        ("unterminated", r#"{"resourceType":"Bundle","entry":[{"#),
        ("empty", ""),
        ("bom", "\u{feff}{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"),
        ("patient", r#"{"resourceType":"Patient","id":"p"}"#),
        ("array", "[1,2,3]"),
        ("deep", &"[".repeat(300)),
    ] {
        out.push((name.into(), text.as_bytes().to_vec()));
    }
    out.push(("invalid utf-8".into(), b"{\"resourceType\":\"Bundle\",\"id\":\"\xff\"}".to_vec()));
    out
}

/// A report as the JSON a host sees (every field, in order).
fn text(r: &gom_core::Report) -> String {
    serde_json::to_string(r).expect("a report serialises")
}

const OPTION_SETS: [Options; 4] = [
    Options { mode: Mode::Auto, strict: false },
    Options { mode: Mode::Auto, strict: true },
    Options { mode: Mode::Order, strict: false },
    Options { mode: Mode::Inspect, strict: false },
];

/// Validates `order` (indexes into `docs`) with one reused validator and checks each report
/// against the fresh one.
fn check(docs: &[(String, Vec<u8>)], fresh: &[String], order: &[usize], v: &mut Validator, what: &str) {
    for &i in order {
        let (name, bytes) = &docs[i];
        let reused = text(&v.validate_bytes(bytes));
        assert!(reused == fresh[i], "{what}: {name} differs when validated after others");
    }
}

#[test]
fn a_reused_validator_gives_every_document_its_fresh_report() {
    let docs = corpus();
    for opts in OPTION_SETS {
        let fresh: Vec<String> = docs.iter().map(|(_, b)| text(&validate_bytes(b, &opts))).collect();
        let n = docs.len();
        let forward: Vec<usize> = (0..n).collect();
        let backward: Vec<usize> = (0..n).rev().collect();
        // Large and small alternating: each document after the one furthest from it in the list.
        let alternating: Vec<usize> = (0..n).flat_map(|i| [i, n - 1 - i]).collect();
        let mut v = Validator::new(opts);
        assert_eq!(v.options(), &opts);
        check(&docs, &fresh, &forward, &mut v, "forward");
        check(&docs, &fresh, &backward, &mut v, "backward");
        check(&docs, &fresh, &alternating, &mut v, "alternating");
    }
}

#[test]
fn a_b_a_big_small_and_invalid_then_valid_match_fresh_validations() {
    let opts = Options::default();
    let big = gom_harness::gen::bundle_with_refs(10_000);
    let small = gom_harness::gen::bundle_with_refs(3);
    let dangling = small.replacen("urn:uuid:00000000-0000-4000-8000-000000000001\"}", "urn:uuid:gone\"}", 1);
    let broken = &big[..big.len() / 2];
    let fresh = |s: &str| text(&gom_core::validate(s, &opts));
    let cases: [(&str, &[&str]); 4] = [
        ("A, B, A", &[&small, &dangling, &small]),
        ("big then small", &[&big, &small, &dangling, &big]),
        ("invalid JSON then valid", &[broken, &small, broken, &big]),
        ("non-Bundle between", &[&big, "{\"resourceType\":\"Patient\"}", &dangling]),
    ];
    for (what, seq) in cases {
        let mut v = Validator::new(opts);
        for (k, s) in seq.iter().enumerate() {
            assert!(text(&v.validate(s)) == fresh(s), "{what}: document {k} differs from a fresh validation");
        }
    }
    // The reports differ where the documents do: the reuse is not hiding findings.
    assert_ne!(fresh(&small), fresh(&dangling));
}

#[test]
fn retained_memory_follows_the_last_document() {
    let mut v = Validator::new(Options::default());
    assert_eq!(v.retained_bytes(), 0, "a new validator holds nothing");
    let big = gom_harness::gen::bundle_with_refs(10_000);
    let small = gom_harness::gen::bundle_with_refs(3);
    v.validate(&big);
    let after_big = v.retained_bytes();
    // The arena alone is 32 bytes a value, and the bundle has some 70,000 values.
    assert!(after_big > 2_000_000, "the buffers are kept: {after_big} bytes");
    v.validate(&big);
    assert_eq!(v.retained_bytes(), after_big, "a document of the same size needs no more");
    v.validate(&small);
    let after_small = v.retained_bytes();
    assert!(after_small < 1_000_000, "a small document gives back a large one's buffers: {after_small} bytes");
    v.validate(&big);
    assert_eq!(v.retained_bytes(), after_big, "the large document's buffers are allocated again");
    v.validate("not json");
    let after_text = v.retained_bytes();
    assert!(after_text < 1_000_000, "unreadable input keeps no large buffers: {after_text} bytes");
}
