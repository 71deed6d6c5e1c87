//! A verified session token as the auth object `toAuth()` returns: session token v1 claims
//! (`org_id`, `org_role`, ...) and v2 (`v: 2`, the compact `o` object, `fea`), as the
//! incumbent's `signedInAuthObject` reads them.

use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::claims::{truthy, Loose};
use super::machine::TokenType;
use super::permissions;
use super::state::SessionAuth;
use crate::bindings;

/// The claims the auth object is computed from (the rest is passed through as JS values).
#[derive(Deserialize, Default)]
#[serde(default)]
struct SessionClaims {
    v: Loose<f64>,
    o: Option<Value>,
    fea: Loose<String>,
    sts: Loose<String>,
}

/// v2's organization claim: `rol` (role without `org:`), `per` (permission names), `fpm` (per
/// feature, a bitmask of `per`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct OrgClaims {
    rol: Option<Value>,
    per: Loose<String>,
    fpm: Loose<String>,
}

/// The auth object of a verified session token, and whether its session is pending (`sts`).
/// `claims` is the payload as `JSON.parse` gave it, `payload` the same parsed in Rust.
pub fn signed_in(claims: &JsValue, payload: &Value) -> (SessionAuth, bool) {
    let parsed = SessionClaims::deserialize(payload).unwrap_or_default();
    let claim = |k: &str| bindings::get_or_undefined(claims, k);
    let or_null = |v: JsValue| if v.is_undefined() { JsValue::NULL } else { v };
    let mut auth = SessionAuth {
        token_type: TokenType::Session.name(),
        actor: claim("act"),
        session_claims: claims.clone(),
        session_id: claim("sid"),
        session_status: or_null(claim("sts")),
        user_id: claim("sub"),
        // v1 spells the organization out: passed through as it is.
        org_id: claim("org_id"),
        org_role: claim("org_role"),
        org_slug: claim("org_slug"),
        org_permissions: claim("org_permissions"),
        factor_verification_age: or_null(claim("fva")),
        is_authenticated: true,
    };
    if parsed.v.is() == Some(&2.0) {
        (
            auth.org_id,
            auth.org_role,
            auth.org_slug,
            auth.org_permissions,
        ) = Default::default();
        if let Some(o) = parsed.o.as_ref().filter(|o| truthy(o)) {
            let org = OrgClaims::deserialize(o).unwrap_or_default();
            let o_js = claim("o");
            auth.org_id = bindings::get_or_undefined(&o_js, "id");
            auth.org_slug = bindings::get_or_undefined(&o_js, "slg");
            if let Some(rol) = org.rol.filter(truthy) {
                auth.org_role = format!("org:{}", rol.as_str().unwrap_or_default()).into();
            }
            let permissions = permissions::org_permissions(
                parsed.fea.is().map(String::as_str),
                org.per.is().map(String::as_str),
                org.fpm.is().map(String::as_str),
            );
            auth.org_permissions = permissions
                .iter()
                .map(|p| JsValue::from_str(p))
                .collect::<js_sys::Array>()
                .into();
        }
    }
    let pending = parsed.sts.is().map(String::as_str) == Some("pending");
    (auth, pending)
}
