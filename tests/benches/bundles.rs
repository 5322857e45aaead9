//! Bundle validation speed (`make bench`): µs per bundle for the bench bundles of
//! `../shared/bench/bundles/` and the upstream IG bundles, beside serde_json's parse into a
//! `Value` (the floor issue 3 measures against: validation ≤ 2× it). Scaling with references is
//! validate.rs's `references` group.
//!
//! Bench ids: `bundle/<file>`, `ig/<file>`, `serde/<file>`. tests/bench/criterion.mjs reads them
//! from target/criterion.

use std::path::Path;
use std::time::Duration;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
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

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let shared = gom_harness::shared_dir();
    if shared.is_none() {
        eprintln!("notice: ../shared is absent; only the scaling bench runs");
    }
    let bench_bundles = shared.as_ref().map(|d| json_files(&d.join("bench/bundles"))).unwrap_or_default();
    let ig_bundles =
        shared.as_ref().map(|d| json_files(&d.join("research/fixtures/genomics-ig/Bundle"))).unwrap_or_default();

    // Each bundle's validation and its serde_json floor run back to back, so both see the same
    // machine load (the machine is shared; figures drift run to run).
    for (group, files) in [("bundle", &bench_bundles), ("ig", &ig_bundles)] {
        for (name, src) in files {
            let mut g = c.benchmark_group(group);
            g.throughput(Throughput::Bytes(src.len() as u64));
            g.bench_function(name.as_str(), |b| b.iter(|| validate(black_box(src), &opts)));
            g.finish();
            let mut g = c.benchmark_group("serde");
            g.throughput(Throughput::Bytes(src.len() as u64));
            g.bench_function(name.as_str(), |b| {
                b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(src)).map(|v| v.is_object()))
            });
            g.finish();
        }
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! { name = benches; config = config(); targets = bench }
criterion_main!(benches);
