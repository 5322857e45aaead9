//! The bench bundles (`../shared/bench/bundles`): `valid.json` has no error; each fault bundle
//! gives the error its name describes, at the right expression, and no error `valid.json` does
//! not also give in the same mode. (In strict mode the implied-profile warnings of `valid.json`
//! become errors, so the orphan, an error only in strict mode, is compared against strict
//! `valid.json`.)

use gom_core::{validate_bytes, Options, Severity};

/// (file, code, expression) of each fault; `orphan` is a warning unless strict.
const FAULTS: &[(&str, &str, &str)] = &[
    ("dangling_ref", "GOM-REF-001", "Bundle.entry[0].resource.specimen[0].reference"),
    ("orphan", "GOM-GRAPH-001", "Bundle.entry[4].resource"),
    ("bad_task_status", "GOM-CODE-004", "Bundle.entry[3].resource.status"),
    ("delete_entry", "GOM-BDL-012", "Bundle.entry[4].request.method"),
    ("task_no_intent", "GOM-PRF-001", "Bundle.entry[3].resource.intent"),
    ("task_no_code", "GOM-PRF-002", "Bundle.entry[3].resource.code"),
];

fn errors(name: &str, strict: bool) -> Option<Vec<(String, String)>> {
    let dir = gom_harness::shared_dir()?.join("bench/bundles");
    let bytes = std::fs::read(dir.join(format!("{name}.json"))).ok()?;
    let r = validate_bytes(&bytes, &Options { strict, ..Options::default() });
    Some(
        r.diagnostics
            .iter()
            .filter(|d| d.severity <= Severity::Error)
            .map(|d| (d.code.to_owned(), d.expression.clone().unwrap_or_default()))
            .collect(),
    )
}

fn pair(code: &str, expr: &str) -> (String, String) {
    (code.to_owned(), expr.to_owned())
}

#[test]
fn valid_has_no_error_and_each_fault_is_found_where_it_is() {
    let Some(valid) = errors("valid", false) else {
        eprintln!("notice: ../shared/bench/bundles is absent; bench bundle suite skipped");
        return;
    };
    assert_eq!(valid, vec![], "valid.json");
    let valid_strict = errors("valid", true).unwrap_or_default();
    for &(name, code, expr) in FAULTS {
        let strict = name == "orphan";
        let baseline = if strict { &valid_strict } else { &valid };
        let mut got = errors(name, strict).unwrap_or_default();
        got.retain(|e| !baseline.contains(e));
        assert_eq!(got, vec![pair(code, expr)], "{name}");
    }
    // The orphan is a warning by default (most upstream examples have one).
    assert_eq!(errors("orphan", false).unwrap_or_default(), vec![]);
    // all_faults: the same six at their places (entries: SR, Patient, Specimen, Task, orphan, DELETE).
    let mut got = errors("all_faults", true).unwrap_or_default();
    got.retain(|e| !valid_strict.contains(e));
    let mut want: Vec<_> = FAULTS.iter().map(|&(_, c, e)| pair(c, e)).collect();
    want.sort();
    got.sort();
    // In all_faults the DELETE entry follows the orphan.
    let want: Vec<_> = want
        .into_iter()
        .map(|(c, e)| if c == "GOM-BDL-012" { (c, "Bundle.entry[5].request.method".to_owned()) } else { (c, e) })
        .collect();
    assert_eq!(got, want);
}
