//! `--demo`: an empty store gets two orders, so every page of the portal has something to
//! show: one carried through to a final report with every Task closed, one in progress. The
//! broker spins up each order's Tasks; the lab simulator moves them on. A store that already
//! holds data (a restart on the same `--data`) is left alone.

use serde_json::Value;

use super::samples::{order_bundle, OrderSpec};
use super::step;
use crate::serve::fhir::{Broker, Reply};

/// Steps are bounded: 10 stages of three moves each finish an order well within this.
const MAX_STEPS: usize = 64;
/// Steps for the order left in progress: its first stage completed (3 steps), the next
/// accepted and started.
const STEPS_TO_IN_PROGRESS: usize = 5;

pub fn seed(b: &Broker) -> Result<(), String> {
    if !b.read().store.is_empty() {
        return Ok(());
    }
    // Sample 0 asks for R67.2 (hearing loss), which the simulator's GJB2 result fits.
    let reported = submit(b, &OrderSpec::sample(0))?;
    let mut steps = 0;
    while !finished(b, &reported) {
        if steps == MAX_STEPS {
            return Err(format!("the demo order ServiceRequest/{reported} was not finished in {MAX_STEPS} lab steps"));
        }
        step(b, Some(&reported)).map_err(explain)?;
        steps += 1;
    }
    let in_progress = submit(b, &OrderSpec::sample(2))?;
    for _ in 0..STEPS_TO_IN_PROGRESS {
        step(b, Some(&in_progress)).map_err(explain)?;
    }
    eprintln!(
        "gom-harness: demo orders ServiceRequest/{reported} (final report, {steps} lab steps) and ServiceRequest/{in_progress} (in progress)"
    );
    Ok(())
}

/// The order has its report and no Task left open.
fn finished(b: &Broker, order: &str) -> bool {
    let inner = b.read();
    let sr = format!("ServiceRequest/{order}");
    let refers = |v: &Value| v["reference"].as_str() == Some(sr.as_str());
    let reported = inner
        .store
        .of_type("DiagnosticReport")
        .iter()
        .any(|d| d["basedOn"].as_array().is_some_and(|a| a.iter().any(refers)));
    let tasks: Vec<_> = inner.store.of_type("Task").into_iter().filter(|t| refers(&t["focus"])).collect();
    let open = tasks.iter().any(|t| {
        !matches!(t["status"].as_str(), Some("completed" | "cancelled" | "failed" | "rejected" | "entered-in-error"))
    });
    reported && !tasks.is_empty() && !open
}

/// Posts an order and returns its ServiceRequest id.
fn submit(b: &Broker, spec: &OrderSpec) -> Result<String, String> {
    let reply = b.transaction_bytes(&serde_json::to_vec(&order_bundle(spec)).unwrap_or_default());
    if reply.status != 200 {
        return Err(explain(reply));
    }
    let entries = reply.body["entry"].as_array().cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| e["response"]["location"].as_str())
        .find_map(|l| l.strip_prefix("ServiceRequest/").and_then(|rest| rest.split('/').next()).map(str::to_owned))
        .ok_or_else(|| "the demo order created no ServiceRequest".to_owned())
}

fn explain(reply: Reply) -> String {
    let body: &Value = &reply.body;
    format!("demo seeding failed with HTTP {}: {}", reply.status, body)
}
