//! Bundle-level rules: type and entry requests (seed 002; R4 bdl-3).

use super::{Ctx, Mode};
use crate::json::Value;
use crate::rules::bundle as r;

pub(super) fn check(bundle: Value<'_, '_>, ctx: &mut Ctx) {
    let ty = bundle.get("type");
    let is_transaction = ty.is_some_and(|t| t.str_is("transaction"));
    if ctx.opts.mode != Mode::Inspect && !is_transaction {
        match ty {
            Some(t) => {
                let shown = t.as_str().map(|s| format!("`{s}`")).unwrap_or_else(|| t.kind().article_name().to_owned());
                ctx.emit(
                    r::TYPE_NOT_TRANSACTION,
                    t,
                    format!("`Bundle.type` is {shown}; GOMS accepts only `transaction`"),
                );
            }
            None => ctx.emit_missing(
                r::TYPE_NOT_TRANSACTION,
                bundle,
                "type",
                "`Bundle.type` is missing; GOMS accepts only `transaction`",
            ),
        }
    }
    if !is_transaction {
        return;
    }
    let Some(entries) = bundle.get("entry") else { return };
    for entry in entries.items().filter(|e| e.is_object()) {
        let Some(request) = entry.get("request") else {
            ctx.emit_missing(
                r::ENTRY_REQUEST_MISSING,
                entry,
                "request",
                format!("Entry {} of the transaction has no `request`", entry.index()),
            );
            continue;
        };
        let Some(method) = request.get("method") else {
            ctx.emit_missing(r::METHOD_INVALID, request, "method", "`request.method` is missing");
            continue;
        };
        match method.as_str().as_deref() {
            Some("POST" | "PUT") => {}
            Some("GET") => ctx.emit(r::METHOD_GET_IGNORED, method, "GET entries are ignored by the GOMS broker"),
            Some(m @ ("DELETE" | "PATCH" | "HEAD")) => {
                ctx.emit(r::METHOD_NOT_SUPPORTED, method, format!("`{m}` is not supported by GOMS"))
            }
            Some(m) => ctx.emit(r::METHOD_INVALID, method, format!("`{m}` is not an HTTP verb FHIR knows")),
            None => ctx.emit(
                r::METHOD_INVALID,
                method,
                format!("`request.method` is {}, not a string", method.kind().article_name()),
            ),
        }
    }
}
