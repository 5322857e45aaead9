//! One fixture folder per rule the validator reports (`gom_core::rules::validator()`):
//! `tests/fixtures/rules/<rule-name>/{valid,invalid}/*.json`.
//!
//! A `valid/` case must not raise the folder's rule; an `invalid/` case must. Beside each case,
//! `<case>.expect` holds every finding the validator reports for it (all rules), one per line:
//! `LINE:COL severity CODE EXPRESSION message`. `UPDATE_EXPECT=1 cargo test --test rules`
//! rewrites them; review the diff. Options come from the file name: `x.strict.json` runs in strict
//! mode, `x.inspect.json` / `x.order.json` / `x.result.json` force a mode.

use std::fs;
use std::path::{Path, PathBuf};

use gom_core::{rules, validate_bytes, Mode, Options, Report};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn options(file: &str) -> Options {
    let mut o = Options::default();
    for part in file.split('.') {
        match part {
            "strict" => o.strict = true,
            "inspect" => o.mode = Mode::Inspect,
            "order" => o.mode = Mode::Order,
            "result" => o.mode = Mode::Result,
            _ => {}
        }
    }
    o
}

/// The expectation text of a report.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}:{} {} {} {} {}\n",
            d.line.unwrap_or(0),
            d.column.unwrap_or(0),
            d.severity,
            d.code,
            d.expression.as_deref().unwrap_or("-"),
            d.message
        ));
    }
    out
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_rule_has_fixtures_and_they_hold() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut counted = (0, 0);
    for rule in rules::validator() {
        let dir = root().join(rule.name);
        let (valid, invalid) = (cases(&dir.join("valid")), cases(&dir.join("invalid")));
        if invalid.is_empty() {
            failures.push(format!("{} ({}): no invalid/ fixture in {}", rule.code, rule.name, dir.display()));
        }
        for (case, must_raise) in valid.iter().map(|c| (c, false)).chain(invalid.iter().map(|c| (c, true))) {
            let name = case.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let bytes = fs::read(case).unwrap_or_default();
            let report = validate_bytes(&bytes, &options(name));
            let raised = report.diagnostics.iter().any(|d| d.code == rule.code);
            if raised != must_raise {
                let what = if must_raise { "does not raise" } else { "raises" };
                failures.push(format!("{}: {what} {} ({})\n{}", case.display(), rule.code, rule.name, render(&report)));
            }
            let text = render(&report);
            let expect = case.with_extension("expect");
            if update {
                fs::write(&expect, &text).unwrap_or_else(|e| panic!("write {}: {e}", expect.display()));
            } else {
                match fs::read_to_string(&expect) {
                    Ok(want) if want == text => {}
                    Ok(want) => failures.push(format!(
                        "{}: findings differ from {}\n--- expected\n{want}--- got\n{text}",
                        case.display(),
                        expect.display()
                    )),
                    Err(_) => {
                        failures.push(format!("{}: no {} (run with UPDATE_EXPECT=1)", case.display(), expect.display()))
                    }
                }
            }
            if must_raise {
                counted.1 += 1;
            } else {
                counted.0 += 1;
            }
        }
    }
    // Folders must name registry rules, so a renamed rule cannot leave stale fixtures behind.
    for e in fs::read_dir(root()).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !rules::validator().any(|r| r.name == name) {
            failures.push(format!("fixture folder `{name}` names no rule the validator reports"));
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(counted.1 >= rules::validator().count(), "{counted:?}");
    eprintln!("rule fixtures: {} valid, {} invalid", counted.0, counted.1);
}
