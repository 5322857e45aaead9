//! The lab simulator: plays the performing lab against the broker, so a demo shows the whole
//! loop from order to report. Each step, for every active order (or one given order):
//! - with no Task yet (no planner spun one up), it creates the coordinating Task, `requested`;
//! - it moves each Task one state on: requested → accepted → in-progress → completed
//!   (Tasks in `draft` wait for the broker; terminal ones stay);
//! - once every Task of the order is finished and one completed, it posts the result: a final
//!   DiagnosticReport with variant Observations and a PDF.
//!
//! It goes through the same broker functions as HTTP clients (transactions, PUT with If-Match),
//! so it meets the same validation and workflow rules.
//!
//! `POST /lab/step[?order=<ServiceRequest id>]` runs one step and lists what it did.

pub mod demo;
pub mod pdf;
pub mod samples;

use std::sync::{Arc, Mutex, PoisonError};

use gom_core::rules::server as r;
use serde_json::{json, Value};

use crate::serve::fhir::search::{at_path, reference_matches};
use crate::serve::fhir::{now, parse_query, Broker, Incoming, Reply};

/// Orders one step looks at, at most.
const MAX_ORDERS: usize = 200;
/// One step at a time, so two concurrent steps never both create an order's first Task.
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
    let linked = |rtype: &str, path: &str| -> Vec<Arc<Value>> {
        let inner = b.read();
        let all = inner.store.of_type(rtype);
        all.into_iter()
            .filter(|res| {
                at_path(res, path)
                    .iter()
                    .any(|l| l["reference"].as_str().is_some_and(|x| reference_matches(x, &sr_ref)))
            })
            .cloned()
            .collect()
    };
    let tasks = linked("Task", "focus");
    let now = now();
    if tasks.is_empty() {
        let reply = b.transaction_bytes(&to_bytes(&samples::lab_task(sr, &now)));
        let loc = created(&reply)?;
        actions.push(format!("{loc}: created for {sr_ref}, requested"));
        return Ok(());
    }
    let mut finished = true;
    let mut completed = false;
    for task in &tasks {
        let status = task["status"].as_str().unwrap_or_default();
        let next = match status {
            "requested" => "accepted",
            "accepted" => "in-progress",
            "in-progress" => "completed",
            "completed" => {
                completed = true;
                continue;
            }
            "cancelled" | "rejected" | "failed" | "entered-in-error" => continue,
            _ => {
                finished = false;
                continue;
            }
        };
        finished = finished && next == "completed";
        completed = completed || next == "completed";
        let mut t = Value::clone(task);
        t["status"] = json!(next);
        t["lastModified"] = json!(now);
        let mut period = task.get("executionPeriod").filter(|p| p.is_object()).cloned().unwrap_or_else(|| json!({}));
        match next {
            "in-progress" => {
                t["businessStatus"] =
                    json!({"coding": [{"system": samples::BUSINESS_STATUS, "code": "sample-received"}]});
                period["start"] = json!(now);
                t["executionPeriod"] = period;
            }
            "completed" => {
                period["end"] = json!(now);
                t["executionPeriod"] = period;
            }
            _ => {}
        }
        let id = task["id"].as_str().unwrap_or_default();
        let version = crate::serve::fhir::version_of(task);
        match b.update_resource("Task", id, &to_bytes(&t), Some(version)) {
            Ok(_) => actions.push(format!("Task/{id}: {status} -> {next}")),
            // Someone else moved it meanwhile: leave it for the next step.
            Err(e) if e.status == 412 => actions.push(format!("Task/{id}: changed by someone else, skipped")),
            Err(e) => return Err(e),
        }
    }
    if finished && completed && linked("DiagnosticReport", "basedOn").is_empty() {
        let specimens: Vec<String> =
            linked("Specimen", "request").iter().filter_map(|s| s["id"].as_str().map(str::to_owned)).collect();
        let reply = b.transaction_bytes(&to_bytes(&samples::result_bundle(sr, &specimens, &now)));
        let loc = created(&reply)?;
        actions.push(format!("{loc}: final report posted for {sr_ref}"));
    }
    Ok(())
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
