//! Composing an order: any draft (as the portal's JSON) → field checks → a transaction Bundle,
//! which the validator then reads.
#![no_main]

use gom_core::compose::{check_draft, compose_with, Catalogue, CounterIds, Draft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(draft) = serde_json::from_slice::<Draft>(data) else { return };
    let _ = check_draft(&draft, "2026-05-02T15:42:10Z");
    let composed = compose_with(&draft, &Catalogue::builtin(), &mut CounterIds::new(), "2026-05-02T15:42:10Z");
    let text = composed.bundle.to_string();
    let report = gom_core::validate(&text, &gom_core::Options::default());
    let _ = report.to_operation_outcome();
});
