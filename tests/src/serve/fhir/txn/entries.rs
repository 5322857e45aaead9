//! Reading the entries of a transaction into what the broker will do with each, with the
//! checks that need no store: request URLs against resources, ids, duplicate fullUrls and
//! overlapping updates. The validator has run first and refuses malformed entries itself; the
//! checks here that it shares report its codes (GOM-BDL-…), so one fault has one code.

use std::collections::HashMap;

use gom_core::rules::{bundle as rb, server as r};
use gom_core::{Diagnostic, Rule};
use serde_json::Value;

use crate::serve::fhir::query::etag_version;
use crate::serve::fhir::store::{is_id, is_type};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// POST: create with a server id (unless `ifNoneExist` finds one).
    Create { if_none_exist: Option<String> },
    /// PUT `Type/id`: a new version of a resource the broker holds.
    Update { id: String, if_match: Option<u64> },
    /// GET and other entries GOMS ignores (the validator has already said so).
    Ignore,
}

#[derive(Debug)]
pub struct Entry {
    pub index: usize,
    pub full_url: Option<String>,
    pub rtype: String,
    pub action: Action,
    /// The resource object (an empty object for ignored entries).
    pub resource: Value,
}

/// A finding about entry `index` located at `Bundle.entry[index].<path>`.
pub fn at(rule: &'static Rule, index: usize, path: &str, message: impl Into<String>) -> Diagnostic {
    let (expr, ptr) = if path.is_empty() {
        (format!("Bundle.entry[{index}]"), format!("/entry/{index}"))
    } else {
        (format!("Bundle.entry[{index}].{path}"), format!("/entry/{index}/{}", path.replace('.', "/")))
    };
    let mut d = Diagnostic::new(rule, message).with_expression(expr);
    d.pointer = Some(ptr);
    d.entry = Some(index as u32);
    d
}

pub fn parse(bundle: &Value) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let items: &[Value] = match bundle.get("entry") {
        None | Some(Value::Null) => &[],
        Some(Value::Array(a)) => a,
        Some(_) => {
            let mut d = Diagnostic::new(rb::ENTRY_MISSING, "`Bundle.entry` is not an array of entries")
                .with_expression("Bundle.entry");
            d.pointer = Some("/entry".into());
            diags.push(d);
            return (out, diags);
        }
    };
    let mut full_urls: HashMap<&str, usize> = HashMap::new();
    let mut updated: HashMap<(String, String), usize> = HashMap::new();
    for (index, e) in items.iter().enumerate() {
        if !e.is_object() {
            diags.push(at(rb::ENTRY_EMPTY, index, "", format!("Entry {index} is not an object")));
            continue;
        }
        if let Some(f) = e["fullUrl"].as_str() {
            if let Some(first) = full_urls.insert(f, index) {
                diags.push(at(
                    r::DUPLICATE_FULL_URL,
                    index,
                    "fullUrl",
                    format!("The fullUrl `{f}` is also the fullUrl of entry {first}"),
                ));
            }
        }
        let method = e["request"]["method"].as_str().unwrap_or_default();
        if method != "POST" && method != "PUT" {
            out.push(Entry {
                index,
                full_url: None,
                rtype: String::new(),
                action: Action::Ignore,
                resource: Value::Object(Default::default()),
            });
            continue;
        }
        let resource = &e["resource"];
        let Some(rtype) = resource["resourceType"].as_str().filter(|t| is_type(t)) else {
            let msg = format!("Entry {index} is a {method} but has no resource with a valid `resourceType`");
            diags.push(at(rb::ENTRY_RESOURCE_MISSING, index, "resource", msg));
            continue;
        };
        let url = e["request"]["url"].as_str().unwrap_or_default();
        let action = if method == "POST" {
            if url.trim_end_matches('/') != rtype {
                let msg = format!("A POST of a {rtype} needs `request.url` `{rtype}`, not `{url}`");
                diags.push(at(r::REQUEST_URL_MISMATCH, index, "request.url", msg));
                continue;
            }
            Action::Create { if_none_exist: e["request"]["ifNoneExist"].as_str().map(str::to_owned) }
        } else {
            match put_target(index, url, rtype, resource, e) {
                Ok(a) => a,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            }
        };
        if let Action::Update { id, .. } = &action {
            if let Some(first) = updated.insert((rtype.to_owned(), id.clone()), index) {
                let msg = format!("Entries {first} and {index} both update `{rtype}/{id}`");
                diags.push(at(r::OVERLAPPING_IDENTITIES, index, "request.url", msg));
                continue;
            }
        }
        out.push(Entry {
            index,
            full_url: e["fullUrl"].as_str().map(str::to_owned),
            rtype: rtype.to_owned(),
            action,
            resource: resource.clone(),
        });
    }
    (out, diags)
}

fn put_target(index: usize, url: &str, rtype: &str, resource: &Value, e: &Value) -> Result<Action, Box<Diagnostic>> {
    if url.contains('?') {
        let msg = format!("`{url}` is a conditional update, which the broker does not support");
        return Err(Box::new(at(r::CONDITIONAL_UPDATE_UNSUPPORTED, index, "request.url", msg)));
    }
    let (t, id) = url.trim_end_matches('/').split_once('/').unwrap_or((url, ""));
    if t != rtype || id.contains('/') {
        let msg = format!("A PUT of a {rtype} needs `request.url` `{rtype}/<id>`, not `{url}`");
        return Err(Box::new(at(r::REQUEST_URL_MISMATCH, index, "request.url", msg)));
    }
    if !is_id(id) {
        return Err(Box::new(at(r::ID_INVALID, index, "request.url", format!("`{id}` is not a valid resource id"))));
    }
    if let Some(rid) = resource.get("id") {
        if rid.as_str() != Some(id) {
            let msg = format!("`request.url` names `{rtype}/{id}` but the resource's id is `{rid}`");
            return Err(Box::new(at(r::REQUEST_URL_MISMATCH, index, "resource.id", msg)));
        }
    }
    let if_match = match e["request"]["ifMatch"].as_str() {
        None => None,
        Some(tag) => Some(etag_version(tag).ok_or_else(|| {
            at(
                r::IF_MATCH_INVALID,
                index,
                "request.ifMatch",
                format!("`{tag}` is not a version ETag such as `W/\"3\"`"),
            )
        })?),
    };
    Ok(Action::Update { id: id.to_owned(), if_match })
}
