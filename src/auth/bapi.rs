//! The two kinds of Backend API request verification makes (JWKS, machine-token verify), sent
//! through `crate::js::fetch` with retries on network errors and 5xx/429. Failures come back as
//! a status or a message; never a raw JS exception, never the secret key.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const DEFAULT_SERVER_URL: &str = "https://api.clerk.com/v1";
pub const API_VERSION: &str = "2026-05-12";
const ATTEMPTS: u32 = 3;
const FIRST_BACKOFF_MS: f64 = 100.0;

/// Where and how to reach the Backend API.
#[derive(Clone)]
pub struct Api {
    pub server_url: String,
    pub secret_key: String,
    pub fetch: Option<Function>,
}

pub enum Outcome {
    /// An HTTP response (any status) and its body text.
    Response(u16, String),
    /// No response after every attempt (network error, unreadable body).
    Unreachable,
}

fn init(api: &Api, method: &str, body: Option<&str>) -> JsValue {
    let headers = Object::new();
    let set = |o: &Object, k: &str, v: &str| {
        let _ = Reflect::set(o, &JsValue::from_str(k), &JsValue::from_str(v));
    };
    set(
        &headers,
        "Authorization",
        &format!("Bearer {}", api.secret_key),
    );
    set(&headers, "Clerk-API-Version", API_VERSION);
    let init = Object::new();
    set(&init, "method", method);
    if let Some(b) = body {
        set(&headers, "Content-Type", "application/json");
        set(&init, "body", b);
    }
    let _ = Reflect::set(&init, &JsValue::from_str("headers"), &headers);
    init.into()
}

async fn attempt(api: &Api, url: &str, init: &JsValue) -> Option<(u16, String)> {
    let response = crate::js::fetch(api.fetch.as_ref(), &JsValue::from_str(url), init)
        .await
        .ok()?;
    let status = response.status();
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    Some((status, text.as_string().unwrap_or_default()))
}

/// Sends `method {server_url}{path}`, retrying transient failures with exponential backoff.
pub async fn send(api: &Api, method: &str, path: &str, body: Option<&str>) -> Outcome {
    let url = format!("{}{}", api.server_url.trim_end_matches('/'), path);
    let init = init(api, method, body);
    let mut backoff = FIRST_BACKOFF_MS;
    let mut last = Outcome::Unreachable;
    for n in 0..ATTEMPTS {
        if n > 0 {
            crate::js::sleep(backoff).await;
            backoff *= 2.0;
        }
        match attempt(api, &url, &init).await {
            Some((status, text)) if status < 500 && status != 429 => {
                return Outcome::Response(status, text)
            }
            Some((status, text)) => last = Outcome::Response(status, text),
            None => last = Outcome::Unreachable,
        }
    }
    last
}

/// JSON text for `{"<field>": "<value>"}` with the value escaped by the JS engine.
pub fn json_body(field: &str, value: &str) -> String {
    let obj = Object::new();
    let _ = Reflect::set(&obj, &JsValue::from_str(field), &JsValue::from_str(value));
    js_sys::JSON::stringify(&obj)
        .ok()
        .and_then(|s| s.dyn_into::<js_sys::JsString>().ok())
        .map(String::from)
        .unwrap_or_default()
}
