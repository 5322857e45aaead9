//! The report view (what the portal renders of a DiagnosticReport, alone or in any Bundle).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    for view in gom_core::report::report_views(&src) {
        for d in &view.problems {
            if let Some((s, e)) = d.span {
                assert!(s <= e && e as usize <= src.len(), "problem span {s}..{e} outside {} bytes", src.len());
            }
        }
        let _ = serde_json::to_string(&view);
    }
    let _ = gom_core::report::report_view(&src);
});
