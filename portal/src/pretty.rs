//! JSON values pretty-printed as `serde_json::to_string_pretty` prints them (byte for byte, a
//! test checks it), with gom-core's string writer: serde's generic serializer and its pretty
//! formatter were in the page's Wasm only for the graph's entry JSON and the sample event.

use gom_core::compose::write_json_string as string;
use serde_json::Value;

/// `serde_json::to_string_pretty(value)`.
pub fn pretty(value: &Value) -> String {
    let mut out = String::with_capacity(256);
    write(&mut out, value, 0);
    out
}

/// Recursive: a value comes from gom-core's reader (at most 127 levels deep) or from gom-core's
/// event builder (a handful), never deeper.
fn write(out: &mut String, v: &Value, depth: usize) {
    let (open, close, len) = match v {
        Value::Null => return out.push_str("null"),
        Value::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => return out.push_str(&n.to_string()),
        Value::String(s) => return string(out, s),
        Value::Array(a) => ('[', ']', a.len()),
        Value::Object(m) => ('{', '}', m.len()),
    };
    out.push(open);
    if len > 0 {
        let mut item = |i: usize, key: Option<&str>, c: &Value| {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            indent(out, depth + 1);
            if let Some(k) = key {
                string(out, k);
                out.push_str(": ");
            }
            write(out, c, depth + 1);
        };
        match v {
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| item(i, None, c)),
            Value::Object(m) => m.iter().enumerate().for_each(|(i, (k, c))| item(i, Some(k), c)),
            _ => {}
        }
        out.push('\n');
        indent(out, depth);
    }
    out.push(close);
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::pretty;

    fn check(text: &str) {
        let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(pretty(&v), serde_json::to_string_pretty(&v).unwrap_or_default(), "{text}");
    }

    #[test]
    fn prints_as_serde_json_does() {
        for text in [
            "null",
            "true",
            "[]",
            "{}",
            "[[], {}, [1], {\"a\": {}}]",
            "{\"b\": 1, \"a\": [1.5, -0, 1e300, 18446744073709551615, -3], \"c\": {\"d\": [true, false, null]}}",
            "\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001 \\u001f \\u007f ünïcode \\t\\b\\f\\r\"",
            "{\"resourceType\": \"Task\", \"id\": \"t1\", \"for\": {\"reference\": \"urn:uuid:1\"}}",
        ] {
            check(text);
        }
    }
}
