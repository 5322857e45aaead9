//! Placing findings about one resource in the document the client sent. gom-core's workflow
//! checks run on the resource as the broker will store it (references rewritten), so their
//! FHIRPath and JSON pointer start at that resource; here they are re-rooted under
//! `Bundle.entry[n].resource` for a transaction entry, and given the line and column of the
//! value in the client's body, so the person who wrote it can find it.

use gom_core::json::{Doc, Kind, Value};
use gom_core::{Diagnostic, Report};

/// Re-roots and locates `diags`, whose `expression` and `pointer` are relative to a resource:
/// the resource is the whole of `src` when a finding's `entry` is `None`, otherwise
/// `Bundle.entry[entry].resource` of the Bundle in `src`. A finding with neither expression nor
/// pointer (one about the stored version) gets no position.
pub fn relocate(src: &[u8], diags: &mut [Diagnostic]) {
    let text = std::str::from_utf8(src).ok();
    let doc = text.and_then(|t| Doc::parse(t).ok());
    for d in diags.iter_mut() {
        d.span = None;
        d.line = None;
        d.column = None;
        let rel = d.pointer.clone().or_else(|| d.expression.as_deref().map(pointer_of));
        if let (Some(i), Some(e)) = (d.entry, d.expression.as_mut()) {
            let rest = e.find(['.', '[']).map_or("", |at| &e[at..]);
            *e = format!("Bundle.entry[{i}].resource{rest}");
        }
        let Some(rel) = rel else { continue };
        let abs = match d.entry {
            Some(i) => format!("/entry/{i}/resource{rel}"),
            None => rel,
        };
        if let Some(doc) = &doc {
            let v = resolve(doc.root(), &abs);
            let (s, e) = v.span();
            d.span = Some((s as u32, e as u32));
        }
        d.pointer = Some(abs);
    }
    if let Some(t) = text {
        let mut report = Report::new(diags.to_vec());
        report.locate(t);
        for (d, located) in diags.iter_mut().zip(report.diagnostics) {
            *d = located;
        }
    }
}

/// `/status` of `Task.status`, `/input/0/value` of `Task.input[0].value`.
fn pointer_of(expression: &str) -> String {
    let rest = expression.find(['.', '[']).map_or("", |at| &expression[at..]);
    let mut out = String::new();
    for part in rest.split(['.', '[']).filter(|p| !p.is_empty()) {
        out.push('/');
        out.push_str(part.trim_end_matches(']'));
    }
    out
}

/// The value at `pointer`, or its deepest ancestor that exists.
fn resolve<'d, 'a>(root: Value<'d, 'a>, pointer: &str) -> Value<'d, 'a> {
    let mut cur = root;
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        let next = match cur.kind() {
            Kind::Array => seg.parse::<usize>().ok().and_then(|i| cur.items().nth(i)),
            Kind::Object => cur.get(&seg),
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => break,
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;
    use gom_core::rules::workflow as r;

    fn check(src: &str, entry: Option<u32>, expression: &str, pointer: Option<&str>, want: (&str, &str, u32, u32)) {
        let mut d = Diagnostic::new(r::TRANSITION_NOT_ALLOWED, "x").with_expression(expression);
        d.pointer = pointer.map(str::to_owned);
        d.entry = entry;
        let mut ds = vec![d];
        relocate(src.as_bytes(), &mut ds);
        let d = &ds[0];
        let got = (d.expression.as_deref().unwrap_or(""), d.pointer.as_deref().unwrap_or(""));
        assert_eq!((got.0, got.1, d.line.unwrap_or(0), d.column.unwrap_or(0)), want);
    }

    #[test]
    fn re_roots_and_places_findings() {
        let task = "{\"resourceType\": \"Task\",\n \"status\": \"completed\"}";
        check(task, None, "Task.status", Some("/status"), ("Task.status", "/status", 2, 12));
        check(task, None, "Task.lastModified", None, ("Task.lastModified", "/lastModified", 1, 1));
        let bundle = "{\"entry\": [{}, {\"resource\": {\"resourceType\": \"ServiceRequest\",\n  \"status\": \"x\"}}]}";
        check(
            bundle,
            Some(1),
            "ServiceRequest.status",
            None,
            ("Bundle.entry[1].resource.status", "/entry/1/resource/status", 2, 13),
        );
        check("[", None, "Task.input[0].value", None, ("Task.input[0].value", "/input/0/value", 0, 0));
    }
}
