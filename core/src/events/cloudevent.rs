//! The CloudEvent form (MNS publish format; seed 000's mandatory-fields table).

use std::collections::BTreeMap;

use serde_json::{Map, Value as J};

use super::text::{is_rfc3339, is_uuid};
use super::GOMS_SOURCE;
use crate::criteria::goms::{self, RESOURCE_TYPES};
use crate::criteria::{AttrValue, Attributes};
use crate::diag::Diagnostic;
use crate::json::Value;
use crate::rules::events as re;

/// A CloudEvent as MNS uses it. `filtering` is what publishers attach for criteria
/// evaluation; subscribers never receive it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CloudEvent {
    pub specversion: String,
    pub id: String,
    pub source: String,
    pub type_: String,
    pub time: String,
    pub subject: Option<String>,
    pub dataref: Option<String>,
    pub versionid: Option<String>,
    pub datacontenttype: Option<String>,
    pub data: Option<J>,
    pub filtering: Option<Map<String, J>>,
    /// Any other attribute, as given.
    pub extensions: BTreeMap<String, J>,
}

const CORE: [&str; 5] = ["specversion", "id", "source", "type", "time"];
const OPTIONAL: [&str; 6] = ["subject", "dataref", "versionid", "datacontenttype", "data", "filtering"];

impl CloudEvent {
    /// Reads the attributes of a JSON object (missing strings become empty: [`check`] reports
    /// them).
    pub fn from_json(v: &J) -> CloudEvent {
        let s = |k: &str| v.get(k).and_then(J::as_str).map(str::to_owned);
        let mut extensions = BTreeMap::new();
        if let Some(m) = v.as_object() {
            for (k, x) in m {
                if !CORE.contains(&k.as_str()) && !OPTIONAL.contains(&k.as_str()) {
                    extensions.insert(k.clone(), x.clone());
                }
            }
        }
        CloudEvent {
            specversion: s("specversion").unwrap_or_default(),
            id: s("id").unwrap_or_default(),
            source: s("source").unwrap_or_default(),
            type_: s("type").unwrap_or_default(),
            time: s("time").unwrap_or_default(),
            subject: s("subject"),
            dataref: s("dataref"),
            versionid: s("versionid"),
            datacontenttype: s("datacontenttype"),
            data: v.get("data").cloned(),
            filtering: v.get("filtering").and_then(J::as_object).cloned(),
            extensions,
        }
    }

    /// The JSON object, attributes in the order of seed 000's example.
    pub fn to_json(&self) -> J {
        let mut m = Map::new();
        m.insert("specversion".into(), self.specversion.clone().into());
        m.insert("id".into(), self.id.clone().into());
        m.insert("source".into(), self.source.clone().into());
        m.insert("type".into(), self.type_.clone().into());
        m.insert("time".into(), self.time.clone().into());
        for (k, v) in [("dataref", &self.dataref), ("subject", &self.subject), ("versionid", &self.versionid)] {
            if let Some(v) = v {
                m.insert(k.into(), v.clone().into());
            }
        }
        if let Some(v) = &self.datacontenttype {
            m.insert("datacontenttype".into(), v.clone().into());
        }
        for (k, v) in &self.extensions {
            m.insert(k.clone(), v.clone());
        }
        if let Some(d) = &self.data {
            m.insert("data".into(), d.clone());
        }
        if let Some(f) = &self.filtering {
            m.insert("filtering".into(), J::Object(f.clone()));
        }
        J::Object(m)
    }

    /// The attributes a criteria is evaluated against: the context attributes, `eventType`
    /// (MNS's name for `type`), the extensions and the `filtering` members. The event's own
    /// attributes win over a `filtering` member of the same name (names match in any case), so a
    /// publisher's `filtering` cannot make a criteria see another `id`, `type` or `eventType`
    /// than the event has (found by the `events` fuzz target).
    pub fn attributes(&self) -> Attributes {
        let mut a = Attributes::new();
        if let Some(f) = &self.filtering {
            for (k, v) in f {
                a.set(k, AttrValue::from_json(v));
            }
        }
        for (k, v) in &self.extensions {
            a.set(k, AttrValue::from_json(v));
        }
        for (k, v) in [
            ("specversion", &self.specversion),
            ("id", &self.id),
            ("source", &self.source),
            ("type", &self.type_),
            ("time", &self.time),
        ] {
            a.set_str(k, v.as_str());
        }
        a.set_str("eventType", self.type_.as_str());
        for (k, v) in [
            ("subject", &self.subject),
            ("dataref", &self.dataref),
            ("versionid", &self.versionid),
            ("datacontenttype", &self.datacontenttype),
        ] {
            match v {
                Some(v) => a.set_str(k, v.as_str()),
                // Absent from the event: a `filtering` member cannot stand in for it either.
                None => a.remove(k),
            }
        }
        a
    }
}

fn is_attribute_name(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Checks a CloudEvent object and reads it.
pub(super) fn check(root: Value<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<CloudEvent> {
    for k in CORE {
        match root.get(k) {
            None => out.push(Diagnostic::new(re::REQUIRED, format!("The CloudEvent has no `{k}`")).at_missing(root, k)),
            Some(v) if v.as_str().is_none_or(|s| s.is_empty()) => {
                out.push(Diagnostic::new(re::VALUE, format!("`{k}` must be a non-empty string")).at(v))
            }
            Some(_) => {}
        }
    }
    if let Some(v) = root.get("specversion").filter(|v| v.as_str().is_some_and(|s| s != "1.0")) {
        out.push(Diagnostic::new(re::VALUE, "`specversion` must be \"1.0\"").at(v));
    }
    if let Some(v) = root.get("time") {
        if v.as_str().is_some_and(|s| !s.is_empty() && !is_rfc3339(&s)) {
            out.push(
                Diagnostic::new(re::TIMESTAMP, format!("`{}` is not an RFC 3339 time", v.as_str().unwrap_or_default()))
                    .at(v),
            );
        }
    }
    for (k, v) in root.members() {
        if CORE.contains(&&*k) {
            continue;
        }
        if OPTIONAL.contains(&&*k) {
            let want_string = !matches!(&*k, "data" | "filtering");
            if want_string && v.as_str().is_none() {
                out.push(Diagnostic::new(re::VALUE, format!("`{k}` must be a string")).at(v));
            }
            if &*k == "filtering" && !v.is_object() {
                out.push(Diagnostic::new(re::VALUE, "`filtering` must be an object of filter values").at(v));
            }
            continue;
        }
        if !is_attribute_name(&k) || k.len() > 20 {
            out.push(
                Diagnostic::new(re::ATTRIBUTE_NAME, format!("`{k}` is not a CloudEvents attribute name"))
                    .at(v)
                    .with_expression(k.to_string()),
            );
        }
    }
    let ce = CloudEvent::from_json(&root.to_serde());
    if ce.type_ == goms::EVENT_TYPE {
        check_goms(root, &ce, out);
    }
    Some(ce)
}

/// What seed 000 adds for `genomic-order-event-1`.
fn check_goms(root: Value<'_, '_>, ce: &CloudEvent, out: &mut Vec<Diagnostic>) {
    if let Some(v) = root.get("id").filter(|_| !ce.id.is_empty() && !is_uuid(&ce.id)) {
        out.push(Diagnostic::new(re::ID_FORMAT, format!("The event id `{}` is not a GUID", ce.id)).at(v));
    }
    match (root.get("subject"), &ce.subject) {
        (None, _) => out.push(
            Diagnostic::new(re::REQUIRED, "A GOMS event must carry the GMSOrder UUID as `subject`")
                .at_missing(root, "subject"),
        ),
        (Some(v), Some(s)) if !is_uuid(s) => {
            out.push(Diagnostic::new(re::ID_FORMAT, format!("The subject `{s}` is not a GMSOrder UUID")).at(v))
        }
        _ => {}
    }
    if let Some(v) = root.get("source").filter(|_| !ce.source.is_empty() && ce.source != GOMS_SOURCE) {
        out.push(Diagnostic::new(re::SOURCE, format!("The source is `{}`", ce.source)).at(v));
    }
    match (root.get("dataref"), &ce.dataref) {
        (None, _) => out.push(
            Diagnostic::new(re::DATAREF, "The event has no `dataref` naming the changed resource")
                .at_missing(root, "dataref"),
        ),
        (Some(v), Some(d)) if focus_type(d).is_none() => {
            out.push(Diagnostic::new(re::DATAREF, format!("`{d}` is not a GOMS resource URL")).at(v))
        }
        _ => {}
    }
    if let Some(v) = root.get("data") {
        out.push(
            Diagnostic::new(re::UNEXPECTED, "GOMS events carry no `data`: subscribers retrieve the resource").at(v),
        );
    }
}

/// The resource type of a GOMS resource URL `…/<Type>/<id>`, if it is one of the six.
pub(crate) fn focus_type(url: &str) -> Option<&'static str> {
    let mut parts = url.rsplit('/');
    let id = parts.next()?;
    let ty = parts.next()?;
    if id.is_empty() {
        return None;
    }
    RESOURCE_TYPES.iter().copied().find(|t| *t == ty)
}
