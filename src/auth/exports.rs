//! The wasm-bindgen exports: verifyToken, authenticateRequest, verifyWebhook. Each validates
//! its JS inputs and returns a typed error; none can panic on input.

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::failure::*;
use super::jwt::MAX_TOKEN_LEN;
use super::options::Reader;
use super::{request, untrusted, verify, webhook};
use crate::errors;

fn token_error(f: Failure) -> JsValue {
    errors::token_verification(f.reason, &f.message)
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
            TOKEN_INVALID,
            "Invalid JWT form. The token is longer than 16 KiB.",
        )),
        Some(s) => Ok(String::from(s)),
        None => Err(Failure::new(
            TOKEN_INVALID,
            "Invalid JWT form. A JWT consists of three parts separated by dots.",
        )),
    }
}

/// Verifies a session token; resolves to its claims or rejects with TokenVerificationError.
/// Options and a cached verdict are handled before any future exists: a session token is
/// verified again on every request of its life, and that hit should cost no async machinery.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(token: JsValue, options: JsValue) -> js_sys::Promise {
    let mut r = Reader::new(&options, "options");
    let o = r.verify_options();
    if !r.problems.is_empty() {
        return js_sys::Promise::reject(&invalid_request(r.problems));
    }
    let token = match token_string(&token) {
        Ok(t) => t,
        Err(f) => return js_sys::Promise::reject(&token_error(f)),
    };
    if let Some(verdict) = verify::cached_session(&token, &o) {
        return settle(verdict);
    }
    crate::task::spawn(async move {
        let payload = verify::verify_uncached(&token, &o, true, verify::SESSION_TYPES).await;
        claims(payload)
    })
}

/// The claims object of a verified payload, or the verification error.
fn claims(payload: Result<String, Failure>) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&payload.map_err(token_error)?)
        .map_err(|_| token_error(Failure::new(TOKEN_INVALID, "Invalid JWT payload.")))
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
    crate::task::spawn(authenticate(request, options))
}

async fn authenticate(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut r = Reader::new(&options, "options");
    let o = r.request_options();
    let Some(req) = untrusted::request_parts(&request) else {
        r.problems.push("request must be a Request".into());
        return Err(invalid_request(r.problems));
    };
    if !r.problems.is_empty() {
        return Err(invalid_request(r.problems));
    }
    Ok(request::authenticate(&req, &o).await.into())
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
    crate::task::spawn(webhook(request, options))
}

async fn webhook(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut r = Reader::new(&options, "options");
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
            webhook::HEADERS_MISSING,
            "Missing required webhook headers: svix-id, svix-timestamp, svix-signature.",
        )));
    };
    let body_err = |m: &str| token_error(Failure::new(webhook::BODY_INVALID, m));
    let text = match req.text() {
        // Re-wrapped: a Proxy's `text` may return a thenable whose `then` throws.
        Ok(p) => crate::task::settled(&p)
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
    let payload =
        js_sys::JSON::parse(&body).map_err(|_| body_err("The webhook body is not JSON."))?;
    if !payload.is_object() {
        return Err(body_err("The webhook body is not a JSON object."));
    }
    let event = Object::new();
    let copy = |k: &str| {
        let v = Reflect::get(&payload, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let _ = Reflect::set(&event, &JsValue::from_str(k), &v);
    };
    copy("type");
    let _ = Reflect::set(
        &event,
        &JsValue::from_str("object"),
        &JsValue::from_str("event"),
    );
    for k in ["data", "event_attributes", "timestamp", "instance_id"] {
        copy(k);
    }
    Ok(event.into())
}
