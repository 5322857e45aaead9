use super::*;

/// `value errors…` of one evaluation.
fn check(src: &str, d: Dialect, attrs: &[(&str, AttrValue)], expected: &str) {
    let mut a = Attributes::new();
    for (k, v) in attrs {
        a.set(k, v.clone());
    }
    let e = evaluate(src, d, &a);
    let mut got = serde_json::to_string(&e.value.to_json()).unwrap_or_default();
    for n in e.errors.names() {
        got.push(' ');
        got.push_str(n);
    }
    assert_eq!(got, expected, "{src}");
}

fn s(v: &str) -> AttrValue {
    AttrValue::str(v)
}

/// `CODE@column` of each lint finding.
fn lint_codes(src: &str) -> Vec<String> {
    lint(src).diagnostics.iter().map(|d| format!("{}@{}", d.code, d.column.unwrap_or(0))).collect()
}

const SEED_TASK: &str = "eventType='genomic-order-event-1' AND resourceType='Task' AND owner='LABB'";

#[test]
fn mns_reads_seed_criteria_and_matches() {
    let p = compile(
        "eventType='genomic-order-event-1' AND resourceType='ServiceRequest' AND performer='LAB456' AND requester='TRUST001' and serviceRequestStatus='active'",
        Dialect::Mns,
    )
    .expect("the seed's criteria parses");
    let mut a = Attributes::new();
    for (k, v) in [
        ("eventType", "genomic-order-event-1"),
        ("resourceType", "ServiceRequest"),
        ("performer", "LAB456"),
        ("requester", "TRUST001"),
        ("serviceRequestStatus", "active"),
    ] {
        a.set_str(k, v);
    }
    assert!(p.matches(&a));
    a.set_str("serviceRequestStatus", "completed");
    assert!(!p.matches(&a));
    a.remove("serviceRequestStatus");
    assert!(!p.matches(&a));
}

#[test]
fn mns_null_semantics() {
    let task = [("resourceType", s("Task")), ("owner", AttrValue::Null)];
    check("owner = 'LABA'", Dialect::Mns, &task, "false");
    check("owner != 'LABA'", Dialect::Mns, &task, "true");
    check("owner <> 'LABA'", Dialect::Mns, &[], "true");
    check("owner LIKE 'LAB%'", Dialect::Mns, &task, "false");
    check("owner NOT LIKE 'LAB%'", Dialect::Mns, &task, "true");
    check("owner IN ('LABA', 'LABB')", Dialect::Mns, &task, "false");
    check("owner NOT IN ('LABA')", Dialect::Mns, &task, "true");
    check("EXISTS owner", Dialect::Mns, &task, "false");
    check("NOT EXISTS owner", Dialect::Mns, &task, "true");
    check("owner = taskCode", Dialect::Mns, &task, "true");
    check("owner", Dialect::Mns, &task, "null");
    check("owner + 1", Dialect::Mns, &task, "0 missingAttribute");
    check("NOT owner", Dialect::Mns, &[], "false missingAttribute");
    // The same criteria in CESQL: a missing attribute is an error and never matches.
    check("owner != 'LABA'", Dialect::Cesql, &[], "false missingAttribute");
    check("(owner = 'LABA' OR performer = 'LABA')", Dialect::Mns, &[("performer", s("LABA"))], "true");
}

#[test]
fn precedence_differs_by_dialect() {
    let attrs = [("a", s("x")), ("b", s("y"))];
    // SQL: AND binds tighter than OR.
    check("a = 'no' AND b = 'no' OR a = 'x'", Dialect::Mns, &attrs, "true");
    check("a = 'x' OR a = 'no' AND b = 'no'", Dialect::Mns, &attrs, "true");
    // CESQL spec: one level, left to right: (x OR no) AND no = false.
    check("a = 'x' OR a = 'no' AND b = 'no'", Dialect::Cesql, &attrs, "false");
    // NOT: SQL negates the comparison; CESQL's grammar negates the operand first.
    check("NOT a = 'x'", Dialect::Mns, &attrs, "false");
    check("NOT a = 'x'", Dialect::Cesql, &attrs, "false cast");
    check("NOT 1 + 1 = 3", Dialect::Mns, &[], "true");
    check("2 + 3 * 4", Dialect::Mns, &[], "14");
    check("-2 * -3", Dialect::Cesql, &[], "6");
    check("a = 'x' AND TRUE", Dialect::Mns, &attrs, "true");
}

#[test]
fn attribute_names_are_case_insensitive_values_are_not() {
    let attrs = [("resourceType", s("Task"))];
    check("RESOURCETYPE = 'Task'", Dialect::Mns, &attrs, "true");
    check("resourcetype = 'task'", Dialect::Mns, &attrs, "false");
    check("EXISTS SOURCE", Dialect::Cesql, &[("source", s("x"))], "true");
    check("x_y = 'a'", Dialect::Mns, &[("X_Y", s("a"))], "true");
}

#[test]
fn parse_errors_carry_their_column() {
    for (src, col, msg) in [
        ("eventType='genomic-order-event-1' AND", 38, "The criteria ends where"),
        ("eventType='x' performer='A'", 15, "Found a name after a complete expression"),
        ("performer = 'LABA", 13, "The string is never closed"),
        ("eventType='x'&;performer='A'", 14, "`&` is not an operator"),
        ("a = 'x' \u{7} AND b = 'y'", 9, "Unexpected control character"),
        ("(a = 'x'", 9, "The criteria ends where `)`"),
        ("a = 'x')", 8, "Found `)`"),
        ("a = 99999999999", 5, "`99999999999` does not fit"),
        ("", 1, "The criteria is empty"),
        ("é = ", 1, "Unexpected character `é`"),
        ("x LIKE 123", 8, "Expected a quoted pattern"),
    ] {
        let e = parse(src, Dialect::Mns).expect_err(src);
        assert_eq!(e.column(src), col, "{src}: {}", e.message);
        assert!(e.message.starts_with(msg), "{src}: {}", e.message);
    }
    let e = parse("x_y = 1", Dialect::Cesql).expect_err("underscore");
    assert!(e.message.contains("not a CESQL attribute name"), "{}", e.message);
    assert!(parse("x_y = 1", Dialect::Mns).is_ok());
}

#[test]
fn hostile_input_gives_errors_not_overflows() {
    let deep = format!("{}a = 'x'{}", "(".repeat(10_000), ")".repeat(10_000));
    let e = parse(&deep, Dialect::Mns).expect_err("too deep");
    assert_eq!(e.column(&deep), MAX_DEPTH as usize + 1);
    for prefix in ["NOT ", "-", "ABS(", "a IN ("] {
        let src = prefix.repeat(10_000);
        assert!(parse(&src, Dialect::Cesql).is_err(), "{prefix}");
        assert!(parse(&src, Dialect::Mns).is_err(), "{prefix}");
    }
    let like = format!("a{}", " LIKE 'x'".repeat(10_000));
    assert!(parse(&like, Dialect::Cesql).is_err());
    // A 1 MB criteria of 40,000 conjuncts parses, prints, lints and evaluates.
    let clause = " AND performer='LAB456'";
    let big = format!("eventType='genomic-order-event-1'{}", clause.repeat(1_000_000 / clause.len()));
    assert!(big.len() > 999_000 && big.len() <= MAX_LEN);
    let ast = parse(&big, Dialect::Mns).expect("a wide criteria is fine");
    let printed =
        format!("eventType = 'genomic-order-event-1'{}", " AND performer = 'LAB456'".repeat(1_000_000 / clause.len()));
    assert!(print(&ast, Dialect::Mns) == printed, "the printer keeps every conjunct");
    let mut a = Attributes::new();
    a.set_str("eventType", "genomic-order-event-1");
    a.set_str("performer", "LAB456");
    assert!(Program::compile(&ast, Dialect::Mns).matches(&a));
    assert!(!lint(&big).has_errors());
    let huge = "a".repeat(MAX_LEN + 1);
    assert_eq!(parse(&huge, Dialect::Mns).expect_err("too long").start, MAX_LEN);
    assert_eq!(lint(&huge).diagnostics[0].code, "GOM-CRIT-001");
}

#[test]
fn like_and_functions() {
    check("'abc' LIKE 'a%%c'", Dialect::Cesql, &[], "true");
    check("'ab' LIKE '%b%'", Dialect::Cesql, &[], "true");
    check("'' LIKE '%'", Dialect::Cesql, &[], "true");
    check("'aXbXc' LIKE 'a%b_c'", Dialect::Cesql, &[], "true");
    check("'ééé' LIKE '_é_'", Dialect::Cesql, &[], "true");
    check("LENGTH('ééé')", Dialect::Cesql, &[], "3");
    check("SUBSTRING('abc', 3)", Dialect::Cesql, &[], "\"c\"");
    check("SUBSTRING('abc', -3, 2)", Dialect::Cesql, &[], "\"ab\"");
    check("CONCAT_WS('-', 1, TRUE)", Dialect::Cesql, &[], "\"1-true\"");
    check("2147483647 + 1", Dialect::Cesql, &[], "-2147483648 math");
    check("NOPE(1)", Dialect::Cesql, &[], "false missingFunction");
    check("'it''s' = \"it's\"", Dialect::Cesql, &[], "true");
    check("'a\\\\' = STRING('a\\\\')", Dialect::Cesql, &[], "true");
}

/// Lints `src` (the seed's Task criteria followed by `tail`) and expects one finding of `code`
/// at the first occurrence of `at` in the text.
fn lint_one(tail: &str, code: &str, at: &str) {
    let src = format!("{SEED_TASK}{tail}");
    let col = src.find(at).map_or(0, |i| src[..i].chars().count() + 1);
    assert_eq!(lint_codes(&src), [format!("{code}@{col}")], "{src}");
}

#[test]
fn lint_findings_and_their_columns() {
    assert_eq!(lint_codes(SEED_TASK), Vec::<String>::new());
    assert_eq!(lint_codes(" eventType='genomic-order-event-1'")[0], "GOM-CRIT-010@1");
    assert_eq!(
        lint_codes("eventtype='genomic-order-event-1' AND resourceType='Task' AND owner='A'"),
        ["GOM-CRIT-010@1", "GOM-CRIT-021@1"]
    );
    assert_eq!(
        lint_codes("eventType='genomic-order-event-2' AND resourceType='Task' AND owner='A'"),
        ["GOM-CRIT-011@11"]
    );
    lint_one(" AND colour='red'", "GOM-CRIT-020", "colour");
    lint_one(" AND consentStatus='active'", "GOM-CRIT-022", "consentStatus");
    lint_one(" AND taskStatus='done'", "GOM-CRIT-030", "'done'");
    lint_one(" AND taskStatus='Completed'", "GOM-CRIT-030", "'Completed'");
    lint_one(" AND taskBusinessStatus='interpretation'", "GOM-CRIT-031", "'interp");
    lint_one(" AND taskBusinessStatus='lost'", "GOM-CRIT-032", "'lost'");
    assert_eq!(
        lint_codes(&format!("{SEED_TASK} AND taskStatus='draft' OR taskStatus='ready'")),
        ["GOM-CRIT-040@1", "GOM-CRIT-060@1", "GOM-CRIT-061@1"]
    );
    lint_one(" AND taskStatus=\"draft\"", "GOM-CRIT-041", "\"draft");
    lint_one(" AND owner='LABC'", "GOM-CRIT-050", "owner='LABC'");
    lint_one(" AND NOT owner='LABB'", "GOM-CRIT-050", "NOT");
    lint_one(" AND LEFT(taskCode) = 'x'", "GOM-CRIT-080", "LEFT");
    assert_eq!(lint_codes("eventType='genomic-order-event-1' AND performer='LABA'"), ["GOM-CRIT-060@1"]);
    assert_eq!(lint_codes("eventType='genomic-order-event-1' AND resourceType='Task'"), ["GOM-CRIT-061@1"]);
    assert_eq!(
        lint_codes("eventType='genomic-order-event-1' AND resourceType='ServiceRequest' AND (performer='LABA' OR performer='LABB')"),
        ["GOM-CRIT-070@74"]
    );
    assert_eq!(lint_codes("eventType='pds-change-of-gp-2' AND generalpractitioner='XY11'"), Vec::<String>::new());
    let unquoted = lint("eventType='genomic-order-event-1' AND resourceType='Task' AND owner=LABA");
    assert!(unquoted.diagnostics.iter().any(|d| d.code == "GOM-CRIT-020" && d.message.contains("quote it: `'LABA'`")));
    let wrong = lint(&format!("{SEED_TASK} AND taskStatus='done'"));
    assert!(wrong.diagnostics[0].message.contains("`in-progress`"), "{}", wrong.diagnostics[0].message);
}

#[test]
fn printer_normalises_layout() {
    let src = "eventType='genomic-order-event-1'  and (performer=\"LABA\" or not performer   in ('x','y'))";
    let e = parse(src, Dialect::Mns).expect("parses");
    assert_eq!(
        print(&e, Dialect::Mns),
        "eventType = 'genomic-order-event-1' AND (performer = \"LABA\" OR NOT performer IN ('x', 'y'))"
    );
    let hand = Expr::new(
        ExprKind::Unary(UnOp::Not, Box::new(parse("a = 1", Dialect::Cesql).expect("parses"))),
        Span::default(),
    );
    assert_eq!(print(&hand, Dialect::Cesql), "NOT (a = 1)");
    assert_eq!(print(&hand, Dialect::Mns), "NOT a = 1");
}
