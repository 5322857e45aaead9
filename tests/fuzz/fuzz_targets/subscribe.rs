//! The subscription builder and tester: `form-json \0 criteria \0 bundle-or-event`. Whatever the
//! form holds, the criteria it builds must compile in the MNS dialect and keep each value a
//! string literal.
#![no_main]

use gom_core::criteria::{compile, Dialect, MAX_LEN};
use gom_core::subscribe::{build, quote, try_bundle, try_event, CriteriaForm};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let p = common::parts(data, 3);
    let mut form: CriteriaForm = serde_json::from_str(&p[0]).unwrap_or_default();
    if form == CriteriaForm::default() {
        // Not a form: use the text as every value, to reach the quoting.
        form.resource_type = "Task".to_owned();
        form.statuses = vec![p[0].clone()];
        form.owners = p[0].split(',').map(str::to_owned).collect();
    }
    let built = build(&form);
    if built.len() <= MAX_LEN {
        if let Err(e) = compile(&built, Dialect::Mns) {
            panic!("the builder wrote a criteria that does not compile: {built:?}: {e:?}");
        }
    }
    let q = quote(&p[1]);
    if q.len() + 8 <= MAX_LEN {
        assert!(compile(&format!("owner = {q}"), Dialect::Mns).is_ok(), "quote broke: {q:?}");
    }
    for criteria in [&built, &p[1]] {
        let _ = serde_json::to_string(&try_bundle(criteria, &p[2]));
        let _ = try_event(criteria, &p[2]).map(|t| serde_json::to_string(&t));
    }
});
