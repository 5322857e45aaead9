//! Search: one table of parameters per resource type, used by the `GET [type]?…` handler,
//! `ifNoneExist` in transactions, the lab simulator and the CapabilityStatement, so what the
//! broker says it supports is what it does.

use std::sync::Arc;

use gom_core::rules::server as r;
use serde_json::{json, Value};

use super::query;
use super::reply::{Reply, Res};
use super::store::Store;
use super::Broker;

/// How a parameter compares its value with the elements at its paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `[system|]code` against a code, Coding, CodeableConcept or Identifier.
    Token,
    /// `Type/id` or `id` against a Reference.
    Reference,
    /// `[system|]value` against the identifier of a Reference, written in it or on its target
    /// (the `:identifier` modifier and the `.identifier` chain).
    RefIdentifier,
}

#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub path: &'static str,
    pub doc: &'static str,
}

const fn p(name: &'static str, kind: Kind, path: &'static str, doc: &'static str) -> Param {
    Param { name, kind, path, doc }
}

use Kind::{RefIdentifier as RefId, Reference as Ref, Token as Tok};

const SR: &[Param] = &[
    p("identifier", Tok, "identifier", "Order identifier, e.g. `https://fhir.nhs.uk/Id/GMSOrder|<uuid>`"),
    p("status", Tok, "status", "Order status"),
    p("patient", Ref, "subject", "The patient"),
    p("subject", Ref, "subject", "The patient"),
    p("patient:identifier", RefId, "subject", "The patient's NHS number (`https://fhir.nhs.uk/Id/nhs-number|…`)"),
    p("patient.identifier", RefId, "subject", "Same as `patient:identifier`"),
    p("subject:identifier", RefId, "subject", "Same as `patient:identifier`"),
    p("performer:identifier", RefId, "performer", "ODS code of the performing lab"),
    p("requester", Ref, "requester", "The requesting PractitionerRole"),
];
const TASK: &[Param] = &[
    p("focus", Ref, "focus", "The ServiceRequest the Task fulfils"),
    p("owner:identifier", RefId, "owner", "ODS code of the owner, with or without system"),
    p("status", Tok, "status", "Task status"),
    p("code", Tok, "code", "Task code, e.g. `process-genomic-test-request`"),
    p("business-status", Tok, "businessStatus", "Business status, e.g. `sample-received`"),
    p("identifier", Tok, "identifier", "Task identifier"),
    p("patient", Ref, "for", "The patient"),
    p("patient:identifier", RefId, "for", "The patient's NHS number"),
    p("part-of", Ref, "partOf", "The parent Task"),
    p("requester", Ref, "requester", "The requesting PractitionerRole"),
];
const DR: &[Param] = &[
    p("based-on", Ref, "basedOn", "The ServiceRequest reported on"),
    p("identifier", Tok, "identifier", "Report identifier"),
    p("status", Tok, "status", "Report status"),
    p("patient", Ref, "subject", "The patient"),
    p("patient:identifier", RefId, "subject", "The patient's NHS number"),
];
const SPECIMEN: &[Param] = &[
    p("request", Ref, "request", "The ServiceRequest the specimen was taken for"),
    p("identifier", Tok, "identifier", "Specimen identifier"),
    p("status", Tok, "status", "Specimen status"),
    p("patient", Ref, "subject", "The patient"),
    p("patient:identifier", RefId, "subject", "The patient's NHS number"),
];
const PATIENT: &[Param] = &[p("identifier", Tok, "identifier", "NHS number or local identifier")];
const IDENTIFIED: &[Param] = &[p("identifier", Tok, "identifier", "Identifier")];
const OBSERVATION: &[Param] = &[
    p("patient", Ref, "subject", "The patient"),
    p("based-on", Ref, "basedOn", "The ServiceRequest"),
    p("code", Tok, "code", "Observation code"),
];

/// Types with search parameters beyond `_id`, for the CapabilityStatement.
pub const SEARCHABLE: &[&str] = &[
    "ServiceRequest",
    "Task",
    "DiagnosticReport",
    "Specimen",
    "Patient",
    "PractitionerRole",
    "RelatedPerson",
    "RequestGroup",
    "Observation",
];

pub fn params(rtype: &str) -> &'static [Param] {
    match rtype {
        "ServiceRequest" => SR,
        "Task" => TASK,
        "DiagnosticReport" => DR,
        "Specimen" => SPECIMEN,
        "Patient" => PATIENT,
        "PractitionerRole" | "RelatedPerson" | "RequestGroup" => IDENTIFIED,
        "Observation" => OBSERVATION,
        _ => &[],
    }
}

/// Result-control parameters accepted on every search.
pub const CONTROL: &[&str] = &["_id", "_count", "_offset", "_sort", "_format", "_pretty"];
const MAX_COUNT: usize = 1000;

/// `GET [type]?…`: a `searchset` Bundle, paged by `_count` (default 100, at most 1000) and
/// `_offset`, in creation order unless `_sort=[-]_lastUpdated`.
pub fn handle(b: &Broker, rtype: &str, raw_query: &str, base: &str) -> Res {
    let pairs = query::parse(raw_query)?;
    let mut count = 100usize;
    let mut offset = 0usize;
    let mut sort: Option<bool> = None;
    for (k, v) in &pairs {
        let bad = |what: &str| Reply::issue(400, r::SEARCH_VALUE_INVALID, format!("`{k}={v}`: {what}"));
        match k.as_str() {
            "_count" => count = v.parse().ok().filter(|c| *c <= MAX_COUNT).ok_or_else(|| bad("a number up to 1000"))?,
            "_offset" => offset = v.parse().map_err(|_| bad("a number"))?,
            "_sort" => {
                sort = Some(match v.as_str() {
                    "_lastUpdated" => false,
                    "-_lastUpdated" => true,
                    _ => return Err(bad("only `_lastUpdated` and `-_lastUpdated` are supported")),
                })
            }
            _ => {}
        }
    }
    let inner = b.read();
    let mut hits = find(&inner.store, rtype, &pairs).map_err(|(status, msg, rule)| Reply::issue(status, rule, msg))?;
    if let Some(desc) = sort {
        hits.sort_by(|a, b| {
            let (x, y) = (a["meta"]["lastUpdated"].as_str(), b["meta"]["lastUpdated"].as_str());
            if desc {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        });
    }
    let total = hits.len();
    let entries: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(count)
        .map(|res| {
            json!({
                "fullUrl": super::full_url(base, &format!("{rtype}/{}", res["id"].as_str().unwrap_or_default())),
                "resource": Value::clone(res),
                "search": {"mode": "match"}
            })
        })
        .collect();
    let kept: Vec<String> =
        raw_query.split('&').filter(|p| !p.is_empty() && !p.starts_with("_offset=")).map(str::to_owned).collect();
    let page = |off: usize| {
        let mut q = kept.clone();
        q.push(format!("_offset={off}"));
        format!("{rtype}?{}", q.join("&"))
    };
    let mut links = vec![json!({"relation": "self", "url": page(offset)})];
    if count > 0 && offset + count < total {
        links.push(json!({"relation": "next", "url": page(offset + count)}));
    }
    Ok(Reply::ok(json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": super::now(),
        "total": total,
        "link": links,
        "entry": entries
    })))
}

/// The current resources of `rtype` matching every parameter (values within one are ORed).
/// Control parameters are skipped. An unknown parameter or a malformed value is an error
/// `(status, message, rule)`.
pub fn find<'s>(
    store: &'s Store,
    rtype: &str,
    pairs: &[(String, String)],
) -> Result<Vec<&'s Arc<Value>>, (u16, String, &'static gom_core::Rule)> {
    let table = params(rtype);
    let mut tests: Vec<(&Param, Vec<&str>)> = Vec::new();
    let mut ids: Option<Vec<&str>> = None;
    for (k, v) in pairs {
        if k == "_id" {
            ids = Some(v.split(',').collect());
            continue;
        }
        if CONTROL.contains(&k.as_str()) {
            continue;
        }
        let Some(param) = table.iter().find(|p| p.name == k) else {
            let known: Vec<&str> = table.iter().map(|p| p.name).chain(["_id"]).collect();
            let msg = format!("`{k}` is not a search parameter of {rtype} here; supported: {}", known.join(", "));
            return Err((400, msg, r::SEARCH_PARAMETER_UNKNOWN));
        };
        let values: Vec<&str> = v.split(',').filter(|s| !s.is_empty()).collect();
        if values.is_empty() {
            return Err((400, format!("`{k}` needs a value"), r::SEARCH_VALUE_INVALID));
        }
        tests.push((param, values));
    }
    // A search on an indexed link by `Type/id` starts from the index instead of every resource.
    let link = Store::link_of(rtype);
    let indexed = tests.iter().find(|(p, values)| {
        p.kind == Kind::Reference && Some(p.path) == link && values.iter().all(|v| relative(v).contains('/'))
    });
    let candidates = match indexed {
        Some((_, values)) => {
            let targets: Vec<String> = values.iter().map(|v| relative(v)).collect();
            store.referring(rtype, &targets.iter().map(String::as_str).collect::<Vec<_>>())
        }
        None => store.of_type(rtype),
    };
    Ok(candidates
        .into_iter()
        .filter(|res| ids.as_ref().is_none_or(|ids| ids.iter().any(|id| res["id"] == *id)))
        .filter(|res| {
            tests.iter().all(|(param, values)| {
                let nodes = at_path(res, param.path);
                values.iter().any(|v| nodes.iter().any(|n| matches(store, param.kind, n, v)))
            })
        })
        .collect())
}

/// The elements at a dotted path, flattening arrays at each step.
pub fn at_path<'v>(res: &'v Value, path: &str) -> Vec<&'v Value> {
    let mut cur = vec![res];
    for step in path.split('.') {
        let mut next = Vec::new();
        for v in cur {
            match v.get(step) {
                Some(Value::Array(items)) => next.extend(items.iter()),
                Some(x) => next.push(x),
                None => {}
            }
        }
        cur = next;
    }
    cur
}

fn matches(store: &Store, kind: Kind, node: &Value, value: &str) -> bool {
    match kind {
        Kind::Token => token_matches(node, value),
        Kind::Reference => node["reference"].as_str().is_some_and(|r| reference_matches(r, value)),
        Kind::RefIdentifier => {
            token_matches(&node["identifier"], value)
                || node["reference"]
                    .as_str()
                    .and_then(|r| store.resolve(&relative(r)))
                    .is_some_and(|target| at_path(target, "identifier").iter().any(|i| token_matches(i, value)))
        }
    }
}

/// `[system|]code` against a code, Coding, CodeableConcept or Identifier (or an array of them).
pub fn token_matches(node: &Value, value: &str) -> bool {
    let (system, code) = match value.split_once('|') {
        Some((s, c)) => (Some(s), c),
        None => (None, value),
    };
    let pair = |s: Option<&str>, c: Option<&str>| {
        let sys_ok = match system {
            None => true,
            Some("") => s.is_none_or(str::is_empty),
            Some(want) => s.is_some_and(|s| same_system(s, want)),
        };
        sys_ok && (code.is_empty() || c == Some(code))
    };
    match node {
        Value::String(s) => system.is_none_or(str::is_empty) && s == code,
        Value::Array(items) => items.iter().any(|i| token_matches(i, value)),
        Value::Object(o) => {
            if let Some(Value::Array(codings)) = o.get("coding") {
                return codings.iter().any(|c| pair(c["system"].as_str(), c["code"].as_str()));
            }
            if o.contains_key("value") {
                return pair(o.get("system").and_then(Value::as_str), o.get("value").and_then(Value::as_str));
            }
            pair(o.get("system").and_then(Value::as_str), o.get("code").and_then(Value::as_str))
        }
        _ => false,
    }
}

/// Systems are compared exactly, except that the IG spells the ODS system two ways
/// (`ods-organization-code` in most places, `ods-organisation-code` in Task.owner and
/// DiagnosticReport.performer) and GOMS's own search example uses the other one.
fn same_system(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("ods-organisation-code", "ods-organization-code");
    a == b || norm(a) == norm(b)
}

/// `value` (`Type/id`, `id` or an absolute URL ending in `Type/id`) names the target of
/// `reference`.
pub fn reference_matches(reference: &str, value: &str) -> bool {
    let have = relative(reference);
    let want = relative(value);
    if want.contains('/') {
        have == want
    } else {
        have.rsplit('/').next() == Some(want.as_str())
    }
}

/// The `Type/id` tail of a reference, without any `/_history/n` or base URL.
pub fn relative(reference: &str) -> String {
    let r = reference.split_once("/_history/").map_or(reference, |(head, _)| head);
    let mut parts = r.rsplit('/');
    match (parts.next(), parts.next()) {
        (Some(id), Some(t)) if super::store::is_type(t) => format!("{t}/{id}"),
        _ => r.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_codes_codings_and_identifiers() {
        let ident = json!({"system": "https://fhir.nhs.uk/Id/ods-organisation-code", "value": "699X0"});
        let cc = json!({"coding": [{"system": "https://fhir.nhs.uk/CodeSystem/task-code-genomics", "code": "interpretation"}]});
        for (node, value, want) in [
            (&ident, "699X0", true),
            (&ident, "https://fhir.nhs.uk/Id/ods-organization-code|699X0", true),
            (&ident, "https://fhir.nhs.uk/Id/ods-organisation-code|699X0", true),
            (&ident, "https://other|699X0", false),
            (&ident, "|699X0", false),
            (&ident, "https://fhir.nhs.uk/Id/ods-organisation-code|", true),
            (&cc, "interpretation", true),
            (&cc, "https://fhir.nhs.uk/CodeSystem/task-code-genomics|interpretation", true),
            (&cc, "genomic-mdt", false),
            (&json!("active"), "active", true),
            (&json!("active"), "x|active", false),
        ] {
            assert_eq!(token_matches(node, value), want, "{node} {value}");
        }
    }

    #[test]
    fn references_match_by_type_and_id() {
        for (reference, value, want) in [
            ("ServiceRequest/1", "ServiceRequest/1", true),
            ("ServiceRequest/1", "1", true),
            ("ServiceRequest/1/_history/2", "ServiceRequest/1", true),
            ("http://h/FHIR/R4/ServiceRequest/1", "ServiceRequest/1", true),
            ("ServiceRequest/1", "http://h/FHIR/R4/ServiceRequest/1", true),
            ("ServiceRequest/1", "Task/1", false),
            ("ServiceRequest/12", "1", false),
        ] {
            assert_eq!(reference_matches(reference, value), want, "{reference} {value}");
        }
    }
}
