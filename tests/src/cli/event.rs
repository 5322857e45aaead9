//! `gom-harness event check|convert`: GOMS notifications (CloudEvent or FHIR) and
//! orders-service events.

use std::ffi::OsString;

use gom_core::events::{self, orders};

use super::{arg_err, read_input};

pub fn run(args: Vec<OsString>) -> Result<i32, String> {
    let mut it = args.into_iter();
    let sub = it.next().and_then(|s| s.into_string().ok()).unwrap_or_default();
    let rest: Vec<OsString> = it.collect();
    match sub.as_str() {
        "check" => check(rest),
        "convert" => convert(rest),
        _ => Err(format!("event needs check or convert, not `{sub}`")),
    }
}

fn read_text(file: &str) -> Result<String, String> {
    String::from_utf8(read_input(file)?).map_err(|e| format!("`{file}` is not UTF-8: {e}"))
}

/// An orders-service event (`type` `clinical.orders.…`), checked against seed 004 instead.
fn is_orders_event(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(|t| t.starts_with("clinical.orders.")))
        .unwrap_or(false)
}

fn check(args: Vec<OsString>) -> Result<i32, String> {
    let mut p = lexopt::Parser::from_args(args);
    let mut file = None;
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            lexopt::Arg::Value(v) if file.is_none() => file = Some(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let file = file.ok_or("event check needs a FILE (or `-`)")?;
    let text = read_text(&file)?;
    let report = if is_orders_event(&text) { orders::check(&text) } else { events::check(&text).report };
    println!("{}", serde_json::to_string_pretty(&report.to_operation_outcome()).unwrap_or_default());
    Ok(i32::from(report.has_errors()))
}

fn convert(args: Vec<OsString>) -> Result<i32, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let (mut to, mut file, mut entry_id) = (None, None, None);
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            Long("to") => to = Some(p.value().map_err(arg_err)?.to_string_lossy().into_owned()),
            Long("entry-id") => entry_id = Some(p.value().map_err(arg_err)?.to_string_lossy().into_owned()),
            Value(v) if file.is_none() => file = Some(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let to = to.ok_or("event convert needs --to cloudevent|fhir")?;
    if to != "cloudevent" && to != "fhir" {
        return Err(format!("--to takes cloudevent or fhir, not `{to}`"));
    }
    let file = file.ok_or("event convert needs a FILE (or `-`)")?;
    let checked = events::check(&read_text(&file)?);
    let Some(ev) =
        checked.event.filter(|_| !checked.report.diagnostics.iter().any(|d| d.severity == gom_core::Severity::Fatal))
    else {
        eprintln!("{}", serde_json::to_string_pretty(&checked.report.to_operation_outcome()).unwrap_or_default());
        return Ok(1);
    };
    let out = if to == "fhir" { events::to_fhir(&ev, entry_id.as_deref()) } else { events::to_cloudevent(&ev) };
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(0)
}
