//! The Backend API requests verification makes (the JWKS, machine-token verification), sent
//! through the client's one transport (`transport::perform`): the same headers (`X-Clerk-SDK`
//! included), per-attempt timeout, retry rule, timer clamp and error mapping as every API call.
//! This module only picks a bounded retry policy and reads the outcome.

use js_sys::Function;
use wasm_bindgen::JsValue;

use crate::client::Client;
use crate::config::Config;
use crate::retry::{Outcome as Attempt, Policy};
use crate::transport;

/// The spec's first server, as for the API client.
pub const DEFAULT_SERVER_URL: &str = crate::generated::SERVERS[0];
/// Per-attempt limit unless `timeoutInMs` says otherwise: a hanging JWKS endpoint must not hang
/// every verification behind it.
pub const DEFAULT_TIMEOUT_MS: f64 = 5_000.0;

/// Where and how to reach the Backend API. Deliberately not `Debug`: it holds the secret key.
#[derive(Clone)]
pub struct Api {
    pub server_url: String,
    pub secret_key: String,
    pub fetch: Option<Function>,
    /// Each attempt is aborted after this long.
    pub timeout_ms: f64,
}

/// What a call came back with.
pub enum Outcome {
    /// A 2xx with its decoded JSON body.
    Ok(JsValue),
    /// A response with another status (after retries, for 429 and 5xx).
    Status(u16),
    /// No response after every attempt (network errors, timeouts).
    Unreachable,
    /// A 2xx that is not JSON, or a request that could not be made at all.
    Unusable,
}

/// Verification sits in front of a page: three attempts within a few seconds, not the API
/// client's hour of backoff. Retrying the POSTs is safe: they only verify a token.
fn policy() -> Policy {
    Policy {
        enabled: true,
        initial_interval_ms: 100.0,
        max_interval_ms: 1_000.0,
        exponent: 2.0,
        max_elapsed_ms: f64::INFINITY,
        retry_connection_errors: true,
        retry_non_idempotent: true,
        max_attempts: Some(3),
    }
}

impl Api {
    fn client(&self) -> Client {
        Client::new(Config {
            secret: Some(self.secret_key.clone()),
            base: crate::url::trim_base(&self.server_url).to_string(),
            timeout_ms: Some(self.timeout_ms),
            retry: policy(),
            fetch: self.fetch.clone(),
            logger: None,
        })
    }

    /// Performs the operation with this operationId (from the generated table) with `params`.
    pub async fn call(&self, operation_id: &str, params: &JsValue) -> Outcome {
        let Some(op) = crate::table::by_id(operation_id) else {
            return Outcome::Unusable; // a table without it: caught by tests/table.rs
        };
        let client = self.client();
        match transport::perform(&client, op, params, &JsValue::UNDEFINED).await {
            Ok(value) => Outcome::Ok(value),
            Err(f) => match f.outcome {
                Some(Attempt::Status { status, .. }) => Outcome::Status(status),
                Some(Attempt::Connection { .. } | Attempt::Timeout) => Outcome::Unreachable,
                None => Outcome::Unusable,
            },
        }
    }
}
