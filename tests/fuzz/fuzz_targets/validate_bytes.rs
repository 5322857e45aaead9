//! The bundle validator on raw bytes, as the CLI and the broker receive them (invalid UTF-8 too).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (opt, body) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let report = gom_core::validate_bytes(body, &common::options(opt));
    common::check_report(&report, body.len());
});
