//! The wasm-bindgen exports: verifyToken, authenticateRequest, verifyWebhook. Each validates
//! its JS inputs and returns a typed error; none can panic on input.

use js_sys::JsString;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::failure::{Failure, Reason};
use super::jwt::MAX_TOKEN_LEN;
use super::options::Reader;
use super::{request, untrusted, verify, webhook};
use crate::{bindings, errors};

fn token_error(f: Failure) -> JsValue {
    errors::token_verification(f.reason.as_str(), &f.message)
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
    let o = r.verify_options();
    if !r.problems.is_empty() {
        return js_sys::Promise::reject(&invalid_request(r.problems));
    }
    let token = match token_string(&token) {
        Ok(t) => t,
        Err(f) => return js_sys::Promise::reject(&token_error(f)),
    };
    // A jwtKey needs no I/O: verified here, cache included, with no future.
    if let Some(verdict) = verify::verify_local(&token, &o, true, verify::SESSION_TYPES) {
        return settle(verdict);
    }
    if let Some(verdict) = verify::cached_session(&token, &o) {
        return settle(verdict);
    }
    crate::js::spawn(async move {
        let payload = verify::verify_uncached(&token, &o, true, verify::SESSION_TYPES).await;
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
    request::authenticate(&req, &o).await
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
