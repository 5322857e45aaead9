//! The bundle validator on text, as the portal and the JS API call it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (opt, body) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let src = String::from_utf8_lossy(body);
    let report = gom_core::validate(&src, &common::options(opt));
    common::check_report(&report, src.len());
});
