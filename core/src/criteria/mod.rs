//! MNS subscription criteria and CESQL: lex → parse → compile → run, one small file per stage,
//! plus a printer that round-trips and a linter for `genomic-order-event-1` subscriptions.
//!
//! Two dialects share one engine:
//! - [`Dialect::Mns`] (default) is what MNS subscribers write: `eventType='genomic-order-event-1'
//!   AND resourceType='Task' AND (owner='LABA' OR owner='LABB')`. Names may be camelCase, contain
//!   `_` and be any length; keywords are case-insensitive (the seed has a lowercase `and`);
//!   precedence is SQL's (`AND` binds tighter than `OR`, `NOT` applies to a whole comparison);
//!   absent and null filters follow the null semantics documented in [`run`](self::run) — null is
//!   a value distinct from every string, so `owner != 'X'` matches a Task with no owner.
//! - [`Dialect::Cesql`] is strict CloudEvents SQL v1.0, checked against the official TCK.
//!
//! In both, attribute names are matched case-insensitively, strings compare case-sensitively.

mod ast;
mod attrs;
mod case;
mod compile;
mod funcs;
pub mod goms;
mod lex;
pub mod lint;
mod parse;
mod print;
mod run;
mod value;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use ast::{BinOp, Expr, ExprKind, Lit, Span, UnOp};
pub use attrs::{AttrValue, Attributes, KNOWN};
pub use compile::{is_function, Program};
pub use lint::{lint, lint_with};
pub use print::{print, regroup};
pub use run::Evaluation;
pub use value::{ErrorKind, Errors, Value};

/// Deepest nesting (parentheses, prefix operators, function calls, IN lists) accepted.
pub const MAX_DEPTH: u32 = 64;
/// Longest criteria accepted, in bytes.
pub const MAX_LEN: usize = 1 << 20;

/// The language a criteria is read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    #[default]
    Mns,
    Cesql,
}

impl Dialect {
    pub fn from_name(s: &str) -> Option<Dialect> {
        match s {
            "mns" => Some(Dialect::Mns),
            "cesql" => Some(Dialect::Cesql),
            _ => None,
        }
    }
}

/// Why a criteria could not be read: a message, a help line and the byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub help: &'static str,
    pub start: usize,
    pub end: usize,
}

impl ParseError {
    pub fn new(message: impl Into<String>, start: usize, end: usize) -> ParseError {
        ParseError { message: message.into(), help: "", start, end: end.max(start) }
    }

    pub fn with_help(mut self, help: &'static str) -> ParseError {
        if !help.is_empty() {
            self.help = help;
        }
        self
    }

    /// The 1-based column (in characters) where the error starts in `src`.
    pub fn column(&self, src: &str) -> usize {
        src.get(..self.start).map_or(self.start, |p| p.chars().count()) + 1
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses a criteria.
pub fn parse(src: &str, dialect: Dialect) -> Result<Expr, ParseError> {
    parse::parse(src, dialect)
}

/// Parses and compiles a criteria.
pub fn compile(src: &str, dialect: Dialect) -> Result<Program, ParseError> {
    parse(src, dialect).map(|e| Program::compile(&e, dialect))
}

/// Parses, compiles and evaluates once; a parse failure is `false` with a `parse` error, as
/// the TCK expects.
pub fn evaluate(src: &str, dialect: Dialect, attrs: &Attributes) -> Evaluation {
    match compile(src, dialect) {
        Ok(p) => p.evaluate(attrs),
        Err(_) => Evaluation::parse_error(),
    }
}
