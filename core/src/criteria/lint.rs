//! The criteria linter: what MNS or GOMS would refuse, what can never match, and what is wider
//! than needed — every finding placed on its span of the criteria text.

use super::ast::{BinOp, Expr, ExprKind, Lit, Span, UnOp};
use super::goms::{self, Filter};
use super::{is_function, parse, Dialect};
use crate::diag::{Diagnostic, Report, Rule};
use crate::rules::criteria as rc;

/// Lints an MNS criteria.
pub fn lint(src: &str) -> Report {
    lint_with(src, Dialect::Mns)
}

/// Lints a criteria read in `dialect`.
pub fn lint_with(src: &str, dialect: Dialect) -> Report {
    let mut out = Vec::new();
    match parse(src, dialect) {
        Err(e) => {
            let mut d = Diagnostic::new(rc::SYNTAX, e.message.clone()).at_span(e.start, e.end);
            if !e.help.is_empty() {
                d = d.with_help(e.help);
            }
            out.push(d);
        }
        Ok(ast) => Linter { dialect, out: &mut out }.run(src, &ast),
    }
    let mut r = Report::new(out);
    r.locate(src);
    r.sort();
    r
}

struct Linter<'o> {
    dialect: Dialect,
    out: &'o mut Vec<Diagnostic>,
}

/// A test of one attribute against literal strings: `f = 'v'`, `f != 'v'`, `f IN ('a','b')`,
/// `NOT f = 'v'` …
struct Leaf<'e> {
    name: &'e str,
    name_span: Span,
    /// True for `=`/`IN`, false for `!=`/`NOT IN`.
    positive: bool,
    values: Vec<(&'e str, Span)>,
}

fn leaf(e: &Expr) -> Option<Leaf<'_>> {
    let e = e.ungroup();
    match &e.kind {
        ExprKind::Chain(first, rest) => {
            let [(op @ (BinOp::Eq | BinOp::Ne | BinOp::LtGt), rhs)] = rest.as_slice() else { return None };
            let (a, b) = (first.ungroup(), rhs.ungroup());
            let (id, lit) = match (&a.kind, &b.kind) {
                (ExprKind::Ident(_), ExprKind::Lit(Lit::Str { .. })) => (a, b),
                (ExprKind::Lit(Lit::Str { .. }), ExprKind::Ident(_)) => (b, a),
                _ => return None,
            };
            let (ExprKind::Ident(name), ExprKind::Lit(Lit::Str { value, .. })) = (&id.kind, &lit.kind) else {
                return None;
            };
            Some(Leaf { name, name_span: id.span, positive: *op == BinOp::Eq, values: vec![(value, lit.span)] })
        }
        ExprKind::In { expr, negated, set } => {
            let ExprKind::Ident(name) = &expr.ungroup().kind else { return None };
            let values = set
                .iter()
                .filter_map(|x| match &x.ungroup().kind {
                    ExprKind::Lit(Lit::Str { value, .. }) => Some((value.as_str(), x.span)),
                    _ => None,
                })
                .collect();
            Some(Leaf { name, name_span: expr.span, positive: !negated, values })
        }
        ExprKind::Unary(UnOp::Not, inner) => leaf(inner).map(|mut l| {
            l.positive = !l.positive;
            l
        }),
        _ => None,
    }
}

/// The operands of `e` read as a conjunction (AND chains flattened through parentheses).
fn conjuncts(e: &Expr) -> Vec<&Expr> {
    let mut out = Vec::new();
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        let x = x.ungroup();
        match &x.kind {
            ExprKind::Chain(first, rest) if rest.iter().all(|(op, _)| *op == BinOp::And) => {
                for (_, r) in rest.iter().rev() {
                    stack.push(r);
                }
                stack.push(first);
            }
            _ => out.push(x),
        }
    }
    out
}

/// The operands of `e` read as a disjunction.
fn disjuncts(e: &Expr) -> Vec<&Expr> {
    let e = e.ungroup();
    match &e.kind {
        ExprKind::Chain(first, rest) if rest.iter().all(|(op, _)| *op == BinOp::Or) => {
            let mut v = vec![&**first];
            v.extend(rest.iter().map(|(_, x)| x));
            v.into_iter().flat_map(disjuncts).collect()
        }
        _ => vec![e],
    }
}

/// The values of `name` that `e` requires, if `e` pins it down (`=`, `IN`, or an OR of those).
fn required_values<'e>(e: &'e Expr, name: &str) -> Option<StrSet<'e>> {
    let ds = disjuncts(e);
    let mut set = StrSet::default();
    for d in ds {
        let l = leaf(d)?;
        if !l.positive || !l.name.eq_ignore_ascii_case(name) {
            return None;
        }
        for v in &l.values {
            set.insert(v.0);
        }
    }
    Some(set)
}

/// The resource types a conjunction restricts to, if it does.
fn resource_types<'e>(conj: &[&'e Expr]) -> Option<StrSet<'e>> {
    let mut acc: Option<StrSet<'e>> = None;
    for c in conj {
        if let Some(s) = required_values(c, "resourceType") {
            acc = Some(match acc {
                Some(mut a) => {
                    a.retain(|x| s.contains(x));
                    a
                }
                None => s,
            });
        }
    }
    acc
}

fn walk<'e>(e: &'e Expr, f: &mut impl FnMut(&'e Expr)) {
    f(e);
    e.for_each_child(|c| walk(c, f));
}

impl Linter<'_> {
    fn emit(&mut self, rule: &'static Rule, span: Span, msg: impl Into<String>) {
        let (s, e) = span.range();
        self.out.push(Diagnostic::new(rule, msg).at_span(s, e));
    }

    fn run(&mut self, src: &str, ast: &Expr) {
        self.start(src);
        let top = conjuncts(ast);
        let event_type = top.iter().find_map(|c| {
            let l = leaf(c)?;
            (l.positive && l.name.eq_ignore_ascii_case("eventType") && l.values.len() == 1).then(|| l.values[0])
        });
        let goms = match event_type {
            Some((v, span)) if v != goms::EVENT_TYPE && !goms::OTHER_MNS_EVENT_TYPES.contains(&v) => {
                let hint = if v.eq_ignore_ascii_case(goms::EVENT_TYPE) { " (values are case-sensitive)" } else { "" };
                self.emit(rc::UNKNOWN_EVENT_TYPE, span, format!("`{v}` is not an MNS event type{hint}"));
                true
            }
            Some((v, _)) => v == goms::EVENT_TYPE,
            None => true,
        };
        self.syntax_style(ast);
        if goms {
            self.names_and_values(ast);
            self.applicability(ast, None);
            self.never_matches(ast);
            self.width(ast, &top);
        }
    }

    fn start(&mut self, src: &str) {
        if src.starts_with("eventType=") {
            return;
        }
        let end = src.char_indices().nth(10).map_or(src.len(), |(i, _)| i);
        let msg = if src.starts_with(char::is_whitespace) {
            "The criteria starts with whitespace; MNS requires it to start with `eventType=`".to_owned()
        } else if src.get(..9).is_some_and(|p| p.eq_ignore_ascii_case("eventType")) {
            let word = src.get(..9).unwrap_or("");
            if word != "eventType" {
                format!("The criteria starts with `{word}`; MNS requires exactly `eventType=`")
            } else {
                "The criteria must continue `eventType=` with no space before `=`".to_owned()
            }
        } else {
            "The criteria must start with `eventType=`".to_owned()
        };
        self.emit(rc::START, Span::new(0, end), msg);
    }

    /// Dialect-independent style: mixed AND/OR, double quotes, unknown functions.
    fn syntax_style(&mut self, ast: &Expr) {
        let mut found: Vec<(&'static Rule, Span, String)> = Vec::new();
        let dialect = self.dialect;
        walk(ast, &mut |e| match &e.kind {
            ExprKind::Chain(first, rest) if rest.first().is_some_and(|(op, _)| op.is_logic()) => {
                // Which operators the chain uses, without a set (see `resource_types`).
                let has_and = rest.iter().any(|(op, _)| *op == BinOp::And);
                let first_op = rest.first().map(|(op, _)| *op);
                let mixed_here = has_and && rest.iter().any(|(op, _)| Some(*op) != first_op);
                let mixed_child = dialect == Dialect::Mns
                    && !has_and
                    && std::iter::once(&**first).chain(rest.iter().map(|(_, x)| x)).any(
                        |x| matches!(&x.kind, ExprKind::Chain(_, r) if r.first().is_some_and(|(op, _)| op.is_logic())),
                    );
                if mixed_here || mixed_child {
                    let msg = match dialect {
                        Dialect::Mns => "AND and OR are mixed without parentheses; MNS reads AND first, as SQL does",
                        Dialect::Cesql => "AND and OR are mixed without parentheses; CESQL's spec reads them left to right, its grammar right to left",
                    };
                    found.push((rc::MIXED_AND_OR, e.span, msg.to_owned()));
                }
            }
            ExprKind::Lit(Lit::Str { value, double_quoted: true }) if dialect == Dialect::Mns => {
                found.push((rc::DOUBLE_QUOTED, e.span, format!("The value `{value}` is double-quoted")));
            }
            ExprKind::Like { double_quoted: true, pattern, .. } if dialect == Dialect::Mns => {
                found.push((rc::DOUBLE_QUOTED, e.span, format!("The pattern `{pattern}` is double-quoted")));
            }
            ExprKind::Call(name, args) if !is_function(name, args.len()) => {
                found.push((
                    rc::UNKNOWN_FUNCTION,
                    e.span,
                    format!(
                        "No function `{name}` takes {} argument{}",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ),
                ));
            }
            _ => {}
        });
        for (r, s, m) in found {
            self.emit(r, s, m);
        }
    }

    /// Unknown or mis-spelt filter names, and values outside a filter's list.
    fn names_and_values(&mut self, ast: &Expr) {
        let mut names: Vec<(&str, Span)> = Vec::new();
        let mut leaves: Vec<Leaf<'_>> = Vec::new();
        walk(ast, &mut |e| match &e.kind {
            ExprKind::Ident(n) | ExprKind::Exists(n) => names.push((n, e.span)),
            _ => {
                if let Some(l) = leaf(e) {
                    if !matches!(e.kind, ExprKind::Unary(..) | ExprKind::Group(..)) {
                        leaves.push(l);
                    }
                }
            }
        });
        for (n, span) in names {
            let span = if span.end - span.start > n.len() as u32 {
                Span::new(span.end as usize - n.len(), span.end as usize)
            } else {
                span
            };
            match goms::filter(n) {
                None => self.emit(
                    rc::UNKNOWN_FILTER,
                    span,
                    format!("`{n}` is not a filter of `genomic-order-event-1`; if it is a value, quote it: `'{n}'`"),
                ),
                Some(f) if f.name != n => {
                    self.emit(rc::FILTER_CASE, span, format!("The filter is spelt `{}`, not `{n}`", f.name))
                }
                Some(_) => {}
            }
        }
        for l in leaves {
            let Some(f) = goms::filter(l.name) else { continue };
            for (v, span) in &l.values {
                self.check_value(f, v, *span);
            }
        }
    }

    fn check_value(&mut self, f: &Filter, v: &str, span: Span) {
        if f.values.is_empty() || f.values.contains(&v) || f.name == "eventType" {
            return;
        }
        if f.name == "taskBusinessStatus" {
            if goms::TASK_CODES.contains(&v) {
                self.emit(
                    rc::BUSINESS_STATUS_IS_TASK_CODE,
                    span,
                    format!("`{v}` is a Task code, not a business status; filter on `taskCode='{v}'` instead"),
                );
            } else {
                self.emit(rc::BUSINESS_STATUS_UNLISTED, span, format!("`{v}` is not a business status of GOMS Tasks"));
            }
            return;
        }
        let msg = match f.values.iter().find(|a| a.eq_ignore_ascii_case(v)) {
            Some(a) => format!("`{v}` is not a value of `{}`: values are case-sensitive, write `{a}`", f.name),
            None => format!("`{v}` is not a value of `{}`; it takes {}", f.name, list(f.values)),
        };
        self.emit(rc::VALUE_NOT_ALLOWED, span, msg);
    }

    /// Resource-specific filters under a conjunction that pins `resourceType` to another type.
    fn applicability(&mut self, e: &Expr, ctx: Option<&StrSet<'_>>) {
        let e = e.ungroup();
        if let Some(l) = leaf(e) {
            if let (Some(f), Some(allowed)) = (goms::filter(l.name), ctx) {
                if let Some(rt) = f.resource {
                    if !allowed.contains(rt) {
                        let shown: Vec<_> = allowed.iter().map(|s| format!("`{s}`")).collect();
                        self.emit(
                            rc::NOT_APPLICABLE,
                            l.name_span,
                            format!(
                                "`{}` applies only to `{rt}`, but this part of the criteria is for resourceType {}",
                                f.name,
                                if shown.is_empty() { "nothing".to_owned() } else { shown.join(" or ") }
                            ),
                        );
                    }
                }
            }
            return;
        }
        match &e.kind {
            ExprKind::Chain(_, rest) if rest.iter().all(|(op, _)| *op == BinOp::And) => {
                let conj = conjuncts(e);
                let here = resource_types(&conj);
                let merged: Option<StrSet<'_>> = match (here, ctx) {
                    (Some(mut h), Some(c)) => {
                        h.retain(|x| c.contains(x));
                        Some(h)
                    }
                    (Some(h), None) => Some(h),
                    (None, c) => c.cloned(),
                };
                for c in conj {
                    self.applicability(c, merged.as_ref());
                }
            }
            _ => e.for_each_child(|c| self.applicability(c, ctx)),
        }
    }

    /// `performer='A' AND performer='B'`: a conjunction whose equalities contradict.
    fn never_matches(&mut self, ast: &Expr) {
        let mut conjunctions: Vec<Vec<&Expr>> = Vec::new();
        walk(ast, &mut |e| {
            if matches!(&e.kind, ExprKind::Chain(_, rest) if rest.iter().all(|(op, _)| *op == BinOp::And)) {
                conjunctions.push(conjuncts(e));
            }
        });
        if !matches!(ast.ungroup().kind, ExprKind::Chain(..)) {
            conjunctions.push(vec![ast]);
        }
        let mut seen: Vec<Span> = Vec::new();
        for conj in conjunctions {
            // (name as first written, allowed values so far)
            let mut pinned: Vec<(&str, Vec<&str>)> = Vec::new();
            let mut excluded: Vec<(&str, &str, Span)> = Vec::new();
            for c in &conj {
                // One attribute tested against literals in every disjunct, all = or all !=.
                let mut name: Option<(&str, bool)> = None;
                let mut vals: Vec<&str> = Vec::new();
                let uniform = disjuncts(c).iter().all(|d| {
                    let Some(l) = leaf(d) else { return false };
                    let same = name.is_none_or(|(n, p)| n.eq_ignore_ascii_case(l.name) && p == l.positive);
                    name = Some((l.name, l.positive));
                    vals.extend(l.values.iter().map(|v| v.0));
                    same
                });
                let Some((name, positive)) = name.filter(|_| uniform) else { continue };
                if !positive {
                    if let [v] = vals.as_slice() {
                        excluded.push((name, v, c.span));
                    }
                    continue;
                }
                match pinned.iter_mut().find(|p| p.0.eq_ignore_ascii_case(name)) {
                    Some(p) => {
                        let both: Vec<&str> = p.1.iter().copied().filter(|v| vals.contains(v)).collect();
                        if both.is_empty() && first_time(&mut seen, c.span) {
                            let msg = format!(
                                "`{}` cannot be {} and also {}: this AND never matches",
                                p.0,
                                quoted(&p.1),
                                quoted(&vals)
                            );
                            self.emit(rc::NEVER_MATCHES, c.span, msg);
                        }
                        p.1 = both;
                    }
                    None => pinned.push((name, vals)),
                }
            }
            for (name, v, span) in excluded {
                if let Some(p) = pinned.iter().find(|p| p.0.eq_ignore_ascii_case(name)) {
                    if p.1 == [v] && first_time(&mut seen, span) {
                        let msg =
                            format!("`{}` is required to be `{v}` and not to be `{v}`: this AND never matches", p.0);
                        self.emit(rc::NEVER_MATCHES, span, msg);
                    }
                }
            }
        }
    }

    /// Wider than needed: no resourceType, or no organisation; and ORs of organisations.
    fn width(&mut self, ast: &Expr, top: &[&Expr]) {
        let whole = ast.span;
        if resource_types(top).is_none() {
            let mut implied = StrSet::default();
            walk(ast, &mut |e| {
                if let ExprKind::Ident(n) = &e.kind {
                    if let Some(rt) = goms::filter(n).and_then(|f| f.resource) {
                        implied.insert(rt);
                    }
                }
            });
            let msg = match implied.iter().next() {
                Some(rt) if implied.len() == 1 => {
                    format!("The criteria does not constrain `resourceType`; its filters apply only to `{rt}`: add `resourceType='{rt}'`")
                }
                _ => "The criteria does not constrain `resourceType`, so it receives events for every resource type"
                    .to_owned(),
            };
            self.emit(rc::NO_RESOURCE_TYPE, whole, msg);
        }
        let orgs = ["requester", "performer", "owner"];
        let has_org = top.iter().any(|c| {
            let ds = disjuncts(c);
            ds.iter()
                .all(|d| leaf(d).is_some_and(|l| l.positive && orgs.iter().any(|o| o.eq_ignore_ascii_case(l.name))))
        });
        if !has_org {
            self.emit(
                rc::NO_ORGANISATION,
                whole,
                "The criteria constrains none of requester, performer or owner, so it receives events for every organisation",
            );
        }
        let mut found = Vec::new();
        walk(ast, &mut |e| {
            let is_or = matches!(&e.kind, ExprKind::Chain(_, r) if r.iter().all(|(op, _)| *op == BinOp::Or));
            let is_in = matches!(&e.kind, ExprKind::In { negated: false, set, .. } if set.len() > 1);
            if !(is_or || is_in) {
                return;
            }
            let ds = disjuncts(e);
            let leaves: Option<Vec<Leaf<'_>>> = ds.iter().map(|d| leaf(d)).collect();
            let Some(leaves) = leaves else { return };
            let mut values = Vec::new();
            for l in &leaves {
                if !l.positive || !orgs.iter().any(|o| o.eq_ignore_ascii_case(l.name)) {
                    return;
                }
                values.extend(l.values.iter().map(|v| v.0));
            }
            if values.len() > 1 {
                let shown: Vec<_> = values.iter().map(|v| format!("`{v}`")).collect();
                found.push((
                    e.span,
                    format!(
                        "Events for {} arrive on one subscription; to tell them apart before retrieval, create one subscription each",
                        shown.join(" and ")
                    ),
                ));
            }
        });
        for (s, m) in found {
            self.emit(rc::OR_OF_ORGANISATIONS, s, m);
        }
    }
}

/// The resource types or names a rule collects: a handful, in a sorted Vec (a B-tree's code
/// cost the portal ~5 KB of Wasm).
type StrSet<'a> = crate::sort::SortedSet<&'a str>;

/// Records `span`; false if it was recorded before (each contradiction is reported once).
fn first_time(seen: &mut Vec<Span>, span: Span) -> bool {
    let first = !seen.contains(&span);
    if first {
        seen.push(span);
    }
    first
}

fn quoted(values: &[&str]) -> String {
    let v: Vec<_> = values.iter().map(|v| format!("`{v}`")).collect();
    v.join(", ")
}

fn list(values: &[&str]) -> String {
    let v: Vec<_> = values.iter().map(|v| format!("`{v}`")).collect();
    v.join(", ")
}
