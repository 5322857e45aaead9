//! The narrative checker (txt-1, txt-2) and its plain-text rendering.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let div = String::from_utf8_lossy(data);
    let n = gom_core::narrative::check(&div);
    for f in &n.findings {
        assert!(
            f.start <= f.end && f.end as usize <= div.len(),
            "finding {}..{} outside {}",
            f.start,
            f.end,
            div.len()
        );
        let _ = f.to_diagnostic();
    }
    assert!(n.findings.len() <= gom_core::narrative::MAX_FINDINGS + 1);
    let _ = n.is_safe();
    let _ = gom_core::narrative::plain_text(&div);
});
