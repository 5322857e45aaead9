use super::*;

/// `code@line:col` for each JSON and Bundle finding: enough to see what fired where. (The other
/// families have their own fixtures under tests/fixtures/rules.)
fn check(src: &str, opts: Options) -> Vec<String> {
    validate(src, &opts)
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("GOM-JSON") || d.code.starts_with("GOM-BDL"))
        .map(|d| format!("{}@{}:{}", d.code, d.line.unwrap_or(0), d.column.unwrap_or(0)))
        .collect()
}

fn codes(src: &str) -> Vec<String> {
    check(src, Options::default())
}

const MINI: &str = r#"{"resourceType":"Bundle","type":"transaction","entry":[
  {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient"},"request":{"method":"POST","url":"Patient"}}
]}"#;

#[test]
fn a_minimal_transaction_has_no_bundle_findings() {
    assert_eq!(codes(MINI), Vec::<String>::new());
}

#[test]
fn syntax_errors_are_fatal_with_position() {
    let r = validate("{\n  \"a\": [1,]\n}", &Options::default());
    assert_eq!(r.diagnostics.len(), 1);
    let d = &r.diagnostics[0];
    assert_eq!(
        (d.code, d.severity, d.line, d.column),
        ("GOM-JSON-001", crate::diag::Severity::Fatal, Some(2), Some(11))
    );
    assert!(d.message.starts_with("Found `]`"), "{}", d.message);
    assert_eq!(codes(""), vec!["GOM-JSON-001@1:1"]);
    assert_eq!(codes("{} trailing"), vec!["GOM-JSON-001@1:4"]);
}

#[test]
fn not_an_object_or_not_a_bundle_is_fatal() {
    assert_eq!(codes("[1]"), vec!["GOM-JSON-002@1:1"]);
    assert_eq!(codes("{\"a\":1}"), vec!["GOM-JSON-002@1:1"]);
    assert_eq!(codes("{\"resourceType\":\"Patient\"}"), vec!["GOM-BDL-001@1:17"]);
}

#[test]
fn bundle_type_must_be_transaction_unless_inspecting() {
    let src = MINI.replace("\"transaction\"", "\"collection\"");
    assert_eq!(codes(&src), vec!["GOM-BDL-002@1:33"]);
    let inspect = Options { mode: Mode::Inspect, strict: false };
    assert_eq!(check(&src, inspect), vec!["GOM-BDL-003@1:33"]);
    let response = MINI.replace("\"transaction\"", "\"transaction-response\"").replace("\"request\"", "\"response\"");
    assert_eq!(check(&response, inspect), Vec::<String>::new());
    assert_eq!(codes(&response), Vec::<String>::new(), "auto mode inspects a transaction-response");
    assert_eq!(codes("{\"resourceType\":\"Bundle\"}"), vec!["GOM-BDL-002@1:1", "GOM-BDL-032@1:1"]);
}

#[test]
fn entry_methods() {
    for (method, expected) in [
        ("GET", "GOM-BDL-011@2:85"),
        ("DELETE", "GOM-BDL-012@2:85"),
        ("PATCH", "GOM-BDL-012@2:85"),
        ("HEAD", "GOM-BDL-012@2:85"),
        ("FOO", "GOM-BDL-013@2:85"),
    ] {
        let src = MINI.replace("\"POST\"", &format!("\"{method}\""));
        assert_eq!(codes(&src), vec![expected], "{method}");
    }
    let report = validate(&MINI.replace("\"POST\"", "\"DELETE\""), &Options::default());
    let d = report.diagnostics.iter().find(|d| d.code == "GOM-BDL-012").unwrap();
    assert_eq!(d.expression.as_deref(), Some("Bundle.entry[0].request.method"));
    assert_eq!(d.pointer.as_deref(), Some("/entry/0/request/method"));
    assert_eq!(d.entry, Some(0));
    let no_request = MINI.replace(",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}", "");
    assert_eq!(codes(&no_request), vec!["GOM-BDL-010@2:3"]);
}

#[test]
fn bad_bytes_bom_and_duplicates() {
    let r = validate_bytes(b"{\"a\":\n \"\xff\"}", &Options::default());
    assert_eq!(r.diagnostics[0].code, "GOM-JSON-005");
    assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (Some(2), Some(3)));
    let bom = format!("\u{feff}{MINI}");
    assert_eq!(codes(&bom), vec!["GOM-JSON-004@1:1"]);
    let dup = MINI.replace("\"type\":\"transaction\"", "\"type\":\"transaction\",\"type\":\"batch\"");
    assert_eq!(codes(&dup), vec!["GOM-JSON-003@1:54"]);
}

#[test]
fn deep_nesting_gives_a_positioned_fatal() {
    let src = "[".repeat(100_000);
    let r = validate(&src, &Options::default());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].column, Some(257));
}

/// Each narrative finding's span, cut from the JSON source and decoded as a JSON string,
/// must be exactly the text the narrative checker reported on: the mapping through escapes is
/// byte-exact.
#[test]
fn narrative_findings_point_at_their_exact_source_bytes() {
    for div in [
        r#"<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div>"#,
        r#"<div xmlns=\"http://www.w3.org/1999/xhtml\">\u00e9\n\t<b onclick=\"go()\">\ud83d\ude00</b></div>"#,
        r#"<div xmlns=\"http://www.w3.org/1999/xhtml\">é😀\u003ciframe src=\"x\"\u003e</iframe></div>"#,
        r#"<p>\u0000</p>"#,
    ] {
        let src = format!(
            r#"{{"resourceType":"Bundle","type":"transaction","entry":[{{"fullUrl":"urn:uuid:1","resource":{{"resourceType":"Basic","text":{{"status":"generated","div":"{div}"}}}},"request":{{"method":"POST","url":"Basic"}}}}]}}"#
        );
        let decoded: String = serde_json::from_str(&format!("\"{div}\"")).unwrap();
        let want = crate::narrative::check(&decoded);
        assert!(!want.findings.is_empty(), "{div}");
        let report = validate(&src, &Options::default());
        let got: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.code.starts_with("GOM-TXT")).collect();
        assert_eq!(got.len(), want.findings.len(), "{div}");
        for f in &want.findings {
            let d = got.iter().find(|d| d.code == f.code && d.message == f.message).unwrap();
            let (s, e) = d.span.unwrap();
            let cut: String = serde_json::from_str(&format!("\"{}\"", &src[s as usize..e as usize])).unwrap();
            assert_eq!(cut, decoded[f.start as usize..f.end as usize], "{div}: {}", f.code);
            assert_eq!(d.expression.as_deref(), Some("Bundle.entry[0].resource.text.div"));
        }
    }
}
