//! Who makes a change. GOMS learns the caller's organisation and role from its access token;
//! this broker has no authentication, so a client says who it is in two headers:
//! `X-Gom-Role: placer|filler` and `X-Gom-Actor: <ODS code>`. Without them the role is
//! unchecked (only that the transition exists is enforced) and owner changes are reported as
//! unchecked; nobody may claim to be the broker, whose role is for the broker's own changes.

use gom_core::rules::server as r;
use gom_core::workflow::{Role, UpdateOptions, Workflow};

use crate::serve::fhir::reply::{Reply, Res};
use crate::serve::fhir::Incoming;

pub const ROLE_HEADER: &str = "X-Gom-Role";
pub const ACTOR_HEADER: &str = "X-Gom-Actor";

/// The caller's side of the conversation and organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Caller {
    pub role: Option<Role>,
    /// An ODS code.
    pub actor: Option<String>,
}

impl Caller {
    /// The performing lab `ods`, as the lab simulator acts.
    pub fn filler(ods: &str) -> Caller {
        Caller { role: Some(Role::Filler), actor: Some(ods.to_owned()) }
    }

    pub fn from_request(req: &Incoming) -> Res<Caller> {
        Caller::from_headers(req.header(ROLE_HEADER), req.header(ACTOR_HEADER))
    }

    /// Reads the two headers; an unusable value is a 400, never silently ignored.
    pub fn from_headers(role: Option<&str>, actor: Option<&str>) -> Res<Caller> {
        let bad = |msg: String| Reply::issue(400, r::CALLER_HEADER_INVALID, msg);
        let role = match role.map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => match Role::parse(&v.to_ascii_lowercase()) {
                Some(Role::Broker) => {
                    return Err(bad(format!("`{ROLE_HEADER}: {v}` is reserved for the broker's own changes")))
                }
                Some(role) => Some(role),
                None => return Err(bad(format!("`{ROLE_HEADER}: {v}` is not `placer` or `filler`"))),
            },
        };
        let actor = match actor.map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) if v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric()) => Some(v.to_owned()),
            Some(v) => return Err(bad(format!("`{ACTOR_HEADER}: {v}` is not an ODS code"))),
        };
        Ok(Caller { role, actor })
    }

    /// The options of gom-core's update check: always the GMS workflow.
    pub fn options(&self) -> UpdateOptions {
        UpdateOptions { workflow: Workflow::Gms, role: self.role, actor: self.actor.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_role_and_actor_headers() {
        let ok = |role, actor| Caller::from_headers(role, actor).map_err(|e| e.status);
        assert_eq!(ok(None, None), Ok(Caller::default()));
        assert_eq!(ok(Some(" Filler "), Some("RJ1")), Ok(Caller::filler("RJ1")));
        assert_eq!(ok(Some("placer"), Some("")), Ok(Caller { role: Some(Role::Placer), actor: None }));
        for (role, actor) in [(Some("broker"), None), (Some("lab"), None), (None, Some("RJ 1")), (None, Some("X-1"))] {
            assert_eq!(ok(role, actor), Err(400), "{role:?} {actor:?}");
        }
    }
}
