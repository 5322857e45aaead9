//! The adversarial corpus (issue 9 item 2) as data: `tests/adversarial/cases.json`, each case with the
//! findings it must produce. Large cases are built in memory here, and by
//! `tests/adversarial/generate.mjs` (same spec, same bytes) for the browser run of the same corpus.
//!
//! Every case must finish without a panic, within a time budget, with memory bounded by a small
//! multiple of its size (a counting allocator measures the peak), and with a position on every
//! fatal or error finding.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use gom_core::{validate_bytes, Options, Report};
use serde_json::Value;
use sha2::Digest;

/// Counts live heap bytes and their peak, so a case can prove its memory stays bounded.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + (new - l.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap while validating, beyond the input itself: at most this many times the input size
/// plus a fixed allowance. The findings are the bulk of it when every entry raises some (100k
/// entries: 500k findings, ~20× the input); the reader's node arena comes next (~3×).
const MEM_FACTOR: usize = 24;
const MEM_SLACK: usize = 16 << 20;
/// A hang guard, not a speed target (speed lives in `make bench`): a debug build on a loaded
/// 2-core machine takes ~25 s for the largest case, release runs ~20× faster, a hang never ends.
const TIME_BUDGET: Duration = Duration::from_secs(180);

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("adversarial")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(corpus_dir().join("cases.json")).expect("cases.json is readable");
    let v: Value = serde_json::from_str(&text).expect("cases.json is JSON");
    v["cases"].as_array().expect("cases is an array").clone()
}

fn uuid(i: usize) -> String {
    format!("urn:uuid:00000000-0000-4000-8000-{i:012}")
}

fn entry(full_url: &str, resource: &str, method: &str) -> String {
    format!(r#"{{"fullUrl":"{full_url}","resource":{resource},"request":{{"method":"{method}","url":"Patient"}}}}"#)
}

const HEAD: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":["#;

/// Builds a generated case. Mirrors `generate.mjs` byte for byte.
fn generate(spec: &Value) -> Vec<u8> {
    let n = |k: &str| spec[k].as_u64().unwrap_or(0) as usize;
    let s = match spec["kind"].as_str().unwrap_or("") {
        "long-number" => {
            format!(
                r#"{{"resourceType":"Bundle","type":"transaction","total":{},"entry":[]}}"#,
                "9".repeat(n("digits"))
            )
        }
        "nest-arrays" => {
            let d = n("depth");
            format!(r#"{{"resourceType":"Bundle","type":"transaction","entry":{}{}}}"#, "[".repeat(d), "]".repeat(d))
        }
        "nest-objects" => {
            let d = n("depth");
            format!("{HEAD}{}0{}]}}", r#"{"a":"#.repeat(d), "}".repeat(d))
        }
        "entries" => {
            let count = n("count");
            let last = spec["last_method"].as_str().unwrap_or("POST");
            let mut out = String::with_capacity(count * 140);
            out.push_str(HEAD);
            for i in 0..count {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                let method = if i + 1 == count { last } else { "POST" };
                out.push_str(&entry(&uuid(i), &format!(r#"{{"resourceType":"Patient","id":"p{i}"}}"#), method));
            }
            out.push_str("]}");
            out
        }
        "big-string" => {
            let family = "x".repeat(n("bytes"));
            format!(
                "{HEAD}\n{},\n{}]}}",
                entry(&uuid(1), &format!(r#"{{"resourceType":"Patient","name":[{{"family":"{family}"}}]}}"#), "POST"),
                r#"{"request":{"method":"DELETE","url":"Patient/1"}}"#
            )
        }
        "duplicate-full-urls" => {
            let parts: Vec<String> =
                (0..n("count")).map(|_| entry(&uuid(1), r#"{"resourceType":"Patient"}"#, "POST")).collect();
            format!("{HEAD}\n{}]}}", parts.join(",\n"))
        }
        "cycle" => {
            let count = n("count");
            let parts: Vec<String> = (0..count)
                .map(|i| {
                    let focus = if i + 1 == count {
                        format!(r#","focus":{{"reference":"{}"}}"#, uuid(999_999))
                    } else {
                        String::new()
                    };
                    let task = format!(
                        r#"{{"resourceType":"Task","partOf":[{{"reference":"{}"}},{{"reference":"{}"}}]{focus}}}"#,
                        uuid((i + 1) % count),
                        uuid(i)
                    );
                    entry(&uuid(i), &task, "POST").replace(r#""url":"Patient""#, r#""url":"Task""#)
                })
                .collect();
            format!("{HEAD}\n{}]}}", parts.join(",\n"))
        }
        other => panic!("unknown generator `{other}` in cases.json"),
    };
    s.into_bytes()
}

fn input(case: &Value) -> Vec<u8> {
    if let Some(t) = case["text"].as_str() {
        t.as_bytes().to_vec()
    } else if let Some(h) = case["hex"].as_str() {
        (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex")).collect()
    } else {
        generate(&case["generate"])
    }
}

/// What is wrong with one case's report, if anything.
fn check(case: &Value, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for d in report.diagnostics.iter().filter(|d| d.severity.is_error()) {
        if d.line.is_none() || d.column.is_none() {
            problems.push(format!("{} {} has no position: {}", d.severity, d.code, d.message));
        }
    }
    for want in case["expect"].as_array().into_iter().flatten() {
        let found = report.diagnostics.iter().any(|d| {
            Some(d.code) == want["code"].as_str()
                && want["severity"].as_str().is_none_or(|s| d.severity.as_str() == s)
                && want["line"].as_u64().is_none_or(|l| d.line == Some(l as u32))
                && want["column"].as_u64().is_none_or(|c| d.column == Some(c as u32))
        });
        if !found {
            let got: Vec<String> = report
                .diagnostics
                .iter()
                .take(8)
                .map(|d| format!("{} {} {}:{}", d.severity, d.code, d.line.unwrap_or(0), d.column.unwrap_or(0)))
                .collect();
            problems.push(format!("expected {want}, got [{}]", got.join(", ")));
        }
    }
    problems
}

/// The whole corpus, one case after another (so the allocator's peak belongs to one case).
#[test]
fn every_case_gives_its_finding_without_panic_in_bounded_time_and_memory() {
    generators_build_the_sizes_they_promise();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases().iter().filter(|c| c["js_only"].as_bool() != Some(true)) {
        let name = case["name"].as_str().unwrap_or("?");
        let bytes = input(case);
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let t = Instant::now();
        let report = std::panic::catch_unwind(|| validate_bytes(&bytes, &Options::default()));
        let took = t.elapsed();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let Ok(report) = report else {
            failures.push(format!("{name}: panicked"));
            continue;
        };
        ran += 1;
        let mut problems = check(case, &report);
        if took > TIME_BUDGET {
            problems.push(format!("took {took:?}, over the budget of {TIME_BUDGET:?}"));
        }
        let bound = MEM_FACTOR * bytes.len() + MEM_SLACK;
        if peak > bound {
            problems.push(format!("peak heap {peak} B for {} B of input, over {bound} B", bytes.len()));
        }
        eprintln!(
            "adversarial: {name:<32} {:>10} B in {:>8.1} ms, peak heap {:>6.1} MB, {} finding(s)",
            bytes.len(),
            took.as_secs_f64() * 1e3,
            peak as f64 / 1e6,
            report.diagnostics.len()
        );
        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(ran >= 25, "only {ran} cases ran");
    assert!(failures.is_empty(), "adversarial failures:\n{}", failures.join("\n"));
}

/// Invalid UTF-8 through the CLI, as a lab's CI would hit it: exit code 1 and a positioned line.
#[test]
fn the_cli_reports_invalid_utf8_with_its_position() {
    let dir = std::env::temp_dir().join(format!("gom-adversarial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for case in cases().iter().filter(|c| c["native_only"].as_bool() == Some(true)) {
        let file = dir.join(format!("{}.json", case["name"].as_str().unwrap_or("case")));
        std::fs::write(&file, input(case)).expect("write case");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gom-harness"))
            .args(["validate", "--format", "text"])
            .arg(&file)
            .output()
            .expect("run gom-harness");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let want = &case["expect"][0];
        let line = format!(
            "{}:{}:{} {} {} ",
            file.display(),
            want["line"],
            want["column"],
            want["severity"].as_str().unwrap_or(""),
            want["code"].as_str().unwrap_or("")
        );
        assert_eq!(out.status.code(), Some(1), "{}: exit code; stdout {stdout}", case["name"]);
        assert!(stdout.starts_with(&line), "{}: expected a line starting `{line}`, got `{stdout}`", case["name"]);
        assert!(out.stderr.is_empty(), "{}: stderr {}", case["name"], String::from_utf8_lossy(&out.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The generators build what their names say (so a generator bug cannot make a case vacuous).
/// Called from the corpus test: a test running beside it would spoil the allocator's peak.
fn generators_build_the_sizes_they_promise() {
    // The same bytes as generate.mjs builds for the browser run (both check the sha256).
    for case in cases().iter().filter(|c| c["sha256"].is_string()) {
        let digest = sha2::Sha256::digest(generate(&case["generate"]));
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(Some(hex.as_str()), case["sha256"].as_str(), "{}: generated bytes differ", case["name"]);
    }
    let by = |name: &str| cases().into_iter().find(|c| c["name"] == name).map(|c| input(&c)).unwrap_or_default();
    let nest = by("nesting-100k-arrays");
    assert_eq!(nest.iter().filter(|b| **b == b'[').count(), 100_000);
    let big = by("bundle-50mb");
    assert!(big.len() > 50 * 1024 * 1024, "{} bytes", big.len());
    let entries = by("entries-100k");
    assert_eq!(entries.iter().filter(|b| **b == b'\n').count(), 100_000);
    let v: Value = serde_json::from_slice(&entries).expect("the 100k-entry bundle is JSON");
    assert_eq!(v["entry"].as_array().map(Vec::len), Some(100_000));
    let cycle: Value = serde_json::from_slice(&by("reference-cycle")).expect("the cycle is JSON");
    assert_eq!(cycle["entry"][1999]["resource"]["partOf"][0]["reference"], cycle["entry"][0]["fullUrl"]);
}
