//! Stage 2: tokens → syntax tree. Recursive descent with an explicit nesting budget, so hostile
//! input (10,000 nested parentheses, `NOT NOT NOT …`) ends in a positioned error, never a stack
//! overflow. Chains of one precedence level are parsed by loops, not recursion.
//!
//! Precedence, loosest first:
//! - `cesql` (CESQL v1.0 §3.4 and its ANTLR grammar): `AND OR XOR` (one level, left to right) ·
//!   comparisons · `+ -` · `* / %` · `[NOT] IN` · `[NOT] LIKE` · prefix `NOT`, `-` · atoms.
//!   So `NOT a = b` is `(NOT a) = b`, as the grammar says.
//! - `mns` (SQL, which is what subscription authors write): `OR` · `XOR` · `AND` · prefix `NOT` ·
//!   comparisons, `[NOT] LIKE`, `[NOT] IN` · `+ -` · `* / %` · prefix `-` · atoms.
//!   So `a AND NOT b = 'x'` is `a AND NOT (b = 'x')`.

use super::ast::{BinOp, Expr, ExprKind, Lit, Span, UnOp};
use super::lex::{lex, unescape, Tok, Token};
use super::{Dialect, ParseError, MAX_DEPTH, MAX_LEN};

/// Parses a criteria in `dialect`.
pub fn parse(src: &str, dialect: Dialect) -> Result<Expr, ParseError> {
    if src.len() > MAX_LEN {
        return Err(ParseError::new(
            format!("The criteria has {} bytes, more than the {MAX_LEN} accepted", src.len()),
            MAX_LEN,
            src.len(),
        ));
    }
    let tokens = lex(src)?;
    let mut p = Parser { src, toks: tokens, pos: 0, depth: 0, dialect };
    if p.peek() == Tok::Eof {
        return Err(ParseError::new("The criteria is empty", 0, src.len()));
    }
    let e = p.expr()?;
    let t = p.tok();
    if t.tok != Tok::Eof {
        let help = if t.tok == Tok::RParen { "Remove the `)` or add the `(` it closes." } else { "" };
        return Err(ParseError::new(
            format!("Found {} after a complete expression", t.tok.describe()),
            t.span.start as usize,
            t.span.end as usize,
        )
        .with_help(help));
    }
    Ok(e)
}

struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    pos: usize,
    depth: u32,
    dialect: Dialect,
}

fn cmp_op(t: Tok) -> Option<BinOp> {
    Some(match t {
        Tok::Eq => BinOp::Eq,
        Tok::Ne => BinOp::Ne,
        Tok::LtGt => BinOp::LtGt,
        Tok::Lt => BinOp::Lt,
        Tok::Le => BinOp::Le,
        Tok::Gt => BinOp::Gt,
        Tok::Ge => BinOp::Ge,
        _ => return None,
    })
}

fn add_op(t: Tok) -> Option<BinOp> {
    match t {
        Tok::Plus => Some(BinOp::Add),
        Tok::Minus => Some(BinOp::Sub),
        _ => None,
    }
}

fn mul_op(t: Tok) -> Option<BinOp> {
    match t {
        Tok::Star => Some(BinOp::Mul),
        Tok::Slash => Some(BinOp::Div),
        Tok::Percent => Some(BinOp::Mod),
        _ => None,
    }
}

fn cesql_logic_op(t: Tok) -> Option<BinOp> {
    match t {
        Tok::And => Some(BinOp::And),
        Tok::Or => Some(BinOp::Or),
        Tok::Xor => Some(BinOp::Xor),
        _ => None,
    }
}

fn finish_chain(first: Expr, rest: Vec<(BinOp, Expr)>) -> Expr {
    if rest.is_empty() {
        return first;
    }
    let span = first.span.to(rest.last().map_or(first.span, |(_, e)| e.span));
    Expr::new(ExprKind::Chain(Box::new(first), rest), span)
}

impl Parser<'_> {
    fn tok(&self) -> Token {
        // `lex` always ends with Eof and `bump` never moves past it.
        self.toks
            .get(self.pos)
            .copied()
            .unwrap_or(Token { tok: Tok::Eof, span: Span::new(self.src.len(), self.src.len()) })
    }

    fn peek(&self) -> Tok {
        self.tok().tok
    }

    fn peek2(&self) -> Tok {
        self.toks.get(self.pos + 1).map_or(Tok::Eof, |t| t.tok)
    }

    fn bump(&mut self) -> Token {
        let t = self.tok();
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        t
    }

    fn text(&self, s: Span) -> &str {
        self.src.get(s.start as usize..s.end as usize).unwrap_or("")
    }

    fn unexpected(&self, wanted: &str) -> ParseError {
        let t = self.tok();
        let (s, e) = t.span.range();
        let mut err = ParseError::new(format!("Expected {wanted}, found {}", t.tok.describe()), s, e);
        if t.tok == Tok::Eof {
            err = ParseError::new(format!("The criteria ends where {wanted} was expected"), s, e);
        }
        if self.dialect == Dialect::Mns && t.tok == Tok::Ident && wanted.contains("operator") {
            err = err.with_help("Quote values in single quotes: `performer='LABA'`, not `performer=LABA`.");
        }
        err
    }

    fn expect(&mut self, t: Tok, wanted: &str) -> Result<Token, ParseError> {
        if self.peek() == t {
            Ok(self.bump())
        } else {
            Err(self.unexpected(wanted))
        }
    }

    /// Enters one nesting level; deeper than [`MAX_DEPTH`] is an error at the current token.
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let (s, e) = self.tok().span.range();
            return Err(ParseError::new(format!("The criteria nests deeper than {MAX_DEPTH} levels"), s, e)
                .with_help("Remove redundant parentheses or split the criteria."));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let e = match self.dialect {
            Dialect::Cesql => self.chain(|p| p.cesql_cmp(), cesql_logic_op),
            Dialect::Mns => self.mns_or(),
        };
        self.leave();
        e
    }

    /// `operand (op operand)*` for the operators `op_of` accepts.
    fn chain(
        &mut self,
        mut operand: impl FnMut(&mut Self) -> Result<Expr, ParseError>,
        op_of: fn(Tok) -> Option<BinOp>,
    ) -> Result<Expr, ParseError> {
        let first = operand(self)?;
        let mut rest = Vec::new();
        while let Some(op) = op_of(self.peek()) {
            self.bump();
            rest.push((op, operand(self)?));
        }
        Ok(finish_chain(first, rest))
    }

    // ---- cesql ----

    fn cesql_cmp(&mut self) -> Result<Expr, ParseError> {
        self.chain(|p| p.chain(|p| p.chain(|p| p.cesql_in(), mul_op), add_op), cmp_op)
    }

    fn cesql_in(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.cesql_like()?;
        let start_depth = self.depth;
        while self.at_postfix(Tok::In) {
            self.enter()?;
            e = self.in_tail(e)?;
        }
        self.depth = start_depth;
        Ok(e)
    }

    fn cesql_like(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.unary()?;
        let start_depth = self.depth;
        while self.at_postfix(Tok::Like) {
            self.enter()?;
            e = self.like_tail(e)?;
        }
        self.depth = start_depth;
        Ok(e)
    }

    /// Prefix `NOT` and `-` (cesql), or `-` only (mns).
    fn unary(&mut self) -> Result<Expr, ParseError> {
        let t = self.tok();
        match t.tok {
            Tok::Not if self.dialect == Dialect::Cesql => {
                self.bump();
                self.enter()?;
                let e = self.unary();
                self.leave();
                let e = e?;
                let span = t.span.to(e.span);
                Ok(Expr::new(ExprKind::Unary(UnOp::Not, Box::new(e)), span))
            }
            Tok::Minus | Tok::Plus if self.peek2() == Tok::Int => {
                self.bump();
                let n = self.bump();
                let negative = t.tok == Tok::Minus;
                let v = self.int_value(n, negative)?;
                Ok(Expr::new(ExprKind::Lit(Lit::Int(v)), t.span.to(n.span)))
            }
            Tok::Minus => {
                self.bump();
                self.enter()?;
                let e = self.unary();
                self.leave();
                let e = e?;
                let span = t.span.to(e.span);
                Ok(Expr::new(ExprKind::Unary(UnOp::Neg, Box::new(e)), span))
            }
            _ => self.primary(),
        }
    }

    // ---- mns ----

    fn mns_or(&mut self) -> Result<Expr, ParseError> {
        self.chain(
            |p| {
                p.chain(
                    |p| p.chain(|p| p.mns_not(), |t| (t == Tok::And).then_some(BinOp::And)),
                    |t| (t == Tok::Xor).then_some(BinOp::Xor),
                )
            },
            |t| (t == Tok::Or).then_some(BinOp::Or),
        )
    }

    fn mns_not(&mut self) -> Result<Expr, ParseError> {
        let t = self.tok();
        if t.tok == Tok::Not {
            self.bump();
            self.enter()?;
            let e = self.mns_not();
            self.leave();
            let e = e?;
            let span = t.span.to(e.span);
            return Ok(Expr::new(ExprKind::Unary(UnOp::Not, Box::new(e)), span));
        }
        self.mns_cmp()
    }

    /// Comparisons, LIKE and IN share one level in SQL: `a = b LIKE 'x'` is `(a = b) LIKE 'x'`.
    fn mns_cmp(&mut self) -> Result<Expr, ParseError> {
        let start_depth = self.depth;
        let mut first = self.mns_add()?;
        let mut rest = Vec::new();
        loop {
            if let Some(op) = cmp_op(self.peek()) {
                self.bump();
                rest.push((op, self.mns_add()?));
            } else if self.at_postfix(Tok::Like) || self.at_postfix(Tok::In) {
                self.enter()?;
                let cur = finish_chain(first, std::mem::take(&mut rest));
                first = if self.at_postfix(Tok::Like) { self.like_tail(cur)? } else { self.in_tail(cur)? };
            } else {
                break;
            }
        }
        self.depth = start_depth;
        Ok(finish_chain(first, rest))
    }

    fn mns_add(&mut self) -> Result<Expr, ParseError> {
        self.chain(|p| p.chain(|p| p.unary(), mul_op), add_op)
    }

    // ---- shared ----

    /// At `kw` or `NOT kw`.
    fn at_postfix(&self, kw: Tok) -> bool {
        self.peek() == kw || (self.peek() == Tok::Not && self.peek2() == kw)
    }

    fn like_tail(&mut self, e: Expr) -> Result<Expr, ParseError> {
        let negated = self.peek() == Tok::Not;
        if negated {
            self.bump();
        }
        self.bump(); // LIKE
        let t = self.tok();
        let Tok::Str { double } = t.tok else {
            return Err(self
                .unexpected("a quoted pattern after `LIKE`")
                .with_help("Write the pattern as a string: `x LIKE 'abc%'`."));
        };
        self.bump();
        let pattern = unescape(self.text(t.span));
        let span = e.span.to(t.span);
        Ok(Expr::new(ExprKind::Like { expr: Box::new(e), negated, pattern, double_quoted: double }, span))
    }

    fn in_tail(&mut self, e: Expr) -> Result<Expr, ParseError> {
        let negated = self.peek() == Tok::Not;
        if negated {
            self.bump();
        }
        self.bump(); // IN
        self.expect(Tok::LParen, "`(` opening the list after `IN`")?;
        let mut set = vec![self.expr()?];
        while self.peek() == Tok::Comma {
            self.bump();
            set.push(self.expr()?);
        }
        let close = self.expect(Tok::RParen, "`,` or `)` in the list after `IN`")?;
        let span = e.span.to(close.span);
        Ok(Expr::new(ExprKind::In { expr: Box::new(e), negated, set }, span))
    }

    fn int_value(&self, t: Token, negative: bool) -> Result<i32, ParseError> {
        let digits = self.text(t.span);
        let v: i64 = if digits.len() > 11 { i64::MAX } else { digits.parse().unwrap_or(i64::MAX) };
        let v = if negative { -v } else { v };
        i32::try_from(v).map_err(|_| {
            let (s, e) = t.span.range();
            ParseError::new(format!("`{digits}` does not fit a 32-bit integer"), s, e)
                .with_help("Integers range from -2147483648 to 2147483647.")
        })
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let t = self.tok();
        match t.tok {
            Tok::True | Tok::False => {
                self.bump();
                Ok(Expr::new(ExprKind::Lit(Lit::Bool(t.tok == Tok::True)), t.span))
            }
            Tok::Int => {
                self.bump();
                let v = self.int_value(t, false)?;
                Ok(Expr::new(ExprKind::Lit(Lit::Int(v)), t.span))
            }
            Tok::Str { double } => {
                self.bump();
                let value = unescape(self.text(t.span));
                Ok(Expr::new(ExprKind::Lit(Lit::Str { value, double_quoted: double }), t.span))
            }
            Tok::LParen => {
                self.bump();
                let inner = self.expr()?;
                let close = self.expect(Tok::RParen, "`)`")?;
                Ok(Expr::new(ExprKind::Group(Box::new(inner)), t.span.to(close.span)))
            }
            Tok::Exists => {
                self.bump();
                let n = self.tok();
                if n.tok != Tok::Ident {
                    return Err(self.unexpected("an attribute name after `EXISTS`"));
                }
                self.bump();
                let name = self.text(n.span).to_owned();
                self.check_identifier(&name, n.span)?;
                Ok(Expr::new(ExprKind::Exists(name), t.span.to(n.span)))
            }
            Tok::Ident => {
                self.bump();
                let name = self.text(t.span).to_owned();
                if self.peek() == Tok::LParen {
                    return self.call(name, t.span);
                }
                self.check_identifier(&name, t.span)?;
                Ok(Expr::new(ExprKind::Ident(name), t.span))
            }
            _ => Err(self.unexpected("a value, an attribute name or `(`")),
        }
    }

    fn call(&mut self, name: String, name_span: Span) -> Result<Expr, ParseError> {
        if self.dialect == Dialect::Cesql && name.bytes().any(|b| b.is_ascii_digit()) {
            let (s, e) = name_span.range();
            return Err(ParseError::new(format!("`{name}` is not a CESQL function name (letters and `_` only)"), s, e));
        }
        self.bump(); // (
        self.enter()?;
        let mut args = Vec::new();
        if self.peek() != Tok::RParen {
            args.push(self.expr()?);
            while self.peek() == Tok::Comma {
                self.bump();
                args.push(self.expr()?);
            }
        }
        self.leave();
        let close = self.expect(Tok::RParen, "`,` or `)` closing the function call")?;
        Ok(Expr::new(ExprKind::Call(name, args), name_span.to(close.span)))
    }

    /// CESQL value identifiers are `[a-zA-Z0-9]+`; MNS also allows `_` (`…_manufacturer_org`).
    fn check_identifier(&self, name: &str, span: Span) -> Result<(), ParseError> {
        if self.dialect == Dialect::Cesql && name.contains('_') {
            let (s, e) = span.range();
            return Err(ParseError::new(format!("`{name}` is not a CESQL attribute name: `_` is not allowed"), s, e)
                .with_help("CloudEvents attribute names use lowercase letters and digits only."));
        }
        Ok(())
    }
}
