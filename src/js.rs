//! The JS seams: the global `fetch`, timers and the clock, one function each, so every other
//! module stays testable and no module reaches for `window` (absent in workers, Deno, Node).

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string, without copying it into wasm memory.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    static STATIC_STRS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of a fixed Rust string, made once per thread and found again by address.
/// Sending a Rust string to JS decodes its UTF-8 every time: the option names read and the
/// header names and values sent on every call are made once instead.
pub fn static_str(s: &'static str) -> JsValue {
    with_static_str(s, JsValue::clone)
}

/// [`static_str`] lent to `f` rather than cloned (a clone is a table slot on the JS side).
pub fn with_static_str<R>(s: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    STATIC_STRS.with(|strs| {
        let mut strs = strs.borrow_mut();
        // By address: each literal is found without comparing text.
        let same = |k: &&str| k.as_ptr() == s.as_ptr() && k.len() == s.len();
        let i = match strs.iter().position(|(k, _)| same(k)) {
            Some(i) => i,
            None => {
                strs.push((s, JsValue::from_str(s)));
                strs.len() - 1
            }
        };
        f(&strs[i].1)
    })
}

/// Milliseconds since the epoch, from the JS clock (tests may replace `Date.now`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The global object of whatever runtime we are in (window, worker, workerd, Deno, Node).
pub fn global() -> JsValue {
    js_sys::global().into()
}

/// Calls `fetch` (the given custom one, else the global) with the global object as `this`:
/// any other receiver fails with "Illegal invocation" in workerd and browsers.
pub async fn fetch(
    custom: Option<&Function>,
    input: &JsValue,
    init: &JsValue,
) -> Result<web_sys::Response, JsValue> {
    let global = global();
    let f = match custom {
        Some(f) => f.clone(),
        None => Reflect::get(&global, &static_str("fetch"))?
            .dyn_into::<Function>()
            .map_err(|_| js_sys::Error::new("no global fetch in this runtime"))?,
    };
    let promise = f.call2(&global, input, init)?;
    if !promise.is_instance_of::<Promise>() {
        return Err(js_sys::Error::new("fetch did not return a Promise").into());
    }
    // `settled` adopts it with `Promise.resolve` and the intrinsic `then`: a Promise subclass or
    // Proxy whose `then` throws becomes a rejection.
    let response = crate::task::settled(&promise).await?;
    response
        .dyn_into::<web_sys::Response>()
        .map_err(|_| js_sys::Error::new("fetch did not resolve to a Response").into())
}

/// Schedules `callback` after `ms` through the global `setTimeout`; returns its handle.
pub fn set_timeout(callback: &Function, ms: f64) -> Result<JsValue, JsValue> {
    let global = global();
    let f: Function = Reflect::get(&global, &JsValue::from_str("setTimeout"))?.dyn_into()?;
    f.call2(&global, callback, &JsValue::from_f64(ms))
}

/// Cancels a `set_timeout` handle.
pub fn clear_timeout(handle: &JsValue) {
    let global = global();
    if let Ok(f) = Reflect::get(&global, &JsValue::from_str("clearTimeout")) {
        if let Ok(f) = f.dyn_into::<Function>() {
            let _ = f.call1(&global, handle);
        }
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: f64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        if set_timeout(&resolve, ms).is_err() {
            // No timers here: do not wait rather than hang forever.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = crate::task::settled(&promise).await;
}
