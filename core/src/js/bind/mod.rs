//! The wasm-bindgen exports, one file per family, each behind its cargo feature (`js` is all of
//! them). Each converts its arguments, calls [`super::api`] and returns plain objects; none
//! holds a rule of its own.

#[cfg(feature = "js-compose")]
mod compose;
#[cfg(feature = "js-criteria")]
mod criteria;
#[cfg(feature = "js-report")]
mod report;
#[cfg(feature = "js-validator")]
mod validator;
#[cfg(feature = "js-workflow")]
mod workflow;

#[cfg(feature = "js-compose")]
pub use compose::{check_draft, compose_order};
#[cfg(feature = "js-criteria")]
pub use criteria::{check_event, compile_criteria, convert_event, lint_criteria, Criteria};
#[cfg(feature = "js-report")]
pub use report::{bundle_graph, render_graph_svg, report_view};
#[cfg(feature = "js-validator")]
pub use validator::{check_narrative, validate, Validator};
#[cfg(feature = "js-workflow")]
pub use workflow::{check_transition, check_update, plan_cascade, status_view};
