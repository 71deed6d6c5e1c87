//! The JS seams: the global `fetch`, timers, the clock and awaiting JS promises, one function
//! each, so every other module stays testable and none reaches for `window` (absent in
//! workers, Deno and Node).
//!
//! Futures and promises are bridged by wasm-bindgen-futures (`spawn` is its
//! `future_to_promise`, [`settled`] its `JsFuture`): the standard bridge every wasm-bindgen
//! user can review.

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bindings;

/// Runs `future` to completion; its result settles the returned promise.
pub fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    // Boxed: one instance of wasm-bindgen-futures' machinery for every spawn site, rather than
    // a copy per future type (each with that future's poll inlined into it).
    let future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(future);
    wasm_bindgen_futures::future_to_promise(future)
}

/// The outcome of a promise (or any value) the caller handed us: `Ok` if it fulfils, `Err` if
/// it rejects. It is adopted through `Promise.all` first, so a thenable or a Promise whose own
/// `then` or `constructor` getter throws becomes a rejection instead of an exception thrown
/// through the wasm (`JsFuture` would call its `then` directly).
pub async fn settled(value: &JsValue) -> Result<JsValue, JsValue> {
    let list = settled_all(&Array::of1(value)).await?;
    Ok(list.unchecked_ref::<Array>().get(0))
}

/// Milliseconds since the epoch, from the JS clock (tests may replace `Date.now`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The global object of whatever runtime we are in (window, worker, workerd, Deno, Node).
pub fn global() -> JsValue {
    js_sys::global().into()
}

thread_local! {
    /// `Promise.prototype.then` and `(response) => Response.prototype.text.call(response)`, from
    /// the intrinsics (workerd allows no `new Function`); `None` where there is no `Response`.
    static THEN_TEXT: Option<(Function, Function)> = (|| {
        let then = bindings::prototype_method("Promise", "then")?;
        let text = bindings::prototype_method("Response", "text")?;
        let call = bindings::get_static(&text, "call").ok()?;
        Some((then, bindings::bind(&call, &text)))
    })();
}

/// Calls `fetch` (the given custom one, else the global) with the global object as `this`
/// (any other receiver fails with "Illegal invocation" in workerd and browsers), then reads the
/// whole body as text. `Err` if fetch throws, rejects, or resolves to something else than a
/// Response; the timeout and abort signal in `init` cover the body too.
///
/// The response and its text are awaited as one promise (`Promise.all([response, text])`):
/// one wake-up of the executor per attempt instead of two.
pub async fn fetch_text(
    custom: Option<&Function>,
    input: &JsValue,
    init: &JsValue,
) -> Result<(web_sys::Response, JsValue), JsValue> {
    let global = global();
    let f = match custom {
        Some(f) => f.clone(),
        None => bindings::get_static(&global, "fetch")?
            .dyn_into::<Function>()
            .map_err(|_| js_sys::Error::new("no global fetch in this runtime"))?,
    };
    let promise = f.call2(&global, input, init)?;
    if !promise.is_instance_of::<Promise>() {
        return Err(js_sys::Error::new("fetch did not return a Promise").into());
    }
    let not_a_response =
        || JsValue::from(js_sys::Error::new("fetch did not resolve to a Response"));
    let Some((then, text_of)) = THEN_TEXT.with(Clone::clone) else {
        return Err(js_sys::Error::new("no Response in this runtime").into());
    };
    // Adopted, then chained with the intrinsic `then`: a Promise subclass or a promise with
    // its own `then` cannot intercept it.
    let response = bindings::promise_resolve(&promise)?;
    let text = then.call1(&response, &text_of)?;
    match settled_all(&Array::of2(&response, &text)).await {
        Ok(pair) => {
            let pair: Array = pair.unchecked_into();
            let response = pair.get(0).dyn_into().map_err(|_| not_a_response())?;
            Ok((response, pair.get(1)))
        }
        // `text` fails on anything but a Response: then say what fetch resolved to.
        Err(e) => match settled(&response).await {
            Ok(v) if !v.is_instance_of::<web_sys::Response>() => Err(not_a_response()),
            _ => Err(e),
        },
    }
}

/// The values of `items` once all fulfil (`Promise.all`), or the first rejection.
async fn settled_all(items: &Array) -> Result<JsValue, JsValue> {
    JsFuture::from(bindings::promise_all(items)).await
}

/// Schedules `callback` after `ms` through the global `setTimeout`; returns its handle.
pub fn set_timeout(callback: &Function, ms: f64) -> Result<JsValue, JsValue> {
    let global = global();
    let f: Function = bindings::get_static(&global, "setTimeout")?.dyn_into()?;
    f.call2(&global, callback, &JsValue::from_f64(ms))
}

/// Cancels a `set_timeout` handle.
pub fn clear_timeout(handle: &JsValue) {
    let global = global();
    if let Ok(f) = bindings::get_static(&global, "clearTimeout") {
        if let Ok(f) = f.dyn_into::<Function>() {
            let _ = f.call1(&global, handle);
        }
    }
}

/// The longest delay `setTimeout` honours. Node, browsers and workerd store it in 32 bits and
/// fire *at once* beyond it, so `timeoutMs: 3e9` timed out immediately and a huge backoff
/// became a tight retry loop (found by tests/faults). Longer waits are clamped to ~24.8 days.
pub const MAX_TIMER_MS: f64 = 2_147_483_647.0;

/// Resolves after `ms` milliseconds (clamped to [`MAX_TIMER_MS`]), or as soon as `signal`
/// aborts.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    let mut handles: Option<(JsValue, Function)> = None;
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", &resolve);
        }
        // No timers here: do not wait rather than hang forever.
        let timer = set_timeout(&resolve, ms.min(MAX_TIMER_MS)).unwrap_or_else(|_| {
            let _ = resolve.call0(&JsValue::UNDEFINED);
            JsValue::UNDEFINED
        });
        handles = Some((timer, resolve));
    });
    let _ = JsFuture::from(promise).await;
    if let Some((timer, resolve)) = handles {
        clear_timeout(&timer);
        if let Some(s) = signal {
            let _ = s.remove_event_listener_with_callback("abort", &resolve);
        }
    }
}
