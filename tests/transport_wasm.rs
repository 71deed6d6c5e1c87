//! The transport end to end inside wasm, with a scripted `fetch` injected through the client's
//! `fetch` option (the seam users have too). Runs in Node, headless Chromium and Deno through
//! wasm-bindgen-test-runner (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use clerk_edge::client::{operation_table, ClerkCore};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function scriptedFetch(steps) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, method: init.method, headers: Object.fromEntries(new Headers(init.headers)), body: init.body });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step.hang) {
      return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    }
    if (step.fail) {
      const e = new TypeError("fetch failed");
      e.cause = { code: step.fail };
      throw e;
    }
    if (step.denied) {
      // What Deno's fetch throws for a host outside --allow-net.
      const e = new Error('Requires net access to "api.test:443", run again with the --allow-net flag');
      e.name = step.denied;
      throw e;
    }
    return new Response(step.body ?? null, { status: step.status ?? 200, headers: step.headers ?? {} });
  };
  f.calls = calls;
  return f;
}
export function abortedSignal() { const c = new AbortController(); c.abort(); return c.signal; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = scriptedFetch)]
    fn scripted_fetch(steps: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = abortedSignal)]
    fn aborted_signal() -> JsValue;
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

fn index(group: &str, name: &str) -> u32 {
    operation_table()
        .lines()
        .position(|l| {
            let mut parts = l.split(' ');
            parts.nth(1) == Some(group) && parts.next() == Some(name)
        })
        .unwrap_or_else(|| panic!("{group}.{name} not in the table")) as u32
}

/// A client with a fast retry policy, talking to `steps`.
fn client(steps: &str) -> (ClerkCore, JsValue) {
    let fetch = scripted_fetch(parse(steps));
    let options = Object::new();
    Reflect::set(&options, &"bearerAuth".into(), &"sk_test_wasm".into()).unwrap();
    Reflect::set(
        &options,
        &"serverURL".into(),
        &"https://api.test/v1/".into(),
    )
    .unwrap();
    Reflect::set(&options, &"fetch".into(), &fetch).unwrap();
    Reflect::set(
        &options,
        &"retryConfig".into(),
        &parse(r#"{"strategy":"backoff","backoff":{"initialInterval":1,"maxInterval":5,"exponent":1.5,"maxElapsedTime":2000}}"#),
    )
    .unwrap();
    (ClerkCore::new(options.into()).unwrap(), fetch)
}

async fn call(
    core: &ClerkCore,
    group: &str,
    name: &str,
    params: &str,
    opts: JsValue,
) -> Result<JsValue, JsValue> {
    JsFuture::from(core.call(index(group, name), parse(params), opts)).await
}

/// The rejection of a call that must fail.
async fn failure(
    core: &ClerkCore,
    group: &str,
    name: &str,
    params: &str,
    opts: JsValue,
) -> JsValue {
    call(core, group, name, params, opts)
        .await
        .expect_err("the call should have been rejected")
}

/// The error's class name (`ClerkErrors`, `SDKError`, ...).
fn class_of(err: &JsValue) -> String {
    get(err, "name").as_string().unwrap_or_default()
}

fn calls(fetch: &JsValue) -> Array {
    get(fetch, "calls").into()
}

#[wasm_bindgen_test]
async fn get_sends_auth_version_and_encoded_path() {
    let (core, fetch) = client(r#"[{"status":200,"body":"{\"id\":\"user_1\"}"}]"#);
    let user = call(
        &core,
        "users",
        "get",
        r#"{"user_id":"../organizations"}"#,
        JsValue::UNDEFINED,
    )
    .await
    .unwrap();
    assert_eq!(get(&user, "id").as_string().unwrap(), "user_1");
    let first = calls(&fetch).get(0);
    assert_eq!(
        get(&first, "url").as_string().unwrap(),
        "https://api.test/v1/users/..%2Forganizations"
    );
    let headers = get(&first, "headers");
    assert_eq!(
        get(&headers, "authorization").as_string().unwrap(),
        "Bearer sk_test_wasm"
    );
    assert_eq!(
        get(&headers, "clerk-api-version").as_string().unwrap(),
        "2026-05-12"
    );
    assert!(get(&headers, "x-clerk-sdk")
        .as_string()
        .unwrap()
        .starts_with("clerk-edge/"));
}

#[wasm_bindgen_test]
async fn invalid_params_never_reach_the_network() {
    let (core, fetch) = client(r#"[{"status":200,"body":"{}"}]"#);
    let err = failure(
        &core,
        "users",
        "get",
        r#"{"user_id":"","extra":1}"#,
        JsValue::UNDEFINED,
    )
    .await;
    assert_eq!(class_of(&err), "InvalidRequestError");
    let problems: Array = get(&err, "problems").into();
    assert_eq!(problems.length(), 2);
    assert_eq!(calls(&fetch).length(), 0);
}

#[wasm_bindgen_test]
async fn clerk_error_bodies_become_clerk_errors() {
    let body = r#"{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\",\"long_message\":\"User not found\"}],\"clerk_trace_id\":\"trace_1\"}"#;
    let (core, _) = client(&format!(r#"[{{"status":404,"body":"{body}"}}]"#));
    let err = failure(
        &core,
        "users",
        "get",
        r#"{"user_id":"user_x"}"#,
        JsValue::UNDEFINED,
    )
    .await;
    assert_eq!(class_of(&err), "ClerkErrors");
    assert_eq!(get(&err, "status").as_f64().unwrap(), 404.0);
    assert_eq!(get(&err, "clerk_trace_id").as_string().unwrap(), "trace_1");
    let first = Array::from(&get(&err, "errors")).get(0);
    assert_eq!(
        get(&first, "code").as_string().unwrap(),
        "resource_not_found"
    );
    assert!(!get(&err, "message")
        .as_string()
        .unwrap()
        .contains("sk_test_wasm"));
}

#[wasm_bindgen_test]
async fn get_is_retried_after_503_but_post_is_not_after_500() {
    let (core, fetch) = client(r#"[{"status":503,"body":"busy"},{"status":200,"body":"[]"}]"#);
    let list = call(&core, "users", "list", r#"{"limit":5}"#, JsValue::UNDEFINED)
        .await
        .unwrap();
    assert!(Array::is_array(&list));
    assert_eq!(calls(&fetch).length(), 2);

    let (core, fetch) =
        client(r#"[{"status":500,"body":"<html>oops</html>"},{"status":200,"body":"{}"}]"#);
    let err = failure(
        &core,
        "users",
        "create",
        r#"{"first_name":"Ada"}"#,
        JsValue::UNDEFINED,
    )
    .await;
    assert_eq!(class_of(&err), "SDKError");
    assert_eq!(get(&err, "statusCode").as_f64().unwrap(), 500.0);
    assert_eq!(
        calls(&fetch).length(),
        1,
        "a POST must not be repeated after a 5XX"
    );
}

#[wasm_bindgen_test]
async fn refused_connections_are_retried_even_for_post() {
    let (core, fetch) =
        client(r#"[{"fail":"ECONNREFUSED"},{"status":200,"body":"{\"id\":\"u\"}"}]"#);
    call(
        &core,
        "users",
        "create",
        r#"{"first_name":"Ada"}"#,
        JsValue::UNDEFINED,
    )
    .await
    .unwrap();
    assert_eq!(calls(&fetch).length(), 2);
    let (core, _) = client(r#"[{"fail":"ECONNRESET"}]"#);
    let err = failure(
        &core,
        "users",
        "create",
        r#"{"first_name":"Ada"}"#,
        JsValue::UNDEFINED,
    )
    .await;
    assert_eq!(class_of(&err), "ConnectionError");
}

#[wasm_bindgen_test]
async fn a_runtime_permission_refusal_is_not_retried() {
    for name in ["NotCapable", "PermissionDenied"] {
        let (core, fetch) = client(&format!(
            r#"[{{"denied":"{name}"}},{{"status":200,"body":"{{}}"}}]"#
        ));
        let err = failure(
            &core,
            "users",
            "get",
            r#"{"user_id":"u"}"#,
            JsValue::UNDEFINED,
        )
        .await;
        assert_eq!(class_of(&err), "ConnectionError");
        assert_eq!(calls(&fetch).length(), 1, "{name} must not be retried");
        let message = get(&err, "message").as_string().unwrap_or_default();
        assert!(message.contains("--allow-net"), "{message}");
    }
}

#[wasm_bindgen_test]
async fn non_json_success_is_a_response_validation_error() {
    let (core, _) = client(r#"[{"status":200,"body":"<html>"}]"#);
    let err = failure(
        &core,
        "users",
        "get",
        r#"{"user_id":"u"}"#,
        JsValue::UNDEFINED,
    )
    .await;
    assert_eq!(class_of(&err), "ResponseValidationError");
}

#[wasm_bindgen_test]
async fn timeouts_and_aborts_say_which() {
    let (core, _) = client(r#"[{"hang":true}]"#);
    let opts = parse(r#"{"timeoutMs":20,"retries":{"strategy":"none"}}"#);
    let err = failure(&core, "users", "get", r#"{"user_id":"u"}"#, opts).await;
    assert_eq!(class_of(&err), "RequestTimeoutError");

    let (core, fetch) = client(r#"[{"status":200,"body":"{}"}]"#);
    let opts = Object::new();
    Reflect::set(&opts, &"signal".into(), &aborted_signal()).unwrap();
    let err = failure(&core, "users", "get", r#"{"user_id":"u"}"#, opts.into()).await;
    assert_eq!(class_of(&err), "RequestAbortedError");
    assert_eq!(calls(&fetch).length(), 0);
}

#[wasm_bindgen_test]
async fn json_bodies_hold_only_body_fields() {
    let (core, fetch) = client(r#"[{"status":200,"body":"{}"}]"#);
    call(
        &core,
        "users",
        "update",
        r#"{"user_id":"user_1","first_name":"Ada","last_name":null}"#,
        JsValue::UNDEFINED,
    )
    .await
    .ok();
    let sent = get(&calls(&fetch).get(0), "body").as_string().unwrap();
    assert!(sent.contains("\"first_name\":\"Ada\""), "{sent}");
    assert!(!sent.contains("user_id"), "{sent}");
}

#[wasm_bindgen_test]
fn bad_client_options_are_all_reported() {
    let err = ClerkCore::new(parse(
        r#"{"bearerAuth":5,"serverURL":"ftp://x","timeoutMs":-1}"#,
    ))
    .err()
    .unwrap();
    let problems: Array = get(&err, "problems").into();
    assert_eq!(problems.length(), 3);
}
