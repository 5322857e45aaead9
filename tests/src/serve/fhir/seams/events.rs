//! SEAM 3: `genomic-order-event-1` for every committed create and update of the six GOMS event
//! resource types (seed 000), kept in a bounded ring, and `GET /events` over it: a polling
//! stand-in for MNS delivery.
//!
//! Events are not stored apart from the data: on start the broker replays its write-ahead log
//! through [`Events::publish`], and because an event's id is derived from the resource version
//! it announces (UUID v5 of `Type/id/_history/n`) and its time is that version's
//! `meta.lastUpdated`, the rebuilt ring holds the same events under the same ids, so a
//! client's `since` cursor survives a restart.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use gom_core::criteria::{self, goms::RESOURCE_TYPES, Attributes, Dialect};
use gom_core::events::{genomic_order_event, to_fhir, CloudEvent, ReferenceIndex};
use gom_core::rules::server as r;
use serde_json::{json, Value};

use crate::serve::fhir::full_url;
use crate::serve::fhir::reply::{Reply, Res};
use crate::serve::fhir::search::relative;
use crate::serve::fhir::store::Store;

/// Events held: the most recent ones, oldest dropped first.
pub const EVENT_CAPACITY: usize = 10_000;
/// Events one poll returns unless `_count` says otherwise.
const DEFAULT_COUNT: usize = 1_000;
/// The CloudEvents JSON batch format (a JSON array of events).
const BATCH: &str = "application/cloudevents-batch+json";

/// How many events a commit publishes: one per resource of an event resource type.
pub fn announced(committed: &[Arc<Value>]) -> usize {
    committed.iter().filter(|r| announces(r)).count()
}

fn announces(res: &Value) -> bool {
    RESOURCE_TYPES.contains(&res["resourceType"].as_str().unwrap_or_default())
}

/// One published event: the CloudEvent with a `dataref` relative to the FHIR base (made
/// absolute per request, from the address the client used) and the attributes criteria see.
#[derive(Debug)]
struct Published {
    event: CloudEvent,
    attributes: Attributes,
}

#[derive(Debug)]
pub struct Events {
    ring: Mutex<VecDeque<Published>>,
    capacity: usize,
}

impl Default for Events {
    fn default() -> Self {
        Events::with_capacity(EVENT_CAPACITY)
    }
}

impl Events {
    pub fn with_capacity(capacity: usize) -> Events {
        Events { ring: Mutex::new(VecDeque::new()), capacity: capacity.max(1) }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Events held now.
    pub fn len(&self) -> usize {
        self.ring.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Publishes one commit, given the store it has been applied to (the source of the orders,
    /// requesters and performers the filter attributes come from). Called under the writer
    /// lock, so events are in commit order.
    pub fn publish(&self, store: &Store, committed: &[Arc<Value>]) {
        let mut fresh = Vec::new();
        for res in committed {
            if !announces(res) {
                continue;
            }
            let mut ix = ReferenceIndex::new();
            ix.add(res, None);
            for linked in context(store, res) {
                ix.add(linked, None);
            }
            let (rt, id) = (res["resourceType"].as_str().unwrap_or_default(), res["id"].as_str().unwrap_or_default());
            let version = res["meta"]["versionId"].as_str().unwrap_or("1");
            let name = format!("gom-broker:{rt}/{id}/_history/{version}");
            let event_id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string();
            let time = res["meta"]["lastUpdated"].as_str().map_or_else(super::super::now, str::to_owned);
            let mut event = genomic_order_event(res, &ix, &event_id, &time, "");
            event.dataref = event.dataref.map(|d| d.trim_start_matches('/').to_owned());
            let attributes = event.attributes();
            fresh.push(Published { event, attributes });
        }
        let mut ring = self.ring.lock().unwrap_or_else(PoisonError::into_inner);
        for p in fresh {
            if ring.len() == self.capacity {
                ring.pop_front();
            }
            ring.push_back(p);
        }
    }

    /// `GET /events?criteria=…[&format=cloudevent|fhir][&since=<event id>][&_count=n]`: the held
    /// events after `since` (all held without it) that the MNS criteria matches (all without
    /// it), oldest first, at most `_count`. `base` is the FHIR base the client addressed.
    pub fn query(&self, pairs: &[(String, String)], base: &str) -> Reply {
        self.run(pairs, base).unwrap_or_else(|e| e)
    }

    fn run(&self, pairs: &[(String, String)], base: &str) -> Res {
        let mut q = Query::default();
        for (k, v) in pairs {
            match k.as_str() {
                "criteria" => q.criteria = Some(v.as_str()),
                "format" => q.fhir = format(v)?,
                "since" => q.since = Some(v.as_str()),
                "_count" => q.count = count(v, self.capacity)?,
                _ => {
                    let msg = format!("`{k}` is not a parameter of `/events`; use criteria, format, since or _count");
                    return Err(Reply::issue(400, r::SEARCH_PARAMETER_UNKNOWN, msg));
                }
            }
        }
        let program = match q.criteria {
            None => None,
            Some(c) => {
                let lint = criteria::lint(c);
                let compiled = criteria::compile(c, Dialect::Mns);
                match compiled {
                    Ok(p) if !lint.has_errors() => Some(p),
                    _ => return Err(Reply::json(400, lint.to_operation_outcome())),
                }
            }
        };
        let ring = self.ring.lock().unwrap_or_else(PoisonError::into_inner);
        let start = match q.since {
            None => 0,
            Some(id) => ring.iter().position(|p| p.event.id == id).map(|i| i + 1).ok_or_else(|| {
                let msg = format!(
                    "The event `{id}` is not held: the broker keeps the last {} events, and older ones are gone",
                    self.capacity
                );
                Reply::issue(410, r::EVENT_NOT_HELD, msg)
            })?,
        };
        let hits: Vec<CloudEvent> = ring
            .iter()
            .skip(start)
            .filter(|p| program.as_ref().is_none_or(|prog| prog.matches(&p.attributes)))
            .take(q.count.unwrap_or(DEFAULT_COUNT))
            .map(|p| delivered(&p.event, base))
            .collect();
        drop(ring);
        if q.fhir {
            let entries: Vec<Value> = hits
                .iter()
                .map(|e| json!({"fullUrl": format!("urn:uuid:{}", e.id), "resource": to_fhir(e, None)}))
                .collect();
            return Ok(Reply::ok(json!({"resourceType": "Bundle", "type": "collection", "entry": entries})));
        }
        let mut reply = Reply::ok(Value::Array(hits.iter().map(CloudEvent::to_json).collect()));
        reply.content_type = BATCH;
        Ok(reply)
    }
}

#[derive(Default)]
struct Query<'q> {
    criteria: Option<&'q str>,
    fhir: bool,
    since: Option<&'q str>,
    count: Option<usize>,
}

fn format(v: &str) -> Res<bool> {
    match v {
        "cloudevent" => Ok(false),
        "fhir" => Ok(true),
        _ => Err(Reply::issue(400, r::SEARCH_VALUE_INVALID, format!("`format={v}`: use `cloudevent` or `fhir`"))),
    }
}

fn count(v: &str, max: usize) -> Res<Option<usize>> {
    match v.parse::<usize>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(Reply::issue(400, r::SEARCH_VALUE_INVALID, format!("`_count={v}`: use a number from 0 to {max}"))),
    }
}

/// The event as MNS delivers it: without the `filtering` object subscribers never see, with
/// an absolute `dataref` when the client's address is known.
fn delivered(e: &CloudEvent, base: &str) -> CloudEvent {
    let mut out = e.clone();
    out.filtering = None;
    out.dataref = e.dataref.as_deref().map(|d| full_url(base, d));
    out
}

/// The held resources a resource's filter attributes are read from: its order and that order's
/// requester, and a Task's own requester.
fn context<'s>(store: &'s Store, res: &Value) -> Vec<&'s Arc<Value>> {
    let first = |v: &Value| match v {
        Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let order_ref = match res["resourceType"].as_str().unwrap_or_default() {
        "Task" => res["focus"].clone(),
        "DiagnosticReport" => first(&res["basedOn"]),
        "Specimen" => first(&res["request"]),
        _ => Value::Null,
    };
    let resolve = |r: &Value| r["reference"].as_str().and_then(|x| store.resolve(&relative(x)));
    let mut out = Vec::new();
    if let Some(sr) = resolve(&order_ref) {
        out.extend(resolve(&sr["requester"]));
        out.push(sr);
    }
    out.extend(resolve(&res["requester"]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(store: &mut Store, n: u64) -> Vec<Arc<Value>> {
        let sr = json!({"resourceType": "ServiceRequest", "id": format!("sr{n}"), "status": "active",
                        "meta": {"versionId": "1", "lastUpdated": "2026-05-01T10:00:00.000Z"},
                        "identifier": [{"system": "https://fhir.nhs.uk/Id/GMSOrder", "value": format!("00000000-0000-4000-8000-00000000000{n}")}]});
        let patient = json!({"resourceType": "Patient", "id": format!("p{n}"), "meta": {"versionId": "1"}});
        let c = vec![Arc::new(sr), Arc::new(patient)];
        store.apply(&c);
        c
    }

    fn ids(reply: &Reply) -> Vec<String> {
        let events = reply.body.as_array().cloned().unwrap_or_default();
        events.iter().map(|e| e["dataref"].as_str().unwrap_or_default().to_owned()).collect()
    }

    #[test]
    fn keeps_the_newest_events_and_says_when_a_cursor_is_gone() {
        let (mut store, events) = (Store::default(), Events::with_capacity(2));
        let mut first_id = String::new();
        for n in 0..3 {
            let c = commit(&mut store, n);
            assert_eq!(announced(&c), 1, "a Patient announces nothing");
            events.publish(&store, &c);
            if n == 0 {
                first_id = events.ring.lock().map(|r| r[0].event.id.clone()).unwrap_or_default();
            }
        }
        assert_eq!(events.len(), 2);
        let all = events.query(&[], "http://h/FHIR/R4");
        assert_eq!(all.content_type, BATCH);
        assert_eq!(ids(&all), ["http://h/FHIR/R4/ServiceRequest/sr1", "http://h/FHIR/R4/ServiceRequest/sr2"]);
        let gone = events.query(&[("since".into(), first_id)], "");
        assert_eq!(gone.status, 410);
        let one = events.query(&[("_count".into(), "1".into())], "");
        assert_eq!(ids(&one), ["ServiceRequest/sr1"], "relative datarefs when the address is unknown");
    }
}
