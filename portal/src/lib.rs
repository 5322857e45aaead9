//! gom-portal: the requester portal. Components are thin: every rule comes from gom-core.

pub mod components;
pub mod state;
