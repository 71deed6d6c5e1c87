//! Token verification, JWKS, authenticateRequest and webhooks. See docs/auth.md.
//!
//! Pure, natively tested logic: `failure` (the reasons), `rsa` (RS256/384/512 as jwt-compact
//! algorithms on crates/rsa-verify), `keys`, `jwt`, `claims`, `machine`, `permissions`,
//! `webhook`, `token_cache`. JS-facing: `options`, `bapi` (Backend API calls through the one
//! transport), `jwks`, `verify`, `session_auth`, `machine_auth`, `state`, `request`, `exports`.

pub mod claims;
pub mod failure;
pub mod flow;
pub mod jwt;
pub mod keys;
pub mod machine;
pub mod permissions;
pub mod rsa;
pub mod token_cache;
pub mod webhook;

pub mod bapi;
pub mod exports;
pub mod jwks;
pub mod machine_auth;
pub mod options;
pub mod request;
pub mod session_auth;
pub mod state;
pub mod untrusted;
pub mod verify;
