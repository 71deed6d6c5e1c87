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
    /// `Promise.all`: never throws, rejects instead.
    #[wasm_bindgen(js_namespace = Promise, js_name = all)]
    fn promise_all(items: &js_sys::Array) -> Promise;
    /// A function seen as something with `bind` (js-sys's `Function::bind*` are generic).
    type Bindable;
    #[wasm_bindgen(method, js_name = bind)]
    fn bind_receiver(this: &Bindable, receiver: &JsValue) -> Function;
    #[wasm_bindgen(method, js_name = bind)]
    fn bind_args(this: &Bindable, receiver: &JsValue, a: &JsValue, b: &JsValue) -> Function;
}

/// `f` with its first two arguments fixed (and `this` undefined).
pub fn bind2(f: &JsValue, a: &JsValue, b: &JsValue) -> Function {
    f.unchecked_ref::<Bindable>()
        .bind_args(&JsValue::UNDEFINED, a, b)
}

thread_local! {
    /// `(response) => Response.prototype.text.call(response)`, made from intrinsics only
    /// (workerd allows no `new Function`). `None` where there is no `Response`.
    static TEXT_OF: Option<Function> = text_of();
}

fn text_of() -> Option<Function> {
    let get = |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).ok();
    let text = get(&get(&get(&global(), "Response")?, "prototype")?, "text")?;
    let call = get(&text, "call")?;
    call.dyn_ref::<Function>()?;
    Some(call.unchecked_ref::<Bindable>().bind_receiver(&text))
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
    let promise = start_fetch(custom, input, init)?;
    // `settled` adopts it with `Promise.resolve` and the intrinsic `then`: a Promise subclass or
    // Proxy whose `then` throws becomes a rejection.
    let response = crate::task::settled(&promise).await?;
    response.dyn_into().map_err(|_| not_a_response())
}

/// [`fetch`], then the whole body as text, awaited as one promise: wasm is entered once, when
/// both are in. (In workerd each entry into wasm after an I/O event cost ~10 µs, measured.)
pub async fn fetch_text(
    custom: Option<&Function>,
    input: &JsValue,
    init: &JsValue,
) -> Result<(web_sys::Response, JsValue), JsValue> {
    let promise = start_fetch(custom, input, init)?;
    let Some(text_of) = TEXT_OF.with(Clone::clone) else {
        let response: web_sys::Response = crate::task::settled(&promise)
            .await?
            .dyn_into()
            .map_err(|_| not_a_response())?;
        let text = crate::task::settled(&response.text()?).await?;
        return Ok((response, text));
    };
    let text = crate::task::then(&promise, &text_of)?;
    let both = promise_all(&js_sys::Array::of2(&promise, &text));
    match crate::task::settled(&both).await {
        Ok(pair) => {
            let pair: js_sys::Array = pair.unchecked_into();
            let response = pair.get(0).dyn_into().map_err(|_| not_a_response())?;
            Ok((response, pair.get(1)))
        }
        // `text` fails on anything but a Response: then say what fetch resolved to.
        Err(e) => match crate::task::settled(&promise).await {
            Ok(v) if !v.is_instance_of::<web_sys::Response>() => Err(not_a_response()),
            _ => Err(e),
        },
    }
}

fn not_a_response() -> JsValue {
    js_sys::Error::new("fetch did not resolve to a Response").into()
}

/// Calls the fetch function; `Err` if it throws or does not return a Promise.
fn start_fetch(
    custom: Option<&Function>,
    input: &JsValue,
    init: &JsValue,
) -> Result<Promise, JsValue> {
    let global = global();
    let f = match custom {
        Some(f) => f.clone(),
        None => Reflect::get(&global, &static_str("fetch"))?
            .dyn_into::<Function>()
            .map_err(|_| js_sys::Error::new("no global fetch in this runtime"))?,
    };
    let promise = f.call2(&global, input, init)?;
    promise
        .dyn_into::<Promise>()
        .map_err(|_| js_sys::Error::new("fetch did not return a Promise").into())
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
