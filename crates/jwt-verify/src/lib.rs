//! clerk-edge's per-token verification path, in its own crate so that it is built at opt-level 3
//! while the package is built for size, "s" (generic code is compiled in the crate that instantiates it:
//! see the root Cargo.toml's profile). Pure Rust, no JS; clerk-edge re-exports these modules as
//! `clerk_edge::auth::*` and tests them natively (tests/auth_native.rs, tests/fuzz_native.rs).
//! docs/auth.md describes the layer.

pub mod base64url;
pub mod claims;
pub mod failure;
pub mod json;
pub mod jwt;
pub mod key;
pub mod reason;
pub mod rsa;
pub mod token_cache;
