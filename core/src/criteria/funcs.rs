//! The built-in functions of CESQL §3.5 and the casting functions of §3.7. Arguments arrive
//! already cast to the parameter types (casting functions get them as they are).

use std::borrow::Cow;

use super::case;
use super::compile::Func;
use super::value::{cast, ErrorKind, Errors, Ty, V};

fn s<'a>(v: Option<&V<'a>>) -> Cow<'a, str> {
    match v {
        Some(V::Str(s)) => s.clone(),
        _ => Cow::Borrowed(""),
    }
}

fn int(v: Option<&V<'_>>) -> i32 {
    match v {
        Some(V::Int(n)) => *n,
        _ => 0,
    }
}

fn owned(s: String) -> V<'static> {
    V::Str(Cow::Owned(s))
}

fn fail(errs: &mut Errors) {
    errs.insert(ErrorKind::FunctionEvaluation);
}

/// Runs `f`; `None` means "the zero value of the return type".
pub(crate) fn run<'a>(f: Func, args: Vec<V<'a>>, errs: &mut Errors) -> Option<V<'a>> {
    let a0 = args.first();
    Some(match f {
        Func::Length => V::Int(i32::try_from(s(a0).chars().count()).unwrap_or(i32::MAX)),
        Func::Concat => owned(args.iter().map(|v| s(Some(v))).collect::<Vec<_>>().concat()),
        Func::ConcatWs => {
            let sep = s(a0);
            owned(args.iter().skip(1).map(|v| s(Some(v))).collect::<Vec<_>>().join(&sep))
        }
        Func::Lower => owned(case::lower(&s(a0))),
        Func::Upper => owned(case::upper(&s(a0))),
        Func::Trim => owned(s(a0).trim().to_owned()),
        Func::Left | Func::Right => {
            let text = s(a0);
            let n = int(args.get(1));
            if n < 0 {
                fail(errs);
                return Some(V::Str(text));
            }
            let len = text.chars().count();
            let n = (n as usize).min(len);
            if f == Func::Left {
                owned(text.chars().take(n).collect())
            } else {
                owned(text.chars().skip(len - n).collect())
            }
        }
        Func::Substring => substring(&s(a0), int(args.get(1)), args.get(2).map(|v| int(Some(v))), errs),
        Func::Abs => {
            let n = int(a0);
            if n == i32::MIN {
                errs.insert(ErrorKind::Math);
                V::Int(i32::MAX)
            } else {
                V::Int(n.abs())
            }
        }
        Func::Int => cast(args.into_iter().next()?, Ty::Int, true, errs),
        Func::Bool => cast(args.into_iter().next()?, Ty::Bool, true, errs),
        Func::String => cast(args.into_iter().next()?, Ty::Str, true, errs),
    })
}

/// SUBSTRING(x, pos[, len]): 1-based; a negative `pos` counts from the end; `pos = 0` gives ''.
fn substring(text: &str, pos: i32, len: Option<i32>, errs: &mut Errors) -> V<'static> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len() as i64;
    let pos = i64::from(pos);
    if pos > n || pos < -n || len.is_some_and(|l| l < 0) {
        fail(errs);
        return owned(String::new());
    }
    if pos == 0 {
        return owned(String::new());
    }
    let start = if pos > 0 { pos - 1 } else { n + pos } as usize;
    let end = match len {
        Some(l) => (start as i64 + i64::from(l)).min(n) as usize,
        None => n as usize,
    };
    owned(chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default())
}
