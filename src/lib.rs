//! clerk-edge: a Clerk Backend API client compiled to WebAssembly.
//! See docs/architecture.md for where each concern lives.

pub mod generated;
pub mod operation;
pub mod js;
pub mod errors;
