//! Every options object read without serde. Each options type's derived `Deserialize` with
//! serde_json's deserializer is code of its own per type (a visitor, field matching, error
//! formatting, which prints floats and so links core's float formatter); the validator alone had
//! a tenth of its Wasm in it. Here one struct reader and a reader per kind of value serve all
//! of them. The messages are serde_json's, word for word (a test compares both on a corpus for
//! every options type), except that a floating-point value is quoted as its JSON text (`1e+21`)
//! where serde writes Rust's digits (`1000000000000000000000`).

use std::borrow::Cow;

use serde::de::IgnoredAny;

use super::{
    CascadeOptions, ComposeOptions, CriteriaOptions, DraftOptions, EventOptions, SvgOptions, TransitionOptions,
    UpdateOptions, ValidateOptions,
};
use crate::criteria::Dialect;
use crate::json::{Doc, Kind, Limits, Value};
use crate::validate::Mode;
use crate::workflow::{Role, Workflow};

const MODES: [(&str, Mode); 4] =
    [("auto", Mode::Auto), ("order", Mode::Order), ("result", Mode::Result), ("inspect", Mode::Inspect)];
const WORKFLOWS: [(&str, Workflow); 2] = [("r4", Workflow::R4), ("gms", Workflow::Gms)];
const ROLES: [(&str, Role); 3] = [("placer", Role::Placer), ("filler", Role::Filler), ("broker", Role::Broker)];
const DIALECTS: [(&str, Dialect); 2] = [("mns", Dialect::Mns), ("cesql", Dialect::Cesql)];

/// A mode's name, as the options spell it.
pub fn mode_name(mode: Mode) -> &'static str {
    MODES.iter().find(|(_, m)| *m == mode).map_or("auto", |(n, _)| n)
}

/// An options type, read from the JSON text of the host's options object.
pub trait ReadOptions: Default {
    /// Reads the options from a JSON value that is not `null`.
    fn read(v: Value<'_, '_>) -> Result<Self, String>;
}

/// Options from their JSON text: absent options are the defaults, anything that does not fit is
/// an `invalid options: …` message for a JS `Error`.
pub fn read<T: ReadOptions>(json: Option<&str>) -> Result<T, String> {
    let text = match json.map(str::trim) {
        None | Some("") | Some("null") => return Ok(T::default()),
        Some(text) => text,
    };
    let doc = Doc::parse_with(text, Limits::default()).map_err(|e| format!("invalid options: {e}"))?;
    T::read(doc.root()).map_err(|e| format!("invalid options: {e}"))
}

/// Reads a struct's fields: from an object, each known field once, or (as serde reads a struct
/// too) from an array of the fields in order. `set(i, value)` reads field `i` (a `dyn`, so the
/// reader is compiled once, not once per options type).
fn fields(
    v: Value<'_, '_>,
    name: &str,
    names: &[&str],
    set: &mut dyn FnMut(usize, Value<'_, '_>) -> Result<(), String>,
) -> Result<(), String> {
    match v.kind() {
        Kind::Object => {
            let mut seen = 0u32;
            for (key, value) in v.members() {
                let Some(i) = names.iter().position(|n| **n == *key) else {
                    return Err(format!("unknown field `{key}`, expected {}", one_of(names)));
                };
                if seen & (1 << i) != 0 {
                    return Err(format!("duplicate field `{key}`"));
                }
                seen |= 1 << i;
                set(i, value)?;
            }
        }
        Kind::Array => {
            for (i, item) in v.items().take(names.len()).enumerate() {
                set(i, item)?;
            }
            if v.len() > names.len() {
                return Err("trailing characters".into());
            }
        }
        _ => return Err(format!("invalid type: {}, expected struct {name}", unexpected(v))),
    }
    Ok(())
}

/// The names as serde lists what it expected: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!("one of {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
    }
}

fn read_bool(v: Value<'_, '_>) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("invalid type: {}, expected a boolean", unexpected(v)))
}

/// A unit variant of an enum: its name as a string, or (as serde reads it too) a map of the name
/// to `null`.
fn read_variant<T: Copy>(v: Value<'_, '_>, variants: &[(&str, T)]) -> Result<T, String> {
    let names: Vec<&str> = variants.iter().map(|(n, _)| *n).collect();
    let i = variant_index(v, &names)?;
    variants.get(i).map(|(_, x)| *x).ok_or_else(|| "expected value".into())
}

/// The index of the variant named (the one reader of every enum's names).
fn variant_index(v: Value<'_, '_>, names: &[&str]) -> Result<usize, String> {
    let variant = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| format!("unknown variant `{name}`, expected {}", one_of(names)))
    };
    match v.kind() {
        Kind::String => variant(&v.as_str().unwrap_or_default()),
        Kind::Object => {
            let mut members = v.members();
            let Some((name, value)) = members.next() else {
                return Err("expected value".into());
            };
            let x = variant(&name)?;
            if !value.is_null() {
                return Err(format!("invalid type: {}, expected unit", unexpected(value)));
            }
            match members.next() {
                Some(_) => Err("expected value".into()),
                None => Ok(x),
            }
        }
        _ => Err("expected value".into()),
    }
}

/// `None` for `null`, else what `read` reads.
fn optional<T>(v: Value<'_, '_>, read: impl FnOnce(Value<'_, '_>) -> Result<T, String>) -> Result<Option<T>, String> {
    if v.is_null() {
        Ok(None)
    } else {
        read(v).map(Some)
    }
}

fn read_string(v: Value<'_, '_>) -> Result<String, String> {
    v.as_str().map(Cow::into_owned).ok_or_else(|| format!("invalid type: {}, expected a string", unexpected(v)))
}

fn read_u32(v: Value<'_, '_>) -> Result<u32, String> {
    let what = unexpected(v);
    if !what.starts_with("integer ") {
        return Err(format!("invalid type: {what}, expected u32"));
    }
    v.as_number_text().and_then(|t| t.parse::<u32>().ok()).ok_or_else(|| format!("invalid value: {what}, expected u32"))
}

fn read_u32s(v: Value<'_, '_>) -> Result<Vec<u32>, String> {
    if v.kind() != Kind::Array {
        return Err(format!("invalid type: {}, expected a sequence", unexpected(v)));
    }
    v.items().map(read_u32).collect()
}

impl ReadOptions for ValidateOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "ValidateOptions", &["mode", "strict"], &mut |i, v| {
            match i {
                0 => o.mode = read_variant(v, &MODES)?,
                _ => o.strict = read_bool(v)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

impl ReadOptions for TransitionOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "TransitionOptions", &["workflow", "role"], &mut |i, v| {
            match i {
                0 => o.workflow = read_variant(v, &WORKFLOWS)?,
                _ => o.role = optional(v, |v| read_variant(v, &ROLES))?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

impl ReadOptions for UpdateOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "UpdateOptions", &["workflow", "role", "actor"], &mut |i, v| {
            match i {
                0 => o.workflow = read_variant(v, &WORKFLOWS)?,
                1 => o.role = optional(v, |v| read_variant(v, &ROLES))?,
                _ => o.actor = optional(v, read_string)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

/// The options whose one field is `now`.
macro_rules! now_options {
    ($($t:ident),*) => {$(
        impl ReadOptions for $t {
            fn read(v: Value<'_, '_>) -> Result<Self, String> {
                let mut o = Self::default();
                fields(v, stringify!($t), &["now"], &mut |_, v| {
                    o.now = optional(v, read_string)?;
                    Ok(())
                })?;
                Ok(o)
            }
        }
    )*};
}
now_options!(CascadeOptions, DraftOptions);

impl ReadOptions for ComposeOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "ComposeOptions", &["now", "ids"], &mut |i, v| {
            match i {
                0 => o.now = optional(v, read_string)?,
                // The id function itself is read from the JS object; its JSON form is whatever.
                _ => o.ids = optional(v, |_| Ok(IgnoredAny))?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

impl ReadOptions for CriteriaOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "CriteriaOptions", &["dialect"], &mut |_, v| {
            o.dialect = read_variant(v, &DIALECTS)?;
            Ok(())
        })?;
        Ok(o)
    }
}

impl ReadOptions for EventOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "EventOptions", &["entryId"], &mut |_, v| {
            o.entry_id = optional(v, read_string)?;
            Ok(())
        })?;
        Ok(o)
    }
}

impl ReadOptions for SvgOptions {
    fn read(v: Value<'_, '_>) -> Result<Self, String> {
        let mut o = Self::default();
        fields(v, "SvgOptions", &["selected", "errors"], &mut |i, v| {
            match i {
                0 => o.selected = optional(v, read_u32)?,
                _ => o.errors = read_u32s(v)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

/// How serde names a value of the wrong type.
fn unexpected(v: Value<'_, '_>) -> Cow<'static, str> {
    match v.kind() {
        Kind::Null => "null".into(),
        Kind::Bool => format!("boolean `{}`", v.as_bool().unwrap_or_default()).into(),
        Kind::String => format!("string {:?}", v.as_str().unwrap_or_default()).into(),
        Kind::Array => "sequence".into(),
        Kind::Object => "map".into(),
        Kind::Number => {
            let t = v.as_number_text().unwrap_or_default();
            let integer = !t.contains(['.', 'e', 'E'])
                && (t.parse::<u64>().is_ok() || t.parse::<i64>().is_ok_and(|n| n < 0) || t == "-0");
            if t == "-0" {
                "floating point `-0.0`".into()
            } else if integer {
                format!("integer `{t}`").into()
            } else if t.contains(['e', 'E']) || t.contains('.') {
                format!("floating point `{t}`").into()
            } else {
                format!("floating point `{t}.0`").into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::js::dto::read_options;

    /// Values tried in every field of every options type: each kind of JSON value, the names of
    /// every enum, numbers in and out of `u32`, and enums written as maps.
    const VALUES: [&str; 34] = [
        "null",
        "true",
        "false",
        "0",
        "1",
        "-1",
        "-0",
        "1.5",
        "-2.25",
        "0.1",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "-9223372036854775808",
        "\"\"",
        "\"x\"",
        "\"a \\\"quoted\\\" é\\n\"",
        "\"r4\"",
        "\"gms\"",
        "\"placer\"",
        "\"filler\"",
        "\"broker\"",
        "\"mns\"",
        "\"cesql\"",
        "\"order\"",
        "\"inspect\"",
        "\"2026-03-02T10:00:00Z\"",
        "[]",
        "[1,2]",
        "[-1]",
        "[1.5]",
        "{}",
        "{\"r4\":null}",
        "{\"placer\":1}",
    ];

    /// The hand reader answers as serde does, on `texts` and on every field given every value.
    fn check<T>(fields: &[&str], texts: &[&str])
    where
        T: ReadOptions + std::fmt::Debug + for<'de> serde::Deserialize<'de>,
    {
        let mut all: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        all.extend(
            ["{}", "null", "", "[]", "\"s\"", "1", "-3", "2.5", "true", "{\"zz\":1}", "[1,2,3,4]"].map(String::from),
        );
        all.push(format!("{{\"{}\":null,\"{0}\":null}}", fields[0]));
        all.push(format!("{{\"{}\":null,\"x\":1}}", fields[0]));
        for f in fields {
            for v in VALUES {
                all.push(format!("{{\"{f}\":{v}}}"));
                all.push(format!("[{v}]"));
                all.push(format!("[null,{v}]"));
            }
        }
        for text in &all {
            let serde = read_options::<T>(Some(text)).map(|o| format!("{o:?}"));
            let ours = read::<T>(Some(text)).map(|o| format!("{o:?}"));
            assert_eq!(ours, serde, "{text}");
        }
    }

    #[test]
    fn reads_every_options_type_as_serde_does() {
        check::<ValidateOptions>(
            &["mode", "strict"],
            &[
                r#"{"mode":"order","strict":true}"#,
                r#"{"strict":false,"mode":"inspect"}"#,
                r#"{"mode":{"order":null,"result":null}}"#,
                r#"{"strict":true,"strict":false}"#,
                r#"["order",true]"#,
                r#"{"mode":"Order"}"#,
            ],
        );
        check::<TransitionOptions>(&["workflow", "role"], &[r#"{"workflow":"r4","role":"filler"}"#]);
        check::<UpdateOptions>(&["workflow", "role", "actor"], &[r#"{"role":"placer","actor":"RR8"}"#]);
        check::<CascadeOptions>(&["now"], &[]);
        check::<DraftOptions>(&["now"], &[]);
        check::<ComposeOptions>(&["now", "ids"], &[r#"{"now":"2026-03-02T10:00:00Z","ids":{}}"#]);
        check::<CriteriaOptions>(&["dialect"], &[]);
        check::<EventOptions>(&["entryId"], &[r#"{"entryId":"urn:uuid:1"}"#]);
        check::<SvgOptions>(
            &["selected", "errors"],
            &[r#"{"selected":2,"errors":[0,4294967295]}"#, r#"{"errors":[1,"x"]}"#],
        );
    }

    #[test]
    fn floats_are_quoted_as_written() {
        // The one difference: a float is quoted as written (JSON.stringify writes no exponent
        // below 1e21, so a host sees it only for such numbers).
        assert_eq!(
            read::<ValidateOptions>(Some(r#"{"strict":1e3}"#)).map(|_| ()),
            Err("invalid options: invalid type: floating point `1e3`, expected a boolean".to_owned())
        );
        for (name, mode) in MODES {
            assert_eq!(serde_json::to_value(mode).unwrap(), serde_json::json!(mode_name(mode)));
            assert_eq!(name, mode_name(mode));
        }
        for (name, w) in WORKFLOWS {
            assert_eq!(w.as_str(), name);
        }
        for (name, r) in ROLES {
            assert_eq!(r.as_str(), name);
        }
        for (name, d) in DIALECTS {
            assert_eq!(Dialect::from_name(name), Some(d));
        }
    }
}
