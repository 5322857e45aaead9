//! `PUT [type]/[id]` for Task and ServiceRequest: the lab's status updates and the requester's
//! order changes, with `If-Match` version checks (412 on a stale version), the workflow rules
//! for the caller named by `X-Gom-Role` and `X-Gom-Actor` (seam 1, 422 on an illegal change),
//! and the broker's own follow-on changes (seam 2). Other types change only through a
//! transaction.

use gom_core::rules::server as r;
use gom_core::{validate_bytes, Options};
use serde_json::Value;

use super::commit::{version_of, Pending, Refused};
use super::query::etag_version;
use super::reply::{Reply, Res};
use super::seams::{self, Caller};
use super::store::is_id;
use super::{locate, Broker, Incoming};

/// The types that take a direct PUT.
pub const PUT_TYPES: &[&str] = &["Task", "ServiceRequest"];

/// FHIR JSON only; a missing Content-Type is taken as JSON (curl, simple clients).
pub fn check_media_type(req: &Incoming) -> Res<()> {
    match req.header("content-type") {
        None => Ok(()),
        Some(ct) if ct.to_ascii_lowercase().contains("json") => Ok(()),
        Some(ct) => Err(Reply::issue(415, r::MEDIA_TYPE_UNSUPPORTED, format!("`Content-Type: {ct}` is not FHIR JSON"))),
    }
}

/// Parses a body that must be one resource of `rtype`: unreadable JSON is a 400 with the
/// validator's positioned JSON findings.
pub fn parse_resource(body: &[u8], rtype: &str) -> Res<Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            let report = validate_bytes(body, &Options::default());
            let json: Vec<_> = report.diagnostics.into_iter().filter(|d| d.code.starts_with("GOM-JSON-")).collect();
            if json.is_empty() {
                return Err(Reply::issue(400, r::BODY_INVALID, format!("The body is not JSON: {e}")));
            }
            return Err(Reply::diagnostics(400, &json));
        }
    };
    match value["resourceType"].as_str() {
        Some(t) if t == rtype => Ok(value),
        Some(t) => Err(Reply::issue(400, r::BODY_INVALID, format!("The body is a {t}, but the URL names a {rtype}"))),
        None => {
            Err(Reply::issue(400, r::BODY_INVALID, format!("The body must be a {rtype} resource with `resourceType`")))
        }
    }
}

impl Broker {
    pub(super) fn update(&self, rtype: &str, id: &str, req: &Incoming) -> Res {
        check_media_type(req)?;
        let if_match = match req.header("if-match") {
            None => None,
            Some(tag) => Some(etag_version(tag).ok_or_else(|| {
                Reply::issue(
                    400,
                    r::IF_MATCH_INVALID,
                    format!("`If-Match: {tag}` is not a version ETag such as `W/\"3\"`"),
                )
            })?),
        };
        let caller = Caller::from_request(req)?;
        self.update_resource(rtype, id, &req.body, if_match, &caller)
    }

    /// A direct update by `caller`, also used by the lab simulator.
    pub fn update_resource(&self, rtype: &str, id: &str, body: &[u8], if_match: Option<u64>, caller: &Caller) -> Res {
        if !is_id(id) {
            return Err(Reply::issue(400, r::ID_INVALID, format!("`{id}` is not a valid resource id")));
        }
        let resource = parse_resource(body, rtype)?;
        match resource.get("id") {
            Some(v) if v.as_str() == Some(id) => {}
            Some(v) => {
                return Err(Reply::issue(
                    400,
                    r::BODY_INVALID,
                    format!("The body's id is {v}, but the URL names `{id}`"),
                ))
            }
            None => return Err(Reply::issue(400, r::BODY_INVALID, "An update must carry the resource's `id`")),
        }
        let mut inner = self.write();
        let current = inner.store.current(rtype, id).cloned().ok_or_else(|| {
            Reply::issue(404, r::UPDATE_TARGET_MISSING, format!("There is no `{rtype}/{id}` to update"))
        })?;
        if let Some(v) = if_match {
            let have = version_of(&current);
            if v != have {
                let msg = format!("`If-Match` names version {v} but `{rtype}/{id}` is at version {have}");
                return Err(Reply::issue(412, r::VERSION_CONFLICT, msg));
            }
        }
        let mut resource = resource;
        let mut findings = Vec::new();
        let no_entries = super::txn::refs::Targets::default();
        super::txn::refs::rewrite(&mut resource, None, None, &no_entries, &inner.store, &mut findings);
        let mut workflow = seams::check_update(&current, &resource, caller);
        locate::relocate(body, &mut workflow);
        findings.extend(workflow);
        if findings.iter().any(|d| d.severity.is_error()) {
            return Err(Reply::diagnostics(422, &findings));
        }
        let committed = match self.commit(&mut inner, vec![Pending { resource, previous: Some(current) }]) {
            Ok(c) => c,
            Err(Refused::Failed(reply)) => return Err(reply),
            Err(Refused::Rules(refused)) => {
                let mut diags: Vec<_> = refused.into_iter().map(|(_, d)| d).collect();
                locate::relocate(body, &mut diags);
                return Err(Reply::diagnostics(422, &diags));
            }
        };
        drop(inner);
        let res = committed.first().ok_or_else(|| Reply::issue(500, r::INTERNAL_ERROR, "The commit wrote nothing"))?;
        Ok(Reply::ok(Value::clone(res)).with_version_headers(res))
    }
}
