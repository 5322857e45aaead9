//! Bundle validation speed (`make bench`): µs per bundle for the bench bundles of
//! `../shared/bench/bundles/` and the upstream IG bundles, beside serde_json's parse into a
//! `Value` (the floor issue 3 measures against: validation ≤ 2× it); and scaling with the
//! number of references (1k, 10k, 50k, 100k; time must grow linearly).
//!
//! Bench ids: `bundle/<file>`, `ig/<file>`, `serde/<file>`, `refs/<n>`. tests/bench/criterion.mjs
//! reads them from target/criterion.

use std::path::Path;
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gom_core::{validate, Options};

fn json_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            Some((name, std::fs::read_to_string(&p).ok()?))
        })
        .collect();
    out.sort();
    out
}

/// A transaction with `refs` references: a Patient, a ServiceRequest whose `specimen` lists every
/// Specimen, and Specimens whose `subject` is the Patient and `request` the ServiceRequest
/// (three references per Specimen). Every reference is a `urn:uuid` that resolves.
pub fn bundle_with_refs(refs: usize) -> String {
    let n = refs.saturating_sub(1) / 3;
    let uuid = |i: usize| format!("urn:uuid:00000000-0000-4000-8000-{i:012}");
    let (patient, sr) = (uuid(0), uuid(1));
    let specimens: Vec<String> = (0..n).map(|i| format!(r#"{{"reference":"{}"}}"#, uuid(i + 2))).collect();
    let mut entries = vec![
        format!(
            r#"{{"fullUrl":"{patient}","resource":{{"resourceType":"Patient","identifier":[{{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9449305552"}}]}},"request":{{"method":"POST","url":"Patient"}}}}"#
        ),
        format!(
            r#"{{"fullUrl":"{sr}","resource":{{"resourceType":"ServiceRequest","status":"active","intent":"order","subject":{{"reference":"{patient}"}},"specimen":[{}]}},"request":{{"method":"POST","url":"ServiceRequest"}}}}"#,
            specimens.join(",")
        ),
    ];
    for i in 0..n {
        entries.push(format!(
            r#"{{"fullUrl":"{}","resource":{{"resourceType":"Specimen","status":"available","subject":{{"reference":"{patient}"}},"request":[{{"reference":"{sr}"}}]}},"request":{{"method":"POST","url":"Specimen"}}}}"#,
            uuid(i + 2)
        ));
    }
    format!(r#"{{"resourceType":"Bundle","type":"transaction","entry":[{}]}}"#, entries.join(",\n"))
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let shared = gom_harness::shared_dir();
    if shared.is_none() {
        eprintln!("notice: ../shared is absent; only the scaling bench runs");
    }
    let bench_bundles = shared.as_ref().map(|d| json_files(&d.join("bench/bundles"))).unwrap_or_default();
    let ig_bundles =
        shared.as_ref().map(|d| json_files(&d.join("research/fixtures/genomics-ig/Bundle"))).unwrap_or_default();

    for (group, files) in [("bundle", &bench_bundles), ("ig", &ig_bundles)] {
        let mut g = c.benchmark_group(group);
        for (name, src) in files {
            g.throughput(Throughput::Bytes(src.len() as u64));
            g.bench_function(name.as_str(), |b| b.iter(|| validate(black_box(src), &opts)));
        }
        g.finish();
    }

    let mut g = c.benchmark_group("serde");
    for (name, src) in bench_bundles.iter().chain(&ig_bundles) {
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(src)).map(|v| v.is_object()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("refs");
    g.sample_size(10);
    for refs in [1_000usize, 10_000, 50_000, 100_000] {
        let src = bundle_with_refs(refs);
        let report = validate(&src, &opts);
        eprintln!("refs/{refs}: {} bytes, {} findings", src.len(), report.diagnostics.len());
        g.throughput(Throughput::Elements(refs as u64));
        g.bench_with_input(BenchmarkId::from_parameter(refs), &src, |b, src| {
            b.iter(|| validate(black_box(src), &opts))
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! { name = benches; config = config(); targets = bench }
criterion_main!(benches);
