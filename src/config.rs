//! Client options and per-call options, read from JS and checked once.
//!
//! Every problem is collected and reported together as an `InvalidRequestError`. Messages
//! name options, never their values: the secret key must not leak into an error.

use js_sys::{Function, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::args::{classify, Arg};
use crate::bindings::{self, is_array, keys};
use crate::generated::SERVERS;
use crate::retry::Policy;

/// The client's settings. Deliberately not `Debug`: it holds the secret key.
pub struct Config {
    pub secret: Option<String>,
    pub base: String,
    pub timeout_ms: Option<f64>,
    pub retry: Policy,
    pub fetch: Option<Function>,
    pub logger: Option<JsValue>,
}

/// The optional second argument of an operation.
#[derive(Default)]
pub struct CallOptions {
    pub timeout_ms: Option<f64>,
    pub retry: Option<Policy>,
    pub signal: Option<web_sys::AbortSignal>,
    pub headers: Option<JsValue>,
}

const CLIENT_KEYS: &[&str] = &[
    "bearerAuth",
    "secretKey",
    "serverURL",
    "serverIdx",
    "timeoutMs",
    "retryConfig",
    "fetch",
    "debugLogger",
];
const CALL_KEYS: &[&str] = &["timeoutMs", "retries", "signal", "headers"];

/// Reads `new Clerk(options)`.
pub fn client(options: &JsValue, problems: &mut Vec<String>) -> Config {
    let mut cfg = Config {
        secret: None,
        base: SERVERS.first().copied().unwrap_or_default().to_string(),
        timeout_ms: None,
        retry: Policy::default(),
        fetch: None,
        logger: None,
    };
    let Some(obj) = object("options", options, problems) else {
        return cfg;
    };
    unknown_keys("option", &obj, CLIENT_KEYS, problems);

    let bearer = secret(&obj, "bearerAuth", problems);
    let alias = secret(&obj, "secretKey", problems);
    cfg.secret = match (bearer, alias) {
        (Some(a), Some(b)) if a != b => {
            problems.push("bearerAuth and secretKey are both set and differ: set one".into());
            None
        }
        (a, b) => a.or(b),
    };

    match classify(&get(&obj, "serverIdx")) {
        Arg::Absent => {}
        Arg::Num(n) if n.fract() == 0.0 && n >= 0.0 && (n as usize) < SERVERS.len() => {
            cfg.base = SERVERS[n as usize].to_string();
        }
        _ => problems.push(format!(
            "serverIdx must be an integer from 0 to {}",
            SERVERS.len().saturating_sub(1)
        )),
    }
    match classify(&get(&obj, "serverURL")) {
        Arg::Absent => {}
        Arg::Str(url) if is_http_url(&url) => cfg.base = crate::url::trim_base(&url).to_string(),
        _ => problems.push("serverURL must be an absolute http:// or https:// URL".into()),
    }
    cfg.timeout_ms = timeout(&get(&obj, "timeoutMs"), "timeoutMs", problems);
    if let Some(policy) = retry_config(&get(&obj, "retryConfig"), "retryConfig", problems) {
        cfg.retry = policy;
    }
    let fetch = get(&obj, "fetch");
    if !fetch.is_undefined() {
        match fetch.dyn_into::<Function>() {
            Ok(f) => cfg.fetch = Some(f),
            Err(_) => problems.push("fetch must be a function".into()),
        }
    }
    let logger = get(&obj, "debugLogger");
    if !logger.is_undefined() && !logger.is_null() {
        if logger.is_function()
            || method(&logger, "debug").is_some()
            || method(&logger, "log").is_some()
        {
            cfg.logger = Some(logger);
        } else {
            problems
                .push("debugLogger must be a function or an object with debug() or log()".into());
        }
    }
    cfg
}

/// Reads the per-call options.
pub fn call(options: &JsValue, problems: &mut Vec<String>) -> CallOptions {
    let mut out = CallOptions::default();
    if options.is_undefined() || options.is_null() {
        return out;
    }
    let Some(obj) = object("call options", options, problems) else {
        return out;
    };
    unknown_keys("call option", &obj, CALL_KEYS, problems);
    out.timeout_ms = timeout(&get(&obj, "timeoutMs"), "timeoutMs", problems);
    out.retry = retry_config(&get(&obj, "retries"), "retries", problems);
    let signal = get(&obj, "signal");
    if !signal.is_undefined() && !signal.is_null() {
        // `instanceof` alone accepts `Object.create(AbortSignal.prototype)` and Proxies, whose
        // `aborted` getter throws later, uncaught; reading it here (with `catch`) weeds them out.
        match signal.dyn_into::<web_sys::AbortSignal>() {
            Ok(s) if bindings::get(&s, "aborted").is_ok() => out.signal = Some(s),
            _ => problems.push("signal must be an AbortSignal".into()),
        }
    }
    let headers = get(&obj, "headers");
    if !headers.is_undefined() && !headers.is_null() {
        if headers.is_object() {
            out.headers = Some(headers);
        } else {
            problems.push("headers must be a Headers object or a record of strings".into());
        }
    }
    out
}

fn retry_config(value: &JsValue, name: &str, problems: &mut Vec<String>) -> Option<Policy> {
    if value.is_undefined() {
        return None;
    }
    let obj = object(name, value, problems)?;
    match classify(&get(&obj, "strategy")) {
        Arg::Str(s) if s == "none" => return Some(Policy::none()),
        Arg::Str(s) if s == "backoff" => {}
        _ => {
            problems.push(format!("{name}.strategy must be \"backoff\" or \"none\""));
            return None;
        }
    }
    let mut policy = Policy::default();
    let backoff = get(&obj, "backoff");
    if !backoff.is_undefined() {
        if let Some(b) = object(&format!("{name}.backoff"), &backoff, problems) {
            // `min` is given as text too: formatting an f64 would pull ~15 KB of float code into the wasm.
            let mut num =
                |key: &str, slot: &mut f64, min: (f64, &str)| match classify(&get(&b, key)) {
                    Arg::Absent => {}
                    Arg::Num(n) if n.is_finite() && n >= min.0 => *slot = n,
                    _ => {
                        problems.push(format!("{name}.backoff.{key} must be a number ≥ {}", min.1))
                    }
                };
            num(
                "initialInterval",
                &mut policy.initial_interval_ms,
                (0.0, "0"),
            );
            num("maxInterval", &mut policy.max_interval_ms, (0.0, "0"));
            num("exponent", &mut policy.exponent, (1.0, "1"));
            num("maxElapsedTime", &mut policy.max_elapsed_ms, (0.0, "0"));
        }
    }
    let mut flag = |key: &str, slot: &mut bool| match classify(&get(&obj, key)) {
        Arg::Absent => {}
        Arg::Bool(b) => *slot = b,
        _ => problems.push(format!("{name}.{key} must be a boolean")),
    };
    flag("retryConnectionErrors", &mut policy.retry_connection_errors);
    flag("retryNonIdempotent", &mut policy.retry_non_idempotent);
    Some(policy)
}

fn timeout(value: &JsValue, name: &str, problems: &mut Vec<String>) -> Option<f64> {
    match classify(value) {
        Arg::Absent => None,
        Arg::Num(n) if n.is_finite() && n > 0.0 => Some(n),
        _ => {
            problems.push(format!("{name} must be a positive number of milliseconds"));
            None
        }
    }
}

/// A secret-bearing option: a non-empty string without whitespace or control characters
/// (they would corrupt the Authorization header). The value never enters a message.
fn secret(obj: &Object, key: &str, problems: &mut Vec<String>) -> Option<String> {
    match classify(&get(obj, key)) {
        Arg::Absent => None,
        Arg::Str(s) if !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Some(s)
        }
        Arg::Str(_) => {
            problems.push(format!("{key} must not be empty or contain whitespace"));
            None
        }
        other => {
            problems.push(format!("{key} must be a string, got {}", other.describe()));
            None
        }
    }
}

pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(['?', '#']) && !r.chars().any(|c| c.is_whitespace() || c.is_control()))
}

fn object(name: &str, value: &JsValue, problems: &mut Vec<String>) -> Option<Object> {
    // A revoked Proxy counts as an object here; reading it then fails with a message.
    if value.is_object() && !is_array(value).unwrap_or(false) && !value.is_function() {
        Some(value.clone().unchecked_into())
    } else {
        problems.push(format!(
            "{name} must be an object, got {}",
            classify(value).describe()
        ));
        None
    }
}

fn unknown_keys(what: &str, obj: &Object, known: &[&str], problems: &mut Vec<String>) {
    let Ok(names) = keys(obj) else {
        problems.push(format!(
            "the {what}s could not be read (listing their keys threw)"
        ));
        return;
    };
    for key in names {
        if known.contains(&key.as_str()) {
            continue;
        }
        let hint = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(&key))
            .map(|k| format!(" (did you mean {k}?)"))
            .unwrap_or_default();
        let shown: String = key.chars().filter(|c| !c.is_control()).take(64).collect();
        problems.push(format!("unknown {what} \"{shown}\"{hint}"));
    }
}

/// Reads a property; a throwing getter reads as `undefined`.
fn get(obj: &JsValue, key: &str) -> JsValue {
    bindings::get_or_undefined(obj, key)
}

fn method(obj: &JsValue, name: &str) -> Option<Function> {
    if !obj.is_object() {
        return None;
    }
    get(obj, name).dyn_into::<Function>().ok()
}

/// Sends one line to the debug logger, if any. Callers never pass secrets.
pub fn log(logger: &Option<JsValue>, line: &str) {
    let Some(logger) = logger else { return };
    let msg = JsValue::from_str(line);
    if let Some(f) = logger.dyn_ref::<Function>() {
        let _ = f.call1(&JsValue::UNDEFINED, &msg);
    } else if let Some(f) = method(logger, "debug").or_else(|| method(logger, "log")) {
        let _ = f.call1(logger, &msg);
    }
}
