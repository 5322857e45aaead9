//! Interleaved speed check (issue 3): gom-core's full validation against serde_json's parse into
//! a `Value`, both measured in the same process, batch after batch, so both see the same load
//! on a shared machine. Prints the min-of-batches and the median ratio for `valid.json`, and the
//! time per doubling of a generated bundle's references.
//!
//! `cargo run -p gom-harness --profile bench --example speed [-- ROUNDS [all|valid|phases|scale|scale-phases|gom]]`
//! (`gom` only validates `valid.json` ROUNDS × 100 times: a steady loop to profile with perf or
//! callgrind; `file=PATH` validates that file ROUNDS times; `bundles` times every bench bundle
//! beside serde_json; `scale-phases` times each phase of 10k, 50k and 100k-reference bundles;
//! `gen=N` prints a generated bundle of N references; `mem` prints the peak and total heap bytes
//! of one validation per size, fresh and by a warm `Validator`; `density` prints the bytes of
//! text per JSON value of every bench bundle, upstream fixture and generated bundle, which the
//! parser's arena is presized from). `scale` times a reused `Validator` per size beside the
//! stateless `validate`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use gom_core::{validate, Options};

/// The system allocator, counting calls: allocations (and reallocations) per validation are one
/// of the figures this example reports.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
/// Bytes allocated and not yet freed, the most of them since [`peak_of`] last reset it, and all
/// bytes ever allocated (capacity asked for, not pages touched).
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(now, Relaxed);
    TOTAL.fetch_add(bytes, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        grew(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// (peak bytes live above those live before, bytes allocated) during one call of `f`.
fn peak_of(f: &mut impl FnMut()) -> (usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let total = TOTAL.load(Relaxed);
    f();
    (PEAK.load(Relaxed) - before, TOTAL.load(Relaxed) - total)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocations, reallocations) made by one call of `f`.
fn count(f: &mut impl FnMut()) -> (usize, usize) {
    let (a, r) = (ALLOCS.load(Relaxed), REALLOCS.load(Relaxed));
    f();
    (ALLOCS.load(Relaxed) - a, REALLOCS.load(Relaxed) - r)
}

fn batch(n: usize, f: &mut impl FnMut()) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed() / n as u32
}

/// (min, median) per call of each of `a` and `b`, interleaved over `rounds` batches of `n`.
fn interleaved(rounds: usize, n: usize, a: &mut impl FnMut(), b: &mut impl FnMut()) -> [(Duration, Duration); 2] {
    let (mut xa, mut xb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        xa.push(batch(n, a));
        xb.push(batch(n, b));
    }
    [stats(xa), stats(xb)]
}

fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2])
}

/// Time this thread has spent on a CPU, if the platform reports it: `clock_gettime` with
/// `CLOCK_THREAD_CPUTIME_ID`, precise to the nanosecond. (Linux's `/proc/thread-self/schedstat`
/// was tried first: on this machine kind it advances in 4 ms scheduler ticks, too coarse for a
/// 10 ms validation.)
#[cfg(unix)]
fn on_cpu() -> Option<Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec that outlives the call; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn on_cpu() -> Option<Duration> {
    None
}

/// This thread's CPU time for one call of `f` (the wall clock where that is not reported).
fn cpu_time(f: &mut dyn FnMut()) -> Duration {
    match on_cpu() {
        Some(before) => {
            f();
            on_cpu().unwrap_or(before).saturating_sub(before)
        }
        None => {
            let t = Instant::now();
            f();
            t.elapsed()
        }
    }
}

/// Where the time of a large bundle goes, per size: serde_json's parse, gom's parse, the parse
/// and the reference index, the whole validation (minimum CPU time over the rounds, sizes
/// interleaved round by round), and the growth of each per doubling of the references.
fn scale_phases(rounds: usize) {
    let opts = Options::default();
    let sizes = [10_000usize, 50_000, 100_000];
    let srcs: Vec<String> = sizes.iter().map(|n| gom_harness::gen::bundle_with_refs(n / 2)).collect();
    for (n, src) in sizes.iter().zip(&srcs) {
        let (a, r) = count(&mut || {
            black_box(validate(black_box(src), &opts).diagnostics.len());
        });
        println!("{}k refs: {a} allocations, {r} reallocations per validation", n / 1000);
    }
    const PHASES: [&str; 4] = ["serde", "parse", "parse+index", "validate"];
    let mut t: Vec<[Vec<Duration>; 4]> = vec![Default::default(); sizes.len()];
    for _ in 0..rounds.max(3) {
        for (i, src) in srcs.iter().enumerate() {
            let mut fs: [Box<dyn FnMut()>; 4] = [
                Box::new(|| {
                    black_box(serde_json::from_str::<serde_json::Value>(black_box(src)).map(|v| v.is_object()).ok());
                }),
                Box::new(|| {
                    black_box(gom_core::json::Doc::parse(black_box(src)).map(|d| d.len()).ok());
                }),
                Box::new(|| {
                    let d = gom_core::json::Doc::parse(black_box(src)).ok();
                    black_box(d.map(|d| gom_core::refs::BundleIndex::build(d.root()).references().len()));
                }),
                Box::new(|| {
                    black_box(validate(black_box(src), &opts).diagnostics.len());
                }),
            ];
            for (k, f) in fs.iter_mut().enumerate() {
                t[i][k].push(cpu_time(f));
            }
        }
    }
    let mins: Vec<[f64; 4]> = t.into_iter().map(|ph| ph.map(|v| us(stats(v).0) / 1000.0)).collect();
    for (k, name) in PHASES.iter().enumerate() {
        let row: Vec<String> = sizes.iter().zip(&mins).map(|(n, m)| format!("{}k {:.2} ms", n / 1000, m[k])).collect();
        let growth: Vec<String> = mins
            .windows(2)
            .zip(sizes.windows(2))
            .map(|(m, n)| {
                let doublings = (n[1] as f64 / n[0] as f64).log2();
                format!("x{:.2}", (m[1][k] / m[0][k]).powf(1.0 / doublings))
            })
            .collect();
        println!("{name:>12}: {} | per doubling {}", row.join(", "), growth.join(", "));
    }
    // The rules after the index: the whole validation less the parse and the index.
    let rest: Vec<String> =
        sizes.iter().zip(&mins).map(|(n, m)| format!("{}k {:.2} ms", n / 1000, m[3] - m[2])).collect();
    println!("{:>12}: {}", "rules", rest.join(", "));
}

/// Memory one validation uses per size: the peak of bytes live at once above what was live
/// before the call, and every byte allocated during it, for a fresh call (`validate`) and for a
/// [`gom_core::Validator`] that validated a bundle of that size before.
fn memory() {
    let opts = Options::default();
    let mut reused = gom_core::Validator::new(opts);
    for n in [1_000usize, 10_000, 50_000, 100_000] {
        let src = gom_harness::gen::bundle_with_refs(n / 2);
        let (peak, total) = peak_of(&mut || {
            black_box(validate(black_box(&src), &opts).diagnostics.len());
        });
        black_box(reused.validate(&src).diagnostics.len());
        let (rpeak, rtotal) = peak_of(&mut || {
            black_box(reused.validate(black_box(&src)).diagnostics.len());
        });
        println!(
            "{n} refs ({:.1} MB of text): validate peak {:.1} MB, allocated {:.1} MB | Validator (warm) peak {:.1} MB, allocated {:.1} MB, retained {:.1} MB",
            mb(src.len()),
            mb(peak),
            mb(total),
            mb(rpeak),
            mb(rtotal),
            mb(reused.retained_bytes())
        );
    }
}

/// Values per byte of text (what the node arena is presized from) for the bench bundles, the
/// upstream fixtures and the generated bundles.
fn density() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    if let Some(d) = gom_harness::shared_dir() {
        let ls = |dir: std::path::PathBuf| {
            std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>()
        };
        let mut dirs = vec![d.join("bench/bundles")];
        dirs.extend(ls(d.join("research/fixtures/genomics-ig")).into_iter().filter(|p| p.is_dir()));
        for dir in dirs {
            files.extend(ls(dir).into_iter().filter(|p| p.extension().is_some_and(|x| x == "json")));
        }
    }
    files.sort();
    let mut rows: Vec<(String, usize, usize)> = files
        .iter()
        .filter_map(|p| {
            let src = std::fs::read_to_string(p).ok()?;
            let n = gom_core::json::Doc::parse(&src).ok()?.len();
            Some((p.file_name()?.to_str()?.to_owned(), src.len(), n))
        })
        .collect();
    for n in [1_000usize, 100_000] {
        let src = gom_harness::gen::bundle_with_refs(n / 2);
        let nodes = gom_core::json::Doc::parse(&src).map(|d| d.len()).unwrap_or_default();
        rows.push((format!("generated {n} refs"), src.len(), nodes));
    }
    let mut per: Vec<f64> = rows.iter().map(|r| r.1 as f64 / r.2.max(1) as f64).collect();
    for ((name, bytes, nodes), b) in rows.iter().zip(&per) {
        println!("{name}: {bytes} bytes, {nodes} values, {b:.1} bytes per value");
    }
    per.sort_by(f64::total_cmp);
    if let (Some(lo), Some(hi)) = (per.first(), per.last()) {
        println!("{} files: bytes per value min {lo:.1}, median {:.1}, max {hi:.1}", per.len(), per[per.len() / 2]);
    }
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let what = std::env::args().nth(2).unwrap_or_else(|| "all".into());
    let opts = Options::default();
    if what == "gom" {
        let src = gom_harness::shared_dir()
            .and_then(|d| std::fs::read_to_string(d.join("bench/bundles/valid.json")).ok())
            .unwrap_or_default();
        for _ in 0..rounds * 100 {
            black_box(validate(black_box(&src), &opts).diagnostics.len());
        }
        return;
    }
    if let Some(path) = what.strip_prefix("file=") {
        // Validates one file ROUNDS times: a steady loop to profile a large bundle with callgrind.
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let mut findings = 0;
        for _ in 0..rounds {
            findings = black_box(validate(black_box(&src), &opts).diagnostics.len());
        }
        eprintln!("{path}: {findings} findings");
        return;
    }
    if let Some(n) = what.strip_prefix("gen=").and_then(|n| n.parse::<usize>().ok()) {
        // Writes a generated bundle of N references to stdout, to profile with `file=PATH`.
        print!("{}", gom_harness::gen::bundle_with_refs(n / 2));
        return;
    }
    if what == "mem" {
        memory();
        return;
    }
    if what == "density" {
        density();
        return;
    }
    if what == "scale-phases" {
        scale_phases(rounds);
        return;
    }
    if what == "bundles" {
        // Every bench bundle, each interleaved with serde_json's parse of the same text.
        let dir = gom_harness::shared_dir().map(|d| d.join("bench/bundles"));
        let mut files: Vec<_> = dir
            .and_then(|d| std::fs::read_dir(d).ok())
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let src = std::fs::read_to_string(&path).unwrap_or_default();
            let mut serde = || {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(&src)).map(|v| v.is_object()).ok());
            };
            let mut gom = || {
                black_box(validate(black_box(&src), &opts).diagnostics.len());
            };
            let [s, g] = interleaved(rounds, 100, &mut serde, &mut gom);
            println!(
                "{}: serde min {:.2} us | gom min {:.2} us median {:.2} us | ratio min {:.2}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
                us(s.0),
                us(g.0),
                us(g.1),
                us(g.0) / us(s.0)
            );
        }
        return;
    }
    if what == "all" || what == "valid" || what == "phases" {
        let Some(src) =
            gom_harness::shared_dir().and_then(|d| std::fs::read_to_string(d.join("bench/bundles/valid.json")).ok())
        else {
            eprintln!("notice: ../shared/bench/bundles/valid.json is absent");
            return;
        };
        let mut serde = || {
            black_box(serde_json::from_str::<serde_json::Value>(black_box(&src)).map(|v| v.is_object()).ok());
        };
        let mut gom = || {
            black_box(validate(black_box(&src), &opts).diagnostics.len());
        };
        let (sa, sr) = count(&mut serde);
        let (ga, gr) = count(&mut gom);
        println!("valid.json: allocations per call: serde {sa} (+{sr} reallocations) | gom {ga} (+{gr} reallocations)");
        if what == "phases" {
            // Where the time goes: the parse alone, the parse and the index, the whole validation.
            let mut parse = || {
                black_box(gom_core::json::Doc::parse(black_box(&src)).map(|d| d.len()).ok());
            };
            let mut index = || {
                let d = gom_core::json::Doc::parse(black_box(&src)).ok();
                black_box(d.map(|d| gom_core::refs::BundleIndex::build(d.root()).references().len()));
            };
            println!(
                "valid.json: allocations per call: parse {} | parse+index {} | validate {}",
                count(&mut parse).0,
                count(&mut index).0,
                count(&mut gom).0
            );
            let [p, i] = interleaved(rounds, 100, &mut parse, &mut index);
            let [s, g] = interleaved(rounds, 100, &mut serde, &mut gom);
            println!(
                "valid.json phases (min): serde {:.2} us | parse {:.2} us | parse+index {:.2} us | validate {:.2} us",
                us(s.0),
                us(p.0),
                us(i.0),
                us(g.0)
            );
            return;
        }
        let [s, g] = interleaved(rounds, 100, &mut serde, &mut gom);
        println!(
            "valid.json: serde min {:.2} us median {:.2} us | gom min {:.2} us median {:.2} us | ratio min {:.2} median {:.2}",
            us(s.0),
            us(s.1),
            us(g.0),
            us(g.1),
            us(g.0) / us(s.0),
            us(g.1) / us(s.1)
        );
    }
    if what == "all" || what == "scale" {
        // Sizes interleaved round by round (each round validates every size once, and parses it
        // with serde_json), so a change in the machine's load touches all sizes alike; the
        // ratio per doubling compares minima over the rounds. Each size is validated twice a
        // round: by a `Validator` kept for that size (what a process validating many bundles
        // uses: its buffers are reused) and by the stateless `validate` (fresh memory per call).
        let sizes = [12_500usize, 25_000, 50_000, 100_000];
        let srcs: Vec<String> = sizes.iter().map(|n| gom_harness::gen::bundle_with_refs(n / 2)).collect();
        let mut validators: Vec<gom_core::Validator> = sizes.iter().map(|_| gom_core::Validator::new(opts)).collect();
        // On a shared machine the wall clock also counts the time other processes held the CPU;
        // where Linux reports this thread's own CPU time, that is what is compared.
        let cpu = on_cpu().is_some();
        let time = cpu_time;
        println!("scale: {} time per validation", if cpu { "this thread's CPU" } else { "wall-clock" });
        let mut t: Vec<[Vec<Duration>; 3]> = vec![Default::default(); sizes.len()];
        for _ in 0..(rounds / 20).max(5) {
            for (i, src) in srcs.iter().enumerate() {
                let v = &mut validators[i];
                t[i][0].push(time(&mut || {
                    black_box(v.validate(black_box(src)).diagnostics.len());
                }));
                t[i][1].push(time(&mut || {
                    black_box(validate(black_box(src), &opts).diagnostics.len());
                }));
                t[i][2].push(time(&mut || {
                    black_box(serde_json::from_str::<serde_json::Value>(black_box(src)).map(|v| v.is_object()).ok());
                }));
            }
        }
        let mut last: Option<[(f64, f64); 2]> = None;
        for (n, [v, g, s]) in sizes.iter().zip(t) {
            let [(vmin, vmed), (gmin, gmed), (smin, _)] = [stats(v), stats(g), stats(s)].map(|(a, b)| (us(a), us(b)));
            println!(
                "{n} refs: serde min {smin:.0} us | Validator (reused) min {vmin:.0} us median {vmed:.0} us ({:.0} ns/ref){} | validate (fresh) min {gmin:.0} us median {gmed:.0} us{} | Validator/serde {:.2}",
                vmin * 1000.0 / *n as f64,
                last.map(|l| format!(" x{:.2} per doubling (medians x{:.2})", vmin / l[0].0, vmed / l[0].1))
                    .unwrap_or_default(),
                last.map(|l| format!(" x{:.2} per doubling (medians x{:.2})", gmin / l[1].0, gmed / l[1].1))
                    .unwrap_or_default(),
                vmin / smin,
            );
            last = Some([(vmin, vmed), (gmin, gmed)]);
        }
    }
}
