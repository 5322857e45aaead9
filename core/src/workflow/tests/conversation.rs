use serde_json::{json, Value as J};

use super::{task, with};
use crate::workflow::{check_conversation, Workflow};

/// `status/role` per step checked, then `!N` for the first illegal step, then finding codes.
fn check(steps: J, expected: &str) {
    let src = serde_json::to_string_pretty(&steps).unwrap();
    let r = check_conversation(&src, Workflow::Gms);
    let mut got: Vec<String> = r
        .steps
        .iter()
        .map(|s| format!("{}/{}", s.status.as_deref().unwrap_or("?"), s.role.map_or("-", |r| r.as_str())))
        .collect();
    if let Some(i) = r.first_illegal {
        got.push(format!("!{i}"));
    }
    got.extend(r.steps.iter().flat_map(|s| &s.diagnostics).chain(&r.diagnostics).map(|d| d.code.to_owned()));
    assert_eq!(got.join(" "), expected, "{r:#?}");
    assert_eq!(
        r.is_legal(),
        !expected.contains('!') && !expected.contains("GOM-JSON") && !expected.contains("GOM-WF-040")
    );
}

fn v(status: &str, at: &str) -> J {
    with(&task(), json!({"status": status, "lastModified": at}))
}

fn step(role: &str, t: J) -> J {
    json!({"role": role, "actor": "RJ1", "resource": t})
}

#[test]
fn request_accept_complete() {
    let started = |s: &str, at: &str| with(&v(s, at), json!({"executionPeriod": {"start": "2023-08-07T09:00:00Z"}}));
    let done = with(
        &started("completed", "2023-08-09T09:00:00Z"),
        json!({"executionPeriod": {"start": "2023-08-07T09:00:00Z", "end": "2023-08-09T09:00:00Z"}}),
    );
    check(
        json!([
            step("broker", v("requested", "2023-08-05T10:00:00Z")),
            step("filler", v("accepted", "2023-08-06T10:00:00Z")),
            step("filler", started("in-progress", "2023-08-07T10:00:00Z")),
            step("filler", done),
        ]),
        "requested/broker accepted/filler in-progress/filler completed/filler",
    );
}

#[test]
fn the_first_illegal_step_is_reported_and_checking_stops() {
    check(
        json!([
            v("requested", "2023-08-05T10:00:00Z"),
            step("placer", v("accepted", "2023-08-06T10:00:00Z")),
            step("filler", v("in-progress", "2023-08-07T10:00:00Z")),
        ]),
        "requested/- accepted/placer !1 GOM-WF-004",
    );
    check(
        json!([v("requested", "2023-08-05T10:00:00Z"), step("filler", v("completed", "2023-08-06T10:00:00Z"))]),
        "requested/- completed/filler !1 GOM-WF-001",
    );
}

#[test]
fn exception_paths_open_to_either_side() {
    for role in ["placer", "filler"] {
        let rejected = with(&v("rejected", "2023-08-06T10:00:00Z"), json!({"statusReason": {"text": "no capacity"}}));
        check(
            json!([v("requested", "2023-08-05T10:00:00Z"), step(role, rejected)]),
            &format!("requested/- rejected/{role}"),
        );
    }
}

#[test]
fn a_conversation_starts_in_a_start_status() {
    check(json!([v("in-progress", "2023-08-05T10:00:00Z")]), "in-progress/- !0 GOM-WF-011 GOM-WF-008");
}

#[test]
fn malformed_input() {
    check(json!([]), "GOM-WF-040");
    check(json!({"resourceType": "Task"}), "GOM-WF-040");
    check(
        json!([v("requested", "2023-08-05T10:00:00Z"), {"role": "lab", "resource": task()}]),
        "requested/- ?/- !1 GOM-WF-040",
    );
    check(json!([v("requested", "2023-08-05T10:00:00Z"), {"who": "x"}]), "requested/- ?/- !1 GOM-WF-040");
    let r = check_conversation("[", Workflow::Gms);
    assert_eq!(r.diagnostics[0].code, "GOM-JSON-001");
    assert!(!r.is_legal());
}
