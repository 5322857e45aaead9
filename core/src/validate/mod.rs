//! The GOMS bundle validator.
//!
//! `validate` never fails: unreadable input becomes a fatal diagnostic with its position. Each
//! rule family lives in its own file and adds findings to a shared [`Ctx`].

mod bindings;
mod bundle;
mod codes;
mod graph;
mod narrative;
mod number;
mod order;
mod profiles;
mod references;

use serde::{Deserialize, Serialize};

use crate::diag::{capitalise, Diagnostic, Report, Rule, Severity};
use crate::json::{Doc, Limits, ParseErrorKind, Value};
use crate::refs::BundleIndex;
use crate::rules::json as rj;

/// What the document is expected to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Decide from the document: a transaction with a ServiceRequest is an order, with a
    /// DiagnosticReport a result; anything else is inspected.
    #[default]
    Auto,
    /// A test order transaction to submit.
    Order,
    /// A result (report) transaction to submit.
    Result,
    /// Check and render without submitting: responses, searchsets, `$graph` results, documents.
    Inspect,
}

/// Validation options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    pub mode: Mode,
    /// Raise the rules that have a stricter severity (e.g. orphans become errors).
    pub strict: bool,
}

/// Validates a JSON document given as text. Stateless: its working memory is allocated for the
/// call and freed after it (a [`Validator`] keeps it for the next document instead).
pub fn validate(src: &str, opts: &Options) -> Report {
    run(src, opts, &mut Scratch::default())
}

/// Validates raw bytes (a file or request body): invalid UTF-8 is a fatal finding with its position.
pub fn validate_bytes(bytes: &[u8], opts: &Options) -> Report {
    run_bytes(bytes, opts, &mut Scratch::default())
}

/// A validator with fixed options that keeps its working memory between documents.
///
/// Validating a bundle fills a node arena (32 bytes a JSON value) and the reference index's rows:
/// some 40 MB for a 100,000-reference bundle. [`validate`] allocates them for the call and frees
/// them after; freed blocks that large go back to the system (glibc trims or unmaps them), so
/// the next call faults every page in again, and a loop of calls slows as bundles grow. A
/// `Validator` keeps them, emptied, so validating many documents in one process (a lab's CI, an
/// EPR validating as a form is edited through the JS `Validator`) writes into memory already
/// mapped. Reports are the same as [`validate`]'s, byte for byte, whatever was validated before.
///
/// Retained memory is bounded: after each document every buffer that holds more than
/// [`RETAIN_SLACK`] times what that document needed (or a small floor) is freed, and the next
/// document allocates afresh, so one huge bundle followed by small ones does not pin its memory
/// for the life of the validator, while documents of similar size (the common case) never
/// reallocate.
///
/// ```
/// use gom_core::{validate, Options, Validator};
///
/// let mut validator = Validator::new(Options::default());
/// let order = r#"{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:1",
///   "resource":{"resourceType":"Task","status":"requested"},"request":{"method":"DELETE","url":"Task"}}]}"#;
/// for text in [order, "{ not json", order] {
///     let report = validator.validate(text);
///     assert_eq!(report, validate(text, &Options::default()));
///     assert!(report.has_errors()); // DELETE is not supported; the second is not JSON
/// }
/// ```
#[derive(Default)]
pub struct Validator {
    opts: Options,
    scratch: Scratch,
}

/// See [`Validator`]: a buffer may hold this many times the last document's need before it is
/// freed. Four absorbs the usual spread of bundle sizes in a run without reallocating, and
/// bounds the memory held after a large bundle to a few times what a smaller one needs.
pub const RETAIN_SLACK: usize = 4;

/// The buffers a [`Validator`] keeps: the parser's and the reference index's.
#[derive(Default)]
struct Scratch {
    json: crate::json::Scratch,
    index: crate::refs::Scratch,
}

impl Validator {
    pub fn new(opts: Options) -> Validator {
        Validator { opts, scratch: Scratch::default() }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// [`validate`], reusing this validator's buffers.
    pub fn validate(&mut self, src: &str) -> Report {
        self.scratch.index.forget_last();
        let report = run(src, &self.opts, &mut self.scratch);
        self.trim();
        report
    }

    /// [`validate_bytes`], reusing this validator's buffers.
    pub fn validate_bytes(&mut self, bytes: &[u8]) -> Report {
        self.scratch.index.forget_last();
        let report = run_bytes(bytes, &self.opts, &mut self.scratch);
        self.trim();
        report
    }

    fn trim(&mut self) {
        self.scratch.json.trim(RETAIN_SLACK);
        self.scratch.index.trim(RETAIN_SLACK);
    }

    /// Bytes of buffer capacity kept for the next document.
    pub fn retained_bytes(&self) -> usize {
        self.scratch.json.retained_bytes() + self.scratch.index.retained_bytes()
    }
}

fn run(src: &str, opts: &Options, scratch: &mut Scratch) -> Report {
    // Room for a typical bundle's findings, so the list is not regrown (and copied) as it fills.
    let mut diags = Vec::with_capacity(16);
    if src.starts_with('\u{feff}') {
        diags.push(Diagnostic::new(rj::BYTE_ORDER_MARK, "The document begins with a byte order mark").at_span(0, 3));
    }
    match Doc::parse_reusing(src, Limits::default(), &mut scratch.json) {
        Err(e) => {
            let end = if matches!(e.kind, ParseErrorKind::TooLarge { .. }) { 0 } else { e.offset + 1 };
            diags.push(Diagnostic::new(rj::SYNTAX, capitalise(&e.to_string())).at_span(e.offset, end.min(src.len())));
        }
        Ok(doc) => {
            let mut ctx = Ctx { opts: *opts, mode: opts.mode, out: diags };
            check_document(&doc, &mut ctx, &mut scratch.index);
            diags = ctx.out;
            doc.recycle(&mut scratch.json);
        }
    }
    finish(diags, src)
}

fn run_bytes(bytes: &[u8], opts: &Options, scratch: &mut Scratch) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(src) => run(src, opts, scratch),
        Err(e) => {
            let at = e.valid_up_to();
            // Everything before the bad byte is valid UTF-8, so it can be located as text.
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let d = Diagnostic::new(rj::INVALID_UTF8, format!("Byte {at} is not valid UTF-8")).at_span(at, at);
            finish(vec![d], prefix)
        }
    }
}

/// The members of an `extension` array (absent or not) whose `url` is `url`: how every rule finds
/// the extensions it checks.
fn extensions_with<'d, 'a, 'u>(
    extensions: Option<Value<'d, 'a>>,
    url: &'u str,
) -> impl Iterator<Item = Value<'d, 'a>> + 'u
where
    'd: 'u,
    'a: 'u,
{
    extensions.into_iter().flat_map(|e| e.items()).filter(move |x| x.get("url").is_some_and(|u| u.str_is(url)))
}

fn finish(diags: Vec<Diagnostic>, src: &str) -> Report {
    let mut report = Report::new(dedupe(diags));
    report.locate(src);
    report.sort();
    report
}

/// One finding per missing or over-repeated element: the R4 base, a GraphDefinition and a
/// profile may all require `ServiceRequest.requester`; the most severe finding is kept (then the
/// lowest code, so the R4 or GraphDefinition wording wins over the profile's).
fn dedupe(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    use crate::diag::IssueType;
    // Narrative findings concern the div's text, not the element's cardinality: all are kept.
    let cardinal = |d: &Diagnostic| {
        matches!(d.issue_type, IssueType::Required | IssueType::Structure) && !d.code.starts_with("GOM-TXT-")
    };
    if diags.iter().filter(|d| cardinal(d)).count() < 2 {
        return diags;
    }
    let mut order: Vec<usize> = Vec::with_capacity(diags.len());
    order.extend((0..diags.len()).filter(|&i| cardinal(&diags[i])));
    crate::sort::sort_by(&mut order, |&a, &b| {
        let (x, y) = (&diags[a], &diags[b]);
        (&x.expression, x.severity, x.code).cmp(&(&y.expression, y.severity, y.code))
    });
    let mut drop = vec![false; diags.len()];
    for w in order.windows(2) {
        if diags[w[0]].expression.is_some() && diags[w[0]].expression == diags[w[1]].expression {
            drop[w[1]] = true;
        }
    }
    let mut i = 0;
    diags.retain(|_| {
        let keep = !drop[i];
        i += 1;
        keep
    });
    diags
}

/// A message built by appending its pieces: the findings a typical bundle raises (the profile
/// cardinalities) are written this way, without `format!`'s machinery; `msg!` serves the rest.
pub(crate) struct Text(String);

impl Text {
    pub fn new() -> Text {
        Text(String::with_capacity(256))
    }

    /// Appends `part`.
    pub fn s(mut self, part: &str) -> Text {
        self.0.push_str(part);
        self
    }

    /// Appends `n` in decimal.
    pub fn n(self, n: usize) -> Text {
        let mut buf = [0u8; 20];
        let digits = crate::json::itoa(n as u64, &mut buf);
        self.s(digits)
    }

    /// Appends a cardinality: `1..1`, `1..*`.
    pub fn bounds(self, min: u32, max: Option<u32>) -> Text {
        let t = self.n(min as usize).s("..");
        match max {
            Some(m) => t.n(m as usize),
            None => t.s("*"),
        }
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

/// Shared state of one validation run.
pub(crate) struct Ctx {
    pub opts: Options,
    /// The mode in force: `opts.mode`, or what [`detect_mode`] decided; never `Auto` once the
    /// Bundle is indexed.
    pub mode: Mode,
    pub out: Vec<Diagnostic>,
}

impl Ctx {
    /// The severity a rule has under the current options.
    pub fn severity(&self, rule: &'static Rule) -> Severity {
        if self.opts.strict {
            rule.strict
        } else {
            rule.severity
        }
    }

    /// Reports `rule` at the value `at`.
    pub fn emit(&mut self, rule: &'static Rule, at: Value<'_, '_>, message: impl Into<String>) {
        let sev = self.severity(rule);
        self.out.push(Diagnostic::new(rule, message).with_severity(sev).at(at));
    }

    /// Reports `rule` about the missing member `name` of the object `parent`.
    pub fn emit_missing(&mut self, rule: &'static Rule, parent: Value<'_, '_>, name: &str, message: impl Into<String>) {
        let sev = self.severity(rule);
        self.out.push(Diagnostic::new(rule, message).with_severity(sev).at_missing(parent, name));
    }
}

/// At most this many findings of one JSON-level rule; the rest are summed up in one more.
const MAX_JSON_FINDINGS: usize = 100;

/// Largest FHIR string, in bytes of JSON text (R4: 1 MB); `data` (base64Binary) is exempt.
const MAX_STRING: usize = 1024 * 1024;

fn check_document(doc: &Doc<'_>, ctx: &mut Ctx, scratch: &mut crate::refs::Scratch) {
    let dups: Vec<Value<'_, '_>> = doc.duplicate_members().collect();
    for dup in dups.iter().take(MAX_JSON_FINDINGS) {
        let name = dup.key().unwrap_or_default().into_owned();
        ctx.emit(rj::DUPLICATE_MEMBER, *dup, format!("The member `{name}` appears more than once in this object"));
    }
    if let Some(&last) = dups.get(MAX_JSON_FINDINGS) {
        let more = dups.len() - MAX_JSON_FINDINGS;
        ctx.emit(
            rj::DUPLICATE_MEMBER,
            last,
            format!("{more} more repeated members follow; only the first {MAX_JSON_FINDINGS} are listed"),
        );
    }
    scalars(doc, ctx);
    let root = doc.root();
    if !root.is_object() {
        ctx.emit(
            rj::NOT_A_RESOURCE,
            root,
            format!("The document is {}, not a FHIR resource object", root.kind().article_name()),
        );
        return;
    }
    let Some(rt) = root.get("resourceType") else {
        ctx.emit_missing(
            rj::NOT_A_RESOURCE,
            root,
            "resourceType",
            "The object has no `resourceType`, so it is not a FHIR resource",
        );
        return;
    };
    if !rt.str_is("Bundle") {
        let shown = rt.as_str().map(|s| format!("`{s}`")).unwrap_or_else(|| rt.kind().article_name().to_owned());
        ctx.emit(crate::rules::bundle::NOT_A_BUNDLE, rt, format!("The resource is a {shown}, not a Bundle"));
        return;
    }
    let ix = BundleIndex::build_reusing(root, scratch);
    if ctx.mode == Mode::Auto {
        ctx.mode = detect_mode(&ix);
    }
    // The rules of each entry run a block of entries at a time, every family over the block
    // before the next: a block's text, nodes and index rows are read from memory once and stay
    // in cache for the other families, where one pass per family over a bundle larger than the
    // caches (a 100,000-reference bundle is 16 MB of text and 22 MB of nodes) would read them
    // from memory once per family. Each family still sees its entries in order, and the findings
    // are sorted at the end, so the report is the same.
    codes::check(&ix, ctx);
    let head = bundle::check_head(&ix, ctx);
    let mut refs = references::Refs::new(&ix);
    let mut profiles = profiles::Profiles::new(&ix);
    for block in ix.entries().chunks(ENTRY_BLOCK) {
        for e in block {
            bundle::check_entry(e, &head, ctx);
        }
        refs.entries(&ix, block, ctx);
        for e in block {
            profiles.entry(e, ctx);
            codes::entry(e, ctx);
        }
    }
    refs.finish(&ix, ctx);
    bundle::check_tail(&ix, &head, ctx);
    let gd_checked = graph::check(&ix, ctx);
    profiles.finish(&ix, &gd_checked, ctx);
    bindings::check(&ix, ctx);
    narrative::check(doc, ctx);
    if ctx.mode == Mode::Order {
        order::check(&ix, ctx);
    }
    ix.recycle(scratch);
}

/// Entries whose rules run together (see [`check_document`]): a block of typical entries (some
/// 300 bytes of text, a dozen 32-byte nodes, a 144-byte index row and two 96-byte references
/// each) is about 200 KB, well inside a core's L2 cache.
const ENTRY_BLOCK: usize = 256;

/// Numbers FHIR cannot hold and strings over 1 MB, in one pass over the arena.
fn scalars(doc: &Doc<'_>, ctx: &mut Ctx) {
    let (mut numbers, mut strings) = (0usize, 0usize);
    let long = doc.strings_longer_than(MAX_STRING + 2);
    for v in doc.values_of_kind(crate::json::Kind::Number).chain(long) {
        match v.kind() {
            crate::json::Kind::Number => {
                let text = v.as_number_text().unwrap_or_default();
                let digits = text.split(['e', 'E']).next().unwrap_or_default();
                let significant = digits
                    .trim_start_matches('-')
                    .trim_start_matches(['0', '.'])
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .count();
                let finite = number::is_finite_f64(text);
                if (!finite || significant > 18) && numbers < MAX_JSON_FINDINGS {
                    numbers += 1;
                    let why =
                        if finite { "has more than 18 significant digits" } else { "is outside the range of a double" };
                    ctx.emit(rj::NUMBER_OUT_OF_RANGE, v, format!("The number `{text}` {why}"));
                }
            }
            crate::json::Kind::String => {
                let (s, e) = v.span();
                if e - s > MAX_STRING + 2 && v.key().as_deref() != Some("data") && strings < MAX_JSON_FINDINGS {
                    strings += 1;
                    ctx.emit(
                        rj::STRING_TOO_LONG,
                        v,
                        format!("The string is {} bytes long, over FHIR's 1 MB", e - s - 2),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Bundle types that are read, not submitted: auto mode inspects them.
const INSPECTED_TYPES: &[&str] = &["transaction-response", "searchset", "history", "document", "message"];

/// Decides the mode of a Bundle in auto mode. Responses, search results, notifications,
/// documents and messages are inspected. Anything else is taken as a submission, so a batch or
/// a Bundle without `type` still gets "must be a transaction": it is a result when it has a
/// DiagnosticReport that no entry references (the report is the focus, as in
/// Genomics-Test-Result) and no ServiceRequest that no entry references; otherwise an order.
pub fn detect_mode(ix: &BundleIndex<'_, '_>) -> Mode {
    if ix.bundle_type().is_some_and(|t| INSPECTED_TYPES.contains(&t.as_ref())) {
        return Mode::Inspect;
    }
    let unreferenced = |ty: &str| {
        ix.entries().iter().any(|e| e.resource_type.as_deref() == Some(ty) && ix.refs_to(e.index).next().is_none())
    };
    if unreferenced("DiagnosticReport") && !unreferenced("ServiceRequest") {
        Mode::Result
    } else {
        Mode::Order
    }
}

#[cfg(test)]
mod tests;
