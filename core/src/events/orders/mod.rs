//! The orders-service CloudEvents of seed 004: envelope and `data` checks for its seven event
//! types, the mapping of its statuses to FHIR request statuses, and consumer-side policy as
//! pure functions ([`consumer`]).
//!
//! Seed 004 gives one example per type and no schema, so the fields of each example are taken
//! as required, except `medicationDetail` (required only when `orderType` is `medication`) and
//! `acknowledgedCdsAlerts` (optional).

pub mod consumer;

use crate::diag::{Diagnostic, Report};
use crate::events::text::{is_rfc3339, is_uuid};
use crate::json::{Doc, Kind, Value};
use crate::rules::{json as rj, orders as ro};

/// The produced event types.
pub const EVENT_TYPES: [&str; 7] = [
    "clinical.orders.order.created.v1",
    "clinical.orders.order.activated.v1",
    "clinical.orders.order.completed.v1",
    "clinical.orders.order.cancelled.v1",
    "clinical.orders.order.on-hold.v1",
    "clinical.orders.referral.created.v1",
    "clinical.orders.order.corrected.v1",
];

/// Order statuses the service uses.
pub const STATUSES: [&str; 6] = ["draft", "active", "on-hold", "completed", "cancelled", "corrected"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum T {
    Str,
    Int,
    Obj,
    Arr,
    Time,
    Uuid,
}

fn fields(event_type: &str) -> &'static [(&'static str, T)] {
    use T::*;
    const ID: [(&str, T); 3] = [("orderId", Str), ("patientId", Str), ("stablePatientId", Uuid)];
    match event_type.strip_prefix("clinical.orders.").unwrap_or("") {
        "order.created.v1" => &[
            ID[0],
            ID[1],
            ID[2],
            ("encounterId", Str),
            ("orderType", Str),
            ("orderCode", Obj),
            ("status", Str),
            ("priority", Str),
            ("orderedBy", Str),
            ("cdsAlertCount", Int),
            ("tenantId", Str),
        ],
        "order.activated.v1" => &[
            ID[0],
            ID[1],
            ID[2],
            ("encounterId", Str),
            ("orderType", Str),
            ("orderCode", Obj),
            ("status", Str),
            ("priority", Str),
            ("tenantId", Str),
        ],
        "order.completed.v1" => {
            &[ID[0], ID[1], ID[2], ("orderType", Str), ("completedAt", Time), ("completedBy", Str), ("tenantId", Str)]
        }
        "order.cancelled.v1" => {
            &[ID[0], ID[1], ID[2], ("orderType", Str), ("cancelReason", Str), ("cancelledBy", Str), ("tenantId", Str)]
        }
        "order.on-hold.v1" => &[ID[0], ID[1], ID[2], ("holdReason", Str), ("tenantId", Str)],
        "referral.created.v1" => &[ID[0], ID[1], ID[2], ("referralDetail", Obj), ("tenantId", Str)],
        "order.corrected.v1" => {
            &[ID[0], ID[1], ("correctionReason", Str), ("correctedBy", Str), ("previousStatus", Str), ("tenantId", Str)]
        }
        _ => &[],
    }
}

fn type_ok(v: Value<'_, '_>, t: T) -> bool {
    match t {
        T::Str => v.as_str().is_some_and(|s| !s.is_empty()),
        T::Int => v.kind() == Kind::Number && v.as_number_text().is_some_and(|n| n.parse::<i64>().is_ok()),
        T::Obj => v.is_object(),
        T::Arr => v.is_array(),
        T::Time => v.as_str().is_some_and(|s| is_rfc3339(&s)),
        T::Uuid => v.as_str().is_some_and(|s| is_uuid(&s)),
    }
}

fn type_name(t: T) -> &'static str {
    match t {
        T::Str => "a non-empty string",
        T::Int => "an integer",
        T::Obj => "an object",
        T::Arr => "an array",
        T::Time => "an RFC 3339 time",
        T::Uuid => "a UUID",
    }
}

/// Checks one orders-service event.
pub fn check(src: &str) -> Report {
    let mut out = Vec::new();
    match Doc::parse(src) {
        Err(e) => out.push(Diagnostic::new(rj::SYNTAX, e.to_string()).at_span(e.offset, (e.offset + 1).min(src.len()))),
        Ok(doc) => check_event(doc.root(), &mut out),
    }
    let mut r = Report::new(out);
    r.locate(src);
    r.sort();
    r
}

fn check_event(root: Value<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !root.is_object() {
        out.push(Diagnostic::new(ro::ENVELOPE_REQUIRED, "The event is not a JSON object").at(root));
        return;
    }
    for k in ["specversion", "type", "source", "id", "time", "tenantid", "datacontenttype", "data"] {
        if root.get(k).is_none() {
            out.push(Diagnostic::new(ro::ENVELOPE_REQUIRED, format!("The event has no `{k}`")).at_missing(root, k));
        }
    }
    for (k, want) in [("specversion", "1.0"), ("source", "orders-service"), ("datacontenttype", "application/json")] {
        if let Some(v) = root.get(k).filter(|v| !v.str_is(want)) {
            out.push(Diagnostic::new(ro::ENVELOPE_VALUE, format!("`{k}` must be `{want}`")).at(v));
        }
    }
    if let Some(v) = root.get("time").filter(|v| !type_ok(*v, T::Time)) {
        out.push(Diagnostic::new(ro::ENVELOPE_VALUE, "`time` must be an RFC 3339 time").at(v));
    }
    let ty = root.get_str("type").unwrap_or_default();
    if let Some(v) = root.get("type").filter(|_| !EVENT_TYPES.contains(&&*ty)) {
        out.push(Diagnostic::new(ro::UNKNOWN_TYPE, format!("`{ty}` is not an orders-service event type")).at(v));
        return;
    }
    let Some(data) = root.get("data") else { return };
    if !data.is_object() {
        out.push(Diagnostic::new(ro::DATA_VALUE, "`data` must be an object").at(data));
        return;
    }
    for (name, t) in fields(&ty) {
        match data.get(name) {
            None => {
                out.push(Diagnostic::new(ro::DATA_REQUIRED, format!("`data.{name}` is missing")).at_missing(data, name))
            }
            Some(v) if !type_ok(v, *t) => {
                out.push(Diagnostic::new(ro::DATA_VALUE, format!("`data.{name}` must be {}", type_name(*t))).at(v))
            }
            Some(_) => {}
        }
    }
    check_values(&ty, data, out);
    if let (Some(env), Some(inner)) = (root.get_str("tenantid"), data.get("tenantId")) {
        if !inner.str_is(&env) {
            out.push(
                Diagnostic::new(ro::TENANT_MISMATCH, format!("`data.tenantId` differs from `tenantid` `{env}`"))
                    .at(inner),
            );
        }
    }
}

fn check_values(ty: &str, data: Value<'_, '_>, out: &mut Vec<Diagnostic>) {
    let mut bad = |v: Value<'_, '_>, msg: String| out.push(Diagnostic::new(ro::DATA_VALUE, msg).at(v));
    let want_status = match ty {
        "clinical.orders.order.created.v1" => Some("draft"),
        "clinical.orders.order.activated.v1" => Some("active"),
        _ => None,
    };
    if let (Some(want), Some(v)) = (want_status, data.get("status")) {
        if !v.str_is(want) {
            bad(v, format!("`data.status` of a {ty} event must be `{want}`"));
        }
    }
    if let Some(v) = data.get("previousStatus") {
        if !v.as_str().is_some_and(|s| STATUSES.contains(&&*s)) {
            bad(v, format!("`data.previousStatus` must be one of {}", STATUSES.join(", ")));
        }
    }
    if let Some(code) = data.get("orderCode").filter(|c| c.is_object()) {
        for k in ["system", "code"] {
            if code.get_str(k).is_none() {
                bad(code, format!("`data.orderCode.{k}` is missing"));
            }
        }
    }
    if ty == "clinical.orders.order.activated.v1" && data.get_str("orderType").as_deref() == Some("medication") {
        match data.get("medicationDetail") {
            None => out.push(
                Diagnostic::new(ro::DATA_REQUIRED, "An activated medication order needs `data.medicationDetail`")
                    .at_missing(data, "medicationDetail"),
            ),
            Some(v) if !v.is_object() => {
                out.push(Diagnostic::new(ro::DATA_VALUE, "`data.medicationDetail` must be an object").at(v))
            }
            Some(_) => {}
        }
    }
    if let Some(v) = data.get("acknowledgedCdsAlerts").filter(|v| !type_ok(*v, T::Arr)) {
        out.push(Diagnostic::new(ro::DATA_VALUE, "`data.acknowledgedCdsAlerts` must be an array").at(v));
    }
    if let Some(rd) = data.get("referralDetail").filter(|r| r.is_object()) {
        for k in ["referralType", "referToFacilityId", "referToSpecialty", "urgency"] {
            if rd.get_str(k).is_none() {
                out.push(
                    Diagnostic::new(ro::DATA_REQUIRED, format!("`data.referralDetail.{k}` is missing"))
                        .at_missing(rd, k),
                );
            }
        }
    }
}

/// The FHIR request status (ServiceRequest/RequestGroup, R4 request-status) for an orders
/// status: `cancelled` → `revoked`, `corrected` (ordered in error) → `entered-in-error`.
pub fn fhir_status(status: &str) -> Option<&'static str> {
    Some(match status {
        "draft" => "draft",
        "active" => "active",
        "on-hold" => "on-hold",
        "completed" => "completed",
        "cancelled" => "revoked",
        "corrected" => "entered-in-error",
        _ => return None,
    })
}

/// The FHIR request status an event leaves its order in (`referral.created` leaves the
/// order's status unchanged, so `None`).
pub fn fhir_status_after(event_type: &str) -> Option<&'static str> {
    match event_type {
        "clinical.orders.order.created.v1" => fhir_status("draft"),
        "clinical.orders.order.activated.v1" => fhir_status("active"),
        "clinical.orders.order.completed.v1" => fhir_status("completed"),
        "clinical.orders.order.cancelled.v1" => fhir_status("cancelled"),
        "clinical.orders.order.on-hold.v1" => fhir_status("on-hold"),
        "clinical.orders.order.corrected.v1" => fhir_status("corrected"),
        _ => None,
    }
}
