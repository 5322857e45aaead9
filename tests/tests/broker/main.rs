//! HTTP-level tests of the local GOMS broker (`gom-harness serve`), each against its own
//! server on an ephemeral loopback port.

mod client;
mod errors;
mod events;
mod groups;
mod load;
mod persist;
mod reads;
mod robust;
mod txn;
mod workflow;

use gom_harness::serve::lab::samples::{order_bundle, OrderSpec};
use serde_json::Value;

/// The sample order `n` as a transaction Bundle.
pub fn order(n: u64) -> Value {
    order_bundle(&OrderSpec::sample(n))
}

/// Every string in a JSON value, for "no urn:uuid left" checks.
pub fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(strings).collect(),
        Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}
