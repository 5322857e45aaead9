//! The update check: two versions of one resource (the stored one and its update) → issues.
//!
//! It reads both versions with the position-keeping [`crate::json::Doc`], not `serde_json`, so
//! that every finding points at the line and column of the updated document, where the person
//! editing it can act. Findings about the stored version carry its own line and column.

use serde::{Deserialize, Serialize};

use super::demands::{check_demands, check_inv1, readable_time, resource_type, status_of};
use super::owner::check_owner;
use super::tables::machine;
use super::time::compare_datetimes;
use super::transition::transition_issues;
use super::{ResourceType, Role, Workflow};
use crate::diag::{Diagnostic, Report};
use crate::json::{Doc, Kind, Limits, Value};
use crate::rules::json as rj;
use crate::rules::workflow as r;

/// Who makes the update, under which workflow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateOptions {
    pub workflow: Workflow,
    /// The side making the change; `None` checks only that the transition exists.
    pub role: Option<Role>,
    /// The ODS code of the organisation making the change. Owner changes are checked against it
    /// (only the current owner reassigns); without it they are reported as unchecked.
    pub actor: Option<String>,
}

/// Elements set once, per resource type (seed 003: "autopopulated by the central service").
const IMMUTABLE: &[(ResourceType, &[&str])] = &[
    (ResourceType::Task, &["focus", "for", "code", "authoredOn", "requester"]),
    (ResourceType::ServiceRequest, &["subject"]),
];

/// The findings of an update check, per document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFindings {
    /// About the updated version, located in it.
    pub updated: Vec<Diagnostic>,
    /// About the stored version (it was already broken), located in it.
    pub stored: Vec<Diagnostic>,
}

/// Checks an update given as JSON texts. Never fails: unreadable input is a fatal finding.
/// Findings about the stored version say so and carry its line and column (no span).
pub fn check_update(before: &str, after: &str, opts: &UpdateOptions) -> Report {
    let mut f = UpdateFindings::default();
    let b = parse(before, "stored version (before)", &mut f.stored);
    let a = parse(after, "updated version (after)", &mut f.updated);
    if let (Some(b), Some(a)) = (&b, &a) {
        let more = check_update_values(b.root(), a.root(), opts);
        f.updated.extend(more.updated);
        f.stored.extend(more.stored);
    }
    let mut stored = Report::new(f.stored);
    stored.locate(before);
    for d in &mut stored.diagnostics {
        d.span = None;
    }
    let mut report = Report::new(f.updated);
    report.locate(after);
    report.diagnostics.extend(stored.diagnostics);
    report.sort();
    report
}

fn parse<'a>(src: &'a str, which: &str, out: &mut Vec<Diagnostic>) -> Option<Doc<'a>> {
    match Doc::parse_with(src, Limits::default()) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let end = (e.offset + 1).min(src.len());
            out.push(Diagnostic::new(rj::SYNTAX, format!("The {which} is not JSON: {e}")).at_span(e.offset, end));
            None
        }
    }
}

/// Checks an update given as parsed values.
pub fn check_update_values(before: Value<'_, '_>, after: Value<'_, '_>, opts: &UpdateOptions) -> UpdateFindings {
    let mut out = Vec::new();
    let mut stored = Vec::new();
    check_into(before, after, opts, &mut out, &mut stored);
    for d in &mut stored {
        d.message = format!("Stored version: {}", d.message);
    }
    UpdateFindings { updated: out, stored }
}

fn check_into(
    before: Value<'_, '_>,
    after: Value<'_, '_>,
    opts: &UpdateOptions,
    out: &mut Vec<Diagnostic>,
    stored: &mut Vec<Diagnostic>,
) {
    let rt_before = resource_type(before, stored);
    let rt_after = resource_type(after, out);
    let (Some(rt), Some(rt_b)) = (rt_after, rt_before) else { return };
    if rt != rt_b {
        let at = after.get("resourceType").unwrap_or(after);
        let msg = format!("The stored version is a {rt_b} but the update is a {rt}");
        out.push(Diagnostic::new(r::UPDATE_RESOURCE_MISMATCH, msg).at(at));
        return;
    }
    if let (Some(ib), Some(ia)) = (before.get_str("id"), after.get("id")) {
        if !ia.str_is(&ib) {
            let shown = ia.as_str().unwrap_or_default();
            let msg = format!("The update has `id` `{shown}` but the stored version has `{ib}`");
            out.push(Diagnostic::new(r::UPDATE_RESOURCE_MISMATCH, msg).at(ia));
            return;
        }
    }
    let m = machine(rt, opts.workflow);
    // Unused statuses are reported by the transition check, once, at the update's status.
    let from = status_of(before, rt, opts.workflow, false, stored);
    let to = status_of(after, rt, opts.workflow, false, out);
    if let (Some(from), Some(to)) = (from, to) {
        let at = after.get("status").unwrap_or(after);
        let issues = transition_issues(m, opts.workflow, from, to, opts.role);
        // What the target asks for matters only once the move itself is legal.
        let legal = issues.is_empty();
        out.extend(issues.into_iter().map(|d| d.at(at)));
        if from != to && legal {
            check_demands(after, rt, to, out);
        }
    }
    check_immutable(before, after, rt, out);
    if rt == ResourceType::Task {
        check_inv1(after, out);
        check_last_modified(before, after, out);
        let before_status = from.and_then(|c| m.status(c));
        check_owner(before, after, before_status, opts, out);
    }
}

fn check_immutable(before: Value<'_, '_>, after: Value<'_, '_>, rt: ResourceType, out: &mut Vec<Diagnostic>) {
    let names = IMMUTABLE.iter().find(|(t, _)| *t == rt).map(|(_, n)| *n).unwrap_or_default();
    for name in names {
        let (b, a) = (before.get(name), after.get(name));
        let d = match (b, a) {
            (Some(b), Some(a)) if b.to_serde() != a.to_serde() => {
                let msg = format!("`{name}` changed from `{}` to `{}`", compact(b), compact(a));
                Diagnostic::new(r::IMMUTABLE_CHANGED, msg).at(a)
            }
            (Some(b), None) => {
                let msg = format!("`{name}` (`{}`) was removed", compact(b));
                Diagnostic::new(r::IMMUTABLE_CHANGED, msg).at_missing(after, name)
            }
            (None, Some(a)) => {
                let msg = format!("`{name}` was added after creation (`{}`)", compact(a));
                Diagnostic::new(r::IMMUTABLE_CHANGED, msg).at(a)
            }
            _ => continue,
        };
        out.push(d.with_help(format!("Keep the stored `{rt}.{name}`; it is set once, when the {rt} is created.")));
    }
}

/// A value's JSON text without whitespace, cut short for messages.
fn compact(v: Value<'_, '_>) -> String {
    let s = v.to_serde().to_string();
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// `lastModified` SHALL be updated on change: later than the stored value whenever anything
/// but `meta` and `text` changed.
fn check_last_modified(before: Value<'_, '_>, after: Value<'_, '_>, out: &mut Vec<Diagnostic>) {
    // The members left out as they are read, not removed afterwards: removing from the map would
    // bring the B-tree's removal and rebalancing code (several KB) into the Wasm for this alone.
    let strip = |v: Value<'_, '_>| {
        if v.kind() != Kind::Object {
            return v.to_serde();
        }
        let mut m = serde_json::Map::new();
        for (k, c) in v.members() {
            if !matches!(&*k, "meta" | "text" | "lastModified") {
                // The first of repeated members, as `Value::to_serde` keeps.
                m.entry(k.into_owned()).or_insert_with(|| c.to_serde());
            }
        }
        serde_json::Value::Object(m)
    };
    if strip(before) == strip(after) {
        return;
    }
    // An unreadable value is reported once, by the inv-1 check.
    let mut unreadable = Vec::new();
    let Some((at, lm)) = readable_time(after, "lastModified", &mut unreadable) else {
        if after.get("lastModified").is_none() {
            let msg = "The Task changed but has no `lastModified`";
            out.push(Diagnostic::new(r::LAST_MODIFIED_NOT_ADVANCED, msg).at_missing(after, "lastModified"));
        }
        return;
    };
    let Some((_, stored)) = readable_time(before, "lastModified", &mut unreadable) else { return };
    if matches!(compare_datetimes(&lm, &stored), Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)) {
        let msg = format!("The Task changed but `lastModified` `{lm}` is not later than the stored `{stored}`");
        out.push(Diagnostic::new(r::LAST_MODIFIED_NOT_ADVANCED, msg).at(at));
    }
}
