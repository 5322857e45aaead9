use super::*;

/// `code@line:col` per problem.
fn problems(v: &ReportView) -> Vec<String> {
    v.problems.iter().map(|d| format!("{}@{}:{}", d.code, d.line.unwrap_or(0), d.column.unwrap_or(0))).collect()
}

const DR: &str = r#"{"resourceType":"DiagnosticReport","id":"r1","status":"final",
"code":{"coding":[{"system":"http://snomed.info/sct","code":"1054161000000101","display":"Genetic report"}]},
"subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9449307539"},"display":"Pheobe Smitham"},
"issued":"2023-10-16T15:50:00Z",
"presentedForm":[{"contentType":"application/pdf","data":"JVBERi0xLjQ=","size":8,"title":"Report"}]}"#;

#[test]
fn a_lone_report() {
    let v = report_view(DR);
    assert_eq!(v.source, "DiagnosticReport");
    assert_eq!(v.location.as_deref(), Some("DiagnosticReport"));
    assert_eq!((v.status.as_deref(), v.status_label.as_deref()), (Some("final"), Some("Final")));
    assert_eq!(v.test.as_ref().map(|t| t.label.as_str()), Some("Genetic report"));
    let p = v.patient.clone().unwrap_or_default();
    assert_eq!(
        (p.name.as_deref(), p.nhs_number.as_deref(), p.resolved),
        (Some("Pheobe Smitham"), Some("9449307539"), false)
    );
    assert_eq!(p.nhs_number_valid, Some(true));
    assert_eq!(v.attachments[0].data_size, Some(8));
    assert_eq!(problems(&v), Vec::<String>::new());
}

#[test]
fn never_panics_and_reports_what_it_cannot_read() {
    for (src, want) in [
        ("", vec!["GOM-RPT-001@1:1"]),
        ("{", vec!["GOM-RPT-001@1:2"]),
        ("[1,2]", vec!["GOM-RPT-002@1:1"]),
        ("{\"resourceType\":\"Patient\"}", vec!["GOM-RPT-002@1:1"]),
        ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}", vec!["GOM-RPT-002@1:1"]),
        ("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"DiagnosticReport\"}}]}", vec![
            "GOM-RPT-005@1:47",
            "GOM-RPT-009@1:47",
        ]),
        ("{\"resourceType\":\"DiagnosticReport\",\"status\":7,\"result\":{\"reference\":\"#x\"},\"presentedForm\":5}", vec![
            "GOM-RPT-005@1:45",
            "GOM-RPT-004@1:56",
        ]),
    ] {
        assert_eq!(problems(&report_view(src)), want, "{src}");
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(problems(&report_view(&deep)), vec!["GOM-RPT-001@1:257"]);
}

#[test]
fn unsafe_narratives_and_urls_are_not_passed_on() {
    let src = r#"{"resourceType":"DiagnosticReport","status":"final",
"text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"x\" onerror=\"alert(1)\"/>Result</div>"},
"presentedForm":[{"contentType":"application/pdf","url":"javascript:alert(1)","data":"not base64!"}]}"#;
    let v = report_view(src);
    let n = v.narrative.clone().unwrap_or_default();
    assert_eq!((n.html, n.text.as_str()), (None, "Result"));
    assert_eq!((v.attachments[0].url.as_deref(), v.attachments[0].data.as_deref()), (None, None));
    assert_eq!(problems(&v), vec!["GOM-RPT-010@2:36", "GOM-RPT-007@3:57", "GOM-RPT-006@3:86"]);
    let safe = src.replace(" onerror=\\\"alert(1)\\\"", " alt=\\\"\\\"");
    assert!(report_view(&safe).narrative.and_then(|n| n.html).is_some());
}

#[test]
fn contained_and_bundled_references_resolve() {
    let src = r##"{"resourceType":"Bundle","type":"collection","entry":[
{"fullUrl":"urn:uuid:dr1","resource":{"resourceType":"DiagnosticReport","status":"amended",
  "contained":[{"resourceType":"Specimen","id":"s","type":{"text":"Saliva"}}],
  "subject":{"reference":"Patient/p1"},"specimen":[{"reference":"#s"},{"reference":"urn:uuid:gone"}],
  "performer":[{"reference":"http://example.org/fhir/Organization/o1"}]}},
{"fullUrl":"http://example.org/fhir/Patient/p1","resource":{"resourceType":"Patient",
  "name":[{"given":["Ann"],"family":"Lee"}],"identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9449307538"}]}},
{"fullUrl":"http://example.org/fhir/Organization/o1","resource":{"resourceType":"Organization","id":"o1","name":"North Lab",
  "identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"R0A"}]}},
{"resource":{"resourceType":"DiagnosticReport","status":"final","presentedForm":[]}}
]}"##;
    let views = report_views(src);
    assert_eq!(views.len(), 2);
    let v = &views[0];
    assert_eq!(v.status_label.as_deref(), Some("Amended"));
    let p = v.patient.clone().unwrap_or_default();
    assert_eq!((p.name.as_deref(), p.resolved, p.nhs_number_valid), (Some("Ann Lee"), true, Some(false)));
    assert_eq!(v.specimens[0].kind.as_deref(), Some("Saliva"));
    assert!(!v.specimens[1].resolved);
    assert_eq!(v.performers[0], OrganisationView { ods: Some("R0A".into()), name: Some("North Lab".into()) });
    assert_eq!(problems(v), vec!["GOM-RPT-009@2:38", "GOM-RPT-004@4:71"]);
    assert_eq!(views[1].location.as_deref(), Some("Bundle.entry[3].resource"));
    assert_eq!(problems(&report_view(src))[0], "GOM-RPT-003@0:0");
}

#[test]
fn reports_are_found_in_every_kind_of_bundle() {
    let dr = r#"{"resourceType":"DiagnosticReport","status":"preliminary","presentedForm":[{"url":"https://lab.example/r.pdf"}]}"#;
    for ty in ["transaction", "searchset", "document", "collection", "message", "history"] {
        let src = format!(
            r#"{{"resourceType":"Bundle","type":"{ty}","entry":[{{"resource":{{"resourceType":"MessageHeader"}}}},{{"fullUrl":"urn:uuid:1","resource":{dr}}}]}}"#
        );
        let v = report_view(&src);
        assert_eq!(v.source, ty);
        assert_eq!(v.location.as_deref(), Some("Bundle.entry[1].resource"), "{ty}");
        assert_eq!(v.status_label.as_deref(), Some("Preliminary"));
        assert_eq!(v.attachments[0].url.as_deref(), Some("https://lab.example/r.pdf"));
        assert_eq!(problems(&v), Vec::<String>::new(), "{ty}");
    }
}
