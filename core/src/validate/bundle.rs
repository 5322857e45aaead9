//! Bundle-level rules: type, R4 invariants bdl-1…bdl-12, and the entries' requests (seed 002).

use super::{Ctx, Mode, INSPECTED_TYPES};
use crate::diag::msg;
use crate::fhir::codes::BUNDLE_TYPES;
use crate::fhir::is_resource_type;
use crate::json::Value;
use crate::refs::{parse_relative, BundleIndex, Entry};
use crate::rules::bundle as r;

/// What the per-entry rules need from the Bundle-level ones: `Bundle.type` and whether the mode
/// accepts it.
pub(super) struct Head<'a> {
    ty: std::borrow::Cow<'a, str>,
    accepted: bool,
}

/// The Bundle-level rules that come before the entries' ([`check_entry`], run block by block by
/// the validator), then [`check_tail`].
pub(super) fn check_head<'a>(ix: &BundleIndex<'_, 'a>, ctx: &mut Ctx) -> Head<'a> {
    let bundle = ix.bundle();
    let ty_value = bundle.get("type");
    let ty = ty_value.and_then(|t| t.as_str()).unwrap_or_default();
    let accepted = check_type(bundle, ty_value, &ty, ctx);

    if let Some(total) = bundle.get("total") {
        if !matches!(ty.as_ref(), "searchset" | "history") {
            ctx.emit(r::TOTAL_NOT_ALLOWED, total, msg!("`Bundle.total` is set in a `{ty}` Bundle"));
        }
    }
    if ctx.mode.is_submission() && ix.entries().is_empty() {
        match bundle.get("entry") {
            Some(e) if e.is_array() => ctx.emit(r::ENTRY_MISSING, e, "`Bundle.entry` is empty"),
            Some(e) => ctx.emit(
                r::ENTRY_MISSING,
                e,
                msg!("`Bundle.entry` is {}, not an array of entries", e.kind().article_name()),
            ),
            None => ctx.emit_missing(r::ENTRY_MISSING, bundle, "entry", "The Bundle has no `entry`"),
        }
    }
    Head { ty, accepted }
}

/// The Bundle-level rules that come after the entries'.
pub(super) fn check_tail(ix: &BundleIndex<'_, '_>, head: &Head<'_>, ctx: &mut Ctx) {
    let ty = &head.ty;
    for &(n, first) in ix.duplicate_full_urls() {
        check_duplicate(ix, n, first, ty, ctx);
    }
    match ty.as_ref() {
        "transaction-response" | "batch-response" => check_response_locations(ix, ctx),
        "document" => check_document(ix, ctx),
        "message" => check_first(ix, "MessageHeader", r::MESSAGE_HEADER, ctx),
        _ => {}
    }
}

/// An entry resource's `resourceType` that is no R4 type; a non-ASCII character in it is named,
/// since the usual cause is a look-alike (Cyrillic, full-width, zero-width) that reads as ASCII.
fn check_resource_type(e: &Entry<'_, '_>, ctx: &mut Ctx) {
    let Some(v) = e.resource.and_then(|r| r.get("resourceType")) else { return };
    let Some(t) = v.as_str() else { return };
    if is_resource_type(&t) {
        return;
    }
    let odd = t.chars().find(|c| !c.is_ascii_alphabetic());
    let msg = match odd {
        Some(c) if !c.is_ascii() => msg!(
            "`{}` is not a FHIR R4 resource type: it contains U+{:04X}, which is not an ASCII letter",
            t.escape_debug(),
            u32::from(c)
        ),
        _ => msg!("`{}` is not a FHIR R4 resource type", t.escape_debug()),
    };
    ctx.emit(r::RESOURCE_TYPE_UNKNOWN, v, msg);
}

/// Reports a type the mode does not accept; returns whether the type is accepted.
fn check_type(bundle: Value<'_, '_>, ty_value: Option<Value<'_, '_>>, ty: &str, ctx: &mut Ctx) -> bool {
    let accepted = if ctx.mode.is_submission() {
        ty == "transaction"
    } else {
        ty == "transaction" || INSPECTED_TYPES.contains(&ty)
    };
    if accepted {
        return true;
    }
    let rule = if ctx.mode.is_submission() { r::TYPE_NOT_TRANSACTION } else { r::TYPE_NOT_INSPECTABLE };
    let Some(t) = ty_value else {
        let msg = if ctx.mode.is_submission() {
            "`Bundle.type` is missing; GOMS accepts only `transaction`"
        } else {
            "`Bundle.type` is missing"
        };
        ctx.emit_missing(rule, bundle, "type", msg);
        return false;
    };
    let shown = t.as_str().map(|s| msg!("`{s}`")).unwrap_or_else(|| t.kind().article_name().to_owned());
    let msg = if !BUNDLE_TYPES.contains(&ty) && t.as_str().is_some() {
        msg!("`Bundle.type` is {shown}, which is not an R4 Bundle type")
    } else if ctx.mode.is_submission() {
        msg!("`Bundle.type` is {shown}; GOMS accepts only `transaction`")
    } else {
        msg!("`Bundle.type` is {shown}, a type GOMS does not exchange")
    };
    ctx.emit(rule, t, msg);
    false
}

/// The entry rules of one entry.
pub(super) fn check_entry(e: &Entry<'_, '_>, head: &Head<'_>, ctx: &mut Ctx) {
    let (ty, type_accepted) = (head.ty.as_ref(), head.accepted);
    let entry = e.value;
    if !entry.is_object() {
        let what = entry.kind().article_name();
        ctx.emit(r::ENTRY_EMPTY, entry, msg!("Entry {} is {what}, not an object", e.index));
        return;
    }
    // One pass over the entry's members for everything this reads.
    let [resource, request, response, search, full_url] =
        entry.get_many(["resource", "request", "response", "search", "fullUrl"]);
    if resource.is_none() && request.is_none() && response.is_none() {
        let msg = match entry.get_str("resourceType") {
            Some(t) => msg!("Entry {} is a `{t}` itself; an entry must wrap its resource in `resource`", e.index),
            None => msg!("Entry {} has no `resource`, `request` or `response`", e.index),
        };
        ctx.emit(r::ENTRY_EMPTY, entry, msg);
    }
    check_resource_type(e, ctx);
    if let Some(s) = search {
        if ty != "searchset" {
            ctx.emit(r::SEARCH_NOT_ALLOWED, s, msg!("Entry {} has `search` in a `{ty}` Bundle", e.index));
        }
    }
    if let Some(u) = full_url {
        if u.as_str().is_some_and(|s| s.contains("/_history/")) {
            ctx.emit(r::FULL_URL_VERSIONED, u, msg!("`fullUrl` of entry {} names a version", e.index));
        }
    }
    // With a type the mode rejects, the type is the finding to fix; per-entry noise would hide it.
    if !type_accepted {
        return;
    }
    let needs_request = matches!(ty, "batch" | "transaction" | "history");
    match request {
        None if needs_request => ctx.emit_missing(
            r::ENTRY_REQUEST_MISSING,
            entry,
            "request",
            msg!("Entry {} of the `{ty}` has no `request`", e.index),
        ),
        Some(req) if !needs_request => {
            ctx.emit(r::REQUEST_NOT_ALLOWED, req, msg!("Entry {} has `request` in a `{ty}` Bundle", e.index))
        }
        _ => {}
    }
    let needs_response = matches!(ty, "batch-response" | "transaction-response" | "history");
    match response {
        None if needs_response => ctx.emit_missing(
            r::RESPONSE_MISSING,
            entry,
            "response",
            msg!("Entry {} of the `{ty}` has no `response`", e.index),
        ),
        Some(resp) if !needs_response => {
            ctx.emit(r::RESPONSE_NOT_ALLOWED, resp, msg!("Entry {} has `response` in a `{ty}` Bundle", e.index))
        }
        _ => {}
    }
    if ty == "transaction" {
        if let Some(req) = request {
            check_request(e, req, ctx);
        }
    }
}

/// The request of a transaction entry: method, url form, conditional create.
fn check_request(e: &Entry<'_, '_>, request: Value<'_, '_>, ctx: &mut Ctx) {
    let [method, if_none_exist, url_v] = request.get_many(["method", "ifNoneExist", "url"]);
    let Some(method) = method else {
        ctx.emit_missing(r::METHOD_INVALID, request, "method", "`request.method` is missing");
        return;
    };
    let m = match method.as_str() {
        Some(m) => m,
        None => {
            let what = method.kind().article_name();
            ctx.emit(r::METHOD_INVALID, method, msg!("`request.method` is {what}, not a string"));
            return;
        }
    };
    match m.as_ref() {
        "POST" | "PUT" => {}
        "GET" => return ctx.emit(r::METHOD_GET_IGNORED, method, "GET entries are ignored by the GOMS broker"),
        "DELETE" | "PATCH" | "HEAD" => {
            return ctx.emit(r::METHOD_NOT_SUPPORTED, method, msg!("`{m}` is not supported by GOMS"))
        }
        _ => return ctx.emit(r::METHOD_INVALID, method, msg!("`{m}` is not an HTTP verb FHIR knows")),
    }
    if let Some(c) = if_none_exist {
        ctx.emit(
            r::IF_NONE_EXIST,
            c,
            "`ifNoneExist` asks for a conditional create, which GOMS does not support in alpha",
        );
    }
    let Some(resource) = e.resource else {
        return ctx.emit_missing(
            r::ENTRY_RESOURCE_MISSING,
            e.value,
            "resource",
            msg!("The {m} entry {} has no `resource`", e.index),
        );
    };
    let Some(url_v) = url_v else {
        return ctx.emit_missing(r::REQUEST_URL_FORM, request, "url", "`request.url` is missing");
    };
    let Some(url) = url_v.as_str() else {
        let what = url_v.kind().article_name();
        return ctx.emit(r::REQUEST_URL_FORM, url_v, msg!("`request.url` is {what}, not a string"));
    };
    let rt = e.resource_type.as_deref().unwrap_or_default();
    if m == "POST" {
        if url.contains(['/', '?']) || !is_resource_type(&url) {
            let want = if is_resource_type(rt) { msg!("`{rt}`") } else { "the resource type".to_owned() };
            ctx.emit(r::REQUEST_URL_FORM, url_v, msg!("`request.url` of a POST is `{url}`; it must be {want}"));
        } else if is_resource_type(rt) && url != rt {
            ctx.emit(r::REQUEST_URL_TYPE, url_v, msg!("`request.url` is `{url}` but the resource is a `{rt}`"));
        }
        return;
    }
    if url.contains('?') {
        return ctx.emit(
            r::REQUEST_URL_FORM,
            url_v,
            msg!("`request.url` `{url}` asks for a conditional update, which GOMS does not support in alpha"),
        );
    }
    let Some((ty, id)) = parse_relative(&url).filter(|(t, _)| is_resource_type(t)) else {
        return ctx.emit(r::REQUEST_URL_FORM, url_v, msg!("`request.url` of a PUT is `{url}`; it must be `Type/id`"));
    };
    if is_resource_type(rt) && ty != rt {
        return ctx.emit(r::REQUEST_URL_TYPE, url_v, msg!("`request.url` is `{url}` but the resource is a `{rt}`"));
    }
    match resource.get("id") {
        None => ctx.emit_missing(
            r::PUT_ID_MISMATCH,
            resource,
            "id",
            msg!("The PUT to `{url}` has a resource without `id`; it must be `{id}`"),
        ),
        Some(rid) if !rid.str_is(id) => {
            let shown = rid.as_str().map(|s| msg!("`{s}`")).unwrap_or_else(|| rid.kind().article_name().to_owned());
            ctx.emit(r::PUT_ID_MISMATCH, rid, msg!("`resource.id` is {shown} but the PUT url `{url}` names `{id}`"))
        }
        Some(_) => {}
    }
}

fn check_duplicate(ix: &BundleIndex<'_, '_>, n: u32, first: u32, ty: &str, ctx: &mut Ctx) {
    if ty == "history" {
        return;
    }
    let version = |i: u32| {
        ix.entry(i).and_then(|e| e.resource).and_then(|r| r.path(&["meta", "versionId"])).and_then(|v| v.as_str())
    };
    if let (Some(a), Some(b)) = (version(n), version(first)) {
        if a != b {
            return;
        }
    }
    let Some(at) = ix.entry(n).and_then(|e| e.value.get("fullUrl")) else { return };
    let url = at.as_str().unwrap_or_default();
    ctx.emit(r::FULL_URL_DUPLICATE, at, msg!("`fullUrl` `{url}` of entry {n} is also the fullUrl of entry {first}"));
}

/// Entry N of a response answers request entry N, so its outcome's locations name entry N.
fn check_response_locations(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    for e in ix.entries() {
        let Some(issues) = e.value.path(&["response", "outcome", "issue"]) else { continue };
        let own = msg!("Bundle.entry[{}]", e.index);
        for issue in issues.items() {
            for member in ["expression", "location"] {
                for loc in issue.get(member).into_iter().flat_map(|l| l.items()) {
                    let Some(text) = loc.as_str() else { continue };
                    let names_entry = text.starts_with("Bundle.entry[");
                    let own_entry = text
                        .strip_prefix(own.as_str())
                        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()));
                    if names_entry && !own_entry {
                        ctx.emit(
                            r::RESPONSE_LOCATION,
                            loc,
                            msg!(
                                "Entry {} answers request entry {} but its outcome points at `{text}`",
                                e.index,
                                e.index
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn check_document(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    let bundle = ix.bundle();
    match bundle.get("identifier") {
        Some(id) => {
            for part in ["system", "value"] {
                if id.get(part).is_none() {
                    ctx.emit_missing(
                        r::DOCUMENT_IDENTIFIER,
                        id,
                        part,
                        msg!("The document's `identifier` has no `{part}`"),
                    );
                }
            }
        }
        None => ctx.emit_missing(r::DOCUMENT_IDENTIFIER, bundle, "identifier", "The document has no `identifier`"),
    }
    if bundle.get("timestamp").is_none() {
        ctx.emit_missing(r::DOCUMENT_DATE, bundle, "timestamp", "The document has no `timestamp`");
    }
    check_first(ix, "Composition", r::DOCUMENT_COMPOSITION, ctx);
}

/// The first entry's resource must be of type `want` (bdl-11, bdl-12).
fn check_first(ix: &BundleIndex<'_, '_>, want: &str, rule: &'static crate::diag::Rule, ctx: &mut Ctx) {
    let Some(first) = ix.entries().first() else { return };
    if first.resource_type.as_deref() == Some(want) {
        return;
    }
    let got = first.resource_type.as_deref().map_or("no resource".to_owned(), super::references::a);
    let at = first.resource.and_then(|r| r.get("resourceType")).unwrap_or(first.value);
    ctx.emit(rule, at, msg!("The first entry is {got}, not a `{want}`"));
}

impl Mode {
    /// Order and result bundles are submitted to GOMS; inspected ones are only read.
    pub fn is_submission(self) -> bool {
        matches!(self, Mode::Order | Mode::Result)
    }
}
