//! Reading a server's answer to a transaction: `status(2 bytes) body`.
#![no_main]

use gom_core::response::read_answer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (0, data),
    };
    let body = String::from_utf8_lossy(body);
    let a = read_answer(status, &body);
    assert_eq!(a.http_status, status);
    let _ = a.accepted();
    let _ = a.order();
    for e in &a.entries {
        let _ = e.ok();
        if let Some(r) = e.reference() {
            assert!(!r.contains("/_history"), "a reference with its version: {r}");
        }
    }
    for (_, i) in a.all_issues() {
        let _ = (i.is_error(), i.text());
    }
    let _ = serde_json::to_string(&a);
});
