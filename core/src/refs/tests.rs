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
        assert_eq!(t.find(hash(k), |v| keys[v as usize] == k, |v| k.cmp(keys[v as usize])), want, "{k}");
    }
}

/// The worst a crafted bundle can do to the table: every key with one whole hash (so one start
/// slot and one tag, and a text comparison at every slot a probe visits). Without the probe cap
/// the `n` insertions and `n` lookups visit about n² slots (2.6 million for these 2,000); with it,
/// at most 32 slots each plus a binary search of the overflow, and the sort that seals it.
#[test]
fn colliding_keys_cost_bounded_probes() {
    let n = 2000usize;
    // Key i is `k{i / 2}` for even i and `k{i}` for odd i, so every even key past 0 repeats.
    let key = |i: usize| format!("k{}", if i % 2 == 0 { i / 2 } else { i });
    let keys: Vec<String> = (0..n).map(key).collect();
    let mut t = table::Table::with_keys(n);
    let mut repeats = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(first) = t.insert(42, i as u32, |v| keys[v as usize] == *k) {
            repeats.push((i as u32, first));
        }
    }
    repeats.extend(t.seal(|a, b| keys[a as usize].cmp(&keys[b as usize])));
    repeats.sort_unstable();
    let first = |k: &str| keys.iter().position(|x| x == k).map(|p| p as u32);
    let want: Vec<(u32, u32)> =
        (0..n).filter_map(|i| first(&keys[i]).filter(|&f| f != i as u32).map(|f| (i as u32, f))).collect();
    assert_eq!(repeats, want);
    for k in keys.iter().map(String::as_str).chain(["k-1", "zz", ""]) {
        let got = t.find(42, |v| keys[v as usize] == k, |v| k.cmp(&keys[v as usize]));
        assert_eq!(got, first(k), "{k}");
    }
    let log = usize::BITS - n.leading_zeros(); // 11
    let bound = n * (32 + 32 + 3 * log as usize);
    assert!(t.probes.get() <= bound, "{} probes for {n} colliding keys, more than {bound}", t.probes.get());
}

/// fullUrls whose FxHash is one and the same 64-bit value: `urn:x:01` + 8 free bytes + the 8
/// bytes that bring the hash back to a fixed state (kept when they are ASCII, 1 in 256 tries).
fn colliding_urls(n: usize) -> Vec<String> {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap());
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let h0 = step(0, word(b"urn:x:01"));
    let mut target = None;
    let mut out = Vec::new();
    for c in 0u64.. {
        if out.len() == n {
            break;
        }
        // Eight printable bytes from the counter: base 64 over `0-9A-Za-z+_`.
        let digits = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+_";
        let mid: Vec<u8> = (0..8).map(|d| digits[((c >> (6 * d)) & 63) as usize]).collect();
        let h1 = step(h0, word(&mid)).rotate_left(5);
        let t = *target.get_or_insert(h1 ^ word(b"00000000"));
        let last = (h1 ^ t).to_le_bytes();
        if last.iter().any(|&b| b >= 0x80) {
            continue;
        }
        let mut url = b"urn:x:01".to_vec();
        url.extend_from_slice(&mid);
        url.extend_from_slice(&last);
        let Ok(url) = String::from_utf8(url) else { continue };
        if url.contains("/_history/") {
            continue;
        }
        out.push(url);
    }
    out
}

/// A bundle of entries whose fullUrls all share one hash, each referenced once and one repeated:
/// every reference still resolves to the first entry with its fullUrl, and the table's probes
/// grow as n log n (4 million slot visits without the cap, under 200,000 with it).
#[test]
fn crafted_colliding_full_urls_resolve_in_bounded_probes() {
    let n = 2000;
    let urls = colliding_urls(n);
    let h = hash_str(&urls[0]);
    assert!(urls.iter().all(|u| hash_str(u) == h));
    let mut entries = Vec::new();
    for (i, u) in urls.iter().enumerate() {
        // Entry i references entry (i * 7) % n, and entry n repeats entry 5's fullUrl.
        let target = serde_json::to_string(&urls[(i * 7) % n]).unwrap();
        let full = serde_json::to_string(u).unwrap();
        entries.push(format!(
            r#"{{"fullUrl":{full},"resource":{{"resourceType":"Observation","subject":{{"reference":{target}}}}}}}"#
        ));
    }
    let full = serde_json::to_string(&urls[5]).unwrap();
    entries.push(format!(r#"{{"fullUrl":{full},"resource":{{"resourceType":"Patient"}}}}"#));
    let src = format!(r#"{{"resourceType":"Bundle","type":"transaction","entry":[{}]}}"#, entries.join(","));
    let doc = Doc::parse(&src).unwrap();
    let ix = BundleIndex::build(doc.root());
    assert_eq!(ix.duplicate_full_urls(), &[(n as u32, 5)]);
    assert_eq!(ix.references().len(), n);
    for (i, r) in ix.references().iter().enumerate() {
        assert_eq!(r.kind, RefKind::Absolute);
        assert_eq!(r.target(), Some(((i * 7) % n) as u32), "reference {i}");
    }
    assert_eq!(ix.by_full_url("urn:x:not-there"), None);
    let log = usize::BITS - n.leading_zeros();
    let bound = (n + 1) * (32 + 32 + 3 * log as usize);
    let probes = ix.by_full_url.probes.get();
    assert!(probes <= bound, "{probes} probes for {n} colliding fullUrls, more than {bound}");
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

#[test]
fn recycling_a_vector_keeps_its_allocation_across_lifetimes() {
    let text = String::from("{\"a\":1}");
    let mut v: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(100);
    v.push(std::borrow::Cow::Borrowed(&text[..]));
    let ptr = v.as_ptr() as usize;
    let kept: Vec<std::borrow::Cow<'static, str>> = super::scratch::recycle(v);
    assert_eq!((kept.len(), kept.capacity(), kept.as_ptr() as usize), (0, 100, ptr));
}

#[test]
fn an_index_built_in_reused_buffers_is_the_index_built_fresh() {
    let docs = [
        r##"{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:a","resource":{"resourceType":"Patient","id":"p","contained":[{"resourceType":"Organization","id":"o"}],"managingOrganization":{"reference":"#o"}}},{"fullUrl":"https://x.org/fhir/Specimen/s","resource":{"resourceType":"Specimen","subject":{"reference":"urn:uuid:a"},"parent":[{"reference":"Patient/p"},{"reference":"Specimen/s"}]}}]}"##,
        r#"{"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:b","resource":{"resourceType":"Patient"}},{"resource":{"resourceType":"Observation","subject":{"reference":"urn:uuid:b"},"performer":[{"identifier":{"value":"x"}}]}}]}"#,
        r#"{"resourceType":"Bundle","entry":[]}"#,
    ];
    let shape = |ix: &BundleIndex<'_, '_>| {
        let refs: Vec<String> = ix
            .references()
            .iter()
            .map(|r| format!("{:?} {:?} {:?} {} {:?}", r.kind, r.resolution, r.target(), ix.element(r), r.source()))
            .collect();
        let entries: Vec<String> = ix
            .entries()
            .iter()
            .map(|e| format!("{:?} {:?} {}", e.full_url, e.resource_type, ix.refs_to(e.index).count()))
            .collect();
        (refs, entries, ix.duplicate_full_urls().to_vec())
    };
    let mut scratch = Scratch::default();
    for src in docs.iter().chain(docs.iter().rev()) {
        let doc = Doc::parse(src).expect("valid JSON");
        let fresh = shape(&BundleIndex::build(doc.root()));
        let reused = BundleIndex::build_reusing(doc.root(), &mut scratch);
        assert_eq!(shape(&reused), fresh, "{src}");
        reused.recycle(&mut scratch);
    }
    assert!(scratch.retained_bytes() > 0);
}
