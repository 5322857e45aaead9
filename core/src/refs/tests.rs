use super::*;
use crate::json::Doc;

/// One line per reference: `entry element kind resolution -> target type`.
fn check(src: &str, expected: &[&str]) {
    let doc = Doc::parse(src).unwrap();
    let ix = BundleIndex::build(doc.root());
    let got: Vec<String> = ix
        .references()
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {:?} -> {} {}",
                r.source().map_or("-".to_owned(), |s| s.to_string()),
                ix.element(r),
                r.kind.as_str(),
                r.resolution,
                r.target().map_or("-".to_owned(), |t| t.to_string()),
                r.target_type.as_deref().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

const U1: &str = "urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e01";

#[test]
fn resolves_each_form() {
    let src = format!(
        r##"{{"resourceType":"Bundle","type":"transaction","entry":[
      {{"fullUrl":"{U1}","resource":{{"resourceType":"Patient","id":"p1",
         "generalPractitioner":[{{"identifier":{{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"A1"}}}}],
         "link":[{{"other":{{"reference":"https://pds.example/Patient/9"}}}}]}}}},
      {{"fullUrl":"urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e02","resource":{{"resourceType":"ServiceRequest",
         "subject":{{"reference":"{U1}"}},
         "specimen":[{{"reference":"urn:uuid:3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4eff"}},{{"reference":"Specimen/s9"}}],
         "requester":{{"reference":"#pr"}},
         "performer":[{{"reference":"Patient/3b1e8f0a-6c3d-4a57-9d0e-0a1b2c3d4e01"}}],
         "basedOn":[{{"reference":"ServieRequest/x"}}],
         "contained":[{{"resourceType":"PractitionerRole","id":"pr","organization":{{"reference":"#"}}}}]}}}},
      {{"fullUrl":"http://example.org/fhir/Specimen/s1","resource":{{"resourceType":"Specimen","id":"s1",
         "subject":{{"reference":"Patient/p1"}},"parent":[{{"reference":"Specimen/s1"}}],
         "request":[{{"reference":"http://example.org/fhir/Specimen/s1/_history/2"}}]}}}},
      {{"resource":{{"resourceType":"Task","id":"t1","focus":{{"reference":"Task/t1"}}}},"request":{{"method":"PUT","url":"Task/t1"}}}}
    ]}}"##
    );
    check(
        &src,
        &[
            "0 Patient.generalPractitioner identifier Logical -> - ?",
            "0 Patient.link.other absolute External -> - Patient",
            "1 ServiceRequest.subject urn:uuid Entry -> 0 Patient",
            "1 ServiceRequest.specimen urn:uuid Dangling -> - ?",
            "1 ServiceRequest.specimen relative Server -> - Specimen",
            "1 ServiceRequest.requester contained Contained -> - PractitionerRole",
            "1 ServiceRequest.performer relative EntryById -> 0 Patient",
            "1 ServiceRequest.basedOn invalid Invalid -> - ?",
            "1 PractitionerRole.organization contained Contained -> - ServiceRequest",
            "2 Specimen.subject relative EntryById -> 0 Patient",
            "2 Specimen.parent relative Entry -> 2 Specimen",
            "2 Specimen.request absolute Entry -> 2 Specimen",
            "3 Task.focus relative Entry -> 3 Task",
        ],
    );
}

#[test]
fn identifier_only_needs_a_reference_shape_and_nested_assigners_count() {
    let src = r#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation",
      "subject":{"reference":"Patient/p","identifier":{"system":"s","value":"v",
         "assigner":{"identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RAX"}}}},
      "component":[{"identifier":{"value":"not a reference"},"code":{}}],
      "focus":[{"type":"Patient","identifier":{"value":"1"},"display":"x"}]}}]}"#;
    check(
        src,
        &[
            "0 Observation.subject relative Server -> - Patient",
            "0 Observation.subject.identifier.assigner identifier Logical -> - ?",
            "0 Observation.focus identifier Logical -> - Patient",
        ],
    );
}

#[test]
fn index_lookups_and_incoming_edges() {
    let src = format!(
        r#"{{"resourceType":"Bundle","entry":[
      {{"fullUrl":"{U1}","resource":{{"resourceType":"Patient"}}}},
      {{"fullUrl":"{U1}","resource":{{"resourceType":"Patient"}}}},
      {{"resource":{{"resourceType":"Specimen","subject":{{"reference":"{U1}"}}}}}},
      {{"resource":{{"resourceType":"Specimen","subject":{{"reference":"{U1}"}}}}}},
      7
    ]}}"#
    );
    let doc = Doc::parse(&src).unwrap();
    let ix = BundleIndex::build(doc.root());
    assert_eq!(ix.entries().len(), 5);
    assert_eq!(ix.duplicate_full_urls(), &[(1, 0)]);
    assert_eq!(ix.by_full_url(U1), Some(0));
    assert_eq!(ix.by_type_id("Patient", &U1["urn:uuid:".len()..]), Some(0));
    assert_eq!(ix.refs_to(0).count(), 2);
    assert_eq!(ix.refs_to(1).count(), 0);
    assert_eq!(ix.refs_from(2).len(), 1);
    assert_eq!(ix.refs_from(4).len(), 0);
    assert_eq!(ix.refs_from(99).len(), 0);
    assert_eq!(ix.references()[0].expression(), "Bundle.entry[2].resource.subject");
}

#[test]
fn not_a_bundle_has_no_entries() {
    check(
        r#"{"resourceType":"Patient","managingOrganization":{"reference":"Organization/o"}}"#,
        &["- Patient.managingOrganization relative Server -> - Organization"],
    );
    check("[]", &[]);
}

/// The compact table: keys that share a whole hash (forced here) are told apart by their text,
/// a repeated key keeps its first value, and every key inserted is found again.
#[test]
fn table_keeps_the_first_value_and_survives_collisions() {
    let keys = ["a", "b", "c", "a", "d", "b", "e", "f", "g", "h", "c", "i"];
    // (hash, key): three keys share hash 7, the rest share 9, so every probe walks a chain.
    let hash = |k: &str| if "abc".contains(k) { 7 } else { 9 };
    let mut t = table::Table::with_keys(keys.len());
    let mut repeats = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let same = |v: u32| keys[v as usize] == *k;
        if let Some(first) = t.insert(hash(k), i as u32, same) {
            repeats.push((i, first));
        }
    }
    assert_eq!(repeats, [(3, 0), (5, 1), (10, 2)]);
    for (k, want) in [("a", Some(0)), ("c", Some(2)), ("i", Some(11)), ("e", Some(6)), ("z", None)] {
        assert_eq!(t.find(hash(k), |v| keys[v as usize] == k), want, "{k}");
    }
}

/// A bundle larger than one resolution batch (32 references), with repeated fullUrls and ids:
/// every reference resolves to the first entry with its fullUrl, duplicates are listed in entry
/// order, and `Type/id` keeps the first entry too, as the hash maps did before the compact index.
#[test]
fn large_bundle_resolves_like_a_linear_search() {
    let url = |i: usize| format!("urn:uuid:00000000-0000-4000-8000-{:012}", i % 97);
    let n = 300;
    let mut entries = Vec::new();
    for i in 0..n {
        entries.push(format!(
            r#"{{"fullUrl":"{}","resource":{{"resourceType":"Observation","id":"o{}","subject":{{"reference":"{}"}},"focus":[{{"reference":"Observation/o{}"}}]}}}}"#,
            url(i),
            i % 50,
            url(i * 7 + 3),
            (i * 11) % 60
        ));
    }
    let src = format!(r#"{{"resourceType":"Bundle","type":"transaction","entry":[{}]}}"#, entries.join(","));
    let doc = Doc::parse(&src).unwrap();
    let ix = BundleIndex::build(doc.root());
    let first_url = |u: &str| (0..n).find(|&j| url(j) == u).map(|j| j as u32);
    let first_id = |id: &str| (0..n).find(|&j| format!("o{}", j % 50) == id).map(|j| j as u32);
    let want_dups: Vec<(u32, u32)> =
        (0..n).filter_map(|i| first_url(&url(i)).filter(|&f| f != i as u32).map(|f| (i as u32, f))).collect();
    assert_eq!(ix.duplicate_full_urls(), &want_dups[..]);
    assert_eq!(ix.references().len(), 2 * n);
    for (k, r) in ix.references().iter().enumerate() {
        let i = k / 2;
        let want = if k % 2 == 0 { first_url(&url(i * 7 + 3)) } else { first_id(&format!("o{}", (i * 11) % 60)) };
        assert_eq!(r.target(), want, "reference {k}");
        assert_eq!(r.source(), Some(i as u32));
    }
    for e in 0..n as u32 {
        let incoming = ix.refs_to(e).count();
        assert_eq!(incoming, ix.references().iter().filter(|r| r.target() == Some(e)).count(), "entry {e}");
    }
}
