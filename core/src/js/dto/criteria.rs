//! The criteria language and events at the boundary.

use serde::{Deserialize, Serialize};

use super::Issue;
use crate::criteria::{self, Dialect};

/// `compileCriteria` and `lintCriteria` options.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CriteriaOptions {
    pub dialect: Dialect,
}

/// `convertEvent` options: the id of the FHIR form's Parameters and entry (default: the event id).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct EventOptions {
    pub entry_id: Option<String>,
}

/// One evaluation of a criteria against an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// `true` when a subscription with this criteria would deliver the event.
    pub matched: bool,
    pub value: serde_json::Value,
    /// CESQL error kinds raised (`parse`, `missingAttribute`, `cast` …).
    pub errors: Vec<&'static str>,
    /// Findings reading the event; when there are any, nothing matched.
    pub issues: Vec<Issue>,
}

impl From<&criteria::Evaluation> for Evaluation {
    fn from(e: &criteria::Evaluation) -> Evaluation {
        Evaluation { matched: e.matched(), value: e.value.to_json(), errors: e.errors.names(), issues: Vec::new() }
    }
}

/// An event checked (and converted): its form, the event in the form asked for, the findings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventCheck {
    pub valid: bool,
    /// `cloudevent`, `fhir` or `orders` (an orders-service event); `null` when unreadable.
    pub form: Option<&'static str>,
    pub event: Option<serde_json::Value>,
    pub issues: Vec<Issue>,
}
