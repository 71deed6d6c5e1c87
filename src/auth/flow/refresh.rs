//! Session refresh: an expired session token plus this instance's `__refresh_<suffix>` cookie
//! on a GET, exchanged for new cookies by `POST /sessions/{sid}/refresh` without a redirect.

use serde_json::{json, Map, Value};

use super::context::{Context, Request};
use super::host::{ApiCall, ApiError, Endpoint};
use super::peek;
use crate::auth::reason::RefreshError;

/// The refresh call for an expired token, or why there is none (a token without `sid`).
pub fn call(
    ctx: &Context,
    req: &Request,
    expired_token: &str,
    refresh_token: &str,
) -> Result<ApiCall, RefreshError> {
    let jwt = peek::decode(expired_token).ok_or(RefreshError::ExpiredSessionTokenDecodeFailed)?;
    let sid = jwt
        .claim("sid")
        .filter(|v| super::coerce::truthy(Some(v)))
        .ok_or(RefreshError::ExpiredSessionTokenMissingSidClaim)?;
    let sid = match sid {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let headers: Map<String, Value> = req
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), json!([v])))
        .collect();
    // The incumbent drops falsy query values: `suffixed_cookies` is sent only when true.
    let suffixed = ctx
        .session
        .as_ref()
        .is_some_and(|s| s.uses_suffixed_cookies);
    let query = if suffixed {
        vec![("suffixed_cookies", "true".to_string())]
    } else {
        Vec::new()
    };
    let mut body = Map::new();
    body.insert("format".into(), json!("cookie"));
    body.insert("expired_token".into(), json!(expired_token));
    body.insert("refresh_token".into(), json!(refresh_token));
    body.insert("request_origin".into(), json!(ctx.clerk_url.origin()));
    body.insert("request_headers".into(), Value::Object(headers));
    Ok(ApiCall {
        endpoint: Endpoint::RefreshSession,
        path_params: vec![("session_id", sid)],
        query,
        body: Some(body),
    })
}

/// The new cookies from the refresh endpoint's answer, or the reason the incumbent reports.
pub fn cookies(answer: Result<Value, ApiError>) -> Result<Vec<String>, RefreshError> {
    match answer {
        Ok(body) => match body.get("cookies") {
            Some(Value::Array(items)) if !items.is_empty() => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or(RefreshError::UnexpectedSdkError),
            _ => Err(RefreshError::UnexpectedSdkError),
        },
        Err(ApiError::Network) => Err(RefreshError::FetchError),
        Err(ApiError::Response {
            code: Some(code), ..
        }) if code == "unexpected_error" => Err(RefreshError::FetchError),
        Err(ApiError::Response {
            code: Some(code), ..
        }) => Err(RefreshError::Api(code)),
        Err(ApiError::Response { code: None, .. }) => Err(RefreshError::UnexpectedBapiError),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        assert_eq!(
            cookies(Ok(json!({ "object": "cookies", "cookies": ["a=1"] }))),
            Ok(vec!["a=1".to_string()])
        );
        assert_eq!(
            cookies(Ok(json!({ "cookies": [] }))),
            Err(RefreshError::UnexpectedSdkError)
        );
        assert_eq!(
            cookies(Ok(json!("text"))),
            Err(RefreshError::UnexpectedSdkError)
        );
        assert_eq!(
            cookies(Err(ApiError::Network)),
            Err(RefreshError::FetchError)
        );
        assert_eq!(
            cookies(Err(ApiError::Response {
                status: 401,
                code: Some("token_invalid".into())
            })),
            Err(RefreshError::Api("token_invalid".into()))
        );
        assert_eq!(
            cookies(Err(ApiError::Response {
                status: 500,
                code: None
            })),
            Err(RefreshError::UnexpectedBapiError)
        );
    }
}
