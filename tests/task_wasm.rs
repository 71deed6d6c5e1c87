//! The executor in `src/task.rs` (spawn, settled) against what JS can throw at it: plain
//! values, hostile thenables, promises that never settle, nested and concurrent tasks.
//! Runs in Node, headless Chromium and Deno through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use clerk_edge::task::{settled, spawn};
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
  p.then = () => { throw new Error("own then must not be used"); };
  return p;
}
export function never() { return new Promise(() => {}); }
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
    fn never() -> Promise;
}

/// Awaits a promise made by `spawn` the way JS would, with wasm-bindgen-futures (a separate
/// mechanism from the one under test).
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
async fn a_future_without_awaits_settles_at_once() {
    let p = spawn(async { Ok(JsValue::from(7)) });
    assert_eq!(outcome(p).await.unwrap(), 7);
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
    let p = spawn(async { settled(&throwing_thenable()).await });
    assert_eq!(message(&outcome(p).await.unwrap_err()), "then threw");
    let p = spawn(async { settled(&bad_constructor_promise()).await });
    assert_eq!(message(&outcome(p).await.unwrap_err()), "constructor threw");
    // The intrinsic `then` is used: an own `then` property is ignored.
    let p = spawn(async { settled(&shadowed_then()).await });
    assert_eq!(outcome(p).await.unwrap(), "real");
}

#[wasm_bindgen_test]
async fn many_tasks_in_flight_each_get_their_own_result() {
    let tasks: Vec<Promise> = (0..200u32)
        .map(|i| {
            spawn(async move {
                // Different delays, so they settle out of order and reuse each other's slots.
                let v = settled(&later(&JsValue::from(i), (200 - i) % 7)).await?;
                let w = settled(&later(&v, i % 3)).await?;
                Ok(w)
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

#[wasm_bindgen_test]
async fn an_abandoned_await_does_not_disturb_later_ones() {
    // A select-like future: the first of two awaits wins, the other is dropped while pending.
    let p = spawn(async {
        let slow = settled(&later(&"slow".into(), 30));
        drop(slow);
        let never_settles = settled(&never());
        drop(never_settles);
        let fast = settled(&later(&"fast".into(), 1)).await?;
        // The slow promise settles after this: its callback must free its own slot only.
        let after = settled(&later(&"after".into(), 50)).await?;
        Ok(js_sys::Array::of2(&fast, &after).into())
    });
    let v: js_sys::Array = outcome(p).await.unwrap().into();
    assert_eq!(v.get(0), "fast");
    assert_eq!(v.get(1), "after");
}
