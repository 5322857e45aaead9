//! The `filter` and `event` commands, run as a user runs them.

use std::process::{Command, Output};

fn gom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gom-harness"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/events"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

const GOOD: &str =
    "eventType='genomic-order-event-1' AND resourceType='ServiceRequest' AND (performer='LABA' OR performer='LABB')";

#[test]
fn lint_prints_an_outcome_and_exits_by_severity() {
    let o = gom(&["filter", "lint", GOOD]);
    assert_eq!(o.status.code(), Some(0));
    let oo = json(&o);
    assert_eq!(oo["resourceType"], "OperationOutcome");
    assert_eq!(oo["issue"][0]["details"]["coding"][0]["code"], "GOM-CRIT-070");
    assert_eq!(oo["issue"][0]["severity"], "information");
    let o = gom(&[
        "filter",
        "lint",
        "eventType='genomic-order-event-1' AND resourceType='Task' AND consentStatus='active'",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let codes: Vec<_> = json(&o)["issue"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["details"]["coding"][0]["code"].clone())
        .collect();
    assert_eq!(codes, ["GOM-CRIT-061", "GOM-CRIT-022"]);
    let o = gom(&["filter", "lint", "--format", "text", "eventType='genomic-order-event-1' AND (performer='A'"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "1:53 fatal GOM-CRIT-001 The criteria ends where `)` was expected\n");
    assert_eq!(gom(&["filter", "lint"]).status.code(), Some(2));
    assert_eq!(gom(&["filter", "lint", "--dialect", "sql", "x"]).status.code(), Some(2));
}

#[test]
fn match_prints_the_ids_of_matching_events() {
    let o = gom(&["filter", "match", GOOD, "events.ndjson"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "00000000-0000-4000-8000-000000000001\n00000000-0000-4000-8000-000000000002\nplain-5\n");
    assert!(String::from_utf8_lossy(&o.stderr).contains("events.ndjson: line 6: not JSON"));
    let o = gom(&[
        "filter",
        "match",
        "eventType='genomic-order-event-1' AND resourceType='Task' AND owner != 'LABA'",
        "events.ndjson",
    ]);
    assert_eq!(stdout(&o), "00000000-0000-4000-8000-000000000004\n");
    let o = gom(&["filter", "match", "eventType='genomic-order-event-1' AND owner='LABB'", "task-cloudevent.json"]);
    assert_eq!(stdout(&o), "3f1c2a9e-7b4d-4e2a-9c1f-5d6e7f8a9b0c\n");
    assert_eq!(gom(&["filter", "match", "a = ", "events.ndjson"]).status.code(), Some(2));
}

#[test]
fn eval_prints_value_and_errors() {
    let cases: [(&[&str], serde_json::Value); 6] = [
        (&["filter", "eval", "1 + 2 * 3"], serde_json::json!({"value": 7, "errors": []})),
        (
            &["filter", "eval", "--dialect", "cesql", "missing = 2"],
            serde_json::json!({"value": false, "errors": ["missingAttribute"]}),
        ),
        (&["filter", "eval", "5 / 0"], serde_json::json!({"value": 0, "errors": ["math"]})),
        (&["filter", "eval", "--dialect", "cesql", "ABC("], serde_json::json!({"value": false, "errors": ["parse"]})),
        (
            &["filter", "eval", "owner", "--event", "task-cloudevent.json"],
            serde_json::json!({"value": "LABB", "errors": []}),
        ),
        (
            &["filter", "eval", "CONCAT(taskCode, '/', eventType)", "--event", "task-cloudevent.json"],
            serde_json::json!({"value": "sample-processing/genomic-order-event-1", "errors": []}),
        ),
    ];
    for (args, want) in cases {
        let o = gom(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_eq!(json(&o), want, "{args:?}");
    }
}

#[test]
fn event_check_and_convert() {
    let o = gom(&["event", "check", "task-cloudevent.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = gom(&["event", "check", "bad-cloudevent.json"]);
    assert_eq!(o.status.code(), Some(1));
    let codes: Vec<_> = json(&o)["issue"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["details"]["coding"][0]["code"].clone())
        .collect();
    assert_eq!(codes, ["GOM-EVT-008", "GOM-EVT-003", "GOM-EVT-006", "GOM-EVT-004"]);
    assert_eq!(gom(&["event", "check", "orders-created.json"]).status.code(), Some(0));

    let fhir = gom(&[
        "event",
        "convert",
        "--to",
        "fhir",
        "--entry-id",
        "be276804-3852-46c6-aa7a-a4371794259a",
        "task-cloudevent.json",
    ]);
    assert_eq!(fhir.status.code(), Some(0));
    let bundle = json(&fhir);
    assert_eq!(bundle["type"], "history");
    assert_eq!(bundle["entry"][0]["fullUrl"], "urn:uuid:be276804-3852-46c6-aa7a-a4371794259a");
    let tmp = std::env::temp_dir().join(format!("gom-fhir-{}.json", std::process::id()));
    std::fs::write(&tmp, &fhir.stdout).expect("write");
    let path = tmp.to_string_lossy().into_owned();
    assert_eq!(gom(&["event", "check", &path]).status.code(), Some(0));
    let back = gom(&["event", "convert", "--to", "cloudevent", &path]);
    let _ = std::fs::remove_file(&tmp);
    let mut original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/events/task-cloudevent.json"))
            .expect("read"),
    )
    .expect("json");
    // Subscribers never receive `filtering`: it does not survive the FHIR form.
    original.as_object_mut().expect("object").remove("filtering");
    assert_eq!(json(&back), original);
    assert_eq!(gom(&["event", "convert", "--to", "xml", "task-cloudevent.json"]).status.code(), Some(2));
}
