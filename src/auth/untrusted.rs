//! Reading the `Request` the caller handed us without letting a JS exception unwind through
//! the wasm: web-sys declares the `Request` getters without `catch`, so a Proxy or an object
//! that merely passes `instanceof Request` would throw from inside them. Everything here is
//! read once, through the bindings layer, and a fake is an `Err`/`None`.

use wasm_bindgen::{JsCast, JsValue};

use crate::bindings;

/// What verification reads from a `Request`.
pub struct RequestParts {
    pub headers: web_sys::Headers,
    pub method: String,
    pub url: String,
}

pub fn request_parts(request: &JsValue) -> Option<RequestParts> {
    if !request.is_instance_of::<web_sys::Request>() {
        return None;
    }
    let headers = bindings::get_static(request, "headers")
        .ok()?
        .dyn_into::<web_sys::Headers>()
        .ok()?;
    let method = bindings::get_static(request, "method").ok()?.as_string()?;
    let url = bindings::get_static(request, "url").ok()?.as_string()?;
    Some(RequestParts {
        headers,
        method,
        url,
    })
}
