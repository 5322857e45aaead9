//! Stage 4: evaluation. Total, as CESQL requires: every expression gives a value and a set of
//! error kinds.
//!
//! How errors flow (CESQL §3.2–3.4, pinned down by the TCK): a missing attribute, a division by
//! zero and an unknown function make their subexpression *fail*. The operator that receives a
//! failed operand does not compute: it returns the zero value of its type (`false`, `0`, `''`),
//! and the error stays in the set. So `missing != 2` is false, `NOT missing` is false,
//! `missing / 0` is 0 without a math error, and `true AND (1 != 1/0)` is false. A failed cast
//! does not fail: the cast gives its zero value and the operator goes on (`NOT 10` is true).
//!
//! MNS null semantics (dialect `mns`): an absent attribute and a null one are both *null*.
//! Null is a value distinct from every string, integer and boolean, and raises no error in a
//! comparison: `owner = 'X'` is false, `owner != 'X'` is true, `owner LIKE 'X%'` is false,
//! `owner IN ('X')` is false, `EXISTS owner` is false, and null equals only null. Any other use
//! of null (arithmetic, `NOT owner`, a function argument) is a missing attribute, as in CESQL.
//! A criteria matches an event only when it evaluates to `true` with no error.

use std::borrow::Cow;

use super::ast::BinOp;
use super::attrs::{AttrValue, Attributes, Slot};
use super::compile::{Const, Func, Node, Pat, Program};
use super::value::{bool_str, cast, ErrorKind, Errors, Ty, Value, V};
use super::Dialect;

/// The result of one evaluation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evaluation {
    pub value: Value,
    pub errors: Errors,
}

impl Evaluation {
    /// A parse failure, as the TCK and `filter eval` report it.
    pub fn parse_error() -> Evaluation {
        let mut errors = Errors::default();
        errors.insert(ErrorKind::Parse);
        Evaluation { value: Value::Bool(false), errors }
    }

    /// True when a subscription with this criteria would deliver the event.
    pub fn matched(&self) -> bool {
        self.value == Value::Bool(true) && self.errors.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    Ok,
    Failed,
    /// MNS null: only comparisons, LIKE, IN and EXISTS know what to do with it.
    Null,
}

struct R<'a> {
    v: V<'a>,
    st: St,
}

fn ok(v: V<'_>) -> R<'_> {
    R { v, st: St::Ok }
}

fn zero(ty: Ty) -> R<'static> {
    R { v: ty.zero(), st: St::Ok }
}

struct Cx<'a> {
    attrs: &'a Attributes,
    errs: Errors,
    mns: bool,
}

impl Program {
    /// Evaluates against `attrs`.
    pub fn evaluate(&self, attrs: &Attributes) -> Evaluation {
        let mut cx = Cx { attrs, errs: Errors::default(), mns: self.dialect == Dialect::Mns };
        let r = eval(&self.root, &mut cx);
        let value = if r.st == St::Null { Value::Null } else { r.v.into_value() };
        Evaluation { value, errors: cx.errs }
    }

    /// True when the criteria evaluates to `true` without error: the event would be delivered.
    /// Allocates nothing for criteria made of comparisons, AND, OR and NOT.
    pub fn matches(&self, attrs: &Attributes) -> bool {
        let mut cx = Cx { attrs, errs: Errors::default(), mns: self.dialect == Dialect::Mns };
        let r = eval(&self.root, &mut cx);
        r.st == St::Ok && r.v == V::Bool(true) && cx.errs.is_empty()
    }
}

impl<'a> Cx<'a> {
    fn attr(&mut self, s: &Slot) -> R<'a> {
        match self.attrs.slot(s) {
            Some(AttrValue::Str(v)) => ok(V::Str(Cow::Borrowed(v))),
            Some(AttrValue::Int(n)) => ok(V::Int(*n)),
            Some(AttrValue::Bool(b)) => ok(V::Bool(*b)),
            Some(AttrValue::Null) | None if self.mns => R { v: V::Bool(false), st: St::Null },
            _ => {
                self.errs.insert(ErrorKind::MissingAttribute);
                R { v: V::Bool(false), st: St::Failed }
            }
        }
    }

    /// An operand that must be a value: null becomes a missing attribute.
    fn value<'p: 'a>(&mut self, n: &'p Node) -> R<'a> {
        let r = eval(n, self);
        if r.st == St::Null {
            self.errs.insert(ErrorKind::MissingAttribute);
            return R { v: r.v, st: St::Failed };
        }
        r
    }

    fn cast(&mut self, v: V<'a>, ty: Ty) -> V<'a> {
        cast(v, ty, false, &mut self.errs)
    }
}

fn eval<'a, 'p: 'a>(n: &'p Node, cx: &mut Cx<'a>) -> R<'a> {
    match n {
        Node::Const(Const::Bool(b)) => ok(V::Bool(*b)),
        Node::Const(Const::Int(i)) => ok(V::Int(*i)),
        Node::Const(Const::Str(s)) => ok(V::Str(Cow::Borrowed(s))),
        Node::Attr(s) => cx.attr(s),
        Node::Exists(s) => ok(V::Bool(!matches!(cx.attrs.slot(s), None | Some(AttrValue::Null)))),
        Node::EqAttrStr { slot, lit, ne } => match cx.attrs.slot(slot) {
            Some(AttrValue::Str(v)) => ok(V::Bool((**v == **lit) != *ne)),
            Some(AttrValue::Int(i)) => ok(V::Bool((i.to_string() == **lit) != *ne)),
            Some(AttrValue::Bool(b)) => ok(V::Bool((bool_str(*b) == &**lit) != *ne)),
            Some(AttrValue::Null) | None if cx.mns => ok(V::Bool(*ne)),
            _ => {
                cx.errs.insert(ErrorKind::MissingAttribute);
                zero(Ty::Bool)
            }
        },
        Node::Not(inner) => {
            let r = cx.value(inner);
            if r.st == St::Failed {
                return zero(Ty::Bool);
            }
            match cx.cast(r.v, Ty::Bool) {
                V::Bool(b) => ok(V::Bool(!b)),
                _ => zero(Ty::Bool),
            }
        }
        Node::Neg(inner) => {
            let r = cx.value(inner);
            if r.st == St::Failed {
                return zero(Ty::Int);
            }
            match cx.cast(r.v, Ty::Int) {
                V::Int(i) => ok(V::Int(i.wrapping_neg())),
                _ => zero(Ty::Int),
            }
        }
        Node::Logic(first, rest) => logic(first, rest, cx),
        Node::Cmp(first, rest) => {
            let mut acc = eval(first, cx);
            for (op, rhs) in rest.iter() {
                let r = eval(rhs, cx);
                acc = compare(*op, acc, r, cx);
            }
            acc
        }
        Node::Arith(first, rest) => {
            let mut acc = cx.value(first);
            for (op, rhs) in rest.iter() {
                let r = cx.value(rhs);
                acc = arith(*op, acc, r, cx);
            }
            acc
        }
        Node::Like { expr, pat, negated } => {
            let r = eval(expr, cx);
            match r.st {
                St::Null => ok(V::Bool(*negated)),
                St::Failed => zero(Ty::Bool),
                St::Ok => match cx.cast(r.v, Ty::Str) {
                    V::Str(s) => ok(V::Bool(like(&s, pat) != *negated)),
                    _ => zero(Ty::Bool),
                },
            }
        }
        Node::In { expr, set, negated } => {
            let x = eval(expr, cx);
            if x.st == St::Failed {
                return zero(Ty::Bool);
            }
            for item in set.iter() {
                let y = eval(item, cx);
                let eq = match (x.st, y.st) {
                    (_, St::Failed) => return zero(Ty::Bool),
                    (St::Null, St::Null) => true,
                    (St::Null, _) | (_, St::Null) => false,
                    _ => {
                        let y = cx.cast(y.v, x.v.ty());
                        y == x.v
                    }
                };
                if eq {
                    return ok(V::Bool(!*negated));
                }
            }
            ok(V::Bool(*negated))
        }
        Node::Call(f, args) => call(*f, args, cx),
        Node::MissingFunction => {
            cx.errs.insert(ErrorKind::MissingFunction);
            R { v: V::Bool(false), st: St::Failed }
        }
    }
}

fn logic<'a, 'p: 'a>(first: &'p Node, rest: &'p [(BinOp, Node)], cx: &mut Cx<'a>) -> R<'a> {
    let r = cx.value(first);
    let mut acc = if r.st == St::Failed { None } else { Some(cx.cast(r.v, Ty::Bool) == V::Bool(true)) };
    for (op, rhs) in rest {
        // `None`: the left operand failed, so this operator gives `false` (its zero value).
        let left = acc.unwrap_or(false);
        let skip = acc.is_some() && ((*op == BinOp::And && !left) || (*op == BinOp::Or && left));
        if skip {
            continue;
        }
        let r = cx.value(rhs);
        if acc.is_none() || r.st == St::Failed {
            acc = Some(false);
            continue;
        }
        let right = cx.cast(r.v, Ty::Bool) == V::Bool(true);
        acc = Some(match op {
            BinOp::And => left && right,
            BinOp::Or => left || right,
            _ => left ^ right,
        });
    }
    match acc {
        Some(b) => ok(V::Bool(b)),
        None => R { v: V::Bool(false), st: St::Failed },
    }
}

fn compare<'a>(op: BinOp, l: R<'a>, r: R<'a>, cx: &mut Cx<'a>) -> R<'a> {
    if l.st == St::Failed || r.st == St::Failed {
        return zero(Ty::Bool);
    }
    let eq_op = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::LtGt);
    if l.st == St::Null || r.st == St::Null {
        let both = l.st == r.st;
        return ok(V::Bool(match op {
            BinOp::Eq => both,
            BinOp::Ne | BinOp::LtGt => !both,
            _ => false,
        }));
    }
    if eq_op {
        // `=` is ambiguous: the right operand's type decides the cast of the left (§3.7).
        let ty = r.v.ty();
        let lv = cx.cast(l.v, ty);
        let eq = lv == r.v;
        return ok(V::Bool(if op == BinOp::Eq { eq } else { !eq }));
    }
    let (V::Int(a), V::Int(b)) = (cx.cast(l.v, Ty::Int), cx.cast(r.v, Ty::Int)) else {
        return zero(Ty::Bool);
    };
    ok(V::Bool(match op {
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        _ => a >= b,
    }))
}

fn arith<'a>(op: BinOp, l: R<'a>, r: R<'a>, cx: &mut Cx<'a>) -> R<'a> {
    if l.st == St::Failed || r.st == St::Failed {
        return zero(Ty::Int);
    }
    let (V::Int(a), V::Int(b)) = (cx.cast(l.v, Ty::Int), cx.cast(r.v, Ty::Int)) else {
        return zero(Ty::Int);
    };
    let v = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => a.checked_div(b),
        _ => a.checked_rem(b),
    };
    match v {
        Some(v) => ok(V::Int(v)),
        None if b == 0 && matches!(op, BinOp::Div | BinOp::Mod) => {
            cx.errs.insert(ErrorKind::Math);
            R { v: V::Int(0), st: St::Failed }
        }
        // Overflow: the wrapped result, with a math error.
        None => {
            cx.errs.insert(ErrorKind::Math);
            ok(V::Int(match op {
                BinOp::Add => a.wrapping_add(b),
                BinOp::Sub => a.wrapping_sub(b),
                BinOp::Mul => a.wrapping_mul(b),
                BinOp::Div => a.wrapping_div(b),
                _ => a.wrapping_rem(b),
            }))
        }
    }
}

/// LIKE matching over characters, iterative with one backtrack point (no recursion, O(n·m)).
pub(crate) fn like(text: &str, pat: &[Pat]) -> bool {
    let t: Vec<char> = text.chars().collect();
    let (mut ti, mut pi) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match pat.get(pi) {
            Some(Pat::Many) => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(Pat::One) => {
                ti += 1;
                pi += 1;
            }
            Some(Pat::Char(c)) if t.get(ti) == Some(c) => {
                ti += 1;
                pi += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pat.get(pi..).unwrap_or(&[]).iter().all(|p| *p == Pat::Many)
}

fn ret_type(f: Func) -> Ty {
    match f {
        Func::Length | Func::Abs | Func::Int => Ty::Int,
        Func::Bool => Ty::Bool,
        _ => Ty::Str,
    }
}

fn call<'a, 'p: 'a>(f: Func, args: &'p [Node], cx: &mut Cx<'a>) -> R<'a> {
    let mut vals: Vec<V<'a>> = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let r = cx.value(a);
        if r.st == St::Failed {
            return zero(ret_type(f));
        }
        let v = match f {
            Func::Int | Func::Bool | Func::String => r.v,
            Func::Left | Func::Right | Func::Substring if i > 0 => cx.cast(r.v, Ty::Int),
            Func::Abs => cx.cast(r.v, Ty::Int),
            _ => cx.cast(r.v, Ty::Str),
        };
        vals.push(v);
    }
    super::funcs::run(f, vals, &mut cx.errs).map(|v| ok(v)).unwrap_or_else(|| zero(ret_type(f)))
}
