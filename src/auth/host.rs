//! The request flow's `Host` in wasm: the runtime's own `URL` and `RegExp` (so URLs and path
//! patterns behave exactly as in the incumbent), `Date.now()`, the verification layer
//! (`verify`, `machine_auth`) and the Backend API through the one transport (`bapi`).

use std::cell::RefCell;

use serde_json::Value;
use wasm_bindgen::JsValue;

use super::bapi::{self, Api, Attempts};
use super::failure::Failure;
use super::flow::host::{ApiCall, ApiError, Claims, Endpoint, Host, MachineFailure, TokenFailure};
use super::flow::url::Url;
use super::machine_auth;
use super::options::RequestOptions;
use super::reason::Reason;
use super::state::MachineAuth;
use super::token_kind::TokenType;
use super::verify;
use crate::bindings::{self, JsRegExp};
use crate::operation::Operation;

thread_local! {
    /// Compiled path-pattern regular expressions by source: the same options come with every
    /// request, and compiling is the costly half of a match.
    static REGEXPS: RefCell<Vec<(String, JsRegExp)>> = const { RefCell::new(Vec::new()) };
}
const REGEXPS_MAX: usize = 16;

/// One request's host: the options it was called with, and the payload text of every session
/// token it verified (the state's `sessionClaims` is `JSON.parse` of it, as the incumbent's).
pub struct JsHost<'a> {
    pub options: &'a RequestOptions,
    payloads: RefCell<Vec<(String, String)>>,
}

impl<'a> JsHost<'a> {
    pub fn new(options: &'a RequestOptions) -> JsHost<'a> {
        JsHost {
            options,
            payloads: RefCell::new(Vec::new()),
        }
    }

    /// The payload text of a session token this host verified.
    pub fn payload_text(&self, token: &str) -> Option<String> {
        self.payloads
            .borrow()
            .iter()
            .find(|(t, _)| t == token)
            .map(|(_, p)| p.clone())
    }
}

/// The payload's claims (none if it is not an object). Parsed as a `Value`, the type every
/// JSON document is read as (one instance of serde_json's parser).
fn claims(payload: &str) -> Claims {
    match crate::auth::json::value(payload.as_bytes()) {
        Ok(Value::Object(map)) => map,
        _ => Claims::new(),
    }
}

fn token_failure(f: Failure) -> TokenFailure {
    TokenFailure::new(f.reason, f.message)
}

/// `new URL(input, base)` as plain data. `URL.search` and `URL.hash` are `""` for a lone `?`
/// or `#`, which `href` keeps: kept here too, so `href()` rebuilds the same text.
#[inline(never)]
fn parse_url(input: &str, base: Option<&str>) -> Option<Url> {
    let u = bindings::parse_url(input, base).ok()?;
    let href = u.href();
    let before_hash = href.split('#').next().unwrap_or("");
    let mut search = u.search();
    if search.is_empty() && before_hash.contains('?') {
        search = "?".into();
    }
    let mut hash = u.hash();
    if hash.is_empty() && href.contains('#') {
        hash = "#".into();
    }
    Some(Url {
        protocol: u.protocol(),
        username: u.username(),
        password: u.password(),
        hostname: u.hostname(),
        port: u.port(),
        pathname: u.pathname(),
        search,
        hash,
    })
}

#[inline(never)]
fn regex_exec(source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String> {
    let cached = REGEXPS.with(|r| {
        r.borrow()
            .iter()
            .find(|(s, _)| s == source)
            .map(|(_, re)| re.clone())
    });
    let re = match cached {
        Some(re) => re,
        None => {
            let re = bindings::regexp(source, "i").map_err(|e| error_message(&e))?;
            REGEXPS.with(|r| {
                let mut r = r.borrow_mut();
                if r.len() >= REGEXPS_MAX {
                    r.remove(0);
                }
                r.push((source.to_string(), re.clone()));
            });
            re
        }
    };
    bindings::regexp_captures(&re, input).map_err(|e| error_message(&e))
}

/// A thrown JS error's message (`SyntaxError: Invalid regular expression: ...`).
fn error_message(e: &JsValue) -> String {
    bindings::get_string(e, "message").unwrap_or_else(|| "the regular expression is invalid".into())
}

/// The operation and the params object the transport sends for a flow call.
pub fn request(call: &ApiCall) -> Option<(&'static Operation, JsValue)> {
    let op = match call.endpoint {
        Endpoint::HandshakePayload => bapi::handshake_payload_op()?,
        Endpoint::RefreshSession => bapi::refresh_session_op()?,
        Endpoint::SessionToken => crate::table::by_id("CreateSessionToken")?,
        Endpoint::SessionTokenFromTemplate => {
            crate::table::by_id("CreateSessionTokenFromTemplate")?
        }
    };
    let params = js_sys::Object::new();
    for (k, v) in call.path_params.iter().chain(&call.query) {
        bindings::set(&params, k, &JsValue::from_str(v));
    }
    for (k, v) in call.body.iter().flatten() {
        bindings::set(&params, k, &bindings::json_to_js(v));
    }
    Some((op, params.into()))
}

/// Sends a flow call once (as the incumbent does) and reads the answer as the flow wants it:
/// a 2xx's JSON (`null` for a 2xx that is not JSON), else the status and first error code.
pub async fn send(api: &Api, call: &ApiCall) -> Result<JsValue, ApiError> {
    let Some((op, params)) = request(call) else {
        return Err(ApiError::Network);
    };
    match bapi::outcome(api.perform(op, &params, Attempts::One).await) {
        bapi::Outcome::Ok(v) => Ok(v),
        bapi::Outcome::Status { status, code } => Err(ApiError::Response { status, code }),
        bapi::Outcome::Unusable(e) if is_response_validation(&e) => Ok(JsValue::NULL),
        // Refused before sending (a path value such as ".."): no response, as for a network
        // failure.
        bapi::Outcome::Unreachable | bapi::Outcome::Unusable(_) => Err(ApiError::Network),
    }
}

/// The transport's error for a 2xx whose body is not what the operation returns (not JSON).
fn is_response_validation(e: &JsValue) -> bool {
    bindings::get_string(e, "name").as_deref()
        == Some(crate::errors::Kind::ResponseValidation.class_name())
}

impl Host for JsHost<'_> {
    type Machine = MachineAuth;

    fn now_ms(&self) -> f64 {
        crate::js::now_ms()
    }

    fn parse_url(&self, input: &str, base: Option<&str>) -> Option<Url> {
        parse_url(input, base)
    }

    fn regex_exec(&self, source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String> {
        regex_exec(source, input)
    }

    async fn verify_session(&self, token: &str) -> Result<Claims, TokenFailure> {
        let payload = verify::verify_session(token, &self.options.verify)
            .await
            .map_err(token_failure)?;
        let claims = claims(&payload);
        self.payloads
            .borrow_mut()
            .push((token.to_string(), payload));
        Ok(claims)
    }

    async fn verify_handshake(&self, token: &str) -> Result<Claims, TokenFailure> {
        let payload = verify::verify_handshake(token, &self.options.verify)
            .await
            .map_err(token_failure)?;
        Ok(claims(&payload))
    }

    async fn verify_machine(
        &self,
        token: &str,
        kind: TokenType,
    ) -> Result<MachineAuth, MachineFailure> {
        machine_auth::verify(kind, token, self.options).await
    }

    async fn call(&self, call: &ApiCall) -> Result<Value, ApiError> {
        let Some(api) = &self.options.verify.api else {
            // The flow's calls need the secret key, which `Prepared::new` requires.
            return Err(ApiError::Response {
                status: 401,
                code: Some(Reason::SecretKeyInvalid.to_string()),
            });
        };
        send(api, call).await.map(|v| bindings::js_to_json(&v))
    }
}
