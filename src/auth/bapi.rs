//! The two kinds of Backend API request verification makes (JWKS, machine-token verify), sent
//! through `crate::js::fetch` with retries on network errors and 5xx/429. Failures come back as
//! a status or a message; never a raw JS exception, never the secret key.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::generated::API_VERSION;

/// The spec's first server, as for the API client.
pub const DEFAULT_SERVER_URL: &str = crate::generated::SERVERS[0];
const ATTEMPTS: u32 = 3;
const FIRST_BACKOFF_MS: f64 = 100.0;
/// Per-attempt limit unless `timeoutInMs` says otherwise: a hanging JWKS endpoint must not hang
/// every verification behind it.
pub const DEFAULT_TIMEOUT_MS: f64 = 5_000.0;

/// Where and how to reach the Backend API.
#[derive(Clone)]
pub struct Api {
    pub server_url: String,
    pub secret_key: String,
    pub fetch: Option<Function>,
    /// Each attempt is aborted after this long.
    pub timeout_ms: f64,
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
    // The timeout aborts the fetch and the body read alike (a bound `abort`: no Rust closure).
    let controller = web_sys::AbortController::new().ok()?;
    let _ = Reflect::set(init, &JsValue::from_str("signal"), &controller.signal());
    let abort = Reflect::get(&controller, &JsValue::from_str("abort"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .map(|f| f.bind0(&controller));
    let timer = abort
        .as_ref()
        .and_then(|f| crate::js::set_timeout(f, api.timeout_ms.min(2_147_483_647.0)).ok());
    let result = read(api, url, init).await;
    if let Some(t) = &timer {
        crate::js::clear_timeout(t);
    }
    result
}

async fn read(api: &Api, url: &str, init: &JsValue) -> Option<(u16, String)> {
    let response = crate::js::fetch(api.fetch.as_ref(), &JsValue::from_str(url), init)
        .await
        .ok()?;
    // A custom fetch may resolve to a fake Response: read it without trusting its getters.
    let status = super::untrusted::status(&response)?;
    let text = crate::task::settled(&response.text().ok()?).await.ok()?;
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
