//! Durability: restarts on the same `--data`, a torn log tail, and `kill -9` during load.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use gom_harness::serve::fhir::time::after;

use crate::client::{agent, config, request, serve_with, temp_dir, Server};
use crate::order;

/// Every resource's `(Type/id, versionId)` and history length, sorted.
fn snapshot(s: &Server) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for t in ["Patient", "PractitionerRole", "ServiceRequest", "Specimen", "Task", "DiagnosticReport", "Observation"] {
        for r in s.get(&format!("{t}?_count=1000")).resources() {
            let id = format!("{t}/{}", r["id"].as_str().unwrap());
            let history = s.get(&format!("{id}/_history")).total();
            out.push((id, r["meta"]["versionId"].as_str().unwrap().to_owned(), history));
        }
    }
    out.sort();
    out
}

#[test]
fn a_restart_on_the_same_data_keeps_every_version_and_ignores_a_torn_tail() {
    let dir = temp_dir("restart");
    let s = serve_with(config(Some(&dir)));
    for n in 0..3 {
        assert_eq!(s.post("", &order(n)).status, 200);
    }
    for _ in 0..5 {
        assert_eq!(s.request("POST", "/lab/step", &[], None).status, 200);
    }
    let before = snapshot(&s);
    assert!(before.len() >= 20, "{before:?}");
    assert!(before.iter().any(|(id, v, h)| id.starts_with("Task/") && v == "4" && *h == 4));
    s.stop();
    // A commit torn by a crash: a length header and half a payload.
    let mut log = std::fs::OpenOptions::new().append(true).open(dir.join("wal.log")).unwrap();
    log.write_all(&[200, 0, 0, 0, 1, 2, 3, 4, b'[', b'{']).unwrap();
    drop(log);
    let s = serve_with(config(Some(&dir)));
    assert_eq!(snapshot(&s), before);
    let extra = s.post("", &order(9));
    assert_eq!(extra.status, 200);
    s.stop();
    let s = serve_with(config(Some(&dir)));
    assert_eq!(s.get(&extra.location_of("ServiceRequest")).status, 200);
    assert_eq!(snapshot(&s).len(), before.len() + 14, "an order of four resources and its ten Tasks");
    s.stop();
    assert!(std::fs::read_dir(&dir).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("wal.torn-")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// What the clients were told was committed.
#[derive(Default)]
struct Acked {
    orders: Vec<String>,
    tasks: Vec<(String, u64)>,
    attempted: usize,
}

#[test]
fn kill_9_during_load_loses_no_acknowledged_commit_and_leaves_nothing_half_written() {
    let dir = temp_dir("kill9");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gom-harness"))
        .args(["serve", "--port", "0", "--dist", "/nonexistent-dist", "--data"])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gom-harness");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.split("FHIR API at ").nth(1) {
                let _ = tx.send(url.trim_end_matches("/FHIR/R4").to_owned());
            }
        }
    });
    let base = rx.recv_timeout(Duration::from_secs(20)).expect("the server prints its address");
    let acked = Arc::new(Mutex::new(Acked::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(20);
    let clients: Vec<_> = (0..4u64)
        .map(|c| {
            let (base, acked, stop, done) = (base.clone(), Arc::clone(&acked), Arc::clone(&stop), Arc::clone(&done));
            std::thread::spawn(move || {
                let agent = agent();
                let post = |body: &Value| {
                    let bytes = serde_json::to_vec(body).unwrap();
                    request(&agent, &base, "POST", "", &[("Content-Type", "application/fhir+json")], Some(&bytes))
                };
                for i in 0..200u64 {
                    if stop.load(Ordering::Relaxed) || Instant::now() > deadline {
                        break;
                    }
                    acked.lock().unwrap().attempted += 1;
                    let Ok(r) = post(&order(1000 + c * 1000 + i)) else { break };
                    assert_eq!(r.status, 200, "{}", r.body);
                    let sr = r.location_of("ServiceRequest");
                    acked.lock().unwrap().orders.push(sr.clone());
                    let query = format!("Task?focus={sr}&code=process-genomic-test-request");
                    let Ok(found) = request(&agent, &base, "GET", &query, &[], None) else { break };
                    let mut body = found.resources()[0].clone();
                    let task_id = format!("Task/{}", body["id"].as_str().unwrap());
                    acked.lock().unwrap().tasks.push((task_id.clone(), 1));
                    body["status"] = json!("accepted");
                    // The server runs in another process, with its own clock: later than the
                    // stored value, whatever the two clocks say.
                    body["lastModified"] = json!(after(body["lastModified"].as_str()));
                    let bytes = serde_json::to_vec(&body).unwrap();
                    let h = [
                        ("Content-Type", "application/fhir+json"),
                        ("If-Match", "W/\"1\""),
                        ("X-Gom-Role", "filler"),
                        ("X-Gom-Actor", "RJ1"),
                    ];
                    let Ok(p) = request(&agent, &base, "PUT", &task_id, &h, Some(&bytes)) else { break };
                    assert_eq!(p.status, 200, "{}", p.body);
                    acked.lock().unwrap().tasks.push((task_id, 2));
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    // Kill the server while the clients are in full flow.
    let wait_until = Instant::now() + Duration::from_secs(15);
    while done.load(Ordering::Relaxed) < 40 && Instant::now() < wait_until {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client thread");
    }
    let acked = acked.lock().unwrap();
    assert!(acked.orders.len() >= 40, "only {} orders acknowledged before the kill", acked.orders.len());
    // Restart on the same data.
    let s = serve_with(config(Some(&dir)));
    for sr in &acked.orders {
        assert_eq!(s.get(sr).status, 200, "acknowledged {sr} lost");
    }
    for (task, v) in &acked.tasks {
        let got = s.get(task);
        assert_eq!(got.status, 200, "acknowledged {task} lost");
        let have: u64 = got.body["meta"]["versionId"].as_str().unwrap().parse().unwrap();
        assert!(have >= *v, "{task} is at version {have}, but version {v} was acknowledged");
    }
    // Nothing half-written: every order that exists came with its Specimen, its Patient and
    // its requester, and every Task's focus exists.
    let orders = s.get("ServiceRequest?_count=1000");
    assert!(orders.total() as usize >= acked.orders.len() && orders.total() as usize <= acked.attempted);
    for sr in orders.resources() {
        let id = format!("ServiceRequest/{}", sr["id"].as_str().unwrap());
        assert_eq!(s.get(&format!("Specimen?request={id}")).total(), 1, "{id} without its Specimen");
        assert_eq!(s.get(&format!("Task?focus={id}&_count=0")).total(), 10, "{id} without its ten Tasks");
        for r in [&sr["subject"]["reference"], &sr["requester"]["reference"]] {
            assert_eq!(s.get(r.as_str().unwrap()).status, 200, "{id} points at a missing {r}");
        }
    }
    for t in s.get("Task?_count=1000").resources() {
        assert_eq!(s.get(t["focus"]["reference"].as_str().unwrap()).status, 200);
    }
    println!(
        "kill -9 test: {} orders and {} task commits acknowledged before the kill; {} orders on restart",
        acked.orders.len(),
        acked.tasks.len(),
        orders.total()
    );
    s.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
