//! Criteria speed (`make bench`): ns per evaluation of each criteria of
//! `../shared/bench/criteria/filters.json` over the synthetic events of `events.py`, and µs per
//! parse + lint. Targets: ≥ 10 M evaluations/s for the five-clause seed criteria, parse + lint
//! < 10 µs. SQLite took 1.3–2.9 µs per evaluation of the same criteria (bench README).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gom_core::criteria::{compile, lint, Attributes, Dialect};
use std::hint::black_box;

/// The events of `events.py` (run with python3), or none when it cannot run.
fn events(dir: &std::path::Path) -> Vec<Attributes> {
    let out = std::process::Command::new("python3").arg("events.py").current_dir(dir).output();
    let Ok(out) = out.map_err(|e| eprintln!("notice: cannot run events.py ({e})")) else { return Vec::new() };
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v.as_array().map(|a| a.iter().map(Attributes::from_json_object).collect()).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let Some(dir) = gom_harness::shared_dir().map(|d| d.join("bench/criteria")) else {
        eprintln!("notice: ../shared is absent; no criteria bench");
        return;
    };
    let filters: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("filters.json")).unwrap_or_default())
            .unwrap_or_default();
    let filters: Vec<String> = filters["filters"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let events = events(&dir);
    if events.is_empty() || filters.is_empty() {
        eprintln!("notice: no events or filters; no criteria bench");
        return;
    }

    let mut g = c.benchmark_group("eval");
    g.throughput(Throughput::Elements(events.len() as u64));
    for (i, f) in filters.iter().enumerate() {
        let Ok(p) = compile(f, Dialect::Mns) else { continue };
        let matched = events.iter().filter(|e| p.matches(e)).count();
        eprintln!("criteria {i}: {matched} of {} events match", events.len());
        g.bench_function(format!("criteria-{i}"), |b| {
            b.iter(|| events.iter().filter(|e| p.matches(black_box(e))).count())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parse+lint");
    for (i, f) in filters.iter().enumerate() {
        g.bench_function(format!("criteria-{i}"), |b| b.iter(|| lint(black_box(f))));
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
