//! Reference rules over the index built once ([`crate::refs`]): resolution, form, target types.

use super::Ctx;
use crate::diag::msg;
use std::borrow::Cow;

use crate::fhir::{suggest_resource_type, systems};
use crate::refs::{conditional, parse_relative, parse_restful, BundleIndex, Entry, RefKind, Reference, Resolution};
use crate::rules::refs as r;

/// The reference rules, run with the entries block by block ([`Refs::entries`]), then
/// [`Refs::finish`] for the references after the last entry's.
pub(super) struct Refs {
    /// The next reference to check: references are checked in document order.
    next: usize,
    /// Whether any resource has `contained` (most bundles have none, and then no entry's resource
    /// is searched for it).
    contained: bool,
}

impl Refs {
    pub(super) fn new(ix: &BundleIndex<'_, '_>) -> Refs {
        Refs { next: 0, contained: ix.bundle().doc().members_named("contained").next().is_some() }
    }

    /// The references up to the last one made in `entries`, and their contained resources.
    pub(super) fn entries(&mut self, ix: &BundleIndex<'_, '_>, entries: &[Entry<'_, '_>], ctx: &mut Ctx) {
        let end = entries.iter().rev().find_map(|e| ix.refs_from(e.index).last()).map(|r| r.id as usize + 1);
        self.upto(ix, end.unwrap_or(self.next), ctx);
        if ctx.mode.is_submission() && self.contained {
            for e in entries {
                let Some(list) = e.resource.and_then(|res| res.get("contained")) else { continue };
                for c in list.items() {
                    let what = c.get_str("resourceType").map_or("A resource".to_owned(), |t| msg!("A `{t}`"));
                    ctx.emit(r::CONTAINED, c, msg!("{what} is contained in entry {}", e.index));
                }
            }
        }
    }

    /// The references left (outside `Bundle.entry`, after the last entry's).
    pub(super) fn finish(mut self, ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
        self.upto(ix, ix.references().len(), ctx);
    }

    fn upto(&mut self, ix: &BundleIndex<'_, '_>, end: usize, ctx: &mut Ctx) {
        let submission = ctx.mode.is_submission();
        for reference in ix.references().get(self.next..end).unwrap_or_default() {
            check_one(ix, reference, submission, ctx);
        }
        self.next = self.next.max(end);
    }
}

fn check_one(ix: &BundleIndex<'_, '_>, re: &Reference<'_, '_>, submission: bool, ctx: &mut Ctx) {
    let at = re.literal().unwrap_or(re.value());
    let text = re.literal().and_then(|l| l.as_str()).unwrap_or_default();
    match re.resolution {
        Resolution::Dangling if re.kind == RefKind::Contained => {
            ctx.emit(r::CONTAINED_DANGLING, at, msg!("`{text}` names no contained resource"));
        }
        Resolution::Dangling => {
            ctx.emit(r::DANGLING, at, msg!("`{text}` is the `fullUrl` of no entry in the Bundle"));
        }
        Resolution::Invalid => invalid(at, &text, ctx),
        Resolution::Server if submission => {
            let how = if text.contains('?') { "by searching" } else { "by id" };
            ctx.emit(r::TO_SERVER, at, msg!("`{text}` is not in the Bundle; GOMS resolves it on the server {how}"));
        }
        Resolution::EntryById if submission => {
            let target = re.target().and_then(|t| ix.entry(t));
            let url = target.and_then(|t| t.full_url.as_deref()).unwrap_or_default();
            let n = re.target().unwrap_or_default();
            let d = crate::diag::Diagnostic::new(
                r::TO_ENTRY_BY_ID,
                msg!("`{text}` names entry {n} by id, but FHIR resolves it on the server: entry {n}'s fullUrl is `{url}`"),
            )
            .with_severity(ctx.severity(r::TO_ENTRY_BY_ID))
            .with_help(msg!("Reference entry {n} by its fullUrl: `\"reference\": \"{url}\"`."))
            .at(at);
            ctx.out.push(d);
        }
        Resolution::Logical if submission => identifier_only(ix, re, ctx),
        _ => {}
    }
    check_types(ix, re, ctx);
}

fn invalid(at: crate::json::Value<'_, '_>, text: &str, ctx: &mut Ctx) {
    if text.is_empty() {
        return ctx.emit(r::INVALID, at, "`reference` is empty");
    }
    let ty = parse_relative(text).map(|(t, _)| t).or_else(|| text.split('/').next().filter(|t| !t.contains(':')));
    if let Some(ty) = ty.filter(|t| !t.is_empty() && !text.starts_with("urn:")) {
        let mut d = crate::diag::Diagnostic::new(
            r::INVALID,
            msg!("`{text}`: `{ty}` is not an R4 resource type, or the id is not a FHIR id"),
        );
        if let Some(s) = suggest_resource_type(ty).filter(|s| *s != ty) {
            d = d.with_help(msg!("Did you mean `{s}`? Write `{s}/<id>`."));
        }
        ctx.out.push(d.with_severity(ctx.severity(r::INVALID)).at(at));
        return;
    }
    let msg = if text.starts_with("urn:uuid:") {
        msg!("`{text}` is not a `urn:uuid:` followed by a UUID (8-4-4-4-12 hex digits)")
    } else if text.starts_with("urn:oid:") {
        msg!("`{text}` is not a `urn:oid:` followed by an OID (digits and dots)")
    } else {
        msg!("`{text}` is not a reference FHIR can resolve")
    };
    ctx.emit(r::INVALID, at, msg);
}

/// "a `Patient`", "an `Organization`".
pub(super) fn a(ty: &str) -> String {
    let an = ty.starts_with(['A', 'E', 'I', 'O', 'U']);
    msg!("{} `{ty}`", if an { "an" } else { "a" })
}

/// Identifier-only references: national registers, `Identifier.assigner` and the
/// PractitionerRole's practitioner and organization (which the profile makes identifier-only).
fn identifier_only(ix: &BundleIndex<'_, '_>, re: &Reference<'_, '_>, ctx: &mut Ctx) {
    let element = ix.element(re);
    if element.ends_with(".assigner")
        || matches!(element, "PractitionerRole.practitioner" | "PractitionerRole.organization")
    {
        return;
    }
    let Some(identifier) = re.identifier() else { return };
    let system = identifier.get_str("system");
    if system.as_deref().and_then(systems::national).is_some() {
        return;
    }
    let msg = match system.as_deref() {
        Some(s) => msg!("`{element}` references by identifier with system `{s}`, which is not a national register"),
        None => msg!("`{element}` references by an identifier without `system`"),
    };
    ctx.emit(r::IDENTIFIER_NOT_ALLOWED, identifier, msg);
}

/// The type a reference points at, from the resolved resource or the URL (not `Reference.type`).
fn pointed_type<'t>(ix: &'t BundleIndex<'_, 't>, re: &Reference<'_, 't>, text: &'t str) -> Option<Cow<'t, str>> {
    match re.resolution {
        Resolution::Entry | Resolution::EntryById => {
            re.target().and_then(|t| ix.entry(t)).and_then(|e| e.resource_type.as_deref().map(Cow::Borrowed))
        }
        Resolution::Contained => re.contained().and_then(|c| c.get_str("resourceType")),
        Resolution::Server => conditional(text).or_else(|| parse_relative(text).map(|(t, _)| t)).map(Cow::Borrowed),
        Resolution::External => parse_restful(text).map(|p| Cow::Borrowed(p.ty)),
        _ => None,
    }
}

/// The resolved, written or declared type against the element's R4 targets and `Reference.type`.
fn check_types(ix: &BundleIndex<'_, '_>, re: &Reference<'_, '_>, ctx: &mut Ctx) {
    let text = re.literal().and_then(|l| l.as_str()).unwrap_or_default();
    let pointed = pointed_type(ix, re, &text);
    if let (Some(declared), Some(p)) = (re.declared_type.as_deref(), pointed.as_deref()) {
        if declared != p {
            let v = re.value().get("type").unwrap_or(re.value());
            ctx.emit(r::TYPE_MISMATCH, v, msg!("`type` says `{declared}` but the reference points to a `{p}`"));
            return;
        }
    }
    // An identifier of a national register names a known type (an ODS code, an Organization).
    let register =
        re.identifier().and_then(|i| i.get_str("system")).and_then(|s| systems::national(&s)).map(|n| n.names);
    let inferred = re.resolution == Resolution::Logical && re.declared_type.is_none();
    let ty = match (pointed.as_deref(), re.declared_type.as_deref()) {
        (Some(p), _) => p,
        (None, Some(d)) => d,
        (None, None) if re.resolution == Resolution::Logical => match register {
            Some(t) => t,
            None => return,
        },
        _ => return,
    };
    let element = ix.element(re);
    let Some(t) = ix.targets(re) else { return };
    if t.base.is_empty() || t.base.contains(&ty) {
        return;
    }
    let allowed = list(t.base);
    let how =
        if inferred { msg!("an identifier of that system names {}", a(ty)) } else { msg!("it points to {}", a(ty)) };
    ctx.emit(r::TARGET_TYPE, re.at(), msg!("`{element}` may reference {allowed}, but {how}"));
}

/// "a `Specimen`" or "one of `Patient`, `Group`".
pub(super) fn list(types: &[&str]) -> String {
    match types {
        [one] => a(one),
        many => msg!("one of {}", many.iter().map(|t| msg!("`{t}`")).collect::<Vec<_>>().join(", ")),
    }
}
