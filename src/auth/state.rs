//! What `authenticateRequest` resolves to, as derived `Serialize` types: the request state and
//! the auth objects `toAuth()` returns. serde-wasm-bindgen turns them into plain JS objects
//! (`bindings::to_js`); `pkg/core.js` adds the functions (`toAuth`, `getToken`, `has`).
//!
//! Values that come from a token or a Backend API response (claims, ids, scopes) are kept as
//! the JS values `JSON.parse` made (`serde_wasm_bindgen::preserve`): a `"__proto__"` key stays
//! an own property, as in the incumbent, instead of becoming an object's prototype.

use serde::Serialize;
use serde_wasm_bindgen::preserve;
use wasm_bindgen::JsValue;

use super::machine::TokenType;

/// The auth object of a session token (signed in, or signed out with nulls).
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct SessionAuth {
    pub token_type: &'static str,
    #[serde(with = "preserve")]
    pub actor: JsValue,
    #[serde(with = "preserve")]
    pub session_claims: JsValue,
    #[serde(with = "preserve")]
    pub session_id: JsValue,
    #[serde(with = "preserve")]
    pub session_status: JsValue,
    #[serde(with = "preserve")]
    pub user_id: JsValue,
    #[serde(with = "preserve")]
    pub org_id: JsValue,
    #[serde(with = "preserve")]
    pub org_role: JsValue,
    #[serde(with = "preserve")]
    pub org_slug: JsValue,
    #[serde(with = "preserve")]
    pub org_permissions: JsValue,
    #[serde(with = "preserve")]
    pub factor_verification_age: JsValue,
    pub is_authenticated: bool,
}

impl SessionAuth {
    /// Signed out: every field null; `session_status` says why when a session exists but does
    /// not count (`"pending"`).
    pub fn signed_out(session_status: JsValue) -> SessionAuth {
        SessionAuth {
            token_type: TokenType::Session.name(),
            actor: JsValue::NULL,
            session_claims: JsValue::NULL,
            session_id: JsValue::NULL,
            session_status,
            user_id: JsValue::NULL,
            org_id: JsValue::NULL,
            org_role: JsValue::NULL,
            org_slug: JsValue::NULL,
            org_permissions: JsValue::NULL,
            factor_verification_age: JsValue::NULL,
            is_authenticated: false,
        }
    }
}

/// The auth object of a machine token (API key, M2M, OAuth). Fields that do not apply to the
/// token type are left out, as the incumbent does.
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct MachineAuth {
    pub token_type: &'static str,
    #[serde(with = "preserve")]
    pub id: JsValue,
    #[serde(with = "preserve")]
    pub subject: JsValue,
    #[serde(with = "preserve")]
    pub scopes: JsValue,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub name: Option<JsValue>,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub claims: Option<JsValue>,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub user_id: Option<JsValue>,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub org_id: Option<JsValue>,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub machine_id: Option<JsValue>,
    #[serde(skip_serializing_if = "Option::is_none", with = "optional")]
    pub client_id: Option<JsValue>,
    pub is_authenticated: bool,
}

impl MachineAuth {
    /// The fields every machine token type has; the type's own ones left out (`None`).
    pub fn base(t: TokenType, id: JsValue, subject: JsValue, is_authenticated: bool) -> Self {
        MachineAuth {
            token_type: t.name(),
            id,
            subject,
            scopes: if is_authenticated {
                JsValue::UNDEFINED
            } else {
                JsValue::NULL
            },
            name: None,
            claims: None,
            user_id: None,
            org_id: None,
            machine_id: None,
            client_id: None,
            is_authenticated,
        }
    }

    /// Not authenticated: the type's fields, all null.
    pub fn unauthenticated(t: TokenType) -> MachineAuth {
        let null = || Some(JsValue::NULL);
        let mut a = MachineAuth::base(t, JsValue::NULL, JsValue::NULL, false);
        match t {
            TokenType::ApiKey => {
                (a.name, a.claims, a.user_id, a.org_id) = (null(), null(), null(), null())
            }
            TokenType::M2m => (a.claims, a.machine_id) = (null(), null()),
            _ => (a.user_id, a.client_id) = (null(), null()),
        }
        a
    }
}

/// `preserve` for an `Option<JsValue>` whose `None` is skipped.
mod optional {
    use serde::Serializer;
    use wasm_bindgen::JsValue;

    pub fn serialize<S: Serializer>(v: &Option<JsValue>, s: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(v.as_ref().unwrap_or(&JsValue::UNDEFINED), s)
    }
}

/// What `toAuth()` returns.
#[derive(Serialize, Clone)]
#[serde(untagged)]
pub enum Auth {
    Session(SessionAuth),
    Machine(MachineAuth),
    /// A token of a type the options did not accept, before its type mattered.
    Unaccepted {
        #[serde(rename = "isAuthenticated")]
        is_authenticated: bool,
        #[serde(rename = "tokenType")]
        token_type: Option<&'static str>,
    },
}

/// The resolved value of `authenticateRequest` (before `pkg/core.js` adds `toAuth`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestState {
    pub status: &'static str,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub is_signed_in: bool,
    pub is_authenticated: bool,
    pub token_type: Option<&'static str>,
    pub token: Option<String>,
    #[serde(with = "preserve")]
    pub payload: JsValue,
    pub publishable_key: String,
    pub proxy_url: &'static str,
    pub domain: &'static str,
    pub sign_in_url: &'static str,
    pub sign_up_url: &'static str,
    pub after_sign_in_url: &'static str,
    pub after_sign_up_url: &'static str,
    pub is_satellite: bool,
    /// A `Headers`: the `x-clerk-auth-*` debug headers on a signed-out state.
    #[serde(with = "preserve")]
    pub headers: JsValue,
    /// What `toAuth()` returns.
    pub auth: Auth,
    /// What `toAuth({ treatPendingAsSignedOut: false })` returns, when that differs.
    pub auth_if_pending_allowed: Option<Auth>,
}
