//! The single pass that finds and resolves every reference (see the module docs).

use std::borrow::Cow;

use super::parse::{classify, conditional, parse_relative, parse_restful};
use super::{
    full_url_key, hash_str, known, known_str, recycle, BundleIndex, RefKind, Reference, Resolution, Scratch, BATCH,
};
use crate::hash::{map_with_capacity, FxMap};
use crate::json::{Doc, Kind, Value};

/// Members a Reference may have besides `reference`; an object with an `identifier` object and
/// nothing outside this set is read as an identifier-only Reference.
const REFERENCE_MEMBERS: &[&str] = &["id", "extension", "type", "identifier", "display"];

/// What the scan found: the references, their interned element paths, each entry's range of
/// references, and each reference's target entry (or [`super::NONE`]).
pub(super) struct Built<'d, 'a> {
    pub refs: Vec<Reference<'d, 'a>>,
    pub elements: super::Elements,
    pub ranges: Vec<(u32, u32)>,
    pub targets: Vec<u32>,
}

/// A Reference found, its `reference` text read and classified, waiting to be resolved.
struct Pending<'d, 'a> {
    v: Value<'d, 'a>,
    literal: Option<Value<'d, 'a>>,
    identifier: Option<Value<'d, 'a>>,
    text: Option<Cow<'a, str>>,
    kind: RefKind,
    /// The hash of the fullUrl it is looked up by ([`full_url_key`]), if its kind has one.
    url_hash: Option<u64>,
}

pub(super) struct Builder<'i, 'd, 'a> {
    doc: &'d Doc<'a>,
    ix: &'i BundleIndex<'d, 'a>,
    /// Resource roots (objects with a string `resourceType`), sorted by node id, with the type.
    roots: Vec<(u32, Cow<'a, str>)>,
    /// One bit per node: set for the nodes in `roots`. Finding a reference's resource asks this
    /// at each level up, so the walk costs no search however many resources the bundle has.
    is_root: Vec<u64>,
    /// Roots in the words before each word of `is_root`: a root's position in `roots` is its
    /// word's rank plus the set bits below it, so a type lookup is no search (a binary search of
    /// 50,000 roots costs sixteen cache misses per reference once they outgrow the cache).
    rank: Vec<u32>,
    /// (container resource node, contained id) → contained resource node.
    contained: FxMap<(u32, Cow<'a, str>), u32>,
    /// Entry objects as (node id, byte end, entry index), in document order.
    entry_nodes: Vec<(u32, usize, u32)>,
    /// Interned element paths, end to end in one string: a path is stored once, however many
    /// references share it, and no path costs an allocation of its own.
    elements: super::Elements,
    /// First interned path with a given hash; `chain[i]` is the next one with the same hash.
    element_ids: FxMap<u64, u32>,
    chain: Vec<u32>,
    refs: Vec<Reference<'d, 'a>>,
    /// Each reference's target entry, or [`super::NONE`].
    targets: Vec<u32>,
    ranges: Vec<(u32, u32)>,
    /// Candidate Reference objects (node ids), sorted.
    candidates: Vec<u32>,
    segs: Vec<Cow<'a, str>>,
    buf: String,
}

impl<'i, 'd, 'a> Builder<'i, 'd, 'a> {
    /// A builder whose vectors come from `s` (emptied; [`Self::finish`] gives back those it
    /// does not hand over in [`Built`]).
    pub(super) fn new(doc: &'d Doc<'a>, ix: &'i BundleIndex<'d, 'a>, s: &mut Scratch) -> Self {
        let mut entry_nodes = std::mem::take(&mut s.entry_nodes);
        entry_nodes.clear();
        entry_nodes.extend(
            ix.entries.iter().filter(|e| e.value.is_object()).map(|e| (e.value.id(), e.value.span().1, e.index)),
        );
        let mut roots: Vec<(u32, Cow<'a, str>)> = recycle(std::mem::take(&mut s.roots));
        roots.reserve_exact(ix.entries.len() + 1);
        let mut ranges = std::mem::take(&mut s.ranges);
        ranges.clear();
        ranges.resize(ix.entries.len(), (0, 0));
        let [candidates, targets, ..] = &mut s.u32s;
        targets.clear();
        Builder {
            doc,
            ix,
            roots,
            is_root: std::mem::take(&mut s.words),
            rank: std::mem::take(&mut s.rank),
            contained: map_with_capacity(0),
            entry_nodes,
            elements: super::Elements::with_capacity(32),
            element_ids: map_with_capacity(32),
            chain: Vec::with_capacity(32),
            refs: recycle(std::mem::take(&mut s.refs)),
            targets: std::mem::take(targets),
            ranges,
            candidates: std::mem::take(candidates),
            segs: Vec::with_capacity(16),
            buf: String::with_capacity(64),
        }
    }

    pub(super) fn finish(self, s: &mut Scratch) -> Built<'d, 'a> {
        s.roots = recycle(self.roots);
        s.entry_nodes = self.entry_nodes;
        s.words = self.is_root;
        s.rank = self.rank;
        s.u32s[0] = self.candidates;
        Built { refs: self.refs, elements: self.elements, ranges: self.ranges, targets: self.targets }
    }

    /// Finds resource roots, contained ids and Reference objects through the arena's member
    /// names (`resourceType`, `id`, `reference`, `identifier`), never visiting other values.
    pub(super) fn scan(&mut self) {
        let doc = self.doc;
        for v in doc.members_named("resourceType") {
            if let (Some(t), Some(parent)) = (v.as_str(), v.parent()) {
                self.roots.push((parent.id(), known(t)));
            }
        }
        crate::sort::small_sort_by(&mut self.roots, |a, b| a.0.cmp(&b.0));
        self.roots.dedup_by_key(|r| r.0);
        self.is_root.clear();
        self.is_root.resize(doc.len().div_ceil(64), 0);
        for &(id, _) in &self.roots {
            if let Some(w) = self.is_root.get_mut(id as usize / 64) {
                *w |= 1 << (id % 64);
            }
        }
        let mut seen = 0u32;
        self.rank.clear();
        self.rank.extend(self.is_root.iter().map(|w| {
            let r = seen;
            seen += w.count_ones();
            r
        }));
        for v in doc.members_named("id").filter(|v| v.kind() == Kind::String) {
            let Some(parent) = v.parent() else { continue };
            let arr = parent.parent().filter(|a| a.is_array() && a.key().as_deref() == Some("contained"));
            if let (Some(arr), Some(idv)) = (arr, v.as_str()) {
                if let Some(container) = arr.parent() {
                    self.contained.entry((container.id(), idv)).or_insert(parent.id());
                }
            }
        }
        // Candidate Reference objects: parents of a `reference` string or an `identifier` object.
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        candidates.extend(
            doc.members_named("reference")
                .filter(|v| v.kind() == Kind::String)
                .chain(doc.members_named("identifier").filter(|v| v.is_object()))
                .filter_map(|v| v.parent())
                .filter(|p| p.is_object())
                .map(|p| p.id()),
        );
        crate::sort::sort_u32(&mut candidates);
        candidates.dedup();
        self.refs.reserve_exact(candidates.len());
        self.targets.reserve_exact(candidates.len());
        let mut cursor = 0usize;
        let mut chunk: Vec<Pending<'d, 'a>> = Vec::with_capacity(BATCH);
        for ids in candidates.chunks(BATCH) {
            // Each reference's text, form and fullUrl hash, then the fullUrl table's slots of the
            // whole batch touched at once (their cache misses overlap; one probe at a time would
            // wait for each in turn), then each resolved while its slot is in cache.
            chunk.clear();
            for &id in ids {
                let v = doc.value(id);
                if self.is_root(id) {
                    continue;
                }
                let Some((literal, identifier)) = reference_parts(v) else { continue };
                let text = literal.and_then(|l| l.as_str());
                let kind = text.as_deref().map_or(RefKind::Identifier, classify);
                let url_hash = text.as_deref().and_then(|t| full_url_key(kind, t)).map(hash_str);
                chunk.push(Pending { v, literal, identifier, text, kind, url_hash });
            }
            self.ix.by_full_url.touch_all(chunk.iter().filter_map(|p| p.url_hash));
            for p in chunk.drain(..) {
                let id = p.v.id();
                while self.entry_nodes.get(cursor + 1).is_some_and(|e| e.0 <= id) {
                    cursor += 1;
                }
                let source = self.entry_nodes.get(cursor).filter(|e| e.0 <= id && p.v.span().1 <= e.1).map(|e| e.2);
                let r = self.resolve(p, source);
                if let Some(s) = source {
                    let n = self.refs.len() as u32;
                    if let Some(range) = self.ranges.get_mut(s as usize) {
                        if range.1 == 0 && range.0 == 0 {
                            range.0 = n;
                        }
                        range.1 = n + 1;
                    }
                }
                self.targets.push(r.target);
                self.refs.push(r);
            }
        }
        self.candidates = candidates;
    }

    fn is_root(&self, id: u32) -> bool {
        self.is_root.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    /// The position of the resource root `id` in `roots`.
    fn root_index(&self, id: u32) -> Option<usize> {
        let (w, bit) = (id as usize / 64, id % 64);
        let word = *self.is_root.get(w)?;
        if word & (1 << bit) == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some((*self.rank.get(w)? + below) as usize)
    }

    fn root_type(&self, id: u32) -> Option<&Cow<'a, str>> {
        self.roots.get(self.root_index(id)?).map(|r| &r.1)
    }

    /// The nearest enclosing resource of `v`.
    fn resource_of(&self, v: Value<'d, 'a>) -> Value<'d, 'a> {
        let mut cur = v;
        while let Some(p) = cur.parent() {
            if self.is_root(p.id()) {
                return p;
            }
            cur = p;
        }
        cur
    }

    /// Interns the element path of `v` inside `resource`. The path is hashed and compared
    /// segment by segment as the walk up found them; a string is built only for a path not seen
    /// before (a large bundle has a few dozen paths and many thousands of references).
    fn element_of(&mut self, v: Value<'d, 'a>, resource: Value<'d, 'a>) -> u32 {
        self.segs.clear();
        let mut cur = v;
        while cur.id() != resource.id() {
            if let Some(k) = cur.key() {
                self.segs.push(k);
            }
            match cur.parent() {
                Some(p) => cur = p,
                None => break,
            }
        }
        let root = self.root_index(resource.id());
        let roots = &self.roots;
        let ty: &str = root.and_then(|i| roots.get(i)).map_or("Resource", |r| r.1.as_ref());
        let segs = &self.segs;
        let hash = {
            use std::hash::Hasher;
            let mut h = crate::hash::FxHasher::default();
            h.write(ty.as_bytes());
            for s in segs.iter().rev() {
                h.write_u8(b'.');
                h.write(s.as_bytes());
            }
            h.finish()
        };
        // `path` is `ty` and the segments joined with dots.
        let same = |path: &str| {
            let mut rest = path.strip_prefix(ty);
            for s in segs.iter().rev() {
                rest = rest.and_then(|r| r.strip_prefix('.')).and_then(|r| r.strip_prefix(s.as_ref()));
            }
            rest == Some("")
        };
        let mut found = self.element_ids.get(&hash).copied();
        while let Some(i) = found {
            if same(self.elements.get(i)) {
                return i;
            }
            found = self.chain.get(i as usize).copied().filter(|&n| n != u32::MAX);
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.push_str(ty);
        for s in segs.iter().rev() {
            buf.push('.');
            buf.push_str(s);
        }
        let i = self.elements.push(&buf);
        // A new path with a hash already seen goes to the front of that hash's chain.
        let next = self.element_ids.insert(hash, i).unwrap_or(u32::MAX);
        self.chain.push(next);
        self.buf = buf;
        i
    }

    fn resolve(&mut self, p: Pending<'d, 'a>, source: Option<u32>) -> Reference<'d, 'a> {
        let Pending { v, literal, identifier, text, kind, url_hash } = p;
        let resource = self.resource_of(v);
        let element = self.element_of(v, resource);
        let declared_type = v.get_str("type").map(known);
        let id_of = |v: Option<Value<'d, 'a>>| v.map_or(super::NONE, |v| v.id());
        let mut r = Reference {
            doc: self.doc,
            id: self.refs.len() as u32,
            source: source.unwrap_or(super::NONE),
            value: v.id(),
            literal: id_of(literal),
            identifier: id_of(identifier),
            resource: resource.id(),
            element,
            kind: RefKind::Identifier,
            resolution: Resolution::Logical,
            target: super::NONE,
            contained: super::NONE,
            target_type: declared_type.clone(),
            declared_type,
        };
        let Some(s) = text else { return r };
        r.kind = kind;
        let src = source.and_then(|i| self.ix.entries.get(i as usize));
        match r.kind {
            RefKind::Invalid => r.resolution = Resolution::Invalid,
            RefKind::Identifier => {}
            RefKind::Contained => {
                let container = src.and_then(|e| e.resource);
                let found = match (&s[1..], container) {
                    ("", Some(c)) => Some(c.id()),
                    (id, Some(c)) => self.contained.get(&(c.id(), Cow::Borrowed(id))).copied(),
                    _ => None,
                };
                match found {
                    Some(node) => {
                        r.resolution = Resolution::Contained;
                        r.contained = node;
                        r.target_type = self.root_type(node).cloned();
                    }
                    None => r.resolution = Resolution::Dangling,
                }
            }
            RefKind::Uuid | RefKind::Oid | RefKind::Absolute => {
                let key = full_url_key(kind, &s).zip(url_hash);
                match key.and_then(|(url, h)| self.ix.by_full_url_hashed(h, url)) {
                    Some(t) => self.to_entry(&mut r, t, Resolution::Entry),
                    // Not in the Bundle: a urn is dangling, an absolute URL is on another server.
                    None if kind != RefKind::Absolute => r.resolution = Resolution::Dangling,
                    None => {
                        r.resolution = Resolution::External;
                        if let Some(p) = parse_restful(&s) {
                            r.target_type = Some(known_str(p.ty));
                        }
                    }
                }
            }
            RefKind::Relative => {
                if let Some(ty) = conditional(&s) {
                    r.resolution = Resolution::Server;
                    r.target_type = Some(known_str(ty));
                    return r;
                }
                let Some((ty, id)) = parse_relative(&s) else {
                    r.resolution = Resolution::Invalid;
                    return r;
                };
                let base = src.and_then(|e| e.full_url.as_deref()).and_then(parse_restful).map(|p| p.base);
                let by_rules = base.and_then(|b| {
                    let mut url = String::with_capacity(b.len() + ty.len() + id.len() + 1);
                    url.push_str(b);
                    url.push_str(ty);
                    url.push('/');
                    url.push_str(id);
                    self.ix.by_full_url(&url)
                });
                match by_rules {
                    Some(t) => self.to_entry(&mut r, t, Resolution::Entry),
                    None => match self.ix.by_type_id(ty, id) {
                        Some(t) => {
                            // An entry without a fullUrl (a PUT of `Type/id`) is exactly what a
                            // relative reference means in a transaction.
                            let no_url = self.ix.entries.get(t as usize).is_some_and(|e| e.full_url.is_none());
                            self.to_entry(&mut r, t, if no_url { Resolution::Entry } else { Resolution::EntryById });
                        }
                        None => {
                            r.resolution = Resolution::Server;
                            r.target_type = Some(known_str(ty));
                        }
                    },
                }
            }
        }
        r
    }

    fn to_entry(&self, r: &mut Reference<'d, 'a>, t: u32, how: Resolution) {
        r.resolution = how;
        r.target = t;
        if let Some(rt) = self.ix.entries.get(t as usize).and_then(|e| e.resource_type.clone()) {
            r.target_type = Some(rt);
        }
    }
}

/// `(reference, identifier)` when `v` is a Reference: it has a string `reference`, or an object
/// `identifier` and only Reference members.
fn reference_parts<'d, 'a>(v: Value<'d, 'a>) -> Option<(Option<Value<'d, 'a>>, Option<Value<'d, 'a>>)> {
    let mut literal = None;
    let mut identifier = None;
    let mut only_reference_members = true;
    for c in v.children() {
        let Some(k) = c.key() else { continue };
        match k.as_ref() {
            "reference" if literal.is_none() => literal = Some(c),
            "identifier" if identifier.is_none() => identifier = Some(c),
            k if REFERENCE_MEMBERS.contains(&k) => {}
            _ => only_reference_members = false,
        }
    }
    match (literal.filter(|l| l.kind() == Kind::String), identifier) {
        (Some(l), i) => Some((Some(l), i.filter(|i| i.is_object()))),
        (None, Some(i)) if i.is_object() && only_reference_members && literal.is_none() => Some((None, Some(i))),
        _ => None,
    }
}
