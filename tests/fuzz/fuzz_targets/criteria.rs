//! The criteria language: lexer and parser (through `parse`), printer, linter, compiler and
//! evaluator, in both dialects. Input: `dialect byte, criteria \0 attributes JSON object`.
#![no_main]

use gom_core::criteria::{compile, lint_with, parse, print, Attributes, Dialect};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (sel, body) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let dialect = if sel & 1 == 0 { Dialect::Mns } else { Dialect::Cesql };
    let p = common::parts(body, 2);
    let (src, event) = (&p[0], &p[1]);
    let report = lint_with(src, dialect);
    for d in &report.diagnostics {
        if let Some((s, e)) = d.span {
            assert!(s <= e && e as usize <= src.len(), "lint span {s}..{e} outside {} bytes", src.len());
        }
    }
    match parse(src, dialect) {
        Err(e) => {
            assert!(
                e.start <= e.end && e.end <= src.len(),
                "parse error span {}..{} outside {}",
                e.start,
                e.end,
                src.len()
            );
            let _ = e.column(src);
        }
        Ok(expr) => {
            // The printer round-trips: its output parses, and printing that again changes nothing.
            let printed = print(&expr, dialect);
            let again = parse(&printed, dialect).unwrap_or_else(|e| panic!("printed `{printed}` does not parse: {e}"));
            assert_eq!(print(&again, dialect), printed, "printing is not stable for `{src}`");
        }
    }
    if let Ok(program) = compile(src, dialect) {
        let attrs = serde_json::from_str::<serde_json::Value>(event)
            .map(|v| Attributes::from_json_object(&v))
            .unwrap_or_default();
        let ev = program.evaluate(&attrs);
        let _ = ev.matched();
        let _ = program.matches(&Attributes::new());
    }
});
