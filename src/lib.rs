//! clerk-edge: a Clerk Backend API client compiled to WebAssembly.
//! See docs/architecture.md for where each concern lives.

// The heap allocator (talc): declared in crates/wasm-heap, which is built at opt-level 3.
#[cfg(target_family = "wasm")]
use wasm_heap as _;

pub mod args;
pub mod auth;
pub mod bindings;
pub mod client;
pub mod config;
pub mod errors;
pub mod generated;
pub mod headers;
pub mod js;
pub mod operation;
pub mod retry;
pub mod table;
pub mod transport;
pub mod upload;
pub mod url;
pub mod validate;
