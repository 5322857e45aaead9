//! The FHIR form: an MNS signal, a `history` Bundle whose first entry is a Backport
//! `subscription-status-r4` Parameters (seed 000's example; MNS `fhirsignal.schema.json`).
//! Unlike the Backport IG, MNS puts `additional-context` at the top level of the Parameters.

use serde_json::{json, Value as J};

use super::cloudevent::{focus_type, CloudEvent};
use super::text::{is_rfc3339, is_uuid};
use super::GOMS_SOURCE;
use crate::criteria::goms;
use crate::diag::Diagnostic;
use crate::json::Value;
use crate::rules::events as re;

pub const SIGNAL_PROFILE: &str =
    "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";
/// What MNS puts in `subscription` and the entry's request URL.
pub const MNS_SUBSCRIPTIONS_URL: &str = "https://api.service.nhs.uk/multicast-notification-service/subscriptions";

const PARAMS: [&str; 5] = ["subscription", "status", "type", "notification-event", "additional-context"];

fn named<'d, 'a>(list: Option<Value<'d, 'a>>, name: &str) -> Option<Value<'d, 'a>> {
    list?.items().find(|p| p.get_str("name").as_deref() == Some(name))
}

fn req(out: &mut Vec<Diagnostic>, parent: Value<'_, '_>, name: &str, what: &str) {
    out.push(Diagnostic::new(re::REQUIRED, format!("The notification has no {what}")).at_missing(parent, name));
}

/// A part's value `key` (a string), reporting when the part or value is missing.
fn part_str(
    out: &mut Vec<Diagnostic>,
    parent: Value<'_, '_>,
    name: &str,
    key: &[&str],
    required: bool,
) -> Option<String> {
    let parts = parent.get("part");
    let Some(p) = named(parts, name) else {
        if required {
            req(out, parent, "part", &format!("`{name}` part"));
        }
        return None;
    };
    match p.path(key).and_then(|v| v.as_str()) {
        Some(s) => Some(s.into_owned()),
        None => {
            out.push(Diagnostic::new(re::REQUIRED, format!("The `{name}` part has no `{}`", key.join("."))).at(p));
            None
        }
    }
}

fn fixed(out: &mut Vec<Diagnostic>, v: Option<Value<'_, '_>>, parent: Value<'_, '_>, name: &str, want: &str) {
    match v {
        None => req(out, parent, name, &format!("`{name}`")),
        Some(v) if !v.str_is(want) => out.push(Diagnostic::new(re::VALUE, format!("`{name}` must be `{want}`")).at(v)),
        Some(_) => {}
    }
}

/// Checks a notification Bundle and reads it as a CloudEvent.
pub(super) fn check(root: Value<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<CloudEvent> {
    fixed(out, root.get("type"), root, "type", "history");
    if root.get_str("id").is_none() {
        req(out, root, "id", "`id` (the event id)");
    }
    let bundle_ts = root.get_str("timestamp");
    match root.get("timestamp") {
        None => req(out, root, "timestamp", "`timestamp`"),
        Some(v) if !bundle_ts.as_deref().is_some_and(is_rfc3339) => {
            out.push(Diagnostic::new(re::TIMESTAMP, "`timestamp` is not an instant with a time zone").at(v))
        }
        Some(_) => {}
    }
    let Some(entry) = root.get("entry").and_then(|e| e.items().next()) else {
        req(out, root, "entry", "entry with the signal Parameters");
        return None;
    };
    if let Some(n) = root.get("entry").filter(|e| e.len() > 2) {
        out.push(
            Diagnostic::new(re::VALUE, "A notification has at most two entries (signal and hydrated resource)").at(n),
        );
    }
    match entry.get_str("fullUrl") {
        Some(u) if u.strip_prefix("urn:uuid:").is_some_and(is_uuid) => {}
        Some(_) => out.push(
            Diagnostic::new(re::VALUE, "The signal entry's `fullUrl` must be `urn:uuid:<uuid>`")
                .at(entry.get("fullUrl").unwrap_or(entry)),
        ),
        None => req(out, entry, "fullUrl", "entry `fullUrl`"),
    }
    match entry.get("request") {
        Some(r) => fixed(out, r.get("method"), r, "method", "GET"),
        None => req(out, entry, "request", "entry `request`"),
    }
    match entry.get("response") {
        Some(r) => fixed(out, r.get("status"), r, "status", "200"),
        None => req(out, entry, "response", "entry `response`"),
    }
    let Some(res) = entry.get("resource").filter(|r| r.get_str("resourceType").as_deref() == Some("Parameters")) else {
        out.push(Diagnostic::new(re::FORM, "The first entry must be the signal Parameters").at(entry));
        return None;
    };
    let profiled = res.path(&["meta", "profile"]).is_some_and(|p| p.items().any(|x| x.str_is(SIGNAL_PROFILE)));
    if !profiled {
        out.push(
            Diagnostic::new(re::VALUE, "The Parameters must claim the Backport `subscription-status-r4` profile")
                .at(res.get("meta").unwrap_or(res)),
        );
    }
    let params = res.get("parameter");
    let Some(plist) = params else {
        req(out, res, "parameter", "parameters");
        return None;
    };
    for p in plist.items() {
        let n = p.get_str("name").unwrap_or_default();
        if !PARAMS.contains(&&*n) {
            out.push(Diagnostic::new(re::UNEXPECTED, format!("`{n}` is not a parameter of an MNS signal")).at(p));
        }
    }
    match named(params, "subscription") {
        Some(p) if p.path(&["valueReference", "reference"]).is_none() => {
            out.push(Diagnostic::new(re::REQUIRED, "`subscription` has no `valueReference.reference`").at(p))
        }
        None => req(out, plist, "subscription", "`subscription` parameter"),
        _ => {}
    }
    for (name, want) in [("status", "active"), ("type", "event-notification")] {
        match named(params, name) {
            Some(p) => fixed(out, p.get("valueCode"), p, "valueCode", want),
            None => req(out, plist, name, &format!("`{name}` parameter")),
        }
    }
    let mut ce = CloudEvent {
        specversion: "1.0".into(),
        id: root.get_str("id").unwrap_or_default().into_owned(),
        ..CloudEvent::default()
    };
    match named(params, "notification-event") {
        None => req(out, plist, "notification-event", "`notification-event` parameter"),
        Some(ne) => {
            let _ = part_str(out, ne, "event-number", &["valueString"], true);
            let ts = part_str(out, ne, "timestamp", &["valueInstant"], false);
            if let Some(t) = &ts {
                if !is_rfc3339(t) {
                    out.push(
                        Diagnostic::new(re::TIMESTAMP, format!("`{t}` is not an instant with a time zone")).at(ne),
                    );
                }
                if bundle_ts.as_deref().is_some_and(|b| b != t) {
                    out.push(
                        Diagnostic::new(
                            re::TIMES_DIFFER,
                            format!("The event timestamp `{t}` differs from `Bundle.timestamp`"),
                        )
                        .at(ne),
                    );
                }
            }
            ce.time = ts.or_else(|| bundle_ts.as_ref().map(|b| b.to_string())).unwrap_or_default();
            ce.dataref = part_str(out, ne, "focus", &["valueReference", "reference"], false);
        }
    }
    match named(params, "additional-context") {
        None => req(out, plist, "additional-context", "`additional-context` parameter"),
        Some(ac) => {
            ce.type_ = part_str(out, ac, "event-type", &["valueString"], true).unwrap_or_default();
            ce.source = part_str(out, ac, "source", &["valueUri"], true).unwrap_or_default();
            ce.subject = part_str(out, ac, "subject", &["valueReference", "identifier", "value"], false);
            ce.versionid = part_str(out, ac, "version-id", &["valueString"], false);
            if ce.type_ == goms::EVENT_TYPE {
                check_goms(ac, &ce, out);
            }
        }
    }
    Some(ce)
}

fn check_goms(ac: Value<'_, '_>, ce: &CloudEvent, out: &mut Vec<Diagnostic>) {
    if !ce.source.is_empty() && ce.source != GOMS_SOURCE {
        out.push(Diagnostic::new(re::SOURCE, format!("The source is `{}`", ce.source)).at(ac));
    }
    match &ce.subject {
        None => {
            out.push(Diagnostic::new(re::REQUIRED, "A GOMS event must carry the GMSOrder UUID as `subject`").at(ac))
        }
        Some(s) if !is_uuid(s) => {
            out.push(Diagnostic::new(re::ID_FORMAT, format!("The subject `{s}` is not a GMSOrder UUID")).at(ac))
        }
        _ => {}
    }
    if let Some(d) = ce.dataref.as_deref().filter(|d| focus_type(d).is_none()) {
        out.push(Diagnostic::new(re::DATAREF, format!("`{d}` is not a GOMS resource URL")).at(ac));
    }
}

/// The notification Bundle for a CloudEvent (the inverse of reading one).
pub(super) fn from_cloudevent(ce: &CloudEvent, entry_id: &str) -> J {
    let mut event_parts = vec![json!({"name": "event-number", "valueString": "1"})];
    event_parts.push(json!({"name": "timestamp", "valueInstant": ce.time}));
    if let Some(d) = &ce.dataref {
        event_parts.push(json!({"name": "focus", "valueReference": {"reference": d}}));
    }
    let mut context =
        vec![json!({"name": "event-type", "valueString": ce.type_}), json!({"name": "source", "valueUri": ce.source})];
    if let Some(s) = &ce.subject {
        context.push(json!({"name": "subject", "valueReference": {"identifier": {"value": s}}}));
    }
    if let Some(v) = &ce.versionid {
        context.push(json!({"name": "version-id", "valueString": v}));
    }
    json!({
        "resourceType": "Bundle",
        "id": ce.id,
        "type": "history",
        "timestamp": ce.time,
        "entry": [{
            "fullUrl": format!("urn:uuid:{entry_id}"),
            "resource": {
                "resourceType": "Parameters",
                "meta": {"profile": [SIGNAL_PROFILE]},
                "id": entry_id,
                "parameter": [
                    {"name": "subscription", "valueReference": {"reference": MNS_SUBSCRIPTIONS_URL}},
                    {"name": "status", "valueCode": "active"},
                    {"name": "type", "valueCode": "event-notification"},
                    {"name": "notification-event", "part": event_parts},
                    {"name": "additional-context", "part": context}
                ]
            },
            "request": {"method": "GET", "url": MNS_SUBSCRIPTIONS_URL},
            "response": {"status": "200"}
        }]
    })
}
