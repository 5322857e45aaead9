//! One `Validator` over a sequence of documents (its buffers kept between them, as the JS
//! `Validator` and a lab's loop use it) must answer each exactly as a fresh `validate` would:
//! an options byte, then up to four documents separated by NUL bytes (JSON text holds none).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (opt, body) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let opts = common::options(opt);
    let mut validator = gom_core::Validator::new(opts);
    for doc in common::parts(body, 4) {
        let reused = validator.validate(&doc);
        assert_eq!(reused, gom_core::validate(&doc, &opts), "a reused Validator differs from a fresh validate");
        common::check_report(&reused, doc.len());
    }
});
