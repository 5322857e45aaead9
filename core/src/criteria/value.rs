//! Values, the error kinds of CESQL §3.3, and the implicit casts of §3.7.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// The value of an evaluated criteria (CESQL's three types, plus `Null` for an MNS "String or
/// null" filter that is absent or null).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i32),
    Str(String),
}

impl Value {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(n) => (*n).into(),
            Value::Str(s) => s.clone().into(),
        }
    }
}

/// An error kind of CESQL §3.3, with the names the TCK uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    Parse,
    Math,
    Cast,
    MissingAttribute,
    MissingFunction,
    FunctionEvaluation,
    Generic,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Parse,
        ErrorKind::Math,
        ErrorKind::Cast,
        ErrorKind::MissingAttribute,
        ErrorKind::MissingFunction,
        ErrorKind::FunctionEvaluation,
        ErrorKind::Generic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Parse => "parse",
            ErrorKind::Math => "math",
            ErrorKind::Cast => "cast",
            ErrorKind::MissingAttribute => "missingAttribute",
            ErrorKind::MissingFunction => "missingFunction",
            ErrorKind::FunctionEvaluation => "functionEvaluation",
            ErrorKind::Generic => "generic",
        }
    }

    pub fn from_name(s: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The set of error kinds an evaluation raised: a bit set, so evaluating allocates nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Errors(u8);

impl Errors {
    pub fn insert(&mut self, k: ErrorKind) {
        self.0 |= 1 << (k as u8);
    }

    pub fn contains(self, k: ErrorKind) -> bool {
        self.0 & (1 << (k as u8)) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = ErrorKind> {
        ErrorKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }

    /// The names, in the order of [`ErrorKind::ALL`].
    pub fn names(self) -> Vec<&'static str> {
        self.iter().map(ErrorKind::as_str).collect()
    }
}

impl Serialize for Errors {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// A value during evaluation: strings borrow from the program or the attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum V<'a> {
    Bool(bool),
    Int(i32),
    Str(Cow<'a, str>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Bool,
    Int,
    Str,
}

impl V<'_> {
    pub fn ty(&self) -> Ty {
        match self {
            V::Bool(_) => Ty::Bool,
            V::Int(_) => Ty::Int,
            V::Str(_) => Ty::Str,
        }
    }

    pub fn into_value(self) -> Value {
        match self {
            V::Bool(b) => Value::Bool(b),
            V::Int(n) => Value::Int(n),
            V::Str(s) => Value::Str(s.into_owned()),
        }
    }
}

impl Ty {
    pub fn zero(self) -> V<'static> {
        match self {
            Ty::Bool => V::Bool(false),
            Ty::Int => V::Int(0),
            Ty::Str => V::Str(Cow::Borrowed("")),
        }
    }
}

/// Parses an optionally signed decimal 32-bit integer, as `INT` does.
pub(crate) fn parse_int(s: &str) -> Option<i32> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i32>().ok()
}

pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Casts `v` to `ty`. `explicit` is a casting function (`BOOL(1)` is true); an implicit cast of
/// an integer to a boolean is a cast error (`NOT 10` in the TCK). A failed cast gives the zero
/// value of `ty` and records a cast error.
pub(crate) fn cast<'a>(v: V<'a>, ty: Ty, explicit: bool, errs: &mut Errors) -> V<'a> {
    match (v, ty) {
        (v @ V::Bool(_), Ty::Bool) | (v @ V::Int(_), Ty::Int) | (v @ V::Str(_), Ty::Str) => v,
        (V::Bool(b), Ty::Int) => V::Int(i32::from(b)),
        (V::Bool(b), Ty::Str) => V::Str(Cow::Borrowed(bool_str(b))),
        (V::Int(n), Ty::Str) => V::Str(Cow::Owned(n.to_string())),
        (V::Int(n), Ty::Bool) if explicit => V::Bool(n != 0),
        (V::Str(s), Ty::Int) => match parse_int(&s) {
            Some(n) => V::Int(n),
            None => {
                errs.insert(ErrorKind::Cast);
                V::Int(0)
            }
        },
        (V::Str(s), Ty::Bool) if s.eq_ignore_ascii_case("true") => V::Bool(true),
        (V::Str(s), Ty::Bool) if s.eq_ignore_ascii_case("false") => V::Bool(false),
        (_, ty) => {
            errs.insert(ErrorKind::Cast);
            ty.zero()
        }
    }
}
