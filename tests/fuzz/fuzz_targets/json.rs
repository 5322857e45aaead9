//! The position-keeping JSON reader: parse anything, then walk every value through every accessor
//! the rules use (paths, pointers, unescaping, conversion to serde).
#![no_main]

use gom_core::json::{Doc, Kind, Limits, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let limits = Limits { max_depth: 64, max_bytes: 1 << 20 };
    let lines = LineIndex::new(src);
    match Doc::parse_with(src, limits) {
        Err(e) => {
            let _ = e.to_string();
            let _ = lines.locate(src, e.offset);
        }
        Ok(doc) => {
            for id in 0..doc.len() as u32 {
                let v = doc.value(id);
                let _ = (v.fhirpath(), v.pointer(), v.key(), v.as_str(), v.raw(), v.key_offset());
                let (start, end) = v.span();
                assert!(start <= end && end <= src.len());
                let _ = lines.locate(src, start);
                if v.kind() == Kind::Object {
                    let _ = v.members().count();
                    let _ = v.get("resourceType");
                }
                let _ = v.items().count();
            }
            let _ = doc.root().to_serde();
            let _ = doc.duplicate_members().count();
        }
    }
});
