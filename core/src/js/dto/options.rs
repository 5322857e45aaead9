//! `ValidateOptions` read without serde. The validator is the one family a host needs on every
//! page, and serde's deserializer with its error formatting (which prints floats, so links
//! core's float formatter) is a tenth of that family's Wasm. The messages are serde_json's, word
//! for word (a test compares both on a corpus), except that a floating-point value is quoted as
//! its JSON text (`1e+21`) where serde writes Rust's digits (`1000000000000000000000`).

use std::borrow::Cow;

use super::ValidateOptions;
use crate::json::{Doc, Kind, Limits, Value};
use crate::validate::Mode;

const MODES: [(&str, Mode); 4] =
    [("auto", Mode::Auto), ("order", Mode::Order), ("result", Mode::Result), ("inspect", Mode::Inspect)];

/// A mode's name, as the options spell it.
pub fn mode_name(mode: Mode) -> &'static str {
    MODES.iter().find(|(_, m)| *m == mode).map_or("auto", |(n, _)| n)
}

/// As `read_options::<ValidateOptions>`: absent options are the defaults, anything that does not
/// fit is an `invalid options: …` message for a JS `Error`.
pub fn read_validate_options(json: Option<&str>) -> Result<ValidateOptions, String> {
    let text = match json.map(str::trim) {
        None | Some("") | Some("null") => return Ok(ValidateOptions::default()),
        Some(text) => text,
    };
    let doc = Doc::parse_with(text, Limits::default()).map_err(|e| format!("invalid options: {e}"))?;
    options(doc.root()).map_err(|e| format!("invalid options: {e}"))
}

fn options(v: Value<'_, '_>) -> Result<ValidateOptions, String> {
    let mut o = ValidateOptions::default();
    match v.kind() {
        Kind::Object => {
            let (mut mode, mut strict) = (false, false);
            for (name, value) in v.members() {
                match &*name {
                    "mode" if mode => return Err("duplicate field `mode`".into()),
                    "strict" if strict => return Err("duplicate field `strict`".into()),
                    "mode" => (o.mode, mode) = (read_mode(value)?, true),
                    "strict" => (o.strict, strict) = (read_bool(value)?, true),
                    other => return Err(format!("unknown field `{other}`, expected `mode` or `strict`")),
                }
            }
        }
        // serde reads a struct from an array too, its fields in order.
        Kind::Array => {
            let n = v.len();
            if let Some(m) = v.items().next() {
                o.mode = read_mode(m)?;
            }
            if let Some(s) = v.items().nth(1) {
                o.strict = read_bool(s)?;
            }
            if n > 2 {
                return Err(format!("invalid length {n}, expected fewer elements in array"));
            }
        }
        _ => return Err(format!("invalid type: {}, expected struct ValidateOptions", unexpected(v))),
    }
    Ok(o)
}

fn read_bool(v: Value<'_, '_>) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("invalid type: {}, expected a boolean", unexpected(v)))
}

fn read_mode(v: Value<'_, '_>) -> Result<Mode, String> {
    let variant =
        |name: &str| {
            MODES.iter().find(|(n, _)| *n == name).map(|(_, m)| *m).ok_or_else(|| {
                format!("unknown variant `{name}`, expected one of `auto`, `order`, `result`, `inspect`")
            })
        };
    match v.kind() {
        Kind::String => variant(&v.as_str().unwrap_or_default()),
        // An enum written as a map: `{"order": null}`.
        Kind::Object => {
            let mut members = v.members();
            let Some((name, value)) = members.next() else {
                return Err("expected value".into());
            };
            let mode = variant(&name)?;
            if !value.is_null() {
                return Err(format!("invalid type: {}, expected unit", unexpected(value)));
            }
            match members.next() {
                Some(_) => Err("expected value".into()),
                None => Ok(mode),
            }
        }
        _ => Err("expected value".into()),
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

    /// The hand reader answers as serde does.
    fn check(text: &str) {
        let serde = read_options::<ValidateOptions>(Some(text)).map(|o| (o.mode, o.strict));
        let ours = read_validate_options(Some(text)).map(|o| (o.mode, o.strict));
        assert_eq!(ours, serde, "{text}");
    }

    #[test]
    fn reads_options_as_serde_does() {
        for text in [
            "{}",
            "null",
            "",
            r#"{"mode":"order","strict":true}"#,
            r#"{"strict":false,"mode":"inspect"}"#,
            r#"{"mode":"result"}"#,
            r#"{"mode":"auto"}"#,
            r#"{"strickt":true}"#,
            r#"{"mode":"sideways"}"#,
            r#"{"mode":"Order"}"#,
            r#"{"mode":1}"#,
            r#"{"mode":null}"#,
            r#"{"mode":true}"#,
            r#"{"mode":[]}"#,
            r#"{"mode":{"order":null}}"#,
            r#"{"mode":{"order":1}}"#,
            r#"{"mode":{"lab":null}}"#,
            r#"{"mode":{}}"#,
            r#"{"mode":{"order":null,"result":null}}"#,
            r#"{"strict":-0}"#,
            r#"{"strict":0}"#,
            r#"{"strict":"yes"}"#,
            r#"{"strict":"a \"quoted\" é\n"}"#,
            r#"{"strict":1}"#,
            r#"{"strict":-1}"#,
            r#"{"strict":1.5}"#,
            r#"{"strict":-2.25}"#,
            r#"{"strict":0.1}"#,
            r#"{"strict":18446744073709551615}"#,
            r#"{"strict":-9223372036854775808}"#,
            r#"{"strict":null}"#,
            r#"{"strict":[]}"#,
            r#"{"strict":{}}"#,
            r#"{"strict":true,"strict":false}"#,
            r#"{"mode":"order","mode":"result"}"#,
            r#""strict""#,
            "1",
            "-3",
            "2.5",
            "true",
            "[]",
            r#"["order"]"#,
            r#"["order",true]"#,
            r#"["lab"]"#,
            r#"["order","yes"]"#,
            r#"{"mode":"order","x":1}"#,
        ] {
            check(text);
        }
        // The one difference: a float is quoted as written (JSON.stringify writes no exponent
        // below 1e21, so a host sees it only for such numbers).
        assert_eq!(
            read_validate_options(Some(r#"{"strict":1e3}"#)).map(|_| ()),
            Err("invalid options: invalid type: floating point `1e3`, expected a boolean".to_owned())
        );
        for (name, mode) in MODES {
            assert_eq!(serde_json::to_value(mode).unwrap(), serde_json::json!(mode_name(mode)));
            assert_eq!(name, mode_name(mode));
        }
    }
}
