//! The lab simulator: plays the performing lab against the broker, so a demo shows the whole
//! loop from order to report. The broker spins up each active order's Tasks; each step, for
//! every active order (or one given order), the lab:
//! - moves each Task it may act on one state on: requested → accepted → in-progress →
//!   completed. Tasks in `draft` wait for the broker, which moves them to `requested` when the
//!   stage before them along the NGTP order completes; closed ones stay. So an order's Tasks
//!   advance stage by stage, three steps per stage;
//! - once `produce-final-report` is completed, posts the result: a final DiagnosticReport with
//!   variant Observations and a PDF.
//!
//! It goes through the same broker functions as HTTP clients (transactions, PUT with If-Match)
//! as the filler that owns each Task, so it meets the same validation and workflow rules.
//!
//! `POST /lab/step[?order=<ServiceRequest id>]` runs one step and lists what it did.

pub mod demo;
pub mod pdf;
pub mod samples;

use std::sync::{Arc, Mutex, PoisonError};

use gom_core::rules::server as r;
use serde_json::{json, Value};

use crate::serve::fhir::seams::Caller;
use crate::serve::fhir::{now, parse_query, time, Broker, Incoming, Reply};

/// Orders one step looks at, at most.
const MAX_ORDERS: usize = 200;
/// One step at a time, so two concurrent steps never both post an order's report.
static STEPPING: Mutex<()> = Mutex::new(());

pub fn serve(b: &Broker, req: &Incoming) -> Reply {
    if req.method != "POST" {
        return Reply::issue(405, r::METHOD_NOT_ALLOWED, "`/lab/step` takes POST").with_header("Allow", "POST");
    }
    let pairs = match parse_query(&req.query) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let order = pairs.iter().find(|(k, _)| k == "order").map(|(_, v)| v.as_str());
    match step(b, order) {
        Ok(actions) => Reply::ok(json!({
            "resourceType": "Parameters",
            "parameter": actions.iter().map(|a| json!({"name": "action", "valueString": a})).collect::<Vec<_>>()
        })),
        Err(e) => e,
    }
}

/// Runs one step over every active order, or only `order` (a ServiceRequest id). Returns a
/// line per action taken.
pub fn step(b: &Broker, order: Option<&str>) -> Result<Vec<String>, Reply> {
    let _one = STEPPING.lock().unwrap_or_else(PoisonError::into_inner);
    let orders: Vec<Arc<Value>> = {
        let inner = b.read();
        let all = inner.store.of_type("ServiceRequest");
        all.into_iter()
            .filter(|sr| sr["status"] == "active" && order.is_none_or(|id| sr["id"] == id))
            .take(MAX_ORDERS)
            .cloned()
            .collect()
    };
    if let Some(id) = order {
        if orders.is_empty() {
            return Err(Reply::issue(404, r::NOT_FOUND, format!("There is no active `ServiceRequest/{id}`")));
        }
    }
    let mut actions = Vec::new();
    for sr in &orders {
        step_order(b, sr, &mut actions)?;
    }
    Ok(actions)
}

fn step_order(b: &Broker, sr: &Value, actions: &mut Vec<String>) -> Result<(), Reply> {
    let sr_ref = format!("ServiceRequest/{}", sr["id"].as_str().unwrap_or_default());
    let linked =
        |rtype: &str| -> Vec<Arc<Value>> { b.read().store.referring(rtype, &[&sr_ref]).into_iter().cloned().collect() };
    let tasks = linked("Task");
    if tasks.is_empty() {
        actions.push(format!("{sr_ref}: no Tasks to work on (the broker spun none up)"));
        return Ok(());
    }
    for task in &tasks {
        let status = task["status"].as_str().unwrap_or_default();
        let Some(next) = next_status(status) else { continue };
        let id = task["id"].as_str().unwrap_or_default();
        let owner = task["owner"]["identifier"]["value"].as_str().unwrap_or(samples::LAB_ODS);
        let version = crate::serve::fhir::version_of(task);
        let body = to_bytes(&moved(task, next));
        match b.update_resource("Task", id, &body, Some(version), &Caller::filler(owner)) {
            Ok(_) => actions.push(format!("Task/{id} ({}): {status} -> {next}", code_of(task))),
            // Someone else moved it meanwhile: leave it for the next step.
            Err(e) if e.status == 412 => actions.push(format!("Task/{id}: changed by someone else, skipped")),
            Err(e) => return Err(e),
        }
    }
    let tasks = linked("Task");
    if report_due(&tasks) && linked("DiagnosticReport").is_empty() {
        let specimens: Vec<String> =
            linked("Specimen").iter().filter_map(|s| s["id"].as_str().map(str::to_owned)).collect();
        let reply = b.transaction_bytes(&to_bytes(&samples::result_bundle(sr, &specimens, &now())));
        let loc = created(&reply)?;
        actions.push(format!("{loc}: final report posted for {sr_ref}"));
    }
    Ok(())
}

/// The lab's next move for a Task it owns; `None` while the Task waits for the broker (`draft`)
/// or is closed.
fn next_status(status: &str) -> Option<&'static str> {
    match status {
        "requested" => Some("accepted"),
        "accepted" => Some("in-progress"),
        "in-progress" => Some("completed"),
        _ => None,
    }
}

/// The Task moved to `next`, with what the GMS rules ask for: a later `lastModified`, the
/// execution period, and a business status when the order's processing starts.
fn moved(task: &Value, next: &str) -> Value {
    let mut t = Value::clone(task);
    let now = time::after(task["lastModified"].as_str());
    t["status"] = json!(next);
    t["lastModified"] = json!(now);
    let mut period = task.get("executionPeriod").filter(|p| p.is_object()).cloned().unwrap_or_else(|| json!({}));
    match next {
        "in-progress" => {
            if code_of(task) == "process-genomic-test-request" {
                t["businessStatus"] =
                    json!({"coding": [{"system": samples::BUSINESS_STATUS, "code": "sample-received"}]});
            }
            period["start"] = json!(now);
            t["executionPeriod"] = period;
        }
        "completed" => {
            period["end"] = json!(now);
            t["executionPeriod"] = period;
        }
        _ => {}
    }
    t
}

fn code_of(task: &Value) -> &str {
    task["code"]["coding"][0]["code"].as_str().unwrap_or("no code")
}

/// The report is issued once `produce-final-report` is completed, or, for an order without that
/// Task, once every Task is closed and one completed.
fn report_due(tasks: &[Arc<Value>]) -> bool {
    let completed = |t: &Arc<Value>| t["status"] == "completed";
    if tasks.iter().any(|t| code_of(t) == "produce-final-report") {
        return tasks.iter().any(|t| code_of(t) == "produce-final-report" && completed(t));
    }
    let closed = |t: &Arc<Value>| {
        matches!(t["status"].as_str(), Some("completed" | "cancelled" | "rejected" | "failed" | "entered-in-error"))
    };
    tasks.iter().all(closed) && tasks.iter().any(completed)
}

fn to_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

/// The location of the first entry of a successful transaction, or the failure itself.
fn created(reply: &Reply) -> Result<String, Reply> {
    if reply.status != 200 {
        return Err(reply.clone());
    }
    Ok(reply.body["entry"][0]["response"]["location"].as_str().unwrap_or_default().to_owned())
}
