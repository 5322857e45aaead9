//! Result Observations: variants by their genomics-reporting LOINC components, everything else as
//! plain result lines.

use std::collections::{HashMap, HashSet};

use super::index::{Index, Resolved};
use super::read::{concept, follow, member, text};
use super::{ReportView, ResultView, VariantView, V};
use crate::diag::Diagnostic;
use crate::rules::report as r;

const LOINC: &str = "http://loinc.org";
/// Genetic variant assessment: the code of a variant Observation.
const VARIANT_CODE: &str = "69548-6";
const GENE: &str = "48018-6";
const CDNA: &str = "48004-6";
const PROTEIN: &str = "48005-3";
const GENOMIC: &str = "81290-9";
const CHANGE_TYPE: &str = "48019-4";
const DISCRETE_VARIANT: &str = "81252-9";
const ZYGOSITY: &str = "53034-5";
const SIGNIFICANCE: &str = "53037-8";
const PHENOTYPE: &str = "81259-4";
const SOURCE: &str = "48002-0";
const VAF: &str = "81258-6";

/// Deepest `hasMember` grouping followed.
const MAX_DEPTH: usize = 16;

/// The LOINC code of a CodeableConcept, if it has one.
fn loinc(code: Option<V<'_, '_>>) -> Option<String> {
    code?
        .get("coding")?
        .items()
        .find(|c| c.get("system").is_some_and(|s| s.str_is(LOINC)))
        .and_then(|c| member(c, "code"))
}

/// An Observation's or component's `value[x]` as text.
fn value_text(v: V<'_, '_>) -> Option<String> {
    if let Some(c) = v.get("valueCodeableConcept") {
        return concept(c).map(|c| c.label);
    }
    if let Some(q) = v.get("valueQuantity") {
        let n = q.get("value").and_then(|n| n.as_number_text().map(str::to_owned))?;
        let unit = member(q, "unit").or_else(|| member(q, "code"));
        return Some(unit.map_or(n.clone(), |u| format!("{n} {u}")));
    }
    if let Some(b) = v.get("valueBoolean").and_then(|b| b.as_bool()) {
        return Some(if b { "Yes".into() } else { "No".into() });
    }
    if let Some(n) = v.get("valueInteger").and_then(|n| n.as_number_text()) {
        return Some(n.to_owned());
    }
    ["valueString", "valueDateTime", "valueTime"].iter().find_map(|k| text(v.get(k)))
}

/// A component's value: the text to show, and the code and system behind it when coded.
struct Part {
    text: String,
    code: Option<String>,
    system: Option<String>,
}

/// An Observation's components by LOINC code, first value wins: a short list searched in order
/// (an Observation has a handful), not a `HashMap`, whose code for this one type was ~1 KB of
/// the portal's Wasm.
struct Parts(Vec<(String, Part)>);

impl Parts {
    fn get(&self, code: &str) -> Option<&Part> {
        self.0.iter().find(|(c, _)| c == code).map(|(_, p)| p)
    }

    fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }
}

/// The components of an Observation by LOINC code (first value wins), and as display lines.
fn components(o: V<'_, '_>) -> (Parts, Vec<String>) {
    let mut by_code = Parts(Vec::new());
    let mut lines = Vec::new();
    for c in o.get("component").into_iter().flat_map(|c| c.items()) {
        let value = value_text(c);
        let coding = c.get("valueCodeableConcept").and_then(|cc| cc.get("coding")).and_then(|cs| cs.items().next());
        if let (Some(code), Some(text)) = (loinc(c.get("code")), value.clone()) {
            let part = Part {
                text,
                code: coding.and_then(|cd| member(cd, "code")),
                system: coding.and_then(|cd| member(cd, "system")),
            };
            if !by_code.contains_key(&code) {
                by_code.0.push((code, part));
            }
        }
        let label = c.get("code").and_then(concept).map(|c| c.label).unwrap_or_else(|| "Component".into());
        if let Some(v) = value {
            lines.push(format!("{label}: {v}"));
        }
    }
    (by_code, lines)
}

fn is_variant(o: V<'_, '_>, comps: &Parts) -> bool {
    let coded = o
        .get("code")
        .and_then(|c| c.get("coding"))
        .is_some_and(|cs| cs.items().any(|c| c.get("code").is_some_and(|k| k.str_is(VARIANT_CODE))));
    coded
        || [CDNA, PROTEIN, GENOMIC].iter().any(|k| comps.contains_key(k))
        || (comps.contains_key(GENE) && comps.contains_key(ZYGOSITY))
}

/// The result Observations in report order, following `hasMember` (depth-first, each once).
fn collect<'d, 'a>(ix: &Index<'d, 'a>, dr: V<'d, 'a>, problems: &mut Vec<Diagnostic>) -> Vec<V<'d, 'a>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(V<'d, 'a>, V<'d, 'a>, usize)> =
        dr.get("result").into_iter().flat_map(|r| r.items()).map(|reference| (dr, reference, 0)).collect();
    stack.reverse();
    let mut warned = false;
    while let Some((from, reference, depth)) = stack.pop() {
        let Some(o) = follow(ix, from, reference, &["Observation"], "result", problems) else { continue };
        if !seen.insert(o.id()) {
            continue;
        }
        out.push(o);
        let members: Vec<V<'d, 'a>> = o.get("hasMember").into_iter().flat_map(|m| m.items()).collect();
        if depth + 1 > MAX_DEPTH && !members.is_empty() {
            if !warned {
                let msg =
                    format!("Results are grouped more than {MAX_DEPTH} levels deep; the deeper ones are not shown");
                problems.push(Diagnostic::new(r::RESULT_TOO_DEEP, msg).at(reference));
                warned = true;
            }
            continue;
        }
        stack.extend(members.into_iter().rev().map(|m| (o, m, depth + 1)));
    }
    out
}

/// Fills the view's variants and other results from `DiagnosticReport.result`.
pub(super) fn read<'d, 'a>(ix: &Index<'d, 'a>, dr: V<'d, 'a>, view: &mut ReportView, problems: &mut Vec<Diagnostic>) {
    let observations = collect(ix, dr, problems);
    let mut variant_of: HashMap<u32, usize> = HashMap::new();
    let mut implications = Vec::new();
    for o in &observations {
        let (comps, lines) = components(*o);
        let get = |k: &str| comps.get(k).map(|p| p.text.clone());
        if is_variant(*o, &comps) {
            // 81252-9 carries a variant id (ClinVar …); some senders put a Sequence Ontology type there.
            let (change_type, variant_id) = match comps.get(DISCRETE_VARIANT) {
                Some(p) if p.system.as_deref().is_some_and(|s| s.contains("sequenceontology")) => {
                    (Some(p.text.clone()), None)
                }
                Some(p) => (None, Some(p.code.clone().unwrap_or_else(|| p.text.clone()))),
                None => (None, None),
            };
            let gene = comps.get(GENE);
            variant_of.insert(o.id(), view.variants.len());
            view.variants.push(VariantView {
                gene: gene.map(|g| g.text.clone()),
                gene_id: gene.and_then(|g| g.code.clone().filter(|id| *id != g.text)),
                cdna_change: get(CDNA),
                protein_change: get(PROTEIN),
                genomic_change: get(GENOMIC),
                change_type: get(CHANGE_TYPE).or(change_type),
                variant_id,
                zygosity: get(ZYGOSITY),
                classification: get(SIGNIFICANCE),
                condition: get(PHENOTYPE),
                genomic_source: get(SOURCE),
                allele_frequency: get(VAF),
                presence: value_text(*o),
                status: member(*o, "status"),
                location: o.fhirpath(),
            });
        } else if comps.contains_key(SIGNIFICANCE) {
            implications.push((*o, get(SIGNIFICANCE), get(PHENOTYPE), lines));
        } else if value_text(*o).is_some() || !lines.is_empty() || o.get("note").is_some() {
            view.other_results.push(result_line(*o, lines));
        }
    }
    // A diagnostic implication classifies the variants it is derived from.
    for (o, significance, phenotype, lines) in implications {
        let mut applied = false;
        for d in o.get("derivedFrom").into_iter().flat_map(|d| d.items()) {
            if let Resolved::Found(target) = ix.resolve(o, d) {
                if let Some(v) = variant_of.get(&target.id()).and_then(|&i| view.variants.get_mut(i)) {
                    v.classification = v.classification.take().or(significance.clone());
                    v.condition = v.condition.take().or(phenotype.clone());
                    applied = true;
                }
            }
        }
        if !applied {
            view.other_results.push(result_line(o, lines));
        }
    }
}

fn result_line(o: V<'_, '_>, components: Vec<String>) -> ResultView {
    ResultView {
        label: o.get("code").and_then(concept).map(|c| c.label).unwrap_or_else(|| "Result".into()),
        value: value_text(o),
        components,
        notes: o.get("note").into_iter().flat_map(|n| n.items()).filter_map(|n| member(n, "text")).collect(),
        status: member(o, "status"),
        location: o.fhirpath(),
    }
}
