//! Properties of the workflow rules, over every machine and generated inputs.

use std::collections::BTreeSet;

use gom_core::workflow::tables::{machine, ALL};
use gom_core::workflow::{
    check_conversation, check_transition, check_update, compare_datetimes, due_for_request, plan_cascade, plan_spin_up,
    CascadeAction, ResourceType, Role, UpdateOptions, Variant, Workflow,
};
use proptest::prelude::*;
use serde_json::{json, Value as J};

const WORKFLOWS: [Workflow; 2] = [Workflow::R4, Workflow::Gms];

fn machine_status_pair() -> impl Strategy<Value = (ResourceType, Workflow, usize, usize, Option<Role>)> {
    (0..ResourceType::ALL.len(), 0..2usize, 0..12usize, 0..12usize, proptest::option::of(0..3usize))
        .prop_map(|(r, w, f, t, role)| (ResourceType::ALL[r], WORKFLOWS[w], f, t, role.map(|i| Role::ALL[i])))
}

proptest! {
    /// No transition leaves a terminal status except along an edge marked with the rule that
    /// allows it; nothing moves into or out of an unused status; "allowed" is exactly "an edge
    /// exists and the role may take it".
    #[test]
    fn transitions_follow_the_table((rt, wf, f, t, role) in machine_status_pair()) {
        let m = machine(rt, wf);
        let n = m.statuses.len();
        let (from, to) = (&m.statuses[f % n], &m.statuses[t % n]);
        let v = check_transition(rt, from.code, to.code, wf, role);
        if from.code == to.code {
            prop_assert_eq!(v.allowed, to.used);
            return Ok(());
        }
        let edge = m.edge(from.code, to.code);
        let expected = edge.is_some_and(|e| role.is_none_or(|r| e.by.contains(r)));
        prop_assert_eq!(v.allowed, expected, "{} {} -> {}", rt, from.code, to.code);
        if v.allowed {
            prop_assert!(from.used && to.used);
            if from.terminal {
                prop_assert!(edge.and_then(|e| e.exception).is_some(), "{} leaves terminal {}", rt, from.code);
            }
        } else {
            prop_assert!(v.diagnostics.iter().any(|d| d.severity.is_error()));
            prop_assert!(v.diagnostics.iter().all(|d| d.message.contains(from.code) || d.message.contains(to.code)));
        }
    }

    /// The cascade never touches a Task already in a terminal status, plans at most one update
    /// per Task, and every status it sets is a legal move for the broker (GMS, or R4 for Tasks in
    /// statuses GMS does not use).
    #[test]
    fn cascade_never_touches_terminal_tasks(
        from in 0..7usize,
        to in 0..7usize,
        tasks in proptest::collection::vec((0..12usize, any::<bool>(), any::<bool>()), 0..12),
    ) {
        let sr_codes = machine(ResourceType::ServiceRequest, Workflow::Gms).codes();
        let task_codes = machine(ResourceType::Task, Workflow::Gms).codes();
        let sr = |s: &str| json!({"resourceType": "ServiceRequest", "id": "sr1", "status": s});
        let tasks: Vec<J> = tasks
            .iter()
            .enumerate()
            .map(|(i, (s, started, mine))| {
                let mut t = json!({"resourceType": "Task", "id": format!("t{i}"), "status": task_codes[*s],
                    "focus": {"reference": if *mine { "ServiceRequest/sr1" } else { "ServiceRequest/sr9" }}});
                if *started {
                    t["executionPeriod"] = json!({"start": "2023-08-06"});
                }
                t
            })
            .collect();
        let refs: Vec<&J> = tasks.iter().collect();
        let plan = plan_cascade(&sr(sr_codes[from]), &sr(sr_codes[to]), &refs);
        let mut seen = BTreeSet::new();
        for u in &plan.updates {
            prop_assert!(seen.insert(u.index), "two updates for Task {}", u.index);
            let task = &tasks[u.index];
            let status = task["status"].as_str().unwrap();
            let gms = machine(ResourceType::Task, Workflow::Gms);
            prop_assert!(!gms.status(status).unwrap().terminal, "touched terminal {}", status);
            prop_assert_eq!(task["focus"]["reference"].as_str(), Some("ServiceRequest/sr1"));
            match (u.action, u.to) {
                (CascadeAction::LabClosure, None) => {}
                (_, Some(target)) => {
                    let legal = gms.edge(status, target).is_some_and(|e| e.by.contains(Role::Broker))
                        || machine(ResourceType::Task, Workflow::R4).edge(status, target).is_some();
                    prop_assert!(legal, "{} -> {}", status, target);
                }
                other => prop_assert!(false, "inconsistent update {:?}", other),
            }
        }
    }

    /// FHIR time comparison is antisymmetric and never panics.
    #[test]
    fn time_comparison_is_antisymmetric(a in "[0-9]{4}(-[01][0-9](-[0-3][0-9](T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,4})?(Z|[+-]0[0-9]:[0-5][0-9])?)?)?)?",
                                          b in "[0-9]{4}(-[01][0-9](-[0-3][0-9](T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](Z)?)?)?)?") {
        prop_assert_eq!(compare_datetimes(&a, &b), compare_datetimes(&b, &a).map(|o| o.reverse()));
    }

    /// The spin-up plan's prerequisites are Tasks of the plan at earlier NGTP stages, and on a
    /// fresh plan only the process Task is due.
    #[test]
    fn spin_up_plans_are_well_formed(specimens in 0..5usize, variant in 0..3usize) {
        let variant = [Variant::General, Variant::Reanalysis, Variant::DnaStorage][variant];
        let sr = json!({"resourceType": "ServiceRequest", "id": "sr1", "status": "active",
            "subject": {"reference": "Patient/p"}, "requester": {"reference": "PractitionerRole/r"}});
        let specimens: Vec<String> = (0..specimens).map(|i| format!("Specimen/s{i}")).collect();
        let mut n = 0;
        let plan = plan_spin_up(&sr, &specimens, variant, &mut || { n += 1; format!("t{n}") }, "2023-08-05");
        let stage = |code: &str| gom_core::workflow::task_codes().iter().position(|c| c.code == code).unwrap();
        for t in &plan.tasks {
            for p in &t.prerequisites {
                let pre = plan.tasks.iter().find(|o| &o.id == p).unwrap();
                prop_assert!(stage(pre.code) < stage(t.code));
            }
        }
        let refs: Vec<&J> = plan.resources.iter().collect();
        let due = due_for_request(&refs);
        prop_assert_eq!(due.len(), 1);
        prop_assert_eq!(plan.tasks[due[0]].code, "process-genomic-test-request");
    }

    /// Arbitrary text never makes the update or conversation checks panic.
    #[test]
    fn arbitrary_input_never_panics(a in "\\PC{0,60}", b in "[\\[\\]{}\":,a-z0-9 ]{0,60}") {
        let _ = check_update(&a, &b, &UpdateOptions::default());
        let _ = check_update(&b, &a, &UpdateOptions::default());
        let r = check_conversation(&b, Workflow::Gms);
        prop_assert!(r.is_legal() || r.first_illegal.is_some() || !r.diagnostics.is_empty());
    }
}

/// Every status a workflow uses is reachable from the machine's first start status.
#[test]
fn every_used_status_is_reachable_from_the_start() {
    for m in ALL {
        let start = m.statuses.iter().find(|s| s.start).unwrap().code;
        let mut seen = vec![start];
        let mut i = 0;
        while let Some(cur) = seen.get(i).copied() {
            for e in m.edges_from(cur) {
                if !seen.contains(&e.to) {
                    seen.push(e.to);
                }
            }
            i += 1;
        }
        for s in m.statuses.iter().filter(|s| s.used) {
            assert!(seen.contains(&s.code), "{}: `{}` unreachable from `{start}`", m.title, s.code);
        }
        for s in m.statuses.iter().filter(|s| !s.used) {
            assert!(!seen.contains(&s.code), "{}: unused `{}` is reachable", m.title, s.code);
        }
    }
}
