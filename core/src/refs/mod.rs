//! The reference graph of a Bundle, built once in O(n).
//!
//! Every consumer of a bundle's links uses this one index: the validator's reference, graph and
//! profile rules; the portal's bundle-graph preview (entries are nodes, resolved references are
//! edges, labelled with their element path); and the local broker, which rewrites each
//! `urn:uuid` reference to the server id it assigns (each [`Reference`] keeps the span of its
//! `reference` string, so a rewrite is a text splice, no re-serialisation).
//!
//! [`BundleIndex::build`] makes one pass over the parsed document's node arena: it finds every
//! Reference (an object with a string `reference`, or a Reference-shaped object with only an
//! `identifier`), notes which entry and which resource it sits in and its element path, and
//! resolves it through hash maps built from the entries (fullUrl; base + type + id for RESTful
//! fullUrls; type + id from `resource.id`, a `urn:uuid` fullUrl or a PUT url; contained ids).
//! No reference is resolved by scanning entries, which is what makes peers quadratic (HL7
//! validator #815, Firely #334).
//!
//! Linear is not enough once a bundle outgrows the caches (a 100,000-reference bundle is 16 MB
//! of text and some 50 MB of index): every probe that misses costs a trip to memory, so the
//! layout is chosen for locality. The fullUrl and `Type/id` indexes are 8-byte slots (a tag of
//! the hash and an entry; the text is compared only on a tag match, where it already lives),
//! sized once, and probed 32 references at a time after a loop of independent loads, so the
//! misses overlap; a reference's resource type comes from a rank over the resource-root bitset,
//! not a search; a [`Reference`] keeps arena ids beside one document pointer (96 bytes); known
//! type names are the static strings, so a pass comparing entry types never reads the source.
//!
//! Resolution follows FHIR R4's bundle rules (bundle.html#references):
//! - `urn:uuid:` / `urn:oid:` and absolute URLs match an entry's `fullUrl` exactly (a
//!   `/_history/n` suffix is ignored);
//! - a relative `Type/id` in an entry whose fullUrl is RESTful (`[base]Type/id`) resolves to
//!   `[base]Type/id` in the bundle, otherwise to the server;
//! - `#id` names a resource in the entry resource's `contained`.
//!
//! Beyond those rules the index records when a relative `Type/id` that FHIR sends to the server
//! names an entry of the bundle by its `resource.id` or `urn:uuid` ([`Resolution::EntryById`]):
//! the upstream Scenario 3/4 examples do this, and the validator reports it with a fix.

mod parse;
mod scratch;
mod table;

use std::borrow::Cow;
use std::hash::Hasher;

use crate::hash::FxHasher;
use crate::json::{Doc, Value};
use table::Table;

pub use parse::{classify, conditional, is_uuid, parse_relative, parse_restful, Restful};
use scratch::recycle;
pub use scratch::Scratch;

/// One `Bundle.entry`.
#[derive(Clone, Debug)]
pub struct Entry<'d, 'a> {
    /// Position in `Bundle.entry`.
    pub index: u32,
    /// The entry object (or whatever JSON value stands in its place).
    pub value: Value<'d, 'a>,
    pub full_url: Option<Cow<'a, str>>,
    /// `entry.resource` when it is an object.
    pub resource: Option<Value<'d, 'a>>,
    pub resource_type: Option<Cow<'a, str>>,
    /// `resource.id`.
    pub id: Option<Cow<'a, str>>,
    /// `request.method`, as written.
    pub method: Option<Cow<'a, str>>,
    /// Range of this entry's references in [`BundleIndex::references`].
    refs: (u32, u32),
}

/// The form of a reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// `urn:uuid:…`
    Uuid,
    /// `urn:oid:…`
    Oid,
    /// `Type/id` (optionally `/_history/v`), or a conditional `Type?query`.
    Relative,
    /// An absolute URL (`https://…`, or another scheme).
    Absolute,
    /// No `reference`, only `identifier` (a logical reference).
    Identifier,
    /// `#id`: a contained resource.
    Contained,
    /// A `reference` string that fits none of the forms (empty, malformed uuid, unknown type).
    Invalid,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Uuid => "urn:uuid",
            RefKind::Oid => "urn:oid",
            RefKind::Relative => "relative",
            RefKind::Absolute => "absolute",
            RefKind::Identifier => "identifier",
            RefKind::Contained => "contained",
            RefKind::Invalid => "invalid",
        }
    }
}

/// Where a reference leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// An entry of the bundle, by FHIR's rules.
    Entry,
    /// An entry named by a relative `Type/id` that FHIR's rules would send to the server.
    EntryById,
    /// A contained resource.
    Contained,
    /// A relative reference to a resource held by the server.
    Server,
    /// An absolute URL outside the bundle.
    External,
    /// A `urn:`, or `#id` that names nothing.
    Dangling,
    /// Identifier-only: resolved by the receiver, not by URL.
    Logical,
    /// Could not be read (see [`RefKind::Invalid`]).
    Invalid,
}

/// One reference found in the bundle.
///
/// 96 bytes: the values it names are stored as arena ids beside one pointer to the document (a
/// [`Value`] each would repeat that pointer), because a large bundle has as many of these as
/// entries and every rule pass reads them all.
#[derive(Clone, Debug)]
pub struct Reference<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Position in [`BundleIndex::references`].
    pub id: u32,
    source: u32,
    value: u32,
    literal: u32,
    identifier: u32,
    resource: u32,
    element: u32,
    target: u32,
    contained: u32,
    pub kind: RefKind,
    pub resolution: Resolution,
    /// The type it points at, when known: the resolved resource's type, the type in the URL,
    /// or `Reference.type`.
    pub target_type: Option<Cow<'a, str>>,
    /// `Reference.type`, as written.
    pub declared_type: Option<Cow<'a, str>>,
}

/// No value, entry or target in a [`Reference`]'s fields.
const NONE: u32 = u32::MAX;

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Reference<'_, '_>>() == 96);

impl<'d, 'a> Reference<'d, 'a> {
    fn opt_value(&self, id: u32) -> Option<Value<'d, 'a>> {
        (id != NONE).then(|| self.doc.value(id))
    }

    /// Index of the entry it sits in (`None` outside `Bundle.entry`, e.g. `Bundle.signature`).
    pub fn source(&self) -> Option<u32> {
        (self.source != NONE).then_some(self.source)
    }

    /// The Reference object.
    pub fn value(&self) -> Value<'d, 'a> {
        self.doc.value(self.value)
    }

    /// Its `reference` string, when present (its span is what a broker rewrites).
    pub fn literal(&self) -> Option<Value<'d, 'a>> {
        self.opt_value(self.literal)
    }

    /// Its `identifier`, when present.
    pub fn identifier(&self) -> Option<Value<'d, 'a>> {
        self.opt_value(self.identifier)
    }

    /// The resource whose element this is (a contained resource for references inside one).
    pub fn resource(&self) -> Value<'d, 'a> {
        self.doc.value(self.resource)
    }

    /// The entry it resolves to.
    pub fn target(&self) -> Option<u32> {
        (self.target != NONE).then_some(self.target)
    }

    /// The contained resource it resolves to.
    pub fn contained(&self) -> Option<Value<'d, 'a>> {
        self.opt_value(self.contained)
    }

    /// Where a finding about where it points is placed: its `reference` string, else its
    /// `identifier`, else the Reference object.
    pub fn at(&self) -> Value<'d, 'a> {
        self.literal().or_else(|| self.identifier()).unwrap_or_else(|| self.value())
    }
}

impl Reference<'_, '_> {
    /// FHIRPath of the Reference in the document: `Bundle.entry[3].resource.subject`.
    pub fn expression(&self) -> String {
        self.value().fhirpath()
    }

    /// The interned id of its element path: equal ids are equal paths ([`BundleIndex::element_id`]).
    pub fn element_id(&self) -> u32 {
        self.element
    }

    /// The `url` of the extension this reference is the value of, if it is one.
    pub fn extension_url(&self) -> Option<Cow<'_, str>> {
        let p = self.value().parent()?;
        if self.value().key().as_deref() != Some("valueReference") {
            return None;
        }
        p.get_str("url")
    }
}

/// The index of one Bundle: its entries, every reference, and the maps that resolve them.
pub struct BundleIndex<'d, 'a> {
    bundle: Value<'d, 'a>,
    entries: Vec<Entry<'d, 'a>>,
    refs: Vec<Reference<'d, 'a>>,
    elements: Elements,
    /// The allowed targets of each interned element, looked up once per element, not per reference.
    element_targets: Vec<Option<&'static crate::fhir::targets::Targets>>,
    /// fullUrl → entry (the text is compared with the entry's `full_url`).
    by_full_url: Table,
    /// (type, id) → position in `type_ids`.
    by_type_id: Table,
    /// The `Type/id` keys in entry order, with their entry (a repeated key is never looked up).
    type_ids: Vec<(Cow<'a, str>, Cow<'a, str>, u32)>,
    duplicate_full_urls: Vec<(u32, u32)>,
    /// `refs_to` as compressed rows: `incoming[in_start[e]..in_start[e+1]]` are reference indexes.
    in_start: Vec<u32>,
    incoming: Vec<u32>,
}

impl<'d, 'a> BundleIndex<'d, 'a> {
    /// Indexes the Bundle `bundle` (normally the document root).
    pub fn build(bundle: Value<'d, 'a>) -> BundleIndex<'d, 'a> {
        Self::build_reusing(bundle, &mut Scratch::default())
    }

    /// [`Self::build`], filling the vectors `scratch` holds instead of allocating new ones; give
    /// them back with [`Self::recycle`]. The index is the same either way.
    pub fn build_reusing(bundle: Value<'d, 'a>, scratch: &mut Scratch) -> BundleIndex<'d, 'a> {
        let doc = bundle.doc();
        let keys = Keys {
            urls: std::mem::take(&mut scratch.urls),
            type_ids: recycle(std::mem::take(&mut scratch.type_ids)),
            type_hashes: std::mem::take(&mut scratch.hashes),
        };
        let (entries, keys) = collect_entries(bundle, recycle(std::mem::take(&mut scratch.entries)), keys);
        let [full_urls, type_ids] = std::mem::take(&mut scratch.slots);
        let mut ix = BundleIndex {
            bundle,
            by_full_url: Table::with_keys_in(entries.len(), full_urls),
            by_type_id: Table::with_keys_in(0, type_ids),
            type_ids: Vec::new(),
            entries,
            refs: Vec::new(),
            elements: Elements::default(),
            element_targets: Vec::new(),
            duplicate_full_urls: Vec::new(),
            in_start: Vec::new(),
            incoming: Vec::new(),
        };
        ix.index_entries(keys, scratch);
        let mut b = builder::Builder::new(doc, &ix, scratch);
        b.scan();
        let builder::Built { refs, elements, ranges, targets } = b.finish(scratch);
        ix.refs = refs;
        ix.element_targets = elements.iter().map(crate::fhir::targets::targets).collect();
        ix.elements = elements;
        for (e, r) in ix.entries.iter_mut().zip(&ranges) {
            e.refs = *r;
        }
        scratch.ranges = ranges;
        ix.build_incoming(&targets, scratch);
        scratch.u32s[1] = targets;
        ix
    }

    /// Hands the index's vectors back to `scratch`, emptied, for the next [`Self::build_reusing`].
    pub fn recycle(self, scratch: &mut Scratch) {
        let words = scratch.words.len();
        scratch.last = [self.entries.len(), self.refs.len(), words];
        scratch.entries = recycle(self.entries);
        scratch.refs = recycle(self.refs);
        scratch.type_ids = recycle(self.type_ids);
        scratch.slots = [self.by_full_url.into_slots(), self.by_type_id.into_slots()];
        scratch.u32s[2] = self.in_start;
        scratch.u32s[4] = self.incoming;
    }

    fn index_entries(&mut self, keys: Keys<'a>, scratch: &mut Scratch) {
        let Keys { urls, type_ids, type_hashes: hashes } = keys;
        // The probes run after every key is hashed, 32 at a time: each batch first touches its
        // slots in a loop of independent loads, so their cache misses overlap instead of each
        // insertion waiting for its own (the values read are not needed, only the loads).
        let entries = &self.entries;
        for batch in urls.chunks(BATCH) {
            self.by_full_url.touch_all(batch.iter().map(|&(h, _)| h));
            for &(h, n) in batch {
                let url = full_url_of(entries, n).unwrap_or_default();
                if let Some(first) = self.by_full_url.insert(h, n, |v| full_url_of(entries, v) == Some(url)) {
                    self.duplicate_full_urls.push((n, first));
                }
            }
        }
        // Keys that overflowed (crafted to collide) are sorted now; their repeats join the rest.
        let repeats = self.by_full_url.seal(|a, b| full_url_of(entries, a).cmp(&full_url_of(entries, b)));
        if !repeats.is_empty() {
            self.duplicate_full_urls.extend(repeats);
            crate::sort::sort_by_key(&mut self.duplicate_full_urls, |d| d.0);
        }
        // Sized from the keys found; a key that repeats an earlier one keeps the first entry.
        self.by_type_id.reset(type_ids.len());
        for (b, batch) in hashes.chunks(BATCH).enumerate() {
            self.by_type_id.touch_all(batch.iter().copied());
            for (j, &h) in batch.iter().enumerate() {
                let k = b * BATCH + j;
                let Some((ty, id, _)) = type_ids.get(k) else { continue };
                let same = |v: u32| type_ids.get(v as usize).is_some_and(|o| o.0 == *ty && o.1 == *id);
                self.by_type_id.insert(h, k as u32, same);
            }
        }
        self.by_type_id.seal(|a, b| type_id_key(&type_ids, a).cmp(&type_id_key(&type_ids, b)));
        self.type_ids = type_ids;
        (scratch.urls, scratch.hashes) = (urls, hashes);
        scratch.urls.clear();
        scratch.hashes.clear();
    }

    /// `refs_to`'s rows from each reference's target (`NONE` for none), a list 4 bytes a
    /// reference instead of two more passes over the references themselves.
    fn build_incoming(&mut self, targets: &[u32], scratch: &mut Scratch) {
        let n = self.entries.len();
        let mut counts = std::mem::take(&mut scratch.u32s[2]);
        counts.clear();
        counts.resize(n + 1, 0);
        for &t in targets.iter().filter(|&&t| t != NONE) {
            if let Some(c) = counts.get_mut(t as usize + 1) {
                *c += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut fill = std::mem::take(&mut scratch.u32s[3]);
        fill.clear();
        fill.extend_from_slice(&counts);
        let mut incoming = std::mem::take(&mut scratch.u32s[4]);
        incoming.clear();
        incoming.resize(counts[n] as usize, 0);
        for (ri, &t) in targets.iter().enumerate().filter(|(_, &t)| t != NONE) {
            if let Some(slot) = fill.get_mut(t as usize) {
                if let Some(x) = incoming.get_mut(*slot as usize) {
                    *x = ri as u32;
                }
                *slot += 1;
            }
        }
        self.in_start = counts;
        self.incoming = incoming;
        scratch.u32s[3] = fill;
    }

    /// The Bundle value.
    pub fn bundle(&self) -> Value<'d, 'a> {
        self.bundle
    }

    /// `Bundle.type`, when it is a string.
    pub fn bundle_type(&self) -> Option<Cow<'a, str>> {
        self.bundle.get_str("type")
    }

    /// All entries, in order; `entries()[i].index == i`.
    pub fn entries(&self) -> &[Entry<'d, 'a>] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> Option<&Entry<'d, 'a>> {
        self.entries.get(i as usize)
    }

    /// Every reference, in document order.
    pub fn references(&self) -> &[Reference<'d, 'a>] {
        &self.refs
    }

    /// The references made by entry `i` (in its resource and contained resources).
    pub fn refs_from(&self, i: u32) -> &[Reference<'d, 'a>] {
        match self.entries.get(i as usize) {
            Some(e) => self.refs.get(e.refs.0 as usize..e.refs.1 as usize).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The references that resolve to entry `i`.
    pub fn refs_to(&self, i: u32) -> impl Iterator<Item = &Reference<'d, 'a>> + '_ {
        let i = i as usize;
        let (s, e) = match (self.in_start.get(i), self.in_start.get(i + 1)) {
            (Some(&s), Some(&e)) => (s as usize, e as usize),
            _ => (0, 0),
        };
        self.incoming.get(s..e).unwrap_or(&[]).iter().filter_map(|&r| self.refs.get(r as usize))
    }

    /// The element path of a reference without indexes: `ServiceRequest.specimen`,
    /// `ServiceRequest.extension.valueReference`, `Patient.identifier.assigner`.
    pub fn element(&self, r: &Reference<'_, '_>) -> &str {
        self.elements.get(r.element)
    }

    /// The id of the element path `name` ([`Reference::element_id`]), if any reference has it: a
    /// rule that compares many references' elements with one path compares ids, not strings.
    pub fn element_id(&self, name: &str) -> Option<u32> {
        self.elements.iter().position(|e| e == name).map(|i| i as u32)
    }

    /// The target types R4 and the GOMS profiles allow for the reference's element
    /// ([`crate::fhir::targets::targets`] of [`BundleIndex::element`]).
    pub fn targets(&self, r: &Reference<'_, '_>) -> Option<&'static crate::fhir::targets::Targets> {
        self.element_targets.get(r.element as usize).copied().flatten()
    }

    /// The entry whose fullUrl is `url` (the first, if several share it).
    pub fn by_full_url(&self, url: &str) -> Option<u32> {
        self.by_full_url_hashed(hash_str(url), url)
    }

    /// [`Self::by_full_url`] with the url's [`hash_str`] already at hand.
    fn by_full_url_hashed(&self, hash: u64, url: &str) -> Option<u32> {
        let entries = &self.entries;
        self.by_full_url.find(
            hash,
            |v| full_url_of(entries, v) == Some(url),
            |v| Some(url).cmp(&full_url_of(entries, v)),
        )
    }

    /// The entry a relative `Type/id` names: by `resource.id`, RESTful or `urn:uuid` fullUrl, or
    /// PUT url.
    pub fn by_type_id(&self, ty: &str, id: &str) -> Option<u32> {
        let keys = &self.type_ids;
        let same = |k: u32| keys.get(k as usize).is_some_and(|o| o.0 == ty && o.1 == id);
        let order = |k: u32| Some((ty, id)).cmp(&type_id_key(keys, k));
        self.by_type_id.find(hash_type_id(ty, id), same, order).and_then(|k| keys.get(k as usize)).map(|o| o.2)
    }

    /// Entries whose fullUrl repeats an earlier entry's: (entry, first entry with that fullUrl).
    pub fn duplicate_full_urls(&self) -> &[(u32, u32)] {
        &self.duplicate_full_urls
    }
}

/// Resource types and request methods by first letter, for [`known`].
const KNOWN: [&str; 6] = ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"];
const TYPES_BY_LETTER: [(u8, u8); 26] = crate::fhir::by_letter!(crate::fhir::RESOURCE_TYPES, |t| t);

/// The static copy of a resource type or request method, when `name` is one: every pass that
/// compares an entry's type (`e.resource_type.as_deref() == Some("Specimen")`) then reads a
/// string that stays in cache, not the entry's bytes of a source too large for any cache, and a
/// type taken from a URL costs no allocation.
fn known(name: Cow<'_, str>) -> Cow<'_, str> {
    match static_name(&name) {
        Some(s) => Cow::Borrowed(s),
        None => name,
    }
}

/// [`known`] for a slice of a URL: the static name, or an owned copy.
fn known_str<'a>(name: &str) -> Cow<'a, str> {
    static_name(name).map_or_else(|| Cow::Owned(name.to_owned()), Cow::Borrowed)
}

fn static_name(name: &str) -> Option<&'static str> {
    let eq = |t: &&&str| crate::json::eq_bytes(t.as_bytes(), name.as_bytes());
    let types = crate::fhir::same_letter(crate::fhir::RESOURCE_TYPES, &TYPES_BY_LETTER, name);
    types.iter().find(eq).or_else(|| KNOWN.iter().find(eq)).copied()
}

/// Keys hashed, then probed, per batch (see [`table::Table::touch_all`]): enough to overlap many
/// cache misses, few enough that what a batch touched is still in cache when it is used.
const BATCH: usize = 32;

/// The `Type/id` key number `k` stands for.
fn type_id_key<'k>(keys: &'k [(Cow<'_, str>, Cow<'_, str>, u32)], k: u32) -> Option<(&'k str, &'k str)> {
    keys.get(k as usize).map(|o| (o.0.as_ref(), o.1.as_ref()))
}

/// Entry `n`'s fullUrl.
fn full_url_of<'e>(entries: &'e [Entry<'_, '_>], n: u32) -> Option<&'e str> {
    entries.get(n as usize).and_then(|e| e.full_url.as_deref())
}

/// The fullUrl a reference of this kind is looked up by: a `urn:uuid`/`urn:oid` as written, an
/// absolute URL without its `/_history/n` (FHIR's bundle rules); other kinds are not.
fn full_url_key(kind: RefKind, text: &str) -> Option<&str> {
    match kind {
        RefKind::Uuid | RefKind::Oid => Some(text),
        RefKind::Absolute => Some(text.find("/_history/").map_or(text, |i| &text[..i])),
        _ => None,
    }
}

/// The hash a fullUrl is indexed under.
fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The hash a (type, id) pair is indexed under (the length keeps `ab`+`c` apart from `a`+`bc`).
fn hash_type_id(ty: &str, id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_usize(ty.len());
    h.write(ty.as_bytes());
    h.write(id.as_bytes());
    h.finish()
}

/// Interned element paths: one string holding them all, and each one's byte range.
#[derive(Default)]
struct Elements {
    text: String,
    ends: Vec<u32>,
}

impl Elements {
    /// Room for `n` paths of a typical length.
    fn with_capacity(n: usize) -> Elements {
        Elements { text: String::with_capacity(n * 24), ends: Vec::with_capacity(n) }
    }

    /// Appends `path`; returns its index.
    fn push(&mut self, path: &str) -> u32 {
        self.text.push_str(path);
        self.ends.push(self.text.len() as u32);
        self.ends.len() as u32 - 1
    }

    /// Path `i` (`""` when there is none).
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { Some(0) } else { self.ends.get(i - 1).copied() };
        match (start, self.ends.get(i)) {
            (Some(s), Some(&e)) => self.text.get(s as usize..e as usize).unwrap_or_default(),
            _ => "",
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(|i| self.get(i))
    }
}

/// `part` (a slice of `whole`) as a `Cow` that borrows the source when `whole` does.
fn sub<'a>(whole: &Cow<'a, str>, part: &str) -> Cow<'a, str> {
    match whole {
        Cow::Borrowed(w) => {
            let start = (part.as_ptr() as usize).checked_sub(w.as_ptr() as usize);
            let range = start.and_then(|s| Some(s..s.checked_add(part.len())?));
            match range.and_then(|r| w.get(r)) {
                Some(p) if p.as_ptr() == part.as_ptr() => Cow::Borrowed(p),
                _ => Cow::Owned(part.to_owned()),
            }
        }
        Cow::Owned(_) => Cow::Owned(part.to_owned()),
    }
}

/// The keys the entries are indexed under, gathered as each entry is read (its text is in cache
/// then; a later pass over the entries would read a large bundle's text from memory again).
struct Keys<'a> {
    /// (hash of the fullUrl, entry).
    urls: Vec<(u64, u32)>,
    /// The `Type/id` keys in entry order, with their entry, and each one's hash.
    type_ids: Vec<(Cow<'a, str>, Cow<'a, str>, u32)>,
    type_hashes: Vec<u64>,
}

impl<'a> Keys<'a> {
    fn reserve(&mut self, n: usize) {
        self.urls.reserve_exact(n);
        self.type_ids.reserve_exact(n);
        self.type_hashes.reserve_exact(n);
    }

    /// An entry's fullUrl, and its `Type/id` keys: from a RESTful or `urn:uuid` fullUrl, from
    /// `resource.id`, and from a PUT's url.
    fn add(&mut self, e: &Entry<'_, 'a>) {
        let n = e.index;
        let rt = e.resource_type.clone();
        let url_key = e.full_url.as_ref().and_then(|url| match parse_restful(url) {
            Some(r) => Some((sub(url, r.ty), sub(url, r.id))),
            None => match (url.strip_prefix("urn:uuid:"), rt.clone()) {
                (Some(uuid), Some(rt)) => Some((rt, sub(url, uuid))),
                _ => None,
            },
        });
        let id_key = rt.zip(e.id.clone());
        let put_key = if matches!(e.method.as_deref(), Some("PUT")) {
            e.value.get("request").and_then(|r| r.get_str("url")).and_then(|url| {
                let (ty, id) = parse_relative(&url)?;
                Some((sub(&url, ty), sub(&url, id)))
            })
        } else {
            None
        };
        if let Some(url) = e.full_url.as_deref() {
            self.urls.push((hash_str(url), n));
        }
        for (t, i) in [url_key, id_key, put_key].into_iter().flatten() {
            self.type_hashes.push(hash_type_id(&t, &i));
            self.type_ids.push((t, i, n));
        }
    }
}

/// The Bundle's entries, and the keys they are indexed under (into `entries` and `keys`, empty).
fn collect_entries<'d, 'a>(
    bundle: Value<'d, 'a>,
    mut entries: Vec<Entry<'d, 'a>>,
    mut keys: Keys<'a>,
) -> (Vec<Entry<'d, 'a>>, Keys<'a>) {
    let Some(list) = bundle.get("entry").filter(|e| e.is_array()) else { return (entries, keys) };
    keys.reserve(list.len());
    entries.reserve_exact(list.len());
    entries.extend(list.children().enumerate().map(|(i, value)| {
        // One pass over the entry's members and one over the resource's, not one per member.
        let [full_url, resource, request] = value.get_many(["fullUrl", "resource", "request"]);
        let resource = resource.filter(|r| r.is_object());
        let [resource_type, id] = resource.map_or([None; 2], |r| r.get_many(["resourceType", "id"]));
        let e = Entry {
            index: i as u32,
            value,
            full_url: full_url.and_then(|v| v.as_str()),
            resource,
            resource_type: resource_type.and_then(|v| v.as_str()).map(known),
            id: id.and_then(|v| v.as_str()),
            method: request.and_then(|r| r.get_str("method")).map(known),
            refs: (0, 0),
        };
        keys.add(&e);
        e
    }));
    (entries, keys)
}

mod builder;

#[cfg(test)]
mod tests;
