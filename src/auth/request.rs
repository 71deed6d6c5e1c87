//! authenticateRequest: finds the token (Authorization header, else the `__session` cookie),
//! classifies it, verifies it (session tokens here, machine tokens in `machine_auth`) and
//! builds the RequestState (`state`). Never throws for a bad token: every failure is a
//! signed-out state with the incumbent's reason.

use serde_json::Value;
use wasm_bindgen::JsValue;

use super::failure::{Failure, Reason};
use super::jwt::{self, MAX_TOKEN_LEN};
use super::machine::{self, TokenType};
use super::machine_auth;
use super::options::{Accepts, RequestOptions};
use super::session_auth;
use super::state::{Auth, MachineAuth, RequestState, SessionAuth};
use super::untrusted::RequestParts;
use super::verify;
use crate::bindings;

/// What a request's token amounted to, before it becomes a [`RequestState`].
struct Outcome {
    signed_in: bool,
    reason: Option<String>,
    message: Option<String>,
    token_type: Option<TokenType>,
    token: Option<String>,
    payload: JsValue,
    auth: Auth,
    /// `toAuth({ treatPendingAsSignedOut: false })`, when it differs from `auth`.
    auth_pending: Option<Auth>,
}

fn signed_out(token_type: TokenType, reason: &str, message: &str) -> Outcome {
    Outcome {
        signed_in: false,
        reason: Some(reason.to_string()),
        message: Some(message.to_string()),
        token_type: Some(token_type),
        token: None,
        payload: JsValue::NULL,
        auth: if token_type.is_machine() {
            Auth::Machine(MachineAuth::unauthenticated(token_type))
        } else {
            Auth::Session(SessionAuth::signed_out(JsValue::NULL))
        },
        auth_pending: None,
    }
}

fn mismatch(token_type: TokenType) -> Outcome {
    signed_out(token_type, "token-type-mismatch", "")
}

fn signed_in_session(token: &str, payload_text: &str) -> Outcome {
    let claims = bindings::json_parse(&JsValue::from_str(payload_text)).unwrap_or(JsValue::NULL);
    let payload: Value = serde_json::from_slice(payload_text.as_bytes()).unwrap_or(Value::Null);
    let (auth, pending) = session_auth::signed_in(&claims, &payload);
    let (auth, auth_pending) = if pending {
        let out = SessionAuth::signed_out(JsValue::from_str("pending"));
        (Auth::Session(out), Some(Auth::Session(auth)))
    } else {
        (Auth::Session(auth), None)
    };
    Outcome {
        signed_in: true,
        reason: None,
        message: None,
        token_type: Some(TokenType::Session),
        token: Some(token.to_string()),
        payload: claims,
        auth,
        auth_pending,
    }
}

/// A failed session verification as the incumbent reports it (without handshakes).
fn session_error(f: Failure, carrier: &str, method: &str) -> Outcome {
    let reason = match f.reason {
        Reason::TokenExpired if method != "GET" => {
            "session-token-expired-refresh-non-eligible-non-get"
        }
        Reason::TokenExpired => "session-token-expired-refresh-non-eligible-no-refresh-cookie",
        Reason::TokenNotActiveYet => "session-token-nbf",
        Reason::TokenIatInTheFuture => "session-token-iat-in-the-future",
        r => r.as_str(),
    };
    let message = format!(
        "{} (reason={}, token-carrier={carrier})",
        f.message, f.reason
    );
    signed_out(TokenType::Session, reason, &message)
}

async fn session(token: &str, o: &RequestOptions, carrier: &str, method: &str) -> Outcome {
    match verify::verify_session(token, &o.verify).await {
        Ok(payload) => signed_in_session(token, &payload),
        Err(f) => session_error(f, carrier, method),
    }
}

async fn machine(t: TokenType, token: &str, o: &RequestOptions) -> Outcome {
    match machine_auth::verify(t, token, o).await {
        Ok(auth) => Outcome {
            signed_in: true,
            reason: None,
            message: None,
            token_type: Some(t),
            token: Some(token.to_string()),
            payload: JsValue::NULL,
            auth: Auth::Machine(auth),
            auth_pending: None,
        },
        Err(r) => signed_out(r.token_type, r.code, &r.message),
    }
}

async fn from_header(token: &str, o: &RequestOptions, method: &str) -> Outcome {
    if token.len() > MAX_TOKEN_LEN {
        return session_error(
            Failure::new(Reason::TokenInvalid, "The token is longer than 16 KiB."),
            "header",
            method,
        );
    }
    let kind = machine::machine_type(token);
    match &o.accepts {
        Accepts::One(TokenType::Session) => {
            if machine::is_m2m_jwt(token)
                || machine::is_oauth_jwt(token)
                || machine::has_non_session_category(token)
            {
                return mismatch(TokenType::Session);
            }
            session(token, o, "header", method).await
        }
        Accepts::One(want) => match kind {
            Some(k) if k == *want => machine(k, token, o).await,
            _ => mismatch(*want),
        },
        accepts => match kind {
            Some(k) if !accepts.allows(k) => mismatch(k),
            Some(k) => machine(k, token, o).await,
            None if machine::has_non_session_category(token) => mismatch(TokenType::Session),
            None => session(token, o, "header", method).await,
        },
    }
}

async fn from_cookie(cookies: &str, o: &RequestOptions, method: &str) -> Outcome {
    let session_cookie = machine::cookie(cookies, "__session").filter(|s| !s.is_empty());
    let client_uat = machine::cookie(cookies, "__client_uat")
        .map(|v| {
            // Number.parseInt(v) || 0: the leading digits.
            let digits = v.trim().bytes().take_while(u8::is_ascii_digit);
            digits.fold(0f64, |acc, d| acc * 10.0 + (d - b'0') as f64)
        })
        .unwrap_or(0.0);
    let Some(token) = session_cookie else {
        let reason = if client_uat > 0.0 {
            "client-uat-but-no-session-token"
        } else {
            "session-token-and-uat-missing"
        };
        return signed_out(TokenType::Session, reason, "");
    };
    if client_uat <= 0.0 {
        return signed_out(TokenType::Session, "session-token-but-no-client-uat", "");
    }
    let d = match jwt::decode(token) {
        Ok(d) => d,
        Err(f) => return session_error(f, "cookie", method),
    };
    if machine::is_m2m_jwt(token)
        || machine::is_oauth_jwt(token)
        || machine::has_non_session_category(token)
    {
        return mismatch(TokenType::Session);
    }
    if d.payload
        .get("iat")
        .and_then(Value::as_f64)
        .is_some_and(|iat| iat < client_uat)
    {
        return signed_out(
            TokenType::Session,
            "session-token-iat-before-client-uat",
            "",
        );
    }
    session(token, o, "cookie", method).await
}

pub async fn authenticate(request: &RequestParts, o: &RequestOptions) -> Result<JsValue, JsValue> {
    let (headers, method) = (&request.headers, request.method.clone());
    let auth_header = headers
        .get("authorization")
        .ok()
        .flatten()
        .unwrap_or_default();
    let token = machine::token_from_authorization(&auth_header);
    if let Accepts::List(list) = &o.accepts {
        let header_type = token.map(|t| machine::machine_type(t).unwrap_or(TokenType::Session));
        if !list.contains(&header_type.unwrap_or(TokenType::Session)) {
            let mut s = signed_out(TokenType::Session, "token-type-mismatch", "");
            s.token_type = None;
            s.auth = Auth::Unaccepted {
                is_authenticated: false,
                token_type: None,
            };
            return state(s, o);
        }
    }
    let outcome = match token {
        Some(t) => from_header(t, o, &method).await,
        None => match &o.accepts {
            Accepts::One(t) if t.is_machine() => signed_out(*t, "No token in header", ""),
            _ => {
                let cookies = headers.get("cookie").ok().flatten().unwrap_or_default();
                from_cookie(&cookies, o, &method).await
            }
        },
    };
    state(outcome, o)
}

fn state(s: Outcome, o: &RequestOptions) -> Result<JsValue, JsValue> {
    let status = if s.signed_in {
        "signed-in"
    } else {
        "signed-out"
    };
    // Debug headers, as the incumbent sets them on signed-out states.
    let headers = web_sys::Headers::new()?;
    if !s.signed_in {
        if let Some(m) = s.message.as_deref().filter(|m| !m.is_empty()) {
            headers.set("x-clerk-auth-message", m)?;
        }
        if let Some(r) = s.reason.as_deref().filter(|r| !r.is_empty()) {
            headers.set("x-clerk-auth-reason", r)?;
        }
        headers.set("x-clerk-auth-status", status)?;
    }
    bindings::to_js(&RequestState {
        status,
        reason: s.reason,
        message: s.message,
        is_signed_in: s.signed_in,
        is_authenticated: s.signed_in,
        token_type: s.token_type.map(TokenType::name),
        token: s.token,
        payload: s.payload,
        publishable_key: o.publishable_key.clone(),
        proxy_url: "",
        domain: "",
        sign_in_url: "",
        sign_up_url: "",
        after_sign_in_url: "",
        after_sign_up_url: "",
        is_satellite: false,
        headers: headers.into(),
        auth: s.auth,
        auth_if_pending_allowed: s.auth_pending,
    })
}
