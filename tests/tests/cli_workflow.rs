//! The workflow commands of the built `gom-harness` binary: output shape and exit codes.

use std::process::Command;

use serde_json::Value as J;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/workflow/cli/");

/// Runs the binary; returns (exit code, stdout as JSON or Null, stderr).
fn run(args: &[&str]) -> (i32, J, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gom-harness")).args(args).output().expect("run gom-harness");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or(J::Null);
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn fix(name: &str) -> String {
    format!("{FIX}{name}")
}

/// The rule codes of the issues in an issues array.
fn codes(issues: &J) -> Vec<String> {
    issues
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["details"]["coding"][0]["code"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn transition_allowed_not_allowed_and_bad_input() {
    for (args, code, allowed, issue_codes) in [
        (&["Task", "requested", "accepted", "--role", "filler"][..], 0, true, &[][..]),
        (&["Task", "accepted", "on-hold"], 0, true, &["GOM-WF-005"]),
        (&["Task", "accepted", "completed"], 1, false, &["GOM-WF-001"]),
        (&["Task", "requested", "accepted", "--role", "placer"], 1, false, &["GOM-WF-004"]),
        (&["Task", "draft", "ready", "--workflow", "r4"], 0, true, &[]),
        (&["Task", "draft", "ready"], 1, false, &["GOM-WF-003"]),
        (&["ServiceRequest", "active", "revoked", "--role", "placer"], 0, true, &["GOM-WF-005"]),
        (&["DiagnosticReport", "final", "preliminary"], 1, false, &["GOM-WF-001"]),
    ] {
        let mut all = vec!["transition"];
        all.extend_from_slice(args);
        let (rc, out, err) = run(&all);
        assert_eq!(rc, code, "{args:?}: {err}");
        assert_eq!(out["allowed"], allowed, "{args:?}");
        assert_eq!(codes(&out["issues"]), issue_codes, "{args:?}");
    }
    let (rc, out, _) = run(&["transition", "Task", "accepted", "completed"]);
    assert_eq!(rc, 1);
    let issue = &out["issues"][0];
    assert_eq!(issue["code"], "business-rule");
    assert_eq!(issue["severity"], "error");
    let text = issue["details"]["text"].as_str().unwrap();
    assert!(text.contains("`accepted`") && text.contains("`completed`") && text.contains("`in-progress`"), "{text}");
}

#[test]
fn transition_bad_input_exits_2_naming_the_valid_statuses() {
    let (rc, out, err) = run(&["transition", "Task", "accepted", "done"]);
    assert_eq!((rc, out), (2, J::Null));
    assert!(err.contains("`done` is not a Task status; the valid ones are draft, requested, received"), "{err}");
    let (rc, _, err) = run(&["transition", "Patient", "a", "b"]);
    assert_eq!(rc, 2);
    assert!(err.contains("use one of Task, ServiceRequest"), "{err}");
    for bad in [
        &["transition", "Task", "draft"][..],
        &["transition", "Task", "a", "b", "--role", "lab"],
        &["transition", "Task", "a", "b", "--workflow", "r5"],
    ] {
        assert_eq!(run(bad).0, 2, "{bad:?}");
    }
}

#[test]
fn update_prints_an_operation_outcome() {
    let (before, after) = (fix("task-requested.json"), fix("task-accepted.json"));
    let (rc, out, _) = run(&["update", &before, &after, "--role", "filler", "--actor", "RJ1"]);
    assert_eq!(rc, 0);
    assert_eq!(out["resourceType"], "OperationOutcome");
    assert_eq!(out["issue"][0]["severity"], "information");

    let (rc, out, _) = run(&["update", &fix("task-requested.json"), &fix("task-completed.json")]);
    assert_eq!(rc, 1);
    assert_eq!(codes(&out["issue"]), ["GOM-WF-001"]);
    let line = &out["issue"][0]["extension"][0];
    assert_eq!(line["url"], "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line");
    assert_eq!(line["valueInteger"], 4);

    let (rc, out, _) = run(&["update", &fix("task-accepted.json"), &fix("task-reassigned.json"), "--actor", "RH8"]);
    assert_eq!(rc, 1);
    assert_eq!(codes(&out["issue"]), ["GOM-WF-023"]);
    let (rc, out, _) = run(&["update", &fix("task-accepted.json"), &fix("task-reassigned.json")]);
    assert_eq!(rc, 0);
    assert_eq!(codes(&out["issue"]), ["GOM-WF-024"]);

    assert_eq!(run(&["update", &fix("task-accepted.json")]).0, 2);
    assert_eq!(run(&["update", &fix("task-accepted.json"), &fix("missing.json")]).0, 2);
}

#[test]
fn cascade_prints_planned_task_updates() {
    let (rc, out, err) = run(&["cascade", &fix("sr-active.json"), &fix("sr-revoked.json"), &fix("tasks.json")]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!((out["from"].as_str(), out["to"].as_str()), (Some("active"), Some("revoked")));
    let planned: Vec<String> = out["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| format!("{}:{}", u["id"].as_str().unwrap(), u["action"].as_str().unwrap()))
        .collect();
    assert_eq!(planned, ["t-align:lab-closure", "t-prep:cancel", "t-processing:cancel", "t-hold:cancel"]);
    assert_eq!(out["updates"][1]["to"], "cancelled");
    assert_eq!(out["updates"][1]["statusReason"], "task-no-longer-required");
    assert_eq!(codes(&out["issues"]), ["GOM-WF-033", "GOM-WF-031"]);

    let (rc, out, _) = run(&["cascade", &fix("sr-active.json"), &fix("sr-entered-in-error.json"), &fix("tasks.json")]);
    assert_eq!(rc, 1);
    assert_eq!(out["updates"], J::Array(vec![]));
    assert!(codes(&out["issues"]).contains(&"GOM-WF-030".to_owned()));

    assert_eq!(run(&["cascade", &fix("sr-active.json"), &fix("sr-revoked.json")]).0, 2);
    assert_eq!(run(&["cascade", &fix("sr-active.json"), &fix("sr-revoked.json"), &fix("conversation-ok.json")]).0, 0);
}

#[test]
fn conversation_reports_the_first_illegal_step() {
    let (rc, out, _) = run(&["conversation", &fix("conversation-ok.json")]);
    assert_eq!(rc, 0);
    assert_eq!(out["legal"], true);
    assert_eq!(out["steps"].as_array().unwrap().len(), 4);

    let (rc, out, _) = run(&["conversation", &fix("conversation-placer-accepts.json")]);
    assert_eq!(rc, 1);
    assert_eq!(out["firstIllegal"], 1);
    assert_eq!(out["steps"].as_array().unwrap().len(), 2);
    assert_eq!(codes(&out["steps"][1]["issues"]), ["GOM-WF-004"]);
}

#[test]
fn usage_lists_the_workflow_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_gom-harness")).arg("help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["transition <ResourceType>", "update BEFORE.json", "cascade SR_BEFORE.json", "conversation STEPS.json"]
    {
        assert!(text.contains(cmd), "{cmd}");
    }
}
