//! A `serde_json::Value` read with [`crate::json::Doc`] instead of serde_json's deserializer.
//!
//! Deserializing into a `Value` pulls serde's error plumbing into the Wasm (`Unexpected`'s
//! `Display`, and with it float formatting and `{:?}` of strings) for documents this crate
//! reads with its own parser anyway. [`parse`] accepts and rejects what `serde_json::from_str`
//! does and returns the same value (the last of repeated members wins, as there).

use serde_json::{Map, Number, Value as J};

use crate::json::{Doc, Kind, Limits, Value};

/// serde_json's own nesting limit: 127 levels read, 128 fail.
pub(crate) const MAX_DEPTH: u32 = 127;

/// `serde_json::from_str::<Value>(src).ok()`, without serde's deserializer.
pub fn parse(src: &str) -> Option<J> {
    // serde_json has no byte order mark; the Doc reader skips one.
    if src.starts_with('\u{feff}') {
        return None;
    }
    let doc = Doc::parse_with(src, Limits { max_depth: MAX_DEPTH, ..Limits::default() }).ok()?;
    convert(&doc.root())
}

/// A parsed value as a `serde_json::Value`; `None` when a number is outside a double's range
/// (serde_json rejects the whole document for one).
pub(crate) fn convert(v: &Value<'_, '_>) -> Option<J> {
    Some(match v.kind() {
        Kind::Null => J::Null,
        Kind::Bool => J::Bool(v.as_bool()?),
        // The digits as serde_json reads them; a number out of a double's range fails the whole
        // document there, so it does here.
        Kind::Number => J::Number(v.raw().parse::<Number>().ok()?),
        Kind::String => J::String(v.as_str()?.into_owned()),
        Kind::Array => J::Array(v.children().map(|c| convert(&c)).collect::<Option<_>>()?),
        Kind::Object => {
            let mut m = Map::new();
            for (k, c) in v.members() {
                m.insert(k.into_owned(), convert(&c)?);
            }
            J::Object(m)
        }
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::parse;

    fn check(src: &str) {
        assert_eq!(parse(src), serde_json::from_str(src).ok(), "{src}");
    }

    #[test]
    fn as_serde_json_reads() {
        for src in [
            "",
            " ",
            "null",
            "{\"a\":1,\"a\":2}",
            "[1e400]",
            "-0",
            "[-0.0, 1.5e3, 18446744073709551616, -9223372036854775809]",
            "\u{feff}{}",
            "\"\\ud800\"",
            "\"\\ud83d\\ude00\"",
            "{\"a\":[true,false,null,\"x\\n\"]} ",
            "[1,]",
            "01",
            "{\"a\" 1}",
            "[\"\u{1}\"]",
            &"[".repeat(128),
            &format!("{}{}", "[".repeat(127), "]".repeat(127)),
            &format!("{}{}", "[".repeat(128), "]".repeat(128)),
            &format!("{}{}", "[".repeat(129), "]".repeat(129)),
        ] {
            check(src);
        }
    }

    proptest! {
        #[test]
        fn token_soup_reads_as_serde_json(src in "[\\[\\]{}:, \"a\\\\u0-9eE.+\\-tnrufls]{0,24}") {
            prop_assert_eq!(parse(&src), serde_json::from_str(&src).ok());
        }

        #[test]
        fn objects_read_as_serde_json(keys in prop::collection::vec("[ab]", 0..6), n in any::<i64>(), f in any::<f64>()) {
            let members: Vec<String> =
                keys.iter().enumerate().map(|(i, k)| format!("\"{k}\": [{n}, {f}, {i}, \"{k}\"]")).collect();
            let src = format!("{{{}}}", members.join(","));
            prop_assert_eq!(parse(&src), serde_json::from_str(&src).ok());
        }
    }
}
