//! What the flow asks of the world, at one seam: the clock, URL parsing, regular expressions,
//! token verification and Backend API calls. In wasm the host (`auth::host`) is the runtime's
//! `URL` and `RegExp`, the verification layer and the one transport; in native tests it answers
//! from recorded data. The flow never does I/O itself, so every
//! request it makes is a plain [`ApiCall`] a test can inspect.

use serde_json::{Map, Value};

use super::url::Url;
use crate::auth::reason::Reason;
use crate::auth::token_kind::TokenType;

/// Verified (or peeked) JWT claims.
pub type Claims = Map<String, Value>;

/// Where a session token came from, for `getFullMessage()`'s `token-carrier=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Header,
    Cookie,
}

impl Carrier {
    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::Header => "header",
            Carrier::Cookie => "cookie",
        }
    }
}

/// A failed verification: its reason and the incumbent's `message` and `action` joined by a
/// space (the text `getFullMessage()` starts with).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenFailure {
    pub reason: Reason,
    pub message: String,
}

impl TokenFailure {
    pub fn new(reason: Reason, message: impl Into<String>) -> TokenFailure {
        TokenFailure {
            reason,
            message: message.into(),
        }
    }

    /// `TokenVerificationError.getFullMessage()`.
    pub fn full_message(&self, carrier: Option<Carrier>) -> String {
        format!(
            "{} (reason={}, token-carrier={})",
            self.message,
            self.reason,
            carrier.map_or("undefined", Carrier::as_str)
        )
    }
}

/// A failed machine-token verification: its code and `getFullMessage()` (`message (code=...,
/// status=...)`).
#[derive(Debug, Clone, PartialEq)]
pub struct MachineFailure {
    pub reason: Reason,
    pub full_message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// The Backend API operations the flow calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `GET /clients/handshake_payload?nonce=...` (the spec lists the path without an
    /// operation; the incumbent's `clients.getHandshakePayload`).
    HandshakePayload,
    /// `POST /sessions/{session_id}/refresh` (`RefreshSession`, with the `suffixed_cookies`
    /// query flag the incumbent sends and the spec omits).
    RefreshSession,
    /// `POST /sessions/{session_id}/tokens` (`CreateSessionToken`).
    SessionToken,
    /// `POST /sessions/{session_id}/tokens/{template_name}` (`CreateSessionTokenFromTemplate`).
    SessionTokenFromTemplate,
}

impl Endpoint {
    pub fn method(self) -> Method {
        match self {
            Endpoint::HandshakePayload => Method::Get,
            _ => Method::Post,
        }
    }

    /// The path template, relative to the API's versioned base (`/v1`).
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::HandshakePayload => "/clients/handshake_payload",
            Endpoint::RefreshSession => "/sessions/{session_id}/refresh",
            Endpoint::SessionToken => "/sessions/{session_id}/tokens",
            Endpoint::SessionTokenFromTemplate => "/sessions/{session_id}/tokens/{template_name}",
        }
    }
}

/// One Backend API request: the host sends it through the transport with the secret key.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    pub endpoint: Endpoint,
    /// The path template's parameters by name, not encoded (the transport encodes them).
    pub path_params: Vec<(&'static str, String)>,
    pub query: Vec<(&'static str, String)>,
    /// The JSON body's fields.
    pub body: Option<Map<String, Value>>,
}

impl ApiCall {
    pub fn method(&self) -> Method {
        self.endpoint.method()
    }

    /// The path with its parameters percent-encoded as the transport encodes them
    /// (`/sessions/sess_1/tokens/a%2Fb`).
    pub fn encoded_path(&self) -> String {
        let mut out = String::new();
        let mut rest = self.endpoint.path();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let name = &rest[open + 1..close];
            let value = self.path_params.iter().find(|(k, _)| *k == name);
            crate::url::encode(value.map_or("", |(_, v)| v.as_str()), &mut out);
            rest = rest.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }
}

/// A Backend API call that did not return 2xx JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// A response: its status and the first error's `code`, if the body had Clerk's error shape.
    Response { status: u16, code: Option<String> },
    /// No response (network failure, timeout): the incumbent's `unexpected_error`.
    Network,
}

/// The flow's view of the world. `async fn` in the trait: the wasm host is single-threaded, so
/// no `Send` bound is wanted.
#[allow(async_fn_in_trait)]
pub trait Host {
    /// What a verified machine token yields (the verification layer's type).
    type Machine;

    /// `Date.now()`.
    fn now_ms(&self) -> f64;

    /// `new URL(input, base)`; None where it throws.
    fn parse_url(&self, input: &str, base: Option<&str>) -> Option<Url>;

    /// `new RegExp(source, "i").exec(input)`: the captures (groups 1 and up, None where a
    /// group took no part), None when there is no match; Err with the constructor's message
    /// where `source` is no regular expression. The incumbent's path patterns run on the
    /// runtime's own engine (`path_pattern`).
    fn regex_exec(&self, source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String>;

    /// `verifyToken(token, options)` with the request's verification options (jwtKey or JWKS,
    /// authorizedParties, audience, clockSkewInMs, headerType, ...).
    async fn verify_session(&self, token: &str) -> Result<Claims, TokenFailure>;

    /// `verifyHandshakeToken`: decode, `typ`, `alg`, `cat`, key and signature; no claim checks.
    async fn verify_handshake(&self, token: &str) -> Result<Claims, TokenFailure>;

    /// A machine token of the given type, verified locally or by the Backend API.
    async fn verify_machine(
        &self,
        token: &str,
        kind: TokenType,
    ) -> Result<Self::Machine, MachineFailure>;

    /// A Backend API call; the parsed JSON body of a 2xx response.
    async fn call(&self, call: &ApiCall) -> Result<Value, ApiError>;
}
