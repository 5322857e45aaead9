//! `gom-harness validate`: the stable CLI contract labs script against (see README).
//!
//! Several FILEs (text format) are validated in one process by one `Validator`, which keeps its
//! working memory from one file to the next, as a lab's CI run over a folder wants.

use std::ffi::OsString;

use gom_core::{Mode, Options, Validator};

use super::{arg_err, read_input, EXIT_USAGE};

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
    let mut files: Vec<String> = Vec::new();
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
            Value(v) => files.push(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if files.is_empty() {
        return Err("validate needs a FILE (or `-` for standard input)".into());
    }
    if files.len() > 1 && format != Format::Text {
        return Err("several FILEs need `--format text` (outcome and transaction-response print one document)".into());
    }
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("`-` (standard input) can be given once".into());
    }
    let mut validator = Validator::new(opts);
    let mut code = 0;
    for file in &files {
        let bytes = match read_input(file) {
            Ok(bytes) => bytes,
            // One unreadable file among several: say so, validate the rest, exit 2 at the end.
            Err(msg) if files.len() > 1 => {
                eprintln!("gom-harness: {msg}");
                code = EXIT_USAGE;
                continue;
            }
            Err(msg) => return Err(msg),
        };
        let report = validator.validate_bytes(&bytes);
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
        if report.has_errors() && code == 0 {
            code = 1;
        }
    }
    Ok(code)
}

/// How many entries the Bundle has (0 when it is not one), for the transaction-response.
fn request_entries(bytes: &[u8]) -> usize {
    let Ok(src) = std::str::from_utf8(bytes) else { return 0 };
    gom_core::json::Doc::parse(src).ok().and_then(|d| d.root().get("entry").map(|e| e.len())).unwrap_or(0)
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
