//! What the flow asks of the world, at one seam: the clock, URL parsing, token verification and
//! Backend API calls. In wasm the host is the verification layer plus the one transport (stage
//! 2); in native tests it answers from recorded data. The flow never does I/O itself, so every
//! request it makes is a plain [`ApiCall`] a test can inspect.

use serde_json::{Map, Value};

use super::reason::Reason;
use super::token_kind::TokenType;
use super::url::Url;

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

/// One Backend API request, relative to the API's versioned base (`/v1`): the host sends it
/// through the transport with the secret key.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    pub method: Method,
    /// Path segments already percent-encoded: `/sessions/sess_1/refresh`.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
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
