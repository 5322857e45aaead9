//! The sections of the order form, in order: the task list, the error summary and the page
//! share this one table.

/// (anchor path, heading, draft paths the section covers).
pub const SECTIONS: &[(&str, &str, &[&str])] = &[
    ("patient", "Patient", &["patient"]),
    ("requester", "Requesting clinician", &["requester"]),
    ("test", "Test and reason", &["test", "reason", "priority", "localOrderId", "note", "order", "funding"]),
    ("indication", "Clinical indication", &["indication"]),
    ("specimens", "Specimens", &["specimens"]),
    ("consent", "Record of discussion", &["consent"]),
    ("participants", "Family members (Duo or Trio)", &["participants"]),
    ("performer", "Performing laboratory", &["performer"]),
];

/// Whether `path` lies in one of `prefixes`.
pub fn covers(prefixes: &[&str], path: &str) -> bool {
    prefixes.iter().any(|p| {
        path.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_draft_field_has_a_section() {
        for path in [
            "patient.nhsNumber",
            "requester.phone",
            "test.code",
            "reason",
            "order",
            "indication.conditions[0].code",
            "specimens[1].collected",
            "consent.date",
            "participants[0].person.sex",
            "performer.ods",
            "localOrderId",
        ] {
            assert_eq!(SECTIONS.iter().filter(|(_, _, p)| covers(p, path)).count(), 1, "{path}");
        }
        assert!(!covers(&["test"], "testing"));
    }
}
