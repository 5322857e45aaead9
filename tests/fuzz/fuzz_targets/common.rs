//! Helpers shared by the fuzz targets (included with `#[path]`, not a module of gom-core).
#![allow(dead_code)]

use gom_core::{Mode, Options, Report};

/// Options chosen by one input byte, so every mode and strictness is fuzzed.
pub fn options(b: u8) -> Options {
    let mode = match b % 4 {
        0 => Mode::Auto,
        1 => Mode::Order,
        2 => Mode::Result,
        _ => Mode::Inspect,
    };
    Options { mode, strict: b & 4 != 0 }
}

/// The invariants every report keeps on any input: a span lies inside the text, every finding
/// with a span has a line and column, the OperationOutcome renders.
pub fn check_report(report: &Report, len: usize) {
    for d in &report.diagnostics {
        if let Some((s, e)) = d.span {
            assert!(s <= e && e as usize <= len, "span {s}..{e} outside a text of {len} bytes: {d:?}");
            assert!(d.line.is_some() && d.column.is_some(), "a span without a line: {d:?}");
        }
        assert!(!d.message.is_empty());
    }
    let _ = report.to_operation_outcome();
}

/// Splits a fuzz input into `n` parts at NUL bytes (missing parts are empty).
pub fn parts(data: &[u8], n: usize) -> Vec<String> {
    let mut out: Vec<String> = data.splitn(n, |b| *b == 0).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
    out.resize(n, String::new());
    out
}
