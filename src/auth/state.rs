//! What `authenticateRequest` resolves to, as JS values: the flow's `Outcome` becomes the
//! RequestState (derived `Serialize` types turned into plain objects by serde-wasm-bindgen,
//! `bindings::to_js`; its `headers` a real `Headers`), and each view `toAuth()` can return
//! becomes an [`AuthData`]: the auth object's fields, the data `debug()` shows, and an opaque
//! [`Access`] text that `pkg/core.js` hands back to `authHas` / `authGetToken` (exports.rs), so
//! `has()` and `getToken()` run here, in Rust.
//!
//! Values that come from a token or a Backend API response (claims, ids, scopes) are the JS
//! values `JSON.parse` made (`serde_wasm_bindgen::preserve`, `bindings::json_to_js`): a
//! `"__proto__"` key stays an own property, as in the incumbent, instead of becoming an
//! object's prototype.

use serde::Serialize;
use serde_json::{Map, Value};
use serde_wasm_bindgen::preserve;
use wasm_bindgen::JsValue;

use super::flow::auth_object::SessionAuth;
use super::flow::authorization::Authorization;
use super::flow::state::{AuthView, Echo, Outcome};
use super::host::JsHost;
use super::token_kind::TokenType;
use crate::bindings;

/// The fields of a session's auth object (signed in, or signed out with nulls).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionFields {
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

impl SessionFields {
    /// Signed out: every field null; `session_status` says why when a session exists but does
    /// not count (`"pending"`).
    fn signed_out(session_status: JsValue) -> SessionFields {
        SessionFields {
            token_type: TokenType::SessionToken.as_str(),
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

    /// Signed in: the claims as the flow read them; `claims` is `JSON.parse` of the payload.
    fn signed_in(auth: &SessionAuth, claims: JsValue) -> SessionFields {
        let js = |v: &Option<Value>| v.as_ref().map_or(JsValue::UNDEFINED, bindings::json_to_js);
        SessionFields {
            token_type: TokenType::SessionToken.as_str(),
            actor: js(&auth.actor),
            session_claims: claims,
            session_id: js(&auth.session_id),
            session_status: bindings::json_to_js(&auth.session_status),
            user_id: js(&auth.user_id),
            org_id: js(&auth.org_id),
            org_role: js(&auth.org_role),
            org_slug: js(&auth.org_slug),
            org_permissions: js(&auth.org_permissions),
            factor_verification_age: bindings::json_to_js(&auth.factor_verification_age),
            is_authenticated: true,
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
            token_type: t.as_str(),
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
            TokenType::M2mToken => (a.claims, a.machine_id) = (null(), null()),
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

/// The fields of the object `toAuth()` returns.
#[derive(Serialize)]
#[serde(untagged)]
enum Fields<'a> {
    Session(SessionFields),
    Machine(&'a MachineAuth),
    UnauthenticatedMachine(MachineAuth),
    /// A token of a type `acceptsToken` does not list.
    InvalidToken {
        #[serde(rename = "isAuthenticated")]
        is_authenticated: bool,
        #[serde(rename = "tokenType")]
        token_type: Option<&'static str>,
    },
}

/// What `getToken()` resolves to.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub enum TokenAccess {
    /// `null` (signed out).
    None,
    /// The machine token itself.
    Machine(String),
    /// A signed-in session: its token, or (`template`, `expiresInSeconds`) a new one from the
    /// Backend API; null without a session id (`sid`, any JSON).
    Session { id: Value, token: String },
}

/// What `has()` and `getToken()` decide from: kept by `pkg/core.js` as JSON text, immutable
/// (as the incumbent's closures are), and read back by `authHas` / `authGetToken`.
#[derive(Serialize, Debug, PartialEq)]
pub struct Access {
    pub token: TokenAccess,
    pub authorization: Authorization,
}

impl Access {
    /// Reads back the text [`access_text`] wrote (serde's externally tagged enum: `"None"`,
    /// `{"Machine":token}`, `{"Session":{"id":..,"token":..}}`; every authorization member,
    /// `null` for none). Only this package's auth objects hand it text (it is not a public
    /// export), so the reading is that of the writer's one format, off one `Value` parse.
    pub fn from_text(text: &str) -> Option<Access> {
        let v: Value = crate::auth::json::value(text.as_bytes()).ok()?;
        let token = match v.get("token")? {
            Value::String(none) if none == "None" => TokenAccess::None,
            Value::Object(tagged) if tagged.len() == 1 => match tagged.iter().next()? {
                (tag, Value::String(t)) if tag == "Machine" => TokenAccess::Machine(t.clone()),
                (tag, Value::Object(s)) if tag == "Session" => TokenAccess::Session {
                    id: s.get("id")?.clone(),
                    token: s.get("token")?.as_str()?.to_string(),
                },
                _ => return None,
            },
            _ => return None,
        };
        let a = v.get("authorization")?.as_object()?;
        let member = |name: &str| a.get(name).filter(|v| !v.is_null()).cloned();
        let authorization = Authorization {
            user_id: member("user_id"),
            org_id: member("org_id"),
            org_role: member("org_role"),
            org_permissions: member("org_permissions"),
            factor_verification_age: member("factor_verification_age"),
            features: member("features"),
            plans: member("plans"),
        };
        Some(Access {
            token,
            authorization,
        })
    }
}

/// One view `toAuth()` can return, before `pkg/core.js` adds `getToken`, `has` and `debug`.
#[derive(Serialize)]
pub struct AuthData<'a> {
    fields: Fields<'a>,
    /// [`Access`] as JSON text.
    access: String,
    /// What `debug()` returns (a copy each call).
    #[serde(with = "preserve")]
    debug: JsValue,
}

fn debug_js(data: &Map<String, Value>) -> JsValue {
    bindings::json_to_js(&Value::Object(data.clone()))
}

fn access_text(token: TokenAccess, authorization: Authorization) -> String {
    serde_json::to_string(&Access {
        token,
        authorization,
    })
    .unwrap_or_default()
}

/// A `toAuth()` view as [`AuthData`] (None: `toAuth()` returns null, a handshake).
fn auth_data<'a>(
    view: AuthView<'a, MachineAuth>,
    outcome: &'a Outcome<MachineAuth>,
    host: &JsHost,
) -> Option<AuthData<'a>> {
    let token = outcome.token.clone().unwrap_or_default();
    let none = || access_text(TokenAccess::None, Authorization::default());
    Some(match view {
        AuthView::Null => return None,
        AuthView::Session(auth) => {
            let claims = host
                .payload_text(&token)
                .and_then(|text| bindings::json_parse(&JsValue::from_str(&text)).ok())
                .unwrap_or(JsValue::NULL);
            let id = auth.session_id.clone().unwrap_or(Value::Null);
            AuthData {
                fields: Fields::Session(SessionFields::signed_in(auth, claims)),
                access: access_text(
                    TokenAccess::Session { id, token },
                    auth.authorization.clone(),
                ),
                debug: debug_js(&outcome.debug),
            }
        }
        AuthView::SignedOut {
            session_status,
            debug,
        } => AuthData {
            fields: Fields::Session(SessionFields::signed_out(bindings::json_to_js(
                &session_status,
            ))),
            access: none(),
            debug: debug_js(&debug),
        },
        AuthView::Machine(_, machine) => AuthData {
            fields: Fields::Machine(machine),
            access: access_text(TokenAccess::Machine(token), Authorization::default()),
            debug: debug_js(&outcome.debug),
        },
        AuthView::UnauthenticatedMachine(kind) => AuthData {
            fields: Fields::UnauthenticatedMachine(MachineAuth::unauthenticated(kind)),
            access: none(),
            debug: debug_js(&outcome.debug),
        },
        AuthView::InvalidToken => AuthData {
            fields: Fields::InvalidToken {
                is_authenticated: false,
                token_type: None,
            },
            access: none(),
            debug: js_sys::Object::new().into(),
        },
    })
}

/// The auth object of a request whose token is not of the type a caller accepts (the
/// incumbent's `getAuthObjectForAcceptedToken`): signed out for `session_token`, an
/// unauthenticated machine object for a machine type, the invalid-token object for none.
pub fn not_accepted(kind: Option<TokenType>) -> Result<JsValue, JsValue> {
    let debug = debug_js(&super::flow::state::debug_data(Map::new()));
    let data = match kind {
        None => AuthData {
            fields: Fields::InvalidToken {
                is_authenticated: false,
                token_type: None,
            },
            access: access_text(TokenAccess::None, Authorization::default()),
            debug: js_sys::Object::new().into(),
        },
        Some(TokenType::SessionToken) => AuthData {
            fields: Fields::Session(SessionFields::signed_out(JsValue::NULL)),
            access: access_text(TokenAccess::None, Authorization::default()),
            debug,
        },
        Some(machine) => AuthData {
            fields: Fields::UnauthenticatedMachine(MachineAuth::unauthenticated(machine)),
            access: access_text(TokenAccess::None, Authorization::default()),
            debug,
        },
    };
    bindings::to_js(&data)
}

/// The resolved value of `authenticateRequest` (before `pkg/core.js` adds `toAuth`), in the
/// incumbent's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestState<'a> {
    status: &'static str,
    reason: Option<String>,
    message: Option<&'a str>,
    proxy_url: &'a str,
    publishable_key: &'a str,
    is_satellite: bool,
    domain: &'a str,
    sign_in_url: &'a str,
    sign_up_url: &'a str,
    after_sign_in_url: &'a str,
    after_sign_up_url: &'a str,
    is_signed_in: bool,
    is_authenticated: bool,
    token_type: Option<&'static str>,
    /// A `Headers`: `Location`, each `Set-Cookie` appended on its own, `Cache-Control`, the
    /// `x-clerk-auth-*` debug headers.
    #[serde(with = "preserve")]
    headers: JsValue,
    token: Option<&'a str>,
    /// What `toAuth()` returns (null: a handshake).
    auth: Option<AuthData<'a>>,
    /// What `toAuth({ treatPendingAsSignedOut: false })` returns, when that differs.
    auth_if_pending_allowed: Option<AuthData<'a>>,
}

/// The flow's headers as a `Headers`, in order. A value `Headers` refuses (a Set-Cookie from
/// the Backend API with characters above U+00FF) is left out rather than failing the request.
fn headers(pairs: &[(String, String)]) -> Result<JsValue, JsValue> {
    let h = web_sys::Headers::new()?;
    for (name, value) in pairs {
        let _ = h.append(name, value);
    }
    Ok(h.into())
}

/// The flow's outcome as the JS RequestState.
#[inline(never)]
pub fn request_state(outcome: &Outcome<MachineAuth>, host: &JsHost) -> Result<JsValue, JsValue> {
    let Echo {
        proxy_url,
        publishable_key,
        is_satellite,
        domain,
        sign_in_url,
        sign_up_url,
        after_sign_in_url,
        after_sign_up_url,
    } = &outcome.echo;
    let signed_in = outcome.status == super::reason::Status::SignedIn;
    let view = outcome.to_auth(true);
    // A pending session reads as signed out unless the caller allows it.
    let pending_differs = matches!(view, AuthView::SignedOut { .. })
        && matches!(outcome.to_auth(false), AuthView::Session(_));
    let auth = auth_data(view, outcome, host);
    let auth_if_pending_allowed = if pending_differs {
        auth_data(outcome.to_auth(false), outcome, host)
    } else {
        None
    };
    bindings::to_js(&RequestState {
        status: outcome.status.as_str(),
        reason: outcome.reason.as_ref().map(|r| r.to_string()),
        message: outcome.message.as_deref(),
        proxy_url,
        publishable_key,
        is_satellite: *is_satellite,
        domain,
        sign_in_url,
        sign_up_url,
        after_sign_in_url,
        after_sign_up_url,
        is_signed_in: signed_in,
        is_authenticated: signed_in,
        token_type: outcome.token_type.map(TokenType::as_str),
        headers: headers(&outcome.headers)?,
        token: outcome.token.as_deref(),
        auth,
        auth_if_pending_allowed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn access_text_reads_back_as_written() {
        let tokens = [
            TokenAccess::None,
            TokenAccess::Machine("mt_1".into()),
            TokenAccess::Session {
                id: json!("sess_1"),
                token: "a.b.c".into(),
            },
            TokenAccess::Session {
                id: json!(null),
                token: String::new(),
            },
            TokenAccess::Session {
                id: json!({ "odd": [1, "sid"] }),
                token: "t".into(),
            },
        ];
        let values = [
            json!("org_1"),
            json!(""),
            json!(0),
            json!(false),
            json!(["a", 1]),
            json!({}),
        ];
        for token in tokens {
            for (i, v) in values.iter().enumerate() {
                let some = |k: usize| (!(i + k).is_multiple_of(3)).then(|| v.clone());
                let authorization = Authorization {
                    user_id: some(0),
                    org_id: some(1),
                    org_role: some(2),
                    org_permissions: some(3),
                    factor_verification_age: some(4),
                    features: some(5),
                    plans: some(6),
                };
                let text = serde_json::to_string(&Access {
                    token: token.clone(),
                    authorization: authorization.clone(),
                })
                .unwrap();
                let read = Access::from_text(&text).expect(&text);
                assert_eq!(read.token, token, "{text}");
                assert_eq!(read.authorization, authorization, "{text}");
            }
        }
        for other in [
            "",
            "null",
            "[]",
            "{}",
            r#"{"token":"None"}"#,
            r#"{"token":{"Machine":1},"authorization":{}}"#,
        ] {
            assert!(Access::from_text(other).is_none(), "{other}");
        }
    }
}
