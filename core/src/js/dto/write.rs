//! `{ valid, issues }` as JSON text, written by hand. Every check answers with it, and for a
//! small bundle turning the findings into JSON costs as much as a third of the validation in
//! Wasm: serde's serializer escapes a string a byte at a time and formats numbers through
//! `core::fmt`, where this copies runs of plain text at once. The output parses to the same
//! value as serde's (a test checks it), so `JSON.parse` gives the host the same objects.

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

impl Fields<'_> {
    fn write(&self, out: &mut String) {
        let texts = [
            ("{\"code\":", Some(self.code)),
            (",\"severity\":", Some(self.severity)),
            (",\"issueType\":", Some(self.issue_type)),
            (",\"message\":", Some(self.message)),
            (",\"help\":", Some(self.help)),
            (",\"expression\":", self.expression),
            (",\"pointer\":", self.pointer),
        ];
        for (name, text) in texts {
            out.push_str(name);
            opt_string(out, text);
        }
        for (name, n) in
            [",\"line\":", ",\"column\":", ",\"start\":", ",\"end\":", ",\"entry\":"].iter().zip(self.numbers)
        {
            out.push_str(name);
            match n {
                Some(n) => number(out, n),
                None => out.push_str("null"),
            }
        }
        out.push_str(",\"field\":");
        opt_string(out, self.field);
        out.push('}');
    }
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
    /// The result as JSON text, as `serde_json::to_string` writes it (same value, same key order).
    pub fn to_json(&self) -> String {
        let mut out = open(self.valid, self.issues.len());
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            issue.fields().write(&mut out);
        }
        out.push_str("]}");
        out
    }
}

/// `{ valid, issues }` of findings located in `src`, written straight from the findings (what
/// `ValidationResult::located(..).to_json()` gives, without copying every message first).
pub fn located_json(valid: bool, src: &str, diags: &[Diagnostic]) -> String {
    let ranges = super::utf16_ranges(src, diags);
    let mut out = open(valid, diags.len());
    for (i, (d, range)) in diags.iter().zip(ranges).enumerate() {
        if i > 0 {
            out.push(',');
        }
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
        .write(&mut out);
    }
    out.push_str("]}");
    out
}

fn open(valid: bool, n: usize) -> String {
    let mut out = String::with_capacity(32 + n * 400);
    out.push_str(if valid { "{\"valid\":true,\"issues\":[" } else { "{\"valid\":false,\"issues\":[" });
    out
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A JSON string: runs of characters that need no escape are copied at once, found eight bytes
/// at a time.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let b = s.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        if let Some(w) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            if !needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let c = b.get(i).copied().unwrap_or_default();
        i += 1;
        let esc = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(s.get(from..i - 1).unwrap_or_default());
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 15)]));
        } else {
            out.push_str(esc);
        }
        from = i;
    }
    out.push_str(s.get(from..).unwrap_or_default());
    out.push('"');
}

/// Whether any of eight bytes is a control character, `"` or `\\` (the zero-byte test of
/// "Bit Twiddling Hacks", exact for "any").
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    control | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) != 0
}

/// A number in decimal, without `core::fmt` (the JSON reader's formatter).
fn number(out: &mut String, n: u32) {
    let mut buf = [0u8; 20];
    out.push_str(crate::json::itoa(n as usize, &mut buf));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, Options};

    /// The hand-written JSON parses to what serde writes for the same result.
    fn check(result: &ValidationResult) {
        let want = serde_json::to_value(result).unwrap();
        let got: serde_json::Value = serde_json::from_str(&result.to_json()).unwrap();
        assert_eq!(got, want);
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
    fn written_json_parses_to_what_serde_writes() {
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
    fn eight_byte_test_finds_every_byte_that_needs_an_escape() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut w = *b"plain\xc3\xa9!";
                w[at] = byte;
                let want = byte < 0x20 || byte == b'"' || byte == b'\\';
                assert_eq!(needs_escape(u64::from_le_bytes(w)), want, "{byte} at {at}");
            }
        }
    }

    #[test]
    fn located_json_is_the_located_result() {
        let src = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"é\":1}}]}";
        for src in [src, "[", "", "{\"resourceType\":\"Patient\"}"] {
            let report = validate(src, &Options::default());
            let want = ValidationResult::located(&report, src);
            let got: serde_json::Value =
                serde_json::from_str(&located_json(!report.has_errors(), src, &report.diagnostics)).unwrap();
            assert_eq!(got, serde_json::to_value(&want).unwrap(), "{src}");
            assert!(!want.issues.is_empty(), "{src}");
        }
    }
}
