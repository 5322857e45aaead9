//! Static files from the portal build, with a single-page-app fallback to `index.html`.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use tiny_http::Response;

use super::csp::content_security_policy;
use super::{header, text};

/// Serves one file of `dist`. `fhir_base` is the FHIR server the pages may call besides their
/// own origin (the page's Content-Security-Policy names it in `connect-src`).
pub fn serve(dist: &Path, url_path: &str, fhir_base: Option<&str>) -> Response<Cursor<Vec<u8>>> {
    let Some(rel) = safe_relative(url_path) else {
        return text(400, "bad path");
    };
    let mut file = dist.join(&rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if !file.is_file() {
        // Portal routes such as /orders/123 are the app's; files with an extension are not.
        if rel.extension().is_some() {
            return text(404, "not found");
        }
        file = dist.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => {
            // An HTML page may run exactly the inline scripts it was built with (Trunk's loader).
            let html = (content_type(&file).starts_with("text/html")).then(|| String::from_utf8_lossy(&body));
            let csp = content_security_policy(html.as_deref(), fhir_base);
            Response::from_data(body)
                .with_header(header("Content-Type", content_type(&file)))
                .with_header(header("Content-Security-Policy", &csp))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                .with_header(header("Referrer-Policy", "no-referrer"))
                .with_header(header("Cache-Control", "no-cache"))
        }
        Err(_) => text(404, "not found: build the portal first (`make run` does)"),
    }
}

/// The URL path as a relative file path, or `None` if it tries to leave the web root.
fn safe_relative(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut out = PathBuf::new();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0')).then_some(s)
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_web_root() {
        assert_eq!(safe_relative("/a/b.js"), Some(PathBuf::from("a/b.js")));
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(safe_relative("/a%00b"), None);
        assert_eq!(safe_relative("/%zz"), None);
    }
}
