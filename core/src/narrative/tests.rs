use super::*;

const OPEN: &str = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";

/// `CODE@start..end` per finding, plus the verdict: what fired where.
fn check_div(div: &str, expected: &[&str], safe: bool) {
    let n = check(div);
    let got: Vec<String> = n.findings.iter().map(|f| format!("{}@{}..{}", f.code, f.start, f.end)).collect();
    assert_eq!(got, expected, "{div}");
    assert_eq!(n.is_safe(), safe, "{div}");
}

/// Wraps `inner` in the root div; positions in `expected` are relative to `inner`.
fn check_inner(inner: &str, expected: &[&str], safe: bool) {
    let div = format!("{OPEN}{inner}</div>");
    let shift = |s: &&str| -> String {
        let (code, range) = s.split_once('@').unwrap_or((s, "0..0"));
        if range == "all" {
            return format!("{code}@0..{}", div.len());
        }
        let (a, b) = range.split_once("..").unwrap_or(("0", "0"));
        let a: usize = a.parse().unwrap_or(0);
        let b: usize = b.parse().unwrap_or(0);
        format!("{code}@{}..{}", a + OPEN.len(), b + OPEN.len())
    };
    let shifted: Vec<String> = expected.iter().map(shift).collect();
    let refs: Vec<&str> = shifted.iter().map(String::as_str).collect();
    check_div(&div, &refs, safe);
}

#[test]
fn a_plain_narrative_is_safe() {
    check_inner("<p>Generated: <b>final</b> report</p>", &[], true);
    check_inner(
        "<table class=\"grid\"><tr><th colspan=\"2\">Variant</th></tr><tr><td style=\"color: red\">BRCA1</td></tr></table>",
        &[],
        true,
    );
    check_inner(
        "<a href=\"https://www.nhs.uk/\" name=\"x\">NHS</a><img src=\"data:image/png;base64,iVBO\" alt=\"\"/>",
        &[],
        true,
    );
    check_inner("<!-- note --><p>x &#160; &lt;y&gt;</p>", &[], true);
}

#[test]
fn root_and_content_rules() {
    check_div("", &["GOM-TXT-002@0..0", "GOM-TXT-003@0..0"], false);
    check_div("<div>Hi</div>", &["GOM-TXT-002@0..5"], false);
    check_div("<p xmlns=\"http://www.w3.org/1999/xhtml\">Hi</p>", &["GOM-TXT-002@0..40"], false);
    check_div("<div xmlns=\"http://example.org\">Hi</div>", &["GOM-TXT-002@5..31"], false);
    check_div(&format!("{OPEN} \n </div>"), &["GOM-TXT-003@0..51"], false);
    check_div(&format!("{OPEN}x</div>y"), &["GOM-TXT-002@49..50"], false);
    check_div(&format!("{OPEN}x</div><div/>"), &["GOM-TXT-002@49..55"], false);
    check_inner("<img src=\"#a\"/>", &[], true);
}

#[test]
fn not_well_formed() {
    check_inner("<p>x", &["GOM-TXT-001@0..3"], false);
    check_inner("<p>x</b></p>", &["GOM-TXT-001@4..8"], false);
    check_inner("<b><i>x</b>", &["GOM-TXT-001@3..6"], false);
    check_inner("<p class=\"a\" class=\"b\">x</p>", &["GOM-TXT-001@13..22"], false);
    check_inner("a & b", &["GOM-TXT-001@2..3"], false);
    check_inner("a\u{0}b", &["GOM-TXT-001@1..2"], false);
    check_inner("<!-- a -- b -->x", &["GOM-TXT-001@0..15"], false);
}

#[test]
fn scripts_and_handlers_are_errors() {
    check_inner("<script>alert(1)</script>", &["GOM-TXT-004@0..8"], false);
    check_inner("<SCRIPT>x</SCRIPT>", &["GOM-TXT-004@0..8"], false);
    check_inner("<img src=\"x.png\" onerror=\"alert(1)\"/>", &["GOM-TXT-005@17..35"], false);
    check_inner("<p ONCLICK=\"x()\">y</p>", &["GOM-TXT-005@3..16"], false);
    check_inner("<a href=\"javascript:alert(1)\">x</a>", &["GOM-TXT-009@9..28"], false);
    check_inner("<a href=\"&#106;avascript:alert(1)\">x</a>", &["GOM-TXT-009@9..33"], false);
    check_inner("<a href=\"java&#x09;script:alert(1)\">x</a>", &["GOM-TXT-009@9..34"], false);
    check_inner("<a href=\"java&Tab;script:alert(1)\">x</a>", &["GOM-TXT-014@13..18"], false);
    check_inner(
        "<iframe src=\"https://x\"></iframe>",
        &["GOM-TXT-003@all", "GOM-TXT-006@0..24", "GOM-TXT-011@8..23"],
        false,
    );
    check_inner(
        "<form><input name=\"q\"/></form>x",
        &["GOM-TXT-007@0..6", "GOM-TXT-007@6..23", "GOM-TXT-011@13..21"],
        false,
    );
    check_inner("<object data=\"x.swf\"></object>x", &["GOM-TXT-008@0..21", "GOM-TXT-011@8..20"], false);
    check_inner("<svg onload=\"alert(1)\"/>x", &["GOM-TXT-010@0..24", "GOM-TXT-005@5..22"], false);
    check_inner("<![CDATA[<img src=x onerror=alert(1)>]]>x", &["GOM-TXT-013@0..40"], false);
    check_inner("<!--><img src=x onerror=alert(1)>-->x", &["GOM-TXT-013@0..36"], false);
    check_inner("<p style=\"background:url(https://x/t.gif)\">x</p>", &["GOM-TXT-012@10..41"], false);
}

#[test]
fn warnings_keep_the_narrative_safe() {
    check_inner("<img src=\"https://tracker.example/p.gif\"/>x", &["GOM-TXT-015@10..39"], true);
    check_inner("<a href=\"ftp://x\">x</a>", &["GOM-TXT-017@9..16"], true);
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}x{}", "<span>".repeat(MAX_DEPTH + 5), "</span>".repeat(MAX_DEPTH + 5));
    let n = check(&format!("{OPEN}{deep}</div>"));
    assert_eq!(n.findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec!["GOM-TXT-016"]);
    let hostile = "<div>".repeat(200_000);
    let n = check(&hostile);
    assert!(!n.is_safe());
    assert!(n.findings.len() < 10, "{}", n.findings.len());
}

#[test]
fn attributes_are_bounded() {
    let attrs: String = (0..MAX_ATTRIBUTES + 6).map(|i| format!(" title{i}=\"x\"")).collect();
    let n = check(&format!("{OPEN}<p{attrs}>x</p></div>"));
    let codes: Vec<&str> = n.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes.iter().filter(|c| **c == "GOM-TXT-001").count(), 1);
    assert_eq!(codes.iter().filter(|c| **c == "GOM-TXT-011").count(), MAX_ATTRIBUTES + 6);
    let many = format!("{OPEN}<p{}>x</p></div>", " class=\"a\"".repeat(100_000));
    let n = check(&many);
    assert!(!n.is_safe() && n.findings.len() <= MAX_FINDINGS + 1);
}

#[test]
fn findings_convert_to_diagnostics() {
    let n = check("<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div>");
    let d = n.findings[0].to_diagnostic();
    assert_eq!((d.code, d.span), ("GOM-TXT-004", Some((42, 50))));
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(n.findings[0].rule().name, "xhtml-script");
    let json = serde_json::to_value(&n).unwrap_or_default();
    assert_eq!(json["findings"][0]["code"], "GOM-TXT-004");
    assert_eq!(json["findings"][0]["start"], 42);
}
