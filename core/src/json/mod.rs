//! A position-keeping, zero-copy JSON reader.
//!
//! The validator reports every finding with its line and column, so it needs to know where each
//! value sits in the source text; `serde_json::Value` forgets that. This reader keeps all nodes in
//! one flat arena (no allocation per node), borrows strings from the source and only unescapes
//! them on demand. It is iterative (an explicit stack), so hostile nesting depth cannot overflow
//! the call stack, and it stops at [`Limits::max_depth`] with a positioned error.

mod lines;

pub use lines::LineIndex;

use std::borrow::Cow;
use std::fmt;

/// The kind of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// The word a message uses for this kind ("an object", "a string" ...).
    pub fn article_name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

const NONE: u32 = u32::MAX;
const ESC_VALUE: u8 = 1;
const ESC_KEY: u8 = 2;
const TRUE: u8 = 4;
/// The member name is [`LONG_KEY`] bytes or longer: its end is found by scanning the source.
const LONG_KEY_FLAG: u8 = 8;
const LONG_KEY: u16 = u16::MAX;

/// One value: 32 bytes, so a large bundle's arena stays compact (it is most of the memory a
/// validation uses). A container's first child is always the next node (values are stored in
/// document order), so it needs no field; a member name is stored as its start and length.
#[derive(Clone, Copy, Debug)]
struct Node {
    kind: Kind,
    flags: u8,
    /// Length of the member name's source text (see [`LONG_KEY_FLAG`]).
    key_len: u16,
    /// Byte span of the value (strings include their quotes).
    start: u32,
    end: u32,
    /// Byte offset of the member name's content (after its opening quote), or `NONE`.
    key_start: u32,
    parent: u32,
    next_sibling: u32,
    /// Position within the parent: array index, or member order.
    index: u32,
    /// Number of children (arrays and objects).
    len: u32,
}

const _: () = assert!(std::mem::size_of::<Node>() == 32);

impl Node {
    /// The first child of node `id` (this node), or `NONE`.
    #[inline]
    fn first_child(&self, id: u32) -> u32 {
        if self.len > 0 && matches!(self.kind, Kind::Array | Kind::Object) {
            id + 1
        } else {
            NONE
        }
    }

    /// Byte span of the member name's content in `src` (call only when `key_start != NONE`).
    #[inline]
    fn key_span(&self, src: &[u8]) -> (usize, usize) {
        let s = self.key_start as usize;
        if self.flags & LONG_KEY_FLAG == 0 {
            return (s, s + self.key_len as usize);
        }
        // A name of 64 KiB or more (hostile input only): find its closing quote again.
        let mut i = s;
        while let Some(&c) = src.get(i) {
            match c {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        (s, i.min(src.len()))
    }
}

/// Limits that keep hostile input bounded.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted. FHIR resources stay far below 64.
    pub max_depth: u32,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 256, max_bytes: 128 * 1024 * 1024 }
    }
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    Empty,
    TooLarge { bytes: usize, max: usize },
    TooDeep { max: u32 },
    UnexpectedEnd,
    UnexpectedChar { found: char, expected: &'static str },
    ControlCharInString,
    InvalidEscape,
    InvalidUnicodeEscape,
    InvalidNumber,
    TrailingCharacters,
}

/// A syntax error with the byte offset where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub offset: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseErrorKind::Empty => write!(f, "the document is empty"),
            ParseErrorKind::TooLarge { bytes, max } => {
                write!(f, "the document has {bytes} bytes, more than the {max} accepted")
            }
            ParseErrorKind::TooDeep { max } => {
                write!(f, "arrays and objects are nested deeper than {max} levels")
            }
            ParseErrorKind::UnexpectedEnd => write!(f, "the document ends in the middle of a value"),
            ParseErrorKind::UnexpectedChar { found, expected } => {
                write!(f, "found `{}` where {expected} was expected", found.escape_debug())
            }
            ParseErrorKind::ControlCharInString => {
                write!(f, "a control character must be escaped inside a string")
            }
            ParseErrorKind::InvalidEscape => write!(f, "invalid escape sequence in a string"),
            ParseErrorKind::InvalidUnicodeEscape => {
                write!(f, "invalid `\\u` escape (not four hex digits, or a lone surrogate)")
            }
            ParseErrorKind::InvalidNumber => write!(f, "invalid number"),
            ParseErrorKind::TrailingCharacters => {
                write!(f, "unexpected characters after the end of the document")
            }
        }
    }
}

/// A parsed document: the source text and a flat arena of nodes; node 0 is the root.
pub struct Doc<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    duplicates: Vec<u32>,
    /// (slot, node id) in document order: members named one of [`WATCHED`], numbers and long
    /// strings, noted while parsing so the validator's lookups by name never rescan the arena.
    watched: Vec<(u8, u32)>,
}

/// The node arena is presized for one value per this many bytes of text. Measured (`speed
/// density`, 438 files): the upstream fixtures and bench bundles have 21.3 bytes per value at the
/// densest (median 35.5), the generated compact 100,000-reference bundle 22.9. The old estimate of one
/// per 16 bytes reserved 40% more than the large bundles use (33 MB for a 100k bundle, past
/// glibc's 32 MB mmap ceiling, so every call mapped it afresh and faulted it in); a denser
/// document (minified, short values) grows the arena by what its remaining text needs
/// ([`Parser::grow`]), not by doubling.
const BYTES_PER_NODE: usize = 20;

/// The vectors a parse fills, kept between documents by a reusable validator
/// ([`crate::validate::Validator`]) so a run over many bundles does not allocate, fault in and
/// free the arena for each one.
#[derive(Default)]
pub struct Scratch {
    nodes: Vec<Node>,
    duplicates: Vec<u32>,
    watched: Vec<(u8, u32)>,
    /// Lengths the last document filled (nodes, duplicates, watched): what [`Scratch::trim`] keeps.
    last: [usize; 3],
}

impl Scratch {
    fn take(&mut self) -> (Vec<Node>, Vec<u32>, Vec<(u8, u32)>) {
        (std::mem::take(&mut self.nodes), std::mem::take(&mut self.duplicates), std::mem::take(&mut self.watched))
    }

    fn put(&mut self, mut nodes: Vec<Node>, mut duplicates: Vec<u32>, mut watched: Vec<(u8, u32)>) {
        self.last = [nodes.len(), duplicates.len(), watched.len()];
        nodes.clear();
        duplicates.clear();
        watched.clear();
        (self.nodes, self.duplicates, self.watched) = (nodes, duplicates, watched);
    }

    /// Bytes of capacity held.
    pub fn retained_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.duplicates.capacity() * 4
            + self.watched.capacity() * std::mem::size_of::<(u8, u32)>()
    }

    /// Frees each vector holding more than `slack` times what the last document used (see
    /// [`crate::validate::Validator`] for why).
    pub fn trim(&mut self, slack: usize) {
        let [nodes, duplicates, watched] = self.last.map(|n| n.max(MIN_KEPT));
        shrink(&mut self.nodes, nodes, slack);
        shrink(&mut self.duplicates, duplicates, slack);
        shrink(&mut self.watched, watched, slack);
    }
}

/// Capacity any scratch vector may keep whatever the last document was: a typical bundle's need.
pub(crate) const MIN_KEPT: usize = 4096;

/// Frees `v`'s allocation when it holds more than `slack` times `need` (the next document
/// allocates what it needs, as a fresh call would). Dropping, not `shrink_to`: no reallocation
/// code per row type in the Wasm package, and the next, smaller document's need is not known yet.
pub(crate) fn shrink<T>(v: &mut Vec<T>, need: usize, slack: usize) {
    if v.capacity() > need.saturating_mul(slack) {
        *v = Vec::new();
    }
}

/// Member names the parser notes as it reads them (slot = position here): the names the
/// validator's whole-document passes look for ([`Doc::members_named`] answers them from the list).
const WATCHED: [&str; 7] = ["resourceType", "id", "reference", "identifier", "div", "system", "contained"];
/// Slots of [`Doc::watched`] past the names: numbers, and strings of more than [`LONG_STRING`] bytes.
const SLOT_NUMBER: u8 = WATCHED.len() as u8;
const SLOT_LONG_STRING: u8 = SLOT_NUMBER + 1;
/// Strings this long (in source bytes, quotes included) are noted for [`Doc::strings_longer_than`].
const LONG_STRING: usize = 64 * 1024;

/// The [`WATCHED`] slot of a member name given as its raw source bytes.
#[inline]
fn watched_slot(raw: &[u8], escaped: bool) -> Option<u8> {
    if escaped {
        let name = unescape(std::str::from_utf8(raw).ok()?);
        return WATCHED.iter().position(|w| *w == name).map(|i| i as u8);
    }
    let i = match raw.len() {
        12 => 0,
        2 => 1,
        // `reference` and `contained`: the first letter tells them apart.
        9 if raw.first() == Some(&b'c') => 6,
        9 => 2,
        10 => 3,
        3 => 4,
        6 => 5,
        _ => return None,
    };
    let name = WATCHED.get(i)?.as_bytes();
    // An inline loop: for names this short it beats a call to `memcmp`.
    eq_bytes(name, raw).then_some(i as u8)
}

impl fmt::Debug for Doc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Doc").field("nodes", &self.nodes.len()).finish()
    }
}

impl<'a> Doc<'a> {
    /// Parses `src` with the default [`Limits`].
    pub fn parse(src: &'a str) -> Result<Doc<'a>, ParseError> {
        Self::parse_with(src, Limits::default())
    }

    /// Parses `src`. A leading byte order mark is skipped (callers report it separately).
    pub fn parse_with(src: &'a str, limits: Limits) -> Result<Doc<'a>, ParseError> {
        Self::parse_reusing(src, limits, &mut Scratch::default())
    }

    /// [`Self::parse_with`], filling the vectors `scratch` holds (cleared, their capacity kept)
    /// instead of allocating new ones. The document owns them until [`Self::recycle`] hands them
    /// back; on an error they are back in `scratch` already.
    pub fn parse_reusing(src: &'a str, limits: Limits, scratch: &mut Scratch) -> Result<Doc<'a>, ParseError> {
        scratch.last = [0; 3];
        if src.len() > limits.max_bytes || src.len() >= NONE as usize {
            return Err(ParseError {
                kind: ParseErrorKind::TooLarge { bytes: src.len(), max: limits.max_bytes },
                offset: 0,
            });
        }
        let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
        let (mut nodes, mut duplicates, mut watched) = scratch.take();
        // Presized from the text so a typical document is never regrown (see [`BYTES_PER_NODE`]);
        // a denser one grows as it needs (one or two doublings at most for real documents).
        nodes.reserve_exact(src.len() / BYTES_PER_NODE + 16);
        watched.reserve_exact(src.len() / 64 + 8);
        duplicates.clear();
        let mut p = Parser { src, b: src.as_bytes(), pos: start, nodes, duplicates, watched, limits };
        p.skip_ws();
        let done =
            if p.pos >= p.b.len() { Err(ParseError { kind: ParseErrorKind::Empty, offset: p.pos }) } else { p.run() };
        match done {
            Ok(()) => Ok(Doc { src, nodes: p.nodes, duplicates: p.duplicates, watched: p.watched }),
            Err(e) => {
                scratch.put(p.nodes, p.duplicates, p.watched);
                Err(e)
            }
        }
    }

    /// Hands the document's vectors back to `scratch`, cleared, for the next [`Self::parse_reusing`].
    pub fn recycle(self, scratch: &mut Scratch) {
        scratch.put(self.nodes, self.duplicates, self.watched);
    }

    /// The source text.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// The root value.
    pub fn root<'d>(&'d self) -> Value<'d, 'a> {
        Value { doc: self, id: 0 }
    }

    /// The value with this arena id.
    pub fn value<'d>(&'d self, id: u32) -> Value<'d, 'a> {
        debug_assert!((id as usize) < self.nodes.len());
        Value { doc: self, id }
    }

    /// Number of values in the document.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a parsed document has a root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// True when the node's member name is `name` (lengths first: most names differ there).
    #[inline]
    fn node_key_is(&self, n: &Node, name: &str) -> bool {
        if n.key_start == NONE {
            return false;
        }
        if n.flags & (ESC_KEY | LONG_KEY_FLAG) == 0 {
            // The stored length first, then an inline loop: member names are short, and a call
            // to `memcmp` costs more than comparing them here.
            let s = n.key_start as usize;
            return n.key_len as usize == name.len()
                && self.src.as_bytes().get(s..s + name.len()).is_some_and(|k| eq_bytes(k, name.as_bytes()));
        }
        let (s, e) = n.key_span(self.src.as_bytes());
        if n.flags & ESC_KEY == 0 {
            e - s == name.len() && self.src.get(s..e) == Some(name)
        } else {
            self.src.get(s..e).is_some_and(|raw| unescape(raw) == name)
        }
    }

    /// Every value stored under the member name `name`, in document order. The names the
    /// validator asks for ([`WATCHED`]) come from the list the parser kept; any other name is one
    /// tight pass over the arena, comparing name lengths first.
    pub fn members_named<'d>(&'d self, name: &'d str) -> impl Iterator<Item = Value<'d, 'a>> + 'd {
        let slot = WATCHED.iter().position(|w| *w == name).map(|i| i as u8);
        let scanned = if slot.is_some() { &[][..] } else { &self.nodes[..] };
        self.watched_in(slot)
            .chain(scanned.iter().enumerate().filter(move |(_, n)| self.node_key_is(n, name)).map(|(i, _)| i as u32))
            .map(move |id| Value { doc: self, id })
    }

    /// Ids noted in `slot` (none for `None`).
    fn watched_in(&self, slot: Option<u8>) -> impl Iterator<Item = u32> + '_ {
        let list = if slot.is_some() { &self.watched[..] } else { &[][..] };
        list.iter().filter(move |(s, _)| Some(*s) == slot).map(|&(_, id)| id)
    }

    /// Every value of kind `kind`, in document order (numbers come from the parser's list).
    pub fn values_of_kind<'d>(&'d self, kind: Kind) -> impl Iterator<Item = Value<'d, 'a>> + 'd {
        let number = kind == Kind::Number;
        let scanned = if number { &[][..] } else { &self.nodes[..] };
        self.watched_in(number.then_some(SLOT_NUMBER))
            .chain(scanned.iter().enumerate().filter(move |(_, n)| n.kind == kind).map(|(i, _)| i as u32))
            .map(move |id| Value { doc: self, id })
    }

    /// Strings whose source text (quotes included) is longer than `bytes`, in document order.
    /// Cheap for `bytes` of 64 KiB or more (the parser notes those strings).
    pub fn strings_longer_than<'d>(&'d self, bytes: usize) -> impl Iterator<Item = Value<'d, 'a>> + 'd {
        let noted = bytes >= LONG_STRING;
        let scanned = if noted { &[][..] } else { &self.nodes[..] };
        self.watched_in(noted.then_some(SLOT_LONG_STRING))
            .chain(scanned.iter().enumerate().filter(|(_, n)| n.kind == Kind::String).map(|(i, _)| i as u32))
            .map(move |id| Value { doc: self, id })
            .filter(move |v| v.span().1 - v.span().0 > bytes)
    }

    /// Object members whose name repeats an earlier member of the same object.
    pub fn duplicate_members<'d>(&'d self) -> impl Iterator<Item = Value<'d, 'a>> + 'd {
        self.duplicates.iter().map(move |&id| Value { doc: self, id })
    }
}

/// A handle on one value of a [`Doc`]; cheap to copy.
#[derive(Clone, Copy)]
pub struct Value<'d, 'a> {
    doc: &'d Doc<'a>,
    id: u32,
}

impl fmt::Debug for Value<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Value({:?} at {})", self.kind(), self.node().start)
    }
}

impl<'d, 'a> Value<'d, 'a> {
    fn node(&self) -> &'d Node {
        &self.doc.nodes[self.id as usize]
    }

    /// The arena id, stable for the life of the document.
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn doc(&self) -> &'d Doc<'a> {
        self.doc
    }

    pub fn kind(&self) -> Kind {
        self.node().kind
    }

    /// Byte offsets of the value in the source (strings include their quotes).
    pub fn span(&self) -> (usize, usize) {
        let n = self.node();
        (n.start as usize, n.end as usize)
    }

    /// Byte offset of the member name (its opening quote), or of the value when it has none.
    pub fn key_offset(&self) -> usize {
        let n = self.node();
        if n.key_start == NONE {
            n.start as usize
        } else {
            n.key_start as usize - 1
        }
    }

    /// The source text of the value.
    pub fn raw(&self) -> &'a str {
        let (s, e) = self.span();
        &self.doc.src[s..e]
    }

    pub fn parent(&self) -> Option<Value<'d, 'a>> {
        let p = self.node().parent;
        (p != NONE).then_some(Value { doc: self.doc, id: p })
    }

    /// Position in the parent array (or member order in the parent object).
    pub fn index(&self) -> usize {
        self.node().index as usize
    }

    /// The member name this value is stored under, if its parent is an object.
    pub fn key(&self) -> Option<Cow<'a, str>> {
        let n = self.node();
        if n.key_start == NONE {
            return None;
        }
        let (s, e) = n.key_span(self.doc.src.as_bytes());
        let raw = &self.doc.src[s..e];
        Some(if n.flags & ESC_KEY != 0 { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) })
    }

    /// True when this value is stored under the member name `name` (no string is built).
    pub fn key_is(&self, name: &str) -> bool {
        self.doc.node_key_is(self.node(), name)
    }

    pub fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    pub fn is_object(&self) -> bool {
        self.kind() == Kind::Object
    }

    pub fn is_array(&self) -> bool {
        self.kind() == Kind::Array
    }

    /// The string's content, unescaped; `None` when the value is not a string.
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        let n = self.node();
        if n.kind != Kind::String {
            return None;
        }
        let raw = &self.doc.src[n.start as usize + 1..n.end as usize - 1];
        Some(if n.flags & ESC_VALUE != 0 { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) })
    }

    /// Maps byte offsets within the unescaped string ([`Value::as_str`]) to byte offsets in the
    /// source, through its escapes (`\n`, `\u00e9`, surrogate pairs), so a finding about the
    /// decoded text points at the exact source bytes. An offset past the end maps to the closing
    /// quote. Empty when the value is not a string. One pass, however many offsets.
    pub fn source_offsets(&self, decoded: &[u32]) -> Vec<usize> {
        let n = self.node();
        if n.kind != Kind::String {
            return Vec::new();
        }
        let (start, end) = (n.start as usize + 1, n.end as usize - 1);
        let raw = self.doc.src.as_bytes().get(start..end).unwrap_or_default();
        let mut order: Vec<usize> = (0..decoded.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| decoded.get(i).copied().unwrap_or(0));
        let mut out = vec![end; decoded.len()];
        let (mut i, mut at) = (0usize, 0usize);
        for k in order {
            let target = decoded.get(k).copied().unwrap_or(0) as usize;
            while at < target && i < raw.len() {
                let (raw_len, decoded_len) = escape_lengths(raw, i);
                i += raw_len;
                at += decoded_len;
            }
            if let Some(slot) = out.get_mut(k) {
                *slot = start + i.min(raw.len());
            }
        }
        out
    }

    /// True when the value is a string equal to `s`.
    pub fn str_is(&self, s: &str) -> bool {
        let n = self.node();
        if n.kind != Kind::String {
            return false;
        }
        let raw = &self.doc.src[n.start as usize + 1..n.end as usize - 1];
        if n.flags & ESC_VALUE == 0 {
            eq_bytes(raw.as_bytes(), s.as_bytes())
        } else {
            unescape(raw) == s
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        let n = self.node();
        (n.kind == Kind::Bool).then_some(n.flags & TRUE != 0)
    }

    /// The number's source text, exactly as written.
    pub fn as_number_text(&self) -> Option<&'a str> {
        (self.kind() == Kind::Number).then(|| self.raw())
    }

    /// Number of elements or members (0 for scalars).
    pub fn len(&self) -> usize {
        self.node().len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The member `name` of an object (the first, if the name repeats).
    pub fn get(&self, name: &str) -> Option<Value<'d, 'a>> {
        let [v] = self.get_many([name]);
        v
    }

    /// The members `names` of an object in one pass over its members (the first of each, if a
    /// name repeats): what a rule that reads several members of one object uses instead of one
    /// [`Value::get`] each.
    pub fn get_many<const N: usize>(&self, names: [&str; N]) -> [Option<Value<'d, 'a>>; N] {
        let mut out = [None; N];
        let n = self.node();
        if n.kind != Kind::Object {
            return out;
        }
        let (mut id, mut missing) = (n.first_child(self.id), N);
        while let Some(c) = self.doc.nodes.get(id as usize) {
            // The stored length rules out nearly every other member inline, without a call.
            let any_len = c.flags & (ESC_KEY | LONG_KEY_FLAG) != 0;
            for (slot, name) in out.iter_mut().zip(names) {
                if slot.is_none() && (any_len || c.key_len as usize == name.len()) && self.doc.node_key_is(c, name) {
                    *slot = Some(Value { doc: self.doc, id });
                    missing -= 1;
                    break;
                }
            }
            if missing == 0 {
                break;
            }
            id = c.next_sibling;
        }
        out
    }

    /// Follows member names through nested objects: `v.path(&["subject", "reference"])`.
    pub fn path(&self, names: &[&str]) -> Option<Value<'d, 'a>> {
        let mut v = *self;
        for n in names {
            v = v.get(n)?;
        }
        Some(v)
    }

    /// A member's string value, when it is a string.
    pub fn get_str(&self, name: &str) -> Option<Cow<'a, str>> {
        self.get(name).and_then(|v| v.as_str())
    }

    /// Elements of an array or values of an object, in order.
    pub fn children(&self) -> Children<'d, 'a> {
        let n = self.node();
        let next = n.first_child(self.id);
        let left = if next == NONE { 0 } else { n.len };
        Children { doc: self.doc, next, left }
    }

    /// Elements when the value is an array; the value itself otherwise (FHIR's 0..* reading).
    pub fn items(&self) -> Items<'d, 'a> {
        if self.kind() == Kind::Array {
            Items::Many(self.children())
        } else {
            Items::One(Some(*self))
        }
    }

    /// Members of an object as (name, value).
    pub fn members(&self) -> impl Iterator<Item = (Cow<'a, str>, Value<'d, 'a>)> + 'd {
        let is_obj = self.kind() == Kind::Object;
        self.children().filter(move |_| is_obj).map(|v| (v.key().unwrap_or_default(), v))
    }

    /// Calls `f` with the ids from just below the root down to this value, walking up once into
    /// a stack buffer (the parser caps depth at 256; deeper trees fall back to the heap).
    fn lineage(&self, mut f: impl FnMut(usize, u32)) {
        let mut buf = [0u32; 64];
        let mut heap: Vec<u32> = Vec::new();
        let mut n = 0;
        let mut cur = *self;
        while let Some(p) = cur.parent() {
            match buf.get_mut(n) {
                Some(slot) => *slot = cur.id,
                None => heap.push(cur.id),
            }
            n += 1;
            cur = p;
        }
        // buf holds the deepest 64 ids (closest to the value), heap the rest (closer to the root).
        for (depth, &id) in heap.iter().rev().enumerate() {
            f(depth, id);
        }
        let shallow = heap.len();
        for (i, &id) in buf.iter().take(n.min(64)).rev().enumerate() {
            f(shallow + i, id);
        }
    }

    /// The FHIRPath-style location of this value: `Bundle.entry[3].resource.subject.reference`.
    pub fn fhirpath(&self) -> String {
        self.locations().0
    }

    /// The RFC 6901 JSON pointer of this value: `/entry/3/resource/subject/reference`.
    pub fn pointer(&self) -> String {
        self.locations().1
    }

    /// FHIRPath, JSON pointer and the `Bundle.entry` index (when the value lies under
    /// `/entry/N` of the root), in one walk up the tree: every finding needs all three. Member
    /// names are borrowed from the source (only escaped names are decoded, by [`Value::key`]),
    /// and both strings get room for a finding's usual `.member` suffix.
    pub fn locations(&self) -> (String, String, Option<u32>) {
        let doc = self.doc;
        let root = Value { doc, id: 0 };
        let mut path = String::with_capacity(128);
        let mut pointer = String::with_capacity(64);
        match root.get_str("resourceType").filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())) {
            Some(t) => path.push_str(&t),
            None => path.push('$'),
        }
        let mut entry = None;
        self.lineage(|depth, id| {
            let Some(n) = doc.nodes.get(id as usize) else { return };
            let parent = doc.nodes.get(n.parent as usize);
            pointer.push('/');
            if parent.is_some_and(|p| p.kind == Kind::Array) {
                let mut buf = [0u8; 20];
                let i = itoa(u64::from(n.index), &mut buf);
                path.push('[');
                path.push_str(i);
                path.push(']');
                pointer.push_str(i);
                if depth == 1 && parent.is_some_and(|p| doc.node_key_is(p, "entry")) {
                    entry = Some(n.index);
                }
                return;
            }
            let key = (Value { doc, id }).key().unwrap_or_default();
            path.push('.');
            path.push_str(&key);
            if key.bytes().any(|b| b == b'~' || b == b'/') {
                for c in key.chars() {
                    match c {
                        '~' => pointer.push_str("~0"),
                        '/' => pointer.push_str("~1"),
                        c => pointer.push(c),
                    }
                }
            } else {
                pointer.push_str(&key);
            }
        });
        (path, pointer, entry)
    }

    /// Converts this value (and everything below it) into a `serde_json::Value`.
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self.kind() {
            Kind::Null => J::Null,
            Kind::Bool => J::Bool(self.as_bool().unwrap_or(false)),
            Kind::Number => self.raw().parse::<serde_json::Number>().map_or(J::Null, J::Number),
            Kind::String => J::String(self.as_str().unwrap_or_default().into_owned()),
            Kind::Array => J::Array(self.children().map(|c| c.to_serde()).collect()),
            Kind::Object => {
                let mut m = serde_json::Map::new();
                for (k, v) in self.members() {
                    m.entry(k.into_owned()).or_insert_with(|| v.to_serde());
                }
                J::Object(m)
            }
        }
    }
}

/// Iterator over the children of an array or object.
#[derive(Clone)]
pub struct Children<'d, 'a> {
    doc: &'d Doc<'a>,
    next: u32,
    /// Children not yet returned: an exact size hint, so collecting them allocates once.
    left: u32,
}

impl<'d, 'a> Iterator for Children<'d, 'a> {
    type Item = Value<'d, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.next == NONE {
            return None;
        }
        let v = Value { doc: self.doc, id: self.next };
        self.next = self.doc.nodes[self.next as usize].next_sibling;
        self.left = self.left.saturating_sub(1);
        Some(v)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.next == NONE {
            (0, Some(0))
        } else {
            (self.left as usize, None)
        }
    }
}

/// See [`Value::items`].
pub enum Items<'d, 'a> {
    Many(Children<'d, 'a>),
    One(Option<Value<'d, 'a>>),
}

impl<'d, 'a> Iterator for Items<'d, 'a> {
    type Item = Value<'d, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Items::Many(c) => c.next(),
            Items::One(v) => v.take(),
        }
    }
}

/// Formats `n` in decimal into `buf` without allocating (also the JS boundary's number writer).
pub(crate) fn itoa(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// Decodes JSON escapes. The parser has already checked them, so this cannot fail.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex4(&mut chars);
                let code = if (0xD800..0xDC00).contains(&hi) {
                    // The parser guarantees a low surrogate escape follows.
                    chars.next();
                    chars.next();
                    let lo = hex4(&mut chars);
                    0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The source bytes and the decoded bytes of the unit of string source at `i`: an escape, or
/// one raw byte (raw UTF-8 decodes to itself). Mirrors [`unescape`].
fn escape_lengths(raw: &[u8], i: usize) -> (usize, usize) {
    if raw.get(i) != Some(&b'\\') {
        return (1, 1);
    }
    if raw.get(i + 1) != Some(&b'u') {
        return (2, 1);
    }
    let hex = |at: usize| -> u32 {
        raw.get(at..at + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    let hi = hex(i + 2);
    if (0xD800..0xDC00).contains(&hi) {
        // The parser guarantees a low surrogate escape follows: one 4-byte character.
        return (12, 4);
    }
    (6, char::from_u32(hi).unwrap_or('\u{FFFD}').len_utf8())
}

fn hex4(chars: &mut std::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

/// Equality of two short byte strings (member names), inline: lengths first, then words of
/// eight (or four) bytes, the last word overlapping the one before, then single bytes below
/// four. Member names are a few bytes to a few dozen; a call to `memcmp` costs more.
#[inline]
pub(crate) fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word_at(a, i) != word_at(b, i) {
                return false;
            }
            i += 8;
        }
        return word_at(a, n - 8) == word_at(b, n - 8);
    }
    let half =
        |x: &[u8], at: usize| x.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map(u32::from_le_bytes);
    if n >= 4 {
        return half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// The eight bytes at `pos` as a little-endian word (byte `pos` lowest), if there are eight.
#[inline]
fn word_at(b: &[u8], pos: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(pos..pos.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// `byte` in every lane of a word.
#[inline]
const fn repeat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// High bit set in the lane of each zero byte of `w` (exact for the lowest such lane: a false
/// positive can only sit above a true one, so `trailing_zeros` finds the first).
#[inline]
fn has_zero(w: u64) -> u64 {
    w.wrapping_sub(repeat(1)) & !w & repeat(0x80)
}

/// High bit set in the lane of each byte of `w` below `n` (`n` ≤ 0x80; exact for the lowest).
#[inline]
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(repeat(n)) & !w & repeat(0x80)
}

struct Frame {
    node: u32,
    last_child: u32,
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    nodes: Vec<Node>,
    duplicates: Vec<u32>,
    watched: Vec<(u8, u32)>,
    limits: Limits,
}

impl<'a> Parser<'a> {
    fn err<T>(&self, kind: ParseErrorKind, offset: usize) -> Result<T, ParseError> {
        Err(ParseError { kind, offset })
    }

    fn unexpected<T>(&self, expected: &'static str) -> Result<T, ParseError> {
        match self.src[self.pos..].chars().next() {
            None => self.err(ParseErrorKind::UnexpectedEnd, self.pos),
            Some(found) => self.err(ParseErrorKind::UnexpectedChar { found, expected }, self.pos),
        }
    }

    /// Skips whitespace; inline for the common case of none (a value right after `:` or `,`
    /// in compact JSON, a `,` right after a value).
    #[inline]
    fn skip_ws(&mut self) {
        match self.b.get(self.pos) {
            Some(&c) if c > b' ' => return,
            // The one space after `:` in indented JSON.
            Some(b' ') if self.b.get(self.pos + 1).is_some_and(|&c| c > b' ') => {
                self.pos += 1;
                return;
            }
            _ => {}
        }
        self.skip_ws_run();
    }

    fn skip_ws_run(&mut self) {
        loop {
            match self.b.get(self.pos) {
                // Indented JSON has long runs of spaces: skip them eight at a time.
                Some(b' ') => {
                    while let Some(w) = word_at(self.b, self.pos) {
                        let other = w ^ repeat(b' ');
                        if other != 0 {
                            self.pos += (other.trailing_zeros() / 8) as usize;
                            break;
                        }
                        self.pos += 8;
                    }
                    while self.b.get(self.pos) == Some(&b' ') {
                        self.pos += 1;
                    }
                }
                Some(b'\n' | b'\r' | b'\t') => self.pos += 1,
                _ => return,
            }
        }
    }

    fn push(&mut self, kind: Kind, start: usize, key: Option<(usize, usize, bool)>, stack: &mut [Frame]) -> u32 {
        let id = self.nodes.len() as u32;
        let (parent, index) = match stack.last_mut() {
            Some(f) => {
                let p = &mut self.nodes[f.node as usize];
                let index = p.len;
                p.len += 1;
                // The first child is the node after its parent: only later siblings are linked.
                if f.last_child != NONE {
                    self.nodes[f.last_child as usize].next_sibling = id;
                }
                f.last_child = id;
                (f.node, index)
            }
            None => (NONE, 0),
        };
        let (key_start, key_len, key_esc) = key.map_or((NONE, 0, false), |(s, e, esc)| (s as u32, e - s, esc));
        let long_key = key_len >= LONG_KEY as usize;
        if let Some(slot) = key.and_then(|(s, e, esc)| watched_slot(self.b.get(s..e)?, esc)) {
            self.watched.push((slot, id));
        }
        if self.nodes.len() == self.nodes.capacity() {
            self.grow(start);
        }
        self.nodes.push(Node {
            kind,
            flags: if key_esc { ESC_KEY } else { 0 } | if long_key { LONG_KEY_FLAG } else { 0 },
            key_len: if long_key { LONG_KEY } else { key_len as u16 },
            start: start as u32,
            end: start as u32,
            key_start,
            parent,
            next_sibling: NONE,
            index,
            len: 0,
        });
        id
    }

    /// Makes room in a full arena for the rest of the document at the density read so far (an
    /// eighth more, at least 1,024 values), rather than doubling it: a document denser than
    /// [`BYTES_PER_NODE`] then reserves about what it needs, not up to twice that.
    #[cold]
    fn grow(&mut self, pos: usize) {
        let (n, len) = (self.nodes.len(), self.b.len());
        let rest = (len.saturating_sub(pos) as u64 * n as u64 / pos.max(1) as u64) as usize;
        self.nodes.reserve_exact(rest.saturating_add(rest / 8).max(1024));
    }

    /// Scans a string starting at the opening quote; returns (content start, content end, has escapes).
    fn string(&mut self) -> Result<(usize, usize, bool), ParseError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Fast path: skip ordinary bytes, eight at a time, then one at a time near the end.
            while let Some(w) = word_at(self.b, self.pos) {
                let special = has_zero(w ^ repeat(b'"')) | has_zero(w ^ repeat(b'\\')) | below(w, 0x20);
                if special != 0 {
                    self.pos += (special.trailing_zeros() / 8) as usize;
                    break;
                }
                self.pos += 8;
            }
            while let Some(&c) = self.b.get(self.pos) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.b.get(self.pos) {
                None => return self.err(ParseErrorKind::UnexpectedEnd, open),
                Some(b'"') => {
                    let end = self.pos;
                    self.pos += 1;
                    return Ok((start, end, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    let at = self.pos;
                    self.pos += 1;
                    match self.b.get(self.pos) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 1,
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self
                                .hex4()
                                .ok_or(ParseError { kind: ParseErrorKind::InvalidUnicodeEscape, offset: at })?;
                            if (0xD800..0xDC00).contains(&hi) {
                                let ok =
                                    self.b.get(self.pos) == Some(&b'\\') && self.b.get(self.pos + 1) == Some(&b'u');
                                if !ok {
                                    return self.err(ParseErrorKind::InvalidUnicodeEscape, at);
                                }
                                self.pos += 2;
                                match self.hex4() {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => {}
                                    _ => return self.err(ParseErrorKind::InvalidUnicodeEscape, at),
                                }
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return self.err(ParseErrorKind::InvalidUnicodeEscape, at);
                            }
                        }
                        None => return self.err(ParseErrorKind::UnexpectedEnd, open),
                        Some(_) => return self.err(ParseErrorKind::InvalidEscape, at),
                    }
                }
                Some(_) => return self.err(ParseErrorKind::ControlCharInString, self.pos),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let s = self.b.get(self.pos..self.pos + 4)?;
        let mut v = 0u32;
        for &c in s {
            v = v * 16 + (c as char).to_digit(16)?;
        }
        self.pos += 4;
        Some(v)
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let bad = ParseError { kind: ParseErrorKind::InvalidNumber, offset: start };
        if self.b.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.b.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(bad),
        }
        if self.b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(bad);
            }
            self.digits();
        }
        if matches!(self.b.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.b.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(bad);
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), ParseError> {
        if self.b.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.unexpected("a value")
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        // FHIR nests about a dozen levels deep: room for that, so the stack is not regrown.
        let mut stack: Vec<Frame> = Vec::with_capacity(32);
        let mut key: Option<(usize, usize, bool)> = None;
        'value: loop {
            // Parse one value.
            self.skip_ws();
            let start = self.pos;
            let Some(&c) = self.b.get(self.pos) else {
                return self.unexpected("a value");
            };
            match c {
                b'{' | b'[' => {
                    if stack.len() as u32 >= self.limits.max_depth {
                        return self.err(ParseErrorKind::TooDeep { max: self.limits.max_depth }, start);
                    }
                    let kind = if c == b'{' { Kind::Object } else { Kind::Array };
                    let id = self.push(kind, start, key.take(), &mut stack);
                    stack.push(Frame { node: id, last_child: NONE });
                    self.pos += 1;
                    self.skip_ws();
                    let close = if c == b'{' { b'}' } else { b']' };
                    if self.b.get(self.pos) == Some(&close) {
                        self.pos += 1;
                        // fall through to closing below
                    } else if c == b'{' {
                        key = Some(self.member_name()?);
                        continue 'value;
                    } else {
                        continue 'value;
                    }
                    self.close(&mut stack);
                }
                b'"' => {
                    let id = self.push(Kind::String, start, key.take(), &mut stack);
                    let (_, _, esc) = self.string()?;
                    let n = &mut self.nodes[id as usize];
                    n.end = self.pos as u32;
                    if esc {
                        n.flags |= ESC_VALUE;
                    }
                    if self.pos - start > LONG_STRING {
                        self.watched.push((SLOT_LONG_STRING, id));
                    }
                }
                b't' | b'f' | b'n' => {
                    let (kind, word): (Kind, &'static [u8]) = match c {
                        b't' => (Kind::Bool, b"true"),
                        b'f' => (Kind::Bool, b"false"),
                        _ => (Kind::Null, b"null"),
                    };
                    self.literal(word)?;
                    let id = self.push(kind, start, key.take(), &mut stack);
                    let n = &mut self.nodes[id as usize];
                    n.end = self.pos as u32;
                    if c == b't' {
                        n.flags |= TRUE;
                    }
                }
                b'-' | b'0'..=b'9' => {
                    self.number()?;
                    let id = self.push(Kind::Number, start, key.take(), &mut stack);
                    self.nodes[id as usize].end = self.pos as u32;
                    self.watched.push((SLOT_NUMBER, id));
                }
                _ => return self.unexpected("a value"),
            }
            // After a value: a separator, a close, or the end.
            loop {
                let Some(top) = stack.last() else {
                    self.skip_ws();
                    if self.pos < self.b.len() {
                        return self.err(ParseErrorKind::TrailingCharacters, self.pos);
                    }
                    return Ok(());
                };
                let is_obj = self.nodes[top.node as usize].kind == Kind::Object;
                self.skip_ws();
                match self.b.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        if is_obj {
                            self.skip_ws();
                            key = Some(self.member_name()?);
                        }
                        continue 'value;
                    }
                    Some(b'}') if is_obj => {
                        self.pos += 1;
                        self.close(&mut stack);
                    }
                    Some(b']') if !is_obj => {
                        self.pos += 1;
                        self.close(&mut stack);
                    }
                    _ => return self.unexpected(if is_obj { "`,` or `}`" } else { "`,` or `]`" }),
                }
            }
        }
    }

    /// Reads `"name" :` and returns the name's content span.
    fn member_name(&mut self) -> Result<(usize, usize, bool), ParseError> {
        if self.b.get(self.pos) != Some(&b'"') {
            return self.unexpected("a member name in double quotes");
        }
        let k = self.string()?;
        self.skip_ws();
        if self.b.get(self.pos) != Some(&b':') {
            return self.unexpected("`:`");
        }
        self.pos += 1;
        Ok(k)
    }

    fn close(&mut self, stack: &mut Vec<Frame>) {
        let f = stack.pop().expect("close with an open container");
        let end = self.pos as u32;
        let node = &mut self.nodes[f.node as usize];
        node.end = end;
        if node.kind == Kind::Object && node.len > 1 {
            self.find_duplicates(f.node);
        }
    }

    fn find_duplicates(&mut self, obj: u32) {
        let n = self.nodes[obj as usize].len;
        if n <= 12 {
            // Small objects (nearly all FHIR elements): compare raw names pairwise, no allocation.
            let first = self.nodes[obj as usize].first_child(obj);
            // A 64-bit signature of the names seen (length, first and last byte): a name whose
            // bit is not yet set cannot repeat an earlier one, so nearly every member skips the
            // pairwise comparison. Escaped names (rare) always take it.
            let (mut seen, mut escaped) = (0u64, false);
            let mut a = first;
            while a != NONE {
                let na = self.nodes[a as usize];
                escaped |= na.flags & ESC_KEY != 0;
                if !escaped {
                    let (s, e) = na.key_span(self.b);
                    let (x, y) =
                        (self.b.get(s).copied().unwrap_or(0), self.b.get(e.wrapping_sub(1)).copied().unwrap_or(0));
                    let bit = 1u64 << ((e - s + 7 * x as usize + 13 * y as usize) & 63);
                    let fresh = seen & bit == 0;
                    seen |= bit;
                    if fresh {
                        a = na.next_sibling;
                        continue;
                    }
                }
                let mut b = first;
                while b != a {
                    let nb = self.nodes[b as usize];
                    if self.same_key(&na, &nb) {
                        self.duplicates.push(a);
                        break;
                    }
                    b = nb.next_sibling;
                }
                a = na.next_sibling;
            }
            return;
        }
        let mut keys: Vec<(Cow<'a, str>, u32)> = Vec::new();
        let mut c = self.nodes[obj as usize].first_child(obj);
        while c != NONE {
            let n = &self.nodes[c as usize];
            let (s, e) = n.key_span(self.b);
            let raw = &self.src[s..e];
            let k = if n.flags & ESC_KEY != 0 { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) };
            keys.push((k, c));
            c = n.next_sibling;
        }
        crate::sort::sort(&mut keys);
        for w in keys.windows(2) {
            if w[0].0 == w[1].0 {
                self.duplicates.push(w[1].1);
            }
        }
        crate::sort::sort_u32(&mut self.duplicates);
    }

    /// True when two member nodes have the same (unescaped) name. Lengths are compared before
    /// any byte: nearly all members of an object differ there.
    fn same_key(&self, x: &Node, y: &Node) -> bool {
        let ((xs, xe), (ys, ye)) = (x.key_span(self.b), y.key_span(self.b));
        if (x.flags | y.flags) & ESC_KEY == 0 {
            if xe - xs != ye - ys {
                return false;
            }
            let rx = self.b.get(xs..xe).unwrap_or_default();
            let ry = self.b.get(ys..ye).unwrap_or_default();
            return eq_bytes(rx, ry);
        }
        unescape(&self.src[xs..xe]) == unescape(&self.src[ys..ye])
    }
}

#[cfg(test)]
mod tests;
