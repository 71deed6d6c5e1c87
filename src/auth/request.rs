//! authenticateRequest: finds the token (Authorization header, else the `__session` cookie),
//! classifies it, verifies it and returns a RequestState object. Never throws for a bad token:
//! every failure is a signed-out state with the incumbent's reason.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use super::bapi::{self, Api, Outcome};
use super::failure::*;
use super::json::Json;
use super::jwt::{self, MAX_TOKEN_LEN};
use super::machine::{self, TokenType, OAUTH_JWT_TYPES};
use super::options::{Accepts, RequestOptions};
use super::permissions;
use super::untrusted::RequestParts;
use super::verify;

fn set(o: &Object, k: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v.into());
}
fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}
fn or_null(v: JsValue) -> JsValue {
    if v.is_undefined() {
        JsValue::NULL
    } else {
        v
    }
}

/// What a RequestState reports, before it becomes a JS object.
struct State {
    signed_in: bool,
    reason: Option<String>,
    message: Option<String>,
    token_type: Option<TokenType>,
    token: Option<String>,
    payload: JsValue,
    /// toAuth() (and toAuth({ treatPendingAsSignedOut: false }) when it differs).
    auth: Object,
    auth_pending: Option<Object>,
}

fn signed_out_session_auth(status: JsValue) -> Object {
    let a = Object::new();
    set(&a, "tokenType", "session_token");
    for k in [
        "sessionClaims",
        "sessionId",
        "userId",
        "actor",
        "orgId",
        "orgRole",
        "orgSlug",
        "orgPermissions",
        "factorVerificationAge",
    ] {
        set(&a, k, JsValue::NULL);
    }
    set(&a, "sessionStatus", status);
    set(&a, "isAuthenticated", false);
    a
}

fn unauthenticated_machine_auth(t: TokenType) -> Object {
    let a = Object::new();
    set(&a, "tokenType", t.name());
    let extra: &[&str] = match t {
        TokenType::ApiKey => &["name", "claims", "userId", "orgId"],
        TokenType::M2m => &["claims", "machineId"],
        _ => &["userId", "clientId"],
    };
    for k in ["id", "subject", "scopes"].iter().chain(extra) {
        set(&a, k, JsValue::NULL);
    }
    set(&a, "isAuthenticated", false);
    a
}

fn signed_out(token_type: TokenType, reason: &str, message: &str) -> State {
    State {
        signed_in: false,
        reason: Some(reason.to_string()),
        message: Some(message.to_string()),
        token_type: Some(token_type),
        token: None,
        payload: JsValue::NULL,
        auth: if token_type.is_machine() {
            unauthenticated_machine_auth(token_type)
        } else {
            signed_out_session_auth(JsValue::NULL)
        },
        auth_pending: None,
    }
}

fn mismatch(token_type: TokenType) -> State {
    signed_out(token_type, "token-type-mismatch", "")
}

/// Session claims -> the auth object (session token v1 and v2 claims).
fn session_auth(claims: &JsValue, payload: &Json) -> Object {
    let a = Object::new();
    set(&a, "tokenType", "session_token");
    set(&a, "actor", get(claims, "act"));
    set(&a, "sessionClaims", claims.clone());
    set(&a, "sessionId", get(claims, "sid"));
    set(&a, "sessionStatus", or_null(get(claims, "sts")));
    set(&a, "userId", get(claims, "sub"));
    let s = |j: Option<&Json>| j.and_then(Json::as_str).map(str::to_string);
    if payload.get("v").and_then(Json::as_f64) == Some(2.0) {
        let o = payload.get("o").filter(|o| o.truthy());
        let (mut id, mut role, mut slug, mut perms) = (
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        );
        if let Some(o) = o {
            let oc = get(&get(claims, "o"), "id");
            id = oc;
            slug = get(&get(claims, "o"), "slg");
            if let Some(r) = o.get("rol").filter(|r| r.truthy()) {
                let r = r.as_str().map(str::to_string).unwrap_or_default();
                role = JsValue::from_str(&format!("org:{r}"));
            }
            let list = permissions::org_permissions(
                s(payload.get("fea")).as_deref(),
                s(o.get("per")).as_deref(),
                s(o.get("fpm")).as_deref(),
            );
            perms = list
                .iter()
                .map(|p| JsValue::from_str(p))
                .collect::<Array>()
                .into();
        }
        set(&a, "orgId", id);
        set(&a, "orgRole", role);
        set(&a, "orgSlug", slug);
        set(&a, "orgPermissions", perms);
    } else {
        set(&a, "orgId", get(claims, "org_id"));
        set(&a, "orgRole", get(claims, "org_role"));
        set(&a, "orgSlug", get(claims, "org_slug"));
        set(&a, "orgPermissions", get(claims, "org_permissions"));
    }
    set(&a, "factorVerificationAge", or_null(get(claims, "fva")));
    set(&a, "isAuthenticated", true);
    a
}

fn signed_in_session(token: &str, payload_text: &str) -> State {
    let claims = js_sys::JSON::parse(payload_text).unwrap_or(JsValue::NULL);
    let payload = super::json::parse(payload_text).unwrap_or(Json::Null);
    let auth = session_auth(&claims, &payload);
    let pending = payload.get("sts").and_then(Json::as_str) == Some("pending");
    State {
        signed_in: true,
        reason: None,
        message: None,
        token_type: Some(TokenType::Session),
        token: Some(token.to_string()),
        payload: claims,
        auth: if pending {
            signed_out_session_auth(JsValue::from_str("pending"))
        } else {
            auth.clone()
        },
        auth_pending: pending.then_some(auth),
    }
}

/// A failed session verification as the incumbent reports it (without handshakes).
fn session_error(f: Failure, carrier: &str, method: &str) -> State {
    let reason = match f.reason {
        TOKEN_EXPIRED => {
            let refresh = if method != "GET" {
                "non-eligible-non-get"
            } else {
                "non-eligible-no-refresh-cookie"
            };
            format!("session-token-expired-refresh-{refresh}")
        }
        TOKEN_NOT_ACTIVE_YET => "session-token-nbf".into(),
        TOKEN_IAT_IN_THE_FUTURE => "session-token-iat-in-the-future".into(),
        r => r.into(),
    };
    let message = format!(
        "{} (reason={}, token-carrier={carrier})",
        f.message, f.reason
    );
    let mut s = signed_out(TokenType::Session, "", &message);
    s.reason = Some(reason);
    s
}

async fn session(token: &str, o: &RequestOptions, carrier: &str, method: &str) -> State {
    match verify::verify_session(token, &o.verify).await {
        Ok(payload) => signed_in_session(token, &payload),
        Err(f) => session_error(f, carrier, method),
    }
}

fn machine_error(t: TokenType, code: &str, message: &str, status: Option<u16>) -> State {
    let status = status.map_or("n/a".to_string(), |s| s.to_string());
    signed_out(
        t,
        code,
        &format!("{message} (code={code}, status={status})"),
    )
}

fn machine_signed_in(t: TokenType, token: &str, data: &JsValue) -> State {
    let a = Object::new();
    set(&a, "tokenType", t.name());
    set(&a, "id", get(data, "id"));
    let subject = get(data, "subject");
    set(&a, "subject", subject.clone());
    set(&a, "scopes", get(data, "scopes"));
    let sub = subject.as_string().unwrap_or_default();
    match t {
        TokenType::ApiKey => {
            set(&a, "name", get(data, "name"));
            set(&a, "claims", get(data, "claims"));
            set(
                &a,
                "userId",
                if sub.starts_with("user_") {
                    subject.clone()
                } else {
                    JsValue::NULL
                },
            );
            set(
                &a,
                "orgId",
                if sub.starts_with("org_") {
                    subject.clone()
                } else {
                    JsValue::NULL
                },
            );
        }
        TokenType::M2m => {
            set(&a, "claims", get(data, "claims"));
            set(&a, "machineId", subject.clone());
        }
        _ => {
            set(&a, "userId", subject.clone());
            set(&a, "clientId", get(data, "client_id"));
        }
    }
    set(&a, "isAuthenticated", true);
    State {
        signed_in: true,
        reason: None,
        message: None,
        token_type: Some(t),
        token: Some(token.to_string()),
        payload: JsValue::NULL,
        auth: a,
        auth_pending: None,
    }
}

/// Machine JWTs (M2M: sub mch_...; OAuth: typ at+jwt) are verified locally with the JWKS.
async fn machine_jwt(token: &str, o: &RequestOptions) -> State {
    let Ok(d) = jwt::decode(token) else {
        return machine_error(TokenType::M2m, TOKEN_INVALID, "Invalid JWT form.", None);
    };
    let is_m2m = d
        .payload
        .get("sub")
        .and_then(Json::as_str)
        .is_some_and(|s| s.starts_with("mch_"));
    let typ_oauth = d
        .header_str("typ")
        .is_some_and(|t| OAUTH_JWT_TYPES.contains(&t));
    let (t, types): (TokenType, &[&str]) = if is_m2m {
        match d.header.get("cat") {
            None => {}
            Some(Json::Str(c)) if c == jwt::CATEGORY_M2M => {}
            _ => {
                return machine_error(
                    TokenType::M2m,
                    TOKEN_INVALID,
                    "Invalid M2M JWT category.",
                    None,
                )
            }
        }
        (TokenType::M2m, &["JWT"])
    } else if typ_oauth {
        (TokenType::OAuth, &OAUTH_JWT_TYPES)
    } else {
        return machine_error(
            TokenType::OAuth,
            TOKEN_VERIFICATION_FAILED,
            "Invalid JWT type.",
            None,
        );
    };
    let mut verify_opts_claims = o.verify.claims.clone();
    verify_opts_claims.authorized_parties.clear();
    verify_opts_claims.issuer.clear();
    let audience = std::mem::take(&mut verify_opts_claims.audience);
    let vo = super::options::VerifyOptions {
        key: match &o.verify.key {
            super::options::KeySource::Local(k) => super::options::KeySource::Local(k.clone()),
            super::options::KeySource::Remote => super::options::KeySource::Remote,
            super::options::KeySource::Missing => super::options::KeySource::Missing,
        },
        api: o.verify.api.clone(),
        claims: verify_opts_claims,
        skip_jwks_cache: o.verify.skip_jwks_cache,
        jwks_ttl_ms: o.verify.jwks_ttl_ms,
    };
    let text = match verify::verify_jwt(token, &vo, false, types).await {
        Ok(text) => text,
        Err(f) => return machine_error(t, TOKEN_VERIFICATION_FAILED, &f.message, None),
    };
    let p = super::json::parse(&text).unwrap_or(Json::Null);
    if t == TokenType::OAuth && !audience.is_empty() {
        let auds: Option<Vec<&str>> = match p.get("aud") {
            Some(Json::Str(s)) => Some(vec![s.as_str()]),
            Some(Json::Arr(a)) if !a.is_empty() => a.iter().map(Json::as_str).collect(),
            _ => None,
        };
        let ok = auds.is_some_and(|a| {
            a.iter().all(|x| !x.is_empty()) && a.iter().any(|x| audience.iter().any(|y| y == x))
        });
        if !ok {
            return machine_error(
                t,
                TOKEN_VERIFICATION_FAILED,
                "OAuth audience mismatch.",
                None,
            );
        }
    }
    let claims = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    let data = Object::new();
    set(&data, "id", or_empty(get(&claims, "jti")));
    set(&data, "subject", get(&claims, "sub"));
    let split = |v: JsValue| -> JsValue {
        v.as_string()
            .map(|s| {
                s.split(' ')
                    .map(JsValue::from_str)
                    .collect::<Array>()
                    .into()
            })
            .unwrap_or(JsValue::UNDEFINED)
    };
    let scopes = if t == TokenType::M2m {
        first_defined(&[split(get(&claims, "scopes")), get(&claims, "aud")])
    } else {
        first_defined(&[get(&claims, "scp"), split(get(&claims, "scope"))])
    };
    set(&data, "scopes", scopes);
    set(&data, "client_id", or_empty(get(&claims, "client_id")));
    set(&data, "claims", JsValue::NULL);
    machine_signed_in(t, token, &data.into())
}

fn or_empty(v: JsValue) -> JsValue {
    if v.is_undefined() || v.is_null() {
        JsValue::from_str("")
    } else {
        v
    }
}

fn first_defined(vs: &[JsValue]) -> JsValue {
    vs.iter()
        .find(|v| !v.is_undefined() && !v.is_null())
        .cloned()
        .unwrap_or_else(|| Array::new().into())
}

/// Opaque machine tokens go to the Backend API's verify operations.
async fn machine_opaque(t: TokenType, token: &str, o: &RequestOptions) -> State {
    let (path, field, not_found) = match t {
        TokenType::M2m => ("/m2m_tokens/verify", "token", "Machine token not found"),
        TokenType::OAuth => (
            "/oauth_applications/access_tokens/verify",
            "access_token",
            "OAuth token not found",
        ),
        _ => ("/api_keys/verify", "secret", "API key not found"),
    };
    let secret = match (t, &o.machine_secret_key, &o.verify.api) {
        (TokenType::M2m, Some(m), _) => m.clone(),
        (_, _, Some(api)) => api.secret_key.clone(),
        _ => {
            return machine_error(
                t,
                "unexpected-error",
                "A secret key is required to verify machine tokens.",
                None,
            )
        }
    };
    let api = Api {
        server_url: o
            .verify
            .api
            .as_ref()
            .map_or(bapi::DEFAULT_SERVER_URL.to_string(), |a| {
                a.server_url.clone()
            }),
        secret_key: secret,
        fetch: o.verify.api.as_ref().and_then(|a| a.fetch.clone()),
        timeout_ms: o
            .verify
            .api
            .as_ref()
            .map_or(bapi::DEFAULT_TIMEOUT_MS, |a| a.timeout_ms),
    };
    match bapi::send(&api, "POST", path, Some(&bapi::json_body(field, token))).await {
        Outcome::Response(200, text) => match js_sys::JSON::parse(&text) {
            Ok(data) if data.is_object() => machine_signed_in(t, token, &data),
            _ => machine_error(t, "unexpected-error", "Unexpected error", Some(200)),
        },
        Outcome::Response(401, _) => {
            machine_error(t, SECRET_KEY_INVALID, "Invalid secret key", Some(401))
        }
        Outcome::Response(404, _) => machine_error(t, TOKEN_INVALID, not_found, Some(404)),
        Outcome::Response(s, _) => {
            machine_error(t, "unexpected-error", "Unexpected error", Some(s))
        }
        Outcome::Unreachable => machine_error(t, "unexpected-error", "Unexpected error", None),
    }
}

async fn machine(t: TokenType, token: &str, o: &RequestOptions) -> State {
    if machine::is_jwt_format(token) {
        machine_jwt(token, o).await
    } else {
        machine_opaque(t, token, o).await
    }
}

async fn from_header(token: &str, o: &RequestOptions, method: &str) -> State {
    if token.len() > MAX_TOKEN_LEN {
        return session_error(
            Failure::new(TOKEN_INVALID, "The token is longer than 16 KiB."),
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

async fn from_cookie(cookies: &str, o: &RequestOptions, method: &str) -> State {
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
        .and_then(Json::as_f64)
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

pub async fn authenticate(request: &RequestParts, o: &RequestOptions) -> Object {
    let (headers, method) = (&request.headers, request.method.clone());
    let auth_header = headers
        .get("authorization")
        .ok()
        .flatten()
        .unwrap_or_default();
    let token = machine::token_from_authorization(&auth_header);
    let state = if let (Accepts::List(list), header_type) = (
        &o.accepts,
        token.map(|t| machine::machine_type(t).unwrap_or(TokenType::Session)),
    ) {
        if !list.contains(&header_type.unwrap_or(TokenType::Session)) {
            let mut s = signed_out(TokenType::Session, "token-type-mismatch", "");
            s.token_type = None;
            let a = Object::new();
            set(&a, "isAuthenticated", false);
            set(&a, "tokenType", JsValue::NULL);
            s.auth = a;
            return to_js(s, o);
        }
        None
    } else {
        None
    };
    let state = match (state, token) {
        (Some(s), _) => s,
        (None, Some(t)) => from_header(t, o, &method).await,
        (None, None) => match &o.accepts {
            Accepts::One(t) if t.is_machine() => signed_out(*t, "No token in header", ""),
            _ => {
                let cookies = headers.get("cookie").ok().flatten().unwrap_or_default();
                from_cookie(&cookies, o, &method).await
            }
        },
    };
    to_js(state, o)
}

fn to_js(s: State, o: &RequestOptions) -> Object {
    let out = Object::new();
    let status = if s.signed_in {
        "signed-in"
    } else {
        "signed-out"
    };
    set(&out, "status", status);
    set(
        &out,
        "reason",
        s.reason.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    set(
        &out,
        "message",
        s.message
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&out, "isSignedIn", s.signed_in);
    set(&out, "isAuthenticated", s.signed_in);
    set(
        &out,
        "tokenType",
        s.token_type
            .map_or(JsValue::NULL, |t| JsValue::from_str(t.name())),
    );
    set(
        &out,
        "token",
        s.token.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&out, "payload", s.payload);
    set(&out, "publishableKey", o.publishable_key.as_str());
    for k in [
        "proxyUrl",
        "domain",
        "signInUrl",
        "signUpUrl",
        "afterSignInUrl",
        "afterSignUpUrl",
    ] {
        set(&out, k, "");
    }
    set(&out, "isSatellite", false);
    // Debug headers, as the incumbent sets them on signed-out states.
    if let Ok(h) = web_sys::Headers::new() {
        if !s.signed_in {
            if let Some(m) = s.message.as_deref().filter(|m| !m.is_empty()) {
                let _ = h.set("x-clerk-auth-message", m);
            }
            if let Some(r) = s.reason.as_deref().filter(|r| !r.is_empty()) {
                let _ = h.set("x-clerk-auth-reason", r);
            }
            let _ = h.set("x-clerk-auth-status", status);
        }
        set(&out, "headers", h);
    }
    set(&out, "auth", s.auth.clone());
    set(
        &out,
        "authIfPendingAllowed",
        s.auth_pending.unwrap_or(s.auth),
    );
    out
}
