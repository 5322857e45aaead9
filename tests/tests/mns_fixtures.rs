//! Upstream notification examples (`../shared/research/fixtures/mns/`, seed 000's two examples)
//! through `gom_core::events`: each reads without error, and converting it to the other form and
//! back gives the same event.

use gom_core::events::{check, to_cloudevent, to_fhir, Form};

fn errors(src: &str) -> Vec<String> {
    check(src)
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity.is_error())
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

fn round_trips(name: &str, src: &str) {
    let c = check(src);
    let ev = c.event.unwrap_or_else(|| panic!("{name}: unreadable"));
    let fhir = to_fhir(&ev, None).to_string();
    assert_eq!(errors(&fhir), Vec::<String>::new(), "{name} as FHIR");
    assert_eq!(check(&fhir).event.as_ref(), Some(&ev), "{name}: FHIR round trip");
    let ce = to_cloudevent(&ev).to_string();
    assert_eq!(check(&ce).event.as_ref(), Some(&ev), "{name}: CloudEvent round trip");
}

#[test]
fn mns_examples_read_and_round_trip() {
    let Some(shared) = gom_harness::shared_dir() else {
        eprintln!("notice: ../shared is absent; MNS fixtures not checked");
        return;
    };
    let mns = shared.join("research/fixtures/mns");
    let (mut seen, mut legacy) = (0, 0);
    for dir in ["signal-schemas/examples", "specification/schemas/cloudevents/examples"] {
        let mut files: Vec<_> = walk(&mns.join(dir));
        files.sort();
        for f in files {
            let src = std::fs::read_to_string(&f).expect("readable");
            let name = f.display().to_string();
            if name.contains("hydrated") {
                // Two entries (signal + resource): the second entry is not part of the event.
                assert_eq!(check(&src).form, Some(Form::Fhir), "{name}");
                continue;
            }
            if !src.contains("specversion") && !src.contains("\"Bundle\"") {
                // MNS's pre-CloudEvents signals (object `subject` and `source`, no
                // `specversion`): refused as neither form.
                assert_eq!(errors(&src).iter().map(|e| &e[..11]).collect::<Vec<_>>(), ["GOM-EVT-001"], "{name}");
                legacy += 1;
                continue;
            }
            assert_eq!(errors(&src), Vec::<String>::new(), "{name}");
            round_trips(&name, &src);
            seen += 1;
        }
    }
    assert_eq!((seen, legacy), (19, 3));
}

#[test]
fn seed_000_examples_read_and_round_trip() {
    let Some(shared) = gom_harness::shared_dir() else { return };
    let Some(seed) = std::fs::read_dir(shared.join("seeds"))
        .ok()
        .and_then(|d| d.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.to_string_lossy().contains("/000_")))
    else {
        return;
    };
    let text = std::fs::read_to_string(seed).expect("readable");
    let fhir = block(&text, "Example FHIR event\n", "Example CloudEvent");
    let ce = block(&text, "Example CloudEvent\n", "Event filtering");
    assert_eq!(errors(fhir), Vec::<String>::new());
    assert_eq!(errors(ce), Vec::<String>::new());
    round_trips("seed FHIR", fhir);
    round_trips("seed CloudEvent", ce);
    let (a, b) = (check(fhir).event.expect("fhir"), check(ce).event.expect("ce"));
    assert_eq!(
        (a.type_.as_str(), a.subject.as_deref()),
        ("genomic-order-event-1", Some("0dfd745c-93d1-4e6f-9277-bcd1cb5e9f0a"))
    );
    assert_eq!(a.dataref, b.dataref);
}

fn block<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let s = text.find(start).map(|i| i + start.len()).expect("start marker");
    let e = text[s..].find(end).map(|i| s + i).expect("end marker");
    &text[s..e]
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    out
}
