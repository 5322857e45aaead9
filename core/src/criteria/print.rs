//! The printer: a tree back to text that parses to the same tree (`parse(print(e)) == e`).
//!
//! Keywords come out uppercase, strings single-quoted unless the tree says double, one space
//! around binary operators. Where a hand-built tree needs parentheses the printer adds them;
//! [`regroup`] makes those parentheses explicit as `Group` nodes, which is what the parser
//! would build from the printed text.

use super::ast::{BinOp, Expr, ExprKind, Lit, UnOp};
use super::lex::quote;
use super::Dialect;

/// Binding strength of an expression's top operator in `d` (higher binds tighter).
fn level(e: &Expr, d: Dialect) -> u8 {
    match (&e.kind, d) {
        (ExprKind::Chain(_, rest), _) => rest.first().map_or(9, |(op, _)| chain_level(*op, d)),
        (ExprKind::Unary(UnOp::Not, _), Dialect::Mns) => 4,
        (ExprKind::Unary(UnOp::Neg, _), Dialect::Mns) => 8,
        (ExprKind::Unary(_, _), Dialect::Cesql) => 7,
        (ExprKind::Like { .. } | ExprKind::In { .. }, Dialect::Mns) => 5,
        (ExprKind::In { .. }, Dialect::Cesql) => 5,
        (ExprKind::Like { .. }, Dialect::Cesql) => 6,
        _ => 9,
    }
}

/// The level of a chain of `op`.
pub(super) fn chain_level(op: BinOp, d: Dialect) -> u8 {
    match d {
        Dialect::Cesql => match op {
            BinOp::And | BinOp::Or | BinOp::Xor => 1,
            BinOp::Add | BinOp::Sub => 3,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 4,
            _ => 2,
        },
        Dialect::Mns => match op {
            BinOp::Or => 1,
            BinOp::Xor => 2,
            BinOp::And => 3,
            BinOp::Add | BinOp::Sub => 6,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 7,
            _ => 5,
        },
    }
}

#[derive(Clone, Copy)]
enum Pos {
    /// First operand of a chain of level L.
    ChainFirst(u8),
    /// A later operand of a chain of level L.
    ChainRest(u8),
    /// Operand of a prefix or postfix operator of level L.
    Operand(u8),
    /// Operand of unary minus (also guards against `-5` reading back as a literal).
    NegOperand(u8),
}

fn needs_parens(child: &Expr, pos: Pos, d: Dialect) -> bool {
    let l = level(child, d);
    match pos {
        Pos::ChainFirst(p) => l < p || (l == p && matches!(child.kind, ExprKind::Chain(..))),
        Pos::ChainRest(p) => l <= p,
        Pos::Operand(p) => l < p,
        Pos::NegOperand(p) => l < p || matches!(child.kind, ExprKind::Lit(Lit::Int(n)) if n >= 0),
    }
}

/// Prints `e` in dialect `d`.
pub fn print(e: &Expr, d: Dialect) -> String {
    let mut s = String::new();
    write(e, d, &mut s);
    s
}

fn write_child(child: &Expr, pos: Pos, d: Dialect, s: &mut String) {
    if needs_parens(child, pos, d) {
        s.push('(');
        write(child, d, s);
        s.push(')');
    } else {
        write(child, d, s);
    }
}

fn write(e: &Expr, d: Dialect, s: &mut String) {
    let me = level(e, d);
    match &e.kind {
        ExprKind::Lit(Lit::Bool(b)) => s.push_str(if *b { "TRUE" } else { "FALSE" }),
        ExprKind::Lit(Lit::Int(n)) => s.push_str(&n.to_string()),
        ExprKind::Lit(Lit::Str { value, double_quoted }) => s.push_str(&quote(value, *double_quoted)),
        ExprKind::Ident(name) => s.push_str(name),
        ExprKind::Group(inner) => {
            s.push('(');
            write(inner, d, s);
            s.push(')');
        }
        ExprKind::Unary(UnOp::Not, inner) => {
            s.push_str("NOT ");
            write_child(inner, Pos::Operand(me), d, s);
        }
        ExprKind::Unary(UnOp::Neg, inner) => {
            s.push('-');
            write_child(inner, Pos::NegOperand(me), d, s);
        }
        ExprKind::Chain(first, rest) => {
            write_child(first, Pos::ChainFirst(me), d, s);
            for (op, operand) in rest {
                s.push(' ');
                s.push_str(op.symbol());
                s.push(' ');
                write_child(operand, Pos::ChainRest(me), d, s);
            }
        }
        ExprKind::Like { expr, negated, pattern, double_quoted } => {
            write_child(expr, Pos::Operand(me), d, s);
            s.push_str(if *negated { " NOT LIKE " } else { " LIKE " });
            s.push_str(&quote(pattern, *double_quoted));
        }
        ExprKind::In { expr, negated, set } => {
            write_child(expr, Pos::Operand(me), d, s);
            s.push_str(if *negated { " NOT IN (" } else { " IN (" });
            for (i, item) in set.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write(item, d, s);
            }
            s.push(')');
        }
        ExprKind::Exists(name) => {
            s.push_str("EXISTS ");
            s.push_str(name);
        }
        ExprKind::Call(name, args) => {
            s.push_str(name);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write(a, d, s);
            }
            s.push(')');
        }
    }
}

/// `e` with a `Group` wherever [`print`] would add parentheses: the tree the parser builds
/// from `print(e)`.
pub fn regroup(e: &Expr, d: Dialect) -> Expr {
    let me = level(e, d);
    let wrap = |child: &Expr, pos: Pos| -> Expr {
        let c = regroup(child, d);
        if needs_parens(child, pos, d) {
            Expr::new(ExprKind::Group(Box::new(c)), child.span)
        } else {
            c
        }
    };
    let kind = match &e.kind {
        ExprKind::Group(inner) => ExprKind::Group(Box::new(regroup(inner, d))),
        ExprKind::Unary(op, inner) => {
            let pos = if *op == UnOp::Neg { Pos::NegOperand(me) } else { Pos::Operand(me) };
            ExprKind::Unary(*op, Box::new(wrap(inner, pos)))
        }
        ExprKind::Chain(first, rest) => ExprKind::Chain(
            Box::new(wrap(first, Pos::ChainFirst(me))),
            rest.iter().map(|(op, x)| (*op, wrap(x, Pos::ChainRest(me)))).collect(),
        ),
        ExprKind::Like { expr, negated, pattern, double_quoted } => ExprKind::Like {
            expr: Box::new(wrap(expr, Pos::Operand(me))),
            negated: *negated,
            pattern: pattern.clone(),
            double_quoted: *double_quoted,
        },
        ExprKind::In { expr, negated, set } => ExprKind::In {
            expr: Box::new(wrap(expr, Pos::Operand(me))),
            negated: *negated,
            set: set.iter().map(|x| regroup(x, d)).collect(),
        },
        ExprKind::Call(name, args) => ExprKind::Call(name.clone(), args.iter().map(|x| regroup(x, d)).collect()),
        other => other.clone(),
    };
    Expr::new(kind, e.span)
}
