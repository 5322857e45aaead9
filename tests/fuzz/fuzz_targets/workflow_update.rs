//! The update check, the one-version check and the conversation check: `before \0 after \0 actor`.
#![no_main]

use gom_core::json::Doc;
use gom_core::workflow::{check_conversation, check_resource, check_update, Role, UpdateOptions, Workflow};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::parts(data, 3);
    let selector = p[2].len();
    let opts = UpdateOptions {
        workflow: if selector % 2 == 0 { Workflow::Gms } else { Workflow::R4 },
        role: Role::ALL.get(selector % 4).copied(),
        actor: (!p[2].is_empty()).then(|| p[2].clone()),
    };
    let report = check_update(&p[0], &p[1], &opts);
    for d in &report.diagnostics {
        assert!(!d.message.is_empty());
    }
    if let Ok(doc) = Doc::parse(&p[1]) {
        let _ = check_resource(doc.root(), opts.workflow);
    }
    let conv = check_conversation(&p[0], opts.workflow);
    let _ = conv.is_legal();
});
