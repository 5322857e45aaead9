//! The composed bundle as a small tree of its own, written straight to JSON text.
//!
//! The portal composes and validates on every keystroke, and the validator reads text: building a
//! `serde_json::Value` only to pretty-print it cost a second tree, a map per object and serde's
//! generic serializer in the page's Wasm. A [`Node`] keeps its object members sorted by key as
//! `serde_json::Map` (a `BTreeMap`) does, and [`Node::write_pretty`] writes what
//! `serde_json::to_string_pretty` writes, byte for byte (a test checks it); [`Node::into_value`]
//! gives the same value for callers that want one (the JS package's `composeOrder`, tests).

use serde_json::Value;

/// A JSON value of a composed bundle. Numbers are kept as their text.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    Str(String),
    /// A number (or `null`), as JSON text.
    Num(String),
    Arr(Vec<Node>),
    /// Members in key order; keys are unique.
    Obj(Vec<(&'static str, Node)>),
}

/// A string node.
pub(super) fn s(text: &str) -> Node {
    Node::Str(text.to_owned())
}

/// An object of the given members (any order; a later member of the same key wins).
pub(super) fn obj(members: Vec<(&'static str, Node)>) -> Node {
    let mut o = Node::Obj(Vec::with_capacity(members.len()));
    for (k, v) in members {
        o.insert(k, v);
    }
    o
}

impl Node {
    /// Sets `key` to `value` in an object, keeping the keys sorted; other nodes are left alone.
    pub fn insert(&mut self, key: &'static str, value: Node) {
        if let Node::Obj(members) = self {
            match members.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(i) => {
                    if let Some(m) = members.get_mut(i) {
                        m.1 = value;
                    }
                }
                Err(i) => members.insert(i, (key, value)),
            }
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Obj(members) => members.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The array member `key`, created empty when missing (`None` when it is not an array).
    pub fn array_at(&mut self, key: &'static str) -> Option<&mut Vec<Node>> {
        if self.get(key).is_none() {
            self.insert(key, Node::Arr(Vec::new()));
        }
        match self {
            Node::Obj(members) => match members.iter_mut().find(|(k, _)| *k == key) {
                Some((_, Node::Arr(a))) => Some(a),
                _ => None,
            },
            _ => None,
        }
    }

    /// The JSON text `serde_json::to_string_pretty` gives for the same value.
    pub fn to_pretty(&self) -> String {
        let mut out = String::with_capacity(4096);
        self.write_pretty(&mut out, 0);
        out
    }

    /// Recursive: a composed bundle's depth is fixed by the builder (a handful of levels), not by
    /// any input.
    fn write_pretty(&self, out: &mut String, depth: usize) {
        match self {
            Node::Str(t) => string(out, t),
            Node::Num(n) => out.push_str(n),
            Node::Arr(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    v.write_pretty(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Node::Obj(members) => {
                if members.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    string(out, k);
                    out.push_str(": ");
                    v.write_pretty(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }

    /// The same value as a `serde_json::Value`.
    pub fn into_value(self) -> Value {
        match self {
            Node::Str(t) => Value::String(t),
            Node::Num(n) => n.parse::<serde_json::Number>().map_or(Value::Null, Value::Number),
            Node::Arr(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Obj(members) => {
                // Inserted one by one (the last of repeated keys wins, as `collect` keeps):
                // collecting into the B-tree map sorts first, which brings the standard
                // library's stable sort into the Wasm for this one call.
                let mut m = serde_json::Map::new();
                for (k, v) in members {
                    m.insert(k.to_owned(), v.into_value());
                }
                Value::Object(m)
            }
        }
    }
}

/// An integer node.
pub(super) fn int(n: usize) -> Node {
    let mut buf = [0u8; 20];
    Node::Num(crate::json::itoa(n as u64, &mut buf).to_owned())
}

/// A decimal node, written as serde_json writes an `f64` (`1.0`, `2.5`); `null` when not finite.
pub(super) fn decimal(v: f64) -> Node {
    Node::Num(serde_json::Number::from_f64(v).map_or_else(|| "null".to_owned(), |n| n.to_string()))
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string as serde_json escapes it: `"` and `\`, the short escapes for `\b \f \n \r \t`,
/// `\u00XX` for the other control characters; everything else (non-ASCII too) as it is. Runs of
/// plain text are copied at once. (Also the portal's writer of what it stores.)
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(node: Node) {
        let value = node.clone().into_value();
        assert_eq!(node.to_pretty(), serde_json::to_string_pretty(&value).unwrap_or_default());
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let odd = "q\"b\\s/\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é 😀 end";
        check(s(odd));
        check(obj(vec![]));
        check(Node::Arr(vec![]));
        check(obj(vec![("z", int(0)), ("a", decimal(1.0)), ("m", decimal(2.5)), ("b", decimal(f64::NAN))]));
        check(obj(vec![
            ("resourceType", s("Bundle")),
            ("entry", Node::Arr(vec![obj(vec![("x", Node::Arr(vec![])), ("y", obj(vec![]))]), s(odd), int(12345)])),
            ("a", obj(vec![("k", Node::Arr(vec![int(1), int(2)]))])),
        ]));
        for v in [0.1, 1e-7, 123456789.125, 1e21, 1e16, -3.0] {
            check(decimal(v));
        }
    }

    #[test]
    fn a_later_member_wins_and_keys_stay_sorted() {
        let mut o = obj(vec![("b", int(1)), ("a", int(2)), ("b", int(3))]);
        o.insert("c", s("x"));
        if let Some(a) = o.array_at("d") {
            a.push(int(4));
        }
        assert_eq!(o.to_pretty(), "{\n  \"a\": 2,\n  \"b\": 3,\n  \"c\": \"x\",\n  \"d\": [\n    4\n  ]\n}");
    }
}
