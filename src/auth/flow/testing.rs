//! A host for the flow's native tests: URLs parsed by the `url` crate (WHATWG), verification
//! and Backend API answers looked up in tables the test fills, every call recorded.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

use super::host::{ApiCall, ApiError, Claims, Host, MachineFailure, Method, TokenFailure};
use super::url::Url;
use crate::auth::reason::Reason;
use crate::auth::token_kind::TokenType;

/// Runs a future that never waits (the test host answers at once).
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// `new URL(input, base)` with the `url` crate.
pub fn parse_url(input: &str, base: Option<&str>) -> Option<Url> {
    let u = match base {
        Some(b) => url::Url::parse(b).ok()?.join(input).ok()?,
        None => url::Url::parse(input).ok()?,
    };
    Some(Url {
        protocol: format!("{}:", u.scheme()),
        username: u.username().to_string(),
        password: u.password().unwrap_or("").to_string(),
        hostname: u.host_str().unwrap_or("").to_string(),
        port: u.port().map(|p| p.to_string()).unwrap_or_default(),
        pathname: u.path().to_string(),
        search: u.query().map(|q| format!("?{q}")).unwrap_or_default(),
        hash: u.fragment().map(|f| format!("#{f}")).unwrap_or_default(),
    })
}

/// `new RegExp(source, "i").exec(input)` with fancy-regex (a backtracking engine with the
/// lookahead path-to-regexp's patterns use). Compiled per call: tests only.
pub fn regex_exec(source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String> {
    let re = fancy_regex::Regex::new(&format!("(?i){source}"))
        .map_err(|e| format!("Invalid regular expression: {e}"))?;
    let caps = re.captures(input).map_err(|e| e.to_string())?;
    Ok(caps.map(|c| {
        (1..c.len())
            .map(|i| c.get(i).map(|m| m.as_str().to_string()))
            .collect()
    }))
}

/// An unsigned JWT with this header and payload (the test host decides whether it verifies).
pub fn jwt(header: Value, payload: Value) -> String {
    let b = |v: &Value| Base64UrlUnpadded::encode_string(v.to_string().as_bytes());
    format!("{}.{}.c2ln", b(&header), b(&payload))
}

#[derive(Default)]
pub struct TestHost {
    pub now_ms: f64,
    pub sessions: HashMap<String, Result<Claims, TokenFailure>>,
    pub handshakes: HashMap<String, Result<Claims, TokenFailure>>,
    pub machines: HashMap<String, Result<String, MachineFailure>>,
    /// Keyed by "METHOD path" (the path encoded).
    pub api: HashMap<String, Result<Value, ApiError>>,
    pub calls: RefCell<Vec<ApiCall>>,
}

impl TestHost {
    /// A token that verifies with these claims.
    pub fn valid(&mut self, token: &str, claims: Value) {
        let claims = claims.as_object().cloned().unwrap_or_default();
        self.sessions.insert(token.to_string(), Ok(claims));
    }

    pub fn failing(&mut self, token: &str, reason: Reason, message: &str) {
        self.sessions
            .insert(token.to_string(), Err(TokenFailure::new(reason, message)));
    }
}

impl Host for TestHost {
    type Machine = String;

    fn now_ms(&self) -> f64 {
        self.now_ms
    }

    fn parse_url(&self, input: &str, base: Option<&str>) -> Option<Url> {
        parse_url(input, base)
    }

    fn regex_exec(&self, source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String> {
        regex_exec(source, input)
    }

    async fn verify_session(&self, token: &str) -> Result<Claims, TokenFailure> {
        self.sessions.get(token).cloned().unwrap_or_else(|| {
            Err(TokenFailure::new(
                Reason::TokenInvalid,
                super::peek::NOT_THREE_PARTS,
            ))
        })
    }

    async fn verify_handshake(&self, token: &str) -> Result<Claims, TokenFailure> {
        self.handshakes.get(token).cloned().unwrap_or_else(|| {
            Err(TokenFailure::new(
                Reason::TokenInvalidSignature,
                "Handshake signature is invalid.",
            ))
        })
    }

    async fn verify_machine(&self, token: &str, _: TokenType) -> Result<String, MachineFailure> {
        self.machines.get(token).cloned().unwrap_or_else(|| {
            Err(MachineFailure {
                reason: Reason::TokenInvalid,
                full_message: "not found (code=token-invalid, status=404)".into(),
            })
        })
    }

    async fn call(&self, call: &ApiCall) -> Result<Value, ApiError> {
        self.calls.borrow_mut().push(call.clone());
        let key = format!("{} {}", call.method().as_str(), call.encoded_path());
        self.api
            .get(&key)
            .cloned()
            .unwrap_or(Err(ApiError::Response {
                status: 404,
                code: Some("resource_not_found".into()),
            }))
    }
}

impl Method {
    pub fn key(self, path: &str) -> String {
        format!("{} {path}", self.as_str())
    }
}
