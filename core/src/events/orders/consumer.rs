//! Consumer-side delivery policy for the orders stream (seed 004 §3), as pure functions and
//! small state machines the caller feeds: at-least-once delivery (de-duplicate by `id`),
//! per-patient ordering on `clinical.orders.{patientId}`, dead-letter after 3 failed ACKs, and
//! the consumed `REGISTRATION.patient.vital-status-changed.v1` rule. Time is passed in.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value as J};

use crate::events::text::epoch_millis;

/// How long the stream keeps events, so how long an id must be remembered.
pub const RETENTION_MILLIS: i64 = 7 * 24 * 3600 * 1000;
/// Failed acknowledgements after which an event goes to the dead-letter subject.
pub const MAX_FAILED_ACKS: u32 = 3;
pub const DEAD_LETTER_SUBJECT: &str = "clinical.orders.dlq";
pub const VITAL_STATUS_CHANGED: &str = "REGISTRATION.patient.vital-status-changed.v1";
/// Who the automatic cancellations are attributed to.
pub const HANDLER: &str = "system:OnVitalStatusChangedHandler";

/// The NATS subject an event for `patient_id` is published on.
pub fn nats_subject(patient_id: &str) -> String {
    format!("clinical.orders.{patient_id}")
}

/// Whether a delivery is new or a redelivery of an id already handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    New,
    Duplicate,
}

/// Remembers handled event ids for the retention window.
#[derive(Debug, Default)]
pub struct Deduplicator {
    seen: HashMap<String, i64>,
}

impl Deduplicator {
    pub fn new() -> Deduplicator {
        Deduplicator::default()
    }

    /// Records `id` handled at `now_millis`; forgets ids older than the retention window.
    pub fn accept(&mut self, id: &str, now_millis: i64) -> Delivery {
        self.seen.retain(|_, at| now_millis - *at <= RETENTION_MILLIS);
        if self.seen.contains_key(id) {
            return Delivery::Duplicate;
        }
        self.seen.insert(id.to_owned(), now_millis);
        Delivery::New
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// The verdict of the per-patient ordering check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ordering {
    InOrder,
    /// Earlier than the last event seen for the patient.
    OutOfOrder {
        last_time: String,
    },
    /// Published on another patient's subject.
    WrongSubject {
        expected: String,
    },
    /// No `data.patientId` or readable `time`.
    Unreadable,
}

/// The last event time seen per patient.
#[derive(Debug, Default)]
pub struct PatientOrdering {
    last: BTreeMap<String, (i64, String)>,
}

impl PatientOrdering {
    pub fn new() -> PatientOrdering {
        PatientOrdering::default()
    }

    /// Checks an event delivered on `subject` and records it when in order.
    pub fn observe(&mut self, subject: &str, event: &J) -> Ordering {
        let (Some(patient), Some(time)) =
            (event.pointer("/data/patientId").and_then(J::as_str), event.get("time").and_then(J::as_str))
        else {
            return Ordering::Unreadable;
        };
        let Some(t) = epoch_millis(time) else { return Ordering::Unreadable };
        let expected = nats_subject(patient);
        if subject != expected {
            return Ordering::WrongSubject { expected };
        }
        match self.last.get(patient) {
            Some((last, last_time)) if t < *last => Ordering::OutOfOrder { last_time: last_time.clone() },
            _ => {
                self.last.insert(patient.to_owned(), (t, time.to_owned()));
                Ordering::InOrder
            }
        }
    }
}

/// What to do after an acknowledgement failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    Redeliver { attempt: u32 },
    DeadLetter { subject: &'static str },
}

/// The policy after the `failed_acks`-th failed acknowledgement of one event.
pub fn after_failed_ack(failed_acks: u32) -> Retry {
    if failed_acks >= MAX_FAILED_ACKS {
        Retry::DeadLetter { subject: DEAD_LETTER_SUBJECT }
    } else {
        Retry::Redeliver { attempt: failed_acks + 1 }
    }
}

/// An order the consumer holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderSummary {
    pub order_id: String,
    pub patient_id: String,
    pub stable_patient_id: String,
    pub order_type: String,
    /// An orders-service status (draft, active, on-hold, completed, cancelled, corrected).
    pub status: String,
    pub tenant_id: String,
}

/// What the vital-status rule decides for a patient.
#[derive(Clone, Debug, PartialEq)]
pub struct VitalStatusOutcome {
    pub deceased: bool,
    /// New orders for the patient must be refused.
    pub block_new_orders: bool,
    /// `clinical.orders.order.cancelled.v1` events for the patient's open orders.
    pub cancellations: Vec<J>,
    /// One audit record per cancelled order.
    pub audit: Vec<J>,
}

/// Whether the consumed event says the patient died (`data.vitalStatus` `deceased`, or
/// `data.deceased` true; the registration schema is not in seed 004).
fn is_deceased(data: &J) -> bool {
    data.get("vitalStatus").and_then(J::as_str).is_some_and(|s| s.eq_ignore_ascii_case("deceased"))
        || data.get("deceased").and_then(J::as_bool) == Some(true)
}

/// The `OnVitalStatusChangedHandler` rule: for a deceased patient, block new orders and cancel
/// every open order (draft, active, on-hold) with an audit reason. `new_id` gives each
/// cancellation event its id; `now` is its time.
pub fn on_vital_status_changed(
    event: &J,
    orders: &[OrderSummary],
    mut new_id: impl FnMut() -> String,
    now: &str,
) -> Result<VitalStatusOutcome, String> {
    if event.get("type").and_then(J::as_str) != Some(VITAL_STATUS_CHANGED) {
        return Err(format!("not a {VITAL_STATUS_CHANGED} event"));
    }
    let data = event.get("data").ok_or("the event has no data")?;
    let patient = data.get("patientId").and_then(J::as_str).ok_or("the event has no data.patientId")?;
    let cause = event.get("id").and_then(J::as_str).unwrap_or("?");
    let deceased = is_deceased(data);
    let mut out =
        VitalStatusOutcome { deceased, block_new_orders: deceased, cancellations: Vec::new(), audit: Vec::new() };
    if !deceased {
        return Ok(out);
    }
    let reason = format!("Patient deceased ({VITAL_STATUS_CHANGED} {cause})");
    for o in
        orders.iter().filter(|o| o.patient_id == patient && matches!(o.status.as_str(), "draft" | "active" | "on-hold"))
    {
        let id = new_id();
        out.cancellations.push(json!({
            "specversion": "1.0",
            "type": "clinical.orders.order.cancelled.v1",
            "source": "orders-service",
            "id": id,
            "time": now,
            "tenantid": o.tenant_id,
            "datacontenttype": "application/json",
            "data": {
                "orderId": o.order_id,
                "patientId": o.patient_id,
                "stablePatientId": o.stable_patient_id,
                "orderType": o.order_type,
                "cancelReason": reason,
                "cancelledBy": HANDLER,
                "tenantId": o.tenant_id
            }
        }));
        out.audit.push(json!({
            "action": "auto-cancel",
            "orderId": o.order_id,
            "previousStatus": o.status,
            "reason": reason,
            "causedBy": cause,
            "event": id,
            "at": now,
            "by": HANDLER
        }));
    }
    Ok(out)
}

/// Whether a new order may be placed for a patient whose vital status is known.
pub fn may_place_order(outcome: Option<&VitalStatusOutcome>) -> bool {
    !outcome.is_some_and(|o| o.block_new_orders)
}
