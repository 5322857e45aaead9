//! Static check (issue 9 item 4): the embedding example (www/embed/*.js), the JS API's bindings
//! (core/src/js) and the JS glue wasm-bindgen generates for them (core/pkg-*/, when built by
//! `make package`) never hand data to an HTML or code sink: `innerHTML`, `outerHTML`,
//! `insertAdjacentHTML`, `document.write`, `eval`, `new Function`, string timers,
//! `createContextualFragment`, `srcdoc`. A use that was reviewed and takes no data is listed in
//! [`REVIEWED`] with why.

use std::path::{Path, PathBuf};

/// Sinks, as written in source; `eval` and `Function` only as calls.
const SINKS: &[&str] = &[
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "new Function",
    "Function(",
    "createContextualFragment",
    "srcdoc",
    "setTimeout(\"",
    "setTimeout('",
    "setTimeout(`",
    "setInterval(\"",
    "setInterval('",
    "setInterval(`",
];

/// (file name, the exact line, why it is safe).
const WBG_DEBUG: &str =
    "wasm-bindgen's debugString: a template literal that names a function in a debug message, not a call";
const REVIEWED: &[(&str, &str, &str)] =
    &[("gom_bg.js", "? `Function(${val.name})`", WBG_DEBUG), ("gom.js", "? `Function(${val.name})`", WBG_DEBUG)];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, exts, out);
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)) {
            out.push(p);
        }
    }
}

/// A sink at a word start (so `retrieval(` is not `eval(`).
fn sinks_in(line: &str) -> Vec<&'static str> {
    SINKS
        .iter()
        .copied()
        .filter(|s| {
            line.match_indices(s).any(|(i, _)| {
                let before = line[..i].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
            })
        })
        .collect()
}

/// Every use of a sink in `paths` that is not reviewed, as `file:line: text`.
fn unreviewed(paths: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            // Comments may name the sinks (this one does).
            if t.starts_with("//") || t.starts_with('*') || t.starts_with("/*") {
                continue;
            }
            if !sinks_in(t).is_empty() && !REVIEWED.iter().any(|(f, l, _)| *f == name && *l == t) {
                out.push(format!("{}:{}: {t}", p.display(), n + 1));
            }
        }
    }
    out
}

#[test]
fn the_detector_finds_each_sink_and_skips_look_alikes() {
    let cases = [
        ("el.innerHTML = data;", vec!["innerHTML"]),
        ("x.insertAdjacentHTML('beforeend', s)", vec!["insertAdjacentHTML"]),
        ("document.write(s)", vec!["document.write"]),
        ("eval(code)", vec!["eval("]),
        ("const f = new Function('a', body)", vec!["new Function", "Function("]),
        ("setTimeout('go()', 1)", vec!["setTimeout('"]),
        ("frame.srcdoc = html", vec!["srcdoc"]),
        ("retrieval(x); setTimeout(go, 1); el.textContent = s; myFunction(x)", vec![]),
    ];
    for (line, want) in cases {
        assert_eq!(sinks_in(line), want, "{line}");
    }
}

#[test]
fn embed_page_and_js_api_never_use_html_or_code_sinks() {
    let r = root();
    let mut paths = Vec::new();
    files(&r.join("www/embed"), &["js", "mjs", "html"], &mut paths);
    let hand_written = paths.len();
    assert!(hand_written >= 2, "www/embed has no scripts");
    files(&r.join("core/src/js"), &["rs", "ts", "js"], &mut paths);
    assert!(paths.len() > hand_written, "core/src/js is missing");
    let mut glue = Vec::new();
    for pkg in ["pkg-web", "pkg-bundler", "pkg-nodejs", "pkg"] {
        files(&r.join("core").join(pkg), &["js", "mjs", "cjs"], &mut glue);
    }
    if glue.is_empty() {
        eprintln!("no_html_sinks: core/pkg-*/ not built (make package); the generated glue is not checked");
    }
    paths.extend(glue);
    let found = unreviewed(&paths);
    assert!(found.is_empty(), "HTML or code sinks:\n{}", found.join("\n"));
}
