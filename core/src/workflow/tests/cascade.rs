use serde_json::{json, Value as J};

use super::{task, with};
use crate::workflow::{plan_cascade, request_group_status, tasks_of, CascadeAction};

fn sr(status: &str) -> J {
    json!({"resourceType": "ServiceRequest", "id": "sr1", "status": status})
}

/// `id:action` per planned update, then the finding codes.
fn check(from: &str, to: &str, tasks: &[J], expected: &str) {
    let refs: Vec<&J> = tasks.iter().collect();
    let plan = plan_cascade(&sr(from), &sr(to), &refs);
    let mut got: Vec<String> = plan
        .updates
        .iter()
        .map(|u| {
            format!("{}:{}", u.id.as_deref().unwrap_or("?"), serde_json::to_value(u.action).unwrap().as_str().unwrap())
        })
        .collect();
    got.extend(plan.diagnostics.iter().map(|d| d.code.to_owned()));
    assert_eq!(got.join(" "), expected, "{from} -> {to}: {:#?}", plan);
}

fn t(id: &str, status: &str) -> J {
    with(&task(), json!({"id": id, "status": status}))
}

#[test]
fn revoke_cancels_tasks_not_started_and_flags_started_ones() {
    let tasks = [
        t("d", "draft"),
        t("r", "requested"),
        t("a", "accepted"),
        t("h", "on-hold"),
        with(&t("hs", "on-hold"), json!({"executionPeriod": {"start": "2023-08-06"}})),
        t("p", "in-progress"),
        t("c", "completed"),
        t("x", "rejected"),
        t("y", "ready"),
    ];
    check(
        "active",
        "revoked",
        &tasks,
        "d:cancel r:cancel a:cancel h:cancel hs:lab-closure p:lab-closure y:cancel GOM-WF-031 GOM-WF-031",
    );
}

#[test]
fn entered_in_error_only_before_any_start() {
    check(
        "active",
        "entered-in-error",
        &[t("d", "draft"), t("r", "requested"), t("x", "cancelled")],
        "d:entered-in-error r:entered-in-error",
    );
    check("active", "entered-in-error", &[t("r", "requested"), t("c", "completed")], "GOM-WF-030");
    let plan = plan_cascade(&sr("active"), &sr("entered-in-error"), &[&t("p", "in-progress")]);
    assert!(plan.diagnostics[0].message.contains("`p`"));
    assert!(plan.diagnostics[0].help.contains("Revoke the ServiceRequest instead"));
}

#[test]
fn other_changes_plan_nothing() {
    check("draft", "active", &[], "");
    check("active", "on-hold", &[t("r", "requested")], "");
    check("active", "completed", &[t("r", "requested")], "");
    check("active", "active", &[t("r", "requested")], "");
    check("completed", "active", &[t("r", "requested")], "GOM-WF-001");
    check("active", "bogus", &[], "GOM-WF-002");
    check("draft", "entered-in-error", &[], "");
}

#[test]
fn tasks_of_other_requests_and_unknown_statuses_are_left_alone() {
    let other = with(&t("o", "requested"), json!({"focus": {"reference": "ServiceRequest/sr2"}}));
    let absolute =
        with(&t("abs", "requested"), json!({"focus": {"reference": "https://goms.example/ServiceRequest/sr1"}}));
    check("active", "revoked", &[other, absolute, t("u", "waiting")], "abs:cancel GOM-WF-033 GOM-WF-002");
}

#[test]
fn applying_an_update() {
    let plan = plan_cascade(&sr("active"), &sr("revoked"), &[&t("r", "requested"), &t("p", "in-progress")]);
    let applied = plan.updates[0].apply(&t("r", "requested"), "2023-09-01T10:00:00Z").unwrap();
    assert_eq!(applied["status"], "cancelled");
    assert_eq!(applied["statusReason"]["coding"][0]["code"], "task-no-longer-required");
    assert_eq!(applied["lastModified"], "2023-09-01T10:00:00Z");
    assert_eq!(plan.updates[1].action, CascadeAction::LabClosure);
    assert_eq!(plan.updates[1].apply(&t("p", "in-progress"), "now"), None);
}

#[test]
fn tasks_from_arrays_bundles_and_single_resources() {
    let bundle = json!({"resourceType": "Bundle", "type": "searchset", "entry": [
        {"resource": t("a", "requested")}, {"resource": {"resourceType": "ServiceRequest"}}, {"search": {}}]});
    assert_eq!(tasks_of(&bundle).len(), 1);
    assert_eq!(tasks_of(&json!([t("a", "draft"), 3, t("b", "draft")])).len(), 2);
    assert_eq!(tasks_of(&t("a", "draft")).len(), 1);
    assert_eq!(tasks_of(&json!("x")).len(), 0);
}

#[test]
fn request_group_follows_its_service_requests() {
    for (srs, expected) in [
        (&["active", "draft"][..], Some("active")),
        (&["completed", "revoked"], Some("completed")),
        (&["revoked", "revoked"], Some("revoked")),
        (&["revoked", "entered-in-error"], Some("revoked")),
        (&["entered-in-error"], Some("entered-in-error")),
        (&["completed", "on-hold"], Some("active")),
        (&[], None),
        (&["bogus"], None),
    ] {
        assert_eq!(request_group_status(srs), expected, "{srs:?}");
    }
}
