//! The handshake: the redirect to the Frontend API that refreshes a browser's cookies
//! (`buildRedirectToHandshake`, the redirect-loop counter), and, when the browser comes back,
//! turning the handshake payload into `Set-Cookie` headers (`resolveHandshake`). Verifying the
//! handshake JWT and fetching a nonce's payload are the host's; what to ask and how to read the
//! answer is here.

use serde_json::Value;

use super::config::Prepared;
use super::context::Context;
use super::cookies::{self, redirect_count_directive};
use super::host::{ApiCall, Endpoint, Host};
use super::org_sync;
use super::publishable_key::InstanceType;
use super::url;
use crate::auth::reason::Reason;
use crate::generated::API_VERSION;

/// `__clerk_redirect_count` at which the flow stops redirecting (the incumbent stops only at
/// exactly 3; see docs/auth-flow.md).
pub const REDIRECT_LOOP_LIMIT: f64 = 3.0;

/// The `Location` of a handshake redirect: `https://<frontend api>/v1/client/handshake` with the
/// page to come back to, the API version, the cookie flavour, the reason, `format=nonce`, the
/// current session token, the dev-browser token (development) and the organization to activate.
/// None where the URL cannot be built (the incumbent throws).
pub fn redirect_location(
    ctx: &Context,
    prepared: &Prepared,
    reason: &Reason,
    host: &impl Host,
) -> Option<String> {
    let session = ctx.session.as_ref()?;
    let mut back = ctx.clerk_url.clone();
    back.edit_query(|p| {
        url::delete(p, cookies::DEV_BROWSER);
        url::delete(p, "__dev_session");
    });
    let mut target = host.parse_url("v1/client/handshake", Some(&ctx.frontend_api_base()?))?;
    target.edit_query(|p| {
        url::append(p, "redirect_url", &back.href());
        url::append(p, "__clerk_api_version", API_VERSION);
        let suffixed = if session.uses_suffixed_cookies {
            "true"
        } else {
            "false"
        };
        url::append(p, "suffixed_cookies", suffixed);
        url::append(p, "__clerk_hs_reason", &reason.as_str());
        url::append(p, "format", "nonce");
        if let Some(token) = ctx.session_token() {
            url::append(p, cookies::SESSION, token);
        }
        if session.instance_type == InstanceType::Development {
            if let Some(db) = &session.dev_browser_token {
                url::append(p, cookies::DEV_BROWSER, db);
            }
        }
        if let Some(t) = org_sync::find_target(prepared, &ctx.clerk_url.pathname, host) {
            let (k, v) = org_sync::query_param(&t);
            url::append(p, &k, &v);
        }
    });
    Some(target.href())
}

/// `checkAndTrackRedirectLoop`: None when this would be one redirect too many, else the
/// counter's `Set-Cookie` directive.
pub fn track_redirect_loop(redirect_count: f64) -> Option<String> {
    if redirect_count >= REDIRECT_LOOP_LIMIT {
        None
    } else {
        Some(redirect_count_directive(redirect_count))
    }
}

/// `GET /clients/handshake_payload?nonce=...` (the Backend API keeps the payload FAPI made).
pub fn payload_call(nonce: &str) -> ApiCall {
    ApiCall {
        endpoint: Endpoint::HandshakePayload,
        path_params: Vec::new(),
        query: vec![("nonce", nonce.to_string())],
        body: None,
    }
}

/// The `Set-Cookie` directives of a nonce's payload (`directives`) or of a verified handshake
/// JWT (`handshake`): a missing or non-array field gives none; an element that is not a string
/// is None (the incumbent fails reading it and carries on as if there were no handshake).
pub fn directives(field: Option<&Value>) -> Option<Vec<String>> {
    match field {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Some(Vec::new()),
    }
}

/// The headers a resolved handshake answers with: CORS for FAPI's fetch, the cookies, and in
/// development a redirect to the same page without the handshake parameters.
pub fn resolution_headers(ctx: &Context, directives: &[String]) -> Vec<(String, String)> {
    let mut headers = vec![
        (
            "access-control-allow-origin".to_string(),
            "null".to_string(),
        ),
        (
            "access-control-allow-credentials".to_string(),
            "true".to_string(),
        ),
    ];
    for d in directives {
        headers.push(("set-cookie".to_string(), d.clone()));
    }
    let dev = ctx
        .session
        .as_ref()
        .is_some_and(|s| s.instance_type == InstanceType::Development);
    if dev {
        let mut page = ctx.clerk_url.clone();
        page.edit_query(|p| {
            for name in [
                cookies::HANDSHAKE,
                "__clerk_help",
                cookies::DEV_BROWSER,
                cookies::HANDSHAKE_NONCE,
            ] {
                url::delete(p, name);
            }
        });
        headers.push(("location".to_string(), page.href()));
        headers.push(("cache-control".to_string(), "no-store".to_string()));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads() {
        let p = json!({ "directives": ["a=1", "b=2"], "handshake": "x", "n": [1] });
        assert_eq!(directives(p.get("directives")).unwrap(), ["a=1", "b=2"]);
        assert!(directives(p.get("handshake")).unwrap().is_empty());
        assert!(directives(None).unwrap().is_empty());
        assert!(directives(p.get("n")).is_none());
        assert_eq!(payload_call("n 1").query, [("nonce", "n 1".to_string())]);
        assert_eq!(track_redirect_loop(3.0), None);
        assert_eq!(track_redirect_loop(7.0), None);
        assert_eq!(
            track_redirect_loop(0.0).as_deref(),
            Some("__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2")
        );
    }
}
