//! A call's params, classified into plain Rust values.
//!
//! This is the only module that reads the caller's params object. Everything after it
//! (validation, URL building) works on [`Arg`] and is testable natively, without a JS engine.

/// One value from the caller, classified by its JS type.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `undefined`, or the key is missing.
    Absent,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    /// A string that is not valid Unicode (a lone UTF-16 surrogate).
    BadStr,
    /// An array, each item classified one level deep (items of items are `Other("array")`).
    List(Vec<Arg>),
    /// A plain object (its contents are not inspected).
    Object,
    /// Something a multipart upload accepts as a file.
    Binary,
    /// Anything else (function, symbol, bigint, nested array ...): named for the message.
    Other(&'static str),
}

impl Arg {
    pub fn is_absent(&self) -> bool {
        matches!(self, Arg::Absent)
    }

    /// How an error message names what the caller passed.
    pub fn describe(&self) -> &'static str {
        match self {
            Arg::Absent => "undefined",
            Arg::Null => "null",
            Arg::Bool(_) => "a boolean",
            Arg::Num(n) if n.is_nan() => "NaN",
            Arg::Num(n) if n.is_infinite() => "an infinite number",
            Arg::Num(n) if n.fract() != 0.0 => "a fractional number",
            Arg::Num(_) => "a number",
            Arg::Str(_) => "a string",
            Arg::BadStr => "a string with a lone surrogate",
            Arg::List(_) => "an array",
            Arg::Object => "an object",
            Arg::Binary => "binary data",
            Arg::Other(what) => what,
        }
    }
}

/// Everything validation and URL building need to know about one call.
#[derive(Debug, Default)]
pub struct CallArgs {
    /// Aligned with `Operation::params`.
    pub params: Vec<Arg>,
    /// Aligned with the body's fields (JSON object or multipart), or holds the one
    /// array body of a `Body::JsonArray` operation.
    pub body: Vec<Arg>,
    /// For array bodies: each item's fields, aligned with `item_fields` (empty otherwise).
    pub items: Vec<Vec<Arg>>,
    /// Keys of the params object that the operation does not know.
    pub unknown: Vec<String>,
    /// Set when the params value itself is not an object (`null`, a string ...).
    pub not_an_object: Option<&'static str>,
}

pub use self::js::{classify, collect};

/// Longest array a param may hold. A sparse `new Array(2 ** 32 - 1)` (or a Proxy claiming that
/// length) would otherwise be classified item by item until memory ran out: a trap.
pub const MAX_ITEMS: u32 = 10_000;

mod js {
    use super::{Arg, CallArgs, MAX_ITEMS};
    use crate::bindings::{get, is_array, keys};
    use crate::operation::{Body, Field, Operation, ARRAY_BODY_KEY};
    use js_sys::JsString;
    use wasm_bindgen::{JsCast, JsValue};

    /// An array's items (through `catch` bindings, so a throwing getter or Proxy trap is an
    /// `Err`), an absurd length refused before anything is allocated.
    fn items(arr: &JsValue) -> Result<Vec<JsValue>, &'static str> {
        crate::bindings::items(arr, MAX_ITEMS).map_err(|e| match e {
            crate::bindings::ItemsError::TooMany => "an array of more than 10000 items",
            crate::bindings::ItemsError::Unreadable => "an array with an unreadable item",
        })
    }

    /// Classifies one JS value, looking into arrays one level.
    pub fn classify(value: &JsValue) -> Arg {
        classify_depth(value, true)
    }

    fn classify_depth(value: &JsValue, look_inside: bool) -> Arg {
        if value.is_undefined() {
            return Arg::Absent;
        }
        if value.is_null() {
            return Arg::Null;
        }
        if let Some(b) = value.as_bool() {
            return Arg::Bool(b);
        }
        if let Some(n) = value.as_f64() {
            return Arg::Num(n);
        }
        if let Some(s) = value.dyn_ref::<JsString>() {
            let text = String::from(s);
            // Lone surrogates silently become U+FFFD on the way into Rust, so only a string
            // holding one needs the (per-character) check of the original.
            if text.contains('\u{FFFD}') && !s.is_valid_utf16() {
                return Arg::BadStr;
            }
            return Arg::Str(text);
        }
        match is_array(value) {
            Err(_) => return Arg::Other("a revoked Proxy"),
            Ok(true) if !look_inside => return Arg::Other("a nested array"),
            Ok(true) => {
                return match items(value) {
                    Ok(items) => {
                        Arg::List(items.iter().map(|v| classify_depth(v, false)).collect())
                    }
                    Err(what) => Arg::Other(what),
                }
            }
            Ok(false) => {}
        }
        if is_binary(value) {
            return Arg::Binary;
        }
        if value.is_function() {
            return Arg::Other("a function");
        }
        if value.is_symbol() {
            return Arg::Other("a symbol");
        }
        if value.is_bigint() {
            return Arg::Other("a bigint");
        }
        if value.is_object() {
            return Arg::Object;
        }
        Arg::Other("an unsupported value")
    }

    /// Blob/File, ArrayBuffer, a typed array view, a ReadableStream.
    fn is_binary(value: &JsValue) -> bool {
        value.is_instance_of::<web_sys::Blob>()
            || value.is_instance_of::<js_sys::ArrayBuffer>()
            || js_sys::ArrayBuffer::is_view(value)
            || value.is_instance_of::<web_sys::ReadableStream>()
    }

    fn body_fields(op: &Operation) -> &'static [Field] {
        match op.body {
            Body::Json { fields, .. } | Body::Multipart { fields } => fields,
            Body::None | Body::JsonArray { .. } => &[],
        }
    }

    /// Reads every param and body field of `op` from the caller's params object.
    pub fn collect(op: &Operation, params: &JsValue) -> Result<CallArgs, String> {
        let mut call = CallArgs::default();
        if params.is_undefined() || params.is_null() {
            if params.is_null() {
                call.not_an_object = Some("null");
            }
            call.params = vec![Arg::Absent; op.params.len()];
            call.body = vec![Arg::Absent; body_len(op)];
            return Ok(call);
        }
        if !params.is_object() || is_array(params).unwrap_or(true) || params.is_function() {
            call.not_an_object = Some(classify(params).describe());
            call.params = vec![Arg::Absent; op.params.len()];
            call.body = vec![Arg::Absent; body_len(op)];
            return Ok(call);
        }
        let read = |key: &str| {
            get(params, key)
                .map_err(|_| format!("params.{key} could not be read (its getter threw)"))
        };
        for p in op.params {
            call.params.push(classify(&read(p.name)?));
        }
        match &op.body {
            Body::JsonArray { item_fields, .. } => {
                let body = read(ARRAY_BODY_KEY)?;
                let arg = classify(&body);
                if let Arg::List(items) = &arg {
                    let values = super::js::items(&body).map_err(|_| {
                        format!("params.{ARRAY_BODY_KEY} could not be read (a getter threw)")
                    })?;
                    for (i, item) in items.iter().enumerate() {
                        let mut fields = Vec::with_capacity(item_fields.len());
                        if matches!(item, Arg::Object) {
                            let item_value = values.get(i).cloned().unwrap_or_default();
                            for f in item_fields.iter() {
                                fields.push(classify(&get(&item_value, f.name).map_err(|_| {
                                    format!("params.body[{i}].{} could not be read", f.name)
                                })?));
                            }
                        }
                        call.items.push(fields);
                    }
                }
                call.body.push(arg);
            }
            _ => {
                for f in body_fields(op) {
                    call.body.push(classify(&read(f.name)?));
                }
            }
        }
        let names = keys(params)
            .map_err(|_| "params could not be read (listing its keys threw)".to_string())?;
        for key in names {
            if !is_known(op, &key) {
                // An explicit `undefined` is the same as leaving the key out.
                if !read(&key)?.is_undefined() {
                    call.unknown.push(key);
                }
            }
        }
        Ok(call)
    }

    fn body_len(op: &Operation) -> usize {
        match op.body {
            Body::JsonArray { .. } => 1,
            _ => body_fields(op).len(),
        }
    }

    fn is_known(op: &Operation, key: &str) -> bool {
        op.params.iter().any(|p| p.name == key)
            || body_fields(op).iter().any(|f| f.name == key)
            || (matches!(op.body, Body::JsonArray { .. }) && key == ARRAY_BODY_KEY)
    }
}
