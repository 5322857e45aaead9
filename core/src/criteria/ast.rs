//! The syntax tree of a criteria, as the parser builds it and the printer writes it back.
//!
//! Binary operators of one precedence level form a flat [`ExprKind::Chain`] instead of a
//! left-leaning tree: a 1 MB criteria of `a='x' AND a='x' AND …` is then one wide node, so no
//! later pass (printer, linter, compiler, `Drop`) recurses deeper than the parser's nesting limit.
//! Parentheses are kept as [`ExprKind::Group`] because the linter must know where the author put
//! them (AND and OR mixed without parentheses).

use serde::Serialize;

/// A byte range of the criteria text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn range(self) -> (usize, usize) {
        (self.start as usize, self.end as usize)
    }
}

/// A literal value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Lit {
    Bool(bool),
    Int(i32),
    /// A string; `double_quoted` remembers `"…"` (legal CESQL, discouraged by MNS).
    Str {
        value: String,
        double_quoted: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Not,
    Neg,
}

/// Binary operators. `!=` and `<>` mean the same but are kept apart so printing round-trips.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BinOp {
    And,
    Or,
    Xor,
    Eq,
    Ne,
    LtGt,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::And => "AND",
            BinOp::Or => "OR",
            BinOp::Xor => "XOR",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::LtGt => "<>",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        }
    }

    pub fn is_logic(self) -> bool {
        matches!(self, BinOp::And | BinOp::Or | BinOp::Xor)
    }

    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::LtGt | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }

    pub fn is_additive(self) -> bool {
        matches!(self, BinOp::Add | BinOp::Sub)
    }

    pub fn is_multiplicative(self) -> bool {
        matches!(self, BinOp::Mul | BinOp::Div | BinOp::Mod)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExprKind {
    Lit(Lit),
    /// An attribute name, as written (lookup is case-insensitive).
    Ident(String),
    /// `( expr )`.
    Group(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `first op1 e1 op2 e2 …`, all operators of one precedence level, evaluated left to right.
    /// Never empty: the parser builds a chain only when there is at least one operator.
    Chain(Box<Expr>, Vec<(BinOp, Expr)>),
    Like {
        expr: Box<Expr>,
        negated: bool,
        pattern: String,
        double_quoted: bool,
    },
    In {
        expr: Box<Expr>,
        negated: bool,
        set: Vec<Expr>,
    },
    Exists(String),
    /// A function call; the name as written.
    Call(String, Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// The expression inside any number of parentheses.
    pub fn ungroup(&self) -> &Expr {
        let mut e = self;
        // Bounded: each step goes one level down a finite tree.
        while let ExprKind::Group(inner) = &e.kind {
            e = inner;
        }
        e
    }

    /// Calls `f` on each direct child, in source order, without allocating.
    pub fn for_each_child<'e>(&'e self, mut f: impl FnMut(&'e Expr)) {
        match &self.kind {
            ExprKind::Lit(_) | ExprKind::Ident(_) | ExprKind::Exists(_) => {}
            ExprKind::Group(e) | ExprKind::Unary(_, e) | ExprKind::Like { expr: e, .. } => f(e),
            ExprKind::Chain(first, rest) => {
                f(first);
                rest.iter().for_each(|(_, e)| f(e));
            }
            ExprKind::In { expr, set, .. } => {
                f(expr);
                set.iter().for_each(f);
            }
            ExprKind::Call(_, args) => args.iter().for_each(f),
        }
    }

    /// Direct children, in source order.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Lit(_) | ExprKind::Ident(_) | ExprKind::Exists(_) => Vec::new(),
            ExprKind::Group(e) | ExprKind::Unary(_, e) | ExprKind::Like { expr: e, .. } => vec![e],
            ExprKind::Chain(first, rest) => {
                let mut v = vec![&**first];
                v.extend(rest.iter().map(|(_, e)| e));
                v
            }
            ExprKind::In { expr, set, .. } => {
                let mut v = vec![&**expr];
                v.extend(set.iter());
                v
            }
            ExprKind::Call(_, args) => args.iter().collect(),
        }
    }

    /// A copy with every span zeroed: two trees that differ only in layout compare equal.
    pub fn without_spans(&self) -> Expr {
        let kind = match &self.kind {
            ExprKind::Group(e) => ExprKind::Group(Box::new(e.without_spans())),
            ExprKind::Unary(op, e) => ExprKind::Unary(*op, Box::new(e.without_spans())),
            ExprKind::Chain(first, rest) => ExprKind::Chain(
                Box::new(first.without_spans()),
                rest.iter().map(|(op, e)| (*op, e.without_spans())).collect(),
            ),
            ExprKind::Like { expr, negated, pattern, double_quoted } => ExprKind::Like {
                expr: Box::new(expr.without_spans()),
                negated: *negated,
                pattern: pattern.clone(),
                double_quoted: *double_quoted,
            },
            ExprKind::In { expr, negated, set } => ExprKind::In {
                expr: Box::new(expr.without_spans()),
                negated: *negated,
                set: set.iter().map(Expr::without_spans).collect(),
            },
            ExprKind::Call(name, args) => ExprKind::Call(name.clone(), args.iter().map(Expr::without_spans).collect()),
            other => other.clone(),
        };
        Expr { kind, span: Span::default() }
    }
}
