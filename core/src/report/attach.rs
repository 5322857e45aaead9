//! The documents attached to a report (`presentedForm`): GOMS sends the signed-off PDF here.
//!
//! The portal hands `data` to the browser as a `data:` or blob URL and `url` to a link, so both
//! are checked first: data must be base64, and a URL must be `https:`/`http:` or a Binary
//! reference (never `javascript:` or `data:`).

use super::read::{member, text};
use super::{AttachmentView, V};
use crate::diag::Diagnostic;
use crate::rules::report as r;

/// The decoded length of base64 text (whitespace ignored), or the byte offset of the first
/// character that breaks it.
pub(super) fn base64_len(s: &str) -> Result<u64, usize> {
    let mut count = 0u64;
    let mut pad = 0u64;
    let mut last = s.len();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' if pad == 0 => count += 1,
            b'=' if pad < 2 => {
                pad += 1;
                count += 1;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => return Err(i),
        }
        last = i;
    }
    if count % 4 != 0 {
        return Err(last);
    }
    Ok(count / 4 * 3 - pad)
}

/// A URL the portal may link to: `https:`/`http:`, or a reference to a Binary resource.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (url.starts_with("Binary/") && url.len() > 7 && !url.contains(':'))
        || lower.starts_with("urn:uuid:")
}

pub(super) fn read(dr: V<'_, '_>, problems: &mut Vec<Diagnostic>) -> Vec<AttachmentView> {
    let Some(forms) = dr.get("presentedForm") else {
        let msg = "The report has no `presentedForm` (the PDF report)";
        problems.push(Diagnostic::new(r::NO_PRESENTED_FORM, msg).at_missing(dr, "presentedForm"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in forms.items().filter(|a| a.is_object()) {
        let mut view = AttachmentView {
            content_type: member(a, "contentType"),
            title: member(a, "title"),
            language: member(a, "language"),
            creation: member(a, "creation"),
            size: a
                .get("size")
                .and_then(|s| s.as_number_text().and_then(|n| n.parse().ok()).or_else(|| text(Some(s))?.parse().ok())),
            ..AttachmentView::default()
        };
        if let Some(d) = a.get("data") {
            let raw = d.as_str().unwrap_or_default();
            match base64_len(&raw) {
                Ok(n) => {
                    view.data_size = Some(n);
                    view.data = Some(raw.chars().filter(|c| !c.is_ascii_whitespace()).collect());
                }
                Err(at) => {
                    let msg = format!("`data` is not base64 (from character {at} on)");
                    problems.push(Diagnostic::new(r::ATTACHMENT_DATA, msg).at(d));
                }
            }
            if let (Some(declared), Some(actual)) = (view.size, view.data_size) {
                if declared != actual {
                    let msg = format!("`size` says {declared} bytes, the data has {actual}");
                    problems.push(Diagnostic::new(r::ATTACHMENT_SIZE, msg).at(d));
                }
            }
        }
        if let Some(u) = a.get("url") {
            match text(Some(u)) {
                Some(url) if safe_url(&url) => view.url = Some(url),
                Some(url) => {
                    let shown: String = url.chars().take(40).collect();
                    problems.push(Diagnostic::new(r::ATTACHMENT_URL, format!("The URL `{shown}` is not shown")).at(u));
                }
                None => {}
            }
        }
        out.push(view);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_len("JVBERi0xLjQ="), Ok(8));
        assert_eq!(base64_len("JVBE\nRi0x"), Ok(6));
        assert_eq!(base64_len("TQ=="), Ok(1));
        assert_eq!(base64_len(""), Ok(0));
        assert_eq!(base64_len("TQ=a"), Err(3));
        assert_eq!(base64_len("T!=="), Err(1));
        assert_eq!(base64_len("TQ="), Err(2));
        assert_eq!(base64_len("TQ==="), Err(4));
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://lab.nhs.uk/r.pdf") && safe_url("HTTP://x") && safe_url("Binary/123"));
        assert!(!safe_url("javascript:alert(1)") && !safe_url("data:application/pdf;base64,JVBE"));
        assert!(!safe_url("Binary/javascript:x") && !safe_url("//evil.example/x"));
    }
}
