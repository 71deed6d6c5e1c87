//! authenticateRequest's decision procedure, as `@clerk/backend` 3.25 implements it (spec:
//! docs/auth-flow.md). Pure: no js_sys, no web_sys, no I/O. Inputs are plain data; what the flow
//! needs from outside (verifying a token, a Backend API call, parsing a URL, the clock) it asks
//! of a [`host::Host`], which the wasm side implements with the verification layer and the one
//! transport, and the native tests with recorded answers.

pub mod coerce;
pub mod cookies;
pub mod js_regex;
pub mod path_pattern;
pub mod peek;
pub mod publishable_key;
pub mod reason;
pub mod token_kind;
pub mod url;
