//! clerk-edge: a Clerk Backend API client compiled to WebAssembly.
//! See docs/architecture.md for where each concern lives.

// Single-threaded wasm (no atomics): talc in place of dlmalloc, see Cargo.toml.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
