//! Reading values the caller handed us (options, a `Request`, a custom fetch's `Response`)
//! without letting a JS exception unwind through the wasm.
//!
//! js_sys/web_sys declare `Array.isArray`, `length`, item access and the `Request`/`Response`
//! getters without `catch`: a revoked Proxy, a throwing getter or an object that merely passes
//! `instanceof` would throw straight through the wasm (destructors skipped, the promise never
//! settles). Everything here goes through `Reflect.get` or a `catch` import, so such input is an
//! `Err` the caller turns into a typed error. (Found by tests/fuzz/run.mjs.)

use js_sys::Reflect;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray`; `Err` for a revoked Proxy.
pub fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    is_array_checked(value)
}

/// The items of an array-like, at most `max` (`Err` if there are more, or a getter throws).
pub fn items(array: &JsValue, max: u32) -> Result<Vec<JsValue>, JsValue> {
    let len = Reflect::get(array, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    if !(0.0..=max as f64).contains(&len) {
        return Err(JsValue::UNDEFINED);
    }
    (0..len as u32)
        .map(|i| Reflect::get_u32(array, i))
        .collect()
}

/// The first `max` items of an array-like (`Err` if a getter throws).
pub fn first_items(array: &JsValue, max: u32) -> Result<Vec<JsValue>, JsValue> {
    let len = Reflect::get(array, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    let n = if len > 0.0 {
        len.min(max as f64) as u32
    } else {
        0
    };
    (0..n).map(|i| Reflect::get_u32(array, i)).collect()
}

/// What verification reads from a `Request`, read once through `Reflect.get` (a fake that
/// passes `instanceof Request`, or a Proxy, fails here instead of inside a getter later).
pub struct RequestParts {
    pub headers: web_sys::Headers,
    pub method: String,
}

pub fn request_parts(request: &JsValue) -> Option<RequestParts> {
    if !request.is_instance_of::<web_sys::Request>() {
        return None;
    }
    let headers = Reflect::get(request, &JsValue::from_str("headers"))
        .ok()?
        .dyn_into::<web_sys::Headers>()
        .ok()?;
    let method = Reflect::get(request, &JsValue::from_str("method"))
        .ok()?
        .as_string()?;
    Some(RequestParts { headers, method })
}

/// `response.status` through `Reflect.get` (`None` for a fake `Response`).
pub fn status(response: &JsValue) -> Option<u16> {
    let s = Reflect::get(response, &JsValue::from_str("status"))
        .ok()?
        .as_f64()?;
    (0.0..=999.0).contains(&s).then_some(s as u16)
}
