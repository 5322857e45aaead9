//! `gom-harness filter lint|match|eval`: MNS criteria and CESQL from the command line.

use std::ffi::OsString;

use gom_core::criteria::{self, Attributes, Dialect};
use gom_core::events;

use super::{arg_err, read_input};

pub fn run(args: Vec<OsString>) -> Result<i32, String> {
    let mut it = args.into_iter();
    let sub = it.next().and_then(|s| s.into_string().ok()).unwrap_or_default();
    let rest: Vec<OsString> = it.collect();
    match sub.as_str() {
        "lint" => lint(rest),
        "match" => matches(rest),
        "eval" => eval(rest),
        _ => Err(format!("filter needs lint, match or eval, not `{sub}`")),
    }
}

struct Args {
    dialect: Dialect,
    text: bool,
    event: Option<String>,
    positional: Vec<String>,
}

fn parse_args(args: Vec<OsString>) -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut a = Args { dialect: Dialect::Mns, text: false, event: None, positional: Vec::new() };
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            Long("dialect") => {
                let v = p.value().map_err(arg_err)?;
                a.dialect = v
                    .to_str()
                    .and_then(Dialect::from_name)
                    .ok_or_else(|| format!("--dialect takes mns or cesql, not `{}`", v.to_string_lossy()))?;
            }
            Long("format") => {
                a.text = match p.value().map_err(arg_err)?.to_str() {
                    Some("text") => true,
                    Some("outcome") => false,
                    other => return Err(format!("--format takes outcome or text, not `{}`", other.unwrap_or("?"))),
                }
            }
            Long("event") => a.event = Some(p.value().map_err(arg_err)?.to_string_lossy().into_owned()),
            Value(v) => a.positional.push(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    Ok(a)
}

fn lint(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args)?;
    let [src] = a.positional.as_slice() else { return Err("filter lint needs one '<criteria>'".into()) };
    let report = criteria::lint_with(src, a.dialect);
    if a.text {
        for d in &report.diagnostics {
            println!("{}:{} {} {} {}", d.line.unwrap_or(1), d.column.unwrap_or(1), d.severity, d.code, d.message);
        }
    } else {
        println!("{}", serde_json::to_string_pretty(&report.to_operation_outcome()).unwrap_or_default());
    }
    Ok(i32::from(report.has_errors()))
}

/// An event in either form, or a plain object of attributes: its id and attributes.
pub fn event_attributes(text: &str) -> Result<(String, Attributes), String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if v.get("specversion").is_some() || v.get("resourceType").and_then(|r| r.as_str()) == Some("Bundle") {
        let checked = events::check(text);
        let ev = checked.event.ok_or_else(|| {
            checked.report.diagnostics.first().map_or("unreadable event".to_owned(), |d| d.message.clone())
        })?;
        return Ok((ev.id.clone(), ev.attributes()));
    }
    if !v.is_object() {
        return Err("an event must be a JSON object".into());
    }
    let id = v.get("id").and_then(|i| i.as_str()).unwrap_or_default().to_owned();
    Ok((id, Attributes::from_json_object(&v)))
}

fn matches(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args)?;
    let [src, file] = a.positional.as_slice() else {
        return Err("filter match needs '<criteria>' and EVENTS.ndjson".into());
    };
    let program = criteria::compile(src, a.dialect)
        .map_err(|e| format!("the criteria does not parse: {} (column {})", e, e.column(src)))?;
    let bytes = read_input(file)?;
    let text = String::from_utf8_lossy(&bytes);
    // NDJSON, one event per line; a file that is one JSON document (an event, or an array of
    // events such as `events.py` writes) is read whole.
    let events: Vec<(String, String)> = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(items)) => {
            items.iter().enumerate().map(|(i, v)| (format!("item {}", i + 1), v.to_string())).collect()
        }
        Ok(_) => vec![("line 1".to_owned(), text.to_string())],
        Err(_) => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (format!("line {}", n + 1), l.to_owned()))
            .collect(),
    };
    for (place, event) in events {
        match event_attributes(&event) {
            Ok((id, attrs)) => {
                if program.matches(&attrs) {
                    println!("{}", if id.is_empty() { place } else { id });
                }
            }
            Err(e) => eprintln!("gom-harness: {file}: {place}: {e}"),
        }
    }
    Ok(0)
}

fn eval(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args)?;
    let [src] = a.positional.as_slice() else { return Err("filter eval needs one '<expression>'".into()) };
    let attrs = match &a.event {
        Some(f) => {
            let bytes = read_input(f)?;
            event_attributes(&String::from_utf8_lossy(&bytes)).map_err(|e| format!("{f}: {e}"))?.1
        }
        None => Attributes::new(),
    };
    let result = criteria::evaluate(src, a.dialect, &attrs);
    let out = serde_json::json!({"value": result.value.to_json(), "errors": result.errors.names()});
    println!("{out}");
    Ok(0)
}
