//! The auth object `toAuth()` returns, as plain data: a session's properties read from its claims
//! (`@clerk/shared`'s `__experimental_JWTPayloadToAuthObjectProperties`, session token v1 and v2),
//! what `has()` decides from, and the Backend API call `getToken({ template })` makes. Claims
//! are passed through as JSON values, as the incumbent passes them.

use serde_json::{json, Map, Value};

use super::authorization::{split_by_scope, Authorization};
use super::host::{ApiCall, Claims, Endpoint};
use super::permissions;

/// A signed-in session's auth object (`SignedInAuthObject` without its functions). `None` is
/// `undefined`, as the incumbent leaves absent claims.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionAuth {
    pub session_claims: Claims,
    pub session_id: Option<Value>,
    /// `sts`, or null.
    pub session_status: Value,
    pub actor: Option<Value>,
    pub user_id: Option<Value>,
    pub org_id: Option<Value>,
    pub org_role: Option<Value>,
    pub org_slug: Option<Value>,
    pub org_permissions: Option<Value>,
    /// `fva`, or null.
    pub factor_verification_age: Value,
    pub authorization: Authorization,
}

fn js_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a.iter().map(js_string).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

impl SessionAuth {
    /// From verified claims. Err: the claims make the incumbent throw (a v2 `fea` element
    /// without a scope, or a `fea` that is not a string while `o` is present).
    pub fn from_claims(claims: &Claims) -> Result<SessionAuth, String> {
        let get = |k: &str| claims.get(k).cloned();
        let (mut org_id, mut org_role, mut org_slug, mut org_permissions) =
            (None, None, None, None);
        if claims.get("v").and_then(Value::as_f64) == Some(2.0) {
            if let Some(o) = claims.get("o").filter(|o| super::coerce::truthy(Some(o))) {
                let field = |k: &str| o.as_object().and_then(|m| m.get(k)).cloned();
                org_id = field("id");
                org_slug = field("slg");
                if let Some(rol) = field("rol").filter(|r| super::coerce::truthy(Some(r))) {
                    org_role = Some(Value::String(format!("org:{}", js_string(&rol))));
                }
                let fea = match claims.get("fea") {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) if !super::coerce::truthy(Some(other)) => String::new(),
                    Some(_) => return Err("fea is not a string".into()),
                };
                split_by_scope(&fea)?;
                // `per` and `fpm` are split as strings when truthy (anything else throws there).
                let text = |k: &str| match field(k) {
                    Some(Value::String(s)) => Ok(Some(s)),
                    v if !super::coerce::truthy(v.as_ref()) => Ok(None),
                    _ => Err(format!("o.{k} is not a string")),
                };
                let (per, fpm) = (text("per")?, text("fpm")?);
                let perms =
                    permissions::org_permissions(Some(&fea), per.as_deref(), fpm.as_deref());
                org_permissions = Some(json!(perms));
            }
        } else {
            org_id = get("org_id");
            org_role = get("org_role");
            org_slug = get("org_slug");
            org_permissions = get("org_permissions");
        }
        let or_null = |v: Option<Value>| v.unwrap_or(Value::Null);
        let falsy_to_empty = |v: Option<Value>| {
            Some(
                v.filter(|x| super::coerce::truthy(Some(x)))
                    .unwrap_or(json!("")),
            )
        };
        Ok(SessionAuth {
            session_claims: claims.clone(),
            session_id: get("sid"),
            session_status: or_null(get("sts")),
            actor: get("act"),
            user_id: get("sub"),
            authorization: Authorization {
                user_id: get("sub"),
                org_id: org_id.clone(),
                org_role: org_role.clone(),
                org_permissions: org_permissions.clone(),
                factor_verification_age: get("fva"),
                features: falsy_to_empty(get("fea")),
                plans: falsy_to_empty(get("pla")),
            },
            org_id,
            org_role,
            org_slug,
            org_permissions,
            factor_verification_age: or_null(get("fva")),
        })
    }

    /// A pending session (`sts: "pending"`): `toAuth()` reports it signed out unless the caller
    /// passes `treatPendingAsSignedOut: false`.
    pub fn is_pending(&self) -> bool {
        self.session_status.as_str() == Some("pending")
    }
}

/// `getToken(options)`: None returns the session token itself (or null without a session id);
/// Some is `POST /sessions/{sid}/tokens[/{template}]`, whose response's `jwt` is the answer.
pub fn token_call(
    session_id: &str,
    template: Option<&str>,
    expires_in_seconds: Option<f64>,
) -> Option<ApiCall> {
    let template = template.filter(|t| !t.is_empty());
    if template.is_none() && expires_in_seconds.is_none() {
        return None;
    }
    let mut path_params = vec![("session_id", session_id.to_string())];
    let endpoint = match template {
        Some(t) => {
            path_params.push(("template_name", t.to_string()));
            Endpoint::SessionTokenFromTemplate
        }
        None => Endpoint::SessionToken,
    };
    let body = expires_in_seconds.map(|e| {
        let mut m = Map::new();
        m.insert("expires_in_seconds".into(), super::coerce::json_number(e));
        m
    });
    Some(ApiCall {
        endpoint,
        path_params,
        query: Vec::new(),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::flow::authorization::{Asked, HasQuery};

    fn claims(v: Value) -> Claims {
        v.as_object().unwrap().clone()
    }

    // Cases from @clerk/shared's jwtPayloadParser.spec.ts and the backend's authObjects.test.ts.
    #[test]
    fn v2_claims() {
        let c = claims(json!({
            "v": 2, "sub": "user_1", "sid": "sess_1", "fva": [1, -1], "sts": "active",
            "fea": "o:impersonation,o:memberships,u:dashboard",
            "o": { "id": "org_1", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,1" }
        }));
        let a = SessionAuth::from_claims(&c).unwrap();
        assert_eq!(a.org_id, Some(json!("org_1")));
        assert_eq!(a.org_slug, Some(json!("acme")));
        assert_eq!(a.org_role, Some(json!("org:admin")));
        assert_eq!(
            a.org_permissions,
            Some(json!([
                "org:impersonation:read",
                "org:impersonation:manage",
                "org:memberships:read"
            ]))
        );
        assert_eq!(a.factor_verification_age, json!([1, -1]));
        assert!(!a.is_pending());
        let has = |q: HasQuery| a.authorization.has(&q);
        assert!(has(HasQuery {
            permission: Asked::Yes("org:memberships:read".into()),
            ..HasQuery::default()
        }));
        assert!(!has(HasQuery {
            permission: Asked::Yes("org:memberships:manage".into()),
            ..HasQuery::default()
        }));
        assert!(has(HasQuery {
            role: Asked::Yes("admin".into()),
            ..HasQuery::default()
        }));
        assert!(has(HasQuery {
            feature: Asked::Yes("dashboard".into()),
            ..HasQuery::default()
        }));
    }

    #[test]
    fn v2_without_organization_and_v1() {
        let a = SessionAuth::from_claims(&claims(
            json!({ "v": 2, "sub": "u", "sid": "s", "sts": "pending" }),
        ))
        .unwrap();
        assert_eq!(
            (
                a.org_id.clone(),
                a.org_role.clone(),
                a.org_permissions.clone()
            ),
            (None, None, None)
        );
        assert_eq!(a.factor_verification_age, Value::Null);
        assert!(a.is_pending());
        let v1 = SessionAuth::from_claims(&claims(json!({
            "sub": "u", "sid": "s", "org_id": "org_9", "org_role": "org:basic", "org_slug": "s9",
            "org_permissions": ["org:x:read"], "act": { "sub": "user_admin" }
        })))
        .unwrap();
        assert_eq!(v1.org_role, Some(json!("org:basic")));
        assert_eq!(v1.actor, Some(json!({ "sub": "user_admin" })));
        assert!(v1.authorization.has(&HasQuery {
            permission: Asked::Yes("org:x:read".into()),
            ..HasQuery::default()
        }));
        // A v2 `fea` element without a scope makes the incumbent throw.
        assert!(SessionAuth::from_claims(&claims(
            json!({ "v": 2, "sub": "u", "fea": "x", "o": { "id": "o" } })
        ))
        .is_err());
    }

    #[test]
    fn get_token_calls() {
        assert_eq!(token_call("sess_1", None, None), None);
        assert_eq!(token_call("sess_1", Some(""), None), None);
        let c = token_call("sess_1", Some("hasura/x"), Some(60.0)).unwrap();
        assert_eq!(c.encoded_path(), "/sessions/sess_1/tokens/hasura%2Fx");
        assert_eq!(
            Value::Object(c.body.unwrap()),
            json!({ "expires_in_seconds": 60 })
        );
        assert_eq!(
            token_call("sess_1", None, Some(30.0))
                .unwrap()
                .encoded_path(),
            "/sessions/sess_1/tokens"
        );
    }
}
