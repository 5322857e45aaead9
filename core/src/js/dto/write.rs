//! `{ valid, issues }` packed for `boundary.js`, which builds the JS objects. Every check answers
//! with it, and for a small bundle the answer cost as much as a quarter of the call in Wasm when
//! it crossed as JSON: writing the text with its escapes, then V8's `JSON.parse` of it (6 µs of
//! a 43 µs call for the bench bundle, where building the same objects from slices of one string
//! takes 0.7 µs). Packed, the findings cross as one string, every text field of every issue end
//! to end (decoded once by the engine's `TextDecoder`), and a `u32` array read in place from the
//! Wasm memory: per issue, which fields are present, where each text field ends in the string
//! (UTF-16 units, as `String.prototype.slice` counts), and the numbers. A test unpacks it here
//! and compares it with serde's JSON of the same result, so the host gets the same objects.

use super::{Issue, ValidationResult};
use crate::diag::Diagnostic;

/// The fields of one issue, borrowed from an [`Issue`] or straight from a [`Diagnostic`].
struct Fields<'a> {
    code: &'a str,
    severity: &'a str,
    issue_type: &'a str,
    message: &'a str,
    help: &'a str,
    expression: Option<&'a str>,
    pointer: Option<&'a str>,
    /// line, column, start, end, entry
    numbers: [Option<u32>; 5],
    field: Option<&'a str>,
}

/// `u32`s per issue in [`Packed::nums`]: the presence mask, the ends of the eight text fields
/// (code, severity, issueType, message, help, expression, pointer, field), then line, column,
/// start, end and entry. Mask bit `k` is text field `k`, bit `8 + k` number `k`; an absent
/// field's end repeats the previous end and an absent number is 0. `boundary.js` reads this
/// layout: change both together.
pub const WORDS: usize = 14;

/// The packed form of `{ valid, issues }` (see the module's doc).
#[derive(Debug, Default)]
pub struct Packed {
    pub valid: bool,
    pub text: String,
    pub nums: Vec<u32>,
    /// The length of `text` in UTF-16 units.
    units: u32,
}

impl Packed {
    fn new(valid: bool, issues: usize, text_bytes: usize) -> Packed {
        Packed { valid, text: String::with_capacity(text_bytes), nums: Vec::with_capacity(issues * WORDS), units: 0 }
    }
}

impl Fields<'_> {
    fn pack(&self, out: &mut Packed) {
        let texts = [
            Some(self.code),
            Some(self.severity),
            Some(self.issue_type),
            Some(self.message),
            Some(self.help),
            self.expression,
            self.pointer,
            self.field,
        ];
        let mut mask = 0u32;
        let at = out.nums.len();
        out.nums.push(0);
        for (bit, text) in texts.into_iter().enumerate() {
            if let Some(t) = text {
                mask |= 1 << bit;
                out.text.push_str(t);
                out.units = out.units.saturating_add(utf16_len(t));
            }
            out.nums.push(out.units);
        }
        for (bit, n) in self.numbers.into_iter().enumerate() {
            if n.is_some() {
                mask |= 1 << (8 + bit);
            }
            out.nums.push(n.unwrap_or(0));
        }
        if let Some(m) = out.nums.get_mut(at) {
            *m = mask;
        }
    }
}

/// The length of `s` in UTF-16 units.
fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        return s.len() as u32;
    }
    super::utf16_units(s.as_bytes())
}

impl Issue {
    fn fields(&self) -> Fields<'_> {
        Fields {
            code: self.code,
            severity: self.severity,
            issue_type: self.issue_type,
            message: &self.message,
            help: &self.help,
            expression: self.expression.as_deref(),
            pointer: self.pointer.as_deref(),
            numbers: [self.line, self.column, self.start, self.end, self.entry],
            field: self.field.as_deref(),
        }
    }
}

impl ValidationResult {
    /// The result packed for `boundary.js`.
    pub fn pack(&self) -> Packed {
        let bytes = self.issues.iter().map(|i| i.message.len() + i.help.len() + 64).sum();
        let mut out = Packed::new(self.valid, self.issues.len(), bytes);
        for issue in &self.issues {
            issue.fields().pack(&mut out);
        }
        out
    }
}

/// `{ valid, issues }` of findings located in `src`, packed straight from the findings (what
/// `ValidationResult::located(..).pack()` gives, without copying every message first).
pub fn located_packed(valid: bool, src: &str, diags: &[Diagnostic]) -> Packed {
    let ranges = super::utf16_ranges(src, diags);
    let bytes = diags.iter().map(|d| d.message.len() + d.help.len() + 64).sum();
    let mut out = Packed::new(valid, diags.len(), bytes);
    for (d, range) in diags.iter().zip(ranges) {
        Fields {
            code: d.code,
            severity: d.severity.as_str(),
            issue_type: d.issue_type.as_str(),
            message: &d.message,
            help: &d.help,
            expression: d.expression.as_deref(),
            pointer: d.pointer.as_deref(),
            numbers: [d.line, d.column, range.map(|r| r.0), range.map(|r| r.1), d.entry],
            field: None,
        }
        .pack(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, Options};
    use serde_json::{json, Value as J};

    /// What `boundary.js` builds from a packed result, built here as JSON.
    fn unpack(p: &Packed) -> J {
        const TEXTS: [&str; 8] = ["code", "severity", "issueType", "message", "help", "expression", "pointer", "field"];
        const NUMBERS: [&str; 5] = ["line", "column", "start", "end", "entry"];
        let units: Vec<u16> = p.text.encode_utf16().collect();
        assert_eq!(p.nums.len() % WORDS, 0);
        let mut at = 0usize;
        let issues: Vec<J> = p
            .nums
            .chunks(WORDS)
            .map(|w| {
                let mut o = serde_json::Map::new();
                for (k, name) in TEXTS.iter().enumerate() {
                    let end = w[1 + k] as usize;
                    let v = (w[0] & (1 << k) != 0).then(|| String::from_utf16(&units[at..end]).unwrap());
                    assert!(v.is_some() || end == at, "an absent field takes no text");
                    o.insert((*name).to_owned(), v.map_or(J::Null, J::from));
                    at = end;
                }
                for (k, name) in NUMBERS.iter().enumerate() {
                    let v = w[0] & (1 << (8 + k)) != 0;
                    assert!(v || w[9 + k] == 0);
                    o.insert((*name).to_owned(), if v { J::from(w[9 + k]) } else { J::Null });
                }
                J::Object(o)
            })
            .collect();
        assert_eq!(at, units.len(), "the ends cover the whole text");
        json!({"valid": p.valid, "issues": issues})
    }

    /// The packed result unpacks to what serde writes for the same result.
    fn check(result: &ValidationResult) {
        assert_eq!(unpack(&result.pack()), serde_json::to_value(result).unwrap());
    }

    fn issue(message: &str, n: Option<u32>) -> Issue {
        Issue {
            code: "GOM-X-001",
            severity: "error",
            issue_type: "invalid",
            message: message.to_owned(),
            help: "Fix \"it\".".to_owned(),
            expression: Some("Bundle.entry[0]".to_owned()),
            pointer: None,
            line: n,
            column: n.map(|n| n.saturating_sub(1)),
            start: n,
            end: None,
            entry: Some(0),
            field: Some("patient.nhsNumber".to_owned()),
        }
    }

    #[test]
    fn packed_result_unpacks_to_what_serde_writes() {
        for (message, n) in [
            ("plain", Some(0)),
            ("", Some(u32::MAX)),
            ("quotes \" and \\ backslashes \u{7f}", Some(10)),
            ("controls \n\r\t\u{8}\u{c}\u{0}\u{1f} end", None),
            ("non-ASCII: é € 𝄞 \u{2028} \u{feff}", Some(1_000_000_007)),
            ("long runs of plain text, then a \"quote\" and then\u{1}\u{1f} more plain text ü\\", Some(3)),
        ] {
            check(&ValidationResult::from_issues(vec![issue(message, n), issue(message, None)]));
        }
        check(&ValidationResult::from_issues(vec![]));
    }

    #[test]
    fn utf16_len_counts_surrogate_pairs() {
        for s in ["", "plain", "é", "a€𝄞b", "𝄞𝄞", "ü\n𝄞x€"] {
            assert_eq!(utf16_len(s) as usize, s.encode_utf16().count(), "{s}");
        }
    }

    #[test]
    fn located_packed_is_the_located_result() {
        let src = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"é\":1}}]}";
        for src in [src, "[", "", "{\"resourceType\":\"Patient\"}"] {
            let report = validate(src, &Options::default());
            let want = ValidationResult::located(&report, src);
            let got = unpack(&located_packed(!report.has_errors(), src, &report.diagnostics));
            assert_eq!(got, serde_json::to_value(&want).unwrap(), "{src}");
            assert!(!want.issues.is_empty(), "{src}");
        }
    }
}
