//! The Backend API requests of the auth layer (the JWKS, machine-token verification, and the
//! request flow's handshake payload, session refresh and session tokens), sent through the
//! client's one transport (`transport::perform`): the same headers (`X-Clerk-SDK` included),
//! per-attempt timeout, retry rule, timer clamp and error mapping as every API call. This
//! module picks the operation and the retry policy and reads the outcome.

use std::cell::OnceCell;

use js_sys::Function;
use wasm_bindgen::JsValue;

use crate::bindings;
use crate::client::Client;
use crate::config::Config;
use crate::operation::Operation;
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
    /// A response with another status (after retries, for 429 and 5xx), and the first error's
    /// `code` when the body is Clerk's error shape.
    Status { status: u16, code: Option<String> },
    /// No response after every attempt (network errors, timeouts).
    Unreachable,
    /// A 2xx that is not JSON, or a request that could not be made at all: the transport's
    /// error (`ResponseValidationError`, `InvalidRequestError`).
    Unusable(JsValue),
}

/// How many times a call is tried.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Attempts {
    /// Verification sits in front of a page: three attempts within a few seconds, not the API
    /// client's hour of backoff. Retrying its POSTs is safe: they only verify a token.
    Three,
    /// Once, as the incumbent calls: a refresh token is single-use, so a refresh that reached
    /// the server but whose answer was lost must not be sent again.
    One,
}

fn policy(attempts: Attempts) -> Policy {
    Policy {
        enabled: attempts == Attempts::Three,
        initial_interval_ms: 100.0,
        max_interval_ms: 1_000.0,
        exponent: 2.0,
        max_elapsed_ms: f64::INFINITY,
        retry_connection_errors: true,
        retry_non_idempotent: true,
        max_attempts: Some(match attempts {
            Attempts::Three => 3,
            Attempts::One => 1,
        }),
    }
}

impl Api {
    fn client(&self, attempts: Attempts) -> Client {
        Client::new(Config {
            secret: Some(self.secret_key.clone()),
            base: crate::url::trim_base(&self.server_url).to_string(),
            timeout_ms: Some(self.timeout_ms),
            retry: policy(attempts),
            fetch: self.fetch.clone(),
            logger: None,
        })
    }

    /// Performs the operation with this operationId (from the generated table) with `params`,
    /// up to three attempts.
    pub async fn call(&self, operation_id: &str, params: &JsValue) -> Outcome {
        let Some(op) = crate::table::by_id(operation_id) else {
            // A table without it: caught by tests/table.rs.
            return Outcome::Unusable(JsValue::from_str("unknown operation"));
        };
        outcome(self.perform(op, params, Attempts::Three).await)
    }

    /// Performs `op` with `params`; the transport's failure as it is (its `error` is the typed
    /// error a caller can throw).
    pub async fn perform(
        &self,
        op: &'static Operation,
        params: &JsValue,
        attempts: Attempts,
    ) -> Result<JsValue, transport::Failure> {
        let client = self.client(attempts);
        transport::perform(&client, op, params, &JsValue::UNDEFINED).await
    }
}

/// A call's result as an [`Outcome`].
pub fn outcome(result: Result<JsValue, transport::Failure>) -> Outcome {
    match result {
        Ok(value) => Outcome::Ok(value),
        Err(f) => match f.outcome {
            Some(Attempt::Status { status, .. }) => Outcome::Status {
                status,
                code: first_error_code(&f.error),
            },
            Some(Attempt::Connection { .. } | Attempt::Timeout) => Outcome::Unreachable,
            None => Outcome::Unusable(f.error),
        },
    }
}

/// `errors[0].code` of a `ClerkErrors` (an error response with Clerk's body), else None.
fn first_error_code(error: &JsValue) -> Option<String> {
    let errors = bindings::get(error, "errors").ok()?;
    let first = bindings::first_items(&errors, 1).ok()?.into_iter().next()?;
    bindings::get_string(&first, "code")
}

thread_local! {
    static HANDSHAKE_PAYLOAD: OnceCell<Option<&'static Operation>> = const { OnceCell::new() };
    static REFRESH_SESSION: OnceCell<Option<&'static Operation>> = const { OnceCell::new() };
}

/// `GET /clients/handshake_payload?nonce=...`, in the generated table's format (src/table.rs).
/// The spec (2026-05-12) lists the path with no operation under it; this is the request the
/// incumbent's `clients.getHandshakePayload` makes.
pub const HANDSHAKE_PAYLOAD_LINE: &str =
    "GetHandshakePayload clients getHandshakePayload G /clients/handshake_payload j nonce:qsr -";

/// The query flag the incumbent's `sessions.refreshSession` adds to the spec's `RefreshSession`
/// (which does not list it): `suffixed_cookies=true` asks for the suffixed cookie names.
pub const SUFFIXED_COOKIES_PARAM: &str = "suffixed_cookies:qs";

/// The generated `RefreshSession` line with [`SUFFIXED_COOKIES_PARAM`] added to its params.
pub fn refresh_session_line() -> Option<String> {
    let line = crate::table::lines().find(|l| l.starts_with("RefreshSession "))?;
    let mut fields: Vec<&str> = line.split(' ').collect();
    let params = fields.get_mut(6)?;
    let with_flag = if *params == "-" {
        SUFFIXED_COOKIES_PARAM.to_string()
    } else {
        format!("{params},{SUFFIXED_COOKIES_PARAM}")
    };
    *params = &with_flag;
    Some(fields.join(" "))
}

/// The operation behind a [`HANDSHAKE_PAYLOAD_LINE`] call (decoded once).
pub fn handshake_payload_op() -> Option<&'static Operation> {
    HANDSHAKE_PAYLOAD
        .with(|c| *c.get_or_init(|| crate::table::decode(HANDSHAKE_PAYLOAD_LINE).map(leak)))
}

/// `RefreshSession` with the `suffixed_cookies` flag (decoded once).
pub fn refresh_session_op() -> Option<&'static Operation> {
    REFRESH_SESSION.with(|c| {
        *c.get_or_init(|| {
            let line: &'static str = Box::leak(refresh_session_line()?.into_boxed_str());
            crate::table::decode(line).map(leak)
        })
    })
}

fn leak(op: Operation) -> &'static Operation {
    Box::leak(Box::new(op))
}
