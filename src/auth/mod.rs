//! Token verification, JWKS, authenticateRequest and webhooks (issue 3). See docs/auth.md.
//!
//! Pure, natively tested logic: `base64`, `json`, `rsa`, `keys`, `jwt`, `claims`, `machine`,
//! `permissions`, `webhook`, `token_cache`. JS-facing: `options`, `bapi`, `jwks`, `verify`, `request`, `exports`.

pub mod base64;
pub mod claims;
pub mod failure;
pub mod flow;
pub mod json;
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
pub mod options;
pub mod request;
pub mod untrusted;
pub mod verify;
