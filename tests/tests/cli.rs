//! The `gom-harness validate` contract labs script against: formats and exit codes 0/1/2.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gom-harness"))
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(rel)
}

/// (exit code, stdout) of `gom-harness validate ARGS`.
fn run(args: &[&str]) -> (i32, String) {
    let out = bin().arg("validate").args(args).output().expect("run gom-harness");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn exit_codes_follow_the_contract() {
    let valid = fixture("reference-dangling/valid/order.json");
    let invalid = fixture("reference-dangling/invalid/specimen.json");
    assert_eq!(run(&[valid.to_str().unwrap()]).0, 0);
    assert_eq!(run(&[invalid.to_str().unwrap()]).0, 1);
    assert_eq!(run(&["/nonexistent/bundle.json"]).0, 2);
    assert_eq!(run(&["--format", "yaml", valid.to_str().unwrap()]).0, 2);
    assert_eq!(run(&["--mode", "sideways", valid.to_str().unwrap()]).0, 2);
    assert_eq!(run(&[]).0, 2);
    // Warnings only: exit 0 by default, 1 in strict mode (the orphan becomes an error).
    let orphan = fixture("orphan-entry/invalid/practitioner.json");
    assert_eq!(run(&[orphan.to_str().unwrap()]).0, 0);
    assert_eq!(run(&["--strict", orphan.to_str().unwrap()]).0, 1);
}

#[test]
fn text_format_is_file_line_col_severity_code_message() {
    let invalid = fixture("reference-dangling/invalid/specimen.json");
    let path = invalid.to_str().unwrap();
    let (code, out) = run(&["--format", "text", path]);
    assert_eq!(code, 1);
    let line = out.lines().next().unwrap();
    assert_eq!(
        line,
        format!("{path}:83:26 error GOM-REF-001 `urn:uuid:6e1d4a40-2b7a-4c55-9b1e-0000000000ff` is the `fullUrl` of no entry in the Bundle")
    );
}

#[test]
fn outcome_and_transaction_response_formats_are_fhir_json() {
    let invalid = fixture("reference-dangling/invalid/specimen.json");
    let (_, out) = run(&[invalid.to_str().unwrap()]);
    let oo: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(oo["resourceType"], "OperationOutcome");
    assert_eq!(oo["issue"][0]["expression"][0], "Bundle.entry[0].resource.specimen[0].reference");
    let (code, out) = run(&["--format", "transaction-response", invalid.to_str().unwrap()]);
    assert_eq!(code, 1);
    let b: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(b["type"], "transaction-response");
    let statuses: Vec<&str> =
        b["entry"].as_array().unwrap().iter().map(|e| e["response"]["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["422 Unprocessable Entity", "200 OK", "200 OK", "200 OK"]);
}

#[test]
fn standard_input_and_invalid_utf8() {
    use std::io::Write;
    let mut child = bin()
        .args(["validate", "--format", "text", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"resourceType\":\"Bundle\",\n \"type\":\"\xff\"}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "-:2:10 fatal GOM-JSON-005 Byte 35 is not valid UTF-8");
}

/// (exit code, stdout, stderr) of `gom-harness validate ARGS`.
fn run_all(args: &[&str]) -> (i32, String, String) {
    let out = bin().arg("validate").args(args).output().expect("run gom-harness");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// Several files in one run (a lab's CI over a folder): one Validator reused across them gives
/// each file's lines exactly as a run of its own would, in the order given; the exit code is the
/// worst: 2 when a file could not be read (the rest are still validated), else 1 on any error.
#[test]
fn several_files_in_text_format_answer_as_one_run_each() {
    let files = [
        fixture("reference-dangling/valid/order.json"),
        fixture("reference-dangling/invalid/specimen.json"),
        fixture("orphan-entry/invalid/practitioner.json"),
        fixture("reference-dangling/invalid/specimen.json"),
    ];
    let paths: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let one_each: String = paths.iter().map(|p| run(&["--format", "text", p]).1).collect();
    assert!(one_each.lines().count() > 2, "the fixtures have findings");
    let mut args = vec!["--format", "text"];
    args.extend(&paths);
    let (code, out, _) = run_all(&args);
    assert_eq!((code, out.as_str()), (1, one_each.as_str()));
    // Valid and warnings only: exit 0; strict turns the orphan into an error.
    assert_eq!(run_all(&["--format", "text", paths[0], paths[2]]).0, 0);
    assert_eq!(run_all(&["--format", "text", paths[2], paths[2]]).0, 0);
    assert_eq!(run_all(&["--format", "text", "--strict", paths[2], paths[2]]).0, 1);

    let (code, out, err) = run_all(&["--format", "text", paths[0], "/nonexistent/bundle.json", paths[1]]);
    assert_eq!(code, 2);
    assert_eq!(out, run(&["--format", "text", paths[1]]).1, "the readable files are still validated");
    assert!(err.contains("cannot read `/nonexistent/bundle.json`"), "{err}");

    // One document per run in the JSON formats; `-` only once.
    let (code, out, err) = run_all(&[paths[0], paths[1]]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("several FILEs need `--format text`"), "{err}");
    assert_eq!(run_all(&["--format", "text", "-", "-"]).0, 2);
}
