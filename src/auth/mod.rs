//! Token verification, JWKS, authenticateRequest and webhooks. See docs/auth.md.
//!
//! The per-token path is crates/jwt-verify, re-exported here under its module names (built at
//! opt-level 3 while this crate is at "s": see Cargo.toml's profile): `reason` (every reason
//! string, one enum) and `failure`, `json` (the one instance of serde_json's parser), `jwt`
//! (decoding on jwt-compact, the check order), `key`, `rsa` (RS256/384/512 as jwt-compact
//! algorithms on crates/rsa-verify), `claims`, `token_cache`.
//!
//! Here, pure and natively tested: `keys` (PEM and JWK parsing, once per key), `token_kind`
//! (which token it is), `webhook`, and `flow` (authenticateRequest's decision procedure, behind
//! its `Host` seam). JS-facing: `options`, `bapi` (Backend API calls through the one transport),
//! `jwks`, `verify`, `machine_auth`, `host` (the flow's `Host` in wasm), `state` (RequestState
//! and auth objects as JS values), `exports`.

pub use jwt_verify::{base64url, claims, failure, json, jwt, key, reason, rsa, token_cache};

pub mod flow;
pub mod keys;
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
