//! The registry of every rule gom-core reports: one file per family, each rule a `const` with a
//! stable code (`GOM-<FAMILY>-<NNN>`, never reused), a kebab-case name, default and strict
//! severities, a FHIR IssueType, a summary and a help line.

pub mod bundle;
pub mod codes;
pub mod criteria;
pub mod draft;
pub mod events;
pub mod graph;
pub mod json;
pub mod narrative;
pub mod orders;
pub mod patient;
pub mod profile;
pub mod refs;
pub mod report;
pub mod server;
pub mod workflow;

use crate::diag::Rule;

/// Every family's rules, in code order.
const FAMILIES: [&[&Rule]; 15] = [
    json::ALL,
    bundle::ALL,
    workflow::ALL,
    server::ALL,
    draft::ALL,
    narrative::ALL,
    report::ALL,
    criteria::ALL,
    events::ALL,
    orders::ALL,
    refs::ALL,
    graph::ALL,
    profile::ALL,
    codes::ALL,
    patient::ALL,
];

/// Every family's rules, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.into_iter().flat_map(|f| f.iter().copied())
}

const COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < FAMILIES.len() {
        n += FAMILIES[i].len();
        i += 1;
    }
    n
};

/// Every rule's code and name, gathered at compile time: rendering an OperationOutcome needs a
/// finding's rule name, and looking it up through [`all`] would keep every rule's summary and
/// help text in a Wasm build that exports one family only.
static NAMES: [(&str, &str); COUNT] = {
    let mut out = [("", ""); COUNT];
    let (mut k, mut i) = (0, 0);
    while i < FAMILIES.len() {
        let mut j = 0;
        while j < FAMILIES[i].len() {
            out[k] = (FAMILIES[i][j].code, FAMILIES[i][j].name);
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

/// The name of the rule with this code.
pub fn name_of(code: &str) -> Option<&'static str> {
    NAMES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The families the bundle validator ([`crate::validate`]) reports, in code order: each of
/// their rules has a fixture folder (`tests/fixtures/rules/<name>/{valid,invalid}`). The other
/// families are raised elsewhere (workflow transitions, the broker, the draft checks, report
/// reading, criteria and events) and are tested by those modules' own suites.
pub fn validator() -> impl Iterator<Item = &'static Rule> {
    [json::ALL, bundle::ALL, narrative::ALL, refs::ALL, graph::ALL, profile::ALL, codes::ALL, patient::ALL]
        .into_iter()
        .flat_map(|f| f.iter().copied())
}

/// Looks a rule up by its code.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}

/// Builds a `Rule` constant; the strict severity defaults to the normal one.
macro_rules! rule {
    ($code:literal, $name:literal, $sev:ident, $ty:ident, $summary:literal, $help:literal) => {
        rule!($code, $name, $sev, $sev, $ty, $summary, $help)
    };
    ($code:literal, $name:literal, $sev:ident, $strict:ident, $ty:ident, $summary:literal, $help:literal) => {
        &$crate::diag::Rule {
            code: $code,
            name: $name,
            severity: $crate::diag::Severity::$sev,
            strict: $crate::diag::Severity::$strict,
            issue_type: $crate::diag::IssueType::$ty,
            summary: $summary,
            help: $help,
        }
    };
}
pub(crate) use rule;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_in_order() {
        let rules: Vec<_> = all().collect();
        assert!(rules.len() >= 10);
        let mut seen = std::collections::HashSet::new();
        for r in &rules {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            let parts: Vec<_> = r.code.split('-').collect();
            assert_eq!(parts.len(), 3, "{}", r.code);
            assert_eq!(parts[0], "GOM");
            assert!(parts[1].chars().all(|c| c.is_ascii_uppercase()), "{}", r.code);
            assert!(parts[2].len() == 3 && parts[2].chars().all(|c| c.is_ascii_digit()), "{}", r.code);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", r.name);
            assert!(r.strict <= r.severity, "{}: strict mode may only raise severity", r.code);
            assert!(r.help.ends_with('.') && r.summary.ends_with('.'), "{}", r.code);
        }
        let mut names = std::collections::HashSet::new();
        for r in &rules {
            assert!(names.insert(r.name), "duplicate name {} ({})", r.name, r.code);
        }
        assert!(validator().all(|v| rules.iter().any(|r| std::ptr::eq(*r, v))));
        let seen: Vec<_> = seen.into_iter().collect();
        assert_eq!(seen.len(), rules.len());
        assert_eq!(find("GOM-JSON-001").unwrap().name, "json-syntax");
        for r in &rules {
            assert_eq!(name_of(r.code), Some(r.name));
        }
        assert_eq!(name_of("GOM-NONE-999"), None);
    }
}
