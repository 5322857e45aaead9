//! Event parsers: the GOMS FHIR notification and CloudEvent forms (check, convert both ways,
//! attributes), the orders-service events of seed 004 and their consumer helpers, and the
//! attributes derived from a FHIR resource.
#![no_main]

use gom_core::events::orders;
use gom_core::events::orders::consumer::{on_vital_status_changed, Deduplicator, PatientOrdering};
use gom_core::events::{self, derive_attributes, genomic_order_event, CloudEvent, ReferenceIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let checked = events::check(&src);
    for d in &checked.report.diagnostics {
        if let Some((s, e)) = d.span {
            assert!(s <= e && e as usize <= src.len());
        }
    }
    if let Some(ce) = &checked.event {
        // A GOMS event converted to the FHIR form and read back keeps the attributes subscribers
        // filter on (the publisher's `filtering` object is never delivered, and other
        // CloudEvent extensions have no place in the FHIR form).
        let fhir = events::to_fhir(ce, None).to_string();
        let back = events::check(&fhir);
        let clean = checked.report.diagnostics.iter().all(|d| !d.severity.is_error());
        if clean && ce.type_ == "genomic-order-event-1" {
            let back = back.event.as_ref().map(CloudEvent::attributes).unwrap_or_default();
            let attrs = ce.attributes();
            for k in ["specversion", "id", "source", "type", "eventType", "time", "subject", "dataref"] {
                assert_eq!(back.get(k), attrs.get(k), "the FHIR round trip changed `{k}` of {src}");
            }
        }
        let _ = events::to_cloudevent(ce).to_string();
    }
    let _ = orders::check(&src);
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&src) {
        let ix = ReferenceIndex::from_bundle(&v);
        let _ = derive_attributes(&v, &ix);
        let _ = genomic_order_event(
            &v,
            &ix,
            "00000000-0000-4000-8000-000000000001",
            "2026-01-01T00:00:00Z",
            "https://x/FHIR/R4",
        );
        let mut dedup = Deduplicator::new();
        let id = v.get("id").and_then(|i| i.as_str()).unwrap_or("");
        let _ = dedup.accept(id, 0);
        let _ = dedup.accept(id, 1);
        let mut order = PatientOrdering::new();
        let _ = order.observe("p", &v);
        let mut n = 0;
        let _ = on_vital_status_changed(
            &v,
            &[],
            || {
                n += 1;
                format!("id-{n}")
            },
            "2026-01-01T00:00:00Z",
        );
    }
});
