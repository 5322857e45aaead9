//! Character references in narrative text and attribute values.
//!
//! Only XML's five predefined entities and numeric references are decoded. HTML's named entities
//! (`&Tab;`, `&colon;` …) are undefined in XML, and a browser would decode them, so treating them
//! as errors is what keeps `java&Tab;script:` from passing as an ordinary link.

use super::lexer::Span;

/// Why a reference could not be decoded, at its byte range in the div string.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum EntityError {
    /// `&` without a well-formed reference after it (no `;`, bad digits …).
    Malformed(Span),
    /// A numeric reference to a character XML does not allow (NUL, a surrogate, beyond U+10FFFF …).
    BadChar(Span),
    /// A named reference other than lt, gt, amp, quot and apos.
    Undefined(String, Span),
}

/// Characters XML 1.0 allows in a document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Decodes `raw` (found at byte offset `base` of the div string). Undecodable references are
/// reported and kept as written, so text shown to a reader loses nothing.
pub(crate) fn decode(raw: &str, base: usize, errors: &mut Vec<EntityError>) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut offset = base;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let start = offset + amp;
        // A reference is short; a `;` further away than this means a bare `&`.
        let semi = after.bytes().take(40).position(|b| b == b';');
        let consumed = match semi {
            None => {
                errors.push(EntityError::Malformed((start, start + 1)));
                out.push('&');
                1
            }
            Some(semi) => {
                let body = after.get(..semi).unwrap_or("");
                let span = (start, start + semi + 2);
                match reference(body) {
                    Ok(c) => out.push(c),
                    Err(bad) => {
                        out.push('&');
                        out.push_str(body);
                        out.push(';');
                        errors.push(match bad {
                            Bad::Malformed => EntityError::Malformed(span),
                            Bad::Char => EntityError::BadChar(span),
                            Bad::Undefined => EntityError::Undefined(body.to_owned(), span),
                        });
                    }
                }
                semi + 2
            }
        };
        let next = (amp + consumed).min(rest.len());
        rest = rest.get(next..).unwrap_or("");
        offset += next;
    }
    out.push_str(rest);
    out
}

enum Bad {
    Malformed,
    Char,
    Undefined,
}

fn reference(body: &str) -> Result<char, Bad> {
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_digit(radix)) {
            return Err(Bad::Malformed);
        }
        let n = u32::from_str_radix(digits, radix).map_err(|_| Bad::Malformed)?;
        return char::from_u32(n).filter(|c| is_xml_char(*c)).ok_or(Bad::Char);
    }
    match body {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        _ if !body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric()) => Err(Bad::Undefined),
        _ => Err(Bad::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expected: &str, expected_errors: &[EntityError]) {
        let mut errors = Vec::new();
        assert_eq!(decode(raw, 10, &mut errors), expected, "{raw}");
        assert_eq!(errors, expected_errors, "{raw}");
    }

    #[test]
    fn decodes_xml_and_numeric_references() {
        check("a &lt;b&gt; &amp; &quot;&apos;", "a <b> & \"'", &[]);
        check("&#106;&#x61;&#X;", "ja&#X;", &[EntityError::Malformed((22, 26))]);
        check("caf&#233; &#x1F600;", "café 😀", &[]);
    }

    #[test]
    fn reports_bad_references_with_spans() {
        check("a & b", "a & b", &[EntityError::Malformed((12, 13))]);
        check("&nbsp;x", "&nbsp;x", &[EntityError::Undefined("nbsp".into(), (10, 16))]);
        check(
            "&#0;&#xD800;&#x110000;",
            "&#0;&#xD800;&#x110000;",
            &[EntityError::BadChar((10, 14)), EntityError::BadChar((14, 22)), EntityError::BadChar((22, 32))],
        );
        check("&#0000106", "&#0000106", &[EntityError::Malformed((10, 11))]);
        check("&Tab;", "&Tab;", &[EntityError::Undefined("Tab".into(), (10, 15))]);
    }
}
