//! `POST [type]/$validate`: the same gom-core verdict a transaction gets, without storing.
//! The body is the resource, or a `Parameters` with a `resource` parameter. The answer is
//! always 200 with an OperationOutcome (FHIR's convention); errors are its issues.
//!
//! gom-core validates Bundles today; for other types only the JSON and the type are checked,
//! and the outcome says so.

use gom_core::rules::server as r;
use gom_core::{validate, Options};
use serde_json::{json, Value};

use super::reply::{Reply, Res};
use super::update::{check_media_type, parse_resource};
use super::Incoming;

pub fn handle(rtype: &str, req: &Incoming) -> Res {
    check_media_type(req)?;
    let body = match serde_json::from_slice::<Value>(&req.body) {
        Ok(v) if v["resourceType"] == "Parameters" => {
            let param = v["parameter"].as_array().and_then(|ps| ps.iter().find(|p| p["name"] == "resource"));
            let res = param.map(|p| p["resource"].clone()).filter(Value::is_object).ok_or_else(|| {
                Reply::issue(
                    400,
                    r::BODY_INVALID,
                    "The Parameters body needs a `resource` parameter holding the resource",
                )
            })?;
            serde_json::to_vec(&res).unwrap_or_default()
        }
        _ => req.body.clone(),
    };
    parse_resource(&body, rtype)?;
    if rtype != "Bundle" {
        return Ok(Reply::ok(json!({"resourceType": "OperationOutcome", "issue": [{
            "severity": "information",
            "code": "informational",
            "diagnostics": format!("The {rtype} is well-formed JSON; gom-core has no {rtype}-level rules yet, so nothing else was checked.")
        }]})));
    }
    // `body` parsed as JSON above, so it is UTF-8.
    let text = String::from_utf8_lossy(&body);
    Ok(Reply::ok(validate(&text, &Options::default()).to_operation_outcome()))
}
