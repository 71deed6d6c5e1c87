//! The wasm-bindgen exports: verifyToken, authenticateRequest (with `authHas` and
//! `authGetToken`, which `pkg/core.js` wraps as the auth object's `has()` and `getToken()`),
//! verifyWebhook. Each validates its JS inputs and returns a typed error; none can panic on
//! input.

use js_sys::JsString;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::bapi::Attempts;
use super::failure::{Failure, Reason};
use super::flow::{self, auth_object, authorization};
use super::host::{self, JsHost};
use super::jwt::MAX_TOKEN_LEN;
use super::options::{Reader, RequestOptions, VERIFY_OPTIONS};
use super::state::{self, Access, TokenAccess};
use super::token_kind::TokenType;
use super::{untrusted, verify, webhook};
use crate::{bindings, errors};

fn token_error(f: Failure) -> JsValue {
    errors::token_verification(&f.reason.as_str(), &f.message)
}

fn invalid_request(problems: Vec<String>) -> JsValue {
    let list: js_sys::Array = problems.iter().map(|p| JsValue::from_str(p)).collect();
    let message = format!("Invalid options: {}", problems.join("; "));
    errors::make(
        errors::Kind::InvalidRequest,
        &message,
        &errors::props(&[("problems", list.into())]),
    )
}

/// The token as a string, refusing non-strings and oversized input before copying it.
fn token_string(token: &JsValue) -> Result<String, Failure> {
    match token.dyn_ref::<JsString>() {
        Some(s) if s.length() as usize > MAX_TOKEN_LEN => Err(Failure::new(
            Reason::TokenInvalid,
            "Invalid JWT form. The token is longer than 16 KiB.",
        )),
        Some(s) => Ok(String::from(s)),
        None => Err(Failure::new(
            Reason::TokenInvalid,
            "Invalid JWT form. A JWT consists of three parts separated by dots.",
        )),
    }
}

/// Verifies a session token; resolves to its claims or rejects with TokenVerificationError.
/// Options, a cached verdict and a local key (`jwtKey`) are handled before any future exists:
/// a session token is verified again on every request of its life, and only the JWKS needs I/O.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(token: JsValue, options: JsValue) -> js_sys::Promise {
    let mut r = Reader::new(&options, "options");
    r.unknown(&[VERIFY_OPTIONS], "verifyToken");
    let o = r.verify_options();
    if !r.problems.is_empty() {
        return js_sys::Promise::reject(&invalid_request(r.problems));
    }
    let token = match token_string(&token) {
        Ok(t) => t,
        Err(f) => return js_sys::Promise::reject(&token_error(f)),
    };
    // A jwtKey needs no I/O: verified here, cache included, with no future.
    if let Some(verdict) = verify::verify_session_local(&token, &o) {
        return settle(verdict);
    }
    if let Some(verdict) = verify::cached_session(&token, &o) {
        return settle(verdict);
    }
    crate::js::spawn(async move {
        let payload = verify::verify_session_uncached(&token, &o).await;
        claims(payload)
    })
}

/// The claims object of a verified payload, or the verification error. `JSON.parse` of the
/// payload text, not serde-wasm-bindgen: the object is the one the incumbent gives (a
/// `"__proto__"` claim stays an own property instead of becoming the object's prototype,
/// numbers are JS numbers whatever their size).
fn claims(payload: Result<String, Failure>) -> Result<JsValue, JsValue> {
    let text = JsValue::from_str(&payload.map_err(token_error)?);
    bindings::json_parse(&text)
        .map_err(|_| token_error(Failure::new(Reason::TokenInvalid, "Invalid JWT payload.")))
}

fn settle(payload: Result<String, Failure>) -> js_sys::Promise {
    match claims(payload) {
        Ok(v) => js_sys::Promise::resolve(&v),
        Err(e) => js_sys::Promise::reject(&e),
    }
}

/// Authenticates a `Request`; resolves to a RequestState (never rejects for a bad token).
#[wasm_bindgen(js_name = authenticateRequest)]
pub fn authenticate_request(request: JsValue, options: JsValue) -> js_sys::Promise {
    crate::js::spawn(authenticate(request, options))
}

/// The options and the request as the flow reads them; every problem with them at once.
#[inline(never)]
fn read_request(
    request: &JsValue,
    options: &JsValue,
) -> Result<(RequestOptions, flow::Request), JsValue> {
    let mut r = Reader::new(options, "options");
    let o = r.request_options();
    let parts = untrusted::request_parts(request);
    let headers = parts
        .as_ref()
        .and_then(|p| bindings::header_pairs(&p.headers).ok());
    let (Some(parts), Some(headers)) = (parts, headers) else {
        r.problems.push("request must be a Request".into());
        return Err(invalid_request(r.problems));
    };
    if !r.problems.is_empty() {
        return Err(invalid_request(r.problems));
    }
    let req = flow::Request {
        method: parts.method,
        url: parts.url,
        headers,
    };
    Ok((o, req))
}

async fn authenticate(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let (o, req) = read_request(&request, &options)?;
    let host = JsHost::new(&o);
    let prepared = flow::Prepared::new(o.flow.clone(), &host)
        .map_err(|e| invalid_request(vec![format!("{}: {}", e.option, e.message)]))?;
    let outcome = flow::authenticate(&host, &prepared, &req).await;
    state::request_state(&outcome, &host)
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The [`Access`] an auth object keeps as text.
fn access(text: &str) -> Result<Access, JsValue> {
    Access::from_text(text).ok_or_else(|| type_error("not an auth object of this package"))
}

/// One `has()` parameter: `undefined` is not asked, a string is, anything else fails.
fn asked(query: &JsValue, name: &str) -> Result<authorization::Asked<String>, JsValue> {
    let v = bindings::get(query, name)?;
    Ok(match v.as_string() {
        _ if v.is_undefined() => authorization::Asked::No,
        Some(s) => authorization::Asked::Yes(s),
        None => authorization::Asked::Invalid,
    })
}

/// `has(query)` of an auth object (`access` is its [`Access`] text): roles, permissions,
/// features, plans and reverification, decided by `flow::authorization` from the claims.
#[wasm_bindgen(js_name = authHas)]
pub fn auth_has(access_text: &str, query: JsValue) -> Result<bool, JsValue> {
    use authorization::{Asked, HasQuery, Reverification};
    let a = access(access_text)?;
    // Without a user nothing is read from the query, as the incumbent's `has` does.
    if !flow::coerce::truthy(a.authorization.user_id.as_ref()) {
        return Ok(false);
    }
    if query.is_undefined() || query.is_null() {
        return Err(type_error(
            "has() needs an object such as { permission: \"org:invoices:read\" }",
        ));
    }
    if !query.is_object() {
        return Ok(false); // a primitive has none of the properties: nothing is asked
    }
    let rv = bindings::get(&query, "reverification")?;
    let reverification = if rv.is_undefined() {
        Asked::No
    } else if let Some(preset) = rv.as_string() {
        Asked::Yes(Reverification::Preset(preset))
    } else if rv.is_object() {
        Asked::Yes(Reverification::Custom {
            level: bindings::get(&rv, "level")?.as_string(),
            after_minutes: bindings::get(&rv, "afterMinutes")?.as_f64(),
        })
    } else {
        Asked::Invalid
    };
    let q = HasQuery {
        role: asked(&query, "role")?,
        permission: asked(&query, "permission")?,
        feature: asked(&query, "feature")?,
        plan: asked(&query, "plan")?,
        reverification,
    };
    Ok(a.authorization.has(&q))
}

/// `getToken(opts)` of an auth object: null signed out, the machine token, the session token,
/// or (with `template` or `expiresInSeconds`) a new token from `POST /sessions/{id}/tokens[/
/// {template}]` through the transport (`options` are the ones authenticateRequest was given:
/// the secret key and API URL).
#[wasm_bindgen(js_name = authGetToken)]
pub fn auth_get_token(
    access_text: &str,
    options: JsValue,
    get_options: JsValue,
) -> js_sys::Promise {
    let prepared = prepare_get_token(access_text, &options, &get_options);
    crate::js::spawn(async move {
        let (api, call, token) = match prepared? {
            GetToken::Now(v) => return Ok(v),
            GetToken::Call(api, call, token) => (api, call, token),
        };
        let _ = token;
        let Some((op, params)) = host::request(&call) else {
            return Err(type_error(
                "the token endpoint is missing from the operation table",
            ));
        };
        let answer = api
            .perform(op, &params, Attempts::One)
            .await
            .map_err(|f| f.error)?;
        Ok(bindings::get_or_undefined(&answer, "jwt"))
    })
}

/// The data of a signed-out auth object for a token type a caller does not accept
/// (`tokenType` null: the invalid-token object). `pkg/core.js` makes the object.
#[wasm_bindgen(js_name = notAcceptedAuth)]
pub fn not_accepted_auth(token_type: JsValue) -> Result<JsValue, JsValue> {
    let kind = match token_type.as_string() {
        Some(name) => Some(
            TokenType::parse(&name)
                .ok_or_else(|| type_error("tokenType must be a token type or null"))?,
        ),
        None if token_type.is_null() => None,
        None => return Err(type_error("tokenType must be a token type or null")),
    };
    state::not_accepted(kind)
}

enum GetToken {
    Now(JsValue),
    Call(super::bapi::Api, flow::host::ApiCall, String),
}

#[inline(never)]
fn prepare_get_token(
    access_text: &str,
    options: &JsValue,
    get_options: &JsValue,
) -> Result<GetToken, JsValue> {
    let a = access(access_text)?;
    let (id, token) = match a.token {
        TokenAccess::None => return Ok(GetToken::Now(JsValue::NULL)),
        TokenAccess::Machine(t) => return Ok(GetToken::Now(JsValue::from_str(&t))),
        TokenAccess::Session { id, token } => (id, token),
    };
    let mut r = Reader::new(get_options, "getToken options");
    r.unknown(&[&["template", "expiresInSeconds"]], "getToken");
    let template = r.string("template");
    let expires = r.number("expiresInSeconds");
    if !r.problems.is_empty() {
        return Err(invalid_request(r.problems));
    }
    if !flow::coerce::truthy(Some(&id)) {
        return Ok(GetToken::Now(JsValue::NULL));
    }
    let id = match id {
        Value::String(s) => s,
        other => other.to_string(),
    };
    let Some(call) = auth_object::token_call(&id, template.as_deref(), expires) else {
        return Ok(GetToken::Now(JsValue::from_str(&token)));
    };
    let mut r = Reader::new(options, "options");
    let Some(api) = r.verify_options().api else {
        return Err(invalid_request(vec![
            "getToken({ template }) needs the secretKey authenticateRequest was given".into(),
        ]));
    };
    Ok(GetToken::Call(api, call, token))
}

const MAX_WEBHOOK_BODY: u32 = 4 * 1024 * 1024;

fn webhook_header(h: &web_sys::Headers, name: &str) -> Option<String> {
    h.get(name)
        .ok()
        .flatten()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 8192)
}

/// Verifies a Clerk (Svix) webhook delivery; resolves to the event.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(request: JsValue, options: JsValue) -> js_sys::Promise {
    crate::js::spawn(webhook(request, options))
}

async fn webhook(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut r = Reader::new(&options, "options");
    r.unknown(&[&["signingSecret"]], "verifyWebhook");
    let secret = r.string("signingSecret");
    let Some(parts) = untrusted::request_parts(&request) else {
        r.problems.push("request must be a Request".into());
        return Err(invalid_request(r.problems));
    };
    let req: &web_sys::Request = request.unchecked_ref();
    if secret.is_none() {
        r.problems.push("signingSecret is required".into());
    }
    if !r.problems.is_empty() {
        return Err(invalid_request(r.problems));
    }
    let key = webhook::secret_key(secret.as_deref().unwrap_or("")).map_err(token_error)?;
    let h = parts.headers;
    let (id, ts, sig) = (
        webhook_header(&h, "svix-id"),
        webhook_header(&h, "svix-timestamp"),
        webhook_header(&h, "svix-signature"),
    );
    let (Some(id), Some(ts), Some(sig)) = (id, ts, sig) else {
        return Err(token_error(Failure::new(
            Reason::WebhookHeadersMissing,
            "Missing required webhook headers: svix-id, svix-timestamp, svix-signature.",
        )));
    };
    let body_err = |m: &str| token_error(Failure::new(Reason::WebhookBodyInvalid, m));
    let text = match req.text() {
        // Adopted: a Proxy's `text` may return a thenable whose `then` throws.
        Ok(p) => crate::js::settled(&p)
            .await
            .map_err(|_| body_err("The request body could not be read."))?,
        Err(_) => return Err(body_err("The request body could not be read.")),
    };
    let body = text
        .dyn_ref::<JsString>()
        .filter(|s| s.length() <= MAX_WEBHOOK_BODY)
        .map(String::from)
        .ok_or_else(|| body_err("The request body is too large."))?;
    let now_s = (crate::js::now_ms() / 1000.0).floor() as i64;
    webhook::verify(&key, &id, &ts, &sig, &body, now_s).map_err(token_error)?;
    let payload = bindings::json_parse(&JsValue::from_str(&body))
        .map_err(|_| body_err("The webhook body is not JSON."))?;
    if !payload.is_object() {
        return Err(body_err("The webhook body is not a JSON object."));
    }
    let field = |k: &str| bindings::get_or_undefined(&payload, k);
    let event = WebhookEvent {
        kind: field("type"),
        object: "event",
        data: field("data"),
        event_attributes: field("event_attributes"),
        timestamp: field("timestamp"),
        instance_id: field("instance_id"),
    };
    bindings::to_js(&event)
}

/// What verifyWebhook resolves to: the delivery's fields as `JSON.parse` gave them.
#[derive(Serialize)]
struct WebhookEvent {
    #[serde(rename = "type", with = "serde_wasm_bindgen::preserve")]
    kind: JsValue,
    object: &'static str,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    data: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    event_attributes: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    timestamp: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    instance_id: JsValue,
}
