//! `gom-harness transition | update | cascade | conversation`: the workflow rules of gom-core
//! from the command line (see README). Exit codes: 0 allowed / no error, 1 not allowed / errors,
//! 2 could not run (bad arguments, unreadable files, an unknown resource type or status).

use std::ffi::OsString;

use gom_core::outcome::issue;
use gom_core::workflow::{self, tables, ResourceType, Role, UpdateOptions, Workflow};
use gom_core::Diagnostic;
use serde_json::{json, Value as J};

use super::{arg_err, read_input};

/// Options shared by the workflow commands, and the positional arguments.
struct Args {
    workflow: Workflow,
    role: Option<Role>,
    actor: Option<String>,
    positional: Vec<String>,
}

fn parse_args(args: Vec<OsString>, actor_allowed: bool) -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Args { workflow: Workflow::Gms, role: None, actor: None, positional: Vec::new() };
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            Long("workflow") => {
                let v = p.value().map_err(arg_err)?.to_string_lossy().into_owned();
                out.workflow = Workflow::parse(&v).ok_or(format!("--workflow takes r4 or gms, not `{v}`"))?;
            }
            Long("role") => {
                let v = p.value().map_err(arg_err)?.to_string_lossy().into_owned();
                out.role = Some(Role::parse(&v).ok_or(format!("--role takes placer, filler or broker, not `{v}`"))?);
            }
            Long("actor") if actor_allowed => {
                out.actor = Some(p.value().map_err(arg_err)?.to_string_lossy().into_owned())
            }
            Value(v) => out.positional.push(v.to_string_lossy().into_owned()),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    Ok(out)
}

fn issues(diags: &[Diagnostic]) -> J {
    J::Array(diags.iter().map(issue).collect())
}

fn print(v: &J) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

/// `transition <ResourceType> <from> <to> [--workflow r4|gms] [--role placer|filler|broker]`
pub fn transition(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args, false)?;
    let [rt, from, to] = a.positional.as_slice() else {
        return Err("transition needs <ResourceType> <from> <to>".into());
    };
    let rt = ResourceType::parse(rt).ok_or_else(|| {
        let names: Vec<&str> = ResourceType::ALL.iter().map(|r| r.as_str()).collect();
        format!("`{rt}` has no status workflow; use one of {}", names.join(", "))
    })?;
    let m = tables::machine(rt, a.workflow);
    for code in [from, to] {
        if m.status(code).is_none() {
            return Err(format!("`{code}` is not a {rt} status; the valid ones are {}", m.codes().join(", ")));
        }
    }
    let v = workflow::check_transition(rt, from, to, a.workflow, a.role);
    print(&json!({"allowed": v.allowed, "issues": issues(&v.diagnostics)}));
    Ok(i32::from(!v.allowed))
}

fn read_text(path: &str) -> Result<String, String> {
    String::from_utf8(read_input(path)?)
        .map_err(|e| format!("`{path}` is not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}

fn read_json(path: &str) -> Result<J, String> {
    serde_json::from_str(&read_text(path)?).map_err(|e| format!("`{path}` is not JSON: {e}"))
}

/// `update BEFORE.json AFTER.json [--workflow r4|gms] [--role …] [--actor ODS]`
pub fn update(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args, true)?;
    let [before, after] = a.positional.as_slice() else {
        return Err("update needs BEFORE.json AFTER.json".into());
    };
    let (before, after) = (read_text(before)?, read_text(after)?);
    let opts = UpdateOptions { workflow: a.workflow, role: a.role, actor: a.actor };
    let report = workflow::check_update(&before, &after, &opts);
    print(&report.to_operation_outcome());
    Ok(i32::from(report.has_errors()))
}

/// `cascade SR_BEFORE.json SR_AFTER.json TASKS.json`: TASKS is an array of Tasks or a Bundle.
pub fn cascade(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args, false)?;
    let [before, after, tasks] = a.positional.as_slice() else {
        return Err("cascade needs SR_BEFORE.json SR_AFTER.json TASKS.json".into());
    };
    let (before, after, tasks) = (read_json(before)?, read_json(after)?, read_json(tasks)?);
    let plan = workflow::plan_cascade(&before, &after, &workflow::tasks_of(&tasks));
    let errors = plan.diagnostics.iter().any(|d| d.severity.is_error());
    let mut out = serde_json::to_value(&plan).map_err(|e| e.to_string())?;
    if let Some(o) = out.as_object_mut() {
        o.remove("diagnostics");
        o.insert("issues".into(), issues(&plan.diagnostics));
    }
    print(&out);
    Ok(i32::from(errors))
}

/// `conversation STEPS.json [--workflow r4|gms]`
pub fn conversation(args: Vec<OsString>) -> Result<i32, String> {
    let a = parse_args(args, false)?;
    let [file] = a.positional.as_slice() else {
        return Err("conversation needs STEPS.json".into());
    };
    let r = workflow::check_conversation(&read_text(file)?, a.workflow);
    let steps: Vec<J> = r
        .steps
        .iter()
        .map(|s| json!({"index": s.index, "status": s.status, "role": s.role, "issues": issues(&s.diagnostics)}))
        .collect();
    print(&json!({
        "legal": r.is_legal(),
        "firstIllegal": r.first_illegal,
        "steps": steps,
        "issues": issues(&r.diagnostics),
    }));
    Ok(i32::from(!r.is_legal()))
}
