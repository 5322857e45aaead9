//! The narrative checker over a corpus: every `fixtures/narrative/safe/` div passes (warnings
//! at most), every `fixtures/narrative/hostile/` div (XSS payloads, mXSS tricks, broken XML) is
//! refused; the findings of each are snapshots. The upstream examples' narratives are checked too.

use gom_core::narrative::{check, plain_text, Narrative};

fn findings(n: &Narrative) -> Vec<String> {
    n.findings.iter().map(|f| format!("{} {} {}..{}: {}", f.severity, f.code, f.start, f.end, f.message)).collect()
}

#[test]
fn safe_narratives_pass() {
    insta::glob!("../fixtures", "narrative/safe/*.xhtml", |path| {
        let div = std::fs::read_to_string(path).expect("fixture");
        let n = check(&div);
        assert!(n.is_safe(), "{:#?}", n.findings);
        assert!(!plain_text(&div).is_empty() || div.contains("<img"));
        insta::assert_json_snapshot!("safe", findings(&n));
    });
}

#[test]
fn hostile_narratives_are_refused() {
    insta::glob!("../fixtures", "narrative/hostile/*.xhtml", |path| {
        let div = std::fs::read_to_string(path).expect("fixture");
        let n = check(&div);
        assert!(!n.is_safe(), "passed: {div}");
        for f in &n.findings {
            assert!(f.start <= f.end && f.end as usize <= div.len(), "{f:?}");
            assert!(div.is_char_boundary(f.start as usize) && div.is_char_boundary(f.end as usize));
        }
        // The plain-text fallback never contains markup, whatever the input.
        let text = plain_text(&div);
        assert!(!text.contains('<') || div.contains("&lt;") || div.contains("CDATA"), "{text}");
        insta::assert_json_snapshot!("hostile", findings(&n));
    });
}

#[test]
fn upstream_narratives() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared is absent; upstream narratives are skipped");
        return;
    };
    let mut stack = vec![shared.join("research/fixtures")];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut seen = Vec::new();
    for p in files {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&p).unwrap_or_default()) else {
            continue;
        };
        let mut divs = Vec::new();
        collect_divs(&v, &mut divs);
        for div in divs {
            let n = check(&div);
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            seen.push((name, n.is_safe(), findings(&n)));
        }
    }
    assert!(seen.len() >= 6, "{}", seen.len());
    insta::assert_json_snapshot!("upstream", seen);
}

fn collect_divs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(div) = m.get("text").and_then(|t| t.get("div")).and_then(|d| d.as_str()) {
                out.push(div.to_owned());
            }
            m.values().for_each(|c| collect_divs(c, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|c| collect_divs(c, out)),
        _ => {}
    }
}
