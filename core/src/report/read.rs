//! Reading one DiagnosticReport into a [`ReportView`], and the small readers of FHIR data types
//! the other report files share.

use super::index::{Index, Resolved};
use super::{attach, results};
use super::{
    CodeView, IdentifierView, NarrativeView, OrderView, OrganisationView, PatientBanner, ReportView, SpecimenView, V,
};
use crate::compose::{nhs_number, systems as sys};
use crate::diag::Diagnostic;
use crate::rules::report as r;

/// A non-empty string value, trimmed.
pub(super) fn text(v: Option<V<'_, '_>>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub(super) fn member(v: V<'_, '_>, name: &str) -> Option<String> {
    text(v.get(name))
}

/// A Coding as a label.
pub(super) fn coding(c: V<'_, '_>) -> Option<CodeView> {
    let code = member(c, "code");
    let label = member(c, "display").or_else(|| code.clone())?;
    Some(CodeView { label, code, system: member(c, "system") })
}

/// A CodeableConcept as a label: its text, else its first coding with a display, else a code.
pub(super) fn concept(v: V<'_, '_>) -> Option<CodeView> {
    let codings: Vec<V<'_, '_>> = v.get("coding").into_iter().flat_map(|c| c.items()).collect();
    let first = codings.iter().find(|c| c.get("display").is_some()).or(codings.first()).and_then(|c| coding(*c));
    match (member(v, "text"), first) {
        (Some(label), Some(c)) => Some(CodeView { label, ..c }),
        (Some(label), None) => Some(CodeView { label, code: None, system: None }),
        (None, c) => c,
    }
}

pub(super) fn identifiers(v: Option<V<'_, '_>>) -> Vec<IdentifierView> {
    v.into_iter()
        .flat_map(|v| v.items())
        .filter_map(|i| Some(IdentifierView { system: member(i, "system"), value: member(i, "value")? }))
        .collect()
}

/// Reports a reference that names nothing in the document.
pub(super) fn unresolved(problems: &mut Vec<Diagnostic>, at: V<'_, '_>, target: &str, what: &str) {
    let msg = format!("`{target}` ({what}) is not in the document");
    problems.push(Diagnostic::new(r::UNRESOLVED, msg).at(at));
}

/// Resolves a reference and checks the target's type; `None` (with a problem) otherwise.
pub(super) fn follow<'d, 'a>(
    ix: &Index<'d, 'a>,
    from: V<'d, 'a>,
    reference: V<'d, 'a>,
    types: &[&str],
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<V<'d, 'a>> {
    match ix.resolve(from, reference) {
        Resolved::Found(v) => {
            let ty = member(v, "resourceType").unwrap_or_default();
            if types.contains(&ty.as_str()) {
                Some(v)
            } else {
                let msg = format!("The {what} reference points at a `{ty}`, not {}", types.join(" or "));
                problems.push(Diagnostic::new(r::NOT_A_REPORT_TYPE, msg).at(reference));
                None
            }
        }
        Resolved::Missing(target) => {
            unresolved(problems, reference, &target, what);
            None
        }
        Resolved::Absent => None,
    }
}

const STATUSES: &[(&str, &str)] = &[
    ("registered", "Registered"),
    ("partial", "Partial"),
    ("preliminary", "Preliminary"),
    ("final", "Final"),
    ("amended", "Amended"),
    ("corrected", "Corrected"),
    ("appended", "Appended"),
    ("cancelled", "Cancelled"),
    ("entered-in-error", "Entered in error"),
    ("unknown", "Unknown"),
];

pub(super) fn read_report<'d, 'a>(ix: &Index<'d, 'a>, dr: V<'d, 'a>, problems: &mut Vec<Diagnostic>) -> ReportView {
    let mut view = ReportView {
        source: ix.source.clone(),
        location: Some(dr.fhirpath()),
        id: member(dr, "id"),
        identifiers: identifiers(dr.get("identifier")),
        test: dr.get("code").and_then(concept),
        categories: dr.get("category").into_iter().flat_map(|c| c.items()).filter_map(concept).collect(),
        conclusion: member(dr, "conclusion"),
        conclusion_codes: dr.get("conclusionCode").into_iter().flat_map(|c| c.items()).filter_map(concept).collect(),
        issued: member(dr, "issued"),
        effective: member(dr, "effectiveDateTime")
            .or_else(|| dr.get("effectivePeriod").and_then(|p| member(p, "start"))),
        ..ReportView::default()
    };
    status(dr, &mut view, problems);
    let subject = dr.get("subject");
    let patient = subject.and_then(|s| follow(ix, dr, s, &["Patient"], "patient", problems));
    view.patient = banner(subject, patient);
    view.order = order(ix, dr, problems);
    results::read(ix, dr, &mut view, problems);
    view.specimens = specimens(ix, dr, patient, problems);
    view.performers = performers(ix, dr, problems);
    view.attachments = attach::read(dr, problems);
    view.narrative = narrative(dr, problems);
    view
}

fn status(dr: V<'_, '_>, view: &mut ReportView, problems: &mut Vec<Diagnostic>) {
    match dr.get("status") {
        None => problems.push(Diagnostic::new(r::STATUS, "The report has no `status`").at_missing(dr, "status")),
        Some(s) => {
            let code = text(Some(s));
            match code.as_deref().and_then(|c| STATUSES.iter().find(|(k, _)| *k == c)) {
                Some((_, label)) => view.status_label = Some((*label).to_owned()),
                None => {
                    let shown = code.clone().unwrap_or_else(|| s.kind().article_name().to_owned());
                    let msg = format!("`{shown}` is not a DiagnosticReport status");
                    problems.push(Diagnostic::new(r::STATUS, msg).at(s));
                }
            }
            view.status = code;
        }
    }
}

/// The banner, from the Patient when it is in the document, else from what the reference says.
fn banner(subject: Option<V<'_, '_>>, patient: Option<V<'_, '_>>) -> Option<PatientBanner> {
    let mut b = PatientBanner::default();
    if let Some(p) = patient {
        b.resolved = true;
        let names: Vec<V<'_, '_>> = p.get("name").into_iter().flat_map(|n| n.items()).collect();
        let name = names.iter().find(|n| n.get("use").is_some_and(|u| u.str_is("official"))).or(names.first());
        if let Some(n) = name {
            b.family = member(*n, "family");
            b.given = n.get("given").into_iter().flat_map(|g| g.items()).filter_map(|g| text(Some(g))).collect();
            let parts: Vec<String> = b.given.iter().cloned().chain(b.family.clone()).collect();
            b.name = member(*n, "text").or_else(|| (!parts.is_empty()).then(|| parts.join(" ")));
        }
        b.nhs_number = identifiers(p.get("identifier"))
            .into_iter()
            .find(|i| i.system.as_deref() == Some(sys::NHS_NUMBER))
            .map(|i| i.value);
        b.birth_date = member(p, "birthDate");
        b.sex = member(p, "gender");
    } else {
        let s = subject?;
        b.name = member(s, "display");
        b.nhs_number = s
            .get("identifier")
            .filter(|i| i.get("system").is_some_and(|v| v.str_is(sys::NHS_NUMBER)))
            .and_then(|i| member(i, "value"));
        if b.name.is_none() && b.nhs_number.is_none() {
            return None;
        }
    }
    b.nhs_number_valid = b.nhs_number.as_deref().map(nhs_number::is_valid);
    Some(b)
}

fn order<'d, 'a>(ix: &Index<'d, 'a>, dr: V<'d, 'a>, problems: &mut Vec<Diagnostic>) -> Option<OrderView> {
    let based_on = dr.get("basedOn").into_iter().flat_map(|b| b.items()).next()?;
    let mut o = OrderView { reference: member(based_on, "reference"), ..OrderView::default() };
    o.identifiers = identifiers(based_on.get("identifier"));
    if let Some(sr) = follow(ix, dr, based_on, &["ServiceRequest"], "order", problems) {
        o.identifiers = identifiers(sr.get("identifier"));
        o.test = sr.get("code").and_then(concept);
    }
    Some(o)
}

/// A one-line description of a person: name, else NHS number, else the reference's display.
fn person_label(p: V<'_, '_>) -> Option<String> {
    banner(None, Some(p)).and_then(|b| b.name.or(b.nhs_number))
}

fn specimens<'d, 'a>(
    ix: &Index<'d, 'a>,
    dr: V<'d, 'a>,
    patient: Option<V<'d, 'a>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<SpecimenView> {
    let mut out = Vec::new();
    for reference in dr.get("specimen").into_iter().flat_map(|s| s.items()) {
        let Some(s) = follow(ix, dr, reference, &["Specimen"], "specimen", problems) else {
            let identifiers = identifiers(reference.get("identifier")).into_iter().map(|i| i.value).collect();
            out.push(SpecimenView { kind: member(reference, "display"), identifiers, ..SpecimenView::default() });
            continue;
        };
        let collection = s.get("collection");
        let collected = collection.and_then(|c| {
            member(c, "collectedDateTime").or_else(|| c.get("collectedPeriod").and_then(|p| member(p, "start")))
        });
        let subject = s.get("subject").and_then(|subj| match ix.resolve(s, subj) {
            Resolved::Found(p) if patient.is_some_and(|own| own.id() == p.id()) => None,
            Resolved::Found(p) => person_label(p),
            _ => None,
        });
        out.push(SpecimenView {
            kind: s.get("type").and_then(concept).map(|c| c.label),
            collected,
            identifiers: identifiers(s.get("identifier")).into_iter().map(|i| i.value).collect(),
            subject,
            status: member(s, "status"),
            resolved: true,
        });
    }
    out
}

fn performers<'d, 'a>(ix: &Index<'d, 'a>, dr: V<'d, 'a>, problems: &mut Vec<Diagnostic>) -> Vec<OrganisationView> {
    let mut out = Vec::new();
    for p in dr.get("performer").into_iter().flat_map(|p| p.items()) {
        let ods_of = |v: Option<V<'_, '_>>| {
            identifiers(v)
                .into_iter()
                .find(|i| i.system.as_deref().is_some_and(|s| s.contains("ods-organi")))
                .map(|i| i.value)
        };
        let mut o = OrganisationView { ods: ods_of(p.get("identifier")), name: member(p, "display") };
        let types = ["Organization", "Practitioner", "PractitionerRole", "CareTeam"];
        if let Some(res) = follow(ix, dr, p, &types, "performer", problems) {
            o.name = member(res, "name").or(o.name);
            o.ods = ods_of(res.get("identifier")).or(o.ods);
        }
        if o.ods.is_some() || o.name.is_some() {
            out.push(o);
        }
    }
    out
}

fn narrative(dr: V<'_, '_>, problems: &mut Vec<Diagnostic>) -> Option<NarrativeView> {
    let t = dr.get("text")?;
    let div_value = t.get("div")?;
    let div = div_value.as_str()?;
    let check = crate::narrative::check(&div);
    let text = crate::narrative::plain_text(&div);
    let safe = check.is_safe();
    if !safe {
        let first =
            check.findings.iter().find(|f| f.severity.is_error()).map(|f| f.message.clone()).unwrap_or_default();
        let msg = format!("The narrative is shown as plain text: {first}");
        problems.push(Diagnostic::new(r::NARRATIVE_UNSAFE, msg).at(div_value));
    }
    Some(NarrativeView { status: member(t, "status"), html: safe.then(|| div.into_owned()), text })
}
