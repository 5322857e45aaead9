//! Rule 7: every resource's `text.div` is checked with [`crate::narrative::check`] (txt-1,
//! txt-2 and the portal's safety rules). Each finding is placed at its exact bytes in the JSON
//! source: the checker's offsets within the decoded string are mapped back through the
//! string's escapes ([`crate::json::Value::source_offsets`]).

use super::Ctx;
use crate::diag::Diagnostic;
use crate::json::Doc;

pub(super) fn check(doc: &Doc<'_>, ctx: &mut Ctx) {
    for div in doc.members_named("div") {
        // `text.div` of a resource: the `text` member of an object with a `resourceType`.
        let Some(text) = div.parent().filter(|t| t.key().as_deref() == Some("text")) else { continue };
        if text.parent().and_then(|r| r.get("resourceType")).is_none() {
            continue;
        }
        let Some(xhtml) = div.as_str() else { continue };
        let narrative = crate::narrative::check(&xhtml);
        if narrative.findings.is_empty() {
            continue;
        }
        let offsets: Vec<u32> = narrative.findings.iter().flat_map(|f| [f.start, f.end]).collect();
        let source = div.source_offsets(&offsets);
        for (k, f) in narrative.findings.iter().enumerate() {
            let start = source.get(2 * k).copied().unwrap_or(div.span().0);
            let end = source.get(2 * k + 1).copied().unwrap_or(start).max(start);
            let mut d = Diagnostic::new(f.rule(), f.message.clone()).with_severity(ctx.severity(f.rule())).at(div);
            d.span = Some((start as u32, end as u32));
            ctx.out.push(d);
        }
    }
}
