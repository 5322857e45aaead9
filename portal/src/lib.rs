//! gom-portal: the requester portal. Components are thin: every rule comes from gom-core; the
//! state store (`state`) holds what the user typed and what the server said.

pub mod components;
pub mod download;
pub mod examples;
pub mod form;
pub mod pretty;
pub mod state;
pub mod time;
