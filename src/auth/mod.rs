//! Token verification, JWKS, authenticateRequest and webhooks. See docs/auth.md.
//!
//! Pure, natively tested logic: `reason` (every reason string, one enum) and `failure`,
//! `token_kind` (which token it is), `rsa` (RS256/384/512 as jwt-compact algorithms on
//! crates/rsa-verify), `keys`, `jwt`, `claims`, `webhook`, `token_cache`, and `flow`
//! (authenticateRequest's decision procedure, behind its `Host` seam). JS-facing: `options`,
//! `bapi` (Backend API calls through the one transport), `jwks`, `verify`, `machine_auth`,
//! `host` (the flow's `Host` in wasm), `state` (RequestState and auth objects as JS values),
//! `exports`.

pub mod claims;
pub mod failure;
pub mod flow;
pub mod jwt;
pub mod keys;
pub mod reason;
pub mod rsa;
pub mod token_cache;
pub mod token_kind;
pub mod webhook;

pub mod bapi;
pub mod exports;
pub mod host;
pub mod jwks;
pub mod machine_auth;
pub mod options;
pub mod state;
pub mod untrusted;
pub mod verify;
