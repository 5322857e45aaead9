//! The cascade and spin-up planners: `sr_before \0 sr_after \0 tasks` (JSON texts).
#![no_main]

use gom_core::workflow::{
    due_for_request, plan_cascade, plan_spin_up, request_group_status, specimens_for, tasks_of, Variant,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::parts(data, 3);
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
    let (before, after, tasks) = (parse(&p[0]), parse(&p[1]), parse(&p[2]));
    let task_refs = tasks_of(&tasks);
    let plan = plan_cascade(&before, &after, &task_refs);
    for u in &plan.updates {
        if let Some(t) = task_refs.first() {
            let _ = u.apply(t, "2026-01-01T00:00:00Z");
        }
    }
    let _ = due_for_request(&task_refs);
    let resources: Vec<&Value> = match &tasks {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let specimens = specimens_for(&after, &resources);
    let mut n = 0u32;
    let mut next_id = || {
        n += 1;
        format!("task-{n}")
    };
    for variant in [Variant::General, Variant::Reanalysis, Variant::DnaStorage] {
        let _ = plan_spin_up(&after, &specimens, variant, &mut next_id, "2026-01-01T00:00:00Z");
    }
    let statuses: Vec<&str> = resources.iter().filter_map(|r| r.get("status").and_then(Value::as_str)).collect();
    let _ = request_group_status(&statuses);
});
