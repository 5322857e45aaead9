//! read, `_history` and vread.

use gom_core::rules::server as r;
use serde_json::{json, Value};

use super::reply::{Reply, Res};
use super::{now, Broker};

fn missing(rtype: &str, id: &str) -> Reply {
    Reply::issue(404, r::NOT_FOUND, format!("There is no `{rtype}/{id}`"))
}

pub fn read(b: &Broker, rtype: &str, id: &str) -> Res {
    let inner = b.read();
    let res = inner.store.current(rtype, id).ok_or_else(|| missing(rtype, id))?;
    Ok(Reply::ok(Value::clone(res)).with_version_headers(res))
}

/// Every version, newest first, as a `history` Bundle.
pub fn history(b: &Broker, rtype: &str, id: &str, base: &str) -> Res {
    let inner = b.read();
    let stored = inner.store.get(rtype, id).ok_or_else(|| missing(rtype, id))?;
    let n = stored.versions.len();
    let entries: Vec<Value> = stored
        .versions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| {
            let (method, status) = if i == 0 { ("POST", "201 Created") } else { ("PUT", "200 OK") };
            let url = if i == 0 { rtype.to_owned() } else { format!("{rtype}/{id}") };
            json!({
                "fullUrl": super::full_url(base, &format!("{rtype}/{id}")),
                "resource": Value::clone(v),
                "request": {"method": method, "url": url},
                "response": {"status": status, "etag": format!("W/\"{}\"", i + 1), "lastModified": v["meta"]["lastUpdated"]}
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "resourceType": "Bundle",
        "type": "history",
        "timestamp": now(),
        "total": n,
        "link": [{"relation": "self", "url": format!("{rtype}/{id}/_history")}],
        "entry": entries
    })))
}

pub fn vread(b: &Broker, rtype: &str, id: &str, version: &str) -> Res {
    let v: u64 = version.parse().map_err(|_| {
        Reply::issue(
            400,
            r::SEARCH_VALUE_INVALID,
            format!("`{version}` is not a version number; versions count from 1"),
        )
    })?;
    let inner = b.read();
    let stored = inner.store.get(rtype, id).ok_or_else(|| missing(rtype, id))?;
    let res = v
        .checked_sub(1)
        .and_then(|i| stored.versions.get(i as usize))
        .ok_or_else(|| Reply::issue(404, r::NOT_FOUND, format!("`{rtype}/{id}` has no version {v}")))?;
    Ok(Reply::ok(Value::clone(res)).with_version_headers(res))
}
