//! A bounded load test on loopback: 4 clients × 50 orders, each order (for which the broker
//! spins up ten Tasks) followed by two updates of its coordinating Task by the lab, with
//! If-Match, with a hard cap of 30 s. Checks that nothing is lost or duplicated and nothing
//! answers 5xx; prints throughput and latency percentiles.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use gom_harness::serve::fhir::now;

use crate::client::{agent, config, request, serve_with, temp_dir};
use crate::order;

const CLIENTS: u64 = 4;
const ORDERS_PER_CLIENT: u64 = 50;
const TIME_CAP: Duration = Duration::from_secs(30);

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    statuses: Vec<u16>,
    orders: Vec<(String, String)>,
    tasks: Vec<String>,
}

#[test]
fn concurrent_orders_and_task_updates_lose_and_duplicate_nothing() {
    let dir = temp_dir("load");
    let s = serve_with(config(Some(&dir)));
    let base = s.base.clone();
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let deadline = started + TIME_CAP;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (base, tally) = (base.clone(), Arc::clone(&tally));
            std::thread::spawn(move || {
                let agent = agent();
                let call = |method: &str, path: &str, headers: &[(&str, &str)], body: Option<&Value>| {
                    let bytes = body.map(|b| serde_json::to_vec(b).unwrap());
                    let t0 = Instant::now();
                    let r = request(&agent, &base, method, path, headers, bytes.as_deref()).expect("answer");
                    let mut t = tally.lock().unwrap();
                    t.latencies.push(t0.elapsed());
                    t.statuses.push(r.status);
                    r
                };
                let json_ct = ("Content-Type", "application/fhir+json");
                for i in 0..ORDERS_PER_CLIENT {
                    if Instant::now() > deadline {
                        break;
                    }
                    let o = order(c * 100 + i);
                    let local = o["entry"][2]["resource"]["identifier"][0]["value"].as_str().unwrap().to_owned();
                    let r = call("POST", "", &[json_ct], Some(&o));
                    assert_eq!(r.status, 200, "{}", r.body);
                    let sr = r.location_of("ServiceRequest");
                    let found = call("GET", &format!("Task?focus={sr}&code=process-genomic-test-request"), &[], None);
                    let mut body = found.resources()[0].clone();
                    assert_eq!(body["status"], "requested");
                    let task_id = format!("Task/{}", body["id"].as_str().unwrap());
                    for (v, status) in [(1, "accepted"), (2, "in-progress")] {
                        body["status"] = json!(status);
                        body["lastModified"] = json!(now());
                        let tag = format!("W/\"{v}\"");
                        let h = [json_ct, ("If-Match", &tag), ("X-Gom-Role", "filler"), ("X-Gom-Actor", "RJ1")];
                        let p = call("PUT", &task_id, &h, Some(&body));
                        assert_eq!(p.status, 200, "{}", p.body);
                    }
                    let mut t = tally.lock().unwrap();
                    t.orders.push((sr, local));
                    t.tasks.push(task_id);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("client thread");
    }
    let elapsed = started.elapsed();
    let t = tally.lock().unwrap();
    assert!(elapsed < TIME_CAP + Duration::from_secs(10), "the run overran its cap: {elapsed:?}");
    assert!(t.statuses.iter().all(|s| *s < 500), "a 5xx answer");
    assert!(t.orders.len() as u64 >= CLIENTS * 10, "only {} orders in {elapsed:?}", t.orders.len());
    // Nothing lost, nothing duplicated.
    let all = s.get("ServiceRequest?_count=1000");
    assert_eq!(all.total() as usize, t.orders.len());
    for (sr, local) in &t.orders {
        let found = s.get(&format!("ServiceRequest?identifier={local}"));
        assert_eq!(found.total(), 1, "{local}");
        assert_eq!(format!("ServiceRequest/{}", found.resources()[0]["id"].as_str().unwrap()), *sr);
    }
    assert_eq!(s.get("Task?status=in-progress&_count=0").total() as usize, t.tasks.len());
    assert_eq!(s.get("Task?_count=0").total() as usize, t.tasks.len() * 10, "ten spun-up Tasks per order");
    for task in &t.tasks {
        assert_eq!(s.get(task).etag.as_deref(), Some("W/\"3\""), "{task}");
    }
    let mut lat = t.latencies.clone();
    lat.sort();
    let pct = |p: f64| lat.get(((lat.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default();
    println!(
        "load: {} clients, {} orders ({} requests, {} commits) in {:.2} s: {:.0} requests/s, {:.0} commits/s; \
         latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        CLIENTS,
        t.orders.len(),
        lat.len(),
        t.orders.len() * 3,
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64(),
        (t.orders.len() * 3) as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    s.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
