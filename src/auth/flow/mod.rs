//! authenticateRequest's decision procedure, as `@clerk/backend` 3.25 implements it (spec:
//! docs/auth-flow.md). Pure: no js_sys, no web_sys, no I/O. Inputs are plain data; what the flow
//! needs from outside (verifying a token, a Backend API call, parsing a URL, the clock) it asks
//! of a [`host::Host`], which the wasm side implements with the verification layer and the one
//! transport, and the native tests with recorded answers.

pub mod auth_object;
pub mod authenticate;
pub mod authorization;
pub mod coerce;
pub mod config;
pub mod context;
pub mod cookies;
pub mod handshake;
pub mod host;
pub mod org_sync;
pub mod path_pattern;
pub mod peek;
pub mod permissions;
pub mod publishable_key;
pub mod refresh;
#[cfg(test)]
mod replay;
pub mod state;
pub mod url;

#[cfg(test)]
mod scenarios;
#[cfg(test)]
pub mod testing;

pub use authenticate::authenticate;
pub use config::{ConfigError, Options, Prepared};
pub use context::Request;
pub use host::Host;
pub use state::Outcome;
