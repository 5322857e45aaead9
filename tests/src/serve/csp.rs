//! The Content-Security-Policy of every page the server sends (issue 9 item 4).
//!
//! Pages may load scripts, styles, fonts and images only from their own origin, and call only
//! their own origin and the configured FHIR base. Trunk's loader is an inline module script, so
//! instead of `'unsafe-inline'` the policy allows exactly the inline scripts of the HTML file
//! being served, by their SHA-256 hashes: a script injected later (through the DOM, or by a
//! renderer that let markup through) has no hash in the policy and the browser refuses it.
//! `'wasm-unsafe-eval'` lets the page compile its Wasm; it does not allow `eval` of JS.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for a response: `html` is the page's text when the response is an HTML page.
pub fn content_security_policy(html: Option<&str>, fhir_base: Option<&str>) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in html.map(inline_script_hashes).unwrap_or_default() {
        script_src.push_str(" '");
        script_src.push_str(&h);
        script_src.push('\'');
    }
    let mut connect_src = String::from("'self'");
    if let Some(base) = fhir_base {
        connect_src.push(' ');
        connect_src.push_str(base);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src {connect_src}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// `sha256-<base64>` of the text of every inline `<script>` (one without `src`), in order.
/// Browsers hash exactly the characters between `<script …>` and `</script>`, UTF-8 encoded.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = lower.get(at..).and_then(|s| s.find("<script")) {
        let open = at + found;
        // `<scripts>` or `<script-x>` is another element.
        let after = lower.as_bytes().get(open + 7).copied();
        if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')) {
            at = open + 7;
            continue;
        }
        let Some(tag_end) = tag_end(&lower, open + 7) else { break };
        let attrs = &lower[open + 7..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = lower.get(body_start..).and_then(|s| s.find("</script")) else { break };
        let body_end = body_start + close;
        if !has_src(attrs) {
            let body = html.get(body_start..body_end).unwrap_or_default();
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        at = body_end + 8;
    }
    out
}

/// The index of the `>` that ends a start tag, skipping quoted attribute values.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.get(from..)?.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// Whether lower-cased attribute text has a `src` attribute (not `data-src`, not inside a value).
fn has_src(attrs: &str) -> bool {
    let mut quote = None;
    let mut prev = ' ';
    let b = attrs.as_bytes();
    for (i, c) in attrs.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, 's') if prev.is_ascii_whitespace() || prev == '/' => {
                let rest = &b[i..];
                if rest.starts_with(b"src")
                    && matches!(rest.get(3), Some(b'=' | b' ' | b'\t' | b'\n' | b'/' | b'>') | None)
                {
                    return true;
                }
            }
            _ => {}
        }
        prev = c;
    }
    false
}

/// Checks a `--fhir-base` value: an http(s) URL without anything that could end the CSP source
/// expression or the header (quotes, `;`, `,`, whitespace, control characters). Returns the
/// value as the policy will name it.
pub fn check_fhir_base(url: &str) -> Result<String, String> {
    let bad = || {
        format!("--fhir-base takes an http:// or https:// URL such as https://fhir.example.nhs.uk/FHIR/R4, not `{url}`")
    };
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(bad)?;
    let host = rest.split('/').next().unwrap_or_default();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/%[]".contains(c);
    if host.is_empty() || !url.chars().all(allowed) || url.contains('?') {
        return Err(bad());
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(s: &str) -> String {
        format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes())))
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<html><head>
<script src="/a.js"></script>
<SCRIPT type="module">import init from '/x.js'; init("</scr" + "ipt>");</SCRIPT>
<script data-src="x" data-note='a > b'>window.a = 1;</script>
<scripts>not a script</scripts>
<script
  src=/b.js></script>
</head></html>"#;
        assert_eq!(
            inline_script_hashes(html),
            vec![sha(r#"import init from '/x.js'; init("</scr" + "ipt>");"#), sha("window.a = 1;")]
        );
    }

    #[test]
    fn a_known_script_has_its_known_hash() {
        // As Chromium reports it for `<script>alert('Hello, world.');</script>` (CSP3 examples).
        assert_eq!(
            inline_script_hashes("<script>alert('Hello, world.');</script>"),
            vec!["sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=".to_owned()]
        );
    }

    #[test]
    fn unterminated_and_empty_markup_is_safe() {
        assert_eq!(inline_script_hashes("<script>never closed"), Vec::<String>::new());
        assert_eq!(inline_script_hashes("<script"), Vec::<String>::new());
        assert_eq!(inline_script_hashes(""), Vec::<String>::new());
        assert_eq!(inline_script_hashes("<script></script>"), vec![sha("")]);
    }

    #[test]
    fn the_policy_never_allows_unsafe_inline_and_names_the_fhir_base() {
        let p = content_security_policy(Some("<script>x()</script>"), Some("https://fhir.example.nhs.uk/FHIR/R4"));
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"), "{p}");
        assert!(p.contains(&format!("script-src 'self' 'wasm-unsafe-eval' '{}';", sha("x()"))), "{p}");
        assert!(p.contains("connect-src 'self' https://fhir.example.nhs.uk/FHIR/R4;"), "{p}");
        let plain = content_security_policy(None, None);
        assert!(plain.contains("script-src 'self' 'wasm-unsafe-eval';") && plain.contains("connect-src 'self';"));
    }

    #[test]
    fn fhir_base_values_that_could_break_the_header_are_refused() {
        assert!(check_fhir_base("https://fhir.example.nhs.uk/FHIR/R4").is_ok());
        assert!(check_fhir_base("http://127.0.0.1:8081").is_ok());
        for bad in [
            "fhir.example.nhs.uk",
            "https://",
            "https://a b",
            "https://a;script-src *",
            "https://a' 'unsafe-inline",
            "https://a,b",
            "https://a\r\nX: y",
            "javascript:alert(1)",
            "https://a/?q=1",
        ] {
            assert!(check_fhir_base(bad).is_err(), "{bad}");
        }
    }
}
