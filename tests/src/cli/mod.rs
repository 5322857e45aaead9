//! Command-line entry points. Exit codes: 0 no error, 1 errors found, 2 could not run.

mod event;
mod filter;
mod validate;
mod workflow;

use std::ffi::OsString;

pub const USAGE: &str = "\
gom-harness: GOMS rules from the command line, and a local GOMS broker

USAGE:
  gom-harness validate [--mode auto|order|result|inspect] [--strict] [--format outcome|text|transaction-response] FILE|- [FILE…]
      several FILEs (one Validator, reused) take --format text
  gom-harness transition <ResourceType> <from> <to> [--workflow r4|gms] [--role placer|filler|broker]
  gom-harness update BEFORE.json AFTER.json [--workflow r4|gms] [--role placer|filler|broker] [--actor ODS]
  gom-harness cascade SR_BEFORE.json SR_AFTER.json TASKS.json
  gom-harness conversation STEPS.json [--workflow r4|gms]
  gom-harness serve [--port 8080] [--dist DIR] [--data DIR] [--demo] [--fhir-base URL]
      FHIR R4 API at /FHIR/R4, lab simulator at POST /lab/step; --data keeps a write-ahead log
  gom-harness filter lint [--dialect mns|cesql] [--format outcome|text] '<criteria>'
  gom-harness filter match [--dialect mns|cesql] '<criteria>' EVENTS.ndjson|-
  gom-harness filter eval [--dialect mns|cesql] '<expression>' [--event EVENT.json]
  gom-harness event check FILE|-
  gom-harness event convert --to cloudevent|fhir [--entry-id UUID] FILE|-
  gom-harness version
";

/// Exit code when a command could not run (bad flag, unreadable file).
pub const EXIT_USAGE: i32 = 2;

/// Runs a command line (without the program name) and returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let mut it = args.into_iter();
    let Some(cmd) = it.next() else {
        eprint!("{USAGE}");
        return EXIT_USAGE;
    };
    let rest: Vec<OsString> = it.collect();
    let result = match cmd.to_str() {
        Some("validate") => validate::run(rest),
        Some("transition") => workflow::transition(rest),
        Some("update") => workflow::update(rest),
        Some("cascade") => workflow::cascade(rest),
        Some("conversation") => workflow::conversation(rest),
        Some("filter") => filter::run(rest),
        Some("event") => event::run(rest),
        Some("serve") => crate::serve::run_cli(rest),
        Some("version" | "--version") => {
            println!("gom-harness {}", gom_core::version());
            Ok(0)
        }
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(0)
        }
        _ => Err(format!("unknown command `{}`", cmd.to_string_lossy())),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("gom-harness: {msg}\n\n{USAGE}");
            EXIT_USAGE
        }
    }
}

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    }
}

/// Turns a lexopt error into a message.
pub fn arg_err(e: lexopt::Error) -> String {
    e.to_string()
}
