//! `gom-harness validate`: the stable CLI contract labs script against (see README).

use std::ffi::OsString;

use gom_core::{validate_bytes, Mode, Options};

use super::{arg_err, read_input};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Outcome,
    Text,
    TransactionResponse,
}

pub fn run(args: Vec<OsString>) -> Result<i32, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut opts = Options::default();
    let mut format = Format::Outcome;
    let mut file: Option<String> = None;
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            Long("mode") => {
                opts.mode = match p.value().map_err(arg_err)?.to_str() {
                    Some("order") => Mode::Order,
                    Some("result") => Mode::Result,
                    Some("inspect") => Mode::Inspect,
                    Some("auto") => Mode::Auto,
                    other => {
                        return Err(format!(
                            "--mode takes order, result, inspect or auto, not `{}`",
                            other.unwrap_or("?")
                        ))
                    }
                }
            }
            Long("strict") => opts.strict = true,
            Long("format") => {
                format = match p.value().map_err(arg_err)?.to_str() {
                    Some("outcome") => Format::Outcome,
                    Some("text") => Format::Text,
                    Some("transaction-response") => Format::TransactionResponse,
                    other => {
                        return Err(format!(
                            "--format takes outcome, text or transaction-response, not `{}`",
                            other.unwrap_or("?")
                        ))
                    }
                }
            }
            Value(v) if file.is_none() => file = Some(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let file = file.ok_or("validate needs a FILE (or `-` for standard input)")?;
    let bytes = read_input(&file)?;
    let report = validate_bytes(&bytes, &opts);
    match format {
        Format::Outcome => println!("{}", pretty(&report.to_operation_outcome())),
        Format::TransactionResponse => {
            let entries = request_entries(&bytes);
            println!("{}", pretty(&report.to_transaction_response(entries, None)));
        }
        Format::Text => {
            for d in &report.diagnostics {
                println!(
                    "{}:{}:{} {} {} {}",
                    file,
                    d.line.unwrap_or(1),
                    d.column.unwrap_or(1),
                    d.severity,
                    d.code,
                    d.message
                );
            }
        }
    }
    Ok(i32::from(report.has_errors()))
}

/// How many entries the Bundle has (0 when it is not one), for the transaction-response.
fn request_entries(bytes: &[u8]) -> usize {
    let Ok(src) = std::str::from_utf8(bytes) else { return 0 };
    gom_core::json::Doc::parse(src).ok().and_then(|d| d.root().get("entry").map(|e| e.len())).unwrap_or(0)
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
