//! Identifier and code rules. Identifier systems are found by one pass over the node arena (no
//! recursion, no allocation unless something is reported); codes are read per resource.

use super::Ctx;
use crate::diag::msg;
use crate::diag::Diagnostic;
use crate::fhir::codes::{self as fc, CodeSystem};
use crate::fhir::systems::{self, check_nhs_number, NhsNumber, NHS_NUMBER, ODS_S};
use crate::json::{Kind, Value};
use crate::refs::{BundleIndex, Entry};
use crate::rules::codes as r;
use crate::rules::profile::ODS_SPELLING;

/// Where the 's' spelling of the ODS system is the profile's own fixed value.
const ODS_S_FIXED: &[&str] = &["Task.owner.identifier.system", "DiagnosticReport.performer.identifier.system"];

/// The identifier rules, over every `system` in the document; then [`entry`] for each entry
/// (run with the entries block by block).
pub(super) fn check(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    systems_pass(ix, ctx);
}

/// The code rules of one entry.
pub(super) fn entry(e: &Entry<'_, '_>, ctx: &mut Ctx) {
    if let Some(oo) = e.value.path(&["response", "outcome"]) {
        outcome_codes(oo, ctx);
    }
    let (Some(res), Some(ty)) = (e.resource, e.resource_type.as_deref()) else { return };
    if ty == "OperationOutcome" {
        outcome_codes(res, ctx);
    }
    required_codes(res, ty, ctx);
    if ty == "Task" {
        for cs in fc::TASK_SYSTEMS {
            let element = cs.element.split_once('.').map_or(cs.element, |(_, el)| el);
            if let Some(v) = res.get(element) {
                goms_code(v, cs, ctx);
            }
        }
    }
}

/// Every `system` string in the document: ODS spelling, NHS numbers, near misses, GMS numbers.
fn systems_pass(ix: &BundleIndex<'_, '_>, ctx: &mut Ctx) {
    let doc = ix.bundle().doc();
    for v in doc.members_named("system") {
        if v.kind() != Kind::String {
            continue;
        }
        let (Some(parent), Some(system)) = (v.parent(), v.as_str()) else { continue };
        match system.as_ref() {
            ODS_S => {
                let path = element_path(v);
                if !ODS_S_FIXED.contains(&path.as_str()) {
                    ctx.emit(ODS_SPELLING, v, msg!("`{path}` spells the ODS system `{ODS_S}` ('s')"));
                }
            }
            NHS_NUMBER => {
                if let Some(value) = parent.get("value") {
                    nhs_number(value, ctx);
                }
            }
            s => {
                if let Some(&(_, owner)) = systems::GMS.iter().find(|(g, _)| *g == s) {
                    gms_placement(v, parent, s, owner, ctx);
                } else if has_id_segment(s) {
                    if let Some(known) = systems::near_miss(s) {
                        let d = Diagnostic::new(r::SYSTEM_NEAR_MISS, msg!("`{s}` looks like a typo of `{known}`"))
                            .with_help(msg!("Write the system as `{known}`."));
                        ctx.out.push(d.with_severity(ctx.severity(r::SYSTEM_NEAR_MISS)).at(v));
                    }
                }
            }
        }
    }
}

/// `…/Id/…` in any case: identifier systems, the only ones near-miss detection compares.
fn has_id_segment(s: &str) -> bool {
    // Only at each `/`: far fewer comparisons than one per window of the string.
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'/')
        .any(|(i, _)| b.get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"/id/")))
}

fn nhs_number(value: Value<'_, '_>, ctx: &mut Ctx) {
    let Some(n) = value.as_str() else {
        let what = value.kind().article_name();
        return ctx.emit(r::NHS_NUMBER, value, msg!("The NHS number is {what}, not a string of ten digits"));
    };
    match check_nhs_number(&n) {
        NhsNumber::Valid => {}
        NhsNumber::NotTenDigits => {
            ctx.emit(r::NHS_NUMBER, value, msg!("NHS number `{n}` is not ten digits"));
        }
        NhsNumber::BadCheckDigit => {
            ctx.emit(r::NHS_NUMBER, value, msg!("NHS number `{n}` fails the Modulus-11 check digit"));
        }
    }
}

/// A GMS number in a resource's own `identifier` must sit on the type it numbers.
fn gms_placement(v: Value<'_, '_>, identifier: Value<'_, '_>, system: &str, owner: &str, ctx: &mut Ctx) {
    let holder = match identifier.parent() {
        Some(list) if list.is_array() => list,
        Some(obj) => obj,
        None => return,
    };
    if holder.key().as_deref() != Some("identifier") {
        return;
    }
    let Some(resource) = holder.parent() else { return };
    let Some(ty) = resource.get_str("resourceType") else { return };
    if ty != owner {
        let article = super::references::a(owner);
        ctx.emit(r::GMS_MISPLACED, v, msg!("`{system}` numbers {article}, but it identifies a `{ty}` here"));
    }
}

/// The element path of `v` within its resource: `Task.owner.identifier.system`.
fn element_path(v: Value<'_, '_>) -> String {
    let mut segs = Vec::new();
    let mut cur = v;
    let mut ty = "Resource".to_owned();
    while let Some(p) = cur.parent() {
        if let Some(k) = cur.key() {
            segs.push(k);
        }
        if let Some(t) = p.get_str("resourceType") {
            ty = t.into_owned();
            break;
        }
        cur = p;
    }
    segs.reverse();
    let mut out = ty;
    for s in segs {
        out.push('.');
        out.push_str(&s);
    }
    out
}

fn required_codes(res: Value<'_, '_>, ty: &str, ctx: &mut Ctx) {
    for b in fc::required_for(ty) {
        let Some(v) = res.get(b.element) else { continue };
        if v.as_str().is_some_and(|code| b.codes.contains(&code.as_ref())) {
            continue;
        }
        let el = msg!("{ty}.{}", b.element);
        match v.as_str() {
            Some(code) => {
                let near = b.codes.iter().find(|c| c.eq_ignore_ascii_case(&code) || kebab(&code) == **c);
                let help = match near {
                    Some(c) => msg!("Did you mean `{c}`? FHIR codes are case-sensitive."),
                    None => {
                        msg!("Use one of: {}.", b.codes.iter().map(|c| msg!("`{c}`")).collect::<Vec<_>>().join(", "))
                    }
                };
                let msg = msg!("`{el}` is `{code}`, which is not in `{}`", b.value_set);
                let d = Diagnostic::new(r::REQUIRED_CODE, msg).with_help(help);
                ctx.out.push(d.with_severity(ctx.severity(r::REQUIRED_CODE)).at(v));
            }
            None => {
                let what = v.kind().article_name();
                ctx.emit(r::REQUIRED_CODE, v, msg!("`{el}` is {what}, not a code"));
            }
        }
    }
}

/// `issue.severity` and `issue.code` of an OperationOutcome (both required bindings).
fn outcome_codes(oo: Value<'_, '_>, ctx: &mut Ctx) {
    let Some(issues) = oo.get("issue") else { return };
    for issue in issues.items() {
        for (member, codes, vs) in [
            ("severity", fc::ISSUE_SEVERITY, "http://hl7.org/fhir/ValueSet/issue-severity"),
            ("code", fc::ISSUE_TYPE, "http://hl7.org/fhir/ValueSet/issue-type"),
        ] {
            let Some(v) = issue.get(member) else { continue };
            if v.as_str().is_some_and(|c| codes.contains(&c.as_ref())) {
                continue;
            }
            let shown = v.as_str().map_or_else(|| v.kind().article_name().to_owned(), |c| msg!("`{c}`"));
            ctx.emit(r::REQUIRED_CODE, v, msg!("`OperationOutcome.issue.{member}` is {shown}, which is not in `{vs}`"));
        }
    }
}

/// A CodeableConcept bound (preferred) to a GOMS code system.
fn goms_code(cc: Value<'_, '_>, cs: &CodeSystem, ctx: &mut Ctx) {
    let rule = match cs.url {
        u if u == fc::TASK_CODE.url => r::TASK_CODE,
        u if u == fc::BUSINESS_STATUS.url => r::BUSINESS_STATUS,
        _ => r::STATUS_REASON,
    };
    // Read in place (twice at most), not collected: this runs for each coded element of a Task.
    let coding_list = cc.get("coding");
    let codings = || coding_list.into_iter().flat_map(|c| c.items()).filter(|x| x.is_object());
    let el = cs.element;
    let mut from_system = false;
    for coding in codings() {
        if !coding.get("system").is_some_and(|s| s.str_is(cs.url)) {
            continue;
        }
        from_system = true;
        let Some(code_v) = coding.get("code") else { continue };
        let code = code_v.as_str().unwrap_or_default();
        if cs.codes.contains(&code.as_ref()) {
            continue;
        }
        let mut d = Diagnostic::new(rule, msg!("`{el}` code `{code}` is not in `{}`", cs.url));
        if let Some(c) = cs.codes.iter().find(|c| kebab(&code) == **c || c.eq_ignore_ascii_case(&code)) {
            d = d.with_help(msg!("Did you mean `{c}`? GOMS codes are kebab-case."));
        }
        ctx.out.push(d.with_severity(ctx.severity(rule)).at(code_v));
    }
    if from_system {
        return;
    }
    // No coding from the code system: say whether a known code sits under another system.
    let misfiled = codings().find_map(|c| {
        let code = c.get_str("code")?;
        cs.codes.contains(&code.as_ref()).then(|| (c.get("system"), code))
    });
    match misfiled {
        Some((Some(sys), code)) => {
            let s = sys.as_str().unwrap_or_default();
            let msg = msg!("`{el}` code `{code}` belongs to `{}`, but its system is `{s}`", cs.url);
            let d = Diagnostic::new(rule, msg).with_help(msg!("Set the coding's system to `{}`.", cs.url));
            ctx.out.push(d.with_severity(ctx.severity(rule)).at(sys));
        }
        _ => {
            let at = cc.get("coding").unwrap_or(cc);
            ctx.emit(rule, at, msg!("`{el}` has no coding from `{}`", cs.url));
        }
    }
}

/// `ProcessGenomicTestRequest` → `process-genomic-test-request`, for "did you mean".
fn kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' || c == ' ' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}
