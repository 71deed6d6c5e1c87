//! The one bindings layer: every JS import declared with `catch`, and every read or write of a
//! JS object by key. Nothing else in the crate declares its own.
//!
//! Why `catch`: js-sys declares `Array.isArray`, `Object.keys`, `JSON.parse`, property access on
//! typed wrappers and the like without it. A revoked Proxy, a throwing getter or an object that
//! merely passes `instanceof` would then throw straight through the wasm: Rust destructors are
//! skipped and the call's promise never settles (found by tests/fuzz/run.mjs). Through these
//! functions such input is an `Err` that the caller turns into a typed error.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn keys_checked(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn entries_checked(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = fromEntries)]
    fn from_entries_checked(iterable: &JsValue) -> Result<JsValue, JsValue>;
    /// `JSON.parse` on a JS string, without copying it into wasm memory.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
    /// `JSON.stringify`; `Err` for a cycle, a BigInt or a throwing `toJSON`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    pub fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    /// `Promise.all`: never throws, rejects instead. Each item is adopted by the engine's own
    /// algorithm, where a throwing `then` or `constructor` getter becomes a rejection.
    #[wasm_bindgen(js_namespace = Promise, js_name = all)]
    pub fn promise_all(items: &Array) -> Promise;
    /// `Promise.resolve`: a native promise as it is, anything else adopted; `Err` only for a
    /// promise whose `constructor` getter throws.
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    pub fn promise_resolve(value: &JsValue) -> Result<Promise, JsValue>;
    /// A function seen as something with `bind` (js-sys's `Function::bind*` are generic).
    type Bindable;
    #[wasm_bindgen(method, js_name = bind)]
    fn bind_receiver(this: &Bindable, receiver: &JsValue) -> Function;

    /// The runtime's own `URL` (WHATWG): authenticateRequest parses URLs exactly as the
    /// incumbent does, host normalisation and IDNA included.
    #[wasm_bindgen(js_name = URL)]
    pub type JsUrl;
    #[wasm_bindgen(catch, constructor, js_class = "URL")]
    fn new_url(input: &str) -> Result<JsUrl, JsValue>;
    #[wasm_bindgen(catch, constructor, js_class = "URL")]
    fn new_url_with_base(input: &str, base: &str) -> Result<JsUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn href(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn protocol(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn username(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn password(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn hostname(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn port(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn pathname(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn search(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn hash(this: &JsUrl) -> String;

    /// The runtime's own `RegExp`: organization-sync path patterns are JavaScript regular
    /// expressions (path-to-regexp compiles them into one), run by the engine they are
    /// written for.
    #[wasm_bindgen(js_name = RegExp)]
    #[derive(Clone)]
    pub type JsRegExp;
    #[wasm_bindgen(catch, constructor, js_class = "RegExp")]
    fn new_regexp(source: &str, flags: &str) -> Result<JsRegExp, JsValue>;
    /// `null`, or the match array (groups that took no part are `undefined`).
    #[wasm_bindgen(catch, method)]
    fn exec(this: &JsRegExp, input: &str) -> Result<JsValue, JsValue>;
}

thread_local! {
    static STATIC_STRS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of a fixed Rust string, made once per thread and found again by address.
/// Sending a Rust string to JS decodes its UTF-8 every time: option names, header names and
/// values sent on every call are made once instead.
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

/// `obj[key]`; `Err` if a getter or Proxy trap throws.
pub fn get(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
}

/// `obj[key]` for a fixed key (its JS string made once); `Err` if a getter or trap throws.
pub fn get_static(obj: &JsValue, key: &'static str) -> Result<JsValue, JsValue> {
    with_static_str(key, |k| Reflect::get(obj, k))
}

/// `obj[key]`, with anything unreadable seen as `undefined`.
pub fn get_or_undefined(obj: &JsValue, key: &str) -> JsValue {
    get(obj, key).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` as a string, if it is one.
pub fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).ok()?.as_string()
}

/// `obj[key] = value` on an object we made (a plain object cannot refuse it).
pub fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// [`set`] with a fixed key.
pub fn set_static(obj: &Object, key: &'static str, value: &JsValue) {
    with_static_str(key, |k| {
        let _ = Reflect::set(obj, k, value);
    });
}

/// `delete obj[key]` on an object we made.
pub fn delete_static(obj: &Object, key: &'static str) {
    with_static_str(key, |k| {
        let _ = Reflect::delete_property(obj, k);
    });
}

/// A plain object built from pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> Object {
    let obj = Object::new();
    for (k, v) in pairs {
        set(&obj, k, v);
    }
    obj
}

/// `Array.isArray`; `Err` for a revoked Proxy.
pub fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    is_array_checked(value)
}

/// `Object.keys` (strings only); `Err` if a Proxy trap throws.
pub fn keys(value: &JsValue) -> Result<Vec<String>, JsValue> {
    Ok(keys_checked(value)?
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

/// `Object.entries` as `[name, value]` arrays; `Err` if a getter or Proxy trap throws.
pub fn entries(value: &JsValue) -> Result<Vec<Array>, JsValue> {
    Ok(entries_checked(value)?
        .iter()
        .map(JsCast::unchecked_into)
        .collect())
}

/// A `Headers`' name/value pairs as it iterates them (lower-case names in order, the values of
/// a repeated name combined), read in three calls whatever their number: `Object.fromEntries`
/// and `JSON.stringify` run in JS, the text is parsed here.
pub fn header_pairs(headers: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let text = json_stringify(&from_entries_checked(headers)?)?
        .as_string()
        .unwrap_or_default();
    // As a `Value` (the type every JSON document is parsed as: one parser instance).
    let Ok(serde_json::Value::Object(map)) = crate::auth::json::value(text.as_bytes()) else {
        return Err(JsValue::from_str("unreadable headers"));
    };
    Ok(map
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
        .collect())
}

/// Why [`items`] could not read an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemsError {
    /// More than the caller's limit (refused before anything is allocated: a sparse
    /// `new Array(2 ** 32 - 1)` must not exhaust memory).
    TooMany,
    /// A getter or Proxy trap threw.
    Unreadable,
}

/// The items of an array-like, at most `max`.
pub fn items(array: &JsValue, max: u32) -> Result<Vec<JsValue>, ItemsError> {
    let len = get_static(array, "length")
        .map_err(|_| ItemsError::Unreadable)?
        .as_f64()
        .unwrap_or(0.0);
    if !(0.0..=max as f64).contains(&len) {
        return Err(ItemsError::TooMany);
    }
    (0..len as u32)
        .map(|i| Reflect::get_u32(array, i).map_err(|_| ItemsError::Unreadable))
        .collect()
}

/// The first `max` items of an array-like (`Err` if a getter throws).
pub fn first_items(array: &JsValue, max: u32) -> Result<Vec<JsValue>, JsValue> {
    let len = get_static(array, "length")?.as_f64().unwrap_or(0.0);
    let n = if len > 0.0 {
        len.min(max as f64) as u32
    } else {
        0
    };
    (0..n).map(|i| Reflect::get_u32(array, i)).collect()
}

/// `method` of `obj` bound to it, if it is a function (`controller.abort`, `Response#text`).
pub fn bound_method(obj: &JsValue, name: &'static str) -> Option<Function> {
    let f = get_static(obj, name).ok()?;
    f.dyn_ref::<Function>()?;
    Some(f.unchecked_ref::<Bindable>().bind_receiver(obj))
}

/// `f` with its `this` fixed to `receiver`.
pub fn bind(f: &JsValue, receiver: &JsValue) -> Function {
    f.unchecked_ref::<Bindable>().bind_receiver(receiver)
}

/// A derived `Serialize` value as a plain JS object, by serde-wasm-bindgen (maps as objects,
/// numbers as JSON has them, `None` as `null`). Not for maps from outside (claims, API
/// responses): it sets keys by assignment, so a `"__proto__"` key would become the object's
/// prototype; those stay as `JSON.parse` made them.
pub fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// `new URL(input)` or `new URL(input, base)`; `Err` where it throws (not a URL).
pub fn parse_url(input: &str, base: Option<&str>) -> Result<JsUrl, JsValue> {
    match base {
        Some(b) => JsUrl::new_url_with_base(input, b),
        None => JsUrl::new_url(input),
    }
}

/// `new RegExp(source, flags)`; `Err` with the engine's SyntaxError where it throws.
pub fn regexp(source: &str, flags: &str) -> Result<JsRegExp, JsValue> {
    JsRegExp::new_regexp(source, flags)
}

/// `re.exec(input)` as its capture groups (1 and up; `None` where a group took no part), or
/// `None` when there is no match.
pub fn regexp_captures(re: &JsRegExp, input: &str) -> Result<Option<Vec<Option<String>>>, JsValue> {
    let m = re.exec(input)?;
    if m.is_null() || m.is_undefined() {
        return Ok(None);
    }
    let groups = items(&m, 10_000).map_err(|_| JsValue::from_str("unreadable match"))?;
    Ok(Some(
        groups.iter().skip(1).map(JsValue::as_string).collect(),
    ))
}

/// A JSON value as the JS value `JSON.parse` makes of its text: primitives directly, objects
/// and arrays through `JSON.parse` of their serialisation (never serde-wasm-bindgen: a
/// `"__proto__"` key must stay an own property, as in the incumbent).
pub fn json_to_js(v: &serde_json::Value) -> JsValue {
    use serde_json::Value;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        _ => serde_json::to_string(v)
            .ok()
            .and_then(|text| json_parse(&JsValue::from_str(&text)).ok())
            .unwrap_or(JsValue::NULL),
    }
}

/// A JS value (an API response `JSON.parse` made) as JSON: through `JSON.stringify`, so what
/// JSON cannot hold (`undefined`, functions) reads as `null`.
pub fn js_to_json(v: &JsValue) -> serde_json::Value {
    json_stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .and_then(|t| crate::auth::json::value(t.as_bytes()).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// `globalThis[class].prototype[method]`, if it is a function (an intrinsic, read once by
/// callers that keep it: a caller's object cannot substitute its own).
pub fn prototype_method(class: &'static str, method: &'static str) -> Option<Function> {
    let class = get_static(&js_sys::global(), class).ok()?;
    let f = get_static(&get_static(&class, "prototype").ok()?, method).ok()?;
    f.dyn_into().ok()
}

/// `new Class(...args)`; `Err` if the constructor throws.
pub fn construct(class: &Function, args: &Array) -> Result<JsValue, JsValue> {
    Reflect::construct(class, args)
}
