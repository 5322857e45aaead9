//! Example drafts for the "start from an example" button, so a first-time user and the browser
//! tests can see a complete order. Every person in them is fictional.

use gom_core::compose::Draft;

const TRIO: &str = include_str!("examples/trio.json");

/// A Trio: proband, mother and father, each with a blood sample and a record of discussion.
pub fn trio() -> Draft {
    crate::state::parse_json::<Draft>(TRIO).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_trio_example_is_a_complete_order() {
        let d = super::trio();
        assert_eq!(d.participants.len(), 2);
        let findings = gom_core::compose::check_draft(&d, "2026-03-01T10:00:00Z");
        assert!(findings.is_empty(), "{findings:?}");
        let bundle = gom_core::compose::compose(&d, &mut gom_core::compose::CounterIds::new(), "2026-03-01T10:00:00Z");
        let text = serde_json::to_string(&bundle).unwrap_or_default();
        let report = gom_core::validate(&text, &gom_core::Options::default());
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}
