//! `--demo`: an empty store gets two orders, so every page of the portal has something to
//! show: one carried through to a final report, one with its Task in progress. A store that
//! already holds data (a restart on the same `--data`) is left alone.

use serde_json::Value;

use super::samples::{order_bundle, OrderSpec};
use super::step;
use crate::serve::fhir::{Broker, Reply};

/// Steps the lab takes for the reported order: create Task, accept, start, complete + report.
const STEPS_TO_REPORT: usize = 4;
/// Steps for the order left in progress: create Task, accept, start.
const STEPS_TO_IN_PROGRESS: usize = 3;

pub fn seed(b: &Broker) -> Result<(), String> {
    if !b.read().store.is_empty() {
        return Ok(());
    }
    // Sample 0 asks for R67.2 (hearing loss), which the simulator's GJB2 result fits.
    let reported = submit(b, &OrderSpec::sample(0))?;
    for _ in 0..STEPS_TO_REPORT {
        step(b, Some(&reported)).map_err(explain)?;
    }
    let in_progress = submit(b, &OrderSpec::sample(2))?;
    for _ in 0..STEPS_TO_IN_PROGRESS {
        step(b, Some(&in_progress)).map_err(explain)?;
    }
    eprintln!("gom-harness: demo orders ServiceRequest/{reported} (final report) and ServiceRequest/{in_progress} (in progress)");
    Ok(())
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
