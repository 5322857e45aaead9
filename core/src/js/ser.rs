//! Results as compact JSON text for one `JSON.parse` in JS: byte for byte what
//! `serde_json::to_string` writes, but through a serializer whose leaves (a key, a string with
//! its escapes, a number) are single out-of-line functions.
//!
//! Why not serde_json's own serializer: a derived `Serialize` is instantiated per result type,
//! and at the package's opt-level 2 serde_json's formatter (key and string escaping, integer
//! formatting, the error plumbing) was inlined into every field of every type: about a tenth of
//! the package's Wasm sat in the export shims (`reportView` alone 52 KB). Here a field costs a
//! call to [`Out::key`] and one to the value's leaf.
//!
//! Floats go through serde_json (the shortest round-trip form it writes, `null` when not
//! finite), so the text is the same for every value; a test compares the two on every result
//! type and on strings of every escape.

use std::fmt::Display;

use serde::ser::{self, Serialize};

/// The JSON text of `v`, as `serde_json::to_string` writes it.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    let mut out = Out { buf: String::with_capacity(256) };
    v.serialize(&mut out)?;
    Ok(out.buf)
}

/// Why a value has no JSON text (a map key that is not a string or a number, or a
/// `Serialize` impl's own error).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// The text being written.
pub struct Out {
    buf: String,
}

impl Out {
    #[inline(never)]
    fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// `s` quoted, with serde_json's escapes (the one JSON string writer of the crate, which
    /// the composer and the portal's storage use too).
    #[inline(never)]
    fn str(&mut self, s: &str) {
        crate::compose::write_json_string(&mut self.buf, s);
    }

    /// `,` unless first, then `"key":` (keys are field and variant names: plain ASCII, but
    /// escaped all the same).
    #[inline(never)]
    fn key(&mut self, first: &mut bool, key: &str) {
        if !std::mem::take(first) {
            self.buf.push(',');
        }
        self.str(key);
        self.buf.push(':');
    }

    #[inline(never)]
    fn uint(&mut self, n: u64) {
        self.buf.push_str(crate::json::itoa(n, &mut [0; 20]));
    }

    #[inline(never)]
    fn int(&mut self, n: i64) {
        if n < 0 {
            self.buf.push('-');
        }
        self.uint(n.unsigned_abs());
    }

    #[inline(never)]
    fn float(&mut self, f: f64) {
        self.buf.push_str(&serde_json::to_string(&f).unwrap_or_else(|_| "null".to_owned()));
    }

    /// `open`, then a compound value closed by `close`.
    fn open(&mut self, open: &str, close: &'static str) -> Compound<'_> {
        self.raw(open);
        Compound { out: self, first: true, close }
    }

    /// `{"variant":` then `open`: an enum variant holding data, as serde_json writes it.
    fn variant(&mut self, variant: &str, open: &str, close: &'static str) -> Compound<'_> {
        self.raw("{");
        self.key(&mut true, variant);
        self.raw(open);
        Compound { out: self, first: true, close }
    }
}

/// An array, object or variant being written.
pub struct Compound<'a> {
    out: &'a mut Out,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.out.raw(",");
        }
        v.serialize(&mut *self.out)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.out.key(&mut self.first, key);
        v.serialize(&mut *self.out)
    }

    fn end(self) -> Result<(), Error> {
        self.out.raw(self.close);
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Out {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.raw(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.raw(&serde_json::to_string(&v).unwrap_or_else(|_| "null".to_owned()));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open("[", "]");
        for b in v {
            seq.element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.raw("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        let c = self.variant(variant, "", "}");
        v.serialize(&mut *c.out)?;
        c.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.variant(variant, "{", "}}"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    /// A key as serde_json writes it: a string as it is; a number or a boolean quoted; anything
    /// else has no JSON form.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let text = to_string(key)?;
        if !std::mem::take(&mut self.first) {
            self.out.raw(",");
        }
        if text.starts_with('"') {
            self.out.raw(&text);
        } else if text == "true" || text == "false" || text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            self.out.str(&text);
        } else {
            return Err(Error("key must be a string".to_owned()));
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.out.raw(":");
        v.serialize(&mut *self.out)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde::Serialize;
    use serde_json::{json, Value as J};

    /// The text is serde_json's.
    fn check<T: Serialize + ?Sized>(v: &T) {
        assert_eq!(to_string(v).unwrap(), serde_json::to_string(v).unwrap());
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quotes \" and \\ backslashes / \u{7f}",
            &every_control,
            "non-ASCII: é € 𝄞 \u{2028} \u{feff}",
            "\u{1f}end",
            "\"",
        ] {
            check(s);
            check(&json!({ s: [s, null] }));
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        check(&json!([0, 1, -1, u64::MAX, i64::MIN, i64::MAX, 0.5, -0.0, 1e300, 1.0, 0.1, 123456789.125, f64::MIN]));
        check(&[f64::NAN, f64::INFINITY]);
        check(&[1.5f32, 0.1f32]);
        check(&(u8::MAX, i8::MIN, u16::MAX, i16::MIN, u32::MAX, i32::MIN, 'x', '"', true, false, ()));
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape<'a> {
        unit: Unit,
        newtype: New,
        variants: Vec<E>,
        skipped_when_none: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        bytes: &'a [u8],
        numbers_as_keys: std::collections::BTreeMap<i32, bool>,
        bools_as_keys: std::collections::BTreeMap<bool, &'a str>,
    }
    #[derive(Serialize)]
    struct Unit;
    #[derive(Serialize)]
    struct New(&'static str);
    #[derive(Serialize)]
    enum E {
        A,
        B(u32),
        C(u32, String),
        D { x: Option<i32>, y: Vec<J> },
    }

    #[test]
    fn compound_values_are_written_as_serde_json_writes_them() {
        let shape = Shape {
            unit: Unit,
            newtype: New("n"),
            variants: vec![
                E::A,
                E::B(7),
                E::C(1, "c".into()),
                E::D { x: Some(-3), y: vec![json!({"k": []}), J::Null] },
            ],
            skipped_when_none: None,
            skipped: None,
            bytes: b"\x00\xff",
            numbers_as_keys: [(-1, true), (10, false)].into_iter().collect(),
            bools_as_keys: [(true, "t")].into_iter().collect(),
        };
        check(&shape);
        check(&json!({}));
        check(&json!([]));
        check(&json!({"a": {"b": [{}, [], [[1]], {"c": {"d": "e"}}]}, "f": null}));
        let unit_key: std::collections::BTreeMap<(), u8> = [((), 1)].into_iter().collect();
        assert!(to_string(&unit_key).is_err());
        assert!(serde_json::to_string(&unit_key).is_err());
    }
}
