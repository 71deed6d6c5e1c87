//! Runs Rust futures as JS promises and awaits JS promises: a small executor in place of
//! wasm-bindgen-futures.
//!
//! Why our own: wasm-bindgen-futures makes two `Closure`s per awaited promise, each registered
//! with a `FinalizationRegistry`, and wakes tasks through `queueMicrotask`. In workerd both
//! are slow (measured: ~4.7 µs per register/unregister pair, ~4 µs per `queueMicrotask` hop),
//! which made an API call there ~40 µs slower than the same work in Node. Here every promise
//! is awaited through one long-lived callback, bound to a slot number per await
//! (`Function.prototype.bind` allocates nothing the GC must finalise), and a woken task is
//! polled at once from that callback, with no extra hop.
//!
//! Single-threaded by construction (wasm32 without atomics): all state is thread-local.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type LocalFuture = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

#[wasm_bindgen]
extern "C" {
    /// `Promise.resolve`: adopts thenables, returns a native promise as it is. It throws only
    /// for a promise whose `constructor` getter throws.
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    fn promise_resolve(value: &JsValue) -> Result<Promise, JsValue>;
}

/// A spawned task: its future (taken out while it is being polled) and its promise's settlers.
struct Task {
    future: Option<LocalFuture>,
    resolve: Function,
    reject: Function,
    /// Woken while being polled: poll it again before returning.
    woken: bool,
}

/// One awaited promise.
enum Wait {
    Pending(Option<Waker>),
    Done(Result<JsValue, JsValue>),
    /// Its `Settled` was dropped first; the slot is freed when the promise settles.
    Abandoned,
}

/// A vector of reusable slots: indexes stay valid while their entry lives.
struct Slots<T> {
    items: Vec<Option<T>>,
    free: Vec<usize>,
}

impl<T> Slots<T> {
    const fn new() -> Self {
        Slots {
            items: Vec::new(),
            free: Vec::new(),
        }
    }

    fn insert(&mut self, item: T) -> usize {
        match self.free.pop() {
            Some(i) => {
                self.items[i] = Some(item);
                i
            }
            None => {
                self.items.push(Some(item));
                self.items.len() - 1
            }
        }
    }

    fn get(&mut self, i: usize) -> Option<&mut T> {
        self.items.get_mut(i).and_then(Option::as_mut)
    }

    fn remove(&mut self, i: usize) -> Option<T> {
        let item = self.items.get_mut(i)?.take();
        if item.is_some() {
            self.free.push(i);
        }
        item
    }
}

thread_local! {
    static TASKS: RefCell<Slots<Task>> = const { RefCell::new(Slots::new()) };
    static WAITS: RefCell<Slots<Wait>> = const { RefCell::new(Slots::new()) };
    /// How many task polls are on the stack (a task may spawn, and so poll, another).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// `(slot, fulfilled, value)`: called by every awaited promise. Lives as long as the
    /// instance, so it is made (and registered for finalisation) once.
    static ON_SETTLE: Closure<dyn Fn(u32, bool, JsValue)> = Closure::new(on_settle);
    /// `(task)`: polls a task woken while another one was being polled.
    static ON_WAKE: Closure<dyn Fn(u32)> = Closure::new(|id: u32| run(id as usize));
    /// `Promise.prototype.then`, called directly: a promise's own `then` cannot intercept it.
    static THEN: Option<Function> = js_sys::Reflect::get(
        &js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Promise"))
            .and_then(|p| js_sys::Reflect::get(&p, &JsValue::from_str("prototype")))
            .unwrap_or_default(),
        &JsValue::from_str("then"),
    )
    .ok()
    .and_then(|f| f.dyn_into().ok());
}

/// Runs `future` to completion; its result settles the returned promise. The first poll
/// happens now, as a `Promise` executor runs at once.
pub fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let mut settlers = None;
    let promise = Promise::new(&mut |resolve, reject| settlers = Some((resolve, reject)));
    let Some((resolve, reject)) = settlers else {
        return promise; // the executor always runs synchronously: not reached
    };
    let id = TASKS.with(|t| {
        t.borrow_mut().insert(Task {
            future: Some(Box::pin(future)),
            resolve,
            reject,
            woken: false,
        })
    });
    run(id);
    promise
}

/// Polls task `id` until it is pending without a new wake-up, or done.
fn run(id: usize) {
    loop {
        let Some(mut future) = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            let task = t.get(id)?;
            // Taken only if it is not already being polled; a wake-up then is not lost.
            let future = task.future.take()?;
            task.woken = false;
            Some(future)
        }) else {
            return; // finished, or being polled further up the stack (it is marked woken)
        };
        let waker = waker(id);
        DEPTH.with(|d| d.set(d.get() + 1));
        let poll = future.as_mut().poll(&mut Context::from_waker(&waker));
        DEPTH.with(|d| d.set(d.get() - 1));
        match poll {
            Poll::Ready(result) => {
                if let Some(task) = TASKS.with(|t| t.borrow_mut().remove(id)) {
                    let (settle, value) = match &result {
                        Ok(v) => (&task.resolve, v),
                        Err(e) => (&task.reject, e),
                    };
                    let _ = settle.call1(&JsValue::UNDEFINED, value);
                }
                return;
            }
            Poll::Pending => {
                let again = TASKS.with(|t| {
                    let mut t = t.borrow_mut();
                    let Some(task) = t.get(id) else { return false };
                    task.future = Some(future);
                    task.woken
                });
                if !again {
                    return;
                }
            }
        }
    }
}

/// Wakes task `id`: polled at once from a JS callback, or marked to poll again if it is the one
/// being polled, or (woken from inside another task's poll) polled from a microtask.
fn wake(id: usize) {
    let polling_now = TASKS.with(|t| {
        let mut t = t.borrow_mut();
        match t.get(id) {
            Some(task) if task.future.is_none() => {
                task.woken = true;
                true
            }
            Some(_) => false,
            None => true, // finished: nothing to do
        }
    });
    if polling_now {
        return;
    }
    if DEPTH.with(Cell::get) == 0 {
        run(id);
        return;
    }
    let poll = ON_WAKE
        .with(|f| crate::js::bind2(f.as_ref(), &JsValue::from(id as u32), &JsValue::UNDEFINED));
    if let Some(then) = THEN.with(Clone::clone) {
        let _ = then.call1(&Promise::resolve(&JsValue::UNDEFINED), &poll);
    }
}

fn waker(id: usize) -> Waker {
    // The task's slot number is the waker's whole state: nothing to clone or free.
    fn clone(data: *const ()) -> RawWaker {
        RawWaker::new(data, &VTABLE)
    }
    fn wake_by_ref(data: *const ()) {
        wake(data as usize);
    }
    fn drop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake_by_ref, wake_by_ref, drop);
    // SAFETY: the vtable functions uphold RawWaker's contract trivially: the data pointer is
    // only a number, never dereferenced, and valid to copy or drop at any time.
    unsafe { Waker::from_raw(RawWaker::new(id as *const (), &VTABLE)) }
}

fn on_settle(slot: u32, fulfilled: bool, value: JsValue) {
    let slot = slot as usize;
    let waker = WAITS.with(|w| {
        let mut w = w.borrow_mut();
        match w.get(slot) {
            Some(Wait::Abandoned) => {
                w.remove(slot);
                None
            }
            Some(wait @ Wait::Pending(_)) => {
                let result = if fulfilled { Ok(value) } else { Err(value) };
                match std::mem::replace(wait, Wait::Done(result)) {
                    Wait::Pending(waker) => waker,
                    _ => None,
                }
            }
            _ => None,
        }
    });
    // Outside the borrow: waking polls the task, which reads WAITS.
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// `value.then(f)` through `Promise.resolve` and the intrinsic `then` (see [`settled`]).
pub fn then(value: &JsValue, f: &Function) -> Result<Promise, JsValue> {
    let (promise, then) = adopt(value)?;
    Ok(then.call1(&promise, f)?.unchecked_into())
}

/// `value` as a native promise, with the intrinsic `then` to call on it.
fn adopt(value: &JsValue) -> Result<(Promise, Function), JsValue> {
    let promise = promise_resolve(value)?;
    let then = THEN
        .with(Clone::clone)
        .ok_or_else(|| JsValue::from(js_sys::Error::new("Promise.prototype.then is missing")))?;
    Ok((promise, then))
}

/// The outcome of a JS promise (or any value: a thenable is adopted, anything else fulfils).
pub fn settled(value: &impl AsRef<JsValue>) -> Settled {
    let slot = WAITS.with(|w| w.borrow_mut().insert(Wait::Pending(None)));
    if let Err(error) = subscribe(value.as_ref(), slot) {
        WAITS.with(|w| {
            if let Some(wait) = w.borrow_mut().get(slot) {
                *wait = Wait::Done(Err(error));
            }
        });
    }
    Settled { slot, done: false }
}

fn subscribe(value: &JsValue, slot: usize) -> Result<(), JsValue> {
    let (promise, then) = adopt(value)?;
    ON_SETTLE.with(|f| {
        let slot = JsValue::from(slot as u32);
        let fulfilled = crate::js::bind2(f.as_ref(), &slot, &JsValue::TRUE);
        let rejected = crate::js::bind2(f.as_ref(), &slot, &JsValue::FALSE);
        then.call2(&promise, &fulfilled, &rejected).map(drop)
    })
}

/// Future of [`settled`]: `Ok(value)` if the promise fulfils, `Err(reason)` if it rejects.
pub struct Settled {
    slot: usize,
    done: bool,
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let slot = self.slot;
        let ready = WAITS.with(|w| {
            let mut w = w.borrow_mut();
            match w.get(slot) {
                Some(Wait::Pending(waker)) => {
                    *waker = Some(cx.waker().clone());
                    None
                }
                Some(Wait::Done(_)) => match w.remove(slot) {
                    Some(Wait::Done(result)) => Some(result),
                    _ => None,
                },
                _ => Some(Err(JsValue::from(js_sys::Error::new(
                    "clerk-edge: a promise was awaited after it completed",
                )))),
            }
        });
        match ready {
            Some(result) => {
                self.done = true;
                Poll::Ready(result)
            }
            None => Poll::Pending,
        }
    }
}

impl Drop for Settled {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        WAITS.with(|w| {
            let mut w = w.borrow_mut();
            match w.get(self.slot) {
                // Its callback will still come: free the slot then, so no other await gets it.
                Some(wait @ Wait::Pending(_)) => *wait = Wait::Abandoned,
                Some(Wait::Done(_)) => {
                    w.remove(self.slot);
                }
                _ => {}
            }
        });
    }
}
