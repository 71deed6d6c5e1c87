//! The promise bridge in `src/js.rs` (`spawn` = wasm-bindgen-futures' `future_to_promise`,
//! `settled` = `JsFuture` after adoption through `Promise.all`) against what JS can throw at
//! it: plain values, hostile thenables, nested and concurrent tasks.
//! Runs in Node, headless Chromium and Deno through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use clerk_edge::js::{settled, spawn};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function later(value, ms) { return new Promise((r) => setTimeout(() => r(value), ms)); }
export function rejectLater(reason, ms) { return new Promise((_, r) => setTimeout(() => r(reason), ms)); }
export function throwingThenable() { return { then() { throw new Error("then threw"); } }; }
export function thenable(value) { return { then(ok) { ok(value); } }; }
export function badConstructorPromise() {
  const p = Promise.resolve(1);
  Object.defineProperty(p, "constructor", { get() { throw new Error("constructor threw"); } });
  return p;
}
export function shadowedThen() {
  const p = Promise.resolve("real");
  p.then = () => { throw new Error("own then threw"); };
  return p;
}
export function throwingThenGetter() {
  return Object.defineProperty({}, "then", { get() { throw new Error("then getter threw"); } });
}
"#)]
extern "C" {
    fn later(value: &JsValue, ms: u32) -> Promise;
    #[wasm_bindgen(js_name = rejectLater)]
    fn reject_later(reason: &JsValue, ms: u32) -> Promise;
    #[wasm_bindgen(js_name = throwingThenable)]
    fn throwing_thenable() -> JsValue;
    fn thenable(value: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = badConstructorPromise)]
    fn bad_constructor_promise() -> JsValue;
    #[wasm_bindgen(js_name = shadowedThen)]
    fn shadowed_then() -> JsValue;
    #[wasm_bindgen(js_name = throwingThenGetter)]
    fn throwing_then_getter() -> JsValue;
}

/// Awaits a promise made by `spawn` the way JS would.
async fn outcome(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn fulfils_and_rejects_with_the_future_result() {
    let ok = spawn(async { settled(&later(&"v".into(), 5)).await });
    assert_eq!(outcome(ok).await.unwrap(), "v");
    let err = spawn(async { settled(&reject_later(&"no".into(), 5)).await });
    assert_eq!(outcome(err).await.unwrap_err(), "no");
}

#[wasm_bindgen_test]
async fn plain_values_and_thenables_are_adopted() {
    let p = spawn(async {
        let a = settled(&JsValue::from(1)).await?;
        let b = settled(&thenable(&JsValue::from(2))).await?;
        Ok(JsValue::from(
            a.as_f64().unwrap_or(0.0) + b.as_f64().unwrap_or(0.0),
        ))
    });
    assert_eq!(outcome(p).await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn hostile_promises_become_rejections_not_traps() {
    for (value, expected) in [
        (throwing_thenable(), "then threw"),
        (bad_constructor_promise(), "constructor threw"),
        (shadowed_then(), "own then threw"),
        (throwing_then_getter(), "then getter threw"),
    ] {
        let p = spawn(async move { settled(&value).await });
        assert_eq!(message(&outcome(p).await.unwrap_err()), expected);
    }
}

#[wasm_bindgen_test]
async fn many_tasks_in_flight_each_get_their_own_result() {
    let tasks: Vec<Promise> = (0..200u32)
        .map(|i| {
            spawn(async move {
                // Different delays, so they settle out of order.
                let v = settled(&later(&JsValue::from(i), (200 - i) % 7)).await?;
                settled(&later(&v, i % 3)).await
            })
        })
        .collect();
    for (i, t) in tasks.into_iter().enumerate() {
        assert_eq!(outcome(t).await.unwrap(), i as u32);
    }
}

#[wasm_bindgen_test]
async fn a_task_may_spawn_and_await_another() {
    let p = spawn(async {
        let inner = spawn(async { settled(&later(&"inner".into(), 3)).await });
        settled(&inner).await
    });
    assert_eq!(outcome(p).await.unwrap(), "inner");
}
