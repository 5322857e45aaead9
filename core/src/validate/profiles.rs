//! Profile rules: the R4 base cardinalities and the checks of [`crate::profiles`], evaluated
//! over dotted paths; ODS spelling; profile-narrowed reference targets.

use super::references::{a, list};
use super::{extensions_with, Ctx, Text};
use crate::diag::msg;
use crate::diag::{Diagnostic, Rule, Severity};
use crate::fhir::systems::{NHS_NUMBER, ODS, ODS_S};
use crate::fhir::{cmp_short, eq_short};
use std::borrow::Cow;

use crate::json::{Kind, Value};
use crate::profiles::{self, Check, Profile, EXT_NHS_NUMBER_UNAVAILABLE};
use crate::refs::{BundleIndex, Entry, Resolution};
use crate::rules::profile as r;

/// The profile applied to one resource, and whether the resource claims it.
#[derive(Clone, Copy)]
struct Applied {
    profile: &'static Profile,
    claimed: bool,
}

/// The profile rules: each entry's resource ([`Profiles::entry`], run with the entries block by
/// block), then the references' profile-narrowed targets ([`Profiles::finish`]).
pub(super) struct Profiles {
    /// The profile applied to each entry's resource.
    applied: Vec<Option<Applied>>,
}

impl Profiles {
    pub(super) fn new(ix: &BundleIndex<'_, '_>) -> Profiles {
        Profiles { applied: vec![None; ix.entries().len()] }
    }

    pub(super) fn entry(&mut self, e: &Entry<'_, '_>, ctx: &mut Ctx) {
        let (Some(res), Some(ty)) = (e.resource, e.resource_type.as_deref()) else { return };
        if let Some(slot) = self.applied.get_mut(e.index as usize) {
            *slot = check_resource(res, ty, ctx);
        }
    }

    pub(super) fn finish(self, ix: &BundleIndex<'_, '_>, gd_checked: &[bool], ctx: &mut Ctx) {
        reference_targets(ix, gd_checked, &self.applied, ctx);
    }
}

fn check_resource(res: Value<'_, '_>, ty: &str, ctx: &mut Ctx) -> Option<Applied> {
    for el in profiles::base_required(ty) {
        if res.get(el).is_none() {
            ctx.emit_missing(r::BASE_REQUIRED, res, el, msg!("`{ty}.{el}` is missing; FHIR R4 requires it"));
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
        let then = applied.map_or("the R4 base".to_owned(), |a| msg!("`{}`", a.profile.name));
        ctx.emit(r::UNKNOWN_PROFILE, u, msg!("gom-core does not know the profile `{url}`; checked against {then}"));
    }
    let a = applied?;
    // Sized up front: `members()` filters, so collecting would regrow the vector as it fills.
    let mut members: Vec<(Cow<'_, str>, Value<'_, '_>)> = Vec::with_capacity(res.len());
    members.extend(res.members());
    // Insertion for the usual dozen members (this runs once per resource on the hot path).
    crate::sort::small_sort_by(&mut members, |a, b| by_len(&a.0, &b.0));
    let names = members.iter().fold(0, |acc, (k, _)| acc | name_bit(k));
    let mut run =
        Run { res, members, names, ty, applied: a, ctx, slice: None, scratch: Vec::new(), res_location: None };
    for c in a.profile.all_checks() {
        run.check(c);
    }
    Some(a)
}

/// A slice by pattern: (path, `on`, value).
type SliceKey = (&'static str, &'static str, &'static str);

struct Run<'c, 'd, 'a> {
    res: Value<'d, 'a>,
    /// The resource's members, read once and sorted by name: most checks look up one of them.
    members: Vec<(Cow<'a, str>, Value<'d, 'a>)>,
    /// [`name_bit`] of every member name: most checks are about elements a resource does not
    /// have (the profiles' 0..0 and 0..1 lists), and a clear bit says so without a lookup.
    names: u64,
    ty: &'c str,
    applied: Applied,
    ctx: &'c mut Ctx,
    /// The items of the last slice a `SliceMember` check read, by its (path, on, value): a
    /// slice's member checks come in a row, so its items are found once, not once per member.
    slice: Option<(SliceKey, Vec<Value<'d, 'a>>)>,
    /// A buffer the checks borrow for the values at a path (one allocation per resource).
    scratch: Vec<Value<'d, 'a>>,
    /// The resource's FHIRPath, JSON pointer and entry ([`Value::locations`]), once a finding
    /// about a member it misses needs them.
    res_location: Option<(String, String, Option<u32>)>,
}

impl<'d, 'a> Run<'_, 'd, 'a> {
    fn severity(&self, rule: &'static Rule) -> Severity {
        if self.applied.claimed {
            Severity::Error
        } else {
            self.ctx.severity(rule)
        }
    }

    /// [`Diagnostic::at_missing`], with the resource's own location worked out once: a resource
    /// that misses several required elements reports them all from the same place.
    fn at_missing(&mut self, d: Diagnostic, p: Value<'d, 'a>, name: &str) -> Diagnostic {
        if p.id() != self.res.id() {
            return d.at_missing(p, name);
        }
        let res = self.res;
        let (expression, pointer, entry) = self.res_location.get_or_insert_with(|| res.locations());
        let mut e = String::with_capacity(expression.len() + name.len() + 96);
        e.push_str(expression);
        let mut ptr = String::with_capacity(pointer.len() + name.len() + 1);
        ptr.push_str(pointer);
        d.at_located(p, e, ptr, *entry).with_missing(name)
    }

    fn emit(&mut self, rule: &'static Rule, d: Diagnostic) {
        let sev = self.severity(rule);
        self.ctx.out.push(d.with_severity(sev));
    }

    fn name(&self) -> &'static str {
        self.applied.profile.name
    }

    /// False when the resource surely has no member matching the path segment `seg` (exact
    /// names only: a `x[x]` segment always may).
    fn may_have(&self, seg: &str) -> bool {
        seg.ends_with(']') || self.names & name_bit(seg) != 0
    }

    /// [`each_at`] from the resource, reading its first segment from the cached members.
    fn each(&self, path: &str, f: &mut dyn FnMut(Value<'d, 'a>)) {
        if path.is_empty() {
            return f(self.res);
        }
        let (seg, rest) = split_first(path);
        if !self.may_have(seg) {
            return;
        }
        for (k, m) in &self.members {
            if member_matches(k, seg) {
                for item in m.items() {
                    each_at(item, rest, f);
                }
            }
        }
    }

    /// The objects at `path` (from the resource), in a buffer to hand back with [`Run::give_back`].
    fn objects_at(&mut self, path: &str) -> Vec<Value<'d, 'a>> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        if path.is_empty() {
            out.push(self.res);
        } else {
            self.each(path, &mut |p| {
                if p.is_object() {
                    out.push(p);
                }
            });
        }
        out
    }

    fn give_back(&mut self, buf: Vec<Value<'d, 'a>>) {
        self.scratch = buf;
    }

    fn check(&mut self, c: &'static Check) {
        match *c {
            Check::Card { path, min, max } => self.card(self.res, path, &Shown::Path(path), min, max),
            Check::Ext { path, name, url, min, max } => self.ext(path, name, url, min, max),
            Check::Slice { path, name, on, value, min, max } => self.slice(path, name, on, value, min, max),
            Check::SliceMember { path, name, on, value, member, min, max } => {
                let key = (path, on, value);
                let items = match self.slice.take() {
                    Some((k, items)) if eq_short(k.0, path) && eq_short(k.1, on) && eq_short(k.2, value) => items,
                    last => {
                        // The previous slice's buffer, refilled: one allocation per resource.
                        let mut items = last.map(|(_, v)| v).unwrap_or_default();
                        items.clear();
                        self.each(path, &mut |i| {
                            if has_value(i, on, value) {
                                items.push(i);
                            }
                        });
                        items
                    }
                };
                for &item in &items {
                    self.card(item, member, &Shown::Member { path, name, member }, min, max);
                }
                self.slice = Some((key, items));
            }
            Check::Fixed { path, value } => self.fixed(path, value),
            Check::Invariant { key: "gen-2" } => self.gen2(),
            Check::Invariant { .. } => {}
        }
    }

    /// `min..max` of `path` below `base`; `shown` is the path as messages print it.
    fn card(&mut self, base: Value<'d, 'a>, path: &str, shown: &Shown<'_>, min: u32, max: Option<u32>) {
        let (parent, last) = split_last(path);
        if parent.is_empty() {
            // The common case: a member of the resource itself (no allocation to find it).
            return self.card_in(base, last, shown, min, max);
        }
        let parents = if base.id() == self.res.id() {
            self.objects_at(parent)
        } else {
            let mut out = std::mem::take(&mut self.scratch);
            out.clear();
            each_at(base, parent, &mut |p| {
                if p.is_object() {
                    out.push(p);
                }
            });
            out
        };
        for &p in &parents {
            self.card_in(p, last, shown, min, max);
        }
        self.give_back(parents);
    }

    /// `min..max` of the member `last` of the object `p`.
    fn card_in(&mut self, p: Value<'d, 'a>, last: &str, shown: &Shown<'_>, min: u32, max: Option<u32>) {
        {
            let (n, first) = if p.id() == self.res.id() && !self.may_have(last) {
                (0, None)
            } else if p.id() == self.res.id() && !last.ends_with(']') {
                // Exact names: binary search in the sorted members.
                match self.members.binary_search_by(|(k, _)| by_len(k, last)) {
                    Ok(i) => count_in(
                        self.members
                            .get(i..)
                            .unwrap_or(&[])
                            .iter()
                            .take_while(|(k, _)| eq_short(k, last))
                            .map(|(k, v)| (k, *v)),
                        last,
                    ),
                    Err(_) => (0, None),
                }
            } else if p.id() == self.res.id() {
                count_in(self.members.iter().map(|(k, v)| (k, *v)), last)
            } else {
                count_named(p, last)
            };
            let ok_min = n >= min as usize;
            let ok_max = max.is_none_or(|m| n <= m as usize);
            if ok_min && ok_max {
                return;
            }
            // The element as messages print it (`Type.path`), appended piece by piece.
            let el = match *shown {
                Shown::Path(path) => Text::new().s("`").s(self.ty).s(".").s(path),
                Shown::Member { path, name, member } => {
                    Text::new().s("`").s(self.ty).s(".").s(path).s(":").s(name).s(".").s(member)
                }
            };
            if !ok_min {
                let msg = el.s("` is missing; ").s(self.name()).s(" requires ").bounds(min, max);
                let d = self.at_missing(Diagnostic::new(r::REQUIRED, msg), p, last);
                self.emit(r::REQUIRED, d);
            } else if max == Some(0) {
                let msg = el.s("` is not used by GOMS: ").s(self.name()).s(" removes it (0..0)");
                self.emit(r::PROHIBITED, Diagnostic::new(r::PROHIBITED, msg).at(first.unwrap_or(p)));
            } else {
                let msg = el.s("` occurs ").n(n).s(" times; ").s(self.name()).s(" allows ").bounds(min, max);
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(first.unwrap_or(p)));
            }
        }
    }

    fn ext(&mut self, path: &str, name: &str, url: &str, min: u32, max: Option<u32>) {
        let parents = self.objects_at(path);
        for &p in &parents {
            // Count the extensions with this URL, keeping the first and the first one too many.
            let (mut n, mut first, mut extra) = (0usize, None, None);
            let extensions = if p.id() == self.res.id() {
                self.members.iter().find(|(k, _)| eq_short(k, "extension")).map(|(_, v)| *v)
            } else {
                p.get("extension")
            };
            for x in extensions_with(extensions, url) {
                if max.is_some_and(|m| n == m as usize) {
                    extra = extra.or(Some(x));
                }
                first = first.or(Some(x));
                n += 1;
            }
            if n < min as usize {
                let msg = Text::new().s("The `").s(name).s("` extension (`").s(url).s("`) is missing; ");
                let msg = msg.s(self.name()).s(" requires ").bounds(min, max);
                let mut d = self.at_missing(Diagnostic::new(r::REQUIRED, msg), p, "extension");
                // `….extension('url')`, appended in place (no second string).
                if let Some(e) = d.expression.as_mut() {
                    for part in ["('", url, "')"] {
                        e.push_str(part);
                    }
                }
                self.emit(r::REQUIRED, d);
            } else if let (Some(0), Some(x)) = (max, first) {
                let msg = msg!("The `{name}` extension is not used by GOMS: {} removes it (0..0)", self.name());
                self.emit(r::PROHIBITED, Diagnostic::new(r::PROHIBITED, msg).at(x));
            } else if let Some(x) = extra {
                let msg = msg!("The `{name}` extension occurs {n} times; {} allows {}", self.name(), bounds(min, max));
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(x));
            }
        }
        self.give_back(parents);
    }

    fn slice(&mut self, path: &str, name: &str, on: &str, value: &str, min: u32, max: Option<u32>) {
        let (parent, last) = split_last(path);
        let parents = self.objects_at(parent);
        for &p in &parents {
            let (mut n, mut extra) = (0usize, None);
            let list = if p.id() == self.res.id() {
                self.members.iter().find(|(k, _)| eq_short(k, last)).map(|(_, v)| *v)
            } else {
                p.get(last)
            };
            for i in list.into_iter().flat_map(|v| v.items()) {
                if has_value(i, on, value) {
                    if max.is_some_and(|m| n == m as usize) {
                        extra = extra.or(Some(i));
                    }
                    n += 1;
                }
            }
            let el = || msg!("{}.{path}", self.ty);
            if n < min as usize {
                let msg = Text::new().s("`").s(self.ty).s(".").s(path).s("` has no `").s(name).s("` slice (`");
                let msg = msg.s(on).s("` = `").s(value).s("`); ").s(self.name()).s(" requires ").bounds(min, max);
                let mut d = self.at_missing(Diagnostic::new(r::REQUIRED, msg), p, last);
                if let Some(e) = d.expression.as_mut() {
                    for part in [".where(", on, " = '", value, "')"] {
                        e.push_str(part);
                    }
                }
                self.emit(r::REQUIRED, d);
            } else if let Some(x) = extra {
                let msg = msg!("`{}` has {n} `{name}` slices; {} allows {}", el(), self.name(), bounds(min, max));
                self.emit(r::TOO_MANY, Diagnostic::new(r::TOO_MANY, msg).at(x));
            }
        }
        self.give_back(parents);
    }

    /// Fixed values, with the ODS spelling decision: where the profile fixes the 's' spelling,
    /// the 'z' spelling every real instance uses is accepted (information); where it fixes 'z',
    /// an 's' is left to the spelling scan, which reports it once.
    fn fixed(&mut self, path: &str, value: &str) {
        let mut found = Vec::new();
        self.each(path, &mut |v| {
            if !v.str_is(value) {
                found.push(v);
            }
        });
        for v in found {
            if v.str_is(value) {
                continue;
            }
            let got = v.as_str();
            let el = || msg!("{}.{path}", self.ty);
            match (value, got.as_deref()) {
                (ODS_S, Some(ODS)) => {
                    let el = el();
                    let msg = msg!(
                        "`{el}` is `{ODS}`; {} fixes `{ODS_S}`, which no real instance uses: accepted",
                        self.name()
                    );
                    self.ctx.emit(r::ODS_PROFILE_SPELLING, v, msg);
                }
                (ODS, Some(ODS_S)) => {}
                (_, got) => {
                    let shown = got.map_or_else(|| v.kind().article_name().to_owned(), |g| msg!("`{g}`"));
                    let msg = msg!("`{}` is {shown}; {} fixes `{value}`", el(), self.name());
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
        let has_reason =
            |v: Value<'_, '_>| extensions_with(v.get("extension"), EXT_NHS_NUMBER_UNAVAILABLE).next().is_some();
        if has_reason(self.res) || ids.is_some_and(|i| i.items().any(has_reason)) {
            return;
        }
        let msg = msg!(
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

/// One of 64 bits for a member name, from its length and first and last bytes (names that
/// differ there, as nearly all of a resource's do, get different bits).
fn name_bit(name: &str) -> u64 {
    let b = name.as_bytes();
    let (first, last) = (b.first().copied().unwrap_or(0) as usize, b.last().copied().unwrap_or(0) as usize);
    1 << ((b.len() + 7 * first + 13 * last) & 63)
}

/// Member order for lookups: by length, then bytes (most names differ in length, so few byte
/// comparisons happen).
fn by_len(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| cmp_short(a, b))
}

/// `a.b.c` → (`a`, `b.c`); `c` → (`c`, ``). A byte loop: the paths are a few dozen bytes, too
/// short for `split_once`'s searcher to pay off.
fn split_first(path: &str) -> (&str, &str) {
    match path.bytes().position(|b| b == b'.') {
        Some(i) => (path.get(..i).unwrap_or_default(), path.get(i + 1..).unwrap_or_default()),
        None => (path, ""),
    }
}

/// `a.b.c` → (`a.b`, `c`); `c` → (``, `c`).
fn split_last(path: &str) -> (&str, &str) {
    match path.bytes().rposition(|b| b == b'.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    }
}

/// `min..max` for messages, formatted in place.
fn bounds(min: u32, max: Option<u32>) -> Bounds {
    Bounds(min, max)
}

struct Bounds(u32, Option<u32>);

impl std::fmt::Display for Bounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(m) => write!(f, "{}..{m}", self.0),
            None => write!(f, "{}..*", self.0),
        }
    }
}

/// How a checked element is named in messages: `identifier` or `identifier:localIdentifier.value`.
enum Shown<'s> {
    Path(&'s str),
    Member { path: &'s str, name: &'s str, member: &'s str },
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Path(p) => f.write_str(p),
            Shown::Member { path, name, member } => write!(f, "{path}:{name}.{member}"),
        }
    }
}

/// Calls `f` with each value at a dotted path (arrays flattened; `x[x]` matches `xAnything`);
/// `""` is `v` itself. Recursion is one level per path segment, so at most four deep.
fn each_at<'d, 'a>(v: Value<'d, 'a>, path: &str, f: &mut dyn FnMut(Value<'d, 'a>)) {
    if path.is_empty() {
        return f(v);
    }
    let (seg, rest) = split_first(path);
    if !v.is_object() {
        return;
    }
    if !seg.ends_with(']') {
        // An exact name: compare member names in place, building no string.
        for m in v.children().filter(|c| c.key_is(seg)) {
            for item in m.items() {
                each_at(item, rest, f);
            }
        }
        return;
    }
    for (k, m) in v.members() {
        if member_matches(&k, seg) {
            for item in m.items() {
                each_at(item, rest, f);
            }
        }
    }
}

fn member_matches(key: &str, seg: &str) -> bool {
    if !seg.ends_with(']') {
        return eq_short(key, seg);
    }
    let stem = seg.strip_suffix("[x]").unwrap_or(seg);
    key.strip_prefix(stem).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// How many values the member `name` has among `members` (an array counts its items), and the
/// first.
fn count_in<'d, 'a, K: AsRef<str>>(
    members: impl Iterator<Item = (K, Value<'d, 'a>)>,
    name: &str,
) -> (usize, Option<Value<'d, 'a>>) {
    let mut n = 0;
    let mut first = None;
    for (k, m) in members {
        if member_matches(k.as_ref(), name) {
            n += if m.kind() == Kind::Array { m.len() } else { 1 };
            first = first.or(Some(m));
        }
    }
    (n, first)
}

/// [`count_in`] over the members of the object `p`, comparing exact names in place.
fn count_named<'d, 'a>(p: Value<'d, 'a>, name: &str) -> (usize, Option<Value<'d, 'a>>) {
    if name.ends_with(']') || !p.is_object() {
        return count_in(p.members(), name);
    }
    let mut n = 0;
    let mut first = None;
    for m in p.children().filter(|c| c.key_is(name)) {
        n += if m.kind() == Kind::Array { m.len() } else { 1 };
        first = first.or(Some(m));
    }
    (n, first)
}

/// True when some value at `on` below `item` is the string `value`.
fn has_value(item: Value<'_, '_>, on: &str, value: &str) -> bool {
    let mut hit = false;
    each_at(item, on, &mut |v| hit = hit || v.str_is(value));
    hit
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
        let Some(src) = re.source() else { continue };
        let Some(app) = applied.get(src as usize).copied().flatten() else { continue };
        let in_resource = ix.entry(src).and_then(|e| e.resource).is_some_and(|r| r.id() == re.resource().id());
        if !in_resource {
            continue;
        }
        let element = ix.element(re);
        let Some(t) = ix.targets(re).filter(|t| !t.profile.is_empty()) else { continue };
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
        let msg = msg!("`{element}` points to {}; {} allows {}", a(ty), app.profile.name, list(t.profile));
        let sev = if app.claimed { Severity::Error } else { ctx.severity(r::REFERENCE_TARGET) };
        let at = re.at();
        ctx.out.push(Diagnostic::new(r::REFERENCE_TARGET, msg).with_severity(sev).at(at));
    }
}
