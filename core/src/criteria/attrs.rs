//! The attributes a criteria is evaluated against.
//!
//! Names are matched case-insensitively (MNS writes `eventType`, CloudEvents `type`; CESQL's
//! `EXISTS SOURCE` must find `source`). The CloudEvents context attributes and the GOMS filters
//! have fixed slots, so a compiled criteria reads them by index without hashing or comparing
//! names; any other name goes to a short list searched by name.

use serde_json::{Map, Value as J};

/// A value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrValue {
    /// Present but null: MNS "String or null" filters.
    Null,
    Bool(bool),
    Int(i32),
    Str(Box<str>),
}

impl AttrValue {
    pub fn str(s: impl Into<Box<str>>) -> AttrValue {
        AttrValue::Str(s.into())
    }

    /// A JSON value as an attribute: strings, booleans, 32-bit integers and null; other numbers
    /// and structures become their JSON text (CESQL has no other types).
    pub fn from_json(v: &J) -> AttrValue {
        match v {
            J::Null => AttrValue::Null,
            J::Bool(b) => AttrValue::Bool(*b),
            J::String(s) => AttrValue::str(s.as_str()),
            J::Number(n) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
                Some(n) => AttrValue::Int(n),
                None => AttrValue::str(n.to_string()),
            },
            other => AttrValue::str(other.to_string()),
        }
    }

    pub fn to_json(&self) -> J {
        match self {
            AttrValue::Null => J::Null,
            AttrValue::Bool(b) => (*b).into(),
            AttrValue::Int(n) => (*n).into(),
            AttrValue::Str(s) => J::String(s.to_string()),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttrValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Names with a fixed slot, in their canonical spelling: the CloudEvents context attributes
/// and the `genomic-order-event-1` filters (seed 000).
pub const KNOWN: [&str; 23] = [
    "specversion",
    "id",
    "source",
    "type",
    "time",
    "subject",
    "dataref",
    "datacontenttype",
    "dataschema",
    "versionid",
    "eventType",
    "resourceType",
    "requester",
    "performer",
    "owner",
    "serviceRequestStatus",
    "diagnosticReportStatus",
    "taskStatus",
    "taskBusinessStatus",
    "taskCode",
    "consentStatus",
    "specimenStatus",
    "requestGroupStatus",
];

/// Where a compiled criteria finds an attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Known(u8),
    /// Lowercase name.
    Extra(Box<str>),
}

pub(crate) fn resolve(name: &str) -> Slot {
    match KNOWN.iter().position(|k| k.eq_ignore_ascii_case(name)) {
        Some(i) => Slot::Known(i as u8),
        None => Slot::Extra(name.to_ascii_lowercase().into()),
    }
}

/// A set of named attribute values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    known: [Option<AttrValue>; KNOWN.len()],
    /// (lowercase name, name as given, value)
    extra: Vec<(Box<str>, Box<str>, AttrValue)>,
}

impl Attributes {
    pub fn new() -> Attributes {
        Attributes::default()
    }

    /// Sets `name` (any case) to `v`, replacing an earlier value.
    pub fn set(&mut self, name: &str, v: AttrValue) {
        match resolve(name) {
            Slot::Known(i) => {
                if let Some(s) = self.known.get_mut(i as usize) {
                    *s = Some(v);
                }
            }
            Slot::Extra(lower) => {
                if let Some(e) = self.extra.iter_mut().find(|e| e.0 == lower) {
                    e.2 = v;
                } else {
                    self.extra.push((lower, name.into(), v));
                }
            }
        }
    }

    pub fn set_str(&mut self, name: &str, v: impl Into<Box<str>>) {
        self.set(name, AttrValue::Str(v.into()));
    }

    pub fn remove(&mut self, name: &str) {
        match resolve(name) {
            Slot::Known(i) => {
                if let Some(s) = self.known.get_mut(i as usize) {
                    *s = None;
                }
            }
            Slot::Extra(lower) => self.extra.retain(|e| e.0 != lower),
        }
    }

    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        self.slot(&resolve(name))
    }

    #[inline]
    pub(crate) fn slot(&self, s: &Slot) -> Option<&AttrValue> {
        match s {
            Slot::Known(i) => self.known.get(*i as usize).and_then(Option::as_ref),
            Slot::Extra(lower) => self.extra.iter().find(|e| e.0 == *lower).map(|e| &e.2),
        }
    }

    /// Every attribute, known ones first in [`KNOWN`] order, in canonical spelling.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AttrValue)> {
        let known = KNOWN.iter().zip(self.known.iter()).filter_map(|(n, v)| v.as_ref().map(|v| (*n, v)));
        known.chain(self.extra.iter().map(|e| (&*e.1, &e.2)))
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// A JSON object of the attributes (for `filtering`, the CLI and the portal).
    pub fn to_json(&self) -> J {
        let mut m = Map::new();
        for (k, v) in self.iter() {
            m.insert(k.to_owned(), v.to_json());
        }
        J::Object(m)
    }

    /// Attributes from the members of a JSON object (non-objects give none).
    pub fn from_json_object(v: &J) -> Attributes {
        let mut a = Attributes::new();
        if let Some(m) = v.as_object() {
            for (k, v) in m {
                a.set(k, AttrValue::from_json(v));
            }
        }
        a
    }
}
