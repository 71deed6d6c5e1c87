//! Sends one operation: validate, build, fetch (with timeout and cancellation), retry, decode.
//!
//! The only module that performs API I/O. Generated code describes requests; this sends them.

use std::rc::Rc;

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal};

use crate::args::{self, CallArgs};
use crate::bindings::{self, static_str};
use crate::client::Client;
use crate::config::{self, log};
use crate::errors::{self, props, Kind};
use crate::generated::API_VERSION;
use crate::js;
use crate::operation::{Body, Method, Operation, Response, ARRAY_BODY_KEY};
use crate::retry::{self, Outcome};
use crate::{upload, url, validate};

/// The value of the header that names this SDK on every request.
pub const SDK_HEADER: (&str, &str) = (
    "x-clerk-sdk",
    concat!("clerk-edge/", env!("CARGO_PKG_VERSION")),
);

/// How a call failed: the error to throw, and what happened (`None`: nothing that a retry could
/// change, e.g. the caller aborted or the params were invalid).
pub struct Failure {
    pub error: JsValue,
    pub outcome: Option<Outcome>,
}

impl Failure {
    fn new(error: JsValue) -> Failure {
        Failure {
            error,
            outcome: None,
        }
    }
}

/// Everything a call needs before its first attempt.
struct Prepared {
    call: CallArgs,
    opts: config::CallOptions,
    url: String,
    headers: Object,
}

/// Reads and checks the params and options, builds the URL and headers. Kept out of the async
/// state machine (`inline(never)`): inlined there, it was copied into every state's code.
#[inline(never)]
fn prepare(
    client: &Client,
    op: &'static Operation,
    params: &JsValue,
    options: &JsValue,
) -> Result<Prepared, JsValue> {
    let cfg = &client.config;
    let mut problems = Vec::new();
    let opts = config::call(options, &mut problems);
    let call = match args::collect(op, params) {
        Ok(call) => call,
        Err(msg) => {
            problems.push(msg);
            CallArgs::default()
        }
    };
    if problems.is_empty() {
        problems = validate::problems(op, &call);
    }
    if !problems.is_empty() {
        return Err(invalid_request(op, problems));
    }
    client.note_deprecated(op);
    let url = url::build(&cfg.base, op, &call.params);
    let headers = headers(&client.base_headers, op, opts.headers.as_ref())
        .map_err(|msg| invalid_request(op, vec![msg]))?;
    Ok(Prepared {
        call,
        opts,
        url,
        headers,
    })
}

/// Performs `op` with the caller's params and per-call options: the API client's entry.
pub async fn send(
    client: Rc<Client>,
    op: &'static Operation,
    params: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    perform(&client, op, &params, &options)
        .await
        .map_err(|f| f.error)
}

/// [`send`] with the failure's outcome kept: the auth layer (JWKS, machine-token verification,
/// sessions) decides on the status, every other rule (headers, retries, timeouts, errors) is
/// the client's.
pub async fn perform(
    client: &Client,
    op: &'static Operation,
    params: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Failure> {
    let cfg = &client.config;
    let Prepared {
        call,
        opts,
        url,
        headers,
    } = prepare(client, op, params, options).map_err(Failure::new)?;
    let body = body(op, params, &call)
        .await
        .map_err(|msg| Failure::new(invalid_request(op, vec![msg])))?;
    if body.is_undefined() {
        // An optional JSON body left out: no content type for it either.
        bindings::delete_static(&headers, "content-type");
    }
    let policy = opts.retry.as_ref().unwrap_or(&cfg.retry);
    let timeout_ms = opts.timeout_ms.or(cfg.timeout_ms);
    let signal = opts.signal.as_ref();

    let started = js::now_ms();
    let mut attempt: u32 = 0;
    loop {
        let t0 = js::now_ms();
        // Boxed: its state machine stays one function instead of being inlined (twice) here.
        let result = Box::pin(attempt_once(
            client, op, &url, &headers, &body, timeout_ms, signal,
        ))
        .await;
        if cfg.logger.is_some() {
            log_attempt(cfg, op, &url, &result, js::now_ms() - t0, attempt);
        }
        let failure = match result {
            Ok(value) => return Ok(value),
            Err(failure) => failure,
        };
        let Some(outcome) = failure.outcome else {
            return Err(failure);
        };
        let elapsed = js::now_ms() - started;
        let idempotent = op.method.is_idempotent();
        let Some(delay) = retry::next_delay(
            policy,
            idempotent,
            outcome,
            attempt,
            elapsed,
            js_sys::Math::random(),
        ) else {
            return Err(failure);
        };
        if cfg.logger.is_some() {
            log(
                &cfg.logger,
                &format!("clerk-edge: retrying {} in {} ms", op.id, delay as u64),
            );
        }
        js::sleep(delay, signal).await;
        if signal.is_some_and(|s| s.aborted()) {
            return Err(Failure::new(aborted(op, signal)));
        }
        attempt += 1;
    }
}

/// One debug line per attempt: method, URL without its query, outcome, time, attempt number.
#[inline(never)]
fn log_attempt(
    cfg: &config::Config,
    op: &Operation,
    url: &str,
    result: &Result<JsValue, Failure>,
    ms: f64,
    attempt: u32,
) {
    let status = match result {
        Ok(_) => "ok".to_string(),
        Err(f) => describe_outcome(f.outcome),
    };
    log(
        &cfg.logger,
        &format!(
            "clerk-edge: {} {} -> {} in {} ms (attempt {})",
            op.method.as_str(),
            loggable(url),
            status,
            ms.max(0.0) as u64,
            attempt + 1
        ),
    );
}

async fn attempt_once(
    client: &Client,
    op: &Operation,
    url: &str,
    headers: &Object,
    body: &JsValue,
    timeout_ms: Option<f64>,
    signal: Option<&AbortSignal>,
) -> Result<JsValue, Failure> {
    if signal.is_some_and(|s| s.aborted()) {
        return Err(Failure::new(aborted(op, signal)));
    }
    // An AbortController only when something can abort: it costs fetch a signal to watch.
    let controller = if timeout_ms.is_some() || signal.is_some() {
        Some(
            AbortController::new()
                .map_err(|e| Failure::new(connection(op, e, "AbortController is not available")))?,
        )
    } else {
        None
    };
    // Plain JS functions (bound `abort`) rather than Rust closures: nothing to free later.
    let abort = controller
        .as_ref()
        .and_then(|c| bindings::bound_method(c, "abort"));
    if let (Some(s), Some(abort)) = (signal, &abort) {
        let _ = s.add_event_listener_with_callback("abort", abort);
    }
    let timer = match (timeout_ms, &abort) {
        (Some(ms), Some(abort)) => js::set_timeout(abort, ms.min(js::MAX_TIMER_MS)).ok(),
        _ => None,
    };

    let our_signal = controller.as_ref().map(|c| c.signal());
    let result = fetch_and_read(client, op, url, headers, body, our_signal.as_ref()).await;

    if let Some(t) = &timer {
        js::clear_timeout(t);
    }
    if let (Some(s), Some(abort)) = (signal, &abort) {
        let _ = s.remove_event_listener_with_callback("abort", abort);
    }
    let (status, response, text) = result.map_err(|e| {
        if signal.is_some_and(|s| s.aborted()) {
            Failure::new(aborted(op, signal))
        } else if our_signal.as_ref().is_some_and(|s| s.aborted()) {
            Failure {
                error: timed_out(op, timeout_ms.unwrap_or(0.0), e),
                outcome: Some(Outcome::Timeout),
            }
        } else if is_permission_refusal(&e) {
            // Deno without --allow-net for the host: no attempt can succeed, so none is repeated
            // (the default policy would retry for an hour).
            Failure::new(connection(op, e, "the runtime refused the request"))
        } else {
            let before_send = is_before_send(&e);
            Failure {
                error: connection(op, e, "the request failed"),
                outcome: Some(Outcome::Connection { before_send }),
            }
        }
    })?;
    if (200..300).contains(&status) {
        return decode(op, status, &response, text).map_err(Failure::new);
    }
    let retry_after_ms = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| retry::parse_retry_after(&v, js::now_ms()));
    Err(Failure {
        error: api_error(
            op,
            status,
            &response,
            text.as_string().unwrap_or_default(),
            retry_after_ms,
        ),
        outcome: Some(Outcome::Status {
            status,
            retry_after_ms,
        }),
    })
}

/// Fetches and reads the whole body as text (the timeout covers both).
async fn fetch_and_read(
    client: &Client,
    op: &Operation,
    url: &str,
    headers: &Object,
    body: &JsValue,
    signal: Option<&AbortSignal>,
) -> Result<(u16, web_sys::Response, JsValue), JsValue> {
    let init = Object::new();
    bindings::set_static(&init, "method", &method(op.method));
    bindings::set_static(&init, "headers", headers);
    if !body.is_undefined() {
        bindings::set_static(&init, "body", body);
    }
    if let Some(signal) = signal {
        bindings::set_static(&init, "signal", signal);
    }
    let (response, text) =
        js::fetch_text(client.config.fetch.as_ref(), &JsValue::from_str(url), &init).await?;
    // Through `catch`: a custom fetch's fake Response may have a throwing `status` getter.
    let status = bindings::get_static(&response, "status")?
        .as_f64()
        .filter(|s| (0.0..=999.0).contains(s))
        .ok_or_else(|| js_sys::Error::new("the Response has no valid status"))?;
    Ok((status as u16, response, text))
}

/// The method as a JS string, made once.
fn method(m: Method) -> JsValue {
    match m {
        Method::Get => static_str("GET"),
        Method::Post => static_str("POST"),
        Method::Put => static_str("PUT"),
        Method::Patch => static_str("PATCH"),
        Method::Delete => static_str("DELETE"),
    }
}

/// The headers every request of a client sends: auth, API version, SDK name. Built once per
/// client (an `Err` if the secret key cannot be sent, reported by each call).
pub fn base_headers(secret: Option<&str>) -> Result<Object, String> {
    let h = Object::new();
    if let Some(secret) = secret {
        // fetch would reject it as a TypeError, which reads like a network failure.
        if !crate::headers::valid_value(secret) {
            return Err(
                "bearerAuth has a character not allowed in an HTTP header (non-Latin-1)".into(),
            );
        }
        bindings::set_static(
            &h,
            "authorization",
            &JsValue::from_str(&format!("Bearer {secret}")),
        );
    }
    bindings::set_static(&h, "clerk-api-version", &static_str(API_VERSION));
    bindings::set_static(&h, SDK_HEADER.0, &static_str(SDK_HEADER.1));
    Ok(h)
}

/// The request headers, as a plain object with lower-case names: the client's base headers,
/// the JSON content type, then the caller's (which may override them).
#[inline(never)]
fn headers(
    base: &Result<Object, String>,
    op: &Operation,
    extra: Option<&JsValue>,
) -> Result<Object, String> {
    // A fresh copy per call: a custom fetch may change the object it is given.
    let h = Object::assign(&Object::new(), base.as_ref().map_err(Clone::clone)?);
    if matches!(op.body, Body::Json { .. } | Body::JsonArray { .. }) {
        bindings::set_static(&h, "content-type", &static_str("application/json"));
    }
    let Some(extra) = extra else { return Ok(h) };
    // A Headers object iterates as [name, value] pairs; a record through Object.entries.
    let pairs: Vec<JsValue> = if extra.is_instance_of::<web_sys::Headers>() {
        js_sys::try_iter(extra)
            .ok()
            .flatten()
            .map(|it| it.filter_map(Result::ok).collect())
            .unwrap_or_default()
    } else {
        bindings::entries(extra)
            .map_err(|_| "headers could not be read (a getter threw)".to_string())?
            .into_iter()
            .map(JsValue::from)
            .collect()
    };
    for pair in pairs {
        let pair: Array = pair.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let shown: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
        let Some(value) = pair.get(1).as_string() else {
            return Err(format!("header \"{shown}\" must be a string"));
        };
        if !crate::headers::valid_name(&name) || !crate::headers::valid_value(&value) {
            return Err(format!("header \"{shown}\" has an invalid name or value"));
        }
        bindings::set(&h, &name.to_ascii_lowercase(), &JsValue::from_str(&value));
    }
    Ok(h)
}

/// The request body: JSON text, FormData, or `undefined`.
async fn body(op: &Operation, params: &JsValue, call: &CallArgs) -> Result<JsValue, String> {
    let json = |value: &JsValue| {
        bindings::json_stringify(value).map_err(|_| {
            "the request body cannot be serialised to JSON (a cycle or a bigint?)".to_string()
        })
    };
    match &op.body {
        Body::None => Ok(JsValue::UNDEFINED),
        Body::JsonArray { .. } => json(&bindings::get(params, ARRAY_BODY_KEY).unwrap_or_default()),
        Body::Json {
            fields, optional, ..
        } => {
            let obj = Object::new();
            let keys = fields
                .iter()
                .map(|f| f.name)
                .chain(call.unknown.iter().map(String::as_str));
            let mut given = false;
            for key in keys {
                let value = bindings::get(params, key).unwrap_or(JsValue::UNDEFINED);
                if !value.is_undefined() {
                    bindings::set(&obj, key, &value);
                    given = true;
                }
            }
            if *optional && !given {
                return Ok(JsValue::UNDEFINED);
            }
            json(&obj)
        }
        Body::Multipart { fields } => upload::form_data(fields, params).await.map(JsValue::from),
    }
}

/// A 2xx response as the operation's result.
#[inline(never)]
fn decode(
    op: &Operation,
    status: u16,
    response: &web_sys::Response,
    text: JsValue,
) -> Result<JsValue, JsValue> {
    match op.response {
        Response::Empty => Ok(JsValue::UNDEFINED),
        Response::Text => Ok(text),
        // The body stays a JS string: parsing it in JS avoids copying it through wasm memory.
        Response::Json => bindings::json_parse(&text).map_err(|_| {
            errors::make(
                Kind::ResponseValidation,
                &format!(
                    "{}: expected a JSON body with status {status}, got {}",
                    op.id,
                    preview(&text.as_string().unwrap_or_default())
                ),
                &props(&[
                    ("statusCode", JsValue::from(status)),
                    ("body", text.clone()),
                    ("rawResponse", response.into()),
                ]),
            )
        }),
    }
}

/// A non-2xx response as `ClerkErrors` (Clerk's error body) or `SDKError` (anything else).
#[inline(never)]
fn api_error(
    op: &Operation,
    status: u16,
    response: &web_sys::Response,
    text: String,
    retry_after_ms: Option<f64>,
) -> JsValue {
    let parsed = bindings::json_parse(&JsValue::from_str(&text))
        .ok()
        .filter(|v| v.is_object());
    let errors_list = parsed
        .as_ref()
        .and_then(|v| bindings::get(v, "errors").ok())
        .filter(Array::is_array);
    let headers: JsValue = response.headers().into();
    let Some(list) = errors_list else {
        return errors::make(
            Kind::Sdk,
            &format!("{}: API error {status}: {}", op.id, preview(&text)),
            &props(&[
                ("statusCode", JsValue::from(status)),
                ("body", JsValue::from_str(&text)),
                ("headers", headers),
                ("rawResponse", response.into()),
            ]),
        );
    };
    let list: Array = list.unchecked_into();
    let first = list.get(0);
    let field = |k: &str| bindings::get_string(&first, k);
    let code = field("code").unwrap_or_else(|| "unknown_error".into());
    let text_msg = field("long_message")
        .or_else(|| field("message"))
        .unwrap_or_else(|| "no message".into());
    let more = match list.length() {
        0 | 1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    let trace = parsed
        .as_ref()
        .and_then(|v| bindings::get(v, "clerk_trace_id").ok())
        .unwrap_or(JsValue::UNDEFINED);
    let retry_after = retry_after_ms.map_or(JsValue::UNDEFINED, |ms| {
        JsValue::from_f64((ms / 1000.0).ceil())
    });
    errors::make(
        Kind::ClerkErrors,
        &format!("{}: {status} {code}: {text_msg}{more}", op.id),
        &props(&[
            ("status", JsValue::from(status)),
            ("errors", list.into()),
            ("clerk_trace_id", trace),
            ("retryAfter", retry_after),
            ("body", JsValue::from_str(&text)),
            ("headers", headers),
        ]),
    )
}

#[inline(never)]
fn invalid_request(op: &Operation, problems: Vec<String>) -> JsValue {
    let message = format!(
        "{}.{}: invalid request, nothing was sent: {}",
        op.group,
        op.name,
        problems.join("; ")
    );
    let list: Array = problems.iter().map(|p| JsValue::from_str(p)).collect();
    errors::make(
        Kind::InvalidRequest,
        &message,
        &props(&[("problems", list.into())]),
    )
}

#[inline(never)]
fn aborted(op: &Operation, signal: Option<&AbortSignal>) -> JsValue {
    let reason = signal.map(|s| s.reason()).unwrap_or(JsValue::UNDEFINED);
    errors::make(
        Kind::RequestAborted,
        &format!("{}: the request was aborted", op.id),
        &props(&[("cause", reason)]),
    )
}

#[inline(never)]
fn timed_out(op: &Operation, ms: f64, cause: JsValue) -> JsValue {
    errors::make(
        Kind::RequestTimeout,
        &format!("{}: no complete response within {} ms", op.id, ms as u64),
        &props(&[("cause", cause), ("timeoutMs", JsValue::from_f64(ms))]),
    )
}

#[inline(never)]
fn connection(op: &Operation, cause: JsValue, fallback: &str) -> JsValue {
    let detail = bindings::get_string(&cause, "message").unwrap_or_else(|| fallback.to_string());
    errors::make(
        Kind::Connection,
        &format!("{}: connection error: {}", op.id, preview(&detail)),
        &props(&[("cause", cause)]),
    )
}

/// True when the runtime itself refused the request: Deno's permission errors (`NotCapable`
/// since Deno 2, `PermissionDenied` before).
fn is_permission_refusal(err: &JsValue) -> bool {
    matches!(
        bindings::get_string(err, "name").as_deref(),
        Some("NotCapable" | "PermissionDenied")
    )
}

/// True when the error says no connection was ever made, so the server cannot have acted.
/// Node (undici) puts a system code on `cause`; Deno says so in the message.
fn is_before_send(err: &JsValue) -> bool {
    const CODES: &[&str] = &[
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "EHOSTUNREACH",
        "ENETUNREACH",
        "UND_ERR_CONNECT_TIMEOUT",
    ];
    let cause = bindings::get_or_undefined(err, "cause");
    let code = bindings::get_string(&cause, "code").unwrap_or_default();
    let message = bindings::get_string(err, "message").unwrap_or_default();
    CODES.contains(&code.as_str())
        || message.contains("Connection refused")
        || message.contains("dns error")
}

fn describe_outcome(outcome: Option<Outcome>) -> String {
    match outcome {
        Some(Outcome::Status { status, .. }) => status.to_string(),
        Some(Outcome::Connection { .. }) => "connection error".into(),
        Some(Outcome::Timeout) => "timeout".into(),
        None => "error".into(),
    }
}

/// The URL as logged: without its query, whose values may be personal data.
fn loggable(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// The start of a body for an error message, on one line.
fn preview(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    if text.chars().count() > 200 {
        format!("{one_line}…")
    } else if one_line.is_empty() {
        "an empty body".into()
    } else {
        one_line
    }
}
