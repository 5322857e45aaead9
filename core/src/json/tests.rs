use super::*;

fn err(src: &str) -> (ParseErrorKind, usize) {
    let e = Doc::parse(src).unwrap_err();
    (e.kind, e.offset)
}

#[test]
fn reads_nested_values_with_spans() {
    let src = r#"{"a": [1, true, null, "x\"y"], "b": {"c": -2.5e3}}"#;
    let doc = Doc::parse(src).unwrap();
    let root = doc.root();
    assert_eq!(root.kind(), Kind::Object);
    let a = root.get("a").unwrap();
    assert_eq!(a.len(), 4);
    let items: Vec<_> = a.children().collect();
    assert_eq!(items[0].as_number_text(), Some("1"));
    assert_eq!(items[1].as_bool(), Some(true));
    assert!(items[2].is_null());
    assert_eq!(items[3].as_str().unwrap(), "x\"y");
    assert_eq!(items[3].raw(), r#""x\"y""#);
    assert_eq!(root.path(&["b", "c"]).unwrap().as_number_text(), Some("-2.5e3"));
    assert_eq!(items[3].pointer(), "/a/3");
    assert_eq!(items[3].fhirpath(), "$.a[3]");
}

#[test]
fn fhirpath_starts_at_the_resource_type() {
    let src = r#"{"resourceType":"Bundle","entry":[{"resource":{"subject":{"reference":"x"}}}]}"#;
    let doc = Doc::parse(src).unwrap();
    let r = doc
        .root()
        .get("entry")
        .unwrap()
        .children()
        .next()
        .unwrap()
        .path(&["resource", "subject", "reference"])
        .unwrap();
    assert_eq!(r.fhirpath(), "Bundle.entry[0].resource.subject.reference");
    assert_eq!(r.pointer(), "/entry/0/resource/subject/reference");
}

#[test]
fn unescapes_unicode_and_surrogates() {
    let doc = Doc::parse(r#"["\u00e9\ud83d\ude00\n"]"#).unwrap();
    assert_eq!(doc.root().children().next().unwrap().as_str().unwrap(), "é😀\n");
    assert_eq!(err(r#"["\ud800"]"#).0, ParseErrorKind::InvalidUnicodeEscape);
    assert_eq!(err(r#"["\udc00"]"#).0, ParseErrorKind::InvalidUnicodeEscape);
    assert_eq!(err(r#"["\x"]"#).0, ParseErrorKind::InvalidEscape);
}

#[test]
fn finds_duplicate_members() {
    let doc = Doc::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
    let d: Vec<_> = doc.duplicate_members().collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].as_number_text(), Some("3"));
    let many: String = (0..40).map(|i| format!("\"k{}\":1,", i % 20)).collect();
    let src = format!("{{{}\"z\":0}}", many);
    let doc = Doc::parse(&src).unwrap();
    assert_eq!(doc.duplicate_members().count(), 20);
}

#[test]
fn rejects_bad_syntax_with_offsets() {
    assert_eq!(err(""), (ParseErrorKind::Empty, 0));
    assert_eq!(err("  \n "), (ParseErrorKind::Empty, 4));
    assert_eq!(err("{} x"), (ParseErrorKind::TrailingCharacters, 3));
    assert_eq!(err("[1,]").1, 3);
    assert_eq!(err("{\"a\" 1}").1, 5);
    assert_eq!(err("[01]").1, 2);
    assert_eq!(err("[1.]").0, ParseErrorKind::InvalidNumber);
    assert_eq!(err("[NaN]").1, 1);
    assert_eq!(err("[\"a\u{1}\"]").0, ParseErrorKind::ControlCharInString);
    assert_eq!(err("[\"abc").0, ParseErrorKind::UnexpectedEnd);
    assert_eq!(err("{\"a\":tru}").1, 5);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = "[".repeat(100_000) + &"]".repeat(100_000);
    let (kind, off) = err(&src);
    assert_eq!(kind, ParseErrorKind::TooDeep { max: 256 });
    assert_eq!(off, 256);
    let ok = "[".repeat(200) + &"]".repeat(200);
    assert!(Doc::parse(&ok).is_ok());
}

#[test]
fn skips_a_byte_order_mark() {
    let doc = Doc::parse("\u{feff}{\"a\":1}").unwrap();
    assert_eq!(doc.root().get("a").unwrap().span(), (8, 9));
}

#[test]
fn huge_numbers_keep_their_text() {
    let doc = Doc::parse("[1e999999, -0.0000000000000000000001]").unwrap();
    assert_eq!(doc.root().children().next().unwrap().as_number_text(), Some("1e999999"));
}

#[test]
fn line_index_counts_code_points() {
    let src = "ab\nçd€x\n\nz";
    let idx = LineIndex::new(src);
    let off_x = src.find('x').unwrap();
    assert_eq!(idx.locate(src, 0), (1, 1));
    assert_eq!(idx.locate(src, off_x), (2, 4));
    assert_eq!(idx.locate(src, src.len()), (4, 2));
    let many = LineIndex::locate_many(src, &[off_x, 0, src.find('z').unwrap(), 1]);
    assert_eq!(many, vec![(2, 4), (1, 1), (4, 1), (1, 2)]);
}

#[test]
fn converts_to_serde() {
    let doc = Doc::parse(r#"{"a":[1,"x",{"b":null}],"c":true}"#).unwrap();
    assert_eq!(doc.root().to_serde(), serde_json::json!({"a":[1,"x",{"b":null}],"c":true}));
}

#[test]
fn member_names_of_64_kib_and_more_keep_their_text() {
    // Names are stored as (start, 16-bit length); longer ones are found again by scanning.
    for len in [65_534usize, 65_535, 70_000] {
        let long = "k".repeat(len);
        let escaped = format!("{}\\\"q", "e".repeat(len));
        let src = format!(r#"{{"{long}": 1, "x": [2], "{escaped}": 3, "{long}": 4}}"#);
        let doc = Doc::parse(&src).unwrap();
        let root = doc.root();
        let members: Vec<_> = root.members().map(|(k, v)| (k.len(), v.raw().to_owned())).collect();
        assert_eq!(members, [(len, "1".into()), (1, "[2]".into()), (len + 2, "3".into()), (len, "4".into())]);
        assert_eq!(root.get(&long).unwrap().raw(), "1");
        assert_eq!(root.get(&format!("{}\"q", "e".repeat(len))).unwrap().raw(), "3");
        let dups: Vec<_> = doc.duplicate_members().map(|v| v.raw()).collect();
        assert_eq!(dups, ["4"], "length {len}");
        assert_eq!(root.get("x").unwrap().children().map(|c| c.raw()).collect::<Vec<_>>(), ["2"]);
    }
}

#[test]
fn finds_duplicates_in_small_objects_however_the_names_are_written() {
    // (document, raw values of the repeated members): escaped spellings and names that share a
    // length and first and last byte must neither hide a repeat nor invent one.
    for (src, want) in [
        (r#"{"\u0061":1,"a":2}"#, vec!["2"]),
        (r#"{"a":1,"\u0061":2}"#, vec!["2"]),
        (r#"{"ab":1,"ba":2,"ab":3}"#, vec!["3"]),
        (r#"{"axb":1,"ayb":2,"azb":3}"#, vec![]),
        (r#"{"x":1,"y":{"x":2},"x":3,"x":4}"#, vec!["3", "4"]),
        (r#"{"":1,"":2}"#, vec!["2"]),
    ] {
        let doc = Doc::parse(src).unwrap();
        let got: Vec<_> = doc.duplicate_members().map(|v| v.raw()).collect();
        assert_eq!(got, want, "{src}");
    }
}

#[test]
fn locating_many_offsets_agrees_with_the_line_table_on_long_texts() {
    // Over 255 words of newlines between two offsets (the counter's summing interval), lines of
    // every length, and multi-byte characters.
    let src: String =
        (0..5000).map(|i| format!("{}é{}\n", " ".repeat(i % 13), if i % 3 == 0 { "\n\n" } else { "" })).collect();
    let table = LineIndex::new(&src);
    let offsets: Vec<usize> = (0..src.len())
        .step_by(4999)
        .chain([0, 1, src.len() / 2, src.len() - 1, src.len()])
        .map(|off| (0..=off).rev().find(|&o| src.is_char_boundary(o)).unwrap_or(0))
        .collect();
    let many = LineIndex::locate_many(&src, &offsets);
    for (&off, got) in offsets.iter().zip(many) {
        assert_eq!(got, table.locate(&src, off), "offset {off}");
    }
}

#[test]
fn get_many_agrees_with_get() {
    // Escaped names, repeated names (the first wins), a name that is a prefix of another, a
    // missing one, and a value that is not an object.
    let src = r#"{"id":"x","i\u0064":"y","identifier":1,"type":{"a":1},"typ":2,"id2":3}"#;
    let doc = Doc::parse(src).unwrap();
    let root = doc.root();
    let names = ["id", "identifier", "type", "typ", "missing", "id2"];
    let many = root.get_many(names);
    for (name, got) in names.iter().zip(many) {
        assert_eq!(got.map(|v| v.id()), root.get(name).map(|v| v.id()), "{name}");
    }
    assert_eq!(many[0].and_then(|v| v.as_str()).as_deref(), Some("x"));
    assert!(many[4].is_none());
    let arr = Doc::parse(r#"[{"id":1}]"#).unwrap();
    assert!(arr.root().get_many(["id"])[0].is_none());
    assert!(arr.root().get("id").is_none());
}

#[test]
fn locations_copy_plain_names_and_decode_escaped_ones() {
    let src = r#"{"resourceType":"Bundle","entry":[{"resource":{"a\/b":{"c~d":[0,{"e\u0066":1}]}}}]}"#;
    let doc = Doc::parse(src).unwrap();
    let ef = doc.values_of_kind(Kind::Number).last().unwrap();
    assert_eq!(
        ef.locations(),
        ("Bundle.entry[0].resource.a/b.c~d[1].ef".to_owned(), "/entry/0/resource/a~1b/c~0d/1/ef".to_owned(), Some(0))
    );
}

#[test]
fn eq_bytes_agrees_with_slice_equality() {
    let words: Vec<Vec<u8>> = (0..20)
        .flat_map(|n| {
            let base: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            let mut last = base.clone();
            if let Some(b) = last.last_mut() {
                *b = b'Z';
            }
            let mut first = base.clone();
            if let Some(b) = first.first_mut() {
                *b = b'Z';
            }
            [base, last, first]
        })
        .collect();
    for a in &words {
        for b in &words {
            assert_eq!(eq_bytes(a, b), a == b, "{a:?} {b:?}");
        }
    }
}
