//! `[type]/[id]/$graph`: the start resource with what it references, transitively, plus the
//! reverse links GOMS's GraphDefinitions name from a ServiceRequest (Specimen.request,
//! Task.focus), as a `searchset` Bundle. Other ServiceRequests reached (basedOn, a Task's
//! focus) are included but not expanded: the GraphDefinition asks for a separate call.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use gom_core::rules::server as r;
use serde_json::{json, Value};

use super::reply::{Reply, Res};
use super::search::{at_path, reference_matches, relative};
use super::{query, Broker};

/// The GraphDefinitions `graph=` accepts (name or canonical URL) and the type each starts at.
pub const GRAPHS: &[(&str, &str)] =
    &[("genomics-test-order", "ServiceRequest"), ("genomics-test-result", "DiagnosticReport")];
const CANONICAL: &str = "https://fhir.nhs.uk/GraphDefinition/";
/// Reverse links followed from the start: (type, path that references the start).
const REVERSE: &[(&str, &str, &str)] =
    &[("ServiceRequest", "Specimen", "request"), ("ServiceRequest", "Task", "focus")];
const MAX_RESOURCES: usize = 1000;
const MAX_DEPTH: usize = 8;

pub fn handle(b: &Broker, rtype: &str, id: &str, raw_query: &str, base: &str) -> Res {
    for (k, v) in query::parse(raw_query)? {
        match k.as_str() {
            "graph" => {
                let name = v.strip_prefix(CANONICAL).unwrap_or(&v);
                match GRAPHS.iter().find(|(n, _)| *n == name) {
                    Some((_, start)) if *start == rtype => {}
                    Some((_, start)) => {
                        let msg = format!("The GraphDefinition `{name}` starts at {start}, not {rtype}");
                        return Err(Reply::issue(400, r::SEARCH_VALUE_INVALID, msg));
                    }
                    None => {
                        let names: Vec<&str> = GRAPHS.iter().map(|g| g.0).collect();
                        let msg = format!("Unknown GraphDefinition `{v}`; known: {}", names.join(", "));
                        return Err(Reply::issue(400, r::SEARCH_VALUE_INVALID, msg));
                    }
                }
            }
            "_format" | "_pretty" => {}
            _ => {
                return Err(Reply::issue(
                    400,
                    r::SEARCH_PARAMETER_UNKNOWN,
                    format!("`$graph` takes `graph`, not `{k}`"),
                ))
            }
        }
    }
    let inner = b.read();
    let store = &inner.store;
    let start = store
        .current(rtype, id)
        .ok_or_else(|| Reply::issue(404, r::NOT_FOUND, format!("There is no `{rtype}/{id}`")))?;
    let start_ref = format!("{rtype}/{id}");
    let mut seen: HashSet<String> = HashSet::from([start_ref.clone()]);
    let mut out: Vec<(&Arc<Value>, &str)> = vec![(start, "match")];
    let mut queue: VecDeque<(&Arc<Value>, usize)> = VecDeque::from([(start, 0)]);
    for (from, via, path) in REVERSE {
        if *from != rtype {
            continue;
        }
        for res in store.of_type(via) {
            let links = at_path(res, path);
            if links.iter().any(|l| l["reference"].as_str().is_some_and(|x| reference_matches(x, &start_ref))) {
                let key = format!("{via}/{}", res["id"].as_str().unwrap_or_default());
                if seen.insert(key) {
                    out.push((res, "include"));
                    queue.push_back((res, 1));
                }
            }
        }
    }
    while let Some((res, depth)) = queue.pop_front() {
        if depth >= MAX_DEPTH || out.len() >= MAX_RESOURCES {
            break;
        }
        let expand = depth == 0 || res["resourceType"] != "ServiceRequest";
        if !expand {
            continue;
        }
        for reference in references(res) {
            let key = relative(reference);
            if seen.contains(&key) {
                continue;
            }
            if let Some(target) = store.resolve(&key) {
                seen.insert(key);
                out.push((target, "include"));
                queue.push_back((target, depth + 1));
            }
        }
    }
    out.truncate(MAX_RESOURCES);
    let entries: Vec<Value> = out
        .iter()
        .map(|(res, mode)| {
            json!({
                "fullUrl": super::full_url(base, &format!("{}/{}", res["resourceType"].as_str().unwrap_or_default(), res["id"].as_str().unwrap_or_default())),
                "resource": Value::clone(res),
                "search": {"mode": mode}
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": super::now(),
        "total": entries.len(),
        "link": [{"relation": "self", "url": format!("{rtype}/{id}/$graph")}],
        "entry": entries
    })))
}

/// Every `reference` string in a resource, depth-first, without recursion.
pub fn references(res: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![res];
    // serde_json caps nesting at 128 levels, so the stack stays small; the count bounds the work.
    let mut budget = 1_000_000usize;
    while let Some(v) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        match v {
            Value::Object(o) => {
                if let Some(Value::String(s)) = o.get("reference") {
                    out.push(s.as_str());
                }
                stack.extend(o.values().rev());
            }
            Value::Array(a) => stack.extend(a.iter().rev()),
            _ => {}
        }
    }
    out
}
