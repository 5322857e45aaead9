//! `make bench`: gom-core's full validation against serde_json's parse into a `Value`, on the
//! bench bundle `valid.json`, the upstream IG order bundles, and generated bundles with 1k, 10k
//! and 100k references (time per reference should stay flat: the index is built once; 50k is
//! there to check that doubling the references at most about doubles the time), each by a reused
//! `Validator` (label `gom_validator_reused`) and the stateless `validate` (`gom_validate`); and
//! the last three also through the `gom-harness validate` command, one process per run.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gom_core::{validate, Options, Validator};

fn compare(c: &mut Criterion, group: &str, name: &str, src: &str) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(src.len() as u64));
    g.bench_with_input(BenchmarkId::new("serde_json_value", name), src, |b, s| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(s).map(|v| v.is_object()).unwrap_or(false))
    });
    g.bench_with_input(BenchmarkId::new("gom_validate", name), src, |b, s| {
        b.iter(|| validate(s, &Options::default()).diagnostics.len())
    });
    // The phases, to see where the time goes: the position-keeping parse, then the index.
    g.bench_with_input(BenchmarkId::new("gom_parse", name), src, |b, s| {
        b.iter(|| gom_core::json::Doc::parse(s).map(|d| d.len()).unwrap_or(0))
    });
    g.bench_with_input(BenchmarkId::new("gom_parse_index", name), src, |b, s| {
        b.iter(|| {
            let d = gom_core::json::Doc::parse(s).ok();
            d.map(|d| gom_core::refs::BundleIndex::build(d.root()).references().len()).unwrap_or(0)
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let shared = gom_harness::shared_dir();
    match shared.as_ref().and_then(|d| std::fs::read_to_string(d.join("bench/bundles/valid.json")).ok()) {
        Some(src) => compare(c, "valid", "valid.json", &src),
        None => eprintln!("notice: ../shared/bench is absent; valid.json skipped"),
    }
    for f in [
        "Bundle-NonWGSTestOrderForm-Example.json",
        "Bundle-WGSTestOrderForm-Example.json",
        "Bundle-NonWGSScenario4-ProbandWithMultipleFetus-Example.json",
    ] {
        let path = shared.as_ref().map(|d| d.join("research/fixtures/genomics-ig/Bundle").join(f));
        if let Some(src) = path.and_then(|p| std::fs::read_to_string(p).ok()) {
            compare(c, "upstream", f.trim_start_matches("Bundle-").trim_end_matches("-Example.json"), &src);
        }
    }
    for n in [1_000, 10_000, 50_000, 100_000] {
        let src = gom_harness::gen::bundle_with_refs(n / 2);
        let mut g = c.benchmark_group("references");
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("serde_json_value", n), &src, |b, s| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(s).map(|v| v.is_object()).unwrap_or(false))
        });
        // What a process validating many bundles uses: one `Validator`, its node arena and index
        // rows kept between calls. Its growth per doubling is the in-process scaling figure.
        g.bench_with_input(BenchmarkId::new("gom_validator_reused", n), &src, |b, s| {
            let mut v = Validator::new(Options::default());
            b.iter(|| v.validate(s).diagnostics.len())
        });
        // The stateless call: its memory is allocated and freed every time, and past some 32 MB
        // glibc gives it back and the next call faults it in again (slower growth at 100k).
        g.bench_with_input(BenchmarkId::new("gom_validate", n), &src, |b, s| {
            b.iter(|| validate(s, &Options::default()).diagnostics.len())
        });
        g.finish();
    }
    // The same bundles through the command line a lab runs, one process per file (spawn, read,
    // validate, print): memory is fresh in every run, so this is the growth a one-off validation
    // sees, where the loop above reuses (or, past about 60 MB, glibc hands back and re-faults)
    // the heap of the run before.
    for n in [10_000, 50_000, 100_000] {
        let path = std::env::temp_dir().join(format!("gom-bench-{}-{n}.json", std::process::id()));
        if std::fs::write(&path, gom_harness::gen::bundle_with_refs(n / 2)).is_err() {
            eprintln!("notice: cannot write {}; the command-line scaling is skipped", path.display());
            continue;
        }
        let mut g = c.benchmark_group("references-cli");
        g.sample_size(10);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("gom_harness_validate", n), &path, |b, p| {
            b.iter(|| {
                std::process::Command::new(env!("CARGO_BIN_EXE_gom-harness"))
                    .args(["validate", "--format", "text"])
                    .arg(p)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .map(|s| s.code())
            })
        });
        g.finish();
        let _ = std::fs::remove_file(&path);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
