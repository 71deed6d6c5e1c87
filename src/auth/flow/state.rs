//! The RequestState the flow answers with (`tokens/authStatus.ts`): status, reason, message,
//! token, headers (with the `x-clerk-auth-*` debug headers on signed-out and handshake states),
//! the options it echoes, what `toAuth()` returns, and the data `debug()` shows (tokens and keys
//! cut to 7 characters).

use serde_json::{Map, Value};

use super::auth_object::SessionAuth;
use super::coerce::header_value;
use super::config::Prepared;
use super::context::Context;
use crate::auth::reason::{Reason, Status};
use crate::auth::token_kind::TokenType;

/// The option values every state carries (`proxyUrl`, `publishableKey`, ...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Echo {
    pub proxy_url: String,
    pub publishable_key: String,
    pub is_satellite: bool,
    pub domain: String,
    pub sign_in_url: String,
    pub sign_up_url: String,
    pub after_sign_in_url: String,
    pub after_sign_up_url: String,
}

impl Echo {
    pub fn new(prepared: &Prepared, ctx: &Context) -> Echo {
        let o = &prepared.options;
        Echo {
            proxy_url: ctx.proxy_url.clone(),
            publishable_key: o.publishable_key.clone(),
            is_satellite: o.is_satellite,
            domain: o.domain.clone(),
            sign_in_url: o.sign_in_url.clone(),
            sign_up_url: o.sign_up_url.clone(),
            after_sign_in_url: o.after_sign_in_url.clone(),
            after_sign_up_url: o.after_sign_up_url.clone(),
        }
    }
}

/// Who the state says made the request.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal<M> {
    /// Signed out, or a handshake.
    Nobody,
    Session(Box<SessionAuth>),
    Machine(M),
}

/// A RequestState.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<M> {
    pub status: Status,
    pub reason: Option<Reason>,
    /// None on signed-in states (`message: null`).
    pub message: Option<String>,
    /// None for the "token type not accepted" state (`tokenType: null`).
    pub token_type: Option<TokenType>,
    pub token: Option<String>,
    /// Lower-case names in the order the incumbent adds them (`Set-Cookie` repeated).
    pub headers: Vec<(String, String)>,
    pub principal: Principal<M>,
    pub echo: Echo,
    /// What `debug()` returns on the auth object (before the verification options stage 2
    /// adds: `apiUrl`, `audience`, ...).
    pub debug: Map<String, Value>,
}

/// What `toAuth()` returns.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthView<'a, M> {
    Session(&'a SessionAuth),
    /// A signed-out session object (`sessionStatus` is `pending` for a pending session).
    SignedOut {
        session_status: Value,
        debug: Map<String, Value>,
    },
    Machine(TokenType, &'a M),
    UnauthenticatedMachine(TokenType),
    /// `acceptsToken` did not include the token's type.
    InvalidToken,
    /// A handshake state: `toAuth()` is null.
    Null,
}

/// The keys `createDebug` cuts to 7 characters (they are credentials).
const SECRET_KEYS: [&str; 8] = [
    "secretKey",
    "jwtKey",
    "sessionToken",
    "tokenInHeader",
    "sessionTokenInCookie",
    "refreshTokenInCookie",
    "devBrowserToken",
    "handshakeToken",
];

/// `createDebug(data)`: the data with every credential cut to its first 7 characters.
pub fn debug_data(mut data: Map<String, Value>) -> Map<String, Value> {
    // The handshake nonce is cut too: the incumbent shows it whole.
    for key in SECRET_KEYS.iter().copied().chain(["handshakeNonce"]) {
        if key == "handshakeNonce" && !data.contains_key(key) {
            continue;
        }
        let text = match data.get(key) {
            Some(Value::String(s)) => s.chars().take(7).collect(),
            _ => String::new(),
        };
        data.insert(key.to_string(), Value::String(text));
    }
    data
}

/// The context as `debug()` shows it (before cutting credentials): what the incumbent's
/// AuthenticateContext holds, so unset headers and options are absent, not null.
pub fn context_data(prepared: &Prepared, ctx: &Context) -> Map<String, Value> {
    let mut m = prepared.options.debug_options.clone();
    let mut text = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            m.insert(k.to_string(), Value::String(v.to_string()));
        }
    };
    let o = &prepared.options;
    text("method", Some(&ctx.method));
    text("clerkUrl", Some(&ctx.clerk_url.href()));
    text("tokenInHeader", ctx.token_in_header.as_deref());
    text("origin", ctx.origin.as_deref());
    text("host", ctx.host.as_deref());
    text("forwardedHost", ctx.forwarded_host.as_deref());
    text("forwardedProto", ctx.forwarded_proto.as_deref());
    text("referrer", ctx.referrer.as_deref());
    text("userAgent", ctx.user_agent.as_deref());
    text("secFetchDest", ctx.sec_fetch_dest.as_deref());
    text("accept", ctx.accept.as_deref());
    text("publishableKey", Some(&o.publishable_key));
    text("secretKey", Some(&o.secret_key));
    // As `createClerkClient().authenticateRequest` passes them: these three always, with defaults.
    m.insert("proxyUrl".into(), Value::String(ctx.proxy_url.clone()));
    m.insert("domain".into(), Value::String(o.domain.clone()));
    m.insert("isSatellite".into(), Value::Bool(o.is_satellite));
    let mut text = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            m.insert(k.to_string(), Value::String(v.to_string()));
        }
    };
    text("signInUrl", Some(&o.sign_in_url));
    text("signUpUrl", Some(&o.sign_up_url));
    if let Some(s) = &ctx.session {
        text("instanceType", Some(s.instance_type.as_str()));
        text("frontendApi", Some(&s.frontend_api));
        text("sessionTokenInCookie", s.session_token_in_cookie.as_deref());
        text("refreshTokenInCookie", s.refresh_token_in_cookie.as_deref());
        text("devBrowserToken", s.dev_browser_token.as_deref());
        text("handshakeToken", s.handshake_token.as_deref());
        text("handshakeNonce", s.handshake_nonce.as_deref());
        m.insert("clientUat".into(), super::coerce::json_number(s.client_uat));
        m.insert(
            "handshakeRedirectLoopCounter".into(),
            super::coerce::json_number(s.redirect_count),
        );
    }
    m
}

/// `withDebugHeaders`: `x-clerk-auth-message` (when there is one), `-reason`, `-status`. A
/// value `Headers` would refuse is left out, as the incumbent's try/catch leaves it out.
fn with_debug_headers(
    mut headers: Vec<(String, String)>,
    status: Status,
    reason: &Reason,
    message: &str,
) -> Vec<(String, String)> {
    let mut set = |name: &str, value: &str| {
        if let Some(v) = header_value(value) {
            headers.retain(|(k, _)| k != name);
            headers.push((name.to_string(), v));
        }
    };
    if !message.is_empty() {
        set("x-clerk-auth-message", message);
    }
    set("x-clerk-auth-reason", &reason.as_str());
    set("x-clerk-auth-status", status.as_str());
    headers
}

impl<M> Outcome<M> {
    /// A signed-in state: a session (`Principal::Session`) or a machine.
    pub fn signed_in(
        echo: Echo,
        token_type: TokenType,
        principal: Principal<M>,
        token: String,
        headers: Vec<(String, String)>,
        debug: Map<String, Value>,
    ) -> Outcome<M> {
        Outcome {
            status: Status::SignedIn,
            reason: None,
            message: None,
            token_type: Some(token_type),
            token: Some(token),
            headers,
            principal,
            echo,
            debug,
        }
    }

    pub fn signed_out(
        echo: Echo,
        token_type: TokenType,
        reason: Reason,
        message: String,
        headers: Vec<(String, String)>,
        debug: Map<String, Value>,
    ) -> Outcome<M> {
        let headers = with_debug_headers(headers, Status::SignedOut, &reason, &message);
        Outcome {
            status: Status::SignedOut,
            reason: Some(reason),
            message: Some(message),
            token_type: Some(token_type),
            token: None,
            headers,
            principal: Principal::Nobody,
            echo,
            debug,
        }
    }

    pub fn handshake(
        echo: Echo,
        reason: Reason,
        message: String,
        headers: Vec<(String, String)>,
    ) -> Outcome<M> {
        let headers = with_debug_headers(headers, Status::Handshake, &reason, &message);
        Outcome {
            status: Status::Handshake,
            reason: Some(reason),
            message: Some(message),
            token_type: Some(TokenType::SessionToken),
            token: None,
            headers,
            principal: Principal::Nobody,
            echo,
            debug: Map::new(),
        }
    }

    /// `signedOutInvalidToken()`: the token's type is not in `acceptsToken`. Echoes nothing.
    pub fn invalid_token() -> Outcome<M> {
        let reason = Reason::TokenTypeMismatch;
        Outcome {
            status: Status::SignedOut,
            headers: with_debug_headers(Vec::new(), Status::SignedOut, &reason, ""),
            reason: Some(reason),
            message: Some(String::new()),
            token_type: None,
            token: None,
            principal: Principal::Nobody,
            echo: Echo::default(),
            debug: Map::new(),
        }
    }

    /// `toAuth({ treatPendingAsSignedOut })`.
    pub fn to_auth(&self, treat_pending_as_signed_out: bool) -> AuthView<'_, M> {
        match (&self.status, &self.principal, self.token_type) {
            (Status::Handshake, _, _) => AuthView::Null,
            (_, _, None) => AuthView::InvalidToken,
            (_, Principal::Session(auth), _) => {
                if treat_pending_as_signed_out && auth.is_pending() {
                    AuthView::SignedOut {
                        session_status: auth.session_status.clone(),
                        debug: debug_data(Map::new()),
                    }
                } else {
                    AuthView::Session(auth)
                }
            }
            (_, Principal::Machine(m), Some(kind)) => AuthView::Machine(kind, m),
            (_, Principal::Nobody, Some(TokenType::SessionToken)) => AuthView::SignedOut {
                session_status: Value::Null,
                debug: self.debug.clone(),
            },
            (_, Principal::Nobody, Some(kind)) => AuthView::UnauthenticatedMachine(kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_headers_and_credentials() {
        let o: Outcome<()> = Outcome::signed_out(
            Echo::default(),
            TokenType::SessionToken,
            Reason::TokenExpired,
            "JWT is expired → now".into(),
            vec![("set-cookie".into(), "a=1".into())],
            Map::new(),
        );
        // The message has a character Headers refuses: left out, reason and status kept.
        assert_eq!(
            o.headers,
            [
                ("set-cookie".to_string(), "a=1".to_string()),
                (
                    "x-clerk-auth-reason".to_string(),
                    "token-expired".to_string()
                ),
                ("x-clerk-auth-status".to_string(), "signed-out".to_string()),
            ]
        );
        let mut data = Map::new();
        data.insert("secretKey".into(), json!("sk_live_abcdef"));
        data.insert("sessionTokenInCookie".into(), json!("eyJhbGciOi.x.y"));
        data.insert("method".into(), json!("GET"));
        let d = debug_data(data);
        assert_eq!(d["secretKey"], "sk_live");
        assert_eq!(d["sessionTokenInCookie"], "eyJhbGc");
        assert_eq!(d["jwtKey"], "");
        assert_eq!(d["method"], "GET");
        let invalid: Outcome<()> = Outcome::invalid_token();
        assert_eq!(invalid.to_auth(true), AuthView::InvalidToken);
        assert_eq!(invalid.reason, Some(Reason::TokenTypeMismatch));
    }
}
