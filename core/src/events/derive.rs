//! Filter attributes derived from a FHIR resource, and the `genomic-order-event-1` a change to
//! it produces. The portal evaluates a subscriber's criteria against the orders it holds with
//! these; the local broker publishes the events.
//!
//! Where a filter is not on the resource itself (a Task's requester and performer are those of
//! the ServiceRequest it is `focus`ed on), the referenced resource is looked up in a
//! [`ReferenceIndex`] of what the holder has.

use std::collections::HashMap;

use serde_json::Value as J;

use super::cloudevent::CloudEvent;
use super::GOMS_SOURCE;
use crate::criteria::goms;
use crate::criteria::{AttrValue, Attributes};

/// Resources by the references that reach them: `fullUrl`, `Type/id`, and any absolute URL
/// ending in `Type/id`.
#[derive(Debug, Default)]
pub struct ReferenceIndex<'a> {
    by_ref: HashMap<String, &'a J>,
}

impl<'a> ReferenceIndex<'a> {
    pub fn new() -> ReferenceIndex<'a> {
        ReferenceIndex::default()
    }

    /// Indexes the entries of a Bundle.
    pub fn from_bundle(bundle: &'a J) -> ReferenceIndex<'a> {
        let mut ix = ReferenceIndex::new();
        for e in bundle.get("entry").and_then(J::as_array).into_iter().flatten() {
            if let Some(r) = e.get("resource") {
                ix.add(r, e.get("fullUrl").and_then(J::as_str));
            }
        }
        ix
    }

    pub fn add(&mut self, resource: &'a J, full_url: Option<&str>) {
        if let Some(u) = full_url {
            self.by_ref.insert(u.to_owned(), resource);
        }
        if let (Some(t), Some(id)) =
            (resource.get("resourceType").and_then(J::as_str), resource.get("id").and_then(J::as_str))
        {
            self.by_ref.insert(format!("{t}/{id}"), resource);
        }
    }

    /// The resource a `Reference` object points at.
    pub fn resolve(&self, reference: Option<&J>) -> Option<&'a J> {
        let r = reference?.get("reference")?.as_str()?;
        if let Some(x) = self.by_ref.get(r) {
            return Some(x);
        }
        // An absolute URL: match on its last two segments.
        let mut it = r.rsplit('/');
        let (id, ty) = (it.next()?, it.next()?);
        self.by_ref.get(&format!("{ty}/{id}")).copied()
    }
}

fn is_ods_system(s: &str) -> bool {
    s.ends_with("/Id/ods-organization-code") || s.ends_with("/Id/ods-organisation-code")
}

fn ods_of_identifier(id: Option<&J>) -> Option<String> {
    let id = id?;
    let system = id.get("system").and_then(J::as_str).unwrap_or("");
    (is_ods_system(system) || system.is_empty()).then(|| id.get("value").and_then(J::as_str).map(str::to_owned))?
}

/// The ODS code of the organisation a reference names: directly by identifier, through an
/// Organization, or through a PractitionerRole's organization.
fn org_code(reference: Option<&J>, ix: &ReferenceIndex<'_>) -> Option<String> {
    let r = reference?;
    if let Some(code) = ods_of_identifier(r.get("identifier")) {
        return Some(code);
    }
    let target = ix.resolve(Some(r))?;
    match target.get("resourceType").and_then(J::as_str)? {
        "Organization" => target
            .get("identifier")
            .and_then(J::as_array)?
            .iter()
            .find(|i| i.get("system").and_then(J::as_str).is_some_and(is_ods_system))
            .and_then(|i| i.get("value").and_then(J::as_str).map(str::to_owned)),
        "PractitionerRole" => {
            let org = target.get("organization")?;
            ods_of_identifier(org.get("identifier")).or_else(|| org_code(Some(org), ix))
        }
        _ => None,
    }
}

fn first_code(cc: Option<&J>) -> Option<&str> {
    cc?.get("coding")?.as_array()?.iter().find_map(|c| c.get("code").and_then(J::as_str))
}

fn first(v: Option<&J>) -> Option<&J> {
    match v? {
        J::Array(a) => a.first(),
        other => Some(other),
    }
}

/// The ServiceRequest a resource belongs to, if the holder has it.
fn service_request<'a>(resource: &'a J, ix: &ReferenceIndex<'a>) -> Option<&'a J> {
    let ty = resource.get("resourceType").and_then(J::as_str)?;
    let reference = match ty {
        "ServiceRequest" => return Some(resource),
        "Task" => resource.get("focus"),
        "DiagnosticReport" => first(resource.get("basedOn")),
        "Specimen" => first(resource.get("request")),
        "RequestGroup" => resource.get("action").and_then(J::as_array)?.iter().find_map(|a| a.get("resource")),
        _ => None,
    };
    ix.resolve(reference).filter(|r| r.get("resourceType").and_then(J::as_str) == Some("ServiceRequest"))
}

/// The GMSOrder UUID of a resource's order (`ServiceRequest.identifier` with system
/// `https://fhir.nhs.uk/Id/GMSOrder`): the event `subject`.
pub fn gms_order(resource: &J, ix: &ReferenceIndex<'_>) -> Option<String> {
    service_request(resource, ix)?
        .get("identifier")?
        .as_array()?
        .iter()
        .find(|i| i.get("system").and_then(J::as_str) == Some("https://fhir.nhs.uk/Id/GMSOrder"))
        .and_then(|i| i.get("value").and_then(J::as_str).map(str::to_owned))
}

/// The `genomic-order-event-1` filter attributes of a resource (absent ones left out; an
/// "or null" filter of the resource's own type that has no value is set to null).
pub fn derive_attributes(resource: &J, ix: &ReferenceIndex<'_>) -> Attributes {
    let mut a = Attributes::new();
    a.set_str("eventType", goms::EVENT_TYPE);
    let Some(ty) = resource.get("resourceType").and_then(J::as_str) else { return a };
    a.set_str("resourceType", ty);
    let set = |a: &mut Attributes, name: &str, v: Option<String>| {
        a.set(name, v.map_or(AttrValue::Null, |v| AttrValue::Str(v.into())));
    };
    if let Some(f) = goms::status_filter(ty) {
        set(&mut a, f, resource.get("status").and_then(J::as_str).map(str::to_owned));
    }
    if ty == "Task" {
        set(&mut a, "taskCode", first_code(resource.get("code")).map(str::to_owned));
        set(&mut a, "taskBusinessStatus", first_code(resource.get("businessStatus")).map(str::to_owned));
        set(&mut a, "owner", ods_of_identifier(resource.get("owner").and_then(|o| o.get("identifier"))));
    }
    let sr = service_request(resource, ix);
    let requester = sr.and_then(|sr| org_code(sr.get("requester"), ix)).or_else(|| match ty {
        "Task" => org_code(resource.get("requester"), ix),
        _ => None,
    });
    let performer = sr.and_then(|sr| org_code(first(sr.get("performer")), ix)).or_else(|| match ty {
        "DiagnosticReport" => org_code(first(resource.get("performer")), ix),
        _ => None,
    });
    if let Some(r) = requester {
        a.set_str("requester", r);
    }
    if let Some(p) = performer {
        a.set_str("performer", p);
    }
    a
}

/// The `genomic-order-event-1` for a change to `resource`, with its filter attributes in
/// `filtering`. `id` and `time` are injected (gom-core reads no clock or randomness);
/// `fhir_base` is the GOMS FHIR base URL the `dataref` is built on.
pub fn genomic_order_event(resource: &J, ix: &ReferenceIndex<'_>, id: &str, time: &str, fhir_base: &str) -> CloudEvent {
    let attrs = derive_attributes(resource, ix);
    let mut filtering = serde_json::Map::new();
    for (k, v) in attrs.iter() {
        if k != "eventType" {
            filtering.insert(k.to_owned(), v.to_json());
        }
    }
    let dataref = match (resource.get("resourceType").and_then(J::as_str), resource.get("id").and_then(J::as_str)) {
        (Some(t), Some(i)) => Some(format!("{}/{t}/{i}", fhir_base.trim_end_matches('/'))),
        _ => None,
    };
    CloudEvent {
        specversion: "1.0".into(),
        id: id.into(),
        source: GOMS_SOURCE.into(),
        type_: goms::EVENT_TYPE.into(),
        time: time.into(),
        subject: gms_order(resource, ix),
        dataref,
        filtering: Some(filtering),
        ..CloudEvent::default()
    }
}
