//! GOM-PAT: rules about the patient an order is for.

use super::rule;
use crate::diag::Rule;

pub const DECEASED_PATIENT: &Rule = rule!(
    "GOM-PAT-001",
    "deceased-patient",
    Error,
    BusinessRule,
    "A new order must not be placed for a deceased patient: the orders service blocks them (seed 004).",
    "Check the patient's record; if the death is recorded in error, correct `deceased[x]` first."
);

pub const ALL: &[&Rule] = &[DECEASED_PATIENT];
