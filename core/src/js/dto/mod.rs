//! Boundary types: what JS receives and sends, converted from and to the core's types.
//!
//! Every output is plain JSON data (camelCase, `null` where a value is absent) so that it crosses
//! into JS with one `JSON.parse` and reads the same in Node, a browser and the native parity run.
//! Options are read strictly: an unknown or mistyped option is refused, because a silently
//! ignored typo (`strickt: true`) would give an EPR verdicts under rules it did not ask for.

mod compose;
mod criteria;
mod graph;
mod options;
mod report;
mod workflow;
mod write;

pub use crate::compose::read_draft;
pub use compose::{ComposeOptions, ComposeResult, DraftOptions};
pub use criteria::{CriteriaOptions, Evaluation, EventCheck, EventOptions};
pub use graph::{Graph, SvgOptions};
pub use options::{mode_name, read, ReadOptions};
pub use report::ReportView;
pub use workflow::{
    CascadeOptions, CascadePlan, StatusView, TaskUpdate, TransitionOptions, TransitionResult, UpdateOptions,
};
pub use write::{located_packed, Packed, WORDS};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Report};
use crate::validate::{Mode, Options};

/// One finding, as an EPR shows it beside a field or a line of text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub code: &'static str,
    pub severity: &'static str,
    pub issue_type: &'static str,
    pub message: String,
    pub help: String,
    pub expression: Option<String>,
    pub pointer: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// UTF-16 offsets in the text given, as `String.prototype.slice` and `setSelectionRange` count.
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub entry: Option<u32>,
    /// The draft field the finding belongs to (`patient.nhsNumber`), for composed orders.
    pub field: Option<String>,
}

impl From<&Diagnostic> for Issue {
    fn from(d: &Diagnostic) -> Issue {
        Issue {
            code: d.code,
            severity: d.severity.as_str(),
            issue_type: d.issue_type.as_str(),
            message: d.message.clone(),
            help: d.help.to_string(),
            expression: d.expression.clone(),
            pointer: d.pointer.clone(),
            line: d.line,
            column: d.column,
            start: None,
            end: None,
            entry: d.entry,
            field: None,
        }
    }
}

/// The issues of findings located in `src`, with their byte spans turned into UTF-16 offsets.
pub fn issues_in(src: &str, diags: &[Diagnostic]) -> Vec<Issue> {
    let ranges = utf16_ranges(src, diags);
    diags.iter().zip(ranges).map(|(d, r)| located(d, r)).collect()
}

/// The UTF-16 range in `src` of each finding's byte span, in one pass.
pub fn utf16_ranges(src: &str, diags: &[Diagnostic]) -> Vec<Option<(u32, u32)>> {
    let mut bytes = Vec::with_capacity(diags.len() * 2);
    for d in diags {
        if let Some((s, e)) = d.span {
            bytes.push(s as usize);
            bytes.push(e as usize);
        }
    }
    let mut units = utf16_offsets(src, &bytes).into_iter();
    diags.iter().map(|d| d.span.and_then(|_| Some((units.next()?, units.next()?)))).collect()
}

/// The issue of a finding whose UTF-16 range is known.
pub fn located(d: &Diagnostic, range: Option<(u32, u32)>) -> Issue {
    let mut i = Issue::from(d);
    if let Some((s, e)) = range {
        i.start = Some(s);
        i.end = Some(e);
    }
    i
}

/// The issues of findings without a text position worth converting.
pub fn issues(diags: &[Diagnostic]) -> Vec<Issue> {
    diags.iter().map(Issue::from).collect()
}

/// UTF-16 offsets of byte offsets in `src`, in one pass over the bytes whatever their order.
/// Spans lie on character boundaries; offsets past the end clamp to the end. Counting bytes (a
/// UTF-16 unit per lead byte, two for a 4-byte character) rather than decoding characters keeps
/// this cheap beside the validation itself.
pub fn utf16_offsets(src: &str, bytes: &[usize]) -> Vec<u32> {
    let b = src.as_bytes();
    if src.is_ascii() {
        return bytes.iter().map(|&x| x.min(b.len()) as u32).collect();
    }
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| bytes.get(i).copied().unwrap_or(0));
    let mut out = vec![0u32; bytes.len()];
    let (mut at, mut units) = (0usize, 0u32);
    for i in order {
        let target = bytes.get(i).copied().unwrap_or(0).min(b.len());
        units += utf16_units(b.get(at..target).unwrap_or_default());
        at = at.max(target);
        if let Some(slot) = out.get_mut(i) {
            *slot = units;
        }
    }
    out
}

/// UTF-16 units of UTF-8 text cut on character boundaries: one per lead byte, two for a 4-byte
/// character.
pub(crate) fn utf16_units(utf8: &[u8]) -> u32 {
    utf8.iter().map(|&c| u32::from(c & 0xC0 != 0x80) + u32::from(c >= 0xF0)).sum()
}

/// `{ valid, issues }`: the answer of every check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidationResult {
    pub valid: bool,
    pub issues: Vec<Issue>,
}

impl ValidationResult {
    /// The result of a report whose findings are located in `src`.
    pub fn located(report: &Report, src: &str) -> ValidationResult {
        ValidationResult { valid: !report.has_errors(), issues: issues_in(src, &report.diagnostics) }
    }

    pub fn from_issues(issues: Vec<Issue>) -> ValidationResult {
        ValidationResult { valid: !issues.iter().any(|i| matches!(i.severity, "fatal" | "error")), issues }
    }
}

/// `new Validator(options)`: what the document is expected to be, and how strict to be.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ValidateOptions {
    pub mode: Mode,
    pub strict: bool,
}

impl From<ValidateOptions> for Options {
    fn from(o: ValidateOptions) -> Options {
        Options { mode: o.mode, strict: o.strict }
    }
}

/// Options read by serde from JSON text, as the types' derived `Deserialize` reads them: the
/// reference the hand reader the Wasm uses ([`read`], `options.rs`) is tested against.
#[cfg(test)]
pub fn read_options<T: Default + for<'de> Deserialize<'de>>(json: Option<&str>) -> Result<T, String> {
    match json.map(str::trim) {
        None | Some("") | Some("null") => Ok(T::default()),
        Some(text) => serde_json::from_str(text).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or_default();
            format!("invalid options: {msg}")
        }),
    }
}

/// The instant options (`now`, `lastUpdated`) must be RFC 3339 with a time and zone, as FHIR's
/// `instant` is.
pub fn check_instant(name: &str, value: Option<&str>) -> Result<(), String> {
    match value {
        Some(v) if !crate::events::is_rfc3339(v) => {
            Err(format!("invalid options: `{name}` must be an RFC 3339 date-time such as 2026-03-02T10:00:00Z"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs_and_clamp() {
        let src = "a€𝄞b";
        // bytes: a=0, €=1..4, 𝄞=4..8, b=8..9
        assert_eq!(utf16_offsets(src, &[9, 0, 4, 8, 1, 100]), vec![5, 0, 2, 4, 1, 5]);
        assert_eq!(utf16_offsets("", &[0, 3]), vec![0, 0]);
        assert_eq!(utf16_offsets("abc", &[2, 0, 9]), vec![2, 0, 3]);
        for text in ["a€𝄞b", "ü\n𝄞x€", "plain"] {
            let every: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let want: Vec<u32> = every.iter().map(|&i| text[..i].encode_utf16().count() as u32).collect();
            assert_eq!(utf16_offsets(text, &every), want, "{text}");
        }
    }

    #[test]
    fn options_are_read_strictly() {
        let o: ValidateOptions = read_options(Some(r#"{"mode":"order","strict":true}"#)).unwrap();
        assert_eq!((o.mode, o.strict), (Mode::Order, true));
        let d: ValidateOptions = read_options(None).unwrap();
        assert_eq!((d.mode, d.strict), (Mode::Auto, false));
        for (bad, want) in [
            (r#"{"strickt":true}"#, "invalid options: unknown field `strickt`, expected `mode` or `strict`"),
            (
                r#"{"mode":"sideways"}"#,
                "invalid options: unknown variant `sideways`, expected one of `auto`, `order`, `result`, `inspect`",
            ),
            (r#"{"strict":"yes"}"#, "invalid options: invalid type: string \"yes\", expected a boolean"),
            (r#""strict""#, "invalid options: invalid type: string \"strict\", expected struct ValidateOptions"),
        ] {
            assert_eq!(read_options::<ValidateOptions>(Some(bad)).map(|_| ()), Err(want.to_owned()), "{bad}");
        }
    }

    #[test]
    fn instants_must_have_a_time_and_zone() {
        assert!(check_instant("now", Some("2026-03-02T10:00:00Z")).is_ok());
        assert!(check_instant("now", None).is_ok());
        assert!(check_instant("now", Some("2026-03-02")).is_err());
    }
}
