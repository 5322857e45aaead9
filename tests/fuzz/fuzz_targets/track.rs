//! Following an order: Tasks and orders from a search result, the ServiceRequest's view, and the
//! timeline of `_history` Bundles (`search \0 history \0 history`).
#![no_main]

use gom_core::track;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::parts(data, 3);
    let rows = track::tasks(&p[0]);
    for r in &rows {
        assert!(!r.label.is_empty(), "a Task row without a label");
    }
    let _ = serde_json::to_string(&rows);
    let _ = serde_json::to_string(&track::orders(&p[0]));
    let _ = track::report_ids(&p[0]);
    let _ = serde_json::to_string(&track::order_view(&p[0]));
    let changes = track::timeline(&[&p[1], &p[2], &p[0]]);
    for c in &changes {
        assert!(!c.what.is_empty(), "a change that says nothing");
    }
    let _ = serde_json::to_string(&changes);
});
