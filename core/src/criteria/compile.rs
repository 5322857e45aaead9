//! Stage 3: syntax tree → program. Attribute names become slots, functions are resolved by
//! name and arity, LIKE patterns are pre-split, and the commonest MNS test, `attribute =
//! 'literal'`, becomes one node that compares strings without building values.

use super::ast::{BinOp, Expr, ExprKind, Lit, UnOp};
use super::attrs::{resolve, Slot};
use super::Dialect;

/// A compiled criteria: compile once, evaluate many times (see [`Program::evaluate`]).
#[derive(Clone, Debug)]
pub struct Program {
    pub(crate) root: Node,
    pub(crate) dialect: Dialect,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Const {
    Bool(bool),
    Int(i32),
    Str(Box<str>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Length,
    Concat,
    ConcatWs,
    Lower,
    Upper,
    Trim,
    Left,
    Right,
    Substring,
    Abs,
    Int,
    Bool,
    String,
}

/// A LIKE pattern, split into literal characters and wildcards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pat {
    Char(char),
    One,
    Many,
}

#[derive(Clone, Debug)]
pub(crate) enum Node {
    Const(Const),
    Attr(Slot),
    Exists(Slot),
    Not(Box<Node>),
    Neg(Box<Node>),
    /// AND / OR / XOR, left to right with short-circuit.
    Logic(Box<Node>, Box<[(BinOp, Node)]>),
    Cmp(Box<Node>, Box<[(BinOp, Node)]>),
    Arith(Box<Node>, Box<[(BinOp, Node)]>),
    /// `attribute = 'literal'` (or `!=`, `<>`).
    EqAttrStr {
        slot: Slot,
        lit: Box<str>,
        ne: bool,
    },
    Like {
        expr: Box<Node>,
        pat: Box<[Pat]>,
        negated: bool,
    },
    In {
        expr: Box<Node>,
        set: Box<[Node]>,
        negated: bool,
    },
    Call(Func, Box<[Node]>),
    /// No function of that name and arity: evaluates to `false` with a missingFunction error.
    MissingFunction,
}

fn func(name: &str, arity: usize) -> Option<Func> {
    let n = name.to_ascii_uppercase();
    Some(match (n.as_str(), arity) {
        ("LENGTH", 1) => Func::Length,
        ("CONCAT", _) => Func::Concat,
        ("CONCAT_WS", a) if a >= 1 => Func::ConcatWs,
        ("LOWER", 1) => Func::Lower,
        ("UPPER", 1) => Func::Upper,
        ("TRIM", 1) => Func::Trim,
        ("LEFT", 2) => Func::Left,
        ("RIGHT", 2) => Func::Right,
        ("SUBSTRING", 2 | 3) => Func::Substring,
        ("ABS", 1) => Func::Abs,
        ("INT", 1) => Func::Int,
        ("BOOL", 1) => Func::Bool,
        ("STRING", 1) => Func::String,
        _ => return None,
    })
}

/// Whether `name` with `arity` arguments is a built-in function.
pub fn is_function(name: &str, arity: usize) -> bool {
    func(name, arity).is_some()
}

/// Splits a LIKE pattern: `%` any run, `_` one character, `\%` and `\_` literal; any other
/// backslash is itself (so `'ab\c'` matches the text `ab\c`, as the TCK wants).
pub(crate) fn compile_pattern(p: &str) -> Box<[Pat]> {
    let mut out = Vec::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek().copied() {
                Some(n @ ('%' | '_')) => {
                    out.push(Pat::Char(n));
                    chars.next();
                }
                _ => out.push(Pat::Char('\\')),
            },
            '%' => {
                if out.last() != Some(&Pat::Many) {
                    out.push(Pat::Many);
                }
            }
            '_' => out.push(Pat::One),
            c => out.push(Pat::Char(c)),
        }
    }
    out.into_boxed_slice()
}

impl Program {
    /// Compiles a parsed criteria for evaluation with `dialect`'s semantics.
    pub fn compile(e: &Expr, dialect: Dialect) -> Program {
        Program { root: node(e), dialect }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

fn chain(first: &Expr, rest: &[(BinOp, Expr)]) -> (Box<Node>, Box<[(BinOp, Node)]>) {
    (Box::new(node(first)), rest.iter().map(|(op, e)| (*op, node(e))).collect())
}

fn node(e: &Expr) -> Node {
    match &e.kind {
        ExprKind::Lit(Lit::Bool(b)) => Node::Const(Const::Bool(*b)),
        ExprKind::Lit(Lit::Int(n)) => Node::Const(Const::Int(*n)),
        ExprKind::Lit(Lit::Str { value, .. }) => Node::Const(Const::Str(value.as_str().into())),
        ExprKind::Ident(name) => Node::Attr(resolve(name)),
        ExprKind::Group(inner) => node(inner),
        ExprKind::Unary(UnOp::Not, inner) => Node::Not(Box::new(node(inner))),
        ExprKind::Unary(UnOp::Neg, inner) => Node::Neg(Box::new(node(inner))),
        ExprKind::Chain(first, rest) => {
            let op = rest.first().map_or(BinOp::And, |(op, _)| *op);
            if op.is_logic() {
                let (f, r) = chain(first, rest);
                Node::Logic(f, r)
            } else if op.is_comparison() {
                if let [(op @ (BinOp::Eq | BinOp::Ne | BinOp::LtGt), rhs)] = rest.as_slice() {
                    if let (ExprKind::Ident(name), ExprKind::Lit(Lit::Str { value, .. })) =
                        (&first.ungroup().kind, &rhs.ungroup().kind)
                    {
                        return Node::EqAttrStr {
                            slot: resolve(name),
                            lit: value.as_str().into(),
                            ne: *op != BinOp::Eq,
                        };
                    }
                }
                let (f, r) = chain(first, rest);
                Node::Cmp(f, r)
            } else {
                let (f, r) = chain(first, rest);
                Node::Arith(f, r)
            }
        }
        ExprKind::Like { expr, negated, pattern, .. } => {
            Node::Like { expr: Box::new(node(expr)), pat: compile_pattern(pattern), negated: *negated }
        }
        ExprKind::In { expr, negated, set } => {
            Node::In { expr: Box::new(node(expr)), set: set.iter().map(node).collect(), negated: *negated }
        }
        ExprKind::Exists(name) => Node::Exists(resolve(name)),
        ExprKind::Call(name, args) => match func(name, args.len()) {
            Some(f) => Node::Call(f, args.iter().map(node).collect()),
            None => Node::MissingFunction,
        },
    }
}
