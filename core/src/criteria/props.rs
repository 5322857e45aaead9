//! Property tests of the criteria language (native only: proptest does not build for wasm32).

use proptest::prelude::*;

use super::*;

fn dialects() -> impl Strategy<Value = Dialect> {
    prop_oneof![Just(Dialect::Mns), Just(Dialect::Cesql)]
}

fn ident(d: Dialect) -> impl Strategy<Value = String> {
    let first: Vec<char> = "abcxyzABZ".chars().collect();
    let rest: Vec<char> = if d == Dialect::Mns { "ab9Z_".chars().collect() } else { "ab9Z".chars().collect() };
    (prop::sample::select(first), prop::collection::vec(prop::sample::select(rest), 0..5))
        .prop_map(|(f, r)| std::iter::once(f).chain(r).collect::<String>())
        .prop_filter("not a keyword", |s| {
            !["AND", "OR", "XOR", "NOT", "LIKE", "IN", "EXISTS", "TRUE", "FALSE"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(s))
        })
}

fn text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "ab'\"\\%_ é\n".chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..6).prop_map(|v| v.into_iter().collect())
}

fn op_group(d: Dialect) -> impl Strategy<Value = Vec<BinOp>> {
    let logic = if d == Dialect::Cesql {
        vec![vec![BinOp::And, BinOp::Or, BinOp::Xor]]
    } else {
        vec![vec![BinOp::And], vec![BinOp::Or], vec![BinOp::Xor]]
    };
    let mut groups = logic;
    groups.push(vec![BinOp::Eq, BinOp::Ne, BinOp::LtGt, BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge]);
    groups.push(vec![BinOp::Add, BinOp::Sub]);
    groups.push(vec![BinOp::Mul, BinOp::Div, BinOp::Mod]);
    prop::sample::select(groups)
}

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

fn tree(d: Dialect) -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(|b| e(ExprKind::Lit(Lit::Bool(b)))),
        any::<i32>().prop_map(|n| e(ExprKind::Lit(Lit::Int(n)))),
        (text(), any::<bool>()).prop_map(|(value, double_quoted)| e(ExprKind::Lit(Lit::Str { value, double_quoted }))),
        ident(d).prop_map(|n| e(ExprKind::Ident(n))),
        ident(d).prop_map(|n| e(ExprKind::Exists(n))),
    ];
    leaf.prop_recursive(5, 48, 4, move |inner| {
        prop_oneof![
            inner.clone().prop_map(|x| e(ExprKind::Group(Box::new(x)))),
            (prop_oneof![Just(UnOp::Not), Just(UnOp::Neg)], inner.clone())
                .prop_map(|(op, x)| e(ExprKind::Unary(op, Box::new(x)))),
            (inner.clone(), op_group(d), prop::collection::vec((any::<prop::sample::Index>(), inner.clone()), 1..4))
                .prop_map(|(first, ops, rest)| {
                    let rest = rest.into_iter().map(|(i, x)| (*i.get(&ops), x)).collect();
                    e(ExprKind::Chain(Box::new(first), rest))
                }),
            (inner.clone(), any::<bool>(), text(), any::<bool>()).prop_map(|(x, negated, pattern, double_quoted)| {
                e(ExprKind::Like { expr: Box::new(x), negated, pattern, double_quoted })
            }),
            (inner.clone(), any::<bool>(), prop::collection::vec(inner.clone(), 1..3))
                .prop_map(|(x, negated, set)| e(ExprKind::In { expr: Box::new(x), negated, set })),
            (prop::sample::select(vec!["LENGTH", "concat", "CONCAT_WS", "Nope"]), prop::collection::vec(inner, 0..3))
                .prop_map(|(n, args)| e(ExprKind::Call(n.to_owned(), args))),
        ]
    })
}

fn fragments() -> impl Strategy<Value = String> {
    let f = vec![
        "a", "owner", "x_y", "'s'", "\"d\"", "1", "-", "+", "*", "/", "%", "=", "!=", "<>", "<", ">=", "(", ")", ",",
        "AND", "or", "XOR", "NOT", "LIKE", "IN", "EXISTS", "true", "ABS", "'\\''", " ",
    ];
    prop::collection::vec(prop::sample::select(f), 1..14).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every tree the parser can build prints to text that parses back to it.
    #[test]
    fn print_round_trips((d, t) in dialects().prop_flat_map(|d| (Just(d), tree(d)))) {
        let t = regroup(&t, d);
        let text = print(&t, d);
        let back = parse(&text, d).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(back.without_spans(), t.without_spans(), "{}", text);
        // Evaluating a generated tree is total: it never panics.
        let _ = Program::compile(&back, d).evaluate(&Attributes::new());
    }

    /// Whatever parses re-parses from its printed form to the same tree.
    #[test]
    fn parse_print_parse(d in dialects(), src in fragments()) {
        if let Ok(t) = parse(&src, d) {
            let text = print(&t, d);
            let back = parse(&text, d).map_err(|e| TestCaseError::fail(format!("{src} → {text}: {e}")))?;
            prop_assert_eq!(back.without_spans(), t.without_spans());
        }
    }

    /// Arbitrary text never panics the lexer, parser, linter or evaluator, and errors are
    /// placed inside the text.
    #[test]
    fn arbitrary_text_is_safe(d in dialects(), src in any::<String>(), frag in fragments()) {
        for src in [src, frag] {
            match parse(&src, d) {
                Ok(t) => {
                    let _ = Program::compile(&t, d).evaluate(&Attributes::new());
                }
                Err(e) => prop_assert!(e.start <= src.len() && e.end <= src.len() && src.is_char_boundary(e.start)),
            }
            let _ = lint_with(&src, d);
        }
    }
}
