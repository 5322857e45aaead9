//! Profile rules: the R4 base cardinalities and the checks of [`crate::profiles`], evaluated
//! over dotted paths; ODS spelling; profile-narrowed reference targets.

use super::references::{a, list};
use super::Ctx;
use crate::diag::{Diagnostic, Rule, Severity};
use crate::fhir::systems::{NHS_NUMBER, ODS, ODS_S};
use crate::fhir::targets::targets;
use crate::json::{Kind, Value};
use crate::profiles::{self, Check, Profile, EXT_NHS_NUMBER_UNAVAILABLE};
use crate::refs::{BundleIndex, Resolution};
use crate::rules::profile as r;

/// The profile applied to one resource, and whether the resource claims it.
#[derive(Clone, Copy)]
struct Applied {
    profile: &'static Profile,
    claimed: bool,
}

pub(super) fn check(ix: &BundleIndex<'_, '_>, gd_checked: &[bool], ctx: &mut Ctx) {
    let mut applied: Vec<Option<Applied>> = vec![None; ix.entries().len()];
    for e in ix.entries() {
        let (Some(res), Some(ty)) = (e.resource, e.resource_type.as_deref()) else { continue };
        if let Some(slot) = applied.get_mut(e.index as usize) {
            *slot = check_resource(res, ty, ctx);
        }
    }
    reference_targets(ix, gd_checked, &applied, ctx);
}

fn check_resource(res: Value<'_, '_>, ty: &str, ctx: &mut Ctx) -> Option<Applied> {
    for el in profiles::base_required(ty) {
        if res.get(el).is_none() {
            ctx.emit_missing(r::BASE_REQUIRED, res, el, format!("`{ty}.{el}` is missing; FHIR R4 requires it"));
        }
    }
    let mut applied = None;
    let mut unknown = None;
    if let Some(list) = res.path(&["meta", "profile"]) {
        for u in list.items() {
            match u.as_str().as_deref().and_then(profiles::by_url) {
                Some(p) if p.ty == ty => applied = Some(Applied { profile: p, claimed: true }),
                _ => unknown = unknown.or(Some(u)),
            }
        }
    }
    let applied = applied.or_else(|| profiles::for_type(ty).map(|profile| Applied { profile, claimed: false }));
    if let (Some(u), None | Some(Applied { claimed: false, .. })) = (unknown, applied) {
        let url = u.as_str().unwrap_or_default();
        let then = applied.map_or("the R4 base".to_owned(), |a| format!("`{}`", a.profile.name));
        ctx.emit(r::UNKNOWN_PROFILE, u, format!("gom-core does not know the profile `{url}`; checked against {then}"));
    }
    let a = applied?;
    let mut run = Run { res, ty, applied: a, ctx };
    for c in a.profile.all_checks() {
        run.check(c);
    }
    Some(a)
}

struct Run<'c, 'd, 'a> {
    res: Value<'d, 'a>,
    ty: &'c str,
    applied: Applied,
    ctx: &'c mut Ctx,
}

impl<'d, 'a> Run<'_, 'd, 'a> {
    fn severity(&self, rule: &'static Rule) -> Severity {
        if self.applied.claimed {
            Severity::Error
        } else {
            self.ctx.severity(rule)
        }
    }

    fn emit(&mut self, rule: &'static Rule, d: Diagnostic) {
        let sev = self.severity(rule);
        self.ctx.out.push(d.with_severity(sev));
    }

    fn name(&self) -> &'static str {
        self.applied.profile.name
    }

    fn check(&mut self, c: &Check) {
        match *c {
            Check::Card { path, min, max } => self.card(self.res, path, path, min, max),
            Check::Ext { path, name, url, min, max } => self.ext(path, name, url, min, max),
            Check::Slice { path, name, on, value, min, max } => self.slice(path, name, on, value, min, max),
            Check::SliceMember { path, name, on, value, member, min, max } => {
                for item in slice_items(self.res, path, on, value) {
                    self.card(item, member, &format!("{path}:{name}.{member}"), min, max);
                }
            }
            Check::Fixed { path, value } => self.fixed(path, value),
            Check::Invariant { key: "gen-2" } => self.gen2(),
            Check::Invariant { .. } => {}
        }
    }

    /// `min..max` of `path` below `base`; `shown` is the path as messages print it.
    fn card(&mut self, base: Value<'d, 'a>, path: &str, shown: &str, min: u32, max: Option<u32>) {
        let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
        let bounds = bounds(min, max);
        for p in values_at(base, parent).into_iter().filter(|p| p.is_object()) {
            let (n, first) = count_member(p, last);
            let el = format!("{}.{shown}", self.ty);
            if n < min as usize {
                let msg = format!("`{el}` is missing; {} requires {bounds}", self.name());
                self.emit(r::REQUIRED, Diagnostic::new(r::REQUIRED, msg).at_missing(p, last));
            } else if max == Some(0) && n > 0 {
                let msg = format!("`{el}` is not used by GOMS: {} removes it (0..0)", self.name());
                let at = first.unwrap_or(p);
                self.emit(r::PROHIBITED, Diagnostic::new(r::PROHIBITED, msg).at(at));
            } else if max.is_some_and(|m| n > m as usize) {
                let msg = format!("`{el}` occurs {n} times; {} allows {bounds}", self.name());
                let at = first.unwrap_or(p);
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(at));
            }
        }
    }

    fn ext(&mut self, path: &str, name: &str, url: &str, min: u32, max: Option<u32>) {
        for p in values_at(self.res, path).into_iter().filter(|p| p.is_object()) {
            let matching: Vec<Value<'d, 'a>> = p
                .get("extension")
                .map(|e| e.items().filter(|x| x.get("url").is_some_and(|u| u.str_is(url))).collect())
                .unwrap_or_default();
            let n = matching.len();
            let bounds = bounds(min, max);
            if n < min as usize {
                let msg = format!("The `{name}` extension (`{url}`) is missing; {} requires {bounds}", self.name());
                let expr = format!("{}.extension('{url}')", p.fhirpath());
                self.emit(
                    r::REQUIRED,
                    Diagnostic::new(r::REQUIRED, msg).at_missing(p, "extension").with_expression(expr),
                );
            } else if max == Some(0) && n > 0 {
                let msg = format!("The `{name}` extension is not used by GOMS: {} removes it (0..0)", self.name());
                self.emit(r::PROHIBITED, Diagnostic::new(r::PROHIBITED, msg).at(matching[0]));
            } else if let Some(extra) = max.and_then(|m| matching.get(m as usize)) {
                let msg = format!("The `{name}` extension occurs {n} times; {} allows {bounds}", self.name());
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(*extra));
            }
        }
    }

    fn slice(&mut self, path: &str, name: &str, on: &str, value: &str, min: u32, max: Option<u32>) {
        let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
        let bounds = bounds(min, max);
        for p in values_at(self.res, parent).into_iter().filter(|p| p.is_object()) {
            let items: Vec<Value<'d, 'a>> = p.get(last).map(|v| v.items().collect()).unwrap_or_default();
            let matched: Vec<Value<'d, 'a>> = items.into_iter().filter(|i| has_value(*i, on, value)).collect();
            let el = format!("{}.{path}", self.ty);
            if matched.len() < min as usize {
                let msg =
                    format!("`{el}` has no `{name}` slice (`{on}` = `{value}`); {} requires {bounds}", self.name());
                let expr = format!("{}.{last}.where({on} = '{value}')", p.fhirpath());
                self.emit(r::REQUIRED, Diagnostic::new(r::REQUIRED, msg).at_missing(p, last).with_expression(expr));
            } else if let Some(extra) = max.and_then(|m| matched.get(m as usize)) {
                let msg = format!("`{el}` has {} `{name}` slices; {} allows {bounds}", matched.len(), self.name());
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(*extra));
            }
        }
    }

    /// Fixed values, with the ODS spelling decision: where the profile fixes the 's' spelling,
    /// the 'z' spelling every real instance uses is accepted (information); where it fixes 'z',
    /// an 's' is left to the spelling scan, which reports it once.
    fn fixed(&mut self, path: &str, value: &str) {
        for v in values_at(self.res, path) {
            if v.str_is(value) {
                continue;
            }
            let el = format!("{}.{path}", self.ty);
            let got = v.as_str();
            match (value, got.as_deref()) {
                (ODS_S, Some(ODS)) => {
                    let msg = format!(
                        "`{el}` is `{ODS}`; {} fixes `{ODS_S}`, which no real instance uses: accepted",
                        self.name()
                    );
                    self.ctx.emit(r::ODS_PROFILE_SPELLING, v, msg);
                }
                (ODS, Some(ODS_S)) => {}
                (_, got) => {
                    let shown = got.map_or_else(|| v.kind().article_name().to_owned(), |g| format!("`{g}`"));
                    let msg = format!("`{el}` is {shown}; {} fixes `{value}`", self.name());
                    self.emit(r::FIXED_VALUE, Diagnostic::new(r::FIXED_VALUE, msg).at(v));
                }
            }
        }
    }

    /// gen-2: an NHS number, or the extension saying why there is none (on the Patient or on an
    /// identifier: UK Core has used both places).
    fn gen2(&mut self) {
        let ids = self.res.get("identifier");
        let has_number = ids.is_some_and(|i| i.items().any(|x| x.get("system").is_some_and(|s| s.str_is(NHS_NUMBER))));
        if has_number {
            return;
        }
        let has_reason = |v: Value<'_, '_>| {
            v.get("extension")
                .is_some_and(|e| e.items().any(|x| x.get("url").is_some_and(|u| u.str_is(EXT_NHS_NUMBER_UNAVAILABLE))))
        };
        if has_reason(self.res) || ids.is_some_and(|i| i.items().any(has_reason)) {
            return;
        }
        let msg = format!(
            "The Patient has no NHS number and no `NHSNumberUnavailableReason` extension ({} invariant gen-2)",
            self.name()
        );
        let d = Diagnostic::new(r::INVARIANT, msg);
        let d = match ids {
            Some(i) => d.at(i),
            None => d.at_missing(self.res, "identifier"),
        };
        self.emit(r::INVARIANT, d);
    }
}

fn bounds(min: u32, max: Option<u32>) -> String {
    format!("{min}..{}", max.map_or("*".to_owned(), |m| m.to_string()))
}

/// Values at a dotted path (arrays flattened; `x[x]` matches `xAnything`); `""` is `v` itself.
fn values_at<'d, 'a>(v: Value<'d, 'a>, path: &str) -> Vec<Value<'d, 'a>> {
    let mut cur = vec![v];
    if path.is_empty() {
        return cur;
    }
    for seg in path.split('.') {
        let mut next = Vec::new();
        for c in cur.iter().filter(|c| c.is_object()) {
            for (k, m) in c.members() {
                if member_matches(&k, seg) {
                    next.extend(m.items());
                }
            }
        }
        cur = next;
    }
    cur
}

fn member_matches(key: &str, seg: &str) -> bool {
    match seg.strip_suffix("[x]") {
        Some(stem) => key.strip_prefix(stem).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())),
        None => key == seg,
    }
}

/// How many values the member `name` of `obj` has (an array counts its items), and the first.
fn count_member<'d, 'a>(obj: Value<'d, 'a>, name: &str) -> (usize, Option<Value<'d, 'a>>) {
    let mut n = 0;
    let mut first = None;
    for (k, m) in obj.members() {
        if member_matches(&k, name) {
            n += if m.kind() == Kind::Array { m.len() } else { 1 };
            first = first.or(Some(m));
        }
    }
    (n, first)
}

/// True when some value at `on` below `item` is the string `value`.
fn has_value(item: Value<'_, '_>, on: &str, value: &str) -> bool {
    values_at(item, on).iter().any(|v| v.str_is(value))
}

fn slice_items<'d, 'a>(res: Value<'d, 'a>, path: &str, on: &str, value: &str) -> Vec<Value<'d, 'a>> {
    values_at(res, path).into_iter().filter(|i| has_value(*i, on, value)).collect()
}

/// References whose type R4 allows but the profile narrows (e.g. `Task.focus` → ServiceRequest),
/// where no GraphDefinition link already checked the type. Identifier-only references are
/// checked only when they declare `type`: an ODS code does not say whether it is the requester's
/// organisation or role, and the HL7 validator does not guess either.
fn reference_targets(ix: &BundleIndex<'_, '_>, gd_checked: &[bool], applied: &[Option<Applied>], ctx: &mut Ctx) {
    for re in ix.references() {
        if gd_checked.get(re.id as usize).copied().unwrap_or(false) {
            continue;
        }
        let Some(src) = re.source else { continue };
        let Some(app) = applied.get(src as usize).copied().flatten() else { continue };
        let in_resource = ix.entry(src).and_then(|e| e.resource).is_some_and(|r| r.id() == re.resource.id());
        if !in_resource {
            continue;
        }
        let element = ix.element(re);
        let Some(t) = targets(element).filter(|t| !t.profile.is_empty()) else { continue };
        let ty = match re.resolution {
            Resolution::Entry
            | Resolution::EntryById
            | Resolution::Contained
            | Resolution::Server
            | Resolution::External => re.target_type.as_deref(),
            Resolution::Logical => re.declared_type.as_deref(),
            Resolution::Dangling | Resolution::Invalid => None,
        };
        let Some(ty) = ty.filter(|ty| !t.profile.contains(ty)) else { continue };
        let msg = format!("`{element}` points to {}; {} allows {}", a(ty), app.profile.name, list(t.profile));
        let sev = if app.claimed { Severity::Error } else { ctx.severity(r::REFERENCE_TARGET) };
        let at = re.literal.or(re.identifier).unwrap_or(re.value);
        ctx.out.push(Diagnostic::new(r::REFERENCE_TARGET, msg).with_severity(sev).at(at));
    }
}
