//! Builds the JS errors the SDK throws.
//!
//! The classes live in `pkg/errors.js` so that the package exports one identity per class
//! (`instanceof` works). `pkg/core.js` registers them here at start-up; until then (wasm-level
//! tests) a plain `Error` with the class's `name` and the same properties stands in.

use std::cell::RefCell;

use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::bindings;

/// The exported error classes, by name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    ClerkErrors,
    Sdk,
    Connection,
    RequestTimeout,
    RequestAborted,
    InvalidRequest,
    ResponseValidation,
    TokenVerification,
}

impl Kind {
    pub fn class_name(self) -> &'static str {
        match self {
            Kind::ClerkErrors => "ClerkErrors",
            Kind::Sdk => "SDKError",
            Kind::Connection => "ConnectionError",
            Kind::RequestTimeout => "RequestTimeoutError",
            Kind::RequestAborted => "RequestAbortedError",
            Kind::InvalidRequest => "InvalidRequestError",
            Kind::ResponseValidation => "ResponseValidationError",
            Kind::TokenVerification => "TokenVerificationError",
        }
    }
}

thread_local! {
    static CLASSES: RefCell<Option<Object>> = const { RefCell::new(None) };
}

/// Called once by `pkg/core.js` with `{ ClerkErrors, SDKError, ... }`.
#[wasm_bindgen(js_name = registerErrorClasses)]
pub fn register_error_classes(classes: JsValue) {
    // Not `dyn_ref::<Object>`: a module namespace object is not `instanceof Object`.
    if classes.is_object() {
        CLASSES.with(|c| *c.borrow_mut() = Some(classes.unchecked_into()));
    }
}

/// A JS error of the given class with `props` copied onto it. Never fails: a broken
/// registration falls back to a plain `Error`.
pub fn make(kind: Kind, message: &str, props: &Object) -> JsValue {
    let name = kind.class_name();
    let class = CLASSES.with(|c| {
        c.borrow()
            .as_ref()
            .and_then(|obj| bindings::get(obj, name).ok())
            .and_then(|v| v.dyn_into::<Function>().ok())
    });
    if let Some(class) = class {
        let args = Array::of2(&JsValue::from_str(message), props);
        if let Ok(err) = bindings::construct(&class, &args) {
            return err;
        }
    }
    let err = js_sys::Error::new(message);
    err.set_name(name);
    let _ = Object::assign(err.unchecked_ref(), props);
    err.into()
}

/// A props object built from pairs.
pub fn props(pairs: &[(&str, JsValue)]) -> Object {
    bindings::object(pairs)
}

/// `TokenVerificationError` with its `reason` (the incumbent's vocabulary).
pub fn token_verification(reason: &str, message: &str) -> JsValue {
    make(
        Kind::TokenVerification,
        message,
        &props(&[("reason", JsValue::from_str(reason))]),
    )
}
