//! The wasm-bindgen exports, one file per family. Each converts its arguments, calls
//! [`super::api`] and returns plain objects; none holds a rule of its own.

mod compose;
mod criteria;
mod report;
mod validator;
mod workflow;

pub use compose::{check_draft, compose_order};
pub use criteria::{check_event, compile_criteria, convert_event, lint_criteria, Criteria};
pub use report::{check_narrative, report_view};
pub use validator::{validate, Validator};
pub use workflow::{check_transition, check_update, plan_cascade, status_view};
