use serde_json::json;

use crate::workflow::{resource_view, status_view, ResourceType, Role, Workflow};

/// `next: status(by)…`, then `closed: status=reason…`.
fn check(rt: ResourceType, wf: Workflow, status: &str, role: Option<Role>, next: &str, closed: &[(&str, &str)]) {
    let v = status_view(rt, wf, status, role).unwrap();
    let got: Vec<String> = v
        .next
        .iter()
        .map(|n| format!("{}({})", n.status, n.by.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("|")))
        .collect();
    assert_eq!(got.join(" "), next);
    for (s, reason) in closed {
        let c = v.closed.iter().find(|c| c.status == *s).unwrap_or_else(|| panic!("{s} not closed"));
        assert_eq!(c.reason, *reason, "{s}");
    }
    assert_eq!(v.next.len() + v.closed.len() + 1, v.statuses_len());
}

trait Len {
    fn statuses_len(&self) -> usize;
}
impl Len for crate::workflow::StatusView {
    fn statuses_len(&self) -> usize {
        crate::workflow::tables::machine(self.resource_type, self.workflow).statuses.len()
    }
}

#[test]
fn accepted_gms_task() {
    check(
        ResourceType::Task,
        Workflow::Gms,
        "accepted",
        None,
        "cancelled(placer|filler|broker) in-progress(filler) on-hold(filler) entered-in-error(placer|filler|broker)",
        &[
            ("ready", "not used in the GMS workflow (there is no auto-accept)"),
            ("completed", "not directly: go accepted → in-progress → completed"),
            ("requested", "cannot be reached from `accepted`"),
        ],
    );
    check(
        ResourceType::Task,
        Workflow::Gms,
        "accepted",
        Some(Role::Placer),
        "cancelled(placer|filler|broker) entered-in-error(placer|filler|broker)",
        &[("in-progress", "only the filler may make this move, not the placer")],
    );
}

#[test]
fn terminal_and_unused_statuses() {
    check(
        ResourceType::Task,
        Workflow::Gms,
        "completed",
        None,
        "entered-in-error(placer|filler|broker)",
        &[("in-progress", "`completed` is terminal")],
    );
    check(
        ResourceType::Task,
        Workflow::Gms,
        "ready",
        None,
        "",
        &[("in-progress", "`ready` is not used in the GMS workflow")],
    );
    assert!(status_view(ResourceType::Task, Workflow::Gms, "nope", None).is_none());
}

#[test]
fn view_of_a_resource_and_its_demands() {
    let v = resource_view(&json!({"resourceType": "Task", "status": "in-progress"}), Workflow::Gms, None).unwrap();
    let hold = v.next.iter().find(|n| n.status == "on-hold").unwrap();
    assert_eq!(hold.demands, ["needs a `statusReason` saying why (a warning when missing)"]);
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["resourceType"], "Task");
    assert_eq!(json["next"][0]["by"][0], "filler");
    assert!(resource_view(&json!({"resourceType": "Patient", "status": "x"}), Workflow::Gms, None).is_none());
}
