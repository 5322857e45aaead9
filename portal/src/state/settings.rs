//! Where orders go. Persisted; the bearer token is not (see [`super::AppState::token`]).

use gom_core::compose::TestEntry;
use serde::{Deserialize, Serialize};

/// The local harness and any GOMS-like server mounted at the page's own origin.
pub const DEFAULT_FHIR_BASE: &str = "/FHIR/R4";
pub const DEFAULT_POLL_SECONDS: u32 = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The FHIR base URL: a path on this origin, or an absolute `https://` URL.
    pub fhir_base: String,
    /// How often the tracker polls for Tasks.
    pub poll_seconds: u32,
    /// Tests the requester added to the built-in catalogue (gom-core's `TestEntry::local`).
    pub tests: Vec<TestEntry>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { fhir_base: DEFAULT_FHIR_BASE.to_owned(), poll_seconds: DEFAULT_POLL_SECONDS, tests: Vec::new() }
    }
}

impl Settings {
    /// The base without a trailing slash; the default when left empty.
    pub fn base(&self) -> String {
        let b = self.fhir_base.trim().trim_end_matches('/');
        if b.is_empty() {
            DEFAULT_FHIR_BASE.to_owned()
        } else {
            b.to_owned()
        }
    }

    /// `base/tail`, e.g. `Task?focus=ServiceRequest/1`.
    pub fn url(&self, tail: &str) -> String {
        format!("{}/{}", self.base(), tail.trim_start_matches('/'))
    }

    /// The poll interval, kept between 2 s and 10 min so a typo cannot flood the server.
    pub fn poll_millis(&self) -> u32 {
        self.poll_seconds.clamp(2, 600) * 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_without_double_slashes() {
        let mut s = Settings::default();
        assert_eq!(s.url("Task?focus=ServiceRequest/1"), "/FHIR/R4/Task?focus=ServiceRequest/1");
        s.fhir_base = " https://goms.example/FHIR/R4/ ".into();
        assert_eq!(s.url("/metadata"), "https://goms.example/FHIR/R4/metadata");
        s.fhir_base = "  ".into();
        assert_eq!(s.base(), DEFAULT_FHIR_BASE);
    }

    #[test]
    fn poll_interval_is_bounded() {
        let mut s = Settings { poll_seconds: 0, ..Settings::default() };
        assert_eq!(s.poll_millis(), 2000);
        s.poll_seconds = 100_000;
        assert_eq!(s.poll_millis(), 600_000);
    }
}
