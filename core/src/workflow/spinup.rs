//! Task spin-up (domain.md §1.3, seed 003): when a ServiceRequest becomes active, GOMS creates
//! the library of 10 Tasks, per request or per specimen, in `draft`; each moves to `requested`
//! once the Tasks of the stage before it along the National Genomic Testing Process (NGTP) are
//! complete.
//!
//! Pure: the caller passes the id generator and the time. Prerequisites are worked out from the
//! Tasks themselves (code and specimen input), so the broker needs no extra state to promote.

use serde::Serialize;
use serde_json::{json, Value as J};

use super::tables::TASK_GMS;
use crate::diag::Diagnostic;
use crate::rules::workflow as r;

pub const TASK_CODE_SYSTEM: &str = "https://fhir.nhs.uk/CodeSystem/task-code-genomics";
pub const TASK_PROFILE: &str = "https://fhir.nhs.uk/StructureDefinition/NHSEngland-Task-Genomics";
/// The owner system as the Task profile fixes it ('s' spelling; examples use 'z').
pub use crate::fhir::systems::ODS_S as OWNER_SYSTEM;

/// The kind of order, which decides the Task library (the columns of the §1.3 table).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    #[default]
    General,
    /// Re-analysis or re-interpretation of existing data: no new wet work.
    Reanalysis,
    DnaStorage,
}

impl Variant {
    /// The variant a ServiceRequest's test calls for: re-analysis or re-interpretation when its
    /// test code (`code`) or reason for testing (`category`) says so (test directory R387
    /// "Re-analysis", reason `reanalysis`), DNA storage for the reason `sample-storage` or a
    /// storage test; otherwise the general library.
    pub fn of_request(sr: &J) -> Variant {
        let codings = ["code", "category", "reasonCode"].into_iter().flat_map(|k| concepts(sr.get(k)));
        let mut variant = Variant::General;
        for c in codings {
            let code = c.get("code").and_then(J::as_str).unwrap_or_default().to_ascii_lowercase();
            let words = ["display", "text"]
                .iter()
                .filter_map(|k| c.get(*k).and_then(J::as_str))
                .map(|w| w.to_ascii_lowercase().replace(['-', ' '], ""))
                .collect::<Vec<_>>()
                .join(" ");
            if code == "r387"
                || code == "reanalysis"
                || words.contains("reanalysis")
                || words.contains("reinterpretation")
            {
                return Variant::Reanalysis;
            }
            if code == "sample-storage" || words.contains("dnastorage") || words.contains("samplestorage") {
                variant = Variant::DnaStorage;
            }
        }
        variant
    }
}

/// The codings of one CodeableConcept or a list of them, with the concept's `text` as a coding
/// of its own.
fn concepts(v: Option<&J>) -> Vec<&J> {
    let list: Vec<&J> = match v {
        Some(J::Array(a)) => a.iter().collect(),
        Some(c) => vec![c],
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for c in list {
        out.extend(c.get("coding").and_then(J::as_array).into_iter().flatten());
        if c.get("text").is_some() {
            out.push(c);
        }
    }
    out
}

/// How many Tasks of a code GOMS spins up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cardinality {
    /// 0..0: never.
    None,
    /// 0..*: none at spin-up; may be added by hand.
    Optional,
    /// 1..1.
    One,
    /// 1..*: one at spin-up; more may be added by hand (e.g. after a QC failure).
    AtLeastOne,
    /// 1..*: one per specimen (one without a specimen when there is none yet).
    PerSpecimen,
}

/// One Task code of the library, in NGTP order.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct TaskCodeDef {
    pub code: &'static str,
    pub display: &'static str,
    pub general: Cardinality,
    pub reanalysis: Cardinality,
    pub dna_storage: Cardinality,
}

impl TaskCodeDef {
    pub fn cardinality(&self, v: Variant) -> Cardinality {
        match v {
            Variant::General => self.general,
            Variant::Reanalysis => self.reanalysis,
            Variant::DnaStorage => self.dna_storage,
        }
    }
}

use Cardinality::{AtLeastOne, None as Never, One, Optional, PerSpecimen};

const fn code(
    code: &'static str,
    display: &'static str,
    general: Cardinality,
    reanalysis: Cardinality,
    dna_storage: Cardinality,
) -> TaskCodeDef {
    TaskCodeDef { code, display, general, reanalysis, dna_storage }
}

/// The §1.3 table (SIMP Task page), in NGTP order; the position is the stage.
const CODES: &[TaskCodeDef] = &[
    code("process-genomic-test-request", "Process Genomic Test Request", One, One, One),
    code("request-sample-alignment", "Request & Sample Alignment", PerSpecimen, One, PerSpecimen),
    code("sample-preparation", "Sample Preparation", PerSpecimen, Never, PerSpecimen),
    code("sample-processing", "Sample Processing", PerSpecimen, Never, Never),
    code("genetic-genomic-data-processing", "Genetic/Genomic Data Processing", AtLeastOne, Optional, Never),
    code("interpretation", "Interpretation", AtLeastOne, AtLeastOne, Never),
    code("produce-interim-report", "Produce Interim Report", AtLeastOne, AtLeastOne, Never),
    code("genomic-mdt", "Genomic MDT", One, One, Never),
    code("produce-final-report", "Produce Final Report", One, One, One),
    code("distribute-report", "Distribute Report", One, One, One),
];

/// The 10 Task codes with their cardinalities, in NGTP order.
pub fn task_codes() -> &'static [TaskCodeDef] {
    CODES
}

fn stage_of(code: &str) -> Option<usize> {
    CODES.iter().position(|c| c.code == code)
}

/// One Task to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedTask {
    pub id: String,
    pub code: &'static str,
    pub display: &'static str,
    /// The specimen reference the Task acts on (`Task.input`), for per-specimen codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specimen: Option<String>,
    pub status: &'static str,
    /// Ids of the Tasks that must complete before this one moves to `requested`.
    pub prerequisites: Vec<String>,
}

/// The spin-up plan: the Tasks to create, as plan rows and as Task resources.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpinUp {
    pub tasks: Vec<PlannedTask>,
    pub resources: Vec<J>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Plans the Tasks for an active ServiceRequest. `specimens` are the references of its
/// specimens without a parent (see [`specimens_for`]); `next_id` makes Task ids; `now` is the
/// creation time (`authoredOn`, `lastModified`).
pub fn plan_spin_up(
    sr: &J,
    specimens: &[String],
    variant: Variant,
    next_id: &mut dyn FnMut() -> String,
    now: &str,
) -> SpinUp {
    let mut out = SpinUp::default();
    let id = sr.get("id").and_then(J::as_str);
    let status = sr.get("status").and_then(J::as_str);
    let missing: Vec<&str> =
        [("id", id.is_some()), ("subject", sr.get("subject").is_some()), ("requester", sr.get("requester").is_some())]
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n)
            .collect();
    if sr.get("resourceType").and_then(J::as_str) != Some("ServiceRequest")
        || status != Some("active")
        || !missing.is_empty()
    {
        let why = if status != Some("active") {
            format!("its status is `{}`, not `active`", status.unwrap_or("missing"))
        } else {
            format!("it has no {}", super::list_codes(&missing, "or"))
        };
        let msg = format!("No Tasks are spun up for this ServiceRequest: {why}");
        out.diagnostics.push(Diagnostic::new(r::SPIN_UP_NOT_POSSIBLE, msg).with_expression("ServiceRequest"));
        return out;
    }
    let focus = format!("ServiceRequest/{}", id.unwrap_or_default());
    let mut keys: Vec<(usize, Option<String>)> = Vec::new();
    for (stage, def) in CODES.iter().enumerate() {
        match def.cardinality(variant) {
            Never | Optional => {}
            One | AtLeastOne => keys.push((stage, None)),
            PerSpecimen if specimens.is_empty() => keys.push((stage, None)),
            PerSpecimen => keys.extend(specimens.iter().map(|s| (stage, Some(s.clone())))),
        }
    }
    let ids: Vec<String> = keys.iter().map(|_| next_id()).collect();
    let nodes: Vec<Node> =
        keys.iter().map(|(stage, sp)| Node { stage: *stage, specimen: sp.as_deref(), status: "draft" }).collect();
    for (i, ((stage, specimen), id)) in keys.iter().zip(&ids).enumerate() {
        let def = &CODES[*stage];
        let prerequisites = prerequisites(&nodes, i).into_iter().filter_map(|p| ids.get(p).cloned()).collect();
        let t = PlannedTask {
            id: id.clone(),
            code: def.code,
            display: def.display,
            specimen: specimen.clone(),
            status: "draft",
            prerequisites,
        };
        out.resources.push(task_resource(&t, sr, &focus, now));
        out.tasks.push(t);
    }
    out
}

/// The Task resource for a planned Task.
fn task_resource(t: &PlannedTask, sr: &J, focus: &str, now: &str) -> J {
    let mut task = json!({
        "resourceType": "Task",
        "id": t.id,
        "meta": {"profile": [TASK_PROFILE]},
        "status": t.status,
        "intent": "order",
        "code": {"coding": [{"system": TASK_CODE_SYSTEM, "code": t.code, "display": t.display}]},
        "focus": {"reference": focus},
        "for": sr.get("subject").cloned().unwrap_or(J::Null),
        "authoredOn": now,
        "lastModified": now,
        "requester": sr.get("requester").cloned().unwrap_or(J::Null),
    });
    let performer = sr.pointer("/performer/0/identifier/value").and_then(J::as_str);
    if let (Some(o), Some(ods)) = (task.as_object_mut(), performer) {
        o.insert("owner".into(), json!({"identifier": {"system": OWNER_SYSTEM, "value": ods}}));
    }
    if let (Some(o), Some(sp)) = (task.as_object_mut(), &t.specimen) {
        o.insert("input".into(), json!([{"type": {"text": "Specimen"}, "valueReference": {"reference": sp}}]));
    }
    task
}

/// Duo and Trio (domain.md §1.8: "Task.input references specimens of all participants"): every
/// planned Task that is not about one specimen gets an input for each Specimen of each
/// participant, one set per participant in the order given; a per-specimen Task keeps its one
/// Specimen. `participants` lists each person's Specimen references (the proband first).
pub fn add_participant_inputs(plan: &mut SpinUp, participants: &[Vec<String>]) {
    if participants.len() < 2 {
        return;
    }
    let inputs: Vec<J> = participants
        .iter()
        .flatten()
        .map(|sp| json!({"type": {"text": "Specimen"}, "valueReference": {"reference": sp}}))
        .collect();
    if inputs.is_empty() {
        return;
    }
    for (t, r) in plan.tasks.iter().zip(plan.resources.iter_mut()) {
        if let (None, Some(o)) = (&t.specimen, r.as_object_mut()) {
            o.insert("input".into(), J::Array(inputs.clone()));
        }
    }
}

/// A Task as prerequisites see it.
struct Node<'a> {
    stage: usize,
    specimen: Option<&'a str>,
    status: &'a str,
}

/// Tasks cancelled or entered in error are gone; the rest take part.
fn counts(status: &str) -> bool {
    !matches!(status, "cancelled" | "entered-in-error")
}

/// Indexes of the Tasks task `i` waits for: the Tasks of the nearest earlier stage that has any,
/// narrowed to the same specimen when both sides are per-specimen and such Tasks exist.
fn prerequisites(nodes: &[Node<'_>], i: usize) -> Vec<usize> {
    let Some(me) = nodes.get(i) else { return Vec::new() };
    let Some(prev) = nodes.iter().filter(|n| n.stage < me.stage && counts(n.status)).map(|n| n.stage).max() else {
        return Vec::new();
    };
    let stage: Vec<usize> =
        (0..nodes.len()).filter(|&j| nodes.get(j).is_some_and(|n| n.stage == prev && counts(n.status))).collect();
    let same: Vec<usize> = stage
        .iter()
        .copied()
        .filter(|&j| me.specimen.is_some() && nodes.get(j).is_some_and(|n| n.specimen == me.specimen))
        .collect();
    if same.is_empty() {
        stage
    } else {
        same
    }
}

/// The draft Tasks (indexes into `tasks`) whose prerequisites are complete: each should now
/// move to `requested`. A stage is complete when one of its Tasks is completed and none is still
/// open; failed or rejected Tasks then do not block (their replacements completed).
pub fn due_for_request(tasks: &[&J]) -> Vec<usize> {
    let codes: Vec<Option<(usize, Option<String>, &str)>> = tasks
        .iter()
        .map(|t| {
            let stage = t.pointer("/code/coding/0/code").and_then(J::as_str).and_then(stage_of)?;
            let status = t.get("status").and_then(J::as_str).unwrap_or_default();
            // The one Specimen a Task acts on; a Task with the Specimens of several participants
            // (Duo, Trio) acts on the whole test.
            let mut specimens: Vec<&str> = t
                .get("input")
                .and_then(J::as_array)
                .into_iter()
                .flatten()
                .filter_map(|i| i.pointer("/valueReference/reference").and_then(J::as_str))
                .collect();
            specimens.sort_unstable();
            specimens.dedup();
            let specimen = match specimens.as_slice() {
                [one] => Some((*one).to_owned()),
                _ => None,
            };
            Some((stage, specimen, status))
        })
        .collect();
    // Tasks without a library code take no part; `at` maps node positions back to `tasks`.
    let at: Vec<usize> = (0..codes.len()).filter(|&i| codes.get(i).is_some_and(Option::is_some)).collect();
    let nodes: Vec<Node<'_>> = codes
        .iter()
        .flatten()
        .map(|(stage, sp, status)| Node { stage: *stage, specimen: sp.as_deref(), status })
        .collect();
    let open = |s: &str| TASK_GMS.status(s).is_some_and(|d| !d.terminal);
    let mut due = Vec::new();
    for (n, node) in nodes.iter().enumerate() {
        if node.status != "draft" {
            continue;
        }
        let pre = prerequisites(&nodes, n);
        let states: Vec<&str> = pre.iter().filter_map(|&p| nodes.get(p)).map(|p| p.status).collect();
        let complete = pre.is_empty() || (states.contains(&"completed") && !states.iter().any(|s| open(s)));
        if complete {
            if let Some(&i) = at.get(n) {
                due.push(i);
            }
        }
    }
    due
}

/// The specimens GOMS spins Tasks up for: those the ServiceRequest references and those that
/// reference it (`Specimen.request`), without a `parent` (derived samples get no Tasks of
/// their own), as references, deduplicated, in order.
pub fn specimens_for(sr: &J, resources: &[&J]) -> Vec<String> {
    let id = sr.get("id").and_then(J::as_str).unwrap_or_default();
    let by_ref = |reference: &str| {
        resources.iter().find(|r| {
            r.get("resourceType").and_then(J::as_str) == Some("Specimen")
                && r.get("id").and_then(J::as_str).is_some_and(|i| reference.ends_with(&format!("Specimen/{i}")))
        })
    };
    let has_parent = |s: &J| s.get("parent").is_some_and(|p| p.as_array().is_none_or(|a| !a.is_empty()));
    let mut out: Vec<String> = Vec::new();
    let listed = sr.get("specimen").and_then(J::as_array).into_iter().flatten();
    for reference in listed.filter_map(|s| s.get("reference").and_then(J::as_str)) {
        if !by_ref(reference).is_some_and(|s| has_parent(s)) && !out.iter().any(|o| o == reference) {
            out.push(reference.to_owned());
        }
    }
    for s in resources.iter().filter(|r| r.get("resourceType").and_then(J::as_str) == Some("Specimen")) {
        let points_here = s
            .pointer("/request")
            .map(|r| match r {
                J::Array(a) => a.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .unwrap_or_default()
            .iter()
            .filter_map(|r| r.get("reference").and_then(J::as_str))
            .any(|r| !id.is_empty() && r.ends_with(&format!("ServiceRequest/{id}")));
        let Some(sid) = s.get("id").and_then(J::as_str) else { continue };
        let reference = format!("Specimen/{sid}");
        if points_here && !has_parent(s) && !out.iter().any(|o| o.ends_with(&reference)) {
            out.push(reference);
        }
    }
    out
}
