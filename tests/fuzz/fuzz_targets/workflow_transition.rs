//! The transition check and the status view: `type \0 from \0 to \0 workflow \0 role`.
#![no_main]

use gom_core::workflow::{check_transition, shortest_path, status_view, tables::machine, ResourceType, Role, Workflow};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::parts(data, 5);
    let rt = ResourceType::parse(&p[0]).unwrap_or(ResourceType::ALL[p[0].len() % ResourceType::ALL.len()]);
    let wf = Workflow::parse(&p[3]).unwrap_or(if p[3].len() % 2 == 0 { Workflow::Gms } else { Workflow::R4 });
    let role = Role::parse(&p[4]);
    let v = check_transition(rt, &p[1], &p[2], wf, role);
    assert_eq!(v.allowed, !v.diagnostics.iter().any(|d| d.severity.is_error()));
    let _ = shortest_path(machine(rt, wf), &p[1], &p[2]);
    let _ = status_view(rt, wf, &p[1], role);
});
