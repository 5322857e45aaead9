//! Graph rules: orphans, the GraphDefinitions' links, Duo/Trio participants. Everything runs over
//! the reference index, so each is linear in entries plus references.

use crate::diag::msg;
use std::borrow::Cow;

use super::references::{a, list};
use super::{Ctx, Mode};
use crate::graphdef::{self, GraphDefinition, Link, Path, Target};
use crate::hash::{map_with_capacity, FxMap, FxSet};
use crate::json::Value;
use crate::refs::{BundleIndex, Reference, Resolution};
use crate::rules::graph as r;

/// Reverse links that attach an entry to the entry it references (domain.md §1.1: `Specimen.request`,
/// RelatedPerson via its patient; `DiagnosticReport.basedOn` from the results group). A Task
/// (`focus`) and a Provenance (`target`) belong to what they are about: the Task profile makes
/// `focus` its anchor, and GOMS wants a Provenance beside each ServiceRequest update.
const REVERSE_LINKS: &[&str] =
    &["Specimen.request", "RelatedPerson.patient", "Task.focus", "Provenance.target", "DiagnosticReport.basedOn"];

/// Runs the graph rules; returns, per reference, whether a GraphDefinition link checked its
/// target type (the profile rules then leave it alone).
pub(super) fn check(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) -> Vec<bool> {
    let mut checked = vec![false; ix.references().len()];
    let submission = ctx.mode.is_submission();
    let result = match ctx.mode {
        Mode::Result => true,
        Mode::Inspect => match inspected_graph(ix) {
            Some(result) => result,
            None => return checked,
        },
        _ => false,
    };
    let (focal_type, what) = if result { ("DiagnosticReport", "result") } else { ("ServiceRequest", "order") };
    let roots: Vec<u32> =
        ix.entries().iter().filter(|e| e.resource_type.as_deref() == Some(focal_type)).map(|e| e.index).collect();
    let groups = requisition_groups(ix);
    // Orphans are a submission rule: a search result may carry what it likes beside the graph.
    if submission && roots.is_empty() && !ix.entries().is_empty() {
        ctx.emit(
            r::NO_FOCAL,
            ix.bundle(),
            msg!("This {what} Bundle has no {focal_type}, so orphan and GraphDefinition checks were skipped"),
        );
    } else if submission && !roots.is_empty() {
        orphans(ix, &roots, &groups, focal_type, ctx);
    }
    // Sized once: a large order walks every entry it links (a rehash per doubling copies the set).
    let visited = FxSet::with_capacity_and_hasher(ix.entries().len(), Default::default());
    let mut walker = Walker { ix, groups: &groups, checked: &mut checked, visited };
    for &root in &roots {
        let gd = graph_for(ix, root, result, &groups);
        walker.walk(root, gd.links, gd, ctx);
    }
    for e in ix.entries().iter().filter(|e| e.resource_type.as_deref() == Some("RequestGroup")) {
        walker.walk(e.index, graphdef::RESULTS_GROUP.links, &graphdef::RESULTS_GROUP, ctx);
    }
    if !result {
        participants(ix, &groups, ctx);
    }
    checked
}

/// Which GraphDefinition an inspected Bundle (a `$graph` searchset, a history, a document or a
/// message) is checked against, the way [`super::detect_mode`] tells a result from an order:
/// `Some(true)` for Genomics-Test-Result (a DiagnosticReport that nothing but the document's
/// Composition or the message's MessageHeader references, and no such ServiceRequest),
/// `Some(false)` for Genomics-Test-Order (a ServiceRequest), `None` when there is neither focal
/// resource, or for a `transaction-response`: its entries answer the requests one by one (a
/// status, a location, at most an echo of each resource), so they are not a graph.
fn inspected_graph(ix: &BundleIndex<'_, '_>) -> Option<bool> {
    if ix.bundle_type().as_deref() == Some("transaction-response") {
        return None;
    }
    let wrapper = |re: &Reference<'_, '_>| {
        re.source()
            .and_then(|s| ix.entry(s))
            .is_some_and(|e| matches!(e.resource_type.as_deref(), Some("Composition" | "MessageHeader")))
    };
    let of_type = |ty: &'static str| ix.entries().iter().filter(move |e| e.resource_type.as_deref() == Some(ty));
    let focal = |ty: &'static str| of_type(ty).any(|e| ix.refs_to(e.index).all(wrapper));
    let has = |ty: &'static str| of_type(ty).next().is_some();
    match (has("ServiceRequest"), has("DiagnosticReport")) {
        (false, false) => None,
        (false, true) => Some(true),
        (true, true) if focal("DiagnosticReport") && !focal("ServiceRequest") => Some(true),
        _ => Some(false),
    }
}

/// The GraphDefinition for a focal entry: a ServiceRequest in a requisition group (Duo/Trio)
/// follows the group definition.
fn graph_for(ix: &BundleIndex<'_, '_>, root: u32, result: bool, groups: &Groups) -> &'static GraphDefinition {
    if result {
        return &graphdef::TEST_RESULT;
    }
    let in_group = requisition_key(ix, root).is_some_and(|k| groups.get(&k).is_some_and(|g| g.len() > 1));
    if in_group {
        &graphdef::TEST_ORDERS_GROUP
    } else {
        &graphdef::TEST_ORDER
    }
}

type Key<'a> = (Cow<'a, str>, Cow<'a, str>);
type Groups<'a> = FxMap<Key<'a>, Vec<u32>>;

/// `ServiceRequest.requisition` as (system, value).
fn requisition_key<'a>(ix: &BundleIndex<'_, 'a>, entry: u32) -> Option<Key<'a>> {
    let req = ix.entry(entry)?.resource?.get("requisition")?;
    let value = req.get_str("value")?;
    Some((req.get_str("system").unwrap_or_default(), value))
}

/// ServiceRequests grouped by requisition.
fn requisition_groups<'a>(ix: &BundleIndex<'_, 'a>) -> Groups<'a> {
    let mut g: Groups<'a> = map_with_capacity(4);
    for e in ix.entries().iter().filter(|e| e.resource_type.as_deref() == Some("ServiceRequest")) {
        if let Some(k) = requisition_key(ix, e.index) {
            g.entry(k).or_default().push(e.index);
        }
    }
    g
}

/// Breadth-first reachability from the focal entries; whatever is left over is an orphan.
fn orphans(ix: &BundleIndex<'_, '_>, roots: &[u32], groups: &Groups, focal: &str, ctx: &mut Ctx) {
    let n = ix.entries().len();
    let mut seen = vec![false; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    for &r in roots {
        seen[r as usize] = true;
        queue.push(r);
    }
    // The reverse links' element ids, found once: an entry with many incoming references (the
    // Patient every Specimen names) is not compared string by string.
    let reverse: Vec<u32> = if ix.references().len() > 32 {
        REVERSE_LINKS.iter().filter_map(|el| ix.element_id(el)).collect()
    } else {
        Vec::new()
    };
    let is_reverse = |re: &Reference<'_, '_>| {
        if ix.references().len() > 32 {
            reverse.contains(&re.element_id())
        } else {
            REVERSE_LINKS.contains(&ix.element(re))
        }
    };
    let mut next = 0;
    while let Some(&e) = queue.get(next) {
        next += 1;
        let mut visit = |t: u32, queue: &mut Vec<u32>| {
            if let Some(s) = seen.get_mut(t as usize) {
                if !*s {
                    *s = true;
                    queue.push(t);
                }
            }
        };
        for re in ix.refs_from(e) {
            if let Some(t) = re.target() {
                visit(t, &mut queue);
            }
        }
        for re in ix.refs_to(e) {
            if let Some(s) = re.source().filter(|_| is_reverse(re)) {
                visit(s, &mut queue);
            }
        }
        // Without requisition groups there is nothing to cross to (and no resource to search).
        if let Some(k) = (!groups.is_empty()).then(|| requisition_key(ix, e)).flatten() {
            for &s in groups.get(&k).map(Vec::as_slice).unwrap_or(&[]) {
                visit(s, &mut queue);
            }
        }
    }
    for entry in ix.entries() {
        let Some(res) = entry.resource else { continue };
        if seen.get(entry.index as usize).copied().unwrap_or(true) {
            continue;
        }
        let ty = entry.resource_type.as_deref().unwrap_or("resource");
        let msg = msg!(
            "Entry {} ({}) is reachable from no {focal}: nothing in the Bundle links it to the {}",
            entry.index,
            a(ty),
            if focal == "ServiceRequest" { "order" } else { "report" },
        );
        ctx.emit(r::ORPHAN, res, msg);
    }
}

struct Walker<'w, 'd, 'a> {
    ix: &'w BundleIndex<'d, 'a>,
    groups: &'w Groups<'a>,
    checked: &'w mut Vec<bool>,
    /// (entry, links table) pairs already walked: a Patient reached from ten Specimens is
    /// checked once.
    visited: FxSet<(u32, usize)>,
}

/// One neighbour of a link: the entry (when in the Bundle), the reference (forward links), and
/// the neighbour's type when known.
struct Hop<'r, 'd, 'a> {
    entry: Option<u32>,
    reference: Option<(usize, &'r Reference<'d, 'a>)>,
    ty: Option<&'r str>,
    at: Option<Value<'d, 'a>>,
}

impl<'w, 'd, 'a> Walker<'w, 'd, 'a> {
    fn walk(&mut self, entry: u32, links: &'static [Link], gd: &'static GraphDefinition, ctx: &mut Ctx) {
        if !self.visited.insert((entry, links.as_ptr() as usize)) {
            return;
        }
        let ix = self.ix;
        let Some(e) = ix.entry(entry) else { return };
        let Some(res) = e.resource else { return };
        let own_type: &str = e.resource_type.as_deref().unwrap_or_default();
        for l in links {
            let hops = Self::hops(ix, self.groups, entry, own_type, l);
            self.cardinality(res, entry, l, &hops, gd, ctx);
            for h in &hops {
                let Some(ty) = h.ty else { continue };
                if let Some((ri, _)) = h.reference {
                    if let Some(c) = self.checked.get_mut(ri) {
                        *c = true;
                    }
                }
                let target = l.targets.iter().find(|t| t.ty == ty);
                let any = l.targets.iter().any(|t| t.ty == "Resource");
                match (target, h.at) {
                    (None, Some(at)) if !any => {
                        let allowed: Vec<&str> = l.targets.iter().map(|t| t.ty).collect();
                        ctx.emit(
                            if l.open { r::LINK_EXTRA_TYPE } else { r::LINK_TARGET_TYPE },
                            at,
                            msg!(
                                "`{}` of {} links to {}, but {} expects {}",
                                l.name,
                                a(own_type),
                                a(ty),
                                gd.name,
                                list(&allowed)
                            ),
                        );
                    }
                    (Some(Target { links: nested, .. }), _) if !nested.is_empty() => {
                        if let Some(n) = h.entry {
                            self.walk(n, nested, gd, ctx);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn hops(
        ix: &'w BundleIndex<'d, 'a>,
        groups: &'w Groups<'a>,
        entry: u32,
        own_type: &str,
        l: &Link,
    ) -> Vec<Hop<'w, 'd, 'a>> {
        let forward = |re: &'w Reference<'d, 'a>| Hop {
            entry: re.target().filter(|_| matches!(re.resolution, Resolution::Entry | Resolution::EntryById)),
            reference: Some((re.id as usize, re)),
            ty: pointed(re),
            at: Some(re.at()),
        };
        match l.path {
            Path::Forward(el) => {
                let refs = ix.refs_from(entry);
                let want = Element::new(ix, el, refs.len());
                refs.iter().filter(|re| want.is(ix, re)).map(forward).collect()
            }
            Path::Extension(url) => ix
                .refs_from(entry)
                .iter()
                .filter(|re| {
                    re.extension_url().as_deref() == Some(url)
                        && ix.element(re).split('.').next() == Some(own_type)
                        && re.resource().id() == ix.entry(entry).and_then(|e| e.resource).map_or(u32::MAX, |v| v.id())
                })
                .map(forward)
                .collect(),
            Path::Reverse(el) => {
                let source_type = el.split('.').next().unwrap_or_default();
                let want = Element::new(ix, el, ix.refs_to(entry).count());
                ix.refs_to(entry)
                    .filter(|re| want.is(ix, re))
                    .filter_map(|re| re.source())
                    .filter(|s| ix.entry(*s).and_then(|e| e.resource_type.as_deref()) == Some(source_type))
                    .map(|s| Hop { entry: Some(s), reference: None, ty: Some(source_type), at: None })
                    .collect()
            }
            Path::Requisition => requisition_key(ix, entry)
                .and_then(|k| groups.get(&k))
                .map(|g| {
                    g.iter()
                        .filter(|&&s| s != entry)
                        .map(|&s| Hop { entry: Some(s), reference: None, ty: Some("ServiceRequest"), at: None })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn cardinality(
        &self,
        res: Value<'_, '_>,
        entry: u32,
        l: &Link,
        hops: &[Hop<'_, '_, '_>],
        gd: &GraphDefinition,
        ctx: &mut Ctx,
    ) {
        let n = hops.len() as u32;
        if n >= l.min && l.max.is_none_or(|m| n <= m) {
            return;
        }
        let card = msg!("{}..{}", l.min, l.max.map_or("*".to_owned(), |m| m.to_string()));
        if n < l.min {
            match (l.path, l.disputed) {
                (Path::Forward(el), Some(profile)) => {
                    let member = el.split_once('.').map_or(el, |(_, m)| m);
                    ctx.emit_missing(
                        r::LINK_DISPUTED,
                        res,
                        member,
                        msg!("`{el}` is missing: {} requires {card}, the profile allows {profile}", gd.name),
                    );
                }
                (Path::Forward(el), None) => {
                    let member = el.split_once('.').map_or(el, |(_, m)| m);
                    ctx.emit_missing(
                        r::LINK_MISSING,
                        res,
                        member,
                        msg!("`{el}` is missing; {} requires {card} (entry {entry})", gd.name),
                    );
                }
                (Path::Reverse(el), _) => ctx.emit(
                    r::REVERSE_LINK_MISSING,
                    res,
                    msg!("No entry links here through `{el}`; {} expects {card} (entry {entry})", gd.name),
                ),
                (Path::Extension(url), _) => ctx.emit(
                    r::LINK_MISSING,
                    res,
                    msg!("No `{}` extension (`{url}`); {} requires {card}", l.name, gd.name),
                ),
                (Path::Requisition, _) => {}
            }
        }
        if let Some(max) = l.max {
            if n > max {
                if let Some(at) = hops.get(max as usize).and_then(|h| h.at) {
                    ctx.emit(r::LINK_TOO_MANY, at, msg!("`{}` occurs {n} times; {} allows {card}", l.name, gd.name));
                }
            }
        }
    }
}

/// An element path to compare references with: by string for a few references, by interned id
/// for many (one search of the index's paths instead of a string comparison per reference).
enum Element<'s> {
    Name(&'s str),
    Id(Option<u32>),
}

impl<'s> Element<'s> {
    fn new(ix: &BundleIndex<'_, '_>, name: &'s str, references: usize) -> Element<'s> {
        if references > 32 {
            Element::Id(ix.element_id(name))
        } else {
            Element::Name(name)
        }
    }

    fn is(&self, ix: &BundleIndex<'_, '_>, re: &Reference<'_, '_>) -> bool {
        match *self {
            Element::Name(name) => ix.element(re) == name,
            Element::Id(id) => Some(re.element_id()) == id,
        }
    }
}

/// The type a reference points at, if known: resolved, from its URL, or declared.
fn pointed<'r>(re: &'r Reference<'_, '_>) -> Option<&'r str> {
    match re.resolution {
        Resolution::Entry
        | Resolution::EntryById
        | Resolution::Contained
        | Resolution::Server
        | Resolution::External => re.target_type.as_deref(),
        Resolution::Logical => re.declared_type.as_deref(),
        Resolution::Dangling | Resolution::Invalid => None,
    }
}

/// Duo/Trio (ServiceRequests sharing a requisition): each participant's Specimens have the
/// participant as subject; the Tasks of the group take every participant's Specimens as input.
fn participants(ix: &BundleIndex<'_, '_>, groups: &Groups, ctx: &mut Ctx) {
    let mut keys: Vec<_> = groups.iter().filter(|(_, g)| g.len() > 1).collect();
    crate::sort::sort_by_key(&mut keys, |(_, g)| g.first().copied());
    for (_, group) in keys {
        let mut all_specimens: Vec<u32> = Vec::new();
        for &sr in group.iter() {
            let subject = single_target(ix, sr, "ServiceRequest.subject");
            for sp in specimens_of(ix, sr) {
                all_specimens.push(sp);
                let Some(re) = ix.refs_from(sp).iter().find(|re| ix.element(re) == "Specimen.subject") else {
                    continue;
                };
                if let (Some(want), Some(got)) = (subject, re.target()) {
                    if want != got {
                        ctx.emit(
                            r::PARTICIPANT_SPECIMEN,
                            re.literal().unwrap_or(re.value()),
                            msg!(
                                "The Specimen in entry {sp} belongs to the ServiceRequest in entry {sr}, whose subject is entry {want}, but its subject is entry {got}"
                            ),
                        );
                    }
                }
            }
        }
        crate::sort::sort(&mut all_specimens);
        all_specimens.dedup();
        task_inputs(ix, group, &all_specimens, ctx);
    }
}

/// The entry a single-valued reference element of `entry` resolves to.
fn single_target(ix: &BundleIndex<'_, '_>, entry: u32, element: &str) -> Option<u32> {
    ix.refs_from(entry).iter().find(|re| ix.element(re) == element).and_then(|re| re.target())
}

/// Specimen entries of a ServiceRequest: `ServiceRequest.specimen` and `Specimen.request`.
fn specimens_of(ix: &BundleIndex<'_, '_>, sr: u32) -> Vec<u32> {
    let is_specimen = |t: u32| ix.entry(t).and_then(|e| e.resource_type.as_deref()) == Some("Specimen");
    let mut v: Vec<u32> = ix
        .refs_from(sr)
        .iter()
        .filter(|re| ix.element(re) == "ServiceRequest.specimen")
        .filter_map(|re| re.target())
        .chain(ix.refs_to(sr).filter(|re| ix.element(re) == "Specimen.request").filter_map(|re| re.source()))
        .filter(|&t| is_specimen(t))
        .collect();
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

fn task_inputs(ix: &BundleIndex<'_, '_>, group: &[u32], specimens: &[u32], ctx: &mut Ctx) {
    for &sr in group {
        for task in ix.refs_to(sr).filter(|re| ix.element(re) == "Task.focus").filter_map(|re| re.source()) {
            let inputs: FxSet<u32> = ix
                .refs_from(task)
                .iter()
                .filter(|re| ix.element(re) == "Task.input.valueReference")
                .filter_map(|re| re.target())
                .collect();
            let missing: Vec<String> =
                specimens.iter().filter(|s| !inputs.contains(s)).map(|s| msg!("entry {s}")).collect();
            if missing.is_empty() {
                continue;
            }
            let Some(res) = ix.entry(task).and_then(|e| e.resource) else { continue };
            let at = res.get("input").unwrap_or(res);
            ctx.emit(
                r::PARTICIPANT_TASK_INPUTS,
                at,
                msg!(
                    "The Task in entry {task} is for a Duo/Trio test but has no input for the Specimen in {}",
                    missing.join(", ")
                ),
            );
        }
    }
}
