//! Report views: the hand-written result bundles under `fixtures/report/` and every
//! DiagnosticReport and report-carrying Bundle of the upstream examples in `../shared` are read
//! without panic and snapshotted; a hostile report yields nothing a browser could execute.

use std::path::{Path, PathBuf};

use gom_core::report::{report_view, report_views, ReportView};
use serde_json::Value as J;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("fixture is readable")
}

/// The views as JSON, with attachment data shortened: snapshots hold no documents.
fn redacted(views: &[ReportView]) -> J {
    let mut v = serde_json::to_value(views).expect("views serialize");
    for view in v.as_array_mut().into_iter().flatten() {
        for a in view["attachments"].as_array_mut().into_iter().flatten() {
            if let Some(data) = a.get("data").and_then(J::as_str) {
                let short = format!("<{} base64 characters, starting {}>", data.len(), &data[..data.len().min(8)]);
                a["data"] = J::String(short);
            }
        }
    }
    v
}

#[test]
fn hand_written_reports() {
    insta::glob!("../fixtures", "report/*.json", |path| {
        let views = report_views(&read(path));
        assert!(!views.is_empty());
        insta::assert_json_snapshot!("view", redacted(&views));
    });
}

fn fixture(name: &str) -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/report").join(name))
}

#[test]
fn a_result_bundle_reads_variants_specimens_and_the_pdf() {
    for name in ["variant-result.json", "graph-result.json"] {
        let v = report_view(&fixture(name));
        assert_eq!(v.status_label.as_deref(), Some("Amended"), "{name}");
        let p = v.patient.clone().expect("banner");
        assert_eq!((p.name.as_deref(), p.nhs_number.as_deref()), (Some("Pheobe Ann Smitham"), Some("9449301042")));
        assert_eq!(v.order.as_ref().and_then(|o| o.test.as_ref()).map(|t| t.code.clone()), Some(Some("R98.2".into())));
        let genes: Vec<_> = v.variants.iter().map(|x| (x.gene.as_deref(), x.cdna_change.as_deref())).collect();
        assert_eq!(
            genes,
            [(Some("SLC52A2"), Some("NM_024531.5:c.916G>A")), (Some("SLC52A2"), Some("NM_024531.5:c.1255G>A"))]
        );
        assert_eq!(v.variants[0].classification.as_deref(), Some("Pathogenic"));
        assert_eq!(v.variants[0].gene_id.as_deref(), Some("HGNC:30224"));
        assert_eq!(v.variants[0].allele_frequency.as_deref(), Some("0.48 relative frequency"));
        // The second variant is classified by the diagnostic implication derived from it.
        assert_eq!(v.variants[1].classification.as_deref(), Some("Likely pathogenic"));
        assert_eq!(v.variants[1].condition.as_deref(), Some("Brown-Vialetto-Van Laere syndrome"));
        assert_eq!(v.variants[1].variant_id.as_deref(), Some("VCV000031103"));
        let subjects: Vec<_> = v.specimens.iter().map(|s| s.subject.as_deref()).collect();
        assert_eq!(subjects, [None, Some("Alice Smitham"), Some("James Lawrence")]);
        let pdf = &v.attachments[0];
        assert_eq!(
            (pdf.content_type.as_deref(), pdf.size, pdf.data_size),
            (Some("application/pdf"), Some(193), Some(193))
        );
        assert!(pdf.data.as_deref().is_some_and(|d| d.starts_with("JVBERi0xLjQ")));
        assert!(v.narrative.as_ref().and_then(|n| n.html.as_ref()).is_some());
        assert!(v.problems.is_empty(), "{:#?}", v.problems);
    }
}

#[test]
fn a_hostile_report_yields_nothing_executable() {
    let src = fixture("hostile-report.json");
    let v = report_view(&src);
    let n = v.narrative.as_ref().expect("narrative");
    assert!(n.html.is_none());
    assert_eq!(n.text, "Result\nPDFalert(2)");
    assert!(v.attachments.iter().all(|a| a.url.is_none() && a.data.is_none()));
    // Data stays data: the view copies text verbatim for the page to escape, and says what it refused.
    assert_eq!(v.conclusion.as_deref(), Some("<svg onload=alert('conclusion')></svg>"));
    let codes: Vec<&str> = v.problems.iter().map(|d| d.code).collect();
    for code in ["GOM-RPT-005", "GOM-RPT-006", "GOM-RPT-007", "GOM-RPT-010"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(codes.iter().filter(|c| **c == "GOM-RPT-007").count(), 3);
}

/// The upstream example folders holding reports, and what is in them.
fn upstream_files() -> Option<Vec<PathBuf>> {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared is absent; the upstream report suite is skipped");
        return None;
    };
    let root = shared.join("research/fixtures");
    let mut files = Vec::new();
    for dir in ["genomics-ig/DiagnosticReport", "genomics-ig/Bundle", "genomics-ig/Bundle-removed-upstream", "goms-oas"]
    {
        for e in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                files.push(e.path());
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn upstream_reports() {
    let Some(files) = upstream_files() else { return };
    let mut shown = 0;
    for path in &files {
        let src = read(path);
        let views = report_views(&src);
        assert!(!views.is_empty());
        let has_report = views.iter().any(|v| v.location.is_some());
        let is_document = views.iter().any(|v| v.source == "document");
        if has_report || is_document {
            shown += 1;
            let dir = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
            let file = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
            insta::assert_json_snapshot!(format!("upstream__{dir}__{file}"), redacted(&views));
        }
    }
    // 8 DiagnosticReports, the visibility collection, the removed EU document, 3 OAS report examples.
    assert_eq!(shown, 14);
}

#[test]
fn every_upstream_file_reads_without_panic() {
    let Some(shared) = gom_harness::shared_dir() else { return };
    let mut stack = vec![shared.join("research/fixtures")];
    let mut read_files = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let views = report_views(&read(&p));
                assert!(!views.is_empty(), "{}", p.display());
                read_files += 1;
            }
        }
    }
    assert!(read_files > 400, "{read_files}");
}
