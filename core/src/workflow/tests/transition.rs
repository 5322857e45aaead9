use crate::workflow::tables::{machine, ALL};
use crate::workflow::{check_transition, shortest_path, ResourceType, Role, Workflow};

/// "ok" or the error codes, then `+CODE` per information issue.
fn check(rt: &str, wf: &str, from: &str, to: &str, role: Option<&str>, expected: &str) {
    let rt = ResourceType::parse(rt).unwrap();
    let wf = Workflow::parse(wf).unwrap();
    let role = role.map(|r| Role::parse(r).unwrap());
    let v = check_transition(rt, from, to, wf, role);
    let mut got = vec![if v.allowed { "ok".to_owned() } else { "no".to_owned() }];
    got.extend(v.diagnostics.iter().map(|d| d.code.to_owned()));
    assert_eq!(got.join(" "), expected, "{rt} {from} -> {to} ({wf:?}, {role:?}): {:#?}", v.diagnostics);
}

#[test]
fn task_transitions() {
    for (wf, from, to, role, expected) in [
        ("gms", "requested", "accepted", Some("filler"), "ok"),
        ("gms", "requested", "accepted", Some("placer"), "no GOM-WF-004"),
        ("gms", "requested", "accepted", None, "ok"),
        ("gms", "draft", "requested", Some("broker"), "ok"),
        ("gms", "draft", "requested", Some("placer"), "no GOM-WF-004"),
        ("r4", "draft", "requested", Some("placer"), "ok"),
        ("gms", "accepted", "on-hold", Some("filler"), "ok GOM-WF-005"),
        ("r4", "accepted", "on-hold", None, "no GOM-WF-001"),
        ("gms", "requested", "ready", None, "no GOM-WF-003"),
        ("r4", "draft", "ready", None, "ok"),
        ("gms", "ready", "in-progress", None, "no GOM-WF-003"),
        ("gms", "requested", "received", None, "no GOM-WF-003"),
        ("gms", "accepted", "completed", None, "no GOM-WF-001"),
        ("gms", "in-progress", "completed", Some("filler"), "ok GOM-WF-005"),
        ("gms", "rejected", "requested", None, "no GOM-WF-001"),
        ("r4", "rejected", "cancelled", Some("placer"), "ok GOM-WF-005"),
        ("gms", "rejected", "cancelled", None, "no GOM-WF-001"),
        ("gms", "completed", "entered-in-error", Some("filler"), "ok"),
        ("gms", "accepted", "cancelled", Some("placer"), "ok GOM-WF-005"),
        ("gms", "requested", "rejected", Some("placer"), "ok GOM-WF-005"),
        ("gms", "in-progress", "in-progress", Some("placer"), "ok"),
        ("gms", "ready", "ready", None, "no GOM-WF-003"),
        ("gms", "done", "completed", None, "no GOM-WF-002"),
        ("gms", "done", "finished", None, "no GOM-WF-002 GOM-WF-002"),
        ("r4", "entered-in-error", "draft", None, "no GOM-WF-001"),
    ] {
        check("Task", wf, from, to, role, expected);
    }
}

#[test]
fn other_resources() {
    for (rt, from, to, role, expected) in [
        ("ServiceRequest", "draft", "active", Some("placer"), "ok"),
        ("ServiceRequest", "active", "revoked", Some("filler"), "ok GOM-WF-005"),
        ("ServiceRequest", "active", "completed", Some("filler"), "no GOM-WF-004"),
        ("ServiceRequest", "completed", "active", None, "no GOM-WF-001"),
        ("ServiceRequest", "active", "unknown", None, "no GOM-WF-003"),
        ("ServiceRequest", "active", "suspended", None, "no GOM-WF-002"),
        ("RequestGroup", "active", "completed", Some("broker"), "ok"),
        ("RequestGroup", "active", "on-hold", None, "no GOM-WF-003"),
        ("RequestGroup", "completed", "active", Some("broker"), "ok"),
        ("DiagnosticReport", "preliminary", "final", Some("filler"), "ok"),
        ("DiagnosticReport", "final", "preliminary", None, "no GOM-WF-001"),
        ("DiagnosticReport", "final", "corrected", None, "ok"),
        ("DiagnosticReport", "final", "modified", None, "no GOM-WF-002"),
        ("Specimen", "available", "unsatisfactory", Some("filler"), "ok"),
        ("Specimen", "unsatisfactory", "available", None, "no GOM-WF-001"),
        ("Consent", "proposed", "active", Some("placer"), "ok"),
        ("Consent", "active", "not-done", None, "no GOM-WF-002"),
    ] {
        check(rt, "gms", from, to, role, expected);
    }
}

#[test]
fn messages_name_from_to_and_the_allowed_statuses() {
    let v = check_transition(ResourceType::Task, "accepted", "completed", Workflow::Gms, None);
    let d = &v.diagnostics[0];
    assert_eq!(
        d.message,
        "Task (GMS workflow) cannot move from `accepted` to `completed`; from `accepted` it may move to \
         `in-progress`, `on-hold`, `cancelled` or `entered-in-error`"
    );
    assert_eq!(d.help, "Go step by step: `accepted` → `in-progress` → `completed`.");
    assert_eq!(d.expression.as_deref(), Some("Task.status"));
    assert_eq!(d.issue_type, crate::diag::IssueType::BusinessRule);

    let v = check_transition(ResourceType::Task, "completed", "in-progress", Workflow::Gms, None);
    assert!(v.diagnostics[0].message.contains("`completed` is terminal and may only move to `entered-in-error`"));
    assert!(v.diagnostics[0].help.contains("create a new Task"));

    let v = check_transition(ResourceType::Task, "requested", "accepted", Workflow::Gms, Some(Role::Placer));
    assert_eq!(
        v.diagnostics[0].message,
        "In Task (GMS workflow), only the filler may move from `requested` to `accepted`, not the placer: the owner \
         claims the Task (seed 001 accept)"
    );

    let v = check_transition(ResourceType::Specimen, "available", "lost", Workflow::Gms, None);
    assert_eq!(
        v.diagnostics[0].message,
        "`lost` is not a Specimen status; the R4 codes are `available`, `unavailable`, `unsatisfactory` and `entered-in-error`"
    );

    let v = check_transition(ResourceType::Task, "accepted", "on-hold", Workflow::Gms, None);
    assert_eq!(
        v.diagnostics[0].message,
        "Moving a Task to `on-hold` needs a `statusReason` saying why (a warning when missing)"
    );
    assert_eq!(v.diagnostics[0].severity, crate::diag::Severity::Information);
}

#[test]
fn shortest_paths() {
    let m = machine(ResourceType::Task, Workflow::Gms);
    assert_eq!(
        shortest_path(m, "draft", "completed").unwrap(),
        ["draft", "requested", "accepted", "in-progress", "completed"]
    );
    assert_eq!(shortest_path(m, "completed", "draft"), None);
    assert_eq!(shortest_path(m, "draft", "draft"), None);
    assert_eq!(shortest_path(m, "draft", "nope"), None);
}

#[test]
fn every_table_is_well_formed() {
    for m in ALL {
        for e in m.edges {
            let (f, t) = (m.status(e.from).unwrap(), m.status(e.to).unwrap());
            assert!(f.used && t.used, "{} {} -> {}", m.title, e.from, e.to);
            assert_eq!(f.terminal, e.exception.is_some(), "{} {} -> {}", m.title, e.from, e.to);
            assert_ne!(e.by, crate::workflow::Actors::NONE);
            assert_eq!(m.edges.iter().filter(|o| o.from == e.from && o.to == e.to).count(), 1);
        }
        assert!(m.statuses.iter().any(|s| s.start));
        assert!(m.statuses.iter().all(|s| !(s.start && s.terminal)));
    }
}
