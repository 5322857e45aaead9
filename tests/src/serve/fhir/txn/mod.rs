//! `POST [base]`: GOMS transactions (seed 002).
//!
//! 1. gom-core validates the Bundle (no lock held). A document that is not JSON or not a
//!    Bundle is a 400; any error finding fails the transaction (422, one OperationOutcome per
//!    entry) and nothing is stored.
//! 2. Under the writer lock: `ifNoneExist` is searched, PUT targets and `ifMatch` are checked,
//!    server ids are assigned, every reference is resolved and rewritten, updates pass the
//!    workflow rules for the caller (seam 1), and the broker's own changes are planned (seam 2).
//!    Any error fails the whole transaction.
//! 3. The commit is logged, applied and answered with a `transaction-response` carrying each
//!    entry's location (`Type/id/_history/n`), ETag and lastModified.

pub(super) mod entries;
pub(super) mod refs;
pub(super) mod response;

use std::sync::Arc;

use gom_core::rules::{bundle as rb, server as r};
use gom_core::{validate_bytes, Diagnostic, Options};
use serde_json::{json, Value};

use self::entries::{at, Action, Entry};
use super::commit::{version_of, Pending, Refused};
use super::reply::{status_line, Reply, Res};
use super::seams::{self, Caller};
use super::store::Store;
use super::{locate, new_id, query, search, Broker, Incoming};

/// The GOMS order number system; the broker assigns one to each ServiceRequest it creates.
pub use gom_core::fhir::systems::GMS_ORDER;

/// What the broker does with one entry once the store has been consulted.
enum Plan {
    Create(String),
    /// `ifNoneExist` matched this resource: nothing is written.
    Existing(Arc<Value>),
    Update(Arc<Value>),
    Ignore,
    /// The entry has an error: its fullUrl still maps to the server id it would have had, so
    /// references to it do not repeat the error on every entry that uses it.
    Failed(String),
}

impl Broker {
    pub(super) fn transaction(&self, req: &Incoming) -> Res {
        super::update::check_media_type(req)?;
        let caller = Caller::from_request(req)?;
        Ok(self.transaction_as(&req.body, &caller))
    }

    /// Runs a transaction given as the bytes of a Bundle, by a caller who did not say who they
    /// are (the role is unchecked).
    pub fn transaction_bytes(&self, body: &[u8]) -> Reply {
        self.transaction_as(body, &Caller::default())
    }

    /// Runs a transaction by `caller` (the HTTP handler, the lab simulator and `--demo` all come
    /// through here).
    pub fn transaction_as(&self, body: &[u8], caller: &Caller) -> Reply {
        self.run(body, caller).unwrap_or_else(|e| e)
    }

    fn run(&self, body: &[u8], caller: &Caller) -> Res {
        let report = validate_bytes(body, &Options::default());
        let unreadable = |d: &Diagnostic| {
            d.severity.is_error() && (d.code.starts_with("GOM-JSON-") || d.code == rb::NOT_A_BUNDLE.code)
        };
        if report.diagnostics.iter().any(unreadable) {
            return Err(Reply::json(400, report.to_operation_outcome()));
        }
        let bundle: Value = serde_json::from_slice(body)
            .map_err(|e| Reply::issue(400, r::BODY_INVALID, format!("The body is not a JSON Bundle: {e}")))?;
        let n = bundle["entry"].as_array().map_or(0, Vec::len);
        let mut diags = report.diagnostics;
        if diags.iter().any(|d| d.severity.is_error()) {
            return Err(response::failure(&diags, &bundle));
        }
        let (mut entries, found) = entries::parse(&bundle);
        diags.extend(found);
        if diags.iter().any(|d| d.severity.is_error()) {
            return Err(response::failure(&diags, &bundle));
        }
        let mut inner = self.write();
        let plans = plan(&inner.store, &mut entries, &mut diags, body, caller);
        if diags.iter().any(|d| d.severity.is_error()) {
            return Err(response::failure(&diags, &bundle));
        }
        let mut pending = Vec::new();
        // The entry each pending write came from.
        let mut sources = Vec::new();
        for (e, p) in entries.iter_mut().zip(&plans) {
            let previous = match p {
                Plan::Create(_) => None,
                Plan::Update(prev) => Some(Arc::clone(prev)),
                Plan::Existing(_) | Plan::Ignore | Plan::Failed(_) => continue,
            };
            pending.push(Pending { resource: std::mem::take(&mut e.resource), previous });
            sources.push(e.index);
        }
        let committed = match self.commit(&mut inner, pending) {
            Ok(c) => c,
            Err(Refused::Failed(reply)) => return Err(reply),
            Err(Refused::Rules(refused)) => {
                let mut found: Vec<Diagnostic> = refused
                    .into_iter()
                    .map(|(i, mut d)| {
                        d.entry = sources.get(i).map(|&e| e as u32);
                        d
                    })
                    .collect();
                locate::relocate(body, &mut found);
                diags.extend(found);
                return Err(response::failure(&diags, &bundle));
            }
        };
        drop(inner);
        let mut written = committed.iter();
        let mut out: Vec<Value> = (0..n).map(|_| json!({"response": {"status": "200 OK"}})).collect();
        for (e, p) in entries.iter().zip(&plans) {
            let (status, res) = match p {
                Plan::Create(_) => (201, written.next()),
                Plan::Update(_) => (200, written.next()),
                Plan::Existing(res) => (200, Some(res)),
                Plan::Ignore | Plan::Failed(_) => (200, None),
            };
            let mut response = json!({"status": status_line(status)});
            if let Some(res) = res {
                let v = version_of(res);
                let (rt, id) =
                    (res["resourceType"].as_str().unwrap_or_default(), res["id"].as_str().unwrap_or_default());
                response["location"] = json!(format!("{rt}/{id}/_history/{v}"));
                response["etag"] = json!(format!("W/\"{v}\""));
                response["lastModified"] = res["meta"]["lastUpdated"].clone();
            }
            let own: Vec<&Diagnostic> = diags.iter().filter(|d| d.entry == Some(e.index as u32)).collect();
            if !own.is_empty() {
                response["outcome"] = gom_core::outcome::operation_outcome(own);
            }
            let mut entry = json!({"response": response});
            if let Some(f) = &e.full_url {
                entry["fullUrl"] = json!(f);
            }
            if let Some(slot) = out.get_mut(e.index) {
                *slot = entry;
            }
        }
        Ok(Reply::ok(response::response_bundle(out)))
    }
}

/// Consults the store for every entry, assigns ids, rewrites references and runs the update
/// seam for `caller`. Findings go to `diags`, placed in the Bundle `body`; the plans are in
/// entry order.
fn plan(store: &Store, entries: &mut [Entry], diags: &mut Vec<Diagnostic>, body: &[u8], caller: &Caller) -> Vec<Plan> {
    let mut plans = Vec::with_capacity(entries.len());
    for e in entries.iter() {
        plans.push(match &e.action {
            Action::Ignore => Plan::Ignore,
            Action::Create { if_none_exist: None } => Plan::Create(new_id()),
            Action::Create { if_none_exist: Some(q) } => match if_none_exist(store, e, q) {
                Ok(Some(existing)) => Plan::Existing(Arc::clone(existing)),
                Ok(None) => Plan::Create(new_id()),
                Err(d) => {
                    diags.push(*d);
                    Plan::Failed(new_id())
                }
            },
            Action::Update { id, if_match } => match store.current(&e.rtype, id) {
                None => {
                    let msg = format!("There is no `{}/{id}` to update", e.rtype);
                    diags.push(at(r::UPDATE_TARGET_MISSING, e.index, "request.url", msg));
                    Plan::Failed(id.clone())
                }
                Some(cur) if if_match.is_some_and(|v| v != version_of(cur)) => {
                    let msg = format!(
                        "`ifMatch` names version {} but `{}/{id}` is at version {}",
                        if_match.unwrap_or_default(),
                        e.rtype,
                        version_of(cur)
                    );
                    diags.push(at(r::VERSION_CONFLICT, e.index, "request.ifMatch", msg));
                    Plan::Failed(id.clone())
                }
                Some(cur) => Plan::Update(Arc::clone(cur)),
            },
        });
    }
    let mut targets = refs::Targets::default();
    let server_ref = |e: &Entry, p: &Plan| -> Option<String> {
        match (p, &e.action) {
            (Plan::Create(id) | Plan::Failed(id), _) => Some(format!("{}/{id}", e.rtype)),
            (Plan::Existing(res), _) => Some(format!("{}/{}", e.rtype, res["id"].as_str().unwrap_or_default())),
            (Plan::Update(_), Action::Update { id, .. }) => Some(format!("{}/{id}", e.rtype)),
            _ => None,
        }
    };
    for (e, p) in entries.iter().zip(&plans) {
        if let (Some(f), Some(t)) = (&e.full_url, server_ref(e, p)) {
            targets.insert(f, t);
        }
    }
    for (e, p) in entries.iter().zip(&plans) {
        let rid = e.resource["id"].as_str().filter(|id| super::store::is_id(id));
        if let (Plan::Create(_) | Plan::Existing(_) | Plan::Failed(_), Some(rid), Some(t)) = (p, rid, server_ref(e, p))
        {
            targets.insert_alias(&format!("{}/{rid}", e.rtype), t);
        }
    }
    let mut workflow = Vec::new();
    for (e, p) in entries.iter_mut().zip(&plans) {
        match p {
            Plan::Create(id) => {
                refs::rewrite(&mut e.resource, Some(e.index), e.full_url.as_deref(), &targets, store, diags);
                e.resource["id"] = json!(id);
                if e.rtype == "ServiceRequest" {
                    assign_order_number(&mut e.resource);
                }
            }
            Plan::Update(prev) => {
                refs::rewrite(&mut e.resource, Some(e.index), e.full_url.as_deref(), &targets, store, diags);
                if let Action::Update { id, .. } = &e.action {
                    e.resource["id"] = json!(id);
                }
                for mut d in seams::check_update(prev, &e.resource, caller) {
                    d.entry = Some(e.index as u32);
                    workflow.push(d);
                }
            }
            Plan::Existing(_) | Plan::Ignore | Plan::Failed(_) => {}
        }
    }
    if !workflow.is_empty() {
        locate::relocate(body, &mut workflow);
        diags.append(&mut workflow);
    }
    plans
}

/// The one resource an `ifNoneExist` query finds, `None` if it finds none, a finding if it
/// finds several or cannot be run.
fn if_none_exist<'s>(store: &'s Store, e: &Entry, q: &str) -> Result<Option<&'s Arc<Value>>, Box<Diagnostic>> {
    let invalid = |msg: String| Box::new(at(r::IF_NONE_EXIST_INVALID, e.index, "request.ifNoneExist", msg));
    // FHIR says "the query part", but examples write `Patient?identifier=…`: accept both.
    let q_part = q.strip_prefix(e.rtype.as_str()).unwrap_or(q);
    let pairs =
        query::parse(q_part.trim_start_matches('?')).map_err(|_| invalid(format!("`{q}` is not a valid query")))?;
    if pairs.is_empty() {
        return Err(invalid("`ifNoneExist` is empty".into()));
    }
    let hits = search::find(store, &e.rtype, &pairs).map_err(|(_, msg, _)| invalid(msg))?;
    match hits.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => Err(Box::new(at(
            r::IF_NONE_EXIST_MULTIPLE,
            e.index,
            "request.ifNoneExist",
            format!("`{q}` matches {} {} resources", many.len(), e.rtype),
        ))),
    }
}

/// Adds a `https://fhir.nhs.uk/Id/GMSOrder` identifier (a UUID, as GOMS assigns) unless the
/// order already has one: MNS events carry it as their `subject`.
fn assign_order_number(sr: &mut Value) {
    let has = search::at_path(sr, "identifier").iter().any(|i| i["system"] == GMS_ORDER);
    if has {
        return;
    }
    let ident = json!({"system": GMS_ORDER, "value": new_id()});
    match sr.get_mut("identifier") {
        Some(Value::Array(a)) => a.push(ident),
        None => sr["identifier"] = json!([ident]),
        Some(_) => {}
    }
}
