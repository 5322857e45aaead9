//! The CloudEvents SQL conformance suite (`../shared/research/cesql-tck/`, 18 files, 275 cases)
//! run in the `cesql` dialect. A case either passes or is listed, with its reason, in
//! `tests/cesql-expected-failures.txt`; a listed case that passes fails the suite too, so the
//! list never goes stale.

use std::collections::BTreeMap;

use gom_core::criteria::{evaluate, AttrValue, Attributes, Dialect, ErrorKind, Value};
use serde_yaml::Value as Y;

fn attr(v: &Y) -> AttrValue {
    match v {
        Y::Bool(b) => AttrValue::Bool(*b),
        Y::Number(n) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => AttrValue::Int(n),
            None => AttrValue::str(n.to_string()),
        },
        Y::String(s) => AttrValue::str(s.as_str()),
        Y::Null => AttrValue::Null,
        other => AttrValue::str(serde_yaml::to_string(other).unwrap_or_default().trim().to_owned()),
    }
}

/// The case's event: `event` as given, or a minimal valid event with `eventOverrides` applied.
fn event(case: &Y) -> Attributes {
    let mut a = Attributes::new();
    if let Some(Y::Mapping(m)) = case.get("event") {
        for (k, v) in m {
            a.set(k.as_str().unwrap_or_default(), attr(v));
        }
        return a;
    }
    for (k, v) in [("specversion", "1.0"), ("id", "tck-id"), ("source", "tck-source"), ("type", "tck.type")] {
        a.set_str(k, v);
    }
    if let Some(Y::Mapping(m)) = case.get("eventOverrides") {
        for (k, v) in m {
            a.set(k.as_str().unwrap_or_default(), attr(v));
        }
    }
    a
}

fn expected_value(v: &Y) -> Option<Value> {
    Some(match v {
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => Value::Int(i32::try_from(n.as_i64()?).ok()?),
        Y::String(s) => Value::Str(s.clone()),
        _ => return None,
    })
}

/// A scalar as text: YAML reads the expressions `TRUE` and `0` as a boolean and a number.
fn text(v: Option<&Y>) -> Option<String> {
    match v? {
        Y::String(s) => Some(s.clone()),
        Y::Bool(b) => Some(b.to_string()),
        Y::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Runs one case; `Err` says what differs.
fn run(case: &Y) -> Result<(), String> {
    let expr = text(case.get("expression")).ok_or("no expression")?;
    let got = evaluate(&expr, Dialect::Cesql, &event(case));
    if let Some(want) = case.get("result") {
        let want = expected_value(want).ok_or("unreadable result")?;
        if got.value != want {
            return Err(format!("value {:?}, expected {:?} (errors {:?})", got.value, want, got.errors.names()));
        }
    }
    match case.get("error").and_then(Y::as_str) {
        Some(kind) => {
            let kind = ErrorKind::from_name(kind).ok_or_else(|| format!("unknown error kind {kind}"))?;
            if !got.errors.contains(kind) {
                return Err(format!("errors {:?}, expected {kind}", got.errors.names()));
            }
        }
        None if !got.errors.is_empty() => return Err(format!("unexpected errors {:?}", got.errors.names())),
        None => {}
    }
    Ok(())
}

fn expected_failures() -> BTreeMap<String, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cesql-expected-failures.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" | ").map(|(k, r)| (k.trim().to_owned(), r.trim().to_owned())))
        .collect()
}

#[test]
fn cesql_tck() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared is absent; the CESQL TCK was not run");
        return;
    };
    let dir = shared.join("research/cesql-tck");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the TCK folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let allowed = expected_failures();
    let (mut total, mut passed) = (0, 0);
    let mut problems = Vec::new();
    for f in &files {
        let doc: Y = serde_yaml::from_str(&std::fs::read_to_string(f).expect("readable")).expect("valid YAML");
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        for case in doc.get("tests").and_then(Y::as_sequence).expect("a tests list") {
            total += 1;
            let name = text(case.get("name")).unwrap_or_default();
            let key = format!("{file} / {name}");
            match (run(case), allowed.contains_key(&key)) {
                (Ok(()), false) => passed += 1,
                (Ok(()), true) => problems.push(format!("{key}: passes but is listed as an expected failure")),
                (Err(_), true) => {}
                (Err(e), false) => problems.push(format!("{key}: {e}")),
            }
        }
    }
    eprintln!("CESQL TCK: {passed} of {total} cases pass, {} expected failures", allowed.len());
    assert_eq!(files.len(), 18, "the TCK has 18 files");
    assert_eq!(total, 275, "the TCK has 275 cases");
    assert!(problems.is_empty(), "{} TCK problems:\n{}", problems.len(), problems.join("\n"));
}
