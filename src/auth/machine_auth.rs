//! Machine tokens (API keys, M2M, OAuth) to their auth object, as the incumbent's
//! `verifyMachineAuthToken` does: JWT-shaped ones (M2M: `sub` starts with `mch_`; OAuth: `typ`
//! `at+jwt`) are verified locally with the instance key; opaque ones (`ak_`, `mt_`, `oat_`) by
//! the Backend API's verify operations, through the one transport.

use serde_json::Value;
use wasm_bindgen::JsValue;

use super::bapi::{Api, Outcome};
use super::flow::host::MachineFailure;
use super::jwt;
use super::options::{KeySource, RequestOptions, VerifyOptions};
use super::reason::Reason;
use super::state::MachineAuth;
use super::token_kind::{is_jwt_format, TokenType, OAUTH_ACCESS_TOKEN_TYPES};
use super::verify::{self, HeaderTypes};
use crate::bindings;

/// Why a machine token was refused (the incumbent's `MachineTokenVerificationErrorCode`, which
/// shares its strings with [`Reason`]), with `getFullMessage()`'s text.
fn refuse(reason: Reason, message: &str, status: Option<u16>) -> MachineFailure {
    let status = status.map_or("n/a".to_string(), |s| s.to_string());
    MachineFailure {
        full_message: format!("{message} (code={reason}, status={status})"),
        reason,
    }
}

const TOKEN_INVALID: Reason = Reason::TokenInvalid;
const TOKEN_VERIFICATION_FAILED: Reason = Reason::TokenVerificationFailed;
const SECRET_KEY_INVALID: Reason = Reason::SecretKeyInvalid;
const UNEXPECTED_ERROR: Reason = Reason::UnexpectedError;

/// Verifies a machine token of type `t` (its prefix or shape said so).
pub async fn verify(
    t: TokenType,
    token: &str,
    o: &RequestOptions,
) -> Result<MachineAuth, MachineFailure> {
    if is_jwt_format(token) {
        machine_jwt(token, o).await
    } else {
        opaque(t, token, o).await
    }
}

/// M2M and OAuth JWTs, verified with the instance key like session tokens, then read as the
/// incumbent's `M2MToken.fromJwtPayload` / `IdPOAuthAccessToken.fromJwtPayload` do.
async fn machine_jwt(token: &str, o: &RequestOptions) -> Result<MachineAuth, MachineFailure> {
    let Ok(d) = jwt::decode(token) else {
        return Err(refuse(TOKEN_INVALID, "Invalid JWT form.", None));
    };
    let is_m2m = d.claim_str("sub").is_some_and(|s| s.starts_with("mch_"));
    let typ_oauth = d
        .typ()
        .is_some_and(|t| OAUTH_ACCESS_TOKEN_TYPES.contains(&t));
    let (t, types) = if is_m2m {
        match d.cat() {
            None | Some(jwt::CATEGORY_M2M) => {}
            Some(_) => return Err(refuse(TOKEN_INVALID, "Invalid M2M JWT category.", None)),
        }
        (TokenType::M2mToken, HeaderTypes::DEFAULT)
    } else if typ_oauth {
        (
            TokenType::OAuthToken,
            HeaderTypes::only(&OAUTH_ACCESS_TOKEN_TYPES),
        )
    } else {
        return Err(refuse(TOKEN_VERIFICATION_FAILED, "Invalid JWT type.", None));
    };
    // The incumbent verifies machine JWTs with `audience` and the clock skew only: no
    // authorized parties, no issuer. For M2M `audience` is the standard `aud` check; for
    // OAuth it is checked afterwards by its own rule.
    let mut claims = o.verify.claims.clone();
    claims.authorized_parties.clear();
    claims.issuer.clear();
    let oauth_audience = match t {
        TokenType::OAuthToken => std::mem::take(&mut claims.audience),
        _ => Vec::new(),
    };
    let vo = VerifyOptions {
        key: match &o.verify.key {
            KeySource::Local(k) => KeySource::Local(k.clone()),
            KeySource::Remote => KeySource::Remote,
            KeySource::Missing => KeySource::Missing,
        },
        api: o.verify.api.clone(),
        claims,
        skip_jwks_cache: o.verify.skip_jwks_cache,
        jwks_ttl_ms: o.verify.jwks_ttl_ms,
        header_type: None,
    };
    let text = verify::verify_jwt(token, &vo, false, types)
        .await
        .map_err(|f| refuse(TOKEN_VERIFICATION_FAILED, &f.message, None))?;
    let payload: Value = crate::auth::json::value(text.as_bytes()).unwrap_or(Value::Null);
    if t == TokenType::OAuthToken && !oauth_audience_matches(payload.get("aud"), &oauth_audience) {
        return Err(refuse(
            TOKEN_VERIFICATION_FAILED,
            "OAuth audience mismatch.",
            None,
        ));
    }
    let claims = bindings::json_parse(&JsValue::from_str(&text)).unwrap_or(JsValue::NULL);
    let claim = |k: &str| bindings::get_or_undefined(&claims, k);
    let or_empty = |v: JsValue| {
        if v.is_undefined() || v.is_null() {
            "".into()
        } else {
            v
        }
    };
    let id = or_empty(claim("jti"));
    let subject = claim("sub");
    Ok(match t {
        TokenType::M2mToken => MachineAuth {
            scopes: first_defined(&[split(claim("scopes")), claim("aud")]),
            claims: Some(custom_claims(&payload)),
            machine_id: Some(subject.clone()),
            ..signed_in(t, id, subject)
        },
        _ => MachineAuth {
            scopes: first_defined(&[claim("scp"), split(claim("scope"))]),
            user_id: Some(subject.clone()),
            client_id: Some(or_empty(claim("client_id"))),
            ..signed_in(t, id, subject)
        },
    })
}

/// The incumbent's `assertOAuthAudienceClaim`: with an expected audience, the token's `aud`
/// (a string or a non-empty array of non-empty strings) must name one of them.
fn oauth_audience_matches(aud: Option<&Value>, expected: &[String]) -> bool {
    if expected.is_empty() {
        return true;
    }
    let auds: Option<Vec<&str>> = match aud {
        Some(Value::String(s)) => Some(vec![s.as_str()]),
        Some(Value::Array(a)) if !a.is_empty() => a.iter().map(Value::as_str).collect(),
        _ => None,
    };
    auds.is_some_and(|a| {
        a.iter().all(|x| !x.is_empty()) && a.iter().any(|x| expected.iter().any(|y| y == x))
    })
}

/// An M2M JWT's claims without the registered ones (`M2M_RESERVED_JWT_CLAIMS`), or null when
/// none are left. Built as JSON text and parsed by JS, so every key is an own property.
fn custom_claims(payload: &Value) -> JsValue {
    const RESERVED: [&str; 6] = ["iss", "sub", "exp", "nbf", "iat", "jti"];
    let Some(map) = payload.as_object() else {
        return JsValue::NULL;
    };
    let custom: serde_json::Map<String, Value> = map
        .iter()
        .filter(|(k, _)| !RESERVED.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if custom.is_empty() {
        return JsValue::NULL;
    }
    serde_json::to_string(&custom)
        .ok()
        .and_then(|text| bindings::json_parse(&JsValue::from_str(&text)).ok())
        .unwrap_or(JsValue::NULL)
}

/// `"a b"` -> `["a", "b"]`; anything else -> undefined.
fn split(v: JsValue) -> JsValue {
    v.as_string()
        .map(|s| {
            s.split(' ')
                .map(JsValue::from_str)
                .collect::<js_sys::Array>()
                .into()
        })
        .unwrap_or(JsValue::UNDEFINED)
}

/// The first value that is neither undefined nor null, else `[]` (the incumbent's `??` chain).
fn first_defined(vs: &[JsValue]) -> JsValue {
    vs.iter()
        .find(|v| !v.is_undefined() && !v.is_null())
        .cloned()
        .unwrap_or_else(|| js_sys::Array::new().into())
}

/// A signed-in machine auth object with the fields every type has; the caller adds its own.
fn signed_in(t: TokenType, id: JsValue, subject: JsValue) -> MachineAuth {
    MachineAuth::base(t, id, subject, true)
}

/// Opaque machine tokens go to the Backend API's verify operations.
async fn opaque(
    t: TokenType,
    token: &str,
    o: &RequestOptions,
) -> Result<MachineAuth, MachineFailure> {
    let (operation, field, not_found) = match t {
        TokenType::M2mToken => ("verifyM2MToken", "token", "Machine token not found"),
        TokenType::OAuthToken => (
            "verifyOAuthAccessToken",
            "access_token",
            "OAuth token not found",
        ),
        _ => ("verifyApiKey", "secret", "API key not found"),
    };
    let secret = match (t, &o.machine_secret_key, &o.verify.api) {
        (TokenType::M2mToken, Some(m), _) => m.clone(),
        (_, _, Some(api)) => api.secret_key.clone(),
        _ => {
            return Err(refuse(
                UNEXPECTED_ERROR,
                "A secret key is required to verify machine tokens.",
                None,
            ))
        }
    };
    let api = Api {
        secret_key: secret,
        ..o.verify.api.clone().unwrap_or_else(|| Api {
            server_url: super::bapi::DEFAULT_SERVER_URL.to_string(),
            secret_key: String::new(),
            fetch: None,
            timeout_ms: super::bapi::DEFAULT_TIMEOUT_MS,
        })
    };
    let params = bindings::object(&[(field, JsValue::from_str(token))]);
    match api.call(operation, &params).await {
        Outcome::Ok(data) if data.is_object() => Ok(from_api(t, &data)),
        Outcome::Ok(_) | Outcome::Unusable(_) => {
            Err(refuse(UNEXPECTED_ERROR, "Unexpected error", Some(200)))
        }
        Outcome::Status { status: 401, .. } => {
            Err(refuse(SECRET_KEY_INVALID, "Invalid secret key", Some(401)))
        }
        Outcome::Status { status: 404, .. } => Err(refuse(TOKEN_INVALID, not_found, Some(404))),
        Outcome::Status { status, .. } => {
            Err(refuse(UNEXPECTED_ERROR, "Unexpected error", Some(status)))
        }
        Outcome::Unreachable => Err(refuse(UNEXPECTED_ERROR, "Unexpected error", None)),
    }
}

/// The auth object of a machine token the Backend API verified (`data` is its JSON).
fn from_api(t: TokenType, data: &JsValue) -> MachineAuth {
    let field = |k: &str| bindings::get_or_undefined(data, k);
    let subject = field("subject");
    let sub = subject.as_string().unwrap_or_default();
    let base = MachineAuth {
        scopes: field("scopes"),
        ..signed_in(t, field("id"), subject.clone())
    };
    let when = |prefix: &str| {
        Some(if sub.starts_with(prefix) {
            subject.clone()
        } else {
            JsValue::NULL
        })
    };
    match t {
        TokenType::ApiKey => MachineAuth {
            name: Some(field("name")),
            claims: Some(field("claims")),
            user_id: when("user_"),
            org_id: when("org_"),
            ..base
        },
        TokenType::M2mToken => MachineAuth {
            claims: Some(field("claims")),
            machine_id: Some(subject.clone()),
            ..base
        },
        _ => MachineAuth {
            user_id: Some(subject.clone()),
            client_id: Some(field("client_id")),
            ..base
        },
    }
}
