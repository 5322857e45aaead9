//! Update checks over fixture files: each file holds `options`, `before` and `after`; findings
//! are located in the fixture itself. `valid/` cases must be silent; `invalid/` cases are
//! snapshotted beside each other in `snapshots/`.

use gom_core::json::Doc;
use gom_core::workflow::{check_update_values, UpdateOptions};
use gom_core::Report;

/// One line per finding: `line:col severity code message` and its help.
fn check(src: &str) -> String {
    let doc = Doc::parse(src).expect("fixture is JSON");
    let root = doc.root();
    let opts: UpdateOptions =
        root.get("options").map(|o| serde_json::from_value(o.to_serde()).expect("options")).unwrap_or_default();
    let (before, after) = (root.get("before").expect("before"), root.get("after").expect("after"));
    let found = check_update_values(before, after, &opts);
    let mut report = Report::new(found.updated.into_iter().chain(found.stored).collect());
    report.locate(src);
    report.sort();
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {} {}\n    help: {}",
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.severity,
                d.code,
                d.message,
                d.help
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn valid_updates_are_silent() {
    insta::glob!("../fixtures/workflow/update/valid", "*.json", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        assert_eq!(check(&src), "", "{}", path.display());
    });
}

#[test]
fn invalid_updates() {
    insta::glob!("../fixtures/workflow/update/invalid", "*.json", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let out = check(&src);
        assert!(!out.is_empty(), "{} must produce findings", path.display());
        insta::assert_snapshot!(out);
    });
}
